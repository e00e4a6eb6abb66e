/*
 * check_progress.c — the progress line: its text, when it is on, and the
 * total it measures. Never: needs a terminal (tests/e2e/cases/progress.sh
 * runs the binary under one).
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHECK_RUN_TMPDIR "check_progress"
#include "check_run.h"
#include "io/merge.h"
#include "report/progress.h"

START_TEST(line_gives_files_bytes_share_rate_and_time_left)
{
	char l[160];
	progress_format(l, sizeof l, 3, 96, 45200000, 310000000, 10.0);
	ck_assert_str_eq(l, "3/96 files  45.2 MB of 310.0 MB  14%  4.5 MB/s  0:59 left");
}
END_TEST

START_TEST(time_left_takes_hours_when_long)
{
	char l[160];
	progress_format(l, sizeof l, 1, 2, 1000000000, 100000000000ull, 1000.0);
	ck_assert_str_eq(l, "1/2 files  1.00 GB of 100.00 GB  1%  1.0 MB/s  27:30:00 left");
}
END_TEST

START_TEST(no_estimate_in_the_first_second)
{
	char l[160];
	progress_format(l, sizeof l, 0, 4, 300000, 4000000, 0.5);
	ck_assert_str_eq(l, "0/4 files  300 kB of 4.0 MB  7%  600 kB/s  -:-- left");
}
END_TEST

START_TEST(unknown_total_gives_no_share_or_time_left)
{
	char l[160];
	progress_format(l, sizeof l, 0, 1, 5000000, 0, 1.0);
	ck_assert_str_eq(l, "0/1 files  5.0 MB  5.0 MB/s");
}
END_TEST

START_TEST(bytes_past_the_total_are_clamped)
{
	char l[160];
	progress_format(l, sizeof l, 2, 2, 5000000, 4000000, 2.0);
	ck_assert_str_eq(l, "2/2 files  4.0 MB of 4.0 MB  100%  2.0 MB/s  0:00 left");
}
END_TEST

START_TEST(line_is_truncated_not_overrun)
{
	char l[12];
	progress_format(l, sizeof l, 3, 96, 45200000, 310000000, 10.0);
	ck_assert_uint_eq(strlen(l), sizeof l - 1);
}
END_TEST

/* fit(cols) is the line for 3 of 96 files in the given width. */
static const char *fit(size_t cols)
{
	static char l[160];
	progress_format_fit(l, sizeof l, 3, 96, 45200000, 310000000, 10.0, cols);
	return l;
}

START_TEST(narrow_terminal_drops_rate_and_sizes_first)
{
	ck_assert_str_eq(fit(0), "3/96 files  45.2 MB of 310.0 MB  14%  4.5 MB/s  0:59 left");
	ck_assert_str_eq(fit(57), "3/96 files  45.2 MB of 310.0 MB  14%  4.5 MB/s  0:59 left");
	ck_assert_str_eq(fit(56), "3/96 files  14%  0:59 left");
	ck_assert_str_eq(fit(26), "3/96 files  14%  0:59 left");
	ck_assert_str_eq(fit(25), "14%  0:59 left");
	ck_assert_str_eq(fit(13), "14%");
	ck_assert_str_eq(fit(2), "14");
}
END_TEST

START_TEST(narrow_terminal_without_sizes_keeps_the_file_count)
{
	char l[160];
	progress_format_fit(l, sizeof l, 0, 1, 5000000, 0, 1.0, 17);
	ck_assert_str_eq(l, "0/1 files  5.0 MB");
	progress_format_fit(l, sizeof l, 0, 1, 5000000, 0, 1.0, 16);
	ck_assert_str_eq(l, "0/1");
}
END_TEST

static struct merge *PM;
static struct progress P;

