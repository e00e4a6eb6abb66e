/*
 * check_visibility.c — full-feed selection, visibility rules, covering,
 * sessions and dumps as seen by visibility.c; one test per rule.
 * Owns: rule tests fed with hand-built elements. Never: reads files.
 */
#include <check.h>
#include <stdlib.h>

#include "check_run.h"
#include "state_helpers.h"

static const char *const NK24[] = { "175.45.176.0/24", NULL };

/* Each test's world: target 175.45.176.0/24, majority rule (setup). */
static struct world W;

static void setup(void) { w_init(&W, "175.45.176.0/24", false); }
static void teardown(void) { w_free(&W); }

/* The world made again with another rule (NULL: majority) and covering. */
static void rule(const char *name, bool covering)
{
	w_free(&W);
	w_init_rule(&W, NK24, false, name, covering, 0);
}

/* A whole dump of collector 0 (input src, time ts): peer_n(k) has a table
 * of sizes[k] filler routes. */
static void dump_sizes(uint32_t ts, uint32_t src, const unsigned *sizes, size_t n)
{
	for (size_t k = 0; k < n; k++)
		w_rib_fill(&W, ts, 0, src, peer_n((unsigned)k), sizes[k]);
	w_end(&W, src);
}

#define DUMP(ts, src, ...) \
	dump_sizes(ts, src, (const unsigned[]){ __VA_ARGS__ }, \
	           sizeof((const unsigned[]){ __VA_ARGS__ }) / sizeof(unsigned))

START_TEST(full_feed_is_90_percent_of_the_largest_table)
{
	DUMP(100, 1, 100, 90, 89, 5);               /* exactly 90%: full-feed */
	ck_assert_uint_eq(W.v.nfull[0], 2);
	ck_assert_uint_eq(W.v.nfull[1], 0);
}
END_TEST

START_TEST(full_feed_fraction_option)
{
	W.v.cfg.full_feed = 0.05;
	DUMP(100, 1, 100, 89, 5, 4);
	ck_assert_uint_eq(W.v.nfull[0], 3);
}
END_TEST

START_TEST(full_feed_is_recomputed_from_each_dump)
{
	DUMP(100, 1, 100, 100);
	ck_assert_uint_eq(W.v.nfull[0], 2);
	DUMP(200, 2, 100, 10);                      /* .2 lost most of its table */
	ck_assert_uint_eq(W.v.nfull[0], 1);
}
END_TEST

START_TEST(full_feed_is_per_address_family)
{
	w_rib_fill(&W, 100, 0, 1, "192.0.2.1", 100);
	w_rib_fill(&W, 100, 0, 1, "192.0.2.2", 100);
	w_rib(&W, 100, 0, 1, "192.0.2.2", "2001:db8::/32");
	w_end(&W, 1);
	ck_assert_uint_eq(W.v.nfull[0], 2);
	ck_assert_uint_eq(W.v.nfull[1], 1);
}
END_TEST

START_TEST(majority_rule_needs_half_of_the_full_feed_vantage_points)
{
	w_start(&W, 100, 0, 1, 4, 2, NK24);          /* 2 of 4 have it */
	ck_assert_uint_eq(W.v.nvisible, 1);
	w_wd(&W, 150, 0, peer_n(0), "175.45.176.0/24");   /* 1 of 4 */
	ck_assert_uint_eq(W.v.nvisible, 0);
	ck_assert_uint_eq(W.ch[W.nch - 1].ts, 150);
	ck_assert(!W.ch[W.nch - 1].visible);
	ck_assert_uint_eq(W.ch[W.nch - 1].seen_full, 1);
	ck_assert_uint_eq(W.ch[W.nch - 1].nfull, 4);
}
END_TEST

START_TEST(multicast_routes_do_not_make_a_prefix_visible)
{
	w_start(&W, 100, 0, 1, 4, 1, NK24);          /* 1 of 4 have it: dark */
	ck_assert_uint_eq(W.v.nvisible, 0);
	struct elem e = mk(ELEM_ANNOUNCE, 200, 0, 100, peer_n(1), "175.45.176.0/24");
	e.attrs = w_attrs(&W, 131279);
	e.safi = SAFI_MULTICAST;
	vis_elem(&W.v, &e);
	vis_flush(&W.v);
	ck_assert_uint_eq(W.v.nvisible, 0);          /* still 1 of 4 for unicast */
	w_ann(&W, 300, 0, peer_n(1), "175.45.176.0/24");
	ck_assert_uint_eq(W.v.nvisible, 1);          /* 2 of 4 */
}
END_TEST

