/*
 * ko.c - Korean rules: which part of a name is the surname, and the key
 * "ko:<surname>:<given name>" that every spelling of one name shares.
 *
 * Owns the reading of a Korean name.  The surname is found in the
 * generated surname table (ko_tables.h) in Hangul or any romanization;
 * the given name is all other parts joined, so Su-gil, Su Gil and Sugil
 * are one.  Hangul is romanized syllable by syllable (hangul.c) and then
 * both surname and given name go through the same letter fold
 * (ko_fold.c).  A known surname is keyed by its row in the table, so
 * the customary Lee, Park and Choi meet I, Bak and Choe, and Ko and Ku
 * stay apart; a spelling that stands for more than one surname (MR So
 * for 서 and 소) gives a key for each.
 */
#include <stdlib.h>
#include <string.h>

#include "hangul.h"
#include "ko.h"
#include "ko_tables.h"
#include "lang.h"

/* Readings of one name: each surname a part may be, in either order. */
#define KO_READINGS_MAX NK_KEYS_MAX
#define KO_NO_SURNAME (-1)
/* Fewest Hangul syllables that can hold a two-syllable surname + name. */
#define KO_JOINED_TWO_SYL_MIN 3

/* Marks that set a vowel apart: MR ŏ ŭ, Indonesian-style ö è é. */
#define KO_VOWEL_MARKS \
	(NK_MARK_BREVE | NK_MARK_DIAERESIS | NK_MARK_GRAVE | NK_MARK_ACUTE)

/* Marks no Korean romanization uses: š, â, macrons. */
#define KO_FOREIGN_MARKS \
	(NK_MARK_CARON | NK_MARK_CIRCUMFLEX | NK_MARK_OTHER)

/* Which tokens (or leading Hangul syllables) one reading takes as surname. */
typedef struct ko_reading {
	size_t tok;  /* first surname token */
	size_t ntok; /* surname tokens: 0 (no surname) or 1 */
	size_t nsyl; /* >0: the surname is this many syllables of tok */
	int id;      /* row of nk_ko_surnames, or KO_NO_SURNAME */
	const char *why;
} ko_reading;

/* Letters of a name part or given name being assembled. */
typedef struct ko_letters {
	char s[NK_KO_LETTERS_MAX];
	size_t len;
} ko_letters;

static void add_char(ko_letters *l, char c)
{
	if (l->len + 1 < sizeof l->s)
		l->s[l->len++] = c;
	l->s[l->len] = '\0';
}

static void add_syllable(ko_letters *l, uint32_t cp)
{
	char roman[NK_KO_SYLLABLE_ROMAN_MAX];
	const size_t n = nk_ko_hangul_romanize(roman, cp);
	for (size_t i = 0; i < n; i++)
		add_char(l, roman[i]);
}

/* A vowel with a mark becomes the capital the fold reads (ko.h). */
static char latin_letter(uint32_t cp, uint8_t marks)
{
	const bool marked = (marks & KO_VOWEL_MARKS) != 0;
	if (marked && (cp == 'e' || cp == 'o' || cp == 'u'))
		return (char)(cp - 'a' + 'A');
	return (char)cp;
}

/* Slots [from, to) of token t: Latin letters as they are, Hangul in RR. */
static void add_slots(ko_letters *l, const nk_name *nm, const nk_token *t,
		      size_t from, size_t to)
{
	for (size_t k = from; k < to; k++) {
		const uint32_t cp = nm->text[t->start + k];
		if (nk_is_alpha(cp))
			add_char(l, latin_letter(cp, nm->marks[t->start + k]));
		else if (nk_ko_hangul_is_syllable(cp))
			add_syllable(l, cp);
	}
}

/* Letters of token t as the surname table spells them: no marks. */
static void plain_token(ko_letters *l, const nk_name *nm, const nk_token *t)
{
	for (size_t k = 0; k < t->len; k++) {
		const uint32_t cp = nm->text[t->start + k];
		if (nk_is_alpha(cp))
			add_char(l, (char)cp);
	}
}

static void add_token(ko_letters *l, const nk_name *nm, const nk_token *t)
{
	add_slots(l, nm, t, 0, t->len);
}

static int cmp_spelling(const void *key, const void *elem)
{
	return strcmp(key, ((const nk_ko_spelling *)elem)->latin);
}

