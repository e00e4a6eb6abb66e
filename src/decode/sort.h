/*
 * sort.h — qsort for arrays that may be empty.
 * Owns: the one guard every sort needs: qsort(NULL, 0, ...) is undefined
 * (UBSan stops on it), and an array of fewer than two is sorted already.
 * Never: allocates. In decode/, the lowest layer, so every layer may use it.
 */
#ifndef MRTREACH_SORT_H
#define MRTREACH_SORT_H

#include <stddef.h>
#include <stdlib.h>

static inline void sort_array(void *base, size_t n, size_t size,
                              int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

#endif
