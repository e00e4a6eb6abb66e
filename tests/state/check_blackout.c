/*
 * check_blackout.c — windows of total blackout: start/end timestamps, dark at
 * data start, ongoing, unknown time, --min-duration, sort orders, reports.
 * Owns: window rules fed with hand-built elements. Never: reads files.
 */
#include <check.h>
#include <stdlib.h>
#include <unistd.h>

#include "check_run.h"
#include "report/fmt_report.h"
#include "state_helpers.h"

static const char *const NK[] = { "175.45.176.0/24", "175.45.177.0/24", NULL };

/* Each test's world: targets under 175.45.176.0/22 (setup). */
static struct world W;

static void setup(void) { w_init(&W, "175.45.176.0/22", true); }
static void teardown(void) { w_free(&W); }

/* Everyone withdraws both prefixes at t, staggered by a second per peer. */
static void all_withdraw(struct world *w, uint32_t t, unsigned npeers)
{
	for (unsigned i = 0; i < npeers; i++) {
		w_wd(w, t + i, 0, peer_n(i), NK[0]);
		w_wd(w, t + i, 0, peer_n(i), NK[1]);
	}
}

static void all_announce(struct world *w, uint32_t t, unsigned npeers)
{
	for (unsigned i = 0; i < npeers; i++) {
		w_ann(w, t + i, 0, peer_n(i), NK[0]);
		w_ann(w, t + i, 0, peer_n(i), NK[1]);
	}
}

START_TEST(window_starts_when_the_last_prefix_goes_and_ends_when_the_first_returns)
{
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	/* 4 peers; majority = 2: the second prefix falls when the third peer
	 * withdraws it, at 2000 + 2 */
	all_withdraw(&W, 2000, 4);
	all_announce(&W, 5000, 4);            /* back with the second peer, at 5001 */
	w_finish(&W, 1);
	ck_assert_uint_eq(W.b.w[0].start, 2002);
	ck_assert_uint_eq(W.b.w[0].end, 5001);
	ck_assert(!W.b.w[0].ongoing);
	ck_assert(!W.b.w[0].from_start);
	ck_assert_uint_eq(W.b.w[0].ntargets, 2);
	ck_assert_uint_eq(W.b.w[0].nfull, 4);
	ck_assert_uint_eq(W.b.w[0].start_full, 1);   /* at the start, peer 4 still had both */
	ck_assert_uint_eq(W.b.w[0].min_full, 0);     /* then it withdrew too */
}
END_TEST

START_TEST(partial_outage_is_not_a_blackout)
{
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	for (unsigned i = 0; i < 4; i++)
		w_wd(&W, 2000, 0, peer_n(i), NK[0]);
	w_finish(&W, 0);
}
END_TEST

START_TEST(window_open_at_data_start)
{
	w_start(&W, 1000, 0, 1, 4, 0, NK);    /* the dump lists no target route */
	all_announce(&W, 3000, 4);            /* appears at 3000, visible at 3001 */
	w_finish(&W, 1);
	ck_assert(W.b.w[0].from_start);
	ck_assert_uint_eq(W.b.w[0].start, 1000);
	ck_assert_uint_eq(W.b.w[0].end, 3001);
}
END_TEST

START_TEST(window_still_open_at_the_end_is_ongoing)
{
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	all_withdraw(&W, 2000, 4);
	w_ann(&W, 9000, 0, peer_n(0), "10.0.0.0/8");   /* data goes on, target stays dark */
	w_finish(&W, 1);
	ck_assert(W.b.w[0].ongoing);
	ck_assert_uint_eq(W.b.w[0].start, 2002);
	ck_assert_uint_eq(W.b.w[0].end, 9000);
	ck_assert_int_eq(bo_duration(&W.b.w[0]), 6998);

	struct capture c;
	struct report_info ri;
	memset(&ri, 0, sizeof ri);
	snprintf(ri.rule_name, sizeof ri.rule_name, "majority");
	report_output_json.blackout(cap_open(&c), &ri, &W.v, &W.b);
	const char *buf = cap_text(&c);
	ck_assert_msg(strstr(buf, "\"end\":null") && strstr(buf, "\"end_ts\":null") &&
	              strstr(buf, "\"ongoing\":true") && strstr(buf, "\"start\":\"1970-01-01T00:33:22Z\"") &&
	              strstr(buf, "\"prefixes\":[\"175.45.176.0/24\",\"175.45.177.0/24\"]"), "%s", buf);
}
END_TEST

START_TEST(time_before_the_first_data_is_unknown_not_dark)
{
	/* Updates arrive before any dump; nothing is known yet (no full-feed
	 * vantage point), so the time before the dump is no window. */
	w_ann(&W, 500, 0, "198.51.100.1", "10.0.0.0/8");
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	w_finish(&W, 0);
	ck_assert_uint_eq(W.v.first_ts, 500);
}
END_TEST

