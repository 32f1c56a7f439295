/*
 * test_compare.c - name comparison: nk_compare(), nk_compare_keys(), the
 * given-name table (compare.c, ru_given.c) and `namekey compare`.
 *
 * Every comparison is made both ways and must give the same verdict.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "nk_test.h"

/* Room for the arguments of one run of the CLI. */
#define CLI_ARGS_MAX 1024

static nk_match compare_flags(const char *a, const char *b, unsigned flags)
{
	nk_key_options o = NK_KEY_OPTIONS_INIT;
	nk_match ab, ba;

	o.flags = flags;
	ck_assert_int_eq(nk_compare(&ab, nkt_ctx(), a, strlen(a), b,
				    strlen(b), &o), NK_OK);
	ck_assert_int_eq(nk_compare(&ba, nkt_ctx(), b, strlen(b), a,
				    strlen(a), &o), NK_OK);
	ck_assert_msg(ab.kind == ba.kind && ab.score == ba.score &&
			      ab.evidence == ba.evidence,
		      "'%s' / '%s' not symmetric", a, b);
	return ab;
}

static nk_match compare(const char *a, const char *b)
{
	return compare_flags(a, b, 0);
}

static void expect_flags(const char *a, const char *b, unsigned flags,
			 nk_match_kind kind, unsigned evidence)
{
	const nk_match m = compare_flags(a, b, flags);
	ck_assert_msg(m.kind == kind && m.evidence == evidence,
		      "'%s' / '%s': got %s %.2f evidence %#x, want %s %#x", a,
		      b, nk_match_kind_name(m.kind), m.score, m.evidence,
		      nk_match_kind_name(kind), evidence);
}

static void expect(const char *a, const char *b, nk_match_kind kind,
		   unsigned evidence)
{
	expect_flags(a, b, 0, kind, evidence);
}

static void expect_compatible_score(const char *a, const char *b)
{
	const nk_match m = compare(a, b);
	ck_assert_int_eq(m.kind, NK_MATCH_COMPATIBLE);
	ck_assert_msg(m.score > 0.5 && m.score < 0.95, "%s / %s: %.3f", a, b,
		      m.score);
}

START_TEST(equal_spellings)
{
	const nk_match m = compare("Gennady Zyuganov", "Зюганов Геннадий");
	ck_assert_int_eq(m.kind, NK_MATCH_EQUAL);
	ck_assert(m.score == 1.0);
	ck_assert_uint_eq(m.evidence, 0);
	expect("Sasha Ivanov", "Саша Иванов", NK_MATCH_EQUAL, 0);
}
END_TEST

START_TEST(initials)
{
	expect("G. A. Zyuganov", "Gennady Zyuganov", NK_MATCH_COMPATIBLE,
	       NK_EV_INITIALS | NK_EV_PATRONYMIC);
	expect("G. A. Zyuganov", "Gennady Andreyevich Zyuganov",
	       NK_MATCH_COMPATIBLE, NK_EV_INITIALS);
	expect("Gennady A. Zyuganov", "Gennady Andreyevich Zyuganov",
	       NK_MATCH_COMPATIBLE, NK_EV_INITIALS);
	expect("Zyuganov G.", "Gennady Zyuganov", NK_MATCH_COMPATIBLE,
	       NK_EV_INITIALS);
	expect("G. Zyuganov", "G. A. Zyuganov", NK_MATCH_COMPATIBLE,
	       NK_EV_PATRONYMIC);
	/* an initial of the full form a diminutive stands for */
	expect("A. Ivanov", "Sasha Ivanov", NK_MATCH_COMPATIBLE,
	       NK_EV_INITIALS);
	expect_compatible_score("G. A. Zyuganov", "Gennady Zyuganov");
}
END_TEST

