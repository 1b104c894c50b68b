#!/bin/sh
# A broken or incomplete installation at start-up, with the real binary:
# broken config and flow files (the out-of-order screen, its staff view, one
# log line per problem, the process stays up), checks that still fail, a
# missing font, voice or film, a broken playlist, the warning for root, and
# the shipped systemd units.
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
unset SDL_AUDIODRIVER
export WEGWIJZER_ALLOW_ROOT=1
SHOTS=${WW_SHOTS:-build/screenshots/startup}
rm -rf "$SHOTS"
mkdir -p "$SHOTS"
L="--location weener-xl --now 2026-11-24T10:00"

# A copy of the sample configuration with one thing broken.
broken() { # NAME: a fresh copy in $WW_TMP/NAME
    rm -rf "$WW_TMP/$1"
    cp -r kiosk-config "$WW_TMP/$1"
}

# The out-of-order screen as a resident and as staff see it.
cat >"$WW_TMP/ooo.txt" <<'EOF'
expect screen out-of-order
texts
expect text Deze zuil werkt nu niet.
expect text Ga naar de balie. Daar helpt een medewerker u.
expect text This kiosk is not working right now.
expect text Bu kiosk şu anda çalışmıyor.
expect text Ten kiosk teraz nie działa.
expect text Цей кіоск зараз не працює.
expect text هٰذَا الْجِهَازُ لَا يَعْمَلُ الْآنَ.
expect no-target start
expect background F6F3EC
screenshot resident
# A resident holding a spot that is not the corner gets nothing.
hold 500 900 4
expect screen out-of-order
# A tap of one second in the corner is not the staff entry.
hold 10 10 1
expect screen out-of-order
hold 10 10 3
expect screen out-of-order-staff
expect target close
screenshot staff
texts
tap close
expect screen out-of-order
hold 10 10 3
expect screen out-of-order-staff
wait 121s
expect screen out-of-order
# The keypad reads the message aloud.
key Return
expect said Deze zuil werkt nu niet. Ga naar de balie. Daar helpt een medewerker u.
EOF

# lacks TEXT WORDS: TEXT does not hold WORDS
lacks() { ! printf '%s\n' "$1" | grep -qF "$2"; }

# run_broken NAME EXPECTED-STAFF-TEXT [OPTIONS]: the script against the
# config $WW_TMP/NAME (names kept apart from lib.sh's variables)
run_broken() {
    rb=$1 rb_want=$2
    shift 2
    mkdir -p "$SHOTS/$rb"
    ww kiosk --config "$WW_TMP/$rb" $L "$@" --script "$WW_TMP/ooo.txt" \
        --screenshot-dir "$SHOTS/$rb" >"$WW_TMP/$rb.out" 2>"$WW_TMP/$rb.log"
    check "$rb: the out-of-order screen, staff view, read aloud" [ $? -eq 0 ]
    check "$rb: staff see '$rb_want'" sh -c "grep '^text: ' '$WW_TMP/$rb.out' | grep -qF \"\$0\"" "$rb_want"
    n=$(grep -cF "$rb_want" "$WW_TMP/$rb.log")
    check "$rb: logged once ($n)" [ "$n" -eq 1 ]
    check "$rb: screenshots" [ -s "$SHOTS/$rb/resident.png" ] && [ -s "$SHOTS/$rb/staff.png" ] &&
        [ -s "$SHOTS/$rb/001-out-of-order.png" ]
}

# ---- broken config files ----
broken syntax
printf 'dit is geen regel\n' >>"$WW_TMP/syntax/locations/weener-xl.ini"
line=$(wc -l <"$WW_TMP/syntax/locations/weener-xl.ini")
run_broken syntax "$WW_TMP/syntax/locations/weener-xl.ini:$line:"
grep -q "^text: Algemene balie$" "$WW_TMP/syntax.out"
check "syntax: the general desk is named (the location file was read)" [ $? -eq 0 ]

broken unknown-key
printf 'kleur = blauw\n' >>"$WW_TMP/unknown-key/partners.ini"
line=$(wc -l <"$WW_TMP/unknown-key/partners.ini")
run_broken unknown-key "$WW_TMP/unknown-key/partners.ini:$line: unknown key 'kleur'"

broken range
sed -i 's/^idle_seconds = .*/idle_seconds = 5/' "$WW_TMP/range/locations/weener-xl.ini"
rline=$(grep -n '^idle_seconds' "$WW_TMP/range/locations/weener-xl.ini" | cut -d: -f1)
run_broken range "$WW_TMP/range/locations/weener-xl.ini:$rline: idle_seconds"

