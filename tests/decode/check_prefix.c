/*
 * check_prefix.c — unit tests for prefix.c.
 * Owns: the bgpdump-identical formatting tests and parse / mask / contain rules.
 * Never: touches files or the network.
 */
#include <check.h>
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "decode/prefix.h"

/* A small deterministic generator so failures reproduce. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

/*
 * The IPv6 rule, as bgpdump 1.6.2 applies it (see prefix.c), written the
 * slow and obvious way to check the fast formatter against.
 */
static void model_v6(const uint8_t b[16], char *out)
{
	unsigned w[8];
	int best = -1, bestlen = 0;
	char *o = out;

	for (int i = 0; i < 8; i++)
		w[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
	for (int i = 0; i < 8; i++) {          /* first longest zero run */
		int len = 0;
		while (i + len < 8 && w[i + len] == 0)
			len++;
		if (len > bestlen) {
			best = i;
			bestlen = len;
		}
	}
	if (best == 0 && (bestlen == 6 || (bestlen == 7 && w[7] != 1) ||
	                  (bestlen == 5 && w[5] == 0xffff))) {
		sprintf(out, "::%s%u.%u.%u.%u", bestlen == 5 ? "ffff:" : "",
		        b[12], b[13], b[14], b[15]);
		return;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			o += sprintf(o, "::");
			i += bestlen - 1;
			continue;
		}
		if (i != 0 && i != best + bestlen)
			*o++ = ':';
		o += sprintf(o, "%x", w[i]);
	}
	*o = '\0';
}

/* True where bgpdump and glibc agree: glibc leaves a lone zero word alone
 * and writes a seven-word run as "::x". */
static bool glibc_agrees(const uint8_t b[16])
{
	int best = -1, bestlen = 0;

	for (int i = 0; i < 8; i++) {
		int len = 0;
		while (i + len < 8 && (b[2 * (i + len)] | b[2 * (i + len) + 1]) == 0)
			len++;
		if (len > bestlen) {
			best = i;
			bestlen = len;
		}
	}
	return bestlen != 1 && !(best == 0 && bestlen == 7);
}

static void check_v6_bytes(const uint8_t b[16])
{
	struct addr a = { .afi = AFI_IPV6 };
	char want[64], got[ADDR_STRLEN];
	size_t n;

	memcpy(a.b, b, 16);
	n = addr_format(&a, got);
	model_v6(b, want);
	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(n, strlen(want));
	if (glibc_agrees(b)) {
		ck_assert_ptr_nonnull(inet_ntop(AF_INET6, b, want, sizeof want));
		ck_assert_str_eq(got, want);
	}
}

static void check_v4_bytes(const uint8_t b[4])
{
	struct addr a = { .afi = AFI_IPV4 };
	char want[INET_ADDRSTRLEN], got[ADDR_STRLEN];
	size_t n;

	memcpy(a.b, b, 4);
	ck_assert_ptr_nonnull(inet_ntop(AF_INET, b, want, sizeof want));
	n = addr_format(&a, got);
	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(n, strlen(want));
}

/* A 16-bit word biased toward the values that change the text form. */
static unsigned biased_word(void)
{
	switch (rnd() % 8) {
	case 0: case 1: case 2: return 0;
	case 3: return 0xffff;
	case 4: return rnd() % 16;          /* one hex digit */
	case 5: return rnd() % 256;
	case 6: return 1;
	default: return rnd() & 0xffff;
	}
}

START_TEST(format_ipv6_random_matches_model_and_glibc)
{
	uint8_t b[16];

	for (int iter = 0; iter < 400000; iter++) {
		for (int i = 0; i < 8; i++) {
			unsigned w = biased_word();
			b[2 * i] = (uint8_t)(w >> 8);
			b[2 * i + 1] = (uint8_t)w;
		}
		/* Half of them in the ::/96, ::/112 and ::ffff:0:0/96 shapes. */
		switch (iter % 6) {
		case 0:
			memset(b, 0, 12);
			break;
		case 2:
			memset(b, 0, 14);
			break;
		case 1:
			memset(b, 0, 10);
			b[10] = b[11] = 0xff;
			break;
		default:
			break;
		}
		check_v6_bytes(b);
	}
}
END_TEST

