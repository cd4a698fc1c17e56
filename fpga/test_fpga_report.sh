#!/usr/bin/env bash
# test_fpga_report.sh OUTDIR - make test-fpga-report: fpga/fpga_report.sh and
# the README table (mk/tables.sh fpga) on made-up build directories:
#   1. iCEBreaker did not fit (nextpnr log with the overflow), ULX3S built
#   2. iCEBreaker routed below its clock, ULX3S bitstream older than a source,
#      then the ULX3S run interrupted
#   3. nothing built
# and cycle counts where the newest file wins, a run with mismatches is
# ignored, and one model has no 3x8 count. Each case asserts
# the board lines and the table rows; any difference fails with the line.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: test_fpga_report.sh OUTDIR" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
t=$1
rm -rf "$t"; mkdir -p "$t"
t=$(cd "$t" && pwd)
fails=0
check() { # description, file, extended regex that must match one line
  if grep -qE -- "$3" "$2"; then echo "test-fpga-report: ok: $1"
  else echo "test-fpga-report: FAIL: $1: no line of $2 matches /$3/"; fails=$((fails + 1)); fi
}
checkno() { # description, file, extended regex that must not match
  if ! grep -qE -- "$3" "$2"; then echo "test-fpga-report: ok: $1"
  else echo "test-fpga-report: FAIL: $1: $2 has /$3/: $(grep -E -- "$3" "$2" | head -1)"; fails=$((fails + 1)); fi
}

# ---- made-up inputs ----
mkdir -p "$t/bench" "$t/src/rtl" "$t/src/fpga/rtl"
touch -d '2020-01-01' "$t/src/rtl/a.v" "$t/src/fpga/rtl/b.v"
cat > "$t/bench/net-lenet.txt" <<'EOF'
net: layer=0 k=3 1x28x28->6x14x14 cycles=4829
rtl: images=5 correct=5 accuracy=1.0000 mismatches_vs_cmodel=0 cycles_per_image=41143 model=lenet cols=4
EOF
cat > "$t/bench/sim-net-lenet-100-cols4.txt" <<'EOF'
rtl: images=100 correct=91 accuracy=0.9100 mismatches_vs_cmodel=0 cycles_per_image=41138 model=lenet cols=4 seconds=9
EOF
cat > "$t/bench/sim-net-lenet-20-cols8.txt" <<'EOF'
rtl: images=20 correct=19 accuracy=0.9500 mismatches_vs_cmodel=0 cycles_per_image=22000 model=lenet cols=8 seconds=2
EOF
cat > "$t/bench/sim-net-lenet-500-cols8.txt" <<'EOF'
rtl: images=500 correct=450 accuracy=0.9000 mismatches_vs_cmodel=3 cycles_per_image=1 model=lenet cols=8 seconds=2
EOF
cat > "$t/bench/sim-net-default-200-cols4.txt" <<'EOF'
rtl: images=200 correct=184 accuracy=0.9200 mismatches_vs_cmodel=0 cycles_per_image=433117 model=default cols=4 seconds=46
EOF
# newest first: net-lenet (5 images) beats the older 100-image run; the
# newest 3x8 run has mismatches and is skipped
touch -d '2020-01-05' "$t/bench/sim-net-lenet-500-cols8.txt"
touch -d '2020-01-04' "$t/bench/net-lenet.txt"
touch -d '2020-01-03' "$t/bench/sim-net-lenet-20-cols8.txt"
touch -d '2020-01-02' "$t/bench/sim-net-lenet-100-cols4.txt" "$t/bench/sim-net-default-200-cols4.txt"
readme() {
  printf '# x\n\n<!-- table:fpga -->\nold\n<!-- /table:fpga -->\n\n<!-- table:models -->\nkeep me\n<!-- /table:models -->\n' > "$t/README.md"
}
ice_log() { # $1 = the ERROR line
  mkdir -p "$t/fpga/icebreaker"
  printf 'PLL_CHPARAM := -set ClkHz 30000000\nPLL_MHZ := 30.000\n' > "$t/fpga/icebreaker/pll.mk"
  printf '   Number of cells:  9000\n     SB_DFF                 1000\n     SB_DFFE                1189\n' \
    > "$t/fpga/icebreaker/stat.txt"
  cat > "$t/fpga/icebreaker/nextpnr.log" <<EOF
Info: Device utilisation:
Info: 	         ICESTORM_LC:  5311/ 5280   100%
Info: 	        ICESTORM_RAM:    20/   30    66%
Info: 	               SB_IO:    11/   96    11%
Info: 	        ICESTORM_DSP:     8/    8   100%
Info: 	      ICESTORM_SPRAM:     4/    4   100%
$1
EOF
}
ulx_ok() {
  mkdir -p "$t/fpga/ulx3s"
  echo x > "$t/fpga/ulx3s/eyrie.bit"
  echo "fpga: board=ulx3s device=85k luts=10604/83640 ffs=4800/83640 dsps=26/156 ebr=149/208 fmax_mhz=49.0 constraint_mhz=40 pes=24 uart_baud=2000000 seconds=178 bitstream=$t/fpga/ulx3s/eyrie.bit" \
    > "$t/fpga/ulx3s/fpga.txt"
}
tables() { readme; README=$t/README.md BENCH=$t/bench "$root/mk/tables.sh" fpga > /dev/null; }
run() { # case name: the report into bench/fpga.txt (kept as NAME.txt), the table into NAME.md
  FPGA_OUT=$t/fpga BENCH=$t/bench OUT=$t/bench/fpga.txt SRC_ROOT=$t/src "$root/fpga/fpga_report.sh" > "$t/$1.out"
  cp "$t/bench/fpga.txt" "$t/$1.txt"
  tables
  cp "$t/README.md" "$t/$1.md"
}

