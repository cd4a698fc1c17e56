/* explain.c - eyrie-explain: prints, for one image, a worked example of the
 * arithmetic of docs/numerics.md for every layer of a model: one output
 * value followed from its input codes to the stored result, with the real
 * numbers. The values come from the reference model (eyrie_infer's trace);
 * the tool only shows the intermediate steps and checks that they agree.
 *
 *   eyrie-explain --model FILE --images IDX [--index N] [--channel K]
 *
 * Section 8 of docs/numerics.md is this tool's output for the default
 * model (make explain). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eyrie.h"

static int usage(void)
{
    fprintf(stderr, "usage: eyrie-explain --model FILE --images IDX [--index N] [--channel K]\n");
    return 2;
}

/* Input code of tap (c, y, x), or z_in outside the image (padding). */
static int tap(const eyrie_layer *L, const uint8_t *in, int c, int y, int x)
{
    if (y < 0 || y >= L->h_in || x < 0 || x >= L->w_in)
        return L->z_in;
    return in[((size_t)c * L->h_in + y) * L->w_in + x];
}

/* The output pixel to follow: the centre of the conv output, rounded to
 * the top-left corner of its 2x2 pool window. */
static void pick_pixel(const eyrie_layer *L, int *y, int *x)
{
    int h, w;
    eyrie_layer_conv_dims(L, &h, &w);
    *y = (h / 2) & ~1;
    *x = (w / 2) & ~1;
}

static void explain_requant(const eyrie_layer *L, int k, int32_t acc)
{
    const uint16_t m = L->mult[k];
    const uint8_t s = L->shift[k];
    const int relu = (L->flags & EYRIE_F_RELU) != 0;
    const int64_t p = (int64_t)acc * m;
    const int64_t r = eyrie_round_shift(p, s);
    const uint8_t out = eyrie_requant(acc, m, s, L->z_out, relu);
    printf("    requantize: M = %u, S = %u (M/2^S = %.9g, real m = s_in*s_w/s_out = %.9g)\n",
           m, s, (double)m / (double)(1ull << s),
           (double)L->s_in * L->s_w[k] / L->s_out);
    printf("      p = acc * M = %" PRId32 " * %u = %" PRId64 "\n", acc, m, p);
    printf("      r = (p + 2^%u) >> %u = %" PRId64 "   (exact p / 2^S = %.4f)\n",
           s ? s - 1 : 0, s, r, (double)p / (double)(1ull << s));
    printf("      out = clamp(r + z_out = %" PRId64 ", %d, 255) = %u   (real %.5f)\n",
           r + L->z_out, relu ? L->z_out : 0, out, L->s_out * (out - L->z_out));
}

