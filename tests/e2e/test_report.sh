#!/bin/sh
# wegwijzer report on a generated data set with known answers: the figures
# in the CSVs and in the document a real browser loads, the anonymity rule
# (no count below 5, nor one that a total gives away), the A4 print layout,
# and bad input (one line, non-zero exit, nothing half-written). On SQLite;
# with $WW_PG_URI set (tests/e2e/test_report_pg.sh) on PostgreSQL.
. tests/e2e/lib.sh

SHOTS=${WW_SHOTS:-$WW_TMP/shots}/report
mkdir -p "$SHOTS"
OUT=$WW_TMP/out
FIRST=20759 # 2026-11-02, a Monday
if [ -n "${WW_PG_URI:-}" ]; then
    STORE="--store $WW_PG_URI"
    load() { "$WW_PG_CTL" psql -q -v ON_ERROR_STOP=1 >/dev/null; }
else
    STORE=""
    load() { sqlite3 "$WEGWIJZER_STATE/weener-xl.db"; }
fi
rep() { ww report $STORE "$@"; }

# ---- bad input (and the store made) ----
expect "help" 0 "usage: wegwijzer report --from YYYY-MM-DD" -- ww report --help
expect "nothing given" 2 "--from, --to and --out are needed" -- ww report
expect "end before start" 2 "the period ends (2026-11-01) before it starts (2026-11-29)" \
    -- rep --from 2026-11-29 --to 2026-11-01 --location weener-xl --out "$OUT"
expect "not a date" 2 "--from '2026-13-01' is not a date" \
    -- rep --from 2026-13-01 --to 2026-11-01 --location weener-xl --out "$OUT"
expect "unknown location" 1 "unknown location 'tilburg' (known: scheidingsplein-hollands-kroon, weener-xl)" \
    -- rep --from 2026-11-02 --to 2026-11-29 --location weener-xl --location tilburg --out "$OUT"
expect "no data" 1 "no data for weener-xl from 2026-11-02 to 2026-11-29: nothing written" \
    -- rep --from 2026-11-02 --to 2026-11-29 --location weener-xl --out "$OUT"
check "no data: no report left" [ ! -e "$OUT/report.html" ]
n=$(rep --from 2026-11-02 --to 2026-11-29 --location weener-xl --out "$OUT" 2>&1 | wc -l)
check "no data: one line" [ "$n" -eq 1 ]
expect "store not reachable" 1 "wegwijzer report: store postgresql://ww:***@127.0.0.1:1/x cannot be read" \
    -- ww report --store postgresql://ww:secret@127.0.0.1:1/x --from 2026-11-02 --to 2026-11-29 \
    --location weener-xl --out "$OUT"
check "store not reachable: no report left" [ ! -e "$OUT/report.html" ]
out=$(ww report --store postgresql://ww:secret@127.0.0.1:1/x --from 2026-11-02 --to 2026-11-29 \
    --location weener-xl --out "$OUT" 2>&1)
check "store not reachable: one line, no password" \
    sh -c '[ $(printf "%s\n" "$1" | wc -l) -eq 1 ] && ! printf "%s" "$1" | grep -q secret' _ "$out"

# ---- what the kiosk counts (SQLite only: the kiosk uses the location's store) ----
if [ -z "${WW_PG_URI:-}" ]; then
    K=$WW_TMP/kstate
    mkdir -p "$K"
    ww staff absent schuldhulp --location weener-xl --state "$K" --now 2026-11-24T09:00 >/dev/null 2>&1
    cat >"$WW_TMP/visits.txt" <<'SCRIPT'
