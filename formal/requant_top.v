// requant_top - proof top for eyrie_requant: free inputs, stream rules
// assumed on the input, asserted on the output, pairing checked; the
// arithmetic property and the pairing check are bound inside the module
// (bind/eyrie_requant.vh).
module requant_top (
  input wire        clk_i,
  input wire        rst_ni,
  input wire        in_valid_i,
  input wire [31:0] acc_i,
  input wire [15:0] m_i,
  input wire [4:0]  s_i,
  input wire [7:0]  z_out_i,
  input wire        relu_i,
  input wire [2:0]  user_i,
  input wire        out_ready_i
);
  reg f_init = 1'b0;
  always @(posedge clk_i) f_init <= 1'b1;
  always @* assume (rst_ni == f_init);   // reset in the first cycle only

  // mul1h / mul4 restrict M at the multiplier's operand registers
  // (bind/eyrie_requant.vh, MUL_ONEHOT / MUL_NIBBLE)

  wire       in_ready, out_valid;
  wire [7:0] q;
  wire [2:0] user_o;
  eyrie_requant #(.UserW(3)) dut (
    .clk_i(clk_i), .rst_ni(rst_ni), .in_valid_i(in_valid_i), .in_ready_o(in_ready),
    .acc_i(acc_i), .m_i(m_i), .s_i(s_i), .z_out_i(z_out_i), .relu_i(relu_i), .user_i(user_i),
    .out_valid_o(out_valid), .out_ready_i(out_ready_i), .q_o(q), .user_o(user_o));

  vr_check #(.W(32+16+5+8+1+3), .Assume(1)) f_in (
    .clk_i(clk_i), .rst_ni(rst_ni), .valid_i(in_valid_i), .ready_i(in_ready),
    .data_i({acc_i, m_i, s_i, z_out_i, relu_i, user_i}));
  vr_check #(.W(8+3), .Assume(0)) f_out (
    .clk_i(clk_i), .rst_ni(rst_ni), .valid_i(out_valid), .ready_i(out_ready_i),
    .data_i({q, user_o}));
endmodule
