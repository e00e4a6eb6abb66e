/*
 * bz2par.c — bzip2 decoded block by block on several threads (see bz2par.h).
 * Owns: the scanner thread, the worker threads, the ring of blocks between them.
 * Never: emits a block before libbz2 has checked its CRC, nor out of order.
 *
 * bzip2 blocks are independent and bit-aligned: each starts with the 48-bit
 * magic 0x314159265359 and its 32-bit CRC; a stream ends with the magic
 * 0x177245385090, the combined CRC, and padding to a byte. The scanner cuts
 * the bits from one magic to the next and wraps them as a stream of their
 * own ("BZh" + level, the block, an end magic, a combined CRC equal to the
 * block CRC), which libbz2 decodes on any worker.
 *
 * A block that fails to decode (bad data, or its CRC does not match) is
 * damage, reported through bz2par_end() as BZ2PAR_GAP and skipped: the
 * blocks after it are sound and decode on their own. Before that, the
 * reader rules out a pattern inside compressed data that merely looks like
 * a magic: such a cut splits one real block in two, so when the failed
 * block and the next one decode as one block, that is what they were. A
 * failure that is not about the data (a block beyond the output cap, no
 * memory, a layout that is not what it should be) still ends this decoder,
 * and input.c decodes the file sequentially instead. The stream CRC is
 * checked by the reader over the blocks it hands out, and not at all in a
 * stream where a block was skipped.
 *
 * A file cut short is common enough to be exact here too: the bits from the
 * last block's magic to the end of the file go to libbz2 behind a tiny
 * valid block chosen so that they keep their bit alignment. The stream then
 * ends at the same bit as the file, and libbz2 returns what sequential
 * decoding would, then runs out of input (or meets the same damage).
 */
#include "io/bz2par.h"

#include <bzlib.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK_MAGIC 0x314159265359ull
#define END_MAGIC   0x177245385090ull
#define MASK48      0xffffffffffffull

#define READ_CHUNK  (1u << 20)
/* A block's decoded size beyond this (long runs) is left to sequential
 * decoding, which streams it: it bounds memory to a few such buffers. */
#define OUT_CAP     (32u << 20)
#define OUT_START   (2u << 20)

/* JOB_SEND: a stream's end, with its combined CRC; JOB_MERGED: a block
 * decoded as part of the one before it (a false magic between them). */
enum job_kind { JOB_BLOCK, JOB_TAIL, JOB_SEND, JOB_MERGED, JOB_END, JOB_FAIL };

/* Why a block did not decode: the data (bad, or CRC mismatch) or anything else. */
enum fail { FAIL_NONE, FAIL_DATA, FAIL_CRC, FAIL_OTHER };

/* One cut block on its way scanner -> worker -> reader, or a final marker. */
struct job {
	enum job_kind kind;
	uint8_t *in;            /* the block wrapped as a one-block stream */
	size_t in_len, in_cap;
	uint8_t *out;           /* its decoded bytes [pos, out_len) not yet read */
	size_t out_len, out_cap, pos;
	bool done, ok;
	enum fail fail;
	uint64_t cpos;          /* compressed offset just past the block */
	/* JOB_BLOCK: its first bit in the file, its length in bits, its level
	 * and stored CRC (JOB_SEND: the stream's combined CRC). */
	uint64_t bit, nbits;
	char level;
	uint32_t crc;
	/* JOB_TAIL: where its bits start in the file, the lead block's size,
	 * and after decoding how the file ends (BZ2PAR_CUT / BZ2PAR_CORRUPT). */
	uint64_t tail_bit;
	unsigned lead_bits;
	size_t lead_out;
	int tail_end;
	uint64_t tail_off;
};

struct bz2par {
	int fd;
	int nworkers;
	pthread_t scanner;
	pthread_t *workers;
	int nstarted;

	pthread_mutex_t mu;
	pthread_cond_t space, work, ready;
	struct job *ring;
	unsigned nring;
	uint64_t head, next_claim, next_fill;   /* job sequence numbers */
	bool scan_over, stop;

	uint64_t emitted, cpos_seen;
	int end_kind;           /* BZ2PAR_CUT / BZ2PAR_CORRUPT once known, BZ2PAR_GAP */
	uint64_t end_off;

