/*
 * compare.c - nk_compare() and nk_compare_keys(): how far two names
 * agree, decided from their keys.
 *
 * Owns the comparison of Russian keys part by part.  Full parts meet
 * when equal, when they are forms of one given name (ru_given.c), when
 * they are the two genders of one surname, or when a typo apart.  What
 * is left over may be explained: an initial stands for the full part it
 * begins (the first for the given name, the next for the patronymic), a
 * name may lack its patronymic, or be its surname alone.  Anything else
 * the keys tell apart makes the names different.  Keys of the other
 * rules (Korean, generic) are compared whole.
 *
 * The patronymic, which keys leave out, comes from the Russian rules
 * (nk_ru_patronymic) when whole names are compared.
 */
#include <string.h>

#include "ctx.h"
#include "lang.h"
#include "token.h"

/* The one language whose keys are compared part by part. */
#define CMP_LANG_RU "ru"

/* Scores (see nk_match in namekey.h). */
#define SCORE_EQUAL 1.0
#define SCORE_COMPATIBLE_TOP 0.94 /* compatible scores stay below 0.95 */
#define SCORE_COMPATIBLE_FLOOR 0.51 /* ... and above 0.5 */
#define SCORE_NEAR_TOP 0.6

/* Typos: parts shorter than EDIT_MIN_LEN are never a typo apart, since
 * one letter of a short name makes another name (Lin, Lim); parts of
 * EDIT_LONG_LEN letters or more may be two edits apart. */
#define EDIT_MIN_LEN 5
#define EDIT_LONG_LEN 9
#define EDIT_MAX_SHORT 1
#define EDIT_MAX_LONG 2
/* Longer parts are not compared letter by letter (bounds the stack). */
#define EDIT_LEN_MAX 64

/* Initials one side may have beyond the other's: the patronymic's. */
#define EXTRA_INITIALS_MAX 1

/* How much each piece of evidence weakens a compatible match. */
static const struct {
	unsigned bit;
	double factor;
} weights[] = {
	{ NK_EV_PATRONYMIC, 0.97 },
	{ NK_EV_EQUIVALENT, 0.95 },
	{ NK_EV_DIMINUTIVE, 0.92 },
	{ NK_EV_INITIALS, 0.88 },
	{ NK_EV_GENDER, 0.85 },
	{ NK_EV_SURNAME_ONLY, 0.70 },
};

static const char *const evidence_names[] = {
	"initials", "patronymic", "surname-only", "diminutive",
	"equivalent", "gender", "edit",
};

static const char *const kind_names[] = {
	"different", "near", "compatible", "equal",
};

typedef struct cmp_text {
	const char *s;
	size_t len;
} cmp_text;

/* One key of one name, taken apart, and how far its parts are used. */
typedef struct cmp_side {
	cmp_text key;
	cmp_text lang;
	cmp_text part[NK_TOKENS_MAX];
	size_t nparts;
	cmp_text initials; /* the letters, without the dot */
	cmp_text pat;      /* its readings, space-separated; len 0: none */
	bool linked[NK_TOKENS_MAX];
	bool given[NK_TOKENS_MAX]; /* part is a known given-name form */
	size_t next_initial;       /* initials explained so far, in order */
} cmp_side;

/* One name: its keys and its patronymic. */
typedef struct cmp_name {
	cmp_text key[NK_KEYS_MAX];
	size_t nkeys;
	cmp_text pat;
} cmp_name;

/* Where the comparison of two Russian keys stands. */
typedef struct cmp_state {
	const nk_given_table *given;
	cmp_side *side[2];
	unsigned evidence;
	unsigned reason;    /* evidence that made them DIFFERENT */
	bool conflict;
	size_t nlinks;
	unsigned edits;     /* letters edited over all typo links */
	size_t edit_len;    /* letters of the longer part of those links */
	size_t missing;     /* full parts the poor side lacks */
	size_t extra;       /* initials the poor side lacks */
	const cmp_side *poor;
} cmp_state;

enum cmp_level { LEVEL_SAME, LEVEL_GIVEN, LEVEL_GENDER, LEVEL_EDIT };

static const enum cmp_level levels[] = {
	LEVEL_SAME, LEVEL_GIVEN, LEVEL_GENDER, LEVEL_EDIT,
};

