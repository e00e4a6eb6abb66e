/* pipeline.c — see pipeline.h. */
#include "cli/pipeline.h"

#include <stdio.h>

#include "cli/cmdline.h"
#include "cli/recpool.h"
#include "decode/decode.h"
#include "decode/vec.h"
#include "io/partial.h"
#include "report/damage_log.h"
#include "io/collector.h"
#include "report/diag.h"
#include "report/progress.h"
#include "state/identity.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The consumer's elements pass through here first when a partial is saved;
 * otherwise they go straight to it. Update peers feed the collector
 * identity check once per record (decode_here). */
struct tap {
	const struct pipeline_consumer *c;
	struct identity *id;
};

static int tap_elem(const struct elem *e, void *arg)
{
	struct tap *t = arg;
	if (t->c->save)
		shard_elem(t->c->save, e);
	return t->c->on_elem ? t->c->on_elem(e, t->c->arg) : 0;
}

/* A PEER_INDEX_TABLE just decoded: its collector ID and peers. */
static void tap_peer_index(struct tap *t, const struct decoder *d, const struct source *src)
{
	struct peer_index_view v;
	if (!t->id || !decoder_peer_index(d, src->index, &v))
		return;
	identity_rib(t->id, src->collector, src->index, v.collector_id, v.view);
	for (size_t i = 0; i < v.npeers; i++)
		identity_rib_peer(t->id, src->collector, decoder_peer_addr(d, src->index, i));
}

/* Per input: its first and last record times, for io/coverage, and for a
 * partial its stretches without records of COV_SILENCE or more: (from,
 * until) pairs, from the running maximum "last" to the next record, as
 * the single run's look ahead sees them (the replay finds the gaps in
 * them: replay_holes). */
struct span {
	uint32_t first, last;
	bool has, rib;
	uint32_t *stretch;
	size_t nstretch, cap;
};

static void span_stretch(struct span *s, uint32_t from, uint32_t until)
{
	if (s->nstretch == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		uint32_t *v = realloc(s->stretch, cap * 2 * sizeof *v);
		if (!v)
			cmdline_out_of_memory();
		s->stretch = v;
		s->cap = cap;
	}
	s->stretch[2 * s->nstretch] = from;
	s->stretch[2 * s->nstretch++ + 1] = until;
}

static void span_record(struct span *s, const struct mrt_record *rec, bool save)
{
	uint32_t ts = rec->ts;
	if (!s->has) {
		s->first = s->last = ts;
		s->rib = mrt_is_rib(rec->type);
		s->has = true;
	} else if (ts > s->last) {
		if (save && ts - s->last - 1 >= COV_SILENCE)
			span_stretch(s, s->last + 1, ts);
		s->last = ts;
	} else if (ts < s->first) {
		s->first = ts;
	}
}

/* A file's name says it is a RIB dump (when it holds no record to say so). */
static bool rib_by_name(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	return strncmp(base, "rib", 3) == 0 || strncmp(base, "bview", 5) == 0;
}

/* Ends an input's span: its coverage, and what a partial keeps of it. */
static void span_end(struct coverage *cov, const struct span *s, const struct source *src,
                     struct shard *save, bool damaged)
{
	bool rib = s->has ? s->rib : rib_by_name(src->path);
	coverage_file(cov, src->collector, src->path, rib, s->has, s->first, s->last);
	if (save)
		shard_source_end(save, src->index, damaged, rib, s->has, s->first, s->last, damaged,
		                 s->stretch, s->nstretch);
}

/* The plan (the gaps the inputs' names imply, before any is read) is
 * complete: handed to the consumer. The caller frees it at the end. */
static void plan_done(const struct pipeline_consumer *c, struct coverage *plan, const struct merge *m)
{
	coverage_finish(plan);
	if (coverage_oom(plan))
		cmdline_out_of_memory();
	if (c->on_plan)
		c->on_plan(plan, m, c->arg);
	if (c->unknown && !vis_add_plan(c->unknown, plan))
		cmdline_out_of_memory();
}

/* The gaps the inputs' names (and, for a file whose name states no time,
 * its first record, from the merge's peek) imply, before any is read. */
static struct coverage *plan_gaps(const struct pipeline_consumer *c, const struct merge *m, size_t n)
{
	struct coverage *plan = coverage_new(merge_collector_count(m));
	if (!plan)
		cmdline_out_of_memory();
	for (size_t i = 0; i < n; i++) {
		const struct source *s = merge_source(m, i);
		if (s->same_as >= 0)
			continue;             /* read once: the other one counts */
		uint32_t first = 0;
		bool rib = rib_by_name(s->path);
		bool has = merge_source_first(m, i, &first, &rib);
		coverage_file_ahead(plan, s->collector, s->path, rib, has, first);
	}
	plan_done(c, plan, m);
	return plan;
}

/* "2014-12-23 01:00:00" */
static void utc(uint32_t t, char *dst, size_t len)
{
	uint32_t days = t / 86400, s = t % 86400;
	/* civil from days (1970-based, years >= 1970) */
	uint32_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
	uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	uint32_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	uint32_t y = yoe + era * 400 + (m <= 2);
	snprintf(dst, len, "%04u-%02u-%02u %02u:%02u:%02u", y, m, d, s / 3600, s / 60 % 60, s % 60);
}

static void span_text(uint64_t secs, char *dst, size_t len)
{
	if (secs >= 86400)
		snprintf(dst, len, "%llud%lluh", (unsigned long long)(secs / 86400),
		         (unsigned long long)(secs / 3600 % 24));
	else if (secs >= 3600)
		snprintf(dst, len, "%lluh%02llum", (unsigned long long)(secs / 3600),
		         (unsigned long long)(secs / 60 % 60));
	else
		snprintf(dst, len, "%llum%02llus", (unsigned long long)(secs / 60),
		         (unsigned long long)(secs % 60));
}

