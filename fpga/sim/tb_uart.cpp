// tb_uart.cpp - Verilator bench for fpga/rtl/uart_tx.v and uart_rx.v.
// Six channels at bit periods of 8, 13, 104, 217, 15 and 20 clock cycles
// (15 and 20: the default 2 Mbaud at the boards' 30 and 40 MHz clocks) run in
// parallel through four phases:
//   loopback   random bytes tx -> rx, random valid gaps on the tx input and
//              random back-pressure on the rx output; the tx line is also
//              decoded here, checking that every bit lasts exactly Div cycles
//   burst      tx valid held high: frames must leave back to back (10*Div
//              cycles per byte, no idle time)
//   line       the rx hears a line driven here, with the sender's bit period
//              off by up to +-2% (including exactly +-2%), random idle gaps
//              (0..2 bits), frames with a bad stop bit (must come out with
//              frame_err = 1, data as sent), breaks, and short low glitches
//              (must produce nothing)
//   overrun    rx output stalled for three bytes: the held byte survives,
//              the next delivered byte carries overrun = 1, the one after 0
// Every rx output is checked stable while valid && !ready.
// Usage: tb_uart [seed]   (default seed 1; the seed is printed)
// Ends with "uart: channels=6 bytes=N frame_errors=N glitches=N cycles=N
// errors=0 seed=S"; exit status 1 on any error.
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <algorithm>
#include <cmath>
#include <deque>
#include <vector>
#include "Vtb_uart.h"
#include "verilated.h"

namespace {

constexpr int NCH = 6;
constexpr uint32_t ALL = (1u << NCH) - 1;  // one bit per channel
constexpr int64_t CH_CLK[NCH]  = {12000000, 12000000, 12000000, 25000000, 30000000, 40000000};
constexpr int64_t CH_BAUD[NCH] = {1500000, 921600, 115200, 115200, 2000000, 2000000};

struct Rng {  // xorshift64*
    uint64_t s;
    explicit Rng(uint64_t seed) : s(seed * 2654435761ULL + 0x9E3779B97F4A7C15ULL) {}
    uint64_t next() { s ^= s >> 12; s ^= s << 25; s ^= s >> 27; return s * 2685821657736338717ULL; }
    int range(int lo, int hi) { return lo + (int)(next() % (uint64_t)(hi - lo + 1)); }
    bool pct(int p) { return (int)(next() % 100) < p; }
    double unit() { return (double)(next() >> 11) / 9007199254740992.0; }
};

struct Expect { int data, ferr, ovr; };

// One channel's bench state.
struct Chan {
    int div = 0;
    // tx producer
    std::deque<int> to_send;
    bool tx_valid = false;
    int tx_data = 0;
    int gap_pct = 50;            // chance per cycle of not offering a new byte
    std::deque<int> tx_accepted; // bytes the tx took, to check the line decoder
    // tx line monitor
    bool mon_busy = false;
    int64_t mon_t0 = 0;
    int mon_bits[10] = {};
    int mon_prev = 1;
    int64_t frames = 0, first_start = -1, last_end = -1;
    // driven line
    std::vector<int> line;       // precomputed line level per cycle of the phase
    // rx consumer
    int ready_pct = 70;
    bool rx_ready = true;
    std::deque<Expect> rx_expect;
    bool hold_valid = false;     // last cycle ended valid && !ready
    int hold_data = 0, hold_ferr = 0, hold_ovr = 0;
    int64_t delivered = 0;
};

struct Bench {
    VerilatedContext *ctx;
    Vtb_uart *m;
    Rng rng;
    Chan ch[NCH];
    int64_t cycle = 0, line_t0 = 0;
    int errors = 0;
    int64_t nbytes = 0, nferr = 0, nglitch = 0;

    Bench(VerilatedContext *c, Vtb_uart *mm, uint64_t seed) : ctx(c), m(mm), rng(seed) {
        for (int c2 = 0; c2 < NCH; c2++)
            ch[c2].div = (int)((CH_CLK[c2] + CH_BAUD[c2] / 2) / CH_BAUD[c2]);
    }

    void fail(int c, const char *what, long a, long b) {
        if (errors < 20)
            std::fprintf(stderr, "uart: FAIL ch%d (div %d) cycle %lld: %s (got %ld, want %ld)\n", c, ch[c].div,
                         (long long)cycle, what, a, b);
        errors++;
    }

