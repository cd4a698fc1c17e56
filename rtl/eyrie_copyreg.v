// eyrie_copyreg - a plain register (loads d_i on clk_i while en_i) that
// stays a copy of its own. Yosys merges registers with the same inputs
// (opt_merge; a keep attribute does not stop it), so copies meant to sit
// beside different consumers would become one register with a long fanout.
// keep_hierarchy makes each instance its own module in synthesis, where
// nothing is shared; the placer then puts every copy next to its loads.
// Used for the pixel registers of wide arrays (eyrie_pe_array, fold builds:
// one copy per multiplier pair).
// Latency: 1 cycle. Handshake: none.
(* keep_hierarchy *)
module eyrie_copyreg #(
  parameter integer Width = 8
) (
  input  wire             clk_i,
  input  wire             en_i,
  input  wire [Width-1:0] d_i,
  output wire [Width-1:0] q_o
);
  reg [Width-1:0] q_q;
  always @(posedge clk_i) if (en_i) q_q <= d_i;
  assign q_o = q_q;
endmodule
