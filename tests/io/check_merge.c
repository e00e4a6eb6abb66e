/*
 * check_merge.c — unit tests for merge.c.
 * Owns: time order across files, RIB-first ties, source-end events, lazy
 * opening with hundreds of files, standard input, and collector names.
 * Never: reads the shared corpus; every file is a temporary one.
 */
#include <check.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_RUN_TMPDIR "check_merge"
#include "check_run.h"
#include "io/merge.h"
#include "io/collector.h"
#include "mrtwrite.h"
#include "io/reader_priv.h"

#define TS0 1419206400u

static int ndamage_lines, nnotes;
static struct damage last_damage;
static char last_reason[300], last_path[400];

/* The merge's damage sink: counts events (notes apart), keeps the last. */
static void sink(const struct damage *d, void *arg)
{
	(void)arg;
	if (d->kind == DAMAGE_NOTE)
		nnotes++;
	else
		ndamage_lines++;
	last_damage = *d;
	snprintf(last_reason, sizeof last_reason, "%s", d->reason);
	snprintf(last_path, sizeof last_path, "%s", d->path);
}

static void setup(void)
{
	tmpdir_make();
	ndamage_lines = nnotes = 0;
}

static void teardown(void)
{
	tmpdir_remove();
}

/* Writes name (under tmpdir) holding n records of type at ts[i]; the first
 * body byte of record i is tag + i so the test can tell records apart. */
static char *make_file(const char *name, uint16_t type, const uint32_t *ts, size_t n,
                       uint8_t tag, enum mw_compress how)
{
	struct mw_buf b = MW_BUF_INIT;
	char *path = malloc(400);
	snprintf(path, 400, "%s/%s", tmpdir, name);
	for (size_t i = 0; i < n; i++) {
		size_t at = mw_record_begin(&b, ts[i], type, type == MW_TABLE_DUMP_V2 ? 2 : 4);
		mw_u8(&b, (uint8_t)(tag + i));
		mw_zeros(&b, 20);
		mw_record_end(&b, at);
	}
	ck_assert_int_eq(mw_write_file(path, b.p, b.len, how), 0);
	mw_free(&b);
	return path;
}

struct event {
	int kind;
	uint32_t ts;
	uint8_t tag;
	uint32_t src;
};

/* Runs the whole merge, recording what came out. */
static size_t drain(struct merge *m, struct event *ev, size_t max)
{
	struct mrt_record rec;
	const struct source *src;
	size_t n = 0;
	int k;
	while ((k = merge_next(m, &rec, &src)) != MERGE_DONE) {
		ck_assert_uint_lt(n, max);
		ev[n].kind = k;
		ev[n].src = src->index;
		if (k == MERGE_RECORD) {
			ev[n].ts = rec.ts;
			ck_assert_uint_ge(rec.len, 1);
			ev[n].tag = rec.body[0];
		}
		n++;
	}
	ck_assert_int_eq(merge_next(m, &rec, &src), MERGE_DONE);
	return n;
}

/* merge_open of paths[0..n), which must succeed. */
static struct merge *open_all(const char *const *paths, size_t n)
{
	char err[256];
	struct merge *m = merge_open(paths, n, NULL, sink, NULL, err, sizeof err);
	ck_assert_msg(m != NULL, "%s", err);
	return m;
}

/* The records among ev[0..n) carry the tags want[0..nwant), in that order;
 * returns how many source ends came between them. */
static size_t tags_are(const struct event *ev, size_t n, const uint8_t *want, size_t nwant)
{
	size_t r = 0, ends = 0;
	for (size_t i = 0; i < n; i++) {
		if (ev[i].kind == MERGE_SOURCE_END) {
			ends++;
			continue;
		}
		ck_assert_uint_lt(r, nwant);
		ck_assert_uint_eq(ev[i].tag, want[r]);
		r++;
	}
	ck_assert_uint_eq(r, nwant);
	return ends;
}
#define TAGS_ARE(ev, n, ...) tags_are(ev, n, ARRAY_N(const uint8_t, __VA_ARGS__))

/* ---- rules ---------------------------------------------------------------- */

