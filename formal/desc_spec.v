// desc_spec - the legal layer descriptors of docs/architecture.md s.5.4,
// written plainly (wide integer arithmetic, one line per limit) as the
// specification eyrie_desc_check is proved against (desc.sby) and the
// predicate the sequencer proof uses (net.sby). ok_o = 1 iff:
module desc_spec #(
  parameter integer KMax    = 7,
  parameter integer WMax    = 128,
  parameter integer ActAw   = 14,
  parameter integer WtWords = 24576,
  parameter integer QAw     = 8
) (
  input  wire [159:0] desc_i,
  output wire         ok_o
);
  wire [31:0] cin  = {16'd0, desc_i[15:0]};
  wire [31:0] cout = {16'd0, desc_i[31:16]};
  wire [31:0] h    = {16'd0, desc_i[47:32]};
  wire [31:0] w    = {16'd0, desc_i[63:48]};
  wire [31:0] k    = {29'd0, desc_i[66:64]};
  wire [31:0] p    = {31'd0, desc_i[72]};
  wire        pool = desc_i[74];
  wire        lg   = desc_i[75];
  wire [31:0] inb  = {16'd0, desc_i[111:96]};
  wire [31:0] outb = {16'd0, desc_i[127:112]};
  wire [31:0] wb   = {16'd0, desc_i[143:128]};
  wire [31:0] qb   = {16'd0, desc_i[159:144]};
  // output size, signed (may be negative for an illegal descriptor)
  wire signed [33:0] ho = $signed({2'b0, h}) + 2 * $signed({2'b0, p}) - $signed({2'b0, k}) + 1;
  wire signed [33:0] wo = $signed({2'b0, w}) + 2 * $signed({2'b0, p}) - $signed({2'b0, k}) + 1;
  wire [31:0] KM = KMax, WM = WMax, WTW = WtWords;
  wire [31:0] AN = 32'd1 << ActAw, QN = 32'd1 << QAw;
  assign ok_o =
       cin >= 1 && cin <= 8191
    && cout >= 1 && cout <= 8191
    && h >= 1 && h <= 255
    && w >= 1 && w <= WM
    && k >= 1 && k <= KM
    && ho >= 1
    && wo >= 1 && wo <= $signed({2'b0, WM}) - 1
    && (!lg || (ho == 1 && wo == 1 && !pool))
    && inb < AN && outb < AN
    && wb < WTW
    && qb + cout <= QN;
endmodule
