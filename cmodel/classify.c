/* classify.c - eyrie-classify: run the C model over an IDX test set.
 *
 *   eyrie-classify --model FILE --images IDX --labels IDX [--limit N]
 *                  [--float] [--dump-layers DIR] [--fast|--ref]
 *
 * Prints accuracy, a confusion matrix and images/s, and ends with one
 * machine-readable line "cmodel: model=... images=... int8_accuracy=...".
 * --dump-layers writes the golden vectors (docs/model-format.md).
 * Bad input: one line on stderr naming the file, exit status 2. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "eyrie.h"
#include "eyrie_golden.h"

#define PROG "eyrie-classify"
#define NCLS 10

static const char usage[] =
    "usage: " PROG " --model FILE --images IDX --labels IDX [--limit N] [--float]\n"
    "       [--dump-layers DIR] [--fast|--ref]\n";

static int die(const char *what, const char *msg)
{
    if (what)
        fprintf(stderr, PROG ": %s: %s\n", what, msg);
    else
        fprintf(stderr, PROG ": %s\n", msg);
    return 2;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

typedef struct {
    const char *model, *images, *labels, *dump;
    long limit;
    int want_float, ref;
} opts;

static int parse_args(int argc, char **argv, opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(a, "--model") && has)
            o->model = argv[++i];
        else if (!strcmp(a, "--images") && has)
            o->images = argv[++i];
        else if (!strcmp(a, "--labels") && has)
            o->labels = argv[++i];
        else if (!strcmp(a, "--dump-layers") && has)
            o->dump = argv[++i];
        else if (!strcmp(a, "--limit") && has) {
            char *end;
            errno = 0;
            o->limit = strtol(argv[++i], &end, 10);
            if (errno || *end || o->limit < 1)
                return die(NULL, "--limit needs a positive integer");
        } else if (!strcmp(a, "--float"))
            o->want_float = 1;
        else if (!strcmp(a, "--ref"))
            o->ref = 1;
        else if (!strcmp(a, "--fast"))
            o->ref = 0;
        else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            exit(0);
        } else {
            fputs(usage, stderr);
            return 2;
        }
    }
    if (!o->model || !o->images || !o->labels) {
        fputs(usage, stderr);
        return 2;
    }
    return 0;
}

/* ---- golden vectors ---- */
typedef struct {
    eyrie_gv_writer in[EYRIE_MAX_LAYERS], acc[EYRIE_MAX_LAYERS], out[EYRIE_MAX_LAYERS];
    eyrie_gv_writer labels, cls;
} dumpset;

static int dump_open(eyrie_gv_writer *w, const char *dir, const char *name, int dtype, int ndim,
                     const uint32_t *dims, const char *stamp0, FILE *manifest)
{
    char path[4096], stamp[EYRIE_GV_MAX_STAMP], err[512];
    snprintf(path, sizeof path, "%s/%s.gv", dir, name);
    snprintf(stamp, sizeof stamp, "tensor=%s %s", name, stamp0);
    if (eyrie_gv_begin(w, path, dtype, ndim, dims, stamp, err, sizeof err))
        return die(path, err);
    fprintf(manifest, "%s.gv %s", name, dtype == EYRIE_GV_U8 ? "u8" : "i32");
    for (int d = 0; d < ndim; d++)
        fprintf(manifest, " %u", dims[d]);
    fputc('\n', manifest);
    return 0;
}

