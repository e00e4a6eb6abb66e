/*
 * cmd_dump.c — mrtreach dump: every route element of the inputs, one per
 * line, in bgpdump -m / -M format or JSON Lines, through the user's filters;
 * and the same run under bgpdump's own name and option syntax (cmd_bgpdump).
 * Owns: the options of dump and of bgpdump, and wiring them to
 * pipeline -> filter -> fmt. Never: decodes or formats itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmdline.h"
#include "decode/mrtdef.h"
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
    "  -M                 bgpdump -M: times as MM/DD/YY HH:MM:SS (UTC), A and B\n"
    "                     lines end at the ORIGIN field\n"
    "  -H                 bgpdump -H (its default): a block of NAME: value lines\n"
    "                     per message, state change or RIB entry, with OPEN,\n"
    "                     KEEPALIVE and NOTIFICATION messages (no filters)\n"
    "      --json         the same as --format json\n"
    "  -t dump|change     a RIB route's time: the dump's (default) or when the\n"
    "                     route last changed (bgpdump -t)\n"
    "  -p                 the record's index in its file as second field\n"
    "  -l                 large communities after the communities (-m lines)\n"
    "  -u                 attributes bgpdump does not decode, as TYPE:FLAGS:HEX,\n"
    "                     as last field (-m lines)\n"
    "  -O FILE            write to FILE instead of standard output\n"
    "      --count        print only the number of elements that pass the filters\n"
    "  -v                 accepted, as bgpdump's (messages always go to stderr)\n"
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
    "  -4, -6             only IPv4 / only IPv6 routes\n"
    "      --as-path REGEX  + only routes whose AS path, as printed (\"3356 1299\n"
    "                     {64512,64513}\"), matches the POSIX extended REGEX\n"
    "      --community C  + only routes carrying community C (65000:100,\n"
    "                     no-export) or large community C (4200000000:1:2)\n"
    "      --threads N    decode and format on N threads (default: one per\n"
    "                     core; 1: on this one); the output is the same\n"
    CMDLINE_HELP_COMMON(6, 21)
    "\n"
    "A prefix or family filter leaves out STATE lines (they name no prefix); an\n"
    "origin, AS path or community filter leaves out withdrawals and STATE lines\n"
    "(they carry no path). Installed as 'bgpdump' (make install-bgpdump-link),\n"
    "mrtreach takes bgpdump's command line (man mrtreach: COMPATIBILITY).\n"
    "\n"
    "Examples:\n"
    "  mrtreach dump -M -O out.txt updates.20141222.1600.bz2\n"
    "  mrtreach dump --count -6 --community no-export rib.20141222.0000.bz2\n"
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
	struct bgpdump_style style; /* -M, -t, -p, -l, -u */
	bool styled;                /* any of them: lines by fmt_bgpdump_style */
	bool count_only;            /* --count */
	uint64_t count;
	regex_t as_paths[FILTER_MAX];   /* --as-path, any matches */
	size_t nas_paths;
	bool path_too_long;         /* warned once that a path was too long to match */
	uint64_t *index;            /* -p: records so far of each input */
	struct outbuf path_text;    /* --as-path: the path as printed */
	struct outbuf out;
};

/* Whether e's AS path, as printed, matches one of the --as-path regexes.
 * Withdrawals and STATE carry no path. */
static bool as_path_wanted(struct dump_ctx *d, const struct elem *e)
{
	if (!e->attrs || (e->type != ELEM_RIB && e->type != ELEM_ANNOUNCE))
		return false;
	if (FMT_AS_PATH_ROOM(e->attrs->as_path.left) > OUTBUF_SIZE) {
		if (!d->path_too_long)
			diag_warn("an AS path too long to match --as-path (%zu bytes) was left out",
			          e->attrs->as_path.left);
		d->path_too_long = true;
		return false;
	}
	d->path_text.len = 0;
	fmt_bgpdump_as_path(&d->path_text, e);
	out_char(&d->path_text, '\0');
	for (size_t i = 0; i < d->nas_paths; i++)
		if (regexec(&d->as_paths[i], d->path_text.buf, 0, NULL, 0) == 0)
			return true;
	return false;
}

