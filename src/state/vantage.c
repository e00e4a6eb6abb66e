/*
 * vantage.c — the vantage point registry and RIB-dump sessions (see
 * vantage.h for the rules).
 * Never: allocates per element: tables grow when a vantage point,
 * collector or input is first seen.
 */
#include "state/vantage.h"

#include <stdlib.h>
#include <string.h>

#include "state/hash.h"
#include "decode/vec.h"

void vantage_init(struct vantage *vt)
{
	memset(vt, 0, sizeof *vt);
	vt->last = VANTAGE_NONE;
}

void vantage_free(struct vantage *vt)
{
	free(vt->vps);
	free(vt->slots);
	free(vt->cols);
	free(vt->src_dump);
	memset(vt, 0, sizeof *vt);
	vt->last = VANTAGE_NONE;
}

static int fam(uint8_t afi)
{
	return afi == AFI_IPV6;
}

static uint64_t vp_hash(uint32_t collector, const struct addr *a)
{
	uint64_t w0 = 0, w1 = 0;
	memcpy(&w0, a->b, 8);
	memcpy(&w1, a->b + 8, 8);
	return hash_mix64(hash_mix64(w0 ^ ((uint64_t)a->afi << 56) ^ collector) ^
	                  (w1 * 0x9E3779B97F4A7C15ULL));
}

static bool same(const struct vantage_vp *v, uint32_t collector, const struct addr *a)
{
	return v->collector == collector && addr_equal(&v->ip, a);
}

/* The slot of (collector, a): its vantage point's, or the empty one to fill. */
static size_t slot(const struct vantage *vt, uint32_t collector, const struct addr *a)
{
	size_t mask = vt->nslots - 1, k = (size_t)vp_hash(collector, a) & mask;
	while (vt->slots[k] && !same(&vt->vps[vt->slots[k] - 1], collector, a))
		k = (k + 1) & mask;
	return k;
}

/* Doubles the slot table (load stays under one half). */
static bool rehash(struct vantage *vt)
{
	size_t n = vt->nslots ? vt->nslots * 2 : 64;
	uint32_t *s = calloc(n, sizeof *s);
	if (!s)
		return false;
	free(vt->slots);
	vt->slots = s;
	vt->nslots = n;
	for (size_t i = 0; i < vt->n; i++)
		vt->slots[slot(vt, vt->vps[i].collector, &vt->vps[i].ip)] = (uint32_t)i + 1;
	return true;
}

static bool grow_cols(struct vantage *vt, uint32_t collector)
{
	if (collector < vt->ncols)
		return true;
	size_t n = (size_t)collector + 1;
	struct vantage_collector *c = realloc(vt->cols, n * sizeof *c);
	if (!c)
		return false;
	memset(c + vt->ncols, 0, (n - vt->ncols) * sizeof *c);
	vt->cols = c;
	vt->ncols = n;
	return true;
}

static uint32_t add(struct vantage *vt, uint32_t collector, const struct addr *ip, uint32_t ts)
{
	if (vt->n >= UINT32_MAX - 1 || !grow_cols(vt, collector))
		return VANTAGE_NONE;
	if (vt->n == vt->cap) {
		struct vantage_vp *v = vec_grow(vt->vps, &vt->cap, vt->n + 1, sizeof *v, 32);
		if (!v)
			return VANTAGE_NONE;
		vt->vps = v;
	}
	if ((vt->n + 1) * 2 > vt->nslots && !rehash(vt))
		return VANTAGE_NONE;
	struct vantage_vp *v = &vt->vps[vt->n];
	memset(v, 0, sizeof *v);
	v->ip = *ip;
	v->collector = collector;
	v->first_ts = v->last_ts = ts;
	vt->slots[slot(vt, collector, ip)] = (uint32_t)vt->n + 1;
	return (uint32_t)vt->n++;
}

uint32_t vantage_get(struct vantage *vt, uint32_t collector, const struct addr *ip, uint32_t asn,
                     uint32_t ts)
{
	uint32_t i = vt->last;
	/* The elements of one message, and of a run of messages, share a peer. */
	if (i == VANTAGE_NONE || !same(&vt->vps[i], collector, ip)) {
		i = vt->nslots ? vt->slots[slot(vt, collector, ip)] : 0;
		i = i ? i - 1 : add(vt, collector, ip, ts);
		if (i == VANTAGE_NONE) {
			vt->oom = true;
			return VANTAGE_NONE;
		}
		vt->last = i;
	}
	vantage_seen(vt, i, asn, ts);
	return i;
}

