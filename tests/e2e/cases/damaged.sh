#!/bin/sh
# Untrusted archives: every file in fixtures/damaged/ holds one kind of damage
# with sound records around it (fixtures/damaged/README.md says where and how
# many). For each: `dump -m` exits 1 (0 for the empty file, which is not
# damage: it says "no MRT records"), prints
# exactly the committed expected lines (checked by hand against the README's
# counts and against bgpdump -m: every sound record is there), and says on
# stderr, once per damaged spot, the file, "byte N" (the README's offset) and
# why; every command (stats, peers, blackout, timeline, dump --json) exits
# and reports the same. A record length of 4 GiB must not be allocated.
M=${MRTREACH:?}
dir=$TOP/fixtures/damaged
exp=$TOP/tests/e2e/expected/damaged
readme=$dir/README.md
if [ ! -f "$readme" ]; then
	echo "SKIP damaged: $readme is absent"
	exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# The README's table row for a file: "offset before after", or nothing.
readme_row() {
	awk -F'|' -v f="\`$1\`" '{ g=$2; gsub(/ /, "", g) } g == f {
		o=$4; b=$5; a=$6; gsub(/ /, "", o); gsub(/ /, "", b); gsub(/ /, "", a)
		print o, b, a }' "$readme"
}

# Replaces the fixtures folder in stderr by "fixtures/damaged" so the
# expected text does not depend on where the tree is checked out.
normalise() {
	awk -v d="$dir/" '{ while ((i = index($0, d)) > 0)
		$0 = substr($0, 1, i - 1) "fixtures/damaged/" substr($0, i + length(d)); print }'
}

for f in "$dir"/*; do
	name=${f##*/}
	[ "$name" = README.md ] && continue
	base=${name%%.mrt*}
	"$M" dump -m "$f" >"$tmp/out" 2>"$tmp/err.raw"; rc=$?
	normalise <"$tmp/err.raw" >"$tmp/err"
	set -- $(readme_row "$name")
	off=$1; before=$2; after=$3
	want_rc=1
	[ -s "$f" ] || want_rc=0     # a zero-byte file is clean and empty
	why=""
	if [ -z "$off" ]; then
		why="no row in the README"
	elif [ "$rc" -ne "$want_rc" ]; then
		why="exit $rc, want $want_rc: $(head -c 200 "$tmp/err")"
	elif [ ! -f "$exp/$base.out" ] || [ ! -f "$exp/$base.err" ]; then
		why="no expected output $exp/$base.out/.err"
	elif ! cmp -s "$exp/$base.out" "$tmp/out"; then
		why="stdout differs: $(diff "$exp/$base.out" "$tmp/out" | head -3 | tr '\n' ' ')"
	elif [ "$(wc -l <"$tmp/out")" -ne $((before + after)) ]; then
		why="$(wc -l <"$tmp/out") lines, the README counts $before + $after sound elements"
	elif ! cmp -s "$exp/$base.err" "$tmp/err"; then
		why="stderr differs: $(diff "$exp/$base.err" "$tmp/err" | head -3 | tr '\n' ' ')"
	elif [ "$want_rc" -eq 1 ] && ! head -1 "$tmp/err" | grep -q "^mrtreach: fixtures/damaged/$name: byte $off: ."; then
		why="first report is not at byte $off: $(head -1 "$tmp/err")"
	elif grep -v "^mrtreach: fixtures/damaged/$name: byte [0-9][0-9]*: ." "$tmp/err" |
	     grep -v "^mrtreach: fixtures/damaged/empty.mrt: no MRT records\$" | grep -q .; then
		why="a report without file, byte offset and reason: $(head -1 "$tmp/err")"
	elif [ "$(sort "$tmp/err" | uniq -d | wc -l)" -ne 0 ]; then
		why="a damaged spot reported twice"
	fi
	if [ -n "$why" ]; then
		echo "FAIL damaged $name: $why"
	else
		echo "PASS damaged $name ($(wc -l <"$tmp/out") sound lines, $(wc -l <"$tmp/err") report(s))"
	fi
done