broken flow
sed -i 's/^answer = Ik zoek werk -> uitkering$/answer = Ik zoek werk -> nergens/' \
    "$WW_TMP/flow/flows/werk.flow"
line=$(grep -n 'Ik zoek werk -> nergens' "$WW_TMP/flow/flows/werk.flow" | cut -d: -f1)
run_broken flow "$WW_TMP/flow/flows/werk.flow:$line:"

# Where the general desk is not known, the screen says "ga naar de balie"
# without a name.
broken no-desk
sed -i 's/^general = .*/general = bestaat-niet/' "$WW_TMP/no-desk/locations/weener-xl.ini"
run_broken no-desk "general = bestaat-niet: unknown partner"
check "no-desk: no desk name on screen" lacks "$(cat "$WW_TMP/no-desk.out")" "text: Algemene balie"

broken no-location
run_broken no-location "unknown location 'tilburg'" --location tilburg

broken no-store
run_broken no-store "store sqlite:$WW_TMP/nowhere/x.db: cannot open store" \
    --store "sqlite:$WW_TMP/nowhere/x.db"

# A store target with a password (every form libpq reads) that cannot be
# opened: staff see the problem behind the corner without a PIN, so neither
# the screen, the script's output nor the log may show the password.
for target in "host=db.example password=geheim-wachtwoord" \
    "postgres://ww:geheim-wachtwoord@127.0.0.1:1/w?bogus=1" \
    "postgresql://ww:geheim%zz-wachtwoord@db.example/w" \
    "postgresql://db.example/w?password=geheim-wachtwoord&bogus=1" \
    "host=db.example password='geheim wachtwoord' bogus=1"; do
    broken secret
    mkdir -p "$SHOTS/secret"
    ww kiosk --config "$WW_TMP/secret" $L --store "$target" --script "$WW_TMP/ooo.txt" \
        --screenshot-dir "$SHOTS/secret" >"$WW_TMP/secret.out" 2>"$WW_TMP/secret.log"
    check "store password ($target): out of order" [ $? -eq 0 ]
    check "store password ($target): staff see the store" grep -q "^text: .*--store.*store" \
        "$WW_TMP/secret.out"
    check "store password ($target): not on screen, not in the log" \
        sh -c '! grep -q "geheim\|wachtwoord" "$0" "$1"' "$WW_TMP/secret.out" "$WW_TMP/secret.log"
done
# A store URI typed without "store =" reads as a key: the unknown key is not
# echoed when it is no key name.
broken secret
printf 'postgres://ww:geheim-wachtwoord@db.example/w?sslmode=require\n' \
    >>"$WW_TMP/secret/locations/weener-xl.ini"
ww kiosk --config "$WW_TMP/secret" $L --script "$WW_TMP/ooo.txt" >"$WW_TMP/secret.out" \
    2>"$WW_TMP/secret.log"
check "a URI without its key: out of order, the line named" \
    grep -q "^text: .*weener-xl.ini:[0-9]*: unknown key in .*not a key name" \
    "$WW_TMP/secret.out"
check "a URI without its key: its password not on screen, not in the log" \
    sh -c '! grep -q "geheim\|wachtwoord" "$0" "$1"' "$WW_TMP/secret.out" "$WW_TMP/secret.log"
expect "a URI without its key: config check does not show the password either" 1 \
    "not a key name" -- ww config check "$WW_TMP/secret"
check "config check output lacks the password" \
    sh -c '! "$0" config check "$1" 2>&1 | grep -q geheim' "$WW_BIN" "$WW_TMP/secret"

# A server that is not there: the command's error and log name the store
# without its password.
ww staff today $L --store "postgres://ww:geheim-wachtwoord@127.0.0.1:1/w" >"$WW_TMP/pgdown.out" 2>&1
check "store password: a server that is down, not in the error ($(head -c 80 "$WW_TMP/pgdown.out"))" \
    sh -c '! grep -q "geheim\|wachtwoord" "$0" && grep -q "ww:\*\*\*@" "$0"' "$WW_TMP/pgdown.out"

broken no-pictograms
run_broken no-pictograms "$WW_TMP/nowhere/pictograms: the pictograms folder is missing" \
    --assets "$WW_TMP/nowhere"

# Every kiosk script command but looking is refused, with a clear line.
printf 'walk\n' >"$WW_TMP/walk.txt"
expect "a resident script on a broken kiosk fails" 1 "'walk' is not possible: the kiosk is out of order" -- \
    ww kiosk --config "$WW_TMP/range" $L --script "$WW_TMP/walk.txt"

