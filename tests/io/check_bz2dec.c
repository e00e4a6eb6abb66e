/*
 * check_bz2dec.c — unit tests for bz2dec.c, the block decoder without libbz2.
 * Owns: the rule that a "yes" is exactly libbz2's bytes for the same block,
 * and that damage, or a block it does not take on, is a "no" (never a
 * crash, never other bytes).
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

#define CHECK_RUN_TMPDIR "check_bz2dec"
#include "check_run.h"
#include "bytes_testutil.h"
#include "io/bz2dec.h"
#include "io/bz2scan.h"

#define OUT_MAX (32u << 20)

/* One block of a file, wrapped as bz2par.c wraps it. */
struct wrapped {
	struct bz2wrap w;
	uint64_t nbits;
	uint32_t crc;
};

/* The blocks of bz (at most max), wrapped; their count. */
static int blocks_of(const struct bytes *bz, struct wrapped *out, int max)
{
	const char *path = write_tmp(bz->p, bz->len);
	int fd = open(path, O_RDONLY);
	uint8_t head[4];
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(read(fd, head, 4), 4);
	struct bz2scan *sc = bz2scan_new(fd, head, 4);
	struct bz2scan_item it;
	enum bz2scan_kind k;
	int n = 0;
	while ((k = bz2scan_next(sc, &it)) != BZ2SCAN_FILE_END) {
		ck_assert_int_ne(k, BZ2SCAN_FAIL);
		if (k != BZ2SCAN_BLOCK)
			continue;
		ck_assert_int_lt(n, max);
		memset(&out[n], 0, sizeof out[n]);
		ck_assert(bz2scan_wrap_block(sc, &it, &out[n].w));
		out[n].nbits = it.nbits;
		out[n].crc = it.crc;
		n++;
	}
	bz2scan_free(sc);
	close(fd);
	return n;
}

/* What libbz2 makes of a wrapped block: BZ_OK with its bytes, or its error. */
static int libbz2_of(const struct bz2wrap *w, struct bytes *out)
{
	unsigned cap = 64u << 20;
	out->p = malloc(cap);
	ck_assert_ptr_nonnull(out->p);
	int rc = BZ2_bzBuffToBuffDecompress((char *)out->p, &cap, (char *)w->b, (unsigned)w->len,
	                                    0, 0);
	out->len = rc == BZ_OK ? cap : 0;
	return rc;
}

static struct bz2dec_mem MEM;

/* bz2dec on a wrapped block: true with its bytes in *got. */
static bool dec(const struct wrapped *b, struct bytes *got)
{
	uint8_t *out = NULL;
	size_t cap = 0, len = 0;
	bool ok = bz2dec_block(b->w.b, b->w.len, b->nbits, b->crc, &MEM, &out, &cap, &len, OUT_MAX);
	got->p = out;
	got->len = ok ? len : 0;
	return ok;
}

/* Every block of data compressed at level decodes here as libbz2 decodes it. */
static void every_block_as_libbz2(const struct bytes *data, int level)
{
	struct bytes z = bzip2_of(data, level);
	struct wrapped b[64];
	int n = blocks_of(&z, b, 64);
	size_t total = 0;
	for (int i = 0; i < n; i++) {
		struct bytes want, got;
		ck_assert_int_eq(libbz2_of(&b[i].w, &want), BZ_OK);
		ck_assert_msg(dec(&b[i], &got), "block %d of %d (level %d) not taken", i, n, level);
		ck_assert_uint_eq(got.len, want.len);
		ck_assert(memcmp(got.p, want.p, want.len) == 0);
		ck_assert(memcmp(got.p, data->p + total, got.len) == 0);
		total += got.len;
		free_bytes(&want);
		free_bytes(&got);
		free(b[i].w.b);
	}
	ck_assert_uint_eq(total, data->len);
	free_bytes(&z);
}

/* data compressed at level as one block, wrapped. */
static struct wrapped one_block_of(const struct bytes *data, int level)
{
	struct bytes z = bzip2_of(data, level);
	struct wrapped b[2];
	ck_assert_int_eq(blocks_of(&z, b, 2), 1);
	free_bytes(&z);
	return b[0];
}

static void setup(void)
{
	tmpdir_make();
	memset(&MEM, 0, sizeof MEM);
}

static void teardown(void)
{
	bz2dec_mem_free(&MEM);
	tmpdir_remove();
}

/* Runs of every length from 1 to 600 (the first run-length coding writes
 * four bytes and a count up to 251 more, and splits longer runs). */
static struct bytes runs(void)
{
	struct bytes b = { NULL, 0 };
	for (unsigned len = 1; len <= 600; len++) {
		uint8_t c = (uint8_t)(len * 7);
		for (unsigned i = 0; i < len; i++)
			append(&b, &c, 1);
	}
	return b;
}

