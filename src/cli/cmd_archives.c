/*
 * cmd_archives.c — mrtreach archives: which archive files an analysis of a
 * window needs, where to fetch them, which of them a local tree lacks, and
 * how to split them into shards.
 * Owns: the options and output formats of archives (urls, curl config,
 * libbgpstream csv index, JSON Lines, shard lines), walking a local tree for
 * --check. Never: network access (curl or wget fetch), choosing files (the
 * catalogue does), judging a file (filecheck does).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmdline.h"
#include "report/timefmt.h"
#include "io/catalogue.h"
#include "io/filecheck.h"
#include "report/diag.h"
#include "report/outbuf.h"
#include "decode/vec.h"

static const char help_text[] =
    "usage: mrtreach archives --collector NAME... --start T --end T [OPTIONS]\n"
    "\n"
    "Prints the RouteViews and RIPE RIS archive files an analysis of [start, end)\n"
    "needs: for each collector the latest RIB dump at or before the start, and\n"
    "every update file that overlaps the window, no more and no fewer. mrtreach\n"
    "does not download: curl or wget do, from the list it prints. The catalogue\n"
    "of collectors, dates, cadences and layouts is compiled in (man mrtreach,\n"
    "ARCHIVES; --list prints it).\n"
    "\n"
    "Options (those marked + may be repeated):\n"
    "      --collector NAME  + a collector (route-views2, route-views.linx,\n"
    "                     rrc00...), comma-separated names, or 'all'; names may\n"
    "                     also follow as arguments\n"
    "      --project routeviews|ris  only collectors of that project (with 'all',\n"
    "                     or alone)\n"
    "      --start T      start of the window, UTC (2014-12-22T16:15:00Z,\n"
    "                     '2014-12-22 16:15', 2014-12-22 or epoch seconds)\n"
    "      --end T        end of the window, excluded; a date alone means the end\n"
    "                     of that whole UTC day\n"
    "      --ribs-only    only the RIB dumps\n"
    "      --updates-only only the update files\n"
    "      --from-rib     the update files from each RIB's time on, not from --start:\n"
    "                     the RIB and the updates then join (otherwise the updates\n"
    "                     between the RIB and --start are left out, and a warning\n"
    "                     says so)\n"
    "      --format urls|curl|bgpstream|json\n"
    "                     urls: one URL per line (wget -i, xargs -n1 curl -O), the\n"
    "                     default; curl: a 'curl -K' config saving each file under\n"
    "                     --into DIR in the archive's layout; bgpstream: the\n"
    "                     libbgpstream csvfile index (path,project,type,collector,\n"
    "                     filetime,timespan,timestamp); json: one object per file\n"
    "      --into DIR     where the files go (curl config, bgpstream paths, shards);\n"
    "                     default '.'; every collector in its own folder; shards\n"
    "                     name a file already under DIR, in a folder named after\n"
    "                     its collector (any layout), where it lies\n"
    "      --check DIR    match the files against a local tree (any layout: by\n"
    "                     collector folder and file name); print only those missing\n"
    "                     or cut, in the chosen format; one line per such file on\n"
    "                     stderr, exit 1\n"
    "      --listing [COLLECTOR=]FILE  + a saved listing (HTML or plain) of an\n"
    "                     archive month folder: real names for eras the catalogue\n"
    "                     only knows nominally; without COLLECTOR= for every\n"
    "                     collector of the listing's project\n"
    "      --shards collector|rib  one line per shard for a job array: one\n"
    "                     collector, or one collector between two RIB dumps;\n"
    "                     'ID<TAB>COLLECTOR<TAB>FROM<TAB>TO<TAB>FILE<TAB>FILE...'\n"
    "      --list         print the catalogue: collector, project, first and last\n"
    "                     day, where\n"
    "  -h, --help         this help\n"
    "      --version      the version of mrtreach\n"
    "\n"
    "Examples:\n"
    "  mrtreach archives --collector route-views2,rrc00 --start 2014-12-22 \\\n"
    "      --end 2014-12-23\n"
    "  mrtreach archives --collector rrc00 --start 2014-12-22T16:00 \\\n"
    "      --end 2014-12-22T18:00 --format curl --into nk | curl -K -\n"
    "  mrtreach archives --collector rrc00 --start 2014-12-22 --end 2014-12-22 \\\n"
    "      --check nk --format curl | curl -K -\n"
    "\n"
    "Exit status: 0 done, 1 --check found files missing or cut, 2 usage error.\n";

enum fmt { F_URLS, F_CURL, F_BGPSTREAM, F_JSON };   /* fmt_names */
enum shards { SH_NONE, SH_COLLECTOR, SH_RIB };

