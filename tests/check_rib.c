/*
 * check_rib.c — per vantage point route presence (rib.c), one test per rule.
 * Owns: the rib-level rules: announce/withdraw, session down, RIB resync,
 * vantage point identity, ADD-PATH, bitset growth, table-size counters.
 */
#include <check.h>
#include <stdlib.h>

#include "check_run.h"
#include "rib.h"
#include "state_helpers.h"

START_TEST(announce_then_withdraw)
{
	struct rib r;
	rib_init(&r);
	struct addr a = A("192.0.2.1");
	struct prefix p = P("175.45.176.0/24");
	uint32_t vp = rib_vp(&r, 0, &a, 65000, 10);
	uint32_t i = rib_add(&r, &p);
	ck_assert(!rib_has(&r, i, vp));
	ck_assert(rib_announce(&r, i, vp, false, 0));
	ck_assert(!rib_announce(&r, i, vp, false, 0));      /* implicit replace: no change */
	ck_assert(rib_has(&r, i, vp));
	ck_assert(rib_withdraw(&r, i, vp, false, 0));
	ck_assert(!rib_has(&r, i, vp));
	ck_assert(!rib_withdraw(&r, i, vp, false, 0));      /* withdrawing nothing */
	rib_free(&r);
}
END_TEST

START_TEST(session_down_withdraws_all_routes_of_that_peer)
{
	struct rib r;
	rib_init(&r);
	struct addr a = A("192.0.2.1"), b = A("192.0.2.2");
	uint32_t va = rib_vp(&r, 0, &a, 1, 0), vb = rib_vp(&r, 0, &b, 2, 0);
	for (int k = 0; k < 10; k++) {
		char s[32];
		snprintf(s, sizeof s, "10.0.%d.0/24", k);
		struct prefix p = P(s);
		uint32_t i = rib_add(&r, &p);
		rib_announce(&r, i, va, false, 0);
		rib_announce(&r, i, vb, false, 0);
	}
	ck_assert_uint_eq(rib_session_down(&r, va), 10);
	for (uint32_t i = 0; i < 10; i++) {
		ck_assert(!rib_has(&r, i, va));
		ck_assert(rib_has(&r, i, vb));
	}
	rib_free(&r);
}
END_TEST

START_TEST(rib_resync_drops_routes_the_dump_does_not_list)
{
	struct rib r;
	rib_init(&r);
	struct addr a = A("192.0.2.1");
	struct prefix p1 = P("10.0.1.0/24"), p2 = P("10.0.2.0/24");
	uint32_t vp = rib_vp(&r, 0, &a, 1, 0);
	uint32_t i1 = rib_add(&r, &p1), i2 = rib_add(&r, &p2);
	rib_announce(&r, i1, vp, false, 0);
	rib_announce(&r, i2, vp, false, 0);
	/* a later dump (source 7) lists only p1 */
	rib_dump_entry(&r, vp, AFI_IPV4, 7, 1000);
	rib_announce(&r, i1, vp, false, 0);
	size_t dropped;
	ck_assert(rib_source_end(&r, 3, true, &dropped) == RIB_NONE);   /* another source: nothing */
	ck_assert_uint_eq(rib_source_end(&r, 7, true, &dropped), 0);
	ck_assert_uint_eq(dropped, 1);
	ck_assert(rib_has(&r, i1, vp));
	ck_assert(!rib_has(&r, i2, vp));
	ck_assert_uint_eq(r.vps[vp].table_size[0], 1);
	rib_free(&r);
}
END_TEST

START_TEST(two_files_of_one_dump_count_as_one)
{
	struct rib r;
	rib_init(&r);
	struct addr a = A("192.0.2.1");
	struct prefix p4 = P("10.0.1.0/24"), p6 = P("2001:db8::/32");
	uint32_t vp = rib_vp(&r, 0, &a, 1, 0);
	uint32_t i4 = rib_add(&r, &p4), i6 = rib_add(&r, &p6);
	rib_announce(&r, i4, vp, false, 0);
	rib_announce(&r, i6, vp, false, 0);
	/* the dump at 1000 comes as two files: IPv4 (source 5), IPv6 (source 6) */
	rib_dump_entry(&r, vp, AFI_IPV4, 5, 1000);
	rib_announce(&r, i4, vp, false, 0);
	ck_assert_uint_eq(rib_dump_close(&r, 5, true), 0);
	rib_dump_entry(&r, vp, AFI_IPV6, 6, 1000);
	rib_announce(&r, i6, vp, false, 0);
	ck_assert_uint_eq(rib_dump_close(&r, 6, true), 0);
	size_t dropped;
	ck_assert(rib_resync_pending(&r, &dropped));
	ck_assert_uint_eq(dropped, 0);
	ck_assert(rib_has(&r, i4, vp) && rib_has(&r, i6, vp));
	ck_assert_uint_eq(r.vps[vp].table_size[0], 1);
	ck_assert_uint_eq(r.vps[vp].table_size[1], 1);
	ck_assert(!rib_resync_pending(&r, &dropped));
	/* a dump at another time is a new dump: what it lacks goes */
	rib_dump_entry(&r, vp, AFI_IPV4, 7, 2000);
	rib_announce(&r, i4, vp, false, 0);
	rib_dump_close(&r, 7, true);
	ck_assert(rib_resync_pending(&r, &dropped));
	ck_assert_uint_eq(dropped, 1);
	ck_assert(!rib_has(&r, i6, vp));
	rib_free(&r);
}
END_TEST

