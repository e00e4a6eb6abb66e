/*
 * fmt_peers.h — the report of `mrtreach peers`: one line per vantage point
 * (table sizes, full-feed flags, update counters, first and last seen) as
 * aligned text, TSV or JSON Lines, then each collector's coverage as stats
 * shows it (fmt_coverage.h: lines after the table, '#' comments in TSV, a
 * last {"coverage":[...]} line in JSON).
 * Owns: that layout, one struct peers_output per format. Never: counts
 * (peers.c), sorts (peers_sorted), or tests which format it writes.
 */
#ifndef MRTREACH_FMT_PEERS_H
#define MRTREACH_FMT_PEERS_H

#include <stddef.h>
#include <stdint.h>

#include "report/fmt_coverage.h"
#include "report/fmt_report.h"
#include "report/outbuf.h"
#include "state/peers.h"

/* What the report shows: the vantage points of p in the given order. */
struct peers_report {
	const struct peers *p;
	char *const *names;          /* collector names by collector index */
	size_t nnames;
	const uint32_t *order;       /* p->vt.n indices (peers_sorted) */
	struct cov_view coverage;    /* each collector's coverage, by name (as stats) */
};

/* One table of functions per format (as struct report_output). */
struct peers_output {
	void (*report)(struct outbuf *o, const struct peers_report *r);
};

/* The tables by enum report_fmt. */
extern const struct peers_output *const peers_outputs[3];

#endif
