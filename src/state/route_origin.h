/*
 * route_origin.h — the origin of each (prefix, vantage point) route: which
 * AS originated the route a vantage point holds, as an index into a table
 * of origin classes interned once per run.
 * Owns: origin classes (an AS, an AS_SET, or none) and their text; the
 * per-prefix origin tables. Never: knows whether a route is present (the
 * caller's presence bits, rib.h, say that) or decides visibility.
 *
 * THE ORIGIN OF A ROUTE (the manual copies this block)
 *
 * The origin of a route is the last AS of its AS_PATH, after the AS4_PATH
 * merge of RFC 6793 (decode/bgp.c does it). Confederation segments are
 * skipped (they are private to the sender's confederation). A path whose
 * last segment is an AS_SET (an aggregate) has that set as its origin: a
 * class of its own, printed "{A,B}", equal to another such route's only
 * when the sets hold the same ASes. A route with an empty or unreadable
 * AS_PATH has the origin "none". With ADD-PATH a vantage point's origin
 * for a prefix is that of the path it announced last.
 *
 * Memory: 4 bytes per prefix while one origin is seen for it; a prefix that
 * has had routes to two origins at once (MOAS) adds one byte per vantage
 * point and 4 per distinct origin. Nothing per route otherwise.
 */
#ifndef MRTREACH_ROUTE_ORIGIN_H
#define MRTREACH_ROUTE_ORIGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/cursor.h"

#define RO_NONE UINT32_MAX

enum ro_kind { RO_AS, RO_SET, RO_EMPTY };

struct ro_class {
	uint8_t kind;
	uint32_t asn;               /* RO_AS */
	uint32_t set_at, set_n;     /* RO_SET: sorted, distinct members in ro.setasns */
};

struct ro_block;                /* a MOAS prefix's per vantage point indices */

struct route_origins {
	struct ro_class *cls;       /* origin classes by index */
	size_t ncls, capcls;
	uint32_t *cls_slots;        /* open addressing: class index + 1, 0 empty */
	size_t cls_nslots;
	uint32_t *setasns;          /* members of every RO_SET class */
	size_t nset, capset;

	uint32_t *head;             /* per prefix: 0 none yet; class + 1 while one
	                             * origin; RO_BLOCK | block index after two */
	size_t nhead;
	struct ro_block *blocks;
	size_t nblocks, capblocks;
	bool oom;
	bool overflow;              /* a prefix had more origins at once than a block holds */
};

void ro_init(struct route_origins *ro);
void ro_free(struct route_origins *ro);

/* The class of an AS_PATH (4-byte ASNs, as bgp_attrs.as_path): interned,
 * so two routes have the same origin exactly when their classes are equal.
 * RO_NONE only when out of memory. */
uint32_t ro_class_of_path(struct route_origins *ro, struct cursor as_path);
/* The class of origin AS asn. */
uint32_t ro_class_of_asn(struct route_origins *ro, uint32_t asn);
static inline const struct ro_class *ro_class(const struct route_origins *ro, uint32_t c)
{
	return &ro->cls[c];
}
/* "17557", "{64512,64513}", "none". Returns the length written. */
#define RO_STRLEN 64
size_t ro_format(const struct route_origins *ro, uint32_t c, char *dst, size_t len);

/* vp's route to prefix p has origin class c. row: p's presence bits over
 * vantage points (words words) before this route. Returns true when vp had
 * a route to p with another origin (the route's origin changed). */
bool ro_set(struct route_origins *ro, uint32_t p, uint32_t vp, uint32_t c,
            const uint64_t *row, size_t words);
/* The origin class last recorded for vp's route to p (RO_NONE: none), whether
 * or not vp still has the route: ask the presence bits. */
uint32_t ro_get(const struct route_origins *ro, uint32_t p, uint32_t vp);
/* True while every route to p recorded so far had one origin: then that
 * origin (ro_get of any vantage point holding a route) is every route's. */
bool ro_single(const struct route_origins *ro, uint32_t p);

#endif
