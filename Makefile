# hazardnet — GNU make build. `make demo` and `make test` are the two
# commands a new machine needs; everything else is for developers.

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
PKGS     = libmicrohttpd jansson sqlite3 libpq libsodium libutf8proc inih xlsxwriter cairo pangocairo
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# CFLAGS/LDFLAGS are the user's (optimisation, sanitizers); what the build
# needs is in HN_CFLAGS so that `make CFLAGS=...` cannot drop it.
CFLAGS  ?= -O2 -g
HN_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Wall -Wextra -Werror \
           -Wno-unused-parameter -Wshadow -Wstrict-prototypes -Isrc $(PKG_CFLAGS) \
           -DHN_SHAREDIR='"$(PREFIX)/share/hazardnet"' -MMD -MP
LDLIBS  += $(PKG_LIBS) -lpthread -lm

LIB_SRC  := $(sort $(wildcard src/core/*.c src/text/*.c src/store/*.c src/http/*.c src/auth/*.c \
                              src/jobs/*.c src/export/*.c src/cli/*.c))
DATA_FILES := $(sort $(wildcard data/*.tsv data/demo/*.txt))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/data.o
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

all: $(BUILD)/hazardnet $(UNIT_BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo '  CC $<'
	@$(CC) $(CFLAGS) $(HN_CFLAGS) -c $< -o $@

$(BUILD)/gen/data.c: $(DATA_FILES) scripts/embed.sh
	@mkdir -p $(dir $@)
	@bash scripts/embed.sh $@ $(DATA_FILES)

$(BUILD)/gen/data.o: $(BUILD)/gen/data.c
	@echo '  CC $<'
	@$(CC) $(CFLAGS) $(HN_CFLAGS) -c $< -o $@

$(BUILD)/libhazardnet.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/hazardnet: $(BUILD)/src/main.o $(BUILD)/libhazardnet.a
	@echo '  LD $@'
	@$(CC) $(CFLAGS) $(HN_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/libhazardnet.a
	@mkdir -p $(dir $@)
	@echo '  LD $@'
	@$(CC) $(CFLAGS) $(HN_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS) -lcmocka

setup:
	bash scripts/setup.sh

# The whole suite: build with -Werror, then run every suite on the plain
# build and again on the AddressSanitizer + UndefinedBehaviorSanitizer build;
# one summary line at the end.
ASAN_FLAGS = BUILD=build-asan CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" LDFLAGS="-fsanitize=address,undefined"

test: setup
	$(MAKE) all
	$(MAKE) $(ASAN_FLAGS) all
	bash tests/run-all.sh $(BUILD) build-asan

asan: setup
	$(MAKE) $(ASAN_FLAGS) all
	bash tests/run-all.sh build-asan

# Coverage-guided fuzzing of every parser of outside input, for a fixed time.
FUZZ_SECONDS ?= 60
fuzz:
	bash tests/fuzz/run.sh $(FUZZ_SECONDS)

demo: setup
	$(MAKE) all
	./$(BUILD)/hazardnet demo --data ./hazardnet-data --listen 127.0.0.1:8080

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/hazardnet
	install -m 755 $(BUILD)/hazardnet $(DESTDIR)$(PREFIX)/bin/hazardnet
	bash scripts/install-share.sh $(DESTDIR)$(PREFIX)/share/hazardnet

clean:
	rm -rf build build-asan build-fuzz

.PHONY: all setup test asan fuzz demo install clean
-include $(LIB_OBJ:.o=.d) $(BUILD)/src/main.d $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%.d)
