#!/bin/sh
# What the kiosk tells a resident must be true: content checks on the sample
# configuration, the translations and the program's own texts.
#  - Het Juridisch Loket's number is 0800-8020 (free); the old paid number
#    0900-8020 appears nowhere.
#  - Job loss (WW) is UWV's: no answer about WW leads to an outcome that
#    sends the resident to the municipality's Werk en Inkomen (bijstand).
#  - A domestic-violence outcome (urgency 3, Veilig Thuis) never asks for an
#    identity document, not even through a partner's own list.
#  - Every outcome that speaks of objecting (bezwaar) gives the 6-week term
#    and says that a conversation does not stop it; the too-late route says
#    what can still be done instead.
# WW_CONTENT_DIR points the checks at another configuration (the tests use it
# to show that a wrong configuration is caught).
. tests/e2e/lib.sh

CONF=${WW_CONTENT_DIR:-kiosk-config}
SRC=${WW_CONTENT_SRC:-src locales}

# ---- the Juridisch Loket's number ----
# shellcheck disable=SC2086 # SRC is a list of folders
hits=$(grep -rnE '0900[- ]?8020' "$CONF" $SRC 2>/dev/null)
check "no 0900-8020 anywhere in the configuration, locales or sources" test -z "$hits"
[ -n "$hits" ] && echo "$hits" | sed 's/^/    /'
check "partners.ini gives Het Juridisch Loket 0800-8020" \
    sh -c "awk '/^\\[partner juridisch-loket\\]/{p=1;next} /^\\[/{p=0} p&&/^phone *=/' \"\$1\" |
        grep -q '0800-8020'" _ "$CONF/partners.ini"

