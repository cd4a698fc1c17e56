// eyrie_outpath - output path of a layer: takes pooled accumulator vectors
// (one lane per output channel of the group), serializes the lanes that hold
// real channels, fetches each channel's {bias, M, S}, adds the bias (after
// pooling: max(a) + b = max(a + b)), requantizes and emits one output byte
// with its byte address in the CHW activation layout.
// Walk: tile (yp, kg) -> output column xo -> lane j (k = kg*Lanes + j).
// The input side walks the lanes with down counters (columns, groups, rows)
// and steps the qparam address by one; each element carries only the kind of
// step that follows it (lane, column, group, row) and a last flag through the
// requantizer, and the output side steps the byte address by that kind when
// the byte is taken: +plane (next lane), column start +1, group start
// +Lanes*plane, row start +pitch. All addresses are OAw / QAw bits wide and
// every step is one adder on registers.
// Logits mode (last layer, 1x1 output): no requantization; the int32 sum
// (bias added) leaves as 4 little-endian bytes at byte address base + 4*k,
// i.e. the byte address just counts up from base.
// Latency: about 5 cycles from a vector to its first byte; one byte/cycle
// (logits: 5 cycles per element, 4 bytes).
// Handshake: valid/ready on the vector input and on the byte output.
`include "eyrie_defs.vh"
module eyrie_outpath #(
  parameter integer Lanes = 4,
  parameter integer OAw   = 17,   // output byte address bits
  parameter integer QAw   = 10,   // qparam memory address bits
  parameter integer Fold  = 0     // fold hardware (eyrie_layer: Lanes >= EYRIE_FOLD_COLS)
) (
  input  wire                clk_i,
  input  wire                rst_ni,
  input  wire                start_i,
  input  wire [15:0]         cout_i,
  input  wire [15:0]         nt_i,        // output rows
  input  wire [15:0]         nkg_i,       // channel groups, ceil(cout / Lanes)
  input  wire [15:0]         wp_i,        // output columns
  input  wire [OAw-1:0]      base_i,      // output tensor byte address
  input  wire [OAw-1:0]      plane_i,     // bytes per output channel
  input  wire [OAw-1:0]      pitch_i,     // bytes per output row (even)
  input  wire [QAw-1:0]      qbase_i,
  input  wire [7:0]          z_out_i,
  input  wire                relu_i,
  input  wire                logits_i,    // emit int32 sums, 4 bytes each
  input  wire                fold_i,      // folded pooling: channel j in lane j, Lanes/2 per group
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
  localparam integer CW = `EYRIE_CNT_W;   // channel groups (<= 8191)
  localparam integer XW = 9;              // output rows / columns (<= 257:
                                          // H, W <= 255, K = 1, pad = 1)
  // step that follows an element
  localparam [1:0] ST_LANE = 2'd0, ST_COL = 2'd1, ST_GRP = 2'd2, ST_ROW = 2'd3;

  // ---- serializer state ----
  // The lanes are read straight from in_data_i, which the producer holds
  // stable while in_valid_i && !in_ready_o (no copy of the vector here): the
  // vector is taken (in_ready_o) with its last real lane.
  reg [LaneW-1:0] j_q;               // lane
  reg             jl_q;              // j_q == jmax_q (registered: j_last
                                     // is on the path to the array stall)
  reg             glast_q;           // the group is the last one (kg)
  reg [XW-1:0]    xc_q, yc_q;        // columns / rows left, this one included
  reg [CW-1:0]    gc_q;              // groups left, this one included
  reg [QAw-1:0]   qa_q, qg_q;        // qparam address: lane, group's lane 0

  wire j_last  = jl_q;
  wire xo_last = (xc_q == {{(XW-1){1'b0}}, 1'b1});
  wire yp_last = (yc_q == {{(XW-1){1'b0}}, 1'b1});

  // stage B: element with its qparams arriving from the memory
  reg           bv_q, blast_q;
  reg [1:0]     bst_q;
  reg [31:0]    bacc_q;
  wire          rq_ready;
  reg  [1:0]    bi_q;                        // logits: byte of the sum
  reg           lbv_q;                       // logits: bias_q holds the element's bias
  wire          lg_out  = logits_i && bv_q && lbv_q;
  wire          b_ready = !bv_q || (logits_i ? (lbv_q && out_ready_i && bi_q == 2'd3) : rq_ready);
  wire          emit    = in_valid_i && b_ready && !start_i;

  // layer constants at the counter widths (legal descriptors fit them)
  wire [XW-1:0] wp  = wp_i[XW-1:0];
  wire [XW-1:0] nt  = nt_i[XW-1:0];
  wire [CW-1:0] nkg = nkg_i[CW-1:0];
  // per group: Lanes channels, or Lanes/2 folded (channel j's two window
  // rows, lanes 2j and 2j+1 of the array, already reduced to lane j)
  wire [LaneW-1:0] cm1 = cout_i[LaneW-1:0] - 1'b1;          // (cout-1) mod Lanes
  wire [LaneW-1:0] jmax_lastg, jmax_full;
  wire [31:0]      lane_v;                                   // the element of lane j_q
  wire [OAw-1:0]   lplane;                                   // bytes per channel group
  // folded: eyrie_pairmax has put channel j's maximum in lane j
  assign lane_v = in_data_i[j_q*32 +: 32];
  generate
    if (Fold != 0) begin : g_fold
      localparam [LaneW-1:0] HALF = {1'b0, {(LaneW-1){1'b1}}};
      assign jmax_lastg = fold_i ? (cm1 & HALF) : cm1;
      assign jmax_full  = fold_i ? HALF : LANES32[LaneW-1:0] - 1'b1;
      assign lplane     = fold_i ? plane_i << (LaneW - 1) : plane_i << LaneW;
    end else begin : g_nofold
      assign jmax_lastg = cm1;
      assign jmax_full  = LANES32[LaneW-1:0] - 1'b1;
      assign lplane     = plane_i << LaneW;
      wire unused_fold  = fold_i;
    end
  endgenerate
  wire          nkg_1 = (nkg == {{(CW-1){1'b0}}, 1'b1});

  // Candidates of the next state computed from registered state only; emit
  // (which depends on the downstream ready, on the array's stall path) only
  // selects among them.
  reg [LaneW-1:0] j_d;
  reg [XW-1:0]    xc_d, yc_d;
  reg [CW-1:0]    gc_d;
  reg [QAw-1:0]   qa_d, qg_d;
  reg             glast_d;
  always @* begin
    {j_d, xc_d, yc_d, gc_d, qa_d, qg_d, glast_d} = {j_q, xc_q, yc_q, gc_q, qa_q, qg_q, glast_q};
    if (start_i) begin
      j_d = {LaneW{1'b0}};
      {xc_d, yc_d, gc_d} = {wp, nt, nkg};
      {qa_d, qg_d} = {qbase_i, qbase_i};
      glast_d = nkg_1;
    end else if (emit) begin
      j_d  = j_q + 1'b1;
      qa_d = qa_q + 1'b1;
      if (j_last) begin
        j_d  = {LaneW{1'b0}};
        xc_d = xc_q - 1'b1;
        qa_d = qg_q;
        if (xo_last) begin
          xc_d = wp;
          if (glast_q) begin               // next tile row, group 0
            gc_d = nkg;
            glast_d = nkg_1;
            yc_d = yc_q - 1'b1;
            {qa_d, qg_d} = {qbase_i, qbase_i};
          end else begin                   // next group: channel k + 1
            gc_d = gc_q - 1'b1;
            glast_d = (gc_q == {{(CW-2){1'b0}}, 2'd2});
            qa_d = qa_q + 1'b1;
            qg_d = qa_q + 1'b1;
          end
        end
      end
    end
  end
  // last real lane of the group
  wire [LaneW-1:0] jmax_d = glast_d ? jmax_lastg : jmax_full;
  always @(posedge clk_i) jl_q <= (j_d == jmax_d);
  always @(posedge clk_i) {j_q, xc_q, yc_q, gc_q, qa_q, qg_q, glast_q} <=
                          {j_d, xc_d, yc_d, gc_d, qa_d, qg_d, glast_d};

  // the step after this element, and the layer's last element
  wire [1:0] st_e = !j_last ? ST_LANE : (!xo_last ? ST_COL : (!glast_q ? ST_GRP : ST_ROW));
  wire       last_e = j_last && xo_last && glast_q && yp_last;

  // ---- stage B ----
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) bv_q <= 1'b0; else if (b_ready) bv_q <= emit;
  always @(posedge clk_i) if (emit) {bacc_q, bst_q, blast_q} <= {lane_v, st_e, last_e};
  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) bi_q <= 2'd0;
    else if (emit) bi_q <= 2'd0;
    else if (lg_out && out_ready_i) bi_q <= bi_q + 2'd1;

  wire [31:0] bias = q_data_i[`EYRIE_Q_BIAS];
  wire [31:0] acc  = bacc_q + bias;
  // logits leave as the bytes of acc, low byte first, one per cycle: formed
  // a byte at a time with a carry register, so the output byte is an 8-bit
  // add rather than the end of the 32-bit carry chain. The bias is first
  // registered (one cycle per element; the qparam memory holds its output
  // while no element is emitted): the block RAM's output delay stays off
  // the byte's path to the activation memory.
  reg [31:0] bias_q;
  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) lbv_q <= 1'b0;
    else if (emit) lbv_q <= 1'b0;
    else if (logits_i && bv_q) lbv_q <= 1'b1;
  always @(posedge clk_i) if (logits_i && bv_q && !lbv_q) bias_q <= bias;
  reg        lc_q;                           // carry into byte bi_q
  wire [8:0] lsum = {1'b0, bacc_q[bi_q*8 +: 8]} + {1'b0, bias_q[bi_q*8 +: 8]} + {8'd0, lc_q};
  always @(posedge clk_i)
    if (emit) lc_q <= 1'b0;
    else if (lg_out && out_ready_i) lc_q <= lsum[8];

  wire       rq_valid, rq_last;
  wire [7:0] rq_q;
  wire [1:0] rq_st;
  eyrie_requant #(.UserW(3)) u_rq (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(bv_q && !logits_i), .in_ready_o(rq_ready),
    .acc_i(acc), .m_i(q_data_i[`EYRIE_Q_M]), .s_i(q_data_i[`EYRIE_Q_S]),
    .z_out_i(z_out_i), .relu_i(relu_i), .user_i({blast_q, bst_q}),
    .out_valid_o(rq_valid), .out_ready_i(out_ready_i),
    .q_o(rq_q), .user_o({rq_last, rq_st}));

  // ---- output side: byte address of the byte on the output ----
  // a_q: this byte; c_q: lane 0 of this column; g_q: lane 0, column 0 of
  // this group; r_q: group 0, column 0 of this row. Logits: base + byte
  // count (k-major, 4 bytes per k).
  reg  [OAw-1:0] a_q, c_q, g_q, r_q;
  wire           o_take = out_valid_o && out_ready_i;
  wire [OAw-1:0] a_inc  = a_q + (logits_i ? {{(OAw-1){1'b0}}, 1'b1} : plane_i);
  wire [OAw-1:0] c_inc  = c_q + {{(OAw-1){1'b0}}, 1'b1};
  wire [OAw-1:0] g_inc  = g_q + lplane;
  wire [OAw-1:0] r_inc  = r_q + pitch_i;
  always @(posedge clk_i) begin
    if (start_i) {a_q, c_q, g_q, r_q} <= {base_i, base_i, base_i, base_i};
    else if (o_take) begin
      if (logits_i || rq_st == ST_LANE) a_q <= a_inc;
      else if (rq_st == ST_COL) {a_q, c_q} <= {c_inc, c_inc};
      else if (rq_st == ST_GRP) {a_q, c_q, g_q} <= {g_inc, g_inc, g_inc};
      else {a_q, c_q, g_q, r_q} <= {r_inc, r_inc, r_inc, r_inc};
    end
  end

  assign out_valid_o = logits_i ? (bv_q && lbv_q) : rq_valid;
  assign out_data_o  = logits_i ? lsum[7:0] : rq_q;
  assign out_addr_o  = a_q;
  assign out_last_o  = logits_i ? (blast_q && bi_q == 2'd3) : rq_last;

  assign in_ready_o = emit && j_last;
  assign q_re_o     = emit;
  assign q_addr_o   = qa_q;

  wire unused = ^{q_data_i[`EYRIE_Q_W-1:53], cout_i[15:LaneW], nt_i[15:XW], wp_i[15:XW], nkg_i[15:CW]};
endmodule
