#!/bin/sh
# origins over the youtube2008 reconstruction: the windows per (prefix,
# origin) are those the fixture's README derives from its script, under
# --visibility any and the majority rule, to the second; flags, formats,
# --origin-is, timeline --by-origin, and the usage errors of the new options.
M=$MRTREACH
casename=origins_youtube2008
. "$TOP/tests/e2e/lib.sh"
Y=$TOP/fixtures/youtube2008
if [ ! -e "$Y/README.md" ]; then echo "SKIP $casename: no fixtures/youtube2008"; exit 0; fi
set -- "$Y"/route-views2/rib.20080224.1800.bz2 "$Y"/route-views2/updates.20080224.*.bz2
T="--prefix 208.65.152.0/22 --more-specific"

# expect NAME FILE: FILE (the output) must equal the here-document.
expect() {
	cat >"$tmp/want"
	if cmp -s "$tmp/want" "$2"; then echo "PASS $casename $1"
	else echo "FAIL $casename $1: $(diff "$tmp/want" "$2" | head -6 | tr '\n' ' ')"; fi
}

# The README's tables (| prefix | AS origin | from | until | peak |) against the TSV.
readme() {
	awk -v h="### \`--visibility $1" 'index($0, "###") == 1 { on = index($0, h) == 1 }
		on && /^\| 208\./' "$Y/README.md" |
		awk -F' *\\| *' '{ sub("AS", "", $3); e = $5; if (e ~ /ongoing/) e = "ongoing"; print $2, $3, $4, e, $6 }' |
		sort >"$tmp/want_$1"
}
tsv_rows() {
	grep -v '^#' "$1" | awk -F'\t' '{ s = $3; sub("T", " ", s); sub("Z", "", s); e = $4;
		if (e != "ongoing") { sub("T", " ", e); sub("Z", "", e) } print $1, $2, s, e, $9 }' | sort
}
for rule in any majority; do
	readme $rule
	"$M" origins $T --visibility $rule --format tsv "$@" >"$tmp/tsv" 2>"$tmp/err"; rc=$?
	tsv_rows "$tmp/tsv" >"$tmp/got_$rule"
	if [ $rc -ne 0 ]; then echo "FAIL $casename readme-$rule: exit $rc: $(head -c 200 "$tmp/err")"
	elif [ ! -s "$tmp/want_$rule" ]; then echo "FAIL $casename readme-$rule: README lists no windows"
	elif cmp -s "$tmp/want_$rule" "$tmp/got_$rule"; then
		echo "PASS $casename readme-$rule ($(wc -l <"$tmp/got_$rule") windows)"
	else echo "FAIL $casename readme-$rule: $(diff "$tmp/want_$rule" "$tmp/got_$rule" | head -4 | tr '\n' ' ')"; fi
done

"$M" origins $T --visibility any "$@" >"$tmp/out" 2>&1
expect text-any "$tmp/out" <<'OUT'
origins of 208.65.152.0/22 with more-specifics: 4 target prefixes in the data
rule: visible = seen by any vantage point, counting the vantage points routing to each origin
collectors: route-views2 (37 vantage points, full-feed: 34 IPv4)
5 windows in which a target prefix was visible with an origin
prefix              origin    start (UTC)              end (UTC)                duration   peak VPs  flags
208.65.152.0/22     36561     2008-02-24 18:00:00 UTC  ongoing                  3h59m            37
208.65.153.0/24     17557     2008-02-24 18:47:45 UTC  2008-02-24 21:01:58 UTC  2h14m            32  MOAS; more-specific of 208.65.152.0/22 (origin 36561)
208.65.153.0/24     36561     2008-02-24 20:07:25 UTC  ongoing                  1h52m            31  MOAS
208.65.153.0/25     36561     2008-02-24 20:18:43 UTC  ongoing                  1h40m            15  more-specific of 208.65.153.0/24 (origin 17557)
208.65.153.128/25   36561     2008-02-24 20:18:43 UTC  ongoing                  1h40m            15  more-specific of 208.65.153.0/24 (origin 17557)
OUT

"$M" origins $T "$@" >"$tmp/out" 2>&1
expect text-majority "$tmp/out" <<'OUT'
origins of 208.65.152.0/22 with more-specifics: 4 target prefixes in the data
rule: visible = seen by at least half of the full-feed vantage points, counting the vantage points routing to each origin
collectors: route-views2 (37 vantage points, full-feed: 34 IPv4)
3 windows in which a target prefix was visible with an origin
prefix              origin    start (UTC)              end (UTC)                duration   peak VPs  flags
208.65.152.0/22     36561     2008-02-24 18:00:00 UTC  ongoing                  3h59m            37
208.65.153.0/24     17557     2008-02-24 18:48:40 UTC  2008-02-24 20:51:04 UTC  2h2m             32  more-specific of 208.65.152.0/22 (origin 36561)
208.65.153.0/24     36561     2008-02-24 20:51:04 UTC  ongoing                  1h8m             31
OUT

