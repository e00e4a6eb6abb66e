/*
 * damage_log.h — what the user is told about damaged input: each event the
 * reader and decoders hand over (damage.h), with file and byte offset, at
 * most DAMAGE_LOG_SHOWN times per file and kind of reason, then one line
 * "... and N more like this" when the file ends.
 * Owns: the per-file tallies, the summary rule, the count of damaged spots
 * for the exit status. Never: reads input, or decides what is damage.
 *
 * Two reasons are of one kind when they differ only in their numbers
 * ("skipped 57 bytes of garbage" and "skipped 3 bytes of garbage"), so a
 * RIB with no PEER_INDEX_TABLE says so three times and then how many more,
 * not once per record.
 */
#ifndef MRTREACH_DAMAGE_LOG_H
#define MRTREACH_DAMAGE_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/damage.h"

#define DAMAGE_LOG_SHOWN 3

struct damage_log;

/* For sources 0..nsources-1 (merge indices). before (may be NULL) is
 * called with arg before each line is written: the pipeline clears the
 * progress line there. NULL when out of memory. */
struct damage_log *damage_log_new(size_t nsources, void (*before)(void *arg), void *arg);
void damage_log_free(struct damage_log *l);

/* One event: written at once (through diag.h) or tallied for the summary.
 * Returns true when a line was written. */
bool damage_log_event(struct damage_log *l, const struct damage *d);
/* Source src was read to its end: writes its summary lines (one per kind
 * of reason held back) and forgets its tallies. Returns whether the source
 * was damaged (any event other than a note). */
bool damage_log_source_end(struct damage_log *l, uint32_t src);
/* Damaged spots so far over all sources, written or held back. */
uint64_t damage_log_total(const struct damage_log *l);

#endif
