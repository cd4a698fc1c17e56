# sim/sim.mk - Verilator benches driven by the C model, the Icarus smoke
# bench and the simulation benchmark. Included by the top-level Makefile.
#   make sim            build (once) and run the suite; prints
#                       "sim: tests=.. passed=.. failed=.. layers_checked=.. mismatches=.."
#                       then runs the whole network (sim-net, below): "rtl: ..."
#   make sim WAVES=1    same with FST waveforms in build/sim/run/*.fst (fewer layers)
#   make test-sim       the suite as part of make test
#   make sim-iverilog   Icarus Verilog smoke bench on C-model golden vectors
#   make bench-sim      cycles, MACs, PE utilization per layer and Verilator speed
#                       -> build/bench/sim.txt
# Knobs: SIM_SEED (random seed, default 1), SIM_LAYERS (random layers per
# configuration run), SIM_MODELS (model files whose conv layers are checked).

SIM_DIR := sim
SIM_OUT := $(BUILD)/sim
SIM_SEED ?= 1
SIM_LAYERS ?= 300
SIM_MODELS ?= models/default.eyr models/lenet.eyr
WAVES ?= 0
SIM_RTL := $(sort $(wildcard rtl/*.v)) rtl/eyrie_defs.vh
SIM_VFLAGS := --cc --exe --build -O3 -j 2 --x-assign unique --x-initial unique -Wno-fatal -Irtl
SIM_SFX :=
ifeq ($(WAVES),1)
SIM_VFLAGS += --trace-fst
SIM_SFX := -waves
SIM_LAYERS := 4
endif
SIM_CFLAGS := -O2 -I$(CURDIR)/cmodel -I$(CURDIR)/$(SIM_DIR)
SIM_LDFLAGS := $(abspath $(CM_LIB)) -lz -lm

SIM_UNITS := $(SIM_OUT)/units$(SIM_SFX)/tb_units
SIM_SMALL := $(SIM_OUT)/small$(SIM_SFX)/tb_layer
SIM_LARGE := $(SIM_OUT)/large$(SIM_SFX)/tb_layer
SIM_UNIT_RTL := rtl/eyrie_requant.v rtl/eyrie_pe.v rtl/eyrie_mul8x2.v rtl/eyrie_maxpool.v rtl/eyrie_ram_sdp.v rtl/eyrie_ram_be.v

$(SIM_UNITS): $(SIM_DIR)/tb_units.v $(SIM_DIR)/tb_units.cpp $(SIM_DIR)/tb_common.h $(SIM_RTL) $(CM_LIB)
	@mkdir -p $(@D)
	rm -rf $(@D)/obj $@
	$(VERILATOR) $(SIM_VFLAGS) --top-module tb_units -Mdir $(@D)/obj $(SIM_DIR)/tb_units.v $(SIM_UNIT_RTL) \
	  $(CURDIR)/$(SIM_DIR)/tb_units.cpp -CFLAGS "$(SIM_CFLAGS)" -LDFLAGS "$(SIM_LDFLAGS)" -o tb_units > $(@D)/build.log
	cp $(@D)/obj/tb_units $@

# $(1) = binary, $(2) = Rows, $(3) = Cols
define SIM_LAYER_RULE
$(1): $(SIM_DIR)/tb_layer.v $(SIM_DIR)/tb_layer.cpp $(SIM_DIR)/tb_common.h $(SIM_RTL) $(CM_LIB) $(PG_LIB) quant/program.h
	@mkdir -p $$(@D)
	rm -rf $$(@D)/obj $$@
	$(VERILATOR) $(SIM_VFLAGS) --top-module tb_layer -GRows=$(2) -GCols=$(3) -Mdir $$(@D)/obj \
	  $(SIM_DIR)/tb_layer.v $(sort $(wildcard rtl/*.v)) $(CURDIR)/$(SIM_DIR)/tb_layer.cpp \
	  -CFLAGS "$(SIM_CFLAGS) -I$(CURDIR)/quant -DROWS=$(2) -DCOLS=$(3) -DWMAX=128" \
	  -LDFLAGS "$(abspath $(PG_LIB)) $(SIM_LDFLAGS)" -o tb_layer > $$(@D)/build.log
	cp $$(@D)/obj/tb_layer $$@
endef
$(eval $(call SIM_LAYER_RULE,$(SIM_SMALL),3,4))
$(eval $(call SIM_LAYER_RULE,$(SIM_LARGE),3,8))

.PHONY: sim sim-benches sim-build test-sim sim-iverilog bench-sim
sim-build: $(SIM_UNITS) $(SIM_SMALL) $(SIM_LARGE)

sim-benches: sim-build
	@$(SIM_DIR)/run_sim.sh $(SIM_OUT)/run$(SIM_SFX) $(SIM_UNITS) $(SIM_SMALL) $(SIM_LARGE) $(SIM_SEED) \
	  $(SIM_LAYERS) "$(SIM_MODELS)" $(TEST_IMAGES) $(WAVES)

# the benches, then the whole network on IMAGES test images (rtl: line last)
sim: sim-benches
	@$(MAKE) --no-print-directory sim-net

test-sim: sim-benches

TEST_TARGETS += test-sim

# ---- Icarus Verilog smoke bench ----
SIM_GEN := $(SIM_OUT)/gen_smoke
SIM_SMOKE := $(SIM_OUT)/smoke
SIM_ICE40_CELLS ?= $(shell yosys-config --datdir 2>/dev/null || echo /usr/share/yosys)/ice40/cells_sim.v
$(SIM_GEN): $(SIM_DIR)/gen_smoke.c cmodel/eyrie.h $(CM_LIB)
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -O2 -Icmodel $< $(CM_LIB) -lz -lm -o $@

sim-iverilog: $(SIM_GEN)
	@mkdir -p $(SIM_SMOKE)
	$(SIM_GEN) --out $(SIM_SMOKE) --cols 4 --model $(MODEL_FILE) --images $(TEST_IMAGES)
	$(IVERILOG) -g2005 -Irtl -P tb_smoke.VecDir=\"$(SIM_SMOKE)\" -o $(SIM_SMOKE)/tb_smoke.vvp \
	  $(SIM_DIR)/tb_smoke.v $(sort $(wildcard rtl/*.v))
	@vvp -n $(SIM_SMOKE)/tb_smoke.vvp | grep -v 'Not enough words' | tee $(SIM_SMOKE)/result.txt
	@grep -q '^iverilog: PASS' $(SIM_SMOKE)/result.txt
	@# the same with the iCE40 DSP multipliers (Yosys' SB_MAC16 simulation model)
	$(IVERILOG) -g2005 -DEYRIE_ICE40_DSP -DNO_ICE40_DEFAULT_ASSIGNMENTS -Irtl -P tb_smoke.VecDir=\"$(SIM_SMOKE)\" \
	  -o $(SIM_SMOKE)/tb_smoke_dsp.vvp $(SIM_DIR)/tb_smoke.v $(sort $(wildcard rtl/*.v)) $(SIM_ICE40_CELLS)
	@vvp -n $(SIM_SMOKE)/tb_smoke_dsp.vvp | grep -v 'Not enough words' | sed 's/^iverilog:/iverilog (ice40 dsp):/' | tee $(SIM_SMOKE)/result-dsp.txt
	@grep -q '^iverilog (ice40 dsp): PASS' $(SIM_SMOKE)/result-dsp.txt

# ---- benchmark: cycles and utilization per layer, simulation speed ----
TEST_TARGETS += sim-iverilog

bench-sim: $(SIM_SMALL) $(SIM_LARGE)
	@mkdir -p $(BUILD)/bench
	@{ for b in $(SIM_SMALL) $(SIM_LARGE); do \
	     $$b +bench=1 +seed=$(SIM_SEED) +layers=0 +shapes=1 | grep '^bench-sim:'; \
	     for m in $(SIM_MODELS); do \
	       if [ -f $$m ]; then $$b +bench=1 +layers=0 +model=$$m +images=$(TEST_IMAGES) +nimg=1 | grep '^bench-sim: layer='; \
	       else echo "bench-sim: skip $$m (not present)"; fi; \
	     done; \
	   done; } | tee $(BUILD)/bench/sim.txt

# ---- whole network over the host protocol (issue 4) ----
#   make sim [IMAGES=N] [MODEL=lenet] [NET_COLS=4|32]  after the benches above,
#                       N test images (default 200) through eyrie_top over the
#                       byte protocol on the 3xNET_COLS array (default 3x32,
#                       the ULX3S build; 4: the iCEBreaker's). 3x32 because
#                       it is the largest build and, at 7x fewer cycles per
#                       default image, simulates 2.4x faster: the full test
#                       set took 548 s on the 2-core machine, 1,291 s at 3x4;
#                       ends with "rtl: images=.. correct=.. accuracy=.. ...
#                       cols=.. seconds=.." (seconds = wall time of the run),
#                       also written to build/bench/sim-net-MODEL-N-colsC.txt.
#                       100 images or more run as NET_JOBS (2) parallel shards.
#                       The run uses a speed build of the bench (SIM_NET_FAST):
#                       clang++ when installed (about 15% faster than g++ here),
#                       -O3 for the generated C++, --x-assign/--x-initial fast.
#                       test-net keeps the X-randomized (unique) builds.
#   make test-net       the error cases + 20 images per committed model (and
#                       one more shape trained in a second by quant/) on the 3x4
#                       array, 4 images each on 3x32 (the ULX3S build); in make test
#   make bench-net      cycles per layer vs the roofline -> build/bench/net-<model>.txt
#                       (3x4) and net-<model>-3x32.txt (the ULX3S array)
IMAGES ?= 200
NET_STALL ?= 20
SIM_NET := $(SIM_OUT)/net/tb_net
SIM_NET_RUN := $(SIM_OUT)/net-run
NET_SHAPE := c8k3p0,pool,c12k5p1,pool,c16k3p1,f24,f10
NET_SHAPE_MODEL := $(SIM_NET_RUN)/shape.eyr
SIM_NET_LARGE := $(SIM_OUT)/net-large/tb_net
# Weight words for Cols (the boards' 256 KiB: 2^15 x 8 B, 2^14 x 16 B, 2^13 x
# 32 B as ulx3s_top; eyrie_top's default 2^15 otherwise)
net_wtaw = $(if $(filter 32,$(1)),13,$(if $(filter 16,$(1)),14,15))
# $(1) = binary, $(2) = Cols
define SIM_NET_RULE
$(1): $(SIM_DIR)/tb_net.cpp $(SIM_DIR)/tb_common.h $(SIM_RTL) $(CM_LIB) $(PG_LIB) $(HOST_LIB) quant/program.h host/eyrie_host.h
	@mkdir -p $$(@D)
	rm -rf $$(@D)/obj
	$(VERILATOR) $(SIM_VFLAGS) --top-module eyrie_top -GCols=$(2) -GWtAw=$(call net_wtaw,$(2)) -Mdir $$(@D)/obj $(sort $(wildcard rtl/*.v)) \
	  $(CURDIR)/$(SIM_DIR)/tb_net.cpp -CFLAGS "$(SIM_CFLAGS) -I$(CURDIR)/quant -I$(CURDIR)/host -DCOLS=$(2)" \
	  -LDFLAGS "$(abspath $(PG_LIB)) $(abspath $(HOST_LIB)) $(SIM_LDFLAGS)" -o tb_net > $$(@D)/build.log
	cp $$(@D)/obj/tb_net $$@
endef
$(eval $(call SIM_NET_RULE,$(SIM_NET),4))
$(eval $(call SIM_NET_RULE,$(SIM_NET_LARGE),32))

# Speed build for the image runs: same sources and checks, only the build
# differs (measured on the 2-core machine: clang++ -O3 ~0.10 CPU-s per default
# image at 3x4, g++ -Os/-O3 ~0.12; profile-guided builds gained nothing;
# --threads would compete with the two shards for the two cores).
NET_COLS ?= 32
NET_JOBS ?= 2
SIM_FAST_CXX ?= $(shell command -v clang++ >/dev/null 2>&1 && echo clang++ || echo $(CXX))
SIM_FAST_VFLAGS := --cc --exe --build -O3 -j 2 --x-assign fast --x-initial fast -Wno-fatal -Irtl
SIM_NET_FAST := $(SIM_OUT)/net-fast$(NET_COLS)/tb_net
$(SIM_OUT)/net-fast%/tb_net: $(SIM_DIR)/tb_net.cpp $(SIM_DIR)/tb_common.h $(SIM_RTL) $(CM_LIB) $(PG_LIB) $(HOST_LIB) quant/program.h host/eyrie_host.h
	@mkdir -p $(@D)
	rm -rf $(@D)/obj $@
	$(VERILATOR) $(SIM_FAST_VFLAGS) --top-module eyrie_top -GCols=$* -GWtAw=$(call net_wtaw,$*) -Mdir $(@D)/obj $(sort $(wildcard rtl/*.v)) \
	  $(CURDIR)/$(SIM_DIR)/tb_net.cpp -CFLAGS "$(SIM_CFLAGS) -I$(CURDIR)/quant -I$(CURDIR)/host -DCOLS=$*" \
	  -LDFLAGS "$(abspath $(PG_LIB)) $(abspath $(HOST_LIB)) $(SIM_LDFLAGS)" \
	  -MAKEFLAGS "CXX=$(SIM_FAST_CXX) LINK=$(SIM_FAST_CXX) OPT_FAST=-O3 OPT_GLOBAL=-O2" -o tb_net > $(@D)/build.log
	cp $(@D)/obj/tb_net $@.tmp && mv -f $@.tmp $@

$(NET_SHAPE_MODEL): $(Q_TRAIN)
	@mkdir -p $(@D)
	$(Q_TRAIN) --arch $(NET_SHAPE) --epochs 1 --limit 3000 --calib 500 --select 500 --batch 32 --lr 0.01 \
	  --train-images $(TRAIN_IMAGES) --train-labels $(TRAIN_LABELS) --out $@ --quiet > $@.log

NET_ARGS = +images=$(TEST_IMAGES) +labels=$(TEST_LABELS)
.PHONY: sim-net test-net bench-net
sim-net: $(SIM_NET_FAST)
	@mkdir -p $(SIM_NET_RUN) $(BUILD)/bench
	@if [ ! -f $(MODEL_FILE) ]; then echo "rtl: $(MODEL_FILE) missing (make model)"; exit 2; fi
	@t0=$$(date +%s.%N); j=$$(( $(IMAGES) >= 100 ? $(NET_JOBS) : 1 )); logs=""; \
	  for s in $$(seq $$((j - 1)) -1 0); do \
	    f=$$(( $(IMAGES) * s / j )); n=$$(( $(IMAGES) * (s + 1) / j - f )); \
	    log=$(SIM_NET_RUN)/$(MODEL)-$$s.log; logs="$$log $$logs"; \
	    if [ $$s -gt 0 ]; then \
	      $(SIM_NET_FAST) +model=$(MODEL_FILE) +name=$(MODEL) +nimg=$$n +first=$$f +bar=0 +errors=0 +stall=$(NET_STALL) \
	        $(NET_ARGS) > $$log 2>&1 & \
	    else \
	      $(SIM_NET_FAST) +model=$(MODEL_FILE) +name=$(MODEL) +nimg=$$n +first=$$f +errors=0 +stall=$(NET_STALL) $(NET_ARGS) > $$log; \
	    fi; done; \
	  wait; secs=$$(echo "$$(date +%s.%N) $$t0" | awk '{printf "%.1f", $$1 - $$2}'); \
	  grep -hE '^(FAIL|image)' $$logs | head -5; grep -h '^net: arg' $(SIM_NET_RUN)/$(MODEL)-0.log; \
	  $(SIM_DIR)/net_sum.sh $$secs $$logs | tee $(BUILD)/bench/sim-net-$(MODEL)-$(IMAGES)-cols$(NET_COLS).txt; \
	  rc=$${PIPESTATUS[0]}; echo "rtl-load: $$(cat /proc/loadavg)" >> $(BUILD)/bench/sim-net-$(MODEL)-$(IMAGES)-cols$(NET_COLS).txt; exit $$rc

test-net: $(SIM_NET) $(SIM_NET_LARGE) $(NET_SHAPE_MODEL)
	@mkdir -p $(SIM_NET_RUN)
	@set -e; for m in $(wildcard models/default.eyr models/lenet.eyr) $(NET_SHAPE_MODEL); do \
	  n=$$(basename $$m .eyr); \
	  $(SIM_NET) +model=$$m +name=$$n +nimg=20 +seed=3 +stall=$(NET_STALL) $(NET_ARGS) > $(SIM_NET_RUN)/test-$$n.log 2>&1 || \
	    { grep -E 'FAIL|tb_net' $(SIM_NET_RUN)/test-$$n.log | head; echo "test-net: $$n FAILED"; exit 1; }; \
	  echo "test-net: $$n: $$(grep '^tb: ' $(SIM_NET_RUN)/test-$$n.log)"; \
	  $(SIM_NET_LARGE) +model=$$m +name=$$n +nimg=4 +seed=4 +stall=$(NET_STALL) $(NET_ARGS) > $(SIM_NET_RUN)/test-$$n-large.log 2>&1 || \
	    { grep -E 'FAIL|tb_net' $(SIM_NET_RUN)/test-$$n-large.log | head; echo "test-net: $$n (3x32) FAILED"; exit 1; }; \
	  echo "test-net: $$n (3x32): $$(grep '^tb: ' $(SIM_NET_RUN)/test-$$n-large.log)"; done
TEST_TARGETS += test-net

bench-net: $(SIM_NET) $(SIM_NET_LARGE)
	@mkdir -p $(BUILD)/bench
	@for m in $(wildcard models/default.eyr models/lenet.eyr); do n=$$(basename $$m .eyr); \
	  $(SIM_NET) +model=$$m +name=$$n +nimg=5 +stall=0 +errors=0 $(NET_ARGS) | grep -E '^(net|rtl):' | tee $(BUILD)/bench/net-$$n.txt; \
	  $(SIM_NET_LARGE) +model=$$m +name=$$n +nimg=5 +stall=0 +errors=0 $(NET_ARGS) | grep -E '^(net|rtl):' | tee $(BUILD)/bench/net-$$n-3x32.txt; done
BENCH_TARGETS += bench-net
