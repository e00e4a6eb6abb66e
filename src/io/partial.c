/* partial.c — see partial.h; the layout is docs/partial-format.md. */
#include "io/partial.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "decode/bgp.h"
#include "decode/vec.h"

enum { T_GROUP = 1, T_MARK = 2, T_ELEM = 3, T_COUNT = 4, T_SEND = 5, T_END = 6,
       T_GROUP_SAME = 7,         /* a group of the previous group's input */
       T_GROUP_MARK = 8,         /* a group, then a mark at its key's time */
       T_GROUP_SAME_MARK = 9,
       T_VP = 10,                /* PARTIAL_SCAN: the next vantage point of routes */
       T_ROUTE = 0x80 };         /* PARTIAL_SCAN: a route, flags in the low bits (R_*) */
enum { F_PEER6 = 1, F_PFX6 = 2, F_PID = 4, F_MCAST = 8, F_ATTRS = 16 };
enum { S_DAMAGED = 1, S_RIB = 2, S_HAS = 4 };
/* A compact route's tag: T_ROUTE | type (0 RIB, 1 announce, 2 withdraw) | ...
 * (R_SAME_VP: version 3; both vantage point flags at once are refused) */
enum { R_TYPE = 3, R_SAME_PFX = 4, R_NEXT_VP = 8, R_SAME_ORIGIN = 16, R_MORE = 32,
       R_SAME_VP = 64 };
/* ... and with R_MORE a byte of these. */
enum { X_TS = 1, X_PID = 2, X_MCAST = 4, X_NO_ATTRS = 8 };
/* A compact route's origin: O_EMPTY, O_SET (v count, v each AS), or the AS + O_AS. */
enum { O_EMPTY = 0, O_SET = 1, O_AS = 2 };


/* ---- writing ------------------------------------------------------------ */

struct partial_w {
	enum partial_kind kind;
	uint8_t *b;
	size_t n, cap;
	bool oom;
	struct {                     /* compact routes' origins (version 3: after the events) */
		uint8_t *b;
		size_t n, cap;
	} org;
	uint64_t key;                /* the last group's */
	uint32_t src;                /* ... and its input */
	bool pending;                /* a group not written yet (it may take a mark) */
	uint32_t pend_src;
	uint64_t pend_key;
	/* compact routes (PARTIAL_SCAN) */
	struct partial_vp *vps;             /* vantage points in the order written */
	uint32_t *vph;               /* open addressing: index + 1, 0 empty */
	size_t nvps, capvps, caph;
	uint32_t prev_vp;            /* of the last route */
	struct prefix prev_pfx;
	bool have_pfx;
	uint64_t prev_origin;        /* its origin code (not a set) */
	bool have_origin;
};

struct partial_w *partial_w_new(void)
{
	struct partial_w *w = calloc(1, sizeof(struct partial_w));
	if (w) {
		w->kind = PARTIAL_REACH;
		w->prev_vp = UINT32_MAX;
	}
	return w;
}

void partial_w_set_kind(struct partial_w *w, enum partial_kind kind) { w->kind = kind; }

void partial_w_free(struct partial_w *w)
{
	if (w) {
		free(w->b);
		free(w->org.b);
		free(w->vps);
		free(w->vph);
	}
	free(w);
}

bool partial_w_oom(const struct partial_w *w) { return w->oom; }

/* len bytes at the end of buffer b (n used, cap allocated). */
static void append(struct partial_w *w, uint8_t **b, size_t *n, size_t *cap, const void *p,
                   size_t len)
{
	if (w->oom)
		return;
	if (*n + len > *cap) {
		uint8_t *g = vec_grow(*b, cap, *n + len, 1, 4096);
		if (!g) {
			w->oom = true;
			return;
		}
		*b = g;
	}
	memcpy(*b + *n, p, len);
	*n += len;
}

static void put(struct partial_w *w, const void *p, size_t len)
{
	append(w, &w->b, &w->n, &w->cap, p, len);
}

static void put8(struct partial_w *w, uint8_t v) { put(w, &v, 1); }

/* v as a varint in t: its length. */
static size_t varint(uint8_t t[10], uint64_t v)
{
	size_t k = 0;
	do {
		t[k] = (uint8_t)(v & 0x7f);
		v >>= 7;
		if (v)
			t[k] |= 0x80;
		k++;
	} while (v);
	return k;
}

static void putv(struct partial_w *w, uint64_t v)
{
	uint8_t t[10];
	put(w, t, varint(t, v));
}

/* A varint of the origins' section. */
static void putv_org(struct partial_w *w, uint64_t v)
{
	uint8_t t[10];
	append(w, &w->org.b, &w->org.n, &w->org.cap, t, varint(t, v));
}

/* Signed, zigzag: small either way. */
static void putz(struct partial_w *w, int64_t v)
{
	putv(w, v < 0 ? ((uint64_t)(-(v + 1)) << 1) | 1 : (uint64_t)v << 1);
}

static void puts_(struct partial_w *w, const char *s)
{
	size_t len = strlen(s);
	putv(w, len);
	put(w, s, len);
}

static void put_addr(struct partial_w *w, const struct addr *a)
{
	put(w, a->b, a->afi == AFI_IPV6 ? 16 : 4);
}

