/*
 * prefix.h — IP addresses and prefixes: parse, format, mask, contain.
 * Owns: struct addr / struct prefix and their text forms (formatting is
 * byte-identical to bgpdump 1.6.2: glibc inet_ntop for IPv4, but for IPv6
 * it also compresses a single zero word and writes ::0.0.0.2 — prefix.c).
 * Never: does I/O or allocates.
 */
#ifndef MRTREACH_PREFIX_H
#define MRTREACH_PREFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { AFI_IPV4 = 1, AFI_IPV6 = 2 };   /* IANA address family numbers */

/* Longest text forms, with the terminating NUL. */
#define ADDR_STRLEN   46   /* INET6_ADDRSTRLEN */
#define PREFIX_STRLEN 50   /* address + "/128" */

struct addr {
	uint8_t afi;        /* AFI_IPV4 or AFI_IPV6; 0 = none */
	uint8_t b[16];      /* network order; IPv4 uses b[0..3], the rest is zero */
};

struct prefix {
	struct addr addr;   /* host bits past len are always zero */
	uint8_t len;        /* 0..32 or 0..128 */
};

static inline unsigned afi_bits(uint8_t afi) { return afi == AFI_IPV6 ? 128 : 32; }
static inline unsigned afi_bytes(uint8_t afi) { return afi == AFI_IPV6 ? 16 : 4; }

/* Zeroes every bit of a past the first len bits. */
void addr_mask(struct addr *a, unsigned len);

/* Text form; returns the number of characters written (no NUL counted).
 * dst must hold ADDR_STRLEN / PREFIX_STRLEN bytes. */
size_t addr_format(const struct addr *a, char *dst);
size_t prefix_format(const struct prefix *p, char *dst);

/* The decimal text of each byte value (s not NUL-ended, n its length). */
struct addr_dec8 {
	char s[3];
	unsigned char n;
};
extern const struct addr_dec8 addr_dec8[256];

/* The dotted quad of the 4 bytes at b, without a NUL; returns its length.
 * Inline for the dump writers, which print two or three addresses a line.
 * Each octet's entry is copied whole (4 bytes) and the next octet or the
 * dot overwrites what is not its text: nothing is written past dst[15]. */
static inline size_t addr_format_ipv4(char *dst, const uint8_t *b)
{
	const struct addr_dec8 *o0 = &addr_dec8[b[0]], *o1 = &addr_dec8[b[1]],
	                       *o2 = &addr_dec8[b[2]], *o3 = &addr_dec8[b[3]];
	char *p = dst;

	/* unrolled: gcc -O2 keeps the loop, at a third of the cost */
	memcpy(p, o0, 4);
	p += o0->n;
	*p++ = '.';
	memcpy(p, o1, 4);
	p += o1->n;
	*p++ = '.';
	memcpy(p, o2, 4);
	p += o2->n;
	*p++ = '.';
	memcpy(p, o3, 4);
	p += o3->n;
	return (size_t)(p - dst);
}

/* Parses "1.2.3.4", "2001:db8::1". Returns false on anything else. */
bool addr_parse(const char *s, struct addr *out);
/* Parses "10.0.0.0/8" or a bare address (as a host prefix). Host bits
 * past the mask are an error unless allow_host_bits (then masked). */
bool prefix_parse(const char *s, struct prefix *out, bool allow_host_bits);

/* Inline: vantage points and peers are matched by address per record. */
static inline bool addr_equal(const struct addr *a, const struct addr *b)
{
	return a->afi == b->afi && memcmp(a->b, b->b, 4) == 0 &&
	       (a->afi != AFI_IPV6 || memcmp(a->b + 4, b->b + 4, 12) == 0);
}
bool prefix_equal(const struct prefix *a, const struct prefix *b);
/* True when outer covers inner (same family, outer->len <= inner->len). */
bool prefix_contains(const struct prefix *outer, const struct prefix *inner);
/* Total order: family, then address, then length. */
int prefix_cmp(const struct prefix *a, const struct prefix *b);

#endif
