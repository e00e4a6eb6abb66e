/*
 * reach.c — shared options and the pipeline consumer of blackout, timeline
 * and origins.
 * Owns: option values to configuration, hooks from visibility to windows,
 * series and reports. Never: keeps routing state itself.
 */
#include "cli/reach.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmdline.h"
#include "report/diag.h"
#include "cli/opts.h"
#include "cli/pipeline.h"
#include "decode/vec.h"

enum {
	O_PREFIX = CMDLINE_OWN, O_PREFIXES, O_MORE, O_ORIGIN, O_COUNTRY, O_DELEG, O_VIS,
	O_FULL, O_COVERING, O_FORMAT, O_SORT, O_MIN, O_INTERVAL, O_SVG, O_SPARK, O_NOSPARK,
	O_BELOW, O_WEIGHT, O_ORIGIN_IS, O_BY_ORIGIN, O_SVG_W, O_SVG_H, O_FONT_SCALE, O_SAVE,
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
	{ "svg-width", required_argument, NULL, O_SVG_W },
	{ "svg-height", required_argument, NULL, O_SVG_H },
	{ "font-scale", required_argument, NULL, O_FONT_SCALE },
	{ "sparkline", no_argument, NULL, O_SPARK },
	{ "no-sparkline", no_argument, NULL, O_NOSPARK },
	{ "below", required_argument, NULL, O_BELOW },
	{ "weight", required_argument, NULL, O_WEIGHT },
	{ "origin-is", required_argument, NULL, O_ORIGIN_IS },
	{ "by-origin", no_argument, NULL, O_BY_ORIGIN },
	{ "save-partial", required_argument, NULL, O_SAVE },
	{ NULL, 0, NULL, 0 },
};

static const char *const sort_names[] = { "time", "duration", NULL };
/* enum share_weight, in its order. */
static const char *const weight_names[] = { "space", "prefixes", NULL };

static const char *const cmd_names[] = { "blackout", "timeline", "origins" };

/* A chart size or scale in [lo, hi]. */
static double svg_number(const char *arg, double lo, double hi, const char *want)
{
	char *end;
	errno = 0;
	double v = strtod(arg, &end);
	if (end == arg || *end || errno || !(v >= lo && v <= hi))
		cmdline_bad_value(arg, "%s", want);
	return v;
}

/* The command line for the chart's source line: the options as typed,
 * quoted where the shell would need it, and the inputs (named when a few). */
static void command_text(struct reach *r, int argc, char **argv, int first)
{
	size_t k = 0, len = sizeof r->command;
	k += (size_t)snprintf(r->command, len, "mrtreach %s", cmd_names[r->cmd]);
	int last = argc - first > 4 ? first + 1 : argc;
	for (int i = 1; i < last && k < len; i++) {
		const char *a = argv[i];
		bool plain = *a != '\0';
		for (const char *p = a; *p; p++)
			if (!isalnum((unsigned char)*p) && !strchr("_./:=,%+@-", *p))
				plain = false;
		k += (size_t)snprintf(r->command + k, len - k, plain ? " %s" : " '%s'", a);
	}
	if (last < argc && k < len)
		snprintf(r->command + k, len - k, " and %d more input files", argc - last);
}

/* An option of another command only. */
static void only_for(const struct reach *r, enum reach_cmd only)
{
	if (r->cmd != only)
		cmdline_usage("%s is a%s %s option", cmdline_option(), only == REACH_ORIGINS ? "n" : "",
		              cmd_names[only]);
}

/* An option origins does not take (blackout and timeline do). */
static void not_origins(const struct reach *r, const char *why)
{
	if (r->cmd == REACH_ORIGINS)
		cmdline_usage("%s %s", cmdline_option(), why);
}

