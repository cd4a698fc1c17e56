// eyrie_desc_check - the layer descriptor guard: ok_o is high iff desc_i
// satisfies the limits of docs/architecture.md s.5.4 that the engine relies
// on, for this configuration (KMax, WMax, memory sizes):
//   1 <= C_in, C_out <= 8191;  1 <= H <= 255;  1 <= W <= WMax;  1 <= K <= KMax;
//   H + 2P >= K (Ho >= 1);  1 <= Wo = W + 2P - K + 1 <= WMax - 1;
//   logits: Ho = Wo = 1 and pool = 0;
//   in_base, out_base < 2^ActAw;  w_base < WtWords;  q_base + C_out <= 2^QAw.
// Not checked here (a product or a sum of tensor sizes; the program compiler
// and the host's header check cover them): C_in*K <= 8191, tensor extents,
// disjoint input and output regions. The bit-level forms below use K <= 7
// (a 3-bit field): "H + 2P >= K" needs only H's low three bits when H < 8.
// Latency: combinational (eyrie_net registers the verdict).
// Handshake: none.
`include "eyrie_defs.vh"
module eyrie_desc_check #(
  parameter integer KMax    = 7,
  parameter integer WMax    = 128,     // <= 255
  parameter integer ActAw   = 14,
  parameter integer WtWords = 24576,   // weight words the memory holds
  parameter integer QAw     = 8
) (
  input  wire [`EYRIE_DESC_W-1:0] desc_i,
  output wire                     ok_o
);
  localparam [31:0] WMAX32 = WMax, KMAX32 = KMax, WTN32 = WtWords;
  localparam [8:0]  WMAX9 = WMAX32[8:0];
  localparam [2:0]  KMAX3 = KMAX32[2:0];
  localparam [16:0] WTN   = WTN32[16:0];

  wire [15:0] cin  = desc_i[`EYRIE_D_CIN];
  wire [15:0] cout = desc_i[`EYRIE_D_COUT];
  wire [15:0] h    = desc_i[`EYRIE_D_H];
  wire [15:0] w    = desc_i[`EYRIE_D_W];
  wire [2:0]  k    = desc_i[`EYRIE_D_K];
  wire        pad  = desc_i[`EYRIE_D_PAD];
  wire        pool = desc_i[`EYRIE_D_POOL];
  wire        lgts = desc_i[`EYRIE_D_LOGITS];
  wire [15:0] inb  = desc_i[`EYRIE_D_INBASE];
  wire [15:0] outb = desc_i[`EYRIE_D_OUTBASE];
  wire [15:0] wb   = desc_i[`EYRIE_D_WBASE];
  wire [15:0] qb   = desc_i[`EYRIE_D_QBASE];

  // a >= b as plain logic (a ripple of bit compares): Yosys keeps it out of
  // the carry chains, and with a constant operand it folds to a few LUTs
  function automatic ge17(input [16:0] a, input [16:0] b);
    integer i;
    begin
      ge17 = 1'b1;
      for (i = 0; i < 17; i = i + 1)
        ge17 = (a[i] & ~b[i]) | (~(a[i] ^ b[i]) & ge17);
    end
  endfunction

  // field ranges (bits only)
  wire c_ok  = (cin[15:13] == 3'd0) && (cin[12:0] != 13'd0) &&
               (cout[15:13] == 3'd0) && (cout[12:0] != 13'd0);
  wire h_ok  = (h[15:8] == 8'd0) && (h[7:0] != 8'd0);
  wire w_ok  = (w[15:8] == 8'd0) && (w[7:0] != 8'd0) && ge17({8'd0, WMAX9}, {9'd0, w[7:0]});
  wire k_le;
  generate
    if (KMax >= 7) begin : g_k7
      assign k_le = 1'b1;                    // every 3-bit K
    end else begin : g_kmax
      assign k_le = ge17({14'd0, KMAX3}, {14'd0, k});
    end
  endgenerate
  wire k_ok  = (k != 3'd0) && k_le;
  // H + 2P and W + 2P meet K (<= 7) only in their low three bits:
  // x + 2P >= K  <=>  x >= 8 or x[2:0] + 2P >= K  (sums as bit logic)
  wire [3:0] h2p = {h[2] & h[1] & pad, h[2] ^ (h[1] & pad), h[1] ^ pad, h[0]};
  wire [3:0] w2p = {w[2] & w[1] & pad, w[2] ^ (w[1] & pad), w[1] ^ pad, w[0]};
  wire hbig  = |h[7:3];
  wire wbig  = |w[7:3];
  wire ho_ok = hbig || ge17({13'd0, h2p}, {14'd0, k});        // Ho >= 1
  wire wo_lo = wbig || ge17({13'd0, w2p}, {14'd0, k});        // Wo >= 1
  // Wo <= WMax - 1  <=>  K >= 2P + 2 - (WMax - W): with W <= WMax (w_ok) only
  // W = WMax, WMax - 1, WMax - 2 can fail (K >= 1)
  wire [7:0] wm0 = WMAX9[7:0], wm1 = WMAX9[7:0] - 8'd1, wm2 = WMAX9[7:0] - 8'd2;
  wire [2:0] kneed = (w[7:0] == wm0) ? {pad, !pad, 1'b0} :     // 2P + 2
                     (w[7:0] == wm1) ? {1'b0, pad, 1'b1} :     // 2P + 1
                     (w[7:0] == wm2) ? {1'b0, pad, 1'b0} :     // 2P
                     3'd0;
  wire wo_hi = ge17({14'd0, k}, {14'd0, kneed});
  wire lg_ok = !lgts || (!pool && !hbig && !wbig && h2p == {1'b0, k} && w2p == {1'b0, k});
  // base addresses inside their memories
  wire [16:0] inb17 = {1'b0, inb}, outb17 = {1'b0, outb};
  wire a_ok  = ((inb17 >> ActAw) == 17'd0) && ((outb17 >> ActAw) == 17'd0);
  wire wb_ok = !ge17({1'b0, wb}, WTN);
  // q_base + C_out <= 2^QAw: the upper bits of both zero and the QAw + 1 bit
  // sum of the rest at most 2^QAw
  wire [16:0] qb17 = {1'b0, qb}, co17 = {4'd0, cout[12:0]};
  wire [QAw:0] qlo = {1'b0, qb17[QAw-1:0]};
  wire [QAw+1:0] qsum = {1'b0, qlo} + {1'b0, co17[QAw:0]};
  wire q_ok  = ((qb17 >> QAw) == 17'd0) && ((co17 >> (QAw + 1)) == 17'd0) &&
               !qsum[QAw+1] && !(qsum[QAw] && (qsum[QAw-1:0] != {QAw{1'b0}}));

  assign ok_o = c_ok && h_ok && w_ok && k_ok && ho_ok && wo_lo && wo_hi && lg_ok &&
                a_ok && wb_ok && q_ok;

  wire unused = ^{desc_i[79:76], desc_i[73], desc_i[71:67], desc_i[95:80]};
endmodule
