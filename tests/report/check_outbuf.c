/*
 * check_outbuf.c — unit tests for outbuf.c's output into memory: a lent
 * buffer is written in place and handed back whole, in order, and a lender
 * out of memory drops the output instead of writing it anywhere else.
 * Never: writes to a descriptor.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "report/outbuf.h"

static struct outbuf O;

/* A lender of one growing region, as a worker's batch is. */
static struct {
	char *p;
	size_t len, cap;
	size_t calls;
	bool refuse;        /* out of memory from now on */
} L;

static char *lend(void *arg, size_t n)
{
	ck_assert_ptr_eq(arg, &L);
	L.calls++;
	L.len += n;
	if (L.refuse)
		return NULL;
	if (L.cap - L.len < OUTBUF_SIZE) {
		L.cap = L.len + OUTBUF_SIZE;
		L.p = realloc(L.p, L.cap);
		ck_assert_ptr_nonnull(L.p);
	}
	return L.p + L.len;
}

static void setup(void)
{
	memset(&L, 0, sizeof L);
}

static void teardown(void)
{
	free(L.p);
}

START_TEST(lent_output_is_written_in_place_and_kept_in_order)
{
	static char want[3 * OUTBUF_SIZE];
	for (size_t i = 0; i < sizeof want; i++)
		want[i] = (char)('a' + i % 26);
	out_init_lent(&O, lend, &L);
	ck_assert_ptr_eq(O.buf, L.p);
	/* in pieces that cross the buffer's end, and one larger than it */
	out_mem(&O, want, 1000);
	out_write(&O, want + 1000, OUTBUF_SIZE);
	out_mem(&O, want + 1000 + OUTBUF_SIZE, sizeof want - 1000 - OUTBUF_SIZE);
	ck_assert(out_flush(&O));
	ck_assert_uint_eq(L.len, sizeof want);
	ck_assert(memcmp(L.p, want, sizeof want) == 0);
}
END_TEST

/* What was written into lent memory is handed back; what comes after the
 * lender refused goes into the outbuf's own buffer and is dropped, until a
 * flush gets memory again. */
START_TEST(a_lender_out_of_memory_drops_the_output)
{
	out_init_lent(&O, lend, &L);
	out_str(&O, "kept\n");
	L.refuse = true;
	out_flush(&O);
	ck_assert_ptr_eq(O.buf, O.own);
	out_str(&O, "dropped\n");
	out_flush(&O);
	out_str(&O, "dropped too\n");
	L.refuse = false;
	out_flush(&O);               /* asks again, drops what it held */
	out_str(&O, "kept\n");
	out_flush(&O);
	ck_assert_uint_eq(L.len, 10);
	ck_assert(memcmp(L.p, "kept\nkept\n", 10) == 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("outbuf");
	TCase *t = tcase_create("core");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, lent_output_is_written_in_place_and_kept_in_order);
	tcase_add_test(t, a_lender_out_of_memory_drops_the_output);
	suite_add_tcase(s, t);
	return run_suite(s);
}
