/*
 * cmd_scan.c — mrtreach scan: outages of origin ASes and countries found
 * without naming a target. Owns: its options, --help and the run.
 * Never: computes levels (state/scan.c) or formats (report/fmt_scan.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/cmdline.h"
#include "cli/pipeline.h"
#include "report/diag.h"
#include "report/fmt_scan.h"
#include "state/scan.h"
#include "state/targets.h"

static const char help_text[] =
"usage: mrtreach scan [OPTIONS] FILE...\n"
"\n"
"Finds outages without being told where to look: every origin AS and, with\n"
"--delegations, every country gets a level (its visible /24 units over\n"
"time); an event is a stretch in which the level is far below its normal\n"
"(the median of its hourly samples over the preceding 24 hours).\n"
"\n"
"Options:\n"
"  --delegations FILE    RIR delegation file (plain, gzip or bzip2); repeat\n"
"                        for several (all five RIRs'): adds countries\n"
"  --below F             an event is a level below F x normal (default 0.2)\n"
"  --min-duration D      events last at least D (default 5m)\n"
"  --min-size N          skip entities whose normal level is under N /24\n"
"                        units (default 1)\n"
"  --sort severity|time  by severity ((1 - depth) x duration, the default)\n"
"                        or by start time\n"
"  --format text|tsv|json  json keys: kind, id, start, end, start_ts, end_ts,\n"
"                        duration_s, ongoing, depth, normal_slash24,\n"
"                        normal_prefixes, dark_prefixes, cut (tsv: the\n"
"                        same columns, cut 1 or 0)\n"
"  --visibility RULE     majority (default), any, N or a fraction\n"
"  --full-feed FRACTION  full-feed = table at least FRACTION of the largest\n"
"Shards (see \"More than one machine\" in the README):\n"
"  --save-partial FILE   write no report: save every route this run read to\n"
"                        FILE (a partial, about a byte per route of a\n"
"                        TABLE_DUMP_V2 RIB dump), to be combined with others:\n"
"                        any FILE that is a partial is read as one (alone or\n"
"                        with MRT files), and the report is the one a single\n"
"                        run over all their inputs prints, with any of the\n"
"                        options above (--delegations too) given when combining\n"
"Common options:\n"
CMDLINE_HELP_COMMON(2, 24)
"\n"
"Semantics: a prefix's origin is the last AS of the path most full-feed\n"
"vantage points hold (an AS_SET origin counts for no AS); its country is\n"
"the one whose delegated space holds its first address. Level: /24 units\n"
"of the union of visible prefixes (IPv6 /48 units), nested ones once.\n"
"Depth: lowest level / normal. 'man mrtreach' states every rule.\n"
"\n"
"Example (Egypt, January 2011):\n"
"  mrtreach scan --delegations delegated-afrinic-extended-20110126 \\\n"
"      route-views2/rib.20110126.0000.bz2 route-views2/updates.201101*.bz2\n"
"\n"
"Exit status: 0 clean, 1 some input damaged, 2 usage error.\n";

enum { O_DELEG = CMDLINE_OWN, O_BELOW, O_MIN, O_SIZE, O_SORT, O_FORMAT, O_VIS, O_FULL, O_SAVE };

static const struct option long_opts[] = {
	{ "delegations", required_argument, NULL, O_DELEG },
	{ "below", required_argument, NULL, O_BELOW },
	{ "min-duration", required_argument, NULL, O_MIN },
	{ "min-size", required_argument, NULL, O_SIZE },
	{ "sort", required_argument, NULL, O_SORT },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "visibility", required_argument, NULL, O_VIS },
	{ "full-feed", required_argument, NULL, O_FULL },
	{ "save-partial", required_argument, NULL, O_SAVE },
	{ NULL, 0, NULL, 0 },
};

static const char *const sort_names[] = { "severity", "time", NULL };

struct opts {
	struct scan_config sc;
	struct vis_config cfg;
	struct scan_info si;
	enum report_fmt format;
	enum scan_sort sort;
	struct deleg deleg;
	const char *save_path;      /* --save-partial FILE */
};

static void apply(void *ctx, int id, const char *arg)
{
	struct opts *o = ctx;
	char err[512];

	switch (id) {
	case O_DELEG:
		if (!deleg_load(&o->deleg, arg, err, sizeof err))
			cmdline_value_failed(o->deleg.oom, err);
		o->si.ndeleg++;
		break;
	case O_BELOW:
		o->sc.below = cmdline_fraction(arg);
		if (o->sc.below <= 0)
			cmdline_bad_value(arg, "want a share in (0, 1] (0.2, 20%%)");
		break;
	case O_MIN:
		o->sc.min_duration = cmdline_duration(arg);
		break;
	case O_SIZE:
		if (!*arg || strspn(arg, "0123456789") != strlen(arg) || strlen(arg) > 9)
			cmdline_bad_value(arg, "want a number of /24 units");
		o->sc.min_size = (double)atol(arg);
		break;
	case O_SORT:
		o->sort = cmdline_choice(arg, sort_names) == 1 ? SCAN_SORT_TIME : SCAN_SORT_SEVERITY;
		break;
	case O_FORMAT:
		o->format = (enum report_fmt)cmdline_choice(arg, report_fmt_names);
		break;
	case O_VIS:
		o->cfg.rule = cmdline_rule(arg);
		break;
	case O_FULL:
		o->cfg.full_feed = cmdline_fraction(arg);
		break;
	case O_SAVE:
		if (!*arg)
			cmdline_bad_value(arg, "want a file name");
		o->save_path = arg;
		break;
	}
}

