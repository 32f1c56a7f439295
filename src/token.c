/*
 * token.c - the token stage.
 *
 * Owns what a name part is: a run of letters of one script, possibly
 * joined by inner hyphens and apostrophes, ended by spaces, commas, dots
 * or a change of script.  Parenthesized text and honorifics are not name
 * parts; the caller keeps the original text for display.
 *
 * A name is split from its folded slots (nk_token_split), or in one pass
 * straight from its bytes, each code point folded from the fold tables on
 * the way (nk_token_read), so that the slots are not written and read
 * back.  Both feed one splitter, slot by slot.
 */
#include <string.h>

#include "fold.h"
#include "token.h"
#include "token_tables.h"
#include "utf8.h"

/* Latin and Cyrillic initials are one letter; "Yu." and "Zh." two. */
#define NK_INITIAL_MAX_LEN 2
/* A Hangul name with an attached address term has at least 3 syllables. */
#define NK_HANGUL_SUFFIX_MIN_LEN 3

/*
 * The bit of a letter that says it is a capital: NK_ASCII_CAPITAL, as in
 * ctx->ascii_letter, or 0.  A token's letters are all capitals when the
 * AND of their bits keeps it.
 */
static uint8_t capital_bit(uint8_t letter_kind)
{
	return letter_kind == NK_KIND_UPPER ? NK_ASCII_CAPITAL : 0;
}

static bool has_case(const nk_token *t)
{
	return t->script == NK_SCRIPT_LATIN || t->script == NK_SCRIPT_CYRILLIC;
}

/* ---- honorifics ---------------------------------------------------- */

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

/* The first slot of a hash: its high bits, the well mixed ones. */
static size_t noise_slot(uint32_t hash)
{
	return hash >> (32 - NK_NOISE_SLOT_BITS);
}

static size_t next_slot(size_t s)
{
	return (s + 1) % NK_NOISE_SLOTS;
}

static uint32_t word_hash(const char32_t *w)
{
	size_t len = 0;
	while (w[len])
		len++;
	return noise_hash(w[0], w[1], w[len - 1], len);
}

/* The bits of nk_noise_index.ends for the first and last letters. */
static uint32_t *noise_ends(nk_noise_index *x, size_t len, uint32_t first)
{
	return &x->ends[len][first % NK_NOISE_LETTER_BITS];
}

static uint32_t last_bit(uint32_t last)
{
	return 1u << (last % NK_NOISE_LETTER_BITS);
}

void nk_token_init(nk_noise_index *x)
{
	*x = (nk_noise_index){ 0 };
	for (size_t i = 0; i < nk_noise_count; i++) {
		const char32_t *w = nk_noise_table[i].word;
		size_t len = 0;
		while (w[len])
			len++;
		*noise_ends(x, len, w[0]) |= last_bit(w[len - 1]);
		const uint32_t h = word_hash(w);
		size_t s = noise_slot(h);
		while (x->word[s])
			s = next_slot(s);
		x->hash[s] = h;
		x->word[s] = (uint8_t)(i + 1);
	}
}

/*
 * Can the letters c, len of them, be an honorific, by their length and
 * first and last letters?  Nearly all name parts cannot.
 */
static inline bool may_be_noise(const nk_noise_index *x, const uint32_t *c,
				size_t len)
{
	return len <= NK_NOISE_MAX_LEN &&
	       (x->ends[len][c[0] % NK_NOISE_LETTER_BITS] &
		last_bit(c[len - 1]));
}

static bool is_noise(const nk_name *nm, const nk_token *t)
{
	const uint32_t *c = nm->text + t->start;
	const nk_noise_index *x = &nm->ctx->noise;
	if (!may_be_noise(x, c, t->len))
		return false;
	const uint32_t h = noise_hash(c[0], t->len > 1 ? c[1] : 0,
				      c[t->len - 1], t->len);
	for (size_t s = noise_slot(h); x->word[s]; s = next_slot(s)) {
		const nk_noise_word *w = &nk_noise_table[x->word[s] - 1];
		if (x->hash[s] != h || (w->needs_dot && !(t->flags & NK_TOK_DOT)))
			continue;
		if (same_word(nm, t, w->word))
			return true;
	}
	return false;
}

