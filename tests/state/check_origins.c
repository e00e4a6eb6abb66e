/*
 * check_origins.c — per (prefix, origin) visibility windows (origins.c):
 * MOAS, more_specific_of, the rule per origin, peaks, AS_SET origins. One
 * test per rule; elements built by hand (state_helpers.h).
 */
#include <check.h>
#include <stdlib.h>

#include "check_run.h"
#include "state/origins.h"
#include "state_helpers.h"

#define YT 36561u       /* YouTube */
#define PT 17557u       /* Pakistan Telecom */

static struct world W;
static struct origins O;

static void o_decide(struct vis *v, uint32_t p, void *arg) { origins_decide(arg, v, p); }
static void o_tick(struct vis *v, uint32_t ts, void *arg)
{
	(void)ts;
	origins_tick(arg, v);
}

/* Targets under 208.65.152.0/22 (the /22 itself too), rule as given. */
static void world(const char *rule)
{
	const char *list[] = { "208.65.152.0/22", NULL };
	w_init_rule(&W, list, true, rule, false, 0);
	origins_init(&O);
	W.v.cfg.origins = W.v.cfg.track_cover = true;
	ck_assert(rib_track_origins(&W.v.rib));
	W.v.hooks = (struct vis_hooks){ .on_decide = o_decide, .on_tick = o_tick, .arg = &O };
}

static void setup(void) { world("any"); }
static void teardown(void)
{
	origins_free(&O);
	w_free(&W);
}

/* A RIB dump at ts: n full-feed peers, each with 100 filler routes and the
 * /22 from YouTube. */
static void rib_with_22(uint32_t ts, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		w_rib_fill(&W, ts, 0, 1, peer_n(i), 100);
		struct elem e = mk(ELEM_RIB, ts, 0, 1, peer_n(i), "208.65.152.0/22");
		e.attrs = w_attrs(&W, YT);
		vis_elem(&W.v, &e);
	}
	w_end(&W, 1);
}

static void ann(uint32_t ts, unsigned peer, const char *pfx, uint32_t origin)
{
	w_ann_origin(&W, ts, 0, peer_n(peer), pfx, origin);
}

/* The window of (pfx, origin) starting at start: must exist. */
static const struct or_window *win(const char *pfx, uint32_t origin, uint32_t start)
{
	struct prefix p = P(pfx);
	uint32_t i = rib_find(&W.v.rib, &p), c = ro_class_of_asn(W.v.rib.org, origin);
	for (size_t k = 0; k < O.nw; k++)
		if (O.w[k].prefix == i && O.w[k].origin == c && O.w[k].start == start)
			return &O.w[k];
	ck_abort_msg("no window of %s AS%u from %u", pfx, origin, start);
	return NULL;
}

static bool covers_as(const struct or_window *w, const char *pfx, uint32_t origin)
{
	struct prefix p = P(pfx);
	return w->cover == rib_find(&W.v.rib, &p) &&
	       w->cover_origin == ro_class_of_asn(W.v.rib.org, origin);
}

START_TEST(hijacked_more_specific_is_flagged_more_specific_of)
{
	rib_with_22(1000, 4);
	ann(1100, 0, "208.65.153.0/24", PT);
	w_wd(&W, 1200, 0, peer_n(0), "208.65.153.0/24");
	origins_finish(&O, &W.v);
	const struct or_window *w = win("208.65.153.0/24", PT, 1100);
	ck_assert_uint_eq(w->end, 1200);
	ck_assert(!w->ongoing);
	ck_assert(covers_as(w, "208.65.152.0/22", YT));
	ck_assert(!w->moas);
	const struct or_window *owner = win("208.65.152.0/22", YT, 1000);
	ck_assert(owner->ongoing);
	ck_assert_uint_eq(owner->cover, OR_NONE);       /* nothing covers the /22 */
}
END_TEST

START_TEST(covering_route_of_the_same_origin_is_not_more_specific_of)
{
	rib_with_22(1000, 4);
	ann(1100, 0, "208.65.153.0/24", YT);           /* the owner's own more-specific */
	origins_finish(&O, &W.v);
	ck_assert_uint_eq(win("208.65.153.0/24", YT, 1100)->cover, OR_NONE);
}
END_TEST

