#!/usr/bin/env python3
# mrtcraft.py — builds MRT records byte by byte (RFC 6396, 4271, 4760, 6793, 8050)
# for the differential test against bgpdump and for probing its behaviour.
# Owns: crafting bytes only. Never: decodes or compares (dump_vs_bgpdump.sh does).
import ipaddress
import struct


def be16(v): return struct.pack(">H", v)
def be32(v): return struct.pack(">I", v)


def ip_bytes(s):
    return ipaddress.ip_address(s).packed


def mrt(ts, typ, sub, body, usec=None):
    """One MRT record; with usec the ET microsecond field (counted in length)."""
    if usec is not None:
        body = be32(usec) + body
    return be32(ts) + be16(typ) + be16(sub) + be32(len(body)) + body


# ---- BGP path attributes ---------------------------------------------------

def attr(typ, value, flags=0x40):
    if len(value) > 255:
        flags |= 0x10
    if flags & 0x10:
        return bytes([flags, typ]) + be16(len(value)) + value
    return bytes([flags, typ, len(value)]) + value


def a_origin(o): return attr(1, bytes([o]))


def aspath_value(segments, asn4):
    """segments: list of (type, [asn...]); type 1 SET 2 SEQ 3 CONFED_SEQ 4 CONFED_SET."""
    out = b""
    for t, asns in segments:
        out += bytes([t, len(asns)])
        for a in asns:
            out += be32(a) if asn4 else be16(a)
    return out


def a_aspath(segments, asn4): return attr(2, aspath_value(segments, asn4))
def a_as4path(segments): return attr(17, aspath_value(segments, True), 0xc0)
def a_nexthop(ip): return attr(3, ip_bytes(ip))
def a_med(v): return attr(4, be32(v), 0x80)
def a_localpref(v): return attr(5, be32(v))
def a_atomic(): return attr(6, b"")


def a_aggregator(asn, ip, asn4):
    return attr(7, (be32(asn) if asn4 else be16(asn)) + ip_bytes(ip), 0xc0)


def a_as4aggregator(asn, ip): return attr(18, be32(asn) + ip_bytes(ip), 0xc0)


def a_communities(vals):
    return attr(8, b"".join(be32(v) for v in vals), 0xc0)


def a_large(vals):
    return attr(32, b"".join(be32(a) + be32(b) + be32(c) for a, b, c in vals), 0xc0)


def a_ext(vals):
    return attr(16, b"".join(vals), 0xc0)


def nlri(prefixes, addpath_ids=None):
    """prefixes: list of "a/len" strings; host bits are written as given."""
    out = b""
    for i, p in enumerate(prefixes):
        addr, plen = p.split("/")
        plen = int(plen)
        raw = ip_bytes(addr)
        if addpath_ids is not None:
            out += be32(addpath_ids[i])
        out += bytes([plen]) + raw[:(plen + 7) // 8]
    return out


def a_mp_reach(afi, safi, nexthops, nlri_bytes):
    nh = b"".join(ip_bytes(n) for n in nexthops)
    return attr(14, be16(afi) + bytes([safi, len(nh)]) + nh + b"\x00" + nlri_bytes, 0x80)


def a_mp_unreach(afi, safi, nlri_bytes):
    return attr(15, be16(afi) + bytes([safi]) + nlri_bytes, 0x80)


def a_mp_reach_rib(nexthops):
    """TABLE_DUMP_V2 abbreviated MP_REACH: next hop length and next hop only."""
    nh = b"".join(ip_bytes(n) for n in nexthops)
    return attr(14, bytes([len(nh)]) + nh, 0x80)


# ---- BGP messages -----------------------------------------------------------

def bgp_msg(typ, body):
    return b"\xff" * 16 + be16(19 + len(body)) + bytes([typ]) + body


def bgp_update(withdrawn=b"", attrs=b"", nlri_bytes=b""):
    return bgp_msg(2, be16(len(withdrawn)) + withdrawn + be16(len(attrs)) + attrs + nlri_bytes)


def bgp_keepalive(): return bgp_msg(4, b"")


def bgp_open(asn=65000):
    return bgp_msg(1, bytes([4]) + be16(asn) + be16(180) + ip_bytes("10.0.0.1") + b"\x00")


def bgp_notification(): return bgp_msg(3, b"\x06\x02")


# ---- BGP4MP ----------------------------------------------------------------

def bgp4mp_head(peer_as, local_as, peer_ip, local_ip, as4, ifindex=0):
    v6 = ":" in peer_ip
    h = (be32(peer_as) + be32(local_as)) if as4 else (be16(peer_as) + be16(local_as))
    return h + be16(ifindex) + be16(2 if v6 else 1) + ip_bytes(peer_ip) + ip_bytes(local_ip)


def bgp4mp_message(ts, sub, peer_as, local_as, peer_ip, local_ip, msg, usec=None):
    as4 = sub in (4, 7, 9, 11)
    typ = 17 if usec is not None else 16
    return mrt(ts, typ, sub, bgp4mp_head(peer_as, local_as, peer_ip, local_ip, as4) + msg, usec)


def bgp4mp_state(ts, sub, peer_as, local_as, peer_ip, local_ip, old, new, usec=None):
    as4 = sub == 5
    typ = 17 if usec is not None else 16
    return mrt(ts, typ, sub, bgp4mp_head(peer_as, local_as, peer_ip, local_ip, as4)
               + be16(old) + be16(new), usec)


# ---- TABLE_DUMP (v1) -----------------------------------------------------------

def table_dump(ts, sub, view, seq, prefix, status, orig_ts, peer_ip, peer_as, attrs):
    addr, plen = prefix.split("/")
    body = (be16(view) + be16(seq) + ip_bytes(addr) + bytes([int(plen), status])
            + be32(orig_ts) + ip_bytes(peer_ip) + be16(peer_as) + be16(len(attrs)) + attrs)
    return mrt(ts, 12, sub, body)


# ---- TABLE_DUMP_V2 --------------------------------------------------------------

def peer_index_table(ts, collector_id, view, peers):
    """peers: list of (bgp_id, ip, asn, as4)."""
    body = ip_bytes(collector_id) + be16(len(view)) + view.encode() + be16(len(peers))
    for bgp_id, ip, asn, as4 in peers:
        ptype = (1 if ":" in ip else 0) | (2 if as4 else 0)
        body += bytes([ptype]) + ip_bytes(bgp_id) + ip_bytes(ip) + (be32(asn) if as4 else be16(asn))
    return mrt(ts, 13, 1, body)


def rib_entries(entries, addpath):
    """entries: list of (peer_index, orig_ts, path_id, attrs)."""
    out = be16(len(entries))
    for idx, ots, pid, attrs in entries:
        out += be16(idx) + be32(ots)
        if addpath:
            out += be32(pid)
        out += be16(len(attrs)) + attrs
    return out


def rib_afi(ts, sub, seq, prefix, entries):
    addpath = sub >= 8
    body = be32(seq) + nlri([prefix]) + rib_entries(entries, addpath)
    return mrt(ts, 13, sub, body)


def rib_generic(ts, seq, afi, safi, prefix, entries, addpath=False):
    body = be32(seq) + be16(afi) + bytes([safi]) + nlri([prefix]) + rib_entries(entries, addpath)
    return mrt(ts, 13, 12 if addpath else 6, body)


# ---- legacy BGP (type 5) ---------------------------------------------------------

def legacy_bgp(ts, sub, peer_as, peer_ip, local_as, local_ip, payload):
    body = be16(peer_as) + ip_bytes(peer_ip) + be16(local_as) + ip_bytes(local_ip) + payload
    return mrt(ts, 5, sub, body)
