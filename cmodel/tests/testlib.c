/* testlib.c - see testlib.h. */
#include "testlib.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int t_fail, t_pass;

int t_report(const char *name)
{
    printf("%s: %d checks passed, %d failed\n", name, t_pass, t_fail);
    return t_fail ? 1 : 0;
}

uint64_t rng_next(rng_t *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

int rng_int(rng_t *r, int lo, int hi)
{
    return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

uint64_t seed_from_env(void)
{
    const char *s = getenv("EYRIE_SEED");
    if (s && *s)
        return strtoull(s, NULL, 0);
    return (uint64_t)time(NULL);
}

int build_model(eyrie_model *m, const char *name, int c, int h, int w, const layer_spec *spec,
                int n, rng_t *r, int wmax, int has_float, int nonzero_z, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    m->c = (uint16_t)c;
    m->h = (uint16_t)h;
    m->w = (uint16_t)w;
    m->n_layers = n;
    m->has_float = has_float;
    int z = 0;
    float s_in = 1.0f / 255.0f;
    for (int i = 0; i < n; i++) {
        eyrie_layer *L = &m->layer[i];
        L->type = (uint8_t)spec[i].type;
        L->k = (uint8_t)spec[i].k;
        L->pad = (uint8_t)spec[i].pad;
        L->flags = (uint8_t)spec[i].flags | (i == n - 1 ? EYRIE_F_LOGITS : 0);
        L->c_in = (uint16_t)c;
        L->h_in = (uint16_t)h;
        L->w_in = (uint16_t)w;
        L->c_out = (uint16_t)spec[i].c_out;
        L->z_in = (uint8_t)z;
        L->z_out = (uint8_t)(nonzero_z && !(L->flags & EYRIE_F_LOGITS) ? rng_int(r, 0, 40) : 0);
        L->s_in = s_in;
        L->s_out = 0.05f;
        const size_t co = L->c_out, fan = eyrie_layer_fanin(L), nw = co * fan;
        L->bias = calloc(co, sizeof *L->bias);
        L->mult = calloc(co, sizeof *L->mult);
        L->shift = calloc(co, 1);
        L->s_w = calloc(co, sizeof *L->s_w);
        L->w = calloc(nw ? nw : 1, 1);
        if (has_float) {
            L->wf = calloc(nw ? nw : 1, sizeof *L->wf);
            L->bf = calloc(co, sizeof *L->bf);
        }
        for (size_t t = 0; t < nw; t++) {
            L->w[t] = (int8_t)rng_int(r, -wmax, wmax);
            if (has_float)
                L->wf[t] = L->w[t] * 0.01f;
        }
        /* scale so that a typical accumulator lands in the output range */
        double typ = sqrt((double)fan) * wmax * 0.5 * 100.0 + 1.0;
        for (size_t k = 0; k < co; k++) {
            L->bias[k] = rng_int(r, -2000, 2000);
            L->s_w[k] = (L->flags & EYRIE_F_LOGITS) ? 0.01f : 0.01f + 0.001f * (float)k;
            if (has_float)
                L->bf[k] = L->bias[k] * 1e-4f;
            if (L->flags & EYRIE_F_LOGITS)
                continue; /* M, S written as 0 */
            L->mult[k] = (uint16_t)rng_int(r, 0, 65535);
            int s = (int)ceil(log2((double)L->mult[k] * typ / 100.0 + 1.0)) + rng_int(r, -2, 2);
            L->shift[k] = (uint8_t)(s < 0 ? 0 : s > 31 ? 31 : s);
            if (wmax <= 3 && (k & 1)) {
                /* tie-rich channel: M = 2^a, S = a + 1..3, so acc*M sits
                 * exactly half-way between two codes for 1 in 2..8 accs */
                int a = rng_int(r, 0, 15);
                L->mult[k] = (uint16_t)(1u << a);
                L->shift[k] = (uint8_t)(a + rng_int(r, 1, 3));
                L->bias[k] = rng_int(r, -50, 50);
            }
        }
        if (rng_int(r, 0, 3) == 0 && co > 0)
            L->mult[0] = 0, L->shift[0] = 0; /* edge cases: M = 0, S = 0 */
        int oc, oh, ow;
        eyrie_layer_out_dims(L, &oc, &oh, &ow);
        c = oc;
        h = oh;
        w = ow;
        z = L->z_out;
        s_in = L->s_out;
    }
    if (eyrie_model_validate(m, err, errlen)) {
        eyrie_model_free(m);
        return -1;
    }
    return 0;
}

int build_named(eyrie_model *m, const char *shape, rng_t *r, int has_float)
{
    static const layer_spec lenet[] = {
        {EYRIE_CONV, 3, 1, EYRIE_F_RELU | EYRIE_F_POOL, 6},
        {EYRIE_CONV, 3, 0, EYRIE_F_RELU | EYRIE_F_POOL, 16},
        {EYRIE_FC, 0, 0, EYRIE_F_RELU, 120},
        {EYRIE_FC, 0, 0, EYRIE_F_RELU, 84},
        {EYRIE_FC, 0, 0, 0, 10},
    };
    static const layer_spec dflt[] = {
        {EYRIE_CONV, 3, 1, EYRIE_F_RELU | EYRIE_F_POOL, 24},
        {EYRIE_CONV, 3, 1, EYRIE_F_RELU | EYRIE_F_POOL, 48},
        {EYRIE_FC, 0, 0, 0, 10},
    };
    static const layer_spec tiny[] = {
        {EYRIE_CONV, 3, 1, EYRIE_F_RELU | EYRIE_F_POOL, 2},
        {EYRIE_FC, 0, 0, 0, 10},
    };
    char err[256];
    if (!strcmp(shape, "lenet"))
        return build_model(m, "lenet", 1, 28, 28, lenet, 5, r, 60, has_float, 0, err, sizeof err);
    if (!strcmp(shape, "default"))
        return build_model(m, "default", 1, 28, 28, dflt, 3, r, 60, has_float, 0, err, sizeof err);
    return build_model(m, "tiny", 1, 28, 28, tiny, 2, r, 60, has_float, 0, err, sizeof err);
}

void build_random(eyrie_model *m, rng_t *r, int has_float)
{
    for (;;) {
        layer_spec sp[6];
        int c = rng_int(r, 1, 3), h = rng_int(r, 1, 13), w = rng_int(r, 1, 13);
        int n = rng_int(r, 1, 5), hh = h, ww = w, is_fc = 0;
        for (int i = 0; i < n; i++) {
            layer_spec *s = &sp[i];
            memset(s, 0, sizeof *s);
            s->c_out = rng_int(r, 1, 20);
            if (!is_fc && rng_int(r, 0, 3) != 0) {
                s->type = EYRIE_CONV;
                s->k = rng_int(r, 1, 5);
                s->pad = rng_int(r, 0, 1);
            } else {
                s->type = EYRIE_FC;
                is_fc = 1;
            }
            if (i < n - 1) {
                s->flags = (uint8_t)(rng_int(r, 0, 1) ? EYRIE_F_RELU : 0);
                if (s->type == EYRIE_CONV && rng_int(r, 0, 1))
                    s->flags |= EYRIE_F_POOL;
            }
            if (s->type == EYRIE_CONV) {
                hh = hh + 2 * s->pad - s->k + 1;
                ww = ww + 2 * s->pad - s->k + 1;
            } else {
                hh = ww = 1;
            }
            if (s->flags & EYRIE_F_POOL)
                hh /= 2, ww /= 2;
            if (hh < 1 || ww < 1)
                break;
        }
        if (hh < 1 || ww < 1)
            continue;
        char err[256];
        int pick = rng_int(r, 0, 5);
        int wmax = pick == 0 ? 127 : pick < 3 ? rng_int(r, 1, 3) : rng_int(r, 1, 127);
        if (build_model(m, "random", c, h, w, sp, n, r, wmax, has_float, rng_int(r, 0, 1), err,
                        sizeof err) == 0)
            return;
    }
}

int copy_model(eyrie_model *dst, const eyrie_model *src)
{
    uint8_t *buf;
    size_t len;
    char err[256];
    if (eyrie_model_serialize(src, &buf, &len, err, sizeof err))
        return -1;
    int rc = eyrie_model_parse(buf, len, dst, err, sizeof err);
    free(buf);
    return rc;
}
