/* infer.c - workspace and the reference int8 inference (eyrie_infer):
 * the layer units of ops.c chained, with every tensor kept for the trace
 * (the golden vectors). */
#include <stdlib.h>

#include "internal.h"

static size_t max_sz(size_t a, size_t b) { return a > b ? a : b; }

eyrie_ws *eyrie_ws_new(const eyrie_model *m)
{
    if (eyrie_model_validate(m, NULL, 0))
        return NULL;
    eyrie_ws *ws = calloc(1, sizeof *ws);
    if (!ws)
        return NULL;
    ws->n_layers = m->n_layers;
    size_t fmax = (size_t)m->c * m->h * m->w;
    int ok = (ws->img = malloc(fmax)) != NULL;
    for (int i = 0; i < m->n_layers && ok; i++) {
        const eyrie_layer *L = &m->layer[i];
        ws->in_size[i] = eyrie_layer_in_size(L);
        ws->acc_size[i] = eyrie_layer_acc_size(L);
        ws->out_size[i] = eyrie_layer_out_size(L);
        fmax = max_sz(fmax, ws->acc_size[i]);
        ok &= (ws->acc[i] = malloc(ws->acc_size[i] * sizeof(int32_t))) != NULL;
        if (!(L->flags & EYRIE_F_LOGITS))
            ok &= (ws->conv[i] = malloc(ws->acc_size[i])) != NULL;
        if (L->flags & EYRIE_F_POOL)
            ok &= (ws->pool[i] = malloc(ws->out_size[i])) != NULL;
    }
    if (ok) {
        ws->fa = malloc(fmax * sizeof(float));
        ws->fb = malloc(fmax * sizeof(float));
        ok = ws->fa && ws->fb;
    }
    if (!ok) {
        eyrie_ws_free(ws);
        return NULL;
    }
    return ws;
}

void eyrie_ws_free(eyrie_ws *ws)
{
    if (!ws)
        return;
    free(ws->img);
    for (int i = 0; i < EYRIE_MAX_LAYERS; i++) {
        free(ws->acc[i]);
        free(ws->conv[i]);
        free(ws->pool[i]);
    }
    free(ws->fa);
    free(ws->fb);
    eyrie__fast_free(ws->fast);
    free(ws);
}

int eyrie__ws_matches(const eyrie_ws *ws, const eyrie_model *m)
{
    if (!ws || ws->n_layers != m->n_layers || m->n_layers < 1 ||
        m->n_layers > EYRIE_MAX_LAYERS)
        return 0;
    for (int i = 0; i < m->n_layers; i++) {
        const eyrie_layer *L = &m->layer[i];
        if (ws->in_size[i] != eyrie_layer_in_size(L) ||
            ws->acc_size[i] != eyrie_layer_acc_size(L) ||
            ws->out_size[i] != eyrie_layer_out_size(L) ||
            (ws->conv[i] == NULL) != ((L->flags & EYRIE_F_LOGITS) != 0) ||
            (ws->pool[i] == NULL) != ((L->flags & EYRIE_F_POOL) == 0))
            return 0;
    }
    return 1;
}

/* Reference inference.  Returns the class, or -1 if ws does not fit m. */
int eyrie_infer(const eyrie_model *m, eyrie_ws *ws, const uint8_t *img, int32_t *logits,
                eyrie_trace *tr)
{
    if (!eyrie__ws_matches(ws, m))
        return -1;
    if (tr)
        memset(tr, 0, sizeof *tr);
    memcpy(ws->img, img, (size_t)m->c * m->h * m->w);
    const uint8_t *in = ws->img;
    for (int i = 0; i < m->n_layers; i++) {
        const eyrie_layer *L = &m->layer[i];
        if (L->type == EYRIE_CONV)
            eyrie_conv_acc(L, in, ws->acc[i]);
        else
            eyrie_fc_acc(L, in, ws->acc[i]);
        const uint8_t *out = NULL;
        if (!(L->flags & EYRIE_F_LOGITS)) {
            eyrie_requant_layer(L, ws->acc[i], ws->conv[i]);
            out = ws->conv[i];
            if (L->flags & EYRIE_F_POOL) {
                int h, w;
                eyrie_layer_conv_dims(L, &h, &w);
                eyrie_pool(ws->conv[i], L->c_out, h, w, ws->pool[i]);
                out = ws->pool[i];
            }
        }
        if (tr) {
            tr->in[i] = (uint8_t *)in;
            tr->acc[i] = ws->acc[i];
            tr->out[i] = (uint8_t *)out;
        }
        in = out;
    }
    const int last = m->n_layers - 1;
    const int n = (int)ws->acc_size[last];
    memcpy(logits, ws->acc[last], (size_t)n * sizeof(int32_t));
    return eyrie_argmax(logits, n);
}