/* Writes the pending group (with_mark: and a mark at its time). */
static void flush_group(struct partial_w *w, bool with_mark)
{
	if (!w->pending)
		return;
	w->pending = false;
	bool same = w->pend_src == w->src;
	if (w->kind == PARTIAL_SCAN && same && w->pend_key == w->key) {
		/* the next record of the input at the same key: its events go on
		 * the group before (no other group can come between them) */
		if (with_mark) {
			put8(w, T_MARK);
			putz(w, 0);
		}
		return;
	}
	put8(w, (uint8_t)(same ? (with_mark ? T_GROUP_SAME_MARK : T_GROUP_SAME)
	                       : (with_mark ? T_GROUP_MARK : T_GROUP)));
	if (!same)
		putv(w, w->pend_src);
	putv(w, w->pend_key - w->key);
	w->key = w->pend_key;
	w->src = w->pend_src;
}

void partial_w_header(struct partial_w *w, uint64_t targets_fp, const char *targets_text,
                      const char *const *collectors, size_t ncol, const char *const *paths,
                      const uint64_t *sizes, const uint32_t *src_col, size_t nsrc)
{
	put(w, PARTIAL_MAGIC, 8);
	put8(w, PARTIAL_VERSION);
	put8(w, (uint8_t)w->kind);
	putv(w, targets_fp);
	puts_(w, targets_text);
	putv(w, ncol);
	for (size_t i = 0; i < ncol; i++)
		puts_(w, collectors[i]);
	putv(w, nsrc);
	w->src = UINT32_MAX;
	for (size_t i = 0; i < nsrc; i++) {
		puts_(w, paths[i]);
		putv(w, sizes[i]);
		putv(w, src_col[i]);
	}
}

void partial_w_group(struct partial_w *w, uint32_t src, uint64_t key)
{
	flush_group(w, false);
	if (key < w->key)
		key = w->key;            /* an input that ends without a record */
	w->pending = true;
	w->pend_src = src;
	w->pend_key = key;
}

void partial_w_mark(struct partial_w *w, uint32_t ts)
{
	if (w->pending && ts == (uint32_t)(w->pend_key >> 1)) {
		flush_group(w, true);
		return;
	}
	flush_group(w, false);
	put8(w, T_MARK);
	putz(w, (int64_t)ts - (int64_t)(w->key >> 1));
}

/* Room for vantage point n of table *vps (zeroed), or NULL. */
static struct partial_vp *vp_push(struct partial_vp **vps, size_t n, size_t *cap)
{
	if (n == *cap) {
		struct partial_vp *v = vec_grow(*vps, cap, n + 1, sizeof *v, 64);
		if (!v)
			return NULL;
		*vps = v;
	}
	memset(&(*vps)[n], 0, sizeof **vps);
	return &(*vps)[n];
}

static uint64_t vp_hash(const struct addr *a, uint32_t asn)
{
	uint64_t h = 0xcbf29ce484222325u ^ a->afi;
	for (int i = 0; i < 16; i++)
		h = (h ^ a->b[i]) * 0x100000001b3u;
	return (h ^ asn) * 0x9e3779b97f4a7c15u;
}

static bool vp_same(const struct partial_vp *v, const struct addr *a, uint32_t asn)
{
	return v->asn == asn && v->ip.afi == a->afi && memcmp(v->ip.b, a->b, 16) == 0;
}

/* The index of vantage point (a, asn), written as a T_VP item when new;
 * UINT32_MAX when out of memory. */
static uint32_t vp_index(struct partial_w *w, const struct addr *a, uint32_t asn)
{
	if (w->nvps * 2 >= w->caph) {
		size_t cap = w->caph ? w->caph * 2 : 256;
		uint32_t *h = calloc(cap, sizeof *h);
		if (!h)
			return UINT32_MAX;
		for (size_t i = 0; i < w->nvps; i++) {
			size_t k = (size_t)vp_hash(&w->vps[i].ip, w->vps[i].asn) & (cap - 1);
			while (h[k])
				k = (k + 1) & (cap - 1);
			h[k] = (uint32_t)i + 1;
		}
		free(w->vph);
		w->vph = h;
		w->caph = cap;
	}
	size_t k = (size_t)vp_hash(a, asn) & (w->caph - 1);
	for (; w->vph[k]; k = (k + 1) & (w->caph - 1))
		if (vp_same(&w->vps[w->vph[k] - 1], a, asn))
			return w->vph[k] - 1;
	struct partial_vp *v = vp_push(&w->vps, w->nvps, &w->capvps);
	if (!v)
		return UINT32_MAX;
	v->ip.afi = a->afi;
	memcpy(v->ip.b, a->b, a->afi == AFI_IPV6 ? 16 : 4);
	v->asn = asn;
	w->vph[k] = (uint32_t)++w->nvps;
	put8(w, T_VP);
	put8(w, (uint8_t)(a->afi == AFI_IPV6 ? F_PEER6 : 0));
	put_addr(w, &v->ip);
	putv(w, asn);
	return (uint32_t)w->nvps - 1;
}

/* What visibility takes of a route's AS path (route_origin.h): the origin
 * AS when as_path_origin gives one; else the last AS_SEQUENCE or AS_SET
 * segment's (its members: *set, *nset), or none (empty or unreadable). */
static uint64_t origin_code(struct cursor path, struct as_segment *set)
{
	uint32_t asn = as_path_origin(path);
	if (asn)
		return O_AS + (uint64_t)asn;
	struct as_segment seg, last = { 0, 0, NULL };
	int r;
	while ((r = as_path_next(&path, &seg)) == 1)
		if (seg.count > 0 && (seg.type == AS_SEQUENCE || seg.type == AS_SET))
			last = seg;
	if (r < 0 || last.count == 0)
		return O_EMPTY;
	if (last.type == AS_SET) {
		*set = last;
		return O_SET;
	}
	const uint8_t *a = last.asns + 4 * ((size_t)last.count - 1);
	return O_AS + ((uint64_t)a[0] << 24 | (uint64_t)a[1] << 16 | (uint64_t)a[2] << 8 | a[3]);
}

