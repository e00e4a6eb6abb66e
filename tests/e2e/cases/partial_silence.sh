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

printf '%s\n' "$TOP"/fixtures/silence/route-views3/* "$TOP"/fixtures/restart/rrc01/* >"$tmp/sil"
T="--prefix 203.0.113.0/24"
# shellcheck disable=SC2046
shard_list "$tmp/sil-col" 0 $(cat "$tmp/sil")
# shellcheck disable=SC2046
shard_list "$tmp/sil-file" 1 $(cat "$tmp/sil")
for split in col file; do
	# shellcheck disable=SC2086
	parts sil-$split blackout $T || continue
	# shellcheck disable=SC2086
	same_report silence-$split-blackout-text "$tmp/sil" "$tmp/sil-$split.parts" blackout $T
	# the gap is in the combined report (not equal by chance)
	grep -q "route-views3 2021-03-15T01:58:22Z/2021-03-15T03:03:40Z no records in its files" "$tmp/comb"
	result silence-$split-gap-listed $? "$(head -c 300 "$tmp/comb")"
	for fmt in tsv json; do
		# shellcheck disable=SC2086
		same_report silence-$split-blackout-$fmt "$tmp/sil" "$tmp/sil-$split.parts" blackout $T --format $fmt
	done
	# shellcheck disable=SC2086
	same_report silence-$split-timeline "$tmp/sil" "$tmp/sil-$split.parts" timeline $T
done

nk2014 windows.tsv
eval "set -- $NK2014"
printf '%s\n' "$@" | grep -v 'rrc00/updates.20141223' >"$tmp/nk"
# shellcheck disable=SC2046
shard_list "$tmp/nk-col" 0 $(cat "$tmp/nk")
# shellcheck disable=SC2046
shard_list "$tmp/nk-s20" 20 $(cat "$tmp/nk")
for split in col s20; do
	# shellcheck disable=SC2086
	parts nk-$split blackout $T || continue
	# shellcheck disable=SC2086
	same_report nk2014-$split-blackout-text "$tmp/nk" "$tmp/nk-$split.parts" blackout $T
	grep -q "rrc00 .* its data ends before the other collectors'" "$tmp/comb"
	result nk2014-$split-data-ended-listed $? "$(head -c 300 "$tmp/comb")"
	# shellcheck disable=SC2086
	same_report nk2014-$split-blackout-json "$tmp/nk" "$tmp/nk-$split.parts" blackout $T --format json
	# shellcheck disable=SC2086
	same_report nk2014-$split-timeline "$tmp/nk" "$tmp/nk-$split.parts" timeline $T --format tsv
	cp "$tmp/nk-$split" "$tmp/nk-$split-scan"
	parts nk-$split-scan scan || continue
	same_report nk2014-$split-scan "$tmp/nk" "$tmp/nk-$split-scan.parts" scan
done
