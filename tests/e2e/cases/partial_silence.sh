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

# parts NAME CMD ARGS...: every shard of $tmp/NAME (lib.sh's shard_list)
# saved by CMD ARGS --save-partial, one process each; the partials' names,
# in shard order, go to $tmp/NAME.parts. Saving says nothing on stderr.
parts() {
	list=$1 cmd=$2; shift 2
	: >"$tmp/$list.parts"
	while IFS= read -r line; do
		id=${line%%	*}
		# shellcheck disable=SC2046
		if ! "$M" $cmd "$@" --save-partial "$tmp/$list.$id.part" \
		     $(printf '%s\n' "$line" | cut -f5- | tr '\t' '\n') 2>"$tmp/$list.$id.err" ||
		   [ -s "$tmp/$list.$id.err" ]; then
			echo "FAIL $casename $list: shard $id: $(head -c 300 "$tmp/$list.$id.err")"
			return 1
		fi
		echo "$tmp/$list.$id.part" >>"$tmp/$list.parts"
	done <"$tmp/$list"
}

# combined NAME FILES SPLIT GAP [scan]: the files listed in FILES, split as
# lib.sh's shard_list does with chunk SPLIT (0: by collector), saved as
# partials, combined: blackout in every format and timeline must be the
# single run's, the blackout report must list the gap matching GAP (not
# equal by chance: both without it), and with "scan" scan's too.
combined() {
	f=$2 chunk=$3 gap=$4 sl=$1-$3
	# shellcheck disable=SC2046
	shard_list "$tmp/$sl" "$chunk" $(cat "$f")
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
	[ "$5" = scan ] || return
	cp "$tmp/$sl" "$tmp/$sl-scan"
	parts "$sl-scan" scan || return
	same_report "$sl-scan" "$f" "$tmp/$sl-scan.parts" scan
}

printf '%s\n' "$TOP"/fixtures/silence/route-views3/* "$TOP"/fixtures/restart/rrc01/* >"$tmp/sil"
T="--prefix 203.0.113.0/24"
gap="route-views3 2021-03-15T01:58:22Z/2021-03-15T03:03:40Z no records in its files"
combined silence "$tmp/sil" 0 "$gap"
combined silence "$tmp/sil" 1 "$gap"

nk2014 windows.tsv
eval "set -- $NK2014"
printf '%s\n' "$@" | grep -v 'rrc00/updates.20141223' >"$tmp/nk"
gap="rrc00 .* its data ends before the other collectors'"
combined nk2014 "$tmp/nk" 0 "$gap" scan
combined nk2014 "$tmp/nk" 20 "$gap" scan
