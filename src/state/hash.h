/*
 * hash.h — the one integer mixer behind the open-addressing tables of rib.c
 * and stats.c. Owns: spreading keys over slots. Never: allocates.
 */
#ifndef MRTREACH_HASH_H
#define MRTREACH_HASH_H

#include <stdint.h>

/* The 64-bit finaliser of MurmurHash3 (public domain constants): every input
 * bit affects every output bit, so masking the low bits gives a good slot. */
static inline uint64_t hash_mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif
