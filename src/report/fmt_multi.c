/*
 * fmt_multi.c — bgpdump's multi-line format (-H, its default), byte for
 * byte as bgpdump 1.6.2 lays it out: a block of "NAME: value" lines per BGP
 * message, state change or RIB entry, each block ended by an empty line.
 * Owns: that layout, learnt from bgpdump's output on the corpus and on
 * crafted records. Never: allocates, uses printf, or invents content (where
 * bgpdump prints what the bytes do not say, this prints what they say: the
 * manual's COMPATIBILITY section lists each difference).
 *
 * Messages (BGP4MP, BGP4MP_ET, legacy BGP) are written from the record, so
 * that the local side, OPEN, NOTIFICATION and KEEPALIVE appear; RIB entries
 * from their elements (the peer index table is the decoder's), with the
 * view, sequence number and status the record function kept in the style.
 */
#include "report/fmt.h"

#include <string.h>

#include "report/fmt_int.h"

/* Room for one line of fixed-size pieces: a label and a few addresses. */
#define LINE (4 * FW_PIECE)

static void put_str(struct fw *w, const char *s)
{
	fw_mem(w, s, strlen(s));
}

/* "TIME: 08/11/16 16:00:00\n", with ".000005" for BGP4MP_ET. */
static void put_time_line(struct fw *w, uint16_t mrt_type, uint32_t ts, uint32_t usec,
                          struct bgpdump_style *s)
{
	fw_need(w, LINE);
	fw_lit(w, "TIME: ");
	put_str(w, fmt_bgpdump_human_time(s, ts));
	if (mrt_type == MRT_BGP4MP_ET) {
		fw_char(w, '.');
		if (usec > 999999) {
			fw_u32(w, usec);
		} else {
			for (uint32_t d = 100000; d; d /= 10)
				fw_char(w, (char)('0' + usec / d % 10));
		}
	}
	fw_char(w, '\n');
}

/* "NAME: 10.0.0.1 AS65001\n" (name with its colon and space). na: the
 * FROM and TO lines of messages, where bgpdump writes an IPv4 0.0.0.0 as
 * N/A (not in RIB entries). */
static void put_end(struct fw *w, const char *name, const struct addr *a, uint32_t as, bool na)
{
	static const uint8_t zero[4];
	fw_need(w, LINE);
	put_str(w, name);
	if (na && a->afi == AFI_IPV4 && memcmp(a->b, zero, 4) == 0)
		fw_lit(w, "N/A");
	else
		fw_bgpdump_addr(w, a);
	fw_lit(w, " AS");
	fw_u32(w, as);
	fw_char(w, '\n');
}

static void put_ipv4(struct fw *w, uint32_t host_order)
{
	struct addr a = { .afi = AFI_IPV4,
	                  .b = { (uint8_t)(host_order >> 24), (uint8_t)(host_order >> 16),
	                         (uint8_t)(host_order >> 8), (uint8_t)host_order } };
	fw_bgpdump_addr(w, &a);
}

static const char *family_name(uint16_t afi, uint8_t safi)
{
	if (afi == AFI_IPV4)
		return safi == SAFI_MULTICAST ? "IPv4 Multicast" : "IPv4 Unicast";
	return safi == SAFI_MULTICAST ? "IPv6 Multicast" : "IPv6 Unicast";
}

/* "   UNKNOWN_ATTR(192, 16, 8): 00 02 ...\n" for each attribute bgpdump
 * does not decode, in the order given. */
static void put_unknown_attrs(struct fw *w, struct cursor raw)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t flags, type;
	struct cursor v;
	const char *why;

	while (bgp_attr_next(&raw, &flags, &type, &v, &why) == 1) {
		if (fw_bgpdump_decodes(type))
			continue;
		fw_need(w, LINE);
		fw_lit(w, "   UNKNOWN_ATTR(");
		fw_u32(w, flags);
		fw_lit(w, ", ");
		fw_u32(w, type);
		fw_lit(w, ", ");
		fw_u64(w, v.left);
		fw_lit(w, "):");
		for (size_t i = 0; i < v.left; i++) {
			fw_need(w, 3);
			fw_char(w, ' ');
			fw_char(w, hex[v.p[i] >> 4]);
			fw_char(w, hex[v.p[i] & 15]);
		}
		fw_need(w, 1);
		fw_char(w, '\n');
	}
}

