#!/bin/sh
# A later RIB dump resynchronises routes: one that lists the targets keeps the
# windows as they were; one cut short (damaged) must not withdraw what it did
# not reach (exit 1, same windows); one without the targets' routes drops them.
M=$MRTREACH
N=$TOP/fixtures/nk2014
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ ! -f "$N/windows.tsv" ]; then echo "SKIP blackout_resync: no fixtures/nk2014"; exit 0; fi
if ! command -v python3 >/dev/null 2>&1; then echo "SKIP blackout_resync: no python3"; exit 0; fi
mkdir -p "$tmp/route-views2"
# The route-views2 dump again, dated 2014-12-21 02:00 (+7200 s): whole, cut
# in the middle of a record, and without the 175.45.176.0/22 routes.
python3 - "$N/route-views2/rib.20141221.0000.bz2" "$tmp/route-views2" <<'PY' || { echo "SKIP blackout_resync: could not write dumps"; exit 0; }
import bz2, struct, sys
data = bz2.open(sys.argv[1]).read()
out = sys.argv[2]
recs, off = [], 0
while off + 12 <= len(data):
    ts, typ, sub, ln = struct.unpack('>IHHI', data[off:off+12])
    recs.append((struct.pack('>IHHI', ts + 7200, typ, sub, ln), data[off+12:off+12+ln], typ, sub))
    off += 12 + ln
whole = b''.join(h + b for h, b, _, _ in recs)
open(out + '/rib.20141221.0200', 'wb').write(whole)
open(out + '/rib.cut.20141221.0200', 'wb').write(whole[:len(whole) // 3 + 5])
def keep(body, typ, sub):
    # TABLE_DUMP_V2 RIB_IPV4_UNICAST: seq(4) plen(1) prefix...
    if typ == 13 and sub == 2:
        plen = body[4]
        return not (plen >= 22 and body[5] == 175 and body[6] == 45 and (body[7] & 0xfc) == 176)
    return True
open(out + '/rib.notarget.20141221.0200', 'wb').write(b''.join(h + b for h, b, t, s in recs if keep(b, t, s)))
PY
set -- "$N"/route-views2/rib.20141221.0000.bz2 "$N"/route-views2/updates.*.bz2 \
       "$N"/rrc00/bview.20141221.0000.gz "$N"/rrc00/updates.*.gz
T="--prefix 175.45.176.0/22 --more-specific --format tsv"
"$M" blackout $T "$@" 2>/dev/null | grep -v '^#' | cut -f3,4 >"$tmp/ref"

"$M" blackout $T "$@" "$tmp/route-views2/rib.20141221.0200" 2>"$tmp/err" | grep -v '^#' | cut -f3,4 >"$tmp/whole"
if cmp -s "$tmp/ref" "$tmp/whole"; then echo "PASS blackout_resync whole-dump"
else echo "FAIL blackout_resync whole-dump: $(diff "$tmp/ref" "$tmp/whole" | head -3 | tr '\n' ' ')"; fi

"$M" blackout $T "$@" "$tmp/route-views2/rib.cut.20141221.0200" >"$tmp/cut.out" 2>"$tmp/err"; rc=$?
grep -v '^#' "$tmp/cut.out" | cut -f3,4 >"$tmp/cut"
if [ $rc -eq 1 ] && cmp -s "$tmp/ref" "$tmp/cut"; then echo "PASS blackout_resync cut-dump"
else echo "FAIL blackout_resync cut-dump: exit $rc; $(diff "$tmp/ref" "$tmp/cut" | head -3 | tr '\n' ' ')"; fi

# Without route-views2's 8 full-feed routes (of 16) at 02:00 the targets are
# still visible by rrc00's 8 (half): the same windows until the flaps, where
# route-views2 peers re-announce. With --visibility 9 they vanish at 02:00.
"$M" blackout $T --visibility 9 "$@" "$tmp/route-views2/rib.notarget.20141221.0200" 2>"$tmp/err" |
	grep -v '^#' | cut -f1 | head -1 >"$tmp/first"
if grep -q '^2014-12-21T02:00:00Z' "$tmp/first"; then echo "PASS blackout_resync unlisted-dropped"
else echo "FAIL blackout_resync unlisted-dropped: first window $(cat "$tmp/first")"; fi