/* One element into out: on this thread (on_elem) or on a worker thread of
 * the pipeline's pool, which only runs the formats that keep no state in
 * d->style (-m, --json: no record hook), so it only reads d. */
static void format_elem(const struct elem *e, struct outbuf *out, void *arg)
{
	struct dump_ctx *d = arg;

	if (d->filtered && !filter_match(&d->filter, e))
		return;
	d->fmt->elem(out, e, d->fmt->wants_collector ? merge_collector_name(d->merge, e->collector) : "",
	             &d->style);
}

/* The plain path: -m or --json, with the filters of filter.h at most. */
static int on_elem(const struct elem *e, void *arg)
{
	struct dump_ctx *d = arg;

	format_elem(e, &d->out, d);
	/* A closed pipe (`| head`) or a failed write: stop reading input. */
	return out_ok(&d->out) ? 0 : 1;
}

/* With -M, -t, -p, -l, -u, --as-path or --count: chosen once, so that
 * plain runs pay nothing for them. */
static int on_elem_more(const struct elem *e, void *arg)
{
	struct dump_ctx *d = arg;

	if (d->filtered && !filter_match(&d->filter, e))
		return 0;
	if (d->nas_paths && !as_path_wanted(d, e))
		return 0;
	if (d->count_only) {
		d->count++;
		return 0;
	}
	if (d->styled)
		fmt_bgpdump_style(&d->out, e, &d->style);
	else
		d->fmt->elem(&d->out, e, d->fmt->wants_collector ? merge_collector_name(d->merge, e->collector) : "",
		             &d->style);
	return out_ok(&d->out) ? 0 : 1;
}

static void on_start(const struct merge *m, void *arg)
{
	((struct dump_ctx *)arg)->merge = m;
}

/* -p: bgpdump's packet index, the record's position in its file counting
 * every record but the PEER_INDEX_TABLE of TABLE_DUMP_V2. */
static void on_record(const struct mrt_record *rec, const struct source *src, void *arg)
{
	struct dump_ctx *d = arg;
	if (rec->type == MRT_TABLE_DUMP_V2 && rec->subtype == TD2_PEER_INDEX_TABLE)
		return;
	d->style.cur_index = d->index[src->index]++;
}

/* -H: the format writes whole records (and keeps what RIB entries need). */
static void on_record_fmt(const struct mrt_record *rec, const struct source *src, void *arg)
{
	struct dump_ctx *d = arg;
	(void)src;
	d->fmt->record(&d->out, rec, &d->style);
}

enum {
	OPT_JSON = CMDLINE_OWN, OPT_FORMAT, OPT_PREFIX, OPT_MORE, OPT_LESS, OPT_ORIGIN, OPT_PEER,
	OPT_PEER_AS, OPT_START, OPT_END, OPT_TYPE, OPT_COUNT, OPT_AS_PATH, OPT_COMMUNITY, OPT_THREADS,
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
	{ "count", no_argument, NULL, OPT_COUNT },
	{ "as-path", required_argument, NULL, OPT_AS_PATH },
	{ "community", required_argument, NULL, OPT_COMMUNITY },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ NULL, 0, NULL, 0 },
};

/* What the options set beyond the filter. */
struct dump_opts {
	struct dump_ctx *d;
	bool more, less;
	int threads;                 /* --threads: 0 = one per core */
	const char *format_by;       /* the option that chose the format, for conflicts */
	int format;                  /* FMT_*: what it chose */
	const char *style_by;        /* the last of -t, -p, -l, -u given */
	const char *outfile;         /* -O */
	bool last_wins;              /* bgpdump's syntax: -m, -M, -H override each other */
};

/* Room for one more value of a repeatable filter option. */
static void room_for(size_t n)
{
	if (n == FILTER_MAX)
		cmdline_usage("at most %d %s options", FILTER_MAX, cmdline_option());
}

/* The formats by their --format names; -m is bgpdump, --json json, -M
 * bgpdump with human-readable times, -H bgpdump's multi-line format. */
enum { FMT_BGPDUMP, FMT_JSON, FMT_HUMAN, FMT_MULTI };
static const char *const format_names[] = { "bgpdump", "json", NULL };
static const struct dump_output *const formats[] = {
	&dump_output_bgpdump, &dump_output_json, &dump_output_bgpdump, &dump_output_bgpdump_multi,
};

