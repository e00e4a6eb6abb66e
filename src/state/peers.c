/*
 * peers.c — per vantage point accounting (see peers.h for the rules).
 * Owns: the vantage point table and its hash. Never: prints; allocates only
 * when a vantage point or collector is first seen.
 */
#include "state/peers.h"

#include <stdlib.h>
#include <string.h>

#include "state/visibility.h"

void peers_init(struct peers *p, double full_feed)
{
	memset(p, 0, sizeof *p);
	p->full_feed = full_feed;
}

void peers_free(struct peers *p)
{
	free(p->vps);
	free(p->slots);
	free(p->cols);
	free(p->src_dump);
	memset(p, 0, sizeof *p);
}

static int fam(uint8_t afi)
{
	return afi == AFI_IPV6;
}

static uint32_t vp_hash(uint32_t collector, const struct addr *a)
{
	uint32_t h = 2166136261u ^ collector;
	h *= 16777619u;
	h ^= a->afi;
	h *= 16777619u;
	for (unsigned i = 0; i < afi_bytes(a->afi); i++) {
		h ^= a->b[i];
		h *= 16777619u;
	}
	return h;
}

static bool same_vp(const struct peer_vp *v, uint32_t collector, const struct addr *a)
{
	return v->collector == collector && addr_equal(&v->ip, a);
}

/* Doubles the slot table (load stays under one half). */
static bool rehash(struct peers *p)
{
	size_t n = p->nslots ? p->nslots * 2 : 64;
	uint32_t *s = calloc(n, sizeof *s);
	if (!s)
		return false;
	for (size_t i = 0; i < p->n; i++) {
		size_t k = vp_hash(p->vps[i].collector, &p->vps[i].ip) & (n - 1);
		while (s[k])
			k = (k + 1) & (n - 1);
		s[k] = (uint32_t)i + 1;
	}
	free(p->slots);
	p->slots = s;
	p->nslots = n;
	return true;
}

static bool grow_cols(struct peers *p, uint32_t collector)
{
	if (collector < p->ncols)
		return true;
	size_t n = (size_t)collector + 1;
	struct peer_collector *c = realloc(p->cols, n * sizeof *c);
	if (!c)
		return false;
	memset(c + p->ncols, 0, (n - p->ncols) * sizeof *c);
	p->cols = c;
	p->ncols = n;
	return true;
}

/* The vantage point (collector, address), added when new; SIZE_MAX on OOM. */
static size_t vantage(struct peers *p, const struct elem *e)
{
	if (p->nslots) {
		size_t k = vp_hash(e->collector, &e->peer_ip) & (p->nslots - 1);
		for (; p->slots[k]; k = (k + 1) & (p->nslots - 1))
			if (same_vp(&p->vps[p->slots[k] - 1], e->collector, &e->peer_ip))
				return p->slots[k] - 1;
	}
	if (p->n >= UINT32_MAX - 1 || !grow_cols(p, e->collector))
		return SIZE_MAX;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 32;
		struct peer_vp *v = realloc(p->vps, cap * sizeof *v);
		if (!v)
			return SIZE_MAX;
		p->vps = v;
		p->cap = cap;
	}
	if ((p->n + 1) * 2 > p->nslots && !rehash(p))
		return SIZE_MAX;
	struct peer_vp *v = &p->vps[p->n];
	memset(v, 0, sizeof *v);
	v->ip = e->peer_ip;
	v->collector = e->collector;
	v->first_ts = v->last_ts = e->ts;
	size_t k = vp_hash(e->collector, &e->peer_ip) & (p->nslots - 1);
	while (p->slots[k])
		k = (k + 1) & (p->nslots - 1);
	p->slots[k] = (uint32_t)p->n + 1;
	return p->n++;
}

/* Input src is a file of collector col's current dump (grows the table
 * once per input, never per record). */
static bool mark_source(struct peers *p, uint32_t src, uint32_t col)
{
	if (src >= p->nsrc) {
		size_t n = (size_t)src + 1 > p->nsrc * 2 ? (size_t)src + 1 : p->nsrc * 2;
		uint32_t *t = realloc(p->src_dump, n * sizeof *t);
		if (!t)
			return false;
		memset(t + p->nsrc, 0, (n - p->nsrc) * sizeof *t);
		p->src_dump = t;
		p->nsrc = n;
	}
	p->src_dump[src] = col + 1;
	return true;
}

/* A RIB entry. Its input joins the collector's current dump when another
 * file of it is open or it carries the same dump time; otherwise it starts
 * a new dump, which counts every vantage point of the collector from zero. */
