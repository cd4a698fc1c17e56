// host_top - proof top for eyrie_host (the host command port) with its
// default parameters; the eyrie_net side is free (class, cycles and the
// activation read data are the environment). Stream rules assumed on the
// command input, asserted on the reply output. Environment rules: the net's
// class/cycles outputs hold while the host is replying (they are registers
// of the finished run), and the activation read data holds while no read is
// issued (the RAM property proven by ram_be).
module host_top (
  input wire        clk_i,
  input wire        rst_ni,
  input wire        in_valid_i,
  input wire [7:0]  in_data_i,
  input wire        out_ready_i,
  input wire [15:0] act_rdata_i,
  input wire        net_done_i,
  input wire        net_err_i,
  input wire [7:0]  class_i,
  input wire [31:0] cycles_i
);
  reg f_init = 1'b0;
  always @(posedge clk_i) f_init <= 1'b1;
  always @* assume (rst_ni == f_init);

  wire in_ready, out_valid, act_re, run;
  wire [7:0] out_data;
  eyrie_host u_host (
    .clk_i(clk_i), .rst_ni(rst_ni), .in_valid_i(in_valid_i), .in_ready_o(in_ready), .in_data_i(in_data_i),
    .out_valid_o(out_valid), .out_ready_i(out_ready_i), .out_data_o(out_data),
    .act_we_o(), .act_waddr_o(), .act_wdata_o(), .act_re_o(act_re), .act_raddr_o(), .act_rdata_i(act_rdata_i),
    .wt_we_o(), .wt_waddr_o(), .wt_wdata_o(), .q_we_o(), .q_waddr_o(), .q_wdata_o(),
    .d_we_o(), .d_waddr_o(), .d_wdata_o(), .run_o(run), .nlayers_o(), .lbase_o(), .ncls_o(),
    .net_done_i(net_done_i), .net_err_i(net_err_i), .class_i(class_i), .cycles_i(cycles_i));

  vr_check #(.W(8), .Assume(1)) f_in (.clk_i(clk_i), .rst_ni(rst_ni), .valid_i(in_valid_i),
    .ready_i(in_ready), .data_i(in_data_i));
  vr_check #(.W(8), .Assume(0)) f_out (.clk_i(clk_i), .rst_ni(rst_ni), .valid_i(out_valid),
    .ready_i(out_ready_i), .data_i(out_data));

  reg f_past = 1'b0, f_re_q = 1'b0;
  reg [15:0] f_rd_q;
  reg [39:0] f_net_q;
  always @(posedge clk_i) begin
    f_past <= 1'b1; f_re_q <= act_re; f_rd_q <= act_rdata_i; f_net_q <= {class_i, cycles_i};
  end
  always @* if (f_past) begin
    if (!f_re_q) assume (act_rdata_i == f_rd_q);
    if (!run) assume ({class_i, cycles_i} == f_net_q);
  end
endmodule
