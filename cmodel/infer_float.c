/* infer_float.c - float32 reference path (docs/numerics.md section 7):
 * input pixel/255, conv/fc with the float weights (padding is real zero),
 * ReLU, 2x2 maxpool, argmax with ties to the lowest index.  Accuracy
 * reference only; nothing in the hardware depends on it. */
#include "internal.h"

/* Loop order: output channel, input channel, tap, then output rows and
 * the columns whose tap lands inside the image (padding is real zero, so
 * taps outside are skipped). */
static void conv_f(const eyrie_layer *L, const float *in, float *out)
{
    const int C = L->c_in, H = L->h_in, W = L->w_in, K = L->k, P = L->pad;
    int Ho, Wo;
    eyrie_layer_conv_dims(L, &Ho, &Wo);
    for (int k = 0; k < L->c_out; k++) {
        float *o = out + (size_t)k * Ho * Wo;
        for (int t = 0; t < Ho * Wo; t++)
            o[t] = L->bf[k];
        for (int c = 0; c < C; c++)
            for (int i = 0; i < K; i++)
                for (int j = 0; j < K; j++) {
                    const float wt = L->wf[(((size_t)k * C + c) * K + i) * K + j];
                    const int x0 = P - j > 0 ? P - j : 0;
                    const int x1 = W + P - j < Wo ? W + P - j : Wo;
                    for (int y = 0; y < Ho; y++) {
                        const int yy = y + i - P;
                        if (yy < 0 || yy >= H)
                            continue;
                        const float *src = in + ((size_t)c * H + yy) * W + (j - P);
                        float *dst = o + (size_t)y * Wo;
                        for (int x = x0; x < x1; x++)
                            dst[x] += wt * src[x];
                    }
                }
    }
}

static void fc_f(const eyrie_layer *L, const float *in, float *out)
{
    const size_t N = eyrie_layer_in_size(L);
    for (int k = 0; k < L->c_out; k++) {
        float s = L->bf[k];
        for (size_t n = 0; n < N; n++)
            s += L->wf[(size_t)k * N + n] * in[n];
        out[k] = s;
    }
}

static void pool_f(const float *in, int c, int h, int w, float *out)
{
    const int ho = h / 2, wo = w / 2;
    for (int ch = 0; ch < c; ch++)
        for (int y = 0; y < ho; y++)
            for (int x = 0; x < wo; x++) {
                const float *p = in + ((size_t)ch * h + 2 * y) * w + 2 * x;
                float v = p[0];
                if (p[1] > v) v = p[1];
                if (p[w] > v) v = p[w];
                if (p[w + 1] > v) v = p[w + 1];
                out[((size_t)ch * ho + y) * wo + x] = v;
            }
}

/* Returns the class, or -1 if the model has no float weights or ws does
 * not fit m. */
int eyrie_infer_float(const eyrie_model *m, eyrie_ws *ws, const uint8_t *img, float *logits)
{
    if (!m->has_float || !eyrie__ws_matches(ws, m))
        return -1;
    float *a = ws->fa, *b = ws->fb;
    const size_t n0 = (size_t)m->c * m->h * m->w;
    for (size_t i = 0; i < n0; i++)
        a[i] = (float)img[i] / 255.0f;
    for (int i = 0; i < m->n_layers; i++) {
        const eyrie_layer *L = &m->layer[i];
        if (L->type == EYRIE_CONV)
            conv_f(L, a, b);
        else
            fc_f(L, a, b);
        const size_t n = eyrie_layer_acc_size(L);
        if (L->flags & EYRIE_F_RELU)
            for (size_t t = 0; t < n; t++)
                if (b[t] < 0.0f)
                    b[t] = 0.0f;
        if (L->flags & EYRIE_F_POOL) {
            int h, w;
            eyrie_layer_conv_dims(L, &h, &w);
            pool_f(b, L->c_out, h, w, a);
        } else {
            float *t = a;
            a = b;
            b = t;
        }
    }
    const int n = eyrie_model_classes(m);
    int best = 0;
    for (int k = 0; k < n; k++) {
        logits[k] = a[k];
        if (a[k] > a[best])
            best = k;
    }
    return best;
}
