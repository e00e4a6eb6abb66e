/*
 * visibility.c — full-feed selection, visibility rules and covering routes
 * over the presence bitsets of rib.c (semantics in visibility.h).
 * Never: prints; allocates only when a new prefix or vantage point appears.
 */
#include "state/visibility.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/bgp.h"
#include "decode/vec.h"

/* ---- rules -------------------------------------------------------------- */

void vis_rule_describe(const struct vis_rule *r, bool covering, char *dst, size_t len)
{
	const char *cov = covering ? ", or covered by a visible less-specific route" : "";
	switch (r->kind) {
	case VIS_ANY:
		snprintf(dst, len, "visible = seen by any vantage point%s", cov);
		break;
	case VIS_COUNT:
		snprintf(dst, len, "visible = seen by at least %u full-feed vantage point%s%s",
		         r->count, r->count == 1 ? "" : "s", cov);
		break;
	case VIS_FRACTION:
		if (r->fraction == 0.5)
			snprintf(dst, len, "visible = seen by at least half of the full-feed vantage points%s", cov);
		else
			snprintf(dst, len, "visible = seen by at least %g%% of the full-feed vantage points%s",
			         r->fraction * 100, cov);
		break;
	}
}

bool vis_rule_ok(const struct vis_rule *r, uint32_t seen_full, uint32_t nfull, uint32_t seen_any)
{
	switch (r->kind) {
	case VIS_ANY:
		return seen_any > 0;
	case VIS_COUNT:
		return seen_full >= r->count;
	case VIS_FRACTION:
		/* small epsilon: 0.5 of 7 is 3.5 -> 4 needed, exactly half of 8 is 4 */
		return seen_full > 0 && (double)seen_full + 1e-9 >= r->fraction * (double)nfull;
	}
	return false;
}

/* ---- setup -------------------------------------------------------------- */

bool vis_init(struct vis *v, const struct vis_config *cfg, const struct vis_hooks *hooks)
{
	memset(v, 0, sizeof *v);
	v->last_idx = RIB_NONE;
	v->last_vp = RIB_NONE;
	rib_init(&v->rib);
	v->cfg = *cfg;
	const struct targets *t = cfg->targets;
	v->far_possible = t && !targets_all(t) && t->norigins == 0;
	v->far_covering = cfg->covering || cfg->track_cover;
	if (v->far_possible && t->blocks) {
		v->far_blocks[0] = t->blocks + TARGETS_BLOCK_WORDS;
		v->far_blocks[1] = t->blocks;
	}
	if (cfg->origins)
		rib_track_origins(&v->rib);
	if (hooks)
		v->hooks = *hooks;
	return !v->rib.oom;
}

void vis_free(struct vis *v)
{
	rib_free(&v->rib);
	free(v->flags);
	free(v->targets);
	free(v->sorted);
	free(v->dirty);
	free(v->full[0]);
	free(v->full[1]);
	free(v->gev);
	free(v->vpx);
	free(v->colx);
	memset(v, 0, sizeof *v);
}

/* The full-feed masks follow the width of the rib's bitsets. */
static bool fit_masks(struct vis *v)
{
	size_t w = v->rib.words;
	if (v->fullwords == w)
		return true;
	for (int f = 0; f < 2; f++) {
		uint64_t *m = realloc(v->full[f], w * sizeof *m);
		if (!m)
			return false;
		memset(m + v->fullwords, 0, (w - v->fullwords) * sizeof *m);
		v->full[f] = m;
	}
	v->fullwords = w;
	return true;
}

static int fam(uint8_t afi)
{
	return afi == AFI_IPV6;
}

/* Recomputes the full-feed masks from table sizes (and the fallback). */
static void compute_full(struct vis *v)
{
	if (!fit_masks(v)) {
		v->rib.oom = true;
		return;
	}
	const struct vantage *vt = &v->rib.vt;
	uint32_t max[2];
	vantage_max_tables(vt, max);
	for (int f = 0; f < 2; f++) {
		memset(v->full[f], 0, v->fullwords * sizeof(uint64_t));
		v->nfull[f] = 0;
		for (size_t i = 0; i < vt->n; i++) {
			enum vantage_feed feed = vantage_feed(vt, i, f, v->cfg.full_feed, max);
			/* Without table sizes every vantage point seen counts. */
			bool full = feed != VANTAGE_PARTIAL;
			if (full) {
				v->full[f][i / 64] |= (uint64_t)1 << (i % 64);
				v->nfull[f]++;
			}
		}
	}
}

