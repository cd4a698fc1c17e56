/* model.c - model files: parse, serialize, load, save, free.
 * The format is docs/model-format.md (little-endian, CRC32 trailer).
 * The parser checks every size field against the bytes that remain before
 * it allocates anything, and on any failure frees what it allocated and
 * leaves the model zeroed. */
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "internal.h"

enum {
    HDR_SIZE = 40,     /* file header */
    LHDR_SIZE = 24,    /* fixed part of a layer record */
    CRC_SIZE = 4,      /* trailer */
    HDR_F_FLOAT = 0x1, /* header flags: float weights present */
};
#define MODEL_MAX_FILE ((size_t)1 << 30)

static size_t layer_record_size(const eyrie_layer *L, int has_float)
{
    size_t co = L->c_out, n = co * eyrie_layer_fanin(L);
    size_t s = LHDR_SIZE + co * (4 + 2 + 1 + 4) + n;
    if (has_float)
        s += 4 * n + 4 * co;
    return s;
}

void eyrie_model_free(eyrie_model *m)
{
    for (int i = 0; i < EYRIE_MAX_LAYERS; i++) {
        eyrie_layer *L = &m->layer[i];
        free(L->bias);
        free(L->mult);
        free(L->shift);
        free(L->s_w);
        free(L->w);
        free(L->wf);
        free(L->bf);
    }
    memset(m, 0, sizeof *m);
}

static int fail(eyrie_model *m, int rc)
{
    eyrie_model_free(m);
    return rc;
}

/* Read one layer record at p (n bytes available).  Returns bytes used. */
static long parse_layer(const uint8_t *p, size_t n, int i, int has_float, eyrie_layer *L,
                        char *err, size_t errlen)
{
    if (n < LHDR_SIZE)
        return eyrie__err(err, errlen, "truncated: layer %d header extends past the data", i);
    L->type = p[0];
    L->k = p[1];
    L->pad = p[2];
    L->flags = p[3];
    L->c_in = eyrie__rd16(p + 4);
    L->h_in = eyrie__rd16(p + 6);
    L->w_in = eyrie__rd16(p + 8);
    L->c_out = eyrie__rd16(p + 10);
    L->z_in = p[12];
    L->z_out = p[13];
    if (eyrie__rd16(p + 14) != 0)
        return eyrie__err(err, errlen, "layer %d: reserved field not zero", i);
    L->s_in = eyrie__rdf(p + 16);
    L->s_out = eyrie__rdf(p + 20);
    /* bounds c_out, fan-in: record size below cannot overflow */
    if (eyrie__check_layer_fields(L, i, err, errlen))
        return -1;
    size_t rec = layer_record_size(L, has_float);
    if (rec > n)
        return eyrie__err(err, errlen, "truncated: layer %d needs %zu bytes, %zu remain", i, rec,
                          n);
    const size_t co = L->c_out, nw = co * eyrie_layer_fanin(L);
    L->bias = malloc(co * sizeof *L->bias);
    L->mult = malloc(co * sizeof *L->mult);
    L->shift = malloc(co);
    L->s_w = malloc(co * sizeof *L->s_w);
    L->w = malloc(nw);
    if (has_float) {
        L->wf = malloc(nw * sizeof *L->wf);
        L->bf = malloc(co * sizeof *L->bf);
    }
    if (!L->bias || !L->mult || !L->shift || !L->s_w || !L->w ||
        (has_float && (!L->wf || !L->bf)))
        return eyrie__err(err, errlen, "out of memory");
    const uint8_t *q = p + LHDR_SIZE;
    for (size_t k = 0; k < co; k++, q += 4)
        L->bias[k] = (int32_t)eyrie__rd32(q);
    for (size_t k = 0; k < co; k++, q += 2)
        L->mult[k] = eyrie__rd16(q);
    for (size_t k = 0; k < co; k++, q += 1)
        L->shift[k] = *q;
    for (size_t k = 0; k < co; k++, q += 4)
        L->s_w[k] = eyrie__rdf(q);
    memcpy(L->w, q, nw);
    q += nw;
    if (has_float) {
        for (size_t t = 0; t < nw; t++, q += 4)
            L->wf[t] = eyrie__rdf(q);
        for (size_t k = 0; k < co; k++, q += 4)
            L->bf[k] = eyrie__rdf(q);
    }
    return (long)(q - p);
}

