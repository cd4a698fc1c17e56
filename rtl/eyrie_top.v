// eyrie_top - the accelerator as the host sees it: the byte-protocol
// interface (eyrie_host, docs/protocol.md) in front of the whole-network
// engine (eyrie_net). One valid/ready byte stream in, one out; the FPGA
// board top puts a UART on them. The dbg_* ports observe the engine's
// output bytes per layer (benches only; leave unconnected on a board).
// Latency/handshake: see eyrie_host and eyrie_net.
`include "eyrie_defs.vh"
module eyrie_top #(
  parameter integer Rows  = 3,
  parameter integer Cols  = 4,
  parameter integer KMax  = 7,
  parameter integer WMax  = 128,
  parameter integer ActAw  = 14,   // activations: 2^ActAw 16-bit words (one UP5K SPRAM)
  parameter integer WtAw   = 15,   // weight word address bits
  // eyrie_wtmem regions: 2^FastAw full-width words + 2^SlowAw half-width
  // words (0: none). The default splits the 4-column (UP5K) weight memory
  // over three SPRAMs (24K words) and keeps wider arrays in one region.
  parameter integer SlowAw = (Cols == 4) ? WtAw - 2 : 0,
  parameter integer FastAw = (SlowAw > 0) ? WtAw - 1 : WtAw,
  parameter integer QAw    = 8,
  parameter integer DAw    = 4,
  // activations: one port on the UP5K (SPRAM), a read and a write port in
  // the block-RAM builds of the wider arrays
  parameter integer ActDual = (Cols == 4) ? 0 : 1,
  // weight words read in pairs (two taps per cycle) on the wide block-RAM
  // builds
  parameter integer WPair = (SlowAw == 0 && Cols >= `EYRIE_WPAIR_COLS) ? 1 : 0,
  // and activation words (two line-buffer words per cycle; dual-port only)
  parameter integer APair = (ActDual != 0 && Cols >= `EYRIE_WPAIR_COLS) ? 1 : 0
) (
  input  wire            clk_i,
  input  wire            rst_ni,
  input  wire            in_valid_i,
  output wire            in_ready_o,
  input  wire [7:0]      in_data_i,
  output wire            out_valid_o,
  input  wire            out_ready_i,
  output wire [7:0]      out_data_o,
  output wire            dbg_busy_o,
  output wire            dbg_out_valid_o,
  output wire [ActAw:0]  dbg_out_addr_o,
  output wire [7:0]      dbg_out_data_o,
  output wire [DAw-1:0]  dbg_layer_o
);
  localparam integer WtWords = (1 << FastAw) + ((SlowAw > 0) ? (1 << SlowAw) : 0);
  wire                     act_we, act_re, wt_we, q_we, d_we, run, done, err;
  // the host's activation, weight and descriptor byte writes reach the
  // memories one cycle later, from registers: the byte-accept decision
  // (UART valid, host state) stays off the SPRAM address and enable paths.
  // Harmless: the host writes only while the engine is idle, and the first
  // read of a written byte (the layer's, or a later command's) is more than
  // a cycle away.
  reg                      act_we_q, wt_we_q, d_we_q;
  reg  [ActAw:0]           act_waddr_q;
  reg  [WtAw+$clog2(Cols)-1:0] wt_waddr_q;
  reg  [DAw+4:0]           d_waddr_q;
  reg  [7:0]               act_wdata_q, wt_wdata_q, d_wdata_q;
  wire [ActAw:0]           act_waddr;
  wire [7:0]               act_wdata, ncls, cls;
  wire [ActAw-1:0]         act_raddr, lbase;
  wire [15:0]              act_rdata;
  wire [WtAw+$clog2(Cols)-1:0] wt_waddr;
  wire [7:0]               wt_wdata;
  wire [QAw-1:0]           q_waddr;
  wire [`EYRIE_Q_W-1:0]    q_wdata;
  wire [DAw+4:0]           d_waddr;
  wire [7:0]               d_wdata;
  wire [DAw:0]             nlayers;
  wire [31:0]              cycles;

  eyrie_host #(.Rows(Rows), .Cols(Cols), .KMax(KMax), .WMax(WMax), .ActAw(ActAw), .WtAw(WtAw),
               .WtWords(WtWords), .QAw(QAw), .DAw(DAw)) u_host (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(in_valid_i), .in_ready_o(in_ready_o), .in_data_i(in_data_i),
    .out_valid_o(out_valid_o), .out_ready_i(out_ready_i), .out_data_o(out_data_o),
    .act_we_o(act_we), .act_waddr_o(act_waddr), .act_wdata_o(act_wdata),
    .act_re_o(act_re), .act_raddr_o(act_raddr), .act_rdata_i(act_rdata),
    .wt_we_o(wt_we), .wt_waddr_o(wt_waddr), .wt_wdata_o(wt_wdata),
    .q_we_o(q_we), .q_waddr_o(q_waddr), .q_wdata_o(q_wdata),
    .d_we_o(d_we), .d_waddr_o(d_waddr), .d_wdata_o(d_wdata),
    .run_o(run), .nlayers_o(nlayers), .lbase_o(lbase), .ncls_o(ncls),
    .net_done_i(done), .net_err_i(err), .class_i(cls), .cycles_i(cycles));

  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) {act_we_q, wt_we_q, d_we_q} <= 3'b000;
    else {act_we_q, wt_we_q, d_we_q} <= {act_we, wt_we, d_we};
  always @(posedge clk_i) begin
    {act_waddr_q, act_wdata_q} <= {act_waddr, act_wdata};
    {wt_waddr_q, wt_wdata_q}   <= {wt_waddr, wt_wdata};
    {d_waddr_q, d_wdata_q}     <= {d_waddr, d_wdata};
  end

  eyrie_net #(.Rows(Rows), .Cols(Cols), .KMax(KMax), .WMax(WMax), .ActAw(ActAw), .WtAw(WtAw),
              .FastAw(FastAw), .SlowAw(SlowAw), .QAw(QAw), .DAw(DAw), .ActDual(ActDual), .WPair(WPair), .APair(APair)) u_net (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .act_we_i(act_we_q), .act_waddr_i(act_waddr_q), .act_wdata_i(act_wdata_q),
    .act_re_i(act_re), .act_raddr_i(act_raddr), .act_rdata_o(act_rdata),
    .wt_we_i(wt_we_q), .wt_waddr_i(wt_waddr_q), .wt_wdata_i(wt_wdata_q),
    .q_we_i(q_we), .q_waddr_i(q_waddr), .q_wdata_i(q_wdata),
    .d_we_i(d_we_q), .d_waddr_i(d_waddr_q), .d_wdata_i(d_wdata_q),
    .run_i(run), .nlayers_i(nlayers), .lbase_i(lbase), .ncls_i(ncls),
    .busy_o(dbg_busy_o), .done_o(done), .err_o(err), .class_o(cls), .cycles_o(cycles),
    .dbg_out_valid_o(dbg_out_valid_o), .dbg_out_addr_o(dbg_out_addr_o),
    .dbg_out_data_o(dbg_out_data_o), .dbg_layer_o(dbg_layer_o));
endmodule
