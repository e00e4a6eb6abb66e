/*
 * dump_testutil.h — shared by check_tabledump.c, check_bgp4mp.c, check_fmt.c:
 * frames crafted MRT bytes into records, runs the decoder over them and
 * collects each element as its bgpdump -m line (and a copy of the element).
 * Never: reads files. Test code: a full buffer aborts.
 */
#ifndef MRTREACH_DUMP_TESTUTIL_H
#define MRTREACH_DUMP_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "decode.h"
#include "fmt.h"
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

#endif
