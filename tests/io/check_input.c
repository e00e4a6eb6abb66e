/*
 * check_input.c — unit tests for input.c.
 * Owns: round trips through plain, gzip and bzip2 files made here with zlib
 * and libbz2, concatenated members, cut and corrupt streams, open errors.
 * Never: reads the shared corpus; every file is a temporary one.
 */
#include <check.h>
#include <bzlib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define CHECK_RUN_TMPDIR "check_input"
#include "check_run.h"
#include "bytes_testutil.h"
#include "io/input.h"
#include "io/reader_priv.h"

/* ---- helpers ------------------------------------------------------------- */

/* Compressible but not trivial data, reproducible from the seed. */
static struct bytes sample(size_t n, uint32_t seed)
{
	struct bytes b = { malloc(n + 1), n };
	uint32_t x = seed * 2654435761u + 1;
	ck_assert_ptr_nonnull(b.p);
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		b.p[i] = (x % 7 == 0) ? (uint8_t)(x >> 8) : (uint8_t)"MRT record bytes"[i % 16];
	}
	return b;
}

static struct bytes gzip_of(const struct bytes *in)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	struct bytes out = { malloc(deflateBound(&z, in->len) + 64), 0 };
	z.next_in = in->p;
	z.avail_in = (uInt)in->len;
	z.next_out = out.p;
	z.avail_out = (uInt)deflateBound(&z, in->len) + 64;
	ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	out.len = z.total_out;
	deflateEnd(&z);
	return out;
}

static struct bytes bzip2_9(const struct bytes *in)
{
	return bzip2_of(in, 9);
}

/* Reads a whole input in odd-sized pieces; *last is the final return (0 or -1). */
static struct bytes read_all(const char *path, int threaded, ssize_t *last, struct input **keep)
{
	char err[256];
	struct bytes out = { NULL, 0 };
	struct input *in = input_open_mode(path, threaded, err, sizeof err);
	ck_assert_msg(in != NULL, "open %s: %s", path, err);
	uint8_t *buf = malloc(77777);
	ssize_t k;
	while ((k = input_read(in, buf, 77777)) > 0)
		append(&out, buf, (size_t)k);
	/* The end, clean or not, stays the end. */
	ck_assert_int_eq(input_read(in, buf, 77777), k);
	*last = k;
	free(buf);
	if (keep)
		*keep = in;
	else
		input_close(in);
	return out;
}

/* Reads a whole damaged input: the read ends in -1 (kept open in *in). */
static struct bytes read_to_error(const char *path, int threaded, struct input **in)
{
	ssize_t last;
	struct bytes got = read_all(path, threaded, &last, in);
	ck_assert_int_eq(last, -1);
	return got;
}

static void expect_same(const struct bytes *got, const struct bytes *want)
{
	ck_assert_uint_eq(got->len, want->len);
	ck_assert(memcmp(got->p, want->p, want->len) == 0);
}

/* What zlib alone can emit from a damaged gzip buffer before giving up. */
static size_t gzip_emittable(const struct bytes *gz)
{
	z_stream z;
	size_t cap = 64u << 20, got;
	uint8_t *out = malloc(cap);
	memset(&z, 0, sizeof z);
	inflateInit2(&z, 16 + MAX_WBITS);
	z.next_in = gz->p;
	z.avail_in = (uInt)gz->len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	(void)inflate(&z, Z_NO_FLUSH);
	got = z.total_out;
	inflateEnd(&z);
	free(out);
	return got;
}

static size_t bzip2_emittable(const struct bytes *bz)
{
	bz_stream s;
	size_t cap = 64u << 20, got;
	char *out = malloc(cap);
	memset(&s, 0, sizeof s);
	BZ2_bzDecompressInit(&s, 0, 0);
	s.next_in = (char *)bz->p;
	s.avail_in = (unsigned)bz->len;
	s.next_out = out;
	s.avail_out = (unsigned)cap;
	(void)BZ2_bzDecompress(&s);
	got = cap - s.avail_out;
	BZ2_bzDecompressEnd(&s);
	free(out);
	return got;
}

/* Each test runs both the threaded and the single-threaded path. */
#define BOTH_MODES for (int threaded = 0; threaded < 2; threaded++)