START_TEST(covering_route_appearing_later_sets_more_specific_of)
{
	w_rib_fill(&W, 1000, 0, 1, peer_n(0), 100);
	w_end(&W, 1);
	ann(1100, 0, "208.65.153.0/24", PT);
	ck_assert_uint_eq(win("208.65.153.0/24", PT, 1100)->cover, OR_NONE);
	ann(1300, 0, "208.65.152.0/22", YT);           /* the /24's window is open still */
	origins_finish(&O, &W.v);
	ck_assert(covers_as(win("208.65.153.0/24", PT, 1100), "208.65.152.0/22", YT));
}
END_TEST

START_TEST(two_origins_visible_at_once_are_moas)
{
	rib_with_22(1000, 4);
	ann(1100, 0, "208.65.153.0/24", PT);
	ann(1200, 1, "208.65.153.0/24", YT);
	w_wd(&W, 1300, 0, peer_n(0), "208.65.153.0/24");
	origins_finish(&O, &W.v);
	const struct or_window *h = win("208.65.153.0/24", PT, 1100), *y = win("208.65.153.0/24", YT, 1200);
	ck_assert(h->moas && y->moas);
	ck_assert_uint_eq(h->end, 1300);
	ck_assert(y->ongoing);
}
END_TEST

START_TEST(origin_handover_in_one_second_is_not_moas)
{
	rib_with_22(1000, 4);
	ann(1100, 0, "208.65.153.0/24", PT);
	ann(1200, 0, "208.65.153.0/24", YT);           /* implicit replace: new origin */
	origins_finish(&O, &W.v);
	const struct or_window *h = win("208.65.153.0/24", PT, 1100), *y = win("208.65.153.0/24", YT, 1200);
	ck_assert_uint_eq(h->end, 1200);
	ck_assert(!h->moas && !y->moas);
}
END_TEST

START_TEST(majority_rule_counts_vantage_points_per_origin)
{
	teardown();
	world("majority");
	rib_with_22(1000, 4);
	ann(1100, 0, "208.65.153.0/24", PT);           /* 1 of 4 full-feed: not visible */
	ck_assert_uint_eq(O.nw, 1);                    /* the /22 only */
	ann(1110, 1, "208.65.153.0/24", PT);           /* 2 of 4: half */
	ann(1120, 2, "208.65.153.0/24", YT);
	ann(1130, 3, "208.65.153.0/24", YT);           /* 2 and 2: both visible */
	ann(1140, 1, "208.65.153.0/24", YT);           /* 1 and 3: the hijack ends */
	origins_finish(&O, &W.v);
	const struct or_window *h = win("208.65.153.0/24", PT, 1110);
	ck_assert_uint_eq(h->end, 1140);
	ck_assert(h->moas);
	ck_assert_uint_eq(h->peak_vps, 2);
	ck_assert_uint_eq(h->peak_full, 2);
	const struct or_window *y = win("208.65.153.0/24", YT, 1130);
	ck_assert(y->ongoing);
	ck_assert_uint_eq(y->peak_vps, 3);
}
END_TEST

START_TEST(peak_is_the_most_vantage_points_at_once)
{
	rib_with_22(1000, 4);
	ann(1100, 0, "208.65.153.0/24", PT);
	ann(1101, 1, "208.65.153.0/24", PT);
	ann(1102, 2, "208.65.153.0/24", PT);
	w_wd(&W, 1103, 0, peer_n(0), "208.65.153.0/24");
	w_wd(&W, 1104, 0, peer_n(1), "208.65.153.0/24");
	origins_finish(&O, &W.v);
	const struct or_window *h = win("208.65.153.0/24", PT, 1100);
	ck_assert_uint_eq(h->peak_vps, 3);
	ck_assert(h->ongoing);
}
END_TEST