/* Progress in mode over two files of 1000 and 2000 bytes (teardown closes). */
static struct progress *begun(enum progress_mode mode)
{
	char paths[2][64];
	tmpdir_make();
	for (int i = 0; i < 2; i++) {
		snprintf(paths[i], sizeof paths[i], "%s/f%d.mrt", tmpdir, i);
		FILE *f = fopen(paths[i], "wb");
		ck_assert(f != NULL);
		for (int k = 0; k < 1000 * (i + 1); k++)
			fputc(0, f);
		fclose(f);
	}
	const char *const p[2] = { paths[0], paths[1] };
	char err[256];
	/* the line progress_begin draws goes to /dev/null, not the test's log */
	int saved = dup(2), null = open("/dev/null", O_WRONLY);
	ck_assert(saved >= 0 && null >= 0);
	dup2(null, 2);
	progress_begin(&P, p, 2, mode, false);
	dup2(saved, 2);
	close(saved);
	close(null);
	PM = merge_open(p, 2, NULL, NULL, NULL, err, sizeof err);
	ck_assert_msg(PM != NULL, "%s", err);
	progress_attach(&P, PM);
	return &P;
}

static void teardown(void)
{
	if (!PM)
		return;
	merge_close(PM);
	PM = NULL;
	tmpdir_remove();
}

START_TEST(progress_option_turns_it_on_without_a_terminal)
{
	struct progress *p = begun(PROGRESS_ON);
	ck_assert(p->on);
	ck_assert_uint_eq(p->total, 3000);         /* the sizes of both inputs */
	ck_assert_uint_eq(p->nfiles, 2);
	progress_end(p);
	ck_assert(!p->on);
}
END_TEST

/* The line is drawn by progress_begin itself, before any input is opened
 * (no merge yet): a run over hundreds of files shows it while they open,
 * however long that takes. */
START_TEST(line_is_drawn_before_the_inputs_are_opened)
{
	char path[64], text[512];
	tmpdir_make();
	snprintf(path, sizeof path, "%s/f.mrt", tmpdir);
	FILE *f = fopen(path, "wb");
	ck_assert(f != NULL);
	for (int k = 0; k < 2500000; k++)
		fputc(0, f);
	fclose(f);
	snprintf(text, sizeof text, "%s/err.txt", tmpdir);
	int saved = dup(2), fd = open(text, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	const char *const p[1] = { path };
	progress_begin(&P, p, 1, PROGRESS_ON, false);
	progress_end(&P);
	dup2(saved, 2);
	close(saved);
	close(fd);
	f = fopen(text, "rb");
	ck_assert(f != NULL);
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	tmpdir_remove();
	ck_assert_msg(strstr(text, "\rmrtreach: 0/1 files  0 kB of 2.5 MB  0%") != NULL, "%s", text);
}
END_TEST

START_TEST(quiet_turns_it_off)
{
	struct progress *p = begun(PROGRESS_OFF);
	ck_assert(!p->on);
	for (int i = 0; i < 10000; i++)
		progress_record(p);                  /* never looks at the clock */
	ck_assert_uint_eq(p->count, 0);
}
END_TEST

START_TEST(auto_is_off_when_stderr_is_not_a_terminal)
{
	if (isatty(2))
		return;                               /* run by hand on a terminal */
	struct progress *p = begun(PROGRESS_AUTO);
	ck_assert(!p->on);
}
END_TEST

START_TEST(clock_is_read_once_per_batch_of_records)
{
	struct progress *p = begun(PROGRESS_ON);
	p->fd = -1;                                /* nothing is drawn */
	for (unsigned i = 0; i < PROGRESS_EVERY - 1; i++)
		progress_record(p);
	ck_assert_uint_eq(p->count, PROGRESS_EVERY - 1);
	progress_record(p);
	ck_assert_uint_eq(p->count, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("progress");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, line_gives_files_bytes_share_rate_and_time_left);
	tcase_add_test(tc, time_left_takes_hours_when_long);
	tcase_add_test(tc, no_estimate_in_the_first_second);
	tcase_add_test(tc, unknown_total_gives_no_share_or_time_left);
	tcase_add_test(tc, bytes_past_the_total_are_clamped);
	tcase_add_test(tc, line_is_truncated_not_overrun);
	tcase_add_test(tc, narrow_terminal_drops_rate_and_sizes_first);
	tcase_add_test(tc, narrow_terminal_without_sizes_keeps_the_file_count);
	tcase_add_test(tc, progress_option_turns_it_on_without_a_terminal);
	tcase_add_test(tc, line_is_drawn_before_the_inputs_are_opened);
	tcase_add_test(tc, quiet_turns_it_off);
	tcase_add_test(tc, auto_is_off_when_stderr_is_not_a_terminal);
	tcase_add_test(tc, clock_is_read_once_per_batch_of_records);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
