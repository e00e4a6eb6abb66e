/*
 * bgp.h — BGP UPDATE decoding (RFC 4271, 4760, 6793, 7911, 1997, 8092).
 * Owns: path attributes, withdrawn routes and NLRI of one UPDATE, the
 * AS4_PATH / AS4_AGGREGATOR merge, and NLRI iteration (with ADD-PATH ids).
 * Never: allocates per message, prints, or keeps state between messages
 * beyond the caller's scratch buffer.
 *
 * Zero-copy: struct bgp_attrs points into the caller's record buffer, or,
 * for a merged/widened AS path, into struct bgp_scratch that the caller owns
 * and reuses; the pointers are valid until the next decode with that scratch.
 */
#ifndef MRTREACH_BGP_H
#define MRTREACH_BGP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "decode/cursor.h"
#include "decode/prefix.h"

/* Attribute type codes. */
enum {
	BGP_ATTR_ORIGIN = 1, BGP_ATTR_AS_PATH = 2, BGP_ATTR_NEXT_HOP = 3,
	BGP_ATTR_MED = 4, BGP_ATTR_LOCAL_PREF = 5, BGP_ATTR_ATOMIC_AGGREGATE = 6,
	BGP_ATTR_AGGREGATOR = 7, BGP_ATTR_COMMUNITIES = 8, BGP_ATTR_ORIGINATOR_ID = 9,
	BGP_ATTR_CLUSTER_LIST = 10, BGP_ATTR_MP_REACH_NLRI = 14,
	BGP_ATTR_MP_UNREACH_NLRI = 15, BGP_ATTR_EXT_COMMUNITIES = 16,
	BGP_ATTR_AS4_PATH = 17, BGP_ATTR_AS4_AGGREGATOR = 18,
	BGP_ATTR_LARGE_COMMUNITIES = 32,
};

/* AS_PATH segment types. */
enum { AS_SET = 1, AS_SEQUENCE = 2, AS_CONFED_SEQUENCE = 3, AS_CONFED_SET = 4 };

#define SAFI_UNICAST   1
#define SAFI_MULTICAST 2

/* Bit for attribute type t (t < 64) in bgp_attrs.present. */
#define ATTR_BIT(t) ((uint64_t)1 << (t))

struct bgp_mp_reach {
	uint16_t afi;
	uint8_t safi;
	struct addr nexthop;        /* first (global) next hop */
	struct addr nexthop_ll;     /* IPv6 link-local next hop when 32 bytes given */
	uint8_t nexthop_len;        /* as written on the wire */
	struct cursor nlri;         /* raw NLRI bytes (empty in TABLE_DUMP_V2) */
};

struct bgp_mp_unreach {
	uint16_t afi;
	uint8_t safi;
	struct cursor nlri;
};

struct bgp_attrs {
	uint64_t present;           /* ATTR_BIT() of each attribute type seen */
	uint8_t origin;             /* 0 IGP, 1 EGP, 2 INCOMPLETE */

	/* AS path as wire segments with 4-byte ASNs, already merged with
	 * AS4_PATH when that applies (RFC 6793 4.2.3). */
	struct cursor as_path;

	struct addr nexthop;        /* NEXT_HOP attribute (IPv4) */
	uint32_t med;
	uint32_t local_pref;
	uint32_t aggregator_as;     /* after AS4_AGGREGATOR merge */
	struct addr aggregator_ip;
	uint32_t originator_id;
	struct cursor communities;        /* 4-byte values */
	struct cursor large_communities;  /* 12-byte values */
	struct cursor ext_communities;    /* 8-byte values */
	struct cursor cluster_list;       /* 4-byte ids */

	struct cursor raw;                /* the whole attribute block, as given */

	struct bgp_mp_reach mp_reach;     /* valid when present has MP_REACH */
	struct bgp_mp_unreach mp_unreach; /* valid when present has MP_UNREACH */

