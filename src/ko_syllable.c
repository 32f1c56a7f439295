/*
 * ko_syllable.c - can a Latin word be read as Korean syllables?
 *
 * Owns the check that keeps Russian names (Ivanov, Petrova, Sergei: v,
 * tr, rg) out of the Korean rules: every piece of the word, between
 * hyphens and with its apostrophes left out, must be a run of romanized
 * syllables, an optional initial, a vowel and an optional final each.
 * Which spellings of initials and finals any system makes, and how w and
 * y glide, is written in gen_ko_syllables.py, which turns it into the
 * state table run here: one look-up a character, since every Latin name
 * with a Korean surname comes here.
 */
#include "ko.h"

bool nk_ko_syllables_ok(const uint32_t *s, size_t n)
{
	if (n >= NK_KO_LETTERS_MAX)
		return false;
	unsigned state = 0;
	for (size_t i = 0; i < n; i++)
		state = nk_ko_syllable_step(state, s[i]);
	return nk_ko_syllables_end(state, n);
}
