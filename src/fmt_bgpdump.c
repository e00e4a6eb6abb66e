/*
 * fmt_bgpdump.c — the bgpdump -m pipe format, byte for byte as bgpdump 1.6.2
 * lays it out (labels, field order, empty fields, the legacy BGP line).
 * Never: parses bytes, uses printf on the hot path, or invents content.
 *
 * Where bgpdump prints something the bytes do not say, this prints what they
 * say; the differences are listed in the manual's COMPATIBILITY section.
 */
#include "fmt.h"

/* Field text of a line's first column, from the record type and subtype. */
static const char *label(const struct elem *e)
{
	bool et = e->mrt_type == MRT_BGP4MP_ET;
	uint16_t st = e->mrt_subtype;

	switch (e->mrt_type) {
	case MRT_TABLE_DUMP:
		return "TABLE_DUMP";
	case MRT_TABLE_DUMP_V2:
		return st >= 8 ? "TABLE_DUMP2_AP" : "TABLE_DUMP2";
	case MRT_BGP:
		return "BGP";
	case MRT_BGP4MP:
	case MRT_BGP4MP_ET:
		/* MESSAGE_LOCAL (6, 7) has its own label; the ADD-PATH subtypes
		 * 8-11, local or not, are all labelled _AP, as bgpdump does. */
		if (st == 6 || st == 7)
			return et ? "BGP4MP_ET_LOCAL" : "BGP4MP_LOCAL";
		if (st >= 8 && st <= 11)
			return et ? "BGP4MP_ET_AP" : "BGP4MP_AP";
		return et ? "BGP4MP_ET" : "BGP4MP";
	default:
		return "UNKNOWN";
	}
}

static void out_addr(struct outbuf *o, const struct addr *a)
{
	char *p = out_reserve(o, ADDR_STRLEN);
	if (OUTBUF_SIZE - o->len >= ADDR_STRLEN)
		o->len += addr_format(a, p);
}

static void out_prefix(struct outbuf *o, const struct prefix *pfx)
{
	char *p = out_reserve(o, PREFIX_STRLEN);
	if (OUTBUF_SIZE - o->len >= PREFIX_STRLEN)
		o->len += prefix_format(pfx, p);
}

/* "1419264900" or, for BGP4MP_ET, "1419264900.000005". */
static void out_time(struct outbuf *o, const struct elem *e)
{
	out_u64(o, e->ts);
	if (e->mrt_type != MRT_BGP4MP_ET)
		return;
	char us[7];
	uint32_t v = e->usec;
	for (int i = 5; i >= 0; i--) {
		us[i] = (char)('0' + v % 10);
		v /= 10;
	}
	us[6] = '\0';
	out_char(o, '.');
	out_mem(o, us, 6);
}

/* AS path: sequences space-separated, AS_SET "{a,b}", AS_CONFED_SEQUENCE
 * "(a b)", AS_CONFED_SET "[a,b]"; segments separated by one space. */
static void out_as_path(struct outbuf *o, struct cursor path)
{
	struct as_segment seg;
	bool first = true;

	while (as_path_next(&path, &seg) == 1) {
		char open = 0, close = 0, sep = ' ';
		switch (seg.type) {
		case AS_SET:             open = '{'; close = '}'; sep = ','; break;
		case AS_CONFED_SEQUENCE: open = '('; close = ')'; break;
		case AS_CONFED_SET:      open = '['; close = ']'; sep = ','; break;
		default: break;
		}
		if (!first)
			out_char(o, ' ');
		first = false;
		if (open)
			out_char(o, open);
		for (unsigned i = 0; i < seg.count; i++) {
			if (i)
				out_char(o, sep);
			out_u64(o, rd_u32(seg.asns + 4 * i));
		}
		if (close)
			out_char(o, close);
	}
}