START_TEST(initials_that_disagree)
{
	expect("A. Zyuganov", "Gennady Zyuganov", NK_MATCH_DIFFERENT, 0);
	expect("G. Zyuganov", "A. Zyuganov", NK_MATCH_DIFFERENT, 0);
	expect("Gennady A. Zyuganov", "Gennady V. Zyuganov",
	       NK_MATCH_DIFFERENT, 0);
	expect("G. V. Zyuganov", "Gennady Andreyevich Zyuganov",
	       NK_MATCH_DIFFERENT, NK_EV_PATRONYMIC);
	expect("G. A. Zyuganov", "G. A. Petrov", NK_MATCH_DIFFERENT, 0);
}
END_TEST

START_TEST(surname_only)
{
	expect("Zyuganov", "Gennady Zyuganov", NK_MATCH_COMPATIBLE,
	       NK_EV_SURNAME_ONLY);
	expect("Zyuganov", "G. A. Zyuganov", NK_MATCH_COMPATIBLE,
	       NK_EV_SURNAME_ONLY);
	expect("Zyuganov", "Gennady Andreyevich Zyuganov",
	       NK_MATCH_COMPATIBLE, NK_EV_SURNAME_ONLY | NK_EV_PATRONYMIC);
	expect_compatible_score("Zyuganov", "Gennady Zyuganov");
	/* the surname alone is weaker evidence than an initial */
	ck_assert(compare("Zyuganov", "Gennady Zyuganov").score <
		  compare("G. Zyuganov", "Gennady Zyuganov").score);
}
END_TEST

START_TEST(given_name_alone_is_not_enough)
{
	expect("Gennady", "Gennady Zyuganov", NK_MATCH_DIFFERENT, 0);
	expect("Sasha", "Aleksandr Ivanov", NK_MATCH_DIFFERENT, 0);
	expect("Zyuganov", "Ivanov", NK_MATCH_DIFFERENT, 0);
	expect("Ivan Petrov", "Ivan Petrov Sidorov", NK_MATCH_DIFFERENT, 0);
}
END_TEST

