/*
 * scan.h — `mrtreach scan`: outages found without naming a target. Every
 * origin AS and (with delegation files) every country gets a level, its
 * visible /24 units over time; a level far below its normal is an event.
 * Owns: prefix -> entity attribution, levels kept exact as prefixes change
 * visibility, normal levels, events. Never: decides visibility
 * (visibility.h), parses options or prints (report/fmt_scan.c).
 *
 * SEMANTICS (the manual copies this block)
 *
 * Every prefix in the data is tracked; its visibility is decided by the
 * usual rule (visibility.h).
 * Origin AS of a prefix: the last AS of the path that most of the full-feed
 * vantage points holding a route to it hold (route_origin.h; ties: the
 * lowest AS number); decided when the prefix changes visibility and when an
 * announcement changes its origin. A path ending in an AS_SET, or an empty
 * one, gives no origin AS: such a prefix counts for no AS (it still counts
 * for its country).
 * Country of a prefix: the country whose delegated space (--delegations)
 * holds the prefix's first address.
 * Level of an entity at time t: the /24 units (IPv6 /48 units) covered by the
 * union of its visible prefixes, nested prefixes counted once (share.h);
 * also the number of its visible prefixes.
 * Unknown entity: an entity is unknown while fewer than half of its
 * prefixes are known, the rule visibility uses for a prefix's vantage
 * points. Here a prefix is unknown while the data does not decide that it
 * is dark (vis_dark_undecided): it is unknown itself (coverage gaps,
 * collector restarts: visibility.h), or not visible by its known routes but
 * visible were its unknown full-feed routes present. While the entity is
 * known, its unknown prefixes count as not visible in its level. Unknown
 * time is the entity's own: a gap that leaves another entity's routes
 * unproven does not stop this one's events.
 * Normal level: the entity's level is sampled on every hour (UTC) once the
 * data is known; the normal level is the median of the samples of the
 * preceding 24 hours (fewer while less data is available; before the first
 * sample, the level the entity had when it first was known). Hours inside
 * an event, and hours in which the entity is unknown, are not sampled: the
 * normal level stays that of the event's start.
 * Event: a stretch in which the level is below F (--below, default 0.2)
 * times the normal level, lasting at least --min-duration (default 5m). It
 * starts at the element that took the level below and ends at the one that
 * took it back to F x normal or above; one still open at the end of the
 * data is ongoing. Depth: the lowest level inside / the normal level.
 * Entities whose normal level is below --min-size /24 units (default 1)
 * have no events. Severity = (1 - depth) x duration.
 * An entity's unknown time opens no event and takes no sample; an event
 * open when it begins ends there and is marked cut ("then no data
 * decides"), or is dropped if it began less than a minute before (a
 * collector restart's withdrawals, not an outage). Once the entity is known
 * again, a level still below F x normal opens a new event then.
 */
#ifndef MRTREACH_SCAN_H
#define MRTREACH_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "state/deleg.h"
#include "state/visibility.h"

enum scan_kind { SCAN_AS, SCAN_COUNTRY };

struct scan_event {
	uint8_t kind;               /* enum scan_kind */
	uint32_t id;                /* AS number, or deleg_cc */
	uint32_t start, end;        /* end: the last data time while ongoing */
	bool ongoing;
	bool cut;                   /* ended where the entity's unknown time began */
	double depth;               /* lowest level / normal level */
	double normal;              /* normal level, /24 units */
	double normal_prefixes;     /* normal visible prefixes */
	uint32_t dark;              /* prefixes of the entity invisible at the lowest point */
};

struct scan_config {
	double below;               /* default 0.2 */
	int64_t min_duration;       /* seconds; default 300 */
	double min_size;            /* /24 units; default 1 */
	const struct deleg *deleg;  /* NULL: no countries */
};

struct sc_ent;
struct sc_ring;
struct sc_open;

struct scan {
	struct scan_config cfg;
	/* per rib prefix */
	uint32_t *ent;              /* AS entity (SC_NONE) */
	uint16_t *cent;             /* country entity (UINT16_MAX: none); NULL without countries */
	uint8_t *pflags;
	size_t nprefix, cappfx;
	uint32_t *sorted;           /* tracked prefixes in prefix_cmp order */
	size_t nsorted;
	size_t unsorted;            /* prefixes tracked since the last sort */
	/* entities */
	struct sc_ent *e;
	size_t ne, cape;
	uint32_t *cls_ent;          /* by origin class: entity + 1; 0 not yet; SC_NONE none */
	size_t ncls;
	uint32_t cc_ent[26 * 26];   /* country entity + 1 by code */
	struct sc_ring *rings;
	size_t nrings, caprings;
	struct sc_open *open;       /* events being followed */
	size_t nopen, capopen;
	uint32_t *dirty;            /* entities whose level changed this tick */
	size_t ndirty, capdirty;
	bool rebuild;               /* recompute every level at the next tick */
	bool known;
	uint32_t next_sample;       /* next hour boundary */
	/* results */
	struct scan_event *ev;
	size_t nev, capev;
	bool oom;
};

#define SC_NONE UINT32_MAX

bool scan_init(struct scan *s, const struct scan_config *cfg);
void scan_free(struct scan *s);
/* Origins must be tracked: call on the vis before the first element. */
bool scan_attach(struct scan *s, struct vis *v);
/* After vis_elem(e): learns new prefixes and origin changes. */
void scan_elem(struct scan *s, struct vis *v, const struct elem *e);
/* Hooks: vis_hooks.on_change, on_tick, on_advance. */
void scan_change(struct scan *s, struct vis *v, const struct vis_change *c);
void scan_tick(struct scan *s, struct vis *v, uint32_t ts);
void scan_advance(struct scan *s, struct vis *v, uint32_t ts);
/* Hook vis_hooks.on_decide: prefix p was re-decided (it may have become
 * unknown, or known again). */
void scan_decide(struct scan *s, struct vis *v, uint32_t p);
/* At the end of the data: open events become ongoing. */
void scan_finish(struct scan *s, struct vis *v);

enum scan_sort { SCAN_SORT_SEVERITY, SCAN_SORT_TIME };
/* Sorts the events: severity ((1 - depth) x duration, largest first) or time. */
void scan_sort(struct scan *s, enum scan_sort by);
static inline double scan_severity(const struct scan_event *e)
{
	return (1 - e->depth) * (double)(e->end - e->start);
}
/* Entities seen (AS, country) for the header. */
void scan_counts(const struct scan *s, size_t *nas, size_t *ncc);

#endif
