/*
 * resolve_cache.c - the annotate resolution cache (see resolve_cache.h).
 * A newer name in a slot replaces the older: names that repeat stay,
 * one-offs pass through.
 */
#include <stdlib.h>
#include <string.h>

#include "resolve_cache.h"

#define NK_RC_FNV_OFFSET 0xcbf29ce484222325ull
#define NK_RC_FNV_PRIME 0x100000001b3ull

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = NK_RC_FNV_OFFSET;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= NK_RC_FNV_PRIME;
	}
	return h;
}

bool nk_rc_init(nk_resolve_cache *c)
{
	*c = (nk_resolve_cache){ .slots = calloc(NK_RC_SLOTS, sizeof *c->slots) };
	return c->slots != NULL;
}

void nk_rc_free(nk_resolve_cache *c)
{
	free(c->slots);
	c->slots = NULL;
}

const nk_rc_result *nk_rc_get(nk_resolve_cache *c, const char *name,
			      size_t len)
{
	const uint64_t h = hash(name, len);
	const nk_rc_slot *s = &c->slots[h & (NK_RC_SLOTS - 1)];
	if (s->len == len && s->hash == h && memcmp(s->name, name, len) == 0) {
		c->hits++;
		return &s->result;
	}
	c->misses++;
	return NULL;
}

void nk_rc_put(nk_resolve_cache *c, const char *name, size_t len,
	       const nk_rc_result *r)
{
	if (len == 0 || len > NK_RC_NAME_MAX ||
	    strlen(r->display) + 1 >= NK_RC_DISPLAY_MAX)
		return;
	const uint64_t h = hash(name, len);
	nk_rc_slot *s = &c->slots[h & (NK_RC_SLOTS - 1)];
	s->hash = h;
	s->len = len;
	memcpy(s->name, name, len);
	s->result = *r;
}
