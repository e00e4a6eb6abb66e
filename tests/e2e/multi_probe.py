#!/usr/bin/env python3
# multi_probe.py — crafted records for what bgpdump -H prints beyond the
# one-line formats, which the random records of difftest_gen.py do not cover:
# every NOTIFICATION code and subcode, OPEN with parameters, 0.0.0.0 and ::
# as message ends, every session state, attributes bgpdump does not decode
# (short and extended length), ORIGINATOR_ID and CLUSTER_LIST, AS4 merges,
# IPv4/IPv6 multicast MP_REACH/MP_UNREACH, a next hop of length 0, a
# link-local next hop, empty UPDATEs, the LOCAL and LOCAL_ADDPATH subtypes.
# Left out: states past 8 (bgpdump prints "(null)", COMPATIBILITY).
# Owns: choosing what to craft (mrtcraft.py builds the bytes). Never: compares.
#
# usage: multi_probe.py OUT.mrt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mrtcraft import *  # noqa: E402,F401,F403
out = b""
ts = 1419264000
for code in range(0, 8):
    for sub in range(0, 12):
        out += bgp4mp_message(ts, 4, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_msg(3, bytes([code, sub]) + b"xy"))
out += bgp4mp_message(ts, 4, 65001, 65002, "10.0.0.1", "0.0.0.0", bgp_open())
out += bgp4mp_message(ts, 4, 65001, 65002, "0.0.0.0", "10.0.0.2", bgp_open())
out += bgp4mp_message(ts, 4, 65001, 65002, "0.0.0.0", "0.0.0.0", bgp_keepalive())
out += bgp4mp_message(ts, 4, 65001, 65002, "::", "::", bgp_keepalive())
out += bgp4mp_message(ts, 4, 65001, 65002, "10.0.0.1", "0.0.0.0", bgp_msg(5, b"\x00\x01\x00\x01"))
out += bgp4mp_message(ts, 4, 65001, 65002, "10.0.0.1", "10.0.0.3", bgp_msg(1, bytes([4]) + be16(23456) + be16(90) + ip_bytes("1.2.3.4") + b"\x08\x02\x06\x41\x04\x00\x01\x00\x00"))
for st in range(0, 8):
    out += bgp4mp_state(ts, 5, 65001, 65002, "10.0.0.1", "10.0.0.2", st, st + 1)
out += bgp4mp_message(ts, 4, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_update(b"", a_origin(0) + attr(200, b"", 0xc0) + attr(201, bytes(range(40)), 0xd0), nlri(["10.6.0.0/16"])))
# attributes: originator, cluster list, ext communities, as4 path, unknown, aggregator as4
attrs = (a_origin(0) + a_aspath([(2, [1, 2, 23456])], False) + a_nexthop("10.0.0.1") + a_med(5) + a_localpref(7)
         + a_atomic() + a_aggregator(23456, "1.1.1.1", False) + a_communities([1, 0xFFFFFF01, 0xFFFFFF04, 0x00010002])
         + attr(9, ip_bytes("9.9.9.9")) + attr(10, ip_bytes("8.8.8.8") + ip_bytes("7.7.7.7"))
         + a_ext([b"\x00\x02\x00\x01\x00\x00\x00\x02"]) + a_as4path([(2, [1, 2, 70000])]) + a_as4aggregator(70000, "2.2.2.2")
         + attr(99, b"\x01\x02", 0xc0) + a_large([(1, 2, 3)]))
out += bgp4mp_message(ts, 1, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_update(nlri([ "10.1.0.0/16"]), attrs, nlri(["10.2.0.0/16", "10.3.0.0/24"])))
attrs2 = a_origin(2) + a_aspath([(2, [1, 2]), (1, [3, 4]), (3, [5, 6]), (4, [7, 8])], True) + a_mp_reach(2, 1, ["2001:db8::1"], nlri(["2001:db8:1::/48"])) + a_mp_unreach(2, 1, nlri(["2001:db8:2::/48"]))
out += bgp4mp_message(ts, 4, 65001, 65002, "2001:db8::9", "2001:db8::8", bgp_update(nlri(["10.1.0.0/16"]), attrs2, nlri(["10.2.0.0/16"])))
attrs3 = a_origin(1) + a_aspath([], True) + a_mp_reach(1, 1, ["10.9.9.9"], nlri(["10.4.0.0/16"])) + a_mp_unreach(1, 2, nlri(["10.5.0.0/16"]))
out += bgp4mp_message(ts, 4, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_update(b"", attrs3, b""))
out += bgp4mp_message(ts, 4, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_update(b"", b"", b""))
out += bgp4mp_message(ts, 10, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_update(nlri(["10.1.0.0/16"],[5]), attrs3[:4], nlri(["10.2.0.0/16"],[6])))
out += bgp4mp_message(ts, 11, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_update(nlri(["10.1.0.0/16"],[5]), attrs3[:4], nlri(["10.2.0.0/16"],[6])))
out += bgp4mp_message(ts, 6, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_keepalive())
out += bgp4mp_message(ts, 7, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_keepalive())
out += bgp4mp_message(ts, 4, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_update(b"", attr(14, be16(2)+bytes([1,0,0])+nlri(["2001:db8:3::/48"])), b""))
out += bgp4mp_message(ts, 4, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_update(b"", attr(14, be16(2)+bytes([1,32])+ip_bytes("2001:db8::1")+ip_bytes("fe80::1")+b"\x00"+nlri(["2001:db8:3::/48"])), b""))
out += bgp4mp_message(ts, 4, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_update(b"", a_mp_reach(1, 2, ["10.9.9.9"], nlri(["10.4.0.0/16"])), b""))
out += bgp4mp_message(ts, 4, 65001, 65002, "10.0.0.1", "10.0.0.2", bgp_update(b"", a_mp_reach(2, 2, ["2001:db8::1"], nlri(["2001:db8:4::/48"])) + a_mp_unreach(2,2,nlri(["2001:db8:5::/48"])), b""))
open(sys.argv[1], "wb").write(out)
