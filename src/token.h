/*
 * token.h - the token stage: folded slots in, name parts out.
 */
#ifndef NK_TOKEN_H
#define NK_TOKEN_H

#include "nk_internal.h"

/*
 * Slots of nk_noise_index: a power of two, at least eight times the
 * words, so that a name part, nearly never an honorific, mostly meets a
 * free slot at once.
 */
#define NK_NOISE_SLOT_BITS 9
#define NK_NOISE_SLOTS (1u << NK_NOISE_SLOT_BITS)

/* No honorific in token_tables.c is longer (господин). */
#define NK_NOISE_MAX_LEN 8
/* Letters are told apart by their low five bits in nk_noise_index.ends. */
#define NK_NOISE_LETTER_BITS 32

/*
 * The honorifics of token_tables.c by a hash of their first two letters,
 * last letter and length, open addressing: a name part is told apart
 * with one probe or two.  Before that, nearly all are told apart by a
 * look-up of their length and their first and last letters.  Built once
 * per context.
 */
typedef struct nk_noise_index {
	uint32_t hash[NK_NOISE_SLOTS]; /* of the word in the slot */
	uint8_t word[NK_NOISE_SLOTS];  /* 1 + its index in the table; 0: free */
	/* per length and first letter, the bits of the last letters */
	uint32_t ends[NK_NOISE_MAX_LEN + 1][NK_NOISE_LETTER_BITS];
} nk_noise_index;

NK_HIDDEN void nk_token_init(nk_noise_index *x);

/*
 * Split the folded slots of nm into tokens in place: letters kept,
 * inner hyphens and apostrophes kept as '-' and '\'', parenthesized
 * parts, honorifics and noise dropped.  NK_OK, NK_ETOOLONG (too many
 * tokens) or NK_EEMPTY (nothing left).  nm->ctx gives the tables.
 */
NK_HIDDEN int nk_token_split(nk_name *nm, const nk_tracer *tr);

/*
 * What nk_fold_name() and then nk_token_split() give, in one pass over
 * the bytes of name when it can: the slots of the fold are not written
 * and read back, only the letters of the tokens are written (nm->kind is
 * not).  Sets nm->ctx to ctx.
 */
NK_HIDDEN int nk_token_read(nk_name *nm, size_t *bad_offset,
			    const nk_ctx *ctx, const char *name, size_t len,
			    const nk_tracer *tr);

/* Script of a folded letter.  Inline: the tokenizer asks once a letter. */
static inline uint8_t nk_token_script_of(uint32_t cp)
{
	if (cp < 0x80)
		return NK_SCRIPT_LATIN;
	if (cp >= 0x0400 && cp < 0x0530)
		return NK_SCRIPT_CYRILLIC;
	if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp < 0x1200) ||
	    (cp >= 0x3130 && cp < 0x3190) || (cp >= 0xA960 && cp < 0xA980) ||
	    (cp >= 0xD7B0 && cp < 0xD800))
		return NK_SCRIPT_HANGUL;
	return NK_SCRIPT_OTHER;
}

/* Write token t as UTF-8 into out (NUL-terminated, truncated to cap). */
NK_HIDDEN void nk_token_utf8(char *out, size_t cap, const nk_name *nm,
			     const nk_token *t);

/* Order of two tokens by their folded text (memcmp-like). */
NK_HIDDEN int nk_token_cmp(const nk_name *nm, const nk_token *a,
			   const nk_token *b);

#endif /* NK_TOKEN_H */
