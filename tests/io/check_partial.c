/*
 * check_partial.c — unit tests for partial.c.
 * Owns: the round trip of every event, compact groups and marks, and the
 * refusal of a cut, corrupt or foreign buffer at every length.
 * Never: reads MRT files.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "check_run.h"
#include "io/partial.h"

static const uint8_t path4[] = { 2, 2, 0, 0, 0x19, 0x35, 0, 2, 0x02, 0x1f }; /* 6453 131615 */

/* A small partial: two inputs, a mark, a route, a state change, a count,
 * an input's end. */
static void build(uint8_t **buf, size_t *len)
{
	struct partial_w *w = partial_w_new();
	const char *cols[] = { "rrc00" };
	const char *paths[] = { "rrc00/bview.gz", "rrc00/updates.gz" };
	uint64_t sizes[] = { 1000, 20 };
	uint32_t col[] = { 0, 0 };
	partial_w_header(w, 42, "175.45.176.0/22", cols, 1, paths, sizes, col, 2);
	partial_w_group(w, 0, 2 * 1419120000u);
	partial_w_mark(w, 1419120000u);
	struct bgp_attrs a;
	memset(&a, 0, sizeof a);
	a.as_path.p = path4;
	a.as_path.left = sizeof path4;
	struct elem e = { .type = ELEM_RIB, .ts = 1419120000u, .peer_as = 6453, .attrs = &a };
	e.peer_ip.afi = AFI_IPV4;
	e.peer_ip.b[0] = 10;
	e.prefix.addr.afi = AFI_IPV4;
	e.prefix.addr.b[0] = 175;
	e.prefix.addr.b[1] = 45;
	e.prefix.addr.b[2] = 176;
	e.prefix.len = 22;
	e.has_path_id = true;
	e.path_id = 7;
	partial_w_elem(w, &e);
	struct elem s = { .type = ELEM_STATE, .ts = 1419120001u, .old_state = 6, .new_state = 1 };
	s.peer_ip.afi = AFI_IPV6;
	s.peer_ip.b[0] = 0x20;
	partial_w_group(w, 1, 2 * 1419120001u + 1);
	partial_w_elem(w, &s);
	partial_w_group(w, 0, 2 * 1419120001u + 1);
	partial_w_count(w, &e.peer_ip, AFI_IPV6, 123456);
	partial_w_source_end(w, true, true, true, 1419120000u, 1419120001u, 3, NULL, 0);
	ck_assert(partial_w_take(w, buf, len));
	partial_w_free(w);
}

START_TEST(every_event_reads_back_as_written)
{
	uint8_t *buf;
	size_t len;
	char err[128];
	build(&buf, &len);
	struct partial_r r;
	ck_assert_int_eq(partial_r_open_mem(&r, "x", buf, len, err, sizeof err), 0);
	ck_assert_uint_eq(r.targets_fp, 42);
	ck_assert_str_eq(r.targets_text, "175.45.176.0/22");
	ck_assert_uint_eq(r.nsrc, 2);
	ck_assert_str_eq(r.paths[1], "rrc00/updates.gz");
	ck_assert_uint_eq(r.sizes[0], 1000);

	struct partial_ev ev;
	ck_assert_int_eq(partial_r_group(&r), 1);
	ck_assert_uint_eq(r.src, 0);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_MARK);
	ck_assert_uint_eq(ev.ts, 1419120000u);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_ELEM);
	ck_assert_int_eq(ev.e.type, ELEM_RIB);
	ck_assert_uint_eq(ev.e.prefix.len, 22);
	ck_assert_uint_eq(ev.e.prefix.addr.b[2], 176);
	ck_assert_uint_eq(ev.e.peer_as, 6453);
	ck_assert(ev.e.has_path_id && ev.e.path_id == 7);
	ck_assert_uint_eq(as_path_origin(ev.e.attrs->as_path), 131615);
	ck_assert_int_eq(partial_r_event(&r, &ev), 0);

	ck_assert_int_eq(partial_r_group(&r), 1);
	ck_assert_uint_eq(r.src, 1);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.e.type, ELEM_STATE);
	ck_assert_int_eq(ev.e.peer_ip.afi, AFI_IPV6);
	ck_assert(ev.e.old_state == 6 && ev.e.new_state == 1);
	ck_assert_uint_eq(ev.e.ts, 1419120001u);

	ck_assert_int_eq(partial_r_group(&r), 1);
	ck_assert_uint_eq(r.src, 0);
	ck_assert_uint_eq(r.key, 2 * 1419120001ull + 1);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_COUNT);
	ck_assert_uint_eq(ev.n, 123456);
	ck_assert_int_eq(ev.afi, AFI_IPV6);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_SOURCE_END);
	ck_assert(ev.damaged && ev.rib && ev.has);
	ck_assert_uint_eq(ev.damage, 3);
	ck_assert_int_eq(partial_r_group(&r), 0);
	partial_r_close(&r);
}
END_TEST

