/*
 * input.c — bytes from a file or standard input, decompressed (see input.h).
 * Owns: the file descriptor, the inflate (ISA-L when built with it, else
 * zlib) / libbz2 state, and an optional thread that decompresses ahead so
 * decompression and decoding overlap; bzip2 files on disk go to bz2par.c
 * first, which decodes blocks on several cores. With ISA-L, a gzip member
 * that does not inflate to its end is decoded again by zlib from the
 * member's start (when the input can seek), so damage is reported exactly
 * as a zlib-only build reports it.
 * Never: interprets the bytes, and never guesses the compression from a name.
 */
#include "io/input.h"
#include "io/bz2par.h"
#include "io/reader_priv.h"

#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#ifdef MRTREACH_ISAL
#include <isa-l.h>
#include <isa-l/igzip_lib.h>
#endif

#define IN_CHUNK  (1u << 20)    /* compressed bytes read from the file at once */
#define SLOT_SIZE (1u << 20)    /* decompressed bytes per hand-over buffer */
#define NSLOTS    3             /* buffers between the thread and the reader */

enum { ST_OK = 0, ST_END = 1, ST_ERR = -1 };

/* One decompressed buffer on its way from the worker thread to the reader. */
struct slot {
	uint8_t *data;
	size_t len, pos;
	int status;             /* ST_OK with data, ST_END, or ST_ERR */
	uint64_t cpos;          /* compressed position once this was produced */
};

struct input {
	int fd;
	bool own_fd;
	char *path;
	enum input_kind kind;

	uint8_t *in;            /* compressed bytes [in_pos, in_len) not yet used */
	size_t in_pos, in_len;
	bool in_eof;
	uint64_t read_total;    /* bytes read from fd so far */

	z_stream z;
	bz_stream bz;
#ifdef MRTREACH_ISAL
	struct inflate_state *isal;     /* NULL: zlib inflates this member */
	off_t start_off;        /* the fd's offset when opened; -1: cannot seek */
	uint64_t member_off;    /* compressed offset where this gzip member began */
	uint64_t member_out;    /* bytes ISA-L has returned from it so far */
	bool zlib_member;       /* zlib took over this member (damage) */
#endif
	bool codec_live;        /* z or bz initialised */
	bool member_done;       /* a gzip member / bzip2 stream just ended */
	int state;              /* ST_OK, or sticky ST_END / ST_ERR */
	char err[160];
	uint64_t err_off;

	/* Decompression thread (kind != INPUT_PLAIN and threading on). */
	bool threaded;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t has_data, has_space;
	struct slot slots[NSLOTS];
	unsigned head, count;
	bool stop;
	bool lent;              /* slots[head] is lent out (input_lend) */
	uint64_t cpos_seen;

	/* Block-parallel bzip2 (regular files only: giving up rewinds the file). */
	struct bz2par *par;
	bool gap;               /* the last -1 skipped a damaged block: read on */
	/* A peek at a bzip2 file: its first block, decoded on its own, read
	 * first (and kept for the stream); past it, sequential decoding. */
	struct bz2par_first *first;
	size_t first_pos;
	bool first_over;
};

static int threading_default = 1;
static int bzip2_workers = -1;      /* -1: one per online core */

void input_set_threaded(int on) { threading_default = on; }
void input_set_bzip2_workers(int n) { bzip2_workers = n; }

