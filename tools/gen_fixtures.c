/*
 * gen_fixtures.c — writes every file under fixtures/ from a fixed-seed script (same bytes every run).
 * Owns: the nk2014, egypt2011, syria2012 and youtube2008 reconstructions, the invented collector
 * restart (restart/), the damaged files, the dump samples, and their READMEs.
 * Never: reads MRT or calls mrtreach's decoders: expected answers come from the script itself.
 *
 * Usage: gen_fixtures DIR   (normally "fixtures"; `make fixtures` runs it)
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <bzlib.h>
#include <zlib.h>

#include "mrtwrite.h"

static const char *g_top;     /* output directory */

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "gen_fixtures: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

/* ---- deterministic randomness (splitmix64: tiny, and ours) ---------------- */

static uint64_t g_rng = 0x4e4b32303134ULL;   /* "NK2014" */

static uint64_t mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnd(void)
{
	g_rng += 0x9e3779b97f4a7c15ULL;
	return mix64(g_rng);
}

/* Uniform in [0, n). The modulo bias is irrelevant for fixtures. */
static uint32_t rndn(uint32_t n)
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

/* ---- small helpers --------------------------------------------------------- */

static void mkdirs(const char *path)
{
	char tmp[512];
	size_t n = strlen(path);

	if (n >= sizeof tmp)
		die("path too long: %s", path);
	memcpy(tmp, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (tmp[i] == '/' || tmp[i] == '\0') {
			char c = tmp[i];
			tmp[i] = '\0';
			if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
				die("mkdir %s: %s", tmp, strerror(errno));
			tmp[i] = c;
		}
	}
}

static const char *path_of(const char *rel)
{
	static char buf[4][512];
	static int k;
	char *p = buf[k++ & 3];

	snprintf(p, 512, "%s/%s", g_top, rel);
	return p;
}

static void write_out(const char *rel, const struct mw_buf *b, enum mw_compress how)
{
	if (mw_write_file(path_of(rel), b->p, b->len, how) != 0)
		die("write %s: %s", rel, strerror(errno));
}

static void write_out_raw(const char *rel, const uint8_t *p, size_t n)
{
	if (mw_write_file(path_of(rel), p, n, MW_PLAIN) != 0)
		die("write %s: %s", rel, strerror(errno));
}

static FILE *open_text(const char *rel)
{
	FILE *f = fopen(path_of(rel), "w");

	if (!f)
		die("open %s: %s", rel, strerror(errno));
	return f;
}

static uint32_t utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return (uint32_t)timegm(&tm);
}

static const char *fmt_time(uint32_t t)
{
	static char buf[4][32];
	static int k;
	char *p = buf[k++ & 3];
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(p, 32, "%Y-%m-%d %H:%M:%S", &tm);
	return p;
}

static const char *fmt_dur(uint32_t d)
{
	static char buf[4][32];
	static int k;
	char *p = buf[k++ & 3];

	if (d >= 3600)
		snprintf(p, 32, "%uh%02um%02us", d / 3600, d / 60 % 60, d % 60);
	else
		snprintf(p, 32, "%um%02us", d / 60, d % 60);
	return p;
}

/* ======================================================================
 * fixtures/nk2014: the North Korea incident of 21-23 December 2014,
 * reconstructed from the published facts (see the README it writes).
 * ====================================================================== */

enum { FULL, PARTIAL, V6ONLY };

struct peer {
	const char *ip;
	uint32_t asn;
	int kind;
	const char *role;          /* what the scenario makes of it, for the README */
	uint32_t comm[4];          /* communities it tags routes with */
	int ncomm;
	bool med;
	/* derived */
	struct addr a;
	uint32_t bgp_id;
	uint32_t target_path[4];   /* ASNs after its own, normal upstream */
	int ntarget_path;
};

struct collector {
	const char *name;
	const char *rib_fmt;       /* "rib.%s.bz2" / "bview.%s.gz" */
	const char *upd_ext;
	enum mw_compress how;
	uint32_t local_as;
	const char *local4, *local6;
	const char *ll6;           /* link-local next hop its v6 peer sends, or NULL */
	struct peer *peers;
	int npeers;
	struct mw_buf *hours;      /* one update file per hour */
};

static struct peer rv2_peers[] = {
	{ "4.69.184.193", 3356, FULL, "full feed", { 3356u << 16 | 3, 3356u << 16 | 86, 3356u << 16 | 575, 3356u << 16 | 2010 }, 4, true, {0}, 0, {4837}, 1 },
	{ "216.218.252.164", 6939, FULL, "full feed", {0}, 0, false, {0}, 0, {4837}, 1 },
	{ "12.0.1.63", 7018, FULL, "full feed", { 7018u << 16 | 2000, 7018u << 16 | 34011 }, 2, false, {0}, 0, {4837}, 1 },
	{ "129.250.0.11", 2914, FULL, "full feed; its session resets during flap 7", { 2914u << 16 | 420, 2914u << 16 | 1206, 2914u << 16 | 2203, 2914u << 16 | 3200 }, 4, true, {0}, 0, {4837}, 1 },
	{ "89.149.178.10", 3257, FULL, "full feed", { 3257u << 16 | 8052, 3257u << 16 | 30156 }, 2, true, {0}, 0, {4837}, 1 },
	{ "62.115.128.137", 1299, FULL, "full feed", {0}, 0, false, {0}, 0, {4837}, 1 },
	{ "137.39.3.55", 701, FULL, "full feed", {0}, 0, true, {0}, 0, {4837}, 1 },
	{ "154.54.66.21", 174, FULL, "full feed", { 174u << 16 | 21001, 174u << 16 | 22013 }, 2, true, {0}, 0, {4837}, 1 },
	{ "147.28.7.1", 3130, PARTIAL, "partial feed (~10% of the table): must not count", {0}, 0, false, {0}, 0, {2914, 4837}, 2 },
	{ "2001:470:0:1a::1", 6939, V6ONLY, "IPv6 only", {0}, 0, false, {0}, 0, {0}, 0 },
};

static struct peer rrc00_peers[] = {
	{ "193.0.0.56", 3333, FULL, "full feed", {0}, 0, false, {0}, 0, {1299, 4837}, 2 },
	{ "217.29.66.65", 12779, FULL, "full feed", { 12779u << 16 | 65001 }, 1, false, {0}, 0, {3257, 4837}, 2 },
	{ "212.66.96.126", 20912, FULL, "full feed; keeps a stale route through the 9h31m outage", { 20912u << 16 | 65004 }, 1, false, {0}, 0, {3356, 4837}, 2 },
	{ "213.144.128.203", 13030, FULL, "full feed", { 13030u << 16 | 2, 13030u << 16 | 51904 }, 2, true, {0}, 0, {4837}, 1 },
	{ "195.22.194.18", 6762, FULL, "full feed", {0}, 0, false, {0}, 0, {4837}, 1 },
	{ "203.181.248.168", 7660, FULL, "full feed", { 7660u << 16 | 9001 }, 1, false, {0}, 0, {2516, 4837}, 2 },
	{ "195.69.144.34", 1103, FULL, "full feed", {0}, 0, false, {0}, 0, {3356, 4837}, 2 },
	{ "202.232.0.2", 2497, FULL, "full feed", {0}, 0, true, {0}, 0, {4837}, 1 },
	{ "2001:7f8:1::a501:2779:1", 12779, V6ONLY, "IPv6 only", {0}, 0, false, {0}, 0, {0}, 0 },
};

#define NHOURS 54               /* 21 Dec 00:00 .. 23 Dec 06:00 */
#define RESET_PEER_COL 0        /* route-views2 AS2914 */
#define RESET_PEER 3
#define STALE_PEER_COL 1        /* rrc00 AS20912 */
#define STALE_PEER 2
#define PARTIAL_COL 0
#define PARTIAL_PEER 8

static struct mw_buf rv2_hours[NHOURS], rrc00_hours[NHOURS];

static struct collector cols[2] = {
	{ "route-views2", "rib.%s.bz2", "bz2", MW_BZIP2, 6447, "128.223.51.102",
	  "2001:468:d01:33::80df:3366", NULL, rv2_peers, 10, rv2_hours },
	{ "rrc00", "bview.%s.gz", "gz", MW_GZIP, 12654, "193.0.4.28",
	  "2001:7f8:30:0:2:1:0:1", "fe80::a501:2779:1", rrc00_peers, 9, rrc00_hours },
};

static uint32_t T0;             /* 2014-12-21 00:00:00 */

/* ---- the routing table in the background ---------------------------------- */

#define NBG4 2400
#define NBG6 160
#define NBG (NBG4 + NBG6)

struct bgroute {
	struct prefix p;
	uint32_t origin;
	uint32_t mid;              /* regional transit in front of the origin */
};

static struct bgroute bg[NBG];
static int nbg4, nbg;

/* Per (collector, peer, background prefix): carried at all, present now, path version. */
#define MAXPEERS 10
static uint8_t bg_eligible[2][MAXPEERS][NBG];
static uint8_t bg_present[2][MAXPEERS][NBG];
static uint8_t bg_version[2][MAXPEERS][NBG];

static const uint32_t tier1[] = { 3356, 1299, 174, 2914, 3257, 6453, 6762, 701, 7018, 6939, 3491, 1273 };
static const uint32_t mids[] = { 4134, 4637, 6461, 6830, 9002, 3320, 5511, 7922, 9498, 4766,
	2516, 7473, 12389, 8359, 31133, 3216, 20485, 1239, 209, 2828, 3549, 4323, 6830, 9121 };

static int cmp_bg(const void *a, const void *b)
{
	const struct bgroute *x = a, *y = b;

	if (x->p.addr.afi != y->p.addr.afi)
		return x->p.addr.afi - y->p.addr.afi;
	int c = memcmp(x->p.addr.b, y->p.addr.b, 16);
	if (c)
		return c;
	return x->p.len - y->p.len;
}

static void mask_addr(struct addr *a, unsigned len)
{
	for (unsigned i = 0; i < 16; i++) {
		unsigned lo = i * 8;
		if (lo >= len)
			a->b[i] = 0;
		else if (len - lo < 8)
			a->b[i] &= (uint8_t)(0xff00u >> (len - lo));
	}
}

static uint32_t random_origin(void)
{
	for (;;) {
		uint32_t r = rndn(100);
		uint32_t as = r < 85 ? 1000 + rndn(62000) : (r < 93 ? 196608 + rndn(13000) : 262144 + rndn(8000));
		if (as != 23456 && as != 4837 && as != 22351 && as != 131279)
			return as;
	}
}

static void make_background(void)
{
	static const uint8_t lens[] = { 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24,
		23, 23, 22, 22, 21, 20, 20, 19, 18, 16, 16 };
	int n = 0;

	while (n < NBG4) {
		struct bgroute *r = &bg[n];
		memset(r, 0, sizeof *r);
		uint32_t a = (uint32_t)rnd();
		unsigned o1 = a >> 24;
		if (o1 == 0 || o1 == 10 || o1 == 127 || o1 == 175 || o1 >= 224)
			continue;
		r->p.addr.afi = AFI_IPV4;
		r->p.addr.b[0] = (uint8_t)(a >> 24);
		r->p.addr.b[1] = (uint8_t)(a >> 16);
		r->p.addr.b[2] = (uint8_t)(a >> 8);
		r->p.len = lens[rndn(sizeof lens)];
		mask_addr(&r->p.addr, r->p.len);
		n++;
	}
	while (n < NBG) {
		struct bgroute *r = &bg[n];
		memset(r, 0, sizeof *r);
		r->p.addr.afi = AFI_IPV6;
		uint32_t a = 0x20010200u + rndn(0x0a0f0000u - 0x00010200u);
		r->p.addr.b[0] = (uint8_t)(a >> 24);
		r->p.addr.b[1] = (uint8_t)(a >> 16);
		r->p.addr.b[2] = (uint8_t)(a >> 8);
		r->p.addr.b[3] = (uint8_t)a;
		r->p.addr.b[4] = (uint8_t)rnd();
		r->p.addr.b[5] = (uint8_t)rnd();
		r->p.len = rndn(3) == 0 ? 48 : 32;
		mask_addr(&r->p.addr, r->p.len);
		n++;
	}
	qsort(bg, (size_t)n, sizeof bg[0], cmp_bg);
	/* drop duplicates */
	int m = 0;
	for (int i = 0; i < n; i++)
		if (m == 0 || cmp_bg(&bg[m - 1], &bg[i]) != 0)
			bg[m++] = bg[i];
	nbg = m;
	nbg4 = 0;
	for (int i = 0; i < nbg; i++) {
		bg[i].origin = random_origin();
		bg[i].mid = mids[rndn(sizeof mids / sizeof mids[0])];
		if (bg[i].p.addr.afi == AFI_IPV4)
			nbg4++;
	}
	/* Who carries what: full feeds nearly everything, the partial peer ~10%. */
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < cols[c].npeers; k++)
			for (int i = 0; i < nbg; i++) {
				bool v6 = bg[i].p.addr.afi == AFI_IPV6;
				int kind = cols[c].peers[k].kind;
				bool el = kind == V6ONLY ? v6 : (!v6 && (kind == FULL ? rndn(1000) < 992 : rndn(100) < 10));
				bg_eligible[c][k][i] = el;
				bg_present[c][k][i] = el;
			}
}

/* The AS path peer k of collector c has for background prefix i at version v. */
static size_t bg_path(int c, int k, int i, int v, uint32_t *out)
{
	const struct peer *pe = &cols[c].peers[k];
	uint64_t h = mix64((uint64_t)i * 1000003u + (uint64_t)c * 7919u + (uint64_t)k * 131u + (uint64_t)v * 17u);
	size_t n = 0;

	out[n++] = pe->asn;
	if ((h & 3) == 0 || pe->asn == 3333 || pe->asn == 3130) {
		uint32_t t = tier1[(h >> 2) % (sizeof tier1 / sizeof tier1[0])];
		if (t != pe->asn)
			out[n++] = t;
	}
	if (bg[i].mid != out[n - 1])
		out[n++] = bg[i].mid;
	if ((h >> 12) % 5 == 0) {
		uint32_t t = mids[(h >> 16) % (sizeof mids / sizeof mids[0])];
		if (t != out[n - 1] && t != bg[i].mid)
			out[n++] = t;
	}
	out[n++] = bg[i].origin;
	if ((h >> 8) % 10 == 0)
		out[n++] = bg[i].origin;       /* a prepend */
	return n;
}

/* Attributes of one route as peer k of collector c sends it. */
static void peer_attrs(struct mw_buf *a, int c, int k, const uint32_t *path, size_t n,
                       uint32_t med, bool v6, bool rib, const struct prefix *v6p, size_t nv6)
{
	const struct collector *co = &cols[c];
	const struct peer *pe = &co->peers[k];

	mw_attr_origin(a, (uint8_t)(path[n - 1] % 23 == 0 ? 2 : 0));
	mw_attr_as_seq(a, 4, path, n);
	if (!v6)
		mw_attr_next_hop(a, pe->a);
	if (pe->med)
		mw_attr_med(a, med);
	if (pe->ncomm)
		mw_attr_communities(a, pe->comm, (size_t)pe->ncomm);
	if (v6) {
		struct addr ll;
		const struct addr *llp = NULL;
		if (co->ll6) {
			ll = mw_ip(co->ll6);
			llp = &ll;
		}
		if (rib)
			mw_attr_mp_reach_rib(a, pe->a, llp);
		else
			mw_attr_mp_reach(a, AFI_IPV6, 1, pe->a, llp, v6p, NULL, nv6);
	}
}

/* ---- the four targets ------------------------------------------------------ */

static struct prefix targets[4];
#define ALL_TARGETS 0xf

/* Target path variants: 0 normal (via AS4837), 1 via Intelsat AS22351,
 * 2 and 3 path hunting (longer paths tried before a withdrawal). */
static size_t target_path(int c, int k, int var, uint32_t *out)
{
	const struct peer *pe = &cols[c].peers[k];
	size_t n = 0;

	out[n++] = pe->asn;
	switch (var) {
	case 0:
		for (int j = 0; j < pe->ntarget_path; j++)
			out[n++] = pe->target_path[j];
		break;
	case 1:
		for (int j = 0; j < pe->ntarget_path - 1; j++)
			out[n++] = pe->target_path[j];
		out[n++] = 22351;
		break;
	case 2:
		out[n++] = pe->asn == 1299 ? 3257 : 1299;
		for (int j = 0; j < pe->ntarget_path; j++)
			if (pe->target_path[j] != out[n - 1])
				out[n++] = pe->target_path[j];
		out[n++] = 4837;      /* a prepend */
		break;
	default:
		out[n++] = pe->asn == 174 ? 6453 : 174;
		out[n++] = 3491;
		out[n++] = 22351;
		break;
	}
	out[n++] = 131279;
	return n;
}

/* ---- events ------------------------------------------------------------------ */

enum ev_kind {
	EV_T_ANN,       /* announce targets (mask) with path variant */
	EV_T_WD,        /* withdraw targets (mask) */
	EV_BG_ANN,      /* background: (re)announce, or change path */
	EV_BG_WD,       /* background: withdraw */
	EV_DOWN,        /* session leaves Established (no withdrawals sent) */
	EV_UP,          /* session back to Established, then the whole table */
};

struct ev {
	uint32_t t;
	uint32_t seq;
	uint8_t kind;
	uint8_t col, peer;
	uint8_t mask;
	uint8_t var;
	int bgi;
};

static struct ev *evs;
static size_t nevs, capevs;

static void add_ev(uint32_t t, enum ev_kind kind, int c, int k, uint8_t mask, uint8_t var, int bgi)
{
	if (nevs == capevs) {
		capevs = capevs ? capevs * 2 : 4096;
		evs = realloc(evs, capevs * sizeof *evs);
		if (!evs)
			die("out of memory");
	}
	struct ev *e = &evs[nevs];
	e->t = t;
	e->seq = (uint32_t)nevs;
	e->kind = (uint8_t)kind;
	e->col = (uint8_t)c;
	e->peer = (uint8_t)k;
	e->mask = mask;
	e->var = var;
	e->bgi = bgi;
	nevs++;
}