tap start
tap topic:schulden
expect screen question
tap dontknow
expect screen outcome
tap next
expect screen more
tap more:no
expect screen rating
tap rating:4
expect screen goodbye
wait 10s
expect screen attract
tap start
tap topic:schulden
tap answer:1
expect screen question
tap talk
expect screen outcome
tap back
expect screen question
wait 200s
expect screen attract
SCRIPT
    SDL_VIDEODRIVER=offscreen WEGWIJZER_ALLOW_ROOT=1 ww kiosk --location weener-xl --state "$K" \
        --now 2026-11-24T10:15 --speech null --script "$WW_TMP/visits.txt" >"$WW_TMP/kiosk.out" 2>&1
    check "the kiosk ran the visits" [ $? -eq 0 ] || tail -5 "$WW_TMP/kiosk.out"
    q() { sqlite3 "$K/weener-xl.db" "SELECT group_concat(k1 || '/' || k2 || '/' || num || '=' || count, ' ') FROM (SELECT * FROM signal_counts WHERE kind = '$1' ORDER BY k1, k2, num)"; }
    check "visits by topics and hour" [ "$(q visit)" = "0//10=1 1//10=1" ]
    check "their language" [ "$(q lang)" = "nl//0=2" ] || q lang
    check "questions reached" [ "$(q reach)" = "schulden/inkomen/0=1 schulden/rekeningen/0=2" ]
    check "Ik weet het niet" [ "$(q dontknow)" = "schulden/rekeningen/0=1" ]
    check "Praat met een medewerker" [ "$(q talk)" = "schulden/inkomen/0=1" ]
    check "the roster missed: best partner absent" [ "$(q miss)" = "schuldhulp/absent/0=1" ]
    check "the rating, no partner booked" [ "$(q rate)" = "/nl/4=1" ]
    check "where the second left" \
        [ "$(sqlite3 "$K/weener-xl.db" "SELECT screen FROM dropouts")" = "question:schulden:inkomen" ]
fi

# ---- the data: four weeks at two locations, the shape in bench/gen_report_data.sh ----
{
    sh bench/gen_report_data.sh $FIRST 28 1 weener-xl scheidingsplein-hollands-kroon
    # The period before: 10 ratings of 2 for schuldhulp (one day), 4 of 5 for juridisch-loket.
    echo "INSERT INTO signal_counts (kind, day, location, k1, k2, num, count) VALUES
        ('rate', $((FIRST - 3)), 'weener-xl', 'schuldhulp', 'nl', 2, 10),
        ('rate', $((FIRST - 3)), 'weener-xl', 'juridisch-loket', 'nl', 5, 4);"
} | load
check "data loaded" [ $? -eq 0 ]

expect "four weeks" 0 "report.html and 14 CSV files written" \
    -- rep --from 2026-11-02 --to 2026-11-29 --location weener-xl --out "$OUT"
csv() { grep -F "$2" "$OUT/$1.csv" | tr -d '\r'; }
check "visits per week" [ "$(csv bezoeken_per_week 09-11-2026)" = "09-11-2026,1400" ]
check "visits in all" [ "$(csv bezoeken_per_week Totaal)" = "Totaal,5600" ]
check "partners chosen" [ "$(csv gekozen_partners 'Huurcommissie')" = "Huurcommissie,840" ]
check "languages" [ "$(csv talen Oekra)" = "Oekraïens,84" ]
check "hour of the day" [ "$(csv bezoeken_per_uur maandag)" = "maandag,100,100,100,100,100,100,100,100,800" ]
check "several topics" [ "$(csv onderwerpen_per_bezoek '2 onderwerpen')" = '2 onderwerpen,1792,"32,0"' ]
check "missed: absent on Mondays" \
    [ "$(csv gemist_door_rooster 'Juridisch')" = "Het Juridisch Loket (afwezig),56,< 5,< 5,< 5,< 5,< 5,< 5,56" ]
check "where people stop" \
    [ "$(csv vragen_schulden 'rekeningen')" = "Kunt u uw rekeningen op tijd betalen?,2800,280,560,168" ]
check "rating per partner against the period before" \
    [ "$(csv tevredenheid_partner 'Schuldhulp')" = 'Schuldhulp van de gemeente,420,"4,3","2,0","+2,3"' ]
check "rating per topic (a visit counts for each of its topics)" \
    [ "$(csv tevredenheid_onderwerp 'Geldzorgen')" = 'Geldzorgen en schulden,420,"4,3",–,–' ]
check "left after the questions" [ "$(csv gestopt_na_de_vragen 'bevestigen')" = "Afspraak bevestigen,56" ]
check "printing and availability" \
    [ "$(csv printen_en_beschikbaarheid 'Weener')" = "Weener XL,< 5,< 5,45,< 5" ]

# ---- in a browser ----
BROWSER="chromium --headless --no-sandbox --disable-gpu --disable-background-networking
    --disable-component-update --disable-sync --no-first-run"
