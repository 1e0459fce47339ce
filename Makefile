# koyu - public-asset life-cycle cost calculator.
#
#   make            build ./koyu
#   make run        the main job on the bundled demo inventory, into out/
#   make test       every test; last line "N passed, N failed" (T=NAME: one suite or test)
#   make unit       the pure modules' tests alone, in seconds (T=NAME as well)
#   make bench      import 10k / 100k / 1M-building inventories: time, peak RSS
#   make fuzz-smoke a short libFuzzer run over the loader (FUZZ_SECONDS=60)
#   make deps       install the Debian packages building needs (once)
#   make test-deps  those and the ones the tests drive
#   make SANITIZE=address,undefined test   the tests under sanitizers
#   make install PREFIX=/usr/local
#
# Building, test, bench, valgrind and fuzz-smoke first install the Debian
# packages they need that are missing (with sudo when not root; nothing when
# all are there), so the first `make run` or `make test` of a fresh clone
# works.

CC ?= cc
PREFIX ?= /usr/local
SANITIZE ?=
Q ?= @
ifeq ($(V),1)
Q =
endif

comma := ,
BUILD := build$(if $(SANITIZE),-$(subst $(comma),-,$(SANITIZE)))

# Debian packages.  Building: the compiler and the libraries with their
# headers; zlib1g-dev too, as xlsxwriter.pc links -lz and libxlsxwriter-dev
# does not depend on it.
BUILD_PKGS := gcc libc6-dev make pkg-config \
              libsqlite3-dev libxlsxwriter-dev libcsv-dev nettle-dev zlib1g-dev
# The tests: the sqlite3 shell, python3 (tests/xlsx_check.py) and LibreOffice
# (tests/xlsx_sheets.sh opens every workbook, recalculating its formulas);
# and what printing a workbook to look at it needs (a Japanese font, and
# poppler to render the pages: ../shared/tools/xlsx-pages).
TEST_PKGS := sqlite3 python3 libreoffice-calc-nogui fonts-ipaexfont-gothic poppler-utils
# tests/bench.sh: /usr/bin/time for the peak RSS, bc for the arithmetic.
BENCH_PKGS := time bc

# The libraries as pkg-config module:Debian package.  libcsv has no .pc file:
# a compile and link probe looks for it.
LIB_PC := sqlite3:libsqlite3-dev xlsxwriter:libxlsxwriter-dev nettle:nettle-dev
PC_MODULES := $(foreach m,$(LIB_PC),$(firstword $(subst :, ,$(m))))

WARN := -Wall -Wextra -pedantic -Wstrict-prototypes -Wmissing-prototypes \
        -Wold-style-definition -Wwrite-strings -Wpointer-arith -Wformat=2 \
        -Wvla -Wshadow -fno-common
# Warnings are errors in CI (.ci/run sets WERROR=1; so does a CI variable in
# the environment), not for users, whose newer compiler may warn more.
WERROR ?= $(if $(CI),1,0)
ifeq ($(WERROR),1)
WARN += -Werror
endif

# The libraries' flags are found by the libflags step, after deps has
# installed them, and read when a recipe runs ($(file <...) in recursively
# expanded variables): reading them with $(shell pkg-config ...) as the
# Makefile is parsed would see a fresh machine before its packages are there.
LIB_CFLAGS = $(file <$(BUILD)/lib-cflags)
LIB_LDLIBS = $(file <$(BUILD)/lib-ldlibs)

CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -Iinclude -Isrc \
             $(LIB_CFLAGS) $(CFLAGS) -MMD -MP
LDLIBS = $(LIB_LDLIBS) -lpthread -lm
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
              -fno-omit-frame-pointer -g -O1
LDFLAGS += -fsanitize=$(SANITIZE)
endif

