/*
 * timefmt.h — times and durations as text, and the UTC calendar under them.
 * Owns: the ISO and human forms of a timestamp, the compact duration form,
 * and days <-> civil date arithmetic (the option parsers in cli/opts.c use
 * the same calendar to read times back).
 * Never: consults locale or TZ (no mktime/strftime), prints, or parses.
 */
#ifndef MRTREACH_TIMEFMT_H
#define MRTREACH_TIMEFMT_H

#include <stdbool.h>
#include <stdint.h>

/* "2014-12-22 16:15:07 UTC"-style and ISO forms of a timestamp. dst >= 32 bytes. */
void fmt_time_iso(int64_t t, char *dst);      /* 2014-12-22T16:15:07Z */
void fmt_time_human(int64_t t, char *dst);    /* 2014-12-22 16:15:07 UTC */
/* Nonzero components only, largest first: 34260 -> "9h31m", 45 -> "45s",
 * 93784 -> "1d2h3m4s", 3601 -> "1h1s", 0 -> "0s", negative -> "-5m". Reads
 * back through opt_parse_duration (dst >= 32 bytes). */
void fmt_duration(int64_t secs, char *dst);

/* Proleptic Gregorian calendar, days relative to 1970-01-01, exact for
 * every year (computed by 400-year eras, no tables). */
int64_t cal_days_from_civil(int64_t y, unsigned m, unsigned d);
void cal_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
unsigned cal_days_in_month(int64_t y, unsigned m);   /* m in 1..12 */
/* a / b rounded towards minus infinity (b > 0). */
int64_t cal_floor_div(int64_t a, int64_t b);

/* The duration units, largest first, as fmt_duration writes them. */
struct duration_unit {
	char unit;
	int64_t secs;
};
extern const struct duration_unit duration_units[4];

#endif
