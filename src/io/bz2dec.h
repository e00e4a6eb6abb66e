/*
 * bz2dec.h — one sound bzip2 block decoded without libbz2, faster.
 * Owns: the block's Huffman tables (looked up several bits at a time),
 * the move-to-front and run decoding, the inverse Burrows-Wheeler
 * transform, the final run-length decoding and the block CRC.
 * Never: judges damage. Anything it does not take on (a randomised block,
 * a table that is not a complete prefix code, a CRC that does not match,
 * any inconsistency, output past the cap) is a plain "no": the caller
 * (bz2par.c) then decodes the block with libbz2, whose verdict and bytes
 * are the ones that count. A "yes" is only given with the block's own CRC
 * matched over the bytes it returns.
 */
#ifndef MRTREACH_BZ2DEC_H
#define MRTREACH_BZ2DEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Working memory kept from block to block (zeroed before first use). */
struct bz2dec_mem {
	uint32_t *tt;
	size_t tt_n;
	void *(*alloc)(size_t n);       /* how tt is allocated (NULL: malloc) */
};

/*
 * Decodes the block wrapped as a one-block stream in in[0, len) (the form
 * bz2scan_wrap_block writes: "BZh" + level, then the block's nbits bits
 * from its magic on), whose stored CRC is crc, into *out (of capacity
 * *cap, grown by realloc up to out_max bytes): true with *out_len bytes
 * when the block decodes, ends exactly after its nbits bits and its CRC
 * matches; false otherwise (then *out_len is meaningless).
 */
bool bz2dec_block(const uint8_t *in, size_t len, uint64_t nbits, uint32_t crc,
                  struct bz2dec_mem *mem, uint8_t **out, size_t *cap, size_t *out_len,
                  size_t out_max);

void bz2dec_mem_free(struct bz2dec_mem *mem);

#endif