static int cmp_ev(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

/* ---- the script ---------------------------------------------------------------- */

enum { O_RESET = 1, O_BIG = 2, O_INTELSAT = 4 };

struct outage {
	int dd, dh, dm, ds;        /* withdrawals begin (December 2014, UTC) */
	int ud, uh, um, us;        /* re-announcements begin */
	unsigned flags;
	/* filled in */
	uint32_t down, up;
};

static struct outage outages[] = {
	{ 21, 14,  2, 10,  21, 14,  9, 30, 0, 0, 0 },
	{ 21, 15, 37,  5,  21, 15, 42, 40, 0, 0, 0 },
	{ 21, 17, 20, 30,  21, 17, 34,  5, 0, 0, 0 },
	{ 21, 19,  5, 15,  21, 19, 11, 50, 0, 0, 0 },
	{ 21, 21, 48, 20,  21, 22,  3, 10, 0, 0, 0 },
	{ 22,  0, 12,  5,  22,  0, 18, 35, 0, 0, 0 },
	{ 22,  2, 55, 10,  22,  3,  1, 20, O_RESET, 0, 0 },
	{ 22,  5, 30, 15,  22,  5, 49, 40, O_INTELSAT, 0, 0 },
	{ 22,  8, 14, 20,  22,  8, 20, 10, O_INTELSAT, 0, 0 },
	{ 22, 10, 41, 30,  22, 10, 52,  5, 0, 0, 0 },
	{ 22, 12, 27,  5,  22, 12, 32, 50, 0, 0, 0 },
	{ 22, 14,  3, 40,  22, 14, 10, 20, 0, 0, 0 },
	{ 22, 16, 14, 40,  23,  1, 45, 45, O_BIG, 0, 0 },
	{ 23,  3, 41,  5,  23,  4, 11, 30, 0, 0, 0 },
};
#define NOUTAGES (sizeof outages / sizeof outages[0])

/* A target-carrying peer: collector and index. */
struct tp {
	int c, k;
};
static struct tp tpeers[32];
static int ntpeers;

static int cur_var[2][MAXPEERS];    /* target path variant each peer uses now */

static bool is_peer(const struct tp *p, int c, int k)
{
	return p->c == c && p->k == k;
}

static void shuffle(struct tp *a, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = (int)rndn((uint32_t)i + 1);
		struct tp t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}

/* Moves the element equal to (c, k) to position pos. */
static void place(struct tp *a, int n, int c, int k, int pos)
{
	int at = -1;

	for (int i = 0; i < n; i++)
		if (is_peer(&a[i], c, k))
			at = i;
	if (at < 0 || pos >= n)
		die("place: peer not in order");
	struct tp t = a[at];
	if (at < pos)
		memmove(&a[at], &a[at + 1], (size_t)(pos - at) * sizeof *a);
	else
		memmove(&a[pos + 1], &a[pos], (size_t)(at - pos) * sizeof *a);
	a[pos] = t;
}

/* Scripted notes for the README: one line per noteworthy event. */
static char notes[64][200];
static int nnotes;

static void note(const char *fmt, ...)
{
	va_list ap;

	if (nnotes == 64)
		die("too many notes");
	va_start(ap, fmt);
	vsnprintf(notes[nnotes++], sizeof notes[0], fmt, ap);
	va_end(ap);
}

static void script_outage(struct outage *o, int idx)
{
	struct tp order[32];
	int n = 0;

	/* --- withdrawals, staggered, some peers path hunting first --- */
	for (int i = 0; i < ntpeers; i++) {
		if ((o->flags & O_BIG) && is_peer(&tpeers[i], STALE_PEER_COL, STALE_PEER))
			continue;                  /* the zombie: never withdraws */
		order[n++] = tpeers[i];
	}
	shuffle(order, n);
	/* The partial-feed peer goes early: were it counted as full-feed, the
	 * majority would be lost one withdrawal sooner. */
	place(order, n, PARTIAL_COL, PARTIAL_PEER, 1);
	if (o->flags & O_RESET) {
		/* Make the session reset the 9th full-feed "withdrawal": the one
		 * that takes the prefixes under half of 16. */
		place(order, n, RESET_PEER_COL, RESET_PEER, n - 1);
		int full_seen = 0, pos;
		for (pos = 0; pos < n - 1; pos++) {
			const struct tp *p = &order[pos];
			if (cols[p->c].peers[p->k].kind == FULL && ++full_seen == 8)
				break;
		}
		place(order, n, RESET_PEER_COL, RESET_PEER, pos + 1);
	}
	uint32_t t = o->down;
	for (int i = 0; i < n; i++) {
		const struct tp *p = &order[i];
		if (i > 0)
			t += 2 + rndn(8);
		if ((o->flags & O_RESET) && is_peer(p, RESET_PEER_COL, RESET_PEER)) {
			add_ev(t, EV_DOWN, p->c, p->k, 0, 0, -1);
			note("%s: flap %d: route-views2 AS2914 (%s) session leaves Established "
			     "(6 -> 1, no withdrawals sent)", fmt_time(t), idx + 1, cols[p->c].peers[p->k].ip);
			continue;
		}
		if (rndn(10) < 4) {                   /* path hunting */
			uint32_t h = 2 + rndn(4);
			add_ev(t - h, EV_T_ANN, p->c, p->k, ALL_TARGETS, 2, -1);
			if (rndn(2))
				add_ev(t - h + 1 + rndn(h - 1), EV_T_ANN, p->c, p->k, ALL_TARGETS, 3, -1);
		}
		if (o->flags & O_BIG) {
			/* Packed differently: two messages a few seconds apart, so the
			 * four prefixes do not all go dark at the same second. */
			add_ev(t, EV_T_WD, p->c, p->k, 0x3, 0, -1);
			add_ev(t + 1 + rndn(4), EV_T_WD, p->c, p->k, 0xc, 0, -1);
		} else {
			add_ev(t, EV_T_WD, p->c, p->k, ALL_TARGETS, 0, -1);
		}
	}

	/* --- re-announcements, staggered; the partial-feed peer comes last --- */
	n = 0;
	for (int i = 0; i < ntpeers; i++) {
		if ((o->flags & O_RESET) && is_peer(&tpeers[i], RESET_PEER_COL, RESET_PEER))
			continue;                  /* comes back with its whole table */
		order[n++] = tpeers[i];
	}
	shuffle(order, n);
	place(order, n, PARTIAL_COL, PARTIAL_PEER, n - 1);
	t = o->up;
	for (int i = 0; i < n; i++) {
		const struct tp *p = &order[i];
		if (i > 0)
			t += 2 + rndn(9);
		int var = 0;
		if ((o->flags & O_INTELSAT) && (p->k % 2 == 0))
			var = 1;
		cur_var[p->c][p->k] = var;
		add_ev(t, EV_T_ANN, p->c, p->k, ALL_TARGETS, (uint8_t)var, -1);
	}
	if (o->flags & O_RESET) {
		uint32_t tu = o->up + 170;   /* after everyone else is back */
		cur_var[RESET_PEER_COL][RESET_PEER] = 0;
		add_ev(tu, EV_UP, RESET_PEER_COL, RESET_PEER, 0, 0, -1);
		note("%s: flap %d: route-views2 AS2914 session back to Established "
		     "(1 -> 2 -> 4 -> 5 -> 6), then re-announces its whole table, targets included",
		     fmt_time(tu), idx + 1);
	}
	if (o->flags & O_BIG)
		note("%s: rrc00 AS20912 (212.66.96.126) keeps its routes to all four targets "
		     "through the outage (a stale \"zombie\" route; it re-announces with the others)",
		     fmt_time(o->down));
}

/* Background noise: path changes everywhere, and withdraw/re-announce pairs. */
static void script_noise(void)
{
	for (int c = 0; c < 2; c++) {
		for (int h = 0; h < NHOURS; h++) {
			int nev = 90 + (int)rndn(60);
			for (int j = 0; j < nev; j++) {
				int k = (int)rndn((uint32_t)cols[c].npeers);
				int i = (int)rndn((uint32_t)nbg);
				for (int tries = 0; tries < 20 && !bg_eligible[c][k][i]; tries++)
					i = (int)rndn((uint32_t)nbg);
				if (!bg_eligible[c][k][i])
					continue;
				uint32_t t = T0 + (uint32_t)h * 3600 + 3 + rndn(3595);
				if (rndn(4) == 0) {
					add_ev(t, EV_BG_WD, c, k, 0, 0, i);
					uint32_t back = t + 30 + rndn(1800);
					if (back < T0 + NHOURS * 3600u)
						add_ev(back, EV_BG_ANN, c, k, 0, 0, i);
				} else {
					add_ev(t, EV_BG_ANN, c, k, 0, 1, i);
				}
			}
		}
	}
}

/* ---- emitting records ------------------------------------------------------------ */

static struct mw_bgp4mp bgp4mp_hdr(int c, int k, uint32_t t, uint16_t subtype)
{
	const struct collector *co = &cols[c];
	const struct peer *pe = &co->peers[k];
	struct mw_bgp4mp h;

	memset(&h, 0, sizeof h);
	h.ts = t;
	h.subtype = subtype;
	h.peer_as = pe->asn;
	h.local_as = co->local_as;
	h.peer_ip = pe->a;
	h.local_ip = mw_ip(pe->a.afi == AFI_IPV6 ? co->local6 : co->local4);
	return h;
}

static struct mw_buf *hour_buf(int c, uint32_t t)
{
	uint32_t h = (t - T0) / 3600;

	if (t < T0 || h >= NHOURS)
		die("event outside the update files: %u", t);
	return &cols[c].hours[h];
}

/* One UPDATE: withdrawn prefixes wd[0..nwd), announced an[0..nan) with attrs a. */
static void emit_update(int c, int k, uint32_t t, const struct prefix *wd, size_t nwd,
                        const struct mw_buf *a, const struct prefix *an, size_t nan)
{
	struct mw_buf w = MW_BUF_INIT, nl = MW_BUF_INIT;
	struct mw_buf *out = hour_buf(c, t);
	struct mw_bgp4mp h = bgp4mp_hdr(c, k, t, MW_BGP4MP_MESSAGE_AS4);

	for (size_t i = 0; i < nwd; i++)
		mw_nlri(&w, &wd[i], false, 0);
	for (size_t i = 0; i < nan; i++)
		mw_nlri(&nl, &an[i], false, 0);
	size_t r = mw_bgp4mp_begin(out, &h);
	mw_bgp_update(out, w.p, w.len, a ? a->p : NULL, a ? a->len : 0, nl.p, nl.len);
	mw_record_end(out, r);
	mw_free(&w);
	mw_free(&nl);
}

static void emit_bg_announce(int c, int k, uint32_t t, int i)
{
	uint32_t path[16];
	size_t n = bg_path(c, k, i, bg_version[c][k][i], path);
	struct mw_buf a = MW_BUF_INIT;
	uint32_t med = (uint32_t)(mix64((uint64_t)i * 31 + (uint64_t)k) % 200);

	if (bg[i].p.addr.afi == AFI_IPV6) {
		peer_attrs(&a, c, k, path, n, med, true, false, &bg[i].p, 1);
		emit_update(c, k, t, NULL, 0, &a, NULL, 0);
	} else {
		peer_attrs(&a, c, k, path, n, med, false, false, NULL, 0);
		emit_update(c, k, t, NULL, 0, &a, &bg[i].p, 1);
	}
	mw_free(&a);
}

static void emit_bg_withdraw(int c, int k, uint32_t t, int i)
{
	if (bg[i].p.addr.afi == AFI_IPV6) {
		struct mw_buf a = MW_BUF_INIT;
		mw_attr_mp_unreach(&a, AFI_IPV6, 1, &bg[i].p, NULL, 1);
		emit_update(c, k, t, NULL, 0, &a, NULL, 0);
		mw_free(&a);
	} else {
		emit_update(c, k, t, &bg[i].p, 1, NULL, NULL, 0);
	}
}

static void emit_targets(int c, int k, uint32_t t, uint8_t mask, int var, bool withdraw)
{
	struct prefix ps[4];
	size_t n = 0;

	for (int j = 0; j < 4; j++)
		if (mask & (1u << j))
			ps[n++] = targets[j];
	if (withdraw) {
		emit_update(c, k, t, ps, n, NULL, NULL, 0);
		return;
	}
	uint32_t path[16];
	size_t pn = target_path(c, k, var, path);
	struct mw_buf a = MW_BUF_INIT;
	peer_attrs(&a, c, k, path, pn, 0, false, false, NULL, 0);
	emit_update(c, k, t, NULL, 0, &a, ps, n);
	mw_free(&a);
}

static void emit_state(int c, int k, uint32_t t, uint16_t from, uint16_t to)
{
	struct mw_bgp4mp h = bgp4mp_hdr(c, k, t, MW_BGP4MP_STATE_CHANGE_AS4);

	mw_bgp4mp_state(hour_buf(c, t), &h, from, to);
}

/* ---- the expected answer: an independent simulation of the script ------------------ */

/* Target presence per target-carrying peer, driven only by the script. */
static uint8_t sim_has[32];           /* bit j: has a route to target j */
static bool sim_down[32];

struct window {
	uint32_t start, end;
};

struct rule_state {
	bool dark;                        /* all four invisible */
	uint32_t since;
	struct window w[64];
	int nw;
};

static struct rule_state rs_major, rs_any, rs_wrong_partial, rs_no_state, rs_any_no_state;
/* Per-prefix transitions under the majority rule. */
struct ptrans {
	uint32_t t;
	int j;
	bool visible;
	int seen_full;
};
static struct ptrans ptr[512];
static int nptr;
static bool pvis[4];

static int tp_index(int c, int k)
{
	for (int i = 0; i < ntpeers; i++)
		if (is_peer(&tpeers[i], c, k))
			return i;
	return -1;
}

/* has: presence bits per peer; ignore_state: pretend sessions never drop. */
static int count_full(int j, bool include_partial, const uint8_t *has)
{
	int n = 0;

	for (int i = 0; i < ntpeers; i++) {
		int kind = cols[tpeers[i].c].peers[tpeers[i].k].kind;
		if ((kind == FULL || (include_partial && kind == PARTIAL)) && (has[i] & (1u << j)))
			n++;
	}
	return n;
}

static void rule_update(struct rule_state *rs, uint32_t t, bool all_dark)
{
	if (all_dark && !rs->dark) {
		rs->dark = true;
		rs->since = t;
	} else if (!all_dark && rs->dark) {
		rs->dark = false;
		if (rs->nw == 64)
			die("too many windows");
		rs->w[rs->nw].start = rs->since;
		rs->w[rs->nw].end = t;
		rs->nw++;
	}
}

/* Shadow presence that ignores session drops (a decoder that misses STATE). */
static uint8_t sim_has_nostate[32];

static void sim_second(uint32_t t)
{
	int nfull = 0;

	for (int i = 0; i < ntpeers; i++)
		if (cols[tpeers[i].c].peers[tpeers[i].k].kind == FULL)
			nfull++;
	bool dark_major = true, dark_any = true, dark_wrong = true, dark_nostate = true;
	bool dark_any_nostate = true;
	for (int j = 0; j < 4; j++) {
		int seen = count_full(j, false, sim_has);
		bool vis = seen >= 1 && 2 * seen >= nfull;
		if (vis)
			dark_major = false;
		if (vis != pvis[j]) {
			pvis[j] = vis;
			if (nptr == 512)
				die("too many transitions");
			ptr[nptr++] = (struct ptrans){ t, j, vis, seen };
		}
		int any = 0;
		for (int i = 0; i < ntpeers; i++)
			if (sim_has[i] & (1u << j))
				any++;
		if (any)
			dark_any = false;
		int seen_w = count_full(j, true, sim_has);
		if (seen_w >= 1 && 2 * seen_w >= nfull + 1)
			dark_wrong = false;
		int seen_n = count_full(j, false, sim_has_nostate);
		if (seen_n >= 1 && 2 * seen_n >= nfull)
			dark_nostate = false;
		for (int i = 0; i < ntpeers; i++)
			if (sim_has_nostate[i] & (1u << j))
				dark_any_nostate = false;
	}
	rule_update(&rs_major, t, dark_major);
	rule_update(&rs_any, t, dark_any);
	rule_update(&rs_wrong_partial, t, dark_wrong);
	rule_update(&rs_no_state, t, dark_nostate);
	rule_update(&rs_any_no_state, t, dark_any_nostate);
}

static void sim_event(const struct ev *e)
{
	int i = tp_index(e->col, e->peer);

	if (i < 0)
		return;
	switch (e->kind) {
	case EV_T_ANN:
		sim_has[i] |= e->mask;
		sim_has_nostate[i] |= e->mask;
		break;
	case EV_T_WD:
		sim_has[i] &= (uint8_t)~e->mask;
		sim_has_nostate[i] &= (uint8_t)~e->mask;
		break;
	case EV_DOWN:
		sim_has[i] = 0;
		sim_down[i] = true;
		break;
	case EV_UP:
		sim_down[i] = false;
		sim_has[i] = ALL_TARGETS;     /* the whole table comes back, targets up */
		sim_has_nostate[i] = ALL_TARGETS;
		break;
	default:
		break;
	}
}

/* ---- writing the collectors' files --------------------------------------------------- */

static void write_rib(int c)
{
	struct collector *co = &cols[c];
	struct mw_buf out = MW_BUF_INIT, a = MW_BUF_INIT;
	struct mw_peer mp[MAXPEERS];
	char name[256], date[32];

	for (int k = 0; k < co->npeers; k++) {
		mp[k].bgp_id = co->peers[k].bgp_id;
		mp[k].ip = co->peers[k].a;
		mp[k].asn = co->peers[k].asn;
		mp[k].as4 = true;
	}
	struct addr cid = mw_ip(co->local4);
	uint32_t id = (uint32_t)cid.b[0] << 24 | (uint32_t)cid.b[1] << 16 | (uint32_t)cid.b[2] << 8 | cid.b[3];
	mw_peer_index_table(&out, T0, id, "", mp, (size_t)co->npeers);

	/* Background and targets in one sorted walk: targets sort inside 175/8,
	 * which the background leaves out. */
	uint32_t seq = 0;
	int ti = 0;
	for (int i = 0; i <= nbg; i++) {
		while (ti < 4 && (i == nbg || (bg[i].p.addr.afi == AFI_IPV4 &&
		       memcmp(targets[ti].addr.b, bg[i].p.addr.b, 4) < 0) || bg[i].p.addr.afi == AFI_IPV6)) {
			struct mw_rib r;
			mw_rib_begin(&out, &r, T0, MW_RIB_IPV4_UNICAST, seq++, &targets[ti]);
			for (int k = 0; k < co->npeers; k++) {
				if (co->peers[k].kind == V6ONLY)
					continue;
				uint32_t path[16];
				size_t n = target_path(c, k, 0, path);
				mw_clear(&a);
				peer_attrs(&a, c, k, path, n, 0, false, true, NULL, 0);
				mw_rib_entry(&out, &r, (uint16_t)k, utc(2014, 12, 20, 9, 12, (int)(k * 7 % 60)),
				             0, a.p, a.len);
			}
			mw_rib_end(&out, &r);
			ti++;
		}
		if (i == nbg)
			break;
		bool v6 = bg[i].p.addr.afi == AFI_IPV6;
		struct mw_rib r;
		mw_rib_begin(&out, &r, T0, v6 ? MW_RIB_IPV6_UNICAST : MW_RIB_IPV4_UNICAST, seq++, &bg[i].p);
		for (int k = 0; k < co->npeers; k++) {
			if (!bg_present[c][k][i])
				continue;
			uint32_t path[16];
			size_t n = bg_path(c, k, i, 0, path);
			uint32_t med = (uint32_t)(mix64((uint64_t)i * 31 + (uint64_t)k) % 200);
			mw_clear(&a);
			peer_attrs(&a, c, k, path, n, med, v6, true, NULL, 0);
			uint32_t orig = T0 - 3600 - (uint32_t)(mix64((uint64_t)i << 8 | (uint64_t)k) % (30 * 86400));
			mw_rib_entry(&out, &r, (uint16_t)k, orig, 0, a.p, a.len);
		}
		mw_rib_end(&out, &r);
	}
	snprintf(date, sizeof date, "20141221.0000");
	char rel[64];
	snprintf(rel, sizeof rel, co->rib_fmt, date);
	snprintf(name, sizeof name, "nk2014/%s/%s", co->name, rel);
	write_out(name, &out, co->how);
	mw_free(&out);
	mw_free(&a);
}

/* One line of script.tsv: a scripted event touching the targets. */
static void script_line(FILE *f, const struct ev *e, const char *action)
{
	const struct peer *pe = &cols[e->col].peers[e->peer];
	char ps[128] = "";

	for (int j = 0; j < 4; j++)
		if (e->mask & (1u << j)) {
			char pb[PREFIX_STRLEN];
			prefix_format(&targets[j], pb);
			if (ps[0])
				strcat(ps, " ");
			strcat(ps, pb);
		}
	fprintf(f, "%u\t%s\t%s\t%s\t%u\t%s\t%s", e->t, fmt_time(e->t), cols[e->col].name,
	        pe->ip, pe->asn, action, ps);
	if (e->kind == EV_T_ANN || e->kind == EV_UP) {
		uint32_t path[16];
		size_t n = target_path(e->col, e->peer, e->kind == EV_UP ? cur_var[e->col][e->peer] : e->var, path);
		fputc('\t', f);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%s%u", i ? " " : "", path[i]);
	}
	fputc('\n', f);
}

/* Replays the script in time order: background state and records. */
static void run_events(void)
{
	FILE *script = open_text("nk2014/script.tsv");

	fprintf(script, "# Every scripted event that touches the four targets, in time order.\n"
	        "# epoch\ttime_utc\tcollector\tpeer\tpeer_as\taction\tprefixes\tas_path\n");
	qsort(evs, nevs, sizeof *evs, cmp_ev);
	uint32_t cur = 0;
	bool any = false;

	/* everyone carries the targets at the start (the RIB dumps say so) */
	for (int i = 0; i < ntpeers; i++)
		sim_has[i] = sim_has_nostate[i] = ALL_TARGETS;
	for (int j = 0; j < 4; j++)
		pvis[j] = true;

	for (size_t x = 0; x < nevs; x++) {
		const struct ev *e = &evs[x];
		int c = e->col, k = e->peer, i = e->bgi;
		int ti = tp_index(c, k);
		bool down = ti >= 0 && sim_down[ti];

		if (any && e->t != cur)
			sim_second(cur);
		cur = e->t;
		any = true;
		switch (e->kind) {
		case EV_BG_ANN:
			if (down)
				break;
			if (e->var == 1) {            /* a path change of a present route */
				if (!bg_present[c][k][i])
					break;
				bg_version[c][k][i]++;
			} else if (bg_present[c][k][i]) {
				break;                    /* already back */
			}
			bg_present[c][k][i] = 1;
			emit_bg_announce(c, k, e->t, i);
			break;
		case EV_BG_WD:
			if (down || !bg_present[c][k][i])
				break;
			bg_present[c][k][i] = 0;
			emit_bg_withdraw(c, k, e->t, i);
			break;
		case EV_T_ANN:
			emit_targets(c, k, e->t, e->mask, e->var, false);
			script_line(script, e, e->var >= 2 ? "announce (path hunting)" : "announce");
			break;
		case EV_T_WD:
			emit_targets(c, k, e->t, e->mask, 0, true);
			script_line(script, e, "withdraw");
			break;
		case EV_DOWN:
			emit_state(c, k, e->t, MW_ESTABLISHED, MW_IDLE);
			script_line(script, e, "session down (state 6 -> 1), all its routes lost");
			break;
		case EV_UP:
			{
				struct ev up = *e;
				up.mask = ALL_TARGETS;
				script_line(script, &up, "session up (1 -> 2 -> 4 -> 5 -> 6), whole table re-announced");
			}
			emit_state(c, k, e->t, MW_IDLE, MW_CONNECT);
			emit_state(c, k, e->t, MW_CONNECT, MW_OPENSENT);
			emit_state(c, k, e->t, MW_OPENSENT, MW_OPENCONFIRM);
			emit_state(c, k, e->t, MW_OPENCONFIRM, MW_ESTABLISHED);
			/* the whole table at once, the targets in their sorted place */
			for (int b = 0; b < nbg; b++) {
				if (b == nbg4 / 2)
					emit_targets(c, k, e->t, ALL_TARGETS, cur_var[c][k], false);
				if (bg_present[c][k][b])
					emit_bg_announce(c, k, e->t, b);
			}
			break;
		}
		sim_event(e);
	}
	if (any)
		sim_second(cur);
	fclose(script);
}

static void write_updates(int c)
{
	struct collector *co = &cols[c];

	for (int h = 0; h < NHOURS; h++) {
		uint32_t t = T0 + (uint32_t)h * 3600;
		time_t tt = (time_t)t;
		struct tm tm;
		char rel[256];
		gmtime_r(&tt, &tm);
		snprintf(rel, sizeof rel, "nk2014/%s/updates.%04d%02d%02d.%02d%02d.%s", co->name,
		         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, co->upd_ext);
		write_out(rel, &co->hours[h], co->how);
		mw_free(&co->hours[h]);
	}
}

static void print_windows(FILE *f, const struct rule_state *rs)
{
	fprintf(f, "| # | blackout starts (UTC) | ends (UTC) | duration |\n| --- | --- | --- | --- |\n");
	for (int i = 0; i < rs->nw; i++)
		fprintf(f, "| %d | %s | %s | %s |\n", i + 1, fmt_time(rs->w[i].start),
		        fmt_time(rs->w[i].end), fmt_dur(rs->w[i].end - rs->w[i].start));
	if (rs->dark)
		fprintf(f, "| %d | %s | (ongoing) | |\n", rs->nw + 1, fmt_time(rs->since));
}

static void write_nk_readme(void)
{
	FILE *f = open_text("nk2014/README.md");
	FILE *tsv = open_text("nk2014/windows.tsv");

	fprintf(f,
"# nk2014: the North Korea outage of 21-23 December 2014 (a reconstruction)\n\n"
"**These files are not archive data.** They are a reconstruction, written by\n"
"`tools/gen_fixtures.c` (`make fixtures`; deterministic, the same bytes every run),\n"
"from the published facts of the incident (Dyn Research, Reuters and others; see\n"
"`/work/shared/docs/domain.md`): four /24s 175.45.176.0/24 ... 175.45.179.0/24,\n"
"originated by AS131279 (Star Joint Venture) through China Unicom AS4837 (and, at\n"
"times, Intelsat AS22351); about a day of flapping from 21 December; a total outage\n"
"from 16:15 UTC on 22 December to 01:46 UTC on 23 December (9h31m); another outage of\n"
"about half an hour on 23 December. Peers, addresses and the background table are\n"
"plausible inventions; the background table is random.\n\n"
"## Files\n\n"
"- `route-views2/rib.20141221.0000.bz2`: TABLE_DUMP_V2 (PEER_INDEX_TABLE, RIB_IPV4_UNICAST,\n"
"  RIB_IPV6_UNICAST), bzip2, RouteViews naming.\n"
"- `route-views2/updates.YYYYMMDD.HHMM.bz2`: BGP4MP_MESSAGE_AS4 and BGP4MP_STATE_CHANGE_AS4, bzip2.\n"
"- `rrc00/bview.20141221.0000.gz`: the same for RIS, gzip (IPv6 next hops with link-local).\n"
"- `rrc00/updates.YYYYMMDD.HHMM.gz`: gzip.\n\n"
"Update files cover 2014-12-21 00:00 to 2014-12-23 06:00 UTC, **one file per hour** for\n"
"both collectors (the real archives use 15 minutes for RouteViews and 5 minutes for RIS;\n"
"hourly files keep the repository small). File `updates.D.HHMM` holds the records with\n"
"HH:MM:00 <= time < HH:MM + 1 hour.\n\n"
"## Vantage points\n\n"
"| collector | peer | AS | role |\n| --- | --- | --- | --- |\n");
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < cols[c].npeers; k++)
			fprintf(f, "| %s | %s | %u | %s |\n", cols[c].name, cols[c].peers[k].ip,
			        cols[c].peers[k].asn, cols[c].peers[k].role);
	int ncarry[2][MAXPEERS] = { { 0 } };
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < cols[c].npeers; k++)
			for (int i = 0; i < nbg; i++)
				ncarry[c][k] += bg_eligible[c][k][i];
	fprintf(f,
"\nBackground table: %d IPv4 and %d IPv6 prefixes (random, outside 175.0.0.0/8). In the\n"
"RIB dumps every IPv4 full-feed peer carries about 99%% of the IPv4 background plus the\n"
"four targets; the partial-feed peer (route-views2 AS3130) carries about 10%% plus the\n"
"four targets, so with the default full-feed rule (a table at least 0.9 of the largest)\n"
"there are **16 IPv4 full-feed vantage points** (8 per collector). The IPv6-only peers\n"
"carry all IPv6 background prefixes and no IPv4 route: they are the IPv6 full-feed vantage\n"
"points (so 9 per collector are full-feed in some family), and they never carry a target.\n\n"
"IPv4 entries per peer in the RIB dumps (background + 4 targets):",
	        nbg4, nbg - nbg4);
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < cols[c].npeers; k++)
			if (cols[c].peers[k].kind != V6ONLY)
				fprintf(f, " %s AS%u %d;", c ? "rrc00" : "rv2", cols[c].peers[k].asn,
				        ncarry[c][k] + 4);
	fprintf(f,
"\n\nThroughout the three days, background noise: each collector sends 90-150 updates per\n"
"hour for unrelated prefixes (path changes, withdrawals re-announced 30 s to 30 min\n"
"later).\n\n"
"Target paths: `<peer> [transit] 4837 131279` normally; `... 22351 131279` (Intelsat) for\n"
"the peers in rows 1, 3, 5, 7, 9 of each collector in the table above (AS3356, AS7018,\n"
"AS3257, AS701, AS3130; AS3333, AS20912, AS6762, AS1103) from their re-announcement\n"
"after flaps 8 and 9 until their next re-announcement;\n"
"path hunting announces `<peer> 1299|3257 ... 4837 4837 131279` or\n"
"`<peer> 174|6453 3491 22351 131279` 2-5 s before that peer's withdrawal (about 40%% of\n"
"peers in each event).\n\n"
"Every scripted event touching the targets (each peer's path-hunting announcements,\n"
"withdrawals, re-announcements, the session reset), with its second and AS path, is\n"
"listed in `script.tsv`.\n\n"
"## The script\n\n"
"Each event below: withdrawals begin at *down*, one peer after another 2-9 s apart\n"
"(all 17 IPv4 peers that carry the targets, in a fresh random order each time; the\n"
"partial-feed peer always second); re-announcements begin at *up*, 2-10 s apart (the\n"
"partial-feed peer always last). During the 9h31m outage each peer withdraws\n"
"175.45.176.0/24 + 175.45.177.0/24 in one message and 175.45.178.0/24 + 175.45.179.0/24\n"
"1-4 s later in another; otherwise all four go together in one message.\n\n"
"| event | withdrawals begin | re-announcements begin | what else |\n| --- | --- | --- | --- |\n");
	for (size_t i = 0; i < NOUTAGES; i++) {
		const struct outage *o = &outages[i];
		const char *what = (o->flags & O_BIG) ? "the 9h31m total outage; rrc00 AS20912 never withdraws (stale)"
			: (o->flags & O_RESET) ? "route-views2 AS2914 drops its session instead of withdrawing"
			: (o->flags & O_INTELSAT) ? "routes come back via AS22351 at even-numbered peers"
			: i == NOUTAGES - 1 ? "the half-hour outage of 23 December" : "flap";
		fprintf(f, "| %zu | %s | %s | %s |\n", i + 1, fmt_time(o->down), fmt_time(o->up), what);
	}
	fprintf(f, "\nNotable single events:\n\n");
	for (int i = 0; i < nnotes; i++)
		fprintf(f, "- %s\n", notes[i]);

	fprintf(f,
"\n## Expected answers (computed from the script, not by mrtreach)\n\n"
"Target: the four /24s (`--prefix 175.45.176.0/22 --more-specific`), both collectors\n"
"together. A blackout is a time when **none** of the four is visible; it starts at the\n"
"second of the event that made the last one invisible and ends at the second of the\n"
"event that made the first one visible again. Events of a same second are applied\n"
"together; visibility only falls during a withdrawal phase and only rises during a\n"
"re-announcement phase, so the order inside a second never matters.\n\n"
"### Majority of full-feed vantage points (visible = at least 8 of the 16 see it)\n\n");
	print_windows(f, &rs_major);
	fprintf(f,
"\n### Any vantage point (visible = at least one peer, full-feed or not, has a route)\n\n"
"The stale route at rrc00 AS20912 hides the 9h31m outage from this rule entirely:\n\n");
	print_windows(f, &rs_any);
	fprintf(f,
"\n### Mistakes these files catch\n\n"
"Counting the partial-feed peer as full-feed (17 vantage points, at least 9 to be\n"
"visible) gives different windows:\n\n");
	print_windows(f, &rs_wrong_partial);
	fprintf(f,
"\nIgnoring the session reset (treating a STATE change away from Established as\n"
"nothing) gives, under the majority rule:\n\n");
	print_windows(f, &rs_no_state);
	fprintf(f, "\nand under the any rule (flap 7 disappears: AS2914 seems to keep its routes):\n\n");
	print_windows(f, &rs_any_no_state);
	fprintf(f,
"\n### Per-prefix visibility changes (majority rule)\n\n"
"| time (UTC) | prefix | becomes | full-feed peers with a route |\n| --- | --- | --- | --- |\n");
	for (int i = 0; i < nptr; i++) {
		char pb[PREFIX_STRLEN];
		prefix_format(&targets[ptr[i].j], pb);
		fprintf(f, "| %s | %s | %s | %d of 16 |\n", fmt_time(ptr[i].t), pb,
		        ptr[i].visible ? "visible" : "invisible", ptr[i].seen_full);
	}
	fprintf(f,
"\nThe same windows in machine-readable form: `windows.tsv` (rule, start, end, both as\n"
"seconds since the epoch).\n");
	fclose(f);

	fprintf(tsv, "# rule\tstart\tend\tstart_utc\tend_utc\n");
	const struct { const char *name; const struct rule_state *rs; } rules[] = {
		{ "majority", &rs_major }, { "any", &rs_any },
		{ "wrong-partial-counted", &rs_wrong_partial }, { "wrong-state-ignored", &rs_no_state },
		{ "wrong-any-state-ignored", &rs_any_no_state },
	};
	for (size_t r = 0; r < 5; r++)
		for (int i = 0; i < rules[r].rs->nw; i++)
			fprintf(tsv, "%s\t%u\t%u\t%s\t%s\n", rules[r].name, rules[r].rs->w[i].start,
			        rules[r].rs->w[i].end, fmt_time(rules[r].rs->w[i].start),
			        fmt_time(rules[r].rs->w[i].end));
	fclose(tsv);
}

