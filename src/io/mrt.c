/*
 * mrt.c — MRT record framing over one input (see mrt.h).
 * Owns: one growing buffer that keeps each record contiguous, header checks,
 * framing in place in the bytes an input lends (input_lend: only records
 * that run past the end of those are copied into the buffer),
 * resynchronisation after damage (and after a gap where the input skipped a
 * corrupt bzip2 block), and the early-RIS TABLE_DUMP length quirk.
 * Never: decodes bodies, allocates per record, or reports one damage twice.
 */
#include "io/mrt.h"
#include "decode/cursor.h"
#include "io/input.h"
#include "io/reader_priv.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HDR        MRT_HEADER_LEN
#define MAX_BUF    ((size_t)MRT_MAX_RECORD + 64)   /* a whole record plus the next header */
#define YEAR_SECS  (366u * 24 * 3600)
#define PEEK_READ  (64u << 10)
#define NO_KIND    0xffffffffu   /* type 65535: no known type */

struct mrt_reader {
	struct input *in;
	const uint8_t *buf;       /* own, or bytes the input lent */
	size_t start, end;        /* unread bytes are buf[start, end) */
	uint64_t base;            /* stream offset of buf[0] */
	uint8_t *own;             /* the buffer records are put together in */
	size_t cap;               /* its size */
	/* Lent bytes not in view yet: lent[lpos, llen), after own's end. */
	const uint8_t *lent;
	size_t lpos, llen;
	bool lendable;            /* the input lends (until it says it cannot) */
	/* Type and subtype of the last record framed (bytes 4-7 of its header;
	 * NO_KIND before any), and the least length a record of that kind may
	 * declare: a header of that kind is sane when its length is
	 * (header_sane), so mrt_next takes it without the checks. */
	uint32_t kind;
	uint32_t kind_min;
	int in_state;             /* 0 more to read, 1 clean end, -1 input error */
	size_t read_max;          /* 0, or a small read size when peeking */
	damage_fn damage;         /* NULL: quiet (peeking, or nobody listens) */
	void *damage_arg;
	uint32_t source;
	bool have_ts;
	uint32_t last_ts;
	bool td_short_noted;
	bool input_err_reported;
	/* Input damage skipped during the current resync (a corrupt bzip2
	 * block): what input.c said of the first, and how many there were. */
	char gap_msg[160];
	unsigned gaps;
};

static size_t initial_buffer = 1u << 20;

void mrt_set_initial_buffer(size_t bytes) { initial_buffer = bytes < 64 ? 64 : bytes; }

/* Buffers of closed readers, kept for the next readers to open: a buffer
 * is above malloc's mmap threshold (main.c), so each new one would be
 * mapped afresh and fault in page by page as it fills, on the reading
 * thread (a day of update files: 256 faults per file). Only buffers of the
 * initial size are kept, at most SPARE_BUFS, for the process's life. */
#define SPARE_BUFS 2

static struct {
	pthread_mutex_t mu;
	uint8_t *v[SPARE_BUFS];
	size_t cap[SPARE_BUFS];
	int n;
} spare_bufs = { PTHREAD_MUTEX_INITIALIZER, { NULL }, { 0 }, 0 };

static uint8_t *buf_get(size_t cap)
{
	uint8_t *b = NULL;

	pthread_mutex_lock(&spare_bufs.mu);
	if (spare_bufs.n > 0 && spare_bufs.cap[spare_bufs.n - 1] == cap)
		b = spare_bufs.v[--spare_bufs.n];
	pthread_mutex_unlock(&spare_bufs.mu);
	return b ? b : malloc(cap);
}

int mrt_spare_buffers(void)
{
	pthread_mutex_lock(&spare_bufs.mu);
	int n = spare_bufs.n;
	pthread_mutex_unlock(&spare_bufs.mu);
	return n;
}

static void buf_put(uint8_t *b, size_t cap)
{
	pthread_mutex_lock(&spare_bufs.mu);
	if (b && cap == initial_buffer && spare_bufs.n < SPARE_BUFS) {
		spare_bufs.cap[spare_bufs.n] = cap;
		spare_bufs.v[spare_bufs.n++] = b;
		b = NULL;
	}
	pthread_mutex_unlock(&spare_bufs.mu);
	free(b);
}

