/*
 * check_filter.c — unit tests for filter.c.
 * Owns: one test per filter rule of filter.h, on hand-built elements.
 * Never: decodes MRT; paths are written as wire segments here.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

/* A path of one AS_SEQUENCE "4837 131279" and one ending in an AS_SET. */
static const uint8_t path_seq[] = {
	AS_SEQUENCE, 2, 0, 0, 0x12, 0xe5, 0x00, 0x02, 0x00, 0xcf,
};
static const uint8_t path_set[] = {
	AS_SEQUENCE, 1, 0, 0, 0x12, 0xe5,
	AS_SET, 2, 0x00, 0x02, 0x00, 0xcf, 0, 0, 0, 1,
};
static struct bgp_attrs attrs_seq, attrs_set, attrs_empty;

static void setup(void)
{
	memset(&attrs_seq, 0, sizeof attrs_seq);
	memset(&attrs_set, 0, sizeof attrs_set);
	memset(&attrs_empty, 0, sizeof attrs_empty);
	attrs_seq.as_path = cur_make(path_seq, sizeof path_seq);
	attrs_set.as_path = cur_make(path_set, sizeof path_set);
	attrs_empty.as_path = cur_make(NULL, 0);
}

static struct prefix P(const char *s)
{
	struct prefix p;
	ck_assert_msg(prefix_parse(s, &p, false), "bad test prefix %s", s);
	return p;
}

/* An element of the given type for prefix s (NULL for STATE). */
static struct elem E(enum elem_type type, const char *s)
{
	struct elem e;

	memset(&e, 0, sizeof e);
	e.type = type;
	e.ts = 1419264900;
	ck_assert(addr_parse("12.0.1.63", &e.peer_ip));
	e.peer_as = 7018;
	if (s)
		e.prefix = P(s);
	if (type == ELEM_RIB || type == ELEM_ANNOUNCE)
		e.attrs = &attrs_seq;
	if (type == ELEM_STATE) {
		e.old_state = BGP_STATE_ESTABLISHED;
		e.new_state = BGP_STATE_IDLE;
	}
	return e;
}

static void add_prefix(struct filter *f, const char *s)
{
	f->prefixes[f->nprefixes++] = P(s);
}

START_TEST(init_matches_everything)
{
	struct filter f;
	struct elem e;

	filter_init(&f);
	e = E(ELEM_RIB, "10.0.0.0/8");
	ck_assert(filter_match(&f, &e));
	e = E(ELEM_WITHDRAW, "2001:db8::/32");
	ck_assert(filter_match(&f, &e));
	e = E(ELEM_STATE, NULL);
	ck_assert(filter_match(&f, &e));
	e.ts = 0;
	ck_assert(filter_match(&f, &e));
	e.ts = UINT32_MAX;
	ck_assert(filter_match(&f, &e));
}
END_TEST

START_TEST(prefix_exact_matches_only_equal)
{
	struct filter f;
	struct elem e;

	filter_init(&f);
	add_prefix(&f, "175.45.176.0/22");
	e = E(ELEM_ANNOUNCE, "175.45.176.0/22");
	ck_assert(filter_match(&f, &e));
	e = E(ELEM_ANNOUNCE, "175.45.176.0/24");
	ck_assert(!filter_match(&f, &e));
	e = E(ELEM_ANNOUNCE, "175.45.176.0/21");
	ck_assert(!filter_match(&f, &e));
	e = E(ELEM_ANNOUNCE, "175.45.180.0/22");
	ck_assert(!filter_match(&f, &e));
}
END_TEST

START_TEST(prefix_more_specific_includes_self)
{
	struct filter f;
	struct elem e;

	filter_init(&f);
	f.match = MATCH_MORE_SPECIFIC;
	add_prefix(&f, "175.45.176.0/22");
	static const char *in[] = {
		"175.45.176.0/22", "175.45.176.0/24", "175.45.179.0/24", "175.45.178.128/25",
	};
	static const char *out[] = {
		"175.45.176.0/21", "175.45.180.0/24", "175.45.0.0/16", "0.0.0.0/0",
	};
	for (size_t i = 0; i < 4; i++) {
		e = E(ELEM_RIB, in[i]);
		ck_assert_msg(filter_match(&f, &e), "%s dropped", in[i]);
		e = E(ELEM_RIB, out[i]);
		ck_assert_msg(!filter_match(&f, &e), "%s passed", out[i]);
	}
}
END_TEST

