/*
 * ctx.h - the shared, immutable context behind nk_ctx.
 *
 * Owns the ICU normalizer handles and the fold table that caches the fold
 * of every code point in the ranges names are written in, so that the hot
 * path never asks ICU about a single letter.
 */
#ifndef NK_CTX_H
#define NK_CTX_H

#include <stdatomic.h>
#include <unicode/unorm2.h>

#include "nk_internal.h"
#include "ru_given.h"
#include "ru_tables.h"

/* Code points below this are folded by table lookup. */
#define NK_FOLD_TABLE_SIZE 0x0530u

/* Most code points one code point folds to (æ -> a e, ß -> s s). */
#define NK_FOLD_OUT_MAX 3

typedef struct nk_fold_entry {
	uint8_t kind;   /* enum nk_kind */
	uint8_t marks;  /* enum nk_mark, for letters and combining marks */
	uint8_t script; /* enum nk_script */
	uint8_t n;      /* code points in out */
	uint32_t out[NK_FOLD_OUT_MAX];
} nk_fold_entry;

struct nk_ctx {
	atomic_uint refs;
	const UNormalizer2 *nfkc; /* ICU-owned singleton */
	const UNormalizer2 *nfd;  /* ICU-owned singleton */
	nk_fold_entry fold[NK_FOLD_TABLE_SIZE];
	nk_ru_index ru;
	nk_given_table given; /* Russian given names, for comparison */
};

/* Fill ctx->fold; NK_OK or NK_EICU. */
NK_HIDDEN int nk_fold_init(nk_ctx *ctx);

/* Fold one code point outside (or inside) the table. */
NK_HIDDEN void nk_fold_compute(const nk_ctx *ctx, uint32_t cp,
			       nk_fold_entry *e);

#endif /* NK_CTX_H */
