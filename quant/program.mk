# quant/program.mk - the layer-program compiler (quant/program.[ch]) and its
# CLI. Included by the top-level Makefile.
#   make program     build/quant/eyrie-compile and build/quant/libeyrie-program.a
#   eyrie-compile MODEL.eyr [OUT.eyp] [--cols 4|8|16|32] prints the layout per layer

PG_OUT := $(BUILD)/quant/program
PG_LIB := $(PG_OUT)/libeyrie-program.a
PG_COMPILE := $(BUILD)/quant/eyrie-compile
PG_CSTD := -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -O2 -g -Icmodel -Iquant

$(PG_OUT)/%.o: quant/%.c quant/program.h cmodel/eyrie.h
	@mkdir -p $(@D)
	$(CC) $(PG_CSTD) -c $< -o $@

$(PG_LIB): $(PG_OUT)/program.o
	ar rcs $@ $^

$(PG_COMPILE): $(PG_OUT)/program_main.o $(PG_LIB) $(CM_LIB)
	$(CC) $^ -lz -lm -o $@

.PHONY: program
program: $(PG_COMPILE) $(PG_LIB)

# test-program: the committed models compile; a model whose FC covers a 26x26
# map (kernel > KMax) is rejected with a one-line error and exit status 2.
PG_BIG := $(PG_OUT)/bigfc.eyr
$(PG_BIG): $(Q_TRAIN)
	@mkdir -p $(@D)
	$(Q_TRAIN) --arch c4k3p0,f10 --epochs 1 --limit 500 --calib 100 --select 100 --batch 32 \
	  --train-images $(TRAIN_IMAGES) --train-labels $(TRAIN_LABELS) --out $@ --quiet > $@.log

.PHONY: test-program
test-program: $(PG_COMPILE) $(PG_BIG)
	@set -o pipefail; for m in $(wildcard models/default.eyr models/lenet.eyr); do for c in 4 8 32; do \
	  $(PG_COMPILE) $$m --cols $$c | tail -1 | sed "s|^|test-program: $$m cols=$$c: |" || exit 1; done; done
	@$(PG_COMPILE) $(PG_BIG) > /dev/null 2> $(PG_OUT)/bigfc.err; rc=$$?; \
	  if [ $$rc -ne 2 ] || ! grep -q 'exceeds the array' $(PG_OUT)/bigfc.err; then \
	    echo "test-program: FAIL: oversized fc not rejected (rc=$$rc)"; exit 1; fi; \
	  echo "test-program: rejected as expected: $$(cat $(PG_OUT)/bigfc.err)"
	@for p in FOLD_COLS:FOLD_COLS WPAIR_COLS:WPAIR_COLS VERSION:PROG_VERSION; do n=$${p%%:*} rn=$${p#*:}; \
	  r=$$(sed -n "s/^\`define EYRIE_$$rn  *\([0-9]*\).*/\1/p" rtl/eyrie_defs.vh); \
	  c=$$(sed -n "s/^#define EYP_$$n  *\([0-9]*\).*/\1/p" quant/program.h); \
	  if [ -z "$$r" ] || [ "$$r" != "$$c" ]; then \
	    echo "test-program: FAIL: EYP_$$n ($$c) differs from rtl EYRIE_$$rn ($$r)"; exit 1; fi; \
	  echo "test-program: EYP_$$n = EYRIE_$$rn = $$r"; done
TEST_TARGETS += test-program