/* ---- the splitter -------------------------------------------------- */

typedef struct splitter {
	nk_name *nm;
	nk_token tok;      /* the open token: start, script, flags */
	size_t ntok;       /* tokens stored */
	size_t out;        /* next compacted slot */
	uint32_t pending;  /* a joiner waiting to see the next slot, or 0 */
	unsigned joiners;  /* joiners in the open token */
	uint8_t caps;      /* AND of the capital bits of its letters */
	bool open;         /* a token is being built */
	bool joined;       /* the open token ends in a joiner, ' or - */
	bool finish;       /* finish_tokens() has work: see note_token() */
	int depth;         /* parentheses */
	int status;
} splitter;

/* A letter or two of a script with case, the latter with a dot. */
static void mark_initial(nk_token *t)
{
	if (!has_case(t))
		return;
	if (t->len == 1 ||
	    (t->len <= NK_INITIAL_MAX_LEN && (t->flags & NK_TOK_DOT)))
		t->flags |= NK_TOK_INITIAL;
}

/*
 * What is known of a token as it is stored, while its letters are at
 * hand: a single letter of a script with case is an initial (two with a
 * dot: flag_last()), and whether finish_tokens() has work.  It has only
 * for a name with a part in capitals, a Hangul part (an address term may
 * end it) or a part that may be an honorific.
 */
static inline void note_token(splitter *sp, nk_token *t)
{
	const nk_name *nm = sp->nm;

	if (t->len == 1 && has_case(t))
		t->flags |= NK_TOK_INITIAL;
	if ((t->flags & NK_TOK_UPPER) || t->script == NK_SCRIPT_HANGUL ||
	    may_be_noise(&nm->ctx->noise, nm->text + t->start, t->len))
		sp->finish = true;
}

/*
 * A joiner is only taken before a letter, so a token ends in one only
 * when the next letter is of another script; no letter folds to ASCII
 * punctuation, so that joiner is all there is to take off.  A token has
 * a letter: it is opened for one.
 */
static void close_token(splitter *sp)
{
	if (!sp->open)
		return;
	nk_token *t = &sp->tok;
	sp->out -= sp->joined;
	t->len = (uint16_t)(sp->out - t->start);
	sp->open = false;
	const unsigned letters = t->len - (sp->joiners - sp->joined);
	if (sp->caps && letters > 1)
		t->flags |= NK_TOK_UPPER;
	note_token(sp, t);
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
	sp->caps = NK_ASCII_CAPITAL;
	sp->joiners = 0;
}

/* A dot or a comma after a token. */
static void flag_last(splitter *sp, uint8_t flag)
{
	close_token(sp);
	if (sp->ntok == 0)
		return;
	nk_token *t = &sp->nm->tok[sp->ntok - 1];
	t->flags |= flag;
	if (flag == NK_TOK_DOT)
		mark_initial(t);
}

/*
 * ' - " between letters stay in the token; elsewhere they split, except
 * that an apostrophe before a sign is only left out.  Whether a letter
 * follows is known at the next slot: until then the joiner waits.
 */
static void joiner(splitter *sp, uint32_t as)
{
	if (sp->open)
		sp->pending = as;
}

static void take_joiner(splitter *sp, bool before_letter)
{
	const uint32_t as = sp->pending;
	sp->pending = 0;
	if (!before_letter) {
		if (as == NK_CH_HYPHEN)
			close_token(sp);
		return;
	}
	if (as == NK_CH_HYPHEN)
		sp->tok.flags |= NK_TOK_HYPHENED;
	sp->nm->text[sp->out] = as;
	sp->nm->marks[sp->out] = 0;
	sp->out++;
	sp->joiners++;
	sp->joined = true;
}

/*
 * Ready the open token for letters of script `script`; false when they
 * are not kept: inside parentheses, or with one token too many (status).
 */
