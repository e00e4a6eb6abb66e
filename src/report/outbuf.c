/* outbuf.c — see outbuf.h. */
#include "report/outbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "report/diag.h"

void out_init(struct outbuf *o, int fd)
{
	o->fd = fd;
	o->sink = NULL;
	o->lend = NULL;
	o->sink_arg = NULL;
	o->buf = o->own;
	o->len = 0;
	o->closed = false;
	o->failed = false;
}

void out_init_sink(struct outbuf *o, void (*sink)(void *arg, const char *p, size_t n), void *arg)
{
	out_init(o, -1);
	o->sink = sink;
	o->sink_arg = arg;
}

/* The next lent buffer after n bytes were written into the last one. */
static void lend_next(struct outbuf *o, size_t n)
{
	char *b = o->lend(o->sink_arg, n);
	o->buf = b ? b : o->own;
}

void out_init_lent(struct outbuf *o, char *(*lend)(void *arg, size_t n), void *arg)
{
	out_init(o, -1);
	o->lend = lend;
	o->sink_arg = arg;
	lend_next(o, 0);
}

/* Writes p[0, n) to o's fd until done or output cannot go on. */
static void write_all(struct outbuf *o, const char *p, size_t n)
{
	size_t done = 0;
	while (done < n && out_ok(o)) {
		ssize_t w = write(o->fd, p + done, n - done);
		if (w > 0) {
			done += (size_t)w;
		} else if (w < 0 && errno == EINTR) {
			continue;
		} else if (w < 0 && errno == EPIPE) {
			/* The reader went away (`| head`): not an error for a filter. */
			o->closed = true;
		} else {
			diag_error("write error on output: %s", w < 0 ? strerror(errno) : "nothing written");
			o->failed = true;
		}
	}
}

bool out_flush(struct outbuf *o)
{
	if (o->lend) {
		if (o->buf != o->own)
			lend_next(o, o->len);
		else if (o->len > 0)
			lend_next(o, 0);        /* dropped: try for memory again */
	} else if (o->sink) {
		if (o->len > 0)
			o->sink(o->sink_arg, o->buf, o->len);
	} else {
		write_all(o, o->buf, o->len);
	}
	/* On failure the rest is dropped; callers see out_ok() false and stop. */
	o->len = 0;
	return out_ok(o);
}

bool out_write(struct outbuf *o, const void *p, size_t n)
{
	if (n <= OUTBUF_SIZE - o->len) {
		memcpy(o->buf + o->len, p, n);
		o->len += n;
		return out_ok(o);
	}
	if (o->lend) {                  /* into memory: copied, there is no other way */
		out_mem(o, p, n);
		return out_ok(o);
	}
	if (!out_flush(o))
		return false;
	if (o->sink)
		o->sink(o->sink_arg, p, n);
	else
		write_all(o, p, n);
	return out_ok(o);
}

void out_printf(struct outbuf *o, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		out_mem(o, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

void out_json_str(struct outbuf *o, const char *s)
{
	out_char(o, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			out_char(o, '\\');
			out_char(o, (char)c);
		} else if (c < 0x20) {
			out_printf(o, "\\u%04x", c);
		} else {
			out_char(o, (char)c);
		}
	}
	out_char(o, '"');
}
