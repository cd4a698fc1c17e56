// eyrie_ram_sp - single-port RAM with per-byte write enables: one address
// for either a write (any be_i bit set) or a read. Inferred so that Yosys
// maps it to iCE40 SPRAM (SB_SPRAM256KA, synth_ice40 -spram; 16K x 16 per
// block, nibble write masks) or ECP5 / iCE40 block RAM.
// Latency: read data valid one cycle after a read; it holds through write
// cycles and idle cycles (SPRAM keeps its output when not reading).
// Handshake: none (a plain memory port; the caller arbitrates).
module eyrie_ram_sp #(
  parameter integer Width = 16,      // a multiple of 8
  parameter integer Depth = 16384,
  parameter integer AddrW = 14
) (
  input  wire               clk_i,
  input  wire [Width/8-1:0] be_i,    // byte write enables; a write if any is set
  input  wire               re_i,    // read (ignored during a write)
  input  wire [AddrW-1:0]   addr_i,
  input  wire [Width-1:0]   wdata_i,
  output wire [Width-1:0]   rdata_o
);
  reg [Width-1:0] mem_q [0:Depth-1];
  reg [Width-1:0] rdata_q;
  integer i;

  always @(posedge clk_i) begin
    if (|be_i) begin
      for (i = 0; i < Width / 8; i = i + 1)
        if (be_i[i]) mem_q[addr_i][i*8 +: 8] <= wdata_i[i*8 +: 8];
    end else if (re_i) rdata_q <= mem_q[addr_i];
  end

  assign rdata_o = rdata_q;
endmodule
