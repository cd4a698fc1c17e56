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
module eyrie_pe #(
  parameter integer ProdReg = 1
) (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire        en_i,
  input  wire        mac_valid_i,
  input  wire        first_i,
  input  wire [15:0] prod_i,     // pixel x weight of this tap (eyrie_mul8x2)
  input  wire [31:0] psum_i,
  output wire [31:0] psum_o
);
  reg        v_q, first_q;
  reg [15:0] prod_r;
  wire [15:0] prod_q = (ProdReg != 0) ? prod_r : prod_i;
  reg [31:0] acc_q;

  wire        [31:0] base   = first_q ? psum_i : acc_q;
  wire        [31:0] acc_d  = base + {{16{prod_q[15]}}, prod_q};

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) v_q <= 1'b0; else if (en_i) v_q <= mac_valid_i;
  always @(posedge clk_i) if (en_i) {first_q, prod_r} <= {first_i, prod_i};
  always @(posedge clk_i) if (en_i && v_q) acc_q <= acc_d;

  assign psum_o = acc_q;
endmodule
