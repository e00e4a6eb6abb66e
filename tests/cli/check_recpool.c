/*
 * check_recpool.c — unit tests for recpool.c.
 * Owns: the rules that items come back in input order whatever worker
 * decoded them, that each batch's bytes follow its items, that damage and
 * source ends keep their places, that a refused write stops the pool, and
 * that a damaged record's reason comes back with it.
 * Never: depends on timing (the workers' pace is whatever it is).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "cli/recpool.h"
#include "decode/mrtdef.h"
#include "report/outbuf.h"

/* A BGP4MP STATE_CHANGE body: peer AS, local AS, ifindex, AFI 1, peer and
 * local IPv4 addresses, old and new state. */
static const uint8_t state_body[20] = { 0, 1, 0, 2, 0, 0, 0, 1, 10, 0, 0, 1,
                                        10, 0, 0, 2, 0, 1, 0, 6 };

static struct mrt_record state_rec(uint32_t ts, uint64_t offset)
{
	return (struct mrt_record){ ts, 0, MRT_BGP4MP, BGP4MP_STATE_CHANGE, state_body,
	                            sizeof state_body, offset };
}

/* What the pool handed back, in the order it did. */
struct seen {
	char kinds[65536];
	size_t nkinds;
	uint64_t offsets[65536];
	size_t noffsets;
	char *out;
	size_t outlen;
	size_t writes, refuse_after;
	const char *why;
};

static void fmt_ts(const struct elem *e, struct outbuf *o, void *arg)
{
	(void)arg;
	char *p = out_reserve(o, 24);
	size_t n = fmt_u64(p, e->ts);
	p[n] = '\n';
	o->len += n + 1;
}

static void retire(const struct rp_view *v, void *arg)
{
	struct seen *s = arg;
	s->kinds[s->nkinds++] = "RPSD"[v->kind];
	if (v->kind == RP_RECORD) {
		s->offsets[s->noffsets++] = v->rec->offset;
		if (v->status < 0)
			s->why = v->why;
	}
}

static bool write_out(const char *p, size_t n, void *arg)
{
	struct seen *s = arg;
	if (s->refuse_after && s->writes >= s->refuse_after)
		return false;
	s->writes++;
	s->out = realloc(s->out, s->outlen + n);
	ck_assert_ptr_nonnull(s->out);
	memcpy(s->out + s->outlen, p, n);
	s->outlen += n;
	return true;
}

static struct seen s;

static struct recpool *pool(int workers)
{
	struct recpool_cfg cfg = { workers, false, fmt_ts, NULL, retire, write_out, &s };
	struct recpool *p = recpool_new(&cfg);
	ck_assert_ptr_nonnull(p);
	return p;
}

static void setup(void) { memset(&s, 0, sizeof s); }

static void teardown(void)
{
	free(s.out);
	s.out = NULL;
}

START_TEST(records_come_back_in_input_order_across_many_batches)
{
	struct recpool *p = pool(3);
	size_t n = 30000;          /* several batches of 4096 items */
	for (size_t i = 0; i < n; i++) {
		struct mrt_record r = state_rec((uint32_t)(1000000 + i), i * 32);
		ck_assert(recpool_record(p, &r, (uint32_t)(i % 5), 0));
	}
	recpool_finish(p);
	ck_assert_uint_eq(s.noffsets, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_eq(s.offsets[i], i * 32);
	/* The bytes: each record's line, in input order. */
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		char want[24];
		int k = snprintf(want, sizeof want, "%zu\n", 1000000 + i);
		ck_assert(at + (size_t)k <= s.outlen);
		ck_assert(memcmp(s.out + at, want, (size_t)k) == 0);
		at += (size_t)k;
	}
	ck_assert_uint_eq(at, s.outlen);
	recpool_free(p);
}
END_TEST

START_TEST(damage_and_source_ends_keep_their_places)
{
	struct recpool *p = pool(2);
	char want[64] = "";
	size_t w = 0;
	for (uint32_t i = 0; i < 60; i++) {
		struct mrt_record r = state_rec(i, i);
		if (i % 7 == 3) {
			char reason[32];
			snprintf(reason, sizeof reason, "damage %u", (unsigned)i);
			struct damage d = { DAMAGE_BYTES, "some/path", 0, i, reason };
			ck_assert(recpool_damage(p, &d));
			want[w++] = 'D';
		} else if (i % 11 == 10) {
			ck_assert(recpool_source_end(p, 0));
			want[w++] = 'S';
		} else {
			ck_assert(recpool_record(p, &r, 0, 0));
			want[w++] = 'R';
		}
	}
	recpool_finish(p);
	ck_assert_uint_eq(s.nkinds, w);
	ck_assert(memcmp(s.kinds, want, w) == 0);
	recpool_free(p);
}
END_TEST

START_TEST(a_damaged_record_comes_back_with_its_reason)
{
	struct recpool *p = pool(2);
	struct mrt_record r = state_rec(5, 77);
	r.len = 6;                 /* cut inside the state change */
	ck_assert(recpool_record(p, &r, 0, 0));
	recpool_finish(p);
	ck_assert_uint_eq(s.noffsets, 1);
	ck_assert_ptr_nonnull(s.why);
	ck_assert_uint_eq(s.outlen, 0);
	recpool_free(p);
}
END_TEST

START_TEST(a_refused_write_halts_the_pool)
{
	s.refuse_after = 1;
	struct recpool *p = pool(2);
	size_t i;
	for (i = 0; i < 100000 && !recpool_halted(p); i++) {
		struct mrt_record r = state_rec((uint32_t)i, i);
		ck_assert(recpool_record(p, &r, 0, 0));
	}
	recpool_finish(p);
	ck_assert(recpool_halted(p));
	ck_assert_uint_eq(s.writes, 1);
	ck_assert_uint_lt(i, 100000);  /* stopped before reading everything */
	recpool_free(p);
}
END_TEST

START_TEST(a_pool_freed_unfinished_drops_what_is_left)
{
	struct recpool *p = pool(4);
	for (size_t i = 0; i < 20000; i++) {
		struct mrt_record r = state_rec((uint32_t)i, i);
		ck_assert(recpool_record(p, &r, 0, 0));
	}
	recpool_free(p);   /* no finish: joins the workers, frees the batches */
	ck_assert_uint_le(s.noffsets, 20000);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("recpool");
	ADD_TESTS(su, "order", setup, teardown,
	          records_come_back_in_input_order_across_many_batches,
	          damage_and_source_ends_keep_their_places,
	          a_damaged_record_comes_back_with_its_reason,
	          a_refused_write_halts_the_pool,
	          a_pool_freed_unfinished_drops_what_is_left);
	return run_suite(su);
}
