// Bound into eyrie_pe (see formal/mkrtl.sh). Shadow model of one PE:
// f_sum is psum_i (0 for a Bottom PE; taken when the pixel's first tap is
// accumulated) plus the
// sum of the products of every tap that entered with mac_valid_i while en_i
// was high, each exactly once; the tap in flight (product registered, one
// cycle) is f_pv/f_pf/f_pp. Property: psum_o == f_sum once a first tap has
// been accumulated. A tap lost or counted twice under a stall (en_i low),
// or a psum_i taken at the wrong moment, breaks it.
  reg        f_pv = 1'b0, f_pf = 1'b0, f_started = 1'b0;
  reg [PsW-1:0] f_pp, f_sum;
  reg [7:0]  f_ntaps;                 // taps of the current pixel (for covers)
  wire [PsW-1:0] f_prod_ext = {{(PsW-16){prod_i[15]}}, prod_i};
  wire [PsW-1:0] f_base_in  = (Bottom != 0) ? {PsW{1'b0}} : psum_i;   // bottom row: 0
  always @(posedge clk_i)
    if (!rst_ni) f_pv <= 1'b0;
    else if (en_i) f_pv <= mac_valid_i;
  always @(posedge clk_i) if (en_i) begin
    f_pf <= first_i;
    f_pp <= f_prod_ext;
    if (f_pv) begin
      f_sum     <= (f_pf ? f_base_in : f_sum) + f_pp;
      f_started <= f_started || f_pf;
      f_ntaps   <= f_pf ? 8'd1 : f_ntaps + 8'd1;
    end
  end
  // ProdReg = 0 (iCE40 DSP build): the product register is outside, in the
  // SB_MAC16, so the product of a tap is only known at the proof top
  // (pe_dsp_top.v has the sum shadow model); here only the tap flags.
  always @* if (rst_ni) begin
    assert (v_q == f_pv);
    if (f_pv) assert (first_q == f_pf);
  end
  generate if (ProdReg != 0) begin : f_g_prodreg
    always @* if (rst_ni) begin
      if (f_pv) assert ({{(PsW-16){prod_q[15]}}, prod_q} == f_pp);
      if (f_started) assert (psum_o == f_sum);          // THE property
    end
  end endgenerate
  // stall: nothing moves while en_i is low
  reg f_past = 1'b0, f_stall_q = 1'b0;
  reg [PsW-1:0] f_psum_q;
  always @(posedge clk_i) begin
    f_past <= 1'b1; f_stall_q <= !en_i; f_psum_q <= psum_o;
  end
  always @* if (f_past && f_stall_q) assert (psum_o == f_psum_q);
  always @* cover (f_started && f_ntaps == 8'd3 && f_past && f_stall_q && rst_ni);
