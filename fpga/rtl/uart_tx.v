// uart_tx - 8N1 UART transmitter: one start bit (0), eight data bits LSB
// first, one stop bit (1); the line idles high.
// Bit period: Div = round(ClkHz / Baud) clock cycles (Div >= 4, and within
// 2% of 1 / Baud: elaboration fails otherwise), so every
// bit lasts exactly Div cycles and a byte exactly 10 * Div cycles.
// Latency: the start bit goes out on the cycle after the byte is accepted;
// back-to-back bytes leave with no idle time between frames.
// Handshake: valid/ready byte stream in (docs/architecture.md). in_ready_o
// is high while the transmitter is idle and in the last cycle of a stop bit,
// and depends on no input; the byte is copied at the transfer, so the
// producer may change data_i right after it.
module uart_tx #(
  parameter integer ClkHz = 12_000_000,
  parameter integer Baud  = 2_000_000
) (
  input  wire       clk_i,
  input  wire       rst_ni,
  input  wire       in_valid_i,
  output wire       in_ready_o,
  input  wire [7:0] in_data_i,
  output wire       tx_o
);
  localparam integer DIV = (ClkHz + Baud / 2) / Baud;
  localparam integer CW  = $clog2(DIV);
  localparam integer LAST_I = DIV - 1;
  localparam [CW-1:0] LAST = LAST_I[CW-1:0];

  // shift_q holds the frame still to send, LSB first: {stop, data, start}
  // at acceptance; bits_q counts the bits left including the one on the line.
  reg [9:0]    shift_q, shift_d;
  reg [3:0]    bits_q,  bits_d;
  reg [CW-1:0] cnt_q,   cnt_d;

  wire busy     = (bits_q != 4'd0);
  wire bit_end  = (cnt_q == LAST);
  wire last_end = busy && bit_end && (bits_q == 4'd1);
  wire accept   = in_valid_i && in_ready_o;

  assign in_ready_o = !busy || last_end;
  assign tx_o       = busy ? shift_q[0] : 1'b1;

  always @(*) begin
    shift_d = shift_q;
    bits_d  = bits_q;
    cnt_d   = cnt_q;
    if (busy) begin
      cnt_d = bit_end ? {CW{1'b0}} : cnt_q + 1'b1;
      if (bit_end) begin
        shift_d = {1'b1, shift_q[9:1]};
        bits_d  = bits_q - 4'd1;
      end
    end
    if (accept) begin
      shift_d = {1'b1, in_data_i, 1'b0};
      bits_d  = 4'd10;
      cnt_d   = {CW{1'b0}};
    end
  end

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) bits_q <= 4'd0; else bits_q <= bits_d;
  always @(posedge clk_i) {shift_q, cnt_q} <= {shift_d, cnt_d};

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