struct scoped_listing {
	const struct arch_collector *c;     /* NULL: any collector of its project */
	struct arch_listing l;
};

struct args {
	const struct arch_collector **cols;
	size_t ncols;
	bool all;
	int project;                        /* -1: both */
	int64_t start, end;
	bool have_start, have_end;
	unsigned want;
	enum fmt fmt;
	const char *into, *check;
	enum shards shards;
	struct scoped_listing *lists;
	size_t nlists;
	bool list;
	struct flags { bool ribs_only, updates_only, from_rib, fmt_given, named; } flags;
};

static struct outbuf out;

static void add_collector(struct args *a, const char *name)
{
	if (strcmp(name, "all") == 0) {
		a->all = true;
		return;
	}
	const struct arch_collector *c = arch_collector_find(name);
	if (!c) {
		if (strcmp(name, "rrc17") == 0)
			cmdline_usage("--collector 'rrc17': RIS never had an rrc17");
		cmdline_usage("--collector '%s': not in the catalogue (mrtreach archives --list)", name);
	}
	for (size_t i = 0; i < a->ncols; i++)
		if (a->cols[i] == c)
			return;
	const struct arch_collector **v = realloc(a->cols, (a->ncols + 1) * sizeof *a->cols);
	if (!v)
		cmdline_out_of_memory();
	a->cols = v;
	a->cols[a->ncols++] = c;
}

static void add_collectors(struct args *a, const char *list)
{
	char *buf = strdup(list);
	if (!buf)
		cmdline_out_of_memory();
	for (char *save = NULL, *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save))
		add_collector(a, w);
	free(buf);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 65536, n = 0;
	char *b = malloc(cap);
	while (b) {
		n += fread(b + n, 1, cap - n, f);
		if (n < cap)
			break;
		char *nb = realloc(b, cap * 2);
		if (!nb) {
			free(b);
			b = NULL;
			break;
		}
		b = nb;
		cap *= 2;
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(b);
		return NULL;
	}
	*len = n;
	return b;
}

static void add_listing(struct args *a, const char *arg)
{
	const char *eq = strchr(arg, '=');
	const struct arch_collector *c = NULL;
	const char *path = arg;
	if (eq) {
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
		if ((c = arch_collector_find(name)))
			path = eq + 1;
	}
	size_t len;
	char *text = slurp(path, &len);
	if (!text)
		cmdline_bad_value(arg, "cannot read %s", path == arg ? "it" : path);
	/* Listings of one scope (a collector, or none) add up: RIBS and UPDATES,
	 * or two months. */
	struct scoped_listing *s = NULL;
	for (size_t i = 0; i < a->nlists; i++)
		if (a->lists[i].c == c)
			s = &a->lists[i];
	if (!s) {
		struct scoped_listing *v = realloc(a->lists, (a->nlists + 1) * sizeof *a->lists);
		if (!v)
			cmdline_out_of_memory();
		a->lists = v;
		s = &a->lists[a->nlists++];
		memset(s, 0, sizeof *s);
		s->c = c;
	}
	long found = arch_listing_add(&s->l, text, len);
	free(text);
	if (found < 0)
		cmdline_out_of_memory();
	if (found == 0)
		cmdline_bad_value(arg, "no RouteViews or RIS file names in it "
		                  "(rib.YYYYMMDD.HHMM.bz2, bview..., updates...)");
}

enum { O_COLLECTOR = CMDLINE_OWN, O_PROJECT, O_START, O_END, O_RIBS, O_UPDATES, O_FROM_RIB,
       O_FORMAT, O_INTO, O_CHECK, O_LISTING, O_SHARDS, O_LIST };

