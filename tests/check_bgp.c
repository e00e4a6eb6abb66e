/*
 * check_bgp.c — unit tests for bgp.c on crafted UPDATE bytes.
 * Owns: one test per wire rule and per damage case, plus a fixed-seed
 * robustness loop. Never: reads files or depends on bgpdump.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bgp.h"

/* ------------------------------------------------------------------ */
/* A small byte builder for crafting messages.                         */

struct bb {
	uint8_t b[200000];
	size_t n;
};

static struct bb B1, B2;     /* static: too large for the stack */
static struct bgp_scratch S;

static void put8(struct bb *b, unsigned v) { b->b[b->n++] = (uint8_t)v; }
static void put16(struct bb *b, unsigned v) { put8(b, v >> 8); put8(b, v); }
static void put32(struct bb *b, uint32_t v) { put16(b, v >> 16); put16(b, v & 0xffff); }
static void putn(struct bb *b, const void *p, size_t n)
{
	if (n)
		memcpy(b->b + b->n, p, n);
	b->n += n;
}

/* An attribute with the given flags (0x10 = extended length added when
 * the value needs it). */
static void attr(struct bb *b, unsigned flags, unsigned type, const void *v, size_t n)
{
	if (n > 255)
		flags |= 0x10;
	put8(b, flags);
	put8(b, type);
	if (flags & 0x10)
		put16(b, (unsigned)n);
	else
		put8(b, (unsigned)n);
	putn(b, v, n);
}

#define ATTR(b, flags, type, ...) do { \
	static const uint8_t v_[] = { __VA_ARGS__ }; \
	attr(b, flags, type, v_, sizeof v_); } while (0)
#define ATTR0(b, flags, type) attr(b, flags, type, NULL, 0)

static const struct bgp_attr_opts AS2 = { 2, false, 0 };
static const struct bgp_attr_opts AS4 = { 4, false, 0 };

static int decode(const struct bb *b, const struct bgp_attr_opts *o,
                  struct bgp_attrs *a, const char **why)
{
	*why = NULL;
	return bgp_decode_attrs(cur_make(b->b, b->n), o, &S, a, why);
}

/* The path as text "1 2 {3,4} (5)" for easy comparison. */
static const char *path_text(struct cursor c)
{
	static char buf[4096];
	struct as_segment seg;
	size_t n = 0;
	int r;

	buf[0] = 0;
	while ((r = as_path_next(&c, &seg)) == 1) {
		const char *open = seg.type == AS_SET ? "{" : seg.type == AS_CONFED_SEQUENCE ? "(" :
		                   seg.type == AS_CONFED_SET ? "[" : "";
		const char *close = seg.type == AS_SET ? "}" : seg.type == AS_CONFED_SEQUENCE ? ")" :
		                    seg.type == AS_CONFED_SET ? "]" : "";
		const char *sep = seg.type == AS_SEQUENCE || seg.type == AS_CONFED_SEQUENCE ? " " : ",";
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? " " : "", open);
		for (unsigned i = 0; i < seg.count; i++)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%u", i ? sep : "",
			                      rd_u32(seg.asns + 4 * i));
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", close);
	}
	if (r < 0)
		snprintf(buf + n, sizeof buf - n, " <bad>");
	return buf;
}

static void addr_is(const struct addr *a, unsigned afi, const uint8_t *bytes)
{
	ck_assert_uint_eq(a->afi, afi);
	ck_assert_mem_eq(a->b, bytes, afi == AFI_IPV6 ? 16 : 4);
}

/* ------------------------------------------------------------------ */
/* Message header                                                      */

static void header(struct bb *b, unsigned len, unsigned type)
{
	b->n = 0;
	for (int i = 0; i < 16; i++)
		put8(b, 0xff);
	put16(b, len);
	put8(b, type);
}

START_TEST(split_header_ok)
{
	uint8_t type = 0;
	struct cursor body;
	const char *why = NULL;

	header(&B1, 23, BGP_MSG_UPDATE);
	put32(&B1, 0);
	put8(&B1, 0x99);      /* a byte past the message: not part of the body */
	ck_assert_int_eq(bgp_message_split(cur_make(B1.b, B1.n), &type, &body, &why), 0);
	ck_assert_uint_eq(type, BGP_MSG_UPDATE);
	ck_assert_uint_eq(body.left, 4);
	ck_assert_ptr_eq(body.p, B1.b + 19);
}
END_TEST

START_TEST(split_keepalive_has_empty_body)
{
	uint8_t type = 0;
	struct cursor body;
	const char *why = NULL;

	header(&B1, 19, BGP_MSG_KEEPALIVE);
	ck_assert_int_eq(bgp_message_split(cur_make(B1.b, B1.n), &type, &body, &why), 0);
	ck_assert_uint_eq(type, BGP_MSG_KEEPALIVE);
	ck_assert_uint_eq(body.left, 0);
}
END_TEST

START_TEST(split_truncated_header_is_damage)
{
	uint8_t type;
	struct cursor body;
	const char *why = NULL;

	header(&B1, 19, BGP_MSG_KEEPALIVE);
	for (size_t n = 0; n < 19; n++) {
		why = NULL;
		ck_assert_int_eq(bgp_message_split(cur_make(B1.b, n), &type, &body, &why), -1);
		ck_assert_str_eq(why, "bgp header truncated");
	}
}
END_TEST

START_TEST(split_marker_is_not_checked)
{
	uint8_t type;
	struct cursor body;
	const char *why = NULL;

	/* A collector's copy with a wrong marker still holds a sound message. */
	header(&B1, 19, BGP_MSG_KEEPALIVE);
	memset(B1.b, 0, 16);
	ck_assert_int_eq(bgp_message_split(cur_make(B1.b, B1.n), &type, &body, &why), 0);
	ck_assert_int_eq(type, BGP_MSG_KEEPALIVE);
	ck_assert_uint_eq(body.left, 0);
}
END_TEST

START_TEST(split_length_below_header_is_damage)
{
	uint8_t type;
	struct cursor body;
	const char *why = NULL;

	header(&B1, 18, BGP_MSG_KEEPALIVE);
	put8(&B1, 0);
	ck_assert_int_eq(bgp_message_split(cur_make(B1.b, B1.n), &type, &body, &why), -1);
	ck_assert_str_eq(why, "bgp message length below 19");
}
END_TEST

START_TEST(split_length_overrunning_record_is_damage)
{
	uint8_t type;
	struct cursor body;
	const char *why = NULL;

	header(&B1, 24, BGP_MSG_UPDATE);
	put32(&B1, 0);        /* 23 bytes where 24 are declared */
	ck_assert_int_eq(bgp_message_split(cur_make(B1.b, B1.n), &type, &body, &why), -1);
	ck_assert_str_eq(why, "bgp message length overruns the record");
}
END_TEST

