/*
 * catalogue.c — archive names and paths from io/catalogue.def.
 * Owns: the tables built from catalogue.def, UTC calendar of file names,
 * listing parsing, choosing files for a window.
 * Never: I/O, printing, exiting.
 */
#include "io/catalogue.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/sort.h"
#include "decode/vec.h"

/* ---- the data ------------------------------------------------------------ */

#define REGULAR true
#define IRREGULAR false
#define EXACT false
#define APPROX true

struct project_row {
	enum arch_project id;
	struct arch_project_info info;
};
static const struct project_row projects[] = {
#define PROJECT(id, name, base, rib, ribdir, upddir, ext) { id, { name, base, rib, ribdir, upddir, ext } },
#include "io/catalogue.def"
#undef PROJECT
};

struct era_row {
	const char *who;
	long from;               /* YYYYMMDD */
	int rib_min, upd_min;
	bool regular;
};
static const struct era_row eras[] = {
#define ERA(who, from, rib, upd, naming) { who, from, rib, upd, naming },
#include "io/catalogue.def"
#undef ERA
};

struct dir_row {
	const char *who;
	long from;
	const char *dir;
};
static const struct dir_row dirs[] = {
#define DIR(who, from, dir) { who, from, dir },
#include "io/catalogue.def"
#undef DIR
};

struct collector_row {
	const char *name;
	enum arch_project project;
	long first, last;
	bool approx;
	const char *where;
};
static const struct collector_row rows[] = {
#define COLLECTOR(name, proj, first, last, dates, where) { name, proj, first, last, dates, where },
#include "io/catalogue.def"
#undef COLLECTOR
};

#define NROWS (sizeof rows / sizeof rows[0])

/* ---- UTC calendar (proleptic Gregorian, March-based years) --------------- */

