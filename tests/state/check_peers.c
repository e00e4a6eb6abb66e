/*
 * check_peers.c — per vantage point accounting (peers.c), one test per rule:
 * RIB table sizes and their replacement (files of one dump, damaged dumps),
 * full-feed, vantage point identity,
 * counters, report order.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "state/peers.h"

static struct addr A(const char *s)
{
	struct addr a;
	ck_assert_msg(addr_parse(s, &a), "bad address %s", s);
	return a;
}

/* An element of type t from peer ip (AS asn) of collector col, input src. */
static struct elem E(enum elem_type t, uint32_t col, uint32_t src, const char *ip, uint32_t asn,
                     const char *pfx, uint32_t ts)
{
	struct elem e;
	memset(&e, 0, sizeof e);
	e.type = t;
	e.collector = col;
	e.source = src;
	e.peer_ip = A(ip);
	e.peer_as = asn;
	e.ts = ts;
	if (pfx)
		ck_assert(prefix_parse(pfx, &e.prefix, false));
	if (t == ELEM_STATE) {
		e.old_state = 6;
		e.new_state = 1;
	}
	return e;
}

/* n RIB entries of the family given, from a dump of time ts. */
static void rib_at(struct peers *p, uint32_t col, uint32_t src, const char *ip, int n, bool v6,
                   uint32_t ts)
{
	for (int i = 0; i < n; i++) {
		struct elem e = E(ELEM_RIB, col, src, ip, 65000, v6 ? "2001:db8::/32" : "10.0.0.0/8", ts);
		peers_elem(p, &e);
	}
}

/* The same from a dump whose time is its input's number (one dump per input). */
static void rib(struct peers *p, uint32_t col, uint32_t src, const char *ip, int n, bool v6)
{
	rib_at(p, col, src, ip, n, v6, 100 + src);
}

static const struct vantage_vp *find(const struct peers *p, uint32_t col, const char *ip)
{
	struct addr a = A(ip);
	for (size_t i = 0; i < p->vt.n; i++)
		if (peers_vp(p, i)->collector == col && addr_equal(&peers_vp(p, i)->ip, &a))
			return peers_vp(p, i);
	ck_abort_msg("no vantage point %u %s", col, ip);
	return NULL;
}

static size_t idx(const struct peers *p, uint32_t col, const char *ip)
{
	return (size_t)(find(p, col, ip) - p->vt.vps);
}

/* Each test's accounting, full-feed fraction 0.9. */
static struct peers PS;

static void setup(void) { peers_init(&PS, 0.9); }
static void teardown(void) { peers_free(&PS); }

static uint32_t size_of(uint32_t col, const char *ip, int af)
{
	return find(&PS, col, ip)->table_size[af];
}

/* The IPv4 and IPv6 table sizes of vantage point (col, ip). */
static void sizes_are(uint32_t col, const char *ip, uint32_t v4, uint32_t v6)
{
	const struct vantage_vp *v = find(&PS, col, ip);
	ck_assert_uint_eq(v->table_size[0], v4);
	ck_assert_uint_eq(v->table_size[1], v6);
}

static enum peer_full full_feed(uint32_t col, const char *ip, int af)
{
	return peers_full_feed(&PS, idx(&PS, col, ip), af);
}

START_TEST(rib_entries_counted_per_address_family)
{
	rib(&PS, 0, 0, "192.0.2.1", 5, false);
	rib(&PS, 0, 0, "192.0.2.1", 2, true);
	peers_source_end(&PS, 0, false);
	sizes_are(0, "192.0.2.1", 5, 2);
}
END_TEST

START_TEST(table_size_taken_when_the_dump_source_ends)
{
	rib(&PS, 0, 0, "192.0.2.1", 5, false);
	ck_assert(!peers_has_table(&PS, 0));
	ck_assert_int_eq(peers_full_feed(&PS, 0, 0), PEER_FULL_UNKNOWN);
	peers_source_end(&PS, 7, false);                 /* another input: not the dump */
	ck_assert(!peers_has_table(&PS, 0));
	peers_source_end(&PS, 0, false);
	ck_assert(peers_has_table(&PS, 0));
	ck_assert_uint_eq(PS.vt.vps[0].table_size[0], 5);
}
END_TEST

