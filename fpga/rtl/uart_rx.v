// uart_rx - 8N1 UART receiver. The line goes through a two-flop
// synchronizer; a start bit is a low level seen while idle, confirmed low
// again half a bit later (shorter glitches are ignored); then the eight data
// bits (LSB first) and the stop bit are each sampled once, in the middle of
// the bit, Div = round(ClkHz / Baud) cycles apart (Div >= 4, and Div clock
// periods within 2% of 1 / Baud: elaboration fails otherwise). Sampling from
// the middle of the start bit tolerates a sender whose bit period is off by
// several percent (about +-4%, less one cycle of quantization; the
// benches check +-2%).
// Latency: the byte is offered 3 cycles after the middle of its stop bit.
// Handshake: valid/ready byte stream out (docs/architecture.md); the payload
// is {data, frame_err, overrun}, held stable while out_valid_o && !out_ready_i.
//   frame_err: the stop bit of this byte was 0; the byte is delivered anyway
//              (so nothing is silently accepted), and the receiver waits for
//              the line to return high before it looks for the next start.
//   overrun:   one or more bytes were dropped before this one because the
//              consumer had not taken the previous byte when the next stop
//              bit arrived (a UART cannot be stalled; the held byte is kept).
module uart_rx #(
  parameter integer ClkHz = 12_000_000,
  parameter integer Baud  = 2_000_000
) (
  input  wire       clk_i,
  input  wire       rst_ni,
  input  wire       rx_i,
  output wire       out_valid_o,
  input  wire       out_ready_i,
  output wire [7:0] out_data_o,
  output wire       out_frame_err_o,
  output wire       out_overrun_o
);
  localparam integer DIV  = (ClkHz + Baud / 2) / Baud;
  localparam integer CW   = $clog2(DIV);
  localparam integer LAST_I = DIV - 1;
  localparam integer MID_I  = DIV / 2 - 1;
  localparam [CW-1:0] LAST = LAST_I[CW-1:0];
  localparam [CW-1:0] MID  = MID_I[CW-1:0];

  localparam [2:0] S_IDLE  = 3'd0;  // line high, waiting for a start bit
  localparam [2:0] S_START = 3'd1;  // to the middle of the start bit
  localparam [2:0] S_DATA  = 3'd2;  // eight data bits
  localparam [2:0] S_STOP  = 3'd3;  // the stop bit
  localparam [2:0] S_BREAK = 3'd4;  // after a bad stop bit: wait for high

  // ---- synchronizer (the line idles high) ----
  reg sync1_q, sync2_q;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) {sync2_q, sync1_q} <= 2'b11; else {sync2_q, sync1_q} <= {sync1_q, rx_i};
  wire rx = sync2_q;

  // ---- frame state machine ----
  reg [2:0]    state_q, state_d;
  reg [CW-1:0] cnt_q,   cnt_d;
  reg [2:0]    idx_q,   idx_d;
  reg [7:0]    shift_q, shift_d;
  reg          done;    // stop bit sampled this cycle

  wire at_mid  = (cnt_q == MID);
  wire at_last = (cnt_q == LAST);

  always @(*) begin
    state_d = state_q;
    cnt_d   = cnt_q + 1'b1;
    idx_d   = idx_q;
    shift_d = shift_q;
    done    = 1'b0;
    case (state_q)
      S_IDLE: begin
        cnt_d = {CW{1'b0}};
        if (!rx) state_d = S_START;
      end
      S_START: if (at_mid) begin
        cnt_d   = {CW{1'b0}};
        idx_d   = 3'd0;
        state_d = rx ? S_IDLE : S_DATA;
      end
      S_DATA: if (at_last) begin
        cnt_d   = {CW{1'b0}};
        shift_d = {rx, shift_q[7:1]};
        idx_d   = idx_q + 3'd1;
        if (idx_q == 3'd7) state_d = S_STOP;
      end
      S_STOP: if (at_last) begin
        done    = 1'b1;
        state_d = rx ? S_IDLE : S_BREAK;
      end
      S_BREAK: if (rx) state_d = S_IDLE;
      default: state_d = S_IDLE;
    endcase
  end

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) state_q <= S_IDLE; else state_q <= state_d;
  always @(posedge clk_i) {cnt_q, idx_q, shift_q} <= {cnt_d, idx_d, shift_d};

  // ---- output register ----
  reg       valid_q, valid_d;
  reg [7:0] data_q,  data_d;
  reg       ferr_q,  ferr_d;
  reg       ovr_q,   ovr_d;
  reg       lost_q,  lost_d;  // a byte was dropped since the last delivery

  wire room = !valid_q || out_ready_i;

  always @(*) begin
    valid_d = valid_q && !out_ready_i;
    data_d  = data_q;
    ferr_d  = ferr_q;
    ovr_d   = ovr_q;
    lost_d  = lost_q;
    if (done && room) begin
      valid_d = 1'b1;
      data_d  = shift_q;
      ferr_d  = !rx;
      ovr_d   = lost_q;
      lost_d  = 1'b0;
    end else if (done) begin
      lost_d  = 1'b1;
    end
  end

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) {valid_q, lost_q} <= 2'b00; else {valid_q, lost_q} <= {valid_d, lost_d};
  always @(posedge clk_i) {data_q, ferr_q, ovr_q} <= {data_d, ferr_d, ovr_d};

  assign out_valid_o     = valid_q;
  assign out_data_o      = data_q;
  assign out_frame_err_o = ferr_q;
  assign out_overrun_o   = ovr_q;

  // ---- elaboration checks ----
  // the bit time Div / ClkHz must be within 2% of 1 / Baud:
  // |Div * Baud - ClkHz| / ClkHz <= 1/50 (no overflow: the difference is at
  // most Baud / 2 <= ClkHz / 8)
  localparam integer BIT_ERR = (DIV * Baud > ClkHz) ? DIV * Baud - ClkHz : ClkHz - DIV * Baud;
  generate if (DIV < 4) begin : g_div_too_small
    div_must_be_at_least_4 u_error ();
  end endgenerate
  generate if (50 * BIT_ERR > ClkHz) begin : g_baud_error
    bit_time_off_by_more_than_2_percent u_error ();
  end endgenerate
endmodule
