/*
 * fmt_json.c — route elements as JSON Lines: one object per element.
 * Owns: the JSON schema below and JSON string escaping.
 * Never: parses bytes, or uses printf on the hot path.
 *
 * Schema (keys appear only when the data has them; numbers are JSON numbers):
 *   "type"       "rib" | "announce" | "withdraw" | "state"
 *   "time"       seconds since the epoch (UTC), the MRT record's timestamp
 *   "usec"       microseconds (BGP4MP_ET records only)
 *   "collector"  collector name derived from the input path ("" when unknown)
 *   "peer_ip"    vantage point address; "peer_as" its AS number
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
#include "fmt.h"

static void out_addr(struct outbuf *o, const struct addr *a)
{
	char *p = out_reserve(o, ADDR_STRLEN);
	if (OUTBUF_SIZE - o->len >= ADDR_STRLEN)
		o->len += addr_format(a, p);
}

/* A JSON string with the escapes RFC 8259 requires. */
static void out_json_str(struct outbuf *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	out_char(o, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\') {
			out_char(o, '\\');
			out_char(o, (char)ch);
		} else if (ch < 0x20) {
			char esc[6] = { '\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15] };
			out_mem(o, esc, sizeof esc);
		} else {
			out_char(o, (char)ch);
		}
	}
	out_char(o, '"');
}

/* ,"key": */
static void out_key(struct outbuf *o, const char *key)
{
	out_str(o, ",\"");
	out_str(o, key);
	out_str(o, "\":");
}

static void out_num_key(struct outbuf *o, const char *key, uint64_t v)
{
	out_key(o, key);
	out_u64(o, v);
}

static void out_asns(struct outbuf *o, const struct as_segment *seg)
{
	for (unsigned i = 0; i < seg->count; i++) {
		if (i)
			out_char(o, ',');
		out_u64(o, rd_u32(seg->asns + 4 * i));
	}
}

static void out_as_path(struct outbuf *o, struct cursor path)
{
	struct as_segment seg;
	bool first = true;

	out_char(o, '[');
	while (as_path_next(&path, &seg) == 1) {
		if (seg.count == 0 && seg.type == AS_SEQUENCE)
			continue;
		if (!first)
			out_char(o, ',');
		first = false;
		switch (seg.type) {
		case AS_SET:
			out_char(o, '[');
			out_asns(o, &seg);
			out_char(o, ']');
			break;
		case AS_CONFED_SEQUENCE:
			out_str(o, "{\"confed_sequence\":[");
			out_asns(o, &seg);
			out_str(o, "]}");
			break;
		case AS_CONFED_SET:
			out_str(o, "{\"confed_set\":[");
			out_asns(o, &seg);
			out_str(o, "]}");
			break;
		default:
			out_asns(o, &seg);
			break;
		}
	}
	out_char(o, ']');
}

static void out_communities(struct outbuf *o, struct cursor c)
{
	uint32_t v;
	bool first = true;

	out_char(o, '[');
	while (cur_u32(&c, &v)) {
		if (!first)
			out_char(o, ',');
		first = false;
		switch (v) {
		case 0xFFFFFF01: out_str(o, "\"no-export\""); continue;
		case 0xFFFFFF02: out_str(o, "\"no-advertise\""); continue;
		case 0xFFFFFF03: out_str(o, "\"local-AS\""); continue;
		default: break;
		}
		out_char(o, '"');
		out_u64(o, v >> 16);
		out_char(o, ':');
		out_u64(o, v & 0xFFFF);
		out_char(o, '"');
	}
	out_char(o, ']');
}

static void out_large_communities(struct outbuf *o, struct cursor c)
{
	uint32_t g, l1, l2;
	bool first = true;

	out_char(o, '[');
	while (c.left >= 12 && cur_u32(&c, &g) && cur_u32(&c, &l1) && cur_u32(&c, &l2)) {
		if (!first)
			out_char(o, ',');
		first = false;
		out_char(o, '"');
		out_u64(o, g);
		out_char(o, ':');
		out_u64(o, l1);
		out_char(o, ':');
		out_u64(o, l2);
		out_char(o, '"');
	}
	out_char(o, ']');
}

