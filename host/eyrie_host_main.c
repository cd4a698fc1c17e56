/* eyrie_host_main.c - eyrie-host, the host tool for the accelerator on a
 * board (or the simulated board, fpga/sim/tb_board.cpp, through a pty):
 *
 *   eyrie-host --port DEV [--baud N] --model FILE --images IDX [--labels IDX]
 *              [--limit N] [--first N] [--timeout-ms N] [--clock-mhz F] [--quiet]
 *
 * Asks the accelerator for its array configuration (INFO), compiles the
 * model for it (quant/program.c), loads the program (LOAD_PROGRAM), sends the
 * images (CLASSIFY) and checks every answer, class and logits, against the C
 * model (eyrie_infer). Every reply is checked completely: status, echoed
 * command, length, payload; stray bytes between replies and replies that
 * stop short (dropped bytes) are errors. A protocol error or timeout stops the
 * run; a mismatch against the C model is reported and the run goes on.
 * Ends with one line:
 *   host: port=... images=N correct=N accuracy=F mismatches_vs_cmodel=N
 *         protocol_errors=N cycles_per_image=N cycles_min=N cycles_max=N
 *         model=... rows=R cols=C baud=N seconds=S
 * (with --clock-mhz F, the accelerator's clock, also us_per_image=X).
 * --baud defaults to DEFAULT_BAUD, the bitstreams' UART_BAUD (fpga/fpga.mk).
 * Exit status: 0 all good, 1 mismatch / protocol error / timeout, 2 bad
 * arguments or input files. Documented in host/README.md. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "eyrie.h"
#include "eyrie_host.h"
#include "program.h"


typedef struct {
    int fd;
    const char *path;
    int timeout_ms;
    char err[512]; /* the last error, one line */
} port_t;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int perr(port_t *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err, sizeof p->err, fmt, ap);
    va_end(ap);
    return -1;
}

/* The bitstreams' default UART rate (UART_BAUD in fpga/fpga.mk): exact
 * dividers on both FTDI parts (FT2232H 12 MHz / 6, FT231X's 2 Mbaud setting)
 * and 15 / 25 clock cycles per bit at the boards' 30 / 50 MHz. */
#define DEFAULT_BAUD 2000000L

static const struct {
    long baud;
    speed_t code;
} bauds[] = {
    {9600, B9600},       {19200, B19200},     {38400, B38400},     {57600, B57600},
    {115200, B115200},   {230400, B230400},   {460800, B460800},   {500000, B500000},
    {576000, B576000},   {921600, B921600},   {1000000, B1000000}, {1152000, B1152000},
    {1500000, B1500000}, {2000000, B2000000}, {2500000, B2500000}, {3000000, B3000000},
    {3500000, B3500000}, {4000000, B4000000},
};

static int port_open(port_t *p, const char *path, long baud)
{
    speed_t code = 0;
    int found = 0;
    for (size_t i = 0; i < sizeof bauds / sizeof bauds[0]; i++)
        if (bauds[i].baud == baud) { code = bauds[i].code; found = 1; }
    if (!found) return perr(p, "unsupported baud rate %ld (standard rates 9600..4000000)", baud);
    p->path = path;
    p->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (p->fd < 0) return perr(p, "cannot open %s: %s", path, strerror(errno));
    struct termios t;
    if (!isatty(p->fd) || tcgetattr(p->fd, &t)) return perr(p, "%s is not a serial port or terminal", path);
    t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF | IXANY);
    t.c_oflag &= ~(tcflag_t)OPOST;
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB | CSTOPB | CRTSCTS);
    t.c_cflag |= CS8 | CREAD | CLOCAL;
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    if (cfsetispeed(&t, code) || cfsetospeed(&t, code) || tcsetattr(p->fd, TCSANOW, &t))
        return perr(p, "cannot set %s to %ld baud 8N1 raw: %s", path, baud, strerror(errno));
    tcflush(p->fd, TCIOFLUSH); /* stale bytes from before we opened */
    return 0;
}