START_TEST(as_set_origin_has_windows_of_its_own)
{
	rib_with_22(1000, 4);
	/* 3356 {36561,17557}: an aggregate whose origin is the set */
	uint8_t path[] = { AS_SEQUENCE, 1, 0, 0, 0x0d, 0x1c, AS_SET, 2,
	                   0, 0, 0x8e, 0xd1, 0, 0, 0x44, 0x95 };
	struct bgp_attrs a;
	memset(&a, 0, sizeof a);
	a.as_path = cur_make(path, sizeof path);
	struct elem e = mk(ELEM_ANNOUNCE, 1100, 0, 100, peer_n(0), "208.65.153.0/24");
	e.attrs = &a;
	vis_elem(&W.v, &e);
	vis_flush(&W.v);
	origins_finish(&O, &W.v);
	ck_assert_uint_eq(O.nw, 2);
	const struct or_window *s = &O.w[1];
	char buf[RO_STRLEN];
	ro_format(W.v.rib.org, s->origin, buf, sizeof buf);
	ck_assert_str_eq(buf, "{17557,36561}");
	ck_assert(covers_as(s, "208.65.152.0/22", YT));  /* a set is not YouTube's AS */
}
END_TEST

START_TEST(session_down_closes_the_windows_of_its_routes)
{
	rib_with_22(1000, 4);
	ann(1100, 0, "208.65.153.0/24", PT);
	w_state(&W, 1200, 0, peer_n(0), BGP_STATE_ESTABLISHED, BGP_STATE_IDLE);
	origins_finish(&O, &W.v);
	ck_assert_uint_eq(win("208.65.153.0/24", PT, 1100)->end, 1200);
}
END_TEST

START_TEST(an_origin_with_fewer_than_half_the_routes_known_is_not_visible)
{
	teardown();
	world("majority");
	ck_assert(vis_add_gap(&W.v, 0, 1500, 2000));
	rib_with_22(1000, 4);
	/* after the gap every route is unknown until proven: one re-announced
	 * route of four is 1 of 1 known, but a quarter of the routes */
	ann(2100, 0, "208.65.152.0/22", YT);
	ann(2200, 1, "208.65.152.0/22", YT);           /* half known: decided */
	origins_finish(&O, &W.v);
	ck_assert_uint_eq(O.nw, 2);
	ck_assert_uint_eq(win("208.65.152.0/22", YT, 1000)->end, 1500);
	ck_assert(win("208.65.152.0/22", YT, 2200)->ongoing);
}
END_TEST

static struct or_change last_change;
static void keep_change(const struct vis *v, const struct or_change *c, void *arg)
{
	(void)v;
	(void)arg;
	last_change = *c;
}

START_TEST(a_change_counts_only_the_full_feed_vantage_points_known)
{
	teardown();
	world("majority");
	O.on_change = keep_change;
	ck_assert(vis_add_gap(&W.v, 0, 1500, 2000));
	rib_with_22(1000, 4);
	ck_assert(last_change.visible);
	ck_assert_uint_eq(last_change.seen_full, 4);
	ck_assert_uint_eq(last_change.nfull, 4);
	/* two of the four routes proven after the gap: visible as 2 of the 2
	 * known, not 2 of 4 (the two unknown are in no denominator) */
	ann(2100, 0, "208.65.152.0/22", YT);
	ann(2200, 1, "208.65.152.0/22", YT);
	vis_flush(&W.v);
	ck_assert(last_change.visible);
	ck_assert_uint_eq(last_change.ts, 2200);
	ck_assert_uint_eq(last_change.seen_full, 2);
	ck_assert_uint_eq(last_change.nfull, 2);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("origins");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, hijacked_more_specific_is_flagged_more_specific_of);
	tcase_add_test(tc, covering_route_of_the_same_origin_is_not_more_specific_of);
	tcase_add_test(tc, covering_route_appearing_later_sets_more_specific_of);
	tcase_add_test(tc, two_origins_visible_at_once_are_moas);
	tcase_add_test(tc, origin_handover_in_one_second_is_not_moas);
	tcase_add_test(tc, majority_rule_counts_vantage_points_per_origin);
	tcase_add_test(tc, peak_is_the_most_vantage_points_at_once);
	tcase_add_test(tc, as_set_origin_has_windows_of_its_own);
	tcase_add_test(tc, session_down_closes_the_windows_of_its_routes);
	tcase_add_test(tc, an_origin_with_fewer_than_half_the_routes_known_is_not_visible);
	tcase_add_test(tc, a_change_counts_only_the_full_feed_vantage_points_known);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
