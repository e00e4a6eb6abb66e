/*
 * cmd_peers.c — mrtreach peers: one line per vantage point with its table
 * sizes, full-feed flags and update counters, as text, TSV or JSON Lines.
 * Owns: the options and layout of peers. Never: the accounting (peers.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmdline.h"
#include "report/diag.h"
#include "report/fmt_report.h"
#include "cli/opts.h"
#include "report/timefmt.h"
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
    "Sorted by collector, then address family, then address. FILE '-' is\n"
    "standard input.\n"
    "\n"
    "Options:\n"
    "      --format text|tsv|json  text: aligned columns (the default); tsv: a\n"
    "                     '#' header line then tab-separated fields; json: one\n"
    "                     object per vantage point per line\n"
    "      --full-feed FRACTION  full-feed = a table of that family at least\n"
    "                     FRACTION (default 0.9, or 90%) as large as the largest\n"
    "                     table of that family of any vantage point (all collectors)\n"
    "      --progress     show progress on stderr even when it is not a terminal\n"
    "      --quiet        no progress line (default: one when stderr is a terminal)\n"
    "      --addpath-guess  read NLRI that a collector wrote with ADD-PATH path ids\n"
    "                     under a subtype without them that way (default: left out)\n"
    "      --collector NAME=GLOB  files matching GLOB belong to collector NAME (may\n"
    "                     be repeated; default: named from their folders)\n"
    "  -h, --help         this help\n"
    "      --version      the version of mrtreach\n"
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

/* The text fields of one vantage point, shared by the text and TSV layouts. */
enum { COL_COLLECTOR, COL_PEER, COL_AS, COL_V4, COL_V6, COL_FULL, COL_STATES,
       COL_ANN, COL_WD, COL_FIRST, COL_LAST, NCOLS };
static const char *const col_head[NCOLS] = {
	"collector", "peer", "AS", "IPv4", "IPv6", "full-feed", "states",
	"announced", "withdrawn", "first seen (UTC)", "last seen (UTC)",
};
static const bool col_right[NCOLS] = {
	false, false, true, true, true, false, true, true, true, false, false,
};

/* "2014-12-21 00:00:00": the header says UTC once. */
static void time_cell(uint32_t t, char *dst)
{
	fmt_time_iso(t, dst);
	dst[10] = ' ';
	dst[19] = '\0';
}

static const char *full_text(enum peer_full v4, enum peer_full v6)
{
	if (v4 == PEER_FULL_UNKNOWN)
		return "?";
	if (v4 == PEER_FULL_YES)
		return v6 == PEER_FULL_YES ? "IPv4+IPv6" : "IPv4";
	return v6 == PEER_FULL_YES ? "IPv6" : "no";
}

static void cells(const struct peers_ctx *c, size_t i, char cell[NCOLS][ADDR_STRLEN])
{
	const struct vantage_vp *v = peers_vp(&c->peers, i);
	const struct peer_count *n = &c->peers.cnt[i];
	bool known = peers_has_table(&c->peers, i);
	snprintf(cell[COL_COLLECTOR], ADDR_STRLEN, "%.40s",
	         v->collector < c->nnames ? c->names[v->collector] : "(unnamed)");
	addr_format(&v->ip, cell[COL_PEER]);
	snprintf(cell[COL_AS], ADDR_STRLEN, "%u", v->asn);
	for (int f = 0; f < 2; f++) {
		if (known)
			snprintf(cell[COL_V4 + f], ADDR_STRLEN, "%u", v->table_size[f]);
		else
			strcpy(cell[COL_V4 + f], "-");
	}
	strcpy(cell[COL_FULL], full_text(peers_full_feed(&c->peers, i, 0),
	                                 peers_full_feed(&c->peers, i, 1)));
	snprintf(cell[COL_STATES], ADDR_STRLEN, "%llu", (unsigned long long)n->state_changes);
	snprintf(cell[COL_ANN], ADDR_STRLEN, "%llu", (unsigned long long)n->announces);
	snprintf(cell[COL_WD], ADDR_STRLEN, "%llu", (unsigned long long)n->withdraws);
	time_cell(v->first_ts, cell[COL_FIRST]);
	time_cell(v->last_ts, cell[COL_LAST]);
}

static void pad(struct outbuf *o, size_t n)
{
	while (n-- > 0)
		out_char(o, ' ');
}