# ---- checks and timings still fail with the problems ----
for mode in --check-layout --bench; do
    expect "kiosk $mode exits non-zero with file:line" 1 "weener-xl.ini:$rline: idle_seconds" -- \
        ww kiosk --config "$WW_TMP/range" $L $mode
done
expect "config check exits non-zero with file:line" 1 "weener-xl.ini:$rline: idle_seconds" -- \
    ww config check "$WW_TMP/range"
expect "a broken flow: kiosk --check-layout exits non-zero" 1 "werk.flow:" -- \
    ww kiosk --config "$WW_TMP/flow" $L --check-layout

# ---- the live kiosk stays up on the out-of-order screen until SIGTERM ----
wait_log() { # FILE TEXT: up to 30 s for TEXT to appear
    i=0
    while [ $i -lt 300 ] && ! grep -qF "$2" "$1" 2>/dev/null; do
        sleep 0.1
        i=$((i + 1))
    done
    grep -qF "$2" "$1"
}
"$WW_BIN" kiosk --config "$WW_TMP/range" --location weener-xl >"$WW_TMP/live.log" 2>&1 &
pid=$!
wait_log "$WW_TMP/live.log" "out of order (1 problem)"
check "live: the kiosk shows the out-of-order screen" [ $? -eq 0 ]
check "live: the process keeps running" kill -0 $pid
kill -TERM $pid
wait $pid
st=$?
check "live: SIGTERM ends it cleanly (status $st)" [ "$st" -eq 0 ]
n=$(grep -c "idle_seconds" "$WW_TMP/live.log")
check "live: the problem was logged once ($n)" [ "$n" -eq 1 ]

# ---- fonts ----
# A private fontconfig configuration with only the fonts given.
fonts() { # NAME FILE...: $WW_TMP/fonts-NAME.conf
    d="$WW_TMP/fonts-$1"
    shift
    mkdir -p "$d/files" "$d/cache"
    for f in "$@"; do ln -s "$f" "$d/files/"; done
    printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n' \
        "$d/files" "$d/cache" >"$d.conf"
}
latin_r=$(fc-match -f '%{file}' 'Noto Sans:weight=regular')
latin_b=$(fc-match -f '%{file}' 'Noto Sans:weight=bold')
fonts latin "$latin_r" "$latin_b"
fonts none

# Without an Arabic font the kiosk cannot draw one of its languages (the
# language row shows it on every screen): out of order, in the other five
# languages, with the reason for staff.
cat >"$WW_TMP/noarabic.txt" <<'EOF'
expect screen out-of-order
expect text This kiosk is not working right now.
expect no-text هذا
screenshot resident
hold 10 10 3
expect text 'Noto Sans Arabic' is not installed
screenshot staff
EOF
mkdir -p "$SHOTS/no-arabic-font"
FONTCONFIG_FILE="$WW_TMP/fonts-latin.conf" ww kiosk $L --script "$WW_TMP/noarabic.txt" \
    --screenshot-dir "$SHOTS/no-arabic-font" >/dev/null 2>"$WW_TMP/noarabic.log"
check "no Arabic font: out of order without Arabic" [ $? -eq 0 ]
n=$(grep -c "Noto Sans Arabic" "$WW_TMP/noarabic.log")
check "no Arabic font: said in the log ($n lines)" [ "$n" -ge 1 ] && [ "$n" -le 2 ]
expect "no Arabic font: --check-layout fails" 1 "Noto Sans Arabic" -- \
    env FONTCONFIG_FILE="$WW_TMP/fonts-latin.conf" "$WW_BIN" kiosk $L --check-layout

# Without any font nothing can be drawn: one clear line and an exit status
# (the supervisor restarts it), also on the out-of-order path.
expect "no fonts: a clear line and exit 1" 1 "no fonts: install fonts-noto-core" -- \
    env FONTCONFIG_FILE="$WW_TMP/fonts-none.conf" "$WW_BIN" kiosk $L --script "$WW_TMP/walk.txt"
expect "no fonts, broken config: exit 1" 1 "no fonts: install fonts-noto-core" -- \
    env FONTCONFIG_FILE="$WW_TMP/fonts-none.conf" "$WW_BIN" kiosk --config "$WW_TMP/range" $L \
    --script "$WW_TMP/ooo.txt"

