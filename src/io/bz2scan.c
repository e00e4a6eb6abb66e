/*
 * bz2scan.c — a bzip2 file's layout, and its blocks wrapped (see bz2scan.h).
 * Owns: the buffer over the file, the magic search (a table on one byte
 * rules out almost every position before the 64-bit compare), the stream
 * walk as a small state machine, the lead blocks that align a cut tail.
 * Never: decompresses blocks of the file, or allocates per block beyond
 * growing the caller's wrap buffer.
 */
#include "io/bz2scan.h"

#include <bzlib.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK_MAGIC 0x314159265359ull
#define END_MAGIC   0x177245385090ull
#define MASK48      0xffffffffffffull

#define READ_CHUNK  (1u << 20)

/* Where the walk is: between streams (at byte off), inside a stream (its
 * next block at bit a), just past a block that ended its stream (the
 * stream end not yet handed out), or over. */
enum walk { W_BETWEEN, W_IN_STREAM, W_STREAM_END, W_OVER };

struct bz2scan {
	int fd;
	/* The file's bytes [sb_off, sb_off + sb_len). */
	uint8_t *sb;
	size_t sb_len, sb_cap;
	uint64_t sb_off;
	bool sb_eof, sb_err;

	enum walk walk;
	enum bz2scan_kind over;   /* W_OVER: what every later call returns */
	uint64_t off;             /* W_BETWEEN: byte where the next stream may start */
	uint64_t a;               /* W_IN_STREAM: the next block's first bit */
	char level;
	uint64_t limit;           /* bits a block of this level may take */
	struct bz2scan_item end;  /* W_STREAM_END: the stream end to hand out */
};

static uint64_t fake_magic_bit = UINT64_MAX;

void bz2scan_set_fake_magic(uint64_t bit) { fake_magic_bit = bit; }

/* ---- the buffer ---------------------------------------------------------- */

/* Drops bytes before offset keep and reads until the buffer reaches offset
 * want (or the file ends). Returns false only on a read error. */
static bool fill_to(struct bz2scan *p, uint64_t keep, uint64_t want)
{
	while (p->sb_off + p->sb_len < want && !p->sb_eof) {
		if (p->sb_cap - p->sb_len < READ_CHUNK) {
			size_t drop = keep > p->sb_off ? (size_t)(keep - p->sb_off) : 0;
			if (drop > p->sb_len)
				drop = p->sb_len;
			memmove(p->sb, p->sb + drop, p->sb_len - drop);
			p->sb_len -= drop;
			p->sb_off += drop;
		}
		if (p->sb_cap - p->sb_len < READ_CHUNK) {
			size_t cap = p->sb_cap * 2;
			uint8_t *nb = realloc(p->sb, cap);
			if (!nb)
				return false;
			p->sb = nb;
			p->sb_cap = cap;
		}
		ssize_t k = read(p->fd, p->sb + p->sb_len, READ_CHUNK);
		if (k > 0)
			p->sb_len += (size_t)k;
		else if (k == 0)
			p->sb_eof = true;
		else if (errno != EINTR)
			return false;
	}
	return true;
}

static uint64_t sb_end_bit(const struct bz2scan *p)
{
	return (p->sb_off + p->sb_len) * 8;
}

/* n <= 32 bits from b, starting bit bits in. */
static uint32_t bits_at(const uint8_t *b, uint64_t bit, unsigned n)
{
	uint64_t v = 0;
	size_t i = (size_t)(bit / 8);
	unsigned have = 0, skip = (unsigned)(bit % 8);

	while (have < skip + n) {
		v = (v << 8) | b[i++];
		have += 8;
	}
	return (uint32_t)((v >> (have - skip - n)) & ((1ull << n) - 1));
}

/* n <= 32 bits at absolute bit offset bit, which the buffer must hold. */
static uint32_t get_bits(const struct bz2scan *p, uint64_t bit, unsigned n)
{
	return bits_at(p->sb + (size_t)(bit / 8 - p->sb_off), bit % 8, n);
}

static uint64_t get_bits48(const struct bz2scan *p, uint64_t bit)
{
	return ((uint64_t)get_bits(p, bit, 24) << 24) | get_bits(p, bit + 24, 24);
}

