/*
 * fold.c - the Unicode fold stage.
 *
 * Owns the fold of single code points (computed with ICU once per code
 * point in the common ranges at context creation, on demand elsewhere)
 * and the pass that turns a UTF-8 name into folded slots.  Names already
 * in NFKC, nearly all of them, never reach ICU.
 */
#include <stdlib.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "fold.h"
#include "fold_tables.h"
#include "utf8.h"

/* Room for NFKC expansion of a full-length name, in UTF-16 units. */
#define NK_NFKC_CAP (2 * NK_NAME_MAX)
/* Room for the NFKC form of one code point (U+FDFA is 18 units). */
#define NK_FOLD_NFKC_MAX 32
/* A slot count that says the slots of a code point did not fit. */
#define NK_FOLD_FULL (NK_NAME_MAX + 1)

static int cmp_punct(const void *k, const void *e)
{
	const uint32_t cp = *(const uint32_t *)k;
	const nk_punct *p = e;
	return (cp > p->cp) - (cp < p->cp);
}

static int punct_kind(uint32_t cp)
{
	const nk_punct *p = bsearch(&cp, nk_punct_table, nk_punct_count,
				    sizeof *p, cmp_punct);
	return p ? p->kind : -1;
}

static uint8_t mark_bit(uint32_t cp)
{
	for (size_t i = 0; i < nk_mark_count; i++)
		if (nk_mark_table[i].cp == cp)
			return nk_mark_table[i].mark;
	return NK_MARK_OTHER;
}

static const char *letter_fold(uint32_t cp)
{
	for (size_t i = 0; i < nk_letter_fold_count; i++)
		if (nk_letter_fold_table[i].cp == cp)
			return nk_letter_fold_table[i].out;
	return NULL;
}

static uint8_t script_of(uint32_t cp)
{
	UErrorCode err = U_ZERO_ERROR;
	const UScriptCode sc = uscript_getScript((UChar32)cp, &err);

	if (U_FAILURE(err))
		return NK_SCRIPT_OTHER;
	switch (sc) {
	case USCRIPT_LATIN:
		return NK_SCRIPT_LATIN;
	case USCRIPT_CYRILLIC:
		return NK_SCRIPT_CYRILLIC;
	case USCRIPT_HANGUL:
		return NK_SCRIPT_HANGUL;
	default:
		return NK_SCRIPT_OTHER;
	}
}

static void put(nk_fold_entry *e, uint32_t cp)
{
	if (e->n < NK_FOLD_OUT_MAX)
		e->out[e->n++] = cp;
}

/* Case-fold cp (full folding: ß -> ss) into a UTF-16 buffer. */
static int32_t case_fold(UChar *dst, int32_t cap, uint32_t cp)
{
	UChar src[2];
	int32_t n = 0;
	UErrorCode err = U_ZERO_ERROR;

	U16_APPEND_UNSAFE(src, n, (UChar32)cp);
	const int32_t m = u_strFoldCase(dst, cap, src, n, U_FOLD_CASE_DEFAULT,
					&err);
	return U_FAILURE(err) ? 0 : m;
}

/*
 * A Latin letter: canonical decomposition, base letters kept when ASCII
 * or listed in the letter table, marks turned into bits.
 */
static void fold_latin(const nk_ctx *ctx, const UChar *s, int32_t n,
		       nk_fold_entry *e)
{
	UChar dec[16];
	UErrorCode err = U_ZERO_ERROR;
	const int32_t m = unorm2_normalize(ctx->nfd, s, n, dec,
					   (int32_t)NK_ARRAY_LEN(dec), &err);
	if (U_FAILURE(err))
		return;
	for (int32_t i = 0; i < m;) {
		UChar32 c;
		U16_NEXT(dec, i, m, c);
		const char *asc = letter_fold((uint32_t)c);
		if (c < 0x80 && u_isalpha(c)) {
			put(e, (uint32_t)c);
		} else if (u_getCombiningClass(c) > 0 ||
			   u_charType(c) == U_NON_SPACING_MARK) {
			e->marks |= mark_bit((uint32_t)c);
		} else if (asc) {
			for (; *asc; asc++)
				put(e, (uint32_t)*asc);
		}
	}
}

