/*
 * ru.c - Russian rules: any spelling of a Russian name to one key.
 *
 * Owns the reduction of each name part to phonemes (Cyrillic letter by
 * letter, Latin by the rules of ru_tables.c), the normalization that
 * erases what systems disagree on (glides, doubled letters, ё as e/yo/o,
 * French and German endings), the choice of which parts make the key
 * (patronymics and initials set apart) and the key layout:
 *
 *   ru:<part>[:<part>...][:<initials>.]
 *
 * with the full parts sorted, so word order never matters.  A Latin
 * spelling that can be read two ways (x = кс or х, ch = ч or French ш)
 * gives one key per reading.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "lang.h"
#include "ru_tables.h"
#include "token.h"

/* Phoneme room per name: Latin letters expand at most twofold. */
#define NK_RU_BUF (2 * NK_NAME_MAX)
/* Most readings of one name that become keys. */
#define NK_RU_READINGS_MAX NK_KEYS_MAX
/* Patronymics are told apart only in names of at least three parts. */
#define NK_RU_PATRONYMIC_MIN_PARTS 3

/* No token: nothing to skip. */
#define NK_RU_NONE SIZE_MAX

typedef struct ru_part {
	char *s;
	size_t len;
	size_t tok; /* the token it came from */
} ru_part;

/* A stretch of one of ru_work's buffers. */
typedef struct ru_span {
	size_t at;
	size_t len;
} ru_span;

typedef struct ru_work {
	char letters[NK_RU_BUF];        /* see spell_latin() */
	ru_span spelled[NK_TOKENS_MAX]; /* each token's letters */
	unsigned cues[NK_TOKENS_MAX];   /* each token's enum ru_cue bits */
	char base[NK_RU_BUF];           /* see read_tokens() */
	ru_span based[NK_TOKENS_MAX];   /* each token's phonemes in base */
	unsigned sense[NK_TOKENS_MAX];  /* reading bits that may change them */
	char buf[NK_RU_BUF];            /* the phonemes they change to */
	size_t used;
	ru_part parts[NK_TOKENS_MAX];
	size_t nparts;
	char initials[NK_TOKENS_MAX + 1];
	size_t ninitials;
} ru_work;

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Byte by byte: the suffixes are a few bytes, shorter than a call. */
static bool ends_with(const char *s, size_t n, const char *suffix)
{
	const size_t m = strlen(suffix);
	if (n < m)
		return false;
	s += n - m;
	for (size_t i = 0; i < m; i++)
		if (s[i] != suffix[i])
			return false;
	return true;
}

/* ---- letters and cues ------------------------------------------- */

/* Spellings that tell which alphabet a Latin name was written for. */
enum ru_cue {
	CUE_CENTRAL = 1u << 0, /* w sch sz cz č: German, Polish, Czech */
	CUE_FRENCH = 1u << 1,  /* ou tch gue gui */
	CUE_CH = 1u << 2,      /* ch outside the patronymic */
	CUE_J = 1u << 3,       /* j inside a word outside the patronymic */
	CUE_X = 1u << 4        /* x outside the patronymic */
};

/* The cues that count only outside the patronymic. */
#define CUE_COUNTED (CUE_CH | CUE_J | CUE_X)

/* The slot k places after slot 0 of text[0, len), 0 past the end. */
static uint32_t slot_after(const uint32_t *text, size_t len, size_t k)
{
	return k < len ? text[k] : 0;
}

/* Cues of slot 0 of text[0, len), CUE_COUNTED ones included. */
static unsigned slot_cues(const uint32_t *text, size_t len, uint8_t marks)
{
	const unsigned cues = marks & NK_MARK_CARON ? CUE_CENTRAL : 0;
	const uint32_t n1 = slot_after(text, len, 1);

	switch (text[0]) {
	case 'w':
		return cues | CUE_CENTRAL;
	case 's': /* sch sz */
		return cues | ((n1 == 'c' && slot_after(text, len, 2) == 'h') ||
					       n1 == 'z'
				       ? CUE_CENTRAL : 0);
	case 'c': /* cz ch */
		if (n1 == 'z')
			return cues | CUE_CENTRAL;
		return cues | (n1 == 'h' ? CUE_CH : 0);
	case 'o': /* ou */
		return cues | (n1 == 'u' ? CUE_FRENCH : 0);
	case 't': /* tch */
		return cues | (n1 == 'c' && slot_after(text, len, 2) == 'h'
				       ? CUE_FRENCH : 0);
	case 'g': { /* gue gui */
		const uint32_t n2 = n1 == 'u' ? slot_after(text, len, 2) : 0;
		return cues | (n2 == 'e' || n2 == 'i' ? CUE_FRENCH : 0);
	}
	case 'x':
		return cues | CUE_X;
	case 'j':
		/* a final j (Sergej, Nikolaj) is always й */
		return cues | (nk_is_alpha(n1) ? CUE_J : 0);
	default:
		return cues;
	}
}

