/*
 * stats.c — input summary counters (see stats.h).
 * Owns: the (type, subtype) table, the prefix hash sets.
 * Never: allocates per record; the sets grow by doubling only.
 */
#include "state/stats.h"
#include "state/hash.h"

#include <stdlib.h>
#include <string.h>

void stats_init(struct stats *s)
{
	memset(s, 0, sizeof *s);
	peers_init(&s->peers, 0.9);
}

void stats_free(struct stats *s)
{
	free(s->v4);
	free(s->v6);
	peers_free(&s->peers);
	s->v4 = NULL;
	s->v6 = NULL;
}

void stats_record(struct stats *s, uint16_t type, uint16_t subtype, uint32_t ts)
{
	if (s->records == 0 || ts < s->first_ts)
		s->first_ts = ts;
	if (s->records == 0 || ts > s->last_ts)
		s->last_ts = ts;
	s->records++;

	/* Binary search: the table stays sorted so the report needs no sort. */
	uint32_t key = (uint32_t)type << 16 | subtype;
	size_t lo = 0, hi = s->ntypes;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t k = (uint32_t)s->types[mid].type << 16 | s->types[mid].subtype;
		if (k == key) {
			s->types[mid].records++;
			return;
		}
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (s->ntypes == STATS_MAX_TYPES) {
		s->other_types++;
		return;
	}
	memmove(&s->types[lo + 1], &s->types[lo], (s->ntypes - lo) * sizeof s->types[0]);
	s->types[lo] = (struct stats_type){ type, subtype, 1 };
	s->ntypes++;
}

static uint64_t v4_key(const struct prefix *p)
{
	uint64_t a = (uint64_t)p->addr.b[0] << 24 | (uint64_t)p->addr.b[1] << 16 |
	             (uint64_t)p->addr.b[2] << 8 | p->addr.b[3];
	return (a << 8 | p->len) + 1;
}

static struct stats_v6key v6_key(const struct prefix *p)
{
	struct stats_v6key k = { 0, 0, p->len, true };
	for (int i = 0; i < 8; i++) {
		k.hi = k.hi << 8 | p->addr.b[i];
		k.lo = k.lo << 8 | p->addr.b[8 + i];
	}
	return k;
}

static uint64_t v6_hash(const struct stats_v6key *k)
{
	return hash_mix64(k->hi ^ hash_mix64(k->lo ^ k->len));
}

static bool v4_grow(struct stats *s)
{
	size_t n = s->slots4 ? s->slots4 * 2 : 1024;
	uint64_t *t = calloc(n, sizeof *t);
	if (!t)
		return false;
	for (size_t i = 0; i < s->slots4; i++) {
		if (!s->v4[i])
			continue;
		size_t j = hash_mix64(s->v4[i]) & (n - 1);
		while (t[j])
			j = (j + 1) & (n - 1);
		t[j] = s->v4[i];
	}
	free(s->v4);
	s->v4 = t;
	s->slots4 = n;
	return true;
}

static bool v6_grow(struct stats *s)
{
	size_t n = s->slots6 ? s->slots6 * 2 : 256;
	struct stats_v6key *t = calloc(n, sizeof *t);
	if (!t)
		return false;
	for (size_t i = 0; i < s->slots6; i++) {
		if (!s->v6[i].used)
			continue;
		size_t j = v6_hash(&s->v6[i]) & (n - 1);
		while (t[j].used)
			j = (j + 1) & (n - 1);
		t[j] = s->v6[i];
	}
	free(s->v6);
	s->v6 = t;
	s->slots6 = n;
	return true;
}

static void add_v4(struct stats *s, const struct prefix *p)
{
	if ((s->n4 + 1) * 2 > s->slots4 && !v4_grow(s)) {
		s->oom = true;
		return;
	}
	uint64_t k = v4_key(p);
	size_t j = hash_mix64(k) & (s->slots4 - 1);
	for (; s->v4[j]; j = (j + 1) & (s->slots4 - 1))
		if (s->v4[j] == k)
			return;
	s->v4[j] = k;
	s->n4++;
}

static void add_v6(struct stats *s, const struct prefix *p)
{
	if ((s->n6 + 1) * 2 > s->slots6 && !v6_grow(s)) {
		s->oom = true;
		return;
	}
	struct stats_v6key k = v6_key(p);
	size_t j = v6_hash(&k) & (s->slots6 - 1);
	for (; s->v6[j].used; j = (j + 1) & (s->slots6 - 1))
		if (s->v6[j].hi == k.hi && s->v6[j].lo == k.lo && s->v6[j].len == k.len)
			return;
	s->v6[j] = k;
	s->n6++;
}

void stats_elem(struct stats *s, const struct elem *e)
{
	if ((unsigned)e->type < 4)
		s->elems[e->type]++;
	peers_elem(&s->peers, e);
	if (s->peers.oom)
		s->oom = true;
	if (e->type == ELEM_STATE)
		return;
	if (e->prefix.addr.afi == AFI_IPV4)
		add_v4(s, &e->prefix);
	else if (e->prefix.addr.afi == AFI_IPV6)
		add_v6(s, &e->prefix);
}

static int cmp_addr(const void *a, const void *b)
{
	const struct addr *x = a, *y = b;
	if (x->afi != y->afi)
		return x->afi < y->afi ? -1 : 1;
	return memcmp(x->b, y->b, sizeof x->b);
}

size_t stats_peer_addresses(const struct stats *s)
{
	size_t n = s->peers.vt.n;
	if (n < 2)
		return n;
	struct addr *a = malloc(n * sizeof *a);
	if (!a)
		return 0;
	for (size_t i = 0; i < n; i++)
		a[i] = peers_vp(&s->peers, i)->ip;
	qsort(a, n, sizeof *a, cmp_addr);
	size_t d = 1;
	for (size_t i = 1; i < n; i++)
		if (cmp_addr(&a[i - 1], &a[i]) != 0)
			d++;
	free(a);
	return d;
}
