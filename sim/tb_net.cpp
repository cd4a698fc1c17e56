// tb_net.cpp - whole-network bench for eyrie_top: compiles a model
// (quant/program.c), loads it over the host byte protocol (host/eyrie_host.c
// encodes and decodes), checks every error reply of docs/protocol.md, then
// classifies real FashionMNIST test images and checks, per image, every
// layer's output bytes (observed on the engine's output stream), the ten
// logits and the class against eyrie_infer's trace. Expected values come from
// the C model only. Host port bubbles and back-pressure are random.
//
// plusargs: +model=FILE +images=IDX +labels=IDX +nimg=N +seed=N +stall=PCT
//           +errors=0|1 (error-case checks, default 1) +name=NAME
//           +first=N (first image index, for sharded runs) +bar=0|1 (progress bar)
#include <chrono>
#include <unistd.h>
#include <vector>
#include "Veyrie_top.h"
#include "tb_common.h"
extern "C" {
#include "eyrie.h"
#include "program.h"
#include "eyrie_host.h"
}

#ifndef COLS
#define COLS 4
#endif

namespace {

struct Obs { int layer; uint32_t addr; uint8_t data; };

struct Bench {
    VerilatedContext *ctx;
    Veyrie_top *m;
    Rng R;
    int stall;
    uint64_t cycles = 0;
    std::vector<Obs> obs;
    std::vector<uint64_t> layer_cyc;
    bool unstable = false;
    Bench(VerilatedContext *c, Veyrie_top *t, uint64_t seed, int st) : ctx(c), m(t), R(seed), stall(st),
        layer_cyc(EYRIE_MAX_LAYERS + 1, 0) {}
    // One clock: the falling half settles the inputs set by the caller (its
    // outputs are what the caller samples), the rising half clocks them in.
    // Two eval() calls per cycle, none spent on an empty edge.
    void settle() { m->clk_i = 0; m->eval(); }
    void rise() { m->clk_i = 1; m->eval(); cycles++; }
    void tick() { settle(); rise(); }
    // Send tx, collect one reply. Returns false on timeout.
    bool xfer(const std::vector<uint8_t> &tx, eyh_reply *r, uint64_t limit = 50000000) {
        eyh_reply_init(r);
        size_t i = 0;
        int fed = 0;
        bool prev_stall = false; uint8_t prev_data = 0;
        uint64_t end = cycles + limit;
        while (cycles < end) {
            m->in_valid_i = i < tx.size() && !R.pct(stall);
            m->in_data_i = i < tx.size() ? tx[i] : 0;
            m->out_ready_i = !R.pct(stall);
            settle();
            if (prev_stall && (!m->out_valid_o || m->out_data_o != prev_data)) unstable = true;
            bool in_fire = m->in_valid_i && m->in_ready_o;
            bool out_fire = m->out_valid_o && m->out_ready_i;
            uint8_t ob = m->out_data_o;
            if (m->dbg_out_valid_o) obs.push_back({m->dbg_layer_o, m->dbg_out_addr_o, m->dbg_out_data_o});
            if (m->dbg_busy_o) layer_cyc[m->dbg_layer_o]++;
            prev_stall = m->out_valid_o && !m->out_ready_i;
            prev_data = m->out_data_o;
            rise();
            if (in_fire) i++;
            if (out_fire) {
                fed = eyh_reply_feed(r, ob);
                if (fed) break;
            }
        }
        m->in_valid_i = 0;
        m->out_ready_i = 0;
        return fed == 1 && i == tx.size();
    }
};

std::vector<uint8_t> frame(uint8_t cmd, const uint8_t *p, size_t n) {
    std::vector<uint8_t> v(EYH_FRAME_HDR);
    eyh_frame_header(cmd, (uint32_t)n, v.data());
    v.insert(v.end(), p, p + n);
    return v;
}

}  // namespace

