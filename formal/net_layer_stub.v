// eyrie_layer, abstracted for the sequencer proof (net.sby reads this file
// instead of rtl/eyrie_layer.v): same ports; busy from start_i until done_o,
// done_o at a free time while busy (bind/eyrie_net.vh bounds it), every
// memory request, address and output byte free while busy. So the proof
// holds for any engine behaviour within the latency bound; the engine's own
// properties are the unit and layer jobs'.
`include "eyrie_defs.vh"
module eyrie_layer #(
  parameter integer Rows = 3, parameter integer Cols = 4, parameter integer KMax = 5,
  parameter integer WMax = 128, parameter integer ActAw = 14, parameter integer WtAw = 13,
  parameter integer QAw = 10, parameter integer WPair = 0, parameter integer APair = 0,
  parameter integer DescReg = 1
) (
  input  wire                     clk_i,
  input  wire                     rst_ni,
  input  wire                     start_i,
  input  wire [`EYRIE_DESC_W-1:0] desc_i,
  output wire                     busy_o,
  output wire                     done_o,
  output wire                     act_req_o,
  input  wire                     act_gnt_i,
  output wire [ActAw-1:0]         act_addr_o,
  input  wire [(APair+1)*16-1:0]  act_data_i,
  output wire                     wt_req_o,
  input  wire                     wt_gnt_i,
  output wire [WtAw-1:0]          wt_addr_o,
  input  wire [(WPair+1)*Cols*8-1:0] wt_data_i,
  output wire                     q_re_o,
  output wire [QAw-1:0]           q_addr_o,
  input  wire [`EYRIE_Q_W-1:0]    q_data_i,
  output wire                     out_valid_o,
  input  wire                     out_ready_i,
  output wire [ActAw:0]           out_addr_o,
  output wire [7:0]               out_data_o,
  output wire [31:0]              cycles_o,
  output wire [31:0]              steps_o
);
  reg busy_q;
  (* anyseq *) reg f_fin, f_areq, f_wreq, f_qre, f_ov;
  (* anyseq *) reg [ActAw-1:0] f_aa;
  (* anyseq *) reg [WtAw-1:0]  f_wa;
  (* anyseq *) reg [QAw-1:0]   f_qa;
  (* anyseq *) reg [ActAw:0]   f_oa;
  (* anyseq *) reg [7:0]       f_od;
  (* anyseq *) reg [31:0]      f_c, f_s;
  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) busy_q <= 1'b0;
    else if (!busy_q && start_i) busy_q <= 1'b1;
    else if (done_o) busy_q <= 1'b0;
  assign busy_o = busy_q;
  assign done_o = busy_q && f_fin;
  assign act_req_o = busy_q && f_areq;
  assign act_addr_o = f_aa;
  assign wt_req_o = busy_q && f_wreq;
  assign wt_addr_o = f_wa;
  assign q_re_o = busy_q && f_qre;
  assign q_addr_o = f_qa;
  assign out_valid_o = busy_q && f_ov;
  assign out_addr_o = f_oa;
  assign out_data_o = f_od;
  assign cycles_o = f_c;
  assign steps_o = f_s;
  wire unused = ^{desc_i, act_gnt_i, act_data_i, wt_gnt_i, wt_data_i, q_data_i, out_ready_i};
endmodule
