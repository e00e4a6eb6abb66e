/*
 * check_mrt.c — unit tests for mrt.c.
 * Owns: framing rules on crafted files: order, ET microseconds, each kind of
 * damage reported once with its offset, resync, the TABLE_DUMP length quirk.
 * Never: reads the shared corpus; every file is a temporary one.
 */
#include <bzlib.h>
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHECK_RUN_TMPDIR "check_mrt"
#include "check_run.h"
#include "io/mrt.h"
#include "mrtwrite.h"
#include "io/reader_priv.h"

/* ---- helpers ------------------------------------------------------------- */

#define TS0 1419206400u        /* 2014-12-22 00:00 UTC */

static char lines[16][512];
static int nlines;
static uint64_t ndamage;            /* events other than notes */

/* The reader's damage sink: each event as the line the pipeline would write
 * for it (damage_log.h), kept for the test to compare. */
static void sink(const struct damage *d, void *arg)
{
	(void)arg;
	if (d->kind != DAMAGE_NOTE)
		ndamage++;
	if (nlines < 16) {
		if (d->kind == DAMAGE_BYTES)
			snprintf(lines[nlines], sizeof lines[0], "mrtreach: %s: byte %llu: %s", d->path,
			         (unsigned long long)d->offset, d->reason);
		else
			snprintf(lines[nlines], sizeof lines[0], "mrtreach: %s: %s", d->path, d->reason);
	}
	nlines++;
}

/* mrt_open with the sink above. */
static struct mrt_reader *open_reader(const char *p, char *err, size_t errlen)
{
	struct mrt_reader *r = mrt_open(p, err, errlen);
	if (r)
		mrt_set_damage(r, sink, NULL, 0);
	return r;
}

static char path[300];

static void setup(void)
{
	tmpdir_make();
	snprintf(path, sizeof path, "%s/f.mrt", tmpdir);
	nlines = 0;
	ndamage = 0;
	mrt_set_initial_buffer(1u << 20);
	input_set_threaded(1);
}

static void teardown(void)
{
	unlink(path);
	tmpdir_remove();
}

/* A record with a body of n bytes, each (seed + i) & 0xff; returns its offset. */
static size_t add_rec(struct mw_buf *b, uint32_t ts, uint16_t type, uint16_t sub,
                      size_t n, uint8_t seed)
{
	size_t at = mw_record_begin(b, ts, type, sub);
	for (size_t i = 0; i < n; i++)
		mw_u8(b, (uint8_t)(seed + i));
	mw_record_end(b, at);
	return at;
}

static void expect_body(const struct mrt_record *r, size_t n, uint8_t seed)
{
	size_t bad = n;
	ck_assert_uint_eq(r->len, n);
	/* One assertion for the whole body: Check logs every assertion it runs. */
	for (size_t i = 0; i < n && bad == n; i++)
		if (r->body[i] != (uint8_t)(seed + i))
			bad = i;
	ck_assert_msg(bad == n, "body differs at byte %zu", bad);
}

static struct mrt_reader *open_file(const struct mw_buf *b, enum mw_compress how)
{
	char err[256];
	ck_assert_int_eq(mw_write_file(path, b->p, b->len, how), 0);
	struct mrt_reader *r = open_reader(path, err, sizeof err);
	ck_assert_msg(r != NULL, "%s", err);
	return r;
}

static void expect_line(int i, uint64_t off, const char *reason)
{
	char want[512];
	ck_assert_int_gt(nlines, i);
	snprintf(want, sizeof want, "mrtreach: %s: byte %llu: %s", path,
	         (unsigned long long)off, reason);
	ck_assert_str_eq(lines[i], want);
}

/* The record last read. */
static struct mrt_record REC;

static void next_is(struct mrt_reader *r, int want)
{
	ck_assert_int_eq(mrt_next(r, &REC), want);
}

/* The next record has the body of add_rec(..., n, seed). */
static void next_body(struct mrt_reader *r, size_t n, uint8_t seed)
{
	next_is(r, 1);
	expect_body(&REC, n, seed);
}

/* The next record is at offset off with the body of add_rec(..., n, seed). */
static void next_at(struct mrt_reader *r, size_t off, size_t n, uint8_t seed)
{
	next_is(r, 1);
	ck_assert_uint_eq(REC.offset, off);
	expect_body(&REC, n, seed);
}

