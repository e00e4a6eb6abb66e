/*
 * bz2scan.h — the layout of a bzip2 file, found without decompressing it,
 * and its blocks wrapped so that libbz2 decodes each one alone.
 * Owns: the read buffer over the file, bit-level reads, finding block and
 * end magics, cutting each stream into its blocks (in file order), and
 * writing a block, two blocks joined, or the bits of a file cut short as a
 * stream of its own.
 * Never: decompresses, starts threads or takes locks (single-threaded; the
 * parallel decoder in bz2par.c runs it on its scanner thread), or reports.
 *
 * bzip2 blocks are independent and bit-aligned: each starts with the 48-bit
 * magic 0x314159265359 and its 32-bit CRC; a stream ends with the magic
 * 0x177245385090, the combined CRC, and padding to a byte.
 */
#ifndef MRTREACH_BZ2SCAN_H
#define MRTREACH_BZ2SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What bz2scan_next() found next in the file. */
enum bz2scan_kind {
	BZ2SCAN_BLOCK,        /* one block: bits [bit, bit + nbits) */
	BZ2SCAN_STREAM_END,   /* the end of the stream whose blocks came before */
	BZ2SCAN_TAIL,         /* the file ends inside the block (or stream start) at bit */
	BZ2SCAN_FILE_END,     /* a clean end: nothing but zero padding after the last stream */
	BZ2SCAN_FAIL,         /* a read error, or a layout this scanner does not take on */
};

struct bz2scan_item {
	enum bz2scan_kind kind;
	uint64_t bit, nbits;  /* BLOCK: its bits from its magic on; TAIL: bit */
	char level;           /* BLOCK, TAIL: the stream's level, '1'..'9' */
	uint32_t crc;         /* BLOCK: its stored CRC; STREAM_END: the combined CRC */
	uint64_t cpos;        /* compressed byte offset just past it */
};

/* A block (or blocks) written as a stream of its own for libbz2. */
struct bz2wrap {
	uint8_t *b;
	size_t len, cap;
};

/* Where a wrapped tail's bits come from (bz2scan_wrap_tail). */
struct bz2tail {
	uint64_t bit;         /* the file bit its own bits start at */
	unsigned lead_bits;   /* the aligning lead block put before them */
	size_t lead_out;      /* the bytes that lead block decodes to */
};

struct bz2scan;

/* Scans the bzip2 file on fd, whose first head_len bytes were already read
 * into head (fd is positioned right after them). NULL without memory. */
struct bz2scan *bz2scan_new(int fd, const uint8_t *head, size_t head_len);
void bz2scan_free(struct bz2scan *s);

/* The next block, stream end or end of the scan, in file order; the kind is
 * also it->kind. After TAIL, FILE_END or FAIL every call returns FAIL
 * (after FILE_END: FILE_END). A BLOCK's or TAIL's bits stay in the buffer
 * until the next call, for bz2scan_wrap_block / bz2scan_wrap_tail. */
enum bz2scan_kind bz2scan_next(struct bz2scan *s, struct bz2scan_item *it);

/* The BLOCK item just returned, as a one-block stream: "BZh" + level, the
 * block, an end magic and a combined CRC equal to the block's CRC. False
 * without memory. */
bool bz2scan_wrap_block(const struct bz2scan *s, const struct bz2scan_item *it,
                        struct bz2wrap *out);

/* The TAIL item just returned: the bits from it->bit to the end of the file
 * behind a tiny valid lead block chosen so that they keep their bit
 * alignment, so that the stream ends at the same bit as the file and
 * libbz2 decodes what sequential decoding would. False without memory or
 * when no lead block fits. */
bool bz2scan_wrap_tail(const struct bz2scan *s, const struct bz2scan_item *it,
                       struct bz2wrap *out, struct bz2tail *tail);

/* libbz2 met damage after consuming used bytes of a wrapped tail: the
 * compressed file offset where sequential decoding meets it. False when
 * used lies within the lead block (not the file's damage). */
bool bz2scan_tail_offset(const struct bz2tail *tail, size_t used, uint64_t *off);

/* Two wrapped blocks of nbits_a and nbits_b bits as one block of the
 * given level and CRC (the pattern between them was not a real magic). */
bool bz2scan_join(const struct bz2wrap *a, uint64_t nbits_a, const struct bz2wrap *b,
                  uint64_t nbits_b, char level, uint32_t crc, struct bz2wrap *out);

/* Test hook: pretend a block magic starts at this compressed bit offset
 * (UINT64_MAX = none), as if the pattern occurred inside compressed data. */
void bz2scan_set_fake_magic(uint64_t bit);

#endif
