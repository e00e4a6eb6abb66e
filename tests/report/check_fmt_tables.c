/*
 * check_fmt_tables.c — unit tests for fmt_peers.c and fmt_stats.c: each
 * format's table writes its own layout, and the text, TSV and JSON of one
 * input agree. Never: decodes bytes; the input is counted by hand.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "outbuf_testutil.h"
#include "report/fmt_peers.h"
#include "report/fmt_stats.h"

static struct outbuf O;

static const char *text(void)
{
	return out_taken(&O);
}

/* One vantage point, 10.0.0.2 AS65001 at collector "rrc00", that announced
 * one prefix at 2014-12-22 00:00:00 and no RIB dump: sizes unknown. */
static struct peers P;
static char *NAMES[] = { "rrc00" };
static uint32_t ORDER[] = { 0 };

static void one_peer(void)
{
	peers_init(&P, 0.9);
	struct elem e;
	memset(&e, 0, sizeof e);
	e.type = ELEM_ANNOUNCE;
	e.ts = 1419206400;
	ck_assert(addr_parse("10.0.0.2", &e.peer_ip));
	e.peer_as = 65001;
	ck_assert(prefix_parse("192.0.2.0/24", &e.prefix, false));
	e.safi = SAFI_UNICAST;
	peers_elem(&P, &e);
	ck_assert_uint_eq(P.vt.n, 1);
	out_init(&O, -1);
}

static void peers_done(void)
{
	peers_free(&P);
}

static const char *peers_in(enum report_fmt f)
{
	const struct peers_report r = { .p = &P, .names = NAMES, .nnames = 1, .order = ORDER };
	peers_outputs[f]->report(&O, &r);
	return text();
}

START_TEST(peers_text_aligns_columns_under_their_heads)
{
	ck_assert_str_eq(peers_in(REPORT_TEXT),
	    "collector  peer         AS  IPv4  IPv6  full-feed  states  announced  withdrawn  "
	    "first seen (UTC)     last seen (UTC)\n"
	    "rrc00      10.0.0.2  65001     -     -  ?               0          1          0  "
	    "2014-12-22 00:00:00  2014-12-22 00:00:00\n");
}
END_TEST

START_TEST(peers_tsv_says_dash_for_unknown_sizes_and_flags)
{
	ck_assert_str_eq(peers_in(REPORT_TSV),
	    "#collector\tpeer\tpeer_as\tipv4_routes\tipv6_routes\tfull_feed_ipv4\tfull_feed_ipv6\t"
	    "state_changes\tannouncements\twithdrawals\tfirst_seen\tfirst_seen_ts\tlast_seen\t"
	    "last_seen_ts\n"
	    "rrc00\t10.0.0.2\t65001\t-\t-\t-\t-\t0\t1\t0\t2014-12-22T00:00:00Z\t1419206400\t"
	    "2014-12-22T00:00:00Z\t1419206400\n");
}
END_TEST

START_TEST(peers_json_says_null_for_unknown_sizes_and_flags)
{
	ck_assert_str_eq(peers_in(REPORT_JSON),
	    "{\"collector\":\"rrc00\",\"peer\":\"10.0.0.2\",\"peer_as\":65001,\"ipv4_routes\":null,"
	    "\"ipv6_routes\":null,\"full_feed_ipv4\":null,\"full_feed_ipv6\":null,\"state_changes\":0,"
	    "\"announcements\":1,\"withdrawals\":0,\"first_seen\":\"2014-12-22T00:00:00Z\","
	    "\"first_seen_ts\":1419206400,\"last_seen\":\"2014-12-22T00:00:00Z\","
	    "\"last_seen_ts\":1419206400}\n");
}
END_TEST

/* Input with no record at all: one file of collector "rrc00". */
static struct stats S;
static struct decode_stats DS;

static void empty_input(void)
{
	stats_init(&S);
	memset(&DS, 0, sizeof DS);
	out_init(&O, -1);
}

static void stats_done(void)
{
	stats_free(&S);
}

static const char *stats_in(enum report_fmt f)
{
	const struct stats_report r = { .s = &S, .files = 1, .collectors = NAMES, .ncollectors = 1,
	                                 .ds = &DS };
	stats_outputs[f]->report(&O, &r);
	return text();
}

START_TEST(stats_text_of_no_record_says_none)
{
	const char *t = stats_in(REPORT_TEXT);
	ck_assert_ptr_nonnull(strstr(t, "files                  1\ncollectors             1 (rrc00)\n"
	                                "first record           none\nrecords                0\n"));
	ck_assert_ptr_nonnull(strstr(t, "peers                  0 vantage points, 0 peer addresses\n"));
}
END_TEST

START_TEST(stats_tsv_of_no_record_leaves_out_the_times)
{
	const char *t = stats_in(REPORT_TSV);
	ck_assert(strncmp(t, "#key\tvalue\nfiles\t1\ncollectors\t1\ncollector\trrc00\nrecords\t0\n", 58) == 0);
	ck_assert_ptr_null(strstr(t, "first_record"));
}
END_TEST

START_TEST(stats_json_of_no_record_has_null_times_on_one_line)
{
	const char *t = stats_in(REPORT_JSON);
	ck_assert(strncmp(t, "{\"files\":1,\"collectors\":[\"rrc00\"],\"first_record\":null,", 53) == 0);
	ck_assert_ptr_nonnull(strstr(t, "\"peer_addresses\":0,\"coverage\":[]}\n"));
	ck_assert_ptr_eq(strchr(t, '\n'), t + strlen(t) - 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fmt_tables");
	ADD_TESTS(s, "peers", one_peer, peers_done, peers_text_aligns_columns_under_their_heads,
	          peers_tsv_says_dash_for_unknown_sizes_and_flags,
	          peers_json_says_null_for_unknown_sizes_and_flags);
	ADD_TESTS(s, "stats", empty_input, stats_done, stats_text_of_no_record_says_none,
	          stats_tsv_of_no_record_leaves_out_the_times,
	          stats_json_of_no_record_has_null_times_on_one_line);
	return run_suite(s);
}
