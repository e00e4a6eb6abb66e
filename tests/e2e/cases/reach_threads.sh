#!/bin/sh
# blackout, timeline and origins with records decoded on worker threads
# (MRTREACH_THREADS, issue 16) give what one thread gives, byte for byte:
# stdout, stderr (damage and gap warnings in their places) and the exit
# status, with 2 and 3 workers. Inputs: the nk2014 set (bzip2 RouteViews and
# gzip RIS), with an hour left out (a gap of both collectors) and with damaged
# files among them; one gzip stream of many batches holding a RIB dump twice
# (its peer index table crosses batches and workers), records cut at 4096
# bytes and damage; a collector's stretch without records (silence) and a
# collector restart; text and tsv. The routing state stays on one thread: a
# stop it asks for (a closed pipe, a --visibility count never met) stops as
# with one thread.
M=${MRTREACH:?}
casename=reach_threads
. "$TOP/tests/e2e/lib.sh"
nk2014 rrc00
eval "set -- $NK2014"
F=$TOP/fixtures
D=$F/damaged

# alike NAME ARGS...: mrtreach ARGS with MRTREACH_THREADS 1, 2 and 3 gives
# the same stdout, stderr and exit status.
reach_on() {
	n=$1; shift
	MRTREACH_THREADS=$n "$M" "$@"
}
alike() {
	name=$1; shift
	threads_alike "$name" reach_on "$@"
}

for fmt in text tsv; do
	alike "nk2014-blackout-$fmt" blackout $T --format $fmt --no-sparkline "$@"
	alike "nk2014-timeline-$fmt" timeline $T --format $fmt "$@"
	alike "nk2014-origins-$fmt" origins $T --format $fmt "$@"
done
alike nk2014-timeline-interval timeline $T --interval 3600 "$@"
alike nk2014-covering blackout $T --covering --no-sparkline "$@"

rest=$(without '*20141223.0100*' "$@")
# shellcheck disable=SC2086
alike nk2014-hour-missing blackout $T --no-sparkline $rest
# shellcheck disable=SC2086
alike nk2014-hour-missing-timeline-tsv timeline $T --format tsv $rest
alike nk2014-damaged-among blackout $T --no-sparkline "$@" "$D"/gzip-cut.mrt.gz \
	"$D"/attr-overrun.mrt "$D"/cut-at-4096.mrt "$D"/rib-before-peer-table.mrt "$tmp/missing.mrt"
alike nk2014-damaged-among-timeline timeline $T --format tsv "$@" "$D"/bgp4mp-cut-in-message.mrt \
	"$D"/nlri-breaks-partway.mrt "$D"/garbage-between-records.mrt

# One gzip stream of many batches: a RIB dump, records cut at 4096 bytes,
# damage, the RIB dump again (a second peer index table), updates.
rib=$(ls "$N"/route-views2/rib.*.bz2 | head -n 1)
{
	bzip2 -dc "$rib"; cat "$D"/cut-at-4096.mrt "$D"/attr-overrun.mrt
	bzip2 -dc "$rib"; bzip2 -dc "$N"/route-views2/updates.20141222.*.bz2
	cat "$D"/cut-at-4096.mrt "$D"/rib-before-peer-table.mrt
} | gzip -c >"$tmp/long.mrt.gz"
alike long-stream blackout $T --no-sparkline "$tmp/long.mrt.gz"
alike long-stream-timeline-tsv timeline $T --format tsv "$tmp/long.mrt.gz" "$D"/gzip-cut.mrt.gz

if [ -e "$F/silence/README.md" ] && [ -e "$F/restart/README.md" ]; then
	for fmt in text tsv; do
		alike "silence-blackout-$fmt" blackout --prefix 203.0.113.0/24 --format $fmt --no-sparkline \
			"$F"/silence/route-views3/* "$F"/restart/rrc01/*
		alike "restart-timeline-$fmt" timeline --prefix 203.0.113.0/24 --format $fmt \
			"$F"/restart/route-views3/* "$F"/restart/rrc01/*
	done
fi

# A count of vantage points never met stops the pass (exit 2, one note).
alike visibility-count-never-met blackout $T --visibility 1000 "$@"

# A closed pipe (`| head`) stops it early and quietly, as with one thread.
{ MRTREACH_THREADS=3 "$M" timeline $T "$@" 2>/dev/null; echo $? >"$tmp/rc"; } | head -n 1 >/dev/null
rc=$(cat "$tmp/rc")
if [ "$rc" -le 1 ]; then
	echo "PASS $casename closed-pipe"
else
	echo "FAIL $casename closed-pipe: exit $rc"
fi

usage_error threads-zero "MRTREACH_THREADS" env MRTREACH_THREADS=0 "$M" blackout $T "$@"
usage_error threads-word "MRTREACH_THREADS" env MRTREACH_THREADS=many "$M" blackout $T "$@"
