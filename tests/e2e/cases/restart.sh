#!/bin/sh
# restart: a collector restart is unknown time, never a window (issue 11.1),
# on fixtures/restart (its README has the script and the expected answers):
#  - both collectors: rrc01's first restart (00:40) opens no window, its
#    second (01:49, during the outage) does not extend the outage past
#    route-views3's return at 01:50:08; the single reset of route-views3 B4
#    (02:40:30) keeps the old rule: a window, 4 of 10 (not of 9);
#  - rrc01 alone: the restarts leave nothing known, so the outage's end
#    gets bounds, and the first restart still opens no window;
#  - timeline on rrc01 alone: the target turning unknown is said as such
#    in text, tsv and json (not as invisible), and the --interval series
#    counts the unknown prefixes;
#  - origins on rrc01 alone: the (prefix, origin) is not visible while
#    the prefix is unknown (fewer than half of its routes known), so its
#    windows break where the timeline says unknown, not a second later;
#  - the same windows as the README's table.
M=${MRTREACH:?}
casename=restart
. "$TOP/tests/e2e/lib.sh"
R=$TOP/fixtures/restart
if [ ! -e "$R/README.md" ]; then echo "SKIP $casename: no fixtures/restart"; exit 0; fi
set -- "$R"/route-views3/* "$R"/rrc01/*
T="--prefix 203.0.113.0/24"

cat >"$tmp/want" <<'W'
blackout of 203.0.113.0/24: 1 target prefix in the data
rule: visible = seen by at least half of the full-feed vantage points
collectors: route-views3 (6 vantage points, full-feed: 6 IPv4), rrc01 (4 vantage points, full-feed: 4 IPv4)
2 windows of total blackout (no target prefix visible), by time
start (UTC)              end (UTC)                duration   full-feed VPs still holding a target route
2021-03-15 01:20:15 UTC  2021-03-15 01:50:08 UTC  29m53s     4/10 full-feed VPs at the start, 0 at the fewest; lowest share 0%
2021-03-15 02:40:30 UTC  2021-03-15 02:44:00 UTC  3m30s      4/10 full-feed VPs at the start, 4 at the fewest; held throughout by route-views3 198.51.100.25 AS2914, route-views3 198.51.100.26 AS7018, rrc01 192.0.2.13 AS13237, rrc01 192.0.2.14 AS20562; lowest share 0%
W
# shellcheck disable=SC2086
same restarts-open-and-extend-no-window "$tmp/want" "$M" blackout $T --no-sparkline "$@"

cat >"$tmp/want" <<'W'
timeline of 203.0.113.0/24
rule: visible = seen by at least half of the full-feed vantage points
time (UTC)               prefix              now        full-feed VPs seeing it
2021-03-15 00:00:00 UTC  203.0.113.0/24      visible    10/10 (10 VPs in all)
2021-03-15 01:20:15 UTC  203.0.113.0/24      invisible  4/10 (4 VPs in all)
2021-03-15 01:50:08 UTC  203.0.113.0/24      visible    3/6 (3 VPs in all; 4 full-feed unknown)
2021-03-15 02:40:30 UTC  203.0.113.0/24      invisible  4/10 (4 VPs in all)
2021-03-15 02:44:00 UTC  203.0.113.0/24      visible    5/10 (5 VPs in all)
collectors: route-views3 (6 vantage points, full-feed: 6 IPv4), rrc01 (4 vantage points, full-feed: 4 IPv4); 1 target prefix, 1 visible at the end
W
# shellcheck disable=SC2086
same single-reset-keeps-old-rule "$tmp/want" "$M" timeline $T "$@"

cat >"$tmp/want" <<'W'
#start	end	start_ts	end_ts	duration_s	duration	prefixes	vantage_points	full_feed	full_feed_with_route_at_start	vps_with_route_at_start	min_full_feed_with_route	min_vps_with_route	note	min_share	start_earliest_ts	start_latest_ts	end_earliest_ts	end_latest_ts	gaps	held_throughout	held_throughout_count
2021-03-15T01:20:15Z	2021-03-15T01:49:33Z	1615771215	1615772973	1758	29m18s	203.0.113.0/24	4	4	1	1	0	0	-	0	1615771215	1615771215	1615772973	1615773182			0
W
# shellcheck disable=SC2086
"$M" blackout $T --format tsv "$R"/rrc01/* 2>"$tmp/err" | grep -v '^# ' >"$tmp/out"
cmp -s "$tmp/want" "$tmp/out" && [ ! -s "$tmp/err" ]
check=$?
if [ $check -eq 0 ]; then echo "PASS $casename one-collector-restart-bounds"
else echo "FAIL $casename one-collector-restart-bounds: $(diff "$tmp/want" "$tmp/out" | head -4 | tr '\n' ' ') $(head -c 200 "$tmp/err")"; fi
# shellcheck disable=SC2086
"$M" blackout $T "$R"/rrc01/* 2>/dev/null | grep -c 'end not decided by the data (routes unknown after a collector restart or a gap)' >"$tmp/n"
if [ "$(cat "$tmp/n")" = 1 ]; then echo "PASS $casename restart-bounds-said-in-text"
else echo "FAIL $casename restart-bounds-said-in-text: $(cat "$tmp/n")"; fi

# the README's windows (computed by the generator from its script)
sed -n '/^## Expected answers/,/^The target/p' "$R/README.md" | grep '^| [0-9]' | cut -d'|' -f3,4 |
	sed 's/ //; s/ | / /; s/ $//' >"$tmp/readme"
# shellcheck disable=SC2086
"$M" blackout $T --format tsv "$@" 2>/dev/null | grep -v '^#' | cut -f1,2 |
	sed 's/T/ /g; s/Z//g; s/\t/ /' >"$tmp/got"
if [ -s "$tmp/readme" ] && cmp -s "$tmp/readme" "$tmp/got"; then echo "PASS $casename readme-windows"
else echo "FAIL $casename readme-windows: $(diff "$tmp/readme" "$tmp/got" | head -4 | tr '\n' ' ')"; fi

# timeline on rrc01 alone: unknown, not invisible
cat >"$tmp/want" <<'W'
timeline of 203.0.113.0/24
rule: visible = seen by at least half of the full-feed vantage points
time (UTC)               prefix              now        full-feed VPs seeing it
2021-03-15 00:00:00 UTC  203.0.113.0/24      visible    4/4 (4 VPs in all)
2021-03-15 00:40:03 UTC  203.0.113.0/24      unknown    1/1 (1 VPs in all; 3 full-feed unknown)
2021-03-15 00:42:02 UTC  203.0.113.0/24      visible    2/2 (2 VPs in all; 2 full-feed unknown)
2021-03-15 01:20:15 UTC  203.0.113.0/24      invisible  1/4 (1 VPs in all)
2021-03-15 01:49:33 UTC  203.0.113.0/24      unknown    0/1 (0 VPs in all; 3 full-feed unknown)
2021-03-15 01:53:02 UTC  203.0.113.0/24      visible    2/2 (2 VPs in all; 2 full-feed unknown)
collectors: rrc01 (4 vantage points, full-feed: 4 IPv4); 1 target prefix, 1 visible at the end
W
# shellcheck disable=SC2086
same timeline-says-unknown "$tmp/want" "$M" timeline $T "$R"/rrc01/*

cat >"$tmp/want" <<'W'
2021-03-15T00:40:03Z	1615768803	203.0.113.0/24	-	1	1	1
2021-03-15T01:20:15Z	1615771215	203.0.113.0/24	0	1	4	1
2021-03-15T01:49:33Z	1615772973	203.0.113.0/24	-	0	1	0
W
# shellcheck disable=SC2086
"$M" timeline $T --format tsv "$R"/rrc01/* 2>/dev/null | grep -v '^#' | grep -v '	1	[0-9]*	[0-9]*	[0-9]*$' >"$tmp/out"
if cmp -s "$tmp/want" "$tmp/out"; then echo "PASS $casename timeline-tsv-dash-for-unknown"
else echo "FAIL $casename timeline-tsv-dash-for-unknown: $(diff "$tmp/want" "$tmp/out" | head -4 | tr '\n' ' ')"; fi

# shellcheck disable=SC2086
"$M" timeline $T --format json "$R"/rrc01/* 2>/dev/null | grep -c '"visible":null,.*"full_feed_unknown":3}$' >"$tmp/n"
if [ "$(cat "$tmp/n")" = 2 ]; then echo "PASS $casename timeline-json-null-for-unknown"
else echo "FAIL $casename timeline-json-null-for-unknown: $(cat "$tmp/n")"; fi

cat >"$tmp/want" <<'W'
#time	ts	visible_prefixes	target_prefixes	unknown_prefixes	full_feed	visible_slash24	share	203.0.113.0/24
2021-03-15T01:40:00Z	1615772400	0	1	0	4	0	0	0
2021-03-15T01:50:00Z	1615773000	0	1	1	4	0	0	0
2021-03-15T02:00:00Z	1615773600	1	1	0	4	1	1	4
W
# shellcheck disable=SC2086
"$M" timeline $T --interval 10m --format tsv "$R"/rrc01/* 2>/dev/null | grep -e '^#time' -e 'T01:[45]0' -e 'T02:00' >"$tmp/out"
if cmp -s "$tmp/want" "$tmp/out"; then echo "PASS $casename series-counts-unknown"
else echo "FAIL $casename series-counts-unknown: $(diff "$tmp/want" "$tmp/out" | head -4 | tr '\n' ' ')"; fi
# complete data: no unknown column
# shellcheck disable=SC2086
"$M" timeline $T --interval 1h --format tsv "$@" 2>/dev/null | grep -c unknown >"$tmp/n"
if [ "$(cat "$tmp/n")" = 0 ]; then echo "PASS $casename series-without-unknown-time-has-no-column"
else echo "FAIL $casename series-without-unknown-time-has-no-column"; fi

# origins: the prefix's unknown rule applies to its origin
cat >"$tmp/want" <<'W'
203.0.113.0/24	64500	2021-03-15T00:00:00Z	2021-03-15T00:40:03Z
203.0.113.0/24	64500	2021-03-15T00:42:02Z	2021-03-15T01:20:15Z
203.0.113.0/24	64500	2021-03-15T01:53:02Z	ongoing
W
# shellcheck disable=SC2086
"$M" origins $T --format tsv "$R"/rrc01/* 2>/dev/null | grep -v '^#' | cut -f1-4 >"$tmp/out"
if cmp -s "$tmp/want" "$tmp/out"; then echo "PASS $casename origins-unknown-as-the-prefix"
else echo "FAIL $casename origins-unknown-as-the-prefix: $(diff "$tmp/want" "$tmp/out" | head -4 | tr '\n' ' ')"; fi
