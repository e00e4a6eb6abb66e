/*
 * check_bgp4mp.c — unit tests for bgp4mp.c on crafted BGP4MP, BGP4MP_ET and
 * legacy BGP records: one test per rule (bgpdump's element order, subtypes,
 * AS4 handling, state changes) and per damage case. Never: reads files.
 */
#include <check.h>

#include "check_run.h"
#include "dump_testutil.h"

static struct decoder *D;
static struct mw_buf B, A, W, N, M;

static void setup(void)
{
	D = decoder_new();
	mw_clear(&B);
	mw_clear(&A);
	mw_clear(&W);
	mw_clear(&N);
	mw_clear(&M);
}

static void teardown(void)
{
	decoder_free(D);
}

static struct collected *decoded(int want, const char **why)
{
	return tu_decoded(D, &B, want, why);
}

static const uint32_t PATH[] = { 1, 2, 3 };

static struct mw_bgp4mp hdr(uint16_t subtype)
{
	struct mw_bgp4mp h = { .ts = 1419264900, .subtype = subtype, .peer_as = 65001,
		.local_as = 65000, .peer_ip = mw_ip("10.0.0.2"), .local_ip = mw_ip("10.0.0.3") };
	return h;
}

static void nlri(struct mw_buf *b, const char *p, bool addpath, uint32_t id)
{
	struct prefix x = mw_pfx(p);
	mw_nlri(b, &x, addpath, id);
}

/* Appends one BGP4MP record of h carrying an UPDATE of W, A and N. */
static void message(const struct mw_bgp4mp *h)
{
	size_t r = mw_bgp4mp_begin(&B, h);
	mw_bgp_update(&B, W.p, W.len, A.p, A.len, N.p, N.len);
	mw_record_end(&B, r);
}

static void basic_attrs(unsigned asn_size)
{
	mw_attr_origin(&A, 0);
	mw_attr_as_seq(&A, asn_size, PATH, 3);
	mw_attr_next_hop(&A, mw_ip("10.0.0.1"));
}

START_TEST(message_announcement_is_an_A_line)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE);
	basic_attrs(2);
	nlri(&N, "2.0.0.0/24", false, 0);
	message(&h);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text,
	    "BGP4MP|1419264900|A|10.0.0.2|65001|2.0.0.0/24|1 2 3|IGP|10.0.0.1|0|0||NAG||\n");
	ck_assert_int_eq(c->elems[0].type, ELEM_ANNOUNCE);
}
END_TEST

/* bgpdump prints IPv4 withdrawn routes, MP_UNREACH, IPv4 NLRI, MP_REACH. */
START_TEST(update_elements_come_in_bgpdump_order)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	struct prefix reach = mw_pfx("2001:db8:1::/48"), unreach = mw_pfx("2001:db8:2::/48");
	nlri(&W, "1.0.0.0/24", false, 0);
	basic_attrs(4);
	mw_attr_mp_reach(&A, 2, 1, mw_ip("2001:db8::1"), NULL, &reach, NULL, 1);
	mw_attr_mp_unreach(&A, 2, 1, &unreach, NULL, 1);
	nlri(&N, "2.0.0.0/24", false, 0);
	message(&h);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text,
	    "BGP4MP|1419264900|W|10.0.0.2|65001|1.0.0.0/24\n"
	    "BGP4MP|1419264900|W|10.0.0.2|65001|2001:db8:2::/48\n"
	    "BGP4MP|1419264900|A|10.0.0.2|65001|2.0.0.0/24|1 2 3|IGP|10.0.0.1|0|0||NAG||\n"
	    "BGP4MP|1419264900|A|10.0.0.2|65001|2001:db8:1::/48|1 2 3|IGP|2001:db8::1|0|0||NAG||\n");
}
END_TEST

START_TEST(mp_reach_next_hop_is_the_global_one_of_32_bytes)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	struct prefix reach = mw_pfx("2001:db8:1::/48");
	struct addr ll = mw_ip("fe80::1");
	mw_attr_origin(&A, 0);
	mw_attr_as_seq(&A, 4, PATH, 1);
	mw_attr_mp_reach(&A, 2, 1, mw_ip("2001:db8::9"), &ll, &reach, NULL, 1);
	message(&h);
	struct collected *c = decoded(0, NULL);
	ck_assert_ptr_nonnull(strstr(c->text, "|IGP|2001:db8::9|"));
}
END_TEST

START_TEST(ipv4_routes_in_mp_reach_take_its_next_hop)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	struct prefix reach = mw_pfx("6.0.0.0/8");
	basic_attrs(4);
	mw_attr_mp_reach(&A, 1, 2, mw_ip("10.9.9.9"), NULL, &reach, NULL, 1);
	nlri(&N, "4.0.0.0/8", false, 0);
	message(&h);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text,
	    "BGP4MP|1419264900|A|10.0.0.2|65001|4.0.0.0/8|1 2 3|IGP|10.0.0.1|0|0||NAG||\n"
	    "BGP4MP|1419264900|A|10.0.0.2|65001|6.0.0.0/8|1 2 3|IGP|10.9.9.9|0|0||NAG||\n");
	ck_assert_int_eq(c->elems[0].safi, SAFI_UNICAST);
	ck_assert_int_eq(c->elems[1].safi, SAFI_MULTICAST);
}
END_TEST

START_TEST(as_trans_path_is_rebuilt_from_as4_path)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE);
	uint32_t two[] = { 1, 23456, 23456 }, four[] = { 200000, 300000 };
	struct mw_seg s4 = { 2, 2, four };
	mw_attr_origin(&A, 0);
	mw_attr_as_seq(&A, 2, two, 3);
	mw_attr_next_hop(&A, mw_ip("10.0.0.1"));
	mw_attr_aggregator(&A, 2, 23456, mw_ip("1.2.3.4"));
	mw_attr_as4_path(&A, &s4, 1);
	mw_attr_as4_aggregator(&A, 400000, mw_ip("5.6.7.8"));
	nlri(&N, "8.0.0.0/8", false, 0);
	message(&h);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text,
	    "BGP4MP|1419264900|A|10.0.0.2|65001|8.0.0.0/8|1 200000 300000|IGP|10.0.0.1|0|0||NAG|400000 5.6.7.8|\n");
}
END_TEST