/* The letters that may start a cue: w s c o t g x j. */
#define CUE_LETTERS                                                      \
	(1u << ('w' - 'a') | 1u << ('s' - 'a') | 1u << ('c' - 'a') |     \
	 1u << ('o' - 'a') | 1u << ('t' - 'a') | 1u << ('g' - 'a') |     \
	 1u << ('x' - 'a') | 1u << ('j' - 'a'))

/* A letter that stands for itself and starts no cue. */
static bool is_plain(uint32_t c)
{
	return nk_is_alpha(c) && !(CUE_LETTERS >> (c - 'a') & 1u);
}

static const char *marked_spelling(uint32_t c, uint8_t marks)
{
	for (size_t i = 0; i < nk_ru_marked_count; i++) {
		const nk_ru_marked *m = &nk_ru_marked_letters[i];
		if ((uint32_t)m->base == c && (marks & m->mark))
			return m->to;
	}
	return NULL;
}

/*
 * The letters of a token as the Latin rules read them: the marks that
 * carry meaning as placeholder spellings, letters of other scripts left
 * out.  The token's cues are gathered in the same loop over its slots.
 */
static size_t spell_latin(char *out, size_t cap, unsigned *cues,
			  const nk_name *nm, const nk_token *t)
{
	/* locals: the stores to out may alias anything */
	const uint32_t *text = nm->text + t->start;
	const uint8_t *marked = nm->marks + t->start;
	const size_t len = t->len;
	unsigned found = 0;
	size_t n = 0;

	for (size_t k = 0; k < len; k++) {
		const uint32_t c = text[k];
		const uint8_t marks = marked[k];
		if (!marks && is_plain(c)) { /* most letters */
			if (n < cap)
				out[n++] = (char)c;
			continue;
		}
		found |= slot_cues(text + k, len - k, marks);
		const char *m = marks ? marked_spelling(c, marks) : NULL;
		if (!m) {
			/* letters of other scripts have no Russian reading */
			const bool ascii = nk_is_alpha(c) || c == NK_CH_APOSTROPHE ||
					   c == NK_CH_HYPHEN;
			if (ascii && n < cap)
				out[n++] = (char)c;
			continue;
		}
		for (; *m && n < cap; m++)
			out[n++] = *m;
	}
	*cues = found;
	return n;
}

/* The letters and cues of token i, from w->letters + at; their length. */
static size_t spell_token(ru_work *w, const nk_name *nm, size_t i,
			  size_t at)
{
	const nk_token *t = &nm->tok[i];
	size_t n = 0;

	w->cues[i] = 0;
	if (t->script != NK_SCRIPT_CYRILLIC) /* Cyrillic is read from the text */
		n = spell_latin(w->letters + at, sizeof w->letters - at,
				&w->cues[i], nm, t);
	if (t->script != NK_SCRIPT_LATIN) /* only Latin spellings are cues */
		w->cues[i] = 0;
	w->spelled[i] = (ru_span){ at, n };
	return n;
}

/* ---- Latin spelling to phonemes ---------------------------------- */

/* The code of byte c in codes, given the next free one if it has none. */
static int byte_code(uint8_t *codes, uint8_t *used, size_t max,
		     unsigned char c)
{
	if (codes[c] == 0) {
		if (*used + 1u >= max)
			return NK_EINVAL;
		codes[c] = ++*used;
	}
	return NK_OK;
}

static int add_candidate(nk_ru_pair *p, size_t rule)
{
	if (p->count >= NK_RU_PAIR_RULES)
		return NK_EINVAL;
	p->rule[p->count++] = (uint8_t)rule;
	p->sense |= nk_ru_latin_rules[rule].only | nk_ru_latin_rules[rule].never;
	return NK_OK;
}

