#!/usr/bin/env python3
"""Privacy scan of log lines: nothing a resident chose may be logged beyond ids.

    tests/soak/logscan.py --config kiosk-config --locales locales \
        [--db STORE.db ...] LOGFILE...

Looks in every line of every LOGFILE for
  - the text of every answer of every flow, in Dutch (the .flow files) and
    in every language of locales/*.po: what a resident tapped;
  - the check part of every booking in the given SQLite stores (the secret
    random part of the QR code), and anything shaped like a QR payload
    (WW1:location:check);
Ids are allowed (topic, outcome, partner, screen ids, ticket numbers like
J-014), and so are times. Exit status 1 when any line holds such a thing
(each hit printed as file:line: what), 0 otherwise."""

import argparse
import os
import re
import sqlite3
import sys

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def flow_texts(config):
    """[(text, where)] of the answers (Dutch). A topic's title says no more
    than its id, which logs may name; the answers say what is going on in a
    resident's life."""
    out = []
    d = os.path.join(config, "flows")
    for name in sorted(os.listdir(d)):
        if not name.endswith(".flow"):
            continue
        with open(os.path.join(d, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                s = line.strip()
                m = re.match(r"^answer\s*=\s*(.*?)\s*->", s)
                if m:
                    out.append((m.group(1), "%s:%d answer" % (name, n)))
    return out


def po_catalogue(path):
    """{msgid: msgstr} of a PO file (plain entries; plural forms skipped)."""
    cat = {}
    key = None
    cur = {"msgid": "", "msgstr": ""}

    def unq(s):
        s = s.strip()
        if s.startswith('"') and s.endswith('"'):
            s = s[1:-1]
        return s.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")

    def flush():
        if cur["msgid"] and cur["msgstr"]:
            cat[cur["msgid"]] = cur["msgstr"]

    with open(path, encoding="utf-8") as f:
        for line in f:
            s = line.strip()
            if s.startswith("msgid "):
                flush()
                cur = {"msgid": unq(s[6:]), "msgstr": ""}
                key = "msgid"
            elif s.startswith("msgstr "):
                cur["msgstr"] = unq(s[7:])
                key = "msgstr"
            elif s.startswith('"') and key:
                cur[key] += unq(s)
            elif s.startswith("msgid_plural") or s.startswith("msgstr["):
                key = None
            elif not s or s.startswith("#"):
                key = None
        flush()
    return cat


def terms(config, locales):
    """[(text, what)]: the resident's choices in every language."""
    base = flow_texts(config)
    out = list(base)
    if locales and os.path.isdir(locales):
        for name in sorted(os.listdir(locales)):
            if not name.endswith(".po"):
                continue
            lang = name[:-3]
            cat = po_catalogue(os.path.join(locales, name))
            for text, where in base:
                tr = cat.get(text)
                if tr and tr != text:
                    out.append((tr, "%s (%s)" % (where, lang)))
            # "Ik weet het niet" is an answer too (the screens' own text)
            tr = cat.get("Ik weet het niet")
            if tr:
                out.append((tr, "the answer 'don't know' (%s)" % lang))
    out.append(("Ik weet het niet", "the answer 'don't know' (nl)"))
    return out


def check_parts(dbs):
    codes = set()
    for db in dbs:
        if not os.path.exists(db):
            continue
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        try:
            for (c,) in con.execute("select check_code from bookings"):
                if c:
                    codes.add(c.upper())
        finally:
            con.close()
    return codes


def matcher(text):
    """A regex for a chosen text: whole words, case as written (a short
    answer such as "Ja" must not match inside another word)."""
    return re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", default="kiosk-config")
    ap.add_argument("--locales", default="locales")
    ap.add_argument("--db", action="append", default=[], help="a SQLite store of the runs")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("logs", nargs="+")
    a = ap.parse_args()

    chosen = [(t, w, matcher(t)) for t, w in terms(a.config, a.locales) if t.strip()]
    codes = check_parts(a.db)
    code_re = re.compile(r"[%s]{10}" % CROCKFORD, re.IGNORECASE)
    qr_re = re.compile(r"WW1:[A-Za-z0-9_-]*:[%s]{6,}" % CROCKFORD, re.IGNORECASE)

    hits = 0
    lines = 0
    files = 0
    for path in a.logs:
        if not os.path.isfile(path):
            continue
        files += 1
        with open(path, encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f, 1):
                lines += 1
                found = []
                if qr_re.search(line):
                    found.append("a QR payload with its check part")
                for m in code_re.finditer(line):
                    if m.group(0).upper() in codes:
                        found.append("the check part of a booking")
                        break
                for text, where, rx in chosen:
                    if text in line and rx.search(line):
                        found.append("what a resident chose: %s" % where)
                for what in found:
                    hits += 1
                    print("%s:%d: %s" % (path, n, what))
    n_langs = 1
    if os.path.isdir(a.locales):
        n_langs += len([x for x in os.listdir(a.locales) if x.endswith(".po")])
    if not a.quiet or hits:
        print("logscan: %d log lines in %d files; %d chosen texts in %d languages and %d check "
              "parts looked for; %d hits" % (lines, files, len(chosen), n_langs, len(codes), hits))
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