bool vis_known(const struct vis *v)
{
	if (v->nfull[0] + v->nfull[1] == 0)
		return false;
	if (v->ntargets > 0)
		return true;
	for (size_t c = 0; c < v->rib.vt.ncols; c++)
		if (v->rib.vt.cols[c].had_dump)
			return true;
	return false;
}

/* vis_counts, and the full-feed vantage points whose route is unknown. */
static uint32_t counts(const struct vis *v, uint32_t p, uint32_t *seen_full, uint32_t *nfull,
                       uint32_t *seen_any)
{
	int f = fam(v->rib.pfx[p].addr.afi);
	const uint64_t *row = rib_row(&v->rib, p), *unk = rib_unk_row(&v->rib, p);
	uint32_t sf = 0, sa = 0, nf = 0, uf = 0;
	if (!unk) {
		for (size_t k = 0; k < v->rib.words; k++) {
			sa += (uint32_t)__builtin_popcountll(row[k]);
			if (k < v->fullwords)
				sf += (uint32_t)__builtin_popcountll(row[k] & v->full[f][k]);
		}
		*seen_full = sf;
		*nfull = v->nfull[f];
		*seen_any = sa;
		return 0;
	}
	/* Unknown routes are left out of the counts and of the denominator. */
	for (size_t k = 0; k < v->rib.words; k++) {
		uint64_t known = row[k] & ~unk[k];
		sa += (uint32_t)__builtin_popcountll(known);
		if (k < v->fullwords) {
			sf += (uint32_t)__builtin_popcountll(known & v->full[f][k]);
			nf += (uint32_t)__builtin_popcountll(v->full[f][k] & ~unk[k]);
			uf += (uint32_t)__builtin_popcountll(v->full[f][k] & unk[k]);
		}
	}
	*seen_full = sf;
	*nfull = nf;
	*seen_any = sa;
	return uf;
}

void vis_counts(const struct vis *v, uint32_t p, uint32_t *seen_full, uint32_t *nfull, uint32_t *seen_any)
{
	counts(v, p, seen_full, nfull, seen_any);
}

bool vis_counts_decided(const struct vis *v, uint32_t p, uint32_t *seen_full, uint32_t *nfull,
                        uint32_t *seen_any)
{
	uint32_t uf = counts(v, p, seen_full, nfull, seen_any);
	/* Decided only while at least half of its full-feed vantage points'
	 * routes are known: fewer would let one proven route decide it. */
	return vis_decided((double)*nfull, (double)uf);
}

bool vis_dark_undecided(const struct vis *v, uint32_t p)
{
	uint32_t sf, nf, sa;
	uint32_t uf = counts(v, p, &sf, &nf, &sa);
	if (uf == 0)
		return false;
	if (!vis_decided((double)nf, (double)uf))
		return true;                     /* unknown (update_own's rule) */
	return !vis_rule_ok(&v->cfg.rule, sf, nf, sa) &&
	       vis_rule_ok(&v->cfg.rule, sf + uf, nf + uf, sa + uf);
}

void vis_target_holders(const struct vis *v, uint32_t *any, uint32_t *full, uint32_t *nfull)
{
	uint32_t a = 0, fl = 0, nf = 0;
	bool fams[2] = { false, false };
	for (size_t i = 0; i < v->ntargets; i++)
		fams[fam(v->rib.pfx[v->targets[i]].addr.afi)] = true;
	for (size_t k = 0; k < v->rib.words; k++) {
		uint64_t w = 0, m = 0, known = 0;
		for (size_t i = 0; i < v->ntargets; i++) {
			const uint64_t *unk = rib_unk_row(&v->rib, v->targets[i]);
			w |= rib_row(&v->rib, v->targets[i])[k] & (unk ? ~unk[k] : ~(uint64_t)0);
			known |= unk ? ~unk[k] : ~(uint64_t)0;
		}
		a += (uint32_t)__builtin_popcountll(w);
		if (k < v->fullwords) {
			/* vantage points whose routes to every target are unknown do not count */
			for (int f = 0; f < 2; f++)
				if (fams[f])
					m |= v->full[f][k] & known;
			fl += (uint32_t)__builtin_popcountll(w & m);
			nf += (uint32_t)__builtin_popcountll(m);
		}
	}
	*any = a;
	*full = fl;
	*nfull = nf;
}

uint32_t vis_nfull_targets(const struct vis *v)
{
	uint32_t n = 0;
	for (size_t k = 0; k < v->fullwords; k++) {
		uint64_t m = 0;
		for (int f = 0; f < 2; f++)
			if (v->target_fam[f])
				m |= v->full[f][k];
		n += (uint32_t)__builtin_popcountll(m);
	}
	return n;
}