static void set_error(struct input *in, uint64_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_error(struct input *in, uint64_t off, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(in->err, sizeof in->err, fmt, ap);
	va_end(ap);
	in->err_off = off;
	in->state = ST_ERR;
}

/* Compressed offset of the next unused input byte. */
static uint64_t cpos(const struct input *in)
{
	return in->read_total - (in->in_len - in->in_pos);
}

/* Reads more compressed bytes once the buffer is used up. */
static void refill(struct input *in)
{
	if (in->in_pos < in->in_len || in->in_eof)
		return;
	in->in_pos = in->in_len = 0;
	for (;;) {
		ssize_t k = read(in->fd, in->in, IN_CHUNK);
		if (k > 0) {
			in->in_len = (size_t)k;
			in->read_total += (uint64_t)k;
			return;
		}
		if (k == 0) {
			in->in_eof = true;
			return;
		}
		if (errno != EINTR) {
			set_error(in, in->read_total, "read error: %s", strerror(errno));
			in->in_eof = true;
			return;
		}
	}
}

/*
 * Between gzip members or bzip2 streams: zero padding (tape-style archives
 * pad files) ends the data cleanly; anything else starts another member.
 * Returns true when the caller should start a new member.
 */
static bool next_member(struct input *in)
{
	for (;;) {
		refill(in);
		if (in->state == ST_ERR)
			return false;
		if (in->in_pos == in->in_len) {
			in->state = ST_END;
			return false;
		}
		if (in->in[in->in_pos] != 0)
			return true;
		while (in->in_pos < in->in_len && in->in[in->in_pos] == 0)
			in->in_pos++;
	}
}

/* One zlib inflate call on what is buffered: returns the bytes made. */
static size_t zlib_step(struct input *in, uint8_t *out, size_t n)
{
	size_t avail = in->in_len - in->in_pos;

	in->z.next_in = in->in + in->in_pos;
	in->z.avail_in = (uInt)avail;
	in->z.next_out = out;
	in->z.avail_out = (uInt)n;
	int rc = inflate(&in->z, Z_NO_FLUSH);
	in->in_pos += avail - in->z.avail_in;
	if (rc == Z_STREAM_END) {
		in->member_done = true;
	} else if (rc == Z_BUF_ERROR) {
		/* No progress possible: only legitimate while input remains to be read. */
		if (in->in_pos == in->in_len && in->in_eof)
			set_error(in, cpos(in), "gzip stream ends early (file cut short?)");
	} else if (rc == Z_MEM_ERROR) {
		set_error(in, cpos(in), "out of memory decompressing gzip");
	} else if (rc != Z_OK) {
		set_error(in, cpos(in), "gzip data corrupt (%s)", in->z.msg ? in->z.msg : "bad data");
	}
	return n - in->z.avail_out;
}

#ifdef MRTREACH_ISAL
static const char *isal_reason(int rc)
{
	switch (rc) {
	case ISAL_INVALID_BLOCK:      return "invalid block";
	case ISAL_INVALID_SYMBOL:     return "invalid code";
	case ISAL_INVALID_LOOKBACK:   return "invalid distance too far back";
	case ISAL_INVALID_WRAPPER:    return "incorrect header check";
	case ISAL_UNSUPPORTED_METHOD: return "unknown compression method";
	case ISAL_INCORRECT_CHECKSUM: return "incorrect data check";
	default:                      return "bad data";
	}
}

/*
 * ISA-L could not inflate this member to its end (damage or a cut). zlib
 * decodes it again from the member's start and the bytes ISA-L already
 * returned are dropped, so what follows, and the error, are zlib's. An
 * input that cannot seek (a pipe) gets ISA-L's own verdict instead.
 */
static void isal_give_up(struct input *in, int rc, bool cut)
{
	uint64_t skip = in->member_out;
	uint8_t *scratch;

	if (in->start_off < 0 ||
	    lseek(in->fd, in->start_off + (off_t)in->member_off, SEEK_SET) < 0) {
		uint64_t off = cpos(in);
		if (cut) {
			set_error(in, off, "gzip stream ends early (file cut short?)");
		} else {
			uint64_t held = (uint64_t)(in->isal->read_in_length / 8);
			set_error(in, off - (held < off ? held : off), "gzip data corrupt (%s)",
			          isal_reason(rc));
		}
		return;
	}
	in->in_pos = in->in_len = 0;
	in->in_eof = false;
	in->read_total = in->member_off;
	inflateReset(&in->z);
	in->zlib_member = true;
	scratch = malloc(SLOT_SIZE);
	if (!scratch) {
		set_error(in, in->member_off, "out of memory decompressing gzip");
		return;
	}
	while (skip > 0 && in->state == ST_OK && !in->member_done) {
		refill(in);
		if (in->state != ST_OK)
			break;
		skip -= zlib_step(in, scratch, skip < SLOT_SIZE ? (size_t)skip : SLOT_SIZE);
	}
	free(scratch);
}

/* One isal_inflate call on what is buffered: returns the bytes made. */
static size_t isal_step(struct input *in, uint8_t *out, size_t n)
{
	struct inflate_state *s = in->isal;
	size_t avail = in->in_len - in->in_pos;

	s->next_in = in->in + in->in_pos;
	s->avail_in = (uint32_t)avail;
	s->next_out = out;
	s->avail_out = (uint32_t)n;
	int rc = isal_inflate(s);
	size_t used = avail - s->avail_in, made = n - s->avail_out;
	in->in_pos += used;
	in->member_out += made;
	if (rc < 0)
		isal_give_up(in, rc, false);
	else if (s->block_state == ISAL_BLOCK_FINISH)
		in->member_done = true;
	else if (used == 0 && made == 0 && in->in_pos == in->in_len && in->in_eof)
		isal_give_up(in, rc, true);
	return made;
}
#endif

/* Starts the next gzip member after the end of one. */
static void gzip_member_start(struct input *in)
{
	inflateReset(&in->z);
#ifdef MRTREACH_ISAL
	if (in->isal) {
		isal_inflate_reset(in->isal);
		in->isal->crc_flag = ISAL_GZIP;
	}
	in->member_off = cpos(in);
	in->member_out = 0;
	in->zlib_member = false;
#endif
}

static size_t gzip_decode(struct input *in, uint8_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n && in->state == ST_OK) {
		if (in->member_done) {
			if (!next_member(in))
				break;
			gzip_member_start(in);
			in->member_done = false;
		}
		refill(in);
		if (in->state != ST_OK)
			break;
#ifdef MRTREACH_ISAL
		if (in->isal && !in->zlib_member) {
			got += isal_step(in, buf + got, n - got);
			continue;
		}
#endif
		got += zlib_step(in, buf + got, n - got);
	}
	return got;
}