/* A compact route's prefix of length len (at most 64) as a number: its
 * first len bits (IPv4 or IPv6 alike). */
static uint64_t pfx_bits(const struct addr *a, unsigned len)
{
	uint64_t x = 0;
	for (int i = 0; i < 8; i++)
		x = x << 8 | a->b[i];
	return len ? x >> (64 - len) : 0;
}

static uint64_t bits_mask(unsigned len)
{
	return len >= 64 ? UINT64_MAX : ((uint64_t)1 << len) - 1;
}

/* A compact route's prefix (not the previous route's): 1 byte, the length
 * (IPv6: 33 + it); then, for a RIB entry up to 64 bits long, the difference
 * of its bits and the previous route's prefix's first as many bits (0 when
 * of the other family or none), modulo 2^length, as a signed varint (a RIB
 * dump is sorted: a byte or two); else its bytes (an update's prefixes
 * come in no order, and the same ones again: as bytes they repeat, which
 * deflate finds). */
static void put_prefix(struct partial_w *w, const struct prefix *p, bool rib)
{
	bool v6 = p->addr.afi == AFI_IPV6;
	put8(w, (uint8_t)(v6 ? 33 + p->len : p->len));
	if (p->len > 64 || !rib) {
		put(w, p->addr.b, (p->len + 7u) / 8);
		return;
	}
	uint64_t ref = w->have_pfx && w->prev_pfx.addr.afi == p->addr.afi
	               ? pfx_bits(&w->prev_pfx.addr, p->len) : 0;
	uint64_t m = bits_mask(p->len), d = (pfx_bits(&p->addr, p->len) - ref) & m;
	/* the upper half of the residues stands for d - 2^length */
	putz(w, p->len && (d >> (p->len - 1)) ? -(int64_t)(m - d) - 1 : (int64_t)d);
}

/* A route element of a PARTIAL_SCAN partial: its vantage point by index,
 * its prefix and origin only where they change (docs/partial-format.md). */
static void put_route(struct partial_w *w, const struct elem *e)
{
	uint32_t vp = vp_index(w, &e->peer_ip, e->peer_as);
	if (vp == UINT32_MAX) {
		w->oom = true;
		return;
	}
	bool wd = e->type == ELEM_WITHDRAW;
	struct as_segment set = { 0, 0, NULL };
	uint64_t org = !wd && e->attrs ? origin_code(e->attrs->as_path, &set) : 0;
	int64_t dts = (int64_t)e->ts - (int64_t)(w->key >> 1);
	uint8_t x = (uint8_t)((dts ? X_TS : 0) | (e->has_path_id ? X_PID : 0) |
	                      (e->safi == SAFI_MULTICAST ? X_MCAST : 0) | (!wd && !e->attrs ? X_NO_ATTRS : 0));
	struct prefix pfx = e->prefix;          /* as the reader gives it */
	addr_mask(&pfx.addr, pfx.len);
	bool same_pfx = w->have_pfx && prefix_equal(&w->prev_pfx, &pfx);
	bool same_org = !wd && e->attrs && org != O_SET && w->have_origin && org == w->prev_origin;
	uint8_t tag = (uint8_t)(T_ROUTE | (uint8_t)e->type | (same_pfx ? R_SAME_PFX : 0) |
	              (vp == w->prev_vp + 1 ? R_NEXT_VP : vp == w->prev_vp ? R_SAME_VP : 0) |
	              (same_org ? R_SAME_ORIGIN : 0) | (x ? R_MORE : 0));
	put8(w, tag);
	if (x)
		put8(w, x);
	if (x & X_TS)
		putz(w, dts);
	if (!(tag & (R_NEXT_VP | R_SAME_VP)))
		putv(w, vp);
	bool rib = e->type == ELEM_RIB;
	if (!same_pfx)
		put_prefix(w, &pfx, rib);
	if (x & X_PID)
		putv(w, e->path_id);
	/* a RIB entry's origin goes to the origins' section (a dump's origins
	 * alone compress far better than mixed with its prefixes); an update's
	 * stays by its prefix (the same announcement again is the same bytes) */
	void (*pv)(struct partial_w *, uint64_t) = rib ? putv_org : putv;
	if (!wd && e->attrs && !same_org) {
		pv(w, org);
		if (org == O_SET) {
			pv(w, set.count);
			for (size_t i = 0; i < set.count; i++) {
				const uint8_t *a = set.asns + 4 * i;
				pv(w, (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3]);
			}
		}
	}
	w->prev_vp = vp;
	w->prev_pfx = pfx;
	w->have_pfx = true;
	if (!wd && e->attrs) {
		w->prev_origin = org;
		w->have_origin = org != O_SET;
	}
}

void partial_w_elem(struct partial_w *w, const struct elem *e)
{
	flush_group(w, false);
	if (w->kind == PARTIAL_SCAN && e->type != ELEM_STATE) {
		put_route(w, e);
		return;
	}
	bool route = e->type != ELEM_STATE;
	uint8_t f = (uint8_t)((e->peer_ip.afi == AFI_IPV6 ? F_PEER6 : 0) |
	            (route && e->prefix.addr.afi == AFI_IPV6 ? F_PFX6 : 0) |
	            (route && e->has_path_id ? F_PID : 0) |
	            (e->safi == SAFI_MULTICAST ? F_MCAST : 0) | (route && e->attrs ? F_ATTRS : 0));
	put8(w, T_ELEM);
	put8(w, (uint8_t)e->type);
	put8(w, f);
	putz(w, (int64_t)e->ts - (int64_t)(w->key >> 1));
	put_addr(w, &e->peer_ip);
	putv(w, e->peer_as);
	if (!route) {
		putv(w, e->old_state);
		putv(w, e->new_state);
		return;
	}
	put8(w, e->prefix.len);
	put(w, e->prefix.addr.b, (e->prefix.len + 7u) / 8);
	if (f & F_PID)
		putv(w, e->path_id);
	if (f & F_ATTRS) {
		putv(w, e->attrs->as_path.left);
		put(w, e->attrs->as_path.p, e->attrs->as_path.left);
	}
}

