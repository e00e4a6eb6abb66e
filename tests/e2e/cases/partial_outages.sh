#!/bin/sh
# The egypt2011 and syria2012 reconstructions: blackout --country with and
# without --below gives the windows the published timelines imply (the
# peers follow the scripted second within a minute), by both weightings.
M=$MRTREACH
casename=partial_outages
. "$TOP/tests/e2e/lib.sh"
incidents
EG="--country EG --delegations $ED"
SY="--country SY --delegations $SD"

# window NAME START_PATTERN END_PATTERN ARGS...: exactly one window (tsv),
# its start and end matching the patterns.
window() {
	name=$1; a=$2; b=$3; shift 3
	"$M" blackout --format tsv "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	got=$(grep -v '^#' "$tmp/out" | cut -f1,2)
	case $got in
	$a"	"$b) [ $rc -eq 0 ] && echo "PASS $casename $name" || echo "FAIL $casename $name: exit $rc" ;;
	*) echo "FAIL $casename $name: got '$got' $(head -c 200 "$tmp/err")" ;;
	esac
}

window egypt-below-space '2011-01-27T22:2[5-6]:*' '2011-02-02T09:29:*' $EG --below 0.2 "$E"/*/*
window egypt-below-prefixes '2011-01-27T22:2[5-6]:*' '2011-02-02T09:29:*' $EG --below 0.2 --weight prefixes "$E"/*/*
window egypt-total '2011-01-31T20:4[6-7]:*' '2011-02-02T09:29:*' $EG "$E"/*/*
window egypt-kenya-small-outage '2011-01-29T06:1[0-1]:*' '2011-01-29T06:5[2-3]:*' --country KE \
	--delegations "$E/delegated-afrinic-extended-20110126" "$E"/*/*
window syria-below '2012-11-29T10:2[6-7]:*' '2012-12-01T14:3[2-3]:*' $SY --below 0.2 "$S"/*/*
window syria-total '2012-11-29T23:4[5-6]:*' '2012-12-01T14:3[2-3]:*' $SY "$S"/*/*
# Noor alone kept 24 of 290 prefixes (8.3%): by count, --below 0.1 opens once
# only Noor is left (the last other AS goes at 22:32:55), lowest share 0.
"$M" blackout $EG --below 0.1 --weight prefixes --format json "$E"/*/* >"$tmp/json" 2>"$tmp/err"
case $(cat "$tmp/json") in
'{"start":"2011-01-27T22:3'[3-4]*'"min_share":0}') echo "PASS $casename egypt-min-share" ;;
*) echo "FAIL $casename egypt-min-share: $(head -c 300 "$tmp/json")" ;;
esac
# --delegations several times, compressed: the same window.
gzip -c "$E/delegated-afrinic-extended-20110126" >"$tmp/afrinic.gz"
bzip2 -c "$S/delegated-ripencc-extended-20121128" >"$tmp/ripe.bz2"
window egypt-two-compressed-delegation-files '2011-01-27T22:2[5-6]:*' '2011-02-02T09:29:*' --country eg \
	--delegations "$tmp/ripe.bz2" --delegations "$tmp/afrinic.gz" --below 0.2 "$E"/*/*
usage_error not-a-delegation-file "README.md:3:" "$M" blackout --country EG --delegations "$E/README.md" /dev/null
