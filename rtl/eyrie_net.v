// eyrie_net - the whole network on the accelerator: one layer engine
// (eyrie_layer) with its activation, weight, qparam and descriptor memories
// and the network sequencer. On run_i it executes descriptors 0 .. nlayers-1
// back to back (each layer reads its input from and writes its output to the
// activation memory; the program compiler places consecutive tensors in two
// ping-pong regions), then reads the last layer's int32 logits back from the
// activation memory and finds the argmax (ties to the lowest index, as
// eyrie_argmax). No host involvement between layers.
// Memories: activations in one single-port RAM (an iCE40 SPRAM; the
// layer's output writes take the port first, its reads wait a cycle), or
// with ActDual in a simple dual-port block RAM (reads and writes together),
// weights in eyrie_wtmem (SPRAMs), qparams in block RAM, and descriptors as
// 20 bytes per layer in one byte-wide block RAM: the sequencer reads a
// layer's 20 bytes into the descriptor register (desc_q) before starting it,
// so the only 160-bit descriptor copy is that register.
// Each descriptor is checked (eyrie_desc_check, the limits of
// docs/architecture.md s.5.4) as its last byte arrives; the verdict is
// registered (bad_q) and an illegal layer is never started: the run stops
// there and finishes with done_o and err_o high.
// Latency: run_i -> done_o: the layers' cycles + 23 per layer + 3 per class + 1
// (an illegal descriptor: 22 cycles after it is fetched, i.e. after the
// previous layer).
// Handshake: run_i is accepted while busy_o is low; done_o pulses once with
// class_o, err_o and cycles_o valid (they hold until the next run; class_o
// is meaningless when err_o is high). The memory
// write ports and the activation read port (1-cycle latency) are for the
// host interface and are only used while busy_o is low.
`include "eyrie_defs.vh"
module eyrie_net #(
  parameter integer Rows  = 3,
  parameter integer Cols  = 4,
  parameter integer KMax  = 7,
  parameter integer WMax  = 128,
  parameter integer ActAw  = 14,
  parameter integer WtAw   = 15,
  parameter integer FastAw = 14,   // eyrie_wtmem regions
  parameter integer SlowAw = 13,
  parameter integer QAw    = 8,
  parameter integer DAw    = 4,
  parameter integer ActDual = 0,   // 1: activation memory with a read and a
                                   // write port (block RAM builds): the
                                   // engine's reads never wait for its writes
  parameter integer WPair = 0,     // 1: weight words read in pairs (eyrie_wtmem
                                   // Pair; needs SlowAw = 0)
  parameter integer APair = 0      // 1: activation words read in pairs
                                   // (eyrie_ram_pair; needs ActDual = 1)
) (
  input  wire                     clk_i,
  input  wire                     rst_ni,
  // host write ports (idle only)
  input  wire                     act_we_i,
  input  wire [ActAw:0]           act_waddr_i,    // byte address
  input  wire [7:0]               act_wdata_i,
  input  wire                     act_re_i,
  input  wire [ActAw-1:0]         act_raddr_i,    // word address
  output wire [15:0]              act_rdata_o,
  input  wire                     wt_we_i,
  input  wire [WtAw+$clog2(Cols)-1:0] wt_waddr_i, // byte address
  input  wire [7:0]               wt_wdata_i,
  input  wire                     q_we_i,
  input  wire [QAw-1:0]           q_waddr_i,
  input  wire [`EYRIE_Q_W-1:0]    q_wdata_i,
  input  wire                     d_we_i,
  input  wire [DAw+4:0]           d_waddr_i,      // {layer, byte 0..19}
  input  wire [7:0]               d_wdata_i,
  // run
  input  wire                     run_i,
  input  wire [DAw:0]             nlayers_i,      // 1 .. 2^DAw
  input  wire [ActAw-1:0]         lbase_i,        // logits word address
  input  wire [7:0]               ncls_i,         // classes (>= 1)
  output wire                     busy_o,
  output wire                     done_o,
  output wire                     err_o,          // with done_o: an illegal descriptor stopped the run
  output wire [7:0]               class_o,
  output wire [31:0]              cycles_o,
  // observation (benches): the engine's output bytes and the layer index
  output wire                     dbg_out_valid_o,
  output wire [ActAw:0]           dbg_out_addr_o,
  output wire [7:0]               dbg_out_data_o,
  output wire [DAw-1:0]           dbg_layer_o
);
  localparam integer ColW = $clog2(Cols);
  localparam integer WtWords = (1 << FastAw) + ((SlowAw > 0) ? (1 << SlowAw) : 0);
  // st: 0 idle, 1 fetch descriptor (20 byte reads), 2 start layer, 3 wait layer,
  //     4 argmax read low word, 5 read high word, 6 compare, 7 done
  reg [2:0]      st_q;
  reg [DAw:0]    li_q;
  reg [7:0]      ci_q, best_i_q;
  reg [31:0]     best_q, cyc_q, cand_q;
  reg [7:0]      cand_i_q;
  reg            cv_q;                      // cand_q waits for its compare
  reg [15:0]     lo_q;
  reg [DAw:0]    nl_q;
  reg [ActAw-1:0] lb_q, ra_q;
  reg [7:0]      nc_q;
  reg            done_q, bad_q, err_q;
  reg [4:0]      bc_q;                      // descriptor byte
  reg [`EYRIE_DESC_W-1:0] desc_q;

  wire                     eng_busy, eng_done;
  wire                     e_act_req, e_wt_req, e_wt_gnt, e_q_re;
  wire [ActAw-1:0]         e_act_addr;
  wire [WtAw-1:0]          e_wt_addr;
  wire [QAw-1:0]           e_q_addr;
  wire [15:0]              act_rdata;
  wire [(APair+1)*16-1:0]  e_act_rdata;            // the engine's read port (APair: word pairs)
  wire [(WPair+1)*Cols*8-1:0] wt_rdata;
  wire [`EYRIE_Q_W-1:0]    q_rdata;
  wire [7:0]               d_rdata;
  wire                     e_out_valid;
  wire [ActAw:0]           e_out_addr;
  wire [7:0]               e_out_data;
  wire [31:0]              e_cycles, e_steps;

  eyrie_layer #(.Rows(Rows), .Cols(Cols), .KMax(KMax), .WMax(WMax), .ActAw(ActAw),
                .WtAw(WtAw), .QAw(QAw), .WPair(WPair), .APair(APair), .DescReg(0)) u_layer (
    .clk_i(clk_i), .rst_ni(rst_ni), .start_i(st_q == 3'd2 && !bad_q), .desc_i(desc_q),
    .busy_o(eng_busy), .done_o(eng_done),
    .act_req_o(e_act_req), .act_gnt_i(ActDual != 0 || !e_out_valid), .act_addr_o(e_act_addr), .act_data_i(e_act_rdata),
    .wt_req_o(e_wt_req), .wt_gnt_i(e_wt_gnt), .wt_addr_o(e_wt_addr), .wt_data_i(wt_rdata),
    .q_re_o(e_q_re), .q_addr_o(e_q_addr), .q_data_i(q_rdata),
    .out_valid_o(e_out_valid), .out_ready_i(1'b1), .out_addr_o(e_out_addr), .out_data_o(e_out_data),
    .cycles_o(e_cycles), .steps_o(e_steps));

  // ---- sequencer ----
  // argmax: state 6 registers a class's logit (cand_q: the activation
  // memory's block RAM output goes to a register, not through the 32-bit
  // compare); the compare runs in the next cycle (cv_q), beside the reads
  // of the next class, and after the last class in the first cycle of
  // state 7, which waits for it (done_o follows it)
  wire better = (cand_i_q == 8'd0) || ($signed(cand_q) > $signed(best_q));
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q <= 3'd0;
      {done_q, err_q, cv_q} <= 3'b000;
      {li_q, ci_q, best_i_q, best_q, cand_q, cand_i_q, cyc_q, lo_q, nl_q, lb_q, ra_q, nc_q, bc_q} <= 0;
    end else begin
      if ((st_q != 3'd0 && st_q != 3'd7) || cv_q) cyc_q <= cyc_q + 32'd1;
      done_q <= (st_q == 3'd7 && cv_q) || (st_q == 3'd2 && bad_q);
      cv_q   <= (st_q == 3'd6);
      if (cv_q && better) begin best_q <= cand_q; best_i_q <= cand_i_q; end
      case (st_q)
        3'd0, 3'd7: if (cv_q) st_q <= 3'd7;       // state 7: the last compare
        else if (run_i) begin
          st_q <= 3'd1; li_q <= 0; cyc_q <= 32'd0; bc_q <= 5'd0; err_q <= 1'b0;
          nl_q <= nlayers_i; lb_q <= lbase_i; nc_q <= ncls_i;
        end else st_q <= 3'd0;
        3'd1: begin                               // byte bc_q - 1 arrives, bc_q is read
          bc_q <= bc_q + 5'd1;
          if (bc_q == 5'd20) begin st_q <= 3'd2; bc_q <= 5'd0; end
        end
        3'd2: if (bad_q) begin st_q <= 3'd7; err_q <= 1'b1; end   // illegal: stop
              else st_q <= 3'd3;                  // start pulse with desc_q
        3'd3: if (eng_done) begin
          li_q <= li_q + 1'b1;
          if (li_q + 1'b1 == nl_q) begin st_q <= 3'd4; ci_q <= 8'd0; ra_q <= lb_q; end
          else st_q <= 3'd1;
        end
        3'd4: begin st_q <= 3'd5; ra_q <= ra_q + 1'b1; end       // low word read issued
        3'd5: begin st_q <= 3'd6; lo_q <= act_rdata; end         // high word read issued
        3'd6: begin
          cand_q <= {act_rdata, lo_q}; cand_i_q <= ci_q;
          ci_q <= ci_q + 8'd1;
          ra_q <= ra_q + 1'b1;
          st_q <= (ci_q + 8'd1 == nc_q) ? 3'd7 : 3'd4;
        end
        default: st_q <= 3'd0;
      endcase
    end
  end

  wire [`EYRIE_DESC_W-1:0] desc_d = {d_rdata, desc_q[`EYRIE_DESC_W-1:8]};
  always @(posedge clk_i) if (st_q == 3'd1 && bc_q != 5'd0) desc_q <= desc_d;

  // descriptor guard: checks the value desc_q takes at this edge; in state 2
  // bad_q is the verdict on the complete desc_q (its last byte arrived at
  // the edge into state 2)
  wire desc_ok;
  eyrie_desc_check #(.KMax(KMax), .WMax(WMax), .ActAw(ActAw), .WtWords(WtWords), .QAw(QAw)) u_dchk (
    .desc_i(desc_d), .ok_o(desc_ok));
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) bad_q <= 1'b0; else bad_q <= !desc_ok;

  // ---- memories ----
  // activations: one port; while the engine runs its output bytes (always
  // accepted) take it first and a read waits; while idle the host and the
  // argmax use it
  wire       out_fire = e_out_valid;                      // out_ready is 1
  wire       wsel  = eng_busy ? out_fire : act_we_i;
  wire       wlo   = eng_busy ? e_out_addr[0] : act_waddr_i[0];
  wire [1:0] be    = wsel ? {wlo, !wlo} : 2'b00;
  wire [7:0] wbyte = eng_busy ? e_out_data : act_wdata_i;
  wire arg_rd = (st_q == 3'd4) || (st_q == 3'd5);
  wire [ActAw-1:0] aaddr = eng_busy ? (out_fire ? e_out_addr[ActAw:1] : e_act_addr)
                                    : (act_we_i ? act_waddr_i[ActAw:1] : (arg_rd ? ra_q : act_raddr_i));
  wire             re    = eng_busy ? e_act_req : (arg_rd | act_re_i);

  generate
    if (ActDual != 0 && APair != 0) begin : g_actp
      // two banks: the engine reads word pairs, the host and the argmax
      // the low word
      wire [ActAw-1:0] waddr = eng_busy ? e_out_addr[ActAw:1] : act_waddr_i[ActAw:1];
      wire [ActAw-1:0] raddr = eng_busy ? e_act_addr : (arg_rd ? ra_q : act_raddr_i);
      eyrie_ram_pair #(.AddrW(ActAw)) u_act (
        .clk_i(clk_i), .be_i(be), .waddr_i(waddr), .wdata_i({wbyte, wbyte}),
        .re_i(re), .raddr_i(raddr), .rdata_o(e_act_rdata));
      assign act_rdata = e_act_rdata[15:0];
      wire unused_aaddr = ^aaddr;
    end else if (ActDual != 0) begin : g_act2
      wire [ActAw-1:0] waddr = eng_busy ? e_out_addr[ActAw:1] : act_waddr_i[ActAw:1];
      wire [ActAw-1:0] raddr = eng_busy ? e_act_addr : (arg_rd ? ra_q : act_raddr_i);
      eyrie_ram_be #(.Depth(1 << ActAw), .AddrW(ActAw)) u_act (
        .clk_i(clk_i), .be_i(be), .waddr_i(waddr), .wdata_i({wbyte, wbyte}),
        .re_i(re), .raddr_i(raddr), .rdata_o(act_rdata));
      assign e_act_rdata = act_rdata;
      wire unused_aaddr = ^aaddr;
    end else begin : g_act1
      eyrie_ram_sp #(.Width(16), .Depth(1 << ActAw), .AddrW(ActAw)) u_act (
        .clk_i(clk_i), .be_i(be), .re_i(re), .addr_i(aaddr), .wdata_i({wbyte, wbyte}),
        .rdata_o(act_rdata));
      assign e_act_rdata = act_rdata;
    end
  endgenerate
  wire [Cols-1:0] wt_lane = {{(Cols-1){1'b0}}, 1'b1} << wt_waddr_i[ColW-1:0];
  eyrie_wtmem #(.Width(Cols*8), .AddrW(WtAw), .FastAw(FastAw), .SlowAw(SlowAw), .Pair(WPair)) u_wt (
    .clk_i(clk_i), .rst_ni(rst_ni), .wbe_i(wt_we_i ? wt_lane : {Cols{1'b0}}),
    .waddr_i(wt_waddr_i[WtAw+ColW-1:ColW]), .wdata_i({Cols{wt_wdata_i}}),
    .rd_req_i(e_wt_req), .rd_gnt_o(e_wt_gnt), .raddr_i(e_wt_addr), .rdata_o(wt_rdata));
  eyrie_ram_sdp #(.Width(`EYRIE_Q_W), .Depth(1 << QAw), .AddrW(QAw)) u_q (
    .clk_i(clk_i), .we_i(q_we_i), .waddr_i(q_waddr_i), .wdata_i(q_wdata_i),
    .re_i(e_q_re), .raddr_i(e_q_addr), .rdata_o(q_rdata));
  eyrie_ram_sdp #(.Width(8), .Depth(1 << (DAw + 5)), .AddrW(DAw + 5)) u_desc (
    .clk_i(clk_i), .we_i(d_we_i), .waddr_i(d_waddr_i), .wdata_i(d_wdata_i),
    .re_i(st_q == 3'd1), .raddr_i({li_q[DAw-1:0], bc_q}), .rdata_o(d_rdata));

  assign act_rdata_o     = act_rdata;
  assign busy_o          = (st_q != 3'd0) && (st_q != 3'd7);
  assign done_o          = done_q;
  assign err_o           = err_q;
  assign class_o         = best_i_q;
  assign cycles_o        = cyc_q;
  assign dbg_out_valid_o = e_out_valid;
  assign dbg_out_addr_o  = e_out_addr;
  assign dbg_out_data_o  = e_out_data;
  assign dbg_layer_o     = li_q[DAw-1:0];

  wire unused = ^{e_cycles, e_steps};
endmodule
