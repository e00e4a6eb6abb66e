/*
 * check_fmt_report.c — unit tests for fmt_report.c's timeline lines: a
 * change's state (visible, invisible, unknown) in each format, and the
 * unknown column of a series only where some sample had unknown prefixes.
 * Never: decodes bytes; the changes and samples are built by hand.
 */
#include <check.h>
#include <string.h>

#include "check_run.h"
#include "outbuf_testutil.h"
#include "report/fmt_report.h"

static struct outbuf O;
static struct vis V;

/* One tracked prefix, 203.0.113.0/24 (rib index 0). */
static void one_prefix(void)
{
	struct vis_config cfg = { .full_feed = 0.9 };
	ck_assert(vis_init(&V, &cfg, NULL));
	struct prefix p;
	ck_assert(prefix_parse("203.0.113.0/24", &p, false));
	ck_assert_uint_eq(rib_add(&V.rib, &p), 0);
	out_init(&O, -1);
}

static void done(void)
{
	vis_free(&V);
}

static const char *change_in(enum report_fmt f, bool visible, bool unknown, uint32_t unk_full)
{
	struct vis_change c = { .ts = 1615768803, .prefix = 0, .visible = visible, .unknown = unknown,
	                        .flip = !unknown, .seen_full = 1, .nfull = unknown ? 1 : 4,
	                        .seen_any = 1, .unk_full = unk_full };
	report_outputs[f]->change(&O, &V, &c);
	return out_taken(&O);
}

START_TEST(text_change_says_unknown_and_how_many_routes_are_unknown)
{
	ck_assert_str_eq(change_in(REPORT_TEXT, false, true, 3),
	    "2021-03-15 00:40:03 UTC  203.0.113.0/24      unknown    1/1 (1 VPs in all; 3 full-feed unknown)\n");
	ck_assert_str_eq(change_in(REPORT_TEXT, false, false, 0),
	    "2021-03-15 00:40:03 UTC  203.0.113.0/24      invisible  1/4 (1 VPs in all)\n");
}
END_TEST

START_TEST(tsv_change_says_dash_for_unknown_visibility)
{
	ck_assert_str_eq(change_in(REPORT_TSV, false, true, 3),
	    "2021-03-15T00:40:03Z\t1615768803\t203.0.113.0/24\t-\t1\t1\t1\n");
	/* 1 visible, 0 invisible */
	ck_assert_ptr_nonnull(strstr(change_in(REPORT_TSV, true, false, 0), "/24\t1\t1\t4\t1\n"));
	ck_assert_ptr_nonnull(strstr(change_in(REPORT_TSV, false, false, 0), "/24\t0\t1\t4\t1\n"));
}
END_TEST

START_TEST(json_change_says_null_for_unknown_visibility)
{
	ck_assert_str_eq(change_in(REPORT_JSON, false, true, 3),
	    "{\"time\":\"2021-03-15T00:40:03Z\",\"ts\":1615768803,\"prefix\":\"203.0.113.0/24\","
	    "\"visible\":null,\"full_feed_seeing\":1,\"full_feed\":1,\"vps_seeing\":1,"
	    "\"full_feed_unknown\":3}\n");
	ck_assert_str_eq(change_in(REPORT_JSON, true, false, 0),
	    "{\"time\":\"2021-03-15T00:40:03Z\",\"ts\":1615768803,\"prefix\":\"203.0.113.0/24\","
	    "\"visible\":true,\"full_feed_seeing\":1,\"full_feed\":4,\"vps_seeing\":1}\n");
}
END_TEST

/* A series of two samples without per-prefix columns; the second has
 * `unknown` unknown prefixes. */
static const char *series_in(enum report_fmt f, uint32_t unknown)
{
	struct timeline t;
	timeline_init(&t, 3600, false);
	struct tl_sample s[2] = {
		{ .ts = 1615766400, .nvisible = 1, .ntargets = 2, .nfull = 4, .slash24 = 1, .share = 0.5 },
		{ .ts = 1615770000, .nvisible = 0, .nunknown = unknown, .ntargets = 2, .nfull = 4 },
	};
	t.s = s;
	t.n = 2;
	report_outputs[f]->series(&O, &V, &t);
	return out_taken(&O);
}

START_TEST(series_has_an_unknown_column_only_where_unknown_time_occurs)
{
	ck_assert_str_eq(series_in(REPORT_TSV, 0),
	    "#time\tts\tvisible_prefixes\ttarget_prefixes\tfull_feed\tvisible_slash24\tshare\n"
	    "2021-03-15T00:00:00Z\t1615766400\t1\t2\t4\t1\t0.5\n"
	    "2021-03-15T01:00:00Z\t1615770000\t0\t2\t4\t0\t0\n");
	ck_assert_str_eq(series_in(REPORT_TSV, 2),
	    "#time\tts\tvisible_prefixes\ttarget_prefixes\tunknown_prefixes\tfull_feed\tvisible_slash24\tshare\n"
	    "2021-03-15T00:00:00Z\t1615766400\t1\t2\t0\t4\t1\t0.5\n"
	    "2021-03-15T01:00:00Z\t1615770000\t0\t2\t2\t4\t0\t0\n");
	ck_assert_str_eq(series_in(REPORT_TEXT, 2),
	    "time (UTC)               visible       unknown  full-feed  /24 units   share \n"
	    "2021-03-15 00:00:00 UTC  1/2           0        4          1           50%   \n"
	    "2021-03-15 01:00:00 UTC  0/2           2        4          0           0%    \n");
	const char *j = series_in(REPORT_JSON, 2);
	ck_assert_ptr_nonnull(strstr(j, "\"target_prefixes\":2,\"unknown_prefixes\":0,\"full_feed\":4"));
	ck_assert_ptr_nonnull(strstr(j, "\"target_prefixes\":2,\"unknown_prefixes\":2,\"full_feed\":4"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fmt_report");
	ADD_TESTS(s, "timeline", one_prefix, done, text_change_says_unknown_and_how_many_routes_are_unknown,
	          tsv_change_says_dash_for_unknown_visibility,
	          json_change_says_null_for_unknown_visibility,
	          series_has_an_unknown_column_only_where_unknown_time_occurs);
	return run_suite(s);
}
