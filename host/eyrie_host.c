/* eyrie_host.c - host side of the eyrie byte protocol (docs/protocol.md). */
#include "eyrie_host.h"

#include <string.h>

void eyh_frame_header(uint8_t cmd, uint32_t len, uint8_t out[EYH_FRAME_HDR])
{
    out[0] = cmd;
    for (int i = 0; i < 4; i++)
        out[1 + i] = (uint8_t)(len >> (8 * i));
}

const char *eyh_status_name(int status)
{
    if (status & EYH_STATUS_UART_ERR) return "UART receive error on the board";
    switch (status) {
    case EYH_OK: return "ok";
    case EYH_ERR_UNKNOWN_CMD: return "unknown command";
    case EYH_ERR_LENGTH: return "wrong length";
    case EYH_ERR_NO_PROGRAM: return "no program loaded";
    case EYH_ERR_NOFIT: return "program does not fit the buffers";
    case EYH_ERR_BAD_PROGRAM: return "bad program (magic, version or array configuration)";
    case EYH_ERR_BAD_DESC: return "illegal layer descriptor in the loaded program (rejected by the engine)";
    default: return "unknown status";
    }
}

void eyh_reply_init(eyh_reply *r) { memset(r, 0, sizeof *r); }

int eyh_reply_feed(eyh_reply *r, uint8_t b)
{
    switch (r->state) {
    case 0: r->status = b; r->state = 1; return 0;
    case 1: r->cmd = b; r->state = 2; return 0;
    case 2: r->len = b; r->state = 3; return 0;
    case 3:
        r->len |= (uint16_t)(b << 8);
        r->got = 0;
        if (r->len > sizeof r->payload) return -1;
        r->state = r->len ? 4 : 5;
        return r->len ? 0 : 1;
    case 4:
        r->payload[r->got++] = b;
        if (r->got == r->len) { r->state = 5; return 1; }
        return 0;
    default: return -1;
    }
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int eyh_decode_classify(const eyh_reply *r, eyh_result *res)
{
    if (r->state != 5 || r->status != EYH_OK || r->cmd != EYH_CMD_CLASSIFY || r->len < 2)
        return -1;
    res->cls = r->payload[0];
    res->ncls = r->payload[1];
    if (r->len != 2 + 4 * res->ncls + 4)
        return -1;
    for (int i = 0; i < res->ncls; i++)
        res->logits[i] = (int32_t)get32(r->payload + 2 + 4 * i);
    res->cycles = get32(r->payload + 2 + 4 * res->ncls);
    return 0;
}

int eyh_decode_info(const eyh_reply *r, eyh_info *in)
{
    const uint8_t *p = r->payload;
    if (r->state != 5 || r->status != EYH_OK || r->cmd != EYH_CMD_INFO || r->len != 16 || p[0] != 'E' ||
        p[1] != 'Y')
        return -1;
    in->version = p[2];
    in->rows = p[3];
    in->cols = p[4];
    in->kmax = p[5];
    in->wmax = p[6] | p[7] << 8;
    in->act_aw = p[8];
    in->wt_aw = p[9];
    in->q_aw = p[10];
    in->d_aw = p[11];
    in->loaded = p[12];
    in->n_layers = p[13];
    /* weight capacity in units of 256 words; 0 (older builds): 2^wt_aw */
    int cap = p[14] | p[15] << 8;
    in->wt_words = cap ? cap * 256 : 1 << (in->wt_aw < 24 ? in->wt_aw : 24);
    return 0;
}
