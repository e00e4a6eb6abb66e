/* shard.c — see shard.h. */
#include "state/shard.h"

#include <stdlib.h>
#include <string.h>

#include "decode/bgp.h"
#include "decode/vec.h"

struct shard_src {
	uint64_t key;                /* running maximum of its records' keys */
	bool rib_seen;               /* its first unicast RIB entry was kept */
	uint32_t *cnt;               /* RIB entries not kept: 2 per vantage point */
	size_t ncnt;
};

bool shard_init(struct shard *s, const struct targets *t)
{
	memset(s, 0, sizeof *s);
	s->t = t;
	vantage_init(&s->vt);
	rib_init(&s->kept);
	s->w = partial_w_new();
	return s->w != NULL;
}

void shard_free(struct shard *s)
{
	for (size_t i = 0; i < s->nsrc; i++)
		free(s->src[i].cnt);
	free(s->src);
	free(s->vp);
	vantage_free(&s->vt);
	rib_free(&s->kept);
	partial_w_free(s->w);
	memset(s, 0, sizeof *s);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3u;
	return h;
}

uint64_t shard_targets_fp(const struct targets *t)
{
	uint64_t h = 0xcbf29ce484222325u;
	uint8_t ms = t->more_specific;
	h = fnv(h, &ms, 1);
	for (size_t i = 0; i < t->nroots; i++) {
		h = fnv(h, &t->roots[i].addr.afi, 1);
		h = fnv(h, t->roots[i].addr.b, 16);
		h = fnv(h, &t->roots[i].len, 1);
	}
	h = fnv(h, "|", 1);
	for (size_t i = 0; i < t->nspace; i++) {
		const struct trange *r = &t->space[i];
		uint64_t v[4] = { r->lo_hi, r->lo_lo, r->hi_hi, r->hi_lo };
		h = fnv(h, &r->afi, 1);
		h = fnv(h, v, sizeof v);
	}
	h = fnv(h, "|", 1);
	return fnv(h, t->origins, t->norigins * sizeof *t->origins);
}

void shard_start(struct shard *s, const char *targets_text, const char *const *collectors,
                 size_t ncol, const char *const *paths, const uint64_t *sizes,
                 const uint32_t *src_col, size_t nsrc)
{
	s->src = calloc(nsrc ? nsrc : 1, sizeof *s->src);
	if (!s->src) {
		s->oom = true;
		return;
	}
	s->nsrc = nsrc;
	partial_w_header(s->w, shard_targets_fp(s->t), targets_text, collectors, ncol, paths, sizes,
	                 src_col, nsrc);
}

void shard_record(struct shard *s, uint32_t src, uint32_t ts, bool rib)
{
	if (src >= s->nsrc)
		return;
	uint64_t key = (uint64_t)ts * 2 + (rib ? 0 : 1);
	if (key > s->src[src].key)
		s->src[src].key = key;
	s->cur = src;
	s->group_open = false;
}

static void group(struct shard *s)
{
	if (!s->group_open) {
		partial_w_group(s->w, s->cur, s->src[s->cur].key);
		s->group_open = true;
	}
}

/* Can e's route touch a target or a route covering one? */
static bool relevant(struct shard *s, const struct elem *e)
{
	const struct targets *t = s->t;
	if (targets_all(t) || targets_classify(t, &e->prefix, true) != TGT_NONE)
		return true;
	if (t->norigins == 0)
		return false;
	if (rib_find(&s->kept, &e->prefix) != RIB_NONE)
		return true;
	if (e->type == ELEM_WITHDRAW || !e->attrs ||
	    !targets_has_origin(t, as_path_origin(e->attrs->as_path)))
		return false;
	if (rib_add(&s->kept, &e->prefix) == RIB_NONE)
		s->oom = true;
	return true;
}

