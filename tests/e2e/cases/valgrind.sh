#!/bin/sh
# Memory errors and leaks under valgrind (memcheck) on the paths that
# handle untrusted bytes: every damaged fixture and every sound dump
# fixture through `dump -m`, some through `dump --json`, stats over all the
# damaged ones, peers over the damaged RIBs, the nk2014 blackout, timeline,
# peers and stats, and the early exits (closed pipe with SIGPIPE ignored, a
# write error, usage errors). Any invalid read/write, use of uninitialised
# memory or definite / indirect leak makes valgrind exit 99. About 30 s
# on an idle machine.
# SKIP when valgrind is absent or MRTREACH_SKIP_VALGRIND is set.
M=${MRTREACH:?}
if [ -n "${MRTREACH_SKIP_VALGRIND:-}" ]; then
	echo "SKIP valgrind: MRTREACH_SKIP_VALGRIND is set"
	exit 0
fi
if ! command -v valgrind >/dev/null 2>&1; then
	echo "SKIP valgrind: valgrind is not installed"
	exit 0
fi
# A sanitizer build cannot run under valgrind.
if grep -qa '__asan_init\|__ubsan_handle' "$M"; then
	echo "SKIP valgrind: $M is built with sanitizers"
	exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --log-file=$tmp/vg.log"

# name, expected exit status of mrtreach, command line (args to mrtreach).
vg() {
	name=$1; want=$2; shift 2
	$VG "$M" "$@" >/dev/null 2>"$tmp/err"; rc=$?
	if [ "$rc" -eq "$want" ] && [ ! -s "$tmp/vg.log" ]; then
		echo "PASS valgrind $name"
	else
		echo "FAIL valgrind $name: exit $rc (want $want): $(grep -m3 -E 'Invalid|uninitialised|definitely|indirectly|at 0x' "$tmp/vg.log" | tr '\n' ' ')"
	fi
}

for f in "$TOP"/fixtures/damaged/*.mrt*; do
	want=1; [ -s "$f" ] || want=0
	vg "damaged ${f##*/}" "$want" dump -m "$f"
done
for f in "$TOP"/fixtures/dump/*.mrt*; do
	vg "dump ${f##*/}" 0 dump -m "$f"
done
vg "dump --json bgp4mp.mrt rib_v2_addpath.mrt" 0 dump --json "$TOP/fixtures/dump/bgp4mp.mrt" \
	"$TOP/fixtures/dump/rib_v2_addpath.mrt"
vg "dump --json damaged/rib-peer-index-past-table.mrt" 1 dump --json \
	"$TOP/fixtures/damaged/rib-peer-index-past-table.mrt"
vg "stats --format json damaged/*" 1 stats --format json "$TOP"/fixtures/damaged/*.mrt*
vg "peers damaged/rib-*" 1 peers "$TOP"/fixtures/damaged/rib-*.mrt
vg "dump filters" 0 dump --prefix 10.0.0.0/8 --more-specific --type announce --peer-as 64500 \
	"$TOP/fixtures/dump/bgp4mp.mrt" "$TOP/fixtures/dump/rib_v2.mrt"

N=$TOP/fixtures/nk2014
if [ -d "$N/rrc00" ]; then
	vg "blackout nk2014" 0 blackout --prefix 175.45.176.0/22 --more-specific \
		"$N"/route-views2/rib.20141221.0000.bz2 "$N"/route-views2/updates.*.bz2 \
		"$N"/rrc00/bview.20141221.0000.gz "$N"/rrc00/updates.*.gz
	vg "timeline nk2014 rrc00 json" 0 timeline --prefix 175.45.176.0/22 --more-specific --format json \
		"$N"/rrc00/bview.20141221.0000.gz "$N"/rrc00/updates.20141222.1*.gz
	vg "peers nk2014 json" 0 peers --format json "$N"/route-views2/rib.20141221.0000.bz2 \
		"$N"/rrc00/bview.20141221.0000.gz "$N"/rrc00/updates.20141222.1*.gz
	vg "stats nk2014 rrc00" 0 stats "$N"/rrc00/bview.20141221.0000.gz "$N"/rrc00/updates.20141222.1*.gz
else
	echo "SKIP valgrind blackout nk2014: no fixtures/nk2014"
fi

# Early exits: a reader that goes away while SIGPIPE is ignored (EPIPE), a
# write error, a usage error, a file that cannot be opened.
if command -v bash >/dev/null 2>&1; then
	bash -c 'trap "" PIPE; $1 "$0" dump -m "$2" | head -1 >/dev/null' "$M" "$VG" "$TOP/fixtures/nk2014/rrc00/bview.20141221.0000.gz" 2>/dev/null
	if [ ! -s "$tmp/vg.log" ]; then echo "PASS valgrind epipe"; else
		echo "FAIL valgrind epipe: $(grep -m3 -E 'Invalid|uninitialised|definitely|indirectly' "$tmp/vg.log" | tr '\n' ' ')"; fi
fi
if [ -w /dev/full ]; then
	$VG "$M" dump -m "$TOP/fixtures/dump/bgp4mp.mrt" >/dev/full 2>/dev/null; rc=$?
	if [ "$rc" -eq 1 ] && [ ! -s "$tmp/vg.log" ]; then echo "PASS valgrind dev-full"; else
		echo "FAIL valgrind dev-full: exit $rc: $(grep -m3 -E 'Invalid|uninitialised|definitely|indirectly' "$tmp/vg.log" | tr '\n' ' ')"; fi
fi
vg "usage error" 2 dump --prefix 10.0.0.0/33 "$TOP/fixtures/dump/bgp4mp.mrt"
vg "missing file" 1 dump "$TOP/fixtures/dump/no-such-file.mrt" "$TOP/fixtures/dump/bgp4mp.mrt"