START_TEST(prefix_less_specific_includes_self)
{
	struct filter f;
	struct elem e;

	filter_init(&f);
	f.match = MATCH_LESS_SPECIFIC;
	add_prefix(&f, "175.45.177.0/24");
	static const char *in[] = {
		"175.45.177.0/24", "175.45.176.0/22", "175.32.0.0/11", "0.0.0.0/0",
	};
	static const char *out[] = {
		"175.45.177.0/25", "175.45.176.0/24", "175.45.180.0/22", "::/0",
	};
	for (size_t i = 0; i < 4; i++) {
		e = E(ELEM_ANNOUNCE, in[i]);
		ck_assert_msg(filter_match(&f, &e), "%s dropped", in[i]);
		e = E(ELEM_ANNOUNCE, out[i]);
		ck_assert_msg(!filter_match(&f, &e), "%s passed", out[i]);
	}
}
END_TEST

START_TEST(prefix_any_of_several)
{
	struct filter f;
	struct elem e;

	filter_init(&f);
	f.match = MATCH_MORE_SPECIFIC;
	add_prefix(&f, "10.0.0.0/8");
	add_prefix(&f, "2001:db8::/32");
	e = E(ELEM_WITHDRAW, "2001:db8:1::/48");
	ck_assert(filter_match(&f, &e));
	e = E(ELEM_WITHDRAW, "10.1.0.0/16");
	ck_assert(filter_match(&f, &e));
	e = E(ELEM_WITHDRAW, "11.0.0.0/8");
	ck_assert(!filter_match(&f, &e));
}
END_TEST

START_TEST(prefix_filter_never_mixes_families)
{
	struct filter f;
	struct elem e;

	filter_init(&f);
	f.match = MATCH_MORE_SPECIFIC;
	add_prefix(&f, "0.0.0.0/0");
	e = E(ELEM_RIB, "2001:db8::/32");
	ck_assert(!filter_match(&f, &e));
	e = E(ELEM_RIB, "1.0.0.0/24");
	ck_assert(filter_match(&f, &e));
}
END_TEST

START_TEST(prefix_filter_drops_state)
{
	struct filter f;
	struct elem e = E(ELEM_STATE, NULL);

	filter_init(&f);
	f.match = MATCH_MORE_SPECIFIC;
	add_prefix(&f, "0.0.0.0/0");
	add_prefix(&f, "::/0");
	ck_assert(!filter_match(&f, &e));
}
END_TEST

START_TEST(prefix_filter_passes_withdrawals)
{
	struct filter f;
	struct elem e = E(ELEM_WITHDRAW, "175.45.176.0/24");

	filter_init(&f);
	add_prefix(&f, "175.45.176.0/24");
	ck_assert(filter_match(&f, &e));
}
END_TEST

START_TEST(origin_is_last_asn_of_path)
{
	struct filter f;
	struct elem e = E(ELEM_ANNOUNCE, "175.45.176.0/24");

	filter_init(&f);
	f.origins[f.norigins++] = 131279;
	ck_assert(filter_match(&f, &e));
	e.type = ELEM_RIB;
	ck_assert(filter_match(&f, &e));
	f.origins[0] = 4837;         /* on the path, but not the origin */
	ck_assert(!filter_match(&f, &e));
	f.origins[f.norigins++] = 131279;
	ck_assert(filter_match(&f, &e));
}
END_TEST

START_TEST(origin_filter_drops_withdrawals_and_state)
{
	struct filter f;
	struct elem w = E(ELEM_WITHDRAW, "175.45.176.0/24");
	struct elem s = E(ELEM_STATE, NULL);

	filter_init(&f);
	f.origins[f.norigins++] = 131279;
	ck_assert(!filter_match(&f, &w));
	w.attrs = &attrs_seq;         /* even if a decoder left attrs set */
	ck_assert(!filter_match(&f, &w));
	ck_assert(!filter_match(&f, &s));
}
END_TEST

START_TEST(origin_filter_drops_paths_without_origin)
{
	struct filter f;
	struct elem e = E(ELEM_ANNOUNCE, "175.45.176.0/24");

	filter_init(&f);
	f.origins[f.norigins++] = 131279;
	f.origins[f.norigins++] = 1;
	f.origins[f.norigins++] = 0;
	e.attrs = &attrs_set;         /* ends in an AS_SET */
	ck_assert(!filter_match(&f, &e));
	e.attrs = &attrs_empty;       /* iBGP-style empty path */
	ck_assert(!filter_match(&f, &e));
	e.attrs = NULL;
	ck_assert(!filter_match(&f, &e));
}
END_TEST

START_TEST(peer_ip_any_of_several)
{
	struct filter f;
	struct elem e = E(ELEM_STATE, NULL);

	filter_init(&f);
	ck_assert(addr_parse("2001:7f8::1", &f.peers[f.npeers++]));
	ck_assert(!filter_match(&f, &e));
	ck_assert(addr_parse("12.0.1.63", &f.peers[f.npeers++]));
	ck_assert(filter_match(&f, &e));        /* applies to STATE too */
	e = E(ELEM_RIB, "10.0.0.0/8");
	ck_assert(filter_match(&f, &e));
	ck_assert(addr_parse("12.0.1.64", &e.peer_ip));
	ck_assert(!filter_match(&f, &e));
}
END_TEST

