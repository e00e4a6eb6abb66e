/* merge.c — see merge.h. (stub: to be implemented) */
#include "merge.h"
#include <stdio.h>
struct merge *merge_open(const char *const *paths, size_t n, char *err, size_t errlen)
{ (void)paths; (void)n; snprintf(err, errlen, "merge not implemented"); return NULL; }
int merge_next(struct merge *m, struct mrt_record *rec, const struct source **src)
{ (void)m; (void)rec; (void)src; return MERGE_DONE; }
void merge_close(struct merge *m) { (void)m; }
