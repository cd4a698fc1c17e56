// eyrie_pairmax - folded pooling's last step, between eyrie_maxpool and
// eyrie_outpath on arrays that fold (Lanes >= EYRIE_FOLD_COLS). A folded
// layer's channel j sits in lanes 2j and 2j+1 (the two window rows); its
// pooled value is their signed maximum (numerics.md s.5). This stage
// computes the Lanes/2 pair maxima of each vector into lanes 0 .. Lanes/2-1
// (upper lanes zero) and queues them: an output register and Depth - 1
// entries behind it. The output path's lane select then reads one register
// lane, as without folding, and the queue lets a tile's last pass hand its
// vectors over faster than the output path's byte per cycle takes them
// (they drain during the next tile's passes).
// Without folding (fold_i low, a layer constant) the vector passes by the
// queue: valid, ready and data are wires.
// Latency: 1 cycle when folding, 0 otherwise. in_ready_o depends on
// registers only when folding (not on out_ready_i).
// Handshake: valid/ready on both sides.
module eyrie_pairmax #(
  parameter integer Lanes = 8,
  parameter integer Depth = 4          // vectors held when folding (>= 2)
) (
  input  wire                clk_i,
  input  wire                rst_ni,
  input  wire                fold_i,
  input  wire                in_valid_i,
  output wire                in_ready_o,
  input  wire [Lanes*32-1:0] in_data_i,
  output wire                out_valid_o,
  input  wire                out_ready_i,
  output wire [Lanes*32-1:0] out_data_o
);
  localparam integer Half = Lanes / 2;
  localparam integer Nq   = Depth - 1;                 // entries behind the register
  localparam integer QW   = (Nq > 1) ? $clog2(Nq) : 1;
  localparam integer CW   = $clog2(Nq + 1);
  localparam [CW-1:0] NQ  = Nq[CW-1:0];
  wire [Half*32-1:0] p_d;
  genvar j;
  generate
    for (j = 0; j < Half; j = j + 1) begin : g_pair
      wire [31:0] ev = in_data_i[(2*j)*32 +: 32], od = in_data_i[(2*j+1)*32 +: 32];
      assign p_d[j*32 +: 32] = ($signed(od) > $signed(ev)) ? od : ev;
    end
  endgenerate

  // output register (p_q, pv_q) and the queue behind it (q_q: n_q entries
  // from rp_q on; an entry waits there only while the register is full)
  reg                pv_q;
  reg [Half*32-1:0]  p_q;
  reg [Half*32-1:0]  q_q [0:Nq-1];
  reg [QW-1:0]       rp_q, wp_q;
  reg [CW-1:0]       n_q;
  wire in_rdy   = !(pv_q && n_q == NQ);
  wire take_in  = fold_i && in_valid_i && in_rdy;
  wire take_out = pv_q && out_ready_i;
  wire q_pop    = take_out && n_q != {CW{1'b0}};
  wire q_push   = take_in && pv_q && !(take_out && n_q == {CW{1'b0}});
  function automatic [QW-1:0] inc(input [QW-1:0] p);
    inc = ({{(32-QW){1'b0}}, p} == Nq - 1) ? {QW{1'b0}} : p + 1'b1;
  endfunction

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pv_q <= 1'b0;
      {rp_q, wp_q, n_q} <= {(2*QW+CW){1'b0}};
    end else begin
      if (!pv_q || take_out) pv_q <= q_pop || take_in;
      if (q_pop)  rp_q <= inc(rp_q);
      if (q_push) wp_q <= inc(wp_q);
      n_q <= n_q + {{(CW-1){1'b0}}, q_push} - {{(CW-1){1'b0}}, q_pop};
    end
  end
  always @(posedge clk_i) begin
    if (q_pop) p_q <= q_q[rp_q];
    else if (take_in && (!pv_q || take_out)) p_q <= p_d;
    if (q_push) q_q[wp_q] <= p_d;
  end

  assign in_ready_o  = fold_i ? in_rdy : out_ready_i;
  assign out_valid_o = fold_i ? pv_q : in_valid_i;
  assign out_data_o  = fold_i ? {{(Lanes - Half)*32{1'b0}}, p_q} : in_data_i;
endmodule
