/*
 * token_tables.h - honorifics and noise words (see token_tables.c).
 */
#ifndef NK_TOKEN_TABLES_H
#define NK_TOKEN_TABLES_H

#include <uchar.h>

#include "nk_internal.h"

typedef struct nk_noise_word {
	const char32_t *word; /* folded spelling */
	bool needs_dot;    /* only noise when abbreviated: "Gen." */
} nk_noise_word;

extern NK_HIDDEN const nk_noise_word nk_noise_table[];
extern NK_HIDDEN const size_t nk_noise_count;

/* Hangul address terms that may be written attached: 김수길씨. */
extern NK_HIDDEN const uint32_t nk_hangul_suffix_table[];
extern NK_HIDDEN const size_t nk_hangul_suffix_count;

#endif /* NK_TOKEN_TABLES_H */