/* Writes all of buf; fails when no byte can be written for timeout_ms. */
static int port_write(port_t *p, const uint8_t *buf, size_t n, const char *what)
{
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(p->fd, buf + done, n - done);
        if (w > 0) { done += (size_t)w; continue; }
        if (w < 0 && errno != EAGAIN && errno != EINTR)
            return perr(p, "write error on %s during %s: %s", p->path, what, strerror(errno));
        struct pollfd q = {p->fd, POLLOUT, 0};
        int r = poll(&q, 1, p->timeout_ms);
        if (r == 0)
            return perr(p, "timeout: the board took no data for %d ms during %s (%zu of %zu bytes sent)",
                        p->timeout_ms, what, done, n);
    }
    return 0;
}

/* Reads exactly n bytes; 0, or the number of bytes read (< n) on timeout or
 * error (p->err says which). The deadline restarts with every byte. */
static size_t port_read(port_t *p, uint8_t *buf, size_t n, int *timed_out)
{
    size_t got = 0;
    double last = now_s();
    *timed_out = 0;
    while (got < n) {
        ssize_t r = read(p->fd, buf + got, n - got);
        if (r > 0) { got += (size_t)r; last = now_s(); continue; }
        if (r < 0 && errno != EAGAIN && errno != EINTR && errno != EIO) {
            perr(p, "read error on %s: %s", p->path, strerror(errno));
            return got;
        }
        int left = (int)(p->timeout_ms - 1000.0 * (now_s() - last));
        if (left <= 0) { *timed_out = 1; return got; }
        struct pollfd q = {p->fd, POLLIN, 0};
        int pr = poll(&q, 1, left);
        if (pr > 0 && !(q.revents & POLLIN)) usleep(1000); /* a pty whose other side is gone: no answer */
    }
    return n;
}

/* Bytes waiting before a command is sent, or after the last reply: wait up
 * to ms for any, and read them all. */
static size_t port_stray(port_t *p, int ms, uint8_t *first)
{
    size_t n = 0;
    uint8_t b[256];
    for (;;) {
        struct pollfd q = {p->fd, POLLIN, 0};
        if (poll(&q, 1, n ? 20 : ms) <= 0 || !(q.revents & POLLIN)) break;
        ssize_t r = read(p->fd, b, sizeof b);
        if (r <= 0) break;
        if (!n) *first = b[0];
        n += (size_t)r;
    }
    return n;
}

/* Sends one command and reads its reply, checking status, echo and length
 * (want_len; -1 = any). Returns 0 or -1 with p->err set. */
