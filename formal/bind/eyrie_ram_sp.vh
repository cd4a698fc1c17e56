// Bound into eyrie_ram_sp (see formal/mkrtl.sh). As bind/eyrie_ram_be.vh for
// the single-port RAM, every byte lane: for one arbitrary address f_addr
// (anyconst, so every address), each byte holds the last byte written to it
// under its enable; a read of f_addr (re_i without a write: a write wins the
// port) returns them one cycle later; read data holds through write and idle
// cycles. No input rule (every instance has Depth = 2^AddrW). The cover is
// only for the RAM's own job (RAM_SP_IS_TOP), not inside larger proofs.
  (* anyconst *) reg [AddrW-1:0] f_addr;
  reg [Width/8-1:0] f_known = {(Width/8){1'b0}}, f_eknown;
  reg [Width-1:0]   f_data, f_edata, f_rdata_q;
  reg               f_rd_q = 1'b0, f_past = 1'b0, f_rdany_q = 1'b0;
  integer f_i;
  always @(posedge clk_i) begin
    for (f_i = 0; f_i < Width / 8; f_i = f_i + 1)
      if (be_i[f_i] && addr_i == f_addr) begin
        f_known[f_i] <= 1'b1;
        f_data[f_i*8 +: 8] <= wdata_i[f_i*8 +: 8];
      end
    f_rd_q    <= re_i && !(|be_i) && addr_i == f_addr;
    f_rdany_q <= re_i && !(|be_i);
    f_eknown  <= f_known;
    f_edata   <= f_data;
    f_past    <= 1'b1;
    f_rdata_q <= rdata_o;
  end
  always @* begin
    for (f_i = 0; f_i < Width / 8; f_i = f_i + 1) begin
      if (f_known[f_i]) assert (mem_q[f_addr][f_i*8 +: 8] == f_data[f_i*8 +: 8]);   // strengthening
      if (f_rd_q && f_eknown[f_i]) assert (rdata_o[f_i*8 +: 8] == f_edata[f_i*8 +: 8]);  // THE property
    end
    if (f_past && !f_rdany_q) assert (rdata_o == f_rdata_q);                       // data holds
  end
`ifdef RAM_SP_IS_TOP
  always @* cover (f_rd_q && (&f_eknown) && f_edata[7:0] != f_edata[Width-1:Width-8]);
`endif
