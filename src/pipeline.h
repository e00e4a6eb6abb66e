/*
 * pipeline.h — the one streaming pass every command makes: inputs merged
 * in time order, records decoded to elements, damage reported with file and
 * byte offset, elements handed to the command's consumer.
 * Owns: the loop and the exit status it implies. Never: formats or keeps
 * routing state (the consumer does).
 */
#ifndef MRTREACH_PIPELINE_H
#define MRTREACH_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "elem.h"
#include "merge.h"

struct pipeline_consumer {
	elem_fn on_elem;                 /* each element; nonzero stops the pass */
	/* A source was read to its end (may be NULL). */
	void (*on_source_end)(const struct source *src, const struct merge *m, void *arg);
	/* Called once after merge_open, before any element (may be NULL):
	 * lets the consumer learn collector names. */
	void (*on_start)(const struct merge *m, void *arg);
	void *arg;
};

/* Runs the pass over paths. A path that cannot be opened is a usage error
 * (one line, exit 2) found before any output. Returns EXIT_OK, or
 * EXIT_DAMAGED when any input was damaged or unreadable. */
int pipeline_run(const char *const *paths, size_t n, const struct pipeline_consumer *c);

#endif
