// tb_layer.cpp - layer benches for eyrie_layer_top: many randomized conv
// layers (shapes within the buffer limits, weights, per-channel M/S/bias
// including extremes, padding, ReLU, pooling) and the first two conv layers
// of a committed model on real FashionMNIST test images. Expected codes come
// from the C model (eyrie_conv_acc -> eyrie_requant_layer -> eyrie_pool, or
// eyrie_infer's trace). Memory grants and the output stream are driven with
// random bubbles and back-pressure; every output byte is checked once.
//
// plusargs: +seed=N +layers=N (random layers) +stall=PCT +model=FILE
//           +images=IDX +nimg=N +waves=FILE (if built with WAVES=1)
//           +bench=1 (performance: no stalls, prints bench-sim: lines)
#include <chrono>
#include <climits>
#include <vector>
#include "Vtb_layer.h"
#include "tb_common.h"
extern "C" {
#include "eyrie.h"
}
#include "program.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

#ifndef ROWS
#define ROWS 3
#endif
#ifndef COLS
#define COLS 4
#endif
#ifndef WMAX
#define WMAX 128
#endif
#define ACT_AW 15
#define WT_AW 15
#define Q_AW 10

namespace {

template <class T> void put_bytes(T &port, const uint8_t *b, int n) {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) v = (v << 8) | b[i];
    port = (T)v;
}
template <std::size_t N> void put_bytes(VlWide<N> &port, const uint8_t *b, int n) {
    for (std::size_t i = 0; i < N; i++) port[i] = 0;
    for (int i = 0; i < n; i++) port[i / 4] |= (uint32_t)b[i] << (8 * (i % 4));
}
struct Sim {
    VerilatedContext *ctx;
    Vtb_layer *m;
#if VM_TRACE
    VerilatedFstC *tr = nullptr;
#endif
    uint64_t cycles = 0;
    void tick() {
        m->clk_i = 1; m->eval(); ctx->timeInc(1);
#if VM_TRACE
        if (tr) tr->dump(ctx->time());
#endif
        m->clk_i = 0; m->eval(); ctx->timeInc(1);
#if VM_TRACE
        if (tr) tr->dump(ctx->time());
#endif
        cycles++;
    }
};

struct Result { long bad; bool ok; uint32_t cycles, steps; };

int div_up(int a, int b) { return (a + b - 1) / b; }