/* The published facts the reconstruction must hit. */
static void check_scenario(void)
{
	const struct window *big = NULL;

	for (int i = 0; i < rs_major.nw; i++)
		if (rs_major.w[i].end - rs_major.w[i].start > 3600)
			big = &rs_major.w[i];
	if (!big || rs_major.dark)
		die("scenario: no long outage");
	if (big->start < utc(2014, 12, 22, 16, 15, 0) || big->start > utc(2014, 12, 22, 16, 15, 59))
		die("scenario: outage starts at %s, not 16:15", fmt_time(big->start));
	if (big->end < utc(2014, 12, 23, 1, 46, 0) || big->end > utc(2014, 12, 23, 1, 46, 59))
		die("scenario: outage ends at %s, not 01:46", fmt_time(big->end));
	if (rs_major.nw != (int)NOUTAGES)
		die("scenario: %d majority windows, %zu events", rs_major.nw, NOUTAGES);
	if (rs_any.nw != (int)NOUTAGES - 1)
		die("scenario: 'any' should miss exactly the big outage (%d windows)", rs_any.nw);
	bool differ = false;
	for (int i = 0; i < rs_major.nw; i++)
		if (rs_wrong_partial.w[i].start != rs_major.w[i].start || rs_wrong_partial.w[i].end != rs_major.w[i].end)
			differ = true;
	if (!differ)
		die("scenario: the partial-feed peer makes no difference");
	differ = rs_no_state.nw != rs_major.nw;
	for (int i = 0; !differ && i < rs_major.nw; i++)
		if (rs_no_state.w[i].start != rs_major.w[i].start || rs_no_state.w[i].end != rs_major.w[i].end)
			differ = true;
	if (!differ)
		die("scenario: the session reset makes no difference");
}

static void gen_nk2014(void)
{
	T0 = utc(2014, 12, 21, 0, 0, 0);
	for (int j = 0; j < 4; j++) {
		char s[32];
		snprintf(s, sizeof s, "175.45.%d.0/24", 176 + j);
		targets[j] = mw_pfx(s);
	}
	for (int c = 0; c < 2; c++) {
		for (int k = 0; k < cols[c].npeers; k++) {
			struct peer *pe = &cols[c].peers[k];
			pe->a = mw_ip(pe->ip);
			if (pe->a.afi == AFI_IPV4)
				pe->bgp_id = (uint32_t)pe->a.b[0] << 24 | (uint32_t)pe->a.b[1] << 16 |
				             (uint32_t)pe->a.b[2] << 8 | pe->a.b[3];
			else
				pe->bgp_id = 0xc0000000u | (uint32_t)(mix64(pe->asn) & 0xffffff);
			if (pe->kind != V6ONLY)
				tpeers[ntpeers++] = (struct tp){ c, k };
		}
		char d[256];
		snprintf(d, sizeof d, "%s/nk2014/%s", g_top, cols[c].name);
		mkdirs(d);
	}
	make_background();
	for (size_t i = 0; i < NOUTAGES; i++) {
		struct outage *o = &outages[i];
		o->down = utc(2014, 12, o->dd, o->dh, o->dm, o->ds);
		o->up = utc(2014, 12, o->ud, o->uh, o->um, o->us);
		script_outage(o, (int)i);
	}
	script_noise();
	for (int c = 0; c < 2; c++)
		write_rib(c);
	run_events();
	check_scenario();
	for (int c = 0; c < 2; c++)
		write_updates(c);
	write_nk_readme();
}


/* ======================================================================
 * fixtures/damaged: one file per kind of damage, sound records around it.
 * ====================================================================== */

#define DTS 1419206400u        /* 2014-12-22 00:00:00 */

struct dcase {
	char file[64];
	char what[400];
	uint64_t offset;           /* decompressed byte offset of the damage */
	int before, after;         /* sound elements before / after it */
	char note[300];
};
static struct dcase dcases[32];
static int ndcases;

static struct dcase *dcase(const char *file, uint64_t offset, int before, int after,
                           const char *what)
{
	if (ndcases == 32)
		die("too many damage cases");
	struct dcase *d = &dcases[ndcases++];
	memset(d, 0, sizeof *d);
	snprintf(d->file, sizeof d->file, "%s", file);
	snprintf(d->what, sizeof d->what, "%s", what);
	d->offset = offset;
	d->before = before;
	d->after = after;
	return d;
}

static const struct mw_bgp4mp *dpeer(uint32_t ts)
{
	static struct mw_bgp4mp h;

	memset(&h, 0, sizeof h);
	h.ts = ts;
	h.subtype = MW_BGP4MP_MESSAGE_AS4;
	h.peer_as = 64500;
	h.local_as = 12654;
	h.peer_ip = mw_ip("192.0.2.1");
	h.local_ip = mw_ip("192.0.2.254");
	return &h;
}

/* Attributes every sound announcement carries. */
static void sound_attrs(struct mw_buf *a, uint32_t origin)
{
	uint32_t path[] = { 64500, 3356, origin };

	mw_attr_origin(a, 0);
	mw_attr_as_seq(a, 4, path, 3);
	mw_attr_next_hop(a, mw_ip("192.0.2.1"));
}

/* The prefix of serial number s: 10.x.y.0/24. */
static struct prefix d_serial_pfx(uint32_t s)
{
	struct prefix p;

	memset(&p, 0, sizeof p);
	p.addr.afi = AFI_IPV4;
	p.addr.b[0] = 10;
	p.addr.b[1] = (uint8_t)(s >> 8);
	p.addr.b[2] = (uint8_t)s;
	p.len = 24;
	return p;
}

/* n sound BGP4MP_MESSAGE_AS4 records, one announced prefix each (one
 * element each): 10.x.y.0/24 numbered from *serial on. */
static void sound_updates(struct mw_buf *b, int n, uint32_t *serial)
{
	struct mw_buf a = MW_BUF_INIT, nl = MW_BUF_INIT;

	for (int i = 0; i < n; i++) {
		uint32_t s = (*serial)++;
		struct prefix p = d_serial_pfx(s);
		mw_clear(&a);
		mw_clear(&nl);
		sound_attrs(&a, 64496 + s % 15);
		mw_nlri(&nl, &p, false, 0);
		size_t r = mw_bgp4mp_begin(b, dpeer(DTS + s));
		mw_bgp_update(b, NULL, 0, a.p, a.len, nl.p, nl.len);
		mw_record_end(b, r);
	}
	mw_free(&a);
	mw_free(&nl);
}

/* Offsets of the records in b, to count what survives a cut. */
static int records_within(const struct mw_buf *b, size_t avail, size_t *first_cut)
{
	size_t off = 0;
	int n = 0;

	while (off + 12 <= b->len) {
		uint32_t len = (uint32_t)b->p[off + 8] << 24 | (uint32_t)b->p[off + 9] << 16 |
		               (uint32_t)b->p[off + 10] << 8 | b->p[off + 11];
		if (off + 12 + len > avail)
			break;
		off += 12 + len;
		n++;
	}
	*first_cut = off;
	return n;
}

/* How many bytes a decompressor gets out of a truncated stream. */
static size_t gunzip_avail(const uint8_t *p, size_t n, size_t max)
{
	z_stream z;
	uint8_t *out = malloc(max);

	memset(&z, 0, sizeof z);
	if (!out || inflateInit2(&z, 15 + 16) != Z_OK)
		die("inflateInit2");
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)max;
	int rc = inflate(&z, Z_SYNC_FLUSH);
	if (rc != Z_OK && rc != Z_BUF_ERROR)
		die("inflate of the cut stream: %d", rc);
	size_t got = z.total_out;
	inflateEnd(&z);
	free(out);
	return got;
}

static size_t bunzip_avail(const uint8_t *p, size_t n, size_t max)
{
	bz_stream z;
	char *out = malloc(max);

	memset(&z, 0, sizeof z);
	if (!out || BZ2_bzDecompressInit(&z, 0, 0) != BZ_OK)
		die("BZ2_bzDecompressInit");
	z.next_in = (char *)(uintptr_t)p;
	z.avail_in = (unsigned)n;
	z.next_out = out;
	z.avail_out = (unsigned)max;
	int rc;
	do
		rc = BZ2_bzDecompress(&z);
	while (rc == BZ_OK && z.avail_in > 0 && z.avail_out > 0);
	size_t got = max - z.avail_out;
	BZ2_bzDecompressEnd(&z);
	free(out);
	return got;
}

static void damaged_compressed_cuts(void)
{
	struct mw_buf b = MW_BUF_INIT, z = MW_BUF_INIT;
	uint32_t serial = 0;
	size_t cut;

	sound_updates(&b, 600, &serial);
	mw_compress(b.p, b.len, MW_GZIP, &z);
	size_t zcut = z.len / 2;
	write_out_raw("damaged/gzip-cut.mrt.gz", z.p, zcut);
	size_t got = gunzip_avail(z.p, zcut, b.len);
	int n = records_within(&b, got, &cut);
	struct dcase *d = dcase("gzip-cut.mrt.gz", cut, n, 0,
		"gzip stream (one member, 600 one-prefix BGP4MP_MESSAGE_AS4 records) cut at half its "
		"compressed length");
	snprintf(d->note, sizeof d->note, "compressed file %zu of %zu bytes; zlib yields %zu "
	         "decompressed bytes, %d whole records, then record %d is cut at %zu", zcut, z.len,
	         got, n, n + 1, cut);

	/* bzip2 works in blocks: with 100 kB blocks the blocks before the cut
	 * decompress whole, so there is something to recover. */
	mw_clear(&b);
	mw_clear(&z);
	serial = 0;
	sound_updates(&b, 5000, &serial);
	unsigned int zl = (unsigned int)(b.len + b.len / 100 + 600);
	char *zb = malloc(zl);
	if (!zb || BZ2_bzBuffToBuffCompress(zb, &zl, (char *)b.p, (unsigned int)b.len, 1, 0, 0) != BZ_OK)
		die("bzip2");
	zcut = zl / 2;
	write_out_raw("damaged/bzip2-cut.mrt.bz2", (uint8_t *)zb, zcut);
	got = bunzip_avail((uint8_t *)zb, zcut, b.len);
	n = records_within(&b, got, &cut);
	d = dcase("bzip2-cut.mrt.bz2", cut, n, 0,
		"bzip2 stream (block size 100 kB; 5000 one-prefix BGP4MP_MESSAGE_AS4 records, "
		"435 000 bytes) cut at half its compressed length");
	if (b.len != 435000)
		die("bzip2-cut: the README says 435 000 bytes, not %zu", b.len);
	snprintf(d->note, sizeof d->note, "compressed file %zu of %u bytes; libbz2 yields the "
	         "whole blocks before the cut: %zu decompressed bytes, %d whole records, then record "
	         "%d is cut at %zu", zcut, zl, got, n, n + 1, cut);
	free(zb);
	mw_free(&b);
	mw_free(&z);
}

/* Bit offsets of the block magics in a bzip2 stream (at most max). */
static int bzip2_block_starts(const uint8_t *p, size_t n, uint64_t *at, int max)
{
	uint64_t w = 0;
	int k = 0;

	for (uint64_t bit = 0; bit < (uint64_t)n * 8 && k < max; bit++) {
		w = (w << 1 | (uint64_t)(p[bit / 8] >> (7 - bit % 8) & 1)) & 0xffffffffffffull;
		if (bit >= 47 && w == 0x314159265359ull)
			at[k++] = bit - 47;
	}
	return k;
}

/* A bzip2 file of four blocks whose third block is corrupt: the blocks
 * after it are sound and decode on their own, so a reader loses only the
 * records in the bad block (and the two it cuts). */
static void damaged_bzip2_block(void)
{
	struct mw_buf b = MW_BUF_INIT;
	uint32_t serial = 0;
	uint64_t starts[8];

	sound_updates(&b, 5000, &serial);
	unsigned int zl = (unsigned int)(b.len + b.len / 100 + 600);
	char *zb = malloc(zl);
	if (!zb || BZ2_bzBuffToBuffCompress(zb, &zl, (char *)b.p, (unsigned int)b.len, 1, 0, 0) != BZ_OK)
		die("bzip2");
	uint8_t *z = (uint8_t *)zb;
	int nblocks = bzip2_block_starts(z, zl, starts, 8);
	if (nblocks != 4)
		die("bzip2-block-corrupt: %d blocks, not 4", nblocks);
	/* Decoded bytes up to the end of blocks 2 and 3: a stream cut inside
	 * the next block yields the whole blocks before it. */
	size_t end2 = bunzip_avail(z, (size_t)(starts[2] / 8) + 20, b.len);
	size_t end3 = bunzip_avail(z, (size_t)(starts[3] / 8) + 20, b.len);
	size_t bad = (size_t)((starts[2] + starts[3]) / 16);
	z[bad] ^= 0xff;
	write_out_raw("damaged/bzip2-block-corrupt.mrt.bz2", z, zl);
	size_t cut, resume;
	int n = records_within(&b, end2, &cut);
	int lost_to = records_within(&b, end3, &resume);
	if (resume < end3) {
		size_t r = resume;
		resume = end3;
		/* The record cut at end3 is lost too: the next one starts after it. */
		uint32_t len = (uint32_t)b.p[r + 8] << 24 | (uint32_t)b.p[r + 9] << 16 |
		               (uint32_t)b.p[r + 10] << 8 | b.p[r + 11];
		resume = r + 12 + len;
		lost_to++;
	}
	struct dcase *d = dcase("bzip2-block-corrupt.mrt.bz2", cut, n, 5000 - lost_to,
		"bzip2 stream (block size 100 kB; 5000 one-prefix BGP4MP_MESSAGE_AS4 records, "
		"435 000 bytes) of 4 blocks, the 3rd corrupt: one byte in its middle inverted");
	snprintf(d->note, sizeof d->note, "compressed byte %zu inverted (0x%02x, was 0x%02x), in the "
	         "block at compressed byte %llu; blocks 1-2 decode to %zu bytes (record %d is cut at "
	         "%zu), block 3 to %zu more; the next whole record after it starts at %zu",
	         bad, z[bad], z[bad] ^ 0xff, (unsigned long long)(starts[2] / 8), end2, n + 1, cut,
	         end3 - end2, resume);
	free(zb);
	mw_free(&b);
}

static void damaged_plain(const char *file, const struct mw_buf *b, uint64_t off, int before,
                          int after, const char *what)
{
	char rel[128];

	snprintf(rel, sizeof rel, "damaged/%s", file);
	write_out(rel, b, MW_PLAIN);
	dcase(file, off, before, after, what);
}

/* Starts a damaged file in b: five sound records (serials from 0); returns
 * where the 6th, the damaged one, begins. */
static size_t d_start(struct mw_buf *b, uint32_t *serial)
{
	mw_clear(b);
	*serial = 0;
	sound_updates(b, 5, serial);
	return b->len;
}

/* A BGP4MP record carrying msg as its BGP message. */
static void bgp4mp_with(struct mw_buf *b, uint32_t ts, const uint8_t *msg, size_t n)
{
	size_t r = mw_bgp4mp_begin(b, dpeer(ts));

	mw_bytes(b, msg, n);
	mw_record_end(b, r);
}

static void damaged_framing(void)
{
	struct mw_buf b = MW_BUF_INIT, m = MW_BUF_INIT, a = MW_BUF_INIT, nl = MW_BUF_INIT;
	uint32_t serial = 0;
	size_t off;

	write_out_raw("damaged/empty.mrt", NULL, 0);
	dcase("empty.mrt", 0, 0, 0, "a zero-byte file");

	/* a record declaring more bytes than the file holds, sound records after */
	sound_updates(&b, 5, &serial);
	off = b.len;
	size_t r = b.len;
	sound_updates(&b, 1, &serial);
	mw_patch_u32(&b, r + 8, 100000);
	sound_updates(&b, 5, &serial);
	{
		char w[300];
		snprintf(w, sizeof w, "the 6th record's length says 100000 (its body is %zu bytes, "
		         "the file ends %zu bytes after its header); the 5 records after it are sound",
		         (b.len - off) / 6 - 12, b.len - off - 12);
		damaged_plain("length-past-eof.mrt", &b, off, 5, 5, w);
	}

	/* the last record cut by the end of the file */
	off = d_start(&b, &serial);
	sound_updates(&b, 1, &serial);
	b.len -= 30;
	damaged_plain("last-record-cut.mrt", &b, off, 5, 0,
		"the file ends 30 bytes before the end of its 6th (last) record");

	/* the declared length of 4 GiB */
	off = d_start(&b, &serial);
	sound_updates(&b, 1, &serial);
	mw_patch_u32(&b, off + 8, 0xffffffffu);
	sound_updates(&b, 5, &serial);
	{
		char w[300];
		snprintf(w, sizeof w, "the 6th record declares a length of 4294967295 (4 GiB - 1); "
		         "its %zu-byte body and 5 sound records follow", (b.len - off) / 6 - 12);
		damaged_plain("length-4gib.mrt", &b, off, 5, 5, w);
	}

	/* garbage between records */
	off = d_start(&b, &serial);
	for (int i = 0; i < 37; i++)
		mw_u8(&b, (uint8_t)rnd());
	sound_updates(&b, 5, &serial);
	damaged_plain("garbage-between-records.mrt", &b, off, 5, 5,
		"37 random bytes between the 5th and the 6th record");

	/* a BGP4MP record whose MRT length ends inside the BGP message */
	off = d_start(&b, &serial);
	mw_clear(&a);
	sound_attrs(&a, 64496);
	struct prefix p = mw_pfx("198.51.100.0/24");
	mw_nlri(&nl, &p, false, 0);
	mw_bgp_update(&m, NULL, 0, a.p, a.len, nl.p, nl.len);
	bgp4mp_with(&b, DTS + serial++, m.p, m.len - 12);
	sound_updates(&b, 5, &serial);
	{
		char w[300];
		snprintf(w, sizeof w, "the 6th record (BGP4MP_MESSAGE_AS4) is framed correctly but "
		         "holds only the first %zu of the %zu bytes its BGP header announces",
		         m.len - 12, m.len);
		damaged_plain("bgp4mp-cut-in-message.mrt", &b, off, 5, 5, w);
	}

	/* the BGP message's own length disagrees with the MRT length */
	off = d_start(&b, &serial);
	mw_clear(&m);
	mw_bgp_update(&m, NULL, 0, a.p, a.len, nl.p, nl.len);
	mw_patch_u16(&m, 16, (uint16_t)(m.len - 6));
	bgp4mp_with(&b, DTS + serial++, m.p, m.len);
	sound_updates(&b, 5, &serial);
	{
		char w[300];
		snprintf(w, sizeof w, "the 6th record holds a %zu-byte BGP UPDATE whose header says "
		         "%zu: the MRT length and the BGP length disagree (the last 6 bytes, which "
		         "include the NLRI 198.51.100.0/24, lie past the BGP length)", m.len, m.len - 6);
		damaged_plain("bgp-length-mismatch.mrt", &b, off, 5, 5, w);
	}

	mw_free(&b);
	mw_free(&m);
	mw_free(&a);
	mw_free(&nl);
}

/* A record whose UPDATE has the attribute block attrs and the NLRI nlri. */
static void update_with(struct mw_buf *b, uint32_t ts, const struct mw_buf *attrs,
                        const struct mw_buf *nlri)
{
	size_t r = mw_bgp4mp_begin(b, dpeer(ts));

	mw_bgp_update(b, NULL, 0, attrs->p, attrs->len, nlri ? nlri->p : NULL, nlri ? nlri->len : 0);
	mw_record_end(b, r);
}

/* Ends a damaged file begun by d_start: the UPDATE (attrs, nlri) as the 6th
 * record, five sound records after it; written as damaged/file. */
static void d_update_case(const char *file, struct mw_buf *b, size_t off, uint32_t *serial,
                          const struct mw_buf *attrs, const struct mw_buf *nlri, const char *what)
{
	update_with(b, DTS + (*serial)++, attrs, nlri);
	sound_updates(b, 5, serial);
	damaged_plain(file, b, off, 5, 5, what);
}

static void damaged_bgp(void)
{
	struct mw_buf b = MW_BUF_INIT, a = MW_BUF_INIT, nl = MW_BUF_INIT;
	uint32_t serial = 0;
	size_t off;
	struct prefix p = mw_pfx("198.51.100.0/24");

	/* an attribute running past the attribute block */
	sound_updates(&b, 5, &serial);
	off = b.len;
	mw_attr_origin(&a, 0);
	size_t at = a.len;
	uint32_t path[] = { 64500, 3356, 64496 };
	mw_attr_as_seq(&a, 4, path, 3);
	a.p[at + 2] = 200;             /* AS_PATH says 200 bytes; the block has 14 + 7 left */
	mw_attr_next_hop(&a, mw_ip("192.0.2.1"));
	mw_nlri(&nl, &p, false, 0);
	{
		char w[300];
		snprintf(w, sizeof w, "in the 6th record the AS_PATH attribute declares 200 bytes, "
		         "past the end of the %zu-byte path attribute block", a.len);
		d_update_case("attr-overrun.mrt", &b, off, &serial, &a, &nl, w);
	}

	/* NLRI prefix length 33 */
	mw_clear(&a);
	mw_clear(&nl);
	off = d_start(&b, &serial);
	sound_attrs(&a, 64496);
	mw_u8(&nl, 33);
	mw_bytes(&nl, "\xc6\x33\x64\x00\x80", 5);
	d_update_case("nlri-len-33.mrt", &b, off, &serial, &a, &nl,
		"the 6th record's IPv4 NLRI is one prefix of length 33 (5 address bytes follow)");

	/* NLRI prefix length 129 in an IPv6 MP_REACH_NLRI */
	mw_clear(&a);
	mw_clear(&nl);
	off = d_start(&b, &serial);
	{
		uint32_t pth[] = { 64500, 3356, 64496 };
		mw_attr_origin(&a, 0);
		mw_attr_as_seq(&a, 4, pth, 3);
		size_t mp = mw_attr_begin(&a, MW_ATTR_OPTIONAL, 14);
		mw_u16(&a, AFI_IPV6);
		mw_u8(&a, 1);
		mw_u8(&a, 16);
		struct addr nh = mw_ip("2001:db8::1");
		mw_addr(&a, &nh);
		mw_u8(&a, 0);
		mw_u8(&a, 129);
		mw_bytes(&a, "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80", 17);
		mw_attr_end(&a, mp);
	}
	d_update_case("nlri-len-129.mrt", &b, off, &serial, &a, NULL,
		"the 6th record's MP_REACH_NLRI (IPv6 unicast) carries one prefix of length 129 "
		"(17 address bytes follow)");

	/* an AS_PATH segment whose count runs past the attribute */
	mw_clear(&a);
	mw_clear(&nl);
	off = d_start(&b, &serial);
	mw_attr_origin(&a, 0);
	at = a.len;
	mw_attr_as_seq(&a, 4, path, 3);
	a.p[at + 4] = 10;              /* segment count 10, 3 ASNs present */
	mw_attr_next_hop(&a, mw_ip("192.0.2.1"));
	mw_nlri(&nl, &p, false, 0);
	d_update_case("as-path-count-overrun.mrt", &b, off, &serial, &a, &nl,
		"the 6th record's AS_PATH is one AS_SEQUENCE segment that says 10 ASNs in a "
		"14-byte attribute (room for 3)");

	mw_free(&b);
	mw_free(&a);
	mw_free(&nl);
}

static void d_rib_record(struct mw_buf *b, uint32_t seq, int entries, const int *peer_of)
{
	struct mw_buf a = MW_BUF_INIT;
	struct mw_rib r;
	struct prefix p = d_serial_pfx(seq);

	mw_rib_begin(b, &r, DTS, MW_RIB_IPV4_UNICAST, seq, &p);
	for (int i = 0; i < entries; i++) {
		mw_clear(&a);
		sound_attrs(&a, 64496 + seq % 15);
		mw_rib_entry(b, &r, (uint16_t)peer_of[i], DTS - 3600, 0, a.p, a.len);
	}
	mw_rib_end(b, &r);
	mw_free(&a);
}

static void d_peer_table(struct mw_buf *b)
{
	struct mw_peer peers[3] = {
		{ 0xc0000201, mw_ip("192.0.2.1"), 64500, true },
		{ 0xc0000202, mw_ip("192.0.2.2"), 64501, true },
		{ 0xc0000203, mw_ip("192.0.2.3"), 64502, true },
	};
	mw_peer_index_table(b, DTS, 0xc00002fe, "", peers, 3);
}

static void damaged_rib(void)
{
	struct mw_buf b = MW_BUF_INIT;
	const int ok3[] = { 0, 1, 2 };
	const int bad[] = { 0, 7, 2 };
	size_t off;

	d_peer_table(&b);
	for (uint32_t s = 0; s < 4; s++)
		d_rib_record(&b, s, 3, ok3);
	off = b.len;
	d_rib_record(&b, 4, 3, bad);
	for (uint32_t s = 5; s < 9; s++)
		d_rib_record(&b, s, 3, ok3);
	damaged_plain("rib-peer-index-past-table.mrt", &b, off, 12 + 1, 1 + 12,
		"a PEER_INDEX_TABLE of 3 peers, then 9 RIB_IPV4_UNICAST records of 3 entries; the 5th "
		"record's middle entry names peer index 7. Sound: 12 entries in the records before "
		"plus the entry before the bad one; the entry after it plus 12 in the records after");
	struct mw_buf sa = MW_BUF_INIT;
	sound_attrs(&sa, 64496);
	snprintf(dcases[ndcases - 1].note, sizeof dcases[0].note, "the bad entry is at byte %zu "
	         "(the record's second entry)", off + 12 + 4 + 4 + 2 + 2 + 4 + 2 + sa.len);
	mw_free(&sa);

	mw_clear(&b);
	for (uint32_t s = 0; s < 3; s++)
		d_rib_record(&b, s, 3, ok3);
	size_t pit = b.len;
	d_peer_table(&b);
	for (uint32_t s = 3; s < 6; s++)
		d_rib_record(&b, s, 3, ok3);
	damaged_plain("rib-before-peer-table.mrt", &b, 0, 0, 9,
		"3 RIB_IPV4_UNICAST records (9 entries) before any PEER_INDEX_TABLE: their peers "
		"cannot be known. Then the PEER_INDEX_TABLE and 3 sound records (9 entries)");
	snprintf(dcases[ndcases - 1].note, sizeof dcases[0].note,
	         "the peer index table is at byte %zu", pit);
	mw_free(&b);
}

