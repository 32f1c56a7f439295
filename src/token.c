/*
 * token.c - the token stage.
 *
 * Owns what a name part is: a run of letters of one script, possibly
 * joined by inner hyphens and apostrophes, ended by spaces, commas, dots
 * or a change of script.  Parenthesized text and honorifics are not name
 * parts; the caller keeps the original text for display.
 */
#include <assert.h>
#include <string.h>

#include "ctx.h"
#include "token.h"
#include "token_tables.h"
#include "utf8.h"

/* Latin and Cyrillic initials are one letter; "Yu." and "Zh." two. */
#define NK_INITIAL_MAX_LEN 2
/* No honorific in token_tables.c is longer (господин). */
#define NK_NOISE_MAX_LEN 8
/* A Hangul name with an attached address term has at least 3 syllables. */
#define NK_HANGUL_SUFFIX_MIN_LEN 3

static bool is_letter(uint8_t kind)
{
	return kind == NK_KIND_LETTER || kind == NK_KIND_UPPER;
}

/* 1 for a capital, 0 for another letter: counted once a letter. */
static unsigned is_upper(uint8_t letter_kind)
{
	static_assert(NK_KIND_UPPER == NK_KIND_LETTER + 1,
		      "a capital is the letter kind after a letter");
	return (unsigned)(letter_kind - NK_KIND_LETTER);
}

typedef struct splitter {
	nk_name *nm;
	nk_token tok;     /* the open token, stored when closed */
	size_t ntok;      /* tokens stored */
	size_t out;       /* next compacted slot */
	unsigned uppers;  /* capitals in the open token */
	unsigned letters; /* letters in the open token */
	bool open;        /* a token is being built */
	bool joined;      /* the open token ends in a joiner, ' or - */
	int depth;        /* parentheses */
	int status;
} splitter;

/*
 * A joiner is only taken before a letter, so a token ends in one only
 * when the next letter is of another script; no letter folds to ASCII
 * punctuation, so that joiner is all there is to take off.
 */
static void close_token(splitter *sp)
{
	if (!sp->open)
		return;
	nk_token *t = &sp->tok;
	t->len = (uint16_t)(t->len - sp->joined);
	sp->out = t->start + t->len;
	sp->open = false;
	if (t->len == 0)
		return;
	if (sp->uppers == sp->letters && sp->letters > 1)
		t->flags |= NK_TOK_UPPER;
	sp->nm->tok[sp->ntok++] = *t;
}

static void open_token(splitter *sp, uint8_t script)
{
	if (sp->ntok >= NK_TOKENS_MAX) {
		sp->status = NK_ETOOLONG;
		return;
	}
	sp->tok = (nk_token){ .start = (uint16_t)sp->out, .script = script };
	sp->open = true;
	sp->joined = false;
	sp->uppers = 0;
	sp->letters = 0;
}

static void flag_last(splitter *sp, uint8_t flag)
{
	if (sp->ntok > 0 && !sp->open)
		sp->nm->tok[sp->ntok - 1].flags |= flag;
}

/* A run of letters being copied to the open token. */
typedef struct run {
	size_t out;      /* next compacted slot */
	unsigned uppers; /* capitals copied */
} run;

/*
 * Copy the letters of script `script` from slot i on, compacting in place
 * (out <= i); returns the slot after them.  Inline, and called with the
 * script as a constant where it can be, so that the test of a letter's
 * script folds to a compare or two: a name is mostly such runs.
 */
static inline size_t copy_run(nk_name *nm, size_t i, size_t end, run *r,
			      uint8_t script)
{
	size_t out = r->out;
	unsigned uppers = 0;

	for (; i < end && is_letter(nm->kind[i]); i++) {
		const uint32_t c = nm->text[i];
		if (nk_token_script_of(c) != script)
			break;
		uppers += is_upper(nm->kind[i]);
		nm->text[out] = c;
		nm->marks[out] = nm->marks[i];
		out++;
	}
	r->out = out;
	r->uppers = uppers;
	return i;
}

/*
 * Append the run of letters of one script that starts at slot i, all to
 * one token; returns the slot after the run.
 */
