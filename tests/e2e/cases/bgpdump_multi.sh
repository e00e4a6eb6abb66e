#!/bin/sh
# bgpdump's multi-line format: mrtreach dump -H, and mrtreach run under the
# name bgpdump without -m/-M (its default), against committed output (no
# bgpdump needed) and byte for byte against Debian's bgpdump 1.6.2 on the
# fixtures, on random valid records of every subtype (difftest_gen.py), on
# crafted records of what only -H shows (multi_probe.py) and on the real
# corpus (../shared/mrt-corpus). The only differences allowed are the
# manual's COMPATIBILITY ones: TABLE_DUMP_V2 multicast and RIB_GENERIC
# entries (bgpdump prints none; their blocks are removed from mrtreach's
# output before comparing) and the corpus file whose NLRI breaks after its
# first prefix (mrtreach prints no ANNOUNCE of it).
casename=bgpdump_multi
. "$TOP/tests/e2e/lib.sh"
M=${MRTREACH:?}
F=$TOP/fixtures/dump
X=$TOP/tests/e2e/expected/multi

same table-dump-v1 "$X/table_dump_v1.H" "$M" dump -H "$F/table_dump_v1.mrt"
same bgp4mp-et "$X/bgp4mp_et.H" "$M" dump -H "$F/bgp4mp_et.mrt"
mkdir "$tmp/bin"
ln -s "$M" "$tmp/bin/bgpdump"
same as-bgpdump-default "$X/bgp4mp_et.H" "$tmp/bin/bgpdump" "$F/bgp4mp_et.mrt"
same as-bgpdump-H "$X/table_dump_v1.H" "$tmp/bin/bgpdump" -m -H "$F/table_dump_v1.mrt"
usage_error with-filter '-H prints whole messages' "$M" dump -H --prefix 10.0.0.0/8 "$F/bgp4mp.mrt"
usage_error with-style '-p needs -m or -M, not -H' "$M" dump -H -p "$F/bgp4mp.mrt"
usage_error with-json '-H and --json exclude each other' "$M" dump -H --json "$F/bgp4mp.mrt"

if ! command -v bgpdump >/dev/null 2>&1; then
	echo "SKIP $casename vs-bgpdump: bgpdump is not installed (apt-get install bgpdump)"
	exit 0
fi

# no_multicast: stdin without the blocks of TABLE_DUMP_V2 multicast and
# RIB_GENERIC entries, which bgpdump does not print (COMPATIBILITY).
no_multicast() {
	awk 'BEGIN { RS = ""; ORS = "\n\n" } !/\nTYPE: TABLE_DUMP_V2\/(IPV[46]_MULTICAST|RIB_GENERIC)/'
}

# compare NAME FILE: bgpdump -H FILE and mrtreach dump -H FILE, and bgpdump
# FILE and mrtreach under the name bgpdump, print the same bytes.
compare() {
	name=$1; f=$2
	bgpdump -H "$f" 2>/dev/null >"$tmp/want"
	case $(basename "$f") in
	updates.nlri_mask_trailing_bits.gz)
		# the NLRI breaks after 11.13.0.0/13: no ANNOUNCE (COMPATIBILITY)
		grep -v '^ANNOUNCE$\|^  11\.13\.0\.0/13$' "$tmp/want" >"$tmp/w2"; mv "$tmp/w2" "$tmp/want" ;;
	esac
	"$M" dump -H "$f" 2>"$tmp/err" | no_multicast >"$tmp/got"
	"$tmp/bin/bgpdump" "$f" 2>/dev/null | no_multicast >"$tmp/got2"
	if [ ! -s "$tmp/want" ]; then
		echo "FAIL $casename $name: bgpdump printed nothing"
	elif ! cmp -s "$tmp/want" "$tmp/got"; then
		echo "FAIL $casename $name: $(diff "$tmp/want" "$tmp/got" | grep '^[<>]' | head -2 | cut -c1-200 | tr '\n' ' ')"
	elif ! cmp -s "$tmp/want" "$tmp/got2"; then
		echo "FAIL $casename $name as bgpdump: differs from bgpdump"
	else
		echo "PASS $casename $name ($(wc -l <"$tmp/got") lines)"
	fi
}

for f in "$F"/*.mrt "$TOP"/fixtures/early-ris/*.mrt "$TOP"/fixtures/damaged/cut-at-4096.mrt; do
	compare "$(basename "$f")" "$f"
done
if command -v python3 >/dev/null 2>&1; then
	for seed in 1 2 3; do
		python3 "$TOP/tests/e2e/difftest_gen.py" $seed 1500 "$tmp/random$seed.mrt"
		compare "random seed $seed" "$tmp/random$seed.mrt"
	done
	python3 "$TOP/tests/e2e/multi_probe.py" "$tmp/probe.mrt"
	compare "crafted" "$tmp/probe.mrt"
else
	echo "SKIP $casename random: python3 is needed to craft records"
fi

if have_corpus; then
	for f in "$corpus"/*; do
		compare "$(basename "$f")" "$f"
	done
fi