static int transact(port_t *p, uint8_t cmd, const uint8_t *payload, uint32_t len, int want_len, eyh_reply *r,
                    const char *what)
{
    uint8_t first = 0;
    size_t stray = port_stray(p, 0, &first);
    if (stray)
        return perr(p, "%zu unexpected byte(s) from the board before %s (first 0x%02x): garbage or a reply too long",
                    stray, what, first);
    uint8_t hdr[EYH_FRAME_HDR];
    eyh_frame_header(cmd, len, hdr);
    if (port_write(p, hdr, sizeof hdr, what) || (len && port_write(p, payload, len, what))) return -1;
    uint8_t rh[EYH_REPLY_HDR];
    int to = 0;
    size_t got = port_read(p, rh, sizeof rh, &to);
    if (got < sizeof rh) {
        if (!to) return -1;
        if (!got) return perr(p, "timeout: no reply to %s within %d ms (is the board connected and configured?)", what,
                              p->timeout_ms);
        return perr(p, "timeout: reply to %s cut short: %zu of %d header bytes within %d ms (dropped bytes?)", what,
                    got, EYH_REPLY_HDR, p->timeout_ms);
    }
    eyh_reply_init(r);
    for (int i = 0; i < EYH_REPLY_HDR; i++) eyh_reply_feed(r, rh[i]);
    if (r->status & EYH_STATUS_UART_ERR)
        return perr(p, "the board's UART saw a receive error (frame error or overrun) during %s (status 0x%02x): "
                       "line noise or a baud mismatch", what, r->status);
    if (r->status != EYH_OK)
        return perr(p, "%s refused: status 0x%02x (%s), echo 0x%02x, %u payload bytes", what, r->status,
                    eyh_status_name(r->status), r->cmd, r->len);
    if (r->cmd != cmd)
        return perr(p, "wrong echo in the reply to %s: cmd 0x%02x, want 0x%02x (garbage on the line?)", what, r->cmd, cmd);
    if (want_len >= 0 && r->len != want_len)
        return perr(p, "reply to %s has %u payload bytes, want %d (%s frame)", what, r->len, want_len,
                    r->len > want_len ? "long" : "short");
    if (r->len > sizeof r->payload)
        return perr(p, "reply to %s has %u payload bytes, more than %zu", what, r->len, sizeof r->payload);
    got = port_read(p, r->payload, r->len, &to);
    if (got < r->len) {
        if (!to) return -1;
        return perr(p, "timeout: reply to %s cut short: %zu of %u payload bytes within %d ms (dropped bytes?)", what,
                    got, r->len, p->timeout_ms);
    }
    r->got = r->len;
    r->state = 5;
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: eyrie-host --port DEV [--baud N] --model FILE --images IDX [--labels IDX] [--limit N] "
                    "[--first N] [--timeout-ms N] [--clock-mhz F] [--quiet]\n"
                    "  --baud N: the bitstream's UART_BAUD (default %ld)\n", DEFAULT_BAUD);
}

