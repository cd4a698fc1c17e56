# host/host.mk - host side of the eyrie byte protocol (docs/protocol.md):
# build/host/libeyriehost.a, used by the simulation bench (sim/tb_net.cpp)
# and the FPGA host tool build/host/eyrie-host (make eyrie-host, installed
# by make install); the simulated board (make board-sim, make test-board).
# See host/README.md.
HOST_DIR := host
HOST_OUT := $(BUILD)/host
HOST_LIB := $(HOST_OUT)/libeyriehost.a
HOST_CSTD := -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -O2 -g

$(HOST_OUT)/%.o: $(HOST_DIR)/%.c $(HOST_DIR)/eyrie_host.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CSTD) -c $< -o $@

$(HOST_LIB): $(HOST_OUT)/eyrie_host.o
	ar rcs $@ $^

# ---- issue 6: the host tool and the simulated board ----
#   make eyrie-host     build/host/eyrie-host (docs: host/README.md)
#   make board-sim      N test images (BOARD_IMAGES, default 20; MODEL=...) through
#                       eyrie-host -> pty -> the Verilated board top (BOARD_SIM=
#                       icebreaker: 3x4 array, or ulx3s: 3x32) and back
#   make test-board     5 images of each committed model through that chain on
#                       both tops, and the error cases (no answer, corrupted,
#                       dropped and extra reply bytes, a bad stop bit); in make test
HOST_TOOL := $(HOST_OUT)/eyrie-host
HOST_TOOL_CFLAGS := $(HOST_CSTD) -Icmodel -Iquant -I$(HOST_DIR)
BOARD_IMAGES ?= 20
BOARD_SIM ?= icebreaker
# Simulated line: 12 MHz clock, 1.5 Mbaud = 8 cycles per bit; small LED timers.
HB_CLK_HZ := 12000000
HB_BAUD := 1500000
HB_G := -GClkHz=$(HB_CLK_HZ) -GBaud=$(HB_BAUD) -GHeartBits=8 -GStretchBits=4
HB_VROOT = $(shell $(VERILATOR) --getenv VERILATOR_ROOT)
HB_RTL := $(sort $(wildcard fpga/rtl/*.v)) $(sort $(wildcard rtl/*.v))
# OPT_FAST=-O2: Verilator's default -Os makes this bench about 1.6x slower.
# -Wno-fatal: lint is checked by make lint / lint-fpga, not here (as sim/sim.mk)
HB_VFLAGS := --cc --exe --build -O3 -j 2 --x-assign unique --x-initial unique -Wno-fatal -Irtl -MAKEFLAGS "OPT_FAST=-O2 OPT_SLOW=-O1"

$(HOST_TOOL): $(HOST_OUT)/eyrie_host_main.o $(HOST_LIB) $(PG_LIB) $(CM_LIB)
	$(CC) $^ -lz -lm -o $@

$(HOST_OUT)/eyrie_host_main.o: $(HOST_DIR)/eyrie_host_main.c $(HOST_DIR)/eyrie_host.h quant/program.h cmodel/eyrie.h
	@mkdir -p $(@D)
	$(CC) $(HOST_TOOL_CFLAGS) -c $< -o $@

# $(1) = board name, $(2) = top module, $(3) = extra C flags
define HB_RULE
$(HOST_OUT)/board-$(1)/tb_board: fpga/sim/tb_board.cpp $(HB_RTL) rtl/eyrie_defs.vh
	@mkdir -p $$(@D)
	$(VERILATOR) $(HB_VFLAGS) --top-module $(2) $(HB_G) -Mdir $$(@D)/obj fpga/verilator.vlt rtl/verilator.vlt \
	  $(HB_RTL) $(CURDIR)/fpga/sim/tb_board.cpp \
	  -CFLAGS "-O2 -DCLK_HZ=$(HB_CLK_HZ) -DBAUD=$(HB_BAUD) $(3)" -o tb_board > $$(@D)/build.log
	@# the harness itself is warning-free (the generated model is not held to -Werror)
	$(CXX) -std=c++17 -fsyntax-only -Wall -Wextra -Werror -isystem $$(@D)/obj -isystem $$(HB_VROOT)/include \
	  -isystem $$(HB_VROOT)/include/vltstd -DCLK_HZ=$(HB_CLK_HZ) -DBAUD=$(HB_BAUD) $(3) fpga/sim/tb_board.cpp
	cp $$(@D)/obj/tb_board $$@
endef
$(eval $(call HB_RULE,icebreaker,icebreaker_top,))
$(eval $(call HB_RULE,ulx3s,ulx3s_top,-DTOP_ULX3S))

.PHONY: eyrie-host board-sim test-board install-host
eyrie-host: $(HOST_TOOL)

HB_TEST := bash $(HOST_DIR)/board_test.sh
HB_RUN_OUT := $(HOST_OUT)/board-run
HB_ICE := $(HOST_OUT)/board-icebreaker/tb_board
HB_ECP := $(HOST_OUT)/board-ulx3s/tb_board
HB_DATA = $(TEST_IMAGES) $(TEST_LABELS)

board-sim: $(HOST_TOOL) $(HOST_OUT)/board-$(BOARD_SIM)/tb_board
	@if [ ! -f $(MODEL_FILE) ]; then echo "board-sim: $(MODEL_FILE) missing (make model)"; exit 2; fi
	@HB_SHOW=1 $(HB_TEST) run $(HOST_TOOL) $(HOST_OUT)/board-$(BOARD_SIM)/tb_board $(HB_RUN_OUT) sim-$(BOARD_SIM)-$(MODEL) \
	  $(HB_DATA) $(BOARD_IMAGES) $(MODEL_FILE)
	@grep -h '^board: top=' $(HB_RUN_OUT)/sim-$(BOARD_SIM)-$(MODEL).board.log

# Error cases: byte N counts the board's reply bytes from 1 (INFO reply =
# bytes 1..20, LOAD_PROGRAM reply = 21..25, first CLASSIFY reply from 26:
# status, echo, rlen x2, class, n, logit[0] at byte 32), or the host's bytes.
test-board: $(HOST_TOOL) $(HB_ICE) $(HB_ECP)
	@t0=$$(date +%s); set -e; \
	for m in $(wildcard models/default.eyr models/lenet.eyr); do n=$$(basename $$m .eyr); \
	  $(HB_TEST) run $(HOST_TOOL) $(HB_ICE) $(HB_RUN_OUT) icebreaker-$$n $(HB_DATA) 5 $$m; \
	  $(HB_TEST) run $(HOST_TOOL) $(HB_ECP) $(HB_RUN_OUT) ulx3s-$$n $(HB_DATA) 5 $$m; \
	done; \
	m=models/default.eyr; \
	$(HB_TEST) fault $(HOST_TOOL) $(HB_ICE) $(HB_RUN_OUT) no-answer $(HB_DATA) 1 $$m 'timeout: no reply to INFO' --mute; \
	$(HB_TEST) fault $(HOST_TOOL) $(HB_ICE) $(HB_RUN_OUT) bad-status $(HB_DATA) 1 $$m 'INFO refused: status 0x01' --flip-tx 1; \
	$(HB_TEST) fault $(HOST_TOOL) $(HB_ICE) $(HB_RUN_OUT) bad-echo $(HB_DATA) 1 $$m 'wrong echo in the reply to INFO' --flip-tx 2; \
	$(HB_TEST) fault $(HOST_TOOL) $(HB_ICE) $(HB_RUN_OUT) long-frame $(HB_DATA) 1 $$m '17 payload bytes, want 16 \(long frame\)' --flip-tx 3; \
	$(HB_TEST) fault $(HOST_TOOL) $(HB_ICE) $(HB_RUN_OUT) dropped-byte $(HB_DATA) 1 $$m 'reply to INFO cut short: 15 of 16' --drop-tx 10; \
	$(HB_TEST) fault $(HOST_TOOL) $(HB_ICE) $(HB_RUN_OUT) stray-byte $(HB_DATA) 1 $$m 'unexpected byte.*before LOAD_PROGRAM \(first 0xa5\)' --extra-tx 20; \
	HB_BOARD_WANT=' frame_err_led=1 ' $(HB_TEST) fault $(HOST_TOOL) $(HB_ICE) $(HB_RUN_OUT) bad-stop-bit $(HB_DATA) 1 $$m "UART saw a receive error .* during INFO \(status 0x80\)" --bad-stop 3; \
	HB_TIMEOUT_MS=60000 $(HB_TEST) fault $(HOST_TOOL) $(HB_ICE) $(HB_RUN_OUT) wrong-logit $(HB_DATA) 1 $$m 'MISMATCH image 0: class [0-9]+ \(C model [0-9]+\), logit\[0\]' --flip-tx 32; \
	grep -q ' mismatches_vs_cmodel=1 ' $(HB_RUN_OUT)/wrong-logit.host.log; \
	echo "test-board: passed (4 runs of 5 images, 8 error cases; $$(( $$(date +%s) - t0 )) s)"
TEST_TARGETS += test-board

install-host: $(HOST_TOOL)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(HOST_TOOL) $(DESTDIR)$(PREFIX)/bin/eyrie-host
install: install-host
