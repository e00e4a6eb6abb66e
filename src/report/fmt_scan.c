/*
 * fmt_scan.c — scan events: one line (or JSON object) per event, one table
 * of functions per format (scan_outputs).
 * Never: reads routing state beyond the event list, or tests which format
 * it writes.
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

/* An event's words, in the format's time style (iso: tsv and json). */
struct ev_words {
	const char *kind;
	char id[16], s[32], t[32], d[32], nu[32], np[32];
};

static void ev_words(const struct scan_event *e, bool iso, struct ev_words *w)
{
	w->kind = e->kind == SCAN_AS ? "as" : "country";
	if (e->kind == SCAN_AS) {
		snprintf(w->id, sizeof w->id, "%u", e->id);
	} else {
		char cc[3];
		deleg_cc_str((deleg_cc)e->id, cc);
		snprintf(w->id, sizeof w->id, "%s", cc);
	}
	when(e->start, iso, w->s, sizeof w->s);
	when(e->end, iso, w->t, sizeof w->t);
	report_duration((int64_t)e->end - (int64_t)e->start, w->d);
	report_units(e->normal, w->nu, sizeof w->nu);
	report_units(e->normal_prefixes, w->np, sizeof w->np);
}

/* A stretch in which no collector had data: no event can be found there. */
struct gap_words {
	char s[32], t[32], d[32];
};

static void gap_words(const struct cov_gap *g, bool iso, struct gap_words *w)
{
	when(g->from_ts, iso, w->s, sizeof w->s);
	when(g->until_ts, iso, w->t, sizeof w->t);
	report_duration((int64_t)g->until_ts - (int64_t)g->from_ts, w->d);
}

/* What the headers say: the entities seen, --below and --min-duration. */
struct head_words {
	size_t nas, ncc;
	char below[32], md[32], ms[32];
};

static void head_words(const struct scan_info *si, const struct scan *s, struct head_words *w)
{
	scan_counts(s, &w->nas, &w->ncc);
	report_share_text(si->below, w->below, sizeof w->below);
	report_duration(si->min_duration, w->md);
	report_units(si->min_size, w->ms, sizeof w->ms);
}

/* ---- text ------------------------------------------------------------------ */

static void text_head(struct outbuf *o, const struct scan_info *si, const struct scan *s)
{
	struct head_words h;
	head_words(si, s, &h);
	out_printf(o, "scan of %zu origin AS%s", h.nas, h.nas == 1 ? "" : "es");
	if (si->ndeleg)
		out_printf(o, " and %zu countr%s", h.ncc, h.ncc == 1 ? "y" : "ies");
	else
		out_str(o, " (no --delegations: no countries)");
	out_printf(o, "\nrule: %s\n", si->rule);
	out_printf(o, "%zu event%s: level (visible /24 units) below %s of its normal (24-hour median) "
	           "for at least %s, entities of at least %s /24 units, by %s\n",
	           s->nev, s->nev == 1 ? "" : "s", h.below, h.md, h.ms, si->sort);
	if (s->nev)
		out_printf(o, "%-7s  %-7s  %-23s  %-23s  %-9s  %-5s  %9s  %8s  %s\n", "kind", "id",
		           "start (UTC)", "end (UTC)", "duration", "depth", "normal/24", "prefixes", "dark");
}

static void text_event(struct outbuf *o, const struct scan_event *e)
{
	struct ev_words w;
	char depth[32];
	ev_words(e, false, &w);
	report_share_text(e->depth, depth, sizeof depth);
	out_printf(o, "%-7s  %-7s  %s  %-23s  %-9s  %-5s  %9s  %8s  %u%s\n", w.kind, w.id, w.s,
	           e->ongoing ? "ongoing" : w.t, w.d, depth, w.nu, w.np, e->dark,
	           e->ongoing ? " (still below at the end of the data)"
	           : e->cut ? " (then no data decides: it may have lasted longer)" : "");
}

static void text_no_data(struct outbuf *o, const struct cov_gap *g)
{
	struct gap_words w;
	gap_words(g, false, &w);
	out_printf(o, "no data from any collector: %s to %s (%s): nothing can be said of it\n", w.s, w.t, w.d);
}

