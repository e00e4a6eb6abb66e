/*
 * check_catalogue.c — unit tests for catalogue.c.
 * Owns: real archive names and paths across eras (route-views2 in 2008, 2014
 * and after its July 2026 rename, rrc00 in 2000 and 2014), the collectors
 * that are not or no longer there, listings (HTML and plain, drifting
 * minutes), the latest-RIB and overlap rules at their edges, and the
 * property that the update files chosen for any window cover it with no gap
 * and no extra file.
 * Never: touches the network or files.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "io/catalogue.h"

/* 2014-12-22 00:00:00 UTC */
#define D20141222 1419206400
#define H 3600
#define MIN 60

static int nwarn;
static char lastwarn[512];

static void warn(void *arg, const char *msg)
{
	(void)arg;
	nwarn++;
	snprintf(lastwarn, sizeof lastwarn, "%s", msg);
}

struct sel { struct arch_file *v; size_t n, cap; };

static struct sel pick(const char *name, int64_t s, int64_t e, unsigned want,
                       const struct arch_listing *l)
{
	struct sel r = { 0 };
	const struct arch_collector *c = arch_collector_find(name);
	ck_assert_ptr_nonnull(c);
	nwarn = 0;
	lastwarn[0] = '\0';
	ck_assert_int_ge(arch_select(c, s, e, want, l, &r.v, &r.n, &r.cap, warn, NULL), 0);
	return r;
}

static const char *url(const struct arch_file *f)
{
	static char u[512];
	arch_file_url(f, u, sizeof u);
	return u;
}

/* r holds exactly the files whose URLs are want[0..n) (NULL: any URL). */
static void urls_are(const struct sel *r, const char *const *want, size_t n)
{
	ck_assert_uint_eq(r->n, n);
	for (size_t i = 0; i < n; i++)
		if (want[i])
			ck_assert_str_eq(url(&r->v[i]), want[i]);
}
#define URLS_ARE(r, ...) urls_are(&(r), ARRAY_N(const char *, __VA_ARGS__))

static int64_t name_time(const char *name)
{
	enum arch_project p;
	enum arch_kind k;
	int64_t t;
	ck_assert_msg(arch_name_parse(name, strlen(name), &p, &k, &t), "%s", name);
	return t;
}

START_TEST(route_views2_2014_is_under_bgpdata_without_a_collector_folder)
{
	struct sel r = pick("route-views2", D20141222 + 16 * H + 15 * MIN, D20141222 + 16 * H + 45 * MIN,
	                    ARCH_WANT_RIB | ARCH_WANT_UPDATES, NULL);
	URLS_ARE(r, "https://archive.routeviews.org/bgpdata/2014.12/RIBS/rib.20141222.1600.bz2",
	         "https://archive.routeviews.org/bgpdata/2014.12/UPDATES/updates.20141222.1615.bz2",
	         "https://archive.routeviews.org/bgpdata/2014.12/UPDATES/updates.20141222.1630.bz2");
	ck_assert(!r.v[0].nominal && !r.v[2].nominal);
	ck_assert_int_eq(nwarn, 1);                     /* 16:00-16:15 left out: said */
	ck_assert_ptr_nonnull(strstr(lastwarn, "--from-rib"));
	char local[256];
	arch_file_local(&r.v[1], local, sizeof local);
	ck_assert_str_eq(local, "route-views2/bgpdata/2014.12/UPDATES/updates.20141222.1615.bz2");
	free(r.v);
}
END_TEST

START_TEST(route_views2_after_the_july_2026_rename_has_its_own_folder)
{
	int64_t aug = name_time("rib.20260801.0000.bz2"), june = name_time("rib.20260630.2200.bz2");
	struct sel r = pick("route-views2", aug, aug + 1, ARCH_WANT_RIB, NULL);
	ck_assert_str_eq(url(&r.v[0]), "https://archive.routeviews.org/route-views2/bgpdata/2026.08/RIBS/rib.20260801.0000.bz2");
	free(r.v);
	r = pick("route-views2", june, june + 1, ARCH_WANT_RIB, NULL);
	ck_assert_str_eq(url(&r.v[0]), "https://archive.routeviews.org/bgpdata/2026.06/RIBS/rib.20260630.2200.bz2");
	free(r.v);
}
END_TEST