/* The attribute lines, in bgpdump's fixed order (not the order given). */
static void put_attrs(struct fw *w, const struct bgp_attrs *a)
{
	uint64_t p = a->present;

	fw_need(w, LINE);
	if (p & ATTR_BIT(BGP_ATTR_ORIGIN)) {
		static const char *const names[] = { "IGP", "EGP", "INCOMPLETE" };
		fw_lit(w, "ORIGIN: ");
		if (a->origin < 3)
			put_str(w, names[a->origin]);
		else
			fw_u32(w, a->origin);
		fw_char(w, '\n');
	}
	if (p & ATTR_BIT(BGP_ATTR_AS_PATH)) {
		fw_lit(w, "ASPATH: ");
		fw_bgpdump_as_path(w, a->as_path);
		fw_need(w, LINE);
		fw_char(w, '\n');
	}
	if (p & ATTR_BIT(BGP_ATTR_NEXT_HOP)) {
		fw_lit(w, "NEXT_HOP: ");
		fw_bgpdump_addr(w, &a->nexthop);
		fw_char(w, '\n');
	}
	if (p & ATTR_BIT(BGP_ATTR_MED)) {
		fw_lit(w, "MULTI_EXIT_DISC: ");
		fw_u32(w, a->med);
		fw_char(w, '\n');
	}
	if (p & ATTR_BIT(BGP_ATTR_LOCAL_PREF)) {
		fw_lit(w, "LOCAL_PREF: ");
		fw_u32(w, a->local_pref);
		fw_char(w, '\n');
	}
	if (p & ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE))
		fw_lit(w, "ATOMIC_AGGREGATE\n");
	if (p & ATTR_BIT(BGP_ATTR_AGGREGATOR)) {
		fw_lit(w, "AGGREGATOR: AS");
		fw_u32(w, a->aggregator_as);
		fw_char(w, ' ');
		fw_bgpdump_addr(w, &a->aggregator_ip);
		fw_char(w, '\n');
	}
	if (p & ATTR_BIT(BGP_ATTR_ORIGINATOR_ID)) {
		fw_lit(w, "ORIGINATOR_ID: ");
		put_ipv4(w, a->originator_id);
		fw_char(w, '\n');
	}
	if (p & ATTR_BIT(BGP_ATTR_CLUSTER_LIST)) {
		struct cursor c = a->cluster_list;
		uint32_t id;
		fw_lit(w, "CLUSTER_LIST: ");
		while (cur_u32(&c, &id)) {
			fw_need(w, FW_PIECE);
			put_ipv4(w, id);
			fw_char(w, ' ');
		}
		fw_need(w, 1);
		fw_char(w, '\n');
	}
	put_unknown_attrs(w, a->raw);
	fw_need(w, LINE);
	if (p & ATTR_BIT(BGP_ATTR_MP_REACH_NLRI)) {
		const struct bgp_mp_reach *m = &a->mp_reach;
		fw_lit(w, "MP_REACH_NLRI(");
		put_str(w, family_name(m->afi, m->safi));
		fw_lit(w, ")\n");
		if (m->nexthop.afi) {
			fw_lit(w, "NEXT_HOP: ");
			fw_bgpdump_addr(w, &m->nexthop);
			fw_char(w, '\n');
		}
		if (m->nexthop_ll.afi) {
			fw_lit(w, "NEXT_HOP: ");
			fw_bgpdump_addr(w, &m->nexthop_ll);
			fw_char(w, '\n');
		}
	}
	if (p & ATTR_BIT(BGP_ATTR_MP_UNREACH_NLRI)) {
		fw_lit(w, "MP_UNREACH_NLRI(");
		put_str(w, family_name(a->mp_unreach.afi, a->mp_unreach.safi));
		fw_lit(w, ")\n");
	}
	if (p & ATTR_BIT(BGP_ATTR_COMMUNITIES)) {
		fw_lit(w, "COMMUNITY: ");
		fw_bgpdump_communities(w, a->communities);
		fw_need(w, LINE);
		fw_char(w, '\n');
	}
	if (p & ATTR_BIT(BGP_ATTR_LARGE_COMMUNITIES)) {
		fw_lit(w, "LARGE_COMMUNITY: ");
		fw_bgpdump_large(w, a->large_communities);
		fw_need(w, 1);
		fw_char(w, '\n');
	}
}

