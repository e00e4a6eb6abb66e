/*
 * filecheck.h — is a local archive file whole?
 * Owns: reading a file to its end through input.h (so a gzip or bzip2
 * stream that does not end is seen as input.c sees it) and judging its first
 * MRT common header (RFC 6396 §2: a known type, a length under the cap, a
 * time near the one in the file's name).
 * Never: decodes records, prints, or reports damage through diag.h (the
 * caller says what to do with the answer).
 */
#ifndef MRTREACH_FILECHECK_H
#define MRTREACH_FILECHECK_H

#include <stddef.h>
#include <stdint.h>

enum filecheck_result {
	FILECHECK_WHOLE,        /* readable to a clean end, first header plausible */
	FILECHECK_CUT,          /* the compressed stream stops early or is damaged */
	FILECHECK_BAD_HEADER,   /* empty, or the first MRT header is not one */
	FILECHECK_UNREADABLE,   /* cannot be opened */
};

/* Checks path; expect_time (0: any) is the time in its name, the first
 * record must lie within a day of it. why gets a one-line reason. */
enum filecheck_result filecheck_archive(const char *path, int64_t expect_time, char *why, size_t n);

#endif
