/*
 * bz2par.c — bzip2 decoded block by block on several threads (see bz2par.h).
 * Owns: the scanner thread of each file (bz2scan.c finds and wraps the
 * blocks), the process's pool of worker threads shared by every open
 * decoder, each decoder's ring of blocks, and the reader that hands out
 * decoded blocks in order, checks stream CRCs and skips damage.
 * Never: emits a block before libbz2 has checked its CRC, nor out of order;
 * never runs more worker threads than the most any open decoder asked for.
 *
 * The workers are shared: when several files are open at once (a merge
 * decoding the next files ahead of their time), every worker takes the
 * next block of the decoder opened first that has one waiting, so the file
 * being read is served first and the cores left over decode the files
 * after it, instead of each file's start and end leaving cores idle. Each
 * decoder's ring (workers + 2 blocks) still bounds what it holds.
 *
 * The scanner cuts the bits from one magic to the next and wraps them as a
 * stream of their own ("BZh" + level, the block, an end magic, a combined
 * CRC equal to the block CRC), which any worker decodes: bz2dec.c when it
 * takes the block on (a sound one, about twice as fast), else libbz2, whose
 * verdict on damage is the one that counts.
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
 * valid block that keeps their bit alignment (bz2scan_wrap_tail). The
 * stream then ends at the same bit as the file, and libbz2 returns what
 * sequential decoding would, then runs out of input (or meets the same
 * damage).
 */
#include "io/bz2par.h"
#include "io/bz2dec.h"
#include "io/bz2scan.h"

#include <bzlib.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* A block's decoded size beyond this (long runs) is left to sequential
 * decoding, which streams it: it bounds memory to a few such buffers. */
#define OUT_CAP     (32u << 20)
#define OUT_START   (2u << 20)

/* JOB_STREAM_END: a stream's end, with its combined CRC; JOB_MERGED: a
 * block decoded as part of the one before it (a false magic between them);
 * JOB_END, JOB_FAIL: the scan is over, cleanly or not. */
enum job_kind { JOB_BLOCK, JOB_TAIL, JOB_STREAM_END, JOB_MERGED, JOB_END, JOB_FAIL };

/* Why a block did not decode: the data (bad, or CRC mismatch) or anything else. */
enum fail { FAIL_NONE, FAIL_DATA, FAIL_CRC, FAIL_OTHER };

/* One cut block on its way scanner -> worker -> reader, or a final marker. */
struct job {
	enum job_kind kind;
	struct bz2wrap in;      /* the block wrapped as a one-block stream */
	uint8_t *out;           /* its decoded bytes [pos, out_len) not yet read */
	size_t out_len, out_cap, pos;
	bool done, ok;
	enum fail fail;
	uint64_t cpos;          /* compressed offset just past the block */
	/* JOB_BLOCK: its first bit in the file, its length in bits, its level
	 * and stored CRC (JOB_STREAM_END: the stream's combined CRC). */
	uint64_t bit, nbits;
	char level;
	uint32_t crc;
	/* JOB_TAIL: where its bits come from, and after decoding how the
	 * file ends (BZ2PAR_CUT / BZ2PAR_CORRUPT) and where. */
	struct bz2tail tail;
	enum bz2par_ending tail_end;
	uint64_t tail_off;
};

struct bz2par {
	int nworkers;
	pthread_t scanner;

	/* Guarded by pool.mu, as is the ring's state below. */
	pthread_cond_t space, ready;
	struct bz2par *next, *prev;     /* in the pool's list of open decoders */
	int busy;                       /* blocks of this decoder workers hold now */
	struct job *ring;
	unsigned nring;
	uint64_t head, next_claim, next_fill;   /* job sequence numbers */
	bool scan_over, stop;

	uint64_t emitted, cpos_seen;
	enum bz2par_ending end_kind;   /* CUT / CORRUPT once known, GAP */
	uint64_t end_off;

