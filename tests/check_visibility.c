/*
 * check_visibility.c — full-feed selection, visibility rules, covering,
 * sessions and dumps as seen by visibility.c; one test per rule.
 * Owns: rule tests fed with hand-built elements. Never: reads files.
 */
#include <check.h>
#include <stdlib.h>

#include "diag.h"
#include "state_helpers.h"

static const char *const NK24[] = { "175.45.176.0/24", NULL };

START_TEST(full_feed_is_90_percent_of_the_largest_table)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.1", 100);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.2", 90);   /* exactly 90%: full-feed */
	w_rib_fill(&w, 100, 0, 1, "192.0.2.3", 89);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.4", 5);
	w_end(&w, 1);
	ck_assert_uint_eq(w.v.nfull[0], 2);
	ck_assert_uint_eq(w.v.nfull[1], 0);
	w_free(&w);
}
END_TEST

START_TEST(full_feed_fraction_option)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w.v.cfg.full_feed = 0.05;
	w_rib_fill(&w, 100, 0, 1, "192.0.2.1", 100);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.3", 89);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.4", 5);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.5", 4);
	w_end(&w, 1);
	ck_assert_uint_eq(w.v.nfull[0], 3);
	w_free(&w);
}
END_TEST

START_TEST(full_feed_is_recomputed_from_each_dump)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.1", 100);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.2", 100);
	w_end(&w, 1);
	ck_assert_uint_eq(w.v.nfull[0], 2);
	w_rib_fill(&w, 200, 0, 2, "192.0.2.1", 100);
	w_rib_fill(&w, 200, 0, 2, "192.0.2.2", 10);   /* lost most of its table */
	w_end(&w, 2);
	ck_assert_uint_eq(w.v.nfull[0], 1);
	w_free(&w);
}
END_TEST

START_TEST(full_feed_is_per_address_family)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.1", 100);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.2", 100);
	w_rib(&w, 100, 0, 1, "192.0.2.2", "2001:db8::/32");
	w_end(&w, 1);
	ck_assert_uint_eq(w.v.nfull[0], 2);
	ck_assert_uint_eq(w.v.nfull[1], 1);
	w_free(&w);
}
END_TEST

START_TEST(majority_rule_needs_half_of_the_full_feed_vantage_points)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_start(&w, 100, 0, 1, 4, 2, NK24);          /* 2 of 4 have it */
	ck_assert_uint_eq(w.v.nvisible, 1);
	w_wd(&w, 150, 0, peer_n(0), "175.45.176.0/24");   /* 1 of 4 */
	ck_assert_uint_eq(w.v.nvisible, 0);
	ck_assert_uint_eq(w.ch[w.nch - 1].ts, 150);
	ck_assert(!w.ch[w.nch - 1].visible);
	ck_assert_uint_eq(w.ch[w.nch - 1].seen_full, 1);
	ck_assert_uint_eq(w.ch[w.nch - 1].nfull, 4);
	w_free(&w);
}
END_TEST

START_TEST(multicast_routes_do_not_make_a_prefix_visible)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_start(&w, 100, 0, 1, 4, 1, NK24);          /* 1 of 4 have it: dark */
	ck_assert_uint_eq(w.v.nvisible, 0);
	struct elem e = mk(ELEM_ANNOUNCE, 200, 0, 100, peer_n(1), "175.45.176.0/24");
	e.attrs = w_attrs(&w, 131279);
	e.safi = SAFI_MULTICAST;
	vis_elem(&w.v, &e);
	vis_flush(&w.v);
	ck_assert_uint_eq(w.v.nvisible, 0);          /* still 1 of 4 for unicast */
	w_ann(&w, 300, 0, peer_n(1), "175.45.176.0/24");
	ck_assert_uint_eq(w.v.nvisible, 1);          /* 2 of 4 */
	w_free(&w);
}
END_TEST

