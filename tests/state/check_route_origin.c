/*
 * check_route_origin.c — the origin of a route (route_origin.c) and the
 * rib's per-(prefix, vantage point) origins (rib_origin), one test per rule.
 */
#include <check.h>
#include <stdlib.h>

#include "check_run.h"
#include "decode/bgp.h"
#include "mrtwrite.h"
#include "state/rib.h"
#include "state_helpers.h"

static struct route_origins RO;
static struct rib R;
static uint8_t PATH[512];

static void setup(void)
{
	ro_init(&RO);
	rib_init(&R);
	ck_assert(rib_track_origins(&R));
}

static void teardown(void)
{
	ro_free(&RO);
	rib_free(&R);
}

/* An AS_PATH of segments given as (type, count, asns...) runs, ended by 0. */
static struct cursor path(const uint32_t *spec)
{
	size_t o = 0;
	while (spec[0]) {
		PATH[o++] = (uint8_t)spec[0];
		PATH[o++] = (uint8_t)spec[1];
		for (uint32_t i = 0; i < spec[1]; i++) {
			uint32_t a = spec[2 + i];
			PATH[o++] = (uint8_t)(a >> 24);
			PATH[o++] = (uint8_t)(a >> 16);
			PATH[o++] = (uint8_t)(a >> 8);
			PATH[o++] = (uint8_t)a;
		}
		spec += 2 + spec[1];
	}
	return cur_make(PATH, o);
}

static const char *text(uint32_t c)
{
	static char buf[RO_STRLEN];
	ro_format(&RO, c, buf, sizeof buf);
	return buf;
}

START_TEST(origin_is_the_last_as_of_the_path)
{
	uint32_t seq[] = { AS_SEQUENCE, 3, 3491, 17557, 17557, 0 };
	uint32_t c = ro_class_of_path(&RO, path(seq));
	ck_assert_str_eq(text(c), "17557");
	ck_assert_uint_eq(c, ro_class_of_asn(&RO, 17557));     /* interned: one class */
	uint32_t other[] = { AS_SEQUENCE, 2, 1299, 36561, 0 };
	ck_assert_uint_ne(ro_class_of_path(&RO, path(other)), c);
}
END_TEST

START_TEST(as_set_at_the_end_is_its_own_origin_class)
{
	uint32_t agg[] = { AS_SEQUENCE, 2, 3356, 65001, AS_SET, 3, 64513, 64512, 64513, 0 };
	uint32_t c = ro_class_of_path(&RO, path(agg));
	ck_assert_uint_eq(ro_class(&RO, c)->kind, RO_SET);
	ck_assert_str_eq(text(c), "{64512,64513}");
	/* the same members in another order and with another path: the same class */
	uint32_t again[] = { AS_SEQUENCE, 1, 174, AS_SET, 2, 64512, 64513, 0 };
	ck_assert_uint_eq(ro_class_of_path(&RO, path(again)), c);
	/* neither the AS before the set nor one member alone */
	ck_assert_uint_ne(c, ro_class_of_asn(&RO, 65001));
	ck_assert_uint_ne(c, ro_class_of_asn(&RO, 64512));
	uint32_t other[] = { AS_SET, 1, 64512, 0 };
	ck_assert_uint_ne(ro_class_of_path(&RO, path(other)), c);
}
END_TEST

START_TEST(set_before_the_last_sequence_does_not_count)
{
	uint32_t p[] = { AS_SET, 2, 1, 2, AS_SEQUENCE, 1, 36561, 0 };
	ck_assert_str_eq(text(ro_class_of_path(&RO, path(p))), "36561");
}
END_TEST

START_TEST(confederation_segments_are_skipped)
{
	uint32_t p[] = { AS_SEQUENCE, 2, 3356, 36561, AS_CONFED_SEQUENCE, 2, 65001, 65002, 0 };
	ck_assert_str_eq(text(ro_class_of_path(&RO, path(p))), "36561");
	uint32_t only[] = { AS_CONFED_SEQUENCE, 1, 65001, 0 };
	ck_assert_str_eq(text(ro_class_of_path(&RO, path(only))), "none");
}
END_TEST

START_TEST(empty_or_unreadable_path_has_origin_none)
{
	uint32_t c = ro_class_of_path(&RO, cur_make(PATH, 0));
	ck_assert_uint_eq(ro_class(&RO, c)->kind, RO_EMPTY);
	uint8_t bad[] = { AS_SEQUENCE, 5, 0, 0, 0, 1 };         /* 5 ASNs announced, 1 there */
	ck_assert_uint_eq(ro_class_of_path(&RO, cur_make(bad, sizeof bad)), c);
}
END_TEST

/* A 2-byte speaker's UPDATE: AS_PATH 3491 23456 (AS_TRANS), AS4_PATH 196608:
 * the origin is the 4-byte AS, after the decoder's merge (RFC 6793 4.2.3). */
START_TEST(origin_is_taken_after_the_as4_path_merge)
{
	struct mw_buf a = MW_BUF_INIT;
	uint32_t two[] = { 3491, 23456 }, four[] = { 196608 };
	mw_attr_origin(&a, 0);
	mw_attr_as_seq(&a, 2, two, 2);
	struct mw_seg s4 = { AS_SEQUENCE, 1, four };
	mw_attr_as4_path(&a, &s4, 1);
	struct bgp_attr_opts opt = { .asn_size = 2 };
	static struct bgp_scratch scratch;
	struct bgp_attrs out;
	const char *why = NULL;
	ck_assert_int_eq(bgp_decode_attrs(cur_make(a.p, a.len), &opt, &scratch, &out, &why), 0);
	ck_assert_str_eq(text(ro_class_of_path(&RO, out.as_path)), "196608");
	mw_free(&a);
}
END_TEST

