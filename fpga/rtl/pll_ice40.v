// pll_ice40 - iCE40 PLL fed straight from the clock pad (SB_PLL40_PAD,
// SIMPLE feedback): f_out = f_in * (DIVF + 1) / ((DIVR + 1) * 2^DIVQ).
// The dividers come from icepll (`icepll -i 12 -o 30`: DIVR 0, DIVF 79,
// DIVQ 5, FILTER_RANGE 1 = 30.000 MHz from 12 MHz, the defaults); fpga.mk
// runs icepll for the requested FPGA_MHZ and overrides them.
// In simulation (SYNTHESIS not defined: Verilator, Icarus) the PLL is
// bypassed: clk_o is the pad clock and locked_o rises after 8 cycles, so the
// board top can be simulated unchanged at the pad frequency.
// Latency: none (a clock source). Handshake: none.
module pll_ice40 #(
  parameter integer Divr        = 0,
  parameter integer Divf        = 79,
  parameter integer Divq        = 5,
  parameter integer FilterRange = 1
) (
  input  wire clk_pad_i,   // must be the top-level clock pin (SB_PLL40_PAD)
  output wire clk_o,
  output wire locked_o
);
`ifdef SYNTHESIS
  SB_PLL40_PAD #(
    .FEEDBACK_PATH("SIMPLE"),
    .DIVR(Divr),
    .DIVF(Divf),
    .DIVQ(Divq),
    .FILTER_RANGE(FilterRange)
  ) u_pll (
    .PACKAGEPIN(clk_pad_i),
    .PLLOUTGLOBAL(clk_o),
    .LOCK(locked_o),
    .RESETB(1'b1),
    .BYPASS(1'b0)
  );
`else
  reg [3:0] lock_q = 4'd0;
  always @(posedge clk_pad_i) if (!lock_q[3]) lock_q <= lock_q + 4'd1;
  assign clk_o    = clk_pad_i;
  assign locked_o = lock_q[3];
  wire unused_params = &{1'b0, Divr[0], Divf[0], Divq[0], FilterRange[0]};
`endif
endmodule
