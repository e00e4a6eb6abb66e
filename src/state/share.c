/*
 * share.c — union of target prefixes in /24 units, and the visible share.
 * Never: allocates except when new targets appear; prints.
 */
#include "state/share.h"
#include "decode/vec.h"

#include <stdlib.h>
#include <string.h>

const char *share_weight_name(enum share_weight w)
{
	return w == SHARE_PREFIXES ? "prefixes" : "space";
}

static uint64_t be_bits(const uint8_t *b, unsigned n)
{
	uint64_t x = 0;
	for (unsigned i = 0; i < n; i++)
		x = x << 8 | b[i];
	return x;
}

void share_acc_add(struct share_acc *a, const struct prefix *p)
{
	int f = p->addr.afi == AFI_IPV6;
	uint64_t start, span;
	if (!f) {
		start = be_bits(p->addr.b, 4);
		span = (uint64_t)1 << (32 - (p->len > 32 ? 32 : p->len));
	} else {
		start = be_bits(p->addr.b, 8);                /* in /64s */
		span = p->len >= 64 ? 1 : p->len == 0 ? UINT64_MAX : (uint64_t)1 << (64 - p->len);
	}
	/* Prefixes nest or are disjoint; in address order a prefix starting
	 * inside the last one counted lies inside it. */
	if (a->any[f] && start < a->end[f])
		return;
	a->units[f] += span;
	a->end[f] = start > UINT64_MAX - span ? UINT64_MAX : start + span;
	a->any[f] = true;
}

double share_acc_slash24(const struct share_acc *a)
{
	return (double)a->units[0] / 256.0 + (double)a->units[1] / 65536.0;
}

void share_init(struct share *s)
{
	memset(s, 0, sizeof *s);
}

void share_free(struct share *s)
{
	free(s->sorted);
	memset(s, 0, sizeof *s);
}

/* Sorting in place (no temporary buffer: scan sorts every prefix of a full
 * table once, at the peak of memory): an introsort-free quicksort with the
 * median of three, insertion sort for short runs, recursion on the shorter
 * side so the stack stays logarithmic. */
static int pcmp(const struct rib *r, uint32_t x, uint32_t y)
{
	return prefix_cmp(&r->pfx[x], &r->pfx[y]);
}

static void swap_u32(uint32_t *a, uint32_t *b)
{
	uint32_t t = *a;
	*a = *b;
	*b = t;
}

static void qsort_idx(const struct rib *r, uint32_t *a, size_t n)
{
	while (n > 16) {
		size_t m = n / 2;
		if (pcmp(r, a[m], a[0]) < 0)
			swap_u32(&a[m], &a[0]);
		if (pcmp(r, a[n - 1], a[0]) < 0)
			swap_u32(&a[n - 1], &a[0]);
		if (pcmp(r, a[n - 1], a[m]) < 0)
			swap_u32(&a[n - 1], &a[m]);
		uint32_t pivot = a[m];
		size_t i = 0, j = n - 1;
		for (;;) {
			while (pcmp(r, a[i], pivot) < 0)
				i++;
			while (pcmp(r, pivot, a[j]) < 0)
				j--;
			if (i >= j)
				break;
			swap_u32(&a[i], &a[j]);
			i++;
			j--;
		}
		size_t left = j + 1;
		if (left < n - left) {
			qsort_idx(r, a, left);
			a += left;
			n -= left;
		} else {
			qsort_idx(r, a + left, n - left);
			n = left;
		}
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && pcmp(r, a[j], a[j - 1]) < 0; j--)
			swap_u32(&a[j], &a[j - 1]);
}

void share_sort_prefixes(const struct rib *r, uint32_t *idx, size_t n)
{
	qsort_idx(r, idx, n);
}

double share_units(const struct prefix *p)
{
	if (p->addr.afi != AFI_IPV6)
		return p->len <= 24 ? (double)((uint32_t)1 << (24 - p->len))
		                    : 1.0 / (double)((uint32_t)1 << (p->len - 24));
	if (p->len <= 48)
		return (double)((uint64_t)1 << (48 - p->len));
	return 1.0 / (double)((uint32_t)1 << ((p->len > 64 ? 64 : p->len) - 48));
}

/* Takes in targets that appeared since the last call. */
static bool add_targets(struct share *s, const struct vis *v)
{
	if (s->n == v->ntargets)
		return false;
	if (v->ntargets > s->cap) {
		uint32_t *p = vec_grow(s->sorted, &s->cap, v->ntargets, sizeof *p, 64);
		if (!p) {
			s->oom = true;
			return false;
		}
		s->sorted = p;
	}
	memcpy(s->sorted + s->n, v->targets + s->n, (v->ntargets - s->n) * sizeof *s->sorted);
	s->n = v->ntargets;
	share_sort_prefixes(&v->rib, s->sorted, s->n);
	share_acc_init(&s->all);
	for (size_t i = 0; i < s->n; i++)
		share_acc_add(&s->all, &v->rib.pfx[s->sorted[i]]);
	return true;
}

void share_update(struct share *s, const struct vis *v)
{
	bool grown = add_targets(s, v);
	if (s->valid && !grown && s->seen == v->changes)
		return;
	share_acc_init(&s->vis);
	share_acc_init(&s->known);
	for (size_t i = 0; i < s->n; i++) {
		uint8_t f = v->flags[s->sorted[i]];
		if (f & VIS_F_EFF)
			share_acc_add(&s->vis, &v->rib.pfx[s->sorted[i]]);
		if (!(f & VIS_F_EUNK))
			share_acc_add(&s->known, &v->rib.pfx[s->sorted[i]]);
	}
	s->seen = v->changes;
	s->valid = true;
}

/* The known part of the target and the unknown rest, by weight w. */
static void known_parts(const struct share *s, const struct vis *v, enum share_weight w,
                        double *known, double *unknown)
{
	if (w == SHARE_PREFIXES) {
		*known = (double)(v->ntargets - v->nundecided);
		*unknown = (double)v->nundecided;
		return;
	}
	*known = share_acc_slash24(&s->known);
	*unknown = share_acc_slash24(&s->all) - *known;
}

double share_value(const struct share *s, const struct vis *v, enum share_weight w)
{
	double known, unknown;
	known_parts(s, v, w, &known, &unknown);
	if (!(known > 0))
		return 0;
	return (w == SHARE_PREFIXES ? (double)v->nvisible : share_acc_slash24(&s->vis)) / known;
}

bool share_decided(const struct share *s, const struct vis *v, enum share_weight w)
{
	double known, unknown;
	known_parts(s, v, w, &known, &unknown);
	return vis_decided(known, unknown);
}