static void report_text(struct peers_ctx *c, const uint32_t *order)
{
	static char cell[NCOLS][ADDR_STRLEN];
	size_t w[NCOLS];
	for (int k = 0; k < NCOLS; k++)
		w[k] = strlen(col_head[k]);
	for (size_t i = 0; i < c->peers.vt.n; i++) {
		cells(c, order[i], cell);
		for (int k = 0; k < NCOLS; k++)
			if (strlen(cell[k]) > w[k])
				w[k] = strlen(cell[k]);
	}
	for (int k = 0; k < NCOLS; k++) {
		size_t l = strlen(col_head[k]);
		if (col_right[k])
			pad(&c->out, w[k] - l);
		out_str(&c->out, col_head[k]);
		if (k + 1 < NCOLS)
			pad(&c->out, (col_right[k] ? 0 : w[k] - l) + 2);
	}
	out_char(&c->out, '\n');
	for (size_t i = 0; i < c->peers.vt.n; i++) {
		cells(c, order[i], cell);
		for (int k = 0; k < NCOLS; k++) {
			size_t l = strlen(cell[k]);
			if (col_right[k])
				pad(&c->out, w[k] - l);
			out_str(&c->out, cell[k]);
			if (k + 1 < NCOLS)
				pad(&c->out, (col_right[k] ? 0 : w[k] - l) + 2);
		}
		out_char(&c->out, '\n');
	}
}

static const char *full_word(enum peer_full f, bool json)
{
	if (f == PEER_FULL_UNKNOWN)
		return json ? "null" : "-";
	if (f == PEER_FULL_YES)
		return json ? "true" : "yes";
	return json ? "false" : "no";
}

static void report_tsv(struct peers_ctx *c, const uint32_t *order)
{
	out_str(&c->out, "#collector\tpeer\tpeer_as\tipv4_routes\tipv6_routes\tfull_feed_ipv4\t"
	                 "full_feed_ipv6\tstate_changes\tannouncements\twithdrawals\tfirst_seen\t"
	                 "first_seen_ts\tlast_seen\tlast_seen_ts\n");
	char cell[NCOLS][ADDR_STRLEN], t1[32], t2[32];
	for (size_t k = 0; k < c->peers.vt.n; k++) {
		uint32_t i = order[k];
		const struct vantage_vp *v = peers_vp(&c->peers, i);
		cells(c, i, cell);
		fmt_time_iso(v->first_ts, t1);
		fmt_time_iso(v->last_ts, t2);
		out_printf(&c->out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%u\t%s\t%u\n",
		     cell[COL_COLLECTOR], cell[COL_PEER], cell[COL_AS], cell[COL_V4], cell[COL_V6],
		     full_word(peers_full_feed(&c->peers, i, 0), false),
		     full_word(peers_full_feed(&c->peers, i, 1), false),
		     cell[COL_STATES], cell[COL_ANN], cell[COL_WD], t1, v->first_ts, t2, v->last_ts);
	}
}

static void report_json(struct peers_ctx *c, const uint32_t *order)
{
	char cell[NCOLS][ADDR_STRLEN], t1[32], t2[32];
	for (size_t k = 0; k < c->peers.vt.n; k++) {
		uint32_t i = order[k];
		const struct vantage_vp *v = peers_vp(&c->peers, i);
		bool known = peers_has_table(&c->peers, i);
		cells(c, i, cell);
		fmt_time_iso(v->first_ts, t1);
		fmt_time_iso(v->last_ts, t2);
		out_str(&c->out, "{\"collector\":");
		out_json_str(&c->out, v->collector < c->nnames ? c->names[v->collector] : "(unnamed)");
		out_printf(&c->out, ",\"peer\":\"%s\",\"peer_as\":%u,", cell[COL_PEER], v->asn);
		if (known)
			out_printf(&c->out, "\"ipv4_routes\":%u,\"ipv6_routes\":%u,",
			     v->table_size[0], v->table_size[1]);
		else
			out_str(&c->out, "\"ipv4_routes\":null,\"ipv6_routes\":null,");
		out_printf(&c->out, "\"full_feed_ipv4\":%s,\"full_feed_ipv6\":%s,\"state_changes\":%s,"
		              "\"announcements\":%s,\"withdrawals\":%s,\"first_seen\":\"%s\","
		              "\"first_seen_ts\":%u,\"last_seen\":\"%s\",\"last_seen_ts\":%u}\n",
		     full_word(peers_full_feed(&c->peers, i, 0), true),
		     full_word(peers_full_feed(&c->peers, i, 1), true),
		     cell[COL_STATES], cell[COL_ANN], cell[COL_WD], t1, v->first_ts, t2, v->last_ts);
	}
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
		.progress = co.progress, .addpath_guess = co.addpath_guess,
	};
	int status = pipeline_run((const char *const *)argv + first, (size_t)(argc - first), &pc);
	bool oom = c.peers.oom;
	if (oom)
		diag_error("peers: out of memory: some vantage points are missing");

	uint32_t *order = peers_sorted(&c.peers, (const char *const *)c.names, c.nnames);
	if (!order) {
		diag_error("peers: out of memory");
		status = EXIT_DAMAGED;
	} else if (c.fmt == REPORT_TEXT) {
		report_text(&c, order);
	} else if (c.fmt == REPORT_TSV) {
		report_tsv(&c, order);
	} else {
		report_json(&c, order);
	}
	free(order);
	out_flush(&c.out);
	merge_names_free(c.names, c.nnames);
	c.names = NULL;
	c.nnames = 0;
	peers_free(&c.peers);
	if (oom || c.out.failed)
		return EXIT_DAMAGED;
	return status;
}
