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
 * for 서 and 소) gives a key for each, unless the rest of the name rules
 * out the system that makes it.  The letters of the name also say
 * whether popular spelling's u for ㅓ (Jung, Hyun) may be meant: then
 * the given name is keyed in that reading too, NK_KEYS_MAX keys at most.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "hangul.h"
#include "ko.h"
#include "ko_tables.h"
#include "lang.h"

/* Readings of one name: each surname a part may be, in either order. */
#define KO_READINGS_MAX NK_KEYS_MAX
/* A given name is read as the systems write it and as popular use does. */
#define KO_GIVEN_READINGS_MAX 2
#define KO_NO_SURNAME (-1)
/* Fewest Hangul syllables that can hold a two-syllable surname + name. */
#define KO_JOINED_TWO_SYL_MIN 3

/* A syllable state read_part never meets: it reads the whole part. */
#define KO_READ_ALL UINT_MAX

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
	size_t nsyl_letters; /* letters of those syllables, counted once */
	int id;      /* row of nk_ko_surnames, or KO_NO_SURNAME */
	const char *why;
} ko_reading;

/* Letters of a surname or a given name, as the fold reads them. */
typedef struct ko_span {
	const char *s;
	size_t len;
} ko_span;

/* A vowel with a mark becomes the capital the fold reads (ko.h). */
static char latin_letter(uint32_t cp, uint8_t marks)
{
	const bool marked = (marks & KO_VOWEL_MARKS) != 0;
	if (marked && (cp == 'e' || cp == 'o' || cp == 'u'))
		return (char)(cp - 'a' + 'A');
	return (char)cp;
}

/*
 * Slots [from, to) of token t into out[NK_KO_PART_LETTERS_MAX]: Latin
 * letters as they are, Hangul in RR.  Returns the letters written.
 */
