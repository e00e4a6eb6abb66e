#!/bin/sh
# Property: the answer does not depend on how the archives are handed over.
#  - dump of one collector's files in any order (forward, reversed, shuffled
#    with a fixed seed): the same lines, exactly;
#  - dump of two collectors in any order: the same lines once sorted, times
#    never go back, and each collector's lines keep exactly their own order
#    (only ties between collectors at the same second may interleave
#    differently);
#  - blackout (text, tsv, json), timeline (changes, hourly series), peers
#    and stats in any order: the same output, exactly;
#  - a day as one file or as 24 hourly files (fixtures/dump/day and the
#    nk2014 update files concatenated here): the same dump and blackout.
M=${MRTREACH:?}
N=$TOP/fixtures/nk2014
D=$TOP/fixtures/dump
if [ ! -d "$N/rrc00" ] || [ ! -d "$N/route-views2" ]; then
	echo "SKIP order: fixtures/nk2014 is absent"
	exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
nl='
'
IFS=$nl    # file lists below are one path a line

# shuffled: the lines of stdin in an order fixed by the seed $1.
shuffled() {
	awk -v s="$1" 'BEGIN { srand(s) } { printf "%.12f\t%s\n", rand(), $0 }' | sort -n | cut -f2-
}
reversed() {
	awk '{ l[NR] = $0 } END { for (i = NR; i >= 1; i--) print l[i] }'
}

ls "$N"/rrc00/updates.*.gz >"$tmp/rrc.upd"
ls "$N"/route-views2/updates.*.bz2 >"$tmp/rv.upd"
rrc_rib=$N/rrc00/bview.20141221.0000.gz
rv_rib=$N/route-views2/rib.20141221.0000.bz2
{ echo "$rrc_rib"; cat "$tmp/rrc.upd"; } >"$tmp/rrc.fwd"
{ echo "$rv_rib"; cat "$tmp/rv.upd"; } >"$tmp/rv.fwd"
cat "$tmp/rv.fwd" "$tmp/rrc.fwd" >"$tmp/all.fwd"

same_file() {  # name, expected file, got file
	if cmp -s "$2" "$3"; then
		echo "PASS order $1 ($(wc -l <"$3") lines)"
	else
		echo "FAIL order $1: $(diff "$2" "$3" | head -4 | tr '\n' ' ')"
	fi
}

# --- dump, one collector: exact whatever the order.
for c in rrc rv; do
	"$M" dump -m $(cat "$tmp/$c.fwd") >"$tmp/$c.want" 2>"$tmp/err"
	if [ $? -ne 0 ] || [ ! -s "$tmp/$c.want" ]; then
		echo "FAIL order dump-$c: forward run failed: $(head -c 200 "$tmp/err")"
		continue
	fi
	reversed <"$tmp/$c.fwd" >"$tmp/$c.rev"
	shuffled 7 <"$tmp/$c.fwd" >"$tmp/$c.shuf"
	for o in rev shuf; do
		"$M" dump -m $(cat "$tmp/$c.$o") >"$tmp/got" 2>"$tmp/err"
		same_file "dump-$c-$o" "$tmp/$c.want" "$tmp/got"
	done
done

# --- dump, two collectors.
"$M" dump -m $(cat "$tmp/all.fwd") >"$tmp/all.want" 2>/dev/null
sort "$tmp/all.want" >"$tmp/all.want.sorted"
cut -d'|' -f4 "$tmp/rrc.want" | sort -u >"$tmp/rrc.peers"
cut -d'|' -f4 "$tmp/rv.want" | sort -u >"$tmp/rv.peers"
if [ -n "$(comm -12 "$tmp/rrc.peers" "$tmp/rv.peers")" ]; then
	echo "FAIL order dump-two-collectors: the fixtures' collectors share a peer (bad test)"
