// eyrie_linebuf - one array row's line buffer: 16-bit words (two pixels)
// at {half, tile row, word}. Pair = 0: one eyrie_ram_sdp. Pair = 1 (the
// activation loader writes two words per cycle, eyrie_loader Pair): two
// banks by word parity; a write puts words w (even) and w+1 (we2_i: real)
// at w/2 of banks 0 and 1; a read selects the bank by the word address's
// low bit, registered with the read.
// Latency: read data valid one cycle after re_i; holds while re_i is low.
// Handshake: none (a plain memory port).
module eyrie_linebuf #(
  parameter integer AddrW = 8,
  parameter integer Pair  = 0
) (
  input  wire                    clk_i,
  input  wire                    we_i,
  input  wire                    we2_i,     // Pair: the high word is real
  input  wire [AddrW-1:0]        waddr_i,   // Pair: an even word
  input  wire [(Pair+1)*16-1:0]  wdata_i,   // Pair: {word w+1, word w}
  input  wire                    re_i,
  input  wire [AddrW-1:0]        raddr_i,
  output wire [15:0]             rdata_o
);
  generate
    if (Pair != 0) begin : g_pair
      wire [15:0] d0, d1;
      reg         odd_q;
      eyrie_ram_sdp #(.Width(16), .Depth(1 << (AddrW - 1)), .AddrW(AddrW - 1)) u_b0 (
        .clk_i(clk_i), .we_i(we_i), .waddr_i(waddr_i[AddrW-1:1]), .wdata_i(wdata_i[15:0]),
        .re_i(re_i), .raddr_i(raddr_i[AddrW-1:1]), .rdata_o(d0));
      eyrie_ram_sdp #(.Width(16), .Depth(1 << (AddrW - 1)), .AddrW(AddrW - 1)) u_b1 (
        .clk_i(clk_i), .we_i(we_i && we2_i), .waddr_i(waddr_i[AddrW-1:1]),
        .wdata_i(wdata_i[(Pair+1)*16-1:16]), .re_i(re_i), .raddr_i(raddr_i[AddrW-1:1]), .rdata_o(d1));
      always @(posedge clk_i) if (re_i) odd_q <= raddr_i[0];
      assign rdata_o = odd_q ? d1 : d0;
      wire unused = waddr_i[0];
    end else begin : g_one
      eyrie_ram_sdp #(.Width(16), .Depth(1 << AddrW), .AddrW(AddrW)) u_lb (
        .clk_i(clk_i), .we_i(we_i), .waddr_i(waddr_i), .wdata_i(wdata_i),
        .re_i(re_i), .raddr_i(raddr_i), .rdata_o(rdata_o));
      wire unused = we2_i;
    end
  endgenerate
endmodule