// Run one conv layer L on input `in` (CHW codes) and compare with `expect`
// (layer output codes after pooling, CHW).
// logits: the layer emits int32 sums (4 bytes per channel at out_base*2 +
// 4k); expect then holds 4*C_out little-endian bytes.
Result run_layer(Sim &S, Rng &R, const eyrie_layer *L, const uint8_t *in, const uint8_t *expect,
                 int stall, const char *name, int logits = 0) {
    Result res{0, true, 0, 0};
    Vtb_layer *m = S.m;
    const int K = L->k, P = L->pad, H = L->h_in, W = L->w_in, Ci = L->c_in, Co = L->c_out;
    const int pool = (L->flags & EYRIE_F_POOL) != 0;
    int oc, oh, ow;
    eyrie_layer_out_dims(L, &oc, &oh, &ow);
    const int pwi = (W + 1) / 2, pwo = (ow + 1) / 2;
    const int in_words = Ci * H * pwi;
    const int out_base = in_words + R.range(0, 3);
    const int out_words = Co * oh * pwo;
    // folded pooling (arrays of 8 columns or more): channel k in the lane
    // pair 2k, 2k+1 of its group, the window's two rows side by side
    const int fold = pool && COLS >= 8 && R.pct(50);
    const int lanes = fold ? COLS / 2 : COLS;
    const int nkg = div_up(Co, lanes);
    const int wt_words = nkg * Ci * K * K;
    const int wbase = R.range(0, 7), qbase = R.range(0, 3);
    if (out_base + out_words > (1 << ACT_AW) || wbase + wt_words > (1 << WT_AW) || qbase + Co > (1 << Q_AW)) {
        fprintf(stderr, "%s: layer does not fit the bench memories\n", name);
        res.ok = false;
        return res;
    }
    // ---- load memories (activations CHW, rows padded to even bytes) ----
    for (int c = 0; c < Ci; c++)
        for (int y = 0; y < H; y++)
            for (int xw = 0; xw < pwi; xw++) {
                uint8_t b[2];
                for (int e = 0; e < 2; e++) {
                    int x = 2 * xw + e;
                    b[e] = x < W ? in[((size_t)c * H + y) * W + x] : (uint8_t)R.u32();
                }
                m->ld_act_be_i = 3; m->ld_act_addr_i = (c * H + y) * pwi + xw; m->ld_act_data_i = (uint16_t)(b[0] | b[1] << 8);
                m->ld_wt_we_i = 0; m->ld_q_we_i = 0; m->start_i = 0;
                S.tick();
            }
    m->ld_act_be_i = 0;
    // weights, qparams and descriptor in the compiler's layouts (quant/program.c)
    eyrie_prog_layer PL;
    memset(&PL, 0, sizeof PL);
    PL.cin = Ci; PL.cout = Co; PL.h = H; PL.w = W; PL.k = K; PL.pad = P;
    PL.relu = (L->flags & EYRIE_F_RELU) != 0; PL.pool = pool; PL.logits = logits;
    PL.zin = L->z_in; PL.zout = L->z_out; PL.fold = fold; PL.lanes = lanes;
    PL.in_base = 0; PL.out_base = out_base; PL.w_base = wbase; PL.q_base = qbase;
    PL.wt_words = wt_words;
    std::vector<uint8_t> wimg((size_t)wt_words * COLS);
    eyrie_prog_put_weights(wimg.data(), L, &PL, COLS);
    for (int i = 0; i < wt_words; i++) {
        m->ld_wt_we_i = 1; m->ld_wt_addr_i = wbase + i;
        put_bytes(m->ld_wt_data_i, &wimg[(size_t)i * COLS], COLS);
        S.tick();
    }
    m->ld_wt_we_i = 0;
    for (int k = 0; k < Co; k++) {
        uint8_t q[EYP_Q_BYTES];
        eyrie_prog_put_qparam(q, L, k);
        m->ld_q_we_i = 1; m->ld_q_addr_i = qbase + k;
        put_bytes(m->ld_q_data_i, q, EYP_Q_BYTES);
        S.tick();
    }
    m->ld_q_we_i = 0;
    // ---- descriptor ----
    uint8_t d[EYP_DESC_BYTES];
    eyrie_prog_put_desc(d, &PL);
    put_bytes(m->desc_i, d, EYP_DESC_BYTES);
    m->start_i = 1;
    m->act_gnt_i = 1; m->wt_gnt_i = 1; m->out_ready_i = 1;
    S.tick();
    m->start_i = 0;
    // ---- run ----
    const size_t nout = logits ? (size_t)4 * oc : (size_t)oc * oh * ow;
    std::vector<int> seen(nout, 0);
    size_t got = 0;
    bool prev_stall = false; uint32_t prev_addr = 0; uint8_t prev_data = 0;
    uint64_t limit = S.cycles + 200000 + (uint64_t)eyrie_layer_macs(L) * 8;
    bool done = false;
    while (!done && S.cycles < limit) {
        m->act_gnt_i = !R.pct(stall);
        m->wt_gnt_i = !R.pct(stall);
        m->out_ready_i = !R.pct(stall);
        m->eval();
        if (prev_stall && (!m->out_valid_o || m->out_addr_o != prev_addr || m->out_data_o != prev_data)) {
            fprintf(stderr, "%s: output changed while stalled\n", name);
            res.ok = false;
        }
        if (m->out_valid_o && m->out_ready_i) {
            long off = (long)m->out_addr_o - 2L * out_base;
            long plane = logits ? 4 : (long)oh * pwo * 2;
            long k = off / plane, rem = off % plane, y = logits ? 0 : rem / (pwo * 2), x = logits ? rem : rem % (pwo * 2);
            if (off < 0 || k >= oc || (!logits && x >= ow)) {
                if (res.bad < 5) fprintf(stderr, "%s: output address %u outside the tensor\n", name, m->out_addr_o);
                res.bad++;
            } else {
                size_t idx = logits ? (size_t)off : ((size_t)k * oh + y) * ow + x;
                if (seen[idx]++) { if (res.bad < 5) fprintf(stderr, "%s: output (%ld,%ld,%ld) written twice\n", name, k, y, x); res.bad++; }
                if (m->out_data_o != expect[idx]) {
                    if (res.bad < 5) fprintf(stderr, "%s: out[%ld][%ld][%ld] rtl %u cmodel %u\n", name, k, y, x, m->out_data_o, expect[idx]);
                    res.bad++;
                }
            }
            got++;
        }
        if (m->done_o) { done = true; res.cycles = m->cycles_o + 1; res.steps = m->steps_o; }
        prev_stall = m->out_valid_o && !m->out_ready_i;
        prev_addr = m->out_addr_o; prev_data = m->out_data_o;
        S.tick();
    }
    if (!done) { fprintf(stderr, "%s: timeout after %lu cycles (%zu of %zu outputs)\n", name, (unsigned long)(S.cycles), got, nout); res.ok = false; }
    if (got != nout) { fprintf(stderr, "%s: %zu outputs, expected %zu\n", name, got, nout); res.ok = false; }
    for (int i = 0; i < 4; i++) S.tick();
    if (m->busy_o) { fprintf(stderr, "%s: still busy after done\n", name); res.ok = false; }
    if (!res.ok || res.bad) {  // start the next layer from a clean state
        m->rst_ni = 0;
        for (int i = 0; i < 3; i++) S.tick();
        m->rst_ni = 1;
        S.tick();
    }
    return res;
}

