/*
 * visibility.h — which target prefixes are visible, decided from per vantage
 * point route presence (rib.h), full-feed selection and a visibility rule.
 * Owns: the semantics below. Never: prints, or keeps windows (blackout.h,
 * timeline.h subscribe to its changes).
 *
 * SEMANTICS (the manual copies this block)
 *
 * Vantage point. One BGP peer (by address) of one collector. The same peer
 * address seen by two collectors is two vantage points. A collector is named
 * by the input's path (merge.h).
 *
 * Route presence. A vantage point has a route to a prefix from a RIB entry
 * or an announcement until (a) a withdrawal, (b) its session leaves
 * Established (a STATE change with old state 6 to anything else withdraws
 * all its routes), or (c) a later RIB dump of its collector ends without
 * having listed it. A dump is "open" from its first RIB entry to the end of
 * its file; every route listed by it, and every announcement of that
 * collector's vantage points read while it is open, counts as refreshed, so
 * updates interleaved with the dump are never dropped. All records of a
 * dump carry the dump's start time; changes it causes are dated by it. A
 * dump with damage in one of its files (cut short, corrupt) drops nothing:
 * the routes it did not reach are kept, not called withdrawn.
 * With ADD-PATH a vantage point may hold several paths to a prefix: it has
 * a route while at least one path remains.
 *
 * Unknown time. Nothing is known before the first element of the data; a
 * vantage point takes part only from its first element on, and only once it
 * is full-feed. Without any RIB dump read, nothing is known of the targets
 * until one of them is first announced (vis_known). Windows never start before the data does; a window already
 * open when the data starts is marked so ("dark at data start").
 * A vantage point's route to a prefix is unknown (neither present nor
 * absent; the vantage point is left out of that prefix's denominator):
 *  - during a gap in its collector's data (io/coverage.h: update files
 *    missing, a RIB dump older than the next update file, update files
 *    before the first RIB dump, a stretch without records), from the
 *    gap's start on (vis_add_gap: before the data, or while it streams,
 *    before time passes the gap's start);
 *  - after a gap, until proven again: an announcement or withdrawal of
 *    that prefix from that vantage point, or the end of a whole RIB dump of
 *    its collector (read after the gap), which proves every route of every
 *    vantage point of it (one it does not list has none). The updates
 *    inside the gap are lost, so the state before it is no evidence;
 *  - after a collector restart: at least VIS_RESTART_MIN (2) sessions, and
 *    at least three quarters of the collector's sessions that were up, leave
 *    Established within VIS_RESTART_WINDOW (60) seconds of the first. Every
 *    vantage point whose session dropped in that burst is unknown from its
 *    drop until proven as above, or until VIS_RESEND (300) seconds after
 *    its session is Established again (or its first announcement after
 *    the drop), when its table counts as re-sent: what it has not
 *    announced by then is absent. A window opened by the burst's first
 *    drops, before the restart was recognised, is withdrawn. A single
 *    peer's session reset keeps rule (b) of route presence.
 * The visibility rule counts known routes only: unknown ones are left out
 * of the counts and of the denominator. A prefix for which fewer than half
 * of its full-feed vantage points' routes are known is unknown itself:
 * neither visible nor dark (VIS_F_UNK); one proven route among many
 * unknown ones does not decide it. A total blackout
 * needs every target prefix known and invisible; while none is visible and
 * some are unknown, the answer is undecided (blackout.h gives bounds).
 *
 * Full-feed vantage points, per address family: those whose table in their
 * collector's last RIB dump holds at least FRACTION (--full-feed, default
 * 0.9) as many entries as the largest table of any vantage point (all RIB
 * entries count, not only target ones). Recomputed at the end of every dump.
 * A collector whose RIB dump has not been read (only update files given)
 * has no table sizes to judge by: every vantage point of it seen so far
 * counts as full-feed, in both families. A vantage point is known from its
 * first message of any kind (state change, announcement, withdrawal, RIB
 * entry, of any prefix), so a few peers announcing a target are not taken
 * for all of them; the report's header says so for such a collector.
 *
 * Visibility of a prefix (--visibility):
 *   majority  (default) at least half of the full-feed vantage points have a
 *             route, and at least one (the IODA convention: one stale
 *             "zombie" peer cannot keep a prefix visible);
 *   any       at least one vantage point (full-feed or not) has a route;
 *   N         (an integer >= 1) at least N full-feed vantage points;
 *   FRACTION  (0.25, 0.1, 30%) at least that share of the full-feed
 *             vantage points, and at least one.
 * With --covering a target prefix also counts as visible (reachable) while
 * a tracked less-specific route that covers it is visible by the same rule:
 * address-space coverage instead of per-prefix visibility. Covering routes
 * are tracked for --prefix / --prefixes / --country targets (not --origin).
 *
 * Targets. --prefix P: P itself; with --more-specific, every prefix under P.
 * --country CC: every prefix inside CC's delegated address space. --origin
 * AS: every prefix announced with origin AS (tracked from then on). The
 * target is the set of such prefixes that appear in the data (in a RIB entry
 * or an announcement); a target prefix never seen in the data is not part of
 * it, so a --more-specific target is not "dark" for prefixes that were never
 * routed. If no target prefix appears at all, there is nothing to report.
 *
 * Time. MRT timestamps have one-second resolution and inputs of several
 * collectors interleave within a second in no meaningful order, so all
 * elements of one second are applied together: visibility is decided at the
 * end of each second (and not while a RIB dump is half read).
 *
 * Blackout. A total blackout is a time when no target prefix is visible.
 * It starts at the timestamp of the element (update, state change, or the
 * end of a RIB dump) that made the last target prefix invisible and ends at
 * the one that made the first visible again. A window still open at the end
 * of the data is "ongoing"; its duration counts up to the last element.
 * Each window also tells how many full-feed vantage points still had a
 * route to a target at its start and at the fewest during it, and names the
 * vantage points that kept one throughout (stale routes, typically).
 */
