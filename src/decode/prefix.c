/*
 * prefix.c — IP addresses and prefixes: text forms, masks, containment.
 * Owns: the glibc-inet_ntop-identical formatter (hot path) and strict parsers.
 * Never: does I/O, allocates, or depends on locale.
 */
#include "decode/prefix.h"

#include <arpa/inet.h>
#include <string.h>

/* ---- formatting ---------------------------------------------------------
 * Users diff our output against bgpdump's, so addresses must come out as
 * bgpdump writes them, byte for byte. That is NOT modern glibc inet_ntop for
 * IPv6 (see put_ipv6). Formatting runs for every printed line, so digits are
 * written directly (no snprintf). */

/* Writes the decimal form of v (0..255); returns the characters written. */
static size_t put_dec8(char *dst, unsigned v)
{
	if (v >= 100) {
		dst[0] = (char)('0' + v / 100);
		dst[1] = (char)('0' + v / 10 % 10);
		dst[2] = (char)('0' + v % 10);
		return 3;
	}
	if (v >= 10) {
		dst[0] = (char)('0' + v / 10);
		dst[1] = (char)('0' + v % 10);
		return 2;
	}
	dst[0] = (char)('0' + v);
	return 1;
}

/* Dotted quad of the 4 bytes at b. */
static size_t put_ipv4(char *dst, const uint8_t *b)
{
	size_t n = put_dec8(dst, b[0]);

	for (int i = 1; i < 4; i++) {
		dst[n++] = '.';
		n += put_dec8(dst + n, b[i]);
	}
	return n;
}

/* Lowercase hex of a 16-bit word without leading zeros ("0" for zero). */
static size_t put_hex16(char *dst, unsigned w)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;
	int shift = 12;

	while (shift > 0 && (w >> shift) == 0)
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		dst[n++] = hex[(w >> shift) & 0xf];
	return n;
}

/*
 * IPv6 text as bgpdump 1.6.2 writes it, learned by running it on crafted
 * peer addresses (RFC 5952 recommends otherwise; compatibility wins):
 * - the longest run of zero words becomes "::", of equally long runs the
 *   first; unlike glibc, a run of ONE zero word is compressed too
 *   ("2001:7f8:30::2:1:0:8447", where glibc writes "...:30:0:2:1:0:8447");
 * - when the run starts at word 0 and the last 32 bits hold an IPv4
 *   address, they are written as a dotted quad: run of six words
 *   ("::1.2.3.4"), run of five followed by ffff ("::ffff:1.2.3.4"), and,
 *   unlike glibc, run of seven unless the last word is 1 ("::0.0.0.2",
 *   but "::1").
 * Lowercase hex without leading zeros, as everywhere.
 */
static size_t put_ipv6(char *dst, const uint8_t *b)
{
	unsigned w[8];
	int best = -1, bestlen = 0, cur = -1, curlen = 0;
	size_t n = 0;

	for (int i = 0; i < 8; i++) {
		w[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
		if (w[i] == 0) {
			if (cur < 0) {
				cur = i;
				curlen = 0;
			}
			curlen++;
			if (curlen > bestlen) {
				best = cur;
				bestlen = curlen;
			}
		} else {
			cur = -1;
		}
	}

	if (best == 0 && (bestlen == 6 || (bestlen == 7 && w[7] != 1) ||
	                  (bestlen == 5 && w[5] == 0xffff))) {
		if (bestlen == 5) {
			memcpy(dst, "::ffff:", 7);
			n = 7;
		} else {
			dst[0] = dst[1] = ':';
			n = 2;
		}
		return n + put_ipv4(dst + n, b + 12);
	}

	for (int i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + bestlen) {
			if (i == best)
				dst[n++] = ':';
			continue;
		}
		if (i != 0)
			dst[n++] = ':';
		n += put_hex16(dst + n, w[i]);
	}
	if (best >= 0 && best + bestlen == 8)
		dst[n++] = ':';
	return n;
}

