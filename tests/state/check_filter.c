/*
 * check_filter.c — unit tests for filter.c.
 * Owns: one test per filter rule of filter.h, on hand-built elements.
 * Never: decodes MRT; paths are written as wire segments here.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "state/filter.h"

/* A path of one AS_SEQUENCE "4837 131279" and one ending in an AS_SET. */
static const uint8_t path_seq[] = {
	AS_SEQUENCE, 2, 0, 0, 0x12, 0xe5, 0x00, 0x02, 0x00, 0xcf,
};
static const uint8_t path_set[] = {
	AS_SEQUENCE, 1, 0, 0, 0x12, 0xe5,
	AS_SET, 2, 0x00, 0x02, 0x00, 0xcf, 0, 0, 0, 1,
};
static struct bgp_attrs attrs_seq, attrs_set, attrs_empty;
static struct filter F;       /* each test's filter: filter_init() by setup */

static void setup(void)
{
	filter_init(&F);
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

START_TEST(family_filter_passes_routes_of_that_family_only)
{
	struct elem e;

	F.afi = AFI_IPV6;
	e = E(ELEM_RIB, "2001:db8::/32");
	ck_assert(filter_match(&F, &e));
	e = E(ELEM_WITHDRAW, "10.0.0.0/8");
	ck_assert(!filter_match(&F, &e));
	e = E(ELEM_STATE, NULL);
	ck_assert(!filter_match(&F, &e));
	F.afi = AFI_IPV4;
	e = E(ELEM_WITHDRAW, "10.0.0.0/8");
	ck_assert(filter_match(&F, &e));
}
END_TEST

START_TEST(community_filter_any_community_or_large_community)
{
	static const uint8_t comms[] = { 0xfd, 0xe8, 0, 100, 0xff, 0xff, 0xff, 0x01 };
	static const uint8_t large[] = { 0xfa, 0x56, 0xea, 0x00, 0, 0, 0, 1, 0, 0, 0, 2 };
	struct elem e = E(ELEM_ANNOUNCE, "10.0.0.0/8");

	attrs_seq.communities = cur_make(comms, sizeof comms);
	attrs_seq.large_communities = cur_make(large, sizeof large);
	attrs_seq.present |= ATTR_BIT(BGP_ATTR_COMMUNITIES) | ATTR_BIT(BGP_ATTR_LARGE_COMMUNITIES);
	F.communities[F.ncommunities++] = 65000u << 16 | 101;
	ck_assert(!filter_match(&F, &e));
	F.communities[F.ncommunities++] = 0xFFFFFF01;      /* no-export */
	ck_assert(filter_match(&F, &e));
	F.ncommunities = 0;
	F.large[0][0] = 4200000000u;
	F.large[0][1] = 1;
	F.large[0][2] = 3;
	F.nlarge = 1;
	ck_assert(!filter_match(&F, &e));
	F.large[0][2] = 2;
	ck_assert(filter_match(&F, &e));
	e = E(ELEM_WITHDRAW, "10.0.0.0/8");
	ck_assert(!filter_match(&F, &e));
	e = E(ELEM_STATE, NULL);
	ck_assert(!filter_match(&F, &e));
}
END_TEST

START_TEST(init_matches_everything)
{
	struct elem e;

	e = E(ELEM_RIB, "10.0.0.0/8");
	ck_assert(filter_match(&F, &e));
	e = E(ELEM_WITHDRAW, "2001:db8::/32");
	ck_assert(filter_match(&F, &e));
	e = E(ELEM_STATE, NULL);
	ck_assert(filter_match(&F, &e));
	e.ts = 0;
	ck_assert(filter_match(&F, &e));
	e.ts = UINT32_MAX;
	ck_assert(filter_match(&F, &e));
}
END_TEST

/* Prefix rules: the filter's prefixes and rule; elements of type with the
 * prefixes in[] pass, those with out[] do not (lists end at NULL). */
static const struct {
	enum prefix_match match;
	const char *filter[3];
	enum elem_type type;
	const char *in[5], *out[5];
} PREFIX_CASES[] = {
	{ MATCH_EXACT, { "175.45.176.0/22" }, ELEM_ANNOUNCE,       /* only equal */
	  { "175.45.176.0/22" },
	  { "175.45.176.0/24", "175.45.176.0/21", "175.45.180.0/22" } },
	{ MATCH_MORE_SPECIFIC, { "175.45.176.0/22" }, ELEM_RIB,    /* includes self */
	  { "175.45.176.0/22", "175.45.176.0/24", "175.45.179.0/24", "175.45.178.128/25" },
	  { "175.45.176.0/21", "175.45.180.0/24", "175.45.0.0/16", "0.0.0.0/0" } },
	{ MATCH_LESS_SPECIFIC, { "175.45.177.0/24" }, ELEM_ANNOUNCE,  /* includes self */
	  { "175.45.177.0/24", "175.45.176.0/22", "175.32.0.0/11", "0.0.0.0/0" },
	  { "175.45.177.0/25", "175.45.176.0/24", "175.45.180.0/22", "::/0" } },
	{ MATCH_MORE_SPECIFIC, { "10.0.0.0/8", "2001:db8::/32" }, ELEM_WITHDRAW,  /* any of several */
	  { "2001:db8:1::/48", "10.1.0.0/16" },
	  { "11.0.0.0/8" } },
	{ MATCH_MORE_SPECIFIC, { "0.0.0.0/0" }, ELEM_RIB,          /* never mixes families */
	  { "1.0.0.0/24" },
	  { "2001:db8::/32" } },
	{ MATCH_EXACT, { "175.45.176.0/24" }, ELEM_WITHDRAW,       /* passes withdrawals */
	  { "175.45.176.0/24" },
	  { NULL } },
};

START_TEST(prefix_rules)
{
	struct elem e;

	F.match = PREFIX_CASES[_i].match;
	for (size_t k = 0; k < 3 && PREFIX_CASES[_i].filter[k]; k++)
		add_prefix(&F, PREFIX_CASES[_i].filter[k]);
	for (size_t k = 0; k < 5 && PREFIX_CASES[_i].in[k]; k++) {
		e = E(PREFIX_CASES[_i].type, PREFIX_CASES[_i].in[k]);
		ck_assert_msg(filter_match(&F, &e), "%s dropped", PREFIX_CASES[_i].in[k]);
	}
	for (size_t k = 0; k < 5 && PREFIX_CASES[_i].out[k]; k++) {
		e = E(PREFIX_CASES[_i].type, PREFIX_CASES[_i].out[k]);
		ck_assert_msg(!filter_match(&F, &e), "%s passed", PREFIX_CASES[_i].out[k]);
	}
}
END_TEST

START_TEST(prefix_filter_drops_state)
{
	struct elem e = E(ELEM_STATE, NULL);

	F.match = MATCH_MORE_SPECIFIC;
	add_prefix(&F, "0.0.0.0/0");
	add_prefix(&F, "::/0");
	ck_assert(!filter_match(&F, &e));
}
END_TEST

START_TEST(origin_is_last_asn_of_path)
{
	struct elem e = E(ELEM_ANNOUNCE, "175.45.176.0/24");

	F.origins[F.norigins++] = 131279;
	ck_assert(filter_match(&F, &e));
	e.type = ELEM_RIB;
	ck_assert(filter_match(&F, &e));
	F.origins[0] = 4837;         /* on the path, but not the origin */
	ck_assert(!filter_match(&F, &e));
	F.origins[F.norigins++] = 131279;
	ck_assert(filter_match(&F, &e));
}
END_TEST

START_TEST(origin_filter_drops_withdrawals_and_state)
{
	struct elem w = E(ELEM_WITHDRAW, "175.45.176.0/24");
	struct elem s = E(ELEM_STATE, NULL);

	F.origins[F.norigins++] = 131279;
	ck_assert(!filter_match(&F, &w));
	w.attrs = &attrs_seq;         /* even if a decoder left attrs set */
	ck_assert(!filter_match(&F, &w));
	ck_assert(!filter_match(&F, &s));
}
END_TEST

START_TEST(origin_filter_drops_paths_without_origin)
{
	struct elem e = E(ELEM_ANNOUNCE, "175.45.176.0/24");

	F.origins[F.norigins++] = 131279;
	F.origins[F.norigins++] = 1;
	F.origins[F.norigins++] = 0;
	e.attrs = &attrs_set;         /* ends in an AS_SET */
	ck_assert(!filter_match(&F, &e));
	e.attrs = &attrs_empty;       /* iBGP-style empty path */
	ck_assert(!filter_match(&F, &e));
	e.attrs = NULL;
	ck_assert(!filter_match(&F, &e));
}
END_TEST

START_TEST(peer_ip_any_of_several)
{
	struct elem e = E(ELEM_STATE, NULL);

	ck_assert(addr_parse("2001:7f8::1", &F.peers[F.npeers++]));
	ck_assert(!filter_match(&F, &e));
	ck_assert(addr_parse("12.0.1.63", &F.peers[F.npeers++]));
	ck_assert(filter_match(&F, &e));        /* applies to STATE too */
	e = E(ELEM_RIB, "10.0.0.0/8");
	ck_assert(filter_match(&F, &e));
	ck_assert(addr_parse("12.0.1.64", &e.peer_ip));
	ck_assert(!filter_match(&F, &e));
}
END_TEST

START_TEST(peer_as_any_of_several)
{
	struct elem e = E(ELEM_ANNOUNCE, "10.0.0.0/8");

	F.peer_asns[F.npeer_asns++] = 3356;
	ck_assert(!filter_match(&F, &e));
	F.peer_asns[F.npeer_asns++] = 7018;
	ck_assert(filter_match(&F, &e));
	e = E(ELEM_STATE, NULL);
	ck_assert(filter_match(&F, &e));
}
END_TEST

START_TEST(time_bounds_inclusive)
{
	struct elem e = E(ELEM_ANNOUNCE, "10.0.0.0/8");

	F.start = 1419264900;
	F.end = 1419299160;
	e.ts = 1419264900;
	ck_assert(filter_match(&F, &e));
	e.ts = 1419299160;
	ck_assert(filter_match(&F, &e));
	e.ts = 1419264899;
	ck_assert(!filter_match(&F, &e));
	e.ts = 1419299161;
	ck_assert(!filter_match(&F, &e));
	F.start = 0;                  /* only an end */
	F.end = INT64_MAX;
	e.ts = UINT32_MAX;
	ck_assert(filter_match(&F, &e));
	F.end = -1;                   /* an end before every timestamp */
	e.ts = 0;
	ck_assert(!filter_match(&F, &e));
}
END_TEST

START_TEST(types_bitmask)
{
	struct elem a = E(ELEM_ANNOUNCE, "10.0.0.0/8"), w = E(ELEM_WITHDRAW, "10.0.0.0/8");
	struct elem r = E(ELEM_RIB, "10.0.0.0/8"), s = E(ELEM_STATE, NULL);

	F.types = 1u << ELEM_ANNOUNCE | 1u << ELEM_WITHDRAW;
	ck_assert(filter_match(&F, &a));
	ck_assert(filter_match(&F, &w));
	ck_assert(!filter_match(&F, &r));
	ck_assert(!filter_match(&F, &s));
	F.types = 1u << ELEM_STATE;
	ck_assert(filter_match(&F, &s));
	ck_assert(!filter_match(&F, &a));
}
END_TEST

START_TEST(all_kinds_must_match)
{
	struct elem e = E(ELEM_ANNOUNCE, "175.45.177.0/24");

	F.match = MATCH_MORE_SPECIFIC;
	add_prefix(&F, "175.45.176.0/22");
	F.origins[F.norigins++] = 131279;
	F.peer_asns[F.npeer_asns++] = 7018;
	ck_assert(addr_parse("12.0.1.63", &F.peers[F.npeers++]));
	F.start = 1419264900;
	F.end = 1419264900;
	F.types = 1u << ELEM_ANNOUNCE;
	ck_assert(filter_match(&F, &e));
	struct elem x = e;
	x.ts++;
	ck_assert(!filter_match(&F, &x));
	x = e;
	x.peer_as = 1;
	ck_assert(!filter_match(&F, &x));
	x = e;
	x.type = ELEM_RIB;
	ck_assert(!filter_match(&F, &x));
	x = e;
	x.prefix = P("175.45.180.0/24");
	ck_assert(!filter_match(&F, &x));
	x = e;
	x.attrs = &attrs_set;
	ck_assert(!filter_match(&F, &x));
}
END_TEST

static Suite *filter_suite(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("filter");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, init_matches_everything);
	tcase_add_loop_test(tc, prefix_rules, 0, (int)(sizeof PREFIX_CASES / sizeof PREFIX_CASES[0]));
	tcase_add_test(tc, prefix_filter_drops_state);
	tcase_add_test(tc, origin_is_last_asn_of_path);
	tcase_add_test(tc, origin_filter_drops_withdrawals_and_state);
	tcase_add_test(tc, origin_filter_drops_paths_without_origin);
	tcase_add_test(tc, peer_ip_any_of_several);
	tcase_add_test(tc, peer_as_any_of_several);
	tcase_add_test(tc, time_bounds_inclusive);
	tcase_add_test(tc, types_bitmask);
	tcase_add_test(tc, all_kinds_must_match);
	tcase_add_test(tc, family_filter_passes_routes_of_that_family_only);
	tcase_add_test(tc, community_filter_any_community_or_large_community);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(filter_suite());
}