static void out_state(struct outbuf *o, const char *key, uint16_t s)
{
	static const char *const names[] = {
		NULL, "Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established",
	};
	out_key(o, key);
	if (s < sizeof names / sizeof names[0] && names[s]) {
		out_char(o, '"');
		out_str(o, names[s]);
		out_char(o, '"');
	} else {
		out_char(o, '"');
		out_u64(o, s);
		out_char(o, '"');
	}
}

static void out_attrs(struct outbuf *o, const struct elem *e)
{
	const struct bgp_attrs *a = e->attrs;
	if (!a)
		return;
	if (a->present & ATTR_BIT(BGP_ATTR_AS_PATH)) {
		out_key(o, "as_path");
		out_as_path(o, a->as_path);
	}
	if (a->present & ATTR_BIT(BGP_ATTR_ORIGIN)) {
		static const char *const names[] = { "\"IGP\"", "\"EGP\"", "\"INCOMPLETE\"" };
		out_key(o, "origin");
		out_str(o, a->origin < 3 ? names[a->origin] : "\"INCOMPLETE\"");
	}
	if (e->nexthop.afi) {
		out_key(o, "next_hop");
		out_char(o, '"');
		out_addr(o, &e->nexthop);
		out_char(o, '"');
	}
	if (a->present & ATTR_BIT(BGP_ATTR_LOCAL_PREF))
		out_num_key(o, "local_pref", a->local_pref);
	if (a->present & ATTR_BIT(BGP_ATTR_MED))
		out_num_key(o, "med", a->med);
	if (a->present & ATTR_BIT(BGP_ATTR_COMMUNITIES)) {
		out_key(o, "communities");
		out_communities(o, a->communities);
	}
	if (a->present & ATTR_BIT(BGP_ATTR_LARGE_COMMUNITIES)) {
		out_key(o, "large_communities");
		out_large_communities(o, a->large_communities);
	}
	if (a->present & ATTR_BIT(BGP_ATTR_AGGREGATOR)) {
		out_key(o, "aggregator");
		out_str(o, "{\"as\":");
		out_u64(o, a->aggregator_as);
		out_str(o, ",\"ip\":\"");
		out_addr(o, &a->aggregator_ip);
		out_str(o, "\"}");
	}
	if (a->present & ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE))
		out_str(o, ",\"atomic_aggregate\":true");
}

void fmt_json(struct outbuf *o, const struct elem *e, const char *collector)
{
	static const char *const types[] = {
		[ELEM_RIB] = "rib", [ELEM_ANNOUNCE] = "announce",
		[ELEM_WITHDRAW] = "withdraw", [ELEM_STATE] = "state",
	};

	out_str(o, "{\"type\":\"");
	out_str(o, types[e->type]);
	out_char(o, '"');
	out_num_key(o, "time", e->ts);
	if (e->mrt_type == MRT_BGP4MP_ET)
		out_num_key(o, "usec", e->usec);
	out_key(o, "collector");
	out_json_str(o, collector ? collector : "");
	out_key(o, "peer_ip");
	out_char(o, '"');
	out_addr(o, &e->peer_ip);
	out_char(o, '"');
	out_num_key(o, "peer_as", e->peer_as);

	if (e->type == ELEM_STATE) {
		out_state(o, "old_state", e->old_state);
		out_state(o, "new_state", e->new_state);
	} else {
		char *p;
		out_key(o, "prefix");
		out_char(o, '"');
		p = out_reserve(o, PREFIX_STRLEN);
		if (OUTBUF_SIZE - o->len >= PREFIX_STRLEN)
			o->len += prefix_format(&e->prefix, p);
		out_char(o, '"');
		if (e->has_path_id)
			out_num_key(o, "path_id", e->path_id);
		if (e->safi == SAFI_MULTICAST)
			out_str(o, ",\"safi\":\"multicast\"");
		out_attrs(o, e);
	}
	out_str(o, "}\n");
}