typedef struct bytes (*compress_fn)(const struct bytes *);
typedef size_t (*emittable_fn)(const struct bytes *);

/* file (data, maybe compressed) reads back as data to a clean end in both
 * modes, as kind; with pos != SIZE_MAX the compressed position ends there. */
static void round_trip(const struct bytes *file, const struct bytes *data, int kind, size_t pos)
{
	char *path = write_tmp(file->p, file->len);
	BOTH_MODES {
		ssize_t last;
		struct input *in;
		struct bytes got = read_all(path, threaded, &last, &in);
		ck_assert_int_eq(last, 0);
		if (kind >= 0)
			ck_assert_int_eq(input_kind(in), kind);
		if (pos != SIZE_MAX)
			ck_assert_uint_eq(input_compressed_pos(in), pos);
		expect_same(&got, data);
		input_close(in);
		free_bytes(&got);
	}
}

/* n members/streams of sample data (sizes base + i * step), each compressed
 * on its own, in one file: read back as all the data. */
static void concatenated(compress_fn z, uint32_t n, size_t base, size_t step, uint32_t seed)
{
	struct bytes all = { NULL, 0 }, file = { NULL, 0 };
	for (uint32_t i = 0; i < n; i++) {
		struct bytes part = sample(base + i * step, seed + i), c = z(&part);
		append(&all, part.p, part.len);
		append(&file, c.p, c.len);
		free_bytes(&part);
		free_bytes(&c);
	}
	round_trip(&file, &all, -1, SIZE_MAX);
	free_bytes(&all);
	free_bytes(&file);
}

/* The compressed data cut at each of cuts[0..3): every byte the library
 * alone can emit comes out, then the error msg at the cut. */
static void cut_short(const struct bytes *data, const struct bytes *z, const size_t cuts[3],
                      emittable_fn emittable, const char *msg)
{
	for (size_t c = 0; c < 3; c++) {
		struct bytes cut = { z->p, cuts[c] };
		size_t want = emittable(&cut);
		char *path = write_tmp(cut.p, cut.len);
		BOTH_MODES {
			struct input *in;
			struct bytes got = read_to_error(path, threaded, &in);
			ck_assert_uint_eq(got.len, want);
			ck_assert(got.len == 0 || memcmp(got.p, data->p, got.len) == 0);
			ck_assert_str_eq(input_error(in), msg);
			ck_assert_uint_eq(input_error_offset(in), cut.len);
			input_close(in);
			free_bytes(&got);
		}
	}
}

/* 64 bytes from the middle of z flipped: both modes end in the error msg.
 * gzip names the damage after msg, and stops at or before it, short of all
 * of data (bzip2 checks a block's CRC only after emitting it). */
static void corrupt(const struct bytes *data, struct bytes *z, const char *msg, bool gzip)
{
	for (size_t i = z->len / 2; i < z->len / 2 + 64; i++)
		z->p[i] ^= 0x5a;
	char *path = write_tmp(z->p, z->len);
	BOTH_MODES {
		struct input *in;
		struct bytes got = read_to_error(path, threaded, &in);
		if (gzip) {
			ck_assert_msg(strncmp(input_error(in), msg, strlen(msg)) == 0, "%s",
			              input_error(in));
			ck_assert_uint_le(input_error_offset(in), z->len);
			ck_assert_uint_lt(got.len, data->len);
		} else {
			ck_assert_str_eq(input_error(in), msg);
		}
		input_close(in);
		free_bytes(&got);
	}
}

/* ---- rules ---------------------------------------------------------------- */

START_TEST(plain_round_trip)
{
	struct bytes data = sample(3u << 20, 1);
	round_trip(&data, &data, INPUT_PLAIN, data.len);
	free_bytes(&data);
}
END_TEST

START_TEST(gzip_round_trip)
{
	struct bytes data = sample(5u << 20, 2), gz = gzip_of(&data);
	round_trip(&gz, &data, INPUT_GZIP, gz.len);
	free_bytes(&data);
	free_bytes(&gz);
}
END_TEST

START_TEST(bzip2_round_trip)
{
	struct bytes data = sample(3u << 20, 3), bz = bzip2_9(&data);
	round_trip(&bz, &data, INPUT_BZIP2, SIZE_MAX);
	free_bytes(&data);
	free_bytes(&bz);
}
END_TEST

