/*
 * timeline.h — how the visibility of each target prefix changed over time:
 * the list of changes, or a regular series (--interval) for plotting.
 * Owns: sampling at interval boundaries and the series kept until the end.
 * Never: decides visibility (visibility.h) or formats (fmt_report.h).
 */
#ifndef MRTREACH_TIMELINE_H
#define MRTREACH_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "state/share.h"
#include "state/origins.h"
#include "state/visibility.h"

/* Per-prefix columns are kept for at most this many target prefixes. */
#define TL_MAX_COLUMNS 256

struct tl_sample {
	uint32_t ts;
	uint32_t nvisible;          /* target prefixes visible */
	uint32_t nunknown;          /* target prefixes unknown (neither visible nor dark) */
	uint32_t ntargets;          /* target prefixes so far */
	uint32_t nfull;             /* full-feed vantage points (the targets' families) */
	double slash24;             /* visible /24 units (share.h) */
	double share;               /* visible share by the timeline's weight */
	size_t col;                 /* its per-prefix counts start at counts[col] */
	uint32_t ncols;             /* how many (the first ncols targets) */
};

struct timeline {
	uint32_t interval;          /* seconds; 0: changes only */
	uint32_t next;              /* next boundary to sample; 0: not known yet */
	bool last;                  /* next was the last boundary before 2^32: sampled */
	struct tl_sample *s;
	size_t n, cap;
	uint16_t *counts;           /* full-feed vantage points seeing each target */
	size_t ncounts, capcounts;
	bool columns;               /* per-prefix counts are kept */
	/* By origin (timeline --by-origin --interval): one column per origin
	 * class instead, in the order first seen: the full-feed vantage points
	 * routing a target prefix to that origin, summed over the targets. */
	const struct origins *org;
	uint32_t *col_origin;
	size_t ncol_origin, capcol_origin;
	bool oom;
	enum share_weight weight;   /* of the share column (--weight) */
	struct share share;
};

void timeline_init(struct timeline *t, uint32_t interval, bool columns);
void timeline_free(struct timeline *t);
/* Columns by origin from org's per (prefix, origin) counts (set it before
 * the first sample). */
void timeline_by_origin(struct timeline *t, const struct origins *org);
/* Hook to vis_hooks.on_advance: samples every boundary before ts. */
void timeline_advance(struct timeline *t, const struct vis *v, uint32_t ts);
/* At the end of the data: samples the boundaries up to the last time. */
void timeline_finish(struct timeline *t, const struct vis *v);
/* Samples boundary b from the current state (exposed for tests). */
void timeline_sample(struct timeline *t, const struct vis *v, uint32_t b);

#endif
