/*
 * stats.h — counters that summarise an input: records by MRT type and
 * subtype (with RFC 6396 names), time range, elements by type, distinct
 * prefixes per family and distinct peers.
 * Owns: those counters (type names: decode/mrtdef.h). Never: prints or decodes.
 *
 * Memory: fixed, plus one hash slot per distinct prefix (8 bytes for IPv4,
 * 24 for IPv6, tables at most half full) and one entry per vantage point.
 */
#ifndef MRTREACH_STATS_H
#define MRTREACH_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/elem.h"
#include "state/peers.h"

/* Distinct (type, subtype) pairs counted one by one; more go to "other"
 * (real archives have a dozen; only damaged or hostile input has more). */
#define STATS_MAX_TYPES 256

struct stats_type {
	uint16_t type, subtype;
	uint64_t records;
};

struct stats_v6key {
	uint64_t hi, lo;
	uint8_t len;
	bool used;
};

struct stats {
	uint64_t records;
	uint32_t first_ts, last_ts;     /* over record headers; valid when records > 0 */
	struct stats_type types[STATS_MAX_TYPES];
	size_t ntypes;                  /* kept sorted by (type, subtype) */
	uint64_t other_types;           /* records past STATS_MAX_TYPES pairs */

	uint64_t elems[4];              /* by enum elem_type */
	uint64_t *v4;                   /* IPv4 prefix set: address << 8 | len, + 1; 0 empty */
	size_t n4, slots4;
	struct stats_v6key *v6;         /* IPv6 prefix set */
	size_t n6, slots6;
	struct peers peers;             /* distinct vantage points */
	bool oom;                       /* an allocation failed: counts are low */
};

void stats_init(struct stats *s);
void stats_free(struct stats *s);
/* One whole MRT record (header fields only). */
void stats_record(struct stats *s, uint16_t type, uint16_t subtype, uint32_t ts);
/* One element. */
void stats_elem(struct stats *s, const struct elem *e);
/* Distinct peer addresses over all collectors (vantage points: s->peers.n). */
size_t stats_peer_addresses(const struct stats *s);

#endif
