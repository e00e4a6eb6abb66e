#!/bin/sh
# scan partials (issue 17): the egypt2011, syria2012 and nk2014
# reconstructions split every way — by collector, by stretches of files of
# one collector (a shard need not start at a RIB dump), both, one file per
# shard, with a gap in the data — each shard run as its own process with
# scan --save-partial, the partials combined: the report must be byte for
# byte that of the single run over all the files, in every format, with
# thresholds, rules, delegation files and orders the shards never saw; and
# a partial is at most 2 bytes per (prefix, vantage point) plus 8 per change.
M=$MRTREACH
casename=scan_partials
. "$TOP/tests/e2e/lib.sh"
incidents

# shards LIST: every shard of $tmp/LIST run as its own process with scan
# --save-partial (lib.sh's save_shards).
shards() {
	save_shards "$1" scan
}

# compare NAME LIST FILES ARGS...: the single run of scan over the files
# listed in FILES and the combination of LIST's partials (lib.sh's
# same_report).
compare() {
	name=$1 list=$2 files=$3
	shift 3
	same_report "$name" "$files" "$tmp/$list.parts" scan "$@"
}

# split FIXTURE: shard lists $tmp/FIXTURE-collector, -stretch (runs of 9
# files of a collector), -file (one file each) of the files in
# $tmp/FIXTURE.files, and their shards run.
split() {
	for how in collector:0 stretch:9 file:1; do
		# shellcheck disable=SC2046
		shard_list "$tmp/$1-${how%:*}" "${how#*:}" $(cat "$tmp/$1.files")
		shards "$1-${how%:*}" || return 1
	done
}

ls "$E"/route-views2/* "$E"/rrc00/* >"$tmp/egypt.files"
ls "$S"/route-views2/* "$S"/rrc00/* >"$tmp/syria.files"
split egypt && {
	for how in collector stretch file; do
		compare "egypt $how text" egypt-$how "$tmp/egypt.files" --delegations "$ED"
		compare "egypt $how json" egypt-$how "$tmp/egypt.files" --delegations "$ED" --format json
	done
	compare "egypt stretch tsv below 0.5 time" egypt-stretch "$tmp/egypt.files" --delegations "$ED" \
		--format tsv --below 0.5 --sort time
	compare "egypt file min-duration min-size" egypt-file "$tmp/egypt.files" --delegations "$ED" \
		--min-duration 1m --min-size 10
	compare "egypt collector any, no countries" egypt-collector "$tmp/egypt.files" --visibility any
	compare "egypt stretch 2 full-feed 0.5" egypt-stretch "$tmp/egypt.files" --visibility 2 \
		--full-feed 0.5 --format tsv
}
split syria && {
	for how in collector stretch file; do
		compare "syria $how tsv" syria-$how "$tmp/syria.files" --delegations "$SD" --format tsv
	done
	compare "syria stretch json below 0.9 min-duration 30s" syria-stretch "$tmp/syria.files" \
		--delegations "$SD" --format json --below 0.9 --min-duration 30s
}

# nk2014 (2,500 origin ASes): split by `archives --shards rib` and by
# stretches; and with both collectors' 01:00 files of 23 Dec left out,
# shards cut near the gap: unknown time and gap warnings carry over.
N=$TOP/fixtures/nk2014
if [ -d "$N/rrc00" ]; then
	ls "$N"/route-views2/rib.* "$N"/route-views2/updates.* "$N"/rrc00/bview.* "$N"/rrc00/updates.* \
		>"$tmp/nk.files"
	for c in route-views2 rrc00; do ls "$N/$c" >"$tmp/$c.list"; done
	"$M" archives --collector route-views2,rrc00 --start 2014-12-21 --end 2014-12-23T06:00 \
		--listing route-views2="$tmp/route-views2.list" --listing rrc00="$tmp/rrc00.list" \
		--shards rib --into "$N" >"$tmp/nk-rib" 2>/dev/null
	cut -f5- "$tmp/nk-rib" | tr '\t' '\n' >"$tmp/nk-rib.files"
	shards nk-rib && {
		compare "nk2014 rib shards text" nk-rib "$tmp/nk-rib.files"
		compare "nk2014 rib shards json time" nk-rib "$tmp/nk-rib.files" --format json --sort time
	}
	# Size (docs/partial-format.md): at most 2 bytes per (prefix, vantage
	# point) of the RIB dumps, plus at most 8 per change of the updates.
	ribs="$N/route-views2/rib.20141221.0000.bz2 $N/rrc00/bview.20141221.0000.gz"
	# shellcheck disable=SC2086
	routes=$("$M" dump $ribs | grep -c '|B|')
	# shellcheck disable=SC2046
	changes=$("$M" dump $(grep updates "$tmp/nk.files") | grep -c '|[AW]|')
	# shellcheck disable=SC2086
	# A save that fails, or shards that wrote nothing, must not pass as small.
	rb=0; ab=0
	"$M" scan --save-partial "$tmp/ribs.part" $ribs && rb=$(wc -c <"$tmp/ribs.part")
	ls "$tmp/nk-rib".*.part >/dev/null 2>&1 && ab=$(cat "$tmp/nk-rib".*.part | wc -c)
	if [ "$routes" -gt 10000 ] && [ $((rb)) -gt 0 ] && [ $((ab)) -gt $((rb)) ] &&
	   [ $((rb)) -le $((2 * routes)) ] &&
	   [ $((ab)) -le $((2 * routes + 8 * changes)) ]; then
		echo "PASS $casename size ($rb bytes for $routes routes; $ab with $changes changes)"
	else echo "FAIL $casename size: $rb bytes for $routes routes; $ab with $changes changes"; fi
	grep -v '20141223\.0100' "$tmp/nk.files" >"$tmp/gap.files"
	# shellcheck disable=SC2046
	shard_list "$tmp/gap" 52 $(cat "$tmp/gap.files")
	shards gap && {
		compare "nk2014 gap text" gap "$tmp/gap.files"
		compare "nk2014 gap tsv below 0.5" gap "$tmp/gap.files" --format tsv --below 0.5
		if grep -q "gap in its data" "$tmp/comb.err"; then echo "PASS $casename gap warnings"
		else echo "FAIL $casename gap warnings: none said"; fi
	}
fi

# A partial with MRT files: the rest of the data read directly.
if [ -s "$tmp/egypt-collector.parts" ]; then
	printf '%s\n' "$tmp/egypt-collector.0.part" "$E"/rrc00/* >"$tmp/mixed.parts"
	compare "mixed partial and MRT files" mixed "$tmp/egypt.files" --delegations "$ED"
fi

# Partials of the other kind, and options that belong to the combining run.
p=$tmp/egypt-collector.0.part
usage_error scan-to-blackout "was saved by scan: give it to scan" \
	"$M" blackout --prefix 41.0.0.0/8 "$p"
"$M" blackout --prefix 41.0.0.0/8 --save-partial "$tmp/bo.part" "$E"/rrc00/* 2>/dev/null
usage_error blackout-to-scan "was saved by blackout, timeline or origins" "$M" scan "$tmp/bo.part"
usage_error save-delegations "--delegations is for the run that combines" \
	"$M" scan --delegations "$ED" --save-partial "$tmp/x.part" "$E"/rrc00/*
usage_error save-partials "--save-partial reads MRT files" \
	"$M" scan --save-partial "$tmp/x.part" "$p"
