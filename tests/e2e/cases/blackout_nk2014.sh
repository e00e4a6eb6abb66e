#!/bin/sh
# blackout over the nk2014 reconstruction: the windows must be exactly those
# the fixture's README computed from its script (fixtures/nk2014/windows.tsv),
# under the default majority rule and under --visibility any.
M=$MRTREACH
casename=blackout_nk2014
. "$TOP/tests/e2e/lib.sh"
nk2014 windows.tsv
eval "set -- $NK2014"

check_rule() {  # rule name in windows.tsv, --visibility value
	name=$1; rule=$2; shift 2
	awk -F'\t' -v r="$name" '$1 == r { print $2, $3 }' "$N/windows.tsv" >"$tmp/want.$name"
	"$M" blackout $T --visibility "$rule" --format tsv "$@" >"$tmp/out.$name" 2>"$tmp/err"
	rc=$?
	grep -v '^#' "$tmp/out.$name" | awk -F'\t' '{ print $3, $4 }' >"$tmp/got.$name"
	if [ $rc -ne 0 ]; then echo "FAIL blackout_nk2014 $name: exit $rc: $(head -c 200 "$tmp/err")"; return; fi
	if ! cmp -s "$tmp/want.$name" "$tmp/got.$name"; then
		echo "FAIL blackout_nk2014 $name: windows differ: $(diff "$tmp/want.$name" "$tmp/got.$name" | head -5 | tr '\n' ' ')"
		return
	fi
	echo "PASS blackout_nk2014 $name ($(wc -l <"$tmp/got.$name") windows)"
}
check_rule majority majority "$@"
check_rule any any "$@"

# The demo line: the 9h31m outage, in text.
"$M" blackout $T "$@" >"$tmp/text" 2>"$tmp/err"
if grep -q '^2014-12-22 16:15:[0-9][0-9] UTC  2014-12-23 01:46:[0-9][0-9] UTC  9h31m' "$tmp/text" &&
   grep -q 'route-views2 (10 vantage points, full-feed: 8 IPv4, 1 IPv6), rrc00 (9 vantage points, full-feed: 8 IPv4, 1 IPv6)' "$tmp/text" &&
   grep -q '^rule: visible = seen by at least half of the full-feed' "$tmp/text"; then
	echo "PASS blackout_nk2014 text-demo"
else
	echo "FAIL blackout_nk2014 text-demo: $(head -c 300 "$tmp/text")"
fi

# JSON: one object per window, the keys the issue names, longest first.
"$M" blackout $T --format json --sort duration "$@" >"$tmp/json" 2>"$tmp/err"
first=$(head -1 "$tmp/json")
case $first in
*'"start":"2014-12-22T16:15:31Z"'*'"end":"2014-12-23T01:46:15Z"'*'"start_ts":1419264931'*'"end_ts":1419299175'*'"duration_s":34244'*'"prefixes":["175.45.176.0/24","175.45.177.0/24","175.45.178.0/24","175.45.179.0/24"]'*)
	if [ "$(wc -l <"$tmp/json")" -eq 14 ]; then echo "PASS blackout_nk2014 json-sort-duration"
	else echo "FAIL blackout_nk2014 json-sort-duration: $(wc -l <"$tmp/json") lines"; fi ;;
*)	echo "FAIL blackout_nk2014 json-sort-duration: $first" ;;
esac
if command -v python3 >/dev/null 2>&1; then
	if python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$tmp/json" 2>/dev/null; then echo "PASS blackout_nk2014 json-parses"
	else echo "FAIL blackout_nk2014 json-parses"; fi
fi

# --min-duration hides the flaps; the stale rrc00 peer shows as "1 at the fewest".
"$M" blackout $T --min-duration 1h "$@" >"$tmp/min" 2>"$tmp/err"
if [ "$(grep -c '^2014-' "$tmp/min")" -eq 1 ] && grep -q '1 at the fewest; held throughout by rrc00 212.66.96.126 AS20912' "$tmp/min"; then
	echo "PASS blackout_nk2014 min-duration"
else
	echo "FAIL blackout_nk2014 min-duration: $(cat "$tmp/min" | tail -3)"
fi
# tsv carries them too, in its last two columns (older columns keep their places).
"$M" blackout $T --min-duration 1h --format tsv "$@" >"$tmp/min.tsv" 2>/dev/null
if grep -q '	gaps	held_throughout	held_throughout_count$' "$tmp/min.tsv" &&
   [ "$(grep -v '^#' "$tmp/min.tsv" | awk -F'\t' '{ print NF ":" $21 ":" $22 }')" = "22:rrc00 212.66.96.126 AS20912:1" ]; then
	echo "PASS blackout_nk2014 tsv-held-throughout"
else
	echo "FAIL blackout_nk2014 tsv-held-throughout: $(grep -v '^#' "$tmp/min.tsv")"
fi

# The same targets named by origin AS, by a --prefixes file, by a delegation file.
printf '# NK\n175.45.176.0/22\n' >"$tmp/pfx"
printf '2|apnic|20141222|2|19830613|20141221|+1000\napnic|*|ipv4|*|1|summary\napnic|KP|ipv4|175.45.176.0|1024|20091229|allocated|A9\napnic|KR|ipv4|1.11.0.0|65536|20100126|allocated|A9\n' >"$tmp/deleg"
"$M" blackout $T --format tsv "$@" | grep -v '^#' | cut -f3,4 >"$tmp/ref"
for how in "--origin AS131279" "--prefixes $tmp/pfx --more-specific" "--country kp --delegations $tmp/deleg"; do
	"$M" blackout $how --format tsv "$@" 2>"$tmp/err" | grep -v '^#' | cut -f3,4 >"$tmp/alt"
	if cmp -s "$tmp/ref" "$tmp/alt" && [ -s "$tmp/alt" ]; then echo "PASS blackout_nk2014 targets $how" | sed "s|$tmp/||"
	else echo "FAIL blackout_nk2014 targets $how: $(head -c 200 "$tmp/err")" | sed "s|$tmp/||"; fi
done

# Without its RIB dumps only updates remain: the fallback full-feed rule still finds the outage.
"$M" blackout $T --min-duration 1h "$N"/route-views2/updates.*.bz2 "$N"/rrc00/updates.*.gz >"$tmp/norib" 2>"$tmp/err"
if grep -q '^2014-12-22 16:15:[0-9][0-9] UTC  2014-12-23 01:46:[0-9][0-9] UTC' "$tmp/norib"; then
	echo "PASS blackout_nk2014 updates-only"
else
	echo "FAIL blackout_nk2014 updates-only: $(tail -2 "$tmp/norib")"
fi

# An outage still going on when the data ends: cut the data at 20:00 on the 22nd.
"$M" blackout $T --format json "$N"/route-views2/rib.20141221.0000.bz2 "$N"/route-views2/updates.20141221.*.bz2 \
	"$N"/route-views2/updates.20141222.0*.bz2 "$N"/route-views2/updates.20141222.1*.bz2 >"$tmp/ong" 2>"$tmp/err"
last=$(tail -1 "$tmp/ong")
case $last in
*'"end":null'*'"end_ts":null'*'"ongoing":true'*) echo "PASS blackout_nk2014 ongoing" ;;
*) echo "FAIL blackout_nk2014 ongoing: $last" ;;
esac

# --below: the partial stretch before the total blackout is part of the
# window (the first /24s go at 16:15:29, the last at 16:15:31); JSON gains
# min_share, by both weightings.
"$M" blackout $T --below 0.6 --min-duration 1h --format json "$@" >"$tmp/below" 2>"$tmp/err"
case $(cat "$tmp/below") in
'{"start":"2014-12-22T16:15:29Z","end":"2014-12-23T01:46:15Z"'*'"min_share":0}') echo "PASS blackout_nk2014 below-space" ;;
*) echo "FAIL blackout_nk2014 below-space: $(head -c 300 "$tmp/below")" ;;
esac
"$M" blackout $T --below 0.6 --weight prefixes --min-duration 1h --format tsv "$@" | grep -v '^#' | cut -f1,2,15 >"$tmp/belowp"
if [ "$(cat "$tmp/belowp")" = "$(printf '2014-12-22T16:15:29Z\t2014-12-23T01:46:15Z\t0')" ]; then echo "PASS blackout_nk2014 below-prefixes"
else echo "FAIL blackout_nk2014 below-prefixes: $(cat "$tmp/belowp")"; fi
