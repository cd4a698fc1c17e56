// eyrie_pe - one processing element of the row-stationary array.
// Each cycle with mac_valid_i it takes the product of an input pixel (uint8
// code) and one tap of its stationary filter row (int8), formed by the row's
// eyrie_mul8x2 (one multiplier per PE, paired so that two PEs share an iCE40
// DSP), and accumulates the 16-bit signed product into an int32 partial sum.
// On the first tap of an output pixel the sum starts from psum_i (the partial sum arriving from the PE
// below, or from the accumulator FIFO for the bottom row) instead of its own
// register, so partial sums accumulate vertically through the column.
// Latency: product registered (1 cycle), accumulator 1 cycle: psum_o shows
// the sum including a tap 2 cycles after that tap entered.
// Handshake: none inside the array; en_i is the array-wide advance (all
// registers hold when it is low).
// ProdReg = 0: prod_i is already the registered product (the iCE40 array
// registers it inside the SB_MAC16, saving 16 logic cells per PE); the
// timing seen at psum_o is the same.
// PsW: partial-sum width. The array carries only the sum of one pass (at
// most Rows*KMax products, |product| < 2^15) through its columns and adds
// the 32-bit sum of the earlier passes once at the top, so its PEs are
// 16 + clog2(Rows*KMax) bits wide; the sum wraps at PsW bits like the
// contract's int32 at 32. Bottom = 1: psum_i is taken as 0 (the bottom row
// of the array): the first tap loads its product, one LUT per bit.
module eyrie_pe #(
  parameter integer ProdReg = 1,
  parameter integer PsW     = 32,
  parameter integer Bottom  = 0
) (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire        en_i,
  input  wire        mac_valid_i,
  input  wire        first_i,
  input  wire [15:0] prod_i,     // pixel x weight of this tap (eyrie_mul8x2)
  input  wire [PsW-1:0] psum_i,     // unused when Bottom = 1
  output wire [PsW-1:0] psum_o
);
  reg        v_q, first_q;
  reg [15:0] prod_r;
  wire [15:0] prod_q = (ProdReg != 0) ? prod_r : prod_i;
  reg [PsW-1:0] acc_q;

  wire [PsW-1:0] prod_x = {{(PsW-16){prod_q[15]}}, prod_q};
  wire [PsW-1:0] acc_d;
  generate
    if (Bottom != 0) begin : g_bot
      // the select after the adder folds into the adder's LUTs
      wire [PsW-1:0] sum = acc_q + prod_x;
      assign acc_d = first_q ? prod_x : sum;
      wire unused_psum = ^psum_i;
    end else begin : g_mid
      wire [PsW-1:0] base = first_q ? psum_i : acc_q;
      assign acc_d = base + prod_x;
    end
  endgenerate

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) v_q <= 1'b0; else if (en_i) v_q <= mac_valid_i;
  always @(posedge clk_i) if (en_i) {first_q, prod_r} <= {first_i, prod_i};
  always @(posedge clk_i) if (en_i && v_q) acc_q <= acc_d;

  assign psum_o = acc_q;
endmodule
