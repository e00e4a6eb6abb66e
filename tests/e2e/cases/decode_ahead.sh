#!/bin/sh
# Files decoded ahead of their time (issue 16.3): while one file is read,
# the next ones are decompressed on the other cores. What comes out must
# not show it: the merged dump of several multi-block bzip2 files, two of
# them damaged (a corrupt block in the RIB, one in the second of three
# update files), is byte for byte each file's dump alone in time order, on
# stdout and on stderr (each damage report once, at the same byte, in the
# order the merge reaches it), given in any order, exit 1.
M=${MRTREACH:?}
casename=decode_ahead
. "$TOP/tests/e2e/lib.sh"
N=$TOP/fixtures/nk2014/route-views2
if [ ! -d "$N" ]; then
	echo "SKIP $casename: fixtures/nk2014 is absent"
	exit 0
fi

# The RIB, and the 54 hourly update files in three files of 18 hours:
# bzip2 -1 (100 kB blocks) makes each of several blocks.
bzip2 -dc "$N/rib.20141221.0000.bz2" | bzip2 -1 >"$tmp/rib.bz2"
set -- "$N"/updates.*.bz2
for part in 1 2 3; do
	i=0
	for f in "$@"; do
		i=$((i + 1))
		[ $(( (i - 1) / 18 + 1 )) -eq "$part" ] && bzip2 -dc "$f"
	done | bzip2 -1 >"$tmp/updates.$part.bz2"
done
# flip FILE FRACTION: one byte inverted at that fraction of FILE (in %).
flip() {
	n=$(wc -c <"$1")
	at=$((n * $2 / 100))
	b=$(od -An -tu1 -j "$at" -N1 "$1" | tr -d ' ')
	# shellcheck disable=SC2059
	printf "\\$(printf %o $((255 - b)))" | dd of="$1" bs=1 seek="$at" conv=notrunc 2>/dev/null
}
flip "$tmp/rib.bz2" 50
flip "$tmp/updates.2.bz2" 60
files="$tmp/rib.bz2 $tmp/updates.1.bz2 $tmp/updates.2.bz2 $tmp/updates.3.bz2"

# Each alone, in time order: the reference.
for f in $files; do "$M" dump -m "$f"; done >"$tmp/want.out" 2>"$tmp/want.err"
n=$(grep -c "is corrupt" "$tmp/want.err")
[ "$n" -eq 2 ]
result damage-in-the-reference $? "$n reports of a corrupt block, want 2: $(head -c 300 "$tmp/want.err")"

# shellcheck disable=SC2086 # one path a word
for order in forward reversed; do
	if [ $order = forward ]; then set -- $files; else set -- $(echo $files | tr ' ' '\n' | sort -r); fi
	"$M" dump -m "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ $rc -ne 1 ]; then
		echo "FAIL $casename $order: exit $rc, want 1"
	elif ! cmp -s "$tmp/want.out" "$tmp/out"; then
		echo "FAIL $casename $order: stdout differs: $(diff "$tmp/want.out" "$tmp/out" | head -3 | tr '\n' ' ')"
	elif ! cmp -s "$tmp/want.err" "$tmp/err"; then
		echo "FAIL $casename $order: stderr differs: $(diff "$tmp/want.err" "$tmp/err" | head -4 | tr '\n' ' ')"
	else
		echo "PASS $casename $order ($(wc -l <"$tmp/out") lines, 2 damage reports in place)"
	fi
done
