// pairmax_top - proof top for eyrie_pairmax with Lanes = 4 (two pairs: the
// pair loop's bodies are shown independent) and the fold mode an anyconst
// (a layer constant). Stream rules assumed on the input, asserted on the
// output. Properties (numerics.md s.5, the folded window's last step):
//   folded:   exactly one output per input vector (flow_check, one slot);
//             output lane j = the signed maximum of input lanes 2j, 2j+1 of
//             that vector, upper lanes zero;
//   unfolded: the stage is wires (same valid, ready and data).
// Covers: a folded vector held by a stalled output; a folded vector taken
// in the cycle the next one comes in; pair 0 won by its odd lane, and by
// its even lane.
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
  eyrie_pairmax #(.Lanes(4)) dut (
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
  reg  [127:0] f_exp;
  reg          f_odd;                                         // pair 0's odd lane won
  always @(posedge clk_i) if (f_in_take) begin
    f_exp <= f_spec;
    f_odd <= $signed(in_data_i[63:32]) > $signed(in_data_i[31:0]);
  end

  wire [3:0] f_count;
  flow_check #(.Cap(1), .CntW(4)) f_flow (
    .clk_i(clk_i), .rst_ni(rst_ni), .in_item_i(f_fold && f_in_take),
    .out_valid_i(f_fold && out_valid), .out_ready_i(out_ready_i), .count_o(f_count));

  always @* if (rst_ni) begin
    if (f_fold) begin
      assert (f_count == {3'd0, out_valid});
      if (out_valid) assert (out_data == f_exp);            // THE property
    end else begin
      assert (out_valid == in_valid_i && in_ready == out_ready_i && out_data == in_data_i);
    end
  end
  always @* if (rst_ni) begin
    cover (f_fold && out_valid && !out_ready_i && in_valid_i);
    cover (f_fold && out_valid && out_ready_i && f_in_take);
    cover (f_fold && out_valid && f_odd);
    cover (f_fold && out_valid && !f_odd && f_exp[31:0] != 32'd0);
  end
endmodule