START_TEST(other_routeviews_collectors_have_their_folder_and_bgpdata)
{
	struct sel r = pick("route-views.linx", D20141222, D20141222 + 1, ARCH_WANT_RIB | ARCH_WANT_UPDATES, NULL);
	URLS_ARE(r, "https://archive.routeviews.org/route-views.linx/bgpdata/2014.12/RIBS/rib.20141222.0000.bz2",
	         "https://archive.routeviews.org/route-views.linx/bgpdata/2014.12/UPDATES/updates.20141222.0000.bz2");
	free(r.v);
}
END_TEST

START_TEST(rrc00_2014_bview_at_00_08_16_and_updates_every_5_minutes)
{
	struct sel r = pick("rrc00", D20141222 + 7 * H + 59 * MIN, D20141222 + 8 * H + 10 * MIN,
	                    ARCH_WANT_RIB | ARCH_WANT_UPDATES, NULL);
	URLS_ARE(r, "https://data.ris.ripe.net/rrc00/2014.12/bview.20141222.0000.gz",
	         "https://data.ris.ripe.net/rrc00/2014.12/updates.20141222.0755.gz", NULL,
	         "https://data.ris.ripe.net/rrc00/2014.12/updates.20141222.0805.gz");
	ck_assert_int_eq(r.v[2].span, 300);
	free(r.v);
	r = pick("rrc00", D20141222 + 16 * H, D20141222 + 16 * H + 1, ARCH_WANT_RIB, NULL);
	ck_assert_str_eq(r.v[0].name, "bview.20141222.1600.gz");
	char local[256];
	arch_file_local(&r.v[0], local, sizeof local);
	ck_assert_str_eq(local, "rrc00/2014.12/bview.20141222.1600.gz");
	free(r.v);
}
END_TEST

START_TEST(rrc00_2000_names_are_nominal_and_a_listing_gives_the_real_ones)
{
	int64_t t = name_time("updates.20010101.0600.gz");
	struct sel r = pick("rrc00", t + 10 * MIN, t + 20 * MIN, ARCH_WANT_RIB | ARCH_WANT_UPDATES, NULL);
	ck_assert(r.v[0].nominal);
	ck_assert_int_eq(r.v[1].span, 900);              /* 15-minute updates in the early years */
	ck_assert_int_ge(nwarn, 1);
	ck_assert_ptr_nonnull(strstr(lastwarn, "--listing"));
	free(r.v);

	static const char html[] =
	    "<html><body><pre>\n"
	    "<a href=\"bview.20010101.0609.gz\">bview.20010101.0609.gz</a> 01-Jan-2001 06:20  12M\n"
	    "<a href=\"updates.20010101.0554.gz\">updates.20010101.0554.gz</a>\n"
	    "<a href=\"updates.20010101.0609.gz\">updates.20010101.0609.gz</a>\n"
	    "<a href=\"updates.20010101.0624.gz\">updates.20010101.0624.gz</a>\n"
	    "<a href=\"updates.20010101.0639.gz\">updates.20010101.0639.gz</a>\n"
	    "</pre></body></html>\n";
	struct arch_listing l = { 0 };
	ck_assert_int_eq(arch_listing_add(&l, html, sizeof html - 1), 5);
	r = pick("rrc00", t + 10 * MIN, t + 20 * MIN, ARCH_WANT_RIB | ARCH_WANT_UPDATES, &l);
	ck_assert_uint_eq(r.n, 2);                        /* 0609 covers [06:09, 06:24) */
	ck_assert_str_eq(url(&r.v[0]), "https://data.ris.ripe.net/rrc00/2001.01/bview.20010101.0609.gz");
	ck_assert_str_eq(r.v[1].name, "updates.20010101.0609.gz");
	ck_assert_int_eq(r.v[1].span, 15 * MIN);
	ck_assert(!r.v[1].nominal);
	free(r.v);
	arch_listing_free(&l);
}
END_TEST