static int64_t day_number(int64_t y, int m, int d)
{
	if (m <= 2)
		y--;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil(int64_t days, int *y, int *m, int *d)
{
	days += 719468;
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	int64_t doe = days - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int64_t ymd_time(long ymd)
{
	return day_number(ymd / 10000, (int)(ymd / 100 % 100), (int)(ymd % 100)) * 86400;
}

struct tm_utc { int y, mo, d, h, mi; };

static struct tm_utc split(int64_t t)
{
	struct tm_utc u;
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t s = t - days * 86400;
	civil(days, &u.y, &u.mo, &u.d);
	u.h = (int)(s / 3600);
	u.mi = (int)(s / 60 % 60);
	return u;
}

void arch_time_text(int64_t t, char *dst)
{
	struct tm_utc u = split(t);
	snprintf(dst, 20, "%04d-%02d-%02d %02d:%02d", u.y % 10000, u.mo, u.d, u.h, u.mi);
}

/* ---- lookups ------------------------------------------------------------- */

static struct arch_collector table[NROWS];
static bool table_ready;

static void ready(void)
{
	if (table_ready)
		return;
	for (size_t i = 0; i < NROWS; i++) {
		table[i] = (struct arch_collector){
			rows[i].name, rows[i].project, ymd_time(rows[i].first),
			rows[i].last ? ymd_time(rows[i].last) : 0, rows[i].approx, rows[i].where,
		};
	}
	table_ready = true;
}

const struct arch_project_info *arch_project(enum arch_project p)
{
	for (size_t i = 0; i < sizeof projects / sizeof projects[0]; i++)
		if (projects[i].id == p)
			return &projects[i].info;
	return &projects[0].info;
}

int arch_project_find(const char *name)
{
	for (size_t i = 0; i < sizeof projects / sizeof projects[0]; i++)
		if (strcmp(projects[i].info.name, name) == 0)
			return (int)projects[i].id;
	return -1;
}

size_t arch_collector_count(void)
{
	return NROWS;
}

const struct arch_collector *arch_collector_at(size_t i)
{
	ready();
	return i < NROWS ? &table[i] : NULL;
}

const struct arch_collector *arch_collector_find(const char *name)
{
	ready();
	for (size_t i = 0; i < NROWS; i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

/* Does row `who` speak of c: its own name, or "*project" for its project? */
static int applies(const char *who, const struct arch_collector *c)
{
	if (strcmp(who, c->name) == 0)
		return 2;
	if (who[0] == '*' && strcmp(who + 1, arch_project(c->project)->name) == 0)
		return 1;
	return 0;
}

void arch_era_at(const struct arch_collector *c, int64_t t, struct arch_era *e)
{
	const struct era_row *best = NULL;
	int best_level = 0;
	int64_t best_from = 0;

	for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++) {
		int level = applies(eras[i].who, c);
		int64_t from = ymd_time(eras[i].from);
		if (!level || from > t)
			continue;
		/* A collector's own rows win over its project's from their date on. */
		if (!best || level > best_level || (level == best_level && from >= best_from)) {
			best = &eras[i];
			best_level = level;
			best_from = from;
		}
	}
	if (!best) {   /* before every row: the project's first era */
		for (size_t i = 0; i < sizeof eras / sizeof eras[0] && !best; i++)
			if (applies(eras[i].who, c) == 1)
				best = &eras[i];
		best_from = best ? ymd_time(best->from) : 0;
	}
	*e = (struct arch_era){ best_from, best ? best->rib_min * 60 : 7200,
	                        best ? best->upd_min * 60 : 900, best ? best->regular : true };
}

static const char *dir_at(const struct arch_collector *c, int64_t t)
{
	const char *best = NULL, *earliest = NULL;
	int64_t best_from = 0, earliest_from = 0;
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		if (strcmp(dirs[i].who, c->name) != 0)
			continue;
		int64_t from = ymd_time(dirs[i].from);
		if (from <= t && (!best || from > best_from)) {
			best = dirs[i].dir;
			best_from = from;
		}
		if (!earliest || from < earliest_from) {
			earliest = dirs[i].dir;
			earliest_from = from;
		}
	}
	return best ? best : earliest;
}

/* ---- names and paths ----------------------------------------------------- */

void arch_file_make(const struct arch_collector *c, enum arch_kind k, int64_t t, int64_t span,
                    struct arch_file *f)
{
	const struct arch_project_info *p = arch_project(c->project);
	struct tm_utc u = split(t);
	const char *d = dir_at(c, t);

	memset(f, 0, sizeof *f);
	f->c = c;
	f->kind = k;
	f->time = t;
	f->span = span;
	snprintf(f->name, sizeof f->name, "%s.%04d%02d%02d.%02d%02d%s",
	         k == ARCH_RIB ? p->rib_word : "updates", u.y % 10000, u.mo, u.d, u.h, u.mi, p->ext);
	snprintf(f->rel, sizeof f->rel, "%04d.%02d/%s%s", u.y % 10000, u.mo,
	         k == ARCH_RIB ? p->rib_dir : p->upd_dir, f->name);
	if (d)
		snprintf(f->dir, sizeof f->dir, "%s", d);
	else if (c->project == ARCH_RV)
		snprintf(f->dir, sizeof f->dir, "%s/bgpdata", c->name);
	else
		snprintf(f->dir, sizeof f->dir, "%s", c->name);
}

void arch_file_url(const struct arch_file *f, char *dst, size_t n)
{
	snprintf(dst, n, "%s%s/%s", arch_project(f->c->project)->base, f->dir, f->rel);
}

void arch_file_local(const struct arch_file *f, char *dst, size_t n)
{
	snprintf(dst, n, "%s/%s%s", f->c->name, f->c->project == ARCH_RV ? "bgpdata/" : "", f->rel);
}

static bool digits(const char *s, size_t n, long *out)
{
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool arch_name_parse(const char *s, size_t n, enum arch_project *p, enum arch_kind *k, int64_t *t)
{
	static const struct { const char *word; enum arch_kind k; } words[] = {
		{ "rib.", ARCH_RIB }, { "bview.", ARCH_RIB }, { "updates.", ARCH_UPDATES },
	};
	for (size_t w = 0; w < 3; w++) {
		size_t wl = strlen(words[w].word);
		if (n < wl + 13 || memcmp(s, words[w].word, wl) != 0)
			continue;
		const char *q = s + wl, *end = s + n;
		long ymd, hm;
		if (!digits(q, 8, &ymd) || q[8] != '.' || !digits(q + 9, 4, &hm))
			return false;
		long y = ymd / 10000, mo = ymd / 100 % 100, d = ymd % 100, h = hm / 100, mi = hm % 100;
		if (y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
			return false;
		if (split(ymd_time(ymd)).d != d)          /* 31 April and the like */
			return false;
		q += 13;
		for (int pi = 0; pi < ARCH_NPROJECTS; pi++) {
			const struct arch_project_info *info = arch_project((enum arch_project)pi);
			size_t el = strlen(info->ext);
			if ((size_t)(end - q) == el && memcmp(q, info->ext, el) == 0 &&
			    (words[w].k == ARCH_UPDATES || strncmp(s, info->rib_word, wl - 1) == 0)) {
				*p = (enum arch_project)pi;
				*k = words[w].k;
				*t = ymd_time(ymd) + h * 3600 + mi * 60;
				return true;
			}
		}
		return false;
	}
	return false;
}

/* ---- listings ------------------------------------------------------------ */

static int cmp_listed(const void *a, const void *b)
{
	const struct arch_listed *x = a, *y = b;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	if (x->k != y->k)
		return x->k < y->k ? -1 : 1;
	return (x->t > y->t) - (x->t < y->t);
}

static bool name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.';
}

long arch_listing_add(struct arch_listing *l, const char *text, size_t len)
{
	long found = 0;
	for (size_t i = 0; i < len; i++) {
		if (!name_char(text[i]) || (i > 0 && name_char(text[i - 1])))
			continue;
		size_t j = i;
		while (j < len && name_char(text[j]))
			j++;
		struct arch_listed e;
		if (arch_name_parse(text + i, j - i, &e.p, &e.k, &e.t)) {
			if (l->n == l->cap) {
				void *v = vec_grow(l->v, &l->cap, l->n + 1, sizeof *l->v, 64);
				if (!v)
					return -1;
				l->v = v;
			}
			l->v[l->n++] = e;
			found++;
		}
		i = j;
	}
	sort_array(l->v, l->n, sizeof *l->v, cmp_listed);
	size_t w = 0;
	for (size_t r = 0; r < l->n; r++)
		if (w == 0 || cmp_listed(&l->v[w - 1], &l->v[r]) != 0)
			l->v[w++] = l->v[r];
	found -= (long)(l->n - w);
	l->n = w;
	return found < 0 ? 0 : found;
}

void arch_listing_free(struct arch_listing *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* ---- choosing files ------------------------------------------------------ */

static bool push(struct arch_file **v, size_t *n, size_t *cap, const struct arch_file *f)
{
	if (*n == *cap) {
		void *p = vec_grow(*v, cap, *n + 1, sizeof **v, 64);
		if (!p)
			return false;
		*v = p;
	}
	(*v)[(*n)++] = *f;
	return true;
}

__attribute__((format(printf, 3, 4)))
static void say(arch_warn_fn warn, void *arg, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	if (!warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warn(arg, msg);
}

static int64_t floor_to(int64_t t, int64_t step)
{
	int64_t q = t / step;
	if (t % step != 0 && t < 0)
		q--;
	return q * step;
}

/* The listed names of project p and kind k: [*lo, *hi) in l. */
static void listed_range(const struct arch_listing *l, enum arch_project p, enum arch_kind k,
                         size_t *lo, size_t *hi)
{
	size_t i = 0;
	while (i < l->n && (l->v[i].p != p || l->v[i].k != k))
		i++;
	*lo = i;
	while (i < l->n && l->v[i].p == p && l->v[i].k == k)
		i++;
	*hi = i;
}

/* The latest listed RIB at or before start. */
static int rib_from_listing(const struct arch_collector *c, int64_t start, const struct arch_listing *l,
                            size_t lo, size_t hi, struct arch_file **v, size_t *n, size_t *cap,
                            arch_warn_fn warn, void *arg)
{
	char t1[20];
	struct arch_file f;
	size_t best = hi;

	for (size_t i = lo; i < hi && l->v[i].t <= start; i++)
		best = i;
	if (best == hi) {
		arch_time_text(start, t1);
		say(warn, arg, "%s: the listing names no RIB at or before %s: give the listing of the "
		    "month before too", c->name, t1);
		return 0;
	}
	arch_file_make(c, ARCH_RIB, l->v[best].t, 0, &f);
	return push(v, n, cap, &f) ? 0 : -1;
}

/* Every listed update file overlapping [start, end): a file lasts until the
 * next listed one (the last one the era's interval). */
static int updates_from_listing(const struct arch_collector *c, int64_t start, int64_t end,
                                const struct arch_listing *l, size_t lo, size_t hi,
                                struct arch_file **v, size_t *n, size_t *cap,
                                arch_warn_fn warn, void *arg)
{
	char t1[20], t2[20];
	struct arch_file f;
	int64_t covered = start;

	if (l->v[lo].t > start) {
		arch_time_text(l->v[lo].t, t1);
		arch_time_text(start, t2);
		say(warn, arg, "%s: the listing's first update file starts at %s, after --start %s: "
		    "give the listing of the month before too", c->name, t1, t2);
	}
	for (size_t i = lo; i < hi; i++) {
		struct arch_era e;
		arch_era_at(c, l->v[i].t, &e);
		int64_t next = i + 1 < hi ? l->v[i + 1].t : l->v[i].t + e.upd_every;
		if (l->v[i].t >= end || next <= start)
			continue;
		arch_file_make(c, ARCH_UPDATES, l->v[i].t, next - l->v[i].t, &f);
		if (!push(v, n, cap, &f))
			return -1;
		covered = next;
	}
	if (covered < end) {
		arch_time_text(covered, t1);
		arch_time_text(end, t2);
		say(warn, arg, "%s: the listing's update files stop at %s, before --end %s: "
		    "give the listing of the next month too", c->name, t1, t2);
	}
	return 0;
}

/* The catalogue's RIB at or before start; *nominal when the era cannot know. */
static int rib_from_era(const struct arch_collector *c, int64_t start, struct arch_file **v,
                        size_t *n, size_t *cap, bool *nominal, arch_warn_fn warn, void *arg)
{
	char t1[20];
	struct arch_era e;
	struct arch_file f;

	arch_era_at(c, start, &e);
	int64_t r = floor_to(start, e.rib_every);
	if (r < c->first) {
		arch_time_text(c->first, t1);
		say(warn, arg, "%s: no RIB at or before --start (its archive begins %s)", c->name, t1);
		return 0;
	}
	arch_file_make(c, ARCH_RIB, r, 0, &f);
	f.nominal = !e.regular;
	*nominal |= f.nominal;
	return push(v, n, cap, &f) ? 0 : -1;
}

static int updates_from_era(const struct arch_collector *c, int64_t from, int64_t to,
                            struct arch_file **v, size_t *n, size_t *cap, bool *nominal)
{
	struct arch_era e;
	struct arch_file f;

	arch_era_at(c, from, &e);
	for (int64_t t = floor_to(from, e.upd_every); t < to; t += e.upd_every) {
		arch_era_at(c, t, &e);
		arch_file_make(c, ARCH_UPDATES, t, e.upd_every, &f);
		f.nominal = !e.regular;
		*nominal |= f.nominal;
		if (!push(v, n, cap, &f))
			return -1;
	}
	return 0;
}

long arch_select(const struct arch_collector *c, int64_t start, int64_t end, unsigned want,
                 const struct arch_listing *listing, struct arch_file **v, size_t *n, size_t *cap,
                 arch_warn_fn warn, void *arg)
{
	static const struct arch_listing none;
	char t1[20], t2[20];
	size_t before = *n, rlo, rhi, ulo, uhi;
	bool nominal = false;
	int rc = 0;

	if (c->last && start >= c->last) {
		arch_time_text(c->last, t1);
		say(warn, arg, "%s: no files after %s (collector %s)", c->name, t1,
		    c->project == ARCH_RIS ? "decommissioned" : "removed");
		return 0;
	}
	if (end <= c->first) {
		arch_time_text(c->first, t1);
		say(warn, arg, "%s: its archive begins %s%s, after this window", c->name, t1,
		    c->approx ? " (to the month)" : "");
		return 0;
	}
	if (c->approx && (start < c->first + 31 * 86400 || (c->last && end > c->last - 31 * 86400))) {
		arch_time_text(c->first, t1);
		if (c->last)
			arch_time_text(c->last, t2);
		say(warn, arg, "%s: the catalogue knows its dates to the month only (%s to %s): "
		    "check the archive listing", c->name, t1, c->last ? t2 : "now");
	}
	if (!listing)
		listing = &none;
	/* Each kind from the listing when it names files of that kind, else
	 * from the catalogue's eras. */
	listed_range(listing, c->project, ARCH_RIB, &rlo, &rhi);
	listed_range(listing, c->project, ARCH_UPDATES, &ulo, &uhi);
	int64_t from = start > c->first ? start : c->first;
	int64_t to = c->last && c->last < end ? c->last : end;
	if ((want & ARCH_WANT_RIB) && rc == 0) {
		rc = rlo < rhi ? rib_from_listing(c, start, listing, rlo, rhi, v, n, cap, warn, arg)
		               : rib_from_era(c, start, v, n, cap, &nominal, warn, arg);
		int64_t r = *n > before ? (*v)[*n - 1].time : start;
		if (r < start && (want & ARCH_FROM_RIB)) {
			from = r;
			start = r;
		} else if (r < start && (want & ARCH_WANT_UPDATES)) {
			arch_time_text(r, t1);
			say(warn, arg, "%s: its RIB is at %s, before --start: the updates between are not "
			    "listed, so the state at --start lacks them (--from-rib lists them)", c->name, t1);
		}
	}
	if ((want & ARCH_WANT_UPDATES) && rc == 0)
		rc = ulo < uhi ? updates_from_listing(c, start, end, listing, ulo, uhi, v, n, cap, warn, arg)
		               : updates_from_era(c, from, to, v, n, cap, &nominal);
	if (rc < 0)
		return -1;
	if (nominal)
		say(warn, arg, "%s: in this era its file names are at irregular minutes; the names "
		    "listed are nominal: save the month folder's listing and give it with --listing",
		    c->name);
	return (long)(*n - before);
}

int64_t arch_next_rib(const struct arch_collector *c, int64_t t, const struct arch_listing *l)
{
	if (l) {
		size_t lo, hi;
		listed_range(l, c->project, ARCH_RIB, &lo, &hi);
		if (lo < hi) {
			for (size_t i = lo; i < hi; i++)
				if (l->v[i].t > t)
					return l->v[i].t;
			return INT64_MAX;
		}
	}
	struct arch_era e;
	arch_era_at(c, t, &e);
	return floor_to(t, e.rib_every) + e.rib_every;
}
