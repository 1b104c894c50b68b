#!/usr/bin/env python3
"""Check a ticket's text lines (from `wegwijzer ticket --lines`) against the
shipped PO catalogue of the ticket's language: no line of a non-Dutch ticket
may be a Dutch source text (msgid) that the catalogue translates otherwise,
or leaves untranslated. Prints one problem a line; exit 1 when any."""
import sys


def unquote(s):
    s = s.strip()[1:-1]
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(n, n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_po(path):
    entries, msgid, msgstr, cur, fuzzy = {}, None, None, None, False
    def flush():
        if msgid and not fuzzy:
            entries[msgid] = msgstr or ""
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            flush()
            msgid, msgstr, cur = unquote(line[6:]), None, "id"
        elif line.startswith("msgstr "):
            msgstr, cur = unquote(line[7:]), "str"
        elif line.startswith('"'):
            if cur == "id":
                msgid += unquote(line)
            elif cur == "str":
                msgstr += unquote(line)
        elif not line.strip():
            flush()
            msgid, msgstr, cur, fuzzy = None, None, None, False
    flush()
    return entries


def main():
    lines_file, po_dir = sys.argv[1], sys.argv[2]
    rows = [l.rstrip("\n").split("\t", 1) for l in open(lines_file, encoding="utf-8")]
    lang = rows[0][1]
    if lang == "nl":
        return 0
    po = read_po(f"{po_dir}/{lang}.po")
    bad = 0
    for kind, text in rows[1:]:
        if kind == "number":
            continue
        if text in po and po[text] != text:
            why = "untranslated" if not po[text] else f'catalogue says "{po[text]}"'
            print(f'{lines_file}: {lang}: {kind} line "{text}" is Dutch ({why})')
            bad += 1
    return 1 if bad else 0


sys.exit(main())