START_TEST(diminutives)
{
	static const char *const pairs[][2] = {
		{ "Sasha Ivanov", "Aleksandr Ivanov" },
		{ "Саша Иванов", "Aleksandr Ivanov" },
		{ "Sasha Ivanov", "Александр Иванов" },
		{ "Ivanov Aleksandr", "Shura Ivanov" },
		{ "Sasha Ivanov", "Shura Ivanov" },
		{ "Volodya Putin", "Vladimir Putin" },
		{ "Dima Medvedev", "Dmitry Medvedev" },
		{ "Masha Petrova", "Мария Петрова" },
		{ "Slava Petrov", "Vyacheslav Petrov" },
		{ "Slava Petrov", "Stanislav Petrov" },
		{ "Sasha Ivanova", "Aleksandra Ivanova" },
		{ "Sasha Ivanov", "Alexander Ivanov" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		expect(pairs[i][0], pairs[i][1], NK_MATCH_COMPATIBLE,
		       NK_EV_DIMINUTIVE);
		expect_compatible_score(pairs[i][0], pairs[i][1]);
	}
}
END_TEST

START_TEST(equivalents)
{
	static const char *const pairs[][2] = {
		{ "Alexander Ivanov", "Aleksandr Ivanov" },
		{ "Michael Gorbachev", "Mikhail Gorbachev" },
		{ "Peter Ivanov", "Pyotr Ivanov" },
		{ "Eugene Ivanov", "Yevgeny Ivanov" },
		{ "Paul Ivanov", "Pavel Ivanov" },
		{ "George Ivanov", "Георгий Иванов" },
		{ "Alessandro Ivanov", "Alexander Ivanov" },
		{ "Catherine Ivanova", "Yekaterina Ivanova" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		expect(pairs[i][0], pairs[i][1], NK_MATCH_COMPATIBLE,
		       NK_EV_EQUIVALENT);
		expect_compatible_score(pairs[i][0], pairs[i][1]);
	}
	/* a cross-language form is closer kin than a pet name */
	ck_assert(compare("Michael Ivanov", "Mikhail Ivanov").score >
		  compare("Misha Ivanov", "Mikhail Ivanov").score);
}
END_TEST

START_TEST(different_given_names)
{
	expect("Ivan Petrov", "Sergei Petrov", NK_MATCH_DIFFERENT, 0);
	expect("Maria Ivanova", "Daria Ivanova", NK_MATCH_DIFFERENT, 0);
	expect("Vyacheslav Petrov", "Stanislav Petrov", NK_MATCH_DIFFERENT, 0);
	expect("Aleksandr Ivanov", "Aleksei Ivanov", NK_MATCH_DIFFERENT, 0);
	expect("Aleksandr Ivanov", "Aleksandra Ivanova", NK_MATCH_DIFFERENT, 0);
	/* Jan is the Russian name Ян, not a form of Иван */
	expect("Jan Petrov", "Ivan Petrov", NK_MATCH_DIFFERENT, 0);
}
END_TEST

START_TEST(patronymics)
{
	expect("Ivan Ivanovich Petrov", "Ivan Sergeyevich Petrov",
	       NK_MATCH_DIFFERENT, NK_EV_PATRONYMIC);
	expect("Ivan Ivanovich Petrov", "Ivan Petrov", NK_MATCH_COMPATIBLE,
	       NK_EV_PATRONYMIC);
	expect("Ivan Ivanovich Petrov", "Petrov Ivan Ivanovich",
	       NK_MATCH_EQUAL, 0);
	expect("Ivan Ivanovich Petrov", "Иван Иванович Петров",
	       NK_MATCH_EQUAL, 0);
	/* each reading of a patronymic's spelling counts: x may be х */
	expect("Ivan Arxipovich Petrov", "Ivan Arkhipovich Petrov",
	       NK_MATCH_EQUAL, 0);
	expect("Ivan Arxipovich Petrov", "I. A. Petrov", NK_MATCH_COMPATIBLE,
	       NK_EV_INITIALS);
	expect_compatible_score("Ivan Ivanovich Petrov", "Ivan Petrov");
}
END_TEST

START_TEST(gender)
{
	expect("Ivanova", "Ivanov", NK_MATCH_DIFFERENT, NK_EV_GENDER);
	expect("Anna Ivanova", "Anna Ivanov", NK_MATCH_DIFFERENT, NK_EV_GENDER);
	expect_flags("Ivanova", "Ivanov", NK_KEY_FOLD_GENDER,
		     NK_MATCH_COMPATIBLE, NK_EV_GENDER);
	expect_flags("Sasha Ivanova", "Sasha Ivanov", NK_KEY_FOLD_GENDER,
		     NK_MATCH_COMPATIBLE, NK_EV_GENDER);
	expect_flags("Ivanova", "Ivanova", NK_KEY_FOLD_GENDER, NK_MATCH_EQUAL,
		     0);
	const nk_match m = compare_flags("Ivanova", "Ivanov",
					 NK_KEY_FOLD_GENDER);
	ck_assert(m.score > 0.5 && m.score < 0.95);
}
END_TEST

START_TEST(near_typos)
{
	const nk_match one = compare("Ivan Kalashnikov", "Ivan Kalashnokov");
	const nk_match two = compare("Ivan Kalashnikov", "Ivan Kalashnokav");
	ck_assert_int_eq(one.kind, NK_MATCH_NEAR);
	ck_assert_uint_eq(one.evidence, NK_EV_EDIT);
	ck_assert(one.score > 0.0 && one.score <= 0.6);
	ck_assert_int_eq(two.kind, NK_MATCH_NEAR);
	ck_assert(two.score < one.score);
	expect("Ivan Petrov", "Ivan Petrpv", NK_MATCH_NEAR, NK_EV_EDIT);
	expect("Ivan Petrov", "Ivan Petorv", NK_MATCH_NEAR, NK_EV_EDIT);
	expect("Ivan Kalashnikov", "Ivan Kolashnokav", NK_MATCH_DIFFERENT, 0);
	expect("Sasha Petrov", "Aleksandr Petrpv", NK_MATCH_NEAR,
	       NK_EV_EDIT | NK_EV_DIMINUTIVE);
}
END_TEST

START_TEST(short_parts_never_near)
{
	expect("Ivan Lin", "Ivan Lim", NK_MATCH_DIFFERENT, 0);
	expect("Oleg Orlov", "Oleg Orlo", NK_MATCH_DIFFERENT, 0);
	expect("Ivan Sokol", "Ivan Sokil", NK_MATCH_NEAR, NK_EV_EDIT);
}
END_TEST

START_TEST(korean)
{
	expect("Kim Jong-il", "Kim Jong-un", NK_MATCH_DIFFERENT, 0);
	expect("Kim Jong-il", "Kim Jong-in", NK_MATCH_DIFFERENT, 0);
	expect("Kim Jong-il", "Kim Jong Il", NK_MATCH_EQUAL, 0);
	expect("Kim Jong-il", "Park Jong-il", NK_MATCH_DIFFERENT, 0);
	expect("Kim Jong-il", "Ivan Petrov", NK_MATCH_DIFFERENT, 0);
}
END_TEST

START_TEST(compare_keys)
{
	nk_match m;
	const nk_ctx *ctx = nkt_ctx();
	const char *a = "ru:aleksandr:ivanov", *b = "ru:ivanov:sasa";
	ck_assert_int_eq(nk_compare_keys(&m, ctx, a, strlen(a), b, strlen(b),
					 NULL), NK_OK);
	ck_assert_int_eq(m.kind, NK_MATCH_COMPATIBLE);
	ck_assert_uint_eq(m.evidence, NK_EV_DIMINUTIVE);
	/* the best pair of several keys decides */
	a = "ru:gorbacev:micael ru:gorbasev:misael";
	b = "ru:gorbacev:mihail ru:gorbasev:mihail";
	ck_assert_int_eq(nk_compare_keys(&m, ctx, a, strlen(a), b, strlen(b),
					 NULL), NK_OK);
	ck_assert_int_eq(m.kind, NK_MATCH_COMPATIBLE);
	/* keys hold no patronymic */
	char ka[NK_KEY_MAX];
	snprintf(ka, sizeof ka, "%s", nkt_key("Ivan Ivanovich Petrov"));
	const char *kb = nkt_key("Ivan Sergeyevich Petrov");
	ck_assert_int_eq(nk_compare_keys(&m, ctx, ka, strlen(ka), kb,
					 strlen(kb), NULL), NK_OK);
	ck_assert_int_eq(m.kind, NK_MATCH_EQUAL);
}
END_TEST

START_TEST(compare_keys_agrees_with_names)
{
	static const char *const pairs[][2] = {
		{ "G. A. Zyuganov", "Gennady Zyuganov" },
		{ "Zyuganov", "Gennady Zyuganov" },
		{ "Sasha Ivanov", "Aleksandr Ivanov" },
		{ "Ivan Petrov", "Ivan Petrpv" },
		{ "Ivan Petrov", "Sergei Petrov" },
		{ "Kim Jong-il", "Kim Jong Il" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		char ka[NK_KEY_MAX];
		nk_match m;
		snprintf(ka, sizeof ka, "%s", nkt_key(pairs[i][0]));
		const char *kb = nkt_key(pairs[i][1]);
		ck_assert_int_eq(nk_compare_keys(&m, nkt_ctx(), ka, strlen(ka),
						 kb, strlen(kb), NULL), NK_OK);
		const nk_match n = compare(pairs[i][0], pairs[i][1]);
		ck_assert_int_eq(m.kind, n.kind);
		ck_assert_uint_eq(m.evidence, n.evidence);
	}
}
END_TEST

START_TEST(compare_keys_rejects_non_keys)
{
	static const char *const bad[] = {
		"", "ru", "ru:", ":ivanov", "ru::ivanov", "ru:ga.:ivanov",
		"ru:iva.nov", "ru:ivanov  ru:petrov", "ru:ivanov ", "ru:a b c d e",
	};
	const char *good = "ru:ivanov";
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		nk_match m = { NK_MATCH_EQUAL, 1.0, 0 };
		ck_assert_msg(nk_compare_keys(&m, nkt_ctx(), bad[i],
					      strlen(bad[i]), good,
					      strlen(good), NULL) == NK_EINVAL,
			      "'%s' accepted", bad[i]);
		ck_assert_int_eq(m.kind, NK_MATCH_DIFFERENT);
	}
}
END_TEST

START_TEST(errors)
{
	nk_match m;
	nk_key_options o = NK_KEY_OPTIONS_INIT;
	const nk_ctx *ctx = nkt_ctx();

	ck_assert_int_eq(nk_compare(NULL, ctx, "a", 1, "b", 1, NULL), NK_EINVAL);
	ck_assert_int_eq(nk_compare(&m, NULL, "a", 1, "b", 1, NULL), NK_EINVAL);
	o.version = NK_KEY_OPTIONS_VERSION + 1;
	ck_assert_int_eq(nk_compare(&m, ctx, "a", 1, "b", 1, &o), NK_EINVAL);
	o.version = NK_KEY_OPTIONS_VERSION;
	o.flags = 1u << 7;
	ck_assert_int_eq(nk_compare(&m, ctx, "a", 1, "b", 1, &o), NK_EINVAL);
	ck_assert_int_eq(nk_compare(&m, ctx, "Ivanov", 6, "\xff", 1, NULL),
			 NK_EUTF8);
	ck_assert_int_eq(m.kind, NK_MATCH_DIFFERENT);
	ck_assert_int_eq(nk_compare(&m, ctx, "...", 3, "Ivanov", 6, NULL),
			 NK_EEMPTY);
	ck_assert_int_eq(nk_compare_keys(&m, ctx, NULL, 0, "ru:a", 4, NULL),
			 NK_EINVAL);
}
END_TEST

START_TEST(names_of_kinds_and_evidence)
{
	ck_assert_str_eq(nk_match_kind_name(NK_MATCH_EQUAL), "equal");
	ck_assert_str_eq(nk_match_kind_name(NK_MATCH_NEAR), "near");
	ck_assert_str_eq(nk_match_kind_name((nk_match_kind)42), "?");
	ck_assert_str_eq(nk_evidence_name(NK_EV_SURNAME_ONLY), "surname-only");
	ck_assert_str_eq(nk_evidence_name(NK_EV_EDIT), "edit");
	ck_assert_ptr_null(nk_evidence_name(NK_EV_EDIT | NK_EV_GENDER));
	ck_assert_ptr_null(nk_evidence_name(NK_EV_EDIT << 1));
}
END_TEST

START_TEST(given_table)
{
	const nk_given_table *t = &nkt_ctx()->given;
	const nk_given_form *f;

	ck_assert_uint_gt(t->n, 1000);
	for (size_t i = 1; i < t->n; i++)
		ck_assert_int_le(strcmp(t->forms[i - 1].form, t->forms[i].form), 0);
	/* a full form owns its spelling: no other row shares it */
	for (size_t i = 0; i < t->n; i++) {
		if (t->forms[i].kind != NK_GIVEN_FULL)
			continue;
		const size_t n = nk_given_find(&f, t, t->forms[i].form,
					       strlen(t->forms[i].form));
		for (size_t k = 0; k < n; k++)
			ck_assert_int_eq(f[k].kind, NK_GIVEN_FULL);
	}
	/* Sasha is Aleksandr's and Aleksandra's */
	ck_assert_uint_eq(nk_given_find(&f, t, "sasa", 4), 2);
	ck_assert_int_eq(f[0].kind, NK_GIVEN_DIMINUTIVE);
	ck_assert_int_eq(f[0].initial, 'a');
	ck_assert_uint_eq(nk_given_find(&f, t, "zyzzyx", 6), 0);
}
END_TEST

/* Run "namekey compare ARGS"; the result lives until the next run. */
static const nkt_result *cli(const char *args)
{
	char cmd[CLI_ARGS_MAX];
	snprintf(cmd, sizeof cmd, "compare %s", args);
	return nkt_cli(NULL, cmd);
}

START_TEST(cli_output_and_exit_status)
{
	const nkt_result *r = cli("'Gennady Zyuganov' 'Зюганов Геннадий'");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out, "equal\t1.00\t-\n");
	r = cli("'G. A. Zyuganov' 'Gennady Zyuganov'");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out, "compatible\t0.80\tinitials,patronymic\n");
	r = cli("'Ivan Petrov' 'Ivan Petrpv'");
	ck_assert_int_eq(r->status, 1);
	ck_assert(strncmp(r->out, "near\t0.", 7) == 0);
	r = cli("'Kim Jong-il' 'Kim Jong-un'");
	ck_assert_int_eq(r->status, 1);
	ck_assert_str_eq(r->out, "different\t0.00\t-\n");
	ck_assert_int_eq(cli("Ivanova Ivanov")->status, 1);
	ck_assert_int_eq(cli("--fold-gender Ivanova Ivanov")->status, 0);
	ck_assert_int_eq(cli("Ivanova Ivanov --fold-gender")->status, 0);
}
END_TEST

