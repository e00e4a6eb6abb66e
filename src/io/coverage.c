/*
 * coverage.c — per-collector coverage and gaps (see coverage.h).
 * Owns: the file list per collector, sorting it by start, the cadence and
 * the gap rules. Never: allocates per record (once per file).
 */
#include "io/coverage.h"
#include "decode/sort.h"
#include "decode/vec.h"

#include <stdlib.h>
#include <string.h>

struct cov_file {
	uint32_t collector;
	bool rib;
	bool named;              /* start is the name's time */
	bool open_end;           /* a plan's file without a name time: covers
	                          * up to the next file (coverage_file_ahead) */
	uint32_t start;          /* name time, else first record */
	uint32_t last;           /* last record, else start */
};

struct coverage {
	struct cov_file *files;
	size_t nfiles, capfiles;
	struct cov_gap *gaps;
	size_t ngaps, capgaps;
	struct cov_collector *cols;
	size_t ncols;
	bool oom;
	bool given;              /* the gaps are given (coverage_finish_plan) */
};

struct coverage *coverage_new(size_t ncollectors)
{
	struct coverage *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->ncols = ncollectors;
	c->cols = calloc(ncollectors ? ncollectors : 1, sizeof *c->cols);
	if (!c->cols) {
		free(c);
		return NULL;
	}
	return c;
}

void coverage_free(struct coverage *c)
{
	if (!c)
		return;
	free(c->files);
	free(c->gaps);
	free(c->cols);
	free(c);
}

static bool digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int64_t)era * 146097 + doe - 719468;
}

int64_t coverage_name_time(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	/* The first ".YYYYMMDD.HHMM" in the name. */
	for (const char *p = strchr(base, '.'); p; p = strchr(p + 1, '.')) {
		int y, mo, d, h, mi;
		if (strlen(p) < 14 || p[9] != '.' ||
		    !digits(p + 1, 4, &y) || !digits(p + 5, 2, &mo) || !digits(p + 7, 2, &d) ||
		    !digits(p + 10, 2, &h) || !digits(p + 12, 2, &mi))
			continue;
		if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
			continue;
		return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60;
	}
	return -1;
}

static struct cov_file *add_file(struct coverage *c, uint32_t collector, const char *path,
                                 bool rib, bool has, uint32_t first_ts, uint32_t last_ts);

void coverage_file(struct coverage *c, uint32_t collector, const char *path, bool rib,
                   bool has, uint32_t first_ts, uint32_t last_ts)
{
	add_file(c, collector, path, rib, has, first_ts, last_ts);
}

void coverage_file_ahead(struct coverage *c, uint32_t collector, const char *path, bool rib,
                         bool has, uint32_t first_ts)
{
	struct cov_file *f = add_file(c, collector, path, rib, has, first_ts, first_ts);
	if (f && !f->named)
		f->open_end = true;
}

static struct cov_file *add_file(struct coverage *c, uint32_t collector, const char *path,
                                 bool rib, bool has, uint32_t first_ts, uint32_t last_ts)
{
	int64_t named = coverage_name_time(path);
	if (!has && named < 0)
		return NULL;             /* nothing says when it was */
	if (collector >= c->ncols)
		return NULL;
	if (c->nfiles == c->capfiles) {
		struct cov_file *f = vec_grow(c->files, &c->capfiles, c->nfiles + 1, sizeof *f, 64);
		if (!f) {
			c->oom = true;
			return NULL;
		}
		c->files = f;
	}
	struct cov_file *f = &c->files[c->nfiles++];
	*f = (struct cov_file){ .collector = collector, .rib = rib };
	/* A name time far from the records (a renamed file) is not believed. */
	f->named = named >= 0 && (!has || (named <= (int64_t)first_ts + 3600 &&
	                                   named + 86400 >= (int64_t)first_ts));
	f->start = f->named ? (uint32_t)named : first_ts;
	if (has && first_ts < f->start)
		f->start = first_ts;
	f->last = has && last_ts > f->start ? last_ts : f->start;

	struct cov_collector *k = &c->cols[collector];
	if (!k->any || f->start < k->first_ts)
		k->first_ts = f->start;
	if (!k->any || f->last > k->last_ts)
		k->last_ts = f->last;
	k->any = true;
	k->files++;
	k->ribs += rib;
	return f;
}

static int by_collector_start(const void *pa, const void *pb)
{
	const struct cov_file *a = pa, *b = pb;
	if (a->collector != b->collector)
		return a->collector < b->collector ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (int)b->rib - (int)a->rib;
}

static int cmp_u32(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return a < b ? -1 : a > b;
}

static void add_gap(struct coverage *c, uint32_t collector, uint32_t from, uint32_t until,
                    enum cov_reason why)
{
	if (until <= from || collector >= c->ncols || c->given)
		return;
	if (c->ngaps == c->capgaps) {
		struct cov_gap *g = vec_grow(c->gaps, &c->capgaps, c->ngaps + 1, sizeof *g, 16);
		if (!g) {
			c->oom = true;
			return;
		}
		c->gaps = g;
	}
	c->gaps[c->ngaps++] = (struct cov_gap){ collector, from, until, why };
	c->cols[collector].ngaps++;
	if (until != COV_OPEN)
		c->cols[collector].gap_seconds += until - from;
}

