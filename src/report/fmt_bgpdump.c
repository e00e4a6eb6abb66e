/*
 * fmt_bgpdump.c — the bgpdump -m pipe format, byte for byte as bgpdump 1.6.2
 * lays it out (labels, field order, empty fields, the legacy BGP line).
 * Never: parses bytes, uses printf on the hot path, or invents content.
 *
 * Where bgpdump prints something the bytes do not say, this prints what they
 * say; the differences are listed in the manual's COMPATIBILITY section.
 */
#include "report/fmt.h"

#include <string.h>
#include <time.h>

#include "report/fmt_int.h"

/* A line's fixed texts, copied 16 bytes at a time (inside the room the
 * line asked for) and counted by their length. */
struct text16 {
	char s[16];
	uint8_t n;
};
#define TEXT16(s) { s, sizeof(s) - 1 }

/* Field text of a line's first column, from the record type and subtype. */
static const struct text16 *label(const struct elem *e)
{
	static const struct text16 td = TEXT16("TABLE_DUMP"), td2 = TEXT16("TABLE_DUMP2"),
	    td2_ap = TEXT16("TABLE_DUMP2_AP"), bgp = TEXT16("BGP"), unknown = TEXT16("UNKNOWN"),
	    mp[2][3] = {
		    { TEXT16("BGP4MP"), TEXT16("BGP4MP_LOCAL"), TEXT16("BGP4MP_AP") },
		    { TEXT16("BGP4MP_ET"), TEXT16("BGP4MP_ET_LOCAL"), TEXT16("BGP4MP_ET_AP") },
	    };
	bool et = e->mrt_type == MRT_BGP4MP_ET;
	uint16_t st = e->mrt_subtype;

	switch (e->mrt_type) {
	case MRT_TABLE_DUMP:
		return &td;
	case MRT_TABLE_DUMP_V2:
		return mrt_is_addpath(e->mrt_type, st) ? &td2_ap : &td2;
	case MRT_BGP:
		return &bgp;
	case MRT_BGP4MP:
	case MRT_BGP4MP_ET:
		/* MESSAGE_LOCAL (6, 7) has its own label; the ADD-PATH subtypes
		 * 8-11, local or not, are all labelled _AP, as bgpdump does. */
		if (bgp4mp_is_local(st))
			return &mp[et][1];
		return &mp[et][mrt_is_addpath(e->mrt_type, st) ? 2 : 0];
	default:
		return &unknown;
	}
}

static inline void put_text16(struct fw *w, const struct text16 *t)
{
	FW_ROOM(w, sizeof t->s);
	memcpy(w->p, t->s, sizeof t->s);
	w->p += t->n;
}

/* v (16 bits) in lowercase hex without leading zeros, from its last digit
 * back: one test per digit, not per possible digit. */
static size_t put_hex16(char *dst, unsigned v)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = v >= 0x1000 ? 4 : v >= 0x100 ? 3 : v >= 0x10 ? 2 : 1;
	for (size_t i = n; i-- > 0; v >>= 4)
		dst[i] = hex[v & 15];
	return n;
}

/*
 * IPv6 text as bgpdump writes it, which differs from inet_ntop (RFC 5952):
 * the longest run of zero groups is replaced by "::" even when it is a
 * single group (2001:7f8:30::2:1:0:8447), the first run winning ties; and
 * an address whose first 96 bits are zero, other than :: and ::1, is
 * written with a dotted IPv4 tail (::0.0.0.2), as is ::ffff:a.b.c.d.
 * Learnt by running bgpdump 1.6.2 on crafted addresses; the corpus expects it.
 */
static size_t format_ipv6_bgpdump(const uint8_t *b, char *dst)
{
	unsigned w[8];
	int best = -1, best_len = 0, cur = -1, cur_len = 0;
	size_t n = 0;

	for (int i = 0; i < 8; i++)
		w[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
	bool zero5 = !(w[0] | w[1] | w[2] | w[3] | w[4]);
	if ((zero5 && w[5] == 0 && (w[6] != 0 || w[7] > 1)) || (zero5 && w[5] == 0xffff)) {
		memcpy(dst, w[5] ? "::ffff:" : "::", w[5] ? 7 : 2);
		n = w[5] ? 7 : 2;
		return n + addr_format_ipv4(dst + n, b + 12);
	}
	for (int i = 0; i < 8; i++) {
		if (w[i] != 0) {
			cur = -1;
			continue;
		}
		if (cur < 0) {
			cur = i;
			cur_len = 0;
		}
		if (++cur_len > best_len) {
			best = cur;
			best_len = cur_len;
		}
	}
	for (int i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + best_len) {
			if (i == best)
				dst[n++] = ':';
			continue;
		}
		if (i)
			dst[n++] = ':';
		n += put_hex16(dst + n, w[i]);
	}
	if (best >= 0 && best + best_len == 8)
		dst[n++] = ':';
	return n;
}

