// eyrie_sched - step scheduler: makes the row-0 step token of the array each
// cycle. Walk: tile (yp, kg) -> pass (v0 = 0, Rows, ...) -> output column x
// -> tile row dy (TH = 2 with pooling so that each 2x2 window's four outputs
// leave the array back to back) -> tap t < K.
// An output pixel's K taps issue on consecutive advancing cycles; a new pixel
// issues only when its resources are there (both row memories of the pass
// loaded, and for passes after the first the bottom partial sum in the FIFO),
// otherwise a bubble (valid = 0) is sent.
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
  localparam [31:0] ROWS32 = Rows;
  localparam [15:0] ROWS16 = ROWS32[15:0];
  localparam integer CW = `EYRIE_CNT_W;
  localparam integer XW = LbAw;          // output column: 0 .. WMax-1
  localparam [CW-1:0] ONE = 1;
  localparam [XW-1:0] XONE = 1;
  wire [CW-1:0] v_c    = v_i[CW-1:0];
  wire [CW-1:0] nt_c   = nt_i[CW-1:0];
  wire [CW-1:0] nkg_c  = nkg_i[CW-1:0];
  wire [XW-1:0] wc_c   = wc_i[XW-1:0];
  wire [CW-1:0] rows_c = ROWS16[CW-1:0];

  reg        act_q, h_q, dy_q;
  reg [CW-1:0] yp_q, kg_q, v0_q;
  reg [XW-1:0] x_q;
  reg [2:0]  t_q;

  wire fp      = (v0_q == {CW{1'b0}});
  wire lp      = (v0_q + rows_c >= v_c);
  wire ft      = (t_q == 3'd0);
  wire lt      = (t_q == k_i - 3'd1);
  wire dy_last = !pool_i || dy_q;
  wire x_last  = (x_q == wc_c - XONE);
  wire kg_last = (kg_q == nkg_c - ONE);
  wire yp_last = (yp_q == nt_c - ONE);
  wire endp    = lt && dy_last && x_last;
  wire pstart  = (x_q == {XW{1'b0}}) && !dy_q;

  wire issue = act_q && (!ft || ((!pstart || res_ok_i[h_q]) && (fp || fifo_ok_i)));
  wire adv   = en_i && issue;

  // tap column in the input row; outside 0..W-1 it is padding
  wire signed [16:0] xi   = $signed({{(17-XW){1'b0}}, x_q}) + $signed({14'd0, t_q}) - $signed({16'd0, pad_i});
  wire               padx = (xi < 0) || (xi >= $signed({1'b0, w_i}));

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

  reg        act_d, h_d, dy_d;
  reg [CW-1:0] yp_d, kg_d, v0_d;
  reg [XW-1:0] x_d;
  reg [2:0]  t_d;
  always @* begin
    {act_d, h_d, dy_d, yp_d, kg_d, v0_d, x_d, t_d} = {act_q, h_q, dy_q, yp_q, kg_q, v0_q, x_q, t_q};
    if (start_i) begin
      act_d = 1'b1; h_d = 1'b0; dy_d = 1'b0;
      {yp_d, kg_d, v0_d, x_d, t_d} = {{3*CW{1'b0}}, {XW{1'b0}}, 3'd0};
    end else if (adv) begin
      t_d = t_q + 3'd1;
      if (lt) begin
        t_d = 3'd0;
        dy_d = pool_i && !dy_q;
        if (dy_last) begin
          x_d = x_q + XONE;
          if (x_last) begin
            x_d = {XW{1'b0}};
            h_d = !h_q;
            v0_d = v0_q + rows_c;
            if (lp) begin
              v0_d = {CW{1'b0}};
              kg_d = kg_q + ONE;
              if (kg_last) begin
                kg_d = {CW{1'b0}};
                yp_d = yp_q + ONE;
                if (yp_last) act_d = 1'b0;
              end
            end
          end
        end
      end
    end
  end
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) act_q <= 1'b0; else act_q <= act_d;
  always @(posedge clk_i) {h_q, dy_q, yp_q, kg_q, v0_q, x_q, t_q} <= {h_d, dy_d, yp_d, kg_d, v0_d, x_d, t_d};

  assign tok_o  = tok;
  assign busy_o = act_q;

  wire unused = ^{xi[16:LbAw-1], v_i, nt_i, nkg_i, wc_i};
endmodule
