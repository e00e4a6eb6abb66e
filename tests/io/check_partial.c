/*
 * check_partial.c — unit tests for partial.c.
 * Owns: the round trip of every event, compact groups and marks, and the
 * refusal of a cut, corrupt or foreign buffer at every length.
 * Never: reads MRT files.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "io/partial.h"

static const uint8_t path4[] = { 2, 2, 0, 0, 0x19, 0x35, 0, 2, 0x02, 0x1f }; /* 6453 131615 */

/* A small partial: two inputs, a mark, a route, a state change, a count,
 * an input's end. */
static void build(uint8_t **buf, size_t *len)
{
	struct partial_w *w = partial_w_new();
	const char *cols[] = { "rrc00" };
	const char *paths[] = { "rrc00/bview.gz", "rrc00/updates.gz" };
	uint64_t sizes[] = { 1000, 20 };
	uint32_t col[] = { 0, 0 };
	partial_w_header(w, 42, "175.45.176.0/22", cols, 1, paths, sizes, col, 2);
	partial_w_group(w, 0, 2 * 1419120000u);
	partial_w_mark(w, 1419120000u);
	struct bgp_attrs a;
	memset(&a, 0, sizeof a);
	a.as_path.p = path4;
	a.as_path.left = sizeof path4;
	struct elem e = { .type = ELEM_RIB, .ts = 1419120000u, .peer_as = 6453, .attrs = &a };
	e.peer_ip.afi = AFI_IPV4;
	e.peer_ip.b[0] = 10;
	e.prefix.addr.afi = AFI_IPV4;
	e.prefix.addr.b[0] = 175;
	e.prefix.addr.b[1] = 45;
	e.prefix.addr.b[2] = 176;
	e.prefix.len = 22;
	e.has_path_id = true;
	e.path_id = 7;
	partial_w_elem(w, &e);
	struct elem s = { .type = ELEM_STATE, .ts = 1419120001u, .old_state = 6, .new_state = 1 };
	s.peer_ip.afi = AFI_IPV6;
	s.peer_ip.b[0] = 0x20;
	partial_w_group(w, 1, 2 * 1419120001u + 1);
	partial_w_elem(w, &s);
	partial_w_group(w, 0, 2 * 1419120001u + 1);
	partial_w_count(w, &e.peer_ip, AFI_IPV6, 123456);
	partial_w_source_end(w, true, true, true, 1419120000u, 1419120001u, 3);
	ck_assert(partial_w_take(w, buf, len));
	partial_w_free(w);
}

START_TEST(every_event_reads_back_as_written)
{
	uint8_t *buf;
	size_t len;
	char err[128];
	build(&buf, &len);
	struct partial_r r;
	ck_assert_int_eq(partial_r_open_mem(&r, "x", buf, len, err, sizeof err), 0);
	ck_assert_uint_eq(r.targets_fp, 42);
	ck_assert_str_eq(r.targets_text, "175.45.176.0/22");
	ck_assert_uint_eq(r.nsrc, 2);
	ck_assert_str_eq(r.paths[1], "rrc00/updates.gz");
	ck_assert_uint_eq(r.sizes[0], 1000);

	struct partial_ev ev;
	ck_assert_int_eq(partial_r_group(&r), 1);
	ck_assert_uint_eq(r.src, 0);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_MARK);
	ck_assert_uint_eq(ev.ts, 1419120000u);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_ELEM);
	ck_assert_int_eq(ev.e.type, ELEM_RIB);
	ck_assert_uint_eq(ev.e.prefix.len, 22);
	ck_assert_uint_eq(ev.e.prefix.addr.b[2], 176);
	ck_assert_uint_eq(ev.e.peer_as, 6453);
	ck_assert(ev.e.has_path_id && ev.e.path_id == 7);
	ck_assert_uint_eq(as_path_origin(ev.e.attrs->as_path), 131615);
	ck_assert_int_eq(partial_r_event(&r, &ev), 0);

	ck_assert_int_eq(partial_r_group(&r), 1);
	ck_assert_uint_eq(r.src, 1);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.e.type, ELEM_STATE);
	ck_assert_int_eq(ev.e.peer_ip.afi, AFI_IPV6);
	ck_assert(ev.e.old_state == 6 && ev.e.new_state == 1);
	ck_assert_uint_eq(ev.e.ts, 1419120001u);

	ck_assert_int_eq(partial_r_group(&r), 1);
	ck_assert_uint_eq(r.src, 0);
	ck_assert_uint_eq(r.key, 2 * 1419120001ull + 1);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_COUNT);
	ck_assert_uint_eq(ev.n, 123456);
	ck_assert_int_eq(ev.afi, AFI_IPV6);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_SOURCE_END);
	ck_assert(ev.damaged && ev.rib && ev.has);
	ck_assert_uint_eq(ev.damage, 3);
	ck_assert_int_eq(partial_r_group(&r), 0);
	partial_r_close(&r);
}
END_TEST

