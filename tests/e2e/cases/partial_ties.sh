#!/bin/sh
# Partials at the edges of the merge's order (issue 17): records of one
# second from several collectors, and records going back in time within
# and across the files of one collector. Crafted update files and RIB
# dumps (tests/e2e/mrtcraft.py), each run as its own shard with
# --save-partial, one partial per file and one per collector, the inputs
# given in both orders: the combination must print byte for byte what the
# single run prints (report and warnings), and the single run must not
# depend on the order of its inputs where the order within a second is
# all that changes.
#  - ends: colx's data ends at 00:10:00 with an update; coly has an update
#    in that very second, then none for 40 minutes: colx's gap to the end
#    of the data is found whichever input comes first (the single run
#    decides it once every record of that second is read);
#  - ends-rib: the same with colx's last record a RIB dump's (a dump goes
#    before updates of its second);
#  - back: colx's second update file starts (00:15) before its first one
#    ends (00:33), and goes back in time inside (00:50, then 00:20), with a
#    stretch without records in each: the merge key is the running maximum
#    of each file's records, in one process as in shards.
M=${MRTREACH:?}
casename=partial_ties
. "$TOP/tests/e2e/lib.sh"
if ! command -v python3 >/dev/null 2>&1; then echo "SKIP $casename: python3 is needed to craft the files"; exit 0; fi

python3 - "$TOP/tests/e2e" "$tmp" <<'PY'
import os
import sys
sys.path.insert(0, sys.argv[1])
from mrtcraft import *
out = sys.argv[2]
T0 = 1615766400                      # 2021-03-15 00:00:00
PFX = "203.0.113.0/24"


def upd(ts, peer, asn, origin=64999, withdraw=False):
    if withdraw:
        msg = bgp_update(nlri([PFX]))
    else:
        attrs = a_origin(0) + a_aspath([(2, [asn, origin])], True) + a_nexthop(peer)
        msg = bgp_update(b"", attrs, nlri([PFX, "198.18.%d.0/24" % (asn % 200)]))
    return bgp4mp_message(ts, 4, asn, 65000, peer, "192.0.2.254", msg)


def rib(ts, peers):
    recs = [peer_index_table(ts, "192.0.2.250", "", [(p, p, a, True) for p, a in peers])]
    attrs = [a_origin(0) + a_aspath([(2, [a, 64999])], True) + a_nexthop(p) for p, a in peers]
    recs.append(rib_afi(ts, 2, 0, PFX, [(i, ts, 0, at) for i, at in enumerate(attrs)]))
    return recs


def write(path, recs):
    path = os.path.join(out, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "wb").write(b"".join(recs))


X1, X2, Y1 = ("198.51.100.1", 64501), ("198.51.100.3", 64503), ("198.51.100.2", 64502)
L = T0 + 600
# ends
write("ends/colx/updates.20210315.0000",
      [upd(T0 + s, *X1, withdraw=(s % 200 == 100)) for s in range(10, 601, 10)])
write("ends/coly/updates.20210315.0000",
      [upd(T0 + 5, *Y1), upd(L, *Y1), upd(T0 + 3000, *Y1), upd(T0 + 3010, *Y1, withdraw=True)])
# ends-rib: colx's updates end at 00:05, its dump of 00:10 is its last record
write("ends-rib/colx/updates.20210315.0000", [upd(T0 + s, *X1) for s in range(10, 301, 10)])
write("ends-rib/colx/rib.20210315.0010", rib(L, [X1, X2]))
write("ends-rib/coly/updates.20210315.0000",
      [upd(T0 + 5, *Y1), upd(L, *Y1), upd(T0 + 3000, *Y1, withdraw=True), upd(T0 + 3010, *Y1)])
# back
write("back/colx/rib.20210315.0000", rib(T0, [X1, X2]))
write("back/colx/updates.20210315.0000",
      [upd(T0 + s, *X1, withdraw=(s % 300 == 0)) for s in range(10, 1201, 10)] +
      [upd(T0 + 2000, *X1), upd(T0 + 1980, *X2, withdraw=True)])