#ifndef MRTREACH_VISIBILITY_H
#define MRTREACH_VISIBILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/elem.h"
#include "io/coverage.h"
#include "state/rib.h"
#include "state/targets.h"

enum vis_rule_kind { VIS_FRACTION, VIS_ANY, VIS_COUNT };

struct vis_rule {
	enum vis_rule_kind kind;
	double fraction;            /* VIS_FRACTION: 0.5 is "majority" */
	uint32_t count;             /* VIS_COUNT */
};

/* The unknown rule, shared by every decision about the unknown: a prefix
 * (of its full-feed vantage points' routes), a (prefix, origin) pair
 * (origins.h) or a visible share (share.h) is decided while what is known
 * of it is at least half of it: known, and unknown, in the same units. */
static inline bool vis_decided(double known, double unknown)
{
	return known >= unknown;
}

/* Whether seen_full of nfull full-feed vantage points and seen_any in all
 * make "visible" under rule r. */
bool vis_rule_ok(const struct vis_rule *r, uint32_t seen_full, uint32_t nfull, uint32_t seen_any);
/* Human words for the rule, e.g. "visible = at least half of the full-feed vantage points". */
void vis_rule_describe(const struct vis_rule *r, bool covering, char *dst, size_t len);

struct vis_config {
	struct vis_rule rule;
	double full_feed;           /* default 0.9 */
	bool covering;
	const struct targets *targets;
	bool origins;               /* keep each route's origin (rib_track_origins) */
	bool track_cover;           /* track routes covering a target (as --covering
	                             * does) without counting them for visibility */
};

/* Per-prefix flags. */
enum {
	VIS_F_TARGET = 1,           /* part of the target */
	VIS_F_OWN = 2,              /* visible by its own routes */
	VIS_F_EFF = 4,              /* visible, or covered by a visible route (--covering) */
	VIS_F_DIRTY = 8,            /* its routes changed in the current second */
	VIS_F_UNK = 16,             /* unknown: fewer than half of its full-feed vantage
	                             * points' routes are known (neither visible nor dark) */
	VIS_F_EUNK = 32,            /* a target reported unknown: VIS_F_UNK and not
	                             * visible (VIS_F_EFF) as of its last change */
};

/* A collector restart (see "Unknown time"): at least VIS_RESTART_MIN
 * sessions, and at least three quarters of the collector's sessions that
 * were up, leave Established within VIS_RESTART_WINDOW seconds of the
 * first; a vantage point re-established after one is taken to have re-sent
 * its table VIS_RESEND seconds later. */
#define VIS_RESTART_WINDOW 60
#define VIS_RESTART_MIN 2
#define VIS_RESEND 300
#define VIS_VPKEYS 1024         /* peer keys remembered (a power of two) */

