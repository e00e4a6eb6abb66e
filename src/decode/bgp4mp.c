/*
 * bgp4mp.c — message record bodies: BGP4MP / BGP4MP_ET (RFC 6396 4.4-4.5,
 * RFC 8050 ADD-PATH subtypes) and the legacy BGP type of 1999-2000 archives
 * (RFC 6396 appendix B). Never prints or allocates.
 */
#include <string.h>

#include "decode/decode_int.h"

static bool read_addr(struct cursor *c, uint8_t afi, struct addr *a)
{
	memset(a, 0, sizeof *a);
	a->afi = afi;
	return cur_bytes(c, a->b, afi_bytes(afi));
}

/* Emits every prefix of one NLRI field as type t. */
static int emit_nlri(struct emit *x, struct cursor nlri, uint8_t afi, bool addpath,
                     enum elem_type t, const char **why)
{
	int k;
	x->e.type = t;
	while ((k = bgp_nlri_next(&nlri, afi, addpath, &x->e.prefix, &x->e.path_id, why)) == 1) {
		int r = emit_elem(x);
		if (r)
			return r;
	}
	return k < 0 ? -1 : 0;
}

/* MP_REACH / MP_UNREACH carry other families too (VPN, L2VPN, flowspec...):
 * only IP unicast and multicast are routes this tool understands. The others
 * are counted (stats shows them) and skipped. */
static bool mp_family_ok(struct decoder *d, uint16_t afi, uint8_t safi)
{
	if ((afi == AFI_IPV4 || afi == AFI_IPV6) && (safi == SAFI_UNICAST || safi == SAFI_MULTICAST))
		return true;
	d->st.other_families++;
	return false;
}

/* When the UPDATE as a whole cannot be decoded (its attributes are damaged),
 * the withdrawn routes, which come first and have their own length, may still
 * be sound: they are emitted, the announcements are not (their attributes are
 * unknown). */
static int emit_sound_withdrawals(struct emit *x, struct cursor body, bool addpath)
{
	uint16_t len;
	struct cursor wd;
	const char *ignored;

	if (!cur_u16(&body, &len) || !cur_sub(&body, len, &wd))
		return 0;
	x->e.attrs = NULL;
	x->e.safi = SAFI_UNICAST;
	memset(&x->e.nexthop, 0, sizeof x->e.nexthop);
	int r = emit_nlri(x, wd, AFI_IPV4, addpath, ELEM_WITHDRAW, &ignored);
	return r > 0 ? r : 0;
}

/* Emits one NLRI field; damage inside it is remembered in *damage (the first
 * one wins) and the other fields, framed by their own lengths, still go out. */
static int field(struct emit *x, struct cursor nlri, uint8_t afi, bool addpath,
                 enum elem_type t, const char **damage)
{
	const char *why = NULL;
	int r = emit_nlri(x, nlri, afi, addpath, t, &why);
	if (r < 0) {
		if (!*damage)
			*damage = why;
		return 0;
	}
	return r;
}

int decode_update_body(struct emit *x, struct cursor body, uint8_t asn_size,
                       bool addpath, const char **why)
{
	struct decoder *d = x->d;
	struct bgp_update *u = &d->upd;
	const struct bgp_attrs *a = &u->attrs;
	struct bgp_attr_opts opt = { .asn_size = asn_size, .rib_mp_reach = false, .rib_afi = 0 };
	const char *damage = NULL;
	int r;

	x->e.has_path_id = addpath;
	x->e.path_id = 0;
	if (bgp_decode_update(body, &opt, &d->scratch, u, why) < 0) {
		r = emit_sound_withdrawals(x, body, addpath);
		return r ? r : -1;
	}

	/* bgpdump's order, which scripts may rely on: withdrawals first. */
	x->e.attrs = NULL;
	memset(&x->e.nexthop, 0, sizeof x->e.nexthop);
	x->e.safi = SAFI_UNICAST;
	r = field(x, u->withdrawn, AFI_IPV4, addpath, ELEM_WITHDRAW, &damage);
	if (r)
		return r;
	if ((a->present & ATTR_BIT(BGP_ATTR_MP_UNREACH_NLRI)) &&
	    mp_family_ok(d, a->mp_unreach.afi, a->mp_unreach.safi)) {
		x->e.safi = a->mp_unreach.safi;
		r = field(x, a->mp_unreach.nlri, (uint8_t)a->mp_unreach.afi, addpath,
		          ELEM_WITHDRAW, &damage);
		if (r)
			return r;
	}

	x->e.attrs = a;
	x->e.safi = SAFI_UNICAST;
	if (a->present & ATTR_BIT(BGP_ATTR_NEXT_HOP))
		x->e.nexthop = a->nexthop;
	r = field(x, u->nlri, AFI_IPV4, addpath, ELEM_ANNOUNCE, &damage);
	if (r)
		return r;
	if ((a->present & ATTR_BIT(BGP_ATTR_MP_REACH_NLRI)) &&
	    mp_family_ok(d, a->mp_reach.afi, a->mp_reach.safi)) {
		x->e.safi = a->mp_reach.safi;
		x->e.nexthop = a->mp_reach.nexthop;
		r = field(x, a->mp_reach.nlri, (uint8_t)a->mp_reach.afi, addpath,
		          ELEM_ANNOUNCE, &damage);
		if (r)
			return r;
	}
	if (damage) {
		*why = damage;
		return -1;
	}
	return 0;
}