/* elem.h: no two records in the process share a number, not even those of
 * two decoders made one after the other at one address (the -m writer keeps
 * a record's text by its number): the second record's line is its own. */
START_TEST(two_decoders_never_number_a_record_alike)
{
	static const uint32_t other[] = { 7 };
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE);
	basic_attrs(2);
	nlri(&N, "2.0.0.0/24", false, 0);
	message(&h);
	struct collected *c = decoded(0, NULL);
	uint64_t first = c->elems[0].record;
	ck_assert_uint_ne(first, 0);
	ck_assert_ptr_nonnull(strstr(c->text, "|1 2 3|"));

	decoder_free(D);
	D = decoder_new();
	mw_clear(&B);
	mw_clear(&A);
	mw_attr_origin(&A, 0);
	mw_attr_as_seq(&A, 2, other, 1);
	mw_attr_next_hop(&A, mw_ip("10.0.0.1"));
	message(&h);
	c = decoded(0, NULL);
	ck_assert_uint_ne(c->elems[0].record, first);
	ck_assert_str_eq(c->text,
	    "BGP4MP|1419264900|A|10.0.0.2|65001|2.0.0.0/24|7|IGP|10.0.0.1|0|0||NAG||\n");
}
END_TEST

START_TEST(state_change_is_a_STATE_line)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_STATE_CHANGE);
	mw_bgp4mp_state(&B, &h, MW_ESTABLISHED, MW_IDLE);
	h.subtype = MW_BGP4MP_STATE_CHANGE_AS4;
	h.peer_as = 4200000000u;
	mw_bgp4mp_state(&B, &h, MW_IDLE, MW_CONNECT);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text,
	    "BGP4MP|1419264900|STATE|10.0.0.2|65001|6|1\n"
	    "BGP4MP|1419264900|STATE|10.0.0.2|4200000000|1|2\n");
	ck_assert_int_eq(c->elems[0].type, ELEM_STATE);
	ck_assert_int_eq(c->elems[0].old_state, 6);
	ck_assert_int_eq(c->elems[0].new_state, 1);
}
END_TEST

START_TEST(et_records_carry_microseconds)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_STATE_CHANGE_AS4);
	h.et = true;
	h.usec = 5;
	h.peer_ip = mw_ip("2001:db8::2");
	h.local_ip = mw_ip("2001:db8::3");
	mw_bgp4mp_state(&B, &h, 3, 6);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text, "BGP4MP_ET|1419264900.000005|STATE|2001:db8::2|65001|3|6\n");
	ck_assert_uint_eq(c->elems[0].usec, 5);
}
END_TEST

START_TEST(open_keepalive_notification_give_no_elements)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE);
	size_t r = mw_bgp4mp_begin(&B, &h);
	mw_bgp_keepalive(&B);
	mw_record_end(&B, r);
	static const uint8_t open_body[] = { 4, 0xfd, 0xe9, 0, 180, 10, 0, 0, 1, 0 };
	static const uint8_t notif_body[] = { 6, 2 };
	r = mw_bgp4mp_begin(&B, &h);
	size_t m = mw_bgp_begin(&B, 1);
	mw_bytes(&B, open_body, sizeof open_body);
	mw_bgp_end(&B, m);
	mw_record_end(&B, r);
	r = mw_bgp4mp_begin(&B, &h);
	m = mw_bgp_begin(&B, 3);
	mw_bytes(&B, notif_body, sizeof notif_body);
	mw_bgp_end(&B, m);
	mw_record_end(&B, r);
	struct collected *c = decoded(0, NULL);
	ck_assert_int_eq(c->count, 0);
	ck_assert_uint_eq(decoder_stats(D)->damaged, 0);
}
END_TEST

START_TEST(update_peer_is_the_last_record_s_message_peer_if_it_gave_elements)
{
	/* decoder_update_peer: what the collector identity check is told once
	 * per record. A record that gives no element names none. */
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE);
	basic_attrs(2);
	nlri(&N, "2.0.0.0/24", false, 0);
	message(&h);
	ck_assert_int_eq(decoded(0, NULL)->count, 1);
	const struct addr *p = decoder_update_peer(D);
	ck_assert_ptr_nonnull(p);
	struct addr want = mw_ip("10.0.0.2");
	ck_assert(addr_equal(p, &want));
	mw_clear(&B);
	size_t r = mw_bgp4mp_begin(&B, &h);
	mw_bgp_keepalive(&B);
	mw_record_end(&B, r);
	ck_assert_int_eq(decoded(0, NULL)->count, 0);
	ck_assert_ptr_null(decoder_update_peer(D));
}
END_TEST

/* elem.h: elements with one peer_key have one peer. A run of message
 * records from one peer keeps its key, so a consumer resolves the peer once
 * for the run; another peer (address or AS), or another source, starts a
 * new key, and coming back to the first peer does too. */
