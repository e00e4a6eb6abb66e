/*
 * scan.c — levels of every origin AS and country, normal levels, events
 * (semantics in scan.h).
 * Levels are kept exact incrementally: a prefix changing visibility adds or
 * removes the /24 units it covers that no visible less-specific of the same
 * entity covers and that its visible more-specifics of the entity did not
 * cover already. Less-specifics are found by lookups (only for prefixes
 * that may have one), more-specifics as the run of the sorted prefix index
 * under the prefix. When very many
 * prefixes change at once (a RIB dump's end) every level is recomputed in
 * one sorted pass instead. Never: prints.
 */
#include "state/scan.h"

#include <stdlib.h>
#include <string.h>

#include "state/share.h"
#include "decode/sort.h"
#include "decode/vec.h"

#define RING 24                      /* hourly samples in the normal's window */

struct sc_ent {                      /* 48 bytes: one per origin AS of a full table */
	double level;                    /* visible /24 units */
	uint32_t id;
	uint32_t nvis;                   /* visible prefixes */
	uint32_t npfx, nunk;             /* its prefixes, and those unknown (PF_UNK) */
	float normal, normal_pfx;
	uint32_t ring;                   /* ring index + 1; 0: every sample equals normal */
	uint32_t open;                   /* open event index + 1 (s->open); 0: none */
	uint8_t kind;
	uint8_t nsamp;                   /* samples taken, at most RING */
	uint8_t flags;
};

/* An event being followed. */
struct sc_open {
	uint32_t ent, start, dark;
	float min;
};

enum { E_DIRTY = 1, E_INIT = 2 };

struct sc_ring {
	float u[RING], p[RING];
	uint8_t head;
};

enum {
	PF_ANC = 1,                      /* may have a tracked less-specific */
	PF_DESC = 2,                     /* has a more-specific */
	PF_UNK = 4,                      /* counted as unknown (vis_dark_undecided when last decided) */
};

#define CC_NONE UINT16_MAX

bool scan_init(struct scan *s, const struct scan_config *cfg)
{
	memset(s, 0, sizeof *s);
	s->cfg = *cfg;
	return true;
}

void scan_free(struct scan *s)
{
	free(s->ent);
	free(s->cent);
	free(s->open);
	free(s->pflags);
	free(s->sorted);
	free(s->e);
	free(s->cls_ent);
	free(s->rings);
	free(s->dirty);
	free(s->ev);
	memset(s, 0, sizeof *s);
}

bool scan_attach(struct scan *s, struct vis *v)
{
	(void)s;
	return rib_track_origins(&v->rib);
}

void scan_counts(const struct scan *s, size_t *nas, size_t *ncc)
{
	*nas = *ncc = 0;
	for (size_t i = 0; i < s->ne; i++)
		(*(s->e[i].kind == SCAN_AS ? nas : ncc))++;
}

/* ---- entities ----------------------------------------------------------- */

static uint32_t new_ent(struct scan *s, uint8_t kind, uint32_t id)
{
	if (s->ne == s->cape) {
		struct sc_ent *e = vec_grow(s->e, &s->cape, s->ne + 1, sizeof *e, 1024);
		if (!e) {
			s->oom = true;
			return SC_NONE;
		}
		s->e = e;
	}
	struct sc_ent *e = &s->e[s->ne];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->id = id;
	return (uint32_t)s->ne++;
}

/* The entity of origin class cls (route_origin.h interns one class per
 * AS): SC_NONE for an AS_SET or no origin. */
static uint32_t class_ent(struct scan *s, const struct route_origins *ro, uint32_t cls)
{
	if (cls >= s->ncls) {
		size_t n = s->ncls ? s->ncls : 1024;
		while (n <= cls)
			n *= 2;
		uint32_t *m = realloc(s->cls_ent, n * sizeof *m);
		if (!m) {
			s->oom = true;
			return SC_NONE;
		}
		memset(m + s->ncls, 0, (n - s->ncls) * sizeof *m);
		s->cls_ent = m;
		s->ncls = n;
	}
	if (!s->cls_ent[cls]) {
		const struct ro_class *k = ro_class(ro, cls);
		uint32_t e = k->kind == RO_AS ? new_ent(s, SCAN_AS, k->asn) : SC_NONE;
		s->cls_ent[cls] = e == SC_NONE ? SC_NONE : e + 1;
	}
	return s->cls_ent[cls] == SC_NONE ? SC_NONE : s->cls_ent[cls] - 1;
}

