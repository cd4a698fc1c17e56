// tb_board.cpp - the simulated board: the Verilated board top (icebreaker_top
// by default, ulx3s_top with -DTOP_ULX3S; PLL bypassed in simulation, so the
// system clock is the pad clock) behind a pseudo-terminal. The harness owns
// the pty master: bytes the host writes to the slave are driven onto the
// board's UART RX pin bit by bit (8N1, Div = CLK_HZ / BAUD cycles per bit),
// and the board's TX pin is decoded bit by bit and written back to the
// master. The host tool (eyrie-host --port SLAVE) opens the slave like a
// serial port; the pty's baud setting is ignored (the simulated line runs at
// BAUD relative to the simulated clock).
//
// Usage: tb_board [--link PATH] [--once] [--max-seconds N] [--mute]
//                 [--bad-stop N] [--flip-tx N] [--drop-tx N] [--extra-tx N]
//   --link PATH     make PATH a symlink to the slave (for scripts; the slave
//                   path is also printed: "board: pty=/dev/pts/N ...")
//   --once          exit when the host closes the slave after using it
//   --max-seconds N exit (status 1) after N seconds of wall time
//   faults, N counts bytes from 1 over the whole session:
//   --mute          never answer (host bytes are read and dropped; no sim)
//   --bad-stop N    host byte N reaches the RX pin with a 0 stop bit
//   --flip-tx N     board byte N reaches the host with bit 0 flipped
//   --drop-tx N     board byte N is dropped
//   --extra-tx N    a stray 0xA5 follows board byte N
// Ends with "board: top=... host_bytes=N board_bytes=N tx_framing_errors=N
// cycles=N sim_seconds=S heartbeat_toggles=N busy_led_rises=N
// frame_err_led=0|1 loaded_led=0|1" on stdout (LEDs as the board shows them
// at the end: UART frame error seen, program loaded).
// Built with -GClkHz=CLK_HZ -GBaud=BAUD (passed as -D too), small LED timers.
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>
#include "verilated.h"

#ifdef TOP_ULX3S
#include "Vulx3s_top.h"
typedef Vulx3s_top Top;
#define TOP_NAME "ulx3s_top"
#define PIN_CLK clk_25m_i
#define RESET_ON(m) ((m).btn_fire1_i = 1)
#define RESET_OFF(m) ((m).btn_fire1_i = 0)
#define LED_BUSY(m) (((m).led_o >> 6) & 1)
#define LED_FERR(m) (((m).led_o >> 3) & 1)
#define LED_LOADED(m) (((m).led_o >> 5) & 1)
#else
#include "Vicebreaker_top.h"
typedef Vicebreaker_top Top;
#define TOP_NAME "icebreaker_top"
#define PIN_CLK clk_12m_i
#define RESET_ON(m) ((m).btn_ni = 0)
#define RESET_OFF(m) ((m).btn_ni = 1)
#define LED_BUSY(m) (((m).led_o >> 2) & 1)
#define LED_FERR(m) (((m).led_o >> 4) & 1)
#define LED_LOADED(m) (((m).led_o >> 3) & 1)
#endif

#ifndef CLK_HZ
#error "build with -DCLK_HZ=... -DBAUD=... (the same as -GClkHz / -GBaud)"
#endif

namespace {

struct Opts {
    std::string link;
    bool once = false, mute = false;
    long max_seconds = 0, bad_stop = 0, flip_tx = 0, drop_tx = 0, extra_tx = 0;
};

struct Board {
    Top &m;
    const Opts &o;
    const int div = (int)((CLK_HZ + BAUD / 2) / BAUD);
    int64_t cycle = 0;
    // RX pin driver: one frame at a time from the queue
    std::deque<uint8_t> to_board;
    int64_t rx_bit_t = -1;   // cycle within the current frame, -1 = idle
    int rx_bits[12] = {};
    int rx_len = 0;          // bits in the current frame (10, or 12 with a bad stop + idle)
    long host_bytes = 0;
    // TX pin decoder
    bool tx_busy = false;
    int64_t tx_t0 = 0;
    int tx_bits[10] = {};
    long board_bytes = 0, tx_framing_errors = 0;
    std::string to_host;
    int64_t last_activity = 0;
    bool armed = false;      // decode TX only after reset (the pin is undefined before)
    long heart_toggles = 0, busy_rises = 0;
    int last_heart = 0, last_busy = 0;

