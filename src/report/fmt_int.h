/*
 * fmt_int.h — the fast writer fmt_bgpdump.c and fmt_json.c share, private to
 * them (fw_make_room lives in fmt_int.c).
 * Owns: writing through a local pointer into the outbuf, making room in
 * bounded steps (the compiler keeps the pointer in a register instead of
 * reloading the buffer length after every byte). Never: formats elements.
 *
 * Every put must be covered by an earlier fw_need(). Builds with
 * MRTREACH_CHECK_ROOM defined (make check-asan, make fuzz) check that: each
 * fw_need() records how far it promised room, and each put asserts it stays
 * inside the promise, so a hand-counted budget that is short fails on the
 * first line that exceeds it, not only when the buffer happens to be full.
 */
#ifndef MRTREACH_FMT_INT_H
#define MRTREACH_FMT_INT_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "report/outbuf.h"
#include "decode/cursor.h"
#include "decode/prefix.h"

struct fw {
	char *p;              /* next byte to write */
	char *end;            /* end of the buffer */
	struct outbuf *o;
	unsigned flushes;     /* fw_make_room() flushes since fw_begin(): none, and
	                       * what was written since a point is still there */
#ifdef MRTREACH_CHECK_ROOM
	char *limit;          /* how far the fw_need() calls so far promised room */
#endif
};

#ifdef MRTREACH_CHECK_ROOM
/* The next k bytes (or the bytes just written, k 0) are inside the promise. */
static inline void fw_room(const struct fw *w, size_t k)
{
	assert(w->p <= w->limit && (size_t)(w->limit - w->p) >= k);
}
#define FW_ROOM(w, k) fw_room((w), (size_t)(k))
#else
#define FW_ROOM(w, k) ((void)0)
#endif

static inline void fw_begin(struct fw *w, struct outbuf *o)
{
	w->o = o;
	w->p = o->buf + o->len;
	w->end = o->buf + OUTBUF_SIZE;
	w->flushes = 0;
#ifdef MRTREACH_CHECK_ROOM
	w->limit = w->p;
#endif
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
#ifdef MRTREACH_CHECK_ROOM
	if (w->limit < w->p + n)
		w->limit = w->p + n;
#endif
}

/* After text was written straight at w->p (addr_format and the like):
 * checks it stayed inside the promise. */
static inline void fw_wrote(struct fw *w, size_t n)
{
	w->p += n;
	FW_ROOM(w, 0);
}

static inline void fw_char(struct fw *w, char c)
{
	FW_ROOM(w, 1);
	*w->p++ = c;
}

static inline void fw_mem(struct fw *w, const char *s, size_t n)
{
	FW_ROOM(w, n);
	memcpy(w->p, s, n);
	w->p += n;
}

#define fw_lit(w, s) fw_mem((w), (s), sizeof(s) - 1)

/* The two digits of 0 .. 99, at twice the value. */
static const char fw_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* How many decimal digits v has, without a branch (ASNs of 3 to 6 digits
 * in any order defeat a chain of tests): t = floor(log10(2^bits)) from the
 * bit length (1233 / 4096 ~ log10 2), one less when v is below 10^t. */
static inline unsigned fw_digits(uint32_t v)
{
	static const uint32_t pow10[10] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
	                                    10000000, 100000000, 1000000000 };
	unsigned t = (32u - (unsigned)__builtin_clz(v | 1)) * 1233u >> 12;
	return t + 1 - (unsigned)((v | 1) < pow10[t]);
}

/* Decimal text of a 32-bit value, two digits per division, written from its
 * last digit back to its first in place: most time of a dump line goes into
 * numbers (ASNs, times, communities). */
static inline void fw_u32(struct fw *w, uint32_t v)
{
	unsigned len = fw_digits(v);
	FW_ROOM(w, len);
	char *p = w->p + len;
	while (v >= 100) {
		uint32_t q = v / 100, r = v - q * 100;
		p -= 2;
		memcpy(p, fw_pairs + 2 * r, 2);
		v = q;
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, fw_pairs + 2 * v, 2);
	} else {
		*--p = (char)('0' + v);
	}
	w->p += len;
}

static inline void fw_u64(struct fw *w, uint64_t v)
{
	if (v <= UINT32_MAX)
		fw_u32(w, (uint32_t)v);
	else
		fw_wrote(w, fmt_u64(w->p, v));
}

/* Room any one fixed-size piece needs: an address, a prefix, a number. */
#define FW_PIECE 64

/* bgpdump's text of its pieces (fmt_bgpdump.c), shared with the -H writer
 * (fmt_multi.c). An address or prefix needs FW_PIECE of room; the lists
 * make their own. */
struct bgpdump_style;
void fw_bgpdump_addr(struct fw *w, const struct addr *a);
void fw_bgpdump_prefix(struct fw *w, const struct prefix *pfx);
void fw_bgpdump_as_path(struct fw *w, struct cursor path);
void fw_bgpdump_communities(struct fw *w, struct cursor c);
void fw_bgpdump_large(struct fw *w, struct cursor c);
/* Whether bgpdump decodes attribute type t (the others are -u's, and -H's
 * UNKNOWN_ATTR lines). */
bool fw_bgpdump_decodes(uint8_t type);
/* "08/11/16 16:00:00" (UTC), cached in s per second. */
const char *fmt_bgpdump_human_time(struct bgpdump_style *s, uint32_t ts);

#endif
