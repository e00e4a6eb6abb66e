/*
 * check_svg.c — the --svg chart and the sparkline: tick spacing, labels,
 * XML escaping, coordinates, the series and the sparkline buckets.
 * Never: reads MRT files (tests/e2e/cases/svg.sh renders the real chart).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "report/svg.h"

#define HOUR 3600u
#define DAY 86400u
#define T_DEC22 1419206400u             /* 2014-12-22 00:00:00 UTC */

START_TEST(tick_step_is_hours_for_a_few_hours)
{
	ck_assert_uint_eq(svg_tick_step(6 * HOUR, 10), HOUR);
	ck_assert_uint_eq(svg_tick_step(4 * HOUR, 10), 1800);
	ck_assert_uint_eq(svg_tick_step(20 * 60, 10), 300);
}
END_TEST

START_TEST(tick_step_is_six_hours_for_two_days)
{
	ck_assert_uint_eq(svg_tick_step(54 * HOUR, 10), 6 * HOUR);
	ck_assert_uint_eq(svg_tick_step(54 * HOUR, 8), 12 * HOUR);
}
END_TEST

START_TEST(tick_step_is_days_for_weeks)
{
	ck_assert_uint_eq(svg_tick_step(8 * DAY, 10), DAY);
	ck_assert_uint_eq(svg_tick_step(10 * DAY, 10), 2 * DAY);
	ck_assert_uint_eq(svg_tick_step(60 * DAY, 10), 7 * DAY);
}
END_TEST

START_TEST(tick_step_never_gives_more_ticks_than_asked)
{
	for (uint32_t span = 1; span < 4000u * DAY; span = span * 3 / 2 + 7)
		for (unsigned max = 2; max <= 12; max++) {
			uint32_t st = svg_tick_step(span, max);
			ck_assert_msg(st > 0 && span / st + 1 <= max, "span %u max %u step %u", span, max, st);
		}
}
END_TEST

START_TEST(tick_labels_name_day_and_time_below_a_day)
{
	char l[32];
	svg_tick_label(T_DEC22 + 12 * HOUR, 6 * HOUR, l, sizeof l);
	ck_assert_str_eq(l, "Dec 22 12:00");
	svg_tick_label(T_DEC22 + 16 * HOUR + 15 * 60, 900, l, sizeof l);
	ck_assert_str_eq(l, "Dec 22 16:15");
	svg_tick_label(T_DEC22, DAY, l, sizeof l);
	ck_assert_str_eq(l, "Dec 22");
}
END_TEST

START_TEST(escape_replaces_markup_characters)
{
	char out[128];
	svg_escape("a<b>&\"c'", out, sizeof out);
	ck_assert_str_eq(out, "a&lt;b&gt;&amp;&quot;c&apos;");
}
END_TEST

START_TEST(escape_replaces_controls_and_invalid_utf8)
{
	char out[128];
	svg_escape("x\x01y\x7f\xff\xc3\xa9\xe2\x80\x93\xc3", out, sizeof out);
	ck_assert_str_eq(out, "x?y??\xc3\xa9\xe2\x80\x93?");
	svg_escape("\xed\xa0\x80", out, sizeof out);          /* a surrogate */
	ck_assert_str_eq(out, "???");
}
END_TEST

