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
#include <stdint.h>
#include <string.h>

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

typedef struct ru_work {
	char buf[NK_RU_BUF];
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

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	const size_t m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* ---- Latin spelling to phonemes ---------------------------------- */

static const char *marked_spelling(uint32_t c, uint8_t marks)
{
	for (size_t i = 0; i < nk_ru_marked_count; i++) {
		const nk_ru_marked *m = &nk_ru_marked_letters[i];
		if ((uint32_t)m->base == c && (marks & m->mark))
			return m->to;
	}
	return NULL;
}

/* Letters with the marks that carry meaning, as placeholder spellings. */
static size_t latin_prepass(char *out, size_t cap, const nk_name *nm,
			    const nk_token *t)
{
	size_t n = 0;

	for (size_t k = 0; k < t->len; k++) {
		const uint32_t c = nm->text[t->start + k];
		const char *m = marked_spelling(c, nm->marks[t->start + k]);
		if (!m) {
			if (n < cap)
				out[n++] = (char)c;
			continue;
		}
		for (; *m && n < cap; m++)
			out[n++] = *m;
	}
	return n;
}

static bool rule_fits(const nk_ru_rule *r, const char *s, size_t n,
		      size_t at, unsigned reading)
{
	const size_t len = strlen(r->from);

	if ((r->only & reading) != r->only || (r->never & reading))
		return false;
	if (len > n - at || memcmp(s + at, r->from, len) != 0)
		return false;
	if (r->context == NK_RU_INITIAL)
		return at == 0 || s[at - 1] == NK_CH_HYPHEN;
	if (r->context == NK_RU_BEFORE_FRONT) {
		const char next = at + len < n ? s[at + len] : '\0';
		return next == 'e' || next == 'i' || next == 'y';
	}
	return true;
}

static const nk_ru_rule *match_rule(const char *s, size_t n, size_t at,
				    unsigned reading)
{
	for (size_t i = 0; i < nk_ru_latin_rule_count; i++) {
		const nk_ru_rule *r = &nk_ru_latin_rules[i];
		if (r->from[0] == s[at] && rule_fits(r, s, n, at, reading))
			return r;
	}
	return NULL;
}

static size_t latin_phonemes(char *out, size_t cap, const nk_name *nm,
			     const nk_token *t, unsigned reading)
{
	char pre[NK_RU_BUF];
	const size_t n = latin_prepass(pre, sizeof pre, nm, t);
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		const nk_ru_rule *r = match_rule(pre, n, i, reading);
		const char *to = r ? r->to : NULL;
		if (!r) {
			if (o < cap)
				out[o++] = pre[i];
			i++;
			continue;
		}
		for (; *to && o < cap; to++)
			out[o++] = *to;
		i += strlen(r->from);
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

/* A soft or hard sign is a glide before a vowel and silent elsewhere:
 * Vasil'ev = Vasilyev, Ol'ga = Olga. */
static size_t fold_signs(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != NK_CH_APOSTROPHE)
			s[o++] = s[i];
		else if (i + 1 < n && is_vowel(s[i + 1]))
			s[o++] = 'i';
	}
	return o;
}

/* Runs of glide letters are one glide: ий, ьй, "iy", "ijj" -> i. */
static size_t collapse_glides(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] == 'i' && o > 0 && s[o - 1] == 'i'))
			s[o++] = s[i];
	return o;
}

/* ё is written e, yo, jo, io, ë: a glide before o reads as e. */
static size_t fold_yo(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == 'i' && i + 1 < n && s[i + 1] == 'o') {
			s[o++] = 'e';
			i++;
			continue;
		}
		s[o++] = s[i];
	}
	return o;
}

/*
 * A glide before a vowel is dropped (ya/ia/ja/â -> a, ye/ie/je -> e),
 * except word-initial я ю, which every system writes with a glide letter
 * and which tell Yana from Anna.
 */
static size_t drop_glides(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		const char next = i + 1 < n ? s[i + 1] : '\0';
		const bool initial = i == 0 || s[i - 1] == NK_CH_HYPHEN;
		const bool keep = initial && (next == 'a' || next == 'u');
		if (s[i] == 'i' && is_vowel(next) && !keep)
			continue;
		s[o++] = s[i];
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
		memmove(s + o, s + start, w);
		o += w;
		if (i < n)
			s[o++] = '-';
		start = i + 1;
	}
	return o;
}

static size_t normalize(char *s, size_t n)
{
	n = fold_signs(s, n);
	n = collapse_glides(s, n);
	n = fold_yo(s, n);
	n = drop_glides(s, n);
	n = collapse_doubles(s, n);
	return fold_endings(s, n);
}