/* Fold of a code point that NFKC leaves as it is. */
static void fold_normalized(const nk_ctx *ctx, uint32_t cp, nk_fold_entry *e)
{
	*e = (nk_fold_entry){ .kind = NK_KIND_DROP };

	const int pk = punct_kind(cp);
	if (pk >= 0) {
		e->kind = (uint8_t)pk;
		return;
	}
	if (u_isUWhiteSpace((UChar32)cp) || u_iscntrl((UChar32)cp)) {
		e->kind = NK_KIND_SPACE;
		return;
	}
	if (u_charType((UChar32)cp) == U_DASH_PUNCTUATION) {
		e->kind = NK_KIND_HYPHEN;
		return;
	}
	if (u_getCombiningClass((UChar32)cp) > 0 ||
	    u_charType((UChar32)cp) == U_NON_SPACING_MARK) {
		e->kind = NK_KIND_MARK;
		e->marks = mark_bit(cp);
		return;
	}
	if (!u_isalpha((UChar32)cp))
		return;

	UChar low[8];
	const int32_t n = case_fold(low, (int32_t)NK_ARRAY_LEN(low), cp);
	if (n == 0)
		return;
	e->kind = u_isUUppercase((UChar32)cp) || u_istitle((UChar32)cp)
			  ? NK_KIND_UPPER
			  : NK_KIND_LETTER;
	e->script = script_of(cp);
	if (e->script == NK_SCRIPT_LATIN) {
		fold_latin(ctx, low, n, e);
		if (e->n == 0)
			e->kind = NK_KIND_DROP;
		return;
	}
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U16_NEXT(low, i, n, c);
		put(e, (uint32_t)c);
	}
}

/* Append the letters of f to e; e takes f's kind if it had none. */
static void merge(nk_fold_entry *e, const nk_fold_entry *f)
{
	if (e->kind == NK_KIND_DROP)
		*e = *f;
	else if (nk_kind_is_letter(f->kind))
		for (uint8_t k = 0; k < f->n; k++)
			put(e, f->out[k]);
}

/* Signs (spaces, hyphens, ...) fill one slot: the code point itself. */
static bool is_sign(uint8_t kind)
{
	return kind != NK_KIND_DROP && kind != NK_KIND_MARK &&
	       kind != NK_KIND_LETTER && kind != NK_KIND_UPPER;
}

/*
 * NFKC first, so that the table answers for a code point exactly what
 * normalizing a whole string would (ﬁ -> f i, ² -> 2, ＫＩＭ -> KIM).
 */
static void fold_code_point(const nk_ctx *ctx, uint32_t cp, nk_fold_entry *e)
{
	UChar src[2];
	UChar norm[NK_FOLD_NFKC_MAX];
	int32_t n = 0;
	UErrorCode err = U_ZERO_ERROR;

	*e = (nk_fold_entry){ .kind = NK_KIND_DROP };
	if (punct_kind(cp) >= 0 || u_getCombiningClass((UChar32)cp) > 0) {
		fold_normalized(ctx, cp, e);
		return;
	}
	U16_APPEND_UNSAFE(src, n, (UChar32)cp);
	const int32_t m = unorm2_normalize(ctx->nfkc, src, n, norm,
					   (int32_t)NK_ARRAY_LEN(norm), &err);
	if (U_FAILURE(err))
		return;
	for (int32_t i = 0; i < m;) {
		UChar32 c;
		nk_fold_entry f;
		U16_NEXT(norm, i, m, c);
		fold_normalized(ctx, (uint32_t)c, &f);
		merge(e, &f);
	}
}

