/*
 * outbuf.h — buffered output to a file descriptor, without stdio on the hot path,
 * or into memory (a sink that takes copies, or buffers lent by the caller).
 * Owns: large-buffer writes, the broken-pipe rule (a reader that went away,
 * as with `| head`, stops output quietly) and reporting other write errors once.
 * Never: formats elements (fmt.h does).
 */
#ifndef MRTREACH_OUTBUF_H
#define MRTREACH_OUTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define OUTBUF_SIZE (256u << 10)

struct outbuf {
	int fd;
	/* Set (out_init_sink): a flush hands the bytes to sink instead of fd. */
	void (*sink)(void *arg, const char *p, size_t n);
	/* Set (out_init_lent): the bytes are written into the caller's memory. */
	char *(*lend)(void *arg, size_t n);
	void *sink_arg;
	char *buf;          /* OUTBUF_SIZE bytes: own, or lent */
	size_t len;
	bool closed;        /* the reader went away (EPIPE): stop quietly */
	bool failed;        /* another write error, reported once */
	char own[OUTBUF_SIZE];
};

void out_init(struct outbuf *o, int fd);
/* Buffered output into memory: each flush hands what is buffered to sink
 * (a worker's formatting, collected for writing in order). */
void out_init_sink(struct outbuf *o, void (*sink)(void *arg, const char *p, size_t n),
                   void *arg);
/* Buffered output straight into the caller's memory, without a copy:
 * lend(arg, n) is told that the n bytes at the buffer it lent last were
 * written (n 0 at the start) and returns the next buffer, of OUTBUF_SIZE
 * bytes, which may be the old one's end. When it returns NULL (out of
 * memory: it says so itself), the output goes on into the outbuf's own
 * buffer and is dropped at each flush. */
void out_init_lent(struct outbuf *o, char *(*lend)(void *arg, size_t n), void *arg);
/* Writes out what is buffered. Returns false once output cannot go on. */
bool out_flush(struct outbuf *o);
/* Writes n bytes after what is buffered, without copying them into the
 * buffer (a batch formatted elsewhere). Returns out_ok(). */
bool out_write(struct outbuf *o, const void *p, size_t n);
/* False once output cannot go on (closed or failed): producers should stop. */
static inline bool out_ok(const struct outbuf *o) { return !o->closed && !o->failed; }

/* Makes room for n more bytes (n <= OUTBUF_SIZE) and returns where to write. */
static inline char *out_reserve(struct outbuf *o, size_t n)
{
	if (OUTBUF_SIZE - o->len < n)
		out_flush(o);
	return o->buf + o->len;
}

static inline void out_mem(struct outbuf *o, const void *p, size_t n)
{
	while (n > 0) {
		if (o->len == OUTBUF_SIZE && !out_flush(o))
			return;
		size_t room = OUTBUF_SIZE - o->len;
		size_t k = n < room ? n : room;
		memcpy(o->buf + o->len, p, k);
		o->len += k;
		p = (const char *)p + k;
		n -= k;
	}
}

static inline void out_str(struct outbuf *o, const char *s) { out_mem(o, s, strlen(s)); }

static inline void out_char(struct outbuf *o, char c)
{
	if (o->len == OUTBUF_SIZE && !out_flush(o))
		return;
	o->buf[o->len++] = c;
}

/* Decimal text of v into dst (at least 20 bytes); returns the length. */
static inline size_t fmt_u64(char *dst, uint64_t v)
{
	char tmp[20];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++)
		dst[i] = tmp[n - 1 - i];
	return n;
}

/* printf into the buffer, for reports and headers (not the per-element hot
 * path): at most 1023 bytes per call. */
void out_printf(struct outbuf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as a JSON string: quotes, backslashes and control bytes escaped. */
void out_json_str(struct outbuf *o, const char *s);

static inline void out_u64(struct outbuf *o, uint64_t v)
{
	char *p = out_reserve(o, 20);
	if (OUTBUF_SIZE - o->len >= 20)
		o->len += fmt_u64(p, v);
}

#endif