/* Early RIS TABLE_DUMP: every record declares 4 bytes fewer than it holds. */
static void damaged_table_dump_short(void)
{
	struct mw_buf b = MW_BUF_INIT, a = MW_BUF_INIT;

	for (int i = 0; i < 8; i++) {
		bool v6 = i >= 6;
		struct prefix p;
		uint32_t path[] = { 3333, 1299, 64496u + (uint32_t)i };
		char s[64];
		if (v6)
			snprintf(s, sizeof s, "2001:db8:%x::/48", i);
		else
			snprintf(s, sizeof s, "10.%d.0.0/16", i);
		p = mw_pfx(s);
		mw_clear(&a);
		mw_attr_origin(&a, 0);
		mw_attr_as_seq(&a, 2, path, 3);
		if (v6) {
			struct prefix none;
			memset(&none, 0, sizeof none);
			mw_attr_mp_reach(&a, AFI_IPV6, 1, mw_ip("2001:db8::56"), NULL, &p, NULL, 1);
		} else {
			mw_attr_next_hop(&a, mw_ip("193.0.0.56"));
		}
		size_t r = b.len;
		mw_table_dump(&b, utc(2000, 7, 22, 23, 37, 0), 0, (uint16_t)i, &p, 1,
		              utc(2000, 7, 20, 10, 0, 0), v6 ? mw_ip("2001:db8::56") : mw_ip("193.0.0.56"),
		              3333, a.p, a.len);
		uint32_t len = (uint32_t)(b.len - r - 12);
		mw_patch_u32(&b, r + 8, len - 4);
	}
	damaged_plain("table-dump-v1-short-length.mrt", &b, 0, 0, 8,
		"8 TABLE_DUMP records (6 AFI_IPv4, 2 AFI_IPv6), each declaring a length 4 bytes "
		"shorter than it holds (the early RIS quirk): the attribute length is right, the MRT "
		"length is 4 short. All 8 routes are sound");
	mw_free(&b);
	mw_free(&a);
}

/* Damage the decoders meet inside well-framed records (issue 11 part 3):
 * an NLRI field that breaks partway, ADD-PATH NLRI under a plain subtype,
 * a record cut at 4096 bytes by its collector, and early RIS TABLE_DUMP
 * records of many entries each. */
static void damaged_decode(void)
{
	struct mw_buf b = MW_BUF_INIT, a = MW_BUF_INIT, nl = MW_BUF_INIT, wd = MW_BUF_INIT;
	uint32_t serial = 0;
	size_t off;
	struct prefix p = mw_pfx("198.51.100.0/24"), q = mw_pfx("203.0.113.0/24");

	/* an NLRI field that breaks after three prefixes */
	off = d_start(&b, &serial);
	sound_attrs(&a, 64496);
	mw_nlri(&nl, &p, false, 0);
	mw_u8(&nl, 0);
	mw_u8(&nl, 0);
	mw_u8(&nl, 40);
	mw_bytes(&nl, "\x01\x02\x03\x04\x05", 5);
	d_update_case("nlri-breaks-partway.mrt", &b, off, &serial, &a, &nl,
		"the 6th record's IPv4 NLRI holds 198.51.100.0/24 and 0.0.0.0/0 twice, then a prefix "
		"of length 40: the field is unusable (RFC 7606 5.3), none of its prefixes is announced");

	/* ADD-PATH NLRI (path ids 1 and 2) under BGP4MP_MESSAGE_AS4 */
	mw_clear(&a);
	mw_clear(&nl);
	off = d_start(&b, &serial);
	sound_attrs(&a, 64496);
	mw_nlri(&nl, &p, true, 1);
	mw_nlri(&nl, &q, true, 2);
	d_update_case("addpath-under-plain-subtype.mrt", &b, off, &serial, &a, &nl,
		"the 6th record (BGP4MP_MESSAGE_AS4, no path ids) carries its IPv4 NLRI with ADD-PATH "
		"path ids 1 and 2 before 198.51.100.0/24 and 203.0.113.0/24 (a collector bug): "
		"reported, not announced");

	/* a record cut at 4096 bytes: 200 withdrawals, attributes, 1000
	 * announcements claimed, the record ending inside the 807th */
	mw_clear(&a);
	mw_clear(&nl);
	off = d_start(&b, &serial);
	for (uint32_t i = 0; i < 200; i++) {
		struct prefix w = mw_pfx("172.16.0.0/24");
		w.addr.b[1] = (uint8_t)(16 + i / 256);
		w.addr.b[2] = (uint8_t)i;
		mw_nlri(&wd, &w, false, 0);
	}
	for (uint32_t i = 0; i < 1000; i++) {
		struct prefix n = mw_pfx("100.64.0.0/24");
		n.addr.b[1] = (uint8_t)(64 + i / 256);
		n.addr.b[2] = (uint8_t)i;
		mw_nlri(&nl, &n, false, 0);
	}
	sound_attrs(&a, 64496);
	{
		struct mw_buf m = MW_BUF_INIT;
		mw_bgp_update(&m, wd.p, wd.len, a.p, a.len, nl.p, nl.len);
		size_t r = mw_bgp4mp_begin(&b, dpeer(DTS + serial++));
		size_t room = 4096 - (b.len - r - 12);          /* the MRT length is 4096 */
		mw_bytes(&b, m.p, room);
		mw_record_end(&b, r);
		size_t nl_at = 19 + 2 + wd.len + 2 + a.len;     /* NLRI offset in the message */
		int whole = (int)((room - nl_at) / 4);
		sound_updates(&b, 5, &serial);
		char w[400];
		snprintf(w, sizeof w, "the 6th record is cut at 4096 bytes (its MRT length) inside "
		         "an UPDATE whose BGP header claims %zu bytes: 200 withdrawals and the "
		         "attributes lie wholly inside, and %d of its 1000 announced /24s; the sound "
		         "elements before count those %d", m.len, whole, 200 + whole);
		damaged_plain("cut-at-4096.mrt", &b, off, 5 + 200 + whole, 5, w);
		mw_free(&m);
	}

	/* early RIS TABLE_DUMP: many entries per record after one view/sequence
	 * header, the MRT length counting only the entries */
	mw_clear(&b);
	int entries = 0;
	for (int rec = 0; rec < 3; rec++) {
		bool v6 = rec == 2;
		size_t r = b.len;
		for (int e = 0; e < (v6 ? 2 : 4); e++) {
			struct mw_buf one = MW_BUF_INIT;
			uint32_t path[] = { 3333, 1299, 64496u + (uint32_t)e };
			char pfx[64];
			if (v6)
				snprintf(pfx, sizeof pfx, "2001:db8:%x::/48", e);
			else
				snprintf(pfx, sizeof pfx, "10.%d.%d.0/24", rec, e);
			struct prefix ep = mw_pfx(pfx);
			mw_clear(&a);
			mw_attr_origin(&a, 0);
			mw_attr_as_seq(&a, 2, path, 3);
			if (v6)
				mw_attr_mp_reach(&a, AFI_IPV6, 1, mw_ip("2001:db8::56"), NULL, &ep, NULL, 1);
			else
				mw_attr_next_hop(&a, mw_ip("193.0.0.56"));
			mw_table_dump(&one, utc(2000, 1, 15, 8, 0, 0), 0, (uint16_t)rec, &ep, 1,
			              utc(2000, 1, 14, 10, 0, 0),
			              v6 ? mw_ip("2001:db8::56") : mw_ip("193.0.0.56"), 3333, a.p, a.len);
			/* The first entry with its header and view/sequence; the others
			 * from their prefix on. */
			size_t from = e == 0 ? 0 : 12 + 4;
			mw_bytes(&b, one.p + from, one.len - from);
			mw_free(&one);
			entries++;
		}
		mw_patch_u32(&b, r + 8, (uint32_t)(b.len - r - 12 - 4));
	}
	{
		char w[300];
		snprintf(w, sizeof w, "3 TABLE_DUMP records (2 AFI_IPv4 of 4 entries, 1 AFI_IPv6 of 2) "
		         "as Zebra wrote early RIS dumps: one view/sequence header, then the entries "
		         "back to back, the MRT length counting only the entries (4 short). All %d "
		         "routes are sound", entries);
		damaged_plain("table-dump-many-entries.mrt", &b, 0, 0, entries, w);
	}
	mw_free(&b);
	mw_free(&a);
	mw_free(&nl);
	mw_free(&wd);
}

static void write_damaged_readme(void)
{
	FILE *f = open_text("damaged/README.md");

	fprintf(f,
"# damaged: one kind of damage per file\n\n"
"Written by `tools/gen_fixtures.c` (`make fixtures`). Every file except the first holds\n"
"sound records around the damage, so a test can check that nothing sound is lost. Sound\n"
"records are BGP4MP_MESSAGE_AS4 UPDATEs from peer 192.0.2.1 AS64500, each announcing one\n"
"prefix 10.x.y.0/24 (x.y counting up from 0.0, timestamp 2014-12-22 00:00:00 + the same\n"
"count), so each sound record is one route element; the RIB cases count RIB entries.\n"
"Offsets are byte offsets in the decompressed stream, counted from 0, of the damaged\n"
"record's MRT header (or of the damage itself where that is not a record).\n\n"
"| file | damage | offset | sound elements before | after | notes |\n"
"| --- | --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < ndcases; i++) {
		const struct dcase *d = &dcases[i];
		fprintf(f, "| `%s` | %s | %llu | %d | %d | %s |\n", d->file, d->what,
		        (unsigned long long)d->offset, d->before, d->after, d->note);
	}
	fprintf(f,
"\nWhere the damaged record itself is still framed (the BGP and RIB cases), the\n"
"elements it might have held are not counted either side: a reader may drop that\n"
"record's route, or (for `bgp-length-mismatch.mrt`) read it by the MRT length.\n");
	fclose(f);
}

/* fixtures/early-ris: what Zebra, the RIS collector of 1999-2001, wrote
 * that later tools read differently (early-ris/README.md). */
static void gen_early_ris(void)
{
	struct mw_buf b = MW_BUF_INIT, a = MW_BUF_INIT, nl = MW_BUF_INIT;
	char d[512];
	uint32_t ts = utc(2000, 1, 15, 8, 0, 0);
	static const uint16_t states[][2] = { { 6, 1 }, { 1, 2 }, { 2, 3 }, { 3, 6 } };

	snprintf(d, sizeof d, "%s/early-ris", g_top);
	mkdirs(d);
	/* Zebra's 8-byte STATE_CHANGE (peer AS, local AS, old and new state)
	 * between two sound 2-byte-AS announcements of the same peer. */
	for (int i = 0; i < 6; i++) {
		if (i == 0 || i == 5) {
			struct mw_bgp4mp h;
			struct prefix p = mw_pfx(i ? "193.0.4.0/24" : "193.0.0.0/21");
			uint32_t path[] = { 3333, 1299, 3320 };
			memset(&h, 0, sizeof h);
			h.ts = ts + (uint32_t)i;
			h.subtype = MW_BGP4MP_MESSAGE;
			h.peer_as = 3333;
			h.local_as = 12654;
			h.peer_ip = mw_ip("193.0.0.56");
			h.local_ip = mw_ip("193.0.4.28");
			mw_clear(&a);
			mw_clear(&nl);
			mw_attr_origin(&a, 0);
			mw_attr_as_seq(&a, 2, path, 3);
			mw_attr_next_hop(&a, mw_ip("193.0.0.56"));
			mw_nlri(&nl, &p, false, 0);
			size_t r = mw_bgp4mp_begin(&b, &h);
			mw_bgp_update(&b, NULL, 0, a.p, a.len, nl.p, nl.len);
			mw_record_end(&b, r);
			continue;
		}
		size_t r = mw_record_begin(&b, ts + (uint32_t)i, 16, 0);
		mw_u16(&b, 3333);
		mw_u16(&b, 12654);
		mw_u16(&b, states[i - 1][0]);
		mw_u16(&b, states[i - 1][1]);
		mw_record_end(&b, r);
	}
	write_out("early-ris/zebra-state-change.mrt", &b, MW_PLAIN);

	FILE *f = open_text("early-ris/README.md");
	fprintf(f,
"# early-ris: formats of the earliest RIS archives (1999-2001)\n\n"
"Written by `tools/gen_fixtures.c` (`make fixtures`). Zebra, the collector software of\n"
"the first RIS archives, wrote some records in ways RFC 6396 does not describe; real\n"
"files of that time hold them, and the manual's COMPATIBILITY section says how mrtreach\n"
"reads them. The TABLE_DUMP quirks are in `../damaged/` (`table-dump-v1-short-length.mrt`,\n"
"`table-dump-many-entries.mrt`), since mrtreach reports them.\n\n"
"| file | what |\n| --- | --- |\n"
"| `zebra-state-change.mrt` | an announcement of 193.0.0.0/21 by peer 193.0.0.56 AS3333, then four BGP4MP STATE_CHANGE records of 8 bytes each as Zebra wrote them (peer AS 3333, local AS 12654, old and new state: 6 to 1, 1 to 2, 2 to 3, 3 to 6; no interface, address family or addresses), then an announcement of 193.0.4.0/24. bgpdump reads each as a state change of peer 0.0.0.0 AS3333; so does mrtreach, and it is not damage |\n");
	fclose(f);
	mw_free(&b);
	mw_free(&a);
	mw_free(&nl);
}

static void gen_damaged(void)
{
	char d[512];

	snprintf(d, sizeof d, "%s/damaged", g_top);
	mkdirs(d);
	damaged_compressed_cuts();
	damaged_bzip2_block();
	damaged_framing();
	damaged_table_dump_short();
	damaged_bgp();
	damaged_rib();
	damaged_decode();
	write_damaged_readme();
}

/* ======================================================================
 * fixtures/dump: small sound files, one or a few per record type, for
 * the end-to-end tests of `mrtreach dump`.
 * ====================================================================== */

#define XTS 1419206400u        /* 2014-12-22 00:00:00 */

/* A varied attribute block: variant picks which optional attributes appear. */
static void x_attrs(struct mw_buf *a, unsigned asn_size, int variant, struct addr nh)
{
	static const uint32_t path_a[] = { 3356, 1299, 4837, 131279 };
	static const uint32_t set_b[] = { 64496, 64497 };
	static const uint32_t comm[] = { 3356u << 16 | 3, 3356u << 16 | 2010,
		0xffffff01u /* no-export */, 0xffffff03u /* local-AS */ };
	static const uint32_t large[] = { 131279, 1, 2, 4837, 100, 0 };

	mw_attr_origin(a, (uint8_t)(variant % 3));
	if (variant % 4 == 1) {
		const uint32_t seq[] = { 6939, 174 };
		struct mw_seg segs[] = { { 2, 2, seq }, { 1, 2, set_b } };
		mw_attr_as_path(a, asn_size, segs, 2);
	} else if (variant % 4 == 2 && asn_size == 2) {
		/* a 4-byte ASN seen by a 2-byte session: AS_TRANS + AS4_PATH */
		const uint32_t p2[] = { 3356, 4837, 23456 };
		const uint32_t p4[] = { 3356, 4837, 131279 };
		struct mw_seg s4 = { 2, 3, p4 };
		mw_attr_as_seq(a, 2, p2, 3);
		mw_attr_as4_path(a, &s4, 1);
	} else {
		mw_attr_as_seq(a, asn_size, path_a, 4);
	}
	if (nh.afi == AFI_IPV4)
		mw_attr_next_hop(a, nh);
	if (variant % 2 == 0)
		mw_attr_med(a, 100u + (uint32_t)variant);
	if (variant % 3 == 0)
		mw_attr_local_pref(a, 200);
	if (variant % 5 == 1)
		mw_attr_atomic_aggregate(a);
	if (variant % 5 == 1 || variant % 4 == 2) {
		if (asn_size == 2 && variant % 4 == 2) {
			mw_attr_aggregator(a, 2, 23456, mw_ip("175.45.176.1"));
			mw_attr_as4_aggregator(a, 131279, mw_ip("175.45.176.1"));
		} else {
			mw_attr_aggregator(a, asn_size, 4837, mw_ip("219.158.1.1"));
		}
	}
	if (variant % 2 == 1)
		mw_attr_communities(a, comm, (size_t)(1 + variant % 4));
	if (variant % 7 == 3)
		mw_attr_large_communities(a, large, 2);
}

struct xpeer {
	const char *ip, *local;
	uint32_t as;
};

static const struct xpeer xp4 = { "192.0.2.1", "192.0.2.254", 64500 };
static const struct xpeer xp4b = { "198.51.100.7", "198.51.100.254", 196700 };
static const struct xpeer xp6 = { "2001:db8::7", "2001:db8::fe", 64501 };

static struct mw_bgp4mp x_hdr(const struct xpeer *p, uint32_t ts, uint16_t subtype, bool et,
                              uint32_t usec)
{
	struct mw_bgp4mp h;

	memset(&h, 0, sizeof h);
	h.ts = ts;
	h.usec = usec;
	h.et = et;
	h.subtype = subtype;
	h.peer_as = p->as;
	h.local_as = 12654;
	h.peer_ip = mw_ip(p->ip);
	h.local_ip = mw_ip(p->local);
	return h;
}

static struct prefix x_pfx(int i, bool v6)
{
	char s[64];

	if (v6)
		snprintf(s, sizeof s, "2001:db8:%x::/48", 0x100 + i);
	else
		snprintf(s, sizeof s, "%d.%d.%d.0/%d", 100 + i % 50, i * 7 % 256, (i * 13) % 256, 24 - i % 3);
	struct prefix p = mw_pfx(s);
	mask_addr(&p.addr, p.len);
	return p;
}

/* UPDATE records of one BGP4MP subtype family: announcements (IPv4 NLRI or
 * MP_REACH), withdrawals (withdrawn routes or MP_UNREACH), a mixed message. */
static void x_updates(struct mw_buf *b, uint32_t *ts, uint16_t subtype, bool et, bool addpath)
{
	unsigned asn = mw_bgp4mp_asn_size(subtype);
	struct mw_buf a = MW_BUF_INIT, w = MW_BUF_INIT, nl = MW_BUF_INIT;
	const struct xpeer *peer4 = asn == 4 ? &xp4b : &xp4;

	for (int v = 0; v < 8; v++) {
		struct mw_bgp4mp h = x_hdr(peer4, (*ts)++, subtype, et, (uint32_t)(v * 123457 % 1000000));
		mw_clear(&a);
		mw_clear(&w);
		mw_clear(&nl);
		x_attrs(&a, asn, v, mw_ip(peer4->ip));
		for (int j = 0; j < 1 + v % 3; j++) {
			struct prefix p = x_pfx(v * 3 + j, false);
			mw_nlri(&nl, &p, addpath, (uint32_t)(j + 1));
		}
		if (v % 3 == 2) {           /* a withdrawal in the same message */
			struct prefix p = x_pfx(40 + v, false);
			mw_nlri(&w, &p, addpath, 9);
		}
		size_t r = mw_bgp4mp_begin(b, &h);
		mw_bgp_update(b, w.p, w.len, a.p, a.len, nl.p, nl.len);
		mw_record_end(b, r);
	}
	/* pure withdrawal */
	{
		struct mw_bgp4mp h = x_hdr(peer4, (*ts)++, subtype, et, 500000);
		mw_clear(&w);
		for (int j = 0; j < 3; j++) {
			struct prefix p = x_pfx(j, false);
			mw_nlri(&w, &p, addpath, (uint32_t)(j + 1));
		}
		size_t r = mw_bgp4mp_begin(b, &h);
		mw_bgp_update(b, w.p, w.len, NULL, 0, NULL, 0);
		mw_record_end(b, r);
	}
	/* IPv6 over an IPv6 session: MP_REACH (with a link-local next hop), then MP_UNREACH */
	for (int v = 0; v < 3; v++) {
		struct mw_bgp4mp h = x_hdr(&xp6, (*ts)++, subtype, et, 999999);
		struct prefix ps[2] = { x_pfx(v * 2, true), x_pfx(v * 2 + 1, true) };
		uint32_t ids[2] = { 1, 2 };
		struct addr ll = mw_ip("fe80::7");
		mw_clear(&a);
		x_attrs(&a, asn, v + 3, mw_ip(xp6.ip));
		mw_attr_mp_reach(&a, AFI_IPV6, 1, mw_ip(xp6.ip), v == 1 ? &ll : NULL, ps,
		                 addpath ? ids : NULL, 2);
		size_t r = mw_bgp4mp_begin(b, &h);
		mw_bgp_update(b, NULL, 0, a.p, a.len, NULL, 0);
		mw_record_end(b, r);
	}
	{
		struct mw_bgp4mp h = x_hdr(&xp6, (*ts)++, subtype, et, 1);
		struct prefix ps[2] = { x_pfx(0, true), x_pfx(1, true) };
		uint32_t ids[2] = { 1, 2 };
		mw_clear(&a);
		mw_attr_mp_unreach(&a, AFI_IPV6, 1, ps, addpath ? ids : NULL, 2);
		size_t r = mw_bgp4mp_begin(b, &h);
		mw_bgp_update(b, NULL, 0, a.p, a.len, NULL, 0);
		mw_record_end(b, r);
	}
	mw_free(&a);
	mw_free(&w);
	mw_free(&nl);
}

static void x_states(struct mw_buf *b, uint32_t *ts, uint16_t subtype, bool et)
{
	static const uint16_t seq[][2] = { { 6, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 }, { 4, 5 }, { 5, 6 },
	                                   { 6, 7 }, { 7, 8 }, { 8, 1 } };   /* 7, 8: Quagga's own */
	const struct xpeer *p = subtype == MW_BGP4MP_STATE_CHANGE_AS4 ? &xp4b : &xp4;

	for (size_t i = 0; i < sizeof seq / sizeof seq[0]; i++) {
		struct mw_bgp4mp h = x_hdr(i % 4 == 3 ? &xp6 : p, (*ts)++, subtype, et, (uint32_t)i * 1000);
		mw_bgp4mp_state(b, &h, seq[i][0], seq[i][1]);
	}
}

/* A BGP message that is not an UPDATE: no route elements. */
static void x_keepalive(struct mw_buf *b, uint32_t *ts, uint16_t subtype, bool et)
{
	struct mw_bgp4mp h = x_hdr(mw_bgp4mp_asn_size(subtype) == 4 ? &xp4b : &xp4, (*ts)++, subtype, et, 0);
	size_t r = mw_bgp4mp_begin(b, &h);

	mw_bgp_keepalive(b);
	mw_record_end(b, r);
}

/* Entries from peers base .. base+npeers-1 of x_peer_table (0, 1 IPv4; 2, 3 IPv6). */
static void x_rib_entries(struct mw_buf *b, struct mw_rib *r, int i, bool v6, bool addpath,
                          int base, int npeers)
{
	struct mw_buf a = MW_BUF_INIT;

	for (int k = 0; k < 1 + i % 3 && k < npeers; k++) {
		int peer = base + (i + k) % npeers;
		mw_clear(&a);
		struct addr nh = v6 ? mw_ip("2001:db8::7") : mw_ip("192.0.2.1");
		x_attrs(&a, 4, i + k, nh);
		if (v6) {
			struct addr ll = mw_ip("fe80::7");
			mw_attr_mp_reach_rib(&a, nh, (i + k) % 2 ? &ll : NULL);
		}
		mw_rib_entry(b, r, (uint16_t)peer, XTS - 86400 + (uint32_t)(i * 60 + k),
		             (uint32_t)(k + 1), a.p, a.len);
		if (addpath && k == 0) {      /* a second path from the same peer */
			mw_clear(&a);
			x_attrs(&a, 4, i + 5, nh);
			if (v6)
				mw_attr_mp_reach_rib(&a, nh, NULL);
			mw_rib_entry(b, r, (uint16_t)peer, XTS - 3600, 77, a.p, a.len);
		}
	}
	mw_free(&a);
}

static void x_peer_table(struct mw_buf *b)
{
	struct mw_peer peers[] = {
		{ 0xc0000201, mw_ip("192.0.2.1"), 64500, false },
		{ 0xc6336407, mw_ip("198.51.100.7"), 196700, true },
		{ 0xc0000207, mw_ip("2001:db8::7"), 64501, false },
		{ 0xc0000208, mw_ip("2001:db8::8"), 4200000001u, true },
	};
	mw_peer_index_table(b, XTS, 0xc00002fe, "", peers, 4);
}

/* RIB records of subtype for x_pfx(lo..hi), numbered from *seq on, with
 * the entries of x_rib_entries (npeers peers from base on). */
static void x_rib_range(struct mw_buf *b, uint16_t subtype, uint32_t *seq, int lo, int hi,
                        bool v6, bool addpath, int base, int npeers)
{
	struct mw_rib r;

	for (int i = lo; i < hi; i++) {
		struct prefix p = x_pfx(i, v6);
		mw_rib_begin(b, &r, XTS, subtype, (*seq)++, &p);
		x_rib_entries(b, &r, i, v6, addpath, base, npeers);
		mw_rib_end(b, &r);
	}
}

static void x_rib_v2(struct mw_buf *b, bool addpath)
{
	uint32_t seq = 0;
	const uint16_t v4u = addpath ? MW_RIB_IPV4_UNICAST_ADDPATH : MW_RIB_IPV4_UNICAST;
	const uint16_t v4m = addpath ? MW_RIB_IPV4_MULTICAST_ADDPATH : MW_RIB_IPV4_MULTICAST;
	const uint16_t v6u = addpath ? MW_RIB_IPV6_UNICAST_ADDPATH : MW_RIB_IPV6_UNICAST;
	const uint16_t v6m = addpath ? MW_RIB_IPV6_MULTICAST_ADDPATH : MW_RIB_IPV6_MULTICAST;
	const uint16_t gen = addpath ? MW_RIB_GENERIC_ADDPATH : MW_RIB_GENERIC;
	struct mw_rib r;

	x_peer_table(b);
	x_rib_range(b, v4u, &seq, 0, 6, false, addpath, 0, 2);
	x_rib_range(b, v4m, &seq, 6, 8, false, addpath, 0, 2);
	x_rib_range(b, v6u, &seq, 0, 4, true, addpath, 2, 2);
	x_rib_range(b, v6m, &seq, 4, 5, true, addpath, 0, 4);
	/* RIB_GENERIC: IPv4 unicast, spelled out with AFI/SAFI and one NLRI */
	for (int i = 10; i < 12; i++) {
		struct mw_buf nl = MW_BUF_INIT;
		struct prefix p = x_pfx(i, false);
		mw_nlri(&nl, &p, false, 0);
		mw_rib_generic_begin(b, &r, XTS, gen, seq++, AFI_IPV4, 1, nl.p, nl.len);
		x_rib_entries(b, &r, i, false, addpath, 0, 2);
		mw_rib_end(b, &r);
		mw_free(&nl);
	}
}

