// Proof top of eyrie_desc_check (desc.sby): a free descriptor every cycle
// into two instances, the network's configuration (KMax 7, WMax 128, ActAw
// 14, WtWords 24576, QAw 8) and a second one (KMax 5, WMax 64, ActAw 10,
// WtWords 2^13, QAw 6) so the generic forms (K <= KMax, W near WMax, the
// address limits) are checked for more than one parameter set; each against
// desc_spec (docs/architecture.md s.5.4 written plainly).
module desc_top (
  input wire         clk_i,
  input wire [159:0] desc_a_i,
  input wire [159:0] desc_b_i
);
  wire ok_a, ok_b, sp_a, sp_b;
  eyrie_desc_check #(.KMax(7), .WMax(128), .ActAw(14), .WtWords(24576), .QAw(8)) u_a (
    .desc_i(desc_a_i), .ok_o(ok_a));
  desc_spec #(.KMax(7), .WMax(128), .ActAw(14), .WtWords(24576), .QAw(8)) s_a (
    .desc_i(desc_a_i), .ok_o(sp_a));
  eyrie_desc_check #(.KMax(5), .WMax(64), .ActAw(10), .WtWords(8192), .QAw(6)) u_b (
    .desc_i(desc_b_i), .ok_o(ok_b));
  desc_spec #(.KMax(5), .WMax(64), .ActAw(10), .WtWords(8192), .QAw(6)) s_b (
    .desc_i(desc_b_i), .ok_o(sp_b));
  always @* begin
    assert (ok_a == sp_a);          // accepts exactly the legal descriptors
    assert (ok_b == sp_b);
  end
  // not vacuous: accepted and rejected descriptors, including the edges
  wire [15:0] wa = desc_a_i[63:48];
  wire [2:0]  ka = desc_a_i[66:64];
  always @* begin
    cover (ok_a);
    cover (!ok_a);
    cover (ok_a && wa == 16'd128 && ka == 3'd2 && !desc_a_i[72]);       // Wo = 127 = WMax - 1
    cover (!ok_a && sp_a == ok_a && wa == 16'd128 && ka == 3'd1);       // Wo = 128: rejected
    cover (ok_a && desc_a_i[75] && ka == 3'd7);                         // a 7x7 logits layer
    cover (ok_b && desc_b_i[66:64] == 3'd5);
    cover (!ok_b && desc_b_i[66:64] == 3'd6 && sp_b == ok_b);           // K = 6 > KMax
  end
endmodule