/* One warning per gap; past GAPS_LISTED for a collector, one summary line. */
#define GAPS_LISTED 5
static void warn_gaps(const struct coverage *cov, const char *const *names)
{
	char a[32], b[32], d[32];
	for (size_t i = 0; i < coverage_ngaps(cov); i++) {
		const struct cov_gap *g = coverage_gap(cov, i);
		const struct cov_collector *k = coverage_collector(cov, g->collector);
		const char *name = names[g->collector];
		if (k->ngaps > GAPS_LISTED)
			continue;
		utc(g->from_ts, a, sizeof a);
		utc(g->until_ts, b, sizeof b);
		span_text(g->until_ts - g->from_ts, d, sizeof d);
		diag_warn("%s: gap in its data from %s to %s UTC (%s): %s; a window across it is not decided by the data",
		          name[0] ? name : "(unnamed)", a, b, d, cov_reason_text(g->reason));
	}
	for (uint32_t c = 0; c < coverage_ncollectors(cov); c++) {
		const struct cov_collector *k = coverage_collector(cov, c);
		if (k->ngaps <= GAPS_LISTED)
			continue;
		const char *name = names[c];
		span_text(k->gap_seconds, d, sizeof d);
		diag_warn("%s: %zu gaps in its data, %s in all (see 'mrtreach stats'): a window across one is "
		          "not decided by the data", name[0] ? name : "(unnamed)", k->ngaps, d);
	}
}

static void warn_line(const char *msg, void *arg)
{
	(void)arg;
	diag_warn("%s", msg);
}

static void identity_report(const struct identity *id, const struct merge *m)
{
	size_t nc = merge_collector_count(m), ns = merge_source_count(m);
	const char **names = calloc(nc ? nc : 1, sizeof *names);
	const char **paths = calloc(ns ? ns : 1, sizeof *paths);
	if (names && paths) {
		for (size_t i = 0; i < nc; i++)
			names[i] = merge_collector_name(m, (uint32_t)i);
		for (size_t i = 0; i < ns; i++)
			paths[i] = merge_source(m, i)->path;
		identity_findings(id, names, nc, paths, ns, warn_line, NULL);
	}
	free(names);
	free(paths);
}

int pipeline_run(const char *const *paths, size_t n, const struct pipeline_consumer *c)
{
	static const struct pipeline_hooks none = { NULL, NULL };
	return pipeline_run_hooks(paths, n, c, &none);
}

/* Damage is written on a clean line: the progress line goes first. */
static void clear_progress(void *arg)
{
	progress_clear(arg);
}

/* Records a collector cut at 4096 bytes: the decoder reported the first of
 * a file; when there were more, one line at its end says how many. */
static void report_cuts(struct damage_log *log, uint64_t cuts, uint64_t first,
                        const struct source *src)
{
	char why[160];

	if (cuts < 2)
		return;
	snprintf(why, sizeof why, "this file holds %llu records cut at 4096 bytes by the "
	         "collector (the first here); what lies wholly inside each was decoded",
	         (unsigned long long)cuts);
	struct damage dm = { DAMAGE_BYTES, src->path, src->index, first, why };
	damage_log_event(log, &dm);
}

/* ---- partials ----------------------------------------------------------- */

/* The header of the partial c->save records: collectors and inputs. */
static void save_start(const struct pipeline_consumer *c, const struct merge *m,
                       const char *const *paths, size_t n, const char *const *names, size_t nc)
{
	uint64_t *sizes = calloc(n ? n : 1, sizeof *sizes);
	uint32_t *col = calloc(n ? n : 1, sizeof *col);
	if (!sizes || !col)
		cmdline_out_of_memory();
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		sizes[i] = stat(paths[i], &st) == 0 ? (uint64_t)st.st_size : 0;
		col[i] = merge_source(m, i)->collector;
	}
	shard_start(c->save, c->targets_text ? c->targets_text : "", names, nc, paths, sizes, col, n);
	free(sizes);
	free(col);
}

/* One input group of a replay: a partial, or the MRT files given with the
 * partials (recorded first, in memory). */
struct group {
	struct partial_r r;
	uint32_t base;               /* global index of its first input */
	uint32_t *col;               /* its collectors' global indices */
};

struct replay {
	struct group *g;
	size_t ng;
	const char **names;          /* global collectors */
	size_t nnames;
	const char **paths;          /* global inputs */
	uint32_t *gcol;              /* ... their collectors */
	const char **from;           /* ... the partial that holds them */
	const struct partial_span **span;   /* ... what their ends said */
	size_t nsrc;
};

static uint32_t global_collector(struct replay *rp, const char *name)
{
	for (size_t i = 0; i < rp->nnames; i++)
		if (strcmp(rp->names[i], name) == 0)
			return (uint32_t)i;
	rp->names[rp->nnames] = name;
	return (uint32_t)rp->nnames++;
}

static enum partial_kind kind_of(const struct pipeline_consumer *c)
{
	return c->partial_kind ? c->partial_kind : PARTIAL_REACH;
}

/* A pass over paths that records what a partial of c's kind keeps in sh. */
static int record_pass(const char *const *paths, size_t n, const struct pipeline_consumer *c,
                       struct shard *sh)
{
	if (!shard_init(sh, c->targets))
		cmdline_out_of_memory();
	partial_w_set_kind(sh->w, kind_of(c));
	struct pipeline_consumer rc = {
		.progress = c->progress, .addpath_guess = c->addpath_guess, .save = sh,
		.targets_text = c->targets_text, .command = c->command,
	};
	return pipeline_run(paths, n, &rc);
}