static inline bool start_letters(splitter *sp, uint8_t script)
{
	if (sp->depth > 0)
		return false;
	if (sp->pending)
		take_joiner(sp, true);
	if (sp->open && sp->tok.script != script)
		close_token(sp);
	if (!sp->open)
		open_token(sp, script);
	sp->joined = false;
	return sp->status == NK_OK;
}

/* Take a slot that is not a letter, nor a space after no joiner. */
static void other_sign(splitter *sp, uint8_t kind)
{
	if (sp->pending)
		take_joiner(sp, false);
	if (kind == NK_KIND_SPACE) {
		close_token(sp); /* no token is open in ( ) */
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
		joiner(sp, NK_CH_HYPHEN);
		break;
	case NK_KIND_APOS:
	case NK_KIND_QUOTE:
		joiner(sp, NK_CH_APOSTROPHE);
		break;
	case NK_KIND_DOT:
		flag_last(sp, NK_TOK_DOT);
		break;
	case NK_KIND_COMMA:
		flag_last(sp, NK_TOK_COMMA);
		break;
	default:
		close_token(sp);
		break;
	}
}

/* Take a slot that is not a letter: a space, mostly, inline. */
static inline void sign(splitter *sp, uint8_t kind)
{
	if (kind == NK_KIND_SPACE && !sp->pending)
		close_token(sp);
	else
		other_sign(sp, kind);
}

/* Take one letter slot. */
static void letter(splitter *sp, uint32_t c, uint8_t kind, uint8_t marks)
{
	if (!start_letters(sp, nk_token_script_of(c)))
		return;
	sp->nm->text[sp->out] = c;
	sp->nm->marks[sp->out] = marks;
	sp->out++;
	sp->caps &= capital_bit(kind);
}

/* ---- the end of a split ------------------------------------------- */

