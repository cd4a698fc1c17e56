/* mkseeds.c - seed corpora for make fuzz: valid random models (with and
 * without float weights) and valid IDX files, plain and gzip.
 * Usage: mkseeds MODEL_DIR IDX_DIR */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "eyrie.h"
#include "testlib.h"

static void put(const char *dir, const char *name, const void *b, size_t n)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    if (!f || fwrite(b, 1, n, f) != n)
        exit(1);
    fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    mkdir(argv[1], 0777);
    mkdir(argv[2], 0777);
    rng_t r = {42};
    char name[64], err[256];
    for (int i = 0; i < 16; i++) {
        eyrie_model m;
        build_random(&m, &r, i & 1);
        uint8_t *b;
        size_t n;
        if (eyrie_model_serialize(&m, &b, &n, err, sizeof err))
            return 1;
        if (n < 4096) { /* keep seeds small */
            snprintf(name, sizeof name, "model%02d.eyr", i);
            put(argv[1], name, b, n);
        }
        free(b);
        eyrie_model_free(&m);
    }
    uint8_t idx[16 + 3 * 4 * 5];
    const uint8_t h3[16] = {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5};
    memcpy(idx, h3, 16);
    for (int i = 0; i < 60; i++)
        idx[16 + i] = (uint8_t)(i * 17);
    put(argv[2], "images.idx", idx, sizeof idx);
    const uint8_t lab[11] = {0, 0, 8, 1, 0, 0, 0, 3, 1, 9, 4};
    put(argv[2], "labels.idx", lab, sizeof lab);
    uint8_t z[256];
    uLongf zn = sizeof z;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = idx;
    zs.avail_in = sizeof idx;
    zs.next_out = z;
    zs.avail_out = (uInt)zn;
    deflate(&zs, Z_FINISH);
    zn = sizeof z - zs.avail_out;
    deflateEnd(&zs);
    put(argv[2], "images.idx.gz", z, zn);
    printf("mkseeds: corpora in %s and %s\n", argv[1], argv[2]);
    return 0;
}