static void explain_layer(const eyrie_model *mdl, int li, const eyrie_trace *tr, int k)
{
    const eyrie_layer *L = &mdl->layer[li];
    const uint8_t *in = tr->in[li];
    const int32_t *acc = tr->acc[li];
    int h, w;
    eyrie_layer_conv_dims(L, &h, &w);
    k %= L->c_out;
    printf("\nlayer %d: %s, %ux%ux%u -> %u channels%s%s%s\n", li,
           L->type == EYRIE_CONV ? "conv" : "fc", L->c_in, L->h_in, L->w_in, L->c_out,
           (L->flags & EYRIE_F_RELU) ? ", relu" : "", (L->flags & EYRIE_F_POOL) ? ", maxpool" : "",
           (L->flags & EYRIE_F_LOGITS) ? ", logits" : "");
    printf("    s_in = %.9g, z_in = %u, s_w[%d] = %.9g, s_out = %.9g, z_out = %u\n",
           L->s_in, L->z_in, k, L->s_w[k], L->s_out, L->z_out);

    int y = 0, x = 0;
    if (L->type == EYRIE_CONV)
        pick_pixel(L, &y, &x);
    int64_t sum = L->bias[k];
    int shown = 0, nonzero = 0;
    const int fan = (int)eyrie_layer_fanin(L);
    printf("    output channel %d at (y=%d, x=%d): acc = bias + sum of %d products\n", k, y, x, fan);
    printf("      bias = %" PRId32 "  (= round(b / (s_in * s_w)) - z_in * sum(w))\n", L->bias[k]);
    for (int t = 0; t < fan; t++) {
        int a, wt;
        if (L->type == EYRIE_CONV) {
            const int kk = L->k * L->k, c = t / kk, i = (t % kk) / L->k, j = t % L->k;
            a = tap(L, in, c, y + i - L->pad, x + j - L->pad);
            wt = L->w[(size_t)k * fan + t];
            if (a != 0 && wt != 0 && shown < 4) {
                printf("      w[%d][%d][%d][%d] * a(%d, %d, %d) = %4d * %3d = %6d\n", k, c, i, j, c,
                       y + i - L->pad, x + j - L->pad, wt, a, wt * a);
                shown++;
            }
        } else {
            a = in[t];
            wt = L->w[(size_t)k * fan + t];
            if (a != 0 && wt != 0 && shown < 4) {
                printf("      w[%d][%d] * q[%d] = %4d * %3d = %6d\n", k, t, t, wt, a, wt * a);
                shown++;
            }
        }
        nonzero += (a != 0 && wt != 0);
        sum += (int64_t)wt * a;
    }
    const int32_t a0 = acc[((size_t)k * h + y) * w + x];
    printf("      ... (%d non-zero products in all)\n", nonzero);
    printf("      acc = %" PRId64 "   (reference model: %" PRId32 "%s)\n", sum, a0,
           sum == a0 ? ", equal" : ", MISMATCH");
    if (L->flags & EYRIE_F_LOGITS) {
        printf("    logits (no requantization; class = argmax, ties to the lowest index):\n     ");
        for (int c = 0; c < L->c_out; c++)
            printf(" %" PRId32, acc[c]);
        printf("\n      class = %d\n", eyrie_argmax(acc, L->c_out));
        return;
    }
    explain_requant(L, k, a0);
    if (L->flags & EYRIE_F_POOL) {
        int32_t best = INT32_MIN;
        printf("    maxpool window (y=%d..%d, x=%d..%d), codes:", y, y + 1, x, x + 1);
        for (int dy = 0; dy < 2; dy++)
            for (int dx = 0; dx < 2; dx++) {
                const int32_t v = acc[((size_t)k * h + y + dy) * w + x + dx];
                const uint8_t q = eyrie_requant(v, L->mult[k], L->shift[k], L->z_out,
                                                (L->flags & EYRIE_F_RELU) != 0);
                printf(" %u", q);
                if (v > best)
                    best = v;
            }
        const uint8_t pooled = tr->out[li][((size_t)k * (h / 2) + y / 2) * (w / 2) + x / 2];
        printf(" -> max %u (stored output[%d][%d][%d] = %u)\n",
               eyrie_requant(best, L->mult[k], L->shift[k], L->z_out, (L->flags & EYRIE_F_RELU) != 0),
               k, y / 2, x / 2, pooled);
    }
}

int main(int argc, char **argv)
{
    const char *model = NULL, *images = NULL;
    long index = 0, channel = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc) model = argv[++i];
        else if (!strcmp(argv[i], "--images") && i + 1 < argc) images = argv[++i];
        else if (!strcmp(argv[i], "--index") && i + 1 < argc) index = strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--channel") && i + 1 < argc) channel = strtol(argv[++i], NULL, 10);
        else return usage();
    }
    if (!model || !images || index < 0 || channel < 0)
        return usage();

    char err[256];
    eyrie_model m;
    eyrie_idx img;
    if (eyrie_model_load(model, &m, err, sizeof err)) {
        fprintf(stderr, "eyrie-explain: %s\n", err);
        return 2;
    }
    if (eyrie_idx_load(images, &img, err, sizeof err)) {
        fprintf(stderr, "eyrie-explain: %s\n", err);
        eyrie_model_free(&m);
        return 2;
    }
    const size_t isz = (size_t)m.c * m.h * m.w;
    if (img.rows * img.cols != isz || (uint32_t)index >= img.count) {
        fprintf(stderr, "eyrie-explain: %s: no image %ld of %zu bytes\n", images, index, isz);
        eyrie_idx_free(&img);
        eyrie_model_free(&m);
        return 2;
    }
    eyrie_ws *ws = eyrie_ws_new(&m);
    int32_t logits[EYRIE_MAX_CH];
    eyrie_trace tr;
    int cls = ws ? eyrie_infer(&m, ws, img.data + (size_t)index * isz, logits, &tr) : -1;
    int rc = 0;
    if (cls < 0) {
        fprintf(stderr, "eyrie-explain: %s: inference failed\n", model);
        rc = 2;
    } else {
        printf("model %s, image %ld of %s (class %d)\n", m.name, index, images, cls);
        for (int li = 0; li < m.n_layers; li++)
            explain_layer(&m, li, &tr, (int)channel);
    }
    eyrie_ws_free(ws);
    eyrie_idx_free(&img);
    eyrie_model_free(&m);
    return rc;
}
