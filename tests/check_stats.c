/*
 * check_stats.c — input summary counters (stats.c): records by type with
 * names, time range, elements, distinct prefixes, distinct peers.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "stats.h"

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

START_TEST(records_counted_by_type_and_subtype_in_numeric_order)
{
	static struct stats s;
	stats_init(&s);
	stats_record(&s, 16, 4, 10);
	stats_record(&s, 13, 2, 10);
	stats_record(&s, 16, 4, 10);
	stats_record(&s, 13, 1, 10);
	ck_assert_uint_eq(s.records, 4);
	ck_assert_uint_eq(s.ntypes, 3);
	ck_assert_uint_eq(s.types[0].type, 13);
	ck_assert_uint_eq(s.types[0].subtype, 1);
	ck_assert_uint_eq(s.types[1].subtype, 2);
	ck_assert_uint_eq(s.types[2].type, 16);
	ck_assert_uint_eq(s.types[2].records, 2);
	stats_free(&s);
}
END_TEST

START_TEST(time_range_spans_records_in_any_order)
{
	static struct stats s;
	stats_init(&s);
	stats_record(&s, 16, 4, 500);
	stats_record(&s, 16, 4, 100);
	stats_record(&s, 16, 4, 900);
	ck_assert_uint_eq(s.first_ts, 100);
	ck_assert_uint_eq(s.last_ts, 900);
	stats_free(&s);
}
END_TEST

START_TEST(type_pairs_past_the_table_count_as_other)
{
	static struct stats s;
	stats_init(&s);
	for (unsigned i = 0; i < STATS_MAX_TYPES + 10; i++)
		stats_record(&s, 200, (uint16_t)i, 1);
	stats_record(&s, 200, 0, 1);              /* known pair: still counted by name */
	ck_assert_uint_eq(s.ntypes, STATS_MAX_TYPES);
	ck_assert_uint_eq(s.other_types, 10);
	ck_assert_uint_eq(s.types[0].records, 2);
	ck_assert_uint_eq(s.records, STATS_MAX_TYPES + 11);
	stats_free(&s);
}
END_TEST

START_TEST(type_names_follow_rfc6396)
{
	char b[64];
	mrt_type_label(13, 2, b, sizeof b);
	ck_assert_str_eq(b, "TABLE_DUMP_V2/RIB_IPV4_UNICAST");
	mrt_type_label(13, 10, b, sizeof b);
	ck_assert_str_eq(b, "TABLE_DUMP_V2/RIB_IPV6_UNICAST_ADDPATH");
	mrt_type_label(16, 5, b, sizeof b);
	ck_assert_str_eq(b, "BGP4MP/STATE_CHANGE_AS4");
	mrt_type_label(17, 4, b, sizeof b);
	ck_assert_str_eq(b, "BGP4MP_ET/MESSAGE_AS4");
	mrt_type_label(12, 2, b, sizeof b);
	ck_assert_str_eq(b, "TABLE_DUMP/AFI_IPv6");
	mrt_type_label(5, 1, b, sizeof b);
	ck_assert_str_eq(b, "BGP/UPDATE");
	mrt_type_label(11, 0, b, sizeof b);
	ck_assert_str_eq(b, "OSPFv2/SUBTYPE_0");
	mrt_type_label(99, 65535, b, sizeof b);
	ck_assert_str_eq(b, "TYPE_99/SUBTYPE_65535");
	mrt_type_label(13, 0, b, sizeof b);
	ck_assert_str_eq(b, "TABLE_DUMP_V2/SUBTYPE_0");
}
END_TEST