/* Makes the bits [bit, bit + n) available; false at end of file or error. */
static bool need_bits(struct bz2scan *p, uint64_t keep_bit, uint64_t bit, uint64_t n)
{
	if (!fill_to(p, keep_bit / 8, (bit + n + 7) / 8)) {
		p->sb_err = true;
		return false;
	}
	return bit + n <= sb_end_bit(p);
}

/* ---- finding magics ----------------------------------------------------- */

/*
 * For a pattern starting s bits into byte j, byte j+3 lies wholly inside it
 * and has one value per (magic, s): a table on that byte rules out almost
 * every position before the 64-bit compare.
 */
static uint16_t hint[256];   /* bit (m*8 + s): magic m may start s bits in */
static pthread_once_t hint_once = PTHREAD_ONCE_INIT;

static void build_hint(void)
{
	const uint64_t magic[2] = { BLOCK_MAGIC, END_MAGIC };
	for (int m = 0; m < 2; m++)
		for (int s = 0; s < 8; s++)
			hint[(magic[m] << (16 - s) >> 32) & 0xff] |= (uint16_t)(1u << (m * 8 + s));
}

static uint64_t load_be64(const uint8_t *b)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | b[i];
	return v;
}

enum found { FOUND, AT_EOF, GAVE_UP };

/*
 * Finds the first block or end magic starting at a bit >= from, reading on
 * as needed while keeping the bytes from keep_bit on: FOUND with the bit and
 * whether it is an end magic, AT_EOF when the file ends first, GAVE_UP on a
 * read error or when nothing turns up within limit bits.
 */
static enum found find_magic(struct bz2scan *p, uint64_t keep_bit, uint64_t from, uint64_t limit,
                             uint64_t *at, bool *is_end)
{
	uint64_t j = from / 8;

	for (;;) {
		if (!need_bits(p, keep_bit, j * 8, 64 * 8 + 64)) {
			if (p->sb_err || p->sb_off + p->sb_len < j + 8)
				break;      /* a magic needs 6 bytes, plus the byte after */
		}
		uint64_t stop = p->sb_off + p->sb_len - 7;
		for (; j < stop; j++) {
			const uint8_t *b = p->sb + (size_t)(j - p->sb_off);
			if (j * 8 > from + limit)
				return GAVE_UP;
			uint16_t h = hint[b[3]];
			if (fake_magic_bit / 8 == j && fake_magic_bit >= from)
				h |= (uint16_t)(1u << (fake_magic_bit % 8));
			if (!h)
				continue;
			uint64_t v = load_be64(b);
			for (unsigned s = 0; s < 8; s++) {
				uint64_t bit = j * 8 + s;
				if (!(h & (0x101u << s)) || bit < from)
					continue;
				uint64_t w = (v >> (16 - s)) & MASK48;
				if (w == BLOCK_MAGIC || bit == fake_magic_bit) {
					*at = bit;
					*is_end = false;
					return FOUND;
				}
				if (w == END_MAGIC) {
					*at = bit;
					*is_end = true;
					return FOUND;
				}
			}
		}
	}
	/* Last bytes of the file: a magic there would have no room for its CRC. */
	return p->sb_err ? GAVE_UP : AT_EOF;
}

/* ---- the walk ------------------------------------------------------------ */

struct bz2scan *bz2scan_new(int fd, const uint8_t *head, size_t head_len)
{
	struct bz2scan *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->fd = fd;
	p->sb_cap = 2 * READ_CHUNK + head_len;
	p->sb = malloc(p->sb_cap);
	if (!p->sb) {
		free(p);
		return NULL;
	}
	memcpy(p->sb, head, head_len);
	p->sb_len = head_len;
	p->walk = W_BETWEEN;
	pthread_once(&hint_once, build_hint);
	return p;
}

void bz2scan_free(struct bz2scan *p)
{
	if (!p)
		return;
	free(p->sb);
	free(p);
}

/* The walk is over: this call and every later one say kind. */
static enum bz2scan_kind over(struct bz2scan *p, struct bz2scan_item *it, enum bz2scan_kind kind)
{
	p->walk = W_OVER;
	p->over = kind == BZ2SCAN_FILE_END ? BZ2SCAN_FILE_END : BZ2SCAN_FAIL;
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return kind;
}