static size_t bzip2_decode(struct input *in, uint8_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n && in->state == ST_OK) {
		if (in->member_done) {
			if (!next_member(in))
				break;
			BZ2_bzDecompressEnd(&in->bz);
			memset(&in->bz, 0, sizeof in->bz);
			if (BZ2_bzDecompressInit(&in->bz, 0, 0) != BZ_OK) {
				in->codec_live = false;
				set_error(in, cpos(in), "out of memory decompressing bzip2");
				break;
			}
			in->member_done = false;
		}
		refill(in);
		if (in->state != ST_OK)
			break;
		size_t avail = in->in_len - in->in_pos;
		in->bz.next_in = (char *)(in->in + in->in_pos);
		in->bz.avail_in = (unsigned)avail;
		in->bz.next_out = (char *)(buf + got);
		in->bz.avail_out = (unsigned)(n - got);
		int rc = BZ2_bzDecompress(&in->bz);
		size_t used = avail - in->bz.avail_in;
		size_t made = (n - got) - in->bz.avail_out;
		in->in_pos += used;
		got += made;
		if (rc == BZ_STREAM_END) {
			in->member_done = true;
		} else if (rc == BZ_OK) {
			if (used == 0 && made == 0 && in->in_pos == in->in_len && in->in_eof)
				set_error(in, cpos(in), "bzip2 stream ends early (file cut short?)");
		} else if (rc == BZ_MEM_ERROR) {
			set_error(in, cpos(in), "out of memory decompressing bzip2");
		} else {
			set_error(in, cpos(in), "bzip2 data corrupt");
		}
	}
	return got;
}

static size_t plain_read(struct input *in, uint8_t *buf, size_t n)
{
	/* Bytes read while detecting the format come first. */
	if (in->in_pos < in->in_len) {
		size_t k = in->in_len - in->in_pos;
		if (k > n)
			k = n;
		memcpy(buf, in->in + in->in_pos, k);
		in->in_pos += k;
		return k;
	}
	if (in->in_eof) {
		if (in->state == ST_OK)
			in->state = ST_END;
		return 0;
	}
	for (;;) {
		ssize_t k = read(in->fd, buf, n);
		if (k > 0) {
			in->read_total += (uint64_t)k;
			return (size_t)k;
		}
		if (k == 0) {
			in->in_eof = true;
			in->state = ST_END;
			return 0;
		}
		if (errno != EINTR) {
			set_error(in, in->read_total, "read error: %s", strerror(errno));
			return 0;
		}
	}
}

