// pairmax_top - proof top for eyrie_pairmax with Lanes = 4 (two pairs: the
// pair loop's bodies are shown independent), Depth = 3 (the output register
// and a queue of two, which wraps) and the fold mode an anyconst (a layer
// constant). Stream rules assumed on the input, asserted on the output.
// Properties (numerics.md s.5, the folded window's last step):
//   folded:   one output per input vector, at most Depth held (flow_check);
//             the f_k-th output (f_k an anyconst: every position) is the
//             f_k-th input's pair maxima: lane j = the signed maximum of
//             input lanes 2j, 2j+1, upper lanes zero (so values and order);
//   unfolded: the stage is wires (same valid, ready and data).
// Covers: the queue full with the output stalled; an output taken while a
// vector comes in with the queue not empty; pair 0 won by its odd lane, and
// by its even lane.
module pairmax_top (
  input wire         clk_i,
  input wire         rst_ni,
  input wire         in_valid_i,
  input wire [127:0] in_data_i,
  input wire         out_ready_i
);
  reg f_init = 1'b0;
  always @(posedge clk_i) f_init <= 1'b1;
  always @* assume (rst_ni == f_init);
  (* anyconst *) reg f_fold;

  wire         in_ready, out_valid;
  wire [127:0] out_data;
  eyrie_pairmax #(.Lanes(4), .Depth(3)) dut (
    .clk_i(clk_i), .rst_ni(rst_ni), .fold_i(f_fold),
    .in_valid_i(in_valid_i), .in_ready_o(in_ready), .in_data_i(in_data_i),
    .out_valid_o(out_valid), .out_ready_i(out_ready_i), .out_data_o(out_data));

  vr_check #(.W(128), .Assume(1)) f_in (
    .clk_i(clk_i), .rst_ni(rst_ni), .valid_i(in_valid_i), .ready_i(in_ready), .data_i(in_data_i));
  vr_check #(.W(128), .Assume(0)) f_out (
    .clk_i(clk_i), .rst_ni(rst_ni), .valid_i(out_valid), .ready_i(out_ready_i), .data_i(out_data));

  // the spec: signed maximum of each pair, written out per pair
  function [31:0] smax(input [31:0] a, input [31:0] b);
    smax = ($signed(a) >= $signed(b)) ? a : b;
  endfunction
  wire [127:0] f_spec = {64'd0, smax(in_data_i[127:96], in_data_i[95:64]),
                                smax(in_data_i[63:32], in_data_i[31:0])};
  wire         f_in_take = in_valid_i && in_ready;
  wire         f_out_take = out_valid && out_ready_i;
  (* anyconst *) reg [3:0] f_k;
  reg  [3:0]   f_nin = 4'd0, f_nout = 4'd0;
  reg  [127:0] f_exp;
  reg          f_have = 1'b0;
  reg          f_odd;                                         // pair 0's odd lane won
  always @(posedge clk_i) begin
    if (f_fold && f_in_take) f_nin <= f_nin + 4'd1;
    if (f_fold && f_out_take) f_nout <= f_nout + 4'd1;
    if (f_fold && f_in_take && f_nin == f_k) begin
      f_exp <= f_spec; f_have <= 1'b1;
      f_odd <= $signed(in_data_i[63:32]) > $signed(in_data_i[31:0]);
    end
  end

  wire [3:0] f_count;
  flow_check #(.Cap(3), .CntW(4)) f_flow (
    .clk_i(clk_i), .rst_ni(rst_ni), .in_item_i(f_fold && f_in_take),
    .out_valid_i(f_fold && out_valid), .out_ready_i(out_ready_i), .count_o(f_count));

  always @* if (rst_ni) begin
    if (f_fold) begin
      assert (out_valid == (f_count != 4'd0));
      if (out_valid && f_nout == f_k) assert (f_have && out_data == f_exp);   // THE property
    end else begin
      assert (out_valid == in_valid_i && in_ready == out_ready_i && out_data == in_data_i);
    end
  end
  always @* if (rst_ni) begin
    cover (f_fold && f_count == 4'd3 && !out_ready_i && in_valid_i);
    cover (f_fold && f_out_take && f_in_take && f_count == 4'd2);
    cover (f_fold && out_valid && f_nout == f_k && f_have && f_odd);
    cover (f_fold && out_valid && f_nout == f_k && f_have && !f_odd && f_exp[31:0] != 32'd0);
  end
endmodule