	/* The reader's view: the combined CRC of the blocks handed out in this
	 * stream, whether one was skipped, and the skipped blocks so far. */
	uint32_t stream_crc;
	bool stream_skipped;
	uint64_t skipped;
	uint64_t good_out, good_bits;   /* decoded bytes per compressed bit, for estimates */
	struct bz2par_gap gap;

	struct bz2scan *scan;   /* the scanner thread's alone */
	struct bz2par_first *first;     /* the first block, already decoded */
	uint64_t decoded;               /* blocks the workers decoded */
};

struct bz2par_first {
	uint8_t *out;
	size_t len, cap;
	uint64_t bit, nbits;
	uint32_t crc;
};

void bz2par_set_fake_magic(uint64_t bit) { bz2scan_set_fake_magic(bit); }

/* ---- the pool ----------------------------------------------------------- */

/* The worker threads of the process: started with the first decoder, as
 * many as the most workers asked for, and ended with the last decoder. One
 * mutex guards the pool and every decoder's ring (a block is tens of
 * milliseconds of work: it is taken a few times per block). */
static struct {
	pthread_mutex_t mu;
	pthread_cond_t work;            /* a block to decode, or quit */
	pthread_mutex_t life;           /* starting and ending the threads */
	struct bz2par *head, *tail;     /* open decoders, the oldest first */
	pthread_t threads[BZ2PAR_MAX_WORKERS];
	int nthreads, users;
	bool quit;
} pool = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
           NULL, NULL, { 0 }, 0, 0, false };

/* ---- the ring ------------------------------------------------------------- */

/* Waits for a free slot; NULL when told to stop. */
static struct job *next_slot(struct bz2par *p)
{
	pthread_mutex_lock(&pool.mu);
	while (p->next_fill - p->head == p->nring && !p->stop)
		pthread_cond_wait(&p->space, &pool.mu);
	struct job *jb = p->stop ? NULL : &p->ring[p->next_fill % p->nring];
	pthread_mutex_unlock(&pool.mu);
	return jb;
}

static void publish(struct bz2par *p)
{
	pthread_mutex_lock(&pool.mu);
	p->next_fill++;
	pthread_cond_broadcast(&pool.work);
	pthread_cond_broadcast(&p->ready);
	pthread_mutex_unlock(&pool.mu);
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
	pthread_mutex_lock(&pool.mu);
	p->scan_over = true;
	pthread_cond_broadcast(&pool.work);
	pthread_mutex_unlock(&pool.mu);
}

/* ---- the scanner ------------------------------------------------------------ */

/* The item the scanner found, as the job in slot jb; false when it cannot
 * be wrapped (no memory, no lead block). */
static bool fill_job(struct bz2par *p, struct job *jb, const struct bz2scan_item *it)
{
	jb->out_len = jb->pos = 0;
	jb->cpos = it->cpos;
	switch (it->kind) {
	case BZ2SCAN_BLOCK:
		jb->kind = JOB_BLOCK;
		jb->done = jb->ok = false;
		jb->fail = FAIL_NONE;
		jb->bit = it->bit;
		jb->nbits = it->nbits;
		jb->level = it->level;
		jb->crc = it->crc;
		return bz2scan_wrap_block(p->scan, it, &jb->in);
	case BZ2SCAN_STREAM_END:
		/* The reader checks the combined CRC over what it hands out. */
		jb->kind = JOB_STREAM_END;
		jb->done = jb->ok = true;
		jb->crc = it->crc;
		return true;
	case BZ2SCAN_TAIL:
		jb->kind = JOB_TAIL;
		jb->done = jb->ok = false;
		jb->tail_end = BZ2PAR_UNKNOWN;
		jb->tail_off = 0;
		return bz2scan_wrap_tail(p->scan, it, &jb->in, &jb->tail);
	default:
		return false;
	}
}

/* The first block as the peek decoded it, when it is the block scanned:
 * the job is done, and its bytes are the peek's. Consumes p->first. */