/* The file ends within the block (or stream start) at bit a: the rest of
 * the file is read in, for bz2scan_wrap_tail to decode from there. Only at
 * a clean end of file; after a read error, FAIL. */
static enum bz2scan_kind tail(struct bz2scan *p, struct bz2scan_item *it, uint64_t a)
{
	if (!p->sb_eof || p->sb_err)
		return over(p, it, BZ2SCAN_FAIL);
	if (!fill_to(p, a / 8, UINT64_MAX) || p->sb_err)
		return over(p, it, BZ2SCAN_FAIL);
	over(p, it, BZ2SCAN_TAIL);
	it->bit = a;
	it->level = p->level;
	it->cpos = p->sb_off + p->sb_len;
	return BZ2SCAN_TAIL;
}

/* over(), for stream_start(): false. */
static bool ended(struct bz2scan *p, struct bz2scan_item *it, enum bz2scan_kind kind)
{
	over(p, it, kind);
	return false;
}

/* At byte p->off: skips zero padding, then reads a stream header "BZh1".."BZh9"
 * and its first magic (past empty streams). True with the first block at
 * p->a; false when the walk ended there, with *it saying how. */
static bool stream_start(struct bz2scan *p, struct bz2scan_item *it)
{
	for (;;) {
		/* Zero bytes between streams end the file cleanly when nothing follows. */
		while (need_bits(p, p->off * 8, p->off * 8, 8) && p->sb[p->off - p->sb_off] == 0)
			p->off++;
		if (p->sb_err)
			return ended(p, it, BZ2SCAN_FAIL);
		if (p->sb_eof && p->off == p->sb_off + p->sb_len)
			return ended(p, it, BZ2SCAN_FILE_END);
		if (!need_bits(p, p->off * 8, p->off * 8, 32))
			return ended(p, it, BZ2SCAN_FAIL);
		const uint8_t *h = p->sb + (p->off - p->sb_off);
		if (h[0] != 'B' || h[1] != 'Z' || h[2] != 'h' || h[3] < '1' || h[3] > '9')
			return ended(p, it, BZ2SCAN_FAIL);
		p->level = (char)h[3];
		/* Compressed blocks slightly exceed their level's size on random
		 * data; far beyond that is not a layout this scanner takes on. */
		p->limit = (uint64_t)(p->level - '0') * 100000 * 8 * 5 / 4 + 65536;

		uint64_t bit = (p->off + 4) * 8;
		if (!need_bits(p, bit, bit, 80)) {
			tail(p, it, bit);
			return false;
		}
		uint64_t first = get_bits48(p, bit);
		if (first == END_MAGIC && get_bits(p, bit + 48, 32) == 0) {
			p->off = (bit + 80 + 7) / 8;     /* an empty stream */
			continue;
		}
		if (first != BLOCK_MAGIC)
			return ended(p, it, BZ2SCAN_FAIL);
		p->a = bit;
		p->walk = W_IN_STREAM;
		return true;
	}
}

/* The block at p->a, up to the next magic; notes a stream end after it. */
static enum bz2scan_kind next_block(struct bz2scan *p, struct bz2scan_item *it)
{
	uint64_t a = p->a, c;
	bool is_end;

	if (!need_bits(p, a, a, 80))
		return tail(p, it, a);
	uint32_t crc = get_bits(p, a + 48, 32);
	enum found f = find_magic(p, a, a + 80, p->limit, &c, &is_end);
	if (f == AT_EOF)
		return tail(p, it, a);
	if (f != FOUND)
		return over(p, it, BZ2SCAN_FAIL);
	/* The end magic's CRC is read in now, so that the buffer does not move
	 * under the block's bits before the caller wraps them. */
	if (is_end && !need_bits(p, a, c, 80))
		return tail(p, it, a);
	*it = (struct bz2scan_item){ .kind = BZ2SCAN_BLOCK, .bit = a, .nbits = c - a,
	                             .level = p->level, .crc = crc, .cpos = (c + 7) / 8 };
	if (is_end) {
		p->end = (struct bz2scan_item){ .kind = BZ2SCAN_STREAM_END,
		                                .crc = get_bits(p, c + 48, 32),
		                                .cpos = (c + 80 + 7) / 8 };
		p->off = p->end.cpos;
		p->walk = W_STREAM_END;
	} else {
		p->a = c;
	}
	return BZ2SCAN_BLOCK;
}