void partial_w_count(struct partial_w *w, const struct addr *peer, uint8_t afi, uint32_t n)
{
	flush_group(w, false);
	put8(w, T_COUNT);
	put8(w, (uint8_t)((peer->afi == AFI_IPV6 ? F_PEER6 : 0) | (afi == AFI_IPV6 ? F_PFX6 : 0)));
	put_addr(w, peer);
	putv(w, n);
}

void partial_w_source_end(struct partial_w *w, bool damaged, bool rib, bool has, uint32_t first,
                          uint32_t last, uint64_t damage, const uint32_t *stretch,
                          size_t nstretch)
{
	flush_group(w, false);
	put8(w, T_SEND);
	put8(w, (uint8_t)((damaged ? S_DAMAGED : 0) | (rib ? S_RIB : 0) | (has ? S_HAS : 0)));
	putv(w, first);
	putv(w, last);
	putv(w, damage);
	putv(w, nstretch);
	uint32_t prev = first;
	for (size_t i = 0; i < nstretch; i++) {
		putv(w, stretch[2 * i] - prev);
		putv(w, stretch[2 * i + 1] - stretch[2 * i]);
		prev = stretch[2 * i + 1];
	}
}

/* Ends the stream. The body is the origins' section (its length, then
 * its bytes) and the stream after the first 10 bytes, deflated (zlib) in
 * one stream behind its inflated length; a CRC-32 of all before it ends
 * the file. */
static void finish(struct partial_w *w)
{
	flush_group(w, false);
	put8(w, T_END);
	if (w->oom)
		return;
	uint8_t olen[10];
	const uint8_t *piece[3] = { olen, w->org.b, w->b + 10 };
	size_t plen[3] = { varint(olen, w->org.n), w->org.n, w->n - 10 };
	size_t raw = plen[0] + plen[1] + plen[2];
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	if (deflateInit(&zs, 6) != Z_OK) {
		w->oom = true;
		return;
	}
	uLong clen = deflateBound(&zs, (uLong)raw);
	uint8_t *z = malloc(10 + 8 + clen + 4);
	int zr = z ? Z_OK : Z_MEM_ERROR;
	zs.next_out = z ? z + 18 : NULL;
	zs.avail_out = (uInt)clen;
	for (int i = 0; i < 3 && zr == Z_OK; i++) {
		if (i < 2 && plen[i] == 0)
			continue;        /* (no progress is an error to deflate) */
		zs.next_in = (Bytef *)(uintptr_t)piece[i];
		zs.avail_in = (uInt)plen[i];
		zr = deflate(&zs, i == 2 ? Z_FINISH : Z_NO_FLUSH);
		if (zr == Z_STREAM_END && i == 2)
			zr = Z_OK;
		else if (zr != Z_OK || zs.avail_in)
			zr = Z_BUF_ERROR;
	}
	size_t n = 18 + (size_t)zs.total_out;
	deflateEnd(&zs);
	if (zr != Z_OK) {
		free(z);
		w->oom = true;
		return;
	}
	memcpy(z, w->b, 10);
	for (int i = 0; i < 8; i++)
		z[10 + i] = (uint8_t)((uint64_t)raw >> (56 - 8 * i));
	uint32_t crc = (uint32_t)crc32(0L, z, (uInt)n);
	z[n++] = (uint8_t)(crc >> 24);
	z[n++] = (uint8_t)(crc >> 16);
	z[n++] = (uint8_t)(crc >> 8);
	z[n++] = (uint8_t)crc;
	free(w->b);
	w->b = z;
	w->n = w->cap = n;
}

