/*
 * filter.h — which route elements a user asked for (mrtreach dump filters).
 * Owns: --prefix with --more-specific / --less-specific, --origin, --peer,
 * --peer-as, --start / --end, --type, -4 / -6, --community. All given
 * filters must match.
 * Never: parses option text (opts.h) or formats.
 *
 * Rules, where elements lack what a filter looks at:
 * - Prefix filters (--prefix) select routes: they pass only RIB, ANNOUNCE
 *   and WITHDRAW elements, so a prefix filter drops every STATE element
 *   (a session change names no prefix). Combine with --peer to follow one
 *   peer's routes; use no prefix filter to see its session changes.
 *   MATCH_MORE_SPECIFIC passes routes inside a filter prefix P, P itself
 *   included; MATCH_LESS_SPECIFIC passes routes covering P, P included.
 *   The families never mix (0.0.0.0/0 does not cover IPv6 routes).
 * - Origin filters (--origin) pass RIB and ANNOUNCE elements whose origin,
 *   as_path_origin(), is listed. Withdrawals and STATE carry no path, and a
 *   path that is empty or ends in an AS_SET has no origin (0): all of these
 *   are dropped by an origin filter, even by "--origin 0".
 * - Family filters (-4, -6) pass routes of that family only (by the
 *   prefix); like prefix filters they drop every STATE element.
 * - Community filters (--community) pass RIB and ANNOUNCE elements that
 *   carry one of the listed communities (RFC 1997) or large communities
 *   (RFC 8092); withdrawals and STATE carry none and are dropped.
 * - Peer, peer AS, time and type filters apply to every element, STATE too.
 * Within one kind any listed value matches (OR); across kinds all must (AND).
 */
#ifndef MRTREACH_FILTER_H
#define MRTREACH_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/elem.h"
#include "decode/prefix.h"

enum prefix_match { MATCH_EXACT, MATCH_MORE_SPECIFIC, MATCH_LESS_SPECIFIC };

#define FILTER_MAX 64   /* of each kind */

struct filter {
	struct prefix prefixes[FILTER_MAX];
	size_t nprefixes;
	enum prefix_match match;
	uint32_t origins[FILTER_MAX];
	size_t norigins;
	struct addr peers[FILTER_MAX];
	size_t npeers;
	uint32_t peer_asns[FILTER_MAX];
	size_t npeer_asns;
	int64_t start;          /* inclusive; INT64_MIN = none */
	int64_t end;            /* inclusive; INT64_MAX = none */
	unsigned types;         /* bit (1 << enum elem_type); 0 = all */
	uint8_t afi;            /* AFI_IPV4 or AFI_IPV6; 0 = both */
	uint32_t communities[FILTER_MAX];
	size_t ncommunities;
	uint32_t large[FILTER_MAX][3];   /* global, local 1, local 2 */
	size_t nlarge;
};

void filter_init(struct filter *f);
bool filter_match(const struct filter *f, const struct elem *e);

#endif
