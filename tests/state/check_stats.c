/*
 * check_stats.c — input summary counters (stats.c): records by type with
 * names, time range, elements, distinct prefixes, distinct peers.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "state/stats.h"

static struct elem E(enum elem_type t, uint32_t col, const char *ip, const char *pfx)
{
	struct elem e;
	memset(&e, 0, sizeof e);
	e.type = t;
	e.collector = col;
	e.ts = 100;
	ck_assert(addr_parse(ip, &e.peer_ip));
	if (pfx)
		ck_assert(prefix_parse(pfx, &e.prefix, false));
	return e;
}

/* Each test's counters (static: large), set up and freed by the fixture. */
static struct stats ST;

static void setup(void) { stats_init(&ST); }
static void teardown(void) { stats_free(&ST); }

static void feed(const struct elem *es, size_t n)
{
	for (size_t i = 0; i < n; i++)
		stats_elem(&ST, &es[i]);
}

START_TEST(records_counted_by_type_and_subtype_in_numeric_order)
{
	stats_record(&ST, 16, 4, 10);
	stats_record(&ST, 13, 2, 10);
	stats_record(&ST, 16, 4, 10);
	stats_record(&ST, 13, 1, 10);
	ck_assert_uint_eq(ST.records, 4);
	ck_assert_uint_eq(ST.ntypes, 3);
	ck_assert_uint_eq(ST.types[0].type, 13);
	ck_assert_uint_eq(ST.types[0].subtype, 1);
	ck_assert_uint_eq(ST.types[1].subtype, 2);
	ck_assert_uint_eq(ST.types[2].type, 16);
	ck_assert_uint_eq(ST.types[2].records, 2);
}
END_TEST

START_TEST(time_range_spans_records_in_any_order)
{
	stats_record(&ST, 16, 4, 500);
	stats_record(&ST, 16, 4, 100);
	stats_record(&ST, 16, 4, 900);
	ck_assert_uint_eq(ST.first_ts, 100);
	ck_assert_uint_eq(ST.last_ts, 900);
}
END_TEST

START_TEST(type_pairs_past_the_table_count_as_other)
{
	for (unsigned i = 0; i < STATS_MAX_TYPES + 10; i++)
		stats_record(&ST, 200, (uint16_t)i, 1);
	stats_record(&ST, 200, 0, 1);              /* known pair: still counted by name */
	ck_assert_uint_eq(ST.ntypes, STATS_MAX_TYPES);
	ck_assert_uint_eq(ST.other_types, 10);
	ck_assert_uint_eq(ST.types[0].records, 2);
	ck_assert_uint_eq(ST.records, STATS_MAX_TYPES + 11);
}
END_TEST

START_TEST(elements_counted_by_type)
{
	struct elem es[] = {
		E(ELEM_RIB, 0, "192.0.2.1", "10.0.0.0/8"),
		E(ELEM_ANNOUNCE, 0, "192.0.2.1", "10.0.0.0/8"),
		E(ELEM_ANNOUNCE, 0, "192.0.2.1", "10.0.0.0/8"),
		E(ELEM_WITHDRAW, 0, "192.0.2.1", "10.0.0.0/8"),
		E(ELEM_STATE, 0, "192.0.2.1", NULL),
	};
	feed(es, 5);
	ck_assert_uint_eq(ST.elems[ELEM_RIB], 1);
	ck_assert_uint_eq(ST.elems[ELEM_ANNOUNCE], 2);
	ck_assert_uint_eq(ST.elems[ELEM_WITHDRAW], 1);
	ck_assert_uint_eq(ST.elems[ELEM_STATE], 1);
	ck_assert_uint_eq(ST.n4, 1);                /* a STATE names no prefix */
	ck_assert_uint_eq(ST.n6, 0);
}
END_TEST

START_TEST(distinct_prefixes_per_family_by_address_and_length)
{
	const char *ps[] = { "10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/8", "0.0.0.0/0",
	                     "2001:db8::/32", "2001:db8::/48", "2001:db8::/32", "::/0" };
	for (size_t i = 0; i < 8; i++) {
		struct elem e = E(ELEM_ANNOUNCE, 0, "192.0.2.1", ps[i]);
		stats_elem(&ST, &e);
	}
	ck_assert_uint_eq(ST.n4, 3);
	ck_assert_uint_eq(ST.n6, 3);
}
END_TEST

START_TEST(prefix_sets_grow_without_losing_members)
{
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 20000; i++) {
			char p4[32], p6[64];
			snprintf(p4, sizeof p4, "%d.%d.%d.0/24", 1 + i / 65536, (i / 256) % 256, i % 256);
			snprintf(p6, sizeof p6, "2001:db8:%x::/48", i);
			struct elem a = E(ELEM_RIB, 0, "192.0.2.1", p4), b = E(ELEM_RIB, 0, "192.0.2.1", p6);
			stats_elem(&ST, &a);
			stats_elem(&ST, &b);
		}
	ck_assert(!ST.oom);
	ck_assert_uint_eq(ST.n4, 20000);
	ck_assert_uint_eq(ST.n6, 20000);
	ck_assert_uint_le(ST.n4 * 2, ST.slots4);     /* at most half full */
}
END_TEST

START_TEST(peers_are_vantage_points_and_addresses)
{
	struct elem es[] = {
		E(ELEM_ANNOUNCE, 0, "192.0.2.1", "10.0.0.0/8"),
		E(ELEM_ANNOUNCE, 1, "192.0.2.1", "10.0.0.0/8"),   /* same address, other collector */
		E(ELEM_ANNOUNCE, 1, "2001:db8::1", "10.0.0.0/8"),
		E(ELEM_STATE, 1, "2001:db8::1", NULL),
	};
	feed(es, 4);
	ck_assert_uint_eq(ST.peers.vt.n, 3);
	ck_assert_uint_eq(stats_peer_addresses(&ST), 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, records_counted_by_type_and_subtype_in_numeric_order);
	tcase_add_test(tc, time_range_spans_records_in_any_order);
	tcase_add_test(tc, type_pairs_past_the_table_count_as_other);
	tcase_add_test(tc, elements_counted_by_type);
	tcase_add_test(tc, distinct_prefixes_per_family_by_address_and_length);
	tcase_add_test(tc, prefix_sets_grow_without_losing_members);
	tcase_add_test(tc, peers_are_vantage_points_and_addresses);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
