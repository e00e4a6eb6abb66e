/*
 * fmt_json.c — route elements as JSON Lines: one object per element.
 * Owns: the JSON schema below and JSON string escaping.
 * Never: parses bytes, or uses printf on the hot path.
 *
 * Schema (keys appear only when the data has them; numbers are JSON numbers):
 *   "type"       "rib" | "announce" | "withdraw" | "state"
 *   "time"       the MRT record's timestamp, ISO 8601 UTC: "2014-12-22T16:15:00Z"
 *   "ts"         the same in seconds since the epoch
 *   "usec"       microseconds (BGP4MP_ET records only)
 *   "collector"  collector name derived from the input path ("" when unknown)
 *   "peer"       vantage point address; "peer_as" its AS number
 * (time, ts, collector, peer and peer_as are named as in every other
 * command's JSON: blackout, timeline, origins, scan, peers.)
 *   "prefix"     "175.45.176.0/24"                     (rib, announce, withdraw)
 *   "path_id"    ADD-PATH path identifier              (ADD-PATH records only)
 *   "safi"       "multicast"                           (multicast routes only)
 *   "as_path"    [3356, 4837, [65000, 65001], {"confed_sequence": [64512]},
 *                 {"confed_set": [64513, 64514]}] — an AS_SEQUENCE contributes its
 *                ASNs in order, an AS_SET one nested array, confederation segments
 *                (RFC 5065) one object each                         (rib, announce)
 *   "origin"     "IGP" | "EGP" | "INCOMPLETE"
 *   "next_hop"   the route's next hop (MP_REACH_NLRI's for the routes it carries)
 *   "local_pref", "med"            numbers
 *   "communities"        ["65000:1", "no-export", ...]  (RFC 1997 names as bgpdump)
 *   "large_communities"  ["1:2:3", ...]
 *   "aggregator"         {"as": 4837, "ip": "1.2.3.4"}
 *   "atomic_aggregate"   true
 *   "old_state", "new_state"  BGP FSM state names: "Idle", "Connect", "Active",
 *                "OpenSent", "OpenConfirm", "Established", else the number as text
 *                                                                   (state only)
 * Unlike -m output, nothing is filled in where the data is silent: no next_hop
 * key when the route names none, no origin key when ORIGIN is absent.
 */
#include "report/fmt.h"

#include "report/fmt_int.h"
#include "report/timefmt.h"

static void put_addr(struct fw *w, const struct addr *a)
{
	fw_char(w, '"');
	fw_wrote(w, addr_format(a, w->p));
	fw_char(w, '"');
}

/* A JSON string with the escapes RFC 8259 requires. */
static void put_json_str(struct fw *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	fw_need(w, 1);
	fw_char(w, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		fw_need(w, 7);
		if (ch == '"' || ch == '\\') {
			fw_char(w, '\\');
			fw_char(w, (char)ch);
		} else if (ch < 0x20) {
			char esc[6] = { '\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15] };
			fw_mem(w, esc, sizeof esc);
		} else {
			fw_char(w, (char)ch);
		}
	}
	fw_char(w, '"');
}

static void put_asns(struct fw *w, const struct as_segment *seg)
{
	for (unsigned i = 0; i < seg->count; i++) {
		fw_need(w, 12);
		if (i)
			fw_char(w, ',');
		fw_u32(w, rd_u32(seg->asns + 4 * i));
	}
}

static void put_as_path(struct fw *w, struct cursor path)
{
	struct as_segment seg;
	bool first = true;

	fw_need(w, 1);
	fw_char(w, '[');
	while (as_path_next(&path, &seg) == 1) {
		if (seg.count == 0 && seg.type == AS_SEQUENCE)
			continue;
		fw_need(w, 24);
		if (!first)
			fw_char(w, ',');
		first = false;
		switch (seg.type) {
		case AS_SET:
			fw_char(w, '[');
			put_asns(w, &seg);
			fw_need(w, 1);
			fw_char(w, ']');
			break;
		case AS_CONFED_SEQUENCE:
			fw_lit(w, "{\"confed_sequence\":[");
			put_asns(w, &seg);
			fw_need(w, 2);
			fw_lit(w, "]}");
			break;
		case AS_CONFED_SET:
			fw_lit(w, "{\"confed_set\":[");
			put_asns(w, &seg);
			fw_need(w, 2);
			fw_lit(w, "]}");
			break;
		default:
			put_asns(w, &seg);
			break;
		}
	}
	fw_need(w, 1);
	fw_char(w, ']');
}

static void put_communities(struct fw *w, struct cursor c)
{
	uint32_t v;
	bool first = true;

	fw_need(w, 1);
	fw_char(w, '[');
	while (cur_u32(&c, &v)) {
		fw_need(w, 20);
		if (!first)
			fw_char(w, ',');
		first = false;
		switch (v) {
		case 0xFFFFFF01: fw_lit(w, "\"no-export\""); continue;
		case 0xFFFFFF02: fw_lit(w, "\"no-advertise\""); continue;
		case 0xFFFFFF03: fw_lit(w, "\"local-AS\""); continue;
		default: break;
		}
		fw_char(w, '"');
		fw_u32(w, v >> 16);
		fw_char(w, ':');
		fw_u32(w, v & 0xFFFF);
		fw_char(w, '"');
	}
	fw_need(w, 1);
	fw_char(w, ']');
}

static void put_large_communities(struct fw *w, struct cursor c)
{
	uint32_t g, l1, l2;
	bool first = true;

	fw_need(w, 1);
	fw_char(w, '[');
	while (c.left >= 12 && cur_u32(&c, &g) && cur_u32(&c, &l1) && cur_u32(&c, &l2)) {
		fw_need(w, 40);
		if (!first)
			fw_char(w, ',');
		first = false;
		fw_char(w, '"');
		fw_u32(w, g);
		fw_char(w, ':');
		fw_u32(w, l1);
		fw_char(w, ':');
		fw_u32(w, l2);
		fw_char(w, '"');
	}
	fw_need(w, 1);
	fw_char(w, ']');
}

static void put_state(struct fw *w, uint16_t s)
{
	static const char *const names[] = {
		NULL, "Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established",
	};
	fw_char(w, '"');
	if (s < sizeof names / sizeof names[0] && names[s])
		fw_mem(w, names[s], strlen(names[s]));
	else
		fw_u32(w, s);
	fw_char(w, '"');
}

static void put_attrs(struct fw *w, const struct elem *e)
{
	const struct bgp_attrs *a = e->attrs;
	if (!a)
		return;
	if (a->present & ATTR_BIT(BGP_ATTR_AS_PATH)) {
		fw_need(w, 16);
		fw_lit(w, ",\"as_path\":");
		put_as_path(w, a->as_path);
	}
	fw_need(w, 8 * FW_PIECE);
	if (a->present & ATTR_BIT(BGP_ATTR_ORIGIN)) {
		static const char *const names[] = { "\"IGP\"", "\"EGP\"", "\"INCOMPLETE\"" };
		const char *o = names[a->origin < 3 ? a->origin : 2];
		fw_lit(w, ",\"origin\":");
		fw_mem(w, o, strlen(o));
	}
	if (e->nexthop.afi) {
		fw_lit(w, ",\"next_hop\":");
		put_addr(w, &e->nexthop);
	}
	if (a->present & ATTR_BIT(BGP_ATTR_LOCAL_PREF)) {
		fw_lit(w, ",\"local_pref\":");
		fw_u32(w, a->local_pref);
	}
	if (a->present & ATTR_BIT(BGP_ATTR_MED)) {
		fw_lit(w, ",\"med\":");
		fw_u32(w, a->med);
	}
	if (a->present & ATTR_BIT(BGP_ATTR_COMMUNITIES)) {
		fw_lit(w, ",\"communities\":");
		put_communities(w, a->communities);
	}
	if (a->present & ATTR_BIT(BGP_ATTR_LARGE_COMMUNITIES)) {
		fw_need(w, 32);
		fw_lit(w, ",\"large_communities\":");
		put_large_communities(w, a->large_communities);
	}
	fw_need(w, 4 * FW_PIECE);
	if (a->present & ATTR_BIT(BGP_ATTR_AGGREGATOR)) {
		fw_lit(w, ",\"aggregator\":{\"as\":");
		fw_u32(w, a->aggregator_as);
		fw_lit(w, ",\"ip\":");
		put_addr(w, &a->aggregator_ip);
		fw_char(w, '}');
	}
	if (a->present & ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE))
		fw_lit(w, ",\"atomic_aggregate\":true");
}

