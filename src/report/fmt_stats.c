/*
 * fmt_stats.c — `mrtreach stats` as text, TSV and JSON.
 * Owns: key names, line order and wording (times always UTC).
 * Never: counts anything; reads only what it is given.
 */
#include "report/fmt_stats.h"

#include <stdio.h>

#include "decode/mrtdef.h"
#include "report/timefmt.h"

static const char *const elem_names[4] = { "rib", "announce", "withdraw", "state" };

static void text_report(struct outbuf *o, const struct stats_report *r)
{
	const struct stats *s = r->s;
	char t1[32], t2[32], d[32], label[64];

	out_printf(o, "%-22s %zu\n", "files", r->files);
	out_printf(o, "%-22s %zu", "collectors", r->ncollectors);
	for (size_t i = 0; i < r->ncollectors; i++)
		out_printf(o, "%s%s", i ? ", " : " (", r->collectors[i]);
	out_str(o, r->ncollectors ? ")\n" : "\n");
	if (s->records) {
		fmt_time_human(s->first_ts, t1);
		fmt_time_human(s->last_ts, t2);
		fmt_duration((int64_t)s->last_ts - s->first_ts, d);
		out_printf(o, "%-22s %s\n%-22s %s (%s later)\n", "first record", t1, "last record", t2, d);
	} else {
		out_printf(o, "%-22s none\n", "first record");
	}
	out_printf(o, "%-22s %llu\n", "records", (unsigned long long)s->records);
	for (size_t i = 0; i < s->ntypes; i++) {
		mrt_type_label(s->types[i].type, s->types[i].subtype, label, sizeof label);
		out_printf(o, "  %-40s %12llu\n", label, (unsigned long long)s->types[i].records);
	}
	if (s->other_types)
		out_printf(o, "  %-40s %12llu\n", "(more types)", (unsigned long long)s->other_types);
	out_printf(o, "%-22s %llu\n", "records not decoded", (unsigned long long)r->ds->unsupported);
	out_printf(o, "%-22s %llu MP_REACH/MP_UNREACH fields (VPN, L2VPN, flowspec...)\n",
	           "other families", (unsigned long long)r->ds->other_families);
	out_printf(o, "%-22s %llu spot%s reported, %llu record%s partly or not decoded\n", "damage",
	     (unsigned long long)r->damage, r->damage == 1 ? "" : "s",
	     (unsigned long long)r->ds->damaged, r->ds->damaged == 1 ? "" : "s");
	out_printf(o, "%-22s %llu\n", "elements", (unsigned long long)r->ds->elems);
	for (int k = 0; k < 4; k++)
		out_printf(o, "  %-40s %12llu\n", elem_names[k], (unsigned long long)s->elems[k]);
	out_printf(o, "%-22s IPv4 %zu, IPv6 %zu\n", "distinct prefixes", s->n4, s->n6);
	out_printf(o, "%-22s %zu vantage point%s, %zu peer address%s\n", "peers", r->vps,
	     r->vps == 1 ? "" : "s", r->addrs, r->addrs == 1 ? "" : "es");
	cov_text(o, &r->coverage, "");
}

