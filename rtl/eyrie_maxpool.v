// eyrie_maxpool - 2x2 max pooling on int32 accumulator vectors (one lane per
// output channel). The array delivers each pooling window's four outputs back
// to back (first_i on the first, last_i on the fourth); without pooling every
// input is both first and last and passes through. Pooling before the
// requantizer is exact because requantization is monotone (numerics.md s.5).
// Latency: 1 cycle from the window's last input to out_valid_o.
// Handshake: valid/ready on both sides; in_ready_o is low only when a
// window-completing input meets a full output register (registered state
// only: one bubble when the register is taken in that same cycle).
module eyrie_maxpool #(
  parameter integer Lanes = 4
) (
  input  wire                clk_i,
  input  wire                rst_ni,
  input  wire                in_valid_i,
  output wire                in_ready_o,
  output wire                ov_next_o,   // the output register's next state (full)
  input  wire                in_first_i,
  input  wire                in_last_i,
  input  wire [Lanes*32-1:0] in_data_i,
  output wire                out_valid_o,
  input  wire                out_ready_i,
  output wire [Lanes*32-1:0] out_data_o
);
  reg                ov_q;
  reg [Lanes*32-1:0] run_q, out_q;
  // in > run, signed, as 16-bit halves side by side: three short carry
  // chains (high >, high >=, low >) in parallel instead of one of 32, and
  // no equality tree, so the select is one gate after the chains (the
  // compare sits between the array's top sum and the window registers)
  wire [Lanes*32-1:0] m;
  genvar l;
  generate
    for (l = 0; l < Lanes; l = l + 1) begin : g_lane
      wire [31:0] a = in_data_i[l*32 +: 32], r = run_q[l*32 +: 32];
      wire hi_gt = $signed(a[31:16]) > $signed(r[31:16]);
      wire hi_ge = !($signed(r[31:16]) > $signed(a[31:16]));   // with !hi_gt: equal
      wire lo_gt = a[15:0] > r[15:0];
      // kept as one net: synthesis otherwise spreads the select into the
      // 32 multiplexers as a chain of gates
      (* keep *) wire sel;
      assign sel = in_first_i || hi_gt || (hi_ge && lo_gt);
      assign m[l*32 +: 32] = sel ? a : r;
    end
  endgenerate

  // a window's last input waits while the output register is full, even
  // if it is being taken this cycle: in_ready (the array's stall) depends
  // on registers only, not on the output path's ready
  wire in_ready = !in_last_i || !ov_q;
  wire take     = in_valid_i && in_ready;
  wire ov_d     = (take && in_last_i) ? 1'b1 : (out_ready_i ? 1'b0 : ov_q);

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) ov_q <= 1'b0; else ov_q <= ov_d;
  always @(posedge clk_i) if (take && !in_last_i) run_q <= m;
  always @(posedge clk_i) if (take && in_last_i) out_q <= m;

  assign in_ready_o  = in_ready;
  assign ov_next_o   = ov_d;
  assign out_valid_o = ov_q;
  assign out_data_o  = out_q;
endmodule
