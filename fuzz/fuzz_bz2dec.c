/*
 * fuzz_bz2dec.c — libFuzzer target: bz2dec.c, the bzip2 block decoder that
 * stands in for libbz2 on sound blocks. Its one promise is that a "yes"
 * gives libbz2's bytes; a "no" only costs time (libbz2 then decodes). The
 * first byte picks the mode:
 *   even: the rest is data. libbz2 compresses it at the level the byte
 *         names, the scanner cuts out the block, and bz2dec must take it on
 *         and give back the data: an encoder's block is always sound.
 *   odd:  the rest is a block as the scanner wraps it ("BZh" + level, the
 *         bits from the block magic on, up to the end magic when there is
 *         one: a one-block .bz2 file is a seed), given with the CRC its
 *         header holds, so that damage reaches every stage. Anything may be
 *         a no; a yes must be what libbz2 makes of the same block.
 */
#define _GNU_SOURCE
#include <bzlib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_check.h"
#include "io/bz2dec.h"
#include "io/bz2scan.h"

#define OUT_MAX (8u << 20)

static struct bz2dec_mem mem;
static uint8_t *out;
static size_t out_cap;

/* Appends the low n bits of v, most significant first. */
struct bits {
	uint8_t *b;
	size_t nbit;
};
static void put_bits(struct bits *w, uint64_t v, unsigned n)
{
	while (n--) {
		if (v >> n & 1)
			w->b[w->nbit / 8] |= (uint8_t)(0x80 >> (w->nbit % 8));
		w->nbit++;
	}
}

/* libbz2's bytes of the one-block stream z[0, zlen): their count, which
 * must equal out[0, want) when want is not 0; -1 when libbz2 refuses it. */
static long libbz2_of(const uint8_t *z, size_t zlen, size_t want)
{
	unsigned dlen = (unsigned)want + 1;
	char *d = malloc(dlen);
	CHECK(d);
	int rc = BZ2_bzBuffToBuffDecompress(d, &dlen, (char *)z, (unsigned)zlen, 0, 0);
	long r = rc == BZ_OK ? (long)dlen : rc == BZ_OUTBUFF_FULL ? (long)want + 1 : -1;
	if (rc == BZ_OK && want)
		CHECK(memcmp(d, out, want) == 0 || dlen != want);
	free(d);
	return r;
}

static void data_mode(const uint8_t *data, size_t size)
{
	static int fd = -1;
	if (fd < 0)
		fd = memfd_create("fuzz_bz2dec", 0);
	int level = 1 + data[0] / 2 % 9;
	const uint8_t *plain = data + 1;
	unsigned n = (unsigned)(size - 1);
	if (n == 0)
		return;             /* an empty stream has no block */
	unsigned zcap = n + n / 100 + 600;
	char *z = malloc(zcap);
	CHECK(z);
	CHECK(BZ2_bzBuffToBuffCompress(z, &zcap, (char *)plain, n, level, 0, 0) == BZ_OK);
	CHECK(ftruncate(fd, 0) == 0 && pwrite(fd, z, zcap, 0) == (ssize_t)zcap);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	free(z);

	static const uint8_t none[1];
	struct bz2scan *sc = bz2scan_new(fd, none, 0);
	CHECK(sc);
	struct bz2scan_item it;
	struct bz2wrap w = { 0 };
	size_t at = 0;
	enum bz2scan_kind k;
	while ((k = bz2scan_next(sc, &it)) == BZ2SCAN_BLOCK) {
		CHECK(bz2scan_wrap_block(sc, &it, &w));
		size_t got = 0;
		if (!bz2dec_block(w.b, w.len, it.nbits, it.crc, &mem, &out, &out_cap, &got, OUT_MAX)) {
			/* Only where the scanner took a pattern inside the data for
			 * a magic (bz2par then joins the pieces): libbz2 refuses
			 * the piece too. */
			CHECK(libbz2_of(w.b, w.len, 0) < 0);
			break;
		}
		CHECK(got <= n - at && memcmp(out, plain + at, got) == 0);
		at += got;
	}
	CHECK(k == BZ2SCAN_BLOCK || (k == BZ2SCAN_STREAM_END && at == n));
	free(w.b);
	bz2scan_free(sc);
}

/* The block's bits in[4...]: up to the stream's end magic when it is
 * there (a whole one-block stream, as the seeds are), else all but the last
 * cut bits. */
static uint64_t block_bits(const uint8_t *in, size_t len, unsigned cut)
{
	uint64_t total = (uint64_t)len * 8, v = 0;
	for (uint64_t i = 32; i < total; i++) {
		v = (v << 1 | (in[i / 8] >> (7 - i % 8) & 1)) & 0xffffffffffffu;
		if (v == 0x177245385090u && i + 1 >= 32 + 48 + 48)
			return i + 1 - 48 - 32;
	}
	return total - 32 - cut;
}

static void block_mode(const uint8_t *data, size_t size)
{
	/* "BZh" + level, the block's magic, its CRC, then at least a byte. */
	if (size < 1 + 4 + 10 + 1)
		return;
	const uint8_t *in = data + 1;
	size_t len = size - 1;
	uint64_t nbits = block_bits(in, len, data[0] >> 1 & 7);
	uint32_t crc = (uint32_t)in[10] << 24 | (uint32_t)in[11] << 16 | (uint32_t)in[12] << 8 | in[13];
	size_t got = 0;
	if (!bz2dec_block(in, len, nbits, crc, &mem, &out, &out_cap, &got, OUT_MAX))
		return;

	/* The same block as a stream of its own, for libbz2. */
	size_t slen = 4 + (size_t)(nbits + 7) / 8 + 11;
	struct bits s = { calloc(1, slen), 0 };
	CHECK(s.b);
	for (uint64_t i = 0; i < 32 + nbits; i++)
		put_bits(&s, in[i / 8] >> (7 - i % 8) & 1, 1);
	put_bits(&s, 0x177245385090u, 48);
	put_bits(&s, crc, 32);
	CHECK(libbz2_of(s.b, (s.nbit + 7) / 8, got) == (long)got);
	free(s.b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		block_mode(data, size);
	else
		data_mode(data, size);
	return 0;
}
