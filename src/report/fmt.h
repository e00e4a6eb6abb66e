/*
 * fmt.h — route elements to text.
 * Owns: the bgpdump -m pipe format (byte for byte as bgpdump 1.6.2 prints it,
 * fmt_bgpdump.c) and JSON Lines (fmt_json.c, schema in the manual).
 * Never: parses bytes or decides what to print (filter.h does).
 */
#ifndef MRTREACH_FMT_H
#define MRTREACH_FMT_H

#include "decode/elem.h"
#include "report/outbuf.h"

/* One line per element, "\n"-terminated. */
void fmt_bgpdump(struct outbuf *o, const struct elem *e);
void fmt_json(struct outbuf *o, const struct elem *e, const char *collector);

#endif
