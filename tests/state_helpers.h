/*
 * state_helpers.h — building route elements by hand for the routing-state
 * tests (check_rib, check_visibility, check_blackout, check_timeline).
 * Owns: a small "world" of targets + visibility + windows fed element by
 * element, and reading a report back. Never: reads files.
 */
#ifndef MRTREACH_STATE_HELPERS_H
#define MRTREACH_STATE_HELPERS_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "state/blackout.h"
#include "decode/elem.h"
#include "report/outbuf.h"
#include "state/targets.h"
#include "state/timeline.h"
#include "state/visibility.h"
#include "cli/opts.h"      /* opt_parse_rule: rules by their command-line names */

static inline struct prefix P(const char *s)
{
	struct prefix p;
	ck_assert_msg(prefix_parse(s, &p, false), "bad prefix %s", s);
	return p;
}

static inline struct addr A(const char *s)
{
	struct addr a;
	ck_assert_msg(addr_parse(s, &a), "bad address %s", s);
	return a;
}

struct world {
	struct targets t;
	struct vis v;
	struct blackout b;
	struct timeline tl;
	struct vis_change ch[512];
	size_t nch;
	uint8_t aspath[64];
	struct bgp_attrs attrs;
};

static void w_tick(struct vis *v, uint32_t ts, void *arg)
{
	struct world *w = arg;
	blackout_tick(&w->b, v, ts);
}

static void w_change(struct vis *v, const struct vis_change *c, void *arg)
{
	(void)v;
	struct world *w = arg;
	if (w->nch < sizeof w->ch / sizeof w->ch[0])
		w->ch[w->nch++] = *c;
}

static void w_advance(struct vis *v, uint32_t ts, void *arg)
{
	struct world *w = arg;
	timeline_advance(&w->tl, v, ts);
}

/* targets: NULL-terminated list of prefixes ("" list: no targets). */
static inline void w_init_rule(struct world *w, const char *const *pfx, bool more,
                               const char *rule, bool covering, uint32_t interval)
{
	memset(w, 0, sizeof *w);
	targets_init(&w->t);
	for (size_t i = 0; pfx && pfx[i]; i++) {
		struct prefix p = P(pfx[i]);
		ck_assert(targets_add_prefix(&w->t, &p));
	}
	w->t.more_specific = more;
	ck_assert(targets_finalize(&w->t));
	struct vis_config cfg = { .full_feed = 0.9, .covering = covering, .targets = &w->t };
	ck_assert(opt_parse_rule(rule ? rule : "majority", &cfg.rule));
	struct vis_hooks h = { .on_advance = w_advance, .on_change = w_change, .on_tick = w_tick, .arg = w };
	ck_assert(vis_init(&w->v, &cfg, &h));
	blackout_init(&w->b);
	timeline_init(&w->tl, interval, true);
}

static inline void w_init(struct world *w, const char *target, bool more)
{
	const char *list[] = { target, NULL };
	w_init_rule(w, list, more, NULL, false, 0);
}

static inline void w_free(struct world *w)
{
	vis_free(&w->v);
	blackout_free(&w->b);
	timeline_free(&w->tl);
	targets_free(&w->t);
}

static inline struct elem mk(enum elem_type type, uint32_t ts, uint32_t col, uint32_t src,
                             const char *peer, const char *pfx)
{
	struct elem e;
	memset(&e, 0, sizeof e);
	e.type = type;
	e.ts = ts;
	e.collector = col;
	e.source = src;
	e.peer_ip = A(peer);
	e.peer_as = 65000;
	if (pfx)
		e.prefix = P(pfx);
	return e;
}

/* An AS path "65000 origin" (4-byte ASNs) for announcements. */
static inline const struct bgp_attrs *w_attrs(struct world *w, uint32_t origin)
{
	uint8_t *b = w->aspath;
	b[0] = AS_SEQUENCE;
	b[1] = 2;
	b[2] = 0; b[3] = 0; b[4] = 0xfd; b[5] = 0xe8;    /* 65000 */
	b[6] = (uint8_t)(origin >> 24); b[7] = (uint8_t)(origin >> 16);
	b[8] = (uint8_t)(origin >> 8); b[9] = (uint8_t)origin;
	memset(&w->attrs, 0, sizeof w->attrs);
	w->attrs.as_path = cur_make(b, 10);
	return &w->attrs;
}