	/* The reader's view: the combined CRC of the blocks handed out in this
	 * stream, whether one was skipped, and the skipped blocks so far. */
	uint32_t stream_crc;
	bool stream_skipped;
	uint64_t skipped;
	uint64_t good_out, good_bits;   /* decoded bytes per compressed bit, for estimates */
	struct bz2par_gap gap;

	/* Scanner's view of the file: bytes [sb_off, sb_off + sb_len). */
	uint8_t *sb;
	size_t sb_len, sb_cap;
	uint64_t sb_off;
	bool sb_eof, sb_err;
};

static uint64_t fake_magic_bit = UINT64_MAX;

void bz2par_set_fake_magic(uint64_t bit) { fake_magic_bit = bit; }

/* ---- the scanner's buffer ---------------------------------------------- */

/* Drops bytes before offset keep and reads until the buffer reaches offset
 * want (or the file ends). Returns false only on a read error. */
static bool fill_to(struct bz2par *p, uint64_t keep, uint64_t want)
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

static uint64_t sb_end_bit(const struct bz2par *p)
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
static uint32_t get_bits(const struct bz2par *p, uint64_t bit, unsigned n)
{
	return bits_at(p->sb + (size_t)(bit / 8 - p->sb_off), bit % 8, n);
}

/* Makes the bits [bit, bit + n) available; false at end of file or error. */
static bool need_bits(struct bz2par *p, uint64_t keep_bit, uint64_t bit, uint64_t n)
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
static enum found find_magic(struct bz2par *p, uint64_t keep_bit, uint64_t from, uint64_t limit,
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

/* ---- wrapping a block ---------------------------------------------------- */

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

/* Room for need bytes of one-block stream in jb, and its "BZh<level>"
 * stream header written. */
static bool job_stream_head(struct job *jb, size_t need, char level)
{
	if (jb->in_cap < need) {
		uint8_t *nb = realloc(jb->in, need);
		if (!nb)
			return false;
		jb->in = nb;
		jb->in_cap = need;
	}
	memcpy(jb->in, "BZh", 3);
	jb->in[3] = (uint8_t)level;
	return true;
}

/* The end of a one-block stream after the block's bits in w: the end magic,
 * the combined CRC (the block's own), padding to a byte; sets jb->in_len. */
static void put_stream_end(struct job *jb, struct bitw *w, uint32_t crc)
{
	put_bits(w, (uint32_t)(END_MAGIC >> 24), 24);
	put_bits(w, (uint32_t)(END_MAGIC & 0xffffff), 24);
	put_bits(w, crc >> 16, 16);
	put_bits(w, crc & 0xffff, 16);
	if (w->nacc)
		put_bits(w, 0, 8 - w->nacc);
	jb->in_len = w->len;
}

/* The bits [a, c) as a one-block stream of the given level. */
static bool wrap_block(struct bz2par *p, struct job *jb, char level, uint64_t a, uint64_t c,
                       uint32_t crc)
{
	uint64_t nbits = c - a;
	size_t need = (size_t)(nbits / 8) + 4 + 12;

	if (!job_stream_head(jb, need, level))
		return false;

	const uint8_t *src = p->sb + (size_t)(a / 8 - p->sb_off);
	unsigned sh = (unsigned)(a % 8);
	size_t nbytes = (size_t)(nbits / 8);
	uint8_t *dst = jb->in + 4;
	if (sh == 0) {
		memcpy(dst, src, nbytes);
	} else {
		/* Byte i takes bits a+8i .. a+8i+7, all before c, so src[i+1] is held. */
		for (size_t i = 0; i < nbytes; i++)
			dst[i] = (uint8_t)((src[i] << sh) | (src[i + 1] >> (8 - sh)));
	}
	struct bitw w = { jb->in, 4 + nbytes, 0, 0 };
	unsigned rest = (unsigned)(nbits % 8);
	if (rest)
		put_bits(&w, get_bits(p, a + nbytes * 8, rest), rest);
	put_stream_end(jb, &w, crc);
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

/*
 * The bits from a to the end of the file (a cut block) as a stream that
 * ends at a byte boundary exactly where the file does: "BZh" + level, the
 * lead block that aligns them, then the bits themselves.
 */
static bool wrap_tail(struct bz2par *p, struct job *jb, char level, uint64_t a)
{
	uint64_t end = sb_end_bit(p);
	unsigned sh = (unsigned)(a % 8);
	const struct lead *l = &leads[(sh + 8 - 32 % 8) % 8];

	if (!l->nbits)
		return false;
	size_t need = 4 + sizeof l->bits + (size_t)((end - a) / 8) + 2;
	if (!job_stream_head(jb, need, level))
		return false;
	struct bitw w = { jb->in, 4, 0, 0 };
	for (unsigned i = 0; i < l->nbits; i += 8) {
		unsigned n = l->nbits - i < 8 ? l->nbits - i : 8;
		put_bits(&w, bits_at(l->bits, i, n), n);
	}
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
	memcpy(jb->in + w.len, p->sb + (size_t)(at / 8 - p->sb_off), nbytes);
	jb->in_len = w.len + nbytes;
	jb->tail_bit = a;
	jb->lead_bits = l->nbits;
	jb->lead_out = l->out_len;
	return true;
}

/* ---- the ring ------------------------------------------------------------- */

/* Waits for a free slot; NULL when told to stop. */
static struct job *next_slot(struct bz2par *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->next_fill - p->head == p->nring && !p->stop)
		pthread_cond_wait(&p->space, &p->mu);
	struct job *jb = p->stop ? NULL : &p->ring[p->next_fill % p->nring];
	pthread_mutex_unlock(&p->mu);
	return jb;
}

static void publish(struct bz2par *p)
{
	pthread_mutex_lock(&p->mu);
	p->next_fill++;
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->ready);
	pthread_mutex_unlock(&p->mu);
}