START_TEST(one_stale_peer_does_not_keep_a_prefix_visible)
{
	const char *rules[] = { "majority", "any" };
	for (int r = 0; r < 2; r++) {
		rule(rules[r], false);
		w_start(&W, 100, 0, 1, 5, 5, NK24);
		for (unsigned i = 0; i < 4; i++)
			w_wd(&W, 200 + i, 0, peer_n(i), "175.45.176.0/24");
		/* peer 5 is a zombie: the default rule calls the prefix gone,
		 * "any" is fooled by it */
		ck_assert_uint_eq(W.v.nvisible, r == 0 ? 0 : 1);
	}
}
END_TEST

START_TEST(rule_any_counts_partial_feeds_too)
{
	rule("any", false);
	w_rib_fill(&W, 100, 0, 1, "192.0.2.1", 100);
	w_rib_fill(&W, 100, 0, 1, "192.0.2.9", 3);
	w_rib(&W, 100, 0, 1, "192.0.2.9", "175.45.176.0/24");
	w_end(&W, 1);
	ck_assert_uint_eq(W.v.nvisible, 1);
}
END_TEST

START_TEST(rule_count_n)
{
	rule("2", false);
	w_start(&W, 100, 0, 1, 10, 1, NK24);
	ck_assert_uint_eq(W.v.nvisible, 0);
	w_ann(&W, 120, 0, peer_n(5), "175.45.176.0/24");
	ck_assert_uint_eq(W.v.nvisible, 1);
}
END_TEST

START_TEST(rule_fraction)
{
	rule("25%", false);
	w_start(&W, 100, 0, 1, 8, 1, NK24);          /* 1 of 8 < 25% */
	ck_assert_uint_eq(W.v.nvisible, 0);
	w_ann(&W, 120, 0, peer_n(5), "175.45.176.0/24");   /* 2 of 8 */
	ck_assert_uint_eq(W.v.nvisible, 1);
}
END_TEST

START_TEST(covering_route_keeps_target_reachable)
{
	static const char *const both[] = { "175.45.176.0/24", "175.45.0.0/16", NULL };
	for (int cov = 0; cov < 2; cov++) {
		rule(NULL, cov);
		w_start(&W, 100, 0, 1, 3, 3, both);
		ck_assert_uint_eq(W.v.nvisible, 1);
		for (unsigned i = 0; i < 3; i++)
			w_wd(&W, 200, 0, peer_n(i), "175.45.176.0/24");
		ck_assert_uint_eq(W.v.nvisible, cov ? 1 : 0);
		/* the covering route goes too: now dark either way */
		for (unsigned i = 0; i < 3; i++)
			w_wd(&W, 300, 0, peer_n(i), "175.45.0.0/16");
		ck_assert_uint_eq(W.v.nvisible, 0);
		if (cov)
			ck_assert_uint_eq(W.ch[W.nch - 1].ts, 300);
		char d[256];
		vis_rule_describe(&W.v.cfg.rule, cov, d, sizeof d);
		ck_assert((strstr(d, "covered") != NULL) == cov);
	}
}
END_TEST

START_TEST(covering_among_more_specific_targets)
{
	static const char *const set[] = { "175.45.176.0/24", "175.45.178.0/23", "175.45.176.0/22",
	                                    "175.45.177.0/24", "175.45.179.0/24", NULL };
	const char *list[] = { "175.45.176.0/22", NULL };
	w_free(&W);
	w_init_rule(&W, list, true, NULL, true, 0);
	w_start(&W, 100, 0, 1, 2, 2, set);
	ck_assert_uint_eq(W.v.ntargets, 5);
	ck_assert_uint_eq(W.v.nvisible, 5);
	for (unsigned i = 0; i < 2; i++)
		w_wd(&W, 200, 0, peer_n(i), "175.45.179.0/24");
	ck_assert_uint_eq(W.v.nvisible, 5);           /* the /23 and /22 cover it */
	for (unsigned i = 0; i < 2; i++) {
		w_wd(&W, 300, 0, peer_n(i), "175.45.178.0/23");
		w_wd(&W, 300, 0, peer_n(i), "175.45.176.0/22");
	}
	ck_assert_uint_eq(W.v.nvisible, 2);           /* .176 and .177 by their own routes */
	ck_assert_uint_eq(W.v.rib.npfx, 5);
	for (unsigned i = 0; i < 2; i++)
		w_ann(&W, 400, 0, peer_n(i), "175.45.176.0/22");
	ck_assert_uint_eq(W.v.nvisible, 5);
}
END_TEST

