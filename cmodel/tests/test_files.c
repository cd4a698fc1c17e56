/* test_files.c - bad input files for the real eyrie-classify binary.
 * Each case writes a file under DIR, runs the classifier and checks: exit
 * status 2, nothing on stdout, exactly one line on stderr that names the
 * file and says what is wrong.  Model cases patch a valid model at the
 * offsets of docs/model-format.md (and re-seal the CRC32 unless the case
 * is the checksum).
 * Usage: test_files CLASSIFY DIR TEST_IMAGES TEST_LABELS */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <zlib.h>

#include "eyrie.h"
#include "eyrie_golden.h"
#include "testlib.h"

static const char *bin, *dir, *timg, *tlab;

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *n = 0;
        return calloc(1, 1);
    }
    char *b = malloc(1 << 16);
    *n = fread(b, 1, (1 << 16) - 1, f);
    b[*n] = 0;
    fclose(f);
    return b;
}

static void put_file(const char *path, const void *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b, 1, n, f) != n) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
    fclose(f);
}

/* run the classifier; expect status 2, one stderr line with `path` and msg */
static void expect_fail(const char *what, const char *model, const char *images,
                        const char *labels, const char *bad, const char *msg)
{
    char cmd[4096], out[1024], err[1024];
    snprintf(out, sizeof out, "%s/%s.stdout", dir, what);
    snprintf(err, sizeof err, "%s/%s.stderr", dir, what);
    snprintf(cmd, sizeof cmd, "'%s' --model '%s' --images '%s' --labels '%s' --limit 3 >'%s' 2>'%s'",
             bin, model, images, labels, out, err);
    int st = system(cmd);
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    size_t no, ne;
    char *so = slurp(out, &no), *se = slurp(err, &ne);
    int lines = 0;
    for (size_t i = 0; i < ne; i++)
        lines += se[i] == '\n';
    CHECK(code == 2 && no == 0 && lines == 1 && se[ne - 1] == '\n' && strstr(se, bad) &&
              strstr(se, msg),
          "%s: exit %d, stdout %zu bytes, stderr %d lines: '%s' (want '%s' and '%s')", what, code,
          no, lines, se, bad, msg);
    free(so);
    free(se);
}

/* ---- model files ---- */
static uint8_t *good;
static size_t good_len;
static size_t L1; /* offset of layer 1's record */

static void reseal(uint8_t *b, size_t n)
{
    uint32_t c = (uint32_t)crc32(0L, b, (uInt)(n - 4));
    b[n - 4] = (uint8_t)c, b[n - 3] = (uint8_t)(c >> 8), b[n - 2] = (uint8_t)(c >> 16),
    b[n - 1] = (uint8_t)(c >> 24);
}

typedef void (*patcher)(uint8_t *b, size_t *n);
static void wr16(uint8_t *p, unsigned v) { p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8); }
static void wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16), p[3] = (uint8_t)(v >> 24);
}

/* the tiny model: layer 0 conv 3x3 pad 1, 1 -> 2 ch, relu+pool at offset
 * 40 (record 24 + 2*11 + 18 = 64 bytes); layer 1 fc 2x14x14 -> 10 at 104 */