/* Give codes to the first two bytes of every rule. */
static int code_bytes(nk_ru_index *ix, uint8_t *nsecond)
{
	uint8_t nfirst = 0;
	int rc = NK_OK;

	for (size_t i = 0; i < nk_ru_latin_rule_count && rc == NK_OK; i++) {
		const unsigned char *from =
			(const unsigned char *)nk_ru_latin_rules[i].from;
		ix->len[i] = (uint8_t)strlen((const char *)from);
		ix->to_len[i] = (uint8_t)strlen(nk_ru_latin_rules[i].to);
		rc = byte_code(ix->first, &nfirst, NK_RU_FIRST_MAX, from[0]);
		if (rc == NK_OK && from[1])
			rc = byte_code(ix->second, nsecond, NK_RU_SECOND_MAX,
				       from[1]);
	}
	return rc;
}

/*
 * A rule of one byte is a candidate whatever follows, so it goes to each
 * column of its row; a longer rule only to the column of its second byte.
 * Each list keeps the table order, so the first rule that fits still wins.
 */
int nk_ru_index_init(nk_ru_index *ix)
{
	uint8_t nsecond = 0;

	*ix = (nk_ru_index){ 0 };
	if (nk_ru_latin_rule_count > NK_RU_RULES_MAX)
		return NK_EINVAL;
	int rc = code_bytes(ix, &nsecond);
	for (size_t i = 0; i < nk_ru_latin_rule_count && rc == NK_OK; i++) {
		const unsigned char *from =
			(const unsigned char *)nk_ru_latin_rules[i].from;
		nk_ru_pair *row = ix->pair[ix->first[from[0]]];
		if (from[1]) {
			rc = add_candidate(&row[ix->second[from[1]]], i);
			continue;
		}
		for (size_t k = 0; k <= nsecond && rc == NK_OK; k++)
			rc = add_candidate(&row[k], i);
	}
	return rc;
}

/*
 * The letters are compared before the reading: most candidates fail on a
 * letter, and the checks are independent of each other.
 */
static bool rule_fits(const nk_ru_rule *r, size_t len, const char *s,
		      size_t n, size_t at, unsigned reading)
{
	if (len > n - at)
		return false;
	for (size_t i = 2; i < len; i++) /* bytes 0 and 1 matched by the index */
		if (s[at + i] != r->from[i])
			return false;
	if ((r->only & reading) != r->only || (r->never & reading))
		return false;
	if (r->context == NK_RU_INITIAL)
		return at == 0 || s[at - 1] == NK_CH_HYPHEN;
	if (r->context == NK_RU_BEFORE_FRONT) {
		const char next = at + len < n ? s[at + len] : '\0';
		return next == 'e' || next == 'i' || next == 'y';
	}
	return true;
}

/*
 * The rules that may start at s[at], by it and the byte after it, or
 * NULL for none.  Most letters start no rule, and most of the others are
 * not followed by a letter that a rule of theirs goes on with.
 */
static const nk_ru_pair *candidates(const nk_ru_index *ix, const char *s,
				    size_t n, size_t at)
{
	const uint8_t first = ix->first[(unsigned char)s[at]];
	if (first == 0)
		return NULL;
	const unsigned char next = at + 1 < n ? (unsigned char)s[at + 1] : 0;
	const nk_ru_pair *p = &ix->pair[first][ix->second[next]];
	return p->count ? p : NULL;
}

/*
 * The index of the first of the candidates p that reads s[at...], or
 * NK_RU_NONE.  Adds to *sense the reading bits that they look at: where
 * no such bit differs, another reading matches the same rules.
 */
static size_t match_rule(const nk_ru_index *ix, const nk_ru_pair *p,
			 const char *s, size_t n, size_t at, unsigned reading,
			 unsigned *sense)
{
	*sense |= p->sense;
	for (size_t k = 0; k < p->count; k++) {
		const size_t i = p->rule[k];
		if (rule_fits(&nk_ru_latin_rules[i], ix->len[i], s, n, at,
			      reading))
			return i;
	}
	return NK_RU_NONE;
}

/* Append the n bytes s to out[0, o) with room for cap; the new length. */
static size_t append(char *out, size_t o, size_t cap, const char *s,
		     size_t n)
{
	const size_t m = n < cap - o ? n : cap - o;
	for (size_t k = 0; k < m; k++) /* a few bytes: shorter than a call */
		out[o + k] = s[k];
	return o + m;
}

