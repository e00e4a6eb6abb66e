/*
 * bgp.c — BGP UPDATE decoding: header, withdrawn routes, path attributes, NLRI.
 * Owns: the wire rules of RFC 4271/4760/6793/7911/1997/8092/4456 for one message.
 * Never: allocates, prints, or keeps state between calls (beyond caller scratch).
 *
 * Damage policy. Anything that breaks the framing (a length that overruns
 * what holds it, an AS_PATH segment that overruns its attribute, an NLRI
 * prefix longer than the family allows) makes the call return -1: nothing
 * after that point can be trusted. An attribute that is framed correctly
 * but has the wrong size for its type is ignored, in the spirit of RFC 7606
 * ("attribute discard"), and named in bgp_attrs.warning; the rest of the
 * message still decodes, because an archive reader loses less that way.
 */
#include <stdio.h>
#include <string.h>

#include "decode/bgp.h"

#define AS_TRANS 23456

static int fail(const char **why, const char *msg)
{
	*why = msg;
	return -1;
}

static void warn(struct bgp_attrs *out, const char *msg)
{
	if (!out->warning)
		out->warning = msg;
}

/* RFC 7606 "attribute discard": the attribute is dropped, the rest stands. */
static int discard(struct bgp_attrs *out, const char *msg)
{
	warn(out, msg);
	return 1;
}

/* ------------------------------------------------------------------ */
/* Message header                                                      */

int bgp_message_split(struct cursor c, uint8_t *type, struct cursor *body, const char **why)
{
	uint16_t len;

	if (c.left < BGP_HEADER_LEN)
		return fail(why, "bgp header truncated");
	/* The 16-byte marker is not checked. RFC 4271 4.1 makes it all ones
	 * on the wire, but an MRT record is a copy made by the collector, and
	 * bgpdump decodes messages whatever their marker: refusing them would
	 * lose routes that are otherwise sound. The length and type checks
	 * below still catch a record that holds no BGP message. */
	len = rd_u16(c.p + 16);
	*type = c.p[18];
	/* 4096 is the classic maximum; RFC 8654 extended messages go to
	 * 65535, which a 16-bit length cannot exceed anyway. */
	if (len < BGP_HEADER_LEN)
		return fail(why, "bgp message length below 19");
	if (len > c.left)
		return fail(why, "bgp message length overruns the record");
	if (*type < BGP_MSG_OPEN || *type > 5 /* ROUTE-REFRESH, RFC 2918 */)
		return fail(why, "bgp message type unknown");
	*body = cur_make(c.p + BGP_HEADER_LEN, (size_t)len - BGP_HEADER_LEN);
	return 0;
}

/* ------------------------------------------------------------------ */
/* NLRI                                                                */

/* "nlri prefix length 33 exceeds 32", out of bgp_nlri_next's way: every
 * prefix passes there, and this is only for damage. */
static int __attribute__((noinline)) too_long(unsigned len, unsigned max, const char **why)
{
	/* Room for "nlri prefix length 255 exceeds 128"; per thread, since
	 * several inputs may be decoded at once. */
	static _Thread_local char msg[48];

	snprintf(msg, sizeof msg, "nlri prefix length %u exceeds %u", len, max);
	*why = msg;
	return -1;
}

int bgp_nlri_next(struct cursor *c, uint8_t afi, bool addpath,
                  struct prefix *out, uint32_t *path_id, const char **why)
{
	struct cursor save = *c;
	uint32_t id = 0;
	uint8_t len;
	unsigned max, nbytes;