static void x_table_dump_v1(struct mw_buf *b)
{
	struct mw_buf a = MW_BUF_INIT;

	for (int i = 0; i < 10; i++) {
		bool v6 = i >= 7;
		struct prefix p = x_pfx(i, v6);
		struct addr peer = v6 ? mw_ip("2001:db8::56") : mw_ip(i % 2 ? "193.0.0.56" : "195.66.224.175");
		mw_clear(&a);
		x_attrs(&a, 2, i, v6 ? peer : peer);
		if (v6)
			mw_attr_mp_reach(&a, AFI_IPV6, 1, peer, NULL, &p, NULL, 1);
		mw_table_dump(b, utc(2002, 7, 22, 23, 37, 35), 0, (uint16_t)i, &p, 1,
		              utc(2002, 7, 20, 8, 0, i), peer, (uint16_t)(i % 2 ? 3333 : 5459), a.p, a.len);
	}
	mw_free(&a);
}

static void x_legacy_bgp(struct mw_buf *b)
{
	struct mw_buf a = MW_BUF_INIT, w = MW_BUF_INIT, nl = MW_BUF_INIT, m = MW_BUF_INIT;
	uint32_t ts = utc(1999, 11, 3, 10, 0, 0);
	struct addr peer = mw_ip("193.0.0.56"), local = mw_ip("193.0.4.28");

	mw_bgp_legacy_state(b, ts++, 3333, peer, 1, 2);
	mw_bgp_legacy_state(b, ts++, 3333, peer, 5, 6);
	for (int v = 0; v < 4; v++) {
		mw_clear(&a);
		mw_clear(&w);
		mw_clear(&nl);
		mw_clear(&m);
		x_attrs(&a, 2, v == 2 ? 0 : v, peer);
		for (int j = 0; j < 1 + v % 2; j++) {
			struct prefix p = x_pfx(v * 2 + j, false);
			mw_nlri(&nl, &p, false, 0);
		}
		if (v == 3) {
			struct prefix p = x_pfx(30, false);
			mw_nlri(&w, &p, false, 0);
		}
		mw_bgp_update_body(&m, w.p, w.len, a.p, a.len, nl.p, nl.len);
		mw_bgp_legacy_update(b, ts++, 3333, peer, 12654, local, m.p, m.len);
	}
	mw_clear(&w);
	mw_clear(&m);
	struct prefix p = x_pfx(0, false);
	mw_nlri(&w, &p, false, 0);
	mw_bgp_update_body(&m, w.p, w.len, NULL, 0, NULL, 0);
	mw_bgp_legacy_update(b, ts++, 3333, peer, 12654, local, m.p, m.len);
	mw_bgp_legacy_state(b, ts++, 3333, peer, 6, 1);
	mw_free(&a);
	mw_free(&w);
	mw_free(&nl);
	mw_free(&m);
}

struct xfile {
	const char *name;
	const char *what;
};
static struct xfile xfiles[32];
static int nxfiles;

static void x_write(const char *name, const struct mw_buf *b, enum mw_compress how, const char *what)
{
	char rel[128];

	snprintf(rel, sizeof rel, "dump/%s", name);
	write_out(rel, b, how);
	if (nxfiles == 32)
		die("too many dump files");
	xfiles[nxfiles++] = (struct xfile){ name, what };
}

/* b as two concatenated streams of how (gzip members, bzip2 streams), split
 * at half its bytes (inside a record), built in z. */
static void x_write_halves(const char *name, const struct mw_buf *b, enum mw_compress how,
                           struct mw_buf *z, const char *what)
{
	size_t half = b->len / 2;

	mw_clear(z);
	mw_compress(b->p, half, how, z);
	mw_compress(b->p + half, b->len - half, how, z);
	x_write(name, z, MW_PLAIN, what);
}

/* x_updates for each subtype of a list, in order. */
static void x_updates_each(struct mw_buf *b, uint32_t *ts, bool et, bool addpath,
                           const uint16_t *subtypes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		x_updates(b, ts, subtypes[i], et, addpath);
}

#define X_UPDATES(b, ts, et, addpath, ...) \
	x_updates_each(b, ts, et, addpath, (const uint16_t[]){ __VA_ARGS__ }, \
	               sizeof((const uint16_t[]){ __VA_ARGS__ }) / sizeof(uint16_t))

/* One day of updates, as 24 hourly files and as one file: merging the hourly
 * files in any order must give what the one file gives. */
static void x_day(void)
{
	struct mw_buf all = MW_BUF_INIT, h = MW_BUF_INIT, a = MW_BUF_INIT, nl = MW_BUF_INIT;
	const struct xpeer *peers[] = { &xp4, &xp4b, &xp6 };
	char d[512];

	snprintf(d, sizeof d, "%s/dump/day", g_top);
	mkdirs(d);
	for (int hour = 0; hour < 24; hour++) {
		mw_clear(&h);
		uint32_t t = XTS + (uint32_t)hour * 3600;
		int n = 8 + (int)rndn(8);
		uint32_t offs[16];
		for (int i = 0; i < n; i++)
			offs[i] = rndn(3600);
		for (int i = 1; i < n; i++)          /* sorted: a file is in time order */
			for (int j = i; j > 0 && offs[j - 1] > offs[j]; j--) {
				uint32_t x = offs[j];
				offs[j] = offs[j - 1];
				offs[j - 1] = x;
			}
		for (int i = 0; i < n; i++) {
			const struct xpeer *pe = peers[rndn(3)];
			bool v6 = pe == &xp6;
			struct mw_bgp4mp hd = x_hdr(pe, t + offs[i], pe == &xp4 ? MW_BGP4MP_MESSAGE : MW_BGP4MP_MESSAGE_AS4, false, 0);
			unsigned asn = mw_bgp4mp_asn_size(hd.subtype);
			struct prefix p = x_pfx((int)rndn(40), v6);
			mw_clear(&a);
			mw_clear(&nl);
			size_t r = mw_bgp4mp_begin(&h, &hd);
			if (rndn(4) == 0) {
				if (v6) {
					mw_attr_mp_unreach(&a, AFI_IPV6, 1, &p, NULL, 1);
					mw_bgp_update(&h, NULL, 0, a.p, a.len, NULL, 0);
				} else {
					mw_nlri(&nl, &p, false, 0);
					mw_bgp_update(&h, nl.p, nl.len, NULL, 0, NULL, 0);
				}
			} else {
				x_attrs(&a, asn, (int)rndn(12), mw_ip(pe->ip));
				if (v6) {
					mw_attr_mp_reach(&a, AFI_IPV6, 1, mw_ip(pe->ip), NULL, &p, NULL, 1);
					mw_bgp_update(&h, NULL, 0, a.p, a.len, NULL, 0);
				} else {
					mw_nlri(&nl, &p, false, 0);
					mw_bgp_update(&h, NULL, 0, a.p, a.len, nl.p, nl.len);
				}
			}
			mw_record_end(&h, r);
		}
		if (hour == 13) {                    /* a session flap in the middle of the day */
			struct mw_bgp4mp hd = x_hdr(&xp4b, t + 3599, MW_BGP4MP_STATE_CHANGE_AS4, false, 0);
			mw_bgp4mp_state(&h, &hd, 6, 1);
		}
		char rel[128];
		snprintf(rel, sizeof rel, "dump/day/updates.20141222.%02d00.gz", hour);
		write_out(rel, &h, MW_GZIP);
		mw_bytes(&all, h.p, h.len);
	}
	x_write("day.updates.20141222.gz", &all, MW_GZIP,
	        "the 24 files of `day/` concatenated in time order (one gzip member): dumping "
	        "`day/*` in any order must print the same lines as dumping this file");
	mw_free(&all);
	mw_free(&h);
	mw_free(&a);
	mw_free(&nl);
}

static void write_dump_readme(void)
{
	FILE *f = open_text("dump/README.md");

	fprintf(f,
"# dump: one small sound file per record type\n\n"
"Written by `tools/gen_fixtures.c` (`make fixtures`). Every file is sound (no damage);\n"
"they exist so the end-to-end tests of `mrtreach dump` cover every MRT type and subtype\n"
"the tool decodes. Addresses and ASNs are from the documentation ranges (192.0.2.0/24,\n"
"198.51.100.0/24, 2001:db8::/32, AS64496-64511) plus a few well-known ones.\n"
"Attributes vary from record to record: ORIGIN (IGP/EGP/INCOMPLETE), AS_PATH with an\n"
"AS_SET, AS_TRANS + AS4_PATH in 2-byte sessions, NEXT_HOP, MED, LOCAL_PREF,\n"
"ATOMIC_AGGREGATE, AGGREGATOR (2- and 4-byte, and AS4_AGGREGATOR), COMMUNITIES\n"
"(with no-export and local-AS), LARGE_COMMUNITIES, MP_REACH_NLRI with and without a\n"
"link-local next hop, MP_UNREACH_NLRI.\n\n"
"| file | what it holds |\n| --- | --- |\n");
	for (int i = 0; i < nxfiles; i++)
		fprintf(f, "| `%s` | %s |\n", xfiles[i].name, xfiles[i].what);
	fprintf(f, "| `day/updates.20141222.HH00.gz` | 24 hourly files of BGP4MP updates "
	        "(MESSAGE and MESSAGE_AS4, IPv4 and IPv6, announcements and withdrawals, one "
	        "STATE_CHANGE_AS4 at 13:59:59); every file's records lie in its hour |\n");
	fclose(f);
}

static void gen_dump(void)
{
	struct mw_buf b = MW_BUF_INIT, z = MW_BUF_INIT;
	uint32_t ts;
	char d[512];

	snprintf(d, sizeof d, "%s/dump", g_top);
	mkdirs(d);

	x_table_dump_v1(&b);
	x_write("table_dump_v1.mrt", &b, MW_PLAIN,
	        "TABLE_DUMP (type 12): 7 AFI_IPv4 and 3 AFI_IPv6 routes (2-byte ASNs; IPv6 next "
	        "hop in a full MP_REACH_NLRI)");

	mw_clear(&b);
	x_rib_v2(&b, false);
	x_write("rib_v2.mrt", &b, MW_PLAIN,
	        "TABLE_DUMP_V2: PEER_INDEX_TABLE (IPv4/IPv6 peers, 2- and 4-byte ASNs), "
	        "RIB_IPV4_UNICAST, RIB_IPV4_MULTICAST, RIB_IPV6_UNICAST, RIB_IPV6_MULTICAST, "
	        "RIB_GENERIC (AFI 1 SAFI 1)");

	mw_clear(&b);
	x_rib_v2(&b, true);
	x_write("rib_v2_addpath.mrt", &b, MW_PLAIN,
	        "TABLE_DUMP_V2 with ADD-PATH (RFC 8050): subtypes 8-12, two paths from one "
	        "peer for some prefixes");

	mw_clear(&b);
	ts = XTS;
	X_UPDATES(&b, &ts, false, false, MW_BGP4MP_MESSAGE, MW_BGP4MP_MESSAGE_AS4);
	x_keepalive(&b, &ts, MW_BGP4MP_MESSAGE_AS4, false);
	X_UPDATES(&b, &ts, false, false, MW_BGP4MP_MESSAGE_LOCAL, MW_BGP4MP_MESSAGE_AS4_LOCAL);
	x_states(&b, &ts, MW_BGP4MP_STATE_CHANGE, false);
	x_states(&b, &ts, MW_BGP4MP_STATE_CHANGE_AS4, false);
	x_write("bgp4mp.mrt", &b, MW_PLAIN,
	        "BGP4MP (type 16): MESSAGE, MESSAGE_AS4, MESSAGE_LOCAL, MESSAGE_AS4_LOCAL "
	        "(IPv4 and IPv6 sessions, a KEEPALIVE), STATE_CHANGE and STATE_CHANGE_AS4 "
	        "(every state, including Quagga's 7 and 8)");
	x_write("bgp4mp.mrt.gz", &b, MW_GZIP, "`bgp4mp.mrt`, gzip");
	x_write("bgp4mp.mrt.bz2", &b, MW_BZIP2, "`bgp4mp.mrt`, bzip2");
	/* several gzip members / bzip2 streams, split at half the bytes (inside a record) */
	x_write_halves("bgp4mp.multi.mrt.gz", &b, MW_GZIP, &z,
	               "`bgp4mp.mrt` as two concatenated gzip members, split at half its bytes");
	x_write_halves("bgp4mp.multi.mrt.bz2", &b, MW_BZIP2, &z,
	               "`bgp4mp.mrt` as two concatenated bzip2 streams, split at half its bytes "
	               "(bgpdump 1.6.2 reads only the first stream)");

	mw_clear(&b);
	ts = XTS;
	X_UPDATES(&b, &ts, true, false, MW_BGP4MP_MESSAGE, MW_BGP4MP_MESSAGE_AS4,
	          MW_BGP4MP_MESSAGE_AS4_LOCAL);
	x_states(&b, &ts, MW_BGP4MP_STATE_CHANGE_AS4, true);
	x_write("bgp4mp_et.mrt", &b, MW_PLAIN,
	        "BGP4MP_ET (type 17, microsecond timestamps): MESSAGE, MESSAGE_AS4, "
	        "MESSAGE_AS4_LOCAL, STATE_CHANGE_AS4");

	mw_clear(&b);
	ts = XTS;
	X_UPDATES(&b, &ts, false, true, MW_BGP4MP_MESSAGE_ADDPATH, MW_BGP4MP_MESSAGE_AS4_ADDPATH,
	          MW_BGP4MP_MESSAGE_LOCAL_ADDPATH, MW_BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH);
	x_write("bgp4mp_addpath.mrt", &b, MW_PLAIN,
	        "BGP4MP ADD-PATH subtypes 8-11 (RFC 8050): path identifiers before every NLRI, "
	        "withdrawn route, MP_REACH and MP_UNREACH prefix");

	mw_clear(&b);
	x_legacy_bgp(&b);
	x_write("bgp_legacy.mrt", &b, MW_PLAIN,
	        "legacy BGP (type 5, 1999): UPDATE (subtype 1; the UPDATE body without the BGP "
	        "header, as bgpdump reads it) and STATE_CHANGE (subtype 3)");

	x_day();
	write_dump_readme();
	mw_free(&b);
	mw_free(&z);
}

/* ======================================================================
 * fixtures/egypt2011 and fixtures/syria2012: partial and staggered country
 * outages, reconstructed from the published facts (see the READMEs they
 * write). One generic script: groups of prefixes (one origin AS each) that
 * are withdrawn and announced again at given times, over background
 * networks of other countries with ordinary churn.
 * ====================================================================== */

static uint64_t inc_rng;

static uint32_t inc_rnd(uint32_t n)
{
	inc_rng += 0x9e3779b97f4a7c15ULL;
	return (uint32_t)(mix64(inc_rng) % n);
}

struct inc_peer {
	const char *ip;
	uint32_t asn;
	struct addr a;
};

struct inc_col {
	const char *name;
	const char *rib_fmt;          /* "rib.%s.bz2" / "bview.%s.gz" */
	const char *upd_ext;
	enum mw_compress how;
	uint32_t local_as;
	const char *local4;
	struct inc_peer peers[5];
};

#define INC_NPEERS 5
#define INC_ZOMBIE_COL 1              /* rrc00 AS20912 misses withdrawals */
#define INC_ZOMBIE_PEER 2

static struct inc_col inc_cols[2] = {
	{ "route-views2", "rib.%s.bz2", "bz2", MW_BZIP2, 6447, "128.223.51.102",
	  { { "4.69.184.193", 3356, { 0, { 0 } } }, { "216.218.252.164", 6939, { 0, { 0 } } },
	    { "12.0.1.63", 7018, { 0, { 0 } } }, { "129.250.0.11", 2914, { 0, { 0 } } },
	    { "62.115.128.137", 1299, { 0, { 0 } } } } },
	{ "rrc00", "bview.%s.gz", "gz", MW_GZIP, 12654, "193.0.4.28",
	  { { "193.0.0.56", 3333, { 0, { 0 } } }, { "217.29.66.65", 12779, { 0, { 0 } } },
	    { "212.66.96.126", 20912, { 0, { 0 } } }, { "213.144.128.203", 13030, { 0, { 0 } } },
	    { "195.22.194.18", 6762, { 0, { 0 } } } } },
};

/* A group: n prefixes of one origin AS in one address block. */
struct inc_group {
	uint32_t origin;
	const char *name;
	const char *cc;               /* country of its space ("" outside the delegation file) */
	const char *base;             /* first address of its block */
	int n;
	uint32_t transit;             /* the upstream on every path */
	uint32_t down, up;            /* withdrawn from down (0: never), announced again from up */
	uint32_t spread;              /* seconds over which the peers follow, each way */
	const char *fact;             /* what the sources say about it ("" for background) */
};

struct inc_pfx {
	struct prefix p;
	int g;
	bool nested;                  /* inside the group's first prefix */
};

enum { INC_WD, INC_ANN };

struct inc_ev {
	uint32_t t, seq;
	uint8_t c, k, kind, var;
	int g;                        /* the whole group's prefixes (or -1) */
	int i;                        /* one prefix (when g < 0) */
	bool zombie_skip;             /* the zombie peer's withdrawal: the first prefix stays */
};

struct incident {
	const char *dir;
	uint32_t t0, t1;              /* RIB dump time; updates end */
	uint32_t rib_every;           /* more RIB dumps at t0 + k * rib_every (0: none) */
	struct inc_group *g;
	int ng;
	const char *deleg_file;
	const char *deleg_text;
	struct inc_pfx *p;
	int np, capp;
	struct inc_ev *ev;
	size_t nev, capev;
	struct mw_buf *hours[2];
	uint32_t nhours;
};

static void inc_add_pfx(struct incident *in, uint32_t a, unsigned len, int g, bool nested)
{
	if (in->np == in->capp) {
		in->capp = in->capp ? in->capp * 2 : 256;
		in->p = realloc(in->p, (size_t)in->capp * sizeof *in->p);
		if (!in->p)
			die("out of memory");
	}
	struct inc_pfx *x = &in->p[in->np++];
	memset(x, 0, sizeof *x);
	x->p.addr.afi = AFI_IPV4;
	x->p.addr.b[0] = (uint8_t)(a >> 24);
	x->p.addr.b[1] = (uint8_t)(a >> 16);
	x->p.addr.b[2] = (uint8_t)(a >> 8);
	x->p.addr.b[3] = (uint8_t)a;
	x->p.len = (uint8_t)len;
	x->g = g;
	x->nested = nested;
}

/* Each group's prefixes, a /20 first, then lengths /20 to /24 in a fixed
 * cycle, aligned, one after the other from its base; in a group of ten or
 * more the second is a /24 inside the first (counted once by space). */
static void inc_make_prefixes(struct incident *in)
{
	static const unsigned lens[] = { 20, 22, 24, 24, 21, 23, 24, 22 };
	for (int g = 0; g < in->ng; g++) {
		struct addr b = mw_ip(in->g[g].base);
		uint32_t cur = (uint32_t)b.b[0] << 24 | (uint32_t)b.b[1] << 16 | (uint32_t)b.b[2] << 8 | b.b[3];
		uint32_t first = cur;
		for (int i = 0; i < in->g[g].n; i++) {
			if (i == 1 && in->g[g].n >= 10) {
				inc_add_pfx(in, first + 256, 24, g, true);
				continue;
			}
			unsigned len = i == 0 ? 20 : lens[(unsigned)(i + g) % (sizeof lens / sizeof lens[0])];
			uint32_t size = (uint32_t)1 << (32 - len);
			cur = (cur + size - 1) & ~(size - 1);
			inc_add_pfx(in, cur, len, g, false);
			cur += size;
		}
	}
}

static void inc_ev(struct incident *in, uint32_t t, int kind, int c, int k, int g, int i, int var)
{
	if (t < in->t0 || t >= in->t1)
		die("%s: event at %s outside the data", in->dir, fmt_time(t));
	if (in->nev == in->capev) {
		in->capev = in->capev ? in->capev * 2 : 1024;
		in->ev = realloc(in->ev, in->capev * sizeof *in->ev);
		if (!in->ev)
			die("out of memory");
	}
	struct inc_ev *e = &in->ev[in->nev];
	memset(e, 0, sizeof *e);
	e->t = t;
	e->seq = (uint32_t)in->nev++;
	e->kind = (uint8_t)kind;
	e->c = (uint8_t)c;
	e->k = (uint8_t)k;
	e->g = g;
	e->i = i;
	e->var = (uint8_t)var;
}

static int inc_cmp_ev(const void *a, const void *b)
{
	const struct inc_ev *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The scripted withdrawals and announcements of each group, every peer
 * following within the group's spread; and ordinary churn every third hour
 * (one peer's flap or path change of a background prefix). */
static void inc_script(struct incident *in)
{
	for (int g = 0; g < in->ng; g++) {
		const struct inc_group *gr = &in->g[g];
		if (!gr->down)
			continue;
		for (int c = 0; c < 2; c++)
			for (int k = 0; k < INC_NPEERS; k++) {
				inc_ev(in, gr->down + inc_rnd(gr->spread + 1), INC_WD, c, k, g, -1, 0);
				if (c == INC_ZOMBIE_COL && k == INC_ZOMBIE_PEER)
					in->ev[in->nev - 1].zombie_skip = true;
				if (gr->up)
					inc_ev(in, gr->up + inc_rnd(gr->spread + 1), INC_ANN, c, k, g, -1, 0);
			}
	}
	int nbg = 0, bgi[4096];
	for (int i = 0; i < in->np && nbg < 4096; i++)
		if (!in->g[in->p[i].g].down)
			bgi[nbg++] = i;
	for (uint32_t h = 0; h < in->nhours; h += 3)
		for (int c = 0; c < 2; c++)
			for (int j = 0; j < 4; j++) {
				uint32_t t = in->t0 + h * 3600 + 60 + inc_rnd(3000);
				int k = (int)inc_rnd(INC_NPEERS), i = bgi[inc_rnd((uint32_t)nbg)];
				uint32_t back = t + 20 + inc_rnd(j < 2 ? 600 : 5400);
				if (back >= in->t1)
					continue;
				if (j < 2) {             /* a flap */
					inc_ev(in, t, INC_WD, c, k, -1, i, 0);
					inc_ev(in, back, INC_ANN, c, k, -1, i, 0);
				} else {                 /* a path change and back */
					inc_ev(in, t, INC_ANN, c, k, -1, i, 1);
					inc_ev(in, back, INC_ANN, c, k, -1, i, 0);
				}
			}
	qsort(in->ev, in->nev, sizeof *in->ev, inc_cmp_ev);
}

/* Attributes of peer k's route to group g: ORIGIN, AS_PATH (peer, [3257
 * on the alternate path], transit, origin), NEXT_HOP. */
static void inc_attrs(struct mw_buf *a, const struct incident *in, int c, int k, int g, int var)
{
	const struct inc_peer *pe = &inc_cols[c].peers[k];
	uint32_t path[4];
	size_t n = 0;
	path[n++] = pe->asn;
	if (var)
		path[n++] = 3257;
	if (in->g[g].transit && in->g[g].transit != pe->asn && in->g[g].transit != in->g[g].origin)
		path[n++] = in->g[g].transit;
	if (in->g[g].origin != pe->asn)
		path[n++] = in->g[g].origin;
	mw_attr_origin(a, 0);
	mw_attr_as_seq(a, 4, path, n);
	mw_attr_next_hop(a, pe->a);
}

static void inc_emit(struct incident *in, const struct inc_ev *e)
{
	const struct inc_col *co = &inc_cols[e->c];
	const struct inc_peer *pe = &co->peers[e->k];
	struct mw_buf nl = MW_BUF_INIT, a = MW_BUF_INIT;
	int g = e->g >= 0 ? e->g : in->p[e->i].g;
	bool first = true;
	for (int i = 0; i < in->np; i++) {
		if (e->g >= 0 ? in->p[i].g != e->g : i != e->i)
			continue;
		if (e->zombie_skip && first) {
			first = false;
			continue;
		}
		first = false;
		mw_nlri(&nl, &in->p[i].p, false, 0);
	}
	struct mw_bgp4mp h;
	memset(&h, 0, sizeof h);
	h.ts = e->t;
	h.subtype = MW_BGP4MP_MESSAGE_AS4;
	h.peer_as = pe->asn;
	h.local_as = co->local_as;
	h.peer_ip = pe->a;
	h.local_ip = mw_ip(co->local4);
	struct mw_buf *out = &in->hours[e->c][(e->t - in->t0) / 3600];
	size_t r = mw_bgp4mp_begin(out, &h);
	if (e->kind == INC_WD) {
		mw_bgp_update(out, nl.p, nl.len, NULL, 0, NULL, 0);
	} else {
		inc_attrs(&a, in, e->c, e->k, g, e->var);
		mw_bgp_update(out, NULL, 0, a.p, a.len, nl.p, nl.len);
	}
	mw_record_end(out, r);
	mw_free(&nl);
	mw_free(&a);
}

static int inc_cmp_pfx(const void *a, const void *b)
{
	const struct inc_pfx *x = a, *y = b;
	int c = memcmp(x->p.addr.b, y->p.addr.b, 4);
	if (c)
		return c;
	return x->p.len < y->p.len ? -1 : x->p.len > y->p.len;
}

static const char *inc_stamp(uint32_t t)
{
	static char buf[2][32];
	static int k;
	char *p = buf[k++ & 1];
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(p, 32, "%Y%m%d.%H%M", &tm);
	return p;
}

/* Applies event e to the holdings st: per collector, peer and prefix, 0
 * none, else the route's variant + 1. */
static void inc_apply(const struct incident *in, uint8_t *st[2][INC_NPEERS], const struct inc_ev *e)
{
	bool first = true;
	for (int i = 0; i < in->np; i++) {
		if (e->g >= 0 ? in->p[i].g != e->g : i != e->i)
			continue;
		bool skip = e->zombie_skip && first;
		first = false;
		if (!skip)
			st[e->c][e->k][i] = e->kind == INC_WD ? 0 : (uint8_t)(e->var + 1);
	}
}

/* Collector c's RIB dump at t from the holdings st (sorted: the prefixes'
 * indices in prefix order). */
static void inc_write_rib(struct incident *in, const int *sorted, int c, uint32_t t,
                          uint8_t *st[2][INC_NPEERS])
{
	struct inc_col *co = &inc_cols[c];
	struct mw_buf out = MW_BUF_INIT, a = MW_BUF_INIT;
	struct mw_peer mp[INC_NPEERS];
	for (int k = 0; k < INC_NPEERS; k++) {
		const struct addr *ip = &co->peers[k].a;
		mp[k].bgp_id = (uint32_t)ip->b[0] << 24 | (uint32_t)ip->b[1] << 16 | (uint32_t)ip->b[2] << 8 | ip->b[3];
		mp[k].ip = *ip;
		mp[k].asn = co->peers[k].asn;
		mp[k].as4 = true;
	}
	struct addr cid = mw_ip(co->local4);
	mw_peer_index_table(&out, t, (uint32_t)cid.b[0] << 24 | (uint32_t)cid.b[1] << 16 |
	                    (uint32_t)cid.b[2] << 8 | cid.b[3], "", mp, INC_NPEERS);
	for (int j = 0, seq = 0; j < in->np; j++) {
		int i = sorted[j];
		int held = 0;
		for (int k = 0; k < INC_NPEERS; k++)
			held += st[c][k][i] != 0;
		if (!held)
			continue;            /* a dump lists only prefixes some peer holds */
		struct mw_rib r;
		mw_rib_begin(&out, &r, t, MW_RIB_IPV4_UNICAST, (uint32_t)seq++, &in->p[i].p);
		for (int k = 0; k < INC_NPEERS; k++) {
			if (!st[c][k][i])
				continue;
			mw_clear(&a);
			inc_attrs(&a, in, c, k, in->p[i].g, st[c][k][i] - 1);
			mw_rib_entry(&out, &r, (uint16_t)k, t - 86400 - (uint32_t)(j * 37 + k * 911) % 500000,
			             0, a.p, a.len);
		}
		mw_rib_end(&out, &r);
	}
	char rel[256], name[64];
	snprintf(name, sizeof name, co->rib_fmt, inc_stamp(t));
	snprintf(rel, sizeof rel, "%s/%s/%s", in->dir, co->name, name);
	write_out(rel, &out, co->how);
	mw_free(&out);
	mw_free(&a);
}

static const struct incident *inc_sorting;

static int inc_cmp_idx(const void *a, const void *b)
{
	const struct inc_pfx *p = inc_sorting->p;
	return inc_cmp_pfx(&p[*(const int *)a], &p[*(const int *)b]);
}

/* Each collector's RIB dump at t0 (every peer holds every prefix) and, with
 * rib_every, at t0 + k * rib_every (what the events before then left),
 * then its update files: one per hour, named by that hour (empty when the
 * hour has no record: a missing file would be a gap in the data). */
static void inc_write_mrt(struct incident *in)
{
	int *sorted = malloc((size_t)in->np * sizeof *sorted);
	uint8_t *st[2][INC_NPEERS];
	if (!sorted)
		die("out of memory");
	for (int i = 0; i < in->np; i++)
		sorted[i] = i;
	inc_sorting = in;
	qsort(sorted, (size_t)in->np, sizeof *sorted, inc_cmp_idx);
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < INC_NPEERS; k++) {
			if (!(st[c][k] = malloc((size_t)in->np)))
				die("out of memory");
			memset(st[c][k], 1, (size_t)in->np);
		}
	size_t j = 0;
	for (uint32_t t = in->t0; t < in->t1; t += in->rib_every) {
		for (; j < in->nev && in->ev[j].t < t; j++)
			inc_apply(in, st, &in->ev[j]);
		for (int c = 0; c < 2; c++)
			inc_write_rib(in, sorted, c, t, st);
		if (!in->rib_every)
			break;
	}
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < INC_NPEERS; k++)
			free(st[c][k]);
	free(sorted);
	for (size_t j = 0; j < in->nev; j++)
		inc_emit(in, &in->ev[j]);
	for (int c = 0; c < 2; c++)
		for (uint32_t h = 0; h < in->nhours; h++) {
			/* Every hour has its file, empty or not, as at a collector: a
			 * missing file is a gap in the data (io/coverage.h). */
			char rel[256];
			snprintf(rel, sizeof rel, "%s/%s/updates.%s.%s", in->dir, inc_cols[c].name,
			         inc_stamp(in->t0 + h * 3600), inc_cols[c].upd_ext);
			write_out(rel, &in->hours[c][h], inc_cols[c].how);
			mw_free(&in->hours[c][h]);
		}
}