void nk_fold_compute(const nk_ctx *ctx, uint32_t cp, nk_fold_entry *e)
{
	fold_code_point(ctx, cp, e);
	if (is_sign(e->kind))
		*e = (nk_fold_entry){ .kind = e->kind, .n = 1, .out = { cp } };
	e->ccc = (uint8_t)u_getCombiningClass((UChar32)cp);
	if (u_getIntPropertyValue((UChar32)cp, UCHAR_NFKC_QUICK_CHECK) ==
	    UNORM_YES)
		e->direct |= NK_FOLD_DIRECT_NFKC;
	if (cp < NK_FOLD_TABLE_SIZE && e->kind != NK_KIND_MARK)
		e->direct |= NK_FOLD_DIRECT_TABLE;
}

/* An ASCII letter folds to one ASCII letter, a capital to its small one. */
static void init_ascii_letters(nk_ctx *ctx)
{
	for (uint32_t b = 1; b < NK_ASCII_CAPITAL; b++) {
		const nk_fold_entry *e = &ctx->fold[b];
		if (!nk_kind_is_letter(e->kind))
			continue;
		ctx->ascii_letter[b] = (uint8_t)(e->out[0] |
			(e->kind == NK_KIND_UPPER ? NK_ASCII_CAPITAL : 0));
	}
}

int nk_fold_init(nk_ctx *ctx)
{
	UErrorCode err = U_ZERO_ERROR;

	ctx->nfkc = unorm2_getNFKCInstance(&err);
	if (U_FAILURE(err))
		return NK_EICU;
	ctx->nfd = unorm2_getNFDInstance(&err);
	if (U_FAILURE(err))
		return NK_EICU;
	for (uint32_t cp = 0; cp < NK_FOLD_TABLE_SIZE; cp++)
		nk_fold_compute(ctx, cp, &ctx->fold[cp]);
	for (uint32_t cp = NK_FOLD_PUNCT_FIRST; cp <= NK_FOLD_PUNCT_LAST; cp++)
		nk_fold_compute(ctx, cp, &ctx->fold_punct[cp - NK_FOLD_PUNCT_FIRST]);
	init_ascii_letters(ctx);
	return NK_OK;
}

/*
 * Append the slots of the fold e to the n slots of nm; returns the new
 * count, or NK_FOLD_FULL when they do not fit.  A combining mark joins
 * the slot before it.
 */
static inline size_t emit(nk_name *nm, size_t n, const nk_fold_entry *e)
{
	if (e->kind == NK_KIND_MARK) {
		if (n > 0)
			nm->marks[n - 1] |= e->marks;
		return n;
	}
	if (n + e->n > NK_NAME_MAX)
		return NK_FOLD_FULL;
	for (uint8_t k = 0; k < e->n; k++) {
		nm->text[n + k] = e->out[k];
		nm->marks[n + k] = k == 0 ? e->marks : 0;
		nm->kind[n + k] = e->kind;
	}
	return n + e->n;
}

/*
 * The one pass over the bytes of a name: check, decode and fold each code
 * point from the tables while they give what normalizing the whole name
 * would (nk_fold_check).
 */
typedef struct fold_pass {
	nk_name *nm;
	size_t n;            /* slots written, or NK_FOLD_FULL */
	nk_fold_check check;
} fold_pass;

/* Fold the code point cp; false when ICU has to fold the name. */
static bool fold_code(fold_pass *p, const nk_ctx *ctx, uint32_t cp)
{
	nk_fold_entry syllable;
	const nk_fold_entry *e = nk_fold_direct(ctx, &p->check, cp, &syllable);

	if (!e)
		return false;
	if (p->n != NK_FOLD_FULL)
		p->n = emit(p->nm, p->n, e);
	return true;
}

/* fold_ascii() when the run may not fit: slot by slot, rarely taken. */
static size_t fold_ascii_near_full(fold_pass *p, const nk_ctx *ctx,
				   const unsigned char *u, size_t i, size_t len)
{
	for (; i < len && nk_utf8_is_ascii(u[i]); i++)
		if (p->n != NK_FOLD_FULL)
			p->n = emit(p->nm, p->n, &ctx->fold[u[i]]);
	nk_fold_check_plain(&p->check);
	return i;
}