# Every damaged spot is reported once: one line for each file whose damage is
# one spot (rib-before-peer-table has three damaged records, one line each).
for name in gzip-cut.mrt.gz bzip2-cut.mrt.bz2 bzip2-block-corrupt.mrt.bz2 length-past-eof.mrt \
            last-record-cut.mrt length-4gib.mrt garbage-between-records.mrt attr-overrun.mrt \
            nlri-len-33.mrt; do
	n=$("$M" dump -m "$dir/$name" 2>&1 >/dev/null | wc -l)
	if [ "$n" -eq 1 ]; then
		echo "PASS damaged reported-once $name"
	else
		echo "FAIL damaged reported-once $name: $n lines on stderr"
	fi
done

# Every command reads damage the same way: the same exit status and the
# same reports as dump -m, once each. blackout and timeline also warn of
# the gaps in the data: the records a skipped bzip2 block held are lost, so
# the minutes without records it leaves are a gap (issue 11.1), checked
# after this loop; here the damage reports alone are compared.
for f in "$dir"/*.mrt*; do
	name=${f##*/}; base=${name%%.mrt*}
	want_rc=1
	[ -s "$f" ] || want_rc=0
	bad=""
	for cmd in "dump --json" "stats" "peers" "blackout --prefix 10.0.0.0/8 --more-specific" \
	           "timeline --prefix 10.0.0.0/8 --more-specific"; do
		# shellcheck disable=SC2086
		"$M" $cmd "$f" >/dev/null 2>"$tmp/err.raw"; rc=$?
		grep -v ': gap in its data from ' "$tmp/err.raw" | normalise >"$tmp/err"
		if [ "$rc" -ne "$want_rc" ] || ! cmp -s "$exp/$base.err" "$tmp/err"; then
			bad="$bad [$cmd: exit $rc: $(head -c 120 "$tmp/err")]"
		fi
	done
	if [ -z "$bad" ]; then
		echo "PASS damaged every-command $name"
	else
		echo "FAIL damaged every-command $name:$bad"
	fi
done

# The corrupt bzip2 block took 22 minutes of records with it: a gap, said
# once by the commands whose answer depends on continuous data.
"$M" blackout --prefix 10.0.0.0/8 --more-specific "$dir/bzip2-block-corrupt.mrt.bz2" 2>&1 >/dev/null |
	grep ': gap in its data from ' >"$tmp/gap"
[ "$(cat "$tmp/gap")" = "mrtreach: warning: damaged: gap in its data from 2014-12-22 00:43:51 to 2014-12-22 01:05:47 UTC (21m56s): no records in its files; a window across it is not decided by the data" ]
if [ $? -eq 0 ]; then echo "PASS damaged skipped-block-is-a-gap"
else echo "FAIL damaged skipped-block-is-a-gap: $(cat "$tmp/gap")"; fi

# From standard input (no seeking, no size known): the same lines, the same
# reports naming "-", the same exit status.
for name in gzip-cut.mrt.gz length-past-eof.mrt length-4gib.mrt last-record-cut.mrt \
            garbage-between-records.mrt empty.mrt; do
	base=${name%%.mrt*}
	"$M" dump -m - <"$dir/$name" >"$tmp/out" 2>"$tmp/err"; rc=$?
	sed "s|^mrtreach: fixtures/damaged/$name: |mrtreach: -: |" "$exp/$base.err" >"$tmp/want.err"
	want_rc=1
	[ -s "$dir/$name" ] || want_rc=0
	if [ "$rc" -eq "$want_rc" ] && cmp -s "$exp/$base.out" "$tmp/out" && cmp -s "$tmp/want.err" "$tmp/err"; then
		echo "PASS damaged stdin $name"
	else
		echo "FAIL damaged stdin $name: exit $rc: $(head -c 200 "$tmp/err")"
	fi
done

# Through a pipe (no seeking at all): a cut gzip member gives the same lines,
# the same report and exit status as from the file, whichever inflate is
# built in (ISA-L cannot hand a pipe's damaged member back to zlib).
for name in gzip-cut.mrt.gz; do
	base=${name%%.mrt*}
	cat "$dir/$name" | "$M" dump -m - >"$tmp/out" 2>"$tmp/err"; rc=$?
	sed "s|^mrtreach: fixtures/damaged/$name: |mrtreach: -: |" "$exp/$base.err" >"$tmp/want.err"
	if [ "$rc" -eq 1 ] && cmp -s "$exp/$base.out" "$tmp/out" && cmp -s "$tmp/want.err" "$tmp/err"; then
		echo "PASS damaged pipe $name"
	else
		echo "FAIL damaged pipe $name: exit $rc: $(head -c 200 "$tmp/err")"
	fi
