/*
 * check_bz2par.c — unit tests for block-parallel bzip2 (bz2par.c via input.c).
 * Owns: the rule that the parallel path returns exactly what sequential
 * libbz2 decoding returns — same bytes, same end, same error and offset.
 * Never: reads the shared corpus; every file is a temporary one.
 */
#include <check.h>
#include <bzlib.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHECK_RUN_TMPDIR "check_bz2par"
#include "check_run.h"
#include "bytes_testutil.h"
#include "io/bz2par.h"
#include "io/input.h"
#include "io/reader_priv.h"

/* ---- helpers ------------------------------------------------------------- */

/* Everything a reader sees of one file. */
struct outcome {
	struct bytes data;
	ssize_t last;
	char err[160];
	uint64_t err_off;
	int parallel_at_end;    /* the parallel path was still in charge */
};

static struct outcome read_with(const char *path, int workers, size_t piece)
{
	struct outcome o;
	char err[256];
	memset(&o, 0, sizeof o);
	input_set_bzip2_workers(workers);
	/* workers 0 and no thread: plain sequential libbz2, the reference. */
	struct input *in = input_open_mode(path, workers != 0, err, sizeof err);
	ck_assert_msg(in != NULL, "open %s: %s", path, err);
	uint8_t *buf = malloc(piece);
	ssize_t k;
	while ((k = input_read(in, buf, piece)) > 0)
		append(&o.data, buf, (size_t)k);
	ck_assert_int_eq(input_read(in, buf, piece), k);   /* the end stays the end */
	o.last = k;
	if (k < 0) {
		snprintf(o.err, sizeof o.err, "%s", input_error(in));
		o.err_off = input_error_offset(in);
	}
	o.parallel_at_end = input_bzip2_parallel(in);
	free(buf);
	input_close(in);
	input_set_bzip2_workers(-1);
	return o;
}

static void expect_same_outcome(const struct outcome *got, const struct outcome *want)
{
	ck_assert_int_eq(got->last, want->last);
	ck_assert_uint_eq(got->data.len, want->data.len);
	ck_assert(want->data.len == 0 || memcmp(got->data.p, want->data.p, want->data.len) == 0);
	ck_assert_str_eq(got->err, want->err);
	ck_assert_uint_eq(got->err_off, want->err_off);
}

/* path read with 2 workers in pieces of piece bytes: all of data, then a
 * clean end; returns whether the parallel path carried it to the end. */
static int reads_as(const char *path, size_t piece, const struct bytes *data)
{
	struct outcome got = read_with(path, 2, piece);
	ck_assert_int_eq(got.last, 0);
	ck_assert_uint_eq(got.data.len, data->len);
	ck_assert(data->len == 0 || memcmp(got.data.p, data->p, data->len) == 0);
	free_bytes(&got.data);
	return got.parallel_at_end;
}

/* Parallel with 1..3 workers against sequential; returns whether the
 * parallel path carried the file to its end on its own. */
static int compare_paths(const struct bytes *file, size_t piece)
{
	const char *path = write_tmp(file->p, file->len);
	struct outcome ref = read_with(path, 0, piece);
	int all_parallel = 1;
	for (int w = 1; w <= 3; w++) {
		struct outcome got = read_with(path, w, piece);
		expect_same_outcome(&got, &ref);
		all_parallel &= got.parallel_at_end;
		free_bytes(&got.data);
	}
	free_bytes(&ref.data);
	return all_parallel;
}

/* ---- skipped blocks ------------------------------------------------------ */

/* A read that goes on past skipped blocks: the bytes, where each gap fell
 * (in the bytes) and what input.c said of it, and the final return. */
struct gapped {
	struct bytes data;
	int ngaps;
	size_t gap_at[16];
	uint64_t gap_off[16];
	char gap_msg[16][160];
	ssize_t last;
	char err[160];
	int parallel_at_end;
};

