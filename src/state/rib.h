/*
 * rib.h — per vantage point route presence: which vantage point has a route
 * to which tracked prefix, kept as one bitset over vantage points per prefix.
 * Owns: tracked prefixes, sessions going down, RIB resynchronisation (what a
 * whole dump did not list is dropped), ADD-PATH path counts. Vantage points,
 * dump sessions and table sizes are the shared registry's (vantage.h, in
 * r->vt), the same one `peers` uses.
 * Never: decides visibility or which prefixes to track (the caller does).
 *
 * Memory: per tracked prefix, its struct prefix (18 bytes), 5.3 to 10.7 bytes
 * of hash slots (4-byte slots, the table at most three quarters full and
 * doubled when it would be fuller), and two bitsets of ceil(VPs/64) words:
 * "present" and "mark" (refreshed by the RIB dump being read). With 50
 * vantage points that is ~40 bytes per prefix, under one byte per
 * (prefix, vantage point).
 * Tracking origins adds 4 bytes per prefix (route_origin.h).
 */
#ifndef MRTREACH_RIB_H
#define MRTREACH_RIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/prefix.h"
#include "state/route_origin.h"
#include "state/vantage.h"

#define RIB_NONE UINT32_MAX

struct rib_ap;                 /* ADD-PATH path table (rib.c) */

struct rib {
	size_t words;               /* bitset words per prefix */

	struct vantage vt;          /* vantage points and dump sessions: bit vp of a
	                             * bitset is vantage point vp of vt */

	struct prefix *pfx;
	size_t npfx, cappfx;
	uint32_t *pfx_slots;        /* open addressing: prefix index + 1, 0 empty */
	size_t pfx_nslots;
	uint64_t *present;          /* npfx * words */
	uint64_t *mark;             /* npfx * words */

	uint64_t *unk;              /* npfx * words: the route of this vantage point to
	                             * this prefix is unknown (a coverage gap or a
	                             * collector restart came after what was known);
	                             * NULL until the first such vantage point */
	uint64_t *stale;            /* words: vantage points whose routes are unknown
	                             * until proven (prefixes tracked later start unknown) */
	struct rib_ap *ap;
	struct route_origins *org;  /* each route's origin: NULL unless rib_track_origins() */
	bool oom;                   /* an allocation failed: results incomplete */
};

void rib_init(struct rib *r);
void rib_free(struct rib *r);

/* The vantage point (collector, peer address) (vantage_get), the bitsets
 * widened when it is new; RIB_NONE when out of memory. */
uint32_t rib_vp(struct rib *r, uint32_t collector, const struct addr *ip, uint32_t asn, uint32_t ts);

/* The tracked prefix index of p, or RIB_NONE. */
uint32_t rib_find(const struct rib *r, const struct prefix *p);
/* Starts tracking p (no routes yet); returns its index (RIB_NONE on OOM). */
uint32_t rib_add(struct rib *r, const struct prefix *p);

static inline const uint64_t *rib_row(const struct rib *r, uint32_t p)
{
	return r->present + (size_t)p * r->words;
}
static inline bool rib_has(const struct rib *r, uint32_t p, uint32_t vp)
{
	return (rib_row(r, p)[vp / 64] >> (vp % 64)) & 1;
}

/* A route (with path id when has_pid) of vp to tracked prefix p appeared.
 * Returns true when vp's presence for p changed. Marks it refreshed when a
 * dump of vp's collector is open. */
bool rib_announce(struct rib *r, uint32_t p, uint32_t vp, bool has_pid, uint32_t pid);
/* ORIGINS (for origins, timeline --by-origin, scan). Once rib_track_origins()
 * is called, every route announced through rib_announce_origin() keeps its
 * origin class (route_origin.h: the last AS of the AS_PATH, an AS_SET its
 * own class), and rib_origin() tells the origin of the route vp holds now.
 * Costs 4 bytes per prefix, plus one byte per vantage point for a prefix
 * that has had two origins at once. */
bool rib_track_origins(struct rib *r);
/* The origin class of a route with this AS_PATH (bgp_attrs.as_path);
 * RO_NONE when origins are not tracked (or out of memory). */
uint32_t rib_origin_class(struct rib *r, struct cursor as_path);
/* rib_announce, recording the route's origin class (RO_NONE: unknown, not
 * recorded). Returns true when vp's presence for p or its origin changed. */
bool rib_announce_origin(struct rib *r, uint32_t p, uint32_t vp, bool has_pid, uint32_t pid,
                         uint32_t origin);
/* The origin class of vp's route to p; RO_NONE when vp has no route to p
 * (or origins are not tracked). Text: ro_format(r->org, class, ...). */
uint32_t rib_origin(const struct rib *r, uint32_t p, uint32_t vp);

/* Withdrawn; with ADD-PATH presence stays while another path remains. */
bool rib_withdraw(struct rib *r, uint32_t p, uint32_t vp, bool has_pid, uint32_t pid);
/* vp's session left Established: every route of vp is gone. Returns the
 * number of prefixes that lost vp. */
size_t rib_session_down(struct rib *r, uint32_t vp);

/* A RIB entry of vp (any prefix, tracked or not) from source src at ts:
 * counts it toward vp's table size in its collector's dump (vantage.h). */
static inline void rib_dump_entry(struct rib *r, uint32_t vp, uint8_t afi, uint32_t src,
                                  uint32_t ts)
{
	vantage_dump_entry(&r->vt, vp, afi, src, ts);
	if (r->vt.oom)
		r->oom = true;
}
/* Source src was read to its end. When it was the last open file of a
 * collector's dump, routes of that collector's vantage points the dump did
 * not refresh are dropped, table sizes are taken, and the collector index
 * is returned; otherwise RIB_NONE. *dropped counts the (prefix, vp) routes dropped.
 * complete false (the dump was damaged or cut short): nothing is dropped,
 * and table sizes are taken only when none were known, since a half dump
 * would make every route it did not reach look withdrawn. */
uint32_t rib_source_end(struct rib *r, uint32_t src, bool complete, size_t *dropped);
/* The same in two steps, so that several files of one dump (same collector,
 * same time, e.g. one per address family) count as one: rib_dump_close()
 * ends the file (returns its collector or RIB_NONE), rib_resync_pending()
 * then resynchronises every collector whose dump was closed; it returns
 * whether there was any, with *dropped counted. */
uint32_t rib_dump_close(struct rib *r, uint32_t src, bool complete);
bool rib_resync_pending(struct rib *r, size_t *dropped);
/* UNKNOWN ROUTES (visibility.h, "Unknown time"). rib_forget(): every route
 * of vp is unknown from now on, for every prefix tracked now or later, until
 * proven. rib_prove(): vp's route to p is known again (an announcement or
 * withdrawal of p from vp); true when it was unknown. rib_know_all(): every
 * route of vp is known again (a whole RIB dump of its collector, a re-sent
 * table): what vp does not hold is absent. */
bool rib_forget(struct rib *r, uint32_t vp);
bool rib_prove(struct rib *r, uint32_t p, uint32_t vp);
void rib_know_all(struct rib *r, uint32_t vp);
static inline const uint64_t *rib_unk_row(const struct rib *r, uint32_t p)
{
	return r->unk ? r->unk + (size_t)p * r->words : NULL;
}
static inline bool rib_stale(const struct rib *r, uint32_t vp)
{
	return r->unk && ((r->stale[vp / 64] >> (vp % 64)) & 1);
}

/* True while a file of any collector's dump is being read. */
bool rib_dump_open(const struct rib *r);

#endif