START_TEST(files_given_in_reverse_come_out_in_time_order)
{
	uint32_t a[] = { TS0, TS0 + 10, TS0 + 20 };
	uint32_t b[] = { TS0 + 5, TS0 + 10, TS0 + 25 };
	uint32_t c[] = { TS0 + 100, TS0 + 101 };
	char *pa = make_file("a.gz", MW_BGP4MP, a, 3, 0x10, MW_GZIP);
	char *pb = make_file("b.bz2", MW_BGP4MP, b, 3, 0x20, MW_BZIP2);
	char *pc = make_file("c", MW_BGP4MP, c, 2, 0x30, MW_PLAIN);
	const char *paths[] = { pc, pb, pa };
	struct merge *m = open_all(paths, 3);
	struct event ev[20];
	size_t n = drain(m, ev, 20);

	/* Records (tags) in time order; at TS0+10 the tie goes to argument order
	 * (b is index 1, a is index 2). */
	ck_assert_uint_eq(TAGS_ARE(ev, n, 0x10, 0x20, 0x21, 0x11, 0x12, 0x22, 0x30, 0x31), 3);
	ck_assert_uint_eq(merge_sources_done(m), 3);
	ck_assert_int_eq(ndamage_lines, 0);
	merge_close(m);
	free(pa); free(pb); free(pc);
}
END_TEST

/* The pipeline sizes its worker pool by them (no second look at the files). */
START_TEST(each_sources_compression_is_the_peeks)
{
	uint32_t t[] = { TS0 };
	char *pa = make_file("k.gz", MW_BGP4MP, t, 1, 0x10, MW_GZIP);
	char *pb = make_file("k.bz2", MW_BGP4MP, t, 1, 0x20, MW_BZIP2);
	char *pc = make_file("k", MW_BGP4MP, t, 1, 0x30, MW_PLAIN);
	char missing[512];
	snprintf(missing, sizeof missing, "%s/gone.gz", tmpdir);
	const char *paths[] = { pa, pb, pc, missing };
	struct merge *m = open_all(paths, 4);

	ck_assert_int_eq(merge_source(m, 0)->kind, INPUT_GZIP);
	ck_assert_int_eq(merge_source(m, 1)->kind, INPUT_BZIP2);
	ck_assert_int_eq(merge_source(m, 2)->kind, INPUT_PLAIN);
	ck_assert_int_eq(merge_source(m, 3)->kind, INPUT_PLAIN);
	merge_close(m);
	free(pa); free(pb); free(pc);
}
END_TEST

START_TEST(rib_dump_comes_before_updates_at_equal_time)
{
	uint32_t t[] = { TS0, TS0 };
	char *pu = make_file("updates.x.gz", MW_BGP4MP, t, 2, 0x10, MW_GZIP);
	char *pr = make_file("rib.x.gz", MW_TABLE_DUMP_V2, t, 2, 0x50, MW_GZIP);
	const char *paths[] = { pu, pr };
	struct merge *m = open_all(paths, 2);
	struct event ev[10];
	size_t n = drain(m, ev, 10);

	ck_assert_uint_eq(n, 6);
	ck_assert_uint_eq(ev[0].tag, 0x50);
	ck_assert_uint_eq(ev[1].tag, 0x51);
	/* The RIB ends before the first update goes out: state can close the dump. */
	ck_assert_int_eq(ev[2].kind, MERGE_SOURCE_END);
	ck_assert_uint_eq(ev[2].src, 1);
	ck_assert_uint_eq(ev[3].tag, 0x10);
	ck_assert_uint_eq(ev[4].tag, 0x11);
	ck_assert_int_eq(ev[5].kind, MERGE_SOURCE_END);
	ck_assert_uint_eq(ev[5].src, 0);
	merge_close(m);
	free(pu); free(pr);
}
END_TEST

START_TEST(one_file_keeps_its_own_order)
{
	uint32_t t[] = { TS0 + 50, TS0 + 10, TS0 + 30, TS0 };
	char *p = make_file("u.gz", MW_BGP4MP, t, 4, 0x10, MW_GZIP);
	const char *paths[] = { p };
	struct merge *m = open_all(paths, 1);
	struct event ev[10];
	size_t n = drain(m, ev, 10);

	ck_assert_uint_eq(n, 5);
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(ev[i].kind, MERGE_RECORD);
		ck_assert_uint_eq(ev[i].tag, 0x10u + (unsigned)i);
	}
	ck_assert_int_eq(ev[4].kind, MERGE_SOURCE_END);
	merge_close(m);
	free(p);
}
END_TEST

