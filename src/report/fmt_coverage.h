/*
 * fmt_coverage.h — each collector's coverage (io/coverage.h) for people and
 * programs: first and last time, files, RIB dumps, gaps; the part of the
 * reports of stats and peers that says when each collector's data is
 * present.
 * Owns: that layout (text lines, TSV keys, a JSON array). Never: computes
 * coverage (io/coverage.c), or writes the rest of a report.
 */
#ifndef MRTREACH_FMT_COVERAGE_H
#define MRTREACH_FMT_COVERAGE_H

#include <stddef.h>

#include "io/coverage.h"
#include "report/outbuf.h"

/* One collector's coverage, by name. */
struct report_cov {
	const char *name;
	struct cov_collector k;
};

/* Every collector's coverage (in the order of their names) and every gap
 * by time, with its collector's name. */
struct cov_view {
	const struct report_cov *cov;   /* NULL: nothing to say */
	size_t ncollectors;
	const struct cov_gap *gaps;
	const char *const *gap_names;
	size_t ngaps;
};

/* "coverage  NAME: FIRST to LAST, N files (M RIB dumps), no gap" per
 * collector, then one line per gap; every line begins with lead ("" or
 * "# " where the lines are comments of a table). */
void cov_text(struct outbuf *o, const struct cov_view *c, const char *lead);
/* coverage.NAME.first_ts ... key/value lines (stats' TSV). */
void cov_tsv_keys(struct outbuf *o, const struct cov_view *c);
/* [{"collector":..,"first_ts":..,"last_ts":..,"files":..,"rib_files":..,
 * "gap_seconds":..,"gaps":[{"from_ts","until_ts","reason"}]}, ...] */
void cov_json_array(struct outbuf *o, const struct cov_view *c);

#endif
