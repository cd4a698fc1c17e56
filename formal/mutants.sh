#!/usr/bin/env bash
# formal/mutants.sh OUT_DIR - mutation check of the formal jobs. Each mutant
# is one deliberate bug applied with sed to a copy of rtl/ under OUT_DIR
# (rtl/ is never written); the jobs listed with it must then fail on a
# property (an ERROR, e.g. a syntax error, does not count as a kill).
# First every job the selected mutants name runs once on the unmutated rtl/
# (the baseline): a job that fails there would "kill" any mutant, so the
# check stops (exit 1) instead of counting such kills. MUTANTS_BASELINE=0
# skips it (only right after a passing `make formal` of the same RTL).
# Prints one line per mutant and
#   formal-mutants: mutants=N killed=K survived=S
# Exit status 1 if any mutant survived (or its sed matched nothing).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$root/build/formal/mutants}
mkdir -p "$out"; out=$(cd "$out" && pwd)

# name <TAB> file <TAB> sed expression <TAB> jobs that must catch it (a,b)
MUTANTS=$(cat <<'LIST'
rq_round_const	eyrie_requant.v	s/wire \[11:0\] up1   = u12 + 12'd1;/wire [11:0] up1   = u12 + 12'd0;/	requant_prove
rq_dropped_ready	eyrie_requant.v	s/wire en = !v3_q || out_ready_i;/wire en = 1'b1;/	requant_prove
rq_mul_offset	eyrie_requant.v	s/{16'd0, p_lo\[31:16\]}/{17'd0, p_lo[31:17]}/	requant_mul1h
rq_no_relu	eyrie_requant.v	s/wire signed \[10:0\] lo  = relu2_q ?/wire signed [10:0] lo  = 1'b0 ?/	requant_prove
pe_acc_in_stall	eyrie_pe.v	s/if (en_i \&\& v_q) acc_q <= acc_d;/if (v_q) acc_q <= acc_d;/	pe_prove
pe_first_ignored	eyrie_pe.v	s/= first_q ? psum_i : acc_q;/= acc_q;/	pe_prove
mul_bit_dropped	eyrie_mul8x2.v	s/for (b = 0; b < 7; b = b + 1)/for (b = 0; b < 6; b = b + 1)/	pe_mul
mp_unsigned_max	eyrie_maxpool.v	s/wire hi_gt = \$signed(a\[31:16\]) > \$signed(r\[31:16\]);/wire hi_gt = a[31:16] > r[31:16];/	maxpool_prove
mp_dropped_ready	eyrie_maxpool.v	s/wire in_ready = !in_last_i || !ov_q;/wire in_ready = 1'b1;/	maxpool_prove
pm_unsigned_max	eyrie_pairmax.v	s/(\$signed(od) > \$signed(ev))/(od > ev)/	pairmax_bmc
pm_dropped_ready	eyrie_pairmax.v	s/wire in_rdy   = !(pv_q \&\& n_q == NQ);/wire in_rdy   = 1'b1;/	pairmax_bmc
pm_queue_stuck	eyrie_pairmax.v	s/if (q_pop)  rp_q <= inc(rp_q);/if (q_pop)  rp_q <= rp_q;/	pairmax_bmc
wt_pair_bank_addr	eyrie_wtmem.v	s/: rhi + {{(BAw-1){1'b0}}, raddr_i\[0\]};/: rhi;/	wtmem_pair
ram_wrong_addr	eyrie_ram_sdp.v	s/mem_q\[waddr_i\] <= wdata_i/mem_q[waddr_i + 1'b1] <= wdata_i/	ram_sdp
ram_be_lane_swap	eyrie_ram_be.v	s/if (be_i\[1\]) hi_q\[waddr_i\]/if (be_i[0]) hi_q[waddr_i]/	ram_be
sched_x_inc	eyrie_sched.v	s/x_d  = x_q + XONE;/x_d  = x_q + XONE + XONE;/	sched_prove
sched_lp_off1	eyrie_sched.v	s/last_pass = ({{(32-CW){1'b0}}, vr} <= Rows);/last_pass = ({{(32-CW){1'b0}}, vr} < Rows);/	sched_prove
sched_lt_lookahead	eyrie_sched.v	s/lt_q <= lt ? (k_i == 3'd1) : (t_inc + 3'd1 == k_i);/lt_q <= lt ? (k_i == 3'd1) : (t_inc == k_i);/	sched_prove
sched_wrong_half	eyrie_sched.v	s/res_ok_i\[h_q\]/res_ok_i[!h_q]/	sched_prove
rq_mul_nonlinear	eyrie_requant.v	s/= {p_hi + {16'd0, p_lo\[31:16\]}, p_lo\[15:0\]};/= {p_hi + {16'd0, p_lo[31:16]} + {31'd0, m0_q[0] \& m0_q[1]}, p_lo[15:0]};/	requant_mulsum
rq_mul_operand	eyrie_requant.v	s/wire \[31:0\]        p_lo    = a0_q\[15:0\] \* m0_q;/wire [31:0]        p_lo    = a0_q[15:0] * (m0_q | {15'd0, m0_q[1] \& m0_q[2]});/	requant_mulform
pe_dsp_acc_in_stall	eyrie_pe.v	s/if (en_i \&\& v_q) acc_q <= acc_d;/if (v_q) acc_q <= acc_d;/	pe_dsp_prove
pe_dsp_first_ignored	eyrie_pe.v	s/= first_q ? psum_i : acc_q;/= acc_q;/	pe_dsp_prove
mul_dsp_w_unsigned	eyrie_mul8x2.v	s/.A_SIGNED(1'b0), .B_SIGNED(1'b1),/.A_SIGNED(1'b0), .B_SIGNED(1'b0),/	pe_mul_dsp
arr_skew_off1	eyrie_pe_array.v	s/wire \[SkAw+3:0\] wp1   = {4'd0, wp_q} + {{(SkAw+3){1'b0}}, 1'b1} - dly;/wire [SkAw+3:0] wp1   = {4'd0, wp_q} - dly;/	array_bmc
arr_fp_ignored	eyrie_pe_array.v	s/<= t4_q\[`EYRIE_T_FP\] ? px : s;/<= s;/	array_bmc,array_deep
arr_k1_no_bypass	eyrie_pe_array.v	s/wire \[TokW-1:0\] t = byp ? byp_q : rd;/wire [TokW-1:0] t = rd;/	array_bmc
host_no_fit_check	eyrie_host.v	s/if (hnofit) nofit_q <= 1'b1;/if (1'b0) nofit_q <= 1'b1;/	host_bmc
host_no_fit_status	eyrie_host.v	s/else if (nofit_q) status_q <= E_NOFIT;/else if (1'b0) status_q <= E_NOFIT;/	host_bmc
host_dropped_ready	eyrie_host.v	s/S_RSEND: if (out_ready_i) begin/S_RSEND: begin/	host_bmc
desc_k_off1	eyrie_desc_check.v	s/assign k_le = ge17({14'd0, KMAX3}, {14'd0, k});/assign k_le = ge17({14'd0, KMAX3} + 17'd1, {14'd0, k});/	desc_prove
desc_wo_edge	eyrie_desc_check.v	s/(w\[7:0\] == wm1) ? {1'b0, pad, 1'b1} :/(w[7:0] == wm1) ? {pad, 1'b0, 1'b1} :/	desc_prove
net_no_err_check	eyrie_net.v	s/.start_i(st_q == 3'd2 \&\& !bad_q)/.start_i(st_q == 3'd2)/	net_bmc
net_stuck_layer	eyrie_net.v	s/if (li_q + 1'b1 == nl_q) begin st_q <= 3'd4;/if (li_q == nl_q) begin st_q <= 3'd4;/	net_bmc
wtmem_wrong_half	eyrie_wtmem.v	s/wire             shalf = wr ? whi : ph_q;/wire             shalf = wr ? whi : !ph_q;/	wtmem
ram_sp_wrong_addr	eyrie_ram_sp.v	s/mem_q\[addr_i\]\[i\*8 +: 8\] <= wdata_i/mem_q[addr_i + 1'b1][i*8 +: 8] <= wdata_i/	ram_sp
arr_skew_stale_rd	eyrie_pe_array.v	s/assign tok0\[i\] = (fl_q\[SkAw\] \&\& (byp || rdv_q)) ? t/assign tok0[i] = fl_q[SkAw] ? t/	layer_bmc
layer_stall_no_pool	eyrie_layer.v	s/wire stall_d = (stall_q ? top_wlast : top_wlast_next) \&\& pool_ov_next;/wire stall_d = (stall_q ? top_wlast : top_wlast_next);/	layer_bmc
sched_chain_nospace	eyrie_sched.v	s/else if (en_i) sp_q <= issue \&\& chain_i \&\& (k_i == 3'd1);/else if (en_i) sp_q <= 1'b0;/	sched_prove
arr_chain_uses_fifo	eyrie_pe_array.v	s/if (en_i) fq <= chain_i ? sum_q : fifo_rdata_i;/if (en_i) fq <= fifo_rdata_i;/	array_bmc
arr_chain_sum_free	eyrie_pe_array.v	s/wire sum_en = en_i \&\& t4_q\[`EYRIE_T_VALID\] \&\& t4_q\[`EYRIE_T_LT\];/wire sum_en = en_i;/	array_bmc
sched_fold_dy	eyrie_sched.v	s/wire dy_last = !pool_i || fold_i || dy_q;/wire dy_last = !pool_i || dy_q;/	sched_prove
LIST
)
# jobs added when their RTL is covered (see jobs.txt) append mutants here
[ -f "$here/mutants.extra" ] && MUTANTS="$MUTANTS"$'\n'"$(grep -v '^#' "$here/mutants.extra")"

selected() {  # the mutant list; MUTANTS_ONLY=a,b: just these (for development)
    while IFS=$'\t' read -r name file expr jobs; do
        [ -n "$name" ] || continue
        if [ -n "${MUTANTS_ONLY:-}" ] && [[ ",$MUTANTS_ONLY," != *",$name,"* ]]; then continue; fi
        printf '%s\t%s\t%s\t%s\n' "$name" "$file" "$expr" "$jobs"
    done <<<"$MUTANTS"
}
if [ "${MUTANTS_BASELINE:-1}" != 0 ]; then
    base=$(selected | cut -f4 | tr ',' '\n' | sort -u | paste -sd, -)
    if [ -n "$base" ]; then
        echo "formal-mutants: baseline: $base on the unmutated RTL"
        if ! bash "$here/run.sh" --out "$out/baseline" --only "$base" -j "${MUTANTS_JOBS:-2}" \
                > "$out/baseline.log" 2>&1; then
            grep -h "^formal: .* FAIL" "$out/baseline.log" | head -5
            echo "formal-mutants: baseline failed: a job fails without any mutant, so kills would mean nothing (see $out/baseline.log)"
            exit 1
        fi
    fi
fi

n=0 killed=0 survived=0
while IFS=$'\t' read -r name file expr jobs; do
    n=$((n + 1))
    d="$out/$name"; rm -rf "$d"; mkdir -p "$d/rtl"
    cp "$root"/rtl/*.v "$root"/rtl/*.vh "$d/rtl/" 2>/dev/null
    sed -e "$expr" "$root/rtl/$file" > "$d/rtl/$file"
    if cmp -s "$root/rtl/$file" "$d/rtl/$file"; then
        echo "formal-mutants: $name: sed matched nothing in rtl/$file (RTL changed?): SURVIVED"
        survived=$((survived + 1)); continue
    fi
    if bash "$here/run.sh" --rtl "$d/rtl" --out "$d/formal" --only "$jobs" -j 1 --expect-fail --quiet > "$d/run.log" 2>&1; then
        how=$(grep -h -l "result=FAIL" "$d"/formal/*.status 2>/dev/null | xargs -r -n1 basename | sed 's/\.status$//' | tr '\n' ' ')
        echo "formal-mutants: $name ($file): killed by ${how% }"
        killed=$((killed + 1))
    else
        echo "formal-mutants: $name ($file): SURVIVED ($(tail -1 "$d/run.log"))"
        survived=$((survived + 1))
    fi
done < <(selected)
echo "formal-mutants: mutants=$n killed=$killed survived=$survived"
[ $survived -eq 0 ]
