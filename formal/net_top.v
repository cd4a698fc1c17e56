// Proof top of the eyrie_net sequencer (net.sby): every input free (the
// host side and run), rules in bind/eyrie_net.vh. Cut-down memories (ActAw
// 3, WtAw 3 = 4 fast + 2 slow words, QAw 2, DAw 1: two layers) and Cols 2:
// the sequencer's logic does not depend on them except through the layer
// count (DAw) and the descriptor guard's limits (KMax 7 and WMax 128 as in
// the network; the address limits scale with the memories).
`include "eyrie_defs.vh"
module net_top (
  input  wire             clk_i,
  input  wire             rst_ni,
  input  wire             act_we_i,
  input  wire [3:0]       act_waddr_i,
  input  wire [7:0]       act_wdata_i,
  input  wire             act_re_i,
  input  wire [2:0]       act_raddr_i,
  input  wire             wt_we_i,
  input  wire [3:0]       wt_waddr_i,
  input  wire [7:0]       wt_wdata_i,
  input  wire             q_we_i,
  input  wire [1:0]       q_waddr_i,
  input  wire [63:0]      q_wdata_i,
  input  wire             d_we_i,
  input  wire [5:0]       d_waddr_i,
  input  wire [7:0]       d_wdata_i,
  input  wire             run_i,
  input  wire [1:0]       nlayers_i,
  input  wire [2:0]       lbase_i,
  input  wire [7:0]       ncls_i
);
  wire busy, done, err;
  wire [7:0] cls;
  wire [31:0] cyc;
  wire [15:0] ard;
  wire dv;
  wire [3:0] da;
  wire [7:0] dd;
  wire dl;
  eyrie_net #(.Rows(3), .Cols(2), .KMax(7), .WMax(128), .ActAw(3), .WtAw(3), .FastAw(2),
              .SlowAw(1), .QAw(2), .DAw(1)) dut (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .act_we_i(act_we_i), .act_waddr_i(act_waddr_i), .act_wdata_i(act_wdata_i),
    .act_re_i(act_re_i), .act_raddr_i(act_raddr_i), .act_rdata_o(ard),
    .wt_we_i(wt_we_i), .wt_waddr_i(wt_waddr_i), .wt_wdata_i(wt_wdata_i),
    .q_we_i(q_we_i), .q_waddr_i(q_waddr_i), .q_wdata_i(q_wdata_i),
    .d_we_i(d_we_i), .d_waddr_i(d_waddr_i), .d_wdata_i(d_wdata_i),
    .run_i(run_i), .nlayers_i(nlayers_i), .lbase_i(lbase_i), .ncls_i(ncls_i),
    .busy_o(busy), .done_o(done), .err_o(err), .class_o(cls), .cycles_o(cyc),
    .dbg_out_valid_o(dv), .dbg_out_addr_o(da), .dbg_out_data_o(dd), .dbg_layer_o(dl));
endmodule
