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
	o->len = 0;
	o->closed = false;
	o->failed = false;
}

bool out_flush(struct outbuf *o)
{
	size_t done = 0;

	while (done < o->len && out_ok(o)) {
		ssize_t w = write(o->fd, o->buf + done, o->len - done);
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
	/* On failure the rest is dropped; callers see out_ok() false and stop. */
	o->len = 0;
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
