/*
 * check_tabledump.c — unit tests for tabledump.c / decode.c on crafted
 * TABLE_DUMP and TABLE_DUMP_V2 records: one test per rule and damage case.
 * Never: reads files or depends on bgpdump.
 */
#include <check.h>

#include "check_run.h"
#include "dump_testutil.h"

static struct decoder *D;
static struct mw_buf B, A;

static void setup(void)
{
	D = decoder_new();
	mw_clear(&B);
	mw_clear(&A);
}

static void teardown(void)
{
	decoder_free(D);
}

/* ORIGIN IGP, AS_PATH of n ASNs, NEXT_HOP nh (unless NULL) into A. */
static void basic_attrs(unsigned asn_size, const uint32_t *path, size_t n, const char *nh)
{
	mw_attr_origin(&A, 0);
	mw_attr_as_seq(&A, asn_size, path, n);
	if (nh)
		mw_attr_next_hop(&A, mw_ip(nh));
}

static const uint32_t PATH[] = { 3356, 4837, 131279 };
static const uint32_t PATH2[] = { 1853, 1239, 80 };

static void peer_table(uint32_t ts)
{
	struct mw_peer peers[] = {
		{ 1, mw_ip("10.0.0.2"), 65001, false },
		{ 2, mw_ip("2001:db8::2"), 4200000000u, true },
	};
	mw_peer_index_table(&B, ts, 0x09090909, "view", peers, 2);
}

/* B gets a TABLE_DUMP record at ts for pfx (originated at orig) from
 * peer_ip/peer_as, with the attributes A. */
static void v1_route(uint32_t ts, uint32_t orig, const char *pfx, const char *peer_ip,
                     uint16_t peer_as)
{
	struct prefix p = mw_pfx(pfx);
	mw_table_dump(&B, ts, 0, 1, &p, 1, orig, mw_ip(peer_ip), peer_as, A.p, A.len);
}

/* The small TABLE_DUMP route of the damage tests: pfx via 1.1.1.1. */
static void v1_small(const char *pfx)
{
	basic_attrs(2, PATH, 1, "1.1.1.1");
	v1_route(100, 90, pfx, "1.1.1.2", 1);
}

/* B gets a TABLE_DUMP_V2 RIB record at 1000 for pfx: one entry with the
 * attributes A (originated 900, path id id) per peer index in peers[0..n). */
static void rib_record(uint16_t subtype, const char *pfx, const uint16_t *peers, size_t n,
                       uint32_t id)
{
	struct mw_rib r;
	struct prefix p = mw_pfx(pfx);
	mw_rib_begin(&B, &r, 1000, subtype, 0, &p);
	for (size_t i = 0; i < n; i++)
		mw_rib_entry(&B, &r, peers[i], 900, id, A.p, A.len);
	mw_rib_end(&B, &r);
}

/* The usual RIB record: 1.2.3.0/24 via 10.0.0.1 from peer 0. */
static void rib_small(void)
{
	basic_attrs(4, PATH, 1, "10.0.0.1");
	rib_record(MW_RIB_IPV4_UNICAST, "1.2.3.0/24", (const uint16_t[]){ 0 }, 1, 0);
}

/* Decodes all of B as source 0: the status must be want. */
static struct collected *decoded(int want, const char **why)
{
	return tu_decoded(D, &B, want, why);
}

START_TEST(table_dump_v1_ipv4_route_is_one_rib_line)
{
	basic_attrs(2, PATH2, 3, "193.203.0.1");
	v1_route(1027381055, 1000, "3.0.0.0/8", "193.203.0.1", 1853);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text,
	    "TABLE_DUMP|1027381055|B|193.203.0.1|1853|3.0.0.0/8|1853 1239 80|IGP|193.203.0.1|0|0||NAG||\n");
	ck_assert_int_eq(c->elems[0].type, ELEM_RIB);
	ck_assert_int_eq(c->elems[0].safi, SAFI_UNICAST);
	ck_assert_uint_eq(c->elems[0].originated, 1000);      /* bgpdump -t change */
}
END_TEST

#define V1_IPV6_LINE \
	"TABLE_DUMP|100|B|2001:db8::2|65001|2001:db8::/32|3356 4837|IGP|2001:db8::1|0|0||NAG||\n"

