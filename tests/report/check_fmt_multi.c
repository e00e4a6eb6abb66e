/*
 * check_fmt_multi.c — unit tests for fmt_multi.c, bgpdump's -H layout, on
 * hand-built records and elements: one test per rule learnt from bgpdump
 * 1.6.2's output. Never: reads files.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "outbuf_testutil.h"
#include "report/fmt.h"

static struct outbuf O;
static struct bgpdump_style S;
static struct bgp_scratch SCRATCH;

static void setup(void)
{
	out_init(&O, -1);
	memset(&S, 0, sizeof S);
	S.scratch = &SCRATCH;
}

static const char *record(uint16_t type, uint16_t subtype, const uint8_t *body, size_t len)
{
	struct mrt_record rec = { .ts = 1419264900, .type = type, .subtype = subtype,
	                          .body = body, .len = len };
	dump_output_bgpdump_multi.record(&O, &rec, &S);
	return out_taken(&O);
}

#define MARKER 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, \
               0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff

/* BGP4MP_MESSAGE_AS4 head: peer AS 65001, local AS 65002, IPv4,
 * peer 10.0.0.1, local as given. */
#define HEAD_AS4(l0, l1, l2, l3) 0, 0, 0xfd, 0xe9, 0, 0, 0xfd, 0xea, 0, 0, 0, 1, \
                                 10, 0, 0, 1, l0, l1, l2, l3

START_TEST(keepalive_is_its_head_and_an_empty_line)
{
	static const uint8_t b[] = { HEAD_AS4(10, 0, 0, 2), MARKER, 0, 19, 4 };
	ck_assert_str_eq(record(MRT_BGP4MP, BGP4MP_MESSAGE_AS4, b, sizeof b),
	    "TIME: 12/22/14 16:15:00\nTYPE: BGP4MP/MESSAGE/Keepalive\n"
	    "FROM: 10.0.0.1 AS65001\nTO: 10.0.0.2 AS65002\n\n");
}
END_TEST

/* A message the collector sent (LOCAL subtypes) is from the local side;
 * an IPv4 address 0.0.0.0 of a message is N/A. */
START_TEST(local_messages_are_from_the_collector_and_zero_is_na)
{
	static const uint8_t b[] = { HEAD_AS4(0, 0, 0, 0), MARKER, 0, 19, 4 };
	ck_assert_str_eq(record(MRT_BGP4MP, BGP4MP_MESSAGE_AS4_LOCAL, b, sizeof b),
	    "TIME: 12/22/14 16:15:00\nTYPE: BGP4MP/MESSAGE_LOCAL/Keepalive\n"
	    "FROM: N/A AS65002\nTO: 10.0.0.1 AS65001\n\n");
}
END_TEST

START_TEST(notification_names_code_and_subcode_of_the_first_three)
{
	static const uint8_t open_err[] = { HEAD_AS4(10, 0, 0, 2), MARKER, 0, 21, 3, 2, 5 };
	static const uint8_t cease[] = { HEAD_AS4(10, 0, 0, 2), MARKER, 0, 21, 3, 6, 2 };
	static const uint8_t unknown[] = { HEAD_AS4(10, 0, 0, 2), MARKER, 0, 21, 3, 1, 9 };
	const char *head = "TIME: 12/22/14 16:15:00\nTYPE: BGP4MP/MESSAGE/Notify\n"
	                   "FROM: 10.0.0.1 AS65001\nTO: 10.0.0.2 AS65002\n";
	char want[512];

	snprintf(want, sizeof want, "%s    ERROR CODE  : 2 (OPEN Message Error)\n"
	         "    SUB ERROR   : 5 (Authentication Failure)\n\n", head);
	ck_assert_str_eq(record(MRT_BGP4MP, BGP4MP_MESSAGE_AS4, open_err, sizeof open_err), want);
	snprintf(want, sizeof want, "%s    ERROR CODE  : 6 (Cease)\n\n", head);
	ck_assert_str_eq(record(MRT_BGP4MP, BGP4MP_MESSAGE_AS4, cease, sizeof cease), want);
	snprintf(want, sizeof want, "%s    ERROR CODE  : 1 (Message Header Error)\n"
	         "    SUB ERROR   : 9\n\n", head);
	ck_assert_str_eq(record(MRT_BGP4MP, BGP4MP_MESSAGE_AS4, unknown, sizeof unknown), want);
}
END_TEST

