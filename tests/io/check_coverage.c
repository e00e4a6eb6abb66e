/*
 * check_coverage.c — unit tests for coverage.c.
 * Owns: name times, cadence, the gap rules (missing update files, RIB dump
 * older than the next update file, update files before the first RIB),
 * and no false gaps on drifting file names.
 * Never: reads files.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_run.h"
#include "io/coverage.h"

#define D20141223 1419292800u       /* 2014-12-23 00:00:00 UTC */

/* Adds update file "updates.20141223.HHMM" of collector 0 holding records
 * from its start to len seconds later. */
static void update_at(struct coverage *c, uint32_t collector, unsigned hhmm, uint32_t len)
{
	char path[64];
	snprintf(path, sizeof path, "c/updates.20141223.%04u.bz2", hhmm);
	uint32_t t = D20141223 + hhmm / 100 * 3600 + hhmm % 100 * 60;
	coverage_file(c, collector, path, false, true, t + 3, t + len);
}

START_TEST(name_time_is_read_from_the_file_name)
{
	ck_assert_int_eq(coverage_name_time("/a/updates.20141223.0115.bz2"), (int64_t)D20141223 + 4500);
	ck_assert_int_eq(coverage_name_time("bview.20141223.0000.gz"), (int64_t)D20141223);
	ck_assert_int_eq(coverage_name_time("rib.20141223.2359"), (int64_t)D20141223 + 86340);
	ck_assert_int_eq(coverage_name_time("updates.2014122.0000.bz2"), -1);
	ck_assert_int_eq(coverage_name_time("updates.20141323.0000.bz2"), -1);
	ck_assert_int_eq(coverage_name_time("x.mrt"), -1);
}
END_TEST

START_TEST(complete_fifteen_minute_files_have_no_gap)
{
	struct coverage *c = coverage_new(1);
	coverage_file(c, 0, "c/rib.20141223.0000.bz2", true, true, D20141223, D20141223 + 60);
	for (unsigned h = 0; h < 3; h++)
		for (unsigned m = 0; m < 60; m += 15)
			update_at(c, 0, h * 100 + m, 890);
	coverage_finish(c);
	ck_assert_uint_eq(coverage_ngaps(c), 0);
	ck_assert_uint_eq(coverage_collector(c, 0)->cadence, 900);
	ck_assert_uint_eq(coverage_collector(c, 0)->files, 13);
	coverage_free(c);
}
END_TEST

START_TEST(a_missing_update_file_is_a_gap)
{
	struct coverage *c = coverage_new(1);
	coverage_file(c, 0, "c/rib.20141223.0000.bz2", true, true, D20141223, D20141223 + 60);
	unsigned names[] = { 0, 15, 30, 45, 100, 115, /* 130 missing */ 145, 200 };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		update_at(c, 0, names[i], 890);
	coverage_finish(c);
	ck_assert_uint_eq(coverage_ngaps(c), 1);
	const struct cov_gap *g = coverage_gap(c, 0);
	ck_assert_uint_eq(g->from_ts, D20141223 + 5400);
	ck_assert_uint_eq(g->until_ts, D20141223 + 6300);
	ck_assert_int_eq(g->reason, COV_MISSING_UPDATES);
	coverage_free(c);
}
END_TEST

/* route-views2, Feb 2008: files start at drifting minutes and one in eight
 * covers 16-17 minutes; no gap may be reported. */
START_TEST(drifting_file_names_are_no_gap)
{
	struct coverage *c = coverage_new(1);
	coverage_file(c, 0, "c/rib.20141223.0000.bz2", true, true, D20141223, D20141223 + 60);
	unsigned names[] = { 0, 15, 31, 47, 102, 118, 134, 150, 200, 217, 234, 251, 307, 323 };
	for (size_t i = 0; i + 1 < sizeof names / sizeof names[0]; i++) {
		unsigned a = names[i] / 100 * 60 + names[i] % 100;
		unsigned b = names[i + 1] / 100 * 60 + names[i + 1] % 100;
		update_at(c, 0, names[i], (b - a) * 60 - 5);
	}
	coverage_finish(c);
	ck_assert_uint_eq(coverage_ngaps(c), 0);
	coverage_free(c);
}
END_TEST

START_TEST(a_rib_older_than_the_first_update_file_is_a_gap)
{
	/* 40 hours between the RIB dump and the first update file. */
	struct coverage *c;
	c = coverage_new(2);
	coverage_file(c, 1, "c/rib.20141221.0000.bz2", true, true, D20141223 - 172800,
	              D20141223 - 172800 + 60);
	char path[64];
	for (unsigned k = 0; k < 4; k++) {
		uint32_t t = D20141223 - 172800 + 40 * 3600 + k * 900;
		snprintf(path, sizeof path, "c/updates.20141222.16%02u.bz2", k * 15);
		coverage_file(c, 1, path, false, true, t, t + 890);
	}
	coverage_finish(c);
	ck_assert_uint_eq(coverage_ngaps(c), 1);
	const struct cov_gap *g = coverage_gap(c, 0);
	ck_assert_uint_eq(g->collector, 1);
	ck_assert_uint_eq(g->until_ts - g->from_ts, 40 * 3600);
	ck_assert_int_eq(g->reason, COV_RIB_BEFORE_UPDATES);
	coverage_free(c);
}
END_TEST

