/*
 * vec.h — the growth rule of every array that doubles as it fills.
 * Owns: making room for `need` elements: the capacity doubles (from a
 * first size when there is none yet) until they fit, the byte size checked
 * against size_t overflow before realloc.
 * Never: frees, fills or moves elements itself, reports, or touches the
 * array or its capacity when it fails.
 *
 * In the header and inline: the test that there is room already is on
 * hot paths (an element per record) and must cost what the open-coded
 * comparison did. Each caller keeps its own reaction to a failure (an oom
 * flag, a fallback):
 *     struct x *q = vec_grow(s->x, &s->capx, s->nx + 1, sizeof *q, 64);
 *     if (!q) { s->oom = true; return; }
 *     s->x = q;
 */
#ifndef MRTREACH_VEC_H
#define MRTREACH_VEC_H

#include <stdint.h>
#include <stdlib.h>

/* p with room for need (>= 1) elements of size bytes, *cap of which it
 * has now: p itself when they fit, else p grown by realloc to *cap doubled
 * (first, or 1, when *cap is 0) as often as it takes, and *cap set to
 * that. NULL when the capacity or its size in bytes would overflow size_t
 * or realloc fails: then p is still valid, unchanged and the caller's, and
 * *cap is as it was. */
static inline void *vec_grow(void *p, size_t *cap, size_t need, size_t size, size_t first)
{
	if (need <= *cap)
		return p;
	size_t n = *cap ? *cap : first ? first : 1;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return NULL;
		n *= 2;
	}
	if (size && n > SIZE_MAX / size)
		return NULL;
	void *q = realloc(p, n * size);
	if (!q)
		return NULL;
	*cap = n;
	return q;
}

#endif