/* The single-threaded reader: fills buf as far as it can. Bytes decoded
 * before damage come out first; the error shows on the following call. */
static ssize_t decode_some(struct input *in, uint8_t *buf, size_t n)
{
	size_t got;

	if (n == 0)
		return 0;
	switch (in->kind) {
	case INPUT_GZIP:  got = gzip_decode(in, buf, n); break;
	case INPUT_BZIP2: got = bzip2_decode(in, buf, n); break;
	default:          got = plain_read(in, buf, n); break;
	}
	if (got > 0)
		return (ssize_t)got;
	return in->state == ST_ERR ? -1 : 0;
}

static void *worker(void *arg)
{
	struct input *in = arg;

	for (;;) {
		pthread_mutex_lock(&in->mu);
		while (in->count == NSLOTS && !in->stop)
			pthread_cond_wait(&in->has_space, &in->mu);
		if (in->stop) {
			pthread_mutex_unlock(&in->mu);
			return NULL;
		}
		struct slot *s = &in->slots[(in->head + in->count) % NSLOTS];
		pthread_mutex_unlock(&in->mu);

		/* The reader never touches a slot outside [head, head+count). */
		ssize_t k = decode_some(in, s->data, SLOT_SIZE);
		s->len = k > 0 ? (size_t)k : 0;
		s->pos = 0;
		s->status = k > 0 ? ST_OK : k == 0 ? ST_END : ST_ERR;
		s->cpos = cpos(in);

		pthread_mutex_lock(&in->mu);
		in->count++;
		pthread_cond_signal(&in->has_data);
		pthread_mutex_unlock(&in->mu);
		if (k <= 0)
			return NULL;
	}
}

/* Waits for the slot at head, first giving back the one lent out before
 * (input_lend): the reader is done with it now. */
static struct slot *next_slot(struct input *in)
{
	pthread_mutex_lock(&in->mu);
	if (in->lent) {
		in->lent = false;
		in->head = (in->head + 1) % NSLOTS;
		in->count--;
		pthread_cond_signal(&in->has_space);
	}
	while (in->count == 0)
		pthread_cond_wait(&in->has_data, &in->mu);
	struct slot *s = &in->slots[in->head];
	pthread_mutex_unlock(&in->mu);
	return s;
}

static ssize_t threaded_read(struct input *in, uint8_t *buf, size_t n)
{
	struct slot *s = next_slot(in);

	if (s->status != ST_OK)
		return s->status == ST_END ? 0 : -1;   /* sticky: never consumed */
	size_t k = s->len - s->pos;
	if (k > n)
		k = n;
	memcpy(buf, s->data + s->pos, k);
	s->pos += k;
	in->cpos_seen = s->cpos;
	if (s->pos == s->len) {
		pthread_mutex_lock(&in->mu);
		in->head = (in->head + 1) % NSLOTS;
		in->count--;
		pthread_cond_signal(&in->has_space);
		pthread_mutex_unlock(&in->mu);
	}
	return (ssize_t)k;
}

/* The rest of the slot at head, in place: it stays the reader's until its
 * next read or lend. */
static ssize_t threaded_lend(struct input *in, const uint8_t **p)
{
	struct slot *s = next_slot(in);

	if (s->status != ST_OK)
		return s->status == ST_END ? 0 : -1;   /* sticky: never consumed */
	*p = s->data + s->pos;
	size_t k = s->len - s->pos;
	s->pos = s->len;
	in->cpos_seen = s->cpos;
	in->lent = true;
	return (ssize_t)k;
}

static bool start_thread(struct input *in);

/*
 * The parallel decoder gave up (damage, a cut, a layout it does not take
 * on). It only ever returned blocks a sequential decoder returns first, so
 * decoding the file again from the start and dropping as many bytes gives
 * exactly the sequential bytes and error, with nothing emitted twice.
 */
