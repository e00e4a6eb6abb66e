/*
 * catalogue.h — which archive files of RouteViews and RIPE RIS cover a time
 * window, what they are called and where they live.
 * Owns: the catalogue of collectors (io/catalogue.def: projects, dates, eras
 * of RIB and update cadence, folders), file names and paths from times and
 * back, parsing saved directory listings, and choosing for a collector and
 * [start, end) the latest RIB at or before start and every update file that
 * overlaps the window.
 * Never: touches the network or the file system, prints or exits; what the
 * catalogue cannot know (nominal names in irregular eras, windows outside a
 * collector's dates) is said through the warning callback.
 */
#ifndef MRTREACH_CATALOGUE_H
#define MRTREACH_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum arch_project { ARCH_RV, ARCH_RIS, ARCH_NPROJECTS };
enum arch_kind { ARCH_RIB, ARCH_UPDATES };

struct arch_project_info {
	const char *name;        /* "routeviews", "ris" (as libbgpstream names them) */
	const char *base;        /* base URL, ends with '/' */
	const char *rib_word;    /* "rib", "bview" */
	const char *rib_dir;     /* "RIBS/" or "" inside the month folder */
	const char *upd_dir;     /* "UPDATES/" or "" */
	const char *ext;         /* ".bz2", ".gz" */
};

struct arch_collector {
	const char *name;
	enum arch_project project;
	int64_t first;           /* first day with files, epoch seconds */
	int64_t last;            /* first day without files any more; 0 = active */
	bool approx;             /* dates to the month only */
	const char *where;
};

struct arch_era {
	int64_t from;
	int64_t rib_every;       /* seconds */
	int64_t upd_every;       /* seconds */
	bool regular;            /* names computable exactly */
};

struct arch_file {
	const struct arch_collector *c;
	enum arch_kind kind;
	int64_t time;            /* the time in the name */
	int64_t span;            /* updates: seconds until the next file; RIB: 0 */
	bool nominal;            /* irregular era and no listing: the real name may differ */
	char name[40];           /* "rib.20141221.0000.bz2" */
	char rel[64];            /* "2014.12/RIBS/rib.20141221.0000.bz2" */
	char dir[48];            /* folder at the archive for this date: "bgpdata" */
};

const struct arch_project_info *arch_project(enum arch_project p);
/* 0 and -1 when no project has that name. */
int arch_project_find(const char *name);
size_t arch_collector_count(void);
const struct arch_collector *arch_collector_at(size_t i);
const struct arch_collector *arch_collector_find(const char *name);
/* The era in force for c at time t. */
void arch_era_at(const struct arch_collector *c, int64_t t, struct arch_era *e);

/* Fills f for c, kind, time t and span (names, relative path, folder). */
void arch_file_make(const struct arch_collector *c, enum arch_kind k, int64_t t, int64_t span,
                    struct arch_file *f);
/* Full URL at the archive. */
void arch_file_url(const struct arch_file *f, char *dst, size_t n);
/* Path of the local mirror: "<collector>/bgpdata/<rel>" (RouteViews, every
 * collector in its own folder, route-views2 too, so that mrtreach names the
 * collector) or "<collector>/<rel>" (RIS). */
void arch_file_local(const struct arch_file *f, char *dst, size_t n);

/* Reads an archive file name ("updates.20080224.1802.bz2", "bview.20010101.0609.gz"):
 * true with its project, kind and time. */
bool arch_name_parse(const char *s, size_t n, enum arch_project *p, enum arch_kind *k, int64_t *t);
/* "YYYY-MM-DD HH:MM" (UTC) of t into dst (>= 20 bytes). */
void arch_time_text(int64_t t, char *dst);

/* Names found in saved directory listings (HTML or plain). */
struct arch_listing {
	struct arch_listed {
		enum arch_project p;
		enum arch_kind k;
		int64_t t;
	} *v;
	size_t n, cap;
};
/* Adds every archive file name in text; returns how many were found, -1
 * when out of memory. Duplicates (an HTML link and its text) count once. */
long arch_listing_add(struct arch_listing *l, const char *text, size_t len);
void arch_listing_free(struct arch_listing *l);

typedef void (*arch_warn_fn)(void *arg, const char *msg);

/* ARCH_FROM_RIB: the update files from the RIB's time on, not from start's,
 * so that the RIB and the updates join. */
enum { ARCH_WANT_RIB = 1, ARCH_WANT_UPDATES = 2, ARCH_FROM_RIB = 4 };

/*
 * The files an analysis of [start, end) at c needs: the latest RIB at or
 * before start (want & ARCH_WANT_RIB) and every update file overlapping the
 * window (want & ARCH_WANT_UPDATES; with ARCH_FROM_RIB from the RIB's time
 * on), RIB first then updates in time order,
 * appended to *v (grown with realloc). With a listing (not NULL and holding
 * names of c's project) the names come from it; otherwise from the
 * catalogue's eras. What the catalogue cannot know is said through warn.
 * Returns the number of files added, -1 when out of memory.
 */
long arch_select(const struct arch_collector *c, int64_t start, int64_t end, unsigned want,
                 const struct arch_listing *listing, struct arch_file **v, size_t *n, size_t *cap,
                 arch_warn_fn warn, void *warn_arg);

/* The first RIB time after t at c (from the listing when it names RIBs of
 * c's project, else from the catalogue's era); INT64_MAX when a listing
 * names none after t. Shards split a window at these times. */
int64_t arch_next_rib(const struct arch_collector *c, int64_t t, const struct arch_listing *listing);

#endif
