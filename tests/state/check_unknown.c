/*
 * check_unknown.c — the unknown rules of visibility.h ("Unknown time"):
 * coverage gaps, routes unknown until proven after them, collector
 * restarts, the bounds of blackout windows next to undecided time, and
 * darkness that only the known routes decide.
 * Owns: those rules fed with hand-built elements. Never: reads files.
 */
#include <check.h>

#include "check_run.h"
#include "decode/bgp.h"
#include "state_helpers.h"

static const char *const NK[] = { "175.45.176.0/24", "175.45.177.0/24", NULL };

static struct world W;

static void setup(void) { w_init(&W, "175.45.176.0/22", true); }
static void teardown(void) { w_free(&W); }

static void all(struct world *w, bool announce, uint32_t t, uint32_t col, unsigned from, unsigned n)
{
	for (unsigned i = from; i < from + n; i++)
		for (size_t k = 0; NK[k]; k++) {
			if (announce)
				w_ann(w, t + i - from, col, peer_n(i), NK[k]);
			else
				w_wd(w, t + i - from, col, peer_n(i), NK[k]);
		}
}

/* Peers 0..n-1 of collector 0 leave Established (up: come back to it),
 * one every step seconds from t. */
static void sessions(struct world *w, bool up, uint32_t t, uint32_t step, unsigned n)
{
	const uint16_t idle = 1, est = BGP_STATE_ESTABLISHED;
	for (unsigned i = 0; i < n; i++)
		w_state(w, t + i * step, 0, peer_n(i), up ? idle : est, up ? est : idle);
}

/* An unrelated announcement: time moves on without touching the targets. */
static void tick_at(struct world *w, uint32_t t, uint32_t col)
{
	w_ann(w, t, col, peer_n(0), "10.200.0.0/16");
}

START_TEST(a_gap_makes_its_collectors_routes_unknown_not_dark)
{
	ck_assert(vis_add_gap(&W.v, 0, 2000, 3000));
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	ck_assert_uint_eq(W.v.nvisible, 2);
	tick_at(&W, 3500, 0);
	/* The updates of the gap are lost: the old routes are no evidence. */
	ck_assert_uint_eq(W.v.nvisible, 0);
	ck_assert_uint_eq(W.v.nunknown, 2);
	w_finish(&W, 0);
}
END_TEST

START_TEST(a_window_open_before_a_gap_ends_at_it_with_bounds)
{
	ck_assert(vis_add_gap(&W.v, 0, 2000, 3000));
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	all(&W, false, 1500, 0, 0, 4);        /* dark at 1502 (the third peer) */
	all(&W, true, 3100, 0, 0, 4);         /* proven visible at 3101 (half known, both hold it) */
	w_finish(&W, 1);
	const struct bo_window *w = &W.b.w[0];
	ck_assert_uint_eq(w->start, 1502);
	ck_assert_uint_eq(w->start_earliest, 1502);
	ck_assert(!w->start_undecided);
	ck_assert_uint_eq(w->end, 2000);          /* what the data proves dark */
	ck_assert(w->end_undecided);
	ck_assert_uint_eq(w->end_latest, 3101);   /* the first time it proves it visible */
	ck_assert_uint_eq(W.v.nunknown, 0);
}
END_TEST

START_TEST(a_window_proven_after_a_gap_starts_with_bounds)
{
	ck_assert(vis_add_gap(&W.v, 0, 2000, 3000));
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	all(&W, false, 1500, 0, 0, 4);
	all(&W, false, 3100, 0, 0, 4);        /* withdrawn again: proven dark at 3101 */
	all(&W, true, 4000, 0, 0, 4);
	w_finish(&W, 2);
	ck_assert_uint_eq(W.b.w[0].end, 2000);
	ck_assert_uint_eq(W.b.w[0].end_latest, 3101);
	const struct bo_window *w = &W.b.w[1];
	ck_assert(w->start_undecided);
	ck_assert_uint_eq(w->start_earliest, 2000);
	ck_assert_uint_eq(w->start, 3101);
	ck_assert_uint_eq(w->end, 4001);          /* majority back: exact */
	ck_assert(!w->end_undecided);
	ck_assert_uint_eq(w->end_latest, 4001);
}
END_TEST

