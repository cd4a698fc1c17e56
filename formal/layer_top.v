// layer_top - cover-only top for a whole layer: eyrie_layer_top (controller,
// loaders, scheduler, PE array, FIFO, maxpool, output path and memories)
// with a tiny geometry (Rows 2, Cols 2, KMax 3, WMax 4, small memories whose
// initial contents are arbitrary, i.e. any weights, qparams and image) and
// one small legal descriptor: C_in 1, C_out 2, 3 x 3 input, K 2, no padding,
// ReLU, no pooling, output at word 8. Memory grants and the output ready
// are free (any stall pattern). Cover: done_o, i.e. the complete layer is
// reachable under these assumptions (the proofs of the parts are not
// vacuous for a real layer), with at least one stall on the output.
// LAYER_PAIR: the weight-pair build of the wide arrays (WPair = 1: the
// banked weight memory, taps loaded two at a time into even / odd
// scratchpad banks) with K = 3, so each row's last tap is a single read;
// the 3 x 3 input gives one output pixel (two chained passes).
`include "eyrie_defs.vh"
module layer_top (
  input wire clk_i,
  input wire rst_ni,
  input wire start_i,
  input wire act_gnt_i,
  input wire wt_gnt_i,
  input wire out_ready_i
);
  reg f_init = 1'b0;
  always @(posedge clk_i) f_init <= 1'b1;
  always @* assume (rst_ni == f_init);

  reg [`EYRIE_DESC_W-1:0] desc;
  always @* begin
    desc = {`EYRIE_DESC_W{1'b0}};
    desc[`EYRIE_D_CIN] = 16'd1;
    desc[`EYRIE_D_COUT] = 16'd2;
    desc[`EYRIE_D_H] = 16'd3;
    desc[`EYRIE_D_W] = 16'd3;
`ifdef LAYER_PAIR
    desc[`EYRIE_D_K] = 3'd3;
`else
    desc[`EYRIE_D_K] = 3'd2;
`endif
    desc[`EYRIE_D_RELU] = 1'b1;
    desc[`EYRIE_D_OUTBASE] = 16'd8;
  end
  wire busy, done, out_valid;
`ifdef LAYER_PAIR
  localparam integer WPair = 1;
`else
  localparam integer WPair = 0;
`endif
  eyrie_layer_top #(.Rows(2), .Cols(2), .KMax(3), .WMax(4), .ActAw(5), .WtAw(4), .QAw(2),
                    .WPair(WPair)) dut (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .ld_act_be_i(2'b00), .ld_act_addr_i(5'd0), .ld_act_data_i(16'd0),
    .ld_wt_we_i(1'b0), .ld_wt_addr_i(4'd0), .ld_wt_data_i(16'd0),
    .ld_q_we_i(1'b0), .ld_q_addr_i(2'd0), .ld_q_data_i(64'd0),
    .start_i(start_i), .desc_i(desc), .busy_o(busy), .done_o(done),
    .act_gnt_i(act_gnt_i), .wt_gnt_i(wt_gnt_i),
    .out_valid_o(out_valid), .out_ready_i(out_ready_i), .out_addr_o(), .out_data_o(),
    .cycles_o(), .steps_o());
  always @* if (start_i) assume (!busy && rst_ni);
  vr_check #(.W(1), .Assume(0)) f_out (.clk_i(clk_i), .rst_ni(rst_ni), .valid_i(out_valid),
    .ready_i(out_ready_i), .data_i(1'b0));
  reg f_started = 1'b0, f_stalled = 1'b0;
  always @(posedge clk_i) begin
    if (start_i) f_started <= 1'b1;
    if (out_valid && !out_ready_i) f_stalled <= 1'b1;
  end
  always @* cover (f_started && f_stalled && done);
`ifdef LAYER_BMC
  // task bmc: done_o only for a started layer (the other assertions of
  // that job are the module contracts bound inside, see layer.sby)
  reg f_run = 1'b0;
  always @(posedge clk_i)
    if (start_i) f_run <= 1'b1;
    else if (done) f_run <= 1'b0;
  always @* if (rst_ni && done) assert (f_run);
`endif
endmodule