static struct gapped read_gapped(const char *path, int workers, size_t piece)
{
	struct gapped g;
	char err[256];
	memset(&g, 0, sizeof g);
	input_set_bzip2_workers(workers);
	struct input *in = input_open_mode(path, 1, err, sizeof err);
	ck_assert_msg(in != NULL, "open %s: %s", path, err);
	uint8_t *buf = malloc(piece);
	ssize_t k;
	for (;;) {
		k = input_read(in, buf, piece);
		if (k > 0) {
			append(&g.data, buf, (size_t)k);
		} else if (k < 0 && input_resumable(in)) {
			ck_assert_int_lt(g.ngaps, 16);
			g.gap_at[g.ngaps] = g.data.len;
			g.gap_off[g.ngaps] = input_error_offset(in);
			snprintf(g.gap_msg[g.ngaps], sizeof g.gap_msg[0], "%s", input_error(in));
			g.ngaps++;
		} else {
			break;
		}
	}
	ck_assert_int_eq(input_read(in, buf, piece), k);   /* the end stays the end */
	g.last = k;
	if (k < 0)
		snprintf(g.err, sizeof g.err, "%s", input_error(in));
	g.parallel_at_end = input_bzip2_parallel(in);
	free(buf);
	input_close(in);
	input_set_bzip2_workers(-1);
	return g;
}

/* The blocks of a one-stream file: bit offsets of their magics, and the
 * decoded bytes up to the end of each (a stream cut inside block i + 1
 * yields blocks 0..i whole). Returns the count. */
static int blocks_of(const struct bytes *bz, const struct bytes *data, uint64_t *start,
                     size_t *end, int max)
{
	int n = magics_of(bz, BZ_BLOCK_MAGIC, start, max);
	char *out = malloc(data->len + 1);
	ck_assert_ptr_nonnull(out);
	for (int i = 0; i < n; i++) {
		if (i == n - 1) {
			end[i] = data->len;
			break;
		}
		bz_stream s;
		memset(&s, 0, sizeof s);
		ck_assert_int_eq(BZ2_bzDecompressInit(&s, 0, 0), BZ_OK);
		s.next_in = (char *)bz->p;
		s.avail_in = (unsigned)(start[i + 1] / 8 + 20);
		s.next_out = out;
		s.avail_out = (unsigned)data->len + 1;
		int rc;
		do
			rc = BZ2_bzDecompress(&s);
		while (rc == BZ_OK && s.avail_in > 0);
		end[i] = data->len + 1 - s.avail_out;
		BZ2_bzDecompressEnd(&s);
	}
	free(out);
	return n;
}

/* data without the decoded bytes of blocks [from, to). */
static struct bytes without_blocks(const struct bytes *data, const size_t *end, int from, int to)
{
	struct bytes b = { NULL, 0 };
	size_t a = from ? end[from - 1] : 0;
	append(&b, data->p, a);
	append(&b, data->p + end[to - 1], data->len - end[to - 1]);
	return b;
}

/* path read with 1..3 workers: want, a clean end, one gap for each block
 * in bad[] (in order) at its compressed byte, each said once. */
static void reads_skipping(const char *path, const struct bytes *want, const uint64_t *start,
                           const int *bad, int nbad, const char *why)
{
	for (int w = 1; w <= 3; w++) {
		struct gapped g = read_gapped(path, w, 65536 + 11);
		ck_assert_int_eq(g.last, 0);
		ck_assert(g.parallel_at_end);
		ck_assert_uint_eq(g.data.len, want->len);
		ck_assert(memcmp(g.data.p, want->p, want->len) == 0);
		ck_assert_int_eq(g.ngaps, nbad);
		for (int i = 0; i < nbad; i++) {
			char head[80];
			snprintf(head, sizeof head, "bzip2 block at compressed byte %llu is corrupt (",
			         (unsigned long long)(start[bad[i]] / 8));
			ck_assert_uint_eq(g.gap_off[i], start[bad[i]] / 8);
			ck_assert_msg(strncmp(g.gap_msg[i], head, strlen(head)) == 0, "%s", g.gap_msg[i]);
			if (why)
				ck_assert_msg(strstr(g.gap_msg[i], why) != NULL, "%s", g.gap_msg[i]);
		}
		free_bytes(&g.data);
	}
}

/* Each test's sample data and its bzip2 form (compressed()), freed by the
 * fixture. */
static struct bytes DATA, BZ;

static void compressed(struct bytes (*make)(size_t, uint32_t), size_t n, uint32_t seed, int level)
{
	DATA = make(n, seed);
	BZ = bzip2_of(&DATA, level);
}

/* compressed(), and the blocks of BZ (blocks_of()): at least min_blocks. */
static uint64_t START[16];
static size_t END[16];
static int NB;

static void compressed_blocks(struct bytes (*make)(size_t, uint32_t), size_t n, uint32_t seed,
                              int level, int min_blocks)
{
	compressed(make, n, seed, level);
	NB = blocks_of(&BZ, &DATA, START, END, 16);
	ck_assert_int_ge(NB, min_blocks);
}

