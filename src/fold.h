/*
 * fold.h - the Unicode fold stage: bytes in, folded slots out.
 *
 * Besides the whole-name fold, the look-ups that let the token stage fold
 * a name code point by code point as it reads it (token.c).
 */
#ifndef NK_FOLD_H
#define NK_FOLD_H

#include "ctx.h"

/* Precomposed Hangul syllables, which NFKC leaves as they are. */
#define NK_HANGUL_FIRST 0xAC00u
#define NK_HANGUL_LAST 0xD7A3u

/*
 * Validate and fold name into nm->text/marks/kind: NFKC (ICU), full case
 * folding, diacritics moved into mark bits, look-alike punctuation
 * unified.  On NK_EUTF8 *bad_offset is the offset of the bad byte.
 */
NK_HIDDEN int nk_fold_name(nk_name *nm, size_t *bad_offset,
			   const nk_ctx *ctx, const char *name, size_t len);

/* The cached fold of cp, NULL when only ICU can tell. */
static inline const nk_fold_entry *nk_fold_cached(const nk_ctx *ctx,
						  uint32_t cp)
{
	if (cp < NK_FOLD_TABLE_SIZE)
		return &ctx->fold[cp];
	if (cp >= NK_FOLD_PUNCT_FIRST && cp <= NK_FOLD_PUNCT_LAST)
		return &ctx->fold_punct[cp - NK_FOLD_PUNCT_FIRST];
	return NULL;
}

static inline bool nk_fold_is_hangul_syllable(uint32_t cp)
{
	return cp >= NK_HANGUL_FIRST && cp <= NK_HANGUL_LAST;
}

/*
 * Whether folding a name code point by code point from the tables gives
 * what normalizing the whole name would.  It does when every code point
 * is a table letter or sign (the fold of a table entry already includes
 * its NFKC), or when the name passes Unicode's NFKC quick check (its code
 * points are NFKC and its combining marks in canonical order: NFKC leaves
 * it as it is).
 */
typedef struct nk_fold_check {
	uint8_t direct; /* enum nk_fold_direct bits all code points share */
	uint8_t ccc;    /* combining class of the code point before */
} nk_fold_check;

#define NK_FOLD_CHECK_INIT \
	{ .direct = NK_FOLD_DIRECT_TABLE | NK_FOLD_DIRECT_NFKC, .ccc = 0 }

/* Take the code point whose entry is e; false when ICU has to fold. */
static inline bool nk_fold_check_next(nk_fold_check *c,
				      const nk_fold_entry *e)
{
	uint8_t direct = e->direct;
	if (e->ccc != 0 && c->ccc > e->ccc)
		direct &= (uint8_t)~NK_FOLD_DIRECT_NFKC;
	c->direct &= direct;
	c->ccc = e->ccc;
	return c->direct != 0;
}

/*
 * A code point that changes nothing of the check: ASCII, or a
 * precomposed Hangul syllable (NFKC, caseless, its own fold).
 */
static inline void nk_fold_check_plain(nk_fold_check *c)
{
	c->ccc = 0;
}

/*
 * The entry to fold cp by, alone, with the check taken; NULL when ICU has
 * to fold the name.  A precomposed Hangul syllable, which no table holds,
 * is given *syllable.
 */
static inline const nk_fold_entry *nk_fold_direct(const nk_ctx *ctx,
						  nk_fold_check *c,
						  uint32_t cp,
						  nk_fold_entry *syllable)
{
	const nk_fold_entry *e = nk_fold_cached(ctx, cp);

	if (e)
		return nk_fold_check_next(c, e) ? e : NULL;
	if (!nk_fold_is_hangul_syllable(cp))
		return NULL;
	*syllable = (nk_fold_entry){ .kind = NK_KIND_LETTER, .n = 1,
				     .out = { cp } };
	nk_fold_check_plain(c);
	return syllable;
}

#endif /* NK_FOLD_H */
