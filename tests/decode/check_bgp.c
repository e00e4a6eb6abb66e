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

#include "check_run.h"
#include "decode/bgp.h"

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
/* Shorthands: decode B1 and check the outcome.                        */

#define N(a) ((int)(sizeof (a) / sizeof (a)[0]))
#define BYTES(...) { __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ })

/* Attribute block B1 decodes cleanly; the attributes (static storage). */
static const struct bgp_attrs *decoded(const struct bgp_attr_opts *o)
{
	static struct bgp_attrs a;
	const char *why;

	ck_assert_int_eq(decode(&B1, o, &a, &why), 0);
	return &a;
}

/* Attribute block B1 is damage named msg. */
static void damaged(const struct bgp_attr_opts *o, const char *msg)
{
	struct bgp_attrs a;
	const char *why;

	ck_assert_int_eq(decode(&B1, o, &a, &why), -1);
	if (msg)
		ck_assert_str_eq(why, msg);
}

static void path_is(const struct bgp_attrs *a, const char *text)
{
	ck_assert_str_eq(path_text(a->as_path), text);
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

static uint8_t split_type;
static struct cursor split_body;
static const char *split_why;

/* bgp_message_split on the first n bytes of B1 (all of it: SIZE_MAX). */
static int split(size_t n)
{
	split_why = NULL;
	return bgp_message_split(cur_make(B1.b, n == SIZE_MAX ? B1.n : n), &split_type,
	                         &split_body, &split_why);
}

START_TEST(split_header_ok)
{
	header(&B1, 23, BGP_MSG_UPDATE);
	put32(&B1, 0);
	put8(&B1, 0x99);      /* a byte past the message: not part of the body */
	ck_assert_int_eq(split(SIZE_MAX), 0);
	ck_assert_uint_eq(split_type, BGP_MSG_UPDATE);
	ck_assert_uint_eq(split_body.left, 4);
	ck_assert_ptr_eq(split_body.p, B1.b + 19);
}
END_TEST

START_TEST(split_keepalive_has_empty_body)
{
	header(&B1, 19, BGP_MSG_KEEPALIVE);
	ck_assert_int_eq(split(SIZE_MAX), 0);
	ck_assert_uint_eq(split_type, BGP_MSG_KEEPALIVE);
	ck_assert_uint_eq(split_body.left, 0);
}
END_TEST

START_TEST(split_truncated_header_is_damage)
{
	header(&B1, 19, BGP_MSG_KEEPALIVE);
	for (size_t n = 0; n < 19; n++) {
		ck_assert_int_eq(split(n), -1);
		ck_assert_str_eq(split_why, "bgp header truncated");
	}
}
END_TEST

START_TEST(split_marker_is_not_checked)
{
	/* A collector's copy with a wrong marker still holds a sound message. */
	header(&B1, 19, BGP_MSG_KEEPALIVE);
	memset(B1.b, 0, 16);
	ck_assert_int_eq(split(SIZE_MAX), 0);
	ck_assert_int_eq(split_type, BGP_MSG_KEEPALIVE);
	ck_assert_uint_eq(split_body.left, 0);
}
END_TEST

/* Damaged headers: declared length and type, zero bytes after the header. */
static const struct {
	unsigned len, type, extra;
	const char *why;
} SPLIT_DAMAGE[] = {
	{ 18, BGP_MSG_KEEPALIVE, 1, "bgp message length below 19" },
	{ 24, BGP_MSG_UPDATE, 4, "bgp message length overruns the record" },  /* 23 of 24 */
	{ 19, 0, 0, NULL },
	{ 19, 6, 0, "bgp message type unknown" },
};

START_TEST(split_damage)
{
	header(&B1, SPLIT_DAMAGE[_i].len, SPLIT_DAMAGE[_i].type);
	for (unsigned k = 0; k < SPLIT_DAMAGE[_i].extra; k++)
		put8(&B1, 0);
	ck_assert_int_eq(split(SIZE_MAX), -1);
	if (SPLIT_DAMAGE[_i].why)
		ck_assert_str_eq(split_why, SPLIT_DAMAGE[_i].why);
}
END_TEST

START_TEST(split_extended_message_rfc8654)
{
	header(&B1, 65535, BGP_MSG_UPDATE);
	memset(B1.b + B1.n, 0, 65535 - 19);
	B1.n = 65535;
	ck_assert_int_eq(split(SIZE_MAX), 0);
	ck_assert_uint_eq(split_body.left, 65535 - 19);
}
END_TEST

START_TEST(split_route_refresh_is_known)
{
	header(&B1, 19, 5);   /* ROUTE-REFRESH */
	ck_assert_int_eq(split(SIZE_MAX), 0);
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

static struct bgp_update U;

static int update(const uint8_t *body, size_t n, const char **why)
{
	*why = NULL;
	return bgp_decode_update(cur_make(body, n), &AS4, &S, &U, why);
}

/* The next prefix of c is the one of len bits starting with first. */
static void next_prefix_is(struct cursor *c, unsigned afi, unsigned len, const uint8_t *first)
{
	struct prefix p;
	const char *why;

	ck_assert_int_eq(bgp_nlri_next(c, (uint8_t)afi, false, &p, NULL, &why), 1);
	ck_assert_uint_eq(p.len, len);
	if (first)
		addr_is(&p.addr, afi, first);
}

static void nlri_ends(struct cursor *c, unsigned afi)
{
	struct prefix p;
	const char *why;

	ck_assert_int_eq(bgp_nlri_next(c, (uint8_t)afi, false, &p, NULL, &why), 0);
}

START_TEST(update_splits_withdrawn_attrs_nlri)
{
	static struct bb w, a, body;
	static const uint8_t nlri[] = { 24, 175, 45, 176, 22, 175, 45, 176 };
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

	ck_assert_int_eq(bgp_decode_update(cur_make(body.b, body.n), &AS2, &S, &U, &why), 0);
	ck_assert_uint_eq(U.withdrawn.left, 5);
	ck_assert_int_eq(bgp_nlri_next(&U.withdrawn, AFI_IPV4, false, &p, &id, &why), 1);
	ck_assert_uint_eq(p.len, 24);
	addr_is(&p.addr, AFI_IPV4, (const uint8_t[]){ 10, 1, 2, 0 });
	ck_assert_uint_eq(id, 0);
	next_prefix_is(&U.withdrawn, AFI_IPV4, 0, NULL);
	nlri_ends(&U.withdrawn, AFI_IPV4);

	next_prefix_is(&U.nlri, AFI_IPV4, 24, (const uint8_t[]){ 175, 45, 176, 0 });
	next_prefix_is(&U.nlri, AFI_IPV4, 22, NULL);
	nlri_ends(&U.nlri, AFI_IPV4);

	path_is(&U.attrs, "4837 3031");
	ck_assert_uint_eq(as_path_origin(U.attrs.as_path), 3031);
	ck_assert_ptr_null(U.attrs.warning);
}
END_TEST

/* Damaged UPDATE bodies: every length from min to n is damage named why. */
static const struct {
	uint8_t b[8];
	size_t n, min;
	const char *why;
} UPDATE_DAMAGE[] = {
	{ BYTES(0, 5, 24, 10, 1, 2), 6, "withdrawn routes overrun the message" },
	{ BYTES(0, 0, 0, 4, 0x40, 1, 1), 7, "attributes overrun the message" },
	{ BYTES(0, 0, 0), 0, "update too short for attributes length" },
};

START_TEST(update_damage)
{
	const char *why = NULL;

	for (size_t n = UPDATE_DAMAGE[_i].min; n <= UPDATE_DAMAGE[_i].n; n++)
		ck_assert_int_eq(update(UPDATE_DAMAGE[_i].b, n, &why), -1);
	ck_assert_str_eq(why, UPDATE_DAMAGE[_i].why);
}
END_TEST

START_TEST(update_end_of_rib_is_empty)
{
	static const uint8_t body[] = { 0, 0, 0, 0 };
	const char *why = NULL;

	ck_assert_int_eq(update(body, sizeof body, &why), 0);
	ck_assert_uint_eq(U.withdrawn.left + U.nlri.left, 0);
	ck_assert_uint_eq(U.attrs.present, 0);
	ck_assert_uint_eq(U.attrs.as_path.left, 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Attributes                                                          */

START_TEST(attrs_every_simple_attribute)
{
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
	const struct bgp_attrs *a = decoded(&AS4);

	ck_assert_uint_eq(a->origin, 2);
	addr_is(&a->nexthop, AFI_IPV4, (const uint8_t[]){ 198, 51, 100, 7 });
	ck_assert_uint_eq(a->med, 300);
	ck_assert_uint_eq(a->local_pref, 100);
	ck_assert(a->present & ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE));
	ck_assert_uint_eq(a->aggregator_as, 65000);
	addr_is(&a->aggregator_ip, AFI_IPV4, (const uint8_t[]){ 10, 0, 0, 1 });
	ck_assert_uint_eq(a->communities.left, 8);
	ck_assert_uint_eq(rd_u32(a->communities.p), 0x12e50001);
	ck_assert_uint_eq(a->originator_id, 0x0a090807);
	ck_assert_uint_eq(a->cluster_list.left, 8);
	ck_assert_uint_eq(a->ext_communities.left, 8);
	ck_assert_uint_eq(a->large_communities.left, 12);
	ck_assert_uint_eq(rd_u32(a->large_communities.p), 65000);
	ck_assert_ptr_null(a->warning);
	ck_assert_uint_eq(a->present,
	    ATTR_BIT(1) | ATTR_BIT(3) | ATTR_BIT(4) | ATTR_BIT(5) | ATTR_BIT(6) | ATTR_BIT(7) |
	    ATTR_BIT(8) | ATTR_BIT(9) | ATTR_BIT(10) | ATTR_BIT(16) | ATTR_BIT(32));
}
END_TEST

START_TEST(attrs_aggregator_2byte_as)
{
	B1.n = 0;
	ATTR(&B1, 0xc0, BGP_ATTR_AGGREGATOR, 0x0d, 0x1c, 193, 0, 0, 56);
	const struct bgp_attrs *a = decoded(&AS2);
	ck_assert_uint_eq(a->aggregator_as, 3356);
	addr_is(&a->aggregator_ip, AFI_IPV4, (const uint8_t[]){ 193, 0, 0, 56 });
}
END_TEST

START_TEST(attrs_extended_length_flag)
{
	static uint8_t comm[400];

	for (size_t i = 0; i < sizeof comm; i++)
		comm[i] = (uint8_t)i;
	B1.n = 0;
	attr(&B1, 0xc0, BGP_ATTR_COMMUNITIES, comm, sizeof comm);   /* needs 0x10 */
	ATTR(&B1, 0x50, BGP_ATTR_ORIGIN, 1);                        /* 0x10 when not needed */
	const struct bgp_attrs *a = decoded(&AS4);
	ck_assert_uint_eq(a->communities.left, 400);
	ck_assert_uint_eq(a->origin, 1);
}
END_TEST

START_TEST(attrs_unknown_attribute_skipped)
{
	B1.n = 0;
	ATTR(&B1, 0xc0, 99, 1, 2, 3);            /* type >= 64: no bit, skipped */
	ATTR(&B1, 0xc0, 40, 1, 2, 3, 4, 5);      /* unknown: marked seen */
	ATTR(&B1, 0x40, BGP_ATTR_ORIGIN, 1);
	const struct bgp_attrs *a = decoded(&AS4);
	ck_assert_uint_eq(a->present, ATTR_BIT(40) | ATTR_BIT(BGP_ATTR_ORIGIN));
	ck_assert_uint_eq(a->origin, 1);
}
END_TEST

START_TEST(attrs_overrun_is_damage)
{
	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_ORIGIN, 1);
	put8(&B1, 0x40); put8(&B1, BGP_ATTR_NEXT_HOP); put8(&B1, 4);
	put8(&B1, 1); put8(&B1, 2); put8(&B1, 3);     /* one byte short */
	damaged(&AS4, "attribute overruns the attribute block");

	B1.n = 0;
	put8(&B1, 0x50); put8(&B1, BGP_ATTR_COMMUNITIES); put16(&B1, 0xffff);
	damaged(&AS4, "attribute overruns the attribute block");
}
END_TEST

START_TEST(attrs_truncated_header_is_damage)
{
	B1.n = 0;
	put8(&B1, 0x40);
	damaged(&AS4, "attribute header truncated");
	put8(&B1, 1);
	damaged(&AS4, NULL);
	B1.n = 0;
	put8(&B1, 0x50); put8(&B1, 8); put8(&B1, 0);    /* extended: needs 2 length bytes */
	damaged(&AS4, "attribute header truncated");
}
END_TEST

START_TEST(attrs_wrong_fixed_length_is_discarded)
{
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
	const struct bgp_attrs *a = decoded(&AS4);
	/* Only the sound AS_PATH stands; the first problem is named. */
	ck_assert_uint_eq(a->present, ATTR_BIT(BGP_ATTR_AS_PATH));
	ck_assert_str_eq(a->warning, "origin length is not 1, ignored");
	ck_assert_uint_eq(a->communities.left, 0);
	path_is(a, "7");
}
END_TEST

START_TEST(attrs_repeated_attribute_keeps_first)
{
	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_ORIGIN, 0);
	ATTR(&B1, 0x40, BGP_ATTR_ORIGIN, 2);
	const struct bgp_attrs *a = decoded(&AS4);
	ck_assert_uint_eq(a->origin, 0);
	ck_assert_str_eq(a->warning, "repeated attribute ignored");
}
END_TEST

/* ------------------------------------------------------------------ */
/* AS paths                                                            */

START_TEST(as_path_4byte_points_into_input)
{
	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 2, 0, 0, 0x0d, 0x1c, 0x00, 0x02, 0x00, 0x0f);
	const struct bgp_attrs *a = decoded(&AS4);
	ck_assert_ptr_eq(a->as_path.p, B1.b + 3);
	path_is(a, "3356 131087");
	ck_assert_uint_eq(as_path_origin(a->as_path), 131087);
}
END_TEST