static size_t latin_phonemes(char *out, size_t cap, unsigned *sense,
			     const nk_ru_index *ix, const char *s, size_t n,
			     unsigned reading, const nk_tracer *tr)
{
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		/* the letters no rule reads are copied a run at a time */
		size_t j = i;
		const nk_ru_pair *p = NULL;
		while (j < n && !(p = candidates(ix, s, n, j)))
			j++;
		o = append(out, o, cap, s + i, j - i);
		if (j == n)
			break;
		const size_t r = match_rule(ix, p, s, n, j, reading, sense);
		if (r == NK_RU_NONE) {
			o = append(out, o, cap, s + j, 1);
			i = j + 1;
			continue;
		}
		o = append(out, o, cap, nk_ru_latin_rules[r].to, ix->to_len[r]);
		i = j + ix->len[r];
		if (tr->fn) /* spare the call on the hot path */
			nk_trace(tr, "ru", "%s", nk_ru_latin_rules[r].note);
	}
	return o;
}

static size_t cyrillic_phonemes(char *out, size_t cap, const nk_name *nm,
				const nk_token *t)
{
	size_t o = 0;

	for (size_t k = 0; k < t->len; k++) {
		const uint32_t c = nm->text[t->start + k];
		const char *p = "";
		if (c >= NK_RU_CYR_FIRST && c <= NK_RU_CYR_LAST)
			p = nk_ru_cyrillic[c - NK_RU_CYR_FIRST];
		else if (c == NK_CH_HYPHEN)
			p = "-";
		else if (c == NK_CH_APOSTROPHE)
			p = "'";
		for (; *p && o < cap; p++)
			out[o++] = *p;
	}
	return o;
}

/* ---- normalization of phonemes ----------------------------------- */

/*
 * Signs and glide runs: a soft or hard sign is a glide before a vowel and
 * silent elsewhere (Vasil'ev = Vasilyev, Ol'ga = Olga), and a run of glide
 * letters is one glide (ий, ьй, "iy", "ijj" -> i).
 */
/*
 * The next letter fold_signs() keeps of s[*i...], or '\0' at the end;
 * prev is the letter it kept before ('\0' for none).
 */
static inline char next_signed(const char *s, size_t n, size_t *i, char prev)
{
	while (*i < n) {
		char c = s[(*i)++];
		if (c == NK_CH_APOSTROPHE) {
			if (*i >= n || !is_vowel(s[*i]))
				continue;
			c = 'i';
		}
		if (!(c == 'i' && prev == 'i'))
			return c;
	}
	return '\0';
}

static size_t fold_signs(char *s, size_t n)
{
	size_t o = 0, i = 0;
	char c;
	/* the letters are written no further than they are read */
	while ((c = next_signed(s, n, &i, o > 0 ? s[o - 1] : '\0')) != '\0')
		s[o++] = c;
	return o;
}

/*
 * Glides before vowels: ё is written e, yo, jo, io, ë, so a glide before
 * o reads as e; any other glide before a vowel is dropped (ya/ia/ja/â ->
 * a, ye/ie/je -> e), except word-initial я ю, which every system writes
 * with a glide letter and which tell Yana from Anna.
 */
/*
 * What fold_glides() keeps of the letter cur, between prev and next
 * ('\0' at either end): a letter, or '\0' for none.  An "io" becomes
 * one e, which stands for the o as well.
 */
static inline char glide(char prev, char cur, char next)
{
	if (cur != 'i' || !is_vowel(next) || next == 'i')
		return cur;
	if (next == 'o')
		return 'e';
	const bool initial = prev == '\0' || prev == NK_CH_HYPHEN;
	return initial && (next == 'a' || next == 'u') ? cur : '\0';
}

/* Did glide() read an "io" as e? */
static bool ate_next(char cur, char kept)
{
	return cur == 'i' && kept == 'e';
}

static size_t fold_glides(char *s, size_t n)
{
	size_t o = 0;
	char prev = '\0';

	for (size_t i = 0; i < n; i++) {
		const char cur = s[i];
		const char next = i + 1 < n ? s[i + 1] : '\0';
		const char c = glide(prev, cur, next);
		prev = cur;
		if (ate_next(cur, c))
			prev = s[++i];
		if (c)
			s[o++] = c;
	}
	return o;
}

/* Gennady/Genady, Filippov/Filipov, Alekseev/Aleksejev. */
static size_t collapse_doubles(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		if (!(o > 0 && s[o - 1] == s[i]))
			s[o++] = s[i];
	return o;
}