static bool text_eq(cmp_text a, cmp_text b)
{
	return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
}

static int text_cmp(cmp_text a, cmp_text b)
{
	const size_t n = a.len < b.len ? a.len : b.len;
	const int c = memcmp(a.s, b.s, n);
	return c != 0 ? c : (a.len > b.len) - (a.len < b.len);
}

static bool text_is(cmp_text a, const char *s)
{
	return a.len == strlen(s) && memcmp(a.s, s, a.len) == 0;
}

/* ---- reading keys ------------------------------------------------ */

static bool key_char_ok(char c)
{
	return c > ' ' && c <= '~' && c != ':';
}

/* A part, or initials when it ends in a dot and is the last part. */
static bool add_segment(cmp_side *s, cmp_text seg, bool last)
{
	const bool dotted = seg.len > 1 && seg.s[seg.len - 1] == '.';
	const size_t n = dotted ? seg.len - 1 : seg.len;

	if (n == 0 || (dotted && !last) || memchr(seg.s, '.', n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!key_char_ok(seg.s[i]))
			return false;
	if (dotted) {
		s->initials = (cmp_text){ seg.s, n };
		return true;
	}
	if (s->nparts == NK_TOKENS_MAX)
		return false;
	s->part[s->nparts++] = seg;
	return true;
}

/* Take key k apart into s: "<lang>:<part>[:<part>...][:<initials>.]". */
static bool parse_key(cmp_side *s, cmp_text k, cmp_text pat)
{
	const char *colon = memchr(k.s, ':', k.len);

	*s = (cmp_side){ .key = k, .pat = pat };
	if (!colon || colon == k.s)
		return false;
	s->lang = (cmp_text){ k.s, (size_t)(colon - k.s) };
	for (const char *p = colon + 1, *end = k.s + k.len;;) {
		const char *next = memchr(p, ':', (size_t)(end - p));
		const char *stop = next ? next : end;
		const cmp_text seg = { p, (size_t)(stop - p) };
		if (!add_segment(s, seg, !next))
			return false;
		if (!next)
			return true;
		p = next + 1;
	}
}

/* Split a space-separated key list; false when it is not one. */
static bool split_keys(cmp_name *nm, const char *s, size_t n)
{
	nm->nkeys = 0;
	if (n == 0 || n >= NK_KEY_MAX)
		return false;
	for (size_t i = 0; i <= n;) {
		size_t m = 0;
		while (i + m < n && s[i + m] != ' ')
			m++;
		if (m == 0 || nm->nkeys == NK_KEYS_MAX)
			return false;
		nm->key[nm->nkeys++] = (cmp_text){ s + i, m };
		i += m + 1;
	}
	return true;
}

/* ---- how two parts meet ------------------------------------------ */

/* DIMINUTIVE or EQUIVALENT when a and b are forms of one given name. */
static unsigned given_link(const nk_given_table *t, cmp_text a, cmp_text b)
{
	const nk_given_form *fa, *fb;
	const size_t na = nk_given_find(&fa, t, a.s, a.len);
	const size_t nb = nk_given_find(&fb, t, b.s, b.len);
	unsigned found = 0;

	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++) {
			if (fa[i].row != fb[j].row)
				continue;
			const bool dim = fa[i].kind == NK_GIVEN_DIMINUTIVE ||
					 fb[j].kind == NK_GIVEN_DIMINUTIVE;
			if (!dim)
				return NK_EV_EQUIVALENT; /* the closer kin */
			found = NK_EV_DIMINUTIVE;
		}
	return found;
}

/* The masculine form of a surname (Ivanova -> Ivanov) into buf. */
static cmp_text masculine(char *buf, size_t cap, cmp_text p)
{
	for (size_t i = 0; i < nk_ru_gender_count; i++) {
		const nk_ru_gender *g = &nk_ru_gender_endings[i];
		const size_t fl = strlen(g->fem), ml = strlen(g->masc);
		if (p.len < fl || memcmp(p.s + p.len - fl, g->fem, fl) != 0)
			continue;
		const size_t stem = p.len - fl;
		if (stem + ml > cap)
			return p;
		memcpy(buf, p.s, stem);
		memcpy(buf + stem, g->masc, ml);
		return (cmp_text){ buf, stem + ml };
	}
	return p;
}

