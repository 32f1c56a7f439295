/*
 * ko_syllable.c - can a Latin word be read as Korean syllables?
 *
 * Owns the shape of a romanized Korean syllable over the union of the
 * systems: an optional initial, a vowel, an optional final.  Between two
 * vowels there is therefore at most a final and an initial; a word starts
 * with an initial and ends with a final.  That is what keeps Russian
 * names (Ivanov, Petrova, Sergei: v, tr, rg) out of the Korean rules.
 */
#include <limits.h>

#include "ko.h"

/* Most vowel letters in a row: "eo" + "eu" across a syllable joint. */
#define KO_VOWEL_RUN_MAX 4

/* No spelling in the lists below is longer than this. */
#define KO_CONSONANTS_MAX 3

/*
 * A consonant spelling as one integer, a letter a byte.  The lists are
 * switches on it, which a compiler turns into a few comparisons: they
 * are consulted for every run of consonants of every Latin name that
 * has a Korean surname.
 */
#define C1(a) ((uint32_t)(unsigned char)(a))
#define C2(a, b) (C1(a) | C1(b) << CHAR_BIT)
#define C3(a, b, c) (C2(a, b) | C1(c) << 2 * CHAR_BIT)

/* Initial consonants as any system spells them. */
static bool is_initial_code(uint32_t code)
{
	switch (code) {
	case 0:
	case C1('g'): case C1('k'): case C2('k', 'k'): case C2('g', 'g'):
	case C2('k', 'h'): case C2('g', 'h'):
	case C1('c'): case C2('c', 'h'): case C3('c', 'h', 'h'):
	case C3('t', 'c', 'h'): case C1('j'): case C2('j', 'j'):
	case C2('c', 'c'):
	case C1('d'): case C1('t'): case C2('t', 't'): case C2('t', 'h'):
	case C2('d', 'd'):
	case C1('b'): case C1('p'): case C2('p', 'p'): case C2('p', 'h'):
	case C2('b', 'b'):
	case C1('s'): case C2('s', 's'): case C2('s', 'h'):
	case C1('h'): case C1('m'): case C1('n'): case C1('r'): case C1('l'):
	case C2('r', 'h'):
		return true;
	default:
		return false;
	}
}

/* Finals inside a word; the customary silent h of Ahn and Sohn too. */
static bool is_final_code(uint32_t code)
{
	switch (code) {
	case 0:
	case C1('k'): case C1('g'): case C2('k', 'k'): case C2('c', 'k'):
	case C1('n'): case C2('n', 'n'): case C1('t'): case C1('d'):
	case C1('l'): case C2('l', 'l'): case C1('m'): case C2('m', 'm'):
	case C1('p'): case C1('b'): case C2('n', 'g'): case C1('h'):
		return true;
	default:
		return false;
	}
}

/* Finals at the end of a word add the customary Park, Hur, Hahn, Uhm. */
static bool is_word_final_code(uint32_t code)
{
	switch (code) {
	case C1('r'): case C2('r', 'k'): case C2('h', 'n'): case C2('h', 'm'):
	case C1('s'):
		return true;
	default:
		return is_final_code(code);
	}
}