#define L0 40
static void p_magic(uint8_t *b, size_t *n) { (void)n; b[0] = 'X'; }
static void p_version(uint8_t *b, size_t *n) { (void)n; wr16(b + 8, 2); }
static void p_hflags(uint8_t *b, size_t *n) { (void)n; wr16(b + 10, 0x80); }
static void p_name(uint8_t *b, size_t *n) { (void)n; memset(b + 12, 'n', 16); }
static void p_nl0(uint8_t *b, size_t *n) { (void)n; wr16(b + 34, 0); }
static void p_nl17(uint8_t *b, size_t *n) { (void)n; wr16(b + 34, 17); }
static void p_chain_in(uint8_t *b, size_t *n) { (void)n; wr16(b + 30, 27); }
static void p_type(uint8_t *b, size_t *n) { (void)n; b[L1 + 0] = 3; }
static void p_k6(uint8_t *b, size_t *n) { (void)n; b[L0 + 1] = 6; }
static void p_pad(uint8_t *b, size_t *n) { (void)n; b[L0 + 2] = 2; }
static void p_fck(uint8_t *b, size_t *n) { (void)n; b[L1 + 1] = 1; }
static void p_flags(uint8_t *b, size_t *n) { (void)n; b[L0 + 3] |= 0x08; }
static void p_convout(uint8_t *b, size_t *n) { (void)n; wr16(b + L0 + 6, 1); b[L0 + 2] = 0; }
static void p_poolout(uint8_t *b, size_t *n) { (void)n; wr16(b + L0 + 6, 1); }
static void p_zchain(uint8_t *b, size_t *n) { (void)n; b[L1 + 12] = 1; }
static void p_maxch(uint8_t *b, size_t *n) { (void)n; wr16(b + L1 + 10, 1025); }
static void p_maxdim(uint8_t *b, size_t *n) { (void)n; wr16(b + L0 + 8, 257); }
static void p_fanin(uint8_t *b, size_t *n) { (void)n; wr16(b + L1 + 4, 1000); }
static void p_reserved(uint8_t *b, size_t *n) { (void)n; b[L0 + 14] = 1; }
static void p_shift(uint8_t *b, size_t *n) { (void)n; b[L0 + 24 + 6 * 2 + 1] = 32; }
static void p_w128(uint8_t *b, size_t *n) { (void)n; b[L0 + 24 + 11 * 2 + 4] = 0x80; }
static void p_logits0(uint8_t *b, size_t *n) { (void)n; b[L0 + 3] = EYRIE_F_LOGITS; }
static void p_nologits(uint8_t *b, size_t *n) { (void)n; b[L1 + 3] = 0; }
static void p_logrelu(uint8_t *b, size_t *n) { (void)n; b[L1 + 3] |= EYRIE_F_RELU; }
static void p_sw(uint8_t *b, size_t *n) { (void)n; b[L1 + 24 + 7 * 10 + 4 * 3 + 3] ^= 0x01; }
static void p_accb(uint8_t *b, size_t *n) { (void)n; wr32(b + L1 + 24, 0x7fffffffu); }
static void p_trail(uint8_t *b, size_t *n) { wr32(b + *n - 4, 0); *n += 7; wr32(b + 36, (uint32_t)*n); }

static void model_cases(void)
{
    static const struct {
        const char *name;
        patcher p;
        const char *msg;
    } cases[] = {
        {"magic", p_magic, "wrong magic"},
        {"version", p_version, "wrong version"},
        {"hflags", p_hflags, "bad header flags"},
        {"name", p_name, "name not NUL-terminated"},
        {"nlayers0", p_nl0, "layer count 0"},
        {"nlayers17", p_nl17, "layer count 17"},
        {"chain_input", p_chain_in, "shape chain"},
        {"type", p_type, "bad type"},
        {"kernel", p_k6, "bad kernel size"},
        {"pad", p_pad, "bad padding"},
        {"fc_k", p_fck, "for fc"},
        {"flags", p_flags, "bad flags"},
        {"conv_out", p_convout, "conv output"},
        {"pool_out", p_poolout, "pooled output"},
        {"z_chain", p_zchain, "z_in"},
        {"max_ch", p_maxch, "out of range 1..1024"},
        {"max_dim", p_maxdim, "out of range 1..256"},
        {"fanin", p_fanin, "fan-in"},
        {"reserved", p_reserved, "reserved"},
        {"shift32", p_shift, "shift S=32"},
        {"weight128", p_w128, "weight -128"},
        {"logits_first", p_logits0, "not last"},
        {"no_logits", p_nologits, "lacks the LOGITS"},
        {"logits_relu", p_logrelu, "cannot have RELU"},
        {"last_sw", p_sw, "weight scales differ"},
        {"acc_bound", p_accb, "accumulator bound"},
        {"trailing_layer", p_trail, "trailing bytes"},
    };
    uint8_t *b = malloc(good_len + 64);
    char path[1024];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = good_len;
        memcpy(b, good, n);
        memset(b + n, 0, 64);
        cases[i].p(b, &n);
        reseal(b, n);
        snprintf(path, sizeof path, "%s/model_%s.eyr", dir, cases[i].name);
        put_file(path, b, n);
        expect_fail(cases[i].name, path, timg, tlab, path, cases[i].msg);
    }
    /* cases without a resealed checksum */
    struct {
        const char *name, *msg;
        size_t len;
        int flip;
    } raw[] = {
        {"empty", "truncated", 0, 0},
        {"short20", "truncated", 20, 0},
        {"cut1", "truncated", good_len - 1, 0},
        {"cuthalf", "truncated", good_len / 2, 0},
        {"trailing1", "trailing bytes", good_len + 1, 0},
        {"checksum", "bad checksum", good_len, 1},
    };
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++) {
        memcpy(b, good, good_len);
        b[good_len] = 0x5a;
        if (raw[i].flip)
            b[L1 + 200] ^= 0x01;
        snprintf(path, sizeof path, "%s/model_%s.eyr", dir, raw[i].name);
        put_file(path, b, raw[i].len);
        expect_fail(raw[i].name, path, timg, tlab, path, raw[i].msg);
    }
    /* garbage of 20 bytes */
    snprintf(path, sizeof path, "%s/model_garbage.eyr", dir);
    put_file(path, "this is not a model!", 20);
    expect_fail("garbage", path, timg, tlab, path, "wrong magic");
    snprintf(path, sizeof path, "%s/does_not_exist.eyr", dir);
    expect_fail("missing", path, timg, tlab, path, "cannot open");
    free(b);
}