START_TEST(table_dump_v1_ipv6_route_takes_next_hop_from_mp_reach)
{
	struct prefix none;
	basic_attrs(2, PATH, 2, NULL);
	mw_attr_mp_reach(&A, 2, 1, mw_ip("2001:db8::1"), NULL, &none, NULL, 0);
	v1_route(100, 90, "2001:db8::/32", "2001:db8::2", 65001);
	ck_assert_str_eq(decoded(0, NULL)->text, V1_IPV6_LINE);
}
END_TEST

START_TEST(table_dump_v1_ipv6_route_may_have_the_abbreviated_mp_reach)
{
	struct addr ll = mw_ip("fe80::1");
	basic_attrs(2, PATH, 2, NULL);
	mw_attr_mp_reach_rib(&A, mw_ip("2001:db8::1"), &ll);
	v1_route(100, 90, "2001:db8::/32", "2001:db8::2", 65001);
	ck_assert_str_eq(decoded(0, NULL)->text, V1_IPV6_LINE);
}
END_TEST

START_TEST(table_dump_v1_host_bits_are_masked)
{
	v1_small("10.1.2.3/8");
	ck_assert_ptr_nonnull(strstr(decoded(0, NULL)->text, "|10.0.0.0/8|"));
}
END_TEST

START_TEST(table_dump_v1_prefix_length_past_family_is_damage)
{
	const char *why;
	v1_small("10.0.0.0/8");
	B.p[12 + 4 + 4] = 33;                 /* prefix length byte */
	ck_assert_int_eq(decoded(-1, &why)->count, 0);
	ck_assert_ptr_nonnull(why);
	ck_assert_uint_eq(decoder_stats(D)->damaged, 1);
}
END_TEST

START_TEST(table_dump_v1_cut_short_is_damage)
{
	struct collected *c = tu_fresh();
	v1_small("10.0.0.0/8");
	mw_patch_u32(&B, 8, 10);              /* claim a 10-byte body */
	ck_assert_int_eq(tu_decode(D, B.p, 22, 0, c, NULL), -1);
	ck_assert_int_eq(c->count, 0);
}
END_TEST

START_TEST(table_dump_v1_record_of_many_entries_gives_every_route)
{
	/* Early RIS (Zebra): one view/sequence header, then entries back to
	 * back; io/mrt.c frames the record whole. Every entry is a route. */
	struct mw_buf one = MW_BUF_INIT;
	basic_attrs(2, PATH2, 3, "193.203.0.1");
	v1_route(1027381055, 1000, "3.0.0.0/8", "193.203.0.1", 1853);
	for (int i = 0; i < 3; i++) {
		char p[32];
		snprintf(p, sizeof p, "4.%d.0.0/16", i);
		struct prefix x = mw_pfx(p);
		mw_clear(&one);
		mw_table_dump(&one, 1027381055, 0, 1, &x, 1, 1000, mw_ip("193.203.0.1"), 1853, A.p, A.len);
		mw_bytes(&B, one.p + 12 + 4, one.len - 12 - 4);
	}
	mw_patch_u32(&B, 8, (uint32_t)(B.len - 12));
	mw_free(&one);
	struct collected *c = decoded(0, NULL);
	ck_assert_int_eq(c->count, 4);
	ck_assert_ptr_nonnull(strstr(c->text, "|B|193.203.0.1|1853|4.2.0.0/16|1853 1239 80|IGP|"));
	/* each entry names its own peer: a key each (elem.h peer_key) */
	ck_assert_uint_ne(c->elems[1].peer_key, c->elems[2].peer_key);
	/* An entry cut short at the end is damage; the entries before stand. */
	B.len -= 3;
	mw_patch_u32(&B, 8, (uint32_t)(B.len - 12));
	const char *why;
	c = decoded(-1, &why);
	ck_assert_int_eq(c->count, 3);
	ck_assert_str_eq(why, "TABLE_DUMP record cut short");
}
END_TEST

START_TEST(rib_entries_name_peers_of_the_peer_index_table)
{
	peer_table(1000);
	basic_attrs(4, PATH, 3, "10.0.0.1");
	rib_record(MW_RIB_IPV4_UNICAST, "1.2.3.0/24", (const uint16_t[]){ 0, 1 }, 2, 0);
	ck_assert_str_eq(decoded(0, NULL)->text,
	    "TABLE_DUMP2|1000|B|10.0.0.2|65001|1.2.3.0/24|3356 4837 131279|IGP|10.0.0.1|0|0||NAG||\n"
	    "TABLE_DUMP2|1000|B|2001:db8::2|4200000000|1.2.3.0/24|3356 4837 131279|IGP|10.0.0.1|0|0||NAG||\n");
	ck_assert_uint_eq(tu_decoded(D, &B, 0, NULL)->elems[1].originated, 900);   /* -t change */
}
END_TEST