static uint32_t cc_ent(struct scan *s, deleg_cc cc)
{
	unsigned a = (unsigned)(cc >> 8) - 'A', b = (unsigned)(cc & 0xff) - 'A';
	if (a >= 26 || b >= 26)
		return SC_NONE;
	uint32_t *slot = &s->cc_ent[a * 26 + b];
	if (!*slot) {
		uint32_t i = new_ent(s, SCAN_COUNTRY, cc);
		if (i == SC_NONE)
			return SC_NONE;
		*slot = i + 1;
	}
	return *slot - 1;
}

static void mark(struct scan *s, uint32_t e)
{
	if (s->e[e].flags & E_DIRTY)
		return;
	if (s->ndirty == s->capdirty) {
		uint32_t *d = vec_grow(s->dirty, &s->capdirty, s->ndirty + 1, sizeof *d, 256);
		if (!d) {
			s->rebuild = true;               /* every entity is checked then */
			return;
		}
		s->dirty = d;
	}
	s->e[e].flags |= E_DIRTY;
	s->dirty[s->ndirty++] = e;
}

/* ---- prefixes ----------------------------------------------------------- */

/* p's entity: its origin AS (which 0) or its country (1). */
static uint32_t ent_of(const struct scan *s, int which, uint32_t p)
{
	if (which == 0)
		return s->ent[p];
	return s->cent && s->cent[p] != CC_NONE ? s->cent[p] : SC_NONE;
}

/* p counts (sign 1) or no longer counts (-1) among its entity's (which)
 * prefixes, and among its unknown ones while unknown. */
static void tally(struct scan *s, uint32_t p, int which, int sign)
{
	uint32_t e = ent_of(s, which, p);
	if (e == SC_NONE)
		return;
	struct sc_ent *x = &s->e[e];
	x->npfx = (uint32_t)((int64_t)x->npfx + sign);
	if (s->pflags[p] & PF_UNK)
		x->nunk = (uint32_t)((int64_t)x->nunk + sign);
	mark(s, e);
}

/* p's origin entity becomes e (its level is the caller's). */
static void set_ent(struct scan *s, uint32_t p, uint32_t e)
{
	if (s->ent[p] == e)
		return;
	tally(s, p, 0, -1);
	s->ent[p] = e;
	tally(s, p, 0, 1);
}

/* The entity is unknown while fewer than half of its prefixes are known. */
static bool ent_unknown(const struct sc_ent *e)
{
	return (uint64_t)(e->npfx - e->nunk) * 2 < e->npfx;
}

static bool ensure_prefixes(struct scan *s, const struct vis *v)
{
	size_t n = v->rib.npfx;
	if (n <= s->nprefix)
		return true;
	if (n > s->cappfx) {
		size_t cap = s->cappfx ? s->cappfx : 4096;
		while (cap < n)
			cap *= 2;
		uint32_t *a = realloc(s->ent, cap * sizeof *a);
		if (a)
			s->ent = a;
		uint16_t *b = !a || !s->cfg.deleg ? NULL : realloc(s->cent, cap * sizeof *b);
		if (b)
			s->cent = b;
		uint8_t *d = !a || (s->cfg.deleg && !b) ? NULL : realloc(s->pflags, cap);
		if (!d) {
			s->oom = true;
			return false;
		}
		s->pflags = d;
		s->cappfx = cap;
	}
	for (size_t p = s->nprefix; p < n; p++) {
		s->ent[p] = SC_NONE;
		/* not known yet whether it has a less-specific: look */
		s->pflags[p] = PF_ANC | (vis_dark_undecided(v, (uint32_t)p) ? PF_UNK : 0);
		if (s->cent) {
			deleg_cc cc = deleg_country(s->cfg.deleg, &v->rib.pfx[p]);
			uint32_t e = cc ? cc_ent(s, cc) : SC_NONE;
			s->cent[p] = e == SC_NONE ? CC_NONE : (uint16_t)e;
			tally(s, (uint32_t)p, 1, 1);
		}
	}
	s->unsorted += n - s->nprefix;
	s->nprefix = n;
	return true;
}

