#!/usr/bin/env python3
# compat_gen.py — one small MRT file per place where mrtreach deliberately
# prints what the bytes say and bgpdump 1.6.2 does not (dump_compat.sh checks
# mrtreach's lines; the manual's COMPATIBILITY section lists them).
# usage: compat_gen.py DIR
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from mrtcraft import *  # noqa: E402,F401,F403

T = 1419264900
P = ("10.0.0.2", "10.0.0.3")
BASE2 = a_origin(0) + a_aspath([(2, [1, 2, 3])], False) + a_nexthop("10.0.0.1")
BASE4 = a_origin(0) + a_aspath([(2, [1, 2, 3])], True) + a_nexthop("10.0.0.1")
PEERS = [("1.1.1.1", "10.0.0.2", 65001, False)]

CASES = {
    # bgpdump prints the peer address as the withdrawn prefix
    "legacy_withdrawal": [legacy_bgp(T, 1, 65001, "10.0.0.2", 65000, "10.0.0.3",
                                     bgp_update(nlri(["6.0.0.0/8"]), b"", b"")[19:])],
    # bgpdump prints the local address and AS as the peer
    "local_addpath_peer": [bgp4mp_message(T, 11, 65001, 65000, *P,
                                          bgp_update(b"", BASE4, nlri(["4.0.0.0/8"], [5])))],
    # bgpdump prints nothing for multicast RIB records and RIB_GENERIC
    "rib_multicast_generic": [peer_index_table(T, "9.9.9.9", "", PEERS),
                              rib_afi(T, 3, 0, "1.2.4.0/24", [(0, T, 0, BASE4)]),
                              rib_generic(T, 1, 1, 1, "1.2.5.0/24", [(0, T, 0, BASE4)])],
    # bgpdump prints values of 2^31 and above as negative numbers in some lines
    # (depending on the records before: a lone record like this one prints right)
    "unsigned_med_local_pref": [bgp4mp_message(T, 4, 65001, 65000, *P, bgp_update(
        b"", BASE4 + a_med(4168275397) + a_localpref(2147483648), nlri(["4.0.0.0/8"])))],
    # bgpdump 1.6.2 prints host bits past the prefix length
    "host_bits": [bgp4mp_message(T, 4, 65001, 65000, *P, bgp_update(
        b"", BASE4, nlri(["11.13.11.0/13"])))],
    # bgpdump reads 16 bytes of peer address for the IPv6 withdrawals of an IPv4 peer
    "local_v4_peer_v6_withdrawal": [bgp4mp_message(T, 6, 65001, 65000, *P, bgp_update(
        b"", a_mp_unreach(2, 1, nlri(["2001:db8::/32"])), b""))],
    # bgpdump prints an announcement with "! Error !" as AS path
    "damaged_attributes": [bgp4mp_message(T, 4, 65001, 65000, *P, bgp_update(
        nlri(["2.0.0.0/8"]), a_origin(0) + attr(2, bytes([2, 5, 0, 0, 0, 1])), nlri(["3.0.0.0/8"])))],
    # RFC 6793: confederation segments of AS4_PATH are discarded; those of
    # AS_PATH are not counted when the two are merged. bgpdump prints
    # "(70000) 200000" and "(5) (5) 200000" for these two.
    "as4_path_confed": [
        bgp4mp_message(T, 1, 65001, 65000, *P, bgp_update(b"", a_origin(0) + a_aspath(
            [(2, [1, 23456])], False) + a_nexthop("10.0.0.1") + a_as4path(
            [(3, [70000]), (2, [200000])]), nlri(["8.0.0.0/8"]))),
        bgp4mp_message(T, 1, 65001, 65000, *P, bgp_update(b"", a_origin(0) + a_aspath(
            [(3, [5]), (2, [1, 23456])], False) + a_nexthop("10.0.0.1") + a_as4path(
            [(2, [200000])]), nlri(["8.0.0.0/8"])))],
}

for name, recs in CASES.items():
    with open(os.path.join(sys.argv[1], name + ".mrt"), "wb") as f:
        f.write(b"".join(recs))
