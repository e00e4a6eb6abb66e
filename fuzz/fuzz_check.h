/*
 * fuzz_check.h — the fuzz targets' invariant check: a failed one names its
 * file, line and condition and aborts (libFuzzer keeps the input).
 */
#ifndef MRTREACH_FUZZ_CHECK_H
#define MRTREACH_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(c)                                                                    \
	do {                                                                        \
		if (!(c)) {                                                         \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,  \
			        __LINE__, #c);                                      \
			abort();                                                    \
		}                                                                   \
	} while (0)

#endif
