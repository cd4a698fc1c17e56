// tb_layer - Verilator top for the layer benches: eyrie_layer_top with the
// configuration given by parameters (set per build). Not part of the design.
`include "eyrie_defs.vh"
module tb_layer #(
  parameter integer Rows = 3,
  parameter integer Cols = 4,
  parameter integer WMax = 128
) (
  input  wire                     clk_i,
  input  wire                     rst_ni,
  input  wire [1:0]               ld_act_be_i,
  input  wire [14:0]              ld_act_addr_i,
  input  wire [15:0]              ld_act_data_i,
  input  wire                     ld_wt_we_i,
  input  wire [14:0]              ld_wt_addr_i,
  input  wire [Cols*8-1:0]        ld_wt_data_i,
  input  wire                     ld_q_we_i,
  input  wire [9:0]               ld_q_addr_i,
  input  wire [`EYRIE_Q_W-1:0]    ld_q_data_i,
  input  wire                     start_i,
  input  wire [`EYRIE_DESC_W-1:0] desc_i,
  output wire                     busy_o,
  output wire                     done_o,
  input  wire                     act_gnt_i,
  input  wire                     wt_gnt_i,
  output wire                     out_valid_o,
  input  wire                     out_ready_i,
  output wire [15:0]              out_addr_o,
  output wire [7:0]               out_data_o,
  output wire [31:0]              cycles_o,
  output wire [31:0]              steps_o
);
  eyrie_layer_top #(.Rows(Rows), .Cols(Cols), .KMax(5), .WMax(WMax), .ActAw(15), .WtAw(15), .QAw(10)) u_top (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .ld_act_be_i(ld_act_be_i), .ld_act_addr_i(ld_act_addr_i), .ld_act_data_i(ld_act_data_i),
    .ld_wt_we_i(ld_wt_we_i), .ld_wt_addr_i(ld_wt_addr_i), .ld_wt_data_i(ld_wt_data_i),
    .ld_q_we_i(ld_q_we_i), .ld_q_addr_i(ld_q_addr_i), .ld_q_data_i(ld_q_data_i),
    .start_i(start_i), .desc_i(desc_i), .busy_o(busy_o), .done_o(done_o),
    .act_gnt_i(act_gnt_i), .wt_gnt_i(wt_gnt_i),
    .out_valid_o(out_valid_o), .out_ready_i(out_ready_i), .out_addr_o(out_addr_o), .out_data_o(out_data_o),
    .cycles_o(cycles_o), .steps_o(steps_o));
endmodule
