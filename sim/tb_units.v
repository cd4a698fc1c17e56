// tb_units - Verilator wrapper holding one instance of each unit under test
// (requantizer, PE, maxpool, buffers) so that one model serves all unit
// benches. Not part of the design.
`include "eyrie_defs.vh"
module tb_units (
  input  wire         clk_i,
  input  wire         rst_ni,
  // requantizer
  input  wire         rq_in_valid_i,
  output wire         rq_in_ready_o,
  input  wire [31:0]  rq_acc_i,
  input  wire [15:0]  rq_m_i,
  input  wire [4:0]   rq_s_i,
  input  wire [7:0]   rq_z_i,
  input  wire         rq_relu_i,
  input  wire [31:0]  rq_user_i,
  output wire         rq_out_valid_o,
  input  wire         rq_out_ready_i,
  output wire [7:0]   rq_q_o,
  output wire [31:0]  rq_user_o,
  // PE
  input  wire         pe_en_i,
  input  wire         pe_valid_i,
  input  wire         pe_first_i,
  input  wire [7:0]   pe_pix_i,
  input  wire [7:0]   pe_w_i,
  input  wire [31:0]  pe_psum_i,
  output wire [31:0]  pe_psum_o,
  output wire [31:0]  pe_psum1_o,
  // maxpool (4 lanes)
  input  wire         mp_in_valid_i,
  output wire         mp_in_ready_o,
  input  wire         mp_first_i,
  input  wire         mp_last_i,
  input  wire [127:0] mp_in_data_i,
  output wire         mp_out_valid_o,
  input  wire         mp_out_ready_i,
  output wire [127:0] mp_out_data_o,
  // buffers
  input  wire         rb_we_i,
  input  wire [7:0]   rb_waddr_i,
  input  wire [15:0]  rb_wdata_i,
  input  wire         rb_re_i,
  input  wire [7:0]   rb_raddr_i,
  output wire [15:0]  rb_rdata_o,
  input  wire [1:0]   rbe_be_i,
  output wire [15:0]  rbe_rdata_o
);
  eyrie_requant #(.UserW(32)) u_rq (
    .clk_i(clk_i), .rst_ni(rst_ni), .in_valid_i(rq_in_valid_i), .in_ready_o(rq_in_ready_o),
    .acc_i(rq_acc_i), .m_i(rq_m_i), .s_i(rq_s_i), .z_out_i(rq_z_i), .relu_i(rq_relu_i),
    .user_i(rq_user_i), .out_valid_o(rq_out_valid_o), .out_ready_i(rq_out_ready_i),
    .q_o(rq_q_o), .user_o(rq_user_o));
  // PE = multiplier pair + accumulator; both lanes get the same weight
  wire [15:0] p0, p1;
  eyrie_mul8x2 u_mul (.clk_i(1'b0), .en_i(1'b0), .pix_i(pe_pix_i), .pix1_i(pe_pix_i), .w0_i(pe_w_i), .w1_i(pe_w_i), .p0_o(p0), .p1_o(p1));
  eyrie_pe u_pe (
    .clk_i(clk_i), .rst_ni(rst_ni), .en_i(pe_en_i), .mac_valid_i(pe_valid_i),
    .first_i(pe_first_i), .prod_i(p0), .psum_i(pe_psum_i), .psum_o(pe_psum_o));
  eyrie_pe u_pe1 (
    .clk_i(clk_i), .rst_ni(rst_ni), .en_i(pe_en_i), .mac_valid_i(pe_valid_i),
    .first_i(pe_first_i), .prod_i(p1), .psum_i(pe_psum_i), .psum_o(pe_psum1_o));
  wire mp_ov_next;                     // used by eyrie_layer's stall (checked there)
  eyrie_maxpool #(.Lanes(4)) u_mp (
    .clk_i(clk_i), .rst_ni(rst_ni), .in_valid_i(mp_in_valid_i), .in_ready_o(mp_in_ready_o),
    .in_first_i(mp_first_i), .in_last_i(mp_last_i), .in_data_i(mp_in_data_i),
    .out_valid_o(mp_out_valid_o), .out_ready_i(mp_out_ready_i), .out_data_o(mp_out_data_o),
    .ov_next_o(mp_ov_next));
  wire unused_mp = mp_ov_next;
  eyrie_ram_sdp #(.Width(16), .Depth(256), .AddrW(8)) u_rb (
    .clk_i(clk_i), .we_i(rb_we_i), .waddr_i(rb_waddr_i), .wdata_i(rb_wdata_i),
    .re_i(rb_re_i), .raddr_i(rb_raddr_i), .rdata_o(rb_rdata_o));
  eyrie_ram_be #(.Depth(256), .AddrW(8)) u_rbe (
    .clk_i(clk_i), .be_i(rbe_be_i), .waddr_i(rb_waddr_i), .wdata_i(rb_wdata_i),
    .re_i(rb_re_i), .raddr_i(rb_raddr_i), .rdata_o(rbe_rdata_o));
endmodule