int main(int argc, char **argv) {
    VerilatedContext *ctx = new VerilatedContext;
    ctx->commandArgs(argc, argv);
    Tally T;
    std::string mpath = plus_str(ctx, "model"), ipath = plus_str(ctx, "images"), lpath = plus_str(ctx, "labels");
    std::string name = plus_str(ctx, "name");
    long nimg = plus_int(ctx, "nimg", 20), seed = plus_int(ctx, "seed", 1), stall = plus_int(ctx, "stall", 20);
    long do_err = plus_int(ctx, "errors", 1), first = plus_int(ctx, "first", 0), showbar = plus_int(ctx, "bar", 1);
    if (name.empty()) name = "net";
    printf("tb_net: %s seed=%ld stall=%ld%% cols=%d\n", mpath.c_str(), seed, stall, COLS);
    char err[256];
    eyrie_model model;
    if (mpath.empty() || eyrie_model_load(mpath.c_str(), &model, err, sizeof err)) {
        fprintf(stderr, "tb_net: %s\n", mpath.empty() ? "+model=FILE missing" : err);
        return 2;
    }
    eyrie_idx im, lb;
    if (ipath.empty() || eyrie_idx_load(ipath.c_str(), &im, err, sizeof err)) {
        fprintf(stderr, "tb_net: images: %s\n", ipath.empty() ? "+images=FILE missing" : err);
        return 2;
    }
    bool have_lb = !lpath.empty() && !eyrie_idx_load(lpath.c_str(), &lb, err, sizeof err);
    if (first < 0 || first > (long)im.count) first = im.count;
    if (nimg > (long)im.count - first) nimg = (long)im.count - first;
    eyrie_hwcfg cfg;
    eyrie_hwcfg_default(&cfg, COLS);
    eyrie_program P;
    if (eyrie_program_compile(&model, &cfg, &P, err, sizeof err)) {
        fprintf(stderr, "tb_net: %s\n", err);
        return 2;
    }
    Veyrie_top *top = new Veyrie_top{ctx};
    Bench B(ctx, top, (uint64_t)seed, (int)stall);
    top->rst_ni = 0; top->in_valid_i = 0; top->out_ready_i = 0; top->clk_i = 0;
    for (int i = 0; i < 4; i++) B.tick();
    top->rst_ni = 1;
    B.tick();

    eyh_reply r;
    auto expect = [&](const std::vector<uint8_t> &tx, int status, uint8_t cmd, const char *what) {
        bool ok = B.xfer(tx, &r);
        T.check(ok && r.status == status && r.cmd == cmd, what, "status %d (%s) cmd 0x%02x, expected %d (%s)%s",
                r.status, eyh_status_name(r.status), r.cmd, status, eyh_status_name(status), ok ? "" : " [timeout]");
    };
    eyh_info info;
    std::vector<uint8_t> img0(im.data, im.data + P.img_bytes);
    const std::vector<uint8_t> load = frame(EYH_CMD_LOAD_PROGRAM, P.image, P.len);
    if (do_err) {
        expect(frame(EYH_CMD_INFO, nullptr, 0), EYH_OK, EYH_CMD_INFO, "info before load");
        T.check(!eyh_decode_info(&r, &info) && !info.loaded && info.cols == COLS && info.rows == 3 &&
                    info.act_aw == cfg.act_aw && info.wt_aw == cfg.wt_aw && info.wt_words == cfg.wt_words &&
                    info.q_aw == cfg.q_aw && info.d_aw == cfg.d_aw,
                "info fields (the RTL memories match eyrie_hwcfg_default)");
        expect(frame(EYH_CMD_CLASSIFY, img0.data(), img0.size()), EYH_ERR_NO_PROGRAM, EYH_CMD_CLASSIFY, "image before program");
        uint8_t junk[3] = {1, 2, 3};
        expect(frame(0x7F, junk, 3), EYH_ERR_UNKNOWN_CMD, 0x7F, "unknown command");
        expect(frame(EYH_CMD_INFO, junk, 1), EYH_ERR_LENGTH, EYH_CMD_INFO, "info with a payload");
        expect(frame(EYH_CMD_LOAD_PROGRAM, P.image, 10), EYH_ERR_LENGTH, EYH_CMD_LOAD_PROGRAM, "program shorter than its header");
    }
    expect(load, EYH_OK, EYH_CMD_LOAD_PROGRAM, "load program");
    if (do_err) {
        std::vector<uint8_t> bad(P.image, P.image + P.len);
        // does not fit: more weight words than the weight memory
        std::vector<uint8_t> nf(bad.begin(), bad.begin() + 64);
        nf[12] = 0xFF; nf[13] = 0xFF;
        expect(frame(EYH_CMD_LOAD_PROGRAM, nf.data(), nf.size()), EYH_ERR_NOFIT, EYH_CMD_LOAD_PROGRAM, "program too big");
        nf = std::vector<uint8_t>(bad.begin(), bad.begin() + 64);
        nf[7] = 0x40;  // 64 layers
        expect(frame(EYH_CMD_LOAD_PROGRAM, nf.data(), nf.size()), EYH_ERR_NOFIT, EYH_CMD_LOAD_PROGRAM, "too many layers");
        std::vector<uint8_t> bm = bad; bm[0] = 'X';
        expect(frame(EYH_CMD_LOAD_PROGRAM, bm.data(), bm.size()), EYH_ERR_BAD_PROGRAM, EYH_CMD_LOAD_PROGRAM, "bad magic");
        bm = bad; bm[3] = 1;   // a version-1 program (no fold bit) on this version-2 engine
        expect(frame(EYH_CMD_LOAD_PROGRAM, bm.data(), bm.size()), EYH_ERR_BAD_PROGRAM, EYH_CMD_LOAD_PROGRAM, "old program version");
        bm = bad; bm[5] = (uint8_t)(COLS * 2);
        expect(frame(EYH_CMD_LOAD_PROGRAM, bm.data(), bm.size()), EYH_ERR_BAD_PROGRAM, EYH_CMD_LOAD_PROGRAM, "other array width");
        bm = bad; bm.push_back(0);
        expect(frame(EYH_CMD_LOAD_PROGRAM, bm.data(), bm.size()), EYH_ERR_LENGTH, EYH_CMD_LOAD_PROGRAM, "program length mismatch");
        expect(frame(EYH_CMD_CLASSIFY, img0.data(), 10), EYH_ERR_LENGTH, EYH_CMD_CLASSIFY, "short image");
        std::vector<uint8_t> lng = img0; lng.push_back(7);
        expect(frame(EYH_CMD_CLASSIFY, lng.data(), lng.size()), EYH_ERR_LENGTH, EYH_CMD_CLASSIFY, "long image");
        expect(frame(EYH_CMD_INFO, nullptr, 0), EYH_OK, EYH_CMD_INFO, "info after errors");
        T.check(!eyh_decode_info(&r, &info) && info.loaded && info.n_layers == P.n_layers, "program kept after errors");
        // illegal descriptors (the header is legal, so LOAD_PROGRAM accepts
        // them): the engine refuses the layer, CLASSIFY answers E_BADDESC
        // with an empty payload, and a valid LOAD_PROGRAM makes it work again
        struct Patch { int layer, byte; uint8_t mask, val; const char *what; };
        const Patch patches[] = {
            {1, 8, 0x07, 0x00, "layer 1 with K = 0"},
            {0, 7, 0xFF, 0x01, "layer 0 with W > 255"},
            {(int)P.n_layers - 1, 9, 0x04, 0x04, "logits layer with pool set"},
        };
        for (const Patch &pt : patches) {
            std::vector<uint8_t> bd(P.image, P.image + P.len);
            size_t at = 32 + 20 * (size_t)pt.layer + (size_t)pt.byte;
            bd[at] = (uint8_t)((bd[at] & ~pt.mask) | pt.val);
            expect(frame(EYH_CMD_LOAD_PROGRAM, bd.data(), bd.size()), EYH_OK, EYH_CMD_LOAD_PROGRAM, pt.what);
            expect(frame(EYH_CMD_CLASSIFY, img0.data(), img0.size()), EYH_ERR_BAD_DESC, EYH_CMD_CLASSIFY, pt.what);
            T.check(r.len == 0, pt.what, "E_BADDESC reply with a payload of %d bytes", (int)r.len);
        }
        expect(load, EYH_OK, EYH_CMD_LOAD_PROGRAM, "reload after illegal descriptors");
    }
    // ---- images ----
    eyrie_ws *ws = eyrie_ws_new(&model);
    std::vector<int32_t> logits(P.ncls);
    long correct = 0, cm_correct = 0, mism = 0, bad_imgs = 0;
    uint64_t cyc_sum = 0;
    std::vector<uint64_t> lsum(EYRIE_MAX_LAYERS + 1, 0);
    auto t0 = std::chrono::steady_clock::now();
    uint64_t sim_c0 = B.cycles;
    int bar = -1;
    for (long n = first; n < first + nimg; n++) {
        const uint8_t *px = im.data + (size_t)n * P.img_bytes;
        eyrie_trace tr;
        int ccls = eyrie_infer(&model, ws, px, logits.data(), &tr);
        B.obs.clear();
        std::fill(B.layer_cyc.begin(), B.layer_cyc.end(), 0);
        bool ok = B.xfer(frame(EYH_CMD_CLASSIFY, px, P.img_bytes), &r);
        eyh_result res;
        long bad = 0;
        if (!ok || eyh_decode_classify(&r, &res)) {
            fprintf(stderr, "image %ld: no valid reply (status %d)\n", n, r.status);
            bad++;
        } else {
            if (res.cls != ccls) { if (bad_imgs < 5) fprintf(stderr, "image %ld: class rtl %d cmodel %d\n", n, res.cls, ccls); bad++; }
            for (int k = 0; k < P.ncls; k++)
                if (res.ncls != P.ncls || res.logits[k] != logits[k]) {
                    if (bad_imgs < 5) fprintf(stderr, "image %ld: logit %d rtl %d cmodel %d\n", n, k, res.logits[k], logits[k]);
                    bad++;
                }
            cyc_sum += res.cycles;
            if (have_lb && res.cls == lb.data[n]) correct++;
            if (have_lb && ccls == lb.data[n]) cm_correct++;
        }
        // every layer's output bytes, each exactly once
        for (int i = 0; i < P.n_layers; i++) {
            const eyrie_prog_layer &L = P.L[i];
            size_t nout = L.logits ? 4 * (size_t)L.oc : (size_t)L.oc * L.oh * L.ow;
            std::vector<uint8_t> exp(nout);
            if (L.logits) for (int k = 0; k < L.oc; k++) for (int e = 0; e < 4; e++) exp[4 * k + e] = (uint8_t)((uint32_t)tr.acc[i][k] >> (8 * e));
            else memcpy(exp.data(), tr.out[i], nout);
            std::vector<int> seen(nout, 0);
            long pitch = 2 * ((L.ow + 1) / 2), plane = (long)L.oh * pitch;
            for (const Obs &o : B.obs) {
                if (o.layer != i) continue;
                long off = (long)o.addr - 2L * L.out_base;
                long idx;
                if (L.logits) idx = off;
                else {
                    long k = off / plane, rem = off % plane, y = rem / pitch, x = rem % pitch;
                    idx = (off < 0 || k >= L.oc || x >= L.ow) ? -1 : (k * L.oh + y) * L.ow + x;
                }
                if (idx < 0 || idx >= (long)nout) { bad++; continue; }
                if (seen[idx]++ || o.data != exp[idx]) {
                    if (bad_imgs < 5) fprintf(stderr, "image %ld layer %d: byte %ld rtl %u cmodel %u%s\n", n, i, idx, o.data, exp[idx], seen[idx] > 1 ? " (twice)" : "");
                    bad++;
                }
            }
            for (size_t j = 0; j < nout; j++) if (!seen[j]) bad++;
            T.layers++;
        }
        for (int i = 0; i <= P.n_layers; i++) lsum[i] += B.layer_cyc[i];
        if (bad) { bad_imgs++; mism += bad; }
        T.check(bad == 0, "image", "image %ld: %ld mismatches", n, bad);
        if (nimg >= 50 && showbar && isatty(2)) {
            int b = (int)(50 * (n - first + 1) / nimg);
            if (b != bar) {
                bar = b;
                fprintf(stderr, "\r[%.*s%*s] %ld/%ld", b, "##################################################", 50 - b, "", n - first + 1, nimg);
                if (n - first + 1 == nimg) fputc('\n', stderr);
            }
        }
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    T.check(!B.unstable, "reply byte stable under back-pressure");
    T.mismatches = mism;
    // ---- performance ----
    double ideal = 0, macs = 0;
    for (int i = 0; i < P.n_layers; i++) {
        double im_ = eyrie_prog_ideal_mac(&P, i), iw = eyrie_prog_ideal_wt(&P, i), id = im_ > iw ? im_ : iw;
        double c = nimg ? (double)lsum[i] / nimg : 0;
        ideal += id;
        macs += im_ * cfg.rows * cfg.cols;  // MACs the output needs
        printf("net: layer=%d k=%d %dx%dx%d->%dx%dx%d cycles=%.0f ideal_mac=%.0f ideal_wt=%.0f ratio=%.2f util=%.3f\n", i,
               P.L[i].k, P.L[i].cin, P.L[i].h, P.L[i].w, P.L[i].oc, P.L[i].oh, P.L[i].ow, c, im_, iw,
               id > 0 ? c / id : 0, c > 0 ? im_ / c : 0);
    }
    double cpi = nimg ? (double)cyc_sum / nimg : 0;
    printf("net: argmax_and_sequencing_cycles=%.0f sim_speed_cycles_per_s=%.0f seconds=%.1f cmodel_correct=%ld\n",
           nimg ? (double)lsum[P.n_layers] / nimg : 0, secs > 0 ? (B.cycles - sim_c0) / secs : 0, secs, cm_correct);
    // macs_per_cycle and cycles_per_mac: the peers' figures (MARLANN's MACs
    // per cycle, the Eyeriss-v2-style design's cycles per dense MAC)
    printf("rtl: images=%ld correct=%ld accuracy=%.4f mismatches_vs_cmodel=%ld cycles_per_image=%.0f ideal_cycles_per_image=%.0f utilization=%.3f model=%s cols=%d "
           "macs_per_image=%.0f macs_per_cycle=%.2f cycles_per_mac=%.4f\n",
           nimg, correct, nimg ? (double)correct / nimg : 0, mism, cpi, ideal,
           cpi > 0 ? macs / (cpi * cfg.rows * cfg.cols) : 0, name.c_str(), COLS,
           macs, cpi > 0 ? macs / cpi : 0, macs > 0 ? cpi / macs : 0);
    eyrie_ws_free(ws);
    eyrie_program_free(&P);
    top->final();
    delete top;
    int rc = T.finish(("net-" + name).c_str());
    delete ctx;
    return rc;
}
