/* test_real.c - checks on a committed model over the whole test set:
 * eyrie_infer_fast == eyrie_infer (class and all logits) on every image,
 * and the int8 accuracy within 0.3 points of the float path (the int8
 * path tracks the float path it was quantized from).
 * Usage: test_real MODEL.eyr TEST_IMAGES TEST_LABELS */
#include <stdlib.h>
#include <string.h>

#include "eyrie.h"
#include "testlib.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_real MODEL IMAGES LABELS\n");
        return 2;
    }
    char err[512];
    eyrie_model m;
    eyrie_idx img, lab;
    if (eyrie_model_load(argv[1], &m, err, sizeof err)) {
        fprintf(stderr, "test_real: %s: %s\n", argv[1], err);
        return 1;
    }
    if (eyrie_idx_load(argv[2], &img, err, sizeof err) ||
        eyrie_idx_load(argv[3], &lab, err, sizeof err)) {
        fprintf(stderr, "test_real: %s\n", err);
        return 1;
    }
    const int nc = eyrie_model_classes(&m);
    const size_t isz = (size_t)img.rows * img.cols;
    CHECK(m.c == 1 && m.h == img.rows && m.w == img.cols && nc == 10, "model shape");
    if (t_fail)
        return t_report("test_real");
    eyrie_ws *ws = eyrie_ws_new(&m);
    int32_t a[10], b[10];
    float f[10];
    uint32_t diff = 0, ok8 = 0, okf = 0;
    for (uint32_t k = 0; k < img.count; k++) {
        const uint8_t *x = img.data + k * isz;
        int c1 = eyrie_infer(&m, ws, x, a, NULL);
        int c2 = eyrie_infer_fast(&m, ws, x, b);
        if (c1 != c2 || memcmp(a, b, sizeof a) != 0) {
            if (diff++ < 5)
                fprintf(stderr, "test_real: image %u: reference class %d, fast class %d\n", k, c1,
                        c2);
        }
        ok8 += c1 == lab.data[k];
        if (m.has_float)
            okf += eyrie_infer_float(&m, ws, x, f) == lab.data[k];
    }
    CHECK(diff == 0, "%s: fast path differs from the reference on %u of %u images", argv[1], diff,
          img.count);
    double a8 = 100.0 * ok8 / img.count, af = 100.0 * okf / img.count;
    if (m.has_float) {
        printf("test_real: %s: fast == reference on %u images; int8 %.2f%%, float %.2f%%\n",
               argv[1], img.count, a8, af);
        CHECK(a8 >= af - 0.3 && a8 <= af + 0.3,
              "%s: int8 accuracy %.2f%% not within 0.3 points of float %.2f%%", argv[1], a8, af);
    } else {
        printf("test_real: %s: fast == reference on %u images; int8 %.2f%%; NOTICE: no float "
               "weights, int8-vs-float check skipped\n", argv[1], img.count, a8);
    }
    eyrie_ws_free(ws);
    eyrie_model_free(&m);
    eyrie_idx_free(&img);
    eyrie_idx_free(&lab);
    return t_report("test_real");
}
