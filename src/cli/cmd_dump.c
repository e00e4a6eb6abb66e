/*
 * cmd_dump.c — mrtreach dump: every route element of the inputs, one per
 * line, in bgpdump -m format or JSON Lines, through the user's filters.
 * Owns: the options of dump and wiring them to pipeline -> filter -> fmt.
 * Never: decodes or formats itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmdline.h"
#include "report/diag.h"
#include "state/filter.h"
#include "report/fmt.h"
#include "cli/opts.h"
#include "report/outbuf.h"
#include "cli/pipeline.h"

static const char help_text[] =
    "usage: mrtreach dump [OPTIONS] FILE...\n"
    "\n"
    "Decodes MRT archives (RIB dumps and update files; gzip, bzip2 or plain;\n"
    "merged by time) and prints one line per route element: a RIB route (B),\n"
    "an announced (A) or withdrawn (W) prefix, or a peer's session change (STATE).\n"
    "FILE '-' is standard input.\n"
    "\n"
    "Format:\n"
    "      --format bgpdump|json  bgpdump: the bgpdump -m pipe format, byte for\n"
    "                     byte (the default); json: JSON Lines, one object per\n"
    "                     element (schema: man mrtreach)\n"
    "  -m                 the same as --format bgpdump\n"
    "      --json         the same as --format json\n"
    "\n"
    "Filters (all given must match; those marked + may be repeated, any matches):\n"
    "      --prefix P     + only routes for prefix P (e.g. 175.45.176.0/24)\n"
    "      --more-specific  with --prefix: also routes inside P\n"
    "      --less-specific  with --prefix: also routes covering P\n"
    "      --origin ASN   + only routes whose path ends in ASN (131279, AS131279,\n"
    "                     2.1)\n"
    "      --peer IP      + only elements from the peer with address IP\n"
    "      --peer-as ASN  + only elements from peers of AS ASN\n"
    "      --start T      only elements at or after T (UTC: 2014-12-22T16:15:00Z,\n"
    "                     '2014-12-22 16:15', 2014-12-22, or epoch seconds)\n"
    "      --end T        only elements at or before T (a date alone: to its end)\n"
    "      --type TYPE    + announce, withdraw, rib or state\n"
    CMDLINE_HELP_COMMON(6, 21)
    "\n"
    "A prefix filter leaves out STATE lines (they name no prefix); an origin\n"
    "filter leaves out withdrawals and STATE lines (they carry no path).\n"
    "\n"
    "Examples:\n"
    "  mrtreach dump updates.20141222.1600.bz2 | head\n"
    "  mrtreach dump --prefix 175.45.176.0/22 --more-specific \\\n"
    "      rib.20141222.0000.bz2 updates.20141222.*.bz2\n"
    "  mrtreach dump --json --origin AS131279 --type announce \\\n"
    "      rrc00/updates.20141222.16*.gz\n"
    "\n"
    "Exit status: 0 all input read cleanly, 1 some input damaged or unreadable\n"
    "(reported on stderr with file and byte offset; the rest is still printed),\n"
    "2 usage error.\n";

struct dump_ctx {
	struct filter filter;
	const struct dump_output *fmt;      /* chosen once: -m, --json, --format */
	bool filtered;              /* any filter given: skip filter_match otherwise */
	const struct merge *merge;
	struct outbuf out;
};

static int on_elem(const struct elem *e, void *arg)
{
	struct dump_ctx *d = arg;

	if (d->filtered && !filter_match(&d->filter, e))
		return 0;
	d->fmt->elem(&d->out, e, d->fmt->wants_collector ? merge_collector_name(d->merge, e->collector) : "");
	/* A closed pipe (`| head`) or a failed write: stop reading input. */
	return out_ok(&d->out) ? 0 : 1;
}

static void on_start(const struct merge *m, void *arg)
{
	((struct dump_ctx *)arg)->merge = m;
}

enum {
	OPT_JSON = CMDLINE_OWN, OPT_FORMAT, OPT_PREFIX, OPT_MORE, OPT_LESS, OPT_ORIGIN, OPT_PEER,
	OPT_PEER_AS, OPT_START, OPT_END, OPT_TYPE,
};

static const struct option longopts[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "prefix", required_argument, NULL, OPT_PREFIX },
	{ "more-specific", no_argument, NULL, OPT_MORE },
	{ "less-specific", no_argument, NULL, OPT_LESS },
	{ "origin", required_argument, NULL, OPT_ORIGIN },
	{ "peer", required_argument, NULL, OPT_PEER },
	{ "peer-as", required_argument, NULL, OPT_PEER_AS },
	{ "start", required_argument, NULL, OPT_START },
	{ "end", required_argument, NULL, OPT_END },
	{ "type", required_argument, NULL, OPT_TYPE },
	{ NULL, 0, NULL, 0 },
};

