/*
 * check_scan.c — scan: an origin AS or country whose level falls far below
 * its normal is an event; short or shallow dips are not; nested prefixes
 * count once; the normal is the median of hourly samples; an entity's own
 * unknown time opens nothing, takes no sample and cuts an open event.
 * Owns: scan rules fed with hand-built elements. Never: reads files.
 */
#include <check.h>

#include "check_run.h"
#include "state/scan.h"
#include "state_helpers.h"

static struct world W;              /* for its AS path buffer only */
static struct targets T;
static struct vis V;
static struct scan S;
static struct deleg D;

static void on_change(struct vis *v, const struct vis_change *c, void *arg) { scan_change(arg, v, c); }
static void on_tick(struct vis *v, uint32_t ts, void *arg) { scan_tick(arg, v, ts); }
static void on_advance(struct vis *v, uint32_t ts, void *arg) { scan_advance(arg, v, ts); }
static void on_decide(struct vis *v, uint32_t p, void *arg) { scan_decide(arg, v, p); }

static void start(bool countries)
{
	memset(&W, 0, sizeof W);
	targets_init(&T);
	ck_assert(targets_finalize(&T));
	deleg_init(&D);
	ck_assert_int_eq(deleg_line(&D, "ripencc|EG|ipv4|198.51.100.0|512|20100101|allocated|x"), 1);
	deleg_finish(&D);
	struct vis_config cfg = { .full_feed = 0.9, .targets = &T };
	cfg.rule = (struct vis_rule){ VIS_FRACTION, 0.5, 0 };   /* majority */
	struct scan_config sc = { .below = 0.2, .min_duration = 300, .min_size = 1,
	                          .deleg = countries ? &D : NULL };
	struct vis_hooks h = { .on_advance = on_advance, .on_change = on_change, .on_tick = on_tick,
	                       .on_decide = on_decide, .arg = &S };
	ck_assert(vis_init(&V, &cfg, &h));
	ck_assert(scan_init(&S, &sc));
	ck_assert(scan_attach(&S, &V));
}

static void setup(void) { start(true); }

static void teardown(void)
{
	scan_free(&S);
	vis_free(&V);
	targets_free(&T);
	deleg_free(&D);
}

static void feed(enum elem_type type, uint32_t ts, uint32_t src, const char *peer, const char *pfx,
                 uint32_t origin)
{
	struct elem e = mk(type, ts, 0, src, peer, pfx);
	if (type != ELEM_WITHDRAW)
		e.attrs = w_attrs(&W, origin);
	vis_elem(&V, &e);
	scan_elem(&S, &V, &e);
}

struct route { const char *pfx; uint32_t origin; };

/* A RIB dump at 1000: 4 peers, 50 filler routes of AS131279 each, and the routes. */
static void dump(const struct route *r)
{
	for (unsigned k = 0; k < 4; k++) {
		for (unsigned i = 0; i < 50; i++) {
			char b[32];
			snprintf(b, sizeof b, "10.%u.0.0/16", i);
			feed(ELEM_RIB, 1000, 1, peer_n(k), b, 131279);
		}
		for (size_t i = 0; r[i].pfx; i++)
			feed(ELEM_RIB, 1000, 1, peer_n(k), r[i].pfx, r[i].origin);
	}
	vis_source_end(&V, 1, false);
}

/* Every peer withdraws (announce false) or announces pfx at ts. */
static void all(bool announce, uint32_t ts, const char *pfx, uint32_t origin)
{
	for (unsigned k = 0; k < 4; k++)
		feed(announce ? ELEM_ANNOUNCE : ELEM_WITHDRAW, ts, 100, peer_n(k), pfx, origin);
}

/* Time moves on to ts (a filler route re-announced), and the data ends there. */
static void end_at(uint32_t ts)
{
	feed(ELEM_ANNOUNCE, ts, 100, peer_n(0), "10.0.0.0/16", 131279);
	vis_flush(&V);
	scan_finish(&S, &V);
	scan_sort(&S, SCAN_SORT_TIME);
}

