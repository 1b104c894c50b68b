#!/usr/bin/env python3
"""A week of use for the scripted kiosk: writes one long kiosk script of
resident sessions on the virtual clock, with staff changes in between.

    tests/soak/gen.py --sessions 20000 --start 2026-11-23 --days 8 \
        --staff-dir DIR --pin 246813 > week.txt

Sessions are spread over the open days of the location (its [hours]), from
opening time on; the clock goes through nights and the weekend with
`wait-until`. Every topic and every language is used; paths vary: a
booking, the general desk ("talk"), going back, Opnieuw, several topics in
one visit, an idle wipe (with and without the one-tap extension), keypad
only with read-aloud, text size, contrast, slower speech, buttons lower, a
language switch midway. What the store says decides some steps (a partner
full, absent or not here today), so the script taps what is there
(`tap-any`, `on SCREEN ...`) and every session must end on a fresh attract
screen.

Staff changes from another process: the script touches DIR/req-N and waits
for DIR/done-N; DIR/cmd-N holds the `wegwijzer staff` arguments to run at
that moment (the runner does it). The kiosk's own staff screens (hidden
corner, PIN) are used now and then as well when --pin is given.

Deterministic: the same arguments give the same script. A summary goes to
standard error."""

import argparse
import datetime as dt
import os
import random
import re
import sys

WEEKDAYS_NL = ["ma", "di", "wo", "do", "vr", "za", "zo"]
WEEKDAYS_EN = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def read_ini_sections(path):
    """[(section, {key: value})] of a simple INI file (continuations ignored)."""
    out = []
    cur = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith(";") or line.startswith("#"):
                continue
            m = re.match(r"^\[([^\]]+)\]$", line)
            if m:
                cur = (m.group(1).strip(), {})
                out.append(cur)
                continue
            if cur is not None and "=" in line and not raw[0].isspace():
                k, v = line.split("=", 1)
                cur[1][k.strip()] = v.strip()
    return out


def load(config, location):
    topics = []
    for name in sorted(os.listdir(os.path.join(config, "flows"))):
        if name.endswith(".flow"):
            for sec, _ in read_ini_sections(os.path.join(config, "flows", name)):
                m = re.match(r"^topic ([a-z0-9-]+)$", sec)
                if m:
                    topics.append(m.group(1))
    loc = read_ini_sections(os.path.join(config, "locations", location + ".ini"))
    hours = {}
    presence = {wd: [] for wd in range(7)}
    for sec, kv in loc:
        if sec == "hours":
            for i, wd in enumerate(WEEKDAYS_EN):
                v = kv.get(wd, "gesloten")
                m = re.match(r"^(\d\d):(\d\d)-(\d\d):(\d\d)$", v)
                if m:
                    a = int(m.group(1)) * 60 + int(m.group(2))
                    b = int(m.group(3)) * 60 + int(m.group(4))
                    hours[i] = (a, b)
        if sec == "presence" and "partner" in kv:
            days = [d.strip() for d in kv.get("days", "").split(",")]
            for d in days:
                if d in WEEKDAYS_NL:
                    presence[WEEKDAYS_NL.index(d)].append(kv["partner"])
    partners = [sec.split(" ", 1)[1] for sec, _ in
                read_ini_sections(os.path.join(config, "partners.ini"))
                if sec.startswith("partner ")]
    return topics, hours, presence, partners


