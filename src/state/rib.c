/*
 * rib.c — per vantage point route presence as bitsets over vantage points.
 * Owns: the prefix and vantage point tables, session and dump bookkeeping.
 * Never: allocates per route (tables grow geometrically), decides visibility.
 */
#include "state/rib.h"
#include "state/hash.h"

#include <stdlib.h>
#include <string.h>

/* ---- hashing ------------------------------------------------------------ */

static uint64_t addr_hash(const struct addr *a, uint64_t seed)
{
	uint64_t w0 = 0, w1 = 0;
	if (a->afi == AFI_IPV6) {
		memcpy(&w0, a->b, 8);
		memcpy(&w1, a->b + 8, 8);
	} else {
		memcpy(&w0, a->b, 4);
	}
	return hash_mix64(seed ^ hash_mix64(w0 ^ a->afi) ^ (w1 * 0x9E3779B97F4A7C15ULL));
}

static uint64_t prefix_hash(const struct prefix *p)
{
	return addr_hash(&p->addr, (uint64_t)p->len << 8);
}

/* Equality on the hot path: constant-size compares the compiler inlines. */
static inline bool same_addr(const struct addr *a, const struct addr *b)
{
	if (a->afi != b->afi)
		return false;
	return a->afi == AFI_IPV6 ? memcmp(a->b, b->b, 16) == 0 : memcmp(a->b, b->b, 4) == 0;
}

static inline bool same_prefix(const struct prefix *a, const struct prefix *b)
{
	return a->len == b->len && same_addr(&a->addr, &b->addr);
}

/* ---- ADD-PATH: (prefix, vp, path id) -> present, (prefix, vp | AP_COUNT, 0) -> count
 * Every 32-bit path id is a path (RFC 7911 reserves none); the count entries
 * are told apart by the top bit of the vantage point index instead, which a
 * real index never has (2^31 of them would not fit in memory). */

#define AP_COUNT 0x80000000u

struct ap_entry {
	uint32_t p, vp, pid, val;   /* val 0: empty slot */
};

struct rib_ap {
	struct ap_entry *e;
	size_t n, used;             /* slots (power of two), occupied */
};

static size_t ap_slot(const struct rib_ap *ap, uint32_t p, uint32_t vp, uint32_t pid)
{
	uint64_t h = hash_mix64((uint64_t)p << 32 ^ vp ^ (uint64_t)pid * 0x9E3779B97F4A7C15ULL);
	size_t mask = ap->n - 1, i = (size_t)h & mask;
	while (ap->e[i].val && !(ap->e[i].p == p && ap->e[i].vp == vp && ap->e[i].pid == pid))
		i = (i + 1) & mask;
	return i;
}

static bool ap_grow(struct rib_ap *ap)
{
	size_t n = ap->n ? ap->n * 2 : 1024;
	struct ap_entry *old = ap->e;
	size_t oldn = ap->n;
	struct ap_entry *e = calloc(n, sizeof *e);
	if (!e)
		return false;
	ap->e = e;
	ap->n = n;
	for (size_t i = 0; i < oldn; i++)
		if (old[i].val)
			ap->e[ap_slot(ap, old[i].p, old[i].vp, old[i].pid)] = old[i];
	free(old);
	return true;
}

/* Deletes slot i, shifting the following cluster back (no tombstones). */
static void ap_delete(struct rib_ap *ap, size_t i)
{
	size_t mask = ap->n - 1, j = i;
	ap->e[i].val = 0;
	ap->used--;
	for (;;) {
		j = (j + 1) & mask;
		if (!ap->e[j].val)
			return;
		struct ap_entry x = ap->e[j];
		ap->e[j].val = 0;
		ap->e[ap_slot(ap, x.p, x.vp, x.pid)] = x;
	}
}

/* Adds path pid; returns the number of paths of (p, vp) after, 0 on OOM. */
static uint32_t ap_add(struct rib_ap *ap, uint32_t p, uint32_t vp, uint32_t pid)
{
	if ((ap->used + 2) * 2 > ap->n && !ap_grow(ap))
		return 0;
	size_t i = ap_slot(ap, p, vp, pid);
	size_t c = ap_slot(ap, p, vp | AP_COUNT, 0);
	if (ap->e[i].val)
		return ap->e[c].val;
	ap->e[i] = (struct ap_entry){ p, vp, pid, 1 };
	ap->used++;
	c = ap_slot(ap, p, vp | AP_COUNT, 0);
	if (!ap->e[c].val) {
		ap->e[c] = (struct ap_entry){ p, vp | AP_COUNT, 0, 0 };
		ap->used++;
	}
	return ++ap->e[c].val;
}

