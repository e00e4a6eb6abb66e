/*
 * gen_fulltable.c — a synthetic full routing table for the memory benchmark
 * of `mrtreach timeline` without targets (bench/run --variants fulltable).
 * Owns: OUTDIR/rib.mrt (TABLE_DUMP_V2: a PEER_INDEX_TABLE of V vantage points,
 * then one RIB record per prefix), OUTDIR/updates.mrt (BGP4MP_MESSAGE_AS4
 * after the RIB time) and OUTDIR/summary (counts, one "key value" a line).
 * Never: reads MRT; everything comes from a fixed seed, so the same arguments
 * give the same bytes.
 *
 * Usage: gen_fulltable OUTDIR [--prefixes N] [--v6 M] [--peers V]
 *   N distinct IPv4 prefixes (default 1000000, mostly /24), M distinct IPv6
 *   prefixes (default N/10, mostly /48), V vantage points (default 50). Each
 *   vantage point carries each prefix with probability 0.95, decided per
 *   (prefix, vantage point), so every one is full-feed and the RIB holds
 *   about 0.95 * (N + M) * V entries. 192.0.2.0/24 is always in the table,
 *   held by every vantage point (the bench's one-prefix baseline tracks it).
 *
 * Updates, one hour after the RIB time: churn (single withdrawals and
 * announcements of random (prefix, vantage point) pairs) and a few outages
 * (a prefix withdrawn by every vantage point, announced again minutes later),
 * so that the timeline has changes to report.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "state/hash.h"
#include "mrtwrite.h"

#define T0        1767225600u   /* 2026-01-01 00:00:00 UTC: the RIB dump */
#define SEED      0x6d7274726561ULL
#define MISS_PCT  5             /* a vantage point misses a prefix 5% of the time */
#define NCHURN    4000
#define NOUTAGES  20
#define FLUSH_AT  (1u << 22)
#define PEER_BASE 0xc6120001u   /* 198.18.0.1, the first vantage point */

static uint64_t rng_state = SEED;

static uint64_t rnd(void)
{
	rng_state += 0x9e3779b97f4a7c15ULL;
	return hash_mix64(rng_state);
}

