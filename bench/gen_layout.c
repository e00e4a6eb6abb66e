/*
 * gen_layout.c — an archive layout of several collectors, each a RIB dump
 * and a day of update files, from MRT records on hand (bench/run's
 * two-collector merge, bench/README.md).
 * Owns: OUTDIR/<collector>/rib.20141221.0000 and updates.20141221.HHMM
 * (plain MRT; bench/run compresses them), the records' timestamps rewritten
 * so that the RIB is at 2014-12-21 00:00 UTC and the updates spread over the
 * day, file after file, in time order, as RouteViews and RIS lay them out.
 * Never: changes anything but the 4-byte timestamp of each record header, or
 * writes a record it could not frame (a cut record at the end is dropped).
 *
 * Usage: gen_layout OUTDIR RIB.mrt UPDATES.mrt [--files N] [--collectors C]
 *   N update files per collector (default 96: every 15 minutes), C
 *   collectors (default 2: route-views2, rrc00; then collector3, ...). Every
 *   collector gets the same records.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define T0  1419120000u         /* 2014-12-21 00:00:00 UTC */
#define DAY 86400u
#define HDR 12

struct map {
	const uint8_t *p;
	size_t len;
};

static void fail(const char *what)
{
	fprintf(stderr, "gen_layout: %s: %s\n", what, strerror(errno));
	exit(1);
}

static struct map map_file(const char *path)
{
	struct map m = { NULL, 0 };
	struct stat st;
	int fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) != 0)
		fail(path);
	m.len = (size_t)st.st_size;
	if (m.len > 0) {
		m.p = mmap(NULL, m.len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m.p == MAP_FAILED)
			fail(path);
	}
	close(fd);
	return m;
}

/* The length of the record at off (header included), or 0 when it does
 * not fit in what remains. */
static size_t record_at(const struct map *m, size_t off)
{
	if (m->len - off < HDR)
		return 0;
	const uint8_t *h = m->p + off;
	uint64_t len = HDR + ((uint64_t)h[8] << 24 | (uint64_t)h[9] << 16 | (uint64_t)h[10] << 8 | h[11]);
	return len <= m->len - off ? (size_t)len : 0;
}

static size_t count_records(const struct map *m)
{
	size_t n = 0, off = 0, k;
	while (off < m->len && (k = record_at(m, off)) > 0) {
		off += k;
		n++;
	}
	return n;
}

/* Writes the record at off with timestamp ts. */
static void put_record(FILE *f, const struct map *m, size_t off, size_t len, uint32_t ts)
{
	uint8_t t[4] = { (uint8_t)(ts >> 24), (uint8_t)(ts >> 16), (uint8_t)(ts >> 8), (uint8_t)ts };
	if (fwrite(t, 1, 4, f) != 4 || fwrite(m->p + off + 4, 1, len - 4, f) != len - 4)
		fail("write");
}

static FILE *create(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		fail(path);
	return f;
}

static void finish(FILE *f)
{
	if (fclose(f) != 0)
		fail("close");
}

static void write_collector(const char *dir, const struct map *rib, const struct map *upd,
                            size_t nupd, unsigned files)
{
	size_t off = 0, k, j = 0;
	FILE *f = create(dir, "rib.20141221.0000");
	while (off < rib->len && (k = record_at(rib, off)) > 0) {
		put_record(f, rib, off, k, T0);
		off += k;
	}
	finish(f);

	uint32_t span = DAY / files;
	off = 0;
	for (unsigned i = 0; i < files; i++) {
		char name[64];
		uint32_t start = T0 + i * span;
		snprintf(name, sizeof name, "updates.20141221.%02u%02u", (unsigned)(i * span / 3600),
		         (unsigned)(i * span % 3600 / 60));
		f = create(dir, name);
		/* File i holds records [nupd * i / files, nupd * (i + 1) / files). */
		size_t first = nupd * i / files, last = nupd * (i + 1) / files;
		for (; j < last && (k = record_at(upd, off)) > 0; j++) {
			put_record(f, upd, off, k, start + (uint32_t)((j - first) * span / (last - first)));
			off += k;
		}
		finish(f);
	}
}

int main(int argc, char **argv)
{
	unsigned files = 96, collectors = 2;
	const char *pos[3];
	int npos = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--files") == 0 && i + 1 < argc)
			files = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--collectors") == 0 && i + 1 < argc)
			collectors = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (npos < 3 && argv[i][0] != '-')
			pos[npos++] = argv[i];
		else
			npos = 4;
	}
	if (npos != 3 || files == 0 || files > 1440 || collectors == 0 || collectors > 100) {
		fprintf(stderr, "usage: gen_layout OUTDIR RIB.mrt UPDATES.mrt [--files N (1-1440)] "
		                "[--collectors C (1-100)]\n");
		return 2;
	}
	struct map rib = map_file(pos[1]), upd = map_file(pos[2]);
	size_t nupd = count_records(&upd);
	if (mkdir(pos[0], 0777) != 0 && errno != EEXIST)
		fail(pos[0]);
	for (unsigned c = 0; c < collectors; c++) {
		char dir[4096], name[32];
		if (c < 2)
			snprintf(name, sizeof name, "%s", c == 0 ? "route-views2" : "rrc00");
		else
			snprintf(name, sizeof name, "collector%u", c + 1);
		snprintf(dir, sizeof dir, "%s/%s", pos[0], name);
		if (mkdir(dir, 0777) != 0 && errno != EEXIST)
			fail(dir);
		write_collector(dir, &rib, &upd, nupd, files);
	}
	printf("collectors %u\nfiles %u\nupdate_records %zu\n", collectors, files, nupd);
	return 0;
}
