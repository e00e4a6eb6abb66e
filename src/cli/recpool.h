/*
 * recpool.h — decoding and formatting of records on a pool of worker
 * threads, their results handed back in input order (issue 16.2).
 * Owns: batches of records copied out of the merge (a fixed number in
 * flight, so memory stays bounded), the worker threads, each with its own
 * decoder, and the peer index tables every worker must know: a
 * PEER_INDEX_TABLE (and a source's end) is a sync point each worker applies
 * to its decoder before it decodes the records after it. What a worker found
 * (damage, a record cut by its collector, update peers) is kept with its
 * record and handed to the caller's retire callback on the calling thread,
 * in input order, with the batch's formatted bytes.
 * Or (keep mode, cfg.far) the elements themselves: a record whose elements
 * are all "far" (the consumer takes them by their record, time, type, peer,
 * SAFI and family alone: pipeline.h elem_far) is handed back as copies of
 * them without attributes, a run of alike ones as one copy and a count;
 * any other record (near, damaged or cut) as "decode it here", for the
 * calling thread's own decoder. Record numbers and peer keys stay unique
 * across the decoders (decode.c numbers each decoder's apart).
 * Never: writes output or damage itself, reads input, or decides what a
 * record means for the run (the pipeline does, as for one thread).
 */
#ifndef MRTREACH_RECPOOL_H
#define MRTREACH_RECPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/elem.h"
#include "decode/mrtdef.h"
#include "io/damage.h"
#include "report/outbuf.h"

enum rp_kind {
	RP_RECORD,          /* decoded and formatted by a worker */
	RP_PEER_INDEX,      /* a PEER_INDEX_TABLE: every worker's decoder learns it */
	RP_SOURCE_END,      /* an input ended: every worker forgets its table */
	RP_DAMAGE,          /* damage the input side found, kept in its place */
};

/* An update peer seen by a worker (identity_update_peer), in order. */
struct rp_peer {
	uint32_t collector, source;
	struct addr ip;
};

/* One item as it is retired, in input order. */
struct rp_view {
	enum rp_kind kind;
	uint32_t source, collector;
	/* RP_RECORD and RP_PEER_INDEX: the record (body valid during the call). */
	const struct mrt_record *rec;
	/* RP_RECORD: -1 when the worker found it damaged (why says how), else 0;
	 * cut: a record its collector cut at 4096 bytes (decode.h), whichever
	 * worker decoded it; only the first one of each worker has a why. */
	int status;
	bool cut;
	const char *why;
	/* RP_RECORD: the update peers of its elements. */
	const struct rp_peer *peers;
	size_t npeers;
	/* RP_RECORD, keep mode: here: decode the record on this thread (its
	 * elements are not given); else its elements, elems[i] standing for
	 * runs[i] alike ones in a row (attrs NULL). */
	bool here;
	const struct elem *elems;
	const uint32_t *runs;
	size_t nelems;
	/* RP_DAMAGE: the event, its reason copied. */
	const struct damage *damage;
};

struct recpool_cfg {
	int workers;                /* >= 1 */
	bool addpath_guess;         /* decoder_set_addpath_guess, for each worker */
	/* Formats e into out on a worker thread (filters included); must only
	 * read shared state. */
	void (*elem)(const struct elem *e, struct outbuf *out, void *arg);
	void *elem_arg;
	/* On the calling thread, in input order: each item, then the bytes its
	 * batch formatted. write returns false when output cannot go on: the
	 * pool then retires nothing more (recpool_halted). */
	void (*retire)(const struct rp_view *v, void *arg);
	bool (*write)(const char *p, size_t n, void *arg);
	void *arg;
	/* Keep mode instead of elem (NULL: format mode): whether e is far, on a
	 * worker thread; must only read state fixed during the pass. */
	bool (*far)(const struct elem *e, const void *arg);
	const void *far_arg;
};

struct recpool;

/* NULL when threads or memory are not available. */
struct recpool *recpool_new(const struct recpool_cfg *cfg);
/* Stops and joins the workers, dropping what was not retired. */
void recpool_free(struct recpool *p);

/* Appends an item. These may wait for a batch to be free, retiring the
 * finished ones meanwhile. False when out of memory. */
bool recpool_record(struct recpool *p, const struct mrt_record *rec, uint32_t source,
                    uint32_t collector);
bool recpool_peer_index(struct recpool *p, const struct mrt_record *rec, uint32_t source,
                        uint32_t collector);
bool recpool_source_end(struct recpool *p, uint32_t source);
bool recpool_damage(struct recpool *p, const struct damage *d);

/* Retires everything appended (waiting for the workers). */
void recpool_finish(struct recpool *p);
/* The write callback said output cannot go on, or the retire callback
 * called recpool_halt (nothing more is retired): the caller should stop. */
bool recpool_halted(const struct recpool *p);
void recpool_halt(struct recpool *p);

#endif
