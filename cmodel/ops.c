/* ops.c - the integer operations of docs/numerics.md, one function per
 * RTL unit (PE array -> conv/fc accumulators, requantizer, pool, argmax).
 * Reference code: plain loop nests, no cleverness. */
#include "eyrie.h"

/* Rounding arithmetic right shift (numerics.md section 4):
 *   r = (x + (s > 0 ? 2^(s-1) : 0)) >> s,  >> = floor
 * i.e. round to nearest, ties toward +infinity ("round half up"):
 * -2.5 -> -2, 2.5 -> 3.  s = 0 returns x unchanged.  Legal for s in 0..62
 * and |x| < 2^62 (the requantizer uses s <= 31, |x| < 2^47).
 * The floor shift is written without relying on >> of a negative number
 * (implementation-defined in C). */
int64_t eyrie_round_shift(int64_t x, unsigned s)
{
    if (s == 0)
        return x;
    int64_t y = x + ((int64_t)1 << (s - 1));
    if (y >= 0)
        return y >> s;
    /* floor(y / 2^s) for y < 0: -ceil(-y / 2^s) */
    return -(((-y) + ((int64_t)1 << s) - 1) >> s);
}

/* Requantize one accumulator (numerics.md section 4):
 *   p = acc * M            |p| <= 2^31 * 65535 < 2^47, exact in int64
 *   r = round_shift(p, S)  round half up; S = 0: r = p
 *   out = clamp(r + z_out, relu ? z_out : 0, 255)
 * ReLU is the lower clamp at z_out (real zero). */
uint8_t eyrie_requant(int32_t acc, uint16_t m, uint8_t s, uint8_t z_out, int relu)
{
    int64_t p = (int64_t)acc * (int64_t)m;
    int64_t v = eyrie_round_shift(p, s) + (int64_t)z_out;
    int64_t lo = relu ? (int64_t)z_out : 0;
    if (v < lo)
        v = lo;
    if (v > 255)
        v = 255;
    return (uint8_t)v;
}

/* Convolution accumulators (numerics.md section 2), stride 1.
 * acc[k][y][x] = bias[k] + sum_{c,i,j} w[k][c][i][j] * a(c, y+i-P, x+j-P)
 * Padding: a tap outside the image reads the input zero point z_in (real
 * zero), it is NOT skipped, because the quantizer folded -z_in*sum(w)
 * into the bias.
 * Overflow: every partial sum is bounded by |bias| + 255*sum|w| over the
 * channel's taps, which the model loader checks is <= 2^31-1 (section 3),
 * so the int32 accumulator cannot overflow in any summation order. */
void eyrie_conv_acc(const eyrie_layer *L, const uint8_t *in, int32_t *acc)
{
    const int C = L->c_in, H = L->h_in, W = L->w_in;
    const int K = L->k, P = L->pad, CO = L->c_out;
    int Ho, Wo;
    eyrie_layer_conv_dims(L, &Ho, &Wo);

    for (int y = 0; y < Ho; y++) {
        for (int x = 0; x < Wo; x++) {
            for (int k = 0; k < CO; k++) {
                int32_t sum = L->bias[k];
                for (int i = 0; i < K; i++) {
                    for (int j = 0; j < K; j++) {
                        const int yy = y + i - P, xx = x + j - P;
                        const int inside = yy >= 0 && yy < H && xx >= 0 && xx < W;
                        for (int c = 0; c < C; c++) {
                            /* a tap outside the image reads the padding code z_in */
                            int32_t a = inside ? in[((size_t)c * H + yy) * W + xx] : L->z_in;
                            int32_t wt = L->w[(((size_t)k * C + c) * K + i) * K + j];
                            sum += wt * a;
                        }
                    }
                }
                acc[((size_t)k * Ho + y) * Wo + x] = sum;
            }
        }
    }
}

/* Fully connected accumulators: acc[k] = bias[k] + sum_n w[k][n] * q[n],
 * n over the CHW-flattened input.  Same overflow argument as conv. */
void eyrie_fc_acc(const eyrie_layer *L, const uint8_t *in, int32_t *acc)
{
    const size_t N = eyrie_layer_in_size(L);
    for (int k = 0; k < L->c_out; k++) {
        int32_t sum = L->bias[k];
        for (size_t n = 0; n < N; n++)
            sum += (int32_t)L->w[(size_t)k * N + n] * (int32_t)in[n];
        acc[k] = sum;
    }
}

/* Requantize acc[c_out][conv_h][conv_w] with channel k's M[k], S[k]. */
void eyrie_requant_layer(const eyrie_layer *L, const int32_t *acc, uint8_t *out)
{
    int h, w;
    eyrie_layer_conv_dims(L, &h, &w);
    const size_t hw = (size_t)h * (size_t)w;
    const int relu = (L->flags & EYRIE_F_RELU) != 0;
    for (int k = 0; k < L->c_out; k++)
        for (size_t i = 0; i < hw; i++)
            out[(size_t)k * hw + i] =
                eyrie_requant(acc[(size_t)k * hw + i], L->mult[k], L->shift[k],
                              L->z_out, relu);
}

/* 2x2 stride-2 max pool on codes (numerics.md section 5), CHW in and out.
 * Output floor(h/2) x floor(w/2): an odd last row/column is dropped. */
void eyrie_pool(const uint8_t *in, int c, int h, int w, uint8_t *out)
{
    const int ho = h / 2, wo = w / 2;
    for (int ch = 0; ch < c; ch++) {
        const uint8_t *p = in + (size_t)ch * h * w;
        for (int y = 0; y < ho; y++) {
            for (int x = 0; x < wo; x++) {
                uint8_t m = p[(2 * y) * w + 2 * x];
                if (p[(2 * y) * w + 2 * x + 1] > m) m = p[(2 * y) * w + 2 * x + 1];
                if (p[(2 * y + 1) * w + 2 * x] > m) m = p[(2 * y + 1) * w + 2 * x];
                if (p[(2 * y + 1) * w + 2 * x + 1] > m) m = p[(2 * y + 1) * w + 2 * x + 1];
                out[((size_t)ch * ho + y) * wo + x] = m;
            }
        }
    }
}

/* Index of the largest value, ties to the lowest index (numerics.md 6).
 * Returns -1 for n <= 0. */
int eyrie_argmax(const int32_t *v, int n)
{
    if (n <= 0)
        return -1;
    int best = 0;
    for (int i = 1; i < n; i++)
        if (v[i] > v[best])
            best = i;
    return best;
}
