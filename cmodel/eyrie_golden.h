/* eyrie_golden.h - golden vector files (docs/model-format.md, section
 * "Golden vector files"): one tensor stack per file, a 32-byte header,
 * a stamp string saying what produced it, then little-endian data. */
#ifndef EYRIE_GOLDEN_H
#define EYRIE_GOLDEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EYRIE_GV_MAGIC "EYRIEGV1"
#define EYRIE_GV_VERSION 1
#define EYRIE_GV_U8 1  /* uint8 codes */
#define EYRIE_GV_I32 2 /* int32 little-endian (accumulators) */
#define EYRIE_GV_MAX_STAMP 4096

typedef struct {
    int dtype;         /* EYRIE_GV_U8 or EYRIE_GV_I32 */
    int ndim;          /* 1..4 */
    uint32_t dims[4];  /* dims[0] = number of images; unused dims are 1 */
    char *stamp;       /* NUL-terminated */
    size_t count;      /* product of dims */
    uint8_t *u8;       /* data if dtype U8 */
    int32_t *i32;      /* data if dtype I32 (host order) */
} eyrie_gv;

/* Writing: begin (header), put count values (any number of times, in
 * order, e.g. one image at a time), end (checks the count matches). */
typedef struct {
    FILE *f;
    int dtype;
    size_t left; /* values still to write */
} eyrie_gv_writer;
int eyrie_gv_begin(eyrie_gv_writer *w, const char *path, int dtype, int ndim,
                   const uint32_t *dims, const char *stamp, char *err, size_t errlen);
int eyrie_gv_put(eyrie_gv_writer *w, const void *data, size_t count);
int eyrie_gv_end(eyrie_gv_writer *w, char *err, size_t errlen);

/* Reading a whole file; 0 or -1 with a one-line message. */
int eyrie_gv_read(const char *path, eyrie_gv *g, char *err, size_t errlen);
void eyrie_gv_free(eyrie_gv *g);

#ifdef __cplusplus
}
#endif
#endif
