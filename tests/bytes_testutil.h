/*
 * bytes_testutil.h — growable byte strings, bzip2 compression and temporary
 * files for the input tests (check_input.c, check_bz2par.c). Include after
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
	ck_assert_uint_eq(fwrite(p, 1, n, f), n);
	fclose(f);
	return s;
}

#endif
