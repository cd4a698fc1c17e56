// eyrie_requant - requantizer of docs/numerics.md section 4:
//   p   = acc * M                (48-bit signed; M unsigned 16-bit)
//   r   = (p + (S > 0 ? 2^(S-1) : 0)) >>> S      (round half up)
//   out = clamp(r + z_out, relu ? z_out : 0, 255)
// r is saturated to -512..511 before the zero point is added; the clamp maps
// everything outside -256..511 the same way (numerics.md allows >= 10 bits).
// Latency: 4 cycles (operands, multiply, round/shift, clamp), one result per
// cycle.
// Handshake: valid/ready on both sides (docs/architecture.md); the pipeline
// advances when its last stage is empty or accepted, so in_ready_o depends
// combinationally on out_ready_i, never the other way round.
// user_i is an opaque sideband carried alongside (e.g. the output address).
// With EYRIE_ICE40_DSP the operand and product registers are the two
// SB_MAC16s' own input and output registers, and the 48-bit sum of the two
// partial products is the second SB_MAC16's adder: no logic cells for them.
module eyrie_requant #(
  parameter integer UserW = 1
) (
  input  wire             clk_i,
  input  wire             rst_ni,
  input  wire             in_valid_i,
  output wire             in_ready_o,
  input  wire [31:0]      acc_i,
  input  wire [15:0]      m_i,
  input  wire [4:0]       s_i,
  input  wire [7:0]       z_out_i,
  input  wire             relu_i,
  input  wire [UserW-1:0] user_i,
  output wire             out_valid_o,
  input  wire             out_ready_i,
  output wire [7:0]       q_o,
  output wire [UserW-1:0] user_o
);
  reg  v0_q, v1_q, v2_q, v3_q;
  wire en = !v3_q || out_ready_i;

  // ---- stage 0: operands ----
  reg [4:0]         s0_q;
  reg [7:0]         z0_q;
  reg               relu0_q;
  reg [UserW-1:0]   u0_q;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) v0_q <= 1'b0; else if (en) v0_q <= in_valid_i;
  always @(posedge clk_i) if (en) {s0_q, z0_q, relu0_q, u0_q} <= {s_i, z_out_i, relu_i, user_i};

  // ---- stage 1: product ----
  // acc * M as two 16 x 16 products: acc = hi*2^16 + lo with hi signed and
  // lo unsigned; p_hi = hi*M (signed, fits 32 bits), p_lo = lo*M (unsigned),
  // p = p_hi*2^16 + p_lo = {p_hi + p_lo[31:16], p_lo[15:0]} (mod 2^48).
  wire signed [47:0] p1_q;
  reg [4:0]         s1_q;
  reg [7:0]         z1_q;
  reg               relu1_q;
  reg [UserW-1:0]   u1_q;
  // th1_q[b] = (S <= b - 10): S as a thermometer code, so that stage 2's
  // shift-dependent masks are flip-flops rather than compares on s1_q
  // (S <= b - 10 holds for every S when b > 40: those bits are constant);
  // formed as ones shifted left by S (LUTs, no comparator carry chains)
  reg [40:10]       th1_q;
  reg [40:10]       th1_d;
  integer b;
  wire [30:0] thv = {31{1'b1}} << s0_q;   // bit i: i >= S
  always @* for (b = 10; b <= 40; b = b + 1) th1_d[b] = thv[b - 10];
`ifdef EYRIE_ICE40_DSP
  // u_mlo: lo*M; its upper half leaves unregistered into u_hi's adder, its
  // lower half through the bottom adder (+ 0) into the output register.
  // u_mhi: hi*M (A signed) + {0, lo*M upper half} into the output registers.
  wire [31:0] o_lo, o_hi;
  SB_MAC16 #(
    .A_REG(1'b1), .B_REG(1'b1),
    .TOPOUTPUT_SELECT(2'b11), .BOTOUTPUT_SELECT(2'b01),
    .BOTADDSUB_LOWERINPUT(2'b10), .BOTADDSUB_UPPERINPUT(1'b1), .BOTADDSUB_CARRYSELECT(2'b00)
  ) u_mlo (
    .CLK(clk_i), .CE(en), .C(16'd0), .A(acc_i[15:0]), .B(m_i), .D(16'd0),
    .AHOLD(1'b0), .BHOLD(1'b0), .CHOLD(1'b0), .DHOLD(1'b0),
    .IRSTTOP(1'b0), .IRSTBOT(1'b0), .ORSTTOP(1'b0), .ORSTBOT(1'b0),
    .OLOADTOP(1'b0), .OLOADBOT(1'b0), .ADDSUBTOP(1'b0), .ADDSUBBOT(1'b0),
    .OHOLDTOP(1'b0), .OHOLDBOT(1'b0), .CI(1'b0), .ACCUMCI(1'b0), .SIGNEXTIN(1'b0),
    .O(o_lo), .CO(), .ACCUMCO(), .SIGNEXTOUT());
  SB_MAC16 #(
    .A_REG(1'b1), .B_REG(1'b1), .A_SIGNED(1'b1),
    .TOPOUTPUT_SELECT(2'b01), .BOTOUTPUT_SELECT(2'b01),
    .TOPADDSUB_LOWERINPUT(2'b10), .TOPADDSUB_UPPERINPUT(1'b1), .TOPADDSUB_CARRYSELECT(2'b10),
    .BOTADDSUB_LOWERINPUT(2'b10), .BOTADDSUB_UPPERINPUT(1'b1), .BOTADDSUB_CARRYSELECT(2'b00)
  ) u_mhi (
    .CLK(clk_i), .CE(en), .C(16'd0), .A(acc_i[31:16]), .B(m_i), .D(o_lo[31:16]),
    .AHOLD(1'b0), .BHOLD(1'b0), .CHOLD(1'b0), .DHOLD(1'b0),
    .IRSTTOP(1'b0), .IRSTBOT(1'b0), .ORSTTOP(1'b0), .ORSTBOT(1'b0),
    .OLOADTOP(1'b0), .OLOADBOT(1'b0), .ADDSUBTOP(1'b0), .ADDSUBBOT(1'b0),
    .OHOLDTOP(1'b0), .OHOLDBOT(1'b0), .CI(1'b0), .ACCUMCI(1'b0), .SIGNEXTIN(1'b0),
    .O(o_hi), .CO(), .ACCUMCO(), .SIGNEXTOUT());
  assign p1_q = {o_hi, o_lo[15:0]};
`else
  reg  [31:0] a0_q;
  reg  [15:0] m0_q;
  always @(posedge clk_i) if (en) {a0_q, m0_q} <= {acc_i, m_i};
  wire signed [32:0] p_hs    = $signed(a0_q[31:16]) * $signed({1'b0, m0_q});
  wire [31:0]        p_hi    = p_hs[31:0];
  wire [31:0]        p_lo    = a0_q[15:0] * m0_q;
  wire [47:0]        p1_d    = {p_hi + {16'd0, p_lo[31:16]}, p_lo[15:0]};
  reg  [47:0]        p1_r;
  always @(posedge clk_i) if (en) p1_r <= p1_d;
  assign p1_q = p1_r;
  wire unused_p = p_hs[32];
`endif

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) v1_q <= 1'b0; else if (en) v1_q <= v0_q;
  always @(posedge clk_i) if (en) {s1_q, th1_q, z1_q, relu1_q, u1_q} <= {s0_q, th1_d, z0_q, relu0_q, u0_q};

  // ---- stage 2: round half up, arithmetic shift, saturation flags ----
  // Rounding shift without a 48-bit adder and full-width shifter (iCE40
  // logic cells): with q = 2p and u = q >>> S (= p >>> (S-1) for S > 0,
  // 2p for S = 0), r = floor((p + 2^(S-1)) / 2^S) = (u + 1) >>> 1. Only
  // u's low 11 bits are formed (a shifter that keeps just the bits that can
  // reach them) plus an overflow flag: u is outside -2048..2047 exactly when
  // |p| (one's complement for p < 0) >= 2^(S+10). u saturated to 12 bits and
  // then r to 10 bits gives the same result as saturating r directly (both
  // monotone, and +-2048 map to r = +-1024, beyond the 10-bit range).
  // The saturation flags are decided on u's bits without the +1 (r >= 512
  // iff u >= 1023, r < -512 iff u <= -1026), so the increment only feeds
  // the in-range result, in parallel with the flags.
  wire [41:0] q2   = {p1_q[40:0], 1'b0};
  wire        sgn  = p1_q[47];
  // u[10:0] = q2[S+10:S]: shift by 16, 8, 4, 2, 1 keeping only needed bits
  wire [25:0] sh16 = s1_q[4] ? q2[41:16] : q2[25:0];
  wire [17:0] sh8  = s1_q[3] ? sh16[25:8] : sh16[17:0];
  wire [13:0] sh4  = s1_q[2] ? sh8[17:4]  : sh8[13:0];
  wire [11:0] sh2  = s1_q[1] ? sh4[13:2]  : sh4[11:0];
  wire [10:0] u_lo = s1_q[0] ? sh2[11:1]  : sh2[10:0];
  // overflow: any bit of mag at or above S+10 (mag bits 46:10; bit 47 is 0)
  wire [46:10] mag = p1_q[46:10] ^ {37{sgn}};
  wire [46:10] above = {6'b111111, th1_q};           // S <= b - 10
  wire        u_ovf = |(mag & above);
  // u (valid when !u_ovf; the flags below override the result otherwise)
  wire [11:0] u12   = {sgn, u_lo};
  wire [11:0] up1   = u12 + 12'd1;
  // (u + 1) >>> 1, low 10 bits (in range: -512..511)
  wire [9:0]  rr    = up1[10:1];
  wire [1:0]  unused_up1 = {up1[11], up1[0]};
  wire        u_1023 = &u_lo[9:0];
  // p + 2^(S-1) wraps past 2^47 - 1 (S > 0, p >= 2^47 - 2^(S-1)): a p that
  // acc * M never produces (|p| < 2^47 - 2^30), kept so that this stage
  // equals the 48-bit formula of numerics.md on every p, as formal/ proves
  // low_ok[b] = p[b] || S > b + 1 (S > b + 1 is !th1_q[b + 11]); S != 0 is
  // !th1_q[10]
  wire [29:0] low_ok = p1_q[29:0] | ~th1_q[40:11];
  wire        wrap   = !sgn && (&p1_q[46:30]) && !th1_q[10] && (&low_ok);
  // stage 2 keeps the in-range result rr and the pieces of the saturation
  // decision; stage 3 decides (r >= 512: u >= 1023, u >= 0; r < -512:
  // u <= -1026, u_lo <= 1022) in parallel with the zero-point adder, so no
  // register-to-register path runs through both the shifter and the flags
  reg [9:0]        rr2_q;
  reg              sgn2_q, wrap2_q, ovf2_q, ul10_q, u1023_q;
  reg [7:0]        z2_q;
  reg              relu2_q;
  reg [UserW-1:0]  u2_q;

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) v2_q <= 1'b0; else if (en) v2_q <= v1_q;
  always @(posedge clk_i) if (en)
    {rr2_q, sgn2_q, wrap2_q, ovf2_q, ul10_q, u1023_q, z2_q, relu2_q, u2_q} <=
      {rr, sgn, wrap, u_ovf, u_lo[10], u_1023, z1_q, relu1_q, u1_q};

  // ---- stage 3: saturation, zero point and clamp (ReLU is the lower clamp) ----
  reg [7:0]       q3_q;
  reg [UserW-1:0] u3_q;
  // r = hi_ovf ? 511 : (lo_ovf ? -512 : rr) (saturated to 10 bits). A
  // saturated r decides the output alone: r = 511 gives r + z_out >= 511,
  // so 255; r = -512 gives r + z_out < 0, so the lower clamp. Otherwise
  // v = rr + z_out; below the lower clamp: relu ? rr < 0 : v < 0 (the sign
  // bits, no comparators); above 255: v >= 256 and not negative
  wire               hi_ovf = !wrap2_q && !sgn2_q && (ovf2_q || ul10_q || u1023_q);
  wire               lo_ovf = wrap2_q || (sgn2_q && (ovf2_q || (!ul10_q && !u1023_q)));
  wire signed [10:0] v   = {rr2_q[9], rr2_q} + $signed({3'b000, z2_q});
  wire signed [10:0] lo  = relu2_q ? $signed({3'b000, z2_q}) : 11'sd0;
  wire               v_lo = relu2_q ? rr2_q[9] : v[10];
  wire               v_hi = !v[10] && (v[9] || v[8]);
  wire [7:0]         q3_d = lo_ovf ? lo[7:0]
                          : ((hi_ovf || (!v_lo && v_hi)) ? 8'd255 : (v_lo ? lo[7:0] : v[7:0]));
  wire [2:0]         unused_lo = lo[10:8];

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) v3_q <= 1'b0; else if (en) v3_q <= v2_q;
  always @(posedge clk_i) if (en) {q3_q, u3_q} <= {q3_d, u2_q};

  assign in_ready_o  = en;
  assign out_valid_o = v3_q;
  assign q_o         = q3_q;
  assign user_o      = u3_q;
endmodule
