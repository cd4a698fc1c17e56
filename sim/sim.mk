# sim/sim.mk - Verilator benches driven by the C model, the Icarus smoke
# bench and the simulation benchmark. Included by the top-level Makefile.
#   make sim            build (once) and run the suite; ends with
#                       "sim: tests=.. passed=.. failed=.. layers_checked=.. mismatches=.."
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
SIM_LDFLAGS := $(CURDIR)/$(CM_LIB) -lz -lm

SIM_UNITS := $(SIM_OUT)/units$(SIM_SFX)/tb_units
SIM_SMALL := $(SIM_OUT)/small$(SIM_SFX)/tb_layer
SIM_LARGE := $(SIM_OUT)/large$(SIM_SFX)/tb_layer
SIM_UNIT_RTL := rtl/eyrie_requant.v rtl/eyrie_pe.v rtl/eyrie_mul8x2.v rtl/eyrie_maxpool.v rtl/eyrie_ram_sdp.v rtl/eyrie_ram_be.v

$(SIM_UNITS): $(SIM_DIR)/tb_units.v $(SIM_DIR)/tb_units.cpp $(SIM_DIR)/tb_common.h $(SIM_RTL) $(CM_LIB)
	@mkdir -p $(@D)
	$(VERILATOR) $(SIM_VFLAGS) --top-module tb_units -Mdir $(@D)/obj $(SIM_DIR)/tb_units.v $(SIM_UNIT_RTL) \
	  $(CURDIR)/$(SIM_DIR)/tb_units.cpp -CFLAGS "$(SIM_CFLAGS)" -LDFLAGS "$(SIM_LDFLAGS)" -o tb_units > $(@D)/build.log
	cp $(@D)/obj/tb_units $@

# $(1) = binary, $(2) = Rows, $(3) = Cols
define SIM_LAYER_RULE
$(1): $(SIM_DIR)/tb_layer.v $(SIM_DIR)/tb_layer.cpp $(SIM_DIR)/tb_common.h $(SIM_RTL) $(CM_LIB)
	@mkdir -p $$(@D)
	$(VERILATOR) $(SIM_VFLAGS) --top-module tb_layer -GRows=$(2) -GCols=$(3) -Mdir $$(@D)/obj \
	  $(SIM_DIR)/tb_layer.v $(sort $(wildcard rtl/*.v)) $(CURDIR)/$(SIM_DIR)/tb_layer.cpp \
	  -CFLAGS "$(SIM_CFLAGS) -DROWS=$(2) -DCOLS=$(3) -DWMAX=128" -LDFLAGS "$(SIM_LDFLAGS)" -o tb_layer > $$(@D)/build.log
	cp $$(@D)/obj/tb_layer $$@
endef
$(eval $(call SIM_LAYER_RULE,$(SIM_SMALL),3,4))
$(eval $(call SIM_LAYER_RULE,$(SIM_LARGE),3,8))

.PHONY: sim sim-build test-sim sim-iverilog bench-sim
sim-build: $(SIM_UNITS) $(SIM_SMALL) $(SIM_LARGE)

sim: sim-build
	@$(SIM_DIR)/run_sim.sh $(SIM_OUT)/run$(SIM_SFX) $(SIM_UNITS) $(SIM_SMALL) $(SIM_LARGE) $(SIM_SEED) \
	  $(SIM_LAYERS) "$(SIM_MODELS)" $(TEST_IMAGES) $(WAVES)

test-sim: sim

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