static bool take_first(struct bz2par *p, struct job *jb, const struct bz2scan_item *it)
{
	struct bz2par_first *f = p->first;

	p->first = NULL;
	if (!f || it->kind != BZ2SCAN_BLOCK || f->bit != it->bit || f->nbits != it->nbits ||
	    f->crc != it->crc) {
		bz2par_first_free(f);
		return false;
	}
	jb->kind = JOB_BLOCK;
	jb->fail = FAIL_NONE;
	jb->cpos = it->cpos;
	jb->bit = it->bit;
	jb->nbits = it->nbits;
	jb->level = it->level;
	jb->crc = it->crc;
	free(jb->out);
	jb->out = f->out;
	jb->out_cap = f->cap;
	jb->out_len = f->len;
	jb->pos = 0;
	jb->done = jb->ok = true;   /* no worker claims it */
	f->out = NULL;
	bz2par_first_free(f);
	return true;
}

static void *scanner_main(void *arg)
{
	struct bz2par *p = arg;
	struct bz2scan_item it;

	for (;;) {
		enum bz2scan_kind k = bz2scan_next(p->scan, &it);
		if (k == BZ2SCAN_FILE_END || k == BZ2SCAN_FAIL)
			break;
		/* The item's bits stay in the scanner's buffer until the next
		 * bz2scan_next(), so waiting for a slot first is safe. */
		struct job *jb = next_slot(p);
		if (!jb || (!take_first(p, jb, &it) && !fill_job(p, jb, &it)))
			break;
		publish(p);
	}
	finish_scan(p, it.kind == BZ2SCAN_FILE_END ? JOB_END : JOB_FAIL);
	return NULL;
}

/* ---- the workers ------------------------------------------------------------ */

/* libbz2 found damage after consuming `used` bytes of a tail stream. The
 * file's bytes line up with the stream's from the cut block on, so the
 * sequential decoder would have consumed the matching file bytes. */
static void tail_damage(struct job *jb, size_t used)
{
	if (bz2scan_tail_offset(&jb->tail, used, &jb->tail_off))
		jb->tail_end = BZ2PAR_CORRUPT;
}

/* libbz2's allocations kept from block to block: a decoder's tables (3.6
 * MB at level 9) would otherwise be allocated and freed per block, and
 * being above malloc's mmap threshold (main.c) each would be mapped afresh
 * and fault in page by page (a peek per file of a day of one-block update
 * files: about 900 faults each). libbz2 makes at most three (its state,
 * and its tables in one or two). A set is held by one thread at a time: a
 * worker for its life, a peek or a merged pair for one block; between
 * them the sets wait as spares (at most BZ2PAR_MAX_WORKERS, kept for the
 * process's life: the next worker or peek takes one). */
#define BZMEM_N 4

struct bzmem {
	struct {
		void *p;
		size_t n;
		bool live;
	} b[BZMEM_N];
	struct bz2dec_mem dec;          /* bz2dec.c's, for the blocks it takes */
};

/* The tables are read at random, a byte or four at a time, for every
 * decoded byte: in 2 MiB pages (where the kernel grants them on request)
 * they miss the TLB far less than in 4 KiB ones. */
#define HUGE_PAGE ((size_t)2 << 20)

