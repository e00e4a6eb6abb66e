# mrtreach — plain Makefile.
#   make            build ./mrtreach
#   make check      unit tests (Check) + end-to-end tests
#   make demo       the 2014 North Korea blackout from fixtures/
#   make check-asan the whole test suite under AddressSanitizer + UBSan
#   make check-valgrind  unit and end-to-end tests under valgrind memcheck
#   make check-zlib the zlib-only build (ISAL=no): input unit tests, damage cases
# Out-of-tree builds: make BUILD=/tmp/b BIN=/tmp/b/mrtreach
# gzip inflates with ISA-L when pkg-config finds libisal (Debian: libisal-dev),
# else with zlib; `make ISAL=no` builds the zlib-only binary anyway.

CC      ?= cc
OPT     ?= -O2 -g
CFLAGS  ?=
# Flags the code needs whatever the user passes: `make CFLAGS=-O0` or
# `make CFLAGS=-Werror` adds to these and never drops the language level,
# the feature macros or the warnings.
REQ_CFLAGS := -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc
ALL_CFLAGS  = $(OPT) $(REQ_CFLAGS) $(CFLAGS)
LDLIBS  += -lbz2 -lz -lpthread
ISAL    ?= $(shell pkg-config --exists libisal 2>/dev/null && echo yes || echo no)
ifeq ($(ISAL),yes)
REQ_CFLAGS += -DMRTREACH_ISAL $(shell pkg-config --cflags libisal)
LDLIBS  += $(shell pkg-config --libs libisal)
endif
BUILD   ?= build
BIN     ?= mrtreach
PREFIX  ?= /usr/local
DESTDIR ?=

# Layers, lowest first; an include may only name a lower layer or its own
# (README, "Hacking").
LAYERS  := decode io state report cli
SRC     := $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
OBJ     := $(SRC:src/%.c=$(BUILD)/src/%.o)
LIBOBJ  := $(filter-out $(BUILD)/src/cli/main.o,$(OBJ))
TOOLSRC := $(filter-out tools/gen_fixtures.c,$(wildcard tools/*.c))
TOOLOBJ := $(TOOLSRC:tools/%.c=$(BUILD)/tools/%.o)
TESTSRC := $(wildcard tests/*/check_*.c)
TESTS   := $(TESTSRC:tests/%.c=$(BUILD)/tests/%)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt)

.PHONY: all check unit e2e demo clean check-asan check-zlib check-valgrind fixtures install install-bgpdump-link uninstall bench fuzz fuzz-run build-fuzz/seed-partial

all: $(BIN)