static inline size_t format_addr_bgpdump(const struct addr *a, char *dst)
{
	if (a->afi == AFI_IPV6)
		return format_ipv6_bgpdump(a->b, dst);
	return addr_format_ipv4(dst, a->b);
}

static inline void put_addr(struct fw *w, const struct addr *a)
{
	fw_wrote(w, format_addr_bgpdump(a, w->p));
}

/* Needs FW_PIECE of room. The length is a byte: its table entry is copied
 * whole (4 bytes, inside the room), as addr_format_ipv4 does. */
static inline void put_prefix(struct fw *w, const struct prefix *pfx)
{
	put_addr(w, &pfx->addr);
	fw_char(w, '/');
	FW_ROOM(w, 4);
	memcpy(w->p, &addr_dec8[pfx->len], 4);
	w->p += addr_dec8[pfx->len].n;
}

/* -M's time text of second ts, "08/11/16 16:00:00" (UTC), formatted once
 * per distinct second. */
static const char *human_time(struct bgpdump_style *s, uint32_t ts)
{
	if (!s->cached || s->cache_ts != ts) {
		time_t t = (time_t)ts;
		struct tm tm;
		if (!gmtime_r(&t, &tm) ||
		    strftime(s->cache_text, sizeof s->cache_text, "%m/%d/%y %H:%M:%S", &tm) == 0)
			s->cache_text[0] = '\0';
		s->cache_ts = ts;
		s->cached = true;
	}
	return s->cache_text;
}

/* "1419264900" or, for BGP4MP_ET, "1419264900.000005"; with -M the date
 * text instead of the seconds; with -t change a RIB route's originated time. */
static inline void put_time(struct fw *w, const struct elem *e, struct bgpdump_style *s)
{
	uint32_t ts = e->ts;
	if (s && s->change_time && e->type == ELEM_RIB)
		ts = e->originated;
	if (s && s->human_time) {
		const char *t = human_time(s, ts);
		fw_mem(w, t, strlen(t));
	} else {
		fw_u64(w, ts);
	}
	if (e->mrt_type != MRT_BGP4MP_ET)
		return;
	uint32_t v = e->usec;
	fw_char(w, '.');
	if (v > 999999) {          /* out of range, but print what the data says */
		fw_u32(w, v);
		return;
	}
	FW_ROOM(w, 6);
	memcpy(w->p, fw_pairs + 2 * (v / 10000), 2);
	memcpy(w->p + 2, fw_pairs + 2 * (v / 100 % 100), 2);
	memcpy(w->p + 4, fw_pairs + 2 * (v % 100), 2);
	w->p += 6;
}

/* AS path: sequences space-separated, AS_SET "{a,b}", AS_CONFED_SEQUENCE
 * "(a b)", AS_CONFED_SET "[a,b]"; segments separated by one space. */
static void put_as_path(struct fw *w, struct cursor path)
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
		/* space, brackets, and each ASN with its separator */
		fw_need(w, 3 + 11 * (size_t)seg.count);
		if (!first)
			fw_char(w, ' ');
		first = false;
		if (open)
			fw_char(w, open);
		for (unsigned i = 0; i < seg.count; i++) {
			if (i)
				fw_char(w, sep);
			fw_u32(w, rd_u32(seg.asns + 4 * i));
		}
		if (close)
			fw_char(w, close);
	}
}