int eyrie_model_parse(const uint8_t *buf, size_t len, eyrie_model *m, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    if (len < 8)
        return eyrie__err(err, errlen, "truncated: %zu bytes, shorter than the magic", len);
    if (memcmp(buf, EYRIE_MODEL_MAGIC, 8) != 0)
        return eyrie__err(err, errlen, "wrong magic (not an eyrie model file)");
    if (len < HDR_SIZE + CRC_SIZE)
        return eyrie__err(err, errlen, "truncated: %zu bytes, shorter than the %d-byte header",
                          len, HDR_SIZE + CRC_SIZE);
    unsigned ver = eyrie__rd16(buf + 8);
    if (ver != EYRIE_MODEL_VERSION)
        return eyrie__err(err, errlen, "wrong version %u (this reader supports %d)", ver,
                          EYRIE_MODEL_VERSION);
    uint32_t fsize = eyrie__rd32(buf + 36);
    if (len < fsize)
        return eyrie__err(err, errlen, "truncated: %zu bytes, header says %u", len, fsize);
    if (len > fsize)
        return eyrie__err(err, errlen, "trailing bytes: %zu bytes, header says %u", len, fsize);
    uint32_t crc = (uint32_t)crc32(0L, buf, (uInt)(len - CRC_SIZE));
    uint32_t stored = eyrie__rd32(buf + len - CRC_SIZE);
    if (crc != stored)
        return eyrie__err(err, errlen, "bad checksum: stored 0x%08x, computed 0x%08x", stored, crc);
    unsigned hflags = eyrie__rd16(buf + 10);
    if (hflags & ~(unsigned)HDR_F_FLOAT)
        return eyrie__err(err, errlen, "bad header flags 0x%04x", hflags);
    memcpy(m->name, buf + 12, EYRIE_NAME_LEN);
    const uint8_t *nul = memchr(m->name, 0, EYRIE_NAME_LEN);
    if (!nul) {
        memset(m, 0, sizeof *m);
        return eyrie__err(err, errlen, "model name not NUL-terminated");
    }
    for (const uint8_t *z = nul; z < (const uint8_t *)m->name + EYRIE_NAME_LEN; z++)
        if (*z) {
            memset(m, 0, sizeof *m);
            return eyrie__err(err, errlen, "model name padding not zero");
        }
    m->has_float = (hflags & HDR_F_FLOAT) != 0;
    m->c = eyrie__rd16(buf + 28);
    m->h = eyrie__rd16(buf + 30);
    m->w = eyrie__rd16(buf + 32);
    unsigned nl = eyrie__rd16(buf + 34);
    if (nl < 1 || nl > EYRIE_MAX_LAYERS) {
        memset(m, 0, sizeof *m);
        return eyrie__err(err, errlen, "layer count %u out of range 1..%d", nl, EYRIE_MAX_LAYERS);
    }
    m->n_layers = (int)nl;
    size_t off = HDR_SIZE, end = len - CRC_SIZE;
    for (int i = 0; i < m->n_layers; i++) {
        long used = parse_layer(buf + off, end - off, i, m->has_float, &m->layer[i], err, errlen);
        if (used < 0)
            return fail(m, -1);
        off += (size_t)used;
    }
    if (off != end)
        return fail(m, eyrie__err(err, errlen, "trailing bytes: %zu bytes after the last layer",
                                  end - off));
    if (eyrie_model_validate(m, err, errlen))
        return fail(m, -1);
    return 0;
}