struct run {
	struct vis vis;
	struct scan scan;
	struct outbuf *out;
	struct cov_gap *nodata;     /* stretches without any collector's data */
	size_t nnodata;
};

static void on_change(struct vis *v, const struct vis_change *c, void *arg)
{
	scan_change(&((struct run *)arg)->scan, v, c);
}

static void on_tick(struct vis *v, uint32_t ts, void *arg)
{
	scan_tick(&((struct run *)arg)->scan, v, ts);
}

/* Unknown routes (coverage gaps, collector restarts) make an entity unknown. */
static void on_decide(struct vis *v, uint32_t p, void *arg)
{
	scan_decide(&((struct run *)arg)->scan, v, p);
}


static void c_coverage(const struct coverage *cov, const struct merge *m, void *arg)
{
	(void)m;
	struct run *r = arg;
	if (!(r->nodata = coverage_copy_gaps(cov, true, &r->nnodata)))
		cmdline_out_of_memory();
}

/* Replaying partials: visibility's time marks and RIB dump counts. */
static void c_mark(uint32_t ts, void *arg)
{
	vis_time(&((struct run *)arg)->vis, ts);
}

static void c_count(uint32_t collector, const struct addr *peer, uint8_t afi, uint32_t src,
                    uint32_t ts, uint32_t n, void *arg)
{
	vis_dump_count(&((struct run *)arg)->vis, collector, peer, afi, src, ts, n);
}

static void on_advance(struct vis *v, uint32_t ts, void *arg)
{
	scan_advance(&((struct run *)arg)->scan, v, ts);
}

static int c_elem(const struct elem *e, void *arg)
{
	struct run *r = arg;
	vis_elem(&r->vis, e);
	scan_elem(&r->scan, &r->vis, e);
	return out_ok(r->out) ? 0 : 1;
}

static void c_source_end(const struct source *src, const struct merge *m, bool damaged, void *arg)
{
	(void)m;
	vis_source_end(&((struct run *)arg)->vis, src->index, damaged);
}

int cmd_scan(int argc, char **argv)
{
	static struct opts o;
	memset(&o, 0, sizeof o);
	o.sc = (struct scan_config){ .below = 0.2, .min_duration = 300, .min_size = 1 };
	o.cfg = (struct vis_config){ .rule = { VIS_FRACTION, 0.5, 0 }, .full_feed = 0.9 };
	o.format = REPORT_TEXT;
	o.sort = SCAN_SORT_SEVERITY;
	deleg_init(&o.deleg);
	const struct cmdline cl = { "scan", help_text, NULL, long_opts, apply, &o };
	struct common_opts co;
	int first = cmdline_parse(&cl, argc, argv, &co);
	struct deleg deleg = o.deleg;
	struct scan_config sc = o.sc;
	struct vis_config cfg = o.cfg;
	struct scan_info si = o.si;
	enum report_fmt format = o.format;
	enum scan_sort sort = o.sort;
	deleg_finish(&deleg);

	struct targets all;
	targets_init(&all);
	if (!targets_finalize(&all))
		cmdline_out_of_memory();
	cfg.targets = &all;
	sc.deleg = si.ndeleg ? &deleg : NULL;
	const char *const *files = (const char *const *)(argv + first);
	size_t nfiles = (size_t)(argc - first);
	/* Every prefix: a partial keeps every route, in the compact form. */
	struct pipeline_consumer pc = { .targets = &all, .targets_fp = shard_targets_fp(&all),
	                                .targets_text = "every prefix", .command = "scan",
	                                .partial_kind = PARTIAL_SCAN, .progress = co.progress,
	                                .addpath_guess = co.addpath_guess };
	if (o.save_path) {
		if (si.ndeleg)
			cmdline_usage("--save-partial writes no report: --delegations is for the run that "
			              "combines");
		int st = pipeline_save_partial(o.save_path, files, nfiles, &pc);
		targets_free(&all);
		deleg_free(&deleg);
		return st;
	}

	static struct outbuf out;
	out_init(&out, 1);
	struct run r;
	memset(&r, 0, sizeof r);
	r.out = &out;
	struct vis_hooks hooks = { .on_advance = on_advance, .on_change = on_change, .on_tick = on_tick,
	                           .on_decide = on_decide, .arg = &r };
	if (!vis_init(&r.vis, &cfg, &hooks) || !scan_init(&r.scan, &sc) || !scan_attach(&r.scan, &r.vis))
		cmdline_out_of_memory();

	pc.on_elem = c_elem;
	pc.on_source_end = c_source_end;
	pc.arg = &r;
	pc.warn_gaps = true;
	pc.unknown = &r.vis;
	pc.on_coverage = c_coverage;
	pc.on_mark = c_mark;
	pc.on_count = c_count;
	int status = pipeline_run(files, nfiles, &pc);
	vis_flush(&r.vis);
	scan_finish(&r.scan, &r.vis);
	scan_sort(&r.scan, sort);

	vis_rule_describe(&cfg.rule, false, si.rule, sizeof si.rule);
	si.below = sc.below;
	si.min_duration = sc.min_duration;
	si.min_size = sc.min_size;
	si.sort = sort == SCAN_SORT_TIME ? "time" : "severity";
	si.nodata = r.nodata;
	si.nnodata = r.nnodata;
	report_scan(&out, scan_outputs[format], &si, &r.scan);
	out_flush(&out);
	if (r.vis.rib.oom || r.scan.oom) {
		diag_error("out of memory: results are incomplete");
		status = EXIT_DAMAGED;
	}
	if (out.failed)
		status = EXIT_DAMAGED;
	scan_free(&r.scan);
	free(r.nodata);
	vis_free(&r.vis);
	targets_free(&all);
	deleg_free(&deleg);
	return status;
}