static int parse_long(const char *opt, const char *s, long lo, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 0);
    if (errno || !end || *end || v < lo) {
        fprintf(stderr, "eyrie-host: bad value '%s' for %s\n", s, opt);
        return -1;
    }
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    const char *port_path = NULL, *model_path = NULL, *img_path = NULL, *lbl_path = NULL;
    long baud = DEFAULT_BAUD, limit = -1, first = 0, timeout_ms = 2000;
    int quiet = 0;
    double clock_mhz = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--quiet")) { quiet = 1; continue; }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage(); return 0; }
        if (!v) { fprintf(stderr, "eyrie-host: %s needs a value (or is unknown)\n", a); usage(); return 2; }
        i++;
        if (!strcmp(a, "--port")) port_path = v;
        else if (!strcmp(a, "--model")) model_path = v;
        else if (!strcmp(a, "--images")) img_path = v;
        else if (!strcmp(a, "--labels")) lbl_path = v;
        else if (!strcmp(a, "--baud")) { if (parse_long(a, v, 1, &baud)) return 2; }
        else if (!strcmp(a, "--limit")) { if (parse_long(a, v, 0, &limit)) return 2; }
        else if (!strcmp(a, "--first")) { if (parse_long(a, v, 0, &first)) return 2; }
        else if (!strcmp(a, "--timeout-ms")) { if (parse_long(a, v, 1, &timeout_ms)) return 2; }
        else if (!strcmp(a, "--clock-mhz")) {
            char *end = NULL;
            clock_mhz = strtod(v, &end);
            if (!end || *end || !(clock_mhz > 0)) { fprintf(stderr, "eyrie-host: bad value '%s' for %s\n", v, a); return 2; }
        }
        else { fprintf(stderr, "eyrie-host: unknown option '%s'\n", a); usage(); return 2; }
    }
    if (!port_path || !model_path || !img_path) {
        fprintf(stderr, "eyrie-host: --port, --model and --images are required\n");
        usage();
        return 2;
    }

    char err[512];
    eyrie_model model;
    if (eyrie_model_load(model_path, &model, err, sizeof err)) {
        fprintf(stderr, "eyrie-host: %s: %s\n", model_path, err);
        return 2;
    }
    eyrie_idx im, lb;
    int have_lb = 0;
    if (eyrie_idx_load(img_path, &im, err, sizeof err)) {
        fprintf(stderr, "eyrie-host: %s: %s\n", img_path, err);
        return 2;
    }
    if (lbl_path) {
        if (eyrie_idx_load(lbl_path, &lb, err, sizeof err)) {
            fprintf(stderr, "eyrie-host: %s: %s\n", lbl_path, err);
            return 2;
        }
        if (lb.rows || lb.count != im.count) {
            fprintf(stderr, "eyrie-host: %s: not a label file for %u images\n", lbl_path, im.count);
            return 2;
        }
        have_lb = 1;
    }
    size_t img_bytes = (size_t)model.c * model.h * model.w;
    if (model.c != 1 || im.rows != model.h || im.cols != model.w) {
        fprintf(stderr, "eyrie-host: %s: images are %ux%u, the model wants %ux%ux%u\n", img_path, im.rows, im.cols,
                model.c, model.h, model.w);
        return 2;
    }
    if (first > (long)im.count) first = im.count;
    long n_img = (long)im.count - first;
    if (limit >= 0 && limit < n_img) n_img = limit;

    port_t P = {.fd = -1, .timeout_ms = (int)timeout_ms};
    if (port_open(&P, port_path, baud)) {
        fprintf(stderr, "eyrie-host: %s\n", P.err);
        return 2;
    }
    double t0 = now_s();
    long correct = 0, mismatches = 0, done = 0, proto = 0;
    unsigned long long cyc_sum = 0;
    uint32_t cyc_min = 0, cyc_max = 0;
    eyh_reply r;
    eyh_info info = {0};
    eyrie_program prog = {0};
    eyrie_ws *ws = NULL;

    /* 1. the array configuration */
    if (transact(&P, EYH_CMD_INFO, NULL, 0, 16, &r, "INFO") || eyh_decode_info(&r, &info)) {
        if (!P.err[0]) perr(&P, "bad INFO reply (no 'EY' signature)");
        goto protocol_error;
    }
    if (info.version != EYP_VERSION) {
        perr(&P, "the board speaks protocol version %d, this tool version %d", info.version, EYP_VERSION);
        goto protocol_error;
    }
    printf("host: board rows=%d cols=%d kmax=%d wmax=%d act_aw=%d wt_aw=%d wt_words=%d q_aw=%d d_aw=%d "
           "program_loaded=%d\n", info.rows, info.cols, info.kmax, info.wmax, info.act_aw, info.wt_aw, info.wt_words,
           info.q_aw, info.d_aw, info.loaded);
    eyrie_hwcfg cfg = {.rows = info.rows, .cols = info.cols, .kmax = info.kmax, .wmax = info.wmax,
                       .act_aw = info.act_aw, .wt_aw = info.wt_aw, .q_aw = info.q_aw, .d_aw = info.d_aw,
                       .wt_words = info.wt_words};
    if (eyrie_program_compile(&model, &cfg, &prog, err, sizeof err)) {
        fprintf(stderr, "eyrie-host: %s does not compile for the board's %dx%d array: %s\n", model_path, info.rows,
                info.cols, err);
        close(P.fd);
        return 2;
    }
    if ((size_t)prog.img_bytes != img_bytes || prog.ncls < 1 || prog.ncls > EYH_MAX_CLASSES) {
        fprintf(stderr, "eyrie-host: compiled program: image %d bytes, %d classes: unusable\n", prog.img_bytes, prog.ncls);
        close(P.fd);
        return 2;
    }

    /* 2. the program */
    double tl = now_s();
    if (transact(&P, EYH_CMD_LOAD_PROGRAM, prog.image, (uint32_t)prog.len, 1, &r, "LOAD_PROGRAM")) goto protocol_error;
    if (r.payload[0] != prog.n_layers) {
        perr(&P, "LOAD_PROGRAM reply says %d layers, the program has %d", r.payload[0], prog.n_layers);
        goto protocol_error;
    }
    printf("host: program loaded: %d layers, %zu bytes in %.2f s\n", prog.n_layers, prog.len, now_s() - tl);

    /* 3. the images */
    ws = eyrie_ws_new(&model);
    if (!ws) { fprintf(stderr, "eyrie-host: %s: model fails validation\n", model_path); close(P.fd); return 2; }
    int32_t logits[EYH_MAX_CLASSES];
    int want_len = 2 + 4 * prog.ncls + 4;
    for (long k = 0; k < n_img; k++) {
        long idx = first + k;
        const uint8_t *px = im.data + (size_t)idx * img_bytes;
        char what[64];
        snprintf(what, sizeof what, "CLASSIFY (image %ld)", idx);
        if (transact(&P, EYH_CMD_CLASSIFY, px, (uint32_t)img_bytes, want_len, &r, what)) goto protocol_error;
        eyh_result res;
        if (eyh_decode_classify(&r, &res) || res.ncls != prog.ncls) {
            perr(&P, "reply to %s: %d classes, want %d", what, res.ncls, prog.ncls);
            goto protocol_error;
        }
        int ccls = eyrie_infer(&model, ws, px, logits, NULL);
        int bad = res.cls != ccls, bad_logit = -1;
        for (int c = 0; c < prog.ncls; c++)
            if (res.logits[c] != logits[c] && bad_logit < 0) bad_logit = c;
        int label = have_lb ? lb.data[idx] : -1;
        if (bad || bad_logit >= 0) {
            mismatches++;
            if (bad_logit >= 0)
                fprintf(stderr, "eyrie-host: MISMATCH image %ld: class %d (C model %d), logit[%d] = %d (C model %d)\n",
                        idx, res.cls, ccls, bad_logit, res.logits[bad_logit], logits[bad_logit]);
            else
                fprintf(stderr, "eyrie-host: MISMATCH image %ld: class %d, C model %d (logits equal)\n", idx, res.cls, ccls);
        }
        if (res.cls == label) correct++;
        if (!done || res.cycles < cyc_min) cyc_min = res.cycles;
        if (!done || res.cycles > cyc_max) cyc_max = res.cycles;
        cyc_sum += res.cycles;
        done++;
        if (!quiet)
            printf("image %ld: label=%d class=%d cmodel=%d cycles=%u%s\n", idx, label, res.cls, ccls, res.cycles,
                   bad || bad_logit >= 0 ? " MISMATCH" : "");
    }
    {
        uint8_t b0 = 0;
        size_t stray = port_stray(&P, 100, &b0);
        if (stray) {
            perr(&P, "%zu unexpected byte(s) from the board after the last reply (first 0x%02x)", stray, b0);
            goto protocol_error;
        }
    }
    goto summary;