START_TEST(format_ipv6_every_zero_pattern)
{
	/* All 256 patterns of zero / nonzero words, with several fillers. */
	static const unsigned fill[] = { 1, 0xffff, 0xabc, 0x10 };
	uint8_t b[16];

	for (unsigned f = 0; f < 4; f++)
		for (unsigned mask = 0; mask < 256; mask++) {
			for (int i = 0; i < 8; i++) {
				unsigned w = (mask >> i & 1) ? fill[f] : 0;
				if (i == 5 && (mask >> 5 & 1) && f == 0)
					w = 0xffff;   /* hit ::ffff:x often */
				b[2 * i] = (uint8_t)(w >> 8);
				b[2 * i + 1] = (uint8_t)w;
			}
			check_v6_bytes(b);
		}
}
END_TEST

/* What bgpdump 1.6.2 printed for these peer addresses (crafted STATE
 * records run through /usr/bin/bgpdump -m); comments give glibc's form. */
START_TEST(format_ipv6_as_bgpdump_prints)
{
	static const struct { const char *in, *bgpdump; } cases[] = {
		{ "::", "::" },
		{ "::1", "::1" },
		{ "::2", "::0.0.0.2" },                          /* glibc ::2 */
		{ "::ffff", "::0.0.255.255" },                   /* glibc ::ffff */
		{ "::100", "::0.0.1.0" },                        /* glibc ::100 */
		{ "::0.1.0.0", "::0.1.0.0" },
		{ "::ffff:193.0.0.56", "::ffff:193.0.0.56" },
		{ "::ffff:0.0.0.0", "::ffff:0.0.0.0" },
		{ "::1.2.3.4", "::1.2.3.4" },
		{ "1::", "1::" },
		{ "1:0:1:0:1:0:1:0", "1::1:0:1:0:1:0" },         /* glibc 1:0:1:0:1:0:1:0 */
		{ "2001:7f8:30:0:2:1:0:8447", "2001:7f8:30::2:1:0:8447" },
		{ "2001:db8::1:0:0:1", "2001:db8::1:0:0:1" },
		{ "2001:0:0:1::1", "2001:0:0:1::1" },
		{ "fe80::1", "fe80::1" },
		{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
		{ "::fffe:102:304", "::fffe:102:304" },
		{ "::ffff:0:0:1", "::ffff:0:0:1" },
		{ "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8" },
		{ "1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7::" },        /* glibc ...:7:0 */
		{ "0:2:3:4:5:6:7:8", "::2:3:4:5:6:7:8" },        /* glibc 0:2:... */
		{ "0:0:1::", "0:0:1::" },
		{ "1:0:0:1::", "1:0:0:1::" },
		{ "::1:ffff:102:304", "::1:ffff:102:304" },
		{ "::1:0:1", "::1:0:1" },
		{ "0:1::", "0:1::" },
		{ "::0.1.0.1", "::0.1.0.1" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct addr a = { .afi = AFI_IPV6 };
		char got[ADDR_STRLEN];
		ck_assert_int_eq(inet_pton(AF_INET6, cases[i].in, a.b), 1);
		addr_format(&a, got);
		ck_assert_str_eq(got, cases[i].bgpdump);
		check_v6_bytes(a.b);
	}
}
END_TEST

START_TEST(format_ipv4_matches_inet_ntop)
{
	uint8_t b[4];

	for (int iter = 0; iter < 200000; iter++) {
		uint32_t r = rnd();
		for (int i = 0; i < 4; i++) {
			b[i] = (uint8_t)(r >> (8 * i));
			if ((rnd() & 3) == 0)
				b[i] = (uint8_t)(rnd() % 10);
		}
		check_v4_bytes(b);
	}
	for (unsigned v = 0; v < 256; v++) {
		uint8_t e[4] = { (uint8_t)v, (uint8_t)v, 0, 255 };
		check_v4_bytes(e);
	}
	/* Nothing is written past the 16 bytes of INET_ADDRSTRLEN, short
	 * text or long. */
	static const uint8_t ends[][4] = { { 255, 255, 255, 255 }, { 1, 2, 3, 4 }, { 10, 0, 0, 1 } };
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		struct addr a = { .afi = AFI_IPV4 };
		char buf[ADDR_STRLEN];
		memset(buf, 'x', sizeof buf);
		memcpy(a.b, ends[i], 4);
		size_t n = addr_format(&a, buf);
		ck_assert_uint_eq(buf[n], '\0');
		for (size_t k = INET_ADDRSTRLEN; k < sizeof buf; k++)
			ck_assert_int_eq(buf[k], 'x');
	}
}
END_TEST

START_TEST(format_prefix_appends_length)
{
	struct prefix p;
	char s[PREFIX_STRLEN];

	ck_assert(prefix_parse("175.45.176.0/22", &p, false));
	ck_assert_uint_eq(prefix_format(&p, s), 15);
	ck_assert_str_eq(s, "175.45.176.0/22");
	ck_assert(prefix_parse("2001:db8::/32", &p, false));
	prefix_format(&p, s);
	ck_assert_str_eq(s, "2001:db8::/32");
	ck_assert(prefix_parse("::/0", &p, false));
	prefix_format(&p, s);
	ck_assert_str_eq(s, "::/0");
	ck_assert(prefix_parse("1111:2222:3333:4444:5555:6666:7777:8888/128", &p, false));
	ck_assert_uint_eq(prefix_format(&p, s), 43);
	ck_assert_str_eq(s, "1111:2222:3333:4444:5555:6666:7777:8888/128");
}
END_TEST

START_TEST(parse_accepts_prefixes_and_bare_addresses)
{
	struct prefix p;

	ck_assert(prefix_parse("10.0.0.0/8", &p, false));
	ck_assert_uint_eq(p.addr.afi, AFI_IPV4);
	ck_assert_uint_eq(p.len, 8);
	ck_assert_uint_eq(p.addr.b[0], 10);
	ck_assert(prefix_parse("2001:db8::/32", &p, false));
	ck_assert_uint_eq(p.addr.afi, AFI_IPV6);
	ck_assert_uint_eq(p.len, 32);
	ck_assert(prefix_parse("1.2.3.4", &p, false));
	ck_assert_uint_eq(p.len, 32);
	ck_assert(prefix_parse("2001:db8::1", &p, false));
	ck_assert_uint_eq(p.len, 128);
	ck_assert(prefix_parse("0.0.0.0/0", &p, false));
	ck_assert_uint_eq(p.len, 0);
	ck_assert(prefix_parse("::ffff:1.2.3.4/128", &p, false));
}
END_TEST

START_TEST(parse_rejects_malformed)
{
	static const char *bad[] = {
		"", "/8", "10.0.0.0/", "10.0.0.0/33", "1.2.3", "1.2.3.4.5",
		"10.0.0.1/8", "10.0.0.0/8/8", "10.0.0.0/08", "10.0.0.0/+8",
		"10.0.0.0/-1", " 10.0.0.0/8", "10.0.0.0/8 ", "256.0.0.0/8",
		"2001:db8::/129", "2001:db8::1/32", "2001:db8:::/32", "gg::/16",
		"10.0.0.0/1000", "010.0.0.0/8", "1.2.3.4/32x", "::/", "10.0.0.0 /8",
		"abc", "1:2:3:4:5:6:7:8:9",
	};
	struct prefix p;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!prefix_parse(bad[i], &p, false), "accepted \"%s\"", bad[i]);
}
END_TEST