static void teardown(void)
{
	free_bytes(&DATA);
	free_bytes(&BZ);
	tmpdir_remove();
}

/* ---- rules ---------------------------------------------------------------- */

START_TEST(every_level_and_size_decodes_as_sequential)
{
	const size_t sizes[] = { 0, 1, 5000, 99999, 100000, 100001, 250000, 1234567 };
	for (int level = 1; level <= 9; level++) {
		for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
			for (int kind = 0; kind < 2; kind++) {
				uint32_t seed = (uint32_t)level * 100 + (uint32_t)i * 2 + (uint32_t)kind;
				struct bytes data = kind ? text(sizes[i], seed) : noise(sizes[i], seed);
				struct bytes bz = bzip2_of(&data, level);
				ck_assert_msg(reads_as(write_tmp(bz.p, bz.len), 65536 + 7, &data),
				              "level %d size %zu fell back", level, sizes[i]);
				free_bytes(&data);
				free_bytes(&bz);
			}
		}
	}
}
END_TEST

START_TEST(many_blocks_at_all_bit_offsets_with_any_worker_count)
{
	/* 40 level-1 blocks of noise: their starts fall at every bit offset. */
	compressed(noise, 4000000, 42, 1);
	ck_assert(compare_paths(&BZ, 100003));
}
END_TEST

START_TEST(concatenated_streams_of_mixed_levels_and_padding)
{
	struct bytes file = { NULL, 0 }, all = { NULL, 0 };
	const int levels[] = { 9, 1, 5, 2, 3 };
	const size_t sizes[] = { 300000, 250001, 0, 77777, 123456 };
	for (int i = 0; i < 5; i++) {
		struct bytes d = i % 2 ? noise(sizes[i], 60u + (uint32_t)i) : text(sizes[i], 60u + (uint32_t)i);
		struct bytes bz = bzip2_of(&d, levels[i]);
		append(&file, bz.p, bz.len);
		append(&all, d.p, d.len);
		free_bytes(&d);
		free_bytes(&bz);
	}
	uint8_t zeros[300] = { 0 };
	append(&file, zeros, sizeof zeros);
	ck_assert(compare_paths(&file, 4096));
	/* Cut anywhere, including in a later stream's header or the padding. */
	for (int i = 1; i < 40; i++) {
		struct bytes cut = { file.p, file.len * (size_t)i / 40 + (size_t)i % 5 };
		compare_paths(&cut, 65536);
	}
	reads_as(write_tmp(file.p, file.len), 65536, &all);
	free_bytes(&file);
	free_bytes(&all);
}
END_TEST

START_TEST(empty_stream_is_a_clean_end)
{
	static uint8_t nothing[1];
	struct bytes none = { nothing, 0 }, bz = bzip2_of(&none, 9);
	ck_assert(compare_paths(&bz, 100));
	free_bytes(&bz);
}
END_TEST

START_TEST(cut_anywhere_gives_the_sequential_bytes_then_the_same_error)
{
	compressed(noise, 350000, 7, 1);
	/* The parallel path finishes a cut file itself, without starting over. */
	for (int i = 1; i <= 64; i++) {
		struct bytes cut = { BZ.p, BZ.len * (size_t)i / 64 };
		if (cut.len == BZ.len)
			continue;
		ck_assert_msg(compare_paths(&cut, 65536), "cut at %zu fell back", cut.len);
	}
	for (size_t len = 4; len < 40; len++) {
		struct bytes cut = { BZ.p, len };
		ck_assert_msg(compare_paths(&cut, 65536), "cut at %zu fell back", cut.len);
	}
	for (size_t back = 1; back <= 16; back++) {
		struct bytes cut = { BZ.p, BZ.len - back };
		ck_assert_msg(compare_paths(&cut, 65536), "cut at %zu fell back", cut.len);
	}
	/* A cut file says so, after every whole block. */
	struct bytes cut = { BZ.p, BZ.len * 3 / 4 };
	const char *path = write_tmp(cut.p, cut.len);
	struct outcome got = read_with(path, 2, 65536);
	ck_assert_int_eq(got.last, -1);
	ck_assert_str_eq(got.err, "bzip2 stream ends early (file cut short?)");
	ck_assert_uint_eq(got.err_off, cut.len);
	ck_assert_uint_gt(got.data.len, 0);
	ck_assert(memcmp(got.data.p, DATA.p, got.data.len) == 0);
	free_bytes(&got.data);
}
END_TEST