/* ---- IDX files ---- */
static size_t mk_idx(uint8_t *b, uint32_t magic, uint32_t count, uint32_t rows, uint32_t cols,
                     int payload_items, int label_val)
{
    uint32_t hdr[4] = {magic, count, rows, cols};
    int nd = (int)(magic & 0xff);
    size_t o = 0;
    for (int i = 0; i <= nd; i++, o += 4)
        b[o] = (uint8_t)(hdr[i] >> 24), b[o + 1] = (uint8_t)(hdr[i] >> 16),
        b[o + 2] = (uint8_t)(hdr[i] >> 8), b[o + 3] = (uint8_t)hdr[i];
    size_t item = nd == 3 ? (size_t)rows * cols : 1;
    for (size_t i = 0; i < (size_t)payload_items * item; i++)
        b[o++] = (uint8_t)(nd == 3 ? i * 13 : (size_t)label_val + i % 2);
    return o;
}

static void put_gz(const char *path, const uint8_t *b, size_t n, size_t cut, int junk)
{
    uLong cap = compressBound(n) + 64;
    uint8_t *z = malloc(cap + 16);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = (Bytef *)(uintptr_t)b;
    zs.avail_in = (uInt)n;
    zs.next_out = z;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    size_t zn = cap - zs.avail_out;
    deflateEnd(&zs);
    if (cut)
        zn -= cut;
    if (junk == 1)
        memcpy(z + zn, "JUNK", 4), zn += 4;
    if (junk == 2)
        z[zn / 2] ^= 0xff;
    put_file(path, z, zn);
    free(z);
}

