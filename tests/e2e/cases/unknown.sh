#!/bin/sh
# unknown: time without data is unknown, never dark (issue 11.1, the state
# side): blackout on nk2014 with update files removed.
#  - one collector's hour missing: the other collector decides alone, the
#    16:15:31 window stays exact;
#  - both collectors' hour missing: the window ends where the data stops,
#    with end bounds, and the gaps are listed (text, tsv, json);
#  - property: every fifth hour left out of both collectors: no window
#    crosses the missing hour without bounds, and every window that ended
#    before it is the one the complete data gives;
#  - property: any one update file (every seventh) left out: every window
#    that ended before it is the complete data's;
#  - scan: the event open when the data stops ends there; the hour without
#    any collector's data is listed;
#  - --below: a prefix still unknown is left out of the visible share, so
#    the known rest decides a window;
#  - one collector's data ending hours before the other's: a gap to the end
#    of the data, the other decides alone.
M=${MRTREACH:?}
casename=unknown
. "$TOP/tests/e2e/lib.sh"
nk2014 rrc00
eval "set -- $NK2014"

# windows FILE...: start_ts end_ts start_earliest start_latest end_earliest end_latest per window
windows() {
	"$M" blackout $T --format tsv "$@" 2>/dev/null | grep -v '^#' | cut -f3,4,16-19
}

windows "$@" >"$tmp/full"

# shellcheck disable=SC2086
windows $(without '*route-views2/updates.20141223.01*' "$@") >"$tmp/one"
# 2014-12-22 16:15:31 .. 01:46:xx, decided by rrc00 alone, exact
awk -F'\t' '$1 == 1419264931 { ok = ($4 == $3 && $6 == $5 && $2 >= 1419298800 && $2 < 1419299400) }
	END { exit !ok }' "$tmp/one"
result one-collector-missing-hour-decided-by-the-other $? "$(grep 1419264931 "$tmp/one")"

# shellcheck disable=SC2086
rest=$(without '*20141223.01*' "$@")
# shellcheck disable=SC2086
"$M" blackout $T $rest >"$tmp/text" 2>/dev/null
grep -q '^gaps in the data (a window across one has bounds): route-views2 2014-12-23T01:00:00Z/2014-12-23T02:00:00Z update files missing, rrc00 2014-12-23T01:00:00Z/2014-12-23T02:00:00Z update files missing$' "$tmp/text" &&
grep -q '^2014-12-22 16:15:31 UTC  between 2014-12-23 01:00:00 and 2014-12-23 [0-9:]* UTC  8h44m .*; end not decided by the data (gaps above)' "$tmp/text"
result both-missing-text-bounds $? "$(head -c 600 "$tmp/text")"
# shellcheck disable=SC2086
windows $rest >"$tmp/both"
awk -F'\t' '$1 == 1419264931 { ok = ($2 == 1419296400 && $5 == 1419296400 && $6 >= 1419300000) } END { exit !ok }' "$tmp/both"
result both-missing-window-ends-where-the-data-stops $? "$(grep 1419264931 "$tmp/both")"
# shellcheck disable=SC2086
"$M" blackout $T --format json $rest 2>/dev/null | head -13 | tail -1 >"$tmp/json"
grep -q '"end_earliest_ts":1419296400,"end_latest_ts":[0-9]*,"gaps":\[{"collector":"route-views2","from_ts":1419296400,"until_ts":1419300000,"reason":"update files missing"},{"collector":"rrc00",' "$tmp/json"
result both-missing-json-bounds-and-gaps $? "$(head -c 600 "$tmp/json")"

# The complete data's windows that ended before `from`, and a run's.
before() { awk -F'\t' -v t="$1" '$2 < t' "$2"; }

bad=0 tried=0
for hh in 2014122104 2014122109 2014122114 2014122119 2014122200 2014122205 2014122210 \
	2014122215 2014122220 2014122301; do
	tried=$((tried + 1))
	d=${hh%??}; h=${hh#????????}
	from=$(date -u -d "$(day_hour "$hh")" +%s)
	until=$((from + 3600))
	# shellcheck disable=SC2086
	windows $(without "*$d.$h*" "$@") >"$tmp/run"
	# a window across [from, until) has bounds on the side that is in it
	crossing=$(awk -F'\t' -v f="$from" -v u="$until" \
		'$3 < u && ($2 > f || $2 == "") && !(($4 > $3 && $4 > f) || ($6 > $5 && $5 <= f))' "$tmp/run")
	if [ -n "$crossing" ] || [ "$(before "$from" "$tmp/run")" != "$(before "$from" "$tmp/full")" ]; then
		bad=$((bad + 1)); echo "  without $hh: crossing '$crossing'"
	fi
done
[ $bad -eq 0 ]
result no-window-crosses-a-missing-hour-unbounded $? "$bad of $tried"

bad=0 tried=0 k=0
for f in "$@"; do
	case $f in *rib.*|*bview.*) continue ;; esac
	k=$((k + 1)); [ $((k % 7)) -eq 3 ] || continue
	tried=$((tried + 1))
	from=$(date -u -d "$(update_hour "$f")" +%s)
	rest=$(without "$f" "$@")
	# shellcheck disable=SC2086
	windows $rest >"$tmp/run"
	if [ "$(before "$from" "$tmp/run")" != "$(before "$from" "$tmp/full")" ]; then
		bad=$((bad + 1)); echo "  without $f"
	fi
