/* fuzz_model.c - libFuzzer target for eyrie_model_parse.  Invariants: a
 * rejected input leaves the model zeroed; an accepted one serializes back
 * to the same bytes, and (if small) the fast path equals the reference. */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "eyrie.h"

static int one(const uint8_t *data, size_t size);

/* Each input is parsed as is, and again with its length field and CRC32
 * trailer repaired, so that mutations reach the layer parser instead of
 * stopping at the checksum. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one(data, size);
    if (size >= 44) {
        uint8_t *c = malloc(size);
        memcpy(c, data, size);
        c[36] = (uint8_t)size, c[37] = (uint8_t)(size >> 8), c[38] = (uint8_t)(size >> 16),
        c[39] = (uint8_t)(size >> 24);
        uint32_t crc = (uint32_t)crc32(0L, c, (uInt)(size - 4));
        for (int i = 0; i < 4; i++)
            c[size - 4 + i] = (uint8_t)(crc >> (8 * i));
        one(c, size);
        free(c);
    }
    return 0;
}

static int one(const uint8_t *data, size_t size)
{
    static const eyrie_model zero;
    eyrie_model m;
    char err[256];
    if (eyrie_model_parse(data, size, &m, err, sizeof err)) {
        if (memcmp(&m, &zero, sizeof m) != 0 || err[0] == 0)
            abort();
        return 0;
    }
    uint8_t *out;
    size_t len;
    if (eyrie_model_serialize(&m, &out, &len, err, sizeof err) || len != size ||
        memcmp(out, data, size) != 0)
        abort();
    free(out);
    size_t macs = 0;
    for (int i = 0; i < m.n_layers; i++)
        macs += eyrie_layer_macs(&m.layer[i]);
    const int nc = eyrie_model_classes(&m);
    if (macs < 2000000 && nc <= 4096) {
        eyrie_ws *ws = eyrie_ws_new(&m);
        size_t isz = (size_t)m.c * m.h * m.w;
        uint8_t *img = malloc(isz);
        int32_t *a = malloc((size_t)nc * 4), *b = malloc((size_t)nc * 4);
        float *f = malloc((size_t)nc * 4);
        for (size_t i = 0; i < isz; i++)
            img[i] = (uint8_t)(i * 37 + size);
        if (!ws || eyrie_infer(&m, ws, img, a, NULL) != eyrie_infer_fast(&m, ws, img, b) ||
            memcmp(a, b, (size_t)nc * 4) != 0)
            abort();
        if (m.has_float && eyrie_infer_float(&m, ws, img, f) < 0)
            abort();
        free(img);
        free(a);
        free(b);
        free(f);
        eyrie_ws_free(ws);
    }
    eyrie_model_free(&m);
    return 0;
}
