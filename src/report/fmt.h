/*
 * fmt.h — route elements to text: dump's output formats.
 * Owns: the bgpdump -m pipe format (byte for byte as bgpdump 1.6.2 prints it,
 * fmt_bgpdump.c), bgpdump's multi-line -H format (fmt_multi.c) and JSON Lines (fmt_json.c, schema in the manual), each
 * behind one struct dump_output, chosen once by the command.
 * Never: parses bytes or decides what to print (filter.h does).
 */
#ifndef MRTREACH_FMT_H
#define MRTREACH_FMT_H

#include "decode/elem.h"
#include "report/outbuf.h"

/* One line per element, "\n"-terminated. */
void fmt_bgpdump(struct outbuf *o, const struct elem *e);

/* bgpdump's one-line variants beyond plain -m, as its options name them.
 * The caller owns it (and its time cache) for the whole run. */
struct bgpdump_style {
	bool human_time;     /* -M: "MM/DD/YY HH:MM:SS" (UTC), and A/B lines end
	                      * at the ORIGIN field */
	bool change_time;    /* -t change: a RIB route's originated time */
	bool index;          /* -p: the record's index in its file, second field */
	bool large;          /* -l: large communities after the communities */
	bool unassigned;     /* -u: attributes bgpdump does not decode, last field */
	uint64_t cur_index;  /* with index: the caller sets it before each record */
	bool cached;         /* human_time: the last second formatted, and its text */
	uint32_t cache_ts;
	char cache_text[32];
	/* -H: what the record being decoded says beyond its elements (set by
	 * the format's record function), and the caller's scratch for decoding
	 * a whole message once per record. */
	uint16_t view;
	uint32_t seq;
	uint8_t status;
	struct bgp_scratch *scratch;
};
void fmt_bgpdump_style(struct outbuf *o, const struct elem *e, struct bgpdump_style *s);
/* The AS path of a RIB or ANNOUNCE element as the bgpdump line prints it
 * ("3356 1299 {64512,64513}"), without a newline: what --as-path matches.
 * It needs at most FMT_AS_PATH_ROOM(path bytes) bytes of o. */
#define FMT_AS_PATH_ROOM(n) (3 * (size_t)(n) + 64)
void fmt_bgpdump_as_path(struct outbuf *o, const struct elem *e);
void fmt_json(struct outbuf *o, const struct elem *e, const char *collector);

/* One output format of dump, as a table the command selects once (in the
 * manner of bgpctl's struct output) instead of testing a flag per element.
 * A new format is a new table; the formatters stay free of the choice. */
struct dump_output {
	/* Writes one element, "\n"-terminated. collector: the element's
	 * collector name ("" when unknown); only read when wants_collector.
	 * s: the caller's style, for the formats that keep state (-H). */
	void (*elem)(struct outbuf *o, const struct elem *e, const char *collector,
	             struct bgpdump_style *s);
	bool wants_collector;
	/* Formats of whole records (-H), else NULL: called with each record
	 * before its elements are. */
	void (*record)(struct outbuf *o, const struct mrt_record *rec, struct bgpdump_style *s);
};

extern const struct dump_output dump_output_bgpdump;   /* bgpdump -m */
extern const struct dump_output dump_output_json;      /* JSON Lines */
/* bgpdump -H: a block of lines per message, state change or RIB entry,
 * each ended by an empty line. Needs s->scratch. */
extern const struct dump_output dump_output_bgpdump_multi;

#endif
