/*
 * resolve_cache.h - a fixed-size cache of store resolutions by name, for
 * annotate: archives repeat names, and a store lookup costs about ten
 * microseconds.  Direct-mapped; memory is fixed at creation.
 */
#ifndef NK_RESOLVE_CACHE_H
#define NK_RESOLVE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NK_RC_SLOTS (1u << 16)
#define NK_RC_NAME_MAX 96
#define NK_RC_DISPLAY_MAX 128

/* What a resolution gave: identity 0 when the store knows nothing. */
typedef struct nk_rc_result {
	long long identity;
	char display[NK_RC_DISPLAY_MAX];
	const char *match; /* static string */
	double score;
} nk_rc_result;

typedef struct nk_rc_slot {
	uint64_t hash;
	size_t len; /* 0: empty */
	char name[NK_RC_NAME_MAX];
	nk_rc_result result;
} nk_rc_slot;

typedef struct nk_resolve_cache {
	nk_rc_slot *slots;
	unsigned long long hits, misses;
} nk_resolve_cache;

bool nk_rc_init(nk_resolve_cache *c);
void nk_rc_free(nk_resolve_cache *c);

/* The cached result for the name, or NULL. */
const nk_rc_result *nk_rc_get(nk_resolve_cache *c, const char *name,
			      size_t len);

/* Remember a result; names or display names too long are not kept. */
void nk_rc_put(nk_resolve_cache *c, const char *name, size_t len,
	       const nk_rc_result *r);

#endif /* NK_RESOLVE_CACHE_H */
