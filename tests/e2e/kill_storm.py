#!/usr/bin/env python3
"""kill -9 in the middle of bookings, and a lock held too long, for
tests/e2e/test_faults.sh.

  kill_storm.py book --bin B --rounds N --procs P --out FILE [--seed S]
  kill_storm.py kiosk --bin B --runs N --script F --out FILE [--seed S]
  kill_storm.py lock --db FILE --flag F --seconds N
  kill_storm.py wal --db FILE

book: N rounds; each starts P `B book` processes at once (partners and
modes mixed, each with its own request id), waits a random time from a
fraction of a millisecond to tens of milliseconds and sends SIGKILL to those
still running. kiosk: N runs of the scripted kiosk, each killed at a random
moment up to a little past the time a run takes (some finish). Both write one line per
process to FILE:

  REQUEST-ID  killed|exit:STATUS  TICKET-or--

(the kiosk's request ids are its own: "-" there). Location, clock and state
come from the environment (WEGWIJZER_*).

lock: another process holding the SQLite file's write lock (BEGIN
EXCLUSIVE, with a write in it) for N seconds, then rolling back; F is
created once the lock is held.

wal: what FILE-wal holds, as "bytes=B frames=F commits=C" (frames of the
current WAL header's salt; a commit frame ends a transaction).
"""
import argparse
import os
import random
import signal
import sqlite3
import struct
import subprocess
import time

ASKS = [
    ["--partner", "sociaal-raadslieden", "--first-free"],
    ["--partner", "belastingdienst", "--first-free"],
    ["--partner", "algemene-balie", "--later-day"],
    ["--partner", "werk-inkomen", "--first-free"],
]


def delay(rng, full):
    """When to kill: a fraction of a millisecond in (start-up) to a little
    past `full`, the time a booking takes when nobody kills it, so many kills
    land in the last part, where the store is opened and written."""
    return rng.choice([rng.uniform(0.0002, 0.002), rng.uniform(0.0, full),
                       rng.uniform(0.6 * full, 1.2 * full)])


def finish(p, deadline):
    """Kill p unless it ended before `deadline`; return its outcome."""
    left = deadline - time.monotonic()
    if left > 0:
        try:
            p.wait(left)
        except subprocess.TimeoutExpired:
            pass
    if p.poll() is None:
        p.send_signal(signal.SIGKILL)
        p.wait()
        return "killed"
    return "exit:%d" % p.returncode


def start(args, req, ask):
    cmd = [args.bin, "book", "--location", "weener-xl", "--request", req] + ask
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def record(out, req, how, p):
    text = p.stdout.read().decode("utf-8", "replace")
    p.stdout.close()
    ticket = "-"
    for line in text.splitlines():
        if line.startswith("ticket "):
            ticket = line.split()[1]
    out.write("%s %s %s\n" % (req, how, ticket))


def storm_book(args, rng, out):
    # How long P bookings at once take when nobody kills them (these book too).
    t0 = time.monotonic()
    procs = [start(args, "calibrate-%d" % i, ASKS[i % len(ASKS)]) for i in range(args.procs)]
    for p in procs:
        p.communicate()
    full = time.monotonic() - t0
    # Then always P at once: each gets its own moment to die.
    total = args.rounds * args.procs
    started = 0
    running = []
    while started < total or running:
        while started < total and len(running) < args.procs:
            req = "k%04d-%d" % (started // args.procs, started % args.procs)
            ask = ASKS[started % len(ASKS)]
            running.append((time.monotonic() + delay(rng, full), req, start(args, req, ask)))
            started += 1
        time.sleep(0.0002)
        now = time.monotonic()
        still = []
        for deadline, req, p in running:
            if p.poll() is not None:
                record(out, req, "exit:%d" % p.returncode, p)
            elif now >= deadline:
                p.send_signal(signal.SIGKILL)
                p.wait()
                record(out, req, "killed", p)
            else:
                still.append((deadline, req, p))
        running = still


def storm_kiosk(args, rng, out):
    cmd = [args.bin, "kiosk", "--location", "weener-xl", "--script", args.script]
    # Two runs nobody kills, to know how long a run takes (they book too).
    full = 0.0
    for _ in range(2):
        t0 = time.monotonic()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        full = max(full, time.monotonic() - t0)
    out.write("- calibrate %.3f\n" % full)
    for r in range(args.runs):
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        how = finish(p, time.monotonic() + rng.uniform(0.0002, 1.3 * full))
        out.write("- %s -\n" % how)


def hold_lock(args):
    db = sqlite3.connect(args.db, isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    db.execute("UPDATE meta SET value = value WHERE key = 'changes'")
    with open(args.flag, "w"):
        pass
    time.sleep(args.seconds)
    db.execute("ROLLBACK")


def wal_summary(args):
    try:
        with open(args.db + "-wal", "rb") as f:
            data = f.read()
    except FileNotFoundError:
        data = b""
    frames = commits = 0
    if len(data) >= 32:
        page = struct.unpack(">I", data[8:12])[0]
        salt = data[16:24]
        off = 32
        while off + 24 + page <= len(data) and data[off + 8:off + 16] == salt:
            frames += 1
            if struct.unpack(">I", data[off + 4:off + 8])[0]:
                commits += 1
            off += 24 + page
    print("bytes=%d frames=%d commits=%d" % (len(data), frames, commits))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("book")
    b.add_argument("--bin", required=True)
    b.add_argument("--rounds", type=int, default=100)
    b.add_argument("--procs", type=int, default=4)
    b.add_argument("--out", required=True)
    b.add_argument("--seed", type=int)
    k = sub.add_parser("kiosk")
    k.add_argument("--bin", required=True)
    k.add_argument("--runs", type=int, default=8)
    k.add_argument("--script", required=True)
    k.add_argument("--out", required=True)
    k.add_argument("--seed", type=int)
    h = sub.add_parser("lock")
    h.add_argument("--db", required=True)
    h.add_argument("--flag", required=True)
    h.add_argument("--seconds", type=float, required=True)
    w = sub.add_parser("wal")
    w.add_argument("--db", required=True)
    args = ap.parse_args()
    if args.cmd == "lock":
        hold_lock(args)
        return
    if args.cmd == "wal":
        wal_summary(args)
        return
    rng = random.Random(args.seed)
    with open(args.out, "w") as out:
        if args.cmd == "book":
            storm_book(args, rng, out)
        else:
            storm_kiosk(args, rng, out)


if __name__ == "__main__":
    main()
