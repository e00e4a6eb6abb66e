/*
 * cmd_stats.c — mrtreach stats: what the input holds (files, time range,
 * records by type, damage, elements, prefixes, peers) as text, TSV or JSON.
 * Owns: the options and layout of stats. Never: the counting (stats.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "decode/decode.h"
#include "cli/cmdline.h"
#include "report/diag.h"
#include "report/fmt_report.h"
#include "cli/opts.h"
#include "report/timefmt.h"
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
    "collector) and peer addresses. FILE '-' is standard input.\n"
    "\n"
    "Options:\n"
    "      --format text|tsv|json  text: for people (the default); tsv: a\n"
    "                     '#key value' header then one 'key<TAB>value' line per\n"
    "                     count (records.TYPE/SUBTYPE, elements.rib, ...);\n"
    "                     json: one object on one line\n"
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

/* Collector indices by name, so the output does not depend on file order. */
static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *const elem_names[4] = { "rib", "announce", "withdraw", "state" };

static void report_text(struct stats_ctx *c, char **sorted, size_t vps, size_t addrs)
{
	struct outbuf *o = &c->out;
	const struct stats *s = &c->s;
	char t1[32], t2[32], d[32], label[64];

	out_printf(o, "%-22s %zu\n", "files", c->files);
	out_printf(o, "%-22s %zu", "collectors", c->nnames);
	for (size_t i = 0; i < c->nnames; i++)
		out_printf(o, "%s%s", i ? ", " : " (", sorted[i]);
	out_str(o, c->nnames ? ")\n" : "\n");
	if (s->records) {
		fmt_time_human(s->first_ts, t1);
		fmt_time_human(s->last_ts, t2);
		fmt_duration((int64_t)s->last_ts - s->first_ts, d);
		out_printf(o, "%-22s %s\n%-22s %s (%s later)\n", "first record", t1, "last record", t2, d);
	} else {
		out_printf(o, "%-22s none\n", "first record");
	}
	out_printf(o, "%-22s %llu\n", "records", (unsigned long long)s->records);
	for (size_t i = 0; i < s->ntypes; i++) {
		mrt_type_label(s->types[i].type, s->types[i].subtype, label, sizeof label);
		out_printf(o, "  %-40s %12llu\n", label, (unsigned long long)s->types[i].records);
	}
	if (s->other_types)
		out_printf(o, "  %-40s %12llu\n", "(more types)", (unsigned long long)s->other_types);
	out_printf(o, "%-22s %llu\n", "records not decoded", (unsigned long long)c->ds.unsupported);
	out_printf(o, "%-22s %llu MP_REACH/MP_UNREACH fields (VPN, L2VPN, flowspec...)\n",
	           "other families", (unsigned long long)c->ds.other_families);
	out_printf(o, "%-22s %llu spot%s reported, %llu record%s partly or not decoded\n", "damage",
	     (unsigned long long)c->damage, c->damage == 1 ? "" : "s",
	     (unsigned long long)c->ds.damaged, c->ds.damaged == 1 ? "" : "s");
	out_printf(o, "%-22s %llu\n", "elements", (unsigned long long)c->ds.elems);
	for (int k = 0; k < 4; k++)
		out_printf(o, "  %-40s %12llu\n", elem_names[k], (unsigned long long)s->elems[k]);
	out_printf(o, "%-22s IPv4 %zu, IPv6 %zu\n", "distinct prefixes", s->n4, s->n6);
	out_printf(o, "%-22s %zu vantage point%s, %zu peer address%s\n", "peers", vps, vps == 1 ? "" : "s",
	     addrs, addrs == 1 ? "" : "es");
}

static void report_tsv(struct stats_ctx *c, char **sorted, size_t vps, size_t addrs)
{
	struct outbuf *o = &c->out;
	const struct stats *s = &c->s;
	char t[32], label[64];

	out_str(o, "#key\tvalue\n");
	out_printf(o, "files\t%zu\ncollectors\t%zu\n", c->files, c->nnames);
	for (size_t i = 0; i < c->nnames; i++)
		out_printf(o, "collector\t%s\n", sorted[i]);
	if (s->records) {
		fmt_time_iso(s->first_ts, t);
		out_printf(o, "first_record\t%s\nfirst_record_ts\t%u\n", t, s->first_ts);
		fmt_time_iso(s->last_ts, t);
		out_printf(o, "last_record\t%s\nlast_record_ts\t%u\n", t, s->last_ts);
	}
	out_printf(o, "records\t%llu\n", (unsigned long long)s->records);
	for (size_t i = 0; i < s->ntypes; i++) {
		mrt_type_label(s->types[i].type, s->types[i].subtype, label, sizeof label);
		out_printf(o, "records.%s\t%llu\n", label, (unsigned long long)s->types[i].records);
	}
	if (s->other_types)
		out_printf(o, "records.other\t%llu\n", (unsigned long long)s->other_types);
	out_printf(o, "records_not_decoded\t%llu\nother_family_fields\t%llu\nrecords_damaged\t%llu\n"
	           "damage_reports\t%llu\n",
	     (unsigned long long)c->ds.unsupported, (unsigned long long)c->ds.other_families,
	     (unsigned long long)c->ds.damaged, (unsigned long long)c->damage);
	out_printf(o, "elements\t%llu\n", (unsigned long long)c->ds.elems);
	for (int k = 0; k < 4; k++)
		out_printf(o, "elements.%s\t%llu\n", elem_names[k], (unsigned long long)s->elems[k]);
	out_printf(o, "prefixes.ipv4\t%zu\nprefixes.ipv6\t%zu\nvantage_points\t%zu\npeer_addresses\t%zu\n",
	     s->n4, s->n6, vps, addrs);
}

