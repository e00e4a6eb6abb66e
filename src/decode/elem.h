/*
 * elem.h — the route element: the one struct every decoder emits and every
 * consumer (filters, formatters, routing state) reads.
 * Owns: nothing but the shape. Pointers inside are borrowed from the record
 * being decoded and are valid only during the callback.
 * Never: allocates, or outlives the callback that hands it over: a consumer
 * that keeps anything copies it.
 */
#ifndef MRTREACH_ELEM_H
#define MRTREACH_ELEM_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/bgp.h"
#include "decode/mrtdef.h"
#include "decode/prefix.h"

enum elem_type {
	ELEM_RIB,        /* a route from a RIB dump (bgpdump "B") */
	ELEM_ANNOUNCE,   /* an announced prefix from an UPDATE ("A") */
	ELEM_WITHDRAW,   /* a withdrawn prefix ("W") */
	ELEM_STATE,      /* a peer's BGP session changed state ("STATE") */
};

struct elem {
	enum elem_type type;
	uint16_t mrt_type;          /* record type and subtype it came from: */
	uint16_t mrt_subtype;       /* formatters label lines by them */
	uint32_t ts;                /* seconds since the epoch (UTC) */
	uint32_t usec;              /* microseconds, BGP4MP_ET only */
	uint32_t originated;        /* ELEM_RIB: the route's originated time as the
	                             * dump gives it (bgpdump -t change); else 0 */
	uint32_t source;            /* index of the input it came from (merge.h) */
	uint64_t record;            /* its record's number from its decoder: one
	                             * record's elements share it, and no other
	                             * element in the process has it (each decoder
	                             * numbers in a range of its own); 0: none given */
	uint32_t collector;         /* index of that input's collector (merge.h) */

	struct addr peer_ip;        /* the vantage point's address and AS */
	uint32_t peer_as;
	uint64_t peer_key;          /* 0, or a key of (source, collector, peer_ip, peer_as)
	                             * from its decoder (each keys in a range of its own,
	                             * so no two decoders give one key to two peers):
	                             * its elements with one key have
	                             * one peer, so a consumer resolves the peer once per
	                             * key (a record, a run of one peer's message
	                             * records, or a PEER_INDEX_TABLE entry), not per
	                             * element. 0: no key, resolve every element */

	/* ELEM_RIB / ELEM_ANNOUNCE / ELEM_WITHDRAW */
	struct prefix prefix;
	bool has_path_id;           /* ADD-PATH (RFC 7911 / RFC 8050) */
	uint32_t path_id;
	const struct bgp_attrs *attrs;  /* ELEM_RIB, ELEM_ANNOUNCE; else NULL */
	uint8_t safi;               /* SAFI_UNICAST or SAFI_MULTICAST (bgp.h); consumers
	                             * of unicast reachability skip multicast routes */
	struct addr nexthop;        /* ELEM_RIB / ELEM_ANNOUNCE: the route's next hop as
	                             * the data gives it (MP_REACH_NLRI's for routes it
	                             * carries, else NEXT_HOP); afi 0 when none is given */

	/* ELEM_STATE */
	uint16_t old_state;
	uint16_t new_state;
};

/* Consumers receive elements through this callback. A nonzero return stops
 * decoding of the current record and is passed back to the caller (used to
 * stop early, e.g. on a closed output pipe). */
typedef int (*elem_fn)(const struct elem *e, void *arg);

#endif
