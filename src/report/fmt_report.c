/*
 * fmt_report.c — text, TSV and JSON Lines for blackout windows and timelines.
 * Owns: column order, header wording, time and duration forms (always UTC).
 * Never: decides anything about routes; reads only the structures it is given.
 */
#include "report/fmt_report.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "report/timefmt.h"

void report_duration(int64_t secs, char *dst)
{
	/* People read "16:15 -> 01:46" as 9h31m: from an hour on, seconds are noise. */
	if (secs >= 3600)
		secs = (secs + 30) / 60 * 60;
	fmt_duration(secs, dst);
}

void report_share_text(double share, char *dst, size_t len)
{
	double pc = share * 100;
	/* never "100%" for a share below 1, never "0%" for one above 0 */
	if (pc > 99.95 && share < 1)
		pc = 99.9;
	else if (pc < 0.05 && share > 0)
		pc = 0.1;
	if (pc == (double)(long)pc)
		snprintf(dst, len, "%.0f%%", pc);
	else
		snprintf(dst, len, "%.1f%%", pc);
}

void report_share_num(double share, char *dst, size_t len)
{
	snprintf(dst, len, "%.6g", share);
}

void report_units(double units, char *dst, size_t len)
{
	if (units == (double)(uint64_t)units)
		snprintf(dst, len, "%.0f", units);
	else
		snprintf(dst, len, "%.2f", units);
}

static void out_prefix(struct outbuf *o, const struct vis *v, uint32_t p)
{
	char buf[PREFIX_STRLEN];
	prefix_format(&v->rib.pfx[p], buf);
	out_str(o, buf);
}

/* "route-views2 (38 vantage points, full-feed: 30 IPv4, 12 IPv6), rrc00 (...)", by name so
 * the line does not depend on the order the files were given in. */
void report_collectors(struct outbuf *o, const struct report_info *ri, const struct vis *v)
{
	bool done[256] = { false };
	size_t n = ri->ncollectors < 256 ? ri->ncollectors : 256;
	for (size_t k = 0; k < n; k++) {
		size_t c = SIZE_MAX;
		for (size_t i = 0; i < n; i++)
			if (!done[i] && (c == SIZE_MAX || strcmp(ri->collectors[i], ri->collectors[c]) < 0))
				c = i;
		done[c] = true;
		uint32_t nv, f[2];
		vis_vp_counts(v, (uint32_t)c, &nv, f);
		const char *name = ri->collectors[c][0] ? ri->collectors[c] : "(unnamed)";
		bool dump = c < v->rib.vt.ncols && v->rib.vt.cols[c].had_dump;
		out_printf(o, "%s%s (%u vantage point%s, full-feed: ", k ? ", " : "", name, nv, nv == 1 ? "" : "s");
		/* Per family: the windows count full-feed VPs of the targets' family. */
		if (f[0] || !f[1])
			out_printf(o, "%u IPv4%s", f[0], f[1] ? ", " : "");
		if (f[1])
			out_printf(o, "%u IPv6", f[1]);
		out_printf(o, "%s)", dump ? "" : "; no RIB dump: every vantage point seen counts as full-feed");
	}
	if (ri->ncollectors > n)
		out_printf(o, " and %zu more", ri->ncollectors - n);
	if (ri->ncollectors == 0)
		out_str(o, "none");
}

/* ---- blackout ----------------------------------------------------------- */

static const char *collector_name(const struct report_info *ri, uint32_t c)
{
	if (c < ri->ncollectors && ri->collectors[c][0])
		return ri->collectors[c];
	return "(unnamed)";
}

/* "rrc00 212.66.96.126 AS20912" for each of the (first four) vantage
 * points that kept a target route through a window (stale routes,
 * usually), sep between them; text adds " and N more". */
