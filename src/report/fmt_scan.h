/*
 * fmt_scan.h — the events of `mrtreach scan` as text, TSV and JSON Lines.
 * Owns: their columns, keys and header, one struct scan_output per format.
 * Never: decides what is an event, or tests which format it writes.
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

/* One table of functions per format (as struct report_output). */
struct scan_output {
	/* The header (text: entities, rule, event count and the column names
	 * when there are events; tsv: two # lines; json: nothing). */
	void (*head)(struct outbuf *o, const struct scan_info *si, const struct scan *s);
	void (*event)(struct outbuf *o, const struct scan_event *e);
	/* A stretch without any collector's data. */
	void (*no_data)(struct outbuf *o, const struct cov_gap *g);
};

/* The tables by enum report_fmt. */
extern const struct scan_output *const scan_outputs[3];

/* The header, every event in the order given, then the stretches without data. */
void report_scan(struct outbuf *o, const struct scan_output *out, const struct scan_info *si,
                 const struct scan *s);

#endif
