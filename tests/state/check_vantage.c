/*
 * check_vantage.c — unit tests for vantage.c, the one vantage-point
 * registry: numbering, dump sessions, table sizes, the full-feed decision,
 * and that `peers` (peers.c) and blackout/timeline (visibility.c) call the
 * same vantage points full-feed on the same input.
 * Never: reads files; elements are made by hand.
 */
#include <check.h>
#include <string.h>

#include "check_run.h"
#include "state/peers.h"
#include "state/vantage.h"
#include "state/visibility.h"
#include "state_helpers.h"

static struct vantage VT;

static void setup(void) { vantage_init(&VT); }
static void teardown(void) { vantage_free(&VT); }

static uint32_t vp(uint32_t col, const char *ip)
{
	struct addr a = A(ip);
	return vantage_get(&VT, col, &a, 0, 100);
}

/* n RIB entries of vp (family v6 or not) from input src with dump time ts. */
static void entries(uint32_t v, int n, bool v6, uint32_t src, uint32_t ts)
{
	for (int i = 0; i < n; i++)
		vantage_dump_entry(&VT, v, v6 ? AFI_IPV6 : AFI_IPV4, src, ts);
}

/* Input src ends; a dump it finished is taken at once. */
static void end(uint32_t src, bool damaged)
{
	uint32_t col = vantage_source_end(&VT, src, damaged);
	if (col != VANTAGE_NONE)
		vantage_take(&VT, col);
}

START_TEST(vantage_points_are_numbered_in_the_order_first_seen_per_collector)
{
	ck_assert_uint_eq(vp(0, "192.0.2.1"), 0);
	ck_assert_uint_eq(vp(0, "2001:db8::1"), 1);
	ck_assert_uint_eq(vp(1, "192.0.2.1"), 2);      /* same address, other collector */
	ck_assert_uint_eq(vp(0, "192.0.2.1"), 0);
	for (int i = 0; i < 500; i++) {               /* through several rehashes */
		char ip[32];
		snprintf(ip, sizeof ip, "10.0.%d.%d", i / 256, i % 256);
		ck_assert_uint_eq(vp(2, ip), 3 + (uint32_t)i);
	}
	ck_assert_uint_eq(vp(1, "192.0.2.1"), 2);
	ck_assert_uint_eq(VT.n, 503);
}
END_TEST

START_TEST(asn_is_the_latest_known_and_times_span_what_was_seen)
{
	struct addr a = A("192.0.2.1");
	vantage_get(&VT, 0, &a, 65001, 300);
	vantage_get(&VT, 0, &a, 0, 200);
	vantage_get(&VT, 0, &a, 65002, 400);
	vantage_get(&VT, 0, &a, 0, 350);
	ck_assert_uint_eq(VT.vps[0].asn, 65002);
	ck_assert_uint_eq(VT.vps[0].first_ts, 200);
	ck_assert_uint_eq(VT.vps[0].last_ts, 400);
}
END_TEST

START_TEST(a_dump_is_taken_when_its_last_file_ends)
{
	uint32_t v = vp(0, "192.0.2.1");
	entries(v, 10, false, 0, 500);                /* the IPv4 file */
	entries(v, 3, true, 1, 500);                  /* the IPv6 file, same dump time */
	ck_assert(vantage_dump_open(&VT));
	ck_assert_uint_eq(vantage_source_end(&VT, 0, false), VANTAGE_NONE);
	ck_assert(!vantage_has_table(&VT, v));
	ck_assert_uint_eq(vantage_source_end(&VT, 1, false), 0);
	ck_assert(!vantage_dump_open(&VT));
	ck_assert(vantage_dump_active(&VT, 0));       /* pending: entries still refresh */
	vantage_take(&VT, 0);
	ck_assert(!vantage_dump_active(&VT, 0));
	ck_assert(vantage_has_table(&VT, v));
	ck_assert_uint_eq(VT.vps[v].table_size[0], 10);
	ck_assert_uint_eq(VT.vps[v].table_size[1], 3);
	/* An input that never held a RIB entry ends: nothing happens. */
	ck_assert_uint_eq(vantage_source_end(&VT, 7, false), VANTAGE_NONE);
}
END_TEST

/* vantage_dump_entry counts one more, inline once its file is in the
 * dump, the same as vantage_dump_entries(..., 1), and stops at the most
 * a count holds rather than wrap. */