static int cmp_hangul(const void *key, const void *elem)
{
	const uint32_t *a = key;
	const uint32_t *b = ((const nk_ko_hangul_surname *)elem)->syl;
	for (size_t i = 0; i < NK_KO_SURNAME_SYL_MAX; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/* The surname written as the first n syllables of token t. */
static int hangul_surname(const nk_name *nm, const nk_token *t, size_t n)
{
	uint32_t syl[NK_KO_SURNAME_SYL_MAX] = { 0 };
	if (n == 0 || n > NK_KO_SURNAME_SYL_MAX || n > t->len)
		return KO_NO_SURNAME;
	memcpy(syl, nm->text + t->start, n * sizeof syl[0]);
	const nk_ko_hangul_surname *hit =
		bsearch(syl, nk_ko_hangul_surnames, nk_ko_hangul_surnames_len,
			sizeof nk_ko_hangul_surnames[0], cmp_hangul);
	return hit ? hit->id : KO_NO_SURNAME;
}

/*
 * The surnames the whole token may be, most common first; none for a
 * hyphened part, which is a given name.  A Latin spelling may stand for
 * more than one surname: MR without breves writes both 서 and 소 So.
 */
static size_t token_surnames(const nk_name *nm, const nk_token *t,
			     int ids[NK_KO_SPELLING_IDS_MAX])
{
	if (t->flags & NK_TOK_HYPHENED)
		return 0;
	if (t->script == NK_SCRIPT_HANGUL) {
		ids[0] = hangul_surname(nm, t, t->len);
		return ids[0] >= 0 ? 1 : 0;
	}
	ko_letters l = { .len = 0 };
	plain_token(&l, nm, t);
	const nk_ko_spelling *hit =
		bsearch(l.s, nk_ko_spellings, nk_ko_spellings_len,
			sizeof nk_ko_spellings[0], cmp_spelling);
	if (!hit)
		return 0;
	for (size_t i = 0; i < hit->nids; i++)
		ids[i] = hit->ids[i];
	return hit->nids;
}

/* A surname the writer marked: "Kim, Su-gil" or "KIM Su Gil". */
static size_t marked_surname(const nk_name *nm)
{
	size_t upper = 0, at = nm->ntok;
	for (size_t i = 0; i + 1 < nm->ntok; i++)
		if (nm->tok[i].flags & NK_TOK_COMMA)
			return i;
	for (size_t i = 0; i < nm->ntok; i++)
		if (nm->tok[i].flags & NK_TOK_UPPER) {
			upper++;
			at = i;
		}
	return upper == 1 ? at : nm->ntok;
}

/* The readings of a name as it is assembled. */
typedef struct ko_readings {
	ko_reading r[KO_READINGS_MAX];
	size_t n;
} ko_readings;

/* One reading per surname token i may be; a fold of it if none. */
static void add_token_readings(ko_readings *rs, const nk_name *nm,
			       size_t i, const char *why)
{
	int ids[NK_KO_SPELLING_IDS_MAX];
	const size_t n = token_surnames(nm, &nm->tok[i], ids);
	const ko_reading base = { .tok = i, .ntok = 1, .id = KO_NO_SURNAME,
				  .why = why };
	if (n == 0 && rs->n < KO_READINGS_MAX)
		rs->r[rs->n++] = base;
	for (size_t k = 0; k < n && rs->n < KO_READINGS_MAX; k++) {
		rs->r[rs->n] = base;
		rs->r[rs->n++].id = ids[k];
	}
}

/* A name in one part: Hangul with the surname joined, or a lone part. */
static void read_one(ko_readings *rs, const nk_name *nm)
{
	const nk_token *t = &nm->tok[0];
	if (t->script != NK_SCRIPT_HANGUL || t->len < 2) {
		add_token_readings(rs, nm, 0, "one part");
		return;
	}
	ko_reading *r = &rs->r[rs->n++];
	*r = (ko_reading){ .ntok = 1, .nsyl = 1,
			   .why = "Hangul: surname first" };
	if (t->len >= KO_JOINED_TWO_SYL_MIN && hangul_surname(nm, t, 2) >= 0)
		r->nsyl = 2;
	r->id = hangul_surname(nm, t, r->nsyl);
}

static void read_many(ko_readings *rs, const nk_name *nm)
{
	const size_t last = nm->ntok - 1;
	const size_t marked = marked_surname(nm);
	if (marked < nm->ntok) {
		add_token_readings(rs, nm, marked, "marked by comma or capitals");
		return;
	}
	int first[NK_KO_SPELLING_IDS_MAX], final[NK_KO_SPELLING_IDS_MAX];
	const size_t nfirst = token_surnames(nm, &nm->tok[0], first);
	const size_t nfinal = token_surnames(nm, &nm->tok[last], final);
	const char *const korean = "surname first";
	const char *const western = "western order: surname last";
	if (nfirst > 0 && nfinal > 0 && nm->ntok == 2) {
		/* Either part may be the surname: the commoner one leads. */
		const bool west_first = final[0] < first[0];
		add_token_readings(rs, nm, west_first ? last : 0,
				   west_first ? western : korean);
		add_token_readings(rs, nm, west_first ? 0 : last,
				   west_first ? korean : western);
		return;
	}
	if (nfirst == 0 && nfinal > 0)
		add_token_readings(rs, nm, last, western);
	else
		add_token_readings(rs, nm, 0, korean);
}

static bool in_surname(const ko_reading *r, size_t i)
{
	return r->nsyl == 0 && i >= r->tok && i < r->tok + r->ntok;
}

static void surname_letters(ko_letters *l, const nk_name *nm,
			    const ko_reading *r)
{
	if (r->nsyl > 0)
		add_slots(l, nm, &nm->tok[r->tok], 0, r->nsyl);
	else if (r->ntok > 0)
		add_token(l, nm, &nm->tok[r->tok]);
}

static void given_letters(ko_letters *l, const nk_name *nm,
			  const ko_reading *r)
{
	for (size_t i = 0; i < nm->ntok; i++) {
		const nk_token *t = &nm->tok[i];
		if (r->nsyl > 0 && i == r->tok)
			add_slots(l, nm, t, r->nsyl, t->len);
		else if (!in_surname(r, i))
			add_token(l, nm, t);
	}
}

static void trace_folds(const nk_tracer *tr, const char *part,
			const nk_ko_folded *f)
{
	for (unsigned w = NK_KO_FOLD_NONE + 1; w < NK_KO_FOLD_KINDS; w++)
		if (f->why & (1u << w))
			nk_trace(tr, "ko", "%s: %s", part, nk_ko_fold_why_name(w));
}

static void trace_reading(const nk_tracer *tr, const nk_name *nm,
			  const ko_reading *r, const ko_letters *sur)
{
	bool marks = false;
	for (size_t i = 0; i < nm->ntext; i++)
		marks |= (nm->marks[i] & KO_VOWEL_MARKS) != 0;
	if (marks)
		nk_trace(tr, "ko", "MR ŏ ŭ, ö è é: a vowel on its own, then "
			 "folded like its plain letter");
	nk_trace(tr, "ko", "%s", r->why);
	if (r->id >= 0)
		nk_trace(tr, "ko", "surname '%s' -> %s", sur->s,
			 nk_ko_surnames[r->id].hangul);
	else
		nk_trace(tr, "ko", "surname '%s' not in the table: folded "
			 "as written", sur->s);
}

static void write_key(nk_out *out, const nk_name *nm, const ko_reading *r,
		      const nk_tracer *tr)
{
	ko_letters sur = { .len = 0 }, given = { .len = 0 };
	nk_ko_folded fs = { .len = 0 }, fg;
	surname_letters(&sur, nm, r);
	given_letters(&given, nm, r);
	nk_ko_fold(&fg, given.s, given.len);
	if (out->len > 0)
		nk_out_char(out, ' ');
	nk_out_str(out, "ko:");
	if (r->id >= 0) {
		nk_out_str(out, nk_ko_surnames[r->id].rr);
	} else {
		nk_ko_fold(&fs, sur.s, sur.len);
		nk_out_mem(out, fs.s, fs.len);
	}
	nk_out_char(out, ':');
	nk_out_mem(out, fg.s, fg.len);
	if (!tr->fn)
		return;
	trace_reading(tr, nm, r, &sur);
	trace_folds(tr, "surname", &fs);
	trace_folds(tr, "given name", &fg);
}

int nk_ko_key(nk_out *out, const nk_name *nm, unsigned flags,
	      const nk_tracer *tr)
{
	(void)flags; /* gender folding is a Russian matter */
	ko_readings rs = { .n = 0 };
	if (nm->ntok == 0)
		return NK_EEMPTY;
	if (nm->ntok == 1)
		read_one(&rs, nm);
	else
		read_many(&rs, nm);
	for (size_t i = 0; i < rs.n; i++)
		write_key(out, nm, &rs.r[i], tr);
	if (rs.n > 1)
		nk_trace(tr, "ko", "%zu readings of the surname keyed", rs.n);
	return NK_OK;
}

static bool token_reads_korean(const nk_name *nm, const nk_token *t)
{
	char s[NK_KO_LETTERS_MAX];
	if (t->script != NK_SCRIPT_LATIN || t->len >= sizeof s)
		return false;
	for (size_t k = 0; k < t->len; k++) {
		if (nm->marks[t->start + k] & KO_FOREIGN_MARKS)
			return false;
		s[k] = (char)nm->text[t->start + k];
	}
	return nk_ko_syllables_ok(s, t->len);
}

bool nk_ko_detect(const nk_name *nm)
{
	int ids[NK_KO_SPELLING_IDS_MAX];
	if (nm->ntok < 2)
		return false;
	if (token_surnames(nm, &nm->tok[0], ids) == 0 &&
	    token_surnames(nm, &nm->tok[nm->ntok - 1], ids) == 0)
		return false;
	for (size_t i = 0; i < nm->ntok; i++)
		if (!token_reads_korean(nm, &nm->tok[i]))
			return false;
	return true;
}