bool partial_w_save(struct partial_w *w, const char *path, char *err, size_t errlen)
{
	finish(w);
	if (w->oom) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	FILE *f = fopen(path, "wb");
	if (!f) {
		snprintf(err, errlen, "%s", strerror(errno));
		return false;
	}
	bool ok = fwrite(w->b, 1, w->n, f) == w->n;
	int e = ok ? 0 : errno;
	if (fclose(f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (!ok)
		snprintf(err, errlen, "%s", e ? strerror(e) : "write failed");
	return ok;
}

bool partial_w_take(struct partial_w *w, uint8_t **buf, size_t *len)
{
	finish(w);
	if (w->oom)
		return false;
	*buf = w->b;
	*len = w->n;
	w->b = NULL;
	w->n = w->cap = 0;
	return true;
}

/* ---- reading ------------------------------------------------------------ */

bool partial_is(const char *path)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	FILE *f = fopen(path, "rb");
	char m[8];
	bool is = f && fread(m, 1, 8, f) == 8 && memcmp(m, PARTIAL_MAGIC, 8) == 0;
	if (f)
		fclose(f);
	return is;
}

/* A reading position that fails (sets bad) rather than run past the end. */
struct rd {
	const uint8_t *b;
	size_t pos, end;
	bool bad;
};

static uint8_t get8(struct rd *d)
{
	if (d->pos >= d->end) {
		d->bad = true;
		return 0;
	}
	return d->b[d->pos++];
}

static uint64_t getv(struct rd *d)
{
	uint64_t v = 0;
	for (unsigned s = 0; s < 64; s += 7) {
		uint8_t c = get8(d);
		v |= (uint64_t)(c & 0x7f) << s;
		if (!(c & 0x80))
			return v;
	}
	d->bad = true;
	return 0;
}

static uint32_t getv32(struct rd *d)
{
	uint64_t v = getv(d);
	if (v > UINT32_MAX)
		d->bad = true;
	return (uint32_t)v;
}

static int64_t getz(struct rd *d)
{
	uint64_t v = getv(d);
	return v & 1 ? -(int64_t)(v >> 1) - 1 : (int64_t)(v >> 1);
}

static const uint8_t *getn(struct rd *d, size_t n)
{
	if (n > d->end - d->pos) {
		d->bad = true;
		return NULL;
	}
	const uint8_t *p = d->b + d->pos;
	d->pos += n;
	return p;
}

static char *gets_(struct rd *d)
{
	uint64_t len = getv(d);
	const uint8_t *p = getn(d, len > SIZE_MAX - 1 ? SIZE_MAX : (size_t)len);
	if (!p)
		return NULL;
	if (memchr(p, 0, (size_t)len)) {
		d->bad = true;
		return NULL;
	}
	char *s = malloc((size_t)len + 1);
	if (!s) {
		d->bad = true;
		return NULL;
	}
	memcpy(s, p, (size_t)len);
	s[len] = '\0';
	return s;
}

static void get_addr(struct rd *d, struct addr *a, bool v6)
{
	memset(a, 0, sizeof *a);
	a->afi = v6 ? AFI_IPV6 : AFI_IPV4;
	const uint8_t *p = getn(d, v6 ? 16 : 4);
	if (p)
		memcpy(a->b, p, v6 ? 16 : 4);
}

static uint32_t ts_at(struct rd *d, uint64_t key, int64_t delta)
{
	/* |delta| above 2^32 is out of range anyway: checked before the sum,
	 * which could overflow */
	if (delta < -(int64_t)UINT32_MAX || delta > (int64_t)UINT32_MAX) {
		d->bad = true;
		return 0;
	}
	int64_t t = (int64_t)(key >> 1) + delta;
	if (t < 0 || t > UINT32_MAX)
		d->bad = true;
	return (uint32_t)t;
}

/* A prefix of family afi, length len, as its ceil(len / 8) bytes: false
 * when len does not fit the family. */
static bool get_prefix(struct rd *d, uint8_t afi, uint8_t len, struct prefix *p)
{
	memset(p, 0, sizeof *p);
	p->addr.afi = afi;
	p->len = len;
	if (len > afi_bits(afi))
		return false;
	const uint8_t *b = getn(d, (len + 7u) / 8);
	if (b)
		memcpy(p->addr.b, b, (len + 7u) / 8);
	addr_mask(&p->addr, len);
	return true;
}

static bool parse_elem(struct rd *d, struct partial_r *r, struct elem *e)
{
	memset(e, 0, sizeof *e);
	uint8_t type = get8(d), f = get8(d);
	if (type > ELEM_STATE)
		return false;
	e->type = (enum elem_type)type;
	e->ts = ts_at(d, r->key, getz(d));
	get_addr(d, &e->peer_ip, f & F_PEER6);
	e->peer_as = getv32(d);
	e->safi = (f & F_MCAST) ? SAFI_MULTICAST : SAFI_UNICAST;
	if (e->type == ELEM_STATE) {
		uint32_t o = getv32(d), n = getv32(d);
		if (o > UINT16_MAX || n > UINT16_MAX)
			return false;
		e->old_state = (uint16_t)o;
		e->new_state = (uint16_t)n;
		return !d->bad;
	}
	uint8_t plen = get8(d);
	if (!get_prefix(d, (f & F_PFX6) ? AFI_IPV6 : AFI_IPV4, plen, &e->prefix))
		return false;
	if (f & F_PID) {
		e->has_path_id = true;
		e->path_id = getv32(d);
	}
	if (f & F_ATTRS) {
		uint64_t len = getv(d);
		const uint8_t *ap = getn(d, len > SIZE_MAX ? SIZE_MAX : (size_t)len);
		memset(r->attrs, 0, sizeof *r->attrs);
		r->attrs->as_path.p = ap;
		r->attrs->as_path.left = ap ? (size_t)len : 0;
		e->attrs = r->attrs;
	}
	return !d->bad;
}

static void path_segment(struct partial_r *r, uint8_t type, const uint32_t *asns, size_t n)
{
	r->opath[0] = type;
	r->opath[1] = (uint8_t)n;
	for (size_t i = 0; i < n; i++) {
		uint8_t *a = r->opath + 2 + 4 * i;
		a[0] = (uint8_t)(asns[i] >> 24);
		a[1] = (uint8_t)(asns[i] >> 16);
		a[2] = (uint8_t)(asns[i] >> 8);
		a[3] = (uint8_t)asns[i];
	}
	r->opathlen = 2 + 4 * n;
}

/* A compact route's prefix (put_prefix; before version 3 its bytes). */
static bool route_prefix(struct rd *d, const struct partial_r *r, bool rib, struct prefix *p)
{
	uint8_t b = get8(d);
	if (b > 33 + 128)
		return false;
	uint8_t afi = b > 32 ? AFI_IPV6 : AFI_IPV4, len = (uint8_t)(b > 32 ? b - 33 : b);
	if (r->version < 3 || !rib || len > 64)
		return get_prefix(d, afi, len, p);
	uint64_t m = bits_mask(len), ref = r->have_pfx && r->prev_pfx.addr.afi == afi
	                                   ? pfx_bits(&r->prev_pfx.addr, len) : 0;
	uint64_t x = (ref + ((uint64_t)getz(d) & m)) & m;
	memset(p, 0, sizeof *p);
	p->addr.afi = afi;
	p->len = len;
	if (len > afi_bits(afi))
		return false;
	for (int i = 0; len && i < 8; i++)
		p->addr.b[i] = (uint8_t)((x << (64 - len)) >> (56 - 8 * i));
	return true;
}

/* A compact route (tag T_ROUTE | flags): see put_route. */
static bool parse_route(struct rd *d, struct partial_r *r, uint8_t tag, struct elem *e)
{
	memset(e, 0, sizeof *e);
	uint8_t type = tag & R_TYPE, x = (tag & R_MORE) ? get8(d) : 0;
	bool v3 = r->version >= 3;
	if (type > ELEM_WITHDRAW || (x & ~(X_TS | X_PID | X_MCAST | X_NO_ATTRS)) ||
	    ((tag & R_SAME_VP) && (!v3 || (tag & R_NEXT_VP) || r->prev_vp == UINT32_MAX)))
		return false;
	bool wd = type == ELEM_WITHDRAW, attrs = !wd && !(x & X_NO_ATTRS);
	if ((tag & R_SAME_ORIGIN) && (!attrs || !r->have_origin))
		return false;
	if ((tag & R_SAME_PFX) && !r->have_pfx)
		return false;
	e->type = (enum elem_type)type;
	e->ts = ts_at(d, r->key, (x & X_TS) ? getz(d) : 0);
	uint64_t vp = (tag & R_NEXT_VP) ? (uint64_t)(uint32_t)(r->prev_vp + 1)
	            : (tag & R_SAME_VP) ? r->prev_vp : getv(d);
	if (vp >= r->nvps)
		return false;
	e->peer_ip = r->vps[vp].ip;
	e->peer_as = r->vps[vp].asn;
	e->safi = (x & X_MCAST) ? SAFI_MULTICAST : SAFI_UNICAST;
	if (tag & R_SAME_PFX) {
		e->prefix = r->prev_pfx;
	} else {
		if (!route_prefix(d, r, type == ELEM_RIB, &e->prefix))
			return false;
	}
	if (x & X_PID) {
		e->has_path_id = true;
		e->path_id = getv32(d);
	}
	/* the origin: version 3 reads a RIB entry's in the origins' section */
	struct rd od = { r->buf, r->opos, r->oend, false };
	struct rd *o = v3 && type == ELEM_RIB ? &od : d;
	if (attrs && !(tag & R_SAME_ORIGIN)) {
		uint64_t org = getv(o);
		uint32_t asns[255];
		size_t n = 0;
		if (org == O_SET) {
			uint64_t cnt = getv(o);
			if (cnt == 0 || cnt > 255)
				return false;
			for (n = 0; n < cnt; n++)
				asns[n] = getv32(o);
			path_segment(r, AS_SET, asns, n);
		} else if (org == O_EMPTY) {
			r->opathlen = 0;
		} else {
			if (org - O_AS > UINT32_MAX)
				return false;
			asns[0] = (uint32_t)(org - O_AS);
			path_segment(r, AS_SEQUENCE, asns, 1);
		}
		r->have_origin = org != O_SET;
		if (od.bad)
			return false;
		r->opos = od.pos;
	}
	if (attrs) {
		memset(r->attrs, 0, sizeof *r->attrs);
		r->attrs->as_path.p = r->opath;
		r->attrs->as_path.left = r->opathlen;
		e->attrs = r->attrs;
	}
	r->prev_vp = (uint32_t)vp;
	r->prev_pfx = e->prefix;
	r->have_pfx = true;
	return !d->bad;
}

/* A vantage point of compact routes (T_VP). */
static bool parse_vp(struct rd *d, struct partial_r *r)
{
	uint8_t f = get8(d);
	if (f & ~F_PEER6)
		return false;
	struct partial_vp *v = vp_push(&r->vps, r->nvps, &r->capvps);
	if (!v)
		return false;
	get_addr(d, &v->ip, f & F_PEER6);
	v->asn = getv32(d);
	if (d->bad)
		return false;
	r->nvps++;
	return true;
}

static struct rd rd_of(const struct partial_r *r)
{
	return (struct rd){ r->buf, r->pos, r->end, false };
}

/* The stretches of an input end (version 2), checked and, while the file
 * is checked at opening, kept in r->spans with the rest of the end. */
static bool read_stretches(struct rd *d, struct partial_r *r, struct partial_ev *ev)
{
	if (d->bad || r->src >= r->nsrc)
		return false;
	struct partial_span *sp = &r->spans[r->src];
	uint64_t n = r->version >= 2 ? getv(d) : 0;
	if (d->bad || n > (d->end - d->pos) / 2 || (n && (!ev->has || ev->first >= ev->last)))
		return false;
	if (r->checking) {
		if (sp->ended || (n && !(sp->stretch = malloc((size_t)n * 2 * sizeof *sp->stretch))))
			return false;    /* an input ends once */
		*sp = (struct partial_span){ true, ev->rib, ev->has, ev->first, ev->last,
		                             sp->stretch, 0 };
	}
	uint64_t prev = ev->first;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t from = prev + getv(d), len = getv(d);
		/* between two records: after the first, ending at a record up to the last */
		if (d->bad || from <= prev || len == 0 || from > ev->last || len > ev->last - from)
			return false;
		prev = from + len;
		if (r->checking) {
			sp->stretch[2 * i] = (uint32_t)from;
			sp->stretch[2 * i + 1] = (uint32_t)prev;
			sp->nstretch++;
		}
	}
	ev->stretch = sp->stretch;
	ev->nstretch = sp->nstretch;
	return true;
}

