#!/usr/bin/env bash
# pll_params.sh BOARD MHZ OUTDIR - compute the board PLL's dividers for a
# requested output frequency with the Project IceStorm / Trellis calculators
# (icepll for iCE40, ecppll for ECP5) and write OUTDIR/pll.mk:
#   PLL_CHPARAM := yosys chparam arguments for the board top (dividers and
#                  ClkHz = the frequency actually achieved, for the UART)
#   PLL_MHZ     := the achieved frequency in MHz (the nextpnr constraint)
# Tools: ICEPLL (default icepll), ECPPLL (default .venv/bin/yowasp-ecppll).
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: pll_params.sh icebreaker|ulx3s MHZ OUTDIR" >&2; exit 2; }
board=$1; mhz=$2; out=$3
case "$mhz" in ''|*[!0-9.]*) echo "pll_params: bad frequency '$mhz'" >&2; exit 2 ;; esac
mkdir -p "$out"
hz() { awk -v m="$1" 'BEGIN { printf "%d", m * 1000000 + 0.5 }'; }
case "$board" in
  icebreaker)
    v=$("${ICEPLL:-icepll}" -i 12 -o "$mhz" -p -f - 2>&1) || { echo "pll_params: icepll: $v" >&2; exit 2; }
    get() { printf '%s\n' "$v" | sed -n "s/.*\/\/ $1 *= *\([0-9]*\).*/\1/p"; }
    got=$(printf '%s\n' "$v" | sed -n 's/.*Achieved output frequency: *\([0-9.]*\) MHz.*/\1/p')
    [ -n "$got" ] || { echo "pll_params: cannot parse icepll output" >&2; exit 2; }
    args="-set Divr $(get DIVR) -set Divf $(get DIVF) -set Divq $(get DIVQ) -set FilterRange $(get FILTER_RANGE)"
    ;;
  ulx3s)
    # ecppll (WebAssembly) can only write below the current directory.
    ecppll=${ECPPLL:-.venv/bin/yowasp-ecppll}
    case "$ecppll" in /*) ;; */*) ecppll=$PWD/$ecppll ;; esac
    v=$(cd "$out" && "$ecppll" -i 25 -o "$mhz" -f pll_ecp5_gen.v 2>&1) \
      || { echo "pll_params: ecppll: $v" >&2; exit 2; }
    f=$out/pll_ecp5_gen.v
    get() { sed -n "s/.*\.$1(\([0-9]*\)).*/\1/p" "$f"; }
    got=$(printf '%s\n' "$v" | sed -n 's/^clkout0 frequency: *\([0-9.]*\) MHz.*/\1/p')
    [ -n "$got" ] || { echo "pll_params: cannot parse ecppll output" >&2; exit 2; }
    args="-set ClkiDiv $(get CLKI_DIV) -set ClkfbDiv $(get CLKFB_DIV) -set ClkopDiv $(get CLKOP_DIV) -set ClkopCphase $(get CLKOP_CPHASE)"
    ;;
  *) echo "pll_params: unknown board '$board' (icebreaker or ulx3s)" >&2; exit 2 ;;
esac
set -- $args
[ $# -eq 12 ] || { echo "pll_params: cannot parse the $board PLL dividers" >&2; exit 2; }
printf 'PLL_CHPARAM := %s -set ClkHz %s\nPLL_MHZ := %s\n' "$args" "$(hz "$got")" "$got" > "$out/pll.mk"
echo "pll: board=$board requested_mhz=$mhz achieved_mhz=$got ($args)"
