/*
 * test_ru.c - Russian rules.
 */
#include <string.h>

#include "nk_test.h"

START_TEST(cyrillic_is_russian)
{
	nk_key_info info;
	char buf[NK_KEY_MAX];
	const char *name = "Зюганов Геннадий";
	ck_assert_int_eq(nk_key(&info, buf, sizeof buf, nkt_ctx(), name,
				strlen(name), NULL), NK_OK);
	ck_assert_int_eq(info.lang, NK_LANG_RU);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ru");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, cyrillic_is_russian);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
