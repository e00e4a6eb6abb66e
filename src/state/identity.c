/*
 * identity.c — collector identity from the data (see identity.h).
 * Owns: an open-addressing set of (collector, peer address) with where each
 * was seen, and each collector's distinct RIB collector IDs.
 * Never: allocates per element (only when a new peer or collector appears).
 */
#include "state/identity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state/hash.h"

enum { IN_RIB = 1, IN_UPDATES = 2 };

struct peer_slot {
	bool used;
	uint8_t seen;            /* IN_RIB | IN_UPDATES */
	uint32_t collector;
	uint32_t first_source;   /* first update file that spoke for it */
	struct addr ip;
};

struct rib_id {
	uint32_t bgp_id;
	uint32_t source;
	char view[64];
};

struct coll {
	struct rib_id *ids;      /* distinct collector BGP IDs, first seen first */
	size_t nids;
	bool has_rib;
};

struct identity {
	struct peer_slot *slots;
	size_t cap, used;
	struct coll *cols;
	size_t ncols;
	/* The last update peer looked up: most elements repeat it. */
	bool last_valid;
	uint32_t last_collector;
	struct addr last_ip;
};

struct identity *identity_new(size_t ncollectors)
{
	struct identity *id = calloc(1, sizeof *id);
	if (!id)
		return NULL;
	id->cap = 256;
	id->ncols = ncollectors;
	id->slots = calloc(id->cap, sizeof *id->slots);
	id->cols = calloc(ncollectors ? ncollectors : 1, sizeof *id->cols);
	if (!id->slots || !id->cols) {
		identity_free(id);
		return NULL;
	}
	return id;
}

void identity_free(struct identity *id)
{
	if (!id)
		return;
	for (size_t i = 0; i < id->ncols; i++)
		free(id->cols[i].ids);
	free(id->cols);
	free(id->slots);
	free(id);
}

static uint64_t key_hash(uint32_t collector, const struct addr *ip)
{
	uint64_t h = collector * 0x9e3779b97f4a7c15ULL ^ ip->afi;
	for (size_t i = 0; i < 16; i += 8) {
		uint64_t w;
		memcpy(&w, ip->b + i, 8);
		h = hash_mix64(h ^ w);
	}
	return h;
}

static bool same_key(const struct peer_slot *s, uint32_t collector, const struct addr *ip)
{
	return s->collector == collector && s->ip.afi == ip->afi && memcmp(s->ip.b, ip->b, 16) == 0;
}

static bool grow(struct identity *id)
{
	size_t cap = id->cap * 2;
	struct peer_slot *n = calloc(cap, sizeof *n);
	if (!n)
		return false;
	for (size_t i = 0; i < id->cap; i++) {
		if (!id->slots[i].used)
			continue;
		size_t j = key_hash(id->slots[i].collector, &id->slots[i].ip) & (cap - 1);
		while (n[j].used)
			j = (j + 1) & (cap - 1);
		n[j] = id->slots[i];
	}
	free(id->slots);
	id->slots = n;
	id->cap = cap;
	return true;
}

/* The slot of (collector, ip), added when new; NULL when out of memory. */
static struct peer_slot *slot(struct identity *id, uint32_t collector, const struct addr *ip)
{
	if ((id->used + 1) * 2 > id->cap && !grow(id))
		return NULL;
	size_t j = key_hash(collector, ip) & (id->cap - 1);
	while (id->slots[j].used) {
		if (same_key(&id->slots[j], collector, ip))
			return &id->slots[j];
		j = (j + 1) & (id->cap - 1);
	}
	struct peer_slot *s = &id->slots[j];
	s->used = true;
	s->collector = collector;
	s->ip = *ip;
	id->used++;
	return s;
}

void identity_rib(struct identity *id, uint32_t collector, uint32_t source,
                  uint32_t bgp_id, const char *view)
{
	if (collector >= id->ncols)
		return;
	struct coll *c = &id->cols[collector];
	c->has_rib = true;
	for (size_t i = 0; i < c->nids; i++)
		if (c->ids[i].bgp_id == bgp_id)
			return;
	struct rib_id *n = realloc(c->ids, (c->nids + 1) * sizeof *n);
	if (!n)
		return;
	c->ids = n;
	struct rib_id *r = &c->ids[c->nids++];
	r->bgp_id = bgp_id;
	r->source = source;
	snprintf(r->view, sizeof r->view, "%s", view ? view : "");
}

