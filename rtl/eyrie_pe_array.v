// eyrie_pe_array - Rows x Cols row-stationary PE array.
// PE (i, j) holds one filter row (K int8 taps) of output channel k0 + j for
// virtual row v0 + i of the current pass (v = c*K + r: input channel c,
// filter row r) in its row's weight scratchpad, reads the matching input row
// from its row's line buffer (shared by the Cols PEs of the row, which all use
// the same input row: the ifmap reuse across filters), and passes its partial
// sums up the column. Row i runs the same step sequence as row 0 delayed by
// i*K cycles, so the psum of an output pixel leaves row i-1 exactly when row i
// starts that pixel: psums accumulate vertically with no buffering.
// Per row: line buffer (2 halves x 2 tile rows x WMax/2 16-bit words, one
// EBR) and weight scratchpad (2 halves x KMax taps x Cols bytes); the halves
// double-buffer consecutive passes, written by the loaders while the array
// computes.
// Partial sums in the columns cover one pass only (PsW = 16 +
// clog2(Rows*KMax) bits: at most Rows*KMax products); the sum of the earlier
// passes is read from the accumulator FIFO at the top of the columns and
// added there once per output pixel and column (32 bits), so the 32-bit
// adders are Cols, not Rows*Cols.
// Per row: S0 line-buffer read; S1 pixel select (registered: the pixel is
// broadcast to all Cols multipliers, far from the line buffer's block RAM)
// and scratchpad read; S2 multiply; S3 product registered; S4 its sum.
// One-pixel tiles (chain_i) add each pass's sum to the previous pass's in
// sum_q and leave the FIFO alone.
// Latency: the top row's final sum (top_valid_o) appears (Rows-1)*K + 5
// cycles after the row-0 token of the last tap.
// Handshake: en_i advances every register of the array and gates every RAM
// read; tokens are the only control (bubbles are tokens with valid = 0).
`include "eyrie_defs.vh"
module eyrie_pe_array #(
  parameter integer Rows = 3,
  parameter integer Cols = 4,
  parameter integer KMax = 5,
  parameter integer LbAw = 8,           // line-buffer word address bits
  parameter integer TokW = 15 + LbAw - 2,
  parameter integer Fold = 0,           // fold hardware (eyrie_layer: Cols >= EYRIE_FOLD_COLS)
  parameter integer WPair = 0,          // scratchpads in even / odd tap banks, written a tap pair at a time
  parameter integer APair = 0           // line buffers in even / odd word banks, written a word pair at a time
) (
  input  wire                 clk_i,
  input  wire                 rst_ni,
  input  wire                 en_i,
  input  wire [TokW-1:0]      tok_i,        // row-0 token (stage S0)
  input  wire [2:0]           k_i,          // kernel size of the layer
  input  wire [7:0]           z_in_i,       // padding code
  input  wire                 chain_i,      // one-pixel tiles: no FIFO
  input  wire                 fold_i,       // pool: odd columns take tile row 1
  // line-buffer write port (one row selected by lb_we_i)
  input  wire [Rows-1:0]      lb_we_i,
  input  wire [LbAw-1:0]      lb_waddr_i,
  input  wire                 lb_we2_i,     // APair: the high word is real
  input  wire [(APair+1)*16-1:0] lb_wdata_i,  // APair: {word w+1, word w}, w even
  // weight-scratchpad write port ({half, tap}); WPair: taps t (even) and
  // t + 1 (wt_we2_i: real) in the low and high Cols bytes
  input  wire [Rows-1:0]      wt_we_i,
  input  wire                 wt_we2_i,
  input  wire [3:0]           wt_waddr_i,
  input  wire [(WPair+1)*Cols*8-1:0] wt_wdata_i,
  // accumulator FIFO: the row-0 S1 token of a pixel's first tap on a later
  // pass claims its word (fifo_claim_o; fifo_rd1_o is the same without
  // en_i); the word is read at the top (fifo_re_o, stage S2 -> S3)
  output wire                 fifo_claim_o,
  output wire                 fifo_rd1_o,
  output wire                 fifo_re_o,
  input  wire [Cols*32-1:0]   fifo_rdata_i,
  // per-row end of pass at stage S1 (frees that row's half when en_i)
  output wire [Rows-1:0]      row_endp_o,
  output wire [Rows-1:0]      row_endp_h_o,
  // top of the columns: final or partial sums of one output pixel
  output wire                 top_valid_o,
  // the top output completes a pooling window on the last pass: now, and
  // after the next advance (for the controller's registered stall)
  output wire                 top_wlast_o,
  output wire                 top_wlast_next_o,
  output wire                 top_lp_o,
  output wire                 top_gfirst_o,
  output wire                 top_glast_o,
  output wire [Cols*32-1:0]   top_psum_o
);
  genvar i, j;
  localparam integer NPair = (Cols + 1) / 2;
  localparam integer DlLen = (Rows > 1) ? (Rows - 1) * KMax : 1;
  localparam integer PsW   = 16 + $clog2(Rows * KMax);   // one pass of sums
`ifdef EYRIE_ICE40_DSP
  localparam integer PeProdReg = 0;       // products registered in the DSPs
