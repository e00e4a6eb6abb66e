/*
 * vantage.h — the one registry of vantage points, shared by the routing
 * state (rib.h, visibility.h: blackout, timeline) and by the summaries
 * (peers.h: peers, stats), so every command counts the same vantage points
 * and calls the same ones full-feed.
 * Owns: vantage points (one peer address at one collector) and their
 * indices, each collector's RIB-dump sessions (which inputs belong to the
 * dump being read, when it is whole, whether one of its files was
 * damaged), table sizes per address family, and the full-feed decision.
 * Never: keeps routes (rib.h does), prints, or reads a process-wide state:
 * whether an input was damaged is told by the caller at its end.
 *
 * Rules:
 *  - Index. Vantage points are numbered 0, 1, ... in the order first seen
 *    and never renumbered (rib.h's bitsets are indexed by these numbers).
 *  - Table size, per family (0 IPv4, 1 IPv6): the RIB entries of the
 *    vantage point in its collector's latest whole dump. A dump opens at
 *    the first RIB entry of an input; an input joins the collector's
 *    current dump when another file of that dump is still open or it
 *    carries the same dump time (several files of one dump, e.g. one per
 *    family), otherwise it starts a new dump, which counts every vantage
 *    point of the collector from zero. When the last open file of the dump
 *    ends, the dump is pending; vantage_take() then takes the sizes (one
 *    not listed gets 0). A dump with damage in one of its files keeps the
 *    sizes known before it (it is used only when none were known): a half
 *    dump would make every table it did not reach look small.
 *  - Full-feed, per family: the table holds at least FRACTION (--full-feed)
 *    of the largest table of that family among the collectors whose dump
 *    was read. A vantage point whose collector has no dump read has no
 *    table size: vantage_feed() says VANTAGE_NO_TABLE and the caller
 *    decides (visibility counts it, peers shows "unknown").
 */
#ifndef MRTREACH_VANTAGE_H
#define MRTREACH_VANTAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/prefix.h"

#define VANTAGE_NONE UINT32_MAX

struct vantage_vp {
	struct addr ip;
	uint32_t asn;                /* the latest non-zero seen */
	uint32_t collector;
	uint32_t first_ts, last_ts;  /* its first and latest element */
	uint32_t dump_count[2];      /* RIB entries (v4, v6) in the dump being read */
	uint32_t table_size[2];      /* the same from its collector's latest whole dump */
};

struct vantage_collector {
	bool started;                /* a dump has begun (dump_ts is set) */
	bool pending;                /* its files all ended; vantage_take() not done yet */
	bool damaged;                /* a file of the current dump was damaged */
	bool had_dump;               /* one was taken: table sizes are known */
	uint32_t open_files;         /* inputs of the current dump not yet ended */
	uint32_t dump_ts;            /* time of the current (or last) dump */
};

struct vantage {
	struct vantage_vp *vps;
	size_t n, cap;
	uint32_t *slots;             /* open addressing: vp index + 1, 0 empty */
	size_t nslots;
	struct vantage_collector *cols;
	size_t ncols;
	uint32_t *src_dump;          /* per input: collector + 1 while it is an open
	                              * file of that collector's current dump, else 0 */
	size_t nsrc;
	uint32_t last;               /* the last vantage point looked up (a cache) */
	bool oom;                    /* an allocation failed: results incomplete */
};

void vantage_init(struct vantage *vt);
void vantage_free(struct vantage *vt);

/* The vantage point (collector, ip), added when new; seen at ts with asn
 * (0: unknown). VANTAGE_NONE when out of memory (vt->oom is set). */
uint32_t vantage_get(struct vantage *vt, uint32_t collector, const struct addr *ip, uint32_t asn,
                     uint32_t ts);

/* Vantage point vp (known already) seen at ts with asn (0: unknown), as
 * vantage_get would note it: for callers that resolved vp once for many
 * elements of one peer (elem.h peer_key). */
static inline void vantage_seen(struct vantage *vt, uint32_t vp, uint32_t asn, uint32_t ts)
{
	struct vantage_vp *v = &vt->vps[vp];
	if (asn)
		v->asn = asn;
	if (ts < v->first_ts)
		v->first_ts = ts;
	if (ts > v->last_ts)
		v->last_ts = ts;
}

/* count RIB entries of vantage point vp, family afi, from input src with
 * dump time ts: counted toward vp's table size in its collector's current
 * dump (opened or joined as the rules say). */
void vantage_dump_entries(struct vantage *vt, uint32_t vp, uint8_t afi, uint32_t src, uint32_t ts,
                          uint32_t count);
/* One such entry. Inline while src is a file of vp's collector's open dump
 * already (every entry but a file's first): one more counted, as
 * vantage_dump_entries would (saturating). */
static inline void vantage_dump_entry(struct vantage *vt, uint32_t vp, uint8_t afi, uint32_t src,
                                      uint32_t ts)
{
	struct vantage_vp *v = &vt->vps[vp];
	uint32_t *n = &v->dump_count[afi == AFI_IPV6];
	if (src < vt->nsrc && vt->src_dump[src] == v->collector + 1 && *n < UINT32_MAX) {
		++*n;
		return;
	}
	vantage_dump_entries(vt, vp, afi, src, ts, 1);
}
/* Input src was read to its end (damaged: damage was found in it). When it
 * was the last open file of a collector's dump, that dump is now pending
 * and its collector is returned; otherwise VANTAGE_NONE. */
uint32_t vantage_source_end(struct vantage *vt, uint32_t src, bool damaged);
/* Takes collector col's pending dump: its table sizes (unless damaged and
 * sizes were known) and had_dump. */
void vantage_take(struct vantage *vt, uint32_t col);

/* A dump of col is being read or is pending: its entries refresh routes. */
static inline bool vantage_dump_active(const struct vantage *vt, uint32_t col)
{
	return col < vt->ncols && (vt->cols[col].open_files > 0 || vt->cols[col].pending);
}
/* Any collector's dump is being read (a file of it is open). */
bool vantage_dump_open(const struct vantage *vt);
/* Vantage point i's collector had a dump taken: it has table sizes. */
bool vantage_has_table(const struct vantage *vt, size_t i);
/* A collector that has data (it has a column: one of its vantage points,
 * or one of a higher-numbered collector's, was seen) never will have a dump
 * taken: none was, none is being read, and may_dump[c] (n of them; false
 * beyond) says no input of it is a RIB file. Not every collector's table
 * sizes can then be known, whatever is still read. */
bool vantage_dumpless(const struct vantage *vt, const bool *may_dump, size_t n);

/* The full-feed decision for vantage point i, family f (0 IPv4, 1 IPv6). */
enum vantage_feed { VANTAGE_NO_TABLE, VANTAGE_PARTIAL, VANTAGE_FULL };
/* The largest table of each family among collectors with a dump taken:
 * the yardstick of vantage_feed(). */
void vantage_max_tables(const struct vantage *vt, uint32_t max[2]);
enum vantage_feed vantage_feed(const struct vantage *vt, size_t i, int f, double fraction,
                               const uint32_t max[2]);

/* The comparison itself: a table of size entries is full-feed when it holds
 * at least fraction of the largest table (max) of its family. The tolerance
 * lets 0.9 * 1000 admit exactly 900. */
static inline bool vantage_is_full_feed(uint32_t size, uint32_t max, double fraction)
{
	return max > 0 && size > 0 && (double)size >= fraction * (double)max - 1e-9;
}

#endif