static bool same_masculine(cmp_text a, cmp_text b)
{
	char ba[NK_KEY_MAX], bb[NK_KEY_MAX];
	return text_eq(masculine(ba, sizeof ba, a), masculine(bb, sizeof bb, b));
}

static size_t min3(size_t a, size_t b, size_t c)
{
	const size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* Optimal string alignment distance: Levenshtein plus transpositions,
 * the commonest typo.  Both parts at most EDIT_LEN_MAX letters. */
static size_t edit_distance(cmp_text a, cmp_text b)
{
	size_t rows[3][EDIT_LEN_MAX + 1];
	size_t *before = rows[0], *prev = rows[1], *cur = rows[2];

	for (size_t j = 0; j <= b.len; j++)
		prev[j] = j;
	for (size_t i = 1; i <= a.len; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= b.len; j++) {
			const size_t sub = a.s[i - 1] != b.s[j - 1];
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1,
				      prev[j - 1] + sub);
			if (i > 1 && j > 1 && a.s[i - 1] == b.s[j - 2] &&
			    a.s[i - 2] == b.s[j - 1] && before[j - 2] + 1 < cur[j])
				cur[j] = before[j - 2] + 1;
		}
		size_t *const spare = before;
		before = prev;
		prev = cur;
		cur = spare;
	}
	return prev[b.len];
}

/* Edits allowed between parts whose shorter one has n letters. */
static size_t edits_allowed(size_t n)
{
	if (n < EDIT_MIN_LEN)
		return 0;
	return n < EDIT_LONG_LEN ? EDIT_MAX_SHORT : EDIT_MAX_LONG;
}

static bool edit_link(cmp_state *st, cmp_text a, cmp_text b)
{
	const size_t shorter = a.len < b.len ? a.len : b.len;
	const size_t longer = a.len < b.len ? b.len : a.len;
	const size_t allowed = edits_allowed(shorter);

	if (allowed == 0 || longer > EDIT_LEN_MAX || longer - shorter > allowed)
		return false;
	const size_t d = edit_distance(a, b);
	if (d > allowed)
		return false;
	st->edits += (unsigned)d;
	st->edit_len += longer;
	st->evidence |= NK_EV_EDIT;
	return true;
}

/* Do part i of side 0 and part j of side 1 meet at this level? */
static bool try_link(cmp_state *st, enum cmp_level level, size_t i, size_t j)
{
	const cmp_side *x = st->side[0], *y = st->side[1];
	const cmp_text a = x->part[i], b = y->part[j];
	const bool any_given = x->given[i] || y->given[j];

	switch (level) {
	case LEVEL_SAME:
		return text_eq(a, b);
	case LEVEL_GIVEN: {
		const unsigned ev = given_link(st->given, a, b);
		st->evidence |= ev;
		return ev != 0;
	}
	case LEVEL_GENDER:
		if (any_given || !same_masculine(a, b))
			return false;
		st->evidence |= NK_EV_GENDER;
		return true;
	case LEVEL_EDIT:
		/* two known given names are two names, however alike */
		return !(x->given[i] && y->given[j]) && edit_link(st, a, b);
	}
	return false;
}

/* Link the parts of both sides, the strongest kind of meeting first. */
static void link_parts(cmp_state *st)
{
	cmp_side *x = st->side[0], *y = st->side[1];

	for (size_t l = 0; l < NK_ARRAY_LEN(levels); l++)
		for (size_t i = 0; i < x->nparts; i++)
			for (size_t j = 0; j < y->nparts && !x->linked[i]; j++) {
				if (y->linked[j] || !try_link(st, levels[l], i, j))
					continue;
				x->linked[i] = y->linked[j] = true;
				st->nlinks++;
			}
}

/* ---- what is left over ------------------------------------------- */

static size_t unlinked(const cmp_side *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->nparts; i++)
		n += !s->linked[i];
	return n;
}

static bool has_initial(const cmp_side *s)
{
	return s->next_initial < s->initials.len;
}

/* Can initial c stand for part p: its first letter, or the first of the
 * full form p is a diminutive of (A. for Sasha)? */