/* Communities space-separated, "AS:value", the RFC 1997 well-known ones by name. */
static void out_communities(struct outbuf *o, struct cursor c)
{
	bool first = true;
	uint32_t v;

	while (cur_u32(&c, &v)) {
		if (!first)
			out_char(o, ' ');
		first = false;
		switch (v) {
		case 0xFFFFFF01: out_str(o, "no-export"); continue;
		case 0xFFFFFF02: out_str(o, "no-advertise"); continue;
		case 0xFFFFFF03: out_str(o, "local-AS"); continue;
		default: break;
		}
		out_u64(o, v >> 16);
		out_char(o, ':');
		out_u64(o, v & 0xFFFF);
	}
}

static const char *origin_name(const struct bgp_attrs *a)
{
	/* bgpdump prints INCOMPLETE when ORIGIN is missing (COMPATIBILITY). */
	if (!(a->present & ATTR_BIT(BGP_ATTR_ORIGIN)))
		return "INCOMPLETE";
	switch (a->origin) {
	case 0: return "IGP";
	case 1: return "EGP";
	default: return "INCOMPLETE";
	}
}

/* The attribute fields of an A or B line, after the prefix (and path id). */
static void out_route_attrs(struct outbuf *o, const struct elem *e)
{
	const struct bgp_attrs *a = e->attrs;
	static const struct bgp_attrs none;
	if (!a)
		a = &none;

	out_as_path(o, a->as_path);
	out_char(o, '|');
	out_str(o, origin_name(a));
	out_char(o, '|');
	/* bgpdump prints 255.255.255.255 (INADDR_NONE) where the data gives no
	 * next hop; the real corpus expects it (COMPATIBILITY). */
	if (e->nexthop.afi)
		out_addr(o, &e->nexthop);
	else
		out_str(o, "255.255.255.255");
	out_char(o, '|');
	out_u64(o, (a->present & ATTR_BIT(BGP_ATTR_LOCAL_PREF)) ? a->local_pref : 0);
	out_char(o, '|');
	out_u64(o, (a->present & ATTR_BIT(BGP_ATTR_MED)) ? a->med : 0);
	/* The legacy BGP line has no separator between MED and communities:
	 * bgpdump's layout for those records, kept so scripts split alike. */
	if (e->mrt_type != MRT_BGP)
		out_char(o, '|');
	if (a->present & ATTR_BIT(BGP_ATTR_COMMUNITIES))
		out_communities(o, a->communities);
	out_char(o, '|');
	out_str(o, (a->present & ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE)) ? "AG" : "NAG");
	out_char(o, '|');
	if (a->present & ATTR_BIT(BGP_ATTR_AGGREGATOR)) {
		out_u64(o, a->aggregator_as);
		out_char(o, ' ');
		out_addr(o, &a->aggregator_ip);
	}
	out_char(o, '|');
}

void fmt_bgpdump(struct outbuf *o, const struct elem *e)
{
	static const char kind[][6] = {
		[ELEM_RIB] = "B", [ELEM_ANNOUNCE] = "A", [ELEM_WITHDRAW] = "W", [ELEM_STATE] = "STATE",
	};

	out_str(o, label(e));
	out_char(o, '|');
	out_time(o, e);
	out_char(o, '|');
	out_str(o, kind[e->type]);
	out_char(o, '|');
	out_addr(o, &e->peer_ip);
	out_char(o, '|');
	out_u64(o, e->peer_as);
	out_char(o, '|');

	if (e->type == ELEM_STATE) {
		out_u64(o, e->old_state);
		out_char(o, '|');
		out_u64(o, e->new_state);
		out_char(o, '\n');
		return;
	}
	out_prefix(o, &e->prefix);
	if (e->type == ELEM_WITHDRAW) {
		if (e->has_path_id) {
			out_char(o, '|');
			out_u64(o, e->path_id);
		}
		out_char(o, '\n');
		return;
	}
	out_char(o, '|');
	if (e->has_path_id) {
		out_u64(o, e->path_id);
		out_char(o, '|');
	}
	out_route_attrs(o, e);
	out_char(o, '\n');
}