static void apply(void *ctx, int c, const char *arg)
{
	struct reach *r = ctx;
	struct prefix p;
	char err[512];

	switch (c) {
	case O_PREFIX:
		cmdline_prefix(arg, &p);
		if (!targets_add_prefix(&r->targets, &p))
			cmdline_out_of_memory();
		break;
	case O_PREFIXES:
		if (!targets_load_prefixes(&r->targets, arg, err, sizeof err))
			cmdline_value_failed(r->targets.oom, err);
		break;
	case O_MORE:
		r->targets.more_specific = true;
		break;
	case O_ORIGIN:
		if (!targets_add_origin(&r->targets, cmdline_asn(arg)))
			cmdline_out_of_memory();
		break;
	case O_COUNTRY:
		if (strlen(arg) != 2 || !isalpha((unsigned char)arg[0]) || !isalpha((unsigned char)arg[1]))
			cmdline_bad_value(arg, "want a two-letter country code (KP, kp)");
		r->country = arg;
		break;
	case O_DELEG:
		if (!deleg_load(&r->deleg, arg, err, sizeof err))
			cmdline_value_failed(r->deleg.oom, err);
		if (r->ndeleg++ == 0)
			snprintf(r->deleg_names, sizeof r->deleg_names, "%s", arg);
		else if (r->ndeleg == 2)
			strncat(r->deleg_names, " and the other files",
			        sizeof r->deleg_names - strlen(r->deleg_names) - 1);
		break;
	case O_VIS:
		r->cfg.rule = cmdline_rule(arg);
		break;
	case O_FULL:
		r->cfg.full_feed = cmdline_fraction(arg);
		break;
	case O_COVERING:
		not_origins(r, "does not apply: a (prefix, origin) is visible by its own routes "
		            "(covering routes set more_specific_of)");
		r->cfg.covering = true;
		break;
	case O_FORMAT:
		r->format = (enum report_fmt)cmdline_choice(arg, report_fmt_names);
		r->output = report_outputs[r->format];
		break;
	case O_SORT:
		only_for(r, REACH_BLACKOUT);
		r->sort = cmdline_choice(arg, sort_names) == 1 ? BO_SORT_DURATION : BO_SORT_TIME;
		break;
	case O_MIN:
		only_for(r, REACH_BLACKOUT);
		r->min_duration = cmdline_duration(arg);
		break;
	case O_INTERVAL:
		only_for(r, REACH_TIMELINE);
		r->interval = cmdline_duration(arg);
		if (r->interval <= 0 || r->interval > 366 * 86400)
			cmdline_bad_value(arg, "want a positive duration up to 366d (5m, 1h)");
		break;
	case O_SVG:
		if (!*arg)
			cmdline_bad_value(arg, "want a file name");
		r->svg_path = arg;
		break;
	case O_SVG_W:
		r->svg_width = svg_number(arg, SVG_MIN_WIDTH, SVG_MAX_SIZE, "want a width in pixels, 480 to 20000");
		break;
	case O_SVG_H:
		r->svg_height = svg_number(arg, SVG_MIN_HEIGHT, SVG_MAX_SIZE, "want a height in pixels, 300 to 20000");
		break;
	case O_FONT_SCALE:
		r->font_scale = svg_number(arg, SVG_MIN_FONT_SCALE, SVG_MAX_FONT_SCALE, "want a factor from 0.5 to 4 (1.5)");
		break;
	case O_SPARK:
	case O_NOSPARK:
		not_origins(r, "is a blackout and timeline option");
		if (r->sparkline == (c == O_SPARK ? 0 : 1))
			cmdline_exclusive(true, "--sparkline", true, "--no-sparkline");
		r->sparkline = c == O_SPARK;
		break;
	case O_BELOW:
		only_for(r, REACH_BLACKOUT);
		r->below = cmdline_fraction(arg);
		if (r->below <= 0)
			cmdline_bad_value(arg, "want a share in (0, 1] (0.2, 20%%)");
		break;
	case O_WEIGHT:
		not_origins(r, "is a blackout and timeline option");
		r->weight = (enum share_weight)cmdline_choice(arg, weight_names);
		break;
	case O_ORIGIN_IS:
		only_for(r, REACH_ORIGINS);
		r->filter.asn = cmdline_asn(arg);
		r->filter.one_origin = true;
		break;
	case O_BY_ORIGIN:
		only_for(r, REACH_TIMELINE);
		r->by_origin = true;
		break;
	case O_SAVE:
		if (!*arg)
			cmdline_bad_value(arg, "want a file name");
		r->save_path = arg;
		break;
	}
}

