/* test_model.c - random shape-valid models (seeded; the seed is printed):
 * serialize -> parse -> serialize gives identical bytes, the fast path
 * equals the reference on random images (with and without SIMD), and the
 * validator/parser reject each bad case with its specific message. */
#include <stdlib.h>
#include <string.h>

#include "eyrie.h"
#include "testlib.h"

static int zeroed(const eyrie_model *m)
{
    static const eyrie_model z;
    return memcmp(m, &z, sizeof z) == 0;
}

/* fast == reference on random images, trace consistent with the output */
static void check_fast(const eyrie_model *m, rng_t *r, int nimg, const char *simd)
{
    setenv("EYRIE_SIMD", simd, 1);
    eyrie_ws *ws = eyrie_ws_new(m);
    CHECK(ws != NULL, "ws_new");
    if (!ws)
        return;
    const size_t isz = (size_t)m->c * m->h * m->w;
    const int nc = eyrie_model_classes(m);
    uint8_t *img = malloc(isz);
    int32_t *l1 = malloc((size_t)nc * 4), *l2 = malloc((size_t)nc * 4);
    int bad = 0;
    for (int t = 0; t < nimg; t++) {
        int mode = rng_int(r, 0, 3); /* random, all 0, all 255, sparse */
        for (size_t i = 0; i < isz; i++)
            img[i] = (uint8_t)(mode == 0 ? rng_int(r, 0, 255) : mode == 1 ? 0 : mode == 2 ? 255
                               : (rng_int(r, 0, 4) ? 0 : rng_int(r, 0, 255)));
        eyrie_trace tr;
        int c1 = eyrie_infer(m, ws, img, l1, &tr);
        int c2 = eyrie_infer_fast(m, ws, img, l2);
        if (c1 != c2 || memcmp(l1, l2, (size_t)nc * 4) != 0)
            bad++;
        /* trace: layer 0 input is the image, last acc are the logits */
        if (memcmp(tr.in[0], img, isz) || memcmp(tr.acc[m->n_layers - 1], l1, (size_t)nc * 4) ||
            tr.out[m->n_layers - 1] != NULL)
            bad++;
        for (int i = 1; i < m->n_layers; i++)
            if (tr.in[i] != tr.out[i - 1])
                bad++;
    }
    CHECK(bad == 0, "%d mismatches between eyrie_infer and eyrie_infer_fast (EYRIE_SIMD=%s)",
          bad, simd);
    free(img);
    free(l1);
    free(l2);
    eyrie_ws_free(ws);
    unsetenv("EYRIE_SIMD");
}

static void check_roundtrip(const eyrie_model *m)
{
    uint8_t *b1, *b2;
    size_t n1, n2;
    char err[256];
    eyrie_model p;
    CHECK(eyrie_model_serialize(m, &b1, &n1, err, sizeof err) == 0, "serialize: %s", err);
    CHECK(eyrie_model_parse(b1, n1, &p, err, sizeof err) == 0, "parse: %s", err);
    CHECK(eyrie_model_serialize(&p, &b2, &n2, err, sizeof err) == 0, "reserialize: %s", err);
    CHECK(n1 == n2 && memcmp(b1, b2, n1) == 0, "round trip bytes differ");
    free(b2);
    /* every strict prefix is rejected, leaves the model zeroed */
    size_t step = n1 > 4000 ? n1 / 997 : 1;
    int bad = 0;
    for (size_t k = 0; k < n1; k += step) {
        eyrie_model q;
        if (eyrie_model_parse(b1, k, &q, err, sizeof err) == 0 || !zeroed(&q))
            bad++;
    }
    CHECK(bad == 0, "%d truncated prefixes accepted", bad);
    /* one flipped bit anywhere is rejected */
    bad = 0;
    for (size_t k = 0; k < n1; k += step) {
        eyrie_model q;
        b1[k] ^= 0x10;
        if (eyrie_model_parse(b1, n1, &q, err, sizeof err) == 0)
            bad++;
        b1[k] ^= 0x10;
    }
    CHECK(bad == 0, "%d bit flips accepted", bad);
    eyrie_model_free(&p);
    free(b1);
}

