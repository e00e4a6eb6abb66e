/*
 * deleg.c — delegation files to sorted (range, country) tables.
 * Never: prints; reads files only through io/input (any compression).
 */
#include "state/deleg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/input.h"
#include "decode/sort.h"
#include "decode/vec.h"

void deleg_init(struct deleg *d)
{
	memset(d, 0, sizeof *d);
}

void deleg_free(struct deleg *d)
{
	free(d->v4);
	free(d->v6);
	memset(d, 0, sizeof *d);
}

static size_t split(char *s, char **f, size_t max)
{
	size_t n = 0;
	f[n++] = s;
	for (; *s && n < max; s++)
		if (*s == '|') {
			*s = '\0';
			f[n++] = s + 1;
		}
	return n;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool is_cc(const char *s)
{
	return strlen(s) == 2 && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') &&
	       ((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z');
}

static bool add4(struct deleg *d, uint32_t lo, uint32_t hi, deleg_cc cc)
{
	if (d->n4 == d->cap4) {
		struct deleg_v4 *p = vec_grow(d->v4, &d->cap4, d->n4 + 1, sizeof *p, 256);
		if (!p) {
			d->oom = true;
			return false;
		}
		d->v4 = p;
	}
	d->v4[d->n4++] = (struct deleg_v4){ lo, hi, cc };
	d->sorted = false;
	return true;
}

static bool add6(struct deleg *d, uint64_t lo, uint64_t hi, deleg_cc cc)
{
	if (d->n6 == d->cap6) {
		struct deleg_v6 *p = vec_grow(d->v6, &d->cap6, d->n6 + 1, sizeof *p, 256);
		if (!p) {
			d->oom = true;
			return false;
		}
		d->v6 = p;
	}
	d->v6[d->n6++] = (struct deleg_v6){ lo, hi, cc };
	d->sorted = false;
	return true;
}

int deleg_line(struct deleg *d, const char *line)
{
	char buf[1024];
	size_t len = strlen(line);
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
		len--;
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	if (len == 0 || buf[0] == '#')
		return 0;
	char *f[9];
	size_t n = split(buf, f, 9);
	if (n >= 6 && all_digits(f[0]))
		return 0;                                 /* version line */
	if (n >= 6 && strcmp(f[1], "*") == 0 && strcmp(f[5], "summary") == 0)
		return 0;
	if (n < 7 || (f[1][0] && !is_cc(f[1])) || !all_digits(f[4]))
		return -1;
	bool v4 = strcmp(f[2], "ipv4") == 0, v6 = strcmp(f[2], "ipv6") == 0;
	if (!v4 && !v6)
		return strcmp(f[2], "asn") == 0 ? 0 : -1;
	struct addr a;
	if (!addr_parse(f[3], &a) || a.afi != (v4 ? AFI_IPV4 : AFI_IPV6))
		return -1;
	unsigned long long value = strtoull(f[4], NULL, 10);
	if (strcmp(f[6], "allocated") != 0 && strcmp(f[6], "assigned") != 0)
		return 0;
	if (!f[1][0])
		return 0;
	deleg_cc cc = (deleg_cc)((f[1][0] & ~0x20) << 8 | (f[1][1] & ~0x20));
	if (v4) {
		uint32_t lo = (uint32_t)a.b[0] << 24 | (uint32_t)a.b[1] << 16 | (uint32_t)a.b[2] << 8 | a.b[3];
		if (value == 0 || value - 1 > (unsigned long long)(UINT32_MAX - lo))
			return -1;
		return add4(d, lo, lo + (uint32_t)(value - 1), cc) ? 1 : -1;
	}
	if (value > 128)
		return -1;
	uint64_t lo = 0;
	for (int i = 0; i < 8; i++)
		lo = lo << 8 | a.b[i];
	uint64_t span = value >= 64 ? 0 : (value == 0 ? UINT64_MAX : ((uint64_t)1 << (64 - value)) - 1);
	if (value < 64)
		lo &= ~span;
	return add6(d, lo, lo + span, cc) ? 1 : -1;
}

bool deleg_load(struct deleg *d, const char *path, char *err, size_t errlen)
{
	char why[256];
	struct input *in = input_open_mode(path, 0, why, sizeof why);
	if (!in) {
		snprintf(err, errlen, "%s: %s", path, why);
		return false;
	}
	char line[1024], chunk[65536];
	size_t k = 0;
	unsigned lineno = 1;
	bool ok = true, toolong = false;
	ssize_t n;
	while (ok && (n = input_read(in, chunk, sizeof chunk)) > 0) {
		for (ssize_t i = 0; ok && i < n; i++) {
			char c = chunk[i];
			if (c == '\0') {
				snprintf(err, errlen, "%s:%u: not a delegation file (binary data)", path, lineno);
				ok = false;
			} else if (c != '\n') {
				if (k + 1 < sizeof line)
					line[k++] = c;
				else
					toolong = true;
			} else {
				line[k] = '\0';
				if (toolong || deleg_line(d, line) < 0) {
					snprintf(err, errlen, "%s:%u: not a delegation record: '%.60s'", path, lineno, line);
					ok = false;
				}
				k = 0;
				toolong = false;
				lineno++;
			}
		}
	}
	if (ok && n < 0) {
		snprintf(err, errlen, "%s: %s", path, input_error(in));
		ok = false;
	}
	if (ok && k > 0) {
		line[k] = '\0';
		if (toolong || deleg_line(d, line) < 0) {
			snprintf(err, errlen, "%s:%u: not a delegation record: '%.60s'", path, lineno, line);
			ok = false;
		}
	}
	input_close(in);
	if (d->oom)
		snprintf(err, errlen, "out of memory");
	return ok;
}

static int cmp4(const void *a, const void *b)
{
	const struct deleg_v4 *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int cmp6(const void *a, const void *b)
{
	const struct deleg_v6 *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

void deleg_finish(struct deleg *d)
{
	sort_array(d->v4, d->n4, sizeof *d->v4, cmp4);
	sort_array(d->v6, d->n6, sizeof *d->v6, cmp6);
	d->sorted = true;
}

deleg_cc deleg_country(const struct deleg *d, const struct prefix *p)
{
	if (p->addr.afi == AFI_IPV4) {
		uint32_t a = (uint32_t)p->addr.b[0] << 24 | (uint32_t)p->addr.b[1] << 16 |
		             (uint32_t)p->addr.b[2] << 8 | p->addr.b[3];
		size_t lo = 0, hi = d->n4;                 /* last range starting at or before a */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (d->v4[mid].lo <= a)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo > 0 && a <= d->v4[lo - 1].hi ? d->v4[lo - 1].cc : 0;
	}
	uint64_t a = 0;
	for (int i = 0; i < 8; i++)
		a = a << 8 | p->addr.b[i];
	size_t lo = 0, hi = d->n6;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->v6[mid].lo <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && a <= d->v6[lo - 1].hi ? d->v6[lo - 1].cc : 0;
}
