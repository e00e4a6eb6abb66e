/*
 * cmdline.c — see cmdline.h.
 */
#include "cli/cmdline.h"
#include "report/diag.h"
#include "cli/opts.h"
#include "report/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void cmdline_refused(const char *cmd, const struct option *opts, int ch, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (ch == ':')
		diag_usage("%s: option '%s' needs a value (try 'mrtreach %s --help')", cmd, arg, cmd);
	if (strncmp(arg, "--", 2) == 0 && eq) {
		size_t n = (size_t)(eq - arg - 2);
		for (const struct option *o = opts; o->name; o++)
			if (o->has_arg == no_argument && strlen(o->name) == n &&
			    strncmp(o->name, arg + 2, n) == 0)
				diag_usage("%s: option '--%s' takes no value", cmd, o->name);
	}
	if (strncmp(arg, "--", 2) != 0 && optopt > 0 && optopt < 128)
		diag_usage("%s: unknown option '-%c' (try 'mrtreach %s --help')", cmd, optopt, cmd);
	diag_usage("%s: unknown option '%s' (try 'mrtreach %s --help')", cmd, arg, cmd);
}

enum { OPT_FORMAT = 256, OPT_FULL_FEED, OPT_PROGRESS, OPT_QUIET };

int cmdline_summary_opts(const char *cmd, const char *help, int argc, char **argv,
                         enum report_fmt *fmt, double *full_feed)
{
	const struct option all[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "help", no_argument, NULL, 'h' },
		{ full_feed ? "full-feed" : NULL, required_argument, NULL, OPT_FULL_FEED },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	*fmt = REPORT_TEXT;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":h", all, NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(help, stdout);
			exit(EXIT_OK);
		case OPT_FORMAT:
			if (!report_fmt_parse(optarg, fmt))
				diag_usage("%s: --format '%s': expected text, tsv or json", cmd, optarg);
			break;
		case OPT_FULL_FEED:
			if (!opt_parse_fraction(optarg, full_feed))
				diag_usage("%s: --full-feed '%s': expected a fraction like 0.9 or 90%%", cmd, optarg);
			break;
		case OPT_PROGRESS:
			progress_set_mode(PROGRESS_ON);
			break;
		case OPT_QUIET:
			progress_set_mode(PROGRESS_OFF);
			break;
		default:
			cmdline_refused(cmd, all, ch, argv[optind - 1]);
		}
	}
	if (optind >= argc)
		diag_usage("%s: no input file given (try 'mrtreach %s --help')", cmd, cmd);
	return optind;
}
