// eyrie_outpath - output path of a layer: takes pooled accumulator vectors
// (one lane per output channel of the group), serializes the lanes that hold
// real channels, fetches each channel's {bias, M, S}, adds the bias (after
// pooling: max(a) + b = max(a + b)), requantizes and emits one output byte
// with its byte address in the CHW activation layout.
// Walk: tile (yp, kg) -> output column xo -> lane j (k = kg*Lanes + j).
// Logits mode (last layer, 1x1 output): no requantization; the int32 sum
// (bias added) leaves as 4 little-endian bytes at byte address base + 4*k.
// Latency: about 5 cycles from a vector to its first byte; one byte/cycle.
// Handshake: valid/ready on the vector input and on the byte output.
`include "eyrie_defs.vh"
module eyrie_outpath #(
  parameter integer Lanes = 4,
  parameter integer OAw   = 17,   // output byte address bits
  parameter integer QAw   = 10    // qparam memory address bits
) (
  input  wire                clk_i,
  input  wire                rst_ni,
  input  wire                start_i,
  input  wire [15:0]         cout_i,
  input  wire [15:0]         nt_i,
  input  wire [15:0]         nkg_i,
  input  wire [15:0]         wp_i,        // output columns
  input  wire [OAw-1:0]      base_i,      // output tensor byte address
  input  wire [OAw-1:0]      plane_i,     // bytes per output channel
  input  wire [OAw-1:0]      pitch_i,     // bytes per output row (even)
  input  wire [QAw-1:0]      qbase_i,
  input  wire [7:0]          z_out_i,
  input  wire                relu_i,
  input  wire                logits_i,    // emit int32 sums, 4 bytes each
  // pooled vectors
  input  wire                in_valid_i,
  output wire                in_ready_o,
  input  wire [Lanes*32-1:0] in_data_i,
  // qparam memory read port
  output wire                q_re_o,
  output wire [QAw-1:0]      q_addr_o,
  input  wire [`EYRIE_Q_W-1:0] q_data_i,
  // output bytes
  output wire                out_valid_o,
  input  wire                out_ready_i,
  output wire [OAw-1:0]      out_addr_o,
  output wire [7:0]          out_data_o,
  output wire                out_last_o
);
  localparam integer LaneW = (Lanes > 1) ? $clog2(Lanes) : 1;
  localparam [31:0] LANES32 = Lanes;

  // ---- serializer state ----
  // The lanes are read straight from in_data_i, which the producer holds
  // stable while in_valid_i && !in_ready_o (no copy of the vector here): the
  // vector is taken (in_ready_o) with its last real lane.
  reg [LaneW-1:0]    j_q, jmax_q;          // lane, last real lane of the group
  reg                glast_q;              // the group is the last one (kg)
  reg                jl_q;                 // j_q == jmax_q (registered: j_last
                                           // is on the path to the array stall)
  reg [15:0]         yp_q, xo_q, kch_q;
  reg [OAw-1:0]      kbase_q, ybase_q, addr_q;

  wire        j_last  = jl_q;
  wire        xo_last = (xo_q == wp_i - 16'd1);
  wire        yp_last = (yp_q == nt_i - 16'd1);

  // stage B: element with its qparams arriving from the memory
  reg           bv_q, blast_q;
  reg [31:0]    bacc_q;
  reg [OAw-1:0] baddr_q;
  wire          rq_ready;
  reg  [1:0]    bi_q;                        // logits: byte of the sum
  wire          lg_out  = logits_i && bv_q;
  wire          b_ready = !bv_q || (logits_i ? (out_ready_i && bi_q == 2'd3) : rq_ready);
  wire          emit    = in_valid_i && b_ready && !start_i;
  wire          vec_end = emit && j_last;

  // Candidates of the next state computed from registered state only; emit
  // (which depends on the downstream ready, on the array's stall path) only
  // selects among them.
  wire [15:0]    xo_inc  = xo_q + 16'd1;
  wire [15:0]    kch_inc = kch_q + LANES32[15:0];
  wire [OAw-1:0] kbase_n = kbase_q + plane_i * LANES32[OAw-1:0];
  wire [OAw-1:0] ybase_n = ybase_q + pitch_i;
  wire [31:0]    xo_ext  = {16'd0, xo_inc};
  wire [OAw-1:0] addr_x  = kbase_q + ybase_q + xo_ext[OAw-1:0];  // next column
  wire [OAw-1:0] addr_g  = kbase_n + ybase_q;                    // next group
  wire [OAw-1:0] addr_y  = base_i + ybase_n;                     // next tile row
  wire [OAw-1:0] addr_l  = addr_q + plane_i;                     // next lane
  // lanes of the group k = kch .. kch + Lanes - 1 that are real channels,
  // for the first group (kch = 0) and for the next one (kch + Lanes)
  wire [15:0] rem_0   = cout_i;
  wire [15:0] rem_n   = cout_i - kch_inc;
  wire [15:0] rem0_m1 = rem_0 - 16'd1;
  wire [15:0] remn_m1 = rem_n - 16'd1;
  wire [LaneW-1:0] jmax_0 = (rem_0 < LANES32[15:0]) ? rem0_m1[LaneW-1:0] : LANES32[LaneW-1:0] - 1'b1;
  wire [LaneW-1:0] jmax_n = (rem_n < LANES32[15:0]) ? remn_m1[LaneW-1:0] : LANES32[LaneW-1:0] - 1'b1;
  wire        gl_0 = (rem_0 <= LANES32[15:0]);
  wire        gl_n = (rem_n <= LANES32[15:0]);

  reg [LaneW-1:0]    j_d;
  reg [15:0]         yp_d, xo_d, kch_d;
  reg [OAw-1:0]      kbase_d, ybase_d, addr_d;
  reg                grp_d;                // kch_d changed: new lane count
  reg                grp0_d;               // ... and it is 0
  always @* begin
    grp_d = 1'b0; grp0_d = 1'b0;
    {j_d, yp_d, xo_d, kch_d} = {j_q, yp_q, xo_q, kch_q};
    {kbase_d, ybase_d, addr_d} = {kbase_q, ybase_q, addr_q};
    if (start_i) begin
      j_d = {LaneW{1'b0}};
      {yp_d, xo_d, kch_d} = {16'd0, 16'd0, 16'd0};
      kbase_d = base_i; ybase_d = {OAw{1'b0}}; addr_d = base_i;
      grp_d = 1'b1; grp0_d = 1'b1;
    end else if (emit) begin
      j_d = j_q + 1'b1;
      addr_d = addr_l;
      if (j_last) begin
        j_d = {LaneW{1'b0}};
        xo_d = xo_inc;
        addr_d = addr_x;
        if (xo_last) begin
          xo_d = 16'd0;
          kch_d = kch_inc;
          kbase_d = kbase_n;
          addr_d = addr_g;
          grp_d = 1'b1;
          if (glast_q) begin
            kch_d = 16'd0; kbase_d = base_i;
            yp_d = yp_q + 16'd1;
            ybase_d = ybase_n;
            addr_d = addr_y;
            grp0_d = 1'b1;
          end
        end
      end
    end
  end
  wire [LaneW-1:0] jmax_d = grp_d ? (grp0_d ? jmax_0 : jmax_n) : jmax_q;
  always @(posedge clk_i) if (grp_d) glast_q <= grp0_d ? gl_0 : gl_n;
  always @(posedge clk_i) {jmax_q, jl_q} <= {jmax_d, j_d == jmax_d};
  always @(posedge clk_i) {j_q, yp_q, xo_q, kch_q, kbase_q, ybase_q, addr_q} <=
                          {j_d, yp_d, xo_d, kch_d, kbase_d, ybase_d, addr_d};

  // ---- stage B ----
  wire [15:0] k_now = kch_q + {{(16-LaneW){1'b0}}, j_q};
  wire [31:0] k4    = {14'd0, k_now, 2'b00};
  wire [OAw-1:0] addr_b = logits_i ? base_i + k4[OAw-1:0] : addr_q;
  wire        b_load = emit;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) bv_q <= 1'b0; else if (b_ready) bv_q <= emit;
  always @(posedge clk_i) if (b_load) {bacc_q, baddr_q, blast_q} <=
    {in_data_i[j_q*32 +: 32], addr_b, j_last && xo_last && glast_q && yp_last};
  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) bi_q <= 2'd0;
    else if (b_load) bi_q <= 2'd0;
    else if (lg_out && out_ready_i) bi_q <= bi_q + 2'd1;

  wire [31:0] bias = q_data_i[`EYRIE_Q_BIAS];
  wire [31:0] acc  = bacc_q + bias;

  wire           rq_valid, rq_last;
  wire [7:0]     rq_q;
  wire [OAw-1:0] rq_addr;
  eyrie_requant #(.UserW(OAw + 1)) u_rq (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(bv_q && !logits_i), .in_ready_o(rq_ready),
    .acc_i(acc), .m_i(q_data_i[`EYRIE_Q_M]), .s_i(q_data_i[`EYRIE_Q_S]),
    .z_out_i(z_out_i), .relu_i(relu_i), .user_i({blast_q, baddr_q}),
    .out_valid_o(rq_valid), .out_ready_i(out_ready_i),
    .q_o(rq_q), .user_o({rq_last, rq_addr}));

  // logits: the sum itself, little-endian, at base + 4*k (1x1 outputs)
  wire [31:0]    bi_ext = {30'd0, bi_q};
  assign out_valid_o = logits_i ? bv_q : rq_valid;
  assign out_data_o  = logits_i ? acc[bi_q*8 +: 8] : rq_q;
  assign out_addr_o  = logits_i ? baddr_q + bi_ext[OAw-1:0] : rq_addr;
  assign out_last_o  = logits_i ? (blast_q && bi_q == 2'd3) : rq_last;

  assign in_ready_o = vec_end;
  assign q_re_o     = emit;
  assign q_addr_o   = qbase_i + k_now[QAw-1:0];

  wire unused = ^{q_data_i[`EYRIE_Q_W-1:53], k_now[15:QAw], xo_ext[31:OAw], k4[31:OAw], bi_ext[31:OAw], nkg_i,
                  rem0_m1[15:LaneW], remn_m1[15:LaneW]};
endmodule
