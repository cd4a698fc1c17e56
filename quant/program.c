/* program.c - layer-program compiler (see program.h and
 * docs/architecture.md section 11). */
#include "program.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

void eyrie_hwcfg_default(eyrie_hwcfg *c, int cols)
{
    c->rows = 3;
    c->cols = cols;
    c->kmax = 7;
    c->wmax = 128;
    c->act_aw = 14;
    /* The boards' weight memories: 3x4 on the UP5K, 24K words of 4 B in its
     * SPRAM split (eyrie_wtmem); wider arrays 256 KiB of block RAM, 2^15
     * words of 8 B, 2^14 of 16 B, 2^13 of 32 B (ulx3s_top; sim/sim.mk's
     * net_wtaw builds the benches to match). */
    c->wt_aw = cols >= 32 ? 13 : cols >= 16 ? 14 : 15;
    c->wt_words = cols == 4 ? 24576 : 1 << c->wt_aw;
    c->q_aw = 8;
    c->d_aw = 4;
}

static void put16(uint8_t *b, unsigned v) { b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *b, uint32_t v) { put16(b, v & 0xFFFFu); put16(b + 2, v >> 16); }

/* 160-bit descriptor as 20 little-endian bytes (eyrie_defs.vh). */
static void put_field(uint8_t *d, int lsb, int width, uint32_t v)
{
    for (int i = 0; i < width; i++)
        if ((v >> i) & 1u)
            d[(lsb + i) / 8] |= (uint8_t)(1u << ((lsb + i) % 8));
}

static int words_of(int c, int h, int w) { return c * h * ((w + 1) / 2); }

double eyrie_prog_ideal_mac(const eyrie_program *p, int i)
{
    /* MACs the layer needs: with pooling, a trailing odd conv row/column
     * that the pool drops is not computed (the engine skips it too) */
    const eyrie_prog_layer *L = &p->L[i];
    int ho = L->h + 2 * L->pad - L->k + 1, wo = L->w + 2 * L->pad - L->k + 1;
    if (L->pool) {
        ho &= ~1;
        wo &= ~1;
    }
    double macs = (double)L->cout * L->cin * L->k * L->k * ho * wo;
    return macs / (p->cfg.rows * p->cfg.cols);
}

double eyrie_prog_ideal_wt(const eyrie_program *p, int i)
{
    const eyrie_prog_layer *L = &p->L[i];
    /* Cols weight bytes per cycle; words past the full-width region of a
     * split weight memory (rtl/eyrie_wtmem.v: 2^(wt_aw-1) full-width words
     * when the capacity is below 2^wt_aw) take two cycles each. An unsplit
     * memory on an array of EYP_WPAIR_COLS columns or more reads word pairs
     * (eyrie_top WPair): a row's K taps take ceil(K/2) cycles. */
    double slow = 0;
    int split = p->cfg.wt_words < (1 << p->cfg.wt_aw);
    if (split && L->wt_words > 0) {
        int fast = 1 << (p->cfg.wt_aw - 1), end = L->w_base + L->wt_words;
        int from = L->w_base > fast ? L->w_base : fast;
        slow = end > from ? (double)(end - from) / L->wt_words : 0;
    }
    int reads = (!split && p->cfg.cols >= EYP_WPAIR_COLS) ? (L->k + 1) / 2 : L->k;
    return (double)L->cout * L->cin * L->k * reads / p->cfg.cols * (1 + slow);
}

void eyrie_prog_put_desc(uint8_t d[EYP_DESC_BYTES], const eyrie_prog_layer *L)
{
    memset(d, 0, EYP_DESC_BYTES);
    put_field(d, 0, 16, (uint32_t)L->cin);
    put_field(d, 16, 16, (uint32_t)L->cout);
    put_field(d, 32, 16, (uint32_t)L->h);
    put_field(d, 48, 16, (uint32_t)L->w);
    put_field(d, 64, 3, (uint32_t)L->k);
    put_field(d, 72, 1, (uint32_t)L->pad);
    put_field(d, 73, 1, (uint32_t)L->relu);
    put_field(d, 74, 1, (uint32_t)L->pool);
    put_field(d, 75, 1, (uint32_t)L->logits);
    put_field(d, 76, 1, (uint32_t)L->fold);
    put_field(d, 80, 8, (uint32_t)L->zin);
    put_field(d, 88, 8, (uint32_t)L->zout);
    put_field(d, 96, 16, (uint32_t)L->in_base);
    put_field(d, 112, 16, (uint32_t)L->out_base);
    put_field(d, 128, 16, (uint32_t)L->w_base);
    put_field(d, 144, 16, (uint32_t)L->q_base);
}

