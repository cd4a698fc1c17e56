// eyrie_mulser - small sequential unsigned multiplier (shift and add), for
// the layer constants computed once per layer (no DSP, a few LUTs).
// Radix 2 with the product register holding {partial sum, multiplier bits
// not yet used}: each step adds a (or 0) into the upper half and shifts the
// whole register right, so only a Width-bit adder and 2*Width + Width
// flip-flops are needed.
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
  reg [2*Width-1:0] p_q;
  reg [Width-1:0]   a_q;

  wire             busy = (n_q != {CntW{1'b0}});
  wire [Width:0]   sum  = {1'b0, p_q[2*Width-1:Width]} + (p_q[0] ? {1'b0, a_q} : {(Width+1){1'b0}});

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) n_q <= {CntW{1'b0}};
    else if (start_i) n_q <= Width[CntW-1:0];
    else if (busy) n_q <= n_q - 1'b1;
  end
  always @(posedge clk_i) begin
    if (start_i) {a_q, p_q} <= {a_i, {Width{1'b0}}, b_i};
    else if (busy) p_q <= {sum, p_q[Width-1:1]};
  end

  assign p_o    = p_q;
  assign done_o = !busy && !start_i;
endmodule