/* The origin entity of p: the origin most full-feed holders' routes have
 * (all holders' when no full-feed one holds it); SC_NONE when there is no
 * holder or the origin is not one AS. */
static uint32_t origin_of(struct scan *s, const struct vis *v, uint32_t p, bool *known)
{
	const struct route_origins *ro = v->rib.org;
	const uint64_t *row = rib_row(&v->rib, p);
	uint32_t cls = RO_NONE;
	*known = false;
	if (!ro)
		return SC_NONE;
	if (ro_single(ro, p)) {
		for (size_t k = 0; k < v->rib.words && cls == RO_NONE; k++)
			if (row[k])
				cls = ro_get(ro, p, (uint32_t)(k * 64 + (size_t)__builtin_ctzll(row[k])));
	} else {
		uint32_t c[8], n[8];
		size_t nc = 0;
		int f = v->rib.pfx[p].addr.afi == AFI_IPV6;
		for (int pass = 0; pass < 2 && nc == 0; pass++)
			for (size_t k = 0; k < v->rib.words; k++) {
				uint64_t w = row[k] & (pass == 0 && k < v->fullwords ? v->full[f][k] : pass ? ~0ULL : 0);
				while (w) {
					uint32_t vp = (uint32_t)(k * 64 + (size_t)__builtin_ctzll(w));
					w &= w - 1;
					uint32_t x = ro_get(ro, p, vp);
					size_t j = 0;
					while (j < nc && c[j] != x)
						j++;
					if (j == nc && nc < 8) {
						c[nc] = x;
						n[nc++] = 0;
					}
					if (j < nc)
						n[j]++;
				}
			}
		for (size_t j = 0; j < nc; j++) {
			if (c[j] == RO_NONE)
				continue;
			if (cls == RO_NONE || n[j] > n[0] ||
			    (n[j] == n[0] && ro_class(ro, c[j])->asn < ro_class(ro, cls)->asn)) {
				cls = c[j];
				n[0] = n[j];
			}
		}
	}
	if (cls == RO_NONE)
		return SC_NONE;
	*known = true;
	return class_ent(s, ro, cls);
}

static bool visible(const struct vis *v, uint32_t p)
{
	return v->flags[p] & VIS_F_EFF;
}

