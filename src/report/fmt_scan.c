/*
 * fmt_scan.c — scan events: one line (or JSON object) per event.
 * Never: reads routing state beyond the event list.
 */
#include "report/fmt_scan.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* "2011-01-27 22:12:43 UTC" (sep ' ', zone " UTC") or "2011-01-27T22:12:43Z". */
static void when(uint32_t ts, bool iso, char *dst, size_t len)
{
	time_t t = (time_t)ts;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(dst, len, iso ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static void ident(const struct scan_event *e, char *dst, size_t len)
{
	if (e->kind == SCAN_AS) {
		snprintf(dst, len, "%u", e->id);
	} else {
		char cc[3];
		deleg_cc_str((deleg_cc)e->id, cc);
		snprintf(dst, len, "%s", cc);
	}
}

/* A stretch in which no collector had data: no event can be found there. */
static void no_data_line(struct outbuf *o, enum report_fmt f, const struct cov_gap *g)
{
	char s[32], t[32], d[32];
	when(g->from_ts, f != REPORT_TEXT, s, sizeof s);
	when(g->until_ts, f != REPORT_TEXT, t, sizeof t);
	report_duration((int64_t)g->until_ts - (int64_t)g->from_ts, d);
	if (f == REPORT_TEXT)
		out_printf(o, "no data from any collector: %s to %s (%s): nothing can be said of it\n", s, t, d);
	else if (f == REPORT_TSV)
		out_printf(o, "# no data from any collector: %s\t%s\t%u\t%u\n", s, t, g->from_ts, g->until_ts);
	else
		out_printf(o, "{\"kind\":\"no_data\",\"start\":\"%s\",\"end\":\"%s\",\"start_ts\":%u,"
		           "\"end_ts\":%u,\"duration_s\":%lld}\n", s, t, g->from_ts, g->until_ts,
		           (long long)g->until_ts - (long long)g->from_ts);
}

static void event_line(struct outbuf *o, enum report_fmt f, const struct scan_event *e)
{
	char id[16], s[32], t[32], d[32], depth[32], nu[32], np[32];
	const char *kind = e->kind == SCAN_AS ? "as" : "country";
	ident(e, id, sizeof id);
	when(e->start, f != REPORT_TEXT, s, sizeof s);
	when(e->end, f != REPORT_TEXT, t, sizeof t);
	report_duration((int64_t)e->end - (int64_t)e->start, d);
	report_units(e->normal, nu, sizeof nu);
	report_units(e->normal_prefixes, np, sizeof np);
	if (f == REPORT_TEXT) {
		report_share_text(e->depth, depth, sizeof depth);
		out_printf(o, "%-7s  %-7s  %s  %-23s  %-9s  %-5s  %9s  %8s  %u%s\n", kind, id, s,
		           e->ongoing ? "ongoing" : t, d, depth, nu, np, e->dark,
		           e->ongoing ? " (still below at the end of the data)"
		           : e->cut ? " (then no data decides: it may have lasted longer)" : "");
		return;
	}
	report_share_num(e->depth, depth, sizeof depth);
	if (f == REPORT_TSV) {
		out_printf(o, "%s\t%s\t%s\t%s\t%u\t", kind, id, s, e->ongoing ? "ongoing" : t, e->start);
		if (!e->ongoing)
			out_printf(o, "%u", e->end);
		out_printf(o, "\t%lld\t%s\t%s\t%s\t%u\n", (long long)e->end - (long long)e->start, depth, nu,
		           np, e->dark);
		return;
	}
	out_printf(o, "{\"kind\":\"%s\",\"id\":\"%s\",\"start\":\"%s\",", kind, id, s);
	if (e->ongoing)
		out_str(o, "\"end\":null,");
	else
		out_printf(o, "\"end\":\"%s\",", t);
	out_printf(o, "\"start_ts\":%u,", e->start);
	if (e->ongoing)
		out_str(o, "\"end_ts\":null,");
	else
		out_printf(o, "\"end_ts\":%u,", e->end);
	out_printf(o, "\"duration_s\":%lld,\"ongoing\":%s,\"depth\":%s,\"normal_slash24\":%s,"
	           "\"normal_prefixes\":%s,\"dark_prefixes\":%u}\n",
	           (long long)e->end - (long long)e->start, e->ongoing ? "true" : "false", depth, nu, np,
	           e->dark);
}

void report_scan(struct outbuf *o, enum report_fmt f, const struct scan_info *si,
                 const struct scan *s)
{
	size_t nas, ncc;
	scan_counts(s, &nas, &ncc);
	char below[32], md[32], ms[32];
	report_share_text(si->below, below, sizeof below);
	report_duration(si->min_duration, md);
	report_units(si->min_size, ms, sizeof ms);
	if (f == REPORT_TEXT) {
		out_printf(o, "scan of %zu origin AS%s", nas, nas == 1 ? "" : "es");
		if (si->ndeleg)
			out_printf(o, " and %zu countr%s", ncc, ncc == 1 ? "y" : "ies");
		else
			out_str(o, " (no --delegations: no countries)");
		out_printf(o, "\nrule: %s\n", si->rule);
		out_printf(o, "%zu event%s: level (visible /24 units) below %s of its normal (24-hour median) "
		           "for at least %s, entities of at least %s /24 units, by %s\n",
		           s->nev, s->nev == 1 ? "" : "s", below, md, ms, si->sort);
		if (s->nev == 0) {
			for (size_t i = 0; i < si->nnodata && out_ok(o); i++)
				no_data_line(o, f, &si->nodata[i]);
			return;
		}
		out_printf(o, "%-7s  %-7s  %-23s  %-23s  %-9s  %-5s  %9s  %8s  %s\n", "kind", "id", "start (UTC)",
		           "end (UTC)", "duration", "depth", "normal/24", "prefixes", "dark");
	} else if (f == REPORT_TSV) {
		out_printf(o, "# scan: %zu origin ASes, %zu countries; %s; below %s of normal for at least %s\n",
		           nas, ncc, si->rule, below, md);
		out_str(o, "#kind\tid\tstart\tend\tstart_ts\tend_ts\tduration_s\tdepth\tnormal_slash24\t"
		           "normal_prefixes\tdark_prefixes\n");
	}
	for (size_t i = 0; i < s->nev && out_ok(o); i++)
		event_line(o, f, &s->ev[i]);
	for (size_t i = 0; i < si->nnodata && out_ok(o); i++)
		no_data_line(o, f, &si->nodata[i]);
}
