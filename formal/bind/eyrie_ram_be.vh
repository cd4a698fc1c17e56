// Bound into eyrie_ram_be (see formal/mkrtl.sh). As bind/eyrie_ram_sdp.vh,
// per byte lane: for one arbitrary word address f_addr, each byte holds the
// last byte written to it under its enable; a read returns both one cycle
// later; read data holds while re_i is low. Input rule: addresses inside
// the memory (assumed when the RAM is the proof top, asserted otherwise).
  (* anyconst *) reg [AddrW-1:0] f_addr;
  reg       f_klo = 1'b0, f_khi = 1'b0, f_rd_q = 1'b0, f_past = 1'b0, f_re_q = 1'b0;
  reg       f_eklo, f_ekhi;
  reg [7:0] f_lo, f_hi, f_elo, f_ehi;
  reg [15:0] f_rdata_q;
  always @(posedge clk_i) begin
    if (be_i[0] && waddr_i == f_addr) begin f_klo <= 1'b1; f_lo <= wdata_i[7:0]; end
    if (be_i[1] && waddr_i == f_addr) begin f_khi <= 1'b1; f_hi <= wdata_i[15:8]; end
    f_rd_q <= re_i && raddr_i == f_addr;
    {f_eklo, f_ekhi, f_elo, f_ehi} <= {f_klo, f_khi, f_lo, f_hi};
    f_past <= 1'b1; f_re_q <= re_i; f_rdata_q <= rdata_o;
  end
  wire f_in_ok = (be_i == 2'b00 || waddr_i < Depth) && (!re_i || raddr_i < Depth);
`ifdef RAM_IS_TOP
  always @* assume (f_in_ok);
`else
  always @* assert (f_in_ok);
`endif
  always @* begin
    if (f_klo) assert (lo_q[f_addr] == f_lo);
    if (f_khi) assert (hi_q[f_addr] == f_hi);
    if (f_rd_q && f_eklo) assert (rdata_o[7:0] == f_elo);    // THE property
    if (f_rd_q && f_ekhi) assert (rdata_o[15:8] == f_ehi);
    if (f_past && !f_re_q) assert (rdata_o == f_rdata_q);
  end
  always @* cover (f_rd_q && f_eklo && f_ekhi && f_elo != f_ehi);
