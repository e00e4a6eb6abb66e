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
#include "mrtwrite.h"
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
	struct recpool_cfg cfg = { workers, false, fmt_ts, NULL, retire, write_out, &s, NULL, NULL };
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

/* ---- keep mode --------------------------------------------------------- */

static struct mw_buf K;

/* One BGP4MP MESSAGE_AS4 record of peer 192.0.2.1 withdrawing wd and
 * announcing ann (NULL-ended), appended to K. */
static void update(uint32_t ts, const char *const *wd, const char *const *ann)
{
	struct mw_buf w = MW_BUF_INIT, a = MW_BUF_INIT, n = MW_BUF_INIT;
	static const uint32_t path[] = { 65001, 65002 };
	struct mw_bgp4mp h = { .ts = ts, .subtype = MW_BGP4MP_MESSAGE_AS4, .peer_as = 65001,
		.local_as = 65000, .peer_ip = mw_ip("192.0.2.1"), .local_ip = mw_ip("192.0.2.2") };
	for (; wd && *wd; wd++) {
		struct prefix p = mw_pfx(*wd);
		mw_nlri(&w, &p, false, 0);
	}
	for (; ann && *ann; ann++) {
		struct prefix p = mw_pfx(*ann);
		mw_nlri(&n, &p, false, 0);
	}
	if (n.len) {
		mw_attr_origin(&a, 0);
		mw_attr_as_seq(&a, 4, path, 2);
		mw_attr_next_hop(&a, mw_ip("192.0.2.1"));
	}
	size_t r = mw_bgp4mp_begin(&K, &h);
	mw_bgp_update(&K, w.p, w.len, a.p, a.len, n.p, n.len);
	mw_record_end(&K, r);
	mw_free(&w);
	mw_free(&a);
	mw_free(&n);
}