START_TEST(random_damage_loses_only_whole_blocks_in_order)
{
	/* Mostly single flips anywhere (in a block's data, its CRC, a magic,
	 * the trailer), some bursts. Whatever they hit, the bytes that come out
	 * are the file's own, block by block and in order: each stretch between
	 * two gaps starts where a block starts and matches the data there. */
	compressed_blocks(text, 600000, 8, 2, 3);
	rng_state = 99;
	for (int t = 0; t < 60; t++) {
		struct bytes bad = { malloc(BZ.len), BZ.len };
		memcpy(bad.p, BZ.p, BZ.len);
		size_t at = t < 10 ? BZ.len - 1 - (size_t)t : rnd() % BZ.len;
		size_t n = t % 7 == 0 ? 40 : 1;
		for (size_t i = at; i < at + n && i < bad.len; i++)
			bad.p[i] ^= (uint8_t)(1u << (rnd() % 8));
		const char *path = write_tmp(bad.p, bad.len);
		struct outcome ref = read_with(path, 0, 65536);
		for (int w = 1; w <= 3; w++) {
			struct gapped g = read_gapped(path, w, 65536);
			if (g.ngaps == 0) {
				/* No block skipped: exactly what sequential decoding says. */
				ck_assert_int_eq(g.last, ref.last);
				ck_assert_uint_eq(g.data.len, ref.data.len);
				ck_assert(memcmp(g.data.p, ref.data.p, ref.data.len) == 0);
				ck_assert_str_eq(g.err, ref.err);
			} else {
				size_t pos = 0, from = 0;
				for (int i = 0; i <= g.ngaps; i++) {
					size_t to = i < g.ngaps ? g.gap_at[i] : g.data.len;
					size_t len = to - from;
					if (i > 0 && len > 0) {
						/* After a gap: the start of a later block. */
						int b = 1;
						while (b < NB && !(END[b - 1] > pos && END[b - 1] + len <= DATA.len &&
						                   memcmp(g.data.p + from, DATA.p + END[b - 1], len) == 0))
							b++;
						ck_assert_msg(b < NB, "stretch %d is not a block's data", i);
						pos = END[b - 1];
					}
					ck_assert_uint_le(pos + (to - from), DATA.len);
					ck_assert(memcmp(g.data.p + from, DATA.p + pos, to - from) == 0);
					pos += to - from;
					from = to;
				}
			}
			free_bytes(&g.data);
		}
		free_bytes(&ref.data);
		free_bytes(&bad);
	}
}
END_TEST

START_TEST(a_corrupt_middle_block_is_skipped_and_the_rest_comes_out)
{
	/* Ten level-1 blocks of noise; one byte of the 4th block's data flipped:
	 * the 4th block's bytes are missing, every other byte is there. */
	compressed_blocks(noise, 1000000, 21, 1, 11);
	BZ.p[(START[3] + START[4]) / 16] ^= 0x10;
	struct bytes want = without_blocks(&DATA, END, 3, 4);
	int bad[] = { 3 };
	reads_skipping(write_tmp(BZ.p, BZ.len), &want, START, bad, 1, NULL);
	free_bytes(&want);
}
END_TEST

START_TEST(a_flipped_block_crc_skips_that_block_only)
{
	compressed_blocks(text, 700000, 22, 1, 4);
	for (unsigned k = 0; k < 32; k += 7) {
		struct bytes bad = { malloc(BZ.len), BZ.len };
		memcpy(bad.p, BZ.p, BZ.len);
		uint64_t bit = START[2] + 48 + k;
		bad.p[bit / 8] ^= (uint8_t)(0x80u >> (bit % 8));
		struct bytes want = without_blocks(&DATA, END, 2, 3);
		int which[] = { 2 };
		reads_skipping(write_tmp(bad.p, bad.len), &want, START, which, 1, "(CRC mismatch)");
		free_bytes(&want);
		free_bytes(&bad);
	}
}
END_TEST

START_TEST(two_corrupt_blocks_in_a_row_are_two_gaps)
{
	compressed_blocks(noise, 800000, 23, 1, 6);
	BZ.p[(START[2] + START[3]) / 16] ^= 0x01;
	BZ.p[(START[3] + START[4]) / 16] ^= 0x80;
	struct bytes want = without_blocks(&DATA, END, 2, 4);
	int bad[] = { 2, 3 };
	reads_skipping(write_tmp(BZ.p, BZ.len), &want, START, bad, 2, NULL);
	free_bytes(&want);
}
END_TEST