# ---- a missing voice ----
# espeak-ng reads its data from $ESPEAK_DATA_PATH: a copy without Arabic.
data=""
for d in /usr/lib/x86_64-linux-gnu/espeak-ng-data /usr/lib/*/espeak-ng-data /usr/share/espeak-ng-data; do
    [ -f "$d/phontab" ] && data=$d && break
done
if [ -n "$data" ]; then
    cp -rs "$data" "$WW_TMP/espeak-ng-data"
    rm -f "$WW_TMP/espeak-ng-data/ar_dict" "$WW_TMP/espeak-ng-data/lang/sem/ar"
    # The Voorlezen button says it is not available, in the screen's language.
    off_ar=$(grep -A1 '^msgid "Voorlezen niet beschikbaar"' locales/ar.po | sed -n 's/^msgstr "\(.*\)"$/\1/p')
    off_en=$(grep -A1 '^msgid "Voorlezen niet beschikbaar"' locales/en.po | sed -n 's/^msgstr "\(.*\)"$/\1/p')
    cat >"$WW_TMP/voice.txt" <<EOF
expect no-text Voorlezen niet beschikbaar
lang ar
expect text $off_ar
tap topic:werk
expect text $off_ar
lang nl
expect text Voorlezen
expect no-text Voorlezen niet beschikbaar
lang en
expect no-text $off_en
EOF
    ESPEAK_DATA_PATH="$WW_TMP/espeak-ng-data" ww kiosk $L --speech espeak \
        --script "$WW_TMP/voice.txt" >/dev/null 2>"$WW_TMP/voice.log"
    check "no Arabic voice: Voorlezen not offered in Arabic, offered in the others" [ $? -eq 0 ]
    n=$(grep -c "no espeak voice for language 'ar'" "$WW_TMP/voice.log")
    check "no Arabic voice: warned once ($n)" [ "$n" -eq 1 ]
    n=$(grep -c "voice for language" "$WW_TMP/voice.log")
    check "no Arabic voice: the other voices load ($n warnings)" [ "$n" -eq 1 ]
else
    echo "skip missing voice: no espeak-ng data found"
fi

# ---- a missing film; a broken playlist ----
mkdir -p "$WW_TMP/screen-cfg/screens" "$SHOTS/film"
cp -r kiosk-config/partners.ini kiosk-config/closed.ini kiosk-config/locations "$WW_TMP/screen-cfg/"
cat >"$WW_TMP/screen-cfg/screens/wacht.ini" <<'EOF'
[screen]
name = Wachtkamer
location = weener-xl

[hours]
tue = 08:00-17:00

[film weg]
file = bestaat-niet.mp4
duration = 10

[slide info]
title = Hulp bij geldzorgen
text = Vraag het aan de balie.
duration = 5

[schedule week]
duration = 5
EOF
ww screen --config "$WW_TMP/screen-cfg" --screen wacht --media "$WW_TMP" \
    --now 2026-11-24T10:00 --frames 900 --size 640x360 \
    --screenshot-dir "$SHOTS/film" >/dev/null 2>"$WW_TMP/film.log"
check "missing film: the screen plays on" [ $? -eq 0 ]
n=$(grep -c "skipping weg " "$WW_TMP/film.log")
check "missing film: one log line over 30 s of loops ($n)" [ "$n" -eq 1 ]
check "missing film: the slide and the week still show" \
    sh -c "ls '$SHOTS/film' | grep -q info && ls '$SHOTS/film' | grep -q week"

printf '[screen]\nname = Kapot\n[film]\n' >"$WW_TMP/screen-cfg/screens/kapot.ini"
expect "broken playlist, scripted: exit 1 with file:line" 1 "kapot.ini:3:" -- \
    ww screen --config "$WW_TMP/screen-cfg" --screen kapot --frames 10
# Under systemd (INVOCATION_ID) it stays up, dark, instead of being
# restarted in a loop; by hand it ends with status 1.
expect "broken playlist, by hand: exit 1" 1 "kapot.ini:3:" -- \
    ww screen --config "$WW_TMP/screen-cfg" --screen kapot
INVOCATION_ID=0123456789abcdef timeout 3 "$WW_BIN" screen --config "$WW_TMP/screen-cfg" \
    --screen kapot >"$WW_TMP/dark.log" 2>&1
st=$?
check "broken playlist, as a service: still running after 3 s (status $st)" [ "$st" -eq 124 ]
n=$(grep -c "kapot.ini:3:" "$WW_TMP/dark.log")
check "broken playlist, live: the problem printed once ($n)" [ "$n" -eq 1 ]

# ---- the warning for root ----
# As root (CI) directly; otherwise in a user namespace where we are root.
asroot=""
if [ "$(id -u)" -eq 0 ]; then
    asroot="env"
elif unshare -r true 2>/dev/null; then
    asroot="unshare -r"
fi
if [ -n "$asroot" ]; then
    for cmd in kiosk screen; do
        expect "root: '$cmd' warns and says how to silence it" 0 \
            "running as root: run the $cmd as an unprivileged user" -- \
            env -u WEGWIJZER_ALLOW_ROOT $asroot "$WW_BIN" $cmd --help
        out=$(WEGWIJZER_ALLOW_ROOT=1 $asroot "$WW_BIN" $cmd --help 2>&1)
        check "root: WEGWIJZER_ALLOW_ROOT=1 silences '$cmd'" lacks "$out" "running as root"
    done
    out=$(env -u WEGWIJZER_ALLOW_ROOT $asroot "$WW_BIN" staff --help 2>&1)
    check "root: short commands do not warn" lacks "$out" "running as root"
else
    echo "skip root warning: not root and no user namespaces (unshare -r)"
fi
if [ "$(id -u)" -ne 0 ]; then
    out=$(env -u WEGWIJZER_ALLOW_ROOT "$WW_BIN" kiosk --help 2>&1)
    check "non-root: no warning" lacks "$out" "running as root"
fi

# ---- the shipped systemd units ----
for u in dist/systemd/wegwijzer-kiosk@.service dist/systemd/wegwijzer-screen@.service; do
    # A small parser: sections, key=value lines, and the keys that matter.
    bad=$(awk '/^[[:space:]]*(#|;|$)/ { next }
        /^\[[A-Za-z]+\]$/ { sec = $0; if (sec != "[Unit]" && sec != "[Service]" && sec != "[Install]") print "section " sec; next }
        !/^[A-Za-z]+=/ { print "line " NR ": " $0; next }
        sec == "" { print "key before a section: " $0 }' "$u")
    check "$u: parses" [ -z "$bad" ]
    for kv in User=wegwijzer NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes \
        Restart=always StateDirectory=wegwijzer ProtectHome=yes CapabilityBoundingSet= \
        StartLimitIntervalSec=0; do
        check "$u: $kv" grep -qx "$kv" "$u"
    done
done
check "kiosk unit runs the kiosk of its location" \
    grep -q '^ExecStart=.*/wegwijzer kiosk --location %i' dist/systemd/wegwijzer-kiosk@.service
