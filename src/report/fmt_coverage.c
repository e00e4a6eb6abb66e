/*
 * fmt_coverage.c — each collector's coverage as text, TSV keys and JSON.
 * Never: computes it.
 */
#include "report/fmt_coverage.h"

#include "report/timefmt.h"

void cov_text(struct outbuf *o, const struct cov_view *c, const char *lead)
{
	char t1[32], t2[32], d[32];
	for (size_t i = 0; c->cov && i < c->ncollectors; i++) {
		const struct cov_collector *k = &c->cov[i].k;
		out_printf(o, "%s%-22s %s: ", lead, i ? "" : "coverage", c->cov[i].name);
		if (!k->any) {
			out_str(o, "no time known\n");
			continue;
		}
		fmt_time_human(k->first_ts, t1);
		fmt_time_human(k->last_ts, t2);
		fmt_duration((int64_t)k->gap_seconds, d);
		out_printf(o, "%s to %s, %zu file%s (%zu RIB dump%s), ", t1, t2, k->files,
		           k->files == 1 ? "" : "s", k->ribs, k->ribs == 1 ? "" : "s");
		if (k->ngaps)
			out_printf(o, "%zu gap%s (%s)\n", k->ngaps, k->ngaps == 1 ? "" : "s", d);
		else
			out_str(o, "no gap\n");
	}
	for (size_t i = 0; i < c->ngaps; i++) {
		const struct cov_gap *g = &c->gaps[i];
		fmt_time_human(g->from_ts, t1);
		fmt_time_human(g->until_ts, t2);
		fmt_duration((int64_t)g->until_ts - g->from_ts, d);
		out_printf(o, "%s  gap  %s %s to %s (%s): %s\n", lead, c->gap_names[i], t1, t2, d,
		           cov_reason_text(g->reason));
	}
}

void cov_tsv_keys(struct outbuf *o, const struct cov_view *c)
{
	for (size_t i = 0; c->cov && i < c->ncollectors; i++) {
		const struct cov_collector *k = &c->cov[i].k;
		const char *n = c->cov[i].name;
		if (k->any)
			out_printf(o, "coverage.%s.first_ts\t%u\ncoverage.%s.last_ts\t%u\n", n, k->first_ts, n,
			           k->last_ts);
		out_printf(o, "coverage.%s.files\t%zu\ncoverage.%s.gaps\t%zu\ncoverage.%s.gap_seconds\t%llu\n",
		           n, k->files, n, k->ngaps, n, (unsigned long long)k->gap_seconds);
	}
	for (size_t i = 0; i < c->ngaps; i++)
		out_printf(o, "gap\t%s\t%u\t%u\t%s\n", c->gap_names[i], c->gaps[i].from_ts,
		           c->gaps[i].until_ts, cov_reason_text(c->gaps[i].reason));
}

void cov_json_array(struct outbuf *o, const struct cov_view *c)
{
	out_char(o, '[');
	for (size_t i = 0; c->cov && i < c->ncollectors; i++) {
		const struct cov_collector *k = &c->cov[i].k;
		out_str(o, i ? ",{\"collector\":" : "{\"collector\":");
		out_json_str(o, c->cov[i].name);
		if (k->any)
			out_printf(o, ",\"first_ts\":%u,\"last_ts\":%u", k->first_ts, k->last_ts);
		else
			out_str(o, ",\"first_ts\":null,\"last_ts\":null");
		out_printf(o, ",\"files\":%zu,\"rib_files\":%zu,\"gap_seconds\":%llu,\"gaps\":[", k->files,
		           k->ribs, (unsigned long long)k->gap_seconds);
		bool first = true;
		for (size_t j = 0; j < c->ngaps; j++) {
			if (c->gap_names[j] != c->cov[i].name)
				continue;
			out_printf(o, "%s{\"from_ts\":%u,\"until_ts\":%u,\"reason\":", first ? "" : ",",
			           c->gaps[j].from_ts, c->gaps[j].until_ts);
			out_json_str(o, cov_reason_text(c->gaps[j].reason));
			out_char(o, '}');
			first = false;
		}
		out_str(o, "]}");
	}
	out_char(o, ']');
}
