/*
 * reach.c — shared options and the pipeline consumer of blackout/timeline.
 * Owns: option values to configuration, hooks from visibility to windows,
 * series and reports. Never: keeps routing state itself.
 */
#include "cli/reach.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmdline.h"
#include "report/diag.h"
#include "cli/opts.h"
#include "cli/pipeline.h"
#include "report/progress.h"

enum {
	O_PREFIX = 256, O_PREFIXES, O_MORE, O_ORIGIN, O_COUNTRY, O_DELEG, O_VIS,
	O_FULL, O_COVERING, O_FORMAT, O_SORT, O_MIN, O_INTERVAL, O_SVG, O_SPARK, O_NOSPARK,
	O_PROGRESS, O_QUIET, O_BELOW, O_WEIGHT,
};

static const struct option long_opts[] = {
	{ "prefix", required_argument, NULL, O_PREFIX },
	{ "prefixes", required_argument, NULL, O_PREFIXES },
	{ "more-specific", no_argument, NULL, O_MORE },
	{ "origin", required_argument, NULL, O_ORIGIN },
	{ "country", required_argument, NULL, O_COUNTRY },
	{ "delegations", required_argument, NULL, O_DELEG },
	{ "visibility", required_argument, NULL, O_VIS },
	{ "full-feed", required_argument, NULL, O_FULL },
	{ "covering", no_argument, NULL, O_COVERING },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "sort", required_argument, NULL, O_SORT },
	{ "min-duration", required_argument, NULL, O_MIN },
	{ "interval", required_argument, NULL, O_INTERVAL },
	{ "svg", required_argument, NULL, O_SVG },
	{ "sparkline", no_argument, NULL, O_SPARK },
	{ "no-sparkline", no_argument, NULL, O_NOSPARK },
	{ "progress", no_argument, NULL, O_PROGRESS },
	{ "quiet", no_argument, NULL, O_QUIET },
	{ "below", required_argument, NULL, O_BELOW },
	{ "weight", required_argument, NULL, O_WEIGHT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

void reach_parse(struct reach *r, int argc, char **argv, bool timeline, void (*help)(void))
{
	const char *cmd = timeline ? "timeline" : "blackout";
	char err[512];

	memset(r, 0, sizeof *r);
	targets_init(&r->targets);
	r->is_timeline = timeline;
	r->cfg.rule.kind = VIS_FRACTION;
	r->cfg.rule.fraction = 0.5;
	r->cfg.full_feed = 0.9;
	r->format = REPORT_TEXT;
	r->sort = BO_SORT_TIME;
	r->sparkline = -1;

	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":h", long_opts, NULL)) != -1) {
		struct prefix p;
		uint32_t asn;
		switch (c) {
		case 'h':
			help();
			exit(EXIT_OK);
		case O_PREFIX:
			if (!prefix_parse(optarg, &p, false))
				diag_usage("%s: --prefix: not a prefix: '%s'", cmd, optarg);
			if (!targets_add_prefix(&r->targets, &p))
				diag_usage("out of memory");
			break;
		case O_PREFIXES:
			if (!targets_load_prefixes(&r->targets, optarg, err, sizeof err))
				diag_usage("%s: --prefixes: %s", cmd, err);
			break;
		case O_MORE:
			r->targets.more_specific = true;
			break;
		case O_ORIGIN:
			if (!opt_parse_asn(optarg, &asn))
				diag_usage("%s: --origin: not an AS number: '%s'", cmd, optarg);
			if (!targets_add_origin(&r->targets, asn))
				diag_usage("out of memory");
			break;
		case O_COUNTRY:
			r->country = optarg;
			break;
		case O_DELEG:
			r->delegations = optarg;
			break;
		case O_VIS:
			if (!vis_rule_parse(optarg, &r->cfg.rule))
				diag_usage("%s: --visibility: want any, majority, a count or a fraction, not '%s'",
				           cmd, optarg);
			break;
		case O_FULL:
			if (!opt_parse_fraction(optarg, &r->cfg.full_feed))
				diag_usage("%s: --full-feed: want a fraction in [0, 1], not '%s'", cmd, optarg);
			break;
		case O_COVERING:
			r->cfg.covering = true;
			break;
		case O_FORMAT:
			if (!report_fmt_parse(optarg, &r->format))
				diag_usage("%s: --format: want text, tsv or json, not '%s'", cmd, optarg);
			break;
		case O_SORT:
			if (timeline)
				diag_usage("timeline: --sort is a blackout option");
			if (strcmp(optarg, "time") == 0)
				r->sort = BO_SORT_TIME;
			else if (strcmp(optarg, "duration") == 0)
				r->sort = BO_SORT_DURATION;
			else
				diag_usage("%s: --sort: want time or duration, not '%s'", cmd, optarg);
			break;
		case O_MIN:
			if (timeline)
				diag_usage("timeline: --min-duration is a blackout option");
			if (!opt_parse_duration(optarg, &r->min_duration) || r->min_duration < 0)
				diag_usage("%s: --min-duration: not a duration: '%s'", cmd, optarg);
			break;
		case O_INTERVAL:
			if (!timeline)
				diag_usage("blackout: --interval is a timeline option");
			if (!opt_parse_duration(optarg, &r->interval) || r->interval <= 0 ||
			    r->interval > 366 * 86400)
				diag_usage("%s: --interval: want a positive duration (5m, 1h), not '%s'", cmd, optarg);
			break;
		case O_SVG:
			if (!*optarg)
				diag_usage("%s: --svg: want a file name", cmd);
			r->svg_path = optarg;
			break;
		case O_SPARK:
			r->sparkline = 1;
			break;
		case O_NOSPARK:
			r->sparkline = 0;
			break;
		case O_BELOW:
			if (timeline)
				diag_usage("timeline: --below is a blackout option");
			if (!opt_parse_fraction(optarg, &r->below) || r->below <= 0)
				diag_usage("%s: --below: want a share in (0, 1] (0.2, 20%%), not '%s'", cmd, optarg);
			break;
		case O_WEIGHT:
			if (!share_weight_parse(optarg, &r->weight))
				diag_usage("%s: --weight: want space or prefixes, not '%s'", cmd, optarg);
			break;
		case O_PROGRESS:
			progress_set_mode(PROGRESS_ON);
			break;
		case O_QUIET:
			progress_set_mode(PROGRESS_OFF);
			break;
		default:
			cmdline_refused(cmd, long_opts, c, argv[optind - 1]);
		}
	}
	if (!!r->country != !!r->delegations)
		diag_usage("%s: --country and --delegations go together", cmd);
	if (r->country && !targets_load_delegations(&r->targets, r->delegations, r->country,
	                                            err, sizeof err))
		diag_usage("%s: %s", cmd, err);
	if (!timeline && targets_all(&r->targets))
		diag_usage("blackout: no targets: give --prefix, --prefixes, --origin or --country");
	if (optind >= argc)
		diag_usage("%s: no input files (try 'mrtreach %s --help')", cmd, cmd);
	r->files = (const char **)(argv + optind);
	r->nfiles = (size_t)(argc - optind);
	if (!targets_finalize(&r->targets))
		diag_usage("out of memory");
	r->cfg.targets = &r->targets;
}