static void idx_cases(const char *model)
{
    uint8_t *b = malloc(1 << 20);
    char img[1024], lab[1024], p[1024];
    size_t n;
    snprintf(img, sizeof img, "%s/img_ok.idx", dir);
    put_file(img, b, mk_idx(b, 0x803, 3, 28, 28, 3, 0));
    snprintf(lab, sizeof lab, "%s/lab_ok.idx", dir);
    put_file(lab, b, mk_idx(b, 0x801, 3, 0, 0, 3, 0));
#define CASE(name, content_len, which, msg)                                   \
    do {                                                                      \
        snprintf(p, sizeof p, "%s/" name, dir);                               \
        put_file(p, b, (content_len));                                        \
        expect_fail(name, model, which ? p : img, which ? lab : p, p, msg);   \
    } while (0)
    n = mk_idx(b, 0x804, 3, 28, 28, 3, 0);
    CASE("img_magic.idx", n, 1, "wrong magic");
    n = mk_idx(b, 0x803, 3, 28, 28, 2, 0);
    CASE("img_short.idx", n + 100, 1, "size mismatch");
    n = mk_idx(b, 0x803, 3, 28, 28, 3, 0);
    CASE("img_trailing.idx", n + 1, 1, "size mismatch");
    n = mk_idx(b, 0x803, 3, 0, 28, 0, 0);
    CASE("img_rows0.idx", n, 1, "wrong dims");
    n = mk_idx(b, 0x803, 0, 28, 28, 0, 0);
    CASE("img_count0.idx", n, 1, "wrong dims");
    n = mk_idx(b, 0x803, 3, 300, 28, 0, 0);
    CASE("img_rows300.idx", n, 1, "wrong dims");
    n = mk_idx(b, 0x803, 3, 27, 28, 3, 0);
    CASE("img_27x28.idx", n, 1, "model input is 1x28x28");
    CASE("img_empty.idx", 0, 1, "truncated");
    n = mk_idx(b, 0x803, 3, 28, 28, 3, 0);
    CASE("img_header_cut.idx", 10, 1, "truncated");
    memcpy(b, "GARBAGE! not gzip, not idx at all", 33);
    CASE("img_garbage.idx", 33, 1, "wrong magic");
    n = mk_idx(b, 0x801, 3, 0, 0, 3, 0);
    CASE("img_is_labels.idx", n, 1, "is a label file");
    n = mk_idx(b, 0x801, 2, 0, 0, 2, 0);
    CASE("lab_count.idx", n, 0, "2 labels but 3 images");
    n = mk_idx(b, 0x801, 3, 0, 0, 3, 9); /* 9, 10, 9 */
    CASE("lab_range.idx", n, 0, "label 10 at index 1");
    n = mk_idx(b, 0x803, 3, 28, 28, 3, 0);
    CASE("lab_is_images.idx", n, 0, "is an image file");
    n = mk_idx(b, 0x801, 3, 0, 0, 3, 0);
    CASE("lab_trailing.idx", n + 2, 0, "size mismatch");
    /* gzip variants */
    n = mk_idx(b, 0x803, 3, 28, 28, 3, 0);
    snprintf(p, sizeof p, "%s/img_gz_cut.idx.gz", dir);
    put_gz(p, b, n, 20, 0);
    expect_fail("img_gz_cut", model, p, lab, p, "gzip: truncated");
    snprintf(p, sizeof p, "%s/img_gz_junk.idx.gz", dir);
    put_gz(p, b, n, 0, 1);
    expect_fail("img_gz_junk", model, p, lab, p, "trailing bytes");
    snprintf(p, sizeof p, "%s/img_gz_corrupt.idx.gz", dir);
    put_gz(p, b, n, 0, 2);
    expect_fail("img_gz_corrupt", model, p, lab, p, "gzip");
    snprintf(p, sizeof p, "%s/img_gz_short.idx.gz", dir);
    put_gz(p, b, n - 5, 0, 0);
    expect_fail("img_gz_short", model, p, lab, p, "size mismatch");
    snprintf(p, sizeof p, "%s/img_gz_long.idx.gz", dir);
    put_gz(p, b, n + 5, 0, 0);
    expect_fail("img_gz_long", model, p, lab, p, "size mismatch");
    n = mk_idx(b, 0x806, 3, 28, 28, 3, 0);
    snprintf(p, sizeof p, "%s/img_gz_magic.idx.gz", dir);
    put_gz(p, b, n, 0, 0);
    expect_fail("img_gz_magic", model, p, lab, p, "wrong magic");
    /* the good small files in gzip work */
    n = mk_idx(b, 0x803, 3, 28, 28, 3, 0);
    snprintf(p, sizeof p, "%s/img_ok.idx.gz", dir);
    put_gz(p, b, n, 0, 0);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' --model '%s' --images '%s' --labels '%s' > '%s/ok.stdout'",
             bin, model, p, lab, dir);
    CHECK(system(cmd) == 0, "good gzip IDX rejected: %s", cmd);
    free(b);
}

