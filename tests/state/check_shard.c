/*
 * check_shard.c — what a partial keeps (shard.c), one test per rule:
 * other prefixes' routes dropped but their vantage points and times kept,
 * RIB entries of other prefixes as counts, state changes and AS changes
 * kept, routes of a prefix once announced by a target origin kept; and a
 * replay through visibility decides as the elements themselves did.
 * Never: reads files.
 */
#include <check.h>
#include <stdlib.h>

#include "check_run.h"
#include "state_helpers.h"
#include "state/shard.h"

static struct targets T;
static struct shard S;
static struct world W;           /* its attrs and AS path buffer */

static void start(const char *target, uint32_t origin)
{
	targets_init(&T);
	if (target) {
		struct prefix p = P(target);
		ck_assert(targets_add_prefix(&T, &p));
	}
	if (origin)
		ck_assert(targets_add_origin(&T, origin));
	ck_assert(targets_finalize(&T));
	ck_assert(shard_init(&S, &T));
	const char *cols[] = { "c" };
	const char *paths[] = { "c/rib", "c/updates" };
	uint64_t sizes[] = { 1, 1 };
	uint32_t col[] = { 0, 0 };
	shard_start(&S, "t", cols, 1, paths, sizes, col, 2);
}

static void elem(enum elem_type type, uint32_t ts, uint32_t src, const char *peer, const char *pfx,
                 uint32_t origin)
{
	struct elem e = mk(type, ts, 0, src, peer, pfx);
	if (type != ELEM_WITHDRAW && type != ELEM_STATE)
		e.attrs = w_attrs(&W, origin);
	if (type == ELEM_STATE) {
		e.old_state = 6;
		e.new_state = 1;
	}
	shard_record(&S, src, ts, type == ELEM_RIB);
	shard_elem(&S, &e);
}

/* The events kept, as letters: M mark, R/A/W/S elements, C count, E end. */
static void events(char *dst, size_t len, struct partial_r *keep)
{
	uint8_t *buf;
	size_t n;
	char err[128];
	ck_assert(partial_w_take(S.w, &buf, &n));
	struct partial_r r;
	ck_assert_int_eq(partial_r_open_mem(&r, "x", buf, n, err, sizeof err), 0);
	size_t k = 0;
	struct partial_ev ev;
	while (partial_r_group(&r) == 1)
		while (partial_r_event(&r, &ev) == 1 && k + 1 < len)
			dst[k++] = ev.type == PEV_MARK ? 'M' : ev.type == PEV_COUNT ? 'C'
			         : ev.type == PEV_SOURCE_END ? 'E' : "RAWS"[ev.e.type];
	dst[k] = '\0';
	if (keep) {
		*keep = r;
		keep->pos = 0;
	} else {
		partial_r_close(&r);
	}
	shard_free(&S);
	targets_free(&T);
}

START_TEST(another_prefix_is_dropped_after_its_vantage_points_first_element)
{
	char got[64];
	start("175.45.176.0/24", 0);
	elem(ELEM_ANNOUNCE, 100, 1, "10.0.0.1", "8.8.8.0/24", 15169);   /* first of the VP */
	elem(ELEM_ANNOUNCE, 100, 1, "10.0.0.1", "8.8.4.0/24", 15169);   /* dropped */
	elem(ELEM_WITHDRAW, 100, 1, "10.0.0.1", "8.8.8.0/24", 0);       /* dropped */
	elem(ELEM_ANNOUNCE, 100, 1, "10.0.0.1", "175.45.176.0/24", 131279);
	events(got, sizeof got, NULL);
	ck_assert_str_eq(got, "MAA");
}
END_TEST

START_TEST(time_advancing_is_marked_even_by_a_dropped_element)
{
	char got[64];
	start("175.45.176.0/24", 0);
	/* Marks at 100 (with the VP's first element), 101 and 105; 99 is no advance. */
	const uint32_t ts[] = { 100, 101, 101, 99, 105 };
	for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++)
		elem(ELEM_ANNOUNCE, ts[i], 1, "10.0.0.1", "8.8.4.0/24", 15169);
	events(got, sizeof got, NULL);
	ck_assert_str_eq(got, "MAMM");
}
END_TEST

START_TEST(rib_entries_of_other_prefixes_are_counted_per_vantage_point_and_family)
{
	char got[64];
	start("175.45.176.0/24", 0);
	elem(ELEM_RIB, 100, 0, "10.0.0.1", "8.8.8.0/24", 15169);        /* opens the dump */
	elem(ELEM_RIB, 100, 0, "10.0.0.2", "8.8.8.0/24", 15169);        /* a new VP */
	elem(ELEM_RIB, 100, 0, "10.0.0.1", "8.8.4.0/24", 15169);
	elem(ELEM_RIB, 100, 0, "10.0.0.1", "2001:db8::/32", 15169);
	elem(ELEM_RIB, 100, 0, "10.0.0.2", "9.9.9.0/24", 15169);
	elem(ELEM_RIB, 100, 0, "10.0.0.2", "175.45.176.0/24", 131279);
	shard_source_end(&S, 0, false, true, true, 100, 100, 0, NULL, 0);
	struct partial_r r;
	events(got, sizeof got, &r);
	ck_assert_str_eq(got, "MRRRCCCE");
	partial_r_close(&r);
}
END_TEST

