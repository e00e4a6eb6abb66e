/*
 * reader_priv.h — hooks the input side (input.c, mrt.c, merge.c) shares
 * among its own files and with its unit tests.
 * Never: used by decoders, consumers or commands; not a public contract.
 */
#ifndef MRTREACH_READER_PRIV_H
#define MRTREACH_READER_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "io/input.h"
#include "io/merge.h"
#include "io/mrt.h"

/* Whether new inputs decompress in their own thread (default on). Tests
 * turn it off to exercise the single-threaded path. */
void input_set_threaded(int on);
/* Worker threads for block-parallel bzip2 in threaded inputs: 0 turns it
 * off, -1 (default) means one per online core (at most 4), none on a
 * single core. */
void input_set_bzip2_workers(int n);
/* Test hook: whether in is being decoded by the block-parallel path now. */
int input_bzip2_parallel(const struct input *in);
/* input_open with an explicit choice of thread (merge peeks without one). */
struct input *input_open_mode(const char *path, int threaded, char *err, size_t errlen);

/* Reads the first sound record of path quietly (no diagnostics, no thread,
 * small reads): 1 with its timestamp and type, 0 when it has none, -1 with
 * a reason in err when the file cannot be opened. */
int mrt_peek(const char *path, uint32_t *ts, uint16_t *type, char *err, size_t errlen);
/* Test hook: the reader's buffer grows from this size (default 1 MiB). */
void mrt_set_initial_buffer(size_t bytes);

/* Test hooks: readers open now, and the most open at once so far. */
size_t merge_open_now(const struct merge *m);
size_t merge_open_peak(const struct merge *m);

#endif