    Board(Top &mm, const Opts &oo) : m(mm), o(oo) {}

    void start_frame() {
        uint8_t b = to_board.front();
        to_board.pop_front();
        host_bytes++;
        bool bad = o.bad_stop && host_bytes == o.bad_stop;
        rx_bits[0] = 0;
        for (int k = 0; k < 8; k++) rx_bits[1 + k] = (b >> k) & 1;
        rx_bits[9] = bad ? 0 : 1;
        rx_bits[10] = rx_bits[11] = 1;
        rx_len = bad ? 12 : 10;   // a broken stop bit is followed by two idle bits
        rx_bit_t = 0;
    }

    void got_byte(uint8_t b) {
        board_bytes++;
        if (o.drop_tx && board_bytes == o.drop_tx) return;
        if (o.flip_tx && board_bytes == o.flip_tx) b ^= 0x01;
        to_host.push_back((char)b);
        if (o.extra_tx && board_bytes == o.extra_tx) to_host.push_back((char)0xA5);
    }

    void step() {
        if (rx_bit_t < 0 && !to_board.empty()) start_frame();
        int pin = 1;
        if (rx_bit_t >= 0) {
            pin = rx_bits[rx_bit_t / div];
            if (++rx_bit_t == (int64_t)rx_len * div) rx_bit_t = -1;
        }
        m.uart_rx_i = (uint8_t)pin;
        m.PIN_CLK = 0;
        m.eval();
        int tx = m.uart_tx_o;
        if (tx_busy) {
            int64_t t = cycle - tx_t0;
            if (t == 10LL * div) {
                tx_busy = false;
                int b = 0;
                for (int k = 0; k < 8; k++) b |= tx_bits[1 + k] << k;
                if (tx_bits[0] != 0 || tx_bits[9] != 1) tx_framing_errors++;
                got_byte((uint8_t)b);
            } else if (t % div == div / 2) {
                tx_bits[t / div] = tx;
            }
        }
        if (armed && !tx_busy && tx == 0) { tx_busy = true; tx_t0 = cycle; }
        int busy = LED_BUSY(m), heart = m.led_o & 1;
        if (tx_busy || rx_bit_t >= 0 || busy) last_activity = cycle;
        if (armed) { heart_toggles += heart != last_heart; busy_rises += busy && !last_busy; }
        last_heart = heart;
        last_busy = busy;
        m.PIN_CLK = 1;
        m.eval();
        cycle++;
    }

    bool quiet() const {
        return to_board.empty() && rx_bit_t < 0 && !tx_busy && cycle - last_activity > 40LL * div + 4096;
    }
};

long num_arg(int argc, char **argv, int &i) {
    if (i + 1 >= argc) { std::fprintf(stderr, "tb_board: %s needs a value\n", argv[i]); std::exit(2); }
    char *end = nullptr;
    long v = std::strtol(argv[++i], &end, 0);
    if (!end || *end || v < 0) { std::fprintf(stderr, "tb_board: bad value '%s' for %s\n", argv[i], argv[i - 1]); std::exit(2); }
    return v;
}

}  // namespace

