# wegwijzer say: real espeak-ng speech per language into WAV files, measured
# with sox; the volume range (ACCESSIBILITY.md row 12); a missing voice; the
# audio device path through SDL's disk driver, and no audio device.
. tests/e2e/lib.sh

# sox_stat FILE FIELD: one number from `sox FILE -n stat`
sox_stat() {
    sox "$1" -n stat 2>&1 | awk -F: -v k="$2" '$1 ~ k { gsub(/ /, "", $2); print $2; exit }'
}

expect "say --help" 0 "--lang LANG" -- ww say --help
expect "say without a language" 2 "usage" -- ww say hallo
expect "say a bad volume" 2 "expected 0..100" -- ww say --lang nl --volume 130 hallo

# Each language: a WAV of plausible length (0.15..1.2 s per word) that is
# not silent (RMS above 0.01 of full scale, i.e. -40 dBFS).
check_lang() { # lang words text
    lang=$1 words=$2 text=$3
    f="$WW_TMP/$lang.wav"
    expect "say $lang to a WAV" 0 "$lang:" -- ww say --lang "$lang" --out "$f" "$text"
    info=$(sox --i "$f" 2>&1)
    rate=$(echo "$info" | awk -F: '/Sample Rate/ { gsub(/ /, "", $2); print $2 }')
    chans=$(echo "$info" | awk -F: '/Channels/ { gsub(/ /, "", $2); print $2 }')
    len=$(sox_stat "$f" "Length")
    rms=$(sox_stat "$f" "RMS +amplitude")
    echo "     $lang: ${len} s, RMS $rms, $rate Hz, $chans channel"
    check "$lang WAV is 22050 Hz mono" [ "$rate" = 22050 ] && [ "$chans" = 1 ]
    check "$lang WAV has a plausible length" \
        awk -v l="$len" -v w="$words" 'BEGIN { exit !(l / w > 0.15 && l / w < 1.2) }'
    check "$lang WAV is not silent" awk -v r="$rms" 'BEGIN { exit !(r > 0.01) }'
}
check_lang nl 12 "Goedemorgen. Uw afspraak is om 09:30 uur bij balie 2."
check_lang en 12 "Good morning. Your appointment is at 09:30 at desk 2."
check_lang tr 6 "Günaydın. Randevunuz saat 09:30, masa 2."
check_lang pl 8 "Dzień dobry. Pana wizyta: 09:30, stanowisko 2."
check_lang uk 7 "Доброго ранку. Ваш прийом: 09:30, стіл 2."
check_lang ar 6 "صَبَاحُ الْخَيْرِ. فِي أَيِّ شَيْءٍ تُرِيدُ الْمُسَاعَدَةَ؟"

# Times and ticket numbers are said as words.
expect "say turns a time into words" 0 "om half tien bij balie" -- \
    ww say --lang nl --backend null "om 09:30 uur bij balie 2"
expect "say spells a ticket number" 0 "J, veertien" -- ww say --lang nl --backend null "J-014"
expect "say --raw leaves the text" 0 "om 09:30 uur" -- ww say --lang nl --raw --backend null "om 09:30 uur"

# Phone numbers in groups, emergency numbers digit by digit, clock times with
# a dot, abbreviations spelled; Dutch names marked for the Dutch voice.
expect "say a phone number in groups" 0 "Bel veertien, nul zeven drie of nul acht nul nul, tachtig twintig." -- \
    ww say --lang nl --backend null "Bel 14 073 of 0800-8020."
expect "say 112 digit by digit" 0 "Bel dan één één twee." -- ww say --lang nl --backend null "Bel dan 112."
expect "say hours written with a dot" 0 "half negen tot vijf uur" -- \
    ww say --lang nl --backend null "8.30 tot 17.00 uur"
expect "say an abbreviation spelled" 0 "Kijk op uu wee vee punt en el." -- \
    ww say --lang nl --backend null "Kijk op uwv.nl."
expect "say a Dutch name in English with the Dutch voice" 0 \
    'Call <voice xml:lang="nl">Het Juridisch Loket</voice>: zero eight zero zero, eight zero two zero.' -- \
    ww say --lang en --backend null --name "Het Juridisch Loket" "Call Het Juridisch Loket: 0800-8020."