static void fail(const char *what)
{
	fprintf(stderr, "gen_fulltable: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* ---- prefixes: a sorted array of keys --------------------------------------
 * IPv4 key: address << 8 | length. IPv6 key: the first 64 bits (lengths are
 * at most 48) plus the length kept alongside. Sorted keys are the order of a
 * real RIB dump (address, then length). */

struct v6key {
	uint64_t hi;
	uint8_t len;
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static int cmp_v6(const void *a, const void *b)
{
	const struct v6key *x = a, *y = b;
	if (x->hi != y->hi)
		return (x->hi > y->hi) - (x->hi < y->hi);
	return (x->len > y->len) - (x->len < y->len);
}

/* Prefix lengths and their share in per mille, roughly as in a 2025 table;
 * what the shares leave over goes to the first length. */
struct len_share {
	unsigned len, permille;
};

static const struct len_share v4_mix[] = {
	{ 24, 600 }, { 23, 90 }, { 22, 120 }, { 21, 50 }, { 20, 45 }, { 19, 30 },
	{ 18, 20 }, { 17, 12 }, { 16, 20 }, { 15, 4 }, { 14, 4 }, { 13, 3 }, { 12, 2 },
};

static const struct len_share v6_mix[] = {
	{ 48, 480 }, { 32, 140 }, { 44, 90 }, { 40, 80 }, { 36, 50 }, { 46, 40 },
	{ 47, 30 }, { 29, 30 }, { 33, 20 }, { 34, 20 }, { 28, 20 },
};

static unsigned pick_len(const struct len_share *mix, size_t n)
{
	unsigned r = (unsigned)(rnd() % 1000), acc = 0;
	for (size_t i = 0; i < n; i++) {
		acc += mix[i].permille;
		if (r < acc)
			return mix[i].len;
	}
	return mix[0].len;
}

#define PICK_LEN(mix) pick_len(mix, sizeof mix / sizeof mix[0])

/* A unicast-looking first octet: 1..223 without 10 and 127. */
static uint32_t v4_addr(void)
{
	uint32_t a;
	do
		a = (uint32_t)rnd();
	while ((a >> 24) == 0 || (a >> 24) == 10 || (a >> 24) == 127 || (a >> 24) >= 224);
	return a;
}

static size_t uniq_u64(uint64_t *k, size_t n)
{
	size_t m = 0;
	qsort(k, n, sizeof *k, cmp_u64);
	for (size_t i = 0; i < n; i++)
		if (m == 0 || k[i] != k[m - 1])
			k[m++] = k[i];
	return m;
}

/* n distinct IPv4 keys, 192.0.2.0/24 among them; sorted. */
static uint64_t *make_v4(size_t n)
{
	uint64_t *k = malloc((n ? n : 1) * sizeof *k);
	size_t have = 0;
	if (!k)
		fail("malloc");
	if (n)
		k[have++] = (uint64_t)0xc0000200u << 8 | 24;
	while (have < n) {
		while (have < n) {
			unsigned len = PICK_LEN(v4_mix);
			uint32_t a = v4_addr() & (uint32_t)(0xffffffffu << (32 - len));
			k[have++] = (uint64_t)a << 8 | len;
		}
		have = uniq_u64(k, have);
	}
	return k;
}

/* n distinct IPv6 keys inside 2000::/4 (2001:db8::/32 left out); sorted. */
static struct v6key *make_v6(size_t n)
{
	struct v6key *k = malloc((n ? n : 1) * sizeof *k);
	size_t have = 0;
	if (!k)
		fail("malloc");
	while (have < n) {
		while (have < n) {
			unsigned len = PICK_LEN(v6_mix);
			uint64_t hi = 0x2000000000000000ULL | (rnd() >> 4);
			hi &= ~0ULL << (64 - len);
			if ((hi >> 32) == 0x20010db8u)
				continue;
			k[have].hi = hi;
			k[have].len = (uint8_t)len;
			have++;
		}
		qsort(k, have, sizeof *k, cmp_v6);
		size_t m = 0;
		for (size_t i = 0; i < have; i++)
			if (m == 0 || cmp_v6(&k[i], &k[m - 1]) != 0)
				k[m++] = k[i];
		have = m;
	}
	return k;
}

static struct addr ip4(uint32_t v)
{
	struct addr a;
	memset(&a, 0, sizeof a);
	a.afi = AFI_IPV4;
	a.b[0] = (uint8_t)(v >> 24);
	a.b[1] = (uint8_t)(v >> 16);
	a.b[2] = (uint8_t)(v >> 8);
	a.b[3] = (uint8_t)v;
	return a;
}

static struct prefix v4_prefix(uint64_t key)
{
	struct prefix p;
	memset(&p, 0, sizeof p);
	p.addr = ip4((uint32_t)(key >> 8));
	p.len = (uint8_t)(key & 0xff);
	return p;
}

static struct prefix v6_prefix(const struct v6key *k)
{
	struct prefix p;
	memset(&p, 0, sizeof p);
	p.addr.afi = AFI_IPV6;
	for (int i = 0; i < 8; i++)
		p.addr.b[i] = (uint8_t)(k->hi >> (56 - 8 * i));
	p.len = k->len;
	return p;
}

/* ---- vantage points and their routes ------------------------------------------ */

static size_t npeers;
static size_t n4, n6;
static uint64_t *pf4;
static struct v6key *pf6;

/* Prefix i of the whole table: IPv4 first, then IPv6. */
static struct prefix prefix_at(size_t i)
{
	return i < n4 ? v4_prefix(pf4[i]) : v6_prefix(&pf6[i - n4]);
}

/* Peer k: 198.18.0.0/15 (benchmarking space), one AS each. */
static struct addr peer_ip(size_t k) { return ip4(PEER_BASE + (uint32_t)k); }

static uint32_t peer_asn(size_t k) { return 64600u + (uint32_t)k * 7u; }

/* IPv6 next hop of peer k: 2001:db8:ffff::k+1. */
static struct addr peer_ip6(size_t k)
{
	struct addr a;
	memset(&a, 0, sizeof a);
	a.afi = AFI_IPV6;
	a.b[0] = 0x20; a.b[1] = 0x01; a.b[2] = 0x0d; a.b[3] = 0xb8; a.b[4] = 0xff; a.b[5] = 0xff;
	a.b[14] = (uint8_t)((k + 1) >> 8);
	a.b[15] = (uint8_t)(k + 1);
	return a;
}

/* Does peer k hold prefix i in the RIB dump? */
static bool holds(size_t i, size_t k)
{
	if (i < n4 && pf4[i] == ((uint64_t)0xc0000200u << 8 | 24))
		return true;
	return hash_mix64(SEED ^ ((uint64_t)i << 16 | k)) % 100 >= MISS_PCT;
}

/* The attributes of peer k's route to prefix i: ORIGIN, AS_PATH (the peer,
 * zero to three transit ASes, the origin), the next hop (NEXT_HOP, or the
 * RIB form of MP_REACH_NLRI for IPv6), and communities from every third
 * peer. variant changes the path, for announcements that replace a route. */
static void route_attrs(struct mw_buf *a, size_t i, size_t k, uint32_t variant, bool rib,
                        const struct prefix *p)
{
	uint64_t h = hash_mix64((uint64_t)i * 0x10001 + k + ((uint64_t)variant << 40));
	uint32_t path[6];
	size_t n = 0;
	path[n++] = peer_asn(k);
	for (unsigned t = (unsigned)(h % 4); t > 0; t--)
		path[n++] = 1000u + (uint32_t)((h >> (8 * t)) % 4000);
	path[n++] = 10000u + (uint32_t)(hash_mix64(i) % 200000);

	mw_clear(a);
	mw_attr_origin(a, (uint8_t)(i % 17 == 0 ? 2 : 0));
	mw_attr_as_seq(a, 4, path, n);
	if (p->addr.afi == AFI_IPV4)
		mw_attr_next_hop(a, peer_ip(k));
	if (k % 3 == 0) {
		uint32_t comm[2] = { peer_asn(k) << 16 | 100, peer_asn(k) << 16 | (uint32_t)(h >> 48) % 1000 };
		mw_attr_communities(a, comm, 1 + (size_t)(h >> 60) % 2);
	}
	if (p->addr.afi == AFI_IPV6) {
		if (rib)
			mw_attr_mp_reach_rib(a, peer_ip6(k), NULL);
		else
			mw_attr_mp_reach(a, AFI_IPV6, 1, peer_ip6(k), NULL, p, NULL, 1);
	}
}

/* ---- output ------------------------------------------------------------------- */

static void flush(FILE *f, struct mw_buf *b, bool force)
{
	if (b->len == 0 || (!force && b->len < FLUSH_AT))
		return;
	if (fwrite(b->p, 1, b->len, f) != b->len)
		fail("write");
	mw_clear(b);
}

static FILE *open_out(const char *dir, const char *name, char *path, size_t cap)
{
	snprintf(path, cap, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		fail(path);
	return f;
}

static void close_out(FILE *f, const char *path)
{
	if (fclose(f) != 0)
		fail(path);
}

static uint64_t write_rib(const char *dir)
{
	char path[4096];
	FILE *f = open_out(dir, "rib.mrt", path, sizeof path);
	struct mw_buf out = MW_BUF_INIT, a = MW_BUF_INIT;
	struct mw_peer *mp = calloc(npeers, sizeof *mp);
	uint64_t entries = 0;

	if (!mp)
		fail("malloc");
	for (size_t k = 0; k < npeers; k++) {
		mp[k].bgp_id = PEER_BASE + (uint32_t)k;
		mp[k].ip = peer_ip(k);
		mp[k].asn = peer_asn(k);
		mp[k].as4 = true;
	}
	mw_peer_index_table(&out, T0, PEER_BASE - 1, "fulltable", mp, npeers);
	for (size_t i = 0; i < n4 + n6; i++) {
		struct prefix p = prefix_at(i);
		struct mw_rib r;
		mw_rib_begin(&out, &r, T0, i < n4 ? MW_RIB_IPV4_UNICAST : MW_RIB_IPV6_UNICAST,
		             (uint32_t)i, &p);
		for (size_t k = 0; k < npeers; k++) {
			if (!holds(i, k))
				continue;
			route_attrs(&a, i, k, 0, true, &p);
			uint32_t orig = T0 - 600 - (uint32_t)(hash_mix64(i ^ k << 32) % (90 * 86400));
			mw_rib_entry(&out, &r, (uint16_t)k, orig, 0, a.p, a.len);
			entries++;
		}
		mw_rib_end(&out, &r);
		flush(f, &out, false);
	}
	flush(f, &out, true);
	close_out(f, path);
	mw_free(&out);
	mw_free(&a);
	free(mp);
	return entries;
}

struct event {
	uint32_t ts;
	uint32_t seq;               /* ties keep the order they were made in */
	uint32_t prefix;
	uint16_t peer;
	bool announce;
	uint32_t variant;
};

static int cmp_event(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	if (x->ts != y->ts)
		return (x->ts > y->ts) - (x->ts < y->ts);
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Churn over the hour after T0 + 60, and outages: every peer withdraws one
 * prefix within a minute, and announces it again 5 to 15 minutes later. */
static size_t make_events(struct event **out)
{
	size_t cap = NCHURN + 2 * NOUTAGES * npeers, n = 0;
	struct event *e = malloc(cap * sizeof *e);
	size_t total = n4 + n6;

	if (!e)
		fail("malloc");
	for (uint32_t c = 0; c < NCHURN; c++) {
		uint64_t r = rnd();
		e[n] = (struct event){ .ts = T0 + 60 + (uint32_t)((uint64_t)c * 3540 / NCHURN),
			.seq = (uint32_t)n, .prefix = (uint32_t)(r % total),
			.peer = (uint16_t)((r >> 32) % npeers), .announce = (r >> 63) != 0,
			.variant = 1 + c };
		n++;
	}
	for (uint32_t o = 0; o < NOUTAGES; o++) {
		uint32_t start = T0 + 300 + o * 150;
		uint32_t back = start + 300 + (uint32_t)(rnd() % 600);
		uint32_t pfx = (uint32_t)(rnd() % total);
		for (size_t k = 0; k < npeers; k++) {
			uint32_t jitter = (uint32_t)(rnd() % 60);
			e[n] = (struct event){ .ts = start + jitter, .seq = (uint32_t)n, .prefix = pfx,
				.peer = (uint16_t)k, .announce = false };
			n++;
			e[n] = (struct event){ .ts = back + jitter, .seq = (uint32_t)n, .prefix = pfx,
				.peer = (uint16_t)k, .announce = true, .variant = NCHURN + 1 + o };
			n++;
		}
	}
	qsort(e, n, sizeof *e, cmp_event);
	*out = e;
	return n;
}

static size_t write_updates(const char *dir)
{
	char path[4096];
	FILE *f = open_out(dir, "updates.mrt", path, sizeof path);
	struct mw_buf out = MW_BUF_INIT, a = MW_BUF_INIT, nlri = MW_BUF_INIT;
	struct event *e;
	size_t n = make_events(&e);

	for (size_t i = 0; i < n; i++) {
		struct prefix p = prefix_at(e[i].prefix);
		struct mw_bgp4mp h = { .ts = e[i].ts, .subtype = MW_BGP4MP_MESSAGE_AS4,
			.peer_as = peer_asn(e[i].peer), .local_as = 6447,
			.peer_ip = peer_ip(e[i].peer), .local_ip = ip4(0xc613fffeu) };   /* 198.19.255.254 */
		bool v6 = p.addr.afi == AFI_IPV6;

		mw_clear(&a);
		mw_clear(&nlri);
		if (e[i].announce) {
			route_attrs(&a, e[i].prefix, e[i].peer, e[i].variant, false, &p);
			if (!v6)
				mw_nlri(&nlri, &p, false, 0);
		} else if (v6) {
			mw_attr_mp_unreach(&a, AFI_IPV6, 1, &p, NULL, 1);
		} else {
			mw_nlri(&nlri, &p, false, 0);
		}
		size_t r = mw_bgp4mp_begin(&out, &h);
		if (e[i].announce || v6)
			mw_bgp_update(&out, NULL, 0, a.p, a.len, nlri.p, nlri.len);
		else
			mw_bgp_update(&out, nlri.p, nlri.len, NULL, 0, NULL, 0);
		mw_record_end(&out, r);
		flush(f, &out, false);
	}
	flush(f, &out, true);
	close_out(f, path);
	mw_free(&out);
	mw_free(&a);
	mw_free(&nlri);
	free(e);
	return n;
}

/* ---- main ------------------------------------------------------------------------ */

static size_t count_arg(const char *opt, const char *s, size_t max)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *s < '0' || *s > '9' || *end || v > max) {
		fprintf(stderr, "gen_fulltable: %s wants an integer up to %zu, not '%s'\n", opt, max, s);
		exit(2);
	}
	return (size_t)v;
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	bool v6_given = false;

	n4 = 1000000;
	npeers = 50;
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (val && strcmp(opt, "--prefixes") == 0)
			n4 = count_arg(opt, val, 100000000);
		else if (val && strcmp(opt, "--v6") == 0) {
			n6 = count_arg(opt, val, 100000000);
			v6_given = true;
		} else if (val && strcmp(opt, "--peers") == 0)
			npeers = count_arg(opt, val, 65535);
		else if (!dir && opt[0] != '-') {
			dir = opt;
			continue;
		} else {
			dir = NULL;
			break;
		}
		i++;
	}
	if (!dir || npeers == 0) {
		fprintf(stderr, "usage: gen_fulltable OUTDIR [--prefixes N] [--v6 M] [--peers V]\n");
		return 2;
	}
	if (!v6_given)
		n6 = n4 / 10;
	if (n4 > (size_t)1 << 23 || n6 > (size_t)1 << 23) {
		fprintf(stderr, "gen_fulltable: at most %u prefixes per family\n", 1u << 23);
		return 2;
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		fail(dir);

	pf4 = make_v4(n4);
	pf6 = make_v6(n6);
	uint64_t entries = write_rib(dir);
	size_t updates = write_updates(dir);

	char path[4096];
	FILE *f = open_out(dir, "summary", path, sizeof path);
	fprintf(f, "prefixes_v4 %zu\nprefixes_v6 %zu\nprefixes %zu\npeers %zu\n"
	        "rib_entries %llu\nupdates %zu\n", n4, n6, n4 + n6, npeers,
	        (unsigned long long)entries, updates);
	close_out(f, path);
	printf("gen_fulltable: %zu IPv4 + %zu IPv6 prefixes, %zu peers, %llu RIB entries, %zu updates in %s\n",
	       n4, n6, npeers, (unsigned long long)entries, updates, dir);
	free(pf4);
	free(pf6);
	return 0;
}
