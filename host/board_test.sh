#!/bin/bash
# board_test.sh - the whole chain without a board: eyrie-host -> pty -> the
# Verilated board top's UART pins (fpga/sim/tb_board.cpp) -> accelerator ->
# back. Used by `make test-board` and `make board-sim` (host/host.mk).
#
#   board_test.sh run   HOST_TOOL TB_BOARD OUTDIR NAME IMAGES LABELS N MODEL [tb_board args]
#       one session: N images of MODEL; prints the host tool's summary line;
#       fails unless it says mismatches_vs_cmodel=0 protocol_errors=0;
#       HB_SHOW=1 prints the host tool's per-image lines too
#   board_test.sh fault HOST_TOOL TB_BOARD OUTDIR NAME IMAGES LABELS N MODEL PATTERN [tb_board args]
#       one session with a fault injected by tb_board's options; passes only
#       if eyrie-host exits 1 and its stderr matches PATTERN (extended regex)
#       and, if HB_BOARD_WANT is set, the board's last line matches it
set -u
mode=$1 tool=$2 tb=$3 out=$4 name=$5 images=$6 labels=$7 n=$8 model=$9
shift 9
pattern=
if [ "$mode" = fault ]; then pattern=$1; shift; fi
mkdir -p "$out"
link="$out/$name.pty"
rm -f "$link"
"$tb" --link "$link" --once --max-seconds 300 "$@" > "$out/$name.board.log" 2>&1 &
tbpid=$!
for _ in $(seq 200); do [ -L "$link" ] && break; sleep 0.05; done
if [ ! -L "$link" ]; then
  echo "board-test: $name: FAIL: the simulated board did not create $link"; kill "$tbpid" 2>/dev/null; exit 1
fi
# a simulated board is slow: 60 s per reply; the fault cases that expect a
# timeout use 1.5 s unless HB_TIMEOUT_MS says otherwise
timeout_ms=60000
[ "$mode" = fault ] && timeout_ms=${HB_TIMEOUT_MS:-1500}
"$tool" --port "$link" --model "$model" --images "$images" --labels "$labels" --limit "$n" \
  --timeout-ms "$timeout_ms" > "$out/$name.host.log" 2> "$out/$name.host.err"
rc=$?
# the board exits when the host closes the pty (--once); give it a moment
for _ in $(seq 100); do kill -0 "$tbpid" 2>/dev/null || break; sleep 0.05; done
kill "$tbpid" 2>/dev/null
wait "$tbpid" 2>/dev/null
summary=$(grep '^host: port=' "$out/$name.host.log")
board=$(grep '^board: top=' "$out/$name.board.log")
if [ "$mode" = run ]; then
  if [ $rc -ne 0 ] || ! grep -q ' mismatches_vs_cmodel=0 protocol_errors=0 ' <<< "$summary"; then
    echo "board-test: $name: FAIL (exit $rc): $(head -3 "$out/$name.host.err")"; echo "$summary"; exit 1
  fi
  # the board's side: clean TX frames, heartbeat, one busy pulse per image,
  # program-loaded LED on, no frame error
  busy=$(sed -n 's/.* busy_led_rises=\([0-9]*\).*/\1/p' <<< "$board")
  if ! grep -qE ' tx_framing_errors=0 .* heartbeat_toggles=[1-9][0-9]* .* frame_err_led=0 loaded_led=1' <<< "$board" \
     || [ "${busy:-0}" -ne "$n" ]; then
    echo "board-test: $name: FAIL: board state (want $n busy pulses): $board"; exit 1
  fi
  [ "${HB_SHOW:-0}" = 1 ] && grep -v '^host: port=' "$out/$name.host.log"
  echo "board-test: $name: ${summary#host: }"
else
  if [ $rc -ne 1 ] || ! grep -qE "$pattern" "$out/$name.host.err"; then
    echo "board-test: $name: FAIL: want exit 1 and /$pattern/, got exit $rc: $(head -3 "$out/$name.host.err")"; exit 1
  fi
  if [ -n "${HB_BOARD_WANT:-}" ] && ! grep -qE "$HB_BOARD_WANT" <<< "$board"; then
    echo "board-test: $name: FAIL: board state, want /$HB_BOARD_WANT/: $board"; exit 1
  fi
  echo "board-test: $name: reported as expected (exit 1): $(head -1 "$out/$name.host.err")"
fi
