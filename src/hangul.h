/*
 * hangul.h - precomposed Hangul syllables: decomposition into jamo and a
 * letter-for-letter Revised Romanization the Korean fold reads.
 */
#ifndef NK_HANGUL_H
#define NK_HANGUL_H

#include "nk_internal.h"

/* Jamo indices of a syllable in Unicode order (initial 0 is ㄱ). */
typedef struct nk_ko_jamo {
	uint8_t initial; /* 0..18 */
	uint8_t vowel;   /* 0..20 */
	uint8_t final;   /* 0..27, 0 = none */
} nk_ko_jamo;

/* Longest romanization of one syllable ("kkwaeng" + NUL rounded up). */
#define NK_KO_SYLLABLE_ROMAN_MAX 8

/* Is cp a precomposed Hangul syllable (U+AC00..U+D7A3)? */
NK_HIDDEN bool nk_ko_hangul_is_syllable(uint32_t cp);

/* Split a precomposed syllable into its jamo; false if cp is not one. */
NK_HIDDEN bool nk_ko_hangul_decompose(nk_ko_jamo *out, uint32_t cp);

/*
 * Revised Romanization of one syllable on its own (no sound changes
 * across syllables), NUL-terminated in out[NK_KO_SYLLABLE_ROMAN_MAX].
 * Returns the letters written; 0 if cp is not a syllable.
 */
NK_HIDDEN size_t nk_ko_hangul_romanize(char *out, uint32_t cp);

#endif /* NK_HANGUL_H */
