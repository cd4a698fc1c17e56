// pe_dsp_top - proof top for the iCE40 DSP build of the PE pair
// (EYRIE_ICE40_DSP: eyrie_pe with ProdReg = 0). As in eyrie_pe_array's
// g_mul, eyrie_mul8x2 #(.Reg(1)): one SB_MAC16 (Yosys' iCE40 simulation
// model, +/ice40/cells_sim.v) in dual 8x8 mode, products registered inside
// the DSP (TOP/BOT_8x8_MULT_REG = 1, CE = en_i), feeds two
// eyrie_pe #(.ProdReg(0)); the same module the array instantiates.
// Free pixel, weights, psums, en and tap flags.
//
// dsp (prove): the DSP's two 8x8 product wires are replaced by free values
//   f_p0/f_p1 (yosys connect in pe.sby; the multiplier itself is checked by
//   pe_mul_dsp), so the proof is about the product register, the clock
//   enable and the accumulation: psum_o == psum_i (taken when the first tap
//   is accumulated) + sum of the products of the taps that entered while
//   en_i was high, each once; nothing moves while en_i is low.
// Shadow model here, at the top: a tap enters with mac_valid_i && en_i; its
// product is f_pN of that cycle.
module pe_dsp_top (
  input wire        clk_i,
  input wire        rst_ni,
  input wire        en_i,
  input wire        mac_valid_i,
  input wire        first_i,
  input wire [7:0]  pix_i,
  input wire [7:0]  w0_i,
  input wire [7:0]  w1_i,
  input wire [31:0] psum0_i,
  input wire [31:0] psum1_i
);
  reg f_init = 1'b0;
  always @(posedge clk_i) f_init <= 1'b1;
  always @* assume (rst_ni == f_init);

  (* anyseq *) wire [15:0] f_p0, f_p1;   // the DSP products (free: see pe.sby)
  // the PEs' tap flags v_q, first_q (connected to them in pe.sby: Yosys'
  // Verilog frontend has no hierarchical references)
  wire f_vq0, f_vq1, f_fq0, f_fq1;
  wire [31:0] o;                        // {p1, p0}
  eyrie_mul8x2 #(.Reg(1)) u_dsp (.clk_i(clk_i), .en_i(en_i), .pix_i(pix_i), .pix1_i(pix_i), .w0_i(w0_i),
    .w1_i(w1_i), .p0_o(o[15:0]), .p1_o(o[31:16]));

  wire [31:0] psum0_o, psum1_o;
  eyrie_pe #(.ProdReg(0)) u_pe0 (.clk_i(clk_i), .rst_ni(rst_ni), .en_i(en_i), .mac_valid_i(mac_valid_i),
    .first_i(first_i), .prod_i(o[15:0]), .psum_i(psum0_i), .psum_o(psum0_o));
  eyrie_pe #(.ProdReg(0)) u_pe1 (.clk_i(clk_i), .rst_ni(rst_ni), .en_i(en_i), .mac_valid_i(mac_valid_i),
    .first_i(first_i), .prod_i(o[31:16]), .psum_i(psum1_i), .psum_o(psum1_o));

  // ---- shadow model (one per PE; the tap in flight is f_v/f_f/f_pp) ----
  reg        f_v = 1'b0, f_f = 1'b0, f_started = 1'b0;
  reg [15:0] f_pp0, f_pp1;
  reg [31:0] f_sum0, f_sum1;
  reg [7:0]  f_ntaps;
  always @(posedge clk_i)
    if (!rst_ni) f_v <= 1'b0;
    else if (en_i) f_v <= mac_valid_i;
  always @(posedge clk_i) if (en_i) begin
    f_f   <= first_i;
    f_pp0 <= f_p0;
    f_pp1 <= f_p1;
    if (f_v) begin
      f_sum0    <= (f_f ? psum0_i : f_sum0) + {{16{f_pp0[15]}}, f_pp0};
      f_sum1    <= (f_f ? psum1_i : f_sum1) + {{16{f_pp1[15]}}, f_pp1};
      f_started <= f_started || f_f;
      f_ntaps   <= f_f ? 8'd1 : f_ntaps + 8'd1;
    end
  end
  // stall: nothing moves while en_i is low
  reg f_past = 1'b0, f_stall_q = 1'b0;
  reg [63:0] f_psum_q;
  always @(posedge clk_i) begin
    f_past <= 1'b1; f_stall_q <= !en_i; f_psum_q <= {psum1_o, psum0_o};
  end
  always @* if (rst_ni) begin
    // strengthening: the tap in flight's products are in the DSP register
    // and its valid and first flags in the PEs
    assert (f_vq0 == f_v && f_vq1 == f_v);
    if (f_v) assert (f_fq0 == f_f && f_fq1 == f_f);
    if (f_v) assert (o == {f_pp1, f_pp0});
    if (f_started) assert (psum0_o == f_sum0 && psum1_o == f_sum1);   // THE property
    if (f_past && f_stall_q) assert ({psum1_o, psum0_o} == f_psum_q);
  end
  always @* cover (f_started && f_ntaps == 8'd3 && f_past && f_stall_q && rst_ni);
endmodule
