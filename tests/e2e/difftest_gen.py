#!/usr/bin/env python3
# difftest_gen.py — random but valid MRT records across every subtype mrtreach
# decodes, for the differential test against bgpdump (dump_vs_bgpdump.sh).
# Owns: choosing what to craft (mrtcraft.py builds the bytes). Never: compares.
#
# usage: difftest_gen.py SEED COUNT OUT.mrt
#
# Left out on purpose, because there bgpdump prints something the bytes do not
# say or omits what they do (each is checked on its own in dump_compat.sh and
# listed in the manual's COMPATIBILITY section):
#   - legacy BGP (type 5) withdrawals: bgpdump prints the peer address as prefix;
#   - BGP4MP *_LOCAL_ADDPATH (10, 11): bgpdump prints the local side as the peer;
#   - TABLE_DUMP_V2 multicast, RIB_GENERIC: bgpdump prints nothing;
#   - MP_REACH_NLRI with next hop length 0: bgpdump drops the attribute fields;
#   - a repeated attribute in one UPDATE (malformed, RFC 7606: the first counts);
#   - host bits set past the prefix length: bgpdump 1.6.2 prints them, mrtreach
#     masks them (as the corpus's reference decoding, from a newer bgpdump, does);
#   - MED and LOCAL_PREF of 2^31 and above: bgpdump prints them, in some lines
#     (it depends on the records before), as negative numbers; mrtreach prints
#     the unsigned values they are; values stay below 2^31;
#   - BGP4MP_MESSAGE_LOCAL (6, 7) from an IPv4 peer withdrawing IPv6 prefixes:
#     bgpdump prints the peer's 4 address bytes and 12 bytes after them as an
#     IPv6 address on the W lines;
#   - AS4_PATH merges where either path holds confederation segments: bgpdump
#     keeps AS4_PATH's confederation segments (RFC 6793 says to discard them)
#     and miscounts AS_PATH's; the generator puts none in merged paths;
#   - attributes out of type order: bgpdump 1.6.2 aborts on AS4_AGGREGATOR
#     before AGGREGATOR (assertion failure), so attributes go in type order.
import ipaddress
import random
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from mrtcraft import *  # noqa: E402,F401,F403

R = random.Random()
WELL_KNOWN = [0xFFFFFF01, 0xFFFFFF02, 0xFFFFFF03, 0xFFFFFF04, 0xFFFF0000, 0]


def asn(asn4):
    r = R.random()
    if not asn4:
        return R.choice([R.randrange(1, 65536), 23456 if r < 0.05 else R.randrange(1, 65536)])
    if r < 0.3:
        return R.randrange(65536, 1 << 32)
    return R.randrange(0, 65536)


def v4():
    return "%d.%d.%d.%d" % (R.randrange(1, 224), R.randrange(256), R.randrange(256), R.randrange(256))


def v6():
    groups = [R.choice([0, 0, 0x2001, 0xdb8, R.randrange(65536), 1]) for _ in range(8)]
    groups[0] = R.choice([0x2001, 0x2a00, 0x2c0f, 0xfe80])
    return ":".join("%x" % g for g in groups)


def prefix4():
    plen = R.choice([8, 16, 19, 22, 23, 24, 24, 24, 25, 32, 0, 13])
    return str(ipaddress.ip_network("%s/%d" % (v4(), plen), strict=False))


def prefix6():
    plen = R.choice([32, 48, 48, 64, 29, 128, 0, 19])
    return str(ipaddress.ip_network("%s/%d" % (v6(), plen), strict=False))


def aspath_segments(asn4, allow_confed=True):
    segs = []
    for _ in range(R.choice([0, 1, 1, 1, 2, 3])):
        t = R.choice([2, 2, 2, 2, 1] + ([3, 4] if allow_confed else []))
        n = R.randrange(1, 6) if t != 2 else R.randrange(1, 12)
        segs.append((t, [asn(asn4) for _ in range(n)]))
    return segs


def community_list():
    out = []
    for _ in range(R.randrange(1, 6)):
        out.append(R.choice(WELL_KNOWN) if R.random() < 0.2 else R.randrange(1 << 32))
    return out


