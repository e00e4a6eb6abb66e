/*
 * fuzz_state.c — libFuzzer target: the routing state and analysis engine
 * (rib.c, visibility.c, blackout.c, timeline.c, fmt_report.c) driven the way
 * reach.c drives it, by a compact program of synthetic route elements.
 *
 * Input: 4 header bytes choose the configuration, then 4 bytes per step.
 *   h0  rule (majority, any, N, fraction), start time
 *   h1  full-feed fraction, --covering, --interval
 *   h2  targets (prefix with or without more-specifics, origin AS, all)
 *   h3  --min-duration, --sort, report format, which peers use ADD-PATH
 *   step  a: operation (low 3 bits), time delta (3 bits), collector (2 bits)
 *         b: peer (low 3 bits: 6 IPv4, 2 IPv6), prefix (high 5 bits)
 *         c: ADD-PATH id, origin AS, SAFI / states / counts (per operation)
 *         d: AS path shape, path ids 0xfffffffe and 0xffffffff
 * Operations: RIB entry of the collector's open dump, announcement (two
 * codes), withdrawal, state change, end of a source (the dump file, which
 * resynchronises, or an update file), a run of filler RIB entries (table
 * sizes, hence full-feed), an explicit vis_flush. Each source belongs to
 * one collector; an ended dump file is followed by a new source index.
 *
 * Invariants (abort on failure): stated in visibility.h, blackout.h,
 * timeline.h and rib.h, checked at every hook, after every step and at the
 * end; after each decision (tick) the visibility flags are recomputed from
 * the route presence bitsets and compared; a model of each ADD-PATH route's
 * path ids says whether a withdrawal leaves a route.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "state/blackout.h"
#include "state/origins.h"
#include "decode/elem.h"
#include "report/fmt_origins.h"
#include "report/fmt_report.h"
#include "cli/opts.h"
#include "report/outbuf.h"
#include "state/targets.h"
#include "state/timeline.h"
#include "state/visibility.h"

#include "fuzz_check.h"

/* Prefixes under and around the targets (10.0.0.0/8, 2001:db8::/32). */
static const char *const PFX_TEXT[32] = {
	"10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.128/25",
	"10.2.0.0/16", "10.255.255.0/24", "10.0.0.0/9", "10.128.0.0/9",
	"0.0.0.0/0", "8.0.0.0/6", "8.0.0.0/7", "10.0.0.0/7",
	"11.0.0.0/8", "192.0.2.0/24", "10.1.2.3/32", "9.0.0.0/8",
	"10.1.0.0/17", "10.1.128.0/17", "10.64.0.0/10", "10.1.2.0/23",
	"::/0", "2001:db8::/32", "2001:db8:1::/48", "2001:db8:1:2::/64",
	"2001:db8::/31", "2001::/16", "2001:db9::/32", "2001:db8:ffff::/48",
	"2001:db8:8000::/33", "2001:db8:1::/64", "2000::/3", "2001:db8:1:2::1/128",
};
static const char *const PEER_TEXT[8] = {
	"192.0.2.1", "192.0.2.2", "192.0.2.3", "198.51.100.7",
	"203.0.113.9", "10.1.2.3", "2001:db8::1", "2001:db8:ffff::2",
};
static const uint32_t ORIGINS[4] = { 64500, 64501, 4200000000u, 65000 };
static const char *const RULES[16] = {
	"majority", "majority", "majority", "any", "1", "2", "3", "5",
	"25%", "0.1", "0.75", "100%", "0.3333", "1", "0.5", "999999",
};
static const char *const FULLFEED[8] = { "0.9", "0", "1", "0.5", "50%", "0.99", "0.1", "0.75" };
static const uint32_t INTERVALS[4] = { 0, 5, 60, 3600 };
static const uint32_t DELTAS[8] = { 0, 0, 0, 1, 1, 2, 30, 600 };
static const uint32_t START[4] = { 1418947200u, 1000, 0, UINT32_MAX - 5000 };
static const int64_t MINDUR[4] = { 0, 1, 60, 3600 };
static const uint8_t ADDPATH[8] = { 0x00, 0xff, 0x0f, 0xaa, 0x41, 0x3c, 0x80, 0x55 };