/* Opens a copy of the first n bytes of buf with byte flip changed (none
 * when flip >= n); closes it when it opened. */
static int open_copy(const uint8_t *buf, size_t n, size_t flip, char *err, size_t errlen)
{
	uint8_t *copy = malloc(n ? n : 1);
	memcpy(copy, buf, n);
	if (flip < n)
		copy[flip] ^= 0x20;
	struct partial_r r;
	int got = partial_r_open_mem(&r, "x", copy, n, err, errlen);
	if (got == 0)
		partial_r_close(&r);
	return got;
}

/* What make writes, cut at every length (cuts) or with any one byte
 * changed (changes): refused every time. */
static void refused(void (*make)(uint8_t **, size_t *), bool cuts, bool changes)
{
	uint8_t *buf;
	size_t len;
	char err[128];
	make(&buf, &len);
	for (size_t n = 0; cuts && n < len; n++)
		ck_assert_int_eq(open_copy(buf, n, len, err, sizeof err), -1);
	for (size_t i = 0; changes && i < len; i++)
		ck_assert_int_eq(open_copy(buf, len, i, err, sizeof err), -1);
	free(buf);
}

START_TEST(a_cut_buffer_is_refused_at_every_length)
{
	refused(build, true, false);
}
END_TEST

START_TEST(a_changed_byte_is_refused_anywhere)
{
	refused(build, false, true);
}
END_TEST

START_TEST(another_version_is_named)
{
	uint8_t *buf;
	size_t len;
	char err[128];
	build(&buf, &len);
	buf[8] = 9;
	struct partial_r r;
	ck_assert_int_eq(partial_r_open_mem(&r, "x", buf, len, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "version 9"));
}
END_TEST

/* A writer of one input (collector "c"), its header written. */
static struct partial_w *one_input(void)
{
	struct partial_w *w = partial_w_new();
	const char *cols[] = { "c" };
	const char *paths[] = { "c/u" };
	uint64_t sizes[] = { 1 };
	uint32_t col[] = { 0 };
	partial_w_header(w, 0, "", cols, 1, paths, sizes, col, 1);
	return w;
}

/* w's partial (w freed), opened into r: partial_r_open_mem's result. */
static int reopen(struct partial_w *w, struct partial_r *r)
{
	uint8_t *buf;
	size_t len;
	char err[128];
	ck_assert(partial_w_take(w, &buf, &len));
	partial_w_free(w);
	return partial_r_open_mem(r, "x", buf, len, err, sizeof err);
}

/* One input whose end carries the n stretches v (from, until pairs)
 * between first and last. */
static void build_stretches(uint8_t **buf, size_t *len, uint32_t first, uint32_t last,
                            const uint32_t *v, size_t n)
{
	struct partial_w *w = one_input();
	partial_w_group(w, 0, 2 * (uint64_t)last + 1);
	partial_w_source_end(w, false, false, true, first, last, 0, v, n);
	ck_assert(partial_w_take(w, buf, len));
	partial_w_free(w);
}

START_TEST(stretches_without_records_read_back_in_the_input_end)
{
	const uint32_t v[] = { 1000, 5000, 5001, 9000 };
	uint8_t *buf;
	size_t len;
	char err[128];
	build_stretches(&buf, &len, 10, 9000, v, 2);
	struct partial_r r;
	ck_assert_int_eq(partial_r_open_mem(&r, "x", buf, len, err, sizeof err), 0);
	/* known at opening, before any event is read */
	ck_assert(r.spans[0].ended && r.spans[0].has && !r.spans[0].rib);
	ck_assert_uint_eq(r.spans[0].first, 10);
	ck_assert_uint_eq(r.spans[0].last, 9000);
	ck_assert_uint_eq(r.spans[0].nstretch, 2);
	ck_assert_mem_eq(r.spans[0].stretch, v, sizeof v);
	struct partial_ev ev;
	ck_assert_int_eq(partial_r_group(&r), 1);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_SOURCE_END);
	ck_assert_uint_eq(ev.nstretch, 2);
	ck_assert_mem_eq(ev.stretch, v, sizeof v);
	ck_assert_int_eq(partial_r_group(&r), 0);
	partial_r_close(&r);
}
END_TEST

