/*
 * mrtwrite.h — building MRT records (RFC 6396, 8050) byte by byte, for tests and fixtures.
 * Owns: a growable byte buffer, record/attribute/message builders, and writing
 * a buffer to a file as plain, gzip or bzip2. Never: reads or validates MRT.
 *
 * Test code, not product code: out of memory or an impossible argument aborts.
 * Everything is written big-endian, exactly as the caller describes it; the
 * builders never "fix" what they are given, so tests can craft damage by
 * appending raw bytes or patching a length afterwards (mw_patch_u16/u32).
 *
 * Typical use (a BGP4MP_MESSAGE_AS4 record announcing one prefix):
 *
 *     struct mw_buf rec = MW_BUF_INIT, attrs = MW_BUF_INIT, nlri = MW_BUF_INIT;
 *     uint32_t path[] = { 3356, 4837, 131279 };
 *     mw_attr_origin(&attrs, 0);
 *     mw_attr_as_seq(&attrs, 4, path, 3);
 *     mw_attr_next_hop(&attrs, mw_ip("4.69.184.193"));
 *     struct prefix p = mw_pfx("175.45.176.0/24");
 *     mw_nlri(&nlri, &p, false, 0);
 *     struct mw_bgp4mp h = { .ts = 1419206400, .subtype = MW_BGP4MP_MESSAGE_AS4,
 *         .peer_as = 3356, .local_as = 6447,
 *         .peer_ip = mw_ip("4.69.184.193"), .local_ip = mw_ip("128.223.51.102") };
 *     size_t r = mw_bgp4mp_begin(&rec, &h);
 *     mw_bgp_update(&rec, NULL, 0, attrs.p, attrs.len, nlri.p, nlri.len);
 *     mw_record_end(&rec, r);
 *     mw_write_file("x.mrt", rec.p, rec.len, MW_PLAIN);
 */
#ifndef MRTREACH_MRTWRITE_H
#define MRTREACH_MRTWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/prefix.h"

/* ---- the buffer ---------------------------------------------------------- */

struct mw_buf {
	uint8_t *p;
	size_t len;
	size_t cap;
};
#define MW_BUF_INIT { NULL, 0, 0 }

void mw_free(struct mw_buf *b);
static inline void mw_clear(struct mw_buf *b) { b->len = 0; }

void mw_u8(struct mw_buf *b, uint8_t v);
void mw_u16(struct mw_buf *b, uint16_t v);
void mw_u32(struct mw_buf *b, uint32_t v);
void mw_bytes(struct mw_buf *b, const void *p, size_t n);
void mw_zeros(struct mw_buf *b, size_t n);
/* 4 bytes for IPv4, 16 for IPv6. */
void mw_addr(struct mw_buf *b, const struct addr *a);
/* Overwrites bytes already written at offset off. */
void mw_patch_u16(struct mw_buf *b, size_t off, uint16_t v);
void mw_patch_u32(struct mw_buf *b, size_t off, uint32_t v);

/* Parse helpers for literals in test code; abort on a bad string.
 * mw_pfx masks nothing: "10.0.0.1/8" keeps its host bits (useful for tests). */
struct addr mw_ip(const char *s);
struct prefix mw_pfx(const char *s);

/* ---- MRT common header --------------------------------------------------- */

enum {
	MW_TABLE_DUMP = 12, MW_TABLE_DUMP_V2 = 13, MW_BGP4MP = 16, MW_BGP4MP_ET = 17,
	MW_BGP = 5,
};

/* Writes the 12-byte header with length 0 and returns its offset; finish with
 * mw_record_end, which sets length = bytes written after the header. */
size_t mw_record_begin(struct mw_buf *b, uint32_t ts, uint16_t type, uint16_t subtype);
/* The same plus the 4-byte microseconds field of *_ET types (counted in the length). */
size_t mw_record_begin_et(struct mw_buf *b, uint32_t ts, uint32_t usec,
                          uint16_t type, uint16_t subtype);
void mw_record_end(struct mw_buf *b, size_t rec);

/* ---- BGP path attributes (appended to an attribute block) ---------------- */

#define MW_ATTR_OPTIONAL   0x80
#define MW_ATTR_TRANSITIVE 0x40
#define MW_ATTR_PARTIAL    0x20
#define MW_ATTR_EXTENDED   0x10

/* One attribute; the extended-length flag is added when len > 255. */
void mw_attr(struct mw_buf *b, uint8_t flags, uint8_t type, const void *val, size_t len);
/* Open-ended form: write the value after begin, then end picks the length size. */
size_t mw_attr_begin(struct mw_buf *b, uint8_t flags, uint8_t type);
void mw_attr_end(struct mw_buf *b, size_t at);

struct mw_seg {
	uint8_t type;           /* AS_SET 1, AS_SEQUENCE 2, confed 3/4 */
	uint8_t count;
	const uint32_t *asns;
};