enum bz2scan_kind bz2scan_next(struct bz2scan *p, struct bz2scan_item *it)
{
	switch (p->walk) {
	case W_BETWEEN:
		if (!stream_start(p, it))
			return it->kind;
		return next_block(p, it);
	case W_IN_STREAM:
		return next_block(p, it);
	case W_STREAM_END:
		*it = p->end;
		p->walk = W_BETWEEN;
		return it->kind;
	case W_OVER:
	default:
		return over(p, it, p->over);
	}
}

/* ---- wrapping ------------------------------------------------------------- */

struct bitw {
	uint8_t *b;
	size_t len;
	uint32_t acc;
	unsigned nacc;
};

static void put_bits(struct bitw *w, uint32_t v, unsigned n)   /* n <= 24 */
{
	w->acc = (w->acc << n) | (v & ((1u << n) - 1));
	w->nacc += n;
	while (w->nacc >= 8) {
		w->b[w->len++] = (uint8_t)(w->acc >> (w->nacc - 8));
		w->nacc -= 8;
	}
}

/* n bits of src from bit `from` on, appended to w. */
static void copy_bits(struct bitw *w, const uint8_t *src, uint64_t from, uint64_t n)
{
	for (uint64_t i = 0; i < n; i += 16) {
		unsigned k = n - i < 16 ? (unsigned)(n - i) : 16;
		put_bits(w, bits_at(src, from + i, k), k);
	}
}

/* Room for need bytes of stream in out, and its "BZh<level>" header written. */
static bool stream_head(struct bz2wrap *out, size_t need, char level)
{
	if (out->cap < need) {
		uint8_t *nb = realloc(out->b, need);
		if (!nb)
			return false;
		out->b = nb;
		out->cap = need;
	}
	memcpy(out->b, "BZh", 3);
	out->b[3] = (uint8_t)level;
	return true;
}

/* The end of a one-block stream after the block's bits in w: the end magic,
 * the combined CRC (the block's own), padding to a byte; sets out->len. */
static void put_stream_end(struct bz2wrap *out, struct bitw *w, uint32_t crc)
{
	put_bits(w, (uint32_t)(END_MAGIC >> 24), 24);
	put_bits(w, (uint32_t)(END_MAGIC & 0xffffff), 24);
	put_bits(w, crc >> 16, 16);
	put_bits(w, crc & 0xffff, 16);
	if (w->nacc)
		put_bits(w, 0, 8 - w->nacc);
	out->len = w->len;
}

bool bz2scan_wrap_block(const struct bz2scan *p, const struct bz2scan_item *it,
                        struct bz2wrap *out)
{
	uint64_t a = it->bit, nbits = it->nbits;
	size_t need = (size_t)(nbits / 8) + 4 + 12;

	if (!stream_head(out, need, it->level))
		return false;

	const uint8_t *src = p->sb + (size_t)(a / 8 - p->sb_off);
	unsigned sh = (unsigned)(a % 8);
	size_t nbytes = (size_t)(nbits / 8);
	uint8_t *dst = out->b + 4;
	if (sh == 0) {
		memcpy(dst, src, nbytes);
	} else {
		/* Byte i takes bits a+8i .. a+8i+7, all before the block's end,
		 * so src[i+1] is held. */
		for (size_t i = 0; i < nbytes; i++)
			dst[i] = (uint8_t)((src[i] << sh) | (src[i + 1] >> (8 - sh)));
	}
	struct bitw w = { out->b, 4 + nbytes, 0, 0 };
	unsigned rest = (unsigned)(nbits % 8);
	if (rest)
		put_bits(&w, get_bits(p, a + nbytes * 8, rest), rest);
	put_stream_end(out, &w, it->crc);
	return true;
}

