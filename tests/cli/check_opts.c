/*
 * check_opts.c — unit tests for opts.c.
 * Owns: the rules for time, duration, ASN and fraction values and their text.
 * Never: depends on the machine's TZ or locale (it sets TZ to prove that).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_run.h"
#include "cli/opts.h"
#include "report/timefmt.h"

/* name(s): what parse makes of the text s, which it must accept. */
#define ACCEPTING(name, type, parse, init) \
	static type name(const char *s) \
	{ \
		type v = init; \
		ck_assert_msg(parse(s, &v), "rejected \"%s\"", s); \
		return v; \
	}

ACCEPTING(T, int64_t, opt_parse_time, -12345)

/* Each text parses (by parse: T, D or A) to its value. */
struct sv {
	const char *s;
	int64_t v;
};

static void each_is(int64_t (*parse)(const char *), const struct sv *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(parse(t[i].s) == t[i].v, "\"%s\" is %lld, not %lld", t[i].s,
		              (long long)parse(t[i].s), (long long)t[i].v);
}

#define EACH_IS(parse, ...) \
	each_is(parse, (const struct sv[]){ __VA_ARGS__ }, \
	        sizeof((const struct sv[]){ __VA_ARGS__ }) / sizeof(struct sv))

/* parse (opt_parse_*, value of type) accepts none of the texts of list. */
#define REJECTS_ALL(parse, type, list) do { \
	type v_; \
	for (size_t i_ = 0; i_ < sizeof list / sizeof list[0]; i_++) \
		ck_assert_msg(!parse(list[i_], &v_), "accepted \"%s\"", list[i_]); \
} while (0)

START_TEST(community_forms)
{
	uint32_t v[3];
	bool large;

	ck_assert(opt_parse_community("65000:100", v, &large) && !large && v[0] == (65000u << 16 | 100));
	ck_assert(opt_parse_community("no-export", v, &large) && !large && v[0] == 0xFFFFFF01);
	ck_assert(opt_parse_community("local-AS", v, &large) && !large && v[0] == 0xFFFFFF03);
	ck_assert(opt_parse_community("4200000000:1:2", v, &large) && large &&
	          v[0] == 4200000000u && v[1] == 1 && v[2] == 2);
	ck_assert(!opt_parse_community("65536:1", v, &large));
	ck_assert(!opt_parse_community("1:2:3:4", v, &large));
	ck_assert(!opt_parse_community("1", v, &large));
	ck_assert(!opt_parse_community("1:", v, &large));
	ck_assert(!opt_parse_community(":1", v, &large));
	ck_assert(!opt_parse_community("4294967296:1:1", v, &large));
	ck_assert(!opt_parse_community("", v, &large));
}
END_TEST

START_TEST(time_iso_forms_are_utc)
{
	/* 2014-12-22 16:15:00 UTC, the start of the North Korea outage. */
	EACH_IS(T,
	        { "2014-12-22T16:15:00Z", 1419264900 }, { "2014-12-22T16:15Z", 1419264900 },
	        { "2014-12-22 16:15:00", 1419264900 }, { "2014-12-22 16:15", 1419264900 },
	        { "2014-12-22T16:15:00", 1419264900 }, { "2014-12-22 16:15:00 UTC", 1419264900 },
	        { "2014-12-22", 1419206400 }, { "1970-01-01", 0 }, { "1970-01-01T00:00:00Z", 0 },
	        { "2106-02-07T06:28:15Z", 4294967295 }, { "1969-12-31T23:59:59Z", -1 },
	        { "2000-02-29", 951782400 });
}
END_TEST

START_TEST(time_epoch_seconds)
{
	EACH_IS(T,
	        { "1419264900", 1419264900 }, { "0", 0 }, { "4294967296", 4294967296 });
}
END_TEST

START_TEST(time_offsets_are_applied)
{
	EACH_IS(T,
	        { "2014-12-22T16:15:00+00:00", 1419264900 },
	        { "2014-12-22T16:15:00-00:00", 1419264900 },
	        { "2014-12-22T17:15:00+01:00", 1419264900 },
	        { "2014-12-22T17:15:00+0100", 1419264900 },
	        { "2014-12-22T17:15:00+01", 1419264900 },
	        { "2014-12-22T11:45:00-04:30", 1419264900 },
	        { "2014-12-23T01:15:00+09:00", 1419264900 });
}
END_TEST

