/*
 * bgp4mp.c — message record bodies: BGP4MP / BGP4MP_ET (RFC 6396 4.4-4.5,
 * RFC 8050 ADD-PATH subtypes) and the legacy BGP type of 1999-2000 archives
 * (RFC 6396 appendix B). Never prints or allocates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode_int.h"

static bool read_addr(struct cursor *c, uint8_t afi, struct addr *a)
{
	memset(a, 0, sizeof *a);
	a->afi = afi;
	return cur_bytes(c, a->b, afi_bytes(afi));
}

/* x->lazy: the attributes of an UPDATE whose announcements so far were far,
 * decoded for the first that is not, which goes out with them, as do the
 * rest. They decode: bgp_check_attrs gave their verdict (were it ever
 * wrong, the route would go out without them rather than with half). */
static void __attribute__((noinline)) decode_late(struct emit *x)
{
	struct bgp_attrs *a = &x->d->upd.attrs;
	struct bgp_attr_opts opt = { .asn_size = x->lazy_asn, .rib_mp_reach = false, .rib_afi = 0 };
	const char *ignored;

	x->lazy = false;
	if (bgp_decode_attrs(a->raw, &opt, &x->d->scratch, a, &ignored) < 0)
		return;
	x->e.attrs = a;
	if (x->lazy_mp)
		x->e.nexthop = a->mp_reach.nexthop;
	else if (a->present & ATTR_BIT(BGP_ATTR_NEXT_HOP))
		x->e.nexthop = a->nexthop;
}

/* The far routes of x's open run after its first (x->runs), to the
 * consumer's decoder_set_far_more as one call, with the first's prefix. */
static int __attribute__((noinline)) end_run(struct emit *x)
{
	uint32_t n = x->run;
	x->run_open = false;
	if (n == 0)
		return 0;
	struct prefix at = x->e.prefix;
	x->e.prefix = x->run_prefix;
	x->d->st.elems += n;
	int r = x->d->more(&x->e, n, x->arg);
	x->e.prefix = at;
	return r;
}

/* Hands a route to the consumer: with x->lazy, an announcement the consumer
 * takes by its prefix alone (decoder_set_far) goes without attributes; with
 * x->runs, the far routes after the first of a run of them go at its end
 * (end_run), as one call. */
static inline int emit_route(struct emit *x)
{
	if (x->runs || (x->lazy && x->e.type == ELEM_ANNOUNCE)) {
		if (x->d->far(&x->e, x->d->far_arg)) {
			if (x->run_open) {
				x->run++;
				return 0;
			}
			if (x->runs) {
				x->run_open = true;
				x->run = 0;
				x->run_prefix = x->e.prefix;
			}
			return emit_elem(x);
		}
		if (x->run_open) {
			int r = end_run(x);
			if (r)
				return r;
		}
		if (x->lazy && x->e.type == ELEM_ANNOUNCE)
			decode_late(x);
	}
	return emit_elem(x);
}

