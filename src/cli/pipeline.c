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

#include <stdlib.h>

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
	struct tap tap = { c, identity_new() };
	if (!d || !tap.id)
		cmdline_out_of_memory();
	decoder_set_addpath_guess(d, c->addpath_guess);
	if (c->on_start)
		c->on_start(m, c->arg);
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
			if (c->on_source_end)
				c->on_source_end(src, m, damaged, c->arg);
			continue;
		}
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
	if (r == MERGE_DONE)
		identity_report(tap.id, m);
	identity_free(tap.id);
	uint64_t damage = damage_log_total(log);
	if (h->on_done)
		h->on_done(decoder_stats(d), damage, c->arg);
	decoder_free(d);
	merge_close(m);
	damage_log_free(log);
	return damage ? EXIT_DAMAGED : EXIT_OK;
}