static bool initial_fits(const cmp_state *st, char c, cmp_text p)
{
	const nk_given_form *f;
	const size_t n = nk_given_find(&f, st->given, p.s, p.len);

	if (p.s[0] == c)
		return true;
	for (size_t i = 0; i < n; i++)
		if (f[i].initial == c)
			return true;
	return false;
}

/* Full parts only one side has: the other's initials, in order, must
 * stand for them; with no initials left they are missing there. */
static void explain_parts(cmp_state *st)
{
	const size_t n0 = unlinked(st->side[0]), n1 = unlinked(st->side[1]);

	if (n0 > 0 && n1 > 0) {
		st->conflict = true;
		return;
	}
	if (n0 == 0 && n1 == 0)
		return;
	const cmp_side *rich = n0 ? st->side[0] : st->side[1];
	cmp_side *poor = n0 ? st->side[1] : st->side[0];
	for (size_t i = 0; i < rich->nparts; i++) {
		if (rich->linked[i])
			continue;
		if (!has_initial(poor)) {
			st->missing++;
			st->poor = poor;
			continue;
		}
		const char c = poor->initials.s[poor->next_initial++];
		if (!initial_fits(st, c, rich->part[i]))
			st->conflict = true;
		st->evidence |= NK_EV_INITIALS;
	}
}

/* The next word of a space-separated list at *at; len 0 at the end. */
static cmp_text next_word(cmp_text list, size_t *at)
{
	const size_t start = *at;
	size_t end = start;
	while (end < list.len && list.s[end] != ' ')
		end++;
	*at = end + 1;
	return (cmp_text){ list.s + (start < list.len ? start : list.len),
			   end > start ? end - start : 0 };
}

/* Do two patronymics, each a list of its readings, share a reading? */
static bool pats_agree(cmp_text a, cmp_text b)
{
	size_t i = 0;
	for (cmp_text x = next_word(a, &i); x.len; x = next_word(a, &i)) {
		size_t j = 0;
		for (cmp_text y = next_word(b, &j); y.len; y = next_word(b, &j))
			if (text_eq(x, y))
				return true;
	}
	return false;
}

/* Does some reading of the patronymic begin with initial c? */
static bool pat_initial_fits(char c, cmp_text pat)
{
	size_t i = 0;
	for (cmp_text x = next_word(pat, &i); x.len; x = next_word(pat, &i))
		if (x.s[0] == c)
			return true;
	return false;
}

/* Patronymics must agree; a side without one may have its initial. */
static void explain_patronymics(cmp_state *st)
{
	cmp_side *x = st->side[0], *y = st->side[1];

	if (x->pat.len > 0 && y->pat.len > 0) {
		if (!pats_agree(x->pat, y->pat)) {
			st->conflict = true;
			st->reason |= NK_EV_PATRONYMIC;
		}
		return;
	}
	if (x->pat.len == 0 && y->pat.len == 0)
		return;
	const cmp_side *has = x->pat.len ? x : y;
	cmp_side *lacks = x->pat.len ? y : x;
	if (!has_initial(lacks)) {
		st->evidence |= NK_EV_PATRONYMIC;
		return;
	}
	if (!pat_initial_fits(lacks->initials.s[lacks->next_initial++],
			      has->pat)) {
		st->conflict = true;
		st->reason |= NK_EV_PATRONYMIC;
		return;
	}
	st->evidence |= NK_EV_INITIALS;
}

/* Initials left on both sides stand for the same parts, in order. */
static void compare_initials(cmp_state *st)
{
	const cmp_side *x = st->side[0], *y = st->side[1];
	const size_t nx = x->initials.len - x->next_initial;
	const size_t ny = y->initials.len - y->next_initial;
	const size_t common = nx < ny ? nx : ny;

	for (size_t k = 0; k < common; k++)
		if (x->initials.s[x->next_initial + k] !=
		    y->initials.s[y->next_initial + k])
			st->conflict = true;
	if (nx == ny)
		return;
	/* a side that lacks full parts has no initials left, so it is the
	 * one that lacks these too */
	st->extra = (nx > ny ? nx : ny) - common;
	st->poor = nx > ny ? y : x;
}

/* Anything besides the surname: a given name, initials, a patronymic. */
static bool has_given_info(const cmp_side *s)
{
	if (s->initials.len > 0 || s->pat.len > 0 || s->nparts > 1)
		return true;
	return s->nparts == 1 && s->given[0];
}

