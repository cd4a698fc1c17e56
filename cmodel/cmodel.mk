# cmodel/cmodel.mk - the C reference model: library, classifier, tests,
# fuzzing and benchmark.  Included by the top-level Makefile.
#   make cmodel        build/cmodel/libeyrie.a and build/cmodel/eyrie-classify
#   make classify      classifier on the full test set (MODEL=default|lenet), with --float
#   make test-cmodel   unit, random-model, file-rejection and model tests (+ ASan/UBSan)
#   make fuzz          libFuzzer on the model and IDX parsers (FUZZ_SECONDS each)
#   make bench-cmodel  images/s of the fast and reference paths per committed model
#   make explain       worked example of each layer's arithmetic (MODEL, EXPLAIN_INDEX)
#   make install PREFIX=/usr/local   installs eyrie-classify into $(PREFIX)/bin
# Knobs: CM_MODELS_DIR (models), FUZZ_SECONDS (60), FUZZ_CC (clang-14);
# run time: EYRIE_SIMD=c|avx2|avx512 caps the fast path, EYRIE_SEED=N
# repeats a random test.

CM_DIR := cmodel
CM_OUT := $(BUILD)/cmodel
CM_LIB_SRCS := shapes.c ops.c util.c validate.c model.c idx.c infer.c infer_float.c fast.c golden.c
CM_HDRS := $(CM_DIR)/eyrie.h $(CM_DIR)/internal.h $(CM_DIR)/eyrie_golden.h
CM_CSTD := -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -g -I$(CM_DIR)
CM_CFLAGS ?= -O2
CM_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CM_LIBS := -lz -lm
PREFIX ?= /usr/local
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang-14

CM_LIB := $(CM_OUT)/libeyrie.a
CM_CLASSIFY := $(CM_OUT)/eyrie-classify

# ---- library: normal (-O2; fast path -O3) and sanitized builds ----
CM_OBJS := $(patsubst %.c,$(CM_OUT)/obj/%.o,$(CM_LIB_SRCS))
CM_SOBJS := $(patsubst %.c,$(CM_OUT)/san/%.o,$(CM_LIB_SRCS))

$(CM_OUT)/obj/%.o: $(CM_DIR)/%.c $(CM_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CM_CSTD) $(CM_CFLAGS) $(if $(filter fast.c,$(notdir $<)),-O3) -c $< -o $@

$(CM_OUT)/san/%.o: $(CM_DIR)/%.c $(CM_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CM_CSTD) -O1 $(CM_SAN) -c $< -o $@