/* ---- RIB entries (from their elements) --------------------------------- */

static void rib_entry(struct outbuf *o, const struct elem *e, struct bgpdump_style *s)
{
	static const struct bgp_attrs none;
	bool v1 = e->mrt_type == MRT_TABLE_DUMP;
	struct fw w;

	fw_begin(&w, o);
	put_time_line(&w, e->mrt_type, e->ts, 0, s);
	fw_need(&w, 2 * LINE);
	if (v1) {
		fw_lit(&w, "TYPE: TABLE_DUMP/");
		put_str(&w, e->mrt_subtype == TD_AFI_IPV6 ? "INET6" : "INET");
		fw_lit(&w, "\nVIEW: ");
		fw_u32(&w, s->view);
		fw_lit(&w, "\nSEQUENCE: ");
		fw_u32(&w, s->seq);
		fw_lit(&w, "\nPREFIX: ");
		fw_bgpdump_prefix(&w, &e->prefix);
		fw_char(&w, '\n');
		put_end(&w, "FROM:", &e->peer_ip, e->peer_as, false);
	} else {
		/* The RFC's names less their RIB_ ("IPV4_UNICAST_ADDPATH"). */
		const char *st = mrt_subtype_name(e->mrt_type, e->mrt_subtype);
		if (!st)
			st = "UNKNOWN";
		else if (strncmp(st, "RIB_IP", 6) == 0)
			st += 4;
		fw_lit(&w, "TYPE: TABLE_DUMP_V2/");
		put_str(&w, st);
		fw_lit(&w, "\nPREFIX: ");
		fw_bgpdump_prefix(&w, &e->prefix);
		if (e->has_path_id) {
			fw_lit(&w, " PATH_ID: ");
			fw_u32(&w, e->path_id);
		}
		fw_lit(&w, "\nSEQUENCE: ");
		fw_u32(&w, s->seq);
		fw_char(&w, '\n');
		put_end(&w, "FROM: ", &e->peer_ip, e->peer_as, false);
	}
	fw_need(&w, LINE);
	fw_lit(&w, "ORIGINATED: ");
	put_str(&w, fmt_bgpdump_human_time(s, e->originated));
	fw_char(&w, '\n');
	put_attrs(&w, e->attrs ? e->attrs : &none);
	fw_need(&w, LINE);
	if (v1) {
		fw_lit(&w, "STATUS: 0x");
		static const char hex[] = "0123456789abcdef";
		if (s->status >> 4)
			fw_char(&w, hex[s->status >> 4]);
		fw_char(&w, hex[s->status & 15]);
		fw_char(&w, '\n');
	}
	fw_char(&w, '\n');
	fw_end(&w);
}

static void elem_multi(struct outbuf *o, const struct elem *e, const char *collector,
                       struct bgpdump_style *s)
{
	(void)collector;
	/* Messages and state changes were written whole from their records. */
	if (e->type == ELEM_RIB)
		rib_entry(o, e, s);
}

/* ---- messages and state changes (from their records) ------------------- */

/* What a message record's header says. */
struct msg_head {
	const struct mrt_record *rec;
	const char *type;            /* "BGP4MP/MESSAGE" and the like */
	struct addr from_ip, to_ip;
	uint32_t from_as, to_as;
	bool addpath;
	uint8_t asn_size;
};

static void put_head(struct fw *w, const struct msg_head *h, const char *what,
                     struct bgpdump_style *s)
{
	put_time_line(w, h->rec->type, h->rec->ts, h->rec->usec, s);
	fw_need(w, LINE);
	fw_lit(w, "TYPE: ");
	put_str(w, h->type);
	fw_char(w, '/');
	put_str(w, what);
	fw_char(w, '\n');
	put_end(w, "FROM: ", &h->from_ip, h->from_as, true);
	put_end(w, "TO: ", &h->to_ip, h->to_as, true);
}

static void put_state(struct fw *w, const struct mrt_record *rec, const char *type,
                      const struct addr *peer, uint32_t peer_as, uint16_t old_state,
                      uint16_t new_state, struct bgpdump_style *s)
{
	static const char *const names[] = {
		"Unknown", "Idle", "Connect", "Active", "Opensent", "Openconfirm", "Established",
		"Clearing", "Deleted",
	};
	uint16_t st[2] = { old_state, new_state };

	put_time_line(w, rec->type, rec->ts, rec->usec, s);
	fw_need(w, LINE);
	fw_lit(w, "TYPE: ");
	put_str(w, type);
	fw_lit(w, "/STATE_CHANGE\n");
	put_end(w, "PEER: ", peer, peer_as, true);
	fw_need(w, LINE);
	fw_lit(w, "STATE: ");
	for (int i = 0; i < 2; i++) {
		if (i)
			fw_char(w, '/');
		if (st[i] < sizeof names / sizeof names[0])
			put_str(w, names[st[i]]);
		else
			fw_u32(w, st[i]);
	}
	fw_lit(w, "\n\n");
}

/* Does every prefix of an NLRI field parse? */
static bool nlri_sound(struct cursor nlri, uint8_t afi, bool addpath)
{
	struct prefix pfx;
	const char *why;
	int k;

	while ((k = bgp_nlri_next(&nlri, afi, addpath, &pfx, NULL, &why)) == 1)
		;
	return k == 0;
}

/* "  10.0.0.0/8[ PATH_ID: n]" lines of one NLRI field, up to damage. */
static void put_nlri(struct fw *w, struct cursor nlri, uint8_t afi, bool addpath)
{
	struct prefix pfx;
	uint32_t id;
	const char *why;

	while (bgp_nlri_next(&nlri, afi, addpath, &pfx, &id, &why) == 1) {
		fw_need(w, LINE);
		fw_lit(w, "  ");
		fw_bgpdump_prefix(w, &pfx);
		if (addpath) {
			fw_lit(w, " PATH_ID: ");
			fw_u32(w, id);
		}
		fw_char(w, '\n');
	}
}

static bool mp_ip(uint16_t afi, uint8_t safi)
{
	return (afi == AFI_IPV4 || afi == AFI_IPV6) &&
	       (safi == SAFI_UNICAST || safi == SAFI_MULTICAST);
}

/* The withdrawals of an UPDATE whose attributes are damaged: they come
 * first, framed by their own length, and are sound (as in the other
 * formats). */
static void put_sound_withdrawals(struct fw *w, struct cursor body, bool addpath)
{
	uint16_t len;
	struct cursor wd;

	if (!cur_u16(&body, &len) || !cur_sub(&body, len, &wd) || !wd.left)
		return;
	fw_need(w, LINE);
	fw_lit(w, "WITHDRAW\n");
	put_nlri(w, wd, AFI_IPV4, addpath);
}

static const uint8_t *field_end(struct cursor c)
{
	return c.p + c.left;
}

/* A message its record cut at 4096 bytes (see decode.h): how many bytes
 * are missing, and the bytes of the last, partial piece in hex. */
static void put_incomplete(struct fw *w, const struct bgp_update *u, struct cursor msg)
{
	static const char hex[] = "0123456789abcdef";
	const uint8_t *end = msg.p + msg.left, *from = field_end(u->withdrawn);

	if (field_end(u->attrs.raw) > from)
		from = field_end(u->attrs.raw);
	if (field_end(u->nlri) > from)
		from = field_end(u->nlri);
	fw_need(w, LINE);
	fw_lit(w, "   INCOMPLETE PACKET: ");
	fw_u64(w, rd_u16(msg.p + 16) - msg.left);
	fw_lit(w, " bytes cutted\n   INCOMPLETE PART: ");
	for (; from < end; from++) {
		fw_need(w, 3);
		fw_char(w, hex[*from >> 4]);
		fw_char(w, hex[*from & 15]);
		fw_char(w, ' ');
	}
	fw_need(w, 1);
	fw_char(w, '\n');
}

/* body: the UPDATE after its header; cut: the whole message (marker on)
 * when its record was cut at 4096 bytes, else NULL. */