/* Ends the sequence with a marker (kind END or FAIL). */
static void finish_scan(struct bz2par *p, enum job_kind kind)
{
	struct job *jb = next_slot(p);
	if (jb) {
		jb->kind = kind;
		jb->done = true;
		jb->ok = kind == JOB_END;
		jb->out_len = jb->pos = 0;
		publish(p);
	}
	pthread_mutex_lock(&p->mu);
	p->scan_over = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
}

/* ---- the scanner ------------------------------------------------------------ */

/* The file ends within the block (or stream start) at a: one last job
 * decodes from there to the end as sequential decoding would. */
static bool queue_tail(struct bz2par *p, char level, uint64_t a)
{
	if (!p->sb_eof || p->sb_err)
		return false;
	if (!fill_to(p, a / 8, UINT64_MAX) || p->sb_err)
		return false;
	pthread_once(&leads_once, build_leads);
	struct job *jb = next_slot(p);
	if (!jb)
		return false;
	jb->kind = JOB_TAIL;
	jb->done = jb->ok = false;
	jb->tail_end = 0;
	jb->tail_off = 0;
	jb->out_len = jb->pos = 0;
	jb->cpos = p->sb_off + p->sb_len;
	if (!wrap_tail(p, jb, level, a))
		return false;
	publish(p);
	return true;
}

#define TAIL_QUEUED UINT64_MAX

/*
 * Cuts one stream whose header ends at bit; returns the bit after its
 * combined CRC, TAIL_QUEUED when the file ends inside it, or 0 when the
 * layout is not what it should be.
 */
