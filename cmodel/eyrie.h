/* eyrie.h - bit-exact C reference model of the eyrie accelerator.
 *
 * Every integer operation here follows docs/numerics.md exactly; the RTL
 * follows the same document and the test benches compare the two byte for
 * byte.  The model's units mirror the RTL's blocks:
 *
 *   conv / fc  -> eyrie_conv_acc(), eyrie_fc_acc()   (PE array, int32 psums)
 *   requantize -> eyrie_requant(), eyrie_requant_layer()
 *   pool       -> eyrie_pool()
 *   argmax     -> eyrie_argmax()
 *
 * No global mutable state: all state lives in the structures passed in.
 */
#ifndef EYRIE_H
#define EYRIE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- limits (checked by the model loader; shapes are data) ---- */
#define EYRIE_MAX_LAYERS 16
#define EYRIE_MAX_K 5          /* largest conv kernel */
#define EYRIE_MAX_DIM 256      /* largest H, W */
#define EYRIE_MAX_CH 1024      /* largest channel count */
#define EYRIE_MAX_FANIN 65536  /* largest c_in*k*k (conv) or c_in*h*w (fc) */
#define EYRIE_SHIFT_MAX 31     /* requantizer shift S is 0..31 */
#define EYRIE_NAME_LEN 16

enum eyrie_layer_type { EYRIE_CONV = 1, EYRIE_FC = 2 };

/* layer flags */
#define EYRIE_F_RELU 0x01u   /* lower clamp at z_out */
#define EYRIE_F_POOL 0x02u   /* 2x2 stride-2 maxpool after requantization */
#define EYRIE_F_LOGITS 0x04u /* last layer: int32 accumulators are the output */

typedef struct {
    uint8_t type;   /* EYRIE_CONV or EYRIE_FC */
    uint8_t k;      /* conv kernel size (square); 0 for fc */
    uint8_t pad;    /* conv padding: 0 or 1 (stride is always 1) */
    uint8_t flags;  /* EYRIE_F_* */
    uint16_t c_in, h_in, w_in; /* input tensor, CHW */
    uint16_t c_out;
    uint8_t z_in;   /* input zero point (also the padding code) */
    uint8_t z_out;  /* output zero point (unused with EYRIE_F_LOGITS) */
    float s_in;     /* input activation scale */
    float s_out;    /* output activation scale (logits: s_in * s_w) */
    int32_t *bias;  /* [c_out], input zero point already folded in */
    uint16_t *mult; /* [c_out] requantizer multiplier M */
    uint8_t *shift; /* [c_out] requantizer shift S, 0..EYRIE_SHIFT_MAX */
    float *s_w;     /* [c_out] weight scale per output channel */
    int8_t *w;      /* conv: [c_out][c_in][k][k]; fc: [c_out][c_in*h_in*w_in] */
    float *wf;      /* float weights, same layout as w; NULL if absent */
    float *bf;      /* float bias [c_out]; NULL if absent */
} eyrie_layer;

typedef struct {
    char name[EYRIE_NAME_LEN]; /* NUL-terminated, e.g. "default" */
    uint16_t c, h, w;          /* input image shape */
    int n_layers;
    int has_float;             /* every layer carries wf/bf */
    eyrie_layer layer[EYRIE_MAX_LAYERS];
} eyrie_model;

/* ---- shapes ---- */
/* conv output before pooling (fc: 1x1). */
void eyrie_layer_conv_dims(const eyrie_layer *L, int *h, int *w);
/* layer output after pooling: c_out x h x w (fc: c_out x 1 x 1). */
void eyrie_layer_out_dims(const eyrie_layer *L, int *c, int *h, int *w);
size_t eyrie_layer_in_size(const eyrie_layer *L);   /* c_in*h_in*w_in */
size_t eyrie_layer_acc_size(const eyrie_layer *L);  /* c_out*conv_h*conv_w */
size_t eyrie_layer_out_size(const eyrie_layer *L);  /* after pool */
size_t eyrie_layer_fanin(const eyrie_layer *L);     /* taps per output */
size_t eyrie_layer_macs(const eyrie_layer *L);      /* dense MACs */

/* ---- arithmetic of docs/numerics.md, section by section ---- */
/* Requantize one accumulator: clamp(((acc*M + 2^(S-1)) >> S) + z, lo, 255),
 * lo = z if relu else 0; round half up; S = 0 adds nothing. */
