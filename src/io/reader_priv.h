/*
 * reader_priv.h — test hooks of the input side (input.c, mrt.c, merge.c):
 * included by those files (which define the hooks) and by their unit tests
 * only. Owns: switches tests turn to reach a code path, and counters they
 * read. Never: anything the program itself uses; not a public contract.
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
/* Test hook: the reader's buffer grows from this size (default 1 MiB). */
void mrt_set_initial_buffer(size_t bytes);
/* Test hook: buffers of closed readers kept for the next ones now. */
int mrt_spare_buffers(void);

/* Test hooks: readers open now, and the most open at once so far. */
size_t merge_open_now(const struct merge *m);
size_t merge_open_peak(const struct merge *m);
/* Test hook: the most files opened ahead of their time at once. */
size_t merge_ahead_peak(const struct merge *m);

#endif
