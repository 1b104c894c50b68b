#!/usr/bin/env python3
"""Print one line per outcome of every flow: TOPIC OUTCOME A1 A2 ...
(with --notices: TOPIC|OUTCOME|A1 A2 ...|NOTICE|NOTICE..., the outcome's
always-shown lines).

A1 A2 ... are the answer numbers (1-based, as the kiosk's answer:N targets
and `flow walk` number them) that lead from the topic's first question to
that outcome, by the shortest path. Outcomes reached only through "Ik weet
het niet" are given with the answer 0. Reads the flow files named on the
command line (kiosk-config/flows/*.flow), so tests can walk every outcome.
"""
import re
import sys
from collections import deque


def parse(path):
    topic, start, nodes, kind, notices = None, None, {}, {}, {}
    cur = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line[0] in ";#":
                continue
            m = re.match(r"^\[(topic|question|outcome) ([a-z0-9-]+)\]$", line)
            if m:
                cur = (m.group(1), m.group(2))
                if m.group(1) == "topic":
                    topic = m.group(2)
                else:
                    kind[m.group(2)] = m.group(1)
                    nodes.setdefault(m.group(2), [])
                continue
            if "=" not in line or cur is None:
                continue
            key, value = (s.strip() for s in line.split("=", 1))
            if cur[0] == "topic" and key == "start":
                start = value
            elif cur[0] == "question" and key == "answer":
                nodes[cur[1]].append(value.rsplit("->", 1)[1].strip())
            elif cur[0] == "question" and key == "dontknow":
                nodes[cur[1]].append(("0", value))
            elif cur[0] == "outcome" and key == "notice":
                notices.setdefault(cur[1], []).append(value)
    return topic, start, nodes, kind, notices


def main():
    args = sys.argv[1:]
    with_notices = bool(args) and args[0] == "--notices"
    if with_notices:
        args = args[1:]
    for path in args:
        topic, start, nodes, kind, notices = parse(path)
        seen = {start: []}
        queue = deque([start])
        while queue:
            q = queue.popleft()
            if kind.get(q) != "question":
                continue
            n = 0
            for target in nodes[q]:
                if isinstance(target, tuple):
                    num, target = target
                else:
                    n += 1
                    num = str(n)
                if target not in seen:
                    seen[target] = seen[q] + [num]
                    queue.append(target)
        for node, answers in seen.items():
            if kind.get(node) != "outcome":
                continue
            if with_notices:
                print("|".join([topic, node, " ".join(answers)] + notices.get(node, [])))
            else:
                print(topic, node, *answers)


if __name__ == "__main__":
    main()