	if (c->left == 0)
		return 0;
	if (afi != AFI_IPV4 && afi != AFI_IPV6)
		return fail(why, "nlri address family unsupported");
	if (addpath && !cur_u32(c, &id))
		return fail(why, "nlri path id truncated");
	if (!cur_u8(c, &len)) {
		*c = save;
		return fail(why, "nlri prefix length missing");
	}
	max = afi_bits(afi);
	if (len > max) {
		*c = save;
		return too_long(len, max, why);
	}
	nbytes = (len + 7u) / 8u;
	memset(out, 0, sizeof *out);
	if (afi == AFI_IPV4 && c->left >= 4) {
		/* The common case: four bytes are there to read at once (the
		 * prefix's, then maybe the next one's), and the bits past len
		 * are cleared with them. */
		uint32_t a = len ? rd_u32(c->p) & (0xffffffffu << (32 - len)) : 0;
		out->addr.b[0] = (uint8_t)(a >> 24);
		out->addr.b[1] = (uint8_t)(a >> 16);
		out->addr.b[2] = (uint8_t)(a >> 8);
		out->addr.b[3] = (uint8_t)a;
		c->p += nbytes;
		c->left -= nbytes;
	} else {
		const uint8_t *bytes = c->p;
		if (!cur_skip(c, nbytes)) {
			*c = save;
			return fail(why, "nlri prefix truncated");
		}
		nlri_prefix_bytes(out->addr.b, bytes, len);
	}
	out->addr.afi = afi;
	out->len = len;
	if (path_id)
		*path_id = id;
	return 1;
}

/* ------------------------------------------------------------------ */
/* AS paths                                                            */

uint32_t as_path_origin(struct cursor as_path)
{
	struct as_segment seg, last = { 0, 0, NULL };
	int r;

	while ((r = as_path_next(&as_path, &seg)) == 1)
		last = seg;
	if (r < 0 || last.type != AS_SEQUENCE || last.count == 0)
		return 0;
	return rd_u32(last.asns + 4 * ((size_t)last.count - 1));
}

static bool seg_type_known(uint8_t t)
{
	return t >= AS_SET && t <= AS_CONFED_SET;
}

static bool seg_is_confed(uint8_t t)
{
	return t == AS_CONFED_SEQUENCE || t == AS_CONFED_SET;
}

/* Path length as route selection counts it (RFC 4271 9.1.2.2, RFC 5065):
 * a set counts one, confederation segments count nothing. RFC 6793 4.2.3
 * compares AS_PATH with AS4_PATH by this number. Path must be valid. */
static size_t path_count(struct cursor path)
{
	struct as_segment seg;
	size_t n = 0;

	while (as_path_next(&path, &seg) == 1) {
		if (seg.type == AS_SEQUENCE)
			n += seg.count;
		else if (seg.type == AS_SET)
			n += 1;
	}
	return n;
}

/* A bounded writer into the caller's scratch. */
struct sbuf {
	uint8_t *p;
	size_t len, cap;
};

static bool sb_put(struct sbuf *b, const uint8_t *src, size_t n)
{
	if (b->cap - b->len < n)
		return false;
	memcpy(b->p + b->len, src, n);
	b->len += n;
	return true;
}

/* Checks the segments of an AS_PATH whose ASNs are asn_size bytes and, with
 * 2-byte ASNs, writes the path widened to 4-byte ASNs into b (b NULL: only
 * checks them). */
static int as_path_load(struct cursor raw, unsigned asn_size, struct sbuf *b,
                        const char **why)
{
	uint8_t type, count;

	while (raw.left > 0) {
		if (!cur_u8(&raw, &type) || !cur_u8(&raw, &count))
			return fail(why, "as_path segment header truncated");
		if ((size_t)count * asn_size > raw.left)
			return fail(why, "as_path segment overruns the attribute");
		if (!seg_type_known(type))
			return fail(why, "as_path segment type unknown");
		if (asn_size == 4 || !b) {
			cur_skip(&raw, (size_t)count * asn_size);
			continue;
		}
		uint8_t hdr[2] = { type, count };
		if (!sb_put(b, hdr, 2))
			return fail(why, "as_path too long");
		/* Room for the whole segment is checked once; each ASN is then
		 * written in place. */
		if (b->cap - b->len < (size_t)count * 4)
			return fail(why, "as_path too long");
		uint8_t *w = b->p + b->len;
		for (unsigned i = 0; i < count; i++, w += 4) {
			w[0] = 0;
			w[1] = 0;
			w[2] = raw.p[2 * i];
			w[3] = raw.p[2 * i + 1];
		}
		cur_skip(&raw, (size_t)count * 2);
		b->len += (size_t)count * 4;
	}
	return 0;
}

/* RFC 6793 section 6: an AS4_PATH is malformed when a segment is empty,
 * overruns, or has an unknown type (also when it carries no ASN at all). */
