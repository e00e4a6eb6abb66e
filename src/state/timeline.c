/*
 * timeline.c — the regular visibility series behind `timeline --interval`.
 * Owns: boundary arithmetic and the buffered samples. Never: prints.
 */
#include "state/timeline.h"
#include "decode/vec.h"

#include <stdlib.h>
#include <string.h>

void timeline_init(struct timeline *t, uint32_t interval, bool columns)
{
	memset(t, 0, sizeof *t);
	t->interval = interval;
	t->columns = columns;
}

void timeline_by_origin(struct timeline *t, const struct origins *org)
{
	t->org = org;
	t->columns = true;
}

void timeline_free(struct timeline *t)
{
	free(t->s);
	free(t->counts);
	share_free(&t->share);
	free(t->col_origin);
	memset(t, 0, sizeof *t);
}

/* The column of origin class c, or TL_MAX_COLUMNS when it has none. */
static uint32_t column_of(const struct timeline *t, uint32_t c)
{
	for (size_t i = 0; i < t->ncol_origin; i++)
		if (t->col_origin[i] == c)
			return (uint32_t)i;
	return TL_MAX_COLUMNS;
}

/* Gives a column to every origin routed to for a target so far (at most
 * TL_MAX_COLUMNS of them). */
static bool origin_columns(struct timeline *t, const struct vis *v)
{
	for (size_t i = 0; i < v->ntargets; i++) {
		uint32_t p = v->targets[i];
		for (uint32_t e = p < t->org->nhead ? t->org->head[p] : OR_NONE; e != OR_NONE;
		     e = t->org->e[e].next) {
			uint32_t c = t->org->e[e].origin;
			if (t->org->e[e].any == 0 || t->ncol_origin == TL_MAX_COLUMNS ||
			    column_of(t, c) != TL_MAX_COLUMNS)
				continue;
			if (t->ncol_origin == t->capcol_origin) {
				uint32_t *n = vec_grow(t->col_origin, &t->capcol_origin, t->ncol_origin + 1, sizeof *n, 16);
				if (!n) {
					t->oom = true;
					return false;
				}
				t->col_origin = n;
			}
			t->col_origin[t->ncol_origin++] = c;
		}
	}
	return true;
}

void timeline_sample(struct timeline *t, const struct vis *v, uint32_t b)
{
	if (t->n == t->cap) {
		struct tl_sample *s = vec_grow(t->s, &t->cap, t->n + 1, sizeof *s, 256);
		if (!s) {
			t->oom = true;
			return;
		}
		t->s = s;
	}
	struct tl_sample *s = &t->s[t->n++];
	s->ts = b;
	s->nvisible = v->nvisible;
	s->nunknown = v->nundecided;
	s->ntargets = (uint32_t)v->ntargets;
	s->nfull = vis_nfull_targets(v);
	share_update(&t->share, v);
	s->slash24 = share_visible_slash24(&t->share);
	s->share = share_value(&t->share, v, t->weight);
	if (t->share.oom)
		t->oom = true;
	s->col = t->ncounts;
	s->ncols = 0;
	if (!t->columns)
		return;
	if (t->org && !origin_columns(t, v))
		return;
	uint32_t k = t->org ? (uint32_t)t->ncol_origin
	                    : s->ntargets < TL_MAX_COLUMNS ? s->ntargets : TL_MAX_COLUMNS;
	if (t->ncounts + k > t->capcounts) {
		uint16_t *c = vec_grow(t->counts, &t->capcounts, t->ncounts + k, sizeof *c, 1024);
		if (!c) {
			t->oom = true;
			return;
		}
		t->counts = c;
	}
	if (t->org && k == 0)
		return;                      /* no origin yet (counts may be unallocated) */
	if (t->org) {
		uint16_t *c = t->counts + t->ncounts;
		memset(c, 0, k * sizeof *c);
		for (size_t i = 0; i < v->ntargets; i++) {
			uint32_t p = v->targets[i];
			for (uint32_t e = p < t->org->nhead ? t->org->head[p] : OR_NONE; e != OR_NONE;
			     e = t->org->e[e].next) {
				uint32_t col = column_of(t, t->org->e[e].origin);
				if (col < k && t->org->e[e].full)
					c[col] = (uint16_t)(c[col] + t->org->e[e].full > UINT16_MAX
					                    ? UINT16_MAX : c[col] + t->org->e[e].full);
			}
		}
		t->ncounts += k;
		s->ncols = k;
		return;
	}
	for (uint32_t i = 0; i < k; i++) {
		uint32_t sf, nf, sa;
		vis_counts(v, v->targets[i], &sf, &nf, &sa);
		t->counts[t->ncounts++] = (uint16_t)(sf > UINT16_MAX ? UINT16_MAX : sf);
	}
	s->ncols = k;
}

/* Samples boundaries b < until (state before `until`), or <= until when incl. */
static void sample_up_to(struct timeline *t, const struct vis *v, uint32_t until, bool incl)
{
	if (t->interval == 0 || !v->started)
		return;
	if (t->next == 0) {
		/* The series starts at the first boundary once the data is known. */
		if (!vis_known(v))
			return;
		uint64_t b = ((uint64_t)v->now + t->interval - 1) / t->interval * t->interval;
		if (b > UINT32_MAX)
			return;
		t->next = (uint32_t)b;
	}
	while (!t->oom && !t->last && (t->next < until || (incl && t->next == until))) {
		timeline_sample(t, v, t->next);
		if ((uint64_t)t->next + t->interval > UINT32_MAX)
			t->last = true;      /* no later boundary: never sample this one again */
		else
			t->next += t->interval;
	}
}

void timeline_advance(struct timeline *t, const struct vis *v, uint32_t ts)
{
	sample_up_to(t, v, ts, false);
}

void timeline_finish(struct timeline *t, const struct vis *v)
{
	sample_up_to(t, v, v->now, true);
}