int pipeline_save_partial(const char *path, const char *const *paths, size_t n,
                          const struct pipeline_consumer *c)
{
	const char *cmd = c->command ? c->command : "mrtreach";
	struct stat out, in;
	char err[256];
	if (stat(path, &out) == 0)
		for (size_t i = 0; i < n; i++)
			if (stat(paths[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
				diag_usage("%s: --save-partial: %s is an input file", cmd, path);
	FILE *f = fopen(path, "wb");
	if (!f)
		diag_usage("%s: --save-partial: %s: %s", cmd, path, strerror(errno));
	fclose(f);
	struct shard sh;
	record_pass(paths, n, c, &sh);
	int status = EXIT_OK;
	if (sh.oom) {
		diag_error("out of memory: %s not written", path);
		status = EXIT_DAMAGED;
	} else if (!partial_w_save(sh.w, path, err, sizeof err)) {
		diag_error("%s: cannot write the partial: %s", path, err);
		status = EXIT_DAMAGED;
	}
	shard_free(&sh);
	return status;
}

/* Records the MRT files among the inputs as one partial in memory. */
static void record_mrt(const char *const *paths, size_t n, const struct pipeline_consumer *c,
                       struct group *g)
{
	struct shard sh;
	char err[256];
	record_pass(paths, n, c, &sh);   /* damage is in the partial: the replay says it */
	uint8_t *buf;
	size_t len;
	if (sh.oom || !partial_w_take(sh.w, &buf, &len))
		cmdline_out_of_memory();
	shard_free(&sh);
	if (partial_r_open_mem(&g->r, "(the MRT files given)", buf, len, err, sizeof err) != 0)
		cmdline_out_of_memory();
}

struct named { const char *path; size_t i; };

static int named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* An input in two partials is a usage error: found by sorting the paths
 * (thousands of shards of thousands of files each stay cheap). */
static void shared_inputs(const struct replay *rp, const char *cmd)
{
	struct named *v = calloc(rp->nsrc ? rp->nsrc : 1, sizeof *v);
	if (!v)
		cmdline_out_of_memory();
	for (size_t i = 0; i < rp->nsrc; i++)
		v[i] = (struct named){ rp->paths[i], i };
	qsort(v, rp->nsrc, sizeof *v, named_cmp);
	for (size_t i = 1; i < rp->nsrc; i++)
		if (strcmp(v[i - 1].path, v[i].path) == 0 && rp->from[v[i - 1].i] != rp->from[v[i].i])
			diag_usage("%s: %s is in %s and in %s: shards must not share an input", cmd,
			           v[i].path, rp->from[v[i - 1].i], rp->from[v[i].i]);
	free(v);
}

/* A gap found from record times: into the report's coverage and the
 * routing state's unknown time. */
static void hole_gap(struct coverage *cov, struct vis *unknown, uint32_t c, uint32_t from,
                     uint32_t until, enum cov_reason why)
{
	coverage_add_gap(cov, c, from, until, why);
	if (unknown && !vis_add_gap(unknown, c, from, until))
		cmdline_out_of_memory();
}

/* Seconds [from, to] of a collector holding records at both ends and no
 * stretch without records between: an input's span minus its stretches. */
struct dense {
	uint32_t from, to;
};

static int dense_cmp(const void *pa, const void *pb)
{
	const struct dense *a = pa, *b = pb;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return (a->to > b->to) - (a->to < b->to);
}

/* Whether a collector other than c has data from t on, as the single run's
 * merge_others_reach sees it once every record of the second of c's last
 * record (last) is read (ends_decide): an input whose next record after
 * that second comes at t or later. */
static bool replay_others_reach(const struct replay *rp, uint32_t c, uint32_t last, uint32_t t)
{
	for (size_t i = 0; i < rp->nsrc; i++) {
		const struct partial_span *sp = rp->span[i];
		if (rp->gcol[i] == c || !sp->ended || !sp->has || sp->last < t)
			continue;
		if (sp->first >= t)
			return true;
		for (size_t k = 0; k < sp->nstretch && sp->first <= last; k++)
			if (sp->stretch[2 * k] <= last + 1 && sp->stretch[2 * k + 1] >= t)
				return true;
	}
	return false;
}

struct replay_hole {
	const struct replay *rp;
	const struct coverage *plan;
	struct coverage *cov;
	struct vis *unknown;
	uint32_t c, last, hole_until;
};

/* found_hole's rules, in a replay. */
static void replay_found(uint32_t from, uint32_t until, void *arg)
{
	struct replay_hole *h = arg;
	enum cov_reason why = COV_NO_RECORDS;
	if (until == COV_OPEN) {
		if (!replay_others_reach(h->rp, h->c, h->last, from + coverage_silence_min(h->plan, h->c)))
			return;
		why = COV_DATA_ENDED;
	}
	hole_gap(h->cov, h->unknown, h->c, from, until, why);
	h->hole_until = until;
}

/* check_hole over [last + 1, next) of collector h->c. */
static void replay_check(struct replay_hole *h, uint32_t next, uint32_t min)
{
	if (h->last == UINT32_MAX)
		return;
	uint32_t from = h->last + 1;
	if (next <= from || next - from < min)
		return;
	if (from < h->hole_until)
		from = h->hole_until;
	coverage_holes(h->plan, h->c, from, next, min, replay_found, h);
}

/* The gaps a single run finds from record times (check_hole), found from
 * the inputs' spans and stretches the partials carry: per collector, the
 * stretches between the union of its inputs' dense runs, and after its
 * last record. */
static void replay_holes(const struct replay *rp, const struct coverage *plan,
                         struct coverage *cov, struct vis *unknown)
{
	struct dense *v = NULL;
	size_t cap = 0;
	/* the inputs by collector (a counting sort): at[c] .. at[c + 1] in by */
	size_t *at = calloc(rp->nnames + 1, sizeof *at);
	size_t *by = calloc(rp->nsrc ? rp->nsrc : 1, sizeof *by);
	if (!at || !by)
		cmdline_out_of_memory();
	for (size_t i = 0; i < rp->nsrc; i++)
		at[rp->gcol[i] + 1]++;
	for (size_t c = 0; c < rp->nnames; c++)
		at[c + 1] += at[c];
	for (size_t i = 0; i < rp->nsrc; i++)
		by[at[rp->gcol[i]]++] = i;
	for (size_t c = rp->nnames; c > 0; c--)
		at[c] = at[c - 1];
	at[0] = 0;
	for (uint32_t c = 0; c < rp->nnames; c++) {
		const struct cov_collector *k = coverage_collector(plan, c);
		if (!k || k->files == k->ribs)
			continue;        /* RIB dumps alone: nothing is claimed between */
		size_t n = 0;
		for (size_t x = at[c]; x < at[c + 1]; x++) {
			const struct partial_span *sp = rp->span[by[x]];
			if (!sp->ended || !sp->has)
				continue;
			if (n + sp->nstretch + 1 > cap) {
				cap = (n + sp->nstretch + 1) * 2;
				if (!(v = realloc(v, cap * sizeof *v)))
					cmdline_out_of_memory();
			}
			uint32_t run = sp->first;
			for (size_t j = 0; j < sp->nstretch; j++) {
				v[n++] = (struct dense){ run, sp->stretch[2 * j] - 1 };
				run = sp->stretch[2 * j + 1];
			}
			v[n++] = (struct dense){ run, sp->last };
		}
		if (!n)
			continue;
		qsort(v, n, sizeof *v, dense_cmp);
		struct replay_hole h = { rp, plan, cov, unknown, c, v[0].to, 0 };
		uint32_t min = coverage_silence_min(plan, c);
		for (size_t j = 1; j < n; j++) {
			replay_check(&h, v[j].from, min);
			if (v[j].to > h.last)
				h.last = v[j].to;
		}
		replay_check(&h, COV_OPEN, min);
	}
	free(at);
	free(by);
	free(v);
}

static int replay_run(const char *const *paths, size_t n, const struct pipeline_consumer *c,
                      const bool *is_partial)
{
	const char *cmd = c->command ? c->command : "this command";
	char err[256];
	struct replay rp = { 0 };
	rp.g = calloc(n, sizeof *rp.g);
	const char **mrt = calloc(n, sizeof *mrt);
	if (!rp.g || !mrt)
		cmdline_out_of_memory();
	if (c->save)
		diag_usage("%s: --save-partial reads MRT files, not partial files", cmd);
	if (!c->on_mark || !c->on_count)
		diag_usage("%s: %s is a partial file: only blackout, timeline, origins and scan read "
		           "them", cmd, paths[0]);
	size_t nmrt = 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_partial[i]) {
			if (nmrt++ == 0)
				rp.ng++;         /* their group stands where the first of them does */
			mrt[nmrt - 1] = paths[i];
			continue;
		}
		struct group *g = &rp.g[rp.ng++];
		if (partial_r_open(&g->r, paths[i], err, sizeof err) != 0) {
			diag_error("%s: %s: no report is made from part of the data", paths[i], err);
			exit(EXIT_DAMAGED);
		}
		if (g->r.kind != kind_of(c))
			diag_usage("%s: %s was saved by %s: give it to %s", cmd, paths[i],
			           g->r.kind == PARTIAL_SCAN ? "scan" : "blackout, timeline or origins",
			           g->r.kind == PARTIAL_SCAN ? "scan" : "one of those");
		if (g->r.targets_fp != c->targets_fp)
			diag_usage("%s: %s: saved for %s, not for %s: give the targets it was saved with",
			           cmd, paths[i], g->r.targets_text, c->targets_text ? c->targets_text : "these");
	}
	/* The MRT files' group, in the slot kept at the place of the first. */
	if (nmrt) {
		size_t at = 0, k = 0;
		for (size_t i = 0; i < n; i++) {
			if (!is_partial[i]) {
				at = k;
				break;
			}
			k++;
		}
		record_mrt(mrt, nmrt, c, &rp.g[at]);
	}
	for (size_t i = 0; i < rp.ng; i++)
		rp.nsrc += rp.g[i].r.nsrc, rp.nnames += rp.g[i].r.ncol;
	rp.names = calloc(rp.nnames ? rp.nnames : 1, sizeof *rp.names);
	rp.paths = calloc(rp.nsrc ? rp.nsrc : 1, sizeof *rp.paths);
	rp.gcol = calloc(rp.nsrc ? rp.nsrc : 1, sizeof *rp.gcol);
	rp.from = calloc(rp.nsrc ? rp.nsrc : 1, sizeof *rp.from);
	rp.span = calloc(rp.nsrc ? rp.nsrc : 1, sizeof *rp.span);
	if (!rp.names || !rp.paths || !rp.gcol || !rp.from || !rp.span)
		cmdline_out_of_memory();
	rp.nnames = rp.nsrc = 0;
	for (size_t i = 0; i < rp.ng; i++) {
		struct group *g = &rp.g[i];
		g->base = (uint32_t)rp.nsrc;
		if (!(g->col = calloc(g->r.ncol ? g->r.ncol : 1, sizeof *g->col)))
			cmdline_out_of_memory();
		for (size_t k = 0; k < g->r.nsrc; k++) {
			const char *name = g->r.collectors[g->r.src_col[k]];
			/* Collectors are numbered as a single run numbers them: in the
			 * order of the inputs. */
			g->col[g->r.src_col[k]] = global_collector(&rp, name);
			rp.paths[rp.nsrc] = g->r.paths[k];
			rp.from[rp.nsrc] = g->r.path;
			rp.span[rp.nsrc] = &g->r.spans[k];
			rp.gcol[rp.nsrc++] = g->col[g->r.src_col[k]];
		}
	}
	shared_inputs(&rp, cmd);
	if (c->on_names)
		c->on_names(rp.names, rp.nnames, c->arg);

	/* The plan as the single run makes it (names, and each input's first
	 * record), then the gaps found from record times (replay_holes). */
	struct coverage *plan = coverage_new(rp.nnames);
	if (!plan)
		cmdline_out_of_memory();
	for (size_t i = 0; i < rp.nsrc; i++) {
		const struct partial_span *sp = rp.span[i];
		bool has = sp->ended && sp->has;
		coverage_file_ahead(plan, rp.gcol[i], rp.paths[i], has ? sp->rib : rib_by_name(rp.paths[i]),
		                    has, has ? sp->first : 0);
	}
	plan_done(c, plan, NULL);
	struct coverage *cov = coverage_new(rp.nnames);
	if (!cov)
		cmdline_out_of_memory();
	replay_holes(&rp, plan, cov, c->unknown);
	struct partial_r **rs = calloc(rp.ng ? rp.ng : 1, sizeof *rs);
	uint32_t *bases = calloc(rp.ng ? rp.ng : 1, sizeof *bases);
	struct partial_merge pm;
	if (!rs || !bases)
		cmdline_out_of_memory();
	for (size_t i = 0; i < rp.ng; i++) {
		rs[i] = &rp.g[i].r;
		bases[i] = rp.g[i].base;
	}
	if (partial_merge_init(&pm, rs, bases, rp.ng) != 0)
		cmdline_out_of_memory();
	uint64_t damaged_inputs = 0;
	bool stop = false;
	long at;
	while (!stop && (at = partial_merge_next(&pm)) >= 0) {
		struct group *g = &rp.g[at];
		uint32_t src = g->base + g->r.src, col = rp.gcol[src];
		struct partial_ev ev;
		while (!stop && partial_r_event(&g->r, &ev) == 1) {
			switch (ev.type) {
			case PEV_MARK:
				c->on_mark(ev.ts, c->arg);
				break;
			case PEV_ELEM:
				ev.e.source = src;
				ev.e.collector = col;
				stop = c->on_elem && c->on_elem(&ev.e, c->arg) != 0;
				break;
			case PEV_COUNT:
				c->on_count(col, &ev.peer, ev.afi, src, (uint32_t)(g->r.key >> 1), ev.n, c->arg);
				break;
			case PEV_SOURCE_END: {
				struct source s = { rp.paths[src], src, col, -1, false, INPUT_PLAIN };
				if (ev.damaged) {
					damaged_inputs++;
					diag_warn("%s: damaged (said in full by the run that saved %s)", s.path,
					          rp.from[src]);
				}
				coverage_file(cov, col, s.path, ev.rib, ev.has, ev.first, ev.last);
				if (c->on_source_end)
					c->on_source_end(&s, NULL, ev.damaged, c->arg);
				break;
			}
			}
		}
	}
	partial_merge_free(&pm);
	free(rs);
	free(bases);
	if (!stop) {
		coverage_finish_plan(cov, plan);
		if (c->warn_gaps)
			warn_gaps(cov, rp.names);
		if (c->on_coverage)
			c->on_coverage(cov, NULL, c->arg);
	}
	coverage_free(cov);
	coverage_free(plan);
	for (size_t i = 0; i < rp.ng; i++) {
		partial_r_close(&rp.g[i].r);
		free(rp.g[i].col);
	}
	free(rp.g);
	free(mrt);
	free(rp.names);
	free(rp.paths);
	free(rp.gcol);
	free(rp.from);
	free(rp.span);
	return damaged_inputs ? EXIT_DAMAGED : EXIT_OK;
}

/* Records cut at 4096 bytes, per source, as the pool's workers found them. */
struct cut_count {
	uint64_t n, first;
};

/* A collector's data ended at last; its gap to the end would begin at from. */
struct data_end {
	uint32_t c, last, from;
};

/* One pass: what the loop and, with a pool, its retire callback share. */
struct run {
	const struct pipeline_consumer *c;
	struct merge *m;
	struct damage_log *log;
	struct decoder *d;
	struct tap tap;
	elem_fn fn;                     /* what decode_here hands elements to: the */
	void *fn_arg;                   /* consumer, or the tap (c->save) */
	/* the update peer decode_here gave the identity check last: a
	 * record of the same peer (most) has nothing new to tell it */
	bool peer_told;
	uint32_t peer_col;
	struct addr peer_last;
	struct coverage *cov;
	struct span *spans;
	/* stretches without records (coverage_holes), found looking ahead */
	struct coverage *plan;
	uint32_t *last_ts;              /* per collector: its latest record handed on */
	uint32_t *hole_until;           /* ... and the end of its latest hole */
	bool *seen;                     /* ... it had a record */
	const struct source *prev;      /* the source of the latest record handed on */
	uint32_t hole_col;              /* the collector check_hole looks at */
	bool want_holes;                /* the consumer uses the gaps (dump does not) */
	uint32_t prev_ts;
	/* collectors whose data ended: the gap to the end of the data is
	 * decided once every record of their last second is handed on
	 * (ends_decide), whatever the order of the inputs */
	struct data_end *ends;
	size_t nends, capends;
	struct recpool *pool;           /* NULL: this thread decodes alone */
	bool keep;                      /* ... keep mode (c->elem_far) */
	struct cut_count *cuts;         /* with the pool */
};

static void on_damage(const struct damage *d, void *arg)
{
	struct run *r = arg;
	/* An update file of a quiet period is empty at a collector: it says
	 * the period had no updates, and is no news worth a line. */
	if (d->kind == DAMAGE_NOTE && strcmp(d->reason, "no MRT records") == 0) {
		const char *base = strrchr(d->path, '/');
		base = base ? base + 1 : d->path;
		if (strncmp(base, "updates.", 8) == 0 && coverage_name_time(base) >= 0)
			return;
	}
	if (!r->pool)
		damage_log_event(r->log, d);
	else if (!recpool_damage(r->pool, d))    /* reported in its place */
		cmdline_out_of_memory();
}

static void damage_at(struct run *r, const struct source *src, uint64_t offset, const char *why)
{
	struct damage dm = { DAMAGE_BYTES, src->path, src->index, offset, why ? why : "damaged record" };
	damage_log_event(r->log, &dm);
}

static void found_hole(uint32_t from, uint32_t until, void *arg)
{
	struct run *r = arg;
	uint32_t c = r->hole_col;
	if (until == COV_OPEN) {
		/* c's data has ended: a gap only while the others' goes on,
		 * decided by ends_decide */
		struct data_end *e = vec_grow(r->ends, &r->capends, r->nends + 1, sizeof *e, 8);
		if (!e)
			cmdline_out_of_memory();
		r->ends = e;
		r->ends[r->nends++] = (struct data_end){ c, r->last_ts[c], from };
		return;
	}
	hole_gap(r->cov, r->c->unknown, c, from, until, COV_NO_RECORDS);
	r->hole_until[c] = until;
}

/* The merge is about to hand on a record of second ts (done: it has none
 * left): a collector whose data ended in an earlier second gets its gap to
 * the end of the data when another collector's next record after that
 * second comes at least the silence later (merge_others_reach). Records of
 * other collectors in the very second a collector's data ended are all
 * handed on first, so that the order of the inputs, which orders records
 * of one second, does not decide it (and a replay of partials, which
 * knows each input's stretches without records, finds the same). */
static void ends_decide(struct run *r, uint32_t ts, bool done)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->nends; i++) {
		const struct data_end *e = &r->ends[i];
		if (!done && e->last >= ts) {
			r->ends[kept++] = *e;
			continue;
		}
		if (merge_others_reach(r->m, e->c, e->from + coverage_silence_min(r->plan, e->c))) {
			hole_gap(r->cov, r->c->unknown, e->c, e->from, COV_OPEN, COV_DATA_ENDED);
			r->hole_until[e->c] = COV_OPEN;
		}
	}
	r->nends = kept;
}