static void put_update(struct fw *w, const struct msg_head *h, struct cursor body,
                       const struct cursor *cut, struct bgpdump_style *s)
{
	struct bgp_attr_opts opt = { .asn_size = h->asn_size, .rib_mp_reach = false, .rib_afi = 0 };
	struct bgp_update u;
	const char *why;
	int r;

	put_head(w, h, "Update", s);
	if (cut)
		r = bgp_decode_update_cut(body, &opt, h->addpath, s->scratch, &u, &why);
	else
		r = bgp_decode_update(body, &opt, s->scratch, &u, &why);
	if (r < 0) {
		put_sound_withdrawals(w, body, h->addpath);
		fw_need(w, 1);
		fw_char(w, '\n');
		return;
	}
	const struct bgp_attrs *a = &u.attrs;
	put_attrs(w, a);
	if (cut)
		put_incomplete(w, &u, *cut);
	bool unreach = (a->present & ATTR_BIT(BGP_ATTR_MP_UNREACH_NLRI)) &&
	               mp_ip(a->mp_unreach.afi, a->mp_unreach.safi);
	bool reach = (a->present & ATTR_BIT(BGP_ATTR_MP_REACH_NLRI)) &&
	             mp_ip(a->mp_reach.afi, a->mp_reach.safi);
	if (u.withdrawn.left || (unreach && a->mp_unreach.nlri.left)) {
		fw_need(w, LINE);
		fw_lit(w, "WITHDRAW\n");
		put_nlri(w, u.withdrawn, AFI_IPV4, h->addpath);
		if (unreach)
			put_nlri(w, a->mp_unreach.nlri, (uint8_t)a->mp_unreach.afi, h->addpath);
	}
	/* An announcement field that breaks partway is unusable as a whole
	 * (RFC 7606 5.3), as in the other formats: none of it is printed. */
	if (!nlri_sound(u.nlri, AFI_IPV4, h->addpath))
		u.nlri.left = 0;
	if (reach && !nlri_sound(a->mp_reach.nlri, (uint8_t)a->mp_reach.afi, h->addpath))
		reach = false;
	if (u.nlri.left || (reach && a->mp_reach.nlri.left)) {
		fw_need(w, LINE);
		fw_lit(w, "ANNOUNCE\n");
		put_nlri(w, u.nlri, AFI_IPV4, h->addpath);
		if (reach)
			put_nlri(w, a->mp_reach.nlri, (uint8_t)a->mp_reach.afi, h->addpath);
	}
	fw_need(w, 1);
	fw_char(w, '\n');
}

static void put_open(struct fw *w, const struct msg_head *h, struct cursor body,
                     struct bgpdump_style *s)
{
	uint8_t version, optlen;
	uint16_t as, hold;
	uint32_t id;

	if (!cur_u8(&body, &version) || !cur_u16(&body, &as) || !cur_u16(&body, &hold) ||
	    !cur_u32(&body, &id) || !cur_u8(&body, &optlen))
		return;
	put_head(w, h, "Open", s);
	fw_need(w, LINE);
	fw_lit(w, "VERSION: ");
	fw_u32(w, version);
	fw_lit(w, "\nAS: ");
	fw_u32(w, as);
	fw_lit(w, "\nHOLD_TIME: ");
	fw_u32(w, hold);
	fw_lit(w, "\nID: ");
	put_ipv4(w, id);
	fw_lit(w, "\nOPT_PARM_LEN: ");
	fw_u32(w, optlen);
	fw_lit(w, "\n\n");
}

/* "    ERROR CODE  : 2 (OPEN Message Error)" and, for the codes of RFC 4271
 * 6.1-6.3, "    SUB ERROR   : 5 (Authentication Failure)". */
static void put_notify(struct fw *w, const struct msg_head *h, struct cursor body,
                       struct bgpdump_style *s)
{
	static const char *const codes[] = {
		NULL, "Message Header Error", "OPEN Message Error", "UPDATE Message Error",
		"Hold Timer Expired", "Finite State Machine Error", "Cease",
	};
	static const char *const header[] = {
		NULL, "Connection Not Synchronized", "Bad Message Length", "Bad Message Type",
	};
	static const char *const open[] = {
		NULL, "Unsupported Version Number", "Bad Peer AS", "Bad BGP Identifier",
		"Unsupported Optional Parameter", "Authentication Failure", "Unacceptable Hold Time",
	};
	static const char *const update[] = {
		NULL, "Malformed Attribute List", "Unrecognized Well-known Attribute",
		"Missing Well-known Attribute", "Attribute Flags Error", "Attribute Length Error",
		"Invalid ORIGIN Attribute", "AS Routing Loop", "Invalid NEXT-HOP Attribute",
		"Optional Attribute Error", "Invalid Network Field", "Malformed AS-PATH",
	};
	static const struct { const char *const *names; size_t n; } subs[] = {
		[1] = { header, sizeof header / sizeof header[0] },
		[2] = { open, sizeof open / sizeof open[0] },
		[3] = { update, sizeof update / sizeof update[0] },
	};
	uint8_t code, sub;

