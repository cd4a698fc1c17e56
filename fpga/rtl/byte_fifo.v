// byte_fifo - small synchronous FIFO in flip-flops (Depth a power of two,
// Depth >= 2), valid/ready on both sides. Used by the board tops between
// the UART and its consumer.
// Latency: a word written in cycle t can be read in cycle t+1.
// Handshake: valid/ready in and out (docs/architecture.md). in_ready_o is
// "not full" and out_valid_o is "not empty", both from registers only; the
// head word stays stable until it is taken.
module byte_fifo #(
  parameter integer Width = 8,
  parameter integer Depth = 16
) (
  input  wire             clk_i,
  input  wire             rst_ni,
  input  wire             in_valid_i,
  output wire             in_ready_o,
  input  wire [Width-1:0] in_data_i,
  output wire             out_valid_o,
  input  wire             out_ready_i,
  output wire [Width-1:0] out_data_o,
  output wire [$clog2(Depth):0] level_o
);
  localparam integer AW = $clog2(Depth);
  localparam [AW:0]  FULL = Depth[AW:0];

  reg [Width-1:0] mem_q [0:Depth-1];
  reg [AW:0]      wptr_q, rptr_q;   // one extra bit tells full from empty

  wire [AW:0] level = wptr_q - rptr_q;
  wire push = in_valid_i && in_ready_o;
  wire pop  = out_valid_o && out_ready_i;

  assign in_ready_o  = (level != FULL);
  assign out_valid_o = (level != {(AW + 1){1'b0}});
  assign out_data_o  = mem_q[rptr_q[AW-1:0]];
  assign level_o     = level;

  always @(posedge clk_i) if (push) mem_q[wptr_q[AW-1:0]] <= in_data_i;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) wptr_q <= {(AW + 1){1'b0}}; else if (push) wptr_q <= wptr_q + 1'b1;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) rptr_q <= {(AW + 1){1'b0}}; else if (pop) rptr_q <= rptr_q + 1'b1;

  // ---- elaboration checks ----
  generate if (Depth < 2 || (1 << AW) != Depth) begin : g_bad_depth
    depth_must_be_a_power_of_two_at_least_2 u_error ();
  end endgenerate
endmodule