static void out_held(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                     const struct bo_window *w, const char *sep)
{
	for (uint32_t i = 0; i < w->nheld && i < 4; i++) {
		const struct vantage_vp *p = &v->rib.vt.vps[w->held[i]];
		char a[ADDR_STRLEN];
		addr_format(&p->ip, a);
		out_printf(o, "%s%s %s AS%u", i ? sep : "", collector_name(ri, p->collector), a, p->asn);
	}
}

static void out_held_text(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                          const struct bo_window *w)
{
	out_held(o, ri, v, w, ", ");
	if (w->nheld > 4)
		out_printf(o, " and %u more", w->nheld - 4);
}

bool report_text_head(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                      const char *rule_note)
{
	out_printf(o, "%s of %s: %zu target prefix%s in the data\n", ri->command, ri->targets,
	           v->ntargets, v->ntargets == 1 ? "" : "es");
	out_printf(o, "rule: %s%s\n", ri->rule, rule_note);
	out_str(o, "collectors: ");
	report_collectors(o, ri, v);
	out_char(o, '\n');
	if (v->ntargets == 0) {
		out_str(o, "no target prefix appears in the data: nothing to report\n");
		return false;
	}
	return true;
}

void report_json_times(struct outbuf *o, uint32_t start, uint32_t end, bool ongoing)
{
	char t[32];
	fmt_time_iso(start, t);
	out_printf(o, "\"start\":\"%s\",", t);
	if (ongoing) {
		out_str(o, "\"end\":null,");
	} else {
		fmt_time_iso(end, t);
		out_printf(o, "\"end\":\"%s\",", t);
	}
	out_printf(o, "\"start_ts\":%u,", start);
	if (ongoing)
		out_str(o, "\"end_ts\":null,");
	else
		out_printf(o, "\"end_ts\":%u,", end);
}

void report_tsv_times(struct outbuf *o, uint32_t start, uint32_t end, bool ongoing)
{
	char s[32], e[32], d[32];
	fmt_time_iso(start, s);
	if (ongoing)
		strcpy(e, "ongoing");
	else
		fmt_time_iso(end, e);
	report_duration((int64_t)end - (int64_t)start, d);
	out_printf(o, "%s\t%s\t%u\t", s, e, start);
	if (ongoing)
		out_str(o, "\t");
	else
		out_printf(o, "%u\t", end);
	out_printf(o, "%lld\t%s\t", (long long)end - (long long)start, d);
}

void report_text_times(uint32_t start, uint32_t end, bool ongoing, char *s, char *e, char *d)
{
	fmt_time_human(start, s);
	if (ongoing)
		snprintf(e, 32, "%-23s", "ongoing");
	else
		fmt_time_human(end, e);
	report_duration((int64_t)end - (int64_t)start, d);
}

/* Gap g of the data overlaps window w (its bounds included). */
static bool gap_in(const struct cov_gap *g, const struct bo_window *w)
{
	return g->from_ts <= w->end_latest && g->until_ts > w->start_earliest;
}

/* "2014-12-23 01:00:00 UTC" or, when bounded, "between ... and ... UTC". */
static void text_bound(uint32_t lo, uint32_t hi, char *dst, size_t len)
{
	char a[32], b[32];
	fmt_time_human(hi, b);
	if (lo == hi) {
		snprintf(dst, len, "%s", b);
		return;
	}
	fmt_time_human(lo, a);
	a[19] = '\0';                    /* drop " UTC": said once after the second */
	snprintf(dst, len, "between %s and %s", a, b);
}

static void json_bounds(struct outbuf *o, const struct report_info *ri, const struct bo_window *w)
{
	out_printf(o, "\"start_earliest_ts\":%u,\"start_latest_ts\":%u,", w->start_earliest, w->start);
	if (w->ongoing)
		out_str(o, "\"end_earliest_ts\":null,\"end_latest_ts\":null,");
	else
		out_printf(o, "\"end_earliest_ts\":%u,\"end_latest_ts\":%u,", w->end, w->end_latest);
	out_str(o, "\"gaps\":[");
	bool first = true;
	for (size_t i = 0; i < ri->ngaps; i++) {
		const struct cov_gap *g = &ri->gaps[i];
		if (!gap_in(g, w))
			continue;
		out_str(o, first ? "{\"collector\":" : ",{\"collector\":");
		out_json_str(o, collector_name(ri, g->collector));
		out_printf(o, ",\"from_ts\":%u,\"until_ts\":%u,\"reason\":", g->from_ts, g->until_ts);
		out_json_str(o, cov_reason_text(g->reason));
		out_char(o, '}');
		first = false;
	}
	out_str(o, "],");
}