START_TEST(elements_counted_by_type)
{
	static struct stats s;
	stats_init(&s);
	struct elem es[] = {
		E(ELEM_RIB, 0, "192.0.2.1", "10.0.0.0/8"),
		E(ELEM_ANNOUNCE, 0, "192.0.2.1", "10.0.0.0/8"),
		E(ELEM_ANNOUNCE, 0, "192.0.2.1", "10.0.0.0/8"),
		E(ELEM_WITHDRAW, 0, "192.0.2.1", "10.0.0.0/8"),
		E(ELEM_STATE, 0, "192.0.2.1", NULL),
	};
	for (size_t i = 0; i < 5; i++)
		stats_elem(&s, &es[i]);
	ck_assert_uint_eq(s.elems[ELEM_RIB], 1);
	ck_assert_uint_eq(s.elems[ELEM_ANNOUNCE], 2);
	ck_assert_uint_eq(s.elems[ELEM_WITHDRAW], 1);
	ck_assert_uint_eq(s.elems[ELEM_STATE], 1);
	ck_assert_uint_eq(s.n4, 1);                /* a STATE names no prefix */
	ck_assert_uint_eq(s.n6, 0);
	stats_free(&s);
}
END_TEST

START_TEST(distinct_prefixes_per_family_by_address_and_length)
{
	static struct stats s;
	stats_init(&s);
	const char *ps[] = { "10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/8", "0.0.0.0/0",
	                     "2001:db8::/32", "2001:db8::/48", "2001:db8::/32", "::/0" };
	for (size_t i = 0; i < 8; i++) {
		struct elem e = E(ELEM_ANNOUNCE, 0, "192.0.2.1", ps[i]);
		stats_elem(&s, &e);
	}
	ck_assert_uint_eq(s.n4, 3);
	ck_assert_uint_eq(s.n6, 3);
	stats_free(&s);
}
END_TEST

START_TEST(prefix_sets_grow_without_losing_members)
{
	static struct stats s;
	stats_init(&s);
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 20000; i++) {
			char p4[32], p6[64];
			snprintf(p4, sizeof p4, "%d.%d.%d.0/24", 1 + i / 65536, (i / 256) % 256, i % 256);
			snprintf(p6, sizeof p6, "2001:db8:%x::/48", i);
			struct elem a = E(ELEM_RIB, 0, "192.0.2.1", p4), b = E(ELEM_RIB, 0, "192.0.2.1", p6);
			stats_elem(&s, &a);
			stats_elem(&s, &b);
		}
	ck_assert(!s.oom);
	ck_assert_uint_eq(s.n4, 20000);
	ck_assert_uint_eq(s.n6, 20000);
	ck_assert_uint_le(s.n4 * 2, s.slots4);     /* at most half full */
	stats_free(&s);
}
END_TEST

START_TEST(peers_are_vantage_points_and_addresses)
{
	static struct stats s;
	stats_init(&s);
	struct elem es[] = {
		E(ELEM_ANNOUNCE, 0, "192.0.2.1", "10.0.0.0/8"),
		E(ELEM_ANNOUNCE, 1, "192.0.2.1", "10.0.0.0/8"),   /* same address, other collector */
		E(ELEM_ANNOUNCE, 1, "2001:db8::1", "10.0.0.0/8"),
		E(ELEM_STATE, 1, "2001:db8::1", NULL),
	};
	for (size_t i = 0; i < 4; i++)
		stats_elem(&s, &es[i]);
	ck_assert_uint_eq(s.peers.n, 3);
	ck_assert_uint_eq(stats_peer_addresses(&s), 2);
	stats_free(&s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, records_counted_by_type_and_subtype_in_numeric_order);
	tcase_add_test(tc, time_range_spans_records_in_any_order);
	tcase_add_test(tc, type_pairs_past_the_table_count_as_other);
	tcase_add_test(tc, type_names_follow_rfc6396);
	tcase_add_test(tc, elements_counted_by_type);
	tcase_add_test(tc, distinct_prefixes_per_family_by_address_and_length);
	tcase_add_test(tc, prefix_sets_grow_without_losing_members);
	tcase_add_test(tc, peers_are_vantage_points_and_addresses);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
