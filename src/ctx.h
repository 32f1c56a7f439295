/*
 * ctx.h - the shared, immutable context behind nk_ctx.
 *
 * Owns the ICU normalizer handles and the fold tables that cache the fold
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
#include "token.h"

/* Code points below this are folded by table lookup. */
#define NK_FOLD_TABLE_SIZE 0x0530u

/* General Punctuation, where typeset apostrophes and dashes are, is too. */
#define NK_FOLD_PUNCT_FIRST 0x2000u
#define NK_FOLD_PUNCT_LAST 0x206Fu

/* Bytes, for the table of the ASCII letters. */
#define NK_BYTE_VALUES 256

/* In nk_ctx.ascii_letter: the bit that says the letter was a capital. */
#define NK_ASCII_CAPITAL 0x80u

/* Most code points one code point folds to (æ -> a e, ß -> s s). */
#define NK_FOLD_OUT_MAX 3

/* Why a code point may be folded alone, without normalizing its name. */
enum nk_fold_direct {
	/* below NK_FOLD_TABLE_SIZE and not a combining mark */
	NK_FOLD_DIRECT_TABLE = 1u << 0,
	/* already NFKC: Unicode's NFKC_Quick_Check is Yes */
	NK_FOLD_DIRECT_NFKC = 1u << 1
};

typedef struct nk_fold_entry {
	uint8_t kind;   /* enum nk_kind */
	uint8_t marks;  /* enum nk_mark, for letters and combining marks */
	uint8_t script; /* enum nk_script */
	uint8_t n;      /* slots in out: the code point itself for signs */
	uint8_t ccc;    /* canonical combining class */
	uint8_t direct; /* enum nk_fold_direct */
	uint32_t out[NK_FOLD_OUT_MAX];
} nk_fold_entry;

struct nk_ctx {
	atomic_uint refs;
	const UNormalizer2 *nfkc; /* ICU-owned singleton */
	const UNormalizer2 *nfd;  /* ICU-owned singleton */
	nk_fold_entry fold[NK_FOLD_TABLE_SIZE];
	nk_fold_entry fold_punct[NK_FOLD_PUNCT_LAST - NK_FOLD_PUNCT_FIRST + 1];
	/* A byte's ASCII letter as folded, NK_ASCII_CAPITAL set for a
	 * capital; 0 for any other byte.  The letters of ctx->fold in one
	 * byte each, for the loop that reads most of every name. */
	uint8_t ascii_letter[NK_BYTE_VALUES];
	nk_noise_index noise;
	nk_ru_index ru;
	nk_given_table given; /* Russian given names, for comparison */
};

/* Fill ctx->fold, ctx->fold_punct and ctx->ascii_letter; NK_OK or
 * NK_EICU. */
NK_HIDDEN int nk_fold_init(nk_ctx *ctx);

/* Fold one code point outside (or inside) the table. */
NK_HIDDEN void nk_fold_compute(const nk_ctx *ctx, uint32_t cp,
			       nk_fold_entry *e);

#endif /* NK_CTX_H */