void mw_attr_origin(struct mw_buf *b, uint8_t origin);
/* AS_PATH with ASNs of asn_size bytes (2 or 4); 2-byte writes ASN & 0xffff. */
void mw_attr_as_path(struct mw_buf *b, unsigned asn_size, const struct mw_seg *segs, size_t nseg);
/* One AS_SEQUENCE (split into 255-ASN segments when longer). */
void mw_attr_as_seq(struct mw_buf *b, unsigned asn_size, const uint32_t *asns, size_t n);
/* AS4_PATH (type 17, optional transitive, always 4-byte ASNs). */
void mw_attr_as4_path(struct mw_buf *b, const struct mw_seg *segs, size_t nseg);
void mw_attr_next_hop(struct mw_buf *b, struct addr nh);
void mw_attr_med(struct mw_buf *b, uint32_t med);
void mw_attr_local_pref(struct mw_buf *b, uint32_t lp);
void mw_attr_atomic_aggregate(struct mw_buf *b);
/* AGGREGATOR with asn_size 2 or 4, and an IPv4 address. */
void mw_attr_aggregator(struct mw_buf *b, unsigned asn_size, uint32_t asn, struct addr ip);
void mw_attr_as4_aggregator(struct mw_buf *b, uint32_t asn, struct addr ip);
/* n values of the 32-bit "ASN:value" form. */
void mw_attr_communities(struct mw_buf *b, const uint32_t *c, size_t n);
/* n triples (global admin, local 1, local 2): 3*n words at c. */
void mw_attr_large_communities(struct mw_buf *b, const uint32_t *c, size_t n);
/* Full MP_REACH_NLRI (RFC 4760): afi, safi, next hop (plus link-local when
 * ll != NULL, making a 32-byte next hop), reserved 0, then n prefixes
 * (path_ids == NULL: no ADD-PATH identifiers). */
void mw_attr_mp_reach(struct mw_buf *b, uint16_t afi, uint8_t safi, struct addr nh,
                      const struct addr *ll, const struct prefix *pfx,
                      const uint32_t *path_ids, size_t n);
/* TABLE_DUMP_V2 abbreviated MP_REACH_NLRI (RFC 6396 4.3.4): next-hop length and next hop only. */
void mw_attr_mp_reach_rib(struct mw_buf *b, struct addr nh, const struct addr *ll);
void mw_attr_mp_unreach(struct mw_buf *b, uint16_t afi, uint8_t safi,
                        const struct prefix *pfx, const uint32_t *path_ids, size_t n);

/* ---- NLRI and BGP messages ----------------------------------------------- */

/* One prefix: [path id], length, ceil(len/8) bytes of the address as given. */
void mw_nlri(struct mw_buf *b, const struct prefix *p, bool addpath, uint32_t path_id);

/* Marker, length placeholder, type; returns the offset for mw_bgp_end. */
size_t mw_bgp_begin(struct mw_buf *b, uint8_t type);
void mw_bgp_end(struct mw_buf *b, size_t msg);
/* A whole UPDATE message from pre-built parts (any part may be NULL, 0). */
void mw_bgp_update(struct mw_buf *b, const uint8_t *withdrawn, size_t wlen,
                   const uint8_t *attrs, size_t alen, const uint8_t *nlri, size_t nlen);
/* The same without the 19-byte header (what legacy BGP type 5 records hold). */
void mw_bgp_update_body(struct mw_buf *b, const uint8_t *withdrawn, size_t wlen,
                        const uint8_t *attrs, size_t alen, const uint8_t *nlri, size_t nlen);
void mw_bgp_keepalive(struct mw_buf *b);

/* ---- BGP4MP / BGP4MP_ET (RFC 6396 4.4, RFC 8050) ------------------------- */

enum {
	MW_BGP4MP_STATE_CHANGE = 0, MW_BGP4MP_MESSAGE = 1, MW_BGP4MP_MESSAGE_AS4 = 4,
	MW_BGP4MP_STATE_CHANGE_AS4 = 5, MW_BGP4MP_MESSAGE_LOCAL = 6,
	MW_BGP4MP_MESSAGE_AS4_LOCAL = 7, MW_BGP4MP_MESSAGE_ADDPATH = 8,
	MW_BGP4MP_MESSAGE_AS4_ADDPATH = 9, MW_BGP4MP_MESSAGE_LOCAL_ADDPATH = 10,
	MW_BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH = 11,
};

/* BGP FSM states as numbered in MRT STATE_CHANGE records. */
enum { MW_IDLE = 1, MW_CONNECT = 2, MW_ACTIVE = 3, MW_OPENSENT = 4,
       MW_OPENCONFIRM = 5, MW_ESTABLISHED = 6 };

struct mw_bgp4mp {
	uint32_t ts;
	uint32_t usec;
	bool et;                  /* write type 17 with the microseconds field */
	uint16_t subtype;
	uint32_t peer_as;         /* 2- or 4-byte on the wire by subtype */
	uint32_t local_as;
	uint16_t ifindex;
	struct addr peer_ip;      /* the AFI field follows peer_ip.afi */
	struct addr local_ip;
};

