/* test_quant.c - tests of the trainer and the quantizer.
 *   1. gradient check: backward pass vs central finite differences on two
 *      tiny nets (pad 0/1, K 3/5, pool with an odd size, fc chains)
 *   2. determinism: same seed -> identical parameters, other seed differs
 *   3. quantizer: the model validates, the last layer has one weight scale
 *      and LOGITS with M/S = 0, the scale chain links up, bias and weights
 *      are round(real/scale), M/2^S is within 2^-15 of m for every channel,
 *      the file round-trips byte for byte, int8 accuracy tracks float
 * Usage: test-quant TRAIN_IMAGES TRAIN_LABELS. Exit 0 pass, 1 fail. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cmodel/eyrie.h"
#include "net.h"
#include "quantize.h"

static int failures;

#define CHECK(cond, ...)                                                                     \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            failures++;                                                                      \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                             \
            fprintf(stderr, __VA_ARGS__);                                                    \
            fputc('\n', stderr);                                                             \
        }                                                                                    \
    } while (0)

static float total_loss(const qnet *net, const float *p, qws *ws, const float *x, const int *lab,
                        int n, float *scratch)
{
    float s = 0.0f;
    for (int i = 0; i < n; i++) {
        qnet_forward(net, p, ws, x + (size_t)i * net->c * net->h * net->w);
        s += qnet_backward(net, p, ws, lab[i], scratch);
    }
    return s;
}

/* Central differences in double around float parameters; every parameter. */
static void gradcheck(const char *spec, int h, int w, uint64_t seed)
{
    char err[256];
    qnet net;
    if (qnet_parse(spec, 1, h, w, &net, err, sizeof err)) {
        CHECK(0, "gradcheck parse %s: %s", spec, err);
        return;
    }
    const int n = 3;
    size_t np = net.n_params, isz = (size_t)h * w;
    float *p = calloc(np, sizeof(float)), *g = calloc(np, sizeof(float));
    float *scratch = calloc(np, sizeof(float)), *x = calloc(isz * n, sizeof(float));
    int lab[3];
    qnet_init(&net, p, seed);
    qrng r;
    qrng_seed(&r, seed + 1);
    for (size_t i = 0; i < np; i++) /* non-zero biases too */
        p[i] += (float)(0.1 * (qrng_uniform(&r) - 0.5));
    for (size_t i = 0; i < isz * n; i++)
        x[i] = (float)qrng_uniform(&r);
    for (int i = 0; i < n; i++)
        lab[i] = (int)qrng_below(&r, 10);
    qws *ws = qws_new(&net);
    for (int i = 0; i < n; i++) {
        qnet_forward(&net, p, ws, x + i * isz);
        qnet_backward(&net, p, ws, lab[i], g);
    }
    /* A difference that straddles a ReLU or maxpool kink is not a derivative:
     * such a parameter shows up as two step sizes disagreeing with each other,
     * and is counted as skipped (at most 2% allowed), not compared. */
    int bad = 0, skipped = 0;
    double worst = 0.0;
    for (size_t i = 0; i < np; i++) {
        double num[2];
        const float steps[2] = {1e-3f, 5e-4f};
        float keep = p[i];
        for (int s = 0; s < 2; s++) {
            p[i] = keep + steps[s];
            double lp = total_loss(&net, p, ws, x, lab, n, scratch);
            p[i] = keep - steps[s];
            double lm = total_loss(&net, p, ws, x, lab, n, scratch);
            num[s] = (lp - lm) / (2.0 * steps[s]);
        }
        p[i] = keep;
        if (fabs(num[0] - num[1]) > 4e-3 + 2e-2 * fabs(num[0])) {
            skipped++;
            continue;
        }
        double e = fabs(num[0] - g[i]);
        if (e / (1e-2 + fabs(num[0])) > worst)
            worst = e / (1e-2 + fabs(num[0]));
        if (e > 2e-3 + 2e-2 * fabs(num[0])) {
            if (bad < 5)
                fprintf(stderr, "  gradcheck %s param %zu: analytic %.6g numeric %.6g\n", spec, i,
                        g[i], num[0]);
            bad++;
        }
    }
    printf("gradcheck %s on 1x%dx%d: %zu parameters, %d at a kink, worst |a-n|/(0.01+|n|) "
           "%.2e, %d bad (tolerance 2e-3 + 2e-2 |n|)\n", spec, h, w, np, skipped, worst, bad);
    CHECK(skipped * 50 <= (int)np, "gradcheck %s: %d of %zu parameters at a kink", spec, skipped, np);
    CHECK(bad == 0, "gradcheck %s: %d of %zu gradients off by more than the tolerance", spec, bad, np);
    qws_free(ws);
    free(p);
    free(g);
    free(scratch);
    free(x);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test-quant TRAIN_IMAGES TRAIN_LABELS\n");
        return 2;
    }
    /* 1. gradient checks */
    gradcheck("c3k3p1,pool,c4k3p0,f6,f10", 8, 8, 11);
    gradcheck("c2k5p1,c3k3p1,pool,f10", 9, 9, 12);

    /* 2. determinism on 2,000 training images, 1 epoch */
    char err[256];
    eyrie_idx im, lb;
    if (eyrie_idx_load(argv[1], &im, err, sizeof err) ||
        eyrie_idx_load(argv[2], &lb, err, sizeof err)) {
        fprintf(stderr, "test-quant: %s\n", err);
        return 2;
    }
    qnet net;
    const char *spec = "c4k3p1,pool,c8k3p1,pool,f16,f10";
    if (qnet_parse(spec, 1, (int)im.rows, (int)im.cols, &net, err, sizeof err)) {
        fprintf(stderr, "test-quant: %s\n", err);
        return 2;
    }
    qtrain_cfg cfg;
    qtrain_defaults(&cfg);
    cfg.epochs = 1;
    cfg.batch = 16;
    cfg.lr = 1e-2;
    cfg.seed = 7;
    cfg.verbose = 0;
    size_t np = net.n_params;
    float *pa = malloc(np * sizeof(float)), *pb = malloc(np * sizeof(float));
    float *pc = malloc(np * sizeof(float));
    printf("determinism: %s, seed %llu, 1 epoch on 2000 training images, twice\n", spec,
           (unsigned long long)cfg.seed);
    qnet_init(&net, pa, cfg.seed);
    qnet_train(&net, pa, im.data, lb.data, 2000, &cfg);
    qnet_init(&net, pb, cfg.seed);
    qnet_train(&net, pb, im.data, lb.data, 2000, &cfg);
    CHECK(!memcmp(pa, pb, np * sizeof(float)), "same seed gave different parameters");
    cfg.seed = 8;
    qnet_init(&net, pc, cfg.seed);
    qnet_train(&net, pc, im.data, lb.data, 2000, &cfg);
    CHECK(memcmp(pa, pc, np * sizeof(float)), "seeds 7 and 8 gave identical parameters");

    /* 3. quantization of the trained tiny net */
    const double pct[2] = {100.0, 99.99};
    qcalib cal;
    quant_calibrate(&net, pa, im.data, 500, pct, 2, &cal);
    for (int l = 0; l < net.n - 1; l++)
        CHECK(cal.range[1][l] <= cal.range[0][l] && cal.range[1][l] > 0.0,
              "layer %d: percentile range %g not in (0, max %g]", l, cal.range[1][l],
              cal.range[0][l]);
    eyrie_model m;
    if (quant_build(&net, pa, cal.range[0], "tiny", &m, err, sizeof err)) {
        CHECK(0, "quant_build: %s", err);
        return 1;
    }
    CHECK(eyrie_model_validate(&m, err, sizeof err) == 0, "validate: %s", err);
    CHECK(m.has_float == 1 && m.n_layers == net.n, "has_float/n_layers");
    double worst = 0.0;
    int checked = 0;
    for (int l = 0; l < m.n_layers; l++) {
        const eyrie_layer *L = &m.layer[l];
        const int last = l == m.n_layers - 1;
        size_t fan = eyrie_layer_fanin(L);
        if (l == 0)
            CHECK(L->s_in == 1.0f / 255.0f && L->z_in == 0, "input scale not 1/255, z 0");
        else
            CHECK(L->s_in == m.layer[l - 1].s_out, "layer %d: s_in != previous s_out", l);
        CHECK(L->z_in == 0 && L->z_out == 0, "layer %d: zero points not 0", l);
        if (last) {
            CHECK(L->flags == EYRIE_F_LOGITS, "last layer flags 0x%x, want LOGITS only", L->flags);
            CHECK(L->s_out == L->s_in * L->s_w[0], "logits s_out != s_in*s_w");
        } else {
            CHECK(L->flags & EYRIE_F_RELU, "layer %d: no RELU flag", l);
            CHECK(fabs(L->s_out - cal.range[0][l] / 255.0) <= 1e-6 * L->s_out,
                  "layer %d: s_out %g != range/255", l, L->s_out);
        }
        for (int k = 0; k < L->c_out; k++) {
            double sw = L->s_w[k];
            float amax = 0.0f;
            int wmax = 0;
            for (size_t t = 0; t < fan; t++) {
                float wf = L->wf[k * fan + t];
                int q = L->w[k * fan + t];
                amax = fmaxf(amax, fabsf(wf));
                wmax = abs(q) > wmax ? abs(q) : wmax;
                CHECK(q == (int)lround(wf / sw), "layer %d ch %d tap %zu: w %d != round(%g/%g)",
                      l, k, t, q, wf, sw);
            }
            CHECK(L->bias[k] == (int32_t)lround(L->bf[k] / ((double)L->s_in * sw)),
                  "layer %d ch %d: bias", l, k);
            if (last) {
                CHECK(L->s_w[k] == L->s_w[0], "last layer: channel %d has its own scale", k);
                CHECK(L->mult[k] == 0 && L->shift[k] == 0, "last layer: M/S not 0");
            } else {
                CHECK(wmax == 127, "layer %d ch %d: largest |w| %d, want 127 (per-channel)", l,
                      k, wmax);
                double mr = quant_real_mult(L, k);
                double me = ldexp(L->mult[k], -L->shift[k]);
                double re = fabs(me - mr) / mr;
                worst = fmax(worst, re);
                checked++;
                CHECK(re <= ldexp(1.0, -15), "layer %d ch %d: M/2^S %.9g vs m %.9g (rel %.2e)",
                      l, k, me, mr, re);
                /* largest S: one more bit would overflow M or S */
                CHECK(L->shift[k] == 31 || llround(ldexp(mr, L->shift[k] + 1)) > 65535,
                      "layer %d ch %d: S=%u is not the largest", l, k, L->shift[k]);
            }
        }
    }
    printf("quantizer: %d channels, worst |M/2^S - m|/m = %.2e (bound 2^-15 = %.2e)\n", checked,
           worst, ldexp(1.0, -15));
    /* round trip through the file format, byte for byte */
    uint8_t *b1 = NULL, *b2 = NULL;
    size_t n1 = 0, n2 = 0;
    eyrie_model m2;
    CHECK(eyrie_model_serialize(&m, &b1, &n1, err, sizeof err) == 0, "serialize: %s", err);
    CHECK(b1 && eyrie_model_parse(b1, n1, &m2, err, sizeof err) == 0, "parse: %s", err);
    CHECK(eyrie_model_serialize(&m2, &b2, &n2, err, sizeof err) == 0, "serialize 2: %s", err);
    CHECK(n1 == n2 && b2 && !memcmp(b1, b2, n1), "model bytes changed in a round trip");
    /* int8 tracks float on 1,000 training images not used for training */
    const int off = 59000, nv = 1000;
    const uint8_t *vi = im.data + (size_t)off * im.rows * im.cols, *vl = lb.data + off;
    double acc_q = quant_accuracy_int8(&m, vi, vl, nv, 0);
    double acc_f = quant_accuracy_float(&m, vi, vl, nv);
    double acc_t = qnet_accuracy(&net, pa, vi, vl, nv);
    printf("accuracy on training images %d..%d: trainer float %.1f%%, model float %.1f%%, "
           "int8 %.1f%%\n", off, off + nv - 1, 100 * acc_t, 100 * acc_f, 100 * acc_q);
    CHECK(acc_f > 0.60, "tiny net float accuracy %.3f too low: training is broken", acc_f);
    CHECK(fabs(acc_t - acc_f) <= 0.005, "trainer and eyrie_infer_float disagree");
    CHECK(fabs(acc_q - acc_f) <= 0.02, "int8 %.3f vs float %.3f: more than 2 points", acc_q,
          acc_f);
    CHECK(quant_accuracy_int8(&m, vi, vl, nv, 1) == acc_q, "fast and reference int8 differ");
    /* an unrepresentable multiplier is rejected: a tiny range makes m huge */
    double tiny[QN_MAX_LAYERS];
    for (int l = 0; l < net.n; l++)
        tiny[l] = 1e-12;
    eyrie_model m3;
    CHECK(quant_build(&net, pa, tiny, "tiny", &m3, err, sizeof err) != 0,
          "range 1e-12 should make m unrepresentable");
    if (failures == 0)
        printf("quantizer rejects m >= 65535.5: \"%s\"\n", err);
    free(b1);
    free(b2);
    eyrie_model_free(&m);
    eyrie_model_free(&m2);
    free(pa);
    free(pb);
    free(pc);
    eyrie_idx_free(&im);
    eyrie_idx_free(&lb);
    if (failures) {
        fprintf(stderr, "test-quant: %d failure(s)\n", failures);
        return 1;
    }
    printf("test-quant: all checks passed\n");
    return 0;
}
