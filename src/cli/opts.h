/*
 * opts.h — option values from the command line: times, durations, ASNs,
 * fractions. Each parser returns false on anything malformed, so the command
 * can print one line naming the bad value and exit 2.
 * Never: prints or exits itself.
 */
#ifndef MRTREACH_OPTS_H
#define MRTREACH_OPTS_H

#include <stdbool.h>
#include <stdint.h>

/* "2014-12-22T16:15:00Z", "2014-12-22 16:15", "2014-12-22", or epoch seconds.
 * Date YYYY-MM-DD, then optionally 'T' or ' ' and HH:MM[:SS], then an
 * optional zone: none or "Z" or " UTC" (UTC), or a numeric offset "+HH:MM",
 * "-HH:MM", "+HHMM", "+HH" which is applied (16:15+01:00 is 15:15Z). A zone
 * needs a time of day. All-digit text is epoch seconds. Fields are range
 * checked (Feb 29 only in leap years; no leap second 60). No TZ or locale. */
bool opt_parse_time(const char *s, int64_t *out);
/* "9h31m", "30s", "5m", "2h", "1d", "1d2h", "90" (bare number = seconds).
 * Units d, h, m, s, each at most once, largest first; "1h30" is rejected. */
bool opt_parse_duration(const char *s, int64_t *out);
/* "131279", "AS131279" / "as131279", or asdot "2.1234" (= 2*65536+1234,
 * both halves <= 65535). Values above 4294967295 are rejected. */
bool opt_parse_asn(const char *s, uint32_t *out);
/* A number in [0, 1], "0.5", ".5", "1" or "50%" (plain decimal, no sign or
 * exponent, at most 15 digits). */
bool opt_parse_fraction(const char *s, double *out);

/* "2014-12-22 16:15:07 UTC"-style and ISO forms of a timestamp. dst >= 32 bytes. */
void fmt_time_iso(int64_t t, char *dst);      /* 2014-12-22T16:15:07Z */
void fmt_time_human(int64_t t, char *dst);    /* 2014-12-22 16:15:07 UTC */
/* Nonzero components only, largest first: 34260 -> "9h31m", 45 -> "45s",
 * 93784 -> "1d2h3m4s", 3601 -> "1h1s", 0 -> "0s", negative -> "-5m". Reads
 * back through opt_parse_duration (dst >= 32 bytes). */
void fmt_duration(int64_t secs, char *dst);

#endif