static void report(struct mrt_reader *r, uint64_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Hands one event to the sink: damage at off, or (kind DAMAGE_FILE or
 * DAMAGE_NOTE) about the input as a whole. */
static void emit(struct mrt_reader *r, enum damage_kind kind, uint64_t off, const char *msg)
{
	if (!r->damage)
		return;
	struct damage d = { kind, input_path(r->in), r->source, off, msg };
	r->damage(&d, r->damage_arg);
}

static void report(struct mrt_reader *r, uint64_t off, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (!r->damage)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	emit(r, DAMAGE_BYTES, off, msg);
}

/* Reports a damaged or unreadable compressed stream once, at the stream
 * offset where the bytes we could not frame begin. */
static void report_input_error(struct mrt_reader *r, uint64_t off)
{
	if (r->input_err_reported)
		return;
	r->input_err_reported = true;
	report(r, off, "%s (compressed byte %llu)", input_error(r->in),
	       (unsigned long long)input_error_offset(r->in));
}

/* Makes room in own for need bytes from start: moves the leftover down
 * when it is far along or the room past it is short, grows it when that is
 * not enough. False (with the damage reported) when out of memory. */
static bool own_room(struct mrt_reader *r, size_t need)
{
	if (r->start > 0 && (r->cap - r->start < need || r->start >= r->cap / 2)) {
		memmove(r->own, r->own + r->start, r->end - r->start);
		r->base += r->start;
		r->end -= r->start;
		r->start = 0;
	}
	if (r->cap - r->start < need) {
		size_t ncap = r->cap * 2;
		if (ncap < need)
			ncap = need;
		if (ncap > MAX_BUF)
			ncap = MAX_BUF;
		uint8_t *nb = realloc(r->own, ncap);
		if (!nb) {
			r->in_state = -1;
			if (!r->input_err_reported)
				report(r, r->base + r->start, "out of memory for a %zu-byte record", need);
			r->input_err_reported = true;
			return false;
		}
		r->own = nb;
		r->cap = ncap;
	}
	r->buf = r->own;
	return true;
}

/* The input lends its next bytes (lendable): they are in view from now
 * on when nothing else is, else they wait behind own. */
static void lend(struct mrt_reader *r)
{
	const uint8_t *p;
	ssize_t k = input_lend(r->in, &p);

	if (k == INPUT_NO_LEND) {
		r->lendable = false;
	} else if (k <= 0) {
		r->in_state = k == 0 ? 1 : -1;
	} else {
		r->lent = p;
		r->lpos = 0;
		r->llen = (size_t)k;
	}
}

/*
 * Makes at least need bytes available from start, reading as needed.
 * Returns what is available, less than need only at the end of input.
 * May move the buffer: pointers into it are stale afterwards. A lent view
 * stays in place until a record runs past its end: then what is left of
 * it goes to own, and exactly as many bytes as wanted follow it from the
 * next lent ones, so that own runs dry at a record's end and the view is
 * in place again.
 */
static size_t fill_more(struct mrt_reader *r, size_t need)
{
	while (r->end - r->start < need && r->in_state == 0) {
		if (r->buf != r->own) {
			/* The lent view is too short: its rest goes to own. */
			const uint8_t *from = r->buf + r->start;
			size_t left = r->end - r->start;
			r->base += r->start;
			r->buf = r->own;
			r->start = r->end = 0;
			if (!own_room(r, need))
				break;
			memcpy(r->own, from, left);
			r->end = left;
			continue;
		}
		if (r->lpos < r->llen) {
			if (r->start == r->end) {
				/* own ran dry: the lent bytes behind it are in view. */
				r->base += r->end - r->lpos;
				r->buf = r->lent;
				r->start = r->lpos;
				r->end = r->llen;
				r->lpos = r->llen;
				continue;
			}
			if (!own_room(r, need))
				break;
			size_t take = need - (r->end - r->start);
			if (take > r->llen - r->lpos)
				take = r->llen - r->lpos;
			memcpy(r->own + r->end, r->lent + r->lpos, take);
			r->end += take;
			r->lpos += take;
			continue;
		}
		if (r->lendable) {
			lend(r);
			continue;
		}
		if (!own_room(r, need))
			break;
		size_t room = r->cap - r->end;
		if (r->read_max && room > r->read_max)
			room = r->read_max;
		ssize_t k = input_read(r->in, r->own + r->end, room);
		if (k > 0)
			r->end += (size_t)k;
		else
			r->in_state = k == 0 ? 1 : -1;
	}
	return r->end - r->start;
}

static inline size_t fill(struct mrt_reader *r, size_t need)
{
	size_t avail = r->end - r->start;
	return avail >= need ? avail : fill_more(r, need);
}

/* Record types a sound file may hold (RFC 6396 §4, with the legacy BGP ones). */
static bool type_known(uint16_t type, uint16_t sub)
{
	switch (type) {
	case MRT_BGP: case MRT_BGP4PLUS: case MRT_BGP4PLUS_01:
		return sub <= MRT_BGP_KEEPALIVE;
	case MRT_TABLE_DUMP:
		return td_known(sub);
	case MRT_TABLE_DUMP_V2:
		return sub >= TD2_PEER_INDEX_TABLE && sub <= TD2_RIB_GENERIC_ADDPATH;
	case MRT_BGP4MP: case MRT_BGP4MP_ET:
		return sub <= BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH;
	default:
		return mrt_type_known(type);   /* OSPF, IS-IS: any subtype */
	}
}

/* The pairs in the domain table that real BGP archives carry: the stricter
 * test a resynchronisation candidate must pass. */
static bool type_common(uint16_t type, uint16_t sub)
{
	switch (type) {
	case MRT_BGP: case MRT_BGP4PLUS:
		return sub >= MRT_BGP_UPDATE && sub <= MRT_BGP_KEEPALIVE;
	case MRT_TABLE_DUMP:
		return td_known(sub);
	case MRT_TABLE_DUMP_V2:
		return td2_known(sub);
	case MRT_BGP4MP: case MRT_BGP4MP_ET:
		return bgp4mp_known(sub);
	default:
		return false;
	}
}

/* Is the header at p one we can frame from, at the current position? */
static bool header_sane(const uint8_t *p)
{
	uint16_t type = rd_u16(p + 4), sub = rd_u16(p + 6);
	uint32_t len = rd_u32(p + 8);

	return type_known(type, sub) && len <= MRT_MAX_RECORD && !(mrt_is_et(type) && len < 4);
}

static bool ts_near(uint32_t ts, uint32_t ref)
{
	return (ts >= ref ? ts - ref : ref - ts) <= YEAR_SECS;
}

/*
 * A place to resume after damage: a common type, a length within the cap,
 * a timestamp near the last good one, and the whole record present. Random
 * bytes pass that about once in 10^10 positions. Before any good record
 * there is no timestamp to compare with, so then the header after the
 * candidate must be sane too (or the input end exactly there). May move
 * the buffer.
 */
static bool candidate_ok(struct mrt_reader *r)
{
	const uint8_t *p = r->buf + r->start;
	uint32_t ts = rd_u32(p), len = rd_u32(p + 8);

	if (!type_common(rd_u16(p + 4), rd_u16(p + 6)) || !header_sane(p))
		return false;
	if (r->have_ts ? !ts_near(ts, r->last_ts) : ts < 315532800u)   /* before 1980 */
		return false;
	size_t whole = HDR + (size_t)len;
	size_t avail = fill(r, whole + HDR);
	if (avail < whole)
		return false;
	if (r->have_ts || (avail == whole && r->in_state == 1))
		return true;
	if (avail < whole + HDR)
		return false;
	const uint8_t *next = r->buf + r->start + whole;
	return header_sane(next) && ts_near(rd_u32(next), ts);
}

/* The input stopped at damaged bytes it can read past (input_resumable). */
static bool at_gap(const struct mrt_reader *r)
{
	return r->in_state < 0 && input_resumable(r->in);
}

/*
 * The input skipped damaged bytes it can read past (a corrupt bzip2 block):
 * the bytes buffered before the gap cannot be completed by those after it.
 * Drops them, notes the damage for resync() to report, and lets fill() read
 * on. False when the input's error is final (or there is none).
 */
static bool cross_gap(struct mrt_reader *r)
{
	if (!at_gap(r))
		return false;
	if (r->gaps++ == 0)
		snprintf(r->gap_msg, sizeof r->gap_msg, "%s", input_error(r->in));
	r->start = r->end;
	r->in_state = 0;
	return true;
}

/* The damage resync() skipped, as one report at bad: why (NULL for plain
 * garbage), then any input gaps crossed on the way. */
static void report_skip(struct mrt_reader *r, uint64_t bad, const char *why, bool at_end,
                        uint64_t skipped)
{
	char gap[240] = "";

	if (r->gaps == 1)
		snprintf(gap, sizeof gap, "%s", r->gap_msg);
	else if (r->gaps > 1)
		snprintf(gap, sizeof gap, "%s, and %u more such blocks after it", r->gap_msg,
		         r->gaps - 1);
	const char *sep = why && r->gaps ? "; " : "";
	if (!why && !r->gaps && at_end && bad == 0 && !r->have_ts)
		emit(r, DAMAGE_FILE, 0, "not an MRT file");   /* no record anywhere in it */
	else if (!why && !r->gaps)
		report(r, bad, at_end ? "skipped %llu bytes of garbage at end of file"
		                      : "skipped %llu bytes of garbage", (unsigned long long)skipped);
	else if (at_end)
		report(r, bad, "%s%s%s", why ? why : "", sep, gap);
	else
		report(r, bad, "%s%s%s; skipped %llu bytes to the next sound record", why ? why : "",
		       sep, gap, (unsigned long long)skipped);
	r->gaps = 0;
}

/*
 * Skips forward from the damaged header at start (from start itself when
 * here is set), byte by byte, to the next place candidate_ok() accepts, and
 * reports the damage once, saying how much was skipped. why is NULL for
 * plain garbage. Reads past a gap in the input (cross_gap()) and says so
 * in the same report. Returns false at end of input.
 */
static bool resync(struct mrt_reader *r, const char *why, bool here)
{
	uint64_t bad = r->base + r->start;

	if (!here)
		r->start++;
	for (;;) {
		if (fill(r, HDR) < HDR) {
			if (cross_gap(r))
				continue;
			uint64_t skipped = r->base + r->end - bad;
			r->start = r->end;
			report_skip(r, bad, why, true, skipped);
			/* A damaged compressed stream is its own problem: say so too. */
			if (r->in_state < 0)
				report_input_error(r, r->base + r->end);
			return false;
		}
		if (candidate_ok(r))
			break;
		r->start++;
	}
	report_skip(r, bad, why, false, r->base + r->start - bad);
	return true;
}

/* The TABLE_DUMP entry at body, len bytes in view, fills the declared
 * length (the common case of table_dump_len()). */
static inline bool td_one_entry(const uint8_t *body, uint16_t sub, uint32_t len)
{
	uint32_t entry = sub == TD_AFI_IPV4 ? 18 : 42;

	return len >= 4 + entry && len <= MRT_MAX_RECORD - 4 &&
	       4 + entry + rd_u16(body + 4 + entry - 2) == len;
}

/*
 * Early RIS TABLE_DUMP files declare each record 4 bytes shorter than
 * written: the length counts the entries but not the 4-byte view/sequence
 * header before them, and Zebra's dumps put many entries back to back in
 * one record. Each entry's own attribute length (RFC 6396 4.2: 18 bytes of
 * fields from the prefix on before the attributes for IPv4, 42 for IPv6)
 * lets the entries be walked; when they end exactly 4 bytes past the
 * declared length and a sane header follows there, that is the true
 * length. Returns the length to frame with. May move the buffer.
 */
static uint32_t table_dump_len(struct mrt_reader *r, uint16_t sub, uint32_t len)
{
	uint32_t entry = sub == TD_AFI_IPV4 ? 18 : 42;
	const uint8_t *body = r->buf + r->start + HDR;

	if (len < 4 + entry || len > MRT_MAX_RECORD - 4)
		return len;
	/* The common case, one entry that fills the declared length: as is. */
	if (td_one_entry(body, sub, len))
		return len;
	uint32_t ts = rd_u32(r->buf + r->start);
	size_t whole = HDR + (size_t)len + 4;
	size_t avail = fill(r, whole + HDR);
	if (avail < whole)
		return len;
	body = r->buf + r->start + HDR;
	uint64_t at = 4;
	while (at + entry <= (uint64_t)len + 4)
		at += entry + rd_u16(body + at + entry - 2);
	if (at != (uint64_t)len + 4)
		return len;
	bool ok = (avail == whole && r->in_state == 1) ||
	          (avail >= whole + HDR && header_sane(r->buf + r->start + whole) &&
	           ts_near(rd_u32(r->buf + r->start + whole), ts));
	if (!ok)
		return len;
	if (!r->td_short_noted) {
		r->td_short_noted = true;
		report(r, r->base + r->start,
		       "TABLE_DUMP record declares 4 bytes fewer than it holds "
		       "(early RIS archive quirk); read in full here and in the rest of this file");
	}
	return len + 4;
}

/* Input exhausted with fewer bytes than a whole header or record. */
static void finish(struct mrt_reader *r, size_t avail)
{
	uint64_t off = r->base + r->start;

	if (r->in_state < 0)
		report_input_error(r, off);
	else if (off == 0 && avail > 0)
		emit(r, DAMAGE_FILE, 0, "not an MRT file");   /* shorter than one header */
	else if (off == 0)
		emit(r, DAMAGE_NOTE, 0, "no MRT records");    /* empty */
	else if (avail > 0)
		report(r, off, "record header cut short: %zu bytes at end of file", avail);
	r->start = r->end;
}

/* Hands out the record of len body bytes whose sane header is at start,
 * all of it in view. */
static inline int take(struct mrt_reader *r, struct mrt_record *rec, uint16_t type,
                       uint16_t sub, uint32_t len)
{
	const uint8_t *p = r->buf + r->start;

	rec->offset = r->base + r->start;
	rec->ts = rd_u32(p);
	rec->type = type;
	rec->subtype = sub;
	rec->usec = 0;
	rec->body = p + HDR;
	rec->len = len;
	r->start += HDR + (size_t)len;
	r->have_ts = true;
	r->last_ts = rec->ts;
	if (mrt_is_et(type)) {
		/* header_sane() guaranteed len >= 4 */
		rec->usec = rd_u32(rec->body);
		rec->body += 4;
		rec->len -= 4;
	}
	return 1;
}

static int next_slow(struct mrt_reader *r, struct mrt_record *rec);

int mrt_next(struct mrt_reader *r, struct mrt_record *rec)
{
	/* Most records are whole in view and of the kind framed just before. */
	if (r->end - r->start >= HDR) {
		const uint8_t *p = r->buf + r->start;
		uint32_t kind = rd_u32(p + 4), len = rd_u32(p + 8);
		uint16_t type = (uint16_t)(kind >> 16), sub = (uint16_t)kind;
		if (kind == r->kind && len <= MRT_MAX_RECORD && len >= r->kind_min &&
		    r->end - r->start - HDR >= len &&
		    (type != MRT_TABLE_DUMP || td_one_entry(p + HDR, sub, len)))
			return take(r, rec, type, sub, len);
	}
	return next_slow(r, rec);
}

/* mrt_next for all the rest: a new kind, a record not whole in view,
 * damage, the end. */
static __attribute__((noinline)) int next_slow(struct mrt_reader *r, struct mrt_record *rec)
{
	for (;;) {
		size_t avail = fill(r, HDR);
		if (avail < HDR) {
			/* A gap in the input: what is left before it is no record,
			 * and the bytes after it start anywhere in one. */
			if (at_gap(r)) {
				if (!resync(r, NULL, true))
					return 0;
				continue;
			}
			finish(r, avail);
			return 0;
		}
		const uint8_t *p = r->buf + r->start;
		uint32_t len = rd_u32(p + 8);
		if (!header_sane(p)) {
			char why[96];
			if (len > MRT_MAX_RECORD && type_known(rd_u16(p + 4), rd_u16(p + 6))) {
				snprintf(why, sizeof why, "record length %u exceeds the limit of %u bytes",
				         len, MRT_MAX_RECORD);
				if (!resync(r, why, false))
					return 0;
			} else if (!resync(r, NULL, false)) {
				return 0;
			}
			continue;
		}
		uint16_t type = rd_u16(p + 4), sub = rd_u16(p + 6);
		avail = fill(r, HDR + (size_t)len);
		if (avail < HDR + (size_t)len) {
			if (at_gap(r)) {
				/* The record runs into a gap in the input. */
				if (!resync(r, NULL, false))
					return 0;
				continue;
			}
			if (r->in_state < 0) {
				finish(r, avail);
				return 0;
			}
			/* A clean end: either the last record was cut, or this header is
			 * damage with sound records after it. */
			char why[80];
			snprintf(why, sizeof why, "record length %u runs past end of file", len);
			if (!resync(r, why, false))
				return 0;
			continue;
		}
		if (type == MRT_TABLE_DUMP)
			len = table_dump_len(r, sub, len);
		r->kind = (uint32_t)type << 16 | sub;
		r->kind_min = mrt_is_et(type) ? 4 : 0;
		return take(r, rec, type, sub, len);
	}
}

/* A reader on in (NULL: its open failed, err says why; taken either way). */
static struct mrt_reader *open_reader(struct input *in, char *err, size_t errlen)
{
	if (!in)
		return NULL;
	struct mrt_reader *r = calloc(1, sizeof *r);
	if (r) {
		r->cap = initial_buffer;
		r->own = buf_get(r->cap);
		r->buf = r->own;
		r->lendable = true;
		r->kind = NO_KIND;
	}
	if (!r || !r->own) {
		snprintf(err, errlen, "out of memory");
		free(r);
		input_close(in);
		return NULL;
	}
	r->in = in;
	return r;
}

struct mrt_reader *mrt_open(const char *path, char *err, size_t errlen)
{
	return open_reader(input_open(path, err, errlen), err, errlen);
}

struct mrt_reader *mrt_open_first(const char *path, struct bz2par_first *first, char *err,
                                  size_t errlen)
{
	return open_reader(input_open_first(path, first, err, errlen), err, errlen);
}

int mrt_peek(const char *path, uint32_t *ts, uint16_t *type, struct bz2par_first **keep,
             enum input_kind *kind, char *err, size_t errlen)
{
	/* Without keep, the cheapest peek: sequential, stopping at the record. */
	struct mrt_reader *r = open_reader(keep ? input_open_peek(path, err, errlen)
	                                        : input_open_mode(path, 0, err, errlen), err, errlen);
	struct mrt_record rec;

	if (keep)
		*keep = NULL;
	if (!r)
		return -1;
	r->read_max = PEEK_READ;
	if (kind)
		*kind = input_kind(r->in);
	int got = mrt_next(r, &rec);
	if (got) {
		*ts = rec.ts;
		*type = rec.type;
	}
	if (keep)
		*keep = input_take_first(r->in);
	mrt_close(r);
	return got;
}

void mrt_set_damage(struct mrt_reader *r, damage_fn fn, void *arg, uint32_t source)
{
	r->damage = fn;
	r->damage_arg = arg;
	r->source = source;
}

const char *mrt_path(const struct mrt_reader *r) { return input_path(r->in); }
uint64_t mrt_compressed_pos(const struct mrt_reader *r) { return input_compressed_pos(r->in); }

void mrt_close(struct mrt_reader *r)
{
	if (!r)
		return;
	input_close(r->in);
	buf_put(r->own, r->cap);
	free(r);
}