START_TEST(kind_from_content_not_name)
{
	struct bytes data = sample(1000, 4), gz = gzip_of(&data);
	char path[300];
	snprintf(path, sizeof path, "%s/looks-like.bz2", tmpdir);
	FILE *f = fopen(path, "wb");
	fwrite(gz.p, 1, gz.len, f);
	fclose(f);
	ssize_t last;
	struct input *in;
	struct bytes got = read_all(path, 1, &last, &in);
	ck_assert_int_eq(input_kind(in), INPUT_GZIP);
	expect_same(&got, &data);
	input_close(in);
	free_bytes(&got);
	free_bytes(&data);
	free_bytes(&gz);
}
END_TEST

START_TEST(gzip_concatenated_members)
{
	concatenated(gzip_of, 4, 100000, 777, 10);
}
END_TEST

START_TEST(gzip_trailing_zero_padding_is_a_clean_end)
{
	struct bytes data = sample(50000, 5), gz = gzip_of(&data);
	uint8_t zeros[1000] = { 0 };
	append(&gz, zeros, sizeof zeros);
	char *path = write_tmp(gz.p, gz.len);
	ssize_t last;
	struct bytes got = read_all(path, 1, &last, NULL);
	ck_assert_int_eq(last, 0);
	expect_same(&got, &data);
	free_bytes(&got);
	free_bytes(&data);
	free_bytes(&gz);
}
END_TEST

START_TEST(bzip2_concatenated_streams)
{
	concatenated(bzip2_9, 3, 300000, 999, 20);
}
END_TEST

START_TEST(gzip_cut_short_returns_every_decodable_byte_then_error)
{
	struct bytes data = sample(4u << 20, 6), gz = gzip_of(&data);
	const size_t cuts[] = { gz.len / 2, gz.len - 3, 15 };
	cut_short(&data, &gz, cuts, gzip_emittable, "gzip stream ends early (file cut short?)");
	free_bytes(&data);
	free_bytes(&gz);
}
END_TEST

START_TEST(gzip_second_member_cut_short)
{
	struct bytes a = sample(200000, 7), b = sample(200000, 8);
	struct bytes ga = gzip_of(&a), gb = gzip_of(&b), file = { NULL, 0 };
	append(&file, ga.p, ga.len);
	append(&file, gb.p, gb.len / 2);
	char *path = write_tmp(file.p, file.len);
	ssize_t last;
	struct input *in;
	struct bytes got = read_all(path, 1, &last, &in);
	ck_assert_int_eq(last, -1);
	ck_assert_uint_ge(got.len, a.len);
	ck_assert(memcmp(got.p, a.p, a.len) == 0);
	ck_assert(memcmp(got.p + a.len, b.p, got.len - a.len) == 0);
	ck_assert_str_eq(input_error(in), "gzip stream ends early (file cut short?)");
	input_close(in);
	free_bytes(&got);
	free_bytes(&a); free_bytes(&b); free_bytes(&ga); free_bytes(&gb); free_bytes(&file);
}
END_TEST

START_TEST(gzip_corrupt_data_is_an_error)
{
	struct bytes data = sample(1u << 20, 9), gz = gzip_of(&data);
	corrupt(&data, &gz, "gzip data corrupt", true);
	free_bytes(&data);
	free_bytes(&gz);
}
END_TEST

/* zlib alone, member after member, over a gzip file: the bytes it emits,
 * and where (compressed offset) and why it stops ("" at a clean end). */
struct zlib_verdict {
	struct bytes out;
	size_t off;
	char msg[160];
};

