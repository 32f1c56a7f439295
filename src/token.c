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
	size_t out;       /* next compacted slot */
	bool open;        /* a token is being built */
	unsigned uppers;  /* capitals in the open token */
	unsigned letters; /* letters in the open token */
	int depth;        /* parentheses */
	int status;
} splitter;

static nk_token *cur(splitter *sp)
{
	return &sp->nm->tok[sp->nm->ntok];
}

static void close_token(splitter *sp)
{
	if (!sp->open)
		return;
	nk_token *t = cur(sp);
	while (t->len > 0 && !nk_is_alpha(sp->nm->text[t->start + t->len - 1]) &&
	       nk_token_script_of(sp->nm->text[t->start + t->len - 1]) ==
		       NK_SCRIPT_LATIN)
		t->len--; /* trailing ' or - */
	sp->out = t->start + t->len;
	sp->open = false;
	if (t->len == 0)
		return;
	if (sp->uppers == sp->letters && sp->letters > 1)
		t->flags |= NK_TOK_UPPER;
	sp->nm->ntok++;
}

static void append(splitter *sp, uint32_t cp, uint8_t marks)
{
	sp->nm->text[sp->out] = cp;
	sp->nm->marks[sp->out] = marks;
	sp->out++;
	cur(sp)->len++;
}

static void open_token(splitter *sp, uint8_t script)
{
	if (sp->nm->ntok >= NK_TOKENS_MAX) {
		sp->status = NK_ETOOLONG;
		return;
	}
	*cur(sp) = (nk_token){ .start = (uint16_t)sp->out, .script = script };
	sp->open = true;
	sp->uppers = 0;
	sp->letters = 0;
}

static void flag_last(splitter *sp, uint8_t flag)
{
	if (sp->nm->ntok > 0 && !sp->open)
		sp->nm->tok[sp->nm->ntok - 1].flags |= flag;
}

/*
 * Append the run of letters of one script that starts at slot i, all to
 * one token; returns the slot after the run.  A name is mostly such runs,
 * so they are copied in one tight loop, on locals, rather than slot by
 * slot.
 */
static size_t letters(splitter *sp, size_t i)
{
	nk_name *nm = sp->nm;
	const size_t end = nm->ntext;
	const uint8_t script = nk_token_script_of(nm->text[i]);

	if (sp->open && cur(sp)->script != script)
		close_token(sp);
	if (!sp->open)
		open_token(sp, script);
	if (sp->status != NK_OK)
		return i;
	size_t out = sp->out;
	unsigned uppers = 0;
	for (; i < end && is_letter(nm->kind[i]); i++) {
		const uint32_t c = nm->text[i];
		if (nk_token_script_of(c) != script)
			break;
		uppers += is_upper(nm->kind[i]);
		nm->text[out] = c; /* out <= i: compaction in place */
		nm->marks[out] = nm->marks[i];
		out++;
	}
	const size_t n = out - sp->out;
	sp->uppers += uppers;
	sp->letters += (unsigned)n;
	cur(sp)->len = (uint16_t)(cur(sp)->len + n);
	sp->out = out;
	return i;
}

/* ' - " between letters stay in the token; elsewhere they split. */
static void joiner(splitter *sp, size_t i, uint32_t as)
{
	const nk_name *nm = sp->nm;
	const bool next_letter = i + 1 < nm->ntext && is_letter(nm->kind[i + 1]);

	if (sp->open && next_letter) {
		if (as == NK_CH_HYPHEN)
			cur(sp)->flags |= NK_TOK_HYPHENED;
		append(sp, as, 0);
		return;
	}
	if (as != NK_CH_APOSTROPHE)
		close_token(sp);
}

/* Take the slot i, which is not a letter, or is inside parentheses. */
static void slot(splitter *sp, size_t i)
{
	const uint8_t kind = sp->nm->kind[i];

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

/* The first noise word that starts with c or later (sorted by it). */
static size_t first_noise(uint32_t c)
{
	size_t lo = 0, hi = nk_noise_count;

	while (lo < hi) {
		const size_t mid = lo + (hi - lo) / 2;
		if ((uint32_t)nk_noise_table[mid].word[0] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Bit of nk_noise_filter for a word; the multipliers spread the letters. */
static unsigned noise_hash(uint32_t first, uint32_t last, size_t len)
{
	const uint32_t h = first * 0x9E3779B1u ^ last * 0x85EBCA77u ^
			   (uint32_t)len * 0xC2B2AE3Du;
	return (h >> 16) % NK_NOISE_FILTER_BITS;
}

static void filter_add(nk_noise_filter *f, unsigned bit)
{
	f->bits[bit / 64] |= (uint64_t)1 << (bit % 64);
}

static bool filter_has(const nk_noise_filter *f, unsigned bit)
{
	return (f->bits[bit / 64] >> (bit % 64)) & 1;
}

void nk_token_init(nk_noise_filter *f)
{
	*f = (nk_noise_filter){ 0 };
	for (size_t i = 0; i < nk_noise_count; i++) {
		const char32_t *w = nk_noise_table[i].word;
		size_t len = 0;
		while (w[len])
			len++;
		filter_add(f, noise_hash(w[0], w[len - 1], len));
	}
}

static bool is_noise(const nk_name *nm, const nk_token *t)
{
	if (t->len > NK_NOISE_MAX_LEN)
		return false;
	const uint32_t c = nm->text[t->start];
	const uint32_t last = nm->text[t->start + t->len - 1];
	if (!filter_has(&nm->ctx->noise, noise_hash(c, last, t->len)))
		return false;
	for (size_t i = first_noise(c); i < nk_noise_count &&
	     (uint32_t)nk_noise_table[i].word[0] == c; i++) {
		const nk_noise_word *w = &nk_noise_table[i];
		if (w->needs_dot && !(t->flags & NK_TOK_DOT))
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
		nk_token t = nm->tok[i];
		if (is_noise(nm, &t)) {
			drop_honorific(nm, &t, kept, tr);
			continue;
		}
		strip_hangul_suffix(nm, &t);
		mark_initial(&t);
		if (has_case(&t) && t.len >= 2) {
			cased++;
			upper += (t.flags & NK_TOK_UPPER) != 0;
		}
		nm->tok[kept++] = t;
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

	nm->ntok = 0;
	for (size_t i = 0; i < nm->ntext && sp.status == NK_OK;) {
		if (sp.depth == 0 && is_letter(nm->kind[i])) {
			i = letters(&sp, i);
			continue;
		}
		slot(&sp, i++);
	}
	if (sp.status == NK_OK)
		close_token(&sp);
	if (sp.status != NK_OK)
		return sp.status;
	nm->ntext = sp.out;
	finish_tokens(nm, tr);
	return nm->ntok == 0 ? NK_EEMPTY : NK_OK;
}