START_TEST(split_extended_message_rfc8654)
{
	uint8_t type;
	struct cursor body;
	const char *why = NULL;

	header(&B1, 65535, BGP_MSG_UPDATE);
	memset(B1.b + B1.n, 0, 65535 - 19);
	B1.n = 65535;
	ck_assert_int_eq(bgp_message_split(cur_make(B1.b, B1.n), &type, &body, &why), 0);
	ck_assert_uint_eq(body.left, 65535 - 19);
}
END_TEST

START_TEST(split_unknown_type_is_damage)
{
	uint8_t type;
	struct cursor body;
	const char *why = NULL;

	header(&B1, 19, 0);
	ck_assert_int_eq(bgp_message_split(cur_make(B1.b, B1.n), &type, &body, &why), -1);
	header(&B1, 19, 6);
	ck_assert_int_eq(bgp_message_split(cur_make(B1.b, B1.n), &type, &body, &why), -1);
	ck_assert_str_eq(why, "bgp message type unknown");
	header(&B1, 19, 5);   /* ROUTE-REFRESH */
	ck_assert_int_eq(bgp_message_split(cur_make(B1.b, B1.n), &type, &body, &why), 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* UPDATE framing                                                      */

/* body = withdrawn (w) + attributes (a) + nlri (n) */
static void update_body(struct bb *out, const struct bb *w, const struct bb *a,
                        const uint8_t *nlri, size_t nn)
{
	out->n = 0;
	put16(out, (unsigned)w->n);
	putn(out, w->b, w->n);
	put16(out, (unsigned)a->n);
	putn(out, a->b, a->n);
	putn(out, nlri, nn);
}

START_TEST(update_splits_withdrawn_attrs_nlri)
{
	static struct bb w, a, body;
	static const uint8_t nlri[] = { 24, 175, 45, 176, 22, 175, 45, 176 };
	struct bgp_update u;
	struct prefix p;
	uint32_t id = 99;
	const char *why = NULL;

	w.n = 0;
	put8(&w, 24); put8(&w, 10); put8(&w, 1); put8(&w, 2);   /* 10.1.2.0/24 */
	put8(&w, 0);                                             /* 0.0.0.0/0 */
	a.n = 0;
	ATTR(&a, 0x40, BGP_ATTR_ORIGIN, 0);
	ATTR(&a, 0x40, BGP_ATTR_AS_PATH, 2, 2, 0x12, 0xe5, 0x0b, 0xd7);  /* 4837 3031 */
	ATTR(&a, 0x40, BGP_ATTR_NEXT_HOP, 192, 0, 2, 1);
	update_body(&body, &w, &a, nlri, sizeof nlri);

	ck_assert_int_eq(bgp_decode_update(cur_make(body.b, body.n), &AS2, &S, &u, &why), 0);
	ck_assert_uint_eq(u.withdrawn.left, 5);
	ck_assert_int_eq(bgp_nlri_next(&u.withdrawn, AFI_IPV4, false, &p, &id, &why), 1);
	ck_assert_uint_eq(p.len, 24);
	addr_is(&p.addr, AFI_IPV4, (const uint8_t[]){ 10, 1, 2, 0 });
	ck_assert_uint_eq(id, 0);
	ck_assert_int_eq(bgp_nlri_next(&u.withdrawn, AFI_IPV4, false, &p, &id, &why), 1);
	ck_assert_uint_eq(p.len, 0);
	ck_assert_int_eq(bgp_nlri_next(&u.withdrawn, AFI_IPV4, false, &p, &id, &why), 0);

	ck_assert_int_eq(bgp_nlri_next(&u.nlri, AFI_IPV4, false, &p, NULL, &why), 1);
	addr_is(&p.addr, AFI_IPV4, (const uint8_t[]){ 175, 45, 176, 0 });
	ck_assert_int_eq(bgp_nlri_next(&u.nlri, AFI_IPV4, false, &p, NULL, &why), 1);
	ck_assert_uint_eq(p.len, 22);
	ck_assert_int_eq(bgp_nlri_next(&u.nlri, AFI_IPV4, false, &p, NULL, &why), 0);

	ck_assert_str_eq(path_text(u.attrs.as_path), "4837 3031");
	ck_assert_uint_eq(as_path_origin(u.attrs.as_path), 3031);
	ck_assert_ptr_null(u.attrs.warning);
}
END_TEST

START_TEST(update_withdrawn_overrun_is_damage)
{
	static const uint8_t body[] = { 0, 5, 24, 10, 1, 2 };
	struct bgp_update u;
	const char *why = NULL;

	ck_assert_int_eq(bgp_decode_update(cur_make(body, sizeof body), &AS4, &S, &u, &why), -1);
	ck_assert_str_eq(why, "withdrawn routes overrun the message");
}
END_TEST

START_TEST(update_attrs_overrun_is_damage)
{
	static const uint8_t body[] = { 0, 0, 0, 4, 0x40, 1, 1 };
	struct bgp_update u;
	const char *why = NULL;

	ck_assert_int_eq(bgp_decode_update(cur_make(body, sizeof body), &AS4, &S, &u, &why), -1);
	ck_assert_str_eq(why, "attributes overrun the message");
}
END_TEST

START_TEST(update_too_short_for_lengths_is_damage)
{
	static const uint8_t body[] = { 0, 0, 0 };
	struct bgp_update u;
	const char *why = NULL;

	ck_assert_int_eq(bgp_decode_update(cur_make(body, 0), &AS4, &S, &u, &why), -1);
	ck_assert_int_eq(bgp_decode_update(cur_make(body, 1), &AS4, &S, &u, &why), -1);
	ck_assert_int_eq(bgp_decode_update(cur_make(body, 2), &AS4, &S, &u, &why), -1);
	ck_assert_int_eq(bgp_decode_update(cur_make(body, 3), &AS4, &S, &u, &why), -1);
	ck_assert_str_eq(why, "update too short for attributes length");
}
END_TEST

START_TEST(update_end_of_rib_is_empty)
{
	static const uint8_t body[] = { 0, 0, 0, 0 };
	struct bgp_update u;
	const char *why = NULL;

	ck_assert_int_eq(bgp_decode_update(cur_make(body, sizeof body), &AS4, &S, &u, &why), 0);
	ck_assert_uint_eq(u.withdrawn.left + u.nlri.left, 0);
	ck_assert_uint_eq(u.attrs.present, 0);
	ck_assert_uint_eq(u.attrs.as_path.left, 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Attributes                                                          */

START_TEST(attrs_every_simple_attribute)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_ORIGIN, 2);
	ATTR(&B1, 0x40, BGP_ATTR_NEXT_HOP, 198, 51, 100, 7);
	ATTR(&B1, 0x80, BGP_ATTR_MED, 0, 0, 1, 0x2c);
	ATTR(&B1, 0x40, BGP_ATTR_LOCAL_PREF, 0, 0, 0, 100);
	ATTR0(&B1, 0x40, BGP_ATTR_ATOMIC_AGGREGATE);
	ATTR(&B1, 0xc0, BGP_ATTR_AGGREGATOR, 0, 0, 0xfd, 0xe8, 10, 0, 0, 1);
	ATTR(&B1, 0xc0, BGP_ATTR_COMMUNITIES, 0x12, 0xe5, 0, 1, 0xff, 0xff, 0xff, 0x01);
	ATTR(&B1, 0x80, BGP_ATTR_ORIGINATOR_ID, 10, 9, 8, 7);
	ATTR(&B1, 0x80, BGP_ATTR_CLUSTER_LIST, 1, 1, 1, 1, 2, 2, 2, 2);
	ATTR(&B1, 0xc0, BGP_ATTR_EXT_COMMUNITIES, 0, 2, 0, 1, 0, 0, 0, 5);
	ATTR(&B1, 0xc0, BGP_ATTR_LARGE_COMMUNITIES,
	     0, 0, 0xfd, 0xe8, 0, 0, 0, 1, 0, 0, 0, 2);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);

	ck_assert_uint_eq(a.origin, 2);
	addr_is(&a.nexthop, AFI_IPV4, (const uint8_t[]){ 198, 51, 100, 7 });
	ck_assert_uint_eq(a.med, 300);
	ck_assert_uint_eq(a.local_pref, 100);
	ck_assert(a.present & ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE));
	ck_assert_uint_eq(a.aggregator_as, 65000);
	addr_is(&a.aggregator_ip, AFI_IPV4, (const uint8_t[]){ 10, 0, 0, 1 });
	ck_assert_uint_eq(a.communities.left, 8);
	ck_assert_uint_eq(rd_u32(a.communities.p), 0x12e50001);
	ck_assert_uint_eq(a.originator_id, 0x0a090807);
	ck_assert_uint_eq(a.cluster_list.left, 8);
	ck_assert_uint_eq(a.ext_communities.left, 8);
	ck_assert_uint_eq(a.large_communities.left, 12);
	ck_assert_uint_eq(rd_u32(a.large_communities.p), 65000);
	ck_assert_ptr_null(a.warning);
	ck_assert_uint_eq(a.present,
	    ATTR_BIT(1) | ATTR_BIT(3) | ATTR_BIT(4) | ATTR_BIT(5) | ATTR_BIT(6) | ATTR_BIT(7) |
	    ATTR_BIT(8) | ATTR_BIT(9) | ATTR_BIT(10) | ATTR_BIT(16) | ATTR_BIT(32));
}
END_TEST