/* Input src is an open file of collector col's current dump (grows the
 * table once per input, never per record). */
static bool mark_source(struct vantage *vt, uint32_t src, uint32_t col)
{
	if (src >= vt->nsrc) {
		size_t n = (size_t)src + 1 > vt->nsrc * 2 ? (size_t)src + 1 : vt->nsrc * 2;
		uint32_t *t = realloc(vt->src_dump, n * sizeof *t);
		if (!t)
			return false;
		memset(t + vt->nsrc, 0, (n - vt->nsrc) * sizeof *t);
		vt->src_dump = t;
		vt->nsrc = n;
	}
	vt->src_dump[src] = col + 1;
	return true;
}

void vantage_dump_entries(struct vantage *vt, uint32_t vp, uint8_t afi, uint32_t src, uint32_t ts,
                          uint32_t count)
{
	struct vantage_vp *v = &vt->vps[vp];
	uint32_t col = v->collector;
	struct vantage_collector *c = &vt->cols[col];
	bool member = src < vt->nsrc && vt->src_dump[src] == col + 1;
	if (!member) {
		bool join = c->open_files > 0 || (c->started && c->dump_ts == ts);
		if (!join) {
			c->started = true;
			c->damaged = false;
			c->dump_ts = ts;
			for (size_t i = 0; i < vt->n; i++)
				if (vt->vps[i].collector == col)
					vt->vps[i].dump_count[0] = vt->vps[i].dump_count[1] = 0;
		}
		if (!mark_source(vt, src, col)) {
			vt->oom = true;
			return;
		}
		c->open_files++;
		c->pending = false;
	}
	uint32_t *n = &v->dump_count[fam(afi)];
	*n = count > UINT32_MAX - *n ? UINT32_MAX : *n + count;
}

uint32_t vantage_source_end(struct vantage *vt, uint32_t src, bool damaged)
{
	if (src >= vt->nsrc || vt->src_dump[src] == 0)
		return VANTAGE_NONE;
	uint32_t col = vt->src_dump[src] - 1;
	struct vantage_collector *c = &vt->cols[col];
	vt->src_dump[src] = 0;
	if (damaged)
		c->damaged = true;
	if (c->open_files > 0 && --c->open_files > 0)
		return VANTAGE_NONE;
	c->pending = true;
	return col;
}

void vantage_take(struct vantage *vt, uint32_t col)
{
	struct vantage_collector *c = &vt->cols[col];
	c->pending = false;
	if (c->damaged && c->had_dump)
		return;                   /* a half-read dump: keep the sizes known */
	for (size_t i = 0; i < vt->n; i++) {
		struct vantage_vp *v = &vt->vps[i];
		if (v->collector == col) {
			v->table_size[0] = v->dump_count[0];
			v->table_size[1] = v->dump_count[1];
		}
	}
	c->had_dump = true;
}

bool vantage_dump_open(const struct vantage *vt)
{
	for (size_t i = 0; i < vt->ncols; i++)
		if (vt->cols[i].open_files > 0)
			return true;
	return false;
}

bool vantage_dumpless(const struct vantage *vt, const bool *may_dump, size_t n)
{
	for (size_t c = 0; c < vt->ncols; c++) {
		const struct vantage_collector *col = &vt->cols[c];
		if (!col->had_dump && col->open_files == 0 && !col->pending && !(c < n && may_dump[c]))
			return true;
	}
	return false;
}

bool vantage_has_table(const struct vantage *vt, size_t i)
{
	uint32_t c = vt->vps[i].collector;
	return c < vt->ncols && vt->cols[c].had_dump;
}

void vantage_max_tables(const struct vantage *vt, uint32_t max[2])
{
	max[0] = max[1] = 0;
	for (size_t i = 0; i < vt->n; i++) {
		if (!vantage_has_table(vt, i))
			continue;
		for (int f = 0; f < 2; f++)
			if (vt->vps[i].table_size[f] > max[f])
				max[f] = vt->vps[i].table_size[f];
	}
}

enum vantage_feed vantage_feed(const struct vantage *vt, size_t i, int f, double fraction,
                               const uint32_t max[2])
{
	if (!vantage_has_table(vt, i))
		return VANTAGE_NO_TABLE;
	return vantage_is_full_feed(vt->vps[i].table_size[f], max[f], fraction) ? VANTAGE_FULL
	                                                                         : VANTAGE_PARTIAL;
}
