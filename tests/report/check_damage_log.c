/*
 * check_damage_log.c — unit tests for damage_log.c: which damage events
 * become lines, the per-file summary, and what is counted.
 * Never: reads files; events are made by hand, lines captured through
 * diag_set_sink.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "check_run.h"
#include "report/damage_log.h"
#include "report/diag.h"

static char lines[32][512];
static int nlines, nbefore;

static void sink(const char *line, void *arg)
{
	(void)arg;
	if (nlines < 32)
		snprintf(lines[nlines], sizeof lines[0], "%s", line);
	nlines++;
}

static void before(void *arg)
{
	(void)arg;
	nbefore++;
}

static struct damage_log *L;

static void setup(void)
{
	nlines = nbefore = 0;
	diag_set_sink(sink, NULL);
	L = damage_log_new(3, before, NULL);
	ck_assert_ptr_nonnull(L);
}

static void teardown(void)
{
	damage_log_free(L);
	diag_set_sink(NULL, NULL);
}

static bool ev(enum damage_kind kind, const char *path, uint32_t src, uint64_t off, const char *why)
{
	struct damage d = { kind, path, src, off, why };
	return damage_log_event(L, &d);
}

START_TEST(the_first_three_of_a_kind_are_written_then_one_summary_at_the_file_end)
{
	for (int i = 0; i < 10; i++)
		ck_assert(ev(DAMAGE_BYTES, "a.mrt", 0, (uint64_t)i * 100, "RIB record before any PEER_INDEX_TABLE") == (i < 3));
	ck_assert_int_eq(nlines, 3);
	ck_assert_str_eq(lines[0], "mrtreach: a.mrt: byte 0: RIB record before any PEER_INDEX_TABLE");
	ck_assert_str_eq(lines[2], "mrtreach: a.mrt: byte 200: RIB record before any PEER_INDEX_TABLE");
	ck_assert(damage_log_source_end(L, 0));
	ck_assert_int_eq(nlines, 4);
	ck_assert_str_eq(lines[3], "mrtreach: a.mrt: ... and 7 more like this (RIB record before any PEER_INDEX_TABLE)");
	ck_assert_uint_eq(damage_log_total(L), 10);
}
END_TEST

START_TEST(reasons_that_differ_only_in_their_numbers_are_one_kind)
{
	char why[64];
	for (int i = 0; i < 5; i++) {
		snprintf(why, sizeof why, "skipped %d bytes of garbage", 10 + i * 7);
		ev(DAMAGE_BYTES, "a.mrt", 0, (uint64_t)i * 1000, why);
	}
	ev(DAMAGE_BYTES, "a.mrt", 0, 9999, "skipped 3 bytes of garbage at end of file");
	ck_assert_int_eq(nlines, 4);     /* three of the first kind, one of the other */
	damage_log_source_end(L, 0);
	ck_assert_int_eq(nlines, 5);
	ck_assert_str_eq(lines[4], "mrtreach: a.mrt: ... and 2 more like this (skipped 10 bytes of garbage)");
}
END_TEST

START_TEST(each_file_is_summarised_apart_and_forgotten_at_its_end)
{
	for (int i = 0; i < 4; i++) {
		ev(DAMAGE_BYTES, "a.mrt", 0, (uint64_t)i, "cut");
		ev(DAMAGE_BYTES, "b.mrt", 1, (uint64_t)i, "cut");
	}
	ck_assert_int_eq(nlines, 6);
	ck_assert(damage_log_source_end(L, 1));
	ck_assert_str_eq(lines[6], "mrtreach: b.mrt: ... and 1 more like this (cut)");
	ck_assert(damage_log_source_end(L, 0));
	ck_assert_str_eq(lines[7], "mrtreach: a.mrt: ... and 1 more like this (cut)");
	/* A source that ended says nothing more, and is not damaged any more. */
	ck_assert(!damage_log_source_end(L, 0));
	ck_assert_int_eq(nlines, 8);
	ck_assert(!damage_log_source_end(L, 2));
}
END_TEST

START_TEST(a_note_is_written_but_is_not_damage)
{
	ev(DAMAGE_NOTE, "empty.mrt", 2, 0, "no MRT records");
	ck_assert_int_eq(nlines, 1);
	ck_assert_str_eq(lines[0], "mrtreach: empty.mrt: no MRT records");
	ck_assert(!damage_log_source_end(L, 2));
	ck_assert_uint_eq(damage_log_total(L), 0);
}
END_TEST

START_TEST(a_file_problem_names_the_file_without_an_offset_and_is_damage)
{
	ev(DAMAGE_FILE, "dir", 1, 0, "is a directory");
	ck_assert_str_eq(lines[0], "mrtreach: dir: is a directory");
	ck_assert(damage_log_source_end(L, 1));
	ck_assert_uint_eq(damage_log_total(L), 1);
}
END_TEST

START_TEST(the_hook_runs_before_every_line_written_and_only_then)
{
	for (int i = 0; i < 5; i++)
		ev(DAMAGE_BYTES, "a.mrt", 0, (uint64_t)i, "cut");
	ck_assert_int_eq(nbefore, 3);
	damage_log_source_end(L, 0);
	ck_assert_int_eq(nbefore, 4);
	damage_log_source_end(L, 1);     /* nothing to say: no hook */
	ck_assert_int_eq(nbefore, 4);
}
END_TEST

START_TEST(an_unknown_source_is_still_said_and_counted)
{
	ev(DAMAGE_BYTES, "x.mrt", 99, 5, "cut");
	ck_assert_int_eq(nlines, 1);
	ck_assert_uint_eq(damage_log_total(L), 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("damage_log");
	TCase *tc = tcase_create("damage_log");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, the_first_three_of_a_kind_are_written_then_one_summary_at_the_file_end);
	tcase_add_test(tc, reasons_that_differ_only_in_their_numbers_are_one_kind);
	tcase_add_test(tc, each_file_is_summarised_apart_and_forgotten_at_its_end);
	tcase_add_test(tc, a_note_is_written_but_is_not_damage);
	tcase_add_test(tc, a_file_problem_names_the_file_without_an_offset_and_is_damage);
	tcase_add_test(tc, the_hook_runs_before_every_line_written_and_only_then);
	tcase_add_test(tc, an_unknown_source_is_still_said_and_counted);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