START_TEST(as_path_2byte_widened_to_4)
{
	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH, 2, 3, 0x0d, 0x1c, 0x5b, 0xa0, 0xff, 0xff,
	     1, 2, 0x00, 0x07, 0x00, 0x08);
	const struct bgp_attrs *a = decoded(&AS2);
	ck_assert_ptr_eq(a->as_path.p, S.as_path);
	ck_assert_uint_eq(a->as_path.left, 2 + 12 + 2 + 8);
	path_is(a, "3356 23456 65535 {7,8}");
	ck_assert_uint_eq(as_path_origin(a->as_path), 0);    /* ends in a set */
}
END_TEST

START_TEST(as_path_set_and_confed_segments)
{
	B1.n = 0;
	ATTR(&B1, 0x40, BGP_ATTR_AS_PATH,
	     3, 2, 0, 0, 0xfd, 0xe8, 0, 0, 0xfd, 0xe9,      /* (65000 65001) */
	     4, 1, 0, 0, 0xfd, 0xea,                        /* [65002] */
	     2, 1, 0, 0, 0, 1,                              /* 1 */
	     1, 2, 0, 0, 0, 2, 0, 0, 0, 3,                  /* {2,3} */
	     2, 1, 0, 0, 0, 4);                             /* 4 */
	const struct bgp_attrs *a = decoded(&AS4);
	path_is(a, "(65000 65001) [65002] 1 {2,3} 4");
	ck_assert_uint_eq(as_path_origin(a->as_path), 4);
}
END_TEST

