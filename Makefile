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
DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags libpcre2-8 jansson 2>/dev/null)
DEPS_LIBS := $(shell $(PKG_CONFIG) --libs libpcre2-8 jansson 2>/dev/null) -lunistring -lpthread
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)
ALL_CFLAGS := $(WARN) -D_GNU_SOURCE -DCLEANER_VERSION='"$(VERSION)"' \
              -DCLEANER_DATADIR='"$(DATADIR)"' $(DEPS_CFLAGS) $(CFLAGS) -MMD -MP

LIB_SRC := $(filter-out cleaner/main.c cleaner/eval_main.c,$(wildcard cleaner/*.c))
LIB_OBJ := $(LIB_SRC:cleaner/%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/check_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/%)

# keep object files of the test programs (pattern-built, else deleted)
.PRECIOUS: $(BUILD)/obj/%.o

.PHONY: all check unit fixtures eval ablate quality asan valgrind fuzz bench clean install uninstall deps help

all: $(BUILD)/cleaner $(BUILD)/cleaner-eval

help:
	@echo "targets: all check eval asan install uninstall clean deps"

deps:
	@$(PKG_CONFIG) --exists libpcre2-8 jansson check 2>/dev/null && test -f /usr/include/unistr.h \
	  || ./bootstrap

# main.c and options.c embed DATADIR: rebuild them whenever it changes (the
# stamp's name carries the value), so `make install PREFIX=...` after a
# plain `make` installs a binary that looks in the right place.
DATADIR_STAMP := $(BUILD)/datadir$(subst /,_,$(DATADIR)).stamp
$(DATADIR_STAMP):
	@mkdir -p $(@D)
	@rm -f $(BUILD)/datadir*.stamp
	@touch $@
$(BUILD)/obj/main.o $(BUILD)/obj/options.o: $(DATADIR_STAMP)

$(BUILD)/obj/%.o: cleaner/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libcleaner.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/cleaner: $(BUILD)/obj/main.o $(BUILD)/libcleaner.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS)

$(BUILD)/cleaner-eval: $(BUILD)/obj/eval_main.o $(BUILD)/libcleaner.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS)

$(BUILD)/obj/check_%.o: tests/check_%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Icleaner -Itests -c $< -o $@

$(BUILD)/check_%: $(BUILD)/obj/check_%.o $(BUILD)/libcleaner.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(DEPS_LIBS)

# make check: unit suites, byte-exact fixtures, batch and bad-input tests,
# docs against the code's settings table, quality thresholds.
check: all $(TEST_BIN) $(BUILD)/cleaner-corpus
	@tests/run-unit.sh $(TEST_BIN)
	@tests/run-fixtures.sh $(BUILD)/cleaner
	@tests/run-batch.sh $(BUILD)/cleaner
	@tests/run-hardening.sh $(BUILD)/cleaner $(BUILD)/cleaner-corpus
	@tests/run-safety.sh $(BUILD)/cleaner
	@tests/docs-settings.sh $(BUILD)/cleaner
	@tests/run-eval.sh --check $(BUILD)/cleaner $(BUILD)/cleaner-eval

unit: $(TEST_BIN)
	@tests/run-unit.sh $(TEST_BIN)

fixtures: $(BUILD)/cleaner
	@tests/run-fixtures.sh $(BUILD)/cleaner

eval: all
	@tests/run-eval.sh $(BUILD)/cleaner $(BUILD)/cleaner-eval

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
	@fuzz/run.sh $(FUZZ_SECONDS)

# Benchmark (not part of check): medians, ratios, scaling; see bench/README.md.
$(BUILD)/cleaner-corpus: bench/corpus.c
	$(CC) $(WARN) -D_GNU_SOURCE -O2 -o $@ $< -lunistring

$(BUILD)/cleaner-runcmd: bench/runcmd.c
	$(CC) $(WARN) -D_GNU_SOURCE -O2 -o $@ $<

bench: all $(BUILD)/cleaner-corpus $(BUILD)/cleaner-runcmd
	@BUILD=$(BUILD) bench/run.sh

# The whole suite again under AddressSanitizer and UBSan, in build-asan/.
asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" check

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules/sites $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(BUILD)/cleaner $(DESTDIR)$(BINDIR)/cleaner
	install -m 644 rules/*.rules $(DESTDIR)$(DATADIR)/rules/
	for f in rules/sites/*.rules; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/rules/sites/ || true; done
	for f in docs/*.1; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(MANDIR)/man1/ || true; done
	for f in docs/*.5; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(MANDIR)/man5/ || true; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cleaner $(DESTDIR)$(MANDIR)/man1/cleaner.1 $(DESTDIR)$(MANDIR)/man5/cleaner-rules.5
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz build-O0

-include $(wildcard $(BUILD)/obj/*.d)
