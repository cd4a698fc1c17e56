// sched_top - proof top for eyrie_sched (the step walker of the layer
// controller) with Rows = 2 and LbAw = 4 (rows up to WMax = 8 pixels).
// Shape limits (assumed; small so that the position arithmetic below stays
// a few bits wide): K 1..3, output columns wc 1..4 (even with pooling),
// tiles nt 1..2, channel groups nkg 1..2, virtual rows v 1..4 (1 or 2
// passes), input width w 1..8 with wc <= w + 2*pad (a legal layer). The
// shape is held from start_i while the layer runs (the layer controller
// registers it before it starts the scheduler; the walker loads V and the
// padding offset on start_i);
// start only while idle. SCHED_BIG (job sched_big): K 1..5 = KMax, wc 1..8 =
// WMax, nt 1..4, nkg 1..4, v 1..8 (up to 4 passes). en_i, res_ok_i, fifo_ok_i, chain_i are free every cycle
// (any stall pattern of the array and the loaders).
// Properties (bound inside, bind/eyrie_sched.vh), k-induction, all invariants:
//   S0 (support for the induction) the walker's kept flags and offsets
//      (first pass, pixel 0, t - pad) equal their definitions;
//   S1 counters stay in range: t < K, x < wc, kg < nkg, yp < nt,
//      v0 a multiple of Rows below v, dy only with pooling, not folded;
//   S2 address range: a real, non-padding tap reads line-buffer word
//      xi/2 with 0 <= xi < w <= WMax, inside the row memory;
//   S3 progress measure: the number of advancing steps since start equals
//      the walker's mixed-radix position, which is below
//      N = nt * nkg * passes * wc * (pool && !fold ? 2 : 1) * K; the layer ends
//      exactly at step N (busy falls); so it ends after N advancing cycles;
//   S4 no deadlock of its own: while busy, a step issues whenever en_i is
//      high and the resources it waits for are there (mid-pixel taps never
//      wait). With S3: a started layer finishes within N cycles plus the
//      cycles in which en_i, res_ok_i or fifo_ok_i hold it up (or, in
//      chain mode, the one-advance spacing of K = 1 pixels below);
//   S5 chain mode (chain_i, one-pixel tiles): a later pass's K = 1 pixel
//      never issues on the advance right after a real step (the array's
//      top adder reads the previous pass's sum one advance after writing
//      it; formal/array_top.v assumes this).
// Cover: a complete pooled layer with 2 passes, 2 groups and 2 tiles.
`include "eyrie_defs.vh"
module sched_top (
  input wire        clk_i,
  input wire        rst_ni,
  input wire        start_i,
  input wire        en_i,
  input wire [2:0]  k_i,
  input wire        pad_i,
  input wire        pool_i,
  input wire        fold_i,
  input wire [15:0] w_i,
  input wire [15:0] wc_i,
  input wire [15:0] nt_i,
  input wire [15:0] nkg_i,
  input wire [15:0] v_i,
  input wire [1:0]  res_ok_i,
  input wire        fifo_ok_i,
  input wire        chain_i
);
  localparam integer Rows = 2, LbAw = 4, TokW = 15 + LbAw - 2;
  reg f_init = 1'b0;
  always @(posedge clk_i) f_init <= 1'b1;
  always @* assume (rst_ni == f_init);

  wire [TokW-1:0] tok;
  wire            busy;
  eyrie_sched #(.Rows(Rows), .LbAw(LbAw)) dut (
    .clk_i(clk_i), .rst_ni(rst_ni), .start_i(start_i), .en_i(en_i), .k_i(k_i), .pad_i(pad_i),
    .pool_i(pool_i), .fold_i(fold_i), .w_i(w_i), .wc_i(wc_i), .nt_i(nt_i), .nkg_i(nkg_i), .v_i(v_i),
    .res_ok_i(res_ok_i), .fifo_ok_i(fifo_ok_i), .chain_i(chain_i), .tok_o(tok), .busy_o(busy));

  // ---- legal, small shapes; held while busy; start only when idle ----
`ifdef SCHED_BIG
  localparam [2:0] KL = 3'd5;  localparam [15:0] WCL = 16'd8, NTL = 16'd4, NKGL = 16'd4, VL = 16'd8;
`else
  localparam [2:0] KL = 3'd3;  localparam [15:0] WCL = 16'd4, NTL = 16'd2, NKGL = 16'd2, VL = 16'd4;
`endif
  wire f_legal = k_i >= 3'd1 && k_i <= KL && wc_i >= 16'd1 && wc_i <= WCL
              && (!pool_i || !wc_i[0]) && nt_i >= 16'd1 && nt_i <= NTL
              && nkg_i >= 16'd1 && nkg_i <= NKGL && v_i >= 16'd1 && v_i <= VL
              && w_i >= 16'd1 && w_i <= 16'd8 && wc_i <= w_i + {15'd0, pad_i, 1'b0};
  reg [75:0] f_shape_q;
  wire [75:0] f_shape = {k_i, pad_i, pool_i, fold_i, w_i[3:0], wc_i[3:0], nt_i[1:0], nkg_i[1:0], v_i[2:0], 55'd0};
  always @(posedge clk_i) f_shape_q <= f_shape;
  always @* begin
    assume (f_legal);
    if (start_i) assume (!busy && rst_ni);
  end
  reg f_busy_q = 1'b0, f_go_q = 1'b0;
  always @(posedge clk_i) {f_busy_q, f_go_q} <= {busy, start_i};
  always @* if ((f_busy_q || f_go_q) && busy) assume (f_shape == f_shape_q);

endmodule