struct OwnedLayer {
    eyrie_layer L;
    std::vector<int32_t> bias;
    std::vector<uint16_t> mult;
    std::vector<uint8_t> shift;
    std::vector<int8_t> w;
};

void fill_params(Rng &R, OwnedLayer &O);

void random_layer(Rng &R, OwnedLayer &O, int big) {
    eyrie_layer &L = O.L;
    memset(&L, 0, sizeof L);
    for (;;) {
        L.type = EYRIE_CONV;
        L.k = (uint8_t)R.range(1, 5);
        L.pad = (uint8_t)R.range(0, 1);
        L.flags = (uint8_t)((R.pct(50) ? EYRIE_F_RELU : 0) | (R.pct(50) ? EYRIE_F_POOL : 0));
        L.c_in = (uint16_t)(R.pct(20) ? R.range(1, 24) : R.range(1, 6));
        L.c_out = (uint16_t)(R.pct(20) ? R.range(1, 20) : R.range(1, 9));
        L.h_in = (uint16_t)R.range(1, 14);
        L.w_in = (uint16_t)(big ? R.range(WMAX - 8, WMAX) : R.range(1, 20));
        if (big) { L.c_in = (uint16_t)R.range(1, 2); L.c_out = (uint16_t)R.range(1, COLS + 1); L.h_in = (uint16_t)R.range(L.k, 6); }
        int ch, cw;
        eyrie_layer_conv_dims(&L, &ch, &cw);
        if (ch < 1 || cw < 1 || cw > WMAX - 1) continue;  // descriptor limit Wo < WMax
        break;
    }
    L.z_in = (uint8_t)(R.pct(50) ? 0 : R.range(0, 255));
    L.z_out = (uint8_t)(R.pct(50) ? 0 : R.range(0, 255));
    fill_params(R, O);
}

// Random weights, biases (within the int32 bound of numerics.md s.3) and
// M/S for the shape in O.L.
void fill_params(Rng &R, OwnedLayer &O) {
    eyrie_layer &L = O.L;
    size_t nw = (size_t)L.c_out * L.c_in * L.k * L.k;
    O.w.resize(nw); O.bias.resize(L.c_out); O.mult.resize(L.c_out); O.shift.resize(L.c_out);
    int wmode = R.range(0, 3);
    for (auto &x : O.w) x = (int8_t)(wmode == 0 ? (R.pct(50) ? 127 : -127) : wmode == 1 ? (R.pct(70) ? 0 : R.range(-127, 127)) : R.range(-127, 127));
    for (int k = 0; k < L.c_out; k++) {
        int64_t sumabs = 0;
        for (size_t i = 0; i < (size_t)L.c_in * L.k * L.k; i++) sumabs += std::abs(O.w[(size_t)k * L.c_in * L.k * L.k + i]);
        int64_t room = (int64_t)INT32_MAX - 255 * sumabs;
        int bm = R.range(0, 3);
        int64_t b = bm == 0 ? 0 : bm == 1 ? (int64_t)R.range(-100000, 100000) : bm == 2 ? (R.pct(50) ? room : -room)
                                                                               : (int64_t)(R.next() % (uint64_t)(2 * room + 1)) - room;
        O.bias[k] = (int32_t)b;
        int mm = R.range(0, 4);
        O.mult[k] = (uint16_t)(mm == 0 ? 0 : mm == 1 ? 1 : mm == 2 ? 65535 : R.u32());
        O.shift[k] = (uint8_t)(R.pct(30) ? R.range(0, 31) : R.range(14, 24));
    }
    L.bias = O.bias.data(); L.mult = O.mult.data(); L.shift = O.shift.data(); L.w = O.w.data();
}