START_TEST(route_views2_feb_2008_drifting_minutes_come_from_the_listing)
{
	/* A plain listing of route-views2's 2008.02/UPDATES: 16-minute files
	 * drifting, reset by a 17-minute one every two hours. */
	static const char plain[] =
	    "updates.20080224.1602.bz2\nupdates.20080224.1618.bz2\nupdates.20080224.1634.bz2\n"
	    "updates.20080224.1650.bz2\nupdates.20080224.1706.bz2\nupdates.20080224.1722.bz2\n"
	    "updates.20080224.1738.bz2\nupdates.20080224.1745.bz2\nupdates.20080224.1802.bz2\n"
	    "updates.20080224.1818.bz2\nupdates.20080224.1834.bz2\nupdates.20080224.1850.bz2\n"
	    "rib.20080224.1559.bz2\nrib.20080224.1759.bz2\n";
	struct arch_listing l = { 0 };
	ck_assert_int_eq(arch_listing_add(&l, plain, sizeof plain - 1), 14);
	int64_t s = name_time("updates.20080224.1847.bz2");   /* the YouTube hijack: 18:47 */
	struct sel r = pick("route-views2", s - 30 * MIN, s, ARCH_WANT_RIB | ARCH_WANT_UPDATES, &l);
	ck_assert_uint_eq(r.n, 4);
	ck_assert_str_eq(url(&r.v[0]), "https://archive.routeviews.org/bgpdata/2008.02/RIBS/rib.20080224.1759.bz2");
	ck_assert_str_eq(r.v[1].name, "updates.20080224.1802.bz2");
	ck_assert_str_eq(r.v[2].name, "updates.20080224.1818.bz2");
	ck_assert_str_eq(r.v[3].name, "updates.20080224.1834.bz2");
	ck_assert_int_eq(r.v[3].span, 16 * MIN);
	ck_assert(!r.v[1].nominal);
	ck_assert_int_eq(nwarn, 1);                     /* only: 17:59 to 18:17 left out */
	ck_assert_ptr_nonnull(strstr(lastwarn, "--from-rib"));
	free(r.v);
	/* Past the listing's last file: said, not guessed. */
	r = pick("route-views2", s, s + 2 * H, ARCH_WANT_UPDATES, &l);
	ck_assert_ptr_nonnull(strstr(lastwarn, "next month"));
	free(r.v);
	arch_listing_free(&l);
}
END_TEST

START_TEST(the_latest_rib_at_or_before_the_start_and_the_end_excluded)
{
	struct sel r = pick("route-views2", D20141222 + 2 * H, D20141222 + 2 * H + 15 * MIN,
	                    ARCH_WANT_RIB | ARCH_WANT_UPDATES, NULL);
	ck_assert_uint_eq(r.n, 2);                      /* rib 0200 and updates 0200 only */
	ck_assert_str_eq(r.v[0].name, "rib.20141222.0200.bz2");
	ck_assert_str_eq(r.v[1].name, "updates.20141222.0200.bz2");
	free(r.v);
	r = pick("route-views2", D20141222 + 2 * H - 1, D20141222 + 2 * H, ARCH_WANT_RIB | ARCH_WANT_UPDATES, NULL);
	ck_assert_uint_eq(r.n, 2);
	ck_assert_str_eq(r.v[0].name, "rib.20141222.0000.bz2");
	ck_assert_str_eq(r.v[1].name, "updates.20141222.0145.bz2");
	free(r.v);
	r = pick("rrc00", D20141222 + 16 * H, D20141222 + 20 * H, ARCH_WANT_RIB, NULL);
	ck_assert_uint_eq(r.n, 1);
	free(r.v);
	r = pick("rrc00", D20141222 + 16 * H, D20141222 + 20 * H, ARCH_WANT_UPDATES, NULL);
	ck_assert_uint_eq(r.n, 48);
	free(r.v);
}
END_TEST

