#!/bin/sh
# stats: the exact summary of the nk2014 reconstruction (checked by hand
# against fixtures/nk2014/README.md: 2 collectors x (1 RIB + 54 hourly update
# files); one RIB record per prefix: 2 x 2404 IPv4 and 2 x 160 IPv6; AS2914's
# five state changes), each count recomputed from `mrtreach dump` and
# `mrtreach peers`, damage counts, and the command-line contract.
M=$MRTREACH
casename=stats
. "$TOP/tests/e2e/lib.sh"
nk2014 rrc00
eval "set -- $NK2014"

cat >"$tmp/want" <<'EOT'
files                  110
collectors             2 (route-views2, rrc00)
first record           2014-12-21 00:00:00 UTC
last record            2014-12-23 05:59:23 UTC (2d5h59m23s later)
records                23386
  TABLE_DUMP_V2/PEER_INDEX_TABLE                      2
  TABLE_DUMP_V2/RIB_IPV4_UNICAST                   4808
  TABLE_DUMP_V2/RIB_IPV6_UNICAST                    320
  BGP4MP/MESSAGE_AS4                              18251
  BGP4MP/STATE_CHANGE_AS4                             5
records not decoded    0
other families         0 MP_REACH/MP_UNREACH fields (VPN, L2VPN, flowspec...)
damage                 0 spots reported, 0 records partly or not decoded
elements               58821
  rib                                             38712
  announce                                        16162
  withdraw                                         3942
  state                                               5
distinct prefixes      IPv4 2404, IPv6 160
peers                  19 vantage points, 19 peer addresses
coverage               route-views2: 2014-12-21 00:00:00 UTC to 2014-12-23 05:59:11 UTC, 55 files (1 RIB dump), no gap
                       rrc00: 2014-12-21 00:00:00 UTC to 2014-12-23 05:59:23 UTC, 55 files (1 RIB dump), no gap
EOT
"$M" stats "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && cmp -s "$tmp/want" "$tmp/out"; then
	echo "PASS stats nk2014-text"
else
	echo "FAIL stats nk2014-text: exit $rc: $(diff "$tmp/want" "$tmp/out" | head -4 | tr '\n' ' ')"
fi

# Counts recomputed from dump (-m lines) and peers.
"$M" stats --format tsv "$@" >"$tmp/tsv"
get() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$tmp/tsv"; }
"$M" dump "$@" >"$tmp/dump"
want=$(awk -F'|' '{ n[$3]++ } END { print n["B"]+0, n["A"]+0, n["W"]+0, n["STATE"]+0 }' "$tmp/dump")
got="$(get elements.rib) $(get elements.announce) $(get elements.withdraw) $(get elements.state)"
if [ "$want" = "$got" ]; then echo "PASS stats elements-match-dump"; else echo "FAIL stats elements-match-dump: $got, want $want"; fi
want=$(awk -F'|' '$3 != "STATE" { print $6 }' "$tmp/dump" | sort -u |
	awk '/:/ { v6++ } !/:/ { v4++ } END { print v4+0, v6+0 }')
got="$(get prefixes.ipv4) $(get prefixes.ipv6)"
if [ "$want" = "$got" ]; then echo "PASS stats prefixes-match-dump"; else echo "FAIL stats prefixes-match-dump: $got, want $want"; fi
want=$("$M" peers --format tsv "$@" | grep -vc '^#')
if [ "$want" = "$(get vantage_points)" ]; then echo "PASS stats vantage-points-match-peers"; else echo "FAIL stats vantage-points-match-peers"; fi

# JSON: one object on one line, with the same counts.
"$M" stats --format json "$@" >"$tmp/json"
if [ "$(wc -l <"$tmp/json")" -eq 1 ] &&
   grep -q '"files":110,"collectors":\["route-views2","rrc00"\],"first_record":"2014-12-21T00:00:00Z","first_record_ts":1419120000,' "$tmp/json" &&
   grep -q '{"type":13,"subtype":2,"name":"TABLE_DUMP_V2/RIB_IPV4_UNICAST","records":4808}' "$tmp/json" &&
   grep -q '"elements":58821,"elements_rib":38712,' "$tmp/json" &&
   grep -q '"prefixes_ipv4":2404,"prefixes_ipv6":160,"vantage_points":19,"peer_addresses":19,"coverage":\[{"collector":"route-views2","first_ts":1419120000,"last_ts":1419314351,"files":55,"rib_files":1,"gap_seconds":0,"gaps":\[\]},{"collector":"rrc00",' "$tmp/json"; then
	echo "PASS stats nk2014-json"
