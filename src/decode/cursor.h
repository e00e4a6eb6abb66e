/*
 * cursor.h — a bounds-checked reader over a byte buffer (zero-copy).
 * Owns: reading big-endian integers and sub-buffers from untrusted bytes.
 * Never: allocates, copies, or reads a byte without first checking it remains.
 *
 * Every getter returns false (and leaves the cursor unchanged) when fewer
 * bytes remain than asked for, so a decoder can write
 *     if (!cur_u16(&c, &len) || !cur_sub(&c, len, &attrs)) return err("...");
 */
#ifndef MRTREACH_CURSOR_H
#define MRTREACH_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cursor {
	const uint8_t *p;   /* next byte to read */
	size_t left;        /* bytes remaining after p */
};

static inline struct cursor cur_make(const uint8_t *p, size_t len)
{
	struct cursor c = { p, len };
	return c;
}

static inline bool cur_skip(struct cursor *c, size_t n)
{
	if (c->left < n)
		return false;
	c->p += n;
	c->left -= n;
	return true;
}

static inline bool cur_u8(struct cursor *c, uint8_t *v)
{
	if (c->left < 1)
		return false;
	*v = c->p[0];
	c->p += 1;
	c->left -= 1;
	return true;
}

static inline uint16_t rd_u16(const uint8_t *p)
{
	return (uint16_t)((uint16_t)p[0] << 8 | p[1]);
}

static inline uint32_t rd_u32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline bool cur_u16(struct cursor *c, uint16_t *v)
{
	if (c->left < 2)
		return false;
	*v = rd_u16(c->p);
	c->p += 2;
	c->left -= 2;
	return true;
}

static inline bool cur_u32(struct cursor *c, uint32_t *v)
{
	if (c->left < 4)
		return false;
	*v = rd_u32(c->p);
	c->p += 4;
	c->left -= 4;
	return true;
}

/* Copies n bytes out (for addresses); n must be small. The two address
 * sizes are copied as one move each (every route's peer, next hop and
 * prefix passes here). */
static inline bool cur_bytes(struct cursor *c, void *dst, size_t n)
{
	if (c->left < n)
		return false;
	if (n == 4)
		memcpy(dst, c->p, 4);
	else if (n == 16)
		memcpy(dst, c->p, 16);
	else
		for (size_t i = 0; i < n; i++)
			((uint8_t *)dst)[i] = c->p[i];
	c->p += n;
	c->left -= n;
	return true;
}

/* Splits off the next n bytes as their own cursor, without copying. */
static inline bool cur_sub(struct cursor *c, size_t n, struct cursor *sub)
{
	if (c->left < n)
		return false;
	sub->p = c->p;
	sub->left = n;
	c->p += n;
	c->left -= n;
	return true;
}

#endif