START_TEST(covering_route_arriving_in_the_same_second_gives_one_answer)
{
	rule(NULL, true);
	w_start(&W, 100, 0, 1, 2, 2, NK24);
	size_t before = W.nch;
	for (unsigned i = 0; i < 2; i++) {
		struct elem e = mk(ELEM_ANNOUNCE, 200, 0, 100, peer_n(i), "175.45.0.0/16");
		e.attrs = w_attrs(&W, 4837);
		vis_elem(&W.v, &e);
		struct elem x = mk(ELEM_WITHDRAW, 200, 0, 100, peer_n(i), "175.45.176.0/24");
		vis_elem(&W.v, &x);
	}
	vis_flush(&W.v);
	ck_assert_uint_eq(W.v.nvisible, 1);
	ck_assert_uint_eq(W.nch, before);             /* no invisible-then-visible pair */
}
END_TEST

START_TEST(new_target_under_a_visible_covering_route_is_covered_at_once)
{
	static const char *const cover[] = { "175.45.0.0/16", NULL };
	rule(NULL, true);
	w_start(&W, 100, 0, 1, 4, 4, cover);          /* the /16 visible, no target yet */
	ck_assert_uint_eq(W.v.ntargets, 0);
	w_ann(&W, 200, 0, peer_n(0), "175.45.176.0/24");   /* one of four: not by itself */
	ck_assert_uint_eq(W.v.ntargets, 1);
	ck_assert_uint_eq(W.v.nvisible, 1);
}
END_TEST

START_TEST(covering_route_turning_origin_target_counts_at_once)
{
	w_free(&W);
	w_init_rule(&W, NULL, false, NULL, true, 0);
	targets_free(&W.t);                          /* target: the /24 and AS 131279 */
	targets_init(&W.t);
	struct prefix p = P("175.45.176.0/24");
	ck_assert(targets_add_prefix(&W.t, &p));
	ck_assert(targets_add_origin(&W.t, 131279));
	ck_assert(targets_finalize(&W.t));
	w_ann_origin(&W, 100, 0, "192.0.2.1", "175.45.0.0/16", 4837);    /* covering, visible */
	ck_assert_uint_eq(W.v.ntargets, 0);
	w_ann_origin(&W, 200, 0, "192.0.2.1", "175.45.0.0/16", 131279);  /* now a target */
	ck_assert_uint_eq(W.v.ntargets, 1);
	ck_assert_uint_eq(W.v.nvisible, 1);
}
END_TEST

START_TEST(covering_routes_are_not_targets)
{
	static const char *const both[] = { "175.45.176.0/24", "175.45.0.0/16", NULL };
	rule(NULL, true);
	w_start(&W, 100, 0, 1, 3, 3, both);
	ck_assert_uint_eq(W.v.ntargets, 1);
	ck_assert_uint_eq(W.v.rib.npfx, 2);
}
END_TEST

START_TEST(session_down_withdraws_every_route_of_the_peer)
{
	w_start(&W, 100, 0, 1, 3, 2, NK24);
	ck_assert_uint_eq(W.v.nvisible, 1);
	w_state(&W, 150, 0, peer_n(0), BGP_STATE_OPENCONFIRM, BGP_STATE_ESTABLISHED);
	w_state(&W, 160, 0, peer_n(0), BGP_STATE_IDLE, BGP_STATE_CONNECT);
	ck_assert_uint_eq(W.v.nvisible, 1);           /* not leaving Established: nothing */
	w_state(&W, 170, 0, peer_n(0), BGP_STATE_ESTABLISHED, BGP_STATE_IDLE);
	ck_assert_uint_eq(W.v.nvisible, 0);
	ck_assert_uint_eq(W.ch[W.nch - 1].ts, 170);
}
END_TEST

START_TEST(rib_resync_drops_unlisted_routes)
{
	w_start(&W, 100, 0, 1, 3, 3, NK24);
	ck_assert_uint_eq(W.v.nvisible, 1);
	w_start(&W, 7200, 0, 2, 3, 0, NK24);           /* the next dump lists no route to it */
	ck_assert_uint_eq(W.v.nvisible, 0);
	ck_assert_uint_eq(W.ch[W.nch - 1].ts, 7200);
}
END_TEST