fi
# only_peers PEERFILE < dump: the lines from those peers, in their order.
only_peers() {
	awk -F'|' 'NR == FNR { p[$0] = 1; next } ($4 in p)' "$1" -
}
reversed <"$tmp/all.fwd" >"$tmp/all.rev"
shuffled 11 <"$tmp/all.fwd" >"$tmp/all.shuf1"
shuffled 12345 <"$tmp/all.fwd" >"$tmp/all.shuf2"
for o in rev shuf1 shuf2; do
	"$M" dump -m $(cat "$tmp/all.$o") >"$tmp/got" 2>"$tmp/err"; rc=$?
	sort "$tmp/got" >"$tmp/got.sorted"
	why=""
	if [ $rc -ne 0 ]; then
		why="exit $rc: $(head -c 200 "$tmp/err")"
	elif ! cmp -s "$tmp/all.want.sorted" "$tmp/got.sorted"; then
		why="different lines: $(diff "$tmp/all.want.sorted" "$tmp/got.sorted" | head -3 | tr '\n' ' ')"
	elif ! cut -d'|' -f2 "$tmp/got" | cut -d. -f1 | sort -n -c 2>/dev/null; then
		why="time goes back: $(cut -d'|' -f2 "$tmp/got" | cut -d. -f1 | sort -n -c 2>&1)"
	elif ! only_peers "$tmp/rrc.peers" <"$tmp/got" | cmp -s - "$tmp/rrc.want"; then
		why="rrc00's lines are not in rrc00's own order"
	elif ! only_peers "$tmp/rv.peers" <"$tmp/got" | cmp -s - "$tmp/rv.want"; then
		why="route-views2's lines are not in route-views2's own order"
	fi
	if [ -n "$why" ]; then
		echo "FAIL order dump-two-collectors-$o: $why"
	else
		echo "PASS order dump-two-collectors-$o ($(wc -l <"$tmp/got") lines)"
	fi
done

# --- blackout in any order.
T="--prefix${nl}175.45.176.0/22${nl}--more-specific"
for fmt in text tsv json; do
	"$M" blackout $T --format $fmt $(cat "$tmp/all.fwd") >"$tmp/bo.want" 2>"$tmp/err"
	if [ $? -ne 0 ] || [ ! -s "$tmp/bo.want" ]; then
		echo "FAIL order blackout-$fmt: forward run failed: $(head -c 200 "$tmp/err")"
		continue
	fi
	for o in rev shuf1 shuf2; do
		"$M" blackout $T --format $fmt $(cat "$tmp/all.$o") >"$tmp/bo.got" 2>"$tmp/err"
		# The windows, and everything but the collectors line, exactly.
		grep -v 'collectors: ' "$tmp/bo.want" >"$tmp/a"
		grep -v 'collectors: ' "$tmp/bo.got" >"$tmp/b"
		same_file "blackout-$fmt-$o" "$tmp/a" "$tmp/b"
		# The collectors line: the same collectors, listed the same way.
		grep 'collectors: ' "$tmp/bo.want" >"$tmp/a"
		grep 'collectors: ' "$tmp/bo.got" >"$tmp/b"
		if ! cmp -s "$tmp/a" "$tmp/b"; then
			echo "FAIL order blackout-$fmt-$o collectors-line: $(cat "$tmp/a") / $(cat "$tmp/b")"
		elif [ -s "$tmp/a" ]; then
			echo "PASS order blackout-$fmt-$o collectors-line"
		fi
	done
done

# --- timeline in any order, exactly (the two RIB dumps are of the same
# second: each second is decided as a whole, so their order cannot show).
for o in rev shuf1 shuf2; do
	"$M" timeline $T $(cat "$tmp/all.fwd") >"$tmp/a" 2>/dev/null
	"$M" timeline $T $(cat "$tmp/all.$o") >"$tmp/b" 2>"$tmp/err"
	same_file "timeline-$o" "$tmp/a" "$tmp/b"
	"$M" timeline $T --interval 1h --format tsv $(cat "$tmp/all.fwd") >"$tmp/a" 2>/dev/null
	"$M" timeline $T --interval 1h --format tsv $(cat "$tmp/all.$o") >"$tmp/b" 2>"$tmp/err"
	same_file "timeline-interval-$o" "$tmp/a" "$tmp/b"
done