void reach_parse_cmd(struct reach *r, int argc, char **argv, enum reach_cmd which, const char *help)
{
	bool timeline = which == REACH_TIMELINE;
	const char *cmd = cmd_names[which];
	char err[512];

	memset(r, 0, sizeof *r);
	targets_init(&r->targets);
	deleg_init(&r->deleg);
	r->is_timeline = timeline;
	r->cmd = which;
	r->cfg.rule.kind = VIS_FRACTION;
	r->cfg.rule.fraction = 0.5;
	r->cfg.full_feed = 0.9;
	r->format = REPORT_TEXT;
	r->output = &report_output_text;
	r->sort = BO_SORT_TIME;
	r->sparkline = -1;

	const struct cmdline cl = { cmd, help, NULL, long_opts, apply, r };
	int first = cmdline_parse(&cl, argc, argv, &r->common);
	if (!!r->country != !!r->ndeleg)
		cmdline_usage("--country and --delegations go together");
	if (r->country && !targets_add_country(&r->targets, &r->deleg, r->country, r->deleg_names,
	                                       err, sizeof err)) {
		if (r->targets.oom)
			cmdline_out_of_memory();
		cmdline_usage("%s", err);
	}
	if (!timeline && targets_all(&r->targets))
		cmdline_usage("no targets: give --prefix, --prefixes, --origin or --country");
	if ((r->svg_width != 0 || r->svg_height != 0 || r->font_scale != 0) && !r->svg_path)
		cmdline_usage("--svg-width, --svg-height and --font-scale shape the chart: give --svg FILE");
	if (r->svg_path && strcmp(r->svg_path, "-") == 0 && r->sparkline == 1)
		cmdline_exclusive(true, "--svg -", true, "--sparkline");
	if (which == REACH_ORIGINS)
		r->sparkline = 0;
	r->origins_on = which == REACH_ORIGINS || r->by_origin;
	r->cfg.origins = r->origins_on;
	r->cfg.track_cover = which == REACH_ORIGINS;
	command_text(r, argc, argv, first);
	r->files = (const char **)(argv + first);
	r->nfiles = (size_t)(argc - first);
	if (!targets_finalize(&r->targets))
		cmdline_out_of_memory();
	r->cfg.targets = &r->targets;
	if (r->save_path && r->svg_path)
		cmdline_usage("--save-partial writes no report: --svg is for the run that combines");
}

/* --svg -: the chart is standard output, and the report is not written. */
static bool svg_stdout(const struct reach *r)
{
	return r->svg_path && strcmp(r->svg_path, "-") == 0;
}

/* Opens the chart file once the inputs are known to open, before the long
 * run: a path that cannot be written is a usage error then, not a lost
 * chart after it; and a typo naming an input must not truncate it. */
