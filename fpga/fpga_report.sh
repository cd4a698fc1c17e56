#!/usr/bin/env bash
# fpga_report.sh - one "fpga-report:" line per board (make fpga-report): the
# state of the board's last `make bitstream` (build/fpga/BOARD/: fpga.txt when
# it succeeded, otherwise nextpnr.log / yosys.log say why it failed), its
# resources and clock, and per model the accelerator's cycles per image on
# the board's array (the "rtl:" lines of build/bench/*.txt: make bench-net,
# make sim NET_COLS=4|32; the newest file wins) with the
# microseconds per image at the board's achieved clock, measured against the
# goals of issue 6 (lenet: UP5K < 540 us, ECP5 < 50 us). Then two lines with
# the published numbers of seed 001 (LeNet-5: 0.54 ms on a Kintex
# UltraScale, 1.59 ms on a CPU). Writes the lines to OUT (default
# build/bench/fpga.txt, rendered into README.md by mk/tables.sh) and prints
# them, with '#' lines giving the failure messages.
#
#   status   ok              fpga.txt present, bitstream file present, the
#                            clock constraint met (nextpnr fails otherwise)
#            ok-stale        as ok, but fpga.txt is older than a source file
#                            (rtl/, fpga/rtl/, constraints, flow): rebuild
#            FAILED:no-fit   nextpnr could not place the design (luts=.. etc.
#                            from its log show the overflow)
#            FAILED:timing   routed, but below the clock constraint (fmax_mhz)
#            FAILED:nextpnr  another nextpnr error
#            FAILED:synthesis  Yosys stopped (yosys.log)
#            FAILED:no-bitstream  fpga.txt names a bitstream that is missing
#            FAILED:unknown  the build directory holds no log to explain it
#            incomplete      a log without an error: the run was interrupted
#                            or is still running
#            placeholder     a bitstream of the UART echo (pes=0), not the
#                            accelerator
#            not-built       no build/fpga/BOARD (run make bitstream BOARD=..)
#   MODEL_cycles, MODEL_us, MODEL_src (bench file), lenet_goal (met / missed
#   / n/a: no bitstream that meets its clock); us only with a bitstream.
# Environment: FPGA_OUT (build/fpga), BENCH (build/bench), OUT
# ($BENCH/fpga.txt), PYTHON3, SRC_ROOT (.; the sources checked for staleness).
# Exit status 0 when the report was written (whatever the boards' state), 2
# on unreadable input.
set -euo pipefail
FPGA_OUT=${FPGA_OUT:-build/fpga}
BENCH=${BENCH:-build/bench}
OUT=${OUT:-$BENCH/fpga.txt}
PYTHON3=${PYTHON3:-python3}
SRC_ROOT=${SRC_ROOT:-.}
here=$(cd "$(dirname "$0")" && pwd)

# The goals of issue 6 (seed 001's published figures, as in the README's
# "Published and peer numbers", are the two seed-001 lines at the end).
GOAL_LENET_icebreaker=540
GOAL_LENET_ulx3s=50
MODELS="lenet default"

