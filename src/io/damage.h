/*
 * damage.h — what the input side found wrong with an input, as data.
 * Owns: the shape of a damage event (which input, which byte, why) and of
 * the sink that receives them. Never: prints or counts; the pipeline (cli)
 * alone does, so the progress line, per-file summaries and the exit status
 * are decided in one place.
 */
#ifndef MRTREACH_DAMAGE_H
#define MRTREACH_DAMAGE_H

#include <stdint.h>

enum damage_kind {
	DAMAGE_BYTES,               /* damaged bytes at offset, skipped */
	DAMAGE_FILE,                /* the input as a whole (unreadable, not MRT); no offset */
	DAMAGE_NOTE,                /* worth saying, not damage (an empty file): exit stays 0 */
};

struct damage {
	enum damage_kind kind;
	const char *path;           /* the input, as given */
	uint32_t source;            /* its merge index (0 for a lone reader) */
	uint64_t offset;            /* DAMAGE_BYTES: byte in the decompressed stream */
	const char *reason;         /* one line, no file or offset in it */
};

/* Receives each event as it is found; the strings live only for the call. */
typedef void (*damage_fn)(const struct damage *d, void *arg);

#endif