browse() { timeout 120 $BROWSER --user-data-dir="$(mktemp -d "$WW_TMP/chromium.XXXXXX")" "$@" 2>/dev/null; }
browse --dump-dom "file://$OUT/report.html" > "$WW_TMP/dom.html"
check "the browser reads the document" grep -q "Signalen voor het signaleringsoverleg" "$WW_TMP/dom.html"
check "the multi-problem share" grep -q "meer dan één onderwerp: <b>50 %</b>" "$WW_TMP/dom.html"
check "the signal a person reads" grep -q \
    "Op maandag vroegen 56 mensen naar Het Juridisch Loket. Het Juridisch Loket is er op maandag niet." \
    "$WW_TMP/dom.html"
check "every chart has a text alternative" \
    [ "$(grep -o '<svg' "$WW_TMP/dom.html" | wc -l)" -eq "$(grep -o 'class="alt"' "$WW_TMP/dom.html" | wc -l)" ]
check "no scripts, nothing from elsewhere" \
    sh -c '! grep -Eqi "<script|src=|href=|@import|url\(" "$1"' _ "$OUT/report.html"
browse --window-size=1000,2600 --screenshot="$SHOTS/report.png" "file://$OUT/report.html" >/dev/null
check "screenshot taken" [ -s "$SHOTS/report.png" ]
browse --no-pdf-header-footer --print-to-pdf="$WW_TMP/report.pdf" "file://$OUT/report.html" >/dev/null
check "printed" [ -s "$WW_TMP/report.pdf" ]
check "A4 pages" sh -c 'pdfinfo "$1" | grep -q "Page size:.*(A4)"' _ "$WW_TMP/report.pdf"
pdftoppm -r 36 -png "$WW_TMP/report.pdf" "$WW_TMP/page"
bad=0
for p in "$WW_TMP"/page*.png; do
    # 210 x 297 mm at 36 dpi: 298 x 421 pixels
    size=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$p")
    [ "$size" = "298x421" ] || { echo "    $p is $size"; bad=1; }
done
check "every page rendered A4" [ "$bad" -eq 0 ]
pdftotext -layout "$WW_TMP/report.pdf" "$WW_TMP/report.txt"
check "the print has the wide table whole" grep -q "Totaal" "$WW_TMP/report.txt"
cp "$WW_TMP/report.pdf" "$SHOTS/report.pdf"

# ---- anonymity: one Wednesday, where small counts occur ----
expect "one day" 0 "written" -- rep --from 2026-11-04 --to 2026-11-04 --location weener-xl --out "$OUT"
check "a 3 is shown as < 5" [ "$(csv talen Oekra)" = "Oekraïens,< 5" ]
check "no count below 5 in any table" \
    sh -c '! cat "$1"/*.csv | tr -d "\r" | grep -Eq "(^|,)[1-4](,|$)"' _ "$OUT"
check "a lone small cell takes its total with it" \
    [ "$(csv gemist_door_rooster 'Schuldhulp')" = "Schuldhulp van de gemeente (vol),< 5,< 5,< 5,< 5,< 5,< 5,< 5,< 5" ]
check "nor can it be computed from the week total" \
    [ "$(csv onderwerpen_per_week 02-11-2026 | grep -o '< 5' | wc -l)" -ge 2 ]
check "the signal is not phrased for fewer than 5" \
    sh -c '! grep -q "Op woensdag vroegen" "$1"' _ "$OUT/report.html"
check "no average of fewer than 5 ratings" \
    [ "$(csv tevredenheid_partner 'geen afspraak')" = "geen afspraak gemaakt,< 5,–,–,–" ]
check "the report says so" grep -q "Aantallen onder 5 staan" "$OUT/report.html"

# ---- several locations; a failed run keeps the last report ----
expect "two locations" 0 "written" -- rep --from 2026-11-02 --to 2026-11-29 \
    --location weener-xl,scheidingsplein-hollands-kroon --out "$OUT"
check "two locations summed" [ "$(csv bezoeken_per_week Totaal)" = "Totaal,11200" ]
sum=$(cksum < "$OUT/report.html")
rep --from 2026-12-01 --to 2026-12-31 --location weener-xl --out "$OUT" 2>/dev/null
check "a failed run leaves the last report as it was" [ "$(cksum < "$OUT/report.html")" = "$sum" ]
check "and no temporary files" sh -c '! ls -A "$1" | grep -q tmp' _ "$OUT"

finish