static size_t token_phonemes(char *out, size_t cap, const nk_name *nm,
			     const nk_token *t, unsigned reading)
{
	const size_t n = t->script == NK_SCRIPT_CYRILLIC
				 ? cyrillic_phonemes(out, cap, nm, t)
				 : latin_phonemes(out, cap, nm, t, reading);
	return normalize(out, n);
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

static int cmp_parts(const ru_part *a, const ru_part *b)
{
	const size_t n = a->len < b->len ? a->len : b->len;
	const int c = memcmp(a->s, b->s, n);
	return c ? c : (a->len > b->len) - (a->len < b->len);
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

/* Phonemes of every token but skip; initials set apart. */
static void split_parts(ru_work *w, const nk_name *nm, unsigned reading,
			size_t skip)
{
	w->used = w->nparts = w->ninitials = 0;
	for (size_t i = 0; i < nm->ntok; i++) {
		const nk_token *t = &nm->tok[i];
		char *dst = w->buf + w->used;
		if (i == skip)
			continue;
		const size_t n = token_phonemes(dst, sizeof w->buf - w->used,
						nm, t, reading);
		if (n == 0)
			continue;
		if (t->flags & NK_TOK_INITIAL) {
			w->initials[w->ninitials++] = dst[0];
			continue;
		}
		w->parts[w->nparts++] = (ru_part){ dst, n, i };
		w->used += n;
	}
}

static void write_key(nk_out *out, const ru_work *w)
{
	nk_out_str(out, "ru");
	for (size_t i = 0; i < w->nparts; i++) {
		nk_out_char(out, ':');
		nk_out_mem(out, w->parts[i].s, w->parts[i].len);
	}
	if (w->ninitials == 0)
		return;
	nk_out_char(out, ':');
	nk_out_mem(out, w->initials, w->ninitials);
	nk_out_char(out, '.');
}

/* ---- readings ---------------------------------------------------- */

static bool token_has(const nk_name *nm, const nk_token *t, const char *s)
{
	const size_t m = strlen(s);
	for (size_t k = 0; k + m <= t->len; k++) {
		size_t j = 0;
		while (j < m && nm->text[t->start + k + j] == (uint32_t)s[j])
			j++;
		if (j == m)
			return true;
	}
	return false;
}

/* Does a Latin token other than skip contain s? */
static bool name_has(const nk_name *nm, const char *s, size_t skip)
{
	for (size_t i = 0; i < nm->ntok; i++)
		if (i != skip && nm->tok[i].script == NK_SCRIPT_LATIN &&
		    token_has(nm, &nm->tok[i], s))
			return true;
	return false;
}

static bool name_has_mark(const nk_name *nm, uint8_t mark)
{
	for (size_t i = 0; i < nm->ntext; i++)
		if (nm->marks[i] & mark)
			return true;
	return false;
}

static bool has_any(const nk_name *nm, const char *const *cues, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (name_has(nm, cues[i], NK_RU_NONE))
			return true;
	return false;
}

/* Spellings only French transcription uses. */
static bool french_cues(const nk_name *nm)
{
	static const char *const cues[] = { "ou", "tch", "gue", "gui" };
	return has_any(nm, cues, NK_ARRAY_LEN(cues));
}

/* Spellings of alphabets where ch is х: German, Polish, Czech. */
static bool central_cues(const nk_name *nm)
{
	static const char *const cues[] = { "w", "sch", "sz", "cz" };
	return has_any(nm, cues, NK_ARRAY_LEN(cues)) ||
	       name_has_mark(nm, NK_MARK_CARON);
}

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

/* Is there a j inside a word, which French and Telegram read as ж?  A
 * final j (Sergej, Nikolaj) is always й. */
static bool has_inner_j(const nk_name *nm, size_t skip)
{
	for (size_t i = 0; i < nm->ntok; i++) {
		const nk_token *t = &nm->tok[i];
		if (i == skip || t->script != NK_SCRIPT_LATIN)
			continue;
		for (size_t k = 0; k + 1 < t->len; k++)
			if (nm->text[t->start + k] == 'j' &&
			    nk_is_alpha(nm->text[t->start + k + 1]))
				return true;
	}
	return false;
}

/* The readings worth a key, the most likely first. */
static size_t choose_readings(unsigned *r, const nk_name *nm, size_t skip,
			      const nk_tracer *tr)
{
	static const unsigned french = NK_RU_FR | NK_RU_JZ;
	size_t n = 0;

	if (central_cues(nm)) {
		nk_trace(tr, "ru", "German/Polish/Czech spelling: ch read as х");
		n = add_reading(r, n, NK_RU_DE);
	} else if (french_cues(nm)) {
		nk_trace(tr, "ru", "French spelling: ch read as ш, j as ж");
		n = add_reading(r, n, french);
		n = add_reading(r, n, 0);
	} else {
		n = add_reading(r, n, 0);
		if (name_has(nm, "ch", skip)) {
			nk_trace(tr, "ru", "ch may be French ш: two readings");
			n = add_reading(r, n, french);
		}
		if (has_inner_j(nm, skip)) {
			nk_trace(tr, "ru", "j may be ж: two readings");
			n = add_reading(r, n, NK_RU_JZ);
		}
	}
	if (name_has(nm, "x", skip)) {
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

static void key_reading(nk_out *out, ru_work *w, const nk_name *nm,
			unsigned reading, size_t skip, unsigned flags)
{
	const size_t start = out->len;

	split_parts(w, nm, reading, skip);
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

	split_parts(&w, nm, 0, NK_RU_NONE);
	const size_t skip = find_patronymic(&w);
	if (skip != NK_RU_NONE) {
		char pat[NK_NAME_MAX];
		nk_token_utf8(pat, sizeof pat, nm, &nm->tok[skip]);
		nk_trace(tr, "ru", "patronymic \"%s\" left out of the key", pat);
	}
	const size_t n = choose_readings(readings, nm, skip, tr);
	for (size_t i = 0; i < n; i++)
		key_reading(out, &w, nm, readings[i], skip, flags);
	return NK_OK;
}

int nk_ru_cues(const nk_name *nm)
{
	int cues = 0;
	ru_work w;

	split_parts(&w, nm, 0, NK_RU_NONE);
	for (size_t i = 0; i < w.nparts; i++) {
		const ru_part *p = &w.parts[i];
		for (size_t k = 0; k < nk_ru_surname_suffix_count; k++)
			cues += ends_with(p->s, p->len, nk_ru_surname_suffixes[k]);
		cues += is_patronymic(p);
	}
	return cues;
}
