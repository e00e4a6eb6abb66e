/*
 * filter.c — decides whether a route element is one the user asked for.
 * Owns: the match rules of each filter kind (see filter.h for the policy).
 * Never: parses option text, formats, allocates, or keeps state per element.
 */
#include "state/filter.h"

#include <stdint.h>
#include <string.h>

void filter_init(struct filter *f)
{
	f->nprefixes = 0;
	f->match = MATCH_EXACT;
	f->norigins = 0;
	f->npeers = 0;
	f->npeer_asns = 0;
	f->start = INT64_MIN;
	f->end = INT64_MAX;
	f->types = 0;
	f->afi = 0;
	f->ncommunities = 0;
	f->nlarge = 0;
}

static bool has_prefix(const struct elem *e)
{
	return e->type == ELEM_RIB || e->type == ELEM_ANNOUNCE ||
	       e->type == ELEM_WITHDRAW;
}

static bool prefix_wanted(const struct filter *f, const struct prefix *p)
{
	for (size_t i = 0; i < f->nprefixes; i++) {
		const struct prefix *want = &f->prefixes[i];
		switch (f->match) {
		case MATCH_EXACT:
			if (prefix_equal(want, p))
				return true;
			break;
		case MATCH_MORE_SPECIFIC:     /* p inside want, want itself too */
			if (prefix_contains(want, p))
				return true;
			break;
		case MATCH_LESS_SPECIFIC:     /* p covers want, want itself too */
			if (prefix_contains(p, want))
				return true;
			break;
		}
	}
	return false;
}

static bool origin_wanted(const struct filter *f, const struct elem *e)
{
	uint32_t origin;

	/* Withdrawals and state changes carry no path, so no origin. */
	if (e->attrs == NULL || (e->type != ELEM_RIB && e->type != ELEM_ANNOUNCE))
		return false;
	origin = as_path_origin(e->attrs->as_path);
	if (origin == 0)                  /* empty path, or it ends in a set */
		return false;
	for (size_t i = 0; i < f->norigins; i++)
		if (f->origins[i] == origin)
			return true;
	return false;
}

static bool peer_wanted(const struct filter *f, const struct elem *e)
{
	for (size_t i = 0; i < f->npeers; i++)
		if (addr_equal(&f->peers[i], &e->peer_ip))
			return true;
	return false;
}

static bool peer_as_wanted(const struct filter *f, const struct elem *e)
{
	for (size_t i = 0; i < f->npeer_asns; i++)
		if (f->peer_asns[i] == e->peer_as)
			return true;
	return false;
}

static bool community_wanted(const struct filter *f, const struct elem *e)
{
	const struct bgp_attrs *a = e->attrs;
	if (a == NULL || (e->type != ELEM_RIB && e->type != ELEM_ANNOUNCE))
		return false;
	if (f->ncommunities && (a->present & ATTR_BIT(BGP_ATTR_COMMUNITIES))) {
		struct cursor c = a->communities;
		uint32_t v;
		while (cur_u32(&c, &v))
			for (size_t i = 0; i < f->ncommunities; i++)
				if (f->communities[i] == v)
					return true;
	}
	if (f->nlarge && (a->present & ATTR_BIT(BGP_ATTR_LARGE_COMMUNITIES))) {
		struct cursor c = a->large_communities;
		uint32_t v[3];
		while (cur_u32(&c, &v[0]) && cur_u32(&c, &v[1]) && cur_u32(&c, &v[2]))
			for (size_t i = 0; i < f->nlarge; i++)
				if (memcmp(f->large[i], v, sizeof v) == 0)
					return true;
	}
	return false;
}

/* Cheap tests first: most elements of a big dump fail the time or type
 * test long before a prefix or AS path needs looking at. */
bool filter_match(const struct filter *f, const struct elem *e)
{
	if (f->types && !(f->types & (1u << e->type)))
		return false;
	if ((int64_t)e->ts < f->start || (int64_t)e->ts > f->end)
		return false;
	if (f->npeer_asns && !peer_as_wanted(f, e))
		return false;
	if (f->npeers && !peer_wanted(f, e))
		return false;
	if (f->afi && (!has_prefix(e) || e->prefix.addr.afi != f->afi))
		return false;
	if (f->nprefixes && (!has_prefix(e) || !prefix_wanted(f, &e->prefix)))
		return false;
	if (f->norigins && !origin_wanted(f, e))
		return false;
	if ((f->ncommunities || f->nlarge) && !community_wanted(f, e))
		return false;
	return true;
}