START_TEST(a_dump_entry_counts_one_and_stops_at_the_most_a_count_holds)
{
	uint32_t v = vp(0, "192.0.2.1");
	entries(v, 2, false, 0, 500);
	vantage_dump_entries(&VT, v, AFI_IPV4, 0, 500, 3);
	entries(v, 1, true, 0, 500);
	ck_assert_uint_eq(VT.vps[v].dump_count[0], 5);
	ck_assert_uint_eq(VT.vps[v].dump_count[1], 1);
	VT.vps[v].dump_count[0] = UINT32_MAX - 1;
	entries(v, 3, false, 0, 500);
	ck_assert_uint_eq(VT.vps[v].dump_count[0], UINT32_MAX);
	ck_assert_uint_eq(vantage_source_end(&VT, 0, false), 0);
	vantage_take(&VT, 0);
	ck_assert_uint_eq(VT.vps[v].table_size[0], UINT32_MAX);
}
END_TEST

/* reach holds its report until every collector's dump is read, unless one
 * never can be: that collector has data, no dump, and no RIB file. */
START_TEST(a_collector_with_data_and_no_rib_file_is_dumpless_for_good)
{
	const bool rib_both[] = { true, true }, rib_first[] = { true, false };
	ck_assert(!vantage_dumpless(&VT, rib_first, 2));      /* no data yet */
	uint32_t a = vp(0, "192.0.2.1");
	ck_assert(!vantage_dumpless(&VT, rib_first, 2));      /* its dump can come */
	ck_assert(vantage_dumpless(&VT, rib_first, 0));       /* beyond n: no RIB file */
	entries(a, 10, false, 0, 500);
	end(0, false);
	ck_assert(!vantage_dumpless(&VT, rib_first, 2));
	uint32_t b = vp(1, "192.0.2.2");                     /* updates of the other */
	ck_assert(vantage_dumpless(&VT, rib_first, 2));
	ck_assert(!vantage_dumpless(&VT, rib_both, 2));
	/* A dump being read (whatever the files said) may still be taken. */
	entries(b, 4, false, 1, 600);
	ck_assert(!vantage_dumpless(&VT, rib_first, 2));
	ck_assert_uint_eq(vantage_source_end(&VT, 1, false), 1);
	ck_assert(!vantage_dumpless(&VT, rib_first, 2));      /* pending */
	vantage_take(&VT, 1);
	ck_assert(!vantage_dumpless(&VT, rib_first, 2));
}
END_TEST

/* A collector numbered below one with data has a column too: its table
 * sizes are as unknown (reach's check counts it the same way). */
START_TEST(a_lower_numbered_collector_without_data_counts_once_a_higher_one_has_some)
{
	const bool rib_second[] = { false, true };
	vp(1, "192.0.2.1");
	ck_assert(vantage_dumpless(&VT, rib_second, 2));
}
END_TEST

START_TEST(a_later_file_of_the_same_dump_time_joins_the_pending_dump)
{
	uint32_t v = vp(0, "192.0.2.1");
	entries(v, 10, false, 0, 500);
	ck_assert_uint_eq(vantage_source_end(&VT, 0, false), 0);
	entries(v, 2, true, 1, 500);                  /* read after the first ended */
	ck_assert(!VT.cols[0].pending);
	ck_assert_uint_eq(vantage_source_end(&VT, 1, false), 0);
	vantage_take(&VT, 0);
	ck_assert_uint_eq(VT.vps[v].table_size[0], 10);
	ck_assert_uint_eq(VT.vps[v].table_size[1], 2);
}
END_TEST

START_TEST(a_new_dump_counts_every_vantage_point_of_its_collector_from_zero)
{
	uint32_t a = vp(0, "192.0.2.1"), b = vp(0, "192.0.2.2"), c = vp(1, "192.0.2.3");
	entries(a, 10, false, 0, 500);
	entries(b, 10, false, 0, 500);
	entries(c, 7, false, 1, 500);
	end(0, false);
	end(1, false);
	entries(a, 4, false, 2, 7700);                /* b is not in the next dump */
	end(2, false);
	ck_assert_uint_eq(VT.vps[a].table_size[0], 4);
	ck_assert_uint_eq(VT.vps[b].table_size[0], 0);
	ck_assert_uint_eq(VT.vps[c].table_size[0], 7);  /* the other collector's stays */
}
END_TEST