$(CM_LIB): $(CM_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(CM_OUT)/libeyrie-san.a: $(CM_SOBJS)
	@rm -f $@
	ar rcs $@ $^

$(CM_CLASSIFY): $(CM_DIR)/classify.c $(CM_LIB) $(CM_HDRS)
	$(CC) $(CM_CSTD) $(CM_CFLAGS) $< $(CM_LIB) $(CM_LIBS) -o $@

$(CM_OUT)/eyrie-classify-san: $(CM_DIR)/classify.c $(CM_OUT)/libeyrie-san.a $(CM_HDRS)
	$(CC) $(CM_CSTD) -O1 $(CM_SAN) $< $(CM_OUT)/libeyrie-san.a $(CM_LIBS) -o $@

.PHONY: cmodel classify install test-cmodel fuzz bench-cmodel explain
cmodel: $(CM_LIB) $(CM_CLASSIFY) $(CM_OUT)/eyrie-explain

$(CM_OUT)/eyrie-explain: $(CM_DIR)/explain.c $(CM_LIB) $(CM_HDRS)
	$(CC) $(CM_CSTD) $(CM_CFLAGS) $< $(CM_LIB) $(CM_LIBS) -o $@

# Worked example of every layer's arithmetic (docs/numerics.md section 8).
EXPLAIN_INDEX ?= 0
explain: $(CM_OUT)/eyrie-explain
	$(CM_OUT)/eyrie-explain --model $(MODEL_FILE) --images $(TEST_IMAGES) --index $(EXPLAIN_INDEX)

classify: $(CM_CLASSIFY)
	$(CM_CLASSIFY) --model $(MODEL_FILE) --images $(TEST_IMAGES) --labels $(TEST_LABELS) --float

install: $(CM_CLASSIFY)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(CM_CLASSIFY) $(DESTDIR)$(PREFIX)/bin/eyrie-classify

# ---- tests (cmodel/tests/*.c) ----
CM_T := $(CM_OUT)/tests
CM_TS := $(CM_OUT)/tests-san
CM_TESTLIB := $(CM_DIR)/tests/testlib.c $(CM_DIR)/tests/testlib.h
CM_REAL_MODELS := default lenet
CM_MODELS_DIR ?= models

$(CM_T)/%: $(CM_DIR)/tests/%.c $(CM_TESTLIB) $(CM_LIB)
	@mkdir -p $(@D)
	$(CC) $(CM_CSTD) $(CM_CFLAGS) -I$(CM_DIR)/tests $< $(CM_DIR)/tests/testlib.c $(CM_LIB) $(CM_LIBS) -o $@

$(CM_TS)/%: $(CM_DIR)/tests/%.c $(CM_TESTLIB) $(CM_OUT)/libeyrie-san.a
	@mkdir -p $(@D)
	$(CC) $(CM_CSTD) -O1 $(CM_SAN) -I$(CM_DIR)/tests $< $(CM_DIR)/tests/testlib.c $(CM_OUT)/libeyrie-san.a $(CM_LIBS) -o $@

# test_ops, test_model: normal and under ASan+UBSan; test_files: the real
# classifier on bad files; test_real: fast == reference on all 10,000 test
# images and int8 vs float accuracy for each committed model (skipped with
# a notice while models/*.eyr do not exist).  About 1 minute.
TEST_TARGETS += test-cmodel
test-cmodel: $(CM_T)/test_ops $(CM_T)/test_model $(CM_T)/test_files $(CM_T)/test_real \
             $(CM_TS)/test_ops $(CM_TS)/test_model $(CM_CLASSIFY) $(CM_OUT)/eyrie-classify-san
	@set -e; t0=$$(date +%s); \
	$(CM_T)/test_ops; $(CM_TS)/test_ops; \
	$(CM_T)/test_model 300; $(CM_TS)/test_model 100; \
	rm -rf $(CM_OUT)/badfiles; mkdir -p $(CM_OUT)/badfiles; \
	$(CM_T)/test_files $(CM_CLASSIFY) $(CM_OUT)/badfiles $(TEST_IMAGES) $(TEST_LABELS); \
	rm -rf $(CM_OUT)/badfiles-san; mkdir -p $(CM_OUT)/badfiles-san; \
	$(CM_T)/test_files $(CM_OUT)/eyrie-classify-san $(CM_OUT)/badfiles-san $(TEST_IMAGES) $(TEST_LABELS); \
	pids=""; for m in $(CM_REAL_MODELS); do \
	  if [ -f $(CM_MODELS_DIR)/$$m.eyr ]; then \
	    $(CM_T)/test_real $(CM_MODELS_DIR)/$$m.eyr $(TEST_IMAGES) $(TEST_LABELS) > $(CM_OUT)/test_real-$$m.log 2>&1 & \
	    pids="$$pids $$!:$$m"; \
	  else \
	    echo "test-cmodel: NOTICE: $(CM_MODELS_DIR)/$$m.eyr not found, skipping its full-test-set checks"; \
	  fi; \
	done; \
	bad=0; for pm in $$pids; do \
	  wait $${pm%%:*} || bad=1; cat $(CM_OUT)/test_real-$${pm#*:}.log; \
	done; \
	[ $$bad = 0 ] || { echo "test-cmodel: test_real FAILED"; exit 1; }; \
	echo "test-cmodel: passed in $$(( $$(date +%s) - t0 )) s"

# ---- benchmark ----
BENCH_OUT := $(BUILD)/bench
bench-cmodel: $(CM_T)/bench
	@mkdir -p $(BENCH_OUT); \
	for m in $(CM_REAL_MODELS); do \
	  if [ -f $(CM_MODELS_DIR)/$$m.eyr ]; then \
	    $(CM_T)/bench $(CM_MODELS_DIR)/$$m.eyr $(TEST_IMAGES) $(BENCH_OUT)/cmodel-$$m.txt || exit 1; \
	  else \
	    echo "bench-cmodel: NOTICE: $(CM_MODELS_DIR)/$$m.eyr not found, timing a random-weight model of the same shape"; \
	    $(CM_T)/bench --shape $$m $(TEST_IMAGES) $(BENCH_OUT)/cmodel-$$m.txt || exit 1; \
	  fi; \
	done

# ---- fuzzing (not part of make test) ----
CM_FZ := $(CM_OUT)/fuzz
CM_FUZZ_FLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -I$(CM_DIR) -I$(CM_DIR)/tests \
                 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
CM_LIB_PATHS := $(addprefix $(CM_DIR)/,$(CM_LIB_SRCS))

$(CM_FZ)/fuzz_%: $(CM_DIR)/fuzz/fuzz_%.c $(CM_LIB_PATHS) $(CM_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CM_FUZZ_FLAGS) $< $(CM_LIB_PATHS) $(CM_LIBS) -o $@

$(CM_FZ)/mkseeds: $(CM_DIR)/fuzz/mkseeds.c $(CM_TESTLIB) $(CM_LIB)
	@mkdir -p $(@D)
	$(CC) $(CM_CSTD) $(CM_CFLAGS) -I$(CM_DIR)/tests $< $(CM_DIR)/tests/testlib.c $(CM_LIB) $(CM_LIBS) -o $@

fuzz: $(CM_FZ)/fuzz_model $(CM_FZ)/fuzz_idx $(CM_FZ)/mkseeds
	@set -e; cd $(CM_FZ); ./mkseeds corpus-model corpus-idx; \
	for t in model idx; do \
	  mkdir -p artifacts-$$t; \
	  start=$$(date +%s); \
	  if ./fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -rss_limit_mb=2048 \
	       -artifact_prefix=artifacts-$$t/ corpus-$$t > log-$$t.txt 2>&1; then crashes=0; \
	  else crashes=1; fi; \
	  runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' log-$$t.txt); \
	  echo "fuzz: target=$$t runs=$${runs:-0} seconds=$$(( $$(date +%s) - start )) crashes=$$crashes"; \
	  if [ $$crashes != 0 ]; then tail -30 log-$$t.txt; ls artifacts-$$t; exit 1; fi; \
	done