/* A target prefix's state changed: it is visible, dark (invisible), or
 * unknown (neither: too few of its routes are known). */
struct vis_change {
	uint32_t ts;
	uint32_t prefix;            /* rib prefix index */
	bool visible;
	bool unknown;               /* not visible because too little is known of it */
	bool flip;                  /* visible changed; false: it went between dark
	                             * and unknown (visible stays false) */
	uint32_t seen_full;         /* full-feed vantage points with a known route */
	uint32_t nfull;             /* full-feed vantage points of its family whose
	                             * route is known */
	uint32_t seen_any;          /* vantage points with a known route */
	uint32_t unk_full;          /* full-feed vantage points whose route is unknown */
};

struct vis;

/* Per vantage point and per collector state of the unknown rules. */
struct vis_vpx {
	uint32_t down_ts;           /* its session last left Established */
	uint32_t resend_until;      /* restarted and re-established: its table is
	                             * taken as re-sent then (0: not waiting) */
	bool down;                  /* its session is down (no message since) */
	bool restarting;            /* unknown by a collector restart */
};
struct vis_colx {
	uint32_t ingap;             /* coverage gaps of it open now */
	uint32_t burst_start;       /* first session drop of the current burst */
	uint32_t burst_count, burst_base;
	bool burst_restart;         /* the burst was found to be a restart */
	bool dumped;                /* a dump of it closed: prove its vantage points */
};
struct vis_gap_event {
	uint32_t at;                /* applied once time reaches at */
	uint32_t ts;                /* the time it is dated */
	uint32_t collector;
	bool start;
};

struct vis_hooks {
	/* Time is about to move from v->now to ts (> v->now): state is that of ts - 1. */
	void (*on_advance)(struct vis *v, uint32_t ts, void *arg);
	/* A target prefix changed state (after v->nvisible and v->nundecided
	 * were updated): visible or not (c->flip), or between dark and unknown. */
	void (*on_change)(struct vis *v, const struct vis_change *c, void *arg);
	/* After an element that touched the target, or a recomputation. */
	void (*on_tick)(struct vis *v, uint32_t ts, void *arg);
	void *arg;
	/* Tracked prefix p (target or covering route) was re-decided at v->now:
	 * its routes or the full-feed set changed. Before on_tick. */
	void (*on_decide)(struct vis *v, uint32_t p, void *arg);
};

struct vis {
	struct rib rib;
	struct vis_config cfg;
	struct vis_hooks hooks;

	uint8_t *flags;             /* per rib prefix */
	size_t capflags;
	uint32_t *targets;          /* rib indices of target prefixes, in order seen */
	size_t ntargets, captargets;
	uint32_t nvisible;          /* target prefixes visible (VIS_F_EFF) */
	uint32_t nunknown;          /* target prefixes unknown (VIS_F_UNK) */
	uint32_t nundecided;        /* of them, those not visible (VIS_F_EUNK): with
	                             * nvisible, the rest of the targets are dark */
	uint64_t changes;           /* target state changes so far (share.h) */
	uint32_t org_asn, org_cls;  /* the last origin AS interned and its class (scan) */
	bool target_fam[2];         /* some target is IPv4 / IPv6 */
	uint32_t *sorted;           /* with --covering: targets in prefix_cmp order, so
	                             * those under a covering route are one run */

	uint64_t *full[2];          /* full-feed masks (v4, v6) over vantage points */
	size_t fullwords;
	uint32_t nfull[2];