    int bit(uint64_t v, int c) const { return (int)((v >> c) & 1u); }
    int byte(uint64_t v, int c) const { return (int)((v >> (8 * c)) & 0xFFu); }

    // Drive inputs for this cycle (clock low), sample outputs, then clock.
    void step() {
        uint32_t txv = 0, rdy = 0, line = 0;
        uint64_t txd = 0;
        for (int c = 0; c < NCH; c++) {
            Chan &h = ch[c];
            if (!h.tx_valid && !h.to_send.empty() && !rng.pct(h.gap_pct)) {
                h.tx_valid = true;
                h.tx_data = h.to_send.front();
                h.to_send.pop_front();
            }
            h.rx_ready = h.ready_pct >= 100 || (h.ready_pct > 0 && rng.pct(h.ready_pct));
            int64_t t = cycle - line_t0;
            int lv = (t >= 0 && t < (int64_t)h.line.size()) ? h.line[(size_t)t] : 1;
            txv |= (uint32_t)h.tx_valid << c;
            txd |= (uint64_t)h.tx_data << (8 * c);
            rdy |= (uint32_t)h.rx_ready << c;
            line |= (uint32_t)lv << c;
        }
        m->tx_valid_i = txv;
        m->tx_data_i = txd;
        m->rx_ready_i = rdy;
        m->line_i = line;
        m->eval();
        for (int c = 0; c < NCH; c++) {
            Chan &h = ch[c];
            // rx output: stability, then transfer
            int v = bit(m->rx_valid_o, c), d = byte(m->rx_data_o, c);
            int fe = bit(m->rx_ferr_o, c), ov = bit(m->rx_ovr_o, c);
            if (h.hold_valid) {
                if (!v) fail(c, "rx valid dropped while stalled", v, 1);
                else if (d != h.hold_data || fe != h.hold_ferr || ov != h.hold_ovr)
                    fail(c, "rx payload changed while stalled", d, h.hold_data);
            }
            if (v && h.rx_ready) {
                if (h.rx_expect.empty()) {
                    fail(c, "unexpected rx byte", d, -1);
                } else {
                    Expect e = h.rx_expect.front();
                    h.rx_expect.pop_front();
                    if (d != e.data) fail(c, "rx data", d, e.data);
                    if (fe != e.ferr) fail(c, "rx frame_err", fe, e.ferr);
                    if (ov != e.ovr) fail(c, "rx overrun", ov, e.ovr);
                }
                h.delivered++;
            }
            h.hold_valid = v && !h.rx_ready;
            h.hold_data = d; h.hold_ferr = fe; h.hold_ovr = ov;
            // tx input transfer
            if (h.tx_valid && bit(m->tx_ready_o, c)) {
                h.tx_accepted.push_back(h.tx_data);
                h.tx_valid = false;
            }
            monitor(c, bit(m->tx_o, c));
        }
        m->clk_i = 1; m->eval(); ctx->timeInc(1);
        m->clk_i = 0; m->eval(); ctx->timeInc(1);
        cycle++;
    }

    // Decode the tx line of channel c (value during this cycle).
    void monitor(int c, int lv) {
        Chan &h = ch[c];
        if (h.mon_busy) {
            int64_t o = cycle - h.mon_t0;
            if (o == 10LL * h.div) {
                h.mon_busy = false;
                h.frames++;
                h.last_end = cycle;
                int byte = 0;
                for (int i = 0; i < 8; i++) byte |= h.mon_bits[1 + i] << i;
                if (h.mon_bits[0] != 0) fail(c, "tx start bit", h.mon_bits[0], 0);
                if (h.mon_bits[9] != 1) fail(c, "tx stop bit", h.mon_bits[9], 1);
                if (h.tx_accepted.empty()) {
                    fail(c, "tx sent a byte nobody gave it", byte, -1);
                } else {
                    if (byte != h.tx_accepted.front()) fail(c, "tx line byte", byte, h.tx_accepted.front());
                    h.tx_accepted.pop_front();
                }
            } else {
                if (lv != h.mon_prev && o % h.div != 0) fail(c, "tx line changed mid-bit", (long)(o % h.div), 0);
                if (o % h.div == h.div / 2) h.mon_bits[o / h.div] = lv;
            }
        }
        if (!h.mon_busy && lv == 0) {
            h.mon_busy = true;
            h.mon_t0 = cycle;
            if (h.first_start < 0) h.first_start = cycle;
        }
        h.mon_prev = lv;
    }