class Gen:
    def __init__(self, args, topics, presence, partners):
        self.a = args
        self.rnd = random.Random(args.seed)
        self.topics = topics
        self.presence = presence
        self.partners = partners
        self.langs = ["nl", "en", "tr", "ar", "pl", "uk"]
        self.lines = []
        self.used = 0  # virtual seconds used by the current session
        self.counts = {}
        self.topic_use = {t: 0 for t in topics}
        self.lang_use = {lang: 0 for lang in self.langs}
        self.staff_n = 0
        self.seed_n = 0

    def emit(self, *lines):
        self.lines.extend(lines)

    def wait(self, seconds):
        if seconds > 0:
            self.emit("wait %ds" % seconds)
            self.used += seconds

    def think(self):
        # A resident reads the screen: now and then a few seconds pass.
        if self.rnd.random() < 0.3:
            self.wait(self.rnd.randint(1, 6))

    def seed(self):
        self.seed_n += 1
        return self.rnd.randint(1, 2**31 - 2)

    def pick_lang(self):
        lang = "nl" if self.rnd.random() < 0.3 else self.rnd.choice(self.langs)
        self.lang_use[lang] += 1
        return lang

    def pick_topic(self):
        t = self.rnd.choice(self.topics)
        self.topic_use[t] += 1
        return t

    def settings(self):
        r = self.rnd.random
        if r() < 0.15:
            self.emit("tap textsize")
            if r() < 0.4:
                self.emit("tap textsize")
        if r() < 0.1:
            self.emit("tap contrast")
        if r() < 0.08:
            self.emit("tap slow")
        if r() < 0.06:
            self.emit("tap lower")

    def start(self, lang):
        self.emit("expect screen attract")
        if lang != "nl" or self.rnd.random() < 0.5:
            # a language on the attract screen starts the visit in it
            self.emit("lang %s" % lang)
            self.emit("tap-if start")
        else:
            self.emit("tap start")
        self.emit("expect screen topics")
        self.settings()

    def answer_topic(self, topic):
        self.emit("tap topic:%s" % topic)
        self.think()
        if self.rnd.random() < 0.12:
            # a language switch midway keeps the answers
            self.emit("on question tap-nth answer: %d" % self.rnd.randint(1, 5))
            self.emit("on question lang %s" % self.rnd.choice(self.langs))
        self.emit("walk pick %d" % self.seed())
        if self.rnd.random() < 0.15:
            # back to the last question, the answer still marked, then on
            self.emit("on outcome tap back")
            self.emit("on question tap back")
            self.emit("on topics tap topic:%s" % topic)
            self.think()
            self.emit("walk pick %d" % self.seed())

    def finish_outcomes(self, book_p=0.8):
        """From an outcome screen to "more": book or not, whatever the store says."""
        self.emit("expect screen outcome")
        self.think()
        if self.rnd.random() < 0.1:
            self.emit("tap read")
        for _ in range(3):
            if self.rnd.random() < book_p:
                self.emit("on outcome tap-any book next")
            else:
                self.emit("on outcome tap next")
            self.emit("on time tap-nth time: %d" % self.rnd.randint(1, 3))
            self.emit("on confirm tap confirm")
            # the slot went (full): choose again, or give up
            self.emit("on time tap-if time:first time:later time:day")
            self.emit("on confirm tap confirm")
            self.emit("on time tap back")
            self.emit("on outcome tap next")
            self.emit("on ticket tap next")
        self.emit("expect screen more")

    def end_visit(self):
        self.emit("tap more:no")
        self.emit("expect screen rating")
        if self.rnd.random() < 0.8:
            self.emit("tap rating:%d" % self.rnd.randint(1, 5))
        else:
            self.emit("tap next")
        self.emit("expect screen goodbye")
        if self.rnd.random() < 0.3:
            self.emit("tap restart")
        else:
            self.wait(10)
        self.fresh()

    def fresh(self):
        self.emit("expect screen attract", "expect fresh", "spoken-clear")

    # ---- the kinds of sessions ----
    def s_book(self):
        self.start(self.pick_lang())
        self.answer_topic(self.pick_topic())
        self.finish_outcomes()
        self.end_visit()

    def s_multi(self):
        self.start(self.pick_lang())
        self.answer_topic(self.pick_topic())
        self.finish_outcomes()
        for _ in range(self.rnd.randint(1, 2)):
            self.emit("tap more:yes", "expect screen topics")
            self.answer_topic(self.pick_topic())
            self.finish_outcomes()
        self.end_visit()

    def s_talk(self):
        self.start(self.pick_lang())
        where = self.rnd.random()
        if where < 0.4:
            self.emit("tap talk")
        else:
            self.emit("tap topic:%s" % self.pick_topic())
            if where > 0.7:
                self.emit("walk pick %d" % self.seed())
            self.emit("tap talk")
        self.finish_outcomes(book_p=0.9)
        self.end_visit()

    def s_browse(self):
        self.start(self.pick_lang())
        self.answer_topic(self.pick_topic())
        for _ in range(self.rnd.randint(1, 4)):
            self.emit("on question|outcome tap back")
            self.think()
        self.emit("on topics tap topic:%s" % self.pick_topic())
        self.emit("walk pick %d" % self.seed())
        # Opnieuw: one tap wipes everything (the quick exit)
        self.emit("tap restart")
        self.fresh()

    def s_idle(self):
        self.start(self.pick_lang())
        self.emit("tap topic:%s" % self.pick_topic())
        self.emit("on question tap-nth answer: %d" % self.rnd.randint(1, 5))
        self.wait(61)
        self.emit("expect warning")
        if self.rnd.random() < 0.4:
            self.emit("tap stay", "expect no-warning")
            self.wait(61)
            self.emit("expect warning")
        self.wait(31)
        self.fresh()

    def s_keypad(self):
        lang = self.pick_lang()
        self.emit("expect screen attract")
        if lang != "nl":
            self.emit("focus lang:%s" % lang, "key Return")
        else:
            self.emit("key Tab", "key Return")
        self.emit("expect screen topics")
        topic = self.pick_topic()
        self.emit("focus topic:%s" % topic, "key Return")
        self.emit("walk pick-keys %d" % self.seed())
        self.emit("expect screen outcome")
        self.emit("key F1")  # read the screen again
        for _ in range(3):
            self.emit("on outcome key 1")  # book when bookable, else "next"
            self.emit("on time key 1")
            self.emit("on confirm key Return")
            self.emit("on time key 1")
            self.emit("on confirm key Return")
            self.emit("on time key BackSpace")
            self.emit("on outcome tap next")
            self.emit("on ticket key 1")
        self.emit("expect screen more")
        self.emit("key 2")
        self.emit("expect screen rating")
        self.emit("key %d" % self.rnd.randint(1, 5))
        self.emit("expect screen goodbye")
        # (A key on the goodbye screen would end the visit but leave the next
        # one in audio mode: let the goodbye screen time out instead.)
        self.wait(10)
        self.fresh()

    def s_kiosk_staff(self):
        # The kiosk's own staff screens: the hidden corner, the PIN, a change
        # and its undo, back to the residents' side.
        self.emit("expect screen attract", "hold 10 10 3", "expect screen staff-pin",
                  "type %s" % self.a.pin, "key Return", "expect screen staff-main",
                  "tap-nth desks+: %d" % self.rnd.randint(1, 9), "tap staff:undo",
                  "tap staff:close")
        self.used += 3
        self.fresh()

    def staff_cli(self, day, minute):
        """A staff change from another process at this moment."""
        wd = day.weekday()
        here = self.presence.get(wd, [])
        away = [p for p in self.partners if p not in here]
        r = self.rnd.random()
        when = "%sT%02d:%02d" % (day.isoformat(), minute // 60, minute % 60)
        cmds = []
        if r < 0.3 and here:
            p = self.rnd.choice(here)
            cmds.append("absent %s" % p)
            self.pending_undo.append(p)
        elif r < 0.5 and here:
            p = self.rnd.choice(here)
            a = self.rnd.choice(["09:00", "09:30", "10:00"])
            b = self.rnd.choice(["12:00", "15:00", "16:30"])
            cmds.append("set %s --time %s-%s --desks %d" % (p, a, b, self.rnd.randint(1, 3)))
            self.pending_undo.append(p)
        elif r < 0.6 and away:
            p = self.rnd.choice(away)
            cmds.append("add %s --time 13:00-16:00 --desks 1" % p)
            self.pending_undo.append(p)
        elif r < 0.8 and self.pending_undo:
            cmds.append("undo %s" % self.pending_undo.pop(0))
        elif r < 0.9:
            cmds.append("checkin @latest")  # the runner picks a ticket of today
        else:
            cmds.append(self.rnd.choice(["today", "bookings", "audit"]))
        self.staff_n += 1
        n = self.staff_n
        with open(os.path.join(self.a.staff_dir, "cmd-%d" % n), "w") as f:
            for c in cmds:
                f.write("%s --now %s\n" % (c, when))
        self.emit("touch-file %s/req-%d" % (self.a.staff_dir, n),
                  "wait-file %s/done-%d" % (self.a.staff_dir, n))
        # the kiosk reads the store's change counter once a second
        self.wait(2)
        self.count("staff-cli")

    def count(self, kind):
        self.counts[kind] = self.counts.get(kind, 0) + 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=20000)
    ap.add_argument("--start", default="2026-11-23", help="first day (YYYY-MM-DD)")
    ap.add_argument("--days", type=int, default=8, help="calendar days the clock runs through")
    ap.add_argument("--config", default="kiosk-config")
    ap.add_argument("--location", default="weener-xl")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sample-every", type=int, default=250)
    ap.add_argument("--staff-every", type=int, default=150,
                    help="a staff change from another process every N sessions")
    ap.add_argument("--kiosk-staff-every", type=int, default=1000)
    ap.add_argument("--staff-dir", required=True)
    ap.add_argument("--pin", default="", help="the staff PIN (kiosk staff screens when set)")
    ap.add_argument("--render", action="store_true", help="draw every screen (render on)")
    a = ap.parse_args()

    topics, hours, presence, partners = load(a.config, a.location)
    os.makedirs(a.staff_dir, exist_ok=True)
    g = Gen(a, topics, presence, partners)
    start = dt.date.fromisoformat(a.start)
    days = [start + dt.timedelta(days=i) for i in range(a.days)]
    open_days = [d for d in days if d.weekday() in hours]
    if not open_days:
        sys.exit("gen.py: the location is closed on every day asked")
    kinds = [("book", 40, g.s_book), ("keypad", 15, g.s_keypad), ("talk", 12, g.s_talk),
             ("browse", 12, g.s_browse), ("multi", 10, g.s_multi), ("idle", 6, g.s_idle)]
    total_w = sum(w for _, w, _ in kinds)

    g.emit("# a week of use: %d sessions, %s .. %s (generated by tests/soak/gen.py)"
           % (a.sessions, days[0], days[-1]))
    if a.render:
        g.emit("render on")
    g.emit("sample 0")
    done = 0
    per_day = [a.sessions // len(open_days)] * len(open_days)
    for i in range(a.sessions - sum(per_day)):
        per_day[i] += 1
    g.pending_undo = []
    for di, day in enumerate(open_days):
        opens, closes = hours[day.weekday()]
        g.emit("# ---- %s (%s) ----" % (day.isoformat(), WEEKDAYS_EN[day.weekday()]))
        g.emit("wait-until %sT%02d:%02d" % (day.isoformat(), opens // 60, opens % 60))
        g.pending_undo = []
        clock = opens * 60  # seconds since midnight
        budget = (closes - opens) * 60
        n = per_day[di]
        for i in range(n):
            g.used = 0
            x = g.rnd.uniform(0, total_w)
            for name, w, fn in kinds:
                x -= w
                if x <= 0:
                    break
            g.emit("# session %d: %s" % (done + 1, name))
            fn()
            g.count(name)
            done += 1
            clock += g.used
            # staff now and then, at fixed turns (so short runs have them too)
            if a.staff_every and done % a.staff_every == a.staff_every // 2:
                used0 = g.used
                g.staff_cli(day, min(clock // 60, 23 * 60 + 59))
                clock += g.used - used0
            if a.pin and a.kiosk_staff_every and \
                    done % a.kiosk_staff_every == a.kiosk_staff_every // 3:
                used0 = g.used
                g.s_kiosk_staff()
                g.count("kiosk-staff")
                clock += g.used - used0
            # spread the rest of the day's time over the sessions still to come
            left = n - i - 1
            spare = opens * 60 + budget - clock
            if left > 0 and spare > 0:
                gap = int(spare / (left + 1) * g.rnd.uniform(0.0, 2.0))
                if gap > 0:
                    g.emit("wait %ds" % min(gap, 3600))
                    clock += min(gap, 3600)
            if done % a.sample_every == 0:
                g.emit("sample %d" % done)
    end = days[-1] + dt.timedelta(days=1)
    g.emit("wait-until %sT00:00" % end.isoformat())
    if done % a.sample_every:
        g.emit("sample %d" % done)

    sys.stdout.write("\n".join(g.lines) + "\n")
    summary = {
        "sessions": done,
        "days": "%s..%s (%d open)" % (days[0], days[-1], len(open_days)),
        "kinds": g.counts,
        "topics": g.topic_use,
        "languages": g.lang_use,
        "script_lines": len(g.lines),
    }
    for k, v in summary.items():
        print("gen: %s: %s" % (k, v), file=sys.stderr)
    missing = [t for t, n in g.topic_use.items() if n == 0] + \
        [lang for lang, n in g.lang_use.items() if n == 0]
    if missing and a.sessions >= 100:
        sys.exit("gen.py: never used: %s" % " ".join(missing))


if __name__ == "__main__":
    main()