START_TEST(a_run_of_one_peer_s_records_shares_a_peer_key)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	basic_attrs(4);
	nlri(&N, "2.0.0.0/24", false, 0);
	nlri(&N, "3.0.0.0/24", false, 0);
	message(&h);
	message(&h);                        /* the same peer again */
	h.peer_ip = mw_ip("10.0.0.4");
	message(&h);                        /* another address */
	h.peer_ip = mw_ip("10.0.0.2");
	h.peer_as = 65002;
	message(&h);                        /* the first address, another AS */
	h.peer_as = 65001;
	message(&h);                        /* back to the first peer */
	struct collected *c = decoded(0, NULL);
	ck_assert_int_eq(c->count, 10);
	/* Two elements a record: the key of each record's, and which record's
	 * key it is (0, 1: the first two records share one). */
	static const int run[5] = { 0, 0, 1, 2, 3 };
	const struct elem *e = c->elems;
	for (int i = 0; i < 10; i++) {
		ck_assert_uint_ne(e[i].peer_key, 0);
		for (int j = 0; j < i; j++)
			ck_assert_int_eq(e[i].peer_key == e[j].peer_key, run[i / 2] == run[j / 2]);
	}

	/* The same bytes as another source: new keys. */
	uint64_t last = e[9].peer_key;
	struct collected *c2 = tu_fresh();
	ck_assert_int_eq(tu_decode(D, B.p, B.len, 1, c2, NULL), 0);
	ck_assert_uint_ne(c2->elems[0].peer_key, last);
}
END_TEST

/* Decoders side by side on one pass (cli/recpool.h): the same records
 * decoded by two decoders get numbers and peer keys of neither's other. */
START_TEST(two_decoders_side_by_side_share_no_record_number_nor_peer_key)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	basic_attrs(4);
	nlri(&N, "2.0.0.0/24", false, 0);
	message(&h);
	h.peer_ip = mw_ip("10.0.0.4");
	message(&h);
	struct decoder *other = decoder_new();
	ck_assert_ptr_nonnull(other);
	struct collected *c = tu_fresh();
	ck_assert_int_eq(tu_decode(D, B.p, B.len, 0, c, NULL), 0);
	struct elem mine[2] = { c->elems[0], c->elems[1] };
	c = tu_fresh();
	ck_assert_int_eq(tu_decode(other, B.p, B.len, 0, c, NULL), 0);
	ck_assert_int_eq(c->count, 2);
	ck_assert_uint_ne(mine[0].peer_key, mine[1].peer_key);
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			ck_assert_uint_ne(mine[i].record, c->elems[j].record);
			ck_assert_uint_ne(mine[i].peer_key, c->elems[j].peer_key);
		}
	decoder_free(other);
}
END_TEST

START_TEST(message_local_has_its_own_label)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_LOCAL);
	basic_attrs(2);
	nlri(&N, "4.0.0.0/8", false, 0);
	message(&h);
	h.subtype = MW_BGP4MP_MESSAGE_AS4_LOCAL;
	h.et = true;
	h.usec = 7;
	mw_clear(&A);
	basic_attrs(4);
	message(&h);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text,
	    "BGP4MP_LOCAL|1419264900|A|10.0.0.2|65001|4.0.0.0/8|1 2 3|IGP|10.0.0.1|0|0||NAG||\n"
	    "BGP4MP_ET_LOCAL|1419264900.000007|A|10.0.0.2|65001|4.0.0.0/8|1 2 3|IGP|10.0.0.1|0|0||NAG||\n");
}
END_TEST

START_TEST(addpath_subtypes_read_a_path_id_per_prefix)
{
	static const uint16_t subtypes[] = { 8, 9, 10, 11 };
	for (size_t i = 0; i < 4; i++) {
		struct collected *c = tu_fresh();
		struct mw_bgp4mp h = hdr(subtypes[i]);
		mw_clear(&B);
		mw_clear(&A);
		mw_clear(&W);
		mw_clear(&N);
		nlri(&W, "7.0.0.0/8", true, 11);
		basic_attrs(mw_bgp4mp_asn_size(subtypes[i]));
		nlri(&N, "4.0.0.0/8", true, 5);
		message(&h);
		ck_assert_int_eq(tu_decode(D, B.p, B.len, 0, c, NULL), 0);
		/* The peer is the peer field for every subtype (bgpdump prints the
		 * local side for 10 and 11: COMPATIBILITY). */
		ck_assert_str_eq(c->text,
		    "BGP4MP_AP|1419264900|W|10.0.0.2|65001|7.0.0.0/8|11\n"
		    "BGP4MP_AP|1419264900|A|10.0.0.2|65001|4.0.0.0/8|5|1 2 3|IGP|10.0.0.1|0|0||NAG||\n");
	}
}
END_TEST

/* A field's prefixes, read one by one with bgp_nlri_next, as the elements
 * of type t from c->elems[*at] on must give them (prefix and path id). */
static void same_as_nlri_next(const struct collected *c, int *at, const uint8_t *f, size_t n,
                              uint8_t afi, bool addpath)
{
	struct cursor cur = cur_make(f, n);
	struct prefix p;
	uint32_t id;
	const char *why;
	int k;
	while ((k = bgp_nlri_next(&cur, afi, addpath, &p, &id, &why)) == 1) {
		ck_assert_int_lt(*at, c->count);
		const struct elem *e = &c->elems[(*at)++];
		ck_assert(prefix_equal(&e->prefix, &p));
		ck_assert_mem_eq(e->prefix.addr.b, p.addr.b, sizeof p.addr.b);
		ck_assert_uint_eq(e->path_id, id);
		ck_assert(e->has_path_id == addpath);
	}
	ck_assert_int_eq(k, 0);
}

/* Sound fields go out by one lean loop (bgp4mp.c emit_sound_nlri): every
 * prefix as bgp_nlri_next reads it, host bits cleared, whatever lengths
 * (every IPv4 one), path ids, and bytes left after the last prefix (fewer
 * than 4 at the end). */