START_TEST(attrs_aggregator_2byte_as)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0xc0, BGP_ATTR_AGGREGATOR, 0x0d, 0x1c, 193, 0, 0, 56);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_uint_eq(a.aggregator_as, 3356);
	addr_is(&a.aggregator_ip, AFI_IPV4, (const uint8_t[]){ 193, 0, 0, 56 });
}
END_TEST

START_TEST(attrs_extended_length_flag)
{
	static uint8_t comm[400];
	struct bgp_attrs a;
	const char *why;

	for (size_t i = 0; i < sizeof comm; i++)
		comm[i] = (uint8_t)i;
	B1.n = 0;
	attr(&B1, 0xc0, BGP_ATTR_COMMUNITIES, comm, sizeof comm);   /* needs 0x10 */
	ATTR(&B1, 0x50, BGP_ATTR_ORIGIN, 1);                        /* 0x10 when not needed */
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	ck_assert_uint_eq(a.communities.left, 400);
	ck_assert_uint_eq(a.origin, 1);
}
END_TEST

START_TEST(attrs_unknown_attribute_skipped)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0xc0, 99, 1, 2, 3);            /* type >= 64: no bit, skipped */
	ATTR(&B1, 0xc0, 40, 1, 2, 3, 4, 5);      /* unknown: marked seen */
	ATTR(&B1, 0x40, BGP_ATTR_ORIGIN, 1);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	ck_assert_uint_eq(a.present, ATTR_BIT(40) | ATTR_BIT(BGP_ATTR_ORIGIN));
	ck_assert_uint_eq(a.origin, 1);
}
END_TEST

START_TEST(attrs_overrun_is_damage)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_ORIGIN, 1);
	put8(&B1, 0x40); put8(&B1, BGP_ATTR_NEXT_HOP); put8(&B1, 4);
	put8(&B1, 1); put8(&B1, 2); put8(&B1, 3);     /* one byte short */
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), -1);
	ck_assert_str_eq(why, "attribute overruns the attribute block");

	B1.n = 0;
	put8(&B1, 0x50); put8(&B1, BGP_ATTR_COMMUNITIES); put16(&B1, 0xffff);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), -1);
	ck_assert_str_eq(why, "attribute overruns the attribute block");
}
END_TEST

START_TEST(attrs_truncated_header_is_damage)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	put8(&B1, 0x40);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), -1);
	ck_assert_str_eq(why, "attribute header truncated");
	put8(&B1, 1);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), -1);
	B1.n = 0;
	put8(&B1, 0x50); put8(&B1, 8); put8(&B1, 0);    /* extended: needs 2 length bytes */
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), -1);
	ck_assert_str_eq(why, "attribute header truncated");
}
END_TEST

START_TEST(attrs_wrong_fixed_length_is_discarded)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_ORIGIN, 0, 0);
	ATTR(&B1, 0x40, BGP_ATTR_NEXT_HOP, 1, 2, 3);
	ATTR(&B1, 0x80, BGP_ATTR_MED, 0, 0, 1);
	ATTR(&B1, 0x40, BGP_ATTR_LOCAL_PREF, 0, 0, 0, 0, 100);
	ATTR(&B1, 0x40, BGP_ATTR_ATOMIC_AGGREGATE, 1);
	ATTR(&B1, 0xc0, BGP_ATTR_AGGREGATOR, 0, 0, 0xfd, 0xe8, 10, 0, 0);
	ATTR(&B1, 0xc0, BGP_ATTR_COMMUNITIES, 1, 2, 3, 4, 5);
	ATTR(&B1, 0x80, BGP_ATTR_ORIGINATOR_ID, 1, 2, 3);
	ATTR(&B1, 0x80, BGP_ATTR_CLUSTER_LIST, 1, 2, 3);
	ATTR(&B1, 0xc0, BGP_ATTR_EXT_COMMUNITIES, 1, 2, 3, 4);
	ATTR(&B1, 0xc0, BGP_ATTR_LARGE_COMMUNITIES, 1, 2, 3, 4, 5, 6, 7, 8);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_AGGREGATOR, 0, 0, 0xfd, 0xe8, 10, 0, 0);
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 1, 0, 0, 0, 7);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	/* Only the sound AS_PATH stands; the first problem is named. */
	ck_assert_uint_eq(a.present, ATTR_BIT(BGP_ATTR_AS_PATH));
	ck_assert_str_eq(a.warning, "origin length is not 1, ignored");
	ck_assert_uint_eq(a.communities.left, 0);
	ck_assert_str_eq(path_text(a.as_path), "7");
}
END_TEST

