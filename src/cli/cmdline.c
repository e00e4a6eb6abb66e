/*
 * cmdline.c — see cmdline.h.
 * Owns: the shared option table, the exact-name rule and every message
 * about options. Never: parses a value itself (opts.c does) or runs anything.
 */
#include "cli/cmdline.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/opts.h"
#include "io/collector.h"
#include "report/diag.h"

/* The command being parsed and the option being applied, for messages. */
static const char *cur_cmd = "mrtreach";
static char cur_opt[64];
/* The --collector rules of this process's one run (pipeline.c reads them). */
static struct collector_rules collectors;

enum { O_PROGRESS = CMDLINE_OWN + 200, O_QUIET, O_VERSION, O_ADDPATH_GUESS, O_COLLECTOR };

/* The options every command takes, with what its help says of each. */
static const struct common_opt {
	struct option opt;
	const char *flag;              /* as the help shows it */
	const char *text;              /* what it does: one paragraph, wrapped by help_common() */
} common_opts[] = {
	{ { "progress", no_argument, NULL, O_PROGRESS }, "--progress",
	  "show progress on stderr even when it is not a terminal" },
	{ { "quiet", no_argument, NULL, O_QUIET }, "-q, --quiet",
	  "no progress line (default: one when stderr is a terminal: files, bytes read, rate, "
	  "time left)" },
	{ { "addpath-guess", no_argument, NULL, O_ADDPATH_GUESS }, "--addpath-guess",
	  "read NLRI that a collector wrote with ADD-PATH path ids under a subtype without them "
	  "that way (default: left out, and reported)" },
	{ { "collector", required_argument, NULL, O_COLLECTOR }, "--collector NAME=GLOB",
	  "files matching GLOB belong to collector NAME (may be repeated; default: named from "
	  "their folders, e.g. route-views2, rrc00); a file given twice is read once" },
	{ { "help", no_argument, NULL, 'h' }, "-h, --help", "this help" },
	{ { "version", no_argument, NULL, O_VERSION }, "--version", "the version of mrtreach" },
};
#define NCOMMON (sizeof common_opts / sizeof common_opts[0])
#define MAXOPTS 64

static _Noreturn void vusage(const char *fmt, va_list ap)
{
	char msg[768];
	vsnprintf(msg, sizeof msg, fmt, ap);
	diag_usage("%s: %s", cur_cmd, msg);
}

_Noreturn void cmdline_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vusage(fmt, ap);
}

_Noreturn void cmdline_bad_value(const char *arg, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cmdline_usage("%s '%s': %s", cur_opt, arg, msg);
}

void cmdline_exclusive(bool a_given, const char *a, bool b_given, const char *b)
{
	if (a_given && b_given)
		cmdline_usage("%s and %s exclude each other", a, b);
}

const char *cmdline_option(void) { return cur_opt; }

struct collector_rules *cmdline_collectors(void) { return &collectors; }

_Noreturn void cmdline_out_of_memory(void)
{
	diag_error("out of memory");
	exit(EXIT_DAMAGED);
}

_Noreturn void cmdline_value_failed(bool oom, const char *err)
{
	if (oom)
		cmdline_out_of_memory();
	cmdline_usage("%s: %s", cur_opt, err);
}

/* Writes n spaces. */
static void spaces(FILE *f, size_t n)
{
	while (n-- > 0)
		fputc(' ', f);
}

/* The shared options' lines: long names from column indent ("-h, --help"
 * four columns before them when there is room), their text from column col
 * and wrapped to HELP_WIDTH; a name too long for that starts the text on the
 * next line. */
enum { HELP_WIDTH = 79 };

static void help_common(FILE *f, size_t indent, size_t col)
{
	for (size_t i = 0; i < NCOMMON; i++) {
		const struct common_opt *c = &common_opts[i];
		size_t at = c->flag[1] != '-' && indent >= 6 ? indent - 4 : indent;
		spaces(f, at);
		fputs(c->flag, f);
		size_t x = at + strlen(c->flag);
		bool first = true;     /* the text's first word goes on the name's line */
		const char *w = c->text;
		while (*w) {
			size_t len = strcspn(w, " ");
			if (!first && x + 1 + len > HELP_WIDTH) {
				fputc('\n', f);
				x = 0;
			}
			if (x < col) {
				spaces(f, col - x);
				x = col;
			} else {
				spaces(f, first ? 2 : 1);
				x += first ? 2 : 1;
			}
			first = false;
			fwrite(w, 1, len, f);
			x += len;
			w += len;
			w += strspn(w, " ");
		}
		fputc('\n', f);
	}
}

