/*
 * check_fmt.c — unit tests for fmt_bgpdump.c and fmt_json.c on hand-built
 * elements: one test per formatting rule (bgpdump's layout, its IPv6 text,
 * the JSON schema and escaping). Never: decodes bytes.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "outbuf_testutil.h"
#include "report/fmt.h"
#include "report/fmt_int.h"
#include <signal.h>

static struct outbuf O;
static struct bgp_attrs AT;
static uint8_t PATHBUF[256];
static uint8_t COMMBUF[64];

static const char *line(void)
{
	return out_taken(&O);
}

static struct addr ip(const char *s)
{
	struct addr a;
	ck_assert(addr_parse(s, &a));
	return a;
}

static struct elem route(enum elem_type t, uint16_t type, uint16_t subtype)
{
	struct elem e;
	memset(&e, 0, sizeof e);
	e.type = t;
	e.mrt_type = type;
	e.mrt_subtype = subtype;
	e.ts = 1419264900;
	e.peer_ip = ip("10.0.0.2");
	e.peer_as = 65001;
	ck_assert(prefix_parse("3.0.0.0/8", &e.prefix, false));
	e.safi = SAFI_UNICAST;
	if (t == ELEM_RIB || t == ELEM_ANNOUNCE) {
		e.attrs = &AT;
		e.nexthop = ip("10.0.0.1");
	}
	return e;
}

/* AS path from (type, count, asns...) groups ending with 0. */
static void path(const uint32_t *spec)
{
	size_t n = 0;
	while (*spec) {
		uint32_t type = *spec++, count = *spec++;
		PATHBUF[n++] = (uint8_t)type;
		PATHBUF[n++] = (uint8_t)count;
		for (uint32_t i = 0; i < count; i++, spec++) {
			PATHBUF[n++] = (uint8_t)(*spec >> 24);
			PATHBUF[n++] = (uint8_t)(*spec >> 16);
			PATHBUF[n++] = (uint8_t)(*spec >> 8);
			PATHBUF[n++] = (uint8_t)*spec;
		}
	}
	AT.as_path = cur_make(PATHBUF, n);
	AT.present |= ATTR_BIT(BGP_ATTR_AS_PATH);
}

static void communities(const uint32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		COMMBUF[4 * i] = (uint8_t)(v[i] >> 24);
		COMMBUF[4 * i + 1] = (uint8_t)(v[i] >> 16);
		COMMBUF[4 * i + 2] = (uint8_t)(v[i] >> 8);
		COMMBUF[4 * i + 3] = (uint8_t)v[i];
	}
	AT.communities = cur_make(COMMBUF, 4 * n);
	AT.present |= ATTR_BIT(BGP_ATTR_COMMUNITIES);
}

/* e as bgpdump -m prints it. */
static const char *as_bgpdump(const struct elem *e)
{
	fmt_bgpdump(&O, e);
	return line();
}

/* e as the JSON line of collector. */
static const char *as_json(const struct elem *e, const char *collector)
{
	fmt_json(&O, e, collector);
	return line();
}

static void setup(void)
{
	out_init(&O, -1);
	memset(&AT, 0, sizeof AT);
	AT.present = ATTR_BIT(BGP_ATTR_ORIGIN);
}

/* -M: date text in UTC, A and B lines end at ORIGIN; -p second field. */
START_TEST(human_time_ends_route_lines_at_origin)
{
	static const uint32_t spec[] = { 2, 2, 1, 2, 0 };
	struct bgpdump_style st = { .human_time = true, .index = true, .cur_index = 7 };
	struct elem e = route(ELEM_ANNOUNCE, MRT_BGP4MP, 4);
	path(spec);
	fmt_bgpdump_style(&O, &e, &st);
	ck_assert_str_eq(line(), "BGP4MP|7|12/22/14 16:15:00|A|10.0.0.2|65001|3.0.0.0/8|1 2|IGP\n");
	e.type = ELEM_WITHDRAW;
	e.ts++;
	fmt_bgpdump_style(&O, &e, &st);
	ck_assert_str_eq(line(), "BGP4MP|7|12/22/14 16:15:01|W|10.0.0.2|65001|3.0.0.0/8\n");
}
END_TEST

