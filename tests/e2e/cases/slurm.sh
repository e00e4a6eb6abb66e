#!/bin/sh
# A real Slurm (issue 17.5): a single-node cluster on localhost from
# Debian's packages (munged, slurmctld, slurmd) with a minimal config under
# a temporary directory runs fixtures/nk2014 as a job array of four shards
# (contrib/slurm/mrtreach-slurm, throttled to two at once) and the
# combining job (--dependency=afterok); its report must be byte for byte
# the single run's; so must scan's over the same shards. Every daemon
# started here is stopped on exit, also on failure. Where the daemons
# cannot start the case says SKIP with the reason; with
# MRTREACH_REQUIRE_ENGINES=1 (CI) that is a FAIL.
M=$MRTREACH
casename=slurm
. "$TOP/tests/e2e/lib.sh"
nk2014 windows.tsv
eval "set -- $NK2014"

# skip WHY: SKIP, or FAIL where Slurm is required.
skip() {
	if [ "${MRTREACH_REQUIRE_ENGINES:-0}" = 1 ]; then echo "FAIL $casename: $1 (MRTREACH_REQUIRE_ENGINES=1)"
	else echo "SKIP $casename: $1"; fi
	exit 0
}
for p in munged slurmctld slurmd sbatch squeue scontrol sinfo; do
	command -v "$p" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
	command -v "$p" >/dev/null 2>&1 || skip "$p is not installed (packages slurm-wlm, munge)"
done
[ "$(id -u)" = 0 ] || skip "not root (the test cluster runs its daemons as root)"

# A short directory of its own: the munge socket path must stay short.
D=$(mktemp -d /tmp/mrslurm.XXXXXX)
export SLURM_CONF="$D/slurm.conf"
stop() {
	# Every daemon started here, by the pids they wrote: asked first, then killed.
	scontrol shutdown >/dev/null 2>&1
	for f in "$D/slurmctld.pid" "$D/slurmd.pid" "$D/munge/munged.pid"; do
		[ -s "$f" ] || continue
		pid=$(cat "$f")
		[ "$f" = "$D/munge/munged.pid" ] && munged --stop --socket="$D/munge/sock" >/dev/null 2>&1
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$pid" 2>/dev/null
	done
	rm -rf "$D" "$tmp"
}
trap stop EXIT
trap 'exit 1' INT TERM HUP
mkdir -p "$D/munge" "$D/state" "$D/spool" "$D/log"
chmod 700 "$D/munge"
dd if=/dev/urandom of="$D/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$D/munge/munge.key"
if ! munged --force --socket="$D/munge/sock" --key-file="$D/munge/munge.key" \
     --log-file="$D/log/munged.log" --pid-file="$D/munge/munged.pid" --seed-file="$D/munge/seed" \
     2>"$D/log/munged.err"; then
	skip "munged does not start: $(head -c 200 "$D/log/munged.err")"
fi
# Ports of this run's own: two runs at once (two checkouts testing on one
# machine) must not find each other's daemons on fixed ports. A pair not
# listened on (ss, where iproute2 is installed), starting from one the
# process id picks.
port=$((20000 + ($$ % 6000) * 2))
while command -v ss >/dev/null 2>&1 &&
	ss -ltn 2>/dev/null | grep -Eq ":($port|$((port + 1)))[[:space:]]"; do
	port=$((port + 2)); [ $port -lt 32000 ] || port=20000
done
cat >"$SLURM_CONF" <<EOF
ClusterName=mrtreach-test
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$D/munge/sock
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
SlurmctldPort=$port
SlurmdPort=$((port + 1))
ReturnToService=2
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=localhost CPUs=$(nproc)
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld 2>"$D/log/ctld.err" || skip "slurmctld does not start: $(head -c 200 "$D/log/ctld.err")"
slurmd -N localhost 2>"$D/log/d.err" || skip "slurmd does not start: $(head -c 200 "$D/log/d.err")"

