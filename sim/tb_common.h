// tb_common.h - small helpers shared by the Verilator C++ benches: a seeded
// PRNG, plusarg parsing and the pass/fail tally that ends each bench with
// one machine-readable line. Thin harness code only: every expected value
// comes from the C model (cmodel/eyrie.h).
#ifndef TB_COMMON_H
#define TB_COMMON_H

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include "verilated.h"

struct Rng {
    uint64_t s;
    explicit Rng(uint64_t seed) : s(seed * 0x9E3779B97F4A7C15ull + 1) {}
    uint64_t next() {  // splitmix64
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    uint32_t u32() { return (uint32_t)next(); }
    int range(int lo, int hi) { return lo + (int)(next() % (uint64_t)(hi - lo + 1)); }
    bool pct(int p) { return (int)(next() % 100) < p; }
};

// +name=value plusarg as an integer, or dflt.
static inline long plus_int(VerilatedContext *ctx, const char *name, long dflt) {
    std::string key = std::string(name) + "=";
    const char *m = ctx->commandArgsPlusMatch(key.c_str());
    if (!m || !*m) return dflt;
    return strtol(m + key.size() + 1, nullptr, 0);
}
static inline std::string plus_str(VerilatedContext *ctx, const char *name) {
    std::string key = std::string(name) + "=";
    const char *m = ctx->commandArgsPlusMatch(key.c_str());
    if (!m || !*m) return std::string();
    return std::string(m + key.size() + 1);
}

#if VM_TRACE
#include "verilated_fst_c.h"
// Open an FST waveform when +waves=FILE is given (make sim WAVES=1); the
// bench's Sim keeps the returned pointer (nullptr: no waves).
template <class Top>
static inline VerilatedFstC *open_waves(VerilatedContext *ctx, Top &top) {
    std::string wf = plus_str(ctx, "waves");
    if (wf.empty()) return nullptr;
    ctx->traceEverOn(true);
    VerilatedFstC *tr = new VerilatedFstC;
    top.trace(tr, 99);
    tr->open(wf.c_str());
    return tr;
}
#endif

struct Tally {
    int tests = 0, passed = 0, failed = 0;
    long layers = 0, mismatches = 0;
    void check(bool ok, const char *name, const char *fmt = nullptr, ...) {
        tests++;
        if (ok) { passed++; return; }
        failed++;
        fprintf(stderr, "FAIL %s", name);
        if (fmt) {
            va_list ap;
            va_start(ap, fmt);
            fputs(": ", stderr);
            vfprintf(stderr, fmt, ap);
            va_end(ap);
        }
        fputc('\n', stderr);
    }
    int finish(const char *bench) {
        printf("tb: bench=%s tests=%d passed=%d failed=%d layers_checked=%ld mismatches=%ld\n",
               bench, tests, passed, failed, layers, mismatches);
        return failed ? 1 : 0;
    }
};

#endif