START_TEST(each_source_ends_once_after_its_last_record)
{
	uint32_t a[] = { TS0, TS0 + 2 }, b[] = { TS0 + 1, TS0 + 3 };
	char *pa = make_file("a", MW_BGP4MP, a, 2, 0x10, MW_PLAIN);
	char *pb = make_file("b", MW_BGP4MP, b, 2, 0x20, MW_PLAIN);
	char *pe = make_file("empty", MW_BGP4MP, NULL, 0, 0, MW_PLAIN);
	const char *paths[] = { pa, pb, pe };
	struct merge *m = open_all(paths, 3);
	struct event ev[10];
	size_t n = drain(m, ev, 10);

	int ended[3] = { 0, 0, 0 };
	for (size_t i = 0; i < n; i++) {
		if (ev[i].kind == MERGE_SOURCE_END) {
			ended[ev[i].src]++;
		} else {
			ck_assert_int_eq(ended[ev[i].src], 0);
		}
	}
	ck_assert_int_eq(ended[0], 1);
	ck_assert_int_eq(ended[1], 1);
	ck_assert_int_eq(ended[2], 1);
	ck_assert_uint_eq(n, 7);
	ck_assert_int_eq(ndamage_lines, 0);
	ck_assert_int_eq(nnotes, 1);           /* the empty file: "no MRT records" */
	ck_assert_str_eq(last_reason, "no MRT records");

	/* Progress: every compressed byte was read. */
	struct stat sa, sb;
	stat(pa, &sa);
	stat(pb, &sb);
	ck_assert_uint_eq(merge_bytes_read(m), (uint64_t)(sa.st_size + sb.st_size));
	merge_close(m);
	free(pa); free(pb); free(pe);
}
END_TEST

START_TEST(hundreds_of_files_are_opened_when_due_the_next_few_ahead)
{
	enum { N = 300 };
	char *paths[N];
	/* Non-overlapping hours, given in a scrambled order. */
	for (int i = 0; i < N; i++) {
		int hour = (i * 7) % N;
		uint32_t t[3] = { TS0 + (uint32_t)hour * 3600, TS0 + (uint32_t)hour * 3600 + 60,
		                  TS0 + (uint32_t)hour * 3600 + 120 };
		char name[32];
		snprintf(name, sizeof name, "updates.%03d.gz", i);
		paths[i] = make_file(name, MW_BGP4MP, t, 3, (uint8_t)hour, MW_GZIP);
	}
	struct merge *m = open_all((const char *const *)paths, N);
	ck_assert_uint_eq(merge_open_now(m), 0);

	struct mrt_record rec;
	const struct source *src;
	uint32_t last = 0;
	size_t records = 0, ends = 0;
	int k;
	while ((k = merge_next(m, &rec, &src)) != MERGE_DONE) {
		if (k == MERGE_SOURCE_END) {
			ends++;
			continue;
		}
		ck_assert_uint_ge(rec.ts, last);
		last = rec.ts;
		records++;
	}
	ck_assert_uint_eq(records, 3 * N);
	ck_assert_uint_eq(ends, N);
	ck_assert_uint_le(merge_open_peak(m), 2);
	ck_assert_uint_eq(merge_open_now(m), 0);
	/* One collector: its next file decodes ahead, and one more per core up
	 * to 4 (the shared bzip2 workers have blocks to take), never more. */
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	ck_assert_uint_eq(merge_ahead_peak(m), 1 + (size_t)(cores < 1 ? 1 : cores > 4 ? 4 : cores));
	merge_close(m);
	for (int i = 0; i < N; i++)
		free(paths[i]);
}
END_TEST

