/*
 * fmt_int.c — the out-of-line part of the fast writer (fmt_int.h), shared by
 * fmt_bgpdump.c and fmt_json.c. Never: formats anything.
 */
#include "report/fmt_int.h"

void fw_make_room(struct fw *w, size_t n)
{
#ifdef MRTREACH_CHECK_ROOM
	size_t promised = w->limit > w->p ? (size_t)(w->limit - w->p) : 0;
#endif
	unsigned flushes = w->flushes + 1;
	fw_end(w);
	out_flush(w->o);          /* empties the buffer, whatever happened */
	fw_begin(w, w->o);
	w->flushes = flushes;
	(void)n;                  /* n <= OUTBUF_SIZE: an empty buffer holds it */
#ifdef MRTREACH_CHECK_ROOM
	w->limit = w->p + promised;   /* what was promised before still is */
#endif
}
