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
 * vanish; the rewrite rules are in gen_ko_fold.py, which lays them out
 * as the trie run here.  Popular spelling's u for ㅓ (Jung, Hyun) is
 * read only when the caller asks for the popular reading.
 */
#include <string.h>

#include "ko.h"

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

static bool when_holds(unsigned when, const ko_at *at, size_t len)
{
	const bool popular = at->reading == NK_KO_READ_POPULAR;
	switch (when) {
	case NK_KO_WHEN_BEFORE_VOWEL:
		return len < at->n && is_vowel_or_glide(at->s[len]);
	case NK_KO_WHEN_POPULAR_CLOSED:
		return popular && is_consonant(at->prev) &&
		       consonant_after(at, len);
	default:
		return true;
	}
}

/* The trie node letter c leads to from node. */
static unsigned step(unsigned node, char c)
{
	return nk_ko_fold_next[node * NK_KO_FOLD_CLASSES +
			       nk_ko_fold_classes[(unsigned char)c]];
}


/*
 * Where the popular reading wrote ㅓ for a u (NK_KO_FOLD_POPULAR_U): the
 * letter it wrote o there, which the systems reading writes u.
 */
typedef struct ko_closed {
	uint8_t at[NK_KO_LETTERS_MAX];
	size_t n;
} ko_closed;

/*
 * The rule that applies at node, noting in closed where it reads u as ㅓ.
 * The rules that do write o or yo where their plain rule writes u or yu
 * (gen_ko_fold.py checks it), and begin with a vowel or glide, which
 * put() never collapses: the letter they change is the last they write,
 * after the len letters written before.
 */
static const nk_ko_fold_rule *rule_at(const nk_ko_fold_node *node,
				      const ko_at *at, size_t len,
				      ko_closed *closed)
{
	if (node->when == NK_KO_WHEN_ALWAYS ||
	    !when_holds(node->when, at, node->plain.len))
		return &node->plain;
	const nk_ko_fold_rule *r = &node->cond;
	/* each writes a letter: past the room, past the letters kept */
	if (r->why == NK_KO_FOLD_POPULAR_U && closed->n < NK_KO_LETTERS_MAX)
		closed->at[closed->n++] = (uint8_t)(len + r->to_len - 1);
	return r;
}

/*
 * Append what rule r writes to the len letters of out, collapsing a
 * repeated consonant: kk, nn and ll add nothing.  A repeated vowel is two
 * syllables (Ju-eun), not one (Jun).  Returns the new length.
 */
static size_t put(char *out, size_t len, const nk_ko_fold_rule *r)
{
	const size_t max = NK_KO_LETTERS_MAX - 1;
	const size_t skip = len > 0 && out[len - 1] == r->to[0] &&
			    !is_vowel_or_glide(r->to[0]);
	memcpy(out + len, r->to + skip, NK_KO_FOLD_TO_MAX);
	const size_t grown = len + r->to_len - skip;
	return grown < max ? grown : max;
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

/*
 * The rewrite itself, into f->s and f->len, noting in closed where the
 * popular reading took u for ㅓ.
 */
static void fold_letters(nk_ko_folded *f, const char *s, size_t n,
			 enum nk_ko_reading reading, ko_closed *closed)
{
	size_t len = 0;
	unsigned why = 0;
	char prev = '\0';
	for (size_t i = 0; i < n;) {
		const size_t from = i;
		unsigned node = 0;
		for (unsigned next; i < n && (next = step(node, s[i])) != 0; i++)
			node = next;
		if (node == 0) { /* not a letter the fold reads */
			i++;
			continue;
		}
		const ko_at at = { s + from, n - from, prev, reading };
		const nk_ko_fold_rule *r =
			rule_at(&nk_ko_fold_nodes[node], &at, len, closed);
		len = put(f->s, len, r);
		why |= 1u << r->why;
		i = from + r->len;
		prev = s[i - 1];
	}
	f->len = len;
	f->why = why;
}

/* The rules that read the word as a whole, once its letters are folded. */
static void finish(nk_ko_folded *f)
{
	initial_sound(f);
	joint_vowels(f);
	f->s[f->len] = '\0';
}

void nk_ko_fold(nk_ko_folded *f, const char *s, size_t n,
		enum nk_ko_reading reading)
{
	ko_closed closed;
	closed.n = 0;
	fold_letters(f, s, n, reading, &closed);
	finish(f);
}

bool nk_ko_fold_popular(nk_ko_folded *popular, nk_ko_folded *systems,
			const char *s, size_t n)
{
	ko_closed closed;
	closed.n = 0;
	fold_letters(popular, s, n, NK_KO_READ_POPULAR, &closed);
	const bool differs = closed.n > 0;
	if (differs) {
		memcpy(systems->s, popular->s, popular->len);
		systems->len = popular->len;
		for (size_t k = 0; k < closed.n; k++)
			if (closed.at[k] < popular->len)
				systems->s[closed.at[k]] = 'u';
		/* the plain rules of u and yu merge nothing */
		systems->why = (popular->why & ~(1u << NK_KO_FOLD_POPULAR_U)) |
			       1u << NK_KO_FOLD_NONE;
		finish(systems);
	}
	finish(popular);
	return differs;
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
