// tb_units.cpp - unit benches: requantizer, PE, maxpool, buffers.
// Expected values come from the C model (eyrie_requant, eyrie_fc_acc,
// eyrie_requant_layer, eyrie_pool); every valid/ready port is driven with
// random bubbles and back-pressure.
#include <vector>
#include <deque>
#include <climits>
#include "Vtb_units.h"
#include "tb_common.h"
extern "C" {
#include "eyrie.h"
}
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

namespace {

struct Sim {
    VerilatedContext *ctx;
    Vtb_units *m;
#if VM_TRACE
    VerilatedFstC *tr = nullptr;
#endif
    uint64_t cycles = 0;
    void eval() { m->eval(); }
    void tick() {  // inputs already set with the clock low
        m->clk_i = 1;
        m->eval();
        ctx->timeInc(1);
#if VM_TRACE
        if (tr) tr->dump(ctx->time());
#endif
        m->clk_i = 0;
        m->eval();
        ctx->timeInc(1);
#if VM_TRACE
        if (tr) tr->dump(ctx->time());
#endif
        cycles++;
    }
};

struct RqVec { int32_t acc; uint16_t m; uint8_t s, z; int relu; };

void bench_requant(Sim &S, Rng &R, Tally &T, int stall) {
    std::vector<RqVec> v;
    const int32_t accs[] = {0, 1, -1, 2, -2, 3, -3, INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1,
                            32767, -32768, 65535, -65536};
    const uint16_t ms[] = {0, 1, 2, 32767, 32768, 65534, 65535};
    for (int s = 0; s <= 31; s++)
        for (int32_t a : accs)
            for (uint16_t m : ms)
                v.push_back({a, m, (uint8_t)s, (uint8_t)R.range(0, 255), R.range(0, 1)});
    // rounding ties: acc * M = odd * 2^(S-1), both signs
    for (int s = 1; s <= 31; s++)
        for (int n = 0; n < 64; n++) {
            RqVec t;
            if (s - 1 <= 15 && R.pct(50)) {
                t.m = (uint16_t)(1u << (s - 1));
                t.acc = (int32_t)((R.u32() % 2001) | 1) - 1000;
                if (!(t.acc & 1)) t.acc++;
            } else {
                t.m = 1;
                int64_t odd = (int64_t)((R.u32() % 1001) * 2 + 1);
                int64_t a = odd << (s - 1);
                while (a > INT32_MAX) a >>= 2;  // keep odd multiple when it fits
                if ((a >> (s - 1)) % 2 == 0) a = (int64_t)1 << (s - 1);
                t.acc = (int32_t)(R.pct(50) ? a : -a);
            }
            t.s = (uint8_t)s; t.z = (uint8_t)R.range(0, 255); t.relu = R.range(0, 1);
            v.push_back(t);
        }
    // saturation both ends, zero points and relu
    for (int n = 0; n < 2000; n++) {
        RqVec t;
        t.acc = R.pct(50) ? (int32_t)R.u32() : (int32_t)(R.u32() % 200001) - 100000;
        t.m = R.pct(20) ? 65535 : (uint16_t)R.u32();
        t.s = (uint8_t)R.range(0, 31); t.z = (uint8_t)R.range(0, 255); t.relu = R.range(0, 1);
        v.push_back(t);
    }
    // realistic: small multipliers, large shifts
    for (int n = 0; n < 20000; n++) {
        RqVec t;
        t.acc = (int32_t)(R.u32() % 400001) - 200000;
        t.m = (uint16_t)R.range(16384, 65535);
        t.s = (uint8_t)R.range(16, 31); t.z = (uint8_t)R.range(0, 30); t.relu = R.range(0, 1);
        v.push_back(t);
    }
    size_t sent = 0, got = 0; long bad = 0;
    bool prev_stall = false; uint8_t prev_q = 0; uint32_t prev_u = 0;
    uint64_t limit = S.cycles + v.size() * 20 + 1000;
    while (got < v.size() && S.cycles < limit) {
        Vtb_units *m = S.m;
        bool give = sent < v.size() && !R.pct(stall);
        if (give) {
            const RqVec &t = v[sent];
            m->rq_in_valid_i = 1; m->rq_acc_i = (uint32_t)t.acc; m->rq_m_i = t.m; m->rq_s_i = t.s;
            m->rq_z_i = t.z; m->rq_relu_i = t.relu; m->rq_user_i = (uint32_t)sent;
        } else {
            m->rq_in_valid_i = 0; m->rq_acc_i = R.u32(); m->rq_user_i = R.u32();
        }
        m->rq_out_ready_i = !R.pct(stall);
        S.eval();
        if (prev_stall && (!m->rq_out_valid_o || m->rq_q_o != prev_q || m->rq_user_o != prev_u)) bad++;
        if (m->rq_out_valid_o && m->rq_out_ready_i) {
            uint32_t u = m->rq_user_o;
            if (u != got) { bad++; fprintf(stderr, "requant: order: got index %u expected %zu\n", u, got); }
            else {
                const RqVec &t = v[u];
                uint8_t e = eyrie_requant(t.acc, t.m, t.s, t.z, t.relu);
                if (e != m->rq_q_o) {
                    if (bad < 5) fprintf(stderr, "requant: acc=%d M=%u S=%u z=%u relu=%d: rtl %u cmodel %u\n",
                                         t.acc, t.m, t.s, t.z, t.relu, m->rq_q_o, e);
                    bad++;
                }
            }
            got++;
        }
        prev_stall = m->rq_out_valid_o && !m->rq_out_ready_i;
        prev_q = m->rq_q_o; prev_u = m->rq_user_o;
        if (m->rq_in_valid_i && m->rq_in_ready_o) sent++;
        S.tick();
    }
    T.mismatches += bad;
    T.check(bad == 0 && got == v.size(), "requant", "%zu vectors, %zu received, %ld bad", v.size(), got, bad);
    printf("unit: requant vectors=%zu (all shifts 0..31, ties, saturation, M extremes) bad=%ld\n", v.size(), bad);
}

// PE: one output = K taps; expected = eyrie_fc_acc with bias = psum_in.
void bench_pe(Sim &S, Rng &R, Tally &T, int stall) {
    struct Out { int k; int32_t psum; uint8_t pix[5]; int8_t w[5]; int32_t expect; };
    std::vector<Out> outs(20000);
    for (Out &o : outs) {
        o.k = R.range(1, 5);
        o.psum = (int32_t)(R.u32() % 2000000001u) - 1000000000;
        for (int t = 0; t < o.k; t++) { o.pix[t] = (uint8_t)R.u32(); o.w[t] = (int8_t)R.range(-127, 127); }
        if (R.pct(5)) for (int t = 0; t < o.k; t++) { o.pix[t] = 255; o.w[t] = R.pct(50) ? 127 : -127; }
        eyrie_layer L;
        memset(&L, 0, sizeof L);
        L.type = EYRIE_FC; L.c_in = (uint16_t)o.k; L.h_in = 1; L.w_in = 1; L.c_out = 1;
        L.bias = &o.psum; L.w = o.w;
        eyrie_fc_acc(&L, o.pix, &o.expect);
    }
    // schedule: taps on consecutive advancing cycles, random gaps
    size_t oi = 0; int tap = 0; long bad = 0; size_t checked = 0;
    std::deque<std::pair<int, size_t>> pending;  // (advances left, output)
    std::deque<int32_t> psum_q;                   // psum for the tap entering S2 next
    int32_t psum_now = 0;
    uint64_t limit = S.cycles + outs.size() * 30;
    while (checked < outs.size() && S.cycles < limit) {
        Vtb_units *m = S.m;
        bool en = !R.pct(stall);
        m->pe_en_i = en;
        bool issue = false;
        if (oi < outs.size() && (tap > 0 || !R.pct(stall))) issue = true;
        if (issue) {
            const Out &o = outs[oi];
            m->pe_valid_i = 1; m->pe_first_i = tap == 0; m->pe_pix_i = o.pix[tap]; m->pe_w_i = (uint8_t)o.w[tap];
        } else {
            m->pe_valid_i = 0; m->pe_first_i = R.u32() & 1; m->pe_pix_i = R.u32(); m->pe_w_i = R.u32();
        }
        if (!en) { m->pe_valid_i = R.u32() & 1; m->pe_first_i = R.u32() & 1; m->pe_pix_i = R.u32(); }
        m->pe_psum_i = psum_now;
        S.eval();
        if (en) {
            // outputs whose last tap entered two advances ago are complete now
            if (!pending.empty() && pending.front().first == 0) {
                const Out &o = outs[pending.front().second];
                if ((int32_t)m->pe_psum_o != o.expect || (int32_t)m->pe_psum1_o != o.expect) {
                    if (bad < 5) fprintf(stderr, "pe: output %zu k=%d: rtl %d cmodel %d\n",
                                         pending.front().second, o.k, (int32_t)m->pe_psum_o, o.expect);
                    bad++;
                }
                checked++;
                pending.pop_front();
            }
            for (auto &p : pending) p.first--;
            if (issue) {
                if (tap == 0) psum_q.push_back(outs[oi].psum);
                else psum_q.push_back(psum_now);
                if (tap == outs[oi].k - 1) { pending.push_back({1, oi}); oi++; tap = 0; }
                else tap++;
            } else psum_q.push_back(psum_now);
        }
        S.tick();
        if (en) {
            // psum_i is read on the advance after the first tap entered
            psum_now = psum_q.front();
            psum_q.pop_front();
        }
    }
    T.mismatches += bad;
    T.check(bad == 0 && checked == outs.size(), "pe", "%zu outputs checked, %ld bad", checked, bad);
    printf("unit: pe outputs=%zu bad=%ld\n", checked, bad);
}

void bench_maxpool(Sim &S, Rng &R, Tally &T, int stall) {
    long bad = 0; int tests = 0;
    for (int it = 0; it < 60; it++) {
        int pool = it % 3 != 2;
        int H = R.range(1, 6) * 2 + (R.pct(30) ? 1 : 0), W = R.range(1, 6) * 2 + (R.pct(30) ? 1 : 0);
        int C = 4;
        std::vector<int32_t> acc((size_t)C * H * W);
        int range = R.pct(50) ? 3 : 2000000;
        for (auto &a : acc) a = R.pct(5) ? (R.pct(50) ? INT32_MAX : INT32_MIN + 1) : (int32_t)(R.u32() % (2 * range + 1)) - range;
        uint16_t mult[4]; uint8_t shift[4];
        for (int c = 0; c < C; c++) { mult[c] = (uint16_t)R.u32(); shift[c] = (uint8_t)R.range(10, 31); }
        eyrie_layer L;
        memset(&L, 0, sizeof L);
        L.type = EYRIE_CONV; L.k = 1; L.pad = 0; L.c_in = 1; L.h_in = (uint16_t)H; L.w_in = (uint16_t)W;
        L.c_out = (uint16_t)C; L.mult = mult; L.shift = shift; L.z_out = (uint8_t)R.range(0, 40);
        L.flags = (uint8_t)((R.pct(50) ? EYRIE_F_RELU : 0) | (pool ? EYRIE_F_POOL : 0));
        std::vector<uint8_t> codes(acc.size()), expect;
        eyrie_requant_layer(&L, acc.data(), codes.data());
        int Hp = pool ? H / 2 : H, Wp = pool ? W / 2 : W;
        expect.resize((size_t)C * Hp * Wp);
        if (pool) eyrie_pool(codes.data(), C, H, W, expect.data()); else expect = codes;
        // input order of the array: output column x, then tile row dy
        struct In { int y, x, first, last; };
        std::vector<In> in;
        for (int yp = 0; yp < Hp; yp++)
            for (int x = 0; x < (pool ? 2 * Wp : W); x++)
                for (int dy = 0; dy < (pool ? 2 : 1); dy++) {
                    int y = pool ? 2 * yp + dy : yp;
                    in.push_back({y, x, pool ? (!(x & 1) && dy == 0) : 1, pool ? ((x & 1) && dy == 1) : 1});
                }
        size_t sent = 0, got = 0;
        bool prev_stall = false; std::vector<uint32_t> prev(4);
        uint64_t limit = S.cycles + in.size() * 20 + 100;
        while (got < (size_t)Hp * Wp && S.cycles < limit) {
            Vtb_units *m = S.m;
            bool give = sent < in.size() && !R.pct(stall);
            m->mp_in_valid_i = give;
            if (give) {
                const In &e = in[sent];
                m->mp_first_i = e.first; m->mp_last_i = e.last;
                for (int c = 0; c < 4; c++) m->mp_in_data_i[c] = (uint32_t)acc[((size_t)c * H + e.y) * W + e.x];
            } else {
                for (int c = 0; c < 4; c++) m->mp_in_data_i[c] = R.u32();
            }
            m->mp_out_ready_i = !R.pct(stall);
            S.eval();
            if (prev_stall) {
                bool same = m->mp_out_valid_o;
                for (int c = 0; c < 4; c++) same = same && m->mp_out_data_o[c] == prev[c];
                if (!same) bad++;
            }
            if (m->mp_out_valid_o && m->mp_out_ready_i) {
                int yp = (int)(got / Wp), xp = (int)(got % Wp);
                for (int c = 0; c < 4; c++) {
                    uint8_t hw = eyrie_requant((int32_t)m->mp_out_data_o[c], mult[c], shift[c], L.z_out,
                                               L.flags & EYRIE_F_RELU);
                    if (hw != expect[((size_t)c * Hp + yp) * Wp + xp]) bad++;
                }
                got++;
            }
            prev_stall = m->mp_out_valid_o && !m->mp_out_ready_i;
            for (int c = 0; c < 4; c++) prev[c] = m->mp_out_data_o[c];
            if (m->mp_in_valid_i && m->mp_in_ready_o) sent++;
            S.tick();
        }
        if (got != (size_t)Hp * Wp) bad++;
        tests++;
    }
    T.mismatches += bad;
    T.check(bad == 0, "maxpool", "%ld bad", bad);
    printf("unit: maxpool tensors=%d (pool on/off, odd sizes, ties) bad=%ld\n", tests, bad);
}

void bench_buffers(Sim &S, Rng &R, Tally &T) {
    std::vector<uint16_t> a(256), b(256);
    Vtb_units *m = S.m;
    for (int i = 0; i < 256; i++) {  // initialise both
        m->rb_we_i = 1; m->rbe_be_i = 3; m->rb_waddr_i = i; m->rb_wdata_i = a[i] = b[i] = (uint16_t)R.u32();
        m->rb_re_i = 0;
        S.eval(); S.tick();
    }
    long bad = 0; int hold = -1; uint16_t hold_a = 0, hold_b = 0;
    for (int n = 0; n < 20000; n++) {
        int we = R.pct(50), re = R.pct(60), be = R.range(0, 3);
        int wa = R.range(0, 255), ra = R.pct(20) ? wa : R.range(0, 255);
        uint16_t wd = (uint16_t)R.u32();
        m->rb_we_i = we; m->rbe_be_i = we ? be : 0; m->rb_waddr_i = wa; m->rb_wdata_i = wd;
        m->rb_re_i = re; m->rb_raddr_i = ra;
        S.eval();
        uint16_t ea = a[ra], eb = b[ra];  // old data on a same-cycle write
        S.tick();
        if (we) {
            a[wa] = wd;
            if (be & 1) b[wa] = (uint16_t)((b[wa] & 0xff00) | (wd & 0xff));
            if (be & 2) b[wa] = (uint16_t)((b[wa] & 0x00ff) | (wd & 0xff00));
        }
        if (re) { hold = ra; hold_a = ea; hold_b = eb; }
        if (hold >= 0) {
            m->rb_we_i = 0; m->rbe_be_i = 0; S.eval();
            if (m->rb_rdata_o != hold_a || m->rbe_rdata_o != hold_b) bad++;
        }
    }
    T.mismatches += bad;
    T.check(bad == 0, "buffers", "%ld bad reads", bad);
    printf("unit: buffers accesses=20000 (sdp, byte-enable; read-during-write, read hold) bad=%ld\n", bad);
}

}  // namespace

int main(int argc, char **argv) {
    VerilatedContext ctx;
    ctx.commandArgs(argc, argv);
    long seed = plus_int(&ctx, "seed", 1);
    int stall = (int)plus_int(&ctx, "stall", 30);
    printf("tb_units: seed=%ld stall=%d%%\n", seed, stall);
    Rng R((uint64_t)seed);
    Vtb_units top(&ctx);
    Sim S{&ctx, &top};
#if VM_TRACE
    S.tr = open_waves(&ctx, top);
#endif
    top.clk_i = 0; top.rst_ni = 0;
    top.eval();
    for (int i = 0; i < 3; i++) S.tick();
    top.rst_ni = 1;
    top.eval();
    Tally T;
    bench_requant(S, R, T, stall);
    bench_pe(S, R, T, stall);
    bench_maxpool(S, R, T, stall);
    bench_buffers(S, R, T);
    top.final();
#if VM_TRACE
    if (S.tr) { S.tr->close(); delete S.tr; }
#endif
    return T.finish("units");
}
