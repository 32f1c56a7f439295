/*
 * test_token.c - the token stage (src/token.c, src/token_tables.c).
 */
#include <string.h>

#include "fold.h"
#include "nk_test.h"
#include "token.h"
#include "token_tables.h"
#include "utf8.h"

static nk_name nm;

static int split(const char *s)
{
	size_t bad = 0;
	nm.ctx = nkt_ctx();
	const int rc = nk_fold_name(&nm, &bad, nm.ctx, s, strlen(s));
	return rc ? rc : nk_token_split(&nm, NULL);
}

static const char *tok(size_t i)
{
	static char out[128];
	ck_assert_uint_lt(i, nm.ntok);
	nk_token_utf8(out, sizeof out, &nm, &nm.tok[i]);
	return out;
}

START_TEST(splits_on_spaces_commas_dots)
{
	ck_assert_int_eq(split("  KIM,Su-gil  "), NK_OK);
	ck_assert_uint_eq(nm.ntok, 2);
	ck_assert_str_eq(tok(0), "kim");
	ck_assert_str_eq(tok(1), "su-gil");
	ck_assert(nm.tok[0].flags & NK_TOK_COMMA);
	ck_assert(nm.tok[0].flags & NK_TOK_UPPER);
	ck_assert(nm.tok[1].flags & NK_TOK_HYPHENED);
	ck_assert(!(nm.tok[1].flags & NK_TOK_UPPER));
	/* all in capitals: no part stands out */
	ck_assert_int_eq(split("KIM SU-GIL"), NK_OK);
	ck_assert(!(nm.tok[0].flags & NK_TOK_UPPER));
}
END_TEST

START_TEST(initials)
{
	ck_assert_int_eq(split("G.A. Zyuganov"), NK_OK);
	ck_assert_uint_eq(nm.ntok, 3);
	ck_assert(nm.tok[0].flags & NK_TOK_INITIAL);
	ck_assert(nm.tok[1].flags & NK_TOK_INITIAL);
	ck_assert(!(nm.tok[2].flags & NK_TOK_INITIAL));
	ck_assert_int_eq(split("Yu. Gagarin"), NK_OK);
	ck_assert(nm.tok[0].flags & NK_TOK_INITIAL);
	/* a Hangul syllable is never an initial */
	ck_assert_int_eq(split("김 수"), NK_OK);
	ck_assert(!(nm.tok[1].flags & NK_TOK_INITIAL));
}
END_TEST

START_TEST(honorifics_and_parentheses)
{
	ck_assert_int_eq(split("Mr. Gennady (Gena) Zyuganov, Jr"), NK_OK);
	ck_assert_uint_eq(nm.ntok, 2);
	ck_assert_str_eq(tok(0), "gennady");
	ck_assert_str_eq(tok(1), "zyuganov");
	ck_assert_int_eq(split("Г-н Зюганов"), NK_OK);
	ck_assert_uint_eq(nm.ntok, 1);
	ck_assert_int_eq(split("김수길씨"), NK_OK);
	ck_assert_str_eq(tok(0), "김수길");
	ck_assert_int_eq(split("김수길 씨"), NK_OK);
	ck_assert_uint_eq(nm.ntok, 1);
	/* titles that can be name parts count only when abbreviated */
	ck_assert_int_eq(split("Gen. Kim"), NK_OK);
	ck_assert_uint_eq(nm.ntok, 1);
	ck_assert_int_eq(split("Kim Gen"), NK_OK);
	ck_assert_uint_eq(nm.ntok, 2);
}
END_TEST

START_TEST(apostrophes_and_hyphens)
{
	ck_assert_int_eq(split("Solov'ev -Ch'oe- 'x"), NK_OK);
	ck_assert_str_eq(tok(0), "solov'ev");
	ck_assert_str_eq(tok(1), "ch'oe");
	ck_assert_str_eq(tok(2), "x");
	ck_assert_int_eq(split("Rimsky\u2013Korsakov"), NK_OK);
	ck_assert_uint_eq(nm.ntok, 1);
	ck_assert_str_eq(tok(0), "rimsky-korsakov");
}
END_TEST

START_TEST(scripts)
{
	ck_assert_int_eq(split("Kim 김 Ким x김"), NK_OK);
	ck_assert_uint_eq(nm.ntok, 5);
	ck_assert_int_eq(nm.tok[0].script, NK_SCRIPT_LATIN);
	ck_assert_int_eq(nm.tok[1].script, NK_SCRIPT_HANGUL);
	ck_assert_int_eq(nm.tok[2].script, NK_SCRIPT_CYRILLIC);
	ck_assert_int_eq(nm.tok[3].script, NK_SCRIPT_LATIN);
	ck_assert_int_eq(nm.tok[4].script, NK_SCRIPT_HANGUL);
}
END_TEST

START_TEST(empty_and_limits)
{
	ck_assert_int_eq(split(""), NK_EEMPTY);
	ck_assert_int_eq(split(" ,.-'() "), NK_EEMPTY);
	ck_assert_int_eq(split("Mr. Dr."), NK_EEMPTY);
	ck_assert_int_eq(split("123 456"), NK_EEMPTY);
	char many[NK_TOKENS_MAX * 2 + 8] = "";
	for (int i = 0; i <= NK_TOKENS_MAX; i++)
		strcat(many, "a ");
	ck_assert_int_eq(split(many), NK_ETOOLONG);
}
END_TEST

START_TEST(noise_index_has_room)
{
	/* open addressing stays at a probe or two when most slots are free */
	ck_assert_uint_le(nk_noise_count * 8, NK_NOISE_SLOTS);
	ck_assert_int_eq(split("Pan. Sen. Frau Jun Son Han"), NK_OK);
	ck_assert_uint_eq(nm.ntok, 3);
	ck_assert_str_eq(tok(0), "jun");
}
END_TEST

START_TEST(every_honorific_is_found)
{
	for (size_t i = 0; i < nk_noise_count; i++) {
		char s[64];
		size_t n = 0;
		for (const char32_t *c = nk_noise_table[i].word; *c; c++)
			n += nk_utf8_put(s + n, *c);
		memcpy(s + n, ". x", 4);
		ck_assert_int_eq(split(s), NK_OK);
		ck_assert_uint_eq(nm.ntok, 1);
		ck_assert_str_eq(tok(0), "x");
	}
}
END_TEST

/* Both ways to a split name: in one pass, and fold then split. */
static nk_name fused, slots;

static void check_same_split(const char *s, size_t len)
{
	size_t bad_fused = 0, bad_slots = 0;
	const int rc = nk_token_read(&fused, &bad_fused, nkt_ctx(), s, len,
				     NULL);
	slots.ctx = nkt_ctx();
	int want = nk_fold_name(&slots, &bad_slots, slots.ctx, s, len);
	if (want == NK_OK)
		want = nk_token_split(&slots, NULL);
	ck_assert_msg(rc == want, "\"%.*s\": %d, not %d", (int)len, s, rc,
		      want);
	if (rc == NK_EUTF8)
		ck_assert_uint_eq(bad_fused, bad_slots);
	if (rc != NK_OK)
		return;
	ck_assert_msg(fused.ntext == slots.ntext && fused.ntok == slots.ntok,
		      "\"%.*s\": other slots or tokens", (int)len, s);
	ck_assert(memcmp(fused.text, slots.text,
			 fused.ntext * sizeof fused.text[0]) == 0);
	ck_assert(memcmp(fused.marks, slots.marks, fused.ntext) == 0);
	for (size_t i = 0; i < fused.ntok; i++) {
		const nk_token *a = &fused.tok[i], *b = &slots.tok[i];
		ck_assert_msg(a->start == b->start && a->len == b->len &&
				      a->script == b->script &&
				      a->flags == b->flags,
			      "\"%.*s\": token %zu differs", (int)len, s, i);
	}
}

START_TEST(one_pass_equals_fold_then_split)
{
	/* pieces that take each path of either: marks that NFKC keeps or
	 * composes, letters that fold to several slots, code points only
	 * ICU folds, signs, honorifics, bad bytes */
	static const char *const pieces[] = {
		"a", "Kim", "SU", "ё", "Ж", "ж", "é", "Č", "ŏ", "ß", "æ",
		"ΐ", "김", "씨", "\u1100", "\uFFA1", " ", "  ", "-", "'",
		"\u2019", "\"", ".", ",", "(", ")", "1", "\u0361", "\u0301",
		"\u0308", "\uFB01", "\u01C6", "\u2010", "\u00AD", "Mr",
		"Dr.", "Gen.", "Mlle", "\xC3", "\xFF", "\xE0\x80", "\t",
	};
	char s[256];
	uint32_t seed = 1;
	for (int n = 0; n < 40000; n++) {
		size_t len = 0;
		seed = seed * 1103515245u + 12345u;
		const unsigned parts = 1 + (seed >> 16) % 10;
		for (unsigned k = 0; k < parts; k++) {
			seed = seed * 1103515245u + 12345u;
			const size_t pick = (seed >> 16) % NK_ARRAY_LEN(pieces);
			const char *p = pieces[pick];
			const size_t m = strlen(p);
			memcpy(s + len, p, m);
			len += m;
		}
		check_same_split(s, len);
	}
	check_same_split("a\0b", 3);
	static char big[NK_NAME_MAX + 1];
	for (size_t i = 0; i + 2 <= NK_NAME_MAX; i += 2)
		memcpy(big + i, "ΐ", 2);
	check_same_split(big, NK_NAME_MAX);
	for (size_t i = 0; i + 2 <= NK_NAME_MAX; i += 2)
		memcpy(big + i, "a ", 2);
	check_same_split(big, NK_NAME_MAX);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("token");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, splits_on_spaces_commas_dots);
	tcase_add_test(tc, initials);
	tcase_add_test(tc, honorifics_and_parentheses);
	tcase_add_test(tc, apostrophes_and_hyphens);
	tcase_add_test(tc, scripts);
	tcase_add_test(tc, empty_and_limits);
	tcase_add_test(tc, noise_index_has_room);
	tcase_add_test(tc, every_honorific_is_found);
	tcase_add_test(tc, one_pass_equals_fold_then_split);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