START_TEST(parse_host_bits_masked_when_allowed)
{
	struct prefix p;
	char s[PREFIX_STRLEN];

	ck_assert(!prefix_parse("10.0.0.1/8", &p, false));
	ck_assert(prefix_parse("10.0.0.1/8", &p, true));
	prefix_format(&p, s);
	ck_assert_str_eq(s, "10.0.0.0/8");
	ck_assert(prefix_parse("11.15.255.1/13", &p, true));
	prefix_format(&p, s);
	ck_assert_str_eq(s, "11.8.0.0/13");
	ck_assert(prefix_parse("2001:db8:ffff::1/33", &p, true));
	prefix_format(&p, s);
	ck_assert_str_eq(s, "2001:db8:8000::/33");
}
END_TEST

START_TEST(addr_parse_strict)
{
	struct addr a;

	ck_assert(addr_parse("193.0.0.56", &a));
	ck_assert_uint_eq(a.afi, AFI_IPV4);
	for (int i = 4; i < 16; i++)
		ck_assert_uint_eq(a.b[i], 0);
	ck_assert(addr_parse("2001:7f8::1", &a));
	ck_assert_uint_eq(a.afi, AFI_IPV6);
	ck_assert(!addr_parse("1.2.3", &a));
	ck_assert(!addr_parse("1.2.3.4/32", &a));
	ck_assert(!addr_parse("", &a));
	ck_assert(!addr_parse("localhost", &a));
}
END_TEST