/* -t change: a RIB route's originated time; other elements keep theirs. */
START_TEST(change_time_is_the_originated_time_of_rib_routes)
{
	struct bgpdump_style st = { .change_time = true };
	struct elem e = route(ELEM_RIB, MRT_TABLE_DUMP_V2, 2);
	e.originated = 1400000000;
	fmt_bgpdump_style(&O, &e, &st);
	ck_assert_str_eq(line(), "TABLE_DUMP2|1400000000|B|10.0.0.2|65001|3.0.0.0/8||IGP|10.0.0.1|0|0||NAG||\n");
	e = route(ELEM_ANNOUNCE, MRT_BGP4MP, 4);
	e.originated = 1400000000;
	fmt_bgpdump_style(&O, &e, &st);
	ck_assert_str_eq(line(), "BGP4MP|1419264900|A|10.0.0.2|65001|3.0.0.0/8||IGP|10.0.0.1|0|0||NAG||\n");
}
END_TEST

/* -l after the communities, -u last: unknown types as type:flags:hex,
 * the attributes bgpdump decodes left out; legacy BGP lines get neither. */
START_TEST(large_and_unassigned_fields)
{
	static const uint8_t large[] = { 0xfa, 0x56, 0xea, 0x00, 0, 0, 0, 1, 0, 0, 0, 2 };
	static const uint8_t raw[] = {
		0x40, 1, 1, 0,                                  /* ORIGIN: decoded */
		0xc0, 16, 8, 0, 2, 0x33, 0x89, 0, 0, 0, 1,      /* extended communities */
		0xc0, 99, 1, 0xab,                              /* unknown */
		0xd0, 32, 0, 0,                                 /* large communities: decoded */
	};
	struct bgpdump_style st = { .large = true, .unassigned = true };
	struct elem e = route(ELEM_ANNOUNCE, MRT_BGP4MP, 4);
	AT.large_communities = cur_make(large, sizeof large);
	AT.present |= ATTR_BIT(BGP_ATTR_LARGE_COMMUNITIES);
	AT.raw = cur_make(raw, sizeof raw);
	fmt_bgpdump_style(&O, &e, &st);
	ck_assert_str_eq(line(), "BGP4MP|1419264900|A|10.0.0.2|65001|3.0.0.0/8||IGP|10.0.0.1|0|0||"
	                 "4200000000:1:2|NAG||10:c0:0002338900000001 63:c0:ab|\n");
	e.mrt_type = MRT_BGP;
	fmt_bgpdump_style(&O, &e, &st);
	ck_assert_str_eq(line(), "BGP|1419264900|A|10.0.0.2|65001|3.0.0.0/8||IGP|10.0.0.1|0|0|NAG||\n");
}
END_TEST

/* What --as-path matches: the path exactly as the line prints it. */
START_TEST(as_path_text_is_the_printed_path)
{
	static const uint32_t spec[] = { 2, 2, 1, 2, 1, 2, 3, 4, 0 };
	struct elem e = route(ELEM_ANNOUNCE, MRT_BGP4MP, 4);
	path(spec);
	fmt_bgpdump_as_path(&O, &e);
	ck_assert_str_eq(line(), "1 2 {3,4}");
}
END_TEST

START_TEST(as_path_sets_and_confederations_use_bgpdump_brackets)
{
	static const uint32_t spec[] = { 2, 2, 1, 2, 1, 2, 3, 4, 3, 2, 5, 6, 4, 2, 7, 8, 2, 1, 9, 0 };
	struct elem e = route(ELEM_ANNOUNCE, MRT_BGP4MP, 4);
	path(spec);
	ck_assert_str_eq(as_bgpdump(&e),
	    "BGP4MP|1419264900|A|10.0.0.2|65001|3.0.0.0/8|1 2 {3,4} (5 6) [7,8] 9|IGP|10.0.0.1|0|0||NAG||\n");
}
END_TEST