void fmt_json(struct outbuf *o, const struct elem *e, const char *collector)
{
	static const char *const types[] = {
		[ELEM_RIB] = "{\"type\":\"rib\",\"time\":",
		[ELEM_ANNOUNCE] = "{\"type\":\"announce\",\"time\":",
		[ELEM_WITHDRAW] = "{\"type\":\"withdraw\",\"time\":",
		[ELEM_STATE] = "{\"type\":\"state\",\"time\":",
	};
	struct fw w;

	fw_begin(&w, o);
	fw_need(&w, 2 * FW_PIECE);
	fw_mem(&w, types[e->type], strlen(types[e->type]));
	/* One ISO text per second: a RIB dump's million elements share one.
	 * Per thread: dump's worker threads format at once (cli/recpool.h). */
	static _Thread_local uint32_t iso_ts;
	static _Thread_local char iso[32] = "";
	if (!iso[0] || e->ts != iso_ts) {
		fmt_time_iso(e->ts, iso);
		iso_ts = e->ts;
	}
	fw_char(&w, '"');
	fw_mem(&w, iso, strlen(iso));
	fw_lit(&w, "\",\"ts\":");
	fw_u32(&w, e->ts);
	if (e->mrt_type == MRT_BGP4MP_ET) {
		fw_lit(&w, ",\"usec\":");
		fw_u32(&w, e->usec);
	}
	fw_lit(&w, ",\"collector\":");
	put_json_str(&w, collector ? collector : "");

	fw_need(&w, 8 * FW_PIECE);
	fw_lit(&w, ",\"peer\":");
	put_addr(&w, &e->peer_ip);
	fw_lit(&w, ",\"peer_as\":");
	fw_u32(&w, e->peer_as);
	if (e->type == ELEM_STATE) {
		fw_lit(&w, ",\"old_state\":");
		put_state(&w, e->old_state);
		fw_lit(&w, ",\"new_state\":");
		put_state(&w, e->new_state);
	} else {
		fw_lit(&w, ",\"prefix\":\"");
		w.p += prefix_format(&e->prefix, w.p);
		fw_char(&w, '"');
		if (e->has_path_id) {
			fw_lit(&w, ",\"path_id\":");
			fw_u32(&w, e->path_id);
		}
		if (e->safi == SAFI_MULTICAST)
			fw_lit(&w, ",\"safi\":\"multicast\"");
		put_attrs(&w, e);
	}
	fw_need(&w, 2);
	fw_lit(&w, "}\n");
	fw_end(&w);
}

static void elem_json(struct outbuf *o, const struct elem *e, const char *collector,
                      struct bgpdump_style *s)
{
	(void)s;
	fmt_json(o, e, collector);
}

const struct dump_output dump_output_json = { elem_json, true, NULL };
