#!/usr/bin/env python3
"""A pretend ESC/POS network printer for the tests, and an ESC/POS-to-PBM
converter.

  escpos_printer.py serve --port-file F --state F --pbm-dir D [--paper-out-after ROWS]
                          [--cover-open] [--mute] [--pull-after BYTES] [--slow BYTES_PER_S]
  escpos_printer.py topbm IN.bin OUT.pbm
  escpos_printer.py capture --port-file F --out-dir D
  escpos_printer.py pty --path-file F --state F --pbm-dir D [serve's options]

pty is the same printer behind a pseudo-terminal in raw mode, the way a
USB or serial printer appears as a device file; its path goes to
--path-file and the summary is rewritten after every read.

capture is a raw port that stores what each connection sent as D/conn-N.bin
(for a CUPS queue with a socket:// device).

The server accepts one connection at a time on 127.0.0.1 (a free port,
written to --port-file), parses the byte stream command by command, "prints"
GS v 0 raster rows, answers DLE EOT n at once (real time) and GS r 1 in
order, only while it is not stopped. --near-end reports the roll nearly used
up (it still prints). With --paper-out-after ROWS the paper
runs out after that many rows: printing stops, GS r goes unanswered and DLE
EOT reports paper end, as a real printer does. Each cut writes the printed
rows of the job to D/job-N.pbm (P4 uses 1 = black, like ESC/POS). After each
connection it writes a summary to --state (key=value lines).

--slow BYTES_PER_S takes in data no faster than that (a slow printer or
line): a full ticket then takes many seconds to come out.

--pull-after BYTES pulls the cable once BYTES bytes have come in: the
network printer resets the connection (RST) and stops listening; the device
printer closes its pseudo-terminal, so the device file disappears. Either way
the printer then exits, leaving pulled=1 in its summary.
"""
import argparse
import os
import socket
import struct
import sys
import time


class Printer:
    def __init__(self, paper_rows=None, cover_open=False, mute=False, pbm_dir=None,
                 near_end=False):
        self.near_end = near_end
        self.paper_rows = paper_rows
        self.cover_open = cover_open
        self.mute = mute
        self.pbm_dir = pbm_dir
        self.rows_total = 0
        self.job_rows = []
        self.job_width = 0
        self.jobs = 0
        self.cuts = 0
        self.unknown = 0
        self.received = 0
        self.answered_gs_r = 0
        self.last_job = []
        self.pulled = False

    @property
    def paper_out(self):
        return self.paper_rows is not None and self.rows_total >= self.paper_rows

    @property
    def stopped(self):
        return self.paper_out or self.cover_open

    def status(self, n):
        b = 0x12
        if n == 1 and self.stopped:
            b |= 0x08
        if n == 2:
            if self.cover_open:
                b |= 0x04
            if self.paper_out:
                b |= 0x20
        if n == 4 and self.paper_out:
            b |= 0x60
        if n == 4 and self.near_end:
            b |= 0x0C
        return bytes([b])

    def print_rows(self, width_bytes, rows):
        for row in rows:
            if self.stopped:
                return
            self.job_rows.append(row)
            self.job_width = width_bytes
            self.rows_total += 1

    def cut(self):
        if self.stopped:
            return
        self.cuts += 1
        self.last_job = self.job_rows
        if self.pbm_dir and self.job_rows:
            path = os.path.join(self.pbm_dir, "job-%d.pbm" % self.cuts)
            with open(path, "wb") as f:
                f.write(b"P4\n%d %d\n" % (self.job_width * 8, len(self.job_rows)))
                f.write(b"".join(self.job_rows))
        self.job_rows = []

    def feed(self, buf):
        """Consume complete commands from buf; return (rest, reply bytes)."""
        out = b""
        i = 0
        n = len(buf)
        while i < n:
            c = buf[i]
            if c == 0x10:  # DLE EOT n
                if i + 3 > n:
                    break
                if buf[i + 1] == 0x04:
                    if not self.mute:
                        out += self.status(buf[i + 2])
                    i += 3
                else:
                    self.unknown += 1
                    i += 1
            elif c == 0x1B:
                if i + 2 > n:
                    break
                op = buf[i + 1]
                if op == ord("@"):
                    i += 2
                elif op in (ord("d"), ord("a"), ord("J")):
                    if i + 3 > n:
                        break
                    i += 3
                else:
                    self.unknown += 1
                    i += 2
            elif c == 0x1D:
                if i + 3 > n:
                    break
                op = buf[i + 1]
                if op == ord("v") and buf[i + 2] == ord("0"):
                    if i + 8 > n:
                        break
                    xb = buf[i + 4] | buf[i + 5] << 8
                    yr = buf[i + 6] | buf[i + 7] << 8
                    end = i + 8 + xb * yr
                    if end > n:
                        break
                    data = buf[i + 8:end]
                    self.print_rows(xb, [data[k * xb:(k + 1) * xb] for k in range(yr)])
                    i = end
                elif op == ord("V"):
                    m = buf[i + 2]
                    size = 4 if m in (65, 66) else 3
                    if i + size > n:
                        break
                    self.cut()
                    i += size
                elif op == ord("r"):
                    # In order: answered only when everything before printed.
                    if not self.stopped and not self.mute:
                        out += bytes([(0x0C if self.paper_out else 0) |
                                      (0x03 if self.near_end else 0)])
                        self.answered_gs_r += 1
                    i += 3
                else:
                    self.unknown += 1
                    i += 2
            else:
                self.unknown += 1
                i += 1
        return buf[i:], out


