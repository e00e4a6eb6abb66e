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

#include "blackout.h"
#include "fmt_report.h"
#include "outbuf.h"
#include "svg.h"
#include "targets.h"
#include "timeline.h"
#include "visibility.h"

struct reach {
	/* options */
	struct targets targets;
	const char *country, *delegations;
	struct vis_config cfg;
	enum report_fmt format;
	enum bo_sort sort;
	int64_t min_duration;
	int64_t interval;
	const char **files;
	size_t nfiles;
	const char *svg_path;       /* --svg FILE */
	int sparkline;              /* -1: when stdout is a terminal; 0: never; 1: always */

	/* run */
	bool is_timeline;
	struct vis vis;
	struct blackout bo;
	struct timeline tl;
	struct report_info info;
	struct outbuf *out;
	FILE *svg;                  /* opened by reach_parse */
	bool series_on;             /* the chart or the sparkline needs the series */
	bool series_vps;            /* ... with vantage point counts (the chart) */
	struct svg_series series;
};

/* Parses argv (after the command name) into r; prints help and exits 0 on
 * --help, exits 2 with one line on a bad value. */
void reach_parse(struct reach *r, int argc, char **argv, bool timeline,
                 void (*help)(void));
/* Runs the pipeline over r->files; returns the exit status. */
int reach_run(struct reach *r);
void reach_free(struct reach *r);

#endif
