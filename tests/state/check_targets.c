/*
 * check_targets.c — target prefix sets: --prefixes files, delegation files
 * (non-power-of-two IPv4 ranges, IPv6, header and summary lines), and the
 * classification of prefixes. Never: touches routing state.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_run.h"
#include "state_helpers.h"

static char *tmpfile_with(const char *text)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/check_targets.XXXXXX");
	int fd = mkstemp(path);
	ck_assert(fd >= 0);
	ck_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	return path;
}

START_TEST(prefixes_file_with_comments_and_blank_lines)
{
	struct targets t;
	targets_init(&t);
	char err[256];
	char *path = tmpfile_with("# North Korea\n175.45.176.0/24\n\n  175.45.177.0/24   # trailing\n"
	                          "2001:db8::/32\r\n");
	ck_assert_msg(targets_load_prefixes(&t, path, err, sizeof err), "%s", err);
	unlink(path);
	ck_assert_uint_eq(t.nroots, 3);
	ck_assert(prefix_equal(&t.roots[1], &(struct prefix){ P("175.45.177.0/24").addr, 24 }));
	ck_assert_uint_eq(t.roots[2].addr.afi, AFI_IPV6);
	targets_free(&t);
}
END_TEST

START_TEST(prefixes_file_bad_line_names_the_line)
{
	struct targets t;
	targets_init(&t);
	char err[256];
	char *path = tmpfile_with("175.45.176.0/24\n175.45.177.1/24\n");
	ck_assert(!targets_load_prefixes(&t, path, err, sizeof err));
	unlink(path);
	ck_assert_msg(strstr(err, ":2:") && strstr(err, "175.45.177.1/24"), "%s", err);
	targets_free(&t);
	targets_init(&t);
	path = tmpfile_with("# nothing\n\n");
	ck_assert(!targets_load_prefixes(&t, path, err, sizeof err));
	unlink(path);
	ck_assert(!targets_load_prefixes(&t, "/nonexistent/x", err, sizeof err));
	ck_assert(!t.oom);          /* a bad file is a usage error, not lack of memory */
	targets_free(&t);
}
END_TEST

struct collect {
	char out[16][PREFIX_STRLEN];
	int n;
};

static void collect(const struct prefix *p, void *arg)
{
	struct collect *c = arg;
	if (c->n < 16)
		prefix_format(p, c->out[c->n++]);
}

START_TEST(non_power_of_two_ranges_split_into_prefixes)
{
	struct collect c = { .n = 0 };
	/* 1.2.3.0 + 768 addresses = 1.2.2.0/23 is not aligned: /24 + /23 */
	ck_assert(targets_split_v4(0x01020300, 768, collect, &c));
	ck_assert_int_eq(c.n, 2);
	ck_assert_str_eq(c.out[0], "1.2.3.0/24");
	ck_assert_str_eq(c.out[1], "1.2.4.0/23");
	c.n = 0;
	ck_assert(targets_split_v4(0xAF2DB000, 1024, collect, &c));      /* 175.45.176.0 */
	ck_assert_int_eq(c.n, 1);
	ck_assert_str_eq(c.out[0], "175.45.176.0/22");
	c.n = 0;
	ck_assert(targets_split_v4(0x0A000000, 1536, collect, &c));      /* 10.0.0.0 + 1536 */
	ck_assert_int_eq(c.n, 2);
	ck_assert_str_eq(c.out[0], "10.0.0.0/22");
	ck_assert_str_eq(c.out[1], "10.0.4.0/23");
	c.n = 0;
	ck_assert(targets_split_v4(0xFFFFFFFF, 1, collect, &c));
	ck_assert_str_eq(c.out[0], "255.255.255.255/32");
	ck_assert(!targets_split_v4(0xFFFFFFFF, 2, collect, &c));        /* runs past the end */
	ck_assert(!targets_split_v4(0, 0, collect, &c));
	c.n = 0;
	ck_assert(targets_split_v4(0, (uint64_t)1 << 32, collect, &c));
	ck_assert_str_eq(c.out[0], "0.0.0.0/0");
}
END_TEST

