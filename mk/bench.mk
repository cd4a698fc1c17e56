# mk/bench.mk - benchmarks that combine parts: model accuracy on the full
# test set (measured by eyrie-classify, training time and size from the
# trainer's stamp in models/<name>.txt). Writes build/bench/model-<name>.txt.

BENCH_MODELS := lenet default
BENCH_TARGETS += bench-cmodel bench-sim bench-models

.PHONY: bench-models
bench-models: $(CM_CLASSIFY)
	@mkdir -p $(BUILD)/bench
	@set -e; for m in $(BENCH_MODELS); do \
	  out=$(BUILD)/bench/model-$$m.txt; \
	  line=$$($(CM_CLASSIFY) --model models/$$m.eyr --images $(TEST_IMAGES) \
	          --labels $(TEST_LABELS) --float | grep '^cmodel:'); \
	  stamp=$$(sed -n '2,4p' models/$$m.txt); \
	  secs=$$(printf '%s\n' "$$stamp" | sed -n 's/.*train time \([0-9.]*\) s.*/\1/p'); \
	  ep=$$(printf '%s\n' "$$stamp" | sed -n 's/.* epochs \([0-9]*\),.*/\1/p'); \
	  par=$$(printf '%s\n' "$$stamp" | sed -n 's/.* \([0-9]*\) parameters.*/\1/p'); \
	  mac=$$(printf '%s\n' "$$stamp" | sed -n 's/.* \([0-9]*\) MACs per image.*/\1/p'); \
	  { echo "# models/$$m.eyr: eyrie-classify --float on $(TEST_IMAGES); training stamp from models/$$m.txt"; \
	    echo "model: $${line#cmodel: } params=$$par macs=$$mac epochs=$$ep train_seconds=$$secs"; } > $$out; \
	  tail -n 1 $$out; \
	done

# docs/numerics.md section 8: the worked examples, regenerated from the
# reference model (never typed).
.PHONY: docs-examples
docs-examples: $(CM_OUT)/eyrie-explain
	@out=$$(mktemp); \
	{ echo '```'; echo '$$ make explain MODEL=default EXPLAIN_INDEX=0'; \
	  $(CM_OUT)/eyrie-explain --model models/default.eyr --images $(TEST_IMAGES) --index 0 \
	      | sed "s|$(TEST_IMAGES)|t10k-images-idx3-ubyte.gz|"; echo '```'; } > $$out; \
	awk -v start='<!-- explain:default -->' -v stop='<!-- /explain:default -->' -v cf=$$out \
	    '$$0 == start { print; while ((getline l < cf) > 0) print l; skip = 1; next } \
	     $$0 == stop { skip = 0 } !skip { print }' docs/numerics.md > $$out.md; \
	mv $$out.md docs/numerics.md; rm -f $$out; echo "docs-examples: docs/numerics.md section 8 regenerated"
