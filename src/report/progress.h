/*
 * progress.h — one line on stderr telling how far a long run has come:
 * files done, compressed bytes read of the total, rate and time left.
 * Owns: when to show it (terminal, --progress, --quiet), its layout, fitted
 * to the terminal's width, its redraw rate, and wiping it when SIGINT or
 * SIGTERM ends the run. Never: writes to stdout, or reads the clock per record.
 */
#ifndef MRTREACH_PROGRESS_H
#define MRTREACH_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/merge.h"

/* AUTO: shown when stderr is a terminal (but see progress_begin);
 * ON: --progress; OFF: --quiet. */
enum progress_mode { PROGRESS_AUTO, PROGRESS_ON, PROGRESS_OFF };

/* The clock is looked at every this many records, so a run of millions of
 * records pays for a few thousand clock reads. */
#define PROGRESS_EVERY 2048u

struct progress {
	bool on;
	int fd;
	const struct merge *m;      /* NULL until progress_attach */
	size_t nfiles;
	uint64_t total;             /* sum of the input sizes; 0: unknown (stdin) */
	double t0, last;            /* seconds (monotonic) */
	uint32_t count;             /* records since the last clock read */
	size_t width;               /* length of the line now drawn; 0: none */
};

/* Starts (or not, by the mode and fd 2) for the n inputs at paths, before
 * any of them is opened, and draws the line at once ("0/550 files ..."):
 * opening and peeking at hundreds of inputs takes seconds, during which
 * the run must not look dead. streams: the command writes to stdout while
 * it runs (dump, timeline's changes); then AUTO draws nothing when stdout
 * is a terminal too, since the line would land in the middle of the output. */
void progress_begin(struct progress *p, const char *const *paths, size_t n,
                    enum progress_mode mode, bool streams);
/* The merge of those inputs, once open: from now on the line follows its
 * files done and bytes read. */
void progress_attach(struct progress *p, const struct merge *m);
/* Redraws when a quarter of a second has passed (called every PROGRESS_EVERY records). */
void progress_poll(struct progress *p);
static inline void progress_record(struct progress *p)
{
	if (p->on && ++p->count >= PROGRESS_EVERY) {
		p->count = 0;
		progress_poll(p);
	}
}
/* Removes the line so other messages start on a clean line; it comes back at the next poll. */
void progress_clear(struct progress *p);
/* Removes the line for good. */
void progress_end(struct progress *p);

/* The line's text (exposed for tests): "3/96 files  45.2/310.0 MB  14%
 * 38.1 MB/s  0:07 left". total 0: sizes unknown (no share or time left). */
void progress_format(char *dst, size_t len, size_t done, size_t nfiles, uint64_t bytes,
                     uint64_t total, double elapsed);
/* The same in at most cols characters (0: no limit): parts are dropped,
 * least useful first (rate, sizes, file count), so a 40-column terminal
 * shows "14%  0:07 left" on one line instead of a wrapped, stacking one. */
void progress_format_fit(char *dst, size_t len, size_t done, size_t nfiles, uint64_t bytes,
                         uint64_t total, double elapsed, size_t cols);

#endif
