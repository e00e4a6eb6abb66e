#!/bin/sh
# What mrtreach says about inputs as a whole, the same in every command:
# a file without any MRT record is "not an MRT file" (text, an image,
# random bytes, gzip of text), exit 1; an empty one says "no MRT records",
# exit 0; a missing file or a directory among the inputs is one line
# ("is a directory"), skipped, the others analysed, exit 1. Damage of one
# kind in one file is said three times, then "... and N more like this";
# and a damage line never lands on the progress line.
M=${MRTREACH:?}
casename=inputs
. "$TOP/tests/e2e/lib.sh"
D=$TOP/fixtures/damaged
U=$TOP/fixtures/dump/bgp4mp.mrt
if [ ! -f "$D/README.md" ] || [ ! -f "$U" ]; then echo "SKIP inputs: no fixtures"; exit 0; fi

# expect NAME RC STDERR-FILE COMMAND...: exit RC and exactly the lines of STDERR-FILE.
expect() {
	name=$1; want_rc=$2; want=$3; shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ "$rc" -ne "$want_rc" ]; then
		echo "FAIL inputs $name: exit $rc, want $want_rc: $(head -c 200 "$tmp/err")"
	elif ! cmp -s "$want" "$tmp/err"; then
		echo "FAIL inputs $name: stderr '$(head -c 300 "$tmp/err")', want '$(head -c 300 "$want")'"
	else
		echo "PASS inputs $name"
	fi
}

printf 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n' >"$tmp/passwd"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\020\0\0\0\020\010\006\0\0\0\037\363\377a' >"$tmp/image.png"
dd if=/dev/urandom of="$tmp/random" bs=4096 count=4 2>/dev/null
gzip -c "$tmp/passwd" >"$tmp/passwd.gz"
for f in passwd image.png random passwd.gz; do
	echo "mrtreach: $tmp/$f: not an MRT file" >"$tmp/want"
	for cmd in "dump" "stats" "peers" "blackout --prefix 10.0.0.0/8" "timeline --prefix 10.0.0.0/8"; do
		# shellcheck disable=SC2086
		expect "not-mrt-$f-${cmd%% *}" 1 "$tmp/want" "$M" $cmd "$tmp/$f"
	done
done

: >"$tmp/empty.mrt"
echo "mrtreach: $tmp/empty.mrt: no MRT records" >"$tmp/want"
expect empty-file 0 "$tmp/want" "$M" dump "$tmp/empty.mrt"
gzip -c "$tmp/empty.mrt" >"$tmp/empty.mrt.gz"
echo "mrtreach: $tmp/empty.mrt.gz: no MRT records" >"$tmp/want"
expect empty-gzip 0 "$tmp/want" "$M" peers "$tmp/empty.mrt.gz"

# Unreadable inputs among sound ones: reported first, skipped, the rest read.
mkdir "$tmp/dir"
printf 'mrtreach: %s: No such file or directory\nmrtreach: %s: is a directory\n' \
	"$tmp/nope.bz2" "$tmp/dir" >"$tmp/want"
"$M" dump -m "$U" >"$tmp/alone" 2>/dev/null
expect unreadable-skipped-dump 1 "$tmp/want" "$M" dump -m "$U" "$tmp/nope.bz2" "$tmp/dir"
if cmp -s "$tmp/alone" "$tmp/out" && [ -s "$tmp/out" ]; then
	echo "PASS inputs unreadable-rest-analysed"
else
	echo "FAIL inputs unreadable-rest-analysed: $(diff "$tmp/alone" "$tmp/out" | head -3 | tr '\n' ' ')"
fi
for cmd in "stats" "peers" "blackout --prefix 10.0.0.0/8" "timeline --prefix 10.0.0.0/8"; do
	# shellcheck disable=SC2086
	expect "unreadable-skipped-${cmd%% *}" 1 "$tmp/want" "$M" $cmd "$U" "$tmp/nope.bz2" "$tmp/dir"
	if [ ! -s "$tmp/out" ]; then echo "FAIL inputs unreadable-output-${cmd%% *}: nothing on stdout"; fi
done

# Three RIB records before any PEER_INDEX_TABLE, six times over: 18 records
# damaged the same way give three lines and one summary, not 18 lines.
head -c 390 "$D/rib-before-peer-table.mrt" >"$tmp/one"
for i in 1 2 3 4 5 6; do cat "$tmp/one"; done >"$tmp/many.mrt"
{
	for off in 0 130 260; do
		echo "mrtreach: $tmp/many.mrt: byte $off: RIB record before any PEER_INDEX_TABLE"
	done
	echo "mrtreach: $tmp/many.mrt: ... and 15 more like this (RIB record before any PEER_INDEX_TABLE)"
} >"$tmp/want"
for cmd in "dump" "stats" "blackout --prefix 10.0.0.0/8"; do
	# shellcheck disable=SC2086
	expect "summarised-${cmd%% *}" 1 "$tmp/want" "$M" $cmd "$tmp/many.mrt"
done
# stats still counts every damaged spot, said or summarised.
"$M" stats --format tsv "$tmp/many.mrt" 2>/dev/null | grep '^damage_reports' >"$tmp/got"
if [ "$(cut -f2 "$tmp/got")" = 18 ]; then echo "PASS inputs summarised-still-counted"
else echo "FAIL inputs summarised-still-counted: $(cat "$tmp/got")"; fi
# The summary is per file: the same damage in two files is said for each.
# (Compressed, so that it is not a byte-for-byte copy, which is read once.)
gzip -c "$tmp/many.mrt" >"$tmp/many2.mrt"
n=$("$M" dump "$tmp/many.mrt" "$tmp/many2.mrt" 2>&1 >/dev/null | grep -c 'more like this')
if [ "$n" -eq 2 ]; then echo "PASS inputs summary-per-file"; else echo "FAIL inputs summary-per-file: $n summaries"; fi

# --progress over a long run with a damaged file in its middle: the damage
# line starts on a line of its own (the progress line is cleared first).
N=$TOP/fixtures/nk2014
if [ -f "$N/README.md" ]; then
	files=""
	for i in 1 2 3 4 5; do files="$files $(echo "$N"/*/*.bz2 "$N"/*/*.gz)"; done
	g=$D/garbage-between-records.mrt
	# shellcheck disable=SC2086
	"$M" dump --progress $files "$g" >/dev/null 2>"$tmp/err"
	tr '\r' '\n' <"$tmp/err" >"$tmp/lines"
	drawn=$(grep -c ' files ' "$tmp/lines")
	if [ "$(grep -cx "mrtreach: $g: byte 435: skipped 37 bytes of garbage" "$tmp/lines")" -eq 1 ] &&
	   [ "$(grep -c 'garbage' "$tmp/lines")" -eq 1 ]; then
		echo "PASS inputs progress-then-damage (progress drawn $drawn times)"
	else
		echo "FAIL inputs progress-then-damage: $(grep garbage "$tmp/lines" | head -c 300)"
	fi
else
	echo "SKIP inputs progress-then-damage: no fixtures/nk2014"
fi
