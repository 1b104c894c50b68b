# Wegwijzer — build, tests and checks.
#
#   make run                 set up (Debian packages), build, start the kiosk
#   make check               set up, build, run every test
#   make MODE=release        optimised build in build/release
#   make SANITIZE=address,undefined check
#   make lint format-check bench valgrind
#   make soak                a simulated week of use (20,000 sessions; not in CI)
#   make install             the release build, data, systemd units (PREFIX=/usr/local, DESTDIR)
#   make deb                 the Debian package build/deb/wegwijzer_*.deb (+ lintian)
#
# The user's CFLAGS/LDFLAGS are honoured; WERROR=0 turns warnings back into
# warnings for packagers.

MODE     ?= debug
WERROR   ?= 1
SANITIZE ?=
CC       ?= cc
PKG_CONFIG ?= pkg-config
LOCATION ?= weener-xl
# The program's version (wegwijzer --version, the kiosk's heartbeat);
# debian/rules passes the package's.
VERSION  ?= 0.1.0

ifeq ($(SANITIZE),)
BUILD := build/$(MODE)
else
BUILD := build/$(MODE)-san
endif

# Libraries. The core links no SDL or FFmpeg and is compiled without their
# flags; poison headers (below) make an accidental include fail.
CORE_PKGS := sqlite3 libqrencode libsodium espeak-ng libpng
# The PostgreSQL store backend, built when libpq is installed (libpq-dev).
WITH_PG := $(shell $(PKG_CONFIG) --exists libpq 2>/dev/null && echo 1)
ifeq ($(WITH_PG),1)
CORE_PKGS += libpq
PG_CFLAGS := -DWW_WITH_PG
endif
UI_PKGS   := sdl2 SDL2_ttf SDL2_image fribidi fontconfig espeak-ng
TEST_PKGS := cmocka
# The waiting-room screen decodes films with FFmpeg: only src/signage is
# compiled with these flags; the binary links them.
SIGNAGE_PKGS := libavformat libavcodec libavutil libswscale libswresample

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla \
        -Wformat=2 -Wundef -Wwrite-strings -Wold-style-definition \
        -Wnull-dereference -Wdouble-promotion -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN += -Werror
endif

ifeq ($(MODE),release)
OPT := -O2 -DNDEBUG
else
OPT := -O0 -g3 -DWW_DEBUG
endif

SANFLAGS :=
ifneq ($(SANITIZE),)
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT := -O1 -g3 -DWW_DEBUG
endif

BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -MMD -MP $(OPT) $(WARN) $(SANFLAGS) $(PG_CFLAGS) \
               -DWW_VERSION='"$(VERSION)"'
CORE_CFLAGS := $(BASE_CFLAGS) -I$(BUILD)/poison -Isrc/core \
               $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) 2>/dev/null) $(CFLAGS)
APP_CFLAGS  := $(BASE_CFLAGS) -Isrc -Isrc/core \
               $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) $(UI_PKGS) 2>/dev/null) $(CFLAGS)
SIGNAGE_CFLAGS := $(BASE_CFLAGS) -Isrc -Isrc/core \
               $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) $(UI_PKGS) $(SIGNAGE_PKGS) 2>/dev/null) \
               $(CFLAGS)
TEST_CFLAGS := $(BASE_CFLAGS) -Isrc -Isrc/core \
               $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) $(TEST_PKGS) 2>/dev/null) $(CFLAGS)
CORE_LIBS   := $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) 2>/dev/null) -lpthread -lm
APP_LIBS    := $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) $(UI_PKGS) 2>/dev/null) -lpthread -lm
SIGNAGE_LIBS := $(shell $(PKG_CONFIG) --libs $(SIGNAGE_PKGS) 2>/dev/null)
TEST_LIBS   := $(CORE_LIBS) $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)
ALL_LDFLAGS := $(SANFLAGS) $(LDFLAGS)

