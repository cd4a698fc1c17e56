// eyrie_ram_be - dual-port RAM with 16-bit words and per-byte write enables
// (activation memory: the feeder reads words, the layer writes output bytes).
// Inferred for iCE40 EBR / SPRAM-style mapping.
// Latency: read data valid one cycle after re_i; holds while re_i is low.
// Handshake: none (a plain memory port).
module eyrie_ram_be #(
  parameter integer Depth = 4096,
  parameter integer AddrW = 12
) (
  input  wire             clk_i,
  input  wire [1:0]       be_i,      // byte write enables, [1] = high byte
  input  wire [AddrW-1:0] waddr_i,
  input  wire [15:0]      wdata_i,
  input  wire             re_i,
  input  wire [AddrW-1:0] raddr_i,
  output wire [15:0]      rdata_o
);
  reg [7:0] lo_q [0:Depth-1];
  reg [7:0] hi_q [0:Depth-1];
  reg [7:0] rlo_q, rhi_q;

  always @(posedge clk_i) if (be_i[0]) lo_q[waddr_i] <= wdata_i[7:0];
  always @(posedge clk_i) if (be_i[1]) hi_q[waddr_i] <= wdata_i[15:8];
  always @(posedge clk_i) if (re_i) rlo_q <= lo_q[raddr_i];
  always @(posedge clk_i) if (re_i) rhi_q <= hi_q[raddr_i];

  assign rdata_o = {rhi_q, rlo_q};
endmodule