static const struct option own[] = {
	{ "collector", required_argument, NULL, O_COLLECTOR },
	{ "project", required_argument, NULL, O_PROJECT },
	{ "start", required_argument, NULL, O_START },
	{ "end", required_argument, NULL, O_END },
	{ "ribs-only", no_argument, NULL, O_RIBS },
	{ "updates-only", no_argument, NULL, O_UPDATES },
	{ "from-rib", no_argument, NULL, O_FROM_RIB },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "into", required_argument, NULL, O_INTO },
	{ "check", required_argument, NULL, O_CHECK },
	{ "listing", required_argument, NULL, O_LISTING },
	{ "shards", required_argument, NULL, O_SHARDS },
	{ "list", no_argument, NULL, O_LIST },
	{ NULL, 0, NULL, 0 },
};

static const char *const fmt_names[] = { "urls", "curl", "bgpstream", "json", NULL };
static const char *const project_names[] = { "routeviews", "ris", NULL };   /* enum arch_project */
static const char *const shard_names[] = { "collector", "rib", NULL };   /* enum shards - 1 */

static void apply(void *ctx, int id, const char *arg)
{
	struct args *a = ctx;
	struct flags *f = &a->flags;
	switch (id) {
	case O_COLLECTOR:
		add_collectors(a, arg);
		f->named = true;
		break;
	case O_PROJECT:
		a->project = cmdline_choice(arg, project_names);
		break;
	case O_START:
		a->start = cmdline_time(arg);
		a->have_start = true;
		break;
	case O_END: {
		/* Excluded; what the text names ends after its last second: a
		 * date alone is that whole UTC day. */
		int64_t t = cmdline_time(arg), last = cmdline_time_end(arg);
		a->end = last > t ? last + 1 : t;
		a->have_end = true;
		break;
	}
	case O_RIBS:
		f->ribs_only = true;
		break;
	case O_UPDATES:
		f->updates_only = true;
		break;
	case O_FROM_RIB:
		f->from_rib = true;
		break;
	case O_FORMAT:
		a->fmt = (enum fmt)cmdline_choice(arg, fmt_names);
		f->fmt_given = true;
		break;
	case O_INTO:
		a->into = arg;
		break;
	case O_CHECK:
		a->check = arg;
		break;
	case O_LISTING:
		add_listing(a, arg);
		break;
	case O_SHARDS:
		a->shards = (enum shards)(cmdline_choice(arg, shard_names) + 1);
		break;
	case O_LIST:
		a->list = true;
		break;
	}
}

static void parse_args(int argc, char **argv, struct args *a)
{
	const struct cmdline cl = { "archives", help_text, NULL, own, apply, a };
	struct common_opts co;
	struct flags *f = &a->flags;

	a->project = -1;
	int first = cmdline_parse_no_files(&cl, argc, argv, &co);
	for (int i = first; i < argc; i++) {
		add_collectors(a, argv[i]);
		f->named = true;
	}
	if (a->list)
		return;
	cmdline_exclusive(f->ribs_only, "--ribs-only", f->updates_only, "--updates-only");
	cmdline_exclusive(f->from_rib, "--from-rib", f->ribs_only, "--ribs-only");
	cmdline_exclusive(f->from_rib, "--from-rib", f->updates_only, "--updates-only");
	cmdline_exclusive(a->shards != SH_NONE, "--shards", f->fmt_given, "--format");
	cmdline_exclusive(a->shards != SH_NONE, "--shards", a->check != NULL, "--check");
	a->want = f->ribs_only ? ARCH_WANT_RIB : f->updates_only ? ARCH_WANT_UPDATES
	                                                        : ARCH_WANT_RIB | ARCH_WANT_UPDATES;
	if (f->from_rib)
		a->want |= ARCH_FROM_RIB;
	if (!f->named && a->project < 0)
		cmdline_usage("no collector given: --collector NAME, or --collector all "
		              "(try 'mrtreach archives --help')");
	if (!f->named || a->all) {
		a->ncols = 0;
		for (size_t i = 0; i < arch_collector_count(); i++) {
			const struct arch_collector *c = arch_collector_at(i);
			if (a->project < 0 || (int)c->project == a->project)
				add_collector(a, c->name);
		}
	} else if (a->project >= 0) {
		for (size_t i = 0; i < a->ncols; i++)
			if ((int)a->cols[i]->project != a->project)
				cmdline_usage("--collector '%s' is not a %s collector", a->cols[i]->name,
				              project_names[a->project]);
	}
	if (!a->have_start)
		cmdline_usage("--start is missing (the window is [--start, --end))");
	if (!a->have_end)
		cmdline_usage("--end is missing (the window is [--start, --end))");
	if (a->end <= a->start)
		cmdline_usage("--end must be after --start (the window [start, end) is empty)");
}