static bool is_sibilant(char c)
{
	return c == 's' || c == 'z' || c == 'c';
}

/* Word endings the press spells its own way; n is one word's length. */
static size_t fold_ending(char *s, size_t n)
{
	if (ends_with(s, n, "ine"))
		return n - 1; /* French -ine for -ин */
	if (ends_with(s, n, "of") || ends_with(s, n, "ef")) {
		s[n - 1] = 'v'; /* -off, -eff */
		return n;
	}
	/* ё after ж ч ш щ ц is often printed o: Gorbachov, Gorbachev */
	if (n >= 3 && ends_with(s, n, "ov") && is_sibilant(s[n - 3]))
		s[n - 2] = 'e';
	else if (n >= 4 && ends_with(s, n, "ova") && is_sibilant(s[n - 4]))
		s[n - 3] = 'e';
	return n;
}

/* Apply fold_ending to each hyphen-separated word of s. */
static size_t fold_endings(char *s, size_t n)
{
	size_t o = 0, start = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '-')
			continue;
		const size_t w = fold_ending(s + start, i - start);
		if (o != start) /* only after an ending was shortened */
			memmove(s + o, s + start, w);
		o += w;
		if (i < n)
			s[o++] = '-';
		start = i + 1;
	}
	return o;
}

/*
 * Where fold_phonemes() has to start: the first letter that it may
 * change, or that may change the letter after it.  Most parts have no
 * sign, glide, double or hyphen; they keep their letters up to the end,
 * and the scan for that is cheaper than the fold.
 */
static size_t first_change(const char *s, size_t n)
{
	/* the letters that may change, or end a word, whatever follows */
	static const bool special[UCHAR_MAX + 1] = {
		[NK_CH_APOSTROPHE] = true, [NK_CH_HYPHEN] = true, ['i'] = true
	};
	size_t i = 0;

	for (; i + 1 < n; i++) {
		const char c = s[i];
		if (c == s[i + 1])
			return i;
		if (special[(unsigned char)c] &&
		    (c != 'i' || is_vowel(s[i + 1])))
			return i;
	}
	return i; /* the last letter, which may be a sign */
}

/*
 * fold_signs, fold_glides, collapse_doubles and fold_endings in one pass,
 * for the hot path; the trace runs them one by one to show each.  Same
 * result: next_signed() reads the letters fold_signs() keeps, one ahead
 * of the one glide() decides; each letter glide() keeps is compared with
 * the last one kept, and each word goes to fold_ending() when its hyphen
 * or the end is reached.  The output never passes what has been read, so
 * the letters are read as they were, and fold_ending() only changes
 * letters before the hyphen, which are read no more.  The letters before
 * first_change() are kept as they are, in the first word.
 */
static size_t fold_phonemes(char *s, size_t n)
{
	size_t i = first_change(s, n);
	size_t o = i, word = 0;
	char prev = i > 0 ? s[i - 1] : '\0', last = prev;
	char cur = next_signed(s, n, &i, prev);

	while (cur != '\0') {
		char next = next_signed(s, n, &i, cur);
		const char c = glide(prev, cur, next);
		prev = cur;
		if (ate_next(cur, c)) {
			prev = next;
			next = next_signed(s, n, &i, prev);
		}
		cur = next;
		if (c == '\0' || c == last)
			continue;
		if (c == NK_CH_HYPHEN) {
			o = word + fold_ending(s + word, o - word);
			word = o + 1;
		}
		s[o++] = last = c;
	}
	return word + fold_ending(s + word, o - word);
}

/* One normalization step, traced when it changed the phonemes. */
typedef size_t (*ru_step)(char *s, size_t n);

static size_t step(ru_step fn, const char *what, char *s, size_t n,
		   const nk_tracer *tr)
{
	if (!tr->fn)
		return fn(s, n);
	char before[NK_RU_BUF];
	memcpy(before, s, n);
	const size_t m = fn(s, n);
	if (m != n || memcmp(before, s, n) != 0)
		nk_trace(tr, "ru", "%s: %.*s -> %.*s", what, (int)n, before,
			 (int)m, s);
	return m;
}

static size_t normalize(char *s, size_t n, const nk_tracer *tr)
{
	if (!tr->fn) /* the hot path: no copies for the trace */
		return fold_phonemes(s, n);
	n = step(fold_signs, "soft/hard signs and glide runs", s, n, tr);
	n = step(fold_glides, "glides before vowels (ё read as e)", s, n, tr);
	n = step(collapse_doubles, "doubled letters", s, n, tr);
	return step(fold_endings, "endings (-off, French -ine, ё after ж ч ш щ)",
		    s, n, tr);
}