$(BIN): $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tools/%.o: tools/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libmrtreach.a: $(LIBOBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libmrtwrite.a: $(TOOLOBJ)
	@rm -f $@
	ar rcs $@ $^

# Test binaries get -MMD too, so editing a shared test header (tests/*.h)
# rebuilds every test that includes it.
$(BUILD)/tests/%: tests/%.c $(BUILD)/libmrtreach.a $(BUILD)/libmrtwrite.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Itests -Itools -MMD -MP -o $@ $< $(BUILD)/libmrtwrite.a $(BUILD)/libmrtreach.a $(CHECK_LIBS) $(LDLIBS)

# The fixture generator: writes fixtures/ (the outputs are committed).
$(BUILD)/gen_fixtures: tools/gen_fixtures.c $(BUILD)/libmrtwrite.a $(BUILD)/libmrtreach.a
	$(CC) $(ALL_CFLAGS) -Itools -o $@ $< $(BUILD)/libmrtwrite.a $(BUILD)/libmrtreach.a $(LDLIBS)

# The synthetic full table of bench/run --variants fulltable (bench/README.md).
$(BUILD)/gen_fulltable: bench/gen_fulltable.c $(BUILD)/libmrtwrite.a $(BUILD)/libmrtreach.a
	$(CC) $(ALL_CFLAGS) -Itools -o $@ $< $(BUILD)/libmrtwrite.a $(BUILD)/libmrtreach.a $(LDLIBS)

# The two-collector archive layout of bench/run --variants merge2.
$(BUILD)/gen_layout: bench/gen_layout.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $<

fixtures: $(BUILD)/gen_fixtures
	$(BUILD)/gen_fixtures fixtures

unit: $(TESTS)
	@sh tests/run_unit.sh $(TESTS)

e2e: $(BIN)
	@sh tests/e2e/run.sh $(abspath $(BIN))

check: unit e2e

demo: $(BIN)
	$(abspath $(BIN)) blackout --prefix 175.45.176.0/22 --more-specific \
	    fixtures/nk2014/route-views2/rib.20141221.0000.bz2 \
	    fixtures/nk2014/route-views2/updates.*.bz2 \
	    fixtures/nk2014/rrc00/bview.20141221.0000.gz \
	    fixtures/nk2014/rrc00/updates.*.gz

# Whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
# MRTREACH_CHECK_ROOM: the output writers assert every write was covered by
# the room they asked for (report/fmt_int.h), here and in the fuzz build.
check-asan:
	$(MAKE) BUILD=build-asan BIN=build-asan/mrtreach \
	    OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -DMRTREACH_CHECK_ROOM" \
	    LDFLAGS="-fsanitize=address,undefined" check

# The build a machine without libisal makes (zlib inflates gzip), in its
# own folder: the input layer's unit tests and the damage end-to-end cases.
ZLIB_TESTS := $(patsubst tests/%.c,build-zlib/tests/%,$(wildcard tests/io/check_*.c))
check-zlib:
	$(MAKE) ISAL=no BUILD=build-zlib BIN=build-zlib/mrtreach build-zlib/mrtreach $(ZLIB_TESTS)
	build-zlib/mrtreach --version | grep -q '^gzip inflate: zlib '
	@sh tests/run_unit.sh $(ZLIB_TESTS)
	@E2E_CASES="damaged pipes dump_compat" sh tests/e2e/run.sh $(abspath build-zlib/mrtreach)

# The unit tests under valgrind memcheck (in-process: CK_FORK=no), then the
# end-to-end valgrind case (make check runs that one too). Any error or
# definite leak fails.
check-valgrind: $(TESTS) $(BIN)
	@for t in $(TESTS); do \
	    CK_FORK=no valgrind -q --error-exitcode=99 --leak-check=full \
	        --errors-for-leak-kinds=definite,indirect $$t >$$t.vg 2>&1 || \
	        { echo "FAIL valgrind $$t"; tail -n 20 $$t.vg; exit 1; }; \
	    echo "PASS valgrind $$(basename $$t)"; \
	done
	@MRTREACH=$(abspath $(BIN)) TOP=$(CURDIR) sh tests/e2e/cases/valgrind.sh

# libFuzzer targets (fuzz/README.md). The library is built with clang and
# coverage instrumentation in its own build folder; the targets get the
# same warnings as the rest (and CFLAGS, e.g. -Werror in CI).
FUZZ_TARGETS := records update stream opts state partial bz2dec
FUZZ_SECONDS ?= 60
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
fuzz:
	$(MAKE) CC=clang BUILD=build-fuzz OPT="-g -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN) -DMRTREACH_CHECK_ROOM" build-fuzz/libmrtreach.a
	for t in $(FUZZ_TARGETS); do \
	    clang -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) $(REQ_CFLAGS) $(CFLAGS) -o build-fuzz/fuzz_$$t fuzz/fuzz_$$t.c \
	        build-fuzz/libmrtreach.a $(LDLIBS) || exit 1; \
	done
	clang -g -O1 $(FUZZ_SAN) $(REQ_CFLAGS) $(CFLAGS) -o build-fuzz/partial_seeds fuzz/partial_seeds.c \
	    build-fuzz/libmrtreach.a $(LDLIBS)

# Runs each target for FUZZ_SECONDS, seeded from the fixtures and from
# fuzz/regress-<target>/ (past findings, kept so each run replays them).
fuzz-run: fuzz $(BIN) build-fuzz/seed-partial
	for t in $(FUZZ_TARGETS); do \
	    mkdir -p fuzz/corpus-$$t; \
	    case $$t in records|stream) cp -n fixtures/dump/* fixtures/damaged/* fuzz/corpus-$$t/ 2>/dev/null;; \
	                partial) build-fuzz/partial_seeds fuzz/corpus-$$t build-fuzz/seed-partial/*.part || exit 1;; \
	                bz2dec) cp -n fixtures/dump/*.mrt fuzz/corpus-$$t/; \
	                        for f in fixtures/dump/*.bz2 fixtures/damaged/*.bz2; do \
	                            { printf '\001'; cat "$$f"; } >fuzz/corpus-$$t/block-$${f##*/}; done;; esac; \
	    echo "== fuzz_$$t ($(FUZZ_SECONDS)s)"; \
	    build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 fuzz/corpus-$$t \
	        $$(test -d fuzz/regress-$$t && echo fuzz/regress-$$t) \
	        >build-fuzz/fuzz_$$t.log 2>&1; rc=$$?; \
	    grep -E '^#[0-9]+ +DONE|stat::number_of_executed_units|ERROR|SUMMARY|Test unit written' build-fuzz/fuzz_$$t.log; \
	    test $$rc = 0 || exit 1; \
	done

# Partials written from the fixtures by mrtreach itself: fuzz_partial's seeds
# (every kind of event: RIB counts, ADD-PATH ids, IPv6, state changes,
# damaged inputs, two collectors, origins; scan's compact routes; an input
# end with a stretch without records).
NK := fixtures/nk2014
build-fuzz/seed-partial: $(BIN)
	rm -rf $@ && mkdir -p $@
	$(abspath $(BIN)) blackout --prefix 175.45.176.0/22 --more-specific --save-partial $@/nk.part \
	    $(NK)/route-views2/rib.20141221.0000.bz2 $(NK)/route-views2/updates.20141221.0[01]00.bz2 \
	    $(NK)/rrc00/updates.20141222.1600.gz 2>/dev/null
	$(abspath $(BIN)) origins --origin 131279 --save-partial $@/nk-origin.part \
	    $(NK)/rrc00/bview.20141221.0000.gz $(NK)/rrc00/updates.20141223.0000.gz 2>/dev/null
	$(abspath $(BIN)) timeline --prefix 0.0.0.0/0 --prefix ::/0 --more-specific --save-partial $@/addpath.part \
	    fixtures/dump/rib_v2_addpath.mrt fixtures/dump/bgp4mp_addpath.mrt fixtures/dump/bgp4mp_et.mrt 2>/dev/null
	$(abspath $(BIN)) blackout --prefix 0.0.0.0/0 --more-specific --save-partial $@/damaged.part \
	    fixtures/damaged/attr-overrun.mrt fixtures/damaged/gzip-cut.mrt.gz fixtures/dump/rib_v2.mrt 2>/dev/null
	$(abspath $(BIN)) blackout --prefix 0.0.0.0/0 --more-specific --save-partial $@/legacy.part \
	    fixtures/dump/table_dump_v1.mrt fixtures/dump/bgp_legacy.mrt fixtures/dump/bgp4mp.mrt 2>/dev/null
	$(abspath $(BIN)) scan --save-partial $@/scan.part fixtures/dump/rib_v2_addpath.mrt \
	    fixtures/dump/table_dump_v1.mrt fixtures/dump/bgp4mp_addpath.mrt fixtures/dump/bgp4mp.mrt \
	    fixtures/egypt2011/rrc00/updates.20110127.2200.gz 2>/dev/null
	$(abspath $(BIN)) blackout --prefix 203.0.113.0/24 --save-partial $@/silence.part \
	    fixtures/silence/route-views3/updates.20210315.0000.bz2 2>/dev/null

# Times mrtreach against bgpdump and decompression alone (bench/README.md).
bench: $(BIN)
	bench/run --mrtreach $(abspath $(BIN))

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/mrtreach
	install -m 644 man/mrtreach.1 $(DESTDIR)$(PREFIX)/share/man/man1/mrtreach.1
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 contrib/bash-completion/mrtreach $(DESTDIR)$(PREFIX)/share/bash-completion/completions/mrtreach

# A link named bgpdump to mrtreach: run by that name it takes bgpdump's
# command line (man mrtreach, COMPATIBILITY). Not part of install: it would
# shadow a real bgpdump.
install-bgpdump-link: install
	ln -sf mrtreach $(DESTDIR)$(PREFIX)/bin/bgpdump

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mrtreach $(DESTDIR)$(PREFIX)/share/man/man1/mrtreach.1
	if [ -L $(DESTDIR)$(PREFIX)/bin/bgpdump ]; then rm -f $(DESTDIR)$(PREFIX)/bin/bgpdump; fi
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/mrtreach

clean:
	rm -rf build build-asan build-fuzz build-zlib build-clang mrtreach

-include $(OBJ:.o=.d) $(TOOLOBJ:.o=.d) $(TESTS:=.d)
