/*
 * check_run.h — what every unit-test binary's main() and fixtures share:
 * running a suite to an exit status, and (with CHECK_RUN_TMPDIR defined to
 * the binary's name before the include) a fresh temporary directory per
 * test. Never: decides what a test checks.
 */
#ifndef MRTREACH_CHECK_RUN_H
#define MRTREACH_CHECK_RUN_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs every test of s; EXIT_SUCCESS when none failed. */
static inline int run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* ARRAY_N(T, a, b, c): an array of T holding a, b, c, then a comma and
 * its length; for helpers taking (const T *v, size_t n) as a list. */
#define ARRAY_N(T, ...) (T[]){ __VA_ARGS__ }, sizeof (T[]){ __VA_ARGS__ } / sizeof (T)

/* Adds to s a test case called name running tests[0..n-1], each between
 * setup and teardown (checked fixtures; either may be NULL). Returns the
 * test case (for tcase_set_timeout). */
static inline TCase *add_tests(Suite *s, const char *name, void (*setup)(void),
                               void (*teardown)(void), const TTest *const *tests, size_t n)
{
	TCase *tc = tcase_create(name);
	if (setup || teardown)
		tcase_add_checked_fixture(tc, setup, teardown);
	for (size_t i = 0; i < n; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	return tc;
}
#define ADD_TESTS(s, name, setup, teardown, ...) \
	add_tests(s, name, setup, teardown, ARRAY_N(const TTest *, __VA_ARGS__))

#ifdef CHECK_RUN_TMPDIR
#include <unistd.h>

#define CHECK_RUN_TEMPLATE "/tmp/" CHECK_RUN_TMPDIR ".XXXXXX"

static char tmpdir[] = CHECK_RUN_TEMPLATE;

static inline void tmpdir_make(void)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

/* Removes the directory and all in it; the next test makes a new one. */
static inline void tmpdir_remove(void)
{
	char cmd[sizeof tmpdir + 32];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(tmpdir, CHECK_RUN_TEMPLATE);
}
#endif

#endif
