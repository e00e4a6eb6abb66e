/*
 * targets.c — target prefix sets: parsing the ways users name them and the
 * cheap "could this prefix matter" test run for every element.
 * Never: keeps routing state; allocates only while options are read.
 */
#include "state/targets.h"
#include "decode/sort.h"
#include "decode/vec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void targets_init(struct targets *t)
{
	memset(t, 0, sizeof *t);
}

void targets_free(struct targets *t)
{
	free(t->roots);
	free(t->space);
	free(t->origins);
	free(t->index);
	free(t->blocks);
	memset(t, 0, sizeof *t);
}

/* Grows *arr (of elements of size sz) to hold one more; false when out of memory. */
static bool grow(void **arr, size_t *cap, size_t n, size_t sz)
{
	void *p = vec_grow(*arr, cap, n + 1, sz, 16);
	if (!p)
		return false;
	*arr = p;
	return true;
}

/* ---- ranges ------------------------------------------------------------- */

static uint64_t load_be64(const uint8_t *b)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

static void range_of(const struct prefix *p, struct trange *r)
{
	r->afi = p->addr.afi;
	if (p->addr.afi == AFI_IPV4) {
		uint32_t a = (uint32_t)p->addr.b[0] << 24 | (uint32_t)p->addr.b[1] << 16 |
		             (uint32_t)p->addr.b[2] << 8 | p->addr.b[3];
		uint32_t host = p->len >= 32 ? 0 : (uint32_t)(0xffffffffu >> p->len);
		r->lo_hi = r->hi_hi = 0;
		r->lo_lo = a;
		r->hi_lo = a | host;
		return;
	}
	r->lo_hi = load_be64(p->addr.b);
	r->lo_lo = load_be64(p->addr.b + 8);
	uint64_t mhi = p->len >= 64 ? 0 : (~(uint64_t)0 >> p->len);
	uint64_t mlo = p->len >= 128 ? 0 : p->len <= 64 ? ~(uint64_t)0 : (~(uint64_t)0 >> (p->len - 64));
	r->hi_hi = r->lo_hi | mhi;
	r->hi_lo = r->lo_lo | mlo;
}

/* Compares the 128-bit values (ahi, alo) and (bhi, blo). */
static int cmp128(uint64_t ahi, uint64_t alo, uint64_t bhi, uint64_t blo)
{
	if (ahi != bhi)
		return ahi < bhi ? -1 : 1;
	if (alo != blo)
		return alo < blo ? -1 : 1;
	return 0;
}

static int range_cmp_start(const void *a, const void *b)
{
	const struct trange *x = a, *y = b;
	if (x->afi != y->afi)
		return x->afi < y->afi ? -1 : 1;
	return cmp128(x->lo_hi, x->lo_lo, y->lo_hi, y->lo_lo);
}

/* True when the address after r's last one is r2's first or earlier. */
static bool range_touches(const struct trange *r, const struct trange *r2)
{
	if (r->afi != r2->afi)
		return false;
	if (cmp128(r2->lo_hi, r2->lo_lo, r->hi_hi, r->hi_lo) <= 0)
		return true;
	/* adjacent: r2 starts right after r ends */
	uint64_t nhi = r->hi_hi, nlo = r->hi_lo + 1;
	if (nlo == 0)
		nhi++;
	if (r->afi == AFI_IPV4 && r->hi_lo == 0xffffffffu)
		return false;
	return nhi == r2->lo_hi && nlo == r2->lo_lo;
}

/* Sorts and merges overlapping or adjacent ranges in place; returns the count. */
static size_t merge_ranges(struct trange *r, size_t n)
{
	if (n == 0)
		return 0;
	qsort(r, n, sizeof *r, range_cmp_start);
	size_t k = 0;
	for (size_t i = 1; i < n; i++) {
		if (range_touches(&r[k], &r[i])) {
			if (cmp128(r[i].hi_hi, r[i].hi_lo, r[k].hi_hi, r[k].hi_lo) > 0) {
				r[k].hi_hi = r[i].hi_hi;
				r[k].hi_lo = r[i].hi_lo;
			}
		} else {
			r[++k] = r[i];
		}
	}
	return k + 1;
}