START_TEST(rib_ipv6_next_hop_is_the_abbreviated_mp_reach_one)
{
	struct mw_rib r;
	struct prefix p = mw_pfx("2001:db8::/32");
	struct addr ll = mw_ip("fe80::1");
	peer_table(1000);
	basic_attrs(4, PATH, 2, NULL);
	size_t base = A.len;
	mw_attr_mp_reach_rib(&A, mw_ip("2001:db8::1"), NULL);
	mw_rib_begin(&B, &r, 1000, MW_RIB_IPV6_UNICAST, 0, &p);
	mw_rib_entry(&B, &r, 1, 900, 0, A.p, A.len);
	A.len = base;
	mw_attr_mp_reach_rib(&A, mw_ip("2001:db8::3"), &ll);   /* 32-byte: global first */
	mw_rib_entry(&B, &r, 1, 900, 0, A.p, A.len);
	mw_rib_end(&B, &r);
	ck_assert_str_eq(decoded(0, NULL)->text,
	    "TABLE_DUMP2|1000|B|2001:db8::2|4200000000|2001:db8::/32|3356 4837|IGP|2001:db8::1|0|0||NAG||\n"
	    "TABLE_DUMP2|1000|B|2001:db8::2|4200000000|2001:db8::/32|3356 4837|IGP|2001:db8::3|0|0||NAG||\n");
}
END_TEST

START_TEST(rib_entry_without_next_hop_has_none)
{
	peer_table(1000);
	basic_attrs(4, PATH, 2, NULL);
	rib_record(MW_RIB_IPV6_UNICAST, "2001:db8::/32", (const uint16_t[]){ 1 }, 1, 0);
	struct collected *c = decoded(0, NULL);
	ck_assert_int_eq(c->elems[0].nexthop.afi, 0);
	/* bgpdump's stand-in for "no next hop", which the corpus expects */
	ck_assert_ptr_nonnull(strstr(c->text, "|IGP|255.255.255.255|"));
}
END_TEST

START_TEST(rib_multicast_routes_carry_their_safi)
{
	peer_table(1000);
	basic_attrs(4, PATH, 1, "10.0.0.1");
	rib_record(MW_RIB_IPV4_MULTICAST, "1.2.4.0/24", (const uint16_t[]){ 0 }, 1, 0);
	struct collected *c = decoded(0, NULL);
	ck_assert_int_eq(c->count, 1);
	ck_assert_int_eq(c->elems[0].safi, SAFI_MULTICAST);
}
END_TEST

START_TEST(rib_generic_reads_afi_safi_and_one_prefix)
{
	struct mw_rib r;
	struct mw_buf nl = MW_BUF_INIT;
	struct prefix p = mw_pfx("2001:db7::/32");
	mw_nlri(&nl, &p, false, 0);
	peer_table(1000);
	basic_attrs(4, PATH, 1, NULL);
	mw_attr_mp_reach_rib(&A, mw_ip("2001:db8::1"), NULL);
	mw_rib_generic_begin(&B, &r, 1000, MW_RIB_GENERIC, 0, 2, 1, nl.p, nl.len);
	mw_rib_entry(&B, &r, 1, 900, 0, A.p, A.len);
	mw_rib_end(&B, &r);
	ck_assert_str_eq(decoded(0, NULL)->text,
	    "TABLE_DUMP2|1000|B|2001:db8::2|4200000000|2001:db7::/32|3356|IGP|2001:db8::1|0|0||NAG||\n");
	mw_free(&nl);
}
END_TEST

START_TEST(rib_generic_of_other_families_is_unsupported)
{
	struct mw_rib r;
	static const uint8_t nl[] = { 8, 10 };
	peer_table(1000);
	basic_attrs(4, PATH, 1, "10.0.0.1");
	mw_rib_generic_begin(&B, &r, 1000, MW_RIB_GENERIC, 0, 1, 128, nl, sizeof nl);  /* VPN */
	mw_rib_entry(&B, &r, 0, 900, 0, A.p, A.len);
	mw_rib_end(&B, &r);
	ck_assert_int_eq(decoded(0, NULL)->count, 0);
	ck_assert_uint_eq(decoder_stats(D)->unsupported, 1);
}
END_TEST