uint64_t vis_target_word(const struct vis *v, size_t k)
{
	uint64_t w = 0;
	if (k >= v->rib.words)
		return 0;
	for (size_t i = 0; i < v->ntargets; i++) {
		const uint64_t *unk = rib_unk_row(&v->rib, v->targets[i]);
		w |= rib_row(&v->rib, v->targets[i])[k] & (unk ? ~unk[k] : ~(uint64_t)0);
	}
	return w;
}

void vis_vp_counts(const struct vis *v, uint32_t c, uint32_t *nvps, uint32_t nfull[2])
{
	uint32_t n = 0;
	nfull[0] = nfull[1] = 0;
	for (size_t i = 0; i < v->rib.vt.n; i++) {
		if (c != RIB_NONE && v->rib.vt.vps[i].collector != c)
			continue;
		n++;
		if (i / 64 >= v->fullwords)
			continue;
		for (int fam = 0; fam < 2; fam++)
			nfull[fam] += (v->full[fam][i / 64] >> (i % 64)) & 1;
	}
	*nvps = n;
}

/* ---- prefixes ----------------------------------------------------------- */

static bool fit_flags(struct vis *v)
{
	if (v->rib.npfx <= v->capflags)
		return true;
	size_t old = v->capflags;
	uint8_t *f = vec_grow(v->flags, &v->capflags, v->rib.npfx, 1, 64);
	if (!f)
		return false;
	memset(f + old, 0, v->capflags - old);
	v->flags = f;
	return true;
}

