// tb_smoke - Icarus Verilog smoke bench: loads the memory images written by
// gen_smoke (C model golden vectors), runs one layer on eyrie_layer_top with
// pseudo-random memory grants and output back-pressure, and checks every
// output byte and its address. Prints "iverilog: PASS ..." or "FAIL ...".
`timescale 1ns/1ps
`include "eyrie_defs.vh"
module tb_smoke;
  parameter integer Cols = 4;
  parameter VecDir = "build/sim/smoke";

  reg clk = 1'b0, rst_n = 1'b0;
  always #5 clk = ~clk;

  reg  [1:0]  ld_act_be = 2'b00;
  reg  [13:0] ld_act_addr = 14'd0;
  reg  [15:0] ld_act_data = 16'd0;
  reg         ld_wt_we = 1'b0;
  reg  [12:0] ld_wt_addr = 13'd0;
  reg  [Cols*8-1:0] ld_wt_data = {Cols*8{1'b0}};
  reg         ld_q_we = 1'b0;
  reg  [9:0]  ld_q_addr = 10'd0;
  reg  [63:0] ld_q_data = 64'd0;
  reg         start = 1'b0;
  reg  [`EYRIE_DESC_W-1:0] desc [0:0];
  reg         act_gnt = 1'b1, wt_gnt = 1'b1, out_ready = 1'b1;
  wire        busy, done, out_valid;
  wire [14:0] out_addr;
  wire [7:0]  out_data;
  wire [31:0] cycles, steps;

  eyrie_layer_top #(.Rows(3), .Cols(Cols), .KMax(5), .WMax(128), .ActAw(14), .WtAw(13), .QAw(10)) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .ld_act_be_i(ld_act_be), .ld_act_addr_i(ld_act_addr), .ld_act_data_i(ld_act_data),
    .ld_wt_we_i(ld_wt_we), .ld_wt_addr_i(ld_wt_addr), .ld_wt_data_i(ld_wt_data),
    .ld_q_we_i(ld_q_we), .ld_q_addr_i(ld_q_addr), .ld_q_data_i(ld_q_data),
    .start_i(start), .desc_i(desc[0]), .busy_o(busy), .done_o(done),
    .act_gnt_i(act_gnt), .wt_gnt_i(wt_gnt),
    .out_valid_o(out_valid), .out_ready_i(out_ready), .out_addr_o(out_addr), .out_data_o(out_data),
    .cycles_o(cycles), .steps_o(steps));

  reg [15:0]       act_img [0:16383];
  reg [Cols*8-1:0] wt_img  [0:8191];
  reg [63:0]       q_img   [0:1023];
  reg [23:0]       exp_img [0:65535];
  reg [7:0]        expect_at [0:32767];
  reg              want [0:32767];
  integer i, nout, got, bad, seed, limit;

  initial begin
    for (i = 0; i < 16384; i = i + 1) act_img[i] = 16'hxxxx;
    for (i = 0; i < 8192; i = i + 1) wt_img[i] = {Cols*8{1'bx}};
    for (i = 0; i < 32768; i = i + 1) want[i] = 1'b0;
    $readmemh({VecDir, "/smoke_act.hex"}, act_img);
    $readmemh({VecDir, "/smoke_wt.hex"}, wt_img);
    $readmemh({VecDir, "/smoke_q.hex"}, q_img);
    $readmemh({VecDir, "/smoke_desc.hex"}, desc);
    $readmemh({VecDir, "/smoke_exp.hex"}, exp_img);
    nout = exp_img[0];
    for (i = 1; i <= nout; i = i + 1) begin
      expect_at[exp_img[i][23:8]] = exp_img[i][7:0];
      want[exp_img[i][23:8]] = 1'b1;
    end
    seed = 7; got = 0; bad = 0;
    repeat (3) @(posedge clk);
    rst_n = 1'b1;
    // load the memories through the load ports
    for (i = 0; i < 16384; i = i + 1) if (act_img[i] !== 16'hxxxx) begin
      @(negedge clk) ld_act_be = 2'b11; ld_act_addr = i; ld_act_data = act_img[i];
    end
    @(negedge clk) ld_act_be = 2'b00;
    for (i = 0; i < 8192; i = i + 1) if (wt_img[i] !== {Cols*8{1'bx}}) begin
      @(negedge clk) ld_wt_we = 1'b1; ld_wt_addr = i; ld_wt_data = wt_img[i];
    end
    @(negedge clk) ld_wt_we = 1'b0;
    for (i = 0; i < desc[0][`EYRIE_D_COUT]; i = i + 1) begin
      @(negedge clk) ld_q_we = 1'b1; ld_q_addr = i; ld_q_data = q_img[i];
    end
    @(negedge clk) ld_q_we = 1'b0; start = 1'b1;
    @(negedge clk) start = 1'b0;
    limit = 2000000;
    while (!done && limit > 0) begin
      @(negedge clk);
      act_gnt = ($random(seed) & 3) != 0;
      wt_gnt = ($random(seed) & 3) != 0;
      out_ready = ($random(seed) & 3) != 0;
      #1;
      if (out_valid && out_ready) begin
        if (!want[out_addr] || out_data !== expect_at[out_addr]) begin
          if (bad < 5) $display("iverilog: mismatch at byte address %0d: rtl %0d expected %0d", out_addr, out_data, expect_at[out_addr]);
          bad = bad + 1;
        end
        want[out_addr] = 1'b0;
        got = got + 1;
      end
      limit = limit - 1;
    end
    if (limit == 0) bad = bad + 1;
    if (bad == 0 && got == nout)
      $display("iverilog: PASS smoke layer outputs=%0d cycles=%0d mismatches=0", got, cycles);
    else
      $display("iverilog: FAIL smoke layer outputs=%0d of %0d mismatches=%0d", got, nout, bad);
    $finish;
  end
endmodule
