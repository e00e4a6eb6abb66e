/*
 * main.c — subcommand dispatch, --help, --version.
 * Exit status: 0 all input read cleanly, 1 output produced but some input was
 * damaged or unreadable, 2 usage error (see diag.h).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/cmd.h"
#include "io/input.h"
#include "report/diag.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "dump", cmd_dump, "one line per route element (bgpdump -m format or JSON)" },
	{ "blackout", cmd_blackout, "windows in which every target prefix was invisible" },
	{ "timeline", cmd_timeline, "each change of visibility of the targets, or a series" },
	{ "origins", cmd_origins, "who originated each target prefix, when: hijack, MOAS" },
	{ "scan", cmd_scan, "outages of every origin AS and country, no target named" },
	{ "peers", cmd_peers, "each vantage point: table sizes, full-feed or not, updates" },
	{ "stats", cmd_stats, "what the input holds: records, elements, prefixes, peers" },
	{ "archives", cmd_archives, "which archive files a window needs, where, which are missing" },
};

static void usage(FILE *f)
{
	fprintf(f,
	    "usage: mrtreach COMMAND [OPTIONS] FILE...\n"
	    "\n"
	    "Reads MRT routing archives (RouteViews, RIPE RIS; gzip, bzip2 or plain,\n"
	    "any number of files in any order, merged by time) in one pass.\n"
	    "\n"
	    "Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f,
	    "  %-10s %s\n"
	    "\n"
	    "Options:\n"
	    "  -h, --help     this help ('mrtreach --help COMMAND': that command's)\n"
	    "  -V, --version  the version\n"
	    "\n"
	    "Examples:\n"
	    "  mrtreach dump updates.20141222.1600.bz2 | head\n"
	    "  mrtreach dump --prefix 175.45.176.0/22 --more-specific \\\n"
	    "      rib.*.bz2 updates.*.bz2\n"
	    "  mrtreach blackout --prefix 175.45.176.0/22 --more-specific \\\n"
	    "      rib.*.bz2 updates.*.bz2\n"
	    "  mrtreach scan --delegations delegated-afrinic-extended-20110126 \\\n"
	    "      rib.*.bz2 updates.*.bz2\n"
	    "  mrtreach peers rib.20141221.0000.bz2\n"
	    "  mrtreach archives --collector rrc00 --start 2014-12-22T16:00 --end 2014-12-23\n"
	    "\n"
	    "'mrtreach COMMAND --help' or 'mrtreach help COMMAND' explains a command;\n"
	    "'man mrtreach' has the semantics and worked examples.\n"
	    "Exit status: 0 clean, 1 some input damaged or unreadable, 2 usage error.\n",
	    "help", "explain a command: 'mrtreach help COMMAND'");
}

static const struct command *find(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/*
 * Help and version text go through stdio; the reports go through outbuf,
 * which checks its own writes. Flush stdio at exit so that `--help >/dev/full`
 * fails loudly instead of exiting 0 with nothing written; a reader that went
 * away (EPIPE) is not an error, as everywhere else.
 */
static void check_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	if (errno == EPIPE)
		_exit(EXIT_OK);
	diag_error("standard output: %s", strerror(errno));
	_exit(EXIT_DAMAGED);
}

/*
 * Merging a month of update files keeps one descriptor per file whose time
 * range is current; a default soft limit of 1024 is close to that. Raise the
 * soft limit to the hard one, which costs nothing.
 */
static void raise_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/*
 * The routing state (rib.c, visibility.c, scan.c, route_origin.c) is a few
 * arrays per prefix that double as the table grows. glibc serves a block
 * from its own mapping only above a threshold that moves up to the size of
 * the largest such block freed (1 MiB once a reader buffer is closed, 3.6
 * MiB once a bzip2 block is decoded, 8 MiB once the prefix hash is
 * rehashed at 2 million slots): every array below it grows inside the
 * heap, where each doubling copies and leaves the old copy behind, touched,
 * and whether later blocks fill those holes depends on the order of
 * unrelated allocations (a few small ones added elsewhere cost timeline 3.6
 * MiB on a full table). Pinned at glibc's starting value, a large array
 * lives in its own mapping: it grows in place (mremap), only the pages
 * used count, and a freed one goes back to the system at once. Transient
 * large buffers (readers, decompression) are then mapped per use, which
 * costs page faults but no measurable time.
 * The moving threshold, mallopt() and <malloc.h> are glibc's: another libc
 * (musl, the BSDs') has neither the knob nor a threshold that moves, so
 * elsewhere this compiles to nothing and the allocator's own rule stands.
 */
static void pin_mmap_threshold(void)
{
#ifdef __GLIBC__
	(void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

int main(int argc, char **argv)
{
	pin_mmap_threshold();
	/* A closed output pipe is seen as EPIPE by outbuf, which stops quietly. */
	signal(SIGPIPE, SIG_IGN);
	atexit(check_stdout);
	raise_fd_limit();

	/* Installed as "bgpdump" (make install-bgpdump-link): a drop-in. */
	const char *base = argc > 0 ? strrchr(argv[0], '/') : NULL;
	base = base ? base + 1 : argc > 0 ? argv[0] : "";
	if (strcmp(base, "bgpdump") == 0)
		return cmd_bgpdump(argc, argv);

	if (argc < 2)
		diag_usage("missing command: dump, blackout, timeline, origins, scan, peers, stats or archives (try 'mrtreach --help')");
	const char *name = argv[1];
	if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
		if (argc < 3) {
			usage(stdout);
			return EXIT_OK;
		}
		name = "help";          /* 'mrtreach --help dump' is 'mrtreach help dump' */
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("mrtreach %s\n", MRTREACH_VERSION);
		printf("gzip inflate: %s\n", input_inflate_name());
		return EXIT_OK;
	}
	if (strcmp(name, "help") == 0) {
		if (argc < 3) {
			usage(stdout);
			return EXIT_OK;
		}
		const struct command *c = find(argv[2]);
		if (!c)
			diag_usage("unknown command '%s' (try 'mrtreach --help')", argv[2]);
		char *hargv[] = { argv[2], "--help", NULL };
		return c->run(2, hargv);
	}
	const struct command *c = find(name);
	if (!c)
		diag_usage("unknown command '%s' (try 'mrtreach --help')", name);
	return c->run(argc - 1, argv + 1);
}