START_TEST(overlapping_files_are_all_open_while_current)
{
	/* A RIB spanning the whole period stays open beside each update file. */
	uint32_t rib[] = { TS0, TS0 + 1000 };
	uint32_t u1[] = { TS0 + 10, TS0 + 20 }, u2[] = { TS0 + 30, TS0 + 40 };
	char *pr = make_file("rib.gz", MW_TABLE_DUMP_V2, rib, 2, 0x50, MW_GZIP);
	char *p1 = make_file("u1.gz", MW_BGP4MP, u1, 2, 0x10, MW_GZIP);
	char *p2 = make_file("u2.gz", MW_BGP4MP, u2, 2, 0x20, MW_GZIP);
	const char *paths[] = { p2, p1, pr };
	struct merge *m = open_all(paths, 3);
	struct event ev[10];
	size_t n = drain(m, ev, 10);
	TAGS_ARE(ev, n, 0x50, 0x10, 0x11, 0x20, 0x21, 0x51);
	ck_assert_uint_eq(merge_open_peak(m), 2);
	merge_close(m);
	free(pr); free(p1); free(p2);
}
END_TEST

START_TEST(missing_file_is_reported_first_and_skipped)
{
	uint32_t t[] = { TS0 };
	char *p = make_file("a", MW_BGP4MP, t, 1, 0, MW_PLAIN);
	char missing[400];
	snprintf(missing, sizeof missing, "%s/nope.bz2", tmpdir);
	const char *paths[] = { p, missing, tmpdir };
	struct merge *m = open_all(paths, 3);
	ck_assert_int_eq(ndamage_lines, 0);
	struct mrt_record rec;
	const struct source *src;
	/* The unreadable ones end first, each said once, as a file problem. */
	ck_assert_int_eq(merge_next(m, &rec, &src), MERGE_SOURCE_END);
	ck_assert_uint_eq(src->index, 1);
	ck_assert_int_eq(ndamage_lines, 1);
	ck_assert_int_eq(last_damage.kind, DAMAGE_FILE);
	ck_assert_uint_eq(last_damage.source, 1);
	ck_assert_str_eq(last_path, missing);
	ck_assert_str_eq(last_reason, "No such file or directory");
	ck_assert_int_eq(merge_next(m, &rec, &src), MERGE_SOURCE_END);
	ck_assert_uint_eq(src->index, 2);
	ck_assert_str_eq(last_reason, "is a directory");
	/* Then the readable one, whole. */
	ck_assert_int_eq(merge_next(m, &rec, &src), MERGE_RECORD);
	ck_assert_uint_eq(src->index, 0);
	ck_assert_int_eq(merge_next(m, &rec, &src), MERGE_SOURCE_END);
	ck_assert_int_eq(merge_next(m, &rec, &src), MERGE_DONE);
	ck_assert_int_eq(ndamage_lines, 2);
	merge_close(m);
	free(p);
}
END_TEST

START_TEST(stdin_is_read_once_and_merged)
{
	uint32_t s[] = { TS0 + 1, TS0 + 3 }, f[] = { TS0, TS0 + 2 };
	char *ps = make_file("stdin.gz", MW_BGP4MP, s, 2, 0x10, MW_GZIP);
	char *pf = make_file("f.gz", MW_BGP4MP, f, 2, 0x20, MW_GZIP);
	int fd = open(ps, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, 0), 0);
	close(fd);
	const char *paths[] = { "-", pf };
	struct merge *m = open_all(paths, 2);
	ck_assert_str_eq(merge_collector_name(m, merge_source(m, 0)->collector), "stdin");
	struct event ev[10];
	size_t n = drain(m, ev, 10);
	TAGS_ARE(ev, n, 0x20, 0x10, 0x21, 0x11);
	merge_close(m);
	free(ps); free(pf);
}
END_TEST