bool bz2scan_join(const struct bz2wrap *a, uint64_t nbits_a, const struct bz2wrap *b,
                  uint64_t nbits_b, char level, uint32_t crc, struct bz2wrap *out)
{
	if (!stream_head(out, (size_t)((nbits_a + nbits_b) / 8) + 4 + 16, level))
		return false;
	struct bitw w = { out->b, 4, 0, 0 };
	copy_bits(&w, a->b, 32, nbits_a);
	copy_bits(&w, b->b, 32, nbits_b);
	put_stream_end(out, &w, crc);
	return true;
}

/*
 * Lead blocks: one small valid block for each length mod 8, made once with
 * libbz2 itself. Put before a cut block, the right one makes the block start
 * at the same bit within a byte as in the file.
 */
static struct lead {
	uint8_t bits[64];
	unsigned nbits;         /* 0: none found */
	size_t out_len;
} leads[8];
static pthread_once_t leads_once = PTHREAD_ONCE_INIT;

static void build_leads(void)
{
	char in[48], out[256];

	for (unsigned len = 1; len < sizeof in; len++) {
		for (unsigned i = 0; i < len; i++)
			in[i] = (char)('a' + (i * 7 + len) % 26);
		unsigned olen = sizeof out;
		if (BZ2_bzBuffToBuffCompress(out, &olen, in, len, 1, 0, 0) != BZ_OK)
			continue;
		/* "BZh1", the block, the end magic and CRC, then 0..7 padding bits. */
		const uint8_t *o = (const uint8_t *)out;
		uint64_t total = (uint64_t)olen * 8, end = 0;
		int matches = 0;
		for (unsigned pad = 0; pad < 8; pad++) {
			uint64_t e = total - pad - 80;
			uint64_t w = ((uint64_t)bits_at(o, e, 24) << 24) | bits_at(o, e + 24, 24);
			if (w == END_MAGIC) {
				end = e;
				matches++;
			}
		}
		if (matches != 1 || end <= 32 || (end - 32 + 7) / 8 > sizeof leads[0].bits)
			continue;
		struct lead *l = &leads[(end - 32) % 8];
		if (l->nbits)
			continue;
		memcpy(l->bits, o + 4, (size_t)((end - 32 + 7) / 8));
		l->nbits = (unsigned)(end - 32);
		l->out_len = len;
	}
}

bool bz2scan_wrap_tail(const struct bz2scan *p, const struct bz2scan_item *it,
                       struct bz2wrap *out, struct bz2tail *tl)
{
	uint64_t a = it->bit, end = sb_end_bit(p);
	unsigned sh = (unsigned)(a % 8);

	pthread_once(&leads_once, build_leads);
	const struct lead *l = &leads[(sh + 8 - 32 % 8) % 8];
	if (!l->nbits)
		return false;
	size_t need = 4 + sizeof l->bits + (size_t)((end - a) / 8) + 2;
	if (!stream_head(out, need, it->level))
		return false;
	struct bitw w = { out->b, 4, 0, 0 };
	copy_bits(&w, l->bits, 0, l->nbits);
	/* Now w is sh bits into a byte, as a is: finish that byte, then whole
	 * bytes line up with the file's. */
	uint64_t at = a;
	if (sh) {
		unsigned n = 8 - sh;
		if (end - a < n)
			return false;   /* the file ends in the middle of a byte? */
		put_bits(&w, get_bits(p, a, n), n);
		at += n;
	}
	if (w.nacc != 0 || at % 8 != 0)
		return false;
	size_t nbytes = (size_t)((end - at) / 8);
	memcpy(out->b + w.len, p->sb + (size_t)(at / 8 - p->sb_off), nbytes);
	out->len = w.len + nbytes;
	tl->bit = a;
	tl->lead_bits = l->nbits;
	tl->lead_out = l->out_len;
	return true;
}

bool bz2scan_tail_offset(const struct bz2tail *tl, size_t used, uint64_t *off)
{
	uint64_t lead_end = 32 + (uint64_t)tl->lead_bits;   /* bit where the file's bits start */
	uint64_t bit = (uint64_t)used * 8;

	if (bit <= lead_end)
		return false;   /* inside our own header or lead: not the file's damage */
	*off = (bit - lead_end + tl->bit) / 8;
	return true;
}