	/* The vantage point of the latest peer keys (elem.h), direct-mapped by
	 * key: a record's elements, and a RIB dump's peer index entries, are
	 * resolved once, not per element. */
	struct vis_vpkey {
		uint64_t key;           /* 0: empty */
		uint32_t vp;
	} vpkeys[VIS_VPKEYS];
	/* The record and peer key of the last element that changed nothing but
	 * what the rest of its record repeats (time, its vantage point seen,
	 * its session up): a unicast route far from every target. The
	 * record's next elements far from every target only count. */
	uint64_t chain_record, chain_key;
	uint32_t last_vp;           /* the vantage point resolved last by address
	                             * (RIB_NONE: none): a new peer key of the same
	                             * peer (a table dump's next record) skips the
	                             * hash */
	/* vis_far_from_targets' configuration, fixed for the pass (vis_init):
	 * any element can be far (vis_far_possible); then the targets' bits per
	 * first 16 address bits (targets.h blocks) of IPv6 [0] and IPv4 [1]
	 * (NULL: none built), and whether covering routes are tracked. */
	bool far_possible, far_covering;
	const uint64_t *far_blocks[2];
	struct prefix last_pfx;     /* the last tracked prefix looked up: RIB dumps */
	uint32_t last_idx;          /* list each prefix once per peer in a row */
	bool started;
	bool deferred;              /* every prefix must be re-decided at the next flush */
	bool refull;                /* the full-feed set must be recomputed then */
	uint32_t *dirty;            /* prefixes whose routes changed this second */
	size_t ndirty, capdirty;
	uint32_t first_ts, now;
	uint64_t elems;

	/* the unknown rules: coverage gaps and collector restarts */
	struct vis_gap_event *gev;  /* sorted by at */
	size_t ngev, capgev, nextgev;
	struct vis_vpx *vpx;
	size_t capvpx;
	struct vis_colx *colx;
	size_t ncolx;
	uint32_t nresend;           /* vantage points waiting for resend_until */
	uint32_t restarts;          /* collector restarts found so far */
	uint32_t restart_since;     /* the first session drop of the latest one */
};

bool vis_init(struct vis *v, const struct vis_config *cfg, const struct vis_hooks *hooks);
void vis_free(struct vis *v);

/* Collector `collector` had no data in [from, until) (io/coverage.h). Call
 * before time (v->now) reaches from: before the first element for the gaps
 * of the file names, while the data streams for a stretch without records
 * found looking ahead. False when out of memory. */
bool vis_add_gap(struct vis *v, uint32_t collector, uint32_t from, uint32_t until);
/* Every gap of a coverage plan (io/coverage.h), as vis_add_gap. */
bool vis_add_plan(struct vis *v, const struct coverage *plan);

/* Whether any element can be far: not with every prefix a target, nor
 * with origin targets (any route may be one). Fixed by vis_init. */
static inline bool vis_far_possible(const struct vis *v)
{
	return v->far_possible;
}
/* Whether a route to p is far from every target: vis_elem finds nothing
 * to track for it (mostly one bit test). As targets_classify(...) ==
 * TGT_NONE, with its bit test read from what vis_init kept of the
 * configuration, so a chained element costs fewer loads. By the bit test
 * alone: true says far, false may be either (the ranges decide). */
static inline bool vis_far_by_block(const struct vis *v, const struct prefix *p)
{
	const uint64_t *w = v->far_blocks[p->addr.afi == AFI_IPV4];
	if (!w || p->len < 16)
		return false;
	unsigned b = (unsigned)p->addr.b[0] << 8 | p->addr.b[1];
	return !(w[b / 64] >> (b % 64) & 1);
}
static inline bool vis_far_from_targets(const struct vis *v, const struct prefix *p)
{
	return vis_far_by_block(v, p) ||
	       (v->far_possible && targets_classify_ranges(v->cfg.targets, p, v->far_covering) == TGT_NONE);
}
/* Whether vis_elem takes e by its record, time, type, peer, SAFI and
 * address family alone (a route far from every target: only counted,
 * pipeline.h elem_far). Reads only v's configuration and targets, fixed
 * for the pass: safe on other threads while this one runs vis_elem. */
static inline bool vis_elem_far(const struct vis *v, const struct elem *e)
{
	return e->type != ELEM_STATE && vis_far_from_targets(v, &e->prefix);
}

/* Whether e continues the chain: an announcement or withdrawal far from
 * every target of the record and peer whose last element changed nothing
 * but its time, its vantage point's time and its session (be93a52): e would
 * do the same again and find nothing to track, so it is only counted. */
static inline bool vis_chained(const struct vis *v, const struct elem *e)
{
	return e->record == v->chain_record && e->peer_key == v->chain_key && e->record &&
	       (e->type == ELEM_ANNOUNCE || e->type == ELEM_WITHDRAW) &&
	       vis_far_from_targets(v, &e->prefix);
}
/* vis_elem past the chain (not to be called alone). */
void vis_elem_whole(struct vis *v, const struct elem *e);
/* vis_elem's first half: counts e and says true when it is chained (then
 * it changed nothing else, so no hook ran); false: vis_elem_whole is due.
 * Chained by the bit test alone: a chained element whose prefix only the
 * ranges tell far (rare) goes to vis_elem_whole, which finds the same and
 * only counts it too; so this path calls nothing. */
