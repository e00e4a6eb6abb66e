/*
 * check_mrtwrite.c — the MRT writer's byte layouts against hand-written bytes.
 * Owns: one test per builder, each compared with bytes taken from RFC 6396 / 4271 / 4760 / 8050.
 * Never: decodes with the product's decoders (they test themselves against these bytes).
 */
#include <check.h>
#include <bzlib.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "check_run.h"
#include "mrtwrite.h"

#define EXPECT_BYTES(buf, ...) do { \
	static const uint8_t want_[] = { __VA_ARGS__ }; \
	ck_assert_uint_eq((buf).len, sizeof want_); \
	ck_assert_mem_eq((buf).p, want_, sizeof want_); \
} while (0)

/* Byte at, for each { offset, value } pair. */
struct byte_at {
	size_t off;
	uint8_t v;
};

static void bytes_at(const struct mw_buf *b, const struct byte_at *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(w[i].off < b->len && b->p[w[i].off] == w[i].v,
		              "byte %zu is not 0x%02x", w[i].off, w[i].v);
}

#define BYTES_AT(...) \
	bytes_at(&B, (const struct byte_at[]){ __VA_ARGS__ }, \
	         sizeof((const struct byte_at[]){ __VA_ARGS__ }) / sizeof(struct byte_at))

/* Each test's output buffer, emptied and freed by the fixture. */
static struct mw_buf B;

static void setup(void) { mw_clear(&B); }
static void teardown(void) { mw_free(&B); }

START_TEST(record_header_length_counts_body)
{
	size_t r = mw_record_begin(&B, 0x54961000, 16, 4);
	mw_u16(&B, 0xabcd);
	mw_record_end(&B, r);
	EXPECT_BYTES(B, 0x54, 0x96, 0x10, 0x00, 0, 16, 0, 4, 0, 0, 0, 2, 0xab, 0xcd);
}
END_TEST

START_TEST(record_et_length_counts_microseconds)
{
	size_t r = mw_record_begin_et(&B, 1, 999999, 17, 0);
	mw_record_end(&B, r);
	EXPECT_BYTES(B, 0, 0, 0, 1, 0, 17, 0, 0, 0, 0, 0, 4, 0x00, 0x0f, 0x42, 0x3f);
}
END_TEST

START_TEST(attr_origin_well_known_transitive)
{
	mw_attr_origin(&B, 2);
	EXPECT_BYTES(B, 0x40, 1, 1, 2);
}
END_TEST

START_TEST(attr_as_path_two_byte_asns)
{
	uint32_t p[] = { 3356, 4837, 131279 };   /* 131279 does not fit: written & 0xffff */
	mw_attr_as_seq(&B, 2, p, 3);
	EXPECT_BYTES(B, 0x40, 2, 8, 2, 3, 0x0d, 0x1c, 0x12, 0xe5, 0x00, 0xcf);
}
END_TEST

START_TEST(attr_as_path_four_byte_set_and_sequence)
{
	uint32_t s1[] = { 131279 }, s2[] = { 1, 2 };
	struct mw_seg segs[] = { { 2, 1, s1 }, { 1, 2, s2 } };
	mw_attr_as_path(&B, 4, segs, 2);
	EXPECT_BYTES(B, 0x40, 2, 16, 2, 1, 0, 0x02, 0x00, 0xcf, 1, 2, 0, 0, 0, 1, 0, 0, 0, 2);
}
END_TEST

START_TEST(attr_as_path_long_sequence_splits_at_255)
{
	uint32_t p[300];
	for (int i = 0; i < 300; i++)
		p[i] = (uint32_t)i;
	mw_attr_as_seq(&B, 2, p, 300);
	/* 2 segments: 2+510 and 2+90 bytes = 604: extended length */
	ck_assert_uint_eq(B.len, 4 + 604);
	BYTES_AT({ 0, 0x50 }, { 2, 0x02 }, { 3, 0x5c }, { 4, 2 }, { 5, 255 },
	         { 4 + 512, 2 }, { 4 + 513, 45 });
}
END_TEST