#define NCOL 3
#define MAXPFX 256

static struct prefix pfx[32];
static struct addr peers[8];
static bool ready;
static int devnull = -1;
static struct outbuf out;

struct fz {
	struct targets t;
	struct vis v;
	struct blackout b;
	struct timeline tl;
	struct origins org;         /* kept when the input asks (origins, --by-origin) */
	enum report_fmt fmt;
	bool ticked;
	uint32_t last_tick;
	uint8_t shown[MAXPFX];      /* visibility last reported by on_change */
	uint8_t shown_unk[MAXPFX];  /* and whether it was reported unknown */
	uint32_t nvis;              /* visible as the changes told it */
	uint8_t addpath;            /* peers (bits) whose routes carry path ids */
	uint8_t paths[NCOL][8][32]; /* their path ids (codes, bits) per prefix of pfx[] */
	uint8_t aspath[32];
	struct bgp_attrs attrs;
};

/* Own visibility by the rule, as visibility.h states it: the least number
 * of full-feed vantage points it needs (any: one of any kind). */
static bool rule_holds(const struct vis_rule *r, uint32_t sf, uint32_t nf, uint32_t sa)
{
	if (r->kind == VIS_ANY)
		return sa >= 1;
	uint32_t need = r->count;
	if (r->kind == VIS_FRACTION) {
		double x = r->fraction * (double)nf - 1e-9;   /* at least one */
		need = x <= 1 ? 1 : (uint32_t)x + ((double)(uint32_t)x < x);
	}
	return sf >= need;
}

static void check_state(const struct vis *v)
{
	CHECK(v->nvisible <= v->ntargets);
	CHECK(v->ntargets <= v->rib.npfx);
	CHECK(v->rib.npfx <= MAXPFX);
	CHECK(v->rib.vt.n <= v->rib.words * 64);
	CHECK(v->nfull[0] <= v->rib.vt.n && v->nfull[1] <= v->rib.vt.n);
	uint32_t eff = 0;
	for (size_t i = 0; i < v->ntargets; i++) {
		uint32_t p = v->targets[i];
		CHECK(p < v->rib.npfx);
		CHECK(v->flags[p] & VIS_F_TARGET);
		eff += !!(v->flags[p] & VIS_F_EFF);
		if (v->cfg.covering && i > 0)   /* sorted: prefix_cmp order */
			CHECK(prefix_cmp(&v->rib.pfx[v->sorted[i - 1]], &v->rib.pfx[v->sorted[i]]) < 0);
	}
	CHECK(eff == v->nvisible);
	uint32_t flagged = 0;
	for (size_t p = 0; p < v->rib.npfx; p++)
		flagged += !!(v->flags[p] & VIS_F_TARGET);
	CHECK(flagged == v->ntargets);
	uint32_t any, full, nf;
	vis_target_holders(v, &any, &full, &nf);
	CHECK(full <= any && any <= v->rib.vt.n && full <= nf);
}

/* After a decision: every flag agrees with the presence bitsets. */
static void check_decided(const struct vis *v)
{
	CHECK(v->ndirty == 0);
	for (uint32_t p = 0; p < v->rib.npfx; p++) {
		uint32_t sf, nf, sa;
		vis_counts(v, p, &sf, &nf, &sa);
		CHECK(sf <= nf && sf <= sa && sa <= v->rib.vt.n);
		CHECK(!(v->flags[p] & VIS_F_DIRTY));
		/* an unknown prefix (too few known full-feed routes) is never visible by its own */
		CHECK(!!(v->flags[p] & VIS_F_OWN) ==
		      (!(v->flags[p] & VIS_F_UNK) && rule_holds(&v->cfg.rule, sf, nf, sa)));
	}
	for (size_t i = 0; i < v->ntargets; i++) {
		uint32_t p = v->targets[i];
		bool want = v->flags[p] & VIS_F_OWN;
		for (uint32_t q = 0; !want && v->cfg.covering && q < v->rib.npfx; q++)
			want = q != p && (v->flags[q] & VIS_F_OWN) &&
			       prefix_contains(&v->rib.pfx[q], &v->rib.pfx[p]);
		CHECK(!!(v->flags[p] & VIS_F_EFF) == want);
	}
}