static void tsv_report(struct outbuf *o, const struct stats_report *r)
{
	const struct stats *s = r->s;
	char t[32], label[64];

	out_str(o, "#key\tvalue\n");
	out_printf(o, "files\t%zu\ncollectors\t%zu\n", r->files, r->ncollectors);
	for (size_t i = 0; i < r->ncollectors; i++)
		out_printf(o, "collector\t%s\n", r->collectors[i]);
	if (s->records) {
		fmt_time_iso(s->first_ts, t);
		out_printf(o, "first_record\t%s\nfirst_record_ts\t%u\n", t, s->first_ts);
		fmt_time_iso(s->last_ts, t);
		out_printf(o, "last_record\t%s\nlast_record_ts\t%u\n", t, s->last_ts);
	}
	out_printf(o, "records\t%llu\n", (unsigned long long)s->records);
	for (size_t i = 0; i < s->ntypes; i++) {
		mrt_type_label(s->types[i].type, s->types[i].subtype, label, sizeof label);
		out_printf(o, "records.%s\t%llu\n", label, (unsigned long long)s->types[i].records);
	}
	if (s->other_types)
		out_printf(o, "records.other\t%llu\n", (unsigned long long)s->other_types);
	out_printf(o, "records_not_decoded\t%llu\nother_family_fields\t%llu\nrecords_damaged\t%llu\n"
	           "damage_reports\t%llu\n",
	     (unsigned long long)r->ds->unsupported, (unsigned long long)r->ds->other_families,
	     (unsigned long long)r->ds->damaged, (unsigned long long)r->damage);
	out_printf(o, "elements\t%llu\n", (unsigned long long)r->ds->elems);
	for (int k = 0; k < 4; k++)
		out_printf(o, "elements.%s\t%llu\n", elem_names[k], (unsigned long long)s->elems[k]);
	out_printf(o, "prefixes.ipv4\t%zu\nprefixes.ipv6\t%zu\nvantage_points\t%zu\npeer_addresses\t%zu\n",
	     s->n4, s->n6, r->vps, r->addrs);
	cov_tsv_keys(o, &r->coverage);
}

static void json_report(struct outbuf *o, const struct stats_report *r)
{
	const struct stats *s = r->s;
	char t[32], label[64];

	out_printf(o, "{\"files\":%zu,\"collectors\":[", r->files);
	for (size_t i = 0; i < r->ncollectors; i++) {
		if (i)
			out_char(o, ',');
		out_json_str(o, r->collectors[i]);
	}
	out_str(o, "],");
	if (s->records) {
		fmt_time_iso(s->first_ts, t);
		out_printf(o, "\"first_record\":\"%s\",\"first_record_ts\":%u,", t, s->first_ts);
		fmt_time_iso(s->last_ts, t);
		out_printf(o, "\"last_record\":\"%s\",\"last_record_ts\":%u,", t, s->last_ts);
	} else {
		out_str(o, "\"first_record\":null,\"first_record_ts\":null,"
		           "\"last_record\":null,\"last_record_ts\":null,");
	}
	out_printf(o, "\"records\":%llu,\"records_by_type\":[", (unsigned long long)s->records);
	for (size_t i = 0; i < s->ntypes; i++) {
		mrt_type_label(s->types[i].type, s->types[i].subtype, label, sizeof label);
		out_printf(o, "%s{\"type\":%u,\"subtype\":%u,\"name\":\"%s\",\"records\":%llu}", i ? "," : "",
		     s->types[i].type, s->types[i].subtype, label, (unsigned long long)s->types[i].records);
	}
	out_printf(o, "],\"records_other_types\":%llu,\"records_not_decoded\":%llu,"
	        "\"other_family_fields\":%llu,\"records_damaged\":%llu,"
	        "\"damage_reports\":%llu,\"elements\":%llu,",
	     (unsigned long long)s->other_types, (unsigned long long)r->ds->unsupported,
	     (unsigned long long)r->ds->other_families, (unsigned long long)r->ds->damaged,
	     (unsigned long long)r->damage, (unsigned long long)r->ds->elems);
	for (int k = 0; k < 4; k++)
		out_printf(o, "\"elements_%s\":%llu,", elem_names[k], (unsigned long long)s->elems[k]);
	out_printf(o, "\"prefixes_ipv4\":%zu,\"prefixes_ipv6\":%zu,\"vantage_points\":%zu,"
	        "\"peer_addresses\":%zu,\"coverage\":", s->n4, s->n6, r->vps, r->addrs);
	cov_json_array(o, &r->coverage);
	out_str(o, "}\n");
}

static const struct stats_output text_output = { text_report };
static const struct stats_output tsv_output = { tsv_report };
static const struct stats_output json_output = { json_report };
const struct stats_output *const stats_outputs[3] = {
	[REPORT_TEXT] = &text_output, [REPORT_TSV] = &tsv_output, [REPORT_JSON] = &json_output,
};