START_TEST(well_known_communities_are_named)
{
	static const uint32_t v[] = { 0xFFFFFF01, 0xFFFFFF02, 0xFFFFFF03, 0xFFFFFF04, 65000u << 16 | 1, 0 };
	struct elem e = route(ELEM_ANNOUNCE, MRT_BGP4MP, 4);
	communities(v, 6);
	ck_assert_str_eq(as_bgpdump(&e),
	    "BGP4MP|1419264900|A|10.0.0.2|65001|3.0.0.0/8||IGP|10.0.0.1|0|0|no-export no-advertise local-AS 65535:65284 65000:1 0:0|NAG||\n");
}
END_TEST

START_TEST(attribute_fields_in_order)
{
	struct elem e = route(ELEM_ANNOUNCE, MRT_BGP4MP, 4);
	AT.origin = 1;
	AT.present |= ATTR_BIT(BGP_ATTR_MED) | ATTR_BIT(BGP_ATTR_LOCAL_PREF) |
	              ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE) | ATTR_BIT(BGP_ATTR_AGGREGATOR);
	AT.med = 5;
	AT.local_pref = 7;
	AT.aggregator_as = 99;
	AT.aggregator_ip = ip("1.2.3.4");
	ck_assert_str_eq(as_bgpdump(&e),
	    "BGP4MP|1419264900|A|10.0.0.2|65001|3.0.0.0/8||EGP|10.0.0.1|7|5||AG|99 1.2.3.4|\n");
}
END_TEST

/* bgpdump prints them signed (negative); the value is unsigned. */
START_TEST(med_and_local_pref_are_unsigned)
{
	struct elem e = route(ELEM_ANNOUNCE, MRT_BGP4MP, 4);
	AT.present |= ATTR_BIT(BGP_ATTR_MED) | ATTR_BIT(BGP_ATTR_LOCAL_PREF);
	AT.med = 4168275397u;
	AT.local_pref = 2147483648u;
	ck_assert_ptr_nonnull(strstr(as_bgpdump(&e), "|2147483648|4168275397|"));
}
END_TEST

START_TEST(missing_origin_and_next_hop_print_as_bgpdump_does)
{
	struct elem e = route(ELEM_RIB, MRT_TABLE_DUMP_V2, 2);
	AT.present = 0;
	memset(&e.nexthop, 0, sizeof e.nexthop);
	ck_assert_str_eq(as_bgpdump(&e),
	    "TABLE_DUMP2|1419264900|B|10.0.0.2|65001|3.0.0.0/8||INCOMPLETE|255.255.255.255|0|0||NAG||\n");
}
END_TEST

