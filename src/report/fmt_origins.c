/*
 * fmt_origins.c — text, TSV and JSON Lines for per (prefix, origin) windows
 * and changes. Owns: column order and wording. Never: decides what is
 * visible; reads only the structures it is given.
 */
#include "report/fmt_origins.h"

#include <stdio.h>
#include <string.h>

#include "report/timefmt.h"

bool origins_filter_keeps(const struct origins_filter *f, const struct vis *v,
                          const struct or_window *w)
{
	if (!f || !f->one_origin)
		return true;
	const struct ro_class *c = ro_class(v->rib.org, w->origin);
	return c->kind == RO_AS && c->asn == f->asn;
}

/* An origin in JSON: the AS number, an array for an AS_SET, null for none. */
static void origin_json(struct outbuf *o, const struct vis *v, uint32_t origin)
{
	const struct route_origins *ro = v->rib.org;
	if (origin == RO_NONE || ro_class(ro, origin)->kind == RO_EMPTY) {
		out_str(o, "null");
		return;
	}
	const struct ro_class *c = ro_class(ro, origin);
	if (c->kind == RO_AS) {
		out_printf(o, "%u", c->asn);
		return;
	}
	out_char(o, '[');
	for (uint32_t i = 0; i < c->set_n; i++)
		out_printf(o, "%s%u", i ? "," : "", ro->setasns[c->set_at + i]);
	out_char(o, ']');
}

static void origin_text(const struct vis *v, uint32_t origin, char *dst)
{
	ro_format(v->rib.org, origin, dst, RO_STRLEN);
}

static void window_json(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                        const struct or_window *w)
{
	char p[PREFIX_STRLEN];
	prefix_format(&v->rib.pfx[w->prefix], p);
	out_printf(o, "{\"prefix\":\"%s\",\"origin\":", p);
	origin_json(o, v, w->origin);
	out_char(o, ',');
	report_json_times(o, w->start, w->end, w->ongoing);
	out_printf(o, "\"duration_s\":%lld,\"ongoing\":%s,\"peak_vps\":%u,\"peak_full_feed\":%u,"
	           "\"moas\":%s,\"more_specific_of\":",
	           (long long)or_duration(w), w->ongoing ? "true" : "false", w->peak_vps,
	           w->peak_full, w->moas ? "true" : "false");
	if (w->cover == OR_NONE) {
		out_str(o, "null,\"covering_origin\":null");
	} else {
		prefix_format(&v->rib.pfx[w->cover], p);
		out_printf(o, "\"%s\",\"covering_origin\":", p);
		origin_json(o, v, w->cover_origin);
	}
	out_str(o, ",\"rule\":");
	out_json_str(o, ri->rule_name);
	out_str(o, "}\n");
}

static void window_tsv(struct outbuf *o, const struct vis *v, const struct or_window *w)
{
	char p[PREFIX_STRLEN], og[RO_STRLEN];
	prefix_format(&v->rib.pfx[w->prefix], p);
	origin_text(v, w->origin, og);
	out_printf(o, "%s\t%s\t", p, og);
	report_tsv_times(o, w->start, w->end, w->ongoing);
	out_printf(o, "%u\t%u\t%d\t", w->peak_vps, w->peak_full, w->moas ? 1 : 0);
	if (w->cover == OR_NONE) {
		out_str(o, "-\t-\n");
	} else {
		prefix_format(&v->rib.pfx[w->cover], p);
		origin_text(v, w->cover_origin, og);
		out_printf(o, "%s\t%s\n", p, og);
	}
}

static void window_text(struct outbuf *o, const struct vis *v, const struct or_window *w)
{
	char s[32], e[32], d[32], p[PREFIX_STRLEN], og[RO_STRLEN];
	prefix_format(&v->rib.pfx[w->prefix], p);
	origin_text(v, w->origin, og);
	report_text_times(w->start, w->end, w->ongoing, s, e, d);
	out_printf(o, "%-18s  %-8s  %s  %s  %-9s  %8u", p, og, s, e, d, w->peak_vps);
	const char *sep = "  ";
	if (w->moas) {
		out_str(o, "  MOAS");
		sep = "; ";
	}
	if (w->cover != OR_NONE) {
		prefix_format(&v->rib.pfx[w->cover], p);
		origin_text(v, w->cover_origin, og);
		out_printf(o, "%smore-specific of %s (origin %s)", sep, p, og);
	}
	out_char(o, '\n');
}

/* The windows the filter keeps. */
static size_t kept(const struct vis *v, const struct origins *org, const struct origins_filter *flt)
{
	size_t n = 0;
	for (size_t i = 0; i < org->nw; i++)
		n += origins_filter_keeps(flt, v, &org->w[i]);
	return n;
}

