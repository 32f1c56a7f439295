/*
 * fold.c - the Unicode fold stage.
 *
 * Owns the fold of single code points (computed with ICU once per code
 * point in the common ranges at context creation, on demand elsewhere)
 * and the pass that turns a UTF-8 name into folded slots.  Pure ASCII
 * names, the common case, never reach ICU.
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
/* Precomposed Hangul syllables, which NFKC leaves as they are. */
#define NK_HANGUL_FIRST 0xAC00u
#define NK_HANGUL_LAST 0xD7A3u

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
	else if (f->kind == NK_KIND_LETTER || f->kind == NK_KIND_UPPER)
		for (uint8_t k = 0; k < f->n; k++)
			put(e, f->out[k]);
}

/*
 * NFKC first, so that the table answers for a code point exactly what
 * normalizing a whole string would (ﬁ -> f i, ² -> 2, ＫＩＭ -> KIM).
 */
void nk_fold_compute(const nk_ctx *ctx, uint32_t cp, nk_fold_entry *e)
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
	return NK_OK;
}

/* Append the table fold e of code point cp to nm; false when nm is full. */
static bool emit_entry(nk_name *nm, const nk_fold_entry *e, uint32_t cp)
{
	if (e->kind == NK_KIND_MARK) {
		if (nm->ntext > 0)
			nm->marks[nm->ntext - 1] |= e->marks;
		return true;
	}
	if (e->kind == NK_KIND_DROP)
		return true;
	if (e->kind != NK_KIND_LETTER && e->kind != NK_KIND_UPPER) {
		if (nm->ntext >= NK_NAME_MAX)
			return false;
		nm->text[nm->ntext] = cp;
		nm->marks[nm->ntext] = 0;
		nm->kind[nm->ntext++] = e->kind;
		return true;
	}
	if (nm->ntext + e->n > NK_NAME_MAX)
		return false;
	for (uint8_t k = 0; k < e->n; k++) {
		nm->text[nm->ntext] = e->out[k];
		nm->marks[nm->ntext] = k == 0 ? e->marks : 0;
		nm->kind[nm->ntext++] = e->kind;
	}
	return true;
}

/* Append the fold of one code point to nm; false when nm is full. */
static bool emit(nk_name *nm, const nk_ctx *ctx, uint32_t cp)
{
	nk_fold_entry tmp;

	if (cp < NK_FOLD_TABLE_SIZE)
		return emit_entry(nm, &ctx->fold[cp], cp);
	nk_fold_compute(ctx, cp, &tmp);
	return emit_entry(nm, &tmp, cp);
}

/*
 * Fold the leading ASCII bytes of s, checking them on the way (an ASCII
 * byte is valid UTF-8 unless it is NUL), so that an ASCII name, the
 * common case, is read once.  Returns the offset of the first byte that
 * is not ASCII or is NUL, len when there is none.  An ASCII byte folds to
 * at most one slot and len <= NK_NAME_MAX, so nm cannot fill up here.
 */
static size_t fold_ascii_prefix(nk_name *nm, const nk_ctx *ctx,
				const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < len; i++) {
		if (u[i] == 0 || u[i] >= 0x80)
			return i;
		const nk_fold_entry *e = &ctx->fold[u[i]];
		if ((e->kind == NK_KIND_LETTER || e->kind == NK_KIND_UPPER) &&
		    e->n == 1) {
			/* an ASCII letter folds to one letter without marks */
			nm->text[nm->ntext] = e->out[0];
			nm->marks[nm->ntext] = e->marks;
			nm->kind[nm->ntext++] = e->kind;
		} else {
			emit_entry(nm, e, u[i]);
		}
	}
	return len;
}

static bool is_hangul_syllable(uint32_t cp)
{
	return cp >= NK_HANGUL_FIRST && cp <= NK_HANGUL_LAST;
}

