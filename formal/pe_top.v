// pe_top - proof top for the PE pair of one array row: eyrie_mul8x2 (plain
// logic path) feeding two eyrie_pe, as in eyrie_pe_array. Free pixel,
// weights, psums, en and tap flags. Checked here: each product is the
// contract's uint8 x int8 product (docs/numerics.md s.2); checked inside
// each PE (bind/eyrie_pe.vh): psum = psum_in + sum of the products entered
// (psum_in = 0 for the bottom-row variant u_pe2).
// The product check is its own job (pe.sby task mul, top pe_mul_top): alone it is
// a small combinational proof, mixed into the induction it slows it down.
// Together: psum_o = psum_in + sum of pix * w over the taps that entered.
module pe_top (
  input wire        clk_i,
  input wire        rst_ni,
  input wire        en_i,
  input wire        mac_valid_i,
  input wire        first_i,
  input wire [7:0]  pix_i,
  input wire [7:0]  w0_i,
  input wire [7:0]  w1_i,
  input wire [31:0] psum0_i,
  input wire [31:0] psum1_i
);
  reg f_init = 1'b0;
  always @(posedge clk_i) f_init <= 1'b1;
  always @* assume (rst_ni == f_init);

  wire [15:0] p0, p1;
  wire [31:0] psum0_o, psum1_o;
  eyrie_mul8x2 u_mul (.clk_i(1'b0), .en_i(1'b0), .pix_i(pix_i), .pix1_i(pix_i), .w0_i(w0_i), .w1_i(w1_i),
    .p0_o(p0), .p1_o(p1));
  eyrie_pe u_pe0 (.clk_i(clk_i), .rst_ni(rst_ni), .en_i(en_i), .mac_valid_i(mac_valid_i),
    .first_i(first_i), .prod_i(p0), .psum_i(psum0_i), .psum_o(psum0_o));
  eyrie_pe u_pe1 (.clk_i(clk_i), .rst_ni(rst_ni), .en_i(en_i), .mac_valid_i(mac_valid_i),
    .first_i(first_i), .prod_i(p1), .psum_i(psum1_i), .psum_o(psum1_o));
  // a bottom-row PE as the array builds it (one pass of sums, 20 bits for
  // Rows*KMax = 9 products; psum taken as 0): same property, base 0
  wire [19:0] psum2_o;
  eyrie_pe #(.PsW(20), .Bottom(1)) u_pe2 (.clk_i(clk_i), .rst_ni(rst_ni), .en_i(en_i),
    .mac_valid_i(mac_valid_i), .first_i(first_i), .prod_i(p0), .psum_i(20'd0), .psum_o(psum2_o));
  wire unused_pe2 = ^psum2_o;


endmodule

// pe_mul_top - the products of eyrie_mul8x2 against the contract's uint8 x
// int8 product, every pixel (one per product) and weight (-128 included: the multiplier must
// not care that the loader excludes it). pe.sby reads it plain (task mul:
// the logic path) and with EYRIE_ICE40_DSP (task dsp_mul: the SB_MAC16).
module pe_mul_top (
  input wire [7:0] pix_i,
  input wire [7:0] pix1_i,
  input wire [7:0] w0_i,
  input wire [7:0] w1_i
);
  wire [15:0] p0, p1;
  eyrie_mul8x2 u_mul (.clk_i(1'b0), .en_i(1'b0), .pix_i(pix_i), .pix1_i(pix1_i), .w0_i(w0_i), .w1_i(w1_i),
    .p0_o(p0), .p1_o(p1));
  wire signed [16:0] f_p0 = $signed({1'b0, pix_i}) * $signed(w0_i);
  wire signed [16:0] f_p1 = $signed({1'b0, pix1_i}) * $signed(w1_i);
  always @* begin
    assert ($signed(p0) == f_p0);
    assert ($signed(p1) == f_p1);
  end
endmodule