START_TEST(sound_fields_give_the_prefixes_bgp_nlri_next_reads)
{
	/* length, then bytes with host bits set; the last one ends the field
	 * with 3 bytes left */
	static const uint8_t v4[] = { 24, 1, 2, 3, 7, 0xff, 0, 32, 9, 9, 9, 9,
	                              12, 0x0a, 0xff, 1, 0xff, 31, 1, 2, 3, 0xff, 17, 1, 2, 0xff };
	static const uint8_t v6[] = { 48, 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 128, 0x20, 0x01, 0x0d,
	                              0xb8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 61, 0x20, 1,
	                              2, 3, 4, 5, 6, 0xff, 1, 0xff };
	for (int ap = 0; ap < 2; ap++) {
		struct mw_buf f4 = { 0 }, all = { 0 }, f6 = { 0 }, mp = { 0 };
		uint32_t id = 100;
		static const uint8_t ones[4] = { 0xff, 0xff, 0xff, 0xff };
		/* every IPv4 length with all bits set (ids with ap) */
		for (unsigned len = 0; len <= 32; len++) {
			if (ap)
				mw_u32(&all, id++);
			mw_u8(&all, (uint8_t)len);
			mw_bytes(&all, ones, (len + 7u) / 8u);
		}
		/* the fields again, with a path id before each prefix */
		for (size_t i = 0; i < sizeof v4; i += 1 + (v4[i] + 7u) / 8u) {
			if (ap)
				mw_u32(&f4, id++);
			mw_bytes(&f4, v4 + i, 1 + (v4[i] + 7u) / 8u);
		}
		for (size_t i = 0; i < sizeof v6; i += 1 + (v6[i] + 7u) / 8u) {
			if (ap)
				mw_u32(&f6, id++);
			mw_bytes(&f6, v6 + i, 1 + (v6[i] + 7u) / 8u);
		}
		struct addr nh = mw_ip("2001:db8::1");
		mw_u16(&mp, 2);
		mw_u8(&mp, 1);
		mw_u8(&mp, 16);
		mw_bytes(&mp, nh.b, 16);
		mw_u8(&mp, 0);
		mw_bytes(&mp, f6.p, f6.len);
		mw_clear(&B);
		mw_clear(&A);
		basic_attrs(4);
		mw_attr(&A, MW_ATTR_OPTIONAL, 14, mp.p, mp.len);
		struct mw_bgp4mp h = hdr(ap ? 9 : MW_BGP4MP_MESSAGE_AS4);
		size_t r = mw_bgp4mp_begin(&B, &h);
		mw_bgp_update(&B, f4.p, f4.len, A.p, A.len, all.p, all.len);
		mw_record_end(&B, r);
		struct collected *c = decoded(0, NULL);
		int at = 0;
		ck_assert_int_le(c->count, MAX_ELEMS);
		same_as_nlri_next(c, &at, f4.p, f4.len, AFI_IPV4, ap);
		same_as_nlri_next(c, &at, all.p, all.len, AFI_IPV4, ap);
		same_as_nlri_next(c, &at, f6.p, f6.len, AFI_IPV6, ap);
		ck_assert_int_eq(at, c->count);
		ck_assert_int_eq(c->count, 8 + 33 + 5);
		mw_free(&f4);
		mw_free(&all);
		mw_free(&f6);
		mw_free(&mp);
	}
}
END_TEST

START_TEST(ipv6_peer_addresses_are_read)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	h.peer_ip = mw_ip("2001:7f8:30:0:2:1:0:8447");
	h.local_ip = mw_ip("2001:db8::3");
	basic_attrs(4);
	nlri(&N, "9.0.0.0/8", false, 0);
	message(&h);
	struct collected *c = decoded(0, NULL);
	ck_assert_ptr_nonnull(strstr(c->text, "|A|2001:7f8:30::2:1:0:8447|65001|9.0.0.0/8|"));
}
END_TEST

START_TEST(legacy_bgp_update_has_the_short_line)
{
	uint32_t comm = 5;
	mw_attr_origin(&A, 0);
	mw_attr_as_seq(&A, 2, PATH, 3);
	mw_attr_next_hop(&A, mw_ip("10.0.0.1"));
	mw_attr_communities(&A, &comm, 1);
	nlri(&N, "4.0.0.0/8", false, 0);
	nlri(&W, "6.0.0.0/8", false, 0);
	mw_bgp_update_body(&M, W.p, W.len, A.p, A.len, N.p, N.len);
	mw_bgp_legacy_update(&B, 1419264900, 65001, mw_ip("10.0.0.2"), 65000, mw_ip("10.0.0.3"), M.p, M.len);
	struct collected *c = decoded(0, NULL);
	/* bgpdump: no '|' between MED and communities; the withdrawn prefix is
	 * the one in the data (bgpdump prints the peer address: COMPATIBILITY). */
	ck_assert_str_eq(c->text,
	    "BGP|1419264900|W|10.0.0.2|65001|6.0.0.0/8\n"
	    "BGP|1419264900|A|10.0.0.2|65001|4.0.0.0/8|1 2 3|IGP|10.0.0.1|0|00:5|NAG||\n");
}
END_TEST

START_TEST(legacy_bgp_state_change_is_a_STATE_line)
{
	mw_bgp_legacy_state(&B, 1419264900, 65001, mw_ip("10.0.0.2"), 1, 6);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text, "BGP|1419264900|STATE|10.0.0.2|65001|1|6\n");
}
END_TEST

START_TEST(legacy_bgp_other_subtypes_give_nothing)
{
	for (uint16_t st = 2; st <= 7; st++)
		if (st != 3)
			mw_record_end(&B, mw_record_begin(&B, 1, MW_BGP, st));
	mw_record_end(&B, mw_record_begin(&B, 1, 9, 1));      /* BGP4PLUS: as bgpdump, not decoded */
	struct collected *c = decoded(0, NULL);
	ck_assert_int_eq(c->count, 0);
	ck_assert_uint_eq(decoder_stats(D)->unsupported, 1);
}
END_TEST

START_TEST(damaged_attributes_keep_the_withdrawals_before_them)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	static const uint8_t bad_path[] = { 2, 5, 0, 0, 0, 1 };
	const char *why;
	nlri(&W, "2.0.0.0/8", false, 0);
	mw_attr_origin(&A, 0);
	mw_attr(&A, 0x40, 2, bad_path, sizeof bad_path);
	nlri(&N, "3.0.0.0/8", false, 0);
	message(&h);
	struct collected *c = decoded(-1, &why);
	ck_assert_str_eq(c->text, "BGP4MP|1419264900|W|10.0.0.2|65001|2.0.0.0/8\n");
	ck_assert_ptr_nonnull(why);
}
END_TEST

