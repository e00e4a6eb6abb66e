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

/* The origins chart has the blackout chart's source line and its tick at
 * the end of the data. */
START_TEST(origin_lanes_have_the_source_line_and_the_end_tick)
{
	struct svg_lane_point pt[] = { { T_DEC22 + HOUR, 30 } };
	struct svg_lane l = { .label = "208.65.152.0/22 origin 36561", .p = pt, .n = 1 };
	struct svg_chart c = {
		.targets = "208.65.152.0/22", .collectors = "route-views2", .rule = "r",
		.t0 = T_DEC22, .t1 = T_DEC22 + 30 * HOUR, .version = "9.9", .command = "mrtreach origins x",
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert(f != NULL);
	ck_assert(svg_write_lanes(f, &c, &l, 1));
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, ">Source: route-views2  \xC2\xB7  mrtreach 9.9  \xC2\xB7  "
	                                  "mrtreach origins x</text>"));
	ck_assert_ptr_nonnull(strstr(buf, "font-weight=\"bold\" fill=\"#222222\">Dec 23 06:00<"));
	ck_assert_ptr_nonnull(strstr(buf, "bold: the end of the data"));
	free(buf);
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
	ck_assert(strstr(svg, "viewBox=\"0 0 1200 ") != NULL);
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
	ck_assert(prev == 1152.0);           /* drawn to the end of the plot (1200 - 48) */
	free(svg);
	svg_series_free(&s);
}
END_TEST

/* svg_write of c, as a string. */
static char *render(const struct svg_chart *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert(f != NULL);
	ck_assert(svg_write(f, c));
	fclose(f);
	return buf;
}

/* A flap every 45 minutes, 5 to 6 minutes long, over 30 hours. */
static char *flapping_chart(struct svg_series *s, struct bo_window *w, size_t n)
{
	svg_series_init(s);
	add(s, T_DEC22, 4, 4);
	memset(w, 0, n * sizeof *w);
	for (size_t i = 0; i < n; i++) {
		w[i].start = T_DEC22 + (uint32_t)i * 2700;
		w[i].end = w[i].start + 300 + (uint32_t)i;
	}
	return chart("x", s, w, n);
}

START_TEST(short_windows_are_all_numbered_in_the_strip_and_listed)
{
	struct svg_series s;
	struct bo_window w[40];
	char *svg = flapping_chart(&s, w, 40);
	/* every number 1..40 in exactly one strip label ("7" or "3-5") */
	char *p = strstr(svg, "<g fill=\"#d62728\">");
	ck_assert_ptr_nonnull(p);
	*strstr(p, "</g>") = '\0';
	ck_assert_uint_eq(count(p, "<rect "), 40);
	p[strlen(p)] = '<';
	int seen[41] = { 0 };
	for (char *q = strstr(svg, "font-size=\"11\" text-anchor=\"middle\" fill=\"#8b1a1a\">"); q;
	     q = strstr(q + 1, "font-size=\"11\" text-anchor=\"middle\" fill=\"#8b1a1a\">")) {
		char *t = strchr(q, '>') + 1, *e;
		long a = strtol(t, &e, 10), b = a;
		if (strncmp(e, "\xe2\x80\x93", 3) == 0)
			b = strtol(e + 3, NULL, 10);
		for (long k = a; k <= b; k++) {
			ck_assert(k >= 1 && k <= 40);
			seen[k]++;
		}
	}
	for (int k = 1; k <= 40; k++)
		ck_assert_msg(seen[k] == 1, "window %d labelled %d times", k, seen[k]);
	ck_assert_ptr_nonnull(strstr(svg, "40 too short to label"));
	/* and each listed in the caption table */
	ck_assert_ptr_nonnull(strstr(svg, ">Windows of total blackout too short to label, as numbered under the time axis:<"));
	/* window 40: starts 39 * 45 min after Dec 22 00:00, lasts 5m39s */
	static const char *const row[] = {
		"font-weight=\"bold\" fill=\"#8b1a1a\">40</text>", ">Dec 23 05:15:00</text>",
		">Dec 23 05:20:39</text>", ">5m39s</text>",
	};
	for (size_t i = 0; i < sizeof row / sizeof row[0]; i++)
		ck_assert_msg(strstr(svg, row[i]) != NULL, "no %s", row[i]);
	free(svg);
	svg_series_free(&s);
}
END_TEST

