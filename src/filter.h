/*
 * filter.h — which route elements a user asked for (mrtreach dump filters).
 * Owns: --prefix with --more-specific / --less-specific, --origin, --peer,
 * --peer-as, --start / --end, --type. All given filters must match.
 * Never: parses option text (opts.h) or formats.
 */
#ifndef MRTREACH_FILTER_H
#define MRTREACH_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elem.h"
#include "prefix.h"

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
};

void filter_init(struct filter *f);
bool filter_match(const struct filter *f, const struct elem *e);

#endif