/* 2 for subtypes 0, 1, 6, 8, 10; 4 for 4, 5, 7, 9, 11. */
unsigned mw_bgp4mp_asn_size(uint16_t subtype);
/* Header + peer part; the caller appends the BGP message and calls mw_record_end. */
size_t mw_bgp4mp_begin(struct mw_buf *b, const struct mw_bgp4mp *h);
/* A whole STATE_CHANGE / STATE_CHANGE_AS4 record (h->subtype 0 or 5). */
void mw_bgp4mp_state(struct mw_buf *b, const struct mw_bgp4mp *h, uint16_t old_state,
                     uint16_t new_state);

/* ---- TABLE_DUMP_V2 (RFC 6396 4.3, RFC 8050) ------------------------------ */

enum {
	MW_PEER_INDEX_TABLE = 1, MW_RIB_IPV4_UNICAST = 2, MW_RIB_IPV4_MULTICAST = 3,
	MW_RIB_IPV6_UNICAST = 4, MW_RIB_IPV6_MULTICAST = 5, MW_RIB_GENERIC = 6,
	MW_RIB_IPV4_UNICAST_ADDPATH = 8, MW_RIB_IPV4_MULTICAST_ADDPATH = 9,
	MW_RIB_IPV6_UNICAST_ADDPATH = 10, MW_RIB_IPV6_MULTICAST_ADDPATH = 11,
	MW_RIB_GENERIC_ADDPATH = 12,
};

struct mw_peer {
	uint32_t bgp_id;          /* host order; written big-endian */
	struct addr ip;           /* the IPv6 bit of the peer type follows ip.afi */
	uint32_t asn;
	bool as4;                 /* the AS-size bit of the peer type */
};

void mw_peer_index_table(struct mw_buf *b, uint32_t ts, uint32_t collector_id,
                         const char *view_name, const struct mw_peer *peers, size_t n);

/* One RIB record in progress. */
struct mw_rib {
	size_t rec;               /* header offset */
	size_t count_at;          /* offset of the entry count */
	uint16_t count;
	bool addpath;
};

/* RIB_IPV4/IPV6_UNICAST/MULTICAST and their ADD-PATH forms (subtypes 2-5, 8-11). */
void mw_rib_begin(struct mw_buf *b, struct mw_rib *r, uint32_t ts, uint16_t subtype,
                  uint32_t seq, const struct prefix *p);
/* RIB_GENERIC (6) / RIB_GENERIC_ADDPATH (12): afi, safi, one NLRI as given. */
void mw_rib_generic_begin(struct mw_buf *b, struct mw_rib *r, uint32_t ts, uint16_t subtype,
                          uint32_t seq, uint16_t afi, uint8_t safi,
                          const uint8_t *nlri, size_t nlen);
/* One RIB entry; path_id is written only for ADD-PATH subtypes. */
void mw_rib_entry(struct mw_buf *b, struct mw_rib *r, uint16_t peer_index,
                  uint32_t originated, uint32_t path_id, const uint8_t *attrs, size_t alen);
/* Patches the entry count and the record length. */
void mw_rib_end(struct mw_buf *b, struct mw_rib *r);

/* ---- TABLE_DUMP v1 (RFC 6396 4.2) and legacy BGP (type 5) ---------------- */

/* One route: subtype 1 (AFI_IPv4) or 2 (AFI_IPv6) by p->addr.afi; peer_ip of
 * the same family; 2-byte peer AS. Attributes use 2-byte ASNs. */
void mw_table_dump(struct mw_buf *b, uint32_t ts, uint16_t view, uint16_t seq,
                   const struct prefix *p, uint8_t status, uint32_t originated,
                   struct addr peer_ip, uint16_t peer_as, const uint8_t *attrs, size_t alen);

enum { MW_BGP_UPDATE = 1, MW_BGP_STATE_CHANGE = 3 };

/* Legacy BGP UPDATE (type 5 subtype 1): peer AS/IP, local AS/IP (IPv4,
 * 2-byte ASNs), then msg as given: the UPDATE body *without* the 19-byte
 * marker/length/type header (build it with mw_bgp_update_body; bgpdump 1.6.2
 * reads it that way, and misreads a record that carries the marker). */
void mw_bgp_legacy_update(struct mw_buf *b, uint32_t ts, uint16_t peer_as, struct addr peer_ip,
                          uint16_t local_as, struct addr local_ip,
                          const uint8_t *msg, size_t mlen);
/* Legacy BGP STATE_CHANGE (type 5 subtype 3): peer AS/IP, old and new state. */
void mw_bgp_legacy_state(struct mw_buf *b, uint32_t ts, uint16_t peer_as, struct addr peer_ip,
                         uint16_t old_state, uint16_t new_state);

/* ---- output -------------------------------------------------------------- */

enum mw_compress { MW_PLAIN, MW_GZIP, MW_BZIP2 };

/* Compresses deterministically (gzip: level 9, mtime 0, no name; bzip2:
 * block size 9) and appends the stream to out. */
void mw_compress(const uint8_t *p, size_t n, enum mw_compress how, struct mw_buf *out);
/* Writes p as given (after compressing it); returns 0 or -1 with errno. */
int mw_write_file(const char *path, const uint8_t *p, size_t n, enum mw_compress how);

#endif