size_t addr_format(const struct addr *a, char *dst)
{
	size_t n;

	if (a->afi == AFI_IPV6)
		n = put_ipv6(dst, a->b);
	else
		n = put_ipv4(dst, a->b);
	dst[n] = '\0';
	return n;
}

size_t prefix_format(const struct prefix *p, char *dst)
{
	size_t n = addr_format(&p->addr, dst);

	dst[n++] = '/';
	n += put_dec8(dst + n, p->len);
	dst[n] = '\0';
	return n;
}

/* ---- parsing (command line, not a hot path) ----------------------------- */

bool addr_parse(const char *s, struct addr *out)
{
	struct addr a;

	memset(&a, 0, sizeof a);
	/* inet_pton is strict: no "1.2.3", no octal, no trailing junk. */
	if (strchr(s, ':') != NULL) {
		if (inet_pton(AF_INET6, s, a.b) != 1)
			return false;
		a.afi = AFI_IPV6;
	} else {
		if (inet_pton(AF_INET, s, a.b) != 1)
			return false;
		a.afi = AFI_IPV4;
	}
	*out = a;
	return true;
}

/* Prefix length: decimal, no sign, no leading zeros, at most max. */
static bool parse_len(const char *s, unsigned max, unsigned *out)
{
	unsigned v = 0;
	size_t n = 0;

	if (s[0] == '0' && s[1] != '\0')
		return false;
	for (; s[n] != '\0'; n++) {
		if (s[n] < '0' || s[n] > '9' || n >= 3)
			return false;
		v = v * 10 + (unsigned)(s[n] - '0');
	}
	if (n == 0 || v > max)
		return false;
	*out = v;
	return true;
}

bool prefix_parse(const char *s, struct prefix *out, bool allow_host_bits)
{
	char buf[ADDR_STRLEN];
	const char *slash = strchr(s, '/');
	size_t alen = slash ? (size_t)(slash - s) : strlen(s);
	struct prefix p;
	unsigned len;

	if (alen >= sizeof buf)
		return false;
	memcpy(buf, s, alen);
	buf[alen] = '\0';
	if (!addr_parse(buf, &p.addr))
		return false;
	if (slash == NULL)
		len = afi_bits(p.addr.afi);
	else if (!parse_len(slash + 1, afi_bits(p.addr.afi), &len))
		return false;
	p.len = (uint8_t)len;

	struct addr masked = p.addr;
	addr_mask(&masked, len);
	if (!addr_equal(&masked, &p.addr) && !allow_host_bits)
		return false;
	p.addr = masked;
	*out = p;
	return true;
}

/* ---- comparisons -------------------------------------------------------- */

void addr_mask(struct addr *a, unsigned len)
{
	unsigned full = len / 8, rest = len % 8;

	if (full >= sizeof a->b)
		return;
	if (rest) {
		a->b[full] &= (uint8_t)(0xff << (8 - rest));
		full++;
	}
	memset(a->b + full, 0, sizeof a->b - full);
}


bool prefix_equal(const struct prefix *a, const struct prefix *b)
{
	return a->len == b->len && addr_equal(&a->addr, &b->addr);
}

bool prefix_contains(const struct prefix *outer, const struct prefix *inner)
{
	unsigned full, rest;

	if (outer->addr.afi != inner->addr.afi || outer->len > inner->len)
		return false;
	full = outer->len / 8;
	rest = outer->len % 8;
	if (memcmp(outer->addr.b, inner->addr.b, full) != 0)
		return false;
	if (rest) {
		uint8_t m = (uint8_t)(0xff << (8 - rest));
		if ((outer->addr.b[full] ^ inner->addr.b[full]) & m)
			return false;
	}
	return true;
}

int prefix_cmp(const struct prefix *a, const struct prefix *b)
{
	int c;

	if (a->addr.afi != b->addr.afi)
		return a->addr.afi < b->addr.afi ? -1 : 1;
	c = memcmp(a->addr.b, b->addr.b, afi_bytes(a->addr.afi));
	if (c != 0)
		return c < 0 ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return 0;
}