/*
 * The phonemes of token tok in a reading; *sense receives the reading
 * bits that may change them (none for Cyrillic, which has one reading).
 */
static size_t token_phonemes(char *out, size_t cap, unsigned *sense,
			     const ru_work *w, const nk_name *nm, size_t tok,
			     unsigned reading, const nk_tracer *tr)
{
	const nk_token *t = &nm->tok[tok];
	const ru_span *sp = &w->spelled[tok];

	*sense = 0;
	const size_t n =
		t->script == NK_SCRIPT_CYRILLIC
			? cyrillic_phonemes(out, cap, nm, t)
			: latin_phonemes(out, cap, sense, &nm->ctx->ru,
					 w->letters + sp->at, sp->len, reading,
					 tr);
	return normalize(out, n, tr);
}

/* ---- name structure ---------------------------------------------- */

static bool is_patronymic(const ru_part *p)
{
	for (size_t i = 0; i < nk_ru_patronymic_count; i++)
		if (ends_with(p->s, p->len, nk_ru_patronymic_suffixes[i]) &&
		    p->len > strlen(nk_ru_patronymic_suffixes[i]) + 1)
			return true;
	return false;
}

/*
 * The token holding the patronymic, or NK_RU_NONE.  The patronymic of
 * "Given Patronymic Surname" is in the middle, of "Surname Given
 * Patronymic" last; a surname like Abramovich is neither.
 */
static size_t find_patronymic(const ru_work *w)
{
	if (w->nparts < NK_RU_PATRONYMIC_MIN_PARTS)
		return NK_RU_NONE;
	if (is_patronymic(&w->parts[1]))
		return w->parts[1].tok;
	if (is_patronymic(&w->parts[w->nparts - 1]))
		return w->parts[w->nparts - 1].tok;
	return NK_RU_NONE;
}

/*
 * In place, also where the part is the phonemes of reading 0 that later
 * readings share: each masculine ending but -ski is the start of its
 * feminine one, so only -ska changes a letter, and a folded -ski is no
 * feminine ending, so a later reading folds it to the same.
 */
static void fold_gender(ru_part *p)
{
	for (size_t i = 0; i < nk_ru_gender_count; i++) {
		const nk_ru_gender *g = &nk_ru_gender_endings[i];
		if (!ends_with(p->s, p->len, g->fem))
			continue;
		/* the masculine ending is never longer than the feminine */
		const size_t stem = p->len - strlen(g->fem);
		memcpy(p->s + stem, g->masc, strlen(g->masc));
		p->len = stem + strlen(g->masc);
		return;
	}
}

/* memcmp order, byte by byte: parts are a few bytes, shorter than a call. */
static int cmp_parts(const ru_part *a, const ru_part *b)
{
	const size_t n = a->len < b->len ? a->len : b->len;
	for (size_t i = 0; i < n; i++) {
		const unsigned char p = (unsigned char)a->s[i];
		const unsigned char q = (unsigned char)b->s[i];
		if (p != q)
			return (p > q) - (p < q);
	}
	return (a->len > b->len) - (a->len < b->len);
}

static void sort_parts(ru_part *p, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		const ru_part x = p[i];
		size_t j = i;
		for (; j > 0 && cmp_parts(&p[j - 1], &x) > 0; j--)
			p[j] = p[j - 1];
		p[j] = x;
	}
}

/*
 * The letters and cues of every token and its phonemes in reading 0,
 * once per name: each reading reads the same letters, and most tokens
 * read the same in every reading; the other readings of the name take
 * them from here, and redo only the tokens whose sense they touch.
 */
static void read_tokens(ru_work *w, const nk_name *nm)
{
	size_t spelled = 0, based = 0;

	for (size_t i = 0; i < nm->ntok; i++) {
		spelled += spell_token(w, nm, i, spelled);
		const size_t n = token_phonemes(w->base + based,
						sizeof w->base - based,
						&w->sense[i], w, nm, i, 0,
						&nk_tracer_none);
		w->based[i] = (ru_span){ based, n };
		based += n;
	}
}

