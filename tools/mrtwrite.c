/*
 * mrtwrite.c — building MRT records byte by byte, for tests and the fixture generator.
 * Owns: the growable buffer, big-endian appends, length patching, compression.
 * Never: validates what it is asked to write (tests craft damage with it).
 */
#include "mrtwrite.h"

#include <arpa/inet.h>
#include <bzlib.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void die(const char *why)
{
	fprintf(stderr, "mrtwrite: %s\n", why);
	abort();
}

/* ---- the buffer ---------------------------------------------------------- */

static void reserve(struct mw_buf *b, size_t n)
{
	if (n <= b->cap - b->len)
		return;
	if (n > SIZE_MAX / 2 - b->len)
		die("buffer too large");
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len < n)
		cap *= 2;
	uint8_t *p = realloc(b->p, cap);
	if (!p)
		die("out of memory");
	b->p = p;
	b->cap = cap;
}

void mw_free(struct mw_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void mw_bytes(struct mw_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	reserve(b, n);
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void mw_zeros(struct mw_buf *b, size_t n)
{
	reserve(b, n);
	memset(b->p + b->len, 0, n);
	b->len += n;
}

void mw_u8(struct mw_buf *b, uint8_t v)
{
	mw_bytes(b, &v, 1);
}

void mw_u16(struct mw_buf *b, uint16_t v)
{
	uint8_t x[2] = { (uint8_t)(v >> 8), (uint8_t)v };
	mw_bytes(b, x, 2);
}

void mw_u32(struct mw_buf *b, uint32_t v)
{
	uint8_t x[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
	mw_bytes(b, x, 4);
}

void mw_addr(struct mw_buf *b, const struct addr *a)
{
	mw_bytes(b, a->b, afi_bytes(a->afi));
}

void mw_patch_u16(struct mw_buf *b, size_t off, uint16_t v)
{
	if (off > b->len || b->len - off < 2)
		die("patch past end");
	b->p[off] = (uint8_t)(v >> 8);
	b->p[off + 1] = (uint8_t)v;
}

void mw_patch_u32(struct mw_buf *b, size_t off, uint32_t v)
{
	if (off > b->len || b->len - off < 4)
		die("patch past end");
	b->p[off] = (uint8_t)(v >> 24);
	b->p[off + 1] = (uint8_t)(v >> 16);
	b->p[off + 2] = (uint8_t)(v >> 8);
	b->p[off + 3] = (uint8_t)v;
}

struct addr mw_ip(const char *s)
{
	struct addr a;

	memset(&a, 0, sizeof a);
	if (inet_pton(AF_INET, s, a.b) == 1)
		a.afi = AFI_IPV4;
	else if (inet_pton(AF_INET6, s, a.b) == 1)
		a.afi = AFI_IPV6;
	else
		die("bad address literal");
	return a;
}

struct prefix mw_pfx(const char *s)
{
	char host[64];
	const char *slash = strchr(s, '/');
	struct prefix p;

	memset(&p, 0, sizeof p);
	if (!slash || (size_t)(slash - s) >= sizeof host)
		die("bad prefix literal");
	memcpy(host, s, (size_t)(slash - s));
	host[slash - s] = '\0';
	p.addr = mw_ip(host);
	long len = strtol(slash + 1, NULL, 10);
	if (len < 0 || len > (long)afi_bits(p.addr.afi))
		die("bad prefix length");
	p.len = (uint8_t)len;
	return p;
}

/* ---- MRT common header --------------------------------------------------- */

size_t mw_record_begin(struct mw_buf *b, uint32_t ts, uint16_t type, uint16_t subtype)
{
	size_t at = b->len;

	mw_u32(b, ts);
	mw_u16(b, type);
	mw_u16(b, subtype);
	mw_u32(b, 0);
	return at;
}

size_t mw_record_begin_et(struct mw_buf *b, uint32_t ts, uint32_t usec,
                          uint16_t type, uint16_t subtype)
{
	size_t at = mw_record_begin(b, ts, type, subtype);

	mw_u32(b, usec);
	return at;
}

void mw_record_end(struct mw_buf *b, size_t rec)
{
	mw_patch_u32(b, rec + 8, (uint32_t)(b->len - rec - 12));
}

/* ---- attributes ---------------------------------------------------------- */

void mw_attr(struct mw_buf *b, uint8_t flags, uint8_t type, const void *val, size_t len)
{
	if (len > 65535)
		die("attribute too long");
	if (len > 255) {
		mw_u8(b, flags | MW_ATTR_EXTENDED);
		mw_u8(b, type);
		mw_u16(b, (uint16_t)len);
	} else {
		mw_u8(b, flags);
		mw_u8(b, type);
		mw_u8(b, (uint8_t)len);
	}
	mw_bytes(b, val, len);
}

/* begin always reserves a 2-byte length; end shrinks it to one byte when the
 * value fits, so the result is what a router would send. */
size_t mw_attr_begin(struct mw_buf *b, uint8_t flags, uint8_t type)
{
	size_t at = b->len;

	mw_u8(b, flags | MW_ATTR_EXTENDED);
	mw_u8(b, type);
	mw_u16(b, 0);
	return at;
}

void mw_attr_end(struct mw_buf *b, size_t at)
{
	size_t vlen = b->len - at - 4;

	if (vlen > 65535)
		die("attribute too long");
	if (vlen > 255) {
		mw_patch_u16(b, at + 2, (uint16_t)vlen);
		return;
	}
	b->p[at] &= (uint8_t)~MW_ATTR_EXTENDED;
	b->p[at + 2] = (uint8_t)vlen;
	memmove(b->p + at + 3, b->p + at + 4, vlen);
	b->len--;
}

void mw_attr_origin(struct mw_buf *b, uint8_t origin)
{
	mw_attr(b, MW_ATTR_TRANSITIVE, 1, &origin, 1);
}

static void put_asn(struct mw_buf *b, unsigned asn_size, uint32_t asn)
{
	if (asn_size == 2)
		mw_u16(b, (uint16_t)asn);
	else if (asn_size == 4)
		mw_u32(b, asn);
	else
		die("asn_size must be 2 or 4");
}

static void put_segments(struct mw_buf *b, unsigned asn_size, const struct mw_seg *segs,
                         size_t nseg)
{
	for (size_t i = 0; i < nseg; i++) {
		mw_u8(b, segs[i].type);
		mw_u8(b, segs[i].count);
		for (unsigned j = 0; j < segs[i].count; j++)
			put_asn(b, asn_size, segs[i].asns[j]);
	}
}

void mw_attr_as_path(struct mw_buf *b, unsigned asn_size, const struct mw_seg *segs, size_t nseg)
{
	size_t at = mw_attr_begin(b, MW_ATTR_TRANSITIVE, 2);

	put_segments(b, asn_size, segs, nseg);
	mw_attr_end(b, at);
}

void mw_attr_as_seq(struct mw_buf *b, unsigned asn_size, const uint32_t *asns, size_t n)
{
	size_t at = mw_attr_begin(b, MW_ATTR_TRANSITIVE, 2);

	while (n > 0) {
		size_t k = n > 255 ? 255 : n;
		struct mw_seg s = { 2, (uint8_t)k, asns };
		put_segments(b, asn_size, &s, 1);
		asns += k;
		n -= k;
	}
	mw_attr_end(b, at);
}

void mw_attr_as4_path(struct mw_buf *b, const struct mw_seg *segs, size_t nseg)
{
	size_t at = mw_attr_begin(b, MW_ATTR_OPTIONAL | MW_ATTR_TRANSITIVE, 17);

	put_segments(b, 4, segs, nseg);
	mw_attr_end(b, at);
}

void mw_attr_next_hop(struct mw_buf *b, struct addr nh)
{
	mw_attr(b, MW_ATTR_TRANSITIVE, 3, nh.b, 4);
}

static void attr_u32(struct mw_buf *b, uint8_t flags, uint8_t type, uint32_t v)
{
	uint8_t x[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
	mw_attr(b, flags, type, x, 4);
}

void mw_attr_med(struct mw_buf *b, uint32_t med)
{
	attr_u32(b, MW_ATTR_OPTIONAL, 4, med);
}

void mw_attr_local_pref(struct mw_buf *b, uint32_t lp)
{
	attr_u32(b, MW_ATTR_TRANSITIVE, 5, lp);
}

void mw_attr_atomic_aggregate(struct mw_buf *b)
{
	mw_attr(b, MW_ATTR_TRANSITIVE, 6, NULL, 0);
}

void mw_attr_aggregator(struct mw_buf *b, unsigned asn_size, uint32_t asn, struct addr ip)
{
	size_t at = mw_attr_begin(b, MW_ATTR_OPTIONAL | MW_ATTR_TRANSITIVE, 7);

	put_asn(b, asn_size, asn);
	mw_bytes(b, ip.b, 4);
	mw_attr_end(b, at);
}

void mw_attr_as4_aggregator(struct mw_buf *b, uint32_t asn, struct addr ip)
{
	size_t at = mw_attr_begin(b, MW_ATTR_OPTIONAL | MW_ATTR_TRANSITIVE, 18);

	mw_u32(b, asn);
	mw_bytes(b, ip.b, 4);
	mw_attr_end(b, at);
}

void mw_attr_communities(struct mw_buf *b, const uint32_t *c, size_t n)
{
	size_t at = mw_attr_begin(b, MW_ATTR_OPTIONAL | MW_ATTR_TRANSITIVE, 8);

	for (size_t i = 0; i < n; i++)
		mw_u32(b, c[i]);
	mw_attr_end(b, at);
}

void mw_attr_large_communities(struct mw_buf *b, const uint32_t *c, size_t n)
{
	size_t at = mw_attr_begin(b, MW_ATTR_OPTIONAL | MW_ATTR_TRANSITIVE, 32);

	for (size_t i = 0; i < 3 * n; i++)
		mw_u32(b, c[i]);
	mw_attr_end(b, at);
}

static void put_nexthop(struct mw_buf *b, struct addr nh, const struct addr *ll)
{
	unsigned n = afi_bytes(nh.afi);

	mw_u8(b, (uint8_t)(ll ? n + afi_bytes(ll->afi) : n));
	mw_addr(b, &nh);
	if (ll)
		mw_addr(b, ll);
}

void mw_attr_mp_reach(struct mw_buf *b, uint16_t afi, uint8_t safi, struct addr nh,
                      const struct addr *ll, const struct prefix *pfx,
                      const uint32_t *path_ids, size_t n)
{
	size_t at = mw_attr_begin(b, MW_ATTR_OPTIONAL, 14);

	mw_u16(b, afi);
	mw_u8(b, safi);
	put_nexthop(b, nh, ll);
	mw_u8(b, 0);    /* reserved (was SNPA count) */
	for (size_t i = 0; i < n; i++)
		mw_nlri(b, &pfx[i], path_ids != NULL, path_ids ? path_ids[i] : 0);
	mw_attr_end(b, at);
}

void mw_attr_mp_reach_rib(struct mw_buf *b, struct addr nh, const struct addr *ll)
{
	size_t at = mw_attr_begin(b, MW_ATTR_OPTIONAL, 14);

	put_nexthop(b, nh, ll);
	mw_attr_end(b, at);
}

void mw_attr_mp_unreach(struct mw_buf *b, uint16_t afi, uint8_t safi,
                        const struct prefix *pfx, const uint32_t *path_ids, size_t n)
{
	size_t at = mw_attr_begin(b, MW_ATTR_OPTIONAL, 15);

	mw_u16(b, afi);
	mw_u8(b, safi);
	for (size_t i = 0; i < n; i++)
		mw_nlri(b, &pfx[i], path_ids != NULL, path_ids ? path_ids[i] : 0);
	mw_attr_end(b, at);
}

/* ---- NLRI and BGP messages ----------------------------------------------- */

void mw_nlri(struct mw_buf *b, const struct prefix *p, bool addpath, uint32_t path_id)
{
	if (addpath)
		mw_u32(b, path_id);
	mw_u8(b, p->len);
	mw_bytes(b, p->addr.b, (p->len + 7u) / 8u);
}

size_t mw_bgp_begin(struct mw_buf *b, uint8_t type)
{
	static const uint8_t marker[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	size_t at = b->len;

	mw_bytes(b, marker, 16);
	mw_u16(b, 0);
	mw_u8(b, type);
	return at;
}

void mw_bgp_end(struct mw_buf *b, size_t msg)
{
	size_t n = b->len - msg;

	if (n > 65535)
		die("BGP message too long");
	mw_patch_u16(b, msg + 16, (uint16_t)n);
}

void mw_bgp_update_body(struct mw_buf *b, const uint8_t *withdrawn, size_t wlen,
                        const uint8_t *attrs, size_t alen, const uint8_t *nlri, size_t nlen)
{
	if (wlen > 65535 || alen > 65535)
		die("UPDATE part too long");
	mw_u16(b, (uint16_t)wlen);
	mw_bytes(b, withdrawn, wlen);
	mw_u16(b, (uint16_t)alen);
	mw_bytes(b, attrs, alen);
	mw_bytes(b, nlri, nlen);
}

void mw_bgp_update(struct mw_buf *b, const uint8_t *withdrawn, size_t wlen,
                   const uint8_t *attrs, size_t alen, const uint8_t *nlri, size_t nlen)
{
	size_t at = mw_bgp_begin(b, 2);

	mw_bgp_update_body(b, withdrawn, wlen, attrs, alen, nlri, nlen);
	mw_bgp_end(b, at);
}

void mw_bgp_keepalive(struct mw_buf *b)
{
	mw_bgp_end(b, mw_bgp_begin(b, 4));
}

/* ---- BGP4MP --------------------------------------------------------------- */

unsigned mw_bgp4mp_asn_size(uint16_t subtype)
{
	switch (subtype) {
	case 4: case 5: case 7: case 9: case 11:
		return 4;
	default:
		return 2;
	}
}

size_t mw_bgp4mp_begin(struct mw_buf *b, const struct mw_bgp4mp *h)
{
	unsigned as = mw_bgp4mp_asn_size(h->subtype);
	size_t at = h->et
		? mw_record_begin_et(b, h->ts, h->usec, MW_BGP4MP_ET, h->subtype)
		: mw_record_begin(b, h->ts, MW_BGP4MP, h->subtype);

	put_asn(b, as, h->peer_as);
	put_asn(b, as, h->local_as);
	mw_u16(b, h->ifindex);
	mw_u16(b, h->peer_ip.afi);
	mw_addr(b, &h->peer_ip);
	mw_bytes(b, h->local_ip.b, afi_bytes(h->peer_ip.afi));
	return at;
}

void mw_bgp4mp_state(struct mw_buf *b, const struct mw_bgp4mp *h, uint16_t old_state,
                     uint16_t new_state)
{
	size_t at = mw_bgp4mp_begin(b, h);

	mw_u16(b, old_state);
	mw_u16(b, new_state);
	mw_record_end(b, at);
}

/* ---- TABLE_DUMP_V2 -------------------------------------------------------- */

void mw_peer_index_table(struct mw_buf *b, uint32_t ts, uint32_t collector_id,
                         const char *view_name, const struct mw_peer *peers, size_t n)
{
	size_t at = mw_record_begin(b, ts, MW_TABLE_DUMP_V2, MW_PEER_INDEX_TABLE);
	size_t vlen = view_name ? strlen(view_name) : 0;

	if (vlen > 65535 || n > 65535)
		die("peer index table too large");
	mw_u32(b, collector_id);
	mw_u16(b, (uint16_t)vlen);
	mw_bytes(b, view_name, vlen);
	mw_u16(b, (uint16_t)n);
	for (size_t i = 0; i < n; i++) {
		const struct mw_peer *p = &peers[i];
		mw_u8(b, (uint8_t)((p->ip.afi == AFI_IPV6 ? 1 : 0) | (p->as4 ? 2 : 0)));
		mw_u32(b, p->bgp_id);
		mw_addr(b, &p->ip);
		put_asn(b, p->as4 ? 4 : 2, p->asn);
	}
	mw_record_end(b, at);
}

static void rib_open(struct mw_buf *b, struct mw_rib *r, uint32_t ts, uint16_t subtype,
                     uint32_t seq)
{
	r->rec = mw_record_begin(b, ts, MW_TABLE_DUMP_V2, subtype);
	r->count = 0;
	r->addpath = subtype >= MW_RIB_IPV4_UNICAST_ADDPATH && subtype <= MW_RIB_GENERIC_ADDPATH;
	mw_u32(b, seq);
}

void mw_rib_begin(struct mw_buf *b, struct mw_rib *r, uint32_t ts, uint16_t subtype,
                  uint32_t seq, const struct prefix *p)
{
	rib_open(b, r, ts, subtype, seq);
	mw_nlri(b, p, false, 0);
	r->count_at = b->len;
	mw_u16(b, 0);
}

void mw_rib_generic_begin(struct mw_buf *b, struct mw_rib *r, uint32_t ts, uint16_t subtype,
                          uint32_t seq, uint16_t afi, uint8_t safi,
                          const uint8_t *nlri, size_t nlen)
{
	rib_open(b, r, ts, subtype, seq);
	mw_u16(b, afi);
	mw_u8(b, safi);
	mw_bytes(b, nlri, nlen);
	r->count_at = b->len;
	mw_u16(b, 0);
}

void mw_rib_entry(struct mw_buf *b, struct mw_rib *r, uint16_t peer_index,
                  uint32_t originated, uint32_t path_id, const uint8_t *attrs, size_t alen)
{
	if (alen > 65535)
		die("RIB entry attributes too long");
	mw_u16(b, peer_index);
	mw_u32(b, originated);
	if (r->addpath)
		mw_u32(b, path_id);
	mw_u16(b, (uint16_t)alen);
	mw_bytes(b, attrs, alen);
	r->count++;
}

void mw_rib_end(struct mw_buf *b, struct mw_rib *r)
{
	mw_patch_u16(b, r->count_at, r->count);
	mw_record_end(b, r->rec);
}

/* ---- TABLE_DUMP v1 and legacy BGP ----------------------------------------- */

void mw_table_dump(struct mw_buf *b, uint32_t ts, uint16_t view, uint16_t seq,
                   const struct prefix *p, uint8_t status, uint32_t originated,
                   struct addr peer_ip, uint16_t peer_as, const uint8_t *attrs, size_t alen)
{
	size_t at = mw_record_begin(b, ts, MW_TABLE_DUMP, p->addr.afi == AFI_IPV6 ? 2 : 1);

	if (alen > 65535)
		die("TABLE_DUMP attributes too long");
	mw_u16(b, view);
	mw_u16(b, seq);
	mw_addr(b, &p->addr);
	mw_u8(b, p->len);
	mw_u8(b, status);
	mw_u32(b, originated);
	mw_bytes(b, peer_ip.b, afi_bytes(p->addr.afi));
	mw_u16(b, peer_as);
	mw_u16(b, (uint16_t)alen);
	mw_bytes(b, attrs, alen);
	mw_record_end(b, at);
}

void mw_bgp_legacy_update(struct mw_buf *b, uint32_t ts, uint16_t peer_as, struct addr peer_ip,
                          uint16_t local_as, struct addr local_ip,
                          const uint8_t *msg, size_t mlen)
{
	size_t at = mw_record_begin(b, ts, MW_BGP, MW_BGP_UPDATE);

	mw_u16(b, peer_as);
	mw_bytes(b, peer_ip.b, 4);
	mw_u16(b, local_as);
	mw_bytes(b, local_ip.b, 4);
	mw_bytes(b, msg, mlen);
	mw_record_end(b, at);
}

void mw_bgp_legacy_state(struct mw_buf *b, uint32_t ts, uint16_t peer_as, struct addr peer_ip,
                         uint16_t old_state, uint16_t new_state)
{
	size_t at = mw_record_begin(b, ts, MW_BGP, MW_BGP_STATE_CHANGE);

	mw_u16(b, peer_as);
	mw_bytes(b, peer_ip.b, 4);
	mw_u16(b, old_state);
	mw_u16(b, new_state);
	mw_record_end(b, at);
}

/* ---- output -------------------------------------------------------------- */

/* zlib's gzip wrapper writes mtime 0 and no file name unless given a header,
 * so the same input always gives the same bytes. */
static void gzip_into(const uint8_t *p, size_t n, struct mw_buf *out)
{
	z_stream z;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		die("deflateInit2");
	if (n > UINT32_MAX)
		die("input too large for one deflate call");
	size_t bound = deflateBound(&z, (uLong)n);
	reserve(out, bound);
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = out->p + out->len;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		die("deflate");
	out->len += bound - z.avail_out;
	deflateEnd(&z);
}

static void bzip2_into(const uint8_t *p, size_t n, struct mw_buf *out)
{
	static const uint8_t none[1];
	if (n > UINT32_MAX / 2)
		die("input too large for bzip2");
	if (!p)
		p = none;                 /* an empty file: bzip2 refuses a NULL source */
	unsigned int bound = (unsigned int)(n + n / 100 + 600);
	reserve(out, bound);
	int rc = BZ2_bzBuffToBuffCompress((char *)out->p + out->len, &bound,
	                                  (char *)(uintptr_t)p, (unsigned int)n, 9, 0, 0);
	if (rc != BZ_OK)
		die("BZ2_bzBuffToBuffCompress");
	out->len += bound;
}

void mw_compress(const uint8_t *p, size_t n, enum mw_compress how, struct mw_buf *out)
{
	switch (how) {
	case MW_PLAIN: mw_bytes(out, p, n); break;
	case MW_GZIP: gzip_into(p, n, out); break;
	case MW_BZIP2: bzip2_into(p, n, out); break;
	}
}

int mw_write_file(const char *path, const uint8_t *p, size_t n, enum mw_compress how)
{
	struct mw_buf z = MW_BUF_INIT;
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (!f)
		return -1;
	mw_compress(p, n, how, &z);
	if (z.len && fwrite(z.p, 1, z.len, f) != z.len)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	mw_free(&z);
	return rc;
}
