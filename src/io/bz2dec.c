/*
 * bz2dec.c — one sound bzip2 block decoded without libbz2 (see bz2dec.h).
 * Owns: a bit reader over the wrapped block, Huffman tables looked up
 * LUT_BITS bits at a time (longer codes by their canonical ranges), the
 * move-to-front and RUNA/RUNB decoding into the block vector, the inverse
 * Burrows-Wheeler transform, the final run-length decoding and the CRC.
 * Never: reports, or gives a "yes" it has not checked against the block's
 * CRC: every doubt is a "no", and libbz2 decodes the block instead.
 *
 * Written from the format (a block: magic, CRC, randomised bit, origin
 * pointer, the symbol map, 2..6 Huffman tables chosen per 50 symbols by
 * move-to-front coded selectors, delta-coded code lengths, then the
 * symbols up to end-of-block). libbz2 reads a code a bit at a time; here
 * most codes take one table look-up, which is where the time goes.
 */
#include "io/bz2dec.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_MAGIC   0x314159265359ull
#define MAX_GROUPS    6
#define MAX_ALPHA     258
#define MAX_CODE_LEN  20
#define MAX_SELECTORS 18002     /* libbz2 decodes no more: past it, "no" */
#define GROUP_SIZE    50
#define LUT_BITS      10

/* ---- bits ------------------------------------------------------------------- */

/* The next bits are the top ones of buf (n of them valid); bytes past the
 * end read as zero, and used says how far the reader went. */
struct br {
	uint64_t buf;
	unsigned n;
	const uint8_t *p, *end;
	uint64_t used;
};

static inline void br_fill(struct br *b)
{
	while (b->n <= 56) {
		uint64_t byte = b->p < b->end ? *b->p++ : 0;
		b->buf |= byte << (56 - b->n);
		b->n += 8;
	}
}

/* k bits, 1 <= k <= 32, with at least k valid (after br_fill: 57). */
static inline uint32_t br_peek(const struct br *b, unsigned k)
{
	return (uint32_t)(b->buf >> (64 - k));
}

static inline void br_skip(struct br *b, unsigned k)
{
	b->buf <<= k;
	b->n -= k;
	b->used += k;
}

static inline uint32_t br_get(struct br *b, unsigned k)
{
	br_fill(b);
	uint32_t v = br_peek(b, k);
	br_skip(b, k);
	return v;
}

/* ---- CRC -------------------------------------------------------------------- */

/* bzip2's CRC: CRC-32 (polynomial 0x04c11db7) most significant bit first. */
static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void build_crc(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i << 24;
		for (int k = 0; k < 8; k++)
			c = c & 0x80000000u ? (c << 1) ^ 0x04c11db7u : c << 1;
		crc_table[i] = c;
	}
}

/* ---- Huffman tables ------------------------------------------------------------ */

struct huff {
	/* (symbol << 5) | length for codes of up to LUT_BITS bits; 0: longer. */
	uint16_t lut[1u << LUT_BITS];
	uint32_t first[MAX_CODE_LEN + 2];   /* the first code of each length */
	uint16_t count[MAX_CODE_LEN + 2];   /* codes of each length */
	uint16_t offs[MAX_CODE_LEN + 2];    /* their first index in perm */
	uint16_t perm[MAX_ALPHA];           /* symbols by (length, symbol) */
	unsigned max_len;
};

/* The canonical code of these lengths; false unless it is a complete
 * prefix code (what bzip2 writes). */
static bool huff_build(struct huff *h, const uint8_t *len, unsigned alpha)
{
	memset(h->count, 0, sizeof h->count);
	h->max_len = 0;
	for (unsigned i = 0; i < alpha; i++) {
		h->count[len[i]]++;
		if (len[i] > h->max_len)
			h->max_len = len[i];
	}
	/* Kraft sum, in units of 2^-MAX_CODE_LEN: exactly one when complete. */
	uint32_t kraft = 0;
	for (unsigned l = 1; l <= MAX_CODE_LEN; l++)
		kraft += (uint32_t)h->count[l] << (MAX_CODE_LEN - l);
	if (kraft != 1u << MAX_CODE_LEN)
		return false;
	uint32_t code = 0;
	unsigned k = 0;
	for (unsigned l = 1; l <= MAX_CODE_LEN; l++) {
		h->first[l] = code;
		h->offs[l] = (uint16_t)k;
		for (unsigned i = 0; i < alpha; i++)
			if (len[i] == l)
				h->perm[k++] = (uint16_t)i;
		code = (code + h->count[l]) << 1;
	}
	memset(h->lut, 0, sizeof h->lut);
	for (unsigned l = 1; l <= LUT_BITS; l++)
		for (unsigned m = 0; m < h->count[l]; m++) {
			uint32_t c = h->first[l] + m;
			uint16_t e = (uint16_t)((unsigned)h->perm[h->offs[l] + m] << 5 | l);
			uint32_t lo = c << (LUT_BITS - l), hi = (c + 1) << (LUT_BITS - l);
			for (uint32_t x = lo; x < hi; x++)
				h->lut[x] = e;
		}
	return true;
}