static void build_two_stretches(uint8_t **buf, size_t *len)
{
	const uint32_t v[] = { 1000, 5000, 5001, 9000 };
	build_stretches(buf, len, 10, 9000, v, 2);
}

START_TEST(a_cut_or_changed_partial_with_stretches_is_refused)
{
	refused(build_two_stretches, true, true);
}
END_TEST

START_TEST(stretches_out_of_order_or_outside_the_span_are_refused)
{
	static const struct {
		uint32_t first, last, v[4];
		size_t n;
	} bad[] = {
		{ 10, 9000, { 10, 20 }, 1 },                  /* starts at the first record */
		{ 10, 9000, { 5, 20 }, 1 },                   /* before it */
		{ 10, 9000, { 100, 9001 }, 1 },               /* ends past the last record */
		{ 10, 9000, { 100, 100 }, 1 },                /* empty */
		{ 10, 9000, { 100, 200, 200, 300 }, 2 },      /* starts where the one before ends */
		{ 10, 9000, { 300, 400, 100, 200 }, 2 },      /* out of order */
		{ 10, 10, { 11, 12 }, 1 },                    /* in an input of one second */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint8_t *buf;
		size_t len;
		char err[128];
		build_stretches(&buf, &len, bad[i].first, bad[i].last, bad[i].v, bad[i].n);
		struct partial_r r;
		ck_assert_msg(partial_r_open_mem(&r, "x", buf, len, err, sizeof err) == -1, "case %zu", i);
		ck_assert_ptr_nonnull(strstr(err, "corrupt"));
	}
}
END_TEST

START_TEST(an_input_that_ends_twice_is_refused)
{
	struct partial_w *w = one_input();
	partial_w_group(w, 0, 21);
	partial_w_source_end(w, false, false, true, 10, 10, 0, NULL, 0);
	partial_w_group(w, 0, 21);
	partial_w_source_end(w, false, false, true, 10, 10, 0, NULL, 0);
	struct partial_r r;
	ck_assert_int_eq(reopen(w, &r), -1);
}
END_TEST

/* A partial file of version and kind around the inflated body (raw
 * bytes): the fixed header, the deflated body, the checksum. */
static uint8_t *wrap(uint8_t version, uint8_t kind, const uint8_t *body, size_t raw, size_t *len)
{
	uLongf clen = compressBound((uLong)raw);
	uint8_t *z = malloc(18 + clen + 4);
	ck_assert_int_eq(compress2(z + 18, &clen, body, (uLong)raw, 6), Z_OK);
	memcpy(z, PARTIAL_MAGIC, 8);
	z[8] = version;
	z[9] = kind;
	for (int i = 0; i < 8; i++)
		z[10 + i] = (uint8_t)((uint64_t)raw >> (56 - 8 * i));
	size_t n = 18 + clen;
	uint32_t crc = (uint32_t)crc32(0L, z, (uInt)n);
	for (int i = 0; i < 4; i++)
		z[n++] = (uint8_t)(crc >> (24 - 8 * i));
	*len = n;
	return z;
}

/* The file of buf rewritten as version 1 wrote it: no origins' section
 * (empty here), and its input ends (the last event) without the count of
 * stretches (0 here). */
static void as_version_1(uint8_t **buf, size_t *len)
{
	uint8_t *b = *buf;
	uint64_t raw = 0;
	for (int i = 0; i < 8; i++)
		raw = raw << 8 | b[10 + i];
	uint8_t *body = malloc((size_t)raw);
	uLongf got = (uLongf)raw;
	ck_assert_int_eq(uncompress(body, &got, b + 18, (uLong)(*len - 22)), Z_OK);
	ck_assert_uint_eq(body[0], 0);             /* no origins */
	ck_assert_uint_eq(body[raw - 1], 6);       /* the end tag */
	ck_assert_uint_eq(body[raw - 2], 0);       /* no stretches */
	body[raw - 2] = 6;
	free(b);
	*buf = wrap(1, PARTIAL_REACH, body + 1, (size_t)raw - 2, len);
	free(body);
}

