#!/bin/sh
# Partials (issue 17): fixtures/nk2014 split every way — by collector, by
# stretches of files of one collector (a shard need not start at a RIB
# dump), both, one file per shard — each shard run as its own process with
# --save-partial, the partials combined: the report must be byte for byte
# that of the single run over all the files, in every format, under rules
# the shards never saw. Cut, corrupt and mismatched partials are errors.
M=$MRTREACH
casename=partials
. "$TOP/tests/e2e/lib.sh"
nk2014 windows.tsv
eval "set -- $NK2014"
printf '%s\n' "$@" >"$tmp/all"

# split NAME CHUNK: a shard list in $tmp/NAME (lib.sh's shard_list) of the
# files in $tmp/all: each collector's files in stretches of CHUNK (0: all).
split() {
	# shellcheck disable=SC2046
	shard_list "$tmp/$1" "$2" $(cat "$tmp/all")
}

# shards NAME ARGS...: every shard of $tmp/NAME run as its own process
# with blackout ARGS --save-partial (lib.sh's save_shards).
shards() {
	name=$1
	shift
	save_shards "$name" blackout "$@"
}

# compare NAME LIST COMMAND ARGS...: the single run and the combination of
# LIST's partials must print the same bytes and exit alike.
compare() {
	name=$1; list=$2; cmd=$3; shift 3
	"$M" $cmd "$@" $(cat "$tmp/all") >"$tmp/single" 2>/dev/null; rs=$?
	"$M" $cmd "$@" $(cat "$tmp/$list.parts") >"$tmp/comb" 2>"$tmp/comb.err"; rc=$?
	if [ $rs -ne $rc ]; then echo "FAIL $casename $name: exit $rc, the single run $rs"; return; fi
	if [ ! -s "$tmp/single" ]; then echo "FAIL $casename $name: the single run printed nothing"; return; fi
	if ! cmp -s "$tmp/single" "$tmp/comb"; then
		echo "FAIL $casename $name: differs: $(diff "$tmp/single" "$tmp/comb" | head -4 | tr '\n' ' ')"
		return
	fi
	echo "PASS $casename $name"
}

split collector 0
split stretch10 10
split stretch7 7
split file 1
for list in collector stretch10 stretch7 file; do
	shards $list $T || continue
	compare "$list blackout text" $list blackout $T --no-sparkline
	compare "$list blackout json" $list blackout $T --format json
	compare "$list timeline text" $list timeline $T --no-sparkline
	compare "$list timeline json" $list timeline $T --format json
done
# Rules, thresholds, weighting and formats the shards never saw.
compare "collector blackout tsv any covering" collector blackout $T --format tsv --visibility any --covering
compare "stretch7 blackout below 0.5 prefixes" stretch7 blackout $T --below 0.5 --weight prefixes --sort duration
compare "stretch7 blackout 3 full-feed 0.5" stretch7 blackout $T --visibility 3 --full-feed 0.5 --no-sparkline
compare "stretch10 timeline interval" stretch10 timeline $T --interval 1h --format tsv
compare "stretch10 timeline by-origin" stretch10 timeline $T --by-origin --format json
compare "stretch7 origins" stretch7 origins $T
compare "file origins json" file origins $T --format json

# A partial alone with MRT files: the rest of the data read directly.
"$M" blackout $T --format json $(cat "$tmp/all") >"$tmp/single"
"$M" blackout $T --format json "$tmp/collector.0.part" "$N"/rrc00/bview.20141221.0000.gz \
	"$N"/rrc00/updates.*.gz >"$tmp/mixed" 2>"$tmp/err"
if cmp -s "$tmp/single" "$tmp/mixed"; then echo "PASS $casename mixed"
else echo "FAIL $casename mixed: $(diff "$tmp/single" "$tmp/mixed" | head -3 | tr '\n' ' ')"; fi

# A partial is compact: well under a tenth of the compressed input.
in=$(cat "$tmp/all" | xargs cat | wc -c)
out=$(cat "$tmp/collector.parts" | xargs cat | wc -c)
if [ $((out * 10)) -lt "$in" ]; then echo "PASS $casename size ($out bytes for $in)"
else echo "FAIL $casename size: $out bytes of partials for $in of input"; fi

# Cut, corrupt, another version: exit 1, the file named, no report.
p=$tmp/collector.0.part
size=$(wc -c <"$p")
head -c $((size - 7)) "$p" >"$tmp/cut.part"
cp "$p" "$tmp/flip.part"
printf 'X' | dd of="$tmp/flip.part" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
cp "$p" "$tmp/version.part"
printf '\011' | dd of="$tmp/version.part" bs=1 seek=8 conv=notrunc 2>/dev/null
for bad in cut flip version; do
	"$M" blackout $T "$tmp/$bad.part" "$tmp/collector.1.part" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q "$bad.part: partial file" "$tmp/err"; then
		echo "PASS $casename $bad"
	else
		echo "FAIL $casename $bad: exit $rc, stdout $(wc -c <"$tmp/out") bytes: $(head -c 200 "$tmp/err")"
	fi
done
usage_error other-targets "saved for 175.45.176.0/22" \
	"$M" blackout --prefix 175.45.176.0/24 "$tmp/collector.0.part"
usage_error overlap "shards must not share an input" \
	"$M" blackout $T "$tmp/collector.0.part" "$tmp/stretch10.0.part"
usage_error dump "only blackout, timeline, origins and scan read them" "$M" dump "$tmp/collector.0.part"
usage_error save-svg "--svg is for the run that combines" \
	"$M" blackout $T --save-partial "$tmp/x.part" --svg "$tmp/x.svg" "$1"
usage_error save-partials "--save-partial reads MRT files" \
	"$M" blackout $T --save-partial "$tmp/x.part" "$tmp/collector.0.part"

# Unknown time carries over: with both collectors' 01:00 files of 23 Dec
# left out, the shards (each collector cut after 52 files, near the gap) combine to
# the single run's report and gap warnings.
grep -v '20141223\.0100' "$tmp/all" >"$tmp/gap.files"
mv "$tmp/gap.files" "$tmp/all"
split gap 52
shards gap $T && {
	compare "gap blackout json" gap blackout $T --format json
	compare "gap timeline text" gap timeline $T --no-sparkline
	"$M" blackout $T $(cat "$tmp/all") >/dev/null 2>"$tmp/single.err"
	"$M" blackout $T $(cat "$tmp/gap.parts") >/dev/null 2>"$tmp/comb.err"
	if grep -q "gap in its data" "$tmp/single.err" && cmp -s "$tmp/single.err" "$tmp/comb.err"; then
		echo "PASS $casename gap warnings"
	else
		echo "FAIL $casename gap warnings: $(diff "$tmp/single.err" "$tmp/comb.err" | head -3 | tr '\n' ' ')"
	fi
}
