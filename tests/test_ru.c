/*
 * test_ru.c - Russian rules (src/ru.c, src/ru_tables.c).
 */
#include <stdio.h>
#include <string.h>

#include "nk_test.h"

static void assert_same(const char *a, const char *b)
{
	ck_assert_msg(nkt_share_key(a, b), "'%s' [%s] and '%s' should match",
		      a, nkt_key(a), b);
}

static void assert_apart(const char *a, const char *b)
{
	ck_assert_msg(!nkt_share_key(a, b), "'%s' and '%s' should differ", a,
		      b);
}

START_TEST(variant_groups)
{
	ck_assert_int_eq(nkt_check_groups("ru_variants.tsv"), 0);
}
END_TEST

START_TEST(cyrillic_is_russian)
{
	nk_key_info info;
	char buf[NK_KEY_MAX];
	const char *name = "Зюганов Геннадий";
	ck_assert_int_eq(nk_key(&info, buf, sizeof buf, nkt_ctx(), name,
				strlen(name), NULL), NK_OK);
	ck_assert_int_eq(info.lang, NK_LANG_RU);
	ck_assert_int_eq(strncmp(buf, "ru:", 3), 0);
}
END_TEST

START_TEST(word_order_does_not_matter)
{
	assert_same("Gennady Zyuganov", "Zyuganov Gennady");
	assert_same("Gennady Zyuganov", "ZYUGANOV, Gennady");
	assert_same("Геннадий Зюганов", "Zyuganov Gennadiy");
}
END_TEST

START_TEST(patronymic_left_out)
{
	assert_same("Gennady Andreyevich Zyuganov", "Gennady Zyuganov");
	assert_same("Zyuganov Gennady Andreyevich", "Gennady Zyuganov");
	assert_same("Геннадий Андреевич Зюганов", "Gennadij Zjuganov");
	assert_same("Irina Petrovna Volkova", "Irina Volkova");
	assert_same("Irina Ilyinichna Volkova", "Irina Volkova");
	assert_same("Ivan Frolovitch Petrov", "Ivan Petrov");
	/* a surname in -ovich in a two-part name is kept */
	assert_apart("Roman Abramovich", "Roman");
	/* patronymic and surname both in -ovich: the middle one goes */
	assert_same("Dmitri Dmitrievich Shostakovich", "Dmitri Shostakovich");
}
END_TEST

START_TEST(initials_are_not_the_full_name)
{
	assert_same("G. A. Zyuganov", "Zyuganov G.A.");
	assert_same("G. A. Zyuganov", "Г. А. Зюганов");
	assert_apart("G. A. Zyuganov", "Gennady Zyuganov");
	assert_apart("G. Zyuganov", "A. Zyuganov");
}
END_TEST

START_TEST(gendered_forms)
{
	assert_apart("Ivan Ivanov", "Ivan Ivanova");
	assert_apart("Tolstoy", "Tolstaya");
	assert_apart("Zelensky", "Zelenskaya");
	ck_assert_str_eq(nkt_key_opts("Ivanova", NK_LANG_AUTO,
				      NK_KEY_FOLD_GENDER),
			 nkt_key("Ivanov"));
	ck_assert_str_eq(nkt_key_opts("Zelenskaya", NK_LANG_AUTO,
				      NK_KEY_FOLD_GENDER),
			 nkt_key("Zelensky"));
	/* the key shows the shared stem */
	ck_assert_ptr_nonnull(strstr(nkt_key("Ivanova"), "ivanov"));
}
END_TEST

START_TEST(different_people_stay_apart)
{
	assert_apart("Ivan Petrov", "Pyotr Ivanov");
	assert_apart("Yana Smirnova", "Anna Smirnova");
	assert_apart("Sergei Ivanov", "Sergei Ivanovsky");
	assert_apart("Mikhail Gorbachev", "Mikhail Gorbunov");
	assert_apart("Yuri Andropov", "Yuri Andreev");
}
END_TEST

START_TEST(ambiguous_letters_give_readings)
{
	char key[NK_KEY_MAX];
	/* x is кс in English, х in GOST 7.79 B: both readings */
	snprintf(key, sizeof key, "%s", nkt_key("Zaxarova"));
	ck_assert_ptr_nonnull(strchr(key, ' '));
	assert_same("Zaxarova", "Захарова");
	assert_same("Maxim", "Максим");
	/* ch is ч in English, ш in French */
	assert_same("Charova", "Шарова");
	assert_same("Chernov", "Чернов");
	/* German, Polish and Czech spellings read ch as х */
	assert_same("Chruschtschow", "Хрущёв");
	ck_assert_ptr_null(strchr(nkt_key("Chruschtschow"), ' '));
}
END_TEST

START_TEST(hyphenated_surnames)
{
	assert_same("Rimsky-Korsakov", "Римский-Корсаков");
	assert_same("Rimskiy-Korsakov", "Rimskij-Korsakov");
	assert_apart("Rimsky-Korsakov", "Korsakov");
}
END_TEST

static void ignore_trace(void *data, const char *stage, const char *detail)
{
	(void)data;
	(void)stage;
	(void)detail;
}

/* The untraced path fuses the normalization passes that the traced path
 * runs one by one: both must give the same keys. */
START_TEST(traced_and_fused_passes_agree)
{
	static const char *const names[] = {
		"Vasil'yev", "Solov'yov", "Mariya Il'inichna", "Smirnoff",
		"Bragine", "Gorbatschow", "Alekseyevna", "Yana Iakovleva",
		"Ioann", "Gennadiy Gennadyevich", "Tchaïkovski", "Ehduard",
		"Kh'yuz", "Podyachev", "Aaa Iio Uue",
	};
	nk_key_options o = NK_KEY_OPTIONS_INIT;
	o.trace = ignore_trace;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char a[NK_KEY_MAX], b[NK_KEY_MAX];
		const size_t n = strlen(names[i]);
		ck_assert_int_eq(nk_key(NULL, a, sizeof a, nkt_ctx(), names[i], n,
					NULL), NK_OK);
		ck_assert_int_eq(nk_key(NULL, b, sizeof b, nkt_ctx(), names[i], n,
					&o), NK_OK);
		ck_assert_str_eq(a, b);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ru");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, variant_groups);
	tcase_add_test(tc, cyrillic_is_russian);
	tcase_add_test(tc, word_order_does_not_matter);
	tcase_add_test(tc, patronymic_left_out);
	tcase_add_test(tc, initials_are_not_the_full_name);
	tcase_add_test(tc, gendered_forms);
	tcase_add_test(tc, different_people_stay_apart);
	tcase_add_test(tc, ambiguous_letters_give_readings);
	tcase_add_test(tc, hyphenated_surnames);
	tcase_add_test(tc, traced_and_fused_passes_agree);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
