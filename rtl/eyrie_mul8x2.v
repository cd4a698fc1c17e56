// eyrie_mul8x2 - two uint8 x int8 multipliers (two PEs of one array row):
// p0 = pix*w0, p1 = pix1*w1, each a 16-bit signed product (|p| <= 32385).
// The PEs of a row share the pixel (pix1 = pix) except in a folded pooling
// layer, where the odd column of each pair takes the window's second row.
// With EYRIE_ICE40_DSP defined (iCE40 synthesis) the pair is one SB_MAC16 in
// its dual 8x8 mode (A unsigned, B signed, outputs unregistered), so the 12
// PE multipliers of a 3x4 array take 6 of the UP5K's 8 DSPs; otherwise the
// products are sums of partial products in plain logic, or, with
// EYRIE_MUL_INFER (ECP5 synthesis), plain products for the DSP inference.
// Reg = 1 registers the products (on clk_i while en_i): in the iCE40 build
// inside the SB_MAC16 (its 8x8 product registers), which is how the array
// uses it there (eyrie_pe with ProdReg = 0 then adds no register).
// Latency: combinational (Reg = 0) or 1 cycle (Reg = 1).
// Handshake: none.
module eyrie_mul8x2 #(
  parameter integer Reg = 0
) (
  input  wire        clk_i,      // Reg = 1 only
  input  wire        en_i,       // Reg = 1 only
  input  wire [7:0]  pix_i,
  input  wire [7:0]  pix1_i,
  input  wire [7:0]  w0_i,
  input  wire [7:0]  w1_i,
  output wire [15:0] p0_o,
  output wire [15:0] p1_o
);
`ifdef EYRIE_ICE40_DSP
  localparam [0:0] R = (Reg != 0);
  wire [31:0] o;
  SB_MAC16 #(
    .MODE_8x8(1'b1), .A_SIGNED(1'b0), .B_SIGNED(1'b1),
    .TOPOUTPUT_SELECT(2'b10), .BOTOUTPUT_SELECT(2'b10),
    .TOP_8x8_MULT_REG(R), .BOT_8x8_MULT_REG(R)
  ) u_mac (
    .CLK(R ? clk_i : 1'b0), .CE(R ? en_i : 1'b1), .C(16'd0), .A({pix1_i, pix_i}), .B({w1_i, w0_i}), .D(16'd0),
    .AHOLD(1'b0), .BHOLD(1'b0), .CHOLD(1'b0), .DHOLD(1'b0),
    .IRSTTOP(1'b0), .IRSTBOT(1'b0), .ORSTTOP(1'b0), .ORSTBOT(1'b0),
    .OLOADTOP(1'b0), .OLOADBOT(1'b0), .ADDSUBTOP(1'b0), .ADDSUBBOT(1'b0),
    .OHOLDTOP(1'b0), .OHOLDBOT(1'b0), .CI(1'b0), .ACCUMCI(1'b0), .SIGNEXTIN(1'b0),
    .O(o), .CO(), .ACCUMCO(), .SIGNEXTOUT());
  assign p1_o = o[31:16];
  assign p0_o = o[15:0];
`else
  wire [15:0] c0, c1;                  // the products, combinational
`ifdef EYRIE_MUL_INFER
  // plain products: the synthesizer maps them to its multipliers (ECP5 MULT18)
  wire signed [16:0] q0 = $signed({1'b0, pix_i}) * $signed(w0_i);
  wire signed [16:0] q1 = $signed({1'b0, pix1_i}) * $signed(w1_i);
  assign c0 = q0[15:0];
  assign c1 = q1[15:0];
  wire unused_q = q0[16] ^ q1[16];
`else
  // p = sum over b < 7 of w[b]*pix*2^b  -  w[7]*pix*2^7
  reg [15:0] p0, p1;
  integer b;
  always @* begin
    p0 = 16'd0;
    p1 = 16'd0;
    for (b = 0; b < 7; b = b + 1) begin
      if (w0_i[b]) p0 = p0 + ({8'd0, pix_i} << b);
      if (w1_i[b]) p1 = p1 + ({8'd0, pix1_i} << b);
    end
    if (w0_i[7]) p0 = p0 - ({8'd0, pix_i} << 7);
    if (w1_i[7]) p1 = p1 - ({8'd0, pix1_i} << 7);
  end
  assign c0 = p0;
  assign c1 = p1;
`endif
  if (Reg != 0) begin : g_reg
    reg [15:0] r0, r1;
    always @(posedge clk_i) if (en_i) {r0, r1} <= {c0, c1};
    assign p0_o = r0;
    assign p1_o = r1;
  end else begin : g_comb
    assign p0_o = c0;
    assign p1_o = c1;
    wire unused_ce = clk_i ^ en_i;
  end
`endif
endmodule