else
	echo "FAIL stats nk2014-json: $(head -c 300 "$tmp/json")"
fi

# Every record type of fixtures/dump named (no TYPE_n/SUBTYPE_n left).
"$M" stats --format tsv "$TOP"/fixtures/dump/*.mrt >"$tmp/d" 2>"$tmp/err"; rc=$?
if [ $rc -eq 0 ] && grep -q '^records.TABLE_DUMP/AFI_IPv6	' "$tmp/d" &&
   grep -q '^records.BGP4MP_ET/MESSAGE_AS4	' "$tmp/d" && grep -q '^records.BGP/UPDATE	' "$tmp/d" &&
   ! grep -q 'TYPE_' "$tmp/d"; then
	echo "PASS stats dump-type-names"
else
	echo "FAIL stats dump-type-names: exit $rc: $(grep TYPE_ "$tmp/d" | head -3)"
fi

# Damage: exit 1, the decoder's count of damaged records and the reports.
"$M" stats --format tsv "$TOP"/fixtures/damaged/nlri-len-33.mrt >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 1 ] && grep -q '^records_damaged	1$' "$tmp/out" && grep -q '^damage_reports	1$' "$tmp/out" &&
   [ "$(wc -l <"$tmp/err")" -eq 1 ]; then
	echo "PASS stats damaged"
else
	echo "FAIL stats damaged: exit $rc: $(tr '\n' ' ' <"$tmp/out" | head -c 300)"
fi
"$M" stats --format json "$TOP"/fixtures/damaged/empty.mrt >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 0 ] && grep -q '"first_record":null,' "$tmp/out" && grep -q '"records":0,' "$tmp/out"; then
	echo "PASS stats empty"
else
	echo "FAIL stats empty: exit $rc: $(head -c 200 "$tmp/out")"
fi
"$M" stats - <"$TOP"/fixtures/dump/bgp4mp.mrt >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 0 ] && grep -q '^collectors  *1 (stdin)$' "$tmp/out"; then echo "PASS stats stdin"; else echo "FAIL stats stdin: exit $rc"; fi

usage_error no-files "no input file" "$M" stats
usage_error bad-format "'csv'" "$M" stats --format csv /dev/null
usage_error unknown-option "--bogus" "$M" stats --bogus /dev/null
usage_error unknown-short-option "'-x'" "$M" stats -x /dev/null
usage_error format-needs-value "needs a value" "$M" stats --format
usage_error help-takes-no-value "takes no value" "$M" stats --help=1 /dev/null

"$M" stats --help >"$tmp/out" 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -q '^usage: mrtreach stats' "$tmp/out" && grep -q 'Exit status' "$tmp/out" &&
   grep -q 'Example' "$tmp/out" && "$M" help stats | cmp -s - "$tmp/out"; then
	echo "PASS stats help"
else
	echo "FAIL stats help"
fi

# Coverage per collector: a missing hour of route-views2 is one gap (text,
# TSV, JSON).
"$M" stats --format tsv $(for f in "$@"; do case $f in *route-views2/updates.20141223.01*) ;; *) echo "$f" ;; esac; done) \
	>"$tmp/gap" 2>/dev/null
if grep -q '^coverage.route-views2.gaps	1$' "$tmp/gap" && grep -q '^coverage.rrc00.gaps	0$' "$tmp/gap" &&
   grep -q '^gap	route-views2	1419296400	1419300000	update files missing$' "$tmp/gap"; then
	echo "PASS stats coverage-gap"
else
	echo "FAIL stats coverage-gap: $(grep -e gap "$tmp/gap" | tr '\n' ' ')"
fi
