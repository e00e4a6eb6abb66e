/*
 * check_share.c — the visible share: /24 units of the union of target
 * prefixes (nested ones counted once, IPv6 in /48 units), the prefix-count
 * weighting, and blackout --below windows with their lowest share.
 * Owns: share rules fed with hand-built elements. Never: reads files.
 */
#include <check.h>

#include "check_run.h"
#include "state/share.h"
#include "state_helpers.h"

static struct world W;

static void setup(void) { w_init(&W, "175.45.176.0/22", true); }
static void teardown(void) { w_free(&W); }

static double units_of(const char *const *pfx)
{
	struct share_acc a;
	share_acc_init(&a);
	for (size_t i = 0; pfx[i]; i++) {
		struct prefix p = P(pfx[i]);
		share_acc_add(&a, &p);
	}
	return share_acc_slash24(&a);
}

START_TEST(a_more_specific_inside_a_less_specific_is_counted_once)
{
	static const char *const l[] = { "10.0.0.0/16", "10.0.1.0/24", "10.0.2.0/23", "10.1.0.0/24", NULL };
	ck_assert(units_of(l) == 257);
}
END_TEST

START_TEST(a_prefix_longer_than_a_slash24_counts_its_fraction)
{
	static const char *const l[] = { "10.0.0.0/25", "10.0.1.0/26", NULL };
	ck_assert(units_of(l) == 0.75);
}
END_TEST

START_TEST(ipv6_counts_in_slash48_units_and_adds_to_ipv4)
{
	static const char *const l[] = { "10.0.0.0/24", "2001:db8::/32", "2001:db8:1::/48", "2001:db9::/48",
	                                 "2001:dba::1/128", NULL };
	ck_assert(units_of(l) == 1 + 65536 + 1 + 1.0 / 65536);
}
END_TEST

static const char *const WIDE[] = { "175.45.176.0/22", "175.45.179.0/24", NULL };

START_TEST(space_share_counts_a_withdrawn_more_specific_under_a_visible_cover_as_visible)
{
	w_start(&W, 1000, 0, 1, 4, 4, WIDE);
	for (unsigned i = 0; i < 4; i++)
		w_wd(&W, 2000, 0, peer_n(i), WIDE[1]);
	struct share s;
	share_init(&s);
	share_update(&s, &W.v);
	ck_assert(share_target_slash24(&s) == 4);
	ck_assert(share_visible_slash24(&s) == 4);
	ck_assert(share_value(&s, &W.v, SHARE_SPACE) == 1);
	ck_assert(share_value(&s, &W.v, SHARE_PREFIXES) == 0.5);
	for (unsigned i = 0; i < 4; i++)
		w_wd(&W, 3000, 0, peer_n(i), WIDE[0]);
	share_update(&s, &W.v);
	ck_assert(share_value(&s, &W.v, SHARE_SPACE) == 0);
	share_free(&s);
}
END_TEST

static const char *const FOUR[] = { "175.45.176.0/24", "175.45.177.0/24", "175.45.178.0/24",
                                    "175.45.179.0/24", NULL };

/* Withdraws prefix k from every one of n peers at t. */
static void gone(uint32_t t, unsigned k, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		w_wd(&W, t, 0, peer_n(i), FOUR[k]);
}

static void back(uint32_t t, unsigned k, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		w_ann(&W, t, 0, peer_n(i), FOUR[k]);
}

/* The data ends: exactly one window, from start to end, lowest share min. */
static void one_window(uint32_t start, uint32_t end, double min)
{
	w_finish(&W, 1);
	ck_assert_uint_eq(W.b.w[0].start, start);
	ck_assert_uint_eq(W.b.w[0].end, end);
	ck_assert(W.b.w[0].min_share == min);
}

START_TEST(below_opens_a_window_while_the_share_is_under_the_threshold)
{
	blackout_set_below(&W.b, 0.5, SHARE_SPACE);
	w_start(&W, 1000, 0, 1, 4, 4, FOUR);
	gone(2000, 0, 4);                    /* 3/4 visible: not below 0.5 */
	gone(2100, 1, 4);                    /* 2/4: not below 0.5 */
	gone(2200, 2, 4);                    /* 1/4: below */
	gone(2300, 3, 4);                    /* 0 */
	back(2400, 3, 4);                    /* 1/4 */
	back(2500, 2, 4);                    /* 2/4: the window ends */
	one_window(2200, 2500, 0);
}
END_TEST

START_TEST(below_records_the_lowest_share_inside_the_window)
{
	blackout_set_below(&W.b, 1, SHARE_PREFIXES);
	w_start(&W, 1000, 0, 1, 4, 4, FOUR);
	gone(2000, 0, 4);
	gone(2100, 1, 4);
	back(2200, 1, 4);
	back(2300, 0, 4);
	one_window(2000, 2300, 0.5);
}
END_TEST

START_TEST(without_below_a_partial_outage_is_no_window_and_windows_have_share_0)
{
	w_start(&W, 1000, 0, 1, 4, 4, FOUR);
	gone(2000, 0, 4);
	gone(2100, 1, 4);
	gone(2200, 2, 4);
	w_finish(&W, 0);
	gone(2300, 3, 4);
	back(2400, 3, 4);
	w_finish(&W, 1);
	ck_assert(W.b.w[0].min_share == 0);
}
END_TEST

/* FOUR visible from 1000; collector 0 has no data in [1500, 2000), so all
 * four are unknown after it until proven: prefixes 0 and 1 re-announced at
 * 2100 and 2200, prefix 2 withdrawn at 2300. */