static int dump_layers(const eyrie_model *m, const char *model_path, const eyrie_idx *img,
                       const eyrie_idx *lab, uint32_t n, const char *dir, int argc, char **argv)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return die(dir, strerror(errno));
    char stamp[2048], mpath[4096];
    int o = snprintf(stamp, sizeof stamp, "model=%s name=%s cmd=", model_path, m->name);
    for (int i = 0; i < argc && o < (int)sizeof stamp - 2; i++)
        o += snprintf(stamp + o, sizeof stamp - (size_t)o, "%s%s", i ? " " : "", argv[i]);
    snprintf(mpath, sizeof mpath, "%s/manifest.txt", dir);
    FILE *mf = fopen(mpath, "w");
    if (!mf)
        return die(mpath, "cannot create");
    fprintf(mf, "# eyrie golden vectors (docs/model-format.md); %s\n", stamp);
    fprintf(mf, "# file dtype dims...\n");
    static dumpset ds; /* large; written once per run */
    memset(&ds, 0, sizeof ds);
    int rc = 0;
    char name[64];
    for (int i = 0; i < m->n_layers && !rc; i++) {
        const eyrie_layer *L = &m->layer[i];
        int ch, cw, oc, oh, ow;
        eyrie_layer_conv_dims(L, &ch, &cw);
        eyrie_layer_out_dims(L, &oc, &oh, &ow);
        uint32_t din[4] = {n, L->c_in, L->h_in, L->w_in};
        uint32_t dacc[4] = {n, L->c_out, (uint32_t)ch, (uint32_t)cw};
        uint32_t dout[4] = {n, (uint32_t)oc, (uint32_t)oh, (uint32_t)ow};
        snprintf(name, sizeof name, "l%d_in", i);
        rc = dump_open(&ds.in[i], dir, name, EYRIE_GV_U8, 4, din, stamp, mf);
        snprintf(name, sizeof name, "l%d_acc", i);
        rc = rc ? rc : dump_open(&ds.acc[i], dir, name, EYRIE_GV_I32, 4, dacc, stamp, mf);
        if (!(L->flags & EYRIE_F_LOGITS)) {
            snprintf(name, sizeof name, "l%d_out", i);
            rc = rc ? rc : dump_open(&ds.out[i], dir, name, EYRIE_GV_U8, 4, dout, stamp, mf);
        }
    }
    rc = rc ? rc : dump_open(&ds.labels, dir, "labels", EYRIE_GV_U8, 1, &n, stamp, mf);
    rc = rc ? rc : dump_open(&ds.cls, dir, "class", EYRIE_GV_I32, 1, &n, stamp, mf);
    fclose(mf);
    eyrie_ws *ws = rc ? NULL : eyrie_ws_new(m);
    if (!rc && !ws)
        rc = die(dir, "out of memory");
    const size_t isz = (size_t)m->c * m->h * m->w;
    int32_t logits[4096];
    for (uint32_t k = 0; k < n && !rc; k++) {
        eyrie_trace tr;
        int32_t cls = eyrie_infer(m, ws, img->data + k * isz, logits, &tr);
        int bad = 0;
        for (int i = 0; i < m->n_layers; i++) {
            const eyrie_layer *L = &m->layer[i];
            bad |= eyrie_gv_put(&ds.in[i], tr.in[i], eyrie_layer_in_size(L));
            bad |= eyrie_gv_put(&ds.acc[i], tr.acc[i], eyrie_layer_acc_size(L));
            if (tr.out[i])
                bad |= eyrie_gv_put(&ds.out[i], tr.out[i], eyrie_layer_out_size(L));
        }
        bad |= eyrie_gv_put(&ds.labels, lab->data + k, 1);
        bad |= eyrie_gv_put(&ds.cls, &cls, 1);
        if (bad)
            rc = die(dir, "write error");
    }
    eyrie_ws_free(ws);
    char err[256];
    eyrie_gv_writer *all[] = {&ds.labels, &ds.cls};
    for (int i = 0; i < m->n_layers; i++) {
        eyrie_gv_writer *w3[] = {&ds.in[i], &ds.acc[i], &ds.out[i]};
        for (int j = 0; j < 3; j++)
            if (w3[j]->f && eyrie_gv_end(w3[j], err, sizeof err) && !rc)
                rc = die(dir, err);
    }
    for (int j = 0; j < 2; j++)
        if (all[j]->f && eyrie_gv_end(all[j], err, sizeof err) && !rc)
            rc = die(dir, err);
    return rc;
}

/* ---- report ---- */
static void print_confusion(const uint32_t conf[NCLS][NCLS])
{
    printf("confusion matrix (int8; rows = true class, columns = predicted):\n");
    printf("%-16s", "");
    for (int j = 0; j < NCLS; j++)
        printf(" %5.5s", eyrie_fmnist_classes[j]);
    printf("  recall\n");
    for (int i = 0; i < NCLS; i++) {
        uint32_t row = 0;
        printf("%d %-14s", i, eyrie_fmnist_classes[i]);
        for (int j = 0; j < NCLS; j++) {
            printf(" %5u", conf[i][j]);
            row += conf[i][j];
        }
        printf("  %5.1f%%\n", row ? 100.0 * conf[i][i] / row : 0.0);
    }
}

