// maxpool_top - proof top for eyrie_maxpool with Lanes = 2 (lanes are the
// same generate-loop body on disjoint bits, so two lanes show them
// independent; one lane would not). Stream rules assumed on the input,
// asserted on the output; windows well formed (first on the first input of
// each window only; POOL = 0 traffic is first && last on every input):
// assumed in bind/eyrie_maxpool.vh under MAXPOOL_IS_TOP.
module maxpool_top (
  input wire        clk_i,
  input wire        rst_ni,
  input wire        in_valid_i,
  input wire        in_first_i,
  input wire        in_last_i,
  input wire [63:0] in_data_i,
  input wire        out_ready_i
);
  reg f_init = 1'b0;
  always @(posedge clk_i) f_init <= 1'b1;
  always @* assume (rst_ni == f_init);

  wire        in_ready, out_valid;
  wire [63:0] out_data;
  eyrie_maxpool #(.Lanes(2)) dut (
    .clk_i(clk_i), .rst_ni(rst_ni), .in_valid_i(in_valid_i), .in_ready_o(in_ready),
    .in_first_i(in_first_i), .in_last_i(in_last_i), .in_data_i(in_data_i),
    .out_valid_o(out_valid), .out_ready_i(out_ready_i), .out_data_o(out_data), .ov_next_o());

  vr_check #(.W(66), .Assume(1)) f_in (
    .clk_i(clk_i), .rst_ni(rst_ni), .valid_i(in_valid_i), .ready_i(in_ready),
    .data_i({in_first_i, in_last_i, in_data_i}));
  vr_check #(.W(64), .Assume(0)) f_out (
    .clk_i(clk_i), .rst_ni(rst_ni), .valid_i(out_valid), .ready_i(out_ready_i),
    .data_i(out_data));

endmodule
