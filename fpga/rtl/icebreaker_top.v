// icebreaker_top - board top for the iCEBreaker v1.0 (iCE40UP5K-SG48):
// 12 MHz oscillator -> PLL (SB_PLL40_PAD) -> ClkHz system clock; reset from
// the user button (BTN_N) and PLL lock through rst_sync; the FTDI channel B
// UART (RX pin 6, TX pin 9) into board_core; status on the LEDs. Pins:
// fpga/icebreaker.pcf.
// The accelerator inside board_core is the small array (Rows x Cols = 3x4).
// LEDs: green (LEDG_N) = heartbeat; red (LEDR_N) = an error: a UART frame
// error or overrun seen, or the last command refused; break-off PMOD2
// LED1..LED5 = heartbeat, UART activity (rx or tx), network busy, program
// loaded, UART receive error seen (frame or overrun).
// Latency: as board_core. Handshake: none (pins).
module icebreaker_top #(
  parameter integer ClkHz       = 30_000_000,  // PLL output, must match the dividers
  parameter integer Baud        = 2_000_000,
  parameter integer Divr        = 0,           // icepll -i 12 -o 30
  parameter integer Divf        = 79,
  parameter integer Divq        = 5,
  parameter integer FilterRange = 1,
  parameter integer HeartBits   = 24,
  parameter integer StretchBits = 20,
  parameter integer Rows        = 3,           // accelerator array (eyrie_top)
  parameter integer Cols        = 4,
  parameter integer KMax        = 7,
  parameter integer WMax        = 128,
  parameter integer ActAw       = 14,
  parameter integer WtAw        = 15,
  parameter integer QAw         = 8,
  parameter integer DAw         = 4
) (
  input  wire       clk_12m_i,   // pin 35, 12 MHz
  input  wire       btn_ni,      // pin 10, user button, low when pressed
  input  wire       uart_rx_i,   // pin 6, from the FTDI (its TXD)
  output wire       uart_tx_o,   // pin 9, to the FTDI (its RXD)
  output wire       led_r_no,    // pin 11, red LED, active low
  output wire       led_g_no,    // pin 37, green LED, active low
  output wire [4:0] led_o        // break-off PMOD2 LED1..LED5, active high
);
  wire clk, locked, rst_n;

  pll_ice40 #(.Divr(Divr), .Divf(Divf), .Divq(Divq), .FilterRange(FilterRange)) u_pll (
    .clk_pad_i(clk_12m_i), .clk_o(clk), .locked_o(locked));

  rst_sync #(.Stages(3)) u_rst (.clk_i(clk), .rst_ni(btn_ni && locked), .rst_no(rst_n));

  wire [7:0] status;
  board_core #(.ClkHz(ClkHz), .Baud(Baud), .HeartBits(HeartBits), .StretchBits(StretchBits),
               .Rows(Rows), .Cols(Cols), .KMax(KMax), .WMax(WMax), .ActAw(ActAw), .WtAw(WtAw),
               .QAw(QAw), .DAw(DAw)) u_core (
    .clk_i(clk), .rst_ni(rst_n), .uart_rx_i(uart_rx_i), .uart_tx_o(uart_tx_o), .status_o(status));

  assign led_g_no = !status[0];
  assign led_r_no = !(status[3] || status[4] || status[7]);
  assign led_o    = {status[3] || status[4], status[5], status[6], status[1] || status[2], status[0]};
endmodule