START_TEST(attrs_repeated_attribute_keeps_first)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_ORIGIN, 0);
	ATTR(&B1, 0x40, BGP_ATTR_ORIGIN, 2);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	ck_assert_uint_eq(a.origin, 0);
	ck_assert_str_eq(a.warning, "repeated attribute ignored");
}
END_TEST

/* ------------------------------------------------------------------ */
/* AS paths                                                            */

START_TEST(as_path_4byte_points_into_input)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 2, 0, 0, 0x0d, 0x1c, 0x00, 0x02, 0x00, 0x0f);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	ck_assert_ptr_eq(a.as_path.p, B1.b + 3);
	ck_assert_str_eq(path_text(a.as_path), "3356 131087");
	ck_assert_uint_eq(as_path_origin(a.as_path), 131087);
}
END_TEST

START_TEST(as_path_2byte_widened_to_4)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 3, 0x0d, 0x1c, 0x5b, 0xa0, 0xff, 0xff,
	     1, 2, 0x00, 0x07, 0x00, 0x08);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_ptr_eq(a.as_path.p, S.as_path);
	ck_assert_uint_eq(a.as_path.left, 2 + 12 + 2 + 8);
	ck_assert_str_eq(path_text(a.as_path), "3356 23456 65535 {7,8}");
	ck_assert_uint_eq(as_path_origin(a.as_path), 0);    /* ends in a set */
}
END_TEST

START_TEST(as_path_set_and_confed_segments)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH,
	     3, 2, 0, 0, 0xfd, 0xe8, 0, 0, 0xfd, 0xe9,      /* (65000 65001) */
	     4, 1, 0, 0, 0xfd, 0xea,                        /* [65002] */
	     2, 1, 0, 0, 0, 1,                              /* 1 */
	     1, 2, 0, 0, 0, 2, 0, 0, 0, 3,                  /* {2,3} */
	     2, 1, 0, 0, 0, 4);                             /* 4 */
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	ck_assert_str_eq(path_text(a.as_path), "(65000 65001) [65002] 1 {2,3} 4");
	ck_assert_uint_eq(as_path_origin(a.as_path), 4);
}
END_TEST

START_TEST(as_path_segment_overrun_is_damage)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 3, 0, 0, 0, 1, 0, 0, 0, 2);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), -1);
	ck_assert_str_eq(why, "as_path segment overruns the attribute");

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 3, 0, 1, 0, 2);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), -1);
	ck_assert_str_eq(why, "as_path segment overruns the attribute");

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 1, 0, 1, 2);   /* lone type byte */
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), -1);
	ck_assert_str_eq(why, "as_path segment header truncated");
}
END_TEST

START_TEST(as_path_unknown_segment_type_is_damage)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 9, 1, 0, 1);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), -1);
	ck_assert_str_eq(why, "as_path segment type unknown");
}
END_TEST

START_TEST(as_path_origin_rules)
{
	static const uint8_t seq[] = { 2, 2, 0, 0, 0, 1, 0, 0, 0, 2 };
	static const uint8_t set[] = { 2, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 2 };
	static const uint8_t empty_seq[] = { 2, 0 };
	static const uint8_t bad[] = { 2, 2, 0, 0, 0, 1 };

	ck_assert_uint_eq(as_path_origin(cur_make(seq, sizeof seq)), 2);
	ck_assert_uint_eq(as_path_origin(cur_make(set, sizeof set)), 0);
	ck_assert_uint_eq(as_path_origin(cur_make(NULL, 0)), 0);
	ck_assert_uint_eq(as_path_origin(cur_make(empty_seq, sizeof empty_seq)), 0);
	ck_assert_uint_eq(as_path_origin(cur_make(bad, sizeof bad)), 0);
}
END_TEST

START_TEST(as_path_next_truncated_is_malformed)
{
	static const uint8_t bad[] = { 2, 2, 0, 0, 0, 1, 0, 0, 0 };
	struct cursor c = cur_make(bad, sizeof bad);
	struct as_segment seg;

	ck_assert_int_eq(as_path_next(&c, &seg), -1);
	ck_assert_uint_eq(c.left, sizeof bad);      /* cursor unchanged */
	c = cur_make(bad, 1);
	ck_assert_int_eq(as_path_next(&c, &seg), -1);
}
END_TEST

/* RFC 6793 4.2.3: the AS_TRANS hops of a 2-byte path come from AS4_PATH. */
START_TEST(as4_merge_replaces_as_trans)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	/* AS_PATH 3356 23456 23456 ; AS4_PATH 196608 262144 */
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 3, 0x0d, 0x1c, 0x5b, 0xa0, 0x5b, 0xa0);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 2, 0, 3, 0, 0, 0, 4, 0, 0);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_str_eq(path_text(a.as_path), "3356 196608 262144");
	ck_assert_uint_eq(as_path_origin(a.as_path), 262144);
	ck_assert(a.present & ATTR_BIT(BGP_ATTR_AS4_PATH));
}
END_TEST

START_TEST(as4_merge_attribute_order_does_not_matter)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 1, 0, 3, 0, 0);
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 2, 0x0d, 0x1c, 0x5b, 0xa0);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_str_eq(path_text(a.as_path), "3356 196608");
}
END_TEST

START_TEST(as4_path_longer_than_as_path_is_ignored)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 1, 0x5b, 0xa0);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 2, 0, 3, 0, 0, 0, 4, 0, 0);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_str_eq(path_text(a.as_path), "23456");
}
END_TEST

START_TEST(as4_merge_counts_set_as_one)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	/* AS_PATH 1 2 {3,23456}: counts 3. AS4_PATH {3,196608}: counts 1. */
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 2, 0, 1, 0, 2, 1, 2, 0, 3, 0x5b, 0xa0);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 1, 2, 0, 0, 0, 3, 0, 3, 0, 0);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_str_eq(path_text(a.as_path), "1 2 {3,196608}");
}
END_TEST

START_TEST(as4_merge_cuts_inside_a_sequence)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	/* AS_PATH 1 2 3 23456 : AS4_PATH 3 196608 -> keep 1 2 */
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 4, 0, 1, 0, 2, 0, 3, 0x5b, 0xa0);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 2, 0, 0, 0, 3, 0, 3, 0, 0);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_str_eq(path_text(a.as_path), "1 2 3 196608");
	ck_assert_uint_eq(a.as_path.left, (2 + 8) + (2 + 8));
}
END_TEST

START_TEST(as4_merge_keeps_leading_confed_segment)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	/* AS_PATH (65000) 1 23456 ; AS4_PATH 1 196608: nothing needed from
	 * AS_PATH but the leading confederation segment stays. */
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 3, 1, 0xfd, 0xe8, 2, 2, 0, 1, 0x5b, 0xa0);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 2, 0, 0, 0, 1, 0, 3, 0, 0);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_str_eq(path_text(a.as_path), "(65000) 1 196608");
}
END_TEST

START_TEST(as4_path_confed_segments_dropped)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 2, 0, 9, 0x5b, 0xa0);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 3, 1, 0, 0, 0xfd, 0xe8, 2, 1, 0, 3, 0, 0);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_str_eq(path_text(a.as_path), "9 196608");
}
END_TEST