/* "rrc00 2014-12-23T01:00:00Z/2014-12-23T02:00:00Z update files missing" per
 * gap (sep between them), those overlapping w or (w NULL) all. */
static void gaps_line(struct outbuf *o, const struct report_info *ri, const struct bo_window *w,
                      const char *sep)
{
	bool first = true;
	for (size_t i = 0; i < ri->ngaps; i++) {
		const struct cov_gap *g = &ri->gaps[i];
		if (w && !gap_in(g, w))
			continue;
		char a[32], b[32];
		fmt_time_iso(g->from_ts, a);
		fmt_time_iso(g->until_ts, b);
		out_printf(o, "%s%s %s/%s %s", first ? "" : sep, collector_name(ri, g->collector), a, b,
		           cov_reason_text(g->reason));
		first = false;
	}
}

static void window_json(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                        const struct bo_window *w)
{
	char t[32];
	out_char(o, '{');
	report_json_times(o, w->start, w->end, w->ongoing);
	out_printf(o, "\"duration_s\":%lld,\"ongoing\":%s,\"dark_at_data_start\":%s,",
	     (long long)bo_duration(w), w->ongoing ? "true" : "false", w->from_start ? "true" : "false");
	json_bounds(o, ri, w);
	if (w->ongoing) {
		fmt_time_iso(w->end, t);
		out_printf(o, "\"data_end\":\"%s\",", t);
	}
	out_str(o, "\"prefixes\":[");
	for (uint32_t i = 0; i < w->ntargets && i < v->ntargets; i++) {
		out_str(o, i ? ",\"" : "\"");
		out_prefix(o, v, v->targets[i]);
		out_char(o, '"');
	}
	out_printf(o, "],\"vantage_points\":%u,\"full_feed\":%u,\"full_feed_with_route_at_start\":%u,"
	        "\"vps_with_route_at_start\":%u,\"min_full_feed_with_route\":%u,"
	        "\"min_vps_with_route\":%u,\"rule\":",
	     w->nvps, w->nfull, w->start_full, w->start_any, w->min_full, w->min_any);
	out_json_str(o, ri->rule_name);
	out_printf(o, ",\"covering\":%s,\"held_throughout\":[", ri->covering ? "true" : "false");
	for (uint32_t i = 0; i < w->nheld && i < 4; i++) {
		const struct vantage_vp *p = &v->rib.vt.vps[w->held[i]];
		char a[ADDR_STRLEN];
		addr_format(&p->ip, a);
		out_str(o, i ? ",{\"collector\":" : "{\"collector\":");
		out_json_str(o, collector_name(ri, p->collector));
		out_printf(o, ",\"peer\":\"%s\",\"peer_as\":%u}", a, p->asn);
	}
	char sh[32];
	report_share_num(w->min_share, sh, sizeof sh);
	out_printf(o, "],\"held_throughout_count\":%u,\"min_share\":%s}\n", w->nheld, sh);
}

