/*
 * cmd_dump.c — mrtreach dump: every route element of the inputs, one per
 * line, in bgpdump -m format or JSON Lines, through the user's filters.
 * Owns: the options of dump and wiring them to pipeline -> filter -> fmt.
 * Never: decodes or formats itself.
 */
#include <getopt.h>
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
#include "report/progress.h"

static const char help_text[] =
    "usage: mrtreach dump [OPTIONS] FILE...\n"
    "\n"
    "Decodes MRT archives (RIB dumps and update files; gzip, bzip2 or plain;\n"
    "merged by time) and prints one line per route element: a RIB route (B),\n"
    "an announced (A) or withdrawn (W) prefix, or a peer's session change (STATE).\n"
    "FILE '-' is standard input.\n"
    "\n"
    "Format:\n"
    "  -m                 bgpdump -m pipe format, byte for byte (the default)\n"
    "      --json         JSON Lines, one object per element (schema: man mrtreach)\n"
    "\n"
    "Filters (all given must match; those marked + may be repeated, any matches):\n"
    "      --prefix P     + only routes for prefix P (e.g. 175.45.176.0/24)\n"
    "      --more-specific  with --prefix: also routes inside P\n"
    "      --less-specific  with --prefix: also routes covering P\n"
    "      --origin ASN   + only routes whose path ends in ASN (131279, AS131279, 2.1)\n"
    "      --peer IP      + only elements from the peer with address IP\n"
    "      --peer-as ASN  + only elements from peers of AS ASN\n"
    "      --start T      only elements at or after T (UTC: 2014-12-22T16:15:00Z,\n"
    "                     '2014-12-22 16:15', 2014-12-22, or epoch seconds)\n"
    "      --end T        only elements at or before T\n"
    "      --type TYPE    + announce, withdraw, rib or state\n"
    "      --progress     show progress on stderr even when it is not a terminal\n"
    "      --quiet        no progress line (default: one when stderr is a terminal)\n"
    "  -h, --help         this help\n"
    "\n"
    "A prefix filter leaves out STATE lines (they name no prefix); an origin\n"
    "filter leaves out withdrawals and STATE lines (they carry no path).\n"
    "\n"
    "Examples:\n"
    "  mrtreach dump updates.20141222.1600.bz2 | head\n"
    "  mrtreach dump --prefix 175.45.176.0/22 --more-specific rib.20141222.0000.bz2 updates.20141222.*.bz2\n"
    "  mrtreach dump --json --origin AS131279 --type announce rrc00/updates.20141222.16*.gz\n"
    "\n"
    "Exit status: 0 all input read cleanly, 1 some input damaged or unreadable\n"
    "(reported on stderr with file and byte offset; the rest is still printed),\n"
    "2 usage error.\n";

struct dump_ctx {
	struct filter filter;
	bool json;
	bool filtered;              /* any filter given: skip filter_match otherwise */
	const struct merge *merge;
	struct outbuf out;
};

static int on_elem(const struct elem *e, void *arg)
{
	struct dump_ctx *d = arg;

	if (d->filtered && !filter_match(&d->filter, e))
		return 0;
	if (d->json)
		fmt_json(&d->out, e, merge_collector_name(d->merge, e->collector));
	else
		fmt_bgpdump(&d->out, e);
	/* A closed pipe (`| head`) or a failed write: stop reading input. */
	return out_ok(&d->out) ? 0 : 1;
}

static void on_start(const struct merge *m, void *arg)
{
	((struct dump_ctx *)arg)->merge = m;
}

enum {
	OPT_JSON = 256, OPT_PREFIX, OPT_MORE, OPT_LESS, OPT_ORIGIN, OPT_PEER,
	OPT_PEER_AS, OPT_START, OPT_END, OPT_TYPE, OPT_PROGRESS, OPT_QUIET,
};

static const struct option longopts[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "prefix", required_argument, NULL, OPT_PREFIX },
	{ "more-specific", no_argument, NULL, OPT_MORE },
	{ "less-specific", no_argument, NULL, OPT_LESS },
	{ "origin", required_argument, NULL, OPT_ORIGIN },
	{ "peer", required_argument, NULL, OPT_PEER },
	{ "peer-as", required_argument, NULL, OPT_PEER_AS },
	{ "start", required_argument, NULL, OPT_START },
	{ "end", required_argument, NULL, OPT_END },
	{ "type", required_argument, NULL, OPT_TYPE },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void too_many(const char *opt)
{
	diag_usage("dump: at most %d %s options", FILTER_MAX, opt);
}

