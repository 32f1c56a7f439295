/*
 * test_limits.c - the CLI at and past its input limits (issue #8): a
 * 1 MiB name, a million lines without a final newline, names of
 * thousands of parts, JSON nested 100,000 deep.  Each must end in one
 * clean line naming the record, a documented exit status and bounded
 * time - never a crash, a hang or a misleading message.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nk_test.h"

#define HUGE_NAME (1u << 20)
#define MANY_LINES 1000000ul
#define MANY_TOKENS 10000
#define DEEP_JSON 100000
/* The densest name within NK_NAME_MAX: one letter and a space a part. */
#define DENSE_TOKENS (NK_NAME_MAX / 2)
/* Every run here takes well under a second in a release build; this
 * bounds them generously under the sanitizers. */
#define SECONDS_MAX 20.0
#define MESSAGE_MAX 300
#define PATH_MAX_ 300

static char dir[] = "/tmp/nkt_limits_XXXXXX";

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[PATH_MAX_ + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/nkt_limits_XXXXXX");
}

static const char *path_of(const char *file)
{
	static char p[PATH_MAX_];
	snprintf(p, sizeof p, "%s/%s", dir, file);
	return p;
}

/* Write file in dir: head, then n copies of unit, then tail. */
static const char *write_file(const char *file, const char *head,
			      const char *unit, size_t n, const char *tail)
{
	const char *p = path_of(file);
	FILE *f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(head, f);
	for (size_t i = 0; i < n; i++)
		fputs(unit, f);
	fputs(tail, f);
	ck_assert_int_eq(fclose(f), 0);
	return p;
}

/* A string of n copies of unit between head and tail; caller frees. */
static char *repeat(const char *head, const char *unit, size_t n,
		    const char *tail)
{
	const size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
	char *s = malloc(hl + ul * n + tl + 1);
	ck_assert_ptr_nonnull(s);
	memcpy(s, head, hl);
	for (size_t i = 0; i < n; i++)
		memcpy(s + hl + i * ul, unit, ul);
	memcpy(s + hl + ul * n, tail, tl + 1);
	return s;
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Run namekey, in bounded time, and not killed by a signal. */
static const nkt_result *run(const char *input, const char *args)
{
	const double t0 = now_s();
	const nkt_result *r = nkt_cli(input, args);
	const double took = now_s() - t0;
	ck_assert_msg(took < SECONDS_MAX, "namekey %.60s took %.1f s", args,
		      took);
	ck_assert_msg(r->status >= 0, "namekey %.60s was killed: %.200s",
		      args, r->err);
	return r;
}

/* stderr is exactly one short line, and it contains what. */
static void one_line_error(const nkt_result *r, const char *what)
{
	const size_t n = strlen(r->err);
	ck_assert_msg(n > 0 && n < MESSAGE_MAX, "message of %zu bytes: "
		      "%.200s", n, r->err);
	ck_assert_msg(strchr(r->err, '\n') == r->err + n - 1, "not one "
		      "line: %s", r->err);
	ck_assert_msg(strstr(r->err, what), "'%s' not in: %s", what, r->err);
}

/* ---------------------------------------------------------------- */

START_TEST(huge_name_to_key)
{
	char *in = repeat("", "a", HUGE_NAME, "\nIvan Petrov\n");
	const nkt_result *r = run(in, "key");
	free(in);
	ck_assert_int_eq(r->status, 1);
	one_line_error(r, "line 1: name too long (1048576 bytes");
	ck_assert_str_eq(r->out, "ru:ivan:petrov\tIvan Petrov\n");
}
END_TEST

START_TEST(huge_name_to_dedupe_and_annotate)
{
	char args[PATH_MAX_ + 32], where[PATH_MAX_ + 8];
	const char *p = write_file("huge.txt", "", "a", HUGE_NAME,
				   "\nIvan Petrov\n");
	snprintf(where, sizeof where, "%s:1: name too long", p);
	snprintf(args, sizeof args, "dedupe '%s'", p);
	const nkt_result *r = run(NULL, args);
	ck_assert_int_eq(r->status, 1);
	one_line_error(r, where);
	ck_assert_str_eq(r->out, "2\tIvan Petrov\n");

	snprintf(args, sizeof args, "annotate --on-error skip '%s'", p);
	r = run(NULL, args);
	ck_assert_int_eq(r->status, 1);
	one_line_error(r, where);
	ck_assert_ptr_nonnull(strstr(r->out, "Ivan Petrov\t"));
}
END_TEST

START_TEST(huge_name_to_import)
{
	char args[2 * PATH_MAX_ + 64];
	const char *db = strdup(path_of("store.db"));
	const char *p = write_file("huge.tsv", "r1\t", "a", HUGE_NAME,
				   "\nr2\tIvan Petrov\n");
	snprintf(args, sizeof args, "import --db '%s' '%s'", db, p);
	const nkt_result *r = run(NULL, args);
	ck_assert_int_eq(r->status, 1);
	one_line_error(r, "row 1: name too long (1048576 bytes");

	snprintf(args, sizeof args, "import --skip-bad --json --db '%s' '%s'",
		 db, p);
	r = run(NULL, args);
	ck_assert_int_eq(r->status, 1);
	one_line_error(r, "row 1: name too long (1048576 bytes");
	ck_assert_str_eq(r->out, "{\"rows\":2,\"aliases\":1,\"identities\":1,"
			 "\"skipped\":1}\n");
	free((char *)db);
}
END_TEST

START_TEST(million_lines_without_final_newline)
{
	const char *p = path_of("million.txt");
	FILE *f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	for (unsigned long i = 0; i < MANY_LINES; i++)
		fprintf(f, "%s%s", i ? "\n" : "", nkt_made_up_name(i));
	ck_assert_int_eq(fclose(f), 0);
	char args[PATH_MAX_ + 32];
	snprintf(args, sizeof args, "dedupe --stats '%s'", p);
	const nkt_result *r = run(NULL, args);
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->err, "");
	ck_assert_ptr_nonnull(strstr(r->out, "records\t1000000\n"));
	ck_assert_ptr_nonnull(strstr(r->out, "keyed\t1000000\n"));
}
END_TEST