START_TEST(addpath_rib_entries_carry_a_path_id_each)
{
	struct mw_rib r;
	struct prefix p = mw_pfx("10.0.10.0/24");
	peer_table(1000);
	basic_attrs(4, PATH, 1, "10.0.15.1");
	mw_rib_begin(&B, &r, 1000, MW_RIB_IPV4_UNICAST_ADDPATH, 0, &p);
	mw_rib_entry(&B, &r, 0, 900, 36, A.p, A.len);
	mw_rib_entry(&B, &r, 0, 900, 38, A.p, A.len);
	mw_rib_end(&B, &r);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text,
	    "TABLE_DUMP2_AP|1000|B|10.0.0.2|65001|10.0.10.0/24|36|3356|IGP|10.0.15.1|0|0||NAG||\n"
	    "TABLE_DUMP2_AP|1000|B|10.0.0.2|65001|10.0.10.0/24|38|3356|IGP|10.0.15.1|0|0||NAG||\n");
	ck_assert(c->elems[1].has_path_id);
	ck_assert_uint_eq(c->elems[1].path_id, 38);
}
END_TEST

START_TEST(rib_record_before_any_peer_index_table_is_damage)
{
	const char *why;
	rib_small();
	ck_assert_int_eq(decoded(-1, &why)->count, 0);
	ck_assert_ptr_nonnull(strstr(why, "PEER_INDEX_TABLE"));
}
END_TEST

START_TEST(rib_entry_naming_a_peer_past_the_table_is_damage_others_stand)
{
	const char *why;
	peer_table(1000);
	basic_attrs(4, PATH, 1, "10.0.0.1");
	/* the table has 2 peers: index 5 is past it */
	rib_record(MW_RIB_IPV4_UNICAST, "1.2.3.0/24", (const uint16_t[]){ 0, 5, 1 }, 3, 0);
	ck_assert_int_eq(decoded(-1, &why)->count, 2);
	ck_assert_ptr_nonnull(strstr(why, "peer"));
}
END_TEST

START_TEST(rib_entry_with_damaged_attributes_is_skipped_others_stand)
{
	struct mw_rib r;
	struct prefix p = mw_pfx("1.2.3.0/24");
	static const uint8_t bad[] = { 0x40, 2, 10, 2, 5, 0, 0 };   /* AS_PATH overrun */
	peer_table(1000);
	basic_attrs(4, PATH, 1, "10.0.0.1");
	mw_rib_begin(&B, &r, 1000, MW_RIB_IPV4_UNICAST, 0, &p);
	mw_rib_entry(&B, &r, 0, 900, 0, bad, sizeof bad);
	mw_rib_entry(&B, &r, 1, 900, 0, A.p, A.len);
	mw_rib_end(&B, &r);
	struct collected *c = decoded(-1, NULL);
	ck_assert_int_eq(c->count, 1);
	ck_assert_ptr_nonnull(strstr(c->text, "|2001:db8::2|"));
}
END_TEST

static bool always_far(const struct elem *e, const void *arg)
{
	(void)e;
	(void)arg;
	return true;
}

/* Decodes B with a decoder told every route is far (decoder_set_far) and
 * with a fresh one not told so: the same status, reason, damage count and
 * elements (type, prefix, peer), the far ones without attributes or next hop. */
