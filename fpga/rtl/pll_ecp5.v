// pll_ecp5 - ECP5 PLL (EHXPLLL, CLKOP feedback):
//   f_out = f_in * ClkfbDiv / ClkiDiv, VCO = f_out * ClkopDiv (400-800 MHz).
// The dividers come from ecppll (`ecppll -i 25 -o 50`: CLKI_DIV 1,
// CLKFB_DIV 2, CLKOP_DIV 12, CLKOP_CPHASE 5 = 50 MHz from 25 MHz, the
// defaults); fpga.mk runs yowasp-ecppll for the requested FPGA_MHZ and
// overrides them. The analog settings are the ones ecppll always emits.
// In simulation (SYNTHESIS not defined) the PLL is bypassed: clk_o is the
// input clock and locked_o rises after 8 cycles.
// Latency: none (a clock source). Handshake: none.
module pll_ecp5 #(
  parameter integer ClkiDiv     = 1,
  parameter integer ClkfbDiv    = 2,
  parameter integer ClkopDiv    = 12,
  parameter integer ClkopCphase = 5
) (
  input  wire clk_i,
  output wire clk_o,
  output wire locked_o
);
`ifdef SYNTHESIS
  wire clkop;
  (* ICP_CURRENT="12" *) (* LPF_RESISTOR="8" *) (* MFG_ENABLE_FILTEROPAMP="1" *) (* MFG_GMCREF_SEL="2" *)
  EHXPLLL #(
    .PLLRST_ENA("DISABLED"),
    .INTFB_WAKE("DISABLED"),
    .STDBY_ENABLE("DISABLED"),
    .DPHASE_SOURCE("DISABLED"),
    .OUTDIVIDER_MUXA("DIVA"),
    .OUTDIVIDER_MUXB("DIVB"),
    .OUTDIVIDER_MUXC("DIVC"),
    .OUTDIVIDER_MUXD("DIVD"),
    .CLKI_DIV(ClkiDiv),
    .CLKOP_ENABLE("ENABLED"),
    .CLKOP_DIV(ClkopDiv),
    .CLKOP_CPHASE(ClkopCphase),
    .CLKOP_FPHASE(0),
    .FEEDBK_PATH("CLKOP"),
    .CLKFB_DIV(ClkfbDiv)
  ) u_pll (
    .RST(1'b0),
    .STDBY(1'b0),
    .CLKI(clk_i),
    .CLKOP(clkop),
    .CLKFB(clkop),
    .CLKINTFB(),
    .PHASESEL0(1'b0),
    .PHASESEL1(1'b0),
    .PHASEDIR(1'b1),
    .PHASESTEP(1'b1),
    .PHASELOADREG(1'b1),
    .PLLWAKESYNC(1'b0),
    .ENCLKOP(1'b0),
    .LOCK(locked_o)
  );
  assign clk_o = clkop;
`else
  reg [3:0] lock_q = 4'd0;
  always @(posedge clk_i) if (!lock_q[3]) lock_q <= lock_q + 4'd1;
  assign clk_o    = clk_i;
  assign locked_o = lock_q[3];
  wire unused_params = &{1'b0, ClkiDiv[0], ClkfbDiv[0], ClkopDiv[0], ClkopCphase[0]};
`endif
endmodule
