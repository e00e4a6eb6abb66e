/*
 * check_timeline.c — visibility changes per prefix and the regular series
 * of `timeline --interval`. Never: reads files.
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

/* The world made again with an interval series of secs seconds. */
static void interval(uint32_t secs)
{
	const char *list[] = { "175.45.176.0/22", NULL };
	w_free(&W);
	w_init_rule(&W, list, true, NULL, false, secs);
}

START_TEST(every_change_of_each_prefix_is_reported)
{
	w_start(&W, 1000, 0, 1, 3, 3, NK);
	ck_assert_uint_eq(W.nch, 2);                 /* both visible after the dump */
	ck_assert(W.ch[0].visible && W.ch[1].visible);
	ck_assert_uint_eq(W.ch[0].seen_full, 3);
	ck_assert_uint_eq(W.ch[0].nfull, 3);
	w_wd(&W, 2000, 0, peer_n(0), NK[0]);
	ck_assert_uint_eq(W.nch, 2);                 /* 2 of 3: still visible */
	w_wd(&W, 2010, 0, peer_n(1), NK[0]);
	ck_assert_uint_eq(W.nch, 3);
	ck_assert(!W.ch[2].visible);
	ck_assert_uint_eq(W.ch[2].ts, 2010);
	ck_assert(prefix_equal(&W.v.rib.pfx[W.ch[2].prefix], &W.v.rib.pfx[W.v.targets[0]]));
	ck_assert_uint_eq(W.ch[2].seen_full, 1);
	ck_assert_uint_eq(W.ch[2].seen_any, 1);
}
END_TEST

START_TEST(no_targets_means_every_prefix)
{
	w_free(&W);
	w_init_rule(&W, NULL, false, NULL, false, 0);
	w_start(&W, 1000, 0, 1, 2, 2, NK);
	ck_assert_uint_eq(W.v.ntargets, 102);        /* 100 filler routes (shared by both peers) + 2 */
	ck_assert_uint_eq(W.v.ntargets, W.v.rib.npfx);
}
END_TEST

START_TEST(interval_series_samples_state_at_each_boundary)
{
	interval(300);
	w_start(&W, 1000, 0, 1, 4, 4, NK);           /* known from 1000: first boundary 1200 */
	w_wd(&W, 1200, 0, peer_n(0), NK[0]);
	w_wd(&W, 1250, 0, peer_n(1), NK[0]);
	w_wd(&W, 1250, 0, peer_n(2), NK[0]);         /* NK[0] invisible at 1250 */
	w_ann(&W, 2000, 0, peer_n(0), NK[0]);
	timeline_finish(&W.tl, &W.v);
	/* boundaries 1200, 1500, 1800 (2000 is the last time: no 2100) */
	ck_assert_uint_eq(W.tl.n, 3);
	ck_assert_uint_eq(W.tl.s[0].ts, 1200);
	ck_assert_uint_eq(W.tl.s[0].nvisible, 2);    /* the withdrawal at 1200 is counted */
	ck_assert_uint_eq(W.tl.counts[W.tl.s[0].col + 0], 3);
	ck_assert_uint_eq(W.tl.s[1].ts, 1500);
	ck_assert_uint_eq(W.tl.s[1].nvisible, 1);
	ck_assert_uint_eq(W.tl.counts[W.tl.s[1].col + 0], 1);
	ck_assert_uint_eq(W.tl.counts[W.tl.s[1].col + 1], 4);
	ck_assert_uint_eq(W.tl.s[2].ntargets, 2);
	ck_assert_uint_eq(W.tl.s[2].nfull, 4);
}
END_TEST

START_TEST(interval_series_starts_once_the_data_is_known)
{
	interval(60);
	w_ann(&W, 10, 0, "198.51.100.1", "10.0.0.0/8");
	w_ann(&W, 500, 0, "198.51.100.1", "10.0.0.0/8");
	ck_assert_uint_eq(W.tl.n, 0);
	w_start(&W, 1000, 0, 1, 2, 2, NK);
	w_ann(&W, 1130, 0, peer_n(0), NK[0]);
	timeline_finish(&W.tl, &W.v);
	ck_assert_uint_eq(W.tl.n, 2);               /* 1020, 1080 */
	ck_assert_uint_eq(W.tl.s[0].ts, 1020);
}
END_TEST

START_TEST(last_boundary_before_2_to_the_32_is_sampled_once)
{
	interval(3600);
	/* the last boundary is 4294965600 (1193046 hours); the data goes past it */
	w_start(&W, 4294963000u, 0, 1, 2, 2, NK);
	w_wd(&W, 4294966000u, 0, peer_n(0), NK[0]);
	w_wd(&W, 4294967000u, 0, peer_n(1), NK[0]);
	timeline_finish(&W.tl, &W.v);
	ck_assert_uint_eq(W.tl.n, 1);
	ck_assert_uint_eq(W.tl.s[0].ts, 4294965600u);
}
END_TEST

START_TEST(series_report_has_a_column_per_prefix)
{
	interval(300);
	w_start(&W, 1200, 0, 1, 2, 2, NK);
	w_ann(&W, 1500, 0, peer_n(0), "10.0.0.0/8");
	timeline_finish(&W.tl, &W.v);
	struct capture c;
	report_output_tsv.series(cap_open(&c), &W.v, &W.tl);
	const char *buf = cap_text(&c);
	ck_assert_msg(strstr(buf, "#time\tts\tvisible_prefixes\ttarget_prefixes\tfull_feed\tvisible_slash24\tshare\t175.45.176.0/24\t175.45.177.0/24\n") &&
	              strstr(buf, "1970-01-01T00:20:00Z\t1200\t2\t2\t2\t2\t1\t2\t2\n") &&
	              strstr(buf, "\t1500\t"), "%s", buf);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("timeline");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_change_of_each_prefix_is_reported);
	tcase_add_test(tc, no_targets_means_every_prefix);
	tcase_add_test(tc, interval_series_samples_state_at_each_boundary);
	tcase_add_test(tc, interval_series_starts_once_the_data_is_known);
	tcase_add_test(tc, series_report_has_a_column_per_prefix);
	tcase_add_test(tc, last_boundary_before_2_to_the_32_is_sampled_once);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