/* Collector c's latest record went out: when its next one (looking ahead
 * in the merge) is a long way off, the stretch between is a gap where the
 * file names do not cover it. Checked before anything later goes out. */
static void check_hole(struct run *r, uint32_t c)
{
	uint32_t from = r->last_ts[c] + 1, next, min = coverage_silence_min(r->plan, c);
	const struct cov_collector *k = coverage_collector(r->plan, c);
	/* RIB dumps alone are snapshots: nothing is claimed between them */
	if (!k || k->files == k->ribs)
		return;
	if (!r->seen[c])
		return;
	if (!merge_collector_next(r->m, c, &next))
		next = COV_OPEN;          /* its data ends here: to the end of the others' */
	if (next <= from || next - from < min)
		return;
	if (from < r->hole_until[c])
		from = r->hole_until[c];
	r->hole_col = c;
	coverage_holes(r->plan, c, from, next, min, found_hole, r);
}

/* What merge_next just returned (a record: of time ts): the source of
 * the record handed on before it has moved to its next record, or ended
 * (ended: src). */
static void look_ahead(struct run *r, int got, const struct source *src, uint32_t ts)
{
	const struct source *p = r->prev;
	if (!p || !r->want_holes)
		return;
	uint32_t next, c = p->collector;
	if (got == MERGE_SOURCE_END) {
		if (src == p)
			check_hole(r, c);
	} else if (got == MERGE_RECORD) {
		/* The record just returned is its source's next (merge.h): most
		 * often the same source's, so no question to the merge. */
		if (src == p)
			next = ts;
		else if (!merge_source_next(r->m, p->index, &next))
			return;
		if (next > r->prev_ts && next - r->prev_ts > coverage_silence_min(r->plan, c))
			check_hole(r, c);
	}
}

