# Tresen - build, run, test. `make help` lists the targets.

CC ?= gcc
# make install: GNU directory variables (README, "Installing on a server"); DESTDIR for staging
PREFIX ?= /usr/local
prefix ?= $(PREFIX)
exec_prefix ?= $(prefix)
bindir ?= $(exec_prefix)/bin
libexecdir ?= $(exec_prefix)/libexec
datarootdir ?= $(prefix)/share
datadir ?= $(datarootdir)
sysconfdir ?= $(prefix)/etc
localstatedir ?= $(prefix)/var
runstatedir ?= $(localstatedir)/run
docdir ?= $(datarootdir)/doc/tresen

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings \
       -Wformat=2 -Wno-format-nonliteral -Wpointer-arith -Wcast-qual -Wvla -fno-common
# GMime (incoming mail) and libxml2 (HTML mail as text) are used by the mail intake only:
# linked --as-needed, so the page programs do not load them
MIME_PKGS = gmime-3.0 libxml-2.0
INC = -Ilib -isystem /usr/include/ClearSilver $(shell mariadb_config --cflags 2>/dev/null | sed 's/-I/-isystem /g') \
      $(shell pkg-config --cflags $(MIME_PKGS) 2>/dev/null | sed 's/-I/-isystem /g')
LIBS = $(ALLOC_LIBS) -lneo_cgi -lneo_cs -lneo_utl -lz -ldeflate $(shell mariadb_config --libs 2>/dev/null) -lfcgi -lsodium -lcurl -lgd -lm \
       -Wl,--push-state,--as-needed -loath -lqrencode -Wl,--pop-state \
       -Wl,--push-state,--as-needed $(shell pkg-config --libs $(MIME_PKGS) 2>/dev/null) -Wl,--pop-state \
       $(HC_LIBS)
# help centre: article Markdown (cmark-gfm with GitHub's extensions); the HTML sanitizer uses libxml2 (above)
HC_LIBS = -Wl,--push-state,--as-needed -lcmark-gfm-extensions -lcmark-gfm -Wl,--pop-state
# full RELRO: the GOT is read-only once the program has started
HARDEN_LD = -Wl,-z,relro,-z,now

# Two flavours of the same sources: rel for `make run`, asan for the tests;
# a third, fuzz, builds the library with clang for the libFuzzer harnesses.
FLAVOUR ?= rel
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ifeq ($(FLAVOUR),asan)
OPT = -O1 -g $(SAN)
else ifeq ($(FLAVOUR),fuzz)
CC = clang
OPT = -O1 -g $(SAN) -fsanitize=fuzzer-no-link
else
OPT = -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong
# mimalloc in place of the C library's malloc (first in the link, so ClearSilver's and the
# MariaDB client's allocations use it too): a page builds thousands of small HDF nodes a
# request, and mimalloc's fast path spends 15 % fewer of the worker's instructions (bench/README)
ALLOC_LIBS = -Wl,--push-state,--no-as-needed -lmimalloc -Wl,--pop-state
endif
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(WARN) $(OPT) $(INC) $(CFLAGS)
LDFLAGS_ALL = $(OPT) $(HARDEN_LD) $(LDFLAGS)