# ---- WW answers and domestic-violence outcomes, from the flow files ----
# One awk pass over every flow file and partners.ini prints one line per
# problem found; no output means the content is right.
problems=$(awk '
    function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
    FNR == 1 { file = FILENAME; kind = ""; id = "" }
    /^[ \t]*;/ || /^[ \t]*$/ { next }
    /^\[/ {
        h = $0; gsub(/[\[\]]/, "", h)
        split(h, w, " "); kind = w[1]; id = w[2]
        key = file SUBSEP id
        if (kind == "outcome") { is_outcome[key] = 1; where[key] = file }
        if (kind == "question") is_question[key] = 1
        next
    }
    {
        eq = index($0, "="); if (!eq) next
        k = trim(substr($0, 1, eq - 1)); v = trim(substr($0, eq + 1))
        if (kind == "partner") { if (k == "bring") pbring[id] = v; next }
        key = file SUBSEP id
        if (kind == "question" && (k == "answer" || k == "dontknow")) {
            label = v; target = v
            if (k == "answer") {
                arrow = index(v, "->")
                label = trim(substr(v, 1, arrow - 1)); target = trim(substr(v, arrow + 2))
            } else label = ""
            n_next[key]++; next_of[key, n_next[key]] = target
            if (label ~ /(^|[^A-Za-z])WW([^A-Za-z]|$)/ || label ~ /werk kwijt/) {
                n_ww++; ww_file[n_ww] = file; ww_target[n_ww] = target; ww_label[n_ww] = label
            }
        }
        if (kind == "outcome") {
            if (k == "why" || k == "notice") said[key] = said[key] " " v
            if (k == "partners") partners[key] = v
            if (k == "bring") bring[key] = v
            if (k == "urgency") urgency[key] = v
        }
    }
    # Every outcome reachable from a question (or the outcome itself).
    function reach(file, id, seen,    key, i, n) {
        key = file SUBSEP id
        if (key in seen) return
        seen[key] = 1
        if (key in is_outcome) { found[key] = 1; return }
        for (i = 1; i <= n_next[key]; i++) reach(file, next_of[key, i], seen)
    }
    END {
        idre = "identiteit|paspoort|verblijfsdocument|ID-kaart"
        for (i = 1; i <= n_ww; i++) {
            delete found; delete seen
            reach(ww_file[i], ww_target[i], seen)
            for (key in found) {
                split(key, part, SUBSEP)
                if (partners[key] ~ /(^|[ ,])werk-inkomen([ ,]|$)/)
                    printf "%s: the WW answer \"%s\" leads to outcome %s, which sends to werk-inkomen\n",
                        part[1], ww_label[i], part[2]
            }
        }
        for (key in is_outcome) {
            t = tolower(said[key])
            if (t !~ /bezwaar/) continue
            split(key, part, SUBSEP)
            if (t ~ /te laat/) {
                if (t !~ /waarom u te laat/ || t !~ /opnieuw te bekijken/)
                    printf "%s: too-late outcome %s does not say what can still be done\n",
                        part[1], part[2]
            } else if (t !~ /(6|zes) weken/ || t !~ /gesprek stopt die tijd niet/)
                printf "%s: objection outcome %s lacks the 6-week term or that a conversation does not stop it\n",
                    part[1], part[2]
        }
        for (key in is_outcome) {
            if (urgency[key] != 3 || partners[key] !~ /veilig-thuis/) continue
            split(key, part, SUBSEP)
            # The screen and the ticket show the outcome list, else the
            # list of the partner who helps: check what can be shown.
            if (key in bring) {
                b = tolower(bring[key])
                gsub(/geen identiteitsbewijs/, "", b) # "not even an ID" is fine
                if (b ~ idre)
                    printf "%s: domestic-violence outcome %s asks for an identity document\n",
                        part[1], part[2]
                continue
            }
            np = split(partners[key], ps, ",")
            for (j = 1; j <= np; j++) {
                pid = trim(ps[j])
                if (tolower(pbring[pid]) ~ idre)
                    printf "%s: domestic-violence outcome %s has no bring list of its own, so partner %s asks for an identity document\n",
                        part[1], part[2], pid
            }
        }
    }' "$CONF/partners.ini" "$CONF"/flows/*.flow)
check "WW answers avoid werk-inkomen; no ID on domestic violence; objection terms complete" \
    test -z "$problems"
[ -n "$problems" ] && echo "$problems" | sed 's/^/    /'

# The walk the resident sees, at every location: the safety outcome lists
# no identity document.
for f in "$CONF"/locations/*.ini; do
    [ -e "$f" ] || continue
    loc=$(basename "$f" .ini)
    out=$(printf '4\n' | WEGWIJZER_CONFIG="$CONF" ww flow walk --topic scheiden --location "$loc" \
        --now 2026-11-24T09:30 2>&1)
    check "scheiden, unsafe at home ($loc): Veilig Thuis is shown" \
        sh -c 'printf "%s" "$1" | grep -q "Veilig Thuis"' _ "$out"
    check "scheiden, unsafe at home ($loc): no identity document to bring" \
        sh -c '! printf "%s" "$1" | sed "s/geen identiteitsbewijs//I" |
            grep -qiE "identiteit|paspoort|verblijfsdocument"' _ "$out"
done

# ---- the checks catch a wrong configuration ----
if [ -z "${WW_CONTENT_DIR:-}" ]; then
    bad="$WW_TMP/bad"
    cp -r "$CONF" "$bad"
    sed -i 's/^phone = 0800-8020/phone = 0900-8020/' "$bad/partners.ini"
    sed -i '/^\[outcome ww\]/,/^\[/ s/^partners = uwv, sociaal-raadslieden/partners = uwv, werk-inkomen/' \
        "$bad/flows/uitkering.flow"
    sed -i '/^\[outcome onveilig\]/,/^\[/ { /^bring =/d }' "$bad/flows/anders.flow"
    sed -i '/^\[outcome brief-besluit\]/,/^\[/ { /^notice =/d }' "$bad/flows/brief.flow"
    out=$(WW_CONTENT_DIR="$bad" WW_CONTENT_SRC="$WW_TMP/none" sh "$0" 2>&1)
    check "a wrong configuration fails: the paid number" \
        sh -c 'printf "%s" "$1" | grep -q "FAIL no 0900-8020"' _ "$out"
    check "a wrong configuration fails: WW to werk-inkomen" \
        sh -c 'printf "%s" "$1" | grep -q "leads to outcome ww, which sends to werk-inkomen"' _ "$out"
    check "a wrong configuration fails: ID asked on the safety outcome" \
        sh -c 'printf "%s" "$1" | grep -q "outcome onveilig has no bring list of its own"' _ "$out"
    check "a wrong configuration fails: an objection route without the term" \
        sh -c 'printf "%s" "$1" | grep -q "objection outcome brief-besluit lacks"' _ "$out"
fi

finish
