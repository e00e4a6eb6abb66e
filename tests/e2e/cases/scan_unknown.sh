#!/bin/sh
# scan_unknown: an entity's unknown time is its own (issue 12, coverage
# gaps). nk2014 without both collectors' 01:00 update files: the outage
# open when the data stops ends there (cut), the hour without data is said,
# and the 03:41:58-04:12:09 outage after the gap is found as in the complete
# data, although other ASes' routes stay unproven after the gap; the cut
# event is marked in text, TSV and JSON.
M=${MRTREACH:?}
casename=scan_unknown
. "$TOP/tests/e2e/lib.sh"
nk2014 rrc00
eval "set -- $NK2014"

# A copy of the inputs (a collector is named by its folder) without the
# two 20141223.0100 files.
mkdir "$tmp/in" "$tmp/in/route-views2" "$tmp/in/rrc00"
for f in "$@"; do
	case $f in *20141223.0100*) ;; *) ln -s "$f" "$tmp/in/$(basename "$(dirname "$f")")/" ;; esac
done
want_err="mrtreach: warning: route-views2: gap in its data from 2014-12-23 01:00:00 to 2014-12-23 02:00:00 UTC (1h00m): update files missing; a window across it is not decided by the data
mrtreach: warning: rrc00: gap in its data from 2014-12-23 01:00:00 to 2014-12-23 02:00:00 UTC (1h00m): update files missing; a window across it is not decided by the data"
same without-0100-text "$TOP/tests/e2e/expected/scan/nk2014-without-0100.txt" \
	"$M" scan --sort time "$tmp"/in/*/*
# The cut event says so in every format: TSV's last column, JSON's "cut".
same without-0100-tsv "$TOP/tests/e2e/expected/scan/nk2014-without-0100.tsv" \
	"$M" scan --format tsv --sort time "$tmp"/in/*/*
same without-0100-json "$TOP/tests/e2e/expected/scan/nk2014-without-0100.json" \
	"$M" scan --format json --sort time "$tmp"/in/*/*
