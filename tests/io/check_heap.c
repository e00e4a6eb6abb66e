/*
 * check_heap.c — unit tests for heap.c.
 * Owns: the top is always the least entry by the caller's order, through
 * pushes, pops and grown tops; ties go by the caller's tie-break.
 * Never: reads files.
 */
#include <check.h>
#include <stdlib.h>

#include "check_run.h"
#include "io/heap.h"

/* Entries: a key, ties broken by the index (a strict total order). */
static unsigned keys[1000];

static bool key_before(size_t a, size_t b, void *arg)
{
	(void)arg;
	return keys[a] != keys[b] ? keys[a] < keys[b] : a < b;
}

static unsigned x;              /* a pseudo-random sequence */

static unsigned next(unsigned mod)
{
	x = x * 1103515245u + 12345u;
	return (x >> 16) % mod;
}

/* 1000 entries of keys below mod pushed into h (in room), last index first
 * (against the tie order). */
static void fill(struct heap *h, size_t *room, unsigned seed, unsigned mod)
{
	heap_init(h, room, key_before, NULL);
	x = seed;
	for (size_t i = 0; i < 1000; i++) {
		keys[999 - i] = next(mod);
		heap_push(h, 999 - i);
	}
}

START_TEST(the_top_is_the_least_key_then_the_least_index)
{
	size_t room[1000];
	struct heap h;
	fill(&h, room, 12345, 20);   /* many equal keys */
	size_t prev = 0;
	for (size_t n = 0; n < 1000; n++) {
		size_t t = heap_top(&h);
		if (n > 0)
			ck_assert(keys[prev] < keys[t] || (keys[prev] == keys[t] && prev < t));
		prev = t;
		heap_pop(&h);
	}
	ck_assert_uint_eq(h.n, 0);
}
END_TEST

START_TEST(a_grown_top_moves_to_its_place)
{
	size_t room[1000];
	struct heap h;
	fill(&h, room, 99, 100);
	/* As a merge reads: the top's key grows by a step, until a bound. */
	unsigned last = 0;
	size_t last_i = 0;
	bool first = true;
	size_t out = 0;
	while (h.n > 0) {
		size_t t = heap_top(&h);
		ck_assert(first || keys[t] > last || (keys[t] == last && t >= last_i));
		first = false;
		last = keys[t];
		last_i = t;
		keys[t] += next(7);            /* 0: the same key again */
		if (keys[t] >= 200) {
			heap_pop(&h);
			out++;
		} else {
			heap_top_changed(&h);
		}
	}
	ck_assert_uint_eq(out, 1000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("heap");
	TCase *tc = tcase_create("heap");
	tcase_add_test(tc, the_top_is_the_least_key_then_the_least_index);
	tcase_add_test(tc, a_grown_top_moves_to_its_place);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