START_TEST(mask_zeroes_bits_past_len)
{
	struct addr a = { .afi = AFI_IPV6 };

	memset(a.b, 0xff, 16);
	addr_mask(&a, 0);
	for (int i = 0; i < 16; i++)
		ck_assert_uint_eq(a.b[i], 0);
	memset(a.b, 0xff, 16);
	addr_mask(&a, 128);
	for (int i = 0; i < 16; i++)
		ck_assert_uint_eq(a.b[i], 0xff);
	addr_mask(&a, 13);
	ck_assert_uint_eq(a.b[0], 0xff);
	ck_assert_uint_eq(a.b[1], 0xf8);
	for (int i = 2; i < 16; i++)
		ck_assert_uint_eq(a.b[i], 0);
	memset(a.b, 0xff, 16);
	addr_mask(&a, 64);
	ck_assert_uint_eq(a.b[7], 0xff);
	ck_assert_uint_eq(a.b[8], 0);
}
END_TEST

static struct prefix P(const char *s)
{
	struct prefix p;
	ck_assert_msg(prefix_parse(s, &p, false), "bad test prefix %s", s);
	return p;
}

START_TEST(contains_covering_and_self)
{
	struct prefix a = P("175.45.176.0/22"), b = P("175.45.177.0/24");
	struct prefix c = P("175.45.180.0/24"), z = P("0.0.0.0/0");
	struct prefix v6 = P("::/0"), v6b = P("2001:db8::/32");
	struct prefix odd = P("10.0.0.0/9"), odd_in = P("10.127.255.0/24"),
	              odd_out = P("10.128.0.0/24");

	ck_assert(prefix_contains(&a, &b));
	ck_assert(!prefix_contains(&b, &a));
	ck_assert(prefix_contains(&a, &a));
	ck_assert(!prefix_contains(&a, &c));
	ck_assert(prefix_contains(&z, &a));
	ck_assert(!prefix_contains(&z, &v6b));   /* families never mix */
	ck_assert(!prefix_contains(&v6, &a));
	ck_assert(prefix_contains(&v6, &v6b));
	ck_assert(prefix_contains(&odd, &odd_in));
	ck_assert(!prefix_contains(&odd, &odd_out));
}
END_TEST

