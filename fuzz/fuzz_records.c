/*
 * fuzz_records.c — libFuzzer target: a sequence of MRT records (header +
 * body, as in a file) through decode_record and every formatter (-m, JSON,
 * and -H, which also reads each record itself).
 * One decoder lives across inputs, as in a real run; its per-source state
 * is dropped after each input so inputs do not depend on each other.
 * A second decoder told that half the prefixes are far (decoder_set_far)
 * must give every record's same verdict, reason and elements, and the
 * attributes and next hop of each element that is not far.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <string.h>

#include "decode/cursor.h"
#include "decode/decode.h"
#include "fuzz_check.h"
#include "report/fmt.h"
#include "report/outbuf.h"

static struct outbuf out;
static struct bgp_scratch scratch;
static struct bgpdump_style multi = { .scratch = &scratch };

static int print_elem(const struct elem *e, void *arg)
{
	(void)arg;
	fmt_bgpdump(&out, e);
	fmt_json(&out, e, "fuzz");
	dump_output_bgpdump_multi.elem(&out, e, "", &multi);
	out.len = 0;    /* formatting is what is tested; keep nothing */
	return 0;
}

/* Far: the prefixes whose last bit before their length is 1 (and /0). */
static bool far_half(const struct elem *e, const void *arg)
{
	(void)arg;
	unsigned n = e->prefix.len;
	return n == 0 || (e->prefix.addr.b[(n - 1) / 8] >> (7 - (n - 1) % 8)) & 1;
}

/* What of a record's elements both decoders must give alike: a digest. */
struct digest {
	uint64_t h, n;
};

static void mix(struct digest *g, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		g->h = (g->h ^ b[i]) * 0x100000001b3ULL;
}

static int digest_elem(const struct elem *e, void *arg)
{
	struct digest *g = arg;
	g->n++;
	uint32_t v[] = { e->type, e->mrt_type, e->mrt_subtype, e->ts, e->usec, e->originated,
	                 e->peer_as, e->prefix.len, e->has_path_id, e->path_id, e->safi,
	                 e->old_state, e->new_state, e->peer_ip.afi, e->prefix.addr.afi };
	mix(g, v, sizeof v);
	mix(g, e->peer_ip.b, sizeof e->peer_ip.b);
	mix(g, e->prefix.addr.b, sizeof e->prefix.addr.b);
	if ((e->type == ELEM_ANNOUNCE || e->type == ELEM_RIB) && !far_half(e, NULL)) {
		/* not far: as decoded */
		CHECK(e->attrs);
		mix(g, &e->nexthop.afi, 1);
		mix(g, e->nexthop.b, sizeof e->nexthop.b);
		mix(g, &e->attrs->present, sizeof e->attrs->present);
		mix(g, e->attrs->as_path.p, e->attrs->as_path.left);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct decoder *d, *plain, *far;
	if (!d) {
		d = decoder_new();
		plain = decoder_new();
		far = decoder_new();
		decoder_set_far(far, far_half, NULL);
		out_init(&out, open("/dev/null", O_WRONLY));
	}
	struct cursor c = cur_make(data, size);
	uint32_t ts, len;
	uint16_t type, subtype;
	while (cur_u32(&c, &ts) && cur_u16(&c, &type) && cur_u16(&c, &subtype) && cur_u32(&c, &len)) {
		struct mrt_record rec = { .ts = ts, .type = type, .subtype = subtype };
		if (len > c.left)
			len = (uint32_t)c.left;     /* the framer guarantees the body is present */
		rec.body = c.p;
		rec.len = len;
		if (type == MRT_BGP4MP_ET && len >= 4) {
			rec.usec = rd_u32(c.p);
			rec.body += 4;
			rec.len -= 4;
		}
		const char *why = NULL;
		dump_output_bgpdump_multi.record(&out, &rec, &multi);
		out.len = 0;
		decode_record(d, &rec, 0, 0, print_elem, NULL, &why);
		struct digest gp = { 0, 0 }, gf = { 0, 0 };
		const char *wp = NULL, *wf = NULL;
		int rp = decode_record(plain, &rec, 0, 0, digest_elem, &gp, &wp);
		int rf = decode_record(far, &rec, 0, 0, digest_elem, &gf, &wf);
		CHECK(rp == rf);
		CHECK((wp == NULL) == (wf == NULL));
		CHECK(!wp || strcmp(wp, wf) == 0);
		CHECK(gp.n == gf.n && gp.h == gf.h);
		cur_skip(&c, len);
	}
	decoder_source_done(d, 0);
	decoder_source_done(plain, 0);
	decoder_source_done(far, 0);
	CHECK(memcmp(decoder_stats(plain), decoder_stats(far), sizeof *decoder_stats(far)) == 0);
	return 0;
}
