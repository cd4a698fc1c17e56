/* net.c - deterministic float32 CNN: spec parsing, forward, backward, Adam.
 * See net.h for the determinism rules this file keeps. Convolutions are
 * im2col + GEMM loops whose innermost loop is an axpy over output pixels
 * (vectorized by gcc -O3 without reordering any sum) or a dot product with
 * eight explicit partial sums (a fixed order written in the source). */
#define _POSIX_C_SOURCE 200809L
#include "net.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------- PRNG ---------------- */
static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void qrng_seed(qrng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t qrng_next(qrng *r)
{
    uint64_t *s = r->s;
    uint64_t res = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return res;
}

double qrng_uniform(qrng *r) { return (double)(qrng_next(r) >> 11) * 0x1.0p-53; }

uint32_t qrng_below(qrng *r, uint32_t n)
{
    /* rejection sampling: unbiased */
    uint64_t lim = UINT64_MAX - UINT64_MAX % n;
    uint64_t v;
    do
        v = qrng_next(r);
    while (v >= lim);
    return (uint32_t)(v % n);
}

/* ---------------- elementary functions ---------------- */
double qn_exp(double x)
{
    if (x < -745.0)
        return 0.0;
    if (x > 709.0)
        x = 709.0;
    /* x = n ln2 + r, |r| <= ln2/2; Taylor series of e^r to r^14 */
    double t = x * 1.4426950408889634;
    double n = (double)(long)(t < 0 ? t - 0.5 : t + 0.5);
    double r = (x - n * 0.6931471803691238) - n * 1.9082149292705877e-10;
    double s = 1.0, term = 1.0;
    for (int i = 1; i <= 14; i++) {
        term = term * r / i;
        s += term;
    }
    return ldexp(s, (int)n); /* exact scaling by 2^n */
}

double qn_cos(double x)
{
    const double pi = 3.14159265358979323846, twopi = 6.28318530717958647692;
    double q = (double)(long)(x / twopi);
    x -= q * twopi;
    if (x > pi)
        x -= twopi;
    if (x < -pi)
        x += twopi;
    double x2 = x * x, s = 1.0, term = 1.0;
    for (int i = 1; i <= 16; i++) {
        term = -term * x2 / ((2 * i - 1) * (2 * i));
        s += term;
    }
    return s;
}

/* ---------------- spec parsing ---------------- */
static const char *preset(const char *arch)
{
    if (!strcmp(arch, "lenet"))
        return "c6k3p1,pool,c16k3p0,pool,f120,f84,f10";
    if (!strcmp(arch, "default"))
        return "c32k3p1,pool,c64k3p1,pool,c64k3p1,pool,f10";
    return NULL;
}

static int parse_int(const char **p, int *v)
{
    const char *s = *p;
    if (*s < '0' || *s > '9')
        return -1;
    long x = 0;
    while (*s >= '0' && *s <= '9') {
        x = x * 10 + (*s - '0');
        if (x > 100000)
            return -1;
        s++;
    }
    *v = (int)x;
    *p = s;
    return 0;
}

int qnet_parse(const char *arch, int c, int h, int w, qnet *net, char *err,
               size_t errlen)
{
    const char *spec = preset(arch);
    if (!spec)
        spec = arch;
    memset(net, 0, sizeof *net);
    net->c = c;
    net->h = h;
    net->w = w;
    if (strlen(spec) >= sizeof net->spec) {
        snprintf(err, errlen, "arch spec too long");
        return -1;
    }
    snprintf(net->spec, sizeof net->spec, "%s", spec);
    int cc = c, hh = h, ww = w, flat = 0;
    size_t off = 0;
    const char *p = spec;
    while (*p) {
        const char *tok = p;
        size_t toklen = strcspn(p, ",");
        if (!strncmp(p, "pool", 4) && toklen == 4) {
            if (net->n == 0 || net->L[net->n - 1].type != QN_CONV ||
                net->L[net->n - 1].pool) {
                snprintf(err, errlen, "arch: 'pool' must follow a conv layer");
                return -1;
            }
            qlayer *L = &net->L[net->n - 1];
            L->pool = 1;
            L->h_out = L->ho / 2;
            L->w_out = L->wo / 2;
            if (L->h_out < 1 || L->w_out < 1) {
                snprintf(err, errlen, "arch: pool on a %dx%d map", L->ho, L->wo);
                return -1;
            }
            hh = L->h_out;
            ww = L->w_out;
            L->out_size = (size_t)L->c_out * hh * ww;
            p += 4;
        } else if (*p == 'c' || *p == 'f') {
            if (net->n == QN_MAX_LAYERS) {
                snprintf(err, errlen, "arch: more than %d layers", QN_MAX_LAYERS);
                return -1;
            }
            qlayer *L = &net->L[net->n];
            int n = 0, k = 0, pad = 0;
            char t = *p++;
            if (parse_int(&p, &n) || n < 1 || n > 1024)
                goto bad;
            if (t == 'c') {
                if (flat) {
                    snprintf(err, errlen, "arch: conv after fc");
                    return -1;
                }
                if (*p++ != 'k' || parse_int(&p, &k) || k < 1 || k > 5)
                    goto bad;
                if (*p == 'p') {
                    p++;
                    if (parse_int(&p, &pad) || pad > 1)
                        goto bad;
                }
                L->type = QN_CONV;
                L->k = k;
                L->pad = pad;
                L->ho = hh + 2 * pad - k + 1;
                L->wo = ww + 2 * pad - k + 1;
                if (L->ho < 1 || L->wo < 1) {
                    snprintf(err, errlen, "arch: %dx%d kernel on a %dx%d map", k, k, hh, ww);
                    return -1;
                }
                L->fanin = (size_t)cc * k * k;
            } else {
                L->type = QN_FC;
                L->ho = L->wo = 1;
                L->fanin = (size_t)cc * hh * ww;
                flat = 1;
            }
            L->c_in = cc;
            L->h_in = hh;
            L->w_in = ww;
            L->c_out = n;
            L->in_size = (size_t)cc * hh * ww;
            L->pre_size = (size_t)n * L->ho * L->wo;
            L->h_out = L->ho;
            L->w_out = L->wo;
            L->out_size = L->pre_size;
            L->relu = 1;
            L->w_off = off;
            off += (size_t)n * L->fanin;
            L->b_off = off;
            off += (size_t)n;
            cc = n;
            hh = L->ho;
            ww = L->wo;
            net->n++;
        } else {
            goto bad;
        }
        if (p != tok + toklen)
            goto bad;
        if (*p == ',')
            p++;
        continue;
    bad:
        snprintf(err, errlen, "arch: bad token '%.*s' (want cNkK[pP], pool, fN)",
                 (int)toklen, tok);
        return -1;
    }
    if (net->n == 0 || net->L[net->n - 1].type != QN_FC) {
        snprintf(err, errlen, "arch: the last layer must be fc (fN)");
        return -1;
    }
    net->L[net->n - 1].relu = 0;
    net->n_params = off;
    return 0;
}

size_t qnet_macs(const qnet *net)
{
    size_t m = 0;
    for (int l = 0; l < net->n; l++)
        m += net->L[l].pre_size * net->L[l].fanin;
    return m;
}

void qnet_init(const qnet *net, float *params, uint64_t seed)
{
    qrng r;
    qrng_seed(&r, seed);
    for (int l = 0; l < net->n; l++) {
        const qlayer *L = &net->L[l];
        double a = sqrt(6.0 / (double)L->fanin);
        size_t nw = (size_t)L->c_out * L->fanin;
        for (size_t i = 0; i < nw; i++)
            params[L->w_off + i] = (float)((2.0 * qrng_uniform(&r) - 1.0) * a);
        for (int o = 0; o < L->c_out; o++)
            params[L->b_off + o] = 0.0f;
    }
}

/* ---------------- workspace ---------------- */
struct qws {
    float *act[QN_MAX_LAYERS + 1];  /* act[l] = input of layer l */
    float *pre[QN_MAX_LAYERS];      /* post-ReLU conv output before pooling */
    int32_t *pidx[QN_MAX_LAYERS];   /* pool winner index into pre */
    float *col[QN_MAX_LAYERS];      /* im2col of layer input (conv) */
    float *dact[QN_MAX_LAYERS + 1];
    float *dpre;                    /* largest pre_size */
    float *dcol;                    /* largest col size */
    float *prob;
};

static void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz);
    if (!p) {
        fprintf(stderr, "eyrie-train: out of memory\n");
        exit(2);
    }
    return p;
}

qws *qws_new(const qnet *net)
{
    qws *ws = xcalloc(1, sizeof *ws);
    size_t maxpre = 1, maxcol = 1;
    for (int l = 0; l < net->n; l++) {
        const qlayer *L = &net->L[l];
        ws->act[l] = xcalloc(L->in_size, sizeof(float));
        ws->dact[l] = xcalloc(L->in_size, sizeof(float));
        ws->pre[l] = xcalloc(L->pre_size, sizeof(float));
        if (L->pool)
            ws->pidx[l] = xcalloc(L->out_size, sizeof(int32_t));
        if (L->type == QN_CONV) {
            size_t cs = L->fanin * (size_t)L->ho * L->wo;
            ws->col[l] = xcalloc(cs, sizeof(float));
            if (cs > maxcol)
                maxcol = cs;
        }
        if (L->pre_size > maxpre)
            maxpre = L->pre_size;
    }
    const qlayer *last = &net->L[net->n - 1];
    ws->act[net->n] = xcalloc(last->out_size, sizeof(float));
    ws->dact[net->n] = xcalloc(last->out_size, sizeof(float));
    ws->dpre = xcalloc(maxpre, sizeof(float));
    ws->dcol = xcalloc(maxcol, sizeof(float));
    ws->prob = xcalloc(last->out_size, sizeof(float));
    return ws;
}

void qws_free(qws *ws)
{
    if (!ws)
        return;
    for (int l = 0; l <= QN_MAX_LAYERS; l++) {
        free(ws->act[l]);
        free(ws->dact[l]);
        if (l < QN_MAX_LAYERS) {
            free(ws->pre[l]);
            free(ws->pidx[l]);
            free(ws->col[l]);
        }
    }
    free(ws->dpre);
    free(ws->dcol);
    free(ws->prob);
    free(ws);
}

const float *qnet_layer_pre(const qws *ws, int l) { return ws->pre[l]; }

/* ---------------- kernels ---------------- */
/* Dot product with eight partial sums in a fixed order. */
static float dot8(const float *restrict a, const float *restrict b, size_t n)
{
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; j++)
            acc[j] += a[i + j] * b[i + j];
    float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) +
              ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; i++)
        s += a[i] * b[i];
    return s;
}

static void axpy(float *restrict y, float a, const float *restrict x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        y[i] += a * x[i];
}

static void im2col(const qlayer *L, const float *in, float *col)
{
    int K = L->k, P = L->pad, H = L->h_in, W = L->w_in, Ho = L->ho, Wo = L->wo;
    for (int c = 0; c < L->c_in; c++)
        for (int i = 0; i < K; i++)
            for (int j = 0; j < K; j++) {
                float *dst = col + (((size_t)c * K + i) * K + j) * Ho * Wo;
                const float *src = in + (size_t)c * H * W;
                for (int y = 0; y < Ho; y++) {
                    int iy = y + i - P;
                    float *d = dst + (size_t)y * Wo;
                    if (iy < 0 || iy >= H) { /* padding row: real zero */
                        for (int x = 0; x < Wo; x++)
                            d[x] = 0.0f;
                        continue;
                    }
                    const float *s = src + (size_t)iy * W;
                    for (int x = 0; x < Wo; x++) {
                        int ix = x + j - P;
                        d[x] = (ix >= 0 && ix < W) ? s[ix] : 0.0f;
                    }
                }
            }
}

static void col2im_add(const qlayer *L, const float *col, float *din)
{
    int K = L->k, P = L->pad, H = L->h_in, W = L->w_in, Ho = L->ho, Wo = L->wo;
    memset(din, 0, L->in_size * sizeof(float));
    for (int c = 0; c < L->c_in; c++)
        for (int i = 0; i < K; i++)
            for (int j = 0; j < K; j++) {
                const float *src = col + (((size_t)c * K + i) * K + j) * Ho * Wo;
                float *dst = din + (size_t)c * H * W;
                for (int y = 0; y < Ho; y++) {
                    int iy = y + i - P;
                    if (iy < 0 || iy >= H)
                        continue; /* padding taps carry no gradient */
                    const float *s = src + (size_t)y * Wo;
                    float *d = dst + (size_t)iy * W;
                    for (int x = 0; x < Wo; x++) {
                        int ix = x + j - P;
                        if (ix >= 0 && ix < W)
                            d[ix] += s[x];
                    }
                }
            }
}

/* The 4x4 block of gemm_acc: restrict parameters (not block-scope locals)
 * let gcc vectorize over p without runtime alias checks. */
__attribute__((noinline)) static void
kern4x4(float *restrict y0, float *restrict y1, float *restrict y2, float *restrict y3,
        const float *restrict x0, const float *restrict x1, const float *restrict x2,
        const float *restrict x3, const float *restrict a, size_t P)
{
    float a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3];
    float a10 = a[4], a11 = a[5], a12 = a[6], a13 = a[7];
    float a20 = a[8], a21 = a[9], a22 = a[10], a23 = a[11];
    float a30 = a[12], a31 = a[13], a32 = a[14], a33 = a[15];
    for (size_t p = 0; p < P; p++) {
        float v0 = x0[p], v1 = x1[p], v2 = x2[p], v3 = x3[p];
        float t0 = y0[p], t1 = y1[p], t2 = y2[p], t3 = y3[p];
        t0 += a00 * v0; t0 += a01 * v1; t0 += a02 * v2; t0 += a03 * v3;
        t1 += a10 * v0; t1 += a11 * v1; t1 += a12 * v2; t1 += a13 * v3;
        t2 += a20 * v0; t2 += a21 * v1; t2 += a22 * v2; t2 += a23 * v3;
        t3 += a30 * v0; t3 += a31 * v1; t3 += a32 * v2; t3 += a33 * v3;
        y0[p] = t0; y1[p] = t1; y2[p] = t2; y3[p] = t3;
    }
}

__attribute__((noinline)) static void
kern4x1(float *restrict y0, float *restrict y1, float *restrict y2, float *restrict y3,
        const float *restrict x0, float a0, float a1, float a2, float a3, size_t P)
{
    for (size_t p = 0; p < P; p++) {
        float v0 = x0[p];
        y0[p] += a0 * v0;
        y1[p] += a1 * v0;
        y2[p] += a2 * v0;
        y3[p] += a3 * v0;
    }
}

/* Y[i][p] += sum_j A(i,j) X[j][p] for i < M, p < P, with A(i,j) =
 * A[i*asi + j*asj]. For every element the j terms are added one at a time in
 * increasing j (the order of a plain loop nest); blocking 4 i x 4 j only
 * keeps four Y rows in registers across four X rows. */
static void gemm_acc(float *Y, size_t M, const float *A, size_t asi, size_t asj,
                     const float *X, size_t N, size_t P)
{
    size_t i = 0;
    for (; i + 4 <= M; i += 4) {
        float *restrict y0 = Y + i * P, *restrict y1 = y0 + P;
        float *restrict y2 = y1 + P, *restrict y3 = y2 + P;
        const float *a0 = A + i * asi, *a1 = a0 + asi, *a2 = a1 + asi, *a3 = a2 + asi;
        size_t j = 0;
        for (; j + 4 <= N; j += 4) {
            const float *restrict x0 = X + j * P, *restrict x1 = x0 + P;
            const float *restrict x2 = x1 + P, *restrict x3 = x2 + P;
            size_t j0 = j * asj, j1 = j0 + asj, j2 = j1 + asj, j3 = j2 + asj;
            float a00 = a0[j0], a01 = a0[j1], a02 = a0[j2], a03 = a0[j3];
            float a10 = a1[j0], a11 = a1[j1], a12 = a1[j2], a13 = a1[j3];
            float a20 = a2[j0], a21 = a2[j1], a22 = a2[j2], a23 = a2[j3];
            float a30 = a3[j0], a31 = a3[j1], a32 = a3[j2], a33 = a3[j3];
            const float a[16] = {a00, a01, a02, a03, a10, a11, a12, a13,
                                 a20, a21, a22, a23, a30, a31, a32, a33};
            kern4x4(y0, y1, y2, y3, x0, x1, x2, x3, a, P);
        }
        for (; j < N; j++)
            kern4x1(y0, y1, y2, y3, X + j * P, a0[j * asj], a1[j * asj], a2[j * asj],
                    a3[j * asj], P);
    }
    for (; i < M; i++)
        for (size_t j = 0; j < N; j++)
            axpy(Y + i * P, A[i * asi + j * asj], X + j * P, P);
}

const float *qnet_forward(const qnet *net, const float *params, qws *ws, const float *x)
{
    memcpy(ws->act[0], x, net->L[0].in_size * sizeof(float));
    for (int l = 0; l < net->n; l++) {
        const qlayer *L = &net->L[l];
        const float *Wt = params + L->w_off, *b = params + L->b_off;
        float *in = ws->act[l], *pre = ws->pre[l], *out = ws->act[l + 1];
        if (L->type == QN_CONV) {
            size_t P = (size_t)L->ho * L->wo;
            im2col(L, in, ws->col[l]);
            for (int o = 0; o < L->c_out; o++)
                for (size_t p = 0; p < P; p++)
                    pre[o * P + p] = b[o];
            gemm_acc(pre, (size_t)L->c_out, Wt, L->fanin, 1, ws->col[l], L->fanin, P);
        } else {
            for (int o = 0; o < L->c_out; o++)
                pre[o] = b[o] + dot8(Wt + (size_t)o * L->fanin, in, L->fanin);
        }
        if (L->relu)
            for (size_t i = 0; i < L->pre_size; i++)
                pre[i] = pre[i] > 0.0f ? pre[i] : 0.0f;
        if (L->pool) {
            int Ho = L->ho, Wo = L->wo, Hp = L->h_out, Wp = L->w_out;
            for (int c = 0; c < L->c_out; c++)
                for (int y = 0; y < Hp; y++)
                    for (int xx = 0; xx < Wp; xx++) {
                        int base = (c * Ho + 2 * y) * Wo + 2 * xx;
                        int cand[4] = {base, base + 1, base + Wo, base + Wo + 1};
                        int best = cand[0];
                        for (int t = 1; t < 4; t++)
                            if (pre[cand[t]] > pre[best])
                                best = cand[t];
                        size_t oi = ((size_t)c * Hp + y) * Wp + xx;
                        out[oi] = pre[best];
                        ws->pidx[l][oi] = best;
                    }
        } else {
            memcpy(out, pre, L->pre_size * sizeof(float));
        }
    }
    return ws->act[net->n];
}

int qnet_argmax(const float *v, int n)
{
    int b = 0;
    for (int i = 1; i < n; i++)
        if (v[i] > v[b])
            b = i;
    return b;
}

float qnet_backward(const qnet *net, const float *params, qws *ws, int label, float *grad)
{
    const qlayer *last = &net->L[net->n - 1];
    int nc = last->c_out;
    const float *z = ws->act[net->n];
    float *dz = ws->dact[net->n];
    double mx = z[qnet_argmax(z, nc)], sum = 0.0;
    for (int i = 0; i < nc; i++) {
        ws->prob[i] = (float)qn_exp((double)z[i] - mx);
        sum += ws->prob[i];
    }
    for (int i = 0; i < nc; i++) {
        ws->prob[i] = (float)(ws->prob[i] / sum);
        dz[i] = ws->prob[i] - (i == label ? 1.0f : 0.0f);
    }
    float loss = (float)-log(ws->prob[label] > 1e-30f ? ws->prob[label] : 1e-30f);

    for (int l = net->n - 1; l >= 0; l--) {
        const qlayer *L = &net->L[l];
        const float *Wt = params + L->w_off;
        float *gW = grad + L->w_off, *gb = grad + L->b_off;
        float *dout = ws->dact[l + 1];
        float *dp; /* gradient wrt the pre-pool, pre-ReLU output */
        if (L->pool) {
            dp = ws->dpre;
            memset(dp, 0, L->pre_size * sizeof(float));
            for (size_t i = 0; i < L->out_size; i++)
                dp[ws->pidx[l][i]] += dout[i];
        } else {
            dp = dout;
        }
        if (L->relu)
            for (size_t i = 0; i < L->pre_size; i++)
                if (!(ws->pre[l][i] > 0.0f))
                    dp[i] = 0.0f;
        if (L->type == QN_FC) {
            const float *in = ws->act[l];
            for (int o = 0; o < L->c_out; o++) {
                gb[o] += dp[o];
                axpy(gW + (size_t)o * L->fanin, dp[o], in, L->fanin);
            }
            if (l > 0) {
                float *din = ws->dact[l];
                memset(din, 0, L->fanin * sizeof(float));
                for (int o = 0; o < L->c_out; o++)
                    axpy(din, dp[o], Wt + (size_t)o * L->fanin, L->fanin);
            }
        } else {
            size_t R = L->fanin, P = (size_t)L->ho * L->wo;
            const float *col = ws->col[l];
            for (int o = 0; o < L->c_out; o++) {
                const float *d = dp + o * P;
                float s = 0.0f;
                for (size_t p = 0; p < P; p++)
                    s += d[p];
                gb[o] += s;
            }
            if (R >= 16) { /* dW[o][:] += sum_p dp[o][p] colT[p][:] */
                float *colT = ws->dcol;
                for (size_t r = 0; r < R; r++)
                    for (size_t p = 0; p < P; p++)
                        colT[p * R + r] = col[r * P + p];
                gemm_acc(gW, (size_t)L->c_out, dp, P, 1, colT, P, R);
            } else {
                for (int o = 0; o < L->c_out; o++)
                    for (size_t r = 0; r < R; r++)
                        gW[o * R + r] += dot8(dp + o * P, col + r * P, P);
            }
            if (l > 0) {
                float *dcol = ws->dcol;
                memset(dcol, 0, R * P * sizeof(float));
                gemm_acc(dcol, R, Wt, 1, R, dp, (size_t)L->c_out, P);
                col2im_add(L, dcol, ws->dact[l]);
            }
        }
    }
    return loss;
}

/* ---------------- training ---------------- */
void qtrain_defaults(qtrain_cfg *c)
{
    c->epochs = 12;
    c->batch = 64;
    c->lr = 2e-3;
    c->lr_min = 0.0;
    c->wd = 0.0;
    c->beta1 = 0.9;
    c->beta2 = 0.999;
    c->eps = 1e-8;
    c->flip = 1;
    c->seed = 1;
    c->verbose = 1;
}

void qnet_image(const qnet *net, const uint8_t *img, int flip, float *x)
{
    int H = net->h, W = net->w;
    for (int y = 0; y < H; y++)
        for (int xx = 0; xx < W; xx++)
            x[y * W + xx] = (float)img[y * W + (flip ? W - 1 - xx : xx)] / 255.0f;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int qnet_train(const qnet *net, float *params, const uint8_t *images,
               const uint8_t *labels, int n, const qtrain_cfg *cfg)
{
    size_t np = net->n_params, isz = (size_t)net->h * net->w;
    float *grad = xcalloc(np, sizeof(float));
    float *m = xcalloc(np, sizeof(float));
    float *v = xcalloc(np, sizeof(float));
    unsigned char *is_w = xcalloc(np, 1);
    float *x = xcalloc(isz, sizeof(float));
    int *order = xcalloc((size_t)n, sizeof(int));
    qws *ws = qws_new(net);
    qrng rng;
    qrng_seed(&rng, cfg->seed ^ 0x5eed0ddba11ull);
    for (int l = 0; l < net->n; l++)
        for (size_t i = 0; i < (size_t)net->L[l].c_out * net->L[l].fanin; i++)
            is_w[net->L[l].w_off + i] = 1;

    long steps_per_epoch = (n + cfg->batch - 1) / cfg->batch;
    long total = steps_per_epoch * cfg->epochs, step = 0;
    double b1t = 1.0, b2t = 1.0, t0 = now();
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int ep = 0; ep < cfg->epochs; ep++) {
        for (int i = n - 1; i > 0; i--) { /* Fisher-Yates */
            int j = (int)qrng_below(&rng, (uint32_t)i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double loss_sum = 0.0, lr = cfg->lr;
        long correct = 0;
        for (int s0 = 0; s0 < n; s0 += cfg->batch) {
            int bn = n - s0 < cfg->batch ? n - s0 : cfg->batch;
            memset(grad, 0, np * sizeof(float));
            for (int bi = 0; bi < bn; bi++) {
                int idx = order[s0 + bi];
                int flip = cfg->flip ? (int)(qrng_next(&rng) >> 63) : 0;
                qnet_image(net, images + (size_t)idx * isz, flip, x);
                const float *lg = qnet_forward(net, params, ws, x);
                correct += qnet_argmax(lg, net->L[net->n - 1].c_out) == labels[idx];
                loss_sum += qnet_backward(net, params, ws, labels[idx], grad);
            }
            /* cosine decay, evaluated at the start of the step */
            lr = cfg->lr_min + 0.5 * (cfg->lr - cfg->lr_min) *
                 (1.0 + qn_cos(3.14159265358979323846 * (double)step / (double)total));
            step++;
            b1t *= cfg->beta1;
            b2t *= cfg->beta2;
            float inv_b = 1.0f / (float)bn;
            float fb1 = (float)cfg->beta1, fb2 = (float)cfg->beta2;
            float c1 = (float)(1.0 / (1.0 - b1t)), c2 = (float)(1.0 / (1.0 - b2t));
            float flr = (float)lr, feps = (float)cfg->eps, fwd = (float)(lr * cfg->wd);
            for (size_t i = 0; i < np; i++) {
                float g = grad[i] * inv_b;
                m[i] = fb1 * m[i] + (1.0f - fb1) * g;
                v[i] = fb2 * v[i] + (1.0f - fb2) * (g * g);
                float mh = m[i] * c1, vh = v[i] * c2;
                float upd = flr * mh / (sqrtf(vh) + feps);
                if (is_w[i])
                    upd += fwd * params[i];
                params[i] -= upd;
            }
        }
        if (cfg->verbose)
            fprintf(stderr, "epoch %2d/%d  lr %.2e  loss %.4f  train acc %.2f%%  %.1f s\n",
                    ep + 1, cfg->epochs, lr, loss_sum / n, 100.0 * correct / n, now() - t0);
    }
    qws_free(ws);
    free(grad);
    free(m);
    free(v);
    free(is_w);
    free(x);
    free(order);
    return 0;
}

double qnet_accuracy(const qnet *net, const float *params, const uint8_t *images,
                     const uint8_t *labels, int n)
{
    size_t isz = (size_t)net->h * net->w;
    float *x = xcalloc(isz, sizeof(float));
    qws *ws = qws_new(net);
    long ok = 0;
    for (int i = 0; i < n; i++) {
        qnet_image(net, images + (size_t)i * isz, 0, x);
        const float *lg = qnet_forward(net, params, ws, x);
        ok += qnet_argmax(lg, net->L[net->n - 1].c_out) == labels[i];
    }
    qws_free(ws);
    free(x);
    return n ? (double)ok / n : 0.0;
}