START_TEST(one_stale_peer_does_not_keep_a_prefix_visible)
{
	const char *rules[] = { "majority", "any" };
	for (int r = 0; r < 2; r++) {
		struct world w;
		w_init_rule(&w, NK24, false, rules[r], false, 0);
		w_start(&w, 100, 0, 1, 5, 5, NK24);
		for (unsigned i = 0; i < 4; i++)
			w_wd(&w, 200 + i, 0, peer_n(i), "175.45.176.0/24");
		/* peer 5 is a zombie: the default rule calls the prefix gone,
		 * "any" is fooled by it */
		ck_assert_uint_eq(w.v.nvisible, r == 0 ? 0 : 1);
		w_free(&w);
	}
}
END_TEST

START_TEST(rule_any_counts_partial_feeds_too)
{
	struct world w;
	w_init_rule(&w, NK24, false, "any", false, 0);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.1", 100);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.9", 3);
	w_rib(&w, 100, 0, 1, "192.0.2.9", "175.45.176.0/24");
	w_end(&w, 1);
	ck_assert_uint_eq(w.v.nvisible, 1);
	w_free(&w);
}
END_TEST

START_TEST(rule_count_n)
{
	struct world w;
	w_init_rule(&w, NK24, false, "2", false, 0);
	w_start(&w, 100, 0, 1, 10, 1, NK24);
	ck_assert_uint_eq(w.v.nvisible, 0);
	w_ann(&w, 120, 0, peer_n(5), "175.45.176.0/24");
	ck_assert_uint_eq(w.v.nvisible, 1);
	w_free(&w);
}
END_TEST

START_TEST(rule_fraction)
{
	struct world w;
	w_init_rule(&w, NK24, false, "25%", false, 0);
	w_start(&w, 100, 0, 1, 8, 1, NK24);          /* 1 of 8 < 25% */
	ck_assert_uint_eq(w.v.nvisible, 0);
	w_ann(&w, 120, 0, peer_n(5), "175.45.176.0/24");   /* 2 of 8 */
	ck_assert_uint_eq(w.v.nvisible, 1);
	w_free(&w);
	struct vis_rule r;
	ck_assert(vis_rule_parse("0.25", &r) && r.kind == VIS_FRACTION && r.fraction == 0.25);
	ck_assert(vis_rule_parse("3", &r) && r.kind == VIS_COUNT && r.count == 3);
	ck_assert(!vis_rule_parse("0", &r));
	ck_assert(!vis_rule_parse("half", &r));
	ck_assert(!vis_rule_parse("1.5", &r));
	ck_assert(!vis_rule_parse("", &r));
}
END_TEST

START_TEST(covering_route_keeps_target_reachable)
{
	static const char *const both[] = { "175.45.176.0/24", "175.45.0.0/16", NULL };
	for (int cov = 0; cov < 2; cov++) {
		struct world w;
		w_init_rule(&w, NK24, false, NULL, cov, 0);
		w_start(&w, 100, 0, 1, 3, 3, both);
		ck_assert_uint_eq(w.v.nvisible, 1);
		for (unsigned i = 0; i < 3; i++)
			w_wd(&w, 200, 0, peer_n(i), "175.45.176.0/24");
		ck_assert_uint_eq(w.v.nvisible, cov ? 1 : 0);
		/* the covering route goes too: now dark either way */
		for (unsigned i = 0; i < 3; i++)
			w_wd(&w, 300, 0, peer_n(i), "175.45.0.0/16");
		ck_assert_uint_eq(w.v.nvisible, 0);
		if (cov)
			ck_assert_uint_eq(w.ch[w.nch - 1].ts, 300);
		char d[256];
		vis_rule_describe(&w.v.cfg.rule, cov, d, sizeof d);
		ck_assert((strstr(d, "covered") != NULL) == cov);
		w_free(&w);
	}
}
END_TEST