/*
 * Fold the run of ASCII bytes at u[i], most of every name, and return the
 * offset after it.  An ASCII byte folds to one slot at most, is NFKC and
 * in the table: it cannot make the name need ICU.  Its slot is written
 * even when it drops (n == 0): the slot past the end is free when the
 * rest of the name fits, and a branch would cost more.
 */
static size_t fold_ascii(fold_pass *p, const nk_ctx *ctx,
			 const unsigned char *u, size_t i, size_t len)
{
	nk_name *nm = p->nm;
	size_t n = p->n;

	if (n + (len - i) > NK_NAME_MAX)
		return fold_ascii_near_full(p, ctx, u, i, len);
	for (; i < len && nk_utf8_is_ascii(u[i]); i++) {
		const nk_fold_entry *e = &ctx->fold[u[i]];
		nm->text[n] = e->out[0];
		nm->marks[n] = 0;
		nm->kind[n] = e->kind;
		n += e->n;
	}
	p->n = n;
	nk_fold_check_plain(&p->check);
	return i;
}

/* The whole-string path: NFKC by ICU, then the fold of each code point. */
static int fold_unicode(nk_name *nm, const nk_ctx *ctx, const char *s,
			size_t len)
{
	UChar src[NK_NAME_MAX];
	UChar norm[NK_NFKC_CAP];
	int32_t nsrc = 0;
	UErrorCode err = U_ZERO_ERROR;
	size_t n = 0;

	u_strFromUTF8(src, (int32_t)NK_ARRAY_LEN(src), &nsrc, s,
		      (int32_t)len, &err);
	if (U_FAILURE(err))
		return err == U_BUFFER_OVERFLOW_ERROR ? NK_ETOOLONG : NK_EICU;
	const int32_t m = unorm2_normalize(ctx->nfkc, src, nsrc, norm,
					   (int32_t)NK_ARRAY_LEN(norm), &err);
	if (U_FAILURE(err))
		return err == U_BUFFER_OVERFLOW_ERROR ? NK_ETOOLONG : NK_EICU;
	for (int32_t i = 0; i < m && n != NK_FOLD_FULL;) {
		UChar32 c;
		nk_fold_entry tmp;
		U16_NEXT(norm, i, m, c);
		const nk_fold_entry *e = nk_fold_cached(ctx, (uint32_t)c);
		if (!e) {
			nk_fold_compute(ctx, (uint32_t)c, &tmp);
			e = &tmp;
		}
		n = emit(nm, n, e);
	}
	if (n == NK_FOLD_FULL)
		return NK_ETOOLONG;
	nm->ntext = n;
	return NK_OK;
}

/* Check the bytes from `from` on, then fold all of name with ICU. */
static int fold_rest_unicode(nk_name *nm, size_t *bad_offset,
			     const nk_ctx *ctx, const char *name, size_t len,
			     size_t from)
{
	const size_t bad = from + nk_utf8_check(name + from, len - from);

	if (bad != len) {
		*bad_offset = bad;
		return NK_EUTF8;
	}
	return fold_unicode(nm, ctx, name, len);
}

int nk_fold_name(nk_name *nm, size_t *bad_offset, const nk_ctx *ctx,
		 const char *name, size_t len)
{
	const unsigned char *u = (const unsigned char *)name;
	fold_pass p = { .nm = nm, .check = NK_FOLD_CHECK_INIT };
	size_t i = 0;

	if (len > NK_NAME_MAX)
		return NK_ETOOLONG;
	nm->ntext = 0;
	nm->ntok = 0;
	while (i < len) {
		if (nk_utf8_is_ascii(u[i])) {
			i = fold_ascii(&p, ctx, u, i, len);
			continue;
		}
		const size_t at = i;
		uint32_t cp;
		if (!nk_utf8_decode(name, len, &i, &cp)) {
			*bad_offset = at;
			return NK_EUTF8;
		}
		if (!fold_code(&p, ctx, cp))
			return fold_rest_unicode(nm, bad_offset, ctx, name, len, i);
	}
	if (p.n == NK_FOLD_FULL)
		return NK_ETOOLONG;
	nm->ntext = p.n;
	return NK_OK;
}
