/* quantize.c - calibration, int8 quantization and the model table.
 * All quantizer arithmetic is in double from the float values stored in the
 * model, so the table and the file agree; round() is lround (half away from
 * zero) as docs/numerics.md says. */
#include "quantize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define QCAL_BINS 4096

static void *qalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz);
    if (!p) {
        fprintf(stderr, "eyrie-train: out of memory\n");
        exit(2);
    }
    return p;
}

void quant_calibrate(const qnet *net, const float *params, const uint8_t *images, int n,
                     const double *pct, int n_pct, qcalib *cal)
{
    size_t isz = (size_t)net->h * net->w;
    float *x = qalloc(isz, sizeof(float));
    qws *ws = qws_new(net);
    double mx[QN_MAX_LAYERS] = {0};
    /* pass 1: maxima */
    for (int i = 0; i < n; i++) {
        qnet_image(net, images + (size_t)i * isz, 0, x);
        qnet_forward(net, params, ws, x);
        for (int l = 0; l < net->n; l++) {
            const float *a = qnet_layer_pre(ws, l);
            for (size_t t = 0; t < net->L[l].pre_size; t++)
                if (a[t] > mx[l])
                    mx[l] = a[t];
        }
    }
    /* pass 2: histograms on [0, max] */
    uint64_t *hist = qalloc((size_t)net->n * QCAL_BINS, sizeof(uint64_t));
    for (int i = 0; i < n; i++) {
        qnet_image(net, images + (size_t)i * isz, 0, x);
        qnet_forward(net, params, ws, x);
        for (int l = 0; l < net->n; l++) {
            if (mx[l] <= 0.0)
                continue;
            const float *a = qnet_layer_pre(ws, l);
            uint64_t *h = hist + (size_t)l * QCAL_BINS;
            for (size_t t = 0; t < net->L[l].pre_size; t++) {
                double v = a[t] > 0.0f ? a[t] : 0.0;
                int b = (int)(v / mx[l] * QCAL_BINS);
                h[b < QCAL_BINS ? b : QCAL_BINS - 1]++;
            }
        }
    }
    cal->n_methods = n_pct < QCAL_MAX_METHODS ? n_pct : QCAL_MAX_METHODS;
    for (int j = 0; j < cal->n_methods; j++) {
        cal->pct[j] = pct[j];
        for (int l = 0; l < net->n; l++) {
            double r = mx[l];
            if (pct[j] < 100.0 && mx[l] > 0.0) {
                const uint64_t *h = hist + (size_t)l * QCAL_BINS;
                uint64_t total = (uint64_t)n * net->L[l].pre_size, cum = 0;
                double want = pct[j] / 100.0 * (double)total;
                for (int b = 0; b < QCAL_BINS; b++) {
                    cum += h[b];
                    if ((double)cum >= want) {
                        r = mx[l] * (b + 1) / QCAL_BINS; /* upper bin edge */
                        break;
                    }
                }
            }
            cal->range[j][l] = r > 0.0 ? r : 1.0; /* a dead layer still needs s > 0 */
        }
    }
    free(hist);
    qws_free(ws);
    free(x);
}

double quant_real_mult(const eyrie_layer *L, int k)
{
    return (double)L->s_in * (double)L->s_w[k] / (double)L->s_out;
}