START_TEST(peer_as_any_of_several)
{
	struct filter f;
	struct elem e = E(ELEM_ANNOUNCE, "10.0.0.0/8");

	filter_init(&f);
	f.peer_asns[f.npeer_asns++] = 3356;
	ck_assert(!filter_match(&f, &e));
	f.peer_asns[f.npeer_asns++] = 7018;
	ck_assert(filter_match(&f, &e));
	e = E(ELEM_STATE, NULL);
	ck_assert(filter_match(&f, &e));
}
END_TEST

START_TEST(time_bounds_inclusive)
{
	struct filter f;
	struct elem e = E(ELEM_ANNOUNCE, "10.0.0.0/8");

	filter_init(&f);
	f.start = 1419264900;
	f.end = 1419299160;
	e.ts = 1419264900;
	ck_assert(filter_match(&f, &e));
	e.ts = 1419299160;
	ck_assert(filter_match(&f, &e));
	e.ts = 1419264899;
	ck_assert(!filter_match(&f, &e));
	e.ts = 1419299161;
	ck_assert(!filter_match(&f, &e));
	f.start = 0;                  /* only an end */
	f.end = INT64_MAX;
	e.ts = UINT32_MAX;
	ck_assert(filter_match(&f, &e));
	f.end = -1;                   /* an end before every timestamp */
	e.ts = 0;
	ck_assert(!filter_match(&f, &e));
}
END_TEST

START_TEST(types_bitmask)
{
	struct filter f;
	struct elem a = E(ELEM_ANNOUNCE, "10.0.0.0/8"), w = E(ELEM_WITHDRAW, "10.0.0.0/8");
	struct elem r = E(ELEM_RIB, "10.0.0.0/8"), s = E(ELEM_STATE, NULL);

	filter_init(&f);
	f.types = 1u << ELEM_ANNOUNCE | 1u << ELEM_WITHDRAW;
	ck_assert(filter_match(&f, &a));
	ck_assert(filter_match(&f, &w));
	ck_assert(!filter_match(&f, &r));
	ck_assert(!filter_match(&f, &s));
	f.types = 1u << ELEM_STATE;
	ck_assert(filter_match(&f, &s));
	ck_assert(!filter_match(&f, &a));
}
END_TEST

START_TEST(all_kinds_must_match)
{
	struct filter f;
	struct elem e = E(ELEM_ANNOUNCE, "175.45.177.0/24");

	filter_init(&f);
	f.match = MATCH_MORE_SPECIFIC;
	add_prefix(&f, "175.45.176.0/22");
	f.origins[f.norigins++] = 131279;
	f.peer_asns[f.npeer_asns++] = 7018;
	ck_assert(addr_parse("12.0.1.63", &f.peers[f.npeers++]));
	f.start = 1419264900;
	f.end = 1419264900;
	f.types = 1u << ELEM_ANNOUNCE;
	ck_assert(filter_match(&f, &e));
	struct elem x = e;
	x.ts++;
	ck_assert(!filter_match(&f, &x));
	x = e;
	x.peer_as = 1;
	ck_assert(!filter_match(&f, &x));
	x = e;
	x.type = ELEM_RIB;
	ck_assert(!filter_match(&f, &x));
	x = e;
	x.prefix = P("175.45.180.0/24");
	ck_assert(!filter_match(&f, &x));
	x = e;
	x.attrs = &attrs_set;
	ck_assert(!filter_match(&f, &x));
}
END_TEST

static Suite *filter_suite(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("filter");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, init_matches_everything);
	tcase_add_test(tc, prefix_exact_matches_only_equal);
	tcase_add_test(tc, prefix_more_specific_includes_self);
	tcase_add_test(tc, prefix_less_specific_includes_self);
	tcase_add_test(tc, prefix_any_of_several);
	tcase_add_test(tc, prefix_filter_never_mixes_families);
	tcase_add_test(tc, prefix_filter_drops_state);
	tcase_add_test(tc, prefix_filter_passes_withdrawals);
	tcase_add_test(tc, origin_is_last_asn_of_path);
	tcase_add_test(tc, origin_filter_drops_withdrawals_and_state);
	tcase_add_test(tc, origin_filter_drops_paths_without_origin);
	tcase_add_test(tc, peer_ip_any_of_several);
	tcase_add_test(tc, peer_as_any_of_several);
	tcase_add_test(tc, time_bounds_inclusive);
	tcase_add_test(tc, types_bitmask);
	tcase_add_test(tc, all_kinds_must_match);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(filter_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