static void text_origins(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                         const struct origins *org, const struct origins_filter *flt)
{
	size_t n = kept(v, org, flt);
	if (!report_text_head(o, ri, v, ", counting the vantage points routing to each origin"))
		return;
	if (flt && flt->one_origin)
		out_printf(o, "%zu window%s in which a target prefix was visible with origin AS%u\n",
		           n, n == 1 ? "" : "s", flt->asn);
	else
		out_printf(o, "%zu window%s in which a target prefix was visible with an origin\n",
		           n, n == 1 ? "" : "s");
	if (n == 0)
		return;
	out_printf(o, "%-18s  %-8s  %-23s  %-23s  %-9s  %8s  %s\n", "prefix", "origin",
	           "start (UTC)", "end (UTC)", "duration", "peak VPs", "flags");
	for (size_t i = 0; i < org->nw && out_ok(o); i++)
		if (origins_filter_keeps(flt, v, &org->w[i]))
			window_text(o, v, &org->w[i]);
}

static void tsv_origins(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                        const struct origins *org, const struct origins_filter *flt)
{
	out_printf(o, "# origins of %s; %s\n# collectors: ", ri->targets, ri->rule);
	report_collectors(o, ri, v);
	out_str(o, "\n#prefix\torigin\tstart\tend\tstart_ts\tend_ts\tduration_s\tduration\t"
	           "peak_vps\tpeak_full_feed\tmoas\tmore_specific_of\tcovering_origin\n");
	for (size_t i = 0; i < org->nw && out_ok(o); i++)
		if (origins_filter_keeps(flt, v, &org->w[i]))
			window_tsv(o, v, &org->w[i]);
}

static void json_origins(struct outbuf *o, const struct report_info *ri, const struct vis *v,
                         const struct origins *org, const struct origins_filter *flt)
{
	for (size_t i = 0; i < org->nw && out_ok(o); i++)
		if (origins_filter_keeps(flt, v, &org->w[i]))
			window_json(o, ri, v, &org->w[i]);
}

static void text_change_head(struct outbuf *o, const struct report_info *ri)
{
	out_printf(o, "timeline of %s, by origin\nrule: %s, counting the vantage points "
	           "routing to each origin\n", ri->targets, ri->rule);
	out_printf(o, "%-23s  %-18s  %-8s  %-9s  %s\n", "time (UTC)", "prefix", "origin", "now",
	           "full-feed VPs routing to it");
}

static void tsv_change_head(struct outbuf *o, const struct report_info *ri)
{
	out_printf(o, "# timeline of %s, by origin; %s\n", ri->targets, ri->rule);
	out_str(o, "#time\tts\tprefix\torigin\tvisible\tfull_feed_routing\tfull_feed\tvps_routing\n");
}

/* JSON Lines have no header: every line stands alone. */
static void json_change_head(struct outbuf *o, const struct report_info *ri)
{
	(void)o, (void)ri;
}

static void text_change(struct outbuf *o, const struct vis *v, const struct or_change *c)
{
	char t[32], p[PREFIX_STRLEN], og[RO_STRLEN];
	prefix_format(&v->rib.pfx[c->prefix], p);
	origin_text(v, c->origin, og);
	fmt_time_human(c->ts, t);
	out_printf(o, "%s  %-18s  %-8s  %-9s  %u/%u (%u VPs in all)\n", t, p, og,
	           c->visible ? "visible" : "invisible", c->seen_full, c->nfull, c->seen_any);
}

static void tsv_change(struct outbuf *o, const struct vis *v, const struct or_change *c)
{
	char t[32], p[PREFIX_STRLEN], og[RO_STRLEN];
	prefix_format(&v->rib.pfx[c->prefix], p);
	origin_text(v, c->origin, og);
	fmt_time_iso(c->ts, t);
	out_printf(o, "%s\t%u\t%s\t%s\t%d\t%u\t%u\t%u\n", t, c->ts, p, og, c->visible ? 1 : 0,
	           c->seen_full, c->nfull, c->seen_any);
}

static void json_change(struct outbuf *o, const struct vis *v, const struct or_change *c)
{
	char t[32], p[PREFIX_STRLEN];
	prefix_format(&v->rib.pfx[c->prefix], p);
	fmt_time_iso(c->ts, t);
	out_printf(o, "{\"time\":\"%s\",\"ts\":%u,\"prefix\":\"%s\",\"origin\":", t, c->ts, p);
	origin_json(o, v, c->origin);
	out_printf(o, ",\"visible\":%s,\"full_feed_routing\":%u,\"full_feed\":%u,\"vps_routing\":%u}\n",
	           c->visible ? "true" : "false", c->seen_full, c->nfull, c->seen_any);
}

static const struct origins_output text_output = { text_origins, text_change_head, text_change };
static const struct origins_output tsv_output = { tsv_origins, tsv_change_head, tsv_change };
static const struct origins_output json_output = { json_origins, json_change_head, json_change };
const struct origins_output *const origins_outputs[3] = {
	[REPORT_TEXT] = &text_output, [REPORT_TSV] = &tsv_output, [REPORT_JSON] = &json_output,
};