static void *bzmem_map(size_t n)
{
#ifdef MADV_HUGEPAGE
	if (n >= HUGE_PAGE) {
		size_t whole = (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
		void *q = aligned_alloc(HUGE_PAGE, whole);
		if (q)
			(void)madvise(q, whole, MADV_HUGEPAGE);
		return q;
	}
#endif
	return malloc(n ? n : 1);
}

static void *bzmem_alloc(void *opaque, int items, int size)
{
	struct bzmem *m = opaque;
	size_t n = (size_t)items * (size_t)size;
	int spare = -1;
	for (int i = 0; i < BZMEM_N; i++) {
		if (m->b[i].p && !m->b[i].live && m->b[i].n == n) {
			m->b[i].live = true;
			return m->b[i].p;
		}
		if (!m->b[i].live && (spare < 0 || !m->b[i].p))
			spare = i;
	}
	void *q = bzmem_map(n);
	if (q && spare >= 0) {
		free(m->b[spare].p);               /* a size no longer asked for */
		m->b[spare].p = q;
		m->b[spare].n = n;
		m->b[spare].live = true;
	}
	return q;
}

static void bzmem_free(void *opaque, void *q)
{
	struct bzmem *m = opaque;
	for (int i = 0; i < BZMEM_N; i++)
		if (m->b[i].p == q) {
			m->b[i].live = false;
			return;
		}
	free(q);
}

static void bzmem_clear(struct bzmem *m)
{
	for (int i = 0; i < BZMEM_N; i++)
		free(m->b[i].p);
	bz2dec_mem_free(&m->dec);
	memset(m, 0, sizeof *m);
}

static struct {
	pthread_mutex_t mu;
	struct bzmem *v[BZ2PAR_MAX_WORKERS];
	int n;
} spares = { PTHREAD_MUTEX_INITIALIZER, { NULL }, 0 };

/* A set for the calling thread: a spare one, or a new empty one (NULL
 * without memory: libbz2 then allocates on its own). */
static struct bzmem *bzmem_get(void)
{
	struct bzmem *m = NULL;

	pthread_mutex_lock(&spares.mu);
	if (spares.n > 0)
		m = spares.v[--spares.n];
	pthread_mutex_unlock(&spares.mu);
	if (!m && (m = calloc(1, sizeof *m)) != NULL)
		m->dec.alloc = bzmem_map;
	return m;
}

/* The caller is done with m: a spare again, or freed past the limit. */
static void bzmem_put(struct bzmem *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&spares.mu);
	if (spares.n < BZ2PAR_MAX_WORKERS) {
		spares.v[spares.n++] = m;
		m = NULL;
	}
	pthread_mutex_unlock(&spares.mu);
	if (m) {
		bzmem_clear(m);
		free(m);
	}
}

/* Decodes a wrapped block; false unless it is exactly one sound block, and
 * then jb->fail says why. With a tail, sets how the file ends instead
 * (tail_end, 0 when unsure). mem: the caller's kept allocations
 * (bzmem_get; NULL: malloc's). */
static bool decode_block(struct job *jb, struct bzmem *mem)
{
	bz_stream s;
	bool ok = false;
	bool tail = jb->kind == JOB_TAIL;

	/* The common case, a sound block, without libbz2 when bz2dec.c takes
	 * it on; any doubt, and libbz2 decodes it (its verdict counts). */
	if (mem && !tail && bz2dec_block(jb->in.b, jb->in.len, jb->nbits, jb->crc, &mem->dec,
	                                 &jb->out, &jb->out_cap, &jb->out_len, OUT_CAP)) {
		jb->fail = FAIL_NONE;
		return true;
	}
	jb->fail = FAIL_OTHER;
	memset(&s, 0, sizeof s);
	if (mem) {
		s.bzalloc = bzmem_alloc;
		s.bzfree = bzmem_free;
		s.opaque = mem;
	}
	if (BZ2_bzDecompressInit(&s, 0, 0) != BZ_OK)
		return false;
	s.next_in = (char *)jb->in.b;
	s.avail_in = (unsigned)jb->in.len;
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
			tail_damage(jb, jb->in.len - s.avail_in);
		if (rc == BZ_DATA_ERROR && !tail) {
			/* libbz2 compares the CRC once every bit of the block is
			 * read and its bytes are out; other damage stops it sooner. */
			uint64_t used = (uint64_t)(jb->in.len - s.avail_in) * 8;
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
		if (jb->out_len < jb->tail.lead_out) {
			jb->tail_end = BZ2PAR_UNKNOWN;
		} else {
			jb->pos = jb->tail.lead_out;
			ok = true;
		}
	}
	return ok;
}

/* With pool.mu held: the next block waiting in the oldest decoder that has
 * one, claimed for the caller (owner: its decoder); NULL when none waits. */
