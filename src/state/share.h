/*
 * share.h — the visible share of a target: how much of it is visible, by
 * address space (/24 units, IPv6 /48 units, nested prefixes counted once)
 * or by prefix count.
 * Owns: the target prefixes in address order and the union arithmetic.
 * Never: decides visibility (visibility.h), keeps windows, prints.
 *
 * SEMANTICS (the manual copies this block)
 *
 * Visible share at time t, --weight space (default): the /24 units covered
 * by the union of the visible target prefixes, divided by the /24 units
 * covered by the union of all target prefixes. IPv6 counts in /48 units
 * (one /48 = one /24), both families adding up. A more-specific inside a
 * visible less-specific target is counted once. A prefix longer than /24
 * (IPv6: /48) counts as the fraction of the unit it covers; an IPv6 prefix
 * longer than /64 counts as a /64.
 * --weight prefixes: visible target prefixes / target prefixes.
 * Unknown target prefixes (visibility.h, "Unknown time") are left out of
 * both: the share is that of the known part of the target. It is decided
 * while that part is at least half of the target (by the same weight);
 * with less known, the share says nothing (vis_decided).
 * With no target prefix in the data yet, the share is 0.
 */
#ifndef MRTREACH_SHARE_H
#define MRTREACH_SHARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/prefix.h"
#include "state/visibility.h"

enum share_weight { SHARE_SPACE, SHARE_PREFIXES };

/* "space" or "prefixes" (the command line reads them: cli/reach.c). */
const char *share_weight_name(enum share_weight w);

/* A union of prefixes fed in prefix_cmp order (family, address, length):
 * fine units are IPv4 addresses and IPv6 /64s. */
struct share_acc {
	uint64_t units[2];          /* fine units covered (v4, v6) */
	uint64_t end[2];            /* first fine unit past the last one counted */
	bool any[2];
};

static inline void share_acc_init(struct share_acc *a)
{
	*a = (struct share_acc){ { 0, 0 }, { 0, 0 }, { false, false } };
}
/* Adds p, which must not sort before the previous prefix added. */
void share_acc_add(struct share_acc *a, const struct prefix *p);
/* The union in /24 units (IPv6 /48 units added). */
double share_acc_slash24(const struct share_acc *a);

/* Sorts n rib prefix indices into prefix_cmp order. */
void share_sort_prefixes(const struct rib *r, uint32_t *idx, size_t n);
/* /24 units of one prefix (IPv6: /48 units; past /64 as a /64). */
double share_units(const struct prefix *p);

struct share {
	uint32_t *sorted;           /* rib indices of the targets, prefix_cmp order */
	size_t n, cap;
	struct share_acc all, vis;
	struct share_acc known;     /* the targets not unknown (VIS_F_EUNK) */
	uint64_t seen;              /* v->changes when vis was computed */
	bool valid;
	bool oom;
};

void share_init(struct share *s);
void share_free(struct share *s);
/* Brings the sums up to date with v (new targets, visibility changes);
 * costs nothing when neither changed since the last call. */
void share_update(struct share *s, const struct vis *v);
/* After share_update: the visible share of the known targets in [0, 1] by
 * weight w, and whether enough of the target is known to decide it. */
double share_value(const struct share *s, const struct vis *v, enum share_weight w);
bool share_decided(const struct share *s, const struct vis *v, enum share_weight w);
/* After share_update: visible /24 units, and all target /24 units. */
static inline double share_visible_slash24(const struct share *s) { return share_acc_slash24(&s->vis); }
static inline double share_target_slash24(const struct share *s) { return share_acc_slash24(&s->all); }

#endif
