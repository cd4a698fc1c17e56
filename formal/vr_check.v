// vr_check - reusable valid/ready property checker for one stream interface.
// The sender's obligations (the "input-side rules" when the stream enters the
// module under proof):
//   R1  valid is low while reset is asserted (and in the cycle after),
//   R2  a stalled transfer (valid && !ready) keeps valid high in the next
//       cycle: valid may not be withdrawn before it is accepted,
//   R3  ... and keeps its data stable until accepted.
// Assume = 1: the sender is the proof's environment, the rules are assumed
//             (stimulus at the top of a proof).
// Assume = 0: the sender is the design, the rules are asserted (an output or
//             an internal interface).
// The receiver may drive ready freely (it may depend on valid). Covers: a
// transfer, and a transfer that was stalled first (so R2/R3 are not vacuous).
// Pairing (nothing out without a matching input, nothing taken when full) is
// flow_check.v, which sees both sides.
module vr_check #(
  parameter integer W = 8,
  parameter integer Assume = 0
) (
  input wire         clk_i,
  input wire         rst_ni,
  input wire         valid_i,
  input wire         ready_i,
  input wire [W-1:0] data_i
);
  reg f_past = 1'b0;            // a previous cycle exists (guards every "past")
  reg f_rst_q = 1'b1;           // reset was asserted in the previous cycle
  reg f_stall_q = 1'b0;         // valid && !ready in the previous cycle
  reg f_stalled_xfer = 1'b0;    // for the cover
  reg [W-1:0] f_data_q;
  always @(posedge clk_i) begin
    f_past    <= 1'b1;
    f_rst_q   <= !rst_ni;
    f_stall_q <= rst_ni && valid_i && !ready_i;
    f_data_q  <= data_i;
  end

  wire r1 = !(!rst_ni || (f_past && f_rst_q)) || !valid_i;
  wire r2 = !(f_past && rst_ni && f_stall_q) || valid_i;
  wire r3 = !(f_past && rst_ni && f_stall_q) || (data_i == f_data_q);

  generate
    if (Assume != 0) begin : g_assume
      always @* begin
        assume (r1);
        assume (r2);
        assume (r3);
      end
    end else begin : g_assert
      always @* begin
        assert (r1);
        assert (r2);
        assert (r3);
      end
    end
  endgenerate

  always @(posedge clk_i) f_stalled_xfer <= rst_ni && valid_i && ready_i && f_stall_q;
  always @* begin
    cover (rst_ni && valid_i && ready_i);
    cover (f_stalled_xfer);
  end
endmodule