START_TEST(a_corrupt_first_or_last_block_is_skipped)
{
	compressed_blocks(noise, 450000, 24, 1, 3);
	struct bytes bad = { malloc(BZ.len), BZ.len };
	memcpy(bad.p, BZ.p, BZ.len);
	bad.p[(START[0] + START[1]) / 16] ^= 0x22;
	struct bytes want = without_blocks(&DATA, END, 0, 1);
	int first[] = { 0 };
	reads_skipping(write_tmp(bad.p, bad.len), &want, START, first, 1, NULL);
	free_bytes(&want);

	/* The last block: its data, and its CRC (the stream CRC then cannot be
	 * checked, and is not reported a second time). */
	for (int crc = 0; crc < 2; crc++) {
		memcpy(bad.p, BZ.p, BZ.len);
		uint64_t bit = crc ? START[NB - 1] + 70 : (START[NB - 1] + (uint64_t)BZ.len * 8) / 2;
		bad.p[bit / 8] ^= (uint8_t)(0x80u >> (bit % 8));
		want = without_blocks(&DATA, END, NB - 1, NB);
		int last[] = { NB - 1 };
		reads_skipping(write_tmp(bad.p, bad.len), &want, START, last, 1,
		               crc ? "(CRC mismatch)" : NULL);
		free_bytes(&want);
	}
	free_bytes(&bad);
}
END_TEST

START_TEST(a_cut_file_with_a_corrupt_block_still_says_it_is_cut)
{
	/* The skipped block changes nothing about the end: the whole blocks
	 * after it, then the cut, said as before. */
	compressed_blocks(noise, 450000, 27, 1, 5);
	size_t cut_len = (size_t)((START[3] + START[4]) / 16);
	BZ.p[(START[1] + START[2]) / 16] ^= 0x08;
	const char *path = write_tmp(BZ.p, cut_len);
	for (int w = 1; w <= 3; w++) {
		struct gapped g = read_gapped(path, w, 65536);
		ck_assert_int_eq(g.ngaps, 1);
		ck_assert_uint_eq(g.gap_off[0], START[1] / 8);
		ck_assert_int_eq(g.last, -1);
		ck_assert_str_eq(g.err, "bzip2 stream ends early (file cut short?)");
		ck_assert_uint_eq(g.data.len, END[2] - END[1] + END[0]);
		ck_assert(memcmp(g.data.p, DATA.p, END[0]) == 0);
		ck_assert(memcmp(g.data.p + END[0], DATA.p + END[1], END[2] - END[1]) == 0);
		free_bytes(&g.data);
	}
}
END_TEST

START_TEST(a_corrupt_block_in_one_stream_spares_the_next_stream)
{
	/* Two streams: a skipped block in the first leaves its stream CRC
	 * unchecked; the second stream decodes and is checked as usual. */
	compressed_blocks(noise, 350000, 25, 1, 3);
	struct bytes more = text(250000, 26), more_bz = bzip2_of(&more, 1);
	struct bytes file = { NULL, 0 };
	append(&file, BZ.p, BZ.len);
	append(&file, more_bz.p, more_bz.len);
	file.p[(START[1] + START[2]) / 16] ^= 0x04;
	struct bytes want = without_blocks(&DATA, END, 1, 2);
	append(&want, more.p, more.len);
	int bad[] = { 1 };
	reads_skipping(write_tmp(file.p, file.len), &want, START, bad, 1, NULL);
	free_bytes(&want);
	free_bytes(&file);
	free_bytes(&more);
	free_bytes(&more_bz);
}
END_TEST

START_TEST(damage_in_the_last_block_of_a_cut_file_is_reported_where_sequential_does)
{
	/* The tail of a cut file goes to libbz2 behind a lead block; damage in
	 * it must read as damage at the file's own offset. */
	compressed_blocks(noise, 450000, 13, 1, 3);
	size_t cut_len = BZ.len * 7 / 10;
	int corrupt_seen = 0;
	/* Only the cut block is damaged: damage in a whole block before it is
	 * skipped (the tests above). */
	size_t tail = 0;
	for (int i = 0; i < NB; i++)
		if (START[i] / 8 + 20 < cut_len)
			tail = (size_t)(START[i] / 8) + 12;
	ck_assert_uint_gt(cut_len - tail, 40 * 300);
	rng_state = 1234;
	for (int t = 0; t < 40; t++) {
		struct bytes bad = { malloc(cut_len), cut_len };
		memcpy(bad.p, BZ.p, cut_len);
		bad.p[cut_len - 1 - (size_t)t * ((cut_len - tail) / 40)] ^= (uint8_t)(1u << (rnd() % 8));
		const char *path = write_tmp(bad.p, bad.len);
		struct outcome ref = read_with(path, 0, 65536);
		struct outcome got = read_with(path, 2, 65536);
		expect_same_outcome(&got, &ref);
		if (got.parallel_at_end && strcmp(got.err, "bzip2 data corrupt") == 0)
			corrupt_seen++;
		free_bytes(&ref.data);
		free_bytes(&got.data);
		free_bytes(&bad);
	}
	ck_assert_int_gt(corrupt_seen, 0);
}
END_TEST