/* /24 units of group g's prefixes (the nested one counted once). */
static double inc_units(const struct incident *in, int g)
{
	double u = 0;
	for (int i = 0; i < in->np; i++)
		if (in->p[i].g == g && !in->p[i].nested)
			u += (double)((uint32_t)1 << (32 - in->p[i].p.len)) / 256.0;
	return u;
}

/* The table of groups for the README, and groups.tsv for tests. */
static void inc_write_groups(const struct incident *in, FILE *f)
{
	char rel[256];
	snprintf(rel, sizeof rel, "%s/groups.tsv", in->dir);
	FILE *tsv = open_text(rel);
	fprintf(tsv, "#origin\tname\tcountry\tprefixes\tslash24\twithdrawn_from\tannounced_from\n");
	fprintf(f, "| origin AS | network | country | prefixes | /24 units | withdrawn from (UTC) | announced again from (UTC) | what the sources say |\n"
	           "| --- | --- | --- | ---: | ---: | --- | --- | --- |\n");
	for (int g = 0; g < in->ng; g++) {
		const struct inc_group *gr = &in->g[g];
		const char *d = gr->down ? fmt_time(gr->down) : "-";
		const char *u = gr->up ? fmt_time(gr->up) : "-";
		fprintf(f, "| AS%u | %s | %s | %d | %.0f | %s | %s | %s |\n", gr->origin, gr->name,
		        gr->cc[0] ? gr->cc : "(not in the file)", gr->n, inc_units(in, g), d, u,
		        gr->fact[0] ? gr->fact : "background");
		fprintf(tsv, "%u\t%s\t%s\t%d\t%.0f\t%s\t%s\n", gr->origin, gr->name, gr->cc[0] ? gr->cc : "-",
		        gr->n, inc_units(in, g), gr->down ? fmt_time(gr->down) : "-", gr->up ? fmt_time(gr->up) : "-");
	}
	fclose(tsv);
}

/* Common part of the two READMEs: files, vantage points, script, churn. */
static void inc_write_common(const struct incident *in, FILE *f)
{
	fprintf(f, "## Files\n\n"
	        "- `route-views2/rib.%s.bz2`, `rrc00/bview.%s.gz`: TABLE_DUMP_V2 RIB dumps at %s UTC "
	        "(the only dumps: every vantage point holds every prefix then).\n"
	        "- `route-views2/updates.YYYYMMDD.HHMM.bz2`, `rrc00/updates.YYYYMMDD.HHMM.gz`: "
	        "BGP4MP_MESSAGE_AS4 records, **one file per hour**, empty when the hour has no record "
	        "(the real archives write a file every 15 or 5 minutes; a missing file is a gap in the "
	        "data, and mrtreach treats the time it should cover as unknown). Times are "
	        "the real times of the incident.\n"
	        "- `%s`: an RIR extended delegation file giving the countries' address space.\n"
	        "- `groups.tsv`: the table below, for tests.\n\n", inc_stamp(in->t0), inc_stamp(in->t0),
	        fmt_time(in->t0), in->deleg_file);
	fprintf(f, "Updates run from %s to %s UTC.\n\n", fmt_time(in->t0), fmt_time(in->t1));
	fprintf(f, "## Vantage points\n\n"
	        "Five full-feed IPv4 peers per collector: route-views2 AS3356, AS6939, AS7018, AS2914, "
	        "AS1299; rrc00 AS3333, AS12779, AS20912, AS13030, AS6762. **rrc00 AS20912 is a zombie**: "
	        "at every scripted withdrawal it keeps its route to the first prefix of the group (a "
	        "stale route); the majority rule must not be fooled by it.\n\n");
	fprintf(f, "## Script\n\n"
	        "Every prefix of a group is withdrawn by each vantage point at the group's time plus "
	        "a delay of up to a minute (the peers follow one another), in one UPDATE per vantage "
	        "point, and announced again the same way from its restoration time. Background groups "
	        "are never withdrawn as a whole; every third hour each collector carries ordinary churn: "
	        "two one-peer flaps of a background prefix (back within 10 minutes) and two path changes "
	        "(via AS3257, back within 90 minutes), none of which changes visibility under the "
	        "default rule. Each group's first prefix is a /20, the next lengths cycle through /20, /22, "
	        "/24, /24, /21, /23, /24, /22 from its base address; in every group of ten or more prefixes the second prefix is "
	        "a /24 inside the first (counted once by address space). Addresses, paths and the "
	        "background are plausible inventions, not the historical tables.\n\n");
	inc_write_groups(in, f);
}

static void inc_run(struct incident *in, uint64_t seed)
{
	inc_rng = seed;
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < INC_NPEERS; k++)
			inc_cols[c].peers[k].a = mw_ip(inc_cols[c].peers[k].ip);
	in->nhours = (in->t1 - in->t0 + 3599) / 3600;
	for (int c = 0; c < 2; c++) {
		in->hours[c] = calloc(in->nhours, sizeof *in->hours[c]);
		if (!in->hours[c])
			die("out of memory");
		char d[512];
		snprintf(d, sizeof d, "%s/%s/%s", g_top, in->dir, inc_cols[c].name);
		mkdirs(d);
	}
	inc_make_prefixes(in);
	inc_script(in);
	inc_write_mrt(in);
	char rel[256];
	snprintf(rel, sizeof rel, "%s/%s", in->dir, in->deleg_file);
	FILE *f = open_text(rel);
	fputs(in->deleg_text, f);
	fclose(f);
}

static void inc_free(struct incident *in)
{
	free(in->p);
	free(in->ev);
	free(in->hours[0]);
	free(in->hours[1]);
}

/* Writes incident in (seeded with seed) and its README: head (a printf
 * format given the number of prefixes in country cc), the part every
 * incident shares, then tail (given the delegation file's name twice). */
static void gen_incident(struct incident *in, uint64_t seed, const char *cc, const char *head,
                         const char *tail)
{
	int n = 0;
	for (int i = 0; i < in->ng; i++)
		if (strcmp(in->g[i].cc, cc) == 0)
			n += in->g[i].n;
	inc_run(in, seed);
	char rel[64];
	snprintf(rel, sizeof rel, "%s/README.md", in->dir);
	FILE *f = open_text(rel);
	fprintf(f, head, n);
	inc_write_common(in, f);
	fprintf(f, tail, in->deleg_file, in->deleg_file);
	fclose(f);
	inc_free(in);
}

static const char egypt_deleg[] =
	"2|afrinic|20110126|7|00000000|20110125|+0000\n"
	"afrinic|*|ipv4|*|6|summary\n"
	"afrinic|*|asn|*|1|summary\n"
	"afrinic|ZA|ipv4|41.0.0.0|2097152|20070101|allocated|F36B9F4B\n"
	"afrinic|EG|ipv4|41.32.0.0|3145728|20070301|allocated|F3B6C2D1\n"
	"afrinic|EG|ipv4|41.80.0.0|1048576|20080501|allocated|F3B6C2D2\n"
	"afrinic|KE|ipv4|41.96.0.0|1048576|20080601|allocated|F3A1E4C0\n"
	"afrinic|NG|ipv4|41.112.0.0|524288|20081001|allocated|F3C7D2A9\n"
	"afrinic|EG|asn|8452|1|20000101|allocated|F3B6C2D1\n"
	"afrinic|MA|ipv4|41.136.0.0|0|20090101|reserved|\n";

#define EGYPT_NGROUPS 15

/* Egypt's groups, January 2011, into g (gen_egypt2011; gen_daily_ribs
 * takes its first days). */
static void egypt_groups(struct inc_group *g)
{
	const struct inc_group eg[EGYPT_NGROUPS] = {
		{ 8452, "Telecom Egypt", "EG", "41.32.0.0", 120, 3356, utc(2011, 1, 27, 22, 12, 43),
		  utc(2011, 2, 2, 9, 29, 31), 60, "withdrawals from 22:12:43 on 27 Jan (Renesys); restoration from 2 Feb 09:29:31" },
		{ 24835, "Raya (Vodafone/Raya)", "EG", "41.40.0.0", 30, 1299, utc(2011, 1, 27, 22, 13, 26),
		  utc(2011, 2, 2, 9, 31, 5), 60, "from 22:13:26 (Renesys)" },
		{ 24863, "Link Egypt", "EG", "41.48.0.0", 40, 6762, utc(2011, 1, 27, 22, 17, 10),
		  utc(2011, 2, 2, 9, 33, 40), 60, "from 22:17:10 (Renesys)" },
		{ 36992, "Etisalat Misr", "EG", "41.56.0.0", 25, 3356, utc(2011, 1, 27, 22, 19, 2),
		  utc(2011, 2, 2, 9, 36, 12), 60, "from 22:19:02 (Renesys)" },
		{ 5536, "Internet Egypt", "EG", "41.64.0.0", 30, 1299, utc(2011, 1, 27, 22, 25, 10),
		  utc(2011, 2, 2, 9, 40, 27), 60, "from 22:25:10 (Renesys)" },
		{ 15475, "Nile Online", "EG", "41.80.0.0", 7, 8452, utc(2011, 1, 27, 22, 29, 44),
		  utc(2011, 2, 2, 9, 44, 3), 60, "illustrative: all but Noor were gone by 22:34 (Renesys)" },
		{ 37069, "Mobinil", "EG", "41.82.0.0", 7, 8452, utc(2011, 1, 27, 22, 31, 18),
		  utc(2011, 2, 2, 9, 47, 50), 60, "illustrative: all but Noor were gone by 22:34" },
		{ 36935, "Vodafone Data", "EG", "41.84.0.0", 7, 24835, utc(2011, 1, 27, 22, 32, 55),
		  utc(2011, 2, 2, 9, 50, 16), 60, "illustrative: all but Noor were gone by 22:34" },
		{ 20928, "Noor Group", "EG", "41.72.0.0", 24, 6453, utc(2011, 1, 31, 20, 46, 0),
		  utc(2011, 2, 2, 9, 52, 40), 60, "stayed up (~8% of Egypt's routes) until 31 Jan 20:46 (Renesys)" },
		{ 3741, "Internet Solutions", "ZA", "41.0.0.0", 60, 3356, 0, 0, 0, "" },
		{ 33771, "Safaricom", "KE", "41.96.0.0", 20, 6453, utc(2011, 1, 29, 6, 10, 0),
		  utc(2011, 1, 29, 6, 52, 30), 30, "invented: a small unrelated outage of 42m30s" },
		{ 37148, "Globacom", "NG", "41.112.0.0", 25, 1299, 0, 0, 0, "" },
		{ 7018, "AT&T", "", "12.0.0.0", 60, 7018, 0, 0, 0, "" },
		{ 3320, "Deutsche Telekom", "", "80.128.0.0", 60, 3320, 0, 0, 0, "" },
		{ 2497, "IIJ", "", "210.128.0.0", 40, 2497, 0, 0, 0, "" },
	};
	memcpy(g, eg, sizeof eg);
}

static void gen_egypt2011(void)
{
	struct inc_group g[EGYPT_NGROUPS];
	egypt_groups(g);
	struct incident in = {
		.dir = "egypt2011", .t0 = utc(2011, 1, 26, 0, 0, 0), .t1 = utc(2011, 2, 3, 0, 0, 0),
		.g = g, .ng = (int)(sizeof g / sizeof g[0]),
		.deleg_file = "delegated-afrinic-extended-20110126", .deleg_text = egypt_deleg,
	};
	gen_incident(&in, 0x45475932303131ULL /* "EGY2011" */, "EG",
	    "# egypt2011: Egypt leaves the Internet, 27 January - 2 February 2011 (a reconstruction)\n\n"
	        "**These files are not archive data.** They are a reconstruction, written by "
	        "`tools/gen_fixtures.c` (`make fixtures`; deterministic), of the published facts:\n\n"
	        "- Renesys (James Cowie), \"Egypt Leaves the Internet\", 27 January 2011, "
	        "http://www.renesys.com/2011/01/egypt-leaves-the-internet/ (and its update on the order "
	        "of the withdrawals): Telecom Egypt AS8452 from 22:12:43 UTC, Raya AS24835 22:13:26, "
	        "Link Egypt AS24863 22:17:10, Etisalat Misr AS36992 22:19:02, Internet Egypt AS5536 "
	        "22:25:10; at 22:34 \"the virtually simultaneous withdrawal of all routes to Egyptian "
	        "networks\" (about 3,500 routes), except Noor Group AS20928 (83 live routes, ~8%% of "
	        "Egypt's), which the Egyptian stock exchange used.\n"
	        "- Renesys, follow-ups: Noor withdrawn on 31 January at 20:46 UTC; restoration from "
	        "2 February 09:29:31 UTC.\n"
	        "- BGPmon (Andree Toonk): 2,903 Egyptian prefixes of 52 ASes affected.\n"
	        "- Light Reading and the Sydney Morning Herald quoting Renesys, 28-29 January 2011.\n\n"
	        "Scaled down: %d Egyptian prefixes of nine ASes instead of ~2,900 of 52; Noor holds 24 "
	        "of them (8.3%% by count). The withdrawal times of the five named ASes are the "
	        "published ones; those of the three illustrative smaller ASes are invented within "
	        "\"all but Noor by 22:34\"; the restoration order after 09:29:31 and Noor's exact "
	        "second are invented. Kenya's Safaricom has a small unrelated outage on 29 January "
	        "06:10:00-06:52:30 that a scan must also find. Background: networks of South Africa, "
	        "Kenya, Nigeria (in the delegation file) and of the US, Germany and Japan (not in it).\n\n",
	    "\nWhat the tools should find (with the default majority rule; each time within a "
	        "minute of the scripted one, as the peers follow within a minute):\n\n"
	        "- `mrtreach scan --delegations %s ...`: events for AS8452, AS24835, AS24863, AS36992, "
	        "AS5536, AS15475, AS37069, AS36935 (27 Jan to 2 Feb), AS20928 (31 Jan to 2 Feb), "
	        "AS33771 (29 Jan, 42m30s), country EG (from about 22:25-22:33 on 27 Jan, when less "
	        "than a fifth of Egypt remained, to 2 Feb) and country KE (29 Jan); nothing else.\n"
	        "- `mrtreach blackout --country EG --delegations %s --below 0.2`: one window from when "
	        "Egypt's visible share fell under 20%% on 27 Jan to its return over 20%% on 2 Feb; "
	        "without `--below`, only the total blackout from 31 Jan 20:46 (Noor) to 2 Feb 09:29.\n");
}

static void gen_syria2012(void)
{
	struct inc_group g[] = {
		{ 29256, "Syrian Telecommunications Establishment", "SY", "178.52.0.0", 79, 3491,
		  utc(2012, 11, 29, 10, 26, 0), utc(2012, 12, 1, 14, 32, 10), 60,
		  "withdrawn 10:26-10:27 on 29 Nov (Renesys, BGPmon); back from 1 Dec 14:32:10 (Renesys)" },
		{ 6453, "Tata Communications (Syrian space)", "SY", "82.137.192.0", 5, 6453,
		  utc(2012, 11, 29, 23, 45, 0), utc(2012, 12, 1, 14, 32, 10), 60,
		  "five Syrian prefixes originated by Tata, withdrawn at 23:45 (BGPmon)" },
		{ 6453, "Tata Communications", "", "115.112.0.0", 30, 6453, 0, 0, 0, "" },
		{ 9121, "Turk Telekom", "TR", "88.224.0.0", 60, 9121, 0, 0, 0, "" },
		{ 8376, "Jordan Data Communications", "JO", "94.249.0.0", 20, 3356, 0, 0, 0, "" },
		{ 3320, "Deutsche Telekom", "DE", "80.128.0.0", 60, 3320, 0, 0, 0, "" },
		{ 7018, "AT&T", "", "12.0.0.0", 40, 7018, 0, 0, 0, "" },
	};
	struct incident in = {
		.dir = "syria2012", .t0 = utc(2012, 11, 28, 8, 0, 0), .t1 = utc(2012, 12, 2, 0, 0, 0),
		.g = g, .ng = (int)(sizeof g / sizeof g[0]),
		.deleg_file = "delegated-ripencc-extended-20121128",
		.deleg_text =
			"2|ripencc|20121128|6|19830705|20121127|+0100\n"
			"ripencc|*|ipv4|*|6|summary\n"
			"ripencc|SY|ipv4|178.52.0.0|131072|20100311|allocated|b0c6a1\n"
			"ripencc|SY|ipv4|82.137.192.0|16384|20040715|allocated|b0c6a1\n"
			"ripencc|TR|ipv4|88.224.0.0|1048576|20060131|allocated|9c21d3\n"
			"ripencc|JO|ipv4|94.249.0.0|65536|20080801|allocated|4f1e02\n"
			"ripencc|DE|ipv4|80.128.0.0|2097152|20010706|allocated|0a7f33\n"
			"ripencc|SY|asn|29256|1|20040101|assigned|b0c6a1\n",
	};
	gen_incident(&in, 0x53595232303132ULL /* "SYR2012" */, "SY",
	    "# syria2012: Syria leaves the Internet, 29 November - 1 December 2012 (a reconstruction)\n\n"
	        "**These files are not archive data.** They are a reconstruction, written by "
	        "`tools/gen_fixtures.c` (`make fixtures`; deterministic), of the published facts:\n\n"
	        "- Renesys (James Cowie), \"Syria Disappears from the Internet\", 29 November 2012, "
	        "quoted by Reuters the same day: from 10:26 UTC \"all 84 of Syria's IP address blocks "
	        "have become unreachable\"; five networks in Syrian space originated by Tata "
	        "Communications AS6453 stayed reachable for some hours.\n"
	        "- BGPmon (Andree Toonk), \"Syria shuts down the Internet\", 29 November 2012, "
	        "https://www.bgpmon.net/syria-shuts-down-the-internet/: the routes of AS29256 (Syrian "
	        "Telecommunications Establishment) withdrawn between 10:26 and 10:27 UTC; update: the "
	        "five prefixes originated by Tata down as of 23:45 UTC.\n"
	        "- Renesys, \"Restoration in Syria\", 1 December 2012, "
	        "http://research.dyn.com/2012/12/restoration-in-syria-1/: restoration starting at "
	        "14:32:10 UTC.\n"
	        "- CAIDA blog, December 2012, https://blog.caida.org/best_available_data/2012/12: the "
	        "same sequence.\n\n"
	        "All 84 Syrian prefixes are here (79 of AS29256, 5 of AS6453); the withdrawal second "
	        "10:26:00 and each peer's delay (up to a minute) are invented. Tata also originates 30 "
	        "prefixes elsewhere, so AS6453 as a whole loses only a little: the Syrian part shows "
	        "at the country level.\n\n",
	    "\nWhat the tools should find (default majority rule):\n\n"
	        "- `mrtreach scan --delegations %s ...`: an event for AS29256 (29 Nov 10:26 to 1 Dec "
	        "14:32) and for country SY (from 10:26, when 5 of 84 prefixes remained, to 1 Dec "
	        "14:32); nothing else.\n"
	        "- `mrtreach blackout --country SY --delegations %s`: the total blackout from 23:45 on "
	        "29 Nov to 14:32 on 1 Dec; with `--below 0.2`, one window from 10:26.\n");
}

/* ======================================================================
 * fixtures/youtube2008: the YouTube hijack of 24 February 2008 as one
 * RouteViews collector saw it, reconstructed from the published times
 * (see the README it writes). Its own random stream: the other fixtures
 * stay byte for byte what they were.
 * ====================================================================== */

#define YT_AS 36561u            /* YouTube */
#define PK_AS 17557u            /* Pakistan Telecom */
#define PCCW_AS 3491u           /* PCCW Global */
#define YT_NPEERS 37
#define YT_NFULL 34             /* the first 34 are full-feed, the last 3 partial */
#define YT_NBG 400
#define YT_NFILES 16            /* 18:00 .. 21:45, 15 minutes each */

enum { YP_22, YP_24, YP_25A, YP_25B, YT_NPFX };
enum { YV_NONE, YV_OWNER, YV_HIJACK, YV_PREPEND, YV_BG };

/* Peer ASes of a RouteViews collector of the time (addresses are invented). */
static const uint32_t yt_peer_as[YT_NPEERS] = {
	3356, 1299, 174, 2914, 3257, 701, 7018, 6939, 6453, 6762, 3549, 3561, 1239, 2497,
	4637, 7660, 11686, 11537, 6539, 5650, 4513, 3303, 286, 1668, 8001, 19151, 22388,
	6079, 2828, 3277, 12956, 702, 4826, 293, 3130, 7500, 25152,
};

static uint64_t yt_rng = 0x595432303038ULL;   /* "YT2008" */

static uint32_t yt_rndn(uint32_t n)
{
	yt_rng += 0x9e3779b97f4a7c15ULL;
	return n ? (uint32_t)(mix64(yt_rng) % n) : 0;
}

struct yt_ev {
	uint32_t t;
	int peer;
	uint8_t pmask;              /* incident prefixes (bit YP_*) */
	uint8_t var;                /* YV_*: the route; YV_NONE: withdrawn */
	int bg;                     /* YV_BG: the background prefix */
	int seq;                    /* order of creation: ties keep it */
};

static struct yt_ev yt_evs[1024];
static int yt_nevs;
static struct addr yt_ip[YT_NPEERS];
static struct prefix yt_p[YT_NPFX];
static struct prefix yt_bg[YT_NBG];
static uint32_t yt_bg_origin[YT_NBG];
static uint32_t YT0;            /* 2008-02-24 18:00:00 */

static void yt_ev(uint32_t t, int peer, uint8_t pmask, uint8_t var, int bg)
{
	if (yt_nevs == (int)(sizeof yt_evs / sizeof yt_evs[0]))
		die("youtube2008: too many events");
	yt_evs[yt_nevs] = (struct yt_ev){ t, peer, pmask, var, bg, yt_nevs };
	yt_nevs++;
}

