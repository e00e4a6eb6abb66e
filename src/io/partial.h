/*
 * partial.h — the partial file format (docs/partial-format.md): a shard's
 * filtered element stream, written by one run and replayed by another.
 * Owns: encoding and decoding the format (magic, version, header, groups of
 * events keyed as the merge orders records, CRC-32 trailer), and checking a
 * whole file before any of it is used. Never: decides which elements a
 * partial keeps (state/shard.h does), or replays them (cli/pipeline.c): it
 * only orders the groups of several partials as one run would (merging).
 */
#ifndef MRTREACH_PARTIAL_H
#define MRTREACH_PARTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/elem.h"
#include "io/heap.h"

#define PARTIAL_MAGIC "MRTRPART"
#define PARTIAL_VERSION 3         /* written; versions 1 (no stretches) and 2 (no
                                   * origins' section) are read too */
enum partial_kind {
	PARTIAL_REACH = 1,       /* blackout, timeline, origins */
	PARTIAL_SCAN = 2,        /* scan: route elements in the compact form */
};

/* ---- writing (in memory; partial_w_save writes the file) ---- */
struct partial_w;
struct partial_w *partial_w_new(void);
void partial_w_free(struct partial_w *w);
/* Before the header: the kind (default PARTIAL_REACH). */
void partial_w_set_kind(struct partial_w *w, enum partial_kind kind);
/* The header: what the stream was filtered for, its collectors and inputs. */
void partial_w_header(struct partial_w *w, uint64_t targets_fp, const char *targets_text,
                      const char *const *collectors, size_t ncol, const char *const *paths,
                      const uint64_t *sizes, const uint32_t *src_col, size_t nsrc);
/* A group: the events of one record of input src (local index), whose merge
 * key is key (ts * 2 + 1 for update records, ts * 2 for RIB records, kept as
 * the running maximum of the input's records). Keys never decrease. */
void partial_w_group(struct partial_w *w, uint32_t src, uint64_t key);
void partial_w_mark(struct partial_w *w, uint32_t ts);
void partial_w_elem(struct partial_w *w, const struct elem *e);
void partial_w_count(struct partial_w *w, const struct addr *peer, uint8_t afi, uint32_t n);
/* The end of the current group's input: damage, RIB or not, its first and
 * last record times, and its stretches without records: nstretch pairs
 * (from, until) in stretch, [from, until) between two records (until the
 * later's time), in order, first < from < until <= last. */
void partial_w_source_end(struct partial_w *w, bool damaged, bool rib, bool has, uint32_t first,
                          uint32_t last, uint64_t damage, const uint32_t *stretch,
                          size_t nstretch);
/* Ends the stream, adds the checksum and writes path; false with a reason. */
bool partial_w_save(struct partial_w *w, const char *path, char *err, size_t errlen);
/* The same, kept in memory for partial_r_open_mem (ownership passes). */
bool partial_w_take(struct partial_w *w, uint8_t **buf, size_t *len);
bool partial_w_oom(const struct partial_w *w);

/* ---- reading ---- */
/* Whether path starts with the magic (a regular file). */
bool partial_is(const char *path);

enum partial_ev_type { PEV_MARK = 2, PEV_ELEM = 3, PEV_COUNT = 4, PEV_SOURCE_END = 5 };
struct partial_ev {
	enum partial_ev_type type;
	uint32_t ts;                 /* MARK */
	struct elem e;               /* ELEM (collector and source left to the caller) */
	struct addr peer;            /* COUNT */
	uint8_t afi;
	uint32_t n;
	bool damaged, rib, has;      /* SOURCE_END */
	uint32_t first, last;
	uint64_t damage;
	const uint32_t *stretch;     /* nstretch (from, until) pairs, the reader's */
	size_t nstretch;
};

/* What the end of an input said (partial_r.spans, one per input). */
struct partial_span {
	bool ended, rib, has;        /* ended: its end is in the file */
	uint32_t first, last;
	uint32_t *stretch;           /* (from, until) pairs, as partial_w_source_end's */
	size_t nstretch;
};

/* A vantage point of compact routes: address and AS. */
struct partial_vp {
	struct addr ip;
	uint32_t asn;
};

struct partial_r {
	const char *path;
	enum partial_kind kind;
	uint8_t *buf;
	size_t len, pos, end;        /* end: where the stream's end tag is */
	uint64_t targets_fp;
	char *targets_text;
	char **collectors;
	size_t ncol;
	char **paths;
	uint64_t *sizes;
	uint32_t *src_col;
	size_t nsrc;
	struct partial_span *spans;  /* per input, filled when the file is opened */
	uint8_t version;
	bool checking;               /* the check at opening is reading */
	uint64_t key;                /* the current group's */
	uint32_t src;                /* ... and its input (UINT32_MAX before the first) */
	bool pend_mark;              /* the group starts with a mark at its time */
	struct bgp_attrs *attrs;     /* ELEM's as path points into buf (or path) */
	/* compact routes (PARTIAL_SCAN): what the items before this one set */
	struct partial_vp *vps;
	size_t nvps, capvps;
	uint32_t prev_vp;
	struct prefix prev_pfx;
	bool have_pfx, have_origin;
	uint8_t opath[2 + 4 * 255];  /* the origin as a one-segment AS path */
	size_t opathlen;
	size_t opos, ostart, oend;   /* the origins' section (version 3), read at opos */
};

/* Reads and checks a whole file (magic, version, checksum, every event):
 * 0, or -1 with a reason in err (cut short, corrupt, another version). */
int partial_r_open(struct partial_r *r, const char *path, char *err, size_t errlen);
int partial_r_open_mem(struct partial_r *r, const char *name, uint8_t *buf, size_t len,
                       char *err, size_t errlen);
void partial_r_close(struct partial_r *r);
/* The next group: 1 with r->src and r->key set, 0 at the end. */
int partial_r_group(struct partial_r *r);
/* The next event of the current group: 1 with *ev, 0 at the group's end. */
int partial_r_event(struct partial_r *r, struct partial_ev *ev);

/* ---- merging ---- */
/* Partials read together in the order one run over all their inputs would
 * merge them (docs/partial-format.md): by group key, then by global input
 * index (base[i] plus the group's local input; bases must not overlap), on
 * a heap (io/heap.h): thousands of partials cost log2 of their number per
 * group. */
struct partial_merge {
	struct partial_r **r;
	const uint32_t *base;
	struct heap heap;
	bool started;
};
/* 0, or -1 when out of memory. r and base stay the caller's. */
int partial_merge_init(struct partial_merge *pm, struct partial_r **r, const uint32_t *base,
                       size_t n);
/* The index (into r) of the partial whose current group comes next, its
 * events to be read with partial_r_event; -1 when every partial is done.
 * Each call first moves the previous one on to its next group. */
long partial_merge_next(struct partial_merge *pm);
void partial_merge_free(struct partial_merge *pm);

#endif