/* Damaged AS_PATH attributes: the value, the ASN width, the damage. */
static const struct {
	uint8_t v[12];
	size_t n;
	const struct bgp_attr_opts *o;
	const char *why;
} AS_PATH_DAMAGE[] = {
	{ BYTES(2, 3, 0, 0, 0, 1, 0, 0, 0, 2), &AS4, "as_path segment overruns the attribute" },
	{ BYTES(2, 3, 0, 1, 0, 2), &AS2, "as_path segment overruns the attribute" },
	{ BYTES(2, 1, 0, 1, 2), &AS2, "as_path segment header truncated" },  /* lone type byte */
	{ BYTES(9, 1, 0, 1), &AS2, "as_path segment type unknown" },
};

START_TEST(as_path_damage)
{
	B1.n = 0;
	attr(&B1, 0x40, BGP_ATTR_AS_PATH, AS_PATH_DAMAGE[_i].v, AS_PATH_DAMAGE[_i].n);
	damaged(AS_PATH_DAMAGE[_i].o, AS_PATH_DAMAGE[_i].why);
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

/* RFC 6793 4.2.3: the AS_TRANS hops of a 2-byte path come from AS4_PATH.
 * Each case: AS_PATH and AS4_PATH values (2-byte speaker), the merged path
 * and, where the case is about it, the warning (NULL: not checked). */
static const struct {
	const char *name;
	uint8_t path[16];
	size_t npath;
	uint8_t as4[16];
	size_t nas4;
	bool as4_first;
	const char *want, *warning;
} AS4_MERGE[] = {
	{ "replaces AS_TRANS",      /* 3356 23456 23456 ; 196608 262144 */
	  BYTES(2, 3, 0x0d, 0x1c, 0x5b, 0xa0, 0x5b, 0xa0),
	  BYTES(2, 2, 0, 3, 0, 0, 0, 4, 0, 0), false, "3356 196608 262144", NULL },
	{ "attribute order does not matter",
	  BYTES(2, 2, 0x0d, 0x1c, 0x5b, 0xa0),
	  BYTES(2, 1, 0, 3, 0, 0), true, "3356 196608", NULL },
	{ "AS4_PATH longer than AS_PATH is ignored",
	  BYTES(2, 1, 0x5b, 0xa0),
	  BYTES(2, 2, 0, 3, 0, 0, 0, 4, 0, 0), false, "23456", NULL },
	{ "a set counts as one",    /* 1 2 {3,23456}: 3 ; {3,196608}: 1 */
	  BYTES(2, 2, 0, 1, 0, 2, 1, 2, 0, 3, 0x5b, 0xa0),
	  BYTES(1, 2, 0, 0, 0, 3, 0, 3, 0, 0), false, "1 2 {3,196608}", NULL },
	{ "cuts inside a sequence", /* 1 2 3 23456 ; 3 196608 -> keep 1 2 */
	  BYTES(2, 4, 0, 1, 0, 2, 0, 3, 0x5b, 0xa0),
	  BYTES(2, 2, 0, 0, 0, 3, 0, 3, 0, 0), false, "1 2 3 196608", NULL },
	{ "keeps a leading confederation segment",  /* (65000) 1 23456 ; 1 196608 */
	  BYTES(3, 1, 0xfd, 0xe8, 2, 2, 0, 1, 0x5b, 0xa0),
	  BYTES(2, 2, 0, 0, 0, 1, 0, 3, 0, 0), false, "(65000) 1 196608", NULL },
	{ "AS4_PATH confederation segments dropped",
	  BYTES(2, 2, 0, 9, 0x5b, 0xa0),
	  BYTES(3, 1, 0, 0, 0xfd, 0xe8, 2, 1, 0, 3, 0, 0), false, "9 196608", NULL },
	{ "malformed AS4_PATH (overrun) discarded",
	  BYTES(2, 2, 0, 9, 0x5b, 0xa0),
	  BYTES(2, 3, 0, 3, 0, 0), false, "9 23456", "as4_path malformed, ignored" },
	{ "malformed AS4_PATH (empty segment) discarded",
	  BYTES(2, 2, 0, 9, 0x5b, 0xa0),
	  BYTES(2, 0, 2, 1, 0, 3, 0, 0), false, "9 23456", NULL },
	{ "AS4_PATH without AS_PATH is ignored",
	  { 0 }, 0,
	  BYTES(2, 1, 0, 3, 0, 0), false, "", NULL },
};

START_TEST(as4_merge)
{
	const bool first = AS4_MERGE[_i].as4_first;

	B1.n = 0;
	if (first)
		attr(&B1, 0xc0, BGP_ATTR_AS4_PATH, AS4_MERGE[_i].as4, AS4_MERGE[_i].nas4);
	if (AS4_MERGE[_i].npath)
		attr(&B1, 0x40, BGP_ATTR_AS_PATH, AS4_MERGE[_i].path, AS4_MERGE[_i].npath);
	if (!first)
		attr(&B1, 0xc0, BGP_ATTR_AS4_PATH, AS4_MERGE[_i].as4, AS4_MERGE[_i].nas4);
	const struct bgp_attrs *a = decoded(&AS2);
	ck_assert_msg(strcmp(path_text(a->as_path), AS4_MERGE[_i].want) == 0,
	              "%s: path %s, not %s", AS4_MERGE[_i].name, path_text(a->as_path),
	              AS4_MERGE[_i].want);
	if (AS4_MERGE[_i].warning) {
		ck_assert_str_eq(a->warning, AS4_MERGE[_i].warning);
		ck_assert(!(a->present & ATTR_BIT(BGP_ATTR_AS4_PATH)));
	}
	if (!AS4_MERGE[_i].npath)
		ck_assert_uint_eq(a->as_path.left, 0);
}
END_TEST

START_TEST(as4_merge_details)
{
	B1.n = 0;
	attr(&B1, 0x40, BGP_ATTR_AS_PATH, AS4_MERGE[0].path, AS4_MERGE[0].npath);
	attr(&B1, 0xc0, BGP_ATTR_AS4_PATH, AS4_MERGE[0].as4, AS4_MERGE[0].nas4);
	const struct bgp_attrs *a = decoded(&AS2);
	ck_assert_uint_eq(as_path_origin(a->as_path), 262144);
	ck_assert(a->present & ATTR_BIT(BGP_ATTR_AS4_PATH));

	B1.n = 0;
	attr(&B1, 0x40, BGP_ATTR_AS_PATH, AS4_MERGE[4].path, AS4_MERGE[4].npath);
	attr(&B1, 0xc0, BGP_ATTR_AS4_PATH, AS4_MERGE[4].as4, AS4_MERGE[4].nas4);
	ck_assert_uint_eq(decoded(&AS2)->as_path.left, (2 + 8) + (2 + 8));
}
END_TEST

/* AGGREGATOR and AS4_AGGREGATOR with AS_PATH 23456 and AS4_PATH 196608;
 * agg_as is the AGGREGATOR's AS field (2 or 4 bytes as the speaker). */
static const struct bgp_attrs *aggregator_case(const struct bgp_attr_opts *o, uint32_t agg_as)
{
	B1.n = 0;
	put8(&B1, 0xc0); put8(&B1, BGP_ATTR_AGGREGATOR); put8(&B1, (unsigned)o->asn_size + 4);
	if (o->asn_size == 4)
		put32(&B1, agg_as);
	else
		put16(&B1, agg_as);
	put32(&B1, 0x0a000001);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_AGGREGATOR, 0, 3, 0, 0, 10, 0, 0, 2);
	put8(&B1, 0x40); put8(&B1, BGP_ATTR_AS_PATH); put8(&B1, 2 + o->asn_size);
	put8(&B1, 2); put8(&B1, 1);
	if (o->asn_size == 4)
		put32(&B1, 23456);
	else
		put16(&B1, 23456);
	ATTR(&B1, 0xc0, BGP_ATTR_AS4_PATH, 2, 1, 0, 3, 0, 0);
	return decoded(o);
}

