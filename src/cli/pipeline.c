/* pipeline.c — see pipeline.h. */
#include "cli/pipeline.h"

#include <stdio.h>

#include "cli/cmdline.h"
#include "decode/decode.h"
#include "report/damage_log.h"
#include "io/collector.h"
#include "report/diag.h"
#include "report/progress.h"
#include "state/identity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The consumer's elements pass through here first: update peers feed the
 * collector identity check. */
struct tap {
	const struct pipeline_consumer *c;
	struct identity *id;
};

static int tap_elem(const struct elem *e, void *arg)
{
	struct tap *t = arg;
	if (e->type != ELEM_RIB && t->id)
		identity_update_peer(t->id, e->collector, e->source, &e->peer_ip);
	return t->c->on_elem(e, t->c->arg);
}

/* A PEER_INDEX_TABLE just decoded: its collector ID and peers. */
static void tap_peer_index(struct tap *t, const struct decoder *d, const struct source *src)
{
	struct peer_index_view v;
	if (!t->id || !decoder_peer_index(d, src->index, &v))
		return;
	identity_rib(t->id, src->collector, src->index, v.collector_id, v.view);
	for (size_t i = 0; i < v.npeers; i++)
		identity_rib_peer(t->id, src->collector, decoder_peer_addr(d, src->index, i));
}

/* Per input: its first and last record times, for io/coverage. */
struct span {
	uint32_t first, last;
	bool has, rib;
};

static void span_record(struct span *s, const struct mrt_record *rec)
{
	if (!s->has) {
		s->first = rec->ts;
		s->rib = mrt_is_rib(rec->type);
	}
	if (!s->has || rec->ts > s->last)
		s->last = rec->ts;
	if (rec->ts < s->first)
		s->first = rec->ts;
	s->has = true;
}

static void span_end(struct coverage *cov, const struct span *s, const struct source *src)
{
	const char *base = strrchr(src->path, '/');
	base = base ? base + 1 : src->path;
	bool rib = s->has ? s->rib : strncmp(base, "rib", 3) == 0 || strncmp(base, "bview", 5) == 0;
	coverage_file(cov, src->collector, src->path, rib, s->has, s->first, s->last);
}

/* The gaps the inputs' names imply, before any is read. */
static void plan_gaps(const struct pipeline_consumer *c, const struct merge *m, size_t n)
{
	struct coverage *plan = coverage_new(merge_collector_count(m));
	if (!plan)
		cmdline_out_of_memory();
	for (size_t i = 0; i < n; i++) {
		const struct source *s = merge_source(m, i);
		if (s->same_as >= 0)
			continue;             /* read once: the other one counts */
		const char *base = strrchr(s->path, '/');
		base = base ? base + 1 : s->path;
		bool rib = strncmp(base, "rib", 3) == 0 || strncmp(base, "bview", 5) == 0;
		coverage_file(plan, s->collector, s->path, rib, false, 0, 0);
	}
	coverage_finish(plan);
	if (coverage_oom(plan))
		cmdline_out_of_memory();
	c->on_plan(plan, m, c->arg);
	coverage_free(plan);
}

/* "2014-12-23 01:00:00" */
static void utc(uint32_t t, char *dst, size_t len)
{
	uint32_t days = t / 86400, s = t % 86400;
	/* civil from days (1970-based, years >= 1970) */
	uint32_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
	uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	uint32_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	uint32_t y = yoe + era * 400 + (m <= 2);
	snprintf(dst, len, "%04u-%02u-%02u %02u:%02u:%02u", y, m, d, s / 3600, s / 60 % 60, s % 60);
}

static void span_text(uint64_t secs, char *dst, size_t len)
{
	if (secs >= 86400)
		snprintf(dst, len, "%llud%lluh", (unsigned long long)(secs / 86400),
		         (unsigned long long)(secs / 3600 % 24));
	else if (secs >= 3600)
		snprintf(dst, len, "%lluh%02llum", (unsigned long long)(secs / 3600),
		         (unsigned long long)(secs / 60 % 60));
	else
		snprintf(dst, len, "%llum%02llus", (unsigned long long)(secs / 60),
		         (unsigned long long)(secs % 60));
}

/* One warning per gap; past GAPS_LISTED for a collector, one summary line. */
#define GAPS_LISTED 5
static void warn_gaps(const struct coverage *cov, const struct merge *m)
{
	char a[32], b[32], d[32];
	for (size_t i = 0; i < coverage_ngaps(cov); i++) {
		const struct cov_gap *g = coverage_gap(cov, i);
		const struct cov_collector *k = coverage_collector(cov, g->collector);
		const char *name = merge_collector_name(m, g->collector);
		if (k->ngaps > GAPS_LISTED)
			continue;
		utc(g->from_ts, a, sizeof a);
		utc(g->until_ts, b, sizeof b);
		span_text(g->until_ts - g->from_ts, d, sizeof d);
		diag_warn("%s: gap in its data from %s to %s UTC (%s): %s; a window across it is not decided by the data",
		          name[0] ? name : "(unnamed)", a, b, d, cov_reason_text(g->reason));
	}
	for (uint32_t c = 0; c < coverage_ncollectors(cov); c++) {
		const struct cov_collector *k = coverage_collector(cov, c);
		if (k->ngaps <= GAPS_LISTED)
			continue;
		const char *name = merge_collector_name(m, c);
		span_text(k->gap_seconds, d, sizeof d);
		diag_warn("%s: %zu gaps in its data, %s in all (see 'mrtreach stats'): a window across one is "
		          "not decided by the data", name[0] ? name : "(unnamed)", k->ngaps, d);
	}
}

