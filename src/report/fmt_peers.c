/*
 * fmt_peers.c — `mrtreach peers` as aligned text, TSV and JSON Lines.
 * Owns: column order, header wording, time forms (always UTC).
 * Never: decides full-feed or counts anything; reads only what it is given.
 */
#include "report/fmt_peers.h"

#include <stdio.h>
#include <string.h>

#include "report/timefmt.h"

/* The text fields of one vantage point, shared by the three layouts. */
enum { COL_COLLECTOR, COL_PEER, COL_AS, COL_V4, COL_V6, COL_FULL, COL_STATES,
       COL_ANN, COL_WD, COL_FIRST, COL_LAST, NCOLS };
static const char *const col_head[NCOLS] = {
	"collector", "peer", "AS", "IPv4", "IPv6", "full-feed", "states",
	"announced", "withdrawn", "first seen (UTC)", "last seen (UTC)",
};
static const bool col_right[NCOLS] = {
	false, false, true, true, true, false, true, true, true, false, false,
};

/* "2014-12-21 00:00:00": the header says UTC once. */
static void time_cell(uint32_t t, char *dst)
{
	fmt_time_iso(t, dst);
	dst[10] = ' ';
	dst[19] = '\0';
}

static const char *full_text(enum peer_full v4, enum peer_full v6)
{
	if (v4 == PEER_FULL_UNKNOWN)
		return "?";
	if (v4 == PEER_FULL_YES)
		return v6 == PEER_FULL_YES ? "IPv4+IPv6" : "IPv4";
	return v6 == PEER_FULL_YES ? "IPv6" : "no";
}

static const char *collector(const struct peers_report *r, const struct vantage_vp *v)
{
	return v->collector < r->nnames ? r->names[v->collector] : "(unnamed)";
}

static void cells(const struct peers_report *r, size_t i, char cell[NCOLS][ADDR_STRLEN])
{
	const struct vantage_vp *v = peers_vp(r->p, i);
	const struct peer_count *n = &r->p->cnt[i];
	bool known = peers_has_table(r->p, i);
	snprintf(cell[COL_COLLECTOR], ADDR_STRLEN, "%.40s", collector(r, v));
	addr_format(&v->ip, cell[COL_PEER]);
	snprintf(cell[COL_AS], ADDR_STRLEN, "%u", v->asn);
	for (int f = 0; f < 2; f++) {
		if (known)
			snprintf(cell[COL_V4 + f], ADDR_STRLEN, "%u", v->table_size[f]);
		else
			strcpy(cell[COL_V4 + f], "-");
	}
	strcpy(cell[COL_FULL], full_text(peers_full_feed(r->p, i, 0), peers_full_feed(r->p, i, 1)));
	snprintf(cell[COL_STATES], ADDR_STRLEN, "%llu", (unsigned long long)n->state_changes);
	snprintf(cell[COL_ANN], ADDR_STRLEN, "%llu", (unsigned long long)n->announces);
	snprintf(cell[COL_WD], ADDR_STRLEN, "%llu", (unsigned long long)n->withdraws);
	time_cell(v->first_ts, cell[COL_FIRST]);
	time_cell(v->last_ts, cell[COL_LAST]);
}

static void pad(struct outbuf *o, size_t n)
{
	while (n-- > 0)
		out_char(o, ' ');
}

/* One line of aligned columns of widths w. */
static void text_row(struct outbuf *o, const size_t w[NCOLS], const char *const row[NCOLS])
{
	for (int k = 0; k < NCOLS; k++) {
		size_t l = strlen(row[k]);
		if (col_right[k])
			pad(o, w[k] - l);
		out_str(o, row[k]);
		if (k + 1 < NCOLS)
			pad(o, (col_right[k] ? 0 : w[k] - l) + 2);
	}
	out_char(o, '\n');
}

