/*
 * fmt_origins.h — the windows of `mrtreach origins` and the per-origin
 * changes of `timeline --by-origin`, as text, TSV and JSON Lines.
 * Owns: their layout (keys prefix, origin, start, end, start_ts, end_ts,
 * duration_s, peak_vps, moas, more_specific_of), one struct origins_output
 * per format. Never: decides anything, or tests which format it writes.
 */
#ifndef MRTREACH_FMT_ORIGINS_H
#define MRTREACH_FMT_ORIGINS_H

#include "report/fmt_report.h"
#include "state/origins.h"

/* Which windows to print: every one, or only those of one origin AS. */
struct origins_filter {
	bool one_origin;
	uint32_t asn;
};

bool origins_filter_keeps(const struct origins_filter *f, const struct vis *v,
                          const struct or_window *w);

/* One table of functions per format (as struct report_output). */
struct origins_output {
	/* origins: the header (text, tsv) and one line per window the filter
	 * keeps, in the order given. */
	void (*origins)(struct outbuf *o, const struct report_info *ri, const struct vis *v,
	                const struct origins *org, const struct origins_filter *flt);
	/* timeline --by-origin: the header (text, tsv), and one line per change. */
	void (*change_head)(struct outbuf *o, const struct report_info *ri);
	void (*change)(struct outbuf *o, const struct vis *v, const struct or_change *c);
};

/* The tables by enum report_fmt. */
extern const struct origins_output *const origins_outputs[3];

#endif