START_TEST(a_damaged_dump_keeps_the_sizes_known_before_it_but_gives_the_first)
{
	uint32_t a = vp(0, "192.0.2.1");
	entries(a, 5, false, 0, 500);
	end(0, true);                                 /* damaged, but nothing was known */
	ck_assert(vantage_has_table(&VT, a));
	ck_assert_uint_eq(VT.vps[a].table_size[0], 5);
	entries(a, 9, false, 1, 7700);
	end(1, false);
	entries(a, 2, false, 2, 14900);
	end(2, true);                                 /* damaged: 9 stays */
	ck_assert_uint_eq(VT.vps[a].table_size[0], 9);
	entries(a, 8, false, 3, 22100);
	end(3, false);
	ck_assert_uint_eq(VT.vps[a].table_size[0], 8);
}
END_TEST

START_TEST(full_feed_is_a_share_of_the_largest_table_of_the_family)
{
	uint32_t a = vp(0, "192.0.2.1"), b = vp(0, "192.0.2.2"), c = vp(0, "192.0.2.3");
	uint32_t d = vp(1, "192.0.2.4");              /* a collector without a dump */
	entries(a, 1000, false, 0, 500);
	entries(b, 900, false, 0, 500);
	entries(c, 899, false, 0, 500);
	entries(c, 50, true, 0, 500);
	end(0, false);
	uint32_t max[2];
	vantage_max_tables(&VT, max);
	ck_assert_uint_eq(max[0], 1000);
	ck_assert_uint_eq(max[1], 50);
	ck_assert_int_eq(vantage_feed(&VT, a, 0, 0.9, max), VANTAGE_FULL);
	ck_assert_int_eq(vantage_feed(&VT, b, 0, 0.9, max), VANTAGE_FULL);   /* exactly 90% */
	ck_assert_int_eq(vantage_feed(&VT, c, 0, 0.9, max), VANTAGE_PARTIAL);
	ck_assert_int_eq(vantage_feed(&VT, c, 1, 0.9, max), VANTAGE_FULL);
	ck_assert_int_eq(vantage_feed(&VT, a, 1, 0.9, max), VANTAGE_PARTIAL); /* no IPv6 table */
	ck_assert_int_eq(vantage_feed(&VT, d, 0, 0.9, max), VANTAGE_NO_TABLE);
}
END_TEST

/* ---- peers and blackout agree -------------------------------------------- */

/* mk() (state_helpers.h), with the argument order of this file's calls. */
static struct elem el(enum elem_type t, uint32_t col, uint32_t src, const char *ip,
                      const char *pfx, uint32_t ts)
{
	struct elem e = mk(t, ts, col, src, ip, pfx);
	e.safi = 1;
	return e;
}

/* One input's RIB entries of peer ip: n IPv4 and n6 IPv6 prefixes. */
static size_t dump_of(struct elem *out, uint32_t col, uint32_t src, const char *ip, int n, int n6,
                      uint32_t ts)
{
	size_t k = 0;
	char p[64];
	for (int i = 0; i < n; i++) {
		snprintf(p, sizeof p, "10.%d.%d.0/24", i / 256, i % 256);
		out[k++] = el(ELEM_RIB, col, src, ip, p, ts);
	}
	for (int i = 0; i < n6; i++) {
		snprintf(p, sizeof p, "2001:db8:%x::/48", i);
		out[k++] = el(ELEM_RIB, col, src, ip, p, ts);
	}
	return k;
}