START_TEST(labels_follow_type_and_subtype)
{
	static const struct { uint16_t type, subtype; const char *label; } cases[] = {
		{ MRT_TABLE_DUMP, 1, "TABLE_DUMP|" }, { MRT_TABLE_DUMP_V2, 4, "TABLE_DUMP2|" },
		{ MRT_TABLE_DUMP_V2, 10, "TABLE_DUMP2_AP|" }, { MRT_BGP4MP, 1, "BGP4MP|" },
		{ MRT_BGP4MP, 6, "BGP4MP_LOCAL|" }, { MRT_BGP4MP, 9, "BGP4MP_AP|" },
		{ MRT_BGP4MP, 11, "BGP4MP_AP|" }, { MRT_BGP4MP_ET, 4, "BGP4MP_ET|" },
		{ MRT_BGP4MP_ET, 7, "BGP4MP_ET_LOCAL|" }, { MRT_BGP4MP_ET, 8, "BGP4MP_ET_AP|" },
		{ MRT_BGP, 1, "BGP|" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct elem e = route(ELEM_WITHDRAW, cases[i].type, cases[i].subtype);
		const char *s = as_bgpdump(&e);
		ck_assert_msg(strncmp(s, cases[i].label, strlen(cases[i].label)) == 0, "%s", s);
	}
}
END_TEST

START_TEST(et_time_has_six_digit_microseconds)
{
	struct elem e = route(ELEM_WITHDRAW, MRT_BGP4MP_ET, 4);
	e.usec = 509481;
	ck_assert_str_eq(as_bgpdump(&e), "BGP4MP_ET|1419264900.509481|W|10.0.0.2|65001|3.0.0.0/8\n");
	e.usec = 7;
	ck_assert_str_eq(as_bgpdump(&e), "BGP4MP_ET|1419264900.000007|W|10.0.0.2|65001|3.0.0.0/8\n");
	e.usec = 1234567;          /* out of range: all digits, as bgpdump's %06u */
	ck_assert_str_eq(as_bgpdump(&e), "BGP4MP_ET|1419264900.1234567|W|10.0.0.2|65001|3.0.0.0/8\n");
}
END_TEST

START_TEST(withdrawal_with_path_id_appends_it)
{
	struct elem e = route(ELEM_WITHDRAW, MRT_BGP4MP, 8);
	e.has_path_id = true;
	e.path_id = 11;
	ck_assert_str_eq(as_bgpdump(&e), "BGP4MP_AP|1419264900|W|10.0.0.2|65001|3.0.0.0/8|11\n");
}
END_TEST

START_TEST(state_line)
{
	struct elem e = route(ELEM_STATE, MRT_BGP4MP, 5);
	e.old_state = 3;
	e.new_state = 2;
	ck_assert_str_eq(as_bgpdump(&e), "BGP4MP|1419264900|STATE|10.0.0.2|65001|3|2\n");
}
END_TEST

START_TEST(legacy_line_joins_med_and_communities)
{
	static const uint32_t v[] = { 5 };
	struct elem e = route(ELEM_ANNOUNCE, MRT_BGP, 1);
	communities(v, 1);
	ck_assert_str_eq(as_bgpdump(&e), "BGP|1419264900|A|10.0.0.2|65001|3.0.0.0/8||IGP|10.0.0.1|0|00:5|NAG||\n");
}
END_TEST

/* One record's routes share the head and the attribute fields, which are
 * kept by its number: only the prefix and path id differ from line to line;
 * another next hop (its MP_REACH routes), kind, style or record is
 * formatted anew. */
START_TEST(one_records_lines_differ_only_where_its_routes_do)
{
	static const uint32_t spec[] = { 2, 2, 1, 2, 0 }, other[] = { 2, 1, 9, 0 };
	struct bgpdump_style st = { .index = true, .cur_index = 3 };
	struct elem e = route(ELEM_ANNOUNCE, MRT_BGP4MP, 8);
	e.record = 5;
	e.has_path_id = true;
	e.path_id = 1;
	path(spec);
	ck_assert_str_eq(as_bgpdump(&e),
	    "BGP4MP_AP|1419264900|A|10.0.0.2|65001|3.0.0.0/8|1|1 2|IGP|10.0.0.1|0|0||NAG||\n");
	ck_assert(prefix_parse("4.0.0.0/16", &e.prefix, false));
	e.path_id = 4000000000u;
	ck_assert_str_eq(as_bgpdump(&e),
	    "BGP4MP_AP|1419264900|A|10.0.0.2|65001|4.0.0.0/16|4000000000|1 2|IGP|10.0.0.1|0|0||NAG||\n");
	e.nexthop = ip("2001:db8::1");
	ck_assert_str_eq(as_bgpdump(&e),
	    "BGP4MP_AP|1419264900|A|10.0.0.2|65001|4.0.0.0/16|4000000000|1 2|IGP|2001:db8::1|0|0||NAG||\n");
	fmt_bgpdump_style(&O, &e, &st);
	ck_assert_str_eq(line(),
	    "BGP4MP_AP|3|1419264900|A|10.0.0.2|65001|4.0.0.0/16|4000000000|1 2|IGP|2001:db8::1|0|0||NAG||\n");
	st.cur_index = 4;
	fmt_bgpdump_style(&O, &e, &st);
	ck_assert_str_eq(line(),
	    "BGP4MP_AP|4|1419264900|A|10.0.0.2|65001|4.0.0.0/16|4000000000|1 2|IGP|2001:db8::1|0|0||NAG||\n");
	e.type = ELEM_WITHDRAW;
	e.path_id = 2;
	ck_assert_str_eq(as_bgpdump(&e), "BGP4MP_AP|1419264900|W|10.0.0.2|65001|4.0.0.0/16|2\n");
	e.has_path_id = false;
	ck_assert_str_eq(as_bgpdump(&e), "BGP4MP_AP|1419264900|W|10.0.0.2|65001|4.0.0.0/16\n");
	e.type = ELEM_ANNOUNCE;
	e.record = 6;
	e.ts++;
	path(other);
	ck_assert_str_eq(as_bgpdump(&e),
	    "BGP4MP_AP|1419264901|A|10.0.0.2|65001|4.0.0.0/16|9|IGP|2001:db8::1|0|0||NAG||\n");
}
END_TEST

static char SUNK[OUTBUF_SIZE + 4096];
static size_t NSUNK;

static void sink(void *arg, const char *p, size_t n)
{
	(void)arg;
	ck_assert_uint_le(NSUNK + n, sizeof SUNK);
	memcpy(SUNK + NSUNK, p, n);
	NSUNK += n;
}

/* A line that a flush cut in two is not kept for the record's next route:
 * the next line is whole all the same. */
START_TEST(a_record_line_cut_by_a_flush_leaves_the_next_whole)
{
	uint32_t spec[3 + 60] = { 2, 60 };
	char want[2][1024], path_text[512] = "";
	for (uint32_t i = 0; i < 60; i++) {
		spec[2 + i] = 65000 + i;
		char asn[8];
		snprintf(asn, sizeof asn, i ? " %u" : "%u", 65000 + i);
		strcat(path_text, asn);
	}
	path(spec);
	snprintf(want[0], sizeof want[0], "BGP4MP|1419264900|A|10.0.0.2|65001|3.0.0.0/8|%s|IGP|10.0.0.1|0|0||NAG||\n", path_text);
	snprintf(want[1], sizeof want[1], "BGP4MP|1419264900|A|10.0.0.2|65001|4.0.0.0/8|%s|IGP|10.0.0.1|0|0||NAG||\n", path_text);

	NSUNK = 0;
	out_init_sink(&O, sink, NULL);
	O.len = OUTBUF_SIZE - 600;        /* room for the head, not for the line */
	memset(O.buf, 'x', O.len);
	struct elem e = route(ELEM_ANNOUNCE, MRT_BGP4MP, 4);
	e.record = 7;
	fmt_bgpdump(&O, &e);
	ck_assert_uint_gt(NSUNK, OUTBUF_SIZE - 600);   /* flushed inside the line */
	ck_assert(prefix_parse("4.0.0.0/8", &e.prefix, false));
	fmt_bgpdump(&O, &e);
	out_flush(&O);
	SUNK[NSUNK] = '\0';
	char both[2048];
	snprintf(both, sizeof both, "%s%s", want[0], want[1]);
	ck_assert_str_eq(SUNK + OUTBUF_SIZE - 600, both);
}
END_TEST

/* bgpdump's IPv6 text compresses a lone zero group and writes IPv4 tails
 * after 96 zero bits; checked against bgpdump 1.6.2 on 2300 addresses. */
START_TEST(ipv6_text_is_bgpdump_s)
{
	static const char *const cases[][2] = {
		{ "2001:7f8:30:0:2:1:0:8447", "2001:7f8:30::2:1:0:8447" },
		{ "1:0:2:0:3:0:4:0", "1::2:0:3:0:4:0" },
		{ "1:0:0:2:0:0:0:4", "1:0:0:2::4" },
		{ "1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7::" },
		{ "::", "::" }, { "::1", "::1" }, { "::2", "::0.0.0.2" },
		{ "::ffff:1.2.3.4", "::ffff:1.2.3.4" }, { "::1.2.3.4", "::1.2.3.4" },
		{ "64:ff9b::1.2.3.4", "64:ff9b::102:304" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct elem e = route(ELEM_STATE, MRT_BGP4MP, 0);
		e.peer_ip = ip(cases[i][0]);
		fmt_bgpdump(&O, &e);
		char want[128];
		strcpy(want, "BGP4MP|1419264900|STATE|");
		strcat(want, cases[i][1]);
		strcat(want, "|65001|0|0\n");
		ck_assert_str_eq(line(), want);
	}
}
END_TEST

START_TEST(json_route_has_only_the_keys_present)
{
	static const uint32_t spec[] = { 2, 2, 3356, 4837, 1, 2, 5, 6, 3, 1, 7, 4, 2, 8, 9, 0 };
	static const uint32_t v[] = { 0xFFFFFF01, 65000u << 16 | 1 };
	static const uint8_t large[] = { 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3 };
	struct elem e = route(ELEM_ANNOUNCE, MRT_BGP4MP_ET, 9);
	e.usec = 12;
	e.has_path_id = true;
	e.path_id = 4;
	path(spec);
	communities(v, 2);
	AT.large_communities = cur_make(large, sizeof large);
	AT.present |= ATTR_BIT(BGP_ATTR_LARGE_COMMUNITIES) | ATTR_BIT(BGP_ATTR_MED) |
	              ATTR_BIT(BGP_ATTR_AGGREGATOR) | ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE);
	AT.med = 10;
	AT.aggregator_as = 9835;
	AT.aggregator_ip = ip("164.115.26.130");
	ck_assert_str_eq(as_json(&e, "rrc00"),
	    "{\"type\":\"announce\",\"time\":\"2014-12-22T16:15:00Z\",\"ts\":1419264900,\"usec\":12,\"collector\":\"rrc00\","
	    "\"peer\":\"10.0.0.2\",\"peer_as\":65001,\"prefix\":\"3.0.0.0/8\",\"path_id\":4,"
	    "\"as_path\":[3356,4837,[5,6],{\"confed_sequence\":[7]},{\"confed_set\":[8,9]}],"
	    "\"origin\":\"IGP\",\"next_hop\":\"10.0.0.1\",\"med\":10,"
	    "\"communities\":[\"no-export\",\"65000:1\"],\"large_communities\":[\"1:2:3\"],"
	    "\"aggregator\":{\"as\":9835,\"ip\":\"164.115.26.130\"},\"atomic_aggregate\":true}\n");
}
END_TEST

START_TEST(json_withdrawal_and_state)
{
	struct elem e = route(ELEM_WITHDRAW, MRT_BGP4MP, 4);
	ck_assert_str_eq(as_json(&e, ""),
	    "{\"type\":\"withdraw\",\"time\":\"2014-12-22T16:15:00Z\",\"ts\":1419264900,\"collector\":\"\",\"peer\":\"10.0.0.2\","
	    "\"peer_as\":65001,\"prefix\":\"3.0.0.0/8\"}\n");
	e = route(ELEM_STATE, MRT_BGP4MP, 5);
	e.old_state = 6;
	e.new_state = 8;
	ck_assert_str_eq(as_json(&e, "rrc00"),
	    "{\"type\":\"state\",\"time\":\"2014-12-22T16:15:00Z\",\"ts\":1419264900,\"collector\":\"rrc00\",\"peer\":\"10.0.0.2\","
	    "\"peer_as\":65001,\"old_state\":\"Established\",\"new_state\":\"8\"}\n");
}
END_TEST

START_TEST(json_escapes_collector_names)
{
	struct elem e = route(ELEM_STATE, MRT_BGP4MP, 0);
	const char *text = as_json(&e, "a\"b\\c\nd\x01");
	ck_assert_ptr_nonnull(strstr(text, "\"collector\":\"a\\\"b\\\\c\\u000ad\\u0001\""));
}
END_TEST

START_TEST(json_multicast_and_missing_next_hop)
{
	struct elem e = route(ELEM_RIB, MRT_TABLE_DUMP_V2, 3);
	e.safi = SAFI_MULTICAST;
	memset(&e.nexthop, 0, sizeof e.nexthop);
	AT.present = 0;
	ck_assert_str_eq(as_json(&e, "x"),
	    "{\"type\":\"rib\",\"time\":\"2014-12-22T16:15:00Z\",\"ts\":1419264900,\"collector\":\"x\",\"peer\":\"10.0.0.2\","
	    "\"peer_as\":65001,\"prefix\":\"3.0.0.0/8\",\"safi\":\"multicast\"}\n");
}
END_TEST

/* The tables dump selects from write exactly what the formatters write. */
START_TEST(output_tables_write_what_the_formatters_write)
{
	struct elem e = route(ELEM_RIB, MRT_TABLE_DUMP_V2, 3);
	static char want[4096];
	snprintf(want, sizeof want, "%s", as_bgpdump(&e));
	static struct outbuf o;
	out_init(&o, -1);
	dump_output_bgpdump.elem(&o, &e, "ignored", NULL);
	ck_assert(!dump_output_bgpdump.wants_collector && dump_output_json.wants_collector);
	ck_assert_int_eq(o.len, strlen(want));
	ck_assert(memcmp(o.buf, want, o.len) == 0);
	snprintf(want, sizeof want, "%s", as_json(&e, "rrc00"));
	out_init(&o, -1);
	dump_output_json.elem(&o, &e, "rrc00", NULL);
	ck_assert_int_eq(o.len, strlen(want));
	ck_assert(memcmp(o.buf, want, o.len) == 0);
}
END_TEST

#ifdef MRTREACH_CHECK_ROOM
/* In check-asan and fuzz builds a write beyond what fw_need() asked for
 * aborts, even with the buffer nearly empty. */
START_TEST(write_beyond_the_room_asked_for_aborts)
{
	static struct outbuf o;
	struct fw w;
	out_init(&o, -1);
	fw_begin(&w, &o);
	fw_need(&w, 4);
	fw_lit(&w, "1234");
	fw_char(&w, '5');
}
END_TEST
#endif

static Suite *suite(void)
{
	Suite *s = suite_create("fmt");
	TCase *t = tcase_create("core");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, as_path_sets_and_confederations_use_bgpdump_brackets);
	tcase_add_test(t, well_known_communities_are_named);
	tcase_add_test(t, attribute_fields_in_order);
	tcase_add_test(t, med_and_local_pref_are_unsigned);
	tcase_add_test(t, missing_origin_and_next_hop_print_as_bgpdump_does);
	tcase_add_test(t, labels_follow_type_and_subtype);
	tcase_add_test(t, et_time_has_six_digit_microseconds);
	tcase_add_test(t, withdrawal_with_path_id_appends_it);
	tcase_add_test(t, state_line);
	tcase_add_test(t, legacy_line_joins_med_and_communities);
	tcase_add_test(t, ipv6_text_is_bgpdump_s);
	tcase_add_test(t, one_records_lines_differ_only_where_its_routes_do);
	tcase_add_test(t, a_record_line_cut_by_a_flush_leaves_the_next_whole);
	tcase_add_test(t, json_route_has_only_the_keys_present);
	tcase_add_test(t, json_withdrawal_and_state);
	tcase_add_test(t, json_escapes_collector_names);
	tcase_add_test(t, json_multicast_and_missing_next_hop);
	tcase_add_test(t, output_tables_write_what_the_formatters_write);
	tcase_add_test(t, human_time_ends_route_lines_at_origin);
	tcase_add_test(t, change_time_is_the_originated_time_of_rib_routes);
	tcase_add_test(t, large_and_unassigned_fields);
	tcase_add_test(t, as_path_text_is_the_printed_path);
#ifdef MRTREACH_CHECK_ROOM
	tcase_add_test_raise_signal(t, write_beyond_the_room_asked_for_aborts, SIGABRT);
#endif
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