static void far_decodes_alike(void)
{
	char why_full[200] = "";
	const char *why = NULL;
	struct decoder *full = decoder_new(), *far = decoder_new();
	struct collected *c = tu_fresh();
	int want = tu_decode(full, B.p, B.len, 0, c, &why);
	if (why)
		snprintf(why_full, sizeof why_full, "%s", why);
	int n = c->count;
	struct elem e[4];
	ck_assert_int_le(n, 4);
	memcpy(e, c->elems, (size_t)n * sizeof e[0]);

	decoder_set_far(far, always_far, NULL);
	c = tu_fresh();
	why = NULL;
	ck_assert_int_eq(tu_decode(far, B.p, B.len, 0, c, &why), want);
	ck_assert_str_eq(why ? why : "", why_full);
	ck_assert_int_eq(c->count, n);
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(c->elems[i].type, e[i].type);
		ck_assert(prefix_equal(&c->elems[i].prefix, &e[i].prefix));
		ck_assert(addr_equal(&c->elems[i].peer_ip, &e[i].peer_ip));
		ck_assert_uint_eq(c->elems[i].peer_as, e[i].peer_as);
		ck_assert_uint_eq(c->elems[i].originated, e[i].originated);
		ck_assert_int_eq(c->elems[i].nexthop.afi, 0);
	}
	ck_assert_uint_eq(decoder_stats(far)->damaged, decoder_stats(full)->damaged);
	decoder_free(full);
	decoder_free(far);
}

/* A far route's attributes are only checked, as strictly as decoded: each
 * kind of attribute damage gets the same verdict and reason, in TABLE_DUMP
 * (2-byte ASNs) and TABLE_DUMP_V2 (4-byte; a damaged entry is skipped and
 * the next one stands) alike, IPv4 and IPv6. */
START_TEST(far_rib_entry_attribute_damage_has_the_full_decode_s_verdict)
{
	static const uint8_t hdr_cut[] = { 0x40, 99 };              /* no length */
	static const uint8_t ext_cut[] = { 0x50, 99, 0 };           /* 1 of 2 length bytes */
	static const uint8_t overrun[] = { 0x40, 99, 9, 1 };
	static const uint8_t seg_hdr[] = { 0x40, 2, 1, 2 };
	static const uint8_t seg_over[] = { 0x40, 2, 4, 2, 3, 0, 1 };
	static const uint8_t seg_type[] = { 0x40, 2, 4, 7, 1, 0, 1 };
	static const uint8_t seg_over4[] = { 0x40, 2, 6, 2, 1, 0, 0, 0, 1 };  /* sound with 2-byte */
	static const uint8_t reach_cut[] = { 0x80, 14, 2, 0, 1 };
	static const uint8_t reach_nh[] = { 0x80, 14, 6, 0, 2, 1, 9, 10, 0 };
	static const uint8_t reach_rsv[] = { 0x80, 14, 8, 0, 2, 1, 4, 10, 0, 0, 1 };
	static const uint8_t reach_short[] = { 0x80, 14, 5, 4, 10, 0, 0, 1 };   /* RIB form */
	static const uint8_t unreach_cut[] = { 0x80, 15, 2, 0, 2 };
	static const uint8_t bad_size[] = { 0x40, 1, 2, 0, 0 };      /* origin: discarded */
	static const uint8_t repeat_bad[] = { 0x40, 2, 1, 2 };       /* a second AS_PATH */
	static const struct { const uint8_t *p; size_t n; bool first; } cases[] = {
		{ hdr_cut, sizeof hdr_cut, false }, { ext_cut, sizeof ext_cut, false },
		{ overrun, sizeof overrun, false }, { seg_hdr, sizeof seg_hdr, true },
		{ seg_over, sizeof seg_over, true }, { seg_type, sizeof seg_type, true },
		{ seg_over4, sizeof seg_over4, true },
		{ reach_cut, sizeof reach_cut, false }, { reach_nh, sizeof reach_nh, false },
		{ reach_rsv, sizeof reach_rsv, false }, { reach_short, sizeof reach_short, false },
		{ unreach_cut, sizeof unreach_cut, false },
		{ bad_size, sizeof bad_size, false }, { repeat_bad, sizeof repeat_bad, false },
	};
	static const char *const pfx[] = { "1.2.3.0/24", "2001:db8:1::/48" };
	static const uint16_t rib[] = { MW_RIB_IPV4_UNICAST, MW_RIB_IPV6_UNICAST };

	for (size_t f = 0; f < 2; f++)
		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			for (unsigned asn = 2; asn <= 4; asn += 2) {
				mw_clear(&B);
				mw_clear(&A);
				if (cases[i].first)      /* before the sound AS_PATH */
					mw_bytes(&A, cases[i].p, cases[i].n);
				basic_attrs(asn, PATH, 3, "10.0.0.1");
				if (!cases[i].first)
					mw_bytes(&A, cases[i].p, cases[i].n);
				if (asn == 2) {
					v1_route(100, 90, pfx[f], f ? "2001:db8::2" : "1.1.1.2", 1);
				} else {
					peer_table(1000);
					rib_record(rib[f], pfx[f], (const uint16_t[]){ 0, 1 }, 2, 0);
				}
				far_decodes_alike();
			}
		}
}
END_TEST

