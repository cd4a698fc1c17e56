// Bound into eyrie_maxpool (see formal/mkrtl.sh). Shadow model of
// docs/numerics.md s.5 on accumulators: per lane, the signed maximum of the
// inputs of the current window (f_run), and the maximum of the last complete
// window waiting at the output (f_exp). Property: each output equals the
// maximum of its window's inputs; with flow_check, exactly one output per
// window, none without one, and nothing taken while the output is full.
  reg                f_inwin = 1'b0;
  reg [Lanes*32-1:0] f_run, f_exp, f_max;
  integer f_l;
  always @* for (f_l = 0; f_l < Lanes; f_l = f_l + 1) begin
    if (!f_inwin || $signed(in_data_i[f_l*32 +: 32]) > $signed(f_run[f_l*32 +: 32]))
      f_max[f_l*32 +: 32] = in_data_i[f_l*32 +: 32];
    else
      f_max[f_l*32 +: 32] = f_run[f_l*32 +: 32];
  end
  wire f_take = in_valid_i && in_ready_o;
  always @(posedge clk_i) begin
    if (!rst_ni) f_inwin <= 1'b0;
    else if (f_take) f_inwin <= !in_last_i;
    if (f_take && !in_last_i) f_run <= f_max;
    if (f_take && in_last_i) f_exp <= f_max;
  end
  wire [3:0] f_count;
  flow_check #(.Cap(1), .CntW(4)) f_flow (
    .clk_i(clk_i), .rst_ni(rst_ni), .in_item_i(f_take && in_last_i),
    .out_valid_i(out_valid_o), .out_ready_i(out_ready_i), .count_o(f_count));
  always @* if (rst_ni) begin
    assert (f_count == {3'd0, ov_q});
    if (f_inwin) assert (run_q == f_run);
    if (out_valid_o) assert (out_data_o == f_exp);     // THE property
  end
  // Input rule: windows are well formed, first on exactly the first input
  // of each window. Assumed when this module is the proof top (stimulus),
  // asserted otherwise (then its parent must keep the rule).
`ifdef MAXPOOL_IS_TOP
  always @* if (rst_ni && in_valid_i) assume (in_first_i == !f_inwin);
`else
  always @* if (rst_ni && in_valid_i) assert (in_first_i == !f_inwin);
`endif
  // a window's last input held back by a full output register, and an
  // output taken while the next window is being taken in
  always @* cover (in_valid_i && in_last_i && !in_ready_o);
  always @* cover (out_valid_o && out_ready_i && f_take && !in_last_i);