static void check_window(const struct vis *v, const struct bo_window *w)
{
	CHECK(w->start <= w->end);
	CHECK(v->started && w->start >= v->first_ts && w->end <= v->now);
	CHECK(w->nvps <= v->rib.vt.n);
	CHECK(w->start_full <= w->start_any && w->start_full <= w->nfull);
	CHECK(w->min_any <= w->start_any && w->min_full <= w->start_full);
	CHECK(w->min_full <= w->min_any);
	CHECK(w->ntargets <= v->ntargets);
	CHECK(w->nheld <= w->min_any);
	for (uint32_t k = 0; k < w->nheld && k < 4; k++)
		CHECK(w->held[k] < v->rib.vt.n);
}

/* Windows in time order: sorted, apart, only the first from data start,
 * only the last ongoing (and then up to the end of the data). */
static void check_windows_by_time(const struct vis *v, const struct blackout *b, bool finished)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct bo_window *w = &b->w[i];
		bool open = !finished && b->open && i + 1 == b->n;
		if (!open)
			check_window(v, w);
		if (w->from_start)
			CHECK(i == 0);
		if (w->ongoing)
			CHECK(finished && i + 1 == b->n && w->end == v->now);
		if (i > 0)
			CHECK(b->w[i - 1].end <= w->start && b->w[i - 1].start <= w->start);
	}
}

static uint32_t find_vp(const struct vis *v, uint32_t col, const struct addr *ip)
{
	for (uint32_t k = 0; k < v->rib.vt.n; k++)
		if (v->rib.vt.vps[k].collector == col && v->rib.vt.vps[k].ip.afi == ip->afi &&
		    memcmp(v->rib.vt.vps[k].ip.b, ip->b, 16) == 0)
			return k;
	return RIB_NONE;
}

/* A route gone (withdrawn, session down, dropped by a dump) takes all its
 * paths with it: the path model starts again from the presence bitsets. */
static void forget_gone(struct fz *f)
{
	const struct vis *v = &f->v;
	uint32_t p[32];
	for (int k = 0; k < 32; k++)
		p[k] = rib_find(&v->rib, &pfx[k]);
	for (uint32_t c = 0; c < NCOL; c++)
		for (uint32_t i = 0; i < 8; i++) {
			uint32_t vp = find_vp(v, c, &peers[i]);
			for (int k = 0; k < 32; k++)
				if (vp == RIB_NONE || p[k] == RIB_NONE || !rib_has(&v->rib, p[k], vp))
					f->paths[c][i][k] = 0;
		}
}

/* Per (prefix, origin) counts add up to the prefix's: every route has an
 * origin; and an open window is a visible (prefix, origin) of a target. */
static void check_origins(const struct vis *v, const struct origins *o)
{
	for (uint32_t p = 0; p < v->rib.npfx && p < o->nhead; p++) {
		uint32_t sf, nf, sa, any = 0, full = 0;
		/* a pair is visible only while its prefix is decided (the
		 * prefix's own unknown rule, shared through vis_counts_decided) */
		bool decided = vis_counts_decided(v, p, &sf, &nf, &sa);
		for (uint32_t e = o->head[p]; e != OR_NONE; e = o->e[e].next) {
			any += o->e[e].any;
			full += o->e[e].full;
			CHECK(o->e[e].visible ==
			      (decided && vis_rule_ok(&v->cfg.rule, o->e[e].full, nf, o->e[e].any)));
			if (o->e[e].win != OR_NONE)
				CHECK(o->e[e].visible && (v->flags[p] & VIS_F_TARGET) &&
				      o->w[o->e[e].win].origin == o->e[e].origin);
		}
		CHECK(any == sa && full == sf);
	}
}

static void on_decide(struct vis *v, uint32_t p, void *arg)
{
	struct fz *f = arg;
	origins_decide(&f->org, v, p);
}