/* Index of the range in a (sorted, disjoint) that intersects q, or -1. */
static long range_find(const struct trange *a, size_t n, const struct trange *q)
{
	/* last range starting at or before q's last address */
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct trange *m = &a[mid];
		int c = m->afi != q->afi ? (m->afi < q->afi ? -1 : 1)
		                         : cmp128(m->lo_hi, m->lo_lo, q->hi_hi, q->hi_lo);
		if (c <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	const struct trange *m = &a[lo - 1];
	if (m->afi != q->afi || cmp128(m->hi_hi, m->hi_lo, q->lo_hi, q->lo_lo) < 0)
		return -1;
	return (long)(lo - 1);
}

static bool range_inside(const struct trange *outer, const struct trange *inner)
{
	return outer->afi == inner->afi &&
	       cmp128(outer->lo_hi, outer->lo_lo, inner->lo_hi, inner->lo_lo) <= 0 &&
	       cmp128(inner->hi_hi, inner->hi_lo, outer->hi_hi, outer->hi_lo) <= 0;
}

/* ---- adding targets ----------------------------------------------------- */

bool targets_add_prefix(struct targets *t, const struct prefix *p)
{
	if (!grow((void **)&t->roots, &t->caproots, t->nroots, sizeof *t->roots)) {
		t->oom = true;
		return false;
	}
	t->roots[t->nroots++] = *p;
	return true;
}

bool targets_add_origin(struct targets *t, uint32_t asn)
{
	if (!grow((void **)&t->origins, &t->caporigins, t->norigins, sizeof *t->origins)) {
		t->oom = true;
		return false;
	}
	t->origins[t->norigins++] = asn;
	return true;
}

static bool add_space(struct targets *t, const struct prefix *p)
{
	if (!grow((void **)&t->space, &t->capspace, t->nspace, sizeof *t->space)) {
		t->oom = true;
		return false;
	}
	range_of(p, &t->space[t->nspace++]);
	return true;
}

/* Trims leading and trailing blanks in place. */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

bool targets_load_prefixes(struct targets *t, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return false;
	}
	char line[512];
	unsigned lineno = 0, added = 0;
	bool ok = true;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *s = trim(line);
		if (*s == '\0')
			continue;
		struct prefix p;
		if (!prefix_parse(s, &p, false)) {
			snprintf(err, errlen, "%s:%u: not a prefix: '%s'", path, lineno, s);
			ok = false;
			break;
		}
		if (!targets_add_prefix(t, &p)) {
			snprintf(err, errlen, "out of memory");
			ok = false;
			break;
		}
		added++;
	}
	fclose(f);
	if (ok && added == 0) {
		snprintf(err, errlen, "%s: no prefixes in the file", path);
		ok = false;
	}
	return ok;
}

/* ---- delegation files --------------------------------------------------- */

struct split_ctx {
	struct targets *t;
	bool ok;
};

static void split_to_space(const struct prefix *p, void *arg)
{
	struct split_ctx *c = arg;
	if (!add_space(c->t, p))
		c->ok = false;
}

bool targets_split_v4(uint32_t first, uint64_t count,
                      void (*fn)(const struct prefix *p, void *arg), void *arg)
{
	if (count == 0 || (uint64_t)first + count > ((uint64_t)1 << 32))
		return false;
	uint64_t a = first;
	while (count > 0) {
		/* the largest aligned block at a that fits in what is left */
		unsigned bits = 0;
		while (bits < 32 && (a & (((uint64_t)1 << (bits + 1)) - 1)) == 0 &&
		       ((uint64_t)1 << (bits + 1)) <= count)
			bits++;
		struct prefix p;
		memset(&p, 0, sizeof p);
		p.addr.afi = AFI_IPV4;
		p.addr.b[0] = (uint8_t)(a >> 24);
		p.addr.b[1] = (uint8_t)(a >> 16);
		p.addr.b[2] = (uint8_t)(a >> 8);
		p.addr.b[3] = (uint8_t)a;
		p.len = (uint8_t)(32 - bits);
		fn(&p, arg);
		a += (uint64_t)1 << bits;
		count -= (uint64_t)1 << bits;
	}
	return true;
}

/* Splits line at '|' into at most max fields; returns how many. */
static size_t split_fields(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *s = line;
	while (n < max) {
		f[n++] = s;
		char *bar = strchr(s, '|');
		if (!bar)
			break;
		*bar = '\0';
		s = bar + 1;
	}
	return n;
}

