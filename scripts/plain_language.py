#!/usr/bin/env python3
"""Plain-language figures of every resident text (B1 check for editors).

Reads the PO template (`make pot` writes it from the C sources, the flows
and partners.ini) and prints:
  - the mean length in words of every text part (sentences, labels, list
    items split at ';'),
  - the mean length of full sentences only (parts ending in . ? !), how many
    have more than 12 words and the longest,
  - the words a Dutch spell checker does not know (hunspell -d nl_NL), when
    hunspell and its Dutch dictionary are installed.

Usage: scripts/plain_language.py [locales/wegwijzer.pot]
"""
import re
import shutil
import subprocess
import sys

WORD = r"[A-Za-zÀ-ÿ0-9'’-]+"


def msgids(path):
    """Every msgid of a PO file except the header, joined over lines."""
    out, cur = [], None
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines() + [""]
    for line in lines:
        if line.startswith("msgid "):
            cur = [line[6:]]
        elif line.startswith('"') and cur is not None:
            cur.append(line)
        else:
            if cur is not None:
                text = "".join(bytes(p.strip()[1:-1], "utf-8").decode("unicode_escape")
                               .encode("latin-1").decode("utf-8") for p in cur)
                if text:
                    out.append(text)
            cur = None
    return out


def clean(text):
    text = re.sub(r"\{[a-z_]+\}", "X", text)           # placeholders
    text = re.sub(r"https?://\S+", "URL", text)        # addresses
    text = re.sub(r"(\w)\.(nl)\b", r"\1_\2", text)     # uwv.nl is one word
    return re.sub(r"(\d)\.(\d)", r"\1,\2", text)       # 8.30 is one word


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "locales/wegwijzer.pot"
    texts = [clean(t) for t in msgids(path)]
    parts = [re.findall(WORD, p) for t in texts for p in re.split(r"(?<=[.?!:;])\s+|;", t)]
    parts = [p for p in parts if p]
    words = sum(len(p) for p in parts)
    print(f"{path}: {len(texts)} texts, {len(parts)} parts, {words} words, "
          f"mean {words / len(parts):.2f} words a part")
    full = [re.findall(WORD, s) for t in texts for s in re.findall(r"[^.?!]+[.?!]", t)]
    full = [s for s in full if s]
    n = sum(len(s) for s in full)
    print(f"full sentences: {len(full)}, mean {n / len(full):.2f} words, "
          f"{sum(1 for s in full if len(s) > 12)} over 12 words, longest {max(map(len, full))}")
    if not shutil.which("hunspell"):
        print("unknown words: hunspell is not installed (apt-get install hunspell hunspell-nl)")
        return
    words_only = [re.sub(r"\w+_nl\b", " ", t) for t in texts]  # web addresses
    tokens = [w.strip("-'’") for t in words_only for w in re.findall(r"[A-Za-zÀ-ÿ'’-]+", t)]
    tokens = [w for w in tokens if w and w not in ("X", "URL")]
    run = subprocess.run(["hunspell", "-d", "nl_NL", "-l"], input="\n".join(tokens),
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        print(f"unknown words: hunspell failed: {run.stderr.strip()}")
        return
    unknown = run.stdout.split()
    print(f"unknown words (hunspell nl_NL): {len(unknown)} of {len(tokens)}, "
          f"{len(set(unknown))} distinct: {' '.join(sorted(set(unknown)))}")


if __name__ == "__main__":
    main()