CORE_SRC := $(sort $(filter-out $(if $(WITH_PG),,src/core/store_pg.c),$(wildcard src/core/*.c)))
APP_SRC  := $(sort $(wildcard src/*.c src/cli/*.c src/render/*.c src/ui/*.c src/signage/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
APP_OBJ  := $(APP_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# The store suites run a second time against a throwaway PostgreSQL server.
PG_UNIT_BIN := $(if $(WITH_PG),$(filter $(BUILD)/tests/test_store%,$(UNIT_BIN)))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/%-replay)

CORE_LIB := $(BUILD)/libwwcore.a
BIN      := $(BUILD)/wegwijzer
POISON   := $(BUILD)/poison/.stamp

.PHONY: all run check test unit e2e deps deps-run deps-test lint format format-check bench \
        valgrind clean update-golden help fuzz deb

all: $(BIN)

help:
	@sed -n '1,15p' Makefile

$(POISON):
	@mkdir -p $(BUILD)/poison/SDL2 $(BUILD)/poison/libavcodec $(BUILD)/poison/libavformat \
	          $(BUILD)/poison/libavutil
	@for h in SDL.h SDL2/SDL.h SDL2/SDL_ttf.h SDL_ttf.h libavcodec/avcodec.h \
	          libavformat/avformat.h libavutil/frame.h; do \
	  echo '#error "src/core must not use SDL or FFmpeg: keep it headless"' > $(BUILD)/poison/$$h; \
	done
	@touch $@

$(BUILD)/obj/src/core/%.o: src/core/%.c $(POISON)
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CFLAGS) -c $< -o $@

$(BUILD)/obj/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(APP_CFLAGS) -c $< -o $@

$(BUILD)/obj/src/signage/%.o: src/signage/%.c
	@mkdir -p $(dir $@)
	$(CC) $(SIGNAGE_CFLAGS) -c $< -o $@

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(APP_OBJ) $(CORE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(APP_OBJ) $(CORE_LIB) $(APP_LIBS) $(SIGNAGE_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CORE_LIB) $(TEST_LIBS)

# The ticket raster test draws with the screen's fonts: it links the text
# renderer (its header has no SDL types, so the test compiles headless).
TICKET_RENDER_OBJ := $(BUILD)/obj/src/render/ticket_raster.o $(BUILD)/obj/src/render/text.o
$(BUILD)/tests/test_ticket_raster: tests/unit/test_ticket_raster.c $(CORE_LIB) $(TICKET_RENDER_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(TICKET_RENDER_OBJ) $(CORE_LIB) $(APP_LIBS) \
	  $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

# Unit tests of the kiosk UI (tests/unit/test_ui_*.c): layout, theme, input
# and text need SDL, SDL_ttf and the fonts, so they link the UI objects.
UI_UNIT_OBJ := $(addprefix $(BUILD)/obj/src/,ui/layout.o ui/theme.o ui/draw.o ui/input.o \
               ui/screens.o render/text.o ui/out_of_order.o ui/audio.o render/video.o)
$(BUILD)/tests/test_ui_%: tests/unit/test_ui_%.c $(CORE_LIB) $(UI_UNIT_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(APP_CFLAGS) $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null) $(ALL_LDFLAGS) \
	  -o $@ $< $(UI_UNIT_OBJ) $(CORE_LIB) $(APP_LIBS) $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

# The audio output test links SDL and plays through its disk and dummy
# drivers (no sound card needed).
$(BUILD)/tests/test_audio: tests/unit/test_audio.c $(CORE_LIB) $(BUILD)/obj/src/ui/audio.o
	@mkdir -p $(dir $@)
	$(CC) $(APP_CFLAGS) $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null) $(ALL_LDFLAGS) \
	  -o $@ $< $(BUILD)/obj/src/ui/audio.o $(CORE_LIB) $(APP_LIBS) \
	  $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

# A fuzz target linked with a plain driver that replays its corpus: make
# check runs every corpus, so each crash once found stays fixed.
$(BUILD)/tests/%-replay: tests/fuzz/%.c tests/fuzz/replay.c $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(CORE_LIB) $(TEST_LIBS)

# libFuzzer under ASan+UBSan, FUZZ_SECONDS per target (make fuzz FUZZ_SECONDS=300).
FUZZ_SECONDS ?= 30
fuzz:
	@scripts/fuzz.sh $(FUZZ_SECONDS)
print-core-libs:
	@echo $(CORE_LIBS)

# ---- set-up on Debian ----
deps-run:
	@scripts/deps.sh run
deps-test:
	@scripts/deps.sh test

# ---- run ----
run: deps-run
	@$(MAKE) --no-print-directory all
	@scripts/run-kiosk.sh $(BIN) $(LOCATION)

# ---- tests ----
unit: $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

e2e: $(BIN)
	@WW_BIN=$(BIN) tests/e2e/run.sh

# The tests run in a fresh make so that libraries installed by deps-test
# (libpq: the PostgreSQL backend) count. The store suites run once more
# against a throwaway PostgreSQL server when the build has the backend.
check: deps-test
	@$(MAKE) --no-print-directory check-run

.PHONY: check-run check-pg
check-run: all $(UNIT_BIN) $(FUZZ_REPLAY)
	@WW_BIN=$(BIN) WW_PG_UNITS="$(PG_UNIT_BIN)" tests/run-all.sh $(UNIT_BIN) $(FUZZ_REPLAY)

check-pg: $(PG_UNIT_BIN)
	$(if $(PG_UNIT_BIN),@tests/pg.sh tests/run-unit.sh $(PG_UNIT_BIN))

test: check

update-golden: $(BIN)
	@for t in $$(grep -l WW_UPDATE_GOLDEN tests/e2e/test_*.sh); do \
	  echo "== $$t"; WW_BIN=$(BIN) WW_UPDATE_GOLDEN=1 sh $$t >/dev/null || true; done
	@git diff --stat -- tests/ref 2>/dev/null || true
	@$(MAKE) --no-print-directory $(BUILD)/tests/test_ticket $(BUILD)/tests/test_ticket_raster
	@WW_UPDATE_GOLDEN=1 $(BUILD)/tests/test_ticket >/dev/null && echo "updated tests/ref/escpos-*.bin"
	@WW_UPDATE_GOLDEN=1 $(BUILD)/tests/test_ticket_raster >/dev/null && \
	  echo "updated tests/ref/ticket-*.escpos (look at tests/ref/ticket-*.png)"

valgrind: deps-test
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(FUZZ_REPLAY)
	@WW_VALGRIND=1 WW_BIN=$(BIN) tests/run-all.sh $(UNIT_BIN) $(FUZZ_REPLAY)

# ---- checks ----
lint:
	@scripts/lint.sh

FORMAT_FILES = $(shell git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 'bench/*.c' 2>/dev/null)
format:
	@clang-format -i $(FORMAT_FILES)
format-check:
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo "format-check: ok"

# ---- benchmarks ----
bench: deps-test
	@$(MAKE) --no-print-directory MODE=release all build/release/bench_store build/release/bench_ticket \
	  build/release/bench_speech build/release/bench_pin
	@bench/run.sh

build/release/bench_store: bench/bench_store.c
	@$(MAKE) --no-print-directory MODE=release build/release/libwwcore.a
	$(CC) $(TEST_CFLAGS) -O2 -o $@ $< build/release/libwwcore.a $(CORE_LIBS)

# The staff PIN's Argon2id cost at several settings (what a sign-in waits).
build/release/bench_pin: bench/bench_pin.c
	@$(MAKE) --no-print-directory MODE=release build/release/libwwcore.a
	$(CC) $(TEST_CFLAGS) -O2 -o $@ $< build/release/libwwcore.a $(CORE_LIBS)

# Layout + QR + raster + ESC/POS of one ticket: needs the text renderer.
build/release/bench_ticket: bench/bench_ticket.c
	@$(MAKE) --no-print-directory MODE=release all
	$(CC) $(APP_CFLAGS) -O2 -o $@ $< build/release/obj/src/render/ticket_raster.o \
	  build/release/obj/src/render/text.o build/release/libwwcore.a $(APP_LIBS)

# Speech: espeak-ng through the core, and the SDL audio device for tap -> device.
build/release/bench_speech: bench/bench_speech.c
	@$(MAKE) --no-print-directory MODE=release all
	$(CC) $(APP_CFLAGS) -O2 -o $@ $< build/release/obj/src/ui/audio.o build/release/libwwcore.a \
	  $(APP_LIBS)

# The film decoder test links FFmpeg and SDL (real decoding, no window) and
# plays the sample film.
$(BUILD)/tests/test_film: tests/unit/test_film.c $(BUILD)/obj/src/signage/film.o $(CORE_LIB) \
                          build/media/voorbeeldfilm.mp4
	@mkdir -p $(dir $@)
	$(CC) $(SIGNAGE_CFLAGS) $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS)) $(ALL_LDFLAGS) -o $@ $< \
	    $(BUILD)/obj/src/signage/film.o $(CORE_LIB) $(APP_LIBS) $(SIGNAGE_LIBS) $(TEST_LIBS)

# ---- the waiting-room screen ----
# The sample film is made from the project's own material by the ffmpeg tool
# (never committed); bench-screen plays a 1080p30 H.264 clip for
# BENCH_SECONDS (30; 600 for the ten-minute run) under the offscreen driver.
MEDIA := build/media
BENCH_SECONDS ?= 30
media: $(MEDIA)/voorbeeldfilm.mp4
$(MEDIA)/voorbeeldfilm.mp4: scripts/sample-film.sh $(wildcard kiosk-config/screens/voorbeeldfilm*.srt)
	@scripts/sample-film.sh $(MEDIA)
$(MEDIA)/bench-1080p30.mp4: scripts/sample-film.sh
	@scripts/sample-film.sh $(MEDIA) bench
screen: all media
	$(BIN) screen --screen huisarts-wachtkamer --media $(MEDIA) --windowed
bench-screen: deps-test
	@$(MAKE) --no-print-directory MODE=release all $(MEDIA)/bench-1080p30.mp4
	@bench/bench_screen.sh build/release/wegwijzer $(MEDIA)/bench-1080p30.mp4 $(BENCH_SECONDS)
.PHONY: media screen bench-screen

# ---- a week of use (not in CI) ----
# SOAK_SESSIONS generated resident sessions (20,000) over a simulated week in
# ONE scripted kiosk process, with staff changes from another process; then
# the waiting-room screen over seven simulated days; then every log line of
# both, and of the end-to-end runs of test_logscan.sh, is scanned for
# resident data. Curves (sessions or hours vs resident memory, heap, open
# files) and summaries in SOAK_OUT. `make SANITIZE=address,undefined soak`
# runs the same under ASan and UBSan, whose leak check fails a leaking run.
SOAK_SESSIONS ?= 20000
SOAK_OUT      ?= $(BUILD)/soak
SOAK_LSAN     := LSAN_OPTIONS=suppressions=$(CURDIR)/tests/e2e/screen-lsan.supp:print_suppressions=0
soak: deps-test
	@$(MAKE) --no-print-directory all media
	@$(SOAK_LSAN) WW_BIN=$(BIN) SOAK_RENDER=1 tests/soak/run.sh $(SOAK_OUT)/kiosk $(SOAK_SESSIONS) 8
	@$(SOAK_LSAN) WW_BIN=$(BIN) tests/soak/screen-week.sh $(SOAK_OUT)/screen 7 $(MEDIA)
	@$(SOAK_LSAN) WW_BIN=$(BIN) WW_LOGSCAN_DIRS="$(SOAK_OUT)/kiosk $(SOAK_OUT)/screen" \
	  sh tests/e2e/test_logscan.sh
.PHONY: soak

clean:
	rm -rf build

-include $(CORE_OBJ:.o=.d) $(APP_OBJ:.o=.d)

# ---- translations ----
# Catalogues compiled from locales/LANG.po into build/locale (found by the
# binary next to its build folder, or through --localedir /
# $WEGWIJZER_LOCALEDIR). `make pot` extracts every resident text (C sources
# and flow files) into the template; `make po` merges it into each PO file.
LOCALE_DIR := build/locale
PO_FILES   := $(wildcard locales/*.po)
MO_FILES   := $(PO_FILES:locales/%.po=$(LOCALE_DIR)/%/LC_MESSAGES/wegwijzer.mo)

all: $(MO_FILES)
update-golden: $(MO_FILES)

$(LOCALE_DIR)/%/LC_MESSAGES/wegwijzer.mo: locales/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

.PHONY: pot po mo
mo: $(MO_FILES)

pot: $(BIN)
	$(BIN) flow pot -o locales/wegwijzer.pot

po: pot
	@for p in $(PO_FILES); do \
	  msgmerge --quiet --update --backup=none --no-fuzzy-matching $$p locales/wegwijzer.pot || exit 1; \
	done

# ---- installing ----
# The paths the systemd units in dist/systemd expect (PREFIX is written into
# them): the program, its pictograms and translations under PREFIX, the
# configuration in SYSCONFDIR/wegwijzer (the sample, only when there is none
# yet), the units, the service user (sysusers.d) and /etc/default/wegwijzer.
PREFIX     ?= /usr/local
SYSCONFDIR ?= /etc
# Always the release build, whatever MODE or SANITIZE say for other targets:
# a debug build is for development only.
INSTALL_BIN := build/release/wegwijzer
.PHONY: install
install: $(MO_FILES)
	@$(MAKE) --no-print-directory MODE=release SANITIZE= $(INSTALL_BIN)
	@$(INSTALL_BIN) --version | grep -qx 'wegwijzer build: release' || \
	  { echo "install: $(INSTALL_BIN) is not a release build" >&2; exit 1; }
	install -D -m 0755 $(INSTALL_BIN) $(DESTDIR)$(PREFIX)/bin/wegwijzer
	install -d $(DESTDIR)$(PREFIX)/share/wegwijzer/assets/pictograms \
	  $(DESTDIR)$(PREFIX)/share/wegwijzer/locale $(DESTDIR)$(PREFIX)/share/doc/wegwijzer \
	  $(DESTDIR)$(SYSCONFDIR)/systemd/system
	install -m 0644 assets/pictograms/*.svg $(DESTDIR)$(PREFIX)/share/wegwijzer/assets/pictograms/
	cp -R $(LOCALE_DIR)/. $(DESTDIR)$(PREFIX)/share/wegwijzer/locale/
	install -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/wegwijzer/
	for u in dist/systemd/*.service; do \
	  sed 's|/usr/local|$(PREFIX)|g' $$u >$(DESTDIR)$(SYSCONFDIR)/systemd/system/$$(basename $$u); done
	install -D -m 0644 dist/sysusers.d/wegwijzer.conf $(DESTDIR)$(SYSCONFDIR)/sysusers.d/wegwijzer.conf
	[ -e $(DESTDIR)$(SYSCONFDIR)/default/wegwijzer ] || \
	  install -D -m 0644 dist/default-wegwijzer $(DESTDIR)$(SYSCONFDIR)/default/wegwijzer
	[ -e $(DESTDIR)$(SYSCONFDIR)/wegwijzer ] || cp -R kiosk-config $(DESTDIR)$(SYSCONFDIR)/wegwijzer

# ---- the Debian package ----
# dpkg-buildpackage -b -us -uc (debian/) in a copy of the tree under
# build/deb, so that its clean and release build leave this tree's build/
# alone and the .deb lands in build/deb rather than beside the tree; then
# lintian on the result.
deb:
	@scripts/deb.sh build/deb
