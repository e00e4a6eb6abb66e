/*
 * origins.c — per (prefix, origin) visibility and windows over the routes'
 * origins that rib.c keeps (semantics in origins.h).
 * Never: prints; allocates only when a prefix, an origin of a prefix, a
 * window or a chart point appears.
 */
#include "state/origins.h"
#include "decode/vec.h"

#include <stdlib.h>
#include <string.h>

void origins_init(struct origins *o)
{
	memset(o, 0, sizeof *o);
}

void origins_free(struct origins *o)
{
	free(o->head);
	free(o->e);
	free(o->w);
	free(o->changed_mark);
	free(o->changed);
	free(o->sorted);
	free(o->pt);
	memset(o, 0, sizeof *o);
}

/* Grows *p (of *cap elements of size sz) to hold n; new room zeroed. */
static bool grow(void *pp, size_t *cap, size_t n, size_t sz)
{
	void **p = pp;
	if (n <= *cap)
		return true;
	size_t old = *cap;
	void *x = vec_grow(*p, cap, n, sz, 64);
	if (!x)
		return false;
	memset((char *)x + old * sz, 0, (*cap - old) * sz);
	*p = x;
	return true;
}

/* ---- counting ----------------------------------------------------------- */

static int fam(const struct vis *v, uint32_t p)
{
	return v->rib.pfx[p].addr.afi == AFI_IPV6;
}

void origins_count(const struct vis *v, uint32_t p,
                   void (*fn)(uint32_t origin, uint32_t any, uint32_t full, void *arg), void *arg)
{
	const struct rib *r = &v->rib;
	if (!r->org)
		return;
	const uint64_t *row = rib_row(r, p), *full = v->full[fam(v, p)];
	if (ro_single(r->org, p)) {
		/* One origin for every route: the prefix's counts are the origin's. */
		uint32_t sf, nf, sa, c = RO_NONE;
		vis_counts(v, p, &sf, &nf, &sa);
		for (size_t k = 0; k < r->words && c == RO_NONE; k++)
			if (row[k])
				c = ro_get(r->org, p, (uint32_t)(k * 64 + (size_t)__builtin_ctzll(row[k])));
		if (c != RO_NONE)
			fn(c, sa, sf, arg);
		return;
	}
	struct { uint32_t origin, any, full; } acc[256];
	size_t n = 0;
	/* unknown routes are left out, as vis_counts leaves them out */
	const uint64_t *unk = rib_unk_row(r, p);
	for (size_t k = 0; k < r->words; k++)
		for (uint64_t w = unk ? row[k] & ~unk[k] : row[k]; w; w &= w - 1) {
			unsigned b = (unsigned)__builtin_ctzll(w);
			uint32_t c = ro_get(r->org, p, (uint32_t)(k * 64 + b));
			if (c == RO_NONE)
				continue;
			size_t i = 0;
			while (i < n && acc[i].origin != c)
				i++;
			if (i == n) {
				if (n == sizeof acc / sizeof acc[0])
					continue;            /* more origins than a prefix can hold */
				acc[n].origin = c;
				acc[n].any = acc[n].full = 0;
				n++;
			}
			acc[i].any++;
			if (k < v->fullwords && ((full[k] >> b) & 1))
				acc[i].full++;
		}
	for (size_t i = 0; i < n; i++)
		fn(acc[i].origin, acc[i].any, acc[i].full, arg);
}

/* ---- entries ------------------------------------------------------------ */

static bool fit_prefix(struct origins *o, const struct vis *v)
{
	size_t had = o->nhead;
	size_t need = v->rib.npfx;
	if (need <= had)
		return true;
	if (!grow(&o->head, &o->nhead, need, sizeof *o->head))
		return false;
	for (size_t i = had; i < o->nhead; i++)
		o->head[i] = OR_NONE;
	size_t capm = had;
	return grow(&o->changed_mark, &capm, o->nhead, 1);
}

/* The entry of (p, origin), added when new; OR_NONE on OOM. */
static uint32_t entry(struct origins *o, uint32_t p, uint32_t origin)
{
	uint32_t *link = &o->head[p];
	while (*link != OR_NONE) {
		if (o->e[*link].origin == origin)
			return *link;
		link = &o->e[*link].next;
	}
	if (!grow(&o->e, &o->cape, o->ne + 1, sizeof *o->e))
		return OR_NONE;
	if (o->head[p] == OR_NONE &&
	    !grow(&o->sorted, &o->capsorted, o->nall + 1, sizeof *o->sorted))
		return OR_NONE;
	if (o->head[p] == OR_NONE)
		o->sorted[o->nall++] = p;            /* indexed once, on its first entry */
	link = &o->head[p];                      /* e may have moved */
	while (*link != OR_NONE)
		link = &o->e[*link].next;
	uint32_t i = (uint32_t)o->ne++;
	o->e[i] = (struct or_entry){ .origin = origin, .next = OR_NONE, .win = OR_NONE };
	*link = i;
	return i;
}

