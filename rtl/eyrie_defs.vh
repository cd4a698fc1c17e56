// eyrie_defs.vh - shared constants of the eyrie RTL: widths and the layer
// descriptor layout. Included by every module that needs them; a width or a
// field position changes here only. docs/architecture.md describes each field.
`ifndef EYRIE_DEFS_VH
`define EYRIE_DEFS_VH

// Layer descriptor: one DESC_W-bit word, sampled on start_i.
`define EYRIE_DESC_W      160
`define EYRIE_D_CIN       15:0     // input channels C_in (>= 1)
`define EYRIE_D_COUT      31:16    // output channels C_out (>= 1)
`define EYRIE_D_H         47:32    // input height H
`define EYRIE_D_W         63:48    // input width W (<= WMax)
`define EYRIE_D_K         66:64    // kernel size K (1..KMax)
`define EYRIE_D_PAD       72       // padding P (0 or 1)
`define EYRIE_D_RELU      73       // lower clamp at z_out
`define EYRIE_D_POOL      74       // 2x2 stride-2 maxpool
`define EYRIE_D_LOGITS    75       // emit int32 sums (1x1 output, no pool)
`define EYRIE_D_FOLD      76       // with pool: a window's two rows side by
                                   // side in column pairs (Cols >= FOLD_COLS)
`define EYRIE_D_ZIN       87:80    // input zero point (padding code)
`define EYRIE_D_ZOUT      95:88    // output zero point
`define EYRIE_D_INBASE    111:96   // input tensor, activation word address
`define EYRIE_D_OUTBASE   127:112  // output tensor, activation word address
`define EYRIE_D_WBASE     143:128  // weights, weight-memory word address
`define EYRIE_D_QBASE     159:144  // per-channel {S, M, bias}, qparam address

// Per-output-channel requantization word in the qparam memory.
`define EYRIE_Q_W         64
`define EYRIE_Q_BIAS      31:0     // int32 bias (z_in folded in)
`define EYRIE_Q_M         47:32    // uint16 multiplier M
`define EYRIE_Q_S         52:48    // shift S, 0..31

`define EYRIE_ACC_W       32       // accumulator width (int32)
`define EYRIE_FOLD_COLS   8        // arrays this wide have the fold hardware
`define EYRIE_WPAIR_COLS  8        // arrays this wide (block-RAM memories) read
                                   // weight and activation words in pairs
                                   // (eyrie_top WPair, APair)
`define EYRIE_PROG_VERSION 2    // program image version (header byte 3; INFO)
`define EYRIE_CNT_W       13       // loop counters: C_in*K, tiles (<= 8191)

// Step token: what one array row does in one cycle (one MAC per PE).
// The scheduler makes it for row 0; row i sees it i*K cycles later.
`define EYRIE_T_VALID     0        // a real step (else a bubble)
`define EYRIE_T_FT        1        // first tap of an output pixel
`define EYRIE_T_LT        2        // last tap of an output pixel
`define EYRIE_T_FP        3        // first pass of the tile (psum starts at 0)
`define EYRIE_T_LP        4        // last pass of the tile (sum is final)
`define EYRIE_T_ENDP      5        // last step of the pass
`define EYRIE_T_H         6        // pass parity: line-buffer / weight half
`define EYRIE_T_DY        7        // output row within the tile
`define EYRIE_T_BSEL      8        // byte of the line-buffer word
`define EYRIE_T_PADX      9        // tap is horizontal padding (use z_in)
`define EYRIE_T_GFIRST    10       // first output of a pool group
`define EYRIE_T_GLAST     11       // last output of a pool group
`define EYRIE_T_TAP       14:12    // tap index t (weight address)
`define EYRIE_T_WIDX_LSB  15       // line-buffer word index from here up

`endif