/* -m, -M, --json and --format choose the format; two different choices are
 * a mistake, not "the last one wins" (except in bgpdump's own syntax). */
static void choose_format(struct dump_opts *o, int fmt)
{
	static char by[64];
	if (o->format_by && o->format != fmt && !o->last_wins)
		cmdline_exclusive(true, by, true, cmdline_option());
	snprintf(by, sizeof by, "%s", cmdline_option());
	o->format_by = by;
	o->format = fmt;
	o->d->fmt = formats[fmt];
	o->d->style.human_time = fmt == FMT_HUMAN;
}

/* --threads N: 1 to 64. */
static int threads_arg(const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || n < 1 || n > 64)
		cmdline_usage("--threads: '%s' is not a number of threads from 1 to 64", arg);
	return (int)n;
}

static const char *const type_names[] = { "announce", "withdraw", "rib", "state", NULL };
static const enum elem_type type_values[] = { ELEM_ANNOUNCE, ELEM_WITHDRAW, ELEM_RIB, ELEM_STATE };
static const char *const time_names[] = { "dump", "change", NULL };

/* The bgpdump options both syntaxes share: -m, -M, -t, -p, -l, -u, -O, -v.
 * Returns false for any other. */
static bool apply_bgpdump(struct dump_opts *o, int ch, const char *arg)
{
	static char by[8];
	struct bgpdump_style *st = &o->d->style;

	switch (ch) {
	case 'm': choose_format(o, FMT_BGPDUMP); return true;
	case 'M': choose_format(o, FMT_HUMAN); return true;
	case 'H': choose_format(o, FMT_MULTI); return true;
	case 't': st->change_time = cmdline_choice(arg, time_names) == 1; break;
	case 'p': st->index = true; break;
	case 'l': st->large = true; break;
	case 'u': st->unassigned = true; break;
	case 'O': o->outfile = arg; return true;
	case 'v': return true;        /* messages always go to stderr */
	default: return false;
	}
	snprintf(by, sizeof by, "%s", cmdline_option());
	o->style_by = by;
	return true;
}

/* Applies one parsed option to the dump settings. */
static void apply(void *ctx, int ch, const char *arg)
{
	struct dump_opts *o = ctx;
	struct dump_ctx *d = o->d;
	struct filter *f = &d->filter;

	if (apply_bgpdump(o, ch, arg))
		return;
	switch (ch) {
	case OPT_JSON: choose_format(o, FMT_JSON); return;
	case OPT_FORMAT: choose_format(o, cmdline_choice(arg, format_names)); return;
	case OPT_MORE: o->more = true; return;
	case OPT_THREADS: o->threads = threads_arg(arg); return;
	case OPT_LESS: o->less = true; return;
	case OPT_COUNT: d->count_only = true; return;
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
	case '4':
	case '6': {
		uint8_t afi = ch == '4' ? AFI_IPV4 : AFI_IPV6;
		if (f->afi && f->afi != afi)
			cmdline_usage("-4 and -6 exclude each other (give neither for both families)");
		f->afi = afi;
		break;
	}
	case OPT_COMMUNITY: {
		uint32_t v[3];
		bool large;
		if (!opt_parse_community(arg, v, &large))
			cmdline_bad_value(arg, "not a community (65000:100, no-export, no-advertise, "
			                  "local-AS) or large community (4200000000:1:2)");
		room_for(large ? f->nlarge : f->ncommunities);
		if (large)
			memcpy(f->large[f->nlarge++], v, sizeof f->large[0]);
		else
			f->communities[f->ncommunities++] = v[0];
		break;
	}
	case OPT_AS_PATH: {
		room_for(d->nas_paths);
		int r = regcomp(&d->as_paths[d->nas_paths], arg, REG_EXTENDED | REG_NOSUB);
		if (r != 0) {
			char why[256];
			regerror(r, &d->as_paths[d->nas_paths], why, sizeof why);
			cmdline_bad_value(arg, "not a POSIX extended regular expression: %s", why);
		}
		d->nas_paths++;
		return;     /* matched in on_elem_more, not by filter_match */
	}
	default:
		return;
	}
	d->filtered = true;
}

