/*
 * opts.c — option values: times, durations, ASNs, fractions, and their text.
 * Owns: strict hand-written parsers and formatters, UTC calendar arithmetic.
 * Never: prints, exits, or consults locale or TZ (no mktime/strtod/strftime).
 */
#include "cli/opts.h"

#include <stddef.h>
#include <string.h>

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

/* ---- calendar ------------------------------------------------------------
 * Proleptic Gregorian, days relative to 1970-01-01, computed by era (400
 * years = 146097 days) so it is exact for every year and needs no tables. */

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = floor_div(z, 146097);
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static unsigned days_in_month(int y, int m)
{
	static const unsigned char dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dim[m - 1];
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
	if (mo < 1 || mo > 12 || d < 1 || (unsigned)d > days_in_month(y, mo))
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
	t = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	    h * 3600 + mi * 60 + sec - offset;
	*out = t;
	return true;
}

/* Writes v as exactly n digits, zero-padded. */
static char *put_pad(char *dst, int64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		dst[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return dst + n;
}

/* "YYYY-MM-DD<sep>HH:MM:SS"; returns the end. Years outside 0..9999 are
 * clamped to four digits' worth: timestamps here come from uint32 fields. */
static char *put_datetime(int64_t t, char sep, char *dst)
{
	int64_t days = floor_div(t, 86400), secs = t - days * 86400, y;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	dst = put_pad(dst, y, 4);
	*dst++ = '-';
	dst = put_pad(dst, m, 2);
	*dst++ = '-';
	dst = put_pad(dst, d, 2);
	*dst++ = sep;
	dst = put_pad(dst, secs / 3600, 2);
	*dst++ = ':';
	dst = put_pad(dst, secs / 60 % 60, 2);
	*dst++ = ':';
	return put_pad(dst, secs % 60, 2);
}

void fmt_time_iso(int64_t t, char *dst)
{
	dst = put_datetime(t, 'T', dst);
	memcpy(dst, "Z", 2);
}

void fmt_time_human(int64_t t, char *dst)
{
	dst = put_datetime(t, ' ', dst);
	memcpy(dst, " UTC", 5);
}

/* ---- durations ------------------------------------------------------------ */

static const struct { char unit; int64_t secs; } units[] = {
	{ 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 },
};

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
		while (u < 4 && units[u].unit != *s)
			u++;
		if (u == 4)
			return false;
		uint64_t k = (uint64_t)units[u].secs;
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

/* Writes v in decimal; returns the end. */
static char *put_uint(char *dst, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*dst++ = tmp[--n];
	return dst;
}

void fmt_duration(int64_t secs, char *dst)
{
	uint64_t left;

	if (secs == 0) {
		memcpy(dst, "0s", 3);
		return;
	}
	if (secs < 0) {
		*dst++ = '-';
		left = (uint64_t)0 - (uint64_t)secs;
	} else {
		left = (uint64_t)secs;
	}
	/* Nonzero components only, largest first: 34260 -> "9h31m". The form
	 * reads back through opt_parse_duration to the same value. */
	for (size_t u = 0; u < 4; u++) {
		uint64_t k = (uint64_t)units[u].secs, n = left / k;
		if (n == 0)
			continue;
		dst = put_uint(dst, n);
		*dst++ = units[u].unit;
		left -= n * k;
	}
	*dst = '\0';
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
