/*
 * ko_syllable.c - can a Latin word be read as Korean syllables?
 *
 * Owns the shape of a romanized Korean syllable over the union of the
 * systems: an optional initial, a vowel, an optional final.  Between two
 * vowels there is therefore at most a final and an initial; a word starts
 * with an initial and ends with a final.  That is what keeps Russian
 * names (Ivanov, Petrova, Sergei: v, tr, rg) out of the Korean rules.
 */
#include <string.h>

#include "ko.h"

/* Most vowel letters in a row: "eo" + "eu" across a syllable joint. */
#define KO_VOWEL_RUN_MAX 4

/* Initial consonants as any system spells them. */
static const char *const initials[] = {
	"", "g", "k", "kk", "gg", "kh", "gh", "c", "ch", "chh", "tch", "j",
	"jj", "cc", "d", "t", "tt", "th", "dd", "b", "p", "pp", "ph", "bb",
	"s", "ss", "sh", "h", "m", "n", "r", "l", "rh",
};

/* Finals inside a word; the customary silent h of Ahn and Sohn too. */
static const char *const finals[] = {
	"", "k", "g", "kk", "ck", "n", "nn", "t", "d", "l", "ll", "m", "mm",
	"p", "b", "ng", "h",
};

/* Finals at the end of a word add the customary Park, Hur, Hahn, Uhm. */
static const char *const word_finals[] = {
	"r", "rk", "hn", "hm", "s",
};

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* No spelling in the lists is longer than this. */
#define KO_CONSONANTS_MAX 3

static bool in_list(const char *const *list, size_t len, const char *s,
		    size_t n)
{
	if (n > KO_CONSONANTS_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (strncmp(list[i], s, n) == 0 && list[i][n] == '\0')
			return true;
	return false;
}

static bool is_initial(const char *s, size_t n)
{
	return in_list(initials, NK_ARRAY_LEN(initials), s, n);
}

static bool is_final(const char *s, size_t n, bool word_end)
{
	return in_list(finals, NK_ARRAY_LEN(finals), s, n) ||
	       (word_end && in_list(word_finals, NK_ARRAY_LEN(word_finals),
				    s, n));
}

/* ㄹ starts a syllable after a vowel or a sonorant final only. */
static bool joint_ok(const char *fin, size_t nf, char initial)
{
	if (initial != 'r' && initial != 'l')
		return true;
	return nf == 0 || fin[nf - 1] == 'n' || fin[nf - 1] == 'g' ||
	       fin[nf - 1] == 'l' || fin[nf - 1] == 'm';
}

/* A consonant run between two vowels: a final, then an initial. */
static bool joint(const char *s, size_t n)
{
	for (size_t k = 0; k <= n; k++)
		if (is_final(s, k, false) && is_initial(s + k, n - k) &&
		    joint_ok(s, k, k < n ? s[k] : '\0'))
			return true;
	return false;
}

/* w and y glide into a following vowel; y also ends Yale ay, ey, oy. */
static bool is_vowelish(const char *s, size_t n, size_t i)
{
	if (is_vowel(s[i]))
		return true;
	if (s[i] != 'w' && s[i] != 'y')
		return false;
	return (i + 1 < n && is_vowel(s[i + 1])) ||
	       (s[i] == 'y' && i > 0 && is_vowel(s[i - 1]));
}

static bool consonants_ok(const char *s, size_t n, bool start, bool end)
{
	if (start && end)
		return false; /* no vowel at all */
	if (start)
		return is_initial(s, n);
	if (end)
		return is_final(s, n, true);
	return joint(s, n);
}

/* A glide (w, y) starts a syllable, so it ends a run of vowel letters. */
static bool vowels_ok(const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		run = is_vowel(s[i]) ? run + 1 : 0;
		if (run > KO_VOWEL_RUN_MAX)
			return false;
	}
	return true;
}

/* One piece between hyphens, apostrophes already removed. */
static bool piece_ok(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		const size_t from = i;
		const bool vowels = is_vowelish(s, n, i);
		while (i < n && is_vowelish(s, n, i) == vowels)
			i++;
		if (vowels ? !vowels_ok(s + from, i - from)
			   : !consonants_ok(s + from, i - from, from == 0,
					    i == n))
			return false;
	}
	return n > 0;
}

bool nk_ko_syllables_ok(const char *s, size_t n)
{
	char piece[NK_KO_LETTERS_MAX];
	size_t len = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '-') {
			if (!piece_ok(piece, len))
				return false;
			len = 0;
			continue;
		}
		if (s[i] == '\'')
			continue;
		if (!nk_is_alpha((unsigned char)s[i]) || len + 1 >= sizeof piece)
			return false;
		piece[len++] = s[i];
	}
	return true;
}