START_TEST(damaged_nlri_field_keeps_the_other_fields)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	static const uint8_t cut[] = { 24, 1 };          /* a /24 with one byte */
	nlri(&W, "9.0.0.0/8", false, 0);
	mw_bytes(&W, cut, sizeof cut);
	basic_attrs(4);
	nlri(&N, "10.0.0.0/8", false, 0);
	message(&h);
	struct collected *c = decoded(-1, NULL);
	ck_assert_str_eq(c->text,
	    "BGP4MP|1419264900|W|10.0.0.2|65001|9.0.0.0/8\n"
	    "BGP4MP|1419264900|A|10.0.0.2|65001|10.0.0.0/8|1 2 3|IGP|10.0.0.1|0|0||NAG||\n");
}
END_TEST

START_TEST(unknown_address_family_is_damage)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_STATE_CHANGE);
	mw_bgp4mp_state(&B, &h, 1, 2);
	B.p[12 + 6] = 0;
	B.p[12 + 7] = 7;                                  /* AFI 7 */
	struct collected *c = decoded(-1, NULL);
	ck_assert_int_eq(c->count, 0);
}
END_TEST

START_TEST(every_truncation_is_safe)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4_ADDPATH);
	struct prefix reach = mw_pfx("2001:db8:1::/48");
	uint32_t id = 9;
	nlri(&W, "7.0.0.0/8", true, 1);
	basic_attrs(4);
	mw_attr_mp_reach(&A, 2, 1, mw_ip("2001:db8::1"), NULL, &reach, &id, 1);
	nlri(&N, "4.0.0.0/8", true, 2);
	message(&h);
	tu_every_cut_is_damage(D, &B, 0, false);
}
END_TEST

START_TEST(unknown_subtypes_are_counted)
{
	mw_record_end(&B, mw_record_begin(&B, 1, MW_BGP4MP, 2));   /* ENTRY */
	mw_record_end(&B, mw_record_begin(&B, 1, MW_BGP4MP, 12));
	decoded(0, NULL);
	ck_assert_uint_eq(decoder_stats(D)->unsupported, 2);
}
END_TEST

/* VPNv4 (SAFI 128) and L2VPN (AFI 25) fields are skipped and counted; the
 * IPv4 NLRI of the same UPDATE still comes out. */
START_TEST(other_families_are_skipped_and_counted)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	struct prefix vpn = mw_pfx("10.1.0.0/16"), l2 = mw_pfx("10.2.0.0/16");
	basic_attrs(4);
	mw_attr_mp_reach(&A, 1, 128, mw_ip("10.9.9.9"), NULL, &vpn, NULL, 1);
	mw_attr_mp_unreach(&A, 25, 65, &l2, NULL, 1);
	nlri(&N, "2.0.0.0/24", false, 0);
	message(&h);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text,
	    "BGP4MP|1419264900|A|10.0.0.2|65001|2.0.0.0/24|1 2 3|IGP|10.0.0.1|0|0||NAG||\n");
	ck_assert_uint_eq(decoder_stats(D)->other_families, 2);
	ck_assert_uint_eq(decoder_stats(D)->damaged, 0);
}
END_TEST

START_TEST(announcement_field_that_breaks_partway_announces_nothing)
{
	/* RFC 7606 5.3: a /24 and two /0 read, then a length of 40: none of the
	 * field's prefixes is announced (a real archive gave phantom /0 routes);
	 * the withdrawal field, framed by its own length, still goes out. */
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	static const uint8_t rest[] = { 0, 0, 40, 1, 2, 3, 4, 5 };
	const char *why;
	nlri(&W, "9.0.0.0/8", false, 0);
	basic_attrs(4);
	nlri(&N, "10.0.0.0/24", false, 0);
	mw_bytes(&N, rest, sizeof rest);
	message(&h);
	struct collected *c = decoded(-1, &why);
	ck_assert_str_eq(c->text, "BGP4MP|1419264900|W|10.0.0.2|65001|9.0.0.0/8\n");
	ck_assert_str_eq(why, "nlri prefix length 40 exceeds 32");
}
END_TEST

START_TEST(addpath_nlri_under_a_plain_subtype_is_reported_not_announced)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	const char *why;
	basic_attrs(4);
	nlri(&N, "198.51.100.0/24", true, 1);
	nlri(&N, "203.0.113.0/24", true, 2);
	message(&h);
	struct collected *c = decoded(-1, &why);
	ck_assert_int_eq(c->count, 0);
	ck_assert_str_eq(why, "ADD-PATH encoding under subtype 4 (MESSAGE_AS4): NLRI field not "
	                      "used (--addpath-guess reads it with path ids)");
}
END_TEST

START_TEST(addpath_guess_reads_it_with_path_ids)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE);
	const char *why;
	decoder_set_addpath_guess(D, true);
	nlri(&W, "7.0.0.0/8", true, 3);
	basic_attrs(2);
	nlri(&N, "198.51.100.0/24", true, 1);
	message(&h);
	struct collected *c = decoded(-1, &why);
	ck_assert_int_eq(c->count, 2);
	ck_assert(c->elems[0].has_path_id && c->elems[1].has_path_id);
	ck_assert_uint_eq(c->elems[0].path_id, 3);
	ck_assert_uint_eq(c->elems[1].path_id, 1);
	ck_assert_str_eq(why, "ADD-PATH encoding under subtype 1 (MESSAGE): NLRI read with "
	                      "path ids (--addpath-guess)");
	/* A field that parses plainly is read plainly, guess or not. */
	mw_clear(&B);
	mw_clear(&W);
	mw_clear(&N);
	nlri(&N, "4.0.0.0/8", false, 0);
	message(&h);
	c = decoded(0, NULL);
	ck_assert_int_eq(c->count, 1);
	ck_assert(!c->elems[0].has_path_id);
}
END_TEST

