// eyrie_requant - requantizer of docs/numerics.md section 4:
//   p   = acc * M                (48-bit signed; M unsigned 16-bit)
//   r   = (p + (S > 0 ? 2^(S-1) : 0)) >>> S      (round half up)
//   out = clamp(r + z_out, relu ? z_out : 0, 255)
// r is saturated to -512..511 before the zero point is added; the clamp maps
// everything outside -256..511 the same way (numerics.md allows >= 10 bits).
// Latency: 3 cycles (multiply, round/shift, clamp), one result per cycle.
// Handshake: valid/ready on both sides (docs/architecture.md); the pipeline
// advances when its last stage is empty or accepted, so in_ready_o depends
// combinationally on out_ready_i, never the other way round.
// user_i is an opaque sideband carried alongside (e.g. the output address).
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
  reg  v1_q, v2_q, v3_q;
  wire en = !v3_q || out_ready_i;

  // ---- stage 1: product ----
  reg signed [47:0] p1_q;
  reg [4:0]         s1_q;
  reg [7:0]         z1_q;
  reg               relu1_q;
  reg [UserW-1:0]   u1_q;
  // acc * M as two unsigned 16 x 16 products (one iCE40 SB_MAC16 each):
  // acc = hi*2^16 + lo with hi signed; hi = hu - 2^15 with hu unsigned, so
  // acc*M = (hu*M - 2^15*M)*2^16 + lo*M.
  wire [15:0] hu      = acc_i[31:16] ^ 16'h8000;
  wire [31:0] p_hi    = hu * m_i;
  wire [31:0] p_lo    = acc_i[15:0] * m_i;
  wire [47:0] p1_d    = {p_hi, 16'd0} - {1'b0, m_i, 31'd0} + {16'd0, p_lo};

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) v1_q <= 1'b0; else if (en) v1_q <= in_valid_i;
  always @(posedge clk_i) if (en) {p1_q, s1_q, z1_q, relu1_q, u1_q} <= {p1_d, s_i, z_out_i, relu_i, user_i};

  // ---- stage 2: round half up, arithmetic shift, saturate to 10 bits ----
  reg signed [9:0] r2_q;
  reg [7:0]        z2_q;
  reg              relu2_q;
  reg [UserW-1:0]  u2_q;
  wire [47:0]        half = (s1_q == 5'd0) ? 48'd0 : (48'd1 << (s1_q - 5'd1));
  wire signed [47:0] rnd  = p1_q + $signed(half);
  wire signed [47:0] shr  = rnd >>> s1_q;
  wire               hi_ovf = (shr > 48'sd511);
  wire               lo_ovf = (shr < -48'sd512);
  wire [9:0]         r2_d = hi_ovf ? 10'sd511 : (lo_ovf ? -10'sd512 : shr[9:0]);

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) v2_q <= 1'b0; else if (en) v2_q <= v1_q;
  always @(posedge clk_i) if (en) {r2_q, z2_q, relu2_q, u2_q} <= {r2_d, z1_q, relu1_q, u1_q};

  // ---- stage 3: zero point and clamp (ReLU is the lower clamp) ----
  reg [7:0]       q3_q;
  reg [UserW-1:0] u3_q;
  wire signed [10:0] v   = {r2_q[9], r2_q} + $signed({3'b000, z2_q});
  wire signed [10:0] lo  = relu2_q ? $signed({3'b000, z2_q}) : 11'sd0;
  wire [7:0]         q3_d = (v < lo) ? lo[7:0] : ((v > 11'sd255) ? 8'd255 : v[7:0]);

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) v3_q <= 1'b0; else if (en) v3_q <= v2_q;
  always @(posedge clk_i) if (en) {q3_q, u3_q} <= {q3_d, u2_q};

  assign in_ready_o  = en;
  assign out_valid_o = v3_q;
  assign q_o         = q3_q;
  assign user_o      = u3_q;
endmodule