int targets_delegation_line(struct targets *t, const char *line, const char *cc)
{
	char buf[1024];
	size_t len = strlen(line);
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, line, len + 1);
	char *s = trim(buf);
	if (*s == '\0' || *s == '#')
		return 0;
	char *f[8];
	size_t n = split_fields(s, f, 8);
	/* version line "2|apnic|20141222|..." and summary lines "apnic|*|ipv4|*|N|summary" */
	if (n < 7 || strcmp(f[1], "*") == 0 || strcmp(f[3], "*") == 0)
		return 0;
	if (strcasecmp(f[1], cc) != 0)
		return 0;
	if (strcmp(f[6], "allocated") != 0 && strcmp(f[6], "assigned") != 0)
		return 0;
	char *end;
	errno = 0;
	unsigned long long value = strtoull(f[4], &end, 10);
	if (errno || end == f[4] || *end != '\0')
		return -1;
	struct addr a;
	if (strcmp(f[2], "ipv4") == 0) {
		if (!addr_parse(f[3], &a) || a.afi != AFI_IPV4)
			return -1;
		uint32_t first = (uint32_t)a.b[0] << 24 | (uint32_t)a.b[1] << 16 |
		                 (uint32_t)a.b[2] << 8 | a.b[3];
		struct split_ctx c = { t, true };
		if (!targets_split_v4(first, value, split_to_space, &c))
			return -1;
		return c.ok ? 1 : -1;
	}
	if (strcmp(f[2], "ipv6") == 0) {
		if (!addr_parse(f[3], &a) || a.afi != AFI_IPV6 || value > 128)
			return -1;
		struct prefix p = { a, (uint8_t)value };
		addr_mask(&p.addr, p.len);
		return add_space(t, &p) ? 1 : -1;
	}
	return 0;        /* asn records and anything else */
}

bool targets_add_country(struct targets *t, const struct deleg *d, const char *cc,
                         const char *what, char *err, size_t errlen)
{
	if (strlen(cc) != 2) {
		snprintf(err, errlen, "--country wants a two-letter country code, not '%s'", cc);
		return false;
	}
	deleg_cc want = (deleg_cc)((cc[0] & ~0x20) << 8 | (cc[1] & ~0x20));
	size_t found = 0;
	for (size_t i = 0; i < d->n4; i++) {
		if (d->v4[i].cc != want)
			continue;
		struct split_ctx c = { t, true };
		if (!targets_split_v4(d->v4[i].lo, (uint64_t)d->v4[i].hi - d->v4[i].lo + 1, split_to_space, &c) ||
		    !c.ok) {
			snprintf(err, errlen, "out of memory");
			return false;
		}
		found++;
	}
	for (size_t i = 0; i < d->n6; i++) {
		if (d->v6[i].cc != want)
			continue;
		uint64_t span = d->v6[i].hi - d->v6[i].lo;
		unsigned len = 64;
		while (len > 0 && span) {
			span >>= 1;
			len--;
		}
		struct prefix p;
		memset(&p, 0, sizeof p);
		p.addr.afi = AFI_IPV6;
		for (int k = 0; k < 8; k++)
			p.addr.b[k] = (uint8_t)(d->v6[i].lo >> (56 - 8 * k));
		p.len = (uint8_t)len;
		if (!add_space(t, &p)) {
			snprintf(err, errlen, "out of memory");
			return false;
		}
		found++;
	}
	if (found == 0) {
		snprintf(err, errlen, "%s: no address space for country '%s'", what, cc);
		return false;
	}
	t->country[0] = (char)(cc[0] & ~0x20);
	t->country[1] = (char)(cc[1] & ~0x20);
	t->country[2] = '\0';
	return true;
}

bool targets_load_delegations(struct targets *t, const char *path, const char *cc,
                              char *err, size_t errlen)
{
	struct deleg d;
	deleg_init(&d);
	bool ok = deleg_load(&d, path, err, errlen) && targets_add_country(t, &d, cc, path, err, errlen);
	deleg_free(&d);
	return ok;
}

/* ---- lookup ------------------------------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The block (first 16 address bits) of a range's end, its family's words. */
static unsigned block_of(uint8_t afi, uint64_t hi, uint64_t lo)
{
	return (unsigned)(afi == AFI_IPV4 ? lo >> 16 : hi >> 48) & 0xffff;
}