/* RFC 6793 4.2.3: AS4_AGGREGATOR replaces an AS_TRANS AGGREGATOR. An
 * AGGREGATOR with a real AS was set by an OLD speaker after the AS4
 * attributes were made: both AS4 attributes are stale. A 4-byte speaker's
 * AS4 attributes are ignored. */
static const struct {
	const struct bgp_attr_opts *o;
	uint32_t agg_as, want_as;
	uint8_t want_ip;          /* last byte of 10.0.0.x; 0: not checked */
	const char *want_path;
} AS4_AGGREGATOR[] = {
	{ &AS2, 23456, 196608, 2, "196608" },
	{ &AS2, 3356, 3356, 1, "23456" },
	{ &AS4, 23456, 23456, 0, "23456" },
};

START_TEST(as4_aggregator)
{
	const struct bgp_attrs *a = aggregator_case(AS4_AGGREGATOR[_i].o, AS4_AGGREGATOR[_i].agg_as);
	ck_assert_uint_eq(a->aggregator_as, AS4_AGGREGATOR[_i].want_as);
	if (AS4_AGGREGATOR[_i].want_ip)
		addr_is(&a->aggregator_ip, AFI_IPV4,
		        (const uint8_t[]){ 10, 0, 0, AS4_AGGREGATOR[_i].want_ip });
	path_is(a, AS4_AGGREGATOR[_i].want_path);
}
END_TEST

