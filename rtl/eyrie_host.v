// eyrie_host - the host byte protocol (docs/protocol.md) on a valid/ready
// byte port, driving eyrie_net: INFO, LOAD_PROGRAM (header checked before
// anything is written, then descriptor, weight and qparam bytes straight
// into the net's memories), CLASSIFY (pixels into the activation memory, run,
// reply with class, logits and cycles). Every command is framed as
// {cmd, len u32 LE, len payload bytes}; a command that is refused (unknown
// command, wrong length, no program, program that does not fit or was
// compiled for another array) has its payload consumed and dropped, gets an
// error reply, and leaves the loaded program untouched. A run that eyrie_net
// ends with net_err_i (an illegal layer descriptor) gets the reply status
// E_BADDESC (cmd 0x03, no payload); the program stays loaded.
// Area: one 32-bit down-counter (rem_q) counts every byte stream: the length
// shifts into it, it counts the payload (drain, header, program, pixels) down
// to 0 and then the reply payload (rlen, sent from it in the reply header).
// The 32-byte program header is checked as it streams in (sticky bad / nofit
// / length flags, the program size accumulated in one adder (17 bits at the
// default parameters) while the size fields arrive, compared with the remaining length at header byte 17);
// the loaded fields are taken at byte 21 (all checks known) from the
// qparam shift register, which holds the last seven bytes, and byte 22/23
// (logits address) directly. One address counter (a_q) serves descriptors
// (20 of 32 bytes per layer), weights, qparams, pixels (row pitch even) and
// the logits read; the memories are written one byte per accepted input
// byte, combinationally (no write-data registers). CLASSIFY's class, class
// count and cycles are taken into the shift register at net_done_i and
// shifted out around the logits.
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
  input  wire                     net_err_i,      // with net_done_i: illegal descriptor
  input  wire [7:0]               class_i,
  input  wire [31:0]              cycles_i
);
  localparam [7:0] C_INFO = 8'h01, C_LOAD = 8'h02, C_CLASSIFY = 8'h03;
  localparam [2:0] E_OK = 3'h0, E_UNKNOWN = 3'h1, E_LENGTH = 3'h2, E_NOPROG = 3'h3,
                   E_NOFIT = 3'h4, E_BADPROG = 3'h5, E_BADDESC = 3'h6;
  localparam [3:0] S_CMD = 4'd0, S_LEN = 4'd1, S_DRAIN = 4'd2, S_PHDR = 4'd3, S_DISP = 4'd4,
                   S_PDATA = 4'd5, S_PIX = 4'd6, S_RUN = 4'd7, S_WAIT = 4'd8, S_RPREP = 4'd9,
                   S_RSEND = 4'd10;
  localparam [1:0] R_DESC = 2'd0, R_WT = 2'd1, R_Q = 2'd2;
  localparam integer ColW = $clog2(Cols);
  // address counter: the widest of weight bytes, activation bytes, {layer, byte}, qparam bytes
  localparam integer AW0 = (WtAw + ColW > ActAw + 1) ? WtAw + ColW : ActAw + 1;
  localparam integer AW1 = (AW0 > DAw + 5) ? AW0 : DAw + 5;
  localparam integer AW  = (AW1 > QAw + 3) ? AW1 : QAw + 3;
  localparam integer QSW = QAw + 1;                  // qparam words that fit: 0 .. 2^QAw
  localparam [31:0] ROWS32 = Rows, COLS32 = Cols, KMAX32 = KMax, WMAX32 = WMax;
  localparam [31:0] ACTAW32 = ActAw, WTAW32 = WtAw, QAW32 = QAw, DAW32 = DAw;
  localparam [31:0] ACTN = 32'd1 << ActAw, WTN = WtWords, QN = 32'd1 << QAw, DN = 32'd1 << DAw;
  localparam [31:0] WTCAP = WtWords / 256;
  // accumulator of the program size (+15, see below) for every program that fits
  localparam integer NEEDMAX = 20 * (1 << DAw) + Cols * WtWords + 8 * (1 << QAw) + 15;
  localparam integer NW = $clog2(NEEDMAX + 1);

  reg [3:0]    st_q;
  reg [7:0]    cmd_q;
  reg          is_info_q, is_load_q, is_cls_q;   // cmd_q decoded
  reg [2:0]    status_q;
  reg [31:0]   rem_q;         // length as it arrives, then bytes left (payload, then reply payload)
  reg [4:0]    bc_q;          // length byte 28..31, header byte 0..31, reply byte 0..20 (saturates)
  // program header being received: sticky check flags and what the load needs
  reg          bad_q, nofit_q, lenbad_q;
  reg [NW-1:0] need_q;        // 20 n + Cols wt + 8 q + 15
  reg [DAw:0]  n_s;
  reg [QSW-1:0] q_s;
  reg          wz_s;          // no weight words
  // loaded program
  reg          loaded_q;
  reg [DAw:0]  nl_q;
  reg [15:0]   img_bytes_q;
  reg [ActAw-1:0] in_base_q, lbase_q;
  reg [7:0]    img_w_q, ncls_q;
  // load / pixel / logits addressing
  reg [1:0]    rgn_q;
  reg [AW-1:0] a_q;
  reg [7:0]    x_q;           // pixels left in the image row
  reg [55:0]   qsh_q;         // the last seven input bytes (qparam word, header fields);
                              // in a reply: LOAD's layer count, CLASSIFY's class, ncls, cycles

  wire fire = in_valid_i && in_ready_o;
  wire [7:0] b = in_data_i;
  wire [7:0] prev = qsh_q[55:48];
  wire [15:0] b16 = {b, prev};                 // a u16 header field at its high byte
  wire rz = (rem_q == 32'd0);
  wire hdr_ok = !bad_q && !nofit_q && !lenbad_q;

  // ---- header bytes 0..9 must match this build ----
  localparam [7:0] PVER = `EYRIE_PROG_VERSION;
  reg [7:0] hexp;
  reg       hchk;
  always @* begin
    hchk = 1'b1;
    case (bc_q)
      5'd0: hexp = 8'h45;
      5'd1: hexp = 8'h59;
      5'd2: hexp = 8'h50;
      5'd3: hexp = PVER;
      5'd4: hexp = ROWS32[7:0];
      5'd5: hexp = COLS32[7:0];
      5'd6: hexp = KMAX32[7:0];
      5'd8: hexp = WMAX32[7:0];
      5'd9: hexp = WMAX32[15:8];
      default: begin hexp = 8'd0; hchk = 1'b0; end
    endcase
  end
  // x > k for a constant k, as plain logic (a compare maps to a carry chain)
  function automatic gt_k(input [15:0] x, input [31:0] k);
    integer i;
    begin
      gt_k = 1'b0;
      for (i = 0; i < 16; i = i + 1)
        gt_k = k[i] ? (x[i] && gt_k) : (x[i] || gt_k);
      if (k[31:16] != 16'd0) gt_k = 1'b0;     // k >= 2^16: never greater
    end
  endfunction
  // per header byte: illegal value, too big for the buffers
  reg hbad, hnofit;
  always @* begin
    hbad = hchk && b != hexp;
    hnofit = 1'b0;
    case (bc_q)
      5'd7:  begin hbad = (b == 8'd0); hnofit = gt_k({8'd0, b}, DN); end
      5'd11: hnofit = gt_k(b16, ACTN);
      5'd13: hnofit = gt_k(b16, WTN);
      5'd15: hnofit = gt_k(b16, QN);
      5'd19: hbad = (b16 == 16'd0);
      5'd20, 5'd21: hbad = (b == 8'd0);
      default: ;
    endcase
  end
  // program size: byte 7 loads 4n+3, byte 8 adds 4 times that (20n+15), the
  // high bytes of the weight and qparam word counts add Cols*wt and 8*q
  wire [31:0] need32 = {{(32-NW){1'b0}}, need_q};
  wire [31:0] acc_op  = (bc_q == 5'd8)  ? need32 << 2 :
                        (bc_q == 5'd13) ? {16'd0, b16} << ColW : {16'd0, b16} << 3;
  wire [NW-1:0] acc_sum = need_q + acc_op[NW-1:0];

  // ---- program payload regions ----
  wire [DAw:0] nl_m1   = nl_q - 1'b1;
  wire db_last   = (a_q[4:0] == 5'd19);
  wire desc_last = db_last && a_q[DAw+4:5] == nl_m1[DAw-1:0];
  wire wt_last   = (rem_q == {{(29-QSW){1'b0}}, q_s, 3'b001});  // 8q + 1 bytes left
  wire x_last    = (x_q == 8'd1);
  wire in_desc   = (st_q == S_PDATA) && rgn_q == R_DESC;
  wire in_pix    = (st_q == S_PIX);
  wire [4:0] amask = in_desc ? {5{db_last}} : {4'd0, in_pix && x_last && img_w_q[0]};
  wire [ActAw-1:0] abase = (st_q == S_WAIT) ? lbase_q : in_base_q;
  wire [AW-1:0] a_inc = (a_q | {{(AW-5){1'b0}}, amask}) + 1'b1;

  // ---- reply bytes: {status, cmd, rlen u16, payload}; rlen is rem_q ----
  wire rhdr     = (bc_q[4:2] == 3'd0);                  // bytes 0..3
  wire rlast4   = (rem_q[31:3] == 29'd0) && !(rem_q[2] && rem_q[1:0] != 2'd0);  // cycles bytes
  wire logit    = is_cls_q && !rhdr && bc_q != 5'd4 && bc_q != 5'd5 && !rlast4;
  wire rsent    = (st_q == S_RSEND) && out_ready_i;
  wire [8:0] ncls_p1 = {1'b0, ncls_q} + 9'd1;
  wire [10:0] rl_cls = {ncls_p1, 2'b10};                // 4 ncls + 6

  // ---- rem_q: length shift, one down-counter for every byte stream ----
  wire rem_dec = (fire && st_q != S_CMD && st_q != S_LEN) || (rsent && !rhdr);
  wire [31:0] rem_m1 = rem_q - 32'd1;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q <= S_CMD;
      {cmd_q, is_info_q, is_load_q, is_cls_q, status_q, rem_q, bc_q} <= 0;
      {bad_q, nofit_q, lenbad_q} <= 0;
      {loaded_q, nl_q, img_bytes_q, in_base_q, lbase_q, img_w_q, ncls_q, rgn_q} <= 0;
    end else begin
      if (rem_dec) rem_q <= rem_m1;
      case (st_q)
        S_CMD: if (fire) begin
          cmd_q <= b;
          is_info_q <= (b == C_INFO); is_load_q <= (b == C_LOAD); is_cls_q <= (b == C_CLASSIFY);
          bc_q <= 5'd28;
          st_q <= S_LEN;
        end
        S_LEN: if (fire) begin
          rem_q <= {b, rem_q[31:8]};
          bc_q <= bc_q + 5'd1;
          if (bc_q[1:0] == 2'd3) st_q <= S_DISP;
        end
        S_DISP: begin
          status_q <= E_OK;
          st_q <= S_DRAIN;
          if (is_info_q) begin
            if (rz) begin rem_q[4] <= 1'b1; st_q <= S_RPREP; end
            else status_q <= E_LENGTH;
          end else if (is_load_q) begin
            if (rem_q[31:5] == 27'd0) status_q <= E_LENGTH;
            else begin st_q <= S_PHDR; {bad_q, nofit_q, lenbad_q} <= 3'b000; end
          end else if (is_cls_q) begin
            if (!loaded_q) status_q <= E_NOPROG;
            else if (rem_q != {16'd0, img_bytes_q}) status_q <= E_LENGTH;
            else st_q <= S_PIX;
          end else status_q <= E_UNKNOWN;
        end
        S_DRAIN: if (rz) st_q <= S_RPREP;
        S_PHDR: if (fire) begin
          bc_q <= bc_q + 5'd1;
          if (hbad) bad_q <= 1'b1;
          if (hnofit) nofit_q <= 1'b1;
          if (bc_q == 5'd17 && rem_q != need32) lenbad_q <= 1'b1;
          if (bc_q == 5'd21 && hdr_ok && b != 8'd0) begin
            // accepted: the old program is replaced from here on
            loaded_q <= 1'b0;
            nl_q <= n_s;
            in_base_q <= qsh_q[16 +: ActAw];
            img_bytes_q <= qsh_q[47:32];
            img_w_q <= qsh_q[55:48];
            ncls_q <= b;
          end
          if (bc_q == 5'd22 && hdr_ok) lbase_q[7:0] <= b;
          if (bc_q == 5'd23 && hdr_ok) lbase_q[ActAw-1:8] <= b[ActAw-9:0];
          if (bc_q == 5'd31) begin
            if (bad_q) status_q <= E_BADPROG;
            else if (nofit_q) status_q <= E_NOFIT;
            else if (lenbad_q) status_q <= E_LENGTH;
            st_q <= hdr_ok ? S_PDATA : S_DRAIN;
            rgn_q <= R_DESC;
          end
        end
        S_PDATA: begin
          if (fire) begin
            if (rgn_q == R_DESC && desc_last) rgn_q <= wz_s ? R_Q : R_WT;
            if (rgn_q == R_WT && wt_last) rgn_q <= R_Q;
          end
          if (rz) begin loaded_q <= 1'b1; rem_q[0] <= 1'b1; st_q <= S_RPREP; end
        end
        S_PIX: if (rz) st_q <= S_RUN;
        S_RUN: st_q <= S_WAIT;
        S_WAIT: if (net_done_i) begin
          if (net_err_i) status_q <= E_BADDESC;
          else rem_q[10:0] <= rl_cls;
          st_q <= S_RPREP;
        end
        S_RPREP: st_q <= (!rhdr && rz) ? S_CMD : S_RSEND;
        S_RSEND: if (out_ready_i) begin
          if (bc_q != 5'd20) bc_q <= bc_q + 5'd1;
          st_q <= S_RPREP;
        end
        default: st_q <= S_CMD;
      endcase
    end
  end

  // ---- header fields kept for the load, size accumulator, addresses ----
  always @(posedge clk_i) begin
    if (st_q == S_WAIT && net_done_i) qsh_q[47:0] <= {cycles_i, ncls_q, class_i};
    else if (st_q == S_PDATA && rz) qsh_q[7:0] <= {{(7-DAw){1'b0}}, n_s};
    else if (fire || (rsent && !rhdr && !logit)) qsh_q <= {b, qsh_q[55:8]};
    if (st_q == S_PHDR && fire) begin
      if (bc_q == 5'd7) begin n_s <= b[DAw:0]; need_q <= {{(NW-10){1'b0}}, b, 2'b11}; end
      if (bc_q == 5'd8 || bc_q == 5'd13 || bc_q == 5'd15) need_q <= acc_sum;
      if (bc_q == 5'd13) wz_s <= (b16 == 16'd0);
      if (bc_q == 5'd15) q_s <= b16[QSW-1:0];
    end
    // a_q: 0 at the program payload and at each of its regions, the image
    // address (in_base words) for the pixels, the logits address for the reply
    if (st_q == S_PHDR || (fire && ((in_desc && desc_last) || (st_q == S_PDATA && rgn_q == R_WT && wt_last))))
      a_q <= {AW{1'b0}};
    else if (st_q == S_DISP || st_q == S_WAIT) a_q <= {{(AW-ActAw-1){1'b0}}, abase, 1'b0};
    else if (fire || (rsent && logit)) a_q <= a_inc;
    if (st_q == S_DISP || (in_pix && fire && x_last)) x_q <= img_w_q;
    else if (in_pix && fire) x_q <= x_q - 8'd1;
  end

  assign in_ready_o = (st_q == S_CMD) || (st_q == S_LEN) || (st_q == S_PHDR) ||
                      ((st_q == S_DRAIN || st_q == S_PDATA || st_q == S_PIX) && !rz);

  // ---- memory writes, straight from the accepted byte ----
  wire pdata = (st_q == S_PDATA) && fire;
  assign d_we_o      = pdata && rgn_q == R_DESC;
  assign d_waddr_o   = a_q[DAw+4:0];
  assign d_wdata_o   = b;
  assign wt_we_o     = pdata && rgn_q == R_WT;
  assign wt_waddr_o  = a_q[WtAw+ColW-1:0];
  assign wt_wdata_o  = b;
  assign q_we_o      = pdata && rgn_q == R_Q && a_q[2:0] == 3'd7;
  assign q_waddr_o   = a_q[QAw+2:3];
  assign q_wdata_o   = {b, qsh_q};
  assign act_we_o    = in_pix && fire;
  assign act_waddr_o = a_q[ActAw:0];
  assign act_wdata_o = b;

  // ---- reply byte ----
  // INFO payload byte p is sent at bc_q = p + 4, so bc_q[3:0] indexes it
  reg [7:0] rom;
  always @* begin
    case (bc_q[3:0])
      4'd4:  rom = 8'h45;
      4'd5:  rom = 8'h59;
      4'd6:  rom = PVER;
      4'd7:  rom = ROWS32[7:0];
      4'd8:  rom = COLS32[7:0];
      4'd9:  rom = KMAX32[7:0];
      4'd10: rom = WMAX32[7:0];
      4'd11: rom = WMAX32[15:8];
      4'd12: rom = ACTAW32[7:0];
      4'd13: rom = WTAW32[7:0];
      4'd14: rom = QAW32[7:0];
      4'd15: rom = DAW32[7:0];
      4'd0:  rom = {7'd0, loaded_q};
      4'd1:  rom = {{(7-DAw){1'b0}}, nl_q};
      4'd2:  rom = WTCAP[7:0];
      default: rom = WTCAP[15:8];
    endcase
  end
  reg [7:0] hbyte;
  always @* begin
    case (bc_q[1:0])
      2'd0: hbyte = {5'd0, status_q};
      2'd1: hbyte = cmd_q;
      2'd2: hbyte = rem_q[7:0];
      default: hbyte = {5'd0, rem_q[10:8]};   // rlen <= 4 * 255 + 6
    endcase
  end
  wire [7:0] rbyte = rhdr ? hbyte : is_info_q ? rom : !logit ? qsh_q[7:0] :
                     a_q[0] ? act_rdata_i[15:8] : act_rdata_i[7:0];
  assign act_re_o    = (st_q == S_RPREP);
  assign act_raddr_o = a_q[ActAw:1];
  assign out_valid_o = (st_q == S_RSEND);
  assign out_data_o  = rbyte;
  assign run_o       = (st_q == S_RUN);
  assign nlayers_o   = nl_q;
  assign lbase_o     = lbase_q;
  assign ncls_o      = ncls_q;

  wire unused = ^{rem_q[15:11], WTCAP, b[7:ActAw-8], acc_op[31:NW], nl_m1[DAw]};
endmodule
