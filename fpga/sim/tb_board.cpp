// tb_board.cpp - Verilator bench for fpga/rtl/icebreaker_top.v as a whole
// (PLL bypassed in simulation, so the system clock is the pad clock): the
// UART pin is driven bit by bit here, the TX pin is decoded here, like a
// host on the FTDI. Checks the PLACEHOLDER echo (issue 4 replaces it with
// the accelerator's host port): every good byte comes back in order; bytes
// with a bad stop bit are dropped and light the red LED; the green LED
// blinks (heartbeat); nothing comes back while the button holds reset.
// Built with -GClkHz=CLK_HZ -GBaud=BAUD (passed as -D too), small LED timers.
// Usage: tb_board [seed]. Ends with "board: top=icebreaker_top sent=N
// echoed=N dropped_bad_stop=N errors=0 seed=S"; exit status 1 on error.
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <deque>
#include <vector>
#include "Vicebreaker_top.h"
#include "verilated.h"

#ifndef CLK_HZ
#error "build with -DCLK_HZ=... -DBAUD=... (the same as -GClkHz / -GBaud)"
#endif

namespace {

struct Rng {  // xorshift64*
    uint64_t s;
    explicit Rng(uint64_t seed) : s(seed * 2654435761ULL + 0x9E3779B97F4A7C15ULL) {}
    uint64_t next() { s ^= s >> 12; s ^= s << 25; s ^= s >> 27; return s * 2685821657736338717ULL; }
    bool pct(int p) { return (int)(next() % 100) < p; }
};

struct Board {
    Vicebreaker_top &m;
    const int div = (int)((CLK_HZ + BAUD / 2) / BAUD);
    std::vector<int> line;       // rx pin level per cycle from line_t0
    int64_t cycle = 0, line_t0 = 0;
    // tx decoder
    bool busy = false;
    int64_t t0 = 0;
    int bits[10] = {};
    std::deque<int> got;
    int errors = 0;
    int green_toggles = 0, last_green = -1;

    explicit Board(Vicebreaker_top &mm) : m(mm) {}

    void frame(int byte, bool bad_stop, int idle_bits) {
        line.insert(line.end(), (size_t)div, 0);
        for (int k = 0; k < 8; k++) line.insert(line.end(), (size_t)div, (byte >> k) & 1);
        line.insert(line.end(), (size_t)div, bad_stop ? 0 : 1);
        line.insert(line.end(), (size_t)(div * idle_bits), 1);
    }

    void step() {
        int64_t t = cycle - line_t0;
        m.uart_rx_i = (t >= 0 && t < (int64_t)line.size()) ? line[(size_t)t] : 1;
        m.clk_12m_i = 0;
        m.eval();
        int tx = m.uart_tx_o;
        if (busy) {
            int64_t o = cycle - t0;
            if (o == 10LL * div) {
                busy = false;
                int b = 0;
                for (int k = 0; k < 8; k++) b |= bits[1 + k] << k;
                if (bits[0] != 0 || bits[9] != 1) {
                    std::fprintf(stderr, "board: FAIL bad frame on TX at cycle %lld\n", (long long)cycle);
                    errors++;
                }
                got.push_back(b);
            } else if (o % div == div / 2) {
                bits[o / div] = tx;
            }
        }
        if (!busy && tx == 0) { busy = true; t0 = cycle; }
        if (last_green >= 0 && m.led_g_no != last_green) green_toggles++;
        last_green = m.led_g_no;
        m.clk_12m_i = 1;
        m.eval();
        cycle++;
    }
};

}  // namespace

int main(int argc, char **argv) {
    uint64_t seed = 1;
    if (argc > 1) {
        char *end = nullptr;
        seed = std::strtoull(argv[1], &end, 0);
        if (!end || *end) { std::fprintf(stderr, "tb_board: bad seed '%s'\n", argv[1]); return 2; }
    }
    std::printf("board: seed=%llu\n", (unsigned long long)seed);
    VerilatedContext ctx;
    ctx.randReset(2);
    Vicebreaker_top m(&ctx);
    Board B(m);
    Rng rng(seed);
    auto fail = [&](const char *what, long a, long b) {
        std::fprintf(stderr, "board: FAIL %s (got %ld, want %ld)\n", what, a, b);
        B.errors++;
    };

    // 1. button held: a frame sent now must not come back
    m.btn_ni = 0;
    B.frame(0x55, false, 2);
    B.line_t0 = B.cycle;
    for (int i = 0; i < 14 * B.div; i++) B.step();
    if (!B.got.empty()) fail("echo while in reset", (long)B.got.size(), 0);
    if (m.led_r_no != 1) fail("red LED during reset", m.led_r_no, 1);

    // 2. release: random bytes, some with a bad stop bit, some back to back
    m.btn_ni = 1;
    for (int i = 0; i < 8; i++) B.step();
    B.line.clear();
    std::vector<int> want;
    int sent = 0, bad = 0;
    for (int i = 0; i < 200; i++) {
        int b = (int)(rng.next() & 0xFF);
        bool bs = i > 20 && rng.pct(5);
        B.frame(b, bs, bs ? 2 : (rng.pct(50) ? 0 : 1));
        if (bs) bad++; else want.push_back(b);
        sent++;
        if (i == 20 && m.led_r_no != 1) fail("red LED before any error", m.led_r_no, 1);
    }
    B.line_t0 = B.cycle;
    int64_t end = B.cycle + (int64_t)B.line.size() + 40LL * B.div;
    while (B.cycle < end) B.step();

    if (B.got.size() != want.size()) fail("bytes echoed", (long)B.got.size(), (long)want.size());
    for (size_t i = 0; i < want.size() && i < B.got.size(); i++)
        if (B.got[i] != want[i]) { fail("echoed byte", B.got[i], want[i]); break; }
    if (bad > 0 && m.led_r_no != 0) fail("red LED after a bad stop bit", m.led_r_no, 0);
    if ((m.led_o >> 3 & 1) != (bad > 0)) fail("frame-error LED", m.led_o >> 3 & 1, bad > 0);
    if (B.green_toggles < 2) fail("heartbeat toggles", B.green_toggles, 2);
    m.final();
    std::printf("board: top=icebreaker_top sent=%d echoed=%zu dropped_bad_stop=%d cycles=%lld errors=%d seed=%llu\n",
                sent, B.got.size(), bad, (long long)B.cycle, B.errors, (unsigned long long)seed);
    return B.errors ? 1 : 0;
}