/* Removes path pid; returns the number of paths of (p, vp) left. */
static uint32_t ap_remove(struct rib_ap *ap, uint32_t p, uint32_t vp, uint32_t pid)
{
	if (ap->n == 0)
		return 0;
	size_t i = ap_slot(ap, p, vp, pid);
	if (!ap->e[i].val) {
		size_t c = ap_slot(ap, p, vp | AP_COUNT, 0);
		return ap->e[c].val;
	}
	ap_delete(ap, i);
	size_t c = ap_slot(ap, p, vp | AP_COUNT, 0);
	if (!ap->e[c].val)
		return 0;
	uint32_t left = --ap->e[c].val;
	if (left == 0)
		ap_delete(ap, c);
	return left;
}

/* Drops every path whose (prefix, vp) no longer has presence. */
static void ap_sweep(struct rib *r)
{
	struct rib_ap *ap = r->ap;
	if (!ap || ap->used == 0)
		return;
	size_t i = 0;
	while (i < ap->n) {
		struct ap_entry *x = &ap->e[i];
		if (x->val && !rib_has(r, x->p, x->vp & ~AP_COUNT))
			ap_delete(ap, i);   /* something may have shifted into i: look again */
		else
			i++;
	}
}

/* ---- tables ------------------------------------------------------------- */

void rib_init(struct rib *r)
{
	memset(r, 0, sizeof *r);
	vantage_init(&r->vt);
	r->words = 1;
	r->ap = calloc(1, sizeof *r->ap);
	if (!r->ap)
		r->oom = true;
}

void rib_free(struct rib *r)
{
	vantage_free(&r->vt);
	free(r->pfx);
	free(r->pfx_slots);
	free(r->present);
	free(r->mark);
	free(r->unk);
	free(r->stale);
	if (r->ap)
		free(r->ap->e);
	free(r->ap);
	if (r->org)
		ro_free(r->org);
	free(r->org);
	memset(r, 0, sizeof *r);
}

/* Widens every bitset to words w (a new vantage point past the last word). */
static bool relayout(struct rib *r, size_t w)
{
	size_t cap = r->cappfx ? r->cappfx : 1;
	uint64_t *np = calloc(cap * w, sizeof *np);
	uint64_t *nm = calloc(cap * w, sizeof *nm);
	uint64_t *nu = r->unk ? calloc(cap * w, sizeof *nu) : NULL;
	uint64_t *ns = r->unk ? calloc(w, sizeof *ns) : NULL;
	if (!np || !nm || (r->unk && (!nu || !ns))) {
		free(np);
		free(nm);
		free(nu);
		free(ns);
		return false;
	}
	for (size_t i = 0; i < r->npfx; i++) {
		memcpy(np + i * w, r->present + i * r->words, r->words * sizeof *np);
		memcpy(nm + i * w, r->mark + i * r->words, r->words * sizeof *nm);
		if (nu)
			memcpy(nu + i * w, r->unk + i * r->words, r->words * sizeof *nu);
	}
	if (ns)
		memcpy(ns, r->stale, r->words * sizeof *ns);
	free(r->present);
	free(r->mark);
	r->present = np;
	r->mark = nm;
	if (nu) {
		free(r->unk);
		free(r->stale);
		r->unk = nu;
		r->stale = ns;
	}
	r->words = w;
	return true;
}

uint32_t rib_vp(struct rib *r, uint32_t collector, const struct addr *ip, uint32_t asn, uint32_t ts)
{
	uint32_t vp = vantage_get(&r->vt, collector, ip, asn, ts);
	if (vp == VANTAGE_NONE || (vp >= r->words * 64 && !relayout(r, r->words + 1))) {
		r->oom = true;
		return RIB_NONE;
	}
	return vp;
}

static size_t pfx_slot(const struct rib *r, const struct prefix *p)
{
	size_t mask = r->pfx_nslots - 1;
	size_t i = (size_t)prefix_hash(p) & mask;
	for (;;) {
		uint32_t s = r->pfx_slots[i];
		if (s == 0 || same_prefix(&r->pfx[s - 1], p))
			return i;
		i = (i + 1) & mask;
	}
}

uint32_t rib_find(const struct rib *r, const struct prefix *p)
{
	if (r->pfx_nslots == 0)
		return RIB_NONE;
	uint32_t s = r->pfx_slots[pfx_slot(r, p)];
	return s ? s - 1 : RIB_NONE;
}

