// rst_sync - reset synchronizer: asserts asynchronously (rst_ni low, or the
// clock source not yet locked), deasserts synchronously Stages clock edges
// after both are good, so every flop of the clock domain leaves reset in
// the same cycle.
// Latency: Stages cycles from release to rst_no high.
// Handshake: none.
module rst_sync #(
  parameter integer Stages = 3
) (
  input  wire clk_i,
  input  wire rst_ni,    // asynchronous, active low (button, PLL lock)
  output wire rst_no     // synchronous deassertion, active low
);
  reg [Stages-1:0] sync_q;

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) sync_q <= {Stages{1'b0}}; else sync_q <= {sync_q[Stages-2:0], 1'b1};

  assign rst_no = sync_q[Stages-1];

  // ---- elaboration checks ----
  generate if (Stages < 2) begin : g_stages_too_small
    stages_must_be_at_least_2 u_error ();
  end endgenerate
endmodule
