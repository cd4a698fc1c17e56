/* golden.c - golden vector files (eyrie_golden.h). */
#include <stdlib.h>

#include "eyrie_golden.h"
#include "internal.h"

enum { GV_HDR = 32 };
#define GV_MAX_BYTES ((size_t)1 << 32)

static size_t dsize(int dtype) { return dtype == EYRIE_GV_I32 ? 4 : 1; }

int eyrie_gv_begin(eyrie_gv_writer *w, const char *path, int dtype, int ndim,
                   const uint32_t *dims, const char *stamp, char *err, size_t errlen)
{
    memset(w, 0, sizeof *w);
    if ((dtype != EYRIE_GV_U8 && dtype != EYRIE_GV_I32) || ndim < 1 || ndim > 4)
        return eyrie__err(err, errlen, "%s: bad dtype or ndim", path);
    size_t slen = strlen(stamp);
    if (slen > EYRIE_GV_MAX_STAMP)
        slen = EYRIE_GV_MAX_STAMP;
    uint8_t h[GV_HDR] = {0};
    memcpy(h, EYRIE_GV_MAGIC, 8);
    eyrie__wr16(h + 8, EYRIE_GV_VERSION);
    h[10] = (uint8_t)dtype;
    h[11] = (uint8_t)ndim;
    size_t count = 1;
    for (int d = 0; d < 4; d++) {
        uint32_t v = d < ndim ? dims[d] : 1;
        eyrie__wr32(h + 12 + 4 * d, v);
        count *= v;
    }
    eyrie__wr32(h + 28, (uint32_t)slen);
    w->f = fopen(path, "wb");
    if (!w->f)
        return eyrie__err(err, errlen, "%s: cannot create", path);
    if (fwrite(h, 1, GV_HDR, w->f) != GV_HDR || fwrite(stamp, 1, slen, w->f) != slen) {
        fclose(w->f);
        w->f = NULL;
        return eyrie__err(err, errlen, "%s: write error", path);
    }
    w->dtype = dtype;
    w->left = count;
    return 0;
}

int eyrie_gv_put(eyrie_gv_writer *w, const void *data, size_t count)
{
    if (!w->f || count > w->left)
        return -1;
    w->left -= count;
    if (w->dtype == EYRIE_GV_U8)
        return fwrite(data, 1, count, w->f) == count ? 0 : -1;
    const int32_t *v = data;
    uint8_t b[4096];
    while (count) {
        size_t n = count < sizeof b / 4 ? count : sizeof b / 4;
        for (size_t i = 0; i < n; i++)
            eyrie__wr32(b + 4 * i, (uint32_t)v[i]);
        if (fwrite(b, 4, n, w->f) != n)
            return -1;
        v += n;
        count -= n;
    }
    return 0;
}

int eyrie_gv_end(eyrie_gv_writer *w, char *err, size_t errlen)
{
    if (!w->f)
        return eyrie__err(err, errlen, "golden file not open");
    int bad = ferror(w->f) != 0;
    bad |= fclose(w->f) != 0;
    w->f = NULL;
    if (bad)
        return eyrie__err(err, errlen, "write error");
    if (w->left)
        return eyrie__err(err, errlen, "%zu values missing", w->left);
    return 0;
}

void eyrie_gv_free(eyrie_gv *g)
{
    free(g->stamp);
    free(g->u8);
    free(g->i32);
    memset(g, 0, sizeof *g);
}

int eyrie_gv_read(const char *path, eyrie_gv *g, char *err, size_t errlen)
{
    uint8_t *b;
    size_t len;
    memset(g, 0, sizeof *g);
    if (eyrie__read_file(path, GV_MAX_BYTES, &b, &len, err, errlen))
        return -1;
    int rc = -1;
    if (len < GV_HDR) {
        eyrie__err(err, errlen, "truncated: %zu bytes, shorter than the header", len);
        goto out;
    }
    if (memcmp(b, EYRIE_GV_MAGIC, 8) != 0) {
        eyrie__err(err, errlen, "wrong magic (not a golden vector file)");
        goto out;
    }
    if (eyrie__rd16(b + 8) != EYRIE_GV_VERSION) {
        eyrie__err(err, errlen, "wrong version %u", eyrie__rd16(b + 8));
        goto out;
    }
    g->dtype = b[10];
    g->ndim = b[11];
    if ((g->dtype != EYRIE_GV_U8 && g->dtype != EYRIE_GV_I32) || g->ndim < 1 || g->ndim > 4) {
        eyrie__err(err, errlen, "bad dtype %d or ndim %d", g->dtype, g->ndim);
        goto out;
    }
    uint64_t count = 1;
    for (int d = 0; d < 4; d++) {
        g->dims[d] = eyrie__rd32(b + 12 + 4 * d);
        count *= g->dims[d];
        if (count > GV_MAX_BYTES) {
            eyrie__err(err, errlen, "dims too large");
            goto out;
        }
    }
    size_t slen = eyrie__rd32(b + 28);
    if (slen > EYRIE_GV_MAX_STAMP || slen > len - GV_HDR) {
        eyrie__err(err, errlen, "bad stamp length %zu", slen);
        goto out;
    }
    size_t nbytes = (size_t)count * dsize(g->dtype);
    if (len - GV_HDR - slen != nbytes) {
        eyrie__err(err, errlen, "size mismatch: %zu data bytes, dims need %zu",
                   len - GV_HDR - slen, nbytes);
        goto out;
    }
    g->count = (size_t)count;
    g->stamp = malloc(slen + 1);
    if (!g->stamp) {
        eyrie__err(err, errlen, "out of memory");
        goto out;
    }
    memcpy(g->stamp, b + GV_HDR, slen);
    g->stamp[slen] = 0;
    const uint8_t *d = b + GV_HDR + slen;
    if (g->dtype == EYRIE_GV_U8) {
        g->u8 = malloc(nbytes ? nbytes : 1);
        if (g->u8)
            memcpy(g->u8, d, nbytes);
    } else {
        g->i32 = malloc(nbytes ? nbytes : 1);
        if (g->i32)
            for (size_t i = 0; i < g->count; i++)
                g->i32[i] = (int32_t)eyrie__rd32(d + 4 * i);
    }
    if (!g->u8 && !g->i32) {
        eyrie__err(err, errlen, "out of memory");
        goto out;
    }
    rc = 0;
out:
    free(b);
    if (rc)
        eyrie_gv_free(g);
    return rc;
}