START_TEST(new_rib_dump_replaces_the_counts_of_its_collector)
{
	rib(&PS, 0, 0, "192.0.2.1", 10, false);
	rib(&PS, 0, 0, "192.0.2.2", 10, false);
	peers_source_end(&PS, 0, false);
	/* A later dump: .1 lists 4 routes, .2 is not in it at all. */
	rib(&PS, 0, 1, "192.0.2.1", 4, false);
	ck_assert_uint_eq(size_of(0, "192.0.2.1", 0), 10);  /* until it ends */
	peers_source_end(&PS, 1, false);
	ck_assert_uint_eq(size_of(0, "192.0.2.1", 0), 4);
	ck_assert_uint_eq(size_of(0, "192.0.2.2", 0), 0);
	ck_assert_int_eq(full_feed(0, "192.0.2.2", 0), PEER_FULL_NO);
}
END_TEST

START_TEST(files_of_one_dump_time_count_as_one_dump)
{
	rib_at(&PS, 0, 0, "192.0.2.1", 10, false, 500);     /* IPv4 file */
	peers_source_end(&PS, 0, false);
	rib_at(&PS, 0, 1, "192.0.2.1", 3, true, 500);       /* IPv6 file, same dump time */
	rib_at(&PS, 0, 1, "192.0.2.1", 2, false, 500);
	peers_source_end(&PS, 1, false);
	sizes_are(0, "192.0.2.1", 12, 3);
}
END_TEST

START_TEST(a_file_read_while_another_of_the_dump_is_open_joins_it)
{
	rib_at(&PS, 0, 0, "192.0.2.1", 10, false, 500);
	rib_at(&PS, 0, 1, "192.0.2.1", 4, false, 501);      /* interleaved, a second later */
	rib_at(&PS, 0, 0, "192.0.2.2", 10, false, 501);
	peers_source_end(&PS, 0, false);
	ck_assert(!peers_has_table(&PS, 0));                 /* input 1 still open */
	peers_source_end(&PS, 1, false);
	ck_assert_uint_eq(size_of(0, "192.0.2.1", 0), 14);
	ck_assert_uint_eq(size_of(0, "192.0.2.2", 0), 10);
}
END_TEST

START_TEST(a_damaged_dump_keeps_the_sizes_known_before_it)
{
	rib(&PS, 0, 0, "192.0.2.1", 10, false);
	peers_source_end(&PS, 0, false);
	rib(&PS, 0, 1, "192.0.2.1", 3, false);
	peers_source_end(&PS, 1, true);         /* damage was found in it */
	ck_assert_uint_eq(size_of(0, "192.0.2.1", 0), 10);
	/* The next whole dump counts again. */
	rib(&PS, 0, 2, "192.0.2.1", 7, false);
	peers_source_end(&PS, 2, false);
	ck_assert_uint_eq(size_of(0, "192.0.2.1", 0), 7);
}
END_TEST

START_TEST(a_damaged_first_dump_still_gives_sizes)
{
	rib(&PS, 0, 0, "192.0.2.1", 5, false);
	peers_source_end(&PS, 0, true);         /* damage was found in it */
	ck_assert(peers_has_table(&PS, 0));
	ck_assert_uint_eq(PS.vt.vps[0].table_size[0], 5);
}
END_TEST

START_TEST(a_dump_of_one_collector_leaves_the_other_collector_alone)
{
	rib(&PS, 0, 0, "192.0.2.1", 10, false);
	peers_source_end(&PS, 0, false);
	rib(&PS, 1, 1, "198.51.100.1", 3, false);
	peers_source_end(&PS, 1, false);
	ck_assert_uint_eq(size_of(0, "192.0.2.1", 0), 10);
	ck_assert_uint_eq(size_of(1, "198.51.100.1", 0), 3);
}
END_TEST

START_TEST(same_address_at_two_collectors_is_two_vantage_points)
{
	rib(&PS, 0, 0, "192.0.2.1", 10, false);
	rib(&PS, 1, 1, "192.0.2.1", 1, false);
	struct elem e = E(ELEM_ANNOUNCE, 1, 2, "192.0.2.1", 65000, "10.0.0.0/8", 200);
	peers_elem(&PS, &e);
	peers_source_end(&PS, 0, false);
	peers_source_end(&PS, 1, false);
	ck_assert_uint_eq(PS.vt.n, 2);
	ck_assert_uint_eq(size_of(0, "192.0.2.1", 0), 10);
	ck_assert_uint_eq(PS.cnt[idx(&PS, 0, "192.0.2.1")].announces, 0);
	ck_assert_uint_eq(size_of(1, "192.0.2.1", 0), 1);
	ck_assert_uint_eq(PS.cnt[idx(&PS, 1, "192.0.2.1")].announces, 1);
}
END_TEST