START_TEST(one_update_file_minutes_after_the_rib_is_no_gap)
{
	/* all updates in one file (no cadence), its first record 77 s after
	 * the dump: the dump took that long, nothing is missing */
	struct coverage *c = coverage_new(1);
	coverage_file(c, 0, "c/rib.20141223.0000.bz2", true, true, D20141223, D20141223);
	coverage_file(c, 0, "c/all-updates.bz2", false, true, D20141223 + 77, D20141223 + 7200);
	coverage_finish(c);
	ck_assert_uint_eq(coverage_ngaps(c), 0);
	coverage_free(c);
}
END_TEST

START_TEST(update_files_before_the_first_rib_are_a_gap)
{
	struct coverage *c = coverage_new(1);
	for (unsigned m = 0; m < 60; m += 15)
		update_at(c, 0, m, 890);
	coverage_file(c, 0, "c/rib.20141223.0100.bz2", true, true, D20141223 + 3600,
	              D20141223 + 3660);
	update_at(c, 0, 100, 890);
	coverage_finish(c);
	ck_assert_uint_eq(coverage_ngaps(c), 1);
	ck_assert_uint_eq(coverage_gap(c, 0)->from_ts, D20141223);
	ck_assert_uint_eq(coverage_gap(c, 0)->until_ts, D20141223 + 3600);
	ck_assert_int_eq(coverage_gap(c, 0)->reason, COV_BEFORE_FIRST_RIB);
	coverage_free(c);
}
END_TEST

START_TEST(update_only_collector_has_no_gap_and_collectors_are_apart)
{
	struct coverage *c = coverage_new(2);
	for (unsigned m = 0; m < 60; m += 15)
		update_at(c, 0, m, 890);
	coverage_file(c, 1, "c/rib.20141223.0000.bz2", true, true, D20141223, D20141223 + 60);
	update_at(c, 1, 0, 890);
	update_at(c, 1, 100, 890);
	update_at(c, 1, 115, 890);
	coverage_finish(c);
	/* collector 1: 00:15 - 01:00 missing (cadence 15 min from 01:00 - 01:15). */
	ck_assert_uint_eq(coverage_ngaps(c), 1);
	ck_assert_uint_eq(coverage_gap(c, 0)->collector, 1);
	ck_assert_uint_eq(coverage_collector(c, 0)->ngaps, 0);
	ck_assert_uint_eq(coverage_collector(c, 1)->ngaps, 1);
	coverage_free(c);
}
END_TEST

START_TEST(a_copy_of_the_gaps_holds_them_all_or_only_the_no_data_stretches)
{
	struct coverage *c = coverage_new(2);
	for (uint32_t k = 0; k < 2; k++) {
		coverage_file(c, k, "c/rib.20141223.0000.bz2", true, true, D20141223, D20141223 + 60);
		unsigned names[] = { 0, 15, /* 30 missing */ 45, 100, 115, 130 };
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			if (k == 0 || names[i] != 115)       /* collector 1 also misses 1:15 */
				update_at(c, k, names[i], 890);
	}
	coverage_finish(c);
	size_t n = 99;
	struct cov_gap *g = coverage_copy_gaps(c, false, &n);
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(n, 3);
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_eq(g[i].from_ts, coverage_gap(c, i)->from_ts);
	free(g);
	g = coverage_copy_gaps(c, true, &n);
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(n, 1);                     /* 0:30 to 0:45: both missed it */
	ck_assert_uint_eq(g[0].from_ts, D20141223 + 1800);
	ck_assert_uint_eq(g[0].until_ts, D20141223 + 2700);
	free(g);
	coverage_free(c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("coverage");
	TCase *tc = tcase_create("coverage");
	tcase_add_test(tc, name_time_is_read_from_the_file_name);
	tcase_add_test(tc, complete_fifteen_minute_files_have_no_gap);
	tcase_add_test(tc, a_missing_update_file_is_a_gap);
	tcase_add_test(tc, drifting_file_names_are_no_gap);
	tcase_add_test(tc, a_rib_older_than_the_first_update_file_is_a_gap);
	tcase_add_test(tc, one_update_file_minutes_after_the_rib_is_no_gap);
	tcase_add_test(tc, update_files_before_the_first_rib_are_a_gap);
	tcase_add_test(tc, update_only_collector_has_no_gap_and_collectors_are_apart);
	tcase_add_test(tc, a_copy_of_the_gaps_holds_them_all_or_only_the_no_data_stretches);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
