/* outbuf.c — see outbuf.h. */
#include "outbuf.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

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