int decode_bgp4mp(struct emit *x, const struct mrt_record *rec, const char **why)
{
	struct cursor c = cur_make(rec->body, rec->len);
	uint16_t st = rec->subtype, afi;
	struct addr local_ip;

	/* Peer AS, local AS, interface index, address family, peer and local IP. */
	if (bgp4mp_is_as4(st)) {
		if (!cur_u32(&c, &x->e.peer_as) || !cur_skip(&c, 4))
			goto short_rec;
	} else {
		uint16_t as16;
		if (!cur_u16(&c, &as16) || !cur_skip(&c, 2))
			goto short_rec;
		x->e.peer_as = as16;
	}
	if (!cur_skip(&c, 2) || !cur_u16(&c, &afi))
		goto short_rec;
	if (afi != AFI_IPV4 && afi != AFI_IPV6) {
		*why = "BGP4MP record with an unknown address family";
		return -1;
	}
	if (!read_addr(&c, (uint8_t)afi, &x->e.peer_ip) || !read_addr(&c, (uint8_t)afi, &local_ip))
		goto short_rec;

	if (bgp4mp_is_state_change(st)) {
		if (!cur_u16(&c, &x->e.old_state) || !cur_u16(&c, &x->e.new_state))
			goto short_rec;
		x->e.type = ELEM_STATE;
		return emit_elem(x);
	}

	uint8_t type;
	struct cursor body;
	if (bgp_message_split(c, &type, &body, why) < 0)
		return -1;
	if (type != BGP_MSG_UPDATE)
		return 0;          /* OPEN, NOTIFICATION, KEEPALIVE...: no routes */
	bool addpath = mrt_is_addpath(rec->type, st);
	return decode_update_body(x, body, bgp4mp_is_as4(st) ? 4 : 2, addpath, why);

short_rec:
	*why = "BGP4MP record cut short";
	return -1;
}

/* Legacy BGP records: peer AS and IPv4 address, then per subtype
 * (RFC 6396 B.2.1). An UPDATE is stored without the 19-byte message header. */
int decode_legacy_bgp(struct emit *x, const struct mrt_record *rec, const char **why)
{
	struct cursor c = cur_make(rec->body, rec->len);
	uint16_t peer_as;

	switch (rec->subtype) {
	case MRT_BGP_UPDATE:
	case MRT_BGP_STATE_CHANGE:
		break;
	case MRT_BGP_NULL: case MRT_BGP_PREF_UPDATE: case MRT_BGP_SYNC:
	case MRT_BGP_OPEN: case MRT_BGP_NOTIFY: case MRT_BGP_KEEPALIVE:
		return 0;          /* known, but no routes in them */
	default:
		x->d->st.unsupported++;
		return 0;
	}
	if (!cur_u16(&c, &peer_as) || !read_addr(&c, AFI_IPV4, &x->e.peer_ip))
		goto short_rec;
	x->e.peer_as = peer_as;
	if (rec->subtype == MRT_BGP_STATE_CHANGE) {
		if (!cur_u16(&c, &x->e.old_state) || !cur_u16(&c, &x->e.new_state))
			goto short_rec;
		x->e.type = ELEM_STATE;
		return emit_elem(x);
	}
	if (!cur_skip(&c, 2 + 4))                /* local AS and IP */
		goto short_rec;
	return decode_update_body(x, c, 2, false, why);

short_rec:
	*why = "BGP record cut short";
	return -1;
}
