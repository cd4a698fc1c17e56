/* test_ops.c - every integer operation of docs/numerics.md against
 * hand-checked cases (the expected numbers are worked out by hand in the
 * comments, not computed by a second implementation). */
#include <stdlib.h>
#include <string.h>

#include "eyrie.h"
#include "testlib.h"

static void test_round_shift(void)
{
    /* round half up: ties go toward +infinity */
    CHECK_EQ(eyrie_round_shift(-5, 1), -2); /* -2.5 -> -2 */
    CHECK_EQ(eyrie_round_shift(5, 1), 3);   /*  2.5 ->  3 */
    CHECK_EQ(eyrie_round_shift(-3, 1), -1); /* -1.5 -> -1 */
    CHECK_EQ(eyrie_round_shift(-6, 2), -1); /* -1.5 -> -1 */
    CHECK_EQ(eyrie_round_shift(-7, 2), -2); /* -1.75 -> -2 */
    CHECK_EQ(eyrie_round_shift(-5, 2), -1); /* -1.25 -> -1 */
    CHECK_EQ(eyrie_round_shift(6, 2), 2);   /* 1.5 -> 2 */
    CHECK_EQ(eyrie_round_shift(5, 2), 1);   /* 1.25 -> 1 */
    CHECK_EQ(eyrie_round_shift(-1, 1), 0);  /* -0.5 -> 0 */
    CHECK_EQ(eyrie_round_shift(-2, 2), 0);  /* -0.5 -> 0 */
    CHECK_EQ(eyrie_round_shift(-3, 2), -1); /* -0.75 -> -1 */
    /* S = 0: nothing added, nothing shifted */
    CHECK_EQ(eyrie_round_shift(-7, 0), -7);
    CHECK_EQ(eyrie_round_shift(-140735340806145LL, 0), -140735340806145LL);
    /* S = 31 at the extremes: (2^31-1)*65535 / 2^31 = 65534.99997 */
    CHECK_EQ(eyrie_round_shift(140735340806145LL, 31), 65535);
    CHECK_EQ(eyrie_round_shift(-140735340806145LL, 31), -65535);
    CHECK_EQ(eyrie_round_shift(2147450880LL, 31), 1);   /* 32768*65535: 0.99998 -> 1 */
    CHECK_EQ(eyrie_round_shift(1073741824LL, 31), 1);   /* exactly 0.5 -> 1 */
    CHECK_EQ(eyrie_round_shift(1073741823LL, 31), 0);   /* just under 0.5 -> 0 */
    CHECK_EQ(eyrie_round_shift(-1073741824LL, 31), 0);  /* exactly -0.5 -> 0 */
    CHECK_EQ(eyrie_round_shift(-1073741825LL, 31), -1); /* just under -0.5 -> -1 */
}