static void warn_line(const char *msg, void *arg)
{
	(void)arg;
	diag_warn("%s", msg);
}

static void identity_report(const struct identity *id, const struct merge *m)
{
	size_t nc = merge_collector_count(m), ns = merge_source_count(m);
	const char **names = calloc(nc ? nc : 1, sizeof *names);
	const char **paths = calloc(ns ? ns : 1, sizeof *paths);
	if (names && paths) {
		for (size_t i = 0; i < nc; i++)
			names[i] = merge_collector_name(m, (uint32_t)i);
		for (size_t i = 0; i < ns; i++)
			paths[i] = merge_source(m, i)->path;
		identity_findings(id, names, nc, paths, ns, warn_line, NULL);
	}
	free(names);
	free(paths);
}

int pipeline_run(const char *const *paths, size_t n, const struct pipeline_consumer *c)
{
	static const struct pipeline_hooks none = { NULL, NULL };
	return pipeline_run_hooks(paths, n, c, &none);
}

/* Damage is written on a clean line: the progress line goes first. */
static void clear_progress(void *arg)
{
	progress_clear(arg);
}

static void on_damage(const struct damage *d, void *arg)
{
	/* An update file of a quiet period is empty at a collector: it says
	 * the period had no updates, and is no news worth a line. */
	if (d->kind == DAMAGE_NOTE && strcmp(d->reason, "no MRT records") == 0) {
		const char *base = strrchr(d->path, '/');
		base = base ? base + 1 : d->path;
		if (strncmp(base, "updates.", 8) == 0 && coverage_name_time(base) >= 0)
			return;
	}
	damage_log_event(arg, d);
}

/* Records a collector cut at 4096 bytes: the decoder reported the first of
 * a file; when there were more, one line at its end says how many. */
static void report_cuts(struct damage_log *log, const struct decoder *d, const struct source *src)
{
	uint64_t first, cuts = decoder_source_cuts(d, src->index, &first);
	char why[160];

	if (cuts < 2)
		return;
	snprintf(why, sizeof why, "this file holds %llu records cut at 4096 bytes by the "
	         "collector (the first here); what lies wholly inside each was decoded",
	         (unsigned long long)cuts);
	struct damage dm = { DAMAGE_BYTES, src->path, src->index, first, why };
	damage_log_event(log, &dm);
}

int pipeline_run_hooks(const char *const *paths, size_t n, const struct pipeline_consumer *c,
                       const struct pipeline_hooks *h)
{
	char err[512];
	struct progress prog = { 0 };
	struct damage_log *log = damage_log_new(n, clear_progress, &prog);
	if (!log)
		cmdline_out_of_memory();
	struct merge *m = merge_open(paths, n, on_damage, log, err, sizeof err);
	if (!m)
		cmdline_out_of_memory();      /* its only failure: unreadable paths are reported */
	const char *unused = collector_rule_unused();
	if (unused)
		diag_usage("--collector %s: matches no input file", unused);
	for (size_t i = 0; i < n; i++) {
		const struct source *s = merge_source(m, i);
		if (s->same_as >= 0)
			diag_warn("%s: %s %s: read once", s->path,
			          s->same_inode ? "the same file as" : "a copy (same size and bytes) of",
			          merge_source(m, (size_t)s->same_as)->path);
	}

	struct decoder *d = decoder_new();
	struct tap tap = { c, identity_new(merge_collector_count(m)) };
	struct coverage *cov = coverage_new(merge_collector_count(m));
	struct span *spans = calloc(n ? n : 1, sizeof *spans);
	if (!d || !tap.id || !cov || !spans)
		cmdline_out_of_memory();
	decoder_set_addpath_guess(d, c->addpath_guess);
	if (c->on_start)
		c->on_start(m, c->arg);
	if (c->on_plan)
		plan_gaps(c, m, n);
	progress_begin(&prog, m, c->progress, c->streams_stdout);

	struct mrt_record rec;
	const struct source *src;
	int r;
	while ((r = merge_next(m, &rec, &src)) != MERGE_DONE) {
		progress_record(&prog);
		if (r == MERGE_SOURCE_END) {
			progress_poll(&prog);
			report_cuts(log, d, src);
			decoder_source_done(d, src->index);
			bool damaged = damage_log_source_end(log, src->index);
			span_end(cov, &spans[src->index], src);
			if (c->on_source_end)
				c->on_source_end(src, m, damaged, c->arg);
			continue;
		}
		span_record(&spans[src->index], &rec);
		if (h->on_record)
			h->on_record(&rec, src, c->arg);
		const char *why = NULL;
		int s = decode_record(d, &rec, src->index, src->collector, tap_elem, &tap, &why);
		if (rec.type == MRT_TABLE_DUMP_V2 && rec.subtype == 1 && s == 0)
			tap_peer_index(&tap, d, src);
		if (s < 0) {
			struct damage dm = { DAMAGE_BYTES, src->path, src->index, rec.offset,
			                     why ? why : "damaged record" };
			damage_log_event(log, &dm);
		} else if (s > 0)
			break;          /* the consumer asked to stop */
	}
	progress_end(&prog);
	if (r == MERGE_DONE) {
		identity_report(tap.id, m);
		coverage_finish(cov);
		if (c->warn_gaps)
			warn_gaps(cov, m);
		if (c->on_coverage)
			c->on_coverage(cov, m, c->arg);
	}
	coverage_free(cov);
	free(spans);
	identity_free(tap.id);
	uint64_t damage = damage_log_total(log);
	if (h->on_done)
		h->on_done(decoder_stats(d), damage, c->arg);
	decoder_free(d);
	merge_close(m);
	damage_log_free(log);
	return damage ? EXIT_DAMAGED : EXIT_OK;
}
