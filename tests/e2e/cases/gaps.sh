#!/bin/sh
# gaps: holes in a collector's data are said, never silent (issue 11.1).
#  - the complete nk2014 set: no gap;
#  - both *20141223.0100* files left out: one warning per collector naming
#    the missing hour (the 16:15:31 window then runs across it);
#  - the 21 Dec RIB dumps with update files from 22 Dec 16:00: the 40-hour
#    gap between each RIB dump and its next update file;
#  - property: leaving out any one update file (every seventh tried) gives
#    exactly one warning, naming that file's collector and hour.
M=${MRTREACH:?}
casename=gaps
. "$TOP/tests/e2e/lib.sh"
nk2014 rrc00
eval "set -- $NK2014"

"$M" blackout $T "$@" >/dev/null 2>"$tmp/err"
[ ! -s "$tmp/err" ]
result complete-no-gap $? "$(head -c 300 "$tmp/err")"

rest=$(without '*20141223.0100*' "$@")
# shellcheck disable=SC2086
"$M" blackout $T $rest >/dev/null 2>"$tmp/err"; rc=$?
cat >"$tmp/want" <<'W'
mrtreach: warning: route-views2: gap in its data from 2014-12-23 01:00:00 to 2014-12-23 02:00:00 UTC (1h00m): update files missing; a window across it is not decided by the data
mrtreach: warning: rrc00: gap in its data from 2014-12-23 01:00:00 to 2014-12-23 02:00:00 UTC (1h00m): update files missing; a window across it is not decided by the data
W
[ $rc -eq 0 ] && cmp -s "$tmp/want" "$tmp/err"
result missing-hour-both-collectors $? "exit $rc: $(head -c 400 "$tmp/err")"

"$M" timeline $T "$N"/route-views2/rib.20141221.0000.bz2 "$N"/rrc00/bview.20141221.0000.gz \
	"$N"/route-views2/updates.20141222.1[6-9]*.bz2 "$N"/rrc00/updates.20141222.1[6-9]*.gz \
	>/dev/null 2>"$tmp/err"; rc=$?
cat >"$tmp/want" <<'W'
mrtreach: warning: route-views2: gap in its data from 2014-12-21 00:00:00 to 2014-12-22 16:00:00 UTC (1d16h): RIB dump older than the next update file; a window across it is not decided by the data
mrtreach: warning: rrc00: gap in its data from 2014-12-21 00:00:00 to 2014-12-22 16:00:00 UTC (1d16h): RIB dump older than the next update file; a window across it is not decided by the data
W
[ $rc -eq 0 ] && cmp -s "$tmp/want" "$tmp/err"
result rib-40-hours-older $? "exit $rc: $(head -c 400 "$tmp/err")"

# Property: any one update file left out (not the first or last of its
# collector: nothing says data was due before or after) is one gap of its
# collector at its hour.
bad=0 tried=0 k=0
for f in "$@"; do
	case $f in *updates.20141221.0000*|*updates.20141223.0500*|*rib.*|*bview.*) continue ;; esac
	k=$((k + 1)); [ $((k % 7)) -eq 0 ] || continue
	tried=$((tried + 1))
	rest=$(without "$f" "$@")
	# shellcheck disable=SC2086
	"$M" blackout $T $rest >/dev/null 2>"$tmp/err"
	coll=${f%/*}; coll=${coll##*/}
	when=$(update_hour "$f")
	if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q "^mrtreach: warning: $coll: gap in its data from $when to .* (1h00m): update files missing" "$tmp/err"; then
		bad=$((bad + 1)); echo "  left out $f: $(head -c 300 "$tmp/err")"
	fi
done
[ $bad -eq 0 ] && [ $tried -gt 10 ]
result any-one-file-left-out-is-one-gap $? "$bad of $tried wrong"