START_TEST(full_feed_is_at_least_fraction_of_the_largest_table)
{
	rib(&PS, 0, 0, "192.0.2.1", 1000, false);
	rib(&PS, 0, 0, "192.0.2.2", 900, false);   /* exactly 0.9: full */
	rib(&PS, 0, 0, "192.0.2.3", 899, false);
	peers_source_end(&PS, 0, false);
	ck_assert_int_eq(full_feed(0, "192.0.2.1", 0), PEER_FULL_YES);
	ck_assert_int_eq(full_feed(0, "192.0.2.2", 0), PEER_FULL_YES);
	ck_assert_int_eq(full_feed(0, "192.0.2.3", 0), PEER_FULL_NO);
}
END_TEST

START_TEST(full_feed_fraction_is_the_option_value)
{
	peers_free(&PS);
	peers_init(&PS, 0.5);      /* instead of setup's 0.9 */
	rib(&PS, 0, 0, "192.0.2.1", 100, false);
	rib(&PS, 0, 0, "192.0.2.2", 50, false);
	rib(&PS, 0, 0, "192.0.2.3", 49, false);
	peers_source_end(&PS, 0, false);
	ck_assert_int_eq(full_feed(0, "192.0.2.2", 0), PEER_FULL_YES);
	ck_assert_int_eq(full_feed(0, "192.0.2.3", 0), PEER_FULL_NO);
}
END_TEST

START_TEST(full_feed_is_decided_per_address_family)
{
	rib(&PS, 0, 0, "192.0.2.1", 100, false);
	rib(&PS, 0, 0, "2001:db8::1", 20, true);   /* IPv6 only */
	peers_source_end(&PS, 0, false);
	size_t v4 = idx(&PS, 0, "192.0.2.1"), v6 = idx(&PS, 0, "2001:db8::1");
	ck_assert_int_eq(peers_full_feed(&PS, v4, 0), PEER_FULL_YES);
	ck_assert_int_eq(peers_full_feed(&PS, v4, 1), PEER_FULL_NO);
	ck_assert_int_eq(peers_full_feed(&PS, v6, 0), PEER_FULL_NO);
	ck_assert_int_eq(peers_full_feed(&PS, v6, 1), PEER_FULL_YES);
}
END_TEST

/* As visibility.c: the largest table of any collector whose dump was read. */
START_TEST(full_feed_compares_with_the_largest_table_of_all_collectors)
{
	rib(&PS, 0, 0, "192.0.2.1", 1000, false);
	rib(&PS, 1, 1, "198.51.100.1", 500, false);  /* largest of its collector */
	peers_source_end(&PS, 0, false);
	peers_source_end(&PS, 1, false);
	ck_assert_int_eq(full_feed(1, "198.51.100.1", 0), PEER_FULL_NO);
}
END_TEST

START_TEST(full_feed_unknown_for_a_collector_without_a_rib_dump)
{
	rib(&PS, 0, 0, "192.0.2.1", 10, false);
	peers_source_end(&PS, 0, false);
	struct elem e = E(ELEM_ANNOUNCE, 1, 1, "198.51.100.1", 65001, "10.0.0.0/8", 200);
	peers_elem(&PS, &e);
	size_t i = idx(&PS, 1, "198.51.100.1");
	ck_assert(!peers_has_table(&PS, i));
	ck_assert_int_eq(peers_full_feed(&PS, i, 0), PEER_FULL_UNKNOWN);
	/* A peer of a collector with a dump, missing from it: known, not full. */
	struct elem f = E(ELEM_ANNOUNCE, 0, 2, "192.0.2.9", 65002, "10.0.0.0/8", 200);
	peers_elem(&PS, &f);
	ck_assert_int_eq(full_feed(0, "192.0.2.9", 0), PEER_FULL_NO);
}
END_TEST