static void dump_entry(struct peers *p, struct peer_vp *v, const struct elem *e)
{
	struct peer_collector *c = &p->cols[v->collector];
	bool member = e->source < p->nsrc && p->src_dump[e->source] == v->collector + 1;
	if (!member) {
		bool join = c->open_files > 0 || (c->started && c->dump_ts == e->ts);
		if (!join) {
			c->started = true;
			c->damaged = false;
			c->dump_ts = e->ts;
			for (size_t i = 0; i < p->n; i++)
				if (p->vps[i].collector == v->collector)
					p->vps[i].dump_count[0] = p->vps[i].dump_count[1] = 0;
		}
		if (!mark_source(p, e->source, v->collector)) {
			p->oom = true;
			return;
		}
		c->open_files++;
	}
	uint32_t *n = &v->dump_count[fam(e->prefix.addr.afi)];
	if (*n < UINT32_MAX)
		(*n)++;
	v->rib_entries++;
}

void peers_elem(struct peers *p, const struct elem *e)
{
	size_t i = vantage(p, e);
	if (i == SIZE_MAX) {
		p->oom = true;
		return;
	}
	struct peer_vp *v = &p->vps[i];
	if (e->peer_as)
		v->asn = e->peer_as;
	if (e->ts < v->first_ts)
		v->first_ts = e->ts;
	if (e->ts > v->last_ts)
		v->last_ts = e->ts;
	switch (e->type) {
	case ELEM_RIB:
		/* Table sizes are of unicast tables, as visibility counts them. */
		if (e->safi != SAFI_MULTICAST)
			dump_entry(p, v, e);
		break;
	case ELEM_ANNOUNCE:
		v->announces++;
		break;
	case ELEM_WITHDRAW:
		v->withdraws++;
		break;
	case ELEM_STATE:
		v->state_changes++;
		break;
	}
}

void peers_source_end(struct peers *p, uint32_t src, bool damaged)
{
	if (src >= p->nsrc || p->src_dump[src] == 0)
		return;
	uint32_t col = p->src_dump[src] - 1;
	struct peer_collector *c = &p->cols[col];
	p->src_dump[src] = 0;
	if (damaged)
		c->damaged = true;
	if (c->open_files > 0 && --c->open_files > 0)
		return;
	if (c->damaged && c->had_dump)
		return;                   /* a half-read dump: keep the sizes known */
	for (size_t i = 0; i < p->n; i++) {
		struct peer_vp *v = &p->vps[i];
		if (v->collector == col) {
			v->table_size[0] = v->dump_count[0];
			v->table_size[1] = v->dump_count[1];
		}
	}
	c->had_dump = true;
}

bool peers_has_table(const struct peers *p, size_t i)
{
	uint32_t c = p->vps[i].collector;
	return c < p->ncols && p->cols[c].had_dump;
}

/* The same rule as visibility.c's compute_full: the largest table of the
 * family among collectors whose dump was read is the yardstick. */
enum peer_full peers_full_feed(const struct peers *p, size_t i, int f)
{
	if (!peers_has_table(p, i))
		return PEER_FULL_UNKNOWN;
	uint32_t max = 0;
	for (size_t k = 0; k < p->n; k++)
		if (peers_has_table(p, k) && p->vps[k].table_size[f] > max)
			max = p->vps[k].table_size[f];
	return vis_is_full_feed(p->vps[i].table_size[f], max, p->full_feed) ? PEER_FULL_YES : PEER_FULL_NO;
}

/* qsort has no context argument in C11: the table being sorted. */
static const struct peers *sort_p;
static const char *const *sort_names;
static size_t sort_nnames;

static const char *name_of(uint32_t c)
{
	return c < sort_nnames && sort_names[c] ? sort_names[c] : "";
}

static int cmp_vp(const void *a, const void *b)
{
	const struct peer_vp *x = &sort_p->vps[*(const uint32_t *)a];
	const struct peer_vp *y = &sort_p->vps[*(const uint32_t *)b];
	int d = strcmp(name_of(x->collector), name_of(y->collector));
	if (d)
		return d;
	if (x->collector != y->collector)
		return x->collector < y->collector ? -1 : 1;
	if (x->ip.afi != y->ip.afi)
		return x->ip.afi < y->ip.afi ? -1 : 1;
	return memcmp(x->ip.b, y->ip.b, sizeof x->ip.b);
}

uint32_t *peers_sorted(const struct peers *p, const char *const *names, size_t nnames)
{
	uint32_t *idx = malloc((p->n ? p->n : 1) * sizeof *idx);
	if (!idx)
		return NULL;
	for (size_t i = 0; i < p->n; i++)
		idx[i] = (uint32_t)i;
	sort_p = p;
	sort_names = names;
	sort_nnames = nnames;
	if (p->n > 1)
		qsort(idx, p->n, sizeof *idx, cmp_vp);
	return idx;
}