static void window_tsv(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                       const struct bo_window *w)
{
	report_tsv_times(o, w->start, w->end, w->ongoing);
	for (uint32_t i = 0; i < w->ntargets && i < v->ntargets; i++) {
		if (i)
			out_char(o, ',');
		out_prefix(o, v, v->targets[i]);
	}
	char sh[32];
	report_share_num(w->min_share, sh, sizeof sh);
	out_printf(o, "\t%u\t%u\t%u\t%u\t%u\t%u\t%s\t%s\t%u\t%u\t", w->nvps, w->nfull, w->start_full,
	     w->start_any, w->min_full, w->min_any,
	     w->from_start ? "dark_at_data_start" : w->ongoing ? "ongoing" : "-", sh,
	     w->start_earliest, w->start);
	if (w->ongoing)
		out_str(o, "\t\t");
	else
		out_printf(o, "%u\t%u\t", w->end, w->end_latest);
	gaps_line(o, ri, w, ";");
	/* Added last, so that the columns before keep their places. */
	out_char(o, '\t');
	out_held(o, ri, v, w, ";");
	out_printf(o, "\t%u\n", w->nheld);
}

static void window_text(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                        const struct bo_window *w)
{
	char s[96], e[96], d[32];
	report_text_times(w->start, w->end, w->ongoing, s, e, d);
	if (w->start_earliest != w->start)
		text_bound(w->start_earliest, w->start, s, sizeof s);
	if (!w->ongoing && w->end_latest != w->end)
		text_bound(w->end, w->end_latest, e, sizeof e);
	out_printf(o, "%s  %s  %-9s  %u/%u full-feed VPs at the start, %u at the fewest%s%s",
	     s, e, d, w->start_full, w->nfull, w->min_full,
	     w->from_start ? "; dark at data start" : "",
	     w->ongoing ? "; still dark at the end of the data" : "");
	if (w->start_undecided || w->end_undecided) {
		/* the gaps of the header, or routes unknown with no gap in the
		 * window: a collector restart, or after a gap until proven */
		bool gap = false;
		for (size_t i = 0; i < ri->ngaps && !gap; i++)
			gap = gap_in(&ri->gaps[i], w);
		out_printf(o, "; %s not decided by the data (%s)",
		           w->start_undecided && w->end_undecided ? "start and end" :
		           w->start_undecided ? "start" : "end",
		           gap ? "gaps above" : "routes unknown after a collector restart or a gap");
	}
	if (w->nheld) {
		out_str(o, "; held throughout by ");
		out_held_text(o, ri, v, w);
	}
	char sh[32];
	report_share_text(w->min_share, sh, sizeof sh);
	out_printf(o, "; lowest share %s\n", sh);
}

/* "blackout of ..." in words for people. */
static void text_blackout(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                          const struct blackout *b)
{
	char md[32];
	report_duration(ri->min_duration, md);
	if (!report_text_head(o, ri, v, ""))
		return;
	char what[128], below[32];
	report_share_text(ri->below, below, sizeof below);
	if (ri->below > 0)
		snprintf(what, sizeof what, "with a visible share below %s (by %s)", below,
		         strcmp(ri->weight, "prefixes") == 0 ? "prefix count" : "address space");
	else
		snprintf(what, sizeof what, "of total blackout (no target prefix visible)");
	if (ri->ngaps) {
		out_str(o, "gaps in the data (a window across one has bounds): ");
		gaps_line(o, ri, NULL, ", ");
		out_char(o, '\n');
	}
	out_printf(o, "%zu window%s %s, by %s%s%s\n", b->n, b->n == 1 ? "" : "s", what, ri->sort,
	     ri->min_duration > 0 ? ", lasting at least " : "", ri->min_duration > 0 ? md : "");
	if (b->n == 0)
		return;
	out_printf(o, "%-23s  %-23s  %-9s  %s\n", "start (UTC)", "end (UTC)", "duration", "full-feed VPs still holding a target route");
	for (size_t i = 0; i < b->n; i++)
		window_text(o, ri, v, &b->w[i]);
}

