/* net.h - deterministic float32 CNN trainer for eyrie (quant/).
 *
 * The network is data: a spec string such as
 *   "c6k3p1,pool,c16k3p0,pool,f120,f84,f10"
 * (cN kK pP = conv to N channels, KxK kernel, padding P in {0,1}, stride 1;
 *  pool = 2x2 stride-2 maxpool after the previous conv; fN = fully connected
 *  to N outputs). Every layer but the last is followed by ReLU; the last
 * layer is FC and gives the logits (softmax cross-entropy in training).
 *
 * Determinism: everything that touches the weights uses only IEEE +, -, *, /
 * and sqrt (correctly rounded) in a fixed order written in the source: own
 * PRNG (splitmix64 seeding xoshiro256**), own exp() and cos() (no libm, whose
 * results may depend on the CPU through ifunc variants), single-threaded,
 * no -ffast-math, -ffp-contract=off (no FMA contraction). gcc vectorizes
 * only loops whose float operations it does not reorder, so the bytes do
 * not depend on the vector width either.
 */
#ifndef QUANT_NET_H
#define QUANT_NET_H

#include <stddef.h>
#include <stdint.h>

#define QN_MAX_LAYERS 16

/* ---- PRNG: xoshiro256** seeded by splitmix64 ---- */
typedef struct { uint64_t s[4]; } qrng;
void qrng_seed(qrng *r, uint64_t seed);
uint64_t qrng_next(qrng *r);
double qrng_uniform(qrng *r);               /* [0, 1) with 53 bits */
uint32_t qrng_below(qrng *r, uint32_t n);   /* 0..n-1, unbiased */

/* ---- deterministic elementary functions (no libm) ---- */
double qn_exp(double x);   /* x <= ~700 */
double qn_cos(double x);   /* any x, reduced to [-pi, pi] */

enum { QN_CONV = 1, QN_FC = 2 };

typedef struct {
    int type;         /* QN_CONV or QN_FC */
    int k, pad, pool; /* conv only */
    int relu;         /* 1 for all but the last layer */
    int c_in, h_in, w_in;
    int c_out;
    int ho, wo;       /* conv output before pooling (fc: 1, 1) */
    int h_out, w_out; /* after pooling */
    size_t fanin;     /* c_in*k*k (conv) or c_in*h_in*w_in (fc) */
    size_t w_off, b_off; /* offsets into the parameter vector */
    size_t in_size, pre_size, out_size;
} qlayer;

typedef struct {
    int c, h, w;      /* input image shape */
    int n;            /* layers */
    qlayer L[QN_MAX_LAYERS];
    size_t n_params;  /* weights + biases */
    char spec[256];   /* canonical spec string */
} qnet;

/* Named presets ("lenet", "default") or a spec string. 0 or -1 + err. */
int qnet_parse(const char *arch, int c, int h, int w, qnet *net,
               char *err, size_t errlen);
size_t qnet_macs(const qnet *net);
/* He-uniform weights U(-sqrt(6/fanin), +), zero biases. */
void qnet_init(const qnet *net, float *params, uint64_t seed);

/* Per-image workspace (activations kept for the backward pass). */
typedef struct qws qws;
qws *qws_new(const qnet *net);
void qws_free(qws *ws);

/* Forward one image (float CHW input, already scaled to 0..1).
 * Returns the logits (inside ws, n_classes floats). */
const float *qnet_forward(const qnet *net, const float *params, qws *ws,
                          const float *x);
/* Post-ReLU, pre-pool output of layer l from the last forward (size pre_size). */
const float *qnet_layer_pre(const qws *ws, int l);
/* Softmax cross-entropy of the last forward against label; writes dlogits
 * into ws and backpropagates, ADDING parameter gradients into grad.
 * Returns the loss (computed with qn_exp and a log for reporting only). */
float qnet_backward(const qnet *net, const float *params, qws *ws,
                    int label, float *grad);
int qnet_argmax(const float *v, int n);

/* ---- training ---- */
typedef struct {
    int epochs;
    int batch;
    double lr;        /* peak learning rate (Adam) */
    double lr_min;    /* cosine decays lr -> lr_min over all steps */
    double wd;        /* decoupled weight decay (AdamW), weights only */
    double beta1, beta2, eps;
    int flip;         /* random horizontal flips */
    uint64_t seed;
    int verbose;
} qtrain_cfg;

void qtrain_defaults(qtrain_cfg *cfg);
/* Train on n images (uint8 HxW, label 0..9). params must be initialised.
 * Deterministic for a given cfg. Returns 0. */
int qnet_train(const qnet *net, float *params, const uint8_t *images,
               const uint8_t *labels, int n, const qtrain_cfg *cfg);
/* Float accuracy (fraction correct) on n images. */
double qnet_accuracy(const qnet *net, const float *params,
                     const uint8_t *images, const uint8_t *labels, int n);
/* uint8 image -> float (pixel/255), optional horizontal flip. */
void qnet_image(const qnet *net, const uint8_t *img, int flip, float *x);

#endif
