/*
 * mrtdef.h — the MRT format's constants, in one place: record types and
 * subtypes (RFC 6396, RFC 6397, RFC 8050 ADD-PATH), the BGP states MRT
 * records, the predicates every layer asks of a (type, subtype) pair, and
 * the framed record as decoders receive it.
 * Owns: those numbers, their RFC names (mrtdef.c) and struct mrt_record.
 * Never: reads bytes, frames records (io/mrt.h does), or decodes bodies.
 */
#ifndef MRTREACH_MRTDEF_H
#define MRTREACH_MRTDEF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The common header: timestamp, type, subtype, length (RFC 6396 §2). */
#define MRT_HEADER_LEN 12u

/* Record types (RFC 6396 §4, appendix B for the deprecated ones). */
enum {
	MRT_NULL = 0, MRT_START = 1, MRT_DIE = 2, MRT_I_AM_DEAD = 3, MRT_PEER_DOWN = 4,
	MRT_BGP = 5, MRT_RIP = 6, MRT_IDRP = 7, MRT_RIPNG = 8,
	MRT_BGP4PLUS = 9, MRT_BGP4PLUS_01 = 10, MRT_OSPFV2 = 11,
	MRT_TABLE_DUMP = 12, MRT_TABLE_DUMP_V2 = 13,
	MRT_BGP4MP = 16, MRT_BGP4MP_ET = 17,
	MRT_ISIS = 32, MRT_ISIS_ET = 33, MRT_OSPFV3 = 48, MRT_OSPFV3_ET = 49,
};

/* TABLE_DUMP subtypes: the address family (RFC 6396 §4.2). */
enum { TD_AFI_IPV4 = 1, TD_AFI_IPV6 = 2 };

/* TABLE_DUMP_V2 subtypes (RFC 6396 §4.3, RFC 6397, RFC 8050 §4). */
enum {
	TD2_PEER_INDEX_TABLE = 1,
	TD2_RIB_IPV4_UNICAST = 2, TD2_RIB_IPV4_MULTICAST = 3,
	TD2_RIB_IPV6_UNICAST = 4, TD2_RIB_IPV6_MULTICAST = 5,
	TD2_RIB_GENERIC = 6, TD2_GEO_PEER_TABLE = 7,
	TD2_RIB_IPV4_UNICAST_ADDPATH = 8, TD2_RIB_IPV4_MULTICAST_ADDPATH = 9,
	TD2_RIB_IPV6_UNICAST_ADDPATH = 10, TD2_RIB_IPV6_MULTICAST_ADDPATH = 11,
	TD2_RIB_GENERIC_ADDPATH = 12,
};

/* BGP4MP and BGP4MP_ET subtypes (RFC 6396 §4.4, RFC 8050 §3; ENTRY and
 * SNAPSHOT are obsolete and never decoded). */
enum {
	BGP4MP_STATE_CHANGE = 0, BGP4MP_MESSAGE = 1, BGP4MP_ENTRY = 2, BGP4MP_SNAPSHOT = 3,
	BGP4MP_MESSAGE_AS4 = 4, BGP4MP_STATE_CHANGE_AS4 = 5,
	BGP4MP_MESSAGE_LOCAL = 6, BGP4MP_MESSAGE_AS4_LOCAL = 7,
	BGP4MP_MESSAGE_ADDPATH = 8, BGP4MP_MESSAGE_AS4_ADDPATH = 9,
	BGP4MP_MESSAGE_LOCAL_ADDPATH = 10, BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH = 11,
};

/* Subtypes of the deprecated BGP, BGP4PLUS and BGP4PLUS_01 types (RFC 6396 B.2). */
enum {
	MRT_BGP_NULL = 0, MRT_BGP_UPDATE = 1, MRT_BGP_PREF_UPDATE = 2, MRT_BGP_STATE_CHANGE = 3,
	MRT_BGP_SYNC = 4, MRT_BGP_OPEN = 5, MRT_BGP_NOTIFY = 6, MRT_BGP_KEEPALIVE = 7,
};

/* BGP finite state machine states (RFC 4271 8.2.2), as MRT records them. */
enum {
	BGP_STATE_IDLE = 1, BGP_STATE_CONNECT = 2, BGP_STATE_ACTIVE = 3,
	BGP_STATE_OPENSENT = 4, BGP_STATE_OPENCONFIRM = 5, BGP_STATE_ESTABLISHED = 6,
};

