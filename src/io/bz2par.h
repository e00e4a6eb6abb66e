/*
 * bz2par.h — bzip2 decoded block by block on several threads, in order.
 * Owns: the scanner thread (block boundaries and wrapping: bz2scan.h), the
 * worker threads (one pool for the whole process, shared by every open
 * decoder, the one started first served first), the reorder window, and
 * skipping a block that does not decode. Never: reports damage itself (it says what and where to input.c);
 * on anything else unexpected it stops, and input.c decodes sequentially
 * instead.
 */
#ifndef MRTREACH_BZ2PAR_H
#define MRTREACH_BZ2PAR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct bz2par;

/* The most worker threads the pool runs (a larger request gets these). */
#define BZ2PAR_MAX_WORKERS 16

/* A file's first block, decoded in the calling thread (a peek at the
 * file's first record), kept so that the stream does not decode it again. */
struct bz2par_first;
/* Decodes the first block of the bzip2 file on fd (head as for
 * bz2par_start); NULL unless the file starts with a whole sound block.
 * Moves fd's position. */
struct bz2par_first *bz2par_first_block(int fd, const uint8_t *head, size_t head_len);
const uint8_t *bz2par_first_bytes(const struct bz2par_first *f, size_t *len);
void bz2par_first_free(struct bz2par_first *f);

/* Starts decoding the bzip2 file on fd, whose first head_len bytes were
 * already read into head (fd is positioned right after them). workers >= 1:
 * the pool grows to that many threads if it has fewer, and the decoder's
 * ring holds workers + 2 blocks. Returns NULL when threads or memory are
 * not available. */
struct bz2par *bz2par_start(int fd, const uint8_t *head, size_t head_len, int workers);
/* The same, taking first (NULL: none): when the file's first block is the
 * one first holds, its bytes are handed out instead of decoding it again. */
struct bz2par *bz2par_start_after(int fd, const uint8_t *head, size_t head_len, int workers,
                                  struct bz2par_first *first);

/* Reads up to n decompressed bytes: the count, 0 at a clean end of the whole
 * file (every stream's CRC checked, nothing but zero padding after), or -1
 * when a damaged block was skipped (bz2par_end() says BZ2PAR_GAP; reading
 * goes on with the next block) or this decoder cannot go on (damage it
 * cannot place, a cut, a layout it does not take on). Until a block is
 * skipped (bz2par_skipped() == 0), after -1 the bytes returned so far are
 * exactly the first bz2par_emitted() bytes a sequential decoder produces
 * from the file. */
ssize_t bz2par_read(struct bz2par *p, void *buf, size_t n);

uint64_t bz2par_emitted(const struct bz2par *p);

/* After -1: how sequential decoding would go on from here, when this
 * decoder knows (a file cut short within its last block): BZ2PAR_CUT (the
 * stream ends early) or BZ2PAR_CORRUPT (damage), with the compressed offset
 * where sequential decoding reports it. BZ2PAR_UNKNOWN when it does not
 * know: then the caller decodes sequentially. */
enum bz2par_ending { BZ2PAR_UNKNOWN = 0, BZ2PAR_CUT, BZ2PAR_CORRUPT, BZ2PAR_GAP };
enum bz2par_ending bz2par_end(const struct bz2par *p, uint64_t *off);

/* The block skipped at the last BZ2PAR_GAP: its compressed byte offset
 * (the byte holding its magic's first bit), about how many decoded bytes it
 * held (exact on a CRC mismatch, estimated from the sound blocks when the
 * data does not decode), and which of the two it was. The stream CRC of a
 * stream with a skipped block is not checked. */
struct bz2par_gap {
	uint64_t block_off;
	uint64_t lost;
	int crc_mismatch;
};
const struct bz2par_gap *bz2par_last_gap(const struct bz2par *p);
/* Blocks skipped so far. */
uint64_t bz2par_skipped(const struct bz2par *p);
/* Compressed offset just past the last block handed out (for progress). */
uint64_t bz2par_compressed_pos(const struct bz2par *p);
/* Stops and joins the threads; fd stays open. */
void bz2par_stop(struct bz2par *p);

/* Test hook: the pool's worker threads now (0 once no decoder is open). */
int bz2par_pool_threads(void);

/* Test hook: sets of libbz2 allocations kept spare now (a worker's while
 * it runs; a peek's between peeks). */
int bz2par_spare_sets(void);

/* Test hook: blocks (and tails) the workers have decoded so far. */
uint64_t bz2par_blocks_decoded(struct bz2par *p);

/* Test hook: pretend a block magic starts at this compressed bit offset
 * (UINT64_MAX = none), as if the pattern occurred inside compressed data. */
void bz2par_set_fake_magic(uint64_t bit);

#endif
