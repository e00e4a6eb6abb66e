/*
 * check_coverage_keep.c — unit tests for coverage_keep.c: the coverage a
 * pass leaves is kept and shown in the order of the collectors' names, each
 * gap with its collector's name. Never: reads files; the coverage is fed
 * file facts by hand.
 */
#include <check.h>

#include "check_run.h"
#include "cli/coverage_keep.h"

START_TEST(coverage_is_shown_in_the_order_of_the_names)
{
	char n0[] = "rrc00", n1[] = "route-views2";
	char *names[] = { n0, n1 };
	struct coverage *cov = coverage_new(2);
	ck_assert_ptr_nonnull(cov);
	/* rrc00: hourly files 00:00, 01:00, 03:00 (02:00 missing); route-views2: one RIB dump */
	coverage_file(cov, 0, "rrc00/bview.20141222.0000.gz", true, true, 1419206400, 1419206400);
	coverage_file(cov, 0, "rrc00/updates.20141222.0000.gz", false, true, 1419206400, 1419209999);
	coverage_file(cov, 0, "rrc00/updates.20141222.0100.gz", false, true, 1419210000, 1419213599);
	coverage_file(cov, 0, "rrc00/updates.20141222.0300.gz", false, true, 1419217200, 1419220799);
	coverage_file(cov, 1, "route-views2/rib.20141222.0000.bz2", true, true, 1419206400, 1419206400);
	coverage_finish(cov);
	struct cov_keep k = { 0 };
	ck_assert(cov_keep_take(&k, cov, 2));
	coverage_free(cov);
	struct cov_view v;
	ck_assert(cov_keep_view(&k, names, 2, &v));
	ck_assert_str_eq(k.sorted[0], "route-views2");
	ck_assert_ptr_eq(v.cov[0].name, n1);
	ck_assert_ptr_eq(v.cov[1].name, n0);
	ck_assert_uint_eq(v.cov[1].k.files, 4);
	ck_assert_uint_eq(v.cov[0].k.files, 1);
	ck_assert_uint_eq(v.ngaps, 1);
	ck_assert_ptr_eq(v.gap_names[0], n0);
	ck_assert_uint_eq(v.gaps[0].from_ts, 1419213600);
	cov_keep_free(&k);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("coverage_keep");
	ADD_TESTS(s, "keep", NULL, NULL, coverage_is_shown_in_the_order_of_the_names);
	return run_suite(s);
}