static inline void w_rib(struct world *w, uint32_t ts, uint32_t col, uint32_t src,
                         const char *peer, const char *pfx)
{
	struct elem e = mk(ELEM_RIB, ts, col, src, peer, pfx);
	e.attrs = w_attrs(w, 131279);
	vis_elem(&w->v, &e);
}

/* n filler routes (10.k.0.0/16, non-target) so peer has a table of size n. */
static inline void w_rib_fill(struct world *w, uint32_t ts, uint32_t col, uint32_t src,
                              const char *peer, unsigned n)
{
	for (unsigned k = 0; k < n; k++) {
		char buf[32];
		snprintf(buf, sizeof buf, "10.%u.%u.0/24", k / 256, k % 256);
		w_rib(w, ts, col, src, peer, buf);
	}
}

static inline void w_ann(struct world *w, uint32_t ts, uint32_t col, const char *peer, const char *pfx)
{
	struct elem e = mk(ELEM_ANNOUNCE, ts, col, 100, peer, pfx);
	e.attrs = w_attrs(w, 131279);
	vis_elem(&w->v, &e);
	vis_flush(&w->v);
}

static inline void w_ann_origin(struct world *w, uint32_t ts, uint32_t col, const char *peer,
                                const char *pfx, uint32_t origin)
{
	struct elem e = mk(ELEM_ANNOUNCE, ts, col, 100, peer, pfx);
	e.attrs = w_attrs(w, origin);
	vis_elem(&w->v, &e);
	vis_flush(&w->v);
}

static inline void w_wd(struct world *w, uint32_t ts, uint32_t col, const char *peer, const char *pfx)
{
	struct elem e = mk(ELEM_WITHDRAW, ts, col, 100, peer, pfx);
	vis_elem(&w->v, &e);
	vis_flush(&w->v);
}

static inline void w_state(struct world *w, uint32_t ts, uint32_t col, const char *peer,
                           uint16_t old_state, uint16_t new_state)
{
	struct elem e = mk(ELEM_STATE, ts, col, 100, peer, NULL);
	e.old_state = old_state;
	e.new_state = new_state;
	vis_elem(&w->v, &e);
	vis_flush(&w->v);
}

/* Helpers decide after each element (as if each were alone in its second);
 * tests of same-second batching call vis_elem directly. */
static inline void w_end_as(struct world *w, uint32_t src, bool damaged)
{
	vis_source_end(&w->v, src, damaged);
	vis_flush(&w->v);
}
static inline void w_end(struct world *w, uint32_t src) { w_end_as(w, src, false); }

/* Ends the blackout run: the data gave exactly n windows (w->b.w[0..n)). */
static inline void w_finish(struct world *w, size_t n)
{
	blackout_finish(&w->b, &w->v);
	ck_assert_uint_eq(w->b.n, n);
}

/* The usual start: collector col's RIB dump (source src) at ts with npeers
 * full-feed peers 192.0.2.1.. (100 filler routes each), of which the first
 * nwith also have a route to each prefix in pfx (NULL-terminated). */
static inline void w_start(struct world *w, uint32_t ts, uint32_t col, uint32_t src,
                           unsigned npeers, unsigned nwith, const char *const *pfx)
{
	for (unsigned i = 0; i < npeers; i++) {
		char peer[32];
		snprintf(peer, sizeof peer, "192.0.2.%u", i + 1);
		w_rib_fill(w, ts, col, src, peer, 100);
		for (size_t k = 0; i < nwith && pfx && pfx[k]; k++)
			w_rib(w, ts, col, src, peer, pfx[k]);
	}
	w_end(w, src);
}

static inline const char *peer_n(unsigned i)
{
	static char buf[8][32];
	static unsigned r;
	char *b = buf[r++ % 8];
	snprintf(b, 32, "192.0.2.%u", i + 1);
	return b;
}

/* A report written through an outbuf into a pipe and read back as text
 * (test code: reports of up to a few kB, read at once). */
struct capture {
	struct outbuf *o;
	int fds[2];
	char text[4096];
};

static inline struct outbuf *cap_open(struct capture *c)
{
	ck_assert(pipe(c->fds) == 0);
	c->o = malloc(sizeof *c->o);
	ck_assert_ptr_nonnull(c->o);
	out_init(c->o, c->fds[1]);
	return c->o;
}

static inline const char *cap_text(struct capture *c)
{
	out_flush(c->o);
	close(c->fds[1]);
	ssize_t n = read(c->fds[0], c->text, sizeof c->text - 1);
	ck_assert(n > 0);
	c->text[n] = '\0';
	close(c->fds[0]);
	free(c->o);
	return c->text;
}

#endif