START_TEST(damaged_dump_does_not_withdraw_what_it_did_not_reach)
{
	w_start(&W, 100, 0, 1, 3, 3, NK24);
	ck_assert_uint_eq(W.v.nvisible, 1);
	/* the next dump lists filler routes, then the file turns out damaged */
	for (unsigned i = 0; i < 3; i++)
		w_rib_fill(&W, 7200, 0, 2, peer_n(i), 100);
	w_end_as(&W, 2, true);       /* damage was found in it */
	ck_assert_uint_eq(W.v.nvisible, 1);
}
END_TEST

START_TEST(nothing_is_decided_in_the_middle_of_a_dump)
{
	w_rib_fill(&W, 100, 0, 1, "192.0.2.1", 100);
	w_rib(&W, 100, 0, 1, "192.0.2.1", "175.45.176.0/24");
	w_rib_fill(&W, 100, 0, 1, "192.0.2.2", 100);
	ck_assert_uint_eq(W.nch, 0);
	w_end(&W, 1);
	ck_assert_uint_eq(W.nch, 1);
	ck_assert(W.ch[0].visible);
	ck_assert_uint_eq(W.ch[0].ts, 100);
}
END_TEST

START_TEST(without_a_rib_every_vantage_point_seen_counts_as_full_feed)
{
	/* Known from its first message of any kind, target or not. */
	w_ann(&W, 100, 0, "192.0.2.1", "10.0.0.0/8");            /* not a target */
	ck_assert_uint_eq(W.v.nfull[0], 1);
	ck_assert_uint_eq(W.v.nfull[1], 1);                       /* no table: both families */
	w_ann(&W, 110, 0, "192.0.2.1", "175.45.176.0/24");
	ck_assert_uint_eq(W.v.nvisible, 1);                       /* 1 of 1 */
	w_state(&W, 115, 0, "192.0.2.2", 1, 2);                   /* a state change: known */
	ck_assert_uint_eq(W.v.nfull[0], 2);
	ck_assert_uint_eq(W.v.nvisible, 1);                       /* 1 of 2 is half */
	w_wd(&W, 118, 0, "192.0.2.3", "8.8.8.0/24");              /* a withdrawal: known */
	ck_assert_uint_eq(W.v.nfull[0], 3);
	ck_assert_uint_eq(W.v.nvisible, 0);                       /* 1 of 3: one peer is not all */
	w_ann(&W, 120, 0, "192.0.2.2", "175.45.176.0/24");
	ck_assert_uint_eq(W.v.nvisible, 1);                       /* 2 of 3 */
	uint32_t nv, nf[2];
	vis_vp_counts(&W.v, RIB_NONE, &nv, nf);
	ck_assert_uint_eq(nv, 3);
	ck_assert_uint_eq(nf[0], 3);
}
END_TEST

START_TEST(more_specific_target_is_what_appears_under_the_prefix)
{
	static const char *const some[] = { "175.45.176.0/24", "175.45.178.0/24", "175.45.0.0/16",
	                                     "8.8.8.0/24", NULL };
	w_free(&W);
	w_init(&W, "175.45.176.0/22", true);
	w_start(&W, 100, 0, 1, 3, 3, some);
	ck_assert_uint_eq(W.v.ntargets, 2);           /* the /16 covers, 8.8.8.0 is elsewhere */
	ck_assert_uint_eq(W.v.rib.npfx, 2);           /* no state for the 300 filler routes */
	ck_assert_uint_eq(W.v.nvisible, 2);
}
END_TEST

START_TEST(exact_prefix_without_more_specific_ignores_longer_ones)
{
	static const char *const some[] = { "175.45.176.0/24", NULL };
	w_free(&W);
	w_init(&W, "175.45.176.0/22", false);
	w_start(&W, 100, 0, 1, 3, 3, some);
	ck_assert_uint_eq(W.v.ntargets, 0);
}
END_TEST

START_TEST(origin_targets_are_prefixes_announced_by_the_as)
{
	w_free(&W);
	w_init_rule(&W, NULL, false, NULL, false, 0);
	/* re-make the targets with an origin only */
	targets_free(&W.t);
	targets_init(&W.t);
	ck_assert(targets_add_origin(&W.t, 131279));
	ck_assert(targets_finalize(&W.t));
	w_ann_origin(&W, 100, 0, "192.0.2.1", "175.45.176.0/24", 131279);
	w_ann_origin(&W, 100, 0, "192.0.2.1", "8.8.8.0/24", 15169);
	w_wd(&W, 100, 0, "192.0.2.1", "9.9.9.0/24");
	ck_assert_uint_eq(W.v.ntargets, 1);
	ck_assert_uint_eq(W.v.rib.npfx, 1);
	ck_assert_uint_eq(W.v.nvisible, 1);
	w_wd(&W, 200, 0, "192.0.2.1", "175.45.176.0/24");
	ck_assert_uint_eq(W.v.nvisible, 0);
}
END_TEST