/* The next symbol (the reader filled); -1 when no code matches. */
static inline int huff_next(const struct huff *h, struct br *b)
{
	uint16_t e = h->lut[br_peek(b, LUT_BITS)];
	if (e) {
		br_skip(b, e & 31);
		return e >> 5;
	}
	for (unsigned l = LUT_BITS + 1; l <= h->max_len; l++) {
		uint32_t d = br_peek(b, l) - h->first[l];
		if (d < h->count[l]) {
			br_skip(b, l);
			return h->perm[h->offs[l] + d];
		}
	}
	return -1;
}

/* ---- the block ------------------------------------------------------------------ */

struct block {
	unsigned level, n_inuse, alpha, ngroups, nsel;
	uint32_t crc;
	uint32_t orig_ptr;
	uint8_t unseq[256];
	uint8_t sel[MAX_SELECTORS];
	struct huff huff[MAX_GROUPS];
};

/* The block's header and tables, up to its first symbol. */
static bool read_tables(struct block *k, struct br *b)
{
	uint8_t len[MAX_ALPHA];

	if (br_get(b, 24) != (uint32_t)(BLOCK_MAGIC >> 24) ||
	    br_get(b, 24) != (uint32_t)(BLOCK_MAGIC & 0xffffff))
		return false;
	k->crc = br_get(b, 32);
	if (br_get(b, 1))
		return false;                  /* randomised: libbz2's */
	k->orig_ptr = br_get(b, 24);
	uint32_t used16 = br_get(b, 16);
	k->n_inuse = 0;
	for (unsigned i = 0; i < 16; i++) {
		if (!(used16 & (0x8000u >> i)))
			continue;
		uint32_t bits = br_get(b, 16);
		for (unsigned j = 0; j < 16; j++)
			if (bits & (0x8000u >> j))
				k->unseq[k->n_inuse++] = (uint8_t)(i * 16 + j);
	}
	if (k->n_inuse == 0)
		return false;
	k->alpha = k->n_inuse + 2;
	k->ngroups = br_get(b, 3);
	k->nsel = br_get(b, 15);
	if (k->ngroups < 2 || k->ngroups > MAX_GROUPS || k->nsel < 1 || k->nsel > MAX_SELECTORS)
		return false;
	uint8_t pos[MAX_GROUPS];
	for (unsigned g = 0; g < k->ngroups; g++)
		pos[g] = (uint8_t)g;
	for (unsigned i = 0; i < k->nsel; i++) {
		unsigned j = 0;
		while (br_get(b, 1))
			if (++j >= k->ngroups)
				return false;
		uint8_t v = pos[j];
		for (; j > 0; j--)
			pos[j] = pos[j - 1];
		pos[0] = v;
		k->sel[i] = v;
	}
	for (unsigned g = 0; g < k->ngroups; g++) {
		int cur = (int)br_get(b, 5);
		for (unsigned i = 0; i < k->alpha; i++) {
			for (;;) {
				if (cur < 1 || cur > MAX_CODE_LEN)
					return false;
				if (!br_get(b, 1))
					break;
				cur += br_get(b, 1) ? -1 : 1;
			}
			len[i] = (uint8_t)cur;
		}
		if (!huff_build(&k->huff[g], len, k->alpha))
			return false;
	}
	return true;
}

/* The symbols into tt (one byte each, in the low 8 bits) and their counts;
 * the vector's length, or -1. */
