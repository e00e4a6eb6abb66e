/*
 * check_rib.c — per vantage point route presence (rib.c), one test per rule.
 * Owns: the rib-level rules: announce/withdraw, session down, RIB resync,
 * vantage point identity, ADD-PATH, bitset growth, table-size counters.
 */
#include <check.h>
#include <stdlib.h>

#include "check_run.h"
#include "state/rib.h"
#include "state_helpers.h"

/* Each test's routing state, set up and freed by the fixture. */
static struct rib R;

static void setup(void) { rib_init(&R); }
static void teardown(void) { rib_free(&R); }

/* A unicast announcement without a path id; true if presence changed. */
static bool ann(uint32_t i, uint32_t vp)
{
	return rib_announce(&R, i, vp, false, 0);
}

/* Vantage point ip of collector col (AS 1, first seen at 0). */
static uint32_t vp_at(uint32_t col, const char *ip)
{
	struct addr a = A(ip);
	return rib_vp(&R, col, &a, 1, 0);
}

static uint32_t pfx(const char *s)
{
	struct prefix p = P(s);
	return rib_add(&R, &p);
}

/* Route i of vp as a RIB entry of the dump (family, input src, time ts). */
static void dump_ann(uint32_t i, uint32_t vp, uint8_t afi, uint32_t src, uint32_t ts)
{
	rib_dump_entry(&R, vp, afi, src, ts);
	ann(i, vp);
}

/* Input src ends (whole or damaged): rib_source_end gives want, and
 * dropped routes. */
static void source_end_is(uint32_t src, bool whole, size_t want, size_t dropped)
{
	size_t d;
	ck_assert_uint_eq(rib_source_end(&R, src, whole, &d), want);
	ck_assert_uint_eq(d, dropped);
}

START_TEST(announce_then_withdraw)
{
	struct addr a = A("192.0.2.1");
	struct prefix p = P("175.45.176.0/24");
	uint32_t vp = rib_vp(&R, 0, &a, 65000, 10);
	uint32_t i = rib_add(&R, &p);
	ck_assert(!rib_has(&R, i, vp));
	ck_assert(ann(i, vp));
	ck_assert(!ann(i, vp));      /* implicit replace: no change */
	ck_assert(rib_has(&R, i, vp));
	ck_assert(rib_withdraw(&R, i, vp, false, 0));
	ck_assert(!rib_has(&R, i, vp));
	ck_assert(!rib_withdraw(&R, i, vp, false, 0));      /* withdrawing nothing */
}
END_TEST

START_TEST(session_down_withdraws_all_routes_of_that_peer)
{
	struct addr a = A("192.0.2.1"), b = A("192.0.2.2");
	uint32_t va = rib_vp(&R, 0, &a, 1, 0), vb = rib_vp(&R, 0, &b, 2, 0);
	for (int k = 0; k < 10; k++) {
		char s[32];
		snprintf(s, sizeof s, "10.0.%d.0/24", k);
		struct prefix p = P(s);
		uint32_t i = rib_add(&R, &p);
		ann(i, va);
		ann(i, vb);
	}
	ck_assert_uint_eq(rib_session_down(&R, va), 10);
	for (uint32_t i = 0; i < 10; i++) {
		ck_assert(!rib_has(&R, i, va));
		ck_assert(rib_has(&R, i, vb));
	}
}
END_TEST

START_TEST(rib_resync_drops_routes_the_dump_does_not_list)
{
	uint32_t vp = vp_at(0, "192.0.2.1");
	uint32_t i1 = pfx("10.0.1.0/24"), i2 = pfx("10.0.2.0/24");
	ann(i1, vp);
	ann(i2, vp);
	/* a later dump (source 7) lists only p1 */
	dump_ann(i1, vp, AFI_IPV4, 7, 1000);
	size_t dropped;
	ck_assert(rib_source_end(&R, 3, true, &dropped) == RIB_NONE);   /* another source: nothing */
	source_end_is(7, true, 0, 1);
	ck_assert(rib_has(&R, i1, vp));
	ck_assert(!rib_has(&R, i2, vp));
	ck_assert_uint_eq(R.vt.vps[vp].table_size[0], 1);
}
END_TEST