START_TEST(same_peer_on_two_collectors_counts_twice)
{
	w_start(&W, 100, 0, 1, 2, 2, NK24);
	w_start(&W, 100, 1, 2, 2, 0, NK24);           /* same addresses, no route */
	ck_assert_uint_eq(W.v.nfull[0], 4);
	ck_assert_uint_eq(W.v.rib.vt.n, 4);
	ck_assert_uint_eq(W.v.nvisible, 1);           /* 2 of 4 */
	w_wd(&W, 200, 0, peer_n(0), "175.45.176.0/24");
	ck_assert_uint_eq(W.v.nvisible, 0);           /* 1 of 4 */
	uint32_t n, f[2];
	vis_vp_counts(&W.v, 1, &n, f);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(f[0], 2);
	ck_assert_uint_eq(f[1], 0);
}
END_TEST

START_TEST(vantage_points_are_unknown_before_their_first_data)
{
	w_start(&W, 100, 0, 1, 2, 2, NK24);
	ck_assert_uint_eq(W.v.nfull[0], 2);           /* collector 1 not read yet: not counted */
	ck_assert_uint_eq(W.v.nvisible, 1);
	w_start(&W, 900, 1, 2, 6, 0, NK24);
	ck_assert_uint_eq(W.v.nfull[0], 8);
	ck_assert_uint_eq(W.v.nvisible, 0);
	ck_assert_uint_eq(W.ch[W.nch - 1].ts, 900);
}
END_TEST

START_TEST(elements_of_one_peer_key_are_one_vantage_point_seen_each_time)
{
	/* elem.h: one peer_key, one peer. The vantage point is found once
	 * per key, yet every element still notes its time and AS; a key
	 * whose slot another key took is found again, never mixed up. */
	struct elem e = mk(ELEM_ANNOUNCE, 100, 0, 100, "192.0.2.1", "175.45.176.0/24");
	e.attrs = w_attrs(&W, 65001);
	e.peer_key = 7;
	vis_elem(&W.v, &e);
	e.ts = 110;
	e.peer_as = 65009;
	e.prefix = P("10.0.0.0/8");
	vis_elem(&W.v, &e);
	ck_assert_uint_eq(W.v.rib.vt.n, 1);
	ck_assert_uint_eq(W.v.rib.vt.vps[0].last_ts, 110);
	ck_assert_uint_eq(W.v.rib.vt.vps[0].asn, 65009);
	struct elem o = mk(ELEM_WITHDRAW, 120, 0, 100, "192.0.2.2", "175.45.176.0/24");
	o.peer_key = 7 + VIS_VPKEYS;                  /* the same slot */
	vis_elem(&W.v, &o);
	ck_assert_uint_eq(W.v.rib.vt.n, 2);
	e.ts = 130;
	e.prefix = P("175.45.176.0/24");
	vis_elem(&W.v, &e);                            /* key 7 again: 192.0.2.1 */
	vis_flush(&W.v);
	ck_assert_uint_eq(W.v.rib.vt.n, 2);
	ck_assert_uint_eq(W.v.rib.vt.vps[0].last_ts, 130);
	ck_assert_uint_eq(W.v.rib.vt.vps[1].last_ts, 120);
	ck_assert_uint_eq(W.v.nvisible, 1);            /* 192.0.2.1 of 2: half */
}
END_TEST

/* A record's (1, peer key 7) first route, far from every target, given. */
static struct elem far_first(void)
{
	struct elem e = mk(ELEM_ANNOUNCE, 100, 0, 100, "192.0.2.1", "10.0.0.0/8");
	e.attrs = w_attrs(&W, 65001);
	e.peer_key = 7;
	e.record = 1;
	vis_elem(&W.v, &e);
	return e;
}

/* After a record's unicast route far from every target, the same record's
 * other routes far from every target change nothing more: they are only
 * counted. A route near a target, a multicast route (its session is not
 * marked up by it), another record or another key go the whole way. */
