#!/bin/bash
# fpga/area.sh OUT [chparam settings...] - where the iCE40 logic cells go.
# Synthesizes the iCEBreaker board top twice with Debian's yosys (as
# flow.sh does: -dsp -spram): once hierarchical, for one line per module
# (LUT4, carries, flip-flops, instance count), once flat, packed by
# nextpnr-ice40 --pack-only for the logic-cell total that decides the fit.
# No placement, no timing: that is make bitstream BOARD=icebreaker.
# Ends with one line: area: board=icebreaker lcs=N/5280 luts=N ffs=N ...
set -eu
out=${1:?usage: fpga/area.sh OUT [param=value ...]}; shift
YOSYS=${YOSYS:-yosys}; NEXTPNR_ICE40=${NEXTPNR_ICE40:-nextpnr-ice40}
mkdir -p "$out"
ch=""; [ $# -gt 0 ] && ch="chparam $(printf -- '-set %s %s ' $(echo "$*" | sed 's/=/ /g')) icebreaker_top;"
src="read_verilog -DEYRIE_ICE40_DSP -Irtl fpga/rtl/icebreaker_top.v fpga/rtl/pll_ice40.v fpga/rtl/rst_sync.v \
 fpga/rtl/board_core.v fpga/rtl/uart_rx.v fpga/rtl/uart_tx.v rtl/*.v; $ch"
"$YOSYS" -q -l "$out/hier.log" -p "$src synth_ice40 -dsp -spram -noflatten -top icebreaker_top; tee -q -o $out/hier.txt stat" \
  || { echo "area: yosys failed (hierarchical), see $out/hier.log"; exit 1; }
"$YOSYS" -q -l "$out/flat.log" -p "$src synth_ice40 -dsp -spram -top icebreaker_top -json $out/flat.json" \
  || { echo "area: yosys failed (flat), see $out/flat.log"; exit 1; }
"$NEXTPNR_ICE40" -q --up5k --package sg48 --json "$out/flat.json" --pcf fpga/icebreaker.pcf --pack-only \
  -l "$out/pack.log" > /dev/null 2>&1 || true
# per-module table: instances are counted from the design hierarchy section
awk '
  /^=== design hierarchy ===/ { inh = 1; cur = ""; next }
  inh && /^ +[^ ]+ +[0-9]+$/ && $1 !~ /^SB_/ && $1 != "Number" { cnt[$1] = $2; next }
  /^=== / { m = $2; sub(/^\$paramod\$[0-9a-f]+\\/, "", m); sub(/^\$paramod\\/, "", m); sub(/\\.*/, "", m); cur = $2; next }
  !inh && /SB_LUT4/ { lut[cur] = $2 } !inh && /SB_CARRY/ { car[cur] = $2 } !inh && /SB_DFF/ { ff[cur] += $2 }
  END {
    printf "%-24s %5s %6s %6s %6s\n", "module", "inst", "lut4", "carry", "ff"
    for (c in lut) { n = c; sub(/^\$paramod\$[0-9a-f]+\\/, "", n); sub(/^\$paramod\\/, "", n); sub(/\\.*/, "", n);
      k = (c in cnt) ? cnt[c] : 1; printf "%-24s %5d %6d %6d %6d\n", n, k, lut[c], car[c], ff[c] }
  }' "$out/hier.txt" | (read -r h; echo "$h"; sort -k3,3nr) | tee "$out/modules.txt"
lc=$(grep -E 'ICESTORM_LC:' "$out/pack.log" | tail -1 | sed 's/.*ICESTORM_LC: *//; s/ //g; s/%.*//; s/\/5280.*//')
tot() { awk -v k="$1" '/=== design hierarchy ===/{f=1} f && $1==k {print $2}' "$out/hier.txt" | tail -1; }
ffs=$(awk '/=== design hierarchy ===/{f=1} f && /SB_DFF/ {s+=$2} END {print s+0}' "$out/hier.txt")
echo "area: board=icebreaker lcs=${lc:-?} luts=$(tot SB_LUT4) carries=$(tot SB_CARRY) ffs=$ffs params=\"$*\""
