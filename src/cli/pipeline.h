/*
 * pipeline.h — the one streaming pass every command makes: inputs merged
 * in time order, records decoded to elements, damage reported with file and
 * byte offset, elements handed to the command's consumer.
 * Owns: the loop, the exit status it implies, and damage: the reader and
 * the decoders hand damage over as events (io/damage.h); the pipeline alone
 * writes them (clearing the progress line first, summarised per file by
 * damage_log.h), counts them per source, and tells the consumer at each
 * source's end whether it was damaged. Never: formats or keeps routing
 * state (the consumer does).
 */
#ifndef MRTREACH_PIPELINE_H
#define MRTREACH_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/elem.h"
#include "io/coverage.h"
#include "io/merge.h"
#include "report/outbuf.h"
#include "report/progress.h"
#include "state/shard.h"
#include "state/visibility.h"

struct pipeline_consumer {
	elem_fn on_elem;                 /* each element; nonzero stops the pass */
	/* A source was read to its end (may be NULL); damaged: damage was
	 * found in it (or it could not be read at all). */
	void (*on_source_end)(const struct source *src, const struct merge *m, bool damaged,
	                      void *arg);
	/* Called once after merge_open, before any element (may be NULL):
	 * lets the consumer learn collector names. */
	void (*on_start)(const struct merge *m, void *arg);
	void *arg;
	/* How the run shows progress: the command's --progress/--quiet (AUTO
	 * when zero), and whether the command writes to stdout as it reads
	 * (progress_begin). */
	enum progress_mode progress;
	bool streams_stdout;
	bool addpath_guess;              /* --addpath-guess: decoder_set_addpath_guess */
	/* Warn on stderr of each gap in a collector's data (coverage.h): the
	 * commands whose answer depends on continuous data (blackout, timeline). */
	bool warn_gaps;
	/* Before the first element, the gaps the file names alone imply
	 * (coverage_file with name times only; may be NULL): what the routing
	 * state must treat as unknown while it streams. */
	void (*on_plan)(const struct coverage *plan, const struct merge *m, void *arg);
	/* The routing state every gap makes unknown (may be NULL): those of
	 * the file names before the first element (vis_add_plan), and each
	 * stretch without records of a collector (io/coverage.h,
	 * COV_NO_RECORDS), found by looking ahead in the merge, before any
	 * element dated after its start is handed on (vis_add_gap). */
	struct vis *unknown;
	/* After the last record, each collector's coverage (may be NULL): its
	 * gaps are exactly those of on_plan and on_gap, the ones the state
	 * was given. */
	void (*on_coverage)(const struct coverage *cov, const struct merge *m, void *arg);

	/* PARTIALS (docs/partial-format.md). The collectors' names, before
	 * any element, whether the inputs are MRT files or partials (may be NULL). */
	void (*on_names)(const char *const *names, size_t n, void *arg);
	/* A consumer that reads partials sets these two (visibility's vis_time
	 * and vis_dump_count); an input that is a partial is a usage error
	 * for any other. */
	void (*on_mark)(uint32_t ts, void *arg);
	void (*on_count)(uint32_t collector, const struct addr *peer, uint8_t afi, uint32_t src,
	                 uint32_t ts, uint32_t n, void *arg);
	/* The targets a partial must have been saved for (shard_targets_fp)
	 * and their words, for the message when it was not. */
	const struct targets *targets;
	uint64_t targets_fp;
	const char *targets_text;
	/* Not NULL: the pass also records what a partial keeps (--save-partial). */
	struct shard *save;
	/* The kind of partial the command writes and reads (0: PARTIAL_REACH). */
	enum partial_kind partial_kind;
	const char *command;         /* for messages */
	/* Both set (dump): the records are decoded, and their elements handed
	 * to format_elem, on `threads` worker threads (0: one per core; 1: none,
	 * on_elem on this thread as without them), batch by batch (cli/recpool.h),
	 * and the batches' bytes written to out in input order: byte for byte
	 * what on_elem writing to out would give. format_elem must only read
	 * shared state (it runs on several threads at once). */
	void (*format_elem)(const struct elem *e, struct outbuf *out, void *arg);
	struct outbuf *out;
	int threads;
	/* Set (with on_elem), records may be decoded on worker threads
	 * (MRTREACH_THREADS=N: N - 1 of them; by default the cores this thread
	 * and gzip inflation leave, none with bzip2 input) while on_elem still
	 * gets every element on this thread, in input order (cli/recpool.h,
	 * keep mode). elem_far, called on any
	 * thread and reading only state fixed for the pass, says that on_elem
	 * takes e by its record, time, type, peer, SAFI and address family
	 * alone: not by the rest of its prefix, its path id, next hop or
	 * attributes. A record whose elements are all far is handed on as
	 * copies of them with attrs NULL, a run of alike ones (one record, type,
	 * peer key, SAFI and family) as its first and on_elem_more(e, n) for
	 * the n after it (NULL: on_elem n times); any other record is decoded
	 * on this thread as without workers. on_elem must then depend on
	 * nothing but the elements (record numbers and peer keys stay unique,
	 * not equal to one thread's). */
	bool (*elem_far)(const struct elem *e, const void *arg);
	int (*on_elem_more)(const struct elem *e, uint32_t n, void *arg);
};

/* Runs the pass over paths. Inputs that are partials (found by their
 * content) are replayed with the MRT files among them, in the order of the
 * merge of the run that read them all (see docs/partial-format.md). A
 * partial that is cut short or corrupt is an error naming it: exit 1
 * before any element, so no report is written from part of the data. A path that cannot be opened (missing, a
 * directory) is reported and skipped like a damaged one; the others are
 * read. Running out of memory before the pass exits 1. Returns EXIT_OK, or
 * EXIT_DAMAGED when any input was damaged or unreadable. */
int pipeline_run(const char *const *paths, size_t n, const struct pipeline_consumer *c);

/* --save-partial path: a pass over paths that records what a partial keeps
 * for c's targets (c->partial_kind; c's progress, addpath guess, targets,
 * their words and command name are used, its hooks are not) and writes it
 * to path; no report. path naming an input or not writable is a usage
 * error. Returns EXIT_OK once it is written (damage is carried in it), or
 * EXIT_DAMAGED when it cannot be. */
int pipeline_save_partial(const char *path, const char *const *paths, size_t n,
                          const struct pipeline_consumer *c);

/* Record-level hooks for commands that count records rather than elements
 * (stats). Kept out of struct pipeline_consumer so its users stay as they are. */
struct decode_stats;
struct pipeline_hooks {
	/* Each whole record, before it is decoded (may be NULL). */
	void (*on_record)(const struct mrt_record *rec, const struct source *src, void *arg);
	/* After the last record, with the decoder's counters and the number of
	 * damaged spots found (may be NULL). */
	void (*on_done)(const struct decode_stats *ds, uint64_t damage, void *arg);
};

/* pipeline_run, calling h's hooks with c->arg as well. */
int pipeline_run_hooks(const char *const *paths, size_t n, const struct pipeline_consumer *c,
                       const struct pipeline_hooks *h);

#endif
