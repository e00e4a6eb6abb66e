/*
 * input.h — bytes from a file or standard input, decompressed.
 * Owns: opening a path or "-", detecting gzip / bzip2 / plain from the
 * content (never the name), concatenated gzip members and bzip2 streams,
 * and noticing a compressed stream that ends early.
 * Never: interprets the bytes (that is mrt.h).
 */
#ifndef MRTREACH_INPUT_H
#define MRTREACH_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum input_kind { INPUT_PLAIN, INPUT_GZIP, INPUT_BZIP2 };

struct input;

/* Opens path ("-" = standard input). On failure returns NULL and writes a
 * one-line reason (e.g. "No such file or directory") into err. */
struct input *input_open(const char *path, char *err, size_t errlen);
/* input_open with an explicit choice of decompression thread (threaded 0:
 * none, as merge's quick peek at a file's first record wants). */
struct input *input_open_mode(const char *path, int threaded, char *err, size_t errlen);
/* For a peek (no thread): a bzip2 file on disk has its first block decoded
 * on its own and read first; input_take_first() then hands that block over
 * (NULL when there is none), for input_open_first() to open the stream
 * without decoding it again (it takes first; NULL is fine). */
struct bz2par_first;
struct input *input_open_peek(const char *path, char *err, size_t errlen);
struct bz2par_first *input_take_first(struct input *in);
struct input *input_open_first(const char *path, struct bz2par_first *first, char *err,
                               size_t errlen);

/* Reads up to n decompressed bytes. Returns the count, 0 at a clean end,
 * or -1 when the stream is damaged or unreadable: input_error() says why
 * and input_error_offset() where (compressed byte offset). Bytes decoded
 * before the damage have all been returned by earlier calls. */
ssize_t input_read(struct input *in, void *buf, size_t n);
/* After -1: 1 when the damage was skipped (a bzip2 block that does not
 * decode) and input_read() goes on with the bytes after it, which do not
 * follow on from those before; 0 when the -1 is final. */
int input_resumable(const struct input *in);
/* input_read without the copy, for inputs decompressed by their own thread:
 * *p gets the next decompressed bytes where that thread put them (as many
 * as it has ready in one piece), returned as input_read returns them. They
 * stay valid, and count as read, until the next input_read or input_lend
 * on in. INPUT_NO_LEND (p untouched, nothing read) when in has nothing to
 * lend (plain files, block-parallel bzip2, a peek): use input_read. */
#define INPUT_NO_LEND (-2)
ssize_t input_lend(struct input *in, const uint8_t **p);

const char *input_error(const struct input *in);
uint64_t input_error_offset(const struct input *in);
enum input_kind input_kind(const struct input *in);
const char *input_path(const struct input *in);
/* Compressed bytes consumed so far (for progress reports). */
uint64_t input_compressed_pos(const struct input *in);
void input_close(struct input *in);
/* Which gzip inflate is built in, with its version ("ISA-L 2.30.0 ...",
 * or "zlib 1.2.13"), for --version. */
const char *input_inflate_name(void);

#endif
