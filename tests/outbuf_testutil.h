/*
 * outbuf_testutil.h — reading back what a formatter wrote into an outbuf
 * (test code: lines of up to 4 kB that were never flushed).
 * Never: flushes or writes to the outbuf's descriptor.
 */
#ifndef MRTREACH_OUTBUF_TESTUTIL_H
#define MRTREACH_OUTBUF_TESTUTIL_H

#include <string.h>

#include "report/outbuf.h"

/* What o holds, as a string (valid until the next call); o is emptied. */
static inline const char *out_taken(struct outbuf *o)
{
	static char s[4096];
	size_t n = o->len < sizeof s - 1 ? o->len : sizeof s - 1;
	memcpy(s, o->buf, n);
	s[n] = '\0';
	o->len = 0;
	return s;
}

#endif