int main(int argc, char **argv)
{
    opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc;
    char err[512];
    eyrie_model m;
    eyrie_idx img, lab;
    if (eyrie_model_load(o.model, &m, err, sizeof err))
        return die(o.model, err);
    if (eyrie_idx_load(o.images, &img, err, sizeof err)) {
        eyrie_model_free(&m);
        return die(o.images, err);
    }
    if (eyrie_idx_load(o.labels, &lab, err, sizeof err)) {
        eyrie_model_free(&m);
        eyrie_idx_free(&img);
        return die(o.labels, err);
    }
    const char *bad_file = NULL;
    if (img.rows == 0)
        bad_file = o.images, snprintf(err, sizeof err, "is a label file, expected images");
    else if (lab.rows != 0)
        bad_file = o.labels, snprintf(err, sizeof err, "is an image file, expected labels");
    else if (m.c != 1 || m.h != img.rows || m.w != img.cols)
        bad_file = o.images, snprintf(err, sizeof err,
                                      "images are 1x%ux%u but the model input is %ux%ux%u",
                                      img.rows, img.cols, m.c, m.h, m.w);
    else if (lab.count != img.count)
        bad_file = o.labels, snprintf(err, sizeof err, "%u labels but %u images", lab.count,
                                      img.count);
    else if (eyrie_model_classes(&m) != NCLS)
        bad_file = o.model, snprintf(err, sizeof err, "model has %d classes, FashionMNIST has %d",
                                     eyrie_model_classes(&m), NCLS);
    else if (o.want_float && !m.has_float)
        bad_file = o.model, snprintf(err, sizeof err, "--float needs float weights, model has none");
    for (uint32_t k = 0; !bad_file && k < lab.count; k++)
        if (lab.data[k] >= NCLS)
            bad_file = o.labels, snprintf(err, sizeof err, "label %u at index %u out of range 0..9",
                                          lab.data[k], k);
    if (bad_file) {
        rc = die(bad_file, err);
        goto done;
    }

    const uint32_t n = o.limit > 0 && (uint32_t)o.limit < img.count ? (uint32_t)o.limit : img.count;
    const size_t isz = (size_t)img.rows * img.cols;
    eyrie_ws *ws = eyrie_ws_new(&m);
    uint8_t *pred = malloc(n);
    if (!ws || !pred) {
        free(pred);
        eyrie_ws_free(ws);
        rc = die(NULL, "out of memory");
        goto done;
    }
    static uint32_t conf[NCLS][NCLS];
    uint32_t ok8 = 0, okf = 0, agree = 0;
    int32_t logits[NCLS];
    double t0 = now_s();
    for (uint32_t k = 0; k < n; k++) {
        const uint8_t *x = img.data + k * isz;
        int c = o.ref ? eyrie_infer(&m, ws, x, logits, NULL) : eyrie_infer_fast(&m, ws, x, logits);
        pred[k] = (uint8_t)c;
    }
    double dt = now_s() - t0;
    for (uint32_t k = 0; k < n; k++) {
        conf[lab.data[k]][pred[k]]++;
        ok8 += pred[k] == lab.data[k];
    }
    if (o.want_float) {
        float fl[NCLS];
        for (uint32_t k = 0; k < n; k++) {
            int c = eyrie_infer_float(&m, ws, img.data + k * isz, fl);
            okf += c == lab.data[k];
            agree += c == pred[k];
        }
    }
    eyrie_ws_free(ws);
    free(pred);

    size_t macs = 0;
    for (int i = 0; i < m.n_layers; i++)
        macs += eyrie_layer_macs(&m.layer[i]);
    const double ips = dt > 0 ? n / dt : 0.0;
    printf("model: %s (name %s, %d layers, input %ux%ux%u, %d classes, %zu MACs/image, float weights %s)\n",
           o.model, m.name, m.n_layers, m.c, m.h, m.w, NCLS, macs, m.has_float ? "yes" : "no");
    printf("images: %u of %s (%s path)\n", n, o.images, o.ref ? "reference" : "fast");
    printf("int8 accuracy:  %.2f%% (%u/%u)\n", 100.0 * ok8 / n, ok8, n);
    if (o.want_float) {
        printf("float accuracy: %.2f%% (%u/%u)\n", 100.0 * okf / n, okf, n);
        printf("int8 and float agree on %.2f%% of images\n", 100.0 * agree / n);
    }
    print_confusion((const uint32_t(*)[NCLS])conf);
    printf("speed: %.0f images/s, %.2f GMAC/s (%s path, one core)\n", ips, ips * macs * 1e-9,
           o.ref ? "reference" : "fast");
    if (o.dump) {
        rc = dump_layers(&m, o.model, &img, &lab, n, o.dump, argc, argv);
        if (rc)
            goto done;
        printf("golden vectors: %u images written to %s (see %s/manifest.txt)\n", n, o.dump, o.dump);
    }
    printf("cmodel: model=%s images=%u int8_accuracy=%.4f", m.name[0] ? m.name : "unnamed", n,
           (double)ok8 / n);
    if (o.want_float)
        printf(" float_accuracy=%.4f", (double)okf / n);
    printf(" images_per_s=%.0f\n", ips);
    rc = 0;
done:
    eyrie_model_free(&m);
    eyrie_idx_free(&img);
    eyrie_idx_free(&lab);
    return rc;
}