START_TEST(as4_path_malformed_is_discarded)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 2, 0, 9, 0x5b, 0xa0);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 3, 0, 3, 0, 0);      /* overruns */
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_str_eq(path_text(a.as_path), "9 23456");
	ck_assert_str_eq(a.warning, "as4_path malformed, ignored");
	ck_assert(!(a.present & ATTR_BIT(BGP_ATTR_AS4_PATH)));

	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 2, 0, 9, 0x5b, 0xa0);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 0, 2, 1, 0, 3, 0, 0); /* empty segment */
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_str_eq(path_text(a.as_path), "9 23456");
}
END_TEST

START_TEST(as4_aggregator_replaces_as_trans_aggregator)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0xc0, BGP_ATTR_AGGREGATOR, 0x5b, 0xa0, 10, 0, 0, 1);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_AGGREGATOR, 0, 3, 0, 0, 10, 0, 0, 2);
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 1, 0x5b, 0xa0);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 1, 0, 3, 0, 0);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_uint_eq(a.aggregator_as, 196608);
	addr_is(&a.aggregator_ip, AFI_IPV4, (const uint8_t[]){ 10, 0, 0, 2 });
	ck_assert_str_eq(path_text(a.as_path), "196608");
}
END_TEST

/* RFC 6793 4.2.3: an AGGREGATOR with a real AS was set by an OLD speaker
 * after the AS4 attributes were made; both AS4 attributes are stale. */
START_TEST(as4_ignored_when_aggregator_is_not_as_trans)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0xc0, BGP_ATTR_AGGREGATOR, 0x0d, 0x1c, 10, 0, 0, 1);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_AGGREGATOR, 0, 3, 0, 0, 10, 0, 0, 2);
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 1, 0x5b, 0xa0);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 1, 0, 3, 0, 0);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_uint_eq(a.aggregator_as, 3356);
	addr_is(&a.aggregator_ip, AFI_IPV4, (const uint8_t[]){ 10, 0, 0, 1 });
	ck_assert_str_eq(path_text(a.as_path), "23456");
}
END_TEST

START_TEST(as4_attributes_ignored_with_4byte_asns)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0xc0, BGP_ATTR_AGGREGATOR, 0, 0, 0x5b, 0xa0, 10, 0, 0, 1);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_AGGREGATOR, 0, 3, 0, 0, 10, 0, 0, 2);
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 1, 0, 0, 0x5b, 0xa0);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 1, 0, 3, 0, 0);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	ck_assert_uint_eq(a.aggregator_as, 23456);
	ck_assert_str_eq(path_text(a.as_path), "23456");
}
END_TEST

START_TEST(as4_path_without_as_path_is_ignored)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 1, 0, 3, 0, 0);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	ck_assert_uint_eq(a.as_path.left, 0);
}
END_TEST

/* The largest attribute block a message can hold: a 2-byte path of 65000+
 * bytes, widened, then merged with an AS4_PATH, stays inside the scratch. */
START_TEST(as_path_largest_fits_scratch)
{
	static uint8_t path[65000];
	struct bgp_attrs a;
	struct as_segment seg;
	struct cursor c;
	size_t n = 0, asns = 0;
	const char *why;

	while (n + 2 + 510 <= sizeof path - 520) {
		path[n++] = 2;
		path[n++] = 255;
		for (int i = 0; i < 255; i++) {
			path[n++] = 0x5b;
			path[n++] = 0xa0;
		}
	}
	B1.n = 0;
	attr(&B1, 0x40, BGP_ATTR_AS_PATH, path, n);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 2, 0, 3, 0, 0, 0, 4, 0, 0);
	ck_assert_int_eq(decode(&B1, &AS2, &a, &why), 0);
	c = a.as_path;
	while (as_path_next(&c, &seg) == 1)
		asns += seg.count;
	ck_assert_uint_eq(asns, n / 512 * 255);
	ck_assert_uint_eq(as_path_origin(a.as_path), 262144);
}
END_TEST

/* ------------------------------------------------------------------ */
/* MP_REACH / MP_UNREACH                                               */

static const uint8_t V6_GLOBAL[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
static const uint8_t V6_LL[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 };

START_TEST(mp_reach_ipv6_16_byte_next_hop)
{
	struct bgp_attrs a;
	struct prefix p;
	const char *why;

	B2.n = 0;
	put16(&B2, AFI_IPV6); put8(&B2, SAFI_UNICAST); put8(&B2, 16);
	putn(&B2, V6_GLOBAL, 16);
	put8(&B2, 0);
	put8(&B2, 32); put32(&B2, 0x20010db8);
	put8(&B2, 48); put32(&B2, 0x2a000001); put16(&B2, 0x0203);
	B1.n = 0;
	attr(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, B2.b, B2.n);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	ck_assert(a.present & ATTR_BIT(BGP_ATTR_MP_REACH_NLRI));
	ck_assert_uint_eq(a.mp_reach.afi, AFI_IPV6);
	ck_assert_uint_eq(a.mp_reach.safi, SAFI_UNICAST);
	ck_assert_uint_eq(a.mp_reach.nexthop_len, 16);
	addr_is(&a.mp_reach.nexthop, AFI_IPV6, V6_GLOBAL);
	ck_assert_uint_eq(a.mp_reach.nexthop_ll.afi, 0);
	ck_assert_int_eq(bgp_nlri_next(&a.mp_reach.nlri, AFI_IPV6, false, &p, NULL, &why), 1);
	ck_assert_uint_eq(p.len, 32);
	ck_assert_uint_eq(rd_u32(p.addr.b), 0x20010db8);
	ck_assert_int_eq(bgp_nlri_next(&a.mp_reach.nlri, AFI_IPV6, false, &p, NULL, &why), 1);
	ck_assert_uint_eq(p.len, 48);
	ck_assert_uint_eq(rd_u32(p.addr.b), 0x2a000001);
	ck_assert_uint_eq(rd_u16(p.addr.b + 4), 0x0203);
	ck_assert_int_eq(bgp_nlri_next(&a.mp_reach.nlri, AFI_IPV6, false, &p, NULL, &why), 0);
}
END_TEST

START_TEST(mp_reach_ipv6_32_byte_next_hop_has_link_local)
{
	struct bgp_attrs a;
	const char *why;

	B2.n = 0;
	put16(&B2, AFI_IPV6); put8(&B2, SAFI_UNICAST); put8(&B2, 32);
	putn(&B2, V6_GLOBAL, 16);
	putn(&B2, V6_LL, 16);
	put8(&B2, 0);
	B1.n = 0;
	attr(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, B2.b, B2.n);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	ck_assert_uint_eq(a.mp_reach.nexthop_len, 32);
	addr_is(&a.mp_reach.nexthop, AFI_IPV6, V6_GLOBAL);
	addr_is(&a.mp_reach.nexthop_ll, AFI_IPV6, V6_LL);
	ck_assert_uint_eq(a.mp_reach.nlri.left, 0);
}
END_TEST

START_TEST(mp_reach_ipv4_next_hop)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 1, 2, 4, 192, 0, 2, 9, 0, 8, 10);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	ck_assert_uint_eq(a.mp_reach.afi, AFI_IPV4);
	ck_assert_uint_eq(a.mp_reach.safi, SAFI_MULTICAST);
	addr_is(&a.mp_reach.nexthop, AFI_IPV4, (const uint8_t[]){ 192, 0, 2, 9 });
	ck_assert_uint_eq(a.mp_reach.nlri.left, 2);
}
END_TEST