START_TEST(cli_json)
{
	const nkt_result *r = cli("--json 'Sasha Ivanov' 'Aleksandr Ivanov'");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out, "{\"a\":\"Sasha Ivanov\",\"b\":\"Aleksandr "
				 "Ivanov\",\"match\":\"compatible\",\"score\":"
				 "0.8648,\"evidence\":[\"diminutive\"]}\n");
}
END_TEST

START_TEST(cli_usage_and_input_errors)
{
	ck_assert_int_eq(cli("Ivanov")->status, 2);
	ck_assert_int_eq(cli("Ivanov Petrov Sidorov")->status, 2);
	ck_assert_int_eq(cli("--bogus Ivanov Petrov")->status, 2);
	const nkt_result *r = cli("'...' Ivanov");
	ck_assert_int_eq(r->status, 2);
	ck_assert(strstr(r->err, "name 1: no name to key") != NULL);
	r = cli("Ivanov \"$(printf 'a\\377b')\"");
	ck_assert_int_eq(r->status, 2);
	ck_assert(strstr(r->err, "name 2: invalid UTF-8 at byte 2") != NULL);
	ck_assert_str_eq(r->out, "");
	ck_assert_int_eq(cli("-- -Ivanov Ivanov")->status, 0);
	r = cli("--help");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strstr(r->out, "Usage: namekey compare") != NULL);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("compare");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, equal_spellings);
	tcase_add_test(tc, initials);
	tcase_add_test(tc, initials_that_disagree);
	tcase_add_test(tc, surname_only);
	tcase_add_test(tc, given_name_alone_is_not_enough);
	tcase_add_test(tc, diminutives);
	tcase_add_test(tc, equivalents);
	tcase_add_test(tc, different_given_names);
	tcase_add_test(tc, patronymics);
	tcase_add_test(tc, gender);
	tcase_add_test(tc, near_typos);
	tcase_add_test(tc, short_parts_never_near);
	tcase_add_test(tc, korean);
	tcase_add_test(tc, compare_keys);
	tcase_add_test(tc, compare_keys_agrees_with_names);
	tcase_add_test(tc, compare_keys_rejects_non_keys);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, names_of_kinds_and_evidence);
	tcase_add_test(tc, given_table);
	suite_add_tcase(s, tc);
	TCase *tcli = tcase_create("cli");
	tcase_add_test(tcli, cli_output_and_exit_status);
	tcase_add_test(tcli, cli_json);
	tcase_add_test(tcli, cli_usage_and_input_errors);
	suite_add_tcase(s, tcli);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
