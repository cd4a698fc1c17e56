/* main.c - eyrie-train: train a float CNN on FashionMNIST, quantize it to
 * int8 per docs/numerics.md, write the model file and its table.
 * Usage: eyrie-train --help. Errors: one line on stderr, exit status 2. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../cmodel/eyrie.h"
#include "net.h"
#include "quantize.h"

static const char usage[] =
    "usage: eyrie-train --train-images F --train-labels F [options]\n"
    "  --arch A           lenet | default | spec, e.g. c6k3p1,pool,c16k3p0,pool,f120,f84,f10\n"
    "                     (cNkK[pP]: conv to N channels, KxK, pad P; pool: 2x2 maxpool after\n"
    "                     the previous conv; fN: fully connected; ReLU after all but the last)\n"
    "  --name N           model name stored in the file (default: the preset name or 'custom')\n"
    "  --epochs N         training epochs (12)\n"
    "  --batch N          mini-batch size (64)\n"
    "  --lr X             peak Adam learning rate, cosine-decayed to 0 (2e-3)\n"
    "  --wd X             decoupled weight decay on weights (0)\n"
    "  --no-flip          no random horizontal flips\n"
    "  --seed N           PRNG seed for init, shuffling and flips (1)\n"
    "  --limit N          train on the first N training images (all)\n"
    "  --calib N          calibration images, the first N training images (2000)\n"
    "  --calib-method M   auto | max | pXX.XXX percentile (auto: best int8 accuracy on\n"
    "                     the last --select training images)\n"
    "  --select N         training images used by --calib-method auto (5000)\n"
    "  --test-images F --test-labels F   report float and int8 test accuracy\n"
    "  --out F.eyr        write the int8 model (with float weights)\n"
    "  --table F.txt      write the human-readable quantization table\n"
    "  --save-float F     write the trained float parameters\n"
    "  --load-float F     skip training: load float parameters saved by --save-float\n"
    "  --quiet            no per-epoch progress\n";

static void die(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "eyrie-train: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    exit(2);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static long arg_long(const char *opt, const char *v, long lo, long hi)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || *end || end == v || x < lo || x > hi) {
        char range[64];
        snprintf(range, sizeof range, "an integer in %ld..%ld", lo, hi);
        die("%s wants %s", opt, range);
    }
    return x;
}

static double arg_double(const char *opt, const char *v, double lo, double hi)
{
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (errno || *end || end == v || !(x >= lo && x <= hi))
        die("%s: bad number '%s'", opt, v);
    return x;
}

static void load_set(const char *ip, const char *lp, eyrie_idx *im, eyrie_idx *lb)
{
    char err[256];
    if (eyrie_idx_load(ip, im, err, sizeof err))
        die("%s%s", err, "");
    if (eyrie_idx_load(lp, lb, err, sizeof err))
        die("%s%s", err, "");
    if (im->rows == 0 || im->cols == 0)
        die("%s: not an image file (no rows/cols)%s", ip, "");
    if (lb->rows != 0)
        die("%s: not a label file%s", lp, "");
    if (im->count != lb->count)
        die("%s and %s: image and label counts differ", ip, lp);
    for (uint32_t i = 0; i < lb->count; i++)
        if (lb->data[i] > 9)
            die("%s: label above 9%s", lp, "");
}

#define FLOAT_MAGIC "EYRQFLT1"

static void save_float(const char *path, const qnet *net, const float *p)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        die("%s: cannot write: %s", path, strerror(errno));
    uint64_t n = net->n_params;
    char spec[256] = {0};
    snprintf(spec, sizeof spec, "%s", net->spec);
    if (fwrite(FLOAT_MAGIC, 1, 8, f) != 8 || fwrite(spec, 1, 256, f) != 256 ||
        fwrite(&n, 8, 1, f) != 1 || fwrite(p, sizeof(float), n, f) != n || fclose(f))
        die("%s: write failed%s", path, "");
}

static void load_float(const char *path, const qnet *net, float *p)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("%s: cannot read: %s", path, strerror(errno));
    char magic[8], spec[256];
    uint64_t n;
    if (fread(magic, 1, 8, f) != 8 || memcmp(magic, FLOAT_MAGIC, 8) ||
        fread(spec, 1, 256, f) != 256 || fread(&n, 8, 1, f) != 1)
        die("%s: not a float parameter file%s", path, "");
    spec[255] = 0;
    if (strcmp(spec, net->spec) || n != net->n_params)
        die("%s: saved for arch '%s', not this --arch", path, spec);
    if (fread(p, sizeof(float), n, f) != n)
        die("%s: truncated%s", path, "");
    fclose(f);
}

int main(int argc, char **argv)
{
    const char *arch = "default", *name = NULL, *tr_im = NULL, *tr_lb = NULL, *te_im = NULL,
               *te_lb = NULL, *out = NULL, *table = NULL, *save_f = NULL, *load_f = NULL,
               *method = "auto";
    long limit = 0, calib_n = 2000, select_n = 5000;
    qtrain_cfg cfg;
    qtrain_defaults(&cfg);
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            fputs(usage, stdout);
            return 0;
        }
        if (!strcmp(o, "--no-flip")) {
            cfg.flip = 0;
            continue;
        }
        if (!strcmp(o, "--quiet")) {
            cfg.verbose = 0;
            continue;
        }
        if (strncmp(o, "--", 2))
            die("unexpected argument '%s' (see --help)%s", o, "");
        if (i + 1 >= argc)
            die("%s needs a value (see --help)%s", o, "");
        const char *v = argv[++i];
        if (!strcmp(o, "--arch")) arch = v;
        else if (!strcmp(o, "--name")) name = v;
        else if (!strcmp(o, "--train-images")) tr_im = v;
        else if (!strcmp(o, "--train-labels")) tr_lb = v;
        else if (!strcmp(o, "--test-images")) te_im = v;
        else if (!strcmp(o, "--test-labels")) te_lb = v;
        else if (!strcmp(o, "--out")) out = v;
        else if (!strcmp(o, "--table")) table = v;
        else if (!strcmp(o, "--save-float")) save_f = v;
        else if (!strcmp(o, "--load-float")) load_f = v;
        else if (!strcmp(o, "--calib-method")) method = v;
        else if (!strcmp(o, "--epochs")) cfg.epochs = (int)arg_long(o, v, 0, 1000);
        else if (!strcmp(o, "--batch")) cfg.batch = (int)arg_long(o, v, 1, 65536);
        else if (!strcmp(o, "--seed")) cfg.seed = (uint64_t)arg_long(o, v, 0, 0x7fffffffL);
        else if (!strcmp(o, "--limit")) limit = arg_long(o, v, 1, 100000000);
        else if (!strcmp(o, "--calib")) calib_n = arg_long(o, v, 1, 100000000);
        else if (!strcmp(o, "--select")) select_n = arg_long(o, v, 1, 100000000);
        else if (!strcmp(o, "--lr")) cfg.lr = arg_double(o, v, 1e-7, 1.0);
        else if (!strcmp(o, "--wd")) cfg.wd = arg_double(o, v, 0.0, 1.0);
        else die("unknown option '%s' (see --help)%s", o, "");
    }
    if (!tr_im || !tr_lb)
        die("--train-images and --train-labels are required (see --help)%s%s", "", "");
    if (!te_im != !te_lb)
        die("--test-images and --test-labels go together%s%s", "", "");
    if (!name)
        name = (!strcmp(arch, "lenet") || !strcmp(arch, "default")) ? arch : "custom";
    if (strlen(name) >= EYRIE_NAME_LEN)
        die("--name '%s' longer than 15 characters%s", name, "");
    double pct_fixed = -1.0;
    if (!strcmp(method, "max"))
        pct_fixed = 100.0;
    else if (method[0] == 'p')
        pct_fixed = arg_double("--calib-method", method + 1, 90.0, 100.0);
    else if (strcmp(method, "auto"))
        die("--calib-method: want auto, max or pXX.X, not '%s'%s", method, "");

    char err[256];
    eyrie_idx im, lb;
    load_set(tr_im, tr_lb, &im, &lb);
    qnet net;
    if (qnet_parse(arch, 1, (int)im.rows, (int)im.cols, &net, err, sizeof err))
        die("%s%s", err, "");
    if (net.L[net.n - 1].c_out != 10)
    {
        char got[32];
        snprintf(got, sizeof got, "f%d", net.L[net.n - 1].c_out);
        die("arch: the last layer must have 10 outputs (f10), not %s%s", got, "");
    }
    int n = (int)im.count;
    if (limit && limit < n)
        n = (int)limit;
    if (calib_n > (long)im.count)
        calib_n = im.count;
    if (select_n > (long)im.count)
        select_n = im.count;
    printf("eyrie-train: arch %s (%s): %zu parameters, %zu MACs/image\n", arch, net.spec,
           net.n_params, qnet_macs(&net));

    float *params = calloc(net.n_params, sizeof(float));
    if (!params)
        die("out of memory%s%s", "", "");
    double t_train = 0.0;
    if (load_f) {
        load_float(load_f, &net, params);
        printf("eyrie-train: loaded float parameters from %s\n", load_f);
    } else {
        printf("eyrie-train: training on %d images: %d epochs, batch %d, Adam lr %g cosine, wd %g, "
               "flips %s, seed %llu\n",
               n, cfg.epochs, cfg.batch, cfg.lr, cfg.wd, cfg.flip ? "on" : "off",
               (unsigned long long)cfg.seed);
        fflush(stdout);
        qnet_init(&net, params, cfg.seed);
        double t0 = now();
        qnet_train(&net, params, im.data, lb.data, n, &cfg);
        t_train = now() - t0;
        printf("eyrie-train: training time %.1f s\n", t_train);
    }
    if (save_f)
        save_float(save_f, &net, params);

    /* calibration on the first calib_n training images; the method is picked
     * by int8 accuracy on the last select_n training images (never the test set) */
    static const double pcts[] = {100.0, 99.999, 99.99, 99.9};
    qcalib cal;
    if (pct_fixed > 0)
        quant_calibrate(&net, params, im.data, (int)calib_n, &pct_fixed, 1, &cal);
    else
        quant_calibrate(&net, params, im.data, (int)calib_n, pcts, 4, &cal);
    const uint8_t *sel_im = im.data + (size_t)(im.count - select_n) * im.rows * im.cols;
    const uint8_t *sel_lb = lb.data + (im.count - select_n);
    printf("eyrie-train: float accuracy %.2f%% on training images %ld..%u%s\n",
           100.0 * qnet_accuracy(&net, params, sel_im, sel_lb, (int)select_n),
           (long)im.count - select_n, im.count - 1,
           n <= (long)im.count - select_n ? " (held out from training)" : "");
    int best = 0;
    double best_acc = -1.0;
    eyrie_model model;
    memset(&model, 0, sizeof model);
    for (int j = 0; j < cal.n_methods; j++) {
        eyrie_model mj;
        if (quant_build(&net, params, cal.range[j], name, &mj, err, sizeof err)) {
            printf("eyrie-train: calibration %s: %s\n", j ? "percentile" : "max", err);
            continue;
        }
        double a = cal.n_methods > 1
                       ? quant_accuracy_int8(&mj, sel_im, sel_lb, (int)select_n, 1)
                       : 0.0;
        if (cal.n_methods > 1)
            printf("eyrie-train: calibration p%g: int8 accuracy %.2f%% on training images "
                   "%ld..%u\n", cal.pct[j], 100.0 * a, (long)im.count - select_n, im.count - 1);
        if (a > best_acc) {
            best_acc = a;
            best = j;
            eyrie_model_free(&model);
            model = mj;
        } else {
            eyrie_model_free(&mj);
        }
    }
    if (best_acc < 0.0)
        die("quantization failed: %s%s", err, "");
    char mname[256];
    int k0;
    if (cal.pct[best] >= 100.0)
        k0 = snprintf(mname, sizeof mname, "max");
    else
        k0 = snprintf(mname, sizeof mname, "percentile %g", cal.pct[best]);
    snprintf(mname + k0, sizeof mname - (size_t)k0,
             " of the post-ReLU activations of training images 0..%ld", calib_n - 1);
    if (cal.n_methods > 1)
        snprintf(mname + strlen(mname), sizeof mname - strlen(mname),
                 " (picked from max, p99.999, p99.99, p99.9 by int8 accuracy on training "
                 "images %ld..%u)", (long)im.count - select_n, im.count - 1);
    printf("eyrie-train: calibration: %s\n", mname);

    double facc = -1, qacc = -1;
    uint32_t n_test = 0;
    if (te_im) {
        eyrie_idx tim, tlb;
        load_set(te_im, te_lb, &tim, &tlb);
        if (tim.rows != im.rows || tim.cols != im.cols)
            die("%s: image size differs from the training set%s", te_im, "");
        facc = quant_accuracy_float(&model, tim.data, tlb.data, (int)tim.count);
        qacc = quant_accuracy_int8(&model, tim.data, tlb.data, (int)tim.count, 0);
        n_test = tim.count;
        printf("eyrie-train: test accuracy (%u images): float %.2f%%  int8 %.2f%%\n", tim.count,
               100.0 * facc, 100.0 * qacc);
        eyrie_idx_free(&tim);
        eyrie_idx_free(&tlb);
    }
    if (out && eyrie_model_save(&model, out, err, sizeof err))
        die("%s%s", err, "");
    if (out)
        printf("eyrie-train: wrote %s\n", out);
    if (table) {
        FILE *f = fopen(table, "w");
        if (!f)
            die("%s: cannot write: %s", table, strerror(errno));
        char hdr[4096];
        size_t k = (size_t)snprintf(hdr, sizeof hdr, "# eyrie-train");
        for (int i = 1; i < argc && k < sizeof hdr; i++)
            k += (size_t)snprintf(hdr + k, sizeof hdr - k, " %s", argv[i]);
        if (k < sizeof hdr)
            k += (size_t)snprintf(hdr + k, sizeof hdr - k,
                                  "\n# arch %s, seed %llu, epochs %d, batch %d, lr %g cosine, "
                                  "wd %g, flips %s, %d training images, train time %.1f s\n",
                                  net.spec, (unsigned long long)cfg.seed, cfg.epochs, cfg.batch,
                                  cfg.lr, cfg.wd, cfg.flip ? "on" : "off", n, t_train);
        if (k < sizeof hdr && facc >= 0)
            snprintf(hdr + k, sizeof hdr - k,
                     "# test accuracy (%u test images): float %.2f%%, int8 %.2f%%\n",
                     n_test, 100.0 * facc, 100.0 * qacc);
        quant_write_table(&model, cal.range[best], mname, hdr, f);
        if (fclose(f))
            die("%s: write failed%s", table, "");
        printf("eyrie-train: wrote %s\n", table);
    }
    eyrie_model_free(&model);
    eyrie_idx_free(&im);
    eyrie_idx_free(&lb);
    free(params);
    return 0;
}