static uint64_t scan_stream(struct bz2par *p, uint64_t bit, char level)
{
	/* Compressed blocks slightly exceed their level's size on random data;
	 * far beyond that is not a layout this decoder takes on. */
	uint64_t limit = (uint64_t)(level - '0') * 100000 * 8 * 5 / 4 + 65536;

	if (!need_bits(p, bit, bit, 80))
		return queue_tail(p, level, bit) ? TAIL_QUEUED : 0;
	uint64_t first = ((uint64_t)get_bits(p, bit, 24) << 24) | get_bits(p, bit + 24, 24);
	if (first == END_MAGIC)
		return get_bits(p, bit + 48, 32) == 0 ? bit + 80 : 0;
	if (first != BLOCK_MAGIC)
		return 0;

	uint64_t a = bit;
	for (;;) {
		uint64_t c;
		bool is_end;
		if (!need_bits(p, a, a, 80))
			return queue_tail(p, level, a) ? TAIL_QUEUED : 0;
		uint32_t crc = get_bits(p, a + 48, 32);
		enum found f = find_magic(p, a, a + 80, limit, &c, &is_end);
		if (f == AT_EOF)
			return queue_tail(p, level, a) ? TAIL_QUEUED : 0;
		if (f != FOUND)
			return 0;
		/* The end magic's CRC must be held before the block is wrapped, so
		 * that the buffer does not move under the block's bits. */
		if (is_end && !need_bits(p, a, c, 80))
			return queue_tail(p, level, a) ? TAIL_QUEUED : 0;
		struct job *jb = next_slot(p);
		if (!jb)
			return 0;
		jb->kind = JOB_BLOCK;
		jb->done = jb->ok = false;
		jb->fail = FAIL_NONE;
		jb->out_len = jb->pos = 0;
		jb->cpos = (c + 7) / 8;
		jb->bit = a;
		jb->nbits = c - a;
		jb->level = level;
		jb->crc = crc;
		if (!wrap_block(p, jb, level, a, c, crc))
			return 0;
		publish(p);
		if (is_end) {
			/* The reader checks the combined CRC over what it hands out. */
			uint32_t combined = get_bits(p, c + 48, 32);
			jb = next_slot(p);
			if (!jb)
				return 0;
			jb->kind = JOB_SEND;
			jb->done = true;
			jb->ok = true;
			jb->out_len = jb->pos = 0;
			jb->cpos = (c + 80 + 7) / 8;
			jb->crc = combined;
			publish(p);
			return c + 80;
		}
		a = c;
	}
}

static void *scanner_main(void *arg)
{
	struct bz2par *p = arg;
	uint64_t off = 0;      /* byte offset where the next stream may start */

	pthread_once(&hint_once, build_hint);
	for (;;) {
		/* Zero bytes between streams end the file cleanly when nothing follows. */
		for (;;) {
			if (!need_bits(p, off * 8, off * 8, 8))
				break;
			if (p->sb[off - p->sb_off] != 0)
				break;
			off++;
		}
		if (p->sb_err)
			break;
		if (p->sb_eof && off == p->sb_off + p->sb_len) {
			finish_scan(p, JOB_END);
			return NULL;
		}
		if (!need_bits(p, off * 8, off * 8, 32))
			break;
		const uint8_t *h = p->sb + (off - p->sb_off);
		if (h[0] != 'B' || h[1] != 'Z' || h[2] != 'h' || h[3] < '1' || h[3] > '9')
			break;
		uint64_t end = scan_stream(p, (off + 4) * 8, (char)h[3]);
		if (end == TAIL_QUEUED) {
			finish_scan(p, JOB_FAIL);   /* never reached: the tail ends the file */
			return NULL;
		}
		if (end == 0)
			break;
		off = (end + 7) / 8;
	}
	finish_scan(p, JOB_FAIL);
	return NULL;
}

/* ---- the workers ------------------------------------------------------------ */

/* libbz2 found damage after consuming `used` bytes of a tail stream. The
 * file's bytes line up with the stream's from the cut block on, so the
 * sequential decoder would have consumed the matching file bytes. */
static void tail_damage(struct job *jb, size_t used)
{
	uint64_t lead_end = 32 + (uint64_t)jb->lead_bits;   /* bit where the file's bits start */
	uint64_t bit = (uint64_t)used * 8;

	if (bit <= lead_end)
		return;     /* inside our own header or lead: not the file's damage */
	jb->tail_end = BZ2PAR_CORRUPT;
	jb->tail_off = (bit - lead_end + jb->tail_bit) / 8;
}

/* Decodes a wrapped block; false unless it is exactly one sound block, and
 * then jb->fail says why. With a tail, sets how the file ends instead
 * (tail_end, 0 when unsure). */
