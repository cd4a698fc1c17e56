/* program_main.c - eyrie-compile: model file -> accelerator program image
 * (the LOAD_PROGRAM payload of docs/protocol.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"

int main(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    int cols = 4;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--cols") && i + 1 < argc)
            cols = atoi(argv[++i]);
        else if (!in)
            in = argv[i];
        else if (!out)
            out = argv[i];
        else {
            fprintf(stderr, "eyrie-compile: unexpected argument '%s'\n", argv[i]);
            return 2;
        }
    }
    if (!in || (cols != 4 && cols != 8 && cols != 16 && cols != 32)) {
        fprintf(stderr, "usage: eyrie-compile MODEL.eyr [OUT.eyp] [--cols 4|8|16|32]\n");
        return 2;
    }
    char err[256];
    eyrie_model m;
    if (eyrie_model_load(in, &m, err, sizeof err)) {
        fprintf(stderr, "eyrie-compile: %s\n", err);
        return 2;
    }
    eyrie_hwcfg cfg;
    eyrie_hwcfg_default(&cfg, cols);
    eyrie_program p;
    if (eyrie_program_compile(&m, &cfg, &p, err, sizeof err)) {
        fprintf(stderr, "eyrie-compile: %s: %s\n", in, err);
        eyrie_model_free(&m);
        return 2;
    }
    for (int i = 0; i < p.n_layers; i++) {
        const eyrie_prog_layer *L = &p.L[i];
        printf("layer %d: %dx%dx%d k%d p%d -> %dx%dx%d%s%s%s in@%d out@%d w@%d(%d words) q@%d\n", i, L->cin,
               L->h, L->w, L->k, L->pad, L->oc, L->oh, L->ow, L->relu ? " relu" : "",
               L->pool ? " pool" : "", L->logits ? " logits" : "", L->in_base, L->out_base, L->w_base,
               L->wt_words, L->q_base);
    }
    printf("eyrie-compile: %d layers, act %d words, weights %d x %d B, qparams %d, image %zu bytes\n",
           p.n_layers, p.act_words, p.wt_words, cols, p.q_words, p.len);
    int rc = 0;
    if (out) {
        FILE *f = fopen(out, "wb");
        if (!f || fwrite(p.image, 1, p.len, f) != p.len || fclose(f)) {
            fprintf(stderr, "eyrie-compile: cannot write %s\n", out);
            rc = 2;
        }
    }
    eyrie_program_free(&p);
    eyrie_model_free(&m);
    return rc;
}
