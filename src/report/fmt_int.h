/*
 * fmt_int.h — the fast writer fmt_bgpdump.c and fmt_json.c share, private to them.
 * Owns: writing through a local pointer into the outbuf, making room in
 * bounded steps (the compiler keeps the pointer in a register instead of
 * reloading the buffer length after every byte). Never: formats elements.
 */
#ifndef MRTREACH_FMT_INT_H
#define MRTREACH_FMT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "report/outbuf.h"
#include "decode/prefix.h"

struct fw {
	char *p;              /* next byte to write */
	char *end;            /* end of the buffer */
	struct outbuf *o;
};

static inline void fw_begin(struct fw *w, struct outbuf *o)
{
	w->o = o;
	w->p = o->buf + o->len;
	w->end = o->buf + OUTBUF_SIZE;
}

static inline void fw_end(struct fw *w)
{
	w->o->len = (size_t)(w->p - w->o->buf);
}

/* Flushes so that n (<= OUTBUF_SIZE) bytes fit. After a write failure the
 * buffer is still writable (its content is dropped), so callers never check. */
void fw_make_room(struct fw *w, size_t n);

/* Every put below assumes fw_need() made room for it. */
static inline void fw_need(struct fw *w, size_t n)
{
	if ((size_t)(w->end - w->p) < n)
		fw_make_room(w, n);
}

static inline void fw_char(struct fw *w, char c) { *w->p++ = c; }

static inline void fw_mem(struct fw *w, const char *s, size_t n)
{
	memcpy(w->p, s, n);
	w->p += n;
}

#define fw_lit(w, s) fw_mem((w), (s), sizeof(s) - 1)

/* Decimal text of a 32-bit value, two digits per division: most time of a
 * dump line goes into numbers (ASNs, times, communities). */
static inline void fw_u32(struct fw *w, uint32_t v)
{
	static const char pairs[] =
	    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	    "8081828384858687888990919293949596979899";
	char tmp[10];
	int n = 10;
	while (v >= 100) {
		uint32_t q = v / 100, r = v - q * 100;
		tmp[--n] = pairs[2 * r + 1];
		tmp[--n] = pairs[2 * r];
		v = q;
	}
	if (v >= 10) {
		tmp[--n] = pairs[2 * v + 1];
		tmp[--n] = pairs[2 * v];
	} else {
		tmp[--n] = (char)('0' + v);
	}
	memcpy(w->p, tmp + n, (size_t)(10 - n));
	w->p += 10 - n;
}

static inline void fw_u64(struct fw *w, uint64_t v)
{
	if (v <= UINT32_MAX)
		fw_u32(w, (uint32_t)v);
	else
		w->p += fmt_u64(w->p, v);
}

/* Room any one fixed-size piece needs: an address, a prefix, a number. */
#define FW_PIECE 64

#endif
