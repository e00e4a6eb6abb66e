/*
 * cmdline.h — the one command-line layer: every command parses its argv
 * through cmdline_parse() and its values through the cmdline_* readers.
 * Owns: the options every command shares (--progress, -q/--quiet, -h/--help,
 * --version, --addpath-guess), the rule for long option names, and the wording of every
 * message about options, so one mistake reads the same in every command:
 *   CMD: unknown option '--bogus' (try 'mrtreach CMD --help')
 *   CMD: option '--format' needs a value (try 'mrtreach CMD --help')
 *   CMD: option '--quiet' takes no value
 *   CMD: --quiet and --progress exclude each other
 *   CMD: --prefix '10.0.0.0/33': prefix length 33 is more than 32 (IPv4)
 *   CMD: no input file given (try 'mrtreach CMD --help')
 * Never: knows what a command's own options mean (its apply() does).
 *
 * Long option names are matched exactly: '--pre' is unknown, never taken
 * for '--prefix' (abbreviations would change meaning whenever an option is
 * added, and scripts would break with it). Options and files may come in
 * any order; '--' ends the options.
 *
 * A command's help text names the shared options with
 * CMDLINE_HELP_COMMON(indent, col) where they go: cmdline_help() writes
 * their lines there from the one table, laid out as the command's own
 * (long names from column indent, their text from column col).
 *
 * Writing a command:
 *   enum { O_FOO = CMDLINE_OWN, O_BAR };
 *   static const struct option own[] = {
 *       { "foo", required_argument, NULL, O_FOO },
 *       { "bar", no_argument, NULL, O_BAR },
 *       { NULL, 0, NULL, 0 },
 *   };
 *   static void apply(void *ctx, int id, const char *arg)
 *   {
 *       struct my *m = ctx;
 *       switch (id) {
 *       case O_FOO: m->foo = cmdline_duration(arg); break;   // exits 2 if bad
 *       case O_BAR: m->bar = true; break;
 *       }
 *   }
 *   ...
 *   const struct cmdline cl = { "mycmd", help_text, NULL, own, apply, &m };
 *   struct common_opts co;
 *   int first = cmdline_parse(&cl, argc, argv, &co);   // argv[first..] are files
 *   ... pipeline consumer .progress = co.progress ...
 */
#ifndef MRTREACH_CMDLINE_H
#define MRTREACH_CMDLINE_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "decode/prefix.h"
#include "report/fmt_report.h"
#include "report/progress.h"
#include "state/visibility.h"

/* A command's own long options take ids from here on (smaller ids are the
 * characters of its short options, and the shared options use ids above
 * CMDLINE_OWN + 200). */
enum { CMDLINE_OWN = 256 };

struct cmdline {
	const char *cmd;               /* "dump": the first word of every message */
	const char *help;              /* printed by -h/--help, then exit 0 */
	const char *shortopts;         /* the command's own short options ("m"), or NULL */
	const struct option *opts;     /* its own long options, {NULL} last; NULL: none */
	/* Called for each of the command's own options, in argv order: id is
	 * the option's val, arg its value (NULL for a flag). */
	void (*apply)(void *ctx, int id, const char *arg);
	void *ctx;
};

/* What the shared options set. */
struct common_opts {
	enum progress_mode progress;   /* --progress: ON, --quiet: OFF, else AUTO */
	bool addpath_guess;            /* --addpath-guess (decode.h) */
};

/* In a help text: the lines of the shared options, laid out as above. */
#define CMDLINE_HELP_COMMON(indent, col) "\001" #indent "," #col "\n"
/* Writes help to f with the shared options' lines in place. */
void cmdline_help(const char *help, FILE *f);

/* Parses argv (argv[0] is the command name) and returns the index of the
 * first input file. --help and --version print and exit 0; any mistake
 * prints one line and exits 2, as does no input file at all. */
int cmdline_parse(const struct cmdline *cl, int argc, char **argv, struct common_opts *co);
/* The same for a command that reads no input file (archives): the words
 * after the options may be none. */
int cmdline_parse_no_files(const struct cmdline *cl, int argc, char **argv, struct common_opts *co);

/* ---- values --------------------------------------------------------------
 * For apply(): each reads the value of the option being applied and exits 2
 * with "CMD: --OPT 'VALUE': what is wrong" when it is malformed. */
void cmdline_prefix(const char *arg, struct prefix *out);
void cmdline_addr(const char *arg, struct addr *out);
uint32_t cmdline_asn(const char *arg);
int64_t cmdline_time(const char *arg);         /* a date alone: its first second */
int64_t cmdline_time_end(const char *arg);     /* a date alone: its last second */
int64_t cmdline_duration(const char *arg);     /* >= 0 */
double cmdline_fraction(const char *arg);      /* in [0, 1] */
struct vis_rule cmdline_rule(const char *arg);
/* The index of arg in names (NULL-terminated); the message lists them. */
int cmdline_choice(const char *arg, const char *const *names);

/* The names of enum report_fmt, in its order (blackout, timeline, peers, stats). */
extern const char *const report_fmt_names[];

/* ---- messages ------------------------------------------------------------ */
/* "CMD: --OPT 'VALUE': MESSAGE" for the option being applied, exit 2. */
_Noreturn void cmdline_bad_value(const char *arg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "CMD: MESSAGE", exit 2. */
_Noreturn void cmdline_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "CMD: A and B exclude each other", exit 2, when both were given. */
void cmdline_exclusive(bool a_given, const char *a, bool b_given, const char *b);
/* The option being applied, as typed in full ("--prefix", "-m"). */
const char *cmdline_option(void);
/* The --collector rules given (none: empty), for merge_open. */
struct collector_rules;
struct collector_rules *cmdline_collectors(void);
/* "mrtreach: out of memory", exit 1: the run could not finish, which is not
 * a usage error (exit 2 tells scripts the command line was wrong). */
_Noreturn void cmdline_out_of_memory(void);
/* The option's value (a file) could not be taken: out of memory when oom
 * (exit 1), else "CMD: OPTION: err" (exit 2). */
_Noreturn void cmdline_value_failed(bool oom, const char *err);

#endif