/* Communities space-separated, "AS:value", the RFC 1997 well-known ones by name. */
static void put_communities(struct fw *w, struct cursor c)
{
	bool first = true;
	uint32_t v;

	while (cur_u32(&c, &v)) {
		fw_need(w, 16);
		if (!first)
			fw_char(w, ' ');
		first = false;
		switch (v) {
		case 0xFFFFFF01: fw_lit(w, "no-export"); continue;
		case 0xFFFFFF02: fw_lit(w, "no-advertise"); continue;
		case 0xFFFFFF03: fw_lit(w, "local-AS"); continue;
		default: break;
		}
		fw_u64(w, v >> 16);
		fw_char(w, ':');
		fw_u64(w, v & 0xFFFF);
	}
}

/* -l: large communities space-separated, "global:local1:local2" (RFC 8092). */
static void put_large_communities(struct fw *w, struct cursor c)
{
	uint32_t g, l1, l2;
	bool first = true;

	while (cur_u32(&c, &g) && cur_u32(&c, &l1) && cur_u32(&c, &l2)) {
		fw_need(w, 40);
		if (!first)
			fw_char(w, ' ');
		first = false;
		fw_u32(w, g);
		fw_char(w, ':');
		fw_u32(w, l1);
		fw_char(w, ':');
		fw_u32(w, l2);
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

/* Whether bgpdump's one-line modes decode attribute type t (its -u prints
 * the others): those of RFC 4271, 1997, 4456, 4760, 6793 and 8092. */
static bool bgpdump_decodes(uint8_t t)
{
	return (t >= BGP_ATTR_ORIGIN && t <= BGP_ATTR_CLUSTER_LIST) ||
	       t == BGP_ATTR_MP_REACH_NLRI || t == BGP_ATTR_MP_UNREACH_NLRI ||
	       t == BGP_ATTR_AS4_PATH || t == BGP_ATTR_AS4_AGGREGATOR ||
	       t == BGP_ATTR_LARGE_COMMUNITIES;
}

/* -u: every attribute bgpdump does not decode, in the order given,
 * space-separated "type:flags:value" in lowercase hex ("10:c0:0002..."). */
static void put_unassigned(struct fw *w, struct cursor raw)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t flags, type;
	struct cursor v;
	const char *why;
	bool first = true;

	while (bgp_attr_next(&raw, &flags, &type, &v, &why) == 1) {
		if (bgpdump_decodes(type))
			continue;
		fw_need(w, 8 + 2 * v.left);
		if (!first)
			fw_char(w, ' ');
		first = false;
		uint8_t head[2] = { type, flags };
		for (int i = 0; i < 2; i++) {
			fw_char(w, hex[head[i] >> 4]);
			fw_char(w, hex[head[i] & 15]);
			fw_char(w, ':');
		}
		for (size_t i = 0; i < v.left; i++) {
			fw_char(w, hex[v.p[i] >> 4]);
			fw_char(w, hex[v.p[i] & 15]);
		}
	}
}

/* The attribute fields of an A or B line, after the prefix (and path id);
 * s: the -M/-l/-u style, NULL for plain -m. */
static inline void put_route_attrs(struct fw *w, const struct elem *e, const struct bgpdump_style *s)
{
	const struct bgp_attrs *a = e->attrs;
	static const struct bgp_attrs none;
	if (!a)
		a = &none;

	put_as_path(w, a->as_path);
	fw_need(w, 4 * FW_PIECE);
	fw_char(w, '|');
	const char *origin = origin_name(a);
	fw_mem(w, origin, strlen(origin));
	if (s && s->human_time) {         /* -M ends A and B lines here */
		fw_char(w, '\n');
		return;
	}
	fw_char(w, '|');
	/* bgpdump prints 255.255.255.255 (INADDR_NONE) where the data gives no
	 * next hop; the real corpus expects it (COMPATIBILITY). */
	if (e->nexthop.afi)
		put_addr(w, &e->nexthop);
	else
		fw_lit(w, "255.255.255.255");
	fw_char(w, '|');
	fw_u64(w, (a->present & ATTR_BIT(BGP_ATTR_LOCAL_PREF)) ? a->local_pref : 0);
	fw_char(w, '|');
	fw_u64(w, (a->present & ATTR_BIT(BGP_ATTR_MED)) ? a->med : 0);
	/* The legacy BGP line has no separator between MED and communities:
	 * bgpdump's layout for those records, kept so scripts split alike. */
	if (e->mrt_type != MRT_BGP)
		fw_char(w, '|');
	if (a->present & ATTR_BIT(BGP_ATTR_COMMUNITIES))
		put_communities(w, a->communities);
	/* bgpdump's legacy BGP line has neither the -l nor the -u field. */
	bool legacy = e->mrt_type == MRT_BGP;
	if (s && s->large && !legacy) {
		fw_need(w, 1);
		fw_char(w, '|');
		if (a->present & ATTR_BIT(BGP_ATTR_LARGE_COMMUNITIES))
			put_large_communities(w, a->large_communities);
	}
	fw_need(w, 2 * FW_PIECE);
	fw_char(w, '|');
	if (a->present & ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE))
		fw_lit(w, "AG");
	else
		fw_lit(w, "NAG");
	fw_char(w, '|');
	if (a->present & ATTR_BIT(BGP_ATTR_AGGREGATOR)) {
		fw_u64(w, a->aggregator_as);
		fw_char(w, ' ');
		put_addr(w, &a->aggregator_ip);
	}
	fw_char(w, '|');
	if (s && s->unassigned && !legacy) {
		put_unassigned(w, a->raw);
		fw_need(w, 2);
		fw_char(w, '|');
	}
	fw_char(w, '\n');
}