write("back/colx/updates.20210315.0015",
      [upd(T0 + 900, *X2), upd(T0 + 950, *X2, withdraw=True), upd(T0 + 3000, *X2),
       upd(T0 + 1200, *X1, withdraw=True), upd(T0 + 1300, *X2), upd(T0 + 4000, *X1),
       upd(T0 + 4000, *X2, withdraw=True)])
write("back/coly/updates.20210315.0000",
      [upd(T0 + s, *Y1, withdraw=(s % 500 == 0)) for s in range(5, 4200, 100)])
PY

# check NAME FILES...: each file saved as its own partial, each
# collector's files as one, and each file again in the reverse order of
# the files, combine to the single run over the files in that order
# (blackout in text with its warnings, and tsv; timeline; scan); the
# single run finds the same gaps in both orders (the gaps' order in the
# report follows the collectors' numbering, which is the inputs' order).
check() {
	ck=$1
	shift
	printf '%s\n' "$@" >"$tmp/$ck.fwd"
	printf '%s\n' "$@" | sort -r >"$tmp/$ck.rev"
	# shellcheck disable=SC2046
	shard_list "$tmp/$ck.file" 1 $(cat "$tmp/$ck.fwd")
	# shellcheck disable=SC2046
	shard_list "$tmp/$ck.col" 0 $(cat "$tmp/$ck.fwd")
	# shellcheck disable=SC2046
	shard_list "$tmp/$ck.revfile" 1 $(cat "$tmp/$ck.rev")
	for s in file col revfile; do
		save_shards "$ck.$s" blackout $T || return
		cp "$tmp/$ck.$s" "$tmp/$ck.$s-scan"
		save_shards "$ck.$s-scan" scan || return
	done
	for s in file col revfile; do
		ff=$tmp/$ck.fwd
		[ $s = revfile ] && ff=$tmp/$ck.rev
		same_report "$ck-$s-blackout" "$ff" "$tmp/$ck.$s.parts" blackout $T
		same_report "$ck-$s-blackout-tsv" "$ff" "$tmp/$ck.$s.parts" blackout $T --format tsv
		same_report "$ck-$s-timeline" "$ff" "$tmp/$ck.$s.parts" timeline $T --format tsv
		same_report "$ck-$s-scan" "$ff" "$tmp/$ck.$s-scan.parts" scan --format tsv
	done
	# shellcheck disable=SC2046
	"$M" blackout $T $(cat "$tmp/$ck.fwd") 2>&1 >/dev/null | sort >"$tmp/$ck.fwd.err"
	# shellcheck disable=SC2046
	"$M" blackout $T $(cat "$tmp/$ck.rev") 2>&1 >/dev/null | sort >"$tmp/$ck.rev.err"
	cmp -s "$tmp/$ck.fwd.err" "$tmp/$ck.rev.err"
	result "$ck-gaps-in-either-order" $? "$(diff "$tmp/$ck.fwd.err" "$tmp/$ck.rev.err" | head -3 | tr '\n' ' ')"
}

T="--prefix 203.0.113.0/24 --visibility any"
D=$tmp
check ends "$D"/ends/colx/updates.20210315.0000 "$D"/ends/coly/updates.20210315.0000
grep -q "colx: gap in its data from 2021-03-15 00:15:00 .*its data ends before" "$tmp/ends.fwd.err"
result ends-gap-found $? "$(head -c 300 "$tmp/ends.fwd.err")"
check ends-rib "$D"/ends-rib/colx/rib.20210315.0010 "$D"/ends-rib/colx/updates.20210315.0000 \
	"$D"/ends-rib/coly/updates.20210315.0000
check back "$D"/back/colx/rib.20210315.0000 "$D"/back/colx/updates.20210315.0000 \
	"$D"/back/colx/updates.20210315.0015 "$D"/back/coly/updates.20210315.0000
