/* Growing arrays. */
#ifndef WW_MEM_H
#define WW_MEM_H

#include <stddef.h>

/* Make room for one more element at index `count` of `arr` (capacity *cap,
 * elements of `elem` bytes), doubling the capacity when full; the new
 * element is zeroed. Returns the (possibly moved) array. Aborts on
 * out-of-memory: the kiosk is supervised and restarts. */
void *ww_grow(void *arr, size_t *cap, size_t count, size_t elem);

#endif