START_TEST(windows_are_hatched_not_only_tinted)
{
	struct svg_series s;
	struct bo_window w[3];
	char *svg = flapping_chart(&s, w, 3);
	ck_assert_ptr_nonnull(strstr(svg, "<pattern id=\"mrtreach-window\""));
	/* each window in both panels, filled with the pattern */
	ck_assert_uint_eq(count(svg, "fill=\"url(#mrtreach-window)\"><title>"), 3);
	ck_assert_uint_eq(count(svg, "fill=\"url(#mrtreach-window)\"/>"), 3);
	free(svg);
	svg_series_free(&s);
}
END_TEST

START_TEST(vantage_points_get_their_own_lower_panel)
{
	struct svg_series s;
	svg_series_init(&s);
	add(&s, T_DEC22, 4, 4);
	add(&s, T_DEC22 + HOUR, 0, 4);
	char *svg = chart("x", &s, NULL, 0);
	ck_assert_ptr_nonnull(strstr(svg, ">full-feed VPs</text>"));
	/* the vantage point area lies wholly under the main plot's bottom */
	char *d = strstr(svg, "<path fill=\"#e07b1a\" fill-opacity=\"0.3\" stroke=\"none\" d=\"M");
	ck_assert_ptr_nonnull(d);
	char *v = strstr(svg, "stroke-linejoin=\"round\" d=\"M");
	ck_assert_ptr_nonnull(v);
	double main_bottom = 0, vp_top = 1e9;
	for (char *p = strchr(v, 'M'); *p != '"'; p++)
		if (*p == 'V' || *p == 'M') {
			char *e;
			double y = strtod(p + 1, &e);
			if (*p == 'M')
				y = strtod(e, NULL);
			if (y > main_bottom)
				main_bottom = y;
		}
	for (char *p = strchr(d, 'M'); *p != '"'; p++)
		if (*p == 'V') {
			double y = strtod(p + 1, NULL);
			if (y < vp_top)
				vp_top = y;
		}
	ck_assert_msg(vp_top > main_bottom + 10, "vp top %f, main bottom %f", vp_top, main_bottom);
	free(svg);
	svg_series_free(&s);
}
END_TEST

static void held_stub(const struct bo_window *w, char *dst, size_t len, void *arg)
{
	(void)arg;
	snprintf(dst, len, "rrc00 AS%u", w->nheld == 1 ? 20912u : 0u);
}

START_TEST(a_stale_route_is_labelled_with_who_held_it)
{
	struct svg_series s;
	svg_series_init(&s);
	add(&s, T_DEC22, 4, 4);
	struct bo_window w[2] = {
		{ .start = T_DEC22 + 16 * HOUR, .end = T_DEC22 + 25 * HOUR, .nheld = 1 },
		{ .start = T_DEC22 + 2 * HOUR, .end = T_DEC22 + 2 * HOUR + 60, .nheld = 1 },
	};
	struct svg_chart c = {
		.targets = "t", .collectors = "rrc00", .rule = "r", .t0 = T_DEC22, .t1 = T_DEC22 + 30 * HOUR,
		.vps = true, .s = &s, .w = w, .nw = 2, .held = held_stub,
	};
	char *buf = render(&c);
	ck_assert_ptr_nonnull(strstr(buf, ">held by rrc00 AS20912</text>"));       /* in the panel */
	ck_assert_ptr_nonnull(strstr(buf, ">held throughout by</text>"));          /* the table's column */
	ck_assert_ptr_nonnull(strstr(buf, ">rrc00 AS20912</text>"));
	free(buf);
	svg_series_free(&s);
}
END_TEST

START_TEST(an_absent_target_is_said_not_drawn_flat)
{
	struct svg_series s;
	svg_series_init(&s);
	struct svg_point p = { .ts = T_DEC22, .nfull = 16 };
	svg_series_add(&s, &p);
	char *svg = chart("x", &s, NULL, 0);
	ck_assert_ptr_nonnull(strstr(svg, "175.45.176.0/22 with more-specifics: absent from the data"));
	ck_assert_ptr_null(strstr(svg, "no window of total blackout"));
	ck_assert_ptr_null(strstr(svg, "stroke-linejoin=\"round\""));       /* no flat line */
	/* and no legend of what is not drawn (line, windows, gaps) */
	ck_assert_ptr_null(strstr(svg, "fill=\"#222222\">visible target prefixes</text>"));
	ck_assert_ptr_null(strstr(svg, "url(#mrtreach-window)\" stroke"));
	free(svg);
	svg_series_free(&s);
}
END_TEST

START_TEST(the_end_of_the_data_has_a_tick_and_its_time)
{
	struct svg_series s;
	struct bo_window none;
	char *svg = flapping_chart(&s, &none, 0);
	/* the data ends Dec 23 06:00, on a round tick: labelled once, bold */
	ck_assert_uint_eq(count(svg, ">Dec 23 06:00</text>"), 1);
	ck_assert_ptr_nonnull(strstr(svg, "font-weight=\"bold\" fill=\"#222222\">Dec 23 06:00<"));
	free(svg);
	svg_series_free(&s);
}
END_TEST

START_TEST(size_and_font_scale_shape_the_canvas)
{
	struct svg_series s;
	svg_series_init(&s);
	add(&s, T_DEC22, 4, 4);
	struct svg_chart c = {
		.targets = "t", .collectors = "rrc00", .rule = "r", .t0 = T_DEC22, .t1 = T_DEC22 + 30 * HOUR,
		.vps = true, .s = &s, .width = 800, .height = 900, .font_scale = 1.5,
	};
	char *buf = render(&c);
	ck_assert_ptr_nonnull(strstr(buf, "viewBox=\"0 0 800 900\""));
	ck_assert_ptr_nonnull(strstr(buf, "font-size=\"30\" font-weight=\"bold\""));     /* the title, 20 x 1.5 */
	free(buf);
	svg_series_free(&s);
}
END_TEST

START_TEST(a_long_target_list_is_wrapped_not_cut)
{
	char targets[600] = "";
	for (int i = 0; i < 30; i++) {
		char one[24];
		snprintf(one, sizeof one, "%s10.%d.0.0/16", i ? ", " : "", i);
		strcat(targets, one);
	}
	struct svg_series s;
	svg_series_init(&s);
	add(&s, T_DEC22, 4, 4);
	struct svg_chart c = {
		.targets = targets, .collectors = "rrc00", .rule = "r", .t0 = T_DEC22,
		.t1 = T_DEC22 + HOUR, .s = &s,
	};
	char *buf = render(&c);
	ck_assert_uint_ge(count(buf, "font-size=\"20\" font-weight=\"bold\""), 2);
	ck_assert_ptr_nonnull(strstr(buf, "10.29.0.0/16</text>"));
	ck_assert_ptr_null(strstr(buf, "..."));
	free(buf);
	svg_series_free(&s);
}
END_TEST

START_TEST(missing_data_is_cross_hatched_once_per_span)
{
	struct svg_series s;
	svg_series_init(&s);
	add(&s, T_DEC22, 4, 4);
	struct svg_gap g[3] = {
		{ T_DEC22 + 25 * HOUR, T_DEC22 + 26 * HOUR, "route-views2", "update files missing" },
		{ T_DEC22 + 25 * HOUR, T_DEC22 + 26 * HOUR, "rrc00", "update files missing" },
		{ T_DEC22 + 2 * HOUR, T_DEC22 + 12 * HOUR, "rrc00", "update files missing" },
	};
	struct svg_chart c = {
		.targets = "t", .collectors = "rrc00", .rule = "r", .t0 = T_DEC22, .t1 = T_DEC22 + 30 * HOUR,
		.vps = true, .s = &s, .gaps = g, .ngaps = 3,
	};
	char *buf = render(&c);
	ck_assert_ptr_nonnull(strstr(buf, "<pattern id=\"mrtreach-gap\""));
	ck_assert_uint_eq(count(buf, "fill=\"url(#mrtreach-gap)\"><title>"), 2);
	ck_assert_ptr_nonnull(strstr(buf, "<title>missing data: route-views2, rrc00, Dec 23 01:00 to Dec 23 02:00 UTC "
	                                  "(update files missing)</title>"));
	ck_assert_ptr_nonnull(strstr(buf, ">no data: route-views2, rrc00</text>"));   /* above the plot */
	ck_assert_ptr_nonnull(strstr(buf, ">no data: rrc00</text>"));                 /* inside its band */
	ck_assert_ptr_nonnull(strstr(buf, ">missing data (a collector&apos;s files absent)</text>"));
	free(buf);
	svg_series_free(&s);
}
END_TEST

