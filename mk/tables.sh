#!/usr/bin/env bash
# Regenerate the README's result tables from the benchmarks' summary lines.
# Each build/bench/*.txt file holds machine-readable lines of the form
#   prefix: key=value key=value ...
# A table is declared below as: name, line prefix, file glob, columns
# ("Header=key" pairs separated by '|'; key src is the file's name, _N the
# N-th bare word of the line; a line without the last column's key is
# skipped). The block between
# <!-- table:name --> and <!-- /table:name --> in README.md is replaced.
#   mk/tables.sh [NAME...]   regenerate only the named tables (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
README=${README:-README.md}
BENCH=${BENCH:-build/bench}

ONLY=" $* "

render() { # prefix glob columns [make target that writes the data]
    local prefix=$1 glob=$2 cols=$3 target=${4:-bench}
    # shellcheck disable=SC2086
    local files; files=$(ls $BENCH/$glob 2>/dev/null || true)
    [ -n "$files" ] || { echo "_(no data: run \`make $target\`)_"; return; }
    # shellcheck disable=SC2086
    awk -v prefix="$prefix:" -v cols="$cols" '
        BEGIN { n = split(cols, c, "|")
                for (i = 1; i <= n; i++) { split(c[i], hk, "="); head[i] = hk[1]; key[i] = hk[2] }
                line = "|"; sep = "|"
                for (i = 1; i <= n; i++) { line = line " " head[i] " |"; sep = sep "---|" }
                print line; print sep }
        $1 == prefix {
                delete kv
                src = FILENAME; sub(/.*\//, "", src); sub(/\.txt$/, "", src); kv["src"] = src
                pos = 0
                for (f = 2; f <= NF; f++) { p = index($f, "=")
                    if (p) kv[substr($f, 1, p - 1)] = substr($f, p + 1); else kv["_" (++pos)] = $f }
                if (!(key[n] in kv)) next  # a summary line of another kind
                line = "|"
                for (i = 1; i <= n; i++) line = line " " ((key[i] in kv) ? kv[key[i]] : "-") " |"
                print line }' $files
}

replace() { # name content-file
    local name=$1 content=$2 tmp; tmp=$(mktemp)
    awk -v start="<!-- table:$name -->" -v stop="<!-- /table:$name -->" -v cf="$content" '
        $0 == start { print; while ((getline l < cf) > 0) print l; skip = 1; next }
        $0 == stop { skip = 0 }
        !skip { print }' "$README" > "$tmp"
    mv "$tmp" "$README"
}

table() { # name prefix glob columns [make target]
    [ "$ONLY" = "  " ] || [[ "$ONLY" == *" $1 "* ]] || return 0
    local out; out=$(mktemp)
    render "$2" "$3" "$4" "${5:-}" > "$out"
    replace "$1" "$out"
    rm -f "$out"
}

table models model 'model-*.txt' \
    'model=model|parameters=params|MACs/image=macs|float accuracy=float_accuracy|int8 accuracy=int8_accuracy|train time (s)=train_seconds|epochs=epochs'
table cmodel bench-cmodel 'cmodel-*.txt' \
    'model=model|images=images|images/s (fast path)=images_per_s|GMAC/s=gmac_per_s|images/s (reference)=ref_images_per_s'
table net rtl 'net-*.txt' \
    'model=model|array columns=cols|images=images|accuracy=accuracy|mismatches vs C model=mismatches_vs_cmodel|cycles/image=cycles_per_image|ideal cycles/image=ideal_cycles_per_image|utilization=utilization'
table peers rtl 'net-*.txt' \
    'model=model|array columns=cols|cycles/image=cycles_per_image|MACs/image=macs_per_image|MACs/cycle=macs_per_cycle|cycles per dense MAC=cycles_per_mac' \
    bench-net
table fullrun rtl 'sim-net-*-10000-*.txt' \
    'model=model|array columns=cols|images=images|RTL correct=correct|C model correct=cmodel_correct|mismatches vs C model=mismatches_vs_cmodel|wall seconds (2 shards)=seconds'
table layers net 'net-*.txt' \
    'run=src|layer=layer|kernel=k|shape=_1|cycles=cycles|ideal (MACs/PEs)=ideal_mac|ideal (weight bytes/cycle)=ideal_wt|ratio=ratio|utilization=util'
table simlayers bench-sim 'sim.txt' \
    'layer bench=layer|array=config|PEs=pes|cycles=cycles|MACs=macs|PE utilization=utilization'
# make fpga-report: build/bench/fpga.txt from the bitstream builds and the
# cycle counts (fpga/fpga_report.sh)
table fpga fpga-report 'fpga.txt' \
    'board=board|device=device|PEs=pes|array=array|LUTs=luts|FFs=ffs|DSPs=dsps|EBR=ebr|SPRAM=spram|Fmax (MHz)=fmax_mhz|clock (MHz)=constraint_mhz|LeNet cycles/image=lenet_cycles|LeNet us/image=lenet_us|LeNet goal (us)=lenet_goal|default cycles/image=default_cycles|default us/image=default_us|bitstream=status' \
    fpga-report
echo "tables: regenerated in $README from $BENCH${1:+ (only: $*)}"