/* --dump-layers: the files read back equal the reference trace */
static void dump_case(const char *model_path, const eyrie_model *m)
{
    char cmd[4096], gdir[1024], p[1200], err[256];
    snprintf(gdir, sizeof gdir, "%s/golden", dir);
    snprintf(cmd, sizeof cmd,
             "'%s' --model '%s' --images '%s' --labels '%s' --limit 4 --dump-layers '%s' >/dev/null",
             bin, model_path, timg, tlab, gdir);
    CHECK(system(cmd) == 0, "dump run failed: %s", cmd);
    eyrie_idx img;
    if (eyrie_idx_load(timg, &img, err, sizeof err)) {
        CHECK(0, "%s", err);
        return;
    }
    eyrie_ws *ws = eyrie_ws_new(m);
    int32_t logits[10];
    for (int i = 0; i < m->n_layers; i++) {
        const eyrie_layer *L = &m->layer[i];
        static const char *const kind[3] = {"in", "acc", "out"};
        for (int t = 0; t < 3; t++) {
            eyrie_gv g;
            snprintf(p, sizeof p, "%s/l%d_%s.gv", gdir, i, kind[t]);
            if (t == 2 && (L->flags & EYRIE_F_LOGITS)) {
                FILE *f = fopen(p, "rb");
                CHECK(f == NULL, "%s should not exist", p);
                if (f)
                    fclose(f);
                continue;
            }
            if (eyrie_gv_read(p, &g, err, sizeof err)) {
                CHECK(0, "%s: %s", p, err);
                continue;
            }
            size_t per = t == 0 ? eyrie_layer_in_size(L) : t == 1 ? eyrie_layer_acc_size(L)
                                                                   : eyrie_layer_out_size(L);
            CHECK(g.dims[0] == 4 && g.count == 4 * per && strstr(g.stamp, "cmd=") &&
                      strstr(g.stamp, model_path),
                  "%s: dims %u count %zu stamp '%s'", p, g.dims[0], g.count, g.stamp);
            int bad = 0;
            for (uint32_t n = 0; n < 4 && g.count == 4 * per; n++) {
                eyrie_trace tr;
                eyrie_infer(m, ws, img.data + n * 784, logits, &tr);
                if (t == 1)
                    bad += memcmp(g.i32 + n * per, tr.acc[i], per * 4) != 0;
                else
                    bad += memcmp(g.u8 + n * per, t == 0 ? tr.in[i] : tr.out[i], per) != 0;
            }
            CHECK(bad == 0, "%s differs from the trace", p);
            eyrie_gv_free(&g);
        }
    }
    eyrie_ws_free(ws);
    eyrie_idx_free(&img);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_files CLASSIFY DIR TEST_IMAGES TEST_LABELS\n");
        return 2;
    }
    bin = argv[1], dir = argv[2], timg = argv[3], tlab = argv[4];
    rng_t r = {12345};
    eyrie_model m;
    char err[256], path[1024];
    if (build_named(&m, "tiny", &r, 0) || eyrie_model_serialize(&m, &good, &good_len, err,
                                                                 sizeof err)) {
        fprintf(stderr, "test_files: cannot build the tiny model\n");
        return 1;
    }
    L1 = L0 + 64;
    CHECK_EQ(good_len, 40 + 64 + (24 + 10 * 11 + 10 * 392) + 4);
    snprintf(path, sizeof path, "%s/model_good.eyr", dir);
    put_file(path, good, good_len);
    /* the good model runs: exit 0, last line is the machine-readable one */
    char cmd[4096], out[1024];
    snprintf(out, sizeof out, "%s/good.stdout", dir);
    snprintf(cmd, sizeof cmd, "'%s' --model '%s' --images '%s' --labels '%s' --limit 7 > '%s'",
             bin, path, timg, tlab, out);
    CHECK(system(cmd) == 0, "good model run failed");
    size_t n;
    char *so = slurp(out, &n);
    CHECK(strstr(so, "\ncmodel: model=tiny images=7 int8_accuracy=") != NULL &&
              so[n - 1] == '\n' && strchr(strstr(so, "\ncmodel: ") + 1, '\n') == so + n - 1,
          "last line: '%s'", so);
    free(so);
    snprintf(cmd, sizeof cmd, "'%s' --model '%s' --images '%s' --labels '%s' --float 2>/dev/null",
             bin, path, timg, tlab);
    int st = system(cmd);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 2, "--float without float weights: %d", st);
    dump_case(path, &m);
    model_cases();
    idx_cases(path);
    free(good);
    eyrie_model_free(&m);
    return t_report("test_files");
}