static const struct route TWO[] = { { "198.51.100.0/24", 64500 }, { "198.51.101.0/24", 64500 },
                                    { "203.0.113.0/24", 64501 }, { NULL, 0 } };

START_TEST(an_as_losing_its_prefixes_is_an_event_and_so_is_its_country)
{
	dump(TWO);
	all(false, 5000, "198.51.100.0/24", 0);
	all(false, 5000, "198.51.101.0/24", 0);
	all(true, 6000, "198.51.100.0/24", 64500);
	end_at(7000);
	ck_assert_uint_eq(S.nev, 2);
	for (size_t i = 0; i < 2; i++) {
		ck_assert_uint_eq(S.ev[i].start, 5000);
		ck_assert_uint_eq(S.ev[i].end, 6000);
		ck_assert(S.ev[i].depth == 0);
		ck_assert(S.ev[i].normal == 2);
		ck_assert(S.ev[i].normal_prefixes == 2);
		ck_assert_uint_eq(S.ev[i].dark, 2);
	}
	ck_assert(S.ev[0].kind == SCAN_AS && S.ev[0].id == 64500);
	ck_assert(S.ev[1].kind == SCAN_COUNTRY && S.ev[1].id == ('E' << 8 | 'G'));
}
END_TEST

START_TEST(a_short_or_shallow_dip_is_no_event)
{
	dump(TWO);
	all(false, 5000, "203.0.113.0/24", 0);       /* AS64501 dark for 299 s < 5m */
	all(true, 5299, "203.0.113.0/24", 64501);
	all(false, 6000, "198.51.100.0/24", 0);      /* AS64500 at half: not below 0.2 */
	end_at(9000);
	ck_assert_uint_eq(S.nev, 0);
}
END_TEST

START_TEST(an_event_still_open_at_the_end_is_ongoing)
{
	dump(TWO);
	all(false, 5000, "203.0.113.0/24", 0);
	end_at(9000);
	ck_assert_uint_eq(S.nev, 1);
	ck_assert(S.ev[0].ongoing);
	ck_assert_uint_eq(S.ev[0].end, 9000);
	ck_assert(S.ev[0].kind == SCAN_AS && S.ev[0].id == 64501);
}
END_TEST

START_TEST(a_more_specific_inside_a_visible_less_specific_counts_once)
{
	static const struct route r[] = { { "198.18.0.0/16", 64502 }, { "198.18.5.0/24", 64502 }, { NULL, 0 } };
	dump(r);
	all(false, 5000, "198.18.0.0/16", 0);
	end_at(9000);
	ck_assert_uint_eq(S.nev, 1);
	ck_assert(S.ev[0].normal == 256);
	ck_assert(S.ev[0].depth == 1.0 / 256);
	ck_assert_uint_eq(S.ev[0].dark, 1);
}
END_TEST

START_TEST(the_normal_level_is_the_median_of_the_hourly_samples)
{
	static const struct route r[] = { { "198.51.100.0/24", 64500 }, { "198.51.101.0/24", 64500 },
	                                   { "198.51.102.0/24", 64500 }, { "198.51.103.0/24", 64500 },
	                                   { "198.51.104.0/24", 64500 }, { NULL, 0 } };
	dump(r);
	all(false, 2000, "198.51.104.0/24", 0);      /* 4 of 5 from then on */
	for (uint32_t h = 1; h <= 30; h++)           /* 30 hourly samples at level 4 */
		feed(ELEM_ANNOUNCE, h * 3600 + 10, 100, peer_n(0), "10.1.0.0/16", 131279);
	for (int i = 0; i < 4; i++) {
		char b[32];
		snprintf(b, sizeof b, "198.51.10%d.0/24", i);
		all(false, 31 * 3600, b, 0);
	}
	end_at(32 * 3600);
	ck_assert_uint_eq(S.nev, 2);                 /* AS64500, and EG holding the first two */
	ck_assert(S.ev[0].kind == SCAN_AS);
	ck_assert(S.ev[0].normal == 4);
	ck_assert(S.ev[0].normal_prefixes == 4);
}
END_TEST

