// board_core - everything a board top needs above its pins, PLL and reset:
// the UART (uart_rx / uart_tx), the host byte port between them, and the
// status LEDs. Board independent; icebreaker_top and ulx3s_top wrap it.
//
// PLACEHOLDER (issue 6 groundwork): the host port is looped back through a
// Depth-byte FIFO (a UART echo). Issue 4's accelerator, with its valid/ready
// byte host port carrying docs/protocol.md, replaces u_echo; nothing else
// here changes.
//
// Received bytes with a bad stop bit are not passed on (the echo drops them)
// and light the frame-error LED; a receive overrun lights the overrun LED.
// Both stay lit until reset.
// status_o: [0] heartbeat (clock alive)  [1] rx activity  [2] tx activity
//           [3] frame error seen          [4] overrun seen
// Latency: echo = one byte time + about 5 cycles. Handshake: none outside.
module board_core #(
  parameter integer ClkHz      = 30_000_000,
  parameter integer Baud       = 115_200,
  parameter integer FifoDepth  = 16,
  parameter integer HeartBits  = 24,   // heartbeat toggles every 2^HeartBits cycles
  parameter integer StretchBits = 20   // activity LEDs stay on 2^StretchBits cycles
) (
  input  wire       clk_i,
  input  wire       rst_ni,
  input  wire       uart_rx_i,
  output wire       uart_tx_o,
  output wire [4:0] status_o
);
  // ---- UART receiver -> host input stream ----
  wire       rx_valid, rx_ready, rx_ferr, rx_ovr;
  wire [7:0] rx_data;
  uart_rx #(.ClkHz(ClkHz), .Baud(Baud)) u_rx (
    .clk_i(clk_i), .rst_ni(rst_ni), .rx_i(uart_rx_i),
    .out_valid_o(rx_valid), .out_ready_i(rx_ready), .out_data_o(rx_data),
    .out_frame_err_o(rx_ferr), .out_overrun_o(rx_ovr));

  wire       host_in_valid = rx_valid && !rx_ferr;
  wire       host_in_ready;
  assign     rx_ready = host_in_ready || rx_ferr;   // bad bytes are dropped

  // ---- host port: PLACEHOLDER echo (replaced by the accelerator, issue 4) ----
  wire       host_out_valid, host_out_ready;
  wire [7:0] host_out_data;
  wire [$clog2(FifoDepth):0] unused_level;
  byte_fifo #(.Width(8), .Depth(FifoDepth)) u_echo (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(host_in_valid), .in_ready_o(host_in_ready), .in_data_i(rx_data),
    .out_valid_o(host_out_valid), .out_ready_i(host_out_ready), .out_data_o(host_out_data),
    .level_o(unused_level));

  // ---- host output stream -> UART transmitter ----
  uart_tx #(.ClkHz(ClkHz), .Baud(Baud)) u_tx (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(host_out_valid), .in_ready_o(host_out_ready), .in_data_i(host_out_data),
    .tx_o(uart_tx_o));

  // ---- status ----
  wire rx_fire = rx_valid && rx_ready;
  wire tx_fire = host_out_valid && host_out_ready;

  reg [HeartBits-1:0]   heart_q;
  reg [StretchBits-1:0] rx_led_q, tx_led_q;
  reg                   ferr_seen_q, ovr_seen_q;

  wire [StretchBits-1:0] rx_led_d = rx_fire ? {StretchBits{1'b1}} : rx_led_q - {{(StretchBits - 1){1'b0}}, (rx_led_q != 0)};
  wire [StretchBits-1:0] tx_led_d = tx_fire ? {StretchBits{1'b1}} : tx_led_q - {{(StretchBits - 1){1'b0}}, (tx_led_q != 0)};

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) heart_q <= {HeartBits{1'b0}}; else heart_q <= heart_q + 1'b1;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) {rx_led_q, tx_led_q} <= {(2 * StretchBits){1'b0}}; else {rx_led_q, tx_led_q} <= {rx_led_d, tx_led_d};
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) ferr_seen_q <= 1'b0; else if (rx_fire && rx_ferr) ferr_seen_q <= 1'b1;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) ovr_seen_q <= 1'b0; else if (rx_fire && rx_ovr) ovr_seen_q <= 1'b1;

  assign status_o = {ovr_seen_q, ferr_seen_q, (tx_led_q != 0), (rx_led_q != 0), heart_q[HeartBits-1]};
endmodule
