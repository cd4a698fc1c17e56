// Bound into eyrie_wtmem (see formal/mkrtl.sh); active only in its own job
// (WTMEM_IS_TOP; inside eyrie_net the engine side is a free stub there).
// Environment (the contract in the module header): host writes and engine
// reads never in one cycle (the host writes while the engine is idle), one
// byte per write (eyrie_net: one lane enable); a
// read request keeps raddr_i stable until rd_gnt_o; addresses inside the
// memory (below 2^FastAw + 2^SlowAw: the host checks the program size);
// reset once at the start (eyrie_net resets it with everything else).
// Property, for one arbitrary word address f_addr (anyconst): each byte lane
// of the word holds the last byte written to it; a granted read of f_addr
// returns the whole word one cycle after the grant, through the fast path or
// the slow region's two half-word reads (low half first). Pair: a read of
// f_addr returns it in the low word, a read of f_addr - 1 in the high word.
`ifdef WTMEM_IS_TOP
  localparam integer FNb = Width / 8;
  localparam [AddrW:0] FWords = (1 << FastAw) + ((SlowAw > 0) ? (1 << SlowAw) : 0);
  (* anyconst *) reg [AddrW-1:0] f_addr;
  reg [FNb-1:0]   f_known = {FNb{1'b0}}, f_eknown;
  reg [Width-1:0] f_data, f_edata;
  reg             f_rd_q = 1'b0, f_rd2_q = 1'b0, f_past = 1'b0, f_req_q = 1'b0, f_gnt_q = 1'b0;
  reg [AddrW-1:0] f_raddr_q;
  reg             f_init = 1'b1;
  integer f_i;
  always @(posedge clk_i) begin
    f_init <= 1'b0;
    for (f_i = 0; f_i < FNb; f_i = f_i + 1)
      if (wbe_i[f_i] && waddr_i == f_addr) begin
        f_known[f_i] <= 1'b1;
        f_data[f_i*8 +: 8] <= wdata_i[f_i*8 +: 8];
      end
    f_rd_q    <= rd_req_i && rd_gnt_o && raddr_i == f_addr;
    f_rd2_q   <= Pair != 0 && rd_req_i && rd_gnt_o && raddr_i + 1'b1 == f_addr && f_addr != {AddrW{1'b0}};
    f_eknown  <= f_known;
    f_edata   <= f_data;
    f_past    <= 1'b1;
    f_req_q   <= rst_ni && rd_req_i;
    f_gnt_q   <= rd_gnt_o;
    f_raddr_q <= raddr_i;
  end
  always @* begin
    assume (rst_ni == !f_init);                 // reset once, at the start
    assume (!(|wbe_i && rd_req_i));
    assume ((wbe_i & (wbe_i - 1'b1)) == {FNb{1'b0}});   // one byte per write (eyrie_net's wt_lane)
    assume (!(|wbe_i) || {1'b0, waddr_i} < FWords);
    assume (!rd_req_i || {1'b0, raddr_i} < FWords);
    assume ({1'b0, f_addr} < FWords);
    if (f_past && f_req_q && !f_gnt_q) assume (rd_req_i && raddr_i == f_raddr_q);
    for (f_i = 0; f_i < FNb; f_i = f_i + 1)
      if (f_rd_q && f_eknown[f_i]) assert (rdata_o[f_i*8 +: 8] == f_edata[f_i*8 +: 8]);  // THE property
    if (Pair != 0)
      for (f_i = 0; f_i < FNb; f_i = f_i + 1)
        if (f_rd2_q && f_eknown[f_i]) assert (rdata_o[Width + f_i*8 +: 8] == f_edata[f_i*8 +: 8]);
  end
  // a word read back through each path, all bytes known and the halves different
  wire f_slow = SlowAw > 0 && f_addr[FastAw];
  always @* begin
    cover (f_rd_q && (&f_eknown) && !f_slow);
    if (SlowAw > 0)
      cover (f_rd_q && (&f_eknown) && f_slow && f_edata[Width/2-1:0] != f_edata[Width-1:Width/2]);
    if (Pair != 0) begin
      cover (f_rd2_q && (&f_eknown) && f_addr[0]);     // the high word from bank 1
      cover (f_rd2_q && (&f_eknown) && !f_addr[0]);    // ... and from bank 0
    end
  end
`endif