done
[ $bad -eq 0 ] && [ $tried -gt 10 ]
result one-file-left-out-keeps-earlier-windows $? "$bad of $tried"

# scan: the outage open when both collectors' data stops ends there, and
# the hour without data is said
# shellcheck disable=SC2086
"$M" scan $(without '*20141223.01*' "$@") >"$tmp/scan" 2>/dev/null
grep -q '^as       131279   2014-12-22 16:15:31 UTC  2014-12-23 01:00:00 UTC  8h44m .*(then no data decides: it may have lasted longer)$' "$tmp/scan" &&
grep -q '^no data from any collector: 2014-12-23 01:00:00 UTC to 2014-12-23 02:00:00 UTC (1h): nothing can be said of it$' "$tmp/scan"
result scan-stops-at-missing-data $? "$(head -c 600 "$tmp/scan")"
# shellcheck disable=SC2086
"$M" scan --format json $(without '*20141223.01*' "$@") 2>/dev/null | grep -c '^{"kind":"no_data","start":"2014-12-23T01:00:00Z","end":"2014-12-23T02:00:00Z","start_ts":1419296400,"end_ts":1419300000,"duration_s":3600}$' >"$tmp/n"
[ "$(cat "$tmp/n")" = 1 ]
result scan-json-no-data $? "$(cat "$tmp/n")"

# --below: unknown prefixes are left out of the share. rrc00 alone without
# its 01:00 file of 23 Dec; the four targets and 14.14.115.0/24, which no
# update proves after the gap: once the targets are proven dark again
# (03:41:26) the share of the known part (0 of 4) decides the window, which
# counting the unknown prefix as invisible would leave undecided for good.
cat >"$tmp/want" <<'W'
2014-12-22T16:15:08Z	2014-12-23T01:00:00Z	1419264908	1419296400	0.2	1419264908	1419264908	1419296400	1419306086
2014-12-23T03:41:26Z	2014-12-23T04:12:15Z	1419306086	1419307935	0	1419296400	1419306086	1419307935	1419307935
W
# shellcheck disable=SC2046
"$M" blackout $T --prefix 14.14.115.0/24 --below 0.5 --weight prefixes --format tsv \
	$(without '*20141223.0100*' "$N"/rrc00/bview.20141221.0000.gz "$N"/rrc00/updates.*.gz) 2>/dev/null |
	tail -2 | cut -f1-4,15-19 >"$tmp/below"
cmp -s "$tmp/want" "$tmp/below"
result below-share-leaves-unknown-prefixes-out $? "$(diff "$tmp/want" "$tmp/below" | tr '\n' ' ')"

# One collector's data ends first: rrc00 without its files of 23 Dec while
# route-views2 goes on to 05:59. From 00:00 (the end of its last file's
# hour) rrc00's vantage points are unknown, not held at their routes of
# 23:59 (which put the outage's end at 01:47:07 and kept a stale rrc00 route
# "held throughout" the 03:42 outage): route-views2, 8 of 16 full-feed
# vantage points known, decides both windows exactly. One warning; the
# gap is listed in every window across it.
# shellcheck disable=SC2046
"$M" blackout $T --format tsv $(without '*rrc00/updates.20141223*' "$@") 2>"$tmp/err" |
	tail -2 | cut -f1-4,15-20 >"$tmp/ended"
cat >"$tmp/want" <<'W'
2014-12-22T16:15:31Z	2014-12-23T01:46:38Z	1419264931	1419299198	0	1419264931	1419264931	1419299198	1419299198	rrc00 2014-12-23T00:00:00Z/2014-12-23T05:59:12Z its data ends before the other collectors'
2014-12-23T03:42:09Z	2014-12-23T04:11:51Z	1419306129	1419307911	0	1419306129	1419306129	1419307911	1419307911	rrc00 2014-12-23T00:00:00Z/2014-12-23T05:59:12Z its data ends before the other collectors'
W
cmp -s "$tmp/want" "$tmp/ended" &&
	[ "$(cat "$tmp/err")" = "mrtreach: warning: rrc00: gap in its data from 2014-12-23 00:00:00 to 2014-12-23 05:59:12 UTC (5h59m): its data ends before the other collectors'; a window across it is not decided by the data" ]
result one-collectors-data-ending-first-is-a-gap $? "$(diff "$tmp/want" "$tmp/ended" | tr '\n' ' ') $(cat "$tmp/err")"
