# Speech latency and real-time factor per language (see bench/bench_speech.c).
# The disk audio driver stands in for a sound card: it paces itself like one
# (and announces itself on stderr, which is why that is dropped; a failing
# run still shows through the exit status).
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null exec build/release/bench_speech --runs 7 2>/dev/null