# cycles MODEL COLS: "cycles images src" of the newest file's rtl: line for
# MODEL on 3xCOLS (the newest run is the one of the current RTL)
cycles() {
  local files; files=$(ls -t "$BENCH"/*.txt 2>/dev/null || true)
  [ -n "$files" ] || return 0
  # shellcheck disable=SC2086
  awk -v model="$1" -v cols="$2" '
    $1 == "rtl:" && !found { delete kv
      for (i = 2; i <= NF; i++) { p = index($i, "="); if (p) kv[substr($i, 1, p - 1)] = substr($i, p + 1) }
      if (kv["model"] != model || kv["cols"] != cols || !("cycles_per_image" in kv)) next
      if (kv["mismatches_vs_cmodel"] != "" && kv["mismatches_vs_cmodel"] != "0") next
      found = 1; cyc = kv["cycles_per_image"]; n = kv["images"]
      src = FILENAME; sub(/.*\//, "", src); sub(/\.txt$/, "", src) }
    END { if (found) print cyc, n, src }' $files
}

# kv LINE KEY: the value of KEY= in LINE (empty if absent)
kv() { tr ' ' '\n' <<< "$1" | sed -n "s/^$2=//p" | head -1; }

# first error message of a log, one line, at most 160 characters
first_error() { grep -m1 -E '^(ERROR|Error|.*ERROR:)' "$1" 2>/dev/null | cut -c1-160 || true; }

mkdir -p "$(dirname "$OUT")"
tmp=$OUT.tmp.$$
trap 'rm -f "$tmp"' EXIT
{
  echo "# make fpga-report ($(date -u +%Y-%m-%dT%H:%MZ)): bitstreams from $FPGA_OUT/BOARD, cycles from $BENCH/*.txt"
  for board in icebreaker ulx3s; do
    case $board in
      icebreaker) device=up5k; family=ice40 ;;
      ulx3s) device=85k; family=ecp5 ;;
    esac
    # the array of the board top's defaults (as flow.sh; a built bitstream's pes= wins)
    rows=$(sed -n 's/^ *parameter integer Rows *= *\([0-9]*\).*/\1/p' "$here/rtl/${board}_top.v")
    cols=$(sed -n 's/^ *parameter integer Cols *= *\([0-9]*\).*/\1/p' "$here/rtl/${board}_top.v")
    dir=$FPGA_OUT/$board
    res="" status="" mhz="" fmax="" pes=""; notes=()
    if [ -s "$dir/fpga.txt" ]; then
      line=$(grep -m1 '^fpga: ' "$dir/fpga.txt" || true)
      [ -n "$line" ] || { echo "fpga-report: $dir/fpga.txt has no 'fpga:' line" >&2; exit 2; }
      for k in luts ffs dsps ebr spram; do v=$(kv "$line" $k); [ -z "$v" ] || res="$res $k=$v"; done
      fmax=$(kv "$line" fmax_mhz); mhz=$(kv "$line" constraint_mhz); pes=$(kv "$line" pes)
      bit=$(kv "$line" bitstream)
      status=ok
      if [ "$pes" = 0 ]; then
        status=placeholder; notes+=("$board: the bitstream carries the UART echo placeholder (pes=0), not the accelerator")
      elif [ -z "$bit" ] || [ ! -s "$bit" ]; then
        status=FAILED:no-bitstream; notes+=("$board: fpga.txt names bitstream '$bit', which is missing")
      elif [ -n "$(find "$SRC_ROOT/rtl" "$SRC_ROOT/fpga/rtl" "$SRC_ROOT/fpga/flow.sh" "$SRC_ROOT/fpga/$board".* \
                  -newer "$dir/fpga.txt" \( -name '*.v' -o -name '*.vh' -o -name '*.sh' -o -name '*.pcf' -o -name '*.lpf' \) \
                  2>/dev/null | head -1)" ]; then
        status=ok-stale; notes+=("$board: sources changed after this bitstream was built (make bitstream BOARD=$board)")
      fi
      [ "$pes" -gt 0 ] 2>/dev/null && cols=$((pes / rows))
      bitline=" bitstream=$bit"
    elif [ -d "$dir" ]; then
      bitline=""
      mhz=$(sed -n 's/^PLL_MHZ := //p' "$dir/pll.mk" 2>/dev/null || true)
      if [ -s "$dir/nextpnr.log" ]; then
        err=$(first_error "$dir/nextpnr.log")
        if [ -z "$err" ]; then
          status=incomplete  # no error: nextpnr was interrupted, or is still running
        elif grep -qE 'FAIL at' <<< "$err"; then
          status=FAILED:timing; fmax=$(sed -n 's/.*: *\([0-9.]*\) MHz (FAIL.*/\1/p' <<< "$err")
        elif grep -qiE 'failed to expand|unable to place|no bels remaining|not enough|too many' <<< "$err"; then
          status=FAILED:no-fit
        else
          status=FAILED:nextpnr
        fi
        # utilisation from the log (report.py --log exits 1: fit=no)
        stat=$dir/stat.txt; [ -s "$stat" ] || stat=/dev/null
        u=$("$PYTHON3" "$here/report.py" --prefix u --board "$board" --device "$device" --family "$family" \
              --log "$dir/nextpnr.log" --stat "$stat" --constraint "${mhz:-0}" --pes 0 2>/dev/null || true)
        for k in luts ffs dsps ebr spram; do v=$(kv "$u" $k); [ -z "$v" ] || res="$res $k=$v"; done
        notes+=("$board: nextpnr: ${err:-no ERROR in $dir/nextpnr.log: interrupted, or still running}")
      elif [ -s "$dir/yosys.log" ]; then
        err=$(first_error "$dir/yosys.log")
        status=FAILED:synthesis; [ -n "$err" ] || status=incomplete
        notes+=("$board: yosys: ${err:-no ERROR in $dir/yosys.log: interrupted, or still running}")
      else
        status=FAILED:unknown; notes+=("$board: $dir holds no fpga.txt and no log")
      fi
    else
      status=not-built; bitline=""; notes+=("$board: no bitstream built (make bitstream BOARD=$board)")
    fi
    [ -n "$pes" ] || pes=$((rows * cols))
    met=no
    case $status in ok|ok-stale) met=yes ;; esac
    line="fpga-report: board=$board device=$device status=$status$res fmax_mhz=${fmax:--} constraint_mhz=${mhz:--}"
    line="$line pes=$pes array=${rows}x$cols"
    for m in $MODELS; do
      read -r cyc nimg src <<< "$(cycles "$m" "$cols")" || true
      if [ -z "${cyc:-}" ]; then
        line="$line ${m}_cycles=none"
        notes+=("$board: no cycle count for $m on 3x$cols (make bench-net / make sim NET_COLS=$cols MODEL=$m)")
        us=""
      else
        line="$line ${m}_cycles=$cyc ${m}_src=$src"
        if [ -n "$(find "$SRC_ROOT/rtl" -newer "$BENCH/$src.txt" \( -name '*.v' -o -name '*.vh' \) 2>/dev/null | head -1)" ]; then
          notes+=("$board: the $m cycle count ($BENCH/$src.txt) is older than a file in rtl/: rerun it")
        fi
        us=""
        if [ $met = yes ]; then
          us=$(awk -v c="$cyc" -v f="$mhz" 'BEGIN { printf "%.1f", c / f }')
          line="$line ${m}_us=$us"
        fi
      fi
      if [ "$m" = lenet ]; then
        goal_var=GOAL_LENET_$board; goal=${!goal_var}
        if [ -z "$us" ]; then g="n/a(<$goal)"
        elif awk -v u="$us" -v g="$goal" 'BEGIN { exit !(u < g) }'; then g="met(<$goal)"
        else g="missed(<$goal)"; fi
        line="$line lenet_goal_us=$goal lenet_goal=$g"
      fi
      unset cyc nimg src
    done
    echo "$line$bitline"
    for n in "${notes[@]}"; do echo "# $n"; done
  done
  echo "fpga-report: board=seed-001 device=Kintex-UltraScale status=published lenet_us=540"
  echo "fpga-report: board=seed-001 device=CPU status=published lenet_us=1590"
} > "$tmp"
mv "$tmp" "$OUT"
trap - EXIT
cat "$OUT"