START_TEST(open_shows_its_fields)
{
	static const uint8_t b[] = { HEAD_AS4(10, 0, 0, 2), MARKER, 0, 29, 1,
	                             4, 0xfd, 0xe9, 0, 180, 1, 2, 3, 4, 0 };
	ck_assert_str_eq(record(MRT_BGP4MP, BGP4MP_MESSAGE_AS4, b, sizeof b),
	    "TIME: 12/22/14 16:15:00\nTYPE: BGP4MP/MESSAGE/Open\n"
	    "FROM: 10.0.0.1 AS65001\nTO: 10.0.0.2 AS65002\n"
	    "VERSION: 4\nAS: 65001\nHOLD_TIME: 180\nID: 1.2.3.4\nOPT_PARM_LEN: 0\n\n");
}
END_TEST

/* States by name; past Deleted (8) bgpdump prints "(null)", mrtreach the
 * number (COMPATIBILITY). */
START_TEST(state_change_names_both_states)
{
	static const uint8_t b[] = { 0, 0, 0xfd, 0xe9, 0, 0, 0xfd, 0xea, 0, 0, 0, 1,
	                             10, 0, 0, 1, 10, 0, 0, 2, 0, 6, 0, 9 };
	ck_assert_str_eq(record(MRT_BGP4MP_ET, BGP4MP_STATE_CHANGE_AS4, b, sizeof b),
	    "TIME: 12/22/14 16:15:00.000000\nTYPE: BGP4MP_ET/STATE_CHANGE\n"
	    "PEER: 10.0.0.1 AS65001\nSTATE: Established/9\n\n");
}
END_TEST

/* Attributes in bgpdump's fixed order, whatever the order given (here
 * COMMUNITIES before ORIGINATOR_ID); the ones it does not decode as
 * UNKNOWN_ATTR lines; withdrawals before announcements. */
START_TEST(update_attributes_in_bgpdump_order)
{
	static const uint8_t b[] = {
		HEAD_AS4(10, 0, 0, 2), MARKER, 0, 19 + 2 + 2 + 2 + 39 + 3, 2,
		0, 2, 8, 10,                            /* withdrawn 10.0.0.0/8 */
		0, 39,
		0x40, 1, 1, 0,                          /* ORIGIN IGP */
		0xc0, 8, 4, 0xff, 0xff, 0xff, 0x01,     /* COMMUNITIES no-export */
		0x80, 9, 4, 9, 9, 9, 9,                 /* ORIGINATOR_ID */
		0xc0, 99, 2, 0xab, 0x01,                /* unknown type 99 */
		0x40, 2, 6, 2, 1, 0, 0, 0xfd, 0xe9,     /* AS_PATH 65001 */
		0x40, 3, 4, 10, 0, 0, 1,                /* NEXT_HOP */
		16, 11, 22,                             /* 11.22.0.0/16 */
	};
	ck_assert_str_eq(record(MRT_BGP4MP, BGP4MP_MESSAGE_AS4, b, sizeof b),
	    "TIME: 12/22/14 16:15:00\nTYPE: BGP4MP/MESSAGE/Update\n"
	    "FROM: 10.0.0.1 AS65001\nTO: 10.0.0.2 AS65002\n"
	    "ORIGIN: IGP\nASPATH: 65001\nNEXT_HOP: 10.0.0.1\nORIGINATOR_ID: 9.9.9.9\n"
	    "   UNKNOWN_ATTR(192, 99, 2): ab 01\nCOMMUNITY: no-export\n"
	    "WITHDRAW\n  10.0.0.0/8\nANNOUNCE\n  11.22.0.0/16\n\n");
}
END_TEST