START_TEST(damaged_dump_drops_nothing)
{
	struct rib r;
	rib_init(&r);
	struct addr a = A("192.0.2.1");
	struct prefix p1 = P("10.0.1.0/24"), p2 = P("10.0.2.0/24");
	uint32_t vp = rib_vp(&r, 0, &a, 1, 0);
	uint32_t i1 = rib_add(&r, &p1), i2 = rib_add(&r, &p2);
	rib_dump_entry(&r, vp, AFI_IPV4, 6, 500);
	rib_announce(&r, i1, vp, false, 0);
	rib_dump_entry(&r, vp, AFI_IPV4, 6, 500);
	rib_announce(&r, i2, vp, false, 0);
	size_t dropped;
	rib_source_end(&r, 6, true, &dropped);
	/* the next dump is cut short after p1 */
	rib_dump_entry(&r, vp, AFI_IPV4, 7, 1000);
	rib_announce(&r, i1, vp, false, 0);
	ck_assert_uint_eq(rib_source_end(&r, 7, false, &dropped), 0);
	ck_assert_uint_eq(dropped, 0);
	ck_assert(rib_has(&r, i2, vp));
	ck_assert_uint_eq(r.vps[vp].table_size[0], 2);   /* the whole dump's size stays */
	rib_free(&r);
}
END_TEST

START_TEST(rib_resync_keeps_updates_interleaved_with_the_dump)
{
	struct rib r;
	rib_init(&r);
	struct addr a = A("192.0.2.1"), b = A("192.0.2.2");
	uint32_t va = rib_vp(&r, 0, &a, 1, 0), vb = rib_vp(&r, 0, &b, 1, 0);
	struct prefix p1 = P("10.0.1.0/24"), p2 = P("10.0.2.0/24");
	uint32_t i1 = rib_add(&r, &p1), i2 = rib_add(&r, &p2);
	rib_dump_entry(&r, va, AFI_IPV4, 7, 1000);
	rib_announce(&r, i1, va, false, 0);
	/* an update read while the dump is open: it is newer than the dump */
	rib_announce(&r, i2, vb, false, 0);
	size_t dropped;
	ck_assert_uint_eq(rib_source_end(&r, 7, true, &dropped), 0);
	ck_assert_uint_eq(dropped, 0);
	ck_assert(rib_has(&r, i2, vb));
	ck_assert(rib_has(&r, i1, va));
	rib_free(&r);
}
END_TEST

START_TEST(rib_resync_leaves_other_collectors_alone)
{
	struct rib r;
	rib_init(&r);
	struct addr a = A("192.0.2.1");
	uint32_t v0 = rib_vp(&r, 0, &a, 1, 0), v1 = rib_vp(&r, 1, &a, 1, 0);
	struct prefix p = P("10.0.1.0/24");
	uint32_t i = rib_add(&r, &p);
	rib_announce(&r, i, v0, false, 0);
	rib_announce(&r, i, v1, false, 0);
	struct prefix q = P("10.9.0.0/16");
	uint32_t j = rib_add(&r, &q);
	rib_dump_entry(&r, v0, AFI_IPV4, 4, 50);
	rib_announce(&r, j, v0, false, 0);
	size_t dropped;
	rib_source_end(&r, 4, true, &dropped);
	ck_assert(!rib_has(&r, i, v0));
	ck_assert(rib_has(&r, i, v1));
	rib_free(&r);
}
END_TEST

START_TEST(same_peer_address_on_two_collectors_is_two_vantage_points)
{
	struct rib r;
	rib_init(&r);
	struct addr a = A("2001:db8::1");
	uint32_t v0 = rib_vp(&r, 0, &a, 1, 0), v1 = rib_vp(&r, 1, &a, 1, 0);
	ck_assert_uint_ne(v0, v1);
	ck_assert_uint_eq(rib_vp(&r, 0, &a, 1, 5), v0);
	ck_assert_uint_eq(rib_vp(&r, 1, &a, 1, 5), v1);
	ck_assert_uint_eq(r.nvps, 2);
	rib_free(&r);
}
END_TEST

