/*
 * check_cmdline.c — unit tests for cmdline.c through every command's entry
 * point: the shared options and their messages read the same in each.
 * Owns: running a command's option parsing in-process up to its first
 * message (diag's sink, then a jump back). Never: runs a pipeline.
 */
#include <check.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "check_run.h"
#include "cli/cmd.h"
#include "cli/cmdline.h"
#include "report/diag.h"

static jmp_buf back;
static char said[1024];

static void catch_line(const char *line, void *arg)
{
	(void)arg;
	snprintf(said, sizeof said, "%s", line);
	longjmp(back, 1);
}

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "dump", cmd_dump }, { "blackout", cmd_blackout }, { "timeline", cmd_timeline },
	{ "origins", cmd_origins }, { "peers", cmd_peers }, { "stats", cmd_stats },
	{ "scan", cmd_scan }, { "archives", cmd_archives },
};
#define NCMDS (sizeof commands / sizeof commands[0])
/* The commands before archives read MRT files (archives lists them). */
#define NREADERS (NCMDS - 1)

/* The jump back abandons what the command had allocated (its targets): a
 * leak of the test's making, so LeakSanitizer is told to overlook it. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define ABANDONED_ALLOCATIONS_BEGIN() __lsan_disable()
#define ABANDONED_ALLOCATIONS_END() __lsan_enable()
#else
#define ABANDONED_ALLOCATIONS_BEGIN() ((void)0)
#define ABANDONED_ALLOCATIONS_END() ((void)0)
#endif

/* Runs c until its first message, which is caught and jumped back from. */
static void run_to_message(const struct command *c, int argc, char **argv)
{
	said[0] = '\0';
	diag_set_sink(catch_line, NULL);
	ABANDONED_ALLOCATIONS_BEGIN();
	if (setjmp(back) == 0) {
		c->run(argc, argv);
		ck_abort_msg("%s: no message", c->name);
	}
	ABANDONED_ALLOCATIONS_END();
	diag_set_sink(NULL, NULL);
}

/* The one line command c says for the words after its name (NULL last);
 * the parse must stop with a message before any input is read. */
static const char *says(const struct command *c, const char *const *words)
{
	char *argv[16];
	int argc = 0;
	argv[argc++] = (char *)c->name;
	for (; *words && argc < 15; words++)
		argv[argc++] = (char *)*words;
	argv[argc] = NULL;
	run_to_message(c, argc, argv);
	return said;
}
#define SAYS(c, ...) says((c), (const char *const[]){ __VA_ARGS__, NULL })

/* Every command says want (with %1$s for its name) for the same words. */
static void all_say(const char *want, const char *const *words)
{
	for (size_t i = 0; i < NCMDS; i++) {
		char w[512];
		snprintf(w, sizeof w, want, commands[i].name, commands[i].name);
		ck_assert_str_eq(says(&commands[i], words), w);
	}
}
#define ALL_SAY(want, ...) all_say((want), (const char *const[]){ __VA_ARGS__, NULL })

START_TEST(unknown_option_reads_the_same_in_every_command)
{
	ALL_SAY("mrtreach: %s: unknown option '--bogus' (try 'mrtreach %s --help')", "--bogus", "f");
	ALL_SAY("mrtreach: %s: unknown option '-Z' (try 'mrtreach %s --help')", "-Z", "f");
	ALL_SAY("mrtreach: %s: unknown option '--bogus' (try 'mrtreach %s --help')", "--bogus=1", "f");
}
END_TEST

START_TEST(abbreviations_are_unknown_in_every_command)
{
	/* '--pro' would be --progress to getopt_long; exact names only. */
	ALL_SAY("mrtreach: %s: unknown option '--pro' (try 'mrtreach %s --help')", "--pro", "f");
	ALL_SAY("mrtreach: %s: unknown option '--qui' (try 'mrtreach %s --help')", "--qui=", "f");
	ck_assert_str_eq(SAYS(&commands[0], "--pre", "10.0.0.0/8", "f"),
	                 "mrtreach: dump: unknown option '--pre' (try 'mrtreach dump --help')");
	ck_assert_str_eq(SAYS(&commands[1], "--pre", "10.0.0.0/8", "f"),
	                 "mrtreach: blackout: unknown option '--pre' (try 'mrtreach blackout --help')");
}
END_TEST

START_TEST(flag_with_a_value_reads_the_same_in_every_command)
{
	ALL_SAY("mrtreach: %s: option '--quiet' takes no value", "--quiet=yes", "f");
}
END_TEST

START_TEST(missing_value_reads_the_same_in_every_command)
{
	/* --full-feed is not dump's, so use each command's own value option. */
	static const char *const opt[NCMDS] = { "--prefix", "--prefix", "--prefix", "--prefix",
	                                        "--format", "--format", "--format", "--collector" };
	for (size_t i = 0; i < NCMDS; i++) {
		char want[256];
		snprintf(want, sizeof want, "mrtreach: %s: option '%s' needs a value (try 'mrtreach %s --help')",
		         commands[i].name, opt[i], commands[i].name);
		ck_assert_str_eq(SAYS(&commands[i], "f", opt[i]), want);
	}
}
END_TEST

