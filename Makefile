# cleaner — build, test, evaluate, install.  GNU make.
PKG_CONFIG ?= pkg-config
CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/cleaner
MANDIR ?= $(PREFIX)/share/man
VERSION := 0.1.0
BUILD ?= build

WARN := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wmissing-prototypes \
        -Wstrict-prototypes -Wno-format-nonliteral
# The libraries come from pkg-config; a missing one stops the build with a
# message (targets that build nothing do not ask).
PKGS := libpcre2-8 jansson zlib libzstd nettle
# warcio for the WARC read-back test, fetched from npm once (shared by the
# asan build)
NPM_DIR ?= build/npm
NO_DEPS_GOALS := clean deps help uninstall
ifneq ($(filter-out $(NO_DEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
ifneq ($(shell $(PKG_CONFIG) --exists $(PKGS) && echo yes),yes)
$(error pkg-config finds no $(PKGS) (is $(PKG_CONFIG) installed?): run ./bootstrap, or install pkg-config libpcre2-dev libjansson-dev zlib1g-dev libzstd-dev nettle-dev libunistring-dev check)
endif
endif
DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
DEPS_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS)) -lunistring -lpthread
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check)
# CPPFLAGS, CFLAGS, LDFLAGS and LDLIBS are the user's (Debian's hardening
# flags come in through them): added after ours, never replaced.
ALL_CFLAGS := $(WARN) -D_GNU_SOURCE -DCLEANER_VERSION='"$(VERSION)"' \
              -DCLEANER_DATADIR='"$(DATADIR)"' $(DEPS_CFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP

LIB_SRC := $(filter-out cleaner/main.c cleaner/eval_main.c,$(wildcard cleaner/*.c))
LIB_OBJ := $(LIB_SRC:cleaner/%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/check_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/%)

# keep object files of the test programs (pattern-built, else deleted)
.PRECIOUS: $(BUILD)/obj/%.o

.PHONY: all check unit fixtures eval eval-check ablate quality docs-table asan tsan valgrind fuzz bench clean install uninstall deps help

all: $(BUILD)/cleaner $(BUILD)/cleaner-eval

help:
	@echo "targets: all check unit fixtures eval eval-check ablate asan tsan valgrind fuzz bench docs-table install uninstall clean deps"

# Rewrite docs/rules.md's table of detectors and settings from the code's.
docs-table: all
	@tests/docs-settings.sh --update $(BUILD)/cleaner

deps:
	@$(PKG_CONFIG) --exists libpcre2-8 jansson check 2>/dev/null && test -f /usr/include/unistr.h \
	  || ./bootstrap

# pack.c and options.c embed DATADIR: rebuild them whenever it changes (the
# stamp's name carries the value), so `make install PREFIX=...` after a
# plain `make` installs a binary that looks in the right place.
DATADIR_STAMP := $(BUILD)/datadir$(subst /,_,$(DATADIR)).stamp
$(DATADIR_STAMP):
	@mkdir -p $(@D)
	@rm -f $(BUILD)/datadir*.stamp
	@touch $@
$(BUILD)/obj/pack.o $(BUILD)/obj/options.o: $(DATADIR_STAMP)

$(BUILD)/obj/%.o: cleaner/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libcleaner.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/cleaner: $(BUILD)/obj/main.o $(BUILD)/libcleaner.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS) $(LDLIBS)

$(BUILD)/cleaner-eval: $(BUILD)/obj/eval_main.o $(BUILD)/libcleaner.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS) $(LDLIBS)

$(BUILD)/obj/check_%.o: tests/check_%.c
	@mkdir -p $(@D)
	@$(PKG_CONFIG) --exists check || { echo "pkg-config finds no check (the unit-test library): run ./bootstrap" >&2; exit 1; }
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Icleaner -Itests -c $< -o $@

$(BUILD)/check_%: $(BUILD)/obj/check_%.o $(BUILD)/libcleaner.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(DEPS_LIBS) $(LDLIBS)

# make check: unit suites, byte-exact fixtures, batch and bad-input tests,
# docs against the code's settings table, quality thresholds.
check: all $(TEST_BIN) $(BUILD)/cleaner-corpus $(BUILD)/cleaner-runcmd
	@tests/run-unit.sh $(TEST_BIN)
	@tests/run-fixtures.sh $(BUILD)/cleaner
	@tests/run-batch.sh $(BUILD)/cleaner $(BUILD)/cleaner-runcmd
	@tests/run-hardening.sh $(BUILD)/cleaner $(BUILD)/cleaner-corpus
	@tests/run-safety.sh $(BUILD)/cleaner
	@tests/run-formats.sh $(BUILD)/cleaner
	@tests/run-warcio.sh $(BUILD)/cleaner $(NPM_DIR)
	@tests/run-dask.sh $(BUILD)/cleaner
	@tests/docs-settings.sh $(BUILD)/cleaner
	@tests/run-install.sh $(BUILD)-install
	@tests/run-eval.sh --check $(BUILD)/cleaner $(BUILD)/cleaner-eval

unit: $(TEST_BIN)
	@tests/run-unit.sh $(TEST_BIN)

fixtures: $(BUILD)/cleaner
	@tests/run-fixtures.sh $(BUILD)/cleaner

eval: all
	@tests/run-eval.sh $(BUILD)/cleaner $(BUILD)/cleaner-eval

# The quality thresholds alone (make check runs them too).
eval-check: all
	@tests/run-eval.sh --check $(BUILD)/cleaner $(BUILD)/cleaner-eval

# What each rule and detector is worth, site by site (tests/ablate.sh).
ablate: all
	@tests/ablate.sh $(BUILD)/cleaner $(BUILD)/cleaner-eval

# Every fixture again under valgrind memcheck: no errors, no leaks.
valgrind: all
	@rm -rf $(BUILD)/valgrind
	@CLEANER=$(BUILD)/cleaner VALGRIND_LOGS=$(BUILD)/valgrind tests/run-fixtures.sh tests/valgrind-cleaner.sh
	@if find $(BUILD)/valgrind -type f -size +0 | grep -q .; then \
	    echo "valgrind: reports in $(BUILD)/valgrind:"; find $(BUILD)/valgrind -type f -size +0 -exec cat {} +; exit 1; \
	else echo "valgrind: no errors, no leaks"; fi

# Fuzz each harness for FUZZ_SECONDS (clang's libFuzzer, ASan + UBSan).
FUZZ_SECONDS ?= 60
fuzz:
	@PKGS='$(PKGS)' fuzz/run.sh $(FUZZ_SECONDS)

# Test data (garbage, NFD, large corpora) for the hardening tests and the
# benchmark.
$(BUILD)/cleaner-corpus: tests/corpus.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -D_GNU_SOURCE $(CPPFLAGS) -O2 $(LDFLAGS) -o $@ $< -lunistring $(LDLIBS)

# Wall time and peak RSS of a command (the memory tests and the benchmark).
$(BUILD)/cleaner-runcmd: tests/runcmd.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -D_GNU_SOURCE $(CPPFLAGS) -O2 $(LDFLAGS) -o $@ $< $(LDLIBS)

# Benchmark (not part of check): medians, ratios, scaling; see bench/README.md.
bench: all $(BUILD)/cleaner-corpus $(BUILD)/cleaner-runcmd
	@BUILD=$(BUILD) bench/run.sh

# The whole suite again under AddressSanitizer and UBSan, in build-asan/.
asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" check

# The batch tests (-j N, the ring, the main thread cleaning jobs) under
# ThreadSanitizer, in build-tsan/; a report fails the test it happens in.
tsan:
	$(MAKE) BUILD=build-tsan CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" build-tsan/cleaner build-tsan/cleaner-runcmd
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" tests/run-batch.sh build-tsan/cleaner build-tsan/cleaner-runcmd

# What install writes, file by file; uninstall removes exactly these, then
# the folders it made if they are left empty.
PACK_RULES := $(wildcard rules/*.rules)
SITE_RULES := $(wildcard rules/sites/*.rules)
MAN1 := docs/cleaner.1
MAN5 := docs/cleaner-rules.5

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules/sites $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(BUILD)/cleaner $(DESTDIR)$(BINDIR)/cleaner
	install -m 644 $(PACK_RULES) $(DESTDIR)$(DATADIR)/rules/
	$(if $(SITE_RULES),install -m 644 $(SITE_RULES) $(DESTDIR)$(DATADIR)/rules/sites/)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cleaner $(DESTDIR)$(MANDIR)/man1/$(notdir $(MAN1)) \
	      $(DESTDIR)$(MANDIR)/man5/$(notdir $(MAN5))
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/rules/,$(notdir $(PACK_RULES))) \
	      $(addprefix $(DESTDIR)$(DATADIR)/rules/sites/,$(notdir $(SITE_RULES)))
	-rmdir $(DESTDIR)$(DATADIR)/rules/sites $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build build-asan build-tsan build-fuzz build-O0 build-install build-asan-install

-include $(wildcard $(BUILD)/obj/*.d)
