/* idx.c - IDX files (FashionMNIST's format), gzip-compressed or plain.
 * Big-endian header: 0x00000801 + count (labels, 1 byte each) or
 * 0x00000803 + count, rows, cols (images).  The payload must be exactly
 * count*rows*cols bytes: short files and trailing bytes are errors, as is
 * anything after the end of the gzip stream. */
#include <stdlib.h>
#include <zlib.h>

#include "internal.h"

#define IDX_MAX_BYTES ((size_t)1 << 30) /* payload limit */
#define IDX_MAX_FILE ((size_t)1 << 30)

void eyrie_idx_free(eyrie_idx *x)
{
    free(x->data);
    memset(x, 0, sizeof *x);
}

static int check_magic(const uint8_t *h, char *err, size_t errlen)
{
    uint32_t magic = eyrie__rd32be(h);
    if (magic != 0x00000801u && magic != 0x00000803u)
        return eyrie__err(err, errlen,
                          "wrong magic 0x%08x (expected 0x00000801 labels or 0x00000803 images)",
                          magic);
    return 0;
}

/* Parse the header in h (hlen bytes available); on success *hdr is the
 * header size and *payload the exact payload size. */
static int parse_header(const uint8_t *h, size_t hlen, eyrie_idx *x, size_t *hdr, size_t *payload,
                        char *err, size_t errlen)
{
    if (hlen < 4)
        return eyrie__err(err, errlen, "truncated: %zu bytes, shorter than the IDX magic", hlen);
    if (check_magic(h, err, errlen))
        return -1;
    const int nd = h[3];
    *hdr = 4 + 4 * (size_t)nd;
    if (hlen < *hdr)
        return eyrie__err(err, errlen, "truncated: header needs %zu bytes, %zu present", *hdr,
                          hlen);
    x->count = eyrie__rd32be(h + 4);
    x->rows = nd == 3 ? eyrie__rd32be(h + 8) : 0;
    x->cols = nd == 3 ? eyrie__rd32be(h + 12) : 0;
    if (x->count < 1)
        return eyrie__err(err, errlen, "wrong dims: count is 0");
    if (nd == 3 && (x->rows < 1 || x->rows > EYRIE_MAX_DIM || x->cols < 1 || x->cols > EYRIE_MAX_DIM))
        return eyrie__err(err, errlen, "wrong dims: image size %ux%u out of range 1..%d", x->rows,
                          x->cols, EYRIE_MAX_DIM);
    uint64_t item = nd == 3 ? (uint64_t)x->rows * x->cols : 1;
    uint64_t n = (uint64_t)x->count * item;
    if (n > IDX_MAX_BYTES)
        return eyrie__err(err, errlen, "wrong dims: %llu bytes of data above the %zu limit",
                          (unsigned long long)n, IDX_MAX_BYTES);
    *payload = (size_t)n;
    return 0;
}

static int parse_plain(const uint8_t *buf, size_t len, eyrie_idx *x, char *err, size_t errlen)
{
    size_t hdr, n;
    if (parse_header(buf, len, x, &hdr, &n, err, errlen))
        return -1;
    if (len - hdr < n)
        return eyrie__err(err, errlen, "size mismatch: truncated, %zu data bytes, dims need %zu",
                          len - hdr, n);
    if (len - hdr > n)
        return eyrie__err(err, errlen, "size mismatch: %zu trailing bytes after the data",
                          len - hdr - n);
    x->data = malloc(n);
    if (!x->data)
        return eyrie__err(err, errlen, "out of memory");
    memcpy(x->data, buf + hdr, n);
    return 0;
}

/* Inflate into out[0..want); returns bytes produced, or -1 with err set.
 * *ended is set when the gzip stream ended (possibly before want). */
static long inflate_some(z_stream *zs, uint8_t *out, size_t want, char *err, size_t errlen,
                         int *ended)
{
    zs->next_out = out;
    zs->avail_out = (uInt)want;
    *ended = 0;
    while (zs->avail_out > 0) {
        int rc = inflate(zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            *ended = 1;
            break;
        }
        if (rc == Z_BUF_ERROR) /* no more input: truncated gzip */
            return eyrie__err(err, errlen, "gzip: truncated compressed data");
        if (rc != Z_OK)
            return eyrie__err(err, errlen, "gzip: %s", zs->msg ? zs->msg : "data error");
    }
    return (long)(want - zs->avail_out);
}

static int parse_gzip(const uint8_t *buf, size_t len, eyrie_idx *x, char *err, size_t errlen)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 16) != Z_OK) /* gzip wrapper only */
        return eyrie__err(err, errlen, "gzip: cannot initialise zlib");
    zs.next_in = (Bytef *)(uintptr_t)buf;
    zs.avail_in = (uInt)len;
    uint8_t h[16];
    size_t hdr, n;
    int ended, rc = -1;
    long got = inflate_some(&zs, h, 4, err, errlen, &ended);
    if (got < 0)
        goto out;
    if (got < 4) {
        eyrie__err(err, errlen, "truncated: %ld bytes, shorter than the IDX magic", got);
        goto out;
    }
    if (check_magic(h, err, errlen))
        goto out;
    hdr = 4 + 4 * (size_t)h[3];
    if (!ended) {
        long more = inflate_some(&zs, h + 4, hdr - 4, err, errlen, &ended);
        if (more < 0)
            goto out;
        got += more;
    }
    if (parse_header(h, (size_t)got, x, &hdr, &n, err, errlen))
        goto out;
    x->data = malloc(n + 1); /* +1: detect trailing data */
    if (!x->data) {
        eyrie__err(err, errlen, "out of memory");
        goto out;
    }
    got = 0;
    if (!ended) {
        got = inflate_some(&zs, x->data, n + 1, err, errlen, &ended);
        if (got < 0)
            goto out;
    }
    if ((size_t)got < n) {
        eyrie__err(err, errlen, "size mismatch: truncated, %ld data bytes, dims need %zu", got, n);
        goto out;
    }
    if ((size_t)got > n || !ended) {
        eyrie__err(err, errlen, "size mismatch: trailing bytes after the data");
        goto out;
    }
    if (zs.avail_in != 0) {
        eyrie__err(err, errlen, "trailing bytes: %u bytes after the end of the gzip stream",
                   zs.avail_in);
        goto out;
    }
    rc = 0;
out:
    inflateEnd(&zs);
    if (rc) {
        free(x->data);
        memset(x, 0, sizeof *x);
    }
    return rc;
}

int eyrie_idx_parse(const uint8_t *buf, size_t len, eyrie_idx *x, char *err, size_t errlen)
{
    memset(x, 0, sizeof *x);
    int rc;
    if (len >= 2 && buf[0] == 0x1f && buf[1] == 0x8b)
        rc = parse_gzip(buf, len, x, err, errlen);
    else
        rc = parse_plain(buf, len, x, err, errlen);
    if (rc)
        eyrie_idx_free(x);
    return rc;
}

int eyrie_idx_load(const char *path, eyrie_idx *x, char *err, size_t errlen)
{
    uint8_t *buf;
    size_t len;
    memset(x, 0, sizeof *x);
    if (eyrie__read_file(path, IDX_MAX_FILE, &buf, &len, err, errlen))
        return -1;
    int rc = eyrie_idx_parse(buf, len, x, err, errlen);
    free(buf);
    return rc;
}