/* Past the byte limit: reported as such. */
START_TEST(name_of_ten_thousand_tokens)
{
	char *in = repeat("ka", " ka", MANY_TOKENS - 1, "\n");
	const nkt_result *r = run(in, "key");
	free(in);
	ck_assert_int_eq(r->status, 1);
	one_line_error(r, "line 1: name too long (29999 bytes, at most 4096)");
}
END_TEST

/*
 * Within the byte limit but too many parts to key: the message must not
 * claim the byte limit it is under, and the store must refuse the name
 * as bad input (exit 1), as it refuses any other.
 */
START_TEST(name_of_too_many_parts)
{
	char *in = repeat("a", " a", DENSE_TOKENS - 1, "\n");
	ck_assert_uint_le(strlen(in) - 1, NK_NAME_MAX);
	const nkt_result *r = run(in, "key");
	ck_assert_int_eq(r->status, 1);
	one_line_error(r, "line 1: ");
	ck_assert_msg(!strstr(r->err, "at most 4096"), "%s", r->err);
	ck_assert_ptr_nonnull(strstr(r->err, "too many parts"));
	free(in);
}
END_TEST

/* One hyphenated part whose key cannot fit NK_KEY_MAX bytes, which the
 * API promises always suffice: a bad name, not a failure. */
START_TEST(name_with_a_key_too_long)
{
	char *name = repeat("Kim ", "su-", NK_NAME_MAX / 3 - 2, "su");
	ck_assert_uint_le(strlen(name), NK_NAME_MAX);
	char keys[NK_KEY_MAX];
	const int rc = nk_key(NULL, keys, sizeof keys, nkt_ctx(), name,
			      strlen(name), NULL);
	ck_assert_msg(rc == NK_ETOOLONG, "nk_key: %s", nk_strerror(rc));

	char *text = repeat(name, "", 0, "\n");
	const nkt_result *r = run(text, "key");
	free(text);
	ck_assert_int_eq(r->status, 1);
	one_line_error(r, "line 1: name has too many parts");

	char args[2 * PATH_MAX_ + 64];
	text = repeat("r1\t", "", 0, name);
	const char *p = write_file("long_key.tsv", text, "", 0,
				   "\nr2\tIvan Petrov\n");
	snprintf(args, sizeof args, "import --skip-bad --json --db '%s/s.db' "
		 "'%s'", dir, p);
	r = run(NULL, args);
	ck_assert_msg(r->status == 1, "exit %d: %.200s", r->status, r->err);
	ck_assert_str_eq(r->out, "{\"rows\":2,\"aliases\":1,\"identities\":1,"
			 "\"skipped\":1}\n");
	free(text);
	free(name);
}
END_TEST

START_TEST(deep_json_to_dedupe)
{
	char args[PATH_MAX_ + 48], where[PATH_MAX_ + 8];
	const char *p = write_file("deep.jsonl", "{\"name\":", "[", DEEP_JSON,
				   "\n{\"name\":\"Ivan Petrov\"}\n");
	snprintf(where, sizeof where, "%s:1: ", p);
	snprintf(args, sizeof args, "dedupe --in jsonl --field name '%s'", p);
	const nkt_result *r = run(NULL, args);
	ck_assert_int_eq(r->status, 1);
	one_line_error(r, where);
	ck_assert_ptr_nonnull(strstr(r->out, "\tIvan Petrov\n"));
	ck_assert_ptr_eq(strchr(r->out, '\n'), r->out + strlen(r->out) - 1);
}
END_TEST

START_TEST(deep_json_to_import)
{
	char args[2 * PATH_MAX_ + 64];
	const char *db = strdup(path_of("store.db"));
	char *closed = repeat("", "]", DEEP_JSON, "}\n{\"ref\":\"b\","
			      "\"name\":\"Ivan Petrov\"}\n");
	const char *p = write_file("deep.jsonl", "{\"ref\":\"a\",\"name\":",
				   "[", DEEP_JSON, closed);
	free(closed);
	snprintf(args, sizeof args, "import --db '%s' '%s'", db, p);
	const nkt_result *r = run(NULL, args);
	ck_assert_int_eq(r->status, 1);
	one_line_error(r, "row 1: ");
	ck_assert_ptr_nonnull(strstr(r->err, "JSON"));

	snprintf(args, sizeof args, "import --skip-bad --db '%s' '%s'", db, p);
	r = run(NULL, args);
	ck_assert_int_eq(r->status, 1);
	ck_assert_ptr_nonnull(strstr(r->err, "row 1: "));
	ck_assert_ptr_nonnull(strstr(r->err, "imported 1 aliases"));
	free((char *)db);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, huge_name_to_key);
	tcase_add_test(tc, huge_name_to_dedupe_and_annotate);
	tcase_add_test(tc, huge_name_to_import);
	tcase_add_test(tc, million_lines_without_final_newline);
	tcase_add_test(tc, name_of_ten_thousand_tokens);
	tcase_add_test(tc, name_of_too_many_parts);
	tcase_add_test(tc, name_with_a_key_too_long);
	tcase_add_test(tc, deep_json_to_dedupe);
	tcase_add_test(tc, deep_json_to_import);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
