// eyrie_ram_sdp - simple dual-port RAM: one write port, one synchronous read
// port, inferred so that Yosys maps it to iCE40 EBR (SB_RAM40_4K) or ECP5
// DP16KD rather than flip-flops.
// Latency: read data valid one cycle after re_i; it holds while re_i is low.
// Handshake: none (a plain memory port; the caller owns the timing).
// Users never write and read one address in the same cycle (no_rw_check:
// Yosys needs no collision logic); the simulation model returns the old data.
module eyrie_ram_sdp #(
  parameter integer Width = 16,
  parameter integer Depth = 256,
  parameter integer AddrW = 8
) (
  input  wire             clk_i,
  input  wire             we_i,
  input  wire [AddrW-1:0] waddr_i,
  input  wire [Width-1:0] wdata_i,
  input  wire             re_i,
  input  wire [AddrW-1:0] raddr_i,
  output wire [Width-1:0] rdata_o
);
  (* no_rw_check *)
  reg [Width-1:0] mem_q [0:Depth-1];
  reg [Width-1:0] rdata_q;

  always @(posedge clk_i) if (we_i) mem_q[waddr_i] <= wdata_i;
  always @(posedge clk_i) if (re_i) rdata_q <= mem_q[raddr_i];

  assign rdata_o = rdata_q;
endmodule