START_TEST(equal_and_cmp_total_order)
{
	struct prefix a = P("10.0.0.0/8"), a2 = P("10.0.0.0/8"), b = P("10.0.0.0/16");
	struct prefix c = P("11.0.0.0/8"), d = P("::/0");
	struct addr x, y;

	ck_assert(prefix_equal(&a, &a2));
	ck_assert(!prefix_equal(&a, &b));
	ck_assert_int_eq(prefix_cmp(&a, &a2), 0);
	ck_assert_int_lt(prefix_cmp(&a, &b), 0);      /* same address: shorter first */
	ck_assert_int_gt(prefix_cmp(&b, &a), 0);
	ck_assert_int_lt(prefix_cmp(&b, &c), 0);      /* address before length */
	ck_assert_int_lt(prefix_cmp(&c, &d), 0);      /* IPv4 before IPv6 */
	ck_assert_int_gt(prefix_cmp(&d, &a), 0);
	ck_assert(addr_parse("1.2.3.4", &x));
	ck_assert(addr_parse("1.2.3.4", &y));
	ck_assert(addr_equal(&x, &y));
	ck_assert(addr_parse("::102:304", &y));
	ck_assert(!addr_equal(&x, &y));               /* same bytes, other family */
}
END_TEST

/* Parsed and reformatted prefixes read back the same; random text never
 * crashes the parser (ASan run: make check-asan). */
START_TEST(parse_format_round_trip_and_random_text)
{
	static const char alphabet[] = "0123456789abcdef:./ ";
	char buf[48], out[PREFIX_STRLEN];
	struct prefix p, q;

	for (int iter = 0; iter < 200000; iter++) {
		size_t n = rnd() % 40;
		for (size_t i = 0; i < n; i++)
			buf[i] = alphabet[rnd() % (sizeof alphabet - 1)];
		buf[n] = '\0';
		if (!prefix_parse(buf, &p, true))
			continue;
		prefix_format(&p, out);
		ck_assert_msg(prefix_parse(out, &q, false), "%s -> %s", buf, out);
		ck_assert(prefix_equal(&p, &q));
	}
	for (int iter = 0; iter < 100000; iter++) {
		p.addr.afi = (rnd() & 1) ? AFI_IPV6 : AFI_IPV4;
		memset(p.addr.b, 0, sizeof p.addr.b);
		for (unsigned i = 0; i < afi_bytes(p.addr.afi); i++)
			p.addr.b[i] = (rnd() & 1) ? 0 : (uint8_t)rnd();
		p.len = (uint8_t)(rnd() % (afi_bits(p.addr.afi) + 1));
		addr_mask(&p.addr, p.len);
		prefix_format(&p, out);
		ck_assert(prefix_parse(out, &q, false));
		ck_assert(prefix_equal(&p, &q));
		ck_assert_int_eq(prefix_cmp(&p, &q), 0);
	}
}
END_TEST

static Suite *prefix_suite(void)
{
	Suite *s = suite_create("prefix");
	TCase *tc = tcase_create("prefix");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, format_ipv6_random_matches_model_and_glibc);
	tcase_add_test(tc, format_ipv6_every_zero_pattern);
	tcase_add_test(tc, format_ipv6_as_bgpdump_prints);
	tcase_add_test(tc, format_ipv4_matches_inet_ntop);
	tcase_add_test(tc, format_prefix_appends_length);
	tcase_add_test(tc, parse_accepts_prefixes_and_bare_addresses);
	tcase_add_test(tc, parse_rejects_malformed);
	tcase_add_test(tc, parse_host_bits_masked_when_allowed);
	tcase_add_test(tc, addr_parse_strict);
	tcase_add_test(tc, mask_zeroes_bits_past_len);
	tcase_add_test(tc, contains_covering_and_self);
	tcase_add_test(tc, equal_and_cmp_total_order);
	tcase_add_test(tc, parse_format_round_trip_and_random_text);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(prefix_suite());
}
