/*
 * route_origin.c — origin classes and per-prefix origin tables (semantics
 * in route_origin.h).
 * Never: allocates per route: a prefix's table is made when it first sees a
 * second origin, and grows geometrically.
 */
#include "state/route_origin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/bgp.h"
#include "state/hash.h"
#include "decode/vec.h"

#define RO_BLOCK 0x80000000u
/* Local origin indices are one byte, 0 meaning "none recorded". */
#define RO_LOCAL_MAX 255

struct ro_block {
	uint32_t *orig;                 /* local index - 1 -> class */
	uint32_t norig, caporig;
	uint8_t *idx;                   /* per vantage point: local index, 0 none */
	size_t capvp;
};

void ro_init(struct route_origins *ro)
{
	memset(ro, 0, sizeof *ro);
}

void ro_free(struct route_origins *ro)
{
	for (size_t i = 0; i < ro->nblocks; i++) {
		free(ro->blocks[i].idx);
		free(ro->blocks[i].orig);
	}
	free(ro->blocks);
	free(ro->cls);
	free(ro->cls_slots);
	free(ro->setasns);
	free(ro->head);
	memset(ro, 0, sizeof *ro);
}

/* ---- classes ------------------------------------------------------------ */

static uint64_t class_hash(const struct route_origins *ro, const struct ro_class *c)
{
	uint64_t h = hash_mix64(((uint64_t)c->kind << 32) ^ c->asn);
	if (c->kind == RO_SET)
		for (uint32_t i = 0; i < c->set_n; i++)
			h = hash_mix64(h ^ ro->setasns[c->set_at + i]);
	return h;
}

static bool same_class(const struct route_origins *ro, const struct ro_class *a,
                       const struct ro_class *b)
{
	if (a->kind != b->kind || a->asn != b->asn)
		return false;
	if (a->kind != RO_SET)
		return true;
	return a->set_n == b->set_n &&
	       memcmp(ro->setasns + a->set_at, ro->setasns + b->set_at, a->set_n * sizeof(uint32_t)) == 0;
}

static size_t cls_slot(const struct route_origins *ro, const struct ro_class *c)
{
	size_t mask = ro->cls_nslots - 1, i = (size_t)class_hash(ro, c) & mask;
	while (ro->cls_slots[i] && !same_class(ro, &ro->cls[ro->cls_slots[i] - 1], c))
		i = (i + 1) & mask;
	return i;
}

static bool cls_rehash(struct route_origins *ro)
{
	size_t n = ro->cls_nslots ? ro->cls_nslots * 2 : 64;
	uint32_t *s = calloc(n, sizeof *s);
	if (!s)
		return false;
	free(ro->cls_slots);
	ro->cls_slots = s;
	ro->cls_nslots = n;
	for (size_t i = 0; i < ro->ncls; i++)
		ro->cls_slots[cls_slot(ro, &ro->cls[i])] = (uint32_t)i + 1;
	return true;
}

/* The index of class c (a set's members at the end of setasns), adding it
 * when new; a set found already drops the members just appended. */
static uint32_t intern(struct route_origins *ro, const struct ro_class *c)
{
	if ((ro->ncls + 1) * 2 > ro->cls_nslots && !cls_rehash(ro))
		goto oom;
	size_t slot = cls_slot(ro, c);
	if (ro->cls_slots[slot]) {
		if (c->kind == RO_SET)
			ro->nset = c->set_at;
		return ro->cls_slots[slot] - 1;
	}
	if (ro->ncls == ro->capcls) {
		struct ro_class *n = vec_grow(ro->cls, &ro->capcls, ro->ncls + 1, sizeof *n, 64);
		if (!n)
			goto oom;
		ro->cls = n;
	}
	ro->cls[ro->ncls] = *c;
	ro->cls_slots[slot] = (uint32_t)ro->ncls + 1;
	return (uint32_t)ro->ncls++;
oom:
	ro->oom = true;
	return RO_NONE;
}