protocol_error:
    proto = 1;
    fprintf(stderr, "eyrie-host: %s\n", P.err);
summary:;
    char acc[32] = "-"; /* no labels: no accuracy */
    if (have_lb) snprintf(acc, sizeof acc, "%.4f", done ? (double)correct / (double)done : 0.0);
    printf("host: port=%s images=%ld correct=%ld accuracy=%s mismatches_vs_cmodel=%ld protocol_errors=%ld "
           "cycles_per_image=%llu cycles_min=%u cycles_max=%u model=%s rows=%d cols=%d baud=%ld",
           port_path, done, correct, acc, mismatches, proto,
           done ? (cyc_sum + (unsigned long long)done / 2) / (unsigned long long)done : 0ULL, cyc_min, cyc_max,
           model_path, info.rows, info.cols, baud);
    if (clock_mhz > 0 && done)
        printf(" clock_mhz=%g us_per_image=%.1f", clock_mhz, (double)cyc_sum / (double)done / clock_mhz);
    printf(" seconds=%.1f\n", now_s() - t0);
    if (ws) eyrie_ws_free(ws);
    eyrie_program_free(&prog);
    eyrie_model_free(&model);
    eyrie_idx_free(&im);
    if (have_lb) eyrie_idx_free(&lb);
    close(P.fd);
    return (proto || mismatches) ? 1 : 0;
}