/* No record is left, and damage was reported in n lines. */
static void ends(struct mrt_reader *r, int n)
{
	next_is(r, 0);
	ck_assert_int_eq(nlines, n);
}

static void done(struct mrt_reader *r, struct mw_buf *b)
{
	mrt_close(r);
	mw_free(b);
}

/* ---- rules ---------------------------------------------------------------- */

START_TEST(records_come_out_in_file_order)
{
	struct mw_buf b = MW_BUF_INIT;
	size_t o1 = add_rec(&b, TS0 + 5, MW_BGP4MP, 4, 40, 1);
	size_t o2 = add_rec(&b, TS0, MW_TABLE_DUMP_V2, 2, 0, 0);       /* time goes back */
	size_t o3 = add_rec(&b, TS0 + 9, MW_BGP4MP, 1, 1000, 7);
	struct mrt_reader *r = open_file(&b, MW_GZIP);

	next_is(r, 1);
	ck_assert_uint_eq(REC.ts, TS0 + 5);
	ck_assert_uint_eq(REC.type, 16);
	ck_assert_uint_eq(REC.subtype, 4);
	ck_assert_uint_eq(REC.usec, 0);
	ck_assert_uint_eq(REC.offset, o1);
	expect_body(&REC, 40, 1);
	next_is(r, 1);
	ck_assert_uint_eq(REC.ts, TS0);
	ck_assert_uint_eq(REC.offset, o2);
	ck_assert_uint_eq(REC.len, 0);
	next_at(r, o3, 1000, 7);
	next_is(r, 0);
	ends(r, 0);
	ck_assert_uint_eq(mrt_compressed_pos(r) > 0, 1);
	done(r, &b);
}
END_TEST

START_TEST(et_microseconds_are_split_off_the_body)
{
	struct mw_buf b = MW_BUF_INIT;
	size_t at = mw_record_begin_et(&b, TS0, 123456, MW_BGP4MP_ET, 4);
	mw_bytes(&b, "abcdef", 6);
	mw_record_end(&b, at);
	struct mrt_reader *r = open_file(&b, MW_PLAIN);

	next_is(r, 1);
	ck_assert_uint_eq(REC.type, 17);
	ck_assert_uint_eq(REC.usec, 123456);
	ck_assert_uint_eq(REC.len, 6);
	ck_assert(memcmp(REC.body, "abcdef", 6) == 0);
	ck_assert_uint_eq(REC.offset, 0);
	ends(r, 0);
	done(r, &b);
}
END_TEST

START_TEST(length_past_end_of_file_is_reported_once)
{
	struct mw_buf b = MW_BUF_INIT;
	add_rec(&b, TS0, MW_BGP4MP, 4, 30, 1);
	size_t bad = add_rec(&b, TS0 + 1, MW_BGP4MP, 4, 50, 2);
	b.len -= 20;                                   /* the file was cut */
	struct mrt_reader *r = open_file(&b, MW_BZIP2);

	next_body(r, 30, 1);
	next_is(r, 0);
	ends(r, 1);
	expect_line(0, bad, "record length 50 runs past end of file");
	ck_assert_uint_eq(ndamage, 1);
	done(r, &b);
}
END_TEST

START_TEST(four_gib_length_is_refused_and_skipped)
{
	struct mw_buf b = MW_BUF_INIT;
	add_rec(&b, TS0, MW_BGP4MP, 4, 30, 1);
	size_t bad = add_rec(&b, TS0 + 1, MW_BGP4MP, 4, 25, 0x40);
	mw_patch_u32(&b, bad + 8, 0xffffffffu);
	size_t good = add_rec(&b, TS0 + 2, MW_BGP4MP, 1, 20, 3);
	add_rec(&b, TS0 + 3, MW_BGP4MP, 1, 21, 4);
	struct mrt_reader *r = open_file(&b, MW_GZIP);

	next_body(r, 30, 1);
	next_at(r, good, 20, 3);
	next_body(r, 21, 4);
	ends(r, 1);
	expect_line(0, bad, "record length 4294967295 exceeds the limit of 16777216 bytes; "
	            "skipped 37 bytes to the next sound record");
	done(r, &b);
}
END_TEST

