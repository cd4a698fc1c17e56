// eyrie_loader - fills the array's double-buffered row memories for each
// pass, one pass ahead of the computation. Kind = 0: weight scratchpads
// (K words of Cols int8 taps per array row, read sequentially from the weight
// memory); Kind = 1: line buffers (TH input rows of ceil(W/2) 16-bit words
// per array row, read from the activation memory; rows outside the image and
// unused virtual rows are written with the padding code / zero weights
// without a read).
// Walk: for tile (yp, kg) -> pass (v0 = 0, Rows, ...) -> array row i
// (virtual row v = v0 + i = c*K + r) -> a < A -> b < B.
// A row's half h is written only when its full flag is clear; the flag is set
// when the last word is written and cleared by the array when that row ends
// the pass that used it (clr_i).
// Latency: read request to RAM write 1 cycle (synchronous memory).
// Handshake: memory read request rd_req_o / rd_gnt_i (valid/ready; the
// address is stable while not granted), data one cycle after the grant.
`include "eyrie_defs.vh"
module eyrie_loader #(
  parameter integer Kind  = 0,
  parameter integer Rows  = 3,
  parameter integer AddrW = 16,
  parameter integer DataW = 16,
  parameter integer WaW   = 8      // row-memory write address bits
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               start_i,      // one-cycle pulse, constants valid
  // layer constants
  input  wire [15:0]        cin_i,
  input  wire [2:0]         k_i,
  input  wire               pad_i,
  input  wire [15:0]        h_i,
  input  wire [15:0]        v_i,          // virtual rows C_in*K
  input  wire [15:0]        nt_i,         // tiles in y
  input  wire [15:0]        nkg_i,        // output channel groups
  input  wire               th2_i,        // tile height 2 (pool)
  input  wire [15:0]        nb_i,         // B: words per row (act) / K (wt)
  input  wire [AddrW-1:0]   base_i,       // tensor base address
  input  wire [AddrW-1:0]   plane_i,      // act: words per input channel
  input  wire [7:0]         z_in_i,
  // memory read port
  output wire               rd_req_o,
  input  wire               rd_gnt_i,
  output wire [AddrW-1:0]   rd_addr_o,
  input  wire [DataW-1:0]   rd_data_i,
  // row-memory write port
  output wire [Rows-1:0]    we_o,
  output wire [WaW-1:0]     waddr_o,
  output wire [DataW-1:0]   wdata_o,
  // full flags per (row, half) and their clears from the array
  input  wire [Rows-1:0]    clr_i,
  input  wire [Rows-1:0]    clr_h_i,
  output wire [2*Rows-1:0]  full_o,       // {half1 rows, half0 rows}
  output wire               busy_o
);
  localparam integer RowW = (Rows > 1) ? $clog2(Rows) : 1;
  localparam [31:0] ROWS32 = Rows;
  localparam [15:0] ROWS16 = ROWS32[15:0];
  localparam integer CW = `EYRIE_CNT_W;
  localparam [CW-1:0] ONE = 1;
  // loop bounds at counter width (legal descriptors fit)
  wire [CW-1:0] cin_c = cin_i[CW-1:0];
  wire [CW-1:0] v_c   = v_i[CW-1:0];
  wire [CW-1:0] nt_c  = nt_i[CW-1:0];
  wire [CW-1:0] nkg_c = nkg_i[CW-1:0];
  wire [CW-1:0] nb_c  = nb_i[CW-1:0];
  wire [CW-1:0] rows_c = ROWS16[CW-1:0];

  reg              act_q, xfer_q, h_q;
  reg [CW-1:0]     yp_q, kg_q, v0_q, c_q, b_q;
  reg              a_q;
  reg [2:0]        r_q;
  reg [RowW-1:0]   i_q;
  reg [AddrW-1:0]  cbase_q, wa_q, ybase_q, roff_q;
  reg signed [15:0] ytile_q;
  reg [2*Rows-1:0] full_q;

  // ---- current row ----
  wire signed [15:0] y_in   = ytile_q + $signed({13'd0, r_q}) + $signed({15'd0, a_q});
  wire               c_ok   = (c_q < cin_c);
  wire               y_ok   = (y_in >= 0) && (y_in < $signed(h_i));
  wire               row_ok = (Kind == 1) ? (c_ok && y_ok) : c_ok;
  wire [31:0]        b_ext = {{(32-CW){1'b0}}, b_q};
  // word address of the row: cbase (channel) + ybase (tile row) + roff
  // ((r + a) rows), kept incrementally (no multiplier)
  wire [AddrW-1:0]   nbw = nb_i[AddrW-1:0];
  wire [AddrW-1:0]   act_addr = cbase_q + ybase_q + roff_q + b_ext[AddrW-1:0];
  wire [AddrW-1:0]   raddr = (Kind == 1) ? act_addr : wa_q;

  wire        b_last  = (b_q == nb_c - ONE);
  wire        a_last  = !(Kind == 1 && th2_i) || a_q;
  wire        i_last  = ({{(16-RowW){1'b0}}, i_q} == ROWS16 - 16'd1);
  wire        lp      = (v0_q + rows_c >= v_c);
  wire        kg_last = (kg_q == nkg_c - ONE);
  wire        yp_last = (yp_q == nt_c - ONE);
  wire        r_last  = ({13'd0, r_q} == {13'd0, k_i} - 16'd1);

  wire [RowW:0] fidx    = h_q ? ({1'b0, i_q} + ROWS16[RowW:0]) : {1'b0, i_q};
  wire        row_free = !full_q[fidx];
  wire        issue    = xfer_q && (!row_ok || rd_gnt_i);
  wire        row_end  = issue && b_last && a_last;
  wire        pass_end = row_end && i_last;
  wire        tile_end = pass_end && lp;
  wire        all_end  = tile_end && kg_last && yp_last;

  // ---- walker next state ----
  reg              act_d, xfer_d, h_d;
  reg [CW-1:0]     yp_d, kg_d, v0_d, c_d, b_d;
  reg              a_d;
  reg [2:0]        r_d;
  reg [RowW-1:0]   i_d;
  reg [AddrW-1:0]  cbase_d, wa_d, ybase_d, roff_d;
  reg signed [15:0] ytile_d;
  always @* begin
    {act_d, xfer_d, h_d, yp_d, kg_d, v0_d, c_d, a_d, b_d, r_d, i_d} =
      {act_q, xfer_q, h_q, yp_q, kg_q, v0_q, c_q, a_q, b_q, r_q, i_q};
    {cbase_d, wa_d, ytile_d, ybase_d, roff_d} = {cbase_q, wa_q, ytile_q, ybase_q, roff_q};
    if (start_i) begin
      act_d = 1'b1; xfer_d = 1'b0; h_d = 1'b0;
      yp_d = {CW{1'b0}}; kg_d = {CW{1'b0}}; v0_d = {CW{1'b0}}; c_d = {CW{1'b0}}; a_d = 1'b0; b_d = {CW{1'b0}};
      r_d = 3'd0; i_d = {RowW{1'b0}};
      cbase_d = base_i; wa_d = base_i;
      ytile_d = pad_i ? -16'sd1 : 16'sd0;
      ybase_d = pad_i ? -nbw : {AddrW{1'b0}};
      roff_d = {AddrW{1'b0}};
    end else if (act_q && !xfer_q) begin
      if (row_free) xfer_d = 1'b1;
    end else if (issue) begin
      if (Kind == 0 && row_ok) wa_d = wa_q + 1'b1;
      b_d = b_q + ONE;
      if (b_last) begin
        b_d = {CW{1'b0}};
        a_d = !a_q;
        roff_d = roff_q + nbw;
        if (a_last) begin
          roff_d = r_last ? {AddrW{1'b0}} : (th2_i ? roff_q : roff_q + nbw);
          a_d = 1'b0;
          xfer_d = 1'b0;
          i_d = i_q + 1'b1;
          r_d = r_q + 3'd1;
          if (r_last) begin
            r_d = 3'd0; c_d = c_q + ONE; cbase_d = cbase_q + plane_i;
          end
          if (i_last) begin
            i_d = {RowW{1'b0}};
            h_d = !h_q;
            v0_d = v0_q + rows_c;
            if (lp) begin
              v0_d = {CW{1'b0}}; c_d = {CW{1'b0}}; r_d = 3'd0; cbase_d = base_i; roff_d = {AddrW{1'b0}};
              kg_d = kg_q + ONE;
              if (kg_last) begin
                kg_d = {CW{1'b0}};
                yp_d = yp_q + ONE;
                wa_d = base_i;
                ytile_d = ytile_q + (th2_i ? 16'sd2 : 16'sd1);
                ybase_d = ybase_q + (th2_i ? {nbw[AddrW-2:0], 1'b0} : nbw);
                if (yp_last) act_d = 1'b0;
              end
            end
          end
        end
      end
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) {act_q, xfer_q} <= 2'b00;
    else         {act_q, xfer_q} <= {act_d, xfer_d};
  end
  always @(posedge clk_i) begin
    {h_q, yp_q, kg_q, v0_q, c_q, a_q, b_q, r_q, i_q} <= {h_d, yp_d, kg_d, v0_d, c_d, a_d, b_d, r_d, i_d};
    {cbase_q, wa_q, ytile_q, ybase_q, roff_q} <= {cbase_d, wa_d, ytile_d, ybase_d, roff_d};
  end

  // ---- response stage: write the row memory one cycle after the read ----
  reg            rv_q, rpad_q, rlast_q, rh_q;
  reg [RowW-1:0] rrow_q;
  reg [WaW-1:0]  rwa_q;
  wire [WaW-1:0] wa_now;
  generate
    if (Kind == 1) begin : g_wa_act
      assign wa_now = {h_q, a_q, b_q[WaW-3:0]};
    end else begin : g_wa_wt
      assign wa_now = {h_q, b_q[WaW-2:0]};
    end
  endgenerate
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) rv_q <= 1'b0; else rv_q <= issue;
  always @(posedge clk_i) {rpad_q, rlast_q, rh_q, rrow_q, rwa_q} <= {!row_ok, row_end, h_q, i_q, wa_now};

  // ---- full flags ----
  reg [2*Rows-1:0] full_d;
  wire [RowW:0] rfidx = rh_q ? ({1'b0, rrow_q} + ROWS16[RowW:0]) : {1'b0, rrow_q};
  integer n;
  always @* begin
    full_d = full_q;
    for (n = 0; n < Rows; n = n + 1)
      if (clr_i[n]) full_d[clr_h_i[n]*Rows + n] = 1'b0;
    if (rv_q && rlast_q) full_d[rfidx] = 1'b1;
    if (start_i) full_d = {2*Rows{1'b0}};
  end
  always @(posedge clk_i or negedge rst_ni) if (!rst_ni) full_q <= {2*Rows{1'b0}}; else full_q <= full_d;

  wire [DataW-1:0] pad_word = (Kind == 1) ? {(DataW/8){z_in_i}} : {DataW{1'b0}};
  genvar g;
  generate
    for (g = 0; g < Rows; g = g + 1) begin : g_we
      assign we_o[g] = rv_q && (rrow_q == g);
    end
  endgenerate
  assign waddr_o   = rwa_q;
  assign wdata_o   = rpad_q ? pad_word : rd_data_i;
  assign rd_req_o  = xfer_q && row_ok;
  assign rd_addr_o = raddr;
  assign full_o    = full_q;
  assign busy_o    = act_q;

  wire unused = ^{all_end, y_in[15], b_ext, cin_i, v_i, nt_i, nkg_i, act_addr, plane_i, h_i, z_in_i, th2_i, nb_i, ybase_q, roff_q};
endmodule