uint32_t ro_class_of_asn(struct route_origins *ro, uint32_t asn)
{
	struct ro_class c = { .kind = RO_AS, .asn = asn };
	return intern(ro, &c);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

uint32_t ro_class_of_path(struct route_origins *ro, struct cursor as_path)
{
	struct as_segment seg, last = { 0, 0, NULL };
	int r;
	while ((r = as_path_next(&as_path, &seg)) == 1)
		if (seg.count > 0 && (seg.type == AS_SEQUENCE || seg.type == AS_SET))
			last = seg;
	struct ro_class c = { .kind = RO_EMPTY };
	if (r < 0 || last.count == 0)
		return intern(ro, &c);
	if (last.type == AS_SEQUENCE) {
		const uint8_t *a = last.asns + 4 * ((size_t)last.count - 1);
		return ro_class_of_asn(ro, (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 |
		                               (uint32_t)a[2] << 8 | a[3]);
	}
	/* An AS_SET: its members, sorted and distinct, appended for interning. */
	if (ro->nset + last.count > ro->capset) {
		uint32_t *s = vec_grow(ro->setasns, &ro->capset, ro->nset + last.count, sizeof *s, 256);
		if (!s) {
			ro->oom = true;
			return RO_NONE;
		}
		ro->setasns = s;
	}
	uint32_t *m = ro->setasns + ro->nset;
	for (size_t i = 0; i < last.count; i++) {
		const uint8_t *a = last.asns + 4 * i;
		m[i] = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
	}
	qsort(m, last.count, sizeof *m, cmp_u32);
	size_t n = 1;
	for (size_t i = 1; i < last.count; i++)
		if (m[i] != m[n - 1])
			m[n++] = m[i];
	c.kind = RO_SET;
	c.set_at = (uint32_t)ro->nset;
	c.set_n = (uint32_t)n;
	ro->nset += n;
	return intern(ro, &c);
}

size_t ro_format(const struct route_origins *ro, uint32_t c, char *dst, size_t len)
{
	if (len == 0)
		return 0;
	if (c == RO_NONE || c >= ro->ncls)
		return (size_t)snprintf(dst, len, "?");
	const struct ro_class *k = &ro->cls[c];
	if (k->kind == RO_AS)
		return (size_t)snprintf(dst, len, "%u", k->asn);
	if (k->kind == RO_EMPTY)
		return (size_t)snprintf(dst, len, "none");
	size_t o = 0;
	dst[o++] = '{';
	for (uint32_t i = 0; i < k->set_n; i++) {
		char one[16];
		int n = snprintf(one, sizeof one, "%s%u", i ? "," : "", ro->setasns[k->set_at + i]);
		if (o + (size_t)n + 5 >= len) {
			memcpy(dst + o, ",...", 4);   /* a long set, cut where it fits */
			o += 4;
			break;
		}
		memcpy(dst + o, one, (size_t)n);
		o += (size_t)n;
	}
	dst[o++] = '}';
	dst[o] = '\0';
	return o;
}

/* ---- per prefix --------------------------------------------------------- */

static bool fit_head(struct route_origins *ro, uint32_t p)
{
	if (p < ro->nhead)
		return true;
	size_t n = ro->nhead ? ro->nhead : 64;
	while (n <= p)
		n *= 2;
	uint32_t *h = realloc(ro->head, n * sizeof *h);
	if (!h)
		return false;
	memset(h + ro->nhead, 0, (n - ro->nhead) * sizeof *h);
	ro->head = h;
	ro->nhead = n;
	return true;
}

static bool fit_block(struct ro_block *b, uint32_t vp, size_t words)
{
	if (vp < b->capvp)
		return true;
	size_t n = words * 64 > vp ? words * 64 : (size_t)vp + 1;
	uint8_t *x = realloc(b->idx, n);
	if (!x)
		return false;
	memset(x + b->capvp, 0, n - b->capvp);
	b->idx = x;
	b->capvp = n;
	return true;
}

static bool has(const uint64_t *row, size_t words, uint32_t vp)
{
	return vp / 64 < words && ((row[vp / 64] >> (vp % 64)) & 1);
}

/* p's one origin old turns into a table: every vantage point holding a
 * route to p (but vp) keeps old. Returns the block or NULL. */
static struct ro_block *make_block(struct route_origins *ro, uint32_t p, uint32_t old,
                                   const uint64_t *row, size_t words)
{
	if (ro->nblocks == ro->capblocks) {
		struct ro_block *n = vec_grow(ro->blocks, &ro->capblocks, ro->nblocks + 1, sizeof *n, 16);
		if (!n)
			return NULL;
		ro->blocks = n;
	}
	struct ro_block *b = &ro->blocks[ro->nblocks];
	memset(b, 0, sizeof *b);
	b->orig = malloc(4 * sizeof *b->orig);
	if (!b->orig || !fit_block(b, 0, words)) {
		free(b->orig);
		free(b->idx);
		return NULL;
	}
	b->caporig = 4;
	b->orig[0] = old;
	b->norig = 1;
	for (size_t k = 0; k < words; k++)
		for (uint64_t w = row[k]; w; w &= w - 1)
			b->idx[k * 64 + (size_t)__builtin_ctzll(w)] = 1;
	ro->head[p] = RO_BLOCK | (uint32_t)ro->nblocks++;
	return b;
}

/* The local index of class c in b, adding it (reusing an index no vantage
 * point holding a route refers to when all are taken); 0 when full. */
static uint8_t local_of(struct ro_block *b, uint32_t c, uint32_t vp, const uint64_t *row,
                        size_t words)
{
	for (uint32_t i = 0; i < b->norig; i++)
		if (b->orig[i] == c)
			return (uint8_t)(i + 1);
	if (b->norig < RO_LOCAL_MAX) {
		if (b->norig == b->caporig) {
			uint32_t cap = b->caporig * 2 < RO_LOCAL_MAX ? b->caporig * 2 : RO_LOCAL_MAX;
			uint32_t *o = realloc(b->orig, cap * sizeof *o);
			if (!o)
				return 0;
			b->orig = o;
			b->caporig = cap;
		}
		b->orig[b->norig++] = c;
		return (uint8_t)b->norig;
	}
	bool used[RO_LOCAL_MAX + 1] = { false };
	for (size_t k = 0; k < words; k++)
		for (uint64_t w = row[k]; w; w &= w - 1) {
			size_t v = k * 64 + (size_t)__builtin_ctzll(w);
			if (v != vp && v < b->capvp)
				used[b->idx[v]] = true;
		}
	for (uint32_t i = 1; i <= RO_LOCAL_MAX; i++)
		if (!used[i]) {
			b->orig[i - 1] = c;
			return (uint8_t)i;
		}
	return 0;
}

bool ro_set(struct route_origins *ro, uint32_t p, uint32_t vp, uint32_t c,
            const uint64_t *row, size_t words)
{
	if (c == RO_NONE)
		return false;
	if (!fit_head(ro, p)) {
		ro->oom = true;
		return false;
	}
	bool had = has(row, words, vp);
	uint32_t h = ro->head[p];
	if (h == 0) {
		ro->head[p] = c + 1;
		return false;
	}
	struct ro_block *b;
	uint32_t old;
	if (!(h & RO_BLOCK)) {
		old = h - 1;
		if (old == c)
			return false;
		bool others = false;
		for (size_t k = 0; k < words && !others; k++)
			others = (row[k] & ~(k == vp / 64 ? (uint64_t)1 << (vp % 64) : 0)) != 0;
		if (!others) {                  /* nobody else holds the old origin */
			ro->head[p] = c + 1;
			return had;
		}
		if (!(b = make_block(ro, p, old, row, words))) {
			ro->oom = true;
			return false;
		}
	} else {
		b = &ro->blocks[h & ~RO_BLOCK];
		if (!fit_block(b, vp, words)) {
			ro->oom = true;
			return false;
		}
		old = b->idx[vp] ? b->orig[b->idx[vp] - 1] : RO_NONE;
	}
	uint8_t l = local_of(b, c, vp, row, words);
	if (l == 0) {
		ro->overflow = true;            /* 255 origins held at once: keep the old */
		return false;
	}
	b->idx[vp] = l;
	return had && old != c;
}

uint32_t ro_get(const struct route_origins *ro, uint32_t p, uint32_t vp)
{
	if (p >= ro->nhead || ro->head[p] == 0)
		return RO_NONE;
	uint32_t h = ro->head[p];
	if (!(h & RO_BLOCK))
		return h - 1;
	const struct ro_block *b = &ro->blocks[h & ~RO_BLOCK];
	if (vp >= b->capvp || b->idx[vp] == 0)
		return RO_NONE;
	return b->orig[b->idx[vp] - 1];
}

bool ro_single(const struct route_origins *ro, uint32_t p)
{
	return p >= ro->nhead || !(ro->head[p] & RO_BLOCK);
}