	if (!cur_u8(&body, &code) || !cur_u8(&body, &sub))
		return;
	put_head(w, h, "Notify", s);
	fw_need(w, 2 * LINE);
	fw_lit(w, "    ERROR CODE  : ");
	fw_u32(w, code);
	if (code < sizeof codes / sizeof codes[0] && codes[code]) {
		fw_lit(w, " (");
		put_str(w, codes[code]);
		fw_char(w, ')');
	}
	fw_char(w, '\n');
	if (code >= 1 && code <= 3) {
		fw_lit(w, "    SUB ERROR   : ");
		fw_u32(w, sub);
		if (sub < subs[code].n && subs[code].names[sub]) {
			fw_lit(w, " (");
			put_str(w, subs[code].names[sub]);
			fw_char(w, ')');
		}
		fw_char(w, '\n');
	}
	fw_char(w, '\n');
}

/* One whole BGP message (marker, length, type, body). */
static void put_message(struct fw *w, const struct msg_head *h, struct cursor msg,
                        struct bgpdump_style *s)
{
	uint8_t type;
	struct cursor body;
	const char *why;

	/* The records route-views2 cut at 4096 bytes (decode.h): what lies
	 * wholly inside, as bgpdump prints it. */
	size_t mrt_len = h->rec->len + (mrt_is_et(h->rec->type) ? 4 : 0);
	if (mrt_len == 4096 && msg.left >= BGP_HEADER_LEN && rd_u16(msg.p + 16) > msg.left &&
	    msg.p[18] == BGP_MSG_UPDATE) {
		put_update(w, h, cur_make(msg.p + BGP_HEADER_LEN, msg.left - BGP_HEADER_LEN), &msg, s);
		return;
	}
	if (bgp_message_split(msg, &type, &body, &why) < 0)
		return;
	switch (type) {
	case BGP_MSG_UPDATE:
		put_update(w, h, body, NULL, s);
		break;
	case BGP_MSG_OPEN:
		put_open(w, h, body, s);
		break;
	case BGP_MSG_NOTIFICATION:
		put_notify(w, h, body, s);
		break;
	case BGP_MSG_KEEPALIVE:
		put_head(w, h, "Keepalive", s);
		fw_need(w, 1);
		fw_char(w, '\n');
		break;
	default:
		break;                 /* bgpdump prints nothing of other types */
	}
}

static bool read_addr(struct cursor *c, uint16_t afi, struct addr *a)
{
	memset(a, 0, sizeof *a);
	a->afi = (uint8_t)afi;
	return cur_bytes(c, a->b, afi_bytes(a->afi));
}

