/*
 * peers.h — per vantage point accounting: table sizes from the latest RIB
 * dump of each collector, full-feed flags, update and session counters.
 * Owns: those counters and their rules. Never: prints, or keeps routes.
 *
 * Rules (the same as visibility.h, so `peers` explains what blackout and
 * timeline count):
 *  - A vantage point is one peer address at one collector.
 *  - Table size, per address family: the RIB entries of the vantage point in
 *    its collector's latest RIB dump (every entry counts: multicast, ADD-PATH
 *    paths). A dump opens at the first RIB entry of an input and is taken
 *    when its last file ends. Several files of one dump (same collector, the
 *    same dump time, e.g. one per family, or files read while another file
 *    of the dump is open) count as one. A new dump of the collector replaces
 *    the sizes of all its vantage points (one it does not list gets 0),
 *    unless damage was found in one of its files: a half-read dump keeps
 *    the sizes known before it (it is used only when none were known).
 *  - Full-feed, per family: the table holds at least FRACTION of the largest
 *    table of that family among the collectors whose dump was read (as
 *    visibility.c computes it). Unknown for a collector without a dump.
 */
#ifndef MRTREACH_PEERS_H
#define MRTREACH_PEERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/elem.h"

struct peer_vp {
	struct addr ip;
	uint32_t asn;                /* the latest seen */
	uint32_t collector;
	uint32_t dump_count[2];      /* RIB entries (v4, v6) in the dump being read */
	uint32_t table_size[2];      /* the same from the collector's latest whole dump */
	uint64_t rib_entries;        /* over all dumps read */
	uint64_t announces, withdraws, state_changes;
	uint32_t first_ts, last_ts;
};

struct peer_collector {
	bool started;                /* a dump has begun (dump_ts is set) */
	bool had_dump;               /* one was read to its end */
	bool damaged;                /* a file of the current dump was damaged */
	uint32_t open_files;         /* inputs of the current dump not yet ended */
	uint32_t dump_ts;            /* time of the current (or last) dump */
};

struct peers {
	struct peer_vp *vps;
	size_t n, cap;
	uint32_t *slots;             /* open addressing: vp index + 1, 0 empty */
	size_t nslots;
	struct peer_collector *cols;
	size_t ncols;
	uint32_t *src_dump;          /* per input: collector + 1 while it is a file
	                              * of that collector's current dump, else 0 */
	size_t nsrc;
	double full_feed;            /* FRACTION, default 0.9 */
	bool oom;                    /* an allocation failed: results incomplete */
};

void peers_init(struct peers *p, double full_feed);
void peers_free(struct peers *p);

/* Accounts one element (any order of collectors; time order within one). */
void peers_elem(struct peers *p, const struct elem *e);
/* Input source src was read to its end: a RIB dump read from it is taken
 * (damaged: damage was found in it, so the dump is half read). */
void peers_source_end(struct peers *p, uint32_t src, bool damaged);

/* Full-feed state of vantage point i for family f (0 IPv4, 1 IPv6). */
enum peer_full { PEER_FULL_UNKNOWN, PEER_FULL_NO, PEER_FULL_YES };
enum peer_full peers_full_feed(const struct peers *p, size_t i, int f);
/* True when vantage point i's collector had a whole RIB dump read. */
bool peers_has_table(const struct peers *p, size_t i);

/* Indices 0..n-1 in report order: collector name (names[collector]), then
 * address family, then address. Returns NULL when out of memory. */
uint32_t *peers_sorted(const struct peers *p, const char *const *names, size_t nnames);

#endif
