/* testlib.h - helpers for the cmodel tests: a seeded RNG, random
 * shape-valid models, and check macros that count failures. */
#ifndef EYRIE_TESTLIB_H
#define EYRIE_TESTLIB_H

#include <stdint.h>
#include <stdio.h>

#include "eyrie.h"

typedef struct {
    uint64_t s;
} rng_t;
uint64_t rng_next(rng_t *r);            /* splitmix64 */
int rng_int(rng_t *r, int lo, int hi);  /* uniform in [lo, hi] */
uint64_t seed_from_env(void);           /* EYRIE_SEED or time */

/* One layer of a model to build. */
typedef struct {
    int type, k, pad, flags, c_out;
} layer_spec;

/* Build a model with random weights (|w| <= wmax), biases, M, S and zero
 * points; shapes from the specs (the LOGITS flag is added to the last).
 * Returns 0, or -1 with err set if the specs do not chain. */
int build_model(eyrie_model *m, const char *name, int c, int h, int w, const layer_spec *spec,
                int n, rng_t *r, int wmax, int has_float, int nonzero_z, char *err, size_t errlen);
/* Named shapes: "lenet", "default" (as in the brief), "tiny". */
int build_named(eyrie_model *m, const char *shape, rng_t *r, int has_float);
/* A random small shape-valid model (1..5 layers, odd sizes, pads, pools). */
void build_random(eyrie_model *m, rng_t *r, int has_float);
/* Deep copy (for mutation tests). */
int copy_model(eyrie_model *dst, const eyrie_model *src);

extern int t_fail, t_pass;
#define CHECK(cond, ...)                                                      \
    do {                                                                      \
        if (cond) {                                                           \
            t_pass++;                                                         \
        } else {                                                              \
            t_fail++;                                                         \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);   \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
        }                                                                     \
    } while (0)
#define CHECK_EQ(a, b) CHECK((long long)(a) == (long long)(b), "%lld != %lld", \
                             (long long)(a), (long long)(b))
int t_report(const char *name); /* prints summary, returns exit status */

#endif