/* Emits every prefix of one NLRI field as type t. */
static int emit_nlri(struct emit *x, struct cursor nlri, uint8_t afi, bool addpath,
                     enum elem_type t, const char **why)
{
	int k;
	x->e.type = t;
	while ((k = bgp_nlri_next(&nlri, afi, addpath, &x->e.prefix, &x->e.path_id, why)) == 1) {
		int r = emit_route(x);
		if (r)
			return r;
	}
	if (x->run_open) {
		int r = end_run(x);
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

/* Whether bgp_nlri_next would read every prefix of an NLRI field: its
 * lengths alone are walked, nothing is copied (every UPDATE's fields are
 * checked before any prefix goes out, and nearly all are sound). */
static bool nlri_lengths_sound(struct cursor nlri, uint8_t afi, bool addpath)
{
	if (nlri.left == 0)
		return true;
	if (afi != AFI_IPV4 && afi != AFI_IPV6)
		return false;
	unsigned max = afi_bits(afi);
	uint8_t len;
	while (nlri.left > 0)
		if ((addpath && !cur_skip(&nlri, 4)) || !cur_u8(&nlri, &len) || len > max ||
		    !cur_skip(&nlri, (len + 7u) / 8u))
			return false;
	return true;
}

/* Does every prefix of an NLRI field parse (with path ids when addpath)?
 * False with *why at the first that does not. */
static bool nlri_sound(struct cursor nlri, uint8_t afi, bool addpath, const char **why)
{
	struct prefix p;
	int k;

	if (nlri_lengths_sound(nlri, afi, addpath))
		return true;
	/* Walked again prefix by prefix for the reason. */
	while ((k = bgp_nlri_next(&nlri, afi, addpath, &p, NULL, why)) == 1)
		;
	return k == 0;
}

/* The first len bits set, as 4 bytes in network order, for len 0..32. */
static const uint8_t v4_mask[33][4] = {
	{ 0x00, 0x00, 0x00, 0x00 }, { 0x80, 0x00, 0x00, 0x00 }, { 0xc0, 0x00, 0x00, 0x00 },
	{ 0xe0, 0x00, 0x00, 0x00 }, { 0xf0, 0x00, 0x00, 0x00 }, { 0xf8, 0x00, 0x00, 0x00 },
	{ 0xfc, 0x00, 0x00, 0x00 }, { 0xfe, 0x00, 0x00, 0x00 }, { 0xff, 0x00, 0x00, 0x00 },
	{ 0xff, 0x80, 0x00, 0x00 }, { 0xff, 0xc0, 0x00, 0x00 }, { 0xff, 0xe0, 0x00, 0x00 },
	{ 0xff, 0xf0, 0x00, 0x00 }, { 0xff, 0xf8, 0x00, 0x00 }, { 0xff, 0xfc, 0x00, 0x00 },
	{ 0xff, 0xfe, 0x00, 0x00 }, { 0xff, 0xff, 0x00, 0x00 }, { 0xff, 0xff, 0x80, 0x00 },
	{ 0xff, 0xff, 0xc0, 0x00 }, { 0xff, 0xff, 0xe0, 0x00 }, { 0xff, 0xff, 0xf0, 0x00 },
	{ 0xff, 0xff, 0xf8, 0x00 }, { 0xff, 0xff, 0xfc, 0x00 }, { 0xff, 0xff, 0xfe, 0x00 },
	{ 0xff, 0xff, 0xff, 0x00 }, { 0xff, 0xff, 0xff, 0x80 }, { 0xff, 0xff, 0xff, 0xc0 },
	{ 0xff, 0xff, 0xff, 0xe0 }, { 0xff, 0xff, 0xff, 0xf0 }, { 0xff, 0xff, 0xff, 0xf8 },
	{ 0xff, 0xff, 0xff, 0xfc }, { 0xff, 0xff, 0xff, 0xfe }, { 0xff, 0xff, 0xff, 0xff },
};

/* Emits every prefix of an NLRI field nlri_lengths_sound found sound, as
 * emit_nlri would (the same prefixes, host bits cleared, path ids): one
 * lean loop without bgp_nlri_next's checks, since every length and byte
 * is known to be there (nearly every field of every UPDATE comes here). */
static int emit_sound_nlri(struct emit *x, struct cursor nlri, uint8_t afi, bool addpath,
                           enum elem_type t)
{
	const uint8_t *p = nlri.p, *end = nlri.p + nlri.left;
	struct prefix *out = &x->e.prefix;

	if (p == end)
		return 0;
	x->e.type = t;
	if (!addpath)
		x->e.path_id = 0;
	memset(out, 0, sizeof *out);
	out->addr.afi = afi;
	while (p != end) {
		if (addpath) {
			x->e.path_id = rd_u32(p);
			p += 4;
		}
		unsigned len = *p++, n = (len + 7u) / 8u;
		if (afi == AFI_IPV4) {
			/* The bytes as they are, ANDed with the mask's bytes:
			 * the same in either byte order. */
			uint32_t a = 0, m;
			if (end - p >= 4)
				memcpy(&a, p, 4);
			else
				for (unsigned i = 0; i < n; i++)
					((uint8_t *)&a)[i] = p[i];
			memcpy(&m, v4_mask[len], 4);
			a &= m;
			memcpy(out->addr.b, &a, 4);
		} else {
			memset(out->addr.b, 0, sizeof out->addr.b);
			nlri_prefix_bytes(out->addr.b, p, len);
		}
		p += n;
		out->len = (uint8_t)len;
		int r = emit_route(x);
		if (r)
			return r;
	}
	return x->run_open ? end_run(x) : 0;
}

/* "ADD-PATH encoding under subtype 4 (MESSAGE_AS4): ...", in the decoder's buffer. */
static const char *addpath_msg(struct emit *x, bool guess)
{
	const char *name = mrt_subtype_name(x->e.mrt_type, x->e.mrt_subtype);
	snprintf(x->d->msg, sizeof x->d->msg,
	         "ADD-PATH encoding under subtype %u (%s): %s", x->e.mrt_subtype,
	         name ? name : "unnamed",
	         guess ? "NLRI read with path ids (--addpath-guess)"
	               : "NLRI field not used (--addpath-guess reads it with path ids)");
	return x->d->msg;
}

/*
 * Emits one NLRI field; damage inside it is remembered in *damage (the first
 * one wins) and the other fields, framed by their own lengths, still go out.
 * An announcement field that breaks partway is unusable as a whole (RFC 7606
 * 5.3): none of its prefixes go out, not even those read before the break,
 * which are as likely misread. A field that breaks without path ids but
 * parses cleanly with them is the ADD-PATH encoding some collectors wrote
 * under plain subtypes: said so, and read that way with --addpath-guess
 * (without it, unused, withdrawals too). A withdrawal field that breaks
 * otherwise keeps the prefixes before the break, as bgpdump prints them.
 */
static int field(struct emit *x, struct cursor nlri, uint8_t afi, bool addpath,
                 enum elem_type t, const char **damage)
{
	const char *why = NULL, *ignored;
	bool ap = addpath;

	if (nlri_lengths_sound(nlri, afi, addpath))
		return emit_sound_nlri(x, nlri, afi, addpath, t);
	if (!nlri_sound(nlri, afi, addpath, &why)) {
		if (!addpath && nlri_sound(nlri, afi, true, &ignored)) {
			ap = x->d->addpath_guess;
			if (!*damage)
				*damage = addpath_msg(x, ap);
			if (!ap)
				return 0;
		} else {
			/* The probe reused bgp.c's message buffer: say why again. */
			nlri_sound(nlri, afi, addpath, &why);
			if (t == ELEM_ANNOUNCE) {
				if (!*damage)
					*damage = why;
				return 0;
			}
		}
	}
	x->e.has_path_id = ap;
	int r = emit_nlri(x, nlri, afi, ap, t, &why);
	x->e.has_path_id = addpath;
	if (r < 0) {
		if (!*damage)
			*damage = why;
		return 0;
	}
	return r;
}

/* Emits the elements of the UPDATE decoded into d->upd, in bgpdump's order;
 * as decode_update_body. */
static int emit_update(struct emit *x, bool addpath, const char **why)
{
	struct decoder *d = x->d;
	struct bgp_update *u = &d->upd;
	const struct bgp_attrs *a = &u->attrs;
	const char *damage = NULL;
	int r;

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

	/* With x->lazy only a's MP fields are there yet (decode_late). */
	x->e.safi = SAFI_UNICAST;
	x->lazy_mp = false;
	if (!x->lazy) {
		x->e.attrs = a;
		if (a->present & ATTR_BIT(BGP_ATTR_NEXT_HOP))
			x->e.nexthop = a->nexthop;
	}
	r = field(x, u->nlri, AFI_IPV4, addpath, ELEM_ANNOUNCE, &damage);
	if (r)
		return r;
	if ((a->present & ATTR_BIT(BGP_ATTR_MP_REACH_NLRI)) &&
	    mp_family_ok(d, a->mp_reach.afi, a->mp_reach.safi)) {
		x->e.safi = a->mp_reach.safi;
		x->lazy_mp = true;
		if (!x->lazy)
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

int decode_update_body(struct emit *x, struct cursor body, uint8_t asn_size,
                       bool addpath, const char **why)
{
	struct decoder *d = x->d;
	struct bgp_attr_opts opt = { .asn_size = asn_size, .rib_mp_reach = false, .rib_afi = 0 };
	bool sound;
	int r;

	x->e.has_path_id = addpath;
	x->e.path_id = 0;
	if (d->far) {
		/* The consumer takes far routes by their prefix: the attributes
		 * are only checked (the same verdict and reason as decoded) and
		 * their MP fields found; decode_late decodes them if need be. */
		struct cursor attrs;
		sound = bgp_update_split(body, &d->upd, &attrs, why) == 0 &&
		        bgp_check_attrs(attrs, &opt, &d->upd.attrs, why) == 0;
		if (sound) {
			d->upd.attrs.raw = attrs;
			x->lazy = true;
			x->lazy_asn = asn_size;
			x->runs = d->more != NULL;
		}
	} else {
		sound = bgp_decode_update(body, &opt, &d->scratch, &d->upd, why) == 0;
	}
	if (!sound) {
		r = emit_sound_withdrawals(x, body, addpath);
		return r ? r : -1;
	}
	return emit_update(x, addpath, why);
}

/* The MRT length of the records route-views2's collector cut (Feb 2008). */
#define CUT_RECORD_LEN 4096u

/*
 * A record cut at 4096 bytes by the collector: the UPDATE inside claims
 * more than the record holds, but the bytes present are well-formed. What
 * lies wholly inside is real and goes out, as bgpdump prints it: the
 * withdrawals, the whole attributes and the announcements before the cut.
 * Then reported as damage (the rest of the message is lost), once per
 * source: decoder_source_cuts() counts them.
 */
static int decode_cut_update(struct emit *x, uint64_t offset, struct cursor msg,
                             uint8_t asn_size, bool addpath, const char **why)
{
	struct decoder *d = x->d;
	struct bgp_attr_opts opt = { .asn_size = asn_size, .rib_mp_reach = false, .rib_afi = 0 };
	uint16_t claimed = rd_u16(msg.p + 16);

	x->e.has_path_id = addpath;
	x->e.path_id = 0;
	if (bgp_decode_update_cut(cur_make(msg.p + BGP_HEADER_LEN, msg.left - BGP_HEADER_LEN),
	                          &opt, addpath, &d->scratch, &d->upd, why) < 0)
		return -1;
	int r = emit_update(x, addpath, why);
	if (r != 0)
		return r;
	/* Counted per source; only the first is reported here (the pipeline
	 * says how many there were when the source ends). */
	uint32_t src = x->e.source;
	if (src >= d->ncuts) {
		size_t n = (size_t)src + 1;
		struct cut_count *t = realloc(d->cuts, n * sizeof *t);
		if (!t) {
			*why = "out of memory";
			return -1;
		}
		memset(t + d->ncuts, 0, (n - d->ncuts) * sizeof *t);
		d->cuts = t;
		d->ncuts = n;
	}
	if (d->cuts[src].n++ > 0)
		return 0;
	d->cuts[src].first = offset;
	snprintf(d->msg, sizeof d->msg,
	         "record cut at %u bytes by its collector (the BGP message claims %u bytes of "
	         "%zu): decoded what lies wholly inside", CUT_RECORD_LEN, claimed,
	         msg.left);
	*why = d->msg;
	return -1;
}

/* Is this the record of an UPDATE cut at CUT_RECORD_LEN bytes? */
static bool cut_update(const struct mrt_record *rec, struct cursor msg)
{
	size_t mrt_len = rec->len + (mrt_is_et(rec->type) ? 4 : 0);
	return mrt_len == CUT_RECORD_LEN && msg.left >= BGP_HEADER_LEN &&
	       rd_u16(msg.p + 16) > msg.left && msg.p[18] == BGP_MSG_UPDATE;
}

/* A run of message records from one peer (a session's burst of updates)
 * shares one peer key, so a consumer resolves that peer once for the run
 * (elem.h); any other peer, source or collector starts a new run. */
static void keep_peer_key(struct emit *x)
{
	struct decoder *d = x->d;
	const struct elem *e = &x->e;

	if (d->last_peer.key && d->last_peer.source == e->source &&
	    d->last_peer.collector == e->collector && d->last_peer.as == e->peer_as &&
	    addr_equal(&d->last_peer.ip, &e->peer_ip)) {
		x->e.peer_key = d->last_peer.key;
		return;
	}
	d->last_peer.key = e->peer_key;
	d->last_peer.source = e->source;
	d->last_peer.collector = e->collector;
	d->last_peer.as = e->peer_as;
	d->last_peer.ip = e->peer_ip;
}

int decode_bgp4mp(struct emit *x, const struct mrt_record *rec, const char **why)
{
	struct cursor c = cur_make(rec->body, rec->len);
	uint16_t st = rec->subtype, afi;
	struct addr local_ip;

	/* Zebra, the RIS collector of 1999-2001, wrote STATE_CHANGE as 8 bytes:
	 * peer AS, local AS, old and new state, without interface, family or
	 * addresses. A quirk, not damage: read as bgpdump reads it, a change of
	 * peer 0.0.0.0 with that AS. */
	if (st == BGP4MP_STATE_CHANGE && rec->len == 8) {
		x->e.peer_ip = (struct addr){ .afi = AFI_IPV4 };
		x->e.peer_as = rd_u16(rec->body);
		x->e.old_state = rd_u16(rec->body + 4);
		x->e.new_state = rd_u16(rec->body + 6);
		x->e.type = ELEM_STATE;
		return emit_elem(x);
	}

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
	keep_peer_key(x);

	if (bgp4mp_is_state_change(st)) {
		if (!cur_u16(&c, &x->e.old_state) || !cur_u16(&c, &x->e.new_state))
			goto short_rec;
		x->e.type = ELEM_STATE;
		return emit_elem(x);
	}

	uint8_t type;
	struct cursor body;
	bool addpath = mrt_is_addpath(rec->type, st);
	uint8_t asn_size = bgp4mp_is_as4(st) ? 4 : 2;
	if (cut_update(rec, c))
		return decode_cut_update(x, rec->offset, c, asn_size, addpath, why);
	if (bgp_message_split(c, &type, &body, why) < 0)
		return -1;
	if (type != BGP_MSG_UPDATE)
		return 0;          /* OPEN, NOTIFICATION, KEEPALIVE...: no routes */
	return decode_update_body(x, body, asn_size, addpath, why);

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