static size_t letters(splitter *sp, size_t i)
{
	nk_name *nm = sp->nm;
	const size_t end = nm->ntext;
	const uint8_t script = nk_token_script_of(nm->text[i]);

	if (sp->open && sp->tok.script != script)
		close_token(sp);
	if (!sp->open)
		open_token(sp, script);
	if (sp->status != NK_OK)
		return i;
	run r = { .out = sp->out };
	switch (script) {
	case NK_SCRIPT_LATIN:
		i = copy_run(nm, i, end, &r, NK_SCRIPT_LATIN);
		break;
	case NK_SCRIPT_CYRILLIC:
		i = copy_run(nm, i, end, &r, NK_SCRIPT_CYRILLIC);
		break;
	default:
		i = copy_run(nm, i, end, &r, script);
		break;
	}
	const size_t n = r.out - sp->out;
	sp->uppers += r.uppers;
	sp->letters += (unsigned)n;
	sp->tok.len = (uint16_t)(sp->tok.len + n);
	sp->joined = false;
	sp->out = r.out;
	return i;
}

/* ' - " between letters stay in the token; elsewhere they split. */
static void joiner(splitter *sp, size_t i, uint32_t as)
{
	nk_name *nm = sp->nm;
	const bool next_letter = i + 1 < nm->ntext && is_letter(nm->kind[i + 1]);

	if (sp->open && next_letter) {
		if (as == NK_CH_HYPHEN)
			sp->tok.flags |= NK_TOK_HYPHENED;
		nm->text[sp->out] = as;
		nm->marks[sp->out] = 0;
		sp->out++;
		sp->tok.len++;
		sp->joined = true;
		return;
	}
	if (as != NK_CH_APOSTROPHE)
		close_token(sp);
}

/* Take the slot i, which is not a letter, or is inside parentheses. */
static void slot(splitter *sp, size_t i)
{
	const uint8_t kind = sp->nm->kind[i];

	if (kind == NK_KIND_SPACE) {
		close_token(sp); /* the common case; no token is open in ( ) */
		return;
	}
	if (kind == NK_KIND_OPEN) {
		close_token(sp);
		sp->depth++;
		return;
	}
	if (kind == NK_KIND_CLOSE) {
		close_token(sp);
		sp->depth -= sp->depth > 0;
		return;
	}
	if (sp->depth > 0)
		return;
	switch (kind) {
	case NK_KIND_HYPHEN:
		joiner(sp, i, NK_CH_HYPHEN);
		break;
	case NK_KIND_APOS:
	case NK_KIND_QUOTE:
		joiner(sp, i, NK_CH_APOSTROPHE);
		break;
	case NK_KIND_DOT:
		close_token(sp);
		flag_last(sp, NK_TOK_DOT);
		break;
	case NK_KIND_COMMA:
		close_token(sp);
		flag_last(sp, NK_TOK_COMMA);
		break;
	default:
		close_token(sp);
		break;
	}
}

bool nk_token_is(const nk_name *nm, const nk_token *t, const char *w)
{
	size_t i = 0, k = 0;

	for (; k < t->len && w[i]; k++)
		if (nk_utf8_next(w, &i) != nm->text[t->start + k])
			return false;
	return k == t->len && w[i] == '\0';
}

void nk_token_utf8(char *out, size_t cap, const nk_name *nm,
		   const nk_token *t)
{
	size_t n = 0;

	for (size_t k = 0; k < t->len; k++) {
		char tmp[4];
		const size_t m = nk_utf8_put(tmp, nm->text[t->start + k]);
		if (n + m >= cap)
			break;
		memcpy(out + n, tmp, m);
		n += m;
	}
	if (cap > 0)
		out[n] = '\0';
}

int nk_token_cmp(const nk_name *nm, const nk_token *a, const nk_token *b)
{
	const size_t n = a->len < b->len ? a->len : b->len;

	for (size_t i = 0; i < n; i++) {
		const uint32_t p = nm->text[a->start + i];
		const uint32_t q = nm->text[b->start + i];
		if (p != q)
			return (p > q) - (p < q);
	}
	return (a->len > b->len) - (a->len < b->len);
}

static bool same_word(const nk_name *nm, const nk_token *t,
		      const char32_t *w)
{
	size_t k = 0;
	for (; k < t->len && w[k]; k++)
		if (w[k] != nm->text[t->start + k])
			return false;
	return k == t->len && w[k] == 0;
}

/*
 * Hash of a word from its first two letters (second is 0 for one letter),
 * last letter and length: one multiply mixes them into the high bits.
 */
static uint32_t noise_hash(uint32_t first, uint32_t second, uint32_t last,
			   size_t len)
{
	static const uint64_t golden = 0x9E3779B97F4A7C15u; /* 2^64 / phi */
	const uint64_t key = ((uint64_t)first << 42) ^
			     ((uint64_t)second << 21) ^ last ^
			     ((uint64_t)len << 59);
	return (uint32_t)((key * golden) >> 32);
}

static size_t noise_slot(uint32_t hash)
{
	return hash % NK_NOISE_SLOTS;
}

