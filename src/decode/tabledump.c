/*
 * tabledump.c — RIB dump record bodies: TABLE_DUMP (v1) and TABLE_DUMP_V2
 * (PEER_INDEX_TABLE, RIB_IPV4/IPV6 UNICAST/MULTICAST, RIB_GENERIC and their
 * ADD-PATH forms, RFC 6396 4.2-4.3, RFC 8050). Never prints or allocates per
 * RIB record; a peer table is allocated once per PEER_INDEX_TABLE record.
 */
#include <stdlib.h>
#include <string.h>

#include "decode/decode_int.h"

/* Reads an address of family afi (4 or 16 bytes). */
static bool read_addr(struct cursor *c, uint8_t afi, struct addr *a)
{
	memset(a, 0, sizeof *a);
	a->afi = afi;
	return cur_bytes(c, a->b, afi_bytes(afi));
}

/* Reads one prefix in NLRI encoding (length byte, then only the bytes the
 * length needs); host bits past the length are masked. */
static bool read_nlri_prefix(struct cursor *c, uint8_t afi, struct prefix *p)
{
	uint8_t len;
	memset(p, 0, sizeof *p);
	if (!cur_u8(c, &len) || len > afi_bits(afi))
		return false;
	p->addr.afi = afi;
	p->len = len;
	if (!cur_bytes(c, p->addr.b, (len + 7u) / 8u))
		return false;
	addr_mask(&p->addr, len);
	return true;
}

/* The next hop a RIB entry names: MP_REACH_NLRI's when the entry has one
 * (TABLE_DUMP_V2 keeps only its next hop there), else NEXT_HOP, else none. */
static void rib_nexthop(const struct bgp_attrs *a, bool use_mp, struct addr *out)
{
	if (use_mp && (a->present & ATTR_BIT(BGP_ATTR_MP_REACH_NLRI)) && a->mp_reach.nexthop.afi)
		*out = a->mp_reach.nexthop;
	else if (a->present & ATTR_BIT(BGP_ATTR_NEXT_HOP))
		*out = a->nexthop;
	else
		memset(out, 0, sizeof *out);
}

/* Whether the route x->e is far (decoder_set_far): then its attributes are
 * only checked, and it goes out without them (attrs NULL, no next hop). */
static bool rib_far(struct emit *x)
{
	if (!x->d->far || !x->d->far(&x->e, x->d->far_arg))
		return false;
	x->e.attrs = NULL;
	memset(&x->e.nexthop, 0, sizeof x->e.nexthop);
	return true;
}

/* One TABLE_DUMP entry from the prefix on (RFC 6396 4.2): emits its route.
 * 0, the consumer's stop value, or -1 with *why. */
static int table_dump_entry(struct emit *x, struct cursor *c, uint8_t afi, const char **why)
{
	struct decoder *d = x->d;
	struct cursor attrs;
	uint8_t plen, status;
	uint16_t peer_as, attr_len;
	uint32_t orig_ts;

	if (!read_addr(c, afi, &x->e.prefix.addr) ||
	    !cur_u8(c, &plen) || !cur_u8(c, &status) || !cur_u32(c, &orig_ts) ||
	    !read_addr(c, afi, &x->e.peer_ip) ||
	    !cur_u16(c, &peer_as) || !cur_u16(c, &attr_len) ||
	    !cur_sub(c, attr_len, &attrs)) {
		*why = "TABLE_DUMP record cut short";
		return -1;
	}
	if (plen > afi_bits(afi)) {
		*why = "TABLE_DUMP prefix length too long";
		return -1;
	}
	x->e.prefix.len = plen;
	addr_mask(&x->e.prefix.addr, plen);

	/* RFC 6396 4.2 does not say how an IPv6 route's MP_REACH_NLRI is written
	 * here; archives hold both the full form and TABLE_DUMP_V2's abbreviated
	 * one, which bgp.c tells apart in RIB mode. */
	struct bgp_attr_opts opt = { .asn_size = 2, .rib_mp_reach = true, .rib_afi = afi };
	x->e.type = ELEM_RIB;
	x->e.originated = orig_ts;
	x->e.peer_as = peer_as;
	x->e.safi = SAFI_UNICAST;
	if (rib_far(x)) {
		if (bgp_check_attrs(attrs, &opt, NULL, why) < 0)
			return -1;
		return emit_elem(x);
	}
	if (bgp_decode_attrs(attrs, &opt, &d->scratch, &d->upd.attrs, why) < 0)
		return -1;
	x->e.attrs = &d->upd.attrs;
	/* An IPv6 route's next hop is in MP_REACH_NLRI; an IPv4 route's in NEXT_HOP. */
	rib_nexthop(&d->upd.attrs, afi == AFI_IPV6, &x->e.nexthop);
	return emit_elem(x);
}

