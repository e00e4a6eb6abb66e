#!/bin/sh
# Command-line contract: help and version succeed; every bad input gets
# exactly one line on stderr naming the problem, nothing on stdout, exit 2.
M=$MRTREACH
casename=cli
. "$TOP/tests/e2e/lib.sh"

ok() {  # name, expected status, command...
	name=$1; want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"; got=$?
	if [ "$got" -ne "$want" ]; then echo "FAIL cli $name: exit $got, want $want: $(head -c 200 "$tmp/err")"; return; fi
	echo "PASS cli $name"
}

ok help 0 "$M" --help
ok version 0 "$M" --version
ok help-dump 0 "$M" help dump
ok dump-help 0 "$M" dump --help
ok blackout-help 0 "$M" blackout --help
ok timeline-help 0 "$M" timeline --help
usage_error no-command "" "$M"
usage_error unknown-command "frobnicate" "$M" frobnicate
usage_error dump-unknown-option "--bogus" "$M" dump --bogus x
usage_error dump-no-files "file" "$M" dump
usage_error dump-bad-prefix "10.0.0.0/33" "$M" dump --prefix 10.0.0.0/33 /dev/null
usage_error dump-bad-time "yesterday" "$M" dump --start yesterday /dev/null
usage_error dump-bad-asn "ASx" "$M" dump --origin ASx /dev/null
usage_error dump-bad-type "sideways" "$M" dump --type sideways /dev/null
usage_error blackout-bad-duration "forever" "$M" blackout --prefix 10.0.0.0/8 --min-duration forever /dev/null
usage_error blackout-no-target "target" "$M" blackout /dev/null
usage_error timeline-bad-interval "5x" "$M" timeline --prefix 10.0.0.0/8 --interval 5x /dev/null
# One command-line layer (issue 10): exact option names everywhere, the
# shared options in every command, conflicting flags refused, prefixes
# refused with the reason (issue 15).
usage_error dump-abbreviation "unknown option '--pre'" "$M" dump --pre 10.0.0.0/8 /dev/null
usage_error blackout-abbreviation "unknown option '--pre'" "$M" blackout --pre 10.0.0.0/8 /dev/null
usage_error quiet-and-progress "--quiet and --progress exclude each other" "$M" stats --quiet --progress /dev/null
usage_error m-and-json "-m and --json exclude each other" "$M" dump -m --json /dev/null
usage_error sparkline-both "--sparkline and --no-sparkline" "$M" timeline --sparkline --no-sparkline /dev/null
usage_error prefix-length "prefix length 33 is more than 32" "$M" blackout --prefix 10.0.0.0/33 /dev/null
usage_error prefix-three-numbers "four numbers" "$M" dump --prefix 1.2.3 /dev/null
usage_error prefix-octet "300 is not a number from 0 to 255" "$M" timeline --prefix 300.1.1.1/24 /dev/null
# 'mrtreach --help dump' is dump's help; the top-level help names help and --version.
"$M" --help dump | head -1 | grep -q '^usage: mrtreach dump' && echo "PASS cli help-first-then-command" ||
	echo "FAIL cli help-first-then-command"
"$M" --help | grep -q '^  help ' && "$M" --help | grep -q -- '--version' && echo "PASS cli top-help-names-help-and-version" ||
	echo "FAIL cli top-help-names-help-and-version"
for c in "" dump blackout timeline origins scan peers stats archives; do
	w=$("$M" $c --help | awk 'length > 80' | head -1)
	[ -z "$w" ] && echo "PASS cli help-fits-80-columns${c:+-$c}" || echo "FAIL cli help-fits-80-columns${c:+-$c}: $w"
done
# A count no vantage point set can meet (exit 2, or a note without a RIB); a series
# with more targets than per-prefix columns; a chart that cannot be written
# says why (exit 1).
R=$TOP/fixtures/nk2014/route-views2/rib.20141221.0000.bz2
if [ -f "$R" ]; then
	# Every collector's RIB read: the count can never be met, a usage
	# mistake (exit 2, one line, no report). Without a RIB more vantage
	# points might be full-feed: a note, exit 0.
	"$M" blackout --prefix 175.45.176.0/22 --more-specific --visibility 100 --quiet "$R" >"$tmp/out" 2>"$tmp/err"; rc=$?
	[ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -q 'visibility 100 asks for more full-feed vantage points than the 8 in the data (every collector.s RIB was read)' "$tmp/err" &&
		echo "PASS cli visibility-count-above-full-feed" || echo "FAIL cli visibility-count-above-full-feed: $rc $(cat "$tmp/err")"
	# timeline streams its report: the check is made once every collector's
	# first RIB is read, before any of it is written, and the pass stops
	# there (no gap warning after it: the usage error is the one line).
	"$M" timeline --prefix 175.45.176.0/22 --more-specific --visibility 100 --quiet \
		$(ls "$TOP"/fixtures/nk2014/*/* | grep -v 20141223.0100) >"$tmp/out" 2>"$tmp/err"; rc=$?
	[ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -q 'visibility 100 asks for more full-feed vantage points than the 16 in the data (every collector.s RIB was read)' "$tmp/err" &&
		echo "PASS cli visibility-count-checked-before-timeline-output" ||
		echo "FAIL cli visibility-count-checked-before-timeline-output: $rc $(cat "$tmp/err")"
	U=$TOP/fixtures/nk2014/route-views2/updates.20141222.1600.bz2
	"$M" blackout --prefix 175.45.176.0/22 --more-specific --visibility 100 --quiet "$U" >/dev/null 2>"$tmp/err"; rc=$?
	[ $rc -eq 0 ] && grep -q 'visibility 100 asks for more full-feed vantage points than the [0-9]* in the data: nothing can be visible' "$tmp/err" &&
		echo "PASS cli visibility-count-above-full-feed-no-rib" || echo "FAIL cli visibility-count-above-full-feed-no-rib: $rc $(cat "$tmp/err")"
	"$M" timeline --interval 1h --quiet --prefix 0.0.0.0/0 --more-specific "$R" >/dev/null 2>"$tmp/err"; rc=$?
	[ $rc -eq 0 ] && grep -q 'per-prefix columns for the first 256 only' "$tmp/err" &&
		echo "PASS cli series-columns-note" || echo "FAIL cli series-columns-note: $rc $(cat "$tmp/err")"
	if [ -w /dev/full ]; then
		"$M" blackout --prefix 175.45.176.0/22 --svg /dev/full --quiet "$R" >/dev/null 2>"$tmp/err"; rc=$?
		[ $rc -eq 1 ] && grep -q 'cannot write the chart: No space left on device' "$tmp/err" &&
			echo "PASS cli svg-full-says-why" || echo "FAIL cli svg-full-says-why: $rc $(cat "$tmp/err")"
	fi
fi
for c in dump blackout timeline peers stats; do
	"$M" "$c" --version >"$tmp/out" 2>&1 && grep -q '^mrtreach [0-9]' "$tmp/out" &&
		echo "PASS cli $c-version" || echo "FAIL cli $c-version: $(head -c 200 "$tmp/out")"
done