/* Opens the chart file once the inputs are known to open, before the long
 * run: a path that cannot be written is a usage error then, not a lost
 * chart after it; and a typo naming an input must not truncate it. */
static void open_svg(struct reach *r)
{
	const char *cmd = r->is_timeline ? "timeline" : "blackout";
	struct stat out, in;
	if (stat(r->svg_path, &out) == 0)
		for (size_t i = 0; i < r->nfiles; i++)
			if (stat(r->files[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
				diag_usage("%s: --svg: %s is an input file", cmd, r->svg_path);
	if (!(r->svg = fopen(r->svg_path, "w")))
		diag_usage("%s: --svg: %s: %s", cmd, r->svg_path, strerror(errno));
}

/* ---- the run ------------------------------------------------------------ */

static void on_tick(struct vis *v, uint32_t ts, void *arg)
{
	struct reach *r = arg;
	if (!r->is_timeline || r->svg)
		blackout_tick(&r->bo, v, ts);
	if (r->series_on) {
		struct svg_point pt = { .ts = ts, .visible = v->nvisible, .targets = (uint32_t)v->ntargets };
		if (r->series_vps) {
			uint32_t any;
			vis_target_holders(v, &any, &pt.vps, &pt.nfull);
		}
		/* the share blackout_tick just brought up to date */
		if (r->below > 0 && (!r->is_timeline || r->svg))
			pt.share = (uint32_t)(share_value(&r->bo.share, v, r->weight) * 10000 + 0.5);
		svg_series_add(&r->series, &pt);
	}
}

static void on_change(struct vis *v, const struct vis_change *c, void *arg)
{
	struct reach *r = arg;
	if (r->is_timeline && r->interval == 0)
		report_change(r->out, r->format, v, c);
}

static void on_advance(struct vis *v, uint32_t ts, void *arg)
{
	struct reach *r = arg;
	if (r->is_timeline && r->interval > 0)
		timeline_advance(&r->tl, v, ts);
}

static int c_elem(const struct elem *e, void *arg)
{
	struct reach *r = arg;
	vis_elem(&r->vis, e);
	return out_ok(r->out) ? 0 : 1;
}

static void c_source_end(const struct source *src, const struct merge *m, void *arg)
{
	(void)m;
	struct reach *r = arg;
	vis_source_end(&r->vis, src->index);
}

static void c_start(const struct merge *m, void *arg)
{
	struct reach *r = arg;
	if (r->svg_path)
		open_svg(r);
	size_t n = merge_collector_count(m);
	r->info.collectors = calloc(n ? n : 1, sizeof *r->info.collectors);
	if (!r->info.collectors)
		return;
	for (size_t i = 0; i < n; i++) {
		const char *name = merge_collector_name(m, (uint32_t)i);
		r->info.collectors[i] = strdup(name ? name : "");
		if (!r->info.collectors[i])
			return;
		r->info.ncollectors = i + 1;
	}
}

/* Columns the sparkline may take: what the terminal leaves beside the two
 * times ("Dec 21 00:00 " and " Dec 23 05:59 UTC", 30 columns, and one spare
 * so the line never wraps). */
static size_t spark_width(void)
{
	struct winsize ws;
	size_t cols = 64;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		cols = ws.ws_col > 31 ? (size_t)ws.ws_col - 31 : 16;
	return cols < 16 ? 16 : cols > 80 ? 80 : cols;
}

static void print_sparkline(struct reach *r, struct outbuf *o)
{
	if (!r->vis.started)
		return;
	double b[80];
	char line[80 * 3 + 1], t0[32], t1[32];
	size_t n = spark_width();
	svg_spark_buckets(&r->series, r->vis.first_ts, r->vis.now, b, n);
	svg_sparkline(b, n, line, sizeof line);
	svg_tick_label(r->vis.first_ts, 0, t0, sizeof t0);
	svg_tick_label(r->vis.now, 0, t1, sizeof t1);
	out_char(o, '\n');
	out_str(o, t0);
	out_char(o, ' ');
	out_str(o, line);
	out_char(o, ' ');
	out_str(o, t1);
	out_str(o, " UTC\n");
}

/* "route-views2, rrc00", at most a handful named. */
static void collector_list(const struct report_info *ri, char *dst, size_t len)
{
	size_t k = 0;
	dst[0] = '\0';
	for (size_t i = 0; i < ri->ncollectors && k < len; i++) {
		if (i == 6) {
			snprintf(dst + k, len - k, " and %zu more", ri->ncollectors - 6);
			return;
		}
		const char *name = ri->collectors[i][0] ? ri->collectors[i] : "(unnamed)";
		int n = snprintf(dst + k, len - k, "%s%s", i ? ", " : "", name);
		if (n < 0)
			return;
		k += (size_t)n;
	}
}

static bool write_svg(struct reach *r)
{
	char coll[512];
	collector_list(&r->info, coll, sizeof coll);
	struct svg_chart c = {
		.targets = r->info.targets, .collectors = coll, .rule = r->info.rule,
		.t0 = r->vis.first_ts, .t1 = r->vis.now, .vps = r->series_vps,
		.s = &r->series, .w = r->bo.w, .nw = r->bo.n, .below = r->below,
	};
	bool ok = svg_write(r->svg, &c);
	if (fclose(r->svg) != 0)
		ok = false;
	r->svg = NULL;
	return ok;
}

int reach_run(struct reach *r)
{
	static struct outbuf out;
	out_init(&out, 1);
	r->out = &out;

	struct vis_hooks hooks = { on_advance, on_change, on_tick, r };
	if (!vis_init(&r->vis, &r->cfg, &hooks))
		diag_usage("out of memory");
	blackout_init(&r->bo);
	timeline_init(&r->tl, (uint32_t)r->interval, !targets_all(&r->targets));

	r->info.command = r->is_timeline ? "timeline" : "blackout";
	targets_describe(&r->targets, r->info.targets, sizeof r->info.targets);
	vis_rule_describe(&r->cfg.rule, r->cfg.covering, r->info.rule, sizeof r->info.rule);
	report_rule_name(&r->cfg.rule, r->info.rule_name, sizeof r->info.rule_name);
	r->info.covering = r->cfg.covering;
	r->info.sort = r->sort == BO_SORT_DURATION ? "duration, longest first" : "time";
	r->info.min_duration = r->min_duration;

	r->info.below = r->below;
	r->info.weight = share_weight_name(r->weight);
	blackout_set_below(&r->bo, r->below, r->weight);
	r->tl.weight = r->weight;

	if (r->is_timeline)
		report_timeline_head(&out, r->format, &r->info, r->interval > 0);

	r->sparkline = r->format == REPORT_TEXT &&
	               (r->sparkline == 1 || (r->sparkline == -1 && isatty(STDOUT_FILENO)));
	r->series_on = r->sparkline || r->svg_path;
	/* Every prefix in the data: every vantage point holds one, so the
	 * count says nothing (and costs a pass over all prefixes per second). */
	r->series_vps = r->svg_path && !targets_all(&r->targets);
	svg_series_init(&r->series);
	progress_stdout_streams(r->is_timeline && r->interval == 0);

	struct pipeline_consumer c = { c_elem, c_source_end, c_start, r };
	int status = pipeline_run(r->files, r->nfiles, &c);
	vis_flush(&r->vis);

	if (r->is_timeline) {
		if (r->interval > 0) {
			timeline_finish(&r->tl, &r->vis);
			report_series(&out, r->format, &r->vis, &r->tl);
		}
		report_timeline_tail(&out, r->format, &r->info, &r->vis);
		if (r->svg) {
			blackout_finish(&r->bo, &r->vis);
			blackout_select(&r->bo, 0, BO_SORT_TIME);
		}
	} else {
		blackout_finish(&r->bo, &r->vis);
		blackout_select(&r->bo, r->min_duration, r->sort);
		report_blackout(&out, r->format, &r->info, &r->vis, &r->bo);
	}
	if (r->sparkline)
		print_sparkline(r, &out);
	out_flush(&out);
	if (r->svg && !write_svg(r)) {
		diag_error("%s: cannot write the chart", r->svg_path);
		status = EXIT_DAMAGED;
	}
	if (r->vis.rib.oom || r->bo.oom || r->tl.oom || r->series.oom) {
		diag_error("out of memory: results are incomplete");
		status = EXIT_DAMAGED;
	}
	if (out.failed)
		status = EXIT_DAMAGED;
	return status;
}

void reach_free(struct reach *r)
{
	vis_free(&r->vis);
	blackout_free(&r->bo);
	timeline_free(&r->tl);
	targets_free(&r->targets);
	svg_series_free(&r->series);
	if (r->svg)
		fclose(r->svg);
	for (size_t i = 0; i < r->info.ncollectors; i++)
		free(r->info.collectors[i]);
	free(r->info.collectors);
}
