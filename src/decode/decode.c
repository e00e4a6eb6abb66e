/*
 * decode.c — dispatch of MRT records to the body decoders, per-source peer tables.
 * Owns: the decoder's lifetime, record-type dispatch and counting.
 * Never: prints, or allocates per record (only per PEER_INDEX_TABLE).
 */
#include "decode/decode.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode_int.h"

/* Decoders made so far in the process, of any thread. */
static atomic_uint_fast64_t decoders_made;

struct decoder *decoder_new(void)
{
	/* calloc: the scratch buffers are large; zeroed pages cost nothing until used. */
	struct decoder *d = calloc(1, sizeof(struct decoder));
	/* Each decoder numbers its records in a range of 2^40 of its own, so
	 * that no two records in the process share a number (elem.h), even of
	 * two decoders that one thread uses in turn at the same address. */
	if (d) {
		d->record_base = (uint64_t)(atomic_fetch_add(&decoders_made, 1) + 1) << 40;
		d->keys = d->record_base;   /* peer keys likewise: decoders side by
		                             * side on one pass never share one */
	}
	return d;
}

void decoder_free(struct decoder *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->ntables; i++)
		free(d->tables[i]);
	free(d->tables);
	free(d->cuts);
	free(d);
}

void decoder_source_done(struct decoder *d, uint32_t source)
{
	if (source < d->ntables) {
		free(d->tables[source]);
		d->tables[source] = NULL;
	}
	if (source < d->ncuts)
		d->cuts[source] = (struct cut_count){ 0, 0 };
}

uint64_t decoder_source_cuts(const struct decoder *d, uint32_t source, uint64_t *first)
{
	if (source >= d->ncuts || d->cuts[source].n == 0)
		return 0;
	*first = d->cuts[source].first;
	return d->cuts[source].n;
}

void decoder_set_addpath_guess(struct decoder *d, bool guess)
{
	d->addpath_guess = guess;
}

void decoder_set_far(struct decoder *d, bool (*far)(const struct elem *e, const void *arg),
                     const void *arg)
{
	d->far = far;
	d->far_arg = arg;
}

void decoder_set_far_more(struct decoder *d,
                          int (*more)(const struct elem *e, uint32_t n, void *arg))
{
	d->more = more;
}

bool decoder_peer_index(const struct decoder *d, uint32_t source, struct peer_index_view *out)
{
	const struct peer_table *t = source < d->ntables ? d->tables[source] : NULL;
	if (!t)
		return false;
	out->collector_id = t->collector_id;
	out->view = t->view;
	out->npeers = t->count;
	return true;
}

const struct addr *decoder_peer_addr(const struct decoder *d, uint32_t source, size_t i)
{
	const struct peer_table *t = source < d->ntables ? d->tables[source] : NULL;
	return t && i < t->count ? &t->peers[i].ip : NULL;
}

const struct addr *decoder_update_peer(const struct decoder *d)
{
	return d->has_update_peer ? &d->update_peer : NULL;
}

const struct decode_stats *decoder_stats(const struct decoder *d)
{
	return &d->st;
}

/* Cleared by copying this rather than by memset: gcc clears a struct of
 * this size with `rep stos`, whose start-up costs more than the copy, once
 * per record. */
static const struct elem no_elem;

int decode_record(struct decoder *d, const struct mrt_record *rec,
                  uint32_t source, uint32_t collector,
                  elem_fn fn, void *arg, const char **why)
{
	struct emit x;
	int r;

	uint64_t elems = d->st.elems;
	d->st.records++;
	d->has_update_peer = false;
	*why = NULL;
	x.e = no_elem;
	x.d = d;
	x.fn = fn;
	x.arg = arg;
	x.lazy = false;
	x.runs = false;
	x.run_open = false;
	x.e.mrt_type = rec->type;
	x.e.mrt_subtype = rec->subtype;
	x.e.ts = rec->ts;
	x.e.usec = rec->usec;
	x.e.source = source;
	x.e.collector = collector;
	x.e.record = d->record_base + d->st.records;
	x.e.peer_key = ++d->keys;      /* one peer per record, but in TABLE_DUMP(_V2);
	                                * a run of one peer's messages keeps its first
	                                * record's key (bgp4mp.c) */

	switch (rec->type) {
	case MRT_TABLE_DUMP:
		if (!td_known(rec->subtype))
			goto unsupported;
		r = decode_table_dump(&x, rec, why);
		break;
	case MRT_TABLE_DUMP_V2:
		if (rec->subtype == TD2_PEER_INDEX_TABLE) {
			r = decode_peer_index(d, rec, source, why);
			break;
		}
		if (!td2_known(rec->subtype))
			goto unsupported;
		/* RIB entries name peers by index into this source's table. */
		if (source >= d->ntables || !d->tables[source]) {
			*why = "RIB record before any PEER_INDEX_TABLE";
			r = -1;
			break;
		}
		r = decode_rib(&x, rec, why);
		break;
	case MRT_BGP4MP:
	case MRT_BGP4MP_ET:
		if (!bgp4mp_known(rec->subtype))
			goto unsupported;
		r = decode_bgp4mp(&x, rec, why);
		break;
	case MRT_BGP:
		r = decode_legacy_bgp(&x, rec, why);
		break;
	default:
		goto unsupported;
	}
	/* A BGP message's elements are all of one update peer. */
	if (d->st.elems > elems && rec->type != MRT_TABLE_DUMP && rec->type != MRT_TABLE_DUMP_V2) {
		d->update_peer = x.e.peer_ip;
		d->has_update_peer = true;
	}
	if (r < 0) {
		d->st.damaged++;
		if (!*why)
			*why = "damaged record";
	}
	return r;

unsupported:
	d->st.unsupported++;
	return 0;
}