START_TEST(attr_as4_path_optional_transitive)
{
	uint32_t s[] = { 131279 };
	struct mw_seg seg = { 2, 1, s };
	mw_attr_as4_path(&B, &seg, 1);
	EXPECT_BYTES(B, 0xc0, 17, 6, 2, 1, 0, 2, 0, 0xcf);
}
END_TEST

START_TEST(attr_next_hop_med_local_pref)
{
	mw_attr_next_hop(&B, mw_ip("4.69.184.193"));
	mw_attr_med(&B, 10);
	mw_attr_local_pref(&B, 100);
	mw_attr_atomic_aggregate(&B);
	EXPECT_BYTES(B, 0x40, 3, 4, 4, 69, 184, 193,
	             0x80, 4, 4, 0, 0, 0, 10,
	             0x40, 5, 4, 0, 0, 0, 100,
	             0x40, 6, 0);
}
END_TEST

START_TEST(attr_aggregator_two_and_four_byte)
{
	mw_attr_aggregator(&B, 2, 23456, mw_ip("10.0.0.1"));
	mw_attr_as4_aggregator(&B, 131279, mw_ip("10.0.0.1"));
	mw_attr_aggregator(&B, 4, 131279, mw_ip("10.0.0.2"));
	EXPECT_BYTES(B, 0xc0, 7, 6, 0x5b, 0xa0, 10, 0, 0, 1,
	             0xc0, 18, 8, 0, 2, 0, 0xcf, 10, 0, 0, 1,
	             0xc0, 7, 8, 0, 2, 0, 0xcf, 10, 0, 0, 2);
}
END_TEST

START_TEST(attr_communities_and_large)
{
	uint32_t c[] = { (3356u << 16) | 3 };
	uint32_t lc[] = { 131279, 1, 2 };
	mw_attr_communities(&B, c, 1);
	mw_attr_large_communities(&B, lc, 1);
	EXPECT_BYTES(B, 0xc0, 8, 4, 0x0d, 0x1c, 0, 3,
	             0xc0, 32, 12, 0, 2, 0, 0xcf, 0, 0, 0, 1, 0, 0, 0, 2);
}
END_TEST

START_TEST(attr_extended_length_when_over_255)
{
	uint32_t c[70];
	for (int i = 0; i < 70; i++)
		c[i] = (uint32_t)i;
	mw_attr_communities(&B, c, 70);
	ck_assert_uint_eq(B.len, 4 + 280);
	BYTES_AT({ 0, 0xd0 }, { 1, 8 }, { 2, 0x01 }, { 3, 0x18 }, { 4 + 279, 69 });
}
END_TEST

START_TEST(attr_mp_reach_ipv6_full)
{
	struct prefix p = mw_pfx("2001:db8::/32");
	mw_attr_mp_reach(&B, 2, 1, mw_ip("2001:db8::1"), NULL, &p, NULL, 1);
	EXPECT_BYTES(B, 0x80, 14, 26, 0, 2, 1, 16,
	             0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	             0, 32, 0x20, 0x01, 0x0d, 0xb8);
}
END_TEST

START_TEST(attr_mp_reach_link_local_next_hop_is_32_bytes)
{
	struct addr ll = mw_ip("fe80::1");
	mw_attr_mp_reach_rib(&B, mw_ip("2001:db8::1"), &ll);
	ck_assert_uint_eq(B.len, 3 + 1 + 32);
	BYTES_AT({ 2, 33 }, { 3, 32 }, { 4 + 16, 0xfe }, { 4 + 31, 1 });
}
END_TEST