static struct job *claim(struct bz2par **owner)
{
	for (struct bz2par *p = pool.head; p; p = p->next) {
		if (p->stop)
			continue;
		/* The reader may pass a marker (a stream's end) before any worker
		 * skips it, and the scanner then reuses its slot: claim from the
		 * head on, never from a slot that now holds a later job. */
		if (p->next_claim < p->head)
			p->next_claim = p->head;
		while (p->next_claim < p->next_fill &&
		       ((p->ring[p->next_claim % p->nring].kind != JOB_BLOCK &&
		         p->ring[p->next_claim % p->nring].kind != JOB_TAIL) ||
		        p->ring[p->next_claim % p->nring].done))
			p->next_claim++;
		if (p->next_claim < p->next_fill) {
			p->busy++;
			*owner = p;
			return &p->ring[p->next_claim++ % p->nring];
		}
	}
	return NULL;
}

static void *worker_main(void *arg)
{
	struct bzmem *mem = bzmem_get();

	(void)arg;
	pthread_mutex_lock(&pool.mu);
	while (!pool.quit) {
		struct bz2par *p;
		struct job *jb = claim(&p);
		if (!jb) {
			pthread_cond_wait(&pool.work, &pool.mu);
			continue;
		}
		pthread_mutex_unlock(&pool.mu);

		bool ok = decode_block(jb, mem);

		pthread_mutex_lock(&pool.mu);
		jb->ok = ok;
		jb->done = true;
		p->decoded++;
		p->busy--;
		pthread_cond_broadcast(&p->ready);
	}
	pthread_mutex_unlock(&pool.mu);
	bzmem_put(mem);
	return NULL;
}

/* Decoder p joins the pool (the last in line), which grows to workers
 * threads if it has fewer; false when it has none at all. */
static bool pool_enter(struct bz2par *p, int workers)
{
	pthread_mutex_lock(&pool.life);
	pthread_mutex_lock(&pool.mu);
	p->prev = pool.tail;
	p->next = NULL;
	if (pool.tail)
		pool.tail->next = p;
	else
		pool.head = p;
	pool.tail = p;
	pool.users++;
	pthread_mutex_unlock(&pool.mu);
	/* Only this thread (holding life) changes nthreads while users > 0. */
	while (pool.nthreads < workers &&
	       pthread_create(&pool.threads[pool.nthreads], NULL, worker_main, NULL) == 0)
		pool.nthreads++;
	bool any = pool.nthreads > 0;
	pthread_mutex_unlock(&pool.life);
	return any;
}

/* Decoder p leaves the pool once no worker holds a block of it; the last
 * one out ends the threads. */
static void pool_leave(struct bz2par *p)
{
	pthread_mutex_lock(&pool.life);
	pthread_mutex_lock(&pool.mu);
	if (p->prev)
		p->prev->next = p->next;
	else
		pool.head = p->next;
	if (p->next)
		p->next->prev = p->prev;
	else
		pool.tail = p->prev;
	while (p->busy > 0)
		pthread_cond_wait(&p->ready, &pool.mu);
	bool last = --pool.users == 0;
	if (last) {
		pool.quit = true;
		pthread_cond_broadcast(&pool.work);
	}
	pthread_mutex_unlock(&pool.mu);
	if (last) {
		for (int i = 0; i < pool.nthreads; i++)
			pthread_join(pool.threads[i], NULL);
		pool.nthreads = 0;
		pthread_mutex_lock(&pool.mu);
		pool.quit = false;
		pthread_mutex_unlock(&pool.mu);
	}
	pthread_mutex_unlock(&pool.life);
}

/* ---- the reader --------------------------------------------------------------- */

static uint32_t rotl1(uint32_t x) { return (x << 1) | (x >> 31); }

/* The job with sequence number seq, once published and decoded. seq is at
 * most head + 2, which the ring (>= 3 slots) always makes room for. */