check "screen unit runs the screen of its playlist" \
    grep -q '^ExecStart=.*/wegwijzer screen --screen %i' dist/systemd/wegwijzer-screen@.service

# systemd's own check, in a throwaway root with the host's units, stand-ins
# for cage and the installed binary.
if command -v systemd-analyze >/dev/null 2>&1 && [ -d /lib/systemd/system ]; then
    R="$WW_TMP/root"
    mkdir -p "$R/etc/systemd/system" "$R/usr/lib/systemd" "$R/usr/bin" "$R/usr/local/bin"
    ln -s /lib/systemd/system "$R/usr/lib/systemd/system"
    cp dist/systemd/*.service "$R/etc/systemd/system/"
    printf '#!/bin/sh\nexec "$@"\n' >"$R/usr/bin/cage"
    chmod +x "$R/usr/bin/cage"
    # ExecStop runs /bin/sh (it stops the program inside cage first).
    mkdir -p "$R/bin"
    cp "$(readlink -f /bin/sh)" "$R/bin/sh"
    cp "$WW_BIN" "$R/usr/local/bin/wegwijzer"
    for unit in wegwijzer-kiosk@weener-xl.service wegwijzer-screen@huisarts-wachtkamer.service; do
        out=$(cd "$R" && systemd-analyze verify --man=no --root="$R" "$unit" 2>&1)
        st=$?
        [ -n "$out" ] && echo "$out" | sed 's/^/    /'
        check "systemd-analyze verify $unit" [ "$st" -eq 0 ] && [ -z "$out" ]
        score=$(systemd-analyze security --offline=yes --root="$R" "$unit" 2>/dev/null |
            sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
        echo "     $unit: systemd exposure level ${score:-?} (0 safest, 10 most exposed)"
        check "$unit: exposure level below 3 (${score:-?})" \
            awk -v s="${score:-99}" 'BEGIN { exit !(s < 3) }'
    done
else
    echo "skip systemd-analyze verify: systemd is not installed"
fi

finish