START_TEST(attr_mp_reach_rib_abbreviated)
{
	mw_attr_mp_reach_rib(&B, mw_ip("2001:db8::1"), NULL);
	EXPECT_BYTES(B, 0x80, 14, 17, 16,
	             0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
}
END_TEST

START_TEST(attr_mp_unreach_with_addpath)
{
	struct prefix p = mw_pfx("2001:db8::/33");
	uint32_t id = 7;
	mw_attr_mp_unreach(&B, 2, 1, &p, &id, 1);
	EXPECT_BYTES(B, 0x80, 15, 13, 0, 2, 1, 0, 0, 0, 7, 33, 0x20, 0x01, 0x0d, 0xb8, 0);
}
END_TEST

START_TEST(nlri_bytes_cover_length)
{
	struct prefix p0 = mw_pfx("0.0.0.0/0"), p1 = mw_pfx("175.45.176.0/22"),
	              p2 = mw_pfx("10.1.2.3/32");
	mw_nlri(&B, &p0, false, 0);
	mw_nlri(&B, &p1, false, 0);
	mw_nlri(&B, &p2, true, 0x01020304);
	EXPECT_BYTES(B, 0, 22, 175, 45, 176, 1, 2, 3, 4, 32, 10, 1, 2, 3);
}
END_TEST

START_TEST(bgp_update_message_layout)
{
	const uint8_t w[] = { 24, 175, 45, 176 };
	const uint8_t a[] = { 0x40, 1, 1, 0 };
	const uint8_t n[] = { 8, 10 };
	mw_bgp_update(&B, w, 4, a, 4, n, 2);
	EXPECT_BYTES(B, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	             0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	             0, 33, 2, 0, 4, 24, 175, 45, 176, 0, 4, 0x40, 1, 1, 0, 8, 10);
}
END_TEST

START_TEST(bgp_keepalive_is_19_bytes)
{
	mw_bgp_keepalive(&B);
	ck_assert_uint_eq(B.len, 19);
	ck_assert_uint_eq(B.p[17], 19);
	ck_assert_uint_eq(B.p[18], 4);
}
END_TEST

START_TEST(bgp4mp_message_as4_header)
{
	struct mw_bgp4mp h = { .ts = 2, .subtype = MW_BGP4MP_MESSAGE_AS4, .peer_as = 131279,
		.local_as = 6447, .ifindex = 0, .peer_ip = mw_ip("1.2.3.4"),
		.local_ip = mw_ip("5.6.7.8") };
	size_t r = mw_bgp4mp_begin(&B, &h);
	mw_record_end(&B, r);
	EXPECT_BYTES(B, 0, 0, 0, 2, 0, 16, 0, 4, 0, 0, 0, 20,
	             0, 2, 0, 0xcf, 0, 0, 0x19, 0x2f, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8);
}
END_TEST

START_TEST(bgp4mp_state_change_two_byte_ipv6)
{
	struct mw_bgp4mp h = { .ts = 2, .subtype = MW_BGP4MP_STATE_CHANGE, .peer_as = 64512,
		.local_as = 12654, .ifindex = 3, .peer_ip = mw_ip("2001:db8::1"),
		.local_ip = mw_ip("2001:db8::2") };
	mw_bgp4mp_state(&B, &h, MW_ESTABLISHED, MW_IDLE);
	ck_assert_uint_eq(B.len, 12 + 2 + 2 + 2 + 2 + 32 + 4);
	ck_assert_uint_eq(B.p[11], 44);
	ck_assert_uint_eq(B.p[12], 0xfc);     /* 64512 */
	ck_assert_uint_eq(B.p[17], 3);        /* ifindex */
	ck_assert_uint_eq(B.p[19], 2);        /* AFI IPv6 */
	BYTES_AT({ 20 + 16 + 15, 2 }, { B.len - 3, 6 }, { B.len - 1, 1 });
}
END_TEST

START_TEST(bgp4mp_et_has_microseconds)
{
	struct mw_bgp4mp h = { .ts = 2, .usec = 5, .et = true, .subtype = MW_BGP4MP_STATE_CHANGE_AS4,
		.peer_as = 1, .local_as = 2, .peer_ip = mw_ip("1.2.3.4"), .local_ip = mw_ip("5.6.7.8") };
	mw_bgp4mp_state(&B, &h, 6, 1);
	EXPECT_BYTES(B, 0, 0, 0, 2, 0, 17, 0, 5, 0, 0, 0, 28, 0, 0, 0, 5,
	             0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 0, 6, 0, 1);
}
END_TEST

START_TEST(peer_index_table_layout)
{
	struct mw_peer p[] = {
		{ 0x04450000, mw_ip("4.69.184.193"), 3356, false },
		{ 0x0a000001, mw_ip("2001:db8::1"), 131279, true },
	};
	mw_peer_index_table(&B, 0, 0x80df3366, "rv", p, 2);
	EXPECT_BYTES(B, 0, 0, 0, 0, 0, 13, 0, 1, 0, 0, 0, 46,
	             0x80, 0xdf, 0x33, 0x66, 0, 2, 'r', 'v', 0, 2,
	             0, 4, 0x45, 0, 0, 4, 69, 184, 193, 0x0d, 0x1c,
	             3, 10, 0, 0, 1, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	             0, 2, 0, 0xcf);
}
END_TEST

START_TEST(rib_ipv4_unicast_entry_layout)
{
	struct mw_rib r;
	struct prefix p = mw_pfx("175.45.176.0/24");
	const uint8_t a[] = { 0x40, 1, 1, 0 };
	mw_rib_begin(&B, &r, 9, MW_RIB_IPV4_UNICAST, 7, &p);
	mw_rib_entry(&B, &r, 3, 0x11223344, 99, a, 4);
	mw_rib_end(&B, &r);
	EXPECT_BYTES(B, 0, 0, 0, 9, 0, 13, 0, 2, 0, 0, 0, 22,
	             0, 0, 0, 7, 24, 175, 45, 176, 0, 1,
	             0, 3, 0x11, 0x22, 0x33, 0x44, 0, 4, 0x40, 1, 1, 0);
}
END_TEST

START_TEST(rib_addpath_entry_has_path_id)
{
	struct mw_rib r;
	struct prefix p = mw_pfx("10.0.0.0/8");
	mw_rib_begin(&B, &r, 9, MW_RIB_IPV4_UNICAST_ADDPATH, 0, &p);
	mw_rib_entry(&B, &r, 0, 1, 42, NULL, 0);
	mw_rib_entry(&B, &r, 1, 1, 43, NULL, 0);
	mw_rib_end(&B, &r);
	EXPECT_BYTES(B, 0, 0, 0, 9, 0, 13, 0, 8, 0, 0, 0, 32,
	             0, 0, 0, 0, 8, 10, 0, 2,
	             0, 0, 0, 0, 0, 1, 0, 0, 0, 42, 0, 0,
	             0, 1, 0, 0, 0, 1, 0, 0, 0, 43, 0, 0);
}
END_TEST

START_TEST(rib_generic_layout)
{
	struct mw_rib r;
	const uint8_t nlri[] = { 16, 10, 1 };
	mw_rib_generic_begin(&B, &r, 9, MW_RIB_GENERIC, 5, 1, 2, nlri, 3);
	mw_rib_entry(&B, &r, 0, 1, 0, NULL, 0);
	mw_rib_end(&B, &r);
	EXPECT_BYTES(B, 0, 0, 0, 9, 0, 13, 0, 6, 0, 0, 0, 20,
	             0, 0, 0, 5, 0, 1, 2, 16, 10, 1, 0, 1,
	             0, 0, 0, 0, 0, 1, 0, 0);
}
END_TEST

START_TEST(table_dump_v1_ipv4_layout)
{
	struct prefix p = mw_pfx("175.45.176.0/24");
	const uint8_t a[] = { 0x40, 1, 1, 0 };
	mw_table_dump(&B, 3, 0, 1, &p, 1, 0x55, mw_ip("193.0.0.56"), 3333, a, 4);
	EXPECT_BYTES(B, 0, 0, 0, 3, 0, 12, 0, 1, 0, 0, 0, 26,
	             0, 0, 0, 1, 175, 45, 176, 0, 24, 1, 0, 0, 0, 0x55,
	             193, 0, 0, 56, 0x0d, 0x05, 0, 4, 0x40, 1, 1, 0);
}
END_TEST

START_TEST(table_dump_v1_ipv6_length)
{
	struct prefix p = mw_pfx("2001:db8::/32");
	mw_table_dump(&B, 3, 0, 1, &p, 1, 0, mw_ip("2001:db8::9"), 3333, NULL, 0);
	ck_assert_uint_eq(B.len, 12 + 2 + 2 + 16 + 1 + 1 + 4 + 16 + 2 + 2);
	ck_assert_uint_eq(B.p[7], 2);
}
END_TEST

START_TEST(legacy_bgp_state_layout)
{
	mw_bgp_legacy_state(&B, 1, 3333, mw_ip("193.0.0.56"), 6, 1);
	EXPECT_BYTES(B, 0, 0, 0, 1, 0, 5, 0, 3, 0, 0, 0, 10,
	             0x0d, 0x05, 193, 0, 0, 56, 0, 6, 0, 1);
}
END_TEST

START_TEST(patch_overwrites_in_place)
{
	mw_u32(&B, 0);
	mw_u16(&B, 0);
	mw_patch_u32(&B, 0, 0xffffffff);
	mw_patch_u16(&B, 4, 0x1234);
	EXPECT_BYTES(B, 0xff, 0xff, 0xff, 0xff, 0x12, 0x34);
}
END_TEST

START_TEST(gzip_is_deterministic_and_round_trips)
{
	struct mw_buf in = MW_BUF_INIT, z1 = MW_BUF_INIT, z2 = MW_BUF_INIT;
	for (int i = 0; i < 5000; i++)
		mw_u32(&in, (uint32_t)i * 2654435761u);
	mw_compress(in.p, in.len, MW_GZIP, &z1);
	mw_compress(in.p, in.len, MW_GZIP, &z2);
	ck_assert_uint_eq(z1.len, z2.len);
	ck_assert_mem_eq(z1.p, z2.p, z1.len);
	ck_assert_uint_eq(z1.p[0], 0x1f);
	ck_assert_uint_eq(z1.p[1], 0x8b);
	ck_assert_uint_eq(z1.p[4] | z1.p[5] | z1.p[6] | z1.p[7], 0);   /* mtime 0 */

	uint8_t *out = malloc(in.len);
	z_stream z;
	memset(&z, 0, sizeof z);
	ck_assert_int_eq(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = z1.p;
	z.avail_in = (uInt)z1.len;
	z.next_out = out;
	z.avail_out = (uInt)in.len;
	ck_assert_int_eq(inflate(&z, Z_FINISH), Z_STREAM_END);
	ck_assert_uint_eq(z.total_out, in.len);
	ck_assert_mem_eq(out, in.p, in.len);
	inflateEnd(&z);
	free(out);
	mw_free(&in);
	mw_free(&z1);
	mw_free(&z2);
}
END_TEST

START_TEST(bzip2_round_trips)
{
	struct mw_buf in = MW_BUF_INIT, z1 = MW_BUF_INIT;
	for (int i = 0; i < 5000; i++)
		mw_u32(&in, (uint32_t)i * 2654435761u);
	mw_compress(in.p, in.len, MW_BZIP2, &z1);
	ck_assert_mem_eq(z1.p, "BZh9", 4);
	char *out = malloc(in.len);
	unsigned int olen = (unsigned int)in.len;
	ck_assert_int_eq(BZ2_bzBuffToBuffDecompress(out, &olen, (char *)z1.p,
	                                            (unsigned int)z1.len, 0, 0), BZ_OK);
	ck_assert_uint_eq(olen, in.len);
	ck_assert_mem_eq(out, in.p, in.len);
	free(out);
	mw_free(&in);
	mw_free(&z1);
}
END_TEST


START_TEST(bgp_update_body_has_no_header)
{
	const uint8_t w[] = { 24, 175, 45, 176 };
	mw_bgp_update_body(&B, w, 4, NULL, 0, NULL, 0);
	EXPECT_BYTES(B, 0, 4, 24, 175, 45, 176, 0, 0);
}
END_TEST

START_TEST(legacy_bgp_update_layout)
{
	const uint8_t body[] = { 0, 0, 0, 0 };
	mw_bgp_legacy_update(&B, 1, 3333, mw_ip("193.0.0.56"), 12654, mw_ip("193.0.4.28"), body, 4);
	EXPECT_BYTES(B, 0, 0, 0, 1, 0, 5, 0, 1, 0, 0, 0, 16,
	             0x0d, 0x05, 193, 0, 0, 56, 0x31, 0x6e, 193, 0, 4, 28, 0, 0, 0, 0);
}
END_TEST

START_TEST(attr_begin_end_shrinks_short_values)
{
	size_t at = mw_attr_begin(&B, MW_ATTR_OPTIONAL, 99);
	mw_u16(&B, 0xbeef);
	mw_attr_end(&B, at);
	EXPECT_BYTES(B, 0x80, 99, 2, 0xbe, 0xef);
}
END_TEST

START_TEST(mw_pfx_keeps_host_bits)
{
	struct prefix p = mw_pfx("10.1.2.3/8");
	ck_assert_uint_eq(p.len, 8);
	ck_assert_uint_eq(p.addr.afi, AFI_IPV4);
	ck_assert_uint_eq(p.addr.b[3], 3);
	struct addr a = mw_ip("2001:db8::1");
	ck_assert_uint_eq(a.afi, AFI_IPV6);
	ck_assert_uint_eq(a.b[15], 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mrtwrite");
	TCase *tc = tcase_create("layouts");
	tcase_add_checked_fixture(tc, setup, teardown);

	tcase_add_test(tc, record_header_length_counts_body);
	tcase_add_test(tc, record_et_length_counts_microseconds);
	tcase_add_test(tc, attr_origin_well_known_transitive);
	tcase_add_test(tc, attr_as_path_two_byte_asns);
	tcase_add_test(tc, attr_as_path_four_byte_set_and_sequence);
	tcase_add_test(tc, attr_as_path_long_sequence_splits_at_255);
	tcase_add_test(tc, attr_as4_path_optional_transitive);
	tcase_add_test(tc, attr_next_hop_med_local_pref);
	tcase_add_test(tc, attr_aggregator_two_and_four_byte);
	tcase_add_test(tc, attr_communities_and_large);
	tcase_add_test(tc, attr_extended_length_when_over_255);
	tcase_add_test(tc, attr_mp_reach_ipv6_full);
	tcase_add_test(tc, attr_mp_reach_link_local_next_hop_is_32_bytes);
	tcase_add_test(tc, attr_mp_reach_rib_abbreviated);
	tcase_add_test(tc, attr_mp_unreach_with_addpath);
	tcase_add_test(tc, nlri_bytes_cover_length);
	tcase_add_test(tc, bgp_update_message_layout);
	tcase_add_test(tc, bgp_keepalive_is_19_bytes);
	tcase_add_test(tc, bgp4mp_message_as4_header);
	tcase_add_test(tc, bgp4mp_state_change_two_byte_ipv6);
	tcase_add_test(tc, bgp4mp_et_has_microseconds);
	tcase_add_test(tc, peer_index_table_layout);
	tcase_add_test(tc, rib_ipv4_unicast_entry_layout);
	tcase_add_test(tc, rib_addpath_entry_has_path_id);
	tcase_add_test(tc, rib_generic_layout);
	tcase_add_test(tc, table_dump_v1_ipv4_layout);
	tcase_add_test(tc, table_dump_v1_ipv6_length);
	tcase_add_test(tc, legacy_bgp_state_layout);
	tcase_add_test(tc, patch_overwrites_in_place);
	tcase_add_test(tc, gzip_is_deterministic_and_round_trips);
	tcase_add_test(tc, bzip2_round_trips);
	tcase_add_test(tc, bgp_update_body_has_no_header);
	tcase_add_test(tc, legacy_bgp_update_layout);
	tcase_add_test(tc, attr_begin_end_shrinks_short_values);
	tcase_add_test(tc, mw_pfx_keeps_host_bits);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
