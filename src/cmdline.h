/*
 * cmdline.h — what the subcommands share about getopt_long.
 * Owns: the one-line message for an option getopt_long refused.
 * Never: parses values (opts.h does).
 */
#ifndef MRTREACH_CMDLINE_H
#define MRTREACH_CMDLINE_H

#include <getopt.h>

/*
 * Exits 2 with one line naming what getopt_long refused: ch is what it
 * returned (':' for a missing value, '?' otherwise), arg the word it
 * stopped at (argv[optind - 1]), opts the command's long options (to tell
 * "--quiet=1": takes no value, from an unknown option).
 */
_Noreturn void cmdline_refused(const char *cmd, const struct option *opts, int ch, const char *arg);

#endif
