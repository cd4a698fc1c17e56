// Bound into eyrie_ram_sdp (see formal/mkrtl.sh). Tracked-address model: for
// one arbitrary address f_addr (anyconst, so every address), f_data is the
// last word written there; a read of f_addr returns it one cycle later, and
// the read data holds while re_i is low. Input rules (addresses inside the
// memory; no read and write of one address in one cycle, the module's
// no_rw_check contract): assumed when the RAM is the proof top (RAM_IS_TOP),
// asserted when it sits inside a larger proof, so the caller is checked.
  (* anyconst *) reg [AddrW-1:0] f_addr;
  reg             f_known = 1'b0, f_rd_q = 1'b0, f_exp_known = 1'b0, f_past = 1'b0, f_re_q = 1'b0;
  reg [Width-1:0] f_data, f_exp_q, f_rdata_q;
  always @(posedge clk_i) begin
    if (we_i && waddr_i == f_addr) begin f_known <= 1'b1; f_data <= wdata_i; end
    f_rd_q      <= re_i && raddr_i == f_addr;
    f_exp_q     <= f_data;
    f_exp_known <= f_known;
    f_past      <= 1'b1;
    f_re_q      <= re_i;
    f_rdata_q   <= rdata_o;
  end
  wire f_in_ok = (!we_i || waddr_i < Depth) && (!re_i || raddr_i < Depth)
              && !(we_i && re_i && waddr_i == raddr_i);
`ifdef RAM_IS_TOP
  always @* assume (f_in_ok);
`else
  always @* assert (f_in_ok);
`endif
  always @* begin
    if (f_known) assert (mem_q[f_addr] == f_data);          // strengthening
    if (f_rd_q && f_exp_known) assert (rdata_o == f_exp_q);  // THE property
    if (f_past && !f_re_q) assert (rdata_o == f_rdata_q);    // read data holds
  end
  always @* cover (f_rd_q && f_exp_known && f_past);
