// ulx3s_top - board top for the ULX3S (LFE5U-85F-6BG381C): 25 MHz oscillator
// -> PLL (EHXPLLL) -> ClkHz system clock; reset from the FIRE1 button and PLL
// lock through rst_sync; the FT231X UART (ftdi_txd M1 in, ftdi_rxd L4 out)
// into board_core; status on the eight LEDs. Pins: fpga/ulx3s.lpf.
// PLACEHOLDER: board_core echoes the UART until issue 4's host port exists.
// LEDs: led[0..4] = heartbeat, rx, tx, frame error, overrun; led[7] = PLL
// locked; led[6:5] off.
// wifi_gpio0 is driven high, as the ULX3S examples do, so the ESP32 (if
// fitted) does not hold the board in its boot/reset state.
// Latency: as board_core. Handshake: none (pins).
module ulx3s_top #(
  parameter integer ClkHz       = 50_000_000,  // PLL output, must match the dividers
  parameter integer Baud        = 115_200,
  parameter integer ClkiDiv     = 1,           // ecppll -i 25 -o 50
  parameter integer ClkfbDiv    = 2,
  parameter integer ClkopDiv    = 12,
  parameter integer ClkopCphase = 5,
  parameter integer HeartBits   = 25,
  parameter integer StretchBits = 21
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

  wire [4:0] status;
  board_core #(.ClkHz(ClkHz), .Baud(Baud), .HeartBits(HeartBits), .StretchBits(StretchBits)) u_core (
    .clk_i(clk), .rst_ni(rst_n), .uart_rx_i(uart_rx_i), .uart_tx_o(uart_tx_o), .status_o(status));

  assign led_o        = {locked, 2'b00, status};
  assign wifi_gpio0_o = 1'b1;
endmodule
