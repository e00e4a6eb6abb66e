/*
 * check_bz2scan.c — unit tests for the bzip2 block scanner (bz2scan.c),
 * single-threaded: the blocks it finds are the ones a bit-by-bit search
 * finds, in order, each wrapped block decodes alone to its share of the
 * data, streams and their ends come out as the file lays them out, and a
 * file cut short or not bzip2 ends the scan as it should.
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

#define CHECK_RUN_TMPDIR "check_bz2scan"
#include "check_run.h"
#include "bytes_testutil.h"
#include "io/bz2scan.h"

/* ---- helpers ------------------------------------------------------------- */

static struct bytes DATA, BZ;
static int FD = -1;
static struct bz2scan *SC;
static struct bz2wrap WRAP;

/* A scanner over bz written to a file, the first head bytes read already
 * (as input.c does when it sniffs the format). */
static struct bz2scan *scan_of(const struct bytes *bz, size_t head)
{
	uint8_t h[16];
	const char *path = write_tmp(bz->p, bz->len);
	if (FD >= 0)
		close(FD);
	bz2scan_free(SC);
	FD = open(path, O_RDONLY);
	ck_assert_int_ge(FD, 0);
	ck_assert_uint_le(head, sizeof h);
	ck_assert_int_eq(read(FD, h, head), (ssize_t)head);
	SC = bz2scan_new(FD, h, head);
	ck_assert_ptr_nonnull(SC);
	return SC;
}

static void teardown(void)
{
	bz2scan_free(SC);
	SC = NULL;
	if (FD >= 0)
		close(FD);
	FD = -1;
	free(WRAP.b);
	WRAP = (struct bz2wrap){ NULL, 0, 0 };
	free_bytes(&DATA);
	free_bytes(&BZ);
	bz2scan_set_fake_magic(UINT64_MAX);
	tmpdir_remove();
}

/* All of a wrapped stream decoded by libbz2: BZ_OK when it is one whole
 * stream, BZ_UNEXPECTED_EOF when it runs out before its end, else libbz2's
 * error; the bytes it gave are appended to out either way. */
static int decode_all(const struct bz2wrap *w, struct bytes *out)
{
	bz_stream s;
	char buf[65536];
	int rc;

	memset(&s, 0, sizeof s);
	ck_assert_int_eq(BZ2_bzDecompressInit(&s, 0, 0), BZ_OK);
	s.next_in = (char *)w->b;
	s.avail_in = (unsigned)w->len;
	do {
		s.next_out = buf;
		s.avail_out = sizeof buf;
		rc = BZ2_bzDecompress(&s);
		append(out, buf, sizeof buf - s.avail_out);
	} while (rc == BZ_OK && (s.avail_in > 0 || s.avail_out == 0));
	BZ2_bzDecompressEnd(&s);
	if (rc == BZ_OK)
		return BZ_UNEXPECTED_EOF;
	return rc == BZ_STREAM_END && s.avail_in == 0 ? BZ_OK : rc;
}

/* Scans on, expecting a block; wraps it and appends its decoded bytes. */
static struct bz2scan_item block_into(struct bytes *out)
{
	struct bz2scan_item it;
	ck_assert_int_eq(bz2scan_next(SC, &it), BZ2SCAN_BLOCK);
	ck_assert_int_eq(it.kind, BZ2SCAN_BLOCK);
	ck_assert(bz2scan_wrap_block(SC, &it, &WRAP));
	ck_assert_int_eq(decode_all(&WRAP, out), BZ_OK);
	return it;
}

static void expect_kind(enum bz2scan_kind kind)
{
	struct bz2scan_item it;
	ck_assert_int_eq(bz2scan_next(SC, &it), kind);
	ck_assert_int_eq(it.kind, kind);
}

static uint32_t bits32_at(const struct bytes *b, uint64_t bit)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < 32; i++, bit++)
		v = v << 1 | (uint32_t)(b->p[bit / 8] >> (7 - bit % 8) & 1);
	return v;
}

/* ---- rules ---------------------------------------------------------------- */

