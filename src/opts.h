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

/* "2014-12-22T16:15:00Z", "2014-12-22 16:15", "2014-12-22", or epoch seconds. UTC. */
bool opt_parse_time(const char *s, int64_t *out);
/* "9h31m", "30s", "5m", "2h", "1d", "90" (seconds). */
bool opt_parse_duration(const char *s, int64_t *out);
/* "131279", "AS131279", or asdot "2.1234". */
bool opt_parse_asn(const char *s, uint32_t *out);
/* A number in [0, 1], "0.5" or "50%". */
bool opt_parse_fraction(const char *s, double *out);

/* "2014-12-22 16:15:07 UTC"-style and ISO forms of a timestamp. dst >= 32 bytes. */
void fmt_time_iso(int64_t t, char *dst);      /* 2014-12-22T16:15:07Z */
void fmt_time_human(int64_t t, char *dst);    /* 2014-12-22 16:15:07 UTC */
/* "9h31m", "45s", "2d3h" (dst >= 32 bytes). */
void fmt_duration(int64_t secs, char *dst);

#endif
