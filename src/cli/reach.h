/*
 * reach.h — what `blackout` and `timeline` share: the target and rule
 * options, and the pipeline consumer that feeds visibility.
 * Owns: parsing those options (one-line errors, exit 2) and the run.
 * Never: formats (fmt_report.h) or decides visibility (visibility.h).
 */
#ifndef MRTREACH_REACH_H
#define MRTREACH_REACH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "state/blackout.h"
#include "cli/cmdline.h"
#include "report/fmt_origins.h"
#include "report/fmt_report.h"
#include "report/outbuf.h"
#include "report/svg.h"
#include "state/targets.h"
#include "state/origins.h"
#include "state/timeline.h"
#include "state/visibility.h"

/* The commands that share these options and this run. */
enum reach_cmd { REACH_BLACKOUT, REACH_TIMELINE, REACH_ORIGINS };

struct reach {
	/* options */
	struct targets targets;
	const char *country;
	struct deleg deleg;         /* every --delegations file */
	size_t ndeleg;
	char deleg_names[256];      /* the first of them, for messages */
	struct vis_config cfg;
	enum report_fmt format;
	const struct report_output *output;   /* report_outputs[format], chosen once */
	enum bo_sort sort;
	int64_t min_duration;
	int64_t interval;
	double below;               /* blackout --below F (0: total blackout) */
	enum share_weight weight;   /* --weight */
	const char **files;
	size_t nfiles;
	const char *svg_path;       /* --svg FILE ("-": standard output, no report) */
	double svg_width, svg_height, font_scale;   /* --svg-width/-height, --font-scale; 0: default */
	char command[1024];         /* the command line, for the chart's source line */
	int sparkline;              /* -1: when stdout is a terminal; 0: never; 1: always */
	struct common_opts common;  /* --progress, --quiet */
	bool by_origin;             /* timeline --by-origin */
	struct origins_filter filter;   /* origins --origin-is */
	const char *save_path;      /* --save-partial FILE */

	/* run */
	bool is_timeline;
	enum reach_cmd cmd;
	bool origins_on;            /* per (prefix, origin) state is kept */
	struct origins org;
	struct vis vis;
	struct blackout bo;
	struct timeline tl;
	struct report_info info;
	struct outbuf *out;
	int report_fd;              /* where the report goes (out's, once released) */
	/* --visibility N is checked against the full-feed vantage points once
	 * every collector's first RIB dump is read (or at the end): until then
	 * the report is held in memory, so a usage error comes before any of it.
	 * Held no longer once a collector with data can never have a RIB dump
	 * read (no input of it is a RIB file): the check cannot fail then. */
	bool count_checked;
	bool count_usage;           /* the check failed: the pass stops, exit 2 */
	bool every_rib;             /* every collector's RIB dump was read then */
	bool released;              /* the report goes out (before the check, when dumpless) */
	uint32_t beyond;            /* full-feed vantage points + 1 when N is above them */
	char *held;
	size_t nheld, capheld;
	bool *may_dump;             /* per collector: a RIB file is among its inputs */
	size_t nmay;
	FILE *svg;                  /* opened by reach_parse_cmd */
	struct svg_gap *gaps;       /* coverage gaps, for the chart */
	size_t ngaps;
	bool series_on;             /* the chart or the sparkline needs the series */
	bool series_vps;            /* ... with vantage point counts (the chart) */
	struct svg_series series;
};

/* Help text shared by blackout and timeline, which take the same targets,
 * rules, chart and progress options (see reach_parse_cmd). */
#define REACH_HELP_TARGET_LINES \
	"  --prefix P            the prefix P (repeatable)\n" \
	"  --prefixes FILE       prefixes, one per line, '#' comments\n" \
	"  --more-specific       also every prefix under P seen in the data\n" \
	"  --origin ASN          every prefix originated by ASN (repeatable)\n" \
	"  --country CC --delegations FILE\n" \
	"                        every prefix inside the space RIR delegation\n" \
	"                        files (plain, gzip, bzip2; repeat --delegations\n" \
	"                        for several) give to country CC\n"
#define REACH_HELP_RULES \
	"Rules:\n" \
	"  --visibility RULE     majority (default: at least half of the full-feed\n" \
	"                        vantage points), any, N (at least N full-feed VPs),\n" \
	"                        or a share of them (25%, 0.25; all of them: 100%,\n" \
	"                        as 1 means one VP)\n" \
	"  --full-feed FRACTION  full-feed = table at least FRACTION of the largest\n" \
	"                        (default 0.9, per address family, from RIB dumps)\n" \
	"  --covering            a prefix covered by a visible less-specific route\n" \
	"                        counts as reachable\n"
#define REACH_HELP_WEIGHT \
	"  --weight space|prefixes  the visible share weighs target prefixes by\n" \
	"                        address space (default: /24 units, IPv6 /48 units,\n" \
	"                        a prefix inside a visible one counted once) or\n" \
	"                        counts them\n"
#define REACH_HELP_CHART_PROGRESS \
	"  --svg FILE            also write a chart to FILE (SVG, for reports): target\n" \
	"                        prefixes visible, full-feed VPs holding a route (lower\n" \
	"                        panel), windows hatched and labelled (short ones\n" \
	"                        numbered and listed), missing data cross-hatched;\n" \
	"                        FILE - writes the chart to standard output instead\n" \
	"                        of the report\n" \
	REACH_HELP_SVG_SIZE \
	"  --sparkline           end the text report with a one-line chart of the\n" \
	"                        share of target prefixes visible (default: only when\n" \
	"                        standard output is a terminal)\n" \
	"  --no-sparkline        never print it\n" \
	REACH_HELP_PROGRESS
#define REACH_HELP_SVG_SIZE \
	"  --svg-width PX        chart width (480 to 20000, default 1200)\n" \
	"  --svg-height PX       chart height (300 to 20000; default: what the parts\n" \
	"                        need; the plots take what the text leaves)\n" \
	"  --font-scale F        every text larger or smaller (0.5 to 4, default 1)\n"
#define REACH_HELP_PROGRESS \
	"Shards (see \"More than one machine\" in the README):\n" \
	"  --save-partial FILE   write no report: save what this run read for the\n" \
	"                        targets to FILE (a partial), to be combined with\n" \
	"                        others: any FILE that is a partial is read as one\n" \
	"                        (alone or with MRT files), and the report is the\n" \
	"                        one a single run over all their inputs prints\n" \
	"Common options:\n" \
	CMDLINE_HELP_COMMON(2, 24)

/* Parses argv (after the command name) into r for command cmd; prints
 * help and exits 0 on --help, exits 2 with one line on a bad value
 * (cmdline.h). */
void reach_parse_cmd(struct reach *r, int argc, char **argv, enum reach_cmd cmd, const char *help);
/* Runs the pipeline over r->files; returns the exit status. */
int reach_run(struct reach *r);
void reach_free(struct reach *r);
/* Command cmd (blackout, timeline, origins) from its argv to its exit
 * status: parsed, run and freed. */
int reach_main(int argc, char **argv, enum reach_cmd cmd, const char *help);

#endif