/* Collector 1's RIB dump (input 2) at t: four more peers 192.0.2.5-8,
 * routes to the targets. */
static void second_collector(uint32_t t)
{
	for (unsigned i = 4; i < 8; i++) {
		w_rib_fill(&W, t, 1, 2, peer_n(i), 100);
		for (size_t k = 0; NK[k]; k++)
			w_rib(&W, t, 1, 2, peer_n(i), NK[k]);
	}
	w_end(&W, 2);
}

/* Collector 0, dark from 2502 (its peers withdrew from 2500), announces
 * again at t: one window, exact, from its routes alone. */
static void collector_0_decides_alone(uint32_t t)
{
	all(&W, true, t, 0, 0, 4);
	blackout_finish(&W.b, &W.v);
	ck_assert_uint_eq(W.b.n, 1);
	ck_assert_uint_eq(W.b.w[0].start, 2502);
	ck_assert_uint_eq(W.b.w[0].end, t + 1);
	ck_assert(!W.b.w[0].start_undecided && !W.b.w[0].end_undecided);
}

START_TEST(one_collectors_gap_leaves_the_others_to_decide)
{
	ck_assert(vis_add_gap(&W.v, 1, 2000, 3000));
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	second_collector(1000);
	all(&W, false, 2500, 0, 0, 4);        /* inside collector 1's gap */
	/* Collector 1's four peers are left out: collector 0 decides alone,
	 * exactly (without the rule, its stale routes kept it visible). */
	collector_0_decides_alone(2700);
}
END_TEST

START_TEST(a_gap_found_while_the_data_streams_counts_from_its_start)
{
	ck_assert(vis_add_gap(&W.v, 1, 1100, 1200));   /* a gap of the names */
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	second_collector(1000);
	all(&W, true, 1400, 1, 4, 4);         /* collector 1 proves its routes again */
	tick_at(&W, 1500, 1);                 /* its last record before a silence */
	/* The pipeline looks ahead: collector 1's next record is at 2600, so
	 * [1501, 2600) is a gap, given before time passes 1500. */
	ck_assert_uint_le(W.v.now, 1500);
	ck_assert(vis_add_gap(&W.v, 1, 1501, 2600));
	all(&W, false, 2500, 0, 0, 4);
	tick_at(&W, 2600, 1);                 /* collector 1 again: its routes unproven */
	/* As with a gap known before the data: collector 0 decides alone */
	collector_0_decides_alone(2700);
	/* collector 1's routes to the targets are still unknown after it */
	uint32_t sf, nf, sa;
	struct prefix p = P(NK[0]);
	vis_counts(&W.v, rib_find(&W.v.rib, &p), &sf, &nf, &sa);
	ck_assert_uint_eq(nf, 4);
	ck_assert_uint_eq(sf, 4);
}
END_TEST

/* Collector 0's peers hold the targets, collector 1's withdrew them; both
 * collectors' gaps start at 2000, added first, then second: the changes at
 * the gaps' start, from nch on, are returned in *n. */
static size_t two_gaps_in_one_second(uint32_t first, uint32_t second, size_t *n)
{
	w_free(&W);
	setup();
	ck_assert(vis_add_gap(&W.v, first, 2000, 3000));
	ck_assert(vis_add_gap(&W.v, second, 2000, 3000));
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	second_collector(1000);
	all(&W, false, 1500, 1, 4, 4);
	size_t before = W.nch;
	tick_at(&W, 3500, 0);
	*n = W.nch - before;
	return before;
}

START_TEST(gaps_starting_in_one_second_are_decided_together_in_any_order)
{
	for (uint32_t first = 0; first < 2; first++) {
		size_t n, at = two_gaps_in_one_second(first, 1 - first, &n);
		/* each target turns unknown at once: never dark (collector 1's
		 * routes forgotten last) nor left to collector 1 (first) between */
		ck_assert_uint_eq(n, 2);
		for (size_t i = at; i < at + n; i++) {
			ck_assert(W.ch[i].unknown);
			ck_assert_uint_eq(W.ch[i].ts, 2000);
		}
	}
}
END_TEST