/* mutate a copy of m, expect validate to fail with msg */
typedef void (*mutator)(eyrie_model *);
static void expect_reject(const eyrie_model *m, mutator f, const char *msg, const char *what)
{
    eyrie_model c;
    char err[256] = "";
    if (copy_model(&c, m)) {
        CHECK(0, "copy_model");
        return;
    }
    f(&c);
    int rc = eyrie_model_validate(&c, err, sizeof err);
    CHECK(rc == -1 && strstr(err, msg) != NULL, "%s: expected '%s', got rc=%d '%s'", what, msg,
          rc, err);
    /* serialize must refuse too */
    uint8_t *b = (uint8_t *)1;
    size_t n = 1;
    CHECK(eyrie_model_serialize(&c, &b, &n, err, sizeof err) == -1 && b == NULL && n == 0,
          "%s: serialize accepted", what);
    /* restore n_layers so free sees every array */
    c.n_layers = m->n_layers;
    eyrie_model_free(&c);
}

/* mutations on the lenet-shaped model (5 layers: conv, conv, fc, fc, fc) */
static void m_nl0(eyrie_model *m) { m->n_layers = 0; }
static void m_nl17(eyrie_model *m) { m->n_layers = 17; }
static void m_type(eyrie_model *m) { m->layer[1].type = 3; }
static void m_k0(eyrie_model *m) { m->layer[0].k = 0; }
static void m_k6(eyrie_model *m) { m->layer[0].k = 6; }
static void m_pad(eyrie_model *m) { m->layer[0].pad = 2; }
static void m_fck(eyrie_model *m) { m->layer[2].k = 1; }
static void m_flags(eyrie_model *m) { m->layer[1].flags |= 0x08; }
static void m_chain_c(eyrie_model *m) { m->layer[1].c_in = 5; }
static void m_chain_in(eyrie_model *m) { m->h = 27; }
static void m_chain_z(eyrie_model *m) { m->layer[2].z_in = 1; }
static void m_z0(eyrie_model *m) { m->layer[0].z_in = 1; }
static void m_convout(eyrie_model *m) { m->layer[1].k = 5; m->layer[1].h_in = 3; }
static void m_poolout(eyrie_model *m)
{
    m->layer[0].h_in = 1; m->layer[0].k = 1; m->layer[0].pad = 0;
}
static void m_maxch(eyrie_model *m) { m->layer[3].c_out = 1025; }
static void m_maxdim(eyrie_model *m) { m->layer[0].w_in = 257; }
static void m_fanin(eyrie_model *m) { m->layer[2].c_in = 1024; m->layer[2].h_in = 64; }
static void m_shift(eyrie_model *m) { m->layer[1].shift[3] = 32; }
static void m_w128(eyrie_model *m) { m->layer[2].w[77] = -128; }
static void m_logits_mid(eyrie_model *m) { m->layer[2].flags = EYRIE_F_LOGITS; }
static void m_logits_none(eyrie_model *m) { m->layer[4].flags = 0; }
static void m_logits_relu(eyrie_model *m) { m->layer[4].flags |= EYRIE_F_RELU; }
static void m_logits_pool1(eyrie_model *m) { m->layer[1].flags |= EYRIE_F_POOL; }
static void m_sw(eyrie_model *m) { m->layer[4].s_w[3] *= 2.0f; }
static void m_sw_nan(eyrie_model *m) { m->layer[1].s_w[0] = 0.0f; }
static void m_acc(eyrie_model *m) { m->layer[2].bias[5] = INT32_MAX; }
static void m_noarr(eyrie_model *m) { free(m->layer[3].mult); m->layer[3].mult = NULL; }
static void m_nofloat(eyrie_model *m) { free(m->layer[3].wf); m->layer[3].wf = NULL; }
static void m_name(eyrie_model *m) { memset(m->name, 'x', EYRIE_NAME_LEN); }