static void text_report(struct outbuf *o, const struct peers_report *r)
{
	static char cell[NCOLS][ADDR_STRLEN];
	const char *row[NCOLS];
	size_t w[NCOLS];
	for (int k = 0; k < NCOLS; k++) {
		w[k] = strlen(col_head[k]);
		row[k] = cell[k];
	}
	for (size_t i = 0; i < r->p->vt.n; i++) {
		cells(r, r->order[i], cell);
		for (int k = 0; k < NCOLS; k++)
			if (strlen(cell[k]) > w[k])
				w[k] = strlen(cell[k]);
	}
	text_row(o, w, col_head);
	for (size_t i = 0; i < r->p->vt.n; i++) {
		cells(r, r->order[i], cell);
		text_row(o, w, row);
	}
	cov_text(o, &r->coverage, "");
}

static const char *full_word(enum peer_full f, bool json)
{
	if (f == PEER_FULL_UNKNOWN)
		return json ? "null" : "-";
	if (f == PEER_FULL_YES)
		return json ? "true" : "yes";
	return json ? "false" : "no";
}

static void tsv_report(struct outbuf *o, const struct peers_report *r)
{
	out_str(o, "#collector\tpeer\tpeer_as\tipv4_routes\tipv6_routes\tfull_feed_ipv4\t"
	           "full_feed_ipv6\tstate_changes\tannouncements\twithdrawals\tfirst_seen\t"
	           "first_seen_ts\tlast_seen\tlast_seen_ts\n");
	char cell[NCOLS][ADDR_STRLEN], t1[32], t2[32];
	for (size_t k = 0; k < r->p->vt.n; k++) {
		uint32_t i = r->order[k];
		const struct vantage_vp *v = peers_vp(r->p, i);
		cells(r, i, cell);
		fmt_time_iso(v->first_ts, t1);
		fmt_time_iso(v->last_ts, t2);
		out_printf(o, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%u\t%s\t%u\n",
		     cell[COL_COLLECTOR], cell[COL_PEER], cell[COL_AS], cell[COL_V4], cell[COL_V6],
		     full_word(peers_full_feed(r->p, i, 0), false),
		     full_word(peers_full_feed(r->p, i, 1), false),
		     cell[COL_STATES], cell[COL_ANN], cell[COL_WD], t1, v->first_ts, t2, v->last_ts);
	}
	cov_text(o, &r->coverage, "# ");         /* comments after the table */
}

static void json_report(struct outbuf *o, const struct peers_report *r)
{
	char cell[NCOLS][ADDR_STRLEN], t1[32], t2[32];
	for (size_t k = 0; k < r->p->vt.n; k++) {
		uint32_t i = r->order[k];
		const struct vantage_vp *v = peers_vp(r->p, i);
		bool known = peers_has_table(r->p, i);
		cells(r, i, cell);
		fmt_time_iso(v->first_ts, t1);
		fmt_time_iso(v->last_ts, t2);
		out_str(o, "{\"collector\":");
		out_json_str(o, collector(r, v));
		out_printf(o, ",\"peer\":\"%s\",\"peer_as\":%u,", cell[COL_PEER], v->asn);
		if (known)
			out_printf(o, "\"ipv4_routes\":%u,\"ipv6_routes\":%u,",
			     v->table_size[0], v->table_size[1]);
		else
			out_str(o, "\"ipv4_routes\":null,\"ipv6_routes\":null,");
		out_printf(o, "\"full_feed_ipv4\":%s,\"full_feed_ipv6\":%s,\"state_changes\":%s,"
		              "\"announcements\":%s,\"withdrawals\":%s,\"first_seen\":\"%s\","
		              "\"first_seen_ts\":%u,\"last_seen\":\"%s\",\"last_seen_ts\":%u}\n",
		     full_word(peers_full_feed(r->p, i, 0), true),
		     full_word(peers_full_feed(r->p, i, 1), true),
		     cell[COL_STATES], cell[COL_ANN], cell[COL_WD], t1, v->first_ts, t2, v->last_ts);
	}
	if (r->coverage.cov) {
		out_str(o, "{\"coverage\":");
		cov_json_array(o, &r->coverage);
		out_str(o, "}\n");
	}
}

static const struct peers_output text_output = { text_report };
static const struct peers_output tsv_output = { tsv_report };
static const struct peers_output json_output = { json_report };
const struct peers_output *const peers_outputs[3] = {
	[REPORT_TEXT] = &text_output, [REPORT_TSV] = &tsv_output, [REPORT_JSON] = &json_output,
};
