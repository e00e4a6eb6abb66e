/*
 * targets.h — the target prefix sets of blackout and timeline.
 * Owns: --prefix / --prefixes FILE / --more-specific / --origin / --country
 * with --delegations FILE, and the cheap per-element test of whether a prefix
 * could matter. Never: keeps routing state or looks at time.
 *
 * Hot path: targets_classify() first tests a bit of the prefix's first 16
 * address bits (inline), then binary-searches a small sorted array of
 * disjoint address ranges (the union of everything given), so the vast
 * majority of a full table is rejected without hashing or allocating.
 */
#ifndef MRTREACH_TARGETS_H
#define MRTREACH_TARGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/prefix.h"
#include "state/deleg.h"

/* An address range [lo, hi] of one family, as 128-bit numbers (IPv4 uses
 * the low 32 bits of lo64). */
struct trange {
	uint8_t afi;
	uint64_t lo_hi, lo_lo;   /* first address: high, low 64 bits */
	uint64_t hi_hi, hi_lo;   /* last address */
};

struct targets {
	bool more_specific;          /* --more-specific: everything under a root */
	struct prefix *roots;        /* --prefix, --prefixes */
	size_t nroots, caproots;
	struct trange *space;        /* --country: merged, sorted, disjoint */
	char country[3];             /* its country code, upper case */
	size_t nspace, capspace;
	uint32_t *origins;           /* --origin, sorted after finalize */
	size_t norigins, caporigins;
	struct trange *index;        /* union of roots and space: merged, sorted */
	size_t nindex;
	uint64_t *blocks;            /* a bit per first 16 address bits, IPv4's 65536
	                              * then IPv6's: set when the index meets them, so
	                              * most prefixes are told apart by one bit test
	                              * (NULL: not built, out of memory) */
	bool finalized;
	bool oom;                    /* an add failed for want of memory */
};

#define TARGETS_BLOCK_WORDS (65536 / 64)   /* of blocks, per family */

enum target_class {
	TGT_NONE = 0,    /* no interest */
	TGT_TARGET = 1,  /* a target prefix */
	TGT_COVER = 2,   /* a less-specific route covering a target (--covering) */
};

void targets_init(struct targets *t);
void targets_free(struct targets *t);

/* Each returns false on failure with a one-line reason in err (when it
 * takes one); t->oom then tells running out of memory from a bad value. */
bool targets_add_prefix(struct targets *t, const struct prefix *p);
bool targets_add_origin(struct targets *t, uint32_t asn);
/* One prefix per line; '#' starts a comment; blank lines are skipped. */
bool targets_load_prefixes(struct targets *t, const char *path, char *err, size_t errlen);
/* An RIR extended delegation file (plain, gzip or bzip2; deleg.h): the
 * ipv4/ipv6 space assigned or allocated to country cc (two letters, any
 * case). Fails when the file gives none, or is not a delegation file. */
bool targets_load_delegations(struct targets *t, const char *path, const char *cc,
                              char *err, size_t errlen);
/* The space delegation files d give to country cc (two letters, any case);
 * what names the files in the error when they give none. */
bool targets_add_country(struct targets *t, const struct deleg *d, const char *cc,
                         const char *what, char *err, size_t errlen);
/* Parses one delegation line; returns 1 with ranges appended to space when
 * it is a record of cc, 0 when it is something else (header, summary,
 * comment, another country), -1 when malformed. Exposed for tests. */
int targets_delegation_line(struct targets *t, const char *line, const char *cc);

/* Builds the lookup index. Call once after every add. */
bool targets_finalize(struct targets *t);

/* Nothing given: every prefix is a target (timeline over a whole table). */
static inline bool targets_all(const struct targets *t)
{
	return t->nroots == 0 && t->nspace == 0 && t->norigins == 0;
}

/* targets_classify past the bit test (the ranges). */
enum target_class targets_classify_ranges(const struct targets *t, const struct prefix *p,
                                          bool covering);

/* The class of p by address alone (origins aside). covering: also report
 * less-specifics of the target space as TGT_COVER. A prefix inside one block
 * (16 bits or longer) that no target range meets: one bit test, inline. */
static inline enum target_class targets_classify(const struct targets *t, const struct prefix *p,
                                                 bool covering)
{
	if (t->blocks && p->len >= 16) {
		unsigned b = (unsigned)p->addr.b[0] << 8 | p->addr.b[1];
		const uint64_t *w = t->blocks + (p->addr.afi == AFI_IPV4 ? 0 : TARGETS_BLOCK_WORDS);
		if (!(w[b / 64] >> (b % 64) & 1))
			return TGT_NONE;
	}
	return targets_classify_ranges(t, p, covering);
}
bool targets_has_origin(const struct targets *t, uint32_t asn);

/* Splits [first, first+count-1] (IPv4) into CIDR prefixes; calls fn for each.
 * Returns false when the range runs past 255.255.255.255 or count is 0. */
bool targets_split_v4(uint32_t first, uint64_t count,
                      void (*fn)(const struct prefix *p, void *arg), void *arg);

/* Short text naming the targets ("175.45.176.0/22 and more-specifics"). */
void targets_describe(const struct targets *t, char *dst, size_t len);
/* The same naming up to max prefixes and max origin ASes, and as many as
 * len holds ("and N more" for the rest): the chart's title wraps them all. */
void targets_describe_list(const struct targets *t, size_t max, char *dst, size_t len);

#endif
