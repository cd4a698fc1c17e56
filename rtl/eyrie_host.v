// eyrie_host - the host byte protocol (docs/protocol.md) on a valid/ready
// byte port, driving eyrie_net: INFO, LOAD_PROGRAM (header checked before
// anything is written, then descriptors, weight words and qparam words into
// the net's memories), CLASSIFY (pixels into the activation memory, run,
// reply with class, logits and cycles). Every command is framed as
// {cmd, len u32 LE, len payload bytes}; a command that is refused (unknown
// command, wrong length, no program, program that does not fit or was
// compiled for another array) has its payload consumed and dropped, gets an
// error reply, and leaves the loaded program untouched.
// Latency: reply after the last payload byte (CLASSIFY: after the run);
// reply bytes one per 2 cycles at most.
// Handshake: in_* and out_* are valid/ready byte streams.
`include "eyrie_defs.vh"
module eyrie_host #(
  parameter integer Rows  = 3,
  parameter integer Cols  = 4,
  parameter integer KMax  = 7,
  parameter integer WMax  = 128,
  parameter integer ActAw = 13,
  parameter integer WtAw  = 15,
  parameter integer QAw   = 9,
  parameter integer DAw   = 4
) (
  input  wire                     clk_i,
  input  wire                     rst_ni,
  input  wire                     in_valid_i,
  output wire                     in_ready_o,
  input  wire [7:0]               in_data_i,
  output wire                     out_valid_o,
  input  wire                     out_ready_i,
  output wire [7:0]               out_data_o,
  // eyrie_net
  output reg                      act_we_o,
  output reg  [ActAw:0]           act_waddr_o,
  output reg  [7:0]               act_wdata_o,
  output wire                     act_re_o,
  output wire [ActAw-1:0]         act_raddr_o,
  input  wire [15:0]              act_rdata_i,
  output reg                      wt_we_o,
  output reg  [WtAw-1:0]          wt_waddr_o,
  output reg  [Cols*8-1:0]        wt_wdata_o,
  output reg                      q_we_o,
  output reg  [QAw-1:0]           q_waddr_o,
  output reg  [`EYRIE_Q_W-1:0]    q_wdata_o,
  output reg                      d_we_o,
  output reg  [DAw-1:0]           d_waddr_o,
  output reg  [`EYRIE_DESC_W-1:0] d_wdata_o,
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
  localparam [31:0] ROWS32 = Rows, COLS32 = Cols, KMAX32 = KMax, WMAX32 = WMax;
  localparam [31:0] ACTAW32 = ActAw, WTAW32 = WtAw, QAW32 = QAw, DAW32 = DAw;
  localparam [31:0] ACTN = 32'd1 << ActAw, WTN = 32'd1 << WtAw, QN = 32'd1 << QAw, DN = 32'd1 << DAw;

  reg [3:0]   st_q;
  reg [7:0]   cmd_q, status_q;
  reg [31:0]  len_q, rem_q, pos_q;
  reg [1:0]   lc_q;
  reg [255:0] hdr_q;
  reg [4:0]   hc_q;
  // loaded program
  reg         loaded_q;
  reg [DAw:0] nl_q;
  reg [15:0]  img_bytes_q, in_base_q, lbase_q;
  reg [7:0]   img_w_q, ncls_q;
  // load counters
  reg [31:0]  d_end_q, w_end_q;
  reg [4:0]   dbc_q;
  reg [ColW:0] wbc_q;
  reg [2:0]   qbc_q;
  reg [`EYRIE_DESC_W-1:0] dsh_q;
  reg [Cols*8-1:0] wsh_q;
  reg [63:0]  qsh_q;
  // pixels
  reg [ActAw:0] row_q;
  reg [7:0]   x_q;
  // reply
  reg [15:0]  rlen_q, ridx_q;

  wire fire = in_valid_i && in_ready_o;
  wire [7:0] b = in_data_i;
  wire [31:0] len_full = {b, len_q[31:8]};   // after the 4th length byte

  // header fields (byte i at hdr_q[8*i +: 8])
  wire [7:0]  h_n    = hdr_q[63:56];
  wire [15:0] h_wmax = hdr_q[79:64];
  wire [15:0] h_act  = hdr_q[95:80];
  wire [15:0] h_wt   = hdr_q[111:96];
  wire [15:0] h_q    = hdr_q[127:112];
  wire [31:0] n32    = {24'd0, h_n};
  wire [31:0] d_bytes = (n32 << 4) + (n32 << 2);
  wire [31:0] w_bytes = {16'd0, h_wt} << ColW;
  wire [31:0] q_bytes = {13'd0, h_q, 3'd0};
  wire [31:0] need    = 32'd32 + d_bytes + w_bytes + q_bytes;
  wire bad_prog = hdr_q[7:0] != 8'h45 || hdr_q[15:8] != 8'h59 || hdr_q[23:16] != 8'h50 ||
                  hdr_q[31:24] != 8'd1 || {24'd0, hdr_q[39:32]} != ROWS32 ||
                  {24'd0, hdr_q[47:40]} != COLS32 || {24'd0, hdr_q[55:48]} != KMAX32 ||
                  {16'd0, h_wmax} != WMAX32 || h_n == 8'd0 || hdr_q[175:168] == 8'd0 ||
                  hdr_q[167:160] == 8'd0 || hdr_q[159:144] == 16'd0;
  wire nofit = n32 > DN || {16'd0, h_act} > ACTN || {16'd0, h_wt} > WTN || {16'd0, h_q} > QN;

  wire [ActAw:0] pitch = {{(ActAw-7){1'b0}}, img_w_q[7:1] + {6'd0, img_w_q[0]}, 1'b0};
  wire [31:0] in_base32 = {16'd0, in_base_q};

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q <= S_CMD;
      {cmd_q, status_q, len_q, rem_q, pos_q, lc_q, hdr_q, hc_q} <= 0;
      {loaded_q, nl_q, img_bytes_q, in_base_q, lbase_q, img_w_q, ncls_q} <= 0;
      {d_end_q, w_end_q, dbc_q, wbc_q, qbc_q, dsh_q, wsh_q, qsh_q} <= 0;
      {row_q, x_q, rlen_q, ridx_q} <= 0;
      {act_we_o, act_waddr_o, act_wdata_o, wt_we_o, wt_waddr_o, wt_wdata_o} <= 0;
      {q_we_o, q_waddr_o, q_wdata_o, d_we_o, d_waddr_o, d_wdata_o} <= 0;
    end else begin
      {act_we_o, wt_we_o, q_we_o, d_we_o} <= 4'd0;
      case (st_q)
        S_CMD: if (fire) begin cmd_q <= b; lc_q <= 2'd0; st_q <= S_LEN; end
        S_LEN: if (fire) begin
          len_q <= len_full;
          lc_q <= lc_q + 2'd1;
          if (lc_q == 2'd3) begin
            rem_q <= len_full; rlen_q <= 16'd0; ridx_q <= 16'd0; status_q <= E_OK;
            st_q <= S_DRAIN;
            case (cmd_q)
              C_INFO: if (len_full == 32'd0) rlen_q <= 16'd16; else status_q <= E_LENGTH;
              C_LOAD: if (len_full < 32'd32) status_q <= E_LENGTH;
                      else begin st_q <= S_PHDR; hc_q <= 5'd0; end
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
          hdr_q <= {b, hdr_q[255:8]};
          rem_q <= rem_q - 32'd1;
          hc_q <= hc_q + 5'd1;
          if (hc_q == 5'd31) st_q <= S_PCHK;
        end
        S_PCHK: begin
          st_q <= S_DRAIN;
          if (bad_prog) status_q <= E_BADPROG;
          else if (nofit) status_q <= E_NOFIT;
          else if (need != len_q) status_q <= E_LENGTH;
          else begin
            // accepted: the old program is replaced from here on
            loaded_q <= 1'b0;
            nl_q <= h_n[DAw:0];
            in_base_q <= hdr_q[143:128];
            img_bytes_q <= hdr_q[159:144];
            img_w_q <= hdr_q[167:160];
            ncls_q <= hdr_q[175:168];
            lbase_q <= hdr_q[191:176];
            d_end_q <= d_bytes;
            w_end_q <= d_bytes + w_bytes;
            {pos_q, dbc_q, wbc_q, qbc_q} <= 0;
            d_waddr_o <= {DAw{1'b0}};
            wt_waddr_o <= {WtAw{1'b0}};
            q_waddr_o <= {QAw{1'b0}};
            st_q <= S_PDATA;
          end
        end
        S_PDATA: begin
          if (fire) begin
            pos_q <= pos_q + 32'd1;
            rem_q <= rem_q - 32'd1;
            if (pos_q < d_end_q) begin
              dsh_q <= {b, dsh_q[`EYRIE_DESC_W-1:8]};
              dbc_q <= (dbc_q == 5'd19) ? 5'd0 : dbc_q + 5'd1;
              if (dbc_q == 5'd19) begin d_we_o <= 1'b1; d_wdata_o <= {b, dsh_q[`EYRIE_DESC_W-1:8]}; end
            end else if (pos_q < w_end_q) begin
              wsh_q <= {b, wsh_q[Cols*8-1:8]};
              wbc_q <= (wbc_q == COLS32[ColW:0] - 1'b1) ? {(ColW+1){1'b0}} : wbc_q + 1'b1;
              if (wbc_q == COLS32[ColW:0] - 1'b1) begin wt_we_o <= 1'b1; wt_wdata_o <= {b, wsh_q[Cols*8-1:8]}; end
            end else begin
              qsh_q <= {b, qsh_q[63:8]};
              qbc_q <= qbc_q + 3'd1;
              if (qbc_q == 3'd7) begin q_we_o <= 1'b1; q_wdata_o <= {b, qsh_q[63:8]}; end
            end
          end
          if (d_we_o) d_waddr_o <= d_waddr_o + 1'b1;     // advance after each write
          if (wt_we_o) wt_waddr_o <= wt_waddr_o + 1'b1;
          if (q_we_o) q_waddr_o <= q_waddr_o + 1'b1;
          if (rem_q == 32'd0 && !d_we_o && !wt_we_o && !q_we_o) begin
            loaded_q <= 1'b1; rlen_q <= 16'd1; st_q <= S_RPREP;
          end
        end
        S_PIX: if (fire) begin
          act_we_o <= 1'b1;
          act_waddr_o <= row_q + {{(ActAw-7){1'b0}}, x_q};
          act_wdata_o <= b;
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
        default: pay = 8'd0;
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

  wire unused = ^{dsh_q[7:0], wsh_q[7:0], qsh_q[7:0], cyb[15:2], hdr_q[255:192], la[15:ActAw], in_base32[31:ActAw], cyc_sh[31:8], h_wmax};
endmodule
