/*
 * damage_log.c — damage events to lines, summarised per file and kind of
 * reason (see damage_log.h).
 * Never: allocates per event once a kind is known; a file's tallies are
 * freed when it ends.
 */
#include "report/damage_log.h"

#include <stdlib.h>
#include <string.h>

#include "report/diag.h"
#include "decode/vec.h"

/* One kind of reason in one file. */
struct kind {
	uint64_t key;               /* hash of the reason without its numbers */
	uint64_t seen;
	char *first;                /* the first such reason, for the summary */
	char *path;
};

struct source_log {
	struct kind *k;
	size_t n, cap;
	bool damaged;
};

struct damage_log {
	struct source_log *src;
	size_t nsrc;
	uint64_t total;
	void (*before)(void *arg);
	void *arg;
};

struct damage_log *damage_log_new(size_t nsources, void (*before)(void *arg), void *arg)
{
	struct damage_log *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->src = calloc(nsources ? nsources : 1, sizeof *l->src);
	if (!l->src) {
		free(l);
		return NULL;
	}
	l->nsrc = nsources;
	l->before = before;
	l->arg = arg;
	return l;
}

static void forget(struct source_log *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->k[i].first);
		free(s->k[i].path);
	}
	free(s->k);
	s->k = NULL;
	s->n = s->cap = 0;
}

void damage_log_free(struct damage_log *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nsrc; i++)
		forget(&l->src[i]);
	free(l->src);
	free(l);
}

/* FNV-1a over the reason with every run of digits as one '#', and the kind. */
static uint64_t reason_key(enum damage_kind kind, const char *s)
{
	uint64_t h = 14695981039346656037ULL ^ (uint64_t)kind;
	bool digits = false;
	for (; *s; s++) {
		bool d = *s >= '0' && *s <= '9';
		if (d && digits)
			continue;
		digits = d;
		h ^= d ? (unsigned char)'#' : (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The tally of d's kind in s, added when new; NULL when out of memory. */
static struct kind *kind_of(struct source_log *s, const struct damage *d)
{
	uint64_t key = reason_key(d->kind, d->reason);
	for (size_t i = 0; i < s->n; i++)
		if (s->k[i].key == key)
			return &s->k[i];
	if (s->n == s->cap) {
		struct kind *k = vec_grow(s->k, &s->cap, s->n + 1, sizeof *k, 4);
		if (!k)
			return NULL;
		s->k = k;
	}
	struct kind *k = &s->k[s->n];
	k->key = key;
	k->seen = 0;
	k->first = strdup(d->reason);
	k->path = strdup(d->path);
	if (!k->first || !k->path) {
		free(k->first);
		free(k->path);
		return NULL;
	}
	s->n++;
	return k;
}

static void write_line(const struct damage_log *l, const struct damage *d)
{
	if (l->before)
		l->before(l->arg);
	if (d->kind == DAMAGE_BYTES)
		diag_damage(d->path, d->offset, "%s", d->reason);
	else if (d->kind == DAMAGE_FILE)
		diag_error("%s: %s", d->path, d->reason);
	else
		diag_note("%s: %s", d->path, d->reason);
}

bool damage_log_event(struct damage_log *l, const struct damage *d)
{
	struct source_log *s = d->source < l->nsrc ? &l->src[d->source] : NULL;
	if (d->kind != DAMAGE_NOTE) {
		l->total++;
		if (s)
			s->damaged = true;
	}
	/* Out of memory for the tally, or an unknown source: say it anyway. */
	struct kind *k = s ? kind_of(s, d) : NULL;
	if (k && k->seen++ >= DAMAGE_LOG_SHOWN)
		return false;
	write_line(l, d);
	return true;
}

bool damage_log_source_end(struct damage_log *l, uint32_t src)
{
	if (src >= l->nsrc)
		return false;
	struct source_log *s = &l->src[src];
	for (size_t i = 0; i < s->n; i++) {
		const struct kind *k = &s->k[i];
		if (k->seen <= DAMAGE_LOG_SHOWN)
			continue;
		if (l->before)
			l->before(l->arg);
		diag_note("%s: ... and %llu more like this (%s)", k->path,
		          (unsigned long long)(k->seen - DAMAGE_LOG_SHOWN), k->first);
	}
	bool damaged = s->damaged;
	forget(s);
	s->damaged = false;
	return damaged;
}

uint64_t damage_log_total(const struct damage_log *l) { return l->total; }
