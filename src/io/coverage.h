/*
 * coverage.h — when each collector's data is present (issue 11.1, the io
 * side): per-file facts from names and record times, and the gaps they
 * leave.
 * Owns: update file name times (updates.YYYYMMDD.HHMM, rib./bview.), each
 * file's first and last record time, each collector's file cadence, and
 * the gaps: a missing update file, the time between a RIB dump and the next
 * update file present, the time before a collector's first RIB dump.
 * Never: reads files or decides visibility (state/ does, with these gaps).
 *
 * Names are not a rigid grid: a collector's cadence is the median step
 * between its update files' start times (15 min at RouteViews, 5 at RIS;
 * route-views2 in Feb 2008 starts files at drifting minutes, some covering
 * 16-17 minutes). File A covers [start, max(start + cadence, last record
 * + 1)); the next file B starting more than half a cadence after that is a
 * gap [end of A, start of B). A collector with one update file has no
 * cadence: its file covers [start, last record + 1), and a RIB dump it
 * follows within COV_NO_CADENCE_SLACK (5 min: a dump takes minutes) leaves
 * no gap before it. Update files before
 * a collector's first RIB dump are a gap (their routes from before the
 * files began are unknown); a collector with no RIB dump at all has no
 * such gap: each vantage point is unknown until its first element anyway
 * (state/rib.h), and every update-only run would warn.
 *
 * Stretches without records (found while the records stream, by the
 * pipeline; in a replay of partials, from each input's span and stretches
 * without records that its partial carries): a stretch in which no file of a collector has a record, that
 * its update files' names do not cover (each covers [name time, + the
 * larger of its cadence and COV_SILENCE)), nor a gap above, is a gap too
 * (COV_NO_RECORDS) when it lasts at least the larger of the cadence and
 * COV_SILENCE: a collector that stopped writing, a file without a name
 * time, a file running hours past its name. A collector with RIB dumps
 * only has none: its dumps are snapshots, nothing is claimed between.
 * A collector whose data ends (after its last name's span and its last
 * record) while another collector's goes on for at least that long again
 * has a gap to the end of the data (COV_DATA_ENDED). coverage_holes finds them;
 * the report's gaps are the names' and these (coverage_finish_plan), the
 * very ones the routing state was given.
 */
#ifndef MRTREACH_COVERAGE_H
#define MRTREACH_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COV_NO_CADENCE_SLACK 300
#define COV_SILENCE 900          /* the shortest stretch without records that is a gap */

enum cov_reason {
	COV_MISSING_UPDATES,     /* update files missing between two present */
	COV_RIB_BEFORE_UPDATES,  /* a RIB dump, then no update file for a while */
	COV_BEFORE_FIRST_RIB,    /* update files before the collector's first RIB dump */
	COV_NO_RECORDS,          /* no record in its files for a while (coverage_holes) */
	COV_DATA_ENDED,          /* its data ends while the others' goes on */
};

struct cov_gap {
	uint32_t collector;
	uint32_t from_ts, until_ts;   /* [from, until): no data of that collector */
	enum cov_reason reason;
};

struct cov_collector {
	uint32_t first_ts, last_ts;   /* first and last record (or name) time */
	size_t files, ribs;
	size_t ngaps;
	uint64_t gap_seconds;
	uint32_t cadence;             /* seconds between update files; 0 unknown */
	bool any;
};

struct coverage;

struct coverage *coverage_new(size_t ncollectors);
void coverage_free(struct coverage *c);

/* One input read to its end: its collector, its path (for the name time),
 * whether it is a RIB dump, and its first and last record times (has false
 * when it held none). */
void coverage_file(struct coverage *c, uint32_t collector, const char *path, bool rib,
                   bool has, uint32_t first_ts, uint32_t last_ts);
/* The same before it is read (the plan): its collector, path, whether it
 * is a RIB dump and its first record's time (has: it has one), from a
 * peek. A file whose name states no time it can be believed for starts at
 * its first record and covers up to the next file of its collector: where
 * its records end is found while reading (coverage_holes). */
void coverage_file_ahead(struct coverage *c, uint32_t collector, const char *path, bool rib,
                         bool has, uint32_t first_ts);
/* Computes the gaps (call once, after every file). */
void coverage_finish(struct coverage *c);

/* The gaps of plan (the file names) and those added by coverage_add_gap,
 * instead of those from c's own files; otherwise coverage_finish. */
void coverage_finish_plan(struct coverage *c, const struct coverage *plan);
/* A gap found while reading (coverage_holes), before coverage_finish_plan;
 * until COV_OPEN: to the end of the data (the last record of any
 * collector), set by coverage_finish_plan. */
#define COV_OPEN UINT32_MAX
void coverage_add_gap(struct coverage *c, uint32_t collector, uint32_t from, uint32_t until,
                      enum cov_reason why);
/* The least stretch without records of collector c that is a gap: the
 * larger of its cadence in plan and COV_SILENCE. */
uint32_t coverage_silence_min(const struct coverage *plan, uint32_t c);
/* Collector c had no record in [from, until): each part of it that no
 * update file name of c covers, nor a gap of plan, and that lasts at least
 * min, to fn in time order. plan: finished (coverage_finish). */
void coverage_holes(const struct coverage *plan, uint32_t c, uint32_t from, uint32_t until,
                    uint32_t min, void (*fn)(uint32_t from, uint32_t until, void *arg), void *arg);

/* The stretches in which no collector had data: every collector that has
 * files was in a gap (collector COV_ALL). Writes at most max into out and
 * returns how many there are. Call after coverage_finish. */
#define COV_ALL UINT32_MAX
size_t coverage_no_data(const struct coverage *c, struct cov_gap *out, size_t max);
/* A copy the caller frees of every gap (no_data false) or of the stretches
 * without any collector's data (true); *n is set to how many. NULL when out
 * of memory (never for none: an array of one is allocated then). */
struct cov_gap *coverage_copy_gaps(const struct coverage *c, bool no_data, size_t *n);

size_t coverage_ngaps(const struct coverage *c);
const struct cov_gap *coverage_gap(const struct coverage *c, size_t i);
const struct cov_collector *coverage_collector(const struct coverage *c, uint32_t collector);
size_t coverage_ncollectors(const struct coverage *c);
const char *cov_reason_text(enum cov_reason r);
/* The time a file name states ("updates.20141222.1600.bz2" -> epoch), or
 * -1 when it states none. */
int64_t coverage_name_time(const char *path);
bool coverage_oom(const struct coverage *c);

#endif
