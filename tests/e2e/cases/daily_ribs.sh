#!/bin/sh
# Shards by RIB interval with several RIB dumps per collector (issue 17):
# fixtures/daily-ribs has four days of two collectors with a dump of each
# every day. `archives --shards rib` must cut each collector at every dump
# (eight shards, each starting at its dump, ending where the next begins);
# each shard runs as its own process with --save-partial (blackout,
# timeline and scan), and the combined reports must be byte for byte the
# single run's over the same files.
M=$MRTREACH
casename=daily_ribs
. "$TOP/tests/e2e/lib.sh"
D=$TOP/fixtures/daily-ribs
DL=$D/delegated-afrinic-extended-20110126
if [ ! -d "$D/rrc00" ]; then echo "SKIP $casename: no fixtures/daily-ribs"; exit 0; fi

for c in route-views2 rrc00; do ls "$D/$c" >"$tmp/$c.list"; done
"$M" archives --collector route-views2,rrc00 --start 2011-01-26 --end 2011-01-30 \
	--listing route-views2="$tmp/route-views2.list" --listing rrc00="$tmp/rrc00.list" \
	--shards rib --into "$D" >"$tmp/shards" 2>"$tmp/err" ||
	echo "FAIL $casename archives: $(head -c 200 "$tmp/err")"

# The shard lines: per collector, one per daily dump, starting with it,
# each ending where the next begins, the dump's day of updates in it.
got=$(awk -F'\t' -v d="$D" '{
	n = split($5, p, "/"); rib = p[n]
	printf "%s %s %s %s %s %d|", $1, $2, substr($3, 1, 10), (prev == $2 ? (pto == $3) : "-"), rib, NF - 4
	prev = $2; pto = $4 }' "$tmp/shards")
want="0 route-views2 2011-01-26 - rib.20110126.0000.bz2 25|1 route-views2 2011-01-27 1 rib.20110127.0000.bz2 25|\
2 route-views2 2011-01-28 1 rib.20110128.0000.bz2 25|3 route-views2 2011-01-29 1 rib.20110129.0000.bz2 25|\
4 rrc00 2011-01-26 - bview.20110126.0000.gz 25|5 rrc00 2011-01-27 1 bview.20110127.0000.gz 25|\
6 rrc00 2011-01-28 1 bview.20110128.0000.gz 25|7 rrc00 2011-01-29 1 bview.20110129.0000.gz 25|"
if [ "$got" = "$want" ]; then echo "PASS $casename shard lines"
else echo "FAIL $casename shard lines: got '$got'"; fi
cut -f5- "$tmp/shards" | tr '\t' '\n' >"$tmp/files"
if [ "$(wc -l <"$tmp/files")" -ne 200 ]; then echo "FAIL $casename files: $(wc -l <"$tmp/files"), want 200"; fi

# run CMD ARGS...: every shard as its own process; the partials in
# $tmp/CMD.parts in shard order.
run() {
	cmd=$1; shift
	: >"$tmp/$cmd.parts"
	while IFS= read -r line; do
		id=${line%%	*}
		if ! printf '%s\n' "$line" | cut -f5- | tr '\t' '\n' |
		     xargs "$M" "$cmd" "$@" --save-partial "$tmp/$cmd.$id.part" 2>"$tmp/err"; then
			echo "FAIL $casename $cmd shard $id: $(head -c 200 "$tmp/err")"; return 1
		fi
		echo "$tmp/$cmd.$id.part" >>"$tmp/$cmd.parts"
	done <"$tmp/shards"
}

# compare NAME CMD ARGS...: the combination of CMD's partials against the
# single run over the shards' files (lib.sh's same_report).
compare() {
	name=$1 cmd=$2; shift 2
	same_report "$name" "$tmp/files" "$tmp/$cmd.parts" "$cmd" "$@"
}

T="--country EG --delegations $DL"
# shellcheck disable=SC2086
run blackout $T && {
	compare "blackout text" blackout $T --below 0.2 --no-sparkline
	compare "blackout json any below 0.3" blackout $T --format json --visibility any --below 0.3
	compare "blackout tsv prefixes" blackout $T --format tsv --below 0.5 --weight prefixes
}
# shellcheck disable=SC2086
run timeline $T && compare "timeline 1h" timeline $T --interval 1h --format tsv
run scan && {
	compare "scan text" scan --delegations "$DL"
	compare "scan json time" scan --delegations "$DL" --format json --sort time
	compare "scan tsv below 0.5 min-duration 1m" scan --format tsv --below 0.5 --min-duration 1m
}
# The dumps after the first are read as the single run reads them: the
# scan finds Egypt gone from 27 Jan 22:1x, and Kenya's 42 minutes.
"$M" scan --format tsv --delegations "$DL" $(cat "$tmp/scan.parts") >"$tmp/out" 2>/dev/null
ev=$(grep -v '^#' "$tmp/out" | awk -F'\t' '{ print $1 $2 }' | sort | tr '\n' ' ')
if [ "$ev" = "as15475 as24835 as24863 as33771 as36935 as36992 as37069 as5536 as8452 countryEG countryKE " ]; then
	echo "PASS $casename scan events"
else echo "FAIL $casename scan events: $ev"; fi
