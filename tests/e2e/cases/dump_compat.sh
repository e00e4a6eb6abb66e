#!/bin/sh
# Where bgpdump 1.6.2 prints something the bytes do not say, mrtreach dump -m
# prints what they say (the manual's COMPATIBILITY section). One case each,
# crafted by compat_gen.py; the expected lines are written out here.
M=${MRTREACH:?}
here=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP dump_compat: python3 is needed to craft records"
	exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 "$here/compat_gen.py" "$tmp" || { echo "FAIL dump_compat: generator failed"; exit 0; }

check() {  # case, expected exit status, expected output
	"$M" dump -m "$tmp/$1.mrt" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	printf '%s\n' "$3" >"$tmp/want"
	if [ "$rc" -ne "$2" ]; then
		echo "FAIL dump_compat $1: exit $rc, want $2: $(head -c 200 "$tmp/err")"
	elif ! cmp -s "$tmp/want" "$tmp/out"; then
		echo "FAIL dump_compat $1: got $(head -c 300 "$tmp/out")"
	else
		echo "PASS dump_compat $1"
	fi
}

check legacy_withdrawal 0 'BGP|1419264900|W|10.0.0.2|65001|6.0.0.0/8'
check local_addpath_peer 0 'BGP4MP_AP|1419264900|A|10.0.0.2|65001|4.0.0.0/8|5|1 2 3|IGP|10.0.0.1|0|0||NAG||'
check rib_multicast_generic 0 'TABLE_DUMP2|1419264900|B|10.0.0.2|65001|1.2.4.0/24|1 2 3|IGP|10.0.0.1|0|0||NAG||
TABLE_DUMP2|1419264900|B|10.0.0.2|65001|1.2.5.0/24|1 2 3|IGP|10.0.0.1|0|0||NAG||'
check unsigned_med_local_pref 0 'BGP4MP|1419264900|A|10.0.0.2|65001|4.0.0.0/8|1 2 3|IGP|10.0.0.1|2147483648|4168275397||NAG||'
check host_bits 0 'BGP4MP|1419264900|A|10.0.0.2|65001|11.8.0.0/13|1 2 3|IGP|10.0.0.1|0|0||NAG||'
check local_v4_peer_v6_withdrawal 0 'BGP4MP_LOCAL|1419264900|W|10.0.0.2|65001|2001:db8::/32'
check damaged_attributes 1 'BGP4MP|1419264900|W|10.0.0.2|65001|2.0.0.0/8'
check as4_path_confed 0 'BGP4MP|1419264900|A|10.0.0.2|65001|8.0.0.0/8|1 200000|IGP|10.0.0.1|0|0||NAG||
BGP4MP|1419264900|A|10.0.0.2|65001|8.0.0.0/8|(5) 1 200000|IGP|10.0.0.1|0|0||NAG||'
