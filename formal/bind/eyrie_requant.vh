// Bound into eyrie_requant (see formal/mkrtl.sh). The property: every result
// equals requant_spec (docs/numerics.md s.4) of the input that produced it.
//
// Shadow model: acc and M of each accepted input (stage 0, the multiplier's
// operands), the contract's p = acc * M entering stage 1, and S, z_out,
// relu, user, copied along with each pipeline stage on the same advance
// (en). The stage-3 check is the property; the stage-0/1/2 checks
// strengthen it for k-induction (a stalled stage keeps what it holds, so
// without them induction could start from a stage holding garbage behind a
// stall of any length).
//
// Stage-1 product: the RTL forms acc * M of the stage-0 operands (a0_q,
// m0_q) from two 16 x 16 products (hi signed, lo unsigned). A SAT solver
// cannot show that equal to a 32 x 17 signed product together with the
// pipeline, so the proof is split at p1_d (assume-guarantee):
//   requant_mul   asserts p1_d == a0_q * m0_q (requant_spec_p), alone:
//                 combinational, every acc and M;
//   requant_prove cuts p1_d (yosys cutpoint: a free value each cycle, so the
//                 multipliers are gone) and proves that stage 0 holds the
//                 input's acc and M and everything downstream of p1_d:
//                 out == requant_spec_rq(p) of the p that entered stage 1.
// Together: out == requant_spec_rq(acc * M) == requant_spec(acc, M, ...).
`ifdef REQUANT_MULSUM
  // requant_mulsum (see README, "Requantizer multiply"): p_hi and p_lo are
  // cut (free values each cycle). G is the RTL's combination of its two
  // products, transcribed: G(H, L) = {H + L[31:16], L[15:0]}
  // = H*2^16 + L (mod 2^48):
  //   B1  p1_d == G(p_hi, p_lo) for every p_hi, p_lo: the transcription is
  //       the RTL's;
  //   B2  G is additive: G(H1 + H2, L1 + L2) == G(H1, L1) + G(H2, L2)
  //       (mod 2^48) for all H (the 32-bit sum wraps: 2^32 * 2^16 = 0 mod
  //       2^48, as for the signed products hi*M_i that add up to hi*M) and
  //       all L whose sum does not overflow 32 bits (as for products lo*M_i
  //       that add up to lo*M < 2^32).
  // With requant_mul1h (G(hi*M_i, lo*M_i) == acc*M_i for M_i = M[i]*2^i)
  // and the distributive law, G(hi*M, lo*M) == acc*M for every M.
  function [47:0] f_g(input [31:0] ph, input [31:0] pl);
    f_g = {ph + {16'd0, pl[31:16]}, pl[15:0]};
  endfunction
  (* anyseq *) reg [31:0] f_h1, f_h2, f_l1, f_l2;
  wire [31:0] f_hs = f_h1 + f_h2;
  wire [32:0] f_ls = {1'b0, f_l1} + {1'b0, f_l2};
  always @* begin
    assert (p1_d == f_g(p_hi, p_lo));                                    // B1
    if (!f_ls[32])
      assert (f_g(f_hs, f_ls[31:0]) == f_g(f_h1, f_l1) + f_g(f_h2, f_l2));  // B2
  end
  always @* cover (!f_ls[32] && f_h1 != 32'd0 && f_h2 != 32'd0 && f_l1 != 32'd0 && f_l2 != 32'd0
                   && f_hs < f_h1);
`elsif REQUANT_MULFORM
  // requant_mulform: the two products are plain products of M, with the
  // factors the composition argument uses (the distributive law applies to
  // them), for every acc and M. Structurally identical: Yosys merges them.
  wire signed [32:0] f_hs = $signed(a0_q[31:16]) * $signed({1'b0, m0_q});
  always @* begin
    assert (p_hi == f_hs[31:0]);
    assert (p_lo == a0_q[15:0] * m0_q);
  end
`elsif REQUANT_MUL
  // the multiplier's operands are the stage-0 registers: the restrictions
  // on M of mul1h / mul4 apply to them
`ifdef MUL_NIBBLE
  // M is one 4-bit digit at any position: M = d * 16^j (a 32 x 4 multiply)
  always @* assume ((m0_q & 16'h000f) == m0_q || (m0_q & 16'h00f0) == m0_q
                    || (m0_q & 16'h0f00) == m0_q || (m0_q & 16'hf000) == m0_q);
`endif
`ifdef MUL_ONEHOT
  always @* assume ($onehot0(m0_q));   // see README: linearity in M
`endif
  wire signed [47:0] f_p0;
  requant_spec_p f_mul (.acc_i(a0_q), .m_i(m0_q), .p_o(f_p0));
  always @* assert (p1_d == f_p0);
`else
  reg [31:0] f_a0;
  reg [15:0] f_m0;
  reg signed [47:0] f_p1, f_p2, f_p3;
  reg [4:0]  f_s0, f_s1, f_s2, f_s3;
  reg [7:0]  f_z0, f_z1, f_z2, f_z3;
  reg        f_relu0, f_relu1, f_relu2, f_relu3;
  reg [UserW-1:0] f_u0, f_u1, f_u2, f_u3;
  always @(posedge clk_i) if (en) begin
    {f_a0, f_m0, f_s0, f_z0, f_relu0, f_u0} <= {acc_i, m_i, s_i, z_out_i, relu_i, user_i};
    {f_p1, f_s1, f_z1, f_relu1, f_u1} <= {p1_d, f_s0, f_z0, f_relu0, f_u0};
    {f_p2, f_s2, f_z2, f_relu2, f_u2} <= {f_p1, f_s1, f_z1, f_relu1, f_u1};
    {f_p3, f_s3, f_z3, f_relu3, f_u3} <= {f_p2, f_s2, f_z2, f_relu2, f_u2};
  end
  // stage 1 also holds S as a thermometer code (th1_q[b] = S <= b - 10)
  reg [40:10] f_th1;
  integer f_b;
  always @* for (f_b = 10; f_b <= 40; f_b = f_b + 1) f_th1[f_b] = ({27'd0, f_s1} <= f_b - 10);
  wire signed [47:0] f_r2, f_r3;
  wire [7:0] f_q2, f_q3;
  requant_spec_rq f_spec2 (.p_i(f_p2), .s_i(f_s2), .z_out_i(f_z2), .relu_i(f_relu2), .r_o(f_r2), .q_o(f_q2));
  requant_spec_rq f_spec3 (.p_i(f_p3), .s_i(f_s3), .z_out_i(f_z3), .relu_i(f_relu3), .r_o(f_r3), .q_o(f_q3));
  // numerics.md allows r saturated to >= 10 bits before z_out is added
  wire [9:0] f_r2_sat = (f_r2 > 48'sd511) ? 10'h1ff : ((f_r2 < -48'sd512) ? 10'h200 : f_r2[9:0]);
  always @* begin
    if (v0_q) assert (a0_q == f_a0 && m0_q == f_m0 && s0_q == f_s0 && z0_q == f_z0 && relu0_q == f_relu0
                      && u0_q == f_u0);   // the multiplier's operands are the input's acc and M
    if (v1_q) assert (p1_q == f_p1 && s1_q == f_s1 && z1_q == f_z1 && relu1_q == f_relu1 && u1_q == f_u1);
    if (v1_q) assert (th1_q == f_th1);   // S's thermometer code stays S's
    // stage 2 holds r in pieces (rr and the saturation flags that stage 3
    // combines): the r they stand for is the contract's r, saturated
    if (v2_q) assert ((hi_ovf ? 10'h1ff : (lo_ovf ? 10'h200 : rr2_q)) == f_r2_sat && z2_q == f_z2
                      && relu2_q == f_relu2 && u2_q == f_u2);
    if (v3_q) assert (q3_q == f_q3 && u3_q == f_u3);   // THE property: out = spec(in)
  end
  // the corners of the contract are reachable at the output
  always @* begin
    cover (v3_q && f_s3 == 5'd0 && f_relu3 && f_z3 != 8'd0 && q3_q == f_z3);
    cover (v3_q && f_s3 == 5'd31 && q3_q == 8'd255);
  end

  // pairing: every output has an input, at most 4 in flight
  wire [3:0] f_count;
  flow_check #(.Cap(4), .CntW(4)) f_flow (
    .clk_i(clk_i), .rst_ni(rst_ni), .in_item_i(in_valid_i && in_ready_o),
    .out_valid_i(out_valid_o), .out_ready_i(out_ready_i), .count_o(f_count));
  always @* if (rst_ni) assert (f_count == {3'd0, v0_q} + {3'd0, v1_q} + {3'd0, v2_q} + {3'd0, v3_q});
`endif