static int yt_cmp_ev(const void *a, const void *b)
{
	const struct yt_ev *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq - y->seq;
}

/* Full-feed peers carry the whole background table, partial ones a third. */
static bool yt_carries_bg(int k, int i)
{
	return k < YT_NFULL || i % 3 == k % 3;
}

/* The AS path of peer k for route variant var (first hop: the peer). */
static size_t yt_path(int k, uint8_t var, int bg, uint32_t ver, uint32_t *out)
{
	static const uint32_t transit[] = { 3356, 174, 1299, 2914 };
	size_t n = 0;
	uint32_t me = yt_peer_as[k];
	out[n++] = me;
	if (var == YV_BG) {
		uint32_t t = transit[(ver + (uint32_t)k) % 4];
		if (t != me)
			out[n++] = t;
		out[n++] = yt_bg_origin[bg];
		return n;
	}
	if (var == YV_OWNER) {
		uint32_t t = transit[k % 4];
		if (t != me && k % 5 != 0)
			out[n++] = t;                  /* one peer in five peers with YouTube */
		out[n++] = YT_AS;
		return n;
	}
	if (me != PCCW_AS) {
		if (k % 3 == 1)
			out[n++] = 3356;               /* some hear PCCW through another network */
		out[n++] = PCCW_AS;
	}
	out[n++] = PK_AS;
	if (var == YV_PREPEND)
		out[n++] = PK_AS;
	return n;
}

static void yt_attrs(struct mw_buf *a, int k, const uint32_t *path, size_t n)
{
	mw_attr_origin(a, 0);
	mw_attr_as_seq(a, 2, path, n);
	mw_attr_next_hop(a, yt_ip[k]);
}

/* Peers a[0..n) from t0 on, one every 0-7 seconds (the first at t0). */
static void yt_stagger(const int *a, int n, uint32_t t0, uint8_t pmask, uint8_t var)
{
	uint32_t t = t0;
	for (int i = 0; i < n; i++) {
		yt_ev(t, a[i], pmask, var, -1);
		t += yt_rndn(8);
	}
}

static void yt_shuffle(int *a, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = (int)yt_rndn((uint32_t)i + 1), x = a[i];
		a[i] = a[j];
		a[j] = x;
	}
}

/* The script (the README tells it in words). */
static void yt_script(void)
{
	int all[YT_NPEERS];
	for (int k = 0; k < YT_NPEERS; k++)
		all[k] = k;
	yt_shuffle(all, YT_NPEERS);

	/* 18:47:45: AS17557's /24 via PCCW reaches 30 of the 34 full-feed peers
	 * and two of the three partial ones in about two minutes. */
	int hij[YT_NPEERS], nhij = 0, other[YT_NPEERS], nother = 0, nfh = 0, nph = 0;
	for (int i = 0; i < YT_NPEERS; i++) {
		int k = all[i];
		bool full = k < YT_NFULL;
		if ((full && nfh < 30) || (!full && nph < 2)) {
			hij[nhij++] = k;
			nfh += full;
			nph += !full;
		} else {
			other[nother++] = k;
		}
	}
	yt_stagger(hij, nhij, utc(2008, 2, 24, 18, 47, 45), 1u << YP_24, YV_HIJACK);

	/* 20:07:25: YouTube announces the /24 itself. The peers that never had
	 * the hijacked route take it, and 12 full-feed peers that had it now
	 * prefer YouTube's. */
	int y24[YT_NPEERS], n24 = 0, still[YT_NPEERS], nstill = 0, sw = 0;
	for (int i = 0; i < nother; i++)
		y24[n24++] = other[i];
	for (int i = 0; i < nhij; i++) {
		int k = hij[i];
		if (k < YT_NFULL && sw < 12 && i % 2 == 0) {
			y24[n24++] = k;
			sw++;
		} else {
			still[nstill++] = k;
		}
	}
	yt_shuffle(y24, n24);
	yt_stagger(y24, n24, utc(2008, 2, 24, 20, 7, 25), 1u << YP_24, YV_OWNER);

	/* 20:18:43: the two /25s reach 14 full-feed peers and one partial one. */
	int y25[YT_NPEERS], n25 = 0, nf25 = 0;
	for (int i = YT_NPEERS - 1; i >= 0 && n25 < 15; i--) {
		int k = all[i];
		if (k < YT_NFULL ? nf25 < 14 : n25 - nf25 < 1) {
			y25[n25++] = k;
			nf25 += k < YT_NFULL;
		}
	}
	yt_stagger(y25, n25, utc(2008, 2, 24, 20, 18, 43), 1u << YP_25A | 1u << YP_25B, YV_OWNER);

	/* 20:51: AS17557's route is seen prepended (3491 17557 17557); the longer
	 * path makes 8 of the full-feed peers still on it prefer YouTube's /24. */
	int left[YT_NPEERS], nleft = 0, moved = 0;
	uint32_t t = utc(2008, 2, 24, 20, 51, 4);
	for (int i = 0; i < nstill; i++) {
		int k = still[i];
		bool move = k < YT_NFULL && moved < 8 && i % 3 != 2;
		yt_ev(t, k, 1u << YP_24, move ? YV_OWNER : YV_PREPEND, -1);
		if (move)
			moved++;
		else
			left[nleft++] = k;
		t += yt_rndn(6);
	}

	/* 21:01:12: PCCW withdraws AS17557's routes. Every other peer left on
	 * them has YouTube's /24 as another path and switches to it; the rest
	 * withdraw the /24. */
	t = utc(2008, 2, 24, 21, 1, 12);
	for (int i = 0; i < nleft; i++) {
		yt_ev(t, left[i], 1u << YP_24, i % 2 ? YV_NONE : YV_OWNER, -1);
		t += yt_rndn(8);
	}

	/* Background: path changes of the other prefixes now and then. */
	for (int n = 0; n < 240; n++) {
		uint32_t when = YT0 + 1 + yt_rndn(YT_NFILES * 900 - 1);
		int k = (int)yt_rndn(YT_NPEERS), i = (int)yt_rndn(YT_NBG);
		if (yt_carries_bg(k, i))
			yt_ev(when, k, 0, YV_BG, i);
	}
	qsort(yt_evs, (size_t)yt_nevs, sizeof yt_evs[0], yt_cmp_ev);
}

static void yt_background(void)
{
	static const uint32_t origins[] = { 701, 7018, 3356, 15169, 8075, 4134, 9498, 3320, 5511, 2856,
		13335, 16509, 20940, 7922, 4766, 9121, 1273, 6830, 12389, 8359 };
	for (int i = 0; i < YT_NBG; i++) {
		/* distinct /16 - /24 prefixes in 64/8 .. 191/8, none near 208/8 */
		uint32_t a = (64u + (uint32_t)i % 128) << 24 | (uint32_t)(i / 128 + 1) << 16 |
		             yt_rndn(256) << 8;
		unsigned len = 16 + yt_rndn(9);
		yt_bg[i].addr.afi = AFI_IPV4;
		memset(yt_bg[i].addr.b, 0, sizeof yt_bg[i].addr.b);
		for (int b = 0; b < 4; b++)
			yt_bg[i].addr.b[b] = (uint8_t)(a >> (24 - 8 * b));
		mask_addr(&yt_bg[i].addr, len);
		yt_bg[i].len = (uint8_t)len;
		yt_bg_origin[i] = origins[yt_rndn(sizeof origins / sizeof origins[0])];
	}
}

/* RouteViews' RIB of 18:00 (TABLE_DUMP, as route-views2 wrote until 2009):
 * the background and YouTube's /22 from every peer. */
static void yt_write_rib(void)
{
	struct mw_buf out = MW_BUF_INIT, a = MW_BUF_INIT;
	uint16_t seq = 0;
	for (int i = -1; i < YT_NBG; i++) {
		const struct prefix *p = i < 0 ? &yt_p[YP_22] : &yt_bg[i];
		for (int k = 0; k < YT_NPEERS; k++) {
			if (i >= 0 && !yt_carries_bg(k, i))
				continue;
			uint32_t path[8];
			size_t n = yt_path(k, i < 0 ? YV_OWNER : YV_BG, i, 0, path);
			mw_clear(&a);
			yt_attrs(&a, k, path, n);
			mw_table_dump(&out, YT0, 0, seq++, p, 1, YT0 - 86400 - 600 * (uint32_t)k, yt_ip[k],
			              (uint16_t)yt_peer_as[k], a.p, a.len);
		}
	}
	write_out("youtube2008/route-views2/rib.20080224.1800.bz2", &out, MW_BZIP2);
	mw_free(&out);
	mw_free(&a);
}

static void yt_write_updates(void)
{
	struct mw_buf files[YT_NFILES];
	uint32_t ver[YT_NBG] = { 0 };
	for (int f = 0; f < YT_NFILES; f++)
		files[f] = (struct mw_buf)MW_BUF_INIT;
	for (int e = 0; e < yt_nevs; e++) {
		const struct yt_ev *ev = &yt_evs[e];
		struct mw_buf *out = &files[(ev->t - YT0) / 900];
		struct mw_buf a = MW_BUF_INIT, nl = MW_BUF_INIT;
		struct prefix ps[YT_NPFX];
		size_t np = 0;
		if (ev->var == YV_BG) {
			ps[np++] = yt_bg[ev->bg];
			ver[ev->bg]++;
		}
		for (int j = 0; j < YT_NPFX; j++)
			if (ev->pmask & (1u << j))
				ps[np++] = yt_p[j];
		for (size_t j = 0; j < np; j++)
			mw_nlri(&nl, &ps[j], false, 0);
		struct mw_bgp4mp h = {
			.ts = ev->t, .subtype = MW_BGP4MP_MESSAGE, .peer_as = yt_peer_as[ev->peer],
			.local_as = 6447, .peer_ip = yt_ip[ev->peer], .local_ip = mw_ip("128.223.51.102"),
		};
		size_t r = mw_bgp4mp_begin(out, &h);
		if (ev->var == YV_NONE) {
			mw_bgp_update(out, nl.p, nl.len, NULL, 0, NULL, 0);
		} else {
			uint32_t path[8];
			size_t n = yt_path(ev->peer, ev->var, ev->bg, ev->bg >= 0 ? ver[ev->bg] : 0, path);
			yt_attrs(&a, ev->peer, path, n);
			mw_bgp_update(out, NULL, 0, a.p, a.len, nl.p, nl.len);
		}
		mw_record_end(out, r);
		mw_free(&a);
		mw_free(&nl);
	}
	for (int f = 0; f < YT_NFILES; f++) {
		uint32_t t = YT0 + (uint32_t)f * 900;
		char rel[128];
		snprintf(rel, sizeof rel, "youtube2008/route-views2/updates.20080224.%02u%02u.bz2",
		         t / 3600 % 24, t / 60 % 60);
		write_out(rel, &files[f], MW_BZIP2);
		mw_free(&files[f]);
	}
}

/* ---- the expected answer: a simulation of the script, second by second ---- */

struct yt_win {
	int pfx;
	uint32_t origin;
	uint32_t start, end;        /* end 0: ongoing */
	int peak;
};

struct yt_rule {
	bool majority;
	bool vis[YT_NPFX][2];       /* [prefix][0 YouTube, 1 AS17557] */
	struct yt_win w[32];
	int nw;
	int open[YT_NPFX][2];
};

static void yt_rule_second(struct yt_rule *rs, uint32_t t, uint8_t route[][YT_NPFX])
{
	for (int j = 0; j < YT_NPFX; j++)
		for (int o = 0; o < 2; o++) {
			int any = 0, full = 0;
			for (int k = 0; k < YT_NPEERS; k++) {
				uint8_t v = route[k][j];
				bool mine = v != YV_NONE && (o == 0) == (v == YV_OWNER);
				any += mine;
				full += mine && k < YT_NFULL;
			}
			bool vis = rs->majority ? full * 2 >= YT_NFULL && full > 0 : any > 0;
			if (vis && !rs->vis[j][o]) {
				rs->open[j][o] = rs->nw;
				rs->w[rs->nw++] = (struct yt_win){ j, o ? PK_AS : YT_AS, t, 0, any };
			} else if (!vis && rs->vis[j][o]) {
				rs->w[rs->open[j][o]].end = t;
			}
			if (vis && any > rs->w[rs->open[j][o]].peak)
				rs->w[rs->open[j][o]].peak = any;
			rs->vis[j][o] = vis;
		}
}

static struct yt_rule yt_any, yt_major = { .majority = true };

static void yt_simulate(void)
{
	static uint8_t route[YT_NPEERS][YT_NPFX];
	for (int k = 0; k < YT_NPEERS; k++)
		route[k][YP_22] = YV_OWNER;
	yt_rule_second(&yt_any, YT0, route);
	yt_rule_second(&yt_major, YT0, route);
	for (int e = 0; e < yt_nevs;) {
		uint32_t t = yt_evs[e].t;
		for (; e < yt_nevs && yt_evs[e].t == t; e++)
			for (int j = 0; j < YT_NPFX; j++)
				if (yt_evs[e].pmask & (1u << j))
					route[yt_evs[e].peer][j] = yt_evs[e].var;
		yt_rule_second(&yt_any, t, route);
		yt_rule_second(&yt_major, t, route);
	}
}

static void yt_print_windows(FILE *f, const struct yt_rule *rs)
{
	static const char *const names[YT_NPFX] = {
		"208.65.152.0/22", "208.65.153.0/24", "208.65.153.0/25", "208.65.153.128/25",
	};
	fprintf(f, "| prefix | origin | visible from (UTC) | until (UTC) | peak VPs |\n"
	           "| --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < rs->nw; i++) {
		const struct yt_win *w = &rs->w[i];
		fprintf(f, "| %s | AS%u | %s | %s | %d |\n", names[w->pfx], w->origin,
		        fmt_time(w->start), w->end ? fmt_time(w->end) : "ongoing (data end)", w->peak);
	}
}

static void yt_readme(void)
{
	FILE *f = open_text("youtube2008/README.md");
	fprintf(f,
"# youtube2008: the YouTube hijack of 24 February 2008 (a reconstruction)\n\n"
"**These files are not archive data.** They are a reconstruction written by\n"
"`tools/gen_fixtures.c` (`make fixtures`; deterministic) from the published timeline,\n"
"as one RouteViews collector could have seen it. Peers' addresses, which peer heard\n"
"what and when within the published minutes, and the background table are invented.\n\n"
"## The published timeline (UTC)\n\n"
"- Before, during and after: YouTube, AS36561, announces 208.65.152.0/22.\n"
"- 18:47:45: Pakistan Telecom, AS17557, starts announcing 208.65.153.0/24 (inside\n"
"  YouTube's /22); PCCW Global, AS3491, propagates it: first seen with AS path\n"
"  `3491 17557`, most of the world within about two minutes.\n"
"- 20:07:25: YouTube announces 208.65.153.0/24 itself; BGP policy (shortest path)\n"
"  decides between the two origins, so AS17557 keeps part of the traffic.\n"
"- 20:18:43: YouTube announces 208.65.153.0/25 and 208.65.153.128/25; they did not\n"
"  reach the world at large.\n"
"- 20:51: AS17557's announcements are seen prepended, `3491 17557 17557`; more\n"
"  routers now prefer YouTube's.\n"
"- 21:01:12: AS3491 withdraws the prefixes originated by AS17557.\n\n"
"Sources: RIPE NCC, \"YouTube Hijacking: A RIPE NCC RIS case study\", March 2008\n"
"(http://www.ripe.net/news/study-youtube-hijacking.html), for the timeline and the\n"
"prefixes; Dyn Research (Renesys), \"Pakistan hijacks YouTube\", 24 February 2008\n"
"(http://dyn.com/blog/pakistan-hijacks-youtube-1/), for 18:47:45 and the path\n"
"`3491 17557`; Simon Lockhart on NANOG, 24 February 2008, for the prepended path and the\n"
"/25s not propagating widely.\n\n"
"## Files\n\n"
"- `route-views2/rib.20080224.1800.bz2`: TABLE_DUMP (version 1, 2-byte ASNs), as\n"
"  route-views2 wrote RIBs until 2009; every peer's route to the /22 and to a\n"
"  background table of %d prefixes (partial peers: a third of it).\n"
"- `route-views2/updates.20080224.HHMM.bz2`, 18:00 to 21:45: BGP4MP_MESSAGE (2-byte\n"
"  ASNs), **15-minute files** as RouteViews writes them; `updates.D.HHMM` holds\n"
"  HH:MM:00 <= time < HH:MM + 15 minutes.\n\n"
"## The scenario\n\n"
"%d vantage points (peer ASes of a RouteViews collector of the time): %d full-feed, %d\n"
"partial (a third of the table). Propagation is staggered, 0-7 seconds between peers:\n\n"
"- 18:47:45: the hijacked /24 (`PEER [3356] 3491 17557`) reaches 30 of the 34 full-feed\n"
"  peers and two partial ones;\n"
"- 20:07:25: YouTube's /24 reaches the 5 peers that never had the hijack, and 12\n"
"  full-feed peers that had it switch to YouTube's;\n"
"- 20:18:43: the two /25s reach 14 full-feed peers and one partial one;\n"
"- 20:51:04: the peers still on AS17557's route see it prepended; 8 full-feed ones\n"
"  switch to YouTube's /24 instead;\n"
"- 21:01:12: PCCW's withdrawal: of the peers still on AS17557's route, every other\n"
"  one switches to YouTube's /24, the rest withdraw the /24.\n\n"
"Every scripted event is in `script.tsv` (time, peer, AS, prefixes, route).\n\n"
"## What the scenario must yield\n\n"
"Computed by the generator from its own script (not by mrtreach). A (prefix, origin)\n"
"is visible while the vantage points routing to that origin satisfy the rule; the\n"
"data starts at the RIB dump, 2008-02-24 18:00:00, and ends with the last update.\n\n"
"### `--visibility any`\n\n", YT_NBG, YT_NPEERS, YT_NFULL, YT_NPEERS - YT_NFULL);
	yt_print_windows(f, &yt_any);
	fprintf(f,
"\n### `--visibility majority` (at least half of the %d full-feed vantage points)\n\n",
	        YT_NFULL);
	yt_print_windows(f, &yt_major);
	fprintf(f,
"\nUnder `any` the hijacked /24 overlaps YouTube's own /24 from 20:07:25 (MOAS) and\n"
"both /25s are flagged more-specific of the /24 while AS17557's /24 is visible: the\n"
"flag says what the routing table showed, not who was right. Under the majority rule\n"
"YouTube's /24 becomes visible only when the prepending tips the balance, and the /25s\n"
"never are.\n\n"
"```\n"
"mrtreach origins --prefix 208.65.152.0/22 --more-specific --visibility any \\\n"
"    fixtures/youtube2008/route-views2/*.bz2\n"
"```\n");
	fclose(f);

	FILE *s = open_text("youtube2008/script.tsv");
	static const char *const vnames[] = { "withdraw", "YouTube", "AS17557", "AS17557 prepended" };
	fprintf(s, "#time\tpeer\tpeer_as\tprefixes\troute\tas_path\n");
	for (int e = 0; e < yt_nevs; e++) {
		const struct yt_ev *ev = &yt_evs[e];
		if (ev->var == YV_BG)
			continue;
		fprintf(s, "%s\t", fmt_time(ev->t));
		char ip[ADDR_STRLEN];
		addr_format(&yt_ip[ev->peer], ip);
		fprintf(s, "%s\t%u\t", ip, yt_peer_as[ev->peer]);
		bool first = true;
		for (int j = 0; j < YT_NPFX; j++)
			if (ev->pmask & (1u << j)) {
				char pb[PREFIX_STRLEN];
				prefix_format(&yt_p[j], pb);
				fprintf(s, "%s%s", first ? "" : ",", pb);
				first = false;
			}
		fprintf(s, "\t%s\t", vnames[ev->var]);
		if (ev->var != YV_NONE) {
			uint32_t path[8];
			size_t n = yt_path(ev->peer, ev->var, -1, 0, path);
			for (size_t i = 0; i < n; i++)
				fprintf(s, "%s%u", i ? " " : "", path[i]);
		}
		fprintf(s, "\n");
	}
	fclose(s);
}

static void gen_youtube2008(void)
{
	YT0 = utc(2008, 2, 24, 18, 0, 0);
	static const char *const pt[YT_NPFX] = {
		"208.65.152.0/22", "208.65.153.0/24", "208.65.153.0/25", "208.65.153.128/25",
	};
	for (int j = 0; j < YT_NPFX; j++)
		yt_p[j] = mw_pfx(pt[j]);
	for (int k = 0; k < YT_NPEERS; k++) {
		/* an invented, stable address per peer */
		char ip[32];
		snprintf(ip, sizeof ip, "%u.%u.%u.%u", 12 + (yt_peer_as[k] * 7) % 190,
		         (yt_peer_as[k] >> 3) % 250 + 1, (uint32_t)k * 5 + 1, 1 + yt_rndn(250));
		yt_ip[k] = mw_ip(ip);
	}
	char d[256];
	snprintf(d, sizeof d, "%s/youtube2008/route-views2", g_top);
	mkdirs(d);
	yt_background();
	yt_script();
	yt_write_rib();
	yt_write_updates();
	yt_simulate();
	yt_readme();
}

/* ======================================================================
 * fixtures/restart: a collector restart next to an outage (issue 11.1).
 * Invented, not a reconstruction: every event is the script's. Its own
 * random stream, so the other fixtures' bytes do not depend on it.
 * ====================================================================== */

#define RS_NPEERS 10
#define RS_NA 4                 /* rrc01's peers come first */
#define RS_NBG 300
#define RS_NHOURS 4
#define RS_MAXW 8

static uint64_t rs_rng = 0x52535452543231ULL;   /* "RSTRT21" */

static uint32_t rs_rndn(uint32_t n)
{
	rs_rng += 0x9e3779b97f4a7c15ULL;
	return (uint32_t)(mix64(rs_rng) % n);
}

struct rs_col {
	const char *name, *rib_fmt, *ext;
	enum mw_compress how;
	uint32_t local_as;
	const char *local_ip;
	struct mw_buf hours[RS_NHOURS];
};

static struct rs_col rs_cols[2] = {
	{ "rrc01", "bview.%s.gz", "gz", MW_GZIP, 12654, "192.0.2.254", { MW_BUF_INIT } },
	{ "route-views3", "rib.%s.bz2", "bz2", MW_BZIP2, 6447, "198.51.100.254", { MW_BUF_INIT } },
};

static const struct {
	const char *ip, *name;
	uint32_t asn;
} rs_peer[RS_NPEERS] = {
	{ "192.0.2.11", "A1", 3333 }, { "192.0.2.12", "A2", 8447 },
	{ "192.0.2.13", "A3", 13237 }, { "192.0.2.14", "A4", 20562 },
	{ "198.51.100.21", "B1", 3356 }, { "198.51.100.22", "B2", 6939 },
	{ "198.51.100.23", "B3", 1299 }, { "198.51.100.24", "B4", 174 },
	{ "198.51.100.25", "B5", 2914 }, { "198.51.100.26", "B6", 7018 },
};

static int rs_col_of(int k)
{
	return k < RS_NA ? 0 : 1;
}

static uint32_t RS0;            /* 2021-03-15 00:00:00 */
static struct prefix rs_target;
static struct prefix rs_bg[RS_NBG];
static uint32_t rs_bg_origin[RS_NBG];
static int rs_nbg;
static uint8_t rs_carries[RS_NPEERS][RS_NBG];

enum { RS_ANN, RS_WD, RS_DOWN, RS_UP, RS_NOISE };

struct rs_ev {
	uint32_t t, seq;
	int kind, peer, bgi;
	const char *why;           /* for the README's script table; NULL: not listed */
};

static struct rs_ev rs_evs[512];
static int rs_nevs;

static void rs_add(uint32_t t, int kind, int peer, int bgi, const char *why)
{
	if (rs_nevs == (int)(sizeof rs_evs / sizeof rs_evs[0]))
		die("restart: too many events");
	rs_evs[rs_nevs] = (struct rs_ev){ t, (uint32_t)rs_nevs, kind, peer, bgi, why };
	rs_nevs++;
}

static uint32_t rs_at(int h, int m, int s)
{
	return RS0 + (uint32_t)(h * 3600 + m * 60 + s);
}

