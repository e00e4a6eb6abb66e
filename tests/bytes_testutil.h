/*
 * bytes_testutil.h — growable byte strings, random bytes, bzip2 compression,
 * a slow reference search for bzip2 magics, and temporary files for the
 * input tests (check_input.c, check_bz2par.c, check_bz2scan.c). Include after
 * check_run.h with CHECK_RUN_TMPDIR defined: files go to its tmpdir.
 * Never: reads the shared corpus. Test code: allocation failure fails.
 */
#ifndef MRTREACH_BYTES_TESTUTIL_H
#define MRTREACH_BYTES_TESTUTIL_H

#include <bzlib.h>
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bytes {
	uint8_t *p;
	size_t len;
};

static inline void append(struct bytes *b, const void *p, size_t n)
{
	b->p = realloc(b->p, b->len + n + 1);
	ck_assert_ptr_nonnull(b->p);
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
}

static inline void free_bytes(struct bytes *b)
{
	free(b->p);
	b->p = NULL;
	b->len = 0;
}

static uint32_t rng_state;

static inline uint32_t rnd(void)
{
	uint32_t x = rng_state;
	x ^= x << 13; x ^= x >> 17; x ^= x << 5;
	return rng_state = x;
}

/* Incompressible bytes: compressed blocks end at arbitrary bit offsets. */
static inline struct bytes noise(size_t n, uint32_t seed)
{
	struct bytes b = { malloc(n + 1), n };
	ck_assert_ptr_nonnull(b.p);
	rng_state = seed * 2654435761u + 7;
	for (size_t i = 0; i < n; i++)
		b.p[i] = (uint8_t)(rnd() >> 11);
	return b;
}

/* Record-like bytes that compress several times over, with runs. */
static inline struct bytes text(size_t n, uint32_t seed)
{
	struct bytes b = { malloc(n + 1), n };
	ck_assert_ptr_nonnull(b.p);
	rng_state = seed * 2654435761u + 3;
	for (size_t i = 0; i < n; i++) {
		uint32_t x = rnd();
		b.p[i] = (x % 5 == 0) ? (uint8_t)(x >> 8)
		       : (x % 11 == 0) ? 0 : (uint8_t)"TABLE_DUMP2|1.2.3.0/24|"[i % 23];
	}
	return b;
}

#define BZ_BLOCK_MAGIC 0x314159265359ull
#define BZ_END_MAGIC   0x177245385090ull

/* Bit offsets in bz where the 48-bit pattern magic starts, at most max of
 * them, found one bit at a time (the reference for the fast search). */
static inline int magics_of(const struct bytes *bz, uint64_t magic, uint64_t *at, int max)
{
	uint64_t w = 0;
	int n = 0;
	for (uint64_t bit = 0; bit < (uint64_t)bz->len * 8 && n < max; bit++) {
		w = (w << 1 | (uint64_t)(bz->p[bit / 8] >> (7 - bit % 8) & 1)) & 0xffffffffffffull;
		if (bit >= 47 && w == magic)
			at[n++] = bit - 47;
	}
	return n;
}

/* in compressed by libbz2 at level (1-9: block size in 100 kB). */
static inline struct bytes bzip2_of(const struct bytes *in, int level)
{
	unsigned cap = (unsigned)(in->len + in->len / 50 + 1000);
	struct bytes out = { malloc(cap), 0 };
	ck_assert_ptr_nonnull(out.p);
	ck_assert_int_eq(BZ2_bzBuffToBuffCompress((char *)out.p, &cap, (char *)in->p,
	                                          (unsigned)in->len, level, 0, 0), BZ_OK);
	out.len = cap;
	return out;
}

/* p[0..n) as a new file in tmpdir; the name stays valid for the next 3 calls. */
static inline char *write_tmp(const void *p, size_t n)
{
	static char path[4][256];
	static int file_no;
	char *s = path[file_no % 4];
	snprintf(s, sizeof path[0], "%s/f%d", tmpdir, file_no++);
	FILE *f = fopen(s, "wb");
	ck_assert_ptr_nonnull(f);
	if (n > 0)      /* fwrite(NULL, 1, 0, f) is undefined: an empty file has no bytes */
		ck_assert_uint_eq(fwrite(p, 1, n, f), n);
	fclose(f);
	return s;
}

#endif