def write_state(p, path):
    with open(path + ".tmp", "w") as f:
        f.write("connections=%d\nrows=%d\ncuts=%d\npaper_out=%d\nbytes=%d\n"
                "unknown=%d\nconfirmations=%d\npulled=%d\n" %
                (p.jobs, p.rows_total, p.cuts, int(p.paper_out), p.received,
                 p.unknown, p.answered_gs_r, int(p.pulled)))
    os.rename(path + ".tmp", path)


def pty_printer(args):
    import pty
    import tty
    p = Printer(args.paper_out_after, args.cover_open, args.mute, args.pbm_dir, args.near_end)
    master, slave = pty.openpty()
    tty.setraw(slave)  # no echo, no line editing: bytes pass as they are
    with open(args.path_file + ".tmp", "w") as f:
        f.write(os.ttyname(slave))
    os.rename(args.path_file + ".tmp", args.path_file)
    write_state(p, args.state)
    buf = b""
    while True:
        data = os.read(master, 65536)  # the slave stays open here: never EOF
        p.received += len(data)
        if args.pull_after is not None and p.received >= args.pull_after:
            # Unplugged: the device goes away with whatever is in flight.
            p.pulled = True
            p.feed(buf + data[:len(data) - (p.received - args.pull_after)])
            os.close(slave)
            os.close(master)
            write_state(p, args.state)
            return
        buf, reply = p.feed(buf + data)
        if reply:
            os.write(master, reply)
        write_state(p, args.state)


def serve(args):
    p = Printer(args.paper_out_after, args.cover_open, args.mute, args.pbm_dir, args.near_end)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(s.getsockname()[1]))
    os.rename(tmp, args.port_file)
    while True:
        conn, _ = s.accept()
        p.jobs += 1
        buf = b""
        with conn:
            while True:
                data = conn.recv(512 if args.slow else 65536)
                if not data:
                    break
                if args.slow:
                    time.sleep(len(data) / args.slow)
                p.received += len(data)
                if args.pull_after is not None and p.received >= args.pull_after:
                    # Cable pulled: the connection resets, nothing answers any more.
                    p.pulled = True
                    p.feed(buf + data[:len(data) - (p.received - args.pull_after)])
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
                    break
                buf, reply = p.feed(buf + data)
                if reply:
                    conn.sendall(reply)
        write_state(p, args.state)
        if p.pulled:
            s.close()
            return


def capture(args):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(4)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(s.getsockname()[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    n = 0
    while True:
        conn, _ = s.accept()
        chunks = []
        with conn:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                chunks.append(data)
        if not chunks:
            continue  # a probe
        n += 1
        path = os.path.join(args.out_dir, "conn-%d.bin" % n)
        with open(path + ".tmp", "wb") as f:
            f.write(b"".join(chunks))
        os.rename(path + ".tmp", path)


def topbm(args):
    with open(args.input, "rb") as f:
        data = f.read()
    p = Printer(pbm_dir=None)
    rest, _ = p.feed(data)
    if rest or p.unknown:
        sys.exit("topbm: %d bytes left over, %d unknown" % (len(rest), p.unknown))
    rows = p.last_job or p.job_rows
    if not rows:
        sys.exit("topbm: no raster")
    with open(args.output, "wb") as f:
        f.write(b"P4\n%d %d\n" % (p.job_width * 8, len(rows)))
        f.write(b"".join(rows))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--port-file", required=True)
    s.add_argument("--state", required=True)
    s.add_argument("--pbm-dir")
    s.add_argument("--paper-out-after", type=int)
    s.add_argument("--cover-open", action="store_true")
    s.add_argument("--mute", action="store_true")
    s.add_argument("--near-end", action="store_true")
    s.add_argument("--pull-after", type=int)
    s.add_argument("--slow", type=int)
    t = sub.add_parser("topbm")
    t.add_argument("input")
    t.add_argument("output")
    y = sub.add_parser("pty")
    y.add_argument("--path-file", required=True)
    y.add_argument("--state", required=True)
    y.add_argument("--pbm-dir")
    y.add_argument("--paper-out-after", type=int)
    y.add_argument("--cover-open", action="store_true")
    y.add_argument("--mute", action="store_true")
    y.add_argument("--near-end", action="store_true")
    y.add_argument("--pull-after", type=int)
    c = sub.add_parser("capture")
    c.add_argument("--port-file", required=True)
    c.add_argument("--out-dir", required=True)
    args = ap.parse_args()
    {"serve": serve, "topbm": topbm, "capture": capture, "pty": pty_printer}[args.cmd](args)


if __name__ == "__main__":
    main()