/* First position in v->sorted whose prefix is not below p. */
static size_t sorted_lower(const struct vis *v, const struct prefix *p)
{
	size_t lo = 0, hi = v->ntargets;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (prefix_cmp(&v->rib.pfx[v->sorted[mid]], p) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void mark_dirty(struct vis *v, uint32_t p);

static uint32_t track(struct vis *v, const struct prefix *p, bool target)
{
	uint32_t i = rib_add(&v->rib, p);
	if (i == RIB_NONE)
		return RIB_NONE;
	if (!fit_flags(v)) {
		v->rib.oom = true;
		return RIB_NONE;
	}
	if (target && !(v->flags[i] & VIS_F_TARGET)) {
		if (v->ntargets == v->captargets) {
			size_t cap = v->captargets ? v->captargets * 2 : 64;
			uint32_t *t = realloc(v->targets, cap * sizeof *t);
			if (!t) {
				v->rib.oom = true;
				return RIB_NONE;
			}
			v->targets = t;
			if (v->cfg.covering) {
				uint32_t *so = realloc(v->sorted, cap * sizeof *so);
				if (!so) {
					v->rib.oom = true;
					return RIB_NONE;
				}
				v->sorted = so;
			}
			v->captargets = cap;
		}
		if (v->cfg.covering) {
			size_t at = sorted_lower(v, p);
			memmove(v->sorted + at + 1, v->sorted + at, (v->ntargets - at) * sizeof *v->sorted);
			v->sorted[at] = i;
		}
		v->targets[v->ntargets++] = i;
		v->target_fam[fam(p->addr.afi)] = true;
		v->flags[i] |= VIS_F_TARGET;
		if (v->flags[i] & VIS_F_UNK)
			v->nunknown++;
		/* A covering route turning target (its origin) may be visible
		 * already, with no route of it changing: decide it all the same. */
		mark_dirty(v, i);
	}
	return i;
}

/* The tracked prefix an element is about, adding it when it carries a route
 * and is (or covers) a target; RIB_NONE when it does not matter. */
static uint32_t lookup_uncached(struct vis *v, const struct elem *e);

static uint32_t lookup_near(struct vis *v, const struct elem *e) __attribute__((noinline));

/* Nearly every prefix is far from every target: said inline (one bit
 * test, mostly), as lookup_uncached would say it (RIB_NONE). Only prefixes
 * it calls targets are tracked as targets, so lookup_near's cache never
 * holds one of these. */
static inline uint32_t lookup(struct vis *v, const struct elem *e)
{
	return vis_far_from_targets(v, &e->prefix) ? RIB_NONE : lookup_near(v, e);
}

static uint32_t lookup_near(struct vis *v, const struct elem *e)
{
	/* A tracked prefix stays tracked, so the last answer can be reused
	 * while the same prefix comes again (a RIB dump lists every peer's
	 * route to one prefix in a row). */
	if (v->last_idx != RIB_NONE && e->prefix.len == v->last_pfx.len &&
	    memcmp(e->prefix.addr.b, v->last_pfx.addr.b, 16) == 0 &&
	    e->prefix.addr.afi == v->last_pfx.addr.afi &&
	    (v->flags[v->last_idx] & VIS_F_TARGET))
		return v->last_idx;
	uint32_t i = lookup_uncached(v, e);
	if (i != RIB_NONE) {
		v->last_pfx = e->prefix;
		v->last_idx = i;
	}
	return i;
}

static uint32_t lookup_uncached(struct vis *v, const struct elem *e)
{
	const struct targets *t = v->cfg.targets;
	bool carries = e->type != ELEM_WITHDRAW;

	if (!t || targets_all(t)) {
		uint32_t i = rib_find(&v->rib, &e->prefix);
		return i != RIB_NONE || !carries ? i : track(v, &e->prefix, true);
	}
	enum target_class c = targets_classify(t, &e->prefix, v->cfg.covering || v->cfg.track_cover);
	if (c == TGT_NONE && t->norigins == 0)
		return RIB_NONE;             /* the hot path: one binary search, no hashing */
	uint32_t i = rib_find(&v->rib, &e->prefix);
	if (!carries)
		return i;
	bool target = c == TGT_TARGET;
	if (!target && t->norigins && e->attrs &&
	    (i == RIB_NONE || !(v->flags[i] & VIS_F_TARGET)))
		target = targets_has_origin(t, as_path_origin(e->attrs->as_path));
	if (i != RIB_NONE && (!target || (v->flags[i] & VIS_F_TARGET)))
		return i;
	if (c == TGT_NONE && !target)
		return RIB_NONE;
	return track(v, &e->prefix, target);
}

static uint32_t counts(const struct vis *v, uint32_t p, uint32_t *seen_full, uint32_t *nfull,
                       uint32_t *seen_any);

static void emit_change(struct vis *v, uint32_t p, bool visible, bool flip)
{
	if (!v->hooks.on_change)
		return;
	struct vis_change c = { .ts = v->now, .prefix = p, .visible = visible,
	                        .unknown = !!(v->flags[p] & VIS_F_EUNK), .flip = flip };
	c.unk_full = counts(v, p, &c.seen_full, &c.nfull, &c.seen_any);
	v->hooks.on_change(v, &c, v->hooks.arg);
}

/* True when a tracked route strictly less specific than p is visible. */
static bool covered(const struct vis *v, uint32_t p)
{
	struct prefix q = v->rib.pfx[p];
	while (q.len > 0) {
		q.len--;
		addr_mask(&q.addr, q.len);
		uint32_t i = rib_find(&v->rib, &q);
		if (i != RIB_NONE && (v->flags[i] & VIS_F_OWN))
			return true;
	}
	return false;
}

static void update_eff(struct vis *v, uint32_t p)
{
	uint8_t f = v->flags[p];
	if (!(f & VIS_F_TARGET))
		return;
	bool eff = (f & VIS_F_OWN) || (v->cfg.covering && covered(v, p));
	/* its state: visible, or else unknown or dark */
	bool eunk = !eff && (f & VIS_F_UNK);
	bool flip = eff != !!(f & VIS_F_EFF);
	if (!flip && eunk == !!(f & VIS_F_EUNK))
		return;
	if (flip && eff) {
		v->flags[p] |= VIS_F_EFF;
		v->nvisible++;
	} else if (flip) {
		v->flags[p] &= (uint8_t)~VIS_F_EFF;
		v->nvisible--;
	}
	if (eunk != !!(f & VIS_F_EUNK)) {
		v->flags[p] ^= VIS_F_EUNK;
		if (eunk)
			v->nundecided++;
		else
			v->nundecided--;
	}
	v->changes++;
	emit_change(v, p, eff, flip);
}

/* Re-decides p's own visibility; returns true when it changed. */
static bool update_own(struct vis *v, uint32_t p)
{
	uint32_t sf, nf, sa;
	bool unk = !vis_counts_decided(v, p, &sf, &nf, &sa);
	bool own = !unk && vis_rule_ok(&v->cfg.rule, sf, nf, sa);
	if (unk != !!(v->flags[p] & VIS_F_UNK)) {
		v->flags[p] ^= VIS_F_UNK;
		if (v->flags[p] & VIS_F_TARGET) {
			if (unk)
				v->nunknown++;
			else
				v->nunknown--;
		}
	}
	if (v->hooks.on_decide)
		v->hooks.on_decide(v, p, v->hooks.arg);
	if (own == !!(v->flags[p] & VIS_F_OWN))
		return false;
	if (own)
		v->flags[p] |= VIS_F_OWN;
	else
		v->flags[p] &= (uint8_t)~VIS_F_OWN;
	return true;
}

/* After p's own visibility changed: p and the targets under it. */
static void propagate(struct vis *v, uint32_t p)
{
	update_eff(v, p);
	if (!v->cfg.covering)
		return;
	/* p may cover other targets: they may have gained or lost cover. Those
	 * under p are one run of the sorted targets, starting at p's place. */
	const struct prefix *q = &v->rib.pfx[p];
	for (size_t i = sorted_lower(v, q); i < v->ntargets; i++) {
		uint32_t t = v->sorted[i];
		if (!prefix_contains(q, &v->rib.pfx[t]))
			break;
		if (t != p)
			update_eff(v, t);
	}
}

static void update_all(struct vis *v)
{
	for (uint32_t p = 0; p < v->rib.npfx; p++)
		update_own(v, p);
	for (size_t i = 0; i < v->ntargets; i++)
		update_eff(v, v->targets[i]);
}

static void tick(struct vis *v)
{
	if (v->hooks.on_tick)
		v->hooks.on_tick(v, v->now, v->hooks.arg);
}

/* ---- elements ----------------------------------------------------------- */

/* ---- the unknown rules -------------------------------------------------- */

static bool fit_colx(struct vis *v, uint32_t c)
{
	if (c < v->ncolx)
		return true;
	size_t n = (size_t)c + 1;
	struct vis_colx *x = realloc(v->colx, n * sizeof *x);
	if (!x)
		return false;
	memset(x + v->ncolx, 0, (n - v->ncolx) * sizeof *x);
	v->colx = x;
	v->ncolx = n;
	return true;
}

static bool fit_vpx(struct vis *v, uint32_t vp)
{
	if (vp < v->capvpx)
		return true;
	size_t n = v->capvpx ? v->capvpx : 32;
	while (n <= vp)
		n *= 2;
	struct vis_vpx *x = realloc(v->vpx, n * sizeof *x);
	if (!x)
		return false;
	memset(x + v->capvpx, 0, (n - v->capvpx) * sizeof *x);
	v->vpx = x;
	v->capvpx = n;
	return true;
}

static int by_at(const void *pa, const void *pb)
{
	const struct vis_gap_event *a = pa, *b = pb;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return (int)a->start - (int)b->start;     /* a gap ending before the next starts */
}

static bool add_event(struct vis *v, uint32_t at, uint32_t ts, uint32_t c, bool start)
{
	if (v->ngev == v->capgev) {
		struct vis_gap_event *g = vec_grow(v->gev, &v->capgev, v->ngev + 1, sizeof *g, 16);
		if (!g)
			return false;
		v->gev = g;
	}
	v->gev[v->ngev++] = (struct vis_gap_event){ at, ts, c, start };
	return true;
}

bool vis_add_gap(struct vis *v, uint32_t collector, uint32_t from, uint32_t until)
{
	if (until <= from)
		return true;
	/* The gap begins after the last second of data before it (a RIB dump
	 * dated `from` is read first), and ends as its next data is read. */
	if (!fit_colx(v, collector) || !add_event(v, from + 1, from, collector, true) ||
	    !add_event(v, until, until, collector, false))
		return false;
	qsort(v->gev, v->ngev, sizeof *v->gev, by_at);
	return true;
}

bool vis_add_plan(struct vis *v, const struct coverage *plan)
{
	for (size_t i = 0; i < coverage_ngaps(plan); i++) {
		const struct cov_gap *g = coverage_gap(plan, i);
		if (!vis_add_gap(v, g->collector, g->from_ts, g->until_ts))
			return false;
	}
	return true;
}

/* vp's routes are unknown from now on, until proven. */
static void forget(struct vis *v, uint32_t vp)
{
	if (rib_forget(&v->rib, vp))
		v->deferred = true;
}

/* Every route of vp is known again (not stale, not restarting). */
static void know_all(struct vis *v, uint32_t vp)
{
	if (rib_stale(&v->rib, vp)) {
		rib_know_all(&v->rib, vp);
		v->deferred = true;
	}
	if (vp < v->capvpx) {
		if (v->vpx[vp].resend_until)
			v->nresend--;
		v->vpx[vp].restarting = false;
		v->vpx[vp].resend_until = 0;
	}
}

/* Moves time to ts (> now), deciding what was read before it. */
static void advance_to(struct vis *v, uint32_t ts)
{
	if (ts <= v->now)
		return;
	vis_flush(v);
	if (v->hooks.on_advance)
		v->hooks.on_advance(v, ts, v->hooks.arg);
	v->now = ts;
}

/* Gap starts and ends, and re-sent tables, due once time reaches ts: each
 * applied and decided at its own time. */
static void due_events(struct vis *v, uint32_t ts)
{
	for (; v->nextgev < v->ngev && v->gev[v->nextgev].at <= ts; v->nextgev++) {
		const struct vis_gap_event *g = &v->gev[v->nextgev];
		advance_to(v, g->ts);
		struct vis_colx *k = &v->colx[g->collector];
		if (!g->start) {
			if (k->ingap)
				k->ingap--;
			continue;
		}
		k->ingap++;
		for (size_t i = 0; i < v->rib.vt.n; i++)
			if (v->rib.vt.vps[i].collector == g->collector)
				forget(v, (uint32_t)i);
		/* Gaps of several collectors starting in one second are decided
		 * together: the order they were found in (the inputs' order, or a
		 * replay of partials') must not show as a state between them. */
		if (v->nextgev + 1 < v->ngev && v->gev[v->nextgev + 1].at == g->at &&
		    v->gev[v->nextgev + 1].start)
			continue;
		vis_flush(v);
	}
	while (v->nresend > 0) {
		uint32_t first = 0, at = UINT32_MAX;
		for (size_t i = 0; i < v->rib.vt.n && i < v->capvpx; i++)
			if (v->vpx[i].resend_until && v->vpx[i].resend_until < at) {
				at = v->vpx[i].resend_until;
				first = (uint32_t)i;
			}
		if (at > ts)
			break;
		advance_to(v, at);
		know_all(v, first);
		vis_flush(v);
	}
}

/* vp's session left Established at ts: a single reset, or part of a
 * collector restart (VIS_RESTART_*). */
static void session_down(struct vis *v, uint32_t vp, uint32_t ts)
{
	uint32_t c = v->rib.vt.vps[vp].collector;
	if (!fit_colx(v, c)) {
		v->rib.oom = true;
		return;
	}
	struct vis_colx *k = &v->colx[c];
	if (k->burst_count == 0 || ts - k->burst_start > VIS_RESTART_WINDOW) {
		k->burst_start = ts;
		k->burst_count = 0;
		k->burst_base = 0;
		k->burst_restart = false;
		for (size_t i = 0; i < v->rib.vt.n; i++)
			if (v->rib.vt.vps[i].collector == c && !v->vpx[i].down)
				k->burst_base++;
	}
	v->vpx[vp].down = true;
	v->vpx[vp].down_ts = ts;
	k->burst_count++;
	if (k->burst_restart) {
		v->vpx[vp].restarting = true;
		forget(v, vp);
	} else if (k->burst_count >= VIS_RESTART_MIN && k->burst_count * 4 >= k->burst_base * 3) {
		k->burst_restart = true;
		v->restarts++;
		v->restart_since = k->burst_start;
		for (size_t i = 0; i < v->rib.vt.n; i++)
			if (v->rib.vt.vps[i].collector == c && v->vpx[i].down &&
			    v->vpx[i].down_ts >= k->burst_start) {
				v->vpx[i].restarting = true;
				forget(v, (uint32_t)i);
			}
	}
}

/* A message of vp other than a session drop, at ts: its session is up; a
 * restarted one re-sends its table from now on. */
static void session_up(struct vis *v, uint32_t vp, uint32_t ts)
{
	struct vis_vpx *x = &v->vpx[vp];
	x->down = false;
	if (x->restarting && !x->resend_until) {
		x->resend_until = ts + VIS_RESEND;
		v->nresend++;
	}
}

/* The vantage point of e (the full-feed masks widened with the bitsets).
 * Once per peer key: the next elements of the key only note their time. */
static uint32_t vantage(struct vis *v, const struct elem *e)
{
	struct vis_vpkey *k = &v->vpkeys[e->peer_key & (VIS_VPKEYS - 1)];
	if (e->peer_key && k->key == e->peer_key) {
		vantage_seen(&v->rib.vt, k->vp, e->peer_as, e->ts);
		return k->vp;
	}
	/* The same peer as the last one resolved (a TABLE_DUMP record names
	 * its peer anew): what rib_vp would answer, and that vantage point's
	 * masks and state are in place already. */
	uint32_t vp = v->last_vp;
	if (vp != RIB_NONE) {
		const struct vantage_vp *x = &v->rib.vt.vps[vp];
		if (x->collector == e->collector && addr_equal(&x->ip, &e->peer_ip)) {
			vantage_seen(&v->rib.vt, vp, e->peer_as, e->ts);
			if (e->peer_key) {
				k->key = e->peer_key;
				k->vp = vp;
			}
			return vp;
		}
	}
	size_t known = v->rib.vt.n;
	vp = rib_vp(&v->rib, e->collector, &e->peer_ip, e->peer_as, e->ts);
	if (vp != RIB_NONE && (!fit_masks(v) || !fit_vpx(v, vp) || !fit_colx(v, e->collector))) {
		v->rib.oom = true;
		return RIB_NONE;
	}
	/* A vantage point first seen inside a gap of its collector (update
	 * files before its first RIB dump): unknown until proven. */
	if (vp != RIB_NONE && vp >= known && v->colx[e->collector].ingap)
		forget(v, vp);
	if (vp != RIB_NONE) {
		v->last_vp = vp;
		if (e->peer_key) {
			k->key = e->peer_key;
			k->vp = vp;
		}
	}
	return vp;
}

/* vp announced a route to p: its origin is kept when origins are tracked
 * (rib_track_origins, for scan). True when presence or origin changed. */
static bool announce(struct vis *v, uint32_t p, uint32_t vp, const struct elem *e)
{
	if (!v->rib.org || !e->attrs)
		return rib_announce(&v->rib, p, vp, e->has_path_id, e->path_id);
	/* A RIB dump lists one prefix's routes in a row, mostly with one
	 * origin: the class of the last origin AS is reused without interning
	 * it again. Paths not ending in an AS_SEQUENCE take the full way. */
	uint32_t asn = as_path_origin(e->attrs->as_path), cls;
	if (asn && asn == v->org_asn && v->org_cls != RO_NONE) {
		cls = v->org_cls;
	} else if (asn) {
		cls = ro_class_of_asn(v->rib.org, asn);
		v->org_asn = asn;
		v->org_cls = cls;
	} else {
		cls = rib_origin_class(&v->rib, e->attrs->as_path);
	}
	return rib_announce_origin(&v->rib, p, vp, e->has_path_id, e->path_id, cls);
}

/* Prefix p's routes changed: decide it at the end of the second. */
static void mark_dirty(struct vis *v, uint32_t p)
{
	if (v->flags[p] & VIS_F_DIRTY)
		return;
	if (v->ndirty == v->capdirty) {
		uint32_t *d = vec_grow(v->dirty, &v->capdirty, v->ndirty + 1, sizeof *d, 256);
		if (!d) {
			v->deferred = true;      /* re-decide everything instead */
			return;
		}
		v->dirty = d;
	}
	v->flags[p] |= VIS_F_DIRTY;
	v->dirty[v->ndirty++] = p;
}

uint32_t *vis_scratch(struct vis *v, size_t n)
{
	return v->ndirty == 0 && v->capdirty >= n ? v->dirty : NULL;
}

void vis_flush(struct vis *v)
{
	if (rib_dump_open(&v->rib))
		return;                      /* half-read tables: wait for the dump's end */
	if (!v->deferred && !v->refull && v->ndirty == 0)
		return;
	size_t dropped;
	rib_resync_pending(&v->rib, &dropped);
	/* A whole dump read outside any gap of its collector proves every
	 * route of its vantage points. */
	for (uint32_t c = 0; c < v->ncolx; c++) {
		if (!v->colx[c].dumped)
			continue;
		v->colx[c].dumped = false;
		if (v->colx[c].ingap || c >= v->rib.vt.ncols || v->rib.vt.cols[c].damaged)
			continue;
		for (size_t i = 0; i < v->rib.vt.n; i++)
			if (v->rib.vt.vps[i].collector == c)
				know_all(v, (uint32_t)i);
	}
	if (v->refull) {
		compute_full(v);
		v->refull = false;
		v->deferred = true;
	}
	for (size_t i = 0; i < v->ndirty; i++)
		v->flags[v->dirty[i]] &= (uint8_t)~VIS_F_DIRTY;
	if (v->deferred) {
		update_all(v);
	} else {
		/* Every own visibility first, then what depends on it, so a target
		 * and its covering route changing in one second give one answer.
		 * Those whose own visibility changed go first in v->dirty. */
		size_t k = 0;
		for (size_t i = 0; i < v->ndirty; i++)
			if (update_own(v, v->dirty[i])) {
				uint32_t x = v->dirty[k];
				v->dirty[k++] = v->dirty[i];
				v->dirty[i] = x;
			}
		for (size_t i = 0; i < k; i++)
			propagate(v, v->dirty[i]);
		/* A new target may be visible already though its own visibility
		 * did not change: by a covering route, or by its own routes when
		 * it was tracked as a covering route before it became a target. */
		for (size_t i = k; i < v->ndirty; i++)
			update_eff(v, v->dirty[i]);
	}
	v->ndirty = 0;
	v->deferred = false;
	tick(v);
}

void vis_time(struct vis *v, uint32_t ts)
{
	if (!v->started) {
		v->started = true;
		v->first_ts = v->now = ts;
	} else if (ts > v->now) {
		if ((v->nextgev < v->ngev && v->gev[v->nextgev].at <= ts) || v->nresend)
			due_events(v, ts);
		advance_to(v, ts);
	}
}

void vis_dump_count(struct vis *v, uint32_t collector, const struct addr *peer, uint8_t afi,
                    uint32_t src, uint32_t ts, uint32_t n)
{
	uint32_t vp = rib_vp(&v->rib, collector, peer, 0, ts);
	if (vp == RIB_NONE || !fit_masks(v)) {
		v->rib.oom = true;
		return;
	}
	vantage_dump_entries(&v->rib.vt, vp, afi, src, ts, n);
	if (v->rib.vt.oom)
		v->rib.oom = true;
}

/* e changed nothing but what the rest of its record repeats: the next
 * elements of the record far from every target only count (vis_elem). */
static void chain(struct vis *v, const struct elem *e)
{
	if (e->record && e->peer_key && (e->type == ELEM_ANNOUNCE || e->type == ELEM_WITHDRAW)) {
		v->chain_record = e->record;
		v->chain_key = e->peer_key;
	}
}

void vis_elem_whole(struct vis *v, const struct elem *e) __attribute__((noinline));

void vis_elem_more(struct vis *v, const struct elem *e, uint32_t n)
{
	/* Chained, each would only be counted. */
	if (vis_chained(v, e)) {
		v->elems += n;
		return;
	}
	while (n-- > 0)
		vis_elem(v, e);
}

void vis_elem_whole(struct vis *v, const struct elem *e)
{
	v->chain_record = 0;
	if (!v->started || e->ts > v->now)   /* (mostly not: a second holds many) */
		vis_time(v, e->ts);
	v->elems++;

	/* Every message makes its vantage point known: it counts from its
	 * first one. One whose collector has no dump read counts as full-feed
	 * (no table sizes to judge by), so the full-feed set changes. */
	size_t known = v->rib.vt.n;
	uint32_t vp = vantage(v, e);
	if (vp == RIB_NONE)
		return;
	if (vp >= known && !vantage_has_table(&v->rib.vt, vp))
		v->refull = true;

	/* Multicast routes (SAFI 2) are for multicast forwarding (RPF); they
	 * say nothing about whether unicast traffic reaches the prefix. */
	if (e->safi == SAFI_MULTICAST)
		return;

	uint32_t p;
	switch (e->type) {
	case ELEM_RIB:
		rib_dump_entry(&v->rib, vp, e->prefix.addr.afi, e->source, e->ts);
		p = lookup(v, e);
		/* (a restarting vantage point is proven by its table's re-sending,
		 * not by the entries of a dump begun before it restarted) */
		if (p != RIB_NONE) {
			/* both run: the entry is announced and, unless restarting, proves the route */
			bool changed = announce(v, p, vp, e);
			if (!v->vpx[vp].restarting && rib_prove(&v->rib, p, vp))
				changed = true;
			if (changed)
				mark_dirty(v, p);
		}
		break;
	case ELEM_ANNOUNCE:
	case ELEM_WITHDRAW: {
		session_up(v, vp, e->ts);
		p = lookup(v, e);
		if (p == RIB_NONE) {
			chain(v, e);
			return;
		}
		bool changed = e->type == ELEM_ANNOUNCE
		             ? announce(v, p, vp, e)
		             : rib_withdraw(&v->rib, p, vp, e->has_path_id, e->path_id);
		if (rib_prove(&v->rib, p, vp))
			changed = true;
		if (changed)
			mark_dirty(v, p);
		break;
	}
	case ELEM_STATE:
		if (e->new_state == BGP_STATE_ESTABLISHED) {
			session_up(v, vp, e->ts);
			return;
		}
		if (e->old_state != BGP_STATE_ESTABLISHED)
			return;
		if (rib_session_down(&v->rib, vp) > 0)
			v->deferred = true;
		session_down(v, vp, e->ts);
		break;
	}
}

void vis_source_end(struct vis *v, uint32_t src, bool damaged)
{
	/* A damaged dump file keeps the routes it did not reach rather than
	 * call them withdrawn. Resynchronised at the end of this second, when every file of the
	 * dump (and every collector's dump of that second) has been read. */
	uint32_t c = rib_dump_close(&v->rib, src, !damaged);
	if (c != RIB_NONE) {
		v->refull = true;
		if (fit_colx(v, c))
			v->colx[c].dumped = true;
	}
}