/* First position in sorted whose prefix is not below p's. */
static size_t sorted_at(const struct scan *s, const struct vis *v, uint32_t p)
{
	size_t lo = 0, hi = s->nsorted;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (prefix_cmp(&v->rib.pfx[s->sorted[mid]], &v->rib.pfx[p]) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* True when a visible less-specific of p belongs to p's entity e. */
static bool covered(const struct scan *s, const struct vis *v, uint32_t p, int which, uint32_t e)
{
	if (!(s->pflags[p] & PF_ANC))
		return false;
	struct prefix q = v->rib.pfx[p];
	while (q.len > 0) {
		q.len--;
		addr_mask(&q.addr, q.len);
		uint32_t a = rib_find(&v->rib, &q);
		if (a != RIB_NONE && ent_of(s, which, a) == e && visible(v, a))
			return true;
	}
	return false;
}

/* The /24 units p adds to its entity while visible: none under a visible
 * less-specific of the entity, less what its visible more-specifics of the
 * entity cover. */
static double contrib(const struct scan *s, const struct vis *v, uint32_t p, int which)
{
	uint32_t e = ent_of(s, which, p);
	if (covered(s, v, p, which, e))
		return 0;
	double u = share_units(&v->rib.pfx[p]);
	if (!(s->pflags[p] & PF_DESC))
		return u;
	struct share_acc acc;
	share_acc_init(&acc);
	const struct prefix *q = &v->rib.pfx[p];
	for (size_t i = sorted_at(s, v, p); i < s->nsorted; i++) {
		uint32_t d = s->sorted[i];
		if (!prefix_contains(q, &v->rib.pfx[d]))
			break;
		if (d != p && ent_of(s, which, d) == e && visible(v, d))
			share_acc_add(&acc, &v->rib.pfx[d]);
	}
	return u - share_acc_slash24(&acc);
}

/* p turned visible (sign 1) or invisible (-1), or moves in or out of its entity. */
static void apply(struct scan *s, const struct vis *v, uint32_t p, int which, int sign)
{
	uint32_t e = ent_of(s, which, p);
	if (e == SC_NONE)
		return;
	s->e[e].level += sign * contrib(s, v, p, which);
	s->e[e].nvis = (uint32_t)((int64_t)s->e[e].nvis + sign);
	mark(s, e);
}

/* Attributes p to origin entity e (p's visibility as it is now). */
static void attribute(struct scan *s, const struct vis *v, uint32_t p, uint32_t e)
{
	if (s->ent[p] == e)
		return;
	bool vis = visible(v, p);
	if (vis)
		apply(s, v, p, 0, -1);
	set_ent(s, p, e);
	if (vis)
		apply(s, v, p, 0, 1);
}

static void check(struct scan *s, struct sc_ent *e, uint32_t ts);

/* ---- the whole state at once -------------------------------------------- */

/* Visible p counts for its entity (which) unless a visible less-specific
 * of the same entity, one of the stack's, covers it. */
static void add_level(struct scan *s, const struct vis *v, uint32_t p, int which,
                      const uint32_t *stack, size_t depth)
{
	uint32_t e = ent_of(s, which, p);
	if (e == SC_NONE)
		return;
	s->e[e].nvis++;
	for (size_t k = 0; k < depth; k++)
		if (ent_of(s, which, stack[k]) == e && visible(v, stack[k]))
			return;
	s->e[e].level += share_units(&v->rib.pfx[p]);
}

/* Every level from scratch, in one pass over the prefixes in prefix order
 * (sorted in vis's scratch buffer when it is big enough, so a full table
 * needs no second array of every prefix); the nested prefixes, and only
 * they, stay in s->sorted for the incremental updates. */
static void rebuild(struct scan *s, struct vis *v)
{
	s->rebuild = false;
	size_t n = v->rib.npfx;
	uint32_t *so = vis_scratch(v, n), *own = NULL;
	if (!so && !(so = own = malloc((n ? n : 1) * sizeof *so))) {
		s->oom = true;
		return;
	}
	for (size_t i = 0; i < n; i++)
		so[i] = (uint32_t)i;
	share_sort_prefixes(&v->rib, so, n);
	s->unsorted = 0;
	for (size_t p = 0; p < n; p++) {
		bool known;
		uint32_t e = origin_of(s, v, (uint32_t)p, &known);
		if (known)
			s->ent[p] = e;
		s->pflags[p] = vis_dark_undecided(v, (uint32_t)p) ? PF_UNK : 0;
	}
	for (size_t i = 0; i < s->ne; i++) {
		s->e[i].level = 0;
		s->e[i].nvis = 0;
		s->e[i].npfx = s->e[i].nunk = 0;
	}
	for (size_t p = 0; p < n; p++) {
		tally(s, (uint32_t)p, 0, 1);
		tally(s, (uint32_t)p, 1, 1);
	}
	s->ndirty = 0;                           /* every entity is checked below */
	for (size_t i = 0; i < s->ne; i++)
		s->e[i].flags &= (uint8_t)~E_DIRTY;
	/* In prefix order the less-specifics of a prefix are a stack. */
	uint32_t stack[129];
	size_t depth = 0, nested = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t p = so[i];
		const struct prefix *q = &v->rib.pfx[p];
		while (depth && !prefix_contains(&v->rib.pfx[stack[depth - 1]], q))
			depth--;
		if (depth) {
			nested += !(s->pflags[stack[depth - 1]] & (PF_ANC | PF_DESC)) + 1;
			s->pflags[p] |= PF_ANC;
			s->pflags[stack[depth - 1]] |= PF_DESC;
		}
		if (visible(v, p)) {
			add_level(s, v, p, 0, stack, depth);
			add_level(s, v, p, 1, stack, depth);
		}
		if (depth < 129)
			stack[depth++] = p;
	}
	free(s->sorted);
	s->sorted = malloc((nested ? nested : 1) * sizeof *s->sorted);
	s->nsorted = 0;
	if (!s->sorted)
		s->oom = true;
	else
		for (size_t i = 0; i < n; i++)
			if (s->pflags[so[i]] & (PF_ANC | PF_DESC))
				s->sorted[s->nsorted++] = so[i];
	free(own);
	for (size_t i = 0; i < s->ne; i++)
		check(s, &s->e[i], v->now);
}

/* ---- events --------------------------------------------------------------- */

static uint32_t dark_now(const struct sc_ent *e)
{
	double d = (double)e->normal_pfx - (double)e->nvis;
	return d > 0 ? (uint32_t)(d + 0.5) : 0;
}

static void open_event(struct scan *s, struct sc_ent *e, uint32_t ts)
{
	if (s->nopen == s->capopen) {
		struct sc_open *o = vec_grow(s->open, &s->capopen, s->nopen + 1, sizeof *o, 64);
		if (!o) {
			s->oom = true;
			return;
		}
		s->open = o;
	}
	s->open[s->nopen] = (struct sc_open){ (uint32_t)(e - s->e), ts, dark_now(e), (float)e->level };
	e->open = (uint32_t)++s->nopen;
}

/* Ends e's event at ts; it is kept when long enough (keep false: dropped);
 * cut: ended because the entity's unknown time began. */
static void close_event(struct scan *s, struct sc_ent *e, uint32_t ts, bool ongoing, bool keep,
                        bool cut)
{
	struct sc_open o = s->open[e->open - 1];
	s->open[e->open - 1] = s->open[--s->nopen];
	s->e[s->open[e->open - 1].ent].open = e->open;
	e->open = 0;
	if (!keep || (int64_t)ts - (int64_t)o.start < s->cfg.min_duration)
		return;
	if (s->nev == s->capev) {
		struct scan_event *x = vec_grow(s->ev, &s->capev, s->nev + 1, sizeof *x, 64);
		if (!x) {
			s->oom = true;
			return;
		}
		s->ev = x;
	}
	struct scan_event *x = &s->ev[s->nev++];
	memset(x, 0, sizeof *x);
	x->kind = e->kind;
	x->id = e->id;
	x->start = o.start;
	x->end = ts;
	x->ongoing = ongoing;
	x->cut = cut;
	x->depth = e->normal > 0 ? o.min / e->normal : 0;
	x->normal = e->normal;
	x->normal_prefixes = e->normal_pfx;
	x->dark = o.dark;
}

static void check(struct scan *s, struct sc_ent *e, uint32_t ts)
{
	if (ent_unknown(e)) {
		/* An event open when the entity's unknown time begins ends there
		 * (what follows is not decided by the data); one that began less
		 * than a minute before is dropped (a restart's withdrawals, not an
		 * outage). Nothing opens while it lasts. */
		if (e->open)
			close_event(s, e, ts, false, ts - s->open[e->open - 1].start >= 60, true);
		return;
	}
	if (!(e->flags & E_INIT)) {
		/* its first known level is its normal until the first sample */
		e->flags |= E_INIT;
		e->normal = (float)e->level;
		e->normal_pfx = (float)e->nvis;
		return;
	}
	double thr = s->cfg.below * e->normal;
	if (!e->open) {
		if (e->normal >= s->cfg.min_size && e->level < thr)
			open_event(s, e, ts);
		return;
	}
	struct sc_open *o = &s->open[e->open - 1];
	if (e->level < o->min) {
		o->min = (float)e->level;
		o->dark = dark_now(e);
	}
	if (e->level >= thr)
		close_event(s, e, ts, false, true, false);
}

/* ---- hooks ----------------------------------------------------------------- */

void scan_elem(struct scan *s, struct vis *v, const struct elem *e)
{
	/* An announcement may change a prefix's origin without changing its
	 * visibility: attribute it again (RIB dumps: at the dump's end). */
	if (e->type != ELEM_ANNOUNCE || !s->known || s->rebuild || v->last_idx == RIB_NONE ||
	    !prefix_equal(&v->last_pfx, &e->prefix))
		return;
	uint32_t p = v->last_idx;
	if (!ensure_prefixes(s, v))
		return;
	bool known;
	uint32_t o = origin_of(s, v, p, &known);
	if (known)
		attribute(s, v, p, o);
}

void scan_change(struct scan *s, struct vis *v, const struct vis_change *c)
{
	if (!c->flip)
		return;                              /* between dark and unknown: not visible either way */
	if (!s->known || s->rebuild || !ensure_prefixes(s, v))
		return;
	if (s->unsorted > s->nsorted / 8 + 4096) {
		s->rebuild = true;                   /* cheaper all at once */
		return;
	}
	uint32_t p = c->prefix;
	bool known;
	uint32_t o = origin_of(s, v, p, &known);
	int sign = c->visible ? 1 : -1;
	if (c->visible && known)
		set_ent(s, p, o);
	apply(s, v, p, 0, sign);
	apply(s, v, p, 1, sign);
	if (!c->visible && known)
		set_ent(s, p, o);
}

void scan_decide(struct scan *s, struct vis *v, uint32_t p)
{
	/* New prefixes learn their state in ensure_prefixes, all in rebuild. */
	if (!s->known || s->rebuild || p >= s->nprefix)
		return;
	bool unk = vis_dark_undecided(v, p);
	if (unk == !!(s->pflags[p] & PF_UNK))
		return;
	tally(s, p, 0, -1);
	tally(s, p, 1, -1);
	s->pflags[p] ^= PF_UNK;
	tally(s, p, 0, 1);
	tally(s, p, 1, 1);
}

void scan_tick(struct scan *s, struct vis *v, uint32_t ts)
{
	if (!s->known) {
		if (v->nfull[0] + v->nfull[1] == 0)
			return;
		s->known = true;
		s->rebuild = true;
		s->next_sample = (ts / 3600 + 1) * 3600;
	}
	if (s->rebuild) {
		if (!ensure_prefixes(s, v))
			return;
		rebuild(s, v);
	}
	for (size_t i = 0; i < s->ndirty; i++) {
		struct sc_ent *e = &s->e[s->dirty[i]];
		e->flags &= (uint8_t)~E_DIRTY;
		check(s, e, ts);
	}
	s->ndirty = 0;
}

static float median(const float *x, size_t n)
{
	float a[RING];
	memcpy(a, x, n * sizeof *a);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && a[j - 1] > a[j]; j--) {
			float t = a[j];
			a[j] = a[j - 1];
			a[j - 1] = t;
		}
	return n % 2 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

static void sample(struct scan *s, struct sc_ent *e)
{
	if (e->open || !(e->flags & E_INIT) || ent_unknown(e))
		return;                              /* the normal stays that of the event's start */
	float u = (float)e->level, pf = (float)e->nvis;
	if (!e->ring) {
		if (u == e->normal && pf == e->normal_pfx) {
			if (e->nsamp < RING)
				e->nsamp++;
			return;
		}
		if (s->nrings == s->caprings) {
			struct sc_ring *r = vec_grow(s->rings, &s->caprings, s->nrings + 1, sizeof *r, 256);
			if (!r) {
				s->oom = true;
				return;
			}
			s->rings = r;
		}
		struct sc_ring *r = &s->rings[s->nrings++];
		for (size_t i = 0; i < RING; i++) {
			r->u[i] = e->normal;
			r->p[i] = e->normal_pfx;
		}
		r->head = e->nsamp % RING;
		e->ring = (uint32_t)s->nrings;
	}
	struct sc_ring *r = &s->rings[e->ring - 1];
	r->u[r->head] = u;
	r->p[r->head] = pf;
	r->head = (uint8_t)((r->head + 1) % RING);
	if (e->nsamp < RING)
		e->nsamp++;
	e->normal = median(r->u, e->nsamp);
	e->normal_pfx = median(r->p, e->nsamp);
}

void scan_advance(struct scan *s, struct vis *v, uint32_t ts)
{
	(void)v;
	while (s->known && s->next_sample && s->next_sample < ts) {
		for (size_t i = 0; i < s->ne; i++)
			sample(s, &s->e[i]);
		s->next_sample = s->next_sample > UINT32_MAX - 3600 ? 0 : s->next_sample + 3600;
	}
}

void scan_finish(struct scan *s, struct vis *v)
{
	while (s->nopen)
		close_event(s, &s->e[s->open[s->nopen - 1].ent], v->now, true, true, false);
}

static int by_time(const void *a, const void *b)
{
	const struct scan_event *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int by_severity(const void *a, const void *b)
{
	double x = scan_severity(a), y = scan_severity(b);
	if (x != y)
		return x > y ? -1 : 1;
	return by_time(a, b);
}

void scan_sort(struct scan *s, enum scan_sort by)
{
	sort_array(s->ev, s->nev, sizeof *s->ev, by == SCAN_SORT_TIME ? by_time : by_severity);
}
