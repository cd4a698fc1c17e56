/* validate.c - model checks: ranges, shape chain, flags and the int32
 * no-overflow bound of docs/numerics.md section 3.  Each failure is one
 * specific line in err. */
#include <math.h>

#include "internal.h"

#define ALL_FLAGS (EYRIE_F_RELU | EYRIE_F_POOL | EYRIE_F_LOGITS)

static int finite_pos(float f) { return isfinite(f) && f > 0.0f; }

/* Checks on the scalar fields only (no arrays are read). */
int eyrie__check_layer_fields(const eyrie_layer *L, int i, char *err, size_t errlen)
{
    if (L->type != EYRIE_CONV && L->type != EYRIE_FC)
        return eyrie__err(err, errlen, "layer %d: bad type %u (1 = conv, 2 = fc)", i, L->type);
    if (L->type == EYRIE_CONV) {
        if (L->k < 1 || L->k > EYRIE_MAX_K)
            return eyrie__err(err, errlen, "layer %d: bad kernel size k=%u (conv: 1..%d)", i,
                              L->k, EYRIE_MAX_K);
        if (L->pad > 1)
            return eyrie__err(err, errlen, "layer %d: bad padding pad=%u (0 or 1)", i, L->pad);
    } else if (L->k != 0 || L->pad != 0) {
        return eyrie__err(err, errlen, "layer %d: bad k=%u/pad=%u for fc (must be 0/0)", i,
                          L->k, L->pad);
    }
    if (L->flags & ~ALL_FLAGS)
        return eyrie__err(err, errlen, "layer %d: bad flags 0x%02x (unknown bits)", i, L->flags);
    if (L->c_in < 1 || L->c_in > EYRIE_MAX_CH || L->c_out < 1 || L->c_out > EYRIE_MAX_CH)
        return eyrie__err(err, errlen, "layer %d: channels c_in=%u c_out=%u out of range 1..%d",
                          i, L->c_in, L->c_out, EYRIE_MAX_CH);
    if (L->h_in < 1 || L->h_in > EYRIE_MAX_DIM || L->w_in < 1 || L->w_in > EYRIE_MAX_DIM)
        return eyrie__err(err, errlen, "layer %d: input size %ux%u out of range 1..%d", i,
                          L->h_in, L->w_in, EYRIE_MAX_DIM);
    if (eyrie_layer_fanin(L) > EYRIE_MAX_FANIN)
        return eyrie__err(err, errlen, "layer %d: fan-in %zu above %d", i, eyrie_layer_fanin(L),
                          EYRIE_MAX_FANIN);
    int ch, cw, oc, oh, ow;
    eyrie_layer_conv_dims(L, &ch, &cw);
    if (ch <= 0 || cw <= 0)
        return eyrie__err(err, errlen, "layer %d: conv output %dx%d is empty (input %ux%u, k=%u, pad=%u)",
                          i, ch, cw, L->h_in, L->w_in, L->k, L->pad);
    eyrie_layer_out_dims(L, &oc, &oh, &ow);
    if (oh < 1 || ow < 1)
        return eyrie__err(err, errlen, "layer %d: pooled output %dx%d is empty", i, oh, ow);
    if (!finite_pos(L->s_in) || !finite_pos(L->s_out))
        return eyrie__err(err, errlen, "layer %d: scale s_in/s_out not finite positive", i);
    return 0;
}

