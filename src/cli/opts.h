/*
 * opts.h — option values from the command line: times, durations, ASNs,
 * fractions, prefixes, visibility rules, names from a fixed list. Each
 * parser returns false on anything malformed (the prefix parser also says
 * why), so cmdline.c can print one line naming the bad value and exit 2.
 * Owns: the grammar of each value and its canonical spelling (formatting a
 * time or a duration back).
 * Never: prints or exits itself (cmdline.h does, with the same words for
 * every command), or reads the environment (no TZ, no locale).
 */
#ifndef MRTREACH_OPTS_H
#define MRTREACH_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/prefix.h"
#include "state/visibility.h"

/* "2014-12-22T16:15:00Z", "2014-12-22 16:15", "2014-12-22", or epoch seconds.
 * Date YYYY-MM-DD, then optionally 'T' or ' ' and HH:MM[:SS], then an
 * optional zone: none or "Z" or " UTC" (UTC), or a numeric offset "+HH:MM",
 * "-HH:MM", "+HHMM", "+HH" which is applied (16:15+01:00 is 15:15Z). A zone
 * needs a time of day. All-digit text is epoch seconds. Fields are range
 * checked (Feb 29 only in leap years; no leap second 60). No TZ or locale.
 * A date alone is the start of that day. */
bool opt_parse_time(const char *s, int64_t *out);
/* The same, as the end of a range: a date alone is the last second of that
 * day (--end 2014-12-22 takes in all of the 22nd). */
bool opt_parse_time_end(const char *s, int64_t *out);
/* "9h31m", "30s", "5m", "2h", "1d", "1d2h", "90" (bare number = seconds).
 * Units d, h, m, s, each at most once, largest first; "1h30" is rejected. */
bool opt_parse_duration(const char *s, int64_t *out);
/* "131279", "AS131279" / "as131279", or asdot "2.1234" (= 2*65536+1234,
 * both halves <= 65535). Values above 4294967295 are rejected. */
bool opt_parse_asn(const char *s, uint32_t *out);
/* A number in [0, 1], "0.5", ".5", "1" or "50%" (plain decimal, no sign or
 * exponent, at most 15 digits). */
bool opt_parse_fraction(const char *s, double *out);
/* "10.0.0.0/8", "2001:db8::/32" or a bare address (a host prefix). Host
 * bits past the length are refused. On failure *why (when why is not NULL)
 * says what is wrong in a few words ("prefix length 33 is more than 32",
 * "300 is not a number from 0 to 255", "host bits are set: 10.0.0.0/8 has
 * none"); why must hold OPT_WHY bytes. */
#define OPT_WHY 128
bool opt_parse_prefix(const char *s, struct prefix *out, char *why);
/* --visibility: "majority", "any", a count "3" (at least 3 full-feed
 * vantage points), or a fraction "0.25", "25%", "1.0", "100%" (a share of
 * them). "1" is one vantage point, "1.0" and "100%" all of them. */
bool opt_parse_rule(const char *s, struct vis_rule *out);
/* The short name of a rule for JSON/TSV and chart captions ("majority",
 * "any", "3", "0.25"). */
void opt_rule_name(const struct vis_rule *r, char *dst, size_t len);
/* --community: "AS:VALUE" (each 0-65535), a well-known name as dump prints
 * it (no-export, no-advertise, local-AS), or a large community
 * "GLOBAL:LOCAL1:LOCAL2" (each 0-4294967295). Sets *large to tell which:
 * v[0] is the 32-bit community, or v[0..2] the large one. */
bool opt_parse_community(const char *s, uint32_t v[3], bool *large);
/* The index of s in names (NULL-terminated), or -1. */
int opt_choice(const char *s, const char *const *names);

#endif
