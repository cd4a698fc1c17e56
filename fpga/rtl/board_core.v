// board_core - everything a board top needs above its pins, PLL and reset:
// the UART (uart_rx / uart_tx), the accelerator with its byte-protocol host
// port between them (eyrie_top: eyrie_host + eyrie_net, docs/protocol.md),
// and the status LEDs. Board independent; icebreaker_top and ulx3s_top wrap
// it with the array size of their device (3x4 on the UP5K, 3x32 on the ECP5).
//
// UART receive errors. A byte with a bad stop bit (frame error) is still
// passed to the accelerator, so the frame keeps the length the host sent and
// the accelerator stays in step with the host; a byte lost to a receive
// overrun cannot be replaced. Either error is remembered, and the status
// byte of the next reply leaves with bit 7 set (0x80 | status, "UART receive
// error during this command"): the host must treat that command as failed
// (its data may be corrupt) and send it again. An error that arrives after
// the status byte has left belongs to the next command. A lost byte (overrun,
// or a corrupted length field) puts the accelerator out of step with the host,
// which then sees no reply and times out (the host tool reports it).
// Both errors also light their sticky LEDs.
//
// status_o: [0] heartbeat (clock alive)  [1] rx activity  [2] tx activity
//           [3] frame error seen          [4] overrun seen
//           [5] program loaded (an OK reply to LOAD_PROGRAM was sent)
//           [6] busy (the network runs; stretched)
//           [7] the last reply was an error status (refused command)
// [3], [4] and [5] stay set until reset. The activity LEDs [1], [2], [6]
// light with the event and stay on 2^StretchBits to 2^(StretchBits+1) cycles
// after it (two flags per LED stepped by the heartbeat counter's bit
// StretchBits-1, no counter per LED; HeartBits >= StretchBits).
// The reply tracking counts at most 2^11-1 payload bytes (eyrie_host's
// longest reply: 4 * 255 + 6 bytes).
// Latency: as eyrie_top, plus one UART byte time each way.
// Handshake: none outside (pins).
module board_core #(
  parameter integer ClkHz       = 30_000_000,
  parameter integer Baud        = 2_000_000,
  parameter integer HeartBits   = 24,   // heartbeat toggles every 2^(HeartBits-1) cycles
  parameter integer StretchBits = 20,   // activity LEDs stay on 2^StretchBits .. 2^(StretchBits+1) cycles
  // accelerator (eyrie_top) configuration
  parameter integer Rows  = 3,
  parameter integer Cols  = 4,
  parameter integer KMax  = 7,
  parameter integer WMax  = 128,
  parameter integer ActAw = 14,
  parameter integer WtAw  = 15,
  parameter integer QAw   = 8,
  parameter integer DAw   = 4
) (
  input  wire       clk_i,
  input  wire       rst_ni,
  input  wire       uart_rx_i,
  output wire       uart_tx_o,
  output wire [7:0] status_o
);
  // ---- UART receiver -> host input stream ----
  wire       rx_valid, rx_ready, rx_ferr, rx_ovr;
  wire [7:0] rx_data;
  uart_rx #(.ClkHz(ClkHz), .Baud(Baud)) u_rx (
    .clk_i(clk_i), .rst_ni(rst_ni), .rx_i(uart_rx_i),
    .out_valid_o(rx_valid), .out_ready_i(rx_ready), .out_data_o(rx_data),
    .out_frame_err_o(rx_ferr), .out_overrun_o(rx_ovr));

  // ---- the accelerator and its host port ----
  wire            acc_out_valid, acc_out_ready, busy;
  wire [7:0]      acc_out_data;
  wire            unused_dbg_valid;
  wire [ActAw:0]  unused_dbg_addr;
  wire [7:0]      unused_dbg_data;
  wire [DAw-1:0]  unused_dbg_layer;
  eyrie_top #(.Rows(Rows), .Cols(Cols), .KMax(KMax), .WMax(WMax), .ActAw(ActAw), .WtAw(WtAw),
              .QAw(QAw), .DAw(DAw)) u_accel (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(rx_valid), .in_ready_o(rx_ready), .in_data_i(rx_data),
    .out_valid_o(acc_out_valid), .out_ready_i(acc_out_ready), .out_data_o(acc_out_data),
    .dbg_busy_o(busy), .dbg_out_valid_o(unused_dbg_valid), .dbg_out_addr_o(unused_dbg_addr),
    .dbg_out_data_o(unused_dbg_data), .dbg_layer_o(unused_dbg_layer));

  // ---- output register: the reply byte leaves eyrie_top through a
  // flip-flop (a byte read from the activation memory, through the host's
  // byte select, would otherwise run on into the reply tracking and the
  // UART in the same cycle); half rate, far above the UART's byte rate
  reg        ob_v_q;
  reg [7:0]  ob_q;
  wire       ob_ready;
  assign acc_out_ready = !ob_v_q;
  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) ob_v_q <= 1'b0;
    else if (!ob_v_q) ob_v_q <= acc_out_valid;
    else if (ob_ready) ob_v_q <= 1'b0;
  always @(posedge clk_i) if (!ob_v_q && acc_out_valid) ob_q <= acc_out_data;

  // ---- reply tracking: {status, cmd, rlen u16, rlen bytes} ----
  // pos_q: 0 status, 1 cmd, 2 rlen lo, 3 rlen hi, 4 payload (rem_q left)
  wire        rx_fire  = rx_valid && rx_ready;
  wire        tx_fire  = ob_v_q && ob_ready;
  reg  [2:0]  pos_q;
  reg  [10:0] rem_q;
  reg         uerr_q;       // a UART receive error since the last status byte
  reg         loaded_q, refused_q;
  wire        at_status = (pos_q == 3'd0);
  wire [7:0]  tx_data   = at_status ? {ob_q[7] | uerr_q, ob_q[6:0]} : ob_q;
  wire [10:0] rlen      = {ob_q[2:0], rem_q[7:0]};

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pos_q <= 3'd0; rem_q <= 11'd0; loaded_q <= 1'b0; refused_q <= 1'b0;
    end else if (tx_fire) begin
      case (pos_q)
        3'd0: begin refused_q <= (ob_q != 8'h00); pos_q <= 3'd1; end
        3'd1: begin
          if (ob_q == 8'h02 && !refused_q) loaded_q <= 1'b1;
          pos_q <= 3'd2;
        end
        3'd2: begin rem_q <= {3'd0, ob_q}; pos_q <= 3'd3; end
        3'd3: begin rem_q <= rlen; pos_q <= (rlen == 11'd0) ? 3'd0 : 3'd4; end
        default: begin rem_q <= rem_q - 11'd1; if (rem_q == 11'd1) pos_q <= 3'd0; end
      endcase
    end
  end
  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) uerr_q <= 1'b0;
    else uerr_q <= (uerr_q && !(tx_fire && at_status)) || (rx_fire && (rx_ferr || rx_ovr));

  // ---- host output stream -> UART transmitter ----
  uart_tx #(.ClkHz(ClkHz), .Baud(Baud)) u_tx (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(ob_v_q), .in_ready_o(ob_ready), .in_data_i(tx_data),
    .tx_o(uart_tx_o));

  // ---- status ----
  // act_q: the event since the last tick; hold_q: in the period before it
  reg [HeartBits-1:0] heart_q;
  reg                 tick_bit_q;
  reg [2:0]           act_q, hold_q;        // {busy, tx, rx}
  reg                 ferr_seen_q, ovr_seen_q;
  wire                tick = tick_bit_q && !heart_q[StretchBits-1];
  wire [2:0]          ev   = {busy, tx_fire, rx_fire};
  wire [2:0]          led  = act_q | hold_q;

  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) heart_q <= {HeartBits{1'b0}}; else heart_q <= heart_q + 1'b1;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) tick_bit_q <= 1'b0; else tick_bit_q <= heart_q[StretchBits-1];
  always @(posedge clk_i or negedge rst_ni)
    if (!rst_ni) {act_q, hold_q} <= 6'd0;
    else if (tick) {act_q, hold_q} <= {ev, act_q | ev};
    else act_q <= act_q | ev;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) ferr_seen_q <= 1'b0; else if (rx_fire && rx_ferr) ferr_seen_q <= 1'b1;
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) ovr_seen_q <= 1'b0; else if (rx_fire && rx_ovr) ovr_seen_q <= 1'b1;

  assign status_o = {refused_q, led[2], loaded_q, ovr_seen_q, ferr_seen_q, led[1], led[0], heart_q[HeartBits-1]};
endmodule
