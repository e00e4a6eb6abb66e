/*
 * fmt_scan.h — the events of `mrtreach scan` as text, TSV and JSON Lines.
 * Owns: their columns, keys and header. Never: decides what is an event.
 */
#ifndef MRTREACH_FMT_SCAN_H
#define MRTREACH_FMT_SCAN_H

#include "io/coverage.h"
#include "report/fmt_report.h"
#include "report/outbuf.h"
#include "state/scan.h"

struct scan_info {
	char rule[256];             /* vis_rule_describe() */
	double below;
	int64_t min_duration;
	double min_size;
	const char *sort;           /* "severity" or "time" */
	size_t ndeleg;              /* delegation files read */
	const struct cov_gap *nodata;  /* stretches without any collector's data */
	size_t nnodata;
};

void report_scan(struct outbuf *o, enum report_fmt f, const struct scan_info *si,
                 const struct scan *s);

#endif