START_TEST(blocks_are_the_ones_a_bit_by_bit_search_finds)
{
	DATA = noise(1300000, 1);
	BZ = bzip2_of(&DATA, 1);
	uint64_t start[32], end_at;
	int n = magics_of(&BZ, BZ_BLOCK_MAGIC, start, 32);
	ck_assert_int_ge(n, 10);
	ck_assert_int_eq(magics_of(&BZ, BZ_END_MAGIC, &end_at, 1), 1);

	for (size_t head = 0; head <= 4; head += 2) {
		struct bytes out = { NULL, 0 };
		scan_of(&BZ, head);
		for (int i = 0; i < n; i++) {
			struct bz2scan_item it = block_into(&out);
			uint64_t next = i + 1 < n ? start[i + 1] : end_at;
			ck_assert_uint_eq(it.bit, start[i]);
			ck_assert_uint_eq(it.nbits, next - start[i]);
			ck_assert_int_eq(it.level, '1');
			ck_assert_uint_eq(it.crc, bits32_at(&BZ, start[i] + 48));
			ck_assert_uint_eq(it.cpos, (next + 7) / 8);
		}
		struct bz2scan_item it;
		ck_assert_int_eq(bz2scan_next(SC, &it), BZ2SCAN_STREAM_END);
		ck_assert_uint_eq(it.crc, bits32_at(&BZ, end_at + 48));
		ck_assert_uint_eq(it.cpos, BZ.len);
		expect_kind(BZ2SCAN_FILE_END);
		expect_kind(BZ2SCAN_FILE_END);
		/* Each block decoded alone: together, the data. */
		ck_assert_uint_eq(out.len, DATA.len);
		ck_assert(memcmp(out.p, DATA.p, DATA.len) == 0);
		free_bytes(&out);
	}
}
END_TEST

START_TEST(streams_padding_and_empty_streams_are_laid_out_in_file_order)
{
	/* level 9 then level 2, zero padding, an empty stream, padding. */
	struct bytes a = noise(150000, 2), b = noise(250000, 3), empty = { (uint8_t *)"", 0 };
	struct bytes za = bzip2_of(&a, 9), zb = bzip2_of(&b, 2), ze = bzip2_of(&empty, 5);
	append(&BZ, za.p, za.len);
	append(&BZ, zb.p, zb.len);
	append(&BZ, "\0\0\0", 3);
	append(&BZ, ze.p, ze.len);
	append(&BZ, "\0", 1);

	struct bytes out = { NULL, 0 };
	scan_of(&BZ, 3);
	ck_assert_int_eq(block_into(&out).level, '9');
	expect_kind(BZ2SCAN_STREAM_END);
	ck_assert_int_eq(block_into(&out).level, '2');
	ck_assert_int_eq(block_into(&out).level, '2');
	expect_kind(BZ2SCAN_STREAM_END);
	expect_kind(BZ2SCAN_FILE_END);
	ck_assert_uint_eq(out.len, a.len + b.len);
	ck_assert(memcmp(out.p, a.p, a.len) == 0);
	ck_assert(memcmp(out.p + a.len, b.p, b.len) == 0);
	free_bytes(&out);
	free_bytes(&a);
	free_bytes(&b);
	free_bytes(&za);
	free_bytes(&zb);
	free_bytes(&ze);   /* (empty.p is a literal) */
}
END_TEST