static void mark_blocks(uint64_t *blocks, const struct trange *r)
{
	uint64_t *w = blocks + (r->afi == AFI_IPV4 ? 0 : TARGETS_BLOCK_WORDS);
	unsigned last = block_of(r->afi, r->hi_hi, r->hi_lo);
	for (unsigned b = block_of(r->afi, r->lo_hi, r->lo_lo); b <= last; b++)
		w[b / 64] |= (uint64_t)1 << (b % 64);
}

bool targets_finalize(struct targets *t)
{
	t->nspace = merge_ranges(t->space, t->nspace);
	sort_array(t->origins, t->norigins, sizeof *t->origins, cmp_u32);
	free(t->index);
	t->nindex = t->nroots + t->nspace;
	t->index = malloc((t->nindex ? t->nindex : 1) * sizeof *t->index);
	if (!t->index)
		return false;
	for (size_t i = 0; i < t->nroots; i++)
		range_of(&t->roots[i], &t->index[i]);
	if (t->nspace)
		memcpy(t->index + t->nroots, t->space, t->nspace * sizeof *t->space);
	t->nindex = merge_ranges(t->index, t->nindex);
	free(t->blocks);
	t->blocks = calloc(2 * TARGETS_BLOCK_WORDS, sizeof *t->blocks);
	if (!t->blocks)
		return false;
	for (size_t i = 0; i < t->nindex; i++)
		mark_blocks(t->blocks, &t->index[i]);
	t->finalized = true;
	return true;
}

enum target_class targets_classify_ranges(const struct targets *t, const struct prefix *p,
                                          bool covering)
{
	struct trange q;
	range_of(p, &q);
	if (range_find(t->index, t->nindex, &q) < 0)
		return TGT_NONE;             /* the common case: far from every target */
	long s = range_find(t->space, t->nspace, &q);
	if (s >= 0 && range_inside(&t->space[s], &q))
		return TGT_TARGET;
	bool covers = s >= 0;            /* overlaps the space without being inside */
	for (size_t i = 0; i < t->nroots; i++) {
		const struct prefix *r = &t->roots[i];
		if (prefix_equal(r, p))
			return TGT_TARGET;
		if (prefix_contains(r, p)) {
			if (t->more_specific)
				return TGT_TARGET;
		} else if (prefix_contains(p, r)) {
			covers = true;
		}
	}
	return covering && covers ? TGT_COVER : TGT_NONE;
}

bool targets_has_origin(const struct targets *t, uint32_t asn)
{
	size_t lo = 0, hi = t->norigins;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->origins[mid] == asn)
			return true;
		if (t->origins[mid] < asn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

void targets_describe(const struct targets *t, char *dst, size_t len)
{
	targets_describe_list(t, 4, dst, len);
}

/* Whether one more item of k characters, and a closing " and N more ...",
 * still fits at n of len. */
static bool desc_room(size_t n, size_t k, size_t len)
{
	return n + k + 2 + 40 < len;
}

void targets_describe_list(const struct targets *t, size_t max, char *dst, size_t len)
{
	size_t n = 0;
	dst[0] = '\0';
#define PUT(...) do { if (n < len) { int k_ = snprintf(dst + n, len - n, __VA_ARGS__); \
		if (k_ > 0) n += (size_t)k_; } } while (0)
	if (targets_all(t)) {
		PUT("every prefix in the data");
		return;
	}
	size_t shown = 0;
	for (; shown < t->nroots && shown < max; shown++) {
		char buf[PREFIX_STRLEN];
		prefix_format(&t->roots[shown], buf);
		if (!desc_room(n, strlen(buf), len))
			break;
		PUT("%s%s", shown ? ", " : "", buf);
	}
	if (t->nroots > shown)
		PUT(" and %zu more", t->nroots - shown);
	if (t->nroots && t->more_specific)
		PUT(" with more-specifics");
	if (t->nspace)
		PUT("%severy prefix in %s%sdelegated address space (%zu range%s)", n ? "; " : "",
		    t->country[0] ? t->country : "the", t->country[0] ? "'s " : " ", t->nspace,
		    t->nspace == 1 ? "" : "s");
	for (shown = 0; shown < t->norigins && shown < max && desc_room(n, 34, len); shown++)
		PUT("%sAS%u", n ? (shown ? ", " : "; prefixes originated by ") : "prefixes originated by ",
		    t->origins[shown]);
	if (t->norigins > shown)
		PUT(" and %zu more ASes", t->norigins - shown);
#undef PUT
}