START_TEST(a_record_s_routes_far_from_targets_after_the_first_only_count)
{
	struct elem e = far_first();
	e.prefix = P("11.0.0.0/8");
	e.type = ELEM_WITHDRAW;
	vis_elem(&W.v, &e);
	ck_assert_uint_eq(W.v.elems, 2);
	ck_assert_uint_eq(W.v.rib.vt.n, 1);
	e.type = ELEM_ANNOUNCE;
	e.prefix = P("175.45.176.0/24");                /* a target, in the same record */
	vis_elem(&W.v, &e);
	vis_flush(&W.v);
	ck_assert_uint_eq(W.v.nvisible, 1);
	ck_assert_uint_eq(W.v.elems, 3);

	/* The next record of the key notes its time again. */
	e.record = 2;
	e.ts = 120;
	e.prefix = P("12.0.0.0/8");
	vis_elem(&W.v, &e);
	ck_assert_uint_eq(W.v.rib.vt.vps[0].last_ts, 120);

	/* Its session goes down; a record whose first route is multicast
	 * still brings it up with its first unicast route. */
	struct elem st = mk(ELEM_STATE, 130, 0, 100, "192.0.2.1", NULL);
	st.old_state = BGP_STATE_ESTABLISHED;
	st.new_state = BGP_STATE_IDLE;
	st.peer_key = 8;
	st.record = 3;
	vis_elem(&W.v, &st);
	ck_assert(W.v.vpx[0].down);
	e.record = 4;
	e.peer_key = 9;
	e.ts = 140;
	e.safi = SAFI_MULTICAST;
	vis_elem(&W.v, &e);
	ck_assert(W.v.vpx[0].down);
	e.safi = SAFI_UNICAST;
	e.prefix = P("13.0.0.0/8");
	vis_elem(&W.v, &e);
	ck_assert(!W.v.vpx[0].down);
	ck_assert_uint_eq(W.v.elems, 7);
}
END_TEST

/* vis_far_from_targets reads what vis_init kept of the targets: it says
 * what targets_classify says, with and without covering routes tracked,
 * for prefixes in and out of the targets' 16-bit blocks, shorter than 16
 * bits, and IPv6. */
START_TEST(far_from_targets_says_what_targets_classify_says)
{
	static const char *const pfx[] = {
		"175.45.176.0/24", "175.45.178.0/23", "175.45.0.0/16", "175.44.0.0/16",
		"175.45.180.0/24", "175.0.0.0/8", "0.0.0.0/0", "10.0.0.0/8", "10.1.2.0/24",
		"2001:db8::/32", "2001:db8:1::/48", "::/0", "175.45.176.0/22", "175.45.176.0/21",
	};
	for (int covering = 0; covering < 2; covering++) {
		const char *list[] = { "175.45.176.0/22", "2001:db8:1::/48", NULL };
		struct world w;
		w_init_rule(&w, list, true, NULL, covering, 0);
		for (size_t i = 0; i < sizeof pfx / sizeof *pfx; i++) {
			struct prefix p = P(pfx[i]);
			bool far = targets_classify(&w.t, &p, covering) == TGT_NONE;
			ck_assert_msg(vis_far_from_targets(&w.v, &p) == far, "%s covering %d", pfx[i], covering);
			if (vis_far_by_block(&w.v, &p))
				ck_assert_msg(far, "%s covering %d", pfx[i], covering);
		}
		w_free(&w);
	}
}
END_TEST

/* A record's route far from every target that only the target ranges
 * tell far (its 16-bit block holds a target, or it is shorter than 16
 * bits) is not chained by the bit test: it goes the whole way, which
 * finds nothing to track either. */
START_TEST(a_chained_route_in_a_target_s_block_is_only_counted_too)
{
	struct elem e = far_first();
	e.prefix = P("175.45.0.0/24");                  /* the target's block, not a target */
	ck_assert(vis_chained(&W.v, &e));
	ck_assert(!vis_elem_counted(&W.v, &e));
	ck_assert_uint_eq(W.v.elems, 1);
	vis_elem_whole(&W.v, &e);
	ck_assert_uint_eq(W.v.elems, 2);
	ck_assert_uint_eq(W.v.rib.npfx, 0);
	ck_assert(vis_chained(&W.v, &e));               /* the chain holds */
	e.prefix = P("11.1.0.0/16");
	ck_assert(vis_elem_counted(&W.v, &e));
	ck_assert_uint_eq(W.v.elems, 3);
	e.prefix = P("11.0.0.0/8");                     /* shorter than a block: whole way */
	ck_assert(!vis_elem_counted(&W.v, &e));
}
END_TEST

/* A table dump gives each record's peer a new key: the vantage point
 * resolved last is reused for it (no table look-up), and every entry
 * still notes its time and AS and counts toward its table size. */