    void reset() {
        m->rst_ni = 0; m->clk_i = 0; m->sel_line_i = 0;
        m->tx_valid_i = 0; m->rx_ready_i = 0; m->line_i = ALL;
        m->eval();
        for (int i = 0; i < 4; i++) { m->clk_i = 1; m->eval(); m->clk_i = 0; m->eval(); }
        m->rst_ni = 1; m->eval();
    }

    bool all_done(bool check_tx) const {
        for (int c = 0; c < NCH; c++) {
            const Chan &h = ch[c];
            if (!h.rx_expect.empty()) return false;
            if (check_tx && (!h.to_send.empty() || h.tx_valid || h.mon_busy || !h.tx_accepted.empty())) return false;
        }
        return true;
    }

    void run_until_done(bool check_tx, int64_t limit, const char *phase) {
        int64_t end = cycle + limit;
        while (!all_done(check_tx) && cycle < end) step();
        for (int i = 0; i < 64; i++) step();  // nothing more may arrive
        for (int c = 0; c < NCH; c++)
            if (!ch[c].rx_expect.empty()) fail(c, phase, (long)ch[c].rx_expect.size(), 0);
    }

    // Loopback: random bytes with random gaps and back-pressure.
    void phase_loopback() {
        m->sel_line_i = 0;
        int64_t longest = 0;
        for (int c = 0; c < NCH; c++) {
            Chan &h = ch[c];
            int n = (int)std::min<int64_t>(400, 300000 / (10 * h.div));
            h.gap_pct = 60; h.ready_pct = 60;
            for (int i = 0; i < n; i++) {
                int b = i < 2 ? (i ? 0xFF : 0x00) : (int)(rng.next() & 0xFF);
                h.to_send.push_back(b);
                h.rx_expect.push_back({b, 0, 0});
            }
            nbytes += n;
            longest = std::max<int64_t>(longest, (int64_t)n * 12 * h.div + 1000);
        }
        run_until_done(true, longest, "loopback: bytes missing");
    }

    // Burst: valid always high, frames back to back.
    void phase_burst() {
        m->sel_line_i = 0;
        int64_t longest = 0;
        int n[NCH];
        for (int c = 0; c < NCH; c++) {
            Chan &h = ch[c];
            n[c] = 24;
            h.gap_pct = 0; h.ready_pct = 100;
            h.first_start = -1; h.frames = 0;
            for (int i = 0; i < n[c]; i++) {
                int b = (int)(rng.next() & 0xFF);
                h.to_send.push_back(b);
                h.rx_expect.push_back({b, 0, 0});
            }
            nbytes += n[c];
            longest = std::max<int64_t>(longest, (int64_t)n[c] * 12 * h.div + 1000);
        }
        run_until_done(true, longest, "burst: bytes missing");
        for (int c = 0; c < NCH; c++) {
            Chan &h = ch[c];
            if (h.frames != n[c]) fail(c, "burst: frames", (long)h.frames, n[c]);
            else if (h.last_end - h.first_start != (int64_t)n[c] * 10 * h.div)
                fail(c, "burst: cycles for the burst", (long)(h.last_end - h.first_start), (long)n[c] * 10 * h.div);
        }
    }