static void open_svg(struct reach *r)
{
	const char *cmd = cmd_names[r->cmd];
	struct stat out, in;
	if (svg_stdout(r)) {
		r->svg = stdout;
		return;
	}
	if (stat(r->svg_path, &out) == 0)
		for (size_t i = 0; i < r->nfiles; i++)
			if (stat(r->files[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
				diag_usage("%s: --svg: %s is an input file", cmd, r->svg_path);
	if (!(r->svg = fopen(r->svg_path, "w")))
		diag_usage("%s: --svg: %s: %s", cmd, r->svg_path, strerror(errno));
}

/* ---- the run ------------------------------------------------------------ */

/* --visibility N asks for more full-feed vantage points than the data has:
 * nothing can ever be visible. 0 when the count can be met. *every_rib:
 * every collector had a RIB dump read (during the pass, every collector the
 * inputs name; at its end, every one that had data). */
static uint32_t count_beyond_full_feed(const struct reach *r, bool at_end, bool *every_rib)
{
	const struct vis *v = &r->vis;
	*every_rib = v->rib.vt.ncols > 0 && (at_end || v->rib.vt.ncols >= r->info.ncollectors);
	if (r->cfg.rule.kind != VIS_COUNT || v->ntargets == 0)
		return 0;
	uint32_t full = 0;
	for (size_t c = 0; c < r->info.ncollectors; c++) {
		uint32_t nv, f[2];
		vis_vp_counts(v, (uint32_t)c, &nv, f);
		full += f[0] > f[1] ? f[0] : f[1];
	}
	for (size_t c = 0; c < v->rib.vt.ncols; c++)
		*every_rib = *every_rib && v->rib.vt.cols[c].had_dump;
	return r->cfg.rule.count > full ? full + 1 : 0;
}

/* The report while --visibility N is not yet checked: kept in memory. */
static void hold_sink(void *arg, const char *p, size_t n)
{
	struct reach *r = arg;
	if (r->nheld + n > r->capheld) {
		char *h = vec_grow(r->held, &r->capheld, r->nheld + n, 1, OUTBUF_SIZE);
		if (!h)
			cmdline_out_of_memory();
		r->held = h;
	}
	memcpy(r->held + r->nheld, p, n);
	r->nheld += n;
}

/* The report held so far goes out, and the rest as it comes. */
static void release_held(struct reach *r)
{
	r->released = true;
	out_flush(r->out);
	r->out->sink = NULL;
	r->out->fd = r->report_fd;
	if (r->nheld)
		out_write(r->out, r->held, r->nheld);
	free(r->held);
	r->held = NULL;
	r->nheld = r->capheld = 0;
}

/* Checks --visibility N once: as soon as every collector's first RIB dump
 * is read and a target seen (the full-feed vantage points are known then),
 * else at the end. A count above them, every RIB read, is a usage error:
 * the pass stops and nothing of the report was written. Otherwise the
 * report held so far goes out, and the rest as it comes. It goes out
 * before the check once a collector with data can never have a RIB dump
 * read (vantage_dumpless): not every RIB will have been read, so the check
 * cannot fail, and an update-only collector does not keep the whole report
 * of a long run in memory to its end. */
static void check_count(struct reach *r, bool at_end)
{
	if (r->count_checked)
		return;
	if (!at_end && !r->released && r->may_dump &&
	    vantage_dumpless(&r->vis.rib.vt, r->may_dump, r->nmay))
		release_held(r);
	bool every;
	uint32_t beyond = count_beyond_full_feed(r, at_end, &every);
	if (!at_end && !(every && r->vis.ntargets > 0))
		return;
	r->count_checked = true;
	r->beyond = beyond;
	r->every_rib = every;
	if (beyond && every && !r->released) {
		r->count_usage = true;
		return;
	}
	if (!r->released)
		release_held(r);
}

static void on_decide(struct vis *v, uint32_t p, void *arg)
{
	struct reach *r = arg;
	origins_decide(&r->org, v, p);
}

static void on_origin_change(const struct vis *v, const struct or_change *c, void *arg)
{
	struct reach *r = arg;
	if (r->by_origin && r->interval == 0)
		origins_outputs[r->format]->change(r->out, v, c);
}

static void on_tick(struct vis *v, uint32_t ts, void *arg)
{
	struct reach *r = arg;
	check_count(r, false);
	if (r->origins_on)
		origins_tick(&r->org, v);
	if (r->cmd == REACH_ORIGINS)
		return;
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
	if (r->is_timeline && r->interval == 0 && !r->by_origin)
		r->output->change(r->out, v, c);
}

static void on_advance(struct vis *v, uint32_t ts, void *arg)
{
	struct reach *r = arg;
	if (r->is_timeline && r->interval > 0)
		timeline_advance(&r->tl, v, ts);
}

static int c_elem_whole(struct reach *r, const struct elem *e) __attribute__((noinline));
static int c_elem_whole(struct reach *r, const struct elem *e)
{
	vis_elem_whole(&r->vis, e);
	return out_ok(r->out) && !r->count_usage ? 0 : 1;
}

static int c_elem(const struct elem *e, void *arg)
{
	struct reach *r = arg;
	/* Most routes of an UPDATE are only counted: no hook ran, so nothing
	 * was written nor found that could stop the pass (the record's
	 * element before it said so already). Out of line, the rest would
	 * make this path save registers too. */
	if (vis_elem_counted(&r->vis, e))
		return 0;
	return c_elem_whole(r, e);
}

static bool c_far(const struct elem *e, const void *arg)
{
	const struct reach *r = arg;
	return vis_elem_far(&r->vis, e);
}

static int c_elem_more(const struct elem *e, uint32_t n, void *arg)
{
	struct reach *r = arg;
	vis_elem_more(&r->vis, e, n);
	return out_ok(r->out) && !r->count_usage ? 0 : 1;
}

static void c_source_end(const struct source *src, const struct merge *m, bool damaged, void *arg)
{
	(void)m;
	struct reach *r = arg;
	vis_source_end(&r->vis, src->index, damaged);
}

static void c_mark(uint32_t ts, void *arg)
{
	struct reach *r = arg;
	vis_time(&r->vis, ts);
}

static void c_count(uint32_t collector, const struct addr *peer, uint8_t afi, uint32_t src,
                    uint32_t ts, uint32_t n, void *arg)
{
	struct reach *r = arg;
	vis_dump_count(&r->vis, collector, peer, afi, src, ts, n);
}

static void c_names(const char *const *names, size_t n, void *arg)
{
	struct reach *r = arg;
	if (r->svg_path)
		open_svg(r);
	r->info.collectors = calloc(n ? n : 1, sizeof *r->info.collectors);
	if (!r->info.collectors)
		return;
	for (size_t i = 0; i < n; i++) {
		const char *name = names[i];
		r->info.collectors[i] = strdup(name ? name : "");
		if (!r->info.collectors[i])
			return;
		r->info.ncollectors = i + 1;
	}
}

/* Before any element: which collectors have a RIB file among the inputs
 * (from the plan's peek at each input), for check_count. */
static void c_plan(const struct coverage *plan, const struct merge *m, void *arg)
{
	(void)m;
	struct reach *r = arg;
	size_t n = coverage_ncollectors(plan);
	if (r->count_checked || r->may_dump)
		return;
	if (!(r->may_dump = calloc(n ? n : 1, sizeof *r->may_dump)))
		cmdline_out_of_memory();
	for (size_t c = 0; c < n; c++)
		r->may_dump[c] = coverage_collector(plan, (uint32_t)c)->ribs > 0;
	r->nmay = n;
}

/* The gaps found once every file was read, for the report. */
static void c_coverage(const struct coverage *cov, const struct merge *m, void *arg)
{
	(void)m;
	struct reach *r = arg;
	if (!(r->info.gaps = coverage_copy_gaps(cov, false, &r->info.ngaps)))
		cmdline_out_of_memory();
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

/* The entry of (prefix, origin) in o. */
static uint32_t entry_of(const struct origins *o, uint32_t prefix, uint32_t origin)
{
	uint32_t e = o->head[prefix];
	while (e != OR_NONE && o->e[e].origin != origin)
		e = o->e[e].next;
	return e;
}

/* The lanes of origins --svg: one per (prefix, origin) with a window (that
 * --origin-is keeps), in the order of their first window. */
static bool write_lanes(struct reach *r, const struct svg_chart *c)
{
	const struct origins *o = &r->org;
	struct svg_lane *lanes = calloc(o->nw ? o->nw : 1, sizeof *lanes);
	uint32_t *entry = calloc(o->nw ? o->nw : 1, sizeof *entry);
	struct svg_lane_point *pts = calloc(o->npt ? o->npt : 1, sizeof *pts);
	size_t n = 0, np = 0;
	bool ok = lanes && entry && pts;
	for (size_t i = 0; ok && i < o->nw; i++) {
		const struct or_window *w = &o->w[i];
		if (!origins_filter_keeps(&r->filter, &r->vis, w))
			continue;
		uint32_t e = entry_of(o, w->prefix, w->origin);
		size_t k = 0;
		while (k < n && entry[k] != e)
			k++;
		struct svg_lane *l = &lanes[k];
		if (k == n) {
			char p[PREFIX_STRLEN], og[RO_STRLEN];
			entry[n++] = e;
			prefix_format(&r->vis.rib.pfx[w->prefix], p);
			ro_format(r->vis.rib.org, w->origin, og, sizeof og);
			snprintf(l->label, sizeof l->label, "%s origin %s", p, og);
		}
		l->moas |= w->moas;
		if (w->cover != OR_NONE && !l->hijack) {
			char q[PREFIX_STRLEN], og[RO_STRLEN];
			prefix_format(&r->vis.rib.pfx[w->cover], q);
			ro_format(r->vis.rib.org, w->cover_origin, og, sizeof og);
			snprintf(l->mark, sizeof l->mark, "more-specific of %s (origin %s)", q, og);
			l->hijack = true;
		}
	}
	for (size_t k = 0; ok && k < n; k++) {
		if (!lanes[k].mark[0] && lanes[k].moas)
			snprintf(lanes[k].mark, sizeof lanes[k].mark, "MOAS");
		lanes[k].p = pts + np;
		for (size_t i = 0; i < o->npt; i++)
			if (o->pt[i].entry == entry[k]) {
				pts[np++] = (struct svg_lane_point){ o->pt[i].ts, o->pt[i].any };
				lanes[k].n++;
			}
	}
	if (ok)
		ok = svg_write_lanes(r->svg, c, lanes, n);
	else
		r->org.oom = true;
	free(lanes);
	free(entry);
	free(pts);
	return ok;
}

/* "rrc00 AS20912" (and how many more) for a window's held routes. */
static void held_by(const struct bo_window *w, char *dst, size_t len, void *arg)
{
	const struct reach *r = arg;
	size_t k = 0;
	dst[0] = '\0';
	for (uint32_t i = 0; i < w->nheld && i < 2 && k < len; i++) {
		const struct vantage_vp *p = &r->vis.rib.vt.vps[w->held[i]];
		const char *name = p->collector < r->info.ncollectors && r->info.collectors[p->collector][0]
		                   ? r->info.collectors[p->collector] : "(unnamed)";
		k += (size_t)snprintf(dst + k, len - k, "%s%s AS%u", i ? ", " : "", name, p->asn);
	}
	if (w->nheld > 2 && k < len)
		snprintf(dst + k, len - k, " and %u more", w->nheld - 2);
}

/* The gaps in each collector's data, for the report and the chart. */
static void on_coverage(const struct coverage *cov, const struct merge *m, void *arg)
{
	(void)m;
	struct reach *r = arg;
	size_t n = coverage_ngaps(cov);
	c_coverage(cov, m, arg);
	if (n == 0 || !r->svg_path || !(r->gaps = calloc(n, sizeof *r->gaps)))
		return;
	for (size_t i = 0; i < n; i++) {
		const struct cov_gap *g = coverage_gap(cov, i);
		r->gaps[i] = (struct svg_gap){
			g->from_ts, g->until_ts,
			g->collector < r->info.ncollectors && r->info.collectors[g->collector][0]
			        ? r->info.collectors[g->collector] : "(unnamed)",
			cov_reason_text(g->reason),
		};
	}
	r->ngaps = n;
}

static bool write_svg(struct reach *r)
{
	char coll[512], tg[2048];
	collector_list(&r->info, coll, sizeof coll);
	targets_describe_list(&r->targets, SIZE_MAX, tg, sizeof tg);
	struct svg_chart c = {
		.targets = tg, .collectors = coll, .rule = r->info.rule,
		.t0 = r->vis.first_ts, .t1 = r->vis.now, .vps = r->series_vps,
		.s = &r->series, .w = r->bo.w, .nw = r->bo.n, .below = r->below,
		.held = held_by, .held_arg = r, .gaps = r->gaps, .ngaps = r->ngaps,
		.version = MRTREACH_VERSION, .command = r->command,
		.width = r->svg_width, .height = r->svg_height, .font_scale = r->font_scale,
	};
	if (r->cmd == REACH_ORIGINS)
		c.title = "Origins of";
	errno = 0;
	bool ok = r->cmd == REACH_ORIGINS ? write_lanes(r, &c) : svg_write(r->svg, &c);
	int err = ok ? 0 : errno;
	if (fclose(r->svg) != 0) {
		ok = false;
		if (!err)
			err = errno;
	}
	r->svg = NULL;
	if (!ok && err == EPIPE && svg_stdout(r))
		return true;                    /* the reader went away (| head): quietly, as the report */
	if (!ok)
		diag_error("%s: cannot write the chart: %s", svg_stdout(r) ? "standard output" : r->svg_path,
		           err ? strerror(err) : "write failed");
	return ok;
}

/* What the run showed that the options did not foresee: said on stderr,
 * not an error (the report is still right for what was asked). */
static void notes(const struct reach *r)
{
	const struct vis *v = &r->vis;
	if (r->is_timeline && r->interval > 0 && !targets_all(&r->targets) && v->ntargets > TL_MAX_COLUMNS)
		diag_note("%s: %zu target prefixes: the series has per-prefix columns for the first %d "
		          "only (its totals count them all)", r->info.command, v->ntargets, TL_MAX_COLUMNS);
	if (r->beyond)
		diag_note("%s: --visibility %u asks for more full-feed vantage points than the %u "
		          "in the data: nothing can be visible (100%% means all of them)",
		          r->info.command, r->cfg.rule.count, r->beyond - 1);
}

/* --save-partial: the pass records what the targets need, and no report. */
static int save_partial(struct reach *r)
{
	struct pipeline_consumer c = {
		.progress = r->common.progress, .addpath_guess = r->common.addpath_guess,
		.targets = &r->targets, .targets_text = r->info.targets, .command = cmd_names[r->cmd],
	};
	return pipeline_save_partial(r->save_path, r->files, r->nfiles, &c);
}

int reach_run(struct reach *r)
{
	targets_describe(&r->targets, r->info.targets, sizeof r->info.targets);
	if (r->save_path)
		return save_partial(r);

	static struct outbuf out;
	/* --svg -: standard output is the chart's; the report goes nowhere */
	int report_fd = svg_stdout(r) ? open("/dev/null", O_WRONLY) : STDOUT_FILENO;
	r->report_fd = report_fd >= 0 ? report_fd : STDOUT_FILENO;
	r->count_checked = r->cfg.rule.kind != VIS_COUNT;
	if (r->count_checked)
		out_init(&out, r->report_fd);
	else
		out_init_sink(&out, hold_sink, r);
	r->out = &out;

	struct vis_hooks hooks = { .on_advance = on_advance, .on_change = on_change, .on_tick = on_tick,
	                           .arg = r, .on_decide = r->origins_on ? on_decide : NULL };
	if (!vis_init(&r->vis, &r->cfg, &hooks))
		cmdline_out_of_memory();
	origins_init(&r->org);
	r->org.keep_points = r->cmd == REACH_ORIGINS && r->svg_path;
	r->org.on_change = on_origin_change;
	r->org.arg = r;
	blackout_init(&r->bo);
	timeline_init(&r->tl, (uint32_t)r->interval, !targets_all(&r->targets));
	if (r->by_origin)
		timeline_by_origin(&r->tl, &r->org);

	r->info.command = cmd_names[r->cmd];
	vis_rule_describe(&r->cfg.rule, r->cfg.covering, r->info.rule, sizeof r->info.rule);
	opt_rule_name(&r->cfg.rule, r->info.rule_name, sizeof r->info.rule_name);
	r->info.covering = r->cfg.covering;
	r->info.sort = r->sort == BO_SORT_DURATION ? "duration, longest first" : "time";
	r->info.min_duration = r->min_duration;

	r->info.below = r->below;
	r->info.weight = share_weight_name(r->weight);
	blackout_set_below(&r->bo, r->below, r->weight);
	r->tl.weight = r->weight;

	if (r->is_timeline && r->by_origin && r->interval == 0)
		origins_outputs[r->format]->change_head(&out, &r->info);
	else if (r->is_timeline)
		r->output->timeline_head(&out, &r->info, r->interval > 0);

	r->sparkline = r->format == REPORT_TEXT &&
	               (r->sparkline == 1 || (r->sparkline == -1 && isatty(STDOUT_FILENO)));
	r->series_on = r->cmd != REACH_ORIGINS && (r->sparkline || r->svg_path);
	/* Every prefix in the data: every vantage point holds one, so the
	 * count says nothing (and costs a pass over all prefixes per second). */
	r->series_vps = r->svg_path && !targets_all(&r->targets);
	svg_series_init(&r->series);
	struct pipeline_consumer c = {
		.on_elem = c_elem, .on_source_end = c_source_end, .on_names = c_names, .arg = r,
		.on_mark = c_mark, .on_count = c_count, .targets = &r->targets,
		.targets_fp = shard_targets_fp(&r->targets), .targets_text = r->info.targets,
		.command = cmd_names[r->cmd],
		.progress = r->common.progress, .streams_stdout = r->is_timeline && r->interval == 0,
		.addpath_guess = r->common.addpath_guess,
		.warn_gaps = true, .unknown = &r->vis, .on_coverage = on_coverage, .on_plan = c_plan,
	};
	/* Records are decoded on worker threads when most of their routes
	 * can be far from every target (only counted). */
	if (vis_far_possible(&r->vis)) {
		c.elem_far = c_far;
		c.on_elem_more = c_elem_more;
	}
	int status = pipeline_run(r->files, r->nfiles, &c);
	vis_flush(&r->vis);

	/* Every collector's RIB was read, so the full-feed vantage points are
	 * all known and the count can never be met: a mistake in the command,
	 * not a finding (one line, exit 2, no report: check_count held it).
	 * Without a RIB for some collector, more might be full-feed: notes()
	 * says it after the report. */
	check_count(r, true);
	if (r->count_usage) {
		diag_note("%s: --visibility %u asks for more full-feed vantage points than the %u in "
		          "the data (every collector's RIB was read): nothing could be visible; 100%% "
		          "means all of them", r->info.command, r->cfg.rule.count, r->beyond - 1);
		if (report_fd > STDOUT_FILENO)
			close(report_fd);
		return EXIT_USAGE;
	}

	if (r->cmd == REACH_ORIGINS) {
		origins_finish(&r->org, &r->vis);
		origins_sort(&r->org, &r->vis);
		origins_outputs[r->format]->origins(&out, &r->info, &r->vis, &r->org, &r->filter);
	} else if (r->is_timeline) {
		if (r->interval > 0) {
			timeline_finish(&r->tl, &r->vis);
			r->output->series(&out, &r->vis, &r->tl);
		}
		r->output->timeline_tail(&out, &r->info, &r->vis);
		if (r->svg) {
			blackout_finish(&r->bo, &r->vis);
			blackout_select(&r->bo, 0, BO_SORT_TIME);
		}
	} else {
		blackout_finish(&r->bo, &r->vis);
		blackout_select(&r->bo, r->min_duration, r->sort);
		r->output->blackout(&out, &r->info, &r->vis, &r->bo);
	}
	if (r->sparkline)
		print_sparkline(r, &out);
	out_flush(&out);
	if (report_fd > STDOUT_FILENO)
		close(report_fd);
	if (r->svg && !write_svg(r))
		status = EXIT_DAMAGED;
	notes(r);
	if (r->vis.rib.oom || r->bo.oom || r->tl.oom || r->series.oom || r->org.oom) {
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
	origins_free(&r->org);
	targets_free(&r->targets);
	deleg_free(&r->deleg);
	svg_series_free(&r->series);
	free(r->gaps);
	free(r->held);
	free(r->may_dump);
	if (r->svg && r->svg != stdout)
		fclose(r->svg);
	for (size_t i = 0; i < r->info.ncollectors; i++)
		free(r->info.collectors[i]);
	free(r->info.collectors);
	free((void *)r->info.gaps);
}

int reach_main(int argc, char **argv, enum reach_cmd cmd, const char *help)
{
	struct reach r;
	reach_parse_cmd(&r, argc, argv, cmd, help);
	int status = reach_run(&r);
	reach_free(&r);
	return status;
}
