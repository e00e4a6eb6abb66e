#!/bin/sh
# timeline over the nk2014 reconstruction: each visibility change of each of
# the four /24s must be the one the fixture's README lists (majority rule),
# and --interval gives a regular series.
M=$MRTREACH
casename=timeline_nk2014
. "$TOP/tests/e2e/lib.sh"
nk2014 README.md
eval "set -- $NK2014"

# README rows: | 2014-12-21 14:02:45 | 175.45.176.0/24 | invisible | 7 of 16 |
grep -E '^\| 2014-[0-9-]+ [0-9:]+ \| 175\.45\.' "$N/README.md" |
	awk -F' *\\| *' '{ split($5, a, " of "); print $2, $3, $4, a[1] "/" a[2] }' >"$tmp/want"
"$M" timeline $T --format tsv "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
grep -v '^#' "$tmp/out" | grep -v '^2014-12-21T00:00:00Z' |
	awk -F'\t' '{ t = $1; sub("T", " ", t); sub("Z", "", t); print t, $3, ($4 ? "visible" : "invisible"), $5 "/" $6 }' >"$tmp/got"
if [ $rc -ne 0 ]; then
	echo "FAIL timeline_nk2014 changes: exit $rc: $(head -c 200 "$tmp/err")"
elif [ ! -s "$tmp/want" ]; then
	echo "SKIP timeline_nk2014 changes: README lists no changes"
elif cmp -s "$tmp/want" "$tmp/got"; then
	echo "PASS timeline_nk2014 changes ($(wc -l <"$tmp/got") lines)"
else
	echo "FAIL timeline_nk2014 changes: $(diff "$tmp/want" "$tmp/got" | head -4 | tr '\n' ' ')"
fi

# The first lines: each prefix becomes visible when the first dump has been read.
if [ "$(grep -c '^2014-12-21T00:00:00Z.*	1	' "$tmp/out")" -eq 4 ]; then
	echo "PASS timeline_nk2014 initial-state"
else
	echo "FAIL timeline_nk2014 initial-state: $(grep -v '^#' "$tmp/out" | head -2 | tr '\n' ' ')"
fi

# --interval 5m: one row per 5 minutes from 00:00 on the 21st to the last data.
"$M" timeline $T --interval 5m --format tsv "$@" >"$tmp/series" 2>"$tmp/err"
rows=$(grep -vc '^#' "$tmp/series")
hdr=$(grep '^#time' "$tmp/series")
at=$(grep -P '^2014-12-22T20:00:00Z' "$tmp/series" | cut -f3-11)
if [ "$rows" -ge 640 ] && [ "$rows" -le 650 ] &&
   [ "$hdr" = "#time	ts	visible_prefixes	target_prefixes	full_feed	visible_slash24	share	175.45.176.0/24	175.45.177.0/24	175.45.178.0/24	175.45.179.0/24" ] &&
   [ "$at" = "0	4	16	0	0	1	1	1	1" ]; then
	echo "PASS timeline_nk2014 interval"
else
	echo "FAIL timeline_nk2014 interval: $rows rows; $hdr; at 20:00 '$at'"
fi

# JSON lines parse, one per change.
"$M" timeline $T --format json "$@" >"$tmp/json" 2>"$tmp/err"
if [ "$(wc -l <"$tmp/json")" -eq "$(grep -vc '^#' "$tmp/out")" ] &&
   head -1 "$tmp/json" | grep -q '^{"time":"2014-12-21T00:00:00Z","ts":1419120000,"prefix":"175.45.176.0/24","visible":true,'; then
	echo "PASS timeline_nk2014 json"
else
	echo "FAIL timeline_nk2014 json: $(head -1 "$tmp/json")"
fi

# No targets: every prefix of the data (2400 + 160 background and the 4 targets).
"$M" timeline --format tsv "$@" >"$tmp/all" 2>"$tmp/err"
tail=$(tail -1 "$tmp/all")
case $tail in
*'2564 target prefixes'*) echo "PASS timeline_nk2014 whole-table" ;;
*) echo "FAIL timeline_nk2014 whole-table: $tail" ;;
esac
