/*
 * origins.h — who originated each target prefix, when: the windows in which
 * a (prefix, origin) was visible, with MOAS and more-specific flags.
 * Owns: per (prefix, origin) vantage point counts, visibility, windows and
 * their flags. Never: keeps routes (rib.h keeps each route's origin), or
 * prints (fmt_origins.h).
 *
 * SEMANTICS (the manual copies this block)
 *
 * A vantage point routes to origin O for prefix P while its route to P has
 * origin O (route_origin.h). A (prefix, origin) is visible under the same
 * rule as a prefix (visibility.h), counting only the vantage points that
 * route to that origin: with --visibility majority, at least half of the
 * full-feed vantage points route P to O. So a hijacked prefix can be
 * visible with two origins at once (any), or with neither (majority, when
 * the vantage points are split). Unknown routes (visibility.h) count as
 * for the prefix: left out of the counts and the denominator, and while
 * fewer than half of P's full-feed routes are known, no origin of P is
 * visible (P is unknown).
 *
 * Window: from the second a (prefix, origin) became visible to the second it
 * became invisible (or "ongoing" at the end of the data). Each window has:
 *   peak_vps          the most vantage points (full-feed or not) routing P
 *                     to O at once during the window;
 *   moas              another origin of P was visible at some time during
 *                     the window (Multiple Origin AS);
 *   more_specific_of  a tracked less-specific prefix Q covering P was
 *                     visible with an origin other than O at some time
 *                     during the window (the YouTube pattern: a /24 inside
 *                     its owner's /22); the most specific such Q is named,
 *                     the first time it is seen. Covering prefixes are
 *                     tracked for --prefix / --prefixes / --country
 *                     targets; for --origin targets only those that are
 *                     targets themselves.
 */
#ifndef MRTREACH_ORIGINS_H
#define MRTREACH_ORIGINS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "state/visibility.h"

#define OR_NONE UINT32_MAX

struct or_window {
	uint32_t prefix;            /* rib prefix index */
	uint32_t origin;            /* origin class (route_origin.h) */
	uint32_t start, end;        /* end: last data time while ongoing */
	bool ongoing;
	bool moas;
	uint32_t cover;             /* more_specific_of: rib prefix index, or OR_NONE */
	uint32_t cover_origin;      /* the origin it was visible with then */
	uint32_t peak_vps;          /* vantage points routing to origin, most at once */
	uint32_t peak_full;         /* ... of which full-feed, most at once */
};

/* One (prefix, origin) seen. */
struct or_entry {
	uint32_t origin;
	uint32_t next;              /* next entry of the same prefix, or OR_NONE */
	uint32_t win;               /* its open window, or OR_NONE */
	uint32_t any, full;         /* vantage points routing to it now (full-feed) */
	bool visible;
};

/* A (prefix, origin) turned visible or invisible (timeline --by-origin). */
struct or_change {
	uint32_t ts;
	uint32_t prefix, origin;
	bool visible;
	/* full-feed vantage points routing to origin, of nfull whose route to
	 * the prefix is known (unknown ones are in neither), and all of them */
	uint32_t seen_full, nfull, seen_any;
};

/* A change of the vantage points routing to a (prefix, origin) (the chart). */
struct or_point {
	uint32_t ts;
	uint32_t entry;             /* or_entry index */
	uint32_t any;
};

struct origins {
	uint32_t *head;             /* per rib prefix: first entry, or OR_NONE */
	size_t nhead;
	struct or_entry *e;
	size_t ne, cape;
	struct or_window *w;
	size_t nw, capw;

	uint8_t *changed_mark;      /* per rib prefix: in changed[] */
	uint32_t *changed;          /* prefixes whose visible origins changed this second */
	size_t nchanged, capchanged;

	uint32_t *sorted;           /* prefixes with entries: sorted[0..nsorted) in
	                             * prefix order, then recent ones unsorted */
	size_t nsorted, nall, capsorted;

	bool keep_points;           /* record points for a chart */
	struct or_point *pt;
	size_t npt, cappt;

	void (*on_change)(const struct vis *v, const struct or_change *c, void *arg);
	void *arg;
	bool oom;
};

void origins_init(struct origins *o);
void origins_free(struct origins *o);
/* Hook to vis_hooks.on_decide: prefix p was re-decided at v->now. */
void origins_decide(struct origins *o, const struct vis *v, uint32_t p);
/* Hook to vis_hooks.on_tick: flags of the windows touched this second. */
void origins_tick(struct origins *o, const struct vis *v);
/* At the end of the data: open windows become ongoing (end: last time). */
void origins_finish(struct origins *o, const struct vis *v);
/* Windows in report order: start, then prefix, then origin. */
void origins_sort(struct origins *o, const struct vis *v);

/* The vantage points routing p to each origin now: calls fn per origin. */
void origins_count(const struct vis *v, uint32_t p,
                   void (*fn)(uint32_t origin, uint32_t any, uint32_t full, void *arg), void *arg);

static inline int64_t or_duration(const struct or_window *w)
{
	return (int64_t)w->end - (int64_t)w->start;
}

#endif
