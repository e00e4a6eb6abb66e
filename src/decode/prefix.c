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

/* The decimal text of each byte value: an address is four table reads
 * (prefix.h). */
const struct addr_dec8 addr_dec8[256] = {
	{ "0", 1 }, { "1", 1 }, { "2", 1 }, { "3", 1 }, { "4", 1 }, { "5", 1 }, { "6", 1 }, { "7", 1 },
	{ "8", 1 }, { "9", 1 }, { "10", 2 }, { "11", 2 }, { "12", 2 }, { "13", 2 }, { "14", 2 }, { "15", 2 },
	{ "16", 2 }, { "17", 2 }, { "18", 2 }, { "19", 2 }, { "20", 2 }, { "21", 2 }, { "22", 2 }, { "23", 2 },
	{ "24", 2 }, { "25", 2 }, { "26", 2 }, { "27", 2 }, { "28", 2 }, { "29", 2 }, { "30", 2 }, { "31", 2 },
	{ "32", 2 }, { "33", 2 }, { "34", 2 }, { "35", 2 }, { "36", 2 }, { "37", 2 }, { "38", 2 }, { "39", 2 },
	{ "40", 2 }, { "41", 2 }, { "42", 2 }, { "43", 2 }, { "44", 2 }, { "45", 2 }, { "46", 2 }, { "47", 2 },
	{ "48", 2 }, { "49", 2 }, { "50", 2 }, { "51", 2 }, { "52", 2 }, { "53", 2 }, { "54", 2 }, { "55", 2 },
	{ "56", 2 }, { "57", 2 }, { "58", 2 }, { "59", 2 }, { "60", 2 }, { "61", 2 }, { "62", 2 }, { "63", 2 },
	{ "64", 2 }, { "65", 2 }, { "66", 2 }, { "67", 2 }, { "68", 2 }, { "69", 2 }, { "70", 2 }, { "71", 2 },
	{ "72", 2 }, { "73", 2 }, { "74", 2 }, { "75", 2 }, { "76", 2 }, { "77", 2 }, { "78", 2 }, { "79", 2 },
	{ "80", 2 }, { "81", 2 }, { "82", 2 }, { "83", 2 }, { "84", 2 }, { "85", 2 }, { "86", 2 }, { "87", 2 },
	{ "88", 2 }, { "89", 2 }, { "90", 2 }, { "91", 2 }, { "92", 2 }, { "93", 2 }, { "94", 2 }, { "95", 2 },
	{ "96", 2 }, { "97", 2 }, { "98", 2 }, { "99", 2 }, { "100", 3 }, { "101", 3 }, { "102", 3 }, { "103", 3 },
	{ "104", 3 }, { "105", 3 }, { "106", 3 }, { "107", 3 }, { "108", 3 }, { "109", 3 }, { "110", 3 }, { "111", 3 },
	{ "112", 3 }, { "113", 3 }, { "114", 3 }, { "115", 3 }, { "116", 3 }, { "117", 3 }, { "118", 3 }, { "119", 3 },
	{ "120", 3 }, { "121", 3 }, { "122", 3 }, { "123", 3 }, { "124", 3 }, { "125", 3 }, { "126", 3 }, { "127", 3 },
	{ "128", 3 }, { "129", 3 }, { "130", 3 }, { "131", 3 }, { "132", 3 }, { "133", 3 }, { "134", 3 }, { "135", 3 },
	{ "136", 3 }, { "137", 3 }, { "138", 3 }, { "139", 3 }, { "140", 3 }, { "141", 3 }, { "142", 3 }, { "143", 3 },
	{ "144", 3 }, { "145", 3 }, { "146", 3 }, { "147", 3 }, { "148", 3 }, { "149", 3 }, { "150", 3 }, { "151", 3 },
	{ "152", 3 }, { "153", 3 }, { "154", 3 }, { "155", 3 }, { "156", 3 }, { "157", 3 }, { "158", 3 }, { "159", 3 },
	{ "160", 3 }, { "161", 3 }, { "162", 3 }, { "163", 3 }, { "164", 3 }, { "165", 3 }, { "166", 3 }, { "167", 3 },
	{ "168", 3 }, { "169", 3 }, { "170", 3 }, { "171", 3 }, { "172", 3 }, { "173", 3 }, { "174", 3 }, { "175", 3 },
	{ "176", 3 }, { "177", 3 }, { "178", 3 }, { "179", 3 }, { "180", 3 }, { "181", 3 }, { "182", 3 }, { "183", 3 },
	{ "184", 3 }, { "185", 3 }, { "186", 3 }, { "187", 3 }, { "188", 3 }, { "189", 3 }, { "190", 3 }, { "191", 3 },
	{ "192", 3 }, { "193", 3 }, { "194", 3 }, { "195", 3 }, { "196", 3 }, { "197", 3 }, { "198", 3 }, { "199", 3 },
	{ "200", 3 }, { "201", 3 }, { "202", 3 }, { "203", 3 }, { "204", 3 }, { "205", 3 }, { "206", 3 }, { "207", 3 },
	{ "208", 3 }, { "209", 3 }, { "210", 3 }, { "211", 3 }, { "212", 3 }, { "213", 3 }, { "214", 3 }, { "215", 3 },
	{ "216", 3 }, { "217", 3 }, { "218", 3 }, { "219", 3 }, { "220", 3 }, { "221", 3 }, { "222", 3 }, { "223", 3 },
	{ "224", 3 }, { "225", 3 }, { "226", 3 }, { "227", 3 }, { "228", 3 }, { "229", 3 }, { "230", 3 }, { "231", 3 },
	{ "232", 3 }, { "233", 3 }, { "234", 3 }, { "235", 3 }, { "236", 3 }, { "237", 3 }, { "238", 3 }, { "239", 3 },
	{ "240", 3 }, { "241", 3 }, { "242", 3 }, { "243", 3 }, { "244", 3 }, { "245", 3 }, { "246", 3 }, { "247", 3 },
	{ "248", 3 }, { "249", 3 }, { "250", 3 }, { "251", 3 }, { "252", 3 }, { "253", 3 }, { "254", 3 }, { "255", 3 },
};

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
		return n + addr_format_ipv4(dst + n, b + 12);
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
		n = addr_format_ipv4(dst, a->b);
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
