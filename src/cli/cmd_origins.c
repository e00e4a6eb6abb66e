/*
 * cmd_origins.c — mrtreach origins: who originated each target prefix,
 * when; hijacks and MOAS. Owns: its --help. Never: anything reach.c does.
 */
#include <stdio.h>

#include "cli/cmd.h"
#include "report/diag.h"
#include "cli/reach.h"

static const char help_text[] =
"usage: mrtreach origins TARGETS [OPTIONS] FILE...\n"
"\n"
"For every target prefix and every origin AS seen for it, prints the windows\n"
"in which that (prefix, origin) was visible: start, end (or ongoing),\n"
"duration, the most vantage points routing to that origin at once, and flags:\n"
"MOAS (another origin of the same prefix visible at the same time) and\n"
"more-specific of Q (a covering prefix Q visible with another origin: the\n"
"pattern of a hijack by a more-specific route, as YouTube's in 2008).\n"
"\n"
"Targets (at least one; they add up):\n"
REACH_HELP_TARGET_LINES
"Rules:\n"
"  --visibility RULE     as for blackout, counting only the vantage points\n"
"                        whose route has that origin: majority (default), any,\n"
"                        N, or a fraction (0.25, 25%)\n"
"  --full-feed FRACTION  full-feed = table at least FRACTION of the largest\n"
"                        (default 0.9, per address family, from RIB dumps)\n"
"Output:\n"
"  --origin-is ASN       only the windows of origin ASN\n"
"  --svg FILE            also write a chart to FILE (SVG): a lane per (prefix,\n"
"                        origin) over time, its height the vantage points\n"
"                        routing to it; hijack patterns (more-specific of\n"
"                        another origin's prefix) red, MOAS orange; FILE -\n"
"                        writes it to standard output instead of the report\n"
REACH_HELP_SVG_SIZE
"  --format text|tsv|json  json: one object per window per line, with prefix,\n"
"                        origin (a number; an array for an AS_SET; null for\n"
"                        none), start, end (null when ongoing), start_ts,\n"
"                        end_ts, duration_s, peak_vps, moas, more_specific_of\n"
REACH_HELP_PROGRESS
"\n"
"The origin of a route is the last AS of its AS_PATH (after the AS4_PATH\n"
"merge); a path ending in an AS_SET has the set as its origin, a class of\n"
"its own ({64512,64513}). Covering prefixes are tracked for --prefix,\n"
"--prefixes and --country targets, so more_specific_of sees a /22 around a\n"
"hijacked /24 even when only the /24 is a target.\n"
"\n"
"Example (YouTube, 24 February 2008):\n"
"  mrtreach origins --prefix 208.65.152.0/22 --more-specific --visibility any \\\n"
"      route-views2/rib.20080224.1800.bz2 route-views2/updates.20080224.*.bz2\n"
"\n"
"Exit status: 0 clean, 1 some input damaged, 2 usage error.\n";

int cmd_origins(int argc, char **argv)
{
	return reach_main(argc, argv, REACH_ORIGINS, help_text);
}