START_TEST(a_whole_rib_dump_after_a_gap_proves_every_route)
{
	ck_assert(vis_add_gap(&W.v, 0, 2000, 3000));
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	tick_at(&W, 3000, 0);
	ck_assert_uint_eq(W.v.nunknown, 2);
	w_start(&W, 3600, 0, 3, 4, 4, NK);
	ck_assert_uint_eq(W.v.nunknown, 0);
	ck_assert_uint_eq(W.v.nvisible, 2);
}
END_TEST

START_TEST(a_rib_dump_inside_a_gap_proves_nothing_after_it)
{
	/* A RIB dump 40 hours older than the next update file. */
	ck_assert(vis_add_gap(&W.v, 0, 1000, 3000));
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	ck_assert_uint_eq(W.v.nvisible, 2);       /* known at the dump's time */
	tick_at(&W, 3100, 0);
	ck_assert_uint_eq(W.v.nunknown, 2);
}
END_TEST

START_TEST(a_collector_restart_makes_its_peers_unknown_and_opens_no_window)
{
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	sessions(&W, false, 2000, 1, 4);
	ck_assert_uint_eq(W.v.restarts, 1);
	ck_assert_uint_eq(W.v.nunknown, 2);
	/* back, re-sending their tables */
	sessions(&W, true, 2100, 1, 4);
	all(&W, true, 2110, 0, 0, 4);
	ck_assert_uint_eq(W.v.nvisible, 2);
	w_finish(&W, 0);
}
END_TEST

START_TEST(what_a_restarted_peer_does_not_resend_is_absent_after_the_resend_time)
{
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	sessions(&W, false, 2000, 0, 4);
	sessions(&W, true, 2100, 0, 4);
	ck_assert_uint_eq(W.v.nunknown, 2);
	tick_at(&W, 2100 + VIS_RESEND + 10, 0);
	ck_assert_uint_eq(W.v.nunknown, 0);
	ck_assert_uint_eq(W.v.nvisible, 0);
	blackout_finish(&W.b, &W.v);
	/* dark from the time the tables count as re-sent */
	ck_assert_uint_eq(W.b.n, 1);
	ck_assert_uint_eq(W.b.w[0].start, 2100 + VIS_RESEND);
	ck_assert(W.b.w[0].start_undecided);
	ck_assert_uint_eq(W.b.w[0].start_earliest, 2000);
}
END_TEST

START_TEST(the_window_of_a_restarts_first_drops_is_withdrawn)
{
	/* 8 peers, majority 4: five drops make it dark before the sixth makes
	 * the burst a restart (three quarters of 8). */
	w_start(&W, 1000, 0, 1, 8, 8, NK);
	sessions(&W, false, 2000, 1, 6);
	ck_assert_uint_eq(W.v.restarts, 1);
	w_finish(&W, 0);
}
END_TEST

START_TEST(a_single_peer_reset_keeps_the_no_route_rule)
{
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	w_state(&W, 2000, 0, peer_n(0), BGP_STATE_ESTABLISHED, 1);
	ck_assert_uint_eq(W.v.restarts, 0);
	ck_assert_uint_eq(W.v.nunknown, 0);
	/* two more, more than a minute later: still single resets */
	w_state(&W, 2100, 0, peer_n(1), BGP_STATE_ESTABLISHED, 1);
	w_state(&W, 2200, 0, peer_n(2), BGP_STATE_ESTABLISHED, 1);
	ck_assert_uint_eq(W.v.restarts, 0);
	ck_assert_uint_eq(W.v.nvisible, 0);       /* 1 of 4 left: dark, known */
	ck_assert_uint_eq(W.v.nunknown, 0);
	w_finish(&W, 1);
	ck_assert_uint_eq(W.b.w[0].start, 2200);
}
END_TEST

