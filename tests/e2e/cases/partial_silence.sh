#!/bin/sh
# Partials carry the gaps found from record times (issues 17 and 11.1): a
# stretch without records inside files that exist, a collector whose data
# ends while the others' goes on. Each input's end in a partial keeps its
# stretches of 15 minutes or more without records; the combining run finds
# the gaps in them as the single run does looking ahead in its merge. The
# combined report must be byte for byte the single run's, in every format:
# fixtures/silence with rrc01 (route-views3's one update file is silent from
# 01:58:21 to 03:03:40), and fixtures/nk2014 without rrc00's files of 23 Dec
# (rrc00's data ends at 22 Dec 23:59 while route-views2's goes on), split by
# collector, in stretches of files and one file per shard.
M=${MRTREACH:?}
casename=partial_silence
. "$TOP/tests/e2e/lib.sh"
if [ ! -e "$TOP/fixtures/silence/README.md" ]; then echo "SKIP $casename: no fixtures/silence"; exit 0; fi

# parts LIST CMD ARGS...: lib.sh's save_shards, and saving says nothing on
# stderr (no gap warning: the partial carries it).
parts() {
	save_shards "$@" || return 1
	for e in "$tmp/$1".*.err; do
		if [ -s "$e" ]; then echo "FAIL $casename $1: $e: $(head -c 300 "$e")"; return 1; fi
	done
}

# combined NAME FILES GAP [scan]: the shards listed in $tmp/NAME (lines
# of `archives --shards`: ID, COLLECTOR, FROM, TO, FILE...) saved as
# partials and combined: blackout in every format and timeline must be the
# single run's over the files listed in FILES, the blackout report must list
# the gap matching GAP (not equal by chance: both without it), and with
# "scan" scan's too.
combined() {
	sl=$1 f=$2 gap=$3
	# shellcheck disable=SC2086
	parts "$sl" blackout $T || return
	# shellcheck disable=SC2086
	same_report $sl-blackout-text "$f" "$tmp/$sl.parts" blackout $T
	grep -q "$gap" "$tmp/comb"
	result "$sl-gap-listed" $? "$(head -c 300 "$tmp/comb")"
	for fmt in tsv json; do
		# shellcheck disable=SC2086
		same_report $sl-blackout-$fmt "$f" "$tmp/$sl.parts" blackout $T --format $fmt
	done
	# shellcheck disable=SC2086
	same_report $sl-timeline "$f" "$tmp/$sl.parts" timeline $T
	[ "$4" = scan ] || return
	cp "$tmp/$sl" "$tmp/$sl-scan"
	parts "$sl-scan" scan || return
	same_report "$sl-scan" "$f" "$tmp/$sl-scan.parts" scan
}

# split NAME FILES CHUNK: lib.sh's shard_list of the files in FILES into
# $tmp/NAME: by collector (CHUNK 0), or in stretches of CHUNK files.
split() {
	# shellcheck disable=SC2046
	shard_list "$tmp/$1" "$3" $(cat "$2")
}

printf '%s\n' "$TOP"/fixtures/silence/route-views3/* "$TOP"/fixtures/restart/rrc01/* >"$tmp/sil"
T="--prefix 203.0.113.0/24"
gap="route-views3 2021-03-15T01:58:22Z/2021-03-15T03:03:40Z no records in its files"
split silence-collector "$tmp/sil" 0 && combined silence-collector "$tmp/sil" "$gap"
split silence-file "$tmp/sil" 1 && combined silence-file "$tmp/sil" "$gap"

# nk2014 without rrc00's files of 23 Dec: rrc00's data ends on 22 Dec
# while route-views2's goes on to 23 Dec 05:59:11 (the gap to the end).
nk2014 windows.tsv
eval "set -- $NK2014"
printf '%s\n' "$@" | grep -v 'rrc00/updates.20141223' >"$tmp/nk"
gap="rrc00 .* its data ends before the other collectors'"
split nk2014-collector "$tmp/nk" 0 && combined nk2014-collector "$tmp/nk" "$gap" scan
split nk2014-stretch20 "$tmp/nk" 20 && combined nk2014-stretch20 "$tmp/nk" "$gap" scan
# the shards `archives --shards rib` cuts from the collectors' listings
ls "$N/route-views2" >"$tmp/route-views2.list"
# shellcheck disable=SC2010
ls "$N/rrc00" | grep -v 'updates.20141223' >"$tmp/rrc00.list"
"$M" archives --collector route-views2,rrc00 --start 2014-12-21 --end 2014-12-23T06:00 \
	--listing route-views2="$tmp/route-views2.list" --listing rrc00="$tmp/rrc00.list" \
	--shards rib --into "$N" >"$tmp/nk2014-rib" 2>"$tmp/archives.err"
cut -f5- "$tmp/nk2014-rib" | tr '\t' '\n' >"$tmp/nk-rib.files"
cmp -s "$tmp/nk-rib.files" "$tmp/nk"
result nk2014-rib-shards-hold-the-files $? "$(head -c 300 "$tmp/archives.err")"
combined nk2014-rib "$tmp/nk" "$gap" scan
