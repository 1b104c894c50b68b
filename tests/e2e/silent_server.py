#!/usr/bin/env python3
"""A server that accepts TCP connections and never says a word (a hung
machine): listens on a free port of 127.0.0.1, writes the port number to
PORTFILE, and holds every connection until no new one has come for SECONDS
(default 90)."""
import os
import socket
import sys

port_file = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 90
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(64)
with open(port_file + ".tmp", "w") as f:
    f.write(str(s.getsockname()[1]))
os.rename(port_file + ".tmp", port_file)
held = []
s.settimeout(seconds)
try:
    while True:
        held.append(s.accept()[0])  # read nothing, say nothing
except OSError:
    pass
