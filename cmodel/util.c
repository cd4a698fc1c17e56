/* util.c - error messages and whole-file reads. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

int eyrie__err(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int eyrie__read_file(const char *path, size_t max, uint8_t **buf, size_t *len,
                     char *err, size_t errlen)
{
    *buf = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return eyrie__err(err, errlen, "cannot open: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    uint8_t *b = malloc(cap);
    if (!b) {
        fclose(f);
        return eyrie__err(err, errlen, "out of memory");
    }
    for (;;) {
        if (n == cap) {
            if (cap > max) {
                free(b);
                fclose(f);
                return eyrie__err(err, errlen, "file larger than %zu bytes", max);
            }
            uint8_t *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                fclose(f);
                return eyrie__err(err, errlen, "out of memory");
            }
            b = nb;
            cap *= 2;
        }
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(b);
        return eyrie__err(err, errlen, "read error");
    }
    if (n > max) {
        free(b);
        return eyrie__err(err, errlen, "file larger than %zu bytes", max);
    }
    *buf = b;
    *len = n;
    return 0;
}