static void tsv_blackout(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                         const struct blackout *b)
{
	out_printf(o, "# blackout of %s; %s\n# collectors: ", ri->targets, ri->rule);
	report_collectors(o, ri, v);
	out_str(o, "\n#start\tend\tstart_ts\tend_ts\tduration_s\tduration\tprefixes\t"
	           "vantage_points\tfull_feed\tfull_feed_with_route_at_start\tvps_with_route_at_start\t"
	           "min_full_feed_with_route\tmin_vps_with_route\tnote\tmin_share\t"
	           "start_earliest_ts\tstart_latest_ts\tend_earliest_ts\tend_latest_ts\tgaps\t"
	           "held_throughout\theld_throughout_count\n");
	if (ri->ngaps) {
		out_str(o, "# gaps: ");
		gaps_line(o, ri, NULL, "; ");
		out_char(o, '\n');
	}
	for (size_t i = 0; i < b->n; i++)
		window_tsv(o, ri, v, &b->w[i]);
}

static void json_blackout(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                          const struct blackout *b)
{
	for (size_t i = 0; i < b->n; i++)
		window_json(o, ri, v, &b->w[i]);
}

/* ---- timeline ----------------------------------------------------------- */

static void text_timeline_head(struct outbuf *o, const struct report_info *ri, bool series)
{
	out_printf(o, "timeline of %s\nrule: %s\n", ri->targets, ri->rule);
	if (!series)
		out_printf(o, "%-23s  %-18s  %-9s  %s\n", "time (UTC)", "prefix", "now", "full-feed VPs seeing it");
}

static void tsv_timeline_head(struct outbuf *o, const struct report_info *ri, bool series)
{
	out_printf(o, "# timeline of %s; %s\n", ri->targets, ri->rule);
	if (!series)
		out_str(o, "#time\tts\tprefix\tvisible\tfull_feed_seeing\tfull_feed\tvps_seeing\n");
}

/* JSON Lines have no header and no summary: every line stands alone. */
static void json_timeline_head(struct outbuf *o, const struct report_info *ri, bool series)
{
	(void)o, (void)ri, (void)series;
}

/* A change's state: visible, invisible (dark) or unknown (neither). */
static const char *change_state(const struct vis_change *c)
{
	return c->visible ? "visible" : c->unknown ? "unknown" : "invisible";
}

static void text_change(struct outbuf *o, const struct vis *v, const struct vis_change *c)
{
	char t[32], p[PREFIX_STRLEN];
	prefix_format(&v->rib.pfx[c->prefix], p);
	fmt_time_human(c->ts, t);
	out_printf(o, "%s  %-18s  %-9s  %u/%u (%u VPs in all", t, p, change_state(c),
	     c->seen_full, c->nfull, c->seen_any);
	/* the counts are of the known routes: say how many are not */
	if (c->unk_full)
		out_printf(o, "; %u full-feed unknown", c->unk_full);
	out_str(o, ")\n");
}

/* TSV: visible 1, 0, or - when unknown (neither). */
static void tsv_change(struct outbuf *o, const struct vis *v, const struct vis_change *c)
{
	char t[32], p[PREFIX_STRLEN];
	prefix_format(&v->rib.pfx[c->prefix], p);
	fmt_time_iso(c->ts, t);
	out_printf(o, "%s\t%u\t%s\t%s\t%u\t%u\t%u\n", t, c->ts, p,
	     c->visible ? "1" : c->unknown ? "-" : "0", c->seen_full, c->nfull, c->seen_any);
}

/* JSON: "visible" true, false, or null when unknown; "full_feed_unknown"
 * when some full-feed vantage point's route is unknown. */
static void json_change(struct outbuf *o, const struct vis *v, const struct vis_change *c)
{
	char t[32], p[PREFIX_STRLEN];
	prefix_format(&v->rib.pfx[c->prefix], p);
	fmt_time_iso(c->ts, t);
	out_printf(o, "{\"time\":\"%s\",\"ts\":%u,\"prefix\":\"%s\",\"visible\":%s,"
	        "\"full_feed_seeing\":%u,\"full_feed\":%u,\"vps_seeing\":%u",
	     t, c->ts, p, c->visible ? "true" : c->unknown ? "null" : "false", c->seen_full,
	     c->nfull, c->seen_any);
	if (c->unk_full)
		out_printf(o, ",\"full_feed_unknown\":%u", c->unk_full);
	out_str(o, "}\n");
}

