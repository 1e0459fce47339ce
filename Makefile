# koyu - public-asset life-cycle cost calculator.
#
#   make            build ./koyu
#   make run        the main job on the bundled demo inventory, into out/
#   make test       every test; last line "N passed, N failed"
#   make bench      import 10k / 100k / 1M-building inventories: time, peak RSS
#   make fuzz-smoke a short libFuzzer run over the loader (FUZZ_SECONDS=60)
#   make deps       install the Debian packages koyu needs (once)
#   make SANITIZE=address,undefined test   the tests under sanitizers
#   make install PREFIX=/usr/local

CC ?= cc
PREFIX ?= /usr/local
SANITIZE ?=
Q ?= @
ifeq ($(V),1)
Q =
endif

comma := ,
BUILD := build$(if $(SANITIZE),-$(subst $(comma),-,$(SANITIZE)))

# Debian packages: libraries, their headers, and what the tests drive
# (the tests open every workbook in LibreOffice; the font renders Japanese).
DEB_PKGS := libsqlite3-dev libxlsxwriter-dev libcsv-dev nettle-dev pkg-config \
            gcc make time bc sqlite3 \
            python3 libreoffice-calc-nogui fonts-ipaexfont-gothic poppler-utils
PKGS := sqlite3 xlsxwriter nettle

WARN := -Wall -Wextra -pedantic -Wstrict-prototypes -Wmissing-prototypes \
        -Wold-style-definition -Wwrite-strings -Wpointer-arith -Wformat=2 \
        -Wvla -Wshadow -fno-common
ifdef CI
WARN += -Werror
endif

CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -Iinclude \
              $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS) -MMD -MP
LDLIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
              -fno-omit-frame-pointer -g -O1
LDFLAGS += -fsanitize=$(SANITIZE)
endif

LIB_SRCS := $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
# templates compiled in: the default parameters (see include/koyu/core/embedded.h)
EMBED_FILES := $(wildcard templates/params/*.conf templates/params/*.csv templates/scenarios/*.conf)
EMBED_OBJ := $(BUILD)/obj/embedded_data.o
LIB_OBJS := $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o) $(EMBED_OBJ)
MAIN_OBJ := $(BUILD)/obj/cli/main.o
TEST_SRCS := $(filter-out tests/gen_inventory.c tests/fuzz_loader.c tests/bench_engine.c \
                              tests/bench_floor.c,\
               $(wildcard tests/*.c))
TEST_OBJS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%.o)
BIN := $(BUILD)/koyu
TEST_BIN := $(BUILD)/koyu-tests
GEN_BIN := $(BUILD)/gen_inventory
DEPS := $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJS:.o=.d)

.PHONY: all deps run test bench install clean format format-check valgrind fuzz-smoke

all: koyu

# ./koyu is the normal build; sanitizer builds stay in their own directory.
koyu: $(BIN)
ifeq ($(SANITIZE),)
	$(Q)cp $(BIN) koyu
endif

deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "make deps: installing$$missing"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

$(BUILD)/obj/%.o: src/%.c | deps
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Each embedded file becomes a byte array named by its path under templates/.
$(BUILD)/gen/embedded_data.c: $(EMBED_FILES) Makefile
	@mkdir -p $(dir $@)
	@echo "  GEN   $@"
	$(Q){ echo '#include "koyu/core/embedded.h"'; echo '#include <string.h>'; i=0; \
	  for f in $(EMBED_FILES); do \
	    echo "static const unsigned char f$$i[] = {"; \
	    od -An -v -tx1 $$f | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; echo "0};"; i=$$((i+1)); \
	  done; \
	  echo "const struct embedded_file embedded_files[] = {"; i=0; \
	  for f in $(EMBED_FILES); do \
	    echo "    {\"$${f#templates/}\", f$$i, sizeof f$$i - 1},"; i=$$((i+1)); \
	  done; \
	  echo "    {0, 0, 0}};"; \
	  echo "const struct embedded_file *embedded_find(const char *name) {"; \
	  echo "    const struct embedded_file *f;"; \
	  echo "    for (f = embedded_files; f->name; f++) {"; \
	  echo "        if (strcmp(f->name, name) == 0)"; \
	  echo "            return f;"; \
	  echo "    }"; \
	  echo "    return 0;"; \
	  echo "}"; } > $@

$(EMBED_OBJ): $(BUILD)/gen/embedded_data.c | deps
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | deps
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests -c -o $@ $<

$(BIN): $(LIB_OBJS) $(MAIN_OBJ)
	@echo "  LINK  $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(TEST_BIN): $(LIB_OBJS) $(TEST_OBJS)
	@echo "  LINK  $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(GEN_BIN): tests/gen_inventory.c | deps
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -O2 -o $@ $< -lm

run: koyu
	./koyu run --out out --year 2026 --params fixtures/demo-params \
	  --scenario mic --scenario extend80 --scenario kushiro70 --scenario reduce20 \
	  --scenario budget-cap fixtures/kushiro-like

test: $(BIN) $(TEST_BIN) $(GEN_BIN)
	$(Q)KOYU_BIN=$(BIN) KOYU_GEN=$(GEN_BIN) ./$(TEST_BIN) $(T)

$(BUILD)/bench_engine: tests/bench_engine.c $(LIB_OBJS)
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bench_floor: tests/bench_floor.c | deps
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LDLIBS)

bench: koyu $(GEN_BIN) $(BUILD)/bench_engine $(BUILD)/bench_floor
	$(Q)$(BUILD)/bench_engine
	$(Q)sh tests/bench.sh ./koyu $(GEN_BIN) $(BUILD)/bench_floor

valgrind: $(TEST_BIN) $(BIN) $(GEN_BIN)
	KOYU_BIN=$(BIN) KOYU_GEN=$(GEN_BIN) valgrind --error-exitcode=1 --leak-check=full ./$(TEST_BIN)

# libFuzzer over the loader and row rules, seeded from the fixtures (clang).
FUZZ_SRCS := src/inventory/loader.c src/inventory/inventory.c src/core/text.c src/core/vocab.c \
             src/core/diag.c src/core/errors.c src/core/arena.c
fuzz-smoke: | deps
	@mkdir -p build-fuzz/corpus
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -Iinclude \
	  -fsanitize=fuzzer,address,undefined -o build-fuzz/fuzz_loader \
	  tests/fuzz_loader.c $(FUZZ_SRCS) -lcsv $(shell pkg-config --libs nettle)
	cp fixtures/cases/*/*.csv build-fuzz/corpus/ 2>/dev/null || true
	./build-fuzz/fuzz_loader -max_total_time=$${FUZZ_SECONDS:-60} -max_len=4096 build-fuzz/corpus

install: koyu
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/koyu/templates
	install -m 755 koyu $(DESTDIR)$(PREFIX)/bin/koyu
	cp -R templates/. $(DESTDIR)$(PREFIX)/share/koyu/templates/

format:
	clang-format -i src/*/*.c src/*/*.h include/koyu/*/*.h tests/*.c tests/*.h

format-check:
	clang-format --dry-run --Werror src/*/*.c src/*/*.h include/koyu/*/*.h tests/*.c tests/*.h

clean:
	rm -rf build build-* koyu out

-include $(DEPS)
