/*
 * fuzz_stream.c — libFuzzer target: a whole input file (gzip, bzip2 or
 * plain) through decompression, MRT framing with its damage handling and
 * resynchronisation, and decoding.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "decode/decode.h"
#include "io/mrt.h"

/* Damage events are read (their strings must be sound), not printed. */
static void quiet(const struct damage *d, void *arg) { *(size_t *)arg += strlen(d->reason); }
static int count(const struct elem *e, void *arg) { (void)e; ++*(uint64_t *)arg; return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct decoder *d;
	static int fd = -1;
	if (!d) {
		d = decoder_new();
		fd = memfd_create("fuzz", 0);
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		return 0;
	char path[64], err[256];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	struct mrt_reader *r = mrt_open(path, err, sizeof err);
	if (!r)
		return 0;
	size_t said = 0;
	mrt_set_damage(r, quiet, &said, 0);
	struct mrt_record rec;
	uint64_t n = 0;
	const char *why;
	while (mrt_next(r, &rec) == 1)
		decode_record(d, &rec, 0, 0, count, &n, &why);
	mrt_close(r);
	decoder_source_done(d, 0);
	return 0;
}