START_TEST(state_changes_and_as_changes_are_kept)
{
	char got[64];
	start("175.45.176.0/24", 0);
	elem(ELEM_ANNOUNCE, 100, 1, "10.0.0.1", "8.8.8.0/24", 15169);
	elem(ELEM_STATE, 100, 1, "10.0.0.1", NULL, 0);
	struct elem e = mk(ELEM_WITHDRAW, 100, 0, 1, "10.0.0.1", "8.8.8.0/24");
	e.peer_as = 65001;
	shard_elem(&S, &e);
	events(got, sizeof got, NULL);
	ck_assert_str_eq(got, "MASW");
}
END_TEST

/* Visibility brings a dropped session up again with the vantage point's
 * next unicast message, of any prefix (session_up): the replay must see it
 * at the same place. An Established state change brings it up itself. */
START_TEST(a_vantage_points_first_message_after_a_session_drop_is_kept)
{
	char got[64];
	start("175.45.176.0/24", 0);
	elem(ELEM_ANNOUNCE, 100, 1, "10.0.0.1", "8.8.8.0/24", 15169);   /* first of the VP */
	elem(ELEM_STATE, 101, 1, "10.0.0.1", NULL, 0);                  /* Established -> Idle */
	elem(ELEM_ANNOUNCE, 102, 1, "10.0.0.2", "8.8.8.0/24", 15169);   /* another VP's first */
	elem(ELEM_ANNOUNCE, 102, 1, "10.0.0.2", "8.8.4.0/24", 15169);   /* dropped */
	struct elem m = mk(ELEM_ANNOUNCE, 102, 0, 1, "10.0.0.1", "8.8.4.0/24");
	m.attrs = w_attrs(&W, 15169);
	m.safi = SAFI_MULTICAST;                                         /* no session_up: dropped */
	shard_elem(&S, &m);
	elem(ELEM_WITHDRAW, 103, 1, "10.0.0.1", "8.8.4.0/24", 0);       /* brings it up: kept */
	elem(ELEM_ANNOUNCE, 103, 1, "10.0.0.1", "9.9.9.0/24", 15169);   /* dropped again */
	struct elem up = mk(ELEM_STATE, 104, 0, 1, "10.0.0.2", NULL);
	up.old_state = 6;
	up.new_state = 1;
	shard_record(&S, 1, 104, false);
	shard_elem(&S, &up);                                             /* 10.0.0.2 drops */
	up.old_state = 5;
	up.new_state = 6;
	shard_elem(&S, &up);                                             /* and is Established again */
	elem(ELEM_ANNOUNCE, 105, 1, "10.0.0.2", "9.9.9.0/24", 15169);   /* dropped: it is up */
	events(got, sizeof got, NULL);
	ck_assert_str_eq(got, "MAMSMAMWMSSM");
}
END_TEST

START_TEST(a_prefix_once_announced_by_a_target_origin_keeps_its_routes)
{
	char got[64];
	start(NULL, 131279);
	elem(ELEM_ANNOUNCE, 100, 1, "10.0.0.1", "8.8.8.0/24", 15169);
	elem(ELEM_ANNOUNCE, 100, 1, "10.0.0.1", "175.45.176.0/24", 131279);
	elem(ELEM_ANNOUNCE, 100, 1, "10.0.0.1", "175.45.176.0/24", 15169);
	elem(ELEM_WITHDRAW, 100, 1, "10.0.0.1", "175.45.176.0/24", 0);
	elem(ELEM_WITHDRAW, 100, 1, "10.0.0.1", "8.8.8.0/24", 0);
	events(got, sizeof got, NULL);
	ck_assert_str_eq(got, "MAAAW");
}
END_TEST

START_TEST(counts_weigh_as_the_entries_they_stand_for)
{
	/* Two worlds: one fed every entry, one fed counts (vis_dump_count). */
	struct world a, b;
	w_init(&a, "175.45.176.0/24", false);
	w_init(&b, "175.45.176.0/24", false);
	const char *peers[] = { "10.0.0.1", "10.0.0.2", "10.0.0.3" };
	unsigned sizes[] = { 100, 95, 20 };
	for (int k = 0; k < 3; k++) {
		w_rib(&a, 100, 0, 0, peers[k], "175.45.176.0/24");
		w_rib(&b, 100, 0, 0, peers[k], "175.45.176.0/24");
		w_rib_fill(&a, 100, 0, 0, peers[k], sizes[k]);
		struct addr ip = A(peers[k]);
		vis_dump_count(&b.v, 0, &ip, AFI_IPV4, 0, 100, sizes[k]);
	}
	w_end(&a, 0);
	w_end(&b, 0);
	vis_time(&a.v, 101);
	vis_time(&b.v, 101);
	ck_assert_uint_eq(a.v.nfull[0], 2);
	ck_assert_uint_eq(b.v.nfull[0], a.v.nfull[0]);
	ck_assert_uint_eq(b.v.nvisible, a.v.nvisible);
	w_free(&a);
	w_free(&b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("shard");
	TCase *tc = tcase_create("shard");
	tcase_add_test(tc, another_prefix_is_dropped_after_its_vantage_points_first_element);
	tcase_add_test(tc, time_advancing_is_marked_even_by_a_dropped_element);
	tcase_add_test(tc, rib_entries_of_other_prefixes_are_counted_per_vantage_point_and_family);
	tcase_add_test(tc, state_changes_and_as_changes_are_kept);
	tcase_add_test(tc, a_vantage_points_first_message_after_a_session_drop_is_kept);
	tcase_add_test(tc, a_prefix_once_announced_by_a_target_origin_keeps_its_routes);
	tcase_add_test(tc, counts_weigh_as_the_entries_they_stand_for);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