static bool decode_block(struct job *jb)
{
	bz_stream s;
	bool ok = false;
	bool tail = jb->kind == JOB_TAIL;

	jb->fail = FAIL_OTHER;
	memset(&s, 0, sizeof s);
	if (BZ2_bzDecompressInit(&s, 0, 0) != BZ_OK)
		return false;
	s.next_in = (char *)jb->in;
	s.avail_in = (unsigned)jb->in_len;
	jb->out_len = 0;
	for (;;) {
		if (jb->out_len == jb->out_cap) {
			size_t cap = jb->out_cap ? jb->out_cap * 2 : OUT_START;
			if (jb->out_cap >= OUT_CAP)
				break;
			uint8_t *nb = realloc(jb->out, cap);
			if (!nb)
				break;
			jb->out = nb;
			jb->out_cap = cap;
		}
		s.next_out = (char *)jb->out + jb->out_len;
		s.avail_out = (unsigned)(jb->out_cap - jb->out_len);
		unsigned in_before = s.avail_in, out_before = s.avail_out;
		int rc = BZ2_bzDecompress(&s);
		jb->out_len = jb->out_cap - s.avail_out;
		if (rc == BZ_STREAM_END) {
			ok = s.avail_in == 0 && !tail;
			break;
		}
		if (rc == BZ_DATA_ERROR && tail)
			tail_damage(jb, jb->in_len - s.avail_in);
		if (rc == BZ_DATA_ERROR && !tail) {
			/* libbz2 compares the CRC once every bit of the block is
			 * read and its bytes are out; other damage stops it sooner. */
			uint64_t used = (uint64_t)(jb->in_len - s.avail_in) * 8;
			jb->fail = used >= 32 + jb->nbits ? FAIL_CRC : FAIL_DATA;
		}
		if (rc != BZ_OK)
			break;
		if (s.avail_in == in_before && s.avail_out == out_before) {
			/* The block's bits ran out before its end: for a tail, where
			 * the file itself ends; for a block, damage (or a cut at a
			 * false magic). */
			if (tail && s.avail_in == 0)
				jb->tail_end = BZ2PAR_CUT;
			if (!tail && s.avail_in == 0)
				jb->fail = FAIL_DATA;
			break;
		}
	}
	BZ2_bzDecompressEnd(&s);
	if (ok)
		jb->fail = FAIL_NONE;
	if (tail && jb->tail_end) {
		/* Drop the lead block's bytes; what is left is the file's. */
		if (jb->out_len < jb->lead_out) {
			jb->tail_end = 0;
		} else {
			jb->pos = jb->lead_out;
			ok = true;
		}
	}
	return ok;
}