START_TEST(sources_of_one_collector_share_its_index)
{
	uint32_t t[] = { TS0 };
	char dir[400];
	snprintf(dir, sizeof dir, "%s/rrc00", tmpdir);
	mkdir(dir, 0700);
	snprintf(dir, sizeof dir, "%s/route-views2", tmpdir);
	mkdir(dir, 0700);
	char *a = make_file("rrc00/bview.gz", MW_TABLE_DUMP_V2, t, 1, 0, MW_GZIP);
	char *b = make_file("route-views2/rib.bz2", MW_TABLE_DUMP_V2, t, 1, 0, MW_BZIP2);
	char *c = make_file("rrc00/updates.gz", MW_BGP4MP, t, 1, 0, MW_GZIP);
	const char *paths[] = { a, b, c };
	struct merge *m = open_all(paths, 3);
	ck_assert_uint_eq(merge_source_count(m), 3);
	ck_assert_uint_eq(merge_collector_count(m), 2);
	ck_assert_uint_eq(merge_source(m, 0)->collector, merge_source(m, 2)->collector);
	ck_assert_uint_ne(merge_source(m, 0)->collector, merge_source(m, 1)->collector);
	ck_assert_str_eq(merge_collector_name(m, merge_source(m, 0)->collector), "rrc00");
	ck_assert_str_eq(merge_collector_name(m, merge_source(m, 1)->collector), "route-views2");
	ck_assert_str_eq(merge_source(m, 1)->path, b);
	ck_assert_uint_eq(merge_source(m, 2)->index, 2);
	merge_close(m);
	free(a); free(b); free(c);
}
END_TEST

START_TEST(collector_rules_are_the_runs_own)
{
	uint32_t t[] = { TS0 };
	char *a = make_file("updates.a.gz", MW_BGP4MP, t, 1, 0, MW_GZIP);
	struct collector_rules rules = { 0 };
	char err[256];
	ck_assert(collector_rule_add(&rules, "rrc99=*.gz", err, sizeof err));
	const char *paths[] = { a };
	struct merge *m = merge_open(paths, 1, &rules, sink, NULL, err, sizeof err);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(merge_collector_name(m, merge_source(m, 0)->collector), "rrc99");
	ck_assert_ptr_null(collector_rule_unused(&rules));
	merge_close(m);
	/* Another run without rules names the file by its folder. */
	m = open_all(paths, 1);
	ck_assert_str_ne(merge_collector_name(m, merge_source(m, 0)->collector), "rrc99");
	merge_close(m);
	collector_rules_free(&rules);
	free(a);
}
END_TEST

/* One dedupe case: paths[1] must be read once as a repeat of paths[0]. */
static void expect_read_once(const char *first, const char *again, bool same_inode)
{
	const char *paths[] = { first, again };
	struct merge *m = open_all(paths, 2);
	ck_assert_int_eq(merge_source(m, 0)->same_as, -1);
	ck_assert_int_eq(merge_source(m, 1)->same_as, 0);
	ck_assert(merge_source(m, 1)->same_inode == same_inode);
	ck_assert_uint_eq(merge_sources_done(m), 1);
	struct event ev[10];
	size_t n = drain(m, ev, 10), recs = 0;
	for (size_t i = 0; i < n; i++)
		recs += ev[i].kind == MERGE_RECORD;
	ck_assert_uint_eq(recs, 2);
	merge_close(m);
}

START_TEST(a_file_given_twice_is_read_once)
{
	uint32_t t[] = { TS0, TS0 + 1 };
	char *a = make_file("updates.a.gz", MW_BGP4MP, t, 2, 0x10, MW_GZIP);
	char *copy = make_file("renamed.gz", MW_BGP4MP, t, 2, 0x10, MW_GZIP);
	char other[420];
	snprintf(other, sizeof other, "%s/../%s/updates.a.gz", tmpdir, strrchr(tmpdir, '/') + 1);
	expect_read_once(a, a, true);            /* the same path */
	expect_read_once(a, other, true);        /* another path to it */
	expect_read_once(a, copy, false);        /* a copy under another name */
	free(a); free(copy);
}
END_TEST

START_TEST(files_of_equal_size_but_other_bytes_are_both_read)
{
	uint32_t t[] = { TS0, TS0 + 1 };
	char *a = make_file("a.gz", MW_BGP4MP, t, 2, 0x10, MW_GZIP);
	char *b = make_file("b.gz", MW_BGP4MP, t, 2, 0x20, MW_GZIP);
	const char *paths[] = { a, b };
	struct merge *m = open_all(paths, 2);
	ck_assert_int_eq(merge_source(m, 1)->same_as, -1);
	merge_close(m);
	free(a); free(b);
}
END_TEST

