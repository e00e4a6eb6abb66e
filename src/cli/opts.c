/*
 * opts.c — option values: times, durations, ASNs, fractions, prefixes,
 * visibility rules. Owns: strict hand-written parsers and the reasons they
 * give. Never: prints, exits, or consults locale or TZ (no
 * mktime/strtod/strftime); the calendar is report/timefmt.c's.
 */
#include "cli/opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/timefmt.h"

/* ---- small scanning helpers ---------------------------------------------- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Reads exactly n digits at *s into *out and advances *s. */
static bool take_digits(const char **s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!is_digit((*s)[i]))
			return false;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return true;
}

/* Reads one or more digits as an unsigned value no larger than max. */
static bool take_uint(const char **s, uint64_t max, uint64_t *out)
{
	const char *p = *s;
	uint64_t v = 0;

	if (!is_digit(*p))
		return false;
	for (; is_digit(*p); p++) {
		unsigned d = (unsigned)(*p - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*s = p;
	*out = v;
	return true;
}

/* ---- times ---------------------------------------------------------------- */

/* The zone suffix: "", "Z", " UTC", "+HH:MM", "-HH:MM", "+HHMM", "+HH".
 * Sets *offset to the seconds east of UTC. */
static bool parse_zone(const char *s, int64_t *offset)
{
	int hh, mm = 0;
	int sign;

	*offset = 0;
	if (*s == '\0' || strcmp(s, "Z") == 0 || strcmp(s, " UTC") == 0)
		return true;
	if (*s != '+' && *s != '-')
		return false;
	sign = *s++ == '-' ? -1 : 1;
	if (!take_digits(&s, 2, &hh))
		return false;
	if (*s == ':') {
		s++;
		if (!take_digits(&s, 2, &mm))
			return false;
	} else if (*s != '\0' && !take_digits(&s, 2, &mm)) {
		return false;
	}
	if (*s != '\0' || hh > 23 || mm > 59)
		return false;
	*offset = sign * (int64_t)(hh * 3600 + mm * 60);
	return true;
}

bool opt_parse_time(const char *s, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	int64_t offset, t;
	uint64_t epoch;

	/* All digits: seconds since the epoch. */
	const char *e = s;
	if (take_uint(&e, (uint64_t)INT64_MAX, &epoch) && *e == '\0') {
		*out = (int64_t)epoch;
		return true;
	}

	if (!take_digits(&s, 4, &y) || *s++ != '-' ||
	    !take_digits(&s, 2, &mo) || *s++ != '-' ||
	    !take_digits(&s, 2, &d))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || (unsigned)d > cal_days_in_month(y, (unsigned)mo))
		return false;
	if ((s[0] == 'T' || s[0] == ' ') && is_digit(s[1])) {
		s++;
		if (!take_digits(&s, 2, &h) || *s++ != ':' || !take_digits(&s, 2, &mi))
			return false;
		if (*s == ':') {
			s++;
			if (!take_digits(&s, 2, &sec))
				return false;
		}
		if (h > 23 || mi > 59 || sec > 59)
			return false;
	} else if (*s != '\0') {
		return false;     /* a zone needs a time of day before it */
	}
	if (!parse_zone(s, &offset))
		return false;
	t = cal_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	    h * 3600 + mi * 60 + sec - offset;
	*out = t;
	return true;
}

bool opt_parse_time_end(const char *s, int64_t *out)
{
	if (!opt_parse_time(s, out))
		return false;
	/* YYYY-MM-DD and nothing more: through the last second of that day. */
	if (strlen(s) == 10 && s[4] == '-')
		*out += 86399;
	return true;
}

/* ---- durations ------------------------------------------------------------ */

bool opt_parse_duration(const char *s, int64_t *out)
{
	uint64_t v, total = 0;
	size_t next = 0;   /* units must come in order d, h, m, s, each once */

	if (!take_uint(&s, (uint64_t)INT64_MAX, &v))
		return false;
	if (*s == '\0') {      /* a bare number is seconds */
		*out = (int64_t)v;
		return true;
	}
	for (;;) {
		size_t u = next;
		while (u < 4 && duration_units[u].unit != *s)
			u++;
		if (u == 4)
			return false;
		uint64_t k = (uint64_t)duration_units[u].secs;
		if (v > ((uint64_t)INT64_MAX - total) / k)
			return false;
		total += v * k;
		next = u + 1;
		if (*++s == '\0')
			break;
		if (!take_uint(&s, (uint64_t)INT64_MAX, &v))
			return false;
	}
	*out = (int64_t)total;
	return true;
}

/* ---- ASNs and fractions ------------------------------------------------- */

bool opt_parse_asn(const char *s, uint32_t *out)
{
	uint64_t hi, lo;

	if ((s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's'))
		s += 2;
	if (!take_uint(&s, UINT32_MAX, &hi))
		return false;
	if (*s == '\0') {
		*out = (uint32_t)hi;
		return true;
	}
	/* asdot (RFC 5396): high.low, each a 16-bit value. */
	if (*s++ != '.' || hi > 65535 || !take_uint(&s, 65535, &lo) || *s != '\0')
		return false;
	*out = (uint32_t)(hi << 16 | lo);
	return true;
}

bool opt_parse_community(const char *s, uint32_t v[3], bool *large)
{
	static const struct { const char *name; uint32_t v; } known[] = {
		{ "no-export", 0xFFFFFF01 }, { "no-advertise", 0xFFFFFF02 }, { "local-AS", 0xFFFFFF03 },
	};
	uint64_t n[3];
	int k = 0;

	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(s, known[i].name) == 0) {
			v[0] = known[i].v;
			*large = false;
			return true;
		}
	for (;;) {
		if (!take_uint(&s, UINT32_MAX, &n[k]))
			return false;
		k++;
		if (*s == '\0')
			break;
		if (*s++ != ':' || k == 3)
			return false;
	}
	if (k == 2) {
		if (n[0] > 65535 || n[1] > 65535)
			return false;
		v[0] = (uint32_t)(n[0] << 16 | n[1]);
		*large = false;
		return true;
	}
	if (k != 3)
		return false;
	for (int i = 0; i < 3; i++)
		v[i] = (uint32_t)n[i];
	*large = true;
	return true;
}