static void test_requant(void)
{
    /* acc*M = -5, S = 1 -> -2; z_out 10 -> 8 */
    CHECK_EQ(eyrie_requant(-5, 1, 1, 10, 0), 8);
    CHECK_EQ(eyrie_requant(5, 1, 1, 10, 0), 13);
    /* acc*M = -5 via acc=-1, M=5 */
    CHECK_EQ(eyrie_requant(-1, 5, 1, 10, 0), 8);
    /* S = 0: r = p */
    CHECK_EQ(eyrie_requant(100, 1, 0, 0, 0), 100);
    CHECK_EQ(eyrie_requant(-1, 1, 0, 5, 0), 4);
    CHECK_EQ(eyrie_requant(3, 40, 0, 0, 0), 120);
    /* saturation at both ends */
    CHECK_EQ(eyrie_requant(255, 1, 0, 0, 0), 255);
    CHECK_EQ(eyrie_requant(256, 1, 0, 0, 0), 255);
    CHECK_EQ(eyrie_requant(1000, 1, 0, 0, 0), 255);
    CHECK_EQ(eyrie_requant(250, 1, 0, 5, 0), 255);
    CHECK_EQ(eyrie_requant(251, 1, 0, 5, 0), 255);
    CHECK_EQ(eyrie_requant(249, 1, 0, 5, 0), 254);
    CHECK_EQ(eyrie_requant(-1, 1, 0, 0, 0), 0);
    CHECK_EQ(eyrie_requant(-1000, 1, 0, 0, 0), 0);
    CHECK_EQ(eyrie_requant(-5, 1, 0, 5, 0), 0);
    CHECK_EQ(eyrie_requant(-6, 1, 0, 5, 0), 0);
    /* ReLU is the lower clamp at z_out */
    CHECK_EQ(eyrie_requant(-10, 1, 0, 20, 0), 10);
    CHECK_EQ(eyrie_requant(-10, 1, 0, 20, 1), 20);
    CHECK_EQ(eyrie_requant(10, 1, 0, 20, 1), 30);
    CHECK_EQ(eyrie_requant(-1, 1, 0, 0, 1), 0);
    /* M = 0: output is z_out whatever acc */
    CHECK_EQ(eyrie_requant(INT32_MAX, 0, 0, 17, 0), 17);
    CHECK_EQ(eyrie_requant(INT32_MIN + 1, 0, 31, 17, 1), 17);
    CHECK_EQ(eyrie_requant(-123456, 0, 5, 0, 0), 0);
    /* M = 65535 and the accumulator extremes */
    CHECK_EQ(eyrie_requant(INT32_MAX, 65535, 31, 0, 0), 255);   /* 65535 -> 255 */
    CHECK_EQ(eyrie_requant(INT32_MIN + 1, 65535, 31, 0, 0), 0); /* -65535 -> 0 */
    CHECK_EQ(eyrie_requant(INT32_MIN + 1, 65535, 31, 9, 1), 9);
    CHECK_EQ(eyrie_requant(INT32_MAX, 65535, 0, 0, 0), 255);
    CHECK_EQ(eyrie_requant(INT32_MIN + 1, 65535, 0, 200, 0), 0);
    CHECK_EQ(eyrie_requant(32768, 65535, 31, 3, 0), 4);   /* 0.99998 -> 1, +3 */
    CHECK_EQ(eyrie_requant(-32768, 65535, 31, 3, 0), 2);  /* -0.99998 -> -1, +3 */
    CHECK_EQ(eyrie_requant(16384, 65535, 31, 3, 0), 3);   /* 0.49999 -> 0 */
    CHECK_EQ(eyrie_requant(16384, 65536 / 2, 30, 3, 0), 4); /* 2^29/2^30 = 0.5 -> 1 */
    CHECK_EQ(eyrie_requant(-16384, 32768, 30, 3, 0), 3);  /* -0.5 -> 0 */
    /* S = 31 with a mid-size product: 1000*40000 / 2^31 = 0.0186 -> 0 */
    CHECK_EQ(eyrie_requant(1000, 40000, 31, 0, 0), 0);
    /* a realistic one: acc 12345, M 40000, S 20: 470.9 -> 471 -> 255 */
    CHECK_EQ(eyrie_requant(12345, 40000, 20, 0, 0), 255);
    /* acc 12345, M 40000, S 22: 117.73 -> 118 */
    CHECK_EQ(eyrie_requant(12345, 40000, 22, 0, 0), 118);
    /* acc -12345, M 40000, S 22: -117.73 -> -118, z 128 -> 10 */
    CHECK_EQ(eyrie_requant(-12345, 40000, 22, 128, 0), 10);
}

/* one-layer helper with caller-provided arrays */
static void mk_layer(eyrie_layer *L, int type, int c, int h, int w, int k, int pad, int co,
                     int z_in, int8_t *wt, int32_t *bias)
{
    memset(L, 0, sizeof *L);
    L->type = (uint8_t)type;
    L->c_in = (uint16_t)c;
    L->h_in = (uint16_t)h;
    L->w_in = (uint16_t)w;
    L->k = (uint8_t)k;
    L->pad = (uint8_t)pad;
    L->c_out = (uint16_t)co;
    L->z_in = (uint8_t)z_in;
    L->w = wt;
    L->bias = bias;
}

