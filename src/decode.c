/* decode.c — see decode.h. (stub: to be implemented) */
#include "decode.h"
#include <stdlib.h>
struct decoder { struct decode_stats st; };
struct decoder *decoder_new(void) { return calloc(1, sizeof(struct decoder)); }
void decoder_free(struct decoder *d) { free(d); }
int decode_record(struct decoder *d, const struct mrt_record *rec, uint32_t source, uint32_t collector,
                  elem_fn fn, void *arg, const char **why)
{ (void)d; (void)rec; (void)source; (void)collector; (void)fn; (void)arg; *why = "not implemented"; return -1; }
void decoder_source_done(struct decoder *d, uint32_t source) { (void)d; (void)source; }
const struct decode_stats *decoder_stats(const struct decoder *d) { return &d->st; }