START_TEST(trailing_garbage_after_a_stream_is_what_sequential_says)
{
	compressed(text, 200000, 9, 1);
	append(&BZ, "\0\0junk", 6);
	compare_paths(&BZ, 65536);
}
END_TEST

START_TEST(magic_pattern_inside_a_block_still_decodes_exactly)
{
	/* A 48-bit pattern equal to the block magic inside compressed data cuts
	 * a block in two; neither half decodes, but the two together do: the
	 * file reads exactly, in parallel, with no block skipped. The hook
	 * plants such a pattern in block 3, in the first and the last one. */
	compressed_blocks(noise, 500000, 10, 1, 3);
	const char *path = write_tmp(BZ.p, BZ.len);
	const uint64_t at[] = { 2 * 800000 + 12345, START[0] + 5000, START[NB - 1] + 9000 };
	for (int i = 0; i < 3; i++) {
		for (uint64_t bit = at[i]; bit < at[i] + 8; bit++) {
			bz2par_set_fake_magic(bit);
			for (int w = 1; w <= 3; w++) {
				struct gapped g = read_gapped(path, w, 65536);
				ck_assert_int_eq(g.last, 0);
				ck_assert_int_eq(g.ngaps, 0);
				ck_assert(g.parallel_at_end);
				ck_assert_uint_eq(g.data.len, DATA.len);
				ck_assert(memcmp(g.data.p, DATA.p, DATA.len) == 0);
				free_bytes(&g.data);
			}
			bz2par_set_fake_magic(UINT64_MAX);
		}
	}
}
END_TEST

START_TEST(huge_runs_beyond_the_block_buffer_fall_back)
{
	/* One level-9 block of zeros decodes to ~45 MB, past the per-block cap. */
	struct bytes data = { calloc(50u << 20, 1), 50u << 20 };
	ck_assert_ptr_nonnull(data.p);
	struct bytes bz = bzip2_of(&data, 9);
	reads_as(write_tmp(bz.p, bz.len), 1 << 20, &data);
	free_bytes(&data);
	free_bytes(&bz);
}
END_TEST

START_TEST(close_midway_stops_every_thread)
{
	compressed(noise, 3000000, 11, 1);
	const char *path = write_tmp(BZ.p, BZ.len);
	char err[256];
	uint8_t buf[1000];
	for (int w = 1; w <= 3; w++) {
		input_set_bzip2_workers(w);
		struct input *in = input_open_mode(path, 1, err, sizeof err);
		ck_assert_ptr_nonnull(in);
		ck_assert(input_bzip2_parallel(in));
		ck_assert_int_eq(input_read(in, buf, sizeof buf), sizeof buf);
		ck_assert(memcmp(buf, DATA.p, sizeof buf) == 0);
		input_close(in);
		/* And closing before any read. */
		in = input_open_mode(path, 1, err, sizeof err);
		ck_assert_ptr_nonnull(in);
		input_close(in);
	}
	input_set_bzip2_workers(-1);
}
END_TEST

static void expect_bytes(const struct bytes *got, const struct bytes *want)
{
	ck_assert_uint_eq(got->len, want->len);
	ck_assert(memcmp(got->p, want->p, want->len) == 0);
}

/* A file opened for bz2par: fd after its 4-byte stream header, in head. */
static int open_bz(const char *path, uint8_t head[4])
{
	int fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(read(fd, head, 4), 4);
	return fd;
}

/* path decoded by bz2par on 2 workers, handed the first block of first_from
 * as a peek decodes it (NULL: none); *decoded: blocks the workers decoded. */
static struct bytes par_after_peek(const char *path, const char *first_from, uint64_t *decoded)
{
	struct bz2par_first *f = NULL;
	uint8_t head[4], buf[65536];
	struct bytes out = { NULL, 0 };
	int fd;