/*
 * The lines of one UPDATE's routes differ only in the prefix and path id:
 * its announcements share the head (label, time, kind, peer, peer AS) and
 * the attribute fields after the prefix (the tail), its withdrawals the
 * head; an UPDATE carries several prefixes more often than not. The last
 * record's head and tail are kept per thread and copied instead of being
 * formatted again. Kept by the record's number, unique in the process
 * (elem.h): its head and tail are its own, whichever buffer they went to.
 * RIB entries are not kept: one RIB record's entries differ in peer and
 * attributes.
 */
enum { MEMO_HEAD = 192, MEMO_TAIL = 2048 };
struct line_memo {
	uint64_t record;                /* 0: nothing kept */
	enum elem_type type;            /* announcements and withdrawals apart */
	const struct bgpdump_style *s;  /* the style and -p's index they were made with */
	uint64_t index;
	struct addr nexthop;            /* the tail's: the IPv4 and the MP_REACH
	                                 * routes of one UPDATE differ in it */
	uint16_t head_len;
	uint16_t tail_len;              /* announcements; 0: too long to keep */
	char head[MEMO_HEAD];
	char tail[MEMO_TAIL];
};
static _Thread_local struct line_memo memo;

/* Whether e's line can be made of the kept head (and tail). */
static inline bool memo_fits(const struct elem *e, const struct bgpdump_style *s)
{
	if (memo.record != e->record || memo.type != e->type || memo.s != s ||
	    (s && memo.index != s->cur_index))
		return false;
	return e->type == ELEM_WITHDRAW || (memo.tail_len && addr_equal(&memo.nexthop, &e->nexthop));
}

/* The line of e from the kept head and tail, formatting only the prefix
 * and path id. */
static void put_kept_line(struct fw *w, const struct elem *e)
{
	fw_need(w, memo.head_len + memo.tail_len + 2 * FW_PIECE);
	fw_mem(w, memo.head, memo.head_len);
	put_prefix(w, &e->prefix);
	if (e->type == ELEM_WITHDRAW) {
		if (e->has_path_id) {
			fw_char(w, '|');
			fw_u64(w, e->path_id);
		}
		fw_char(w, '\n');
		return;
	}
	fw_char(w, '|');
	if (e->has_path_id) {
		fw_u64(w, e->path_id);
		fw_char(w, '|');
	}
	fw_mem(w, memo.tail, memo.tail_len);
}

/* Keeps the head [line, head_end) and, for an announcement, the tail
 * [tail, w->p) just written: when no flush came between, they are still in
 * the buffer. */
static void memo_keep(const struct fw *w, unsigned flushes, const struct elem *e,
                      const struct bgpdump_style *s, const char *line, const char *head_end,
                      const char *tail)
{
	size_t head_len = (size_t)(head_end - line);
	size_t tail_len = e->type == ELEM_ANNOUNCE ? (size_t)(w->p - tail) : 0;

	memo.record = 0;
	if (w->flushes != flushes || head_len > MEMO_HEAD || tail_len > MEMO_TAIL)
		return;
	memcpy(memo.head, line, head_len);
	if (tail_len)
		memcpy(memo.tail, tail, tail_len);
	memo.head_len = (uint16_t)head_len;
	memo.tail_len = (uint16_t)tail_len;
	memo.type = e->type;
	memo.s = s;
	memo.index = s ? s->cur_index : 0;
	memo.nexthop = e->nexthop;
	memo.record = e->record;
}