START_TEST(version_1_is_read_without_stretches)
{
	uint8_t *buf;
	size_t len;
	char err[128];
	build_stretches(&buf, &len, 10, 9000, NULL, 0);
	as_version_1(&buf, &len);
	struct partial_r r;
	ck_assert_msg(partial_r_open_mem(&r, "x", buf, len, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(r.version, 1);
	ck_assert(r.spans[0].ended);
	ck_assert_uint_eq(r.spans[0].last, 9000);
	ck_assert_uint_eq(r.spans[0].nstretch, 0);
	partial_r_close(&r);
}
END_TEST

START_TEST(marks_at_a_group_time_cost_no_event_byte)
{
	/* A run of seconds of one input, each opened by its mark: the tag,
	 * the key delta and nothing else. */
	struct partial_w *w = one_input();
	for (uint32_t t = 0; t < 1000; t++) {
		partial_w_group(w, 0, 2ull * (1419120000u + t) + 1);
		partial_w_mark(w, 1419120000u + t);
	}
	uint8_t *buf;
	size_t len;
	char err[128];
	ck_assert(partial_w_take(w, &buf, &len));
	partial_w_free(w);
	struct partial_r r;
	ck_assert_int_eq(partial_r_open_mem(&r, "x", buf, len, err, sizeof err), 0);
	size_t body = r.len;
	uint32_t n = 0;
	struct partial_ev ev;
	while (partial_r_group(&r) == 1)
		while (partial_r_event(&r, &ev) == 1)
			ck_assert_uint_eq(ev.ts, 1419120000u + n++);
	ck_assert_uint_eq(n, 1000);
	ck_assert_uint_lt(body, 40 + 2 * 1000 + 8);
	partial_r_close(&r);
}
END_TEST

/* A partial in memory of nsrc inputs with groups (local input, key). */
static void open_groups(struct partial_r *r, size_t nsrc, const uint32_t (*g)[2], size_t ng)
{
	struct partial_w *w = partial_w_new();
	const char *cols[] = { "c" };
	static const char *const names[] = { "a", "b", "c" };
	const char *paths[3];
	uint64_t sizes[3] = { 1, 1, 1 };
	uint32_t col[3] = { 0, 0, 0 };
	static unsigned made;
	char own[3][16];
	for (size_t i = 0; i < nsrc; i++) {
		snprintf(own[i], sizeof own[i], "%u%s", made++, names[i]);
		paths[i] = own[i];
	}
	partial_w_header(w, 0, "", cols, 1, paths, sizes, col, nsrc);
	for (size_t i = 0; i < ng; i++)
		partial_w_group(w, g[i][0], g[i][1]);
	partial_w_source_end(w, false, false, true, 0, 0, 0, NULL, 0);
	ck_assert_int_eq(reopen(w, r), 0);
}

START_TEST(equal_keys_across_partials_go_in_global_input_order)
{
	/* Three shards: inputs 0-1, 2, 3-4 of the single run. Every group at
	 * key 10 or 11: the single run's merge takes them by input index. */
	static const uint32_t a[][2] = { { 0, 10 }, { 1, 10 }, { 0, 11 }, { 1, 11 } };
	static const uint32_t b[][2] = { { 0, 10 }, { 0, 11 } };
	static const uint32_t c[][2] = { { 1, 9 }, { 0, 10 }, { 1, 10 }, { 0, 11 } };
	struct partial_r ra, rb, rc;
	/* Given in the order c, a, b: bases say where their inputs stand. */
	open_groups(&rc, 2, c, 4);
	open_groups(&ra, 2, a, 4);
	open_groups(&rb, 1, b, 2);
	struct partial_r *rs[] = { &rc, &ra, &rb };
	const uint32_t base[] = { 3, 0, 2 };
	struct partial_merge pm;
	ck_assert_int_eq(partial_merge_init(&pm, rs, base, 3), 0);
	/* (key, global input) of each group, as they come */
	static const uint32_t want[][2] = {
		{ 9, 4 }, { 10, 0 }, { 10, 1 }, { 10, 2 }, { 10, 3 }, { 10, 4 },
		{ 11, 0 }, { 11, 1 }, { 11, 2 }, { 11, 3 },
	};
	size_t n = 0;
	long at;
	uint32_t got[16][2];
	while ((at = partial_merge_next(&pm)) >= 0) {
		ck_assert_uint_lt(n, 16);
		got[n][0] = (uint32_t)(rs[at]->key);
		got[n][1] = base[at] + rs[at]->src;
		n++;
	}
	ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(got[i][0], want[i][0]);
		ck_assert_uint_eq(got[i][1], want[i][1]);
	}
	partial_merge_free(&pm);
	partial_r_close(&ra);
	partial_r_close(&rb);
	partial_r_close(&rc);
}
END_TEST

START_TEST(thousands_of_partials_merge_in_key_then_input_order)
{
	enum { N = 3000 };
	static struct partial_r r[N];
	static struct partial_r *rs[N];
	static uint32_t base[N];
	unsigned x = 7;
	for (size_t i = 0; i < N; i++) {
		x = x * 1103515245u + 12345u;
		uint32_t g[2][2] = { { 0, (x >> 16) % 64 }, { 0, 64 + (x >> 20) % 4 } };
		open_groups(&r[i], 1, (const uint32_t (*)[2])g, 2);
		rs[i] = &r[i];
		base[i] = (uint32_t)(N - 1 - i);   /* given against the input order */
	}
	struct partial_merge pm;
	ck_assert_int_eq(partial_merge_init(&pm, rs, base, N), 0);
	uint64_t pk = 0;
	uint32_t pin = 0;
	size_t n = 0;
	long at;
	while ((at = partial_merge_next(&pm)) >= 0) {
		uint64_t k = rs[at]->key;
		uint32_t in = base[at];
		if (n++ > 0)
			ck_assert(pk < k || (pk == k && pin < in));
		pk = k;
		pin = in;
	}
	ck_assert_uint_eq(n, 2 * N);
	partial_merge_free(&pm);
	for (size_t i = 0; i < N; i++)
		partial_r_close(&r[i]);
}
END_TEST

/* ---- PARTIAL_SCAN: compact routes ---- */

static const uint8_t path_set[] = { 2, 1, 0, 0, 0x19, 0x35, 1, 2, 0, 0, 0, 9, 0, 0, 0, 3 }; /* 6453 {9,3} */

static struct elem route(enum elem_type type, uint32_t ts, uint8_t peer, uint32_t asn, uint8_t b2,
                         const struct bgp_attrs *a)
{
	struct elem e = { .type = type, .ts = ts, .peer_as = asn, .attrs = a };
	e.peer_ip.afi = AFI_IPV4;
	e.peer_ip.b[0] = 10;
	e.peer_ip.b[3] = peer;
	e.prefix.addr.afi = AFI_IPV4;
	e.prefix.addr.b[0] = 175;
	e.prefix.addr.b[1] = 45;
	e.prefix.addr.b[2] = b2;
	e.prefix.len = 24;
	return e;
}

/* The last AS of the one segment a read route's path holds (0: empty),
 * and that segment's type. */
static uint32_t read_origin(const struct elem *e, uint8_t *type)
{
	struct cursor c = e->attrs->as_path;
	struct as_segment seg;
	*type = 0;
	if (as_path_next(&c, &seg) != 1)
		return 0;
	*type = seg.type;
	const uint8_t *a = seg.asns + 4 * ((size_t)seg.count - 1);
	return (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
}

/* A scan partial's writer of one input, path of collector col, its header
 * written. */
static struct partial_w *scan_writer(const char *col, const char *path)
{
	struct partial_w *w = partial_w_new();
	partial_w_set_kind(w, PARTIAL_SCAN);
	const char *cols[] = { col };
	const char *paths[] = { path };
	uint64_t sizes[] = { 1000 };
	uint32_t src_col[] = { 0 };
	partial_w_header(w, 1, "every prefix", cols, 1, paths, sizes, src_col, 1);
	return w;
}

static void scan_build(uint8_t **buf, size_t *len)
{
	struct partial_w *w = scan_writer("rrc00", "rrc00/bview.gz");
	struct bgp_attrs a, set, empty;
	memset(&a, 0, sizeof a);
	a.as_path.p = path4;
	a.as_path.left = sizeof path4;
	set = empty = a;
	set.as_path.p = path_set;
	set.as_path.left = sizeof path_set;
	empty.as_path.left = 0;
	uint32_t t = 1419120000u;
	partial_w_group(w, 0, 2 * (uint64_t)t);
	partial_w_mark(w, t);
	struct elem e = route(ELEM_RIB, t, 1, 6453, 1, &a);
	partial_w_elem(w, &e);                       /* a new vantage point, prefix, origin */
	e = route(ELEM_RIB, t, 2, 3356, 1, &a);
	partial_w_elem(w, &e);                       /* the next one, all the same */
	e = route(ELEM_RIB, t, 1, 6453, 1, &set);
	partial_w_elem(w, &e);                       /* back to the first, an AS_SET */
	partial_w_group(w, 0, 2 * (uint64_t)t);     /* the next record at the same key */
	e = route(ELEM_RIB, t - 5, 2, 3356, 2, &empty);
	e.has_path_id = true;
	e.path_id = 77;
	partial_w_elem(w, &e);                       /* an empty path, a path id, an earlier time */
	e = route(ELEM_ANNOUNCE, t, 2, 1299, 2, NULL);
	e.safi = SAFI_MULTICAST;
	e.prefix.addr.afi = AFI_IPV6;
	e.prefix.addr.b[0] = 0x20;
	e.prefix.len = 48;
	partial_w_elem(w, &e);                       /* the same address, another AS; no attributes */
	e = route(ELEM_WITHDRAW, t, 2, 3356, 2, NULL);
	partial_w_elem(w, &e);
	partial_w_source_end(w, false, true, true, t, t, 0, NULL, 0);
	ck_assert(partial_w_take(w, buf, len));
	partial_w_free(w);
}

START_TEST(scan_routes_read_back_with_vantage_point_prefix_and_origin)
{
	uint8_t *buf;
	size_t len;
	char err[128];
	scan_build(&buf, &len);
	struct partial_r r;
	ck_assert_int_eq(partial_r_open_mem(&r, "x", buf, len, err, sizeof err), 0);
	ck_assert_int_eq(r.kind, PARTIAL_SCAN);
	struct partial_ev ev;
	uint8_t type;
	uint32_t t = 1419120000u;
	ck_assert_int_eq(partial_r_group(&r), 1);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_MARK);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.e.type, ELEM_RIB);
	ck_assert_uint_eq(ev.e.ts, t);
	ck_assert_uint_eq(ev.e.peer_ip.b[3], 1);
	ck_assert_uint_eq(ev.e.peer_as, 6453);
	ck_assert_uint_eq(ev.e.prefix.len, 24);
	ck_assert_uint_eq(ev.e.prefix.addr.b[2], 1);
	ck_assert_uint_eq(read_origin(&ev.e, &type), 131615);
	ck_assert_uint_eq(type, AS_SEQUENCE);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_uint_eq(ev.e.peer_ip.b[3], 2);
	ck_assert_uint_eq(ev.e.peer_as, 3356);
	ck_assert_uint_eq(ev.e.prefix.addr.b[2], 1);
	ck_assert_uint_eq(read_origin(&ev.e, &type), 131615);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_uint_eq(ev.e.peer_ip.b[3], 1);
	ck_assert_uint_eq(read_origin(&ev.e, &type), 3);   /* the set's members, as written */
	ck_assert_uint_eq(type, AS_SET);
	/* the second record at the same key is in the same group */
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_uint_eq(ev.e.ts, t - 5);
	ck_assert(ev.e.has_path_id);
	ck_assert_uint_eq(ev.e.path_id, 77);
	ck_assert_uint_eq(ev.e.prefix.addr.b[2], 2);
	ck_assert_uint_eq(ev.e.attrs->as_path.left, 0);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.e.type, ELEM_ANNOUNCE);
	ck_assert_uint_eq(ev.e.peer_as, 1299);
	ck_assert_uint_eq(ev.e.safi, SAFI_MULTICAST);
	ck_assert_int_eq(ev.e.prefix.addr.afi, AFI_IPV6);
	ck_assert_uint_eq(ev.e.prefix.len, 48);
	ck_assert_ptr_null(ev.e.attrs);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.e.type, ELEM_WITHDRAW);
	ck_assert_uint_eq(ev.e.peer_as, 3356);
	ck_assert_int_eq(ev.e.prefix.addr.afi, AFI_IPV4);
	ck_assert_ptr_null(ev.e.attrs);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_SOURCE_END);
	ck_assert_int_eq(partial_r_event(&r, &ev), 0);
	ck_assert_int_eq(partial_r_group(&r), 0);
	partial_r_close(&r);
}
END_TEST