def attrs_common(asn4, with_nexthop, nexthop_addr=None):
    """Attributes in random order; each at most once."""
    parts = []
    if R.random() < 0.95:
        parts.append(a_origin(R.randrange(3)))
    if R.random() < 0.95:
        segs = aspath_segments(asn4)
        if not asn4 and R.random() < 0.3:
            # a 2-byte speaker's path with AS_TRANS, plus AS4_PATH (RFC 6793);
            # sometimes with sets, or an AS4_PATH longer than AS_PATH (ignored)
            n4 = R.randrange(1, 4)
            segs = [(2, [asn(False)] + [23456] * n4)]
            segs4 = [(2, [R.randrange(65536, 1 << 32) for _ in range(n4)])]
            if R.random() < 0.3:
                segs.append((1, [23456, asn(False)]))
                segs4.append((1, [R.randrange(65536, 1 << 32), asn(False)]))
            if R.random() < 0.1:
                segs4[0][1].extend([1, 2, 3, 4, 5])
            parts.append(a_as4path(segs4))
        elif R.random() < 0.03:
            # longer than one segment holds: split at 255 ASNs
            long = [asn(asn4) for _ in range(R.randrange(256, 600))]
            segs = [(2, long[i:i + 255]) for i in range(0, len(long), 255)]
        parts.append(a_aspath(segs, asn4))
    if with_nexthop and R.random() < 0.95:
        parts.append(a_nexthop(nexthop_addr or v4()))
    if R.random() < 0.4:
        parts.append(a_med(R.randrange(1 << 31)))
    if R.random() < 0.4:
        parts.append(a_localpref(R.randrange(1 << 31)))
    if R.random() < 0.15:
        parts.append(a_atomic())
    if R.random() < 0.2:
        if not asn4 and R.random() < 0.5:
            # AS_TRANS in AGGREGATOR and the real AS in AS4_AGGREGATOR; or,
            # sometimes, another AS there: then RFC 6793 ignores AS4_AGGREGATOR
            # and AS4_PATH both
            parts.append(a_aggregator(23456 if R.random() < 0.7 else asn(False), v4(), False))
            parts.append(a_as4aggregator(R.randrange(65536, 1 << 32), v4()))
        else:
            parts.append(a_aggregator(asn(asn4), v4(), asn4))
    if R.random() < 0.5:
        parts.append(a_communities(community_list()))
    if R.random() < 0.2:
        parts.append(a_large([(R.randrange(1 << 32), R.randrange(1 << 32), R.randrange(1 << 32))
                              for _ in range(R.randrange(1, 3))]))
    if R.random() < 0.2:
        parts.append(a_ext([bytes(R.randrange(256) for _ in range(8))]))
    parts.sort(key=attr_type)
    return parts


def attr_type(a):
    return a[1]


def v6_nexthops():
    return [v6()] if R.random() < 0.6 else [v6(), "fe80::" + "%x" % R.randrange(1, 65536)]


def gen_update(asn4, addpath, v6_unreach=True):
    ids = (lambda n: [R.randrange(1 << 32) for _ in range(n)]) if addpath else (lambda n: None)
    kind = R.random()
    wd = b""
    nl = b""
    parts = []
    if kind < 0.25:   # IPv4 withdrawals only
        ps = [prefix4() for _ in range(R.randrange(1, 5))]
        wd = nlri(ps, ids(len(ps)))
    elif kind < 0.55:  # IPv4 announcement, maybe with withdrawals too
        ps = [prefix4() for _ in range(R.randrange(1, 5))]
        nl = nlri(ps, ids(len(ps)))
        parts = attrs_common(asn4, True)
        if R.random() < 0.2:
            ws = [prefix4() for _ in range(R.randrange(1, 3))]
            wd = nlri(ws, ids(len(ws)))
    elif kind < 0.8:  # IPv6 MP_REACH
        ps = [prefix6() for _ in range(R.randrange(1, 4))]
        parts = attrs_common(asn4, R.random() < 0.3)
        safi = 2 if R.random() < 0.1 else 1
        parts.append(a_mp_reach(2, safi, v6_nexthops(), nlri(ps, ids(len(ps)))))
        if v6_unreach and R.random() < 0.2:
            us = [prefix6() for _ in range(R.randrange(1, 3))]
            parts.append(a_mp_unreach(2, 1, nlri(us, ids(len(us)))))
        parts.sort(key=attr_type)
    elif kind < 0.9 and v6_unreach:  # IPv6 MP_UNREACH only
        us = [prefix6() for _ in range(R.randrange(1, 4))]
        parts = [a_mp_unreach(2, 1, nlri(us, ids(len(us))))]
    else:  # IPv4 multicast or unicast in MP_REACH, with IPv4 NLRI alongside
        ps = [prefix4() for _ in range(R.randrange(1, 3))]
        parts = attrs_common(asn4, True)
        parts.append(a_mp_reach(1, R.choice([1, 2]), [v4()], nlri(ps, ids(len(ps)))))
        if R.random() < 0.5:
            qs = [prefix4() for _ in range(R.randrange(1, 3))]
            nl = nlri(qs, ids(len(qs)))
        parts.sort(key=attr_type)
    return bgp_update(wd, b"".join(parts), nl)


