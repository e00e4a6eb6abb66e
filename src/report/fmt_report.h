/*
 * fmt_report.h — blackout windows and visibility timelines as text (for
 * people), TSV (for spreadsheets and gnuplot) and JSON Lines (for programs).
 * Owns: the layout of those reports, one struct report_output per format.
 * Never: decides what is dark or visible, or tests which format it writes.
 */
#ifndef MRTREACH_FMT_REPORT_H
#define MRTREACH_FMT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "io/coverage.h"
#include "state/blackout.h"
#include "report/outbuf.h"
#include "state/timeline.h"
#include "state/visibility.h"

/* The formats, in the order of report_outputs[] (their names are cli's). */
enum report_fmt { REPORT_TEXT, REPORT_TSV, REPORT_JSON };

/* What the header says. */
struct report_info {
	const char *command;          /* "blackout", "timeline" */
	char targets[512];            /* targets_describe() */
	char rule[256];               /* vis_rule_describe() */
	char rule_name[32];           /* "majority", "any", "3", "0.25" */
	bool covering;
	const char *sort;             /* blackout: "time" or "duration" */
	int64_t min_duration;
	double below;                 /* blackout --below F; 0: total blackout */
	const char *weight;           /* "space" or "prefixes" */
	char **collectors;            /* names by collector index */
	size_t ncollectors;
	const struct cov_gap *gaps;   /* gaps in the data, by time (io/coverage.h) */
	size_t ngaps;
};

/* Duration for people: "45s", "3m12s", and whole minutes from an hour on ("9h31m"). */
void report_duration(int64_t secs, char *dst);

/* A share for people ("8.3%", "0%", "100%") and for programs ("0.083333"). */
void report_share_text(double share, char *dst, size_t len);
void report_share_num(double share, char *dst, size_t len);
/* /24 units: "1024", "0.50". */
void report_units(double units, char *dst, size_t len);

/* "route-views2 (38 vantage points, full-feed: 30 IPv4, 12 IPv6), rrc00 (...)",
 * by name: the collectors line of every report's header. */
void report_collectors(struct outbuf *o, const struct report_info *ri, const struct vis *v);

/* The text header of a report of windows: "COMMAND of TARGETS: N target
 * prefixes in the data", the rule (with rule_note after it), the
 * collectors. False (after saying so) when no target is in the data. */
bool report_text_head(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                      const char *rule_note);
/* A window's times. JSON: "start":"ISO","end":"ISO"|null,"start_ts":N,
 * "end_ts":N|null, (with the comma). TSV: start, end|ongoing, start_ts,
 * end_ts (empty when ongoing), duration_s, duration, each with a tab.
 * Text: s and e (23 columns, "ongoing" padded) and d, each of 32 bytes. */
void report_json_times(struct outbuf *o, uint32_t start, uint32_t end, bool ongoing);
void report_tsv_times(struct outbuf *o, uint32_t start, uint32_t end, bool ongoing);
void report_text_times(uint32_t start, uint32_t end, bool ongoing, char *s, char *e, char *d);

/*
 * One table of functions per format (in the manner of bgpctl's struct
 * output): the command picks one once, and no function tests the format.
 */
struct report_output {
	/* blackout: the header (text, tsv) and one line per window. */
	void (*blackout)(struct outbuf *o, const struct report_info *ri, const struct vis *v,
	                 const struct blackout *b);
	/* timeline: the header before the data (series: --interval), one line
	 * per change, the regular series, the summary after the data. */
	void (*timeline_head)(struct outbuf *o, const struct report_info *ri, bool series);
	void (*change)(struct outbuf *o, const struct vis *v, const struct vis_change *c);
	void (*series)(struct outbuf *o, const struct vis *v, const struct timeline *t);
	void (*timeline_tail)(struct outbuf *o, const struct report_info *ri, const struct vis *v);
};

extern const struct report_output report_output_text, report_output_tsv, report_output_json;
/* The tables by enum report_fmt. */
extern const struct report_output *const report_outputs[3];

#endif