START_TEST(two_files_of_one_dump_count_as_one)
{
	uint32_t vp = vp_at(0, "192.0.2.1");
	uint32_t i4 = pfx("10.0.1.0/24"), i6 = pfx("2001:db8::/32");
	ann(i4, vp);
	ann(i6, vp);
	/* the dump at 1000 comes as two files: IPv4 (source 5), IPv6 (source 6) */
	dump_ann(i4, vp, AFI_IPV4, 5, 1000);
	ck_assert_uint_eq(rib_dump_close(&R, 5, true), 0);
	dump_ann(i6, vp, AFI_IPV6, 6, 1000);
	ck_assert_uint_eq(rib_dump_close(&R, 6, true), 0);
	size_t dropped;
	ck_assert(rib_resync_pending(&R, &dropped));
	ck_assert_uint_eq(dropped, 0);
	ck_assert(rib_has(&R, i4, vp) && rib_has(&R, i6, vp));
	ck_assert_uint_eq(R.vt.vps[vp].table_size[0], 1);
	ck_assert_uint_eq(R.vt.vps[vp].table_size[1], 1);
	ck_assert(!rib_resync_pending(&R, &dropped));
	/* a dump at another time is a new dump: what it lacks goes */
	dump_ann(i4, vp, AFI_IPV4, 7, 2000);
	rib_dump_close(&R, 7, true);
	ck_assert(rib_resync_pending(&R, &dropped));
	ck_assert_uint_eq(dropped, 1);
	ck_assert(!rib_has(&R, i6, vp));
}
END_TEST

START_TEST(damaged_dump_drops_nothing)
{
	uint32_t vp = vp_at(0, "192.0.2.1");
	uint32_t i1 = pfx("10.0.1.0/24"), i2 = pfx("10.0.2.0/24");
	dump_ann(i1, vp, AFI_IPV4, 6, 500);
	dump_ann(i2, vp, AFI_IPV4, 6, 500);
	size_t dropped;
	rib_source_end(&R, 6, true, &dropped);
	/* the next dump is cut short after p1 */
	dump_ann(i1, vp, AFI_IPV4, 7, 1000);
	source_end_is(7, false, 0, 0);
	ck_assert(rib_has(&R, i2, vp));
	ck_assert_uint_eq(R.vt.vps[vp].table_size[0], 2);   /* the whole dump's size stays */
}
END_TEST

START_TEST(rib_resync_keeps_updates_interleaved_with_the_dump)
{
	uint32_t va = vp_at(0, "192.0.2.1"), vb = vp_at(0, "192.0.2.2");
	uint32_t i1 = pfx("10.0.1.0/24"), i2 = pfx("10.0.2.0/24");
	dump_ann(i1, va, AFI_IPV4, 7, 1000);
	/* an update read while the dump is open: it is newer than the dump */
	ann(i2, vb);
	source_end_is(7, true, 0, 0);
	ck_assert(rib_has(&R, i2, vb));
	ck_assert(rib_has(&R, i1, va));
}
END_TEST

START_TEST(rib_resync_leaves_other_collectors_alone)
{
	uint32_t v0 = vp_at(0, "192.0.2.1"), v1 = vp_at(1, "192.0.2.1");
	uint32_t i = pfx("10.0.1.0/24");
	ann(i, v0);
	ann(i, v1);
	uint32_t j = pfx("10.9.0.0/16");
	dump_ann(j, v0, AFI_IPV4, 4, 50);
	size_t dropped;
	rib_source_end(&R, 4, true, &dropped);
	ck_assert(!rib_has(&R, i, v0));
	ck_assert(rib_has(&R, i, v1));
}
END_TEST

START_TEST(same_peer_address_on_two_collectors_is_two_vantage_points)
{
	struct addr a = A("2001:db8::1");
	uint32_t v0 = rib_vp(&R, 0, &a, 1, 0), v1 = rib_vp(&R, 1, &a, 1, 0);
	ck_assert_uint_ne(v0, v1);
	ck_assert_uint_eq(rib_vp(&R, 0, &a, 1, 5), v0);
	ck_assert_uint_eq(rib_vp(&R, 1, &a, 1, 5), v1);
	ck_assert_uint_eq(R.vt.n, 2);
}
END_TEST

START_TEST(addpath_presence_is_at_least_one_path)
{
	uint32_t vp = vp_at(0, "192.0.2.1");
	uint32_t i = pfx("10.0.1.0/24");
	ck_assert(rib_announce(&R, i, vp, true, 1));
	ck_assert(!rib_announce(&R, i, vp, true, 2));
	ck_assert(!rib_withdraw(&R, i, vp, true, 1));        /* path 2 remains */
	ck_assert(rib_has(&R, i, vp));
	ck_assert(!rib_withdraw(&R, i, vp, true, 1));        /* already gone */
	ck_assert(rib_has(&R, i, vp));
	ck_assert(rib_withdraw(&R, i, vp, true, 2));
	ck_assert(!rib_has(&R, i, vp));
	/* after a session reset the old paths are forgotten */
	rib_announce(&R, i, vp, true, 5);
	rib_session_down(&R, vp);
	ck_assert(rib_announce(&R, i, vp, true, 6));
	ck_assert(rib_withdraw(&R, i, vp, true, 6));
}
END_TEST

