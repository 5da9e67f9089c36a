# Tresen - build, run, test. `make help` lists the targets.

CC ?= gcc
PREFIX ?= /opt/tresen

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wformat=2 -Wno-format-nonliteral -Wpointer-arith -Wcast-qual -Wvla -fno-common
INC = -Ilib -isystem /usr/include/ClearSilver $(shell mariadb_config --cflags 2>/dev/null | sed 's/-I/-isystem /g')
LIBS = -lneo_cgi -lneo_cs -lneo_utl -lz $(shell mariadb_config --libs 2>/dev/null) -lfcgi -lsodium -lcurl -lgd -lm

# Two flavours of the same sources: rel for `make run`, asan for the tests.
FLAVOUR ?= rel
ifeq ($(FLAVOUR),asan)
OPT = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
OPT = -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong
endif
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(WARN) $(OPT) $(INC) $(CFLAGS)
LDFLAGS_ALL = $(OPT) $(LDFLAGS)

B = build/$(FLAVOUR)
LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o)
PAGE_SRC = $(wildcard cgi-bin/*.c)
PAGES = $(PAGE_SRC:cgi-bin/%.c=$(B)/cgi-bin/%.fcgi)
CRON_SRC = $(wildcard cron/*.c)
CRONS = $(CRON_SRC:cron/%.c=$(B)/bin/tresen-%)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNITS = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all build flavour run test unit reset clean help install check-templates bench

all: build

help:
	@echo "make run     - install what is missing, build, start the local stack with demo data"
	@echo "make test    - install what is missing, build, run unit, HTTP and browser tests"
	@echo "make build   - build both flavours (release and sanitizer)"
	@echo "make reset   - stop nothing, wipe var/ (the local stack's data)"
	@echo "make install - install into PREFIX (default /opt/tresen)"
	@echo "make bench   - run the benchmarks against the local stack (see bench/README.md)"

build:
	@$(MAKE) --no-print-directory flavour FLAVOUR=rel
	@$(MAKE) --no-print-directory flavour FLAVOUR=asan

flavour: $(PAGES) $(CRONS) $(UNITS)

$(B)/%.o: %.c $(wildcard lib/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS_ALL) -c $< -o $@

$(B)/libtresen.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(B)/cgi-bin/%.fcgi: $(B)/cgi-bin/%.o $(B)/libtresen.a
	@mkdir -p $(dir $@)
	@echo "  LD    $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $< $(B)/libtresen.a $(LIBS)

$(B)/bin/tresen-%: $(B)/cron/%.o $(B)/libtresen.a
	@mkdir -p $(dir $@)
	@echo "  LD    $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $< $(B)/libtresen.a $(LIBS)

$(B)/tests/%: $(B)/tests/unit/%.o $(B)/libtresen.a
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
	@scripts/run-tests

check-templates:
	@scripts/check-templates

reset:
	rm -rf var

clean:
	rm -rf build

bench:
	@bench/run

install: build
	scripts/install $(PREFIX)

# keep object files between runs
.SECONDARY:
