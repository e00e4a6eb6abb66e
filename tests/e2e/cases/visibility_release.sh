#!/bin/sh
# --visibility N holds the report until every collector's first RIB dump is
# read, so that an N above the data's full-feed vantage points is a usage
# error before any output. A collector with data and no RIB file among the
# inputs can never have one read: the check cannot fail, and the report is
# not held (a long streaming timeline would otherwise sit in memory to the
# end of the run). Seen in one file taking both streams: the report's first
# buffer goes out before the gap warnings found later in the pass, as it
# does without --visibility N.
casename=visibility_release
M=$MRTREACH
N=$TOP/fixtures/nk2014
. "$TOP/tests/e2e/lib.sh"
if [ ! -f "$N/windows.tsv" ]; then echo "SKIP $casename: no fixtures/nk2014"; exit 0; fi
# Every update file but 22 Dec 01:00 (a gap each collector warns of, in the
# middle of the pass), no RIB dump; every prefix a target: over 256 KiB.
# shellcheck disable=SC2046
set -- $(without '*20141222.0100*' "$N"/*/updates.*)
T="--prefix 0.0.0.0/0 --more-specific --visibility 1 --quiet"
"$M" timeline $T "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
"$M" timeline $T "$@" >"$tmp/both" 2>&1; rc2=$?
size=$(wc -c <"$tmp/out")
[ $rc -eq 0 ] && [ $rc2 -eq 0 ] && [ "$(grep -c 'gap in its data' "$tmp/err")" -eq 2 ] &&
	[ "$size" -gt 300000 ] &&
	[ "$(wc -c <"$tmp/both")" -eq $((size + $(wc -c <"$tmp/err"))) ]
result report-and-warnings $? "exit $rc/$rc2, $size bytes: $(head -c 200 "$tmp/err")"
# released NAME FILE: before FILE's first warning, the report's beginning
# (as in $tmp/out), not nothing.
released() {
	first=$(grep -bo 'mrtreach: warning' "$2" | head -n 1 | cut -d: -f1)
	head -c "${first:-0}" "$2" >"$tmp/before"
	head -c "${first:-0}" "$tmp/out" >"$tmp/want"
	[ "${first:-0}" -gt 0 ] && cmp -s "$tmp/before" "$tmp/want"
	result "$1" $? "the first warning at byte ${first:-none}: the report was held"
}
released not-held-without-a-rib-file "$tmp/both"
# The same from a partial of those files: the replay knows the RIB files too.
"$M" timeline $T --save-partial "$tmp/upd.part" "$@" 2>/dev/null &&
	"$M" timeline $T "$tmp/upd.part" >"$tmp/pboth" 2>&1; rc=$?
result partial-exit $rc "exit $rc"
released not-held-without-a-rib-file-partial "$tmp/pboth"
