#!/bin/sh
# mrtreach dump as a command: filters (checked against bgpdump's reference
# decoding of the corpus, filtered with awk), JSON Lines that parse, stdin,
# a closed pipe (quiet, exit 0), a write error (exit 1), damage (exit 1).
M=${MRTREACH:?}
casename=dump_cli
. "$TOP/tests/e2e/lib.sh"
corpus
U=$corpus/test_data/updates.20071015.1505.gz
gzip -dc "$corpus/test_expect/updates.20071015.1505.gz.bgp.gz" >"$tmp/ref"

same() {  # name, awk program over the reference, mrtreach dump options...
	name=$1; prog=$2; shift 2
	awk -F'|' "$prog" "$tmp/ref" >"$tmp/want"
	"$M" dump "$@" "$U" >"$tmp/got" 2>"$tmp/err"; rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "FAIL dump_cli $name: exit $rc: $(head -c 200 "$tmp/err")"
	elif [ ! -s "$tmp/want" ]; then
		echo "FAIL dump_cli $name: the reference has no such lines (bad test)"
	elif cmp -s "$tmp/want" "$tmp/got"; then
		echo "PASS dump_cli $name ($(wc -l <"$tmp/got") lines)"
	else
		echo "FAIL dump_cli $name: $(diff "$tmp/want" "$tmp/got" | head -3 | tr '\n' ' ')"
	fi
}

same prefix-exact '$6 == "192.96.13.0/24"' --prefix 192.96.13.0/24
same prefix-more-specific '$3 != "STATE" && ($6 ~ /^192\.96\./)' --prefix 192.96.0.0/16 --more-specific
same prefix-less-specific '$6 == "203.157.152.0/24" || $6 == "203.157.0.0/16" || $6 == "203.0.0.0/8"' \
	--prefix 203.157.152.0/24 --less-specific
same type-withdraw '$3 == "W"' --type withdraw
same type-announce-and-state '$3 == "A" || $3 == "STATE"' --type announce --type state
same peer '$4 == "193.0.0.56"' --peer 193.0.0.56
same peer-as '$5 == "3257"' --peer-as AS3257
same origin '($3 == "A") && ($7 ~ / 9835$/ || $7 == "9835")' --origin 9835
same start-end '$2 >= 1192460710 && $2 <= 1192460720' --start 1192460710 --end 2007-10-15T15:05:20Z
# A date alone as --end is the whole of that day (issue 15).
same end-date-is-the-whole-day '1' --start 2007-10-15 --end 2007-10-15

# JSON Lines: every line one object, as many as -m lines.
if command -v python3 >/dev/null 2>&1; then
	"$M" dump --json "$U" >"$tmp/json" 2>"$tmp/err"
	if python3 -c 'import json,sys
n=0
for l in open(sys.argv[1]):
    o=json.loads(l); n+=1
    assert o["type"] in ("rib","announce","withdraw","state"), o
print(n)' "$tmp/json" >"$tmp/n" 2>"$tmp/perr" && [ "$(cat "$tmp/n")" -eq "$(wc -l <"$tmp/ref")" ]; then
		echo "PASS dump_cli json-lines-parse"
	else
		echo "FAIL dump_cli json-lines-parse: $(head -c 200 "$tmp/perr")"
	fi
else
	echo "SKIP dump_cli json-lines-parse: no python3"
fi

# Standard input.
gzip -dc "$U" | "$M" dump - >"$tmp/got" 2>"$tmp/err"
if cmp -s "$tmp/ref" "$tmp/got"; then echo "PASS dump_cli stdin"; else echo "FAIL dump_cli stdin"; fi

# A reader that goes away: quiet, exit 0.
{ "$M" dump "$corpus/test_data/bview.20020722.2337.gz" 2>"$tmp/err"; echo $? >"$tmp/rc"; } | head -1 >/dev/null
if [ "$(cat "$tmp/rc")" -eq 0 ] && [ ! -s "$tmp/err" ]; then
	echo "PASS dump_cli closed-pipe-is-quiet"
else
	echo "FAIL dump_cli closed-pipe-is-quiet: exit $(cat "$tmp/rc"): $(head -c 200 "$tmp/err")"
fi

# A write error: reported once, exit non-zero.
if [ -w /dev/full ]; then
	"$M" dump "$U" >/dev/full 2>"$tmp/err"; rc=$?
	if [ "$rc" -ne 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ]; then
		echo "PASS dump_cli write-error"
	else
		echo "FAIL dump_cli write-error: exit $rc, $(wc -l <"$tmp/err") lines on stderr"
	fi
fi

# Damage: sound lines printed, the damage reported with file and offset, exit 1.
# (The NLRI field of the 6th record breaks partway: none of it is printed.)
"$M" dump "$TOP/fixtures/damaged/nlri-breaks-partway.mrt" >"$tmp/got" 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 1 ] && [ "$(wc -l <"$tmp/got")" -eq 10 ] && grep -q 'byte 435:' "$tmp/err"; then
	echo "PASS dump_cli damage-exit-1"
else
	echo "FAIL dump_cli damage-exit-1: exit $rc: $(head -c 200 "$tmp/err")"
fi

# Usage errors particular to dump.
for args in "--more-specific $U" "--prefix 10.0.0.0/8 --more-specific --less-specific $U" \
            "--start 2015-01-01 --end 2014-01-01 $U" "--peer 1.2.3 $U" "--prefix"; do
	# shellcheck disable=SC2086
	"$M" dump $args >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ]; then
		echo "PASS dump_cli usage: $args"
	else
		echo "FAIL dump_cli usage: $args: exit $rc: $(head -c 200 "$tmp/err")"
	fi
done

# Help teaches: synopsis, options, examples, exit status.
"$M" dump --help >"$tmp/out" 2>&1; rc=$?
if [ "$rc" -eq 0 ] && grep -q '^usage: mrtreach dump' "$tmp/out" && grep -q -- '--more-specific' "$tmp/out" &&
   grep -q '^Examples' "$tmp/out" && grep -q '^Exit status' "$tmp/out"; then
	echo "PASS dump_cli help"
else
	echo "FAIL dump_cli help"
fi