/* The parts of every token but skip in a reading; initials set apart. */
static void split_parts(ru_work *w, const nk_name *nm, unsigned reading,
			size_t skip)
{
	w->used = w->nparts = w->ninitials = 0;
	for (size_t i = 0; i < nm->ntok; i++) {
		char *s = w->base + w->based[i].at;
		size_t n = w->based[i].len;
		if (i == skip)
			continue;
		if (w->sense[i] & reading) {
			unsigned sense = 0;
			s = w->buf + w->used;
			n = token_phonemes(s, sizeof w->buf - w->used, &sense,
					   w, nm, i, reading, &nk_tracer_none);
			w->used += n;
		}
		if (n == 0)
			continue;
		if (nm->tok[i].flags & NK_TOK_INITIAL)
			w->initials[w->ninitials++] = s[0];
		else
			w->parts[w->nparts++] = (ru_part){ s, n, i };
	}
}

/* The phonemes of every token in a reading, for the trace only. */
static void trace_phonemes(ru_work *w, const nk_name *nm, unsigned reading,
			   const nk_tracer *tr)
{
	for (size_t i = 0; i < nm->ntok; i++) {
		unsigned sense = 0;
		token_phonemes(w->buf, sizeof w->buf, &sense, w, nm, i,
			       reading, tr);
	}
}

/* What write_key() writes before the parts. */
#define NK_RU_PREFIX "ru"
#define NK_RU_PREFIX_LEN (sizeof NK_RU_PREFIX - 1)

static size_t key_len(const ru_work *w)
{
	size_t n = NK_RU_PREFIX_LEN;
	for (size_t i = 0; i < w->nparts; i++)
		n += 1 + w->parts[i].len; /* ':' and the part */
	return w->ninitials ? n + w->ninitials + 2 : n; /* ':' and '.' */
}

/*
 * Straight into out's buffer once the key is known to fit, rather than
 * a call per piece; a key that does not fit overflows out, as it would
 * piece by piece.
 */
static void write_key(nk_out *out, const ru_work *w)
{
	const size_t n = key_len(w);
	if (out->overflow || n >= out->cap - out->len) {
		out->overflow = true;
		return;
	}
	char *p = out->buf + out->len;
	memcpy(p, NK_RU_PREFIX, NK_RU_PREFIX_LEN);
	p += NK_RU_PREFIX_LEN;
	for (size_t i = 0; i < w->nparts; i++) {
		*p++ = ':';
		memcpy(p, w->parts[i].s, w->parts[i].len);
		p += w->parts[i].len;
	}
	if (w->ninitials) {
		*p++ = ':';
		memcpy(p, w->initials, w->ninitials);
		p += w->ninitials;
		*p++ = '.';
	}
	*p = '\0';
	out->len += n;
}

/* ---- readings ---------------------------------------------------- */

static size_t add_reading(unsigned *r, size_t n, unsigned reading)
{
	for (size_t i = 0; i < n; i++)
		if (r[i] == reading)
			return n;
	if (n < NK_RU_READINGS_MAX)
		r[n++] = reading;
	return n;
}

/* Add reading | bit to each reading so far. */
static size_t fork_readings(unsigned *r, size_t n, unsigned bit)
{
	const size_t m = n;
	for (size_t i = 0; i < m; i++)
		n = add_reading(r, n, r[i] | bit);
	return n;
}

/* The cues of the name; those of CUE_COUNTED not from token skip. */
static unsigned name_cues(const ru_work *w, size_t ntok, size_t skip)
{
	unsigned cues = 0;

	for (size_t i = 0; i < ntok; i++)
		cues |= i == skip ? w->cues[i] & ~CUE_COUNTED : w->cues[i];
	return cues;
}

/* The readings worth a key, the most likely first. */
static size_t choose_readings(unsigned *r, const ru_work *w,
			      const nk_name *nm, size_t skip,
			      const nk_tracer *tr)
{
	static const unsigned french = NK_RU_FR | NK_RU_JZ;
	const unsigned cues = name_cues(w, nm->ntok, skip);
	size_t n = 0;

	if (cues & CUE_CENTRAL) {
		nk_trace(tr, "ru", "German/Polish/Czech spelling: ch read as х");
		n = add_reading(r, n, NK_RU_DE);
	} else if (cues & CUE_FRENCH) {
		nk_trace(tr, "ru", "French spelling: ch read as ш, j as ж");
		n = add_reading(r, n, french);
		n = add_reading(r, n, 0);
	} else {
		n = add_reading(r, n, 0);
		if (cues & CUE_CH) {
			nk_trace(tr, "ru", "ch may be French ш: two readings");
			n = add_reading(r, n, french);
		}
		if (cues & CUE_J) {
			nk_trace(tr, "ru", "j may be ж: two readings");
			n = add_reading(r, n, NK_RU_JZ);
		}
	}
	if (cues & CUE_X) {
		nk_trace(tr, "ru", "x may be кс or х: two readings");
		n = fork_readings(r, n, NK_RU_XH);
	}
	return n;
}