/* Can cp be folded from the table alone, as fold_direct() does? */
static bool is_direct(const nk_ctx *ctx, uint32_t cp)
{
	if (cp < NK_FOLD_TABLE_SIZE)
		return ctx->fold[cp].kind != NK_KIND_MARK;
	return is_hangul_syllable(cp);
}

/* Append a direct code point (see is_direct); false when nm is full. */
static bool emit_direct(nk_name *nm, const nk_ctx *ctx, uint32_t cp)
{
	if (nm->ntext >= NK_NAME_MAX)
		return false;
	if (!is_hangul_syllable(cp))
		return emit_entry(nm, &ctx->fold[cp], cp);
	nm->text[nm->ntext] = cp;
	nm->marks[nm->ntext] = 0;
	nm->kind[nm->ntext++] = NK_KIND_LETTER;
	return true;
}

/* Is every code point of valid UTF-8 s[from, len) direct? */
static bool rest_direct(const nk_ctx *ctx, const char *s, size_t from,
			size_t len)
{
	for (size_t i = from; i < len;)
		if (!is_direct(ctx, nk_utf8_next(s, &i)))
			return false;
	return true;
}

/*
 * Names of Latin, Cyrillic and precomposed Hangul letters without
 * combining marks are already what NFKC would make of them, letter by
 * letter: fold them from the table, without ICU.  s[0, from) is ASCII and
 * already folded into nm (ASCII is always direct).  The slots are written
 * as the code points are checked, since the check rarely fails; false
 * when the name needs the whole-string path, which starts over.
 */
static bool fold_direct(nk_name *nm, const nk_ctx *ctx, const char *s,
			size_t from, size_t len, int *rc)
{
	*rc = NK_OK;
	for (size_t i = from; i < len;) {
		const uint32_t cp = nk_utf8_next(s, &i);
		if (!is_direct(ctx, cp))
			return false;
		if (!emit_direct(nm, ctx, cp)) {
			/* too long, unless the rest needs the other path */
			*rc = NK_ETOOLONG;
			return rest_direct(ctx, s, i, len);
		}
	}
	return true;
}

/* The whole-string path: NFKC by ICU, then the fold of each code point. */
static int fold_unicode(nk_name *nm, const nk_ctx *ctx, const char *s,
			size_t len)
{
	UChar src[NK_NAME_MAX];
	UChar norm[NK_NFKC_CAP];
	int32_t nsrc = 0;
	UErrorCode err = U_ZERO_ERROR;

	nm->ntext = 0;
	u_strFromUTF8(src, (int32_t)NK_ARRAY_LEN(src), &nsrc, s,
		      (int32_t)len, &err);
	if (U_FAILURE(err))
		return err == U_BUFFER_OVERFLOW_ERROR ? NK_ETOOLONG : NK_EICU;
	const int32_t n = unorm2_normalize(ctx->nfkc, src, nsrc, norm,
					   (int32_t)NK_ARRAY_LEN(norm), &err);
	if (U_FAILURE(err))
		return err == U_BUFFER_OVERFLOW_ERROR ? NK_ETOOLONG : NK_EICU;
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U16_NEXT(norm, i, n, c);
		if (!emit(nm, ctx, (uint32_t)c))
			return NK_ETOOLONG;
	}
	return NK_OK;
}

int nk_fold_name(nk_name *nm, size_t *bad_offset, const nk_ctx *ctx,
		 const char *name, size_t len)
{
	if (len > NK_NAME_MAX)
		return NK_ETOOLONG;
	nm->ntext = 0;
	nm->ntok = 0;
	const size_t ascii = fold_ascii_prefix(nm, ctx, name, len);
	if (ascii == len)
		return NK_OK;
	/* the prefix is valid, so the sequences of the rest start at ascii */
	const size_t bad = ascii + nk_utf8_check(name + ascii, len - ascii);
	if (bad != len) {
		*bad_offset = bad;
		return NK_EUTF8;
	}
	int rc;
	if (fold_direct(nm, ctx, name, ascii, len, &rc))
		return rc;
	return fold_unicode(nm, ctx, name, len);
}
