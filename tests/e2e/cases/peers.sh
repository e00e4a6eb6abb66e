#!/bin/sh
# peers: exact outputs on the nk2014 reconstruction and fixtures/dump
# (tests/e2e/expected/peers/, checked by hand against fixtures/nk2014/README.md:
# every IPv4 table size it lists, 16 IPv4 + 2 IPv6 full-feed vantage points,
# AS3130 partial, AS2914's five state changes), facts recomputed from the
# README and from dump, order independence, and the command-line contract.
M=$MRTREACH
casename=peers
. "$TOP/tests/e2e/lib.sh"
X=$TOP/tests/e2e/expected/peers
nk2014 rrc00
eval "set -- $NK2014"

same nk2014-text "$X/nk2014.txt" "$M" peers "$@"
same nk2014-tsv "$X/nk2014.tsv" "$M" peers --format tsv "$@"
same nk2014-json "$X/nk2014.json" "$M" peers --format json "$@"
# fixtures/dump holds files of unrelated made-up collectors in one folder:
# that is reported (issue 11.2), the summary is as before; the twelve years
# between its 2002 RIB dump and its 2014 files have no record: a gap
# (issue 11.1, a stretch without records that no file name covers).
want_err="mrtreach: warning: collector 'dump': 1 of the 4 peers in its update files are in none of its RIB dumps' peer tables (first: 193.0.0.56 in $TOP/fixtures/dump/bgp_legacy.mrt): files of another collector mixed in, or peers added after the dump; --collector NAME=GLOB names files apart"
same dump-text "$X/dump.txt" "$M" peers "$TOP"/fixtures/dump/*.mrt
want_err=
same nk2014-no-rib "$X/nk2014-no-rib.txt" "$M" peers \
	"$N"/rrc00/updates.20141222.02* "$N"/route-views2/updates.20141222.02*

# Order of the files does not matter (merge by time, sort by collector).
rev=""; for f in "$@"; do rev="$f $rev"; done
# shellcheck disable=SC2086
same nk2014-reversed "$X/nk2014.txt" "$M" peers $rev

# Facts from the README, recomputed from the TSV.
"$M" peers --format tsv "$@" >"$tmp/tsv" 2>/dev/null
facts=$(awk -F'\t' '!/^#/ {
	n++; if ($6 == "yes") f4++; if ($7 == "yes") f6++
	if ($3 == 3130 && $6 == "no" && $4 == 261) partial++
	if ($3 == 2914 && $8 == 5) reset++
	ann += $9; wd += $10 }
	END { print n, f4, f6, partial, reset, ann, wd }' "$tmp/tsv")
dumpc=$("$M" dump "$@" | awk -F'|' '$3 == "A" { a++ } $3 == "W" { w++ } END { print a, w }')
if [ "$facts" = "19 16 2 1 1 $dumpc" ]; then
	echo "PASS peers nk2014-readme-facts"
else
	echo "FAIL peers nk2014-readme-facts: got '$facts', want '19 16 2 1 1 $dumpc'"
fi

# IPv4 table sizes: exactly the README's list, peer by peer.
grep '^IPv4 entries per peer' "$N/README.md" | tr ';' '\n' |
	sed -n 's/.*\(rv2\|rrc00\) AS\([0-9]*\) \([0-9]*\).*/\1 \2 \3/p' |
	sed 's/^rv2/route-views2/' | sort >"$tmp/want.sizes"
awk -F'\t' '!/^#/ && $4 > 0 { print $1, $3, $4 }' "$tmp/tsv" | sort >"$tmp/got.sizes"
if [ -s "$tmp/want.sizes" ] && cmp -s "$tmp/want.sizes" "$tmp/got.sizes"; then
	echo "PASS peers nk2014-readme-table-sizes ($(wc -l <"$tmp/want.sizes") peers)"
else
	echo "FAIL peers nk2014-readme-table-sizes: $(diff "$tmp/want.sizes" "$tmp/got.sizes" | head -4 | tr '\n' ' ')"
fi

# --full-feed: 261 >= 0.1 * 2392, so the partial peer becomes full-feed.
n=$("$M" peers --format tsv --full-feed 0.1 "$@" | awk -F'\t' '$6 == "yes"' | wc -l)
if [ "$n" -eq 17 ]; then echo "PASS peers full-feed-option"; else echo "FAIL peers full-feed-option: $n IPv4 full-feed, want 17"; fi
n=$("$M" peers --format tsv --full-feed 10% "$@" | awk -F'\t' '$6 == "yes"' | wc -l)
if [ "$n" -eq 17 ]; then echo "PASS peers full-feed-percent"; else echo "FAIL peers full-feed-percent: $n, want 17"; fi

# JSON: one object per line (19 vantage points, then the coverage), nulls
# without a RIB dump.
if [ "$(wc -l <"$X/nk2014.json")" -eq 20 ] && [ "$(grep -c '^{"coverage":\[' "$X/nk2014.json")" -eq 1 ] &&
   "$M" peers --format json "$N"/rrc00/updates.20141222.0200.gz | grep -q '"ipv4_routes":null,"ipv6_routes":null,"full_feed_ipv4":null'; then
	echo "PASS peers json-nulls"
