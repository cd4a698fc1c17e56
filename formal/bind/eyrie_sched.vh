// Bound into eyrie_sched (see formal/mkrtl.sh); the properties S0-S4 are
// described in formal/sched_top.v. Needs Rows = 2 and the shape limits
// assumed there (the position arithmetic is 16 bits on 8-bit fields).
// The walker keeps the pass as vr = V - v0 (virtual rows left) and kg, yp
// plus one (kg1_q, yp1_q); v0, kg and yp are recovered here as f_v0, f_kg,
// f_yp. fp_q, ps_q, tp_q and the look-ahead loop-end flags (xl_q, kgl_q,
// ypl_q, ft_q, lt_q, lp_q) are flags / offsets kept beside the counters:
// S0 ties them to their definitions (an invariant for the induction).
  wire [12:0] f_v0 = v_i[12:0] - vr_q;
  wire [12:0] f_kg = kg1_q - 13'd1;
  wire [8:0]  f_yp = yp1_q - 9'd1;
  wire [7:0]  f_k8 = {5'd0, k_i}, f_wc8 = wc_i[7:0], f_nt8 = nt_i[7:0], f_nkg8 = nkg_i[7:0];
  wire [7:0]  f_np8 = (v_i[7:0] + 8'd1) >> 1;          // passes = ceil(v / 2)
  wire [7:0]  f_th8 = (pool_i && !fold_i) ? 8'd2 : 8'd1;
  wire [15:0] f_n = f_nt8 * f_nkg8 * f_np8 * f_wc8 * f_th8 * f_k8;
  wire [15:0] f_pos = (((((f_yp[7:0] * f_nkg8 + f_kg[7:0]) * f_np8 + {1'b0, f_v0[7:1]}) * f_wc8
                        + {8'd0, x_q}) * f_th8 + {15'd0, dy_q}) * f_k8 + {13'd0, t_q});
  reg [15:0] f_steps = 16'd0;
  always @(posedge clk_i)
    if (start_i) f_steps <= 16'd0;
    else if (adv) f_steps <= f_steps + 16'd1;
  reg f_past = 1'b0, f_act_q = 1'b0, f_start_q = 1'b0;
  // the last advancing cycle issued a real step (f_adv_q), and chain_i with
  // K = 1 held then (f_chain_q)
  reg f_adv_q = 1'b0, f_chain_q = 1'b0;
  always @(posedge clk_i)
    if (!rst_ni || start_i) f_adv_q <= 1'b0;
    else if (en_i) {f_adv_q, f_chain_q} <= {issue, chain_i && k_i == 3'd1};
  reg [15:0] f_steps_q, f_n_q;
  always @(posedge clk_i) begin
    f_past <= 1'b1; f_act_q <= act_q; f_start_q <= start_i; f_steps_q <= f_steps; f_n_q <= f_n;
  end
  always @* if (rst_ni && act_q && !start_i) begin
    // S0 the kept flags and offsets equal their definitions
    assert (fp_q == (f_v0 == 13'd0));
    assert (ps_q == (x_q == {LbAw{1'b0}} && !dy_q));
    assert (tp_q == {1'b0, t_q} - {3'd0, pad_i});
    assert (xl_q == ({8'd0, x_q} + 16'd1 == wc_i));
    assert (kgl_q == ({3'd0, kg1_q} == nkg_i));
    assert (ypl_q == ({7'd0, yp1_q} == nt_i));
    assert (ft_q == (t_q == 3'd0));
    assert (lt_q == (t_inc == k_i));
    assert (lp_q == ({3'd0, vr_q} <= Rows));
    // S1 counters in range
    assert (t_q < k_i);
    assert ({8'd0, x_q} < wc_i);
    assert ({3'd0, f_kg} < nkg_i && {7'd0, f_yp} < nt_i);
    assert ({3'd0, f_v0} < v_i && !f_v0[0]);
    assert (!dy_q || (pool_i && !fold_i));
    // S2 line-buffer address: a real non-padding tap reads inside the row
    if (issue && !padx) assert (xi >= 0 && xi < $signed({1'b0, w_i}) && xi < (17'sd1 <<< (LbAw - 1)));
    // S3 progress measure (small shapes only: with SCHED_BIG the position
    // arithmetic makes the induction step too slow for the solver)
`ifndef SCHED_BIG
    assert (f_steps == f_pos && f_pos < f_n);
`endif
    // S4 no deadlock of its own
    if (en_i && (!ft || (res_ok_i[h_q] && (fp || (chain_i ? !sp_q : fifo_ok_i))))) assert (adv);
    // S5 chain mode: a later pass's K = 1 pixel never follows a real step
    // on the very next advance (the top adder reads the previous sum one
    // advance after it is written)
    // (the induction's support: sp_q is that last advance's step in chain
    // mode with K = 1)
    assert (sp_q == (f_adv_q && f_chain_q));
    if (adv && chain_i && k_i == 3'd1 && !fp && f_chain_q) assert (!f_adv_q);
  end
  // S3: the layer ends exactly at step N, and only there
`ifndef SCHED_BIG
  always @* if (f_past && rst_ni && f_act_q && !act_q && !f_start_q) assert (f_steps == f_n_q);
  always @* if (f_past && rst_ni && f_act_q && act_q && !f_start_q) assert (f_steps < f_n_q);
`endif
  // cover: a whole pooled layer with 2 passes, 2 groups, 2 tiles, K = 2
  // (the shape registered while busy: it may change once busy falls)
  reg f_big_q = 1'b0;
  always @(posedge clk_i) f_big_q <= pool_i && v_i == 16'd4 && nkg_i == 16'd2 && nt_i == 16'd2 && k_i == 3'd2;
  always @* cover (f_past && rst_ni && f_act_q && !act_q && !f_start_q && f_big_q && f_steps == f_n_q);