START_TEST(covering_among_more_specific_targets)
{
	static const char *const set[] = { "175.45.176.0/24", "175.45.178.0/23", "175.45.176.0/22",
	                                    "175.45.177.0/24", "175.45.179.0/24", NULL };
	struct world w;
	const char *list[] = { "175.45.176.0/22", NULL };
	w_init_rule(&w, list, true, NULL, true, 0);
	w_start(&w, 100, 0, 1, 2, 2, set);
	ck_assert_uint_eq(w.v.ntargets, 5);
	ck_assert_uint_eq(w.v.nvisible, 5);
	for (unsigned i = 0; i < 2; i++)
		w_wd(&w, 200, 0, peer_n(i), "175.45.179.0/24");
	ck_assert_uint_eq(w.v.nvisible, 5);           /* the /23 and /22 cover it */
	for (unsigned i = 0; i < 2; i++) {
		w_wd(&w, 300, 0, peer_n(i), "175.45.178.0/23");
		w_wd(&w, 300, 0, peer_n(i), "175.45.176.0/22");
	}
	ck_assert_uint_eq(w.v.nvisible, 2);           /* .176 and .177 by their own routes */
	ck_assert_uint_eq(w.v.rib.npfx, 5);
	for (unsigned i = 0; i < 2; i++)
		w_ann(&w, 400, 0, peer_n(i), "175.45.176.0/22");
	ck_assert_uint_eq(w.v.nvisible, 5);
	w_free(&w);
}
END_TEST

START_TEST(covering_route_arriving_in_the_same_second_gives_one_answer)
{
	struct world w;
	w_init_rule(&w, NK24, false, NULL, true, 0);
	w_start(&w, 100, 0, 1, 2, 2, NK24);
	size_t before = w.nch;
	for (unsigned i = 0; i < 2; i++) {
		struct elem e = mk(ELEM_ANNOUNCE, 200, 0, 100, peer_n(i), "175.45.0.0/16");
		e.attrs = w_attrs(&w, 4837);
		vis_elem(&w.v, &e);
		struct elem x = mk(ELEM_WITHDRAW, 200, 0, 100, peer_n(i), "175.45.176.0/24");
		vis_elem(&w.v, &x);
	}
	vis_flush(&w.v);
	ck_assert_uint_eq(w.v.nvisible, 1);
	ck_assert_uint_eq(w.nch, before);             /* no invisible-then-visible pair */
	w_free(&w);
}
END_TEST

START_TEST(new_target_under_a_visible_covering_route_is_covered_at_once)
{
	static const char *const cover[] = { "175.45.0.0/16", NULL };
	struct world w;
	w_init_rule(&w, NK24, false, NULL, true, 0);
	w_start(&w, 100, 0, 1, 4, 4, cover);          /* the /16 visible, no target yet */
	ck_assert_uint_eq(w.v.ntargets, 0);
	w_ann(&w, 200, 0, peer_n(0), "175.45.176.0/24");   /* one of four: not by itself */
	ck_assert_uint_eq(w.v.ntargets, 1);
	ck_assert_uint_eq(w.v.nvisible, 1);
	w_free(&w);
}
END_TEST

START_TEST(covering_routes_are_not_targets)
{
	static const char *const both[] = { "175.45.176.0/24", "175.45.0.0/16", NULL };
	struct world w;
	w_init_rule(&w, NK24, false, NULL, true, 0);
	w_start(&w, 100, 0, 1, 3, 3, both);
	ck_assert_uint_eq(w.v.ntargets, 1);
	ck_assert_uint_eq(w.v.rib.npfx, 2);
	w_free(&w);
}
END_TEST

START_TEST(session_down_withdraws_every_route_of_the_peer)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_start(&w, 100, 0, 1, 3, 2, NK24);
	ck_assert_uint_eq(w.v.nvisible, 1);
	w_state(&w, 150, 0, peer_n(0), BGP_STATE_OPENCONFIRM, BGP_STATE_ESTABLISHED);
	w_state(&w, 160, 0, peer_n(0), BGP_STATE_IDLE, BGP_STATE_CONNECT);
	ck_assert_uint_eq(w.v.nvisible, 1);           /* not leaving Established: nothing */
	w_state(&w, 170, 0, peer_n(0), BGP_STATE_ESTABLISHED, BGP_STATE_IDLE);
	ck_assert_uint_eq(w.v.nvisible, 0);
	ck_assert_uint_eq(w.ch[w.nch - 1].ts, 170);
	w_free(&w);
}
END_TEST