START_TEST(addpath_presence_is_at_least_one_path)
{
	struct rib r;
	rib_init(&r);
	struct addr a = A("192.0.2.1");
	uint32_t vp = rib_vp(&r, 0, &a, 1, 0);
	struct prefix p = P("10.0.1.0/24");
	uint32_t i = rib_add(&r, &p);
	ck_assert(rib_announce(&r, i, vp, true, 1));
	ck_assert(!rib_announce(&r, i, vp, true, 2));
	ck_assert(!rib_withdraw(&r, i, vp, true, 1));        /* path 2 remains */
	ck_assert(rib_has(&r, i, vp));
	ck_assert(!rib_withdraw(&r, i, vp, true, 1));        /* already gone */
	ck_assert(rib_has(&r, i, vp));
	ck_assert(rib_withdraw(&r, i, vp, true, 2));
	ck_assert(!rib_has(&r, i, vp));
	/* after a session reset the old paths are forgotten */
	rib_announce(&r, i, vp, true, 5);
	rib_session_down(&r, vp);
	ck_assert(rib_announce(&r, i, vp, true, 6));
	ck_assert(rib_withdraw(&r, i, vp, true, 6));
	rib_free(&r);
}
END_TEST

START_TEST(bitsets_grow_past_64_vantage_points)
{
	struct rib r;
	rib_init(&r);
	struct prefix p = P("10.0.1.0/24");
	uint32_t i = rib_add(&r, &p);
	for (unsigned k = 0; k < 200; k++) {
		struct addr a;
		memset(&a, 0, sizeof a);
		a.afi = AFI_IPV4;
		a.b[0] = 192; a.b[2] = (uint8_t)(k >> 8); a.b[3] = (uint8_t)k;
		uint32_t vp = rib_vp(&r, 0, &a, 1, 0);
		ck_assert_uint_eq(vp, k);
		if (k % 3 == 0)
			rib_announce(&r, i, vp, false, 0);
	}
	ck_assert_uint_ge(r.words, 4);
	for (unsigned k = 0; k < 200; k++)
		ck_assert(rib_has(&r, i, k) == (k % 3 == 0));
	rib_free(&r);
}
END_TEST

START_TEST(table_size_counts_every_rib_entry_per_family)
{
	struct rib r;
	rib_init(&r);
	struct addr a = A("192.0.2.1");
	uint32_t vp = rib_vp(&r, 0, &a, 1, 0);
	for (int k = 0; k < 5; k++)
		rib_dump_entry(&r, vp, AFI_IPV4, 1, 0);
	for (int k = 0; k < 3; k++)
		rib_dump_entry(&r, vp, AFI_IPV6, 1, 0);
	size_t dropped;
	rib_source_end(&r, 1, true, &dropped);
	ck_assert_uint_eq(r.vps[vp].table_size[0], 5);
	ck_assert_uint_eq(r.vps[vp].table_size[1], 3);
	ck_assert(r.cols[0].had_dump);
	ck_assert(!rib_dump_open(&r));
	rib_free(&r);
}
END_TEST

START_TEST(many_prefixes_hash_and_find)
{
	struct rib r;
	rib_init(&r);
	for (unsigned k = 0; k < 70000; k++) {
		struct prefix p;
		memset(&p, 0, sizeof p);
		p.addr.afi = AFI_IPV4;
		p.addr.b[0] = (uint8_t)(20 + (k >> 16)); p.addr.b[1] = (uint8_t)(k >> 8); p.addr.b[2] = (uint8_t)k;
		p.len = 24;
		ck_assert_uint_eq(rib_add(&r, &p), k);
	}
	struct prefix q = P("20.1.2.0/24"), z = P("20.1.2.0/23");
	ck_assert_uint_eq(rib_find(&r, &q), 0x102);
	ck_assert(rib_find(&r, &z) == RIB_NONE);
	rib_free(&r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rib");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, announce_then_withdraw);
	tcase_add_test(tc, session_down_withdraws_all_routes_of_that_peer);
	tcase_add_test(tc, rib_resync_drops_routes_the_dump_does_not_list);
	tcase_add_test(tc, rib_resync_keeps_updates_interleaved_with_the_dump);
	tcase_add_test(tc, damaged_dump_drops_nothing);
	tcase_add_test(tc, two_files_of_one_dump_count_as_one);
	tcase_add_test(tc, rib_resync_leaves_other_collectors_alone);
	tcase_add_test(tc, same_peer_address_on_two_collectors_is_two_vantage_points);
	tcase_add_test(tc, addpath_presence_is_at_least_one_path);
	tcase_add_test(tc, bitsets_grow_past_64_vantage_points);
	tcase_add_test(tc, table_size_counts_every_rib_entry_per_family);
	tcase_add_test(tc, many_prefixes_hash_and_find);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