START_TEST(from_rib_lists_the_updates_from_the_rib_on)
{
	struct sel r = pick("rrc00", D20141222 + 9 * H, D20141222 + 9 * H + 1,
	                    ARCH_WANT_RIB | ARCH_WANT_UPDATES | ARCH_FROM_RIB, NULL);
	ck_assert_uint_eq(r.n, 1 + 12 * 1 + 1);         /* bview 0800, updates 0800 ... 0900 */
	ck_assert_str_eq(r.v[0].name, "bview.20141222.0800.gz");
	ck_assert_str_eq(r.v[1].name, "updates.20141222.0800.gz");
	ck_assert_str_eq(r.v[r.n - 1].name, "updates.20141222.0900.gz");
	ck_assert_int_eq(nwarn, 0);
	free(r.v);
}
END_TEST

START_TEST(there_is_no_rrc17_and_decommissioned_collectors_end)
{
	ck_assert_ptr_null(arch_collector_find("rrc17"));
	static const char *const gone[] = { "rrc02", "rrc08", "rrc09" };
	for (int i = 0; i < 3; i++) {
		const struct arch_collector *c = arch_collector_find(gone[i]);
		ck_assert_ptr_nonnull(c);
		ck_assert_int_gt(c->last, c->first);
		struct sel r = pick(gone[i], D20141222, D20141222 + H, ARCH_WANT_RIB | ARCH_WANT_UPDATES, NULL);
		ck_assert_uint_eq(r.n, 0);
		ck_assert_ptr_nonnull(strstr(lastwarn, "decommissioned"));
		free(r.v);
	}
	for (int i = 0; i <= 26; i++) {
		char name[16];   /* room for any int: -Wformat-truncation at -O1 */
		snprintf(name, sizeof name, "rrc%02d", i);
		ck_assert_msg((arch_collector_find(name) != NULL) == (i != 17), "%s", name);
	}
	/* route-views2's first files: 26 Oct 2001. */
	ck_assert_int_eq(arch_collector_find("route-views2")->first, name_time("rib.20011026.0000.bz2"));
}
END_TEST

START_TEST(names_parse_only_when_they_are_real_archive_names)
{
	enum arch_project p;
	enum arch_kind k;
	int64_t t;
	ck_assert(arch_name_parse("bview.20141222.1600.gz", 22, &p, &k, &t));
	ck_assert_int_eq(p, ARCH_RIS);
	ck_assert_int_eq(k, ARCH_RIB);
	ck_assert_int_eq(t, D20141222 + 16 * H);
	ck_assert(arch_name_parse("updates.20141222.1615.bz2", 25, &p, &k, &t));
	ck_assert_int_eq(p, ARCH_RV);
	ck_assert_int_eq(k, ARCH_UPDATES);
	ck_assert(!arch_name_parse("rib.20140431.0000.bz2", 21, &p, &k, &t));    /* 31 April */
	ck_assert(!arch_name_parse("rib.20141222.2400.bz2", 21, &p, &k, &t));
	ck_assert(!arch_name_parse("rib.20141222.0000.gz", 20, &p, &k, &t));     /* RIS names it bview */
	ck_assert(!arch_name_parse("bview.20141222.0000.bz2", 23, &p, &k, &t));
	ck_assert(!arch_name_parse("updates.20141222.0000.bz2.tmp", 29, &p, &k, &t));
}
END_TEST

/* Property: for random collectors and windows, the update files chosen cover
 * [start, end) with no gap and no extra file, in time order. */
START_TEST(update_files_cover_any_window_with_no_gap_and_no_extra_file)
{
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < 3000; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		const struct arch_collector *c = arch_collector_at(x % arch_collector_count());
		int64_t span = (int64_t)(x >> 20) % (3 * 86400) + 1;
		int64_t base = c->first + (int64_t)((x >> 8) % (20ull * 365 * 86400));
		if (c->last && base + span > c->last)
			continue;
		struct sel r = pick(c->name, base, base + span, ARCH_WANT_UPDATES, NULL);
		ck_assert_uint_gt(r.n, 0);
		ck_assert_int_le(r.v[0].time, base);
		ck_assert_int_gt(r.v[0].time + r.v[0].span, base);
		for (size_t j = 1; j < r.n; j++)
			ck_assert_int_eq(r.v[j - 1].time + r.v[j - 1].span, r.v[j].time);
		ck_assert_int_lt(r.v[r.n - 1].time, base + span);
		ck_assert_int_ge(r.v[r.n - 1].time + r.v[r.n - 1].span, base + span);
		free(r.v);
	}
}
END_TEST

