/*
 * fuzz_opts.c — libFuzzer target: the command-line value parsers (prefix,
 * address, time, duration, ASN, fraction) on arbitrary text, and the
 * formatters on what they accept.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cli/opts.h"
#include "report/timefmt.h"
#include "decode/prefix.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[256], buf[64];
	if (size >= sizeof s)
		size = sizeof s - 1;
	memcpy(s, data, size);
	s[size] = '\0';

	struct prefix p;
	struct addr a;
	int64_t t;
	uint32_t asn;
	double f;
	if (prefix_parse(s, &p, false) || prefix_parse(s, &p, true))
		prefix_format(&p, buf);
	if (addr_parse(s, &a))
		addr_format(&a, buf);
	if (opt_parse_time(s, &t)) {
		fmt_time_iso(t, buf);
		fmt_time_human(t, buf);
	}
	if (opt_parse_duration(s, &t))
		fmt_duration(t, buf);
	(void)opt_parse_asn(s, &asn);
	(void)opt_parse_fraction(s, &f);
	return 0;
}