/* ---- far routes (decoder_set_far, decoder_set_far_more) ---- */

/* Far: every prefix outside 10.0.0.0/8. */
static bool far_but_10(const struct elem *e, const void *arg)
{
	(void)arg;
	return !(e->prefix.addr.afi == AFI_IPV4 && e->prefix.addr.b[0] == 10 && e->prefix.len >= 8);
}

/* What a consumer got: each call, element or run. */
struct got {
	int n;
	struct {
		enum elem_type type;
		char prefix[PREFIX_STRLEN];
		bool attrs;
		char nexthop[ADDR_STRLEN];
		uint32_t more;          /* 0: an element; else a run of that many after it */
		uint32_t path_id;
		uint8_t safi;
	} c[64];
};

static void got_one(struct got *g, const struct elem *e, uint32_t more)
{
	ck_assert_int_lt(g->n, 64);
	g->c[g->n].type = e->type;
	prefix_format(&e->prefix, g->c[g->n].prefix);
	g->c[g->n].attrs = e->attrs != NULL;
	g->c[g->n].nexthop[0] = '\0';
	if (e->nexthop.afi)
		addr_format(&e->nexthop, g->c[g->n].nexthop);
	g->c[g->n].more = more;
	g->c[g->n].path_id = e->path_id;
	g->c[g->n].safi = e->safi;
	g->n++;
}

static int got_elem(const struct elem *e, void *arg)
{
	got_one(arg, e, 0);
	return 0;
}

static int got_more(const struct elem *e, uint32_t n, void *arg)
{
	ck_assert_uint_gt(n, 0);
	got_one(arg, e, n);
	return 0;
}

/* Decodes the one record in B with d into g; returns its status. */
static int got_decoded(struct decoder *d, struct got *g, const char **why)
{
	const char *ignored;
	struct mrt_record rec;
	memset(&rec, 0, sizeof rec);
	rec.ts = rd_u32(B.p);
	rec.type = rd_u16(B.p + 4);
	rec.subtype = rd_u16(B.p + 6);
	rec.body = B.p + 12;
	rec.len = (uint32_t)B.len - 12;
	memset(g, 0, sizeof *g);
	return decode_record(d, &rec, 0, 0, got_elem, g, why ? why : &ignored);
}

/* Withdrawn 1.0.0.0/24 and 10.9.0.0/16; NLRI as given; MP_REACH
 * 2001:db8:1::/48 next hop 2001:db8::1, MP_UNREACH 2001:db8:2::/48. */
static void far_update(const char *const *announced, size_t n)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	struct prefix reach = mw_pfx("2001:db8:1::/48"), unreach = mw_pfx("2001:db8:2::/48");
	mw_clear(&B);
	mw_clear(&A);
	mw_clear(&W);
	mw_clear(&N);
	nlri(&W, "1.0.0.0/24", false, 0);
	nlri(&W, "10.9.0.0/16", false, 0);
	basic_attrs(4);
	mw_attr_mp_reach(&A, 2, 1, mw_ip("2001:db8::1"), NULL, &reach, NULL, 1);
	mw_attr_mp_unreach(&A, 2, 1, &unreach, NULL, 1);
	for (size_t i = 0; i < n; i++)
		nlri(&N, announced[i], false, 0);
	message(&h);
}

START_TEST(far_announcements_go_without_attributes_near_ones_with_them)
{
	static const char *const ann[] = { "1.0.0.0/24", "10.1.0.0/16", "2.0.0.0/24" };
	struct got g;
	decoder_set_far(D, far_but_10, NULL);
	far_update(ann, 1);
	ck_assert_int_eq(got_decoded(D, &g, NULL), 0);
	ck_assert_int_eq(g.n, 5);
	for (int i = 0; i < g.n; i++) {
		ck_assert(!g.c[i].attrs);       /* all far, or withdrawals */
		ck_assert_str_eq(g.c[i].nexthop, "");
	}
	ck_assert_str_eq(g.c[3].prefix, "1.0.0.0/24");
	ck_assert_str_eq(g.c[4].prefix, "2001:db8:1::/48");

	/* A near one has them, and so have those after it. */
	far_update(ann, 3);
	ck_assert_int_eq(got_decoded(D, &g, NULL), 0);
	ck_assert_int_eq(g.n, 7);
	ck_assert_int_eq(g.c[0].type, ELEM_WITHDRAW);
	ck_assert_str_eq(g.c[1].prefix, "10.9.0.0/16");
	ck_assert(!g.c[1].attrs);
	ck_assert_str_eq(g.c[2].prefix, "2001:db8:2::/48");
	ck_assert_str_eq(g.c[3].prefix, "1.0.0.0/24");
	ck_assert(!g.c[3].attrs);
	ck_assert_str_eq(g.c[4].prefix, "10.1.0.0/16");
	ck_assert(g.c[4].attrs);
	ck_assert_str_eq(g.c[4].nexthop, "10.0.0.1");
	ck_assert_str_eq(g.c[5].prefix, "2.0.0.0/24");
	ck_assert(g.c[5].attrs);
	ck_assert_str_eq(g.c[5].nexthop, "10.0.0.1");
	ck_assert_str_eq(g.c[6].prefix, "2001:db8:1::/48");
	ck_assert(g.c[6].attrs);
	ck_assert_str_eq(g.c[6].nexthop, "2001:db8::1");
	ck_assert_int_eq(g.c[6].safi, SAFI_UNICAST);
	ck_assert_uint_eq(decoder_stats(D)->elems, 5 + 7);
}
END_TEST