/* The same with listings of drifting names. */
START_TEST(listed_update_files_cover_any_window_inside_the_listing)
{
	char text[65536];
	size_t len = 0;
	int64_t t0 = name_time("updates.20080201.0002.bz2"), t = t0;
	uint64_t x = 12345;
	for (int i = 0; i < 1500; i++) {
		char name[64];
		int64_t mm = t / 60 % 60, hh = t / 3600 % 24, d = (t - name_time("updates.20080201.0000.bz2")) / 86400 + 1;
		snprintf(name, sizeof name, "updates.200802%02lld.%02lld%02lld.bz2\n", (long long)d, (long long)hh, (long long)mm);
		len += (size_t)snprintf(text + len, sizeof text - len, "%s", name);
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		t += (int64_t)(14 + x % 4) * 60;
	}
	struct arch_listing l = { 0 };
	ck_assert_int_eq(arch_listing_add(&l, text, len), 1500);
	for (int i = 0; i < 500; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		int64_t s = t0 + (int64_t)(x % (uint64_t)(t - t0 - 4 * H)), e = s + 1 + (int64_t)((x >> 32) % (3 * H));
		struct sel r = pick("route-views2", s, e, ARCH_WANT_UPDATES, &l);
		ck_assert_int_eq(nwarn, 0);
		ck_assert_int_le(r.v[0].time, s);
		ck_assert_int_gt(r.v[0].time + r.v[0].span, s);
		for (size_t j = 1; j < r.n; j++)
			ck_assert_int_eq(r.v[j - 1].time + r.v[j - 1].span, r.v[j].time);
		ck_assert_int_lt(r.v[r.n - 1].time, e);
		ck_assert_int_ge(r.v[r.n - 1].time + r.v[r.n - 1].span, e);
		free(r.v);
	}
	arch_listing_free(&l);
}
END_TEST

START_TEST(shards_split_at_the_next_rib)
{
	const struct arch_collector *c = arch_collector_find("rrc00");
	ck_assert_int_eq(arch_next_rib(c, D20141222 + 3 * H, NULL), D20141222 + 8 * H);
	ck_assert_int_eq(arch_next_rib(c, D20141222 + 8 * H, NULL), D20141222 + 16 * H);
	c = arch_collector_find("route-views2");
	ck_assert_int_eq(arch_next_rib(c, D20141222 + 3 * H, NULL), D20141222 + 4 * H);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("catalogue");
	TCase *tc = ADD_TESTS(s, "catalogue", NULL, NULL,
	                      route_views2_2014_is_under_bgpdata_without_a_collector_folder,
	                      route_views2_after_the_july_2026_rename_has_its_own_folder,
	                      other_routeviews_collectors_have_their_folder_and_bgpdata,
	                      rrc00_2014_bview_at_00_08_16_and_updates_every_5_minutes,
	                      rrc00_2000_names_are_nominal_and_a_listing_gives_the_real_ones,
	                      route_views2_feb_2008_drifting_minutes_come_from_the_listing,
	                      the_latest_rib_at_or_before_the_start_and_the_end_excluded,
	                      from_rib_lists_the_updates_from_the_rib_on,
	                      there_is_no_rrc17_and_decommissioned_collectors_end,
	                      names_parse_only_when_they_are_real_archive_names,
	                      update_files_cover_any_window_with_no_gap_and_no_extra_file,
	                      listed_update_files_cover_any_window_inside_the_listing,
	                      shards_split_at_the_next_rib);
	tcase_set_timeout(tc, 60);
	return run_suite(s);
}
