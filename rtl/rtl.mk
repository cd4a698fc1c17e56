# rtl/rtl.mk - the RTL: lint and synthesis checks. Included by the Makefile.
#   make lint         verilator --lint-only -Wall over the whole design (both
#                     array configurations of eyrie_layer_top and eyrie_top, and the bench wrappers), 0 warnings
#   make synth-ice40  Yosys synth_ice40 of the small configuration (3x4 PEs,
#                     PE multipliers paired into SB_MAC16 8x8 mode: 6 + 2 DSPs),
#                     resource summary in build/rtl/synth-ice40.txt
#   make synth-ecp5   Yosys synth_ecp5 of the large configuration (3x8 PEs)

RTL_DIR := rtl
RTL_OUT := $(BUILD)/rtl
RTL_SRCS := $(sort $(wildcard $(RTL_DIR)/*.v))
RTL_HDRS := $(RTL_DIR)/eyrie_defs.vh
YOSYS ?= yosys
RTL_READ = read_verilog -I$(RTL_DIR) $(RTL_SRCS)
RTL_READ_ICE40 = read_verilog -DEYRIE_ICE40_DSP -I$(RTL_DIR) $(RTL_SRCS)
# Small (iCE40 UP5K) and large (ECP5) array configurations.
RTL_SMALL_PARAMS := -GRows=3 -GCols=4
RTL_LARGE_PARAMS := -GRows=3 -GCols=8

.PHONY: lint synth-ice40 synth-ecp5
lint:
	@for p in "$(RTL_SMALL_PARAMS)" "$(RTL_LARGE_PARAMS)"; do \
	  $(VERILATOR) --lint-only -Wall -I$(RTL_DIR) $$p --top-module eyrie_layer_top \
	    $(RTL_DIR)/verilator.vlt $(RTL_SRCS) || exit 1; \
	done
	@for p in "$(RTL_SMALL_PARAMS)" "$(RTL_LARGE_PARAMS)"; do \
	  $(VERILATOR) --lint-only -Wall -I$(RTL_DIR) $$p --top-module eyrie_top \
	    $(RTL_DIR)/verilator.vlt $(RTL_SRCS) || exit 1; \
	done
	@$(VERILATOR) --lint-only -Wall -I$(RTL_DIR) --top-module tb_units $(RTL_DIR)/verilator.vlt sim/tb_units.v $(RTL_SRCS)
	@$(VERILATOR) --lint-only -Wall -I$(RTL_DIR) --top-module tb_layer $(RTL_DIR)/verilator.vlt sim/tb_layer.v $(RTL_SRCS)
	@echo "lint: verilator -Wall clean ($(words $(RTL_SRCS)) files, 2 configurations, 0 warnings, 0 waivers)"

TEST_TARGETS += lint

$(RTL_OUT)/synth-ice40.txt: $(RTL_SRCS) $(RTL_HDRS)
	@mkdir -p $(@D)
	$(YOSYS) -q -l $(RTL_OUT)/synth-ice40.log -p '$(RTL_READ_ICE40); chparam -set Rows 3 -set Cols 4 eyrie_layer; synth_ice40 -dsp -top eyrie_layer; tee -o $@ stat'
	@grep -E 'SB_LUT4|SB_DFF|SB_CARRY|SB_MAC16|SB_RAM40|SB_SPRAM' $@ | awk '{print "synth-ice40:", $$1, $$2}'

synth-ice40: $(RTL_OUT)/synth-ice40.txt

synth-ecp5:
	@mkdir -p $(RTL_OUT)
	$(YOSYS) -q -l $(RTL_OUT)/synth-ecp5.log -p 'read_verilog -DEYRIE_MUL_INFER -I$(RTL_DIR) $(RTL_SRCS); chparam -set Rows 3 -set Cols 8 eyrie_layer; synth_ecp5 -top eyrie_layer; tee -o $(RTL_OUT)/synth-ecp5.txt stat'
	@grep -E 'LUT4|TRELLIS_FF|MULT18|DP16KD|CCU2C' $(RTL_OUT)/synth-ecp5.txt