/* The records in K, framed (bodies point into K). */
static size_t framed(struct mrt_record *out, size_t max)
{
	size_t n = 0;
	for (size_t at = 0; at + 12 <= K.len && n < max; n++) {
		const uint8_t *p = K.p + at;
		uint32_t len = (uint32_t)p[8] << 24 | (uint32_t)p[9] << 16 | (uint32_t)p[10] << 8 | p[11];
		out[n] = (struct mrt_record){ (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		                              (uint32_t)p[2] << 8 | p[3], 0,
		                              (uint16_t)(p[4] << 8 | p[5]), (uint16_t)(p[6] << 8 | p[7]),
		                              p + 12, len, at };
		at += 12 + len;
	}
	return n;
}

/* Near: a route under 10.0.0.0/8, or a state change. */
static bool far_test(const struct elem *e, const void *arg)
{
	(void)arg;
	return e->type != ELEM_STATE && e->prefix.addr.b[0] != 10;
}

struct kept {
	bool here;
	size_t nelems, npeers;
	uint64_t offset;
	struct elem first[2];
	uint32_t runs[2];
};
static struct kept kept[32768];
static size_t nkept, halt_after;
static struct recpool *kpool;

static void keep_retire(const struct rp_view *v, void *arg)
{
	(void)arg;
	if (v->kind != RP_RECORD)
		return;
	struct kept *k = &kept[nkept++];
	k->here = v->here;
	k->offset = v->rec->offset;
	k->nelems = v->nelems;
	k->npeers = v->npeers;
	for (size_t i = 0; i < v->nelems && i < 2; i++) {
		k->first[i] = v->elems[i];
		k->runs[i] = v->runs[i];
	}
	if (halt_after && nkept == halt_after)
		recpool_halt(kpool);
}

static struct recpool *keep_pool(int workers)
{
	struct recpool_cfg cfg = { workers, false, NULL, NULL, keep_retire, NULL, NULL,
	                           far_test, NULL };
	kpool = recpool_new(&cfg);
	ck_assert_ptr_nonnull(kpool);
	return kpool;
}

static void keep_setup(void)
{
	mw_clear(&K);
	nkept = halt_after = 0;
}

static void keep_teardown(void) { mw_free(&K); }

START_TEST(keep_mode_a_far_record_comes_back_as_its_elements_alike_ones_as_runs)
{
	update(100, (const char *[]){ "1.0.0.0/24", "2.0.0.0/24", NULL },
	       (const char *[]){ "3.0.0.0/24", "4.0.0.0/24", "5.0.0.0/24", NULL });
	struct mrt_record r[1];
	ck_assert_uint_eq(framed(r, 1), 1);
	struct recpool *p = keep_pool(2);
	ck_assert(recpool_record(p, &r[0], 0, 0));
	recpool_finish(p);
	ck_assert_uint_eq(nkept, 1);
	ck_assert(!kept[0].here);
	ck_assert_uint_eq(kept[0].nelems, 2);
	ck_assert_int_eq(kept[0].first[0].type, ELEM_WITHDRAW);
	ck_assert_uint_eq(kept[0].runs[0], 2);
	ck_assert_int_eq(kept[0].first[0].prefix.addr.b[0], 1);
	ck_assert_int_eq(kept[0].first[1].type, ELEM_ANNOUNCE);
	ck_assert_uint_eq(kept[0].runs[1], 3);
	ck_assert_int_eq(kept[0].first[1].prefix.addr.b[0], 3);
	ck_assert_ptr_null(kept[0].first[1].attrs);
	ck_assert_uint_eq(kept[0].npeers, 1);      /* its update peer, for the identity check */
	recpool_free(p);
}
END_TEST

START_TEST(keep_mode_a_near_damaged_or_state_record_is_decoded_here)
{
	update(100, NULL, (const char *[]){ "3.0.0.0/24", "10.1.0.0/16", NULL });
	update(101, NULL, (const char *[]){ "3.0.0.0/24", NULL });
	struct mw_bgp4mp h = { .ts = 102, .subtype = MW_BGP4MP_STATE_CHANGE_AS4, .peer_as = 1,
		.local_as = 2, .peer_ip = mw_ip("192.0.2.1"), .local_ip = mw_ip("192.0.2.2") };
	mw_bgp4mp_state(&K, &h, MW_ESTABLISHED, MW_IDLE);
	struct mrt_record r[4];
	ck_assert_uint_eq(framed(r, 4), 3);
	struct mrt_record cut = r[1];
	cut.len -= 2;                        /* its NLRI cut short */
	struct recpool *p = keep_pool(2);
	ck_assert(recpool_record(p, &r[0], 0, 0));
	ck_assert(recpool_record(p, &cut, 0, 0));
	ck_assert(recpool_record(p, &r[1], 0, 0));
	ck_assert(recpool_record(p, &r[2], 0, 0));
	recpool_finish(p);
	ck_assert_uint_eq(nkept, 4);
	ck_assert(kept[0].here && kept[0].nelems == 0);
	ck_assert(kept[1].here && kept[1].nelems == 0);
	ck_assert(!kept[2].here && kept[2].nelems == 1);
	ck_assert(kept[3].here);
	recpool_free(p);
}
END_TEST

static int by_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

START_TEST(keep_mode_records_keep_their_order_and_numbers_apart_across_workers)
{
	size_t n = 20000;                    /* several batches of 4096 items, 3 workers */
	for (size_t i = 0; i < n; i++)
		update((uint32_t)(100 + i), NULL, (const char *[]){ "3.0.0.0/24", NULL });
	static struct mrt_record r[20000];
	ck_assert_uint_eq(framed(r, n), n);
	struct recpool *p = keep_pool(3);
	for (size_t i = 0; i < n; i++)
		ck_assert(recpool_record(p, &r[i], 0, 0));
	recpool_finish(p);
	ck_assert_uint_eq(nkept, n);
	static uint64_t numbers[20000];
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(kept[i].offset, r[i].offset);
		ck_assert_uint_eq(kept[i].nelems, 1);
		ck_assert_uint_eq(kept[i].first[0].ts, 100 + i);
		numbers[i] = kept[i].first[0].record;
	}
	qsort(numbers, n, sizeof *numbers, by_u64);
	for (size_t i = 1; i < n; i++)
		ck_assert_uint_ne(numbers[i - 1], numbers[i]);
	recpool_free(p);
}
END_TEST

START_TEST(a_halt_from_the_retire_callback_stops_retiring)
{
	size_t n = 10000;
	for (size_t i = 0; i < n; i++)
		update((uint32_t)(100 + i), NULL, (const char *[]){ "3.0.0.0/24", NULL });
	static struct mrt_record r[10000];
	ck_assert_uint_eq(framed(r, n), n);
	halt_after = 10;
	struct recpool *p = keep_pool(2);
	size_t i;
	for (i = 0; i < n && !recpool_halted(p); i++)
		ck_assert(recpool_record(p, &r[i], 0, 0));
	recpool_finish(p);
	ck_assert(recpool_halted(p));
	ck_assert_uint_eq(nkept, 10);
	recpool_free(p);
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
	ADD_TESTS(su, "keep", keep_setup, keep_teardown,
	          keep_mode_a_far_record_comes_back_as_its_elements_alike_ones_as_runs,
	          keep_mode_a_near_damaged_or_state_record_is_decoded_here,
	          keep_mode_records_keep_their_order_and_numbers_apart_across_workers,
	          a_halt_from_the_retire_callback_stops_retiring);
	return run_suite(su);
}