/* One framed record (io/mrt.h frames them; decode.h decodes their bodies). */
struct mrt_record {
	uint32_t ts;              /* header timestamp, seconds */
	uint32_t usec;            /* BGP4MP_ET microseconds, else 0 */
	uint16_t type;
	uint16_t subtype;
	const uint8_t *body;      /* after the header (and after the ET field) */
	size_t len;               /* bytes at body */
	uint64_t offset;          /* byte offset of the header in the decompressed stream */
};

/* Extended-timestamp types: a 4-byte microsecond field opens the body. */
static inline bool mrt_is_et(uint16_t type)
{
	return type == MRT_BGP4MP_ET || type == MRT_ISIS_ET || type == MRT_OSPFV3_ET;
}

/* RIB dump types (TABLE_DUMP, TABLE_DUMP_V2): a dump states what held at its time. */
static inline bool mrt_is_rib(uint16_t type)
{
	return type == MRT_TABLE_DUMP || type == MRT_TABLE_DUMP_V2;
}

static inline bool mrt_is_bgp4mp(uint16_t type)
{
	return type == MRT_BGP4MP || type == MRT_BGP4MP_ET;
}

/* The deprecated BGP types of 1999-2000 archives and their subtype list. */
static inline bool mrt_is_legacy_bgp(uint16_t type)
{
	return type == MRT_BGP || type == MRT_BGP4PLUS || type == MRT_BGP4PLUS_01;
}

/* The record types RFC 6396 names (§4, appendix B), whatever their
 * subtype: what an archive file may hold at all. */
static inline bool mrt_type_known(uint16_t type)
{
	return mrt_is_rib(type) || mrt_is_bgp4mp(type) || mrt_is_legacy_bgp(type) ||
	       type == MRT_OSPFV2 || type == MRT_OSPFV3 || type == MRT_OSPFV3_ET ||
	       type == MRT_ISIS || type == MRT_ISIS_ET;
}

/* BGP4MP subtypes with 4-byte AS numbers. */
static inline bool bgp4mp_is_as4(uint16_t sub)
{
	return sub == BGP4MP_MESSAGE_AS4 || sub == BGP4MP_STATE_CHANGE_AS4 ||
	       sub == BGP4MP_MESSAGE_AS4_LOCAL || sub == BGP4MP_MESSAGE_AS4_ADDPATH ||
	       sub == BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH;
}

static inline bool bgp4mp_is_state_change(uint16_t sub)
{
	return sub == BGP4MP_STATE_CHANGE || sub == BGP4MP_STATE_CHANGE_AS4;
}

/* BGP4MP subtypes recording a message the collector itself sent, without ADD-PATH. */
static inline bool bgp4mp_is_local(uint16_t sub)
{
	return sub == BGP4MP_MESSAGE_LOCAL || sub == BGP4MP_MESSAGE_AS4_LOCAL;
}

/* BGP4MP subtypes the decoders read (all but the obsolete ENTRY and SNAPSHOT). */
static inline bool bgp4mp_known(uint16_t sub)
{
	return sub <= BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH && sub != BGP4MP_ENTRY &&
	       sub != BGP4MP_SNAPSHOT;
}

static inline bool td_known(uint16_t sub)
{
	return sub == TD_AFI_IPV4 || sub == TD_AFI_IPV6;
}

/* TABLE_DUMP_V2 subtypes the decoders read (all but GEO_PEER_TABLE). */
static inline bool td2_known(uint16_t sub)
{
	return sub >= TD2_PEER_INDEX_TABLE && sub <= TD2_RIB_GENERIC_ADDPATH &&
	       sub != TD2_GEO_PEER_TABLE;
}

static inline bool td2_is_rib_generic(uint16_t sub)
{
	return sub == TD2_RIB_GENERIC || sub == TD2_RIB_GENERIC_ADDPATH;
}

/* Records whose NLRI carry ADD-PATH path identifiers (RFC 8050). */
static inline bool mrt_is_addpath(uint16_t type, uint16_t sub)
{
	if (mrt_is_bgp4mp(type))
		return sub >= BGP4MP_MESSAGE_ADDPATH && sub <= BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH;
	if (type == MRT_TABLE_DUMP_V2)
		return sub >= TD2_RIB_IPV4_UNICAST_ADDPATH && sub <= TD2_RIB_GENERIC_ADDPATH;
	return false;
}

/* RFC names ("BGP4MP_ET", "MESSAGE_AS4"); NULL for a number with none. */
const char *mrt_type_name(uint16_t type);
const char *mrt_subtype_name(uint16_t type, uint16_t subtype);
/* "TYPE/SUBTYPE" into dst, numbers as TYPE_n / SUBTYPE_n where unnamed. */
void mrt_type_label(uint16_t type, uint16_t subtype, char *dst, size_t len);

#endif
