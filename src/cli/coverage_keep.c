/*
 * coverage_keep.c — coverage kept for a report, in the order of names.
 */
#include "cli/coverage_keep.h"

#include <stdlib.h>
#include <string.h>

bool cov_keep_take(struct cov_keep *k, const struct coverage *cov, size_t nnames)
{
	k->cov = calloc(nnames ? nnames : 1, sizeof *k->cov);
	k->gaps = coverage_copy_gaps(cov, false, &k->ngaps);
	if (!k->cov || !k->gaps)
		return false;
	k->n = nnames < coverage_ncollectors(cov) ? nnames : coverage_ncollectors(cov);
	for (size_t i = 0; i < k->n; i++)
		k->cov[i] = *coverage_collector(cov, (uint32_t)i);
	return true;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool cov_keep_view(struct cov_keep *k, char *const *names, size_t nnames, struct cov_view *out)
{
	memset(out, 0, sizeof *out);
	k->sorted = malloc((nnames ? nnames : 1) * sizeof *k->sorted);
	k->rc = calloc(nnames ? nnames : 1, sizeof *k->rc);
	k->gap_names = calloc(k->ngaps ? k->ngaps : 1, sizeof *k->gap_names);
	if (!k->sorted || !k->rc || !k->gap_names)
		return false;
	memcpy(k->sorted, names, nnames * sizeof *k->sorted);
	qsort(k->sorted, nnames, sizeof *k->sorted, cmp_name);
	/* coverage in the order of the sorted names (the same strings) */
	for (size_t i = 0; i < nnames; i++)
		for (size_t j = 0; j < nnames; j++)
			if (k->sorted[i] == names[j]) {
				k->rc[i].name = names[j];
				if (j < k->n)
					k->rc[i].k = k->cov[j];
			}
	for (size_t i = 0; i < k->ngaps; i++)
		k->gap_names[i] = k->gaps[i].collector < nnames ? names[k->gaps[i].collector] : "";
	*out = (struct cov_view){ .cov = k->cov ? k->rc : NULL, .ncollectors = nnames,
	                          .gaps = k->gaps, .gap_names = k->gap_names, .ngaps = k->ngaps };
	return true;
}

void cov_keep_free(struct cov_keep *k)
{
	void *owned[] = { k->cov, k->gaps, k->sorted, k->rc, (void *)k->gap_names };
	for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
		free(owned[i]);
	memset(k, 0, sizeof *k);
}