	if (first_from) {
		fd = open_bz(first_from, head);
		f = bz2par_first_block(fd, head, 4);
		ck_assert_ptr_nonnull(f);
		close(fd);
	}
	fd = open_bz(path, head);
	struct bz2par *p = bz2par_start_after(fd, head, 4, 2, f);
	ck_assert_ptr_nonnull(p);
	ssize_t k;
	while ((k = bz2par_read(p, buf, sizeof buf)) > 0)
		append(&out, buf, (size_t)k);
	ck_assert_int_eq(k, 0);
	*decoded = bz2par_blocks_decoded(p);
	bz2par_stop(p);
	close(fd);
	return out;
}

START_TEST(the_first_block_a_peek_decoded_is_not_decoded_again)
{
	struct bytes a = text(450000, 41), b = text(450000, 42);
	struct bytes za = bzip2_of(&a, 1), zb = bzip2_of(&b, 1);
	uint64_t at[16];
	int blocks = magics_of(&za, 0x314159265359ull, at, 16);
	ck_assert_int_ge(blocks, 4);
	char *pa = strdup(write_tmp(za.p, za.len)), *pb = strdup(write_tmp(zb.p, zb.len));
	uint64_t decoded;

	struct bytes got = par_after_peek(pa, NULL, &decoded);
	expect_bytes(&got, &a);
	ck_assert_uint_eq(decoded, (uint64_t)blocks);
	free_bytes(&got);

	/* Its own first block: handed out as the peek decoded it. */
	got = par_after_peek(pa, pa, &decoded);
	expect_bytes(&got, &a);
	ck_assert_uint_eq(decoded, (uint64_t)blocks - 1);
	free_bytes(&got);

	/* Another file's first block is not this one's: decoded here. */
	got = par_after_peek(pa, pb, &decoded);
	expect_bytes(&got, &a);
	ck_assert_uint_eq(decoded, (uint64_t)blocks);
	free_bytes(&got);

	free(pa); free(pb);
	free_bytes(&a); free_bytes(&b); free_bytes(&za); free_bytes(&zb);
}
END_TEST

START_TEST(peeks_and_workers_share_their_libbz2_tables)
{
	/* Each decode reuses a kept set of libbz2 allocations instead of
	 * mapping 3.6 MB of tables afresh: peeks one after another keep one
	 * set, and the pool's workers take the spare sets and give them back. */
	struct bytes a = text(450000, 51), za = bzip2_of(&a, 9);
	char *pa = strdup(write_tmp(za.p, za.len));
	uint8_t head[4];
	uint64_t decoded;
	int spare = bz2par_spare_sets();         /* 0, unless tests share a process */

	for (int i = 0; i < 3; i++) {
		int fd = open_bz(pa, head);
		struct bz2par_first *f = bz2par_first_block(fd, head, 4);
		ck_assert_ptr_nonnull(f);
		bz2par_first_free(f);
		close(fd);
		ck_assert_int_eq(bz2par_spare_sets(), spare > 1 ? spare : 1);
	}
	struct bytes got = par_after_peek(pa, NULL, &decoded);
	expect_bytes(&got, &a);
	/* Two workers ran: the one spare set and a new one, both spare again. */
	ck_assert_int_eq(bz2par_spare_sets(), spare > 2 ? spare : 2);
	free_bytes(&got);
	free(pa);
	free_bytes(&a); free_bytes(&za);
}
END_TEST

/* Decoders open at once, read in turns of piece bytes: each gives its own
 * file's bytes; ns[i] says after how many turns decoder i is stopped
 * (0: read to its end). */
