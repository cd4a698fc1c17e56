// eyrie_pairmax - folded pooling's last step, between eyrie_maxpool and
// eyrie_outpath on arrays that fold (Lanes >= EYRIE_FOLD_COLS). A folded
// layer's channel j sits in lanes 2j and 2j+1 (the two window rows); its
// pooled value is their signed maximum (numerics.md s.5). This stage
// registers the Lanes/2 pair maxima of each vector in lanes 0 .. Lanes/2-1
// (upper lanes zero), so the output path's lane select reads one register
// lane, as without folding, instead of comparing two selected lanes.
// Without folding (fold_i low, a layer constant) the vector passes by the
// register: valid, ready and data are wires.
// Latency: 1 cycle when folding, 0 otherwise; full throughput (the register
// takes a vector in the cycle its content is taken).
// Handshake: valid/ready on both sides.
module eyrie_pairmax #(
  parameter integer Lanes = 8
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
  reg                pv_q;
  reg [Half*32-1:0]  p_q;
  wire [Half*32-1:0] p_d;
  genvar j;
  generate
    for (j = 0; j < Half; j = j + 1) begin : g_pair
      wire [31:0] ev = in_data_i[(2*j)*32 +: 32], od = in_data_i[(2*j+1)*32 +: 32];
      assign p_d[j*32 +: 32] = ($signed(od) > $signed(ev)) ? od : ev;
    end
  endgenerate

  wire p_ready = !pv_q || out_ready_i;
  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) pv_q <= 1'b0;
    else if (p_ready) pv_q <= fold_i && in_valid_i;
  always @(posedge clk_i) if (p_ready && in_valid_i) p_q <= p_d;

  assign in_ready_o  = fold_i ? p_ready : out_ready_i;
  assign out_valid_o = fold_i ? pv_q : in_valid_i;
  assign out_data_o  = fold_i ? {{(Lanes - Half)*32{1'b0}}, p_q} : in_data_i;
endmodule