	/* Why the first attribute that was ignored as malformed (RFC 7606
	 * "attribute discard": wrong fixed length, bad AS4_PATH, repeat of an
	 * attribute already seen) was ignored, or NULL. The rest decoded. */
	const char *warning;
};

/* Room for a widened or merged AS path. 4096 bytes of 2-byte path widen to
 * at most 8192 bytes; attributes are at most 65535 bytes, so size for that. */
struct bgp_scratch {
	uint8_t as_path[2 * 65536];
};

/* How the attribute block is to be read. */
struct bgp_attr_opts {
	uint8_t asn_size;     /* 2 or 4: size of ASNs in AS_PATH / AGGREGATOR */
	bool rib_mp_reach;    /* TABLE_DUMP_V2: MP_REACH holds only next-hop len + next hop (RFC 6396 4.3.4) */
	uint16_t rib_afi;     /* with rib_mp_reach: the family of the RIB subtype */
};

/* Decodes a path attribute block. Unknown attributes are skipped.
 * Returns 0, or -1 with *why set to a static description of the damage.
 * Damage is what breaks the framing (a length overrunning the block, a bad
 * AS_PATH segment, a truncated MP_REACH/MP_UNREACH); a well-framed attribute
 * of the wrong size is dropped (not in present) and named in out->warning.
 * AGGREGATOR is read by its length (6: 2-byte AS, 8: 4-byte AS). */
int bgp_decode_attrs(struct cursor attrs, const struct bgp_attr_opts *opt,
                     struct bgp_scratch *scratch, struct bgp_attrs *out,
                     const char **why);

/* bgp_decode_attrs's verdict on an attribute block (0, or -1 with the same
 * *why) without decoding it: for routes whose attributes nobody reads.
 * With mp (NULL: not wanted), mp->present is set to the MP_REACH_NLRI and
 * MP_UNREACH_NLRI bits bgp_decode_attrs would set, and mp->mp_reach and
 * mp->mp_unreach to what it would decode (on 0); the rest of *mp is left
 * as it was: an UPDATE's prefixes are found without decoding the rest. */
int bgp_check_attrs(struct cursor attrs, const struct bgp_attr_opts *opt, struct bgp_attrs *mp,
                    const char **why);

/* The (len + 7) / 8 bytes of a prefix of len bits at src into dst, the
 * host bits past len cleared: some archives set them, and a prefix is only
 * comparable once they are cleared (bgp_nlri_next and bgp4mp.c's lean loop
 * for sound fields). */
static inline void nlri_prefix_bytes(uint8_t *dst, const uint8_t *src, unsigned len)
{
	unsigned n = (len + 7u) / 8u;

	memcpy(dst, src, n);
	if (len % 8)
		dst[n - 1] &= (uint8_t)(0xff00u >> (len % 8));
}

/* The next attribute of a raw attribute block: its flags, type and value.
 * Returns 1, 0 at the end, or -1 with *why when the framing is broken.
 * Inline: every attribute of every route goes through it. */
static inline int bgp_attr_next(struct cursor *c, uint8_t *flags, uint8_t *type,
                                struct cursor *value, const char **why)
{
	uint8_t len8;
	uint16_t len;

	if (c->left == 0)
		return 0;
	if (!cur_u8(c, flags) || !cur_u8(c, type)) {
		*why = "attribute header truncated";
		return -1;
	}
	if (*flags & 0x10) {          /* Extended Length */
		if (!cur_u16(c, &len)) {
			*why = "attribute header truncated";
			return -1;
		}
	} else {
		if (!cur_u8(c, &len8)) {
			*why = "attribute header truncated";
			return -1;
		}
		len = len8;
	}
	if (!cur_sub(c, len, value)) {
		*why = "attribute overruns the attribute block";
		return -1;
	}
	return 1;
}

/* One BGP message (after the 16-byte marker / length / type header has
 * been checked by bgp_message_split). */
