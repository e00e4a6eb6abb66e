/*
 * heap.h — a binary min-heap of indices, ordered by the caller.
 * Owns: the order of the indices it holds, by the caller's "before" (which
 * must be a strict total order for a deterministic top: ties broken by the
 * caller, e.g. by input index); pushing, popping the top, and restoring the
 * order when the top's key has grown.
 * Never: allocates (the caller gives room for every index it will hold at
 * once), or looks at what the indices stand for.
 * The time-ordered merge of MRT inputs (merge.c) and of partials
 * (partial.c) share it.
 */
#ifndef MRTREACH_HEAP_H
#define MRTREACH_HEAP_H

#include <stdbool.h>
#include <stddef.h>

/* Does the entry of index a come before that of index b? */
typedef bool (*heap_before_fn)(size_t a, size_t b, void *arg);

struct heap {
	size_t *v;
	size_t n;
	heap_before_fn before;
	void *arg;
};

void heap_init(struct heap *h, size_t *room, heap_before_fn before, void *arg);
void heap_push(struct heap *h, size_t i);
/* Removes the top (n > 0). */
void heap_pop(struct heap *h);
/* The top's key has changed (grown): moves it down to its place. */
void heap_top_changed(struct heap *h);
static inline size_t heap_top(const struct heap *h) { return h->v[0]; }

#endif