/* Opens -O FILE for writing (created or emptied), or exits with status. */
static int open_output(const char *path, int status)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0) {
		diag_error("-O %s: cannot write: %s", path, strerror(errno));
		exit(status);
	}
	return fd;
}

/* Runs the pass once the options are set; returns the exit status. */
static int dump_run(struct dump_ctx *d, struct dump_opts *o, char **files, size_t n,
                    enum progress_mode progress, bool addpath_guess, int usage_status)
{
	d->styled = d->style.human_time || d->style.change_time || d->style.index ||
	            d->style.large || d->style.unassigned;
	if (d->styled && o->format == FMT_JSON)
		cmdline_usage("%s needs the bgpdump format (-m or -M), not JSON",
		              d->style.human_time ? "-M" : o->style_by);
	if (d->count_only && (o->format_by || d->styled))
		cmdline_usage("--count prints a number, not lines: it excludes %s",
		              o->format_by ? o->format_by : o->style_by);
	if (o->format == FMT_MULTI) {
		if (d->filtered || d->nas_paths)
			cmdline_usage("-H prints whole messages, which filters of single routes do "
			              "not select: use -m or -M with filters");
		if (d->styled && !o->last_wins)
			cmdline_usage("%s needs -m or -M, not -H", o->style_by);
		/* bgpdump's own syntax: -H takes none of them (as bgpdump). */
		memset(&d->style, 0, sizeof d->style);
		d->styled = false;
		if (!(d->style.scratch = malloc(sizeof *d->style.scratch)))
			cmdline_out_of_memory();
	}
	if (d->nas_paths) {
		out_init(&d->path_text, -1);
		d->path_text.closed = true;       /* never written anywhere */
	}
	if (d->style.index && !(d->index = calloc(n ? n : 1, sizeof *d->index)))
		cmdline_out_of_memory();

	int fd = o->outfile ? open_output(o->outfile, usage_status) : STDOUT_FILENO;
	out_init(&d->out, fd);
	struct pipeline_consumer c = {
		.on_elem = d->styled || d->count_only || d->nas_paths ? on_elem_more : on_elem,
		.on_start = on_start, .arg = d, .progress = progress,
		.streams_stdout = fd == STDOUT_FILENO, .addpath_guess = addpath_guess,
		/* The plain path also runs on the worker pool (cli/recpool.h). */
		.format_elem = d->styled || d->count_only || d->nas_paths || d->fmt->record ? NULL
		                                                                            : format_elem,
		.out = &d->out, .threads = o->threads,
	};
	struct pipeline_hooks h = { .on_record = d->fmt->record ? on_record_fmt
	                                         : d->style.index ? on_record : NULL };
	int status = pipeline_run_hooks((const char *const *)files, n, &c, &h);
	if (d->count_only && out_ok(&d->out)) {
		char num[24];
		int k = snprintf(num, sizeof num, "%llu\n", (unsigned long long)d->count);
		out_mem(&d->out, num, (size_t)k);
	}
	out_flush(&d->out);
	if (fd != STDOUT_FILENO && close(fd) != 0 && !d->out.failed) {
		diag_error("-O %s: %s", o->outfile, strerror(errno));
		d->out.failed = true;
	}
	free(d->index);
	free(d->style.scratch);
	for (size_t i = 0; i < d->nas_paths; i++)
		regfree(&d->as_paths[i]);
	if (d->out.failed)
		return EXIT_DAMAGED;       /* the write error was reported by outbuf */
	return status;
}

static void dump_init(struct dump_ctx *d, struct dump_opts *o)
{
	memset(o, 0, sizeof *o);
	o->d = d;
	filter_init(&d->filter);
	d->fmt = &dump_output_bgpdump;
	d->filtered = false;
	memset(&d->style, 0, sizeof d->style);
	d->styled = d->count_only = d->path_too_long = false;
	d->count = 0;
	d->nas_paths = 0;
	d->index = NULL;
}