static bool is_vowel(uint32_t c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* The n letters s as the lists spell them; ~0 if none is that long. */
static uint32_t cluster_code(const uint32_t *s, size_t n)
{
	uint32_t code = 0;
	if (n > KO_CONSONANTS_MAX)
		return ~(uint32_t)0;
	for (size_t k = 0; k < n; k++)
		code |= s[k] << (CHAR_BIT * k);
	return code;
}

static bool is_initial(const uint32_t *s, size_t n)
{
	return is_initial_code(cluster_code(s, n));
}

static bool is_final(const uint32_t *s, size_t n, bool word_end)
{
	const uint32_t code = cluster_code(s, n);
	return word_end ? is_word_final_code(code) : is_final_code(code);
}

/* ㄹ starts a syllable after a vowel or a sonorant final only. */
static bool joint_ok(const uint32_t *fin, size_t nf, uint32_t initial)
{
	if (initial != 'r' && initial != 'l')
		return true;
	return nf == 0 || fin[nf - 1] == 'n' || fin[nf - 1] == 'g' ||
	       fin[nf - 1] == 'l' || fin[nf - 1] == 'm';
}

/* A consonant run between two vowels: a final, then an initial. */
static bool joint(const uint32_t *s, size_t n)
{
	for (size_t k = 0; k <= n; k++)
		if (is_final(s, k, false) && is_initial(s + k, n - k) &&
		    joint_ok(s, k, k < n ? s[k] : '\0'))
			return true;
	return false;
}

static bool consonants_ok(const uint32_t *s, size_t n, bool start, bool end)
{
	if (start && end)
		return false; /* no vowel at all */
	if (start)
		return is_initial(s, n);
	if (end)
		return is_final(s, n, true);
	return joint(s, n);
}

/* How reading a piece ended. */
enum ko_piece {
	KO_PIECE_BAD = 0,
	KO_PIECE_OK,
	KO_PIECE_APOSTROPHE /* met one: read the piece again without them */
};

/*
 * The piece from s to the next '-' or to n, in one pass; *end is where
 * it stops.  A piece alternates runs of vowels and of consonants, and
 * each run of consonants must be an initial, a final or a joint by where
 * it stands.  w and y glide into a following vowel, y also ends Yale ay,
 * ey, oy: then they belong to the vowels.  A glide starts a syllable, so
 * it ends a run of vowel letters.  An apostrophe joins the letters on
 * either side (Ch'oe), which the pass does not look across: it stops
 * there, before it has judged anything the apostrophe could change.
 */
static enum ko_piece read_piece(const uint32_t *s, size_t n, size_t *end)
{
	size_t from = 0;     /* where the current run started */
	bool in_vowels = false;
	size_t vowels = 0;   /* vowel letters in a row */
	size_t i = 0;
	for (; i < n && s[i] != '-'; i++) {
		const uint32_t c = s[i];
		const bool vowel = is_vowel(c);
		bool vowelish = vowel;
		if (!vowel && (c == 'w' || c == 'y')) {
			const uint32_t next = i + 1 < n ? s[i + 1] : 0;
			if (next == '\'')
				return KO_PIECE_APOSTROPHE;
			vowelish = is_vowel(next) || (c == 'y' && vowels > 0);
		} else if (!vowel && !nk_is_alpha(c)) {
			return c == '\'' ? KO_PIECE_APOSTROPHE : KO_PIECE_BAD;
		}
		if (i > 0 && vowelish != in_vowels) {
			if (!in_vowels &&
			    !consonants_ok(s + from, i - from, from == 0, false))
				return KO_PIECE_BAD;
			from = i;
		}
		in_vowels = vowelish;
		vowels = vowel ? vowels + 1 : 0;
		if (vowels > KO_VOWEL_RUN_MAX)
			return KO_PIECE_BAD;
	}
	*end = i;
	if (i == 0 || i >= NK_KO_LETTERS_MAX)
		return KO_PIECE_BAD;
	return in_vowels || consonants_ok(s + from, i - from, from == 0, true)
		       ? KO_PIECE_OK
		       : KO_PIECE_BAD;
}

/* The piece from s to the next '-' or to n, its apostrophes left out. */
static bool piece_joined_ok(const uint32_t *s, size_t n, size_t *end)
{
	uint32_t letters[NK_KO_LETTERS_MAX];
	size_t len = 0, i = 0;
	for (; i < n && s[i] != '-'; i++) {
		if (s[i] == '\'')
			continue;
		if (len + 1 >= NK_ARRAY_LEN(letters))
			return false;
		letters[len++] = s[i];
	}
	*end = i;
	size_t read;
	return read_piece(letters, len, &read) == KO_PIECE_OK;
}

bool nk_ko_syllables_ok(const uint32_t *s, size_t n)
{
	for (size_t at = 0;; at++) { /* past the '-' */
		size_t end;
		const enum ko_piece piece = read_piece(s + at, n - at, &end);
		if (piece == KO_PIECE_BAD ||
		    (piece == KO_PIECE_APOSTROPHE &&
		     !piece_joined_ok(s + at, n - at, &end)))
			return false;
		at += end;
		if (at == n)
			return true;
	}
}