START_TEST(rib_entry_cut_short_is_damage)
{
	peer_table(1000);
	size_t start = B.len;
	rib_small();
	/* claim two entries where one is written */
	B.p[start + 12 + 4 + 1 + 3 + 1] = 2;
	ck_assert_int_eq(decoded(-1, NULL)->count, 1);
}
END_TEST

START_TEST(peer_index_tables_are_kept_per_source)
{
	struct collected *c = tu_fresh();
	struct mw_peer other[] = { { 1, mw_ip("192.0.2.9"), 9, false } };
	struct mw_buf B2 = MW_BUF_INIT;
	peer_table(1000);
	mw_peer_index_table(&B2, 1000, 1, "", other, 1);
	ck_assert_int_eq(tu_decode(D, B.p, B.len, 0, c, NULL), 0);
	ck_assert_int_eq(tu_decode(D, B2.p, B2.len, 3, c, NULL), 0);
	mw_clear(&B);
	rib_small();
	ck_assert_int_eq(tu_decode(D, B.p, B.len, 3, c, NULL), 0);
	ck_assert_int_eq(tu_decode(D, B.p, B.len, 0, c, NULL), 0);
	ck_assert_ptr_nonnull(strstr(c->text, "|192.0.2.9|9|"));
	ck_assert_ptr_nonnull(strstr(c->text, "|10.0.0.2|65001|"));
	mw_free(&B2);
}
END_TEST

START_TEST(peer_keys_are_one_per_peer_index_entry_and_one_per_other_record)
{
	/* elem.h: elements with one peer_key have one peer, so consumers
	 * resolve a vantage point once per key. A PEER_INDEX_TABLE entry keeps
	 * its key across RIB records; a TABLE_DUMP record, and each entry of a
	 * many-entry one, gets a new one (message records: check_bgp4mp.c). */
	peer_table(1000);
	basic_attrs(4, PATH, 1, "10.0.0.1");
	rib_record(MW_RIB_IPV4_UNICAST, "1.2.3.0/24", (const uint16_t[]){ 0, 1 }, 2, 0);
	rib_record(MW_RIB_IPV4_UNICAST, "1.2.4.0/24", (const uint16_t[]){ 1, 0 }, 2, 0);
	mw_clear(&A);
	basic_attrs(2, PATH2, 3, "193.203.0.1");
	v1_route(1001, 1000, "3.0.0.0/8", "10.0.0.2", 65001);
	v1_route(1001, 1000, "4.0.0.0/8", "10.0.0.2", 65001);
	struct collected *c = decoded(0, NULL);
	ck_assert_int_eq(c->count, 6);
	const struct elem *e = c->elems;
	for (int i = 0; i < 6; i++)
		ck_assert_uint_ne(e[i].peer_key, 0);
	ck_assert_uint_ne(e[0].peer_key, e[1].peer_key);
	ck_assert_uint_eq(e[0].peer_key, e[3].peer_key);
	ck_assert_uint_eq(e[1].peer_key, e[2].peer_key);
	ck_assert_uint_ne(e[4].peer_key, e[5].peer_key);
	ck_assert_uint_ne(e[4].peer_key, e[0].peer_key);
	ck_assert_uint_ne(e[4].peer_key, e[1].peer_key);
	/* A new table gives new keys: its peers may differ. */
	uint64_t old = e[0].peer_key;
	c = decoded(0, NULL);
	ck_assert_uint_ne(c->elems[0].peer_key, old);
}
END_TEST

START_TEST(source_done_forgets_the_peer_index_table)
{
	peer_table(1000);
	decoded(0, NULL);
	decoder_source_done(D, 0);
	decoder_source_done(D, 99);           /* never seen: harmless */
	mw_clear(&B);
	rib_small();
	ck_assert_int_eq(decoded(-1, NULL)->count, 0);
}
END_TEST

START_TEST(peer_index_table_cut_short_is_damage)
{
	struct collected *c = tu_fresh();
	peer_table(1000);
	mw_patch_u32(&B, 8, 20);
	ck_assert_int_eq(tu_decode(D, B.p, 32, 0, c, NULL), -1);
}
END_TEST