static inline bool vis_elem_counted(struct vis *v, const struct elem *e)
{
	if (e->record != v->chain_record || e->peer_key != v->chain_key || !e->record ||
	    (e->type != ELEM_ANNOUNCE && e->type != ELEM_WITHDRAW) || !vis_far_by_block(v, &e->prefix))
		return false;
	v->elems++;
	return true;
}
/* One element, in time order. Route presence changes at once; visibility
 * is decided when time moves past the element's second (vis_flush), so the
 * elements of one second count together whatever order the inputs come in.
 * A chained element is counted inline (most routes of an UPDATE). */
static inline void vis_elem(struct vis *v, const struct elem *e)
{
	if (!vis_elem_counted(v, e))
		vis_elem_whole(v, e);
}
/* n more elements alike to the far e just given to vis_elem (one record,
 * type, peer key, SAFI and family): as vis_elem n times. */
void vis_elem_more(struct vis *v, const struct elem *e, uint32_t n);
/* Time moves to ts as an element of that time would move it (a partial's
 * time mark, shard.h); vis_elem does this first. */
void vis_time(struct vis *v, uint32_t ts);
/* n RIB entries of family afi of the vantage point (collector, peer) from
 * input src at ts, not otherwise given (a partial's counts): counted toward
 * its table size as n such elements would be. */
void vis_dump_count(struct vis *v, uint32_t collector, const struct addr *peer, uint8_t afi,
                    uint32_t src, uint32_t ts, uint32_t n);
/* Input source src (merge index) was read to its end; damaged: damage was
 * found in it (a RIB dump it held is then incomplete and drops nothing). */
void vis_source_end(struct vis *v, uint32_t src, bool damaged);
/* Decides visibility from what was read so far (nothing while a RIB dump is
 * half read). Called by vis_elem when time advances; call it at the end. */
void vis_flush(struct vis *v);

/* The data says something of the targets yet: a full-feed vantage point
 * exists and either a RIB dump was read or a target prefix was seen (without
 * a dump, vantage points seen count as full-feed, but until a target is
 * announced nothing is known of it). Before that, time is unknown, not dark. */
bool vis_known(const struct vis *v);

/* A scratch buffer of at least n words the caller may use until its next
 * call into vis (the per-second list of changed prefixes, empty between
 * seconds: after a RIB dump it holds a word per prefix); NULL when it is
 * smaller. Lets scan sort every prefix without a second such array. */
uint32_t *vis_scratch(struct vis *v, size_t n);

/* Full-feed vantage points with a route to prefix p, and how many there are. */
void vis_counts(const struct vis *v, uint32_t p, uint32_t *seen_full, uint32_t *nfull, uint32_t *seen_any);
/* The same, and whether enough of p's full-feed routes are known to decide
 * anything of it (vis_decided): p itself, or (prefix, origin) pairs of it
 * (origins.h), which share its denominator. */
bool vis_counts_decided(const struct vis *v, uint32_t p, uint32_t *seen_full, uint32_t *nfull,
                        uint32_t *seen_any);
/* The data does not decide that p is dark: p is unknown (VIS_F_UNK), or not
 * visible by its known routes but would be if its unknown full-feed routes
 * were present. From its routes as they are now (valid in on_decide). */
bool vis_dark_undecided(const struct vis *v, uint32_t p);
/* Vantage points (and full-feed ones) holding a route to any target prefix,
 * and the full-feed vantage points of the families the targets are in. */
void vis_target_holders(const struct vis *v, uint32_t *any, uint32_t *full, uint32_t *nfull);
/* Full-feed vantage points in the address families the targets are in. */
uint32_t vis_nfull_targets(const struct vis *v);
/* Word k of the set of vantage points holding a route to any target prefix. */
uint64_t vis_target_word(const struct vis *v, size_t k);
/* Vantage points of collector c (RIB_NONE: all), and how many of them are
 * full-feed in IPv4 (nfull[0]) and in IPv6 (nfull[1]). */
void vis_vp_counts(const struct vis *v, uint32_t c, uint32_t *nvps, uint32_t nfull[2]);

#endif
