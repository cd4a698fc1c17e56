# host/host.mk - host side of the eyrie byte protocol (docs/protocol.md):
# build/host/libeyriehost.a, used by the simulation bench (sim/tb_net.cpp)
# and the FPGA host tool.
HOST_DIR := host
HOST_OUT := $(BUILD)/host
HOST_LIB := $(HOST_OUT)/libeyriehost.a
HOST_CSTD := -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -O2 -g

$(HOST_OUT)/%.o: $(HOST_DIR)/%.c $(HOST_DIR)/eyrie_host.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CSTD) -c $< -o $@

$(HOST_LIB): $(HOST_OUT)/eyrie_host.o
	ar rcs $@ $^
