#!/usr/bin/env bash
# sim/run_sim.sh - runs the Verilator bench suite and prints one summary line:
#   sim: tests=N passed=N failed=N layers_checked=N mismatches=N
# usage: run_sim.sh OUTDIR UNITS SMALL LARGE SEED LAYERS MODELS IMAGES WAVES
# Every run writes OUTDIR/<run>.log; a run that dies without its "tb:" line
# counts as one failed test.
set -u
out=$1 units=$2 small=$3 large=$4 seed=$5 layers=$6 models=$7 images=$8 waves=$9
mkdir -p "$out"
xl=$(( layers / 3 + 1 ))
runs=(
  "units|$units +seed=$seed"
  "units-xinit|$units +seed=$((seed + 1)) +verilator+rand+reset+2 +verilator+seed+11"
  "small|$small +seed=$seed +layers=$layers"
  "small-xinit1|$small +seed=$((seed + 2)) +layers=$xl +verilator+rand+reset+2 +verilator+seed+1"
  "small-xinit2|$small +seed=$((seed + 3)) +layers=$xl +verilator+rand+reset+2 +verilator+seed+2"
  "large|$large +seed=$((seed + 5)) +layers=$layers"
  "large-xinit|$large +seed=$((seed + 6)) +layers=$xl +verilator+rand+reset+2 +verilator+seed+3"
)
# full-size layers only without waveforms (their FSTs would be huge; run a
# binary by hand with +waves=FILE +model=... to trace one)
if [ "$waves" != 1 ]; then
  runs+=("small-shapes|$small +seed=$((seed + 4)) +layers=0 +shapes=1")
  for m in $models; do
    name=$(basename "$m" .eyr)
    runs+=("small-$name|$small +seed=$seed +layers=0 +model=$m +images=$images +nimg=2")
    runs+=("large-$name|$large +seed=$seed +layers=0 +model=$m +images=$images +nimg=1 +verilator+rand+reset+2 +verilator+seed+5")
  done
fi
T=0 P=0 F=0 L=0 M=0
for r in "${runs[@]}"; do
  name=${r%%|*} cmd=${r#*|}
  [ "$waves" = 1 ] && cmd="$cmd +waves=$out/$name.fst"
  $cmd > "$out/$name.log" 2>&1
  line=$(grep '^tb: ' "$out/$name.log" | tail -1)
  grep -E '^(layer: SKIP|layer: layer=|FAIL)' "$out/$name.log" | head -8 | sed "s/^/sim: $name: /"
  if [ -z "$line" ]; then
    echo "sim: $name: no result line (crashed?), see $out/$name.log"
    T=$((T + 1)); F=$((F + 1)); continue
  fi
  eval "$(echo "$line" | sed -E 's/.*tests=([0-9]+) passed=([0-9]+) failed=([0-9]+) layers_checked=([0-9]+) mismatches=([0-9]+).*/t=\1 p=\2 f=\3 l=\4 m=\5/')"
  echo "sim: $name: ${line#tb: }"
  T=$((T + t)); P=$((P + p)); F=$((F + f)); L=$((L + l)); M=$((M + m))
done
echo "sim: tests=$T passed=$P failed=$F layers_checked=$L mismatches=$M"
[ "$F" -eq 0 ] && [ "$M" -eq 0 ]