/* A RIB entry not kept: counted for its vantage point and family. */
static void count(struct shard *s, uint32_t vp, uint8_t afi)
{
	struct shard_src *x = &s->src[s->cur];
	size_t need = ((size_t)vp + 1) * 2;
	if (need > x->ncnt) {
		size_t old = x->ncnt;
		uint32_t *c = vec_grow(x->cnt, &x->ncnt, need, sizeof *c, 64);
		if (!c) {
			s->oom = true;
			return;
		}
		memset(c + old, 0, (x->ncnt - old) * sizeof *c);
		x->cnt = c;
	}
	x->cnt[vp * 2 + (afi == AFI_IPV6)]++;
}

void shard_elem(struct shard *s, const struct elem *e)
{
	if (s->cur >= s->nsrc)
		return;
	bool mark = !s->started || e->ts > s->maxts;
	if (mark) {
		s->started = true;
		s->maxts = e->ts;
		group(s);
		partial_w_mark(s->w, e->ts);
	}
	size_t known = s->vt.n;
	uint32_t vp = vantage_get(&s->vt, e->collector, &e->peer_ip, 0, e->ts);
	if (vp == VANTAGE_NONE) {
		s->oom = true;
		return;
	}
	if (vp >= s->capvp) {
		size_t old = s->capvp;
		struct shard_vp *q = vec_grow(s->vp, &s->capvp, (size_t)vp + 1, sizeof *q, 64);
		if (!q) {
			s->oom = true;
			return;
		}
		memset(q + old, 0, (s->capvp - old) * sizeof *q);
		s->vp = q;
	}
	/* The first element of a vantage point, and one that changes its AS. */
	bool keep = vp >= known || (e->peer_as && e->peer_as != s->vp[vp].asn);
	if (e->peer_as)
		s->vp[vp].asn = e->peer_as;
	bool unicast = e->safi != SAFI_MULTICAST;
	struct shard_src *x = &s->src[s->cur];
	switch (e->type) {
	case ELEM_STATE:
		keep = true;
		if (e->new_state == BGP_STATE_ESTABLISHED)
			s->vp[vp].dropped = false;
		else if (e->old_state == BGP_STATE_ESTABLISHED)
			s->vp[vp].dropped = true;
		break;
	case ELEM_RIB:
		if (!unicast)
			break;
		if (!x->rib_seen) {
			x->rib_seen = true;      /* opens (or joins) the dump as it did */
			keep = true;
		}
		if (!keep && !relevant(s, e)) {
			count(s, vp, e->prefix.addr.afi);
			return;
		}
		keep = true;
		break;
	case ELEM_ANNOUNCE:
	case ELEM_WITHDRAW:
		/* After a session drop, the vantage point's first unicast message
		 * is what brings its session up again in visibility (session_up:
		 * the down flag, a restarted one's re-sending window), whatever
		 * its prefix: kept, so the replay brings it up at the same place. */
		keep = keep || (unicast && (s->vp[vp].dropped || relevant(s, e)));
		if (keep && unicast)
			s->vp[vp].dropped = false;
		break;
	}
	if (!keep)
		return;
	group(s);
	partial_w_elem(s->w, e);
}

void shard_source_end(struct shard *s, uint32_t src, bool damaged, bool rib, bool has,
                      uint32_t first, uint32_t last, uint64_t damage, const uint32_t *stretch,
                      size_t nstretch)
{
	if (src >= s->nsrc)
		return;
	struct shard_src *x = &s->src[src];
	partial_w_group(s->w, src, x->key);
	for (size_t i = 0; i < x->ncnt; i++)
		if (x->cnt[i])
			partial_w_count(s->w, &s->vt.vps[i / 2].ip, i % 2 ? AFI_IPV6 : AFI_IPV4, x->cnt[i]);
	partial_w_source_end(s->w, damaged, rib, has, first, last, damage, stretch, nstretch);
	free(x->cnt);
	x->cnt = NULL;
	x->ncnt = 0;
	/* The next record's group starts afresh. */
	s->group_open = false;
}
