/* filecheck.c — see filecheck.h. */
#include "io/filecheck.h"

#include <stdbool.h>
#include <stdio.h>

#include "decode/mrtdef.h"
#include "io/input.h"
#include "io/mrt.h"

/* The first MRT common header, or why it is not one. */
static const char *bad_header(const unsigned char *h, size_t got, int64_t expect_time)
{
	if (got == 0)
		return "no MRT record: the file is empty once decompressed";
	if (got < MRT_HEADER_LEN)
		return "shorter than one MRT header";
	uint32_t ts = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
	uint16_t type = (uint16_t)(h[4] << 8 | h[5]);
	uint32_t len = (uint32_t)h[8] << 24 | (uint32_t)h[9] << 16 | (uint32_t)h[10] << 8 | h[11];
	if (!mrt_type_known(type))
		return "the first MRT header has an unknown type: not an MRT file";
	if (len > MRT_MAX_RECORD)
		return "the first MRT header declares an impossible length: not an MRT file";
	if (expect_time && ((int64_t)ts < expect_time - 86400 || (int64_t)ts > expect_time + 86400))
		return "the first record's time is more than a day from the time in the file's name";
	return NULL;
}

enum filecheck_result filecheck_archive(const char *path, int64_t expect_time, char *why, size_t n)
{
	unsigned char buf[65536], head[MRT_HEADER_LEN];
	size_t got = 0;
	struct input *in = input_open(path, why, n);

	if (!in)
		return FILECHECK_UNREADABLE;
	for (;;) {
		ssize_t r = input_read(in, buf, sizeof buf);
		if (r < 0) {
			snprintf(why, n, "cut or damaged at compressed byte %llu: %s",
			         (unsigned long long)input_error_offset(in), input_error(in));
			input_close(in);
			return FILECHECK_CUT;
		}
		if (r == 0)
			break;
		for (ssize_t i = 0; i < r && got < sizeof head; i++)
			head[got++] = buf[i];
	}
	input_close(in);
	const char *bad = bad_header(head, got, expect_time);
	if (bad) {
		snprintf(why, n, "%s", bad);
		return FILECHECK_BAD_HEADER;
	}
	snprintf(why, n, "whole");
	return FILECHECK_WHOLE;
}