# ---- 0: no report yet ----
tables
check "no data: the table says how to make it" "$t/README.md" '^_\(no data: run `make fpga-report`\)_$'

# ---- 1: iCEBreaker does not fit, ULX3S built ----
ice_log "ERROR: Failed to expand region (0, 0) |_> (25, 31) of 5311 ICESTORM_LCs"
ulx_ok
run nofit
f=$t/nofit.txt
check "no-fit: iCEBreaker line (newest run wins)" "$f" '^fpga-report: board=icebreaker device=up5k status=FAILED:no-fit luts=5311/5280 ffs=2189/5280 dsps=8/8 ebr=20/30 spram=4/4 fmax_mhz=- constraint_mhz=30.000 pes=12 array=3x4 lenet_cycles=41143 lenet_src=net-lenet lenet_goal_us=540 lenet_goal=n/a\(<540\) default_cycles=433117 default_src=sim-net-default-200-cols4$'
check "no-fit: the nextpnr error is stated" "$f" '^# icebreaker: nextpnr: ERROR: Failed to expand region .* of 5311 ICESTORM_LCs$'
check "ULX3S line: us at 40 MHz, goal missed, newer run with mismatches ignored" "$f" \
  '^fpga-report: board=ulx3s device=85k status=ok luts=10604/83640 ffs=4800/83640 dsps=26/156 ebr=149/208 fmax_mhz=49.0 constraint_mhz=40 pes=24 array=3x8 lenet_cycles=22000 lenet_src=sim-net-lenet-20-cols8 lenet_us=550.0 lenet_goal_us=50 lenet_goal=missed\(<50\) default_cycles=none bitstream='
