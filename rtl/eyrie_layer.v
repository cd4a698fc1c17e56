// eyrie_layer - layer controller: runs one conv layer (conv, ReLU, optional
// 2x2 maxpool, requantization) described by a run-time descriptor on the
// Rows x Cols row-stationary array, reading activations, weights and
// per-channel qparams from memories outside and emitting output bytes with
// their addresses. See docs/architecture.md for the mapping and layouts.
// Blocks: two loaders (line buffers, weight scratchpads), the step
// scheduler, the PE array, the accumulator FIFO (partial sums between passes,
// an inferred RAM), maxpool and the output path (bias, requantizer).
// Latency: start_i -> first memory request about 20 cycles (layer constants); done_o pulses with the
// handshake of the last output byte.
// Handshake: activation and weight reads are valid/ready request ports with
// data one cycle after the grant; the output is a valid/ready byte stream;
// start_i is accepted only while busy_o is low.
`include "eyrie_defs.vh"
module eyrie_layer #(
  parameter integer Rows  = 3,
  parameter integer Cols  = 4,
  parameter integer KMax  = 5,
  parameter integer WMax  = 128,   // largest input and output row width
  parameter integer ActAw = 14,    // activation word (16-bit) address bits
  parameter integer WtAw  = 13,    // weight word (Cols bytes) address bits
  parameter integer QAw   = 10,    // qparam address bits
  parameter integer WPair = 0,     // 1: the weight port returns words n, n+1
                                   // ({n+1, n}); taps are loaded in pairs
  parameter integer APair = 0,     // 1: the same for the activation port
  parameter integer DescReg = 1    // 1: desc_i sampled on start_i; 0: the
                                   // caller holds desc_i from start_i to done_o
) (
  input  wire                    clk_i,
  input  wire                    rst_ni,
  input  wire                    start_i,
  input  wire [`EYRIE_DESC_W-1:0] desc_i,
  output wire                    busy_o,
  output wire                    done_o,
  // activation memory read (16-bit words)
  output wire                    act_req_o,
  input  wire                    act_gnt_i,
  output wire [ActAw-1:0]        act_addr_o,
  input  wire [(APair+1)*16-1:0] act_data_i,
  // weight memory read (Cols int8 per word)
  output wire                    wt_req_o,
  input  wire                    wt_gnt_i,
  output wire [WtAw-1:0]         wt_addr_o,
  input  wire [(WPair+1)*Cols*8-1:0] wt_data_i,
  // qparam memory read
  output wire                    q_re_o,
  output wire [QAw-1:0]          q_addr_o,
  input  wire [`EYRIE_Q_W-1:0]   q_data_i,
  // output bytes
  output wire                    out_valid_o,
  input  wire                    out_ready_i,
  output wire [ActAw:0]          out_addr_o,
  output wire [7:0]              out_data_o,
  // run statistics
  output wire [31:0]             cycles_o,
  output wire [31:0]             steps_o
);
  localparam integer LbAw   = $clog2(WMax) + 1;      // {half, dy, word}
  localparam integer TokW   = 15 + LbAw - 2;
  localparam integer AccAw  = $clog2(WMax) + 1;      // 2 tile rows x WMax
  localparam integer ColW   = $clog2(Cols);
  localparam integer OAw    = ActAw + 1;
  localparam [31:0]  COLS32 = Cols;
  localparam [15:0]  COLS16 = COLS32[15:0];
  localparam integer Fold   = (Cols >= `EYRIE_FOLD_COLS) ? 1 : 0;

  // ---- descriptor and derived constants ----
  // st: 0 idle, 1 output size, 2 constants, 3 products, 4 run
  reg [2:0]  st_q;
  wire [`EYRIE_DESC_W-1:0] d_q;
  generate
    if (DescReg != 0) begin : g_dreg
      reg [`EYRIE_DESC_W-1:0] dreg_q;
      always @(posedge clk_i) if (st_q == 3'd0 && start_i) dreg_q <= desc_i;
      assign d_q = dreg_q;
    end else begin : g_dext
      assign d_q = desc_i;             // held outside from start_i to done_o
    end
  endgenerate
  // the fields at the widths legal descriptors use (docs/architecture.md
  // s.5.4: C_in, C_out <= 8191, H, W <= 255); the upper bits are ignored
  // (zero in a legal descriptor), so the loop logic is no wider than needed
  localparam integer CW = `EYRIE_CNT_W;
  wire [15:0] cin_f = d_q[`EYRIE_D_CIN];
  wire [15:0] cout_f = d_q[`EYRIE_D_COUT];
  wire [15:0] h_f  = d_q[`EYRIE_D_H];
  wire [15:0] w_f  = d_q[`EYRIE_D_W];
  wire [15:0] cin  = {{(16-CW){1'b0}}, cin_f[CW-1:0]};
  wire [15:0] cout = {{(16-CW){1'b0}}, cout_f[CW-1:0]};
  wire [15:0] h    = {8'd0, h_f[7:0]};
  wire [15:0] w    = {8'd0, w_f[7:0]};
  wire [2:0]  k    = d_q[`EYRIE_D_K];
  wire        pad  = d_q[`EYRIE_D_PAD];
  wire        relu = d_q[`EYRIE_D_RELU];
  wire        pool = d_q[`EYRIE_D_POOL];
  wire        lgts = d_q[`EYRIE_D_LOGITS];
  // folded pooling: each output channel takes a column pair (the window's
  // two rows side by side); only with pooling, on arrays with the hardware
  wire        fold = (Fold != 0) && pool && d_q[`EYRIE_D_FOLD];
  wire [7:0]  zin  = d_q[`EYRIE_D_ZIN];
  wire [7:0]  zout = d_q[`EYRIE_D_ZOUT];

  // each init step registers its results (no descriptor-to-counter paths).
  // Output sizes are kept at 9 bits (Ho, Wo <= 256 for H, W <= 255): the
  // ports stay 16 bits wide, with constant upper bits that synthesis
  // propagates into the loaders', scheduler's and output path's counters.
  reg  [8:0]  ho_q, wo_q;
  wire [8:0]  h9 = {1'b0, h[7:0]}, w9 = {1'b0, w[7:0]};
  always @(posedge clk_i) if (st_q == 3'd1) begin
    ho_q <= h9 + {7'd0, pad, 1'b0} - {6'd0, k} + 9'd1;
    wo_q <= w9 + {7'd0, pad, 1'b0} - {6'd0, k} + 9'd1;
  end
  reg  [8:0]  nt_r, wp_r, wc_r, pwo_r;
  reg  [7:0]  pwi_r;
  reg  [CW-1:0] nkg_r;
  reg         chain_r;       // one-pixel tiles: passes chain in the array
  reg         fold_r;
  wire [8:0]  nt_d  = pool ? {1'b0, ho_q[8:1]} : ho_q;
  wire [8:0]  wp_d  = pool ? {1'b0, wo_q[8:1]} : wo_q;
  wire [8:0]  wc_d  = pool ? {wo_q[8:1], 1'b0} : wo_q;
  wire [15:0] cadd  = (fold ? {cout[14:0], 1'b0} : cout) + COLS16 - 16'd1;
  wire [15:0] nkg_d = cadd >> ColW;
  wire [7:0]  pwi_d = {1'b0, w[7:1]} + {7'd0, w[0]};
  wire [8:0]  pwo_d = {1'b0, wp_d[8:1]} + {8'd0, wp_d[0]};
  wire        empty = (nt_d == 9'd0) || (wp_d == 9'd0);
  always @(posedge clk_i) if (st_q == 3'd2)
    {nt_r, wp_r, wc_r, nkg_r, pwi_r, pwo_r, chain_r, fold_r} <=
      {nt_d, wp_d, wc_d, nkg_d[CW-1:0], pwi_d, pwo_d, !pool && wo_q == 9'd1, fold};
  wire [15:0] nt_q  = {7'd0, nt_r};
  wire [15:0] wp_q  = {7'd0, wp_r};
  wire [15:0] wc_q  = {7'd0, wc_r};
  wire [15:0] pwi_q = {8'd0, pwi_r};
  wire [15:0] pwo_q = {7'd0, pwo_r};
  wire [15:0] nkg_q = {{(16-CW){1'b0}}, nkg_r};
  wire [OAw-1:0] pitch_o_q = {pwo_q[OAw-2:0], 1'b0};

  // products needed once per layer, one after another on one sequential
  // multiplier: 0: v = C_in*K, 1: input plane H*ceil(W/2), 2: output plane
  reg  [1:0]  mi_q;
  reg         ms_q;
  reg  [15:0] v_q;
  reg  [ActAw-1:0] plane_i_q;
  reg  [OAw-1:0]   plane_o_q;
  wire [31:0] mp;
  wire        mdone;
  wire [15:0] ma = (mi_q == 2'd0) ? cin : ((mi_q == 2'd1) ? h : nt_q);
  wire [15:0] mb = (mi_q == 2'd0) ? {13'd0, k} : ((mi_q == 2'd1) ? pwi_q : {pwo_q[14:0], 1'b0});
  eyrie_mulser #(.Width(16)) u_mul (
    .clk_i(clk_i), .rst_ni(rst_ni), .start_i(ms_q), .a_i(ma), .b_i(mb), .p_o(mp), .done_o(mdone));
  wire mfin = (st_q == 3'd3) && mdone;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) {mi_q, ms_q} <= 3'd0;
    else begin
      ms_q <= ((st_q == 3'd2) && !empty) || (mfin && mi_q != 2'd2);
      if (st_q == 3'd2) mi_q <= 2'd0;
      else if (mfin) mi_q <= mi_q + 2'd1;
    end
  end
  always @(posedge clk_i) if (mfin) begin
    if (mi_q == 2'd0) v_q <= mp[15:0];
    if (mi_q == 2'd1) plane_i_q <= mp[ActAw-1:0];
    if (mi_q == 2'd2) plane_o_q <= mp[OAw-1:0];
  end

  wire done;
  wire go = mfin && (mi_q == 2'd2);
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) st_q <= 3'd0;
    else case (st_q)
      3'd0: if (start_i) st_q <= 3'd1;
      3'd1: st_q <= 3'd2;
      3'd2: st_q <= empty ? 3'd0 : 3'd3;
      3'd3: if (go) st_q <= 3'd4;
      3'd4: if (done) st_q <= 3'd0;
      default: st_q <= 3'd0;
    endcase
  end

  // the submodules start one cycle after the constants are ready
  reg go_q;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) go_q <= 1'b0; else go_q <= go;
  // the array's K, defined from reset on (its skew line addresses depend on
  // it while idle, before any descriptor was loaded)
  reg [2:0] ka_q;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) ka_q <= 3'd1; else if (go) ka_q <= k;

  // ---- array-wide advance ----
  wire top_valid, top_lp, top_gfirst, top_glast;
  wire [Cols*32-1:0] top_psum;
  wire pool_in_ready, pool_ov_next, top_wlast, top_wlast_next;
  // The array stalls (en low) exactly while the top holds a window's last
  // last-pass output and the maxpool's output register is full, i.e.
  // top_valid && top_lp && !pool_in_ready. en reaches every register of
  // the array, so it comes straight from a register: stall_q is that
  // condition one cycle ahead, from the next top token and the maxpool's
  // next output state.
  reg stall_q;
  wire stall_d = (stall_q ? top_wlast : top_wlast_next) && pool_ov_next;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) stall_q <= 1'b0; else stall_q <= stall_d;
  wire en = !stall_q;
  wire unused_pir = pool_in_ready;   // = !stall_q's condition: formal/bind/eyrie_layer.vh

  // ---- loaders ----
  wire [31:0] inbase32 = {16'd0, d_q[`EYRIE_D_INBASE]};
  wire [ActAw-1:0] inbase = inbase32[ActAw-1:0];
  wire [31:0] wbase32 = {16'd0, d_q[`EYRIE_D_WBASE]};
  wire [WtAw-1:0] wbase = wbase32[WtAw-1:0];
  wire [Rows-1:0]   row_endp, row_endp_h;
  wire [Rows-1:0]   clr = row_endp & {Rows{en}};
  wire [1:0]        lb_full, wt_full;     // per half: all rows loaded
  wire [Rows-1:0]   lb_we, wt_we;
  wire [LbAw-1:0]   lb_waddr;
  wire [(APair+1)*16-1:0] lb_wdata;
  wire [3:0]        wt_waddr;
  wire [(WPair+1)*Cols*8-1:0] wt_wdata;
  wire              wt_we2, lb_we2, lb_busy, wt_busy;

  eyrie_loader #(.Kind(1), .Rows(Rows), .AddrW(ActAw), .DataW((APair+1)*16), .WaW(LbAw),
                 .Pair(APair)) u_lbld (
    .clk_i(clk_i), .rst_ni(rst_ni), .start_i(go_q),
    .cin_i(cin), .k_i(k), .pad_i(pad), .h_i(h), .v_i(v_q), .nt_i(nt_q), .nkg_i(nkg_q),
    .th2_i(pool), .nb_i(pwi_q), .base_i(inbase), .plane_i(plane_i_q), .z_in_i(zin),
    .rd_req_o(act_req_o), .rd_gnt_i(act_gnt_i), .rd_addr_o(act_addr_o), .rd_data_i(act_data_i),
    .we_o(lb_we), .we2_o(lb_we2), .waddr_o(lb_waddr), .wdata_o(lb_wdata),
    .clr_i(clr), .clr_h_i(row_endp_h), .full_o(lb_full), .busy_o(lb_busy));

  // the weight memory spans much of the chip on the wide arrays: its read
  // data is registered before the scratchpad write (RdReg)
  eyrie_loader #(.Kind(0), .Rows(Rows), .AddrW(WtAw), .DataW((WPair+1)*Cols*8), .WaW(4), .RdReg(1),
                 .Pair(WPair), .EarlyFull(1)) u_wtld (
    .clk_i(clk_i), .rst_ni(rst_ni), .start_i(go_q),
    .cin_i(cin), .k_i(k), .pad_i(pad), .h_i(h), .v_i(v_q), .nt_i(nt_q), .nkg_i(nkg_q),
    .th2_i(pool), .nb_i({13'd0, k}), .base_i(wbase), .plane_i({WtAw{1'b0}}), .z_in_i(zin),
    .rd_req_o(wt_req_o), .rd_gnt_i(wt_gnt_i), .rd_addr_o(wt_addr_o), .rd_data_i(wt_data_i),
    .we_o(wt_we), .we2_o(wt_we2), .waddr_o(wt_waddr), .wdata_o(wt_wdata),
    .clr_i(clr), .clr_h_i(row_endp_h), .full_o(wt_full), .busy_o(wt_busy));


  wire [1:0] res_ok = lb_full & wt_full;

  // ---- accumulator FIFO: partial sums from one pass to the next ----
  // fwp: words written; frp: words claimed by a bottom-row first tap (the
  // occupancy the scheduler checks); frr: words read at the top of the array
  reg  [AccAw:0] fwp_q, frp_q, frr_q;
  wire           fifo_re, fifo_claim;
  wire [Cols*32-1:0] fifo_rdata;
  wire           fifo_we = en && top_valid && !top_lp && !chain_r;
  // occupancy (written - claimed) kept as its own counter: the scheduler's
  // issue decision sees register bits, not a subtractor
  reg  [AccAw:0] fcount;
  // a bottom partial sum is left for a new pixel after this cycle's read.
  // fifo_rd1 is fifo_claim without en: exact, since the scheduler only acts on
  // fifo_ok when en is high, and keeps en (the output-path stall) off this
  // path: fcount - fifo_rd1 != 0
  wire           fifo_rd1;
  wire           fifo_ok = (fcount[AccAw:1] != {AccAw{1'b0}}) || (fcount[0] && !fifo_rd1);
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) {fwp_q, frp_q, frr_q, fcount} <= {4*(AccAw+1){1'b0}};
    else if (go_q) {fwp_q, frp_q, frr_q, fcount} <= {4*(AccAw+1){1'b0}};
    else begin
      {fwp_q, frp_q, frr_q} <= {fwp_q + {{AccAw{1'b0}}, fifo_we}, frp_q + {{AccAw{1'b0}}, fifo_claim},
                                frr_q + {{AccAw{1'b0}}, fifo_re}};
      if (fifo_we && !fifo_claim) fcount <= fcount + 1'b1;
      else if (!fifo_we && fifo_claim) fcount <= fcount - 1'b1;
    end
  end
  eyrie_ram_sdp #(.Width(Cols*32), .Depth(1 << AccAw), .AddrW(AccAw)) u_accfifo (
    .clk_i(clk_i), .we_i(fifo_we), .waddr_i(fwp_q[AccAw-1:0]), .wdata_i(top_psum),
    .re_i(fifo_re), .raddr_i(frr_q[AccAw-1:0]), .rdata_o(fifo_rdata));

  // ---- scheduler and array ----
  wire [TokW-1:0] tok;
  wire sched_busy;
  eyrie_sched #(.Rows(Rows), .LbAw(LbAw), .TokW(TokW)) u_sched (
    .clk_i(clk_i), .rst_ni(rst_ni), .start_i(go_q), .en_i(en),
    .k_i(k), .pad_i(pad), .pool_i(pool), .fold_i(fold_r), .w_i(w), .wc_i(wc_q), .nt_i(nt_q), .nkg_i(nkg_q), .v_i(v_q),
    .res_ok_i(res_ok), .fifo_ok_i(fifo_ok), .chain_i(chain_r), .tok_o(tok), .busy_o(sched_busy));

  eyrie_pe_array #(.Rows(Rows), .Cols(Cols), .KMax(KMax), .LbAw(LbAw), .TokW(TokW), .Fold(Fold),
                   .WPair(WPair), .APair(APair)) u_array (
    .clk_i(clk_i), .rst_ni(rst_ni), .en_i(en), .tok_i(tok), .k_i(ka_q), .z_in_i(zin), .chain_i(chain_r), .fold_i(fold_r),
    .lb_we_i(lb_we), .lb_we2_i(lb_we2), .lb_waddr_i(lb_waddr), .lb_wdata_i(lb_wdata),
    .wt_we_i(wt_we), .wt_we2_i(wt_we2), .wt_waddr_i(wt_waddr), .wt_wdata_i(wt_wdata),
    .fifo_claim_o(fifo_claim), .fifo_rd1_o(fifo_rd1), .fifo_re_o(fifo_re), .fifo_rdata_i(fifo_rdata),
    .row_endp_o(row_endp), .row_endp_h_o(row_endp_h),
    .top_valid_o(top_valid), .top_wlast_o(top_wlast), .top_wlast_next_o(top_wlast_next),
    .top_lp_o(top_lp), .top_gfirst_o(top_gfirst), .top_glast_o(top_glast),
    .top_psum_o(top_psum));

  // ---- pooling and output ----
  wire mv_valid, mv_ready, pv_valid, pv_ready;
  wire [Cols*32-1:0] mv_data, pv_data;
  eyrie_maxpool #(.Lanes(Cols)) u_pool (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(top_valid && top_lp), .in_ready_o(pool_in_ready), .ov_next_o(pool_ov_next),
    .in_first_i(top_gfirst), .in_last_i(top_glast), .in_data_i(top_psum),
    .out_valid_o(mv_valid), .out_ready_i(mv_ready), .out_data_o(mv_data));
  // folded layers: the column pairs' maxima, registered (eyrie_pairmax)
  generate
    if (Fold != 0) begin : g_pair
      eyrie_pairmax #(.Lanes(Cols)) u_pair (
        .clk_i(clk_i), .rst_ni(rst_ni), .fold_i(fold_r),
        .in_valid_i(mv_valid), .in_ready_o(mv_ready), .in_data_i(mv_data),
        .out_valid_o(pv_valid), .out_ready_i(pv_ready), .out_data_o(pv_data));
    end else begin : g_nopair
      assign {pv_valid, mv_ready, pv_data} = {mv_valid, pv_ready, mv_data};
    end
  endgenerate

  wire [31:0] obase32 = {15'd0, d_q[`EYRIE_D_OUTBASE], 1'b0};
  wire [31:0] qbase32 = {16'd0, d_q[`EYRIE_D_QBASE]};
  wire out_last;
  eyrie_outpath #(.Lanes(Cols), .OAw(OAw), .QAw(QAw), .Fold(Fold)) u_out (
    .clk_i(clk_i), .rst_ni(rst_ni), .start_i(go_q),
    .cout_i(cout), .nt_i(nt_q), .nkg_i(nkg_q), .wp_i(wp_q),
    .base_i(obase32[OAw-1:0]), .plane_i(plane_o_q), .pitch_i(pitch_o_q), .qbase_i(qbase32[QAw-1:0]),
    .z_out_i(zout), .relu_i(relu), .logits_i(lgts), .fold_i(fold_r),
    .in_valid_i(pv_valid), .in_ready_o(pv_ready), .in_data_i(pv_data),
    .q_re_o(q_re_o), .q_addr_o(q_addr_o), .q_data_i(q_data_i),
    .out_valid_o(out_valid_o), .out_ready_i(out_ready_i), .out_addr_o(out_addr_o),
    .out_data_o(out_data_o), .out_last_o(out_last));

  assign done = (st_q == 3'd4) && out_valid_o && out_ready_i && out_last;
  wire run_busy = lb_busy | wt_busy | sched_busy;

  // ---- statistics: cycles from start to the last output, real steps ----
  // a real step is registered first (step_q) and counted one cycle later:
  // en and the issue decision stay off the 32-bit counter's carry chain.
  // The last step is far ahead of the last output byte (done), so steps_o
  // is complete when the layer finishes.
  reg [31:0] cyc_q, steps_q;
  reg        step_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) step_q <= 1'b0;
    else step_q <= en && tok[`EYRIE_T_VALID];
  end
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) {cyc_q, steps_q} <= 64'd0;
    else if (st_q == 3'd0 && start_i) {cyc_q, steps_q} <= 64'd0;
    else if (st_q != 3'd0) {cyc_q, steps_q} <= {cyc_q + 32'd1, steps_q + {31'd0, step_q}};
  end

  assign busy_o   = (st_q != 3'd0);
  assign done_o   = done || (st_q == 3'd2 && empty);
  assign cycles_o = cyc_q;
  assign steps_o  = steps_q;

  wire unused = ^{run_busy, mp[31:16], wbase32[31:WtAw], inbase32[31:ActAw], qbase32[31:QAw],
                  obase32[31:OAw], pwo_q[15], nkg_d[15:CW], d_q[79:77], d_q[71:67],
                  cin_f[15:CW], cout_f[15:CW], h_f[15:8], w_f[15:8]};
endmodule
