/*
 * blackout.c — total-blackout windows from the count of visible targets.
 * Owns: the window list. Never: reads elements or prints.
 */
#include "state/blackout.h"
#include "decode/sort.h"
#include "decode/vec.h"

#include <stdlib.h>
#include <string.h>

void blackout_init(struct blackout *b)
{
	memset(b, 0, sizeof *b);
}

void blackout_free(struct blackout *b)
{
	free(b->w);
	free(b->held);
	share_free(&b->share);
	memset(b, 0, sizeof *b);
}

void blackout_set_below(struct blackout *b, double below, enum share_weight w)
{
	b->below = below;
	b->weight = w;
}

/* The visible share now, and whether that is dark. Without --below the
 * total rule needs no share: inside a window it is 0. */
static bool dark_now(struct blackout *b, const struct vis *v, double *share)
{
	*share = 0;
	if (b->below <= 0)
		return v->nvisible == 0;
	if (b->weight == SHARE_SPACE)
		share_update(&b->share, v);
	*share = share_value(&b->share, v, b->weight);
	if (b->share.oom)
		b->oom = true;
	return *share < b->below;
}

static void open_window(struct blackout *b, const struct vis *v, uint32_t ts, bool from_start,
                        double share)
{
	if (b->n == b->cap) {
		struct bo_window *w = vec_grow(b->w, &b->cap, b->n + 1, sizeof *w, 16);
		if (!w) {
			b->oom = true;
			return;
		}
		b->w = w;
	}
	struct bo_window *w = &b->w[b->n++];
	memset(w, 0, sizeof *w);
	w->start = w->end = ts;
	w->start_earliest = w->end_latest = ts;
	w->from_start = from_start;
	uint32_t nf[2];
	vis_vp_counts(v, RIB_NONE, &w->nvps, nf);
	vis_target_holders(v, &w->start_any, &w->start_full, &w->nfull);
	w->min_any = w->start_any;
	w->min_full = w->start_full;
	w->min_share = share;
	w->ntargets = (uint32_t)v->ntargets;
	b->open = true;
	/* Who still holds a route now; narrowed at every tick of the window. */
	if (b->heldwords < v->rib.words) {
		uint64_t *h = realloc(b->held, v->rib.words * sizeof *h);
		if (!h) {
			b->oom = true;
			b->heldwords = 0;
			return;
		}
		b->held = h;
		b->heldwords = v->rib.words;
	}
	for (size_t k = 0; k < b->heldwords; k++)
		b->held[k] = vis_target_word(v, k);
}

static void narrow_held(struct blackout *b, const struct vis *v)
{
	for (size_t k = 0; k < b->heldwords; k++)
		b->held[k] &= vis_target_word(v, k);
}

/* Records in w who held a target route through the whole window. */
static void close_held(struct blackout *b, struct bo_window *w)
{
	w->nheld = 0;
	for (size_t k = 0; k < b->heldwords; k++) {
		uint64_t x = b->held[k];
		while (x) {
			unsigned bit = (unsigned)__builtin_ctzll(x);
			x &= x - 1;
			if (w->nheld < 4)
				w->held[w->nheld] = (uint32_t)(k * 64 + bit);
			w->nheld++;
		}
	}
}

/* The open window ends at ts. */
static struct bo_window *close_window(struct blackout *b, const struct vis *v, uint32_t ts)
{
	struct bo_window *w = &b->w[b->n - 1];
	w->end = w->end_latest = ts;
	w->ntargets = (uint32_t)v->ntargets;
	b->open = false;
	close_held(b, w);
	return w;
}

/* Undecided time (no target visible, some unknown) begins or goes on at ts. */
static void undecided(struct blackout *b, const struct vis *v, uint32_t ts)
{
	if (b->open) {
		struct bo_window *w = close_window(b, v, ts);
		w->end_undecided = true;
		b->pending_end = b->n;
	}
	if (!b->undecided) {
		b->undecided = true;
		b->undecided_since = ts;
	}
}

void blackout_tick(struct blackout *b, const struct vis *v, uint32_t ts)
{
	double share;
	bool first = false;
	if (!b->known) {
		/* Unknown until the data says something of the target: not dark. */
		if (!vis_known(v))
			return;
		b->known = true;
		first = true;
	}
	/* A collector restart recognised now: the window its first session
	 * drops opened is none. */
	if (v->restarts != b->restarts) {
		b->restarts = v->restarts;
		if (b->open && !b->w[b->n - 1].from_start && b->w[b->n - 1].start >= v->restart_since) {
			b->n--;
			b->open = false;
		}
	}
	bool dark = dark_now(b, v, &share);
	/* Total blackout: none visible and some unknown decides nothing.
	 * --below: the share of the known part, while at least half is known. */
	if (b->below > 0 ? !share_decided(&b->share, v, b->weight) : dark && v->nundecided > 0) {
		undecided(b, v, ts);
		return;
	}
	if (b->undecided) {
		b->undecided = false;
		if (b->pending_end) {
			b->w[b->pending_end - 1].end_latest = ts;
			b->pending_end = 0;
		}
		if (dark) {
			open_window(b, v, ts, false, share);
			if (b->open) {
				b->w[b->n - 1].start_earliest = b->undecided_since;
				b->w[b->n - 1].start_undecided = true;
			}
		}
		return;
	}
	if (first) {
		if (dark)
			open_window(b, v, ts, true, share);
		return;
	}
	if (dark) {
		if (!b->open) {
			open_window(b, v, ts, false, share);
			return;
		}
		struct bo_window *w = &b->w[b->n - 1];
		if (share < w->min_share)
			w->min_share = share;
		uint32_t any, full, nf;
		vis_target_holders(v, &any, &full, &nf);
		if (any < w->min_any)
			w->min_any = any;
		if (full < w->min_full)
			w->min_full = full;
		narrow_held(b, v);
		w->ntargets = (uint32_t)v->ntargets;
	} else if (b->open) {
		struct bo_window *w = close_window(b, v, ts);
		/* Dumps of several collectors at the same start time are read one
		 * after the other: "dark" between them is an artifact of reading
		 * order, not a window. */
		if (w->from_start && w->end == w->start)
			b->n--;
	}
}

void blackout_finish(struct blackout *b, const struct vis *v)
{
	if (v->ntargets == 0) {
		b->n = 0;
		b->open = false;
		b->pending_end = 0;
		return;
	}
	if (b->open)
		close_window(b, v, v->now)->ongoing = true;
	/* The data ends undecided: a window that ended in it may have lasted
	 * to the end. */
	if (b->pending_end) {
		b->w[b->pending_end - 1].end_latest = v->now;
		b->pending_end = 0;
	}
}

static int by_time(const void *a, const void *b)
{
	const struct bo_window *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

static int by_duration(const void *a, const void *b)
{
	const struct bo_window *x = a, *y = b;
	int64_t dx = bo_duration(x), dy = bo_duration(y);
	if (dx != dy)
		return dx > dy ? -1 : 1;
	return by_time(a, b);
}

size_t blackout_select(struct blackout *b, int64_t min_duration, enum bo_sort sort)
{
	size_t k = 0;
	for (size_t i = 0; i < b->n; i++)
		if (bo_duration(&b->w[i]) >= min_duration)
			b->w[k++] = b->w[i];
	b->n = k;
	sort_array(b->w, b->n, sizeof *b->w, sort == BO_SORT_DURATION ? by_duration : by_time);
	return b->n;
}