START_TEST(garbage_between_records_is_skipped_and_reported_once)
{
	struct mw_buf b = MW_BUF_INIT;
	add_rec(&b, TS0, MW_BGP4MP, 4, 30, 1);
	size_t junk = b.len;
	for (int i = 0; i < 1000; i++)
		mw_u8(&b, (uint8_t)(i * 37 + 11));
	size_t good = add_rec(&b, TS0 + 2, MW_BGP4MP, 4, 20, 3);
	add_rec(&b, TS0 + 3, MW_BGP4MP, 1, 21, 4);
	struct mrt_reader *r = open_file(&b, MW_PLAIN);

	next_is(r, 1);
	next_at(r, good, 20, 3);
	next_body(r, 21, 4);
	ends(r, 1);
	expect_line(0, junk, "skipped 1000 bytes of garbage");
	done(r, &b);
}
END_TEST

START_TEST(garbage_at_start_and_end_of_file)
{
	struct mw_buf b = MW_BUF_INIT;
	mw_bytes(&b, "this is not MRT at all\n", 23);
	add_rec(&b, TS0, MW_BGP4MP, 4, 30, 1);
	add_rec(&b, TS0, MW_BGP4MP, 4, 31, 2);
	size_t tail = b.len;
	mw_bytes(&b, "trailing text that is not a record", 34);
	struct mrt_reader *r = open_file(&b, MW_GZIP);

	next_is(r, 1);
	ck_assert_uint_eq(REC.offset, 23);
	next_body(r, 31, 2);
	ends(r, 2);
	expect_line(0, 0, "skipped 23 bytes of garbage");
	expect_line(1, tail, "skipped 34 bytes of garbage at end of file");
	done(r, &b);
}
END_TEST

START_TEST(damaged_length_with_sound_records_after_it)
{
	/* A length that overshoots the end, but sound records follow the header:
	 * damage in the middle, not a cut file. */
	struct mw_buf b = MW_BUF_INIT;
	size_t bad = add_rec(&b, TS0, MW_BGP4MP, 4, 30, 1);
	mw_patch_u32(&b, bad + 8, 5000000);
	size_t good = add_rec(&b, TS0 + 2, MW_BGP4MP, 4, 20, 3);
	struct mrt_reader *r = open_file(&b, MW_PLAIN);

	next_is(r, 1);
	ck_assert_uint_eq(REC.offset, good);
	ends(r, 1);
	expect_line(0, bad, "record length 5000000 runs past end of file; "
	            "skipped 42 bytes to the next sound record");
	done(r, &b);
}
END_TEST

START_TEST(header_cut_short_at_end)
{
	struct mw_buf b = MW_BUF_INIT;
	add_rec(&b, TS0, MW_BGP4MP, 4, 30, 1);
	size_t tail = b.len;
	mw_bytes(&b, "\x54\x97\x5f\x00\x00", 5);
	struct mrt_reader *r = open_file(&b, MW_PLAIN);

	next_is(r, 1);
	ends(r, 1);
	expect_line(0, tail, "record header cut short: 5 bytes at end of file");
	done(r, &b);
}
END_TEST

/* A file of n bytes (compressed how) yields no record and one line about
 * the file as a whole, "mrtreach: PATH: said"; damage counts it or not. */
static void whole_file_said(const char *bytes, size_t n, enum mw_compress how, const char *said,
                            uint64_t damage)
{
	struct mw_buf b = MW_BUF_INIT;
	mw_bytes(&b, bytes, n);
	nlines = 0;
	ndamage = 0;
	struct mrt_reader *r = open_file(&b, how);
	ends(r, 1);
	ck_assert_uint_eq(ndamage, damage);
	char want[400];
	snprintf(want, sizeof want, "mrtreach: %s: %s", path, said);
	ck_assert_str_eq(lines[0], want);
	done(r, &b);
}

START_TEST(zero_byte_file_has_no_records_and_no_damage)
{
	/* A note, not damage: the exit status stays 0. */
	whole_file_said("", 0, MW_PLAIN, "no MRT records", 0);
	whole_file_said("", 0, MW_GZIP, "no MRT records", 0);
}
END_TEST

/* A file in which no record was ever found is not an MRT file, whatever
 * its size: one report about the file, not "garbage at end of file". */