static void test_rejections(rng_t *r)
{
    eyrie_model m;
    CHECK(build_named(&m, "lenet", r, 1) == 0, "build lenet");
    static const struct {
        mutator f;
        const char *msg, *what;
    } cases[] = {
        {m_nl0, "layer count", "0 layers"},
        {m_nl17, "layer count", "17 layers"},
        {m_type, "bad type", "type 3"},
        {m_k0, "bad kernel size", "k 0"},
        {m_k6, "bad kernel size", "k 6"},
        {m_pad, "bad padding", "pad 2"},
        {m_fck, "for fc", "fc with k"},
        {m_flags, "bad flags", "unknown flag"},
        {m_chain_c, "shape chain", "c_in chain"},
        {m_chain_in, "shape chain", "model input chain"},
        {m_chain_z, "z_in", "z chain"},
        {m_z0, "image zero point", "layer 0 z_in"},
        {m_convout, "conv output", "empty conv output"},
        {m_poolout, "pooled output", "empty pool output"},
        {m_maxch, "channels", "c_out 1025"},
        {m_maxdim, "input size", "w 257"},
        {m_fanin, "fan-in", "fan-in 65536+"},
        {m_shift, "shift S=32", "S 32"},
        {m_w128, "weight -128", "weight -128"},
        {m_logits_mid, "not last", "LOGITS in the middle"},
        {m_logits_none, "lacks the LOGITS", "no LOGITS"},
        {m_logits_relu, "cannot have RELU", "LOGITS+RELU"},
        {m_sw, "weight scales differ", "last s_w differ"},
        {m_sw_nan, "weight scale not finite positive", "s_w 0"},
        {m_acc, "accumulator bound", "bias INT32_MAX"},
        {m_noarr, "missing", "NULL mult"},
        {m_nofloat, "float weights missing", "NULL wf"},
        {m_name, "not NUL-terminated", "name"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_reject(&m, cases[i].f, cases[i].msg, cases[i].what);
    eyrie_model_free(&m);
    /* a conv logits layer (14x14 output) so that pooling it is not empty */
    static const layer_spec cl[2] = {{EYRIE_CONV, 3, 1, EYRIE_F_RELU | EYRIE_F_POOL, 4},
                                     {EYRIE_CONV, 1, 0, 0, 10}};
    char err[256];
    CHECK(build_model(&m, "convlast", 1, 28, 28, cl, 2, r, 50, 0, 1, err, sizeof err) == 0,
          "%s", err);
    expect_reject(&m, m_logits_pool1, "cannot have RELU or POOL", "LOGITS+POOL");
    check_fast(&m, r, 5, "avx512"); /* conv logits: CHW order of 10x14x14 */
    eyrie_model_free(&m);
}

/* numerics.md section 3: a model exactly at the bound loads, one unit over
 * does not (fan-in 65536 of weight 127: 255*127*65536 + 25100287 = 2^31-1) */
static void test_acc_bound(rng_t *r)
{
    static const layer_spec fc[1] = {{EYRIE_FC, 0, 0, 0, 1}};
    eyrie_model m;
    char err[256];
    CHECK(build_model(&m, "bound", 1, 256, 256, fc, 1, r, 1, 0, 0, err, sizeof err) == 0, "%s",
          err);
    memset(m.layer[0].w, 127, 65536);
    m.layer[0].bias[0] = 25100287;
    CHECK(eyrie_model_validate(&m, err, sizeof err) == 0, "at the bound: %s", err);
    m.layer[0].bias[0] = -25100287;
    CHECK(eyrie_model_validate(&m, err, sizeof err) == 0, "at the bound (negative): %s", err);
    m.layer[0].bias[0] = 25100288;
    CHECK(eyrie_model_validate(&m, err, sizeof err) == -1 && strstr(err, "accumulator bound"),
          "one over: '%s'", err);
    m.layer[0].bias[0] = -25100288;
    CHECK(eyrie_model_validate(&m, err, sizeof err) == -1 && strstr(err, "accumulator bound"),
          "one under: '%s'", err);
    /* the worst-case image at the bound: all 255 -> acc = 2^31-1 exactly */
    m.layer[0].bias[0] = 25100287;
    eyrie_ws *ws = eyrie_ws_new(&m);
    uint8_t *img = malloc(65536);
    memset(img, 255, 65536);
    int32_t l1[1], l2[1];
    eyrie_infer(&m, ws, img, l1, NULL);
    eyrie_infer_fast(&m, ws, img, l2);
    CHECK_EQ(l1[0], INT32_MAX);
    CHECK_EQ(l2[0], INT32_MAX);
    free(img);
    eyrie_ws_free(ws);
    eyrie_model_free(&m);
}

static void test_ws_mismatch(rng_t *r)
{
    eyrie_model a, b;
    build_named(&a, "lenet", r, 0);
    build_named(&b, "tiny", r, 0);
    eyrie_ws *ws = eyrie_ws_new(&a);
    uint8_t img[784] = {0};
    int32_t lg[10];
    CHECK_EQ(eyrie_infer(&b, ws, img, lg, NULL), -1);
    CHECK_EQ(eyrie_infer_fast(&b, ws, img, lg), -1);
    float fl[10];
    CHECK_EQ(eyrie_infer_float(&a, ws, img, fl), -1); /* no float weights */
    /* same shapes, new weights: the fast path repacks */
    eyrie_model a2;
    build_named(&a2, "lenet", r, 0);
    int32_t l1[10], l2[10];
    for (int i = 0; i < 784; i++)
        img[i] = (uint8_t)(i * 7);
    eyrie_infer_fast(&a, ws, img, l2);
    eyrie_infer(&a2, ws, img, l1, NULL);
    eyrie_infer_fast(&a2, ws, img, l2);
    CHECK(memcmp(l1, l2, sizeof l1) == 0, "fast path did not repack for a new model");
    eyrie_ws_free(ws);
    eyrie_model_free(&a);
    eyrie_model_free(&a2);
    eyrie_model_free(&b);
}

int main(int argc, char **argv)
{
    uint64_t seed = seed_from_env();
    int n = argc > 1 ? atoi(argv[1]) : 200;
    printf("test_model: seed %llu (rerun with EYRIE_SEED=%llu), %d random models\n",
           (unsigned long long)seed, (unsigned long long)seed, n);
    fflush(stdout); /* the seed must reach the log even if a case crashes */
    rng_t r = {seed};
    for (int i = 0; i < n; i++) {
        eyrie_model m;
        build_random(&m, &r, rng_int(&r, 0, 1));
        check_roundtrip(&m);
        static const char *const lv[3] = {"c", "avx2", "avx512"};
        check_fast(&m, &r, 8, lv[i % 3]);
        if (m.has_float) {
            eyrie_ws *ws = eyrie_ws_new(&m);
            /* one logit per class: random models can have more than 4096 */
            float *fl = malloc(sizeof *fl * (size_t)eyrie_model_classes(&m));
            uint8_t img[3 * 13 * 13] = {0};
            int c = fl ? eyrie_infer_float(&m, ws, img, fl) : -1;
            CHECK(c >= 0 && c < eyrie_model_classes(&m), "float class %d", c);
            free(fl);
            eyrie_ws_free(ws);
        }
        eyrie_model_free(&m);
    }
    static const char *const shapes[] = {"lenet", "default", "tiny"};
    for (int i = 0; i < 3; i++) {
        eyrie_model m;
        CHECK(build_named(&m, shapes[i], &r, 1) == 0, "build %s", shapes[i]);
        check_roundtrip(&m);
        check_fast(&m, &r, 20, "avx512");
        check_fast(&m, &r, 10, "avx2");
        check_fast(&m, &r, 5, "c");
        eyrie_model_free(&m);
    }
    test_rejections(&r);
    test_acc_bound(&r);
    test_ws_mismatch(&r);
    return t_report("test_model");
}