START_TEST(a_new_key_of_the_last_peer_is_the_same_vantage_point)
{
	static const char *const peers[] = { "192.0.2.1", "192.0.2.1", "192.0.2.2", "192.0.2.2",
	                                      "192.0.2.1", "2001:db8::1", "192.0.2.1" };
	for (size_t i = 0; i < sizeof peers / sizeof *peers; i++) {
		struct elem e = mk(ELEM_RIB, 100, 0, 0, peers[i], "10.0.0.0/8");
		e.attrs = w_attrs(&W, 65001);
		e.peer_key = 20 + i;
		e.peer_as = 65000 + (uint32_t)i;
		vis_elem(&W.v, &e);
	}
	ck_assert_uint_eq(W.v.rib.vt.n, 3);
	ck_assert_uint_eq(W.v.rib.vt.vps[0].dump_count[0], 4);
	ck_assert_uint_eq(W.v.rib.vt.vps[0].asn, 65006);
	ck_assert_uint_eq(W.v.rib.vt.vps[1].dump_count[0], 2);
	ck_assert_uint_eq(W.v.rib.vt.vps[1].asn, 65003);
	ck_assert_uint_eq(W.v.rib.vt.vps[2].dump_count[0], 1);
	/* the same address at another collector is another vantage point */
	struct elem o = mk(ELEM_RIB, 100, 1, 1, "192.0.2.1", "10.0.0.0/8");
	o.peer_key = 40;
	vis_elem(&W.v, &o);
	ck_assert_uint_eq(W.v.rib.vt.n, 4);
	ck_assert_uint_eq(W.v.rib.vt.vps[3].collector, 1);
}
END_TEST

/* What decoding on worker threads may hand over as copies (pipeline.h
 * elem_far): routes far from every target, of RIB dumps and updates; a
 * route near a target or a state change never. */
START_TEST(far_elements_are_routes_far_from_every_target_never_state_changes)
{
	struct elem e = mk(ELEM_ANNOUNCE, 100, 0, 100, "192.0.2.1", "10.0.0.0/8");
	ck_assert(vis_elem_far(&W.v, &e));
	e.type = ELEM_WITHDRAW;
	ck_assert(vis_elem_far(&W.v, &e));
	e.type = ELEM_RIB;
	ck_assert(vis_elem_far(&W.v, &e));
	e.prefix = P("175.45.176.0/24");
	ck_assert(!vis_elem_far(&W.v, &e));
	struct elem st = mk(ELEM_STATE, 130, 0, 100, "192.0.2.1", NULL);
	ck_assert(!vis_elem_far(&W.v, &st));
}
END_TEST

/* vis_elem_more(e, n) after vis_elem(e) leaves the state n more vis_elem(e)
 * would: counted when chained, the whole way when not (a multicast route,
 * or a session that went down between). */
static void far_run(struct world *w, bool more, uint8_t safi)
{
	struct elem st = mk(ELEM_STATE, 90, 0, 100, "192.0.2.1", NULL);
	st.old_state = BGP_STATE_ESTABLISHED;
	st.new_state = BGP_STATE_IDLE;
	st.peer_key = 3;
	st.record = 1;
	vis_elem(&w->v, &st);
	struct elem e = mk(ELEM_ANNOUNCE, 100, 0, 100, "192.0.2.1", "10.0.0.0/8");
	e.peer_key = 7;
	e.record = 2;
	e.safi = safi;
	vis_elem(&w->v, &e);
	if (more)
		vis_elem_more(&w->v, &e, 3);
	else
		for (int i = 0; i < 3; i++)
			vis_elem(&w->v, &e);
}

START_TEST(more_alike_far_elements_leave_the_state_they_would_one_by_one)
{
	for (int k = 0; k < 2; k++) {
		uint8_t safi = k ? SAFI_MULTICAST : SAFI_UNICAST;
		struct world one;
		w_init(&one, "175.45.176.0/24", false);
		far_run(&one, false, safi);
		w_free(&W);
		w_init(&W, "175.45.176.0/24", false);
		far_run(&W, true, safi);
		ck_assert_uint_eq(W.v.elems, one.v.elems);
		ck_assert_uint_eq(W.v.elems, 5);
		ck_assert_uint_eq(W.v.rib.vt.n, one.v.rib.vt.n);
		ck_assert_int_eq(W.v.vpx[0].down, one.v.vpx[0].down);
		ck_assert_int_eq(W.v.vpx[0].down, safi == SAFI_MULTICAST);
		ck_assert_uint_eq(W.v.rib.vt.vps[0].last_ts, one.v.rib.vt.vps[0].last_ts);
		w_free(&one);
	}
}
END_TEST