static unsigned parse_type(const char *s)
{
	if (strcmp(s, "announce") == 0) return 1u << ELEM_ANNOUNCE;
	if (strcmp(s, "withdraw") == 0) return 1u << ELEM_WITHDRAW;
	if (strcmp(s, "rib") == 0) return 1u << ELEM_RIB;
	if (strcmp(s, "state") == 0) return 1u << ELEM_STATE;
	diag_usage("dump: --type '%s': expected announce, withdraw, rib or state", s);
}

/* Applies one parsed option to the dump settings. */
static void apply_option(struct dump_ctx *d, int ch, const char *arg, bool *more, bool *less)
{
	struct filter *f = &d->filter;
	int64_t t;

	switch (ch) {
	case 'm': d->json = false; return;
	case OPT_JSON: d->json = true; return;
	case OPT_MORE: *more = true; return;
	case OPT_LESS: *less = true; return;
	case OPT_PROGRESS: progress_set_mode(PROGRESS_ON); return;
	case OPT_QUIET: progress_set_mode(PROGRESS_OFF); return;
	case OPT_PREFIX:
		if (f->nprefixes == FILTER_MAX)
			too_many("--prefix");
		if (!prefix_parse(arg, &f->prefixes[f->nprefixes], false))
			diag_usage("dump: --prefix '%s': not a prefix like 10.0.0.0/8 or 2001:db8::/32 (host bits must be zero)", arg);
		f->nprefixes++;
		break;
	case OPT_ORIGIN:
		if (f->norigins == FILTER_MAX)
			too_many("--origin");
		if (!opt_parse_asn(arg, &f->origins[f->norigins]))
			diag_usage("dump: --origin '%s': not an AS number (131279, AS131279 or 2.1)", arg);
		f->norigins++;
		break;
	case OPT_PEER:
		if (f->npeers == FILTER_MAX)
			too_many("--peer");
		if (!addr_parse(arg, &f->peers[f->npeers]))
			diag_usage("dump: --peer '%s': not an IP address", arg);
		f->npeers++;
		break;
	case OPT_PEER_AS:
		if (f->npeer_asns == FILTER_MAX)
			too_many("--peer-as");
		if (!opt_parse_asn(arg, &f->peer_asns[f->npeer_asns]))
			diag_usage("dump: --peer-as '%s': not an AS number (131279, AS131279 or 2.1)", arg);
		f->npeer_asns++;
		break;
	case OPT_START:
	case OPT_END:
		if (!opt_parse_time(arg, &t))
			diag_usage("dump: %s '%s': not a time (2014-12-22T16:15:00Z, '2014-12-22 16:15', 2014-12-22 or epoch seconds)",
			           ch == OPT_START ? "--start" : "--end", arg);
		if (ch == OPT_START)
			f->start = t;
		else
			f->end = t;
		break;
	case OPT_TYPE:
		f->types |= parse_type(arg);
		break;
	default:
		return;
	}
	d->filtered = true;
}

int cmd_dump(int argc, char **argv)
{
	static struct dump_ctx d;          /* static: the output buffer is large */
	bool more = false, less = false;
	int ch;

	filter_init(&d.filter);
	d.json = false;
	d.filtered = false;
	opterr = 0;                        /* one line of our own instead of getopt's */
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":mh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			fputs(help_text, stdout);
			return EXIT_OK;
		}
		if (ch == '?' || ch == ':')
			cmdline_refused("dump", longopts, ch, argv[optind - 1]);
		apply_option(&d, ch, optarg, &more, &less);
	}
	if (more && less)
		diag_usage("dump: --more-specific and --less-specific exclude each other");
	if ((more || less) && d.filter.nprefixes == 0)
		diag_usage("dump: %s needs --prefix", more ? "--more-specific" : "--less-specific");
	d.filter.match = more ? MATCH_MORE_SPECIFIC : less ? MATCH_LESS_SPECIFIC : MATCH_EXACT;
	if (d.filter.start > d.filter.end)
		diag_usage("dump: --start is after --end");
	if (optind >= argc)
		diag_usage("dump: no input file given (try 'mrtreach dump --help')");

	out_init(&d.out, STDOUT_FILENO);
	progress_stdout_streams(true);
	struct pipeline_consumer c = { .on_elem = on_elem, .on_start = on_start, .arg = &d };
	int status = pipeline_run((const char *const *)argv + optind, (size_t)(argc - optind), &c);
	out_flush(&d.out);
	if (d.out.failed)
		return EXIT_DAMAGED;       /* the write error was reported by outbuf */
	return status;
}