void expected_out(const eyrie_layer *L, const uint8_t *in, std::vector<uint8_t> &out) {
    std::vector<int32_t> acc(eyrie_layer_acc_size(L));
    std::vector<uint8_t> codes(acc.size());
    eyrie_conv_acc(L, in, acc.data());
    eyrie_requant_layer(L, acc.data(), codes.data());
    int ch, cw;
    eyrie_layer_conv_dims(L, &ch, &cw);
    if (L->flags & EYRIE_F_POOL) {
        out.resize((size_t)L->c_out * (ch / 2) * (cw / 2));
        if (!out.empty()) eyrie_pool(codes.data(), L->c_out, ch, cw, out.data());
    } else out = codes;
}

}  // namespace

int main(int argc, char **argv) {
    VerilatedContext ctx;
    ctx.commandArgs(argc, argv);
    long seed = plus_int(&ctx, "seed", 1);
    long nlayers = plus_int(&ctx, "layers", 60);
    int bench = (int)plus_int(&ctx, "bench", 0);
    int stall = bench ? 0 : (int)plus_int(&ctx, "stall", 30);
    long nimg = plus_int(&ctx, "nimg", 2);
    std::string model = plus_str(&ctx, "model"), images = plus_str(&ctx, "images");
    const char *cfg = ROWS == 3 && COLS == 4 ? "small" : "large";
    printf("tb_layer: config=%s rows=%d cols=%d pes=%d wmax=%d seed=%ld layers=%ld stall=%d%%\n",
           cfg, ROWS, COLS, ROWS * COLS, WMAX, seed, nlayers, stall);
    Rng R((uint64_t)seed);
    Vtb_layer top(&ctx);
    Sim S{&ctx, &top};
#if VM_TRACE
    S.tr = open_waves(&ctx, top);
#endif
    top.clk_i = 0; top.rst_ni = 0; top.act_gnt_i = 1; top.wt_gnt_i = 1; top.out_ready_i = 1;
    top.start_i = 0; top.ld_act_be_i = 0; top.ld_wt_we_i = 0; top.ld_q_we_i = 0;
    top.eval();
    for (int i = 0; i < 3; i++) S.tick();
    top.rst_ni = 1;
    S.tick();
    Tally T;
    auto t0 = std::chrono::steady_clock::now();
    uint64_t c0 = S.cycles;
    long rmacs = 0, rcycles = 0;
    for (long n = 0; n < nlayers; n++) {
        if (n % 10 == 4) {  // FC layer as a conv whose filter covers the input
            OwnedLayer O;
            random_layer(R, O, 0);
            int K = R.range(1, 5);
            O.L.k = (uint8_t)K; O.L.pad = 0; O.L.h_in = (uint16_t)K; O.L.w_in = (uint16_t)K;
            O.L.flags = (uint8_t)(O.L.flags & EYRIE_F_RELU);
            fill_params(R, O);
            eyrie_layer C = O.L;
            int logits = R.pct(50);
            eyrie_layer F = C;  // the same weights, read as [c_out][c_in*K*K]
            F.type = EYRIE_FC; F.k = 0;
            std::vector<uint8_t> in(eyrie_layer_in_size(&F)), exp;
            for (auto &b : in) b = (uint8_t)R.u32();
            std::vector<int32_t> acc(F.c_out);
            eyrie_fc_acc(&F, in.data(), acc.data());
            if (logits) {
                exp.resize((size_t)4 * F.c_out);
                for (int k = 0; k < F.c_out; k++)
                    for (int b = 0; b < 4; b++) exp[(size_t)4 * k + b] = (uint8_t)((uint32_t)acc[k] >> (8 * b));
            } else {
                exp.resize(F.c_out);
                eyrie_requant_layer(&F, acc.data(), exp.data());
            }
            char name[160];
            snprintf(name, sizeof name, "random#%ld(fc cin=%d h=w=%d cout=%d logits=%d)", n, C.c_in, K, C.c_out, logits);
            Result r = run_layer(S, R, &C, in.data(), exp.data(), stall, name, logits);
            T.layers++;
            T.mismatches += r.bad;
            T.check(r.ok && r.bad == 0, name, "%ld mismatches", r.bad);
            continue;
        }
        OwnedLayer O;
        random_layer(R, O, n % 10 == 9);
        const eyrie_layer *L = &O.L;
        std::vector<uint8_t> in(eyrie_layer_in_size(L)), exp;
        int im = R.range(0, 2);
        for (auto &b : in) b = (uint8_t)(im == 0 ? R.u32() : im == 1 ? (R.pct(50) ? 0 : 255) : R.range(0, 20));
        expected_out(L, in.data(), exp);
        char name[160];
        snprintf(name, sizeof name, "random#%ld(cin=%d cout=%d h=%d w=%d k=%d pad=%d relu=%d pool=%d)", n, L->c_in,
                 L->c_out, L->h_in, L->w_in, L->k, L->pad, (L->flags & EYRIE_F_RELU) != 0, (L->flags & EYRIE_F_POOL) != 0);
        Result r = run_layer(S, R, L, in.data(), exp.data(), stall, name);
        T.layers++;
        T.mismatches += r.bad;
        T.check(r.ok && r.bad == 0, name, "%ld mismatches", r.bad);
        rmacs += (long)eyrie_layer_macs(L);
        rcycles += r.cycles;
    }
    // ---- fixed shapes of the committed networks, random data ----
    if (plus_int(&ctx, "shapes", 0)) {
        struct Shape { const char *name; int cin, cout, h, w, k, pad, pool; };
        const Shape shapes[] = {
            {"shape.c1x32-28-k3p1-pool", 1, 32, 28, 28, 3, 1, 1},
            {"shape.c32x64-14-k3p1-pool", 32, 64, 14, 14, 3, 1, 1},
            {"shape.c1x24-28-k3p1-pool", 1, 24, 28, 28, 3, 1, 1},
            {"shape.c24x48-14-k3p1-pool", 24, 48, 14, 14, 3, 1, 1},
            {"shape.lenet-c1x6-28-k3p1-pool", 1, 6, 28, 28, 3, 1, 1},
            {"shape.lenet-c6x16-14-k3p0-pool", 6, 16, 14, 14, 3, 0, 1},
            {"shape.fc-16x5x5-to-120-as-k5", 16, 120, 5, 5, 5, 0, 0},
            {"shape.fc-120-to-84-as-1x1", 120, 84, 1, 1, 1, 0, 0},
            {"shape.fc-120-to-84-batch16-as-1x1-w16", 120, 84, 1, 16, 1, 0, 0},
        };
        for (const Shape &sh : shapes) {
            OwnedLayer O;
            random_layer(R, O, 0);
            eyrie_layer &L = O.L;
            L.c_in = (uint16_t)sh.cin; L.c_out = (uint16_t)sh.cout; L.h_in = (uint16_t)sh.h; L.w_in = (uint16_t)sh.w;
            L.k = (uint8_t)sh.k; L.pad = (uint8_t)sh.pad;
            L.flags = (uint8_t)(EYRIE_F_RELU | (sh.pool ? EYRIE_F_POOL : 0));
            size_t nw = (size_t)L.c_out * L.c_in * L.k * L.k;
            O.w.resize(nw); O.bias.resize(L.c_out); O.mult.resize(L.c_out); O.shift.resize(L.c_out);
            for (auto &x : O.w) x = (int8_t)R.range(-127, 127);
            for (int k = 0; k < L.c_out; k++) { O.bias[k] = R.range(-5000, 5000); O.mult[k] = (uint16_t)R.range(20000, 60000); O.shift[k] = (uint8_t)R.range(18, 22); }
            L.bias = O.bias.data(); L.mult = O.mult.data(); L.shift = O.shift.data(); L.w = O.w.data();
            std::vector<uint8_t> in(eyrie_layer_in_size(&L)), exp;
            for (auto &b : in) b = (uint8_t)R.u32();
            expected_out(&L, in.data(), exp);
            Result r = run_layer(S, R, &L, in.data(), exp.data(), stall, sh.name);
            T.layers++;
            T.mismatches += r.bad;
            T.check(r.ok && r.bad == 0, sh.name, "%ld mismatches", r.bad);
            size_t macs = eyrie_layer_macs(&L);
            printf("%s: layer=%s config=%s cycles=%u macs=%zu pes=%d utilization=%.3f%s\n", bench ? "bench-sim" : "layer",
                   sh.name, cfg, r.cycles, macs, ROWS * COLS, (double)macs / ((double)r.cycles * ROWS * COLS),
                   stall ? " (with random stalls)" : "");
        }
    }
    if (nlayers)
        printf("layer: random layers=%ld seed=%ld macs=%ld cycles=%ld utilization=%.3f\n", nlayers, seed, rmacs,
               rcycles, (double)rmacs / ((double)rcycles * ROWS * COLS));
    // ---- real layers of a committed model ----
    if (model.empty() || images.empty()) {
        // no real layers requested in this run
    } else {
        eyrie_model M;
        char err[256];
        FILE *f = fopen(model.c_str(), "rb");
        if (!f) {
            printf("layer: SKIP real layers: model %s not present yet\n", model.c_str());
        } else if (fclose(f), eyrie_model_load(model.c_str(), &M, err, sizeof err) != 0) {
            T.check(false, "model-load", "%s", err);
        } else {
            eyrie_idx X;
            if (eyrie_idx_load(images.c_str(), &X, err, sizeof err) != 0) {
                T.check(false, "images-load", "%s", err);
            } else {
                eyrie_ws *ws = eyrie_ws_new(&M);
                std::vector<int32_t> logits(eyrie_model_classes(&M));
                for (long im = 0; im < nimg && im < (long)X.count; im++) {
                    eyrie_trace tr;
                    eyrie_infer(&M, ws, X.data + (size_t)im * X.rows * X.cols, logits.data(), &tr);
                    int nconv = 0;
                    for (int li = 0; li < M.n_layers && nconv < 2; li++) {
                        const eyrie_layer *L = &M.layer[li];
                        if (L->type != EYRIE_CONV) break;
                        nconv++;
                        char name[160];
                        snprintf(name, sizeof name, "%s.conv%d(img=%ld cin=%d cout=%d h=%d w=%d k=%d pad=%d)", M.name,
                                 li + 1, im, L->c_in, L->c_out, L->h_in, L->w_in, L->k, L->pad);
                        Result r = run_layer(S, R, L, tr.in[li], tr.out[li], stall, name);
                        T.layers++;
                        T.mismatches += r.bad;
                        T.check(r.ok && r.bad == 0, name, "%ld mismatches", r.bad);
                        size_t macs = eyrie_layer_macs(L);
                        double util = (double)macs / ((double)r.cycles * ROWS * COLS);
                        printf("%s: layer=%s.conv%d config=%s cycles=%u macs=%zu pes=%d utilization=%.3f%s\n",
                               bench ? "bench-sim" : "layer", M.name, li + 1, cfg, r.cycles, macs, ROWS * COLS, util,
                               stall ? " (with random stalls)" : "");
                    }
                }
                eyrie_ws_free(ws);
                eyrie_idx_free(&X);
            }
            eyrie_model_free(&M);
        }
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    printf("%s: config=%s sim_cycles=%lu seconds=%.2f cycles_per_second=%.0f\n", bench ? "bench-sim" : "layer", cfg,
           (unsigned long)(S.cycles - c0), secs, (double)(S.cycles - c0) / secs);
    top.final();
#if VM_TRACE
    if (S.tr) { S.tr->close(); delete S.tr; }
#endif
    return T.finish(cfg);
}
