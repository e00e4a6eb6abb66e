/*
 * fuzz_update.c — libFuzzer target: one BGP message in both AS sizes, with
 * and without ADD-PATH. The first byte chooses the mode, the rest is the
 * message from its marker on.
 */
#include <stddef.h>
#include <stdint.h>

#include "decode/bgp.h"

static struct bgp_scratch scratch;

static void walk_nlri(struct cursor c, uint8_t afi, bool addpath)
{
	struct prefix p;
	uint32_t id;
	const char *why;
	while (bgp_nlri_next(&c, afi, addpath, &p, &id, &why) == 1)
		;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t mode = data[0];
	struct bgp_attr_opts opt = { .asn_size = (mode & 1) ? 4 : 2 };
	bool addpath = mode & 2;
	struct cursor msg = cur_make(data + 1, size - 1), body;
	uint8_t type;
	const char *why;
	struct bgp_update u;

	if (bgp_message_split(msg, &type, &body, &why) != 0 || type != BGP_MSG_UPDATE)
		return 0;
	if (bgp_decode_update(body, &opt, &scratch, &u, &why) != 0)
		return 0;
	walk_nlri(u.withdrawn, AFI_IPV4, addpath);
	walk_nlri(u.nlri, AFI_IPV4, addpath);
	if (u.attrs.present & ATTR_BIT(BGP_ATTR_MP_REACH_NLRI))
		walk_nlri(u.attrs.mp_reach.nlri, (uint8_t)u.attrs.mp_reach.afi, addpath);
	if (u.attrs.present & ATTR_BIT(BGP_ATTR_MP_UNREACH_NLRI))
		walk_nlri(u.attrs.mp_unreach.nlri, (uint8_t)u.attrs.mp_unreach.afi, addpath);
	struct cursor path = u.attrs.as_path;
	struct as_segment seg;
	while (as_path_next(&path, &seg) == 1)
		;
	(void)as_path_origin(u.attrs.as_path);
	return 0;
}
