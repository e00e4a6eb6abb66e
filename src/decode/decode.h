/*
 * decode.h — MRT record bodies to route elements.
 * Owns: dispatch on record type; TABLE_DUMP (tabledump.c), TABLE_DUMP_V2
 * with its per-input peer index tables (tabledump.c), BGP4MP / BGP4MP_ET
 * and legacy BGP records (bgp4mp.c), counting of types it does not decode,
 * the quirks and bugs of real collectors (Zebra's early RIS records,
 * records cut at 4096 bytes, ADD-PATH NLRI under plain subtypes: see the
 * manual's COMPATIBILITY), and per source the records cut at 4096 bytes.
 * Never: prints, or allocates per record (peer tables are allocated once
 * per PEER_INDEX_TABLE record, the cut counts once per source).
 */
#ifndef MRTREACH_DECODE_H
#define MRTREACH_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/elem.h"
#include "decode/mrtdef.h"

struct decoder;

struct decode_stats {
	uint64_t records;            /* records given to decode_record */
	uint64_t elems;              /* elements emitted */
	uint64_t damaged;            /* records with damage (partially or not decoded) */
	uint64_t unsupported;        /* records of types not decoded (OSPF, IS-IS, ...) */
	uint64_t other_families;     /* MP_REACH/MP_UNREACH fields of families not
	                                decoded (VPNv4, L2VPN, flowspec, ...) */
};

struct decoder *decoder_new(void);
void decoder_free(struct decoder *d);

/* Decodes one record of input number source (peer index tables are kept
 * per source), calling fn for each element, elements carrying source and
 * collector. Returns 0, the callback's nonzero value if it stopped, or -1
 * when the record is damaged: *why says how. Elements emitted before the
 * damage was found are sound and stand. */
int decode_record(struct decoder *d, const struct mrt_record *rec,
                  uint32_t source, uint32_t collector,
                  elem_fn fn, void *arg, const char **why);

/* NLRI fields written with ADD-PATH path ids under a subtype that has none
 * (a collector bug) are reported either way; with guess on, they are read
 * with the path ids instead of being left out. Off by default. */
void decoder_set_addpath_guess(struct decoder *d, bool guess);

/* far (NULL: none), the consumer's word that it takes an element by its
 * record, time, type, peer, SAFI and address family alone, not by its
 * attributes, next hop or path id (pipeline.h elem_far): the attributes of
 * a far RIB entry (TABLE_DUMP, TABLE_DUMP_V2) are then only checked
 * (bgp_check_attrs: the same damage and reason as decoded) and it goes out
 * with attrs NULL and no next hop. So are an UPDATE's: its announcements
 * go out without them (attrs NULL, no next hop) while far, and the first
 * that is not has them decoded, as have the announcements after it; its
 * withdrawals never carry any. */
void decoder_set_far(struct decoder *d, bool (*far)(const struct elem *e, const void *arg),
                     const void *arg);

/* more (NULL: none), with far set: the consumer's word for n more elements
 * alike (one record, type, peer key, SAFI and family) to the far element
 * its elem_fn just took, taken as that fn would take them one by one
 * (pipeline.h on_elem_more); called with decode_record's arg. A run of far
 * routes in one field of an UPDATE then goes out as its first element and
 * one call of more for the rest (after it, before whatever follows). */
void decoder_set_far_more(struct decoder *d,
                          int (*more)(const struct elem *e, uint32_t n, void *arg));

/* Records of source that its collector cut at 4096 bytes (decode_record
 * reports the first as damage and decodes the others without a word), and
 * the byte offset of the first; 0 when none. For one summary per file. */
uint64_t decoder_source_cuts(const struct decoder *d, uint32_t source, uint64_t *first);

/* Forgets the peer index table and counts of a finished source. */
/* The PEER_INDEX_TABLE last read from source (NULL when none): the
 * collector's BGP ID (host order), view name, and peers. */
struct peer_index_view {
	uint32_t collector_id;
	const char *view;
	size_t npeers;
};
bool decoder_peer_index(const struct decoder *d, uint32_t source, struct peer_index_view *out);
const struct addr *decoder_peer_addr(const struct decoder *d, uint32_t source, size_t i);

/* The peer of the last record decode_record() gave elements of a BGP
 * message from (ANNOUNCE, WITHDRAW, STATE: an update peer), or NULL when it
 * gave none: for callers that note update peers once per record. */
const struct addr *decoder_update_peer(const struct decoder *d);

/* Forgets the peer index table of a finished source. */
void decoder_source_done(struct decoder *d, uint32_t source);
const struct decode_stats *decoder_stats(const struct decoder *d);

#endif
