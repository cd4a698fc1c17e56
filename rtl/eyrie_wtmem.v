// eyrie_wtmem - the weight memory: words of Width bits (Cols int8 weights),
// written a byte at a time by the host while the engine is idle, read by the
// engine through a request/grant port. Two regions:
//   words [0, 2^FastAw)                full width, one word per cycle;
//   words [2^FastAw, 2^FastAw+2^SlowAw) half width (two physical words per
//                                      weight word, low half first), one
//                                      word per two cycles; SlowAw = 0: none.
// On the iCE40 UP5K with Cols = 4 the fast region is two SPRAMs side by
// side (16K x 32 bits) and the slow region the third (16K x 16): 24K words,
// 96 KiB, while the fourth SPRAM holds the activations. The program compiler
// places weights in address order, so only a large network's last weights
// (lenet: the tail of its fully connected layers) pay the second cycle.
// Pair = 1 (SlowAw = 0 only; the block-RAM builds of the wide arrays): the
// words are in two banks by address parity (word n at n/2 of bank n mod 2),
// and a read of n returns words n and n+1 as {n+1, n}, one from each bank,
// so the weight loader takes two taps per cycle (eyrie_loader Pair). Host
// writes are unchanged (the bank is the address's low bit).
// Latency: data one cycle after the grant (as eyrie_layer expects).
// Handshake: rd_req_i with a stable raddr_i until rd_gnt_o; a fast word is
// granted at once, a slow word after one extra cycle.
module eyrie_wtmem #(
  parameter integer Width  = 32,
  parameter integer AddrW  = 15,
  parameter integer FastAw = 14,     // = AddrW when SlowAw = 0, else AddrW - 1
  parameter integer SlowAw = 13,     // < FastAw, or 0
  parameter integer Pair   = 0       // 1: read word pairs (SlowAw = 0)
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire [Width/8-1:0] wbe_i,   // host byte write (idle only)
  input  wire [AddrW-1:0]   waddr_i,
  input  wire [Width-1:0]   wdata_i,
  input  wire               rd_req_i,
  output wire               rd_gnt_o,
  input  wire [AddrW-1:0]   raddr_i,
  output wire [(Pair+1)*Width-1:0] rdata_o
);
  localparam integer Nb = Width / 8;
  wire             wr    = |wbe_i;
  wire [AddrW-1:0] addr  = wr ? waddr_i : raddr_i;
  wire [Width-1:0] fdata;

  generate
    if (SlowAw == 0 && Pair != 0) begin : g_pair
      // bank 0 holds the even words, bank 1 the odd; a read of n reads
      // bank n[0] at n/2 and the other bank at (n+1)/2
      localparam integer BAw = AddrW - 1;
      wire [Width-1:0] d0, d1;
      reg              odd_q;
      wire [BAw-1:0]   rhi  = raddr_i[AddrW-1:1];
      wire [BAw-1:0]   a0   = wr ? waddr_i[AddrW-1:1] : rhi + {{(BAw-1){1'b0}}, raddr_i[0]};
      wire [BAw-1:0]   a1   = wr ? waddr_i[AddrW-1:1] : rhi;
      eyrie_ram_sp #(.Width(Width), .Depth(1 << BAw), .AddrW(BAw)) u_b0 (
        .clk_i(clk_i), .be_i(waddr_i[0] ? {Nb{1'b0}} : wbe_i), .re_i(rd_req_i), .addr_i(a0),
        .wdata_i(wdata_i), .rdata_o(d0));
      eyrie_ram_sp #(.Width(Width), .Depth(1 << BAw), .AddrW(BAw)) u_b1 (
        .clk_i(clk_i), .be_i(waddr_i[0] ? wbe_i : {Nb{1'b0}}), .re_i(rd_req_i), .addr_i(a1),
        .wdata_i(wdata_i), .rdata_o(d1));
      always @(posedge clk_i) if (rd_req_i && !wr) odd_q <= raddr_i[0];
      assign rd_gnt_o = 1'b1;
      assign rdata_o  = odd_q ? {d0, d1} : {d1, d0};
      wire unused = ^{rst_ni, addr, fdata};
      assign fdata = {Width{1'b0}};
    end else if (SlowAw == 0) begin : g_one
      eyrie_ram_sp #(.Width(Width), .Depth(1 << AddrW), .AddrW(AddrW)) u_fast (
        .clk_i(clk_i), .be_i(wbe_i), .re_i(rd_req_i), .addr_i(addr), .wdata_i(wdata_i),
        .rdata_o(fdata));
      assign rd_gnt_o = 1'b1;
      assign rdata_o  = fdata;
      wire unused = rst_ni;
    end else begin : g_split
      localparam integer Hb = Nb / 2;
      wire             slow  = addr[FastAw];          // beyond the fast region
      // the read side decides on raddr_i alone: host writes happen only
      // while the engine is idle, and the grant stays off the host's path
      wire             rslow = raddr_i[FastAw];
      wire [Width/2-1:0] sdata;
      reg              ph_q, sel_q;                   // second half pending; last read was slow
      reg [Width/2-1:0] lo_q;
      wire             whi   = |wbe_i[Nb-1:Hb];       // host byte in the high half
      wire [Hb-1:0]    sbe   = (wr && slow) ? (whi ? wbe_i[Nb-1:Hb] : wbe_i[Hb-1:0]) : {Hb{1'b0}};
      wire [Width/2-1:0] swd = whi ? wdata_i[Width-1:Width/2] : wdata_i[Width/2-1:0];
      wire             shalf = wr ? whi : ph_q;
      eyrie_ram_sp #(.Width(Width), .Depth(1 << FastAw), .AddrW(FastAw)) u_fast (
        .clk_i(clk_i), .be_i((wr && !slow) ? wbe_i : {Nb{1'b0}}), .re_i(rd_req_i && !rslow),
        .addr_i(addr[FastAw-1:0]), .wdata_i(wdata_i), .rdata_o(fdata));
      eyrie_ram_sp #(.Width(Width/2), .Depth(1 << (SlowAw + 1)), .AddrW(SlowAw + 1)) u_slow (
        .clk_i(clk_i), .be_i(sbe), .re_i(rd_req_i && rslow), .addr_i({addr[SlowAw-1:0], shalf}),
        .wdata_i(swd), .rdata_o(sdata));
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) {ph_q, sel_q} <= 2'b00;
        else begin
          ph_q <= rd_req_i && !wr && rslow && !ph_q;
          if (rd_req_i && rd_gnt_o) sel_q <= rslow;
        end
      end
      always @(posedge clk_i) if (ph_q) lo_q <= sdata;
      assign rd_gnt_o = !rslow || ph_q;
      assign rdata_o  = sel_q ? {sdata, lo_q} : fdata;
      wire unused = ^addr[FastAw-1:SlowAw];   // zero in a slow address (the host checks the capacity)
    end
  endgenerate
endmodule
