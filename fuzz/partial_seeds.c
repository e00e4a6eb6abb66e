/*
 * partial_seeds.c — seeds for fuzz_partial (make fuzz-run): each partial
 * file given becomes two inputs in DIR, the whole file (mode 0) and its
 * first 10 bytes with the body inflated (mode 1, see fuzz_partial.c).
 * Usage: partial_seeds DIR FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/partial.h"

static int put(const char *dir, const char *name, const char *ext, uint8_t mode,
               const uint8_t *b, size_t n)
{
	const char *base = strrchr(name, '/');
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.%s", dir, base ? base + 1 : name, ext);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(&mode, 1, 1, f) != 1 || fwrite(b, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int st = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: partial_seeds DIR FILE...\n");
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		struct partial_r r;
		char err[256];
		FILE *f = fopen(argv[i], "rb");
		static uint8_t raw[1 << 22];
		size_t n = f ? fread(raw, 1, sizeof raw, f) : 0;
		if (f)
			fclose(f);
		if (partial_r_open(&r, argv[i], err, sizeof err) != 0) {
			fprintf(stderr, "partial_seeds: %s: %s\n", argv[i], err);
			st = 1;
			continue;
		}
		st |= put(argv[1], argv[i], "file", 0, raw, n);
		st |= put(argv[1], argv[i], "body", 1, r.buf, r.len);
		partial_r_close(&r);
	}
	return st;
}