/* Every peer announces (or withdraws) pfx at ts: its routes are proven. */
static void prove(uint32_t ts, const char *pfx, uint32_t origin) { all(true, ts, pfx, origin); }

START_TEST(an_unknown_entity_opens_no_event)
{
	ck_assert(vis_add_gap(&V, 0, 2000, 3000));   /* every route unknown after it */
	dump(TWO);
	end_at(9000);                                /* nothing proven: every level 0 */
	ck_assert_uint_eq(S.nev, 0);
}
END_TEST

START_TEST(an_entity_is_unknown_only_while_its_own_prefixes_are)
{
	ck_assert(vis_add_gap(&V, 0, 2000, 3000));
	dump(TWO);
	prove(3100, "198.51.100.0/24", 64500);      /* AS64500 known again, the rest not */
	prove(3100, "198.51.101.0/24", 64500);
	all(false, 5000, "198.51.100.0/24", 0);
	all(false, 5000, "198.51.101.0/24", 0);
	all(true, 6000, "198.51.100.0/24", 64500);
	end_at(7000);
	ck_assert_uint_eq(S.nev, 2);                 /* AS64500 and EG, not AS64501 */
	for (size_t i = 0; i < 2; i++) {
		ck_assert_uint_eq(S.ev[i].start, 5000);
		ck_assert_uint_eq(S.ev[i].end, 6000);
		ck_assert(!S.ev[i].cut);
	}
	ck_assert(S.ev[0].kind == SCAN_AS && S.ev[0].id == 64500);
	ck_assert(S.ev[1].kind == SCAN_COUNTRY);
}
END_TEST

START_TEST(an_entity_with_half_its_prefixes_known_is_known)
{
	ck_assert(vis_add_gap(&V, 0, 2000, 3000));
	dump(TWO);
	prove(3100, "198.51.100.0/24", 64500);      /* one of AS64500's two */
	all(false, 5000, "198.51.100.0/24", 0);      /* the other stays unknown: level 0 */
	end_at(7000);
	ck_assert_uint_eq(S.nev, 2);
	ck_assert(S.ev[0].kind == SCAN_AS && S.ev[0].id == 64500 && S.ev[0].start == 5000);
}
END_TEST

START_TEST(a_prefix_dark_only_by_its_known_routes_is_no_outage)
{
	ck_assert(vis_add_gap(&V, 0, 2000, 3000));
	dump(TWO);
	/* two of four peers withdraw: dark by the known routes, but the two
	 * unknown ones would make it visible */
	for (unsigned k = 0; k < 2; k++)
		feed(ELEM_WITHDRAW, 5000, 100, peer_n(k), "203.0.113.0/24", 0);
	feed(ELEM_ANNOUNCE, 7000, 100, peer_n(0), "203.0.113.0/24", 64501);
	end_at(8000);
	ck_assert_uint_eq(S.nev, 0);
}
END_TEST

START_TEST(an_event_running_into_unknown_time_ends_there_cut)
{
	ck_assert(vis_add_gap(&V, 0, 2000, 3000));
	dump(TWO);
	all(false, 1500, "203.0.113.0/24", 0);
	end_at(4000);
	ck_assert_uint_eq(S.nev, 1);
	ck_assert_uint_eq(S.ev[0].start, 1500);
	ck_assert_uint_eq(S.ev[0].end, 2000);
	ck_assert(S.ev[0].cut);
	ck_assert(!S.ev[0].ongoing);
}
END_TEST

