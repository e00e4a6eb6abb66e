/*
 * merge.c — many MRT inputs as one stream in timestamp order (see merge.h).
 * Owns: peeking each file's first timestamp (on every core at once),
 * opening files when their time comes, a heap of open readers, the next few
 * due files opened ahead so that their decompression runs while the open
 * ones are consumed, and collector names from paths.
 * Never: decodes bodies, or keeps a finished file open, or more than
 * ahead_limit files open ahead of their time (the next file of each
 * collector up to one per core, plus one per core up to AHEAD_MORE).
 */
#include "io/merge.h"
#include "io/bz2par.h"
#include "io/collector.h"
#include "io/heap.h"
#include "io/reader_priv.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct src_state {
	struct source pub;
	struct mrt_reader *reader;  /* open while the file's time is current */
	struct mrt_reader *ahead;   /* opened ahead of its time, decoding already */
	char *ahead_err;            /* or why opening it ahead failed */
	int peeked;                 /* mrt_peek's result (-1: cannot open) */
	char why[256];              /* and its reason */
	struct bz2par_first *first; /* the first block the peek decoded, kept */
	size_t first_len;
	struct mrt_record rec;      /* its next record, when open */
	uint32_t first_ts;          /* from the peek */
	bool first_rib;
	bool once;                  /* read once: stdin or a pipe (read_once) */
	bool has_records;
	uint64_t bytes;             /* compressed bytes, fixed once closed */
	bool done;
	bool in_heap;               /* in the heap of open sources (rec is its next) */
	char *open_err;             /* it could not be opened: why (reported when its turn comes) */
	/* What tells a file given twice (see merge_open). */
	dev_t dev;
	ino_t ino;
	off_t size;
	uint64_t hash;
	bool hashed;
};

struct merge {
	struct src_state *src;
	size_t n;
	char **collectors;
	size_t ncollectors;

	size_t *pending;            /* not yet opened, by first timestamp */
	size_t npending, pending_at;
	struct heap heap;           /* open sources keyed by their next record */
	size_t ahead_at;            /* pending[pending_at, ahead_at) are opened ahead */
	size_t ahead_limit, ahead_peak;
	size_t kept, kept_peak;     /* bytes of first blocks kept (at most KEEP_MAX) */
	struct src_state *last;     /* handed out a record on the previous call */
	size_t done, open_now, open_peak;
	damage_fn damage;
	void *damage_arg;
};

/* The peeks keep the first blocks they decoded for the streams, up to this
 * many bytes in all; once it is reached, the files peeked later are peeked
 * as cheaply as before (sequentially, up to their first record: about half
 * the cost of decoding the block, which libbz2 must undo whole) and decode
 * their first block again in their stream. A day of RouteViews updates (96
 * files of one block each, at most 900 kB) fits: these are freed as the
 * files are opened, so the peak is at the start. */
#define KEEP_MAX (96u << 20)
/* Room a peek wants before it decodes a first block to keep: a bzip2 block
 * of level 9 holds at most 900 000 bytes before its run-length coding, and
 * real MRT blocks decode to about that. With less room left, a block that
 * would be decoded in full and then dropped costs twice. */
#define FIRST_TYPICAL (1u << 20)

/* At most this many files beyond the next of each collector are opened
 * ahead, however many cores: each holds a ring of decoded blocks. */
#define AHEAD_MORE 4

/* Does source a come before source b? Earlier timestamp, then RIB dumps
 * before updates (a dump states what held at that second), then argument order. */
static bool rec_before(const struct src_state *a, const struct src_state *b)
{
	if (a->rec.ts != b->rec.ts)
		return a->rec.ts < b->rec.ts;
	bool ra = mrt_is_rib(a->rec.type), rb = mrt_is_rib(b->rec.type);
	if (ra != rb)
		return ra;
	return a->pub.index < b->pub.index;
}

static bool src_before(size_t a, size_t b, void *arg)
{
	const struct merge *m = arg;
	return rec_before(&m->src[a], &m->src[b]);
}