START_TEST(peers_and_blackout_agree_on_which_vantage_points_are_full_feed)
{
	static struct elem es[8000];
	struct end { size_t after; uint32_t src; bool damaged; } ends[8];
	size_t n = 0, nends = 0;
	/* rv: four peers, one partial; a second dump later drops one to partial. */
	n += dump_of(es + n, 0, 0, "192.0.2.1", 200, 20, 1000);
	n += dump_of(es + n, 0, 0, "192.0.2.2", 190, 0, 1000);
	n += dump_of(es + n, 0, 0, "192.0.2.3", 120, 20, 1000);
	n += dump_of(es + n, 0, 0, "2001:db8::4", 185, 19, 1000);
	/* rrc: its own dump at the same time, IPv6 in a second file. */
	n += dump_of(es + n, 1, 1, "198.51.100.1", 200, 0, 1000);
	n += dump_of(es + n, 1, 2, "198.51.100.1", 0, 18, 1000);
	n += dump_of(es + n, 1, 1, "198.51.100.2", 50, 0, 1000);
	ends[nends++] = (struct end){ n, 0, false };
	ends[nends++] = (struct end){ n, 1, false };
	ends[nends++] = (struct end){ n, 2, false };
	/* Updates from a peer of a third collector without a dump. */
	es[n++] = el(ELEM_ANNOUNCE, 2, 3, "203.0.113.9", "10.0.0.0/24", 1500);
	/* rv's next dump: .2 shrinks to partial; a damaged dump of rrc changes nothing. */
	n += dump_of(es + n, 0, 4, "192.0.2.1", 200, 20, 8200);
	n += dump_of(es + n, 0, 4, "192.0.2.2", 100, 0, 8200);
	n += dump_of(es + n, 0, 4, "192.0.2.3", 199, 20, 8200);
	n += dump_of(es + n, 0, 4, "2001:db8::4", 185, 19, 8200);
	ends[nends++] = (struct end){ n, 4, false };
	n += dump_of(es + n, 1, 5, "198.51.100.2", 10, 0, 8300);
	ends[nends++] = (struct end){ n, 5, true };

	struct peers ps;
	peers_init(&ps, 0.9);
	struct vis v;
	struct vis_config cfg = { .rule = { VIS_FRACTION, 0.5, 0 }, .full_feed = 0.9 };
	ck_assert(vis_init(&v, &cfg, NULL));
	size_t e = 0;
	for (size_t k = 0; k < nends; k++) {
		for (; e < ends[k].after; e++) {
			peers_elem(&ps, &es[e]);
			vis_elem(&v, &es[e]);
		}
		peers_source_end(&ps, ends[k].src, ends[k].damaged);
		vis_source_end(&v, ends[k].src, ends[k].damaged);
	}
	for (; e < n; e++) {
		peers_elem(&ps, &es[e]);
		vis_elem(&v, &es[e]);
	}
	vis_flush(&v);

	ck_assert_uint_eq(ps.vt.n, v.rib.vt.n);
	uint32_t nfull[2] = { 0, 0 };
	for (size_t i = 0; i < ps.vt.n; i++) {
		/* The same vantage point at the same index in both. */
		ck_assert(addr_equal(&ps.vt.vps[i].ip, &v.rib.vt.vps[i].ip));
		ck_assert_uint_eq(ps.vt.vps[i].collector, v.rib.vt.vps[i].collector);
		for (int f = 0; f < 2; f++) {
			bool vis_full = (v.full[f][i / 64] >> (i % 64)) & 1;
			enum peer_full pf = peers_full_feed(&ps, i, f);
			if (pf == PEER_FULL_UNKNOWN)
				continue;         /* no dump: peers cannot say; visibility's fallback */
			ck_assert_msg(vis_full == (pf == PEER_FULL_YES), "vp %zu family %d: peers %d, vis %d",
			              i, f, (int)pf, (int)vis_full);
			nfull[f] += vis_full;
		}
	}
	/* rv .1 .3 .4 and rrc .1 (IPv4); rv .1 .3 .4 and rrc .1 (IPv6). */
	ck_assert_uint_eq(nfull[0], 4);
	ck_assert_uint_eq(nfull[1], 4);
	peers_free(&ps);
	vis_free(&v);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("vantage");
	TCase *tc = tcase_create("vantage");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, vantage_points_are_numbered_in_the_order_first_seen_per_collector);
	tcase_add_test(tc, asn_is_the_latest_known_and_times_span_what_was_seen);
	tcase_add_test(tc, a_dump_is_taken_when_its_last_file_ends);
	tcase_add_test(tc, a_collector_with_data_and_no_rib_file_is_dumpless_for_good);
	tcase_add_test(tc, a_lower_numbered_collector_without_data_counts_once_a_higher_one_has_some);
	tcase_add_test(tc, a_later_file_of_the_same_dump_time_joins_the_pending_dump);
	tcase_add_test(tc, a_new_dump_counts_every_vantage_point_of_its_collector_from_zero);
	tcase_add_test(tc, a_damaged_dump_keeps_the_sizes_known_before_it_but_gives_the_first);
	tcase_add_test(tc, a_dump_entry_counts_one_and_stops_at_the_most_a_count_holds);
	tcase_add_test(tc, full_feed_is_a_share_of_the_largest_table_of_the_family);
	tcase_add_test(tc, peers_and_blackout_agree_on_which_vantage_points_are_full_feed);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
