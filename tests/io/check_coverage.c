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

/* Adds RIB dump "rib.20141223.HHMM" of collector, len seconds long. */
static void rib_at(struct coverage *c, uint32_t collector, unsigned hhmm, uint32_t len)
{
	char path[64];
	snprintf(path, sizeof path, "c/rib.20141223.%04u.bz2", hhmm);
	uint32_t t = D20141223 + hhmm / 100 * 3600 + hhmm % 100 * 60;
	coverage_file(c, collector, path, true, true, t, t + len);
}

/* Adds n complete 15-minute update files of collector from HHMM on. */
static void quarters_at(struct coverage *c, uint32_t collector, unsigned hhmm, unsigned n)
{
	unsigned minute = hhmm / 100 * 60 + hhmm % 100;
	for (unsigned k = 0; k < n; k++, minute += 15)
		update_at(c, collector, minute / 60 * 100 + minute % 60, 890);
}

/* Ends the files: they leave exactly n gaps. */
static void finish_with_gaps(struct coverage *c, size_t n)
{
	coverage_finish(c);
	ck_assert_uint_eq(coverage_ngaps(c), n);
}

/* Gap i runs from from_ts to until_ts for reason. */
static void gap_is(struct coverage *c, size_t i, uint32_t from_ts, uint32_t until_ts,
                   enum cov_reason reason)
{
	const struct cov_gap *g = coverage_gap(c, i);
	ck_assert_uint_eq(g->from_ts, from_ts);
	ck_assert_uint_eq(g->until_ts, until_ts);
	ck_assert_int_eq(g->reason, reason);
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
	rib_at(c, 0, 0, 60);
	quarters_at(c, 0, 0, 12);
	finish_with_gaps(c, 0);
	ck_assert_uint_eq(coverage_collector(c, 0)->cadence, 900);
	ck_assert_uint_eq(coverage_collector(c, 0)->files, 13);
	coverage_free(c);
}
END_TEST

START_TEST(a_missing_update_file_is_a_gap)
{
	struct coverage *c = coverage_new(1);
	rib_at(c, 0, 0, 60);
	quarters_at(c, 0, 0, 6);
	quarters_at(c, 0, 145, 2);                /* 01:30 missing */
	finish_with_gaps(c, 1);
	gap_is(c, 0, D20141223 + 5400, D20141223 + 6300, COV_MISSING_UPDATES);
	coverage_free(c);
}
END_TEST

/* route-views2, Feb 2008: files start at drifting minutes and one in eight
 * covers 16-17 minutes; no gap may be reported. */
START_TEST(drifting_file_names_are_no_gap)
{
	struct coverage *c = coverage_new(1);
	rib_at(c, 0, 0, 60);
	unsigned names[] = { 0, 15, 31, 47, 102, 118, 134, 150, 200, 217, 234, 251, 307, 323 };
	for (size_t i = 0; i + 1 < sizeof names / sizeof names[0]; i++) {
		unsigned a = names[i] / 100 * 60 + names[i] % 100;
		unsigned b = names[i + 1] / 100 * 60 + names[i + 1] % 100;
		update_at(c, 0, names[i], (b - a) * 60 - 5);
	}
	finish_with_gaps(c, 0);
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
	finish_with_gaps(c, 1);
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
	rib_at(c, 0, 0, 0);
	coverage_file(c, 0, "c/all-updates.bz2", false, true, D20141223 + 77, D20141223 + 7200);
	finish_with_gaps(c, 0);
	coverage_free(c);
}
END_TEST

START_TEST(update_files_before_the_first_rib_are_a_gap)
{
	struct coverage *c = coverage_new(1);
	quarters_at(c, 0, 0, 4);
	rib_at(c, 0, 100, 60);
	update_at(c, 0, 100, 890);
	finish_with_gaps(c, 1);
	gap_is(c, 0, D20141223, D20141223 + 3600, COV_BEFORE_FIRST_RIB);
	coverage_free(c);
}
END_TEST