static uint32_t collector_index(struct merge *m, const char *name)
{
	for (size_t i = 0; i < m->ncollectors; i++)
		if (strcmp(m->collectors[i], name) == 0)
			return (uint32_t)i;
	m->collectors[m->ncollectors] = strdup(name);
	if (!m->collectors[m->ncollectors])
		return 0;
	return (uint32_t)m->ncollectors++;
}

static int pending_cmp(const void *pa, const void *pb, void *arg)
{
	const struct merge *m = arg;
	const struct src_state *a = &m->src[*(const size_t *)pa];
	const struct src_state *b = &m->src[*(const size_t *)pb];
	if (a->first_ts != b->first_ts)
		return a->first_ts < b->first_ts ? -1 : 1;
	if (a->first_rib != b->first_rib)
		return a->first_rib ? -1 : 1;
	return a->pub.index < b->pub.index ? -1 : a->pub.index > b->pub.index;
}

/* C11 qsort takes no context argument, so the index array is sorted by a
 * small stable merge sort. */
static void sort_pending(struct merge *m, size_t *a, size_t *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	sort_pending(m, a, tmp, h);
	sort_pending(m, a + h, tmp, n - h);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = pending_cmp(&a[j], &a[i], m) < 0 ? a[j++] : a[i++];
	while (i < h)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

/* 64-bit FNV-1a of a whole file; false when it cannot be read. */
static bool file_hash(const char *path, uint64_t *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	unsigned char buf[65536];
	uint64_t h = 0xcbf29ce484222325u;
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		for (size_t i = 0; i < n; i++)
			h = (h ^ buf[i]) * 0x100000001b3u;
	bool ok = !ferror(f);
	fclose(f);
	*out = h;
	return ok;
}

/* Byte for byte, so a hash collision never drops a file. */
static bool files_equal(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	bool eq = fa && fb;
	unsigned char ba[65536], bb[65536];
	while (eq) {
		size_t na = fread(ba, 1, sizeof ba, fa), nb = fread(bb, 1, sizeof bb, fb);
		if (na != nb || memcmp(ba, bb, na) != 0)
			eq = false;
		if (na == 0 || ferror(fa) || ferror(fb))
			break;
	}
	eq = eq && !ferror(fa) && !ferror(fb);
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return eq;
}

static bool hash_of(struct src_state *s)
{
	if (!s->hashed)
		s->hashed = file_hash(s->pub.path, &s->hash);
	return s->hashed;
}

/* Can the input be read only once? Standard input, and whatever a path
 * names that is neither a regular file nor a directory: a pipe from a shell's
 * process substitution (<(gzip -dc f.gz), /dev/fd/N), a named FIFO, a device.
 * A peek at its first record would consume what the stream then misses (or
 * block on a FIFO whose writer has gone), so it is opened once, from the
 * start, as standard input is. A path that cannot be stat'ed is peeked, and
 * the peek says why it cannot be opened. */
static bool read_once(const char *path)
{
	struct stat st;
	if (strcmp(path, "-") == 0)
		return true;
	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

/* Is s the same file as an earlier input: the same file reached by
 * another path, or a copy (same size, same bytes)? Sets s->pub.same_as. */
static bool find_same(struct merge *m, struct src_state *s)
{
	struct stat st;
	if (stat(s->pub.path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;          /* pipes and devices cannot be compared */
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	s->size = st.st_size;
	for (size_t j = 0; j < s->pub.index; j++) {
		struct src_state *o = &m->src[j];
		if (o->pub.same_as < 0 && o->size == s->size && o->dev == s->dev && o->ino == s->ino) {
			s->pub.same_as = (int32_t)j;
			s->pub.same_inode = true;
			return true;
		}
	}
	for (size_t j = 0; j < s->pub.index; j++) {
		struct src_state *o = &m->src[j];
		if (o->pub.same_as >= 0 || o->size != s->size || o->size == 0)
			continue;
		if (hash_of(o) && hash_of(s) && o->hash == s->hash &&
		    files_equal(o->pub.path, s->pub.path)) {
			s->pub.same_as = (int32_t)j;
			return true;
		}
	}
	return false;
}

/* Opens source s's stream with the first block its peek kept, if any. */
static struct mrt_reader *open_kept(struct merge *m, struct src_state *s, char *err, size_t errlen)
{
	struct bz2par_first *f = s->first;

	s->first = NULL;
	m->kept -= s->first_len;
	s->first_len = 0;
	return mrt_open_first(s->pub.path, f, err, errlen);
}

/* A file read once by way of another input gives back the block its peek kept. */
static void drop_kept(struct merge *m, struct src_state *s)
{
	bz2par_first_free(s->first);
	s->first = NULL;
	m->kept -= s->first_len;
	s->first_len = 0;
}

/* Opens source s and reads its first record; false when it has none. */
static bool open_source(struct merge *m, struct src_state *s, char *err, size_t errlen)
{
	if (!s->ahead && !s->ahead_err)
		s->ahead = open_kept(m, s, err, errlen);
	if (s->ahead || s->ahead_err) {
		s->reader = s->ahead;
		s->ahead = NULL;
		if (s->ahead_err)
			snprintf(err, errlen, "%s", s->ahead_err);
		free(s->ahead_err);
		s->ahead_err = NULL;
	}
	if (!s->reader)
		return false;
	mrt_set_damage(s->reader, m->damage, m->damage_arg, s->pub.index);
	m->open_now++;
	if (m->open_now > m->open_peak)
		m->open_peak = m->open_now;
	return mrt_next(s->reader, &s->rec) == 1;
}

static void close_source(struct merge *m, struct src_state *s)
{
	if (s->reader) {
		s->bytes = mrt_compressed_pos(s->reader);
		mrt_close(s->reader);
		s->reader = NULL;
		m->open_now--;
	}
	s->done = true;
	m->done++;
}

/* Source s cannot be read: why is kept for merge_next to report, and s
 * sorts first (timestamp 0), so it is reported before any record. */
static bool set_open_err(struct src_state *s, const char *why)
{
	s->open_err = strdup(why);
	s->first_ts = 0;
	s->first_rib = false;
	return s->open_err != NULL;
}

/* How many decoding threads the machine runs at once. */
static size_t cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : (size_t)n;
}

/* Peeks at every file but standard input, on as many threads as cores:
 * each claims the next unpeeked file. */
struct peek_pool {
	struct merge *m;
	pthread_mutex_t mu;
	size_t next;
};

/* Keeps f for s while the budget has room; past it, f goes (the files
 * peeked first, which are usually due first, keep theirs). */
static void keep_first(struct peek_pool *pp, struct src_state *s, struct bz2par_first *f)
{
	struct merge *m = pp->m;
	size_t len;

	(void)bz2par_first_bytes(f, &len);
	pthread_mutex_lock(&pp->mu);
	if (m->kept + len <= KEEP_MAX) {
		s->first = f;
		s->first_len = len;
		m->kept += len;
		f = NULL;
	}
	if (m->kept > m->kept_peak)
		m->kept_peak = m->kept;
	pthread_mutex_unlock(&pp->mu);
	bz2par_first_free(f);
}

/* Whether a peek should decode a whole first block to keep. */
static bool room_to_keep(struct peek_pool *pp)
{
	pthread_mutex_lock(&pp->mu);
	bool room = pp->m->kept + FIRST_TYPICAL <= KEEP_MAX;
	pthread_mutex_unlock(&pp->mu);
	return room;
}

static void *peek_worker(void *arg)
{
	struct peek_pool *pp = arg;

	for (;;) {
		pthread_mutex_lock(&pp->mu);
		size_t i = pp->next++;
		pthread_mutex_unlock(&pp->mu);
		if (i >= pp->m->n)
			return NULL;
		struct src_state *s = &pp->m->src[i];
		if (s->once)
			continue;
		uint16_t type = 0;
		struct bz2par_first *f = NULL;
		s->peeked = mrt_peek(s->pub.path, &s->first_ts, &type, room_to_keep(pp) ? &f : NULL,
		                     &s->pub.kind, s->why, sizeof s->why);
		s->first_rib = s->peeked > 0 && mrt_is_rib(type);
		if (f)
			keep_first(pp, s, f);
	}
}

static void peek_all(struct merge *m)
{
	struct peek_pool pp = { m, PTHREAD_MUTEX_INITIALIZER, 0 };
	size_t nt = cores() < m->n ? cores() : m->n;
	pthread_t *t = nt > 1 ? calloc(nt - 1, sizeof *t) : NULL;
	size_t started = 0;

	while (t && started < nt - 1 && pthread_create(&t[started], NULL, peek_worker, &pp) == 0)
		started++;
	peek_worker(&pp);       /* this thread peeks too, and alone without threads */
	for (size_t i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
}

struct merge *merge_open(const char *const *paths, size_t n, struct collector_rules *rules,
                         damage_fn damage, void *damage_arg, char *err, size_t errlen)
{
	struct merge *m = calloc(1, sizeof *m);
	if (!m)
		goto oom;
	m->damage = damage;
	m->damage_arg = damage_arg;
	m->n = n;
	m->src = calloc(n ? n : 1, sizeof *m->src);
	m->collectors = calloc(n ? n : 1, sizeof *m->collectors);
	m->pending = calloc(n ? n : 1, sizeof *m->pending);
	size_t *room = calloc(n ? n : 1, sizeof *room);
	heap_init(&m->heap, room, src_before, m);
	size_t *tmp = calloc(n ? n : 1, sizeof *tmp);
	if (!m->src || !m->collectors || !m->pending || !room || !tmp) {
		free(tmp);
		goto oom;
	}

	for (size_t i = 0; i < n; i++) {
		struct src_state *s = &m->src[i];
		s->pub.path = paths[i];
		s->pub.index = (uint32_t)i;
		s->pub.same_as = -1;
		s->once = read_once(paths[i]);
	}
	peek_all(m);
	for (size_t i = 0; i < n; i++) {
		struct src_state *s = &m->src[i];
		char name[256];
		if (s->once) {
			/* Standard input or a pipe cannot be read twice: keep it open
			 * from the start. */
			s->has_records = open_source(m, s, s->why, sizeof s->why);
			if (!s->reader && !set_open_err(s, s->why))
				goto oom_tmp;
			s->first_ts = s->rec.ts;    /* 0 when it has none */
			s->first_rib = s->reader && mrt_is_rib(s->rec.type);
		} else if (s->peeked < 0) {
			if (!set_open_err(s, s->why))
				goto oom_tmp;
		} else if (s->peeked > 0 && find_same(m, s)) {
			/* Read once: the earlier input stands for it. A file without
			 * records is no copy of anything: empty update files of
			 * successive periods have the same bytes. */
			s->pub.collector = m->src[s->pub.same_as].pub.collector;
			drop_kept(m, s);
			s->done = true;
			m->done++;
			continue;
		}
		collector_of(rules, paths[i], name, sizeof name);
		s->pub.collector = collector_index(m, name);
		m->pending[m->npending++] = i;
	}
	/* The next files due decode ahead: the next of each collector (up to
	 * one per core), and one more per bzip2 worker (one per core, at most
	 * AHEAD_MORE, as input.c starts them), so that the shared workers
	 * (bz2par.h) have blocks to decode while a file of single blocks is
	 * read (a day of RouteViews updates: one block each). */
	m->ahead_limit = (m->ncollectors < cores() ? m->ncollectors : cores()) +
	                 (cores() < AHEAD_MORE ? cores() : AHEAD_MORE);
	sort_pending(m, m->pending, tmp, m->npending);
	free(tmp);
	return m;
oom_tmp:
	free(tmp);
oom:
	snprintf(err, errlen, "out of memory");
	merge_close(m);
	return NULL;
}

/* Source s could not be opened: says why, as one event about the file. */
static void report_open_err(const struct merge *m, const struct src_state *s, const char *why)
{
	if (!m->damage)
		return;
	struct damage d = { DAMAGE_FILE, s->pub.path, s->pub.index, 0, why };
	m->damage(&d, m->damage_arg);
}

/* Earliest timestamp among open sources, or none. */
static bool heap_top_ts(const struct merge *m, uint32_t *ts)
{
	if (m->heap.n == 0)
		return false;
	*ts = m->src[heap_top(&m->heap)].rec.ts;
	return true;
}

/* Opens the next due files ahead of their time, so that their threads
 * decompress while the open files are consumed: at most ahead_limit at once. */
static void open_ahead(struct merge *m)
{
	if (m->ahead_at < m->pending_at)
		m->ahead_at = m->pending_at;
	while (m->ahead_at < m->npending && m->ahead_at - m->pending_at < m->ahead_limit) {
		struct src_state *s = &m->src[m->pending[m->ahead_at++]];
		char why[256];
		if (s->reader || s->open_err)   /* standard input, or reported when due */
			continue;
		s->ahead = open_kept(m, s, why, sizeof why);
		if (!s->ahead)
			s->ahead_err = strdup(why);
	}
	if (m->ahead_at - m->pending_at > m->ahead_peak)
		m->ahead_peak = m->ahead_at - m->pending_at;
}

/* A file not opened yet has its first record due: at or before the
 * earliest open one's next (or nothing is open). */
static inline bool pending_due(const struct merge *m)
{
	uint32_t top;
	return m->pending_at < m->npending &&
	       (!heap_top_ts(m, &top) || m->src[m->pending[m->pending_at]].first_ts <= top);
}

/* Hands out the next record of the source at the top of the heap. */
static inline int hand_out(struct merge *m, struct mrt_record *rec, const struct source **src)
{
	struct src_state *s = &m->src[heap_top(&m->heap)];
	*rec = s->rec;
	*src = &s->pub;
	m->last = s;
	return MERGE_RECORD;
}

/* Source s was read to its end: out of the heap, closed. */
static __attribute__((noinline)) int source_ended(struct merge *m, struct src_state *s,
                                                  const struct source **src)
{
	heap_pop(&m->heap);
	s->in_heap = false;
	close_source(m, s);
	*src = &s->pub;
	return MERGE_SOURCE_END;
}

/* merge_next once files are due: opens them, then hands out the earliest
 * record (or says that a file ended, or that all are done). */
static __attribute__((noinline)) int open_due(struct merge *m, struct mrt_record *rec,
                                              const struct source **src)
{
	/* Open every file whose first record is due before the earliest open one. */
	while (pending_due(m)) {
		struct src_state *s = &m->src[m->pending[m->pending_at++]];
		bool has = s->reader ? s->has_records : false;
		if (s->open_err) {
			report_open_err(m, s, s->open_err);
		} else if (!s->reader) {
			char why[256];
			has = open_source(m, s, why, sizeof why);
			if (!s->reader)     /* it opened at merge_open: it went away since */
				report_open_err(m, s, why);
		}
		if (has) {
			heap_push(&m->heap, (size_t)(s - m->src));
			s->in_heap = true;
		} else {
			close_source(m, s);
			*src = &s->pub;
			return MERGE_SOURCE_END;
		}
	}

	if (m->heap.n == 0)
		return MERGE_DONE;
	open_ahead(m);
	return hand_out(m, rec, src);
}

int merge_next(struct merge *m, struct mrt_record *rec, const struct source **src)
{
	/* Advance the source whose record went out last time, now that the
	 * caller is done with that record. */
	struct src_state *s = m->last;
	if (s) {
		m->last = NULL;
		if (mrt_next(s->reader, &s->rec) != 1)
			return source_ended(m, s, src);
		if (m->heap.n > 1)
			heap_top_changed(&m->heap);   /* s is still at the top */
		/* No file newly due: the files opened ahead are those of the
		 * last call (open_ahead() changes nothing until one is). */
		if (!pending_due(m))
			return hand_out(m, rec, src);
	}
	return open_due(m, rec, src);
}

bool merge_source_first(const struct merge *m, size_t i, uint32_t *ts, bool *rib)
{
	if (i >= m->n)
		return false;
	const struct src_state *s = &m->src[i];
	if (s->open_err || s->pub.same_as >= 0 || (s->peeked <= 0 && !s->has_records))
		return false;
	*ts = s->first_ts;
	*rib = s->first_rib;
	return true;
}

bool merge_source_next(const struct merge *m, size_t i, uint32_t *ts)
{
	if (i >= m->n || !m->src[i].in_heap)
		return false;
	*ts = m->src[i].rec.ts;
	return true;
}

bool merge_collector_next(const struct merge *m, uint32_t c, uint32_t *ts)
{
	bool any = false;
	for (size_t k = 0; k < m->heap.n; k++) {
		const struct src_state *s = &m->src[m->heap.v[k]];
		if (s->pub.collector == c && (!any || s->rec.ts < *ts)) {
			*ts = s->rec.ts;
			any = true;
		}
	}
	/* pending is sorted by first record: the first of c is its earliest */
	for (size_t k = m->pending_at; k < m->npending; k++) {
		const struct src_state *s = &m->src[m->pending[k]];
		if (s->pub.collector != c || s->open_err || (s->peeked <= 0 && !s->has_records))
			continue;
		if (!any || s->first_ts < *ts) {
			*ts = s->first_ts;
			any = true;
		}
		break;
	}
	return any;
}

bool merge_others_reach(const struct merge *m, uint32_t c, uint32_t t)
{
	for (size_t k = 0; k < m->heap.n; k++) {
		const struct src_state *s = &m->src[m->heap.v[k]];
		if (s->pub.collector != c && s->rec.ts >= t)
			return true;
	}
	/* pending is sorted by first record: the latest come last */
	for (size_t k = m->npending; k > m->pending_at; k--) {
		const struct src_state *s = &m->src[m->pending[k - 1]];
		if (s->first_ts < t)
			return false;
		if (s->pub.collector != c && !s->open_err && (s->peeked > 0 || s->has_records))
			return true;
	}
	return false;
}

size_t merge_source_count(const struct merge *m) { return m->n; }
const struct source *merge_source(const struct merge *m, size_t i) { return &m->src[i].pub; }
size_t merge_collector_count(const struct merge *m) { return m->ncollectors; }

const char *merge_collector_name(const struct merge *m, uint32_t collector)
{
	return collector < m->ncollectors ? m->collectors[collector] : "";
}

char **merge_collector_names(const struct merge *m, size_t *n)
{
	char **names = calloc(m->ncollectors ? m->ncollectors : 1, sizeof *names);
	if (!names)
		return NULL;
	for (size_t i = 0; i < m->ncollectors; i++) {
		const char *s = m->collectors[i];
		if (!(names[i] = strdup(s[0] ? s : "(unnamed)"))) {
			merge_names_free(names, i);
			return NULL;
		}
	}
	*n = m->ncollectors;
	return names;
}

void merge_names_free(char **names, size_t n)
{
	if (!names)
		return;
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

uint64_t merge_bytes_read(const struct merge *m)
{
	uint64_t sum = 0;
	for (size_t i = 0; i < m->n; i++)
		sum += m->src[i].reader ? mrt_compressed_pos(m->src[i].reader)
		     : m->src[i].ahead ? mrt_compressed_pos(m->src[i].ahead) : m->src[i].bytes;
	return sum;
}

size_t merge_sources_done(const struct merge *m) { return m->done; }
size_t merge_open_now(const struct merge *m) { return m->open_now; }
size_t merge_open_peak(const struct merge *m) { return m->open_peak; }
size_t merge_ahead_peak(const struct merge *m) { return m->ahead_peak; }

void merge_close(struct merge *m)
{
	if (!m)
		return;
	for (size_t i = 0; m->src && i < m->n; i++) {
		mrt_close(m->src[i].reader);
		free(m->src[i].open_err);
		mrt_close(m->src[i].ahead);
		free(m->src[i].ahead_err);
		bz2par_first_free(m->src[i].first);
	}
	for (size_t i = 0; m->collectors && i < m->ncollectors; i++)
		free(m->collectors[i]);
	free(m->collectors);
	free(m->src);
	free(m->pending);
	free(m->heap.v);
	free(m);
}