static int rs_cmp_ev(const void *a, const void *b)
{
	const struct rs_ev *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

static int rs_cmp_pfx(const void *a, const void *b)
{
	const struct prefix *x = a, *y = b;
	int c = memcmp(x->addr.b, y->addr.b, 4);

	return c ? c : x->len - y->len;
}

static void rs_background(void)
{
	static const uint8_t lens[] = { 24, 24, 24, 24, 23, 22, 21, 20, 19, 16 };

	for (int i = 0; i < RS_NBG; i++) {
		struct prefix *p = &rs_bg[i];
		memset(p, 0, sizeof *p);
		p->addr.afi = AFI_IPV4;
		p->addr.b[0] = (uint8_t)(20 + rs_rndn(160));
		p->addr.b[1] = (uint8_t)rs_rndn(256);
		p->addr.b[2] = (uint8_t)rs_rndn(256);
		p->len = lens[rs_rndn(sizeof lens)];
		mask_addr(&p->addr, p->len);
	}
	qsort(rs_bg, RS_NBG, sizeof rs_bg[0], rs_cmp_pfx);
	rs_nbg = 0;
	for (int i = 0; i < RS_NBG; i++)
		if (rs_nbg == 0 || rs_cmp_pfx(&rs_bg[rs_nbg - 1], &rs_bg[i]) != 0)
			rs_bg[rs_nbg++] = rs_bg[i];
	for (int i = 0; i < rs_nbg; i++) {
		rs_bg_origin[i] = 1000 + rs_rndn(60000);
		for (int k = 0; k < RS_NPEERS; k++)
			rs_carries[k][i] = rs_rndn(100) < 99;
	}
}

/* The attributes of peer k's route to the target (bgi < 0) or to
 * background prefix bgi, path version v. */
static void rs_attrs(struct mw_buf *a, int k, int bgi, uint32_t v)
{
	uint32_t path[5];
	size_t n = 0;

	path[n++] = rs_peer[k].asn;
	if (bgi < 0) {
		path[n++] = 64501;
		path[n++] = 64500;
	} else {
		path[n++] = tier1[(mix64((uint64_t)bgi * 31 + (uint64_t)k * 7 + v) >> 3) % (sizeof tier1 / sizeof tier1[0])];
		if (path[n - 1] == rs_peer[k].asn)
			n--;
		path[n++] = rs_bg_origin[bgi];
	}
	mw_attr_origin(a, 0);
	mw_attr_as_seq(a, 4, path, n);
	mw_attr_next_hop(a, mw_ip(rs_peer[k].ip));
}

static struct mw_bgp4mp rs_hdr(int k, uint32_t t, uint16_t subtype)
{
	const struct rs_col *co = &rs_cols[rs_col_of(k)];
	struct mw_bgp4mp h;

	memset(&h, 0, sizeof h);
	h.ts = t;
	h.subtype = subtype;
	h.peer_as = rs_peer[k].asn;
	h.local_as = co->local_as;
	h.peer_ip = mw_ip(rs_peer[k].ip);
	h.local_ip = mw_ip(co->local_ip);
	return h;
}

static struct mw_buf *rs_hour(int k, uint32_t t)
{
	if (t < RS0 || t >= RS0 + RS_NHOURS * 3600u)
		die("restart: event outside the update files");
	return &rs_cols[rs_col_of(k)].hours[(t - RS0) / 3600];
}

/* One UPDATE of peer k: withdraws p, or announces it (bgi: its background
 * index, -1 for the target). */
static void rs_update(int k, uint32_t t, const struct prefix *p, bool withdraw, int bgi, uint32_t v)
{
	struct mw_buf a = MW_BUF_INIT, nl = MW_BUF_INIT, *out = rs_hour(k, t);
	struct mw_bgp4mp h = rs_hdr(k, t, MW_BGP4MP_MESSAGE_AS4);

	mw_nlri(&nl, p, false, 0);
	if (!withdraw)
		rs_attrs(&a, k, bgi, v);
	size_t r = mw_bgp4mp_begin(out, &h);
	if (withdraw)
		mw_bgp_update(out, nl.p, nl.len, NULL, 0, NULL, 0);
	else
		mw_bgp_update(out, NULL, 0, a.p, a.len, nl.p, nl.len);
	mw_record_end(out, r);
	mw_free(&a);
	mw_free(&nl);
}

static void rs_state(int k, uint32_t t, uint16_t from, uint16_t to)
{
	struct mw_bgp4mp h = rs_hdr(k, t, MW_BGP4MP_STATE_CHANGE_AS4);

	mw_bgp4mp_state(rs_hour(k, t), &h, from, to);
}

/* Collector c's RIB dump, in folder dir ("restart", "silence"). */
static void rs_write_rib(int c, const char *dir)
{
	struct rs_col *co = &rs_cols[c];
	struct mw_buf out = MW_BUF_INIT, a = MW_BUF_INIT;
	struct mw_peer mp[RS_NPEERS];
	size_t np = 0;
	int first = c == 0 ? 0 : RS_NA, end = c == 0 ? RS_NA : RS_NPEERS;

	for (int k = first; k < end; k++) {
		struct addr ip = mw_ip(rs_peer[k].ip);
		mp[np].bgp_id = (uint32_t)ip.b[0] << 24 | (uint32_t)ip.b[1] << 16 | (uint32_t)ip.b[2] << 8 | ip.b[3];
		mp[np].ip = ip;
		mp[np].asn = rs_peer[k].asn;
		mp[np].as4 = true;
		np++;
	}
	struct addr cid = mw_ip(co->local_ip);
	mw_peer_index_table(&out, RS0, (uint32_t)cid.b[0] << 24 | (uint32_t)cid.b[1] << 16 |
	                    (uint32_t)cid.b[2] << 8 | cid.b[3], "", mp, np);
	uint32_t seq = 0;
	bool target_done = false;
	for (int i = 0; i <= rs_nbg; i++) {
		if (!target_done && (i == rs_nbg || rs_cmp_pfx(&rs_target, &rs_bg[i]) < 0)) {
			struct mw_rib r;
			mw_rib_begin(&out, &r, RS0, MW_RIB_IPV4_UNICAST, seq++, &rs_target);
			for (int k = first; k < end; k++) {
				mw_clear(&a);
				rs_attrs(&a, k, -1, 0);
				mw_rib_entry(&out, &r, (uint16_t)(k - first), RS0 - 86400, 0, a.p, a.len);
			}
			mw_rib_end(&out, &r);
			target_done = true;
		}
		if (i == rs_nbg)
			break;
		struct mw_rib r;
		mw_rib_begin(&out, &r, RS0, MW_RIB_IPV4_UNICAST, seq++, &rs_bg[i]);
		for (int k = first; k < end; k++) {
			if (!rs_carries[k][i])
				continue;
			mw_clear(&a);
			rs_attrs(&a, k, i, 0);
			mw_rib_entry(&out, &r, (uint16_t)(k - first),
			             RS0 - 3600 - (uint32_t)(mix64((uint64_t)i << 8 | (uint64_t)k) % (20 * 86400)),
			             0, a.p, a.len);
		}
		mw_rib_end(&out, &r);
	}
	char rel[128], name[64];
	snprintf(name, sizeof name, co->rib_fmt, "20210315.0000");
	snprintf(rel, sizeof rel, "%s/%s/%s", dir, co->name, name);
	write_out(rel, &out, co->how);
	mw_free(&out);
	mw_free(&a);
}

/* The script: three episodes (restart/README.md tells them). */
static void rs_script(void)
{
	static const int ep2_order[] = { 4, 0, 5, 1, 6, 2, 7, 3, 8, 9 };

	/* 1: route-views3 B1-B3 lose the route; rrc01 restarts (all four
	 * sessions Idle within 4 s) and comes back with its tables. */
	for (int i = 0; i < 3; i++)
		rs_add(rs_at(0, 30, 4 * i), RS_WD, RS_NA + i, -1, "withdraws the target");
	static const int down1[] = { 0, 1, 3, 4 }, up1[] = { 0, 2, 5, 7 };
	for (int k = 0; k < RS_NA; k++)
		rs_add(rs_at(0, 40, down1[k]), RS_DOWN, k, -1, "session Idle (rrc01 restarts)");
	for (int k = 0; k < RS_NA; k++)
		rs_add(rs_at(0, 42, up1[k]), RS_UP, k, -1, "session Established, whole table re-sent (target included)");
	for (int i = 0; i < 3; i++)
		rs_add(rs_at(0, 50, 5 * i), RS_ANN, RS_NA + i, -1, "announces the target");

	/* 2: the outage: everyone withdraws, 3 s apart; rrc01 restarts again
	 * just before route-views3's B1-B4 announce the target back (B5, B6
	 * only at 02:30); rrc01's peers come back at 01:53 with it. */
	for (int i = 0; i < RS_NPEERS; i++)
		rs_add(rs_at(1, 20, 3 * i), RS_WD, ep2_order[i], -1, "withdraws the target");
	static const int down2[] = { 30, 31, 33, 35 };
	for (int k = 0; k < RS_NA; k++)
		rs_add(rs_at(1, 49, down2[k]), RS_DOWN, k, -1, "session Idle (rrc01 restarts)");
	for (int i = 0; i < 4; i++)
		rs_add(rs_at(1, 50, 4 * i), RS_ANN, RS_NA + i, -1, "announces the target");
	for (int k = 0; k < RS_NA; k++)
		rs_add(rs_at(1, 53, 2 * k), RS_UP, k, -1, "session Established, whole table re-sent (target included)");
	for (int i = 4; i < 6; i++)
		rs_add(rs_at(2, 30, 5 * (i - 4)), RS_ANN, RS_NA + i, -1, "announces the target");

	/* 3: five withdraw, leaving exactly half; then one peer's session
	 * resets alone (route-views3 B4): the old rule, its routes are gone. */
	static const int wd3[] = { 4, 5, 0, 1, 6 };
	for (int i = 0; i < 5; i++)
		rs_add(rs_at(2, 40, 5 * i), RS_WD, wd3[i], -1, "withdraws the target");
	rs_add(rs_at(2, 40, 30), RS_DOWN, 7, -1, "session Idle (a single peer's reset)");
	rs_add(rs_at(2, 44, 0), RS_UP, 7, -1, "session Established, whole table re-sent (target included)");
	for (int i = 0; i < 5; i++)
		rs_add(rs_at(2, 50, 3 * i), RS_ANN, wd3[i], -1, "announces the target");

	/* background churn: path changes of background routes, every hour */
	for (int h = 0; h < RS_NHOURS; h++)
		for (int j = 0; j < 40; j++) {
			int k = (int)rs_rndn(RS_NPEERS), i = (int)rs_rndn((uint32_t)rs_nbg);
			rs_add(RS0 + (uint32_t)h * 3600 + 1 + rs_rndn(3598), RS_NOISE, k, i, NULL);
		}
	qsort(rs_evs, (size_t)rs_nevs, sizeof rs_evs[0], rs_cmp_ev);
}

/* The expected answers, from the script: the restart-aware rule (issue
 * 11.1, state/visibility.h) and a naive one (a dropped session has no
 * routes, whatever the others do). Visible: at least half of the known
 * full-feed vantage points, and at least one. */
struct rs_sim {
	bool has[RS_NPEERS], down[RS_NPEERS], unk[RS_NPEERS];
	bool aware, dark;
	uint32_t burst_start[2];
	int burst_count[2], burst_base[2];
	bool burst_restart[2];
	uint32_t since;
	uint32_t w[RS_MAXW][2];
	int nw;
	/* the changes of the target's visibility: time, visible, seen, known */
	uint32_t ch[64][4];
	int nch;
};

static void rs_sim_event(struct rs_sim *s, const struct rs_ev *e)
{
	int k = e->peer, c = rs_col_of(k);

	switch (e->kind) {
	case RS_ANN:
	case RS_UP:
		s->has[k] = true;
		s->down[k] = false;
		s->unk[k] = false;              /* its announcement proves the route */
		break;
	case RS_WD:
		s->has[k] = false;
		s->unk[k] = false;
		break;
	case RS_DOWN:
		s->has[k] = false;
		if (!s->aware)
			break;
		if (s->burst_count[c] == 0 || e->t - s->burst_start[c] > 60) {
			s->burst_start[c] = e->t;
			s->burst_count[c] = 0;
			s->burst_restart[c] = false;
			s->burst_base[c] = 0;
			for (int j = 0; j < RS_NPEERS; j++)
				if (rs_col_of(j) == c && !s->down[j])
					s->burst_base[c]++;
		}
		s->down[k] = true;
		s->burst_count[c]++;
		if (s->burst_restart[c]) {
			s->unk[k] = true;
		} else if (s->burst_count[c] >= 2 && s->burst_count[c] * 4 >= s->burst_base[c] * 3) {
			s->burst_restart[c] = true;
			for (int j = 0; j < RS_NPEERS; j++)
				if (rs_col_of(j) == c && s->down[j])
					s->unk[j] = true;
		}
		break;
	}
}

static void rs_sim_second(struct rs_sim *s, uint32_t t)
{
	int known = 0, seen = 0;

	for (int k = 0; k < RS_NPEERS; k++)
		if (!s->unk[k]) {
			known++;
			seen += s->has[k];
		}
	if (2 * known < RS_NPEERS)
		die("restart: the target would be unknown at %s", fmt_time(t));
	bool vis = seen >= 1 && 2 * seen >= known;
	bool was = s->nch == 0 || s->ch[s->nch - 1][1];
	if (vis != was) {
		if (s->nch == 64)
			die("restart: too many changes");
		s->ch[s->nch][0] = t;
		s->ch[s->nch][1] = vis;
		s->ch[s->nch][2] = (uint32_t)seen;
		s->ch[s->nch][3] = (uint32_t)known;
		s->nch++;
	}
	if (!vis && !s->dark) {
		s->dark = true;
		s->since = t;
	} else if (vis && s->dark) {
		if (s->nw == RS_MAXW)
			die("restart: too many windows");
		s->dark = false;
		s->w[s->nw][0] = s->since;
		s->w[s->nw][1] = t;
		s->nw++;
	}
}

static struct rs_sim rs_aware, rs_naive;

/* Writes the update records and runs both simulations over the script. */
static void rs_run(void)
{
	bool down[RS_NPEERS] = { false };
	uint32_t version[RS_NPEERS][RS_NBG];

	memset(version, 0, sizeof version);
	rs_aware.aware = true;
	for (int k = 0; k < RS_NPEERS; k++)
		rs_aware.has[k] = rs_naive.has[k] = true;
	for (int x = 0; x < rs_nevs; x++) {
		const struct rs_ev *e = &rs_evs[x];
		int k = e->peer;
		if (x > 0 && e->t != rs_evs[x - 1].t) {
			rs_sim_second(&rs_aware, rs_evs[x - 1].t);
			rs_sim_second(&rs_naive, rs_evs[x - 1].t);
		}
		switch (e->kind) {
		case RS_NOISE:
			if (down[k] || !rs_carries[k][e->bgi])
				continue;
			rs_update(k, e->t, &rs_bg[e->bgi], false, e->bgi, ++version[k][e->bgi]);
			continue;
		case RS_ANN:
		case RS_WD:
			rs_update(k, e->t, &rs_target, e->kind == RS_WD, -1, 0);
			break;
		case RS_DOWN:
			rs_state(k, e->t, MW_ESTABLISHED, MW_IDLE);
			down[k] = true;
			break;
		case RS_UP:
			rs_state(k, e->t, MW_IDLE, MW_CONNECT);
			rs_state(k, e->t, MW_CONNECT, MW_OPENSENT);
			rs_state(k, e->t, MW_OPENSENT, MW_OPENCONFIRM);
			rs_state(k, e->t, MW_OPENCONFIRM, MW_ESTABLISHED);
			down[k] = false;
			/* the whole table, the target in its sorted place */
			bool sent = false;
			for (int i = 0; i <= rs_nbg; i++) {
				if (!sent && (i == rs_nbg || rs_cmp_pfx(&rs_target, &rs_bg[i]) < 0)) {
					rs_update(k, e->t, &rs_target, false, -1, 0);
					sent = true;
				}
				if (i < rs_nbg && rs_carries[k][i])
					rs_update(k, e->t, &rs_bg[i], false, i, version[k][i]);
			}
			break;
		}
		rs_sim_event(&rs_aware, e);
		rs_sim_event(&rs_naive, e);
	}
	rs_sim_second(&rs_aware, rs_evs[rs_nevs - 1].t);
	rs_sim_second(&rs_naive, rs_evs[rs_nevs - 1].t);
	/* what the fixture is for */
	if (rs_aware.nw != 2 || rs_naive.nw != 3 || rs_aware.dark || rs_naive.dark ||
	    rs_naive.w[1][0] != rs_aware.w[0][0] || rs_naive.w[1][1] <= rs_aware.w[0][1] ||
	    rs_naive.w[2][0] != rs_aware.w[1][0] || rs_naive.w[2][1] != rs_aware.w[1][1])
		die("restart: the script no longer yields the windows it is for");
}

static void rs_windows(FILE *f, const struct rs_sim *s)
{
	fprintf(f, "| # | blackout starts (UTC) | ends (UTC) | duration |\n| --- | --- | --- | --- |\n");
	for (int i = 0; i < s->nw; i++)
		fprintf(f, "| %d | %s | %s | %s |\n", i + 1, fmt_time(s->w[i][0]), fmt_time(s->w[i][1]),
		        fmt_dur(s->w[i][1] - s->w[i][0]));
}

static void rs_readme(void)
{
	FILE *f = open_text("restart/README.md");

	fprintf(f,
"# restart: a collector restart next to an outage\n\n"
"**Invented, not archive data and not a reconstruction.** Written by\n"
"`tools/gen_fixtures.c` (`make fixtures`; deterministic, the same bytes every run) to\n"
"test the collector-restart rule of issue 11 (the manual's \"Collector restarts\"):\n"
"when at least two sessions, and at least three quarters of a collector's sessions that\n"
"were up, leave Established within 60 seconds, the collector restarted: its vantage\n"
"points are unknown (left out of every denominator) until their tables are re-sent;\n"
"this never opens or extends a window. A single peer's session reset keeps the old\n"
"rule: that vantage point has no routes.\n\n"
"## Files\n\n"
"- `rrc01/bview.20210315.0000.gz`: TABLE_DUMP_V2, gzip, RIS naming; 4 peers.\n"
"- `route-views3/rib.20210315.0000.bz2`: TABLE_DUMP_V2, bzip2, RouteViews naming; 6 peers.\n"
"- `*/updates.20210315.HHMM.*`, 00:00 to 03:00: BGP4MP_MESSAGE_AS4 and\n"
"  BGP4MP_STATE_CHANGE_AS4, **one file per hour** (`updates.D.HHMM` holds HH:MM:00 <=\n"
"  time < HH:MM + 1 hour).\n\n"
"Target: `203.0.113.0/24`, path `<peer> 64501 64500`. Background: %d IPv4 prefixes\n"
"(random, 20.0.0.0 to 179.255.255.255), each peer carrying about 99%% of them, and 40\n"
"path changes of background routes per hour. All ten peers are full-feed; addresses\n"
"and AS numbers of the target are documentation ones (RFC 5737, RFC 5398).\n\n"
"| name | collector | peer | AS |\n| --- | --- | --- | --- |\n", rs_nbg);
	for (int k = 0; k < RS_NPEERS; k++)
		fprintf(f, "| %s | %s | %s | %u |\n", rs_peer[k].name, rs_cols[rs_col_of(k)].name,
		        rs_peer[k].ip, rs_peer[k].asn);
	fprintf(f,
"\n## The script\n\n"
"Everyone has the target at the RIB dumps (00:00). Session drops are STATE_CHANGE 6 -> 1\n"
"(no withdrawals sent); a session coming back goes 1 -> 2 -> 4 -> 5 -> 6 and re-sends\n"
"its whole table in the same second, the target included.\n\n"
"1. 00:30: route-views3's B1-B3 withdraw the target (7 of 10 keep it). At 00:40:00-04\n"
"   **rrc01 restarts**: its four sessions go Idle within 4 seconds, and come back at\n"
"   00:42:00-07 with their tables. Recognised at the third drop (3 of 4 sessions);\n"
"   B4-B6 keep the target visible (3 of the 6 known).\n"
"2. 01:20: the outage: all ten withdraw, 3 s apart. At 01:49:30-35 **rrc01 restarts\n"
"   again**; from 01:50:00 route-views3's B1-B4 announce the target (B5, B6 only at\n"
"   02:30), and rrc01's peers come back at 01:53:00-06 with their tables, the target in\n"
"   them. The outage ends when half of the known vantage points see the target again:\n"
"   3 of route-views3's 6.\n"
"3. 02:40: five withdraw, leaving exactly half (A3, A4, B4, B5, B6); at 02:40:30 **B4's\n"
"   session resets alone** (route-views3's other sessions stay up): the old rule, its\n"
"   route is gone and 4 of 10 see the target. B4 comes back at 02:44:00 with its\n"
"   table; at 02:50 the five re-announce.\n\n"
"| time (UTC) | peer | event |\n| --- | --- | --- |\n");
	for (int x = 0; x < rs_nevs; x++)
		if (rs_evs[x].why)
			fprintf(f, "| %s | %s (%s) | %s |\n", fmt_time(rs_evs[x].t), rs_peer[rs_evs[x].peer].name,
			        rs_cols[rs_col_of(rs_evs[x].peer)].name, rs_evs[x].why);
	fprintf(f,
"\n## Expected answers (computed from the script, not by mrtreach)\n\n"
"`--prefix 203.0.113.0/24`, both collectors, the majority rule (at least half of the\n"
"known full-feed vantage points, and at least one):\n\n");
	rs_windows(f, &rs_aware);
	fprintf(f, "\nThe target's visibility changes (full-feed peers with a route, of those known):\n\n"
	        "| time (UTC) | becomes | seen |\n| --- | --- | --- |\n");
	for (int i = 0; i < rs_aware.nch; i++)
		fprintf(f, "| %s | %s | %u of %u |\n", fmt_time(rs_aware.ch[i][0]),
		        rs_aware.ch[i][1] ? "visible" : "invisible", rs_aware.ch[i][2], rs_aware.ch[i][3]);
	fprintf(f,
"\n### Mistakes these files catch\n\n"
"Taking every dropped session as a vantage point without routes, restart or not (the\n"
"rule for a single peer's reset), the first restart opens a window and the second\n"
"extends the outage until rrc01's tables are back:\n\n");
	rs_windows(f, &rs_naive);
	fprintf(f,
"\nTaking the single reset of episode 3 as unknown as well would count B4 out of the\n"
"denominator: 4 of 9 instead of 4 of 10 at 02:40:30.\n");
	fclose(f);
}

/* fixtures/silence (issue 11.1): route-views3 of fixtures/restart with its
 * updates of 00:00-04:00 in one file, whose records of 02:00-03:00 are
 * missing: the file exists, its name covers no hour (it is the collector's
 * only update file: no cadence), and its records stop for an hour. */
static void gen_silence(void)
{
	char d[256];
	struct mw_buf one = MW_BUF_INIT;
	const struct rs_col *co = &rs_cols[1];

	snprintf(d, sizeof d, "%s/silence/%s", g_top, co->name);
	mkdirs(d);
	rs_write_rib(1, "silence");
	for (int h = 0; h < RS_NHOURS; h++)
		if (h != 2)
			mw_bytes(&one, co->hours[h].p, co->hours[h].len);
	write_out("silence/route-views3/updates.20210315.0000.bz2", &one, co->how);
	mw_free(&one);

	FILE *f = open_text("silence/README.md");
	fputs(
"# silence: a file that exists, with an hour without records\n\n"
"Invented (issue 11.1), made by `tools/gen_fixtures.c` (`make fixtures`): route-views3's\n"
"RIB dump of fixtures/restart and its four hourly update files of 15 March 2021 as one\n"
"file, `route-views3/updates.20210315.0000.bz2`, in which the records of 02:00-03:00 are\n"
"missing (a collector whose writer stalled for an hour). Nothing in the file names says\n"
"so: the collector has one update file, so no cadence, and its name covers no hour.\n"
"Only the records tell: none between the last of 01:00-02:00 and the first of 03:00-04:00.\n\n"
"Read with `fixtures/restart/rrc01/*` (whose data is whole), the stretch is a gap of\n"
"route-views3 (\"no records in its files\"): its six vantage points are unknown from the\n"
"second after its last record before the stretch, and after it each route stays unknown\n"
"until the data proves it again. Nothing proves route-views3's route to 203.0.113.0/24\n"
"after the stretch (its peers only change background routes then), and rrc01's four\n"
"vantage points are fewer than half of the ten: the target is unknown from the start of\n"
"the stretch to the end of the data, neither visible nor dark. Taking route-views3's\n"
"routes as they were before the stretch, as if no update had been lost, keeps the target\n"
"visible to the end, and the reset of route-views3 B4 at 02:40:30 (fixtures/restart) is\n"
"not in the data at all.\n", f);
	fclose(f);
}

static void gen_restart(void)
{
	RS0 = utc(2021, 3, 15, 0, 0, 0);
	rs_target = mw_pfx("203.0.113.0/24");
	for (int c = 0; c < 2; c++) {
		char d[256];
		snprintf(d, sizeof d, "%s/restart/%s", g_top, rs_cols[c].name);
		mkdirs(d);
	}
	rs_background();
	rs_script();
	for (int c = 0; c < 2; c++)
		rs_write_rib(c, "restart");
	rs_run();
	gen_silence();
	for (int c = 0; c < 2; c++)
		for (int h = 0; h < RS_NHOURS; h++) {
			char rel[128];
			snprintf(rel, sizeof rel, "restart/%s/updates.20210315.%02d00.%s", rs_cols[c].name, h,
			         rs_cols[c].ext);
			write_out(rel, &rs_cols[c].hours[h], rs_cols[c].how);
			mw_free(&rs_cols[c].hours[h]);
		}
	rs_readme();
}

/* daily-ribs: egypt2011's first four days with a RIB dump of each collector
 * every day at 00:00 (what the events before then left): shards by RIB
 * interval with several dumps per collector (issue 17). */
static void gen_daily_ribs(void)
{
	struct inc_group g[EGYPT_NGROUPS];
	egypt_groups(g);
	struct incident in = {
		.dir = "daily-ribs", .t0 = utc(2011, 1, 26, 0, 0, 0), .t1 = utc(2011, 1, 30, 0, 0, 0),
		.rib_every = 86400, .g = g, .ng = EGYPT_NGROUPS,
		.deleg_file = "delegated-afrinic-extended-20110126", .deleg_text = egypt_deleg,
	};
	/* what happens after the four days is left out */
	for (int i = 0; i < EGYPT_NGROUPS; i++) {
		if (g[i].up >= in.t1)
			g[i].up = 0;
		if (g[i].down >= in.t1)
			g[i].down = 0;
	}
	inc_run(&in, 0x4441494c59ULL /* "DAILY" */);
	FILE *f = open_text("daily-ribs/README.md");
	fprintf(f, "# daily-ribs: several RIB dumps per collector (a test fixture)\n\n"
	        "**These files are not archive data.** Written by `tools/gen_fixtures.c` (`make "
	        "fixtures`; deterministic) from the egypt2011 reconstruction's groups and script "
	        "(see `../egypt2011/README.md` for its sources), cut to its first four days, %s to "
	        "%s UTC, with what the script does after them left out (Egypt stays withdrawn, "
	        "Noor stays up, Kenya's outage of 29 January comes back).\n\n"
	        "Unlike every other fixture, each collector has **a RIB dump every day at 00:00** "
	        "(`route-views2/rib.YYYYMMDD.0000.bz2`, `rrc00/bview.YYYYMMDD.0000.gz`, four each), "
	        "listing what the updates before it left each vantage point (the zombie's stale "
	        "routes too), and hourly update files between them. It is there for the shards of "
	        "`mrtreach archives --shards rib` (one per collector and RIB interval: eight) and "
	        "their combination (tests/e2e/cases/daily_ribs.sh).\n", fmt_time(in.t0), fmt_time(in.t1));
	fclose(f);
	inc_free(&in);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gen_fixtures DIR\n");
		return 2;
	}
	g_top = argv[1];
	mkdirs(g_top);
	gen_nk2014();
	gen_damaged();
	gen_early_ris();
	gen_dump();
	gen_egypt2011();
	gen_syria2012();
	gen_youtube2008();
	gen_restart();
	gen_daily_ribs();
	return 0;
}
