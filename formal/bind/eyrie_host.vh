// Bound into eyrie_host (see formal/mkrtl.sh). Properties:
//   H1 the loaded-program memories are written only while a LOAD_PROGRAM
//      payload is being stored (S_PDATA), the activation memory only while
//      CLASSIFY pixels arrive: a refused or any other command writes nothing;
//   H2 S_PDATA is only ever entered with a header that passed every check
//      (the sticky bad / nofit / length flags clear, and they hold while the
//      payload is stored): an illegal program is rejected before any write.
// Under HOST_SHADOW (host_bmc only: from reset, not inductive) a shadow of
// the received header bytes checks the flags against the protocol's own
// formulas (docs/protocol.md, plain expressions over the header fields):
//   H2s when the last header byte has been taken: a header with a wrong
//       magic / version / geometry or a zero size is refused with
//       BAD_PROGRAM, one that passes those but does not fit with NOFIT (the
//       design is not in S_PDATA); in S_PDATA the loaded fields (layers,
//       image bytes, width, input base, classes, logits address) are the
//       header's. (The total-length formula is left to the benches: the
//       solver did not finish it at this depth in 10 min.)
// Covers: a complete INFO command (reply taken, back to S_CMD) and a
// complete refused LOAD_PROGRAM (bad header: error reply sent).
  always @* if (rst_ni) begin
    if (d_we_o || wt_we_o || q_we_o) assert (st_q == S_PDATA);
    if (act_we_o) assert (st_q == S_PIX);
    if (st_q == S_PDATA) assert (hdr_ok);
  end
  reg f_last_q = 1'b0;
  always @(posedge clk_i) f_last_q <= rst_ni && st_q == S_RPREP && !rhdr && rz;
  always @* begin
    cover (f_last_q && st_q == S_CMD && cmd_q == C_INFO && status_q == E_OK);
    cover (f_last_q && st_q == S_CMD && cmd_q == C_LOAD && status_q == E_BADPROG);
  end
`ifdef HOST_SHADOW
  reg [191:0] f_hdr;             // header bytes 0..23 once they are in
  reg         f_done_q = 1'b0;   // the last header byte was taken in the previous cycle
  always @(posedge clk_i) begin
    if (st_q == S_PHDR && fire && bc_q < 5'd24) f_hdr <= {b, f_hdr[191:8]};
    f_done_q <= rst_ni && st_q == S_PHDR && fire && bc_q == 5'd31;
  end
  wire [7:0]  f_n    = f_hdr[7*8 +: 8];
  wire [15:0] f_act  = f_hdr[10*8 +: 16], f_wt = f_hdr[12*8 +: 16], f_qw = f_hdr[14*8 +: 16];
  wire [15:0] f_inb  = f_hdr[16*8 +: 16], f_imgb = f_hdr[18*8 +: 16], f_lb = f_hdr[22*8 +: 16];
  wire [7:0]  f_imgw = f_hdr[20*8 +: 8], f_ncls = f_hdr[21*8 +: 8];
  wire f_bad   = f_hdr[7*8-1:0] != {KMAX32[7:0], COLS32[7:0], ROWS32[7:0], PVER, 8'h50, 8'h59, 8'h45} ||
                 f_hdr[10*8-1:8*8] != WMAX32[15:0] || f_n == 8'd0 || f_ncls == 8'd0 || f_imgw == 8'd0 ||
                 f_imgb == 16'd0;
  wire f_nofit = {24'd0, f_n} > DN || {16'd0, f_act} > ACTN || {16'd0, f_wt} > WTN || {16'd0, f_qw} > QN;
  always @* if (rst_ni && f_done_q) begin
    if (f_bad) assert (st_q != S_PDATA && status_q == E_BADPROG);
    else if (f_nofit) assert (st_q != S_PDATA && status_q == E_NOFIT);
    if (st_q == S_PDATA) begin
      assert (nl_q == f_n[DAw:0] && img_bytes_q == f_imgb && img_w_q == f_imgw && ncls_q == f_ncls);
      assert (in_base_q == f_inb[ActAw-1:0] && lbase_q == f_lb[ActAw-1:0] && !loaded_q);
    end
  end
`endif
