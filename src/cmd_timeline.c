/*
 * cmd_timeline.c — mrtreach timeline: each change of visibility of the
 * target prefixes, or a regular series. Owns: its --help. Never: anything
 * reach.c does.
 */
#include <stdio.h>

#include "cmd.h"
#include "diag.h"
#include "reach.h"

static void help(void)
{
	fputs(
"usage: mrtreach timeline [TARGETS] [OPTIONS] FILE...\n"
"\n"
"Prints every change of visibility of each target prefix: time, prefix,\n"
"visible or not, full-feed vantage points that see it / all full-feed\n"
"vantage points. With --interval, a regular series instead (time, visible\n"
"target prefixes, full-feed vantage points seeing each prefix) for gnuplot\n"
"or a spreadsheet. Without targets, every prefix in the data.\n"
"\n"
"Targets (they add up):\n"
"  --prefix P            the prefix P (repeatable)\n"
"  --prefixes FILE       prefixes, one per line, '#' comments\n"
"  --more-specific       also every prefix under P seen in the data\n"
"  --origin ASN          every prefix originated by ASN (repeatable)\n"
"  --country CC --delegations FILE\n"
"                        every prefix inside the space an RIR extended\n"
"                        delegation file gives to country CC\n"
"Rules:\n"
"  --visibility RULE     majority (default: at least half of the full-feed\n"
"                        vantage points), any, N, or a fraction (0.25, 25%)\n"
"  --full-feed FRACTION  full-feed = table at least FRACTION of the largest\n"
"                        (default 0.9, per address family, from RIB dumps)\n"
"  --covering            a prefix covered by a visible less-specific route\n"
"                        counts as reachable\n"
"Output:\n"
"  --interval D          a sample every D (5m, 1h), aligned to the epoch\n"
"  --format text|tsv|json\n"
"  --svg FILE            also write a chart to FILE (SVG, for reports): target\n"
"                        prefixes visible and full-feed VPs holding a route\n"
"                        over time, blackout windows shaded and labelled\n"
"  --sparkline           end the text report with a one-line chart of the\n"
"                        share of target prefixes visible (default: only when\n"
"                        standard output is a terminal)\n"
"  --no-sparkline        never print it\n"
"Progress:\n"
"  --progress            show progress on stderr even when it is not a terminal\n"
"  --quiet               no progress line (default: one when stderr is a\n"
"                        terminal: files, bytes read, rate, time left)\n"
"\n"
"Semantics as for 'mrtreach blackout --help'; the first lines show each\n"
"prefix becoming visible when the first RIB dump has been read.\n"
"\n"
"Examples:\n"
"  mrtreach timeline --prefix 175.45.176.0/22 --more-specific \\\n"
"      rib.*.bz2 updates.*.bz2\n"
"  mrtreach timeline --origin 131279 --interval 5m --format tsv \\\n"
"      rib.*.bz2 updates.*.bz2 > nk.tsv\n"
"\n"
"Exit status: 0 clean, 1 some input damaged, 2 usage error.\n", stdout);
}

int cmd_timeline(int argc, char **argv)
{
	struct reach r;
	reach_parse(&r, argc, argv, true, help);
	int status = reach_run(&r);
	reach_free(&r);
	return status;
}
