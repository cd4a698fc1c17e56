// eyrie_layer_top - one layer engine with its memories: activation memory
// (16-bit words, byte writes; the layer reads its input from it and writes
// its output bytes back into it), weight memory (Cols int8 per word) and
// qparam memory ({S, M, bias} per output channel). The load ports write the
// memories while the layer is idle (the test benches use them; the network
// top of a later issue puts its program loader there).
// Latency: as eyrie_layer.
// Handshake: start_i / busy_o / done_o; output bytes are also a valid/ready
// stream (out_*); act_gnt_i / wt_gnt_i grant the memory read requests (tie
// high for full speed; the benches drive them randomly).
`include "eyrie_defs.vh"
module eyrie_layer_top #(
  parameter integer Rows  = 3,
  parameter integer Cols  = 4,
  parameter integer KMax  = 5,
  parameter integer WMax  = 128,
  parameter integer ActAw = 14,
  parameter integer WtAw  = 13,
  parameter integer QAw   = 10,
  parameter integer WPair = (Cols >= `EYRIE_WPAIR_COLS) ? 1 : 0,  // as eyrie_top
  parameter integer APair = WPair
) (
  input  wire                     clk_i,
  input  wire                     rst_ni,
  // memory load ports
  input  wire [1:0]               ld_act_be_i,
  input  wire [ActAw-1:0]         ld_act_addr_i,
  input  wire [15:0]              ld_act_data_i,
  input  wire                     ld_wt_we_i,
  input  wire [WtAw-1:0]          ld_wt_addr_i,
  input  wire [Cols*8-1:0]        ld_wt_data_i,
  input  wire                     ld_q_we_i,
  input  wire [QAw-1:0]           ld_q_addr_i,
  input  wire [`EYRIE_Q_W-1:0]    ld_q_data_i,
  // layer control
  input  wire                     start_i,
  input  wire [`EYRIE_DESC_W-1:0] desc_i,
  output wire                     busy_o,
  output wire                     done_o,
  input  wire                     act_gnt_i,
  input  wire                     wt_gnt_i,
  output wire                     out_valid_o,
  input  wire                     out_ready_i,
  output wire [ActAw:0]           out_addr_o,
  output wire [7:0]               out_data_o,
  output wire [31:0]              cycles_o,
  output wire [31:0]              steps_o
);
  wire              act_req, wt_req, q_re;
  wire [ActAw-1:0]  act_addr;
  wire [(APair+1)*16-1:0] act_data;
  wire [WtAw-1:0]   wt_addr;
  wire [(WPair+1)*Cols*8-1:0] wt_data;
  wire [QAw-1:0]    q_addr;
  wire [`EYRIE_Q_W-1:0] q_data;

  eyrie_layer #(.Rows(Rows), .Cols(Cols), .KMax(KMax), .WMax(WMax), .ActAw(ActAw),
                .WtAw(WtAw), .QAw(QAw), .WPair(WPair), .APair(APair)) u_layer (
    .clk_i(clk_i), .rst_ni(rst_ni), .start_i(start_i), .desc_i(desc_i), .busy_o(busy_o), .done_o(done_o),
    .act_req_o(act_req), .act_gnt_i(act_gnt_i), .act_addr_o(act_addr), .act_data_i(act_data),
    .wt_req_o(wt_req), .wt_gnt_i(wt_gnt_i), .wt_addr_o(wt_addr), .wt_data_i(wt_data),
    .q_re_o(q_re), .q_addr_o(q_addr), .q_data_i(q_data),
    .out_valid_o(out_valid_o), .out_ready_i(out_ready_i), .out_addr_o(out_addr_o), .out_data_o(out_data_o), .cycles_o(cycles_o), .steps_o(steps_o));

  // output bytes go back into the activation memory
  wire       out_fire = out_valid_o && out_ready_i;
  wire [1:0] be    = out_fire ? {out_addr_o[0], !out_addr_o[0]} : ld_act_be_i;
  wire [ActAw-1:0] waddr = out_fire ? out_addr_o[ActAw:1] : ld_act_addr_i;
  wire [15:0] wdata = out_fire ? {out_data_o, out_data_o} : ld_act_data_i;

  generate
    if (APair != 0) begin : g_apair
      eyrie_ram_pair #(.AddrW(ActAw)) u_act (
        .clk_i(clk_i), .be_i(be), .waddr_i(waddr), .wdata_i(wdata),
        .re_i(act_req && act_gnt_i), .raddr_i(act_addr), .rdata_o(act_data));
    end else begin : g_aone
      eyrie_ram_be #(.Depth(1 << ActAw), .AddrW(ActAw)) u_act (
        .clk_i(clk_i), .be_i(be), .waddr_i(waddr), .wdata_i(wdata),
        .re_i(act_req && act_gnt_i), .raddr_i(act_addr), .rdata_o(act_data));
    end
    if (WPair != 0) begin : g_wpair
      // the bench loads while the layer is idle: the banked word-pair memory
      wire unused_gnt;
      eyrie_wtmem #(.Width(Cols*8), .AddrW(WtAw), .FastAw(WtAw), .SlowAw(0), .Pair(1)) u_wt (
        .clk_i(clk_i), .rst_ni(rst_ni), .wbe_i({Cols{ld_wt_we_i}}), .waddr_i(ld_wt_addr_i),
        .wdata_i(ld_wt_data_i), .rd_req_i(wt_req && wt_gnt_i), .rd_gnt_o(unused_gnt),
        .raddr_i(wt_addr), .rdata_o(wt_data));
    end else begin : g_wone
      eyrie_ram_sdp #(.Width(Cols*8), .Depth(1 << WtAw), .AddrW(WtAw)) u_wt (
        .clk_i(clk_i), .we_i(ld_wt_we_i), .waddr_i(ld_wt_addr_i), .wdata_i(ld_wt_data_i),
        .re_i(wt_req && wt_gnt_i), .raddr_i(wt_addr), .rdata_o(wt_data));
    end
  endgenerate
  eyrie_ram_sdp #(.Width(`EYRIE_Q_W), .Depth(1 << QAw), .AddrW(QAw)) u_q (
    .clk_i(clk_i), .we_i(ld_q_we_i), .waddr_i(ld_q_addr_i), .wdata_i(ld_q_data_i),
    .re_i(q_re), .raddr_i(q_addr), .rdata_o(q_data));
endmodule
