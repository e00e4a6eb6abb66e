/*
 * shard.h — what a partial keeps of a pass, so that replaying it through
 * visibility gives what the pass itself would have given.
 * Owns: the choice of elements (those that can touch a target or a route
 * covering one, every session state change, the first element of each
 * vantage point, any that changes its AS, and its first unicast
 * announcement or withdrawal after a session drop), RIB entries of other
 * prefixes reduced to counts per vantage point and family (the full-feed
 * decision), time marks wherever the time of the elements advances, each
 * input's end with its damage and span, and the merge key of every record.
 * Never: reads files, decides visibility, or prints.
 *
 * Exactness: visibility (visibility.h) reads of an element it does not
 * track only its vantage point, its time, (RIB entries) the table count
 * and (a unicast message after a session drop) that the session is up
 * again; those are kept as described, at the same place in the stream.
 */
#ifndef MRTREACH_SHARD_H
#define MRTREACH_SHARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/elem.h"
#include "io/partial.h"
#include "state/rib.h"
#include "state/targets.h"
#include "state/vantage.h"

struct shard_src;

/* What a partial remembers of a vantage point between its elements. */
struct shard_vp {
	uint32_t asn;                /* the AS last kept */
	bool dropped;                /* its session dropped and no message of it
	                              * kept since */
};

struct shard {
	struct partial_w *w;
	const struct targets *t;
	struct vantage vt;           /* vantage points seen, by (collector, address) */
	struct shard_vp *vp;         /* per vantage point (zeroed when it is new) */
	size_t capvp;
	struct shard_src *src;       /* per input */
	size_t nsrc;
	struct rib kept;             /* --origin targets: prefixes kept once */
	uint32_t cur;                /* the input of the current record */
	bool group_open;             /* a group was written for the current record */
	bool started;
	uint32_t maxts;              /* of the elements so far */
	bool oom;
};

/* Targets t must outlive s; the header is written by shard_start. */
bool shard_init(struct shard *s, const struct targets *t);
void shard_free(struct shard *s);
/* Before the pass: the targets' text, collectors, inputs (path, size in
 * bytes, collector index). */
void shard_start(struct shard *s, const char *targets_text, const char *const *collectors,
                 size_t ncol, const char *const *paths, const uint64_t *sizes,
                 const uint32_t *src_col, size_t nsrc);
/* Each record before its elements: input src, time ts, a RIB record or not. */
void shard_record(struct shard *s, uint32_t src, uint32_t ts, bool rib);
void shard_elem(struct shard *s, const struct elem *e);
/* Input src was read to its end; stretch: its nstretch stretches without
 * records, as partial_w_source_end takes them. */
void shard_source_end(struct shard *s, uint32_t src, bool damaged, bool rib, bool has,
                      uint32_t first, uint32_t last, uint64_t damage, const uint32_t *stretch,
                      size_t nstretch);

/* A fingerprint of the target set (what it was filtered for). */
uint64_t shard_targets_fp(const struct targets *t);

#endif