/* The largest attribute block a message can hold: a 2-byte path of 65000+
 * bytes, widened, then merged with an AS4_PATH, stays inside the scratch. */
START_TEST(as_path_largest_fits_scratch)
{
	static uint8_t path[65000];
	struct as_segment seg;
	struct cursor c;
	size_t n = 0, asns = 0;

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
	const struct bgp_attrs *a = decoded(&AS2);
	c = a->as_path;
	while (as_path_next(&c, &seg) == 1)
		asns += seg.count;
	ck_assert_uint_eq(asns, n / 512 * 255);
	ck_assert_uint_eq(as_path_origin(a->as_path), 262144);
}
END_TEST

/* ------------------------------------------------------------------ */
/* MP_REACH / MP_UNREACH                                               */

static const uint8_t V6_GLOBAL[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
static const uint8_t V6_LL[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 };

/* Starts the MP_REACH value in B2: AFI, SAFI, next-hop length. */
static void mp_head(unsigned afi, unsigned safi, unsigned nhlen)
{
	B2.n = 0;
	put16(&B2, afi); put8(&B2, safi); put8(&B2, nhlen);
}

/* B1 = one MP_REACH_NLRI attribute holding B2, decoded with o. */
static const struct bgp_attrs *mp_decoded(const struct bgp_attr_opts *o)
{
	B1.n = 0;
	attr(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, B2.b, B2.n);
	return decoded(o);
}

static void nexthops_are(const struct bgp_attrs *a, const uint8_t *global, const uint8_t *ll)
{
	addr_is(&a->mp_reach.nexthop, AFI_IPV6, global);
	addr_is(&a->mp_reach.nexthop_ll, AFI_IPV6, ll);
}

START_TEST(mp_reach_ipv6_16_byte_next_hop)
{
	struct prefix p;
	const char *why;

	mp_head(AFI_IPV6, SAFI_UNICAST, 16);
	putn(&B2, V6_GLOBAL, 16);
	put8(&B2, 0);
	put8(&B2, 32); put32(&B2, 0x20010db8);
	put8(&B2, 48); put32(&B2, 0x2a000001); put16(&B2, 0x0203);
	const struct bgp_attrs *a = mp_decoded(&AS4);
	struct cursor nlri = a->mp_reach.nlri;
	ck_assert(a->present & ATTR_BIT(BGP_ATTR_MP_REACH_NLRI));
	ck_assert_uint_eq(a->mp_reach.afi, AFI_IPV6);
	ck_assert_uint_eq(a->mp_reach.safi, SAFI_UNICAST);
	ck_assert_uint_eq(a->mp_reach.nexthop_len, 16);
	addr_is(&a->mp_reach.nexthop, AFI_IPV6, V6_GLOBAL);
	ck_assert_uint_eq(a->mp_reach.nexthop_ll.afi, 0);
	next_prefix_is(&nlri, AFI_IPV6, 32, (const uint8_t[]){ 0x20, 0x01, 0x0d, 0xb8,
	                                                       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
	ck_assert_int_eq(bgp_nlri_next(&nlri, AFI_IPV6, false, &p, NULL, &why), 1);
	ck_assert_uint_eq(p.len, 48);
	ck_assert_uint_eq(rd_u32(p.addr.b), 0x2a000001);
	ck_assert_uint_eq(rd_u16(p.addr.b + 4), 0x0203);
	nlri_ends(&nlri, AFI_IPV6);
}
END_TEST

START_TEST(mp_reach_ipv6_32_byte_next_hop_has_link_local)
{
	mp_head(AFI_IPV6, SAFI_UNICAST, 32);
	putn(&B2, V6_GLOBAL, 16);
	putn(&B2, V6_LL, 16);
	put8(&B2, 0);
	const struct bgp_attrs *a = mp_decoded(&AS4);
	ck_assert_uint_eq(a->mp_reach.nexthop_len, 32);
	nexthops_are(a, V6_GLOBAL, V6_LL);
	ck_assert_uint_eq(a->mp_reach.nlri.left, 0);
}
END_TEST

START_TEST(mp_reach_ipv4_next_hop)
{
	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 1, 2, 4, 192, 0, 2, 9, 0, 8, 10);
	const struct bgp_attrs *a = decoded(&AS4);
	ck_assert_uint_eq(a->mp_reach.afi, AFI_IPV4);
	ck_assert_uint_eq(a->mp_reach.safi, SAFI_MULTICAST);
	addr_is(&a->mp_reach.nexthop, AFI_IPV4, (const uint8_t[]){ 192, 0, 2, 9 });
	ck_assert_uint_eq(a->mp_reach.nlri.left, 2);
}
END_TEST

START_TEST(mp_reach_vpn_next_hops_skip_route_distinguisher)
{
	const struct bgp_attrs *a;

	/* 24: RD + IPv6 */
	mp_head(AFI_IPV6, 128, 24);
	put32(&B2, 0); put32(&B2, 0);
	putn(&B2, V6_GLOBAL, 16);
	put8(&B2, 0);
	addr_is(&mp_decoded(&AS4)->mp_reach.nexthop, AFI_IPV6, V6_GLOBAL);

	/* 12: RD + IPv4 */
	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 1, 128, 12, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0);
	addr_is(&decoded(&AS4)->mp_reach.nexthop, AFI_IPV4, (const uint8_t[]){ 1, 2, 3, 4 });

	/* 48: (RD + IPv6) twice */
	mp_head(AFI_IPV6, 128, 48);
	put32(&B2, 0); put32(&B2, 0); putn(&B2, V6_GLOBAL, 16);
	put32(&B2, 0); put32(&B2, 0); putn(&B2, V6_LL, 16);
	put8(&B2, 0);
	nexthops_are(mp_decoded(&AS4), V6_GLOBAL, V6_LL);

	/* 7: an odd length is kept as a length only */
	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 2, 1, 7, 1, 2, 3, 4, 5, 6, 7, 0);
	a = decoded(&AS4);
	ck_assert_uint_eq(a->mp_reach.nexthop_len, 7);
	ck_assert_uint_eq(a->mp_reach.nexthop.afi, 0);
}
END_TEST

