/*
 * ko_fold.c - the Korean letter fold: one spelling for all romanizations.
 *
 * Owns which spelling differences of Korean romanization carry no
 * meaning.  The romanization systems and popular practice disagree on
 * voicing (k/g), aspiration (k/kh/k'), tense consonants (kk/gg), the
 * affricates (ch/j/c), ㄹ (r/l), and on the vowels.  The back vowels
 * keep the granularity McCune-Reischauer has without its breves: o for
 * ㅓ and ㅗ (RR eo/o, MR ŏ/o, Indonesian-style ö/o) and u for ㅜ and ㅡ
 * (RR u/eu, MR u/ŭ, popular oo/eu), which is what every system can
 * still tell apart; a, e, i, o and u stay apart, so Da-eun is not
 * Da-on.  The fold is a greedy longest-match rewrite over lowercase
 * ASCII letters into a small alphabet where exactly those differences
 * vanish.  Popular spelling's u for ㅓ (Jung, Hyun) is read only when
 * the caller asks for the popular reading.
 */
#include <limits.h>
#include <string.h>

#include "ko.h"

/* When a rule applies. */
enum ko_cond {
	KO_ALWAYS = 0,
	KO_BEFORE_VOWEL, /* the letter after the match is a vowel or glide */
	/*
	 * Popular reading, an initial before and a final after: ㅓ written
	 * u (Jung), ㅕ written yu (Hyun).  Without an initial popular
	 * spelling writes ㅓ eo and ㅕ you or yeo, and open it writes ㅓ eo
	 * (Seo), so u is ㅜ or ㅡ there.
	 */
	KO_POPULAR_CLOSED
};

/* Most letters a rule matches ("aeui"): they fit in a uint32_t. */
#define KO_RULE_LETTERS_MAX 4

/*
 * A rule matches its letters as one integer, a byte each, the first in
 * the low byte: the letters at a position are read once into the same
 * form (a zero byte past the end), and a rule is then tried with a mask
 * and a compare.
 */
typedef struct ko_rule {
	uint32_t from;
	uint32_t mask; /* the bytes of from that count */
	const char *to;
	uint8_t len;  /* letters in from */
	uint8_t cond; /* enum ko_cond */
	uint8_t why;  /* enum nk_ko_fold_why */
} ko_rule;

#define LETTER_AT(f, k) \
	((k) < sizeof(f) - 1 ? (uint32_t)(unsigned char)(f)[k] << (CHAR_BIT * (k)) : 0u)
#define LETTERS(f) \
	(LETTER_AT(f, 0) | LETTER_AT(f, 1) | LETTER_AT(f, 2) | LETTER_AT(f, 3))
#define MASK(f) \
	(sizeof(f) - 1 < KO_RULE_LETTERS_MAX \
		 ? (1u << (CHAR_BIT * (sizeof(f) - 1))) - 1 : ~0u)
