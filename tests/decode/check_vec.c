/*
 * check_vec.c — vec_grow: doubling from a first size, room already there
 * costs nothing, and a size that would overflow is refused with the array
 * and its capacity left as they were.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "check_run.h"
#include "decode/vec.h"

START_TEST(grows_by_doubling_from_the_first_size)
{
	uint32_t *a = NULL;
	size_t cap = 0;
	size_t seen[8], k = 0;
	for (uint32_t n = 0; n < 100; n++) {
		uint32_t *q = vec_grow(a, &cap, (size_t)n + 1, sizeof *q, 16);
		ck_assert_ptr_nonnull(q);
		a = q;
		a[n] = n;
		if (k == 0 || seen[k - 1] != cap)
			seen[k++] = cap;
	}
	ck_assert_uint_eq(k, 4);
	ck_assert_uint_eq(seen[0], 16);
	ck_assert_uint_eq(seen[1], 32);
	ck_assert_uint_eq(seen[2], 64);
	ck_assert_uint_eq(seen[3], 128);
	for (uint32_t n = 0; n < 100; n++)
		ck_assert_uint_eq(a[n], n);
	free(a);
}
END_TEST

START_TEST(room_already_there_returns_the_same_array)
{
	size_t cap = 8;
	char *a = malloc(cap);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_eq(vec_grow(a, &cap, 8, 1, 4096), a);
	ck_assert_uint_eq(cap, 8);
	free(a);
}
END_TEST

/* need, first size: the capacity they give from none */
START_TEST(a_large_need_doubles_as_often_as_it_takes_and_no_first_size_starts_at_one)
{
	static const size_t cases[][3] = { { 5000, 1024, 8192 }, { 3, 0, 4 }, { 1, 0, 1 } };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t cap = 0;
		char *q = vec_grow(NULL, &cap, cases[i][0], 1, cases[i][1]);
		ck_assert_ptr_nonnull(q);
		ck_assert_uint_eq(cap, cases[i][2]);
		free(q);
	}
}
END_TEST

START_TEST(overflow_is_refused_and_leaves_the_array_intact)
{
	size_t cap = 4;
	uint64_t *a = malloc(cap * sizeof *a);
	ck_assert_ptr_nonnull(a);
	for (size_t i = 0; i < cap; i++)
		a[i] = 7 * i;
	/* elements fit size_t, their bytes do not */
	ck_assert_ptr_null(vec_grow(a, &cap, SIZE_MAX / 8 + 1, sizeof *a, 4));
	ck_assert_uint_eq(cap, 4);
	/* the capacity itself would pass SIZE_MAX while doubling */
	ck_assert_ptr_null(vec_grow(a, &cap, SIZE_MAX, 1, 4));
	ck_assert_uint_eq(cap, 4);
	for (size_t i = 0; i < cap; i++)
		ck_assert_uint_eq(a[i], 7 * i);
	/* the array is still the caller's and still grows */
	uint64_t *q = vec_grow(a, &cap, 5, sizeof *q, 4);
	ck_assert_ptr_nonnull(q);
	ck_assert_uint_eq(cap, 8);
	ck_assert_uint_eq(q[3], 21);
	free(q);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("vec");
	ADD_TESTS(s, "vec", NULL, NULL, grows_by_doubling_from_the_first_size,
	          room_already_there_returns_the_same_array,
	          a_large_need_doubles_as_often_as_it_takes_and_no_first_size_starts_at_one,
	          overflow_is_refused_and_leaves_the_array_intact);
	return run_suite(s);
}