/* ---- tsv --------------------------------------------------------------------- */

static void tsv_head(struct outbuf *o, const struct scan_info *si, const struct scan *s)
{
	struct head_words h;
	head_words(si, s, &h);
	out_printf(o, "# scan: %zu origin ASes, %zu countries; %s; below %s of normal for at least %s\n",
	           h.nas, h.ncc, si->rule, h.below, h.md);
	out_str(o, "#kind\tid\tstart\tend\tstart_ts\tend_ts\tduration_s\tdepth\tnormal_slash24\t"
	           "normal_prefixes\tdark_prefixes\tcut\n");
}

static void tsv_event(struct outbuf *o, const struct scan_event *e)
{
	struct ev_words w;
	char depth[32];
	ev_words(e, true, &w);
	report_share_num(e->depth, depth, sizeof depth);
	out_printf(o, "%s\t%s\t%s\t%s\t%u\t", w.kind, w.id, w.s, e->ongoing ? "ongoing" : w.t, e->start);
	if (!e->ongoing)
		out_printf(o, "%u", e->end);
	out_printf(o, "\t%lld\t%s\t%s\t%s\t%u\t%d\n", (long long)e->end - (long long)e->start, depth, w.nu,
	           w.np, e->dark, e->cut ? 1 : 0);
}

static void tsv_no_data(struct outbuf *o, const struct cov_gap *g)
{
	struct gap_words w;
	gap_words(g, true, &w);
	out_printf(o, "# no data from any collector: %s\t%s\t%u\t%u\n", w.s, w.t, g->from_ts, g->until_ts);
}

/* ---- json -------------------------------------------------------------------- */

static void json_head(struct outbuf *o, const struct scan_info *si, const struct scan *s)
{
	(void)o, (void)si, (void)s;
}

static void json_event(struct outbuf *o, const struct scan_event *e)
{
	struct ev_words w;
	char depth[32];
	ev_words(e, true, &w);
	report_share_num(e->depth, depth, sizeof depth);
	out_printf(o, "{\"kind\":\"%s\",\"id\":\"%s\",\"start\":\"%s\",", w.kind, w.id, w.s);
	if (e->ongoing)
		out_str(o, "\"end\":null,");
	else
		out_printf(o, "\"end\":\"%s\",", w.t);
	out_printf(o, "\"start_ts\":%u,", e->start);
	if (e->ongoing)
		out_str(o, "\"end_ts\":null,");
	else
		out_printf(o, "\"end_ts\":%u,", e->end);
	out_printf(o, "\"duration_s\":%lld,\"ongoing\":%s,\"depth\":%s,\"normal_slash24\":%s,"
	           "\"normal_prefixes\":%s,\"dark_prefixes\":%u,\"cut\":%s}\n",
	           (long long)e->end - (long long)e->start, e->ongoing ? "true" : "false", depth, w.nu,
	           w.np, e->dark, e->cut ? "true" : "false");
}

static void json_no_data(struct outbuf *o, const struct cov_gap *g)
{
	struct gap_words w;
	gap_words(g, true, &w);
	out_printf(o, "{\"kind\":\"no_data\",\"start\":\"%s\",\"end\":\"%s\",\"start_ts\":%u,"
	           "\"end_ts\":%u,\"duration_s\":%lld}\n", w.s, w.t, g->from_ts, g->until_ts,
	           (long long)g->until_ts - (long long)g->from_ts);
}

static const struct scan_output scan_text = { text_head, text_event, text_no_data };
static const struct scan_output scan_tsv = { tsv_head, tsv_event, tsv_no_data };
static const struct scan_output scan_json = { json_head, json_event, json_no_data };
const struct scan_output *const scan_outputs[3] = { &scan_text, &scan_tsv, &scan_json };

void report_scan(struct outbuf *o, const struct scan_output *out, const struct scan_info *si,
                 const struct scan *s)
{
	out->head(o, si, s);
	for (size_t i = 0; i < s->nev && out_ok(o); i++)
		out->event(o, &s->ev[i]);
	for (size_t i = 0; i < si->nnodata && out_ok(o); i++)
		out->no_data(o, &si->nodata[i]);
}