START_TEST(a_dark_prefix_turning_unknown_is_a_change_of_its_own)
{
	ck_assert(vis_add_gap(&W.v, 0, 2000, 3000));
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	all(&W, false, 1500, 0, 0, 4);            /* dark, known */
	size_t before = W.nch;
	ck_assert_uint_eq(W.v.nundecided, 0);
	tick_at(&W, 3500, 0);                     /* the gap: unknown, still not visible */
	ck_assert_uint_eq(W.nch, before + 2);
	for (size_t i = before; i < W.nch; i++) {
		ck_assert(!W.ch[i].visible);
		ck_assert(W.ch[i].unknown);
		ck_assert(!W.ch[i].flip);
		ck_assert_uint_eq(W.ch[i].unk_full, 4);
		ck_assert_uint_eq(W.ch[i].nfull, 0);
	}
	ck_assert_uint_eq(W.v.nundecided, 2);
	timeline_sample(&W.tl, &W.v, 3600);
	ck_assert_uint_eq(W.tl.s[W.tl.n - 1].nunknown, 2);
	/* proven dark again: a change back, not a visibility change either */
	before = W.nch;
	all(&W, false, 3700, 0, 0, 2);
	ck_assert_uint_eq(W.nch, before + 2);
	ck_assert(!W.ch[before].unknown && !W.ch[before].flip && !W.ch[before].visible);
	ck_assert_uint_eq(W.v.nundecided, 0);
}
END_TEST

START_TEST(a_visible_prefix_turning_unknown_is_one_change)
{
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	size_t before = W.nch;
	sessions(&W, false, 2000, 1, 4);
	ck_assert_uint_eq(W.v.restarts, 1);
	/* each prefix: the restart's first drops leave it visible (2 of 4,
	 * then 2 of 3 known), then unknown at once, not invisible first */
	ck_assert_uint_eq(W.nch, before + 2);
	for (size_t i = before; i < W.nch; i++) {
		ck_assert(W.ch[i].flip && !W.ch[i].visible && W.ch[i].unknown);
		ck_assert_uint_eq(W.ch[i].ts, 2002);
	}
	ck_assert_uint_eq(W.v.nundecided, 2);
}
END_TEST

START_TEST(complete_data_has_no_unknown_routes)
{
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	all(&W, false, 1500, 0, 0, 4);
	ck_assert_ptr_null(W.v.rib.unk);
	ck_assert_uint_eq(W.v.nunknown, 0);
}
END_TEST

START_TEST(darkness_decided_only_by_the_known_routes_is_undecided)
{
	ck_assert(vis_add_gap(&W.v, 0, 2000, 3000));
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	struct prefix q = P(NK[0]);
	uint32_t p = rib_find(&W.v.rib, &q);
	tick_at(&W, 3500, 0);
	ck_assert(vis_dark_undecided(&W.v, p));      /* unknown */
	all(&W, false, 3600, 0, 0, 2);               /* two of four prove no route */
	tick_at(&W, 3700, 0);
	ck_assert(!(W.v.flags[p] & (VIS_F_UNK | VIS_F_EFF)));   /* dark by the known half */
	ck_assert(vis_dark_undecided(&W.v, p));      /* the other two would make it visible */
	all(&W, false, 3800, 0, 2, 2);
	tick_at(&W, 3900, 0);
	ck_assert(!vis_dark_undecided(&W.v, p));     /* all four: decided */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("unknown");
	ADD_TESTS(s, "rules", setup, teardown, a_gap_makes_its_collectors_routes_unknown_not_dark,
	          a_window_open_before_a_gap_ends_at_it_with_bounds,
	          a_window_proven_after_a_gap_starts_with_bounds,
	          one_collectors_gap_leaves_the_others_to_decide,
	          a_gap_found_while_the_data_streams_counts_from_its_start,
	          gaps_starting_in_one_second_are_decided_together_in_any_order,
	          a_whole_rib_dump_after_a_gap_proves_every_route,
	          a_rib_dump_inside_a_gap_proves_nothing_after_it,
	          a_collector_restart_makes_its_peers_unknown_and_opens_no_window,
	          what_a_restarted_peer_does_not_resend_is_absent_after_the_resend_time,
	          the_window_of_a_restarts_first_drops_is_withdrawn,
	          a_single_peer_reset_keeps_the_no_route_rule,
	          a_dark_prefix_turning_unknown_is_a_change_of_its_own,
	          a_visible_prefix_turning_unknown_is_one_change,
	          complete_data_has_no_unknown_routes,
	          darkness_decided_only_by_the_known_routes_is_undecided);
	return run_suite(s);
}
