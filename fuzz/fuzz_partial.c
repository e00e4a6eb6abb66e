/*
 * fuzz_partial.c — libFuzzer target: the partial file reader (io/partial.c)
 * on any byte string given as a partial.
 *
 * Input: 1 byte mode, then the payload.
 *   mode bit 0 clear: the payload is the whole file, as read from disk
 *     (magic, version, length, deflated body, CRC-32).
 *   mode bit 0 set: the payload is the file's first 10 bytes and its body
 *     inflated; the target deflates the body and frames it with its length
 *     and a right CRC-32, so mutations reach the body's parser rather than
 *     stop at the checksum. fuzz/partial_seeds.c turns partials written
 *     from the fixtures into such inputs (make fuzz-run).
 *
 * Invariants (abort on failure): a file is either read or refused with a
 * reason; once read, walking it as the replay does never fails (every
 * event was checked by the open), keys never decrease, inputs and
 * collectors are in range, each event moves forward, each element's AS path
 * can be walked; writing what was read with the writer and reading that
 * again gives the same events (reader and writer agree on the format);
 * two copies merged as two shards (partial_merge) give every group once,
 * keys never decreasing, and at one key each shard's groups in the order
 * it holds them.
 *
 * Not an invariant: that a partial's groups of one key come in input
 * order. mrtreach writes them so (the single run's merge order), but a
 * file made by hand, with a right checksum, may hold them otherwise; the
 * reader takes them as given and the combination follows the file (the
 * first finding in regress-partial/ that is no bug: order-at-equal-keys).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "decode/bgp.h"
#include "io/partial.h"

#include "fuzz_check.h"

/* The whole file for an inflated image: head, length, deflated body, CRC. */
static uint8_t *frame(const uint8_t *img, size_t n, size_t *len)
{
	uLongf clen = compressBound((uLong)(n - 10));
	uint8_t *f = malloc(18 + clen + 4);
	if (!f)
		return NULL;
	if (compress2(f + 18, &clen, img + 10, (uLong)(n - 10), 1) != Z_OK) {
		free(f);
		return NULL;
	}
	memcpy(f, img, 10);
	for (int i = 0; i < 8; i++)
		f[10 + i] = (uint8_t)((uint64_t)(n - 10) >> (56 - 8 * i));
	size_t k = 18 + clen;
	uint32_t crc = (uint32_t)crc32(0L, f, (uInt)k);
	for (int i = 0; i < 4; i++)
		f[k++] = (uint8_t)(crc >> (24 - 8 * i));
	*len = k;
	return f;
}

static bool same_addr(const struct addr *a, const struct addr *b)
{
	return a->afi == b->afi && memcmp(a->b, b->b, a->afi == AFI_IPV6 ? 16 : 4) == 0;
}

static bool same_ev(const struct partial_ev *a, const struct partial_ev *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case PEV_MARK:
		return a->ts == b->ts;
	case PEV_COUNT:
		return same_addr(&a->peer, &b->peer) && a->afi == b->afi && a->n == b->n;
	case PEV_SOURCE_END:
		return a->damaged == b->damaged && a->rib == b->rib && a->has == b->has &&
		       a->first == b->first && a->last == b->last && a->damage == b->damage &&
		       a->nstretch == b->nstretch &&
		       (!a->nstretch || memcmp(a->stretch, b->stretch,
		                               a->nstretch * 2 * sizeof *a->stretch) == 0);
	case PEV_ELEM: {
		const struct elem *x = &a->e, *y = &b->e;
		if (x->type != y->type || x->ts != y->ts || !same_addr(&x->peer_ip, &y->peer_ip) ||
		    x->peer_as != y->peer_as || x->safi != y->safi)
			return false;
		if (x->type == ELEM_STATE)
			return x->old_state == y->old_state && x->new_state == y->new_state;
		if (!prefix_equal(&x->prefix, &y->prefix) || x->has_path_id != y->has_path_id ||
		    (x->has_path_id && x->path_id != y->path_id) || !x->attrs != !y->attrs)
			return false;
		return !x->attrs || (x->attrs->as_path.left == y->attrs->as_path.left &&
		                     memcmp(x->attrs->as_path.p, y->attrs->as_path.p,
		                            x->attrs->as_path.left) == 0);
	}
	}
	return false;
}

/* Walks an element as visibility would read it. */
static void touch_elem(const struct partial_r *r, const struct elem *e)
{
	if (e->type == ELEM_STATE)
		return;
	CHECK(e->prefix.len <= afi_bits(e->prefix.addr.afi));
	if (!e->attrs)
		return;
	(void)as_path_origin(e->attrs->as_path);
	struct cursor c = e->attrs->as_path;
	struct as_segment seg;
	size_t steps = 0;
	while (as_path_next(&c, &seg) == 1)
		CHECK(++steps <= r->len);
}

/* Walks r as the replay does; with w, writes every group and event to it;
 * with o (read from what w wrote), compares event by event. */