bool opt_parse_fraction(const char *s, double *out)
{
	static const double pow10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	                                 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	uint64_t mant = 0;
	int digits = 0, scale = 0;
	double v;

	/* digits [ "." digits ] [ "%" ], at most 15 digits in all, so the
	 * mantissa and the power of ten are both exact doubles and the one
	 * division rounds correctly. */
	for (; is_digit(*s); s++, digits++)
		mant = mant * 10 + (uint64_t)(*s - '0');
	if (*s == '.') {
		for (s++; is_digit(*s); s++, digits++, scale++)
			mant = mant * 10 + (uint64_t)(*s - '0');
	}
	if (digits == 0 || digits > 15)
		return false;
	if (*s == '%') {
		scale += 2;
		s++;
	}
	if (*s != '\0' || scale > 15)
		return false;
	v = (double)mant / pow10[scale];
	if (v > 1.0)
		return false;
	*out = v;
	return true;
}

/* ---- prefixes ------------------------------------------------------------ */

/* Why text that is not an IPv4 address is not one, when it looks like an
 * attempt at one (digits and dots): the number of parts, or a part too big. */
static bool why_ipv4(const char *s, size_t n, char *why)
{
	unsigned parts = 1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.')
			parts++;
		else if (s[i] < '0' || s[i] > '9')
			return false;
	}
	if (parts != 4) {
		snprintf(why, OPT_WHY, "an IPv4 address has four numbers (10.0.0.0), this has %u", parts);
		return true;
	}
	for (size_t i = 0; i < n;) {
		size_t k = i;
		unsigned long v = 0;
		while (k < n && s[k] != '.') {
			if (v < 1000)
				v = v * 10 + (unsigned long)(s[k] - '0');
			k++;
		}
		if (k == i) {
			snprintf(why, OPT_WHY, "an empty number in the address");
			return true;
		}
		if (v > 255) {
			snprintf(why, OPT_WHY, "%.*s is not a number from 0 to 255", (int)(k - i > 20 ? 20 : k - i), s + i);
			return true;
		}
		i = k + 1;
	}
	return false;
}