/* ---- output -------------------------------------------------------------- */

static const struct arch_listing *listing_for(const struct args *a, const struct arch_collector *c)
{
	for (size_t i = 0; i < a->nlists; i++)
		if (a->lists[i].c == c)
			return &a->lists[i].l;
	for (size_t i = 0; i < a->nlists; i++) {
		if (a->lists[i].c)
			continue;
		for (size_t j = 0; j < a->lists[i].l.n; j++)
			if (a->lists[i].l.v[j].p == c->project)
				return &a->lists[i].l;
	}
	return NULL;
}

static void warn_cb(void *arg, const char *msg)
{
	(void)arg;
	diag_note("archives: warning: %s", msg);
}

/* Where f goes locally: the path found by --check, else DIR/<mirror path>. */
static void local_path(const struct args *a, const struct arch_file *f, const char *found,
                       char *dst, size_t n)
{
	char rel[256];
	if (found) {
		snprintf(dst, n, "%s", found);
		return;
	}
	arch_file_local(f, rel, sizeof rel);
	const char *dir = a->into ? a->into : a->check;
	if (dir)
		snprintf(dst, n, "%s/%s", dir, rel);
	else
		snprintf(dst, n, "%s", rel);
}

static void print_curl_quoted(const char *s)
{
	out_char(&out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			out_char(&out, '\\');
		out_char(&out, *s);
	}
	out_char(&out, '"');
}

static void print_file(const struct args *a, const struct arch_file *f, const char *found)
{
	char url[512], path[1024], iso[32];
	arch_file_url(f, url, sizeof url);
	local_path(a, f, found, path, sizeof path);
	const char *proj = arch_project(f->c->project)->name;
	int64_t span = f->kind == ARCH_RIB ? 120 : f->span;

	switch (a->fmt) {
	case F_URLS:
		out_printf(&out, "%s\n", url);
		break;
	case F_CURL:
		out_str(&out, "url = ");
		print_curl_quoted(url);
		out_str(&out, "\noutput = ");
		print_curl_quoted(path);
		out_char(&out, '\n');
		break;
	case F_BGPSTREAM:
		out_printf(&out, "%s,%s,%s,%s,%lld,%lld,%lld\n", a->into || a->check ? path : url, proj,
		           f->kind == ARCH_RIB ? "ribs" : "updates", f->c->name, (long long)f->time,
		           (long long)span, (long long)(f->time + span));
		break;
	case F_JSON:
		fmt_time_iso(f->time, iso);
		out_str(&out, "{\"collector\":");
		out_json_str(&out, f->c->name);
		out_printf(&out, ",\"project\":\"%s\",\"type\":\"%s\",\"time\":%lld,\"time_utc\":\"%s\","
		           "\"span\":%lld,\"name\":", proj, f->kind == ARCH_RIB ? "rib" : "updates",
		           (long long)f->time, iso, (long long)f->span);
		out_json_str(&out, f->name);
		out_str(&out, ",\"url\":");
		out_json_str(&out, url);
		out_str(&out, ",\"path\":");
		out_json_str(&out, path);
		out_printf(&out, ",\"nominal\":%s}\n", f->nominal ? "true" : "false");
		break;
	}
}

static void print_header(const struct args *a, size_t nfiles)
{
	char t1[32], t2[32];
	if (a->fmt != F_CURL)
		return;
	fmt_time_iso(a->start, t1);
	fmt_time_iso(a->end, t2);
	out_printf(&out, "# mrtreach archives: %zu file%s for [%s, %s); use: curl -K FILE\n"
	           "create-dirs\nfail\nlocation\n", nfiles, nfiles == 1 ? "" : "s", t1, t2);
}

static void print_list(void)
{
	char t1[20], t2[20];
	out_str(&out, "#collector\tproject\tfirst\tlast\tdates\twhere\n");
	for (size_t i = 0; i < arch_collector_count(); i++) {
		const struct arch_collector *c = arch_collector_at(i);
		arch_time_text(c->first, t1);
		if (c->last)
			arch_time_text(c->last, t2);
		out_printf(&out, "%s\t%s\t%.10s\t%.10s\t%s\t%s\n", c->name, arch_project(c->project)->name,
		           t1, c->last ? t2 : "-", c->approx ? "approx" : "exact", c->where);
	}
}

