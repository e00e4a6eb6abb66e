#!/bin/sh
# Differential test: random but valid MRT records of every decoded subtype
# (difftest_gen.py) decoded by bgpdump -m and by mrtreach dump -m must give
# identical output. The constructs where bgpdump prints what the bytes do not
# say are left out by the generator (its header lists them) and checked on
# their own in dump_compat.sh.
M=${MRTREACH:?}
here=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v bgpdump >/dev/null 2>&1; then
	echo "SKIP dump_vs_bgpdump: bgpdump is not installed (apt-get install bgpdump)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP dump_vs_bgpdump: python3 is needed to craft records"
	exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for seed in 1 2 3 4 5 6 7 8; do
	name="dump_vs_bgpdump seed $seed"
	python3 "$here/difftest_gen.py" "$seed" 2000 "$tmp/in.mrt" || { echo "FAIL $name: generator failed"; continue; }
	bgpdump -m "$tmp/in.mrt" >"$tmp/bd" 2>/dev/null
	"$M" dump -m "$tmp/in.mrt" >"$tmp/mr" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $name: exit $rc: $(head -c 200 "$tmp/err")"
	elif [ ! -s "$tmp/bd" ]; then
		echo "FAIL $name: bgpdump printed nothing"
	elif cmp -s "$tmp/bd" "$tmp/mr"; then
		echo "PASS $name ($(wc -l <"$tmp/mr") lines)"
	else
		echo "FAIL $name: $(diff "$tmp/bd" "$tmp/mr" | grep '^[<>]' | head -2 | tr '\n' ' ')"
	fi
done
