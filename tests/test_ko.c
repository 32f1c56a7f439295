/*
 * test_ko.c - Korean rules.
 */
#include <string.h>

#include "nk_test.h"

START_TEST(hangul_is_korean)
{
	nk_key_info info;
	char buf[NK_KEY_MAX];
	const char *name = "김수길";
	ck_assert_int_eq(nk_key(&info, buf, sizeof buf, nkt_ctx(), name,
				strlen(name), NULL), NK_OK);
	ck_assert_int_eq(info.lang, NK_LANG_KO);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ko");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, hangul_is_korean);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