static uint32_t word_hash(const char32_t *w)
{
	size_t len = 0;
	while (w[len])
		len++;
	return noise_hash(w[0], w[1], w[len - 1], len);
}

void nk_token_init(nk_noise_index *x)
{
	*x = (nk_noise_index){ 0 };
	for (size_t i = 0; i < nk_noise_count; i++) {
		const uint32_t h = word_hash(nk_noise_table[i].word);
		size_t s = noise_slot(h);
		while (x->word[s])
			s = noise_slot((uint32_t)s + 1);
		x->hash[s] = h;
		x->word[s] = (uint8_t)(i + 1);
	}
}

static bool is_noise(const nk_name *nm, const nk_token *t)
{
	if (t->len > NK_NOISE_MAX_LEN)
		return false;
	const uint32_t *c = nm->text + t->start;
	const uint32_t h = noise_hash(c[0], t->len > 1 ? c[1] : 0,
				      c[t->len - 1], t->len);
	const nk_noise_index *x = &nm->ctx->noise;
	for (size_t s = noise_slot(h); x->word[s];
	     s = noise_slot((uint32_t)s + 1)) {
		const nk_noise_word *w = &nk_noise_table[x->word[s] - 1];
		if (x->hash[s] != h || (w->needs_dot && !(t->flags & NK_TOK_DOT)))
			continue;
		if (same_word(nm, t, w->word))
			return true;
	}
	return false;
}

/* 김수길씨 -> 김수길 */
static void strip_hangul_suffix(const nk_name *nm, nk_token *t)
{
	if (t->script != NK_SCRIPT_HANGUL || t->len < NK_HANGUL_SUFFIX_MIN_LEN)
		return;
	const uint32_t last = nm->text[t->start + t->len - 1];
	for (size_t i = 0; i < nk_hangul_suffix_count; i++)
		if (last == nk_hangul_suffix_table[i])
			t->len--;
}

static bool has_case(const nk_token *t)
{
	return t->script == NK_SCRIPT_LATIN || t->script == NK_SCRIPT_CYRILLIC;
}

static void mark_initial(nk_token *t)
{
	if (!has_case(t))
		return;
	if (t->len == 1 ||
	    (t->len <= NK_INITIAL_MAX_LEN && (t->flags & NK_TOK_DOT)))
		t->flags |= NK_TOK_INITIAL;
}

static void drop_honorific(nk_name *nm, const nk_token *t, size_t kept,
			   const nk_tracer *tr)
{
	char w[64];
	nk_token_utf8(w, sizeof w, nm, t);
	nk_trace(tr, "tokens", "dropped honorific \"%s\"", w);
	if (t->flags & NK_TOK_COMMA && kept > 0)
		nm->tok[kept - 1].flags |= NK_TOK_COMMA;
}

/*
 * The tokens once split: honorifics dropped, initials marked, and the
 * capitals flag cleared when it sets no part apart.  Capitals set a part
 * apart ("KIM Su Gil": KIM is the surname) only when other parts are not
 * in capitals too: a name written all in capitals says nothing about its
 * parts.
 */
static void finish_tokens(nk_name *nm, const nk_tracer *tr)
{
	size_t kept = 0, cased = 0, upper = 0;

	for (size_t i = 0; i < nm->ntok; i++) {
		nk_token *t = &nm->tok[i];
		if (is_noise(nm, t)) {
			drop_honorific(nm, t, kept, tr);
			continue;
		}
		strip_hangul_suffix(nm, t);
		mark_initial(t);
		if (has_case(t) && t->len >= 2) {
			cased++;
			upper += (t->flags & NK_TOK_UPPER) != 0;
		}
		if (kept != i)
			nm->tok[kept] = *t;
		kept++;
	}
	nm->ntok = kept;
	if (upper < cased)
		return;
	for (size_t i = 0; i < nm->ntok; i++)
		nm->tok[i].flags &= (uint8_t)~NK_TOK_UPPER;
}

int nk_token_split(nk_name *nm, const nk_tracer *tr)
{
	splitter sp = { .nm = nm, .status = NK_OK };
	const size_t end = nm->ntext;

	for (size_t i = 0; i < end;) {
		if (sp.depth > 0 || !is_letter(nm->kind[i])) {
			slot(&sp, i++);
			continue;
		}
		i = letters(&sp, i);
		if (sp.status != NK_OK)
			return sp.status;
	}
	close_token(&sp);
	nm->ntext = sp.out;
	nm->ntok = sp.ntok;
	finish_tokens(nm, tr);
	return nm->ntok == 0 ? NK_EEMPTY : NK_OK;
}
