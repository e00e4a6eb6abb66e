/*
 * cmd_timeline.c — mrtreach timeline: each change of visibility of the
 * target prefixes, or a regular series. Owns: its --help. Never: anything
 * reach.c does.
 */
#include <stdio.h>

#include "cli/cmd.h"
#include "report/diag.h"
#include "cli/reach.h"

static const char help_text[] =
"usage: mrtreach timeline [TARGETS] [OPTIONS] FILE...\n"
"\n"
"Prints every change of state of each target prefix: time, prefix,\n"
"visible, invisible or unknown (too few of its routes known: a gap in a\n"
"collector's data, a collector restart), full-feed vantage points that see\n"
"it / full-feed vantage points whose route is known. With --interval, a\n"
"regular series instead (time, visible target prefixes, unknown ones if\n"
"any, full-feed vantage points seeing each prefix) for gnuplot or a\n"
"spreadsheet. Without targets, every prefix in the data.\n"
"\n"
"Targets (they add up):\n"
REACH_HELP_TARGET_LINES
REACH_HELP_RULES
"Output:\n"
"  --interval D          a sample every D (5m, 1h), aligned to the epoch, with\n"
"                        the visible /24 units and the visible share\n"
REACH_HELP_WEIGHT
"  --by-origin           each change names the origin AS that gained or lost\n"
"                        visibility (a line per prefix and origin; see\n"
"                        'mrtreach origins --help')\n"
"  --format text|tsv|json\n"
REACH_HELP_CHART_PROGRESS
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
"Exit status: 0 clean, 1 some input damaged or unreadable, 2 usage error.\n";

int cmd_timeline(int argc, char **argv)
{
	return reach_main(argc, argv, REACH_TIMELINE, help_text);
}
