/*
 * merge.h — many MRT inputs as one stream in timestamp order.
 * Owns: the time-ordered merge of files given in any order, keeping only
 * the inputs whose time range is current open (memory stays bounded with
 * hundreds of files), RIB dumps before updates at equal timestamps, and
 * naming each input's collector.
 * Never: decodes bodies.
 *
 * Collector names come from io/collector.h (path folders, --collector rules).
 * A file given twice (the same path, another path to the same file, or a
 * copy: same size and the same bytes) is read once: the later one gets
 * same_as, is never opened again, and the caller warns.
 */
#ifndef MRTREACH_MERGE_H
#define MRTREACH_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/damage.h"
#include "io/mrt.h"

struct source {
	const char *path;
	uint32_t index;          /* position in the list given to merge_open */
	uint32_t collector;      /* index into merge_collector_name() */
	int32_t same_as;         /* >= 0: the same file as that earlier input,
	                          * which alone is read; -1 otherwise */
	bool same_inode;         /* ... reached by another path (not a copy) */
	enum input_kind kind;    /* its compression, as the peek found it
	                          * (INPUT_PLAIN for "-" and unreadable files) */
};

struct merge;
struct collector_rules;

/* Peeks at every path without keeping it open; names each one's collector
 * by rules (the `--collector` rules, marked used; NULL: none) or its
 * folders (collector.h). Damage found while reading
 * goes to damage (with arg) as events; a path that cannot be opened (missing,
 * a directory, unreadable) is one DAMAGE_FILE event when merge_next reaches
 * it, first of all, and then ends (MERGE_SOURCE_END): the others are read.
 * NULL with a reason in err only when out of memory. */
struct merge *merge_open(const char *const *paths, size_t n, struct collector_rules *rules,
                         damage_fn damage, void *damage_arg, char *err, size_t errlen);
enum { MERGE_DONE = 0, MERGE_RECORD = 1, MERGE_SOURCE_END = 2 };
/* MERGE_RECORD with the next record in time order and its source;
 * MERGE_SOURCE_END when *src has just been read to its end (rec unset):
 * routing state uses it to close a RIB dump; MERGE_DONE when all are done. */
int merge_next(struct merge *m, struct mrt_record *rec, const struct source **src);
/* What the peek at merge_open found of source i: its first record's time
 * and whether that record is a RIB dump's; false when it has none (or is
 * read once as the same as another, or cannot be read). */
bool merge_source_first(const struct merge *m, size_t i, uint32_t *ts, bool *rib);
/* Looking ahead (coverage: stretches without records). The time of the
 * next record of source i the caller has not been handed, while i is open
 * (the record merge_next just returned counts); false once it has ended. */
bool merge_source_next(const struct merge *m, size_t i, uint32_t *ts);
/* The earliest such record of any input of collector c (those not opened
 * yet: their first record); false when none is left. */
bool merge_collector_next(const struct merge *m, uint32_t c, uint32_t *ts);
/* A record of a collector other than c at or after t is still to come
 * (as far as the open inputs' next records and the others' first ones
 * tell). */
bool merge_others_reach(const struct merge *m, uint32_t c, uint32_t t);
size_t merge_source_count(const struct merge *m);
const struct source *merge_source(const struct merge *m, size_t i);
size_t merge_collector_count(const struct merge *m);
const char *merge_collector_name(const struct merge *m, uint32_t collector);
/* Copies of every collector's name, "(unnamed)" for the unnamed one, for
 * reports written after the merge is closed. NULL when out of memory. */
char **merge_collector_names(const struct merge *m, size_t *n);
void merge_names_free(char **names, size_t n);
/* Compressed bytes read so far over all inputs, and sources finished. */
uint64_t merge_bytes_read(const struct merge *m);
size_t merge_sources_done(const struct merge *m);
void merge_close(struct merge *m);

#endif
