/* program.h - the layer-program compiler: turns an eyrie model into the
 * accelerator's program image (the payload of the host protocol's
 * LOAD_PROGRAM command, docs/protocol.md), laid out for one array
 * configuration as docs/architecture.md section 11 describes: a 32-byte
 * header, one 20-byte descriptor per layer, the weight words (Cols bytes
 * each) and the qparam words (8 bytes each). */
#ifndef EYRIE_PROGRAM_H
#define EYRIE_PROGRAM_H

#include <stddef.h>
#include <stdint.h>
#include "eyrie.h"

#ifdef __cplusplus
extern "C" {
#endif

#define EYP_MAGIC0 'E'
#define EYP_MAGIC1 'Y'
#define EYP_MAGIC2 'P'
#define EYP_VERSION 2   /* 2: descriptor bit 76, folded pooling */
#define EYP_HDR_BYTES 32
#define EYP_DESC_BYTES 20
#define EYP_Q_BYTES 8
#define EYP_FOLD_COLS 8 /* rtl/eyrie_defs.vh EYRIE_FOLD_COLS */
#define EYP_WPAIR_COLS 8 /* rtl/eyrie_defs.vh EYRIE_WPAIR_COLS (test-program checks both) */

/* The array configuration a program is compiled for (the RTL parameters of
 * eyrie_net / eyrie_top). */
typedef struct {
    int rows, cols, kmax, wmax;
    int act_aw, wt_aw, q_aw, d_aw; /* memory address bits (words) */
    int wt_words;                  /* weight words the memory holds (<= 2^wt_aw) */
} eyrie_hwcfg;

/* Small (iCE40 UP5K) configuration with cols = 4, large with cols = 8. */
void eyrie_hwcfg_default(eyrie_hwcfg *c, int cols);

typedef struct {
    int cin, cout, h, w, k, pad, relu, pool, logits, zin, zout;
    int fold;                              /* pool with a window's rows in column pairs */
    int lanes;                             /* output channels per channel group */
    int in_base, out_base, w_base, q_base; /* word addresses */
    int wt_words;                          /* weight words of this layer */
    int oc, oh, ow;                        /* output tensor (logits: oc x 1 x 1) */
    size_t macs;                           /* dense MACs (eyrie_layer_macs) */
} eyrie_prog_layer;

typedef struct {
    eyrie_hwcfg cfg;
    int n_layers;
    eyrie_prog_layer L[EYRIE_MAX_LAYERS];
    int act_words, wt_words, q_words;
    int in_base, img_c, img_h, img_w, img_bytes, ncls, logits_base;
    uint8_t *image; /* LOAD_PROGRAM payload, malloc'd */
    size_t len;
} eyrie_program;

/* Compile m for cfg. Returns 0, or -1 with a one-line reason in err (e.g. a
 * model that does not fit the buffers). */
int eyrie_program_compile(const eyrie_model *m, const eyrie_hwcfg *cfg, eyrie_program *p,
                          char *err, size_t errlen);
void eyrie_program_free(eyrie_program *p);
/* Ideal cycles of layer i (roofline): max(MACs / (rows*cols),
 * weight bytes / cols) with the weight port of one Cols-byte word per cycle;
 * MACs are the ones the output needs (pooling drops a trailing odd conv
 * row/column, which is not computed). */
double eyrie_prog_ideal_mac(const eyrie_program *p, int i);
double eyrie_prog_ideal_wt(const eyrie_program *p, int i);

/* The compiler's layouts, for benches that place one layer themselves
 * (sim/tb_layer.cpp): L's descriptor; L's weight words (L->wt_words words
 * of cols bytes, M's weights in the order the array reads them); the
 * qparam word of M's output channel k. */
void eyrie_prog_put_desc(uint8_t d[EYP_DESC_BYTES], const eyrie_prog_layer *L);
void eyrie_prog_put_weights(uint8_t *wp, const eyrie_layer *M, const eyrie_prog_layer *L, int cols);
void eyrie_prog_put_qparam(uint8_t q[EYP_Q_BYTES], const eyrie_layer *M, int k);

#ifdef __cplusplus
}
#endif
#endif
