// tb_uart_iv - Icarus Verilog bench (iverilog -g2005) for uart_tx/uart_rx:
// per channel (bit periods of 8 and 104 cycles) NBytes random bytes through
// tx -> rx with random valid gaps and back-pressure, then one frame driven
// here with a bad stop bit (must come out with frame_err = 1) and one good
// frame at +2% bit period. Every received byte is compared in order; the rx
// payload must stay stable while stalled.
// Plusargs: +seed=N (default 1). Ends with
// "uart-iverilog: bytes=N frame_errors=N errors=N seed=S".
`timescale 1ns / 1ps
module tb_uart_iv;
  localparam integer NBytes = 40;

  reg clk = 1'b0;
  reg rst_n = 1'b0;
  always #5 clk = !clk;

  integer seed, seed0, errors, nbytes, nferr, timeout;

  // ---- two channels: tx -> (mux) -> rx ----
  reg  [1:0] tx_valid, rx_ready, sel_line, line;
  reg  [7:0] tx_data [0:1];
  wire [1:0] tx_ready, tx_line, rx_valid, rx_ferr, rx_ovr;
  wire [7:0] rx_data [0:1];

  tb_uart_ch #(.ClkHz(12_000_000), .Baud(1_500_000)) u_ch0 (
    .clk_i(clk), .rst_ni(rst_n), .tx_valid_i(tx_valid[0]), .tx_ready_o(tx_ready[0]), .tx_data_i(tx_data[0]),
    .tx_o(tx_line[0]), .sel_line_i(sel_line[0]), .line_i(line[0]), .rx_valid_o(rx_valid[0]),
    .rx_ready_i(rx_ready[0]), .rx_data_o(rx_data[0]), .rx_ferr_o(rx_ferr[0]), .rx_ovr_o(rx_ovr[0]));
  tb_uart_ch #(.ClkHz(12_000_000), .Baud(115_200)) u_ch1 (
    .clk_i(clk), .rst_ni(rst_n), .tx_valid_i(tx_valid[1]), .tx_ready_o(tx_ready[1]), .tx_data_i(tx_data[1]),
    .tx_o(tx_line[1]), .sel_line_i(sel_line[1]), .line_i(line[1]), .rx_valid_o(rx_valid[1]),
    .rx_ready_i(rx_ready[1]), .rx_data_o(rx_data[1]), .rx_ferr_o(rx_ferr[1]), .rx_ovr_o(rx_ovr[1]));

  // expected bytes per channel: {ferr, data}
  reg [8:0] exp_q [0:1][0:NBytes + 7];
  integer wr [0:1];
  integer rd [0:1];
  integer sent [0:1];
  reg [1:0] held;
  reg [9:0] held_pl [0:1];

  integer c;
  // ---- drive on the falling edge, check on the rising edge ----
  always @(negedge clk) if (rst_n) begin
    for (c = 0; c < 2; c = c + 1) begin
      if (!tx_valid[c] && !sel_line[c] && sent[c] < NBytes && ($random(seed) & 1)) begin
        tx_valid[c] = 1'b1;
        tx_data[c]  = $random(seed);
        exp_q[c][wr[c]] = {1'b0, tx_data[c]};
        wr[c] = wr[c] + 1;
        sent[c] = sent[c] + 1;
      end
      rx_ready[c] = ($random(seed) & 3) != 0;
    end
  end

  always @(posedge clk) if (rst_n) begin
    for (c = 0; c < 2; c = c + 1) begin
      if (held[c] && (!rx_valid[c] || {rx_ferr[c], rx_ovr[c], rx_data[c]} != held_pl[c])) begin
        $display("uart-iverilog: FAIL ch%0d: rx payload changed while stalled", c);
        errors = errors + 1;
      end
      held[c] = rx_valid[c] && !rx_ready[c];
      held_pl[c] = {rx_ferr[c], rx_ovr[c], rx_data[c]};
      if (tx_valid[c] && tx_ready[c]) tx_valid[c] <= 1'b0;
      if (rx_valid[c] && rx_ready[c]) begin
        if (rd[c] >= wr[c]) begin
          $display("uart-iverilog: FAIL ch%0d: unexpected byte %02x", c, rx_data[c]);
          errors = errors + 1;
        end else if ({rx_ferr[c], rx_data[c]} != exp_q[c][rd[c]] || rx_ovr[c]) begin
          $display("uart-iverilog: FAIL ch%0d: byte %0d got ferr=%0d ovr=%0d data=%02x, want ferr=%0d data=%02x",
                   c, rd[c], rx_ferr[c], rx_ovr[c], rx_data[c], exp_q[c][rd[c]][8], exp_q[c][rd[c]][7:0]);
          errors = errors + 1;
        end
        rd[c] = rd[c] + 1;
        nbytes = nbytes + 1;
      end
    end
  end

  // drive one 8N1 frame on channel ch's line: bit period per_x100 / 100
  // cycles, given data and stop bit value
  task automatic drive_frame(input integer ch, input integer per_x100, input [7:0] data, input stop);
    integer t, k, len;
    reg [9:0] bits;
    begin
      bits = {stop, data, 1'b0};
      exp_q[ch][wr[ch]] = {!stop, data};
      wr[ch] = wr[ch] + 1;
      if (!stop) nferr = nferr + 1;
      len = (10 * per_x100 + 99) / 100;
      for (t = 0; t < len; t = t + 1) begin
        k = (t * 100) / per_x100;
        if (k > 9) k = 9;
        @(negedge clk) line[ch] = bits[k];
      end
      repeat (2 * per_x100 / 100) @(negedge clk) line[ch] = 1'b1;
    end
  endtask

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    seed0 = seed;
    $display("uart-iverilog: seed=%0d", seed0);
    errors = 0; nbytes = 0; nferr = 0;
    tx_valid = 2'b00; rx_ready = 2'b00; sel_line = 2'b00; line = 2'b11; held = 2'b00;
    tx_data[0] = 8'd0; tx_data[1] = 8'd0;
    for (c = 0; c < 2; c = c + 1) begin wr[c] = 0; rd[c] = 0; sent[c] = 0; end
    repeat (4) @(posedge clk);
    rst_n = 1'b1;
    // loopback until every byte is back (104-cycle bits: about 1,040 cycles each)
    timeout = 0;
    while ((rd[0] < NBytes || rd[1] < NBytes) && timeout < 200_000) begin
      @(posedge clk);
      timeout = timeout + 1;
    end
    repeat (2 * 104) @(posedge clk);
    // driven line: a bad stop bit, then a good frame 2% slow, on both channels
    @(negedge clk) sel_line = 2'b11;
    fork
      begin drive_frame(0, 800, 8'hA5, 1'b0); drive_frame(0, 816, 8'h3C, 1'b1); end
      begin drive_frame(1, 10400, 8'h5A, 1'b0); drive_frame(1, 10192, 8'hC3, 1'b1); end
    join
    repeat (4 * 104) @(posedge clk);
    for (c = 0; c < 2; c = c + 1)
      if (rd[c] != wr[c]) begin
        $display("uart-iverilog: FAIL ch%0d: %0d of %0d bytes received", c, rd[c], wr[c]);
        errors = errors + 1;
      end
    $display("uart-iverilog: bytes=%0d frame_errors=%0d errors=%0d seed=%0d", nbytes, nferr, errors, seed0);
    $finish;
  end
endmodule