START_TEST(decoders_open_at_once_share_the_workers_each_in_order)
{
	enum { N = 3 };
	struct bytes d[N], z[N], got[N];
	char *path[N];
	int fd[N];
	struct bz2par *p[N];
	uint8_t head[4], buf[7777];
	size_t stop_after[N] = { 0, 5, 0 };      /* the second stops midway */

	for (int i = 0; i < N; i++) {
		d[i] = i == 1 ? noise(600000, 80u + (uint32_t)i) : text(700000, 80u + (uint32_t)i);
		z[i] = bzip2_of(&d[i], 1);
		path[i] = strdup(write_tmp(z[i].p, z[i].len));
		got[i] = (struct bytes){ NULL, 0 };
		fd[i] = open_bz(path[i], head);
		/* One asks for more workers than the others: the pool grows to it. */
		p[i] = bz2par_start(fd[i], head, 4, i == 2 ? 3 : 2);
		ck_assert_ptr_nonnull(p[i]);
	}
	ck_assert_int_eq(bz2par_pool_threads(), 3);
	bool open[N] = { true, true, true };
	for (size_t turn = 1, left = N; left > 0; turn++) {
		for (int i = 0; i < N; i++) {
			if (!open[i])
				continue;
			ssize_t k = bz2par_read(p[i], buf, sizeof buf);
			ck_assert_int_ge(k, 0);
			append(&got[i], buf, (size_t)k);
			if (k == 0 || turn == stop_after[i]) {
				bz2par_stop(p[i]);
				close(fd[i]);
				open[i] = false;
				left--;
			}
		}
	}
	ck_assert_int_eq(bz2par_pool_threads(), 0);     /* the last one out ended them */
	for (int i = 0; i < N; i++) {
		if (stop_after[i]) {
			ck_assert_uint_eq(got[i].len, stop_after[i] * sizeof buf);
			ck_assert(memcmp(got[i].p, d[i].p, got[i].len) == 0);
		} else {
			expect_bytes(&got[i], &d[i]);
		}
		free_bytes(&got[i]);
		free_bytes(&d[i]);
		free_bytes(&z[i]);
		free(path[i]);
	}
	/* And the pool starts again for the next decoder. */
	struct bytes a = text(300000, 99), za = bzip2_of(&a, 1);
	uint64_t decoded;
	char *pa = strdup(write_tmp(za.p, za.len));
	struct bytes out = par_after_peek(pa, NULL, &decoded);
	expect_bytes(&out, &a);
	ck_assert_uint_ge(decoded, 2);
	free(pa);
	free_bytes(&out); free_bytes(&a); free_bytes(&za);
}
END_TEST

START_TEST(unthreaded_inputs_never_start_the_parallel_path)
{
	/* merge.c peeks at files without a thread: none must start. */
	compressed(text, 300000, 12, 1);
	const char *path = write_tmp(BZ.p, BZ.len);
	char err[256];
	input_set_bzip2_workers(2);
	struct input *in = input_open_mode(path, 0, err, sizeof err);
	ck_assert_ptr_nonnull(in);
	ck_assert(!input_bzip2_parallel(in));
	input_close(in);
	input_set_bzip2_workers(-1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bz2par");
	TCase *tc = tcase_create("bz2par");
	tcase_set_timeout(tc, 600);
	tcase_add_checked_fixture(tc, tmpdir_make, teardown);
	tcase_add_test(tc, every_level_and_size_decodes_as_sequential);
	tcase_add_test(tc, many_blocks_at_all_bit_offsets_with_any_worker_count);
	tcase_add_test(tc, concatenated_streams_of_mixed_levels_and_padding);
	tcase_add_test(tc, empty_stream_is_a_clean_end);
	tcase_add_test(tc, cut_anywhere_gives_the_sequential_bytes_then_the_same_error);
	tcase_add_test(tc, random_damage_loses_only_whole_blocks_in_order);
	tcase_add_test(tc, a_corrupt_middle_block_is_skipped_and_the_rest_comes_out);
	tcase_add_test(tc, a_flipped_block_crc_skips_that_block_only);
	tcase_add_test(tc, two_corrupt_blocks_in_a_row_are_two_gaps);
	tcase_add_test(tc, a_corrupt_first_or_last_block_is_skipped);
	tcase_add_test(tc, a_cut_file_with_a_corrupt_block_still_says_it_is_cut);
	tcase_add_test(tc, a_corrupt_block_in_one_stream_spares_the_next_stream);
	tcase_add_test(tc, damage_in_the_last_block_of_a_cut_file_is_reported_where_sequential_does);
	tcase_add_test(tc, trailing_garbage_after_a_stream_is_what_sequential_says);
	tcase_add_test(tc, magic_pattern_inside_a_block_still_decodes_exactly);
	tcase_add_test(tc, huge_runs_beyond_the_block_buffer_fall_back);
	tcase_add_test(tc, close_midway_stops_every_thread);
	tcase_add_test(tc, peeks_and_workers_share_their_libbz2_tables);
	tcase_add_test(tc, unthreaded_inputs_never_start_the_parallel_path);
	tcase_add_test(tc, the_first_block_a_peek_decoded_is_not_decoded_again);
	tcase_add_test(tc, decoders_open_at_once_share_the_workers_each_in_order);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