START_TEST(time_rejects_garbage_and_out_of_range)
{
	static const char *bad[] = {
		"", "now", "2014-12", "2014-12-22T", "2014-12-22T16",
		"2014-12-22T16:15:00ZZ", "2014-13-01", "2014-00-10", "2014-12-32",
		"2014-02-29", "1900-02-29", "2014-04-31", "2014-12-22T24:00:00Z",
		"2014-12-22T16:60:00Z", "2014-12-22T16:15:60Z", "2014-12-22Z",
		"2014-12-22T16:15:00+24:00", "2014-12-22T16:15:00+01:60",
		"2014-12-22T16:15:00+1", "2014-12-22T16:15:00+01:", "2014-12-22T16:15:00 CET",
		"14-12-22", "2014-1-22", "2014-12-22T6:15", "2014-12-22T16:15:0",
		"-1419264900", "+1419264900", "1419264900s", " 1419264900",
		"99999999999999999999", "2014/12/22", "2014-12-22t16:15:00z",
		"2014-12-22T16:15:00.5Z", "2014-12-22  16:15",
	};
	REJECTS_ALL(opt_parse_time, int64_t, bad);
}
END_TEST

START_TEST(time_ignores_tz_environment)
{
	setenv("TZ", "America/New_York", 1);
	tzset();
	ck_assert_int_eq(T("2014-12-22T16:15:00Z"), 1419264900);
	setenv("TZ", "Asia/Pyongyang", 1);
	tzset();
	ck_assert_int_eq(T("2014-12-22 16:15"), 1419264900);
	char s[32];
	fmt_time_human(1419264900, s);
	ck_assert_str_eq(s, "2014-12-22 16:15:00 UTC");
	unsetenv("TZ");
	tzset();
}
END_TEST

START_TEST(time_calendar_matches_timegm_every_day)
{
	/* Every day from 1900 to 2200, against the C library. The loop checks
	 * with plain comparisons and asserts once per day only on a mismatch:
	 * each ck_assert tells the forked test's parent where it is, and
	 * 440,000 of those ran past Check's timeout under ASan on a busy machine. */
	char s[32];
	for (int64_t d = -25567; d < 84000; d++) {
		time_t t = (time_t)(d * 86400 + 45296);   /* 12:34:56 */
		struct tm tm;
		char want[80];
		int64_t back = 0;

		if (!gmtime_r(&t, &tm))
			ck_abort_msg("gmtime_r failed for day %lld", (long long)d);
		snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02dZ",
		         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		         tm.tm_hour, tm.tm_min, tm.tm_sec);
		fmt_time_iso((int64_t)t, s);
		if (strcmp(s, want) != 0 || !opt_parse_time(s, &back) || back != (int64_t)t)
			ck_abort_msg("day %lld: formatted %s, want %s, parsed back %lld",
			             (long long)d, s, want, (long long)back);
	}
}
END_TEST

START_TEST(time_format_iso_and_human)
{
	char s[32];

	fmt_time_iso(1419264907, s);
	ck_assert_str_eq(s, "2014-12-22T16:15:07Z");
	fmt_time_human(1419264907, s);
	ck_assert_str_eq(s, "2014-12-22 16:15:07 UTC");
	fmt_time_iso(0, s);
	ck_assert_str_eq(s, "1970-01-01T00:00:00Z");
	fmt_time_iso(4294967295, s);
	ck_assert_str_eq(s, "2106-02-07T06:28:15Z");
	fmt_time_iso(-1, s);
	ck_assert_str_eq(s, "1969-12-31T23:59:59Z");
	/* Human form reads back. */
	int64_t t;
	fmt_time_human(1419300360, s);
	ck_assert(opt_parse_time(s, &t));
	ck_assert_int_eq(t, 1419300360);
}
END_TEST

ACCEPTING(D, int64_t, opt_parse_duration, -12345)

START_TEST(duration_units_and_bare_seconds)
{
	EACH_IS(D,
	        { "9h31m", 34260 }, { "30s", 30 }, { "5m", 300 }, { "2h", 7200 },
	        { "1d", 86400 }, { "1d2h", 93600 }, { "1d2h3m4s", 93784 }, { "90", 90 },
	        { "90m", 5400 }, { "0", 0 }, { "0s", 0 }, { "1h1s", 3601 });
}
END_TEST

START_TEST(duration_rejects_malformed)
{
	static const char *bad[] = {
		"", "h", "1x", "1h1h", "1m1h", "1s1d", "1h30", "-5m", "+5m", "5 m",
		"5M", "1.5h", "9h31m ", "99999999999999999999", "106751991167301d",
		"1d2", "m5",
	};
	REJECTS_ALL(opt_parse_duration, int64_t, bad);
}
END_TEST