int cmd_dump(int argc, char **argv)
{
	static struct dump_ctx d;          /* static: the output buffers are large */
	struct dump_opts o;
	struct common_opts co;

	dump_init(&d, &o);
	const struct cmdline cl = { "dump", help_text, "mMHt:plu46O:v", longopts, apply, &o };
	int first = cmdline_parse(&cl, argc, argv, &co);
	cmdline_exclusive(o.more, "--more-specific", o.less, "--less-specific");
	if ((o.more || o.less) && d.filter.nprefixes == 0)
		cmdline_usage("%s needs --prefix", o.more ? "--more-specific" : "--less-specific");
	d.filter.match = o.more ? MATCH_MORE_SPECIFIC : o.less ? MATCH_LESS_SPECIFIC : MATCH_EXACT;
	if (d.filter.start > d.filter.end)
		cmdline_usage("--start is after --end");
	return dump_run(&d, &o, argv + first, (size_t)(argc - first), co.progress, co.addpath_guess,
	                EXIT_USAGE);
}

/* ---- bgpdump's own command line --------------------------------------- */

static const char bgpdump_usage[] =
    "usage: bgpdump [-m|-M|-H] [-t dump|change] [-p] [-l] [-u] [-O FILE] [-q] [-v] FILE\n"
    "(mrtreach " MRTREACH_VERSION " under the name bgpdump: bgpdump's options and output)\n"
    "  -m        one line per route element, times as epoch seconds\n"
    "  -M        one line per route element, times as MM/DD/YY HH:MM:SS (UTC)\n"
    "  -H        a block of lines per message or RIB entry (the default)\n"
    "  -t dump   RIB routes carry the time of the dump (the default)\n"
    "  -t change RIB routes carry the time the route last changed\n"
    "  -p        the record's index in the file as second field\n"
    "  -l        large communities after the communities (-m)\n"
    "  -u        attributes bgpdump does not decode, as last field (-m)\n"
    "  -O FILE   write to FILE instead of standard output\n"
    "  -s, -v    accepted: messages always go to standard error\n"
    "  -q        accepted (there is no progress line under this name)\n"
    "FILE is an MRT archive (gzip, bzip2 or plain), '-' standard input.\n"
    "Everything mrtreach adds: 'mrtreach dump --help', 'man mrtreach'.\n";

/* bgpdump's way with a mistake on its command line: the usage on stderr,
 * exit 1. */
static _Noreturn void bgpdump_usage_exit(void)
{
	fputs(bgpdump_usage, stderr);
	exit(EXIT_DAMAGED);
}

/* mrtreach invoked as "bgpdump": bgpdump's options (POSIX short options,
 * one input file), its exit status 1 for usage mistakes, and its default
 * format, the multi-line -H. No progress line. */
int cmd_bgpdump(int argc, char **argv)
{
	static struct dump_ctx d;
	struct dump_opts o;
	int mode = 'H', ch;          /* the last of -m, -M, -H wins, as in bgpdump */

	dump_init(&d, &o);
	o.last_wins = true;
	opterr = 1;                   /* getopt's own "invalid option -- 'x'", as bgpdump */
	while ((ch = getopt(argc, argv, "mMHO:st:vqpluT")) != -1) {
		switch (ch) {
		case 'm': case 'M': case 'H': mode = ch; break;
		case 's': case 'q': case 'v': break;
		case 't':
			if (strcmp(optarg, "dump") != 0 && strcmp(optarg, "change") != 0) {
				diag_error("unknown -t option '%s': dump or change", optarg);
				exit(EXIT_DAMAGED);
			}
			d.style.change_time = strcmp(optarg, "change") == 0;
			break;
		case 'p': d.style.index = true; break;
		case 'l': d.style.large = true; break;
		case 'u': d.style.unassigned = true; break;
		case 'O': o.outfile = optarg; break;
		case 'T':
			diag_error("-T runs bgpdump's own unit tests, which are not part of mrtreach");
			exit(EXIT_DAMAGED);
		default:
			bgpdump_usage_exit();
		}
	}
	if (optind != argc - 1)
		bgpdump_usage_exit();
	o.format = mode == 'M' ? FMT_HUMAN : mode == 'H' ? FMT_MULTI : FMT_BGPDUMP;
	d.fmt = formats[o.format];
	d.style.human_time = mode == 'M';
	return dump_run(&d, &o, argv + optind, 1, PROGRESS_OFF, false, EXIT_DAMAGED);
}
