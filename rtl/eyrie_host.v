// eyrie_host - the host byte protocol (docs/protocol.md) on a valid/ready
// byte port, driving eyrie_net: INFO, LOAD_PROGRAM (header checked before
// anything is written, then descriptor, weight and qparam bytes straight
// into the net's memories), CLASSIFY (pixels into the activation memory, run,
// reply with class, logits and cycles). Every command is framed as
// {cmd, len u32 LE, len payload bytes}; a command that is refused (unknown
// command, wrong length, no program, program that does not fit or was
// compiled for another array) has its payload consumed and dropped, gets an
// error reply, and leaves the loaded program untouched.
// The 32-byte program header is checked as it streams in (one sticky flag
// per check) and only the fields a later command needs are kept, so the
// header costs no 256-bit register; the memories are written one byte per
// accepted input byte, combinationally (no write-data registers).
// Latency: reply after the last payload byte (CLASSIFY: after the run);
// reply bytes one per 2 cycles at most.
// Handshake: in_* and out_* are valid/ready byte streams.
`include "eyrie_defs.vh"
module eyrie_host #(
  parameter integer Rows    = 3,
  parameter integer Cols    = 4,
  parameter integer KMax    = 7,
  parameter integer WMax    = 128,
  parameter integer ActAw   = 14,
  parameter integer WtAw    = 15,
  parameter integer WtWords = 24576,  // weight words the memory holds (<= 2^WtAw)
  parameter integer QAw     = 8,
  parameter integer DAw     = 4
) (
  input  wire                     clk_i,
  input  wire                     rst_ni,
  input  wire                     in_valid_i,
  output wire                     in_ready_o,
  input  wire [7:0]               in_data_i,
  output wire                     out_valid_o,
  input  wire                     out_ready_i,
  output wire [7:0]               out_data_o,
  // eyrie_net memory writes (one byte each; qparams one 8-byte word)
  output wire                     act_we_o,
  output wire [ActAw:0]           act_waddr_o,    // byte address
  output wire [7:0]               act_wdata_o,
  output wire                     act_re_o,
  output wire [ActAw-1:0]         act_raddr_o,    // word address
  input  wire [15:0]              act_rdata_i,
  output wire                     wt_we_o,
  output wire [WtAw+$clog2(Cols)-1:0] wt_waddr_o, // byte address
  output wire [7:0]               wt_wdata_o,
  output wire                     q_we_o,
  output wire [QAw-1:0]           q_waddr_o,
  output wire [`EYRIE_Q_W-1:0]    q_wdata_o,
  output wire                     d_we_o,
  output wire [DAw+4:0]           d_waddr_o,      // {layer, byte 0..19}
  output wire [7:0]               d_wdata_o,
  output wire                     run_o,
  output wire [DAw:0]             nlayers_o,
  output wire [ActAw-1:0]         lbase_o,
  output wire [7:0]               ncls_o,
  input  wire                     net_done_i,
  input  wire [7:0]               class_i,
  input  wire [31:0]              cycles_i
);
  localparam [7:0] C_INFO = 8'h01, C_LOAD = 8'h02, C_CLASSIFY = 8'h03;
  localparam [7:0] E_OK = 8'h00, E_UNKNOWN = 8'h01, E_LENGTH = 8'h02, E_NOPROG = 8'h03,
                   E_NOFIT = 8'h04, E_BADPROG = 8'h05;
  localparam [3:0] S_CMD = 4'd0, S_LEN = 4'd1, S_DRAIN = 4'd2, S_PHDR = 4'd3, S_PCHK = 4'd4,
                   S_PDATA = 4'd5, S_PIX = 4'd6, S_RUN = 4'd7, S_WAIT = 4'd8, S_RPREP = 4'd9,
                   S_RSEND = 4'd10;
  localparam integer ColW = $clog2(Cols);
  localparam integer WbW  = 16 + ColW;               // weight byte counter
  localparam [31:0] ROWS32 = Rows, COLS32 = Cols, KMAX32 = KMax, WMAX32 = WMax;
  localparam [31:0] ACTAW32 = ActAw, WTAW32 = WtAw, QAW32 = QAw, DAW32 = DAw;
  localparam [31:0] ACTN = 32'd1 << ActAw, WTN = WtWords, QN = 32'd1 << QAw, DN = 32'd1 << DAw;
  localparam [31:0] WTCAP = WtWords / 256;

  reg [3:0]   st_q;
  reg [7:0]   cmd_q, status_q;
  reg [31:0]  rem_q;                 // length while it arrives, then bytes left
  reg [1:0]   lc_q;
  reg [4:0]   hc_q;
  // header fields of the program being received, and its check flags
  reg         hbad_q;
  reg [7:0]   n_s, imgw_s, ncls_s;
  reg [15:0]  act_s, wt_s, q_s, inb_s, imgb_s, lb_s;
  // loaded program
  reg         loaded_q;
  reg [DAw:0] nl_q;
  reg [15:0]  img_bytes_q, in_base_q, lbase_q;
  reg [7:0]   img_w_q, ncls_q;
  // load counters: region (0 descriptors, 1 weights, 2 qparams)
  reg [1:0]   rgn_q;
  reg [4:0]   db_q;
  reg [DAw:0] dl_q;
  reg [WbW-1:0] wb_q;
  reg [2:0]   qb_q;
  reg [QAw-1:0] qw_q;
  reg [55:0]  qsh_q;
  // pixels
  reg [ActAw:0] row_q;
  reg [7:0]   x_q;
  // reply
  reg [15:0]  rlen_q, ridx_q;

  wire fire = in_valid_i && in_ready_o;
  wire [7:0] b = in_data_i;
  wire [31:0] len_full = {b, rem_q[31:8]};   // after the 4th length byte

  // ---- header bytes 0..9 must match this build ----
  reg [7:0] hexp;
  reg       hchk;
  always @* begin
    hchk = 1'b1;
    case (hc_q)
      5'd0: hexp = 8'h45;
      5'd1: hexp = 8'h59;
      5'd2: hexp = 8'h50;
      5'd3: hexp = 8'd1;
      5'd4: hexp = ROWS32[7:0];
      5'd5: hexp = COLS32[7:0];
      5'd6: hexp = KMAX32[7:0];
      5'd8: hexp = WMAX32[7:0];
      5'd9: hexp = WMAX32[15:8];
      default: begin hexp = 8'd0; hchk = 1'b0; end
    endcase
  end

  // ---- checks of the whole header (S_PCHK) ----
  wire [31:0] n32     = {24'd0, n_s};
  wire [31:0] d_bytes = (n32 << 4) + (n32 << 2);
  wire [31:0] w_bytes = {16'd0, wt_s} << ColW;
  wire [31:0] q_bytes = {13'd0, q_s, 3'd0};
  wire [31:0] need    = d_bytes + w_bytes + q_bytes;          // after the header
  wire bad_prog = hbad_q || n_s == 8'd0 || ncls_s == 8'd0 || imgw_s == 8'd0 || imgb_s == 16'd0;
  wire nofit    = n32 > DN || {16'd0, act_s} > ACTN || {16'd0, wt_s} > WTN || {16'd0, q_s} > QN;

  wire [ActAw:0] pitch = {{(ActAw-7){1'b0}}, img_w_q[7:1] + {6'd0, img_w_q[0]}, 1'b0};
  wire [31:0] in_base32 = {16'd0, in_base_q};
  wire        pdata = (st_q == S_PDATA) && fire;
  wire [WbW-1:0] wb_end = {wt_s, {ColW{1'b0}}} - 1'b1;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q <= S_CMD;
      {cmd_q, status_q, rem_q, lc_q, hc_q} <= 0;
      {hbad_q, n_s, imgw_s, ncls_s, act_s, wt_s, q_s, inb_s, imgb_s, lb_s} <= 0;
      {loaded_q, nl_q, img_bytes_q, in_base_q, lbase_q, img_w_q, ncls_q} <= 0;
      {rgn_q, db_q, dl_q, wb_q, qb_q, qw_q, qsh_q} <= 0;
      {row_q, x_q, rlen_q, ridx_q} <= 0;
    end else begin
      case (st_q)
        S_CMD: if (fire) begin cmd_q <= b; lc_q <= 2'd0; st_q <= S_LEN; end
        S_LEN: if (fire) begin
          rem_q <= len_full;
          lc_q <= lc_q + 2'd1;
          if (lc_q == 2'd3) begin
            rlen_q <= 16'd0; ridx_q <= 16'd0; status_q <= E_OK;
            st_q <= S_DRAIN;
            case (cmd_q)
              C_INFO: if (len_full == 32'd0) rlen_q <= 16'd16; else status_q <= E_LENGTH;
              C_LOAD: if (len_full < 32'd32) status_q <= E_LENGTH;
                      else begin st_q <= S_PHDR; hc_q <= 5'd0; hbad_q <= 1'b0; end
              C_CLASSIFY: if (!loaded_q) status_q <= E_NOPROG;
                          else if (len_full != {16'd0, img_bytes_q}) status_q <= E_LENGTH;
                          else begin
                            st_q <= S_PIX; x_q <= 8'd0;
                            row_q <= {in_base32[ActAw-1:0], 1'b0};
                          end
              default: status_q <= E_UNKNOWN;
            endcase
          end
        end
        S_DRAIN: begin
          if (fire) rem_q <= rem_q - 32'd1;
          if (rem_q == 32'd0) st_q <= S_RPREP;
        end
        S_PHDR: if (fire) begin
          rem_q <= rem_q - 32'd1;
          hc_q <= hc_q + 5'd1;
          if (hchk && b != hexp) hbad_q <= 1'b1;
          case (hc_q)
            5'd7:  n_s <= b;
            5'd10: act_s[7:0] <= b;
            5'd11: act_s[15:8] <= b;
            5'd12: wt_s[7:0] <= b;
            5'd13: wt_s[15:8] <= b;
            5'd14: q_s[7:0] <= b;
            5'd15: q_s[15:8] <= b;
            5'd16: inb_s[7:0] <= b;
            5'd17: inb_s[15:8] <= b;
            5'd18: imgb_s[7:0] <= b;
            5'd19: imgb_s[15:8] <= b;
            5'd20: imgw_s <= b;
            5'd21: ncls_s <= b;
            5'd22: lb_s[7:0] <= b;
            5'd23: lb_s[15:8] <= b;
            default: ;
          endcase
          if (hc_q == 5'd31) st_q <= S_PCHK;
        end
        S_PCHK: begin
          st_q <= S_DRAIN;
          if (bad_prog) status_q <= E_BADPROG;
          else if (nofit) status_q <= E_NOFIT;
          else if (need != rem_q) status_q <= E_LENGTH;
          else begin
            // accepted: the old program is replaced from here on
            loaded_q <= 1'b0;
            nl_q <= n_s[DAw:0];
            in_base_q <= inb_s;
            img_bytes_q <= imgb_s;
            img_w_q <= imgw_s;
            ncls_q <= ncls_s;
            lbase_q <= lb_s;
            {rgn_q, db_q, dl_q, wb_q, qb_q, qw_q} <= 0;
            st_q <= S_PDATA;
          end
        end
        S_PDATA: begin
          if (fire) begin
            rem_q <= rem_q - 32'd1;
            case (rgn_q)
              2'd0: begin
                db_q <= db_q + 5'd1;
                if (db_q == 5'd19) begin
                  db_q <= 5'd0;
                  dl_q <= dl_q + 1'b1;
                  if (dl_q + 1'b1 == nl_q) rgn_q <= (wt_s != 16'd0) ? 2'd1 : 2'd2;
                end
              end
              2'd1: begin
                wb_q <= wb_q + 1'b1;
                if (wb_q == wb_end) rgn_q <= 2'd2;
              end
              default: begin
                qsh_q <= {b, qsh_q[55:8]};
                qb_q <= qb_q + 3'd1;
                if (qb_q == 3'd7) qw_q <= qw_q + 1'b1;
              end
            endcase
          end
          if (rem_q == 32'd0) begin loaded_q <= 1'b1; rlen_q <= 16'd1; st_q <= S_RPREP; end
        end
        S_PIX: if (fire) begin
          rem_q <= rem_q - 32'd1;
          if (x_q + 8'd1 == img_w_q) begin x_q <= 8'd0; row_q <= row_q + pitch; end
          else x_q <= x_q + 8'd1;
          if (rem_q == 32'd1) st_q <= S_RUN;
        end
        S_RUN: st_q <= S_WAIT;
        S_WAIT: if (net_done_i) begin
          rlen_q <= {6'd0, ncls_q, 2'd0} + 16'd6;
          st_q <= S_RPREP;
        end
        S_RPREP: st_q <= S_RSEND;
        S_RSEND: if (out_ready_i) begin
          ridx_q <= ridx_q + 16'd1;
          st_q <= (ridx_q + 16'd1 == rlen_q + 16'd4) ? S_CMD : S_RPREP;
        end
        default: st_q <= S_CMD;
      endcase
    end
  end

  assign in_ready_o = (st_q == S_CMD) || (st_q == S_LEN) || (st_q == S_PHDR) || (st_q == S_PIX) ||
                      (st_q == S_DRAIN && rem_q != 32'd0) || (st_q == S_PDATA && rem_q != 32'd0);

  // ---- memory writes, straight from the accepted byte ----
  assign d_we_o      = pdata && rgn_q == 2'd0;
  assign d_waddr_o   = {dl_q[DAw-1:0], db_q};
  assign d_wdata_o   = b;
  assign wt_we_o     = pdata && rgn_q == 2'd1;
  assign wt_waddr_o  = wb_q[WtAw+ColW-1:0];
  assign wt_wdata_o  = b;
  assign q_we_o      = pdata && rgn_q[1] && qb_q == 3'd7;
  assign q_waddr_o   = qw_q;
  assign q_wdata_o   = {b, qsh_q};
  assign act_we_o    = (st_q == S_PIX) && fire;
  assign act_waddr_o = row_q + {{(ActAw-7){1'b0}}, x_q};
  assign act_wdata_o = b;

  // ---- reply bytes: {status, cmd, len u16, payload} ----
  wire [15:0] p   = ridx_q - 16'd4;           // payload index
  wire [15:0] lgb = p - 16'd2;                // logits byte index (CLASSIFY)
  wire [15:0] nlb = {6'd0, ncls_q, 2'd0};     // logits bytes
  wire [15:0] cyb = p - 16'd2 - nlb;          // cycles byte index
  wire [15:0] la  = lbase_q + {1'b0, lgb[15:1]};
  assign act_re_o    = (st_q == S_RPREP);
  assign act_raddr_o = la[ActAw-1:0];
  wire [31:0] cyc_sh = cycles_i >> {cyb[1:0], 3'd0};
  reg [7:0] pay;
  always @* begin
    pay = 8'd0;
    if (cmd_q == C_INFO) begin
      case (p[3:0])
        4'd0: pay = 8'h45;
        4'd1: pay = 8'h59;
        4'd2: pay = 8'd1;
        4'd3: pay = ROWS32[7:0];
        4'd4: pay = COLS32[7:0];
        4'd5: pay = KMAX32[7:0];
        4'd6: pay = WMAX32[7:0];
        4'd7: pay = WMAX32[15:8];
        4'd8: pay = ACTAW32[7:0];
        4'd9: pay = WTAW32[7:0];
        4'd10: pay = QAW32[7:0];
        4'd11: pay = DAW32[7:0];
        4'd12: pay = {7'd0, loaded_q};
        4'd13: pay = {{(7-DAw){1'b0}}, nl_q};
        4'd14: pay = WTCAP[7:0];
        default: pay = WTCAP[15:8];
      endcase
    end else if (cmd_q == C_LOAD) pay = {{(7-DAw){1'b0}}, nl_q};
    else if (p == 16'd0) pay = class_i;
    else if (p == 16'd1) pay = ncls_q;
    else if (lgb < nlb) pay = lgb[0] ? act_rdata_i[15:8] : act_rdata_i[7:0];
    else pay = cyc_sh[7:0];
  end
  reg [7:0] rbyte;
  always @* begin
    case (ridx_q)
      16'd0: rbyte = status_q;
      16'd1: rbyte = cmd_q;
      16'd2: rbyte = rlen_q[7:0];
      16'd3: rbyte = rlen_q[15:8];
      default: rbyte = pay;
    endcase
  end
  assign out_valid_o = (st_q == S_RSEND);
  assign out_data_o  = rbyte;
  assign run_o       = (st_q == S_RUN);
  assign nlayers_o   = nl_q;
  assign lbase_o     = lbase_q[ActAw-1:0];
  assign ncls_o      = ncls_q;

  wire unused = ^{cyb[15:2], la[15:ActAw], in_base32[31:ActAw], cyc_sh[31:8], wb_q, WTCAP, p[15:4]};
endmodule
