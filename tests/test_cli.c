/*
 * test_cli.c - the namekey command end to end: output, messages, exit
 * codes (src/cli/).
 */
#include <stdlib.h>
#include <string.h>

#include "nk_test.h"

START_TEST(key_from_arguments)
{
	const nkt_result *r = nkt_cli(NULL, "key 'Gennady Zyuganov' 'Зюганов Геннадий'");
	ck_assert_int_eq(r->status, 0);
	char *second = strchr(r->out, '\n');
	ck_assert_ptr_nonnull(second);
	ck_assert(strstr(r->out, "\tGennady Zyuganov\n") != NULL);
	ck_assert(strstr(second, "\tЗюганов Геннадий\n") != NULL);
	ck_assert_str_eq(r->err, "");
}
END_TEST

START_TEST(key_from_stdin_one_line_each)
{
	const nkt_result *r = nkt_cli("Kim Su-gil\nKIM Su Gil\n\nIvanov\n", "key");
	ck_assert_int_eq(r->status, 1); /* the empty line is reported */
	int lines = 0;
	for (const char *p = r->out; *p; p++)
		lines += *p == '\n';
	ck_assert_int_eq(lines, 4);
	ck_assert(strstr(r->err, "line 3: no name to key") != NULL);
}
END_TEST

START_TEST(bad_utf8_names_line_and_continues)
{
	const nkt_result *r = nkt_cli("Ivanov\nbad \xFF byte\nPetrov\n", "key");
	ck_assert_int_eq(r->status, 1);
	ck_assert(strstr(r->err, "line 2: invalid UTF-8") != NULL);
	ck_assert(strstr(r->out, "\tIvanov\n") != NULL);
	ck_assert(strstr(r->out, "\tPetrov\n") != NULL);
	ck_assert(strstr(r->out, "bad") == NULL);
}
END_TEST

START_TEST(nul_byte_and_long_line)
{
	const nkt_result *r = nkt_cli(NULL, "key");
	(void)r;
	char *big = malloc(1u << 20 | 16u);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', 1u << 20);
	strcpy(big + (1u << 20), "\nIvanov\n");
	r = nkt_cli(big, "key");
	free(big);
	ck_assert_int_eq(r->status, 1);
	ck_assert(strstr(r->err, "line 1: name too long") != NULL);
	ck_assert(strstr(r->out, "\tIvanov\n") != NULL);
	r = nkt_cli(NULL, "key \"$(printf 'a\\001b')\"");
	ck_assert_int_eq(r->status, 0);
}
END_TEST

START_TEST(last_line_without_newline)
{
	const nkt_result *r = nkt_cli("Ivanov\nPetrov", "key");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strstr(r->out, "\tPetrov\n") != NULL);
}
END_TEST

START_TEST(json_output)
{
	const nkt_result *r = nkt_cli("Kim \"Q\" Su\n", "key --json");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strncmp(r->out, "{\"name\":\"Kim \\\"Q\\\" Su\",", 22) == 0);
	ck_assert(strstr(r->out, "\"keys\":[\"") != NULL);
	ck_assert(strstr(r->out, "\"lang\":") != NULL);
}
END_TEST

START_TEST(help_version_usage)
{
	const nkt_result *r = nkt_cli(NULL, "--version");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strncmp(r->out, "namekey ", 8) == 0);
	r = nkt_cli(NULL, "key --help");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strstr(r->out, "Usage: namekey key") != NULL);
	r = nkt_cli(NULL, "help key");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strstr(r->out, "Usage: namekey key") != NULL);
	r = nkt_cli(NULL, "--help");
	ck_assert_int_eq(r->status, 0);
	r = nkt_cli(NULL, "frobnicate");
	ck_assert_int_eq(r->status, 2);
	ck_assert(strstr(r->err, "no command 'frobnicate'") != NULL);
	r = nkt_cli(NULL, "key --bogus");
	ck_assert_int_eq(r->status, 2);
	r = nkt_cli(NULL, "key --lang xx Kim");
	ck_assert_int_eq(r->status, 2);
	r = nkt_cli(NULL, "");
	ck_assert_int_eq(r->status, 2);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, key_from_arguments);
	tcase_add_test(tc, key_from_stdin_one_line_each);
	tcase_add_test(tc, bad_utf8_names_line_and_continues);
	tcase_add_test(tc, nul_byte_and_long_line);
	tcase_add_test(tc, last_line_without_newline);
	tcase_add_test(tc, json_output);
	tcase_add_test(tc, help_version_usage);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
