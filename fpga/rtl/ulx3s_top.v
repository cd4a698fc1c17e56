// ulx3s_top - board top for the ULX3S (LFE5U-85F-6BG381C): 25 MHz oscillator
// -> PLL (EHXPLLL) -> ClkHz system clock; reset from the FIRE1 button and PLL
// lock through rst_sync; the FT231X UART (ftdi_txd M1 in, ftdi_rxd L4 out)
// into board_core; status on the eight LEDs. Pins: fpga/ulx3s.lpf.
// The accelerator inside board_core is the large array (Rows x Cols = 3x32:
// 96 PEs, 98 of the 156 MULT18X18D), with 2^13 weight words of 32 bytes
// (256 KiB, as 2^15 x 8 B was at 3x8).
// LEDs: led[0..7] = heartbeat, rx, tx, frame error seen, overrun seen,
// program loaded, network busy, last command refused (board_core's
// status_o). PLL lock shows as the heartbeat (reset holds it otherwise).
// wifi_gpio0 is driven high, as the ULX3S examples do, so the ESP32 (if
// fitted) does not hold the board in its boot/reset state.
// Latency: as board_core. Handshake: none (pins).
module ulx3s_top #(
  parameter integer ClkHz       = 50_000_000,  // PLL output, must match the dividers
  parameter integer Baud        = 2_000_000,
  parameter integer ClkiDiv     = 1,           // ecppll -i 25 -o 50
  parameter integer ClkfbDiv    = 2,
  parameter integer ClkopDiv    = 12,
  parameter integer ClkopCphase = 5,
  parameter integer HeartBits   = 25,
  parameter integer StretchBits = 21,
  parameter integer Rows        = 3,           // accelerator array (eyrie_top)
  parameter integer Cols        = 32,
  parameter integer KMax        = 7,
  parameter integer WMax        = 128,
  parameter integer ActAw       = 14,
  parameter integer WtAw        = 13,
  parameter integer QAw         = 8,
  parameter integer DAw         = 4
) (
  input  wire       clk_25m_i,   // G2, 25 MHz
  input  wire       btn_fire1_i, // R1, FIRE1 button, high when pressed
  input  wire       uart_rx_i,   // M1, "ftdi_txd": FPGA receives from the FTDI
  output wire       uart_tx_o,   // L4, "ftdi_rxd": FPGA transmits to the FTDI
  output wire [7:0] led_o,       // B2 C2 C1 D2 D1 E2 E1 H3, active high
  output wire       wifi_gpio0_o // L2
);
  wire clk, locked, rst_n;

  pll_ecp5 #(.ClkiDiv(ClkiDiv), .ClkfbDiv(ClkfbDiv), .ClkopDiv(ClkopDiv), .ClkopCphase(ClkopCphase)) u_pll (
    .clk_i(clk_25m_i), .clk_o(clk), .locked_o(locked));

  rst_sync #(.Stages(3)) u_rst (.clk_i(clk), .rst_ni(!btn_fire1_i && locked), .rst_no(rst_n));

  wire [7:0] status;
  board_core #(.ClkHz(ClkHz), .Baud(Baud), .HeartBits(HeartBits), .StretchBits(StretchBits),
               .Rows(Rows), .Cols(Cols), .KMax(KMax), .WMax(WMax), .ActAw(ActAw), .WtAw(WtAw),
               .QAw(QAw), .DAw(DAw)) u_core (
    .clk_i(clk), .rst_ni(rst_n), .uart_rx_i(uart_rx_i), .uart_tx_o(uart_tx_o), .status_o(status));

  assign led_o        = status;
  assign wifi_gpio0_o = 1'b1;
endmodule