void cmdline_help(const char *help, FILE *f)
{
	for (const char *p = help; *p;) {
		const char *m = strchr(p, '\001');
		if (!m) {
			fputs(p, f);
			break;
		}
		fwrite(p, 1, (size_t)(m - p), f);
		char *end;
		size_t indent = strtoul(m + 1, &end, 10);
		size_t col = *end == ',' ? strtoul(end + 1, &end, 10) : 0;
		if (*end != '\n' || col == 0)
			abort();           /* a marker without its layout: a bug */
		help_common(f, indent, col);
		p = end + 1;
	}
}

/* What getopt_long refused: ch is what it returned (':' for a missing
 * value, '?' otherwise), arg the word it stopped at. */
static _Noreturn void refused(const struct option *opts, int ch, const char *arg)
{
	const char *cmd = cur_cmd;
	const char *eq = strchr(arg, '=');
	if (ch == ':')
		cmdline_usage("option '%s' needs a value (try 'mrtreach %s --help')", arg, cmd);
	if (strncmp(arg, "--", 2) == 0 && eq) {
		size_t n = (size_t)(eq - arg - 2);
		for (const struct option *o = opts; o->name; o++)
			if (o->has_arg == no_argument && strlen(o->name) == n &&
			    strncmp(o->name, arg + 2, n) == 0)
				cmdline_usage("option '--%s' takes no value", o->name);
		cmdline_usage("unknown option '%.*s' (try 'mrtreach %s --help')", (int)(eq - arg), arg, cmd);
	}
	if (strncmp(arg, "--", 2) != 0 && optopt > 0 && optopt < 128)
		cmdline_usage("unknown option '-%c' (try 'mrtreach %s --help')", optopt, cmd);
	cmdline_usage("unknown option '%s' (try 'mrtreach %s --help')", arg, cmd);
}

/* The word of argv a long option came from, once getopt_long returned it:
 * the one before its value when the value was the next word. */
static const char *long_word(const struct option *o, char **argv)
{
	if (o->has_arg != no_argument && optarg && optind >= 2 && optarg == argv[optind - 1])
		return argv[optind - 2];
	return argv[optind - 1];
}

static int parse(const struct cmdline *cl, int argc, char **argv, struct common_opts *co,
                 bool need_files)
{
	struct option all[MAXOPTS + NCOMMON + 1];
	size_t n = 0;
	char shorts[64];
	bool progress = false, quiet = false;

	cur_cmd = cl->cmd;
	cur_opt[0] = '\0';
	for (const struct option *o = cl->opts; o && o->name && n < MAXOPTS; o++)
		all[n++] = *o;
	for (size_t i = 0; i < NCOMMON; i++)
		all[n++] = common_opts[i].opt;
	memset(&all[n], 0, sizeof all[n]);
	snprintf(shorts, sizeof shorts, ":hq%s", cl->shortopts ? cl->shortopts : "");

	co->progress = PROGRESS_AUTO;
	co->addpath_guess = false;
	opterr = 0;            /* one line of our own instead of getopt's */
	optind = 0;            /* glibc: start afresh (a second parse in one process) */
	for (;;) {
		int li = -1;
		int ch = getopt_long(argc, argv, shorts, all, &li);
		if (ch == -1)
			break;
		if (ch == '?' || ch == ':')
			refused(all, ch, argv[optind - 1]);
		if (li >= 0) {
			/* Exact names only: getopt_long also takes an unambiguous
			 * abbreviation, which this refuses. */
			const char *w = long_word(&all[li], argv);
			size_t len = strcspn(w + 2, "=");
			if (strncmp(w, "--", 2) != 0 || len != strlen(all[li].name))
				cmdline_usage("unknown option '%.*s' (try 'mrtreach %s --help')",
				              (int)(len + 2), w, cl->cmd);
			snprintf(cur_opt, sizeof cur_opt, "--%s", all[li].name);
		} else {
			snprintf(cur_opt, sizeof cur_opt, "-%c", ch);
		}
		switch (ch) {
		case 'h':
			cmdline_help(cl->help, stdout);
			exit(EXIT_OK);
		case O_VERSION:
			printf("mrtreach %s\n", MRTREACH_VERSION);
			exit(EXIT_OK);
		case O_PROGRESS:
			progress = true;
			break;
		case 'q':               /* -q: bgpdump's and most tools' spelling */
		case O_QUIET:
			quiet = true;
			break;
		case O_ADDPATH_GUESS:
			co->addpath_guess = true;
			break;
		case O_COLLECTOR: {
			char why[256];
			if (!collector_rule_add(&collectors, optarg, why, sizeof why)) {
				if (errno == ENOMEM)
					cmdline_out_of_memory();
				cmdline_bad_value(optarg, "%s", why);
			}
			break;
		}
		default:
			cl->apply(cl->ctx, ch, optarg);
		}
	}
	cur_opt[0] = '\0';
	cmdline_exclusive(quiet, "--quiet", progress, "--progress");
	co->progress = progress ? PROGRESS_ON : quiet ? PROGRESS_OFF : PROGRESS_AUTO;
	if (optind >= argc && need_files)
		cmdline_usage("no input files given (try 'mrtreach %s --help')", cl->cmd);
	return optind;
}