START_TEST(unknown_hours_are_left_out_of_the_normal)
{
	ck_assert(vis_add_gap(&V, 0, 2000, 30 * 3600));
	dump(TWO);
	for (uint32_t h = 9; h <= 29; h++)           /* hours of unknown time, level 0 */
		feed(ELEM_ANNOUNCE, h * 3600 + 10, 100, peer_n(0), "10.1.0.0/16", 131279);
	prove(30 * 3600 + 100, "198.51.100.0/24", 64500);
	prove(30 * 3600 + 100, "198.51.101.0/24", 64500);
	all(false, 31 * 3600, "198.51.100.0/24", 0);
	all(false, 31 * 3600, "198.51.101.0/24", 0);
	end_at(32 * 3600);
	ck_assert_uint_eq(S.nev, 2);                 /* against the normal of known time */
	ck_assert(S.ev[0].kind == SCAN_AS);
	ck_assert(S.ev[0].normal == 2);
}
END_TEST

START_TEST(the_origin_is_that_of_most_full_feed_holders)
{
	dump(TWO);
	/* one peer says another AS originates 203.0.113.0/24: still AS64501's */
	feed(ELEM_ANNOUNCE, 3000, 100, peer_n(0), "203.0.113.0/24", 64999);
	all(false, 5000, "203.0.113.0/24", 0);
	end_at(9000);
	ck_assert_uint_eq(S.nev, 1);
	ck_assert_uint_eq(S.ev[0].id, 64501);
}
END_TEST

START_TEST(without_delegations_there_are_no_countries)
{
	teardown();
	start(false);
	dump(TWO);
	all(false, 5000, "198.51.100.0/24", 0);
	all(false, 5000, "198.51.101.0/24", 0);
	end_at(9000);
	ck_assert_uint_eq(S.nev, 1);
	size_t nas, ncc;
	scan_counts(&S, &nas, &ncc);
	ck_assert_uint_eq(ncc, 0);
	ck_assert_uint_eq(nas, 3);
}
END_TEST

START_TEST(severity_is_share_lost_times_duration)
{
	dump(TWO);
	all(false, 5000, "203.0.113.0/24", 0);       /* 1000 s, depth 0 */
	all(true, 6000, "203.0.113.0/24", 64501);
	all(false, 7000, "198.51.100.0/24", 0);      /* 2000 s, depth 0 */
	all(false, 7000, "198.51.101.0/24", 0);
	all(true, 9000, "198.51.100.0/24", 64500);
	all(true, 9000, "198.51.101.0/24", 64500);
	end_at(9500);
	scan_sort(&S, SCAN_SORT_SEVERITY);
	ck_assert_uint_eq(S.nev, 3);
	ck_assert_uint_eq(S.ev[0].start, 7000);
	ck_assert_uint_eq(S.ev[2].start, 5000);
	ck_assert(scan_severity(&S.ev[2]) == 1000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("scan");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, an_as_losing_its_prefixes_is_an_event_and_so_is_its_country);
	tcase_add_test(tc, a_short_or_shallow_dip_is_no_event);
	tcase_add_test(tc, an_event_still_open_at_the_end_is_ongoing);
	tcase_add_test(tc, a_more_specific_inside_a_visible_less_specific_counts_once);
	tcase_add_test(tc, the_normal_level_is_the_median_of_the_hourly_samples);
	tcase_add_test(tc, an_unknown_entity_opens_no_event);
	tcase_add_test(tc, an_entity_is_unknown_only_while_its_own_prefixes_are);
	tcase_add_test(tc, an_entity_with_half_its_prefixes_known_is_known);
	tcase_add_test(tc, a_prefix_dark_only_by_its_known_routes_is_no_outage);
	tcase_add_test(tc, an_event_running_into_unknown_time_ends_there_cut);
	tcase_add_test(tc, unknown_hours_are_left_out_of_the_normal);
	tcase_add_test(tc, the_origin_is_that_of_most_full_feed_holders);
	tcase_add_test(tc, without_delegations_there_are_no_countries);
	tcase_add_test(tc, severity_is_share_lost_times_duration);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