struct count_ctx {
	struct origins *o;
	uint32_t p;
};

static void take_count(uint32_t origin, uint32_t any, uint32_t full, void *arg)
{
	struct count_ctx *x = arg;
	uint32_t i = entry(x->o, x->p, origin);
	if (i == OR_NONE) {
		x->o->oom = true;
		return;
	}
	x->o->e[i].any = any;
	x->o->e[i].full = full;
}

static void mark_changed(struct origins *o, uint32_t p)
{
	if (o->changed_mark[p])
		return;
	if (!grow(&o->changed, &o->capchanged, o->nchanged + 1, sizeof *o->changed)) {
		o->oom = true;
		return;
	}
	o->changed_mark[p] = 1;
	o->changed[o->nchanged++] = p;
}

static void add_point(struct origins *o, uint32_t ts, uint32_t i, uint32_t any)
{
	if (o->npt > 0 && o->pt[o->npt - 1].entry == i && o->pt[o->npt - 1].ts == ts) {
		o->pt[o->npt - 1].any = any;         /* the last state of a second counts */
		return;
	}
	if (!grow(&o->pt, &o->cappt, o->npt + 1, sizeof *o->pt)) {
		o->oom = true;
		return;
	}
	o->pt[o->npt++] = (struct or_point){ ts, i, any };
}

static void open_window(struct origins *o, const struct vis *v, uint32_t p, uint32_t i)
{
	if (!grow(&o->w, &o->capw, o->nw + 1, sizeof *o->w)) {
		o->oom = true;
		return;
	}
	struct or_entry *e = &o->e[i];
	o->w[o->nw] = (struct or_window){
		.prefix = p, .origin = e->origin, .start = v->now, .end = v->now,
		.cover = OR_NONE, .cover_origin = RO_NONE, .peak_vps = e->any, .peak_full = e->full,
	};
	e->win = (uint32_t)o->nw++;
}

/* nfull: the denominator the decision used, the full-feed vantage points
 * of p's family whose route to p is known (vis_counts_decided). */
static void emit(struct origins *o, const struct vis *v, uint32_t p, const struct or_entry *e,
                 uint32_t nfull)
{
	if (!o->on_change)
		return;
	struct or_change c = {
		.ts = v->now, .prefix = p, .origin = e->origin, .visible = e->visible,
		.seen_full = e->full, .nfull = nfull, .seen_any = e->any,
	};
	o->on_change(v, &c, o->arg);
}

void origins_decide(struct origins *o, const struct vis *v, uint32_t p)
{
	if (!v->rib.org)
		return;
	if (!fit_prefix(o, v)) {
		o->oom = true;
		return;
	}
	uint32_t before[256];
	size_t nb = 0;
	for (uint32_t i = o->head[p]; i != OR_NONE; i = o->e[i].next) {
		if (nb < 256)
			before[nb++] = o->e[i].any;
		o->e[i].any = o->e[i].full = 0;
	}
	struct count_ctx x = { o, p };
	origins_count(v, p, take_count, &x);

	bool target = v->flags[p] & VIS_F_TARGET;
	/* the denominator: full-feed vantage points whose routes are known;
	 * with fewer than half of them known nothing is visible (the prefix's
	 * own unknown rule: the pairs share its denominator) */
	uint32_t seen_full, nfull, seen_any;
	bool decided = vis_counts_decided(v, p, &seen_full, &nfull, &seen_any);
	size_t k = 0;
	for (uint32_t i = o->head[p]; i != OR_NONE; i = o->e[i].next, k++) {
		struct or_entry *e = &o->e[i];
		bool vis = decided && vis_rule_ok(&v->cfg.rule, e->full, nfull, e->any);
		uint32_t was = k < nb ? before[k] : 0;
		if (o->keep_points && target && e->any != was)
			add_point(o, v->now, i, e->any);
		if (vis != e->visible) {
			e->visible = vis;
			mark_changed(o, p);
			if (target)
				emit(o, v, p, e, nfull);
		}
		if (target && vis && e->win == OR_NONE) {
			open_window(o, v, p, i);     /* also a covering route turned target */
			mark_changed(o, p);
		} else if (!vis && e->win != OR_NONE) {
			o->w[e->win].end = v->now;
			e->win = OR_NONE;
		}
		if (e->win != OR_NONE) {
			struct or_window *w = &o->w[e->win];
			if (e->any > w->peak_vps)
				w->peak_vps = e->any;
			if (e->full > w->peak_full)
				w->peak_full = e->full;
		}
	}
}

/* ---- flags -------------------------------------------------------------- */

/* The most specific tracked prefix strictly covering p that is visible
 * with an origin other than origin (*qorigin: that origin); OR_NONE. */