/* A record goes out to be decoded. */
static void handed(struct run *r, const struct source *src, uint32_t ts)
{
	uint32_t c = src->collector;
	if (!r->seen[c] || ts > r->last_ts[c])
		r->last_ts[c] = ts;
	r->seen[c] = true;
	r->prev = src;
	r->prev_ts = ts;
}

/* A source was read to its end (cuts: its records cut at 4096 bytes). */
static void source_end(struct run *r, const struct source *src, uint64_t cuts, uint64_t first)
{
	report_cuts(r->log, cuts, first, src);
	decoder_source_done(r->d, src->index);
	bool damaged = damage_log_source_end(r->log, src->index);
	span_end(r->cov, &r->spans[src->index], src, r->c->save, damaged);
	if (r->c->on_source_end)
		r->c->on_source_end(src, r->m, damaged, r->c->arg);
}

/* Decodes rec on this thread: elements to the consumer, damage reported.
 * Returns the consumer's stop value (> 0) or 0. */
static int decode_here(struct run *r, const struct mrt_record *rec, const struct source *src)
{
	const char *why = NULL;
	int s = decode_record(r->d, rec, src->index, src->collector, r->fn, r->fn_arg, &why);
	const struct addr *peer = decoder_update_peer(r->d);
	if (peer && r->tap.id &&
	    !(r->peer_told && r->peer_col == src->collector && addr_equal(&r->peer_last, peer))) {
		identity_update_peer(r->tap.id, src->collector, src->index, peer);
		r->peer_told = true;
		r->peer_col = src->collector;
		r->peer_last = *peer;
	}
	if (rec->type == MRT_TABLE_DUMP_V2 && rec->subtype == TD2_PEER_INDEX_TABLE && s == 0)
		tap_peer_index(&r->tap, r->d, src);
	if (s < 0)
		damage_at(r, src, rec->offset, why);
	return s > 0 ? s : 0;
}

