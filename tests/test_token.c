/*
 * test_token.c - the token stage (src/token.c, src/token_tables.c).
 */
#include <string.h>

#include "fold.h"
#include "nk_test.h"
#include "token.h"
#include "token_tables.h"

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
	/* open addressing stays one or two probes when half the slots are free */
	ck_assert_uint_le(nk_noise_count * 2, NK_NOISE_SLOTS);
	ck_assert_int_eq(split("Pan. Sen. Frau Jun Son Han"), NK_OK);
	ck_assert_uint_eq(nm.ntok, 3);
	ck_assert_str_eq(tok(0), "jun");
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
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
