/*
 * fuzz_records.c — libFuzzer target: a sequence of MRT records (header +
 * body, as in a file) through decode_record and every formatter (-m, JSON,
 * and -H, which also reads each record itself).
 * One decoder lives across inputs, as in a real run; its per-source state
 * is dropped after each input so inputs do not depend on each other.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "decode/cursor.h"
#include "decode/decode.h"
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct decoder *d;
	if (!d) {
		d = decoder_new();
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
		cur_skip(&c, len);
	}
	decoder_source_done(d, 0);
	return 0;
}