START_TEST(updates_states_and_times_are_counted)
{
	struct elem es[] = {
		E(ELEM_ANNOUNCE, 0, 0, "192.0.2.1", 65000, "10.0.0.0/8", 300),
		E(ELEM_ANNOUNCE, 0, 0, "192.0.2.1", 65000, "10.1.0.0/16", 300),
		E(ELEM_WITHDRAW, 0, 0, "192.0.2.1", 0, "10.0.0.0/8", 310),
		E(ELEM_STATE, 0, 0, "192.0.2.1", 65000, NULL, 320),
		E(ELEM_ANNOUNCE, 0, 1, "192.0.2.1", 65009, "10.0.0.0/8", 250),  /* other input, earlier */
	};
	for (size_t i = 0; i < sizeof es / sizeof es[0]; i++)
		peers_elem(&PS, &es[i]);
	const struct vantage_vp *v = find(&PS, 0, "192.0.2.1");
	const struct peer_count *k = &PS.cnt[idx(&PS, 0, "192.0.2.1")];
	ck_assert_uint_eq(k->announces, 3);
	ck_assert_uint_eq(k->withdraws, 1);
	ck_assert_uint_eq(k->state_changes, 1);
	ck_assert_uint_eq(v->first_ts, 250);
	ck_assert_uint_eq(v->last_ts, 320);
	ck_assert_uint_eq(v->asn, 65009);       /* the latest seen; 0 (unknown) ignored */
}
END_TEST

START_TEST(report_order_is_collector_name_then_family_then_address)
{
	const char *ips[] = { "2001:db8::1", "192.0.2.10", "192.0.2.9", "10.0.0.1" };
	for (uint32_t col = 0; col < 2; col++)
		for (size_t i = 0; i < 4; i++) {
			struct elem e = E(ELEM_ANNOUNCE, col, col, ips[i], 1, "10.0.0.0/8", 1);
			peers_elem(&PS, &e);
		}
	const char *names[] = { "zeta", "alpha" };   /* collector 1 sorts first */
	uint32_t *o = peers_sorted(&PS, names, 2);
	ck_assert_ptr_nonnull(o);
	const char *want[] = { "10.0.0.1", "192.0.2.9", "192.0.2.10", "2001:db8::1" };
	for (size_t k = 0; k < 8; k++) {
		char buf[ADDR_STRLEN];
		addr_format(&PS.vt.vps[o[k]].ip, buf);
		ck_assert_uint_eq(PS.vt.vps[o[k]].collector, k < 4 ? 1 : 0);
		ck_assert_str_eq(buf, want[k % 4]);
	}
	free(o);
}
END_TEST

START_TEST(many_vantage_points_keep_their_identity)
{
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 3000; i++) {
			char ip[32];
			snprintf(ip, sizeof ip, "10.%d.%d.1", i / 256, i % 256);
			struct elem e = E(ELEM_ANNOUNCE, (uint32_t)(i % 3), 0, ip, 1, "10.0.0.0/8", 1);
			peers_elem(&PS, &e);
		}
	ck_assert(!PS.oom);
	ck_assert_uint_eq(PS.vt.n, 3000);
	for (size_t i = 0; i < PS.vt.n; i++)
		ck_assert_uint_eq(PS.cnt[i].announces, 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("peers");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, rib_entries_counted_per_address_family);
	tcase_add_test(tc, table_size_taken_when_the_dump_source_ends);
	tcase_add_test(tc, new_rib_dump_replaces_the_counts_of_its_collector);
	tcase_add_test(tc, files_of_one_dump_time_count_as_one_dump);
	tcase_add_test(tc, a_file_read_while_another_of_the_dump_is_open_joins_it);
	tcase_add_test(tc, a_damaged_dump_keeps_the_sizes_known_before_it);
	tcase_add_test(tc, a_damaged_first_dump_still_gives_sizes);
	tcase_add_test(tc, a_dump_of_one_collector_leaves_the_other_collector_alone);
	tcase_add_test(tc, same_address_at_two_collectors_is_two_vantage_points);
	tcase_add_test(tc, full_feed_is_at_least_fraction_of_the_largest_table);
	tcase_add_test(tc, full_feed_fraction_is_the_option_value);
	tcase_add_test(tc, full_feed_is_decided_per_address_family);
	tcase_add_test(tc, full_feed_compares_with_the_largest_table_of_all_collectors);
	tcase_add_test(tc, full_feed_unknown_for_a_collector_without_a_rib_dump);
	tcase_add_test(tc, updates_states_and_times_are_counted);
	tcase_add_test(tc, report_order_is_collector_name_then_family_then_address);
	tcase_add_test(tc, many_vantage_points_keep_their_identity);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
