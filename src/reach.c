/*
 * reach.c — shared options and the pipeline consumer of blackout/timeline.
 * Owns: option values to configuration, hooks from visibility to windows,
 * series and reports. Never: keeps routing state itself.
 */
#include "reach.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "opts.h"
#include "pipeline.h"

enum {
	O_PREFIX = 256, O_PREFIXES, O_MORE, O_ORIGIN, O_COUNTRY, O_DELEG, O_VIS,
	O_FULL, O_COVERING, O_FORMAT, O_SORT, O_MIN, O_INTERVAL,
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
		case ':':
			diag_usage("%s: %s needs a value", cmd, argv[optind - 1]);
		default:
			diag_usage("%s: unknown option '%s' (try 'mrtreach %s --help')", cmd,
			           argv[optind - 1], cmd);
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

/* ---- the run ------------------------------------------------------------ */

static void on_tick(struct vis *v, uint32_t ts, void *arg)
{
	struct reach *r = arg;
	if (!r->is_timeline)
		blackout_tick(&r->bo, v, ts);
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

	if (r->is_timeline)
		report_timeline_head(&out, r->format, &r->info, r->interval > 0);

	struct pipeline_consumer c = { c_elem, c_source_end, c_start, r };
	int status = pipeline_run(r->files, r->nfiles, &c);
	vis_flush(&r->vis);

	if (r->is_timeline) {
		if (r->interval > 0) {
			timeline_finish(&r->tl, &r->vis);
			report_series(&out, r->format, &r->vis, &r->tl);
		}
		report_timeline_tail(&out, r->format, &r->info, &r->vis);
	} else {
		blackout_finish(&r->bo, &r->vis);
		blackout_select(&r->bo, r->min_duration, r->sort);
		report_blackout(&out, r->format, &r->info, &r->vis, &r->bo);
	}
	out_flush(&out);
	if (r->vis.rib.oom || r->bo.oom || r->tl.oom) {
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
	for (size_t i = 0; i < r->info.ncollectors; i++)
		free(r->info.collectors[i]);
	free(r->info.collectors);
}