static void not_mrt(const char *bytes, size_t n, enum mw_compress how)
{
	whole_file_said(bytes, n, how, "not an MRT file", 1);
}

START_TEST(a_file_without_any_record_is_not_an_mrt_file)
{
	static const char text[] = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/bin/sh\n";
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
	not_mrt(text, sizeof text - 1, MW_PLAIN);
	not_mrt(png, sizeof png - 1, MW_PLAIN);
	not_mrt(text, sizeof text - 1, MW_GZIP);     /* gzip of garbage */
	not_mrt("hello\n", 6, MW_PLAIN);             /* shorter than one header */
}
END_TEST

/* Builds n TABLE_DUMP records, optionally declaring each 4 bytes short. */
static void table_dump_file(struct mw_buf *b, int n, int ipv6, int short_by_4, size_t *offs)
{
	uint8_t attrs[] = { 0x40, 1, 1, 0,  0x40, 2, 4, 2, 1, 0x0d, 0x1c };  /* ORIGIN, AS_PATH 3356 */
	for (int i = 0; i < n; i++) {
		struct prefix p = mw_pfx(ipv6 ? "2001:db8::/32" : "175.45.176.0/24");
		struct addr peer = mw_ip(ipv6 ? "2001:db8::1" : "4.69.184.193");
		size_t at = b->len;
		offs[i] = at;
		mw_table_dump(b, TS0, 0, (uint16_t)i, &p, 1, TS0 - 100, peer, 3356, attrs, sizeof attrs);
		if (short_by_4) {
			uint32_t len = (uint32_t)(b->len - at - 12);
			mw_patch_u32(b, at + 8, len - 4);
		}
	}
}

START_TEST(table_dump_short_by_4_is_recovered_with_one_note)
{
	for (int v6 = 0; v6 < 2; v6++) {
		struct mw_buf b = MW_BUF_INIT;
		size_t offs[4];
		table_dump_file(&b, 4, v6, 1, offs);
		struct mrt_reader *r = open_file(&b, MW_GZIP);
		size_t full = (v6 ? 46 : 22) + 11;

		nlines = 0;
		for (int i = 0; i < 4; i++) {
			next_is(r, 1);
			ck_assert_uint_eq(REC.offset, offs[i]);
			ck_assert_uint_eq(REC.type, 12);
			ck_assert_uint_eq(REC.subtype, v6 ? 2 : 1);
			ck_assert_uint_eq(REC.len, full);
			ck_assert_uint_eq(REC.body[full - 1], 0x1c);   /* the last byte is there */
		}
		ends(r, 1);
		expect_line(0, 0, "TABLE_DUMP record declares 4 bytes fewer than it holds "
		            "(early RIS archive quirk); read in full here and in the rest of this file");
		done(r, &b);
	}
}
END_TEST

START_TEST(table_dump_of_many_entries_short_by_4_is_framed_whole)
{
	/* Early RIS: entries back to back after one view/sequence header, the
	 * length counting only the entries. The record is framed to its last
	 * entry and the next record follows sound. */
	for (int v6 = 0; v6 < 2; v6++) {
		struct mw_buf b = MW_BUF_INIT, one = MW_BUF_INIT;
		size_t offs[2];
		table_dump_file(&b, 1, v6, 0, offs);
		size_t first = b.len;
		for (int i = 0; i < 5; i++) {
			mw_clear(&one);
			table_dump_file(&one, 1, v6, 0, offs);
			mw_bytes(&b, one.p + 12 + 4, one.len - 12 - 4);
		}
		mw_patch_u32(&b, 8, (uint32_t)(b.len - 12 - 4));
		size_t whole = b.len - 12;
		table_dump_file(&b, 1, v6, 0, offs);
		struct mrt_reader *r = open_file(&b, MW_PLAIN);
		nlines = 0;
		next_is(r, 1);
		ck_assert_uint_eq(REC.len, whole);
		ck_assert_uint_eq(whole, 6 * (first - 12) - 5 * 4);
		next_is(r, 1);
		ck_assert_uint_eq(REC.offset, whole + 12);
		ends(r, 1);
		ck_assert_int_eq(nlines, 1);          /* the one note */
		done(r, &b);
		mw_free(&one);
	}
}
END_TEST