/* TABLE_DUMP (v1), 2-byte ASNs (RFC 6396 4.2): one route per record, or in
 * the early RIS dumps of Zebra many, back to back after one view/sequence
 * header (io/mrt.c frames those records whole). Every entry is read. */
int decode_table_dump(struct emit *x, const struct mrt_record *rec, const char **why)
{
	struct cursor c = cur_make(rec->body, rec->len);
	uint8_t afi = rec->subtype == TD_AFI_IPV6 ? AFI_IPV6 : AFI_IPV4;

	if (!cur_skip(&c, 4)) {                    /* view number, sequence number */
		*why = "TABLE_DUMP record cut short";
		return -1;
	}
	do {
		if (c.p != rec->body + 4)
			x->e.peer_key = ++x->d->keys;  /* each entry names its peer */
		int r = table_dump_entry(x, &c, afi, why);
		if (r)
			return r;
	} while (c.left > 0);
	return 0;
}

/* PEER_INDEX_TABLE (RFC 6396 4.3.1): replaces the source's table. */
int decode_peer_index(struct decoder *d, const struct mrt_record *rec,
                      uint32_t source, const char **why)
{
	struct cursor c = cur_make(rec->body, rec->len);
	uint16_t view_len, count;
	uint32_t collector_id;
	const uint8_t *view = NULL;

	if (!cur_u32(&c, &collector_id) || !cur_u16(&c, &view_len) ||
	    (view = c.p, !cur_skip(&c, view_len)) || !cur_u16(&c, &count)) {
		*why = "PEER_INDEX_TABLE cut short";
		return -1;
	}
	if (source >= d->ntables) {
		size_t n = (size_t)source + 1;
		struct peer_table **t = realloc(d->tables, n * sizeof *t);
		if (!t) {
			*why = "out of memory for PEER_INDEX_TABLE";
			return -1;
		}
		for (size_t i = d->ntables; i < n; i++)
			t[i] = NULL;
		d->tables = t;
		d->ntables = n;
	}
	free(d->tables[source]);
	d->tables[source] = NULL;

	struct peer_table *pt = malloc(sizeof *pt + (size_t)count * sizeof pt->peers[0]);
	if (!pt) {
		*why = "out of memory for PEER_INDEX_TABLE";
		return -1;
	}
	pt->count = 0;
	pt->collector_id = collector_id;
	pt->key = d->keys + 1;
	d->keys += count;
	size_t vn = view_len < sizeof pt->view ? view_len : sizeof pt->view - 1;
	memcpy(pt->view, view, vn);
	pt->view[vn] = '\0';
	/* Peers read before damage are kept: RIB entries naming them stay usable. */
	d->tables[source] = pt;
	for (uint16_t i = 0; i < count; i++) {
		uint8_t type;
		struct peer_entry *p = &pt->peers[i];
		if (!cur_u8(&c, &type) || !cur_skip(&c, 4) ||     /* type, BGP ID */
		    !read_addr(&c, (type & 1) ? AFI_IPV6 : AFI_IPV4, &p->ip)) {
			*why = "PEER_INDEX_TABLE peer entry cut short";
			return -1;
		}
		if (type & 2) {
			if (!cur_u32(&c, &p->as)) {
				*why = "PEER_INDEX_TABLE peer entry cut short";
				return -1;
			}
		} else {
			uint16_t as16;
			if (!cur_u16(&c, &as16)) {
				*why = "PEER_INDEX_TABLE peer entry cut short";
				return -1;
			}
			p->as = as16;
		}
		pt->count = (uint16_t)(i + 1);
	}
	return 0;
}