bool opt_parse_prefix(const char *s, struct prefix *out, char *why)
{
	char tmp[OPT_WHY];
	if (!why)
		why = tmp;
	if (prefix_parse(s, out, false))
		return true;

	const char *slash = strchr(s, '/');
	size_t alen = slash ? (size_t)(slash - s) : strlen(s);
	char abuf[ADDR_STRLEN];
	struct addr a;
	if (alen == 0) {
		snprintf(why, OPT_WHY, "no address before the '/'");
		return false;
	}
	if (alen >= sizeof abuf || (memcpy(abuf, s, alen), abuf[alen] = '\0', !addr_parse(abuf, &a))) {
		if (alen < sizeof abuf && !memchr(s, ':', alen) && why_ipv4(s, alen, why))
			return false;
		snprintf(why, OPT_WHY, "not an IPv4 or IPv6 address before the '/' (10.0.0.0/8, 2001:db8::/32)");
		if (!slash)
			snprintf(why, OPT_WHY, "not a prefix like 10.0.0.0/8 or 2001:db8::/32");
		return false;
	}
	const char *l = slash + 1;
	unsigned max = afi_bits(a.afi);
	size_t digits = strspn(l, "0123456789");
	if (*l == '\0' || l[digits] != '\0' || digits > 9) {
		snprintf(why, OPT_WHY, "the prefix length after '/' is not a number");
		return false;
	}
	unsigned long len = strtoul(l, NULL, 10);
	if (len > max) {
		snprintf(why, OPT_WHY, "prefix length %lu is more than %u (%s)", len, max,
		         a.afi == AFI_IPV6 ? "IPv6" : "IPv4");
		return false;
	}
	if (digits > 1 && l[0] == '0') {
		snprintf(why, OPT_WHY, "write the prefix length without leading zeros");
		return false;
	}
	struct prefix p;
	char pbuf[PREFIX_STRLEN];
	if (prefix_parse(s, &p, true)) {
		prefix_format(&p, pbuf);
		snprintf(why, OPT_WHY, "host bits are set after /%lu (did you mean %s?)", len, pbuf);
		return false;
	}
	snprintf(why, OPT_WHY, "not a prefix like 10.0.0.0/8 or 2001:db8::/32");
	return false;
}

/* ---- rules and names ------------------------------------------------------ */

bool opt_parse_rule(const char *s, struct vis_rule *out)
{
	struct vis_rule r;
	memset(&r, 0, sizeof r);
	if (strcmp(s, "majority") == 0) {
		r.kind = VIS_FRACTION;
		r.fraction = 0.5;
	} else if (strcmp(s, "any") == 0) {
		r.kind = VIS_ANY;
	} else if (s[0] >= '1' && s[0] <= '9' && strspn(s, "0123456789") == strlen(s)) {
		if (strlen(s) > 6)
			return false;
		r.kind = VIS_COUNT;
		r.count = (uint32_t)atoi(s);
	} else if (opt_parse_fraction(s, &r.fraction) && r.fraction > 0) {
		r.kind = VIS_FRACTION;       /* 0 would be "N=1" in disguise: say 1 */
	} else {
		return false;
	}
	*out = r;
	return true;
}

void opt_rule_name(const struct vis_rule *r, char *dst, size_t len)
{
	switch (r->kind) {
	case VIS_ANY:
		snprintf(dst, len, "any");
		break;
	case VIS_COUNT:
		snprintf(dst, len, "%u", r->count);
		break;
	case VIS_FRACTION:
		if (r->fraction == 0.5)
			snprintf(dst, len, "majority");
		else
			snprintf(dst, len, "%g", r->fraction);
		break;
	}
}

int opt_choice(const char *s, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}
