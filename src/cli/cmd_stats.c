/*
 * cmd_stats.c — mrtreach stats: what the input holds (files, time range,
 * records by type, damage, elements, prefixes, peers) as text, TSV or JSON.
 * Owns: the options of stats. Never: the counting (stats.c), the layout
 * (fmt_stats.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "decode/decode.h"
#include "cli/cmdline.h"
#include "cli/coverage_keep.h"
#include "report/diag.h"
#include "report/fmt_stats.h"
#include "cli/opts.h"
#include "report/outbuf.h"
#include "cli/pipeline.h"
#include "state/stats.h"

static const char help_text[] =
    "usage: mrtreach stats [OPTIONS] FILE...\n"
    "\n"
    "Summarises MRT archives in one pass: how many files and collectors; the\n"
    "time range of the records (UTC); records by MRT type and subtype with their\n"
    "RFC 6396 names (TABLE_DUMP_V2/RIB_IPV4_UNICAST, BGP4MP/MESSAGE_AS4, ...),\n"
    "and those of types mrtreach does not decode; damage (spots reported on\n"
    "stderr, records partly or not decoded); route elements by type (rib,\n"
    "announce, withdraw, state, as 'mrtreach dump' prints them); distinct\n"
    "prefixes per address family; distinct vantage points (a peer address at a\n"
    "collector) and peer addresses; per collector, its coverage: first and\n"
    "last time, files, RIB dumps and the gaps in its data (missing update\n"
    "files; 'gap' lines). FILE '-' is standard input.\n"
    "\n"
    "Options:\n"
    "      --format text|tsv|json  text: for people (the default); tsv: a\n"
    "                     '#key value' header then one 'key<TAB>value' line per\n"
    "                     count (records.TYPE/SUBTYPE, elements.rib, ...);\n"
    "                     json: one object on one line\n"
    CMDLINE_HELP_COMMON(6, 21)
    "\n"
    "Examples:\n"
    "  mrtreach stats rib.20141221.0000.bz2\n"
    "  mrtreach stats --format json route-views2/updates.20141222.*.bz2\n"
    "\n"
    "Exit status: 0 all input read cleanly, 1 some input damaged or unreadable\n"
    "(reported on stderr with file and byte offset; the rest is still counted),\n"
    "2 usage error.\n";

struct stats_ctx {
	struct stats s;
	enum report_fmt fmt;
	size_t files;
	char **names;                /* collector names, copied: the merge is gone at the end */
	size_t nnames;
	struct decode_stats ds;
	uint64_t damage;             /* damaged spots found (reported or summarised) */
	struct cov_keep cov;         /* each collector's coverage, after the pass */
	struct outbuf out;
};

static int on_elem(const struct elem *e, void *arg)
{
	stats_elem(&((struct stats_ctx *)arg)->s, e);
	return 0;
}

static void on_source_end(const struct source *src, const struct merge *m, bool damaged, void *arg)
{
	(void)m;
	peers_source_end(&((struct stats_ctx *)arg)->s.peers, src->index, damaged);
}

static void on_start(const struct merge *m, void *arg)
{
	struct stats_ctx *c = arg;
	c->files = merge_source_count(m);
	if (!(c->names = merge_collector_names(m, &c->nnames)))
		cmdline_out_of_memory();
}

/* Each collector's coverage, kept for the report. */
static void on_coverage(const struct coverage *cov, const struct merge *m, void *arg)
{
	(void)m;
	struct stats_ctx *c = arg;
	if (!cov_keep_take(&c->cov, cov, c->nnames))
		cmdline_out_of_memory();
}

static void on_record(const struct mrt_record *rec, const struct source *src, void *arg)
{
	(void)src;
	stats_record(&((struct stats_ctx *)arg)->s, rec->type, rec->subtype, rec->ts);
}

static void on_done(const struct decode_stats *ds, uint64_t damage, void *arg)
{
	((struct stats_ctx *)arg)->ds = *ds;
	((struct stats_ctx *)arg)->damage = damage;
}

enum { O_FORMAT = CMDLINE_OWN };

static const struct option own[] = {
	{ "format", required_argument, NULL, O_FORMAT },
	{ NULL, 0, NULL, 0 },
};

static void apply(void *ctx, int id, const char *arg)
{
	(void)id;
	((struct stats_ctx *)ctx)->fmt = (enum report_fmt)cmdline_choice(arg, report_fmt_names);
}

int cmd_stats(int argc, char **argv)
{
	static struct stats_ctx c;         /* static: the output buffer is large */
	struct common_opts co;
	c.fmt = REPORT_TEXT;
	const struct cmdline cl = { "stats", help_text, NULL, own, apply, &c };
	int first = cmdline_parse(&cl, argc, argv, &co);

	stats_init(&c.s);
	memset(&c.ds, 0, sizeof c.ds);
	out_init(&c.out, STDOUT_FILENO);
	struct pipeline_consumer pc = {
		.on_elem = on_elem, .on_source_end = on_source_end, .on_start = on_start, .arg = &c,
		.progress = co.progress, .addpath_guess = co.addpath_guess, .on_coverage = on_coverage,
	};
	struct pipeline_hooks h = { .on_record = on_record, .on_done = on_done };
	int status = pipeline_run_hooks((const char *const *)argv + first, (size_t)(argc - first),
	                                &pc, &h);
	bool oom = c.s.oom;
	if (oom) {
		diag_error("stats: out of memory: distinct counts are too low");
		status = EXIT_DAMAGED;
	}

	/* collectors by name, so the output does not depend on file order */
	struct cov_view view;
	if (cov_keep_view(&c.cov, c.names, c.nnames, &view)) {
		const struct stats_report r = {
			.s = &c.s, .files = c.files, .collectors = c.cov.sorted, .ncollectors = c.nnames,
			.ds = &c.ds, .damage = c.damage, .vps = c.s.peers.vt.n,
			.addrs = stats_peer_addresses(&c.s), .coverage = view,
		};
		stats_outputs[c.fmt]->report(&c.out, &r);
	} else {
		diag_error("stats: out of memory");
		status = EXIT_DAMAGED;
	}
	cov_keep_free(&c.cov);
	out_flush(&c.out);
	merge_names_free(c.names, c.nnames);
	c.names = NULL;
	c.nnames = 0;
	stats_free(&c.s);
	if (c.out.failed)
		return EXIT_DAMAGED;
	return status;
}
