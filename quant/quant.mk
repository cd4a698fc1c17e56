# quant/quant.mk - float trainer + int8 quantizer (eyrie-train) and the two
# committed models. Included by the top-level Makefile.
#   make quant          build/quant/eyrie-train and build/quant/test-quant
#   make model          retrain + requantize models/lenet.eyr and models/default.eyr
#                       (+ .txt tables); prints training time and accuracy;
#                       lenet about 75 s, default about 12 min on one core
#   make model-lenet, make model-default    one of them
#   make model-verify   retrain both into build/quant/verify/ and cmp the bytes
#                       against models/ (reproducibility check, ~14 min)
#   make test-quant     gradient check, determinism, quantizer checks (< 1 min)
#
# Determinism: -O3 without -ffast-math and with -ffp-contract=off (no FMA
# contraction), no -march=native. gcc vectorizes only loops whose float
# operations it does not reorder, so the bytes are the same for any vector
# width: QUANT_ISA=-mavx2 (picked when the CPU has AVX2, about 2x faster)
# and a plain x86-64 (SSE2) build train bit-identical models; test-quant
# checks this on a small run.

Q_DIR := quant
Q_OUT := $(BUILD)/quant
QUANT_ISA ?= $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo -mavx2)
Q_CSTD := -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -g
Q_CFLAGS ?= -O3 -ffp-contract=off -fno-fast-math
Q_LIBS := -lz -lm
Q_SRCS := net.c quantize.c
Q_HDRS := $(Q_DIR)/net.h $(Q_DIR)/quantize.h cmodel/eyrie.h
Q_TRAIN := $(Q_OUT)/eyrie-train
Q_TEST := $(Q_OUT)/test-quant

# One object set per ISA flavour (isa: QUANT_ISA; base: plain x86-64).
$(Q_OUT)/isa/%.o: $(Q_DIR)/%.c $(Q_HDRS)
	@mkdir -p $(@D)
	$(CC) $(Q_CSTD) $(Q_CFLAGS) $(QUANT_ISA) -c $< -o $@

$(Q_OUT)/base/%.o: $(Q_DIR)/%.c $(Q_HDRS)
	@mkdir -p $(@D)
	$(CC) $(Q_CSTD) $(Q_CFLAGS) -c $< -o $@

$(Q_TRAIN): $(patsubst %.c,$(Q_OUT)/isa/%.o,main.c $(Q_SRCS)) $(CM_LIB)
	$(CC) $^ $(Q_LIBS) -o $@

$(Q_OUT)/eyrie-train-base: $(patsubst %.c,$(Q_OUT)/base/%.o,main.c $(Q_SRCS)) $(CM_LIB)
	$(CC) $^ $(Q_LIBS) -o $@

$(Q_TEST): $(patsubst %.c,$(Q_OUT)/isa/%.o,test_quant.c $(Q_SRCS)) $(CM_LIB)
	$(CC) $^ $(Q_LIBS) -o $@

# ---- the committed models ----
Q_TRAIN_SET := --train-images $(TRAIN_IMAGES) --train-labels $(TRAIN_LABELS)
Q_TEST_SET := --test-images $(TEST_IMAGES) --test-labels $(TEST_LABELS)
LENET_ARGS ?= --arch lenet --epochs 20 --batch 64 --lr 2e-3 --seed 1
DEFAULT_ARGS ?= --arch default --epochs 12 --batch 64 --lr 2e-3 --seed 1

.PHONY: quant model model-lenet model-default model-verify test-quant
quant: $(Q_TRAIN) $(Q_TEST)

model: model-lenet model-default

model-lenet: $(Q_TRAIN)
	$(Q_TRAIN) $(LENET_ARGS) --name lenet $(Q_TRAIN_SET) $(Q_TEST_SET) \
	    --out models/lenet.eyr --table models/lenet.txt --quiet

model-default: $(Q_TRAIN)
	$(Q_TRAIN) $(DEFAULT_ARGS) --name default $(Q_TRAIN_SET) $(Q_TEST_SET) \
	    --out models/default.eyr --table models/default.txt --quiet

model-verify: $(Q_TRAIN)
	@mkdir -p $(Q_OUT)/verify
	$(Q_TRAIN) $(LENET_ARGS) --name lenet $(Q_TRAIN_SET) --out $(Q_OUT)/verify/lenet.eyr --quiet
	cmp $(Q_OUT)/verify/lenet.eyr models/lenet.eyr
	$(Q_TRAIN) $(DEFAULT_ARGS) --name default $(Q_TRAIN_SET) --out $(Q_OUT)/verify/default.eyr --quiet
	cmp $(Q_OUT)/verify/default.eyr models/default.eyr
	@echo "model-verify: both committed models reproduced byte for byte"

# ---- tests (about 30 s) ----
Q_T := $(Q_OUT)/t
Q_TINY := --arch c4k3p1,pool,c8k3p1,pool,f16,f10 --epochs 1 --batch 16 --lr 1e-2 --limit 2000 --calib 300 \
          --select 1000 --seed 5 --quiet $(Q_TRAIN_SET)
test-quant: $(Q_TRAIN) $(Q_OUT)/eyrie-train-base $(Q_TEST)
	@mkdir -p $(Q_T)
	$(Q_TEST) $(TRAIN_IMAGES) $(TRAIN_LABELS)
	@# CLI: same seed -> same bytes (twice), across ISA builds; another seed differs
	$(Q_TRAIN) $(Q_TINY) --out $(Q_T)/a.eyr --table $(Q_T)/a.txt > $(Q_T)/a.log
	$(Q_TRAIN) $(Q_TINY) --out $(Q_T)/b.eyr > $(Q_T)/b.log
	$(Q_OUT)/eyrie-train-base $(Q_TINY) --out $(Q_T)/c.eyr > $(Q_T)/c.log
	cmp $(Q_T)/a.eyr $(Q_T)/b.eyr
	cmp $(Q_T)/a.eyr $(Q_T)/c.eyr
	$(Q_TRAIN) $(Q_TINY) --seed 6 --out $(Q_T)/d.eyr > $(Q_T)/d.log
	! cmp -s $(Q_T)/a.eyr $(Q_T)/d.eyr
	grep -q '^layer 3: fc' $(Q_T)/a.txt
	@# CLI errors: one line, exit status 2
	$(Q_TRAIN) --arch c4k9 $(Q_TRAIN_SET) 2> $(Q_T)/err1.txt; test $$? -eq 2
	grep -q "bad token 'c4k9'" $(Q_T)/err1.txt
	$(Q_TRAIN) --arch lenet 2> $(Q_T)/err2.txt; test $$? -eq 2
	$(Q_TRAIN) --epochs x $(Q_TRAIN_SET) 2> $(Q_T)/err3.txt; test $$? -eq 2
	$(Q_TRAIN) --arch c4k3,f12 $(Q_TRAIN_SET) 2> $(Q_T)/err4.txt; test $$? -eq 2
	grep -q 'last layer must have 10 outputs' $(Q_T)/err4.txt
	@echo "test-quant: passed"

TEST_TARGETS += test-quant
