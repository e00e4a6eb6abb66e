/*
 * collector.c — collector names of input files (see collector.h).
 * Owns: the rule list of --collector, lexical path normalisation, the
 * layout-folder and collector-folder patterns.
 * Never: touches the file system beyond getcwd().
 */
#include "io/collector.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct collector_rule {
	char *name;
	char *glob;
	char *spec;
	bool used;
};

bool collector_rule_add(struct collector_rules *rs, const char *spec, char *err, size_t errlen)
{
	const char *eq = strchr(spec, '=');
	if (!eq || eq == spec || !eq[1]) {
		snprintf(err, errlen, "want NAME=GLOB (e.g. rrc00='*.gz'), not '%s'", spec);
		errno = EINVAL;
		return false;
	}
	for (const char *p = spec; p < eq; p++)
		if (*p == '/' || *p == '\t' || *p == '\n' || *p == '"' || *p == '\\') {
			snprintf(err, errlen, "a collector name cannot hold '/', tabs, quotes "
			         "or backslashes: '%.*s'", (int)(eq - spec), spec);
			errno = EINVAL;
			return false;
		}
	struct collector_rule *r = realloc(rs->v, (rs->n + 1) * sizeof *r);
	if (!r) {
		snprintf(err, errlen, "out of memory");
		errno = ENOMEM;
		return false;
	}
	rs->v = r;
	r = &rs->v[rs->n];
	r->name = strndup(spec, (size_t)(eq - spec));
	r->glob = strdup(eq + 1);
	r->spec = strdup(spec);
	r->used = false;
	if (!r->name || !r->glob || !r->spec) {
		free(r->name);
		free(r->glob);
		free(r->spec);
		snprintf(err, errlen, "out of memory");
		errno = ENOMEM;
		return false;
	}
	rs->n++;
	return true;
}

const char *collector_rule_unused(const struct collector_rules *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		if (!rs->v[i].used)
			return rs->v[i].spec;
	return NULL;
}

void collector_rules_free(struct collector_rules *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].name);
		free(rs->v[i].glob);
		free(rs->v[i].spec);
	}
	free(rs->v);
	rs->v = NULL;
	rs->n = 0;
}

/* The absolute form of path with "." and ".." resolved by name and no
 * repeated '/'; "" when it does not fit. */
static void absolute(const char *path, char *dst, size_t len)
{
	char buf[4096];
	dst[0] = '\0';
	if (path[0] == '/') {
		if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
			return;
	} else {
		char cwd[4096];
		if (!getcwd(cwd, sizeof cwd))
			snprintf(cwd, sizeof cwd, "/");
		if (snprintf(buf, sizeof buf, "%s/%s", cwd, path) >= (int)sizeof buf)
			return;
	}
	size_t k = 0;
	const char *s = buf;
	while (*s) {
		while (*s == '/')
			s++;
		const char *e = s;
		while (*e && *e != '/')
			e++;
		size_t n = (size_t)(e - s);
		if (n == 0 || (n == 1 && s[0] == '.')) {
			/* nothing */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			while (k > 0 && dst[k - 1] != '/')
				k--;
			if (k > 0)
				k--;
		} else {
			if (k + 1 + n + 1 > len) {
				dst[0] = '\0';
				return;
			}
			dst[k++] = '/';
			memcpy(dst + k, s, n);
			k += n;
		}
		s = e;
	}
	dst[k] = '\0';
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* 2014, 201412, 20141222, 2014.12, 2014-12, 2014_12, 2014-12-22, 2014.12.22 */
static bool date_dir(const char *s, size_t n)
{
	if (n == 4 || n == 6 || n == 8)
		return all_digits(s, n);
	if ((n == 7 || n == 10) && all_digits(s, 4) && strchr(".-_", s[4]) &&
	    all_digits(s + 5, 2))
		return n == 7 || (s[7] == s[4] && all_digits(s + 8, 2));
	return false;
}

/* A layout folder of the RouteViews / RIS archives, not a collector name. */
static bool layout_dir(const char *s, size_t n)
{
	static const char *const names[] = {
		"bgpdata", "RIBS", "ribs", "UPDATES", "updates", "latest",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && strncmp(s, names[i], n) == 0)
			return true;
	return date_dir(s, n);
}

/* rrc00 .. rrc99, route-views*, routeviews* */
static bool collector_dir(const char *s, size_t n)
{
	if (n == 5 && strncmp(s, "rrc", 3) == 0 && all_digits(s + 3, 2))
		return true;
	return (n >= 11 && strncmp(s, "route-views", 11) == 0) ||
	       (n >= 10 && strncmp(s, "routeviews", 10) == 0 &&
	        !(n > 10 && s[10] == '.'));     /* not routeviews.org */
}

void collector_of_path(const char *path, char *dst, size_t dstlen)
{
	if (dstlen == 0)
		return;
	dst[0] = '\0';
	if (strcmp(path, "-") == 0) {
		snprintf(dst, dstlen, "stdin");
		return;
	}
	char abs[4096];
	absolute(path, abs, sizeof abs);
	const char *end = strrchr(abs, '/');    /* end of the folder part */
	const char *pick = NULL, *below = NULL;
	size_t npick = 0;
	while (end && end > abs) {
		const char *begin = end;
		while (begin > abs && begin[-1] != '/')
			begin--;
		size_t n = (size_t)(end - begin);
		if (collector_dir(begin, n)) {
			pick = begin;
			npick = n;
			break;
		}
		if (!pick && !layout_dir(begin, n)) {
			pick = begin;
			npick = n;
			if (below && strncmp(below, "bgpdata/", 8) == 0 &&
			    n == 22 && strncmp(begin, "archive.routeviews.org", n) == 0) {
				snprintf(dst, dstlen, "route-views2");
				return;
			}
		}
		below = begin;
		end = begin - 1;
	}
	if (pick)
		snprintf(dst, dstlen, "%.*s", (int)npick, pick);
}

/* The end of abs with as many components as glob has ('/'-separated), or
 * all of abs for a glob starting with '/'. */
static const char *tail(const char *abs, const char *glob)
{
	if (glob[0] == '/')
		return abs;
	size_t k = 1;
	for (const char *g = glob; *g; g++)
		k += *g == '/';
	const char *p = abs + strlen(abs);
	while (p > abs) {
		p--;
		if (*p == '/' && --k == 0)
			return p + 1;
	}
	return abs;
}

void collector_of(struct collector_rules *rs, const char *path, char *dst, size_t dstlen)
{
	if (strcmp(path, "-") != 0 && rs && rs->n > 0) {
		char abs[4096];
		absolute(path, abs, sizeof abs);
		for (size_t i = 0; i < rs->n; i++) {
			struct collector_rule *r = &rs->v[i];
			bool hit = fnmatch(r->glob, path, FNM_PATHNAME) == 0 ||
			           fnmatch(r->glob, tail(abs, r->glob), FNM_PATHNAME) == 0;
			if (hit) {
				r->used = true;
				snprintf(dst, dstlen, "%s", r->name);
				return;
			}
		}
	}
	collector_of_path(path, dst, dstlen);
}
