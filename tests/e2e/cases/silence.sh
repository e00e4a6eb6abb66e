#!/bin/sh
# silence: a stretch without records inside a file that exists is a gap
# (issue 11.1), on fixtures/silence (its README tells the set): route-views3's
# one update file of 00:00-04:00 has no record from 01:58:21 to 03:03:40.
# The file names cannot say so (one update file: no cadence); looking
# ahead in the merge, the pipeline finds the stretch before the state moves
# past its start, so route-views3's vantage points are unknown from
# 01:58:22, as with a missing file, and after it their routes to the target
# stay unknown until proven (nothing proves them): with rrc01's four of ten
# the target is unknown to the end, not visible on stale routes. The report
# lists the gap the state was given, and stderr warns of it once. Exact
# output in every format.
M=${MRTREACH:?}
casename=silence
. "$TOP/tests/e2e/lib.sh"
if [ ! -e "$TOP/fixtures/silence/README.md" ]; then echo "SKIP $casename: no fixtures/silence"; exit 0; fi
set -- "$TOP"/fixtures/silence/route-views3/* "$TOP"/fixtures/restart/rrc01/*
T="--prefix 203.0.113.0/24"
want_err="mrtreach: warning: route-views3: gap in its data from 2021-03-15 01:58:22 to 2021-03-15 03:03:40 UTC (1h05m): no records in its files; a window across it is not decided by the data"

cat >"$tmp/want" <<'W'
blackout of 203.0.113.0/24: 1 target prefix in the data
rule: visible = seen by at least half of the full-feed vantage points
collectors: route-views3 (6 vantage points, full-feed: 6 IPv4), rrc01 (4 vantage points, full-feed: 4 IPv4)
gaps in the data (a window across one has bounds): route-views3 2021-03-15T01:58:22Z/2021-03-15T03:03:40Z no records in its files
1 window of total blackout (no target prefix visible), by time
start (UTC)              end (UTC)                duration   full-feed VPs still holding a target route
2021-03-15 01:20:15 UTC  2021-03-15 01:50:08 UTC  29m53s     4/10 full-feed VPs at the start, 0 at the fewest; lowest share 0%
W
# shellcheck disable=SC2086
same blackout-text "$tmp/want" "$M" blackout $T --no-sparkline "$@"

cat >"$tmp/want" <<'W'
# blackout of 203.0.113.0/24; visible = seen by at least half of the full-feed vantage points
# collectors: route-views3 (6 vantage points, full-feed: 6 IPv4), rrc01 (4 vantage points, full-feed: 4 IPv4)
#start	end	start_ts	end_ts	duration_s	duration	prefixes	vantage_points	full_feed	full_feed_with_route_at_start	vps_with_route_at_start	min_full_feed_with_route	min_vps_with_route	note	min_share	start_earliest_ts	start_latest_ts	end_earliest_ts	end_latest_ts	gaps	held_throughout	held_throughout_count
# gaps: route-views3 2021-03-15T01:58:22Z/2021-03-15T03:03:40Z no records in its files
2021-03-15T01:20:15Z	2021-03-15T01:50:08Z	1615771215	1615773008	1793	29m53s	203.0.113.0/24	10	10	4	4	0	0	-	0	1615771215	1615771215	1615773008	1615773008			0
W
# shellcheck disable=SC2086
same blackout-tsv "$tmp/want" "$M" blackout $T --format tsv "$@"

cat >"$tmp/want" <<'W'
{"start":"2021-03-15T01:20:15Z","end":"2021-03-15T01:50:08Z","start_ts":1615771215,"end_ts":1615773008,"duration_s":1793,"ongoing":false,"dark_at_data_start":false,"start_earliest_ts":1615771215,"start_latest_ts":1615771215,"end_earliest_ts":1615773008,"end_latest_ts":1615773008,"gaps":[],"prefixes":["203.0.113.0/24"],"vantage_points":10,"full_feed":10,"full_feed_with_route_at_start":4,"vps_with_route_at_start":4,"min_full_feed_with_route":0,"min_vps_with_route":0,"rule":"majority","covering":false,"held_throughout":[],"held_throughout_count":0,"min_share":0}
W
# shellcheck disable=SC2086
same blackout-json "$tmp/want" "$M" blackout $T --format json "$@"

# (text at 40%: the restart case has the majority rule's lines)
cat >"$tmp/want" <<'W'
timeline of 203.0.113.0/24
rule: visible = seen by at least 40% of the full-feed vantage points
time (UTC)               prefix              now        full-feed VPs seeing it
2021-03-15 00:00:00 UTC  203.0.113.0/24      visible    10/10 (10 VPs in all)
2021-03-15 01:20:18 UTC  203.0.113.0/24      invisible  3/10 (3 VPs in all)
2021-03-15 01:50:08 UTC  203.0.113.0/24      visible    3/6 (3 VPs in all; 4 full-feed unknown)
2021-03-15 01:58:22 UTC  203.0.113.0/24      unknown    4/4 (4 VPs in all; 6 full-feed unknown)
collectors: route-views3 (6 vantage points, full-feed: 6 IPv4), rrc01 (4 vantage points, full-feed: 4 IPv4); 1 target prefix, 0 visible at the end, 1 unknown
W
# shellcheck disable=SC2086
same timeline-text "$tmp/want" "$M" timeline $T --visibility 40% "$@"

cat >"$tmp/want" <<'W'
# timeline of 203.0.113.0/24; visible = seen by at least half of the full-feed vantage points
#time	ts	prefix	visible	full_feed_seeing	full_feed	vps_seeing
2021-03-15T00:00:00Z	1615766400	203.0.113.0/24	1	10	10	10
2021-03-15T01:20:15Z	1615771215	203.0.113.0/24	0	4	10	4
2021-03-15T01:50:08Z	1615773008	203.0.113.0/24	1	3	6	3
2021-03-15T01:58:22Z	1615773502	203.0.113.0/24	-	4	4	4
# collectors: route-views3 (6 vantage points, full-feed: 6 IPv4), rrc01 (4 vantage points, full-feed: 4 IPv4); 1 target prefix, 0 visible at the end, 1 unknown
W
# shellcheck disable=SC2086
same timeline-tsv "$tmp/want" "$M" timeline $T --format tsv "$@"

cat >"$tmp/want" <<'W'
{"time":"2021-03-15T00:00:00Z","ts":1615766400,"prefix":"203.0.113.0/24","visible":true,"full_feed_seeing":10,"full_feed":10,"vps_seeing":10}
{"time":"2021-03-15T01:20:15Z","ts":1615771215,"prefix":"203.0.113.0/24","visible":false,"full_feed_seeing":4,"full_feed":10,"vps_seeing":4}
{"time":"2021-03-15T01:50:08Z","ts":1615773008,"prefix":"203.0.113.0/24","visible":true,"full_feed_seeing":3,"full_feed":6,"vps_seeing":3,"full_feed_unknown":4}
{"time":"2021-03-15T01:58:22Z","ts":1615773502,"prefix":"203.0.113.0/24","visible":null,"full_feed_seeing":4,"full_feed":4,"vps_seeing":4,"full_feed_unknown":6}
W
# shellcheck disable=SC2086
same timeline-json "$tmp/want" "$M" timeline $T --format json "$@"

# stats (no state) reports the same gap, from the same detection
cat >"$tmp/want" <<'W'
coverage               route-views3: 2021-03-15 00:00:00 UTC to 2021-03-15 03:57:50 UTC, 2 files (1 RIB dump), 1 gap (1h5m18s)
                       rrc01: 2021-03-15 00:00:00 UTC to 2021-03-15 03:56:20 UTC, 5 files (1 RIB dump), no gap
  gap  route-views3 2021-03-15 01:58:22 UTC to 2021-03-15 03:03:40 UTC (1h5m18s): no records in its files
W
"$M" stats "$@" 2>/dev/null | sed -n '/^coverage/,$p' >"$tmp/out"
cmp -s "$tmp/want" "$tmp/out"
result stats-coverage $? "$(diff "$tmp/want" "$tmp/out" | head -4 | tr '\n' ' ')"