START_TEST(table_dump_with_true_lengths_is_left_alone)
{
	struct mw_buf b = MW_BUF_INIT;
	size_t offs[3];
	table_dump_file(&b, 3, 0, 0, offs);
	struct mrt_reader *r = open_file(&b, MW_PLAIN);

	for (int i = 0; i < 3; i++) {
		next_is(r, 1);
		ck_assert_uint_eq(REC.len, 22 + 11);
	}
	ends(r, 0);
	done(r, &b);
}
END_TEST

START_TEST(record_straddles_read_chunks)
{
	/* Records larger than the starting buffer and than the thread's 1 MiB
	 * hand-over buffers, between small ones, in every compression. */
	enum mw_compress how[] = { MW_PLAIN, MW_GZIP, MW_BZIP2 };
	mrt_set_initial_buffer(64);
	for (int h = 0; h < 3; h++) {
		struct mw_buf b = MW_BUF_INIT;
		size_t sizes[] = { 10, 300000, 7, (3u << 20) + 5, 0, 65536, 11 };
		for (size_t i = 0; i < 7; i++)
			add_rec(&b, TS0 + (uint32_t)i, MW_TABLE_DUMP_V2, 2, sizes[i], (uint8_t)i);
		struct mrt_reader *r = open_file(&b, how[h]);
		for (size_t i = 0; i < 7; i++) {
			next_is(r, 1);
			ck_assert_uint_eq(REC.ts, TS0 + i);
			expect_body(&REC, sizes[i], (uint8_t)i);
		}
		ends(r, 0);
		done(r, &b);
	}
}
END_TEST

/* What a reader of path frames: each record's offset, timestamp and
 * body (checked against add_rec's seed, the timestamp's low byte), then
 * the damage lines, as text in out. */
static void framed(int threaded, char *out, size_t cap)
{
	char err[256];
	size_t at = 0;

	input_set_threaded(threaded);
	nlines = 0;
	struct mrt_reader *r = open_reader(path, err, sizeof err);
	ck_assert_msg(r != NULL, "%s", err);
	while (mrt_next(r, &REC) == 1) {
		size_t bad = REC.len;
		for (size_t i = 0; i < REC.len && bad == REC.len; i++)
			if (REC.body[i] != (uint8_t)(REC.ts + i))
				bad = i;
		ck_assert_msg(bad == REC.len, "record at %llu differs at byte %zu",
		              (unsigned long long)REC.offset, bad);
		ck_assert_uint_lt(at + 64, cap);
		at += (size_t)snprintf(out + at, cap - at, "%llu %u %zu\n",
		                       (unsigned long long)REC.offset, REC.ts, REC.len);
	}
	for (int i = 0; i < nlines; i++) {
		ck_assert_uint_lt(at + 600, cap);
		at += (size_t)snprintf(out + at, cap - at, "%s\n", lines[i]);
	}
	mrt_close(r);
}

START_TEST(records_framed_in_place_are_those_framed_from_copies)
{
	/* About 6 MiB of gzip'd records of many sizes and kinds, with garbage
	 * and a damaged header in places, one run of garbage longer than a
	 * hand-over buffer: framed in the thread's buffers (records across
	 * two of them copied), they are what the single-threaded reader
	 * frames from its own copy, with the same damage reports. */
	struct mw_buf b = MW_BUF_INIT;
	uint32_t x = 7;
	mrt_set_initial_buffer(64);
	for (uint32_t i = 0; i < 3000; i++) {
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		size_t n = x % 50 == 0 ? 20000 + x % 70000 : x % 3000;
		uint16_t type = x % 3 == 0 ? MW_BGP4MP_ET : MW_BGP4MP;
		add_rec(&b, TS0 + i, type, x % 7 == 0 ? 5 : 4, type == MW_BGP4MP_ET ? n + 4 : n,
		        (uint8_t)(TS0 + i - (type == MW_BGP4MP_ET ? 4 : 0)));
		if (i % 500 == 250)
			for (int k = 0; k < 1000 + (int)(x % 3000); k++)
				mw_u8(&b, (uint8_t)(k * 37 + 11));
		if (i == 1200)
			for (int k = 0; k < (3 << 19); k++)
				mw_u8(&b, (uint8_t)(k * 13 + 5));
		if (i == 2000)
			add_rec(&b, TS0 + i, MW_BGP4MP_ET, 4, 2, 0);   /* shorter than its ET field */
	}
	ck_assert_int_eq(mw_write_file(path, b.p, b.len, MW_GZIP), 0);
	size_t cap = 1u << 20;
	char *lent = malloc(cap), *copied = malloc(cap);
	framed(1, lent, cap);
	framed(0, copied, cap);
	ck_assert_str_eq(lent, copied);
	ck_assert_int_eq(nlines, 8);   /* seven runs of garbage, the short header */
	free(lent);
	free(copied);
	mw_free(&b);
}
END_TEST