`else
  localparam integer PeProdReg = 1;
`endif

  // ---- skew delay line: row i sees row 0's token i*K advances later ----
  // A circular buffer of row-0 tokens, one block RAM copy per delayed row (a
  // block RAM has one read port): every advance writes tok_i at wp_q and
  // reads, for row i, the slot that is i*K advances old at the next advance
  // (synchronous read, held while en_i is low). i*K = 1 would read the slot
  // being written: row 1 with K = 1 takes a register instead and leaves its
  // RAM unread. Slots are unwritten for 2^SkAw advances after reset: tokens
  // are bubbles until then (the engine cannot start a layer that early).
  wire [TokW-1:0] tok0 [0:Rows-1];
  assign tok0[0] = tok_i;
  generate
    if (Rows > 1) begin : g_skram
      localparam integer SkAw = $clog2(DlLen + 1);
      reg [SkAw-1:0] wp_q;
      reg [SkAw:0]   fl_q;
      reg [TokW-1:0] byp_q;
      wire           k1 = (k_i == 3'd1);
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) {wp_q, fl_q} <= {(2*SkAw+1){1'b0}};
        else if (en_i) begin
          wp_q <= wp_q + 1'b1;
          if (!fl_q[SkAw]) fl_q <= fl_q + 1'b1;
        end
      end
      always @(posedge clk_i) if (en_i) byp_q <= tok_i;
      for (i = 1; i < Rows; i = i + 1) begin : g_sk
        localparam [SkAw+3:0] RI = i;
        wire [SkAw+3:0] dly   = RI * {{SkAw{1'b0}}, 1'b0, k_i};
        wire [SkAw+3:0] wp1   = {4'd0, wp_q} + {{(SkAw+3){1'b0}}, 1'b1} - dly;
        wire            byp   = (i == 1) && k1;
        wire [TokW-1:0] rd;
        eyrie_ram_sdp #(.Width(TokW), .Depth(1 << SkAw), .AddrW(SkAw)) u_sk (
          .clk_i(clk_i), .we_i(en_i), .waddr_i(wp_q), .wdata_i(tok_i),
          .re_i(en_i && !byp), .raddr_i(wp1[SkAw-1:0]), .rdata_o(rd));
        wire [TokW-1:0] t = byp ? byp_q : rd;
        // rd is current only if the last advance read the RAM: the first
        // advance after a K = 1 layer (bypass, RAM unread) would see the
        // read register's old contents, possibly a valid token. The slot
        // it stands for holds a bubble (K changes only between layers, and
        // a layer ends with its tokens drained), so pass a bubble. Only row
        // 1 takes the bypass; the other rows read on every advance, and
        // their first read is inside the warm-up (fl_q).
        wire rdv_q;
        if (i == 1) begin : g_rdv
          reg q;
          always @(posedge clk_i or negedge rst_ni)
            if (!rst_ni) q <= 1'b0;
            else if (en_i) q <= !byp;
          assign rdv_q = q;
        end else begin : g_rdv1
          assign rdv_q = 1'b1;
        end
        assign tok0[i] = (fl_q[SkAw] && (byp || rdv_q)) ? t : {TokW{1'b0}};
        wire unused_sk = ^wp1[SkAw+3:SkAw];
      end
    end
  endgenerate

  wire [Cols*PsW-1:0] psum_in  [0:Rows-1];
  wire [Cols*PsW-1:0] psum_out [0:Rows-1];
  wire               rd2_top;              // top S2: a last tap, not the first pass
  wire [TokW-1:0]    tok3_top;

  generate
    for (i = 0; i < Rows; i = i + 1) begin : g_row
      // stage S0: line-buffer read
      wire [TokW-1:0] t0 = tok0[i];
      wire            re = en_i && t0[`EYRIE_T_VALID];
      reg [TokW-1:0]  t1_q, t2_q, t3_q;
      wire [LbAw-1:0] lb_raddr = {t0[`EYRIE_T_H], t0[`EYRIE_T_DY], t0[TokW-1:`EYRIE_T_WIDX_LSB]};
      wire [15:0]     lb_rdata;
      wire [Cols*8-1:0] wt_rdata;
      eyrie_linebuf #(.AddrW(LbAw), .Pair(APair)) u_lb (
        .clk_i(clk_i), .we_i(lb_we_i[i]), .we2_i(lb_we2_i), .waddr_i(lb_waddr_i), .wdata_i(lb_wdata_i),
        .re_i(re), .raddr_i(lb_raddr), .rdata_o(lb_rdata));
      wire wt_re = en_i && t1_q[`EYRIE_T_VALID];
      if (WPair != 0) begin : g_wpair
        // tap t lives in bank t[0] at {half, t[2:1]}; both banks are read
        // and the S2 token's tap parity picks the word
        wire [Cols*8-1:0] rd0, rd1;
        wire [2:0] tap1 = t1_q[`EYRIE_T_TAP];
        wire [2:0] ra = {t1_q[`EYRIE_T_H], tap1[2:1]};
        eyrie_ram_sdp #(.Width(Cols*8), .Depth(8), .AddrW(3)) u_wt0 (
          .clk_i(clk_i), .we_i(wt_we_i[i]), .waddr_i({wt_waddr_i[3], wt_waddr_i[2:1]}),
          .wdata_i(wt_wdata_i[Cols*8-1:0]), .re_i(wt_re), .raddr_i(ra), .rdata_o(rd0));
        eyrie_ram_sdp #(.Width(Cols*8), .Depth(8), .AddrW(3)) u_wt1 (
          .clk_i(clk_i), .we_i(wt_we_i[i] && wt_we2_i), .waddr_i({wt_waddr_i[3], wt_waddr_i[2:1]}),
          .wdata_i(wt_wdata_i[(WPair+1)*Cols*8-1:Cols*8]), .re_i(wt_re), .raddr_i(ra), .rdata_o(rd1));
        wire [2:0] tap2 = t2_q[`EYRIE_T_TAP];
        assign wt_rdata = tap2[0] ? rd1 : rd0;
        wire unused_wa = ^{wt_waddr_i[0], tap1[0], tap2[2:1]};   // pairs start at even taps
      end else begin : g_wone
        wire unused_we2 = wt_we2_i;
        eyrie_ram_sdp #(.Width(Cols*8), .Depth(16), .AddrW(4)) u_wt (
          .clk_i(clk_i), .we_i(wt_we_i[i]), .waddr_i(wt_waddr_i), .wdata_i(wt_wdata_i),
          .re_i(wt_re), .raddr_i({t1_q[`EYRIE_T_H], t1_q[`EYRIE_T_TAP]}), .rdata_o(wt_rdata));
      end

      // stage S1: pixel select (registered) and scratchpad read
      always @(posedge clk_i or negedge rst_ni)
        if (!rst_ni) {t1_q, t2_q, t3_q} <= {3*TokW{1'b0}};
        else if (en_i) {t1_q, t2_q, t3_q} <= {t0, t1_q, t2_q};
      wire unused_t3 = ^t3_q;            // rows between bottom and top
      // end of pass from the registered S1 token: the row's half is freed
      // on the advance of its last S1 scratchpad read, which that same
      // clock edge performs; the loaders write the half from the next
      // cycle on (the row-0 token at S0 comes combinationally from the
      // scheduler, whose issue decision would otherwise reach the loaders'
      // full flags in the same cycle)
      assign row_endp_o[i]   = t1_q[`EYRIE_T_VALID] && t1_q[`EYRIE_T_ENDP];
      assign row_endp_h_o[i] = t1_q[`EYRIE_T_H];
      // the row's pixel (S2): even columns, and odd columns unless folding
      wire [7:0] pix_d = t1_q[`EYRIE_T_PADX] ? z_in_i :
                         (t1_q[`EYRIE_T_BSEL] ? lb_rdata[15:8] : lb_rdata[7:0]);
      // per multiplier pair g: {odd column's pixel, even column's pixel}
      wire [NPair*16-1:0] pixs;
      if (Fold != 0) begin : g_fold
        // folded pooling: a copy of the line buffer (same writes) read at
        // tile row 1 gives the odd columns their pixel (the token's DY is 0).
        // The fold select comes before the registers, and every multiplier
        // pair has its own copy of them (eyrie_copyreg): one register pair
        // per row would drive Cols multipliers across the chip (the ECP5
        // build's critical path).
        wire [15:0] lb1_rdata;
        eyrie_linebuf #(.AddrW(LbAw), .Pair(APair)) u_lb1 (
          .clk_i(clk_i), .we_i(lb_we_i[i]), .we2_i(lb_we2_i), .waddr_i(lb_waddr_i), .wdata_i(lb_wdata_i),
          .re_i(re && fold_i), .raddr_i({t0[`EYRIE_T_H], 1'b1, t0[TokW-1:`EYRIE_T_WIDX_LSB]}),
          .rdata_o(lb1_rdata));
        wire [7:0] pix1_d = !fold_i ? pix_d : t1_q[`EYRIE_T_PADX] ? z_in_i :
                            (t1_q[`EYRIE_T_BSEL] ? lb1_rdata[15:8] : lb1_rdata[7:0]);
        for (j = 0; j < NPair; j = j + 1) begin : g_px
          eyrie_copyreg #(.Width(16)) u_px (
            .clk_i(clk_i), .en_i(en_i), .d_i({pix1_d, pix_d}), .q_o(pixs[j*16 +: 16]));
        end
      end else begin : g_nofold
        reg [7:0] pix_q;
        always @(posedge clk_i) if (en_i) pix_q <= pix_d;
        for (j = 0; j < NPair; j = j + 1) begin : g_px
          assign pixs[j*16 +: 16] = {pix_q, pix_q};
        end
        wire unused_fold = fold_i;
      end

      // stage S2: multiply (the tap enters its PEs)

      wire [NPair*32-1:0] prod;
      for (j = 0; j < Cols; j = j + 2) begin : g_mul
        wire [7:0] w1 = (j + 1 < Cols) ? wt_rdata[(j+1)*8 +: 8] : 8'd0;
        // iCE40: the products registered inside the DSP (PEs with ProdReg = 0)
        eyrie_mul8x2 #(.Reg(1 - PeProdReg)) u_mul (
          .clk_i(clk_i), .en_i(en_i), .pix_i(pixs[j*8 +: 8]), .pix1_i(pixs[j*8+8 +: 8]), .w0_i(wt_rdata[j*8 +: 8]), .w1_i(w1),
          .p0_o(prod[j*16 +: 16]), .p1_o(prod[(j+1)*16 +: 16]));
      end
      if (NPair * 2 > Cols) begin : g_odd
        wire unused_prod = ^prod[NPair*32-1:Cols*16];
      end

      for (j = 0; j < Cols; j = j + 1) begin : g_col
        eyrie_pe #(.ProdReg(PeProdReg), .PsW(PsW), .Bottom(i == 0 ? 1 : 0)) u_pe (
          .clk_i(clk_i), .rst_ni(rst_ni), .en_i(en_i),
          .mac_valid_i(t2_q[`EYRIE_T_VALID]),
          .first_i(t2_q[`EYRIE_T_FT]),
          .prod_i(prod[j*16 +: 16]),
          .psum_i(psum_in[i][j*PsW +: PsW]),
          .psum_o(psum_out[i][j*PsW +: PsW]));
      end

      if (i == 0) begin : g_bot
        // fifo_rd1_o: the row-0 S1 token claims its FIFO word at the next
        // advance (registered state only: the FIFO-occupancy check of the
        // scheduler uses it instead of fifo_claim_o, off the en_i path)
        assign fifo_rd1_o   = t1_q[`EYRIE_T_VALID] && t1_q[`EYRIE_T_FT] && !t1_q[`EYRIE_T_FP] &&
                              !chain_i;
        assign fifo_claim_o = en_i && fifo_rd1_o;
        assign psum_in[i]   = {Cols*PsW{1'b0}};      // Bottom PEs: unused
      end else begin : g_mid
        assign psum_in[i] = psum_out[i-1];
      end
      if (i == Rows - 1) begin : g_top
        assign rd2_top  = t2_q[`EYRIE_T_VALID] && t2_q[`EYRIE_T_LT] && !t2_q[`EYRIE_T_FP];
        assign tok3_top = t3_q;
      end
    end
  endgenerate

  // stage S4 of the top row: the pass sums are complete and the FIFO word
  // of the earlier passes (read on the S3 -> S4 advance of a last tap)
  // arrives; S5: their 32-bit sum, registered
  reg [TokW-1:0] t4_q, t5_q;
  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) {t4_q, t5_q} <= {2*TokW{1'b0}};
    else if (en_i) {t4_q, t5_q} <= {tok3_top, t4_q};
  assign fifo_re_o = en_i && rd2_top && !chain_i;
  // The earlier passes' word: the FIFO word (read on the S2 -> S3 advance
  // of a last tap, registered in fq on the S3 -> S4 advance, so no block
  // RAM output drives the 32-bit adders), or with chain_i the top sum of
  // the previous pass: sum_q changes only with a pixel's last tap (the only
  // tokens whose sum leaves the top), so it still holds the previous pass's
  // sum when the next pass's pixel reaches S3 (at least two advances
  // behind; the scheduler spaces K = 1 pixels). One-pixel tiles (FC layers)
  // chain their passes here instead of through the FIFO.
  reg [Cols*32-1:0] sum_q, fq;
  wire sum_en = en_i && t4_q[`EYRIE_T_VALID] && t4_q[`EYRIE_T_LT];
  always @(posedge clk_i) if (en_i) fq <= chain_i ? sum_q : fifo_rdata_i;
  generate
    for (j = 0; j < Cols; j = j + 1) begin : g_top_add
      wire [PsW-1:0] ps = psum_out[Rows-1][j*PsW +: PsW];
      wire [31:0]    px = {{(32-PsW){ps[PsW-1]}}, ps};
      // the select after the adder folds into the adder's LUTs
      wire [31:0]    s  = fq[j*32 +: 32] + px;
      always @(posedge clk_i) if (sum_en) sum_q[j*32 +: 32] <= t4_q[`EYRIE_T_FP] ? px : s;
    end
  endgenerate

  assign top_valid_o  = t5_q[`EYRIE_T_VALID] && t5_q[`EYRIE_T_LT];
  assign top_wlast_o  = top_valid_o && t5_q[`EYRIE_T_LP] && t5_q[`EYRIE_T_GLAST];
  assign top_wlast_next_o = t4_q[`EYRIE_T_VALID] && t4_q[`EYRIE_T_LT] && t4_q[`EYRIE_T_LP] &&
                            t4_q[`EYRIE_T_GLAST];
  assign top_lp_o     = t5_q[`EYRIE_T_LP];
  assign top_gfirst_o = t5_q[`EYRIE_T_GFIRST];
  assign top_glast_o  = t5_q[`EYRIE_T_GLAST];
  assign top_psum_o   = sum_q;

  wire unused_tok = ^t5_q;
endmodule