/* RIB entries come from their elements, with what the record said. */
START_TEST(rib_entries_of_both_table_dumps)
{
	static const uint8_t td1[] = { 0, 3, 0, 7, 3, 0, 0, 0, 8, 1 };
	static const uint8_t td2[] = { 0, 0, 0, 42 };
	struct bgp_attrs a;
	struct elem e;

	memset(&a, 0, sizeof a);
	a.present = ATTR_BIT(BGP_ATTR_ORIGIN);
	a.origin = 1;
	memset(&e, 0, sizeof e);
	e.type = ELEM_RIB;
	e.mrt_type = MRT_TABLE_DUMP;
	e.mrt_subtype = TD_AFI_IPV4;
	e.ts = 1419264900;
	e.originated = 1419264000;
	ck_assert(addr_parse("10.0.0.2", &e.peer_ip));
	e.peer_as = 65001;
	ck_assert(prefix_parse("3.0.0.0/8", &e.prefix, false));
	e.attrs = &a;

	ck_assert_str_eq(record(MRT_TABLE_DUMP, TD_AFI_IPV4, td1, sizeof td1), "");
	dump_output_bgpdump_multi.elem(&O, &e, "", &S);
	ck_assert_str_eq(out_taken(&O),
	    "TIME: 12/22/14 16:15:00\nTYPE: TABLE_DUMP/INET\nVIEW: 3\nSEQUENCE: 7\n"
	    "PREFIX: 3.0.0.0/8\nFROM:10.0.0.2 AS65001\nORIGINATED: 12/22/14 16:00:00\n"
	    "ORIGIN: EGP\nSTATUS: 0x1\n\n");

	e.mrt_type = MRT_TABLE_DUMP_V2;
	e.mrt_subtype = TD2_RIB_IPV4_UNICAST_ADDPATH;
	e.has_path_id = true;
	e.path_id = 5;
	ck_assert_str_eq(record(MRT_TABLE_DUMP_V2, e.mrt_subtype, td2, sizeof td2), "");
	dump_output_bgpdump_multi.elem(&O, &e, "", &S);
	ck_assert_str_eq(out_taken(&O),
	    "TIME: 12/22/14 16:15:00\nTYPE: TABLE_DUMP_V2/IPV4_UNICAST_ADDPATH\n"
	    "PREFIX: 3.0.0.0/8 PATH_ID: 5\nSEQUENCE: 42\nFROM: 10.0.0.2 AS65001\n"
	    "ORIGINATED: 12/22/14 16:00:00\nORIGIN: EGP\n\n");
}
END_TEST

/* A message too short for its head prints nothing, never reads past it. */
START_TEST(short_records_print_nothing)
{
	static const uint8_t b[] = { HEAD_AS4(10, 0, 0, 2), MARKER, 0, 19, 4 };
	for (size_t n = 0; n < sizeof b; n++) {
		uint8_t *copy = malloc(n ? n : 1);
		memcpy(copy, b, n);
		ck_assert_str_eq(record(MRT_BGP4MP, BGP4MP_MESSAGE_AS4, copy, n), "");
		free(copy);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("fmt_multi");
	TCase *t = tcase_create("core");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, keepalive_is_its_head_and_an_empty_line);
	tcase_add_test(t, local_messages_are_from_the_collector_and_zero_is_na);
	tcase_add_test(t, notification_names_code_and_subcode_of_the_first_three);
	tcase_add_test(t, open_shows_its_fields);
	tcase_add_test(t, state_change_names_both_states);
	tcase_add_test(t, update_attributes_in_bgpdump_order);
	tcase_add_test(t, rib_entries_of_both_table_dumps);
	tcase_add_test(t, short_records_print_nothing);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
