/* quantize.h - post-training int8 quantization of a qnet into an eyrie_model,
 * following docs/numerics.md: input s = 1/255, z = 0; after ReLU z = 0,
 * s = range/255 (range calibrated on training images); weights int8
 * symmetric per output channel (max|w|/127), the last layer with one scale
 * and EYRIE_F_LOGITS; bias = round(b/(s_in s_w)) - z_in sum(w); M, S with the
 * largest S in 0..31 such that M = round(m 2^S) <= 65535. */
#ifndef QUANT_QUANTIZE_H
#define QUANT_QUANTIZE_H

#include <stdio.h>

#include "../cmodel/eyrie.h"
#include "net.h"

#define QCAL_MAX_METHODS 8

/* Calibration statistics: per layer, the candidate ranges of its post-ReLU
 * (pre-pool) float activations: max and a few high percentiles. */
typedef struct {
    int n_methods;
    double pct[QCAL_MAX_METHODS];              /* 100 = max */
    double range[QCAL_MAX_METHODS][QN_MAX_LAYERS];
} qcalib;

/* Run the float net on n images and fill the candidate ranges for the
 * percentiles pct[0..n_pct-1] (100 means max). */
void quant_calibrate(const qnet *net, const float *params, const uint8_t *images, int n,
                     const double *pct, int n_pct, qcalib *cal);

/* Build the int8 model (with float weights, has_float = 1) from ranges
 * range[l] (one per layer; the last layer's is unused). 0 or -1 + err. */
int quant_build(const qnet *net, const float *params, const double *range,
                const char *name, eyrie_model *m, char *err, size_t errlen);

/* Real multiplier m = s_in s_w[k] / s_out of a non-logits layer channel. */
double quant_real_mult(const eyrie_layer *L, int k);

/* The human-readable table of every layer and channel. header is written
 * first, as-is (one or more lines starting with '#'). */
void quant_write_table(const eyrie_model *m, const double *range, const char *method,
                       const char *header, FILE *f);

/* Accuracy (fraction) of the int8 path (fast = eyrie_infer_fast, else the
 * reference eyrie_infer) and of the float path eyrie_infer_float. */
double quant_accuracy_int8(const eyrie_model *m, const uint8_t *images, const uint8_t *labels,
                           int n, int fast);
double quant_accuracy_float(const eyrie_model *m, const uint8_t *images,
                            const uint8_t *labels, int n);

#endif
