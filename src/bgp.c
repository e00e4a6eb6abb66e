/*
 * bgp.c — BGP UPDATE decoding: header, withdrawn routes, path attributes, NLRI.
 * Owns: the wire rules of RFC 4271/4760/6793/7911/1997/8092/4456 for one message.
 * Never: allocates, prints, or keeps state between calls (beyond caller scratch).
 */
#include <string.h>

#include "bgp.h"

int bgp_decode_attrs(struct cursor attrs, const struct bgp_attr_opts *opt,
                     struct bgp_scratch *scratch, struct bgp_attrs *out,
                     const char **why)
{
	(void)attrs; (void)opt; (void)scratch;
	memset(out, 0, sizeof *out);
	*why = "not implemented";
	return -1;
}

int bgp_message_split(struct cursor c, uint8_t *type, struct cursor *body, const char **why)
{
	(void)c; (void)type; (void)body;
	*why = "not implemented";
	return -1;
}

int bgp_decode_update(struct cursor body, const struct bgp_attr_opts *opt,
                      struct bgp_scratch *scratch, struct bgp_update *out,
                      const char **why)
{
	(void)body; (void)opt; (void)scratch;
	memset(out, 0, sizeof *out);
	*why = "not implemented";
	return -1;
}

int bgp_nlri_next(struct cursor *c, uint8_t afi, bool addpath,
                  struct prefix *out, uint32_t *path_id, const char **why)
{
	(void)c; (void)afi; (void)addpath; (void)out; (void)path_id;
	*why = "not implemented";
	return -1;
}

int as_path_next(struct cursor *c, struct as_segment *seg)
{
	(void)c; (void)seg;
	return -1;
}

uint32_t as_path_origin(struct cursor as_path)
{
	(void)as_path;
	return 0;
}