static long read_symbols(const struct block *k, struct br *b, uint32_t *tt, uint32_t max,
                         uint32_t count[256])
{
	uint8_t mtf[256];
	unsigned group = 0, left = 0;
	const struct huff *h = NULL;
	uint32_t n = 0;
	const int eob = (int)k->n_inuse + 1;

	for (unsigned i = 0; i < 256; i++)
		mtf[i] = (uint8_t)i;
	memset(count, 0, 256 * sizeof *count);
#define NEXT_SYM(sym)                                              \
	do {                                                           \
		if (left == 0) {                                           \
			if (group >= k->nsel)                                  \
				return -1;                                         \
			h = &k->huff[k->sel[group++]];                         \
			left = GROUP_SIZE;                                     \
		}                                                          \
		left--;                                                    \
		br_fill(b);                                                \
		(sym) = huff_next(h, b);                                   \
		if ((sym) < 0)                                             \
			return -1;                                             \
	} while (0)

	int sym;
	NEXT_SYM(sym);
	for (;;) {
		if (sym == eob)
			break;
		if (sym <= 1) {
			/* A run of the front symbol, its length in bijective base 2. */
			uint32_t run = 0, weight = 1;
			do {
				if (weight >= (1u << 21))
					return -1;
				run += (uint32_t)(sym + 1) * weight;
				weight <<= 1;
				NEXT_SYM(sym);
			} while (sym <= 1);
			if (run > max - n)
				return -1;
			uint8_t c = k->unseq[mtf[0]];
			count[c] += run;
			for (uint32_t i = 0; i < run; i++)
				tt[n + i] = c;
			n += run;
			continue;
		}
		unsigned nn = (unsigned)sym - 1;
		uint8_t v = mtf[nn];
		memmove(mtf + 1, mtf, nn);
		mtf[0] = v;
		if (n >= max)
			return -1;
		uint8_t c = k->unseq[v];
		count[c]++;
		tt[n++] = c;
		NEXT_SYM(sym);
	}
#undef NEXT_SYM
	return (long)n;
}

/* Room for want more bytes at *len in *out; false past max. */
static bool out_room(uint8_t **out, size_t *cap, size_t len, size_t want, size_t max)
{
	if (*cap - len >= want)
		return true;
	size_t ncap = *cap ? *cap : (1u << 20);
	while (ncap - len < want)
		ncap *= 2;
	if (ncap > max) {
		if (max - len < want)
			return false;
		ncap = max;
	}
	uint8_t *nb = realloc(*out, ncap);
	if (!nb)
		return false;
	*out = nb;
	*cap = ncap;
	return true;
}

bool bz2dec_block(const uint8_t *in, size_t len, uint64_t nbits, uint32_t crc,
                  struct bz2dec_mem *mem, uint8_t **out, size_t *cap, size_t *out_len,
                  size_t out_max)
{
	if (len < 4 || in[0] != 'B' || in[1] != 'Z' || in[2] != 'h' || in[3] < '1' || in[3] > '9')
		return false;
	pthread_once(&crc_once, build_crc);
	struct block *k = malloc(sizeof *k);
	if (!k)
		return false;
	k->level = (unsigned)(in[3] - '0');
	uint32_t max = k->level * 100000u;
	struct br b = { 0, 0, in + 4, in + len, 0 };
	bool ok = false;
	uint32_t count[256];

	if (mem->tt_n < max) {
		free(mem->tt);
		mem->tt = mem->alloc ? mem->alloc((size_t)max * sizeof *mem->tt)
		                     : malloc((size_t)max * sizeof *mem->tt);
		mem->tt_n = mem->tt ? max : 0;
	}
	uint32_t *tt = mem->tt;
	long nl;
	if (!tt || !read_tables(k, &b) || (nl = read_symbols(k, &b, tt, max, count)) < 1)
		goto done;
	/* The block must end where the next magic begins, as libbz2 reads it. */
	uint32_t n = (uint32_t)nl;
	if (b.used != nbits || k->orig_ptr >= n || k->crc != crc)
		goto done;

	/* Inverse BWT: tt[j] gets, above its byte, the position that follows. */
	uint32_t start[256], sum = 0;
	for (unsigned c = 0; c < 256; c++) {
		start[c] = sum;
		sum += count[c];
	}
	for (uint32_t i = 0; i < n; i++)
		tt[start[tt[i] & 0xff]++] |= i << 8;

	/* The walk, undoing the first run-length coding (4 equal bytes and a
	 * count of more), with the CRC over what comes out. */
	uint32_t pos = tt[k->orig_ptr] >> 8, c = 0xffffffffu;
	size_t o = 0;
	int last = -1;
	unsigned run = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t e = tt[pos];
		uint8_t ch = (uint8_t)e;
		pos = e >> 8;
		if (run == 4) {
			if (!out_room(out, cap, o, ch, out_max))
				goto done;
			memset(*out + o, last, ch);
			for (unsigned r = 0; r < ch; r++)
				c = (c << 8) ^ crc_table[(c >> 24) ^ (uint8_t)last];
			o += ch;
			run = 0;
			continue;
		}
		if (o == *cap && !out_room(out, cap, o, 1, out_max))
			goto done;
		(*out)[o++] = ch;
		c = (c << 8) ^ crc_table[(c >> 24) ^ ch];
		if (ch == last) {
			run++;
		} else {
			last = ch;
			run = 1;
		}
	}
	*out_len = o;
	ok = ~c == crc;
done:
	free(k);
	return ok;
}

void bz2dec_mem_free(struct bz2dec_mem *mem)
{
	free(mem->tt);
	mem->tt = NULL;
	mem->tt_n = 0;
}
