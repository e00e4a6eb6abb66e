/*
 * dump_testutil.h — shared by check_tabledump.c and check_bgp4mp.c:
 * frames crafted MRT bytes into records, runs the decoder over them and
 * collects each element as its bgpdump -m line (and a copy of the element);
 * checks that every cut of a record is damage. Never: reads files. Test
 * code: a full buffer aborts.
 */
#ifndef MRTREACH_DUMP_TESTUTIL_H
#define MRTREACH_DUMP_TESTUTIL_H

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/cursor.h"
#include "decode/decode.h"
#include "report/fmt.h"
#include "mrtwrite.h"

#define MAX_ELEMS 64

struct collected {
	char text[1 << 16];        /* every element's -m line, in order */
	size_t len;
	int count;
	struct elem elems[MAX_ELEMS];   /* copies; attrs pointers are not kept */
	int stop_after;            /* > 0: return 7 from the callback after that many */
};

static struct outbuf tu_out;  /* static: large */

static int tu_collect(const struct elem *e, void *arg)
{
	struct collected *c = arg;
	if (!tu_out.buf)
		out_init(&tu_out, -1);
	tu_out.len = 0;
	fmt_bgpdump(&tu_out, e);
	if (c->len + tu_out.len >= sizeof c->text)
		abort();
	memcpy(c->text + c->len, tu_out.buf, tu_out.len);
	c->len += tu_out.len;
	c->text[c->len] = '\0';
	if (c->count < MAX_ELEMS) {
		c->elems[c->count] = *e;
		c->elems[c->count].attrs = NULL;
	}
	c->count++;
	if (c->stop_after > 0 && c->count >= c->stop_after)
		return 7;
	return 0;
}

/* Decodes every record in p[0..n) as input number source. Returns the
 * status of the last record that was not 0 (so -1 if any was damaged),
 * with *why of the first damage. */
static int tu_decode(struct decoder *d, const uint8_t *p, size_t n, uint32_t source,
                     struct collected *c, const char **why)
{
	struct cursor cur = cur_make(p, n);
	int status = 0;
	const char *first = NULL;

	while (cur.left > 0) {
		struct mrt_record rec;
		uint32_t len;
		memset(&rec, 0, sizeof rec);
		rec.offset = (uint64_t)(cur.p - p);
		if (!cur_u32(&cur, &rec.ts) || !cur_u16(&cur, &rec.type) ||
		    !cur_u16(&cur, &rec.subtype) || !cur_u32(&cur, &len) || cur.left < len)
			abort();
		rec.body = cur.p;
		rec.len = len;
		cur_skip(&cur, len);
		if (rec.type == MRT_BGP4MP_ET) {
			if (len < 4)
				abort();
			rec.usec = rd_u32(rec.body);
			rec.body += 4;
			rec.len -= 4;
		}
		const char *w = NULL;
		int r = decode_record(d, &rec, source, 0, tu_collect, c, &w);
		if (r < 0 && !first)
			first = w;
		if (r != 0)
			status = r;
		if (r > 0)
			break;
	}
	if (why)
		*why = first;
	return status;
}

/* A fresh collection (static storage: the struct is large). */
static struct collected *tu_fresh(void)
{
	static struct collected c;
	memset(&c, 0, sizeof c);
	return &c;
}

/* Decodes all of b as input 0 into a fresh collection; the status must be
 * want (see tu_decode). */
static struct collected *tu_decoded(struct decoder *d, const struct mw_buf *b, int want,
                                    const char **why)
{
	struct collected *c = tu_fresh();
	int status = tu_decode(d, b->p, b->len, 0, c, why);
	ck_assert_int_eq(status, want);
	return c;
}

/* Every shortening of the body of the record at rec in b (to 0 .. its
 * length - 1 bytes, the header's length field saying so) decodes as damage
 * without reading past it (ASan: make check-asan); with no_elems, it gives
 * no element either. */
static void tu_every_cut_is_damage(struct decoder *d, const struct mw_buf *b, size_t rec,
                                   bool no_elems)
{
	size_t body = b->len - rec - 12;
	for (size_t cut = 0; cut < body; cut++) {
		struct collected *c = tu_fresh();
		uint8_t *copy = malloc(rec + 12 + cut);
		if (!copy)
			abort();
		memcpy(copy, b->p, rec + 12 + cut);
		copy[rec + 8] = (uint8_t)(cut >> 24);
		copy[rec + 9] = (uint8_t)(cut >> 16);
		copy[rec + 10] = (uint8_t)(cut >> 8);
		copy[rec + 11] = (uint8_t)cut;
		ck_assert_int_eq(tu_decode(d, copy, rec + 12 + cut, 0, c, NULL), -1);
		if (no_elems)
			ck_assert_int_eq(c->count, 0);
		free(copy);
	}
}

#endif