START_TEST(quiet_and_progress_conflict_in_every_command)
{
	ALL_SAY("mrtreach: %s: --quiet and --progress exclude each other", "--quiet", "--progress", "f");
	ALL_SAY("mrtreach: %s: --quiet and --progress exclude each other", "--progress", "f", "--quiet");
}
END_TEST

START_TEST(no_input_files_reads_the_same_in_every_command)
{
	for (size_t i = 0; i < NREADERS; i++) {
		char want[256];
		snprintf(want, sizeof want, "mrtreach: %s: no input files given (try 'mrtreach %s --help')",
		         commands[i].name, commands[i].name);
		ck_assert_str_eq(SAYS(&commands[i], "--quiet"), want);
	}
}
END_TEST

START_TEST(bad_values_read_the_same_in_every_command_that_takes_them)
{
	for (size_t i = 0; i < 4; i++) {        /* dump, blackout, timeline, origins */
		const struct command *c = &commands[i];
		char want[256];
		snprintf(want, sizeof want, "mrtreach: %s: --prefix '10.0.0.0/33': prefix length 33 "
		         "is more than 32 (IPv4)", c->name);
		ck_assert_str_eq(SAYS(c, "--prefix", "10.0.0.0/33", "f"), want);
		snprintf(want, sizeof want, "mrtreach: %s: --prefix '300.1.1.1/24': 300 is not a number "
		         "from 0 to 255", c->name);
		ck_assert_str_eq(SAYS(c, "--prefix=300.1.1.1/24", "f"), want);
		snprintf(want, sizeof want, "mrtreach: %s: --origin 'ASx': not an AS number "
		         "(131279, AS131279 or 2.1)", c->name);
		ck_assert_str_eq(SAYS(c, "f", "--origin", "ASx"), want);
	}
	for (size_t i = 1; i < NREADERS; i++) { /* blackout, timeline, origins, peers, stats, scan */
		const struct command *c = &commands[i];
		char want[256];
		snprintf(want, sizeof want, "mrtreach: %s: --format 'xml': expected text, tsv or json", c->name);
		ck_assert_str_eq(SAYS(c, "--format", "xml", "f"), want);
	}
}
END_TEST

START_TEST(conflicting_flags_are_usage_errors)
{
	ck_assert_str_eq(SAYS(&commands[0], "-m", "--json", "f"),
	                 "mrtreach: dump: -m and --json exclude each other");
	ck_assert_str_eq(SAYS(&commands[1], "--prefix", "10.0.0.0/8", "--sparkline", "--no-sparkline", "f"),
	                 "mrtreach: blackout: --sparkline and --no-sparkline exclude each other");
	ck_assert_str_eq(SAYS(&commands[0], "--prefix", "10.0.0.0/8", "--more-specific", "--less-specific", "f"),
	                 "mrtreach: dump: --more-specific and --less-specific exclude each other");
}
END_TEST

/* cmdline_help() of text into a string. */
static const char *help_of(const char *text)
{
	static char buf[4096];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	ck_assert_ptr_nonnull(f);
	cmdline_help(text, f);
	fclose(f);
	return buf;
}

START_TEST(help_names_every_shared_option_where_the_command_puts_them)
{
	const char *h = help_of("Options:\n  --own  x\n" CMDLINE_HELP_COMMON(2, 24) "\nExamples:\n");
	ck_assert(strncmp(h, "Options:\n  --own  x\n  --progress            show progress", 57) == 0);
	const char *opts[] = { "--progress", "--quiet", "--addpath-guess", "--collector NAME=GLOB",
	                       "-h, --help", "--version" };
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		ck_assert_msg(strstr(h, opts[i]), "%s missing", opts[i]);
	ck_assert_str_eq(h + strlen(h) - strlen("mrtreach\n\nExamples:\n"), "mrtreach\n\nExamples:\n");
}
END_TEST

START_TEST(help_of_shared_options_fits_80_columns_and_aligns_their_text)
{
	const char *h = help_of(CMDLINE_HELP_COMMON(6, 21));
	ck_assert(strstr(h, "\n  -h, --help         this help\n      --version      the version"));
	for (const char *l = h; *l; l = strchr(l, '\n') + 1) {
		size_t len = strcspn(l, "\n");
		ck_assert_msg(len <= 80, "%.*s", (int)len, l);
		/* a long name alone, a short and long one ("  -q, --quiet"), or text */
		ck_assert_msg(strncmp(l, "      --", 8) == 0 ||
		              (strncmp(l, "  -", 3) == 0 && l[3] != '-' && l[4] == ',') ||
		              strspn(l, " ") == 21, "%.*s", (int)len, l);
	}
}
END_TEST

static Suite *cmdline_suite(void)
{
	Suite *s = suite_create("cmdline");
	ADD_TESTS(s, "cmdline", NULL, NULL, unknown_option_reads_the_same_in_every_command,
	          abbreviations_are_unknown_in_every_command,
	          flag_with_a_value_reads_the_same_in_every_command,
	          missing_value_reads_the_same_in_every_command,
	          quiet_and_progress_conflict_in_every_command,
	          no_input_files_reads_the_same_in_every_command,
	          bad_values_read_the_same_in_every_command_that_takes_them,
	          conflicting_flags_are_usage_errors,
	          help_names_every_shared_option_where_the_command_puts_them,
	          help_of_shared_options_fits_80_columns_and_aligns_their_text);
	return s;
}

int main(void)
{
	return run_suite(cmdline_suite());
}