START_TEST(addpath_ids_at_the_end_of_the_range_are_two_paths)
{
	uint32_t vp = vp_at(0, "192.0.2.1");
	uint32_t i = pfx("10.0.1.0/24");
	ck_assert(rib_announce(&R, i, vp, true, UINT32_MAX));
	ck_assert(!rib_announce(&R, i, vp, true, UINT32_MAX - 1));
	ck_assert(!rib_withdraw(&R, i, vp, true, UINT32_MAX));    /* the other remains */
	ck_assert(rib_has(&R, i, vp));
	ck_assert(rib_withdraw(&R, i, vp, true, UINT32_MAX - 1));
	ck_assert(!rib_has(&R, i, vp));
}
END_TEST

START_TEST(bitsets_grow_past_64_vantage_points)
{
	struct prefix p = P("10.0.1.0/24");
	uint32_t i = rib_add(&R, &p);
	for (unsigned k = 0; k < 200; k++) {
		struct addr a;
		memset(&a, 0, sizeof a);
		a.afi = AFI_IPV4;
		a.b[0] = 192; a.b[2] = (uint8_t)(k >> 8); a.b[3] = (uint8_t)k;
		uint32_t vp = rib_vp(&R, 0, &a, 1, 0);
		ck_assert_uint_eq(vp, k);
		if (k % 3 == 0)
			ann(i, vp);
	}
	ck_assert_uint_ge(R.words, 4);
	for (unsigned k = 0; k < 200; k++)
		ck_assert(rib_has(&R, i, k) == (k % 3 == 0));
}
END_TEST

START_TEST(table_size_counts_every_rib_entry_per_family)
{
	uint32_t vp = vp_at(0, "192.0.2.1");
	for (int k = 0; k < 5; k++)
		rib_dump_entry(&R, vp, AFI_IPV4, 1, 0);
	for (int k = 0; k < 3; k++)
		rib_dump_entry(&R, vp, AFI_IPV6, 1, 0);
	size_t dropped;
	rib_source_end(&R, 1, true, &dropped);
	ck_assert_uint_eq(R.vt.vps[vp].table_size[0], 5);
	ck_assert_uint_eq(R.vt.vps[vp].table_size[1], 3);
	ck_assert(R.vt.cols[0].had_dump);
	ck_assert(!rib_dump_open(&R));
}
END_TEST

START_TEST(many_prefixes_hash_and_find)
{
	for (unsigned k = 0; k < 70000; k++) {
		struct prefix p;
		memset(&p, 0, sizeof p);
		p.addr.afi = AFI_IPV4;
		p.addr.b[0] = (uint8_t)(20 + (k >> 16)); p.addr.b[1] = (uint8_t)(k >> 8); p.addr.b[2] = (uint8_t)k;
		p.len = 24;
		ck_assert_uint_eq(rib_add(&R, &p), k);
	}
	struct prefix q = P("20.1.2.0/24"), z = P("20.1.2.0/23");
	ck_assert_uint_eq(rib_find(&R, &q), 0x102);
	ck_assert(rib_find(&R, &z) == RIB_NONE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rib");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, announce_then_withdraw);
	tcase_add_test(tc, session_down_withdraws_all_routes_of_that_peer);
	tcase_add_test(tc, rib_resync_drops_routes_the_dump_does_not_list);
	tcase_add_test(tc, rib_resync_keeps_updates_interleaved_with_the_dump);
	tcase_add_test(tc, damaged_dump_drops_nothing);
	tcase_add_test(tc, two_files_of_one_dump_count_as_one);
	tcase_add_test(tc, rib_resync_leaves_other_collectors_alone);
	tcase_add_test(tc, same_peer_address_on_two_collectors_is_two_vantage_points);
	tcase_add_test(tc, addpath_presence_is_at_least_one_path);
	tcase_add_test(tc, addpath_ids_at_the_end_of_the_range_are_two_paths);
	tcase_add_test(tc, bitsets_grow_past_64_vantage_points);
	tcase_add_test(tc, table_size_counts_every_rib_entry_per_family);
	tcase_add_test(tc, many_prefixes_hash_and_find);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