static int check_arrays(const eyrie_model *m, const eyrie_layer *L, int i, char *err,
                        size_t errlen)
{
    const int last = (L->flags & EYRIE_F_LOGITS) != 0;
    const size_t fan = eyrie_layer_fanin(L);
    if (!L->bias || !L->mult || !L->shift || !L->s_w || !L->w)
        return eyrie__err(err, errlen, "layer %d: missing bias/mult/shift/s_w/w array", i);
    if (m->has_float && (!L->wf || !L->bf))
        return eyrie__err(err, errlen, "layer %d: has_float set but float weights missing", i);
    for (int k = 0; k < L->c_out; k++) {
        if (L->shift[k] > EYRIE_SHIFT_MAX)
            return eyrie__err(err, errlen, "layer %d channel %d: shift S=%u above %d", i, k,
                              L->shift[k], EYRIE_SHIFT_MAX);
        if (!finite_pos(L->s_w[k]))
            return eyrie__err(err, errlen, "layer %d channel %d: weight scale not finite positive",
                              i, k);
        if (last && L->s_w[k] != L->s_w[0])
            return eyrie__err(err, errlen,
                              "layer %d: last layer weight scales differ (channel %d vs 0)", i, k);
        /* numerics.md section 3: |bias| + 255 * sum|w| <= 2^31 - 1 */
        const int8_t *w = L->w + (size_t)k * fan;
        int64_t bound = L->bias[k] < 0 ? -(int64_t)L->bias[k] : (int64_t)L->bias[k];
        for (size_t t = 0; t < fan; t++) {
            if (w[t] == -128)
                return eyrie__err(err, errlen, "layer %d channel %d: weight -128 at tap %zu", i,
                                  k, t);
            bound += 255 * (int64_t)(w[t] < 0 ? -w[t] : w[t]);
        }
        if (bound > INT32_MAX)
            return eyrie__err(err, errlen,
                              "layer %d channel %d: accumulator bound |bias|+255*sum|w| = %lld > 2^31-1",
                              i, k, (long long)bound);
        if (m->has_float) {
            if (!isfinite(L->bf[k]))
                return eyrie__err(err, errlen, "layer %d channel %d: float bias not finite", i, k);
            for (size_t t = 0; t < fan; t++)
                if (!isfinite(L->wf[(size_t)k * fan + t]))
                    return eyrie__err(err, errlen, "layer %d channel %d: float weight not finite",
                                      i, k);
        }
    }
    return 0;
}

int eyrie_model_validate(const eyrie_model *m, char *err, size_t errlen)
{
    if (m->n_layers < 1 || m->n_layers > EYRIE_MAX_LAYERS)
        return eyrie__err(err, errlen, "layer count %d out of range 1..%d", m->n_layers,
                          EYRIE_MAX_LAYERS);
    if (m->c < 1 || m->c > EYRIE_MAX_CH || m->h < 1 || m->h > EYRIE_MAX_DIM || m->w < 1 ||
        m->w > EYRIE_MAX_DIM)
        return eyrie__err(err, errlen, "model input %ux%ux%u out of range", m->c, m->h, m->w);
    if (m->has_float != 0 && m->has_float != 1)
        return eyrie__err(err, errlen, "has_float %d not 0 or 1", m->has_float);
    if (memchr(m->name, 0, EYRIE_NAME_LEN) == NULL)
        return eyrie__err(err, errlen, "model name not NUL-terminated");
    int pc = m->c, ph = m->h, pw = m->w, pz = 0; /* image: z = 0 */
    for (int i = 0; i < m->n_layers; i++) {
        const eyrie_layer *L = &m->layer[i];
        if (eyrie__check_layer_fields(L, i, err, errlen))
            return -1;
        if (L->c_in != pc || L->h_in != ph || L->w_in != pw)
            return eyrie__err(err, errlen,
                              "layer %d: shape chain: input %ux%ux%u but %s is %dx%dx%d", i,
                              L->c_in, L->h_in, L->w_in,
                              i == 0 ? "model input" : "previous layer output", pc, ph, pw);
        if (L->z_in != pz)
            return eyrie__err(err, errlen, "layer %d: shape chain: z_in %u but %s is %d", i,
                              L->z_in, i == 0 ? "image zero point" : "previous z_out", pz);
        const int is_last = i == m->n_layers - 1;
        if ((L->flags & EYRIE_F_LOGITS) && !is_last)
            return eyrie__err(err, errlen, "layer %d: LOGITS flag on a layer that is not last", i);
        if (!(L->flags & EYRIE_F_LOGITS) && is_last)
            return eyrie__err(err, errlen, "layer %d: last layer lacks the LOGITS flag", i);
        if ((L->flags & EYRIE_F_LOGITS) && (L->flags & (EYRIE_F_RELU | EYRIE_F_POOL)))
            return eyrie__err(err, errlen, "layer %d: LOGITS layer cannot have RELU or POOL", i);
        if (check_arrays(m, L, i, err, errlen))
            return -1;
        eyrie_layer_out_dims(L, &pc, &ph, &pw);
        pz = L->z_out;
    }
    return 0;
}
