/*
 * collector.h — which collector an input file belongs to.
 * Owns: the collector name a path implies, and the explicit rules of
 * `--collector NAME=GLOB` that override it.
 * Never: opens files or reads their data (merge.c does; the data's own
 * evidence, the RIB's collector BGP ID and peer table, is checked in
 * state/identity.c), or keeps rules of its own: the caller's
 * struct collector_rules holds them.
 *
 * Names never depend on how the path was typed: a relative path is made
 * absolute from the working directory and "." and ".." are resolved by
 * name (symbolic links are not followed: a link farm names its files by
 * its own folders). Then, nearest folder first:
 *   - a folder that looks like a collector ("rrcNN", "route-views*") wins;
 *   - otherwise the nearest folder that is not an archive layout folder
 *     (bgpdata, RIBS, UPDATES, ribs, updates, latest, and date folders such
 *     as 2014.12, 2014-12, 201412, 2014-12-22, 2014);
 *   - "archive.routeviews.org/bgpdata/..." is route-views2 (its archive has
 *     no folder of its own there);
 *   - a file in the root folder gives "" (one unnamed collector); "-"
 *     gives "stdin".
 */
#ifndef MRTREACH_COLLECTOR_H
#define MRTREACH_COLLECTOR_H

#include <stdbool.h>
#include <stddef.h>

/* The `--collector NAME=GLOB` rules of one run, in the order given; the
 * caller owns them (zero-initialised: no rule) and hands them to merge_open.
 * No process-wide state: two runs never see each other's rules. */
struct collector_rule;
struct collector_rules {
	struct collector_rule *v;
	size_t n;
};

/* Adds the rule "NAME=GLOB" to rs: input paths matching GLOB belong to collector
 * NAME. GLOB is matched (fnmatch, '*' never crossing '/') against the path
 * as given, and against as many trailing folders and name of its absolute
 * form as GLOB has: '*.gz' the file name, 'mixed/x.*' the last folder and
 * the name, a GLOB starting with '/' the whole path. The first rule that matches wins. False with a reason in
 * err when spec is malformed (errno EINVAL) or memory ran out (ENOMEM). */
bool collector_rule_add(struct collector_rules *rs, const char *spec, char *err, size_t errlen);
/* The rule (in the order given) that matches no path so far, or NULL:
 * after every input was named, a rule naming nothing is a typo. */
const char *collector_rule_unused(const struct collector_rules *rs);
/* Frees every rule; rs is then empty again. */
void collector_rules_free(struct collector_rules *rs);

/* The collector of path: a matching rule's NAME (the rule is marked used),
 * else the name its folders imply (above). rs may be NULL: no rules. */
void collector_of(struct collector_rules *rs, const char *path, char *dst, size_t dstlen);
/* The name the folders imply, ignoring rules. */
void collector_of_path(const char *path, char *dst, size_t dstlen);

#endif