static size_t slot_letters(char *out, const nk_name *nm, const nk_token *t,
			   size_t from, size_t to)
{
	size_t len = 0;
	for (size_t k = t->start + from; k < t->start + to; k++) {
		const uint32_t cp = nm->text[k];
		if (nk_is_alpha(cp)) {
			if (len < NK_KO_PART_LETTERS_MAX)
				out[len++] = latin_letter(cp, nm->marks[k]);
		} else if (nk_ko_hangul_is_syllable(cp)) {
			char roman[NK_KO_SYLLABLE_ROMAN_MAX];
			const size_t n = nk_ko_hangul_romanize(roman, cp);
			for (size_t i = 0; i < n && len < NK_KO_PART_LETTERS_MAX; i++)
				out[len++] = roman[i];
		}
	}
	return len;
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
 * Where the name spells ㅓ and ㅡ out (eo, eu, ŏ, ö, popular u) or is
 * no MR (a part starting with b, d or g), a surname only MR's unmarked
 * o or u makes is not meant: Son beside Dan-u is 손, not 선.
 */
static void drop_lossy(nk_ko_lookup *lk)
{
	const unsigned all = (1u << lk->n) - 1;
	if (lk->lossy == 0 || (lk->lossy & all) == all)
		return;
	size_t n = 0;
	for (size_t k = 0; k < lk->n; k++)
		if (!(lk->lossy & (1u << k)))
			lk->ids[n++] = lk->ids[k];
	lk->n = n;
	lk->lossy = 0;
}

/* A surname the writer marked: "Kim, Su-gil" or "KIM Su Gil". */
static size_t marked_surname(const nk_name *nm)
{
	size_t upper = 0, at = nm->ntok;
	for (size_t i = 0; i < nm->ntok; i++) {
		const unsigned flags = nm->tok[i].flags;
		if ((flags & NK_TOK_COMMA) && i + 1 < nm->ntok)
			return i; /* a comma outranks capitals */
		if (flags & NK_TOK_UPPER) {
			upper++;
			at = i;
		}
	}
	return upper == 1 ? at : nm->ntok;
}

/*
 * What the letters of a part say about the system it is spelled in.
 * Popular spelling shows itself by doubled vowels (Soo, Hee), you
 * (Young) and surname spellings no system makes (Lee, Park, Oh).
 */
enum ko_cue {
	KO_CUE_MARKED = 1u << 0,    /* ŏ ŭ ö è é: MR, Indonesian-style */
	KO_CUE_DIGRAPH = 1u << 1,   /* eo, eu: RR, popular */
	KO_CUE_POPULAR = 1u << 2,   /* oo, ee, you */
	KO_CUE_EO_CLOSED = 1u << 3, /* eo before a final: ㅓ is not u here */
	KO_CUE_VOICED = 1u << 4,    /* starts with b, d or g: not MR */
	KO_CUE_HANGUL = 1u << 5     /* romanized here, as RR */
};

/* Cues that u is ㅜ or ㅡ only. */
#define KO_CUES_SYSTEMS (KO_CUE_MARKED | KO_CUE_EO_CLOSED | KO_CUE_HANGUL)

/* Cues that ㅓ and ㅡ are not MR's unmarked o and u in this name. */
#define KO_CUES_SPELLED_OUT \
	(KO_CUE_MARKED | KO_CUE_DIGRAPH | KO_CUE_POPULAR | KO_CUE_VOICED)

static bool is_plain_vowel(uint32_t c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool is_consonant(uint32_t c)
{
	return nk_is_alpha(c) && !is_plain_vowel(c) && c != 'w' && c != 'y';
}

/*
 * The cues of letters p[k], p[k + 1], ... of a part of n letters, where
 * p[k] is an e or an o, where every cue starts.  Each letter around is
 * read only where a cue asks for it: few do, so inlined into the loop
 * that reads every letter this costs less than a call.
 */
static inline unsigned cues_at(const uint32_t *p, size_t k, size_t n)
{
	const uint32_t b = k + 1 < n ? p[k + 1] : 0;
	const uint32_t before = k > 0 ? p[k - 1] : 0;
	if (p[k] == 'o') /* oo (Soo), you (Young) */
		return b == 'o' || (before == 'y' && b == 'u') ? KO_CUE_POPULAR
							       : 0;
	/* After a (and y for eu) the e may be ㅐ or ㅖ before u: Taeu. */
	if (b == 'u')
		return before != 'a' && before != 'y' ? KO_CUE_DIGRAPH : 0;
	if (b != 'o' && b != 'e')
		return 0;
	const uint32_t c = k + 2 < n ? p[k + 2] : 0;
	if (b == 'e') /* ee (Hee), not ㅔ + ㅣ or another vowel */
		return is_plain_vowel(c) ? 0 : KO_CUE_POPULAR;
	unsigned cues = before != 'a' ? KO_CUE_DIGRAPH : 0;
	if (is_consonant(c) && before != 'y')
		cues |= KO_CUE_EO_CLOSED;
	return cues;
}

/*
 * The marked vowels of the n letters out of Latin part t as capitals: a
 * second pass, since few parts have a mark.
 */
static void mark_vowels(char *out, size_t n, const nk_name *nm,
			const nk_token *t)
{
	size_t len = 0;
	for (size_t k = t->start; k < t->start + t->len && len < n; k++)
		if (nk_is_alpha(nm->text[k])) {
			out[len] = latin_letter(nm->text[k], nm->marks[k]);
			len++;
		}
}

/*
 * Latin part t in one pass, since every part of every Korean name comes
 * here: its letters into out[NK_KO_PART_LETTERS_MAX] (*len), a marked
 * vowel as the capital the fold reads, and its cues.  *korean: it reads
 * as Korean syllables and has no mark Korean romanization does not use,
 * which is what the detection asks of every part.
 */
static unsigned read_latin(char *out, size_t *len, bool *korean,
			   const nk_name *nm, const nk_token *t, unsigned stop)
{
	const uint32_t *const p = nm->text + t->start;
	const uint8_t *const marks = nm->marks + t->start;
	const size_t slots = t->len;
	unsigned cues = 0, seen = 0, syllables = 0;
	size_t n = 0;
	if (p[0] == 'b' || p[0] == 'd' || p[0] == 'g')
		cues |= KO_CUE_VOICED;
	for (size_t k = 0; k < slots; k++) {
		const uint32_t c = p[k];
		/* its kind also says whether a cue may start here */
		const unsigned kind = nk_ko_syllable_kind(c);
		seen |= marks[k];
		syllables = nk_ko_syllable_move(syllables, kind);
		/* Stop where a cue may start: often enough to leave a
		 * Russian part early, seldom enough to cost little. */
		if (kind == NK_KO_KIND_CUE) {
			if (syllables == stop)
				break;
			cues |= cues_at(p, k, slots);
		}
		if (nk_is_alpha(c) && n < NK_KO_PART_LETTERS_MAX)
			out[n++] = (char)c;
	}
	if (seen & KO_VOWEL_MARKS) {
		cues |= KO_CUE_MARKED;
		mark_vowels(out, n, nm, t);
	}
	*korean = !(seen & KO_FOREIGN_MARKS) &&
		  nk_ko_syllables_end(syllables, slots);
	*len = n;
	return cues;
}

/*
 * Part i of nm into kp; whether it reads as Korean (read_latin).  The
 * reading stops at syllable state stop, where the detection knows
 * enough; KO_READ_ALL for the key, which needs every letter.  Inlined
 * into the loops over the parts, which then keep their state in
 * registers from part to part: every part of every Latin name comes here.
 */
static inline bool read_part(nk_ko_parts *kp, const nk_name *nm, size_t i,
			     unsigned stop)
{
	const nk_token *t = &nm->tok[i];
	char *const out = kp->letters + kp->at[i];
	size_t len;
	bool korean = false;
	if (t->script == NK_SCRIPT_LATIN) {
		kp->cues[i] = read_latin(out, &len, &korean, nm, t, stop);
	} else {
		len = slot_letters(out, nm, t, 0, t->len);
		kp->cues[i] = t->script == NK_SCRIPT_HANGUL ? KO_CUE_HANGUL : 0;
	}
	kp->spelled_out |= (kp->cues[i] & KO_CUES_SPELLED_OUT) != 0;
	kp->at[i + 1] = kp->at[i] + len;
	return korean;
}

static void start_parts(nk_ko_parts *kp)
{
	kp->spelled_out = false;
	kp->at[0] = 0;
}

static const nk_ko_parts *read_parts(nk_ko_parts *kp, const nk_name *nm)
{
	start_parts(kp);
	for (size_t i = 0; i < nm->ntok; i++)
		read_part(kp, nm, i, KO_READ_ALL);
	return kp;
}

/* Spellings are a few letters long: a loop beats a call to memcmp. */
static bool same_letters(const char *a, const char *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (a[k] != b[k])
			return false;
	return true;
}

/* The spelling of the n letters s, as the table writes them, or NULL. */
static const nk_ko_spelling *find_spelling(const char *s, size_t n)
{
	uint32_t hash = NK_KO_FNV_BASIS;
	for (size_t k = 0; k < n; k++)
		hash = nk_ko_fnv_step(hash, s[k]);
	const uint32_t mask = nk_ko_spelling_slot_mask;
	for (uint32_t at = hash & mask;; at = (at + 1) & mask) {
		const unsigned row = nk_ko_spelling_slots[at];
		if (row == 0)
			return NULL;
		const nk_ko_spelling *hit = &nk_ko_spellings[row - 1];
		if (hit->len == n && same_letters(hit->latin, s, n))
			return hit;
	}
}

/*
 * The spelling of Latin part i: as marked first (Sŏ is 서 only), then
 * with the marks dropped.  Only a part no longer than the longest
 * spelling is looked up: most Latin names are not Korean.
 */
static const nk_ko_spelling *part_spelling(const nk_ko_parts *kp, size_t i)
{
	const char *const s = kp->letters + kp->at[i];
	const size_t n = kp->at[i + 1] - kp->at[i];
	if (n > nk_ko_spelling_letters_max)
		return NULL;
	if (!(kp->cues[i] & KO_CUE_MARKED))
		return find_spelling(s, n);
	const nk_ko_spelling *hit = find_spelling(s, n);
	if (hit)
		return hit;
	char plain[NK_KO_LETTERS_MAX];
	for (size_t k = 0; k < n; k++)
		plain[k] = nk_ko_is_marked(s[k]) ? (char)(s[k] - 'A' + 'a')
						 : s[k];
	return find_spelling(plain, n);
}

/*
 * The surnames part i, as read into kp, may be; none for a hyphened
 * part, which is a given name.  A Latin spelling may stand for more
 * than one surname: MR without breves writes both 서 and 소 So; with its
 * breve Sŏ is 서 only.
 */
static void part_surnames(nk_ko_lookup *lk, const nk_name *nm,
			  const nk_ko_parts *kp, size_t i)
{
	const nk_token *t = &nm->tok[i];
	lk->n = 0;
	lk->popular = false;
	lk->lossy = 0;
	if (t->flags & NK_TOK_HYPHENED)
		return;
	if (t->script == NK_SCRIPT_HANGUL) {
		lk->ids[0] = hangul_surname(nm, t, t->len);
		lk->n = lk->ids[0] >= 0 ? 1 : 0;
		return;
	}
	const nk_ko_spelling *hit = part_spelling(kp, i);
	if (!hit)
		return;
	/* all of them, the unused too: no loop on nids */
	for (size_t k = 0; k < NK_KO_SPELLING_IDS_MAX; k++)
		lk->ids[k] = hit->ids[k];
	lk->n = hit->nids;
	lk->popular = hit->popular;
	lk->lossy = hit->lossy;
}

/*
 * A name with the cues and the letters of each part, worked out once:
 * the parts of a surname or a given name are then a span of letters.
 */
typedef struct ko_name {
	const nk_name *nm;
	const nk_ko_scan *scan; /* what the detection found */
	const nk_ko_parts *parts;
} ko_name;

/* Letters [from, to) of s, no more than the fold reads. */
static ko_span span_of(const char *s, size_t from, size_t to)
{
	const size_t len = to - from;
	return (ko_span){ s + from, len < NK_KO_LETTERS_MAX ? len
							    : NK_KO_LETTERS_MAX - 1 };
}

/*
 * The surnames token i may be, as the detection found them or else as
 * the table says, into own.
 */
static const nk_ko_lookup *lookup_token(nk_ko_lookup *own, const ko_name *kn,
					size_t i)
{
	const nk_ko_scan *scan = kn->scan;
	if (i == 0 && scan->have_first)
		return &scan->first;
	if (i + 1 == kn->nm->ntok && scan->have_last)
		return &scan->last;
	part_surnames(own, kn->nm, kn->parts, i);
	return own;
}

/*
 * The surnames token i may be, as far as the rest of the name allows: in
 * own where that differs from what lookup_token found.
 */
static const nk_ko_lookup *surnames_in(nk_ko_lookup *own, const ko_name *kn,
				       size_t i)
{
	const nk_ko_lookup *lk = lookup_token(own, kn, i);
	if (lk->lossy == 0 || !kn->parts->spelled_out ||
	    (kn->parts->cues[i] & KO_CUE_MARKED))
		return lk;
	if (lk != own)
		*own = *lk;
	drop_lossy(own);
	return own;
}

/* The readings of a name as it is assembled. */
typedef struct ko_readings {
	ko_reading r[KO_READINGS_MAX];
	size_t n;
	bool popular_surname; /* a surname spelling only popular use makes */
} ko_readings;

/* One reading per surname token i may be (lk); a fold of it if none. */
static void add_token_readings(ko_readings *rs, size_t i,
			       const nk_ko_lookup *lk, const char *why)
{
	const ko_reading base = { .tok = i, .ntok = 1, .id = KO_NO_SURNAME,
				  .why = why };
	rs->popular_surname |= lk->popular;
	if (lk->n == 0 && rs->n < KO_READINGS_MAX)
		rs->r[rs->n++] = base;
	for (size_t k = 0; k < lk->n && rs->n < KO_READINGS_MAX; k++) {
		rs->r[rs->n] = base;
		rs->r[rs->n++].id = lk->ids[k];
	}
}

/* A name in one part: Hangul with the surname joined, or a lone part. */
static void read_one(ko_readings *rs, const ko_name *kn)
{
	const nk_name *nm = kn->nm;
	const nk_token *t = &nm->tok[0];
	if (t->script != NK_SCRIPT_HANGUL || t->len < 2) {
		nk_ko_lookup own;
		add_token_readings(rs, 0, surnames_in(&own, kn, 0), "one part");
		return;
	}
	ko_reading *r = &rs->r[rs->n++];
	*r = (ko_reading){ .ntok = 1, .nsyl = 1,
			   .why = "Hangul: surname first" };
	if (t->len >= KO_JOINED_TWO_SYL_MIN && hangul_surname(nm, t, 2) >= 0)
		r->nsyl = 2;
	r->id = hangul_surname(nm, t, r->nsyl);
	char roman[NK_KO_PART_LETTERS_MAX];
	r->nsyl_letters = slot_letters(roman, nm, t, 0, r->nsyl);
}

static void read_many(ko_readings *rs, const ko_name *kn)
{
	const nk_name *nm = kn->nm;
	const size_t last = nm->ntok - 1;
	const size_t marked = marked_surname(nm);
	if (marked < nm->ntok) {
		nk_ko_lookup own;
		add_token_readings(rs, marked, surnames_in(&own, kn, marked),
				   "marked by comma or capitals");
		return;
	}
	const char *const korean = "surname first";
	const char *const western = "western order: surname last";
	nk_ko_lookup own_first, own_final;
	const nk_ko_lookup *first = surnames_in(&own_first, kn, 0);
	if (first->n > 0 && nm->ntok > 2) {
		/* the last part only counts beside a first that is no surname */
		add_token_readings(rs, 0, first, korean);
		return;
	}
	const nk_ko_lookup *final = surnames_in(&own_final, kn, last);
	if (first->n > 0 && final->n > 0) {
		/* Either part may be the surname: the commoner one leads. */
		const bool west = final->ids[0] < first->ids[0];
		add_token_readings(rs, west ? last : 0, west ? final : first,
				   west ? western : korean);
		add_token_readings(rs, west ? 0 : last, west ? first : final,
				   west ? korean : western);
		return;
	}
	if (first->n == 0 && final->n > 0)
		add_token_readings(rs, last, final, western);
	else
		add_token_readings(rs, 0, first, korean);
}

static ko_span surname_letters(const ko_name *kn, const ko_reading *r)
{
	const char *const letters = kn->parts->letters;
	const size_t *const at = kn->parts->at;
	if (r->nsyl > 0)
		return span_of(letters, at[r->tok],
			       at[r->tok] + r->nsyl_letters);
	if (r->ntok > 0)
		return span_of(letters, at[r->tok], at[r->tok + r->ntok]);
	return span_of(letters, 0, 0);
}

/*
 * All parts but the surname, joined: a span of the name's letters where
 * the surname stands first or last, which is nearly always; a copy in
 * buf[NK_KO_LETTERS_MAX] where it stands between given-name parts.
 */
static ko_span given_letters(char *buf, const ko_name *kn, const ko_reading *r)
{
	const char *const letters = kn->parts->letters;
	const size_t *at = kn->parts->at, end = at[kn->nm->ntok];
	if (r->nsyl > 0)
		return span_of(letters, at[r->tok] + r->nsyl_letters, end);
	const size_t sur_from = at[r->tok], sur_to = at[r->tok + r->ntok];
	if (sur_from == 0 || sur_to == end)
		return sur_from == 0 ? span_of(letters, sur_to, end)
				     : span_of(letters, 0, sur_from);
	const ko_span before = span_of(letters, 0, sur_from);
	const ko_span after = span_of(letters, sur_to, end);
	const size_t room = NK_KO_LETTERS_MAX - 1 - before.len;
	const size_t n = after.len < room ? after.len : room;
	memcpy(buf, before.s, before.len);
	memcpy(buf + before.len, after.s, n);
	return (ko_span){ buf, before.len + n };
}

static void trace_folds(const nk_tracer *tr, const char *part,
			const nk_ko_folded *f)
{
	for (unsigned w = NK_KO_FOLD_NONE + 1; w < NK_KO_FOLD_KINDS; w++)
		if (f->why & (1u << w))
			nk_trace(tr, "ko", "%s: %s", part, nk_ko_fold_why_name(w));
}

static void trace_reading(const nk_tracer *tr, const nk_name *nm,
			  const ko_reading *r, ko_span sur)
{
	bool marks = false;
	for (size_t i = 0; i < nm->ntext; i++)
		marks |= (nm->marks[i] & KO_VOWEL_MARKS) != 0;
	if (marks)
		nk_trace(tr, "ko", "MR ŏ ŭ, ö è é: a vowel on its own, then "
			 "folded like its plain letter");
	nk_trace(tr, "ko", "%s", r->why);
	if (r->id >= 0)
		nk_trace(tr, "ko", "surname '%.*s' -> %s", (int)sur.len, sur.s,
			 nk_ko_surnames[r->id].hangul);
	else
		nk_trace(tr, "ko", "surname '%.*s' not in the table: folded "
			 "as written", (int)sur.len, sur.s);
}

/*
 * The given-name readings to key, the likelier first.  A writer who
 * spells a closed ㅓ eo (Seok) or marks it (ŏ, ö) does not also write it
 * u, and Hangul is romanized here as RR, so there u is ㅜ or ㅡ; popular
 * cues make ㅓ the likelier reading of u, and with no cue either way both
 * are keyed.  Only the given name
 * counts: popular use keeps many system spellings of surnames (Seo,
 * Jeon), so for a surname only the table says whether it is popular.
 */
static size_t given_readings(enum nk_ko_reading out[KO_GIVEN_READINGS_MAX],
			     const ko_name *kn, const ko_readings *rs)
{
	/* the parts around the surname's, or all where it is syllables */
	const ko_reading *r = &rs->r[0];
	const size_t sur_from = r->nsyl == 0 ? r->tok : 0;
	const size_t sur_to = r->nsyl == 0 ? r->tok + r->ntok : 0;
	unsigned cues = 0;
	for (size_t i = 0; i < sur_from; i++)
		cues |= kn->parts->cues[i];
	for (size_t i = sur_to; i < kn->nm->ntok; i++)
		cues |= kn->parts->cues[i];
	if (cues & KO_CUES_SYSTEMS) {
		out[0] = NK_KO_READ_SYSTEMS;
		return 1;
	}
	const bool popular = rs->popular_surname || (cues & KO_CUE_POPULAR);
	out[0] = popular ? NK_KO_READ_POPULAR : NK_KO_READ_SYSTEMS;
	out[1] = popular ? NK_KO_READ_SYSTEMS : NK_KO_READ_POPULAR;
	return KO_GIVEN_READINGS_MAX;
}

/*
 * One surname reading and its given name, folded each way asked for.  A
 * known surname is written as the table has it, else as folded.
 */
typedef struct ko_key_parts {
	const char *sur;
	size_t sur_len;
	nk_ko_folded folded_sur; /* why is 0 for a known surname */
	/* The given name in each reading that folds it differently: own,
	 * or a reading's before with the same given name. */
	const nk_ko_folded *given;
	size_t ngiven;
	nk_ko_folded own[KO_GIVEN_READINGS_MAX];
} ko_key_parts;

/* The surname of reading r as the key writes it. */
static void key_surname(ko_key_parts *kp, const ko_reading *r, ko_span sur)
{
	if (r->id >= 0) {
		kp->sur = nk_ko_surnames[r->id].rr;
		kp->sur_len = nk_ko_surnames[r->id].rr_len;
		kp->folded_sur.why = 0;
		return;
	}
	nk_ko_fold(&kp->folded_sur, sur.s, sur.len, NK_KO_READ_SYSTEMS);
	kp->sur = kp->folded_sur.s;
	kp->sur_len = kp->folded_sur.len;
}

/*
 * The given name folded in each reading asked for (gr, ngr of them) into
 * given[]; returns how many fold it differently.  The readings part only
 * where popular u is read as ㅓ: where the popular fold made no such
 * change the systems fold is the same and is not made.
 */
static size_t fold_given(nk_ko_folded given[], ko_span l,
			 const enum nk_ko_reading *gr, size_t ngr)
{
	if (ngr == 1) {
		nk_ko_fold(&given[0], l.s, l.len, gr[0]);
		return 1;
	}
	if (!nk_ko_fold_popular(&given[0], &given[1], l.s, l.len))
		return 1;
	if (gr[0] == NK_KO_READ_SYSTEMS) {
		const nk_ko_folded popular = given[0];
		given[0] = given[1];
		given[1] = popular;
	}
	return KO_GIVEN_READINGS_MAX;
}

/* Do readings a and b leave the same parts to the given name? */
static bool same_given(const ko_reading *a, const ko_reading *b)
{
	return a->tok == b->tok && a->ntok == b->ntok && a->nsyl == b->nsyl;
}

/*
 * The key parts of reading r; prev, the parts of a reading with the same
 * given name (the surname spelling stands for more surnames), or NULL.
 */
static void fold_reading(ko_key_parts *kp, const ko_name *kn,
			 const ko_reading *r, const ko_key_parts *prev,
			 const enum nk_ko_reading *gr, size_t ngr,
			 const nk_tracer *tr)
{
	const ko_span sur = surname_letters(kn, r);
	key_surname(kp, r, sur);
	if (prev) {
		kp->given = prev->given;
		kp->ngiven = prev->ngiven;
	} else {
		char buf[NK_KO_LETTERS_MAX];
		kp->ngiven = fold_given(kp->own, given_letters(buf, kn, r), gr,
					ngr);
		kp->given = kp->own;
	}
	if (!tr->fn)
		return;
	trace_reading(tr, kn->nm, r, sur);
	trace_folds(tr, "surname", &kp->folded_sur);
	for (size_t g = 0; g < ngr; g++) /* a reading folded alike too */
		trace_folds(tr, "given name",
			    &kp->given[g < kp->ngiven ? g : 0]);
}

/* " ko:<surname>:<given name>", written in place once it fits. */
static void write_key(nk_out *out, const ko_key_parts *kp,
		      const nk_ko_folded *given)
{
	static const char prefix[] = "ko:";
	const size_t space = out->len > 0; /* none before the first key */
	const size_t head = space + sizeof prefix - 1;
	char *const at =
		nk_out_grow(out, head + kp->sur_len + 1 + given->len);
	if (!at)
		return;
	if (space)
		at[0] = ' ';
	memcpy(at + space, prefix, sizeof prefix - 1);
	memcpy(at + head, kp->sur, kp->sur_len);
	at[head + kp->sur_len] = ':';
	memcpy(at + head + kp->sur_len + 1, given->s, given->len);
}

static bool same_folded(const nk_ko_folded *a, const nk_ko_folded *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/*
 * Keys for every surname reading in the likelier given-name reading,
 * then in the other where it reads differently, NK_KEYS_MAX at most.
 */
static void write_keys(nk_out *out, const ko_key_parts *kp, size_t n,
			   size_t ngr)
{
	size_t keys = 0;
	for (size_t g = 0; g < ngr; g++)
		for (size_t i = 0; i < n && keys < NK_KEYS_MAX; i++) {
			if (g >= kp[i].ngiven)
				continue;
			const nk_ko_folded *f = &kp[i].given[g];
			if (g > 0 && same_folded(f, &kp[i].given[0]))
				continue;
			write_key(out, &kp[i], f);
			keys++;
		}
}

int nk_ko_key(nk_out *out, const nk_name *nm, const nk_ko_scan *ko,
	      unsigned flags, const nk_tracer *tr)
{
	(void)flags; /* gender folding is a Russian matter */
	ko_readings rs;
	nk_ko_parts own;
	rs.n = 0;
	rs.popular_surname = false;
	if (nm->ntok == 0)
		return NK_EEMPTY;
	const ko_name kn = {
		nm, ko, ko->have_parts ? &ko->parts : read_parts(&own, nm)
	};
	if (nm->ntok == 1)
		read_one(&rs, &kn);
	else
		read_many(&rs, &kn);
	enum nk_ko_reading gr[KO_GIVEN_READINGS_MAX];
	const size_t ngr = given_readings(gr, &kn, &rs);
	/* every Korean name comes here: no call unless traced */
	if (tr->fn && gr[0] == NK_KO_READ_POPULAR)
		nk_trace(tr, "ko", "popular spelling: u before a final is ㅓ");
	ko_key_parts kp[KO_READINGS_MAX];
	for (size_t i = 0; i < rs.n; i++) {
		const bool same = i > 0 && same_given(&rs.r[i - 1], &rs.r[i]);
		fold_reading(&kp[i], &kn, &rs.r[i], same ? &kp[i - 1] : NULL,
			     gr, ngr, tr);
	}
	write_keys(out, kp, rs.n, ngr);
	if (tr->fn && rs.n > 1)
		nk_trace(tr, "ko", "%zu readings of the surname keyed", rs.n);
	return NK_OK;
}

bool nk_ko_detect(nk_ko_scan *ko, const nk_name *nm)
{
	if (nm->ntok < 2)
		return false;
	start_parts(&ko->parts);
	for (size_t i = 0; i < nm->ntok; i++)
		if (!read_part(&ko->parts, nm, i, nk_ko_syllable_dead))
			return false;
	ko->have_parts = true;
	part_surnames(&ko->first, nm, &ko->parts, 0);
	ko->have_first = true;
	if (ko->first.n > 0)
		return true;
	part_surnames(&ko->last, nm, &ko->parts, nm->ntok - 1);
	ko->have_last = true;
	return ko->last.n > 0;
}