/* Decodes the file again from its start (sequentially), dropping the
 * first skip bytes: they were handed out already. */
static void decode_again(struct input *in, uint64_t skip)
{
	uint8_t *scratch;

	if (lseek(in->fd, 0, SEEK_SET) != 0) {
		set_error(in, 0, "cannot rewind: %s", strerror(errno));
		return;
	}
	in->in_pos = in->in_len = 0;
	in->in_eof = false;
	in->read_total = 0;
	scratch = malloc(SLOT_SIZE);
	if (!scratch) {
		set_error(in, 0, "out of memory decompressing bzip2");
		return;
	}
	while (skip > 0 && in->state == ST_OK) {
		size_t want = skip < SLOT_SIZE ? (size_t)skip : SLOT_SIZE;
		ssize_t k = decode_some(in, scratch, want);
		if (k <= 0)
			break;
		skip -= (uint64_t)k;
	}
	free(scratch);
}

static void par_fall_back(struct input *in)
{
	uint64_t skip = bz2par_emitted(in->par);

	bz2par_stop(in->par);
	in->par = NULL;
	decode_again(in, skip);
	if (in->state == ST_OK)
		(void)start_thread(in);
}

/* A peek reads the first block's bytes; what it reads past them is decoded
 * sequentially (the first block is not a stream's state to go on from). */
static ssize_t first_read(struct input *in, uint8_t *buf, size_t n)
{
	size_t len;
	const uint8_t *b = bz2par_first_bytes(in->first, &len);

	if (in->first_pos < len) {
		size_t k = len - in->first_pos < n ? len - in->first_pos : n;
		memcpy(buf, b + in->first_pos, k);
		in->first_pos += k;
		return (ssize_t)k;
	}
	in->first_over = true;
	decode_again(in, len);
	return decode_some(in, buf, n);
}

ssize_t input_read(struct input *in, void *buf, size_t n)
{
	if (n == 0)
		return 0;
	in->gap = false;
	if (in->first && !in->first_over)
		return first_read(in, buf, n);
	if (in->par) {
		ssize_t k = bz2par_read(in->par, buf, n);
		if (k >= 0)
			return k;
		uint64_t off;
		switch (bz2par_end(in->par, &off)) {
		case BZ2PAR_CUT:
			set_error(in, off, "bzip2 stream ends early (file cut short?)");
			return -1;
		case BZ2PAR_CORRUPT:
			set_error(in, off, "bzip2 data corrupt");
			return -1;
		case BZ2PAR_GAP: {
			/* Not sticky: the next read goes on with the next block. */
			const struct bz2par_gap *g = bz2par_last_gap(in->par);
			snprintf(in->err, sizeof in->err,
			         "bzip2 block at compressed byte %llu is corrupt (%s): "
			         "skipped its data, about %llu bytes",
			         (unsigned long long)g->block_off,
			         g->crc_mismatch ? "CRC mismatch" : "bad data",
			         (unsigned long long)g->lost);
			in->err_off = off;
			in->gap = true;
			return -1;
		}
		default:
			/* Sequential decoding would stop at the skipped block: the
			 * bytes after it are not where a fresh start can find them. */
			if (bz2par_skipped(in->par) > 0) {
				set_error(in, bz2par_compressed_pos(in->par),
				          "bzip2 data corrupt (cannot go on after a skipped block)");
				return -1;
			}
			par_fall_back(in);
		}
	}
	if (in->threaded)
		return threaded_read(in, buf, n);
	return decode_some(in, buf, n);
}

ssize_t input_lend(struct input *in, const uint8_t **p)
{
	if (!in->threaded || in->par || (in->first && !in->first_over))
		return INPUT_NO_LEND;
	in->gap = false;
	return threaded_lend(in, p);
}

