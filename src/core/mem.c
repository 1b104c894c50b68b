#include "mem.h"

#include <stdlib.h>
#include <string.h>

void *ww_grow(void *arr, size_t *cap, size_t count, size_t elem)
{
    if (count >= *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        if (ncap <= count)
            ncap = count + 1;
        char *a = realloc(arr, ncap * elem);
        if (!a)
            abort();
        arr = a;
        *cap = ncap;
    }
    memset((char *)arr + count * elem, 0, elem);
    return arr;
}