static void report_json(struct stats_ctx *c, char **sorted, size_t vps, size_t addrs)
{
	struct outbuf *o = &c->out;
	const struct stats *s = &c->s;
	char t[32], label[64];

	out_printf(o, "{\"files\":%zu,\"collectors\":[", c->files);
	for (size_t i = 0; i < c->nnames; i++) {
		if (i)
			out_char(o, ',');
		out_json_str(o, sorted[i]);
	}
	out_str(o, "],");
	if (s->records) {
		fmt_time_iso(s->first_ts, t);
		out_printf(o, "\"first_record\":\"%s\",\"first_record_ts\":%u,", t, s->first_ts);
		fmt_time_iso(s->last_ts, t);
		out_printf(o, "\"last_record\":\"%s\",\"last_record_ts\":%u,", t, s->last_ts);
	} else {
		out_str(o, "\"first_record\":null,\"first_record_ts\":null,"
		           "\"last_record\":null,\"last_record_ts\":null,");
	}
	out_printf(o, "\"records\":%llu,\"records_by_type\":[", (unsigned long long)s->records);
	for (size_t i = 0; i < s->ntypes; i++) {
		mrt_type_label(s->types[i].type, s->types[i].subtype, label, sizeof label);
		out_printf(o, "%s{\"type\":%u,\"subtype\":%u,\"name\":\"%s\",\"records\":%llu}", i ? "," : "",
		     s->types[i].type, s->types[i].subtype, label, (unsigned long long)s->types[i].records);
	}
	out_printf(o, "],\"records_other_types\":%llu,\"records_not_decoded\":%llu,"
	        "\"other_family_fields\":%llu,\"records_damaged\":%llu,"
	        "\"damage_reports\":%llu,\"elements\":%llu,",
	     (unsigned long long)s->other_types, (unsigned long long)c->ds.unsupported,
	     (unsigned long long)c->ds.other_families, (unsigned long long)c->ds.damaged,
	     (unsigned long long)c->damage, (unsigned long long)c->ds.elems);
	for (int k = 0; k < 4; k++)
		out_printf(o, "\"elements_%s\":%llu,", elem_names[k], (unsigned long long)s->elems[k]);
	out_printf(o, "\"prefixes_ipv4\":%zu,\"prefixes_ipv6\":%zu,\"vantage_points\":%zu,"
	        "\"peer_addresses\":%zu}\n", s->n4, s->n6, vps, addrs);
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
		.progress = co.progress, .addpath_guess = co.addpath_guess,
	};
	struct pipeline_hooks h = { .on_record = on_record, .on_done = on_done };
	int status = pipeline_run_hooks((const char *const *)argv + first, (size_t)(argc - first),
	                                &pc, &h);
	bool oom = c.s.oom;
	if (oom) {
		diag_error("stats: out of memory: distinct counts are too low");
		status = EXIT_DAMAGED;
	}

	char **sorted = malloc((c.nnames ? c.nnames : 1) * sizeof *sorted);
	if (sorted) {
		memcpy(sorted, c.names, c.nnames * sizeof *sorted);
		qsort(sorted, c.nnames, sizeof *sorted, cmp_name);
		size_t vps = c.s.peers.vt.n, addrs = stats_peer_addresses(&c.s);
		if (c.fmt == REPORT_TEXT)
			report_text(&c, sorted, vps, addrs);
		else if (c.fmt == REPORT_TSV)
			report_tsv(&c, sorted, vps, addrs);
		else
			report_json(&c, sorted, vps, addrs);
	} else {
		diag_error("stats: out of memory");
		status = EXIT_DAMAGED;
	}
	free(sorted);
	out_flush(&c.out);
	merge_names_free(c.names, c.nnames);
	c.names = NULL;
	c.nnames = 0;
	stats_free(&c.s);
	if (c.out.failed)
		return EXIT_DAMAGED;
	return status;
}
