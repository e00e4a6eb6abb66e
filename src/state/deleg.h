/*
 * deleg.h — RIR delegation statistics files: which country each address
 * range was delegated to (--delegations, for blackout --country and scan).
 * Owns: reading several files (plain, gzip or bzip2), strict line checks
 * (a file that is not a delegation file is an error naming file and line),
 * and the address -> country lookup. Never: keeps routing state or prints.
 *
 * Format (the RIRs' "extended" files, and the older ones):
 *   2|apnic|20141222|41389|19830613|20141221|+1000      version line
 *   apnic|*|ipv4|*|40000|summary                        summary lines
 *   apnic|KP|ipv4|175.45.176.0|1024|20091229|allocated|A9...
 *   apnic|KP|ipv6|2001:db8::|32|20091229|assigned|A9...
 * Records with status allocated or assigned count; asn records, other
 * statuses (available, reserved) and lines starting with '#' are skipped.
 * An IPv4 value is an address count, not necessarily a power of two.
 */
#ifndef MRTREACH_DELEG_H
#define MRTREACH_DELEG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/prefix.h"

/* A country code as two upper-case letters in one number ("EG" = 'E' << 8 | 'G'). */
typedef uint16_t deleg_cc;

struct deleg_v4 { uint32_t lo, hi; deleg_cc cc; };
struct deleg_v6 { uint64_t lo, hi; deleg_cc cc; };   /* the top 64 bits */

struct deleg {
	struct deleg_v4 *v4;
	size_t n4, cap4;
	struct deleg_v6 *v6;
	size_t n6, cap6;
	bool sorted;
	bool oom;                /* a record could not be kept for want of memory */
};

void deleg_init(struct deleg *d);
void deleg_free(struct deleg *d);
/* Adds every record of one file; false with "PATH:LINE: reason" (or the
 * open error) in err, or "out of memory" with d->oom set. */
bool deleg_load(struct deleg *d, const char *path, char *err, size_t errlen);
/* One line: 1 a record taken, 0 nothing to take (header, summary, comment,
 * asn, other status), -1 not a delegation line. Exposed for tests. */
int deleg_line(struct deleg *d, const char *line);
/* Sorts for lookups; call after the last load. */
void deleg_finish(struct deleg *d);
/* The country whose space holds p's first address; 0 when none. */
deleg_cc deleg_country(const struct deleg *d, const struct prefix *p);
static inline void deleg_cc_str(deleg_cc cc, char dst[3])
{
	dst[0] = (char)(cc >> 8);
	dst[1] = (char)(cc & 0xff);
	dst[2] = '\0';
}

#endif