static bool pfx_rehash(struct rib *r)
{
	size_t n = r->pfx_nslots ? r->pfx_nslots * 2 : 256;
	uint32_t *s = calloc(n, sizeof *s);
	if (!s)
		return false;
	free(r->pfx_slots);
	r->pfx_slots = s;
	r->pfx_nslots = n;
	for (size_t i = 0; i < r->npfx; i++)
		r->pfx_slots[pfx_slot(r, &r->pfx[i])] = (uint32_t)i + 1;
	return true;
}

uint32_t rib_add(struct rib *r, const struct prefix *p)
{
	uint32_t have = rib_find(r, p);
	if (have != RIB_NONE)
		return have;
	/* At most three quarters full: a full table's 1.1 million prefixes
	 * take 2^21 slots (8 MiB), not 2^22 as at half full; a lookup that
	 * hits (every RIB record's) probes ~1.5 slots instead of ~1.2. */
	if ((r->npfx + 1) * 4 > r->pfx_nslots * 3 && !pfx_rehash(r))
		goto oom;
	if (r->npfx == r->cappfx) {
		size_t cap = r->cappfx ? r->cappfx * 2 : 64;
		struct prefix *np = realloc(r->pfx, cap * sizeof *np);
		if (!np)
			goto oom;
		r->pfx = np;
		uint64_t *pr = realloc(r->present, cap * r->words * sizeof *pr);
		if (!pr)
			goto oom;
		r->present = pr;
		uint64_t *mk = realloc(r->mark, cap * r->words * sizeof *mk);
		if (!mk)
			goto oom;
		r->mark = mk;
		if (r->unk) {
			uint64_t *uk = realloc(r->unk, cap * r->words * sizeof *uk);
			if (!uk)
				goto oom;
			r->unk = uk;
		}
		r->cappfx = cap;
	}
	size_t i = r->npfx;
	r->pfx[i] = *p;
	memset(r->present + i * r->words, 0, r->words * sizeof *r->present);
	memset(r->mark + i * r->words, 0, r->words * sizeof *r->mark);
	/* A stale vantage point's route to a prefix first seen now is unknown
	 * as well: it may have held one all along. */
	if (r->unk)
		memcpy(r->unk + i * r->words, r->stale, r->words * sizeof *r->unk);
	r->pfx_slots[pfx_slot(r, p)] = (uint32_t)i + 1;
	r->npfx++;
	return (uint32_t)i;
oom:
	r->oom = true;
	return RIB_NONE;
}

/* ---- routes ------------------------------------------------------------- */

static void set_mark(struct rib *r, uint32_t p, uint32_t vp)
{
	if (vantage_dump_active(&r->vt, r->vt.vps[vp].collector))
		r->mark[(size_t)p * r->words + vp / 64] |= (uint64_t)1 << (vp % 64);
}

bool rib_announce(struct rib *r, uint32_t p, uint32_t vp, bool has_pid, uint32_t pid)
{
	uint64_t *w = &r->present[(size_t)p * r->words + vp / 64];
	uint64_t bit = (uint64_t)1 << (vp % 64);
	set_mark(r, p, vp);
	if (has_pid && r->ap) {
		if (ap_add(r->ap, p, vp, pid) == 0)
			r->oom = true;
	}
	if (*w & bit)
		return false;
	*w |= bit;
	return true;
}

bool rib_track_origins(struct rib *r)
{
	if (r->org)
		return true;
	if (!(r->org = malloc(sizeof *r->org))) {
		r->oom = true;
		return false;
	}
	ro_init(r->org);
	return true;
}

uint32_t rib_origin_class(struct rib *r, struct cursor as_path)
{
	if (!r->org)
		return RO_NONE;
	uint32_t c = ro_class_of_path(r->org, as_path);
	if (r->org->oom)
		r->oom = true;
	return c;
}

bool rib_announce_origin(struct rib *r, uint32_t p, uint32_t vp, bool has_pid, uint32_t pid,
                         uint32_t origin)
{
	bool changed = false;
	if (r->org && origin != RO_NONE) {
		changed = ro_set(r->org, p, vp, origin, rib_row(r, p), r->words);
		if (r->org->oom)
			r->oom = true;
	}
	return rib_announce(r, p, vp, has_pid, pid) || changed;
}

uint32_t rib_origin(const struct rib *r, uint32_t p, uint32_t vp)
{
	if (!r->org || !rib_has(r, p, vp))
		return RO_NONE;
	return ro_get(r->org, p, vp);
}

bool rib_withdraw(struct rib *r, uint32_t p, uint32_t vp, bool has_pid, uint32_t pid)
{
	uint64_t *w = &r->present[(size_t)p * r->words + vp / 64];
	uint64_t bit = (uint64_t)1 << (vp % 64);
	if (!(*w & bit))
		return false;
	/* A withdrawal is news too: a dump must not drop what it confirms gone,
	 * nor keep it, so it only clears. */
	if (has_pid && r->ap && ap_remove(r->ap, p, vp, pid) > 0)
		return false;
	*w &= ~bit;
	return true;
}

