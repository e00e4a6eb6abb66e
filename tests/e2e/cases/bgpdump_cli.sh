#!/bin/sh
# mrtreach dump's bgpdump options and filters with exact expected output on
# the fixtures (no bgpdump needed): -t change, -p, -l, -u, -O, -4 / -6,
# --as-path, --community, --count; their usage errors; and mrtreach run
# under the name bgpdump (a link in a temporary folder): bgpdump's syntax,
# exit status 1 for its usage mistakes (-H, its default: bgpdump_multi.sh).
casename=bgpdump_cli
. "$TOP/tests/e2e/lib.sh"
M=${MRTREACH:?}
F=$TOP/fixtures/dump

# want NAME EXPECTED-TEXT COMMAND...: exit 0, nothing on stderr, exactly the text.
want() {
	name=$1; printf '%s\n' "$2" >"$tmp/want.txt"; shift 2
	same "$name" "$tmp/want.txt" "$@"
}

# -t change: a RIB route's originated time (TABLE_DUMP and TABLE_DUMP_V2).
want t-change-v2 'TABLE_DUMP2|1419120000|B|192.0.2.1|64500|100.0.0.0/24|3356 1299 4837 131279|IGP|192.0.2.1|200|100||NAG||' \
	sh -c '"$1" dump -m -t change "$2" | head -1' sh "$M" "$F/rib_v2.mrt"
want t-change-v1-human 'TABLE_DUMP|07/20/02 08:00:01|B|193.0.0.56|3333|101.7.12.0/23|6939 174 {64496,64497}|EGP' \
	sh -c '"$1" dump -M -t change "$2" | sed -n 2p' sh "$M" "$F/table_dump_v1.mrt"
want t-dump-is-default "$("$M" dump -m "$F/rib_v2.mrt" | md5sum)" \
	sh -c '"$1" dump -m -t dump "$2" | md5sum' sh "$M" "$F/rib_v2.mrt"
# -p: the PEER_INDEX_TABLE is not counted; all routes of one record share it.
want index 'TABLE_DUMP2_AP|0|1419206400|B|192.0.2.1|64500|100.0.0.0/24|1
TABLE_DUMP2_AP|0|1419206400|B|192.0.2.1|64500|100.0.0.0/24|77
TABLE_DUMP2_AP|1|1419206400|B|198.51.100.7|196700|101.7.12.0/23|1' \
	sh -c '"$1" dump -p "$2" | head -3 | cut -d"|" -f1-8' sh "$M" "$F/rib_v2_addpath.mrt"

# -l and -u on a crafted UPDATE: a large community, an extended community
# (which bgpdump does not decode) and an unknown attribute type 99.
if command -v python3 >/dev/null 2>&1; then
	python3 - "$TOP/tests/e2e" "$tmp/lu.mrt" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from mrtcraft import *
parts = [a_origin(0), a_aspath([(2, [65001, 4200000000])], True), a_nexthop("10.0.0.1"),
         a_communities([65001 << 16 | 100]), a_ext([bytes(range(8))]), attr(99, b"\xab", 0xc0),
         a_large([(4200000000, 1, 2)])]
upd = bgp_update(b"", b"".join(parts), nlri(["10.1.0.0/16"]))
open(sys.argv[2], "wb").write(bgp4mp_message(1419206400, 4, 65001, 65000, "192.0.2.1", "192.0.2.2", upd))
PY
	want large-unassigned 'BGP4MP|1419206400|A|192.0.2.1|65001|10.1.0.0/16|65001 4200000000|IGP|10.0.0.1|0|0|65001:100|4200000000:1:2|NAG||10:c0:0001020304050607 63:c0:ab|' \
		"$M" dump -m -l -u "$tmp/lu.mrt"
	want community-large 1 "$M" dump --count --community 4200000000:1:2 "$tmp/lu.mrt"
	want community-large-absent 0 "$M" dump --count --community 4200000000:1:3 "$tmp/lu.mrt"
else
	echo "SKIP $casename large-unassigned: python3 is needed to craft the record"
fi

# -O FILE
"$M" dump -M -O "$tmp/o.txt" "$F/bgp4mp.mrt" >"$tmp/out" 2>"$tmp/err"
"$M" dump -M "$F/bgp4mp.mrt" >"$tmp/o.want"
if [ -s "$tmp/out" ] || [ -s "$tmp/err" ] || ! cmp -s "$tmp/o.want" "$tmp/o.txt"; then
	echo "FAIL $casename output-file"
else
	echo "PASS $casename output-file"
fi