START_TEST(a_run_of_far_routes_goes_as_its_first_and_one_call_for_the_rest)
{
	static const char *const ann[] = { "1.0.0.0/24", "2.0.0.0/24", "3.0.0.0/24",
	                                   "10.1.0.0/16", "4.0.0.0/24", "5.0.0.0/24" };
	struct got g;
	decoder_set_far(D, far_but_10, NULL);
	decoder_set_far_more(D, got_more);
	far_update(ann, 6);
	ck_assert_int_eq(got_decoded(D, &g, NULL), 0);
	/* W 1.0.0.0/24 | W 10.9.0.0/16 near: no run | W MP | A 1/24 + 2 more |
	 * A 10.1/16 | A 4/24 + 1 more | A MP */
	static const struct { const char *prefix; uint32_t more; } want[] = {
		{ "1.0.0.0/24", 0 }, { "10.9.0.0/16", 0 }, { "2001:db8:2::/48", 0 },
		{ "1.0.0.0/24", 0 }, { "1.0.0.0/24", 2 }, { "10.1.0.0/16", 0 },
		{ "4.0.0.0/24", 0 }, { "4.0.0.0/24", 1 }, { "2001:db8:1::/48", 0 },
	};
	ck_assert_int_eq(g.n, 9);
	for (int i = 0; i < g.n; i++) {
		ck_assert_str_eq(g.c[i].prefix, want[i].prefix);
		ck_assert_uint_eq(g.c[i].more, want[i].more);
	}
	ck_assert(!g.c[3].attrs && !g.c[4].attrs);
	ck_assert(g.c[5].attrs && g.c[6].attrs && g.c[7].attrs);
	ck_assert_uint_eq(decoder_stats(D)->elems, 2 + 1 + 6 + 1);
	ck_assert_ptr_nonnull(decoder_update_peer(D));
}
END_TEST

/* Every byte of a rich UPDATE (withdrawals, AS_PATH, MP_REACH, MP_UNREACH,
 * NLRI) set to a few values: a decoder told every prefix outside 10/8 is
 * far gives the same status, reason, elements and counts as one that
 * decodes everything, but the attributes of far routes. */
START_TEST(far_updates_give_the_damage_and_routes_decoded_ones_give)
{
	static const char *const ann[] = { "1.0.0.0/24", "10.1.0.0/16", "2.0.0.0/24" };
	static struct got gp, gf;
	struct decoder *far = decoder_new();
	decoder_set_far(far, far_but_10, NULL);
	far_update(ann, 3);
	struct mw_buf orig = MW_BUF_INIT;
	mw_bytes(&orig, B.p, B.len);
	size_t body = 12 + 4 + 4 + 2 + 2 + 4 + 4;     /* MRT and BGP4MP_AS4 headers */
	for (size_t i = body; i < orig.len; i++) {
		static const int delta[] = { 1, -1, 0x80 };
		for (int k = 0; k < 5; k++) {
			memcpy(B.p, orig.p, orig.len);
			B.p[i] = k < 3 ? (uint8_t)(orig.p[i] + delta[k]) : k == 3 ? 0 : 0xff;
			const char *wp = NULL, *wf = NULL;
			int rp = got_decoded(D, &gp, &wp);
			int rf = got_decoded(far, &gf, &wf);
			ck_assert_int_eq(rp, rf);
			ck_assert((wp == NULL) == (wf == NULL));
			if (wp)
				ck_assert_str_eq(wp, wf);
			ck_assert_int_eq(gp.n, gf.n);
			for (int j = 0; j < gp.n; j++) {
				ck_assert_int_eq(gp.c[j].type, gf.c[j].type);
				ck_assert_str_eq(gp.c[j].prefix, gf.c[j].prefix);
				ck_assert_uint_eq(gp.c[j].path_id, gf.c[j].path_id);
				ck_assert_int_eq(gp.c[j].safi, gf.c[j].safi);
				if (gf.c[j].attrs)
					ck_assert_str_eq(gp.c[j].nexthop, gf.c[j].nexthop);
			}
		}
	}
	ck_assert_mem_eq(decoder_stats(D), decoder_stats(far), sizeof(struct decode_stats));
	mw_free(&orig);
	decoder_free(far);
}
END_TEST

START_TEST(zebra_8_byte_state_change_is_a_change_of_peer_0_0_0_0)
{
	/* Early RIS (Zebra): peer AS, local AS, old and new state, nothing else.
	 * bgpdump prints peer 0.0.0.0 and the peer AS; not damage. */
	size_t r = mw_record_begin(&B, 946684800, 16, 0);
	mw_u16(&B, 3333);
	mw_u16(&B, 12654);
	mw_u16(&B, 1);
	mw_u16(&B, 6);
	mw_record_end(&B, r);
	struct collected *c = decoded(0, NULL);
	ck_assert_str_eq(c->text, "BGP4MP|946684800|STATE|0.0.0.0|3333|1|6\n");
	ck_assert_int_eq(c->elems[0].type, ELEM_STATE);
}
END_TEST

/* B gets one BGP4MP_MESSAGE_AS4 record of exactly 4096 bytes (MRT length)
 * holding the start of an UPDATE of W, A and N that is longer than that. */
static void cut_at_4096(void)
{
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	struct mw_buf m = MW_BUF_INIT;
	mw_bgp_update(&m, W.p, W.len, A.p, A.len, N.p, N.len);
	size_t r = mw_bgp4mp_begin(&B, &h);
	size_t room = 4096 - (B.len - r - 12);
	ck_assert_uint_gt(m.len, room);
	mw_bytes(&B, m.p, room);
	mw_record_end(&B, r);
	mw_free(&m);
}