int main(int argc, char **argv) {
    Opts o;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "--link" && i + 1 < argc) o.link = argv[++i];
        else if (a == "--once") o.once = true;
        else if (a == "--mute") o.mute = true;
        else if (a == "--max-seconds") o.max_seconds = num_arg(argc, argv, i);
        else if (a == "--bad-stop") o.bad_stop = num_arg(argc, argv, i);
        else if (a == "--flip-tx") o.flip_tx = num_arg(argc, argv, i);
        else if (a == "--drop-tx") o.drop_tx = num_arg(argc, argv, i);
        else if (a == "--extra-tx") o.extra_tx = num_arg(argc, argv, i);
        else { std::fprintf(stderr, "tb_board: unknown argument '%s' (see the header of fpga/sim/tb_board.cpp)\n", argv[i]); return 2; }
    }

    int mfd = posix_openpt(O_RDWR | O_NOCTTY);
    if (mfd < 0 || grantpt(mfd) || unlockpt(mfd)) { std::perror("tb_board: posix_openpt"); return 2; }
    const char *sname = ptsname(mfd);
    if (!sname) { std::perror("tb_board: ptsname"); return 2; }
    std::string slave = sname;
    struct termios tio;
    if (tcgetattr(mfd, &tio) == 0) { cfmakeraw(&tio); tcsetattr(mfd, TCSANOW, &tio); }
    fcntl(mfd, F_SETFL, fcntl(mfd, F_GETFL) | O_NONBLOCK);
    if (!o.link.empty()) {
        unlink(o.link.c_str());
        if (symlink(slave.c_str(), o.link.c_str())) { std::perror("tb_board: symlink"); return 2; }
    }
    const int div = (int)((CLK_HZ + BAUD / 2) / BAUD);
    std::printf("board: pty=%s top=%s clk_hz=%d baud=%d cycles_per_bit=%d%s\n", slave.c_str(), TOP_NAME,
                (int)CLK_HZ, (int)BAUD, div, o.mute ? " mute" : "");
    std::fflush(stdout);

    VerilatedContext ctx;
    ctx.randReset(2);
    Top m(&ctx);
    Board B(m, o);
    RESET_ON(m);
    for (int i = 0; i < 16; i++) B.step();
    RESET_OFF(m);
    for (int i = 0; i < 16; i++) B.step();
    B.armed = true;

    auto t0 = std::chrono::steady_clock::now();
    bool connected = false;   // the host has opened the slave at least once
    int rc = 0;
    uint8_t buf[4096];
    for (;;) {
        // exchange with the host every 256 cycles; block briefly when the board is quiet
        bool quiet = o.mute || B.quiet();
        {
            if (!B.to_host.empty()) {
                ssize_t n = write(mfd, B.to_host.data(), B.to_host.size());
                if (n > 0) B.to_host.erase(0, (size_t)n);
            }
            struct pollfd p = {mfd, POLLIN, 0};
            int pr = poll(&p, 1, quiet ? 20 : 0);
            bool hup = false;
            if (pr > 0 && (p.revents & POLLIN)) {
                ssize_t n = read(mfd, buf, sizeof buf);
                if (n > 0) {
                    connected = true;
                    if (!o.mute) B.to_board.insert(B.to_board.end(), buf, buf + n);
                    else B.host_bytes += n;
                } else if (n < 0 && errno == EIO) {
                    hup = true;
                }
            } else if (pr > 0 && (p.revents & POLLHUP)) {
                hup = true;
            }
            if (hup) {
                // nobody has the slave open; the host tool flushes stale bytes on open
                if (o.once && connected) break;
                if (quiet) usleep(20000);
            }
            if (o.max_seconds && std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() >
                                     (double)o.max_seconds) {
                std::fprintf(stderr, "tb_board: --max-seconds %ld reached\n", o.max_seconds);
                rc = 1;
                break;
            }
            if (quiet) continue;
        }
        for (int k = 0; k < 256; k++) B.step();
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    m.final();
    if (!o.link.empty()) unlink(o.link.c_str());
    std::printf("board: top=%s host_bytes=%ld board_bytes=%ld tx_framing_errors=%ld cycles=%lld sim_seconds=%.1f "
                "heartbeat_toggles=%ld busy_led_rises=%ld frame_err_led=%d loaded_led=%d\n",
                TOP_NAME, B.host_bytes, B.board_bytes, B.tx_framing_errors, (long long)B.cycle, secs,
                B.heart_toggles, B.busy_rises, (int)LED_FERR(m), (int)LED_LOADED(m));
    close(mfd);
    return rc;
}