START_TEST(mp_reach_vpn_next_hops_skip_route_distinguisher)
{
	struct bgp_attrs a;
	const char *why;

	/* 24: RD + IPv6 */
	B2.n = 0;
	put16(&B2, AFI_IPV6); put8(&B2, 128); put8(&B2, 24);
	put32(&B2, 0); put32(&B2, 0);
	putn(&B2, V6_GLOBAL, 16);
	put8(&B2, 0);
	B1.n = 0;
	attr(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, B2.b, B2.n);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	addr_is(&a.mp_reach.nexthop, AFI_IPV6, V6_GLOBAL);

	/* 12: RD + IPv4 */
	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 1, 128, 12, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	addr_is(&a.mp_reach.nexthop, AFI_IPV4, (const uint8_t[]){ 1, 2, 3, 4 });

	/* 48: (RD + IPv6) twice */
	B2.n = 0;
	put16(&B2, AFI_IPV6); put8(&B2, 128); put8(&B2, 48);
	put32(&B2, 0); put32(&B2, 0); putn(&B2, V6_GLOBAL, 16);
	put32(&B2, 0); put32(&B2, 0); putn(&B2, V6_LL, 16);
	put8(&B2, 0);
	B1.n = 0;
	attr(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, B2.b, B2.n);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	addr_is(&a.mp_reach.nexthop, AFI_IPV6, V6_GLOBAL);
	addr_is(&a.mp_reach.nexthop_ll, AFI_IPV6, V6_LL);

	/* 7: an odd length is kept as a length only */
	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 2, 1, 7, 1, 2, 3, 4, 5, 6, 7, 0);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	ck_assert_uint_eq(a.mp_reach.nexthop_len, 7);
	ck_assert_uint_eq(a.mp_reach.nexthop.afi, 0);
}
END_TEST

START_TEST(mp_reach_truncated_is_damage)
{
	struct bgp_attrs a;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 2, 1);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), -1);
	ck_assert_str_eq(why, "mp_reach_nlri truncated");

	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 2, 1, 16, 0x20, 0x01);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), -1);
	ck_assert_str_eq(why, "mp_reach_nlri next hop overruns the attribute");

	B1.n = 0;     /* no reserved byte */
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 1, 1, 4, 1, 2, 3, 4);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), -1);
	ck_assert_str_eq(why, "mp_reach_nlri truncated");
}
END_TEST

/* RFC 6396 4.3.4: a RIB entry keeps only next-hop length and next hop. */
START_TEST(mp_reach_rib_abbreviated)
{
	static const struct bgp_attr_opts rib6 = { 4, true, AFI_IPV6 };
	struct bgp_attrs a;
	const char *why;

	B2.n = 0;
	put8(&B2, 32);
	putn(&B2, V6_GLOBAL, 16);
	putn(&B2, V6_LL, 16);
	B1.n = 0;
	attr(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, B2.b, B2.n);
	ck_assert_int_eq(decode(&B1, &rib6, &a, &why), 0);
	ck_assert_uint_eq(a.mp_reach.afi, AFI_IPV6);
	ck_assert_uint_eq(a.mp_reach.safi, SAFI_UNICAST);
	ck_assert_uint_eq(a.mp_reach.nexthop_len, 32);
	addr_is(&a.mp_reach.nexthop, AFI_IPV6, V6_GLOBAL);
	addr_is(&a.mp_reach.nexthop_ll, AFI_IPV6, V6_LL);
	ck_assert_uint_eq(a.mp_reach.nlri.left, 0);

	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 4, 192, 0, 2, 1);
	static const struct bgp_attr_opts rib4 = { 4, true, AFI_IPV4 };
	ck_assert_int_eq(decode(&B1, &rib4, &a, &why), 0);
	ck_assert_uint_eq(a.mp_reach.afi, AFI_IPV4);
	addr_is(&a.mp_reach.nexthop, AFI_IPV4, (const uint8_t[]){ 192, 0, 2, 1 });
}
END_TEST

/* Some writers put the whole MP_REACH_NLRI into RIB entries: detected. */
START_TEST(mp_reach_rib_full_form_detected)
{
	static const struct bgp_attr_opts rib6 = { 4, true, AFI_IPV6 };
	struct bgp_attrs a;
	const char *why;

	B2.n = 0;
	put16(&B2, AFI_IPV6); put8(&B2, SAFI_UNICAST); put8(&B2, 16);
	putn(&B2, V6_GLOBAL, 16);
	put8(&B2, 0);
	put8(&B2, 32); put32(&B2, 0x20010db8);
	B1.n = 0;
	attr(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, B2.b, B2.n);
	ck_assert_int_eq(decode(&B1, &rib6, &a, &why), 0);
	ck_assert_uint_eq(a.mp_reach.nexthop_len, 16);
	addr_is(&a.mp_reach.nexthop, AFI_IPV6, V6_GLOBAL);
	ck_assert_uint_eq(a.mp_reach.nlri.left, 5);
}
END_TEST

START_TEST(mp_unreach_nlri)
{
	struct bgp_attrs a;
	struct prefix p;
	const char *why;

	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_UNREACH_NLRI, 0, 2, 1, 64, 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), 0);
	ck_assert(a.present & ATTR_BIT(BGP_ATTR_MP_UNREACH_NLRI));
	ck_assert_uint_eq(a.mp_unreach.afi, AFI_IPV6);
	ck_assert_uint_eq(a.mp_unreach.safi, SAFI_UNICAST);
	ck_assert_int_eq(bgp_nlri_next(&a.mp_unreach.nlri, AFI_IPV6, false, &p, NULL, &why), 1);
	ck_assert_uint_eq(p.len, 64);
	ck_assert_int_eq(bgp_nlri_next(&a.mp_unreach.nlri, AFI_IPV6, false, &p, NULL, &why), 0);

	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_UNREACH_NLRI, 0, 2);
	ck_assert_int_eq(decode(&B1, &AS4, &a, &why), -1);
	ck_assert_str_eq(why, "mp_unreach_nlri truncated");
}
END_TEST

/* ------------------------------------------------------------------ */
/* NLRI                                                                */

