/* fuzz_idx.c - libFuzzer target for eyrie_idx_parse (plain and gzip).
 * Invariants: a rejected input leaves x zeroed with a message; an accepted
 * one has count >= 1 and its data readable to the last byte. */
#include <stdlib.h>
#include <string.h>

#include "eyrie.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eyrie_idx x;
    char err[256];
    if (eyrie_idx_parse(data, size, &x, err, sizeof err)) {
        if (x.data || x.count || err[0] == 0)
            abort();
        return 0;
    }
    size_t n = (size_t)x.count * (x.rows ? (size_t)x.rows * x.cols : 1);
    if (x.count < 1 || !x.data)
        abort();
    volatile uint8_t sink = x.data[0] ^ x.data[n - 1];
    (void)sink;
    eyrie_idx_free(&x);
    return 0;
}
