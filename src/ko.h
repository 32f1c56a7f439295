/*
 * ko.h - the pieces of the Korean rules: the letter fold (ko_fold.c), the
 * syllable check (the table gen_ko_syllables.py makes), shared by ko.c
 * and the tests, and what the Korean detection hands on to the Korean
 * key (lang.h).
 */
#ifndef NK_KO_H
#define NK_KO_H

#include "hangul.h"
#include "ko_tables.h"
#include "nk_internal.h"

/* Letters of a folded name part or of a whole given name. */
#define NK_KO_LETTERS_MAX 128

/* Which merge a fold rule made; a bit per kind in nk_ko_folded.why. */
enum nk_ko_fold_why {
	NK_KO_FOLD_NONE = 0,
	NK_KO_FOLD_K,
	NK_KO_FOLD_T,
	NK_KO_FOLD_P,
	NK_KO_FOLD_C,
	NK_KO_FOLD_S,
	NK_KO_FOLD_L,
	NK_KO_FOLD_O,
	NK_KO_FOLD_U,
	NK_KO_FOLD_E,
	NK_KO_FOLD_I,
	NK_KO_FOLD_YO,
	NK_KO_FOLD_WE,
	NK_KO_FOLD_SILENT_H,
	NK_KO_FOLD_INITIAL,
	NK_KO_FOLD_NG,
	NK_KO_FOLD_JOINT,
	NK_KO_FOLD_POPULAR_U,
	NK_KO_FOLD_KINDS
};

typedef struct nk_ko_folded {
	/* NUL-terminated, fewer than NK_KO_LETTERS_MAX letters; room past
	 * them, since the fold writes a rule's letters in one copy. */
	char s[NK_KO_LETTERS_MAX + NK_KO_FOLD_TO_MAX];
	size_t len;
	unsigned why; /* bits of enum nk_ko_fold_why */
} nk_ko_folded;

/*
 * A vowel written with a mark reaches the fold as a capital: ŏ and ö as
 * 'O', ŭ and ü as 'U', è, é and ë as 'E'.
 */
static inline bool nk_ko_is_marked(char c)
{
	return c == 'E' || c == 'O' || c == 'U';
}

/*
 * How plain u is read.  The systems write ㅜ and ㅡ as u (RR, MR without
 * breves); popular spelling also writes ㅓ before a final as u (Jung,
 * Sung, Chul) and ㅕ as yu (Hyun).
 */
enum nk_ko_reading {
	NK_KO_READ_SYSTEMS = 0,
	NK_KO_READ_POPULAR
};

/*
 * Fold n lowercase ASCII letters and marked capitals (anything else is
 * skipped) of one word (a surname, or a whole given name with its parts
 * joined) into f.
 */
NK_HIDDEN void nk_ko_fold(nk_ko_folded *f, const char *s, size_t n,
			  enum nk_ko_reading reading);

/*
 * The n letters s folded in the popular reading into popular, as
 * nk_ko_fold() folds them; where that read a u as ㅓ, also in the systems
 * reading into systems, and true.  The readings part only there, letter
 * for letter, so one pass makes both.
 */
NK_HIDDEN bool nk_ko_fold_popular(nk_ko_folded *popular,
				  nk_ko_folded *systems, const char *s,
				  size_t n);

/* What a fold rule merges, for traces; "" for NK_KO_FOLD_NONE. */
NK_HIDDEN const char *nk_ko_fold_why_name(unsigned why);

/*
 * Can a Latin part be read as a run of Korean syllables in some
 * romanization?  That keeps Russian names (Ivanov, Petrova, Sergei: v,
 * tr, rg) out of the Korean rules.  The check runs a character at a time
 * (code points as nk_name.text holds a Latin part: lowercase ASCII; '-'
 * marks a syllable boundary, '\'' is skipped) in the pass that reads the
 * part for more than this: start from state 0, move by each character's
 * kind, then ask at the end.
 */
static inline unsigned nk_ko_syllable_kind(uint32_t c)
{
	return c < NK_KO_SYLLABLE_ASCII ? nk_ko_syllable_kinds[c] : 0;
}

/* The step of a character of kind nk_ko_syllable_kind(). */
static inline unsigned nk_ko_syllable_move(unsigned state, unsigned kind)
{
	return nk_ko_syllable_next[state + kind];
}

/*
 * Does a part of n characters that left the check in state read as
 * Korean?  One of NK_KO_LETTERS_MAX characters or more is no name part.
 */
static inline bool nk_ko_syllables_end(unsigned state, size_t n)
{
	return n < NK_KO_LETTERS_MAX && nk_ko_syllable_accepts[state];
}

/* The surnames one part of a name may be. */
typedef struct nk_ko_lookup {
	int ids[NK_KO_SPELLING_IDS_MAX]; /* most common first */
	size_t n;
	bool popular;  /* a spelling only popular use makes: Lee, Park, Oh */
	unsigned lossy; /* bit k: ids[k] only as MR without breves spells it */
} nk_ko_lookup;

/*
 * Most letters kept of one part: enough for a given name after a
 * two-syllable Hangul surname joined to it.  More are never read: the
 * fold keeps fewer than NK_KO_LETTERS_MAX.
 */
#define NK_KO_PART_LETTERS_MAX \
	(NK_KO_LETTERS_MAX + NK_KO_SURNAME_SYL_MAX * NK_KO_SYLLABLE_ROMAN_MAX)

/*
 * The parts of a name as the Korean rules read them, once each: what the
 * letters of part i say about the system it is spelled in (cues[i], bits
 * ko.c defines) and its letters as the fold reads them, letters[at[i]]
 * up to letters[at[i + 1]].
 */
typedef struct nk_ko_parts {
	unsigned cues[NK_TOKENS_MAX];
	bool spelled_out; /* some part spells ㅓ and ㅡ apart from ㅗ and ㅜ */
	char letters[NK_TOKENS_MAX * NK_KO_PART_LETTERS_MAX];
	size_t at[NK_TOKENS_MAX + 1];
} nk_ko_parts;

/*
 * What the Korean detection found, so the Korean key need not work it
 * out again: the surnames of the first and the last part as it looked
 * them up, and the parts as it read them.  The detection stops early,
 * so each says whether it was made.
 */
typedef struct nk_ko_scan {
	nk_ko_lookup first;
	nk_ko_lookup last;
	bool have_first;
	bool have_last;
	bool have_parts;
	nk_ko_parts parts;
} nk_ko_scan;

#endif /* NK_KO_H */
