/* eyrie_host.h - host side of the eyrie byte protocol (docs/protocol.md):
 * frame encoding and an incremental reply decoder. Plain C11, no I/O: the
 * simulation bench and the FPGA host tool feed it bytes. */
#ifndef EYRIE_HOST_H
#define EYRIE_HOST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    EYH_CMD_INFO = 0x01,
    EYH_CMD_LOAD_PROGRAM = 0x02,
    EYH_CMD_CLASSIFY = 0x03,
};
enum {
    EYH_OK = 0x00,
    EYH_ERR_UNKNOWN_CMD = 0x01,
    EYH_ERR_LENGTH = 0x02,
    EYH_ERR_NO_PROGRAM = 0x03,
    EYH_ERR_NOFIT = 0x04,
    EYH_ERR_BAD_PROGRAM = 0x05,
    EYH_ERR_BAD_DESC = 0x06,
};
/* On a board (fpga/rtl/board_core.v), status bit 7 is set when the board's
 * UART saw a receive error (frame error, overrun) during the command. */
#define EYH_STATUS_UART_ERR 0x80
#define EYH_FRAME_HDR 5    /* cmd, len u32 */
#define EYH_REPLY_HDR 4    /* status, cmd, len u16 */
#define EYH_MAX_CLASSES 255

/* Writes the 5-byte command header; the payload follows it on the wire. */
void eyh_frame_header(uint8_t cmd, uint32_t len, uint8_t out[EYH_FRAME_HDR]);
const char *eyh_status_name(int status);

typedef struct {
    int state;      /* internal */
    uint8_t status, cmd;
    uint16_t len;   /* payload bytes */
    uint16_t got;
    uint8_t payload[1024];
} eyh_reply;

void eyh_reply_init(eyh_reply *r);
/* Feed one byte; returns 1 when a whole reply is in r, -1 if a reply is
 * longer than the buffer, 0 otherwise. Re-initialize before the next one. */
int eyh_reply_feed(eyh_reply *r, uint8_t byte);

typedef struct {
    int cls, ncls;
    int32_t logits[EYH_MAX_CLASSES];
    uint32_t cycles;
} eyh_result;
/* Decode a CLASSIFY reply; 0 or -1 (not an OK CLASSIFY reply, bad length). */
int eyh_decode_classify(const eyh_reply *r, eyh_result *res);

typedef struct {
    int version, rows, cols, kmax, wmax, act_aw, wt_aw, q_aw, d_aw, loaded, n_layers;
    int wt_words; /* weight words the memory holds */
} eyh_info;
int eyh_decode_info(const eyh_reply *r, eyh_info *info);

#ifdef __cplusplus
}
#endif
#endif