int quant_build(const qnet *net, const float *params, const double *range,
                const char *name, eyrie_model *m, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    snprintf(m->name, EYRIE_NAME_LEN, "%s", name);
    m->c = (uint16_t)net->c;
    m->h = (uint16_t)net->h;
    m->w = (uint16_t)net->w;
    m->n_layers = net->n;
    m->has_float = 1;
    float s_prev = 1.0f / 255.0f; /* input image: s = 1/255, z = 0 */
    for (int l = 0; l < net->n; l++) {
        const qlayer *Q = &net->L[l];
        eyrie_layer *L = &m->layer[l];
        const int last = l == net->n - 1;
        size_t fan = Q->fanin, nw = fan * (size_t)Q->c_out;
        L->type = Q->type == QN_CONV ? EYRIE_CONV : EYRIE_FC;
        L->k = (uint8_t)(Q->type == QN_CONV ? Q->k : 0);
        L->pad = (uint8_t)(Q->type == QN_CONV ? Q->pad : 0);
        L->flags = (uint8_t)((Q->relu ? EYRIE_F_RELU : 0) | (Q->pool ? EYRIE_F_POOL : 0) |
                             (last ? EYRIE_F_LOGITS : 0));
        L->c_in = (uint16_t)Q->c_in;
        L->h_in = (uint16_t)Q->h_in;
        L->w_in = (uint16_t)Q->w_in;
        L->c_out = (uint16_t)Q->c_out;
        L->z_in = 0;
        L->z_out = 0;
        L->s_in = s_prev;
        L->bias = qalloc(Q->c_out, sizeof(int32_t));
        L->mult = qalloc(Q->c_out, sizeof(uint16_t));
        L->shift = qalloc(Q->c_out, sizeof(uint8_t));
        L->s_w = qalloc(Q->c_out, sizeof(float));
        L->w = qalloc(nw, sizeof(int8_t));
        L->wf = qalloc(nw, sizeof(float));
        L->bf = qalloc(Q->c_out, sizeof(float));
        memcpy(L->wf, params + Q->w_off, nw * sizeof(float));
        memcpy(L->bf, params + Q->b_off, Q->c_out * sizeof(float));
        if (!last && !Q->relu) {
            snprintf(err, errlen, "layer %d: hidden layer without ReLU is not supported", l);
            goto fail;
        }
        /* weight scales: per output channel, or one for the whole last layer */
        float layer_max = 0.0f;
        for (size_t t = 0; t < nw; t++)
            layer_max = fmaxf(layer_max, fabsf(L->wf[t]));
        for (int k = 0; k < Q->c_out; k++) {
            float amax = layer_max;
            if (!last) {
                amax = 0.0f;
                for (size_t t = 0; t < fan; t++)
                    amax = fmaxf(amax, fabsf(L->wf[k * fan + t]));
            }
            L->s_w[k] = amax > 0.0f ? amax / 127.0f : 1.0f / 127.0f;
        }
        L->s_out = last ? L->s_in * L->s_w[0] : (float)(range[l] / 255.0);
        for (int k = 0; k < Q->c_out; k++) {
            double sw = L->s_w[k];
            int64_t wsum = 0;
            for (size_t t = 0; t < fan; t++) {
                long q = lround((double)L->wf[k * fan + t] / sw);
                q = q > 127 ? 127 : q < -127 ? -127 : q;
                L->w[k * fan + t] = (int8_t)q;
                wsum += q;
            }
            double bq = (double)L->bf[k] / ((double)L->s_in * sw);
            if (!(fabs(bq) < 2147483647.0)) {
                snprintf(err, errlen, "layer %d channel %d: bias %g does not fit int32", l, k, bq);
                goto fail;
            }
            int64_t b = (int64_t)lround(bq) - (int64_t)L->z_in * wsum;
            if (b > INT32_MAX || b < INT32_MIN) {
                snprintf(err, errlen, "layer %d channel %d: bias does not fit int32", l, k);
                goto fail;
            }
            L->bias[k] = (int32_t)b;
            if (last) { /* LOGITS: raw accumulators, M/S written 0 */
                L->mult[k] = 0;
                L->shift[k] = 0;
                continue;
            }
            double mr = quant_real_mult(L, k);
            if (!(mr < 65535.5)) {
                snprintf(err, errlen, "layer %d channel %d: multiplier m=%g cannot be represented", l, k, mr);
                goto fail;
            }
            int S = EYRIE_SHIFT_MAX;
            long long M = llround(ldexp(mr, S));
            while (M > 65535 && S > 0) {
                S--;
                M = llround(ldexp(mr, S));
            }
            if (M > 65535 || M < 1) {
                snprintf(err, errlen, "layer %d channel %d: multiplier m=%g cannot be represented (M=%lld)",
                         l, k, mr, M);
                goto fail;
            }
            L->mult[k] = (uint16_t)M;
            L->shift[k] = (uint8_t)S;
        }
        s_prev = L->s_out;
    }
    if (eyrie_model_validate(m, err, errlen))
        goto fail;
    return 0;
fail:
    eyrie_model_free(m);
    return -1;
}