done

# A compressed stream damaged in the middle (one byte set to 0xff at half
# the compressed length): whatever garbage the decompressor yields first,
# the stream error itself is reported, with "byte N", and the exit is 1
# (more than three reasons of one kind end in "... and N more like this").
# (bzip2 decoded block by block skips the damaged block instead: it says so.)
for name in bgp4mp.mrt.gz bgp4mp.mrt.bz2 bgp4mp.multi.mrt.gz bgp4mp.multi.mrt.bz2; do
	src=$TOP/fixtures/dump/$name
	[ -f "$src" ] || continue
	cp "$src" "$tmp/flip"
	n=$(wc -c <"$src")
	printf '\377' | dd of="$tmp/flip" bs=1 seek=$((n / 2)) conv=notrunc 2>/dev/null
	"$M" dump -m "$tmp/flip" >/dev/null 2>"$tmp/err"; rc=$?
	if [ "$rc" -eq 1 ] && grep -q "^mrtreach: $tmp/flip: byte [0-9]*: \(\(gzip\|bzip2\) \(data corrupt\|stream ends early\)\|bzip2 block at compressed byte [0-9]* is corrupt\)" "$tmp/err" &&
	   ! grep -v "^mrtreach: $tmp/flip: byte [0-9][0-9]*: ." "$tmp/err" |
	     grep -v "^mrtreach: $tmp/flip: \.\.\. and [0-9]* more like this (.*)\$" | grep -q .; then
		echo "PASS damaged stream-corrupt-middle $name ($(tail -1 "$tmp/err" | sed 's/.*: byte/byte/'))"
	else
		echo "FAIL damaged stream-corrupt-middle $name: exit $rc: $(tr '\n' ' ' <"$tmp/err" | head -c 300)"
	fi
done

# A corrupt bzip2 block in the middle of a file: the blocks after it are
# sound, so every record outside the bad block's span is printed. The
# undamaged original is the fixture with its one inverted byte put back
# (the README's note says which); the damaged dump is the original's first
# "before" lines and last "after" lines, and the records lost are no more
# than the bad block's bytes hold plus the two records it cuts. One report,
# naming the file, and exit 1. Block-parallel decoding needs two cores.
name=bzip2-block-corrupt.mrt.bz2
note=$(grep "^| \`$name\`" "$readme")
at=$(printf '%s\n' "$note" | sed -n 's/.*compressed byte \([0-9]*\) inverted (0x.., was 0x\(..\)).*/\1/p')
was=$(printf '%s\n' "$note" | sed -n 's/.*compressed byte \([0-9]*\) inverted (0x.., was 0x\(..\)).*/\2/p')
held=$(printf '%s\n' "$note" | sed -n 's/.*block 3 to \([0-9]*\) more.*/\1/p')
set -- $(readme_row "$name")
before=$2; after=$3
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
if [ "$cores" -lt 2 ]; then
	echo "SKIP damaged bzip2-block-skipped: one core, bzip2 is decoded sequentially"
elif [ -z "$at" ] || [ -z "$was" ] || [ -z "$held" ] || [ -z "$before" ]; then
	echo "FAIL damaged bzip2-block-skipped: the README row for $name lacks its note"
