/*
 * cmdline.h — what the subcommands share about getopt_long.
 * Owns: the one-line message for an option getopt_long refused, and the
 * options of the summary commands (peers, stats).
 * Never: parses values (opts.h does).
 */
#ifndef MRTREACH_CMDLINE_H
#define MRTREACH_CMDLINE_H

#include <getopt.h>

#include "report/fmt_report.h"

/*
 * Exits 2 with one line naming what getopt_long refused: ch is what it
 * returned (':' for a missing value, '?' otherwise), arg the word it
 * stopped at (argv[optind - 1]), opts the command's long options (to tell
 * "--quiet=1": takes no value, from an unknown option).
 */
_Noreturn void cmdline_refused(const char *cmd, const struct option *opts, int ch, const char *arg);

/*
 * Parses the options of a summary command: --format text|tsv|json,
 * --progress, --quiet, --help (prints help, exits 0), and --full-feed
 * FRACTION when full_feed is not NULL (unknown otherwise). Exits 2 with one
 * line on anything else or when no file follows. Returns the index in argv
 * of the first file.
 */
int cmdline_summary_opts(const char *cmd, const char *help, int argc, char **argv,
                         enum report_fmt *fmt, double *full_feed);

#endif
