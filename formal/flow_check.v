// flow_check - pairs the input and output stream of a module with bounded
// storage: counts accepted inputs minus delivered outputs (in "items"; a
// module that makes one output per Ratio inputs, such as a 2x2 pool, passes
// the input count divided through in_item_i) and asserts
//   F1  no output without a matching input: out_valid -> count > 0,
//   F2  nothing accepted while full: count never exceeds Cap,
//       i.e. in_fire && count == Cap -> out_fire.
// Cover: the buffer becomes full (Cap reachable, so F2 is not vacuous).
module flow_check #(
  parameter integer Cap = 1,
  parameter integer CntW = 4
) (
  input wire clk_i,
  input wire rst_ni,
  input wire in_item_i,     // an accepted input that completes an item
  input wire out_valid_i,
  input wire out_ready_i,
  output reg [CntW-1:0] count_o
);
  wire out_fire = out_valid_i && out_ready_i;
  initial count_o = {CntW{1'b0}};
  always @(posedge clk_i)
    if (!rst_ni) count_o <= {CntW{1'b0}};
    else count_o <= count_o + {{CntW-1{1'b0}}, in_item_i} - {{CntW-1{1'b0}}, out_fire};

  always @* if (rst_ni) begin
    assert (!out_valid_i || count_o != {CntW{1'b0}});
    assert (count_o <= Cap);
    assert (!(in_item_i && count_o == Cap) || out_fire);
  end
  always @* cover (rst_ni && count_o == Cap);
endmodule