static struct zlib_verdict zlib_alone(const struct bytes *gz)
{
	struct zlib_verdict v = { { NULL, 0 }, 0, "" };
	size_t cap = 8u << 20, pos = 0;
	uint8_t *buf = malloc(cap);
	z_stream z;
	memset(&z, 0, sizeof z);
	inflateInit2(&z, 16 + MAX_WBITS);
	for (;;) {
		z.next_in = gz->p + pos;
		z.avail_in = (uInt)(gz->len - pos);
		z.next_out = buf;
		z.avail_out = (uInt)cap;
		int rc = inflate(&z, Z_NO_FLUSH);
		append(&v.out, buf, cap - z.avail_out);
		pos = gz->len - z.avail_in;
		v.off = pos;
		if (rc == Z_STREAM_END && pos == gz->len)
			break;
		if (rc == Z_STREAM_END) {
			inflateReset(&z);
		} else if (rc == Z_OK || rc == Z_BUF_ERROR) {
			snprintf(v.msg, sizeof v.msg, "gzip stream ends early (file cut short?)");
			break;
		} else {
			snprintf(v.msg, sizeof v.msg, "gzip data corrupt (%s)", z.msg);
			break;
		}
	}
	inflateEnd(&z);
	free(buf);
	return v;
}

START_TEST(gzip_damage_is_reported_as_zlib_alone_reports_it)
{
	/* Two members; damage in the second member's data, in the first
	 * member's CRC and length, a second member that is not gzip, a cut in
	 * the second. Whichever inflate is built in (ISA-L hands a damaged
	 * member to zlib), the bytes, the reason and the offset are zlib's. */
	struct bytes a = sample(300000, 21), b = sample(300000, 22);
	struct bytes ga = gzip_of(&a), gb = gzip_of(&b), file = { NULL, 0 };
	append(&file, ga.p, ga.len);
	append(&file, gb.p, gb.len);
	for (int kind = 0; kind < 5; kind++) {
		struct bytes d = { NULL, 0 };
		append(&d, file.p, file.len);
		switch (kind) {
		case 0: for (size_t i = 0; i < 64; i++) d.p[ga.len + gb.len / 2 + i] ^= 0x5a; break;
		case 1: d.p[ga.len - 6] ^= 1; break;                  /* CRC-32 */
		case 2: d.p[ga.len - 2] ^= 1; break;                  /* ISIZE */
		case 3: d.p[ga.len] = 0x1e; break;                    /* no gzip magic */
		case 4: d.len = ga.len + gb.len / 3; break;           /* cut */
		}
		struct zlib_verdict want = zlib_alone(&d);
		ck_assert_str_ne(want.msg, "");
		char *path = write_tmp(d.p, d.len);
		BOTH_MODES {
			struct input *in;
			struct bytes got = read_to_error(path, threaded, &in);
			ck_assert_str_eq(input_error(in), want.msg);
			ck_assert_uint_eq(input_error_offset(in), want.off);
			expect_same(&got, &want.out);
			input_close(in);
			free_bytes(&got);
		}
		free_bytes(&want.out);
		free_bytes(&d);
	}
	free_bytes(&a); free_bytes(&b); free_bytes(&ga); free_bytes(&gb); free_bytes(&file);
}
END_TEST

START_TEST(version_names_the_inflate_built_in)
{
#ifdef MRTREACH_ISAL
	ck_assert(strncmp(input_inflate_name(), "ISA-L ", 6) == 0);
#else
	ck_assert(strncmp(input_inflate_name(), "zlib ", 5) == 0);
#endif
}
END_TEST

START_TEST(bzip2_cut_short_returns_every_decodable_byte_then_error)
{
	/* Several 900k blocks, so whole blocks decode before the cut. */
	struct bytes data = sample(3u << 20, 11), bz = bzip2_9(&data);
	const size_t cuts[] = { bz.len * 3 / 4, bz.len - 1, 4 };
	cut_short(&data, &bz, cuts, bzip2_emittable, "bzip2 stream ends early (file cut short?)");
	free_bytes(&data);
	free_bytes(&bz);
}
END_TEST