START_TEST(record_cut_at_4096_bytes_gives_what_lies_wholly_inside)
{
	/* Cut in the NLRI: every withdrawal, and the announcements before the
	 * cut (600 /32 withdrawals take 3000 bytes, the /24s 4 bytes each). */
	const char *why;
	for (int i = 0; i < 600; i++) {
		char p[32];
		snprintf(p, sizeof p, "9.9.%d.%d/32", i / 256, i % 256);
		nlri(&W, p, false, 0);
	}
	basic_attrs(4);
	for (int i = 0; i < 400; i++) {
		char p[32];
		snprintf(p, sizeof p, "100.%d.%d.0/24", 64 + i / 256, i % 256);
		nlri(&N, p, false, 0);
	}
	cut_at_4096();
	struct collected *c = decoded(-1, &why);
	/* 4096 - 20 (BGP4MP_MESSAGE_AS4, IPv4) - 19 - 2 - 3000 - 2 - A.len bytes of NLRI */
	int whole = (int)((4096 - 20 - 19 - 2 - 3000 - 2 - A.len) / 4);
	ck_assert_int_eq(c->count, 600 + whole);
	ck_assert_int_eq(c->elems[0].type, ELEM_WITHDRAW);
	char last[64];
	snprintf(last, sizeof last, "|A|10.0.0.2|65001|100.%d.%d.0/24|", 64 + (whole - 1) / 256,
	         (whole - 1) % 256);
	ck_assert_ptr_nonnull(strstr(c->text, last));
	ck_assert_ptr_nonnull(strstr(why, "record cut at 4096 bytes by its collector"));

	/* Cut in the withdrawals: the whole ones, nothing announced. */
	mw_clear(&B);
	mw_clear(&W);
	mw_clear(&N);
	for (int i = 0; i < 1100; i++) {
		char p[32];
		snprintf(p, sizeof p, "172.%d.%d.0/24", 16 + i / 256, i % 256);
		nlri(&W, p, false, 0);
	}
	cut_at_4096();
	c = decoded(0, NULL);       /* the second of this source: counted, not reported */
	ck_assert_int_eq(c->count, (4096 - 20 - 19 - 2) / 4);
	ck_assert_ptr_null(strstr(c->text, "|A|"));

	/* Per source, the first is reported and the rest counted. */
	uint64_t first = 99;
	ck_assert_uint_eq(decoder_source_cuts(D, 0, &first), 2);
	ck_assert_uint_eq(first, 0);
	decoder_source_done(D, 0);
	ck_assert_uint_eq(decoder_source_cuts(D, 0, &first), 0);
}
END_TEST

START_TEST(a_short_message_in_a_record_of_another_length_is_still_damage)
{
	/* Only records of exactly 4096 bytes are the collector's cut. */
	struct mw_bgp4mp h = hdr(MW_BGP4MP_MESSAGE_AS4);
	struct mw_buf m = MW_BUF_INIT;
	basic_attrs(4);
	nlri(&N, "4.0.0.0/8", false, 0);
	mw_bgp_update(&m, NULL, 0, A.p, A.len, N.p, N.len);
	size_t r = mw_bgp4mp_begin(&B, &h);
	mw_bytes(&B, m.p, m.len - 2);
	mw_record_end(&B, r);
	mw_free(&m);
	const char *why;
	struct collected *c = decoded(-1, &why);
	ck_assert_int_eq(c->count, 0);
	ck_assert_str_eq(why, "bgp message length overruns the record");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("bgp4mp");
	TCase *t = tcase_create("core");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, message_announcement_is_an_A_line);
	tcase_add_test(t, update_elements_come_in_bgpdump_order);
	tcase_add_test(t, two_decoders_never_number_a_record_alike);
	tcase_add_test(t, mp_reach_next_hop_is_the_global_one_of_32_bytes);
	tcase_add_test(t, ipv4_routes_in_mp_reach_take_its_next_hop);
	tcase_add_test(t, as_trans_path_is_rebuilt_from_as4_path);
	tcase_add_test(t, state_change_is_a_STATE_line);
	tcase_add_test(t, et_records_carry_microseconds);
	tcase_add_test(t, open_keepalive_notification_give_no_elements);
	tcase_add_test(t, update_peer_is_the_last_record_s_message_peer_if_it_gave_elements);
	tcase_add_test(t, a_run_of_one_peer_s_records_shares_a_peer_key);
	tcase_add_test(t, two_decoders_side_by_side_share_no_record_number_nor_peer_key);
	tcase_add_test(t, message_local_has_its_own_label);
	tcase_add_test(t, addpath_subtypes_read_a_path_id_per_prefix);
	tcase_add_test(t, sound_fields_give_the_prefixes_bgp_nlri_next_reads);
	tcase_add_test(t, ipv6_peer_addresses_are_read);
	tcase_add_test(t, legacy_bgp_update_has_the_short_line);
	tcase_add_test(t, legacy_bgp_state_change_is_a_STATE_line);
	tcase_add_test(t, legacy_bgp_other_subtypes_give_nothing);
	tcase_add_test(t, damaged_attributes_keep_the_withdrawals_before_them);
	tcase_add_test(t, damaged_nlri_field_keeps_the_other_fields);
	tcase_add_test(t, unknown_address_family_is_damage);
	tcase_add_test(t, every_truncation_is_safe);
	tcase_add_test(t, unknown_subtypes_are_counted);
	tcase_add_test(t, other_families_are_skipped_and_counted);
	tcase_add_test(t, announcement_field_that_breaks_partway_announces_nothing);
	tcase_add_test(t, addpath_nlri_under_a_plain_subtype_is_reported_not_announced);
	tcase_add_test(t, addpath_guess_reads_it_with_path_ids);
	tcase_add_test(t, far_announcements_go_without_attributes_near_ones_with_them);
	tcase_add_test(t, a_run_of_far_routes_goes_as_its_first_and_one_call_for_the_rest);
	tcase_add_test(t, far_updates_give_the_damage_and_routes_decoded_ones_give);
	tcase_add_test(t, zebra_8_byte_state_change_is_a_change_of_peer_0_0_0_0);
	tcase_add_test(t, record_cut_at_4096_bytes_gives_what_lies_wholly_inside);
	tcase_add_test(t, a_short_message_in_a_record_of_another_length_is_still_damage);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