int partial_r_event(struct partial_r *r, struct partial_ev *ev)
{
	struct rd d = rd_of(r);
	if (d.pos >= d.end)
		return -1;
	if (r->pend_mark) {
		r->pend_mark = false;
		ev->type = PEV_MARK;
		ev->ts = (uint32_t)(r->key >> 1);
		return 1;
	}
	uint8_t tag = d.b[d.pos];
	bool scan = r->kind == PARTIAL_SCAN;
	if (tag == T_GROUP || tag == T_END || (tag >= T_GROUP_SAME && tag <= T_GROUP_SAME_MARK))
		return 0;
	d.pos++;
	while (scan && tag == T_VP) {
		if (!parse_vp(&d, r) || d.pos >= d.end)
			return -1;
		tag = d.b[d.pos++];
	}
	if (scan && (tag & T_ROUTE)) {
		ev->type = PEV_ELEM;
		if (!parse_route(&d, r, tag, &ev->e))
			return -1;
		r->pos = d.pos;
		return 1;
	}
	ev->type = (enum partial_ev_type)tag;
	switch (tag) {
	case T_MARK:
		ev->ts = ts_at(&d, r->key, getz(&d));
		break;
	case T_ELEM:
		if (!parse_elem(&d, r, &ev->e))
			return -1;
		break;
	case T_COUNT: {
		uint8_t f = get8(&d);
		get_addr(&d, &ev->peer, f & F_PEER6);
		ev->afi = (f & F_PFX6) ? AFI_IPV6 : AFI_IPV4;
		ev->n = getv32(&d);
		break;
	}
	case T_SEND: {
		uint8_t f = get8(&d);
		ev->damaged = f & S_DAMAGED;
		ev->rib = f & S_RIB;
		ev->has = f & S_HAS;
		ev->first = getv32(&d);
		ev->last = getv32(&d);
		ev->damage = getv(&d);
		if (!read_stretches(&d, r, ev))
			return -1;
		break;
	}
	default:
		return -1;
	}
	if (d.bad)
		return -1;
	r->pos = d.pos;
	return 1;
}