/* The update peers a worker found, to the collector identity check. */
static void note_peers(struct run *r, const struct rp_view *v)
{
	for (size_t i = 0; i < v->npeers && r->tap.id; i++)
		identity_update_peer(r->tap.id, v->peers[i].collector, v->peers[i].source,
		                     &v->peers[i].ip);
}

/* Keep mode (c->elem_far): what the worker kept of a far record goes to
 * the consumer; any other record is decoded here, as without workers (so
 * this thread's decoder sees, and counts, every record cut at 4096 bytes). */
static void keep_record(struct run *r, const struct rp_view *v, const struct source *src)
{
	const struct pipeline_consumer *c = r->c;
	if (v->here) {
		if (decode_here(r, v->rec, src) > 0)
			recpool_halt(r->pool);          /* the consumer asked to stop */
		return;
	}
	for (size_t i = 0; i < v->nelems; i++) {
		const struct elem *e = &v->elems[i];
		uint32_t more = v->runs[i] - 1;
		int stop = c->on_elem(e, c->arg);
		if (c->on_elem_more && more && !stop)
			stop = c->on_elem_more(e, more, c->arg);
		for (uint32_t n = 0; !c->on_elem_more && n < more && !stop; n++)
			stop = c->on_elem(e, c->arg);
		if (stop) {
			recpool_halt(r->pool);
			return;
		}
	}
	note_peers(r, v);
}