START_TEST(a_file_cut_before_its_end_magic_is_a_tail_that_decodes_its_last_block)
{
	/* Cut just before the end magic: the last block is whole but no magic
	 * follows it, so the scan ends with a tail from its magic on. Wrapped
	 * behind the lead block, the tail decodes to the lead block's bytes and
	 * then exactly the last block's: the bits kept their alignment. Every
	 * alignment of the last block is tried. */
	for (uint32_t seed = 10; seed < 26; seed++) {
		DATA = noise(230000 + seed * 97, seed);
		BZ = bzip2_of(&DATA, 1);
		uint64_t start[8], end_at;
		int n = magics_of(&BZ, BZ_BLOCK_MAGIC, start, 8);
		ck_assert_int_eq(n, 3);
		ck_assert_int_eq(magics_of(&BZ, BZ_END_MAGIC, &end_at, 1), 1);
		BZ.len = (size_t)((end_at + 7) / 8);     /* the last block whole, the magic not */

		struct bytes out = { NULL, 0 }, last = { NULL, 0 };
		scan_of(&BZ, 3);
		block_into(&out);
		block_into(&out);
		struct bz2scan_item it;
		struct bz2tail tl;
		ck_assert_int_eq(bz2scan_next(SC, &it), BZ2SCAN_TAIL);
		ck_assert_uint_eq(it.bit, start[2]);
		ck_assert_uint_eq(it.cpos, BZ.len);
		ck_assert(bz2scan_wrap_tail(SC, &it, &WRAP, &tl));
		ck_assert_uint_eq(tl.bit, start[2]);
		ck_assert_int_eq(decode_all(&WRAP, &last), BZ_UNEXPECTED_EOF);   /* no stream end */
		ck_assert_uint_eq(last.len, tl.lead_out + DATA.len - out.len);
		ck_assert(memcmp(last.p + tl.lead_out, DATA.p + out.len, DATA.len - out.len) == 0);
		expect_kind(BZ2SCAN_FAIL);                           /* the scan is over */
		free_bytes(&out);
		free_bytes(&last);
		free_bytes(&DATA);
		free_bytes(&BZ);
	}
}
END_TEST

START_TEST(a_file_cut_inside_its_header_is_a_tail_at_the_stream_start)
{
	DATA = noise(1000, 4);
	BZ = bzip2_of(&DATA, 3);
	BZ.len = 8;                  /* "BZh3" and half the first magic */
	scan_of(&BZ, 3);
	struct bz2scan_item it;
	ck_assert_int_eq(bz2scan_next(SC, &it), BZ2SCAN_TAIL);
	ck_assert_uint_eq(it.bit, 32);
	ck_assert_int_eq(it.level, '3');
}
END_TEST

START_TEST(what_is_not_bzip2_ends_the_scan_as_a_failure)
{
	/* Lengths by sizeof (the literal and its NUL), never counted by hand:
	 * a miscount read past a literal under ASan. */
#define LIT(s) { s, sizeof s }
	static const struct { const char *p; size_t n; } bad[] = {
		LIT("BZh0"), LIT("BZx9"), LIT("PK\3\4 not bzip2 at all"),
		LIT("BZh9\x31\x41\x59\x26\x53\x58 not a magic, one bit off"),
		LIT("BZh9\x17\x72\x45\x38\x50\x90\0\0\0\1"),   /* an empty stream with a CRC */
	};
#undef LIT
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct bytes b = { NULL, 0 };
		append(&b, bad[i].p, bad[i].n);
		scan_of(&b, 0);
		expect_kind(BZ2SCAN_FAIL);
		expect_kind(BZ2SCAN_FAIL);
		free_bytes(&b);
	}
	/* A stream followed by garbage: its block and end, then a failure. */
	DATA = noise(5000, 5);
	BZ = bzip2_of(&DATA, 1);
	append(&BZ, "\0\0junk", 6);
	struct bytes out = { NULL, 0 };
	scan_of(&BZ, 3);
	block_into(&out);
	expect_kind(BZ2SCAN_STREAM_END);
	expect_kind(BZ2SCAN_FAIL);
	free_bytes(&out);
}
END_TEST

START_TEST(an_empty_file_and_zero_padding_alone_are_a_clean_end)
{
	struct bytes zeros = { NULL, 0 };
	scan_of(&zeros, 0);
	expect_kind(BZ2SCAN_FILE_END);
	append(&zeros, "\0\0\0\0\0", 5);
	scan_of(&zeros, 2);
	expect_kind(BZ2SCAN_FILE_END);
	free_bytes(&zeros);
}
END_TEST