void eyrie_prog_put_weights(uint8_t *wp, const eyrie_layer *M, const eyrie_prog_layer *L, int cols)
{
    const int K = L->k, Ci = L->cin, nkg = (L->cout + L->lanes - 1) / L->lanes;
    memset(wp, 0, (size_t)cols * L->wt_words);
    for (int kg = 0; kg < nkg; kg++)
        for (int c = 0; c < Ci; c++)
            for (int r = 0; r < K; r++)
                for (int t = 0; t < K; t++, wp += cols)
                    for (int j = 0; j < cols; j++) {
                        /* folded: columns 2j and 2j+1 hold channel j */
                        int k = kg * L->lanes + (L->fold ? j / 2 : j);
                        if (k >= L->cout)
                            continue;
                        /* conv w[k][c][r][t]; fc w[k][c*H*W + r*W + t] is the same index */
                        wp[j] = (uint8_t)M->w[(((size_t)k * Ci + c) * K + r) * K + t];
                    }
}

void eyrie_prog_put_qparam(uint8_t q[EYP_Q_BYTES], const eyrie_layer *M, int k)
{
    put32(q, (uint32_t)M->bias[k]);
    put16(q + 4, M->mult[k]);
    q[6] = (uint8_t)(M->shift[k] & 31u);
    q[7] = 0;
}