/* The name of series column c: a target prefix, or with columns by origin
 * "AS17557" (a set or none as route_origin.h writes them). */
static size_t column_name(const struct vis *v, const struct timeline *t, uint32_t c, char *dst)
{
	if (!t->org)
		return prefix_format(&v->rib.pfx[v->targets[c]], dst);
	uint32_t k = t->col_origin[c];
	bool as = ro_class(v->rib.org, k)->kind == RO_AS;
	strcpy(dst, as ? "AS" : "");
	return (as ? 2 : 0) + ro_format(v->rib.org, k, dst + (as ? 2 : 0), RO_STRLEN);
}

/* The per-column counts of a series: as many as the widest sample has. */
static uint32_t series_cols(const struct timeline *t)
{
	uint32_t ncols = 0;
	for (size_t i = 0; i < t->n; i++)
		if (t->s[i].ncols > ncols)
			ncols = t->s[i].ncols;
	return ncols;
}

/* A series has an unknown column when some sample had unknown prefixes
 * (a series of complete data has none). */
static bool series_unknown(const struct timeline *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->s[i].nunknown)
			return true;
	return false;
}

/* The header's columns (a target prefix or an origin each), then the newline. */
static void series_column_head(struct outbuf *o, const struct vis *v, const struct timeline *t,
                               uint32_t ncols, const char *sep)
{
	for (uint32_t c = 0; c < ncols; c++) {
		char name[RO_STRLEN + PREFIX_STRLEN];
		column_name(v, t, c, name);
		out_str(o, sep);
		out_str(o, name);
	}
	out_char(o, '\n');
}

static void text_series(struct outbuf *o, const struct vis *v, const struct timeline *t)
{
	uint32_t ncols = series_cols(t);
	bool unk = series_unknown(t);
	out_printf(o, "%-23s  %-12s  ", "time (UTC)", "visible");
	if (unk)
		out_printf(o, "%-7s  ", "unknown");
	out_printf(o, "%-9s  %-10s  %-6s", "full-feed", "/24 units", "share");
	series_column_head(o, v, t, ncols, "  ");
	for (size_t i = 0; i < t->n && out_ok(o); i++) {
		const struct tl_sample *s = &t->s[i];
		char tm[32], un[32], sh[32], vis[24];
		report_units(s->slash24, un, sizeof un);
		report_share_text(s->share, sh, sizeof sh);
		fmt_time_human(s->ts, tm);
		snprintf(vis, sizeof vis, "%u/%u", s->nvisible, s->ntargets);
		out_printf(o, "%s  %-12s  ", tm, vis);
		if (unk)
			out_printf(o, "%-7u  ", s->nunknown);
		out_printf(o, "%-9u  %-10s  %-6s", s->nfull, un, sh);
		for (uint32_t c = 0; c < ncols; c++) {
			char pb[RO_STRLEN + PREFIX_STRLEN];
			int w = (int)column_name(v, t, c, pb);
			if (c < s->ncols)
				out_printf(o, "  %*u", w, t->counts[s->col + c]);
			else
				out_printf(o, "  %*s", w, "-");
		}
		out_char(o, '\n');
	}
}

/* A sample's ISO time, /24 units and share as TSV and JSON write them. */
static void machine_cells(const struct tl_sample *s, char tm[32], char un[32], char sh[32])
{
	report_units(s->slash24, un, 32);
	report_share_num(s->share, sh, 32);
	fmt_time_iso(s->ts, tm);
}