START_TEST(nlri_host_bits_are_masked)
{
	/* The corpus case: 11.8.0.0/13 written with host bits set. */
	static const uint8_t nlri[] = { 13, 11, 15, 31 };
	static const uint8_t v6[] = { 33, 0x20, 0x01, 0x0d, 0xb8, 0xff };
	struct cursor c = cur_make(nlri, sizeof nlri);
	struct prefix p;
	const char *why;

	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV4, false, &p, NULL, &why), 1);
	ck_assert_uint_eq(p.len, 13);
	addr_is(&p.addr, AFI_IPV4, (const uint8_t[]){ 11, 8, 0, 0 });
	c = cur_make(v6, sizeof v6);
	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV6, false, &p, NULL, &why), 1);
	ck_assert_uint_eq(p.addr.b[4], 0x80);
}
END_TEST

START_TEST(nlri_full_length_prefixes)
{
	static const uint8_t nlri[] = { 32, 1, 2, 3, 4 };
	static uint8_t v6[17] = { 128 };
	struct cursor c = cur_make(nlri, sizeof nlri);
	struct prefix p;
	const char *why;

	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV4, false, &p, NULL, &why), 1);
	addr_is(&p.addr, AFI_IPV4, (const uint8_t[]){ 1, 2, 3, 4 });
	memset(v6 + 1, 0xff, 16);
	c = cur_make(v6, sizeof v6);
	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV6, false, &p, NULL, &why), 1);
	ck_assert_uint_eq(p.len, 128);
	ck_assert_uint_eq(p.addr.b[15], 0xff);
}
END_TEST

START_TEST(nlri_addpath_ids)
{
	static const uint8_t nlri[] = { 0, 0, 0, 1, 24, 10, 0, 0, 0, 0, 1, 0, 16, 10, 1 };
	struct cursor c = cur_make(nlri, sizeof nlri);
	struct prefix p;
	uint32_t id = 0;
	const char *why;

	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV4, true, &p, &id, &why), 1);
	ck_assert_uint_eq(id, 1);
	ck_assert_uint_eq(p.len, 24);
	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV4, true, &p, &id, &why), 1);
	ck_assert_uint_eq(id, 256);
	ck_assert_uint_eq(p.len, 16);
	addr_is(&p.addr, AFI_IPV4, (const uint8_t[]){ 10, 1, 0, 0 });
	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV4, true, &p, &id, &why), 0);
}
END_TEST

START_TEST(nlri_addpath_truncated_is_damage)
{
	static const uint8_t nlri[] = { 0, 0, 1 };
	struct cursor c = cur_make(nlri, sizeof nlri);
	struct prefix p;
	const char *why;

	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV4, true, &p, NULL, &why), -1);
	ck_assert_str_eq(why, "nlri path id truncated");
	c = cur_make((const uint8_t[]){ 0, 0, 0, 1 }, 4);
	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV4, true, &p, NULL, &why), -1);
	ck_assert_str_eq(why, "nlri prefix length missing");
}
END_TEST

START_TEST(nlri_length_33_is_damage)
{
	static const uint8_t nlri[] = { 33, 1, 2, 3, 4, 5 };
	struct cursor c = cur_make(nlri, sizeof nlri);
	struct prefix p;
	const char *why;

	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV4, false, &p, NULL, &why), -1);
	ck_assert_str_eq(why, "nlri prefix length 33 exceeds 32");
}
END_TEST

START_TEST(nlri_length_129_is_damage)
{
	static uint8_t nlri[18] = { 129 };
	struct cursor c = cur_make(nlri, sizeof nlri);
	struct prefix p;
	const char *why;

	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV6, false, &p, NULL, &why), -1);
	ck_assert_str_eq(why, "nlri prefix length 129 exceeds 128");
}
END_TEST

START_TEST(nlri_truncated_prefix_is_damage)
{
	static const uint8_t nlri[] = { 24, 10, 1 };
	struct cursor c = cur_make(nlri, sizeof nlri);
	struct prefix p;
	const char *why;

	ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV4, false, &p, NULL, &why), -1);
	ck_assert_str_eq(why, "nlri prefix truncated");
}
END_TEST

START_TEST(nlri_unknown_family_is_refused)
{
	static const uint8_t nlri[] = { 8, 10 };
	struct cursor c = cur_make(nlri, sizeof nlri);
	struct prefix p;
	const char *why;

	ck_assert_int_eq(bgp_nlri_next(&c, 25, false, &p, NULL, &why), -1);
	ck_assert_str_eq(why, "nlri address family unsupported");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Robustness: random and mutated bytes never crash or read outside.   */

static uint64_t rng = 0x243f6a8885a308d3ull;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 32);
}

/* Walks everything a consumer would walk; returns a value so the loop
 * cannot be optimised away. */
static uint64_t consume(const uint8_t *buf, size_t n, const struct bgp_attr_opts *o,
                        bool addpath)
{
	static struct bgp_update u;
	struct prefix p;
	struct as_segment seg;
	uint32_t id;
	const char *why;
	uint64_t sum = 0;

	if (bgp_decode_update(cur_make(buf, n), o, &S, &u, &why) < 0) {
		ck_assert_ptr_nonnull(why);
		return 1;
	}
	while (bgp_nlri_next(&u.withdrawn, AFI_IPV4, addpath, &p, &id, &why) == 1)
		sum += p.len;
	while (bgp_nlri_next(&u.nlri, AFI_IPV4, addpath, &p, &id, &why) == 1)
		sum += p.addr.b[0];
	if (u.attrs.present & ATTR_BIT(BGP_ATTR_MP_REACH_NLRI))
		while (bgp_nlri_next(&u.attrs.mp_reach.nlri, (uint8_t)u.attrs.mp_reach.afi,
		                     addpath, &p, &id, &why) == 1)
			sum += p.len;
	if (u.attrs.present & ATTR_BIT(BGP_ATTR_MP_UNREACH_NLRI))
		while (bgp_nlri_next(&u.attrs.mp_unreach.nlri, (uint8_t)u.attrs.mp_unreach.afi,
		                     addpath, &p, &id, &why) == 1)
			sum += p.len;
	/* The decoder vouched for the path: iteration must end cleanly. */
	ck_assert_int_eq(as_path_next(&u.attrs.as_path, &seg) >= 0, 1);
	while (as_path_next(&u.attrs.as_path, &seg) == 1)
		sum += seg.count;
	ck_assert_uint_eq(u.attrs.as_path.left, 0);
	return sum;
}

