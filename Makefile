# eyrie - top-level Makefile: the one entry point.
#   make deps      install Debian and PyPI packages (idempotent)
#   make sim       main job: RTL vs C model on the default model + FashionMNIST
#   make test      every test (what CI runs)
#   make classify  C model classifier on the full test set (MODEL=default|lenet)
#   make model     retrain and requantize the committed models
# Build outputs go under build/ only.

SHELL := /bin/bash
BUILD ?= build
VENV ?= .venv
MODEL ?= default
FMNIST_DIR ?= /usr/share/datasets/fashion-mnist
# make predefines CC and CXX, so ?= would not take effect.
CC := gcc
CXX := g++
VERILATOR ?= verilator
IVERILOG ?= iverilog

# The commands a user types on a fresh machine, make test first, start with
# make deps (mk/deps.sh is idempotent: about 2 s when all is there). Only
# the outermost make runs it, before any rule; sub-makes inherit a checked
# machine.
DEPS_GOALS := test bench sim sim-net classify model formal formal-deep \
  formal-mutants test-formal bitstream fpga-engine fpga-report
ifneq ($(filter $(DEPS_GOALS),$(MAKECMDGOALS)),)
ifeq ($(MAKELEVEL),0)
DEPS_STATUS := $(shell VENV=$(VENV) bash mk/deps.sh >&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error make deps failed (exit $(DEPS_STATUS)), see above)
endif
endif
endif

TEST_IMAGES := $(FMNIST_DIR)/t10k-images-idx3-ubyte.gz
TEST_LABELS := $(FMNIST_DIR)/t10k-labels-idx1-ubyte.gz
TRAIN_IMAGES := $(FMNIST_DIR)/train-images-idx3-ubyte.gz
TRAIN_LABELS := $(FMNIST_DIR)/train-labels-idx1-ubyte.gz
MODEL_FILE = models/$(MODEL).eyr

# Each part appends its test targets to TEST_TARGETS and its benchmarks to
# BENCH_TARGETS.
TEST_TARGETS :=
BENCH_TARGETS :=

.PHONY: all deps test bench clean help
all: deps cmodel

help:
	@sed -n '2,8p' Makefile

deps:
	@VENV=$(VENV) bash mk/deps.sh

include cmodel/cmodel.mk
include quant/quant.mk
-include quant/program.mk
-include host/host.mk
-include rtl/rtl.mk
-include sim/sim.mk
-include formal/formal.mk
-include fpga/fpga.mk
include mk/bench.mk

test:
	@$(MAKE) --no-print-directory test-run

# Runs every test target even after a failure, then one summary line.
.PHONY: test-run
test-run:
	@pass=0; fail=0; failed=""; t0=$$(date +%s); \
	for t in $(TEST_TARGETS); do \
	  echo "=== $$t"; \
	  if $(MAKE) --no-print-directory $$t; then pass=$$((pass + 1)); \
	  else fail=$$((fail + 1)); failed="$$failed $$t"; echo "=== $$t FAILED"; fi; \
	done; \
	echo "test: targets:$(TEST_TARGETS) seconds=$$(( $$(date +%s) - t0 ))"; \
	[ -z "$$failed" ] || echo "test: failed:$$failed"; \
	echo "test: $$pass passed, $$fail failed"; \
	[ $$fail -eq 0 ]

bench:
	@$(MAKE) --no-print-directory $(BENCH_TARGETS)
	@bash mk/tables.sh

clean:
	rm -rf $(BUILD)
