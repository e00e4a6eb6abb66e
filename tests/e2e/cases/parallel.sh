#!/bin/sh
# GNU parallel (issue 17.4): contrib/parallel/mrtreach-parallel runs the
# shards of fixtures/nk2014 (each collector in two stretches of files) as
# parallel jobs, here and through an --sshloginfile naming this machine
# (":"), and prints the combined report: byte for byte the single run's.
# Without parallel the case says SKIP; with MRTREACH_REQUIRE_ENGINES=1 (CI)
# that is a FAIL.
M=$MRTREACH
casename=parallel
. "$TOP/tests/e2e/lib.sh"
nk2014 windows.tsv
eval "set -- $NK2014"
P=$TOP/contrib/parallel/mrtreach-parallel
if ! command -v parallel >/dev/null 2>&1; then
	if [ "${MRTREACH_REQUIRE_ENGINES:-0}" = 1 ]; then echo "FAIL $casename: GNU parallel is not installed"
	else echo "SKIP $casename: GNU parallel is not installed"; fi
	exit 0
fi
shard_list "$tmp/shards.tsv" 28 "$@"
"$M" blackout $T --format json "$@" >"$tmp/single.json"
"$M" timeline $T --no-sparkline "$@" >"$tmp/single.txt"

# run NAME WANT ARGS...: mrtreach-parallel ARGS must print WANT and exit 0.
run() {
	name=$1; want=$2; shift 2
	MRTREACH=$M "$P" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ $rc -ne 0 ]; then echo "FAIL $casename $name: exit $rc: $(head -c 300 "$tmp/err")"
	elif ! cmp -s "$want" "$tmp/out"; then echo "FAIL $casename $name: differs: $(diff "$want" "$tmp/out" | head -3 | tr '\n' ' ')"
	else echo "PASS $casename $name"; fi
}
run local-blackout "$tmp/single.json" -j 2 "$tmp/shards.tsv" "$tmp/a" blackout $T -- --format json
run local-timeline "$tmp/single.txt" -j 2 "$tmp/shards.tsv" "$tmp/b" timeline $T -- --no-sparkline
"$M" scan --format tsv "$@" >"$tmp/single.scan"
run local-scan "$tmp/single.scan" -j 2 "$tmp/shards.tsv" "$tmp/d" scan -- --format tsv
echo "2/:" >"$tmp/logins"
run sshloginfile "$tmp/single.json" --sshloginfile "$tmp/logins" "$tmp/shards.tsv" "$tmp/c" blackout $T -- --format json

# A shard whose partial is missing: the combining step names it.
rm -f "$tmp/a/shard-1.part"
MRTREACH=$M "$TOP/contrib/shards/mrtreach-combine" "$tmp/shards.tsv" "$tmp/a" blackout $T >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 2 ] && grep -q "shard-1.part: missing" "$tmp/err" && [ ! -s "$tmp/out" ]; then echo "PASS $casename missing-partial"
else echo "FAIL $casename missing-partial: exit $rc: $(head -c 200 "$tmp/err")"; fi