START_TEST(mp_reach_truncated_is_damage)
{
	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 2, 1);
	damaged(&AS4, "mp_reach_nlri truncated");

	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 2, 1, 16, 0x20, 0x01);
	damaged(&AS4, "mp_reach_nlri next hop overruns the attribute");

	B1.n = 0;     /* no reserved byte */
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 0, 1, 1, 4, 1, 2, 3, 4);
	damaged(&AS4, "mp_reach_nlri truncated");
}
END_TEST

/* RFC 6396 4.3.4: a RIB entry keeps only next-hop length and next hop. */
START_TEST(mp_reach_rib_abbreviated)
{
	static const struct bgp_attr_opts rib6 = { 4, true, AFI_IPV6 };
	static const struct bgp_attr_opts rib4 = { 4, true, AFI_IPV4 };

	B2.n = 0;
	put8(&B2, 32);
	putn(&B2, V6_GLOBAL, 16);
	putn(&B2, V6_LL, 16);
	const struct bgp_attrs *a = mp_decoded(&rib6);
	ck_assert_uint_eq(a->mp_reach.afi, AFI_IPV6);
	ck_assert_uint_eq(a->mp_reach.safi, SAFI_UNICAST);
	ck_assert_uint_eq(a->mp_reach.nexthop_len, 32);
	nexthops_are(a, V6_GLOBAL, V6_LL);
	ck_assert_uint_eq(a->mp_reach.nlri.left, 0);

	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_REACH_NLRI, 4, 192, 0, 2, 1);
	a = decoded(&rib4);
	ck_assert_uint_eq(a->mp_reach.afi, AFI_IPV4);
	addr_is(&a->mp_reach.nexthop, AFI_IPV4, (const uint8_t[]){ 192, 0, 2, 1 });
}
END_TEST

