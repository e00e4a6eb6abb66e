/*
 * blackout.h — windows in which no target prefix was visible, or (--below F)
 * in which the visible share (share.h) was below F.
 * Owns: opening and closing windows from visibility ticks, "dark at data
 * start" and "ongoing" marks, bounds of windows next to undecided time (no
 * target visible, some unknown; with --below, less than half of the
 * target known, share.h: a window open then ends at its start, its
 * end bounded by the time the data decides again; a window dark then starts
 * with its start bounded by the undecided stretch; a window opened by a
 * collector restart's first session drops is withdrawn), the lowest share inside a window,
 * --min-duration and the sort orders.
 * Never: decides visibility (visibility.h) or prints (fmt_report.h).
 */
#ifndef MRTREACH_BLACKOUT_H
#define MRTREACH_BLACKOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "state/share.h"
#include "state/visibility.h"

struct bo_window {
	uint32_t start, end;        /* end: last data time while ongoing */
	bool from_start;            /* already dark when the data became known */
	bool ongoing;               /* still dark at the end of the data */
	uint32_t nvps;              /* vantage points known when it began */
	uint32_t nfull;             /* full-feed vantage points (targets' families) then */
	uint32_t start_any;         /* vantage points still holding a target route at the start */
	uint32_t start_full;        /* ... of which full-feed */
	uint32_t min_any;           /* fewest vantage points holding one during the window */
	uint32_t min_full;          /* fewest full-feed ones (stale routes show here) */
	uint32_t ntargets;          /* target prefixes: the first ntargets of vis.targets */
	uint32_t nheld;             /* vantage points that held a target route throughout */
	uint32_t held[4];           /* the first of them (rib vantage point indices) */
	double min_share;           /* lowest visible share inside (0 for a total blackout) */
	/* Bounds (visibility.h, "Unknown time"): a window whose start follows
	 * (or end precedes) a stretch in which the data decides nothing of the
	 * targets starts somewhere in [start_earliest, start] and ends somewhere
	 * in [end, end_latest]; start and end are what the data proves dark.
	 * Equal to start / end when exact. */
	uint32_t start_earliest, end_latest;
	bool start_undecided;       /* began in undecided time */
	bool end_undecided;         /* ended in undecided time */
};

enum bo_sort { BO_SORT_TIME, BO_SORT_DURATION };

struct blackout {
	struct bo_window *w;
	size_t n, cap;
	bool known;                 /* the data has become known (full-feed vantage points) */
	bool open;
	bool oom;
	bool undecided;             /* none visible and some unknown: no answer now */
	uint32_t undecided_since;
	size_t pending_end;         /* window (index + 1) that ended in undecided time */
	uint32_t restarts;          /* collector restarts seen (vis.restarts) */
	uint64_t *held;             /* open window: held a target route at every tick */
	size_t heldwords;
	double below;               /* --below F: dark while the share < F; 0: none visible */
	enum share_weight weight;
	struct share share;
};

void blackout_init(struct blackout *b);
void blackout_free(struct blackout *b);
/* Windows are the stretches with a visible share below `below` (0 < below
 * <= 1) by weight w, instead of those with no target prefix visible. */
void blackout_set_below(struct blackout *b, double below, enum share_weight w);
/* After each visibility tick at ts (hook it to vis_hooks.on_tick). */
void blackout_tick(struct blackout *b, const struct vis *v, uint32_t ts);
/* At the end of the data: closes nothing, marks an open window ongoing; with
 * no target prefix in the data at all, drops every window. */
void blackout_finish(struct blackout *b, const struct vis *v);
/* Keeps windows lasting at least min_duration seconds, in the given order
 * (time: earliest first; duration: longest first). Returns the count. */
size_t blackout_select(struct blackout *b, int64_t min_duration, enum bo_sort sort);

static inline int64_t bo_duration(const struct bo_window *w)
{
	return (int64_t)w->end - (int64_t)w->start;
}

#endif