# Listen: the Arabic sentence with a Dutch name, synthesised by espeak-ng,
# against the same sentence said raw. The marks are not read aloud (that
# would make it about half as long again); measured: 6.9 s against 6.2 s raw.
ar_text="اتَّصِلْ بِـ Het Juridisch Loket: 0800-8020."
ww say --lang ar --out "$WW_TMP/ar-name.wav" "$ar_text" >/dev/null
ww say --lang ar --raw --out "$WW_TMP/ar-raw.wav" "$ar_text" >/dev/null
named=$(sox_stat "$WW_TMP/ar-name.wav" "Length")
rawlen=$(sox_stat "$WW_TMP/ar-raw.wav" "Length")
echo "     ar with the Dutch name and digits: ${named} s; raw: ${rawlen} s"
check "the Dutch name's marks are not read aloud" \
    awk -v a="$named" -v b="$rawlen" 'BEGIN { exit !(a > 0.7 * b && a < 1.3 * b) }'
check "the Arabic WAV with a Dutch name is not silent" \
    awk -v r="$(sox_stat "$WW_TMP/ar-name.wav" "RMS +amplitude")" 'BEGIN { exit !(r > 0.01) }'

# Slow is slower.
ww say --lang nl --out "$WW_TMP/fast.wav" "Uw nummer is J-014." >/dev/null
ww say --lang nl --slow --out "$WW_TMP/slow.wav" "Uw nummer is J-014." >/dev/null
fast=$(sox_stat "$WW_TMP/fast.wav" "Length")
slow=$(sox_stat "$WW_TMP/slow.wav" "Length")
echo "     normal ${fast} s, slow ${slow} s"
check "slow speech lasts at least 20 % longer" \
    awk -v f="$fast" -v s="$slow" 'BEGIN { exit !(s > 1.2 * f) }'

# ACCESSIBILITY.md row 12: the volume range is at least 18 dB. Measured:
# 100 % against 10 % gives 27.0 dB (0.3 dB per percent).
ww say --lang nl --volume 100 --out "$WW_TMP/loud.wav" "Voorlezen staat aan." >/dev/null
ww say --lang nl --volume 10 --out "$WW_TMP/quiet.wav" "Voorlezen staat aan." >/dev/null
loud=$(sox_stat "$WW_TMP/loud.wav" "RMS +amplitude")
quiet=$(sox_stat "$WW_TMP/quiet.wav" "RMS +amplitude")
range=$(awk -v a="$loud" -v b="$quiet" 'BEGIN { printf "%.1f", 20 * log(a / b) / log(10) }')
echo "     volume 100 %: RMS $loud, 10 %: RMS $quiet: range $range dB"
check "volume range is at least 18 dB" awk -v r="$range" 'BEGIN { exit !(r >= 18) }'

# A language without a voice: a clear message, no crash.
expect "say in Frisian: no voice" 1 "no voice for language 'fy'" -- ww say --lang fy "Goeie moarn"

# Through the audio device: SDL's disk driver writes what the device got, at
# the pace of a sound card.
raw="$WW_TMP/device.raw"
expect "say --play through the disk audio driver" 0 "nl:" -- \
    env SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$raw" \
    "$WW_BIN" say --lang nl --play "Uw nummer is J-014."
dev_rms=$(sox -t raw -r 22050 -e signed -b 16 -c 1 "$raw" -n stat 2>&1 |
    awk -F: '/RMS +amplitude/ { gsub(/ /, "", $2); print $2; exit }')
echo "     device output RMS ${dev_rms:-none}"
check "the device played speech" awk -v r="${dev_rms:-0}" 'BEGIN { exit !(r > 0.01) }'

# No audio device: one warning, no crash; say reports it could not play.
expect "say --play without an audio device" 1 "speech is not heard" -- \
    env SDL_AUDIODRIVER=nonexistent "$WW_BIN" say --lang nl --play "Test"
expect "say --play with the dummy driver" 1 "speech is not heard" -- \
    env SDL_AUDIODRIVER=dummy "$WW_BIN" say --lang nl --play "Test"

finish
