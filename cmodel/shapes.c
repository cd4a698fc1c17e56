/* shapes.c - layer shape arithmetic (docs/numerics.md sections 2 and 5). */
#include "eyrie.h"

void eyrie_layer_conv_dims(const eyrie_layer *L, int *h, int *w)
{
    if (L->type == EYRIE_CONV) {
        /* stride 1: Ho = H + 2P - K + 1 */
        *h = (int)L->h_in + 2 * (int)L->pad - (int)L->k + 1;
        *w = (int)L->w_in + 2 * (int)L->pad - (int)L->k + 1;
    } else {
        *h = 1;
        *w = 1;
    }
}

void eyrie_layer_out_dims(const eyrie_layer *L, int *c, int *h, int *w)
{
    eyrie_layer_conv_dims(L, h, w);
    if (L->flags & EYRIE_F_POOL) {
        /* 2x2 stride 2, odd trailing row/column dropped */
        *h /= 2;
        *w /= 2;
    }
    *c = L->c_out;
}

size_t eyrie_layer_in_size(const eyrie_layer *L)
{
    return (size_t)L->c_in * L->h_in * L->w_in;
}

size_t eyrie_layer_acc_size(const eyrie_layer *L)
{
    int h, w;
    eyrie_layer_conv_dims(L, &h, &w);
    if (h <= 0 || w <= 0)
        return 0;
    return (size_t)L->c_out * (size_t)h * (size_t)w;
}

size_t eyrie_layer_out_size(const eyrie_layer *L)
{
    int c, h, w;
    eyrie_layer_out_dims(L, &c, &h, &w);
    if (h <= 0 || w <= 0)
        return 0;
    return (size_t)c * (size_t)h * (size_t)w;
}

size_t eyrie_layer_fanin(const eyrie_layer *L)
{
    if (L->type == EYRIE_CONV)
        return (size_t)L->c_in * L->k * L->k;
    return eyrie_layer_in_size(L);
}

size_t eyrie_layer_macs(const eyrie_layer *L)
{
    return eyrie_layer_acc_size(L) * eyrie_layer_fanin(L);
}

int eyrie_model_classes(const eyrie_model *m)
{
    if (m->n_layers < 1)
        return 0;
    return (int)eyrie_layer_acc_size(&m->layer[m->n_layers - 1]);
}

const char *const eyrie_fmnist_classes[10] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
};