/* Is the n-byte key among the space-separated keys in buf[0, end)? */
static bool seen_before(const char *buf, size_t end, const char *key,
			size_t n)
{
	for (size_t i = 0; i < end;) {
		size_t m = 0;
		while (i + m < end && buf[i + m] != ' ')
			m++;
		if (m == n && memcmp(buf + i, key, n) == 0)
			return true;
		i += m + 1;
	}
	return false;
}

/* Remove the part that came from token tok, if any. */
static void drop_token(ru_work *w, size_t tok)
{
	for (size_t i = 0; i < w->nparts; i++) {
		if (w->parts[i].tok != tok)
			continue;
		memmove(&w->parts[i], &w->parts[i + 1],
			(w->nparts - i - 1) * sizeof w->parts[0]);
		w->nparts--;
		return;
	}
}

/* The key of the parts in w, unless an earlier reading gave it. */
static void key_reading(nk_out *out, ru_work *w, unsigned flags)
{
	const size_t start = out->len;

	if (flags & NK_KEY_FOLD_GENDER)
		for (size_t i = 0; i < w->nparts; i++)
			fold_gender(&w->parts[i]);
	sort_parts(w->parts, w->nparts);
	if (start > 0)
		nk_out_char(out, ' ');
	const size_t key_at = out->len;
	write_key(out, w);
	if (out->overflow || start == 0)
		return;
	if (seen_before(out->buf, start, out->buf + key_at, out->len - key_at)) {
		out->len = start;
		out->buf[start] = '\0';
	}
}

int nk_ru_key(nk_out *out, const nk_name *nm, unsigned flags,
	      const nk_tracer *tr)
{
	ru_work w;
	unsigned readings[NK_RU_READINGS_MAX];

	read_tokens(&w, nm);
	split_parts(&w, nm, 0, NK_RU_NONE);
	const size_t skip = find_patronymic(&w);
	if (skip != NK_RU_NONE && tr->fn) {
		char pat[NK_NAME_MAX];
		nk_token_utf8(pat, sizeof pat, nm, &nm->tok[skip]);
		nk_trace(tr, "ru", "patronymic \"%s\" left out of the key", pat);
	}
	const size_t n = choose_readings(readings, &w, nm, skip, tr);
	if (tr->fn) /* show the rules of the reading that leads */
		trace_phonemes(&w, nm, readings[0], tr);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 && readings[0] == 0)
			drop_token(&w, skip); /* the parts at hand are reading 0 */
		else
			split_parts(&w, nm, readings[i], skip);
		key_reading(out, &w, flags);
	}
	return NK_OK;
}

size_t nk_ru_patronymic(char *buf, size_t cap, const nk_name *nm)
{
	ru_work w;
	unsigned readings[NK_RU_READINGS_MAX];
	nk_out out = { .buf = buf, .cap = cap };

	if (cap == 0)
		return 0;
	buf[0] = '\0';
	read_tokens(&w, nm);
	split_parts(&w, nm, 0, NK_RU_NONE);
	const size_t skip = find_patronymic(&w);
	if (skip == NK_RU_NONE)
		return 0;
	/* the patronymic's own spelling counts here: Arxipovna is Архиповна
	 * only when x may be х */
	const size_t n = choose_readings(readings, &w, nm, NK_RU_NONE,
					 &nk_tracer_none);
	for (size_t i = 0; i < n; i++) {
		unsigned sense = 0;
		const size_t len = token_phonemes(w.buf, sizeof w.buf, &sense,
						  &w, nm, skip, readings[i],
						  &nk_tracer_none);
		if (seen_before(out.buf, out.len, w.buf, len))
			continue;
		const size_t before = out.len;
		if (before > 0)
			nk_out_char(&out, ' ');
		nk_out_mem(&out, w.buf, len);
		if (out.overflow) {
			buf[before] = '\0';
			return before;
		}
	}
	return out.len;
}
