/*
 * check_identity.c — unit tests for identity.c.
 * Owns: the findings about collector identity (two RIB collector IDs in
 * one collector, update peers absent from the RIB peer tables).
 * Never: reads files.
 */
#include <check.h>
#include <string.h>

#include "check_run.h"
#include "state/identity.h"

static char lines[4][1024];
static size_t nlines;

static void collect(const char *msg, void *arg)
{
	(void)arg;
	if (nlines < 4)
		snprintf(lines[nlines], sizeof lines[0], "%s", msg);
	nlines++;
}

static const char *const names[] = { "rrc00", "mixed" };
static const char *const paths[] = { "rrc00/bview", "rrc00/updates", "mixed/rib", "mixed/bview",
	                              "mixed/updates" };

static struct addr ip(const char *s)
{
	struct addr a;
	ck_assert(addr_parse(s, &a));
	return a;
}

static size_t findings(const struct identity *id)
{
	nlines = 0;
	return identity_findings(id, names, 2, paths, 5, collect, NULL);
}

START_TEST(a_collector_whose_data_agrees_has_no_finding)
{
	struct identity *id = identity_new(2);
	struct addr a = ip("192.0.2.1"), b = ip("2001:db8::1");
	identity_rib(id, 0, 0, 0xc1000401, "");
	identity_rib_peer(id, 0, &a);
	identity_rib_peer(id, 0, &b);
	identity_rib(id, 0, 0, 0xc1000401, "");    /* a second dump of the same collector */
	identity_update_peer(id, 0, 1, &a);
	identity_update_peer(id, 0, 1, &a);
	identity_update_peer(id, 0, 1, &b);
	ck_assert_uint_eq(findings(id), 0);
	identity_free(id);
}
END_TEST

START_TEST(two_rib_collector_ids_in_one_collector_are_reported)
{
	struct identity *id = identity_new(2);
	identity_rib(id, 1, 2, 0x80df3366, "");
	identity_rib(id, 1, 3, 0xc100041c, "rrc00");
	ck_assert_uint_eq(findings(id), 1);
	ck_assert_ptr_nonnull(strstr(lines[0], "collector 'mixed': its RIB dumps come from 2 collectors "
	                      "(BGP ID 128.223.51.102 in mixed/rib, BGP ID 193.0.4.28 view 'rrc00' in mixed/bview)"));
	identity_free(id);
}
END_TEST

START_TEST(update_peers_absent_from_the_rib_peer_table_are_reported_once)
{
	struct identity *id = identity_new(2);
	struct addr a = ip("192.0.2.1"), b = ip("198.51.100.7"), c = ip("203.0.113.9");
	identity_rib(id, 1, 2, 1, "");
	identity_rib_peer(id, 1, &a);
	identity_update_peer(id, 1, 4, &a);
	identity_update_peer(id, 1, 4, &b);
	identity_update_peer(id, 1, 4, &c);
	identity_update_peer(id, 0, 1, &c);        /* no RIB for rrc00: nothing to check */
	ck_assert_uint_eq(findings(id), 1);
	ck_assert_ptr_nonnull(strstr(lines[0], "collector 'mixed': 2 of the 3 peers in its update files "
	                      "are in none of its RIB dumps' peer tables"));
	ck_assert_ptr_nonnull(strstr(lines[0], " in mixed/updates)"));
	identity_free(id);
}
END_TEST

START_TEST(many_peers_grow_the_table)
{
	struct identity *id = identity_new(1);
	identity_rib(id, 0, 0, 1, "");
	for (unsigned i = 0; i < 2000; i++) {
		struct addr a = { .afi = AFI_IPV4, .b = { 10, (uint8_t)(i >> 8), (uint8_t)i, 1 } };
		identity_rib_peer(id, 0, &a);
		identity_update_peer(id, 0, 1, &a);
	}
	ck_assert_uint_eq(findings(id), 0);
	identity_free(id);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("identity");
	TCase *tc = tcase_create("identity");
	tcase_add_test(tc, a_collector_whose_data_agrees_has_no_finding);
	tcase_add_test(tc, two_rib_collector_ids_in_one_collector_are_reported);
	tcase_add_test(tc, update_peers_absent_from_the_rib_peer_table_are_reported_once);
	tcase_add_test(tc, many_peers_grow_the_table);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