/* Some writers put the whole MP_REACH_NLRI into RIB entries: detected. */
START_TEST(mp_reach_rib_full_form_detected)
{
	static const struct bgp_attr_opts rib6 = { 4, true, AFI_IPV6 };

	mp_head(AFI_IPV6, SAFI_UNICAST, 16);
	putn(&B2, V6_GLOBAL, 16);
	put8(&B2, 0);
	put8(&B2, 32); put32(&B2, 0x20010db8);
	const struct bgp_attrs *a = mp_decoded(&rib6);
	ck_assert_uint_eq(a->mp_reach.nexthop_len, 16);
	addr_is(&a->mp_reach.nexthop, AFI_IPV6, V6_GLOBAL);
	ck_assert_uint_eq(a->mp_reach.nlri.left, 5);
}
END_TEST

START_TEST(mp_unreach_nlri)
{
	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_UNREACH_NLRI, 0, 2, 1, 64, 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2);
	const struct bgp_attrs *a = decoded(&AS4);
	struct cursor nlri = a->mp_unreach.nlri;
	ck_assert(a->present & ATTR_BIT(BGP_ATTR_MP_UNREACH_NLRI));
	ck_assert_uint_eq(a->mp_unreach.afi, AFI_IPV6);
	ck_assert_uint_eq(a->mp_unreach.safi, SAFI_UNICAST);
	next_prefix_is(&nlri, AFI_IPV6, 64, NULL);
	nlri_ends(&nlri, AFI_IPV6);

	B1.n = 0;
	ATTR(&B1, 0x80, BGP_ATTR_MP_UNREACH_NLRI, 0, 2);
	damaged(&AS4, "mp_unreach_nlri truncated");
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

	next_prefix_is(&c, AFI_IPV4, 13, (const uint8_t[]){ 11, 8, 0, 0 });
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

	next_prefix_is(&c, AFI_IPV4, 32, (const uint8_t[]){ 1, 2, 3, 4 });
	memset(v6 + 1, 0xff, 16);
	c = cur_make(v6, sizeof v6);
	next_prefix_is(&c, AFI_IPV6, 128, v6 + 1);
}
END_TEST

