/*
 * decode_int.h — what decode.c, tabledump.c and bgp4mp.c share, private to them.
 * Owns: the decoder struct (peer index tables per source, the one BGP scratch
 * buffer, counters) and the emit context. Never: seen outside the decoders.
 */
#ifndef MRTREACH_DECODE_INT_H
#define MRTREACH_DECODE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "decode/bgp.h"
#include "decode/decode.h"

struct peer_entry {
	struct addr ip;
	uint32_t as;
};

/* One PEER_INDEX_TABLE, allocated once per table record. */
struct peer_table {
	uint32_t collector_id;        /* the collector's BGP ID */
	char view[64];                /* its view name, cut to fit, NUL-ended */
	uint64_t key;                 /* peer i's elements have peer_key key + i (elem.h) */
	uint16_t count;
	struct peer_entry peers[];
};

/* A source's records cut at 4096 bytes by the collector (bgp4mp.c). */
struct cut_count {
	uint64_t n;
	uint64_t first;               /* byte offset of the first */
};

struct decoder {
	struct decode_stats st;
	struct peer_table **tables;   /* indexed by source; NULL = none seen */
	size_t ntables;
	struct bgp_scratch scratch;   /* reused by every record: no per-record allocation */
	struct bgp_update upd;        /* likewise (large because of bgp_attrs) */
	bool addpath_guess;           /* decoder_set_addpath_guess() */
	bool (*far)(const struct elem *e, const void *arg);   /* decoder_set_far() */
	const void *far_arg;
	int (*more)(const struct elem *e, uint32_t n, void *arg);   /* decoder_set_far_more() */
	struct cut_count *cuts;       /* records cut at 4096 bytes, by source */
	size_t ncuts;
	uint64_t keys;                /* peer keys handed out (elem.h): never reused, from
	                               * record_base on, so no two decoders share one */
	uint64_t record_base;         /* elements' record numbers are record_base +
	                               * st.records: unique in the process (elem.h) */
	struct {                      /* the last message record's peer and its key: */
		uint64_t key;             /* the next record of that peer keeps it (0: none) */
		uint32_t source, collector, as;
		struct addr ip;
	} last_peer;
	struct addr update_peer;      /* decoder_update_peer() */
	bool has_update_peer;
	char msg[160];                /* a formatted *why, valid until the next record */
};

/* What every element of one record shares; decoders fill the rest. */
struct emit {
	struct decoder *d;
	elem_fn fn;
	void *arg;
	struct elem e;
	/* bgp4mp.c, an UPDATE of a decoder with far set: its attributes were
	 * only checked (d->upd.attrs holds their MP fields and raw block), far
	 * announcements go out without them, the first near one decodes them
	 * (with ASNs of lazy_asn bytes) and takes its next hop from MP_REACH
	 * when lazy_mp. */
	bool lazy, lazy_mp;
	uint8_t lazy_asn;
	/* bgp4mp.c, likewise with d->more: a run of far routes of one field
	 * goes out as its first (prefix run_prefix, open while run_open) and
	 * the run after it in one call of d->more. */
	bool runs, run_open;
	uint32_t run;
	struct prefix run_prefix;
};

/* Hands e->e to the consumer; returns its nonzero stop value or 0. */
static inline int emit_elem(struct emit *x)
{
	x->d->st.elems++;
	return x->fn(&x->e, x->arg);
}

/* Record bodies. Each returns 0, a consumer's stop value (> 0), or -1 with *why. */
int decode_table_dump(struct emit *x, const struct mrt_record *rec, const char **why);
int decode_peer_index(struct decoder *d, const struct mrt_record *rec,
                      uint32_t source, const char **why);
int decode_rib(struct emit *x, const struct mrt_record *rec, const char **why);
int decode_bgp4mp(struct emit *x, const struct mrt_record *rec, const char **why);
int decode_legacy_bgp(struct emit *x, const struct mrt_record *rec, const char **why);

/* Emits the elements of one UPDATE body in bgpdump's order: IPv4 withdrawn,
 * MP_UNREACH_NLRI, IPv4 NLRI, MP_REACH_NLRI. (bgp4mp.c) */
int decode_update_body(struct emit *x, struct cursor body, uint8_t asn_size,
                       bool addpath, const char **why);

#endif