START_TEST(delegation_lines)
{
	struct targets t;
	targets_init(&t);
	ck_assert_int_eq(targets_delegation_line(&t, "2|apnic|20141222|41389|19830613|20141221|+1000", "KP"), 0);
	ck_assert_int_eq(targets_delegation_line(&t, "apnic|*|ipv4|*|40000|summary", "KP"), 0);
	ck_assert_int_eq(targets_delegation_line(&t, "# comment", "KP"), 0);
	ck_assert_int_eq(targets_delegation_line(&t, "apnic|KR|ipv4|1.11.0.0|65536|20100126|allocated|A9", "KP"), 0);
	ck_assert_int_eq(targets_delegation_line(&t, "apnic|KP|asn|131279|1|20091229|allocated|A1", "KP"), 0);
	ck_assert_int_eq(targets_delegation_line(&t, "apnic||ipv4|1.0.0.0|256||available|", "KP"), 0);
	ck_assert_int_eq(targets_delegation_line(&t, "apnic|KP|ipv4|175.45.176.0|1024|20091229|allocated|A9", "kp"), 1);
	ck_assert_int_eq(targets_delegation_line(&t, "apnic|KP|ipv6|2001:db8::|32|20091229|assigned|A9", "KP"), 1);
	ck_assert_int_eq(targets_delegation_line(&t, "apnic|KP|ipv4|175.45.176.x|1024|20091229|allocated", "KP"), -1);
	ck_assert_int_eq(targets_delegation_line(&t, "apnic|KP|ipv4|255.255.255.0|1024|20091229|allocated", "KP"), -1);
	ck_assert_int_eq(targets_delegation_line(&t, "apnic|KP|ipv6|2001:db8::|129|20091229|allocated", "KP"), -1);
	ck_assert(targets_finalize(&t));
	ck_assert_int_eq(targets_classify(&t, &(struct prefix){ P("175.45.178.0/24").addr, 24 }, false), TGT_TARGET);
	struct prefix p6 = P("2001:db8:1::/48");
	ck_assert_int_eq(targets_classify(&t, &p6, false), TGT_TARGET);
	targets_free(&t);
}
END_TEST

START_TEST(delegation_file_for_a_country)
{
	struct targets t;
	targets_init(&t);
	char err[256];
	char *path = tmpfile_with(
	    "2|apnic|20141222|4|19830613|20141221|+1000\n"
	    "apnic|*|ipv4|*|3|summary\n"
	    "apnic|KP|ipv4|175.45.176.0|1024|20091229|allocated|A91\n"
	    "apnic|KP|ipv4|10.0.0.0|768|20091229|assigned|A91\n"
	    "apnic|KR|ipv4|1.11.0.0|65536|20100126|allocated|A9\n");
	ck_assert_msg(targets_load_delegations(&t, path, "KP", err, sizeof err), "%s", err);
	ck_assert(targets_finalize(&t));
	struct prefix in = P("10.0.2.0/24"), out = P("10.0.3.0/24"), kr = P("1.11.0.0/16"),
	              cover = P("10.0.0.0/8");
	ck_assert_int_eq(targets_classify(&t, &in, false), TGT_TARGET);
	ck_assert_int_eq(targets_classify(&t, &out, false), TGT_NONE);
	ck_assert_int_eq(targets_classify(&t, &kr, false), TGT_NONE);
	ck_assert_int_eq(targets_classify(&t, &cover, true), TGT_COVER);
	ck_assert_int_eq(targets_classify(&t, &cover, false), TGT_NONE);
	targets_free(&t);
	targets_init(&t);
	ck_assert(!targets_load_delegations(&t, path, "ZZ", err, sizeof err));
	ck_assert(!targets_load_delegations(&t, path, "KPX", err, sizeof err));
	unlink(path);
	targets_free(&t);
}
END_TEST

START_TEST(classify_exact_more_specific_and_covering)
{
	struct targets t;
	targets_init(&t);
	struct prefix root = P("175.45.176.0/22");
	ck_assert(targets_add_prefix(&t, &root));
	ck_assert(targets_finalize(&t));
	struct prefix same = root, inner = P("175.45.177.0/24"), outer = P("175.45.0.0/16"),
	              far = P("8.8.8.0/24"), next = P("175.45.180.0/22"), v6 = P("2001:db8::/32"),
	              def = P("0.0.0.0/0");
	ck_assert_int_eq(targets_classify(&t, &same, false), TGT_TARGET);
	ck_assert_int_eq(targets_classify(&t, &inner, false), TGT_NONE);
	ck_assert_int_eq(targets_classify(&t, &outer, false), TGT_NONE);
	ck_assert_int_eq(targets_classify(&t, &outer, true), TGT_COVER);
	ck_assert_int_eq(targets_classify(&t, &def, true), TGT_COVER);
	ck_assert_int_eq(targets_classify(&t, &far, true), TGT_NONE);
	ck_assert_int_eq(targets_classify(&t, &next, true), TGT_NONE);
	ck_assert_int_eq(targets_classify(&t, &v6, true), TGT_NONE);
	t.more_specific = true;
	ck_assert_int_eq(targets_classify(&t, &inner, false), TGT_TARGET);
	char d[256];
	targets_describe(&t, d, sizeof d);
	ck_assert_str_eq(d, "175.45.176.0/22 with more-specifics");
	targets_free(&t);
}
END_TEST