void identity_rib_peer(struct identity *id, uint32_t collector, const struct addr *peer)
{
	struct peer_slot *s = slot(id, collector, peer);
	if (s)
		s->seen |= IN_RIB;
}

void identity_update_peer(struct identity *id, uint32_t collector, uint32_t source,
                          const struct addr *peer)
{
	if (id->last_valid && id->last_collector == collector && id->last_ip.afi == peer->afi &&
	    memcmp(id->last_ip.b, peer->b, 16) == 0)
		return;
	struct peer_slot *s = slot(id, collector, peer);
	if (!s)
		return;
	if (!(s->seen & IN_UPDATES)) {
		s->seen |= IN_UPDATES;
		s->first_source = source;
	}
	id->last_valid = true;
	id->last_collector = collector;
	id->last_ip = *peer;
}

static const char *name_of(const char *const *names, size_t n, uint32_t i)
{
	return i < n && names[i][0] ? names[i] : "(unnamed)";
}

static const char *path_of(const char *const *paths, size_t n, uint32_t i)
{
	return i < n ? paths[i] : "?";
}

static void dotted(uint32_t v, char *dst, size_t len)
{
	snprintf(dst, len, "%u.%u.%u.%u", v >> 24, v >> 16 & 255, v >> 8 & 255, v & 255);
}

size_t identity_findings(const struct identity *id, const char *const *names, size_t nnames,
                         const char *const *paths, size_t npaths,
                         void (*fn)(const char *msg, void *arg), void *arg)
{
	char msg[1024], a[20], b[20], ip[64];
	size_t found = 0;

	for (uint32_t c = 0; c < id->ncols; c++) {
		const struct coll *k = &id->cols[c];
		if (k->nids < 2)
			continue;
		dotted(k->ids[0].bgp_id, a, sizeof a);
		dotted(k->ids[1].bgp_id, b, sizeof b);
		snprintf(msg, sizeof msg,
		         "collector '%s': its RIB dumps come from %zu collectors (BGP ID %s%s%s%s in %s, "
		         "BGP ID %s%s%s%s in %s): files of several collectors named as one; "
		         "name them apart with --collector NAME=GLOB",
		         name_of(names, nnames, c), k->nids,
		         a, k->ids[0].view[0] ? " view '" : "", k->ids[0].view, k->ids[0].view[0] ? "'" : "",
		         path_of(paths, npaths, k->ids[0].source),
		         b, k->ids[1].view[0] ? " view '" : "", k->ids[1].view, k->ids[1].view[0] ? "'" : "",
		         path_of(paths, npaths, k->ids[1].source));
		fn(msg, arg);
		found++;
	}

	for (uint32_t c = 0; c < id->ncols; c++) {
		if (!id->cols[c].has_rib)
			continue;
		size_t absent = 0, speaking = 0;
		const struct peer_slot *first = NULL;
		for (size_t i = 0; i < id->cap; i++) {
			const struct peer_slot *s = &id->slots[i];
			if (!s->used || s->collector != c || !(s->seen & IN_UPDATES))
				continue;
			speaking++;
			if (s->seen & IN_RIB)
				continue;
			absent++;
			if (!first || s->first_source < first->first_source)
				first = s;
		}
		if (!absent)
			continue;
		addr_format(&first->ip, ip);
		snprintf(msg, sizeof msg,
		         "collector '%s': %zu of the %zu peers in its update files are in none of its "
		         "RIB dumps' peer tables (first: %s in %s): files of another collector mixed "
		         "in, or peers added after the dump; --collector NAME=GLOB names files apart",
		         name_of(names, nnames, c), absent, speaking, ip,
		         path_of(paths, npaths, first->first_source));
		fn(msg, arg);
		found++;
	}
	return found;
}