START_TEST(robust_random_and_mutated_updates)
{
	static struct bb w, at, seed;
	static const uint8_t nlri[] = { 24, 175, 45, 176, 13, 11, 15, 32, 1, 2, 3, 4 };
	static const struct bgp_attr_opts opts[] = {
		{ 2, false, 0 }, { 4, false, 0 }, { 4, true, AFI_IPV6 }, { 2, true, AFI_IPV4 },
	};
	uint8_t buf[600];
	uint64_t sum = 0;

	/* A rich, valid seed to mutate. */
	w.n = 0;
	put8(&w, 24); put8(&w, 10); put8(&w, 1); put8(&w, 2);
	at.n = 0;
	ATTR(&at, 0x40, BGP_ATTR_ORIGIN, 0);
	ATTR(&at, 0x40, BGP_ATTR_AS_PATH, 2, 3, 0x0d, 0x1c, 0x5b, 0xa0, 0x5b, 0xa0, 1, 1, 0, 7);
	ATTR(&at, 0xc0, BGP_ATTR_AS4_PATH, 2, 2, 0, 3, 0, 0, 0, 4, 0, 0, 1, 1, 0, 0, 0, 7);
	ATTR(&at, 0x40, BGP_ATTR_NEXT_HOP, 192, 0, 2, 1);
	ATTR(&at, 0xc0, BGP_ATTR_AGGREGATOR, 0x5b, 0xa0, 10, 0, 0, 1);
	ATTR(&at, 0xc0, BGP_ATTR_AS4_AGGREGATOR, 0, 3, 0, 0, 10, 0, 0, 2);
	ATTR(&at, 0xc0, BGP_ATTR_COMMUNITIES, 0x12, 0xe5, 0, 1);
	ATTR(&at, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 2, 1, 16, 0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0,
	     0, 0, 0, 0, 0, 0, 0, 1, 0, 32, 0x20, 1, 0x0d, 0xb8);
	ATTR(&at, 0x80, BGP_ATTR_MP_UNREACH_NLRI, 0, 2, 1, 48, 0x2a, 0, 0, 1, 2, 3);
	ATTR(&at, 0xc0, BGP_ATTR_LARGE_COMMUNITIES, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 2);
	update_body(&seed, &w, &at, nlri, sizeof nlri);
	ck_assert_uint_le(seed.n, sizeof buf);

	for (int iter = 0; iter < 400000; iter++) {
		const struct bgp_attr_opts *o = &opts[iter & 3];
		bool addpath = (iter >> 2) & 1;
		size_t n;

		if (iter % 4 == 0) {
			/* Pure noise of random length. */
			n = rnd() % sizeof buf;
			for (size_t i = 0; i < n; i++)
				buf[i] = (uint8_t)rnd();
		} else {
			/* The seed with a few bytes changed and maybe cut short. */
			memcpy(buf, seed.b, seed.n);
			n = seed.n;
			for (unsigned k = 1 + rnd() % 4; k > 0; k--)
				buf[rnd() % n] = (uint8_t)rnd();
			if (rnd() % 3 == 0)
				n = rnd() % (n + 1);
		}
		/* Decode from a heap copy of exactly n bytes so that valgrind
		 * or ASan sees any read past the end. */
		uint8_t *exact = malloc(n ? n : 1);
		ck_assert_ptr_nonnull(exact);
		memcpy(exact, buf, n);
		sum += consume(exact, n, o, addpath);
		free(exact);
	}
	ck_assert_uint_gt(sum, 0);
}
END_TEST

static Suite *bgp_suite(void)
{
	Suite *s = suite_create("bgp");
	TCase *tc = tcase_create("bgp");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, split_header_ok);
	tcase_add_test(tc, split_keepalive_has_empty_body);
	tcase_add_test(tc, split_truncated_header_is_damage);
	tcase_add_test(tc, split_marker_is_not_checked);
	tcase_add_test(tc, split_length_below_header_is_damage);
	tcase_add_test(tc, split_length_overrunning_record_is_damage);
	tcase_add_test(tc, split_extended_message_rfc8654);
	tcase_add_test(tc, split_unknown_type_is_damage);
	tcase_add_test(tc, update_splits_withdrawn_attrs_nlri);
	tcase_add_test(tc, update_withdrawn_overrun_is_damage);
	tcase_add_test(tc, update_attrs_overrun_is_damage);
	tcase_add_test(tc, update_too_short_for_lengths_is_damage);
	tcase_add_test(tc, update_end_of_rib_is_empty);
	tcase_add_test(tc, attrs_every_simple_attribute);
	tcase_add_test(tc, attrs_aggregator_2byte_as);
	tcase_add_test(tc, attrs_extended_length_flag);
	tcase_add_test(tc, attrs_unknown_attribute_skipped);
	tcase_add_test(tc, attrs_overrun_is_damage);
	tcase_add_test(tc, attrs_truncated_header_is_damage);
	tcase_add_test(tc, attrs_wrong_fixed_length_is_discarded);
	tcase_add_test(tc, attrs_repeated_attribute_keeps_first);
	tcase_add_test(tc, as_path_4byte_points_into_input);
	tcase_add_test(tc, as_path_2byte_widened_to_4);
	tcase_add_test(tc, as_path_set_and_confed_segments);
	tcase_add_test(tc, as_path_segment_overrun_is_damage);
	tcase_add_test(tc, as_path_unknown_segment_type_is_damage);
	tcase_add_test(tc, as_path_origin_rules);
	tcase_add_test(tc, as_path_next_truncated_is_malformed);
	tcase_add_test(tc, as4_merge_replaces_as_trans);
	tcase_add_test(tc, as4_merge_attribute_order_does_not_matter);
	tcase_add_test(tc, as4_path_longer_than_as_path_is_ignored);
	tcase_add_test(tc, as4_merge_counts_set_as_one);
	tcase_add_test(tc, as4_merge_cuts_inside_a_sequence);
	tcase_add_test(tc, as4_merge_keeps_leading_confed_segment);
	tcase_add_test(tc, as4_path_confed_segments_dropped);
	tcase_add_test(tc, as4_path_malformed_is_discarded);
	tcase_add_test(tc, as4_aggregator_replaces_as_trans_aggregator);
	tcase_add_test(tc, as4_ignored_when_aggregator_is_not_as_trans);
	tcase_add_test(tc, as4_attributes_ignored_with_4byte_asns);
	tcase_add_test(tc, as4_path_without_as_path_is_ignored);
	tcase_add_test(tc, as_path_largest_fits_scratch);
	tcase_add_test(tc, mp_reach_ipv6_16_byte_next_hop);
	tcase_add_test(tc, mp_reach_ipv6_32_byte_next_hop_has_link_local);
	tcase_add_test(tc, mp_reach_ipv4_next_hop);
	tcase_add_test(tc, mp_reach_vpn_next_hops_skip_route_distinguisher);
	tcase_add_test(tc, mp_reach_truncated_is_damage);
	tcase_add_test(tc, mp_reach_rib_abbreviated);
	tcase_add_test(tc, mp_reach_rib_full_form_detected);
	tcase_add_test(tc, mp_unreach_nlri);
	tcase_add_test(tc, nlri_host_bits_are_masked);
	tcase_add_test(tc, nlri_full_length_prefixes);
	tcase_add_test(tc, nlri_addpath_ids);
	tcase_add_test(tc, nlri_addpath_truncated_is_damage);
	tcase_add_test(tc, nlri_length_33_is_damage);
	tcase_add_test(tc, nlri_length_129_is_damage);
	tcase_add_test(tc, nlri_truncated_prefix_is_damage);
	tcase_add_test(tc, nlri_unknown_family_is_refused);
	tcase_add_test(tc, robust_random_and_mutated_updates);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(bgp_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