check "ULX3S: the missing 3x8 default count is stated" "$f" '^# ulx3s: no cycle count for default on 3x8'
check "seed 001 rows" "$f" '^fpga-report: board=seed-001 device=Kintex-UltraScale status=published lenet_us=540$'
[ "$(grep -c '^fpga-report: board=' "$f")" = 4 ] || { echo "test-fpga-report: FAIL: want 4 lines"; fails=$((fails + 1)); }
m=$t/nofit.md
check "table: header" "$m" '^\| board \| device \| PEs \| array \| LUTs \| FFs \| DSPs \| EBR \| SPRAM \| Fmax \(MHz\) \| clock \(MHz\) \| LeNet cycles/image \| LeNet us/image \| LeNet goal \(us\) \| default cycles/image \| default us/image \| bitstream \|$'
check "table: iCEBreaker row says FAILED:no-fit" "$m" '^\| icebreaker \| up5k \| 12 \| 3x4 \| 5311/5280 \| 2189/5280 \| 8/8 \| 20/30 \| 4/4 \| - \| 30.000 \| 41143 \| - \| n/a\(<540\) \| 433117 \| - \| FAILED:no-fit \|$'
check "table: ULX3S row" "$m" '^\| ulx3s \| 85k \| 24 \| 3x8 \| 10604/83640 \| 4800/83640 \| 26/156 \| 149/208 \| - \| 49.0 \| 40 \| 22000 \| 550.0 \| missed\(<50\) \| none \| - \| ok \|$'
check "table: seed row" "$m" '^\| seed-001 \| CPU \| - \| - \| - \| - \| - \| - \| - \| - \| - \| - \| 1590 \| - \| - \| - \| published \|$'
check "table: other tables untouched" "$m" '^keep me$'
checkno "table: old content replaced" "$m" '^old$'

# ---- 2: iCEBreaker misses timing; ULX3S bitstream older than a source ----
rm -rf "$t/fpga/icebreaker"
ice_log "ERROR: Max frequency for clock 'clk': 23.74 MHz (FAIL at 30.00 MHz)"
touch -d '2021-01-01' "$t/fpga/ulx3s/fpga.txt"; touch -d '2022-01-01' "$t/src/rtl/a.v"
run timing
f=$t/timing.txt
check "timing: iCEBreaker FAILED:timing with its Fmax" "$f" '^fpga-report: board=icebreaker .* status=FAILED:timing .* fmax_mhz=23.74 constraint_mhz=30.000 '
check "stale: ULX3S ok-stale, still with its numbers" "$f" '^fpga-report: board=ulx3s .* status=ok-stale .* lenet_us=550.0 '
check "stale: stated" "$f" '^# ulx3s: sources changed after this bitstream was built'

# ---- 2b: ULX3S run interrupted (a log without an error) ----
rm -rf "$t/fpga/ulx3s"; mkdir -p "$t/fpga/ulx3s"
printf 'Info: Device utilisation:\nInfo: \t          TRELLIS_COMB:  9237/83640    11%%\nInfo: Max frequency for clock clk: 38.00 MHz (FAIL at 40.00 MHz)\n' \
  > "$t/fpga/ulx3s/nextpnr.log"
run incomplete
check "incomplete: ULX3S, not a timing failure" "$t/incomplete.txt" '^fpga-report: board=ulx3s device=85k status=incomplete luts=9237/83640 .* fmax_mhz=- '
check "incomplete: stated" "$t/incomplete.txt" '^# ulx3s: nextpnr: no ERROR in .*: interrupted, or still running$'

# ---- 3: nothing built ----
rm -rf "$t/fpga"
run none
f=$t/none.txt
check "not built: iCEBreaker" "$f" '^fpga-report: board=icebreaker device=up5k status=not-built fmax_mhz=- constraint_mhz=- pes=12 array=3x4 lenet_cycles=41143 '
check "not built: ULX3S" "$f" '^fpga-report: board=ulx3s device=85k status=not-built .* lenet_goal=n/a\(<50\) '
check "not built: table row" "$t/none.md" '^\| ulx3s \| 85k \| 96 \| 3x32 \| - .* \| not-built \|$'

[ $fails -eq 0 ] || { echo "test-fpga-report: $fails check(s) failed (inputs and outputs in $t)"; exit 1; }
echo "test-fpga-report: passed (4 cases: no fit / timing + stale / interrupted / not built, table rows checked)"