START_TEST(a_cut_or_changed_scan_partial_is_refused)
{
	refused(scan_build, true, true);
}
END_TEST

/* A route to prefix "a/len" of vantage point peer (10.0.0.peer, AS 65000
 * + peer), origin 64500 + origin. */
static struct elem route_to(const char *pfx, uint8_t peer, uint32_t origin, struct bgp_attrs *a,
                            uint8_t *path)
{
	struct elem e = route(ELEM_RIB, 1419120000u, peer, 65000u + peer, 0, a);
	memset(&e.prefix, 0, sizeof e.prefix);
	char s[64];
	snprintf(s, sizeof s, "%s", pfx);
	char *slash = strchr(s, '/');
	*slash = '\0';
	bool v6 = strchr(s, ':') != NULL;
	e.prefix.addr.afi = v6 ? AFI_IPV6 : AFI_IPV4;
	ck_assert(addr_parse(s, &e.prefix.addr));
	e.prefix.len = (uint8_t)atoi(slash + 1);
	memset(a, 0, sizeof *a);
	uint32_t asn = 64500 + origin;
	uint8_t seg[] = { 2, 1, (uint8_t)(asn >> 24), (uint8_t)(asn >> 16), (uint8_t)(asn >> 8),
	                  (uint8_t)asn };
	memcpy(path, seg, sizeof seg);
	a->as_path.p = path;
	a->as_path.left = sizeof seg;
	return e;
}

