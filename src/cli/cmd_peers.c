/*
 * cmd_peers.c — mrtreach peers: one line per vantage point with its table
 * sizes, full-feed flags and update counters, as text, TSV or JSON Lines,
 * then each collector's coverage (coverage_keep.h, as stats).
 * Owns: the options of peers. Never: the accounting (peers.c), the layout
 * (fmt_peers.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmdline.h"
#include "cli/coverage_keep.h"
#include "report/diag.h"
#include "report/fmt_peers.h"
#include "cli/opts.h"
#include "report/outbuf.h"
#include "state/peers.h"
#include "cli/pipeline.h"

static const char help_text[] =
    "usage: mrtreach peers [OPTIONS] FILE...\n"
    "\n"
    "Lists every vantage point of the inputs (one peer address at one collector;\n"
    "the same address at two collectors is two vantage points; the collector is\n"
    "named by the file's directory, e.g. route-views2 or rrc00) with:\n"
    "  its AS; its IPv4 and IPv6 table sizes, the RIB entries it has in its\n"
    "  collector's latest RIB dump ('-' when no RIB dump of that collector was\n"
    "  given); the families in which it is full-feed, as blackout and timeline\n"
    "  decide it (IPv4, IPv6, IPv4+IPv6, no; '?' without a RIB dump); its\n"
    "  session state changes, announced and withdrawn prefixes;\n"
    "  the first and last time it appears (RIB entries carry the dump's time).\n"
    "Sorted by collector, then address family, then address. Then each\n"
    "collector's coverage as 'mrtreach stats' shows it: first and last time,\n"
    "files, gaps. FILE '-' is standard input.\n"
    "\n"
    "Options:\n"
    "      --format text|tsv|json  text: aligned columns (the default); tsv: a\n"
    "                     '#' header line then tab-separated fields (coverage in\n"
    "                     '#' lines); json: one object per vantage point per\n"
    "                     line, then one {\"coverage\":[...]}\n"
    "      --full-feed FRACTION  full-feed = a table of that family at least\n"
    "                     FRACTION (default 0.9, or 90%) as large as the largest\n"
    "                     table of that family of any vantage point (all collectors)\n"
    CMDLINE_HELP_COMMON(6, 21)
    "\n"
    "Examples:\n"
    "  mrtreach peers route-views2/rib.20141221.0000.bz2 rrc00/bview.20141221.0000.gz\n"
    "  mrtreach peers --format tsv --full-feed 0.8 \\\n"
    "      rrc00/bview.*.gz rrc00/updates.*.gz\n"
    "\n"
    "Exit status: 0 all input read cleanly, 1 some input damaged or unreadable\n"
    "(reported on stderr with file and byte offset; the rest is still counted),\n"
    "2 usage error.\n";

struct peers_ctx {
	struct peers peers;
	enum report_fmt fmt;
	char **names;                /* collector names, copied: the merge is gone at the end */
	size_t nnames;
	struct cov_keep cov;         /* each collector's coverage, after the pass */
	struct outbuf out;
};

static int on_elem(const struct elem *e, void *arg)
{
	peers_elem(&((struct peers_ctx *)arg)->peers, e);
	return 0;
}

static void on_source_end(const struct source *src, const struct merge *m, bool damaged, void *arg)
{
	(void)m;
	peers_source_end(&((struct peers_ctx *)arg)->peers, src->index, damaged);
}

static void on_start(const struct merge *m, void *arg)
{
	struct peers_ctx *c = arg;
	if (!(c->names = merge_collector_names(m, &c->nnames)))
		cmdline_out_of_memory();
}

static void on_coverage(const struct coverage *cov, const struct merge *m, void *arg)
{
	(void)m;
	struct peers_ctx *c = arg;
	if (!cov_keep_take(&c->cov, cov, c->nnames))
		cmdline_out_of_memory();
}

enum { O_FORMAT = CMDLINE_OWN, O_FULL_FEED };

static const struct option own[] = {
	{ "format", required_argument, NULL, O_FORMAT },
	{ "full-feed", required_argument, NULL, O_FULL_FEED },
	{ NULL, 0, NULL, 0 },
};

static double full_feed;

static void apply(void *ctx, int id, const char *arg)
{
	struct peers_ctx *c = ctx;
	if (id == O_FORMAT)
		c->fmt = (enum report_fmt)cmdline_choice(arg, report_fmt_names);
	else
		full_feed = cmdline_fraction(arg);
}

int cmd_peers(int argc, char **argv)
{
	static struct peers_ctx c;         /* static: the output buffer is large */
	struct common_opts co;
	full_feed = 0.9;
	c.fmt = REPORT_TEXT;
	const struct cmdline cl = { "peers", help_text, NULL, own, apply, &c };
	int first = cmdline_parse(&cl, argc, argv, &co);

	peers_init(&c.peers, full_feed);
	out_init(&c.out, STDOUT_FILENO);
	struct pipeline_consumer pc = {
		.on_elem = on_elem, .on_source_end = on_source_end, .on_start = on_start, .arg = &c,
		.progress = co.progress, .addpath_guess = co.addpath_guess, .on_coverage = on_coverage,
	};
	int status = pipeline_run((const char *const *)argv + first, (size_t)(argc - first), &pc);
	bool oom = c.peers.oom;
	if (oom)
		diag_error("peers: out of memory: some vantage points are missing");

	uint32_t *order = peers_sorted(&c.peers, (const char *const *)c.names, c.nnames);
	struct cov_view view;
	if (!order || !cov_keep_view(&c.cov, c.names, c.nnames, &view)) {
		diag_error("peers: out of memory");
		status = EXIT_DAMAGED;
	} else {
		const struct peers_report r = { &c.peers, c.names, c.nnames, order, view };
		peers_outputs[c.fmt]->report(&c.out, &r);
	}
	free(order);
	cov_keep_free(&c.cov);
	out_flush(&c.out);
	merge_names_free(c.names, c.nnames);
	c.names = NULL;
	c.nnames = 0;
	peers_free(&c.peers);
	if (oom || c.out.failed)
		return EXIT_DAMAGED;
	return status;
}