/* The median step between the starts of the update files f[0..n) whose
 * names state them. */
static uint32_t cadence_of(const struct cov_file *f, size_t n)
{
	uint32_t *steps = malloc((n ? n : 1) * sizeof *steps);
	size_t k = 0;
	if (!steps)
		return 0;
	for (size_t i = 0, prev = SIZE_MAX; i < n; i++) {
		if (f[i].rib || !f[i].named)
			continue;            /* a file named by no time tells no cadence */
		if (prev != SIZE_MAX && f[i].start > f[prev].start)
			steps[k++] = f[i].start - f[prev].start;
		prev = i;
	}
	uint32_t c = 0;
	if (k > 0) {
		qsort(steps, k, sizeof *steps, cmp_u32);
		c = steps[(k - 1) / 2];   /* the lower median: two files a missing stretch apart do not set it */
	}
	free(steps);
	return c;
}

/* The gaps of one collector's files f[0..n), sorted by start. */
static void collector_gaps(struct coverage *c, uint32_t col, const struct cov_file *f, size_t n)
{
	uint32_t cadence = cadence_of(f, n);
	c->cols[col].cadence = cadence;
	/* Without a cadence (one update file), a RIB dump followed within
	 * COV_NO_CADENCE_SLACK by update data is no gap: dumps take minutes. */
	uint32_t slack = cadence ? cadence / 2 : COV_NO_CADENCE_SLACK;
	bool seen_rib = false, seen_update = false;
	uint32_t covered = 0;        /* update data reaches up to here */
	uint32_t rib_at = 0;         /* a RIB dump not yet followed by update files */
	bool rib_waiting = false;

	for (size_t i = 0; i < n; i++) {
		const struct cov_file *x = &f[i];
		if (x->rib) {
			if (!seen_rib && seen_update)
				add_gap(c, col, f[0].start, x->start, COV_BEFORE_FIRST_RIB);
			seen_rib = true;
			if (!seen_update || x->start >= covered) {
				rib_at = x->start;
				rib_waiting = true;
			}
			continue;
		}
		if (rib_waiting) {
			if (x->start > rib_at + slack)
				add_gap(c, col, rib_at, x->start, COV_RIB_BEFORE_UPDATES);
			rib_waiting = false;
		} else if (seen_update && x->start > covered + slack) {
			add_gap(c, col, covered, x->start, COV_MISSING_UPDATES);
		}
		uint32_t end = x->last + 1;
		if (cadence && x->start + cadence > end)
			end = x->start + cadence;
		if (x->open_end && i + 1 < n && f[i + 1].start > end)
			end = f[i + 1].start;    /* its records' end is found while reading */
		if (!seen_update || end > covered)
			covered = end;
		seen_update = true;
	}
}

static int by_time(const void *pa, const void *pb)
{
	const struct cov_gap *a = pa, *b = pb;
	if (a->from_ts != b->from_ts)
		return a->from_ts < b->from_ts ? -1 : 1;
	return a->collector < b->collector ? -1 : a->collector > b->collector;
}

void coverage_add_gap(struct coverage *c, uint32_t collector, uint32_t from, uint32_t until,
                      enum cov_reason why)
{
	add_gap(c, collector, from, until, why);
}

void coverage_finish_plan(struct coverage *c, const struct coverage *plan)
{
	for (size_t i = 0; i < plan->ngaps; i++)
		add_gap(c, plan->gaps[i].collector, plan->gaps[i].from_ts, plan->gaps[i].until_ts,
		        plan->gaps[i].reason);
	c->given = true;             /* collector_gaps finds the cadence only */
	/* A gap to the end of the data ends at the last record of any. */
	uint32_t end = 0;
	for (size_t k = 0; k < c->ncols; k++)
		if (c->cols[k].any && c->cols[k].last_ts + 1 > end)
			end = c->cols[k].last_ts + 1;
	size_t kept = 0;
	for (size_t i = 0; i < c->ngaps; i++) {
		struct cov_gap *g = &c->gaps[i];
		if (g->until_ts == COV_OPEN) {
			g->until_ts = end;
			if (end <= g->from_ts) {
				c->cols[g->collector].ngaps--;
				continue;
			}
			c->cols[g->collector].gap_seconds += end - g->from_ts;
		}
		c->gaps[kept++] = *g;
	}
	c->ngaps = kept;
	coverage_finish(c);
}

uint32_t coverage_silence_min(const struct coverage *plan, uint32_t c)
{
	uint32_t k = c < plan->ncols ? plan->cols[c].cadence : 0;
	return k > COV_SILENCE ? k : COV_SILENCE;
}

struct span_iv {
	uint32_t from, until;
};

static int by_from(const void *pa, const void *pb)
{
	const struct span_iv *a = pa, *b = pb;
	return a->from < b->from ? -1 : a->from > b->from;
}