START_TEST(duration_format_nonzero_parts_and_round_trip)
{
	static const struct { int64_t v; const char *s; } cases[] = {
		{ 0, "0s" }, { 45, "45s" }, { 34260, "9h31m" }, { 93784, "1d2h3m4s" },
		{ 3601, "1h1s" }, { 86400, "1d" }, { 172800 + 10800, "2d3h" },
		{ 60, "1m" }, { -300, "-5m" }, { 1800, "30m" },
	};
	char s[32];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fmt_duration(cases[i].v, s);
		ck_assert_str_eq(s, cases[i].s);
	}
	for (int64_t v = 0; v < 200000; v += 7) {
		int64_t back;
		fmt_duration(v, s);
		ck_assert(opt_parse_duration(s, &back));
		ck_assert_int_eq(back, v);
	}
	fmt_duration(INT64_MIN, s);      /* no overflow on the extreme */
	ck_assert_int_eq(s[0], '-');
}
END_TEST

ACCEPTING(A, uint32_t, opt_parse_asn, 12345)

static int64_t A64(const char *s)
{
	return A(s);
}

START_TEST(asn_plain_prefixed_and_asdot)
{
	EACH_IS(A64,
	        { "131279", 131279 }, { "AS131279", 131279 }, { "as131279", 131279 },
	        { "As4837", 4837 }, { "2.1234", 2 * 65536 + 1234 },
	        { "AS2.1234", 2 * 65536 + 1234 }, { "0.65535", 65535 },
	        { "65535.65535", 4294967295u }, { "4294967295", 4294967295u }, { "0", 0 });
}
END_TEST

START_TEST(asn_rejects_malformed_and_too_big)
{
	static const char *bad[] = {
		"", "AS", "4294967296", "99999999999", "65536.0", "1.65536", "1.",
		".1", "1.2.3", "-1", "+1", "AS 1", "ASN1", "1 ", "0x10", "S1",
	};
	REJECTS_ALL(opt_parse_asn, uint32_t, bad);
}
END_TEST

ACCEPTING(F, double, opt_parse_fraction, -1)

