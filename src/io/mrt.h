/*
 * mrt.h — MRT record framing (RFC 6396) over one input.
 * Owns: the 12-byte common header, the BGP4MP_ET microsecond field, length
 * checks, the cap on record size, resynchronising after damage, and the
 * known quirks of real archives (early RIS TABLE_DUMP records that declare
 * 4 bytes fewer than they hold, one entry or many back to back).
 * Never: decodes record bodies (decode.h does).
 * Damage is handed to a damage sink (damage.h) as an event with the file
 * and byte offset, then skipped: mrt_next() only hands out records whose
 * bytes are all present. Never prints.
 */
#ifndef MRTREACH_MRT_H
#define MRTREACH_MRT_H

#include <stddef.h>
#include <stdint.h>

#include "decode/mrtdef.h"   /* struct mrt_record */
#include "io/damage.h"
#include "io/input.h"         /* enum input_kind */

/* Largest record body accepted. Real records are below 1 MiB (a RIB entry
 * with thousands of paths); a larger length is damage, never allocated. */
#define MRT_MAX_RECORD (16u << 20)

struct mrt_reader;
struct bz2par_first;

/* NULL with a reason in err when the file cannot be opened. */
struct mrt_reader *mrt_open(const char *path, char *err, size_t errlen);
/* Reads the first sound record of path quietly (no diagnostics, no thread,
 * small reads): 1 with its timestamp and type, 0 when it has none, -1 with
 * a reason in err when the file cannot be opened. merge.c orders its
 * inputs by it. With keep, *keep gets the first block the peek decoded
 * (bzip2 on disk; else NULL) so that the stream need not decode it again.
 * With kind, *kind gets its compression, as its first bytes say (when it
 * can be opened). */
int mrt_peek(const char *path, uint32_t *ts, uint16_t *type, struct bz2par_first **keep,
             enum input_kind *kind, char *err, size_t errlen);
/* mrt_open, handed what a peek kept with keep (taken; NULL is fine). */
struct mrt_reader *mrt_open_first(const char *path, struct bz2par_first *first, char *err,
                                  size_t errlen);
/* Where damage found from now on goes, as events naming source (the
 * caller's index for this input). Without a sink the reader is silent. */
void mrt_set_damage(struct mrt_reader *r, damage_fn fn, void *arg, uint32_t source);
/* 1 with the next record (valid until the next call), 0 at the end. */
int mrt_next(struct mrt_reader *r, struct mrt_record *rec);
const char *mrt_path(const struct mrt_reader *r);
uint64_t mrt_compressed_pos(const struct mrt_reader *r);
void mrt_close(struct mrt_reader *r);

#endif