int eyrie_model_serialize(const eyrie_model *m, uint8_t **out, size_t *len, char *err,
                          size_t errlen)
{
    *out = NULL;
    *len = 0;
    if (eyrie_model_validate(m, err, errlen))
        return -1;
    size_t total = HDR_SIZE + CRC_SIZE;
    for (int i = 0; i < m->n_layers; i++)
        total += layer_record_size(&m->layer[i], m->has_float);
    if (total > MODEL_MAX_FILE)
        return eyrie__err(err, errlen, "model too large: %zu bytes", total);
    uint8_t *b = calloc(1, total);
    if (!b)
        return eyrie__err(err, errlen, "out of memory");
    memcpy(b, EYRIE_MODEL_MAGIC, 8);
    eyrie__wr16(b + 8, EYRIE_MODEL_VERSION);
    eyrie__wr16(b + 10, m->has_float ? HDR_F_FLOAT : 0);
    memcpy(b + 12, m->name, strnlen(m->name, EYRIE_NAME_LEN)); /* rest stays 0 */
    eyrie__wr16(b + 28, m->c);
    eyrie__wr16(b + 30, m->h);
    eyrie__wr16(b + 32, m->w);
    eyrie__wr16(b + 34, (uint16_t)m->n_layers);
    eyrie__wr32(b + 36, (uint32_t)total);
    uint8_t *q = b + HDR_SIZE;
    for (int i = 0; i < m->n_layers; i++) {
        const eyrie_layer *L = &m->layer[i];
        const size_t co = L->c_out, nw = co * eyrie_layer_fanin(L);
        q[0] = L->type;
        q[1] = L->k;
        q[2] = L->pad;
        q[3] = L->flags;
        eyrie__wr16(q + 4, L->c_in);
        eyrie__wr16(q + 6, L->h_in);
        eyrie__wr16(q + 8, L->w_in);
        eyrie__wr16(q + 10, L->c_out);
        q[12] = L->z_in;
        q[13] = L->z_out;
        eyrie__wrf(q + 16, L->s_in);
        eyrie__wrf(q + 20, L->s_out);
        q += LHDR_SIZE;
        for (size_t k = 0; k < co; k++, q += 4)
            eyrie__wr32(q, (uint32_t)L->bias[k]);
        for (size_t k = 0; k < co; k++, q += 2)
            eyrie__wr16(q, L->mult[k]);
        for (size_t k = 0; k < co; k++, q += 1)
            *q = L->shift[k];
        for (size_t k = 0; k < co; k++, q += 4)
            eyrie__wrf(q, L->s_w[k]);
        memcpy(q, L->w, nw);
        q += nw;
        if (m->has_float) {
            for (size_t t = 0; t < nw; t++, q += 4)
                eyrie__wrf(q, L->wf[t]);
            for (size_t k = 0; k < co; k++, q += 4)
                eyrie__wrf(q, L->bf[k]);
        }
    }
    eyrie__wr32(q, (uint32_t)crc32(0L, b, (uInt)(total - CRC_SIZE)));
    *out = b;
    *len = total;
    return 0;
}

int eyrie_model_load(const char *path, eyrie_model *m, char *err, size_t errlen)
{
    uint8_t *buf;
    size_t len;
    memset(m, 0, sizeof *m);
    if (eyrie__read_file(path, MODEL_MAX_FILE, &buf, &len, err, errlen))
        return -1;
    int rc = eyrie_model_parse(buf, len, m, err, errlen);
    free(buf);
    return rc;
}

int eyrie_model_save(const eyrie_model *m, const char *path, char *err, size_t errlen)
{
    uint8_t *buf;
    size_t len;
    if (eyrie_model_serialize(m, &buf, &len, err, errlen))
        return -1;
    FILE *f = fopen(path, "wb");
    if (!f) {
        free(buf);
        return eyrie__err(err, errlen, "cannot create %s", path);
    }
    size_t wr = fwrite(buf, 1, len, f);
    int bad = (wr != len) | (fclose(f) != 0);
    free(buf);
    if (bad)
        return eyrie__err(err, errlen, "write error on %s", path);
    return 0;
}