void quant_write_table(const eyrie_model *m, const double *range, const char *method,
                       const char *header, FILE *f)
{
    fputs(header, f);
    size_t np = 0, macs = 0, wbytes = 0;
    for (int l = 0; l < m->n_layers; l++) {
        const eyrie_layer *L = &m->layer[l];
        np += L->c_out * (eyrie_layer_fanin(L) + 1);
        wbytes += L->c_out * eyrie_layer_fanin(L);
        macs += eyrie_layer_macs(L);
    }
    fprintf(f, "# model '%s': input %ux%ux%u, %d layers, %zu parameters (weights+biases), "
               "%zu int8 weight bytes, %zu MACs per image\n",
            m->name, m->c, m->h, m->w, m->n_layers, np, wbytes, macs);
    fprintf(f, "# activation range = %s\n", method);
    fprintf(f, "# s_out = range/255 after ReLU (z = 0); m = s_in*s_w/s_out; "
               "rel.err = |M/2^S - m|/m\n");
    for (int l = 0; l < m->n_layers; l++) {
        const eyrie_layer *L = &m->layer[l];
        const int last = (L->flags & EYRIE_F_LOGITS) != 0;
        int ch, cw, oc, oh, ow;
        eyrie_layer_conv_dims(L, &ch, &cw);
        eyrie_layer_out_dims(L, &oc, &oh, &ow);
        fprintf(f, "\nlayer %d: ", l);
        if (L->type == EYRIE_CONV)
            fprintf(f, "conv %ux%u pad %u, %ux%ux%u -> %ux%dx%d", L->k, L->k, L->pad, L->c_in,
                    L->h_in, L->w_in, L->c_out, ch, cw);
        else
            fprintf(f, "fc, %ux%ux%u (%zu) -> %u", L->c_in, L->h_in, L->w_in,
                    eyrie_layer_fanin(L), L->c_out);
        if (L->flags & EYRIE_F_RELU)
            fprintf(f, ", relu");
        if (L->flags & EYRIE_F_POOL)
            fprintf(f, ", maxpool 2x2 -> %dx%dx%d", oc, oh, ow);
        if (last)
            fprintf(f, ", LOGITS");
        fprintf(f, "; fan-in %zu, %zu MACs\n", eyrie_layer_fanin(L), eyrie_layer_macs(L));
        float swmin = L->s_w[0], swmax = L->s_w[0];
        for (int k = 1; k < L->c_out; k++) {
            swmin = fminf(swmin, L->s_w[k]);
            swmax = fmaxf(swmax, L->s_w[k]);
        }
        fprintf(f, "  s_in %.9g  z_in %u  s_out %.9g  z_out %u", L->s_in, L->z_in, L->s_out,
                L->z_out);
        if (last)
            fprintf(f, "  (logits: s_out = s_in*s_w, one weight scale for the layer, M/S = 0)\n");
        else
            fprintf(f, "  (range %.6g)\n", range[l]);
        fprintf(f, "  weight scale s_w: %.9g .. %.9g\n", swmin, swmax);
        if (last) {
            fprintf(f, "  %4s %15s %11s\n", "ch", "s_w", "bias");
            for (int k = 0; k < L->c_out; k++)
                fprintf(f, "  %4d %15.9g %11d\n", k, L->s_w[k], L->bias[k]);
            continue;
        }
        fprintf(f, "  %4s %15s %11s %6s %3s %15s %15s %10s\n", "ch", "s_w", "bias", "M", "S",
                "M/2^S", "m", "rel.err");
        double worst = 0.0;
        for (int k = 0; k < L->c_out; k++) {
            double mr = quant_real_mult(L, k), me = ldexp((double)L->mult[k], -L->shift[k]);
            double re = fabs(me - mr) / mr;
            worst = fmax(worst, re);
            fprintf(f, "  %4d %15.9g %11d %6u %3u %15.9g %15.9g %10.3e\n", k, L->s_w[k],
                    L->bias[k], L->mult[k], L->shift[k], me, mr, re);
        }
        fprintf(f, "  worst rel.err %.3e\n", worst);
    }
}

double quant_accuracy_int8(const eyrie_model *m, const uint8_t *images, const uint8_t *labels,
                           int n, int fast)
{
    eyrie_ws *ws = eyrie_ws_new(m);
    int32_t logits[EYRIE_MAX_CH];
    size_t isz = (size_t)m->c * m->h * m->w;
    long ok = 0;
    for (int i = 0; i < n; i++) {
        const uint8_t *img = images + (size_t)i * isz;
        int c = fast ? eyrie_infer_fast(m, ws, img, logits) : eyrie_infer(m, ws, img, logits, NULL);
        ok += c == labels[i];
    }
    eyrie_ws_free(ws);
    return n ? (double)ok / n : 0.0;
}

double quant_accuracy_float(const eyrie_model *m, const uint8_t *images, const uint8_t *labels,
                            int n)
{
    eyrie_ws *ws = eyrie_ws_new(m);
    float logits[EYRIE_MAX_CH];
    size_t isz = (size_t)m->c * m->h * m->w;
    long ok = 0;
    for (int i = 0; i < n; i++)
        ok += eyrie_infer_float(m, ws, images + (size_t)i * isz, logits) == labels[i];
    eyrie_ws_free(ws);
    return n ? (double)ok / n : 0.0;
}
