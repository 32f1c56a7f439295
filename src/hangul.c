/*
 * hangul.c - Hangul syllables, decomposed algorithmically (Unicode 3.12):
 * a precomposed syllable is 0xAC00 + (initial * 21 + vowel) * 28 + final.
 *
 * The romanization is Revised Romanization letter by letter, without the
 * sound changes across syllables: the Korean fold merges the spellings
 * the other systems make, so it only needs one faithful spelling.
 */
#include <string.h>

#include "hangul.h"

#define HANGUL_FIRST 0xAC00u
#define HANGUL_LAST 0xD7A3u
#define HANGUL_VOWELS 21u
#define HANGUL_FINALS 28u

static const char *const initials[] = {
	"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
	"ss", "", "j", "jj", "ch", "k", "t", "p", "h",
};

static const char *const vowels[] = {
	"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
	"oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i",
};

/* A cluster final is written as the consonant that is pronounced. */
static const char *const finals[] = {
	"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
	"p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
};

bool nk_ko_hangul_is_syllable(uint32_t cp)
{
	return cp >= HANGUL_FIRST && cp <= HANGUL_LAST;
}

bool nk_ko_hangul_decompose(nk_ko_jamo *out, uint32_t cp)
{
	if (!nk_ko_hangul_is_syllable(cp))
		return false;
	const uint32_t code = cp - HANGUL_FIRST;
	out->initial = (uint8_t)(code / (HANGUL_VOWELS * HANGUL_FINALS));
	out->vowel = (uint8_t)(code / HANGUL_FINALS % HANGUL_VOWELS);
	out->final = (uint8_t)(code % HANGUL_FINALS);
	return true;
}

size_t nk_ko_hangul_romanize(char *out, uint32_t cp)
{
	nk_ko_jamo j;
	out[0] = '\0';
	if (!nk_ko_hangul_decompose(&j, cp))
		return 0;
	const char *const parts[] = {
		initials[j.initial], vowels[j.vowel], finals[j.final]
	};
	size_t n = 0;
	for (size_t i = 0; i < NK_ARRAY_LEN(parts); i++) {
		const size_t len = strlen(parts[i]);
		memcpy(out + n, parts[i], len);
		n += len;
	}
	out[n] = '\0';
	return n;
}
