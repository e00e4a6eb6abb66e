#!/bin/sh
# dump on a pool of worker threads (--threads N, issue 16.2) writes what one
# thread writes, byte for byte: stdout, stderr (damage in its place) and the
# exit status, on every fixture, on inputs that span many batches (two RIB
# dumps and records cut at 4096 bytes in one stream, so peer index tables
# and cut counts cross batches and workers), and on the real-archive corpus
# (skipped when absent).
M=${MRTREACH:?}
casename=dump_threads
. "$TOP/tests/e2e/lib.sh"
F=$TOP/fixtures

# alike NAME ARGS...: dump ARGS with --threads 1, 2 and 3 gives the same
# stdout, stderr and exit status.
dump_on() {
	n=$1; shift
	"$M" dump --threads "$n" "$@"
}
alike() {
	name=$1; shift
	threads_alike "$name" dump_on "$@"
}

for f in "$F"/dump/*.mrt* "$F"/damaged/*.mrt*; do
	alike "$(basename "$(dirname "$f")")/$(basename "$f")" -m "$f"
done
alike dump-day-json --json "$F"/dump/day/* "$F"/dump/day.updates.20141222.gz
alike dump-all-merged -m "$F"/dump/*.mrt "$F"/dump/day/*
alike nk2014-merged -m "$F"/nk2014/*/*
alike nk2014-json-filtered --json --prefix 175.45.176.0/22 --more-specific "$F"/nk2014/*/*
alike early-ris -m "$F"/early-ris/*.mrt
alike multi-line -H "$F"/nk2014/*/*   # -H stays on the reading thread
# What opening the inputs reports (a missing path, a file given twice) comes
# before the pool starts, in the same place as with one thread.
alike missing-and-twice -m "$tmp/missing.mrt" "$F"/dump/bgp4mp.mrt "$F"/dump/bgp4mp.mrt \
	"$F"/damaged/gzip-cut.mrt.gz

# One stream of many batches: a RIB dump, records cut at 4096 bytes, damage,
# the RIB dump again (a second peer index table for the same input), cuts again.
rib=$(ls "$F"/nk2014/*/rib.*.bz2 | head -n 1)
{
	bzip2 -dc "$rib"; cat "$F"/damaged/cut-at-4096.mrt "$F"/damaged/attr-overrun.mrt
	bzip2 -dc "$rib"; cat "$F"/damaged/cut-at-4096.mrt "$F"/damaged/rib-before-peer-table.mrt
} >"$tmp/long.mrt"
alike long-stream -m "$tmp/long.mrt"
gzip -c "$tmp/long.mrt" >"$tmp/long.mrt.gz"
alike long-stream-gz -m "$tmp/long.mrt.gz" "$F"/damaged/gzip-cut.mrt.gz

# A closed pipe (`| head`) stops it early and quietly, as with one thread.
{ "$M" dump -m --threads 2 "$tmp/long.mrt" 2>/dev/null; echo $? >"$tmp/rc"; } | head -n 1 >/dev/null
rc=$(cat "$tmp/rc")
if [ "$rc" -le 1 ]; then
	echo "PASS $casename closed-pipe"
else
	echo "FAIL $casename closed-pipe: exit $rc"
fi

usage_error threads-zero "--threads" "$M" dump --threads 0 "$F"/dump/bgp4mp.mrt
usage_error threads-word "--threads" "$M" dump --threads many "$F"/dump/bgp4mp.mrt

corpus "real archives, one thread against several"
for f in "$corpus"/test_data/*; do
	alike "corpus-$(basename "$f")" -m "$f"
done
alike corpus-merged -m "$corpus"/test_data/*
