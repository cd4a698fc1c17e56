// eyrie_ram_pair - the activation memory of the wide block-RAM builds: an
// eyrie_ram_be (16-bit words, byte write enables, a write and a read port)
// split by word parity into two banks (word n at n/2 of bank n mod 2), so a
// read of word n returns words n and n+1 ({n+1, n}), one from each bank:
// the line-buffer loader takes two words per cycle (eyrie_loader Pair).
// Readers that want one word take the low half. Word n+1 of the last word
// is the bank's word 0 (never used).
// Latency: read data valid one cycle after re_i; holds while re_i is low.
// Handshake: none (a plain memory port).
module eyrie_ram_pair #(
  parameter integer AddrW = 12        // word address bits (2^AddrW words)
) (
  input  wire             clk_i,
  input  wire [1:0]       be_i,      // byte write enables, [1] = high byte
  input  wire [AddrW-1:0] waddr_i,
  input  wire [15:0]      wdata_i,
  input  wire             re_i,
  input  wire [AddrW-1:0] raddr_i,
  output wire [31:0]      rdata_o
);
  localparam integer BAw = AddrW - 1;
  wire [15:0]    d0, d1;
  reg            odd_q;
  wire [BAw-1:0] rhi = raddr_i[AddrW-1:1];
  eyrie_ram_be #(.Depth(1 << BAw), .AddrW(BAw)) u_b0 (
    .clk_i(clk_i), .be_i(waddr_i[0] ? 2'b00 : be_i), .waddr_i(waddr_i[AddrW-1:1]), .wdata_i(wdata_i),
    .re_i(re_i), .raddr_i(rhi + {{(BAw-1){1'b0}}, raddr_i[0]}), .rdata_o(d0));
  eyrie_ram_be #(.Depth(1 << BAw), .AddrW(BAw)) u_b1 (
    .clk_i(clk_i), .be_i(waddr_i[0] ? be_i : 2'b00), .waddr_i(waddr_i[AddrW-1:1]), .wdata_i(wdata_i),
    .re_i(re_i), .raddr_i(rhi), .rdata_o(d1));
  always @(posedge clk_i) if (re_i) odd_q <= raddr_i[0];
  assign rdata_o = odd_q ? {d0, d1} : {d1, d0};
endmodule