# --- peers and stats in any order (every format), exactly.
for c in peers stats; do
	for fmt in text tsv json; do
		"$M" $c --format $fmt $(cat "$tmp/all.fwd") >"$tmp/a" 2>"$tmp/err"
		if [ $? -ne 0 ] || [ ! -s "$tmp/a" ]; then
			echo "FAIL order $c-$fmt: forward run failed: $(head -c 200 "$tmp/err")"
			continue
		fi
		for o in rev shuf1; do
			"$M" $c --format $fmt $(cat "$tmp/all.$o") >"$tmp/b" 2>"$tmp/err"
			same_file "$c-$fmt-$o" "$tmp/a" "$tmp/b"
		done
	done
done

# --- a day as one file or as hourly files.
if [ -f "$D/day.updates.20141222.gz" ] && [ -d "$D/day" ]; then
	"$M" dump -m "$D/day.updates.20141222.gz" >"$tmp/day.want" 2>"$tmp/err"
	ls "$D"/day/updates.20141222.*.gz >"$tmp/day.fwd"
	reversed <"$tmp/day.fwd" >"$tmp/day.rev"
	shuffled 3 <"$tmp/day.fwd" >"$tmp/day.shuf"
	for o in fwd rev shuf; do
		"$M" dump -m $(cat "$tmp/day.$o") >"$tmp/got" 2>"$tmp/err"
		same_file "dump-day-one-file-vs-hourly-$o" "$tmp/day.want" "$tmp/got"
	done
else
	echo "SKIP order dump-day-one-file-vs-hourly: no fixtures/dump/day"
fi

# The nk2014 update files of each collector decompressed and concatenated
# into one file per collector (in a folder named after the collector, which
# is where collector names come from).
mkdir -p "$tmp/cat/rrc00" "$tmp/cat/route-views2"
for f in $(cat "$tmp/rrc.upd"); do gzip -dc "$f"; done >"$tmp/cat/rrc00/updates.20141221-23"
for f in $(cat "$tmp/rv.upd"); do bzip2 -dc "$f"; done >"$tmp/cat/route-views2/updates.20141221-23"
for c in rrc:rrc00 rv:route-views2; do
	short=${c%%:*}; long=${c#*:}
	rib=$rrc_rib; [ "$short" = rv ] && rib=$rv_rib
	"$M" dump -m "$rib" "$tmp/cat/$long/updates.20141221-23" >"$tmp/got" 2>"$tmp/err"
	same_file "dump-$long-concatenated" "$tmp/$short.want" "$tmp/got"
done
for fmt in text tsv json; do
	"$M" blackout $T --format $fmt $(cat "$tmp/all.fwd") >"$tmp/bo.want" 2>/dev/null
	"$M" blackout $T --format $fmt "$rv_rib" "$tmp/cat/route-views2/updates.20141221-23" \
		"$rrc_rib" "$tmp/cat/rrc00/updates.20141221-23" >"$tmp/bo.got" 2>"$tmp/err"
	same_file "blackout-$fmt-concatenated" "$tmp/bo.want" "$tmp/bo.got"
done
# peers the same but for their coverage comments (the count of files);
# stats the same but for the count of files.
"$M" peers --format tsv $(cat "$tmp/all.fwd") 2>/dev/null | grep -v '^# ' >"$tmp/a"
"$M" peers --format tsv "$rv_rib" "$tmp/cat/route-views2/updates.20141221-23" \
	"$rrc_rib" "$tmp/cat/rrc00/updates.20141221-23" 2>"$tmp/err" | grep -v '^# ' >"$tmp/b"
same_file "peers-concatenated" "$tmp/a" "$tmp/b"
"$M" stats --format tsv $(cat "$tmp/all.fwd") 2>/dev/null | grep -v -e '^files' -e '^coverage\..*\.files' >"$tmp/a"
"$M" stats --format tsv "$rv_rib" "$tmp/cat/route-views2/updates.20141221-23" \
	"$rrc_rib" "$tmp/cat/rrc00/updates.20141221-23" 2>"$tmp/err" | grep -v -e '^files' -e '^coverage\..*\.files' >"$tmp/b"
same_file "stats-concatenated" "$tmp/a" "$tmp/b"