START_TEST(a_false_magic_splits_a_block_and_the_halves_joined_decode_as_it)
{
	/* The hook plants a block magic inside block 1 at every alignment: the
	 * scan cuts the block there, neither half decodes alone, and the two
	 * joined (bz2scan_join, with the first half's CRC: the block's own)
	 * decode to block 1's bytes. */
	DATA = noise(350000, 6);
	BZ = bzip2_of(&DATA, 1);
	uint64_t start[8];
	ck_assert_int_ge(magics_of(&BZ, BZ_BLOCK_MAGIC, start, 8), 3);
	struct bytes whole = { NULL, 0 }, first = { NULL, 0 };
	scan_of(&BZ, 3);
	block_into(&first);
	block_into(&whole);

	for (uint64_t fake = start[1] + 20000; fake < start[1] + 20008; fake++) {
		struct bytes out = { NULL, 0 }, joined = { NULL, 0 };
		struct bz2wrap a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
		struct bz2scan_item ia, ib;
		bz2scan_set_fake_magic(fake);
		scan_of(&BZ, 3);
		block_into(&out);
		ck_assert_int_eq(bz2scan_next(SC, &ia), BZ2SCAN_BLOCK);
		ck_assert_uint_eq(ia.bit + ia.nbits, fake);
		ck_assert(bz2scan_wrap_block(SC, &ia, &a));
		ck_assert_int_eq(bz2scan_next(SC, &ib), BZ2SCAN_BLOCK);
		ck_assert_uint_eq(ib.bit, fake);
		ck_assert_uint_eq(ib.bit + ib.nbits, start[2]);
		ck_assert(bz2scan_wrap_block(SC, &ib, &b));
		ck_assert_int_ne(decode_all(&a, &out), BZ_OK);      /* a half alone does not decode */
		ck_assert(bz2scan_join(&a, ia.nbits, &b, ib.nbits, ia.level, ia.crc, &WRAP));
		ck_assert_int_eq(decode_all(&WRAP, &joined), BZ_OK);
		ck_assert_uint_eq(joined.len, whole.len);
		ck_assert(memcmp(joined.p, whole.p, whole.len) == 0);
		free(a.b);
		free(b.b);
		free_bytes(&out);
		free_bytes(&joined);
	}
	free_bytes(&whole);
	free_bytes(&first);
}
END_TEST

START_TEST(tail_damage_offsets_count_from_the_file_bits_past_the_lead)
{
	/* The wrapped tail is "BZh1" (32 bits), the lead block, then the file's
	 * bits from tl.bit on: stream byte k maps to file bit tl.bit + 8k - 32 - lead. */
	struct bz2tail tl = { .bit = 8003, .lead_bits = 77, .lead_out = 5 };
	uint64_t off = 0;
	ck_assert(!bz2scan_tail_offset(&tl, 0, &off));
	ck_assert(!bz2scan_tail_offset(&tl, 13, &off));       /* 104 bits <= 109 */
	ck_assert(bz2scan_tail_offset(&tl, 14, &off));        /* 112 bits: 3 past the lead */
	ck_assert_uint_eq(off, (8003 + 3) / 8);
	ck_assert(bz2scan_tail_offset(&tl, 1014, &off));
	ck_assert_uint_eq(off, (8003 + 8003) / 8);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bz2scan");
	TCase *tc = tcase_create("bz2scan");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, tmpdir_make, teardown);
	tcase_add_test(tc, blocks_are_the_ones_a_bit_by_bit_search_finds);
	tcase_add_test(tc, streams_padding_and_empty_streams_are_laid_out_in_file_order);
	tcase_add_test(tc, a_file_cut_before_its_end_magic_is_a_tail_that_decodes_its_last_block);
	tcase_add_test(tc, a_file_cut_inside_its_header_is_a_tail_at_the_stream_start);
	tcase_add_test(tc, what_is_not_bzip2_ends_the_scan_as_a_failure);
	tcase_add_test(tc, an_empty_file_and_zero_padding_alone_are_a_clean_end);
	tcase_add_test(tc, a_false_magic_splits_a_block_and_the_halves_joined_decode_as_it);
	tcase_add_test(tc, tail_damage_offsets_count_from_the_file_bits_past_the_lead);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
