/* heap.c — see heap.h. */
#include "io/heap.h"

void heap_init(struct heap *h, size_t *room, heap_before_fn before, void *arg)
{
	h->v = room;
	h->n = 0;
	h->before = before;
	h->arg = arg;
}

static void sift_down(struct heap *h, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, best = i;
		if (l < h->n && h->before(h->v[l], h->v[best], h->arg))
			best = l;
		if (r < h->n && h->before(h->v[r], h->v[best], h->arg))
			best = r;
		if (best == i)
			return;
		size_t t = h->v[i];
		h->v[i] = h->v[best];
		h->v[best] = t;
		i = best;
	}
}

void heap_push(struct heap *h, size_t x)
{
	size_t i = h->n++;
	h->v[i] = x;
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!h->before(h->v[i], h->v[parent], h->arg))
			break;
		size_t t = h->v[i];
		h->v[i] = h->v[parent];
		h->v[parent] = t;
		i = parent;
	}
}

void heap_pop(struct heap *h)
{
	h->v[0] = h->v[--h->n];
	if (h->n > 0)
		sift_down(h, 0);
}

void heap_top_changed(struct heap *h)
{
	sift_down(h, 0);
}
