#!/bin/sh
# mrtreach scan over the egypt2011 and syria2012 reconstructions: every
# designed event is found (within two minutes of the scripted time: peers
# follow within a minute) and nothing else; formats, options, errors.
M=$MRTREACH
casename=scan
. "$TOP/tests/e2e/lib.sh"
incidents

# events NAME EXPECTED ARGS...: the events (kind id start-minute end-minute), sorted.
events() {
	name=$1; want=$2; shift 2
	"$M" scan --format tsv "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	got=$(grep -v '^#' "$tmp/out" | awk -F'\t' '{ print $1, $2, substr($3, 1, 16), substr($4, 1, 16) }' | sort | tr '\n' ';')
	if [ $rc -ne 0 ]; then echo "FAIL $casename $name: exit $rc $(head -c 200 "$tmp/err")"
	elif [ "$got" = "$want" ]; then echo "PASS $casename $name"
	else echo "FAIL $casename $name: got '$got'"; fi
}

# Each scripted AS and country: the event starts within a minute of the
# scripted withdrawal (the peers follow within a minute) and ends within a
# minute of the restoration; Kenya's small outage too; nothing else.
events egypt \
"as 15475 2011-01-27T22:30 2011-02-02T09:44;as 20928 2011-01-31T20:46 2011-02-02T09:53;\
as 24835 2011-01-27T22:14 2011-02-02T09:31;as 24863 2011-01-27T22:17 2011-02-02T09:33;\
as 33771 2011-01-29T06:10 2011-01-29T06:52;as 36935 2011-01-27T22:33 2011-02-02T09:50;\
as 36992 2011-01-27T22:19 2011-02-02T09:36;as 37069 2011-01-27T22:31 2011-02-02T09:48;\
as 5536 2011-01-27T22:25 2011-02-02T09:40;as 8452 2011-01-27T22:13 2011-02-02T09:29;\
country EG 2011-01-27T22:25 2011-02-02T09:29;country KE 2011-01-29T06:10 2011-01-29T06:52;" \
	--delegations "$ED" "$E"/*/*
events syria "as 29256 2012-11-29T10:26 2012-12-01T14:32;country SY 2012-11-29T10:26 2012-12-01T14:32;" \
	--delegations "$SD" "$S"/*/*
events syria-no-countries "as 29256 2012-11-29T10:26 2012-12-01T14:32;" "$S"/*/*
# Compressed delegation files, several at once (one without the country: fine).
gzip -c "$ED" >"$tmp/afrinic.gz"; bzip2 -c "$SD" >"$tmp/ripe.bz2"
events syria-two-compressed-files "as 29256 2012-11-29T10:26 2012-12-01T14:32;country SY 2012-11-29T10:26 2012-12-01T14:32;" \
	--delegations "$tmp/afrinic.gz" --delegations "$tmp/ripe.bz2" "$S"/*/*
# A higher --min-size leaves the small ones out; --below 0.01 as well for depth 0.
events min-size "as 24863 2011-01-27T22:17 2011-02-02T09:33;as 8452 2011-01-27T22:13 2011-02-02T09:29;\
country EG 2011-01-27T22:25 2011-02-02T09:29;" --min-size 180 --delegations "$ED" "$E"/*/*
# --min-duration 1h drops Kenya's 42-minute outage.
"$M" scan --min-duration 1h --format tsv --delegations "$ED" "$E"/*/* >"$tmp/md" 2>&1
if grep -q 33771 "$tmp/md" || grep -q 'country	KE' "$tmp/md"; then echo "FAIL $casename min-duration"
else echo "PASS $casename min-duration"; fi

# Severity order: longest full losses first; text and JSON.
"$M" scan --delegations "$SD" "$S"/*/* >"$tmp/text" 2>&1
if grep -q '^scan of 6 origin ASes and 4 countries' "$tmp/text" &&
   grep -q '^as       29256    2012-11-29 10:26:[0-9][0-9] UTC  2012-12-01 14:32:[0-9][0-9] UTC  2d4h6m     0%           362        79  79$' "$tmp/text"; then
	echo "PASS $casename text"
else
	echo "FAIL $casename text: $(head -c 600 "$tmp/text")"
fi
"$M" scan --format json --delegations "$SD" "$S"/*/* >"$tmp/json" 2>&1
case $(head -1 "$tmp/json") in
'{"kind":"as","id":"29256","start":"2012-11-29T10:26:'*'"start_ts":'*'"end_ts":'*'"duration_s":'*'"depth":0,"normal_slash24":362,"normal_prefixes":79,"dark_prefixes":79,"cut":false}')
	echo "PASS $casename json" ;;
*) echo "FAIL $casename json: $(head -1 "$tmp/json")" ;;
esac
if command -v python3 >/dev/null 2>&1; then
	if python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$tmp/json" 2>/dev/null; then echo "PASS $casename json-parses"
	else echo "FAIL $casename json-parses"; fi
fi
# An outage still going on at the end of the data: cut Syria on 30 November.
"$M" scan --format tsv "$S"/*/*.201211* >"$tmp/ong" 2>&1
if grep -q '^as	29256	2012-11-29T10:26:[0-9][0-9]Z	ongoing	' "$tmp/ong"; then echo "PASS $casename ongoing"
else echo "FAIL $casename ongoing: $(cat "$tmp/ong")"; fi

usage_error not-a-delegation-file "README.md:3:" "$M" scan --delegations "$E/README.md" /dev/null
usage_error missing-delegation-file "no/such/file" "$M" scan --delegations no/such/file /dev/null
usage_error bad-below "'0'" "$M" scan --below 0 /dev/null
usage_error bad-min-size "lots" "$M" scan --min-size lots /dev/null
usage_error bad-sort "random" "$M" scan --sort random /dev/null
usage_error no-files "no input file" "$M" scan
