/*
 * cmd_blackout.c — mrtreach blackout: windows in which every target prefix
 * was invisible. Owns: its --help. Never: anything reach.c does.
 */
#include <stdio.h>

#include "cli/cmd.h"
#include "report/diag.h"
#include "cli/reach.h"

static const char help_text[] =
"usage: mrtreach blackout TARGETS [OPTIONS] FILE...\n"
"\n"
"Prints every window in which no target prefix was visible (a total\n"
"blackout), from RIB dumps and update files of any number of collectors.\n"
"\n"
"Targets (at least one; they add up):\n"
REACH_HELP_TARGET_LINES
REACH_HELP_RULES
"Partial outages:\n"
"  --below F             windows are the stretches in which the visible share\n"
"                        of the target is below F (0.2, 20%; 0 < F <= 1)\n"
"                        instead of those with no target prefix visible\n"
REACH_HELP_WEIGHT
"Output:\n"
"  --min-duration D      hide windows shorter than D (30s, 5m, 1h; default 0)\n"
"  --sort time|duration  earliest first (default) or longest first\n"
"  --format text|tsv|json  json: one object per window per line, with start,\n"
"                        end (ISO-8601, null when ongoing), start_ts, end_ts,\n"
"                        duration_s, prefixes, min_share (lowest visible share),\n"
"                        start_earliest_ts .. end_latest_ts (bounds) and gaps\n"
REACH_HELP_CHART_PROGRESS
"\n"
"Semantics: a vantage point is one peer of one collector. It has a route\n"
"from a RIB entry or announcement until a withdrawal, its session leaving\n"
"Established, or a later RIB dump of its collector not listing it. Time\n"
"before the data is unknown, not dark; so are a collector's routes in a gap\n"
"of its data (a missing file) and after it until proven again, and after a\n"
"collector restart. A window next to such time gets bounds: its end 'between\n"
"01:00:00 and 03:41:49'. A window starts at the update that\n"
"made the last target prefix invisible and ends at the one that made the\n"
"first visible again; one still open at the end is 'ongoing'.\n"
"The target is the set of matching prefixes that appear in the data.\n"
"\n"
"Example (North Korea, 22-23 December 2014):\n"
"  mrtreach blackout --prefix 175.45.176.0/22 --more-specific \\\n"
"      route-views2/rib.20141221.0000.bz2 route-views2/updates.201412*.bz2 \\\n"
"      rrc00/bview.20141221.0000.gz rrc00/updates.201412*.gz\n"
"\n"
"Exit status: 0 clean, 1 some input damaged or unreadable, 2 usage error.\n";

int cmd_blackout(int argc, char **argv)
{
	return reach_main(argc, argv, REACH_BLACKOUT, help_text);
}
