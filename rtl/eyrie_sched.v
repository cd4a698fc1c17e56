// eyrie_sched - step scheduler: makes the row-0 step token of the array each
// cycle. Walk: tile (yp, kg) -> pass (v0 = 0, Rows, ...) -> output column x
// -> tile row dy (TH = 2 with pooling so that each 2x2 window's four outputs
// leave the array back to back) -> tap t < K.
// An output pixel's K taps issue on consecutive advancing cycles; a new pixel
// issues only when its resources are there (both row memories of the pass
// loaded, and for passes after the first the bottom partial sum in the FIFO),
// otherwise a bubble (valid = 0) is sent.
// Small by construction: loop counters count up and end on an equality
// with their bound (tile row and channel group counted from 1, so the test
// is on the register; x and t from 0, compared after the incrementer);
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
  input  wire [15:0]     w_i,       // input width
  input  wire [15:0]     wc_i,      // output columns computed
  input  wire [15:0]     nt_i,      // tiles in y
  input  wire [15:0]     nkg_i,     // output channel groups
  input  wire [15:0]     v_i,       // virtual rows C_in*K
  input  wire [1:0]      res_ok_i,  // per half: all rows' memories loaded
  input  wire            fifo_ok_i, // a bottom partial sum is available
  output wire [TokW-1:0] tok_o,
  output wire            busy_o
);
  localparam integer CW  = `EYRIE_CNT_W;  // C_in*K, channel groups
  localparam integer YW  = 9;             // tiles in y: nt <= H + 2 <= 257
  localparam integer XW  = LbAw;          // output column: 0 .. WMax-1
  localparam integer XIW = LbAw + 1;      // tap column, signed
  localparam integer RW2 = $clog2(Rows + 1);
  localparam [31:0] ROWS32 = Rows;
  localparam [CW-1:0]  ROWS_C = ROWS32[CW-1:0];
  localparam [RW2-1:0] ROWS_R = ROWS32[RW2-1:0];
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
  wire lp;                                // v0 + Rows >= V: vr <= Rows
  generate
    if ((1 << RW2) == Rows + 1) begin : g_lp_pow2
      assign lp = ~|vr_q[CW-1:RW2];
    end else begin : g_lp
      assign lp = ~|vr_q[CW-1:RW2] && (vr_q[RW2-1:0] <= ROWS_R);
    end
  endgenerate
  wire ft      = (t_q == 3'd0);
  wire lt      = (t_inc == k_i);
  wire dy_last = !pool_i || dy_q;
  // the loop-end flags are registers, updated with their counters (the
  // compares sit before the flip-flops, off the issue -> walker path)
  reg  xl_q, kgl_q, ypl_q;
  wire x_last  = xl_q;                    // x + 1 == wc
  wire kg_last = kgl_q;                   // kg + 1 == nkg
  wire yp_last = ypl_q;                   // yp + 1 == nt
  wire endp    = lt && dy_last && x_last;
  wire pstart  = ps_q;                    // x == 0 && !dy

  wire issue = act_q && (!ft || ((!pstart || res_ok_i[h_q]) && (fp || fifo_ok_i)));
  wire adv   = en_i && issue;

  // tap column in the input row; outside 0..W-1 it is padding
  wire signed [XIW-1:0] xi   = $signed({1'b0, x_q}) + $signed({{(XIW-4){tp_q[3]}}, tp_q});
  wire                  padx = xi[XIW-1] || (xi[XIW-2:0] >= w_c);

  wire gfirst = !pool_i || (!x_q[0] && !dy_q);
  wire glast  = !pool_i || (x_q[0] && dy_q);

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

  // ---- walker: this cycle's events (all within adv) ----
  wire ev_pix  = adv && lt;                    // an output pixel's last tap
  wire ev_x    = ev_pix && dy_last;            // the column's TH pixels end
  wire ev_pass = ev_x && x_last;               // the pass ends
  wire ev_tile = ev_pass && lp;                // the tile's last pass ends
  wire ev_yt   = ev_tile && kg_last;           // next tile row
  wire ev_done = ev_yt && yp_last;             // the layer's last step
  // every counter is cleared (or loaded) on start and at its loop's end,
  // else stepped
  wire ld_t    = start_i || ev_pix;
  wire clr_x   = start_i || ev_pass;
  wire ld_vr   = start_i || ev_tile;
  wire clr_kg  = start_i || ev_yt;
  wire [XW-1:0] x_d = x_q + XONE;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) act_q <= 1'b0; else act_q <= start_i || (act_q && !ev_done);
  always @(posedge clk_i) begin
    if (ld_t)     t_q  <= 3'd0;            else if (adv)     t_q  <= t_inc;
    if (ld_t)     tp_q <= {4{pad_i}};      else if (adv)     tp_q <= tp_q + 4'd1;
    if (start_i)  dy_q <= 1'b0;            else if (ev_pix)  dy_q <= !dy_last;
    if (start_i)  ps_q <= 1'b1;            else if (ev_pix)  ps_q <= ev_pass;
    if (clr_x)    x_q  <= {XW{1'b0}};      else if (ev_x)    x_q  <= x_d;
    if (start_i)  h_q  <= 1'b0;            else if (ev_pass) h_q  <= !h_q;
    if (start_i)  fp_q <= 1'b1;            else if (ev_pass) fp_q <= lp;
    if (ld_vr)    vr_q <= v_c;             else if (ev_pass) vr_q <= vr_q - ROWS_C;
    if (clr_kg)   kg1_q <= ONE;            else if (ev_tile) kg1_q <= kg1_q + ONE;
    if (start_i)  yp1_q <= YONE;           else if (ev_yt)   yp1_q <= yp1_q + YONE;
    if (clr_x)    xl_q  <= (wc_c == XONE); else if (ev_x)    xl_q  <= (x_d + XONE == wc_c);
    if (clr_kg)   kgl_q <= (nkg_c == ONE); else if (ev_tile) kgl_q <= (kg1_q + ONE == nkg_c);
    if (start_i)  ypl_q <= (nt_c == YONE); else if (ev_yt)   ypl_q <= (yp1_q + YONE == nt_c);
  end

  assign tok_o  = tok;
  assign busy_o = act_q;

  wire unused = ^{xi[XIW-1:LbAw-1], v_i[15:CW], nt_i[15:YW], nkg_i[15:CW], wc_i[15:XW], w_i[15:XW]};
endmodule
