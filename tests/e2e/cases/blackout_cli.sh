#!/bin/sh
# blackout / timeline command line: bad values get one line on stderr and
# exit 2 with nothing on stdout; damaged input gives exit 1.
M=$MRTREACH
casename=blackout_cli
. "$TOP/tests/e2e/lib.sh"
N=$TOP/fixtures/nk2014
RIB=$N/route-views2/rib.20141221.0000.bz2

P="--prefix 175.45.176.0/22"
usage_error no-targets "no targets" "$M" blackout /dev/null
usage_error no-files "no input files" "$M" blackout $P
usage_error bad-prefix "175.45.176.1/22" "$M" blackout --prefix 175.45.176.1/22 /dev/null
usage_error bad-visibility "sometimes" "$M" blackout $P --visibility sometimes /dev/null
usage_error bad-visibility-zero "'0'" "$M" blackout $P --visibility 0 /dev/null
usage_error bad-full-feed "1.5" "$M" blackout $P --full-feed 1.5 /dev/null
usage_error bad-sort "random" "$M" blackout $P --sort random /dev/null
usage_error bad-format "xml" "$M" blackout $P --format xml /dev/null
usage_error bad-min-duration "soon" "$M" blackout $P --min-duration soon /dev/null
usage_error bad-origin "ASx" "$M" blackout --origin ASx /dev/null
usage_error country-alone "--delegations" "$M" blackout --country KP /dev/null
usage_error missing-delegations "no/such/deleg" "$M" blackout --country KP --delegations no/such/deleg /dev/null
printf 'apnic|KR|ipv4|1.11.0.0|65536|20100126|allocated|A9\n' >"$tmp/deleg"
usage_error country-not-in-file "no address space for country 'KP'" "$M" blackout --country KP --delegations "$tmp/deleg" /dev/null
printf '175.45.176.0/22\nbogus\n' >"$tmp/pfx"
usage_error prefixes-bad-line ":2:" "$M" blackout --prefixes "$tmp/pfx" /dev/null
usage_error sort-is-not-a-timeline-option "--sort" "$M" timeline --sort time /dev/null
usage_error interval-is-not-a-blackout-option "--interval" "$M" blackout $P --interval 5m /dev/null
usage_error bad-interval "0s" "$M" timeline --interval 0s /dev/null
usage_error bad-below-zero "'0'" "$M" blackout $P --below 0 /dev/null
usage_error bad-below-above-one "1.5" "$M" blackout $P --below 1.5 /dev/null
usage_error below-is-not-a-timeline-option "--below" "$M" timeline --below 0.5 /dev/null
usage_error bad-weight "bytes" "$M" blackout $P --weight bytes /dev/null
usage_error value-missing "--format" "$M" blackout $P /dev/null --format

# Damaged input: exit 1, the report is still printed.
D=$TOP/fixtures/damaged/last-record-cut.mrt
if [ -f "$D" ]; then
	"$M" blackout $P "$D" >"$tmp/out" 2>"$tmp/err"; got=$?
	if [ $got -eq 1 ] && grep -q '^blackout of' "$tmp/out" && [ -s "$tmp/err" ]; then echo "PASS blackout_cli damaged-exit-1"
	else echo "FAIL blackout_cli damaged-exit-1: exit $got"; fi
else
	echo "SKIP blackout_cli damaged-exit-1: no fixtures/damaged"
fi

# Clean empty input: exit 0, says there is nothing to report.
"$M" blackout $P /dev/null >"$tmp/out" 2>"$tmp/err"; got=$?
if [ $got -eq 0 ] && grep -q 'no target prefix appears in the data' "$tmp/out"; then echo "PASS blackout_cli empty-input"
else echo "FAIL blackout_cli empty-input: exit $got: $(cat "$tmp/out" "$tmp/err" | head -3)"; fi

# --covering is named in the output.
if [ -f "$RIB" ]; then
	"$M" blackout $P --more-specific --covering --format json "$RIB" >"$tmp/out" 2>&1
	"$M" blackout $P --more-specific --covering "$RIB" | grep -q 'covered by a visible less-specific route' &&
		echo "PASS blackout_cli covering-named" || echo "FAIL blackout_cli covering-named"
fi

# A closed pipe stops quietly.
if [ -f "$RIB" ]; then
	"$M" timeline "$RIB" 2>"$tmp/err" | head -1 >/dev/null
	if [ ! -s "$tmp/err" ]; then echo "PASS blackout_cli closed-pipe"; else echo "FAIL blackout_cli closed-pipe: $(cat "$tmp/err")"; fi
fi