START_TEST(prefixes_read_back_from_their_differences_in_any_order)
{
	/* up, down, across families and lengths, the ends of the space, over
	 * 64 bits long, a vantage point's run and a return to an earlier one,
	 * host bits past the length */
	static const char *const pfx[] = {
		"10.0.0.0/8", "10.1.0.0/16", "10.0.255.0/24", "9.255.255.255/32", "0.0.0.0/0",
		"255.255.255.255/32", "0.0.0.0/32", "2001:db8::/32", "2001:db8:ffff::/48", "10.0.0.0/8",
		"ffff:ffff:ffff:ffff::/64", "::/64", "2001:db8::1/128", "2001:db8::/127", "::/0",
		"2001:db8:8000::/33", "128.0.0.0/1", "1.2.3.4/31",
		"10.255.0.1/8", "10.1.0.0/16",           /* host bits set: read back without */
	};
	static const uint8_t peer[] = { 1, 1, 1, 2, 2, 2, 1, 3, 3, 3, 3, 1, 1, 2, 2, 2, 2, 2, 4, 4 };
	size_t n = sizeof pfx / sizeof pfx[0];
	struct partial_w *w = scan_writer("c", "c/rib");
	partial_w_group(w, 0, 2 * 1419120000ull);
	struct bgp_attrs a;
	uint8_t path[8];
	for (size_t i = 0; i < n; i++) {
		struct elem e = route_to(pfx[i], peer[i], (uint32_t)i % 3, &a, path);
		if (i % 5 == 4)
			e.type = ELEM_ANNOUNCE;  /* its prefix as bytes, between differences */
		partial_w_elem(w, &e);
	}
	partial_w_source_end(w, false, true, true, 1419120000u, 1419120000u, 0, NULL, 0);
	struct partial_r r;
	ck_assert_int_eq(reopen(w, &r), 0);
	ck_assert_int_eq(r.version, PARTIAL_VERSION);
	ck_assert_int_eq(partial_r_group(&r), 1);
	struct partial_ev ev;
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(partial_r_event(&r, &ev), 1);
		ck_assert_int_eq(ev.e.type, i % 5 == 4 ? ELEM_ANNOUNCE : ELEM_RIB);
		struct elem want = route_to(pfx[i], peer[i], (uint32_t)i % 3, &a, path);
		addr_mask(&want.prefix.addr, want.prefix.len);
		ck_assert_msg(prefix_equal(&ev.e.prefix, &want.prefix), "route %zu (%s)", i, pfx[i]);
		ck_assert_int_eq(ev.e.prefix.addr.afi, want.prefix.addr.afi);
		ck_assert_mem_eq(ev.e.prefix.addr.b, want.prefix.addr.b, 16);
		ck_assert_uint_eq(ev.e.peer_ip.b[3], peer[i]);
		uint8_t type;
		ck_assert_uint_eq(read_origin(&ev.e, &type), 64500 + (uint32_t)i % 3);
	}
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_int_eq(ev.type, PEV_SOURCE_END);
	partial_r_close(&r);
}
END_TEST