# Object files live apart from the programs: the folder served as /cgi-bin/
# holds page programs only.
B = build/$(FLAVOUR)
O = $(B)/obj
LIB_SRC = $(shell find lib -name '*.c')
LIB_HDR = $(shell find lib -name '*.h')
LIB_OBJ = $(LIB_SRC:%.c=$(O)/%.o)
PAGE_SRC = $(shell find cgi-bin -name '*.c')
PAGES = $(PAGE_SRC:cgi-bin/%.c=$(B)/cgi-bin/%.fcgi)
JOB_SRC = $(wildcard cron/*.c)
TOOL_SRC = $(wildcard tools/*.c)
PROGS = $(JOB_SRC:cron/%.c=$(B)/bin/tresen-%) $(TOOL_SRC:tools/%.c=$(B)/bin/tresen-%)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNITS = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZERS = $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/bin/%)
FUZZ_SECONDS ?= 60

# Settings appended to the local stack's configuration (scripts/stack.py),
# e.g. TRESEN_EXTRA_CONFIG='Accounts.mail_limit = 100': passed on to run and test.
export TRESEN_EXTRA_CONFIG

.PHONY: all build flavour run test unit reset clean help install check-templates bench fuzz fuzz-build fuzzers test-nginx dist-shared test-cluster

all: build

help:
	@echo "make run     - install what is missing, build, start the local stack with demo data"
	@echo "make test    - install what is missing, build, run unit, page, HTTP and browser tests"
	@echo "make build   - build both flavours (release and sanitizer)"
	@echo "make reset   - stop nothing, wipe var/ (the local stack's data)"
	@echo "make install - install into PREFIX (default /usr/local; DESTDIR, bindir, sysconfdir ... as GNU)"
	@echo "make dist-shared - the shared-hosting bundle build/dist/tresen-shared.tar.gz (README)"
	@echo "make test-cluster - two web hosts on a three-node Galera cluster, a node killed mid-run"
	@echo "make test-nginx - the HTTP suite once more through nginx + spawn-fcgi/multiwatch"
	@echo "make bench   - run the benchmarks against the local stack (see bench/README.md)"
	@echo "make fuzz    - run each libFuzzer harness of tests/fuzz for FUZZ_SECONDS (default 60)"
	@echo "Settings for the local stack: TRESEN_EXTRA_CONFIG='Name = value' make run (see README)"

build:
	@$(MAKE) --no-print-directory flavour FLAVOUR=rel
	@$(MAKE) --no-print-directory flavour FLAVOUR=asan

flavour: $(PAGES) $(PROGS) $(UNITS) assets

# CSS and JavaScript pre-compressed beside them (served to clients that accept gzip,
# see apache-conf/rewrite.conf and nginx.conf.example); their URLs carry a content hash
# (lib/render/render.c), so they are cached for a year
ASSETS = $(wildcard htdocs/css/*.css htdocs/js/*.js)
.PHONY: assets
assets: $(ASSETS:%=%.gz)
htdocs/%.gz: htdocs/%
	@gzip -9 -n -c $< > $@

$(O)/%.o: %.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS_ALL) -c $< -o $@

$(B)/libtresen.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(B)/cgi-bin/%.fcgi: $(O)/cgi-bin/%.o $(B)/libtresen.a
	@mkdir -p $(dir $@)
	@echo "  LD    $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $< $(B)/libtresen.a $(LIBS)

$(B)/bin/tresen-%: $(O)/cron/%.o $(B)/libtresen.a
	@mkdir -p $(dir $@)
	@echo "  LD    $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $< $(B)/libtresen.a $(LIBS)

$(B)/bin/tresen-%: $(O)/tools/%.o $(B)/libtresen.a
	@mkdir -p $(dir $@)
	@echo "  LD    $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $< $(B)/libtresen.a $(LIBS)

# the fuzz harnesses: their own streams (io_stub) instead of FastCGI's
$(B)/bin/fuzz_%: $(O)/tests/fuzz/fuzz_%.o $(O)/tests/fuzz/io_stub.o $(B)/libtresen.a
	@mkdir -p $(dir $@)
	@echo "  LD    $@"
	@$(CC) $(LDFLAGS_ALL) -fsanitize=fuzzer -o $@ $< $(O)/tests/fuzz/io_stub.o $(B)/libtresen.a $(LIBS)

fuzzers: $(FUZZERS)

fuzz-build:
	@$(MAKE) --no-print-directory fuzzers FLAVOUR=fuzz

fuzz: fuzz-build
	@scripts/run-fuzz $(FUZZ_SECONDS)

$(B)/tests/%: $(O)/tests/unit/%.o $(B)/libtresen.a
	@mkdir -p $(dir $@)
	@echo "  LD    $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $< $(B)/libtresen.a $(LIBS) -lcmocka

run:
	@scripts/install-deps
	@$(MAKE) --no-print-directory build
	@/usr/bin/python3 scripts/stack.py run --dir var --port $${PORT:-8080}

test:
	@scripts/install-deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory fuzz-build
	@scripts/run-tests

check-templates:
	@scripts/check-templates

# bench/run's ceiling row: a FastCGI "hello" served by the same Apache + mod_fcgid (benchmark only)
.PHONY: bench-ceiling
bench-ceiling: build/rel/cgi-bin/bench-hello.fcgi
build/rel/cgi-bin/bench-hello.fcgi: bench/hello.c
	@mkdir -p $(dir $@)
	@echo "  LD    $@"
	@$(CC) -O2 -o $@ $< -lfcgi

reset:
	rm -rf var

clean:
	rm -rf build

bench:
	@bench/run

# deployment (issue 18): install, nginx
install:
	@$(MAKE) --no-print-directory flavour FLAVOUR=rel
	@PREFIX='$(prefix)' DESTDIR='$(DESTDIR)' exec_prefix='$(exec_prefix)' bindir='$(bindir)' \
	  libexecdir='$(libexecdir)' datarootdir='$(datarootdir)' datadir='$(datadir)' sysconfdir='$(sysconfdir)' \
	  localstatedir='$(localstatedir)' runstatedir='$(runstatedir)' docdir='$(docdir)' scripts/install

# the shared-hosting bundle: build/dist/tresen-shared.tar.gz (scripts/dist-shared)
dist-shared:
	@$(MAKE) --no-print-directory flavour FLAVOUR=rel
	@CC='$(CC)' LDFLAGS_ALL='$(LDFLAGS_ALL)' LIBS='$(LIBS)' B=build/rel scripts/dist-shared

# two web hosts on a three-node Galera cluster on loopback (scripts/cluster)
test-cluster:
	@scripts/install-deps
	@$(MAKE) --no-print-directory flavour FLAVOUR=asan
	@scripts/run-tests --cluster

test-nginx:
	@scripts/install-deps
	@$(MAKE) --no-print-directory flavour FLAVOUR=asan
	@scripts/run-tests --nginx

# keep object files between runs
.SECONDARY:
