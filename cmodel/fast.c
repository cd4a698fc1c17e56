/* fast.c - fast int8 inference (eyrie_infer_fast), tested equal to the
 * reference eyrie_infer on every test image.
 *
 * Layout: each layer's input is kept as an int16 HWC tensor with its
 * padding border already filled with the code z_in, so a conv tap row
 * (k columns x c_in channels) is one contiguous run of k*c_in values and a
 * fully connected layer's whole input is one run.  Weights are repacked
 * once into [tap row][tap pair][output channel][2] int16, so every step of
 * the inner loop is "broadcast two input values, multiply-add them with two
 * taps of 8 output channels" - the pmaddwd/vpmaddwd pattern.  Each pair of
 * products is at most 2 * 255 * 127 and the int32 sum is exact (section 3
 * of docs/numerics.md), so the summation order does not matter.
 * Pooling is done on the accumulators before requantization, which is
 * exact because requantization is monotone (numerics.md section 5).
 *
 * SIMD: AVX-512 VNNI or AVX2 kernels when the CPU has them (runtime check),
 * else the plain C kernel; EYRIE_SIMD=c|avx2|avx512 caps the level.
 * The packed weights live in the workspace; they are repacked when the
 * model's weight or bias arrays change address. */
#include <stdlib.h>

#include "internal.h"

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define EYRIE_X86 1
#include <immintrin.h>
#endif

typedef struct {
    int R;            /* tap rows: conv k, fc 1 */
    int C, P;         /* input channels, padding */
    int Hp, Wp;       /* padded input size */
    int Ho, Wo;       /* conv output size (fc: 1 x 1) */
    int seg, npair;   /* values per tap row, pairs per tap row */
    size_t rowstride; /* input offset between tap rows */
    int cop;          /* c_out rounded up to the SIMD width (8 or 16) */
    int16_t *in;      /* padded HWC input, +2 slack */
    int16_t *w;       /* [R][npair][cop][2] */
    int32_t *bias;    /* [cop] */
    int32_t *acc;     /* [Ho*Wo][cop] */
    const int8_t *src_w;
    const int32_t *src_b;
} fast_layer;

/* SIMD level, chosen once per workspace from the CPU; the environment
 * variable EYRIE_SIMD=c|avx2|avx512 caps it (the tests run every level). */
enum { LVL_C = 0, LVL_AVX2 = 1, LVL_AVX512 = 2 };

struct eyrie_fast {
    int n_layers;
    int level;
    fast_layer l[EYRIE_MAX_LAYERS];
};

void eyrie__fast_free(eyrie_fast *f)
{
    if (!f)
        return;
    for (int i = 0; i < EYRIE_MAX_LAYERS; i++) {
        free(f->l[i].in);
        free(f->l[i].w);
        free(f->l[i].bias);
        free(f->l[i].acc);
    }
    free(f);
}

/* Repack layer weights and bias (shapes already set). */
static void pack(fast_layer *F, const eyrie_layer *L)
{
    const int cop = F->cop;
    memset(F->w, 0, (size_t)F->R * F->npair * cop * 2 * sizeof(int16_t));
    memset(F->bias, 0, (size_t)cop * sizeof(int32_t));
    const size_t fan = eyrie_layer_fanin(L);
    const size_t HW = (size_t)L->h_in * L->w_in;
    for (int k = 0; k < L->c_out; k++) {
        F->bias[k] = L->bias[k];
        for (int i = 0; i < F->R; i++)
            for (int s = 0; s < F->seg; s++) {
                size_t src;
                if (L->type == EYRIE_CONV) { /* s = j*C + c */
                    int j = s / F->C, c = s % F->C;
                    src = (((size_t)k * F->C + c) * L->k + i) * L->k + j;
                } else { /* s = (y*W + x)*C + c  ->  CHW index */
                    size_t c = (size_t)s % F->C, yx = (size_t)s / F->C;
                    src = (size_t)k * fan + c * HW + yx;
                }
                size_t dst = (((size_t)i * F->npair + s / 2) * cop + k) * 2 + (s & 1);
                F->w[dst] = L->w[src];
            }
    }
    F->src_w = L->w;
    F->src_b = L->bias;
}

static eyrie_fast *fast_new(const eyrie_model *m)
{
    eyrie_fast *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->n_layers = m->n_layers;
    f->level = LVL_C;
#ifdef EYRIE_X86
    __builtin_cpu_init();
    const char *cap = getenv("EYRIE_SIMD");
    int max = !cap ? LVL_AVX512 : !strcmp(cap, "avx512") ? LVL_AVX512 : !strcmp(cap, "avx2") ? LVL_AVX2 : LVL_C;
    if (__builtin_cpu_supports("avx2"))
        f->level = LVL_AVX2;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vnni"))
        f->level = LVL_AVX512;
    if (f->level > max)
        f->level = max;
#endif
    const int lanes = f->level == LVL_AVX512 ? 16 : 8;
    for (int i = 0; i < m->n_layers; i++) {
        const eyrie_layer *L = &m->layer[i];
        fast_layer *F = &f->l[i];
        F->C = L->c_in;
        eyrie_layer_conv_dims(L, &F->Ho, &F->Wo);
        if (L->type == EYRIE_CONV) {
            F->R = L->k;
            F->P = L->pad;
            F->seg = L->k * L->c_in;
        } else {
            F->R = 1;
            F->P = 0;
            F->seg = (int)eyrie_layer_in_size(L);
        }
        F->Hp = L->h_in + 2 * F->P;
        F->Wp = L->w_in + 2 * F->P;
        F->rowstride = (size_t)F->Wp * F->C;
        F->npair = (F->seg + 1) / 2;
        F->cop = (L->c_out + lanes - 1) / lanes * lanes;
        const size_t nin = (size_t)F->Hp * F->Wp * F->C;
        F->in = malloc((nin + 2) * sizeof(int16_t));
        F->w = malloc((size_t)F->R * F->npair * F->cop * 2 * sizeof(int16_t));
        F->bias = malloc((size_t)F->cop * sizeof(int32_t));
        F->acc = malloc((size_t)F->Ho * F->Wo * F->cop * sizeof(int32_t));
        if (!F->in || !F->w || !F->bias || !F->acc) {
            eyrie__fast_free(f);
            return NULL;
        }
        /* border = padding code z_in; interior is overwritten per image */
        for (size_t t = 0; t < nin; t++)
            F->in[t] = L->z_in;
        F->in[nin] = F->in[nin + 1] = 0; /* slack read by an odd tap row */
        pack(F, L);
    }
    return f;
}

static inline int32_t rd_pair(const int16_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* acc[0..cop) = bias + taps of one output pixel whose input starts at base */
static void kern_c(const fast_layer *F, const int16_t *base, int32_t *acc)
{
    const int cop = F->cop;
    memcpy(acc, F->bias, (size_t)cop * sizeof(int32_t));
    for (int i = 0; i < F->R; i++) {
        const int16_t *sg = base + i * F->rowstride;
        const int16_t *w = F->w + (size_t)i * F->npair * cop * 2;
        for (int q = 0; q < F->npair; q++) {
            const int32_t a0 = sg[2 * q], a1 = sg[2 * q + 1];
            const int16_t *wq = w + (size_t)q * cop * 2;
            for (int k = 0; k < cop; k++)
                acc[k] += a0 * wq[2 * k] + a1 * wq[2 * k + 1];
        }
    }
}

#ifdef EYRIE_X86
/* nb blocks of 8 channels starting at channel g8*8 (nb constant-folded) */
__attribute__((target("avx2"), always_inline)) static inline void
kern_avx2_grp(const fast_layer *F, const int16_t *base, int32_t *acc, int g8, int nb)
{
    const int cop = F->cop;
    __m256i a[4];
    for (int b = 0; b < nb; b++)
        a[b] = _mm256_loadu_si256((const __m256i *)(F->bias + (g8 + b) * 8));
    for (int i = 0; i < F->R; i++) {
        const int16_t *sg = base + i * F->rowstride;
        const int16_t *w = F->w + ((size_t)i * F->npair * cop + (size_t)g8 * 8) * 2;
        for (int q = 0; q < F->npair; q++) {
            const __m256i x = _mm256_set1_epi32(rd_pair(sg + 2 * q));
            const int16_t *wq = w + (size_t)q * cop * 2;
            for (int b = 0; b < nb; b++)
                a[b] = _mm256_add_epi32(
                    a[b], _mm256_madd_epi16(x, _mm256_loadu_si256((const __m256i *)(wq + b * 16))));
        }
    }
    for (int b = 0; b < nb; b++)
        _mm256_storeu_si256((__m256i *)(acc + (g8 + b) * 8), a[b]);
}

__attribute__((target("avx2"))) static void kern_avx2(const fast_layer *F, const int16_t *base,
                                                      int32_t *acc)
{
    const int nblk = F->cop / 8;
    int g = 0;
    for (; g + 4 <= nblk; g += 4)
        kern_avx2_grp(F, base, acc, g, 4);
    switch (nblk - g) {
    case 3: kern_avx2_grp(F, base, acc, g, 3); break;
    case 2: kern_avx2_grp(F, base, acc, g, 2); break;
    case 1: kern_avx2_grp(F, base, acc, g, 1); break;
    default: break;
    }
}

/* AVX-512 VNNI: vpdpwssd = the same pair multiply-add, accumulate fused */
__attribute__((target("avx512f,avx512bw,avx512vnni"), always_inline)) static inline void
kern_512_grp(const fast_layer *F, const int16_t *base, int32_t *acc, int g16, int nb)
{
    const int cop = F->cop;
    __m512i a[4];
    for (int b = 0; b < nb; b++)
        a[b] = _mm512_loadu_si512((const void *)(F->bias + (g16 + b) * 16));
    for (int i = 0; i < F->R; i++) {
        const int16_t *sg = base + i * F->rowstride;
        const int16_t *w = F->w + ((size_t)i * F->npair * cop + (size_t)g16 * 16) * 2;
        for (int q = 0; q < F->npair; q++) {
            const __m512i x = _mm512_set1_epi32(rd_pair(sg + 2 * q));
            const int16_t *wq = w + (size_t)q * cop * 2;
            for (int b = 0; b < nb; b++)
                a[b] = _mm512_dpwssd_epi32(a[b], x, _mm512_loadu_si512((const void *)(wq + b * 32)));
        }
    }
    for (int b = 0; b < nb; b++)
        _mm512_storeu_si512((void *)(acc + (g16 + b) * 16), a[b]);
}

__attribute__((target("avx512f,avx512bw,avx512vnni"))) static void
kern_512(const fast_layer *F, const int16_t *base, int32_t *acc)
{
    const int nblk = F->cop / 16;
    int g = 0;
    for (; g + 4 <= nblk; g += 4)
        kern_512_grp(F, base, acc, g, 4);
    switch (nblk - g) {
    case 3: kern_512_grp(F, base, acc, g, 3); break;
    case 2: kern_512_grp(F, base, acc, g, 2); break;
    case 1: kern_512_grp(F, base, acc, g, 1); break;
    default: break;
    }
}
#endif

/* Same arithmetic as eyrie_requant (numerics.md section 4); >> of a
 * negative int64 is an arithmetic shift with gcc and clang. */
static inline int16_t requant(int32_t acc, uint16_t m, uint8_t s, int32_t z, int32_t lo)
{
    int64_t p = (int64_t)acc * m;
    if (s)
        p = (p + ((int64_t)1 << (s - 1))) >> s;
    p += z;
    if (p < lo)
        p = lo;
    if (p > 255)
        p = 255;
    return (int16_t)p;
}

/* Requantize (and pool) layer L's accumulators into the next layer's
 * padded input buffer N (pad P2). */
static void emit(const eyrie_layer *L, const fast_layer *F, fast_layer *N)
{
    const int cop = F->cop, CO = L->c_out, P2 = N->P, Wp2 = N->Wp;
    const int32_t z = L->z_out, lo = (L->flags & EYRIE_F_RELU) ? z : 0;
    const int pool = (L->flags & EYRIE_F_POOL) != 0;
    const int ho = pool ? F->Ho / 2 : F->Ho, wo = pool ? F->Wo / 2 : F->Wo;
    for (int y = 0; y < ho; y++)
        for (int x = 0; x < wo; x++) {
            int16_t *d = N->in + ((size_t)(y + P2) * Wp2 + x + P2) * CO;
            if (pool) {
                const int32_t *p00 = F->acc + ((size_t)(2 * y) * F->Wo + 2 * x) * cop;
                const int32_t *p01 = p00 + cop;
                const int32_t *p10 = p00 + (size_t)F->Wo * cop;
                const int32_t *p11 = p10 + cop;
                for (int k = 0; k < CO; k++) {
                    int32_t v = p00[k];
                    if (p01[k] > v) v = p01[k];
                    if (p10[k] > v) v = p10[k];
                    if (p11[k] > v) v = p11[k];
                    d[k] = requant(v, L->mult[k], L->shift[k], z, lo);
                }
            } else {
                const int32_t *p = F->acc + ((size_t)y * F->Wo + x) * cop;
                for (int k = 0; k < CO; k++)
                    d[k] = requant(p[k], L->mult[k], L->shift[k], z, lo);
            }
        }
}

int eyrie_infer_fast(const eyrie_model *m, eyrie_ws *ws, const uint8_t *img, int32_t *logits)
{
    if (!eyrie__ws_matches(ws, m))
        return -1;
    if (!ws->fast && !(ws->fast = fast_new(m)))
        return -1;
    eyrie_fast *f = ws->fast;
    for (int i = 0; i < m->n_layers; i++)
        if (f->l[i].src_w != m->layer[i].w || f->l[i].src_b != m->layer[i].bias)
            pack(&f->l[i], &m->layer[i]);

    /* image CHW uint8 -> layer 0's padded HWC int16 */
    fast_layer *F0 = &f->l[0];
    for (int c = 0; c < m->c; c++)
        for (int y = 0; y < m->h; y++)
            for (int x = 0; x < m->w; x++)
                F0->in[((size_t)(y + F0->P) * F0->Wp + x + F0->P) * m->c + c] =
                    img[((size_t)c * m->h + y) * m->w + x];

    for (int i = 0; i < m->n_layers; i++) {
        const eyrie_layer *L = &m->layer[i];
        fast_layer *F = &f->l[i];
        for (int y = 0; y < F->Ho; y++)
            for (int x = 0; x < F->Wo; x++) {
                const int16_t *base = F->in + ((size_t)y * F->Wp + x) * F->C;
                int32_t *acc = F->acc + ((size_t)y * F->Wo + x) * F->cop;
#ifdef EYRIE_X86
                if (f->level == LVL_AVX512) {
                    kern_512(F, base, acc);
                    continue;
                }
                if (f->level == LVL_AVX2) {
                    kern_avx2(F, base, acc);
                    continue;
                }
#endif
                kern_c(F, base, acc);
            }
        if (!(L->flags & EYRIE_F_LOGITS))
            emit(L, F, &f->l[i + 1]);
    }

    const int last = m->n_layers - 1;
    const fast_layer *F = &f->l[last];
    const int CO = m->layer[last].c_out, hw = F->Ho * F->Wo;
    for (int p = 0; p < hw; p++)
        for (int k = 0; k < CO; k++)
            logits[(size_t)k * hw + p] = F->acc[(size_t)p * F->cop + k];
    return eyrie_argmax(logits, CO * hw);
}