/* ---- --check ------------------------------------------------------------- */

struct local { char *path; const char *base; };
struct tree { struct local *v; size_t n, cap; };

static void walk(struct tree *t, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d) {
		if (depth == 0)
			cmdline_usage("--check '%s': cannot open it as a directory", dir);
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t n = strlen(dir) + strlen(e->d_name) + 2;
		char *p = malloc(n);
		struct stat st;
		if (!p)
			cmdline_out_of_memory();
		snprintf(p, n, "%s/%s", dir, e->d_name);
		if (stat(p, &st) != 0) {
			free(p);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth < 16)
				walk(t, p, depth + 1);
			free(p);
			continue;
		}
		enum arch_project pr;
		enum arch_kind k;
		int64_t tm;
		if (!S_ISREG(st.st_mode) || !arch_name_parse(e->d_name, strlen(e->d_name), &pr, &k, &tm)) {
			free(p);
			continue;
		}
		if (t->n == t->cap) {
			void *v = vec_grow(t->v, &t->cap, t->n + 1, sizeof *t->v, 256);
			if (!v)
				cmdline_out_of_memory();
			t->v = v;
		}
		t->v[t->n].path = p;
		t->v[t->n].base = strrchr(p, '/') + 1;
		t->n++;
	}
	closedir(d);
}

/* Does a path component of p (below root) equal name? Any collector's name if
 * name is NULL. */
static bool names_collector(const char *p, size_t rootlen, const char *name)
{
	const char *s = p + rootlen;
	while (*s) {
		while (*s == '/')
			s++;
		const char *e = strchr(s, '/');
		if (!e)
			break;               /* the last component is the file name */
		size_t n = (size_t)(e - s);
		if (name) {
			if (strlen(name) == n && strncmp(s, name, n) == 0)
				return true;
		} else {
			for (size_t i = 0; i < arch_collector_count(); i++) {
				const char *cn = arch_collector_at(i)->name;
				if (strlen(cn) == n && strncmp(s, cn, n) == 0)
					return true;
			}
		}
		s = e;
	}
	return false;
}

/* The local file for f: one under a folder named after its collector, else
 * one under no collector's folder when f is the only needed file of that
 * name. NULL when there is none. */
static const char *find_local(const struct tree *t, size_t rootlen, const struct arch_file *f,
                              const struct arch_file *all, size_t nall)
{
	const char *loose = NULL;
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->v[i].base, f->name) != 0)
			continue;
		if (names_collector(t->v[i].path, rootlen, f->c->name))
			return t->v[i].path;
		if (!loose && !names_collector(t->v[i].path, rootlen, NULL))
			loose = t->v[i].path;
	}
	if (!loose)
		return NULL;
	for (size_t i = 0; i < nall; i++)
		if (&all[i] != f && all[i].c != f->c && strcmp(all[i].name, f->name) == 0)
			return NULL;         /* which collector's? a loose file cannot say */
	return loose;
}

static int run_check(const struct args *a, struct arch_file *v, size_t n)
{
	struct tree t = { 0 };
	size_t rootlen = strlen(a->check);
	size_t missing = 0, cut = 0;
	const char **found = calloc(n ? n : 1, sizeof *found);
	bool *need = calloc(n ? n : 1, sizeof *need);
	char why[512], url[512];

	if (!found || !need)
		cmdline_out_of_memory();
	walk(&t, a->check, 0);
	for (size_t i = 0; i < n; i++) {
		const char *p = find_local(&t, rootlen, &v[i], v, n);
		arch_file_url(&v[i], url, sizeof url);
		if (!p) {
			fprintf(stderr, "mrtreach: archives: missing: %s %s (%s)\n", v[i].c->name, v[i].name, url);
			missing++;
			need[i] = true;
			continue;
		}
		enum filecheck_result r = filecheck_archive(p, v[i].time, why, sizeof why);
		if (r == FILECHECK_WHOLE)
			continue;
		fprintf(stderr, "mrtreach: archives: %s: %s: %s\n",
		        r == FILECHECK_UNREADABLE ? "unreadable" : "cut", p, why);
		cut++;
		need[i] = true;
		found[i] = p;
	}
	print_header(a, missing + cut);
	for (size_t i = 0; i < n; i++)
		if (need[i])
			print_file(a, &v[i], found[i]);
	if (missing + cut)
		fprintf(stderr, "mrtreach: archives: %zu file%s needed: %zu present, %zu missing, %zu cut\n",
		        n, n == 1 ? "" : "s", n - missing - cut, missing, cut);
	for (size_t i = 0; i < t.n; i++)
		free(t.v[i].path);
	free(t.v);
	free(found);
	free(need);
	return missing + cut ? EXIT_DAMAGED : EXIT_OK;
}