START_TEST(wrap_breaks_at_spaces_within_the_width)
{
	size_t at[8];
	const char *s = "Visibility of 10.0.0.0/8, 11.0.0.0/8, 12.0.0.0/8";
	size_t n = svg_wrap(s, 24, at, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(at[0], 0);
	ck_assert_str_eq(s + at[1], "10.0.0.0/8, 11.0.0.0/8, 12.0.0.0/8");
	ck_assert_str_eq(s + at[2], "12.0.0.0/8");
	ck_assert_uint_eq(svg_wrap("short", 20, at, 8), 1);
	/* a word longer than a line is cut between characters; the last line
	 * of max_lines takes the rest */
	ck_assert_uint_eq(svg_wrap("aaaaaaaaaaaaaaaaaaaaaaaaa", 10, at, 2), 2);
	ck_assert_uint_eq(at[1], 10);
}
END_TEST

START_TEST(strip_labels_cover_every_bar_once_without_overlap)
{
	double bx[200];
	struct svg_strip_label g[200];
	for (size_t n = 1; n <= 200; n = n * 2 + 3) {
		for (size_t i = 0; i < n; i++)
			bx[i] = 100 + (double)i * (i % 3 ? 1.5 : 30);
		size_t ng = svg_strip_layout(bx, n, 84, 1196, 6.4, g);
		ck_assert(ng >= 1 && ng <= n);
		size_t next = 0;
		for (size_t k = 0; k < ng; k++) {
			ck_assert_uint_eq(g[k].first, next);         /* in order, none skipped */
			ck_assert(g[k].last >= g[k].first);
			next = g[k].last + 1;
			if (k > 0)
				ck_assert_msg(g[k].x > g[k - 1].x + 6.4 * 2, "n %zu: %f after %f", n, g[k].x, g[k - 1].x);
		}
		ck_assert_uint_eq(next, n);
	}
	/* far apart: one label each, at its bar */
	double far[3] = { 100, 400, 700 };
	ck_assert_uint_eq(svg_strip_layout(far, 3, 84, 1196, 6.4, g), 3);
	ck_assert(g[1].x == 400);
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
	tcase_add_test(tc, short_windows_are_all_numbered_in_the_strip_and_listed);
	tcase_add_test(tc, windows_are_hatched_not_only_tinted);
	tcase_add_test(tc, vantage_points_get_their_own_lower_panel);
	tcase_add_test(tc, a_stale_route_is_labelled_with_who_held_it);
	tcase_add_test(tc, an_absent_target_is_said_not_drawn_flat);
	tcase_add_test(tc, origin_lanes_have_the_source_line_and_the_end_tick);
	tcase_add_test(tc, the_end_of_the_data_has_a_tick_and_its_time);
	tcase_add_test(tc, size_and_font_scale_shape_the_canvas);
	tcase_add_test(tc, a_long_target_list_is_wrapped_not_cut);
	tcase_add_test(tc, missing_data_is_cross_hatched_once_per_span);
	tcase_add_test(tc, wrap_breaks_at_spaces_within_the_width);
	tcase_add_test(tc, strip_labels_cover_every_bar_once_without_overlap);
	tcase_add_test(tc, origin_lanes_mark_the_hijack_pattern_red);
	tcase_add_test(tc, origin_lanes_past_the_limit_are_counted_not_drawn);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
