// tb_uart_ch - one bench channel: a uart_tx and a uart_rx with the same
// ClkHz / Baud. The receiver hears either the transmitter (loopback,
// sel_line_i = 0) or a line driven by the C++ bench (sel_line_i = 1).
module tb_uart_ch #(
  parameter integer ClkHz = 12_000_000,
  parameter integer Baud  = 115_200
) (
  input  wire       clk_i,
  input  wire       rst_ni,
  input  wire       tx_valid_i,
  output wire       tx_ready_o,
  input  wire [7:0] tx_data_i,
  output wire       tx_o,
  input  wire       sel_line_i,
  input  wire       line_i,
  output wire       rx_valid_o,
  input  wire       rx_ready_i,
  output wire [7:0] rx_data_o,
  output wire       rx_ferr_o,
  output wire       rx_ovr_o
);
  uart_tx #(.ClkHz(ClkHz), .Baud(Baud)) u_tx (
    .clk_i(clk_i), .rst_ni(rst_ni), .in_valid_i(tx_valid_i), .in_ready_o(tx_ready_o),
    .in_data_i(tx_data_i), .tx_o(tx_o));
  uart_rx #(.ClkHz(ClkHz), .Baud(Baud)) u_rx (
    .clk_i(clk_i), .rst_ni(rst_ni), .rx_i(sel_line_i ? line_i : tx_o),
    .out_valid_o(rx_valid_o), .out_ready_i(rx_ready_i), .out_data_o(rx_data_o),
    .out_frame_err_o(rx_ferr_o), .out_overrun_o(rx_ovr_o));
endmodule
