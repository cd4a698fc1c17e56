// eyrie_mulser - small sequential unsigned multiplier (shift and add), for
// the layer constants computed once per layer (no DSP, a few LUTs).
// Latency: Width cycles from start_i to done_o (p_o valid and held after).
// Handshake: start_i pulse; done_o is a level (high while idle with a result).
module eyrie_mulser #(
  parameter integer Width = 16
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               start_i,
  input  wire [Width-1:0]   a_i,
  input  wire [Width-1:0]   b_i,
  output wire [2*Width-1:0] p_o,
  output wire               done_o
);
  localparam integer CntW = $clog2(Width + 1);
  reg [CntW-1:0]    n_q;
  reg [2*Width-1:0] a_q, p_q;
  reg [Width-1:0]   b_q;

  wire               busy = (n_q != {CntW{1'b0}});
  wire [2*Width-1:0] p_d  = start_i ? {2*Width{1'b0}} : (busy && b_q[0]) ? p_q + a_q : p_q;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) n_q <= {CntW{1'b0}};
    else if (start_i) n_q <= Width[CntW-1:0];
    else if (busy) n_q <= n_q - 1'b1;
  end
  always @(posedge clk_i) begin
    p_q <= p_d;
    if (start_i) {a_q, b_q} <= {{Width{1'b0}}, a_i, b_i};
    else if (busy) {a_q, b_q} <= {a_q << 1, b_q >> 1};
  end

  assign p_o    = p_q;
  assign done_o = !busy && !start_i;
endmodule