START_TEST(no_target_in_the_data_means_no_window)
{
	w_start(&W, 1000, 0, 1, 4, 0, NULL);
	w_ann(&W, 5000, 0, peer_n(0), "10.0.0.0/8");
	w_finish(&W, 0);
}
END_TEST

/* Three windows: 2002-5001 (2999 s), 6002-6003 (1 s, a flap), 8002-20001. */
static void three_windows(struct world *w)
{
	w_start(w, 1000, 0, 1, 4, 4, NK);
	all_withdraw(w, 2000, 4);
	all_announce(w, 5000, 4);
	all_withdraw(w, 6000, 4);
	all_announce(w, 6002, 4);
	all_withdraw(w, 8000, 4);
	all_announce(w, 20000, 4);
	blackout_finish(&w->b, &w->v);
	ck_assert_uint_eq(w->b.n, 3);
}

START_TEST(min_duration_hides_shorter_windows)
{
	three_windows(&W);
	ck_assert_uint_eq(blackout_select(&W.b, 0, BO_SORT_TIME), 3);   /* flaps included */
	ck_assert_uint_eq(blackout_select(&W.b, 2, BO_SORT_TIME), 2);
	ck_assert_uint_eq(blackout_select(&W.b, 3000, BO_SORT_TIME), 1);
	ck_assert_uint_eq(W.b.w[0].start, 8002);
}
END_TEST

START_TEST(sort_by_time_and_by_duration)
{
	three_windows(&W);
	blackout_select(&W.b, 0, BO_SORT_DURATION);
	ck_assert_uint_eq(W.b.w[0].start, 8002);
	ck_assert_uint_eq(W.b.w[1].start, 2002);
	ck_assert_uint_eq(W.b.w[2].start, 6002);
	blackout_select(&W.b, 0, BO_SORT_TIME);
	ck_assert_uint_eq(W.b.w[0].start, 2002);
	ck_assert_uint_eq(W.b.w[1].start, 6002);
	ck_assert_uint_eq(W.b.w[2].start, 8002);
}
END_TEST

START_TEST(blackout_needs_every_collector_to_lose_the_target)
{
	w_start(&W, 1000, 0, 1, 2, 2, NK);
	w_start(&W, 1000, 1, 2, 2, 2, NK);
	/* collector 0's peers withdraw: 2 of 4 full-feed still have it */
	for (unsigned i = 0; i < 2; i++) {
		w_wd(&W, 2000, 0, peer_n(i), NK[0]);
		w_wd(&W, 2000, 0, peer_n(i), NK[1]);
	}
	ck_assert_uint_eq(W.v.nvisible, 2);
	struct elem e = mk(ELEM_WITHDRAW, 2100, 1, 100, peer_n(0), NK[0]);
	vis_elem(&W.v, &e);
	vis_flush(&W.v);
	e.prefix = P(NK[1]);
	vis_elem(&W.v, &e);
	vis_flush(&W.v);
	w_finish(&W, 1);
	ck_assert_uint_eq(W.b.w[0].start, 2100);
}
END_TEST

START_TEST(stale_peer_that_held_a_route_throughout_is_named)
{
	w_start(&W, 1000, 0, 1, 4, 4, NK);
	all_withdraw(&W, 2000, 3);            /* peer 4 keeps its routes: a zombie */
	ck_assert_uint_eq(W.v.nvisible, 0);
	all_announce(&W, 5000, 3);
	w_finish(&W, 1);
	ck_assert_uint_eq(W.b.w[0].min_full, 1);
	ck_assert_uint_eq(W.b.w[0].nheld, 1);
	struct addr zombie = A("192.0.2.4");
	ck_assert(addr_equal(&W.v.rib.vt.vps[W.b.w[0].held[0]].ip, &zombie));
}
END_TEST

START_TEST(durations_for_people)
{
	char d[32];
	report_duration(34265, d);           /* 9h31m5s */
	ck_assert_str_eq(d, "9h31m");
	report_duration(34230, d);           /* 9h30m30s rounds up */
	ck_assert_str_eq(d, "9h31m");
	report_duration(192, d);
	ck_assert_str_eq(d, "3m12s");
	report_duration(0, d);
	ck_assert_str_eq(d, "0s");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("blackout");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, window_starts_when_the_last_prefix_goes_and_ends_when_the_first_returns);
	tcase_add_test(tc, partial_outage_is_not_a_blackout);
	tcase_add_test(tc, window_open_at_data_start);
	tcase_add_test(tc, window_still_open_at_the_end_is_ongoing);
	tcase_add_test(tc, time_before_the_first_data_is_unknown_not_dark);
	tcase_add_test(tc, no_target_in_the_data_means_no_window);
	tcase_add_test(tc, min_duration_hides_shorter_windows);
	tcase_add_test(tc, sort_by_time_and_by_duration);
	tcase_add_test(tc, blackout_needs_every_collector_to_lose_the_target);
	tcase_add_test(tc, stale_peer_that_held_a_route_throughout_is_named);
	tcase_add_test(tc, durations_for_people);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