# Every .c under src/ and tests/, in subfolders too; objects mirror the tree.
SRCS := $(sort $(shell find src -name '*.c'))
MAIN_SRC := $(filter %/main.c,$(SRCS))
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))
# templates compiled in: the default parameters (see include/koyu/core/embedded.h)
EMBED_FILES := $(wildcard templates/params/*.conf templates/params/*.csv templates/scenarios/*.conf)
EMBED_OBJ := $(BUILD)/gen/embedded_data.o
LIB_OBJS := $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o) $(EMBED_OBJ)
MAIN_OBJ := $(MAIN_SRC:src/%.c=$(BUILD)/obj/%.o)
# tests/ also holds programs of their own, not suites of the test binary.
ALL_TEST_SRCS := $(sort $(shell find tests -name '*.c'))
tool_src = $(filter %/$(1).c,$(ALL_TEST_SRCS))
TOOLS := gen_inventory fuzz_loader bench_engine bench_floor
TEST_SRCS := $(filter-out $(foreach t,$(TOOLS),%/$(t).c),$(ALL_TEST_SRCS))
TEST_OBJS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%.o)
BIN := $(BUILD)/koyu
TEST_BIN := $(BUILD)/koyu-tests
GEN_BIN := $(BUILD)/gen_inventory
DEPS := $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJS:.o=.d)

.PHONY: all deps test-deps libflags run unit test bench install clean format format-check \
        valgrind fuzz-smoke

all: koyu

# ./koyu is the normal build; sanitizer builds stay in their own directory.
koyu: $(BIN)
ifeq ($(SANITIZE),)
	$(Q)cp $(BIN) koyu
endif

# $(call install_missing,PACKAGES): apt-get install those not installed;
# nothing when all are, or without dpkg (then libflags names what is missing).
# It waits for a dpkg lock held elsewhere (a fresh machine's first updates).
define install_missing
	@command -v dpkg-query > /dev/null || exit 0; \
	missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "make $@: installing$$missing"; \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    -o DPkg::Lock::Timeout=300 $$missing; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_PKGS))

# After deps: two apt-get runs at once would fight over the dpkg lock.
test-deps: deps
	$(call install_missing,$(TEST_PKGS))

# Checked on every build (it is quick), so a library that went missing is
# named with its package here rather than failing the link.  The last probe
# links with every library, and what they pull in (-lz), as the build will.
libflags: deps
	@mkdir -p $(BUILD)
	$(Q)command -v $(firstword $(CC)) > /dev/null || { \
	  echo "koyu: the C compiler $(firstword $(CC)) was not found" >&2; exit 1; }; \
	command -v pkg-config > /dev/null || { \
	  echo "koyu: pkg-config was not found (Debian package pkg-config)" >&2; exit 1; }; \
	for m in $(LIB_PC); do \
	  pkg-config --exists $${m%%:*} || { \
	    echo "koyu: the library $${m%%:*} was not found (Debian package $${m#*:})" >&2; exit 1; }; \
	done; \
	printf '#include <csv.h>\nint main(void) { struct csv_parser p; return csv_init(&p, 0); }\n' | \
	  $(CC) -x c -o $(BUILD)/probe - -lcsv > /dev/null 2>&1 || { \
	  echo "koyu: the library csv was not found (Debian package libcsv-dev)" >&2; exit 1; }; \
	libs="$$(pkg-config --libs $(PC_MODULES)) -lcsv"; \
	echo 'int main(void) { return 0; }' | \
	  $(CC) -x c -o $(BUILD)/probe - $$libs > $(BUILD)/probe.log 2>&1 || { \
	  echo "koyu: cannot link with $$libs:" >&2; cat $(BUILD)/probe.log >&2; exit 1; }; \
	rm -f $(BUILD)/probe $(BUILD)/probe.log; \
	pkg-config --cflags $(PC_MODULES) > $(BUILD)/lib-cflags && \
	echo "$$libs" > $(BUILD)/lib-ldlibs

$(BUILD)/obj/%.o: src/%.c | libflags
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

$(EMBED_OBJ): $(BUILD)/gen/embedded_data.c | libflags
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | libflags
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests -c -o $@ $<

$(BIN): $(LIB_OBJS) $(MAIN_OBJ)
	@echo "  LINK  $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(TEST_BIN): $(LIB_OBJS) $(TEST_OBJS)
	@echo "  LINK  $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(GEN_BIN): $(call tool_src,gen_inventory) | deps
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -O2 -o $@ $< -lm

run: koyu
	./koyu run --out out --year 2026 --params fixtures/demo-params \
	  --scenario mic --scenario extend80 --scenario kushiro70 --scenario reduce20 \
	  --scenario budget-cap fixtures/kushiro-like

# The unit suites alone: the pure modules, no koyu binary, no LibreOffice.
unit: $(TEST_BIN)
	$(Q)./$(TEST_BIN) --unit $(T)

test: $(BIN) $(TEST_BIN) $(GEN_BIN) test-deps
	$(Q)KOYU_BIN=$(BIN) KOYU_GEN=$(GEN_BIN) ./$(TEST_BIN) $(T)

$(BUILD)/bench_engine: $(call tool_src,bench_engine) $(LIB_OBJS)
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bench_floor: $(call tool_src,bench_floor) | libflags
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LDLIBS)

bench: koyu $(GEN_BIN) $(BUILD)/bench_engine $(BUILD)/bench_floor
	$(call install_missing,$(BENCH_PKGS))
	$(Q)$(BUILD)/bench_engine
	$(Q)sh tests/bench.sh ./koyu $(GEN_BIN) $(BUILD)/bench_floor

valgrind: $(TEST_BIN) $(BIN) $(GEN_BIN) test-deps
	$(call install_missing,valgrind)
	KOYU_BIN=$(BIN) KOYU_GEN=$(GEN_BIN) valgrind --error-exitcode=1 --leak-check=full ./$(TEST_BIN)

# libFuzzer over the loader and row rules, seeded from the fixtures (clang).
FUZZ_SRCS := $(filter $(foreach m,loader inventory text vocab diag errors arena msg,%/$(m).c),$(LIB_SRCS))
fuzz-smoke: libflags
	$(call install_missing,clang)
	@mkdir -p build-fuzz/corpus
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -Iinclude -Isrc $(LIB_CFLAGS) \
	  -fsanitize=fuzzer,address,undefined -o build-fuzz/fuzz_loader \
	  $(call tool_src,fuzz_loader) $(FUZZ_SRCS) $(LIB_LDLIBS)
	cp fixtures/cases/*/*.csv build-fuzz/corpus/ 2>/dev/null || true
	./build-fuzz/fuzz_loader -max_total_time=$${FUZZ_SECONDS:-60} -max_len=4096 build-fuzz/corpus

install: koyu
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/koyu/templates
	install -m 755 koyu $(DESTDIR)$(PREFIX)/bin/koyu
	cp -R templates/. $(DESTDIR)$(PREFIX)/share/koyu/templates/

FORMAT_FILES = $(sort $(shell find src include tests -name '*.[ch]'))
format:
	$(call install_missing,clang-format)
	$(Q)clang-format -i $(FORMAT_FILES)

format-check:
	$(call install_missing,clang-format)
	$(Q)clang-format --dry-run --Werror $(FORMAT_FILES) && echo "format-check: ok"

clean:
	rm -rf build build-* koyu out

-include $(DEPS)
