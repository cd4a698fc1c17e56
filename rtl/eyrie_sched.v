// eyrie_sched - step scheduler: makes the row-0 step token of the array each
// cycle. Walk: tile (yp, kg) -> pass (v0 = 0, Rows, ...) -> output column x
// -> tile row dy (TH = 2 with pooling so that each 2x2 window's four outputs
// leave the array back to back) -> tap t < K. Folded (fold_i, with pooling):
// no dy walk, the array computes both tile rows at once in column pairs, so
// a window is two outputs (x even, x odd).
// An output pixel's K taps issue on consecutive advancing cycles; a new pixel
// issues only when its resources are there (both row memories of the pass
// loaded, and for passes after the first the bottom partial sum in the FIFO),
// otherwise a bubble (valid = 0) is sent. With chain_i (every tile is one
// output pixel: FC layers) a later pass's partial sum is added at the top
// of the array to the previous pass's, which arrives there just before it,
// so a new pass never waits for the FIFO (K = 1 pixels keep one advance
// apart, sp_q).
// Small and fast by construction: loop counters count up, and each loop-end
// test (and the first-tap test) is a registered look-ahead flag written
// with its counter from the counter's next value, so the issue decision
// reaches the counters' enables through a gate or two (the UP5K's critical
// path once ran issue -> last tap -> column end -> pass end -> enables);
// the pass position is the count of virtual rows left (vr = V - v0, down by
// Rows: last pass when vr <= Rows); first pass and pixel-0 are flags; the
// tap column xi = x + t - pad is one adder on (x, tp = t - pad).
// Latency: combinational token from registered state.
// Handshake: en_i is the array-wide advance; the walker moves only when it
// is high and a real token issues.
`include "eyrie_defs.vh"
module eyrie_sched #(
  parameter integer Rows = 3,
  parameter integer LbAw = 8,
  parameter integer TokW = 15 + LbAw - 2
) (
  input  wire            clk_i,
  input  wire            rst_ni,
  input  wire            start_i,
  input  wire            en_i,
  input  wire [2:0]      k_i,
  input  wire            pad_i,
  input  wire            pool_i,
  input  wire            fold_i,    // pool: both window rows at once (no dy walk)
  input  wire [15:0]     w_i,       // input width
  input  wire [15:0]     wc_i,      // output columns computed
  input  wire [15:0]     nt_i,      // tiles in y
  input  wire [15:0]     nkg_i,     // output channel groups
  input  wire [15:0]     v_i,       // virtual rows C_in*K
  input  wire [1:0]      res_ok_i,  // per half: all rows' memories loaded
  input  wire            fifo_ok_i, // a bottom partial sum is available
  input  wire            chain_i,   // one-pixel tiles: passes chain at the
                                    // top of the array, no FIFO wait
  output wire [TokW-1:0] tok_o,
  output wire            busy_o
);
  localparam integer CW  = `EYRIE_CNT_W;  // C_in*K, channel groups
  localparam integer YW  = 9;             // tiles in y: nt <= H + 2 <= 257
  localparam integer XW  = LbAw;          // output column: 0 .. WMax-1
  localparam integer XIW = LbAw + 1;      // tap column, signed
  localparam [31:0] ROWS32 = Rows;
  localparam [CW-1:0]  ROWS_C = ROWS32[CW-1:0];
  localparam [CW-1:0] ONE = 1;
  localparam [YW-1:0] YONE = 1;
  localparam [XW-1:0] XONE = 1;
  wire [CW-1:0] v_c    = v_i[CW-1:0];
  wire [YW-1:0] nt_c   = nt_i[YW-1:0];
  wire [CW-1:0] nkg_c  = nkg_i[CW-1:0];
  wire [XW-1:0] wc_c   = wc_i[XW-1:0];
  wire [XW-1:0] w_c    = w_i[XW-1:0];

  reg          act_q, h_q, dy_q, fp_q, ps_q;
  reg [YW-1:0] yp1_q;                     // yp + 1 and kg + 1 (1 .. bound): the
  reg [CW-1:0] kg1_q, vr_q;               // end test is on the register; vr = V - v0
  reg [XW-1:0] x_q;
  reg [2:0]    t_q;
  reg [3:0]    tp_q;                      // t - pad, signed

  wire [2:0]    t_inc  = t_q + 3'd1;
  wire fp      = fp_q;                    // v0 == 0
  // last pass (v0 + Rows >= V: vr <= Rows)
  function automatic last_pass(input [CW-1:0] vr);
    last_pass = ({{(32-CW){1'b0}}, vr} <= Rows);
  endfunction
  // first and last tap and last pass are registered look-ahead flags too,
  // written with t_q / vr_q from their next values
  reg  ft_q, lt_q, lp_q;
  wire ft      = ft_q;                    // t == 0
  wire lt      = lt_q;                    // t + 1 == K
  wire lp      = lp_q;
  wire dy_last = !pool_i || fold_i || dy_q;
  // the loop-end flags are registers, updated with their counters (the
  // compares sit before the flip-flops, off the issue -> walker path)
  reg  xl_q, kgl_q, ypl_q;
  wire x_last  = xl_q;                    // x + 1 == wc
  wire kg_last = kgl_q;                   // kg + 1 == nkg
  wire yp_last = ypl_q;                   // yp + 1 == nt
  wire endp    = lt && dy_last && x_last;
  wire pstart  = ps_q;                    // x == 0 && !dy

  // a later pass's pixel waits for the earlier passes' sum: in the FIFO, or
  // with chain_i at the top of the array, where the previous pass's sum
  // must be registered (sum_q -> fq) before this pixel's sum arrives, i.e.
  // two advances apart; only K = 1 pixels (one tap) can come closer, so
  // sp_q holds a K = 1 chained pixel one advance off the one before it
  reg  sp_q;
  wire sum_ok = fp || (chain_i ? !sp_q : fifo_ok_i);
  wire issue = act_q && (!ft || ((!pstart || res_ok_i[h_q]) && sum_ok));
  wire adv   = en_i && issue;
  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) sp_q <= 1'b0;
    else if (start_i) sp_q <= 1'b0;
    else if (en_i) sp_q <= issue && chain_i && (k_i == 3'd1);

  // tap column in the input row; outside 0..W-1 it is padding
  wire signed [XIW-1:0] xi   = $signed({1'b0, x_q}) + $signed({{(XIW-4){tp_q[3]}}, tp_q});
  wire                  padx = xi[XIW-1] || (xi[XIW-2:0] >= w_c);

  wire gfirst = !pool_i || (!x_q[0] && (fold_i || !dy_q));
  wire glast  = !pool_i || (x_q[0] && (fold_i || dy_q));

  reg [TokW-1:0] tok;
  always @* begin
    tok = {TokW{1'b0}};
    tok[`EYRIE_T_VALID]  = issue;
    tok[`EYRIE_T_FT]     = ft;
    tok[`EYRIE_T_LT]     = lt;
    tok[`EYRIE_T_FP]     = fp;
    tok[`EYRIE_T_LP]     = lp;
    tok[`EYRIE_T_ENDP]   = endp;
    tok[`EYRIE_T_H]      = h_q;
    tok[`EYRIE_T_DY]     = dy_q;
    tok[`EYRIE_T_BSEL]   = xi[0];
    tok[`EYRIE_T_PADX]   = padx;
    tok[`EYRIE_T_GFIRST] = gfirst;
    tok[`EYRIE_T_GLAST]  = glast;
    tok[`EYRIE_T_TAP]    = t_q;
    tok[TokW-1:`EYRIE_T_WIDX_LSB] = xi[LbAw-2:1];
  end

  // ---- walker ----
  // conditions of the current step (registers and a few gates, no adv in
  // them); the counters' data inputs use these, their enables adv, so the
  // issue decision is a gate or two from every counter's enable
  wire c_x    = lt && dy_last;                 // the column's TH pixels end
  wire c_pass = c_x && x_last;                 // the pass ends
  wire c_tile = c_pass && lp;                  // the tile's last pass ends
  wire c_yt   = c_tile && kg_last;             // next tile row
  wire ev_done = adv && c_yt && yp_last;       // the layer's last step
  wire [XW-1:0] x_d  = x_q + XONE;
  wire [CW-1:0] vr_d = vr_q - ROWS_C;
  wire [CW-1:0] kg_d = kg1_q + ONE;
  wire [YW-1:0] yp_d = yp1_q + YONE;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) act_q <= 1'b0; else act_q <= start_i || (act_q && !ev_done);
  always @(posedge clk_i) begin
    if (start_i) begin
      t_q <= 3'd0; tp_q <= {4{pad_i}}; ft_q <= 1'b1; lt_q <= (k_i == 3'd1);
      dy_q <= 1'b0; ps_q <= 1'b1;
      x_q <= {XW{1'b0}}; xl_q <= (wc_c == XONE);
      h_q <= 1'b0; fp_q <= 1'b1;
      vr_q <= v_c; lp_q <= last_pass(v_c);
      kg1_q <= ONE; kgl_q <= (nkg_c == ONE);
      yp1_q <= YONE; ypl_q <= (nt_c == YONE);
    end else if (adv) begin
      // tap: the pixel's last tap restarts the walk of taps
      t_q  <= lt ? 3'd0 : t_inc;
      tp_q <= lt ? {4{pad_i}} : tp_q + 4'd1;
      ft_q <= lt;
      lt_q <= lt ? (k_i == 3'd1) : (t_inc + 3'd1 == k_i);
      if (lt) begin                            // an output pixel's last tap
        dy_q <= !dy_last;
        ps_q <= c_pass;
      end
      if (c_x) begin
        x_q  <= c_pass ? {XW{1'b0}} : x_d;
        xl_q <= c_pass ? (wc_c == XONE) : (x_d + XONE == wc_c);
      end
      if (c_pass) begin
        h_q   <= !h_q;
        fp_q  <= lp;
        vr_q  <= c_tile ? v_c : vr_d;
        lp_q  <= c_tile ? last_pass(v_c) : last_pass(vr_d);
      end
      if (c_tile) begin
        kg1_q <= c_yt ? ONE : kg_d;
        kgl_q <= c_yt ? (nkg_c == ONE) : (kg_d == nkg_c);
      end
      if (c_yt) begin
        yp1_q <= yp_d;
        ypl_q <= (yp_d == nt_c);
      end
    end
  end

  assign tok_o  = tok;
  assign busy_o = act_q;

  wire unused = ^{xi[XIW-1:LbAw-1], v_i[15:CW], nt_i[15:YW], nkg_i[15:CW], wc_i[15:XW], w_i[15:XW]};
endmodule