START_TEST(damage_in_a_file_is_reported_once_not_at_the_peek)
{
	struct mw_buf b = MW_BUF_INIT;
	char path[400];
	snprintf(path, sizeof path, "%s/damaged", tmpdir);
	mw_bytes(&b, "garbage!", 8);
	size_t at = mw_record_begin(&b, TS0, MW_BGP4MP, 4);
	mw_zeros(&b, 10);
	mw_record_end(&b, at);
	ck_assert_int_eq(mw_write_file(path, b.p, b.len, MW_GZIP), 0);
	const char *paths[] = { path };
	struct merge *m = open_all(paths, 1);
	ck_assert_int_eq(ndamage_lines, 0);
	struct event ev[4];
	ck_assert_uint_eq(drain(m, ev, 4), 2);
	ck_assert_int_eq(ndamage_lines, 1);
	merge_close(m);
	mw_free(&b);
}
END_TEST

START_TEST(source_next_is_the_open_sources_next_record_none_once_ended)
{
	/* a and b overlap; c starts after both have ended. */
	uint32_t a[] = { TS0, TS0 + 10, TS0 + 20 }, b[] = { TS0 + 5, TS0 + 15 };
	uint32_t c[] = { TS0 + 100 };
	char *pa = make_file("a", MW_BGP4MP, a, 3, 0x10, MW_PLAIN);
	char *pb = make_file("b.gz", MW_BGP4MP, b, 2, 0x20, MW_GZIP);
	char *pc = make_file("c.bz2", MW_BGP4MP, c, 1, 0x30, MW_BZIP2);
	const char *paths[] = { pa, pb, pc };
	struct merge *m = open_all(paths, 3);
	uint32_t ts;
	for (size_t i = 0; i < 3; i++)
		ck_assert(!merge_source_next(m, i, &ts));    /* none open yet */
	ck_assert(!merge_source_next(m, 3, &ts));        /* no such source */

	struct mrt_record rec;
	const struct source *src;
	/* The next record of each source not handed out yet (the one just
	 * returned counts); 0: none (not open, or ended). */
	static const uint32_t want[][3] = {
		{ TS0, 0, 0 },                  /* a's first; b opens when due */
		{ TS0 + 10, TS0 + 5, 0 },       /* b's first */
		{ TS0 + 10, TS0 + 15, 0 },
		{ TS0 + 20, TS0 + 15, 0 },
		{ TS0 + 20, 0, 0 },             /* a's last; b has ended */
		{ 0, 0, TS0 + 100 },            /* c's only record */
	};
	size_t r = 0;
	int k;
	while ((k = merge_next(m, &rec, &src)) != MERGE_DONE) {
		if (k == MERGE_SOURCE_END) {
			ck_assert(!merge_source_next(m, src->index, &ts));
			continue;
		}
		ck_assert_uint_lt(r, 6);
		for (size_t i = 0; i < 3; i++) {
			bool open = merge_source_next(m, i, &ts);
			ck_assert_int_eq(open, want[r][i] != 0);
			if (open)
				ck_assert_uint_eq(ts, want[r][i]);
		}
		r++;
	}
	ck_assert_uint_eq(r, 6);
	for (size_t i = 0; i < 3; i++)
		ck_assert(!merge_source_next(m, i, &ts));
	merge_close(m);
	free(pa); free(pb); free(pc);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("merge");
	TCase *tc = ADD_TESTS(s, "merge", setup, teardown,
	                      files_given_in_reverse_come_out_in_time_order,
	                      each_sources_compression_is_the_peeks,
	                      rib_dump_comes_before_updates_at_equal_time,
	                      one_file_keeps_its_own_order,
	                      each_source_ends_once_after_its_last_record,
	                      hundreds_of_files_are_opened_when_due_the_next_few_ahead,
	                      overlapping_files_are_all_open_while_current,
	                      missing_file_is_reported_first_and_skipped,
	                      stdin_is_read_once_and_merged,
	                      sources_of_one_collector_share_its_index,
	                      collector_rules_are_the_runs_own,
	                      damage_in_a_file_is_reported_once_not_at_the_peek,
	                      a_file_given_twice_is_read_once,
	                      files_of_equal_size_but_other_bytes_are_both_read,
	                      source_next_is_the_open_sources_next_record_none_once_ended);
	tcase_set_timeout(tc, 120);
	return run_suite(s);
}