/* The pool hands back each item in input order: what this thread would
 * have done with the record, with what the worker found. */
static void pool_retire(const struct rp_view *v, void *arg)
{
	struct run *r = arg;
	const struct source *src = merge_source(r->m, v->source);
	struct cut_count *k = &r->cuts[v->source];

	switch (v->kind) {
	case RP_RECORD:
		if (r->keep) {
			keep_record(r, v, src);
			break;
		}
		note_peers(r, v);
		if (v->cut) {
			/* Each worker reports its first; the run reports the file's first. */
			if (k->n++ == 0) {
				k->first = v->rec->offset;
				damage_at(r, src, v->rec->offset, v->why);
			}
		} else if (v->status < 0) {
			damage_at(r, src, v->rec->offset, v->why);
		}
		break;
	case RP_PEER_INDEX:
		(void)decode_here(r, v->rec, src);
		break;
	case RP_DAMAGE:
		damage_log_event(r->log, v->damage);
		break;
	case RP_SOURCE_END:
		if (r->keep)
			k->n = decoder_source_cuts(r->d, src->index, &k->first);
		source_end(r, src, k->n, k->first);
		*k = (struct cut_count){ 0, 0 };
		break;
	}
}

static bool pool_write(const char *p, size_t n, void *arg)
{
	struct run *r = arg;
	return out_write(r->c->out, p, n);
}

/* Keep mode: the consumer takes far elements from the workers. */
static bool keeps(const struct pipeline_consumer *c)
{
	return c->elem_far && c->on_elem && !(c->format_elem && c->out);
}

static int cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* Keep mode: the workers MRTREACH_THREADS asks for (N threads: this one and
 * N - 1 workers), or those the cores leave: not this thread's, nor an
 * inflating thread's (gzip input, as the merge's peeks found each file
 * to be); none with bzip2 input, whose blocks are
 * decoded on every core already. Measured on 2 cores: a worker on plain
 * input 0.85x the time of none; with gzip input the cores are taken (the
 * work the workers add made it 1.2x). */
static int keep_workers(const struct merge *m)
{
	const char *env = getenv("MRTREACH_THREADS");
	if (env && *env) {
		char *end;
		long t = strtol(env, &end, 10);
		if (*end || t < 1 || t > 64)
			diag_usage("MRTREACH_THREADS: '%s' is not a number of threads from 1 to 64", env);
		return (int)t - 1;
	}
	bool gzip = false;
	for (size_t i = 0; i < merge_source_count(m); i++) {
		enum input_kind k = merge_source(m, i)->kind;
		if (k == INPUT_BZIP2)
			return 0;
		gzip |= k == INPUT_GZIP;
	}
	return cores() - 1 - gzip;
}

/* How many workers (0: none, this thread decodes alone): dump's --threads
 * or one per core (--threads 1: none), or keep_workers. */
static int pool_workers(const struct pipeline_consumer *c, const struct pipeline_hooks *h,
                        const struct merge *m)
{
	if (c->save || h->on_record || h->on_done)
		return 0;
	if (c->format_elem && c->out) {
		int w = c->threads > 0 ? c->threads : cores();
		return w > 1 ? w : 0;
	}
	return keeps(c) ? keep_workers(m) : 0;
}