int cmdline_parse(const struct cmdline *cl, int argc, char **argv, struct common_opts *co)
{
	return parse(cl, argc, argv, co, true);
}

int cmdline_parse_no_files(const struct cmdline *cl, int argc, char **argv, struct common_opts *co)
{
	return parse(cl, argc, argv, co, false);
}

/* ---- values -------------------------------------------------------------- */

const char *const report_fmt_names[] = { "text", "tsv", "json", NULL };

#define ASN_FORMS "131279, AS131279 or 2.1"
#define TIME_FORMS "2014-12-22T16:15:00Z, '2014-12-22 16:15', 2014-12-22 or epoch seconds"

void cmdline_prefix(const char *arg, struct prefix *out)
{
	char why[OPT_WHY];
	if (!opt_parse_prefix(arg, out, why))
		cmdline_bad_value(arg, "%s", why);
}

void cmdline_addr(const char *arg, struct addr *out)
{
	if (!addr_parse(arg, out))
		cmdline_bad_value(arg, "not an IP address (192.0.2.1, 2001:db8::1)");
}

uint32_t cmdline_asn(const char *arg)
{
	uint32_t v;
	if (!opt_parse_asn(arg, &v))
		cmdline_bad_value(arg, "not an AS number (" ASN_FORMS ")");
	return v;
}

static int64_t time_value(const char *arg, bool (*parse)(const char *, int64_t *))
{
	int64_t t;
	if (!parse(arg, &t))
		cmdline_bad_value(arg, "not a time (" TIME_FORMS ")");
	return t;
}

int64_t cmdline_time(const char *arg) { return time_value(arg, opt_parse_time); }
int64_t cmdline_time_end(const char *arg) { return time_value(arg, opt_parse_time_end); }

int64_t cmdline_duration(const char *arg)
{
	int64_t d;
	if (!opt_parse_duration(arg, &d))
		cmdline_bad_value(arg, "not a duration (30s, 5m, 1h30m, 2d)");
	return d;
}

double cmdline_fraction(const char *arg)
{
	double f;
	if (!opt_parse_fraction(arg, &f))
		cmdline_bad_value(arg, "not a fraction from 0 to 1 (0.9 or 90%%)");
	return f;
}

struct vis_rule cmdline_rule(const char *arg)
{
	struct vis_rule r;
	if (!opt_parse_rule(arg, &r))
		cmdline_bad_value(arg, "want majority, any, a count of full-feed vantage "
		                  "points (3) or a share of them (25%%, 100%%)");
	return r;
}

int cmdline_choice(const char *arg, const char *const *names)
{
	int i = opt_choice(arg, names);
	if (i >= 0)
		return i;
	char list[256];
	size_t k = 0, count = 0;
	while (names[count])
		count++;
	list[0] = '\0';
	for (size_t j = 0; j < count && k < sizeof list; j++) {
		int w = snprintf(list + k, sizeof list - k, "%s%s", j == 0 ? "" : j + 1 == count ? " or " : ", ",
		                 names[j]);
		if (w < 0)
			break;
		k += (size_t)w;
	}
	cmdline_bad_value(arg, "expected %s", list);
}
