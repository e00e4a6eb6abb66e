/*
 * check_fmt_coverage.c — unit tests for fmt_coverage.c: each collector's
 * coverage and its gaps as stats and peers show them (text lines with a
 * lead, TSV keys, a JSON array). Never: computes coverage; the view is
 * built by hand.
 */
#include <check.h>
#include <string.h>

#include "check_run.h"
#include "outbuf_testutil.h"
#include "report/fmt_coverage.h"

static struct outbuf O;
static const char *const NAMES[] = { "rrc00" };
/* rrc00: 2014-12-22 00:00:00 to 02:00:00, 3 files, one RIB dump, one gap 01:00-02:00 */
static const struct report_cov COV[] = {
	{ "rrc00", { .first_ts = 1419206400, .last_ts = 1419213600, .files = 3, .ribs = 1,
	             .ngaps = 1, .gap_seconds = 3600, .any = true } },
};
static const struct cov_gap GAPS[] = { { 0, 1419210000, 1419213600, COV_MISSING_UPDATES } };
static const struct cov_view VIEW = { COV, 1, GAPS, NAMES, 1 };

static void setup(void) { out_init(&O, -1); }
static void teardown(void) { }

START_TEST(text_lines_take_the_lead_of_a_table_comment)
{
	cov_text(&O, &VIEW, "# ");
	ck_assert_str_eq(out_taken(&O),
	    "# coverage               rrc00: 2014-12-22 00:00:00 UTC to 2014-12-22 02:00:00 UTC, "
	    "3 files (1 RIB dump), 1 gap (1h)\n"
	    "#   gap  rrc00 2014-12-22 01:00:00 UTC to 2014-12-22 02:00:00 UTC (1h): update files missing\n");
}
END_TEST

START_TEST(json_array_lists_each_collectors_gaps)
{
	cov_json_array(&O, &VIEW);
	ck_assert_str_eq(out_taken(&O),
	    "[{\"collector\":\"rrc00\",\"first_ts\":1419206400,\"last_ts\":1419213600,\"files\":3,"
	    "\"rib_files\":1,\"gap_seconds\":3600,\"gaps\":[{\"from_ts\":1419210000,"
	    "\"until_ts\":1419213600,\"reason\":\"update files missing\"}]}]");
}
END_TEST

START_TEST(no_coverage_is_an_empty_array_and_no_line)
{
	const struct cov_view none = { 0 };
	cov_json_array(&O, &none);
	cov_text(&O, &none, "");
	ck_assert_str_eq(out_taken(&O), "[]");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fmt_coverage");
	ADD_TESTS(s, "coverage", setup, teardown, text_lines_take_the_lead_of_a_table_comment,
	          json_array_lists_each_collectors_gaps, no_coverage_is_an_empty_array_and_no_line);
	return run_suite(s);
}
