/*
 * fmt_origins.h — the windows of `mrtreach origins` and the per-origin
 * changes of `timeline --by-origin`, as text, TSV and JSON Lines.
 * Owns: their layout (keys prefix, origin, start, end, start_ts, end_ts,
 * duration_s, peak_vps, moas, more_specific_of). Never: decides anything.
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

/* origins: header (text, tsv) and one line per window, in the order given. */
void report_origins(struct outbuf *o, enum report_fmt f, const struct report_info *ri,
                    const struct vis *v, const struct origins *org,
                    const struct origins_filter *flt);

/* timeline --by-origin: the header, and one line per change. */
void report_origin_change_head(struct outbuf *o, enum report_fmt f, const struct report_info *ri);
void report_origin_change(struct outbuf *o, enum report_fmt f, const struct vis *v,
                          const struct or_change *c);

#endif