START_TEST(bzip2_corrupt_data_is_an_error)
{
	/* Sequentially: the stream stops at the damage. */
	struct bytes data = sample(1u << 20, 12), bz = bzip2_9(&data);
	for (size_t i = bz.len / 2; i < bz.len / 2 + 64; i++)
		bz.p[i] ^= 0x5a;
	char *path = write_tmp(bz.p, bz.len);
	ssize_t last;
	struct input *in;
	struct bytes got = read_all(path, 0, &last, &in);
	ck_assert_int_eq(last, -1);
	ck_assert_str_eq(input_error(in), "bzip2 data corrupt");
	ck_assert(!input_resumable(in));
	input_close(in);
	free_bytes(&got);

	/* Block by block (two level-9 blocks, the first damaged): the damaged
	 * block is skipped, said once, and the second block's bytes follow. */
	char err[256];
	uint8_t *buf = malloc(77777);
	input_set_bzip2_workers(2);
	in = input_open_mode(path, 1, err, sizeof err);
	ck_assert_ptr_nonnull(in);
	ck_assert(input_bzip2_parallel(in));
	int gaps = 0;
	ssize_t k;
	for (;;) {
		k = input_read(in, buf, 77777);
		if (k > 0) {
			append(&got, buf, (size_t)k);
			continue;
		}
		if (k < 0 && input_resumable(in)) {
			gaps++;
			ck_assert_msg(strncmp(input_error(in), "bzip2 block at compressed byte 4 is corrupt (",
			                      45) == 0, "%s", input_error(in));
			ck_assert_uint_eq(input_error_offset(in), 4);
			ck_assert_uint_eq(got.len, 0);
			continue;
		}
		break;
	}
	ck_assert_int_eq(k, 0);
	ck_assert_int_eq(gaps, 1);
	ck_assert_uint_gt(got.len, 0);
	ck_assert_uint_lt(got.len, data.len - 800000);
	ck_assert(memcmp(got.p, data.p + data.len - got.len, got.len) == 0);
	input_close(in);
	input_set_bzip2_workers(-1);
	free(buf);
	free_bytes(&got);
	free_bytes(&data);
	free_bytes(&bz);
}
END_TEST

START_TEST(zero_byte_file_is_empty_and_fine)
{
	char *path = write_tmp("", 0);
	BOTH_MODES {
		ssize_t last;
		struct input *in;
		struct bytes got = read_all(path, threaded, &last, &in);
		ck_assert_int_eq(last, 0);
		ck_assert_uint_eq(got.len, 0);
		ck_assert_int_eq(input_kind(in), INPUT_PLAIN);
		input_close(in);
	}
}
END_TEST

START_TEST(tiny_files_shorter_than_a_magic)
{
	char *path = write_tmp("\x1f", 1);
	ssize_t last;
	struct bytes got = read_all(path, 1, &last, NULL);
	ck_assert_int_eq(last, 0);
	ck_assert_uint_eq(got.len, 1);
	free_bytes(&got);
	path = write_tmp("BZ", 2);
	got = read_all(path, 1, &last, NULL);
	ck_assert_uint_eq(got.len, 2);
	free_bytes(&got);
}
END_TEST

START_TEST(missing_file_says_why)
{
	char err[256];
	char path[300];
	snprintf(path, sizeof path, "%s/no-such-file.gz", tmpdir);
	ck_assert_ptr_null(input_open(path, err, sizeof err));
	ck_assert_str_eq(err, "No such file or directory");
}
END_TEST

START_TEST(directory_is_an_error)
{
	char err[256] = "";
	struct input *in = input_open(tmpdir, err, sizeof err);
	ck_assert_ptr_null(in);
	ck_assert_msg(strstr(err, "directory") != NULL, "%s", err);
}
END_TEST

/* Opens path (threaded or not), reads its first 100 bytes, which are
 * data's, and closes it while a thread may still read ahead. With
 * no_lend, input_lend first says it has nothing to lend. */
static void first_bytes_then_close(const char *path, int threaded, const struct bytes *data,
                                   bool no_lend)
{
	char err[256];
	uint8_t buf[100];
	const uint8_t *p = NULL;
	struct input *in = input_open_mode(path, threaded, err, sizeof err);
	ck_assert_msg(in != NULL, "%s", err);
	if (no_lend) {
		ck_assert_int_eq(input_lend(in, &p), INPUT_NO_LEND);
		ck_assert_ptr_null(p);
	}
	ck_assert_int_eq(input_read(in, buf, sizeof buf), sizeof buf);
	ck_assert(memcmp(buf, data->p, sizeof buf) == 0);
	input_close(in);
}

START_TEST(close_while_thread_reads_ahead)
{
	struct bytes data = sample(8u << 20, 13), gz = gzip_of(&data);
	first_bytes_then_close(write_tmp(gz.p, gz.len), 1, &data, false);
	free_bytes(&data);
	free_bytes(&gz);
}
END_TEST