START_TEST(rib_resync_drops_unlisted_routes)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_start(&w, 100, 0, 1, 3, 3, NK24);
	ck_assert_uint_eq(w.v.nvisible, 1);
	w_start(&w, 7200, 0, 2, 3, 0, NK24);           /* the next dump lists no route to it */
	ck_assert_uint_eq(w.v.nvisible, 0);
	ck_assert_uint_eq(w.ch[w.nch - 1].ts, 7200);
	w_free(&w);
}
END_TEST

static void quiet(const char *line, void *arg)
{
	(void)line;
	(void)arg;
}

START_TEST(damaged_dump_does_not_withdraw_what_it_did_not_reach)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_start(&w, 100, 0, 1, 3, 3, NK24);
	ck_assert_uint_eq(w.v.nvisible, 1);
	/* the next dump lists filler routes, then the file turns out damaged */
	for (unsigned i = 0; i < 3; i++)
		w_rib_fill(&w, 7200, 0, 2, peer_n(i), 100);
	diag_set_sink(quiet, NULL);
	diag_damage("rib.x", 1234, "record cut short");
	diag_set_sink(NULL, NULL);
	w_end(&w, 2);
	ck_assert_uint_eq(w.v.nvisible, 1);
	diag_reset();
	w_free(&w);
}
END_TEST

START_TEST(nothing_is_decided_in_the_middle_of_a_dump)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_rib_fill(&w, 100, 0, 1, "192.0.2.1", 100);
	w_rib(&w, 100, 0, 1, "192.0.2.1", "175.45.176.0/24");
	w_rib_fill(&w, 100, 0, 1, "192.0.2.2", 100);
	ck_assert_uint_eq(w.nch, 0);
	w_end(&w, 1);
	ck_assert_uint_eq(w.nch, 1);
	ck_assert(w.ch[0].visible);
	ck_assert_uint_eq(w.ch[0].ts, 100);
	w_free(&w);
}
END_TEST

START_TEST(without_a_rib_peers_that_announced_the_target_are_full_feed)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_ann(&w, 100, 0, "192.0.2.1", "10.0.0.0/8");            /* not a target */
	ck_assert_uint_eq(w.v.nfull[0], 0);
	w_ann(&w, 110, 0, "192.0.2.1", "175.45.176.0/24");
	w_ann(&w, 120, 0, "192.0.2.2", "175.45.176.0/24");
	ck_assert_uint_eq(w.v.nfull[0], 2);
	ck_assert_uint_eq(w.v.nvisible, 1);
	w_wd(&w, 130, 0, "192.0.2.1", "175.45.176.0/24");
	ck_assert_uint_eq(w.v.nvisible, 1);           /* 1 of 2 is half */
	w_wd(&w, 140, 0, "192.0.2.2", "175.45.176.0/24");
	ck_assert_uint_eq(w.v.nvisible, 0);
	w_free(&w);
}
END_TEST

START_TEST(more_specific_target_is_what_appears_under_the_prefix)
{
	static const char *const some[] = { "175.45.176.0/24", "175.45.178.0/24", "175.45.0.0/16",
	                                     "8.8.8.0/24", NULL };
	struct world w;
	w_init(&w, "175.45.176.0/22", true);
	w_start(&w, 100, 0, 1, 3, 3, some);
	ck_assert_uint_eq(w.v.ntargets, 2);           /* the /16 covers, 8.8.8.0 is elsewhere */
	ck_assert_uint_eq(w.v.rib.npfx, 2);           /* no state for the 300 filler routes */
	ck_assert_uint_eq(w.v.nvisible, 2);
	w_free(&w);
}
END_TEST

