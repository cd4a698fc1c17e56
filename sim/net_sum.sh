#!/usr/bin/env bash
# sim/net_sum.sh SECONDS LOG... - combines the "rtl:", "net: arg.." and "tb:"
# lines of the tb_net shard logs into one "rtl:" line (seconds = the run's
# wall time, as measured by the caller; cmodel_correct = images the C model
# classifies correctly, which equals correct when every image's class
# matched); fails unless every shard passed.
set -u
secs=$1; shift
ok=1
for f in "$@"; do
  grep -q '^tb: .* failed=0 .*mismatches=0' "$f" || { echo "rtl: shard $f failed, see it"; ok=0; }
done
grep -hE '^(rtl: |net: arg)' "$@" | awk -v secs="$secs" '
  $1 == "net:" { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "cmodel_correct") cm += kv[2] } next }
  { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    n += v["images"]; c += v["correct"]; m += v["mismatches_vs_cmodel"];
    cyc += v["cycles_per_image"] * v["images"]; ideal = v["ideal_cycles_per_image"];
    mac += v["utilization"] * v["cycles_per_image"] * v["images"]; name = v["model"]; cols = v["cols"]
    mpi = v["macs_per_image"] }
  END { cpi = n ? cyc / n : 0;
        printf "rtl: images=%d correct=%d accuracy=%.4f mismatches_vs_cmodel=%d cycles_per_image=%.0f ideal_cycles_per_image=%s utilization=%.3f model=%s cols=%s macs_per_image=%s macs_per_cycle=%.2f cycles_per_mac=%.4f seconds=%s cmodel_correct=%d\n",
               n, c, n ? c / n : 0, m, cpi, ideal, cyc ? mac / cyc : 0, name, cols, mpi,
               cpi ? mpi / cpi : 0, mpi ? cpi / mpi : 0, secs, cm }'
[ "$ok" = 1 ]