int eyrie_program_compile(const eyrie_model *m, const eyrie_hwcfg *cfg, eyrie_program *p,
                          char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    p->cfg = *cfg;
    if (eyrie_model_validate(m, err, errlen))
        return -1;
    if (m->n_layers > (1 << cfg->d_aw))
        return fail(err, errlen, "program: %d layers, the descriptor memory holds %d", m->n_layers,
                    1 << cfg->d_aw);
    const eyrie_layer *last = &m->layer[m->n_layers - 1];
    if (!(last->flags & EYRIE_F_LOGITS))
        return fail(err, errlen, "program: the last layer must produce logits");
    if (m->c * m->h * m->w > 65535 || m->w > 255)
        return fail(err, errlen, "program: input image %dx%dx%d too large", m->c, m->h, m->w);
    p->n_layers = m->n_layers;
    p->img_c = m->c;
    p->img_h = m->h;
    p->img_w = m->w;
    p->img_bytes = m->c * m->h * m->w;
    p->ncls = last->c_out;
    if (p->ncls > 255)
        return fail(err, errlen, "program: %d classes, at most 255", p->ncls);

    /* tensor t (t = 0 image, t = i+1 output of layer i): words, ping-pong */
    int tw[EYRIE_MAX_LAYERS + 1], reg[2] = {0, 0};
    tw[0] = words_of(m->c, m->h, m->w);
    int wt = 0, q = 0;
    for (int i = 0; i < m->n_layers; i++) {
        const eyrie_layer *M = &m->layer[i];
        eyrie_prog_layer *L = &p->L[i];
        L->cin = M->c_in;
        L->cout = M->c_out;
        L->relu = (M->flags & EYRIE_F_RELU) != 0;
        L->pool = (M->flags & EYRIE_F_POOL) != 0;
        L->logits = (M->flags & EYRIE_F_LOGITS) != 0;
        L->zin = M->z_in;
        L->zout = M->z_out;
        L->macs = eyrie_layer_macs(M);
        if (M->type == EYRIE_CONV) {
            L->k = M->k;
            L->pad = M->pad;
            L->h = M->h_in;
            L->w = M->w_in;
        } else if (M->h_in == 1 && M->w_in == 1) { /* FC on a vector: 1x1 conv */
            L->k = 1;
            L->h = L->w = 1;
        } else if (M->h_in == M->w_in) { /* FC on a map: conv, K = H = W */
            L->k = M->h_in;
            L->h = L->w = M->h_in;
        } else {
            return fail(err, errlen, "program: layer %d: fc on a %dx%d map (needs a square map)", i,
                        M->h_in, M->w_in);
        }
        if (L->k > cfg->kmax)
            return fail(err, errlen, "program: layer %d: kernel %d exceeds the array's KMax %d%s", i,
                        L->k, cfg->kmax, M->type == EYRIE_FC ? " (fc over a map of that size)" : "");
        int wo = L->w + 2 * L->pad - L->k + 1;
        if (L->w > cfg->wmax || wo > cfg->wmax - 1)
            return fail(err, errlen, "program: layer %d: width %d exceeds the line buffer (WMax %d)", i,
                        L->w, cfg->wmax);
        if (L->h > 255 || L->cin > 8191 || L->cout > 8191)
            return fail(err, errlen, "program: layer %d: %dx%d input with %d -> %d channels exceeds the "
                        "descriptor limits (H <= 255, C <= 8191)", i, L->h, L->w, L->cin, L->cout);
        if (L->cin * L->k > 8191)
            return fail(err, errlen, "program: layer %d: C_in*K = %d exceeds 8191", i, L->cin * L->k);
        if (L->logits && (wo != 1 || L->h + 2 * L->pad - L->k + 1 != 1 || L->pool))
            return fail(err, errlen, "program: layer %d: logits need a 1x1 output", i);
        int c, h, w;
        eyrie_layer_out_dims(M, &c, &h, &w);
        L->oc = c;
        L->oh = h;
        L->ow = w;
        tw[i + 1] = L->logits ? 2 * c : words_of(c, h, w);
        /* Folded pooling (arrays of EYP_FOLD_COLS columns or more): channel
         * j of a group in the column pair 2j, 2j+1, the two rows of each
         * pooling window side by side; half the steps per channel group,
         * twice the groups. Used when it takes fewer steps: narrow layers. */
        int nkg1 = (L->cout + cfg->cols - 1) / cfg->cols;
        int nkg2 = (2 * L->cout + cfg->cols - 1) / cfg->cols;
        L->fold = L->pool && cfg->cols >= EYP_FOLD_COLS && nkg2 < 2 * nkg1;
        L->lanes = L->fold ? cfg->cols / 2 : cfg->cols;
        int nkg = L->fold ? nkg2 : nkg1;
        L->wt_words = nkg * L->cin * L->k * L->k;
        L->w_base = wt;
        L->q_base = q;
        wt += L->wt_words;
        q += L->cout;
    }
    for (int t = 0; t <= m->n_layers; t++)
        if (tw[t] > reg[t & 1])
            reg[t & 1] = tw[t];
    p->act_words = reg[0] + reg[1];
    p->wt_words = wt;
    p->q_words = q;
    if (p->act_words > (1 << cfg->act_aw) || p->act_words > 65535)
        return fail(err, errlen, "program: activations need %d words, the buffer holds %d",
                    p->act_words, 1 << cfg->act_aw);
    if (wt > cfg->wt_words || wt > (1 << cfg->wt_aw) || wt > 65535)
        return fail(err, errlen, "program: weights need %d words of %d bytes, the buffer holds %d", wt,
                    cfg->cols, cfg->wt_words);
    if (q > (1 << cfg->q_aw) || q > 65535)
        return fail(err, errlen, "program: %d output channels in all, the qparam buffer holds %d", q,
                    1 << cfg->q_aw);
    for (int i = 0; i < m->n_layers; i++) {
        p->L[i].in_base = (i & 1) ? reg[0] : 0;
        p->L[i].out_base = (i & 1) ? 0 : reg[0];
    }
    p->in_base = 0;
    p->logits_base = p->L[m->n_layers - 1].out_base;

    /* ---- the image ---- */
    const int n = m->n_layers, C = cfg->cols;
    p->len = EYP_HDR_BYTES + (size_t)EYP_DESC_BYTES * n + (size_t)C * wt + (size_t)EYP_Q_BYTES * q;
    p->image = calloc(p->len, 1);
    if (!p->image)
        return fail(err, errlen, "program: out of memory");
    uint8_t *h = p->image;
    h[0] = EYP_MAGIC0;
    h[1] = EYP_MAGIC1;
    h[2] = EYP_MAGIC2;
    h[3] = EYP_VERSION;
    h[4] = (uint8_t)cfg->rows;
    h[5] = (uint8_t)C;
    h[6] = (uint8_t)cfg->kmax;
    h[7] = (uint8_t)n;
    put16(h + 8, (unsigned)cfg->wmax);
    put16(h + 10, (unsigned)p->act_words);
    put16(h + 12, (unsigned)wt);
    put16(h + 14, (unsigned)q);
    put16(h + 16, (unsigned)p->in_base);
    put16(h + 18, (unsigned)p->img_bytes);
    h[20] = (uint8_t)p->img_w;
    h[21] = (uint8_t)p->ncls;
    put16(h + 22, (unsigned)p->logits_base);
    put32(h + 24, 0);
    put32(h + 28, 0);
    uint8_t *d = h + EYP_HDR_BYTES;
    for (int i = 0; i < n; i++, d += EYP_DESC_BYTES)
        eyrie_prog_put_desc(d, &p->L[i]);
    uint8_t *wp = d;
    for (int i = 0; i < n; wp += (size_t)C * p->L[i].wt_words, i++)
        eyrie_prog_put_weights(wp, &m->layer[i], &p->L[i], C);
    uint8_t *qp = wp;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < m->layer[i].c_out; k++, qp += EYP_Q_BYTES)
            eyrie_prog_put_qparam(qp, &m->layer[i], k);
    if ((size_t)(qp - p->image) != p->len) {
        eyrie_program_free(p);
        return fail(err, errlen, "program: internal size mismatch");
    }
    return 0;
}

void eyrie_program_free(eyrie_program *p)
{
    free(p->image);
    p->image = NULL;
    p->len = 0;
}