static void tsv_series(struct outbuf *o, const struct vis *v, const struct timeline *t)
{
	uint32_t ncols = series_cols(t);
	bool unk = series_unknown(t);
	out_printf(o, "#time\tts\tvisible_prefixes\ttarget_prefixes\t%sfull_feed\tvisible_slash24\tshare",
	           unk ? "unknown_prefixes\t" : "");
	series_column_head(o, v, t, ncols, "\t");
	for (size_t i = 0; i < t->n && out_ok(o); i++) {
		const struct tl_sample *s = &t->s[i];
		char tm[32], un[32], sh[32];
		machine_cells(s, tm, un, sh);
		out_printf(o, "%s\t%u\t%u\t%u\t", tm, s->ts, s->nvisible, s->ntargets);
		if (unk)
			out_printf(o, "%u\t", s->nunknown);
		out_printf(o, "%u\t%s\t%s", s->nfull, un, sh);
		for (uint32_t c = 0; c < ncols; c++) {
			if (c < s->ncols)
				out_printf(o, "\t%u", t->counts[s->col + c]);
			else
				out_str(o, "\t0");
		}
		out_char(o, '\n');
	}
}

static void json_series(struct outbuf *o, const struct vis *v, const struct timeline *t)
{
	bool unk = series_unknown(t);
	for (size_t i = 0; i < t->n && out_ok(o); i++) {
		const struct tl_sample *s = &t->s[i];
		char tm[32], un[32], sh[32];
		machine_cells(s, tm, un, sh);
		out_printf(o, "{\"time\":\"%s\",\"ts\":%u,\"visible_prefixes\":%u,\"target_prefixes\":%u,",
		           tm, s->ts, s->nvisible, s->ntargets);
		if (unk)
			out_printf(o, "\"unknown_prefixes\":%u,", s->nunknown);
		out_printf(o, "\"full_feed\":%u,\"visible_slash24\":%s,\"share\":%s", s->nfull, un, sh);
		if (s->ncols) {
			out_str(o, t->org ? ",\"full_feed_routing\":{" : ",\"full_feed_seeing\":{");
			for (uint32_t c = 0; c < s->ncols; c++) {
				char name[RO_STRLEN + PREFIX_STRLEN];
				column_name(v, t, c, name);
				out_str(o, c ? ",\"" : "\"");
				out_str(o, name);
				out_printf(o, "\":%u", t->counts[s->col + c]);
			}
			out_char(o, '}');
		}
		out_str(o, "}\n");
	}
}

/* "collectors: ...; N target prefixes, M visible at the end" after lead. */
static void timeline_summary(struct outbuf *o, const char *lead, const struct report_info *ri,
                             const struct vis *v)
{
	out_str(o, lead);
	report_collectors(o, ri, v);
	out_printf(o, "; %zu target prefix%s, %zu visible at the end", v->ntargets,
	     v->ntargets == 1 ? "" : "es", (size_t)v->nvisible);
	if (v->nundecided)
		out_printf(o, ", %u unknown", v->nundecided);
	out_char(o, '\n');
}

static void text_timeline_tail(struct outbuf *o, const struct report_info *ri, const struct vis *v)
{
	timeline_summary(o, "collectors: ", ri, v);
}

static void tsv_timeline_tail(struct outbuf *o, const struct report_info *ri, const struct vis *v)
{
	timeline_summary(o, "# collectors: ", ri, v);
}

static void json_timeline_tail(struct outbuf *o, const struct report_info *ri, const struct vis *v)
{
	(void)o, (void)ri, (void)v;
}

/* ---- the tables ------------------------------------------------------------ */

const struct report_output report_output_text = {
	text_blackout, text_timeline_head, text_change, text_series, text_timeline_tail,
};
const struct report_output report_output_tsv = {
	tsv_blackout, tsv_timeline_head, tsv_change, tsv_series, tsv_timeline_tail,
};
const struct report_output report_output_json = {
	json_blackout, json_timeline_head, json_change, json_series, json_timeline_tail,
};
const struct report_output *const report_outputs[3] = {
	[REPORT_TEXT] = &report_output_text, [REPORT_TSV] = &report_output_tsv,
	[REPORT_JSON] = &report_output_json,
};