size_t rib_session_down(struct rib *r, uint32_t vp)
{
	size_t n = 0, off = vp / 64;
	uint64_t bit = (uint64_t)1 << (vp % 64);
	for (size_t i = 0; i < r->npfx; i++) {
		uint64_t *w = &r->present[i * r->words + off];
		if (*w & bit) {
			*w &= ~bit;
			n++;
		}
	}
	if (n)
		ap_sweep(r);
	return n;
}


uint32_t rib_dump_close(struct rib *r, uint32_t src, bool complete)
{
	uint32_t col = vantage_source_end(&r->vt, src, !complete);
	return col == VANTAGE_NONE ? RIB_NONE : col;
}

/* Drops what collector col's finished dump did not list; takes table sizes. */
static size_t resync(struct rib *r, uint32_t col)
{
	bool complete = !r->vt.cols[col].damaged;
	size_t dropped = 0;

	vantage_take(&r->vt, col);
	/* This collector's vantage points, as a mask over one bitset row. */
	uint64_t stack[16], *cmask = r->words <= 16 ? stack : calloc(r->words, sizeof *cmask);
	if (!cmask) {
		r->oom = true;
		return 0;
	}
	memset(cmask, 0, r->words * sizeof *cmask);
	for (size_t i = 0; i < r->vt.n; i++)
		if (r->vt.vps[i].collector == col)
			cmask[i / 64] |= (uint64_t)1 << (i % 64);
	/* What the dump did not list (and no update confirmed meanwhile) is gone. */
	for (size_t i = 0; i < r->npfx; i++) {
		uint64_t *pw = r->present + i * r->words, *mw = r->mark + i * r->words;
		for (size_t k = 0; k < r->words; k++) {
			uint64_t gone = complete ? pw[k] & cmask[k] & ~mw[k] : 0;
			if (gone) {
				pw[k] &= ~gone;
				dropped += (size_t)__builtin_popcountll(gone);
			}
			mw[k] &= ~cmask[k];
		}
	}
	if (dropped)
		ap_sweep(r);
	if (cmask != stack)
		free(cmask);
	return dropped;
}

bool rib_resync_pending(struct rib *r, size_t *dropped)
{
	bool any = false;
	*dropped = 0;
	for (size_t i = 0; i < r->vt.ncols; i++) {
		if (r->vt.cols[i].pending) {
			*dropped += resync(r, (uint32_t)i);
			any = true;
		}
	}
	return any;
}

uint32_t rib_source_end(struct rib *r, uint32_t src, bool complete, size_t *dropped)
{
	*dropped = 0;
	uint32_t col = rib_dump_close(r, src, complete);
	if (col != RIB_NONE)
		*dropped = resync(r, col);
	return col;
}

/* ---- unknown routes ----------------------------------------------------- */

bool rib_forget(struct rib *r, uint32_t vp)
{
	if (!r->unk) {
		size_t cap = r->cappfx ? r->cappfx : 1;
		r->unk = calloc(cap * r->words, sizeof *r->unk);
		r->stale = calloc(r->words, sizeof *r->stale);
		if (!r->unk || !r->stale) {
			free(r->unk);
			free(r->stale);
			r->unk = r->stale = NULL;
			r->oom = true;
			return false;
		}
	}
	size_t off = vp / 64;
	uint64_t bit = (uint64_t)1 << (vp % 64);
	r->stale[off] |= bit;
	for (size_t i = 0; i < r->npfx; i++)
		r->unk[i * r->words + off] |= bit;
	return true;
}

bool rib_prove(struct rib *r, uint32_t p, uint32_t vp)
{
	if (!r->unk)
		return false;
	uint64_t *w = &r->unk[(size_t)p * r->words + vp / 64];
	uint64_t bit = (uint64_t)1 << (vp % 64);
	if (!(*w & bit))
		return false;
	*w &= ~bit;
	return true;
}

void rib_know_all(struct rib *r, uint32_t vp)
{
	if (!r->unk)
		return;
	size_t off = vp / 64;
	uint64_t bit = (uint64_t)1 << (vp % 64);
	r->stale[off] &= ~bit;
	for (size_t i = 0; i < r->npfx; i++)
		r->unk[i * r->words + off] &= ~bit;
}

bool rib_dump_open(const struct rib *r)
{
	return vantage_dump_open(&r->vt);
}