static void bgp4mp_record(struct fw *w, const struct mrt_record *rec, struct bgpdump_style *s)
{
	struct cursor c = cur_make(rec->body, rec->len);
	uint16_t st = rec->subtype, afi, u16[2];
	struct msg_head h = { .rec = rec };
	bool et = rec->type == MRT_BGP4MP_ET;
	uint32_t peer_as, local_as;
	struct addr peer, local;

	if (st == BGP4MP_STATE_CHANGE && rec->len == 8) {   /* Zebra's short form */
		struct addr none = { .afi = AFI_IPV4 };
		put_state(w, rec, et ? "BGP4MP_ET" : "BGP4MP", &none, rd_u16(rec->body),
		          rd_u16(rec->body + 4), rd_u16(rec->body + 6), s);
		return;
	}
	if (bgp4mp_is_as4(st)) {
		if (!cur_u32(&c, &peer_as) || !cur_u32(&c, &local_as))
			return;
	} else {
		if (!cur_u16(&c, &u16[0]) || !cur_u16(&c, &u16[1]))
			return;
		peer_as = u16[0];
		local_as = u16[1];
	}
	if (!cur_skip(&c, 2) || !cur_u16(&c, &afi) || (afi != AFI_IPV4 && afi != AFI_IPV6) ||
	    !read_addr(&c, afi, &peer) || !read_addr(&c, afi, &local))
		return;
	if (bgp4mp_is_state_change(st)) {
		if (cur_u16(&c, &u16[0]) && cur_u16(&c, &u16[1]))
			put_state(w, rec, et ? "BGP4MP_ET" : "BGP4MP", &peer, peer_as, u16[0], u16[1], s);
		return;
	}
	if (!bgp4mp_known(st))
		return;
	/* The local subtypes are messages the collector sent: from it. */
	bool local_sent = bgp4mp_is_local(st) || st == BGP4MP_MESSAGE_LOCAL_ADDPATH ||
	                  st == BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH;
	h.addpath = mrt_is_addpath(rec->type, st);
	h.type = bgp4mp_is_local(st) ? (et ? "BGP4MP_ET/MESSAGE_LOCAL" : "BGP4MP/MESSAGE_LOCAL")
	       : h.addpath        ? (et ? "BGP4MP_ET/MESSAGE_ADDPATH" : "BGP4MP/MESSAGE_ADDPATH")
	                          : (et ? "BGP4MP_ET/MESSAGE" : "BGP4MP/MESSAGE");
	h.from_ip = local_sent ? local : peer;
	h.to_ip = local_sent ? peer : local;
	h.from_as = local_sent ? local_as : peer_as;
	h.to_as = local_sent ? peer_as : local_as;
	h.asn_size = bgp4mp_is_as4(st) ? 4 : 2;
	put_message(w, &h, c, s);
}

/* The legacy BGP type (RFC 6396 B.2): UPDATE without its 19-byte header. */
static void legacy_record(struct fw *w, const struct mrt_record *rec, struct bgpdump_style *s)
{
	struct cursor c = cur_make(rec->body, rec->len);
	struct msg_head h = { .rec = rec, .type = "BGP/MESSAGE", .asn_size = 2 };
	uint16_t as, st[2];

	if (rec->type != MRT_BGP || !cur_u16(&c, &as) || !read_addr(&c, AFI_IPV4, &h.from_ip))
		return;
	h.from_as = as;
	if (rec->subtype == MRT_BGP_STATE_CHANGE) {
		if (cur_u16(&c, &st[0]) && cur_u16(&c, &st[1]))
			put_state(w, rec, "BGP", &h.from_ip, as, st[0], st[1], s);
		return;
	}
	if (rec->subtype != MRT_BGP_UPDATE || !cur_u16(&c, &as) ||
	    !read_addr(&c, AFI_IPV4, &h.to_ip))
		return;
	h.to_as = as;
	put_update(w, &h, c, NULL, s);
}

static void record_multi(struct outbuf *o, const struct mrt_record *rec, struct bgpdump_style *s)
{
	struct fw w;

	switch (rec->type) {
	case MRT_TABLE_DUMP:         /* view, sequence, ..., status of the one entry */
		if (rec->len >= 4) {
			s->view = rd_u16(rec->body);
			s->seq = rd_u16(rec->body + 2);
		}
		if (rec->len >= 4 + afi_bytes(rec->subtype == TD_AFI_IPV6 ? AFI_IPV6 : AFI_IPV4) + 2)
			s->status = rec->body[4 + afi_bytes(rec->subtype == TD_AFI_IPV6 ? AFI_IPV6
			                                                                 : AFI_IPV4) + 1];
		return;
	case MRT_TABLE_DUMP_V2:
		if (rec->len >= 4)
			s->seq = rd_u32(rec->body);
		return;
	case MRT_BGP4MP:
	case MRT_BGP4MP_ET:
		fw_begin(&w, o);
		bgp4mp_record(&w, rec, s);
		fw_end(&w);
		return;
	default:
		if (mrt_is_legacy_bgp(rec->type)) {
			fw_begin(&w, o);
			legacy_record(&w, rec, s);
			fw_end(&w);
		}
		return;
	}
}

const struct dump_output dump_output_bgpdump_multi = { elem_multi, false, record_multi };