START_TEST(elements_of_one_second_are_decided_together)
{
	w_start(&W, 100, 0, 1, 4, 4, NK24);
	size_t before = W.nch;
	/* three withdrawals and three re-announcements within second 200 */
	for (unsigned i = 0; i < 3; i++) {
		struct elem e = mk(ELEM_WITHDRAW, 200, 0, 100, peer_n(i), "175.45.176.0/24");
		vis_elem(&W.v, &e);
	}
	ck_assert_uint_eq(W.nch, before);             /* nothing decided inside the second */
	for (unsigned i = 0; i < 3; i++) {
		struct elem e = mk(ELEM_ANNOUNCE, 200, 0, 100, peer_n(i), "175.45.176.0/24");
		e.attrs = w_attrs(&W, 131279);
		vis_elem(&W.v, &e);
	}
	struct elem later = mk(ELEM_WITHDRAW, 201, 0, 100, peer_n(0), "8.8.8.0/24");
	vis_elem(&W.v, &later);                      /* time moves on: second 200 is decided */
	ck_assert_uint_eq(W.nch, before);
	ck_assert_uint_eq(W.v.nvisible, 1);
	/* the same second, withdrawals only: decided at 300 when time moves on */
	for (unsigned i = 0; i < 3; i++) {
		struct elem e = mk(ELEM_WITHDRAW, 300, 0, 100, peer_n(i), "175.45.176.0/24");
		vis_elem(&W.v, &e);
	}
	vis_flush(&W.v);
	ck_assert_uint_eq(W.nch, before + 1);
	ck_assert_uint_eq(W.ch[before].ts, 300);
	ck_assert_uint_eq(W.ch[before].seen_full, 1);
}
END_TEST

START_TEST(addpath_withdrawing_one_path_keeps_the_route)
{
	rule("any", false);
	w_start(&W, 100, 0, 1, 1, 0, NK24);
	struct elem e = mk(ELEM_ANNOUNCE, 110, 0, 100, peer_n(0), "175.45.176.0/24");
	e.attrs = w_attrs(&W, 131279);
	e.has_path_id = true;
	e.path_id = 1;
	vis_elem(&W.v, &e);
	vis_flush(&W.v);
	e.path_id = 2;
	vis_elem(&W.v, &e);
	vis_flush(&W.v);
	ck_assert_uint_eq(W.v.nvisible, 1);
	e.type = ELEM_WITHDRAW;
	e.attrs = NULL;
	e.path_id = 1;
	vis_elem(&W.v, &e);
	vis_flush(&W.v);
	ck_assert_uint_eq(W.v.nvisible, 1);
	e.path_id = 2;
	vis_elem(&W.v, &e);
	vis_flush(&W.v);
	ck_assert_uint_eq(W.v.nvisible, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("visibility");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
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
	tcase_add_test(tc, covering_route_turning_origin_target_counts_at_once);
	tcase_add_test(tc, session_down_withdraws_every_route_of_the_peer);
	tcase_add_test(tc, rib_resync_drops_unlisted_routes);
	tcase_add_test(tc, nothing_is_decided_in_the_middle_of_a_dump);
	tcase_add_test(tc, damaged_dump_does_not_withdraw_what_it_did_not_reach);
	tcase_add_test(tc, without_a_rib_every_vantage_point_seen_counts_as_full_feed);
	tcase_add_test(tc, more_specific_target_is_what_appears_under_the_prefix);
	tcase_add_test(tc, exact_prefix_without_more_specific_ignores_longer_ones);
	tcase_add_test(tc, origin_targets_are_prefixes_announced_by_the_as);
	tcase_add_test(tc, same_peer_on_two_collectors_counts_twice);
	tcase_add_test(tc, vantage_points_are_unknown_before_their_first_data);
	tcase_add_test(tc, addpath_withdrawing_one_path_keeps_the_route);
	tcase_add_test(tc, a_record_s_routes_far_from_targets_after_the_first_only_count);
	tcase_add_test(tc, far_elements_are_routes_far_from_every_target_never_state_changes);
	tcase_add_test(tc, far_from_targets_says_what_targets_classify_says);
	tcase_add_test(tc, a_chained_route_in_a_target_s_block_is_only_counted_too);
	tcase_add_test(tc, a_new_key_of_the_last_peer_is_the_same_vantage_point);
	tcase_add_test(tc, more_alike_far_elements_leave_the_state_they_would_one_by_one);
	tcase_add_test(tc, elements_of_one_second_are_decided_together);
	tcase_add_test(tc, elements_of_one_peer_key_are_one_vantage_point_seen_each_time);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