START_TEST(update_only_collector_has_no_gap_and_collectors_are_apart)
{
	struct coverage *c = coverage_new(2);
	quarters_at(c, 0, 0, 4);
	rib_at(c, 1, 0, 60);
	update_at(c, 1, 0, 890);
	quarters_at(c, 1, 100, 2);
	/* collector 1: 00:15 - 01:00 missing (cadence 15 min from 01:00 - 01:15). */
	finish_with_gaps(c, 1);
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
		rib_at(c, k, 0, 60);
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

/* coverage_holes' findings. */
struct holes {
	uint32_t from[8], until[8];
	size_t n;
};

static void take_hole(uint32_t from, uint32_t until, void *arg)
{
	struct holes *h = arg;
	ck_assert_uint_lt(h->n, 8);
	h->from[h->n] = from;
	h->until[h->n++] = until;
}

/* The plan of collector 0: RIB dump at 0:00 and hourly update files
 * 0:00-3:00 named, 1:00 missing (a gap of the names). */
static struct coverage *hourly_plan(void)
{
	struct coverage *c = coverage_new(1);
	coverage_file_ahead(c, 0, "c/rib.20141223.0000.bz2", true, true, D20141223);
	for (unsigned h = 0; h < 4; h++)
		if (h != 1) {
			char path[64];
			snprintf(path, sizeof path, "c/updates.20141223.%02u00.bz2", h);
			coverage_file_ahead(c, 0, path, false, true, D20141223 + h * 3600 + 5);
		}
	coverage_finish(c);
	ck_assert_uint_eq(coverage_ngaps(c), 1);
	gap_is(c, 0, D20141223 + 3600, D20141223 + 7200, COV_MISSING_UPDATES);
	return c;
}

START_TEST(a_stretch_without_records_that_no_file_name_covers_is_a_hole)
{
	struct coverage *c = hourly_plan();
	ck_assert_uint_eq(coverage_silence_min(c, 0), 3600);    /* the cadence */
	struct holes h = { .n = 0 };
	/* 0:10 to 3:20: the names cover 0:00-1:00 and 2:00-4:00, the gap
	 * 1:00-2:00 is the names' already: no hole */
	coverage_holes(c, 0, D20141223 + 600, D20141223 + 12000, 3600, take_hole, &h);
	ck_assert_uint_eq(h.n, 0);
	/* 3:30 to 6:00: past the last name's hour, 4:00-6:00 has no records */
	coverage_holes(c, 0, D20141223 + 12600, D20141223 + 21600, 3600, take_hole, &h);
	ck_assert_uint_eq(h.n, 1);
	ck_assert_uint_eq(h.from[0], D20141223 + 14400);
	ck_assert_uint_eq(h.until[0], D20141223 + 21600);
	/* a part shorter than the least silence is none */
	coverage_holes(c, 0, D20141223 + 12600, D20141223 + 16000, 3600, take_hole, &h);
	ck_assert_uint_eq(h.n, 1);
	coverage_free(c);
}
END_TEST

START_TEST(a_file_without_a_name_time_covers_only_its_records)
{
	/* one RIB dump and one file named by no time: no cadence, no name
	 * covers anything, a silence of COV_SILENCE is a hole */
	struct coverage *c = coverage_new(1);
	coverage_file_ahead(c, 0, "c/rib.20141223.0000.bz2", true, true, D20141223);
	coverage_file_ahead(c, 0, "c/capture.mrt", false, true, D20141223 + 60);
	coverage_finish(c);
	ck_assert_uint_eq(coverage_ngaps(c), 0);
	ck_assert_uint_eq(coverage_silence_min(c, 0), COV_SILENCE);
	struct holes h = { .n = 0 };
	coverage_holes(c, 0, D20141223 + 3601, D20141223 + 7200, COV_SILENCE, take_hole, &h);
	ck_assert_uint_eq(h.n, 1);
	ck_assert_uint_eq(h.from[0], D20141223 + 3601);
	ck_assert_uint_eq(h.until[0], D20141223 + 7200);
	coverage_free(c);
}
END_TEST

START_TEST(the_report_has_the_gaps_of_the_names_and_the_holes_found)
{
	struct coverage *plan = hourly_plan(), *c = coverage_new(1);
	rib_at(c, 0, 0, 0);
	update_at(c, 0, 0, 4000);      /* runs past its hour: no narrowing of the names' gap */
	update_at(c, 0, 200, 600);
	update_at(c, 0, 300, 600);
	coverage_add_gap(c, 0, D20141223 + 14400, D20141223 + 21600, COV_NO_RECORDS);
	coverage_finish_plan(c, plan);
	ck_assert_uint_eq(coverage_ngaps(c), 2);
	gap_is(c, 0, D20141223 + 3600, D20141223 + 7200, COV_MISSING_UPDATES);
	gap_is(c, 1, D20141223 + 14400, D20141223 + 21600, COV_NO_RECORDS);
	ck_assert_uint_eq(coverage_collector(c, 0)->ngaps, 2);
	ck_assert_uint_eq(coverage_collector(c, 0)->gap_seconds, 3600 + 7200);
	coverage_free(plan);
	coverage_free(c);
}
END_TEST

START_TEST(a_gap_to_the_end_of_the_data_ends_at_the_last_record_of_any)
{
	struct coverage *plan = hourly_plan(), *c = coverage_new(2);
	rib_at(c, 0, 0, 0);
	update_at(c, 0, 300, 3000);               /* collector 0's last file: 3:00 */
	update_at(c, 1, 0, 5 * 3600);             /* collector 1 goes on to 5:00 */
	coverage_add_gap(c, 0, D20141223 + 4 * 3600, COV_OPEN, COV_DATA_ENDED);
	coverage_add_gap(c, 1, D20141223 + 9 * 3600, COV_OPEN, COV_DATA_ENDED);   /* past the end: none */
	coverage_finish_plan(c, plan);
	ck_assert_uint_eq(coverage_ngaps(c), 2);
	gap_is(c, 0, D20141223 + 3600, D20141223 + 7200, COV_MISSING_UPDATES);
	gap_is(c, 1, D20141223 + 4 * 3600, D20141223 + 5 * 3600 + 1, COV_DATA_ENDED);
	ck_assert_uint_eq(coverage_collector(c, 0)->gap_seconds, 3600 + 3600 + 1);
	ck_assert_uint_eq(coverage_collector(c, 1)->ngaps, 0);
	coverage_free(plan);
	coverage_free(c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("coverage");
	ADD_TESTS(s, "coverage", NULL, NULL, name_time_is_read_from_the_file_name,
	          complete_fifteen_minute_files_have_no_gap, a_missing_update_file_is_a_gap,
	          drifting_file_names_are_no_gap, a_rib_older_than_the_first_update_file_is_a_gap,
	          one_update_file_minutes_after_the_rib_is_no_gap,
	          update_files_before_the_first_rib_are_a_gap,
	          update_only_collector_has_no_gap_and_collectors_are_apart,
	          a_copy_of_the_gaps_holds_them_all_or_only_the_no_data_stretches,
	          a_stretch_without_records_that_no_file_name_covers_is_a_hole,
	          a_file_without_a_name_time_covers_only_its_records,
	          the_report_has_the_gaps_of_the_names_and_the_holes_found,
	          a_gap_to_the_end_of_the_data_ends_at_the_last_record_of_any);
	return run_suite(s);
}
