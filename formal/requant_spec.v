// requant_spec - docs/numerics.md section 4, written down as plainly as
// possible: every line is one line of the contract, wide enough that nothing
// can overflow. Combinational; used only by the proofs.
//   p   = acc * M                               signed 48-bit
//   r   = (p + (S > 0 ? 2^(S-1) : 0)) >> S      arithmetic (floor) shift
//   v   = r + z_out
//   out = clamp(v, lo, 255),  lo = relu ? z_out : 0
// requant_spec_p is the first line, requant_spec_rq the other three, so that
// a proof can carry p instead of acc and M (see bind/eyrie_requant.vh).
module requant_spec (
  input  wire [31:0] acc_i,    // int32
  input  wire [15:0] m_i,      // uint16
  input  wire [4:0]  s_i,      // 0..31
  input  wire [7:0]  z_out_i,  // uint8
  input  wire        relu_i,
  output wire signed [47:0] p_o,
  output wire signed [47:0] r_o,
  output wire [7:0]  q_o
);
  requant_spec_p  u_p  (.acc_i(acc_i), .m_i(m_i), .p_o(p_o));
  requant_spec_rq u_rq (.p_i(p_o), .s_i(s_i), .z_out_i(z_out_i), .relu_i(relu_i), .r_o(r_o), .q_o(q_o));
endmodule

module requant_spec_p (
  input  wire [31:0] acc_i,
  input  wire [15:0] m_i,
  output wire signed [47:0] p_o
);
  wire signed [31:0] acc = acc_i;
  wire signed [16:0] m   = {1'b0, m_i};              // M as a signed operand
  assign p_o = acc * m;                              // exact: |p| < 2^47
endmodule

module requant_spec_rq (
  input  wire signed [47:0] p_i,
  input  wire [4:0]  s_i,
  input  wire [7:0]  z_out_i,
  input  wire        relu_i,
  output wire signed [47:0] r_o,
  output wire [7:0]  q_o
);
  wire signed [47:0] half = (s_i > 5'd0) ? (48'sd1 <<< (s_i - 5'd1)) : 48'sd0;
  wire signed [47:0] r    = (p_i + half) >>> s_i;
  wire signed [49:0] v    = r + $signed({1'b0, z_out_i});
  wire signed [49:0] lo   = relu_i ? $signed({1'b0, z_out_i}) : 50'sd0;
  wire signed [49:0] q    = (v < lo) ? lo : ((v > 50'sd255) ? 50'sd255 : v);
  assign r_o = r;
  assign q_o = q[7:0];
endmodule