/* An IPv4 prefix reads only its own bytes and keeps only its own bits,
 * whether the bytes after it (the next prefix's) are there to read or the
 * field ends with it. */
START_TEST(nlri_ipv4_prefix_takes_only_its_bytes)
{
	for (unsigned len = 0; len <= 32; len++) {
		unsigned nbytes = (len + 7) / 8;
		uint8_t b[1 + 4 + 4];
		b[0] = (uint8_t)len;
		memset(b + 1, 0xff, nbytes);
		memset(b + 1 + nbytes, 0xa5, sizeof b - 1 - nbytes);
		uint8_t want[4] = { 0 };
		for (unsigned bit = 0; bit < len; bit++)
			want[bit / 8] |= (uint8_t)(0x80u >> (bit % 8));
		for (int ends = 0; ends <= 1; ends++) {
			struct cursor c = cur_make(b, ends ? 1 + nbytes : sizeof b);
			size_t left = c.left;
			struct prefix p;
			const char *why;
			ck_assert_int_eq(bgp_nlri_next(&c, AFI_IPV4, false, &p, NULL, &why), 1);
			ck_assert_uint_eq(p.len, len);
			ck_assert_uint_eq(p.addr.afi, AFI_IPV4);
			addr_is(&p.addr, AFI_IPV4, want);
			for (int i = 4; i < 16; i++)
				ck_assert_uint_eq(p.addr.b[i], 0);
			ck_assert_uint_eq(left - c.left, 1 + nbytes);
			ck_assert_ptr_eq(c.p, b + 1 + nbytes);
		}
	}
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

/* Damaged NLRI: the bytes, family, ADD-PATH, the damage named. */
static const struct {
	uint8_t b[18];
	size_t n;
	uint8_t afi;
	bool addpath;
	const char *why;
} NLRI_DAMAGE[] = {
	{ BYTES(0, 0, 1), AFI_IPV4, true, "nlri path id truncated" },
	{ BYTES(0, 0, 0, 1), AFI_IPV4, true, "nlri prefix length missing" },
	{ BYTES(33, 1, 2, 3, 4, 5), AFI_IPV4, false, "nlri prefix length 33 exceeds 32" },
	{ { 129 }, 18, AFI_IPV6, false, "nlri prefix length 129 exceeds 128" },
	{ BYTES(24, 10, 1), AFI_IPV4, false, "nlri prefix truncated" },
	{ BYTES(8, 10), 25, false, "nlri address family unsupported" },
};

START_TEST(nlri_damage)
{
	struct cursor c = cur_make(NLRI_DAMAGE[_i].b, NLRI_DAMAGE[_i].n);
	struct prefix p;
	const char *why;

	ck_assert_int_eq(bgp_nlri_next(&c, NLRI_DAMAGE[_i].afi, NLRI_DAMAGE[_i].addpath, &p, NULL,
	                               &why), -1);
	ck_assert_str_eq(why, NLRI_DAMAGE[_i].why);
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
	tcase_add_loop_test(tc, split_damage, 0, N(SPLIT_DAMAGE));
	tcase_add_test(tc, split_extended_message_rfc8654);
	tcase_add_test(tc, split_route_refresh_is_known);
	tcase_add_test(tc, update_splits_withdrawn_attrs_nlri);
	tcase_add_loop_test(tc, update_damage, 0, N(UPDATE_DAMAGE));
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
	tcase_add_loop_test(tc, as_path_damage, 0, N(AS_PATH_DAMAGE));
	tcase_add_test(tc, as_path_origin_rules);
	tcase_add_test(tc, as_path_next_truncated_is_malformed);
	tcase_add_loop_test(tc, as4_merge, 0, N(AS4_MERGE));
	tcase_add_test(tc, as4_merge_details);
	tcase_add_loop_test(tc, as4_aggregator, 0, N(AS4_AGGREGATOR));
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
	tcase_add_test(tc, nlri_ipv4_prefix_takes_only_its_bytes);
	tcase_add_test(tc, nlri_addpath_ids);
	tcase_add_loop_test(tc, nlri_damage, 0, N(NLRI_DAMAGE));
	tcase_add_test(tc, robust_random_and_mutated_updates);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(bgp_suite());
}