static struct job *wait_job(struct bz2par *p, uint64_t seq)
{
	pthread_mutex_lock(&pool.mu);
	struct job *jb = &p->ring[seq % p->nring];
	while (seq >= p->next_fill || !jb->done)
		pthread_cond_wait(&p->ready, &pool.mu);
	pthread_mutex_unlock(&pool.mu);
	return jb;
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
	m.crc = a->crc;
	if (!bz2scan_join(&a->in, a->nbits, &b->in, b->nbits, a->level, a->crc, &m.in))
		return FAIL_OTHER;
	struct bzmem *mem = bzmem_get();
	bool ok = decode_block(&m, mem);
	bzmem_put(mem);
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
	free(m.in.b);
	free(m.out);
	return ok ? FAIL_NONE : m.fail;
}

/* The reader is done with the job at the head: its slot is free again. */
static void advance(struct bz2par *p)
{
	pthread_mutex_lock(&pool.mu);
	p->head++;
	pthread_cond_signal(&p->space);
	pthread_mutex_unlock(&pool.mu);
}

/* What the reader made of a block that did not decode. */
enum bad {
	BAD_WAS_SOUND,   /* merged with the next: a false magic had cut it */
	BAD_SKIPPED,     /* damage, skipped: p->gap says what */
	BAD_GIVE_UP,     /* this decoder cannot tell, and stops */
};