int pipeline_run_hooks(const char *const *paths, size_t n, const struct pipeline_consumer *c,
                       const struct pipeline_hooks *h)
{
	bool *is_partial = calloc(n ? n : 1, sizeof *is_partial), any = false;
	if (!is_partial)
		cmdline_out_of_memory();
	for (size_t i = 0; i < n; i++)
		any |= is_partial[i] = partial_is(paths[i]);
	if (any) {
		int st = replay_run(paths, n, c, is_partial);
		free(is_partial);
		return st;
	}
	free(is_partial);

	char err[512];
	struct progress prog = { 0 };
	struct run run = { .c = c };
	run.log = damage_log_new(n, clear_progress, &prog);
	if (!run.log)
		cmdline_out_of_memory();
	/* The line is up before the inputs are opened: on hundreds of files
	 * the merge takes seconds to open and peek at them all. */
	progress_begin(&prog, paths, n, c->progress, c->streams_stdout);
	struct merge *m = merge_open(paths, n, cmdline_collectors(), on_damage, &run, err, sizeof err);
	if (!m) {
		progress_end(&prog);
		cmdline_out_of_memory();      /* its only failure: unreadable paths are reported */
	}
	progress_attach(&prog, m);
	run.m = m;
	const char *unused = collector_rule_unused(cmdline_collectors());
	if (unused) {
		progress_end(&prog);
		diag_usage("--collector %s: matches no input file", unused);
	}
	for (size_t i = 0; i < n; i++) {
		const struct source *s = merge_source(m, i);
		if (s->same_as < 0)
			continue;
		progress_clear(&prog);
		diag_warn("%s: %s %s: read once", s->path,
		          s->same_inode ? "the same file as" : "a copy (same size and bytes) of",
		          merge_source(m, (size_t)s->same_as)->path);
	}
	/* The pool starts after the opening: what merge_open reported is in
	 * the log already, before the warnings above, as with one thread. */
	int workers = pool_workers(c, h, m);
	if (workers > 0) {
		struct recpool_cfg pc = { workers, c->addpath_guess, c->format_elem, c->arg,
		                          pool_retire, pool_write, &run, NULL, NULL };
		if (keeps(c)) {
			pc.elem = NULL;
			pc.far = c->elem_far;
			pc.far_arg = c->arg;
			pc.write = NULL;
		}
		run.pool = recpool_new(&pc);
		run.keep = run.pool && keeps(c);
		run.cuts = calloc(n ? n : 1, sizeof *run.cuts);
		if (!run.cuts)
			cmdline_out_of_memory();
		/* Without threads, this thread decodes alone. */
	}

	run.d = decoder_new();
	run.tap = (struct tap){ c, identity_new(merge_collector_count(m)) };
	bool direct = c->on_elem && !c->save;
	run.fn = direct ? c->on_elem : tap_elem;
	run.fn_arg = direct ? c->arg : (void *)&run.tap;
	run.cov = coverage_new(merge_collector_count(m));
	run.spans = calloc(n ? n : 1, sizeof *run.spans);
	if (!run.d || !run.tap.id || !run.cov || !run.spans)
		cmdline_out_of_memory();
	decoder_set_addpath_guess(run.d, c->addpath_guess);
	/* Far routes' attributes are only checked (a saved partial keeps them),
	 * and runs of them go to on_elem_more (decode_here hands elements
	 * straight to on_elem then). */
	if (keeps(c) && !c->save) {
		decoder_set_far(run.d, c->elem_far, c->arg);
		decoder_set_far_more(run.d, c->on_elem_more);
	}
	if (c->on_start)
		c->on_start(m, c->arg);
	size_t nc = merge_collector_count(m);
	const char **names = calloc(nc ? nc : 1, sizeof *names);
	if (!names)
		cmdline_out_of_memory();
	for (size_t i = 0; i < nc; i++)
		names[i] = merge_collector_name(m, (uint32_t)i);
	if (c->on_names)
		c->on_names(names, nc, c->arg);
	if (c->save)
		save_start(c, m, paths, n, names, nc);
	run.plan = plan_gaps(c, m, n);
	run.want_holes = c->unknown || c->on_coverage || c->warn_gaps;
	run.last_ts = calloc(nc ? nc : 1, sizeof *run.last_ts);
	run.hole_until = calloc(nc ? nc : 1, sizeof *run.hole_until);
	run.seen = calloc(nc ? nc : 1, sizeof *run.seen);
	if (!run.last_ts || !run.hole_until || !run.seen)
		cmdline_out_of_memory();

	struct mrt_record rec = { 0 };
	const struct source *src;
	int r;
	while ((r = merge_next(m, &rec, &src)) != MERGE_DONE) {
		look_ahead(&run, r, src, rec.ts);
		if (run.nends && r == MERGE_RECORD)
			ends_decide(&run, rec.ts, false);
		progress_record(&prog);
		if (r == MERGE_SOURCE_END) {
			progress_poll(&prog);
			if (run.pool) {
				if (!recpool_source_end(run.pool, src->index))
					cmdline_out_of_memory();
			} else {
				uint64_t first = 0, cuts = decoder_source_cuts(run.d, src->index, &first);
				source_end(&run, src, cuts, first);
			}
			continue;
		}
		span_record(&run.spans[src->index], &rec, c->save != NULL);
		handed(&run, src, rec.ts);
		if (c->save)
			shard_record(c->save, src->index, rec.ts, mrt_is_rib(rec.type));
		if (h->on_record)
			h->on_record(&rec, src, c->arg);
		if (run.pool) {
			bool ok = rec.type == MRT_TABLE_DUMP_V2 && rec.subtype == TD2_PEER_INDEX_TABLE
			              ? recpool_peer_index(run.pool, &rec, src->index, src->collector)
			              : recpool_record(run.pool, &rec, src->index, src->collector);
			if (!ok)
				cmdline_out_of_memory();
			if (recpool_halted(run.pool))
				break;          /* output cannot go on */
		} else if (decode_here(&run, &rec, src) > 0) {
			break;          /* the consumer asked to stop */
		}
	}
	bool complete = r == MERGE_DONE;
	if (complete)
		ends_decide(&run, 0, true);
	if (run.pool && complete) {
		recpool_finish(run.pool);
		complete = !recpool_halted(run.pool);
	}
	progress_end(&prog);
	if (complete) {
		identity_report(run.tap.id, m);
		coverage_finish_plan(run.cov, run.plan);
		if (c->warn_gaps)
			warn_gaps(run.cov, names);
		if (c->on_coverage)
			c->on_coverage(run.cov, m, c->arg);
	}
	recpool_free(run.pool);
	free(run.cuts);
	coverage_free(run.cov);
	coverage_free(run.plan);
	free(run.last_ts);
	free(run.hole_until);
	free(run.seen);
	free(run.ends);
	free(names);
	for (size_t i = 0; i < n; i++)
		free(run.spans[i].stretch);
	free(run.spans);
	identity_free(run.tap.id);
	uint64_t damage = damage_log_total(run.log);
	if (h->on_done)
		h->on_done(decoder_stats(run.d), damage, c->arg);
	decoder_free(run.d);
	merge_close(m);
	damage_log_free(run.log);
	return damage ? EXIT_DAMAGED : EXIT_OK;
}