# JSON: the keys of the issue, an ongoing window's nulls; --origin-is keeps one origin.
"$M" origins --prefix 208.65.153.0/24 --visibility any --format json "$@" >"$tmp/out" 2>&1
expect json "$tmp/out" <<'OUT'
{"prefix":"208.65.153.0/24","origin":17557,"start":"2008-02-24T18:47:45Z","end":"2008-02-24T21:01:58Z","start_ts":1203878865,"end_ts":1203886918,"duration_s":8053,"ongoing":false,"peak_vps":32,"peak_full_feed":30,"moas":true,"more_specific_of":"208.65.152.0/22","covering_origin":36561,"rule":"any"}
{"prefix":"208.65.153.0/24","origin":36561,"start":"2008-02-24T20:07:25Z","end":null,"start_ts":1203883645,"end_ts":null,"duration_s":6704,"ongoing":true,"peak_vps":31,"peak_full_feed":30,"moas":true,"more_specific_of":null,"covering_origin":null,"rule":"any"}
OUT

"$M" origins --prefix 208.65.153.0/24 --visibility any --origin-is 36561 --format json "$@" >"$tmp/out" 2>&1
if [ "$(wc -l <"$tmp/out")" -eq 1 ] && grep -q '^{"prefix":"208.65.153.0/24","origin":36561,' "$tmp/out"; then
	echo "PASS $casename origin-is"
else
	echo "FAIL $casename origin-is: $(head -c 300 "$tmp/out")"
fi

# timeline --by-origin: each change names the origin.
"$M" timeline --by-origin $T --visibility any --format tsv "$@" >"$tmp/out" 2>&1
expect timeline-by-origin "$tmp/out" <<'OUT'
# timeline of 208.65.152.0/22 with more-specifics, by origin; visible = seen by any vantage point
#time	ts	prefix	origin	visible	full_feed_routing	full_feed	vps_routing
2008-02-24T18:00:00Z	1203876000	208.65.152.0/22	36561	1	34	34	37
2008-02-24T18:47:45Z	1203878865	208.65.153.0/24	17557	1	1	34	1
2008-02-24T20:07:25Z	1203883645	208.65.153.0/24	36561	1	1	34	1
2008-02-24T20:18:43Z	1203884323	208.65.153.0/25	36561	1	1	34	1
2008-02-24T20:18:43Z	1203884323	208.65.153.128/25	36561	1	1	34	1
2008-02-24T21:01:58Z	1203886918	208.65.153.0/24	17557	0	0	34	0
# collectors: route-views2 (37 vantage points, full-feed: 34 IPv4); 4 target prefixes, 4 visible at the end
OUT

# timeline --by-origin --interval: a column per origin (full-feed VPs routing to it).
"$M" timeline --by-origin --interval 30m --format tsv --prefix 208.65.153.0/24 "$@" >"$tmp/out" 2>&1
expect series-by-origin "$tmp/out" <<'OUT'
# timeline of 208.65.153.0/24; visible = seen by at least half of the full-feed vantage points
#time	ts	visible_prefixes	target_prefixes	full_feed	visible_slash24	share	AS17557	AS36561
2008-02-24T18:00:00Z	1203876000	0	0	0	0	0	0	0
2008-02-24T18:30:00Z	1203877800	0	0	0	0	0	0	0
2008-02-24T19:00:00Z	1203879600	1	1	34	1	1	30	0
2008-02-24T19:30:00Z	1203881400	1	1	34	1	1	30	0
2008-02-24T20:00:00Z	1203883200	1	1	34	1	1	30	0
2008-02-24T20:30:00Z	1203885000	1	1	34	1	1	18	16
2008-02-24T21:00:00Z	1203886800	1	1	34	1	1	10	24
2008-02-24T21:30:00Z	1203888600	1	1	34	1	1	0	30
# collectors: route-views2 (37 vantage points, full-feed: 34 IPv4); 1 target prefix, 1 visible at the end
OUT

# --svg: a lane per (prefix, origin), the hijacked /24's marked with the /22 it is inside.
"$M" origins $T --visibility any --svg "$tmp/o.svg" "$@" >/dev/null 2>"$tmp/err"; rc=$?
lanes=$(grep -c 'fill-opacity="0.35" stroke=' "$tmp/o.svg")
if [ $rc -eq 0 ] && [ "$lanes" -eq 5 ] &&
   grep -q 'font-weight="bold" fill="#8b1a1a">208.65.153.0/24 origin 17557 .* more-specific of 208.65.152.0/22 (origin 36561)</text>' "$tmp/o.svg" &&
   grep -q '<title>Origins of 208.65.152.0/22 with more-specifics</title>' "$tmp/o.svg" &&
   grep -q '>Source: route-views2 .* mrtreach origins ' "$tmp/o.svg" &&
   grep -q 'bold: the end of the data' "$tmp/o.svg" &&
   { ! command -v python3 >/dev/null 2>&1 ||
     python3 -c 'import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])' "$tmp/o.svg"; }; then
	echo "PASS $casename svg"
else
	echo "FAIL $casename svg: exit $rc, $lanes lanes: $(head -c 200 "$tmp/err")"
fi

usage_error covering-not-for-origins "--covering does not apply" "$M" origins $T --covering "$@"
usage_error origin-is-only-origins "--origin-is is an origins option" "$M" blackout $T --origin-is 1 "$@"
usage_error by-origin-only-timeline "--by-origin is a timeline option" "$M" origins $T --by-origin "$@"
usage_error origin-is-asn "not an AS number" "$M" origins $T --origin-is AS17557x "$@"
usage_error origins-needs-targets "origins: no targets" "$M" origins "$@"
