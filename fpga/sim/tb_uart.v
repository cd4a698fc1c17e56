// tb_uart - Verilator bench top for uart_tx / uart_rx: six channels at
// different clock/baud ratios (bit periods of 8, 13, 104, 217, 15 and 20
// cycles; the last two are the boards' default 2 Mbaud at 30 and 40 MHz),
// all driven and checked by tb_uart.cpp. Channel c uses bit c of the 1-bit
// vectors and byte c of the 8-bit ones. The divisors are repeated in
// tb_uart.cpp (CH_CLK / CH_BAUD) and must match.
module tb_uart (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire [5:0]  tx_valid_i,
  output wire [5:0]  tx_ready_o,
  input  wire [47:0] tx_data_i,
  output wire [5:0]  tx_o,
  input  wire [5:0]  sel_line_i,
  input  wire [5:0]  line_i,
  output wire [5:0]  rx_valid_o,
  input  wire [5:0]  rx_ready_i,
  output wire [47:0] rx_data_o,
  output wire [5:0]  rx_ferr_o,
  output wire [5:0]  rx_ovr_o
);
  tb_uart_ch #(.ClkHz(12_000_000), .Baud(1_500_000)) u_ch0 (
    .clk_i(clk_i), .rst_ni(rst_ni), .tx_valid_i(tx_valid_i[0]), .tx_ready_o(tx_ready_o[0]),
    .tx_data_i(tx_data_i[7:0]), .tx_o(tx_o[0]), .sel_line_i(sel_line_i[0]), .line_i(line_i[0]),
    .rx_valid_o(rx_valid_o[0]), .rx_ready_i(rx_ready_i[0]), .rx_data_o(rx_data_o[7:0]),
    .rx_ferr_o(rx_ferr_o[0]), .rx_ovr_o(rx_ovr_o[0]));
  tb_uart_ch #(.ClkHz(12_000_000), .Baud(921_600)) u_ch1 (
    .clk_i(clk_i), .rst_ni(rst_ni), .tx_valid_i(tx_valid_i[1]), .tx_ready_o(tx_ready_o[1]),
    .tx_data_i(tx_data_i[15:8]), .tx_o(tx_o[1]), .sel_line_i(sel_line_i[1]), .line_i(line_i[1]),
    .rx_valid_o(rx_valid_o[1]), .rx_ready_i(rx_ready_i[1]), .rx_data_o(rx_data_o[15:8]),
    .rx_ferr_o(rx_ferr_o[1]), .rx_ovr_o(rx_ovr_o[1]));
  tb_uart_ch #(.ClkHz(12_000_000), .Baud(115_200)) u_ch2 (
    .clk_i(clk_i), .rst_ni(rst_ni), .tx_valid_i(tx_valid_i[2]), .tx_ready_o(tx_ready_o[2]),
    .tx_data_i(tx_data_i[23:16]), .tx_o(tx_o[2]), .sel_line_i(sel_line_i[2]), .line_i(line_i[2]),
    .rx_valid_o(rx_valid_o[2]), .rx_ready_i(rx_ready_i[2]), .rx_data_o(rx_data_o[23:16]),
    .rx_ferr_o(rx_ferr_o[2]), .rx_ovr_o(rx_ovr_o[2]));
  tb_uart_ch #(.ClkHz(25_000_000), .Baud(115_200)) u_ch3 (
    .clk_i(clk_i), .rst_ni(rst_ni), .tx_valid_i(tx_valid_i[3]), .tx_ready_o(tx_ready_o[3]),
    .tx_data_i(tx_data_i[31:24]), .tx_o(tx_o[3]), .sel_line_i(sel_line_i[3]), .line_i(line_i[3]),
    .rx_valid_o(rx_valid_o[3]), .rx_ready_i(rx_ready_i[3]), .rx_data_o(rx_data_o[31:24]),
    .rx_ferr_o(rx_ferr_o[3]), .rx_ovr_o(rx_ovr_o[3]));
  // the default UART_BAUD (2 Mbaud) at the iCEBreaker's 30 MHz PLL clock
  tb_uart_ch #(.ClkHz(30_000_000), .Baud(2_000_000)) u_ch4 (
    .clk_i(clk_i), .rst_ni(rst_ni), .tx_valid_i(tx_valid_i[4]), .tx_ready_o(tx_ready_o[4]),
    .tx_data_i(tx_data_i[39:32]), .tx_o(tx_o[4]), .sel_line_i(sel_line_i[4]), .line_i(line_i[4]),
    .rx_valid_o(rx_valid_o[4]), .rx_ready_i(rx_ready_i[4]), .rx_data_o(rx_data_o[39:32]),
    .rx_ferr_o(rx_ferr_o[4]), .rx_ovr_o(rx_ovr_o[4]));
  // ... and at the ULX3S's 40 MHz
  tb_uart_ch #(.ClkHz(40_000_000), .Baud(2_000_000)) u_ch5 (
    .clk_i(clk_i), .rst_ni(rst_ni), .tx_valid_i(tx_valid_i[5]), .tx_ready_o(tx_ready_o[5]),
    .tx_data_i(tx_data_i[47:40]), .tx_o(tx_o[5]), .sel_line_i(sel_line_i[5]), .line_i(line_i[5]),
    .rx_valid_o(rx_valid_o[5]), .rx_ready_i(rx_ready_i[5]), .rx_data_o(rx_data_o[47:40]),
    .rx_ferr_o(rx_ferr_o[5]), .rx_ovr_o(rx_ovr_o[5]));
endmodule
