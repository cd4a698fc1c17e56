// array_top - proof top for a column of eyrie_pe_array: Rows = 3, Cols = 1,
// KMax = 3, the real skew delay line (circular buffer in an eyrie_ram_sdp,
// with the K = 1 bypass register), the real token pipeline and PEs. The row products are
// replaced by free values (array.sby connects g_row[i].prod to f_prod[i]:
// the multipliers are pe_mul / pe_mul_dsp's business, the line-buffer and
// weight reads the RAM proofs'); the memories are not written.
//
// Environment: k_i = K in {1, 2, 3}, constant; row-0 tokens
// on advancing cycles form pixels of K consecutive valid steps, FT on the
// first, LT on the last, FP constant within a pixel; no valid token in the
// first 2^SkAw = 8 advances after reset (the skew buffer's warm-up; the
// layer controller cannot start that early).
//
// Shadow model (plain shift register, independent of the RTL's circular
// buffer): row i performs row 0's steps i*K advances later. Per row: the
// pixel being summed (id f_id[i], taps so far f_n[i]) and its sum f_sum[i] =
// base + the products of this row's taps, where base is 0 for row 0 (the
// columns carry one pass) and for row i > 0 the sum of row i-1 for the same
// pixel; at the top, f_top = the FIFO word (fifo_rdata_i one advance
// before, registered: or 0 on a first pass, FP; or, in chain mode, the
// previous top sum) + the column sum. Chain mode assumes what the scheduler
// guarantees: K = 1 pixels of later passes keep an advance apart.
// Asserted:
//   A1 when row i > 0 starts a pixel, row i-1 has finished exactly that
//      pixel: all K taps, id one more than row i's previous pixel (so no
//      partial sum is lost, skipped or taken twice, under any stall pattern);
//   A2 row 2 ends a pixel (S4) only after all K taps; the top output
//      appears exactly one advance later (S5), and top_psum_o == its shadow
//      sum: FIFO word (or 0) + the products of all 3*K taps of that pixel,
//      each once; the FIFO is read exactly on the S2 -> S3 advance of a
//      last tap that is not on a first pass (never in chain mode);
//   A3 nothing moves while en_i is low (top outputs stable).
// Bounded (BMC): see array.sby for the depth.
`include "eyrie_defs.vh"
module array_top #(
  parameter integer Rows = 3,
  parameter integer LbAw = 4,
  parameter integer TokW = 15 + LbAw - 2
) (
  input wire            clk_i,
  input wire            rst_ni,
  input wire            en_i,
  input wire [TokW-1:0] tok_i,
  input wire [7:0]      z_in_i,
  input wire [31:0]     fifo_rdata_i
);
  reg f_init = 1'b0;
  always @(posedge clk_i) f_init <= 1'b1;
  always @* assume (rst_ni == f_init);

  (* anyconst *) reg [2:0] f_k;
  always @* assume (f_k >= 3'd1 && f_k <= 3'd3);
  // chain mode (one-pixel tiles): passes chain in the top adder, no FIFO
  (* anyconst *) reg f_chain;

  // the row products ({unused, column 0}), connected to g_row[i].prod in
  // array.sby (the multipliers are cut: free products every cycle)
  wire [31:0] f_prod0, f_prod1, f_prod2;

  wire top_valid, top_lp, top_gfirst, top_glast;
  wire [31:0] top_psum;
  wire fifo_re, fifo_rd1, fifo_claim;
  wire [Rows-1:0] row_endp, row_endp_h;
  eyrie_pe_array #(.Rows(Rows), .Cols(1), .KMax(3), .LbAw(LbAw), .TokW(TokW)) u_arr (
    .clk_i(clk_i), .rst_ni(rst_ni), .en_i(en_i), .tok_i(tok_i), .k_i(f_k), .z_in_i(z_in_i), .chain_i(f_chain), .fold_i(1'b0),
    .lb_we_i({Rows{1'b0}}), .lb_we2_i(1'b0), .lb_waddr_i({LbAw{1'b0}}), .lb_wdata_i(16'd0),
    .wt_we_i({Rows{1'b0}}), .wt_we2_i(1'b0), .wt_waddr_i(4'd0), .wt_wdata_i(8'd0),
    .fifo_claim_o(fifo_claim), .fifo_rd1_o(fifo_rd1), .fifo_re_o(fifo_re), .fifo_rdata_i(fifo_rdata_i),
    .row_endp_o(row_endp), .row_endp_h_o(row_endp_h),
    .top_valid_o(top_valid), .top_lp_o(top_lp), .top_gfirst_o(top_gfirst),
    .top_glast_o(top_glast), .top_psum_o(top_psum));

  // ---- environment: well-formed row-0 token stream ----
  wire t_v  = tok_i[`EYRIE_T_VALID];
  wire t_ft = tok_i[`EYRIE_T_FT];
  wire t_lt = tok_i[`EYRIE_T_LT];
  wire t_fp = tok_i[`EYRIE_T_FP];
  reg [2:0] f_ph = 3'd0;          // taps of the current row-0 pixel issued
  reg       f_fp_q = 1'b0;
  reg [3:0] f_adv = 4'd0;         // advances since reset (saturating)
  reg       f_fp_seen = 1'b0;     // a first-pass pixel has issued
  reg       f_v_q = 1'b0;         // the last advance carried a real step
  always @(posedge clk_i)
    if (!rst_ni) begin f_ph <= 3'd0; f_adv <= 4'd0; end
    else if (en_i) begin
      if (t_v) f_ph <= (f_ph + 3'd1 == f_k) ? 3'd0 : f_ph + 3'd1;
      if (t_v) f_fp_q <= t_fp;
      if (t_v && t_fp) f_fp_seen <= 1'b1;
      f_v_q <= t_v;
      if (!f_adv[3]) f_adv <= f_adv + 4'd1;
    end
  always @* begin
    if (!rst_ni || !f_adv[3]) assume (!t_v);
    if (f_ph != 3'd0) assume (t_v && t_fp == f_fp_q);   // a pixel's taps are consecutive
    if (t_v) assume (t_ft == (f_ph == 3'd0) && t_lt == (f_ph + 3'd1 == f_k));
    // in chain mode the first pixel is a first pass (as every tile's is)
    if (t_v && f_chain && !f_fp_seen) assume (t_fp);
    // ... and a later pass's K = 1 pixel is an advance apart from the one
    // before it (the scheduler's sp_q)
    if (t_v && f_chain && f_k == 3'd1 && !t_fp) assume (!f_v_q);
  end

  // ---- shadow skew: row-0 S0 tokens (v, ft, lt, fp), one per advance ----
  localparam integer D = 2 * 3 + 5;          // (Rows-1)*KMax + S0..S5
  reg [4*D-1:0] f_dl = {4*D{1'b0}};           // f_dl[4*n +: 4]: n+1 advances old
  always @(posedge clk_i)
    if (!rst_ni) f_dl <= {4*D{1'b0}};
    else if (en_i) f_dl <= {f_dl[4*D-5:0], t_fp, t_lt, t_ft, t_v};
  // row i's token at stage s (s = 2: S2, the tap enters its PE): row 0's S0
  // token i*K + s advances ago
  function [3:0] f_tok(input integer i, input integer s);
    f_tok = f_dl[4*(i*f_k + s - 1) +: 4];
  endfunction
  wire [3:0] s1_0 = f_tok(0, 1);
  wire [3:0] s2_0 = f_tok(0, 2), s2_1 = f_tok(1, 2), s2_2 = f_tok(2, 2);
  wire [3:0] s3_0 = f_tok(0, 3), s3_1 = f_tok(1, 3), s3_2 = f_tok(2, 3);
  wire [3:0] s4_2 = f_tok(2, 4), s5_2 = f_tok(2, 5);

  // ---- shadow sums ----
  reg [15:0] f_pp [0:2];          // product of the tap at S2 -> accumulated at S3
  reg [31:0] f_sum [0:2];
  reg [31:0] f_top;
  reg [31:0] f_fq;                // the FIFO word as of the last advance
  reg [7:0]  f_id [0:2];
  reg [2:0]  f_n [0:2];
  reg [7:0]  f_next_id = 8'd0;
  integer f_r;
  initial for (f_r = 0; f_r < 3; f_r = f_r + 1) begin f_id[f_r] = 8'd0; f_n[f_r] = 3'd0; end
  wire [3:0] s3 [0:2];
  assign s3[0] = s3_0; assign s3[1] = s3_1; assign s3[2] = s3_2;
  always @(posedge clk_i)
    if (!rst_ni) begin
      for (f_r = 0; f_r < 3; f_r = f_r + 1) begin f_id[f_r] <= 8'd0; f_n[f_r] <= 3'd0; end
      f_next_id <= 8'd0;
    end else if (en_i) begin
      f_pp[0] <= f_prod0[15:0]; f_pp[1] <= f_prod1[15:0]; f_pp[2] <= f_prod2[15:0];
      for (f_r = 0; f_r < 3; f_r = f_r + 1)
        if (s3[f_r][0]) begin
          if (s3[f_r][1]) begin
            f_sum[f_r] <= (f_r == 0 ? 32'd0 : f_sum[f_r-1 < 0 ? 0 : f_r-1])
                          + {{16{f_pp[f_r][15]}}, f_pp[f_r]};
            f_id[f_r]  <= (f_r == 0) ? f_next_id + 8'd1 : f_id[f_r-1 < 0 ? 0 : f_r-1];
            f_n[f_r]   <= 3'd1;
          end else begin
            f_sum[f_r] <= f_sum[f_r] + {{16{f_pp[f_r][15]}}, f_pp[f_r]};
            f_n[f_r]   <= f_n[f_r] + 3'd1;
          end
        end
      if (s3[0][0] && s3[0][1]) f_next_id <= f_next_id + 8'd1;
      f_fq <= fifo_rdata_i;
      if (s4_2[0] && s4_2[2])
        f_top <= (s4_2[3] ? 32'd0 : (f_chain ? f_top : f_fq)) + f_sum[2];
    end

  // ---- properties ----
  reg f_past = 1'b0, f_stall_q = 1'b0;
  reg [34:0] f_out_q;
  always @(posedge clk_i) begin
    f_past <= 1'b1; f_stall_q <= !en_i;
    f_out_q <= {top_valid, top_lp, top_gfirst, top_psum};
  end
  wire top_exp = s5_2[0] && s5_2[2];     // row 2 finished a pixel's last tap, one advance ago
  always @* if (rst_ni) begin
    // A1: hand-off between rows
    if (en_i && s3_1[0] && s3_1[1]) assert (f_n[0] == f_k && f_id[0] == f_id[1] + 8'd1);
    if (en_i && s3_2[0] && s3_2[1]) assert (f_n[1] == f_k && f_id[1] == f_id[2] + 8'd1);
    // A2: top output
    if (s4_2[0] && s4_2[2]) assert (f_n[2] == f_k);
    assert (top_valid == top_exp);
    if (top_valid) assert (top_psum == f_top);
    assert (fifo_re == (en_i && s2_2[0] && s2_2[2] && !s2_2[3] && !f_chain));
    assert (fifo_claim == (en_i && s1_0[0] && s1_0[1] && !s1_0[3] && !f_chain));
    // A3: stall
    if (f_past && f_stall_q) assert ({top_valid, top_lp, top_gfirst, top_psum} == f_out_q);
  end
  // non-vacuity: two pixels complete at the top, the second after a stall
  reg f_stalled = 1'b0;
  always @(posedge clk_i) if (rst_ni && !en_i && f_id[2] != 8'd0) f_stalled <= 1'b1;
  always @* cover (rst_ni && top_valid && f_id[2] == 8'd2 && f_stalled && f_k == 3'd3);
  // ... and in chain mode: a later pass's sum chained onto the first one's
  always @* cover (rst_ni && top_valid && f_chain && !s5_2[3] && f_id[2] == 8'd2);
  // strengthening (checked every step, then used by the later steps): each
  // row's S2 token (the tap entering its PEs) has the shadow's valid and
  // first-tap flags
  wire [TokW-1:0] f_t2_0, f_t2_1, f_t2_2;   // g_row[i].t2_q, connected in array.sby
  // ... and each row's accumulator holds the shadow sum of its pixel
  // (20 bits: one pass of at most 9 products of |p| <= 2^15 never wraps)
  wire [19:0] f_acc0, f_acc1, f_acc2;       // the PEs' acc_q, connected in array.sby
  always @* if (rst_ni) begin
    if (f_n[0] != 3'd0) assert ({{12{f_acc0[19]}}, f_acc0} == f_sum[0]);
    if (f_n[1] != 3'd0) assert ({{12{f_acc1[19]}}, f_acc1} == f_sum[1]);
    if (f_n[2] != 3'd0) assert ({{12{f_acc2[19]}}, f_acc2} == f_sum[2]);
    assert (f_t2_0[`EYRIE_T_VALID] == s2_0[0] && (!s2_0[0] || f_t2_0[`EYRIE_T_FT] == s2_0[1]));
    assert (f_t2_1[`EYRIE_T_VALID] == s2_1[0] && (!s2_1[0] || f_t2_1[`EYRIE_T_FT] == s2_1[1]));
    assert (f_t2_2[`EYRIE_T_VALID] == s2_2[0] && (!s2_2[0] || f_t2_2[`EYRIE_T_FT] == s2_2[1]));
  end
  wire unused_a = ^{fifo_re, fifo_rd1, row_endp, row_endp_h, top_glast, f_t2_0, f_t2_1, f_t2_2, f_acc0, f_acc1, f_acc2, f_prod0[31:16], f_prod1[31:16], f_prod2[31:16]};
endmodule