START_TEST(gzip_cut_mid_record_reports_the_stream_error_once)
{
	struct mw_buf b = MW_BUF_INIT, gz = MW_BUF_INIT;
	size_t offs[200];
	for (int i = 0; i < 200; i++)
		offs[i] = add_rec(&b, TS0 + (uint32_t)i, MW_BGP4MP, 4, 5000, (uint8_t)i);
	mw_compress(b.p, b.len, MW_GZIP, &gz);
	gz.len = gz.len * 2 / 3;
	ck_assert_int_eq(mw_write_file(path, gz.p, gz.len, MW_PLAIN), 0);
	for (int threaded = 0; threaded < 2; threaded++) {
		char err[256];
		input_set_threaded(threaded);
		nlines = 0;
		struct mrt_reader *r = open_reader(path, err, sizeof err);
		int n = 0;
		while (mrt_next(r, &REC) == 1) {
			ck_assert_uint_eq(REC.offset, offs[n]);
			expect_body(&REC, 5000, (uint8_t)n);
			n++;
		}
		ck_assert_int_gt(n, 10);
		ck_assert_int_lt(n, 200);
		ck_assert_int_eq(nlines, 1);
		char want[200];
		snprintf(want, sizeof want, "gzip stream ends early (file cut short?) (compressed byte %zu)",
		         gz.len);
		expect_line(0, offs[n], want);
		ends(r, 1);
		mrt_close(r);
	}
	mw_free(&b);
	mw_free(&gz);
}
END_TEST

START_TEST(garbage_then_a_cut_stream_reports_both)
{
	struct mw_buf b = MW_BUF_INIT, gz = MW_BUF_INIT;
	add_rec(&b, TS0, MW_BGP4MP, 4, 30, 1);
	size_t junk = b.len;
	for (int i = 0; i < 200000; i++)
		mw_u8(&b, (uint8_t)(i * 37 + 11));
	mw_compress(b.p, b.len, MW_GZIP, &gz);
	gz.len -= 100;
	ck_assert_int_eq(mw_write_file(path, gz.p, gz.len, MW_PLAIN), 0);
	char err[256];
	struct mrt_reader *r = open_reader(path, err, sizeof err);

	next_is(r, 1);
	ends(r, 2);
	ck_assert_msg(strstr(lines[0], "bytes of garbage at end of file") != NULL, "%s", lines[0]);
	char want[64];
	snprintf(want, sizeof want, "byte %zu:", junk);
	ck_assert_msg(strstr(lines[0], want) != NULL, "%s", lines[0]);
	ck_assert_msg(strstr(lines[1], "gzip stream ends early") != NULL, "%s", lines[1]);
	done(r, &b);
	mw_free(&gz);
}
END_TEST

/*
 * 400 records of 3000 bytes as level-1 bzip2 (about a dozen blocks) with
 * the blocks whose index is in bad[] damaged; read block by block. The
 * records come out in order, with one stretch missing around the damage,
 * no longer than the damaged blocks' bytes and the two records they cut,
 * and one report says what was skipped.
 */