/* Reads the whole of path with input_lend, interleaved with input_read
 * every fifth call (both give back what was lent): *last is the end. */
static struct bytes lend_all(const char *path, ssize_t *last)
{
	char err[256];
	struct bytes out = { NULL, 0 };
	struct input *in = input_open_mode(path, 1, err, sizeof err);
	ck_assert_msg(in != NULL, "open %s: %s", path, err);
	uint8_t buf[1000];
	const uint8_t *p;
	ssize_t k;
	for (int i = 0;; i++) {
		if (i % 5 == 4) {
			k = input_read(in, buf, sizeof buf);
			p = buf;
		} else {
			k = input_lend(in, &p);
		}
		ck_assert_int_ne(k, INPUT_NO_LEND);
		if (k <= 0)
			break;
		append(&out, p, (size_t)k);
	}
	ck_assert_int_eq(input_lend(in, &p), k);   /* the end stays the end */
	*last = k;
	input_close(in);
	return out;
}

START_TEST(lent_bytes_are_the_bytes_a_read_gives)
{
	/* Several hand-over buffers' worth, then the same cut short. */
	struct bytes data = sample(5u << 20, 21), gz = gzip_of(&data);
	char *path = write_tmp(gz.p, gz.len);
	ssize_t last;
	struct bytes got = lend_all(path, &last);
	ck_assert_int_eq(last, 0);
	expect_same(&got, &data);
	free_bytes(&got);

	struct bytes cut = { gz.p, gz.len / 2 };
	path = write_tmp(cut.p, cut.len);
	got = lend_all(path, &last);
	ck_assert_int_eq(last, -1);
	ck_assert_uint_eq(got.len, gzip_emittable(&cut));
	ck_assert(memcmp(got.p, data.p, got.len) == 0);
	free_bytes(&got);
	free_bytes(&data);
	free_bytes(&gz);
}
END_TEST

START_TEST(an_input_without_a_thread_lends_nothing)
{
	/* Plain bytes, and a gzip file read without a thread: read them. */
	struct bytes data = sample(1000, 3), gz = gzip_of(&data);
	char *plain = write_tmp(data.p, data.len), *gzp = write_tmp(gz.p, gz.len);
	const char *paths[] = { plain, plain, gzp };
	for (int i = 0; i < 3; i++)
		first_bytes_then_close(paths[i], i == 0, &data, true);
	free_bytes(&data);
	free_bytes(&gz);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("input");
	TCase *tc = tcase_create("input");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, tmpdir_make, tmpdir_remove);
	tcase_add_test(tc, plain_round_trip);
	tcase_add_test(tc, gzip_round_trip);
	tcase_add_test(tc, bzip2_round_trip);
	tcase_add_test(tc, kind_from_content_not_name);
	tcase_add_test(tc, gzip_concatenated_members);
	tcase_add_test(tc, gzip_trailing_zero_padding_is_a_clean_end);
	tcase_add_test(tc, bzip2_concatenated_streams);
	tcase_add_test(tc, gzip_cut_short_returns_every_decodable_byte_then_error);
	tcase_add_test(tc, gzip_second_member_cut_short);
	tcase_add_test(tc, gzip_corrupt_data_is_an_error);
	tcase_add_test(tc, gzip_damage_is_reported_as_zlib_alone_reports_it);
	tcase_add_test(tc, version_names_the_inflate_built_in);
	tcase_add_test(tc, bzip2_cut_short_returns_every_decodable_byte_then_error);
	tcase_add_test(tc, bzip2_corrupt_data_is_an_error);
	tcase_add_test(tc, zero_byte_file_is_empty_and_fine);
	tcase_add_test(tc, tiny_files_shorter_than_a_magic);
	tcase_add_test(tc, missing_file_says_why);
	tcase_add_test(tc, directory_is_an_error);
	tcase_add_test(tc, close_while_thread_reads_ahead);
	tcase_add_test(tc, lent_bytes_are_the_bytes_a_read_gives);
	tcase_add_test(tc, an_input_without_a_thread_lends_nothing);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