static void on_tick(struct vis *v, uint32_t ts, void *arg)
{
	struct fz *f = arg;
	if (v->cfg.origins) {
		origins_tick(&f->org, v);
		check_origins(v, &f->org);
	}
	CHECK(ts == v->now);
	CHECK(!f->ticked || ts >= f->last_tick);
	CHECK(!rib_dump_open(&v->rib));
	f->ticked = true;
	f->last_tick = ts;
	check_state(v);
	check_decided(v);
	blackout_tick(&f->b, v, ts);
	/* while some target is unknown and none visible the answer is undecided:
	 * no window is open then (blackout.h) */
	if (f->b.known && v->nunknown == 0)
		CHECK(f->b.open == (v->nvisible == 0));
	if (f->b.known && v->nunknown > 0 && v->nvisible == 0)
		CHECK(!f->b.open);
	forget_gone(f);
	check_windows_by_time(v, &f->b, false);
}

static void on_change(struct vis *v, const struct vis_change *c, void *arg)
{
	struct fz *f = arg;
	CHECK(c->ts == v->now);
	CHECK(c->prefix < v->rib.npfx && c->prefix < MAXPFX);
	CHECK(v->flags[c->prefix] & VIS_F_TARGET);
	CHECK(c->visible == !!(v->flags[c->prefix] & VIS_F_EFF));
	CHECK(c->unknown == !!(v->flags[c->prefix] & VIS_F_EUNK));
	CHECK(!(c->unknown && c->visible));
	CHECK(v->nundecided + v->nvisible <= v->ntargets);
	/* a change changes something: visibility, or dark <-> unknown */
	CHECK(c->flip == (c->visible != f->shown[c->prefix]));
	CHECK(c->flip || c->unknown != f->shown_unk[c->prefix]);
	f->shown_unk[c->prefix] = c->unknown;
	if (!c->flip) {
		if (f->tl.interval == 0)
			report_outputs[f->fmt]->change(&out, v, c);
		return;
	}
	f->shown[c->prefix] = c->visible;
	f->nvis = c->visible ? f->nvis + 1 : f->nvis - 1;
	CHECK(f->nvis == v->nvisible);
	CHECK(c->seen_full <= c->nfull && c->seen_full <= c->seen_any);
	CHECK(c->seen_any <= v->rib.vt.n);
	CHECK(v->nvisible <= v->ntargets);
	if (f->tl.interval == 0)
		report_outputs[f->fmt]->change(&out, v, c);
}

static void on_advance(struct vis *v, uint32_t ts, void *arg)
{
	struct fz *f = arg;
	CHECK(ts > v->now);
	forget_gone(f);
	if (f->tl.interval > 0)
		timeline_advance(&f->tl, v, ts);
}

static void check_timeline(const struct vis *v, const struct timeline *t)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct tl_sample *s = &t->s[i];
		CHECK(t->interval > 0 && s->ts % t->interval == 0);
		CHECK(s->ts >= v->first_ts && s->ts <= v->now);
		if (i > 0)
			CHECK(t->s[i - 1].ts < s->ts && t->s[i - 1].ntargets <= s->ntargets);
		CHECK(s->nvisible <= s->ntargets && s->ntargets <= v->ntargets);
		uint32_t want = !t->columns ? 0 : s->ntargets < TL_MAX_COLUMNS ? s->ntargets : TL_MAX_COLUMNS;
		CHECK(s->ncols == want);
		CHECK(s->col + s->ncols <= t->ncounts);
		for (uint32_t k = 0; k < s->ncols; k++)
			CHECK(t->counts[s->col + k] <= s->nfull);
	}
}

/* An AS path ending in origin, shaped by d: a sequence, a lone origin, a
 * trailing AS_SET, or empty. */
static const struct bgp_attrs *attrs_for(struct fz *f, uint32_t origin, uint8_t d)
{
	uint8_t *b = f->aspath;
	size_t n = 0;
	int shape = d & 3;
	if (shape != 3) {
		b[n++] = AS_SEQUENCE;
		b[n++] = shape == 1 ? 1 : 2;
		if (shape != 1) {
			b[n++] = 0; b[n++] = 0; b[n++] = 0xfd; b[n++] = 0xe8;     /* 65000 */
		}
		b[n++] = (uint8_t)(origin >> 24); b[n++] = (uint8_t)(origin >> 16);
		b[n++] = (uint8_t)(origin >> 8); b[n++] = (uint8_t)origin;
		if (shape == 2) {
			b[n++] = AS_SET;
			b[n++] = 1;
			b[n++] = 0; b[n++] = 0; b[n++] = 0xfb; b[n++] = 0xf4;     /* 64500 */
		}
	}
	memset(&f->attrs, 0, sizeof f->attrs);
	f->attrs.as_path = cur_make(b, n);
	return &f->attrs;
}

static void setup(void)
{
	for (int i = 0; i < 32; i++)
		CHECK(prefix_parse(PFX_TEXT[i], &pfx[i], false));
	for (int i = 0; i < 8; i++)
		CHECK(addr_parse(PEER_TEXT[i], &peers[i]));
	devnull = open("/dev/null", O_WRONLY);
	ready = true;
}

/* Targets by h2: prefixes, more-specifics (bit 5 of h2 when "h"), origin AS
 * (ORIGINS[bits 3-4]); none of them: every prefix. */
static const struct {
	const char *pfx[2];
	char more;                  /* 'y', 'n' or 'h' */
	bool origin;
} TARGETS[8] = {
	{ { "10.0.0.0/8", NULL }, 'y', false },
	{ { "10.1.0.0/16", NULL }, 'n', false },
	{ { NULL, NULL }, 'n', true },
	{ { NULL, NULL }, 'n', false },
	{ { "2001:db8::/32", NULL }, 'y', false },
	{ { "10.1.0.0/16", "2001:db8::/32" }, 'y', false },
	{ { "10.1.2.0/24", NULL }, 'h', true },
	{ { "10.0.0.0/8", "10.1.2.0/24" }, 'n', false },
};

static void config_targets(struct targets *t, uint8_t h)
{
	targets_init(t);
	for (int k = 0; k < 2 && TARGETS[h & 7].pfx[k]; k++) {
		struct prefix p;
		CHECK(prefix_parse(TARGETS[h & 7].pfx[k], &p, false));
		CHECK(targets_add_prefix(t, &p));
	}
	char more = TARGETS[h & 7].more;
	t->more_specific = more == 'y' || (more == 'h' && ((h >> 5) & 1));
	if (TARGETS[h & 7].origin)
		CHECK(targets_add_origin(t, ORIGINS[(h >> 3) & 3]));
	CHECK(targets_finalize(t));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ready)
		setup();
	if (size < 4)
		return 0;
	static struct fz f;
	memset(&f, 0, sizeof f);
	out_init(&out, devnull);

	uint8_t h0 = data[0], h1 = data[1], h2 = data[2], h3 = data[3];
	struct vis_config cfg = { .covering = (h1 >> 3) & 1, .origins = (h2 >> 6) & 1,
	                          .track_cover = (h2 >> 7) & 1 };
	CHECK(opt_parse_rule(RULES[h0 & 15], &cfg.rule));
	CHECK(opt_parse_fraction(FULLFEED[h1 & 7], &cfg.full_feed));
	config_targets(&f.t, h2);
	cfg.targets = &f.t;
	f.fmt = (enum report_fmt)((h3 >> 3) % 3);
	f.addpath = ADDPATH[h3 >> 5];
	int64_t min_duration = MINDUR[h3 & 3];
	enum bo_sort sort = (h3 >> 2) & 1 ? BO_SORT_DURATION : BO_SORT_TIME;

	struct vis_hooks hooks = { .on_advance = on_advance, .on_change = on_change, .on_tick = on_tick,
	                           .arg = &f, .on_decide = cfg.origins ? on_decide : NULL };
	origins_init(&f.org);
	CHECK(vis_init(&f.v, &cfg, &hooks));
	blackout_init(&f.b);
	timeline_init(&f.tl, INTERVALS[(h1 >> 4) & 3], !targets_all(&f.t));

	uint32_t ts = START[(h0 >> 4) & 3];
	uint32_t dumpsrc[NCOL];          /* source index of each collector's dump file */
	for (uint32_t c = 0; c < NCOL; c++)
		dumpsrc[c] = NCOL + c;
	uint32_t nextsrc = 2 * NCOL;

	for (size_t i = 4; i + 4 <= size; i += 4) {
		uint8_t a = data[i], b = data[i + 1], c = data[i + 2], d = data[i + 3];
		uint32_t delta = DELTAS[(a >> 3) & 7];
		ts = ts > UINT32_MAX - delta ? UINT32_MAX : ts + delta;
		uint32_t col = (uint32_t)(a >> 6) % NCOL;
		struct elem e;
		memset(&e, 0, sizeof e);
		e.ts = ts;
		e.collector = col;
		e.source = col;              /* the collector's update file */
		e.peer_ip = peers[b & 7];
		e.peer_as = 65000 + (b & 7);
		e.prefix = pfx[b >> 3];
		e.safi = (c & 7) == 7 ? SAFI_MULTICAST : SAFI_UNICAST;
		e.has_path_id = (f.addpath >> (b & 7)) & 1;
		unsigned pcode = (c >> 5) & 3;      /* path ids 0-3, and the ends of the range */
		if ((d & 0xfc) == 0xfc)
			pcode = 4 + (d & 1);
		e.path_id = pcode < 4 ? pcode : UINT32_MAX - (pcode - 4);
		const struct bgp_attrs *at = attrs_for(&f, ORIGINS[(c >> 3) & 3], d);

		switch (a & 7) {
		case 0:                      /* RIB entry of the open dump */
			e.type = ELEM_RIB;
			e.source = dumpsrc[col];
			e.attrs = at;
			e.mrt_type = MRT_TABLE_DUMP_V2;
			vis_elem(&f.v, &e);
			break;
		case 1:
		case 2:                      /* announcement */
			e.type = ELEM_ANNOUNCE;
			e.attrs = at;
			e.mrt_type = MRT_BGP4MP;
			vis_elem(&f.v, &e);
			break;
		case 3:                      /* withdrawal */
			e.type = ELEM_WITHDRAW;
			e.mrt_type = MRT_BGP4MP;
			vis_elem(&f.v, &e);
			break;
		case 4:                      /* state change: often down from Established */
			e.type = ELEM_STATE;
			e.mrt_type = MRT_BGP4MP;
			if (c & 1) {
				e.old_state = BGP_STATE_ESTABLISHED;
				e.new_state = (uint16_t)(1 + (c >> 1) % 6);
			} else {
				e.old_state = (uint16_t)(1 + (c >> 1) % 6);
				e.new_state = (uint16_t)(1 + (c >> 4) % 7);
			}
			vis_elem(&f.v, &e);
			break;
		case 5:                      /* end of a file */
			if (c & 1) {
				vis_source_end(&f.v, col, c & 2);   /* an update file: nothing happens */
			} else {
				/* The next RIB entry opens a new file: of the same
				 * dump when it comes in the same second (rib.h). */
				vis_source_end(&f.v, dumpsrc[col], c & 2);   /* whole or damaged */
				dumpsrc[col] = nextsrc++;
			}
			break;
		case 6: {                    /* filler RIB entries: table size */
			e.type = ELEM_RIB;
			e.source = dumpsrc[col];
			e.attrs = at;
			e.mrt_type = MRT_TABLE_DUMP_V2;
			/* 198.18.k.0/24 or 3ffe:k::/24 */
			bool v6 = b & 4;
			unsigned n = 1 + (c & 15);
			memset(&e.prefix, 0, sizeof e.prefix);
			e.prefix.addr.afi = v6 ? AFI_IPV6 : AFI_IPV4;
			e.prefix.addr.b[0] = v6 ? 0x3f : 198;
			e.prefix.addr.b[1] = v6 ? 0xfe : 18;
			e.prefix.len = 24;
			for (unsigned k = 0; k < n; k++) {
				e.prefix.addr.b[2] = (uint8_t)k;
				vis_elem(&f.v, &e);
			}
			break;
		}
		case 7:
			vis_flush(&f.v);
			break;
		}
		check_state(&f.v);
		check_windows_by_time(&f.v, &f.b, false);

		/* Route presence right after the element (rib.h, visibility.h);
		 * with ADD-PATH, a route while at least one path remains. */
		if ((a & 7) <= 4 && e.safi == SAFI_UNICAST) {
			uint32_t vp = find_vp(&f.v, col, &e.peer_ip);
			uint32_t p = e.type == ELEM_STATE ? RIB_NONE : rib_find(&f.v.rib, &e.prefix);
			uint8_t *paths = &f.paths[col][b & 7][b >> 3];
			if (vp != RIB_NONE && p != RIB_NONE) {
				bool has = rib_has(&f.v.rib, p, vp);
				if (e.type == ELEM_RIB || e.type == ELEM_ANNOUNCE) {
					CHECK(has);
					if (e.has_path_id)
						*paths |= (uint8_t)(1u << pcode);
				}
				if (e.type == ELEM_WITHDRAW && !e.has_path_id)
					CHECK(!has);
				if (e.type == ELEM_WITHDRAW && e.has_path_id) {
					*paths &= (uint8_t)~(1u << pcode);
					CHECK(has == (*paths != 0));
				}
			}
			if (vp != RIB_NONE && e.type == ELEM_STATE &&
			    e.old_state == BGP_STATE_ESTABLISHED && e.new_state != BGP_STATE_ESTABLISHED)
				for (uint32_t q = 0; q < f.v.rib.npfx; q++)
					CHECK(!rib_has(&f.v.rib, q, vp));
		}
		forget_gone(&f);
	}

	/* The end, as reach_run does it. */
	vis_flush(&f.v);
	check_state(&f.v);
	if (f.tl.interval > 0) {
		timeline_finish(&f.tl, &f.v);
		check_timeline(&f.v, &f.tl);
	}
	blackout_finish(&f.b, &f.v);
	CHECK(!f.b.open);
	if (f.v.ntargets == 0)
		CHECK(f.b.n == 0);
	check_windows_by_time(&f.v, &f.b, true);
	size_t before = f.b.n;
	size_t n = blackout_select(&f.b, min_duration, sort);
	CHECK(n == f.b.n && n <= before);
	for (size_t i = 0; i < n; i++) {
		check_window(&f.v, &f.b.w[i]);
		CHECK(bo_duration(&f.b.w[i]) >= min_duration);
		if (i > 0 && sort == BO_SORT_DURATION)
			CHECK(bo_duration(&f.b.w[i - 1]) >= bo_duration(&f.b.w[i]));
	}
	if (sort == BO_SORT_TIME)
		check_windows_by_time(&f.v, &f.b, true);

	/* The reports, to /dev/null. */
	static char name0[] = "rrc00", name1[] = "route-views2", name2[] = "";
	static char *names[NCOL] = { name0, name1, name2 };
	struct report_info ri = {
		.command = "blackout", .covering = cfg.covering, .sort = "time",
		.min_duration = min_duration, .collectors = names, .ncollectors = NCOL,
	};
	targets_describe(&f.t, ri.targets, sizeof ri.targets);
	vis_rule_describe(&cfg.rule, cfg.covering, ri.rule, sizeof ri.rule);
	opt_rule_name(&cfg.rule, ri.rule_name, sizeof ri.rule_name);
	report_outputs[f.fmt]->blackout(&out, &ri, &f.v, &f.b);
	ri.command = "timeline";
	report_outputs[f.fmt]->timeline_head(&out, &ri, f.tl.interval > 0);
	if (f.tl.interval > 0)
		report_outputs[f.fmt]->series(&out, &f.v, &f.tl);
	report_outputs[f.fmt]->timeline_tail(&out, &ri, &f.v);
	if (cfg.origins) {
		origins_finish(&f.org, &f.v);
		for (size_t i = 0; i < f.org.nw; i++)
			CHECK(f.org.w[i].start <= f.org.w[i].end && f.org.w[i].peak_full <= f.org.w[i].peak_vps);
		origins_sort(&f.org, &f.v);
		ri.command = "origins";
		struct origins_filter flt = { .one_origin = h3 & 1, .asn = ORIGINS[0] };
		origins_outputs[f.fmt]->origins(&out, &ri, &f.v, &f.org, &flt);
	}
	out_flush(&out);

	CHECK(!f.v.rib.oom && !f.b.oom && !f.tl.oom && !f.org.oom);
	origins_free(&f.org);
	vis_free(&f.v);
	blackout_free(&f.b);
	timeline_free(&f.tl);
	targets_free(&f.t);
	return 0;
}