START_TEST(a_version_2_scan_partial_is_read)
{
	/* version 2 wrote a compact route's prefix as its bytes and its
	 * origin among the events: one input, a vantage point, two routes */
	static const uint8_t body[] = {
		1, 12, 'e', 'v', 'e', 'r', 'y', ' ', 'p', 'r', 'e', 'f', 'i', 'x',    /* fp, text */
		1, 1, 'c', 1, 5, 'c', '/', 'r', 'i', 'b', 1, 0,                     /* collector, input */
		1, 0, 0,                                           /* group: input 0, key 0 */
		10, 0, 10, 0, 0, 1, 0xe9, 0x07,                    /* vantage point 10.0.0.1 AS 1001 */
		0x80 | 8, 24, 175, 45, 176, 2 + 100,               /* RIB, vp 0, 175.45.176.0/24, AS 100 */
		0x80 | 16, 0, 16, 10, 1,                           /* vp 0 again, 10.1.0.0/16, same origin */
		5, 6, 0, 0, 0, 0,                                  /* input end: RIB, has, 0, 0, no stretches */
		6,
	};
	size_t len;
	uint8_t *buf = wrap(2, PARTIAL_SCAN, body, sizeof body, &len);
	struct partial_r r;
	char err[128];
	ck_assert_msg(partial_r_open_mem(&r, "x", buf, len, err, sizeof err) == 0, "%s", err);
	struct partial_ev ev;
	uint8_t type;
	ck_assert_int_eq(partial_r_group(&r), 1);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_uint_eq(ev.e.peer_as, 1001);
	ck_assert_uint_eq(ev.e.prefix.len, 24);
	ck_assert_uint_eq(ev.e.prefix.addr.b[2], 176);
	ck_assert_uint_eq(read_origin(&ev.e, &type), 100);
	ck_assert_int_eq(partial_r_event(&r, &ev), 1);
	ck_assert_uint_eq(ev.e.prefix.len, 16);
	ck_assert_uint_eq(ev.e.prefix.addr.b[1], 1);
	ck_assert_uint_eq(read_origin(&ev.e, &type), 100);
	partial_r_close(&r);
	/* the same vantage point flag is version 3's: refused in version 2 */
	uint8_t bad[sizeof body];
	memcpy(bad, body, sizeof body);
	bad[43] = 0x80 | 64 | 16;     /* the second route's tag */
	buf = wrap(2, PARTIAL_SCAN, bad, sizeof bad, &len);
	ck_assert_int_eq(partial_r_open_mem(&r, "x", buf, len, err, sizeof err), -1);
}
END_TEST

