#!/usr/bin/env bash
# sim/net_sum.sh LOG... - combines the "rtl:" and "tb:" lines of tb_net
# shard logs into one "rtl:" line; fails unless every shard passed.
set -u
ok=1
for f in "$@"; do
  grep -q '^tb: .* failed=0 .*mismatches=0' "$f" || { echo "rtl: shard $f failed, see it"; ok=0; }
done
grep -h '^rtl: ' "$@" | awk '
  { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    n += v["images"]; c += v["correct"]; m += v["mismatches_vs_cmodel"];
    cyc += v["cycles_per_image"] * v["images"]; ideal = v["ideal_cycles_per_image"];
    mac += v["utilization"] * v["cycles_per_image"] * v["images"]; name = v["model"] }
  END { cpi = n ? cyc / n : 0;
        printf "rtl: images=%d correct=%d accuracy=%.4f mismatches_vs_cmodel=%d cycles_per_image=%.0f ideal_cycles_per_image=%s utilization=%.3f model=%s\n",
               n, c, n ? c / n : 0, m, cpi, ideal, cyc ? mac / cyc : 0, name }'
[ "$ok" = 1 ]