/* ---- the verdict ------------------------------------------------- */

static double weakening(unsigned evidence)
{
	double f = 1.0;
	for (size_t i = 0; i < NK_ARRAY_LEN(weights); i++)
		if (evidence & weights[i].bit)
			f *= weights[i].factor;
	return f;
}

static nk_match different(unsigned reason)
{
	return (nk_match){ NK_MATCH_DIFFERENT, 0.0, reason };
}

/* What a side lacking parts or initials makes of the match. */
static bool judge_poor(cmp_state *st)
{
	if (st->missing == 0 && st->extra == 0)
		return true;
	if (!has_given_info(st->poor)) {
		st->evidence |= NK_EV_SURNAME_ONLY;
		return true;
	}
	/* with a given name of its own, a side may lack only the
	 * patronymic, which the other has as an initial */
	if (st->missing > 0 || st->extra > EXTRA_INITIALS_MAX)
		return false;
	st->evidence |= NK_EV_PATRONYMIC;
	return true;
}

static nk_match verdict(cmp_state *st, unsigned flags)
{
	if (st->conflict || st->nlinks == 0)
		return different(st->reason);
	if ((st->evidence & NK_EV_GENDER) && !(flags & NK_KEY_FOLD_GENDER))
		return different(NK_EV_GENDER);
	if (!judge_poor(st))
		return different(0);
	const unsigned ev = st->evidence;
	if (ev & NK_EV_EDIT) {
		const double kept = 1.0 - (double)st->edits / (double)st->edit_len;
		return (nk_match){ NK_MATCH_NEAR,
				   SCORE_NEAR_TOP * weakening(ev) * kept, ev };
	}
	if (ev == 0)
		return (nk_match){ NK_MATCH_EQUAL, SCORE_EQUAL, 0 };
	double score = SCORE_COMPATIBLE_TOP * weakening(ev);
	if (score < SCORE_COMPATIBLE_FLOOR)
		score = SCORE_COMPATIBLE_FLOOR;
	return (nk_match){ NK_MATCH_COMPATIBLE, score, ev };
}

static void mark_given(cmp_side *s, const nk_given_table *t)
{
	for (size_t i = 0; i < s->nparts; i++) {
		const nk_given_form *f;
		s->given[i] = nk_given_find(&f, t, s->part[i].s,
					    s->part[i].len) > 0;
	}
}

static nk_match compare_ru(cmp_side *x, cmp_side *y, const nk_ctx *ctx,
			   unsigned flags)
{
	cmp_state st = { .given = &ctx->given, .side = { x, y } };

	mark_given(x, st.given);
	mark_given(y, st.given);
	link_parts(&st);
	explain_parts(&st);
	explain_patronymics(&st);
	compare_initials(&st);
	return verdict(&st, flags);
}

/* Order of the two sides, so that the result does not depend on it. */
static int side_cmp(const cmp_side *x, const cmp_side *y)
{
	const int c = text_cmp(x->key, y->key);
	return c != 0 ? c : text_cmp(x->pat, y->pat);
}

static nk_match compare_pair(cmp_side *x, cmp_side *y, const nk_ctx *ctx,
			     unsigned flags)
{
	if (!text_eq(x->lang, y->lang))
		return different(0);
	if (!text_is(x->lang, CMP_LANG_RU)) {
		/* Korean keys put roles in order and one letter of a given
		 * name is another name: only equal keys agree */
		if (text_eq(x->key, y->key))
			return (nk_match){ NK_MATCH_EQUAL, SCORE_EQUAL, 0 };
		return different(0);
	}
	if (side_cmp(x, y) > 0)
		return compare_ru(y, x, ctx, flags);
	return compare_ru(x, y, ctx, flags);
}

/* Is m a better match than best?  A total order, so that the best of
 * several key pairs does not depend on the order they are tried in. */
static bool better(const nk_match *m, const nk_match *best)
{
	if (m->kind != best->kind)
		return m->kind > best->kind;
	if (m->score != best->score)
		return m->score > best->score;
	return m->evidence > best->evidence;
}