START_TEST(escape_truncates_between_entities)
{
	char out[8];
	size_t n = svg_escape("ab&&&&", out, sizeof out);
	ck_assert_str_eq(out, "ab&amp;");
	ck_assert_uint_eq(n, 7);
	svg_escape("abc", out, 1);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(x_coordinates_are_monotonic_and_inside_the_plot)
{
	uint32_t t0 = T_DEC22, t1 = T_DEC22 + 54 * HOUR;
	double prev = -1;
	for (uint32_t t = t0 - 100; t <= t1 + 100; t += 37) {
		double x = svg_x(t, t0, t1, 84, 1032);
		ck_assert(x >= prev);
		ck_assert(x >= 84 && x <= 84 + 1032);
		prev = x;
	}
	ck_assert(svg_x(t0, t0, t1, 84, 1032) == 84);
	ck_assert(svg_x(t1, t0, t1, 84, 1032) == 84 + 1032);
	ck_assert(svg_x(t0 + 27 * HOUR, t0, t1, 84, 1032) == 84 + 516);
	ck_assert(svg_x(t0 + 5, t0, t0, 84, 1032) == 84);   /* zero span: no division */
}
END_TEST

static void add(struct svg_series *s, uint32_t ts, uint32_t vis, uint32_t tg)
{
	struct svg_point p = { .ts = ts, .visible = vis, .targets = tg, .vps = vis * 4, .nfull = 16 };
	svg_series_add(s, &p);
}

START_TEST(series_keeps_only_changes)
{
	struct svg_series s;
	svg_series_init(&s);
	add(&s, 100, 4, 4);
	add(&s, 200, 4, 4);                  /* no change */
	ck_assert_uint_eq(s.n, 1);
	add(&s, 300, 0, 4);
	add(&s, 300, 1, 4);                  /* same second: the last state counts */
	ck_assert_uint_eq(s.n, 2);
	ck_assert_uint_eq(s.p[1].visible, 1);
	add(&s, 300, 4, 4);                  /* back as before within the second */
	ck_assert_uint_eq(s.n, 1);
	svg_series_free(&s);
}
END_TEST

START_TEST(spark_buckets_are_time_weighted)
{
	struct svg_series s;
	double b[4];
	svg_series_init(&s);
	add(&s, 0, 4, 4);
	add(&s, 500, 0, 4);                  /* dark for the second half */
	svg_spark_buckets(&s, 0, 1000, b, 2);
	ck_assert(b[0] == 1.0 && b[1] == 0.0);
	svg_spark_buckets(&s, 0, 1000, b, 4);
	ck_assert(b[0] == 1.0 && b[1] == 1.0 && b[2] == 0.0 && b[3] == 0.0);
	add(&s, 600, 2, 4);                  /* half visible from 600 */
	svg_spark_buckets(&s, 0, 1000, b, 2);
	ck_assert(b[0] == 1.0);
	ck_assert_msg(b[1] > 0.399 && b[1] < 0.401, "%f", b[1]);   /* (0*100 + .5*400)/500 */
	svg_series_free(&s);
}
END_TEST

START_TEST(spark_buckets_before_the_data_are_unknown)
{
	struct svg_series s;
	double b[4];
	svg_series_init(&s);
	add(&s, 500, 0, 0);                  /* no target prefix yet */
	add(&s, 750, 3, 3);
	svg_spark_buckets(&s, 0, 1000, b, 4);
	ck_assert(b[0] == -1 && b[1] == -1 && b[2] == -1 && b[3] == 1.0);
	svg_spark_buckets(&s, 1000, 1000, b, 2);   /* one instant: the last state */
	ck_assert(b[0] == 1.0 && b[1] == 1.0);
	svg_series_free(&s);
}
END_TEST

START_TEST(sparkline_levels_keep_dark_distinct)
{
	double b[] = { 0, 0.01, 0.5, 1, -1, 0.93 };
	char out[64];
	size_t n = svg_sparkline(b, 6, out, sizeof out);
	ck_assert_str_eq(out, "\xe2\x96\x81\xe2\x96\x82\xe2\x96\x85\xe2\x96\x88 \xe2\x96\x87");
	ck_assert_uint_eq(n, strlen(out));
	n = svg_sparkline(b, 6, out, 8);     /* only whole characters fit */
	ck_assert_uint_eq(n, 6);
}
END_TEST

/* The chart of a small series (or with lanes, the origins chart), as a string. */
static char *chart_of(const char *collectors, struct svg_series *s, struct bo_window *w, size_t nw,
                      const struct svg_lane *lanes, size_t nlanes)
{
	struct svg_chart c = {
		.targets = "175.45.176.0/22 with more-specifics", .collectors = collectors,
		.rule = "visible = seen by at least half of the full-feed vantage points",
		.t0 = T_DEC22, .t1 = T_DEC22 + 30 * HOUR, .vps = true, .s = s, .w = w, .nw = nw,
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert(f != NULL);
	ck_assert(lanes ? svg_write_lanes(f, &c, lanes, nlanes) : svg_write(f, &c));
	fclose(f);
	return buf;
}

static char *chart(const char *collectors, struct svg_series *s, struct bo_window *w, size_t nw)
{
	return chart_of(collectors, s, w, nw, NULL, 0);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

START_TEST(origin_lanes_mark_the_hijack_pattern_red)
{
	struct svg_lane_point pt[] = { { T_DEC22 + HOUR, 30 }, { T_DEC22 + 3 * HOUR, 0 } };
	struct svg_lane l[2] = {
		{ .label = "208.65.152.0/22 origin 36561", .p = pt, .n = 1 },
		{ .label = "208.65.153.0/24 origin 17557", .mark = "more-specific of 208.65.152.0/22",
		  .hijack = true, .p = pt, .n = 2 },
	};
	char *svg = chart_of("route-views2", NULL, NULL, 0, l, 2);
	ck_assert_uint_eq(count(svg, "<path fill=\"" "#1f5fa8" "\" fill-opacity=\"0.35\""), 1);
	ck_assert_uint_eq(count(svg, "<path fill=\"" "#d62728" "\" fill-opacity=\"0.35\""), 1);
	ck_assert_ptr_nonnull(strstr(svg, "208.65.153.0/24 origin 17557  \xC2\xB7  more-specific of 208.65.152.0/22"));
	free(svg);
}
END_TEST

START_TEST(origin_lanes_past_the_limit_are_counted_not_drawn)
{
	struct svg_lane_point pt = { T_DEC22, 1 };
	struct svg_lane l[SVG_MAX_LANES + 3];
	memset(l, 0, sizeof l);
	for (size_t i = 0; i < SVG_MAX_LANES + 3; i++) {
		snprintf(l[i].label, sizeof l[i].label, "10.0.%zu.0/24 origin 1", i);
		l[i].p = &pt;
		l[i].n = 1;
	}
	char *svg = chart_of("rrc00", NULL, NULL, 0, l, SVG_MAX_LANES + 3);
	ck_assert_uint_eq(count(svg, "fill-opacity=\"0.35\" stroke="), SVG_MAX_LANES);
	ck_assert_ptr_nonnull(strstr(svg, "and 3 more lanes"));
	free(svg);
}
END_TEST

START_TEST(chart_escapes_collector_names)
{
	struct svg_series s;
	svg_series_init(&s);
	add(&s, T_DEC22, 4, 4);
	char *svg = chart("evil<script>&\"", &s, NULL, 0);
	ck_assert(strstr(svg, "evil&lt;script&gt;&amp;&quot;") != NULL);
	ck_assert(strstr(svg, "<script") == NULL);
	ck_assert(strstr(svg, "viewBox=\"0 0 1200 500\"") != NULL);
	free(svg);
	svg_series_free(&s);
}
END_TEST

START_TEST(chart_labels_a_long_window_with_start_end_and_duration)
{
	struct svg_series s;
	svg_series_init(&s);
	add(&s, T_DEC22, 4, 4);
	add(&s, T_DEC22 + 16 * HOUR + 15 * 60, 0, 4);
	add(&s, T_DEC22 + 25 * HOUR + 46 * 60, 4, 4);
	struct bo_window w = { .start = T_DEC22 + 16 * HOUR + 15 * 60, .end = T_DEC22 + 25 * HOUR + 46 * 60 };
	char *svg = chart("route-views2, rrc00", &s, &w, 1);
	ck_assert(strstr(svg, ">9h31m blackout<") != NULL);
	ck_assert(strstr(svg, ">Dec 22 16:15 \xe2\x80\x93<") != NULL);
	ck_assert(strstr(svg, ">Dec 23 01:46 UTC<") != NULL);
	ck_assert(strstr(svg, "1 window of total blackout") != NULL);
	free(svg);
	svg_series_free(&s);
}
END_TEST

START_TEST(chart_step_path_moves_only_forward)
{
	struct svg_series s;
	svg_series_init(&s);
	for (uint32_t i = 0; i < 500; i++)
		add(&s, T_DEC22 + i * 200, i % 5, 4);
	char *svg = chart("x", &s, NULL, 0);
	/* The visible-prefixes line is the path drawn in its colour. */
	char *d = strstr(svg, "stroke=\"#1f5fa8\" stroke-width=\"2.5\" stroke-linejoin=\"round\" d=\"");
	ck_assert(d != NULL);
	d = strchr(d, 'M');
	double prev = strtod(d + 1, NULL);
	int moves = 0;
	for (char *p = d; *p && *p != '"'; p++)
		if (*p == 'H') {
			double x = strtod(p + 1, NULL);
			ck_assert_msg(x >= prev, "%f after %f", x, prev);
			prev = x;
			moves++;
		}
	ck_assert(moves > 100);
	ck_assert(prev == 1116.0);           /* drawn to the end of the plot */
	free(svg);
	svg_series_free(&s);
}
END_TEST

START_TEST(short_window_labels_never_overlap)
{
	struct svg_series s;
	svg_series_init(&s);
	add(&s, T_DEC22, 4, 4);
	struct bo_window w[40];
	memset(w, 0, sizeof w);
	for (int i = 0; i < 40; i++) {       /* a flap every 45 minutes */
		w[i].start = T_DEC22 + (uint32_t)i * 2700;
		w[i].end = w[i].start + 300 + (uint32_t)i;
	}
	char *svg = chart("x", &s, w, 40);
	/* Labels above the plot sit at y="98.0": collect their centres and
	 * half widths (11px text, about 0.6em a character). */
	double xs[40], hw[40];
	int n = 0;
	for (char *p = svg; (p = strstr(p, "\" y=\"98.0\" font-size=\"11\"")) != NULL; p++) {
		char *q = p;
		while (q > svg && strncmp(q, "x=\"", 3) != 0)
			q--;
		xs[n] = strtod(q + 3, NULL);
		char *t = strchr(p, '>') + 1;
		hw[n++] = (double)(strchr(t, '<') - t) * 0.55 * 11 / 2;
	}
	ck_assert(n > 3 && n < 40);          /* some labelled, not all (they'd overlap) */
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			ck_assert_msg(xs[i] - xs[j] >= hw[i] + hw[j] || xs[j] - xs[i] >= hw[i] + hw[j],
			              "%f and %f", xs[i], xs[j]);
	free(svg);
	svg_series_free(&s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("svg");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, tick_step_is_hours_for_a_few_hours);
	tcase_add_test(tc, tick_step_is_six_hours_for_two_days);
	tcase_add_test(tc, tick_step_is_days_for_weeks);
	tcase_add_test(tc, tick_step_never_gives_more_ticks_than_asked);
	tcase_add_test(tc, tick_labels_name_day_and_time_below_a_day);
	tcase_add_test(tc, escape_replaces_markup_characters);
	tcase_add_test(tc, escape_replaces_controls_and_invalid_utf8);
	tcase_add_test(tc, escape_truncates_between_entities);
	tcase_add_test(tc, x_coordinates_are_monotonic_and_inside_the_plot);
	tcase_add_test(tc, series_keeps_only_changes);
	tcase_add_test(tc, spark_buckets_are_time_weighted);
	tcase_add_test(tc, spark_buckets_before_the_data_are_unknown);
	tcase_add_test(tc, sparkline_levels_keep_dark_distinct);
	tcase_add_test(tc, chart_escapes_collector_names);
	tcase_add_test(tc, chart_labels_a_long_window_with_start_end_and_duration);
	tcase_add_test(tc, chart_step_path_moves_only_forward);
	tcase_add_test(tc, short_window_labels_never_overlap);
	tcase_add_test(tc, origin_lanes_mark_the_hijack_pattern_red);
	tcase_add_test(tc, origin_lanes_past_the_limit_are_counted_not_drawn);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
