/*
 * mrtdef.c — the RFC names of MRT record types and subtypes (see mrtdef.h).
 * Never: allocates or prints. The subtype tables are indexed by the enums of
 * mrtdef.h, so a name cannot drift from its number.
 */
#include "decode/mrtdef.h"

#include <stdio.h>

const char *mrt_type_name(uint16_t type)
{
	switch (type) {
	case MRT_NULL: return "NULL";
	case MRT_START: return "START";
	case MRT_DIE: return "DIE";
	case MRT_I_AM_DEAD: return "I_AM_DEAD";
	case MRT_PEER_DOWN: return "PEER_DOWN";
	case MRT_BGP: return "BGP";
	case MRT_RIP: return "RIP";
	case MRT_IDRP: return "IDRP";
	case MRT_RIPNG: return "RIPNG";
	case MRT_BGP4PLUS: return "BGP4PLUS";
	case MRT_BGP4PLUS_01: return "BGP4PLUS_01";
	case MRT_OSPFV2: return "OSPFv2";
	case MRT_TABLE_DUMP: return "TABLE_DUMP";
	case MRT_TABLE_DUMP_V2: return "TABLE_DUMP_V2";
	case MRT_BGP4MP: return "BGP4MP";
	case MRT_BGP4MP_ET: return "BGP4MP_ET";
	case MRT_ISIS: return "ISIS";
	case MRT_ISIS_ET: return "ISIS_ET";
	case MRT_OSPFV3: return "OSPFv3";
	case MRT_OSPFV3_ET: return "OSPFv3_ET";
	default: return NULL;
	}
}

static const char *const bgp_sub[] = {
	[MRT_BGP_NULL] = "NULL", [MRT_BGP_UPDATE] = "UPDATE",
	[MRT_BGP_PREF_UPDATE] = "PREF_UPDATE", [MRT_BGP_STATE_CHANGE] = "STATE_CHANGE",
	[MRT_BGP_SYNC] = "SYNC", [MRT_BGP_OPEN] = "OPEN", [MRT_BGP_NOTIFY] = "NOTIFY",
	[MRT_BGP_KEEPALIVE] = "KEEPALIVE",
};
static const char *const td2_sub[] = {
	[TD2_PEER_INDEX_TABLE] = "PEER_INDEX_TABLE",
	[TD2_RIB_IPV4_UNICAST] = "RIB_IPV4_UNICAST",
	[TD2_RIB_IPV4_MULTICAST] = "RIB_IPV4_MULTICAST",
	[TD2_RIB_IPV6_UNICAST] = "RIB_IPV6_UNICAST",
	[TD2_RIB_IPV6_MULTICAST] = "RIB_IPV6_MULTICAST",
	[TD2_RIB_GENERIC] = "RIB_GENERIC",
	[TD2_GEO_PEER_TABLE] = "GEO_PEER_TABLE",
	[TD2_RIB_IPV4_UNICAST_ADDPATH] = "RIB_IPV4_UNICAST_ADDPATH",
	[TD2_RIB_IPV4_MULTICAST_ADDPATH] = "RIB_IPV4_MULTICAST_ADDPATH",
	[TD2_RIB_IPV6_UNICAST_ADDPATH] = "RIB_IPV6_UNICAST_ADDPATH",
	[TD2_RIB_IPV6_MULTICAST_ADDPATH] = "RIB_IPV6_MULTICAST_ADDPATH",
	[TD2_RIB_GENERIC_ADDPATH] = "RIB_GENERIC_ADDPATH",
};
static const char *const bgp4mp_sub[] = {
	[BGP4MP_STATE_CHANGE] = "STATE_CHANGE", [BGP4MP_MESSAGE] = "MESSAGE",
	[BGP4MP_ENTRY] = "ENTRY", [BGP4MP_SNAPSHOT] = "SNAPSHOT",
	[BGP4MP_MESSAGE_AS4] = "MESSAGE_AS4", [BGP4MP_STATE_CHANGE_AS4] = "STATE_CHANGE_AS4",
	[BGP4MP_MESSAGE_LOCAL] = "MESSAGE_LOCAL", [BGP4MP_MESSAGE_AS4_LOCAL] = "MESSAGE_AS4_LOCAL",
	[BGP4MP_MESSAGE_ADDPATH] = "MESSAGE_ADDPATH",
	[BGP4MP_MESSAGE_AS4_ADDPATH] = "MESSAGE_AS4_ADDPATH",
	[BGP4MP_MESSAGE_LOCAL_ADDPATH] = "MESSAGE_LOCAL_ADDPATH",
	[BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH] = "MESSAGE_AS4_LOCAL_ADDPATH",
};
static const char *const td_sub[] = { [TD_AFI_IPV4] = "AFI_IPv4", [TD_AFI_IPV6] = "AFI_IPv6" };

#define PICK(tab, i) ((i) < sizeof(tab) / sizeof(tab)[0] ? (tab)[i] : NULL)

const char *mrt_subtype_name(uint16_t type, uint16_t subtype)
{
	switch (type) {
	case MRT_BGP: case MRT_BGP4PLUS: case MRT_BGP4PLUS_01:
		return PICK(bgp_sub, subtype);
	case MRT_TABLE_DUMP:
		return PICK(td_sub, subtype);
	case MRT_TABLE_DUMP_V2:
		return PICK(td2_sub, subtype);
	case MRT_BGP4MP: case MRT_BGP4MP_ET:
		return PICK(bgp4mp_sub, subtype);
	default:
		return NULL;
	}
}

void mrt_type_label(uint16_t type, uint16_t subtype, char *dst, size_t len)
{
	const char *t = mrt_type_name(type), *st = mrt_subtype_name(type, subtype);
	char tb[16], sb[24];
	if (!t) {
		snprintf(tb, sizeof tb, "TYPE_%u", type);
		t = tb;
	}
	if (!st) {
		snprintf(sb, sizeof sb, "SUBTYPE_%u", subtype);
		st = sb;
	}
	snprintf(dst, len, "%s/%s", t, st);
}