/* ---- per (prefix, vantage point), through the rib ----------------------- */

static uint32_t vp_n(int k)
{
	char ip[32];
	snprintf(ip, sizeof ip, "192.0.2.%d", k + 1);
	struct addr a = A(ip);
	return rib_vp(&R, 0, &a, 65000, 0);
}

static uint32_t pfx(const char *s)
{
	struct prefix p = P(s);
	return rib_add(&R, &p);
}

static bool ann_as(uint32_t p, uint32_t vp, uint32_t asn)
{
	return rib_announce_origin(&R, p, vp, false, 0, ro_class_of_asn(R.org, asn));
}

START_TEST(each_vantage_point_keeps_its_own_origin)
{
	uint32_t p = pfx("208.65.153.0/24"), a = vp_n(0), b = vp_n(1), c = vp_n(2);
	ck_assert(ann_as(p, a, 36561));
	ck_assert(ann_as(p, b, 36561));
	ck_assert(ro_single(R.org, p));
	ck_assert(ann_as(p, c, 17557));                /* a second origin: MOAS */
	ck_assert(!ro_single(R.org, p));
	ck_assert_uint_eq(rib_origin(&R, p, a), ro_class_of_asn(R.org, 36561));
	ck_assert_uint_eq(rib_origin(&R, p, b), ro_class_of_asn(R.org, 36561));
	ck_assert_uint_eq(rib_origin(&R, p, c), ro_class_of_asn(R.org, 17557));
}
END_TEST

START_TEST(origin_change_without_presence_change_is_a_change)
{
	uint32_t p = pfx("208.65.153.0/24"), a = vp_n(0), b = vp_n(1);
	ck_assert(ann_as(p, a, 36561));
	ck_assert(ann_as(p, b, 36561));
	ck_assert(!ann_as(p, a, 36561));               /* the same route again */
	ck_assert(ann_as(p, a, 17557));                /* implicit replace, new origin */
	ck_assert_uint_eq(rib_origin(&R, p, a), ro_class_of_asn(R.org, 17557));
	ck_assert_uint_eq(rib_origin(&R, p, b), ro_class_of_asn(R.org, 36561));
	/* the lone holder changing origin needs no table either */
	uint32_t q = pfx("10.0.0.0/8");
	ck_assert(ann_as(q, a, 1));
	ck_assert(ann_as(q, a, 2));
	ck_assert(ro_single(R.org, q));
	ck_assert_uint_eq(rib_origin(&R, q, a), ro_class_of_asn(R.org, 2));
}
END_TEST

START_TEST(withdrawn_route_has_no_origin)
{
	uint32_t p = pfx("208.65.153.0/24"), a = vp_n(0);
	ann_as(p, a, 17557);
	ck_assert(rib_withdraw(&R, p, a, false, 0));
	ck_assert_uint_eq(rib_origin(&R, p, a), RO_NONE);
	ck_assert(ann_as(p, a, 36561));                /* back with another origin */
	ck_assert_uint_eq(rib_origin(&R, p, a), ro_class_of_asn(R.org, 36561));
}
END_TEST

START_TEST(origins_follow_vantage_points_past_64)
{
	uint32_t p = pfx("208.65.153.0/24");
	for (int k = 0; k < 70; k++)
		ann_as(p, vp_n(k), k % 2 ? 17557 : 36561);
	for (int k = 0; k < 70; k++)
		ck_assert_uint_eq(rib_origin(&R, p, vp_n(k)),
		                  ro_class_of_asn(R.org, k % 2 ? 17557 : 36561));
}
END_TEST

START_TEST(origins_are_not_kept_unless_asked)
{
	struct rib plain;
	rib_init(&plain);
	struct prefix x = P("10.0.0.0/8");
	struct addr a = A("192.0.2.1");
	uint32_t p = rib_add(&plain, &x), vp = rib_vp(&plain, 0, &a, 1, 0);
	uint32_t seq[] = { AS_SEQUENCE, 1, 1, 0 };
	ck_assert_uint_eq(rib_origin_class(&plain, path(seq)), RO_NONE);
	ck_assert(rib_announce_origin(&plain, p, vp, false, 0, RO_NONE));
	ck_assert_uint_eq(rib_origin(&plain, p, vp), RO_NONE);
	ck_assert_ptr_null(plain.org);
	rib_free(&plain);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("route_origin");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, origin_is_the_last_as_of_the_path);
	tcase_add_test(tc, as_set_at_the_end_is_its_own_origin_class);
	tcase_add_test(tc, set_before_the_last_sequence_does_not_count);
	tcase_add_test(tc, confederation_segments_are_skipped);
	tcase_add_test(tc, empty_or_unreadable_path_has_origin_none);
	tcase_add_test(tc, origin_is_taken_after_the_as4_path_merge);
	tcase_add_test(tc, each_vantage_point_keeps_its_own_origin);
	tcase_add_test(tc, origin_change_without_presence_change_is_a_change);
	tcase_add_test(tc, withdrawn_route_has_no_origin);
	tcase_add_test(tc, origins_follow_vantage_points_past_64);
	tcase_add_test(tc, origins_are_not_kept_unless_asked);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
