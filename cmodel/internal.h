/* internal.h - helpers shared by the cmodel sources; not part of the API. */
#ifndef EYRIE_INTERNAL_H
#define EYRIE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "eyrie.h"

/* Format a one-line message into err (if err and errlen > 0); returns -1. */
int eyrie__err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Read a whole file into a malloc'd buffer (limit: max bytes). */
int eyrie__read_file(const char *path, size_t max, uint8_t **buf, size_t *len,
                     char *err, size_t errlen);

/* Per-layer field checks that need no arrays (also used by the parser
 * before it trusts any size). */
int eyrie__check_layer_fields(const eyrie_layer *L, int i, char *err, size_t errlen);

static inline uint16_t eyrie__rd16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t eyrie__rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint32_t eyrie__rd32be(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}
static inline float eyrie__rdf(const uint8_t *p)
{
    uint32_t u = eyrie__rd32(p);
    float f;
    memcpy(&f, &u, 4);
    return f;
}
static inline void eyrie__wr16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void eyrie__wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline void eyrie__wrf(uint8_t *p, float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    eyrie__wr32(p, u);
}

#endif

/* ---- workspace (infer.c, infer_float.c, fast.c) ---- */
typedef struct eyrie_fast eyrie_fast; /* fast.c's packed weights, buffers */

struct eyrie_ws {
    int n_layers;
    size_t in_size[EYRIE_MAX_LAYERS], acc_size[EYRIE_MAX_LAYERS];
    size_t out_size[EYRIE_MAX_LAYERS];
    uint8_t *img;                     /* copy of the input image */
    int32_t *acc[EYRIE_MAX_LAYERS];   /* accumulators */
    uint8_t *conv[EYRIE_MAX_LAYERS];  /* requantized codes before pooling */
    uint8_t *pool[EYRIE_MAX_LAYERS];  /* pooled codes (POOL layers) */
    float *fa, *fb;                   /* float path ping-pong buffers */
    eyrie_fast *fast;                 /* NULL until the first fast call */
};

/* Nonzero if ws was sized for a model with m's shapes. */
int eyrie__ws_matches(const eyrie_ws *ws, const eyrie_model *m);
void eyrie__fast_free(eyrie_fast *f);
