/*
 * identity.h — does the data agree with the collector each file was named
 * for? The cross-check of collector identity (issue 11.2).
 * Owns: per collector, the collector BGP IDs and view names of its RIB
 * dumps' PEER_INDEX_TABLEs and the peers they list; the peers its update
 * files speak for; what disagrees, as findings.
 * Never: prints (the caller reports the findings), renames collectors, or
 * drops data: two collectors' files named as one are reported, not guessed
 * apart.
 *
 * Findings, at the end of the pass:
 *  - a collector whose RIB dumps name two or more collector BGP IDs: files
 *    of two collectors were named as one (a mixed folder);
 *  - a collector with a RIB dump whose update files speak for peers that
 *    no RIB dump of it lists: files of another collector mixed in (or
 *    peers added after the dump, which the message allows for).
 */
#ifndef MRTREACH_IDENTITY_H
#define MRTREACH_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/prefix.h"

struct identity;

/* For collectors 0..ncollectors-1 (merge.h numbers them). */
struct identity *identity_new(size_t ncollectors);
void identity_free(struct identity *id);

/* A PEER_INDEX_TABLE of source (a file of collector) with the collector's
 * BGP ID and view; then each peer it lists. */
void identity_rib(struct identity *id, uint32_t collector, uint32_t source,
                  uint32_t bgp_id, const char *view);
void identity_rib_peer(struct identity *id, uint32_t collector, const struct addr *peer);
/* An update element of source from peer. Cheap when repeated. */
void identity_update_peer(struct identity *id, uint32_t collector, uint32_t source,
                          const struct addr *peer);

/* Calls fn once per finding with a one-line message; names[c] is
 * collector c's name, paths[s] input s's path. Returns the count. */
size_t identity_findings(const struct identity *id, const char *const *names, size_t nnames,
                         const char *const *paths, size_t npaths,
                         void (*fn)(const char *msg, void *arg), void *arg);

#endif