# Filters and --count.
want count 130 "$M" dump --count "$F/bgp4mp.mrt"
want count-ipv4 80 "$M" dump --count -4 "$F/bgp4mp.mrt"
want count-ipv6 32 "$M" dump --count -6 "$F/bgp4mp.mrt"
want community 48 "$M" dump --count --community 3356:2010 "$F/bgp4mp.mrt"
want community-name 'TABLE_DUMP|1027381055|B|193.0.0.56|3333|103.21.39.0/24|3356 1299 4837 207|IGP|193.0.0.56|200|0|3356:3 3356:2010 no-export local-AS|NAG||' \
	"$M" dump --community no-export -4 "$F/table_dump_v1.mrt"
want as-path 'BGP4MP|12/22/14 00:00:09|A|2001:db8::7|64501|2001:db8:100::/48|3356 1299 4837 207|IGP
BGP4MP|12/22/14 00:00:09|A|2001:db8::7|64501|2001:db8:101::/48|3356 1299 4837 207|IGP
BGP4MP|12/22/14 00:00:10|A|2001:db8::7|64501|2001:db8:102::/48|3356 1299 4837 207|EGP
BGP4MP|12/22/14 00:00:10|A|2001:db8::7|64501|2001:db8:103::/48|3356 1299 4837 207|EGP' \
	"$M" dump -M --as-path '(^| )207$' -6 --type announce --end 1419206420 "$F/bgp4mp.mrt"
want as-path-set 10 "$M" dump --count --as-path '\{64496,64497\}' --peer 192.0.2.1 "$F/bgp4mp.mrt"

usage_error family-both '-4 and -6 exclude each other' "$M" dump -4 -6 "$F/bgp4mp.mrt"
usage_error bad-community "--community '70000:1': not a community" "$M" dump --community 70000:1 "$F/bgp4mp.mrt"
usage_error bad-regex "--as-path '(': not a POSIX extended regular expression" "$M" dump --as-path '(' "$F/bgp4mp.mrt"
usage_error human-json '--json and -M exclude each other' "$M" dump --json -M "$F/bgp4mp.mrt"
usage_error index-json '-p needs the bgpdump format' "$M" dump --json -p "$F/bgp4mp.mrt"
usage_error count-lines '--count prints a number' "$M" dump --count -m "$F/bgp4mp.mrt"
usage_error bad-t "-t 'now': expected dump or change" "$M" dump -t now "$F/bgp4mp.mrt"
usage_error m-and-M '-m and -M exclude each other' "$M" dump -m -M "$F/bgp4mp.mrt"
usage_error bad-output '-O /nonexistent/x.txt: cannot write' "$M" dump -O /nonexistent/x.txt "$F/bgp4mp.mrt"

# Under the name bgpdump (the link make install-bgpdump-link makes).
mkdir "$tmp/bin"
ln -s "$M" "$tmp/bin/bgpdump"
B=$tmp/bin/bgpdump
"$M" dump -m -p "$F/bgp4mp.mrt" >"$tmp/m.want"
same as-bgpdump "$tmp/m.want" "$B" -m -p "$F/bgp4mp.mrt"
"$M" dump -M -t change "$F/rib_v2.mrt" >"$tmp/m.want"
same as-bgpdump-last-wins "$tmp/m.want" "$B" -m -H -M -v -s -q -t change "$F/rib_v2.mrt"
same as-bgpdump-stdin "$tmp/m.want" sh -c '"$1" -M -t change - <"$2"' sh "$B" "$F/rib_v2.mrt"
"$B" -mO "$tmp/b.txt" "$F/bgp4mp.mrt" >"$tmp/out" 2>&1
"$M" dump -m "$F/bgp4mp.mrt" >"$tmp/m.want"
if [ -s "$tmp/out" ] || ! cmp -s "$tmp/m.want" "$tmp/b.txt"; then
	echo "FAIL $casename as-bgpdump-output-file"
else
	echo "PASS $casename as-bgpdump-output-file"
fi

# bgpdump_fails NAME NEEDLE ARGS...: exit 1, nothing on stdout, NEEDLE on stderr.
bgpdump_fails() {
	name=$1; needle=$2; shift 2
	"$B" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ $rc -ne 1 ] || [ -s "$tmp/out" ] || ! grep -qF -- "$needle" "$tmp/err"; then
		echo "FAIL $casename $name: exit $rc, stderr: $(head -c 200 "$tmp/err")"
	else
		echo "PASS $casename $name"
	fi
}
bgpdump_fails bgpdump-no-file 'usage: bgpdump' -m
bgpdump_fails bgpdump-two-files 'usage: bgpdump' -m "$F/bgp4mp.mrt" "$F/bgp4mp.mrt"
bgpdump_fails bgpdump-unknown "invalid option -- 'x'" -x "$F/bgp4mp.mrt"
bgpdump_fails bgpdump-help 'usage: bgpdump' -h
bgpdump_fails bgpdump-long-option 'usage: bgpdump' --count "$F/bgp4mp.mrt"

bgpdump_fails bgpdump-bad-t "unknown -t option 'x'" -m -t x "$F/bgp4mp.mrt"
