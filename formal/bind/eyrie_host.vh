// Bound into eyrie_host (see formal/mkrtl.sh). Properties, k-induction:
//   H1 the loaded-program memories are written only while a LOAD_PROGRAM
//      payload is being stored (S_PDATA), the activation memory only while
//      CLASSIFY pixels arrive: a refused or any other command writes nothing;
//   H2 S_PDATA is only ever entered with a header that passed every check
//      (magic, version, array geometry, non-zero sizes, fits the memories;
//      the header fields hold while the payload is stored): an illegal
//      program is rejected before any write.
// Covers: a complete INFO command (reply taken, back to S_CMD) and a
// complete refused LOAD_PROGRAM (bad header: error reply sent).
  always @* if (rst_ni) begin
    if (d_we_o || wt_we_o || q_we_o) assert (st_q == S_PDATA);
    if (act_we_o) assert (st_q == S_PIX);
    if (st_q == S_PDATA) assert (!bad_prog && !nofit);
  end
  reg f_last_q = 1'b0;
  always @(posedge clk_i) f_last_q <= rst_ni && st_q == S_RSEND && out_ready_i && ridx_q + 16'd1 == rlen_q + 16'd4;
  always @* begin
    cover (f_last_q && st_q == S_CMD && cmd_q == C_INFO && status_q == E_OK);
    cover (f_last_q && st_q == S_CMD && cmd_q == C_LOAD && status_q == E_BADPROG);
  end