/* Reads until the first three bytes are known (or the file is shorter). */
static void prime(struct input *in)
{
	while (in->in_len < 3 && !in->in_eof && in->state == ST_OK) {
		ssize_t k = read(in->fd, in->in + in->in_len, IN_CHUNK - in->in_len);
		if (k > 0) {
			in->in_len += (size_t)k;
			in->read_total += (uint64_t)k;
		} else if (k == 0) {
			in->in_eof = true;
		} else if (errno != EINTR) {
			set_error(in, in->read_total, "read error: %s", strerror(errno));
		}
	}
}

/* The kind the first bytes of a stream say. */
static enum input_kind kind_of(const uint8_t *b, size_t len)
{
	if (len >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return INPUT_GZIP;
	if (len >= 3 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h')
		return INPUT_BZIP2;
	return INPUT_PLAIN;
}

static bool start_codec(struct input *in, char *err, size_t errlen)
{
	in->kind = kind_of(in->in, in->in_len);

	if (in->kind == INPUT_GZIP && inflateInit2(&in->z, 16 + MAX_WBITS) != Z_OK) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
#ifdef MRTREACH_ISAL
	if (in->kind == INPUT_GZIP) {
		in->isal = malloc(sizeof *in->isal);
		if (!in->isal) {
			inflateEnd(&in->z);
			snprintf(err, errlen, "out of memory");
			return false;
		}
		isal_inflate_init(in->isal);
		in->isal->crc_flag = ISAL_GZIP;
	}
#endif
	if (in->kind == INPUT_BZIP2 && BZ2_bzDecompressInit(&in->bz, 0, 0) != BZ_OK) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	in->codec_live = in->kind != INPUT_PLAIN;
	return true;
}

static bool start_thread(struct input *in)
{
	for (int i = 0; i < NSLOTS; i++) {
		in->slots[i].data = malloc(SLOT_SIZE);
		if (!in->slots[i].data)
			return false;
	}
	if (pthread_mutex_init(&in->mu, NULL) != 0)
		return false;
	pthread_cond_init(&in->has_data, NULL);
	pthread_cond_init(&in->has_space, NULL);
	if (pthread_create(&in->thread, NULL, worker, in) != 0) {
		pthread_cond_destroy(&in->has_data);
		pthread_cond_destroy(&in->has_space);
		pthread_mutex_destroy(&in->mu);
		return false;
	}
	in->threaded = true;
	return true;
}

/* Block-parallel bzip2 pays off with a second core, and needs a file it can
 * rewind to fall back on. Past four workers the decoding of MRT outruns
 * any consumer, and each worker costs ~8 MB, so four at most. */
/* A regular file read from its start so far: what a rewind needs. */
static bool rewindable(const struct input *in)
{
	struct stat st;

	return fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	       lseek(in->fd, 0, SEEK_CUR) == (off_t)in->in_len;
}

/* Starts the block-parallel decoder, handing it first (taken; may be NULL). */
static void start_par(struct input *in, struct bz2par_first *first)
{
	int n = bzip2_workers;

	if (n < 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		n = cores < 2 ? 0 : cores > 4 ? 4 : (int)cores;
	}
	if (n == 0 || !rewindable(in)) {
		bz2par_first_free(first);
		return;
	}
	in->par = bz2par_start_after(in->fd, in->in, in->in_len, n, first);
}

/* A peek at a bzip2 file on disk decodes its first block on its own. */
static void start_first(struct input *in)
{
	if (!rewindable(in))
		return;
	in->first = bz2par_first_block(in->fd, in->in, in->in_len);
	if (!in->first && lseek(in->fd, (off_t)in->in_len, SEEK_SET) != (off_t)in->in_len)
		set_error(in, in->in_len, "cannot rewind: %s", strerror(errno));
}

/* threaded: 1 or 0; PEEK: no thread, the first block of a bzip2 file
 * decoded on its own (input_take_first). first: a peek's, for the stream. */
enum { PEEK = 2 };

static struct input *open_input(const char *path, int threaded, struct bz2par_first *first,
                                char *err, size_t errlen)
{
	struct input *in = calloc(1, sizeof *in);
	if (!in) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	in->fd = -1;
	in->path = strdup(path);
	in->in = malloc(IN_CHUNK);
	if (!in->path || !in->in) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (strcmp(path, "-") == 0) {
		in->fd = STDIN_FILENO;
	} else {
		in->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (in->fd < 0) {
			snprintf(err, errlen, "%s", strerror(errno));
			goto fail;
		}
		in->own_fd = true;
		struct stat st;
		if (fstat(in->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "is a directory");
			goto fail;
		}
	}
#ifdef MRTREACH_ISAL
	in->start_off = lseek(in->fd, 0, SEEK_CUR);
#endif
	prime(in);
	if (in->state == ST_ERR) {
		snprintf(err, errlen, "%s", in->err);
		goto fail;
	}
	if (!start_codec(in, err, errlen))
		goto fail;
	if (threaded == PEEK && in->kind == INPUT_BZIP2)
		start_first(in);
	/* Plain bytes gain nothing from a thread; a failed start falls back to one. */
	if (threaded == 1 && in->kind == INPUT_BZIP2) {
		start_par(in, first);
		first = NULL;
	}
	bz2par_first_free(first);
	if (threaded == 1 && in->kind != INPUT_PLAIN && !in->par)
		(void)start_thread(in);
	return in;
fail:
	bz2par_first_free(first);
	input_close(in);
	return NULL;
}

struct input *input_open_mode(const char *path, int threaded, char *err, size_t errlen)
{
	return open_input(path, threaded != 0, NULL, err, errlen);
}

struct input *input_open(const char *path, char *err, size_t errlen)
{
	return input_open_mode(path, threading_default, err, errlen);
}

struct input *input_open_peek(const char *path, char *err, size_t errlen)
{
	return open_input(path, PEEK, NULL, err, errlen);
}

struct input *input_open_first(const char *path, struct bz2par_first *first, char *err,
                               size_t errlen)
{
	return open_input(path, threading_default, first, err, errlen);
}

struct bz2par_first *input_take_first(struct input *in)
{
	struct bz2par_first *f = in->first;

	in->first = NULL;
	in->first_over = true;
	return f;
}

const char *input_inflate_name(void)
{
#ifdef MRTREACH_ISAL
#define ISAL_STR2(x) #x
#define ISAL_STR(x) ISAL_STR2(x)
	return "ISA-L " ISAL_STR(ISAL_MAJOR_VERSION) "." ISAL_STR(ISAL_MINOR_VERSION) "."
	       ISAL_STR(ISAL_PATCH_VERSION) " (zlib " ZLIB_VERSION " for damaged members)";
#else
	return "zlib " ZLIB_VERSION;
#endif
}

const char *input_error(const struct input *in) { return in->err; }
uint64_t input_error_offset(const struct input *in) { return in->err_off; }
enum input_kind input_kind(const struct input *in) { return in->kind; }
int input_bzip2_parallel(const struct input *in) { return in->par != NULL; }
int input_resumable(const struct input *in) { return in->gap; }
const char *input_path(const struct input *in) { return in->path; }

uint64_t input_compressed_pos(const struct input *in)
{
	if (in->par)
		return bz2par_compressed_pos(in->par);
	return in->threaded ? in->cpos_seen : cpos(in);
}

void input_close(struct input *in)
{
	if (!in)
		return;
	bz2par_stop(in->par);
	bz2par_first_free(in->first);
	if (in->threaded) {
		pthread_mutex_lock(&in->mu);
		in->stop = true;
		pthread_cond_signal(&in->has_space);
		pthread_mutex_unlock(&in->mu);
		pthread_join(in->thread, NULL);
		pthread_cond_destroy(&in->has_data);
		pthread_cond_destroy(&in->has_space);
		pthread_mutex_destroy(&in->mu);
	}
	for (int i = 0; i < NSLOTS; i++)
		free(in->slots[i].data);
#ifdef MRTREACH_ISAL
	free(in->isal);
#endif
	if (in->codec_live) {
		if (in->kind == INPUT_GZIP)
			inflateEnd(&in->z);
		else
			BZ2_bzDecompressEnd(&in->bz);
	}
	if (in->own_fd && in->fd >= 0)
		close(in->fd);
	free(in->in);
	free(in->path);
	free(in);
}