static bool as4_path_valid(struct cursor raw)
{
	struct as_segment seg;
	int r;

	if (raw.left < 6)
		return false;
	while ((r = as_path_next(&raw, &seg)) == 1)
		if (seg.count == 0 || !seg_type_known(seg.type))
			return false;
	return r == 0;
}

/*
 * RFC 6793 4.2.3: rebuild the path from a 2-byte AS_PATH (already widened
 * into b) and the AS4_PATH. When AS_PATH counts fewer ASNs than AS4_PATH,
 * AS4_PATH is ignored. Otherwise the leading AS_PATH ASNs, as many as make
 * the result count as many as AS_PATH did, are kept and AS4_PATH follows.
 * A confederation segment is kept when it leads or follows a kept segment.
 * AS4_PATH confederation segments are dropped (RFC 6793 section 6).
 * Works in place: the kept part is a prefix of b.
 */
static bool as_path_merge(struct sbuf *b, struct cursor as4)
{
	struct cursor path = cur_make(b->p, b->len);
	size_t n_as = path_count(path), n_as4 = path_count(as4);
	size_t need, cut = 0;
	bool prev_kept = true;       /* "leading" counts as following a kept one */
	struct as_segment seg;

	if (n_as < n_as4)
		return true;
	need = n_as - n_as4;
	while (as_path_next(&path, &seg) == 1) {
		size_t at = (size_t)(seg.asns - b->p) - 2;   /* segment header */
		size_t take;

		if (seg_is_confed(seg.type)) {
			if (!prev_kept)
				break;
			take = seg.count;
		} else if (need == 0) {
			break;
		} else if (seg.type == AS_SET) {
			take = seg.count;
			need -= 1;
		} else {
			take = seg.count < need ? seg.count : need;
			need -= take;
		}
		b->p[at + 1] = (uint8_t)take;
		cut = at + 2 + 4 * take;
		prev_kept = true;
		if (take < seg.count)
			break;
	}
	b->len = cut;
	while (as_path_next(&as4, &seg) == 1) {
		if (seg_is_confed(seg.type))
			continue;
		if (!sb_put(b, seg.asns - 2, 2 + 4 * (size_t)seg.count))
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Path attributes                                                     */

/* Next hop of MP_REACH by its length (RFC 4760, 8950, 4364, 4659):
 * 4 IPv4; 16 IPv6; 32 IPv6 global + link-local; 12 and 24 carry an
 * 8-byte route distinguisher first (VPN); 48 is two of those. Other
 * lengths leave the next hop unset. */
static void mp_nexthop(struct cursor nh, struct bgp_mp_reach *mp)
{
	size_t n = nh.left;

	if (n == 12 || n == 24 || n == 48)
		cur_skip(&nh, 8);
	if (n == 4 || n == 12) {
		mp->nexthop.afi = AFI_IPV4;
		cur_bytes(&nh, mp->nexthop.b, 4);
	} else if (n == 16 || n == 24 || n == 32 || n == 48) {
		mp->nexthop.afi = AFI_IPV6;
		cur_bytes(&nh, mp->nexthop.b, 16);
		if (n == 48)
			cur_skip(&nh, 8);
		if (n == 32 || n == 48) {
			mp->nexthop_ll.afi = AFI_IPV6;
			cur_bytes(&nh, mp->nexthop_ll.b, 16);
		}
	}
}

static int decode_mp_reach(struct cursor a, const struct bgp_attr_opts *opt,
                           struct bgp_mp_reach *mp, const char **why)
{
	struct cursor nh;
	uint8_t nhlen;

	/* RFC 6396 4.3.4: in a RIB entry only next-hop length and next hop
	 * are kept. Some writers store the whole attribute anyway. The
	 * short form is recognised by its first byte counting exactly the
	 * rest; a full one starts with the high byte of an AFI (0), which
	 * can only match when the attribute is one byte long. */
	if (opt->rib_mp_reach && a.left >= 1 && a.p[0] == a.left - 1) {
		cur_u8(&a, &nhlen);
		mp->afi = opt->rib_afi;
		mp->safi = SAFI_UNICAST;   /* the RIB subtype knows better */
		mp->nexthop_len = nhlen;
		mp_nexthop(a, mp);
		return 0;
	}
	if (!cur_u16(&a, &mp->afi) || !cur_u8(&a, &mp->safi) || !cur_u8(&a, &nhlen))
		return fail(why, "mp_reach_nlri truncated");
	mp->nexthop_len = nhlen;
	if (!cur_sub(&a, nhlen, &nh))
		return fail(why, "mp_reach_nlri next hop overruns the attribute");
	mp_nexthop(nh, mp);
	/* One reserved byte (the SNPA count of RFC 2858; RFC 4760 ignores it). */
	if (!cur_skip(&a, 1))
		return fail(why, "mp_reach_nlri truncated");
	mp->nlri = a;
	return 0;
}

static int decode_mp_unreach(struct cursor a, struct bgp_mp_unreach *mp, const char **why)
{
	if (!cur_u16(&a, &mp->afi) || !cur_u8(&a, &mp->safi))
		return fail(why, "mp_unreach_nlri truncated");
	mp->nlri = a;
	return 0;
}

/* What the attribute loop remembers for the AS4 merge done after it. */
struct as4_state {
	struct cursor as_path, as4_path;
	bool have_as4_aggregator;
	uint32_t as4_aggregator_as;
	struct addr as4_aggregator_ip;
};

static void set_ipv4(struct addr *a, const uint8_t *p)
{
	memset(a, 0, sizeof *a);
	a->afi = AFI_IPV4;
	memcpy(a->b, p, 4);
}

/* Decodes one attribute whose framing is sound. Returns 0 when decoded,
 * 1 when ignored as malformed (warning set), -1 on damage. */
static int decode_one(uint8_t type, struct cursor a, const struct bgp_attr_opts *opt,
                      struct bgp_attrs *out, struct as4_state *st, const char **why)
{
	size_t n = a.left;

	switch (type) {
	case BGP_ATTR_ORIGIN:
		if (n != 1)
			return discard(out, "origin length is not 1, ignored");
		out->origin = a.p[0];
		return 0;
	case BGP_ATTR_AS_PATH:
		st->as_path = a;
		return 0;
	case BGP_ATTR_NEXT_HOP:
		if (n != 4)
			return discard(out, "next_hop length is not 4, ignored");
		set_ipv4(&out->nexthop, a.p);
		return 0;
	case BGP_ATTR_MED:
		if (n != 4)
			return discard(out, "med length is not 4, ignored");
		out->med = rd_u32(a.p);
		return 0;
	case BGP_ATTR_LOCAL_PREF:
		if (n != 4)
			return discard(out, "local_pref length is not 4, ignored");
		out->local_pref = rd_u32(a.p);
		return 0;
	case BGP_ATTR_ATOMIC_AGGREGATE:
		if (n != 0)
			return discard(out, "atomic_aggregate length is not 0, ignored");
		return 0;
	case BGP_ATTR_AGGREGATOR:
		/* By its length rather than by asn_size: the length says
		 * unambiguously how the AS is written. */
		if (n == 6) {
			out->aggregator_as = rd_u16(a.p);
			set_ipv4(&out->aggregator_ip, a.p + 2);
		} else if (n == 8) {
			out->aggregator_as = rd_u32(a.p);
			set_ipv4(&out->aggregator_ip, a.p + 4);
		} else {
			return discard(out, "aggregator length is not 6 or 8, ignored");
		}
		return 0;
	case BGP_ATTR_COMMUNITIES:
		if (n % 4)
			return discard(out, "communities length not a multiple of 4, ignored");
		out->communities = a;
		return 0;
	case BGP_ATTR_ORIGINATOR_ID:
		if (n != 4)
			return discard(out, "originator_id length is not 4, ignored");
		out->originator_id = rd_u32(a.p);
		return 0;
	case BGP_ATTR_CLUSTER_LIST:
		if (n % 4)
			return discard(out, "cluster_list length not a multiple of 4, ignored");
		out->cluster_list = a;
		return 0;
	case BGP_ATTR_MP_REACH_NLRI:
		return decode_mp_reach(a, opt, &out->mp_reach, why);
	case BGP_ATTR_MP_UNREACH_NLRI:
		return decode_mp_unreach(a, &out->mp_unreach, why);
	case BGP_ATTR_EXT_COMMUNITIES:
		if (n % 8)
			return discard(out, "extended communities length not a multiple of 8, ignored");
		out->ext_communities = a;
		return 0;
	case BGP_ATTR_AS4_PATH:
		if (opt->asn_size != 4 && !as4_path_valid(a))
			return discard(out, "as4_path malformed, ignored");
		st->as4_path = a;
		return 0;
	case BGP_ATTR_AS4_AGGREGATOR:
		if (n != 8)
			return discard(out, "as4_aggregator length is not 8, ignored");
		st->have_as4_aggregator = true;
		st->as4_aggregator_as = rd_u32(a.p);
		set_ipv4(&st->as4_aggregator_ip, a.p + 4);
		return 0;
	case BGP_ATTR_LARGE_COMMUNITIES:
		if (n % 12)
			return discard(out, "large communities length not a multiple of 12, ignored");
		out->large_communities = a;
		return 0;
	default:
		return 0;   /* unknown: skipped, but marked as seen */
	}
}

/* Builds bgp_attrs.as_path from what the loop found (RFC 6793 4.2.3). */
static int finish_as_path(const struct bgp_attr_opts *opt, struct bgp_scratch *scratch,
                          struct bgp_attrs *out, struct as4_state *st, const char **why)
{
	struct sbuf b = { scratch->as_path, 0, sizeof scratch->as_path };
	bool use_as4 = opt->asn_size != 4 && (out->present & ATTR_BIT(BGP_ATTR_AS4_PATH));

	/* With 4-byte ASNs the AS4_* attributes carry nothing new and are
	 * ignored (RFC 6793 section 6). Any asn_size but 4 means 2. */
	if (opt->asn_size == 4) {
		if (as_path_load(st->as_path, 4, &b, why) < 0)
			return -1;
		out->as_path = st->as_path;
		return 0;
	}
	if (as_path_load(st->as_path, 2, &b, why) < 0)
		return -1;
	/* An AGGREGATOR that names a real 2-byte AS was added by an OLD
	 * speaker after the AS4 attributes were made: both are stale then. */
	if (st->have_as4_aggregator && (out->present & ATTR_BIT(BGP_ATTR_AGGREGATOR))) {
		if (out->aggregator_as == AS_TRANS) {
			out->aggregator_as = st->as4_aggregator_as;
			out->aggregator_ip = st->as4_aggregator_ip;
		} else {
			use_as4 = false;
		}
	}
	if (use_as4 && (out->present & ATTR_BIT(BGP_ATTR_AS_PATH)) &&
	    !as_path_merge(&b, st->as4_path))
		return fail(why, "as_path too long");
	out->as_path = cur_make(b.p, b.len);
	return 0;
}

/* Cleared by copying this rather than by memset: gcc clears a struct of
 * this size with `rep stos`, whose start-up costs more than the copy, once
 * per UPDATE and RIB entry. */
static const struct bgp_attrs no_attrs;

int bgp_decode_attrs(struct cursor attrs, const struct bgp_attr_opts *opt,
                     struct bgp_scratch *scratch, struct bgp_attrs *out,
                     const char **why)
{
	struct as4_state st;
	uint8_t flags, type;
	struct cursor a;
	int r;

	*out = no_attrs;
	memset(&st, 0, sizeof st);
	out->raw = attrs;
	while ((r = bgp_attr_next(&attrs, &flags, &type, &a, why)) == 1) {
		if (type >= 64)
			continue;
		/* A repeat keeps the first (RFC 7606 3(g) discards the rest). */
		if (out->present & ATTR_BIT(type)) {
			warn(out, "repeated attribute ignored");
			continue;
		}
		r = decode_one(type, a, opt, out, &st, why);
		if (r < 0)
			return -1;
		if (r == 0)
			out->present |= ATTR_BIT(type);
	}
	if (r < 0)
		return -1;
	return finish_as_path(opt, scratch, out, &st, why);
}

/*
 * The verdict of bgp_decode_attrs without its result: the same framing walk,
 * the first MP_REACH_NLRI / MP_UNREACH_NLRI and the first AS_PATH checked
 * as it checks them, in the same order, so the same damage and reason. The
 * rest of what it does cannot fail: an attribute of the wrong size is only
 * discarded, and the widened and merged AS path always fits the scratch (an
 * AS_PATH of n bytes widens to at most 2n, AS4_PATH adds at most its own
 * size, and both share one block of at most 65535 bytes).
 */
/* The MP_REACH_NLRI (reach true) or MP_UNREACH_NLRI attribute a into mp, as
 * bgp_decode_attrs decodes it into a cleared bgp_attrs; its bit into
 * mp->present. */
static int check_mp(bool reach, struct cursor a, const struct bgp_attr_opts *opt,
                    struct bgp_attrs *mp, const char **why)
{
	if (reach) {
		mp->mp_reach = no_attrs.mp_reach;
		if (decode_mp_reach(a, opt, &mp->mp_reach, why) < 0)
			return -1;
		mp->present |= ATTR_BIT(BGP_ATTR_MP_REACH_NLRI);
		return 0;
	}
	mp->mp_unreach = no_attrs.mp_unreach;
	if (decode_mp_unreach(a, &mp->mp_unreach, why) < 0)
		return -1;
	mp->present |= ATTR_BIT(BGP_ATTR_MP_UNREACH_NLRI);
	return 0;
}

static int check_attrs_slow(struct cursor attrs, const struct bgp_attr_opts *opt,
                            struct bgp_attrs *mp, const char **why)
{
	struct cursor as_path = cur_make(attrs.p, 0), a;
	uint64_t seen = 0;
	uint8_t flags, type;
	int r;

	mp->present = 0;
	while ((r = bgp_attr_next(&attrs, &flags, &type, &a, why)) == 1) {
		if (type >= 64 || (seen & ATTR_BIT(type)))
			continue;
		seen |= ATTR_BIT(type);
		if (type == BGP_ATTR_AS_PATH)
			as_path = a;
		else if ((type == BGP_ATTR_MP_REACH_NLRI || type == BGP_ATTR_MP_UNREACH_NLRI) &&
		         check_mp(type == BGP_ATTR_MP_REACH_NLRI, a, opt, mp, why) < 0)
			return -1;
	}
	if (r < 0)
		return -1;
	return as_path_load(as_path, opt->asn_size == 4 ? 4 : 2, NULL, why);
}

/* check_mp for bgp_check_attrs, into mp or, NULL, nowhere. */
static int __attribute__((noinline)) check_mp_fast(bool reach, struct cursor a,
                                                   const struct bgp_attr_opts *opt,
                                                   struct bgp_attrs *mp, const char **why)
{
	struct bgp_attrs unused;
	return check_mp(reach, a, opt, mp ? mp : &unused, why);
}

/* check_attrs_slow's walk on bare pointers, for the sound blocks nearly all
 * are: anything amiss in the framing or the AS path is walked again the
 * slow way, which names it. An MP attribute that fails is the first damage
 * in the walk's order (the framing before it is sound), as it is there.
 * Only the first AS_PATH, MP_REACH_NLRI and MP_UNREACH_NLRI count (a
 * repeat is ignored), so only theirs are remembered. */
int bgp_check_attrs(struct cursor attrs, const struct bgp_attr_opts *opt, struct bgp_attrs *mp,
                    const char **why)
{
	const uint8_t *p = attrs.p, *end = attrs.p + attrs.left, *path = NULL, *path_end = NULL;
	size_t asn = opt->asn_size == 4 ? 4 : 2;
	bool have_path = false;
	unsigned mp_seen = 0;        /* bit 0: MP_REACH_NLRI, bit 1: MP_UNREACH_NLRI */

	if (mp)
		mp->present = 0;
	while (p != end) {
		size_t left = (size_t)(end - p), len;
		const uint8_t *v;
		if (left < 3)
			goto slow;
		if (p[0] & 0x10) {
			if (left < 4)
				goto slow;
			len = (size_t)p[2] << 8 | p[3];
			v = p + 4;
		} else {
			len = p[2];
			v = p + 3;
		}
		if (len > (size_t)(end - v))
			goto slow;
		uint8_t type = p[1];
		p = v + len;
		if (type == BGP_ATTR_AS_PATH) {
			if (!have_path) {
				have_path = true;
				path = v;
				path_end = p;
			}
		} else if ((type | 1) == BGP_ATTR_MP_UNREACH_NLRI) {
			unsigned bit = type == BGP_ATTR_MP_REACH_NLRI ? 1u : 2u;
			if (!(mp_seen & bit)) {
				mp_seen |= bit;
				if (check_mp_fast(bit == 1, cur_make(v, len), opt, mp, why) < 0)
					return -1;
			}
		}
	}
	while (path != path_end) {
		if (path_end - path < 2 || !seg_type_known(path[0]) ||
		    (size_t)path[1] * asn > (size_t)(path_end - path) - 2)
			goto slow;
		path += 2 + (size_t)path[1] * asn;
	}
	return 0;

slow:;
	struct bgp_attrs unused;
	return check_attrs_slow(attrs, opt, mp ? mp : &unused, why);
}

/* ------------------------------------------------------------------ */
/* UPDATE                                                              */

int bgp_update_split(struct cursor body, struct bgp_update *out, struct cursor *attrs,
                     const char **why)
{
	uint16_t wlen, alen;

	out->withdrawn = out->nlri = cur_make(NULL, 0);
	if (!cur_u16(&body, &wlen))
		return fail(why, "update too short for withdrawn routes length");
	if (!cur_sub(&body, wlen, &out->withdrawn))
		return fail(why, "withdrawn routes overrun the message");
	if (!cur_u16(&body, &alen))
		return fail(why, "update too short for attributes length");
	if (!cur_sub(&body, alen, attrs))
		return fail(why, "attributes overrun the message");
	out->nlri = body;
	return 0;
}

int bgp_decode_update(struct cursor body, const struct bgp_attr_opts *opt,
                      struct bgp_scratch *scratch, struct bgp_update *out,
                      const char **why)
{
	struct cursor attrs;

	/* The attributes are cleared by bgp_decode_attrs, not twice. */
	if (bgp_update_split(body, out, &attrs, why) < 0) {
		memset(&out->attrs, 0, sizeof out->attrs);
		return -1;
	}
	return bgp_decode_attrs(attrs, opt, scratch, &out->attrs, why);
}

/* The longest start of an NLRI field f made of whole prefixes, for a field
 * the end of its record cut: the prefix the cut splits is left out. A
 * prefix length past the family's bits is left in, so that the field still
 * fails as malformed. */
static struct cursor whole_prefixes(struct cursor f, uint8_t afi, bool addpath)
{
	struct cursor c = f;
	struct prefix p;
	const char *why;
	int k;

	while ((k = bgp_nlri_next(&c, afi, addpath, &p, NULL, &why)) == 1)
		;
	if (k == 0)
		return f;
	size_t at = addpath ? 4 : 0;            /* c is back at the failed prefix */
	if (c.left > at && c.p[at] > afi_bits(afi))
		return f;
	return cur_make(f.p, (size_t)(c.p - f.p));
}

/* The longest start of an attribute block made of whole attributes. */
static struct cursor whole_attrs(struct cursor a)
{
	struct cursor c = a;

	while (c.left > 0) {
		struct cursor at = c, v;
		uint8_t flags, type, len8;
		uint16_t len = 0;
		bool ok = cur_u8(&c, &flags) && cur_u8(&c, &type);
		if (ok && (flags & 0x10))
			ok = cur_u16(&c, &len);
		else if (ok && (ok = cur_u8(&c, &len8)))
			len = len8;
		if (!ok || !cur_sub(&c, len, &v)) {
			c = at;
			break;
		}
	}
	return cur_make(a.p, (size_t)(c.p - a.p));
}

int bgp_decode_update_cut(struct cursor body, const struct bgp_attr_opts *opt, bool addpath,
                          struct bgp_scratch *scratch, struct bgp_update *out, const char **why)
{
	uint16_t wlen, alen;
	struct cursor attrs = cur_make(body.p, 0);

	memset(out, 0, sizeof *out);
	out->nlri = attrs;
	out->withdrawn = attrs;
	if (cur_u16(&body, &wlen)) {
		if (wlen > body.left) {
			out->withdrawn = whole_prefixes(body, AFI_IPV4, addpath);
		} else {
			cur_sub(&body, wlen, &out->withdrawn);
			if (cur_u16(&body, &alen)) {
				if (alen > body.left) {
					attrs = whole_attrs(body);
				} else {
					cur_sub(&body, alen, &attrs);
					out->nlri = whole_prefixes(body, AFI_IPV4, addpath);
				}
			}
		}
	}
	return bgp_decode_attrs(attrs, opt, scratch, &out->attrs, why);
}