#define RULE_IF(f, t, c, w) \
	{ LETTERS(f), MASK(f), t, sizeof(f) - 1, c, NK_KO_FOLD_##w }
#define RULE(f, t, w) RULE_IF(f, t, KO_ALWAYS, w)

/*
 * ㅐ + a vowel-initial syllable ("Ha-eun", "Bo-eun" written joined) reads
 * as a + the vowel: names in -eun are far more common than ㅐ/ㅚ + 은.
 */
static const ko_rule rules_a[] = {
	RULE("aeui", "aui", E), RULE("aeu", "au", E), RULE("aeo", "ao", E),
	RULE("ae", "e", E), RULE("a", "a", NONE)
};
static const ko_rule rules_b[] = { RULE("bb", "p", P), RULE("b", "p", P) };
static const ko_rule rules_c[] = {
	RULE("cch", "c", C), RULE("chh", "c", C), RULE("cc", "c", C),
	RULE("ch", "c", C), RULE("c", "c", C)
};
static const ko_rule rules_d[] = { RULE("dd", "t", T), RULE("d", "t", T) };
/* ㅢ is ㅡ + i: popular Hee (희) meets hui, heui, hŭi and hu-i. */
static const ko_rule rules_e[] = {
	RULE("eeu", "eu", U), RULE("eeo", "eo", O), RULE("eu", "u", U),
	RULE("eo", "o", O), RULE("ee", "ui", I), RULE("e", "e", NONE)
};
static const ko_rule rules_f[] = { RULE("f", "p", P) };
static const ko_rule rules_g[] = {
	RULE("gg", "k", K), RULE("gh", "k", K), RULE("g", "k", K)
};
static const ko_rule rules_h[] = {
	RULE_IF("h", "h", KO_BEFORE_VOWEL, NONE), RULE("h", "", SILENT_H)
};
static const ko_rule rules_i[] = { RULE("i", "i", NONE) };
static const ko_rule rules_j[] = { RULE("jj", "c", C), RULE("j", "c", C) };
static const ko_rule rules_k[] = {
	RULE("kk", "k", K), RULE("kh", "k", K), RULE("k", "k", NONE)
};
static const ko_rule rules_l[] = { RULE("l", "l", NONE) };
static const ko_rule rules_m[] = { RULE("m", "m", NONE) };
/* Joined, ng + vowel reads as n + g: Mingi meets Min-ki. */
static const ko_rule rules_n[] = {
	RULE_IF("ng", "nk", KO_BEFORE_VOWEL, NG), RULE("ng", "g", NONE),
	RULE("n", "n", NONE)
};
/*
 * Popular oo is ㅜ (Soo, Joon).  A plain ou is two syllables (So-un);
 * the popular ou of Young is read with its y.
 */
static const ko_rule rules_o[] = {
	RULE("oeu", "ou", U), RULE("oeo", "oo", O), RULE("oe", "we", WE),
	RULE("oo", "u", U), RULE("o", "o", NONE)
};
static const ko_rule rules_p[] = {
	RULE("pp", "p", P), RULE("ph", "p", P), RULE("p", "p", NONE)
};
static const ko_rule rules_q[] = { RULE("q", "k", K) };
static const ko_rule rules_r[] = { RULE("r", "l", L) };
static const ko_rule rules_s[] = {
	RULE("ss", "s", S), RULE("sh", "s", S), RULE("s", "s", NONE)
};
static const ko_rule rules_t[] = {
	RULE("tch", "c", C), RULE("tt", "t", T), RULE("th", "t", T),
	RULE("t", "t", NONE)
};
/* Popular spelling writes ㅓ before a final as u: Jung, Sung, Chul. */
static const ko_rule rules_u[] = {
	RULE_IF("u", "o", KO_POPULAR_CLOSED, POPULAR_U), RULE("u", "u", NONE),
};
static const ko_rule rules_v[] = { RULE("v", "p", P) };
/* ㅜ has no glide: "Woo" and "Wu" (Yale) are u. */
static const ko_rule rules_w[] = {
	RULE("woo", "u", U), RULE("wu", "u", U), RULE("weo", "wo", O),
	RULE("wO", "wo", O), RULE("wE", "we", E),
	RULE("wae", "we", WE), RULE("wee", "wi", I), RULE("wa", "wa", NONE),
	RULE("we", "we", NONE), RULE("wi", "wi", NONE), RULE("wo", "wo", NONE),
	RULE("w", "", NONE)
};
static const ko_rule rules_x[] = { RULE("x", "s", S) };
/*
 * ㅕ is yeo, yŏ, MR yo, popular you (Young); ㅠ is yu, popular yoo.
 * Popular spelling writes ㅕ after a consonant and before a final as yu:
 * Hyun, Myung, Kyung.
 */
static const ko_rule rules_y[] = {
	RULE("yeo", "yo", YO), RULE("yoo", "yu", U), RULE("you", "yo", YO),
	RULE("yO", "yo", YO), RULE("yE", "ye", E), RULE("yae", "ye", E),
	RULE("yi", "i", I), RULE("ya", "ya", NONE),
	RULE("ye", "ye", NONE), RULE("yo", "yo", NONE),
	RULE_IF("yu", "yo", KO_POPULAR_CLOSED, POPULAR_U),
	RULE("yu", "yu", NONE), RULE("y", "", NONE)
};
static const ko_rule rules_z[] = { RULE("z", "c", C) };

/*
 * A vowel written with a mark (MR ŏ ŭ, Indonesian-style ö è é) arrives
 * in capitals: it is one vowel on its own and never half of a digraph,
 * which is what tells MR Se-ŭn from Seun.
 */
static const ko_rule rules_marked_e[] = { RULE("E", "e", E) };
static const ko_rule rules_marked_o[] = { RULE("O", "o", O) };
static const ko_rule rules_marked_u[] = { RULE("U", "u", U) };

static const ko_rule *const rules_by_letter[] = {
	rules_a, rules_b, rules_c, rules_d, rules_e, rules_f, rules_g,
	rules_h, rules_i, rules_j, rules_k, rules_l, rules_m, rules_n,
	rules_o, rules_p, rules_q, rules_r, rules_s, rules_t, rules_u,
	rules_v, rules_w, rules_x, rules_y, rules_z,
};

static bool is_vowel_or_glide(char c)
{
	switch (c) {
	case 'a': case 'e': case 'i': case 'o': case 'u':
	case 'w': case 'y': case 'E': case 'O': case 'U':
		return true;
	default:
		return false;
	}
}

/* Where a rule is tried: the letters from the match on, and around it. */
typedef struct ko_at {
	const char *s;   /* the letters from here on */
	size_t n;        /* letters left */
	char prev;       /* the letter before, or NUL at the start */
	enum nk_ko_reading reading;
} ko_at;

static bool is_consonant(char c)
{
	return c >= 'a' && c <= 'z' && !is_vowel_or_glide(c);
}

/*
 * A consonant after u may be its final (Jung-eun) or the next syllable's
 * initial (Su-gil): joined, the two cannot be told apart, so the popular
 * reading takes it as a final and the systems reading as an initial.
 */
static bool consonant_after(const ko_at *at, size_t len)
{
	return len < at->n && is_consonant(at->s[len]);
}

static bool cond_holds(unsigned cond, const ko_at *at, size_t len)
{
	const bool popular = at->reading == NK_KO_READ_POPULAR;
	switch (cond) {
	case KO_BEFORE_VOWEL:
		return len < at->n && is_vowel_or_glide(at->s[len]);
	case KO_POPULAR_CLOSED:
		return popular && is_consonant(at->prev) &&
		       consonant_after(at, len);
	default:
		return true;
	}
}

/* The letters where a rule is tried, as ko_rule.from spells them. */
static uint32_t letters_at(const ko_at *at)
{
	const unsigned char *p = (const unsigned char *)at->s;
	if (at->n >= KO_RULE_LETTERS_MAX)
		return (uint32_t)p[0] | (uint32_t)p[1] << CHAR_BIT |
		       (uint32_t)p[2] << 2 * CHAR_BIT |
		       (uint32_t)p[3] << 3 * CHAR_BIT;
	uint32_t letters = 0;
	for (size_t k = 0; k < at->n; k++)
		letters |= (uint32_t)p[k] << (CHAR_BIT * k);
	return letters;
}

static bool rule_matches(const ko_rule *r, uint32_t letters, const ko_at *at)
{
	return (letters & r->mask) == r->from &&
	       (r->cond == KO_ALWAYS || cond_holds(r->cond, at, r->len));
}

/*
 * Always a match: every letter list ends with the letter on its own.  A
 * rule is only tried from the list of its first letter, so that one
 * matches.
 */
static const ko_rule *match(const ko_at *at)
{
	const char c = at->s[0];
	const ko_rule *r = c == 'E'   ? rules_marked_e
			   : c == 'O' ? rules_marked_o
			   : c == 'U' ? rules_marked_u
				      : rules_by_letter[c - 'a'];
	const uint32_t letters = letters_at(at);
	while (!rule_matches(r, letters, at))
		r++;
	return r;
}

/*
 * Append, collapsing a repeated consonant: kk, nn and ll add nothing.  A
 * repeated vowel is two syllables (Ju-eun), not one (Jun).
 */
static void put(nk_ko_folded *f, char c)
{
	if (f->len > 0 && f->s[f->len - 1] == c && !is_vowel_or_glide(c))
		return;
	if (f->len + 1 < sizeof f->s)
		f->s[f->len++] = c;
}

/*
 * The initial-sound rule (dueum beopchik): South Korean spelling drops
 * ㄹ and ㄴ before i and y and writes ㄹ as ㄴ elsewhere at the start of
 * a word; North Korean spelling keeps them (Ri, Ryu, Rim, Ro).
 */
static void initial_sound(nk_ko_folded *f)
{
	if (f->len >= 2 && (f->s[0] == 'l' || f->s[0] == 'n') &&
	    (f->s[1] == 'i' || f->s[1] == 'y')) {
		memmove(f->s, f->s + 1, --f->len);
		f->why |= 1u << NK_KO_FOLD_INITIAL;
		return;
	}
	if (f->len >= 1 && f->s[0] == 'l') {
		f->s[0] = 'n';
		f->why |= 1u << NK_KO_FOLD_INITIAL;
	}
}

/*
 * ㅐ or ㅔ before a vowel-initial syllable is a joint no spelling marks
 * reliably: joined RR Taeu and Haeun read either way, popular Tae-woo
 * and Ha-eun do not.  Written as a there, the readings meet.
 */
static void joint_vowels(nk_ko_folded *f)
{
	for (size_t i = 0; i + 1 < f->len; i++)
		if (f->s[i] == 'e' && (f->s[i + 1] == 'o' || f->s[i + 1] == 'u')) {
			f->s[i] = 'a';
			f->why |= 1u << NK_KO_FOLD_JOINT;
		}
}

void nk_ko_fold(nk_ko_folded *f, const char *s, size_t n,
		enum nk_ko_reading reading)
{
	f->len = 0;
	f->why = 0;
	char prev = '\0';
	for (size_t i = 0; i < n;) {
		if (!nk_is_alpha((unsigned char)s[i]) && !nk_ko_is_marked(s[i])) {
			i++;
			continue;
		}
		const ko_at at = { s + i, n - i, prev, reading };
		const ko_rule *r = match(&at);
		for (const char *t = r->to; *t; t++)
			put(f, *t);
		f->why |= 1u << r->why;
		i += r->len;
		prev = s[i - 1];
	}
	initial_sound(f);
	joint_vowels(f);
	f->s[f->len] = '\0';
}

const char *nk_ko_fold_why_name(unsigned why)
{
	static const char *const names[] = {
		[NK_KO_FOLD_NONE] = "",
		[NK_KO_FOLD_K] = "k/g/kk/kh folded",
		[NK_KO_FOLD_T] = "t/d/tt/th folded",
		[NK_KO_FOLD_P] = "p/b/pp/ph folded",
		[NK_KO_FOLD_C] = "ch/j/jj/tch/c folded",
		[NK_KO_FOLD_S] = "s/sh/ss folded",
		[NK_KO_FOLD_L] = "r/l folded",
		[NK_KO_FOLD_O] = "eo/ŏ/ö/o (ㅓㅗ) folded to o",
		[NK_KO_FOLD_U] = "u/eu/ŭ/oo (ㅜㅡ) folded to u",
		[NK_KO_FOLD_POPULAR_U] = "popular u read as ㅓ (Jung, Hyun)",
		[NK_KO_FOLD_E] = "ae/e (ㅐㅔ) folded",
		[NK_KO_FOLD_I] = "ui/eui/ŭi/ee (ㅢ) folded",
		[NK_KO_FOLD_YO] = "yeo/yŏ/yo/you (ㅕㅛ) folded",
		[NK_KO_FOLD_WE] = "oe/we/wae folded",
		[NK_KO_FOLD_SILENT_H] = "silent h dropped (Ahn, Oh)",
		[NK_KO_FOLD_INITIAL] = "initial-sound rule (ㄹ/ㄴ at the start)",
		[NK_KO_FOLD_NG] = "ng + vowel read as n + g (Mingi = Min-ki)",
		[NK_KO_FOLD_JOINT] = "ae/e + vowel syllable read as a (Taeu = Tae-u)",
	};
	return why < NK_ARRAY_LEN(names) ? names[why] : "";
}