/* One line; s is NULL for plain -m, which the compiler then builds without
 * any of the style's tests (the line functions inline this). */
static inline void put_line(struct outbuf *o, const struct elem *e, struct bgpdump_style *s)
{
	static const struct text16 kind[] = {
		[ELEM_RIB] = TEXT16("|B|"), [ELEM_ANNOUNCE] = TEXT16("|A|"),
		[ELEM_WITHDRAW] = TEXT16("|W|"), [ELEM_STATE] = TEXT16("|STATE|"),
	};
	struct fw w;
	bool keep = e->record && (e->type == ELEM_ANNOUNCE || e->type == ELEM_WITHDRAW);

	fw_begin(&w, o);
	if (keep && memo_fits(e, s)) {
		put_kept_line(&w, e);
		fw_end(&w);
		return;
	}
	/* label, index, time, kind, peer, peer AS, prefix, path id: bounded */
	fw_need(&w, 9 * FW_PIECE);
	const char *line = w.p, *tail = NULL;
	unsigned flushes = w.flushes;
	put_text16(&w, label(e));
	fw_char(&w, '|');
	if (s && s->index) {
		fw_u64(&w, s->cur_index);
		fw_char(&w, '|');
	}
	put_time(&w, e, s);
	put_text16(&w, &kind[e->type]);
	put_addr(&w, &e->peer_ip);
	fw_char(&w, '|');
	fw_u64(&w, e->peer_as);
	fw_char(&w, '|');
	const char *head_end = w.p;

	if (e->type == ELEM_STATE) {
		fw_u64(&w, e->old_state);
		fw_char(&w, '|');
		fw_u64(&w, e->new_state);
		fw_char(&w, '\n');
	} else if (e->type == ELEM_WITHDRAW) {
		put_prefix(&w, &e->prefix);
		if (e->has_path_id) {
			fw_char(&w, '|');
			fw_u64(&w, e->path_id);
		}
		fw_char(&w, '\n');
	} else {
		put_prefix(&w, &e->prefix);
		fw_char(&w, '|');
		if (e->has_path_id) {
			fw_u64(&w, e->path_id);
			fw_char(&w, '|');
		}
		tail = w.p;
		put_route_attrs(&w, e, s);
	}
	if (keep)
		memo_keep(&w, flushes, e, s, line, head_end, tail);
	fw_end(&w);
}

void fmt_bgpdump(struct outbuf *o, const struct elem *e)
{
	put_line(o, e, NULL);
}

void fmt_bgpdump_style(struct outbuf *o, const struct elem *e, struct bgpdump_style *s)
{
	put_line(o, e, s);
}

/* The pieces the -H writer (fmt_multi.c) shares, as fmt_int.h declares them. */
void fw_bgpdump_addr(struct fw *w, const struct addr *a)
{
	put_addr(w, a);
}

void fw_bgpdump_prefix(struct fw *w, const struct prefix *pfx)
{
	put_prefix(w, pfx);
}

void fw_bgpdump_as_path(struct fw *w, struct cursor path)
{
	put_as_path(w, path);
}

void fw_bgpdump_communities(struct fw *w, struct cursor c)
{
	put_communities(w, c);
}

void fw_bgpdump_large(struct fw *w, struct cursor c)
{
	put_large_communities(w, c);
}

bool fw_bgpdump_decodes(uint8_t type)
{
	return bgpdump_decodes(type);
}

const char *fmt_bgpdump_human_time(struct bgpdump_style *s, uint32_t ts)
{
	return human_time(s, ts);
}

void fmt_bgpdump_as_path(struct outbuf *o, const struct elem *e)
{
	struct fw w;
	fw_begin(&w, o);
	if (e->attrs)
		put_as_path(&w, e->attrs->as_path);
	fw_end(&w);
}

static void elem_bgpdump(struct outbuf *o, const struct elem *e, const char *collector,
                         struct bgpdump_style *s)
{
	(void)collector;
	(void)s;
	fmt_bgpdump(o, e);
}

const struct dump_output dump_output_bgpdump = { elem_bgpdump, false, NULL };