/* Opens a copy of the first n bytes of buf with byte flip changed (none
 * when flip >= n); closes it when it opened. */
static int open_copy(const uint8_t *buf, size_t n, size_t flip, char *err, size_t errlen)
{
	uint8_t *copy = malloc(n ? n : 1);
	memcpy(copy, buf, n);
	if (flip < n)
		copy[flip] ^= 0x20;
	struct partial_r r;
	int got = partial_r_open_mem(&r, "x", copy, n, err, errlen);
	if (got == 0)
		partial_r_close(&r);
	return got;
}

START_TEST(a_cut_buffer_is_refused_at_every_length)
{
	uint8_t *buf;
	size_t len;
	char err[128];
	build(&buf, &len);
	for (size_t n = 0; n < len; n++)
		ck_assert_int_eq(open_copy(buf, n, len, err, sizeof err), -1);
	free(buf);
}
END_TEST

START_TEST(a_changed_byte_is_refused_anywhere)
{
	uint8_t *buf;
	size_t len;
	char err[128];
	build(&buf, &len);
	for (size_t i = 0; i < len; i++)
		ck_assert_int_eq(open_copy(buf, len, i, err, sizeof err), -1);
	free(buf);
}
END_TEST

START_TEST(another_version_is_named)
{
	uint8_t *buf;
	size_t len;
	char err[128];
	build(&buf, &len);
	buf[8] = 9;
	struct partial_r r;
	ck_assert_int_eq(partial_r_open_mem(&r, "x", buf, len, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "version 9"));
}
END_TEST

START_TEST(marks_at_a_group_time_cost_no_event_byte)
{
	/* A run of seconds of one input, each opened by its mark: the tag,
	 * the key delta and nothing else. */
	struct partial_w *w = partial_w_new();
	const char *cols[] = { "c" };
	const char *paths[] = { "c/u" };
	uint64_t sizes[] = { 1 };
	uint32_t col[] = { 0 };
	partial_w_header(w, 0, "", cols, 1, paths, sizes, col, 1);
	for (uint32_t t = 0; t < 1000; t++) {
		partial_w_group(w, 0, 2ull * (1419120000u + t) + 1);
		partial_w_mark(w, 1419120000u + t);
	}
	uint8_t *buf;
	size_t len;
	char err[128];
	ck_assert(partial_w_take(w, &buf, &len));
	partial_w_free(w);
	struct partial_r r;
	ck_assert_int_eq(partial_r_open_mem(&r, "x", buf, len, err, sizeof err), 0);
	size_t body = r.len;
	uint32_t n = 0;
	struct partial_ev ev;
	while (partial_r_group(&r) == 1)
		while (partial_r_event(&r, &ev) == 1)
			ck_assert_uint_eq(ev.ts, 1419120000u + n++);
	ck_assert_uint_eq(n, 1000);
	ck_assert_uint_lt(body, 40 + 2 * 1000 + 8);
	partial_r_close(&r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("partial");
	TCase *tc = tcase_create("partial");
	tcase_add_test(tc, every_event_reads_back_as_written);
	tcase_add_test(tc, a_cut_buffer_is_refused_at_every_length);
	tcase_add_test(tc, a_changed_byte_is_refused_anywhere);
	tcase_add_test(tc, another_version_is_named);
	tcase_add_test(tc, marks_at_a_group_time_cost_no_event_byte);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