static void *worker_main(void *arg)
{
	struct bz2par *p = arg;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		/* The reader may pass a marker (a stream's end) before any worker
		 * skips it, and the scanner then reuses its slot: claim from the
		 * head on, never from a slot that now holds a later job. */
		if (p->next_claim < p->head)
			p->next_claim = p->head;
		while (p->next_claim < p->next_fill &&
		       p->ring[p->next_claim % p->nring].kind != JOB_BLOCK &&
		       p->ring[p->next_claim % p->nring].kind != JOB_TAIL)
			p->next_claim++;
		if (p->stop || (p->scan_over && p->next_claim == p->next_fill))
			break;
		if (p->next_claim == p->next_fill) {
			pthread_cond_wait(&p->work, &p->mu);
			continue;
		}
		struct job *jb = &p->ring[p->next_claim++ % p->nring];
		pthread_mutex_unlock(&p->mu);

		bool ok = decode_block(jb);

		pthread_mutex_lock(&p->mu);
		jb->ok = ok;
		jb->done = true;
		pthread_cond_broadcast(&p->ready);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* ---- the reader --------------------------------------------------------------- */

static uint32_t rotl1(uint32_t x) { return (x << 1) | (x >> 31); }

/* The job with sequence number seq, once published and decoded. seq is at
 * most head + 2, which the ring (>= 3 slots) always makes room for. */
static struct job *wait_job(struct bz2par *p, uint64_t seq)
{
	pthread_mutex_lock(&p->mu);
	struct job *jb = &p->ring[seq % p->nring];
	while (seq >= p->next_fill || !jb->done)
		pthread_cond_wait(&p->ready, &p->mu);
	pthread_mutex_unlock(&p->mu);
	return jb;
}

/* n bits of src from bit `from` on, appended to w. */
static void copy_bits(struct bitw *w, const uint8_t *src, uint64_t from, uint64_t n)
{
	for (uint64_t i = 0; i < n; i += 16) {
		unsigned k = n - i < 16 ? (unsigned)(n - i) : 16;
		put_bits(w, bits_at(src, from + i, k), k);
	}
}

/*
 * Blocks a and b decoded as one (the magic between them was a pattern
 * inside compressed data): on success a holds the whole block's bytes and
 * b becomes JOB_MERGED. FAIL_NONE, or why the pair does not decode.
 */
static enum fail try_merged(struct job *a, struct job *b)
{
	struct job m;

	memset(&m, 0, sizeof m);
	m.kind = JOB_BLOCK;
	m.nbits = a->nbits + b->nbits;
	if (!job_stream_head(&m, (size_t)(m.nbits / 8) + 4 + 16, a->level))
		return FAIL_OTHER;
	struct bitw w = { m.in, 4, 0, 0 };
	copy_bits(&w, a->in, 32, a->nbits);
	copy_bits(&w, b->in, 32, b->nbits);
	put_stream_end(&m, &w, a->crc);
	bool ok = decode_block(&m);
	if (ok) {
		uint8_t *out = a->out;
		size_t cap = a->out_cap;
		a->out = m.out;
		a->out_cap = m.out_cap;
		a->out_len = m.out_len;
		a->pos = 0;
		a->ok = true;
		a->fail = FAIL_NONE;
		a->nbits = m.nbits;
		a->cpos = b->cpos;
		b->kind = JOB_MERGED;
		m.out = out;
		m.out_cap = cap;
	}
	free(m.in);
	free(m.out);
	return ok ? FAIL_NONE : m.fail;
}

/* The reader is done with the job at the head: its slot is free again. */
static void advance(struct bz2par *p)
{
	pthread_mutex_lock(&p->mu);
	p->head++;
	pthread_cond_signal(&p->space);
	pthread_mutex_unlock(&p->mu);
}

/*
 * The block at the head did not decode. Returns 1 when it turned out sound
 * after all (merged with the next), 0 when it is damage that was skipped
 * (p->gap says what), -1 when this decoder cannot tell and stops.
 */
static int bad_block(struct bz2par *p, struct job *jb)
{
	if (jb->fail != FAIL_DATA && jb->fail != FAIL_CRC)
		return -1;
	struct job *next = wait_job(p, p->head + 1);
	if (next->kind == JOB_BLOCK) {
		enum fail f = try_merged(jb, next);
		if (f == FAIL_NONE)
			return 1;
		if (f == FAIL_OTHER)
			return -1;
	} else if (next->kind == JOB_SEND) {
		/* A stream end must be followed by what a file may hold there: a
		 * failed layout after it suggests a false end magic instead. */
		if (wait_job(p, p->head + 2)->kind == JOB_FAIL)
			return -1;
	} else if (next->kind != JOB_TAIL) {
		return -1;
	}
	/* A CRC mismatch decodes the whole block (its size is known); bad data
	 * stops early: estimate from the blocks so far. */
	uint64_t lost = jb->fail == FAIL_CRC ? jb->out_len
	              : p->good_bits ? jb->nbits * p->good_out / p->good_bits
	              : (uint64_t)(jb->level - '0') * 100000;
	p->gap.block_off = jb->bit / 8;
	p->gap.lost = lost;
	p->gap.crc_mismatch = jb->fail == FAIL_CRC;
	p->end_kind = BZ2PAR_GAP;
	p->end_off = jb->bit / 8;
	p->skipped++;
	p->stream_skipped = true;
	p->cpos_seen = jb->cpos;
	advance(p);
	return 0;
}

ssize_t bz2par_read(struct bz2par *p, void *buf, size_t n)
{
	if (p->end_kind == BZ2PAR_GAP)
		p->end_kind = 0;     /* a skipped block is reported once */
	for (;;) {
		struct job *jb = wait_job(p, p->head);

		if (jb->kind == JOB_END)
			return 0;
		if (jb->kind == JOB_MERGED) {
			advance(p);
			continue;
		}
		if (jb->kind == JOB_SEND) {
			if (!p->stream_skipped && p->stream_crc != jb->crc)
				return -1;      /* sticky: the slot stays at the head */
			p->stream_crc = 0;
			p->stream_skipped = false;
			p->cpos_seen = jb->cpos;
			advance(p);
			continue;
		}
		if (jb->kind == JOB_BLOCK && !jb->ok) {
			/* < 0: sticky; 0: BZ2PAR_GAP, reading goes on after it. */
			if (bad_block(p, jb) <= 0)
				return -1;
		}
		if ((jb->kind != JOB_BLOCK && jb->kind != JOB_TAIL) || !jb->ok)
			return -1;      /* sticky: the slot stays at the head */
		if (jb->kind == JOB_TAIL && jb->pos == jb->out_len) {
			p->end_kind = jb->tail_end;
			p->end_off = jb->tail_end == BZ2PAR_CUT ? jb->cpos : jb->tail_off;
			return -1;      /* sticky too */
		}
		size_t k = jb->out_len - jb->pos;
		if (k > n)
			k = n;
		memcpy(buf, jb->out + jb->pos, k);
		jb->pos += k;
		p->emitted += k;
		p->cpos_seen = jb->cpos;
		if (jb->pos == jb->out_len && jb->kind == JOB_BLOCK) {
			p->stream_crc = rotl1(p->stream_crc) ^ jb->crc;
			p->good_out += jb->out_len;
			p->good_bits += jb->nbits;
			advance(p);
		}
		if (k > 0 || n == 0)
			return (ssize_t)k;
		/* A block that decodes to nothing: on to the next one. */
	}
}

uint64_t bz2par_emitted(const struct bz2par *p) { return p->emitted; }

int bz2par_end(const struct bz2par *p, uint64_t *off)
{
	*off = p->end_off;
	return p->end_kind;
}
uint64_t bz2par_compressed_pos(const struct bz2par *p) { return p->cpos_seen; }
uint64_t bz2par_skipped(const struct bz2par *p) { return p->skipped; }
const struct bz2par_gap *bz2par_last_gap(const struct bz2par *p) { return &p->gap; }

/* ---- life cycle ------------------------------------------------------------------ */

static void free_all(struct bz2par *p)
{
	for (unsigned i = 0; i < p->nring; i++) {
		free(p->ring[i].in);
		free(p->ring[i].out);
	}
	free(p->ring);
	free(p->workers);
	free(p->sb);
	free(p);
}

struct bz2par *bz2par_start(int fd, const uint8_t *head, size_t head_len, int workers)
{
	struct bz2par *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->fd = fd;
	p->nworkers = workers < 1 ? 1 : workers;
	/* Room for every worker's block plus two decoded ones waiting their turn. */
	p->nring = (unsigned)p->nworkers + 2;
	p->ring = calloc(p->nring, sizeof *p->ring);
	p->workers = calloc((size_t)p->nworkers, sizeof *p->workers);
	p->sb_cap = 2 * READ_CHUNK + head_len;
	p->sb = malloc(p->sb_cap);
	if (!p->ring || !p->workers || !p->sb) {
		free_all(p);
		return NULL;
	}
	memcpy(p->sb, head, head_len);
	p->sb_len = head_len;
	if (pthread_mutex_init(&p->mu, NULL) != 0) {
		free_all(p);
		return NULL;
	}
	pthread_cond_init(&p->space, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->ready, NULL);
	if (pthread_create(&p->scanner, NULL, scanner_main, p) != 0) {
		pthread_cond_destroy(&p->space);
		pthread_cond_destroy(&p->work);
		pthread_cond_destroy(&p->ready);
		pthread_mutex_destroy(&p->mu);
		free_all(p);
		return NULL;
	}
	for (int i = 0; i < p->nworkers; i++) {
		if (pthread_create(&p->workers[i], NULL, worker_main, p) != 0)
			break;
		p->nstarted++;
	}
	if (p->nstarted == 0) {
		bz2par_stop(p);
		return NULL;
	}
	return p;
}

void bz2par_stop(struct bz2par *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->space);
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->scanner, NULL);
	for (int i = 0; i < p->nstarted; i++)
		pthread_join(p->workers[i], NULL);
	pthread_cond_destroy(&p->space);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->ready);
	pthread_mutex_destroy(&p->mu);
	free_all(p);
}