struct bgp_update {
	struct cursor withdrawn;     /* IPv4 unicast withdrawn routes */
	struct cursor nlri;          /* IPv4 unicast NLRI */
	struct bgp_attrs attrs;
};

/* Marker, length and type before every BGP message's body. */
#define BGP_HEADER_LEN 19

enum { BGP_MSG_OPEN = 1, BGP_MSG_UPDATE = 2, BGP_MSG_NOTIFICATION = 3, BGP_MSG_KEEPALIVE = 4 };

/* Checks marker, length and type of a whole BGP message at c; on success
 * *type is the message type and *body the bytes after the 19-byte header.
 * Lengths 19..65535 are accepted (RFC 8654); bytes of c past the declared
 * length are ignored, as bgpdump does. Returns 0 or -1 with *why. */
int bgp_message_split(struct cursor c, uint8_t *type, struct cursor *body, const char **why);

/* Splits an UPDATE body into withdrawn routes (out->withdrawn), attribute
 * block (*attrs) and NLRI (out->nlri), decoding nothing. 0 or -1 with *why. */
int bgp_update_split(struct cursor body, struct bgp_update *out, struct cursor *attrs,
                     const char **why);

/* Splits an UPDATE body into withdrawn / attributes / NLRI and decodes
 * the attributes. Returns 0 or -1 with *why. */
int bgp_decode_update(struct cursor body, const struct bgp_attr_opts *opt,
                      struct bgp_scratch *scratch, struct bgp_update *out,
                      const char **why);

/* An UPDATE body the end of its record cut (the message claims more than
 * the record holds): the withdrawn routes, whole attributes and IPv4 NLRI
 * that lie wholly inside, each field ending at its last whole prefix or
 * attribute (empty when the cut comes before it). addpath: the prefixes
 * carry path ids. Returns 0 or -1 with *why (a whole attribute is damaged). */
int bgp_decode_update_cut(struct cursor body, const struct bgp_attr_opts *opt, bool addpath,
                          struct bgp_scratch *scratch, struct bgp_update *out, const char **why);

/* Reads the next prefix of an NLRI field of family afi. With addpath, a
 * 4-byte path identifier precedes each prefix (RFC 7911). Host bits past
 * the length are masked. Returns 1 with a prefix, 0 at the end, -1 on
 * damage (*why set; the rest of the field is unusable). Only for AFI_IPV4 /
 * AFI_IPV6 with unicast or multicast SAFI: other SAFIs (VPN, labels,
 * flowspec) encode NLRI differently, and other AFIs return -1. *why for a
 * too-long prefix ("nlri prefix length 33 exceeds 32") lives in a per-thread
 * buffer valid until the next call on that thread; path_id may be NULL. */
int bgp_nlri_next(struct cursor *c, uint8_t afi, bool addpath,
                  struct prefix *out, uint32_t *path_id, const char **why);

/* AS path iteration over bgp_attrs.as_path (4-byte wire segments).
 * Returns 1 with a segment, 0 at the end, -1 on a malformed segment. */
struct as_segment {
	uint8_t type;
	uint8_t count;
	const uint8_t *asns;         /* count big-endian 4-byte ASNs */
};
/* Inline: the dump writers print a path a line. */
static inline int as_path_next(struct cursor *c, struct as_segment *seg)
{
	if (c->left == 0)
		return 0;
	if (c->left < 2 || (size_t)c->p[1] * 4 > c->left - 2)
		return -1;
	seg->type = c->p[0];
	seg->count = c->p[1];
	seg->asns = c->p + 2;
	c->p += 2 + (size_t)seg->count * 4;
	c->left -= 2 + (size_t)seg->count * 4;
	return 1;
}

/* The origin AS: last ASN of the last AS_SEQUENCE segment, or 0 when the
 * path is empty or ends in a set. */
uint32_t as_path_origin(struct cursor as_path);

#endif