def peer_pair():
    if R.random() < 0.3:
        return v6(), v6()
    return v4(), v4()


def gen_bgp4mp(ts):
    et = R.random() < 0.3
    usec = R.randrange(1000000) if et else None
    r = R.random()
    peer, local = peer_pair()
    if r < 0.1:
        sub = R.choice([0, 5])
        as4 = sub == 5
        return bgp4mp_state(ts, sub, asn(as4), asn(as4), peer, local,
                            R.randrange(1, 7), R.randrange(1, 7), usec)
    sub = R.choice([1, 4, 4, 4, 6, 7, 8, 9])
    as4 = sub in (4, 7, 9)
    if R.random() < 0.05:
        msg = R.choice([bgp_keepalive(), bgp_open(), bgp_notification()])
    else:
        local_v4 = sub in (6, 7) and ":" not in peer
        msg = gen_update(as4, sub in (8, 9), v6_unreach=not local_v4)
    return bgp4mp_message(ts, sub, asn(as4), asn(as4), peer, local, msg, usec)


def gen_legacy(ts):
    peer = v4()
    if R.random() < 0.2:
        return mrt(ts, 5, 3, be16(asn(False)) + ip_bytes(peer) + be16(R.randrange(1, 7)) + be16(R.randrange(1, 7)))
    ps = [prefix4() for _ in range(R.randrange(1, 4))]
    upd = bgp_update(b"", b"".join(attrs_common(False, True)), nlri(ps))
    return legacy_bgp(ts, 1, asn(False), peer, asn(False), v4(), upd[19:])


def gen_table_dump(ts):
    if R.random() < 0.7:
        attrs = b"".join(attrs_common(False, True))
        return table_dump(ts, 1, 0, R.randrange(65536), prefix4().split("/")[0].rsplit(".", 1)[0] + ".0/24",
                          1, ts - 10, v4(), asn(False), attrs)
    parts = attrs_common(False, False)
    # archives hold both the full MP_REACH_NLRI and TABLE_DUMP_V2's abbreviated one
    if R.random() < 0.5:
        parts.append(a_mp_reach(2, 1, v6_nexthops(), b""))
    else:
        parts.append(a_mp_reach_rib(v6_nexthops()))
    parts.sort(key=attr_type)
    return table_dump(ts, 2, 0, R.randrange(65536), "2001:db8:%x::/48" % R.randrange(65536),
                      1, ts - 10, v6(), asn(False), b"".join(parts))


def gen_peer_table(ts):
    peers = []
    for _ in range(R.randrange(1, 8)):
        as4 = R.random() < 0.5
        peers.append((v4(), v6() if R.random() < 0.4 else v4(), asn(as4), as4))
    return peer_index_table(ts, v4(), R.choice(["", "master", "rrc00"]), peers), len(peers)


def gen_rib(ts, npeers, seq):
    sub = R.choice([2, 4, 8, 10])
    addpath = sub >= 8
    v6route = sub in (4, 10)
    entries = []
    for _ in range(R.randrange(1, 5)):
        if v6route:
            parts = attrs_common(True, R.random() < 0.2)
            if R.random() < 0.9:
                parts.append(a_mp_reach_rib(v6_nexthops()))
        else:
            parts = attrs_common(True, True)
        parts.sort(key=attr_type)
        entries.append((R.randrange(npeers), ts - R.randrange(100000),
                        R.randrange(1 << 32) if addpath else 0, b"".join(parts)))
    return rib_afi(ts, sub, seq, prefix6() if v6route else prefix4(), entries)


def main():
    seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    R.seed(seed)
    ts = 1419264900
    recs = []
    table, npeers = gen_peer_table(ts)
    recs.append(table)
    for i in range(count):
        r = R.random()
        if r < 0.5:
            recs.append(gen_bgp4mp(ts))
        elif r < 0.6:
            recs.append(gen_legacy(ts))
        elif r < 0.7:
            recs.append(gen_table_dump(ts))
        elif r < 0.72:
            table, npeers = gen_peer_table(ts)
            recs.append(table)
        else:
            recs.append(gen_rib(ts, npeers, i))
        ts += R.choice([0, 0, 1, 7])
    with open(out, "wb") as f:
        f.write(b"".join(recs))


if __name__ == "__main__":
    main()