static uint32_t find_cover(const struct origins *o, const struct vis *v, uint32_t p,
                           uint32_t origin, uint32_t *qorigin)
{
	struct prefix q = v->rib.pfx[p];
	while (q.len > 0) {
		q.len--;
		addr_mask(&q.addr, q.len);
		uint32_t i = rib_find(&v->rib, &q);
		if (i == RIB_NONE || i >= o->nhead)
			continue;
		for (uint32_t k = o->head[i]; k != OR_NONE; k = o->e[k].next)
			if (o->e[k].visible && o->e[k].origin != origin) {
				*qorigin = o->e[k].origin;
				return i;
			}
	}
	return OR_NONE;
}

static void check_flags(struct origins *o, const struct vis *v, uint32_t p)
{
	uint32_t nvis = 0;
	for (uint32_t i = o->head[p]; i != OR_NONE; i = o->e[i].next)
		nvis += o->e[i].visible;
	for (uint32_t i = o->head[p]; i != OR_NONE; i = o->e[i].next) {
		if (o->e[i].win == OR_NONE)
			continue;
		struct or_window *w = &o->w[o->e[i].win];
		if (nvis >= 2)
			w->moas = true;
		if (w->cover == OR_NONE)
			w->cover = find_cover(o, v, p, w->origin, &w->cover_origin);
	}
}

/* Bottom-up merge sort of prefix indices a[0..n) by prefix order. */
static bool sort_prefixes(uint32_t *a, size_t n, const struct prefix *pfx)
{
	uint32_t *tmp = malloc((n ? n : 1) * sizeof *tmp), *src = a, *dst = tmp;
	if (!tmp)
		return false;
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				dst[k++] = prefix_cmp(&pfx[src[j]], &pfx[src[i]]) < 0 ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		uint32_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
	free(tmp);
	return true;
}

/* Folds the recent, unsorted prefixes into the sorted index when there are
 * many of them; a few are scanned one by one. */
static void index_prefixes(struct origins *o, const struct vis *v)
{
	size_t recent = o->nall - o->nsorted;
	if (recent <= 64 && recent * 8 <= o->nsorted)
		return;
	if (!sort_prefixes(o->sorted, o->nall, v->rib.pfx)) {
		o->oom = true;
		return;
	}
	o->nsorted = o->nall;
}

/* First position in the sorted index whose prefix is not below p. */
static size_t lower(const struct origins *o, const struct vis *v, const struct prefix *p)
{
	size_t lo = 0, hi = o->nsorted;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (prefix_cmp(&v->rib.pfx[o->sorted[mid]], p) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void origins_tick(struct origins *o, const struct vis *v)
{
	if (o->nchanged == 0)
		return;
	index_prefixes(o, v);
	for (size_t c = 0; c < o->nchanged; c++) {
		uint32_t p = o->changed[c];
		const struct prefix *q = &v->rib.pfx[p];
		check_flags(o, v, p);
		/* p may cover other prefixes: their flags may have changed too. */
		for (size_t i = lower(o, v, q); i < o->nsorted; i++) {
			uint32_t x = o->sorted[i];
			if (!prefix_contains(q, &v->rib.pfx[x]))
				break;
			if (x != p)
				check_flags(o, v, x);
		}
		for (size_t i = o->nsorted; i < o->nall; i++) {
			uint32_t x = o->sorted[i];
			if (x != p && prefix_contains(q, &v->rib.pfx[x]))
				check_flags(o, v, x);
		}
	}
	for (size_t c = 0; c < o->nchanged; c++)
		o->changed_mark[o->changed[c]] = 0;
	o->nchanged = 0;
}

void origins_finish(struct origins *o, const struct vis *v)
{
	for (size_t i = 0; i < o->ne; i++)
		if (o->e[i].win != OR_NONE) {
			o->w[o->e[i].win].end = v->now;
			o->w[o->e[i].win].ongoing = true;
		}
}

/* ---- order -------------------------------------------------------------- */

static int cmp_window(const struct or_window *a, const struct or_window *b,
                      const struct prefix *pfx)
{
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	int c = prefix_cmp(&pfx[a->prefix], &pfx[b->prefix]);
	if (c)
		return c;
	return a->origin < b->origin ? -1 : a->origin > b->origin;
}

void origins_sort(struct origins *o, const struct vis *v)
{
	/* Insertion sort: windows come nearly in start order already. Open
	 * windows' entries point at them: they are not needed after sorting. */
	for (size_t i = 1; i < o->nw; i++) {
		struct or_window x = o->w[i];
		size_t j = i;
		while (j > 0 && cmp_window(&o->w[j - 1], &x, v->rib.pfx) > 0) {
			o->w[j] = o->w[j - 1];
			j--;
		}
		o->w[j] = x;
	}
	for (size_t i = 0; i < o->ne; i++)
		o->e[i].win = OR_NONE;
}