int partial_r_group(struct partial_r *r)
{
	struct partial_ev ev;
	int k;
	while ((k = partial_r_event(r, &ev)) == 1)
		;
	if (k < 0)
		return -1;
	struct rd d = rd_of(r);
	uint8_t tag = get8(&d);
	if (tag == T_END)
		return 0;
	bool same = tag == T_GROUP_SAME || tag == T_GROUP_SAME_MARK;
	if (tag != T_GROUP && tag < T_GROUP_SAME)
		return -1;
	if (same && r->src >= r->nsrc)
		return -1;               /* no group before */
	uint64_t src = same ? r->src : getv(&d), dk = getv(&d);
	if (d.bad || tag > T_GROUP_SAME_MARK || src >= r->nsrc || dk > UINT64_MAX - r->key ||
	    ((r->key + dk) >> 1) > UINT32_MAX)
		return -1;
	r->src = (uint32_t)src;
	r->key += dk;
	r->pos = d.pos;
	r->pend_mark = tag == T_GROUP_MARK || tag == T_GROUP_SAME_MARK;
	return 1;
}

static int fail(struct partial_r *r, char *err, size_t errlen, const char *why)
{
	snprintf(err, errlen, "%s", why);
	partial_r_close(r);
	return -1;
}

static bool parse_header(struct partial_r *r, struct rd *d)
{
	r->targets_fp = getv(d);
	if (!(r->targets_text = gets_(d)))
		return false;
	uint64_t n = getv(d);
	if (d->bad || n > d->end - d->pos)
		return false;
	r->collectors = calloc(n ? (size_t)n : 1, sizeof *r->collectors);
	if (!r->collectors)
		return false;
	for (r->ncol = 0; r->ncol < n; r->ncol++)
		if (!(r->collectors[r->ncol] = gets_(d)))
			return false;
	n = getv(d);
	if (d->bad || n > d->end - d->pos || n > UINT32_MAX)
		return false;
	r->paths = calloc(n ? (size_t)n : 1, sizeof *r->paths);
	r->sizes = calloc(n ? (size_t)n : 1, sizeof *r->sizes);
	r->src_col = calloc(n ? (size_t)n : 1, sizeof *r->src_col);
	if (!r->paths || !r->sizes || !r->src_col)
		return false;
	while (r->nsrc < n) {
		size_t i = r->nsrc;
		if (!(r->paths[i] = gets_(d)))
			return false;
		r->nsrc++;               /* counted as soon as it is held: close frees it */
		r->sizes[i] = getv(d);
		r->src_col[i] = getv32(d);
		if (r->src_col[i] >= r->ncol)
			return false;
	}
	return !d->bad;
}