START_TEST(classify_agrees_with_the_ranges_at_every_block_edge)
{
	/* The first 16 bits of a prefix tell most prefixes apart with one bit
	 * test (targets.h blocks); a range across blocks marks each of them,
	 * and a prefix shorter than 16 bits still goes the full way. */
	struct targets t;
	targets_init(&t);
	struct prefix a = P("10.0.255.0/24"), b = P("10.2.0.0/15"), c = P("2001:db8:ff00::/40");
	ck_assert(targets_add_prefix(&t, &a) && targets_add_prefix(&t, &b) &&
	          targets_add_prefix(&t, &c));
	t.more_specific = true;
	ck_assert(targets_finalize(&t));
	static const struct { const char *p; bool covering; enum target_class want; } q[] = {
		{ "10.0.255.128/25", false, TGT_TARGET }, { "10.0.254.0/24", true, TGT_NONE },
		{ "10.1.0.0/24", true, TGT_NONE },        { "10.0.0.0/16", true, TGT_COVER },
		{ "10.3.255.0/24", false, TGT_TARGET },   { "10.4.0.0/16", true, TGT_NONE },
		{ "10.0.0.0/8", true, TGT_COVER },        { "11.0.0.0/8", true, TGT_NONE },
		{ "2001:db8:ff80::/48", false, TGT_TARGET }, { "2001:db9::/32", true, TGT_NONE },
		{ "2001::/16", true, TGT_COVER },         { "2000::/3", true, TGT_COVER },
		{ "10.0.255.0/24", false, TGT_TARGET },
	};
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		struct prefix p = P(q[i].p);
		ck_assert_msg(targets_classify(&t, &p, q[i].covering) == q[i].want, "%s", q[i].p);
	}
	targets_free(&t);
}
END_TEST

START_TEST(describe_names_four_and_describe_list_names_what_fits)
{
	struct targets t;
	targets_init(&t);
	for (int i = 0; i < 30; i++) {
		char text[32];
		snprintf(text, sizeof text, "10.%d.0.0/16", i);
		struct prefix p = P(text);
		ck_assert(targets_add_prefix(&t, &p));
	}
	ck_assert(targets_finalize(&t));
	char d[1024];
	targets_describe(&t, d, sizeof d);
	ck_assert_str_eq(d, "10.0.0.0/16, 10.1.0.0/16, 10.2.0.0/16, 10.3.0.0/16 and 26 more");
	targets_describe_list(&t, SIZE_MAX, d, sizeof d);
	ck_assert_ptr_nonnull(strstr(d, ", 10.29.0.0/16"));
	ck_assert_ptr_null(strstr(d, "more"));
	targets_describe_list(&t, SIZE_MAX, d, 120);         /* what fits, then how many more */
	ck_assert_ptr_nonnull(strstr(d, " and "));
	ck_assert_ptr_nonnull(strstr(d, " more"));
	ck_assert_uint_lt(strlen(d), 120);
	targets_free(&t);
}
END_TEST

START_TEST(origins_are_looked_up_sorted)
{
	struct targets t;
	targets_init(&t);
	ck_assert(targets_add_origin(&t, 4837));
	ck_assert(targets_add_origin(&t, 131279));
	ck_assert(targets_add_origin(&t, 22351));
	ck_assert(targets_finalize(&t));
	ck_assert(targets_has_origin(&t, 131279));
	ck_assert(targets_has_origin(&t, 4837));
	ck_assert(!targets_has_origin(&t, 1));
	ck_assert(!targets_all(&t));
	targets_free(&t);
}
END_TEST

START_TEST(ipv6_ranges)
{
	struct targets t;
	targets_init(&t);
	struct prefix r = P("2001:db8:8000::/33");
	ck_assert(targets_add_prefix(&t, &r));
	t.more_specific = true;
	ck_assert(targets_finalize(&t));
	struct prefix a = P("2001:db8:ffff::/48"), b = P("2001:db8:7fff::/48"), c = P("2001:db8::/32"),
	              d = P("2001:db8:8000::1/128");
	ck_assert_int_eq(targets_classify(&t, &a, false), TGT_TARGET);
	ck_assert_int_eq(targets_classify(&t, &b, false), TGT_NONE);
	ck_assert_int_eq(targets_classify(&t, &c, true), TGT_COVER);
	ck_assert_int_eq(targets_classify(&t, &d, false), TGT_TARGET);
	targets_free(&t);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("targets");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, prefixes_file_with_comments_and_blank_lines);
	tcase_add_test(tc, prefixes_file_bad_line_names_the_line);
	tcase_add_test(tc, non_power_of_two_ranges_split_into_prefixes);
	tcase_add_test(tc, delegation_lines);
	tcase_add_test(tc, delegation_file_for_a_country);
	tcase_add_test(tc, classify_exact_more_specific_and_covering);
	tcase_add_test(tc, classify_agrees_with_the_ranges_at_every_block_edge);
	tcase_add_test(tc, describe_names_four_and_describe_list_names_what_fits);
	tcase_add_test(tc, origins_are_looked_up_sorted);
	tcase_add_test(tc, ipv6_ranges);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