static void bzip2_blocks_damaged(const int *bad, int nbad, const char *said)
{
	struct mw_buf b = MW_BUF_INIT;
	for (int i = 0; i < 400; i++)
		add_rec(&b, TS0 + (uint32_t)i, MW_BGP4MP, 4, 3000, (uint8_t)(i * 7));
	unsigned zl = (unsigned)(b.len + b.len / 50 + 1000);
	uint8_t *z = malloc(zl);
	ck_assert_ptr_nonnull(z);
	ck_assert_int_eq(BZ2_bzBuffToBuffCompress((char *)z, &zl, (char *)b.p, (unsigned)b.len,
	                                          1, 0, 0), BZ_OK);
	uint64_t start[64], w = 0;
	int nb = 0;
	for (uint64_t bit = 0; bit < (uint64_t)zl * 8 && nb < 64; bit++) {
		w = (w << 1 | (uint64_t)(z[bit / 8] >> (7 - bit % 8) & 1)) & 0xffffffffffffull;
		if (bit >= 47 && w == 0x314159265359ull)
			start[nb++] = bit - 47;
	}
	ck_assert_int_ge(nb, 8);
	for (int i = 0; i < nbad; i++)
		z[(start[bad[i]] + start[bad[i] + 1]) / 16] ^= 0x41;
	ck_assert_int_eq(mw_write_file(path, z, zl, MW_PLAIN), 0);
	input_set_bzip2_workers(2);
	char err[256];
	struct mrt_reader *r = open_reader(path, err, sizeof err);
	ck_assert_msg(r != NULL, "%s", err);
	int want = 0, lost = 0;
	size_t bytes_lost = 0;
	while (mrt_next(r, &REC) == 1) {
		int i = (int)(REC.ts - TS0);
		ck_assert_int_ge(i, want);
		if (i > want) {
			ck_assert_int_eq(lost, 0);      /* one stretch */
			lost = i - want;
		}
		expect_body(&REC, 3000, (uint8_t)(i * 7));
		want = i + 1;
	}
	ck_assert_int_eq(want, 400);
	bytes_lost = (size_t)lost * (b.len / 400);
	ck_assert_int_gt(lost, 0);
	/* A level-1 block holds at most 100 000 bytes here (no runs). */
	ck_assert_uint_le(bytes_lost, (size_t)nbad * 100000 + 2 * (b.len / 400));
	ck_assert_int_eq(nlines, 1);
	char head[80];
	snprintf(head, sizeof head, ": bzip2 block at compressed byte %llu is corrupt (",
	         (unsigned long long)(start[bad[0]] / 8));
	ck_assert_msg(strstr(lines[0], head) != NULL, "%s", lines[0]);
	ck_assert_msg(strstr(lines[0], said) != NULL, "%s", lines[0]);
	ck_assert_msg(strstr(lines[0], "bytes to the next sound record") != NULL, "%s", lines[0]);
	mrt_close(r);
	input_set_bzip2_workers(-1);
	free(z);
	mw_free(&b);
}

START_TEST(a_corrupt_bzip2_block_is_one_report_and_the_records_after_it_read)
{
	const int one[] = { 4 };
	bzip2_blocks_damaged(one, 1, "skipped its data, about ");
	/* Two in a row: one stretch of damage, one report naming both. */
	nlines = 0;
	const int two[] = { 3, 4 };
	bzip2_blocks_damaged(two, 2, ", and 1 more such blocks after it");
}
END_TEST

START_TEST(missing_file_is_an_open_error)
{
	char err[256];
	ck_assert_ptr_null(mrt_open("/nonexistent/dir/x.gz", err, sizeof err));
	ck_assert_str_eq(err, "No such file or directory");
}
END_TEST

START_TEST(peek_reads_the_first_sound_record_quietly)
{
	struct mw_buf b = MW_BUF_INIT;
	mw_bytes(&b, "junk junk junk", 14);
	add_rec(&b, TS0 + 77, MW_TABLE_DUMP_V2, 1, 40, 1);
	ck_assert_int_eq(mw_write_file(path, b.p, b.len, MW_BZIP2), 0);
	uint32_t ts = 0;
	uint16_t type = 0;
	char err[256];
	ck_assert_int_eq(mrt_peek(path, &ts, &type, NULL, NULL, err, sizeof err), 1);
	ck_assert_uint_eq(ts, TS0 + 77);
	ck_assert_uint_eq(type, 13);
	ck_assert_int_eq(nlines, 0);
	mw_free(&b);
}
END_TEST