START_TEST(unknown_types_and_subtypes_are_counted_not_damage)
{
	mw_record_end(&B, mw_record_begin(&B, 1, 11, 1));      /* OSPFv2 */
	mw_record_end(&B, mw_record_begin(&B, 1, 13, 7));      /* TABLE_DUMP_V2 7: unassigned */
	mw_record_end(&B, mw_record_begin(&B, 1, 12, 9));      /* TABLE_DUMP 9 */
	decoded(0, NULL);
	ck_assert_uint_eq(decoder_stats(D)->unsupported, 3);
	ck_assert_uint_eq(decoder_stats(D)->records, 3);
	ck_assert_uint_eq(decoder_stats(D)->damaged, 0);
}
END_TEST

START_TEST(consumer_stop_value_ends_the_record)
{
	struct collected *c = tu_fresh();
	peer_table(1000);
	basic_attrs(4, PATH, 1, "10.0.0.1");
	rib_record(MW_RIB_IPV4_UNICAST, "1.2.3.0/24", (const uint16_t[]){ 0, 0, 0, 0, 0 }, 5, 0);
	c->stop_after = 2;
	ck_assert_int_eq(tu_decode(D, B.p, B.len, 0, c, NULL), 7);
	ck_assert_int_eq(c->count, 2);
	ck_assert_uint_eq(decoder_stats(D)->elems, 2);
}
END_TEST

/* Every shortening of a valid RIB record's body decodes without reading
 * past it (run under ASan by make check-asan) and is reported as damage. */
START_TEST(every_truncation_is_safe)
{
	peer_table(1000);
	size_t rib = B.len;
	basic_attrs(4, PATH, 3, NULL);
	mw_attr_mp_reach_rib(&A, mw_ip("2001:db8::1"), NULL);
	rib_record(MW_RIB_IPV6_UNICAST_ADDPATH, "2001:db8::/32", (const uint16_t[]){ 1 }, 1, 7);
	tu_every_cut_is_damage(D, &B, rib, true);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("tabledump");
	TCase *t = tcase_create("core");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, table_dump_v1_ipv4_route_is_one_rib_line);
	tcase_add_test(t, table_dump_v1_ipv6_route_takes_next_hop_from_mp_reach);
	tcase_add_test(t, table_dump_v1_ipv6_route_may_have_the_abbreviated_mp_reach);
	tcase_add_test(t, table_dump_v1_host_bits_are_masked);
	tcase_add_test(t, table_dump_v1_prefix_length_past_family_is_damage);
	tcase_add_test(t, table_dump_v1_cut_short_is_damage);
	tcase_add_test(t, table_dump_v1_record_of_many_entries_gives_every_route);
	tcase_add_test(t, rib_entries_name_peers_of_the_peer_index_table);
	tcase_add_test(t, peer_keys_are_one_per_peer_index_entry_and_one_per_other_record);
	tcase_add_test(t, rib_ipv6_next_hop_is_the_abbreviated_mp_reach_one);
	tcase_add_test(t, rib_entry_without_next_hop_has_none);
	tcase_add_test(t, rib_multicast_routes_carry_their_safi);
	tcase_add_test(t, rib_generic_reads_afi_safi_and_one_prefix);
	tcase_add_test(t, rib_generic_of_other_families_is_unsupported);
	tcase_add_test(t, addpath_rib_entries_carry_a_path_id_each);
	tcase_add_test(t, rib_record_before_any_peer_index_table_is_damage);
	tcase_add_test(t, rib_entry_naming_a_peer_past_the_table_is_damage_others_stand);
	tcase_add_test(t, rib_entry_with_damaged_attributes_is_skipped_others_stand);
	tcase_add_test(t, far_rib_entry_attribute_damage_has_the_full_decode_s_verdict);
	tcase_add_test(t, rib_entry_cut_short_is_damage);
	tcase_add_test(t, peer_index_tables_are_kept_per_source);
	tcase_add_test(t, source_done_forgets_the_peer_index_table);
	tcase_add_test(t, peer_index_table_cut_short_is_damage);
	tcase_add_test(t, unknown_types_and_subtypes_are_counted_not_damage);
	tcase_add_test(t, consumer_stop_value_ends_the_record);
	tcase_add_test(t, every_truncation_is_safe);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