START_TEST(fraction_decimal_and_percent)
{
	static const struct { const char *s; double v; } cases[] = {
		{ "0.5", 0.5 }, { ".5", 0.5 }, { "50%", 0.5 }, { "1", 1.0 }, { "1.0", 1.0 },
		{ "100%", 1.0 }, { "0", 0.0 }, { "0%", 0.0 }, { "0.1", 0.1 }, { "33.3%", 0.333 },
		{ "12.5%", 0.125 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(F(cases[i].s) == cases[i].v, "%s", cases[i].s);
}
END_TEST

START_TEST(fraction_rejects_out_of_range_and_garbage)
{
	static const char *bad[] = {
		"", ".", "%", "1.5", "-0.1", "101%", "1.0000001", "nan", "inf",
		"1e-1", "0,5", " 0.5", "0.5 ", "50%%", "+0.5", "0x1",
		"0.1234567890123456",
	};
	REJECTS_ALL(opt_parse_fraction, double, bad);
}
END_TEST

START_TEST(time_end_date_alone_is_the_last_second_of_the_day)
{
	int64_t t;
	ck_assert(opt_parse_time_end("2014-12-22", &t));
	ck_assert_int_eq(t, 1419206400 + 86399);
	ck_assert(opt_parse_time_end("2014-12-22T16:15:00Z", &t));
	ck_assert_int_eq(t, 1419264900);          /* a time of day is kept as given */
	ck_assert(opt_parse_time_end("1419264900", &t));
	ck_assert_int_eq(t, 1419264900);
	ck_assert(!opt_parse_time_end("2014-12-32", &t));
}
END_TEST

/* The reason opt_parse_prefix gives for s. */
static const char *prefix_why(const char *s)
{
	static char why[OPT_WHY];
	struct prefix p;
	ck_assert_msg(!opt_parse_prefix(s, &p, why), "accepted \"%s\"", s);
	return why;
}

START_TEST(prefix_errors_say_what_is_wrong)
{
	ck_assert_str_eq(prefix_why("10.0.0.0/33"), "prefix length 33 is more than 32 (IPv4)");
	ck_assert_str_eq(prefix_why("2001:db8::/129"), "prefix length 129 is more than 128 (IPv6)");
	ck_assert_str_eq(prefix_why("1.2.3"), "an IPv4 address has four numbers (10.0.0.0), this has 3");
	ck_assert_str_eq(prefix_why("1.2.3.4.5/8"), "an IPv4 address has four numbers (10.0.0.0), this has 5");
	ck_assert_str_eq(prefix_why("300.1.1.1/24"), "300 is not a number from 0 to 255");
	ck_assert_str_eq(prefix_why("10.0.0.1/8"), "host bits are set after /8 (did you mean 10.0.0.0/8?)");
	ck_assert_str_eq(prefix_why("10.0.0.0/x"), "the prefix length after '/' is not a number");
	ck_assert_str_eq(prefix_why("10.0.0.0/"), "the prefix length after '/' is not a number");
	ck_assert_str_eq(prefix_why("10.0.0.0/08"), "write the prefix length without leading zeros");
	ck_assert_str_eq(prefix_why("/8"), "no address before the '/'");
	ck_assert_str_eq(prefix_why("example.com"), "not a prefix like 10.0.0.0/8 or 2001:db8::/32");
	ck_assert_str_eq(prefix_why("2001:db8::g/32"),
	                 "not an IPv4 or IPv6 address before the '/' (10.0.0.0/8, 2001:db8::/32)");
	struct prefix p;
	ck_assert(opt_parse_prefix("175.45.176.0/22", &p, NULL) && p.len == 22);
	ck_assert(opt_parse_prefix("10.1.2.3", &p, NULL) && p.len == 32);
}
END_TEST

START_TEST(rule_one_is_a_count_one_point_oh_is_all)
{
	struct vis_rule r;
	ck_assert(opt_parse_rule("1", &r) && r.kind == VIS_COUNT && r.count == 1);
	ck_assert(opt_parse_rule("1.0", &r) && r.kind == VIS_FRACTION && r.fraction == 1.0);
	ck_assert(opt_parse_rule("100%", &r) && r.kind == VIS_FRACTION && r.fraction == 1.0);
	ck_assert(opt_parse_rule("0.25", &r) && r.kind == VIS_FRACTION && r.fraction == 0.25);
	ck_assert(opt_parse_rule("3", &r) && r.kind == VIS_COUNT && r.count == 3);
	ck_assert(opt_parse_rule("majority", &r) && r.kind == VIS_FRACTION && r.fraction == 0.5);
	ck_assert(opt_parse_rule("any", &r) && r.kind == VIS_ANY);
	static const char *bad[] = { "0", "0%", "half", "1.5", "", "1234567", "-1", "03" };
	REJECTS_ALL(opt_parse_rule, struct vis_rule, bad);
	char name[32];
	opt_rule_name(&(struct vis_rule){ .kind = VIS_FRACTION, .fraction = 0.5 }, name, sizeof name);
	ck_assert_str_eq(name, "majority");
	opt_rule_name(&(struct vis_rule){ .kind = VIS_COUNT, .count = 3 }, name, sizeof name);
	ck_assert_str_eq(name, "3");
}
END_TEST

/* Random short strings over the characters the parsers care about: no
 * crash, no read past the NUL (run under ASan by make check-asan), and
 * whatever is accepted is in range. */
START_TEST(parsers_survive_random_text)
{
	static const char alphabet[] = "0123456789-:T Z+.%ASasdhmUTC/x";
	uint64_t st = 88172645463325252ull;
	char buf[24];

	for (int iter = 0; iter < 300000; iter++) {
		size_t n;
		st ^= st << 13; st ^= st >> 7; st ^= st << 17;
		n = st % sizeof buf;
		for (size_t i = 0; i < n; i++) {
			st ^= st << 13; st ^= st >> 7; st ^= st << 17;
			buf[i] = alphabet[st % (sizeof alphabet - 1)];
		}
		buf[n] = '\0';
		int64_t t, d;
		uint32_t asn;
		double f;
		(void)opt_parse_time(buf, &t);
		if (opt_parse_duration(buf, &d))
			ck_assert_int_ge(d, 0);
		(void)opt_parse_asn(buf, &asn);
		if (opt_parse_fraction(buf, &f))
			ck_assert(f >= 0.0 && f <= 1.0);
	}
}
END_TEST

static Suite *opts_suite(void)
{
	Suite *s = suite_create("opts");
	ADD_TESTS(s, "opts", NULL, NULL, time_iso_forms_are_utc, time_epoch_seconds,
	          time_offsets_are_applied, time_rejects_garbage_and_out_of_range,
	          time_ignores_tz_environment, time_calendar_matches_timegm_every_day,
	          time_format_iso_and_human, duration_units_and_bare_seconds,
	          duration_rejects_malformed, duration_format_nonzero_parts_and_round_trip,
	          asn_plain_prefixed_and_asdot, asn_rejects_malformed_and_too_big,
	          fraction_decimal_and_percent, fraction_rejects_out_of_range_and_garbage,
	          time_end_date_alone_is_the_last_second_of_the_day,
	          prefix_errors_say_what_is_wrong, rule_one_is_a_count_one_point_oh_is_all,
	          parsers_survive_random_text, community_forms);
	return s;
}

int main(void)
{
	return run_suite(opts_suite());
}
