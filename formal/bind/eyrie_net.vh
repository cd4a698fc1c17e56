// Bound into eyrie_net (see formal/mkrtl.sh); active only in the sequencer
// job (NET_IS_TOP: net.sby, with the engine replaced by
// formal/net_layer_stub.v).
// Environment (the host's contract, docs/architecture.md s.11.2): memory
// writes and reads only while idle; run_i with 1 <= nlayers_i <= 2^DAw and
// ncls_i >= 1; the engine finishes a started layer within FL cycles (the
// stub's done is free otherwise); reset once, at the start.
// Properties:
//   N1 the engine is started only with a legal descriptor, and runs only
//      on one: start_i or engine busy -> desc_spec(desc_q)
//      (formal/desc_spec.v, s.5.4 written plainly);
//   N2 bounded liveness: while busy, cyc_q (cycles since run_i, +1 per busy
//      cycle) < nl*(22 + FL) + 3*ncls, so every run ends (done_o) within
//      that many cycles: 21 descriptor reads + 1 start + <= FL engine cycles
//      per layer, 3 per class;
//   N3 done_o only when the run is over (state 7, after the last argmax
//      compare), err_o only with a refused descriptor.
// The rest are the strengthening invariants k-induction needs (where each
// state is in its budget).
`ifdef NET_IS_TOP
  localparam integer FL = 3;                      // engine latency bound (cycles in state 3)
  localparam [31:0] FP = 22 + FL;                 // cycles per layer
  reg        f_init = 1'b1;
  reg [3:0]  f_e = 4'd0;                          // cycles in state 3 so far
  always @(posedge clk_i) begin
    f_init <= 1'b0;
    f_e <= (st_q == 3'd3 && !eng_done && rst_ni) ? f_e + 4'd1 : 4'd0;
  end
  always @* begin
    assume (rst_ni == !f_init);
    if (busy_o) assume (!act_we_i && !act_re_i && !wt_we_i && !q_we_i && !d_we_i);
    if (run_i) assume (nlayers_i >= 1 && {1'b0, nlayers_i} <= (1 << DAw) && ncls_i >= 8'd1);
    if (st_q == 3'd3 && f_e == FL - 1) assume (eng_done);
  end
  wire f_legal;
  desc_spec #(.KMax(KMax), .WMax(WMax), .ActAw(ActAw), .WtWords(WtWords), .QAw(QAw)) f_spec (
    .desc_i(desc_q), .ok_o(f_legal));
  wire [31:0] f_li = {{(31-DAw){1'b0}}, li_q}, f_nl = {{(31-DAw){1'b0}}, nl_q};
  wire [31:0] f_ci = {24'd0, ci_q}, f_nc = {24'd0, nc_q};
  wire [31:0] f_bound = f_nl * FP + 32'd3 * f_nc;
  always @* if (!f_init) begin
    // N1 (start_i = state 2 && !bad_q; the engine then runs on desc_q, held)
    if (st_q == 3'd2 && !bad_q) assert (f_legal);
    if (eng_busy) assert (f_legal);
    // N2
    if (busy_o) assert (cyc_q < f_bound);
    // N3
    if (done_o) assert (st_q == 3'd7 && !cv_q);
    if (done_o && err_o) assert (!f_legal);
    // strengthening
    if (st_q == 3'd2) assert (bad_q == !f_legal);
    if (st_q == 3'd1) assert (bc_q <= 5'd20);
    if (st_q == 3'd2 || st_q == 3'd3) assert (bc_q == 5'd0);
    if (err_q) assert ((st_q == 3'd0 || st_q == 3'd7) && !f_legal);
    assert (eng_busy == (st_q == 3'd3));          // the engine runs exactly in state 3
    if (st_q == 3'd3) assert (f_e < FL); else assert (f_e == 4'd0);
    if (busy_o) assert (nl_q >= 1 && {1'b0, nl_q} <= (1 << DAw) && nc_q >= 8'd1);
    if (st_q >= 3'd1 && st_q <= 3'd3) assert (li_q < nl_q);
    if (st_q >= 3'd4 && st_q <= 3'd6) assert (ci_q < nc_q);
    if (cv_q) assert (st_q == 3'd4 || st_q == 3'd7);   // the compare after state 6
    if (st_q == 3'd1) assert (cyc_q <= f_li * FP + {27'd0, bc_q});
    if (st_q == 3'd2) assert (cyc_q <= f_li * FP + 32'd21);
    if (st_q == 3'd3) assert (cyc_q <= f_li * FP + 32'd22 + {28'd0, f_e});
    if (st_q == 3'd4) assert (cyc_q <= f_nl * FP + 32'd3 * f_ci);
    if (st_q == 3'd5) assert (cyc_q <= f_nl * FP + 32'd3 * f_ci + 32'd1);
    if (st_q == 3'd6) assert (cyc_q <= f_nl * FP + 32'd3 * f_ci + 32'd2);
  end
  // a complete run of two layers and two classes; a run stopped at layer 1
  always @* begin
    cover (done_o && !err_o && nl_q == 2 && nc_q == 8'd2);
    cover (done_o && err_o && li_q == 1);
  end
`endif
