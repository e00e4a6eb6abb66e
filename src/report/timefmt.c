/*
 * timefmt.c — see timefmt.h.
 * Never: consults locale or TZ, or allocates.
 */
#include "report/timefmt.h"

#include <stddef.h>
#include <string.h>

#include "report/outbuf.h"      /* fmt_u64 */

/* ---- calendar ------------------------------------------------------------ */

int64_t cal_floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t cal_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = cal_floor_div(y, 400);
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void cal_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = cal_floor_div(z, 146097);
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

unsigned cal_days_in_month(int64_t y, unsigned m)
{
	static const unsigned char dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dim[m - 1];
}

/* ---- timestamps ---------------------------------------------------------- */

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
	int64_t days = cal_floor_div(t, 86400), secs = t - days * 86400, y;
	unsigned m, d;

	cal_civil_from_days(days, &y, &m, &d);
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

/* ---- durations ----------------------------------------------------------- */

const struct duration_unit duration_units[4] = {
	{ 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 },
};

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
		uint64_t k = (uint64_t)duration_units[u].secs, n = left / k;
		if (n == 0)
			continue;
		dst += fmt_u64(dst, n);
		*dst++ = duration_units[u].unit;
		left -= n * k;
	}
	*dst = '\0';
}