void coverage_holes(const struct coverage *plan, uint32_t c, uint32_t from, uint32_t until,
                    uint32_t min, void (*fn)(uint32_t from, uint32_t until, void *arg), void *arg)
{
	if (until <= from)
		return;
	/* What covers part of [from, until): c's update file names and gaps. */
	uint32_t name_len = coverage_silence_min(plan, c);
	size_t n = 0;
	for (size_t i = 0; i < plan->nfiles; i++)
		n += plan->files[i].collector == c;
	struct span_iv *iv = malloc((n + plan->ngaps + 1) * sizeof *iv);
	if (!iv) {
		fn(from, until, arg);        /* without memory: the whole stretch */
		return;
	}
	n = 0;
	for (size_t i = 0; i < plan->nfiles; i++) {
		const struct cov_file *f = &plan->files[i];
		uint32_t end = f->start + name_len < f->start ? UINT32_MAX : f->start + name_len;
		if (f->collector == c && f->named && !f->rib && f->start < until && end > from)
			iv[n++] = (struct span_iv){ f->start, end };
	}
	for (size_t i = 0; i < plan->ngaps; i++) {
		const struct cov_gap *g = &plan->gaps[i];
		if (g->collector == c && g->from_ts < until && g->until_ts > from)
			iv[n++] = (struct span_iv){ g->from_ts, g->until_ts };
	}
	sort_array(iv, n, sizeof *iv, by_from);
	uint32_t t = from;
	for (size_t i = 0; i < n && t < until; i++) {
		if (iv[i].from > t) {
			uint32_t e = iv[i].from < until ? iv[i].from : until;
			if (e - t >= min)
				fn(t, e, arg);
		}
		if (iv[i].until > t)
			t = iv[i].until;
	}
	if (t < until && until - t >= min)
		fn(t, until, arg);
	free(iv);
}

void coverage_finish(struct coverage *c)
{
	sort_array(c->files, c->nfiles, sizeof *c->files, by_collector_start);
	for (size_t i = 0; i < c->nfiles;) {
		size_t j = i;
		while (j < c->nfiles && c->files[j].collector == c->files[i].collector)
			j++;
		collector_gaps(c, c->files[i].collector, c->files + i, j - i);
		i = j;
	}
	sort_array(c->gaps, c->ngaps, sizeof *c->gaps, by_time);
}

size_t coverage_no_data(const struct coverage *c, struct cov_gap *out, size_t max)
{
	size_t with = 0, n = 0;
	for (size_t k = 0; k < c->ncols; k++)
		with += c->cols[k].any;
	if (with == 0)
		return 0;
	/* A collector's gaps never overlap, and the gaps are sorted by start:
	 * a stretch starts at a gap's start where the others are all in one
	 * too, and ends at the earliest end among them. */
	for (size_t i = 0; i < c->ngaps; i++) {
		uint32_t from = c->gaps[i].from_ts, until = c->gaps[i].until_ts;
		size_t in = 0;
		for (size_t j = 0; j < c->ngaps; j++) {
			const struct cov_gap *g = &c->gaps[j];
			if (g->from_ts <= from && g->until_ts > from) {
				in++;
				if (g->until_ts < until)
					until = g->until_ts;
			}
		}
		/* the latest-starting gap of the stretch names it (once) */
		bool last = true;
		for (size_t j = 0; j < c->ngaps && last; j++)
			if (j != i && c->gaps[j].from_ts == from && j > i && c->gaps[j].until_ts > from)
				last = false;
		if (in < with || !last)
			continue;
		if (n < max)
			out[n] = (struct cov_gap){ COV_ALL, from, until, c->gaps[i].reason };
		n++;
	}
	return n;
}

struct cov_gap *coverage_copy_gaps(const struct coverage *c, bool no_data, size_t *n)
{
	size_t k = no_data ? coverage_no_data(c, NULL, 0) : c->ngaps;
	struct cov_gap *g = malloc((k ? k : 1) * sizeof *g);
	*n = 0;
	if (!g)
		return NULL;
	if (no_data)
		k = coverage_no_data(c, g, k);
	else if (k)
		memcpy(g, c->gaps, k * sizeof *g);
	*n = k;
	return g;
}

size_t coverage_ngaps(const struct coverage *c) { return c->ngaps; }
const struct cov_gap *coverage_gap(const struct coverage *c, size_t i) { return &c->gaps[i]; }
size_t coverage_ncollectors(const struct coverage *c) { return c->ncols; }
bool coverage_oom(const struct coverage *c) { return c->oom; }

const struct cov_collector *coverage_collector(const struct coverage *c, uint32_t collector)
{
	return collector < c->ncols ? &c->cols[collector] : NULL;
}

const char *cov_reason_text(enum cov_reason r)
{
	switch (r) {
	case COV_MISSING_UPDATES: return "update files missing";
	case COV_RIB_BEFORE_UPDATES: return "RIB dump older than the next update file";
	case COV_BEFORE_FIRST_RIB: return "before the collector's first RIB dump";
	case COV_NO_RECORDS: return "no records in its files";
	case COV_DATA_ENDED: return "its data ends before the other collectors'";
	}
	return "?";
}