START_TEST(every_block_decodes_as_libbz2_decodes_it)
{
	struct bytes r = text(1500000, 1), z = noise(700000, 2), u = runs();
	struct bytes all = { NULL, 0 }, one = { NULL, 0 };
	for (unsigned i = 0; i < 256 * 40; i++) {
		uint8_t c = (uint8_t)(i * 97 + i / 256);
		append(&all, &c, 1);
	}
	append(&one, "x", 1);
	const int levels[] = { 1, 2, 5, 9 };
	for (int l = 0; l < 4; l++) {
		every_block_as_libbz2(&r, levels[l]);
		every_block_as_libbz2(&z, levels[l]);
		every_block_as_libbz2(&u, levels[l]);
		every_block_as_libbz2(&all, levels[l]);
		every_block_as_libbz2(&one, levels[l]);
	}
	free_bytes(&r); free_bytes(&z); free_bytes(&u); free_bytes(&all); free_bytes(&one);
}
END_TEST

START_TEST(a_long_run_past_the_output_cap_is_a_no)
{
	/* 4 equal bytes and a count expand 51 times: a block of them exceeds a
	 * small cap, which is a "no", not a cut. */
	struct bytes a = { malloc(2000000), 2000000 };
	memset(a.p, 'a', a.len);
	struct wrapped b[1] = { one_block_of(&a, 1) };
	uint8_t *out = NULL;
	size_t cap = 0, len = 0;
	ck_assert(!bz2dec_block(b[0].w.b, b[0].w.len, b[0].nbits, b[0].crc, &MEM, &out, &cap, &len,
	                        1u << 20));
	ck_assert(bz2dec_block(b[0].w.b, b[0].w.len, b[0].nbits, b[0].crc, &MEM, &out, &cap, &len,
	                       OUT_MAX));
	ck_assert_uint_eq(len, a.len);
	ck_assert(memcmp(out, a.p, len) == 0);
	free(out); free(b[0].w.b); free_bytes(&a);
}
END_TEST

START_TEST(a_damaged_block_is_a_no_or_libbz2s_own_bytes)
{
	/* Any bit flipped in the block: a "no", or (when the damage still
	 * decodes, as in its CRC field) exactly what libbz2 returns. */
	struct bytes r = text(200000, 3);
	struct wrapped b[1] = { one_block_of(&r, 3) };
	rng_state = 12345;
	/* The wrapper's end magic and CRC after the block are bz2scan's own,
	 * never the file's: flips go to the header and the block's bits. */
	uint64_t bits = 32 + b[0].nbits, yes = 0;
	for (int t = 0; t < 400; t++) {
		struct wrapped d = b[0];
		d.w.b = malloc(b[0].w.len);
		memcpy(d.w.b, b[0].w.b, b[0].w.len);
		/* the first 32 bits are the wrapper's "BZh3"; flips there are "no"s too */
		uint64_t bit = t < 40 ? (uint64_t)t * 3 : rnd() % bits;
		d.w.b[bit / 8] ^= (uint8_t)(0x80u >> (bit % 8));
		struct bytes got, want;
		if (dec(&d, &got)) {
			yes++;
			ck_assert_int_eq(libbz2_of(&d.w, &want), BZ_OK);
			ck_assert_uint_eq(got.len, want.len);
			ck_assert(memcmp(got.p, want.p, want.len) == 0);
			free_bytes(&want);
		}
		free_bytes(&got);
		free(d.w.b);
	}
	ck_assert_uint_lt(yes, 40);     /* a level digit still large enough, at most */
	free(b[0].w.b);
	free_bytes(&r);
}
END_TEST

START_TEST(what_it_does_not_take_on_is_a_no)
{
	struct bytes r = text(50000, 4);
	struct wrapped b[1] = { one_block_of(&r, 9) };
	struct bytes got;

	/* a block that ends before its bits do (or after) */
	struct wrapped d = b[0];
	d.nbits = b[0].nbits - 1;
	ck_assert(!dec(&d, &got));
	free_bytes(&got);
	d.nbits = b[0].nbits + 1;
	ck_assert(!dec(&d, &got));
	free_bytes(&got);
	/* another CRC than the block's */
	d = b[0];
	d.crc ^= 1;
	ck_assert(!dec(&d, &got));
	free_bytes(&got);
	/* a randomised block (bit 32 + 48 + 32 of the wrapped stream): libbz2's */
	d.crc = b[0].crc;
	d.w.b = malloc(b[0].w.len);
	memcpy(d.w.b, b[0].w.b, b[0].w.len);
	d.w.b[14] |= 0x80;
	ck_assert(!dec(&d, &got));
	free_bytes(&got);
	/* not a wrapped stream */
	d.w.b[0] = 'X';
	ck_assert(!dec(&d, &got));
	free_bytes(&got);
	d.w.len = 3;
	ck_assert(!dec(&d, &got));
	free_bytes(&got);
	free(d.w.b);
	free(b[0].w.b);
	free_bytes(&r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bz2dec");
	TCase *tc = ADD_TESTS(s, "bz2dec", setup, teardown,
	                      every_block_decodes_as_libbz2_decodes_it,
	                      a_long_run_past_the_output_cap_is_a_no,
	                      a_damaged_block_is_a_no_or_libbz2s_own_bytes,
	                      what_it_does_not_take_on_is_a_no);
	tcase_set_timeout(tc, 300);
	return run_suite(s);
}