static void test_conv(void)
{
    const uint8_t in9[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9}; /* 1x3x3 */
    int32_t acc[32];
    eyrie_layer L;
    /* all-ones 3x3, pad 1, z_in 5: each padded tap reads 5 */
    int8_t ones[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    int32_t b0[2] = {0, 0};
    mk_layer(&L, EYRIE_CONV, 1, 3, 3, 3, 1, 1, 5, ones, b0);
    eyrie_conv_acc(&L, in9, acc);
    CHECK_EQ(acc[0], 1 + 2 + 4 + 5 + 5 * 5);  /* top-left corner: 4 in, 5 pad */
    CHECK_EQ(acc[1], 1 + 2 + 3 + 4 + 5 + 6 + 3 * 5); /* top edge */
    CHECK_EQ(acc[2], 2 + 3 + 5 + 6 + 5 * 5);  /* top-right corner */
    CHECK_EQ(acc[4], 45);                     /* centre: no padding */
    CHECK_EQ(acc[6], 4 + 5 + 7 + 8 + 5 * 5);  /* bottom-left */
    CHECK_EQ(acc[8], 5 + 6 + 8 + 9 + 5 * 5);  /* bottom-right: 53 */
    /* same with z_in 0: padding adds nothing */
    L.z_in = 0;
    eyrie_conv_acc(&L, in9, acc);
    CHECK_EQ(acc[0], 12);
    CHECK_EQ(acc[8], 28);
    /* orientation: weights 1..9, no pad: sum n*n = 285, bias -300 */
    int8_t w19[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    int32_t bm[1] = {-300};
    mk_layer(&L, EYRIE_CONV, 1, 3, 3, 3, 0, 1, 0, w19, bm);
    eyrie_conv_acc(&L, in9, acc);
    CHECK_EQ(acc[0], -15);
    /* 2x2 kernel [[1,-1],[2,0]] on 3x3: 2x2 output */
    int8_t w2[4] = {1, -1, 2, 0};
    mk_layer(&L, EYRIE_CONV, 1, 3, 3, 2, 0, 1, 0, w2, b0);
    eyrie_conv_acc(&L, in9, acc);
    CHECK_EQ(acc[0], 1 - 2 + 8);   /* 7 */
    CHECK_EQ(acc[1], 2 - 3 + 10);  /* 9 */
    CHECK_EQ(acc[2], 4 - 5 + 14);  /* 13 */
    CHECK_EQ(acc[3], 5 - 6 + 16);  /* 15 */
    /* two input channels, two output channels, 1x1 kernel, pad 1, z_in 3:
     * w[k][c]: k0 = {1, -2}, k1 = {127, -127}; in c0 = 10, c1 = 20 (1x1) */
    const uint8_t in2[2] = {10, 20};
    int8_t w11[4] = {1, -2, 127, -127};
    int32_t b2[2] = {100, -7};
    mk_layer(&L, EYRIE_CONV, 2, 1, 1, 1, 1, 2, 3, w11, b2);
    eyrie_conv_acc(&L, in2, acc); /* output 3x3 per channel */
    CHECK_EQ(acc[0], 100 + 3 - 6);              /* k0, padded corner */
    CHECK_EQ(acc[4], 100 + 10 - 40);            /* k0, centre = image */
    CHECK_EQ(acc[9 + 0], -7 + 127 * 3 - 127 * 3); /* k1 corner: -7 */
    CHECK_EQ(acc[9 + 4], -7 + 1270 - 2540);     /* k1 centre */
    /* extreme accumulator: 1 channel 5x5 kernel, weights -127, input 255 */
    int8_t wneg[25];
    uint8_t in25[25];
    for (int i = 0; i < 25; i++)
        wneg[i] = -127, in25[i] = 255;
    int32_t bx[1] = {-1000};
    mk_layer(&L, EYRIE_CONV, 1, 5, 5, 5, 0, 1, 0, wneg, bx);
    eyrie_conv_acc(&L, in25, acc);
    CHECK_EQ(acc[0], -1000 - 25 * 127 * 255);
}

static void test_fc(void)
{
    eyrie_layer L;
    const uint8_t in[3] = {1, 2, 3};
    int8_t w[6] = {1, 0, -1, 127, 127, 127};
    int32_t b[2] = {10, -5};
    int32_t acc[2];
    mk_layer(&L, EYRIE_FC, 3, 1, 1, 0, 0, 2, 0, w, b);
    eyrie_fc_acc(&L, in, acc);
    CHECK_EQ(acc[0], 8);
    CHECK_EQ(acc[1], -5 + 127 * 6);
    /* CHW flattening: c=1, h=1, w=3 gives the same result */
    mk_layer(&L, EYRIE_FC, 1, 1, 3, 0, 0, 2, 0, w, b);
    eyrie_fc_acc(&L, in, acc);
    CHECK_EQ(acc[0], 8);
}

static void test_requant_layer(void)
{
    eyrie_layer L;
    int32_t acc[4] = {-5, 5, 100, -100}; /* c_out 2, 1x2 each (fc-like conv 1x2) */
    uint16_t M[2] = {1, 3};
    uint8_t S[2] = {1, 0};
    uint8_t out[4];
    memset(&L, 0, sizeof L);
    L.type = EYRIE_CONV;
    L.k = 1;
    L.c_in = 1;
    L.h_in = 1;
    L.w_in = 2;
    L.c_out = 2;
    L.mult = M;
    L.shift = S;
    L.z_out = 10;
    eyrie_requant_layer(&L, acc, out);
    CHECK_EQ(out[0], 8);   /* -2.5 -> -2, +10 */
    CHECK_EQ(out[1], 13);  /* 2.5 -> 3, +10 */
    CHECK_EQ(out[2], 255); /* 300 + 10 */
    CHECK_EQ(out[3], 0);   /* -300 + 10 */
    L.flags = EYRIE_F_RELU;
    eyrie_requant_layer(&L, acc, out);
    CHECK_EQ(out[0], 10);  /* -2 clamped at z_out */
    CHECK_EQ(out[3], 10);
}

static void test_pool(void)
{
    /* 1 x 3 x 5: odd last row and column dropped -> 1 x 1 x 2 */
    const uint8_t in[15] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 200, 201, 202, 203, 204};
    uint8_t out[4] = {0, 0, 0, 0xAA};
    eyrie_pool(in, 1, 3, 5, out);
    CHECK_EQ(out[0], 7);
    CHECK_EQ(out[1], 9);
    CHECK_EQ(out[2], 0);    /* untouched */
    /* 2 channels of 2x2: max of each, the max in every window position */
    const uint8_t in2[8] = {9, 1, 1, 1, 1, 1, 1, 255};
    eyrie_pool(in2, 2, 2, 2, out);
    CHECK_EQ(out[0], 9);
    CHECK_EQ(out[1], 255);
    const uint8_t in3[4] = {0, 7, 0, 0}, in4[4] = {0, 0, 7, 0};
    eyrie_pool(in3, 1, 2, 2, out);
    CHECK_EQ(out[0], 7);
    eyrie_pool(in4, 1, 2, 2, out);
    CHECK_EQ(out[0], 7);
    /* 1x1 input: output is empty, nothing written */
    out[0] = 0x55;
    eyrie_pool(in, 1, 1, 1, out);
    CHECK_EQ(out[0], 0x55);
    /* 3x3: only the top-left 2x2 counts */
    const uint8_t in9[9] = {1, 2, 250, 3, 4, 250, 250, 250, 250};
    eyrie_pool(in9, 1, 3, 3, out);
    CHECK_EQ(out[0], 4);
}

static void test_argmax(void)
{
    const int32_t a[4] = {5, 7, 7, 1};
    CHECK_EQ(eyrie_argmax(a, 4), 1);
    const int32_t b[3] = {3, 3, 3};
    CHECK_EQ(eyrie_argmax(b, 3), 0);
    const int32_t c[3] = {-3, -1, -1};
    CHECK_EQ(eyrie_argmax(c, 3), 1);
    const int32_t d[3] = {INT32_MIN, INT32_MIN, INT32_MIN + 1};
    CHECK_EQ(eyrie_argmax(d, 3), 2);
    const int32_t e[2] = {INT32_MAX, INT32_MAX};
    CHECK_EQ(eyrie_argmax(e, 2), 0);
    CHECK_EQ(eyrie_argmax(a, 1), 0);
    CHECK_EQ(eyrie_argmax(a, 0), -1);
}

static void test_shapes(void)
{
    eyrie_layer L;
    memset(&L, 0, sizeof L);
    L.type = EYRIE_CONV;
    L.k = 3;
    L.pad = 0;
    L.c_in = 6;
    L.h_in = 14;
    L.w_in = 13;
    L.c_out = 16;
    L.flags = EYRIE_F_POOL;
    int c, h, w;
    eyrie_layer_conv_dims(&L, &h, &w);
    CHECK_EQ(h, 12);
    CHECK_EQ(w, 11);
    eyrie_layer_out_dims(&L, &c, &h, &w);
    CHECK_EQ(c, 16);
    CHECK_EQ(h, 6);
    CHECK_EQ(w, 5); /* 11 -> 5: odd column dropped */
    CHECK_EQ(eyrie_layer_in_size(&L), 6 * 14 * 13);
    CHECK_EQ(eyrie_layer_acc_size(&L), 16 * 12 * 11);
    CHECK_EQ(eyrie_layer_out_size(&L), 16 * 6 * 5);
    CHECK_EQ(eyrie_layer_fanin(&L), 54);
    CHECK_EQ(eyrie_layer_macs(&L), 16 * 12 * 11 * 54);
    L.type = EYRIE_FC;
    L.k = 0;
    L.flags = 0;
    CHECK_EQ(eyrie_layer_fanin(&L), 6 * 14 * 13);
    CHECK_EQ(eyrie_layer_acc_size(&L), 16);
}

int main(void)
{
    test_round_shift();
    test_requant();
    test_conv();
    test_fc();
    test_requant_layer();
    test_pool();
    test_argmax();
    test_shapes();
    return t_report("test_ops");
}