uint8_t eyrie_requant(int32_t acc, uint16_t m, uint8_t s, uint8_t z_out, int relu);
/* Rounding arithmetic shift of the 48-bit product (exposed for tests);
 * valid for s <= 62. */
int64_t eyrie_round_shift(int64_t x, unsigned s);
/* Conv accumulators, bias included: acc[c_out][conv_h][conv_w]. */
void eyrie_conv_acc(const eyrie_layer *L, const uint8_t *in, int32_t *acc);
/* FC accumulators, bias included: acc[c_out]. Input flattened CHW. */
void eyrie_fc_acc(const eyrie_layer *L, const uint8_t *in, int32_t *acc);
/* Requantize a whole layer's accumulators (per-channel M, S). */
void eyrie_requant_layer(const eyrie_layer *L, const int32_t *acc, uint8_t *out);
/* 2x2 stride-2 maxpool on codes; odd trailing row/column dropped. */
void eyrie_pool(const uint8_t *in, int c, int h, int w, uint8_t *out);
/* Index of the largest value; ties go to the lowest index. */
int eyrie_argmax(const int32_t *v, int n);

/* ---- whole network ---- */
/* Per-layer tensors of one inference (the golden vectors). */
typedef struct {
    uint8_t *in[EYRIE_MAX_LAYERS];    /* layer input codes */
    int32_t *acc[EYRIE_MAX_LAYERS];   /* accumulators (bias included) */
    uint8_t *out[EYRIE_MAX_LAYERS];   /* layer output codes (NULL for logits) */
} eyrie_trace;

/* Workspace for one inference; sized from the model, reusable. */
typedef struct eyrie_ws eyrie_ws;
/* Returns NULL for a model that fails eyrie_model_validate. */
eyrie_ws *eyrie_ws_new(const eyrie_model *m);
void eyrie_ws_free(eyrie_ws *ws);
/* Reference int8 inference (plain loop nests). Writes n_classes logits,
 * returns the class, or -1 if ws was not made for this model. If tr is non-NULL it points into ws and stays valid
 * until the next call. */
int eyrie_infer(const eyrie_model *m, eyrie_ws *ws, const uint8_t *img,
                int32_t *logits, eyrie_trace *tr);
/* Fast int8 inference: same results, tested equal to eyrie_infer.
 * Weights are repacked into ws when a layer's w/bias pointer changes;
 * after editing weights in place, make a new workspace. */
int eyrie_infer_fast(const eyrie_model *m, eyrie_ws *ws, const uint8_t *img,
                     int32_t *logits);
/* Float reference path. Returns the class, or -1 without float weights.
 * Golden vector files (--dump-layers) are read and written by
 * eyrie_golden.h. */
int eyrie_infer_float(const eyrie_model *m, eyrie_ws *ws, const uint8_t *img,
                      float *logits);
int eyrie_model_classes(const eyrie_model *m);

/* ---- model files (docs/model-format.md) ---- */
#define EYRIE_MODEL_MAGIC "EYRIEMDL"
#define EYRIE_MODEL_VERSION 1
/* All return 0 on success, or -1 with a one-line message in err. */
int eyrie_model_parse(const uint8_t *buf, size_t len, eyrie_model *m,
                      char *err, size_t errlen);
int eyrie_model_load(const char *path, eyrie_model *m, char *err, size_t errlen);
/* Serialize; *out is malloc'd. Validates the model first. */
int eyrie_model_serialize(const eyrie_model *m, uint8_t **out, size_t *len,
                          char *err, size_t errlen);
int eyrie_model_save(const eyrie_model *m, const char *path, char *err, size_t errlen);
/* Shape chain, ranges and the int32 no-overflow bound of docs/numerics.md. */
int eyrie_model_validate(const eyrie_model *m, char *err, size_t errlen);
void eyrie_model_free(eyrie_model *m);

/* ---- IDX files (gzip or plain), as FashionMNIST ships them ---- */
typedef struct {
    uint8_t *data;   /* count * item bytes */
    uint32_t count;  /* first dimension */
    uint32_t rows, cols; /* 0 for label files */
} eyrie_idx;
int eyrie_idx_load(const char *path, eyrie_idx *x, char *err, size_t errlen);
int eyrie_idx_parse(const uint8_t *buf, size_t len, eyrie_idx *x, char *err, size_t errlen);
void eyrie_idx_free(eyrie_idx *x);

extern const char *const eyrie_fmnist_classes[10];

#ifdef __cplusplus
}
#endif
#endif