/* What the options set beyond the filter. */
struct dump_opts {
	struct dump_ctx *d;
	bool more, less;
	const char *format_by;       /* the option that chose the format, for conflicts */
};

/* Room for one more value of a repeatable filter option. */
static void room_for(size_t n)
{
	if (n == FILTER_MAX)
		cmdline_usage("at most %d %s options", FILTER_MAX, cmdline_option());
}

/* The formats by their --format names; -m is bgpdump, --json json. */
static const char *const format_names[] = { "bgpdump", "json", NULL };
static const struct dump_output *const formats[] = { &dump_output_bgpdump, &dump_output_json };

/* -m, --json and --format choose the format; two different choices are a
 * mistake, not "the last one wins". */
static void choose_format(struct dump_opts *o, const struct dump_output *fmt)
{
	static char by[64];
	if (o->format_by && o->d->fmt != fmt)
		cmdline_exclusive(true, by, true, cmdline_option());
	snprintf(by, sizeof by, "%s", cmdline_option());
	o->format_by = by;
	o->d->fmt = fmt;
}

static const char *const type_names[] = { "announce", "withdraw", "rib", "state", NULL };
static const enum elem_type type_values[] = { ELEM_ANNOUNCE, ELEM_WITHDRAW, ELEM_RIB, ELEM_STATE };

/* Applies one parsed option to the dump settings. */
static void apply(void *ctx, int ch, const char *arg)
{
	struct dump_opts *o = ctx;
	struct filter *f = &o->d->filter;

	switch (ch) {
	case 'm': choose_format(o, &dump_output_bgpdump); return;
	case OPT_JSON: choose_format(o, &dump_output_json); return;
	case OPT_FORMAT: choose_format(o, formats[cmdline_choice(arg, format_names)]); return;
	case OPT_MORE: o->more = true; return;
	case OPT_LESS: o->less = true; return;
	case OPT_PREFIX:
		room_for(f->nprefixes);
		cmdline_prefix(arg, &f->prefixes[f->nprefixes++]);
		break;
	case OPT_ORIGIN:
		room_for(f->norigins);
		f->origins[f->norigins++] = cmdline_asn(arg);
		break;
	case OPT_PEER:
		room_for(f->npeers);
		cmdline_addr(arg, &f->peers[f->npeers++]);
		break;
	case OPT_PEER_AS:
		room_for(f->npeer_asns);
		f->peer_asns[f->npeer_asns++] = cmdline_asn(arg);
		break;
	case OPT_START:
		f->start = cmdline_time(arg);
		break;
	case OPT_END:
		f->end = cmdline_time_end(arg);
		break;
	case OPT_TYPE:
		f->types |= 1u << type_values[cmdline_choice(arg, type_names)];
		break;
	default:
		return;
	}
	o->d->filtered = true;
}

int cmd_dump(int argc, char **argv)
{
	static struct dump_ctx d;          /* static: the output buffer is large */
	struct dump_opts o = { .d = &d };
	struct common_opts co;

	filter_init(&d.filter);
	d.fmt = &dump_output_bgpdump;
	d.filtered = false;
	const struct cmdline cl = { "dump", help_text, "m", longopts, apply, &o };
	int first = cmdline_parse(&cl, argc, argv, &co);
	cmdline_exclusive(o.more, "--more-specific", o.less, "--less-specific");
	if ((o.more || o.less) && d.filter.nprefixes == 0)
		cmdline_usage("%s needs --prefix", o.more ? "--more-specific" : "--less-specific");
	d.filter.match = o.more ? MATCH_MORE_SPECIFIC : o.less ? MATCH_LESS_SPECIFIC : MATCH_EXACT;
	if (d.filter.start > d.filter.end)
		cmdline_usage("--start is after --end");

	out_init(&d.out, STDOUT_FILENO);
	struct pipeline_consumer c = {
		.on_elem = on_elem, .on_start = on_start, .arg = &d,
		.progress = co.progress, .streams_stdout = true, .addpath_guess = co.addpath_guess,
	};
	int status = pipeline_run((const char *const *)argv + first, (size_t)(argc - first), &c);
	out_flush(&d.out);
	if (d.out.failed)
		return EXIT_DAMAGED;       /* the write error was reported by outbuf */
	return status;
}