/* ---- shards -------------------------------------------------------------- */

/* A shard's files under --into: where they lie when t (the files already
 * under it) has them in a folder named after their collector (the fixtures'
 * layout, or any other); else where the curl config would put them. */
static void print_shard(const struct args *a, const struct tree *t, size_t id,
                        const struct arch_collector *c, int64_t from, int64_t to,
                        const struct arch_file *v, size_t n)
{
	char t1[32], t2[32], p[1024];
	size_t rootlen = a->into ? strlen(a->into) : 0;
	fmt_time_iso(from, t1);
	fmt_time_iso(to, t2);
	out_printf(&out, "%zu\t%s\t%s\t%s", id, c->name, t1, t2);
	for (size_t i = 0; i < n; i++) {
		if (a->into) {
			const char *found = find_local(t, rootlen, &v[i], v, n);
			if (found && !names_collector(found, rootlen, c->name))
				found = NULL;    /* a loose file: whose is it? */
			local_path(a, &v[i], found, p, sizeof p);
		} else {
			arch_file_url(&v[i], p, sizeof p);
		}
		out_printf(&out, "\t%s", p);
	}
	out_char(&out, '\n');
}

static int run_shards(const struct args *a)
{
	struct arch_file *v = NULL;
	size_t n = 0, cap = 0, id = 0;
	struct tree t = { 0 };
	struct stat st;
	if (a->into && stat(a->into, &st) == 0 && S_ISDIR(st.st_mode))
		walk(&t, a->into, 0);

	for (size_t i = 0; i < a->ncols; i++) {
		const struct arch_collector *c = a->cols[i];
		const struct arch_listing *l = listing_for(a, c);
		int64_t from = a->start;
		while (from < a->end) {
			int64_t to = a->shards == SH_RIB ? arch_next_rib(c, from, l) : a->end;
			if (to > a->end)
				to = a->end;
			n = 0;
			long got = arch_select(c, from, to, a->want, l, &v, &n, &cap,
			                       from == a->start ? warn_cb : NULL, NULL);
			if (got < 0)
				cmdline_out_of_memory();
			if (got > 0)
				print_shard(a, &t, id++, c, from, to, v, n);
			from = to;
		}
	}
	free(v);
	for (size_t i = 0; i < t.n; i++)
		free(t.v[i].path);
	free(t.v);
	if (id == 0)
		cmdline_usage("no collector has archive files in this window");
	return EXIT_OK;
}

int cmd_archives(int argc, char **argv)
{
	static struct args a;
	struct arch_file *v = NULL;
	size_t n = 0, cap = 0;
	int status = EXIT_OK;

	memset(&a, 0, sizeof a);
	parse_args(argc, argv, &a);
	out_init(&out, STDOUT_FILENO);
	if (a.list) {
		print_list();
	} else if (a.shards != SH_NONE) {
		status = run_shards(&a);
	} else {
		for (size_t i = 0; i < a.ncols; i++)
			if (arch_select(a.cols[i], a.start, a.end, a.want, listing_for(&a, a.cols[i]), &v, &n,
			                &cap, warn_cb, NULL) < 0)
				cmdline_out_of_memory();
		if (n == 0)
			cmdline_usage("no collector has archive files in this window");
		if (a.check) {
			status = run_check(&a, v, n);
		} else {
			print_header(&a, n);
			for (size_t i = 0; i < n; i++)
				print_file(&a, &v[i], NULL);
		}
	}
	out_flush(&out);
	free(v);
	for (size_t i = 0; i < a.nlists; i++)
		arch_listing_free(&a.lists[i].l);
	free(a.lists);
	free(a.cols);
	if (out.failed)
		return EXIT_DAMAGED;
	return status;
}