/* Family and SAFI of the RIB subtypes 2-5 and their ADD-PATH forms 8-11. */
static void rib_family(uint16_t subtype, uint8_t *afi, uint8_t *safi)
{
	*afi = subtype == TD2_RIB_IPV6_UNICAST || subtype == TD2_RIB_IPV6_UNICAST_ADDPATH ||
	       subtype == TD2_RIB_IPV6_MULTICAST || subtype == TD2_RIB_IPV6_MULTICAST_ADDPATH
	       ? AFI_IPV6 : AFI_IPV4;
	*safi = subtype == TD2_RIB_IPV4_MULTICAST || subtype == TD2_RIB_IPV4_MULTICAST_ADDPATH ||
	        subtype == TD2_RIB_IPV6_MULTICAST || subtype == TD2_RIB_IPV6_MULTICAST_ADDPATH
	        ? SAFI_MULTICAST : SAFI_UNICAST;
}

/* RIB_* records (RFC 6396 4.3.2-4.3.4, RFC 8050 for subtypes 8-12). */
int decode_rib(struct emit *x, const struct mrt_record *rec, const char **why)
{
	struct decoder *d = x->d;
	const struct peer_table *pt = d->tables[x->e.source];
	struct cursor c = cur_make(rec->body, rec->len);
	bool addpath = mrt_is_addpath(rec->type, rec->subtype);
	uint8_t afi, safi;
	uint16_t count;
	const char *damage = NULL;

	if (!cur_skip(&c, 4)) {                                  /* sequence number */
		*why = "RIB record cut short";
		return -1;
	}
	if (td2_is_rib_generic(rec->subtype)) {
		uint16_t gafi;
		if (!cur_u16(&c, &gafi) || !cur_u8(&c, &safi)) {
			*why = "RIB_GENERIC record cut short";
			return -1;
		}
		/* Only IP unicast and multicast are routes this tool understands. */
		if ((gafi != AFI_IPV4 && gafi != AFI_IPV6) ||
		    (safi != SAFI_UNICAST && safi != SAFI_MULTICAST)) {
			d->st.unsupported++;
			return 0;
		}
		afi = (uint8_t)gafi;
	} else {
		rib_family(rec->subtype, &afi, &safi);
	}
	if (!read_nlri_prefix(&c, afi, &x->e.prefix)) {
		*why = "RIB record prefix damaged";
		return -1;
	}
	if (!cur_u16(&c, &count)) {
		*why = "RIB record cut short";
		return -1;
	}
	x->e.type = ELEM_RIB;
	x->e.safi = safi;
	x->e.has_path_id = addpath;
	x->e.attrs = &d->upd.attrs;

	struct bgp_attr_opts opt = { .asn_size = 4, .rib_mp_reach = true, .rib_afi = afi };
	for (uint16_t i = 0; i < count; i++) {
		uint16_t idx, attr_len;
		uint32_t orig_ts;
		struct cursor attrs;
		if (!cur_u16(&c, &idx) || !cur_u32(&c, &orig_ts) ||
		    (addpath && !cur_u32(&c, &x->e.path_id)) ||
		    !cur_u16(&c, &attr_len) || !cur_sub(&c, attr_len, &attrs)) {
			*why = "RIB entry cut short";
			return -1;
		}
		/* Each entry is framed by its own length: a bad one is skipped
		 * (and the record reported) while the others still go out. */
		if (idx >= pt->count) {
			if (!damage)
				damage = "RIB entry names a peer past the PEER_INDEX_TABLE";
			continue;
		}
		const char *w = NULL;
		x->e.peer_ip = pt->peers[idx].ip;
		x->e.peer_as = pt->peers[idx].as;
		x->e.peer_key = pt->key + idx;
		x->e.originated = orig_ts;
		bool far = rib_far(x);
		if (far ? bgp_check_attrs(attrs, &opt, NULL, &w) < 0
		        : bgp_decode_attrs(attrs, &opt, &d->scratch, &d->upd.attrs, &w) < 0) {
			if (!damage)
				damage = w;
			continue;
		}
		if (!far) {
			x->e.attrs = &d->upd.attrs;
			rib_nexthop(&d->upd.attrs, true, &x->e.nexthop);
		}
		int r = emit_elem(x);
		if (r)
			return r;
	}
	if (damage) {
		*why = damage;
		return -1;
	}
	return 0;
}