else
	cp "$dir/$name" "$tmp/orig.bz2"
	# shellcheck disable=SC2059
	printf "\\$(printf %o "0x$was")" | dd of="$tmp/orig.bz2" bs=1 seek="$at" conv=notrunc 2>/dev/null
	"$M" dump -m "$tmp/orig.bz2" >"$tmp/orig" 2>"$tmp/orig.err"; orc=$?
	"$M" dump -m "$dir/$name" >"$tmp/out" 2>"$tmp/err"; rc=$?
	total=$(wc -l <"$tmp/orig"); got=$(wc -l <"$tmp/out")
	{ head -n "$before" "$tmp/orig"; tail -n "$after" "$tmp/orig"; } >"$tmp/want"
	sort "$tmp/orig" >"$tmp/orig.s"
	rsize=87     # bytes per sound record: 435 000 bytes for 5000 (the README)
	why=""
	if [ "$orc" -ne 0 ] || [ -s "$tmp/orig.err" ]; then
		why="the restored original does not read cleanly: exit $orc $(head -c 200 "$tmp/orig.err")"
	elif ! cmp -s "$tmp/want" "$tmp/out"; then
		why="not the original's first $before and last $after lines: $(diff "$tmp/want" "$tmp/out" | head -3 | tr '\n' ' ')"
	elif [ -n "$(sort "$tmp/out" | comm -23 - "$tmp/orig.s")" ]; then
		why="a line that is not in the original's dump"
	elif [ $(( (total - got) * rsize )) -gt $(( held + 2 * rsize )) ]; then
		why="$((total - got)) records lost, more than the bad block's $held bytes hold"
	elif [ "$rc" -ne 1 ]; then
		why="exit $rc"
	elif [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q "^mrtreach: $dir/$name: byte [0-9]*: bzip2 block at compressed byte [0-9]* is corrupt" "$tmp/err"; then
		why="not one report naming the file: $(head -c 300 "$tmp/err")"
	fi
	if [ -n "$why" ]; then
		echo "FAIL damaged bzip2-block-skipped: $why"
	else
		echo "PASS damaged bzip2-block-skipped ($got of $total records, $((total - got)) lost with the bad block)"
	fi
fi

# The sound records of the RIB and BGP cases are exactly those bgpdump -m
# prints too, when bgpdump prints no invented route for the damaged record.
if command -v bgpdump >/dev/null 2>&1; then
	for name in bgp4mp-cut-in-message.mrt bgp-length-mismatch.mrt gzip-cut.mrt.gz \
	            bzip2-cut.mrt.bz2 last-record-cut.mrt rib-before-peer-table.mrt cut-at-4096.mrt; do
		bgpdump -m "$dir/$name" >"$tmp/ref" 2>/dev/null
		"$M" dump -m "$dir/$name" >"$tmp/out" 2>/dev/null
		if [ -s "$tmp/ref" ] && cmp -s "$tmp/ref" "$tmp/out"; then
			echo "PASS damaged same-as-bgpdump $name"
		else
			echo "FAIL damaged same-as-bgpdump $name: $(diff "$tmp/ref" "$tmp/out" | head -3 | tr '\n' ' ')"
		fi
	done
	# Where bgpdump stops or drops sound records after the damage, or prints
	# a route from the damaged record, every line bgpdump prints for a sound
	# record is still in ours (the damaged record is the 6th, ts ...405).
	for name in length-past-eof.mrt length-4gib.mrt garbage-between-records.mrt \
	            attr-overrun.mrt nlri-len-33.mrt nlri-len-129.mrt as-path-count-overrun.mrt; do
		bgpdump -m "$dir/$name" 2>/dev/null | grep -v '^BGP4MP|1419206405|' | sort >"$tmp/ref"
		"$M" dump -m "$dir/$name" 2>/dev/null | sort >"$tmp/out"
		if [ -s "$tmp/ref" ] && [ -z "$(comm -23 "$tmp/ref" "$tmp/out")" ]; then
			echo "PASS damaged superset-of-bgpdump $name"
		else
			echo "FAIL damaged superset-of-bgpdump $name: $(comm -23 "$tmp/ref" "$tmp/out" | head -2 | tr '\n' ' ')"
		fi
	done
else
	echo "SKIP damaged bgpdump: bgpdump is not installed"
fi

# A record length of 4 GiB - 1 is refused, not allocated: peak RSS stays
# far below it (a few MiB; 64 MiB leaves room for sanitizer builds).
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
	/usr/bin/time -o "$tmp/rss" -f %M "$M" dump -m "$dir/length-4gib.mrt" >/dev/null 2>&1
	rss=$(tail -1 "$tmp/rss")
	case $rss in
	''|*[!0-9]*) echo "FAIL damaged 4gib-no-allocation: no peak RSS measured" ;;
	*) if [ "$rss" -lt 65536 ]; then
		echo "PASS damaged 4gib-no-allocation (peak RSS $rss KiB)"
	   else
		echo "FAIL damaged 4gib-no-allocation: peak RSS $rss KiB"
	   fi ;;
	esac
else
	echo "SKIP damaged 4gib-no-allocation: no GNU /usr/bin/time"
fi

# Damage never hangs: all the files together within a generous bound.
start=$(date +%s)
for f in "$dir"/*.mrt*; do "$M" dump -m "$f" >/dev/null 2>&1; done
el=$(( $(date +%s) - start ))
if [ "$el" -le 20 ]; then
	echo "PASS damaged no-hang (${el}s for all files)"
else
	echo "FAIL damaged no-hang: ${el}s"
fi
