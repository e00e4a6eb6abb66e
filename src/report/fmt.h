/*
 * fmt.h — route elements to text: dump's output formats.
 * Owns: the bgpdump -m pipe format (byte for byte as bgpdump 1.6.2 prints it,
 * fmt_bgpdump.c) and JSON Lines (fmt_json.c, schema in the manual), each
 * behind one struct dump_output, chosen once by the command.
 * Never: parses bytes or decides what to print (filter.h does).
 */
#ifndef MRTREACH_FMT_H
#define MRTREACH_FMT_H

#include "decode/elem.h"
#include "report/outbuf.h"

/* One line per element, "\n"-terminated. */
void fmt_bgpdump(struct outbuf *o, const struct elem *e);
void fmt_json(struct outbuf *o, const struct elem *e, const char *collector);

/* One output format of dump, as a table the command selects once (in the
 * manner of bgpctl's struct output) instead of testing a flag per element.
 * A new format is a new table; the formatters stay free of the choice. */
struct dump_output {
	/* Writes one element, "\n"-terminated. collector: the element's
	 * collector name ("" when unknown); only read when wants_collector. */
	void (*elem)(struct outbuf *o, const struct elem *e, const char *collector);
	bool wants_collector;
};

extern const struct dump_output dump_output_bgpdump;   /* bgpdump -m */
extern const struct dump_output dump_output_json;      /* JSON Lines */

#endif
