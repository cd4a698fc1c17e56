/* bench.c - images/s and GMAC/s of eyrie_infer_fast and eyrie_infer on the
 * test set, one core.  Usage: bench MODEL.eyr IMAGES.idx OUT.txt [N]
 * or bench --shape lenet|default IMAGES.idx OUT.txt [N] (random weights). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eyrie.h"
#include "testlib.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    int a = 1, shape = 0;
    if (argc > 1 && !strcmp(argv[1], "--shape"))
        shape = 1, a = 2;
    if (argc < a + 3) {
        fprintf(stderr, "usage: bench [--shape] MODEL IMAGES OUT [N]\n");
        return 2;
    }
    char err[512];
    eyrie_model m;
    eyrie_idx img;
    rng_t r = {1};
    if (shape ? build_named(&m, argv[a], &r, 0) : eyrie_model_load(argv[a], &m, err, sizeof err)) {
        fprintf(stderr, "bench: %s: %s\n", argv[a], shape ? "bad shape" : err);
        return 2;
    }
    if (eyrie_idx_load(argv[a + 1], &img, err, sizeof err)) {
        fprintf(stderr, "bench: %s: %s\n", argv[a + 1], err);
        return 2;
    }
    uint32_t n = img.count;
    if (argc > a + 3 && atoi(argv[a + 3]) > 0 && (uint32_t)atoi(argv[a + 3]) < n)
        n = (uint32_t)atoi(argv[a + 3]);
    const size_t isz = (size_t)img.rows * img.cols;
    size_t macs = 0;
    for (int i = 0; i < m.n_layers; i++)
        macs += eyrie_layer_macs(&m.layer[i]);
    eyrie_ws *ws = eyrie_ws_new(&m);
    int32_t logits[4096];
    long sum = 0;
    eyrie_infer_fast(&m, ws, img.data, logits); /* warm up, pack */
    double best = 1e30;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now_s();
        for (uint32_t k = 0; k < n; k++)
            sum += eyrie_infer_fast(&m, ws, img.data + k * isz, logits);
        double dt = now_s() - t0;
        if (dt < best)
            best = dt;
    }
    uint32_t nref = n < 1000 ? n : 1000;
    double t0 = now_s();
    for (uint32_t k = 0; k < nref; k++)
        sum -= eyrie_infer(&m, ws, img.data + k * isz, logits, NULL);
    double dref = now_s() - t0;
    double ips = n / best, rips = nref / dref;
    /* the machine is shared: record its load next to the numbers */
    double load = -1.0;
    FILE *la = fopen("/proc/loadavg", "r");
    if (la) {
        if (fscanf(la, "%lf", &load) != 1)
            load = -1.0;
        fclose(la);
    }
    char line[512];
    snprintf(line, sizeof line,
             "bench-cmodel: model=%s images=%u images_per_s=%.0f gmac_per_s=%.2f "
             "ref_images_per_s=%.0f ref_gmac_per_s=%.3f macs_per_image=%zu loadavg=%.2f",
             m.name, n, ips, ips * macs * 1e-9, rips, rips * macs * 1e-9, macs, load);
    printf("%s\n", line);
    FILE *f = fopen(argv[a + 2], "w");
    if (f) {
        fprintf(f, "# eyrie cmodel benchmark, one core; fast path best of 3 passes over %u images,\n"
                   "# reference path over %u images; checksum %ld\n%s\n",
                n, nref, sum, line);
        fclose(f);
    }
    eyrie_ws_free(ws);
    eyrie_model_free(&m);
    eyrie_idx_free(&img);
    return 0;
}
