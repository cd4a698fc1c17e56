// eyrie_loader - fills the array's double-buffered row memories for each
// pass, one pass ahead of the computation. Kind = 0: weight scratchpads
// (K words of Cols int8 taps per array row, read sequentially from the weight
// memory); Kind = 1: line buffers (TH input rows of ceil(W/2) 16-bit words
// per array row, read from the activation memory; rows outside the image and
// unused virtual rows are written with the padding code / zero weights
// without a read).
// Walk: for tile (yp, kg) -> pass (v0 = 0, Rows, ...) -> array row i
// (virtual row v = v0 + i = c*K + r) -> a < A -> b < B.
// Small and fast by construction: every loop counter counts up (set on
// start, stepped by an issued word) and its loop-end test is a registered
// look-ahead flag, written with the counter from the counter's next value,
// so the issue decision and the events are a few gates of flip-flops (the
// UP5K's critical path ran through the chain grant -> issue -> row end ->
// pass end -> tile end -> counter enables); the pass position is the
// count of virtual rows left (vr = V - v0, down by Rows: last pass when
// vr <= Rows, array row i used when i < vr); the read address is a register
// stepped by +1 per word (the rows of a channel are contiguous), so only
// the channel and tile starts take an adder (+plane, +TH*B) and a repeated
// row (TH = 2) takes its saved start; the moves to the next array row
// happen with a row's last word. The input row y is a 9-bit register beside
// them; the padding row y = -1 holds the address, so the channel and tile
// starts are those of row max(y, 0). Legal shapes only
// (docs/architecture.md s.5.4).
// A row's half h is written only when its full flag is clear; the flag is set
// when the last word is written and cleared by the array when that row ends
// the pass that used it (clr_i). The transfer decision looks at the flags'
// next state, so a row cleared in this cycle is loaded from the next one
// (its last read of the half was at that clock edge).
// Pair = 1: the memory returns words n and n+1 per read (rd_data_i =
// {word n+1, word n}); a row's words are read two at a time (b, b+1 from
// even b; an odd B ends with one) and written together to the even and odd
// banks of the row memory (we2_o: the second is real), so B words take
// ceil(B/2) cycles.
// Latency: read request to RAM write 1 cycle (synchronous memory), 2 with
// RdReg.
// Handshake: memory read request rd_req_o / rd_gnt_i (valid/ready; the
// address is stable while not granted), data one cycle after the grant.
`include "eyrie_defs.vh"
module eyrie_loader #(
  parameter integer Kind  = 0,
  parameter integer Rows  = 3,
  parameter integer AddrW = 16,
  parameter integer DataW = 16,
  parameter integer WaW   = 8,     // row-memory write address bits
  parameter integer RdReg = 0,     // 1: register the read data before the
                                   // row-memory write (one more cycle; for a
                                   // memory far from the array)
  parameter integer Pair  = 0,     // two words per read (see above)
  parameter integer EarlyFull = 0  // with RdReg: set a row's flag with the
                                   // registered data, a cycle before its
                                   // write (the memory is read a cycle after
                                   // the scheduler's decision: scratchpads)
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               start_i,      // one-cycle pulse, constants valid
  // layer constants
  input  wire [15:0]        cin_i,
  input  wire [2:0]         k_i,
  input  wire               pad_i,
  input  wire [15:0]        h_i,
  input  wire [15:0]        v_i,          // virtual rows C_in*K
  input  wire [15:0]        nt_i,         // tiles in y
  input  wire [15:0]        nkg_i,        // output channel groups
  input  wire               th2_i,        // tile height 2 (pool)
  input  wire [15:0]        nb_i,         // B: words per row (act) / K (wt)
  input  wire [AddrW-1:0]   base_i,       // tensor base address
  input  wire [AddrW-1:0]   plane_i,      // act: words per input channel
  input  wire [7:0]         z_in_i,
  // memory read port
  output wire               rd_req_o,
  input  wire               rd_gnt_i,
  output wire [AddrW-1:0]   rd_addr_o,
  input  wire [DataW-1:0]   rd_data_i,
  // row-memory write port
  output wire [Rows-1:0]    we_o,
  output wire [WaW-1:0]     waddr_o,
  output wire [DataW-1:0]   wdata_o,
  output wire               we2_o,        // Pair: wdata_o's high word is a tap too
  // full flags per (row, half) and their clears from the array
  input  wire [Rows-1:0]    clr_i,
  input  wire [Rows-1:0]    clr_h_i,
  output wire [1:0]         full_o,       // per half: every row's flag set
  output wire               busy_o
);
  localparam integer RowW = (Rows > 1) ? $clog2(Rows) : 1;
  localparam integer CW   = `EYRIE_CNT_W;         // C_in*K, channel groups
  localparam integer YW   = 9;                    // tiles nt <= H + 2 <= 257; row y -1..H
  localparam integer BW   = (Kind == 1) ? WaW - 2 : WaW - 1;  // word in the row (< 2^BW)
  localparam [31:0] ROWS32 = Rows;
  localparam [31:0] ILAST32 = Rows - 1;
  localparam [CW-1:0]   ROWS_C = ROWS32[CW-1:0];
  localparam [RowW-1:0] ILAST  = ILAST32[RowW-1:0];
  localparam [CW-1:0]   ONE  = 1;
  localparam [YW-1:0]   YONE = 1;
  localparam [BW:0]     BONE = 1;
  localparam integer    P    = (Pair != 0) ? 1 : 0;
  // loop bounds at the counters' widths (legal descriptors fit)
  wire [CW-1:0] v_c   = v_i[CW-1:0];
  wire [YW-1:0] nt_c  = nt_i[YW-1:0];
  wire [CW-1:0] nkg_c = nkg_i[CW-1:0];
  wire [BW:0]   nb_c  = nb_i[BW:0];

  reg              act_q, xfer_q, h_q, a_q;
  // yp, kg and r are kept plus one (1 .. bound), so the look-ahead compares
  // below are equalities against the bound
  reg [YW-1:0]     yp1_q;
  reg [CW-1:0]     kg1_q, vrn_q;
  reg [BW-1:0]     b_q;
  reg [2:0]        r1_q;
  reg [RowW-1:0]   i_q;
  reg [2*Rows-1:0] full_q, full_d;   // full_d: the flags' next state
  // virtual row v0 + i exists (v < C_in*K, i.e. c < C_in) when i < vr: one
  // flag per array row, registered when vr is loaded or stepped
  reg  [Rows-1:0] okm_q;
  // vrn = vr - Rows: the virtual rows left after this pass, kept instead of
  // vr so that the next pass's flags need no subtractor in front of them
  wire [CW-1:0]   v_dec  = v_c - ROWS_C;
  function automatic [Rows-1:0] row_mask(input [CW-1:0] vr);
    integer q;
    for (q = 0; q < Rows; q = q + 1)
      row_mask[q] = (|vr[CW-1:RowW]) || ({{(32-RowW){1'b0}}, vr[RowW-1:0]} > q);
  endfunction
  // okm[i + 1], or 0 past the last row
  function automatic okm_next(input [Rows-1:0] m, input [RowW-1:0] i);
    integer q;
    begin
      okm_next = 1'b0;
      for (q = 0; q + 1 < Rows; q = q + 1)
        if ({{(32-RowW){1'b0}}, i} == q) okm_next = m[q + 1];
    end
  endfunction
  // last pass (vr <= Rows)
  function automatic last_pass(input [CW-1:0] vr);
    last_pass = ({{(32-CW){1'b0}}, vr} <= Rows);
  endfunction

  // ---- loop ends, as registered look-ahead flags ----
  // Each flag is the loop-end test of the current counter values, written
  // when its counter is written (from the counter's next value), so the
  // issue decision and the events below are a few gates of flip-flops: no
  // adder or comparator sits between a grant and the counters' enables.
  reg         bl_q, il_q, rl_q, lp_q, kgl_q, ypl_q;
  reg         ok_q;                            // okm[i]: virtual row exists
  wire        a_last = !(Kind == 1 && th2_i) || a_q;
  wire        row_ok;                          // read the row (else pad it)
  wire [RowW-1:0] i_inc = i_q + 1'b1;

  // the rows' full flags of half h
  function automatic [Rows-1:0] half_flags(input [2*Rows-1:0] f, input h);
    half_flags = h ? f[2*Rows-1:Rows] : f[Rows-1:0];
  endfunction
  wire [Rows-1:0] full_h = half_flags(full_d, h_q);
  wire        row_free = !full_h[i_q];
  wire        issue    = xfer_q && (!row_ok || rd_gnt_i);

  // conditions of the current word (no issue in them) and this cycle's events
  wire c_row  = bl_q;                          // a row (one of the TH) ends
  wire c_rend = bl_q && a_last;                // all TH rows of array row i end
  wire c_pass = c_rend && il_q;                // the pass's last row ends
  wire c_chan = c_rend && rl_q;                // the channel's K rows end
  wire c_tile = c_pass && lp_q;                // the tile's last pass ends
  wire c_yt   = c_tile && kgl_q;               // next tile row
  wire c_done = c_yt && ypl_q;                 // the layer's last word
  wire ev_row  = issue && c_row;
  wire row_end = issue && c_rend;
  wire ev_done = issue && c_done;
  // xfer: a row is being transferred; it starts once the row's half is
  // free, and goes on into the next row at a row end if that row's half is
  // free already (back-to-back rows: short rows, e.g. FC layers, are not
  // paced by an idle cycle per row)
  wire [RowW-1:0] i_nx = c_pass ? {RowW{1'b0}} : i_inc;
  wire [Rows-1:0] full_hn = half_flags(full_d, c_pass != h_q);
  wire nx_free = !c_done && !full_hn[i_nx];
  wire act_d   = start_i || (act_q && !ev_done);
  wire xfer_d  = !start_i && ((act_q && !xfer_q) ? row_free : (xfer_q && (!row_end || nx_free)));
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) {act_q, xfer_q} <= 2'b00;
    else         {act_q, xfer_q} <= {act_d, xfer_d};
  end
  // counters: set on start, stepped by an issued word (each by its loop's
  // condition); the data inputs use the conditions, the enables the events
  // Pair: b steps by 2 and the row's last read is the one with b + 2 >= B
  wire [BW:0]   b_inc  = {1'b0, b_q} + BONE + {{BW{1'b0}}, P[0]};
  wire [BW:0]   b_inc2 = {1'b0, b_q} + BONE + BONE;
  wire [BW:0]   b_inc3 = b_inc2 + BONE;
  wire [BW:0]   b_inc4 = b_inc3 + BONE;
  wire          bl_row = (nb_c == BONE) || (P != 0 && nb_c == BONE + BONE);
  wire          bl_nx  = (P != 0) ? (b_inc3 == nb_c || b_inc4 == nb_c) : (b_inc2 == nb_c);
  // Pair: this read's second word is a tap of the row (not past an odd K)
  wire          two    = (P != 0) && !(c_row && nb_c[0]);
  wire [2:0]    r_inc  = r1_q + 3'd1;
  wire [CW-1:0] kg_inc = kg1_q + ONE;
  wire [YW-1:0] yp_inc = yp1_q + YONE;
  always @(posedge clk_i) begin
    if (start_i) begin
      b_q <= {BW{1'b0}}; bl_q <= bl_row;
      a_q <= 1'b0;
      i_q <= {RowW{1'b0}}; il_q <= (ILAST == {RowW{1'b0}});
      r1_q <= 3'd1; rl_q <= (k_i == 3'd1);
      h_q <= 1'b0;
      vrn_q <= v_dec; okm_q <= row_mask(v_c); lp_q <= last_pass(v_c);
      ok_q <= row_mask(v_c) != {Rows{1'b0}};
      kg1_q <= ONE; kgl_q <= (nkg_c == ONE);
      yp1_q <= YONE; ypl_q <= (nt_c == YONE);
    end else if (issue) begin
      b_q  <= c_row ? {BW{1'b0}} : b_inc[BW-1:0];
      bl_q <= c_row ? bl_row : bl_nx;
      if (c_row) a_q <= !a_last;               // TH = 2: first row -> second, else 0
      if (c_rend) begin
        i_q  <= c_pass ? {RowW{1'b0}} : i_inc;
        il_q <= c_pass ? (ILAST == {RowW{1'b0}}) : (i_inc == ILAST);
        r1_q <= (c_chan || c_tile) ? 3'd1 : r_inc;
        rl_q <= (c_chan || c_tile) ? (k_i == 3'd1) : (r_inc == k_i);
        ok_q <= c_tile ? row_mask(v_c) != {Rows{1'b0}}
              : (c_pass ? row_mask(vrn_q) != {Rows{1'b0}} : okm_next(okm_q, i_q));
      end
      if (c_pass) begin
        h_q   <= !h_q;
        vrn_q <= c_tile ? v_dec : vrn_q - ROWS_C;
        okm_q <= c_tile ? row_mask(v_c) : row_mask(vrn_q);
        lp_q  <= c_tile ? last_pass(v_c) : last_pass(vrn_q);
      end
      if (c_tile) begin
        kg1_q <= c_yt ? ONE : kg_inc;
        kgl_q <= c_yt ? (nkg_c == ONE) : (kg_inc == nkg_c);
      end
      if (c_yt) begin
        yp1_q <= yp_inc;
        ypl_q <= (yp_inc == nt_c);
      end
    end
  end

  // ---- read address ----
  reg [AddrW-1:0] addr_q;
  generate
    if (Kind == 1) begin : g_act
      // input row y = ytile + r + a (ytile = yp*TH - pad), signed. Address
      // registers: addr (this word), rs (start of row (r, 1) with TH = 2),
      // chan (row max(ytile, 0) of channel c), tile (row max(ytile, 0) of
      // c = 0). A word steps addr (+1, held on the padding row y = -1); a
      // channel end steps chan (+plane); a tile end sets chan to tile, a
      // tile-row end first steps tile (+TH rows, one less from the padding
      // row). The last word of an array row also moves addr and y to the
      // next array row's first input row: to the new chan (and ytile) at a
      // channel or tile end, to rs with TH = 2, else on by one row.
      reg [YW-1:0]    y_q, yt_q;
      reg [AddrW-1:0] rs_q, chan_q, tile_q;
      wire [AddrW-1:0] nbw = {{(AddrW-BW-1){1'b0}}, nb_c};
      wire            y_neg  = y_q[YW-1];
      wire [AddrW-1:0] tstep = th2_i ? (yt_q[YW-1] ? nbw : {nbw[AddrW-2:0], 1'b0})
                                     : (yt_q[YW-1] ? {AddrW{1'b0}} : nbw);
      wire [AddrW-1:0] addr_nx  = addr_q + {{(AddrW-2){1'b0}}, !y_neg && two, !y_neg && !two};
      // chan and tile change only with start or an issued word, so their
      // data inputs use the word's conditions and only the enables the issue
      wire [AddrW-1:0] tile_d   = start_i ? base_i : (c_yt ? tile_q + tstep : tile_q);
      wire [AddrW-1:0] chan_d   = (start_i || c_tile) ? tile_d : chan_q + plane_i;
      wire             chan_en  = start_i || (issue && (c_chan || c_tile));
      wire [YW-1:0]    yt_d     = start_i ? {YW{pad_i}} : yt_q + (th2_i ? 9'd2 : 9'd1);
      // at an array row's last word: the next row starts a channel (or tile)
      wire             to_ch    = rl_q || c_tile;
      wire [AddrW-1:0] addr_d   = start_i ? base_i :
                                  (!c_rend ? addr_nx : (to_ch ? chan_d : (th2_i ? rs_q : addr_nx)));
      wire [YW-1:0]    y_d      = start_i ? {YW{pad_i}} :
                                  (!c_rend ? y_q + YONE :
                                   (to_ch ? (c_yt ? yt_d : yt_q) : (th2_i ? y_q : y_q + YONE)));
      // a legal shape keeps y in -1 .. H (the last tile's last row is
      // H + pad - 1), so inside the image is y != -1 and y != H; kept as a
      // flag written with y
      reg              yin_q;
      wire             yin_d    = !y_d[YW-1] && (y_d[YW-2:0] != h_i[YW-2:0]);
      always @(posedge clk_i) begin
        if (start_i || issue) addr_q <= addr_d;
        if (ev_row && !a_last) rs_q <= addr_nx;
        if (chan_en) chan_q <= chan_d;
        if (start_i || (issue && c_yt)) {tile_q, yt_q} <= {tile_d, yt_d};
        if (start_i || ev_row) {y_q, yin_q} <= {y_d, yin_d};
      end
      assign row_ok = ok_q && yin_q;
      wire unused_act = ^{h_i[15:YW-1]};
    end else begin : g_wt
      // weights: strictly sequential reads, restarted at each tile row
      always @(posedge clk_i)
        if (start_i || (issue && (c_yt || ok_q)))
          addr_q <= (start_i || c_yt) ? base_i : addr_q + {{(AddrW-2){1'b0}}, two, !two};
      assign row_ok = ok_q;
      wire unused_wt = ^{h_i, plane_i, pad_i, c_chan, ev_row};
    end
  endgenerate

  // ---- response stage: write the row memory one cycle after the read ----
  reg            rv_q, rpad_q, rlast_q, rh_q, rtwo_q;
  reg [RowW-1:0] rrow_q;
  reg [WaW-1:0]  rwa_q;
  wire [WaW-1:0] wa_now;
  generate
    if (Kind == 1) begin : g_wa_act
      assign wa_now = {h_q, a_q, b_q};
    end else begin : g_wa_wt
      assign wa_now = {h_q, b_q};
    end
  endgenerate
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) rv_q <= 1'b0; else rv_q <= issue;
  always @(posedge clk_i) {rpad_q, rlast_q, rh_q, rtwo_q, rrow_q, rwa_q} <= {!row_ok, row_end, h_q, two, i_q, wa_now};
  // the write (w*): the response stage, or with RdReg one cycle later with
  // the read data registered
  wire            wv, wpad, wlast, wh, wtwo;
  wire [RowW-1:0] wrow;
  wire [WaW-1:0]  wwa;
  wire [DataW-1:0] wdat;
  generate
    if (RdReg != 0) begin : g_rdreg
      reg             v2_q, pad2_q, last2_q, h2_q, two2_q;
      reg [RowW-1:0]  row2_q;
      reg [WaW-1:0]   wa2_q;
      reg [DataW-1:0] d2_q;
      always @(posedge clk_i or negedge rst_ni) if (!rst_ni) v2_q <= 1'b0; else v2_q <= rv_q;
      always @(posedge clk_i) {pad2_q, last2_q, h2_q, two2_q, row2_q, wa2_q, d2_q} <=
                              {rpad_q, rlast_q, rh_q, rtwo_q, rrow_q, rwa_q, rd_data_i};
      assign {wv, wpad, wlast, wh, wtwo, wrow, wwa, wdat} = {v2_q, pad2_q, last2_q, h2_q, two2_q, row2_q, wa2_q, d2_q};
    end else begin : g_rd
      assign {wv, wpad, wlast, wh, wtwo, wrow, wwa, wdat} = {rv_q, rpad_q, rlast_q, rh_q, rtwo_q, rrow_q, rwa_q, rd_data_i};
    end
  endgenerate

  // ---- full flags: flag (half hh, row n) is bit hh*Rows + n ----
  // cleared by the array's row n ending a pass on half hh, set by the last
  // word of (rh, rrow) (set wins), all cleared by start. EarlyFull (with
  // RdReg): set when that word's data is registered, the cycle before its
  // write; the scheduler then starts the pass in the write cycle at the
  // earliest and the row memory is read a cycle later.
  localparam integer Early = (EarlyFull != 0 && RdReg != 0) ? 1 : 0;
  wire            fv    = (Early != 0) ? rv_q : wv;
  wire            flast = (Early != 0) ? rlast_q : wlast;
  wire            fh    = (Early != 0) ? rh_q : wh;
  wire [RowW-1:0] frow  = (Early != 0) ? rrow_q : wrow;
  integer n;
  always @* begin
    for (n = 0; n < 2*Rows; n = n + 1)
      full_d[n] = !start_i &&
                  ((fv && flast && fh == (n >= Rows) && {{(32-RowW){1'b0}}, frow} == n % Rows) ||
                   (full_q[n] && !(clr_i[n % Rows] && clr_h_i[n % Rows] == (n >= Rows))));
  end
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) full_q <= {2*Rows{1'b0}}; else full_q <= full_d;

  wire [DataW-1:0] pad_word = (Kind == 1) ? {(DataW/8){z_in_i}} : {DataW{1'b0}};
  genvar g;
  generate
    for (g = 0; g < Rows; g = g + 1) begin : g_we
      assign we_o[g] = wv && (wrow == g);
    end
  endgenerate
  assign waddr_o   = wwa;
  assign wdata_o   = wpad ? pad_word : wdat;
  assign we2_o     = wtwo;
  assign rd_req_o  = xfer_q && row_ok;
  assign rd_addr_o = addr_q;
  // the per-half "all rows loaded" flags the scheduler's issue decision
  // reads, registered from the next flags (so equal to the AND of full_q
  // in every cycle, with no gates between the flip-flops and the issue)
  reg [1:0] allf_q;
  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) allf_q <= 2'b00;
    else allf_q <= {&full_d[2*Rows-1:Rows], &full_d[Rows-1:0]};
  assign full_o    = allf_q;
  assign busy_o    = act_q;

  wire unused = ^{cin_i, v_i[15:CW], nt_i[15:YW], nkg_i[15:CW], nb_i[15:BW+1], b_inc[BW], z_in_i, b_inc3, b_inc4};
endmodule