/* The block at the head did not decode: what it was. */
static enum bad bad_block(struct bz2par *p, struct job *jb)
{
	if (jb->fail != FAIL_DATA && jb->fail != FAIL_CRC)
		return BAD_GIVE_UP;
	struct job *next = wait_job(p, p->head + 1);
	if (next->kind == JOB_BLOCK) {
		enum fail f = try_merged(jb, next);
		if (f == FAIL_NONE)
			return BAD_WAS_SOUND;
		if (f == FAIL_OTHER)
			return BAD_GIVE_UP;
	} else if (next->kind == JOB_STREAM_END) {
		/* A stream end must be followed by what a file may hold there: a
		 * failed layout after it suggests a false end magic instead. */
		if (wait_job(p, p->head + 2)->kind == JOB_FAIL)
			return BAD_GIVE_UP;
	} else if (next->kind != JOB_TAIL) {
		return BAD_GIVE_UP;
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
	return BAD_SKIPPED;
}

ssize_t bz2par_read(struct bz2par *p, void *buf, size_t n)
{
	if (p->end_kind == BZ2PAR_GAP)
		p->end_kind = BZ2PAR_UNKNOWN;   /* a skipped block is reported once */
	for (;;) {
		struct job *jb = wait_job(p, p->head);

		if (jb->kind == JOB_END)
			return 0;
		if (jb->kind == JOB_MERGED) {
			advance(p);
			continue;
		}
		if (jb->kind == JOB_STREAM_END) {
			if (!p->stream_skipped && p->stream_crc != jb->crc)
				return -1;      /* sticky: the slot stays at the head */
			p->stream_crc = 0;
			p->stream_skipped = false;
			p->cpos_seen = jb->cpos;
			advance(p);
			continue;
		}
		if (jb->kind == JOB_BLOCK && !jb->ok) {
			/* GIVE_UP: sticky; SKIPPED: BZ2PAR_GAP, reading goes on after it. */
			if (bad_block(p, jb) != BAD_WAS_SOUND)
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

enum bz2par_ending bz2par_end(const struct bz2par *p, uint64_t *off)
{
	*off = p->end_off;
	return p->end_kind;
}
uint64_t bz2par_compressed_pos(const struct bz2par *p) { return p->cpos_seen; }
uint64_t bz2par_skipped(const struct bz2par *p) { return p->skipped; }

uint64_t bz2par_blocks_decoded(struct bz2par *p)
{
	pthread_mutex_lock(&pool.mu);
	uint64_t n = p->decoded;
	pthread_mutex_unlock(&pool.mu);
	return n;
}
int bz2par_spare_sets(void)
{
	pthread_mutex_lock(&spares.mu);
	int n = spares.n;
	pthread_mutex_unlock(&spares.mu);
	return n;
}

int bz2par_pool_threads(void)
{
	pthread_mutex_lock(&pool.life);
	int n = pool.nthreads;
	pthread_mutex_unlock(&pool.life);
	return n;
}

const struct bz2par_gap *bz2par_last_gap(const struct bz2par *p) { return &p->gap; }

/* ---- life cycle ------------------------------------------------------------------ */

static void free_all(struct bz2par *p);

/* Frees p, out of the pool, its scanner joined. */
static void destroy(struct bz2par *p)
{
	pthread_cond_destroy(&p->space);
	pthread_cond_destroy(&p->ready);
	free_all(p);
}

static void free_all(struct bz2par *p)
{
	for (unsigned i = 0; i < p->nring; i++) {
		free(p->ring[i].in.b);
		free(p->ring[i].out);
	}
	free(p->ring);
	bz2scan_free(p->scan);
	bz2par_first_free(p->first);
	free(p);
}

struct bz2par_first *bz2par_first_block(int fd, const uint8_t *head, size_t head_len)
{
	struct bz2scan *sc = bz2scan_new(fd, head, head_len);
	struct bz2scan_item it;
	struct job jb;
	struct bz2par_first *f = NULL;

	memset(&jb, 0, sizeof jb);
	if (sc && bz2scan_next(sc, &it) == BZ2SCAN_BLOCK && bz2scan_wrap_block(sc, &it, &jb.in)) {
		jb.kind = JOB_BLOCK;
		jb.nbits = it.nbits;
		jb.crc = it.crc;
		struct bzmem *mem = bzmem_get();
		bool ok = decode_block(&jb, mem);
		bzmem_put(mem);
		if (ok && jb.out_len > 0 && (f = malloc(sizeof *f)) != NULL) {
			/* Kept a while: no more memory than its bytes. */
			uint8_t *fit = realloc(jb.out, jb.out_len);
			if (fit) {
				jb.out = fit;
				jb.out_cap = jb.out_len;
			}
			*f = (struct bz2par_first){ jb.out, jb.out_len, jb.out_cap, it.bit, it.nbits, it.crc };
			jb.out = NULL;
		}
	}
	free(jb.in.b);
	free(jb.out);
	bz2scan_free(sc);
	return f;
}

const uint8_t *bz2par_first_bytes(const struct bz2par_first *f, size_t *len)
{
	*len = f->len;
	return f->out;
}

void bz2par_first_free(struct bz2par_first *f)
{
	if (!f)
		return;
	free(f->out);
	free(f);
}

struct bz2par *bz2par_start(int fd, const uint8_t *head, size_t head_len, int workers)
{
	return bz2par_start_after(fd, head, head_len, workers, NULL);
}

struct bz2par *bz2par_start_after(int fd, const uint8_t *head, size_t head_len, int workers,
                                  struct bz2par_first *first)
{
	struct bz2par *p = calloc(1, sizeof *p);
	if (!p) {
		bz2par_first_free(first);
		return NULL;
	}
	p->first = first;
	p->nworkers = workers < 1 ? 1 : workers > BZ2PAR_MAX_WORKERS ? BZ2PAR_MAX_WORKERS : workers;
	/* Room for every worker's block plus two decoded ones waiting their turn. */
	p->nring = (unsigned)p->nworkers + 2;
	p->ring = calloc(p->nring, sizeof *p->ring);
	p->scan = bz2scan_new(fd, head, head_len);
	if (!p->ring || !p->scan) {
		free_all(p);
		return NULL;
	}
	pthread_cond_init(&p->space, NULL);
	pthread_cond_init(&p->ready, NULL);
	if (!pool_enter(p, p->nworkers)) {
		pool_leave(p);
		destroy(p);
		return NULL;
	}
	if (pthread_create(&p->scanner, NULL, scanner_main, p) != 0) {
		pool_leave(p);
		destroy(p);
		return NULL;
	}
	return p;
}

void bz2par_stop(struct bz2par *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&pool.mu);
	p->stop = true;
	pthread_cond_broadcast(&p->space);
	pthread_mutex_unlock(&pool.mu);
	pthread_join(p->scanner, NULL);
	pool_leave(p);
	destroy(p);
}
