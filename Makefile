# Wegwijzer — build, tests and checks.
#
#   make run                 set up (Debian packages), build, start the kiosk
#   make check               set up, build, run every test
#   make MODE=release        optimised build in build/release
#   make SANITIZE=address,undefined check
#   make lint format-check bench valgrind
#
# The user's CFLAGS/LDFLAGS are honoured; WERROR=0 turns warnings back into
# warnings for packagers.

MODE     ?= debug
WERROR   ?= 1
SANITIZE ?=
CC       ?= cc
PKG_CONFIG ?= pkg-config
LOCATION ?= weener-xl

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

BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -MMD -MP $(OPT) $(WARN) $(SANFLAGS) $(PG_CFLAGS)
CORE_CFLAGS := $(BASE_CFLAGS) -I$(BUILD)/poison -Isrc/core \
               $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) 2>/dev/null) $(CFLAGS)
APP_CFLAGS  := $(BASE_CFLAGS) -Isrc -Isrc/core \
               $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) $(UI_PKGS) 2>/dev/null) $(CFLAGS)
TEST_CFLAGS := $(BASE_CFLAGS) -Isrc -Isrc/core \
               $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) $(TEST_PKGS) 2>/dev/null) $(CFLAGS)
CORE_LIBS   := $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) 2>/dev/null) -lpthread -lm
APP_LIBS    := $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) $(UI_PKGS) 2>/dev/null) -lpthread -lm
TEST_LIBS   := $(CORE_LIBS) $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)
ALL_LDFLAGS := $(SANFLAGS) $(LDFLAGS)

CORE_SRC := $(sort $(filter-out $(if $(WITH_PG),,src/core/store_pg.c),$(wildcard src/core/*.c)))
APP_SRC  := $(sort $(wildcard src/*.c src/cli/*.c src/render/*.c src/ui/*.c src/signage/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
APP_OBJ  := $(APP_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/%-replay)

CORE_LIB := $(BUILD)/libwwcore.a
BIN      := $(BUILD)/wegwijzer
POISON   := $(BUILD)/poison/.stamp

.PHONY: all run check test unit e2e deps deps-run deps-test lint format format-check bench \
        valgrind clean update-golden help fuzz

all: $(BIN)

help:
	@sed -n '1,12p' Makefile

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

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(APP_OBJ) $(CORE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(APP_OBJ) $(CORE_LIB) $(APP_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CORE_LIB) $(TEST_LIBS)

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

check: deps-test
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(FUZZ_REPLAY)
	@WW_BIN=$(BIN) tests/run-all.sh $(UNIT_BIN) $(FUZZ_REPLAY)

test: check

update-golden: $(BIN)
	@WW_BIN=$(BIN) WW_UPDATE_GOLDEN=1 tests/e2e/run.sh

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
	@$(MAKE) --no-print-directory MODE=release all build/release/bench_store
	@bench/run.sh

build/release/bench_store: bench/bench_store.c
	@$(MAKE) --no-print-directory MODE=release build/release/libwwcore.a
	$(CC) $(TEST_CFLAGS) -O2 -o $@ $< build/release/libwwcore.a $(CORE_LIBS)

clean:
	rm -rf build

-include $(CORE_OBJ:.o=.d) $(APP_OBJ:.o=.d)