else
	echo "FAIL peers json-nulls"
fi

# Damaged input: exit 1, the report on stderr, the rest still listed.
"$M" peers "$TOP"/fixtures/damaged/nlri-len-33.mrt >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 1 ] && grep -q 'nlri-len-33.mrt: byte' "$tmp/err" && [ "$(wc -l <"$tmp/out")" -eq 3 ]; then
	echo "PASS peers damaged"
else
	echo "FAIL peers damaged: exit $rc, $(wc -l <"$tmp/out") lines"
fi

# Empty input: a header, and the coverage saying no time is known.
"$M" peers "$TOP"/fixtures/damaged/empty.mrt >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 2 ] && grep -q '^coverage  *damaged: no time known$' "$tmp/out"
then echo "PASS peers empty"; else echo "FAIL peers empty: exit $rc"; fi

usage_error no-files "no input file" "$M" peers
usage_error bad-format "'xml'" "$M" peers --format xml /dev/null
usage_error bad-full-feed "'1.5'" "$M" peers --full-feed 1.5 /dev/null
usage_error unknown-option "--bogus" "$M" peers --bogus /dev/null
usage_error format-needs-value "needs a value" "$M" peers --format
usage_error help-takes-no-value "takes no value" "$M" peers --help=yes /dev/null

"$M" peers --help >"$tmp/out" 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -q '^usage: mrtreach peers' "$tmp/out" && grep -q 'Exit status' "$tmp/out" &&
   grep -q -- '--full-feed' "$tmp/out" && "$M" help peers | cmp -s - "$tmp/out"; then
	echo "PASS peers help"
else
	echo "FAIL peers help"
fi

# The same peer address at two collectors: two vantage points, each counted
# from its own collector's files only. (The second file is compressed so
# that it is not a byte-for-byte copy of the first, which is read once.)
mkdir -p "$tmp/c1" "$tmp/c2"
cp "$TOP"/fixtures/dump/bgp4mp.mrt "$tmp/c1/updates.1.mrt"
gzip -c "$TOP"/fixtures/dump/bgp4mp.mrt >"$tmp/c2/updates.1.mrt"
"$M" peers --format tsv "$tmp/c2/updates.1.mrt" "$tmp/c1/updates.1.mrt" >"$tmp/two" 2>"$tmp/err"
"$M" peers --format tsv "$TOP"/fixtures/dump/bgp4mp.mrt >"$tmp/one" 2>>"$tmp/err"
n1=$(grep -vc '^#' "$tmp/one")
if [ "$(grep -vc '^#' "$tmp/two")" -eq $((2 * n1)) ] && [ "$n1" -gt 0 ] &&
   [ "$(awk -F'\t' '$1 == "c1"' "$tmp/two" | cut -f2-)" = "$(grep -v '^#' "$tmp/one" | cut -f2-)" ] &&
   [ "$(awk -F'\t' '$1 == "c2"' "$tmp/two" | cut -f2-)" = "$(grep -v '^#' "$tmp/one" | cut -f2-)" ]; then
	echo "PASS peers same-address-two-collectors"
else
	echo "FAIL peers same-address-two-collectors: $(head -3 "$tmp/two" | tr '\n' ' ')"
fi

# One vantage-point registry (src/state/vantage.h): peers and blackout count
# the same vantage points per collector and call the same ones full-feed,
# with RIB dumps (both collectors) and without (updates only: peers cannot
# judge without table sizes, blackout says how it counts them).
agree() {  # name, files...
	name=$1; shift
	"$M" peers --format tsv "$@" >"$tmp/p.tsv" 2>/dev/null
	"$M" blackout $T "$@" 2>/dev/null | grep '^collectors:' >"$tmp/hdr"
	bad=""
	for col in $(grep -v '^#' "$tmp/p.tsv" | cut -f1 | sort -u); do
		n=$(awk -F'\t' -v c="$col" '$1 == c' "$tmp/p.tsv" | wc -l)
		f4=$(awk -F'\t' -v c="$col" '$1 == c && $6 == "yes"' "$tmp/p.tsv" | wc -l)
		f6=$(awk -F'\t' -v c="$col" '$1 == c && $7 == "yes"' "$tmp/p.tsv" | wc -l)
		grep -qF "$col ($n vantage point" "$tmp/hdr" || bad="$bad $col:$n-vps"
		if awk -F'\t' -v c="$col" '$1 == c && $6 != "-"' "$tmp/p.tsv" | grep -q .; then
			grep -qF "$col ($n vantage points, full-feed: $f4 IPv4, $f6 IPv6)" "$tmp/hdr" ||
				bad="$bad $col:$f4/$f6-full"
		fi
	done
	if [ -z "$bad" ] && [ -s "$tmp/hdr" ]; then echo "PASS peers agrees-with-blackout-$name"
	else echo "FAIL peers agrees-with-blackout-$name:$bad: $(head -c 300 "$tmp/hdr")"; fi
}
agree rib "$@"
agree updates-only "$N"/route-views2/updates.20141222.0*.bz2 "$N"/rrc00/updates.20141222.0*.gz