static int compare_names(nk_match *out, const nk_ctx *ctx,
			 const cmp_name *a, const cmp_name *b, unsigned flags)
{
	for (size_t i = 0; i < a->nkeys; i++)
		for (size_t j = 0; j < b->nkeys; j++) {
			cmp_side x, y;
			if (!parse_key(&x, a->key[i], a->pat) ||
			    !parse_key(&y, b->key[j], b->pat)) {
				*out = different(0);
				return NK_EINVAL;
			}
			const nk_match m = compare_pair(&x, &y, ctx, flags);
			if (better(&m, out))
				*out = m;
		}
	return NK_OK;
}

/* ---- the public entry points ------------------------------------- */

static bool flags_ok(const nk_key_options *opts)
{
	return opts->version == NK_KEY_OPTIONS_VERSION &&
	       (opts->flags & ~(unsigned)NK_KEY_FOLD_GENDER) == 0;
}

/* Room for one name's keys and patronymic while it is compared. */
typedef struct cmp_buf {
	char keys[NK_KEY_MAX];
	char pat[NK_KEY_MAX];
} cmp_buf;

static int name_patronymic(cmp_name *cn, cmp_buf *buf, const nk_ctx *ctx,
			   const char *name, size_t len)
{
	nk_name nm;
	size_t bad;

	int rc = nk_token_read(&nm, &bad, ctx, name, len, &nk_tracer_none);
	if (rc == NK_OK)
		cn->pat = (cmp_text){ buf->pat,
				      nk_ru_patronymic(buf->pat, sizeof buf->pat,
						       &nm) };
	return rc;
}

static int key_name(cmp_name *cn, cmp_buf *buf, const nk_ctx *ctx,
		    const char *name, size_t len, const nk_key_options *opts)
{
	nk_key_options o = *opts;
	nk_key_info info;

	/* gendered forms must keep their own keys: the comparison, not
	 * the key, decides what NK_KEY_FOLD_GENDER allows */
	o.flags &= ~(unsigned)NK_KEY_FOLD_GENDER;
	int rc = nk_key(&info, buf->keys, sizeof buf->keys, ctx, name, len, &o);
	if (rc != NK_OK)
		return rc;
	if (!split_keys(cn, buf->keys, info.len))
		return NK_EINVAL;
	cn->pat = (cmp_text){ buf->pat, 0 };
	if (info.lang != NK_LANG_RU)
		return NK_OK;
	return name_patronymic(cn, buf, ctx, name, len);
}

int nk_compare(nk_match *out, const nk_ctx *ctx, const char *a, size_t alen,
	       const char *b, size_t blen, const nk_key_options *opts)
{
	static const nk_key_options defaults = NK_KEY_OPTIONS_INIT;
	cmp_buf ba, bb;
	cmp_name na, nb;

	if (!out)
		return NK_EINVAL;
	*out = different(0);
	if (!opts)
		opts = &defaults;
	if (!ctx || !flags_ok(opts))
		return NK_EINVAL;
	int rc = key_name(&na, &ba, ctx, a, alen, opts);
	if (rc == NK_OK)
		rc = key_name(&nb, &bb, ctx, b, blen, opts);
	if (rc != NK_OK)
		return rc;
	return compare_names(out, ctx, &na, &nb, opts->flags);
}

int nk_compare_keys(nk_match *out, const nk_ctx *ctx, const char *a,
		    size_t alen, const char *b, size_t blen,
		    const nk_key_options *opts)
{
	static const nk_key_options defaults = NK_KEY_OPTIONS_INIT;
	cmp_name na = { .pat = { "", 0 } }, nb = { .pat = { "", 0 } };

	if (!out)
		return NK_EINVAL;
	*out = different(0);
	if (!opts)
		opts = &defaults;
	if (!ctx || !a || !b || !flags_ok(opts))
		return NK_EINVAL;
	if (!split_keys(&na, a, alen) || !split_keys(&nb, b, blen))
		return NK_EINVAL;
	return compare_names(out, ctx, &na, &nb, opts->flags);
}

const char *nk_match_kind_name(nk_match_kind kind)
{
	if ((unsigned)kind >= NK_ARRAY_LEN(kind_names))
		return "?";
	return kind_names[kind];
}

const char *nk_evidence_name(unsigned int bit)
{
	for (size_t i = 0; i < NK_ARRAY_LEN(evidence_names); i++)
		if (bit == 1u << i)
			return evidence_names[i];
	return NULL;
}