/* A Hangul token: 김수길씨 -> 김수길 */
static void strip_hangul_suffix(const nk_name *nm, nk_token *t)
{
	if (t->len < NK_HANGUL_SUFFIX_MIN_LEN)
		return;
	const uint32_t last = nm->text[t->start + t->len - 1];
	for (size_t i = 0; i < nk_hangul_suffix_count; i++)
		if (last == nk_hangul_suffix_table[i])
			t->len--;
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
 * The tokens once split: honorifics dropped, address terms stripped, and
 * the capitals flag cleared when it sets no part apart.  Capitals set a
 * part apart ("KIM Su Gil": KIM is the surname) only when other parts
 * are not in capitals too: a name written all in capitals says nothing
 * about its parts.
 */
static void finish_tokens(nk_name *nm, const nk_tracer *tr)
{
	const size_t n = nm->ntok;
	size_t kept = 0, cased = 0, upper = 0;

	for (size_t i = 0; i < n; i++) {
		nk_token *t = &nm->tok[i];
		if (is_noise(nm, t)) {
			drop_honorific(nm, t, kept, tr);
			continue;
		}
		if (t->script == NK_SCRIPT_HANGUL)
			strip_hangul_suffix(nm, t);
		if (has_case(t)) {
			cased += t->len >= 2;
			upper += t->len >= 2 && (t->flags & NK_TOK_UPPER);
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

/* The last slot taken: close the split and finish the tokens. */
static inline int end_split(splitter *sp, const nk_tracer *tr)
{
	nk_name *nm = sp->nm;

	if (sp->pending)
		take_joiner(sp, false);
	close_token(sp);
	nm->ntext = sp->out;
	nm->ntok = sp->ntok;
	if (sp->finish)
		finish_tokens(nm, tr);
	return nm->ntok == 0 ? NK_EEMPTY : NK_OK;
}

int nk_token_split(nk_name *nm, const nk_tracer *tr)
{
	splitter sp = { .nm = nm, .status = NK_OK };
	const size_t end = nm->ntext;

	for (size_t i = 0; i < end; i++) {
		const uint8_t kind = nm->kind[i];
		if (!nk_kind_is_letter(kind)) {
			sign(&sp, kind);
			continue;
		}
		letter(&sp, nm->text[i], kind, nm->marks[i]);
		if (sp.status != NK_OK)
			return sp.status;
	}
	return end_split(&sp, tr);
}

/* ---- the one pass over the bytes ---------------------------------- */

/* Take an ASCII byte that is not a letter: a sign, or no slot. */
static inline void take_ascii_sign(splitter *sp, uint8_t kind)
{
	if (kind != NK_KIND_DROP)
		sign(sp, kind);
}

/*
 * Copy the run of ASCII letters at u[i], folded, to the open token;
 * returns the offset after it.
 */
static inline size_t copy_ascii(splitter *sp, const uint8_t *ascii,
				const unsigned char *u, size_t i, size_t len)
{
	nk_name *nm = sp->nm;
	size_t out = sp->out;
	uint8_t caps = NK_ASCII_CAPITAL;
	for (; i < len && ascii[u[i]]; i++) {
		const uint8_t a = ascii[u[i]];
		nm->text[out] = a & ~NK_ASCII_CAPITAL;
		nm->marks[out] = 0;
		out++;
		caps &= a;
	}
	sp->out = out;
	sp->caps &= caps;
	return i;
}

/*
 * Take the run of ASCII letters at u[i]; returns the offset after it.
 * Most of every name is such runs.
 */
static size_t ascii_letters(splitter *sp, const uint8_t *ascii,
			    const unsigned char *u, size_t i, size_t len)
{
	if (!start_letters(sp, NK_SCRIPT_LATIN))
		return i + 1;
	return copy_ascii(sp, ascii, u, i, len);
}

/*
 * The one pass over the bytes of a name: each code point folded from the
 * tables (fold.h) and its slots taken as nk_fold_name() would write them
 * and nk_token_split() read them.
 */
typedef struct reader {
	splitter sp;
	nk_fold_check check;
	size_t extra;      /* slots beyond one a byte */
	bool after_letter; /* the slot before is a kept letter */
} reader;

/*
 * ASCII bytes, most of a name, leave r->check and r->after_letter as
 * they are; before a code point outside ASCII at u[at] these are brought
 * up to date from the bytes before it.  ASCII has combining class 0; the
 * slot before is a kept letter when the last ASCII byte that is a slot
 * (digits, say, are none) is a letter outside parentheses, and when there
 * is none, as the code point before the ASCII bytes left it.
 */
static void after_ascii(reader *r, const nk_ctx *ctx, const unsigned char *u,
			size_t at)
{
	if (at == 0 || !nk_utf8_is_ascii(u[at - 1]))
		return;
	nk_fold_check_plain(&r->check);
	for (; at > 0 && nk_utf8_is_ascii(u[at - 1]); at--) {
		const unsigned char b = u[at - 1];
		if (ctx->ascii_letter[b]) {
			r->after_letter = r->sp.depth == 0;
			return;
		}
		if (ctx->fold[b].kind != NK_KIND_DROP) {
			r->after_letter = false;
			return;
		}
	}
}

/* Take the slots of e, the fold of a code point. */
static void take_entry(reader *r, const nk_fold_entry *e)
{
	splitter *sp = &r->sp;

	if (e->kind == NK_KIND_MARK) {
		/* a combining mark joins the slot before */
		if (r->after_letter)
			sp->nm->marks[sp->out - 1] |= e->marks;
		return;
	}
	if (e->n == 0)
		return;
	if (!nk_kind_is_letter(e->kind)) {
		sign(sp, e->kind); /* a sign is one slot */
		r->after_letter = false;
		return;
	}
	for (uint8_t k = 0; k < e->n; k++)
		letter(sp, e->out[k], e->kind, k == 0 ? e->marks : 0);
	r->after_letter = sp->depth == 0;
}

/* A letter that folds to one slot: most letters outside ASCII. */
static bool is_one_letter(const nk_fold_entry *e)
{
	return nk_kind_is_letter(e->kind) && e->n == 1;
}

/* The entry of the two-byte code point at name[i] if it is such a letter. */
static inline const nk_fold_entry *two_byte_letter(const nk_ctx *ctx,
						   const char *name,
						   size_t len, size_t i)
{
	const uint32_t cp = i < len ? nk_utf8_two_byte(name, len, i) : 0;

	if (cp == 0 || cp >= NK_FOLD_TABLE_SIZE ||
	    !is_one_letter(&ctx->fold[cp]))
		return NULL;
	return &ctx->fold[cp];
}

/*
 * Take e, a letter of one slot, and the two-byte letters of one slot and
 * the same script that follow it (Cyrillic names, Latin letters with
 * diacritics) without a return to the main loop each; *i is the offset
 * after e, and is advanced.  False when the fold check fails.
 */
static bool take_letters(reader *r, const nk_ctx *ctx, const char *name,
			 size_t len, size_t *i, const nk_fold_entry *e)
{
	splitter *sp = &r->sp;
	const uint8_t script = nk_token_script_of(e->out[0]);

	r->after_letter = start_letters(sp, script);
	if (!r->after_letter)
		return true;
	nk_name *nm = sp->nm;
	size_t out = sp->out;
	uint8_t caps = NK_ASCII_CAPITAL;
	bool ok = true;
	for (;;) {
		nm->text[out] = e->out[0];
		nm->marks[out] = e->marks;
		out++;
		caps &= capital_bit(e->kind);
		e = two_byte_letter(ctx, name, len, *i);
		if (!e || nk_token_script_of(e->out[0]) != script)
			break;
		ok = nk_fold_check_next(&r->check, e);
		if (!ok)
			break;
		*i += 2;
	}
	sp->out = out;
	sp->caps &= caps;
	return ok;
}

/*
 * Take the code point at u[*i] that is not ASCII and advance *i; false
 * when the tables cannot fold it as NFKC would the whole name, or it is
 * not UTF-8.
 */
static bool take_code_point(reader *r, const nk_ctx *ctx, const char *name,
			    size_t len, size_t *i)
{
	const size_t at = *i;
	uint32_t cp;

	after_ascii(r, ctx, (const unsigned char *)name, at);
	if (!nk_utf8_decode(name, len, i, &cp))
		return false;
	nk_fold_entry syllable;
	const nk_fold_entry *e = nk_fold_direct(ctx, &r->check, cp, &syllable);
	if (!e)
		return false;
	if (is_one_letter(e))
		return take_letters(r, ctx, name, len, i, e);
	const size_t bytes = *i - at;
	if (e->n > bytes)
		r->extra += e->n - bytes;
	/* Slots so far are at most the bytes read plus the extra: checked
	 * before they are written, so that they never pass the end. */
	if (len + r->extra > NK_NAME_MAX)
		return false;
	take_entry(r, e);
	return true;
}

/*
 * Read name into r->sp; false when it needs what only the slot path
 * does: ICU, an error to report, or counting slots that may not fit.
 */
static bool read_name(reader *r, const nk_ctx *ctx, const char *name,
		      size_t len)
{
	const unsigned char *u = (const unsigned char *)name;
	splitter *sp = &r->sp;

	for (size_t i = 0; i < len;) {
		if (ctx->ascii_letter[u[i]]) {
			i = ascii_letters(sp, ctx->ascii_letter, u, i, len);
			if (sp->status != NK_OK)
				return false;
		} else if (nk_utf8_is_ascii(u[i])) {
			take_ascii_sign(sp, ctx->fold[u[i++]].kind);
		} else if (!take_code_point(r, ctx, name, len, &i) ||
			   sp->status != NK_OK) {
			return false;
		}
	}
	return true;
}

int nk_token_read(nk_name *nm, size_t *bad_offset, const nk_ctx *ctx,
		  const char *name, size_t len, const nk_tracer *tr)
{
	reader r = { .sp = { .nm = nm, .status = NK_OK },
		     .check = NK_FOLD_CHECK_INIT };

	nm->ctx = ctx;
	if (len <= NK_NAME_MAX && read_name(&r, ctx, name, len))
		return end_split(&r.sp, tr);
	const int rc = nk_fold_name(nm, bad_offset, ctx, name, len);
	return rc != NK_OK ? rc : nk_token_split(nm, tr);
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