static void gap_then_proven(void)
{
	ck_assert(vis_add_gap(&W.v, 0, 1500, 2000));
	w_start(&W, 1000, 0, 1, 4, 4, FOUR);
	w_ann(&W, 2050, 0, peer_n(0), "10.200.0.0/16");
	ck_assert_uint_eq(W.v.nundecided, 4);
	back(2100, 0, 4);
	back(2200, 1, 4);
}

START_TEST(unknown_prefixes_are_left_out_of_the_share)
{
	struct share s;
	share_init(&s);
	gap_then_proven();
	share_update(&s, &W.v);
	/* 2 visible of the 2 known, not of the 4 */
	ck_assert(share_value(&s, &W.v, SHARE_PREFIXES) == 1);
	ck_assert(share_value(&s, &W.v, SHARE_SPACE) == 1);
	ck_assert(share_decided(&s, &W.v, SHARE_PREFIXES) && share_decided(&s, &W.v, SHARE_SPACE));
	gone(2300, 2, 4);
	share_update(&s, &W.v);
	ck_assert(share_value(&s, &W.v, SHARE_PREFIXES) == 2.0 / 3);
	ck_assert(share_value(&s, &W.v, SHARE_SPACE) == 2.0 / 3);
	share_free(&s);
}
END_TEST

START_TEST(a_share_of_less_than_half_the_target_known_is_undecided)
{
	struct share s;
	share_init(&s);
	ck_assert(vis_add_gap(&W.v, 0, 1500, 2000));
	w_start(&W, 1000, 0, 1, 4, 4, FOUR);
	back(2100, 0, 4);                    /* 1 of 4 known */
	share_update(&s, &W.v);
	ck_assert(!share_decided(&s, &W.v, SHARE_PREFIXES));
	ck_assert(!share_decided(&s, &W.v, SHARE_SPACE));
	share_free(&s);
}
END_TEST

START_TEST(below_decides_on_the_known_part_of_the_target)
{
	/* Counting the unknown as invisible, 2 of 4 (0.5) would be below 0.75
	 * from 2200; of the known, 2 of 2 is not, and 2 of 3 from 2300 is. */
	blackout_set_below(&W.b, 0.75, SHARE_PREFIXES);
	gap_then_proven();
	gone(2300, 2, 4);
	back(2400, 2, 4);
	blackout_finish(&W.b, &W.v);
	ck_assert_uint_eq(W.b.n, 1);
	ck_assert_uint_eq(W.b.w[0].start, 2300);
	ck_assert_uint_eq(W.b.w[0].start_earliest, 2300);
	ck_assert_uint_eq(W.b.w[0].end, 2400);
	ck_assert(W.b.w[0].min_share == 2.0 / 3);
}
END_TEST

START_TEST(the_series_carries_visible_slash24_units_and_the_share)
{
	W.tl.interval = 300;
	w_start(&W, 1200, 0, 1, 4, 4, FOUR);
	gone(1300, 0, 4);
	timeline_finish(&W.tl, &W.v);
	w_ann(&W, 1600, 0, peer_n(0), "10.0.0.0/8");
	timeline_finish(&W.tl, &W.v);
	ck_assert_uint_eq(W.tl.n, 2);
	ck_assert(W.tl.s[0].slash24 == 4 && W.tl.s[0].share == 1);
	ck_assert(W.tl.s[1].slash24 == 3 && W.tl.s[1].share == 0.75);
}
END_TEST

START_TEST(prefixes_sort_in_place_into_prefix_order)
{
	struct rib r;
	rib_init(&r);
	uint32_t idx[3000];
	uint64_t x = 12345;
	for (uint32_t i = 0; i < 3000; i++) {
		char b[32];
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		/* many equal keys and nested ones: lengths 8..24 over a few /8s */
		snprintf(b, sizeof b, "%u.%u.0.0/16", (unsigned)(x >> 60), (unsigned)(x >> 56) & 3);
		struct prefix p = P(b);
		p.len = (uint8_t)(8 + (x >> 40) % 17);
		addr_mask(&p.addr, p.len);
		idx[i] = rib_find(&r, &p) != RIB_NONE ? rib_find(&r, &p) : rib_add(&r, &p);
	}
	share_sort_prefixes(&r, idx, 3000);
	for (uint32_t i = 1; i < 3000; i++)
		ck_assert_int_le(prefix_cmp(&r.pfx[idx[i - 1]], &r.pfx[idx[i]]), 0);
	rib_free(&r);
}
END_TEST

START_TEST(weights_have_their_command_line_names)
{
	ck_assert_str_eq(share_weight_name(SHARE_SPACE), "space");
	ck_assert_str_eq(share_weight_name(SHARE_PREFIXES), "prefixes");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("share");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_more_specific_inside_a_less_specific_is_counted_once);
	tcase_add_test(tc, a_prefix_longer_than_a_slash24_counts_its_fraction);
	tcase_add_test(tc, ipv6_counts_in_slash48_units_and_adds_to_ipv4);
	tcase_add_test(tc, space_share_counts_a_withdrawn_more_specific_under_a_visible_cover_as_visible);
	tcase_add_test(tc, below_opens_a_window_while_the_share_is_under_the_threshold);
	tcase_add_test(tc, below_records_the_lowest_share_inside_the_window);
	tcase_add_test(tc, without_below_a_partial_outage_is_no_window_and_windows_have_share_0);
	tcase_add_test(tc, unknown_prefixes_are_left_out_of_the_share);
	tcase_add_test(tc, a_share_of_less_than_half_the_target_known_is_undecided);
	tcase_add_test(tc, below_decides_on_the_known_part_of_the_target);
	tcase_add_test(tc, the_series_carries_visible_slash24_units_and_the_share);
	tcase_add_test(tc, prefixes_sort_in_place_into_prefix_order);
	tcase_add_test(tc, weights_have_their_command_line_names);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
