/*
 * test_fold.c - the Unicode fold stage (src/fold.c, src/fold_tables.c).
 */
#include <string.h>

#include "ctx.h"
#include "fold.h"
#include "fold_tables.h"
#include "nk_test.h"
#include "utf8.h"

static nk_name nm;

static int fold(const char *s)
{
	size_t bad = 0;
	return nk_fold_name(&nm, &bad, nkt_ctx(), s, strlen(s));
}

/* The letters of nm as UTF-8, punctuation as its kind's ASCII stand-in. */
static const char *letters(void)
{
	static char out[256];
	size_t n = 0;
	for (size_t i = 0; i < nm.ntext && n + 4 < sizeof out; i++) {
		if (nm.kind[i] == NK_KIND_LETTER || nm.kind[i] == NK_KIND_UPPER) {
			char tmp[4];
			const size_t m = nk_utf8_put(tmp, nm.text[i]);
			memcpy(out + n, tmp, m);
			n += m;
		} else if (nm.kind[i] == NK_KIND_HYPHEN) {
			out[n++] = '-';
		} else if (nm.kind[i] == NK_KIND_APOS) {
			out[n++] = '\'';
		} else if (nm.kind[i] == NK_KIND_SPACE) {
			out[n++] = ' ';
		}
	}
	out[n] = '\0';
	return out;
}

START_TEST(tables_are_sorted)
{
	for (size_t i = 1; i < nk_punct_count; i++)
		ck_assert_uint_lt(nk_punct_table[i - 1].cp, nk_punct_table[i].cp);
}
END_TEST

START_TEST(case_and_diacritics)
{
	ck_assert_int_eq(fold("ŎŬËÉ"), NK_OK);
	ck_assert_str_eq(letters(), "ouee");
	ck_assert(nm.marks[0] & NK_MARK_BREVE);
	ck_assert(nm.marks[1] & NK_MARK_BREVE);
	ck_assert(nm.marks[2] & NK_MARK_DIAERESIS);
	ck_assert(nm.marks[3] & NK_MARK_ACUTE);
	ck_assert_int_eq(nm.kind[0], NK_KIND_UPPER);
}
END_TEST

START_TEST(decomposed_input_equals_composed)
{
	ck_assert_int_eq(fold("Cho\xCC\x86ng"), NK_OK); /* o + U+0306 */
	ck_assert_str_eq(letters(), "chong");
	ck_assert(nm.marks[2] & NK_MARK_BREVE);
}
END_TEST

START_TEST(letters_without_decomposition)
{
	ck_assert_int_eq(fold("Łukasz Strauß Øre"), NK_OK);
	ck_assert_str_eq(letters(), "lukasz strauss ore");
}
END_TEST

START_TEST(cyrillic_keeps_short_i_and_yo)
{
	ck_assert_int_eq(fold("ЙОЖИК Ёлкин"), NK_OK);
	ck_assert_str_eq(letters(), "йожик ёлкин");
}
END_TEST

START_TEST(compatibility_forms)
{
	/* fullwidth Latin and halfwidth Hangul jamo meet their usual forms */
	ck_assert_int_eq(fold("ＫＩＭ"), NK_OK);
	ck_assert_str_eq(letters(), "kim");
	ck_assert_int_eq(fold("\xEF\xBE\xA1\xEF\xBF\x82"), NK_OK); /* ﾡￂ */
	ck_assert_uint_gt(nm.ntext, 0);
}
END_TEST

START_TEST(punctuation_lookalikes)
{
	ck_assert_int_eq(fold("a’b‘cʼdʹe`f″g"), NK_OK);
	ck_assert_str_eq(letters(), "a'b'c'd'e'f''g"); /* NFKC: ″ is two primes */
	ck_assert_int_eq(fold("a\u2010b\u2013c\u2212d\u00ADe"), NK_OK);
	ck_assert_str_eq(letters(), "a-b-c-d-e");
	ck_assert_int_eq(fold("a\u00A0b\u2009c\td"), NK_OK);
	ck_assert_str_eq(letters(), "a b c d");
}
END_TEST

START_TEST(one_pass_matches_whole_name_nfkc)
{
	/* already NFKC: folded code point by code point from the tables */
	ck_assert_int_eq(fold("Ol’ga"), NK_OK);
	ck_assert_str_eq(letters(), "ol'ga");
	ck_assert_int_eq(fold("Kot͡sev"), NK_OK); /* t + U+0361 */
	ck_assert_str_eq(letters(), "kotsev");
	ck_assert(nm.marks[2] & NK_MARK_OTHER);
	/* marks out of canonical order: NFKC reorders, then composes a + ̈ */
	ck_assert_int_eq(fold("a\u0361\u0308"), NK_OK);
	ck_assert_str_eq(letters(), "a");
	ck_assert(nm.marks[0] & NK_MARK_DIAERESIS);
	ck_assert(nm.marks[0] & NK_MARK_OTHER);
}
END_TEST

START_TEST(errors)
{
	size_t bad = 0;
	ck_assert_int_eq(nk_fold_name(&nm, &bad, nkt_ctx(), "ab\xC3", 3),
			 NK_EUTF8);
	ck_assert_uint_eq(bad, 2);
	ck_assert_int_eq(nk_fold_name(&nm, &bad, nkt_ctx(), "a\0b", 3),
			 NK_EUTF8);
	ck_assert_uint_eq(bad, 1);
	ck_assert_int_eq(nk_fold_name(&nm, &bad, nkt_ctx(), "Ж\0b", 4),
			 NK_EUTF8);
	ck_assert_uint_eq(bad, 2);
	static char big[NK_NAME_MAX + 2];
	memset(big, 'a', sizeof big - 1);
	ck_assert_int_eq(fold(big), NK_ETOOLONG);
	/* ΐ folds to three slots: the bytes fit, the slots do not */
	static const char iota[] = "ΐ";
	for (size_t i = 0; i + 2 <= NK_NAME_MAX; i += 2)
		memcpy(big + i, iota, 2);
	big[NK_NAME_MAX] = '\0';
	ck_assert_int_eq(fold(big), NK_ETOOLONG);
	big[NK_NAME_MAX - 1] = '\xC3'; /* a bad byte still says where it is */
	ck_assert_int_eq(fold(big), NK_EUTF8);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("fold");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, tables_are_sorted);
	tcase_add_test(tc, case_and_diacritics);
	tcase_add_test(tc, decomposed_input_equals_composed);
	tcase_add_test(tc, letters_without_decomposition);
	tcase_add_test(tc, cyrillic_keeps_short_i_and_yo);
	tcase_add_test(tc, compatibility_forms);
	tcase_add_test(tc, punctuation_lookalikes);
	tcase_add_test(tc, one_pass_matches_whole_name_nfkc);
	tcase_add_test(tc, errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
