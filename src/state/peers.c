/*
 * peers.c — per vantage point accounting over the shared registry
 * (vantage.h). Owns: the counters and the report order. Never: prints;
 * allocates only when a vantage point is first seen.
 */
#include "state/peers.h"
#include "decode/sort.h"
#include "decode/vec.h"

#include <stdlib.h>
#include <string.h>

void peers_init(struct peers *p, double full_feed)
{
	memset(p, 0, sizeof *p);
	vantage_init(&p->vt);
	p->full_feed = full_feed;
}

void peers_free(struct peers *p)
{
	vantage_free(&p->vt);
	free(p->cnt);
	memset(p, 0, sizeof *p);
}

/* The counters of vantage point i, grown with the registry; NULL on OOM. */
static struct peer_count *count_of(struct peers *p, uint32_t i)
{
	if (i >= p->capcnt) {
		size_t old = p->capcnt;
		struct peer_count *c = vec_grow(p->cnt, &p->capcnt, (size_t)i + 1, sizeof *c, 32);
		if (!c)
			return NULL;
		memset(c + old, 0, (p->capcnt - old) * sizeof *c);
		p->cnt = c;
	}
	return &p->cnt[i];
}

void peers_elem(struct peers *p, const struct elem *e)
{
	uint32_t i = vantage_get(&p->vt, e->collector, &e->peer_ip, e->peer_as, e->ts);
	struct peer_count *k = i == VANTAGE_NONE ? NULL : count_of(p, i);
	if (!k) {
		p->oom = true;
		return;
	}
	switch (e->type) {
	case ELEM_RIB:
		/* Table sizes are of unicast tables, as visibility counts them. */
		if (e->safi != SAFI_MULTICAST) {
			vantage_dump_entry(&p->vt, i, e->prefix.addr.afi, e->source, e->ts);
			k->rib_entries++;
		}
		break;
	case ELEM_ANNOUNCE:
		k->announces++;
		break;
	case ELEM_WITHDRAW:
		k->withdraws++;
		break;
	case ELEM_STATE:
		k->state_changes++;
		break;
	}
	if (p->vt.oom)
		p->oom = true;
}

void peers_source_end(struct peers *p, uint32_t src, bool damaged)
{
	uint32_t col = vantage_source_end(&p->vt, src, damaged);
	if (col != VANTAGE_NONE)
		vantage_take(&p->vt, col);
}

bool peers_has_table(const struct peers *p, size_t i)
{
	return vantage_has_table(&p->vt, i);
}

enum peer_full peers_full_feed(const struct peers *p, size_t i, int f)
{
	uint32_t max[2];
	vantage_max_tables(&p->vt, max);
	switch (vantage_feed(&p->vt, i, f, p->full_feed, max)) {
	case VANTAGE_FULL:
		return PEER_FULL_YES;
	case VANTAGE_PARTIAL:
		return PEER_FULL_NO;
	default:
		return PEER_FULL_UNKNOWN;
	}
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
	const struct vantage_vp *x = peers_vp(sort_p, *(const uint32_t *)a);
	const struct vantage_vp *y = peers_vp(sort_p, *(const uint32_t *)b);
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
	size_t n = p->vt.n;
	uint32_t *idx = malloc((n ? n : 1) * sizeof *idx);
	if (!idx)
		return NULL;
	for (size_t i = 0; i < n; i++)
		idx[i] = (uint32_t)i;
	sort_p = p;
	sort_names = names;
	sort_nnames = nnames;
	sort_array(idx, n, sizeof *idx, cmp_vp);
	return idx;
}