START_TEST(a_prefix_major_dump_costs_a_byte_per_route_before_compression)
{
	/* 1,000 prefixes held by 50 vantage points with one origin each: the
	 * inflated body is about a byte per route plus the prefix's record. */
	struct partial_w *w = scan_writer("c", "c/rib");
	struct bgp_attrs a;
	memset(&a, 0, sizeof a);
	a.as_path.p = path4;
	a.as_path.left = sizeof path4;
	for (int p = 0; p < 1000; p++) {
		partial_w_group(w, 0, 2 * 1419120000ull);
		for (int k = 0; k < 50; k++) {
			struct elem e = route(ELEM_RIB, 1419120000u, (uint8_t)k, 100 + (uint32_t)k, 0, &a);
			e.prefix.addr.b[1] = (uint8_t)(p >> 8);
			e.prefix.addr.b[2] = (uint8_t)p;
			partial_w_elem(w, &e);
		}
	}
	uint8_t *buf;
	size_t len;
	ck_assert(partial_w_take(w, &buf, &len));
	partial_w_free(w);
	uint64_t raw = 0;
	for (int i = 0; i < 8; i++)
		raw = raw << 8 | buf[10 + i];
	ck_assert_uint_le(raw, 50 * 1000 + 1000 * 10 + 50 * 12 + 200);
	ck_assert_uint_lt(len, 50 * 1000 / 4);       /* and deflate takes most of that */
	free(buf);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("partial");
	TCase *tc = tcase_create("partial");
	tcase_add_test(tc, every_event_reads_back_as_written);
	tcase_add_test(tc, a_cut_buffer_is_refused_at_every_length);
	tcase_add_test(tc, a_changed_byte_is_refused_anywhere);
	tcase_add_test(tc, another_version_is_named);
	tcase_add_test(tc, stretches_without_records_read_back_in_the_input_end);
	tcase_add_test(tc, stretches_out_of_order_or_outside_the_span_are_refused);
	tcase_add_test(tc, an_input_that_ends_twice_is_refused);
	tcase_add_test(tc, a_cut_or_changed_partial_with_stretches_is_refused);
	tcase_add_test(tc, version_1_is_read_without_stretches);
	tcase_add_test(tc, marks_at_a_group_time_cost_no_event_byte);
	tcase_add_test(tc, equal_keys_across_partials_go_in_global_input_order);
	tcase_add_test(tc, thousands_of_partials_merge_in_key_then_input_order);
	tcase_add_test(tc, scan_routes_read_back_with_vantage_point_prefix_and_origin);
	tcase_add_test(tc, a_cut_or_changed_scan_partial_is_refused);
	tcase_add_test(tc, prefixes_read_back_from_their_differences_in_any_order);
	tcase_add_test(tc, a_version_2_scan_partial_is_read);
	tcase_add_test(tc, a_prefix_major_dump_costs_a_byte_per_route_before_compression);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
