/*
 * coverage_keep.h — each collector's coverage kept from the pipeline (its
 * on_coverage hook) until a report shows it, in the order of the
 * collectors' names: what stats and peers share.
 * Owns: the copy, the name order and the view handed to the report
 * (report/fmt_coverage.h). Never: computes coverage or prints.
 */
#ifndef MRTREACH_COVERAGE_KEEP_H
#define MRTREACH_COVERAGE_KEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "io/coverage.h"
#include "report/fmt_coverage.h"

struct cov_keep {
	struct cov_collector *cov;  /* by collector index; NULL: none given */
	size_t n;
	struct cov_gap *gaps;       /* by time */
	size_t ngaps;
	char **sorted;              /* the names, sorted (cov_keep_view) */
	struct report_cov *rc;
	const char **gap_names;
};

/* Keeps cov's collectors (the first nnames) and gaps: the body of an
 * on_coverage hook. False when out of memory. */
bool cov_keep_take(struct cov_keep *k, const struct coverage *cov, size_t nnames);
/* The names (by collector index) sorted into k->sorted, and the view in
 * that order. False when out of memory. */
bool cov_keep_view(struct cov_keep *k, char *const *names, size_t nnames, struct cov_view *out);
void cov_keep_free(struct cov_keep *k);

#endif