START_TEST(exact_prefix_without_more_specific_ignores_longer_ones)
{
	static const char *const some[] = { "175.45.176.0/24", NULL };
	struct world w;
	w_init(&w, "175.45.176.0/22", false);
	w_start(&w, 100, 0, 1, 3, 3, some);
	ck_assert_uint_eq(w.v.ntargets, 0);
	w_free(&w);
}
END_TEST

START_TEST(origin_targets_are_prefixes_announced_by_the_as)
{
	struct world w;
	memset(&w, 0, sizeof w);
	w_init_rule(&w, NULL, false, NULL, false, 0);
	/* re-make the targets with an origin only */
	targets_free(&w.t);
	targets_init(&w.t);
	ck_assert(targets_add_origin(&w.t, 131279));
	ck_assert(targets_finalize(&w.t));
	w_ann_origin(&w, 100, 0, "192.0.2.1", "175.45.176.0/24", 131279);
	w_ann_origin(&w, 100, 0, "192.0.2.1", "8.8.8.0/24", 15169);
	w_wd(&w, 100, 0, "192.0.2.1", "9.9.9.0/24");
	ck_assert_uint_eq(w.v.ntargets, 1);
	ck_assert_uint_eq(w.v.rib.npfx, 1);
	ck_assert_uint_eq(w.v.nvisible, 1);
	w_wd(&w, 200, 0, "192.0.2.1", "175.45.176.0/24");
	ck_assert_uint_eq(w.v.nvisible, 0);
	w_free(&w);
}
END_TEST

START_TEST(same_peer_on_two_collectors_counts_twice)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_start(&w, 100, 0, 1, 2, 2, NK24);
	w_start(&w, 100, 1, 2, 2, 0, NK24);           /* same addresses, no route */
	ck_assert_uint_eq(w.v.nfull[0], 4);
	ck_assert_uint_eq(w.v.rib.nvps, 4);
	ck_assert_uint_eq(w.v.nvisible, 1);           /* 2 of 4 */
	w_wd(&w, 200, 0, peer_n(0), "175.45.176.0/24");
	ck_assert_uint_eq(w.v.nvisible, 0);           /* 1 of 4 */
	uint32_t n, f;
	vis_vp_counts(&w.v, 1, &n, &f);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(f, 2);
	w_free(&w);
}
END_TEST

START_TEST(vantage_points_are_unknown_before_their_first_data)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_start(&w, 100, 0, 1, 2, 2, NK24);
	ck_assert_uint_eq(w.v.nfull[0], 2);           /* collector 1 not read yet: not counted */
	ck_assert_uint_eq(w.v.nvisible, 1);
	w_start(&w, 900, 1, 2, 6, 0, NK24);
	ck_assert_uint_eq(w.v.nfull[0], 8);
	ck_assert_uint_eq(w.v.nvisible, 0);
	ck_assert_uint_eq(w.ch[w.nch - 1].ts, 900);
	w_free(&w);
}
END_TEST

START_TEST(elements_of_one_second_are_decided_together)
{
	struct world w;
	w_init(&w, "175.45.176.0/24", false);
	w_start(&w, 100, 0, 1, 4, 4, NK24);
	size_t before = w.nch;
	/* three withdrawals and three re-announcements within second 200 */
	for (unsigned i = 0; i < 3; i++) {
		struct elem e = mk(ELEM_WITHDRAW, 200, 0, 100, peer_n(i), "175.45.176.0/24");
		vis_elem(&w.v, &e);
	}
	ck_assert_uint_eq(w.nch, before);             /* nothing decided inside the second */
	for (unsigned i = 0; i < 3; i++) {
		struct elem e = mk(ELEM_ANNOUNCE, 200, 0, 100, peer_n(i), "175.45.176.0/24");
		e.attrs = w_attrs(&w, 131279);
		vis_elem(&w.v, &e);
	}
	struct elem later = mk(ELEM_WITHDRAW, 201, 0, 100, peer_n(0), "8.8.8.0/24");
	vis_elem(&w.v, &later);                      /* time moves on: second 200 is decided */
	ck_assert_uint_eq(w.nch, before);
	ck_assert_uint_eq(w.v.nvisible, 1);
	/* the same second, withdrawals only: decided at 300 when time moves on */
	for (unsigned i = 0; i < 3; i++) {
		struct elem e = mk(ELEM_WITHDRAW, 300, 0, 100, peer_n(i), "175.45.176.0/24");
		vis_elem(&w.v, &e);
	}
	vis_flush(&w.v);
	ck_assert_uint_eq(w.nch, before + 1);
	ck_assert_uint_eq(w.ch[before].ts, 300);
	ck_assert_uint_eq(w.ch[before].seen_full, 1);
	w_free(&w);
}
END_TEST