START_TEST(a_peek_hands_its_first_bzip2_block_to_the_stream)
{
	/* A first record within the first 900k block, and one reaching past it
	 * (the peek then reads on sequentially): either way the block is kept,
	 * and the stream opened with it reads every record as usual. */
	const size_t first_len[] = { 40, 1000000 };
	for (int i = 0; i < 2; i++) {
		struct mw_buf b = MW_BUF_INIT;
		add_rec(&b, TS0 + 5, MW_BGP4MP, 4, first_len[i], 1);
		add_rec(&b, TS0 + 6, MW_BGP4MP, 4, 40, 2);
		ck_assert_int_eq(mw_write_file(path, b.p, b.len, MW_BZIP2), 0);
		uint32_t ts = 0;
		uint16_t type = 0;
		char err[256];
		struct bz2par_first *kept;
		ck_assert_int_eq(mrt_peek(path, &ts, &type, &kept, NULL, err, sizeof err), 1);
		ck_assert_uint_eq(ts, TS0 + 5);
		ck_assert_ptr_nonnull(kept);
		struct mrt_reader *r = mrt_open_first(path, kept, err, sizeof err);
		ck_assert_msg(r != NULL, "%s", err);
		next_body(r, first_len[i], 1);
		next_body(r, 40, 2);
		ends(r, 0);
		done(r, &b);
	}
}
END_TEST

START_TEST(a_closed_readers_buffer_serves_the_next_reader)
{
	struct mw_buf b = MW_BUF_INIT;
	add_rec(&b, TS0 + 5, MW_BGP4MP, 4, 40, 1);
	add_rec(&b, TS0 + 6, MW_BGP4MP, 4, 900, 2);
	ck_assert_int_eq(mw_write_file(path, b.p, b.len, MW_BZIP2), 0);
	char err[256];

	/* Each reader in turn reads every record; the buffer it read them into
	 * waits for the next reader, which takes it. */
	for (int i = 0; i < 3; i++) {
		int spare = mrt_spare_buffers();
		struct mrt_reader *r = open_reader(path, err, sizeof err);
		ck_assert_msg(r != NULL, "%s", err);
		ck_assert_int_eq(mrt_spare_buffers(), spare > 0 ? spare - 1 : 0);
		next_body(r, 40, 1);
		next_body(r, 900, 2);
		ends(r, 0);
		mrt_close(r);
		ck_assert_int_eq(mrt_spare_buffers(), spare > 0 ? spare : 1);
	}
	mw_free(&b);
}
END_TEST

START_TEST(a_grown_reader_buffer_is_not_kept)
{
	/* A buffer grown for a long record is freed: only the usual size waits. */
	mrt_set_initial_buffer(64);
	struct mw_buf b = MW_BUF_INIT;
	add_rec(&b, TS0 + 5, MW_BGP4MP, 4, 1000, 1);
	struct mrt_reader *r = open_file(&b, MW_PLAIN);
	int spare = mrt_spare_buffers();
	next_body(r, 1000, 1);
	ends(r, 0);
	done(r, &b);
	ck_assert_int_eq(mrt_spare_buffers(), spare);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mrt");
	TCase *tc = ADD_TESTS(s, "mrt", setup, teardown, records_come_out_in_file_order,
	                      et_microseconds_are_split_off_the_body,
	                      length_past_end_of_file_is_reported_once,
	                      four_gib_length_is_refused_and_skipped,
	                      garbage_between_records_is_skipped_and_reported_once,
	                      garbage_at_start_and_end_of_file,
	                      damaged_length_with_sound_records_after_it, header_cut_short_at_end,
	                      zero_byte_file_has_no_records_and_no_damage,
	                      a_file_without_any_record_is_not_an_mrt_file,
	                      table_dump_short_by_4_is_recovered_with_one_note,
	                      table_dump_with_true_lengths_is_left_alone,
	                      table_dump_of_many_entries_short_by_4_is_framed_whole,
	                      record_straddles_read_chunks,
	                      records_framed_in_place_are_those_framed_from_copies,
	                      gzip_cut_mid_record_reports_the_stream_error_once,
	                      garbage_then_a_cut_stream_reports_both,
	                      a_corrupt_bzip2_block_is_one_report_and_the_records_after_it_read,
	                      missing_file_is_an_open_error,
	                      peek_reads_the_first_sound_record_quietly,
	                      a_peek_hands_its_first_bzip2_block_to_the_stream,
	                      a_closed_readers_buffer_serves_the_next_reader,
	                      a_grown_reader_buffer_is_not_kept);
	tcase_set_timeout(tc, 120);
	return run_suite(s);
}
