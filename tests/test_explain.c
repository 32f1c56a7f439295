/*
 * test_explain.c - `namekey explain` end to end (src/cli/cmd_explain.c):
 * the trace comes from the normalizer, the verdict from nk_compare.
 */
#include <string.h>

#include "nk_test.h"

START_TEST(text_output_exactly)
{
	const nkt_result *r = nkt_cli(NULL, "explain 'Smirnoff' 'Смирнов'");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out,
		"A: Smirnoff\n"
		"   1  tokens  1: \"smirnoff\" latin\n"
		"   2  lang    ru (Latin letters, not read as Korean)\n"
		"   3  ru      doubled letters: smirnoff -> smirnof\n"
		"   4  ru      endings (-off, French -ine, ё after ж ч ш щ): "
		"smirnof -> smirnov\n"
		"   5  key     ru:smirnov\n"
		"  key: ru:smirnov\n"
		"\n"
		"B: Смирнов\n"
		"   1  tokens  1: \"смирнов\" cyrillic\n"
		"   2  lang    ru (Cyrillic script)\n"
		"   3  key     ru:smirnov\n"
		"  key: ru:smirnov\n"
		"\n"
		"match: equal (score 1.00; evidence: none)\n"
		"the traces part at step 1:\n"
		"  A: 1: \"smirnoff\" latin\n"
		"  B: 1: \"смирнов\" cyrillic\n");
}
END_TEST

START_TEST(rules_are_named)
{
	const nkt_result *r = nkt_cli(NULL, "explain 'Chruschtschow' 'Khrushchev'");
	ck_assert_int_eq(r->status, 0);
	ck_assert_ptr_nonnull(strstr(r->out, "German schtsch = щ"));
	ck_assert_ptr_nonnull(strstr(r->out, "German, Polish, Czech ch = х"));
	r = nkt_cli(NULL, "explain 'Jŏng-ŭn' 'Jong-un'");
	ck_assert_ptr_nonnull(strstr(r->out, "o keeps its breve as a mark"));
	r = nkt_cli(NULL, "explain 'Mr. Ivan Petrov' 'Petrov Ivan Ivanovich'");
	ck_assert_ptr_nonnull(strstr(r->out, "dropped honorific \"mr\""));
	ck_assert_ptr_nonnull(strstr(r->out, "patronymic \"ivanovich\" left out"));
}
END_TEST

START_TEST(exit_status_like_cmp)
{
	ck_assert_int_eq(nkt_cli(NULL, "explain 'Kim Jong-il' 'Kim Jong-un'")->status, 1);
	ck_assert_int_eq(nkt_cli(NULL, "explain 'Sasha Ivanov' 'Aleksandr Ivanov'")->status, 0);
	ck_assert_int_eq(nkt_cli(NULL, "explain 'Ivanov'")->status, 2);
	ck_assert_int_eq(nkt_cli(NULL, "explain '' 'Ivanov'")->status, 2);
	ck_assert_int_eq(nkt_cli(NULL, "explain --bogus a b")->status, 2);
	ck_assert_int_eq(nkt_cli(NULL, "explain --help")->status, 0);
}
END_TEST

START_TEST(json_output)
{
	const nkt_result *r = nkt_cli(NULL, "explain --json 'Kim Jong-il' 'Kim Jong-un'");
	ck_assert_int_eq(r->status, 1);
	ck_assert(strncmp(r->out, "{\"a\":{\"name\":\"Kim Jong-il\",\"lang\":\"ko\"", 38) == 0);
	ck_assert_ptr_nonnull(strstr(r->out, "\"match\":{\"kind\":\"different\""));
	ck_assert_ptr_nonnull(strstr(r->out, "\"first_difference\":2}"));
	ck_assert_ptr_nonnull(strstr(r->out, "{\"stage\":\"lang\",\"detail\":"));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("explain");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, text_output_exactly);
	tcase_add_test(tc, rules_are_named);
	tcase_add_test(tc, exit_status_like_cmp);
	tcase_add_test(tc, json_output);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