# wait_for SECONDS COMMAND...: until COMMAND succeeds; a bound, not a pace.
# The bound is wall time: a command that itself waits (sinfo with no
# controller to answer retries for seconds) must not stretch it.
wait_for() {
	end=$(($(date +%s) + $1)); shift
	until "$@"; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.1
	done
}
node_idle() { [ "$(sinfo -h -N -o %t 2>/dev/null)" = idle ]; }
wait_for 60 node_idle ||
	skip "the node did not come up: $(sinfo -h -N -o '%t %E' 2>&1 | head -c 200) $(tail -3 "$D/log/slurmctld.log" | tr '\n' ' ' | head -c 300)"

# Four shards: each collector in two stretches of files.
shard_list "$tmp/shards.tsv" 28 "$@"
MRTREACH=$M "$TOP/contrib/slurm/mrtreach-slurm" --throttle 2 "$tmp/shards.tsv" "$tmp/out" \
	blackout $T -- --format json >"$tmp/jobs" 2>"$tmp/err" ||
	{ echo "FAIL $casename submit: $(head -c 300 "$tmp/err")"; exit 0; }
read -r array combine <"$tmp/jobs"
# scan's shards too (no targets; the report's options after --).
MRTREACH=$M "$TOP/contrib/slurm/mrtreach-slurm" --throttle 2 "$tmp/shards.tsv" "$tmp/scan" \
	scan -- --format tsv >/dev/null 2>"$tmp/err" ||
	echo "FAIL $casename submit scan: $(head -c 300 "$tmp/err")"
throttle=$(scontrol show job "$array" 2>/dev/null | grep -o 'ArrayTaskThrottle=[0-9]*' | head -1)
if [ "$throttle" = "ArrayTaskThrottle=2" ]; then echo "PASS $casename throttled"
else echo "FAIL $casename throttled: '$throttle'"; fi
if scontrol show job "$combine" 2>/dev/null | grep -q "Dependency=afterok:${array}\|JobState=COMPLETED\|JobState=RUNNING"; then
	echo "PASS $casename dependency"
else
	echo "FAIL $casename dependency: $(scontrol show job "$combine" 2>&1 | grep -o 'Dependency=[^ ]*')"
fi
done_jobs() { [ -z "$(squeue -h -o %i 2>/dev/null)" ]; }
if ! wait_for 120 done_jobs; then
	echo "FAIL $casename jobs: still queued: $(squeue -h 2>&1 | head -c 300)"
	exit 0
fi
"$M" blackout $T --format json "$@" >"$tmp/single"
parts=$(ls "$tmp/out"/shard-*.part 2>/dev/null | wc -l)
if [ "$parts" -ne 4 ]; then
	echo "FAIL $casename array: $parts partials: $(cat "$tmp/out"/shard-*.log 2>/dev/null | head -c 300)"
elif [ ! -f "$tmp/out/report" ]; then
	echo "FAIL $casename report: none: $(head -c 300 "$tmp/out/combine.log" 2>/dev/null)"
elif ! cmp -s "$tmp/single" "$tmp/out/report"; then
	echo "FAIL $casename report: differs: $(diff "$tmp/single" "$tmp/out/report" | head -3 | tr '\n' ' ')"
else
	echo "PASS $casename report (4 shards, 2 at once, then the combining job)"
fi
"$M" scan --format tsv "$@" >"$tmp/single.scan"
if [ ! -f "$tmp/scan/report" ]; then
	echo "FAIL $casename scan report: none: $(head -c 300 "$tmp/scan/combine.log" 2>/dev/null)"
elif ! cmp -s "$tmp/single.scan" "$tmp/scan/report"; then
	echo "FAIL $casename scan report: differs: $(diff "$tmp/single.scan" "$tmp/scan/report" | head -3 | tr '\n' ' ')"
else
	echo "PASS $casename scan report (4 shards, then the combining job)"
fi
