/*
 * fmt_stats.h — the report of `mrtreach stats`: files, collectors, time
 * range, records by type, damage, elements, prefixes and peers, as text for
 * people, TSV key/value lines or one JSON object.
 * Owns: that layout, one struct stats_output per format. Never: counts
 * (stats.c), or tests which format it writes.
 */
#ifndef MRTREACH_FMT_STATS_H
#define MRTREACH_FMT_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "decode/decode.h"
#include "report/fmt_coverage.h"
#include "report/fmt_report.h"
#include "report/outbuf.h"
#include "state/stats.h"

/* What the report shows. */
struct stats_report {
	const struct stats *s;
	size_t files;
	char *const *collectors;     /* names, sorted */
	size_t ncollectors;
	const struct decode_stats *ds;
	uint64_t damage;             /* damaged spots found (reported or summarised) */
	size_t vps, addrs;           /* vantage points, peer addresses */
	struct cov_view coverage;    /* per collector, in the order of collectors */
};

/* One table of functions per format (as struct report_output). */
struct stats_output {
	void (*report)(struct outbuf *o, const struct stats_report *r);
};

/* The tables by enum report_fmt. */
extern const struct stats_output *const stats_outputs[3];

#endif