static void walk(struct partial_r *r, struct partial_w *w, struct partial_r *o)
{
	uint64_t key = 0;
	int g;
	size_t groups = 0;
	while ((g = partial_r_group(r)) == 1) {
		CHECK(r->key >= key && r->src < r->nsrc && r->src_col[r->src] < r->ncol);
		CHECK(++groups <= r->len);
		key = r->key;
		if (w)
			partial_w_group(w, r->src, r->key);
		if (o) {
			CHECK(partial_r_group(o) == 1);
			CHECK(o->key == r->key && o->src == r->src);
		}
		struct partial_ev ev, oev;
		int k;
		size_t pos = r->pos;
		while ((k = partial_r_event(r, &ev)) == 1) {
			CHECK(r->pos > pos || ev.type == PEV_MARK);
			pos = r->pos;
			switch (ev.type) {
			case PEV_MARK:
				if (w)
					partial_w_mark(w, ev.ts);
				break;
			case PEV_ELEM:
				touch_elem(r, &ev.e);
				if (w)
					partial_w_elem(w, &ev.e);
				break;
			case PEV_COUNT:
				if (w)
					partial_w_count(w, &ev.peer, ev.afi, ev.n);
				break;
			case PEV_SOURCE_END:
				if (w)
					partial_w_source_end(w, ev.damaged, ev.rib, ev.has, ev.first, ev.last,
					                     ev.damage, ev.stretch, ev.nstretch);
				break;
			}
			if (o) {
				CHECK(partial_r_event(o, &oev) == 1);
				CHECK(same_ev(&ev, &oev));
			}
		}
		CHECK(k == 0);
		if (o)
			CHECK(partial_r_event(o, &oev) == 0);
	}
	CHECK(g == 0);
	if (o)
		CHECK(partial_r_group(o) == 0);
}

/* Writes what r holds (its header, then walk's events) and reads it back. */
static void round_trip(struct partial_r *r, struct partial_r *again)
{
	struct partial_w *w = partial_w_new();
	CHECK(w);
	partial_w_header(w, r->targets_fp, r->targets_text, (const char *const *)r->collectors,
	                 r->ncol, (const char *const *)r->paths, r->sizes, r->src_col, r->nsrc);
	walk(r, w, NULL);
	uint8_t *buf;
	size_t len;
	CHECK(partial_w_take(w, &buf, &len));
	partial_w_free(w);
	char err[256];
	int st = partial_r_open_mem(again, "(written again)", buf, len, err, sizeof err);
	if (st != 0)
		fprintf(stderr, "fuzz_partial: what was read does not read again: %s\n", err);
	CHECK(st == 0);
	CHECK(again->targets_fp == r->targets_fp && strcmp(again->targets_text, r->targets_text) == 0);
	CHECK(again->ncol == r->ncol && again->nsrc == r->nsrc);
	for (size_t i = 0; i < r->nsrc; i++)
		CHECK(strcmp(again->paths[i], r->paths[i]) == 0 && again->sizes[i] == r->sizes[i] &&
		      again->src_col[i] == r->src_col[i]);
}

/* r and again (the same events) merged as two shards, again's inputs
 * given first: every group once, keys never decreasing, and at one key
 * all of again's groups (lower global inputs) before r's. */
static void merge_two(struct partial_r *r, struct partial_r *again)
{
	struct partial_r *rs[2] = { again, r };
	uint32_t base[2] = { 0, (uint32_t)again->nsrc };
	struct partial_merge pm;
	if (partial_merge_init(&pm, rs, base, 2) != 0)
		return;
	uint64_t pk = 0;
	long pat = 0, at;
	size_t n = 0;
	while ((at = partial_merge_next(&pm)) >= 0) {
		uint64_t k = rs[at]->key;
		CHECK(n == 0 || pk < k || (pk == k && pat <= at));
		CHECK(++n <= 2 * (r->len + again->len));
		pk = k;
		pat = at;
	}
	partial_merge_free(&pm);
}

/* The file the input stands for (see the top), in a buffer of its own:
 * partial_r_open_mem takes it. NULL when the input is too short. */
static uint8_t *file_of(const uint8_t *data, size_t size, size_t *len)
{
	if (size < 1)
		return NULL;
	uint8_t mode = data[0];
	data++;
	size--;
	if (mode & 1)
		return size < 10 ? NULL : frame(data, size, len);
	uint8_t *buf = malloc(size ? size : 1);
	if (buf)
		memcpy(buf, data, size);
	*len = size;
	return buf;
}

/* Opens the file the input stands for; it opened once, so it must again. */
static void reopen(struct partial_r *r, const uint8_t *data, size_t size)
{
	size_t len;
	char err[256];
	uint8_t *buf = file_of(data, size, &len);
	CHECK(buf && partial_r_open_mem(r, "fuzz.part", buf, len, err, sizeof err) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	uint8_t *buf = file_of(data, size, &len);
	if (!buf)
		return 0;
	struct partial_r r, again;
	char err[256] = "";
	if (partial_r_open_mem(&r, "fuzz.part", buf, len, err, sizeof err) != 0) {
		CHECK(err[0] != '\0');   /* refused, with a reason (the caller names the file) */
		CHECK(r.buf == NULL && r.paths == NULL && r.collectors == NULL);
		return 0;
	}
	round_trip(&r, &again);
	/* The file read once more from its start, next to what was written. */
	partial_r_close(&r);
	reopen(&r, data, size);
	walk(&r, NULL, &again);
	partial_r_close(&r);
	partial_r_close(&again);
	/* Twice more, merged as two shards. */
	reopen(&r, data, size);
	reopen(&again, data, size);
	merge_two(&r, &again);
	partial_r_close(&r);
	partial_r_close(&again);
	return 0;
}
