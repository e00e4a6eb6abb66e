/*
 * peers.h — per vantage point accounting: table sizes from the latest RIB
 * dump of each collector, full-feed flags, update and session counters.
 * Owns: the counters. Never: prints, or keeps routes. Vantage points, dump
 * sessions, table sizes and the full-feed decision are the shared registry's
 * (vantage.h), the same one blackout and timeline count with, so `peers`
 * explains exactly what they count. Table sizes count unicast RIB entries
 * (multicast ones are left out, as visibility leaves them out).
 */
#ifndef MRTREACH_PEERS_H
#define MRTREACH_PEERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/elem.h"
#include "state/vantage.h"

struct peer_count {
	uint64_t rib_entries;        /* over all dumps read */
	uint64_t announces, withdraws, state_changes;
};

struct peers {
	struct vantage vt;           /* the vantage points: index i here is vt.vps[i] */
	struct peer_count *cnt;      /* per vantage point */
	size_t capcnt;
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

/* Vantage point i (0 .. p->vt.n - 1): address, AS, collector, times, table sizes. */
static inline const struct vantage_vp *peers_vp(const struct peers *p, size_t i)
{
	return &p->vt.vps[i];
}
/* Full-feed state of vantage point i for family f (0 IPv4, 1 IPv6):
 * vantage_feed() with the yardstick of every collector's dump. */
enum peer_full { PEER_FULL_UNKNOWN, PEER_FULL_NO, PEER_FULL_YES };
enum peer_full peers_full_feed(const struct peers *p, size_t i, int f);
/* True when vantage point i's collector had a whole RIB dump read. */
bool peers_has_table(const struct peers *p, size_t i);

/* Indices 0..n-1 in report order: collector name (names[collector]), then
 * address family, then address. Returns NULL when out of memory. */
uint32_t *peers_sorted(const struct peers *p, const char *const *names, size_t nnames);

#endif