int partial_r_open_mem(struct partial_r *r, const char *name, uint8_t *buf, size_t len,
                       char *err, size_t errlen)
{
	memset(r, 0, sizeof *r);
	r->path = name;
	r->buf = buf;
	r->len = len;
	if (len < 8 || memcmp(buf, PARTIAL_MAGIC, 8) != 0)
		return fail(r, err, errlen, "not a partial file");
	if (len < 10 + 1 + 4)
		return fail(r, err, errlen, "partial file cut short");
	if (buf[8] < 1 || buf[8] > PARTIAL_VERSION ||
	    (buf[9] != PARTIAL_REACH && buf[9] != PARTIAL_SCAN)) {
		snprintf(err, errlen, "partial file of version %u (this mrtreach reads versions 1 to %u)",
		         buf[8], PARTIAL_VERSION);
		partial_r_close(r);
		return -1;
	}
	uint32_t want = (uint32_t)buf[len - 4] << 24 | (uint32_t)buf[len - 3] << 16 |
	                (uint32_t)buf[len - 2] << 8 | buf[len - 1];
	if (len < 18 + 4 || (uint32_t)crc32(0L, buf, (uInt)(len - 4)) != want)
		return fail(r, err, errlen, "partial file cut short or corrupt (checksum mismatch)");
	uint64_t raw = 0;
	for (int i = 0; i < 8; i++)
		raw = raw << 8 | buf[10 + i];
	/* deflate shrinks at most about 1032 to 1 */
	if (raw == 0 || raw / 1032 > len)
		return fail(r, err, errlen, "partial file corrupt (length)");
	uint8_t *body = malloc(10 + (size_t)raw);
	if (!body)
		return fail(r, err, errlen, "out of memory");
	uLongf got = (uLongf)raw;
	int zr = uncompress(body + 10, &got, buf + 18, (uLong)(len - 18 - 4));
	memcpy(body, buf, 10);
	r->kind = (enum partial_kind)buf[9];
	r->version = buf[8];
	free(buf);
	r->buf = body;
	r->len = 10 + (size_t)raw;
	if (zr != Z_OK || got != raw)
		return fail(r, err, errlen, "partial file corrupt (compressed body)");
	r->end = r->len;
	if (r->buf[r->end - 1] != T_END)
		return fail(r, err, errlen, "partial file corrupt (no end mark)");
	struct rd d = { r->buf, 10, r->end, false };
	if (r->version >= 3) {
		/* the origins' section, before the header */
		uint64_t olen = getv(&d);
		if (d.bad || olen > d.end - d.pos)
			return fail(r, err, errlen, "partial file corrupt (origins)");
		r->opos = r->ostart = d.pos;
		r->oend = d.pos += (size_t)olen;
	}
	if (!(r->attrs = calloc(1, sizeof *r->attrs)) || !parse_header(r, &d) ||
	    !(r->spans = calloc(r->nsrc ? r->nsrc : 1, sizeof *r->spans)))
		return fail(r, err, errlen, "partial file corrupt (header)");
	size_t start = d.pos;
	r->pos = start;
	r->src = UINT32_MAX;
	r->prev_vp = UINT32_MAX;
	/* Every event is checked once before any is used. */
	int g;
	r->checking = true;
	while ((g = partial_r_group(r)) == 1)
		;
	r->checking = false;
	if (g < 0 || r->pos + 1 != r->end || r->opos != r->oend)
		return fail(r, err, errlen, "partial file corrupt (events)");
	r->opos = r->ostart;
	r->pos = start;
	r->key = 0;
	r->src = UINT32_MAX;
	r->pend_mark = false;
	r->nvps = 0;                 /* the replay reads them again */
	r->prev_vp = UINT32_MAX;
	r->have_pfx = r->have_origin = false;
	return 0;
}

int partial_r_open(struct partial_r *r, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	memset(r, 0, sizeof *r);
	if (!f) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			size_t c = cap ? cap * 2 : 65536;
			uint8_t *b = realloc(buf, c);
			if (!b) {
				free(buf);
				fclose(f);
				snprintf(err, errlen, "out of memory");
				return -1;
			}
			buf = b;
			cap = c;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	bool rerr = ferror(f);
	fclose(f);
	if (rerr) {
		free(buf);
		snprintf(err, errlen, "read error");
		return -1;
	}
	return partial_r_open_mem(r, path, buf, n, err, errlen);
}

void partial_r_close(struct partial_r *r)
{
	free(r->buf);
	free(r->targets_text);
	for (size_t i = 0; i < r->ncol; i++)
		free(r->collectors[i]);
	free(r->collectors);
	for (size_t i = 0; i < r->nsrc; i++)
		free(r->paths[i]);
	free(r->paths);
	free(r->sizes);
	free(r->src_col);
	for (size_t i = 0; r->spans && i < r->nsrc; i++)
		free(r->spans[i].stretch);
	free(r->spans);
	free(r->attrs);
	free(r->vps);
	memset(r, 0, sizeof *r);
}

/* ---- merging ------------------------------------------------------------ */

static bool group_before(size_t a, size_t b, void *arg)
{
	const struct partial_merge *pm = arg;
	const struct partial_r *x = pm->r[a], *y = pm->r[b];
	if (x->key != y->key)
		return x->key < y->key;
	return (uint64_t)pm->base[a] + x->src < (uint64_t)pm->base[b] + y->src;
}

int partial_merge_init(struct partial_merge *pm, struct partial_r **r, const uint32_t *base,
                       size_t n)
{
	memset(pm, 0, sizeof *pm);
	size_t *room = malloc((n ? n : 1) * sizeof *room);
	if (!room)
		return -1;
	pm->r = r;
	pm->base = base;
	heap_init(&pm->heap, room, group_before, pm);
	for (size_t i = 0; i < n; i++)
		if (partial_r_group(r[i]) == 1)
			heap_push(&pm->heap, i);
	return 0;
}

long partial_merge_next(struct partial_merge *pm)
{
	if (pm->started && pm->heap.n > 0) {
		if (partial_r_group(pm->r[heap_top(&pm->heap)]) == 1)
			heap_top_changed(&pm->heap);   /* keys never decrease */
		else
			heap_pop(&pm->heap);
	}
	pm->started = true;
	return pm->heap.n > 0 ? (long)heap_top(&pm->heap) : -1;
}

void partial_merge_free(struct partial_merge *pm)
{
	free(pm->heap.v);
	memset(pm, 0, sizeof *pm);
}