    // Driven line: baud error, frame errors, breaks, glitches.
    void phase_line() {
        m->sel_line_i = ALL;
        size_t longest = 0;
        for (int c = 0; c < NCH; c++) {
            Chan &h = ch[c];
            h.ready_pct = 80;
            h.line.assign(2 * (size_t)h.div, 1);
            int n = (int)std::min<int64_t>(300, 300000 / (10 * h.div));
            for (int i = 0; i < n; i++) {
                // error: exactly -2%, +2%, or uniform in between
                double err = i % 5 == 0 ? -0.02 : i % 5 == 1 ? 0.02 : (rng.unit() * 0.04 - 0.02);
                double per = h.div * (1.0 + err);
                if (rng.pct(8) && h.div / 2 - 2 >= 1) {  // glitch: too short to be a start bit
                    int len = rng.range(1, h.div / 2 - 2);
                    h.line.insert(h.line.end(), (size_t)len, 0);
                    h.line.insert(h.line.end(), (size_t)h.div, 1);
                    nglitch++;
                }
                int b = (int)(rng.next() & 0xFF);
                bool ferr = rng.pct(12);
                int bits[10];
                bits[0] = 0;
                for (int k = 0; k < 8; k++) bits[1 + k] = (b >> k) & 1;
                bits[9] = ferr ? 0 : 1;
                size_t len = (size_t)std::ceil(10.0 * per);
                for (size_t t = 0; t < len; t++) {
                    int k = (int)std::floor((double)t / per);
                    h.line.push_back(bits[k > 9 ? 9 : k]);
                }
                if (ferr) {
                    if (rng.pct(30)) h.line.insert(h.line.end(), (size_t)rng.range(1, 3 * h.div), 0);  // break
                    h.line.insert(h.line.end(), (size_t)h.div + (size_t)rng.range(0, h.div), 1);
                    nferr++;
                } else {
                    h.line.insert(h.line.end(), (size_t)std::lround(per * rng.range(0, 2)), 1);  // idle gap
                }
                h.rx_expect.push_back({b, ferr ? 1 : 0, 0});
            }
            h.line.insert(h.line.end(), 4 * (size_t)h.div, 1);
            nbytes += n;
            longest = std::max(longest, h.line.size());
        }
        line_t0 = cycle;
        run_until_done(false, (int64_t)longest + 1000, "line: bytes missing");
        for (int c = 0; c < NCH; c++) ch[c].line.clear();
        m->sel_line_i = 0;
    }

    // Overrun: stall the rx output over three frames.
    void phase_overrun() {
        m->sel_line_i = 0;
        int b[NCH][5];
        for (int c = 0; c < NCH; c++) {
            Chan &h = ch[c];
            for (int i = 0; i < 5; i++) b[c][i] = (int)(rng.next() & 0xFF);
            h.ready_pct = 0; h.gap_pct = 0;
            for (int i = 0; i < 3; i++) h.to_send.push_back(b[c][i]);
            h.rx_expect.push_back({b[c][0], 0, 0});  // b1, b2 are lost
        }
        int64_t maxdiv = 0;
        for (int c = 0; c < NCH; c++) maxdiv = std::max<int64_t>(maxdiv, ch[c].div);
        for (int64_t i = 0; i < 34 * maxdiv; i++) step();  // all three frames received
        for (int c = 0; c < NCH; c++) ch[c].ready_pct = 100;
        for (int i = 0; i < 8; i++) step();
        for (int c = 0; c < NCH; c++) {
            Chan &h = ch[c];
            if (!h.rx_expect.empty()) fail(c, "overrun: held byte not delivered", 0, 1);
            h.rx_expect.clear();
            h.rx_expect.push_back({b[c][3], 0, 1});
            h.rx_expect.push_back({b[c][4], 0, 0});
            h.to_send.push_back(b[c][3]);
            h.to_send.push_back(b[c][4]);
            h.ready_pct = 70;
        }
        run_until_done(true, 30 * maxdiv, "overrun: bytes missing");
        nbytes += 5 * NCH;
    }
};

}  // namespace

int main(int argc, char **argv) {
    uint64_t seed = 1;
    if (argc > 1) {
        char *end = nullptr;
        seed = std::strtoull(argv[1], &end, 0);
        if (!end || *end) { std::fprintf(stderr, "tb_uart: bad seed '%s'\n", argv[1]); return 2; }
    }
    std::printf("uart: seed=%llu (rerun: tb_uart %llu)\n", (unsigned long long)seed, (unsigned long long)seed);
    VerilatedContext ctx;
    ctx.randReset(2);
    Vtb_uart m(&ctx);
    Bench B(&ctx, &m, seed);
    B.reset();
    B.phase_loopback();
    B.phase_burst();
    B.phase_line();
    B.phase_overrun();
    m.final();
    std::printf("uart: channels=%d bytes=%lld frame_errors=%lld glitches=%lld cycles=%lld errors=%d seed=%llu\n", NCH,
                (long long)B.nbytes, (long long)B.nferr, (long long)B.nglitch, (long long)B.cycle, B.errors,
                (unsigned long long)seed);
    return B.errors ? 1 : 0;
}