START_TEST(addpath_withdrawing_one_path_keeps_the_route)
{
	struct world w;
	w_init_rule(&w, NK24, false, "any", false, 0);
	w_start(&w, 100, 0, 1, 1, 0, NK24);
	struct elem e = mk(ELEM_ANNOUNCE, 110, 0, 100, peer_n(0), "175.45.176.0/24");
	e.attrs = w_attrs(&w, 131279);
	e.has_path_id = true;
	e.path_id = 1;
	vis_elem(&w.v, &e);
	vis_flush(&w.v);
	e.path_id = 2;
	vis_elem(&w.v, &e);
	vis_flush(&w.v);
	ck_assert_uint_eq(w.v.nvisible, 1);
	e.type = ELEM_WITHDRAW;
	e.attrs = NULL;
	e.path_id = 1;
	vis_elem(&w.v, &e);
	vis_flush(&w.v);
	ck_assert_uint_eq(w.v.nvisible, 1);
	e.path_id = 2;
	vis_elem(&w.v, &e);
	vis_flush(&w.v);
	ck_assert_uint_eq(w.v.nvisible, 0);
	w_free(&w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("visibility");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, full_feed_is_90_percent_of_the_largest_table);
	tcase_add_test(tc, full_feed_fraction_option);
	tcase_add_test(tc, full_feed_is_recomputed_from_each_dump);
	tcase_add_test(tc, full_feed_is_per_address_family);
	tcase_add_test(tc, majority_rule_needs_half_of_the_full_feed_vantage_points);
	tcase_add_test(tc, multicast_routes_do_not_make_a_prefix_visible);
	tcase_add_test(tc, one_stale_peer_does_not_keep_a_prefix_visible);
	tcase_add_test(tc, rule_any_counts_partial_feeds_too);
	tcase_add_test(tc, rule_count_n);
	tcase_add_test(tc, rule_fraction);
	tcase_add_test(tc, covering_route_keeps_target_reachable);
	tcase_add_test(tc, covering_routes_are_not_targets);
	tcase_add_test(tc, covering_route_arriving_in_the_same_second_gives_one_answer);
	tcase_add_test(tc, covering_among_more_specific_targets);
	tcase_add_test(tc, new_target_under_a_visible_covering_route_is_covered_at_once);
	tcase_add_test(tc, session_down_withdraws_every_route_of_the_peer);
	tcase_add_test(tc, rib_resync_drops_unlisted_routes);
	tcase_add_test(tc, nothing_is_decided_in_the_middle_of_a_dump);
	tcase_add_test(tc, damaged_dump_does_not_withdraw_what_it_did_not_reach);
	tcase_add_test(tc, without_a_rib_peers_that_announced_the_target_are_full_feed);
	tcase_add_test(tc, more_specific_target_is_what_appears_under_the_prefix);
	tcase_add_test(tc, exact_prefix_without_more_specific_ignores_longer_ones);
	tcase_add_test(tc, origin_targets_are_prefixes_announced_by_the_as);
	tcase_add_test(tc, same_peer_on_two_collectors_counts_twice);
	tcase_add_test(tc, vantage_points_are_unknown_before_their_first_data);
	tcase_add_test(tc, addpath_withdrawing_one_path_keeps_the_route);
	tcase_add_test(tc, elements_of_one_second_are_decided_together);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
