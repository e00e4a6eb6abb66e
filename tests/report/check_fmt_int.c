/*
 * check_fmt_int.c — unit tests for the fast writer (fmt_int.h): numbers come
 * out as printf writes them, at every digit count. Never: formats elements.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_run.h"
#include "outbuf_testutil.h"
#include "report/fmt_int.h"

static struct outbuf O;

/* What fw_u64 writes for v, as a string. */
static const char *written(uint64_t v)
{
	struct fw w;
	fw_begin(&w, &O);
	fw_need(&w, 24);
	fw_u64(&w, v);
	fw_end(&w);
	return out_taken(&O);
}

static void same_as_printf(uint64_t v)
{
	char want[24];
	snprintf(want, sizeof want, "%" PRIu64, v);
	ck_assert_str_eq(written(v), want);
}

START_TEST(numbers_are_printf_s_at_every_digit_count)
{
	/* Each power of ten, one below and one above it, up to 2^64 - 1. */
	for (uint64_t p = 1;; p *= 10) {
		same_as_printf(p - 1);
		same_as_printf(p);
		same_as_printf(p + 1);
		if (p > UINT64_MAX / 10)
			break;
	}
	same_as_printf(UINT32_MAX);
	same_as_printf((uint64_t)UINT32_MAX + 1);
	same_as_printf(UINT64_MAX);
	uint32_t x = 2463534242u;              /* xorshift32: spread over every length */
	for (int i = 0; i < 100000; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		same_as_printf(x >> (x % 32));
	}
}
END_TEST

START_TEST(numbers_follow_what_was_written_before)
{
	struct fw w;
	fw_begin(&w, &O);
	fw_need(&w, 64);
	fw_u32(&w, 65000);
	fw_char(&w, ':');
	fw_u32(&w, 0);
	fw_char(&w, ' ');
	fw_u32(&w, 4200000000u);
	fw_end(&w);
	ck_assert_str_eq(out_taken(&O), "65000:0 4200000000");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("fmt_int");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, numbers_are_printf_s_at_every_digit_count);
	tcase_add_test(tc, numbers_follow_what_was_written_before);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	out_init(&O, -1);
	return run_suite(suite());
}
