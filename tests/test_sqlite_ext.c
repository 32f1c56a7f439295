/*
 * test_sqlite_ext.c - the SQLite extension (ext/sqlite) through the C
 * API: loaded with sqlite3_load_extension() from $NK_SQLITE_EXT, its
 * answers checked against the library's own nk_key() and nk_compare(),
 * and its use in expression indexes and generated columns.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nk_test.h"

#define SQL_TEXT_MAX 1024

static sqlite3 *db;

static void open_db(void)
{
	const char *ext = getenv("NK_SQLITE_EXT");
	char *err = NULL;

	ck_assert_msg(ext != NULL, "NK_SQLITE_EXT is not set");
	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION,
					   1, NULL), SQLITE_OK);
	const int rc = sqlite3_load_extension(db, ext, NULL, &err);
	ck_assert_msg(rc == SQLITE_OK, "loading %s: %s", ext, err ? err : "?");
}

static void close_db(void)
{
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
	db = NULL;
}

static void exec(const char *sql)
{
	char *err = NULL;
	const int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, err ? err : "?");
}

/* The one-row, one-column answer of sql with text parameters a, b. */
static sqlite3_stmt *query(const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st;
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK,
		      "%s: %s", sql, sqlite3_errmsg(db));
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "%s: %s", sql,
		      sqlite3_errmsg(db));
	return st;
}

/* Text answer of sql (static buffer); "NULL" for SQL NULL. */
static const char *text_of(const char *sql, const char *a, const char *b)
{
	static char out[SQL_TEXT_MAX];
	sqlite3_stmt *st = query(sql, a, b);
	const unsigned char *t = sqlite3_column_text(st, 0);
	snprintf(out, sizeof out, "%s", t ? (const char *)t : "NULL");
	sqlite3_finalize(st);
	return out;
}

static double double_of(const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st = query(sql, a, b);
	const double d = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return d;
}

static const char *const names[] = {
	"Gennady Zyuganov", "Зюганов Геннадий Андреевич", "Guennadi Ziouganov",
	"Kim Jong-un", "김정은", "Lee Myung-bak", "Maria Sharapova",
};
#define NNAMES (sizeof names / sizeof *names)

START_TEST(key_is_the_first_library_key)
{
	const char *name = names[_i];
	char want[NK_KEY_MAX];
	snprintf(want, sizeof want, "%s", nkt_key(name));
	want[strcspn(want, " ")] = '\0';
	ck_assert_str_ne(want, "");
	ck_assert_str_eq(text_of("SELECT namekey_key(?1)", name, NULL), want);
}
END_TEST

/* The library's keys as the JSON array namekey_keys() should give. */
static const char *json_keys(const char *name)
{
	static char out[SQL_TEXT_MAX];
	size_t n = 0;

	out[n++] = '[';
	out[n++] = '"';
	for (const char *p = nkt_key(name); *p && n < sizeof out - 5; p++) {
		if (*p != ' ') {
			out[n++] = *p;
			continue;
		}
		memcpy(out + n, "\",\"", 3);
		n += 3;
	}
	memcpy(out + n, "\"]", 3);
	return out;
}

START_TEST(keys_are_a_json_array_of_all_keys)
{
	const char *name = names[_i];
	ck_assert_str_eq(text_of("SELECT namekey_keys(?1)", name, NULL),
			 json_keys(name));
	ck_assert_str_eq(text_of("SELECT json_valid(namekey_keys(?1))", name,
				 NULL), "1");
}
END_TEST

START_TEST(several_readings_give_several_keys)
{
	ck_assert_int_gt(atoi(text_of("SELECT json_array_length(namekey_keys(?1))",
				      "Guennadi Ziouganov", NULL)), 1);
}
END_TEST

START_TEST(null_in_null_out)
{
	ck_assert_str_eq(text_of("SELECT quote(namekey_key(NULL))", NULL, NULL), "NULL");
	ck_assert_str_eq(text_of("SELECT quote(namekey_keys(NULL))", NULL, NULL), "NULL");
	ck_assert_str_eq(text_of("SELECT quote(namekey_match(?1, NULL))", "Ivan Petrov",
				 NULL), "NULL");
	ck_assert_str_eq(text_of("SELECT quote(namekey_score(NULL, ?1))", "Ivan Petrov",
				 NULL), "NULL");
}
END_TEST

/* Junk text has no key: NULL, not an error, so indexes still build. */
START_TEST(names_without_a_key_are_null)
{
	static const char *const junk[] = {
		"SELECT quote(namekey_key('!!!'))",
		"SELECT quote(namekey_key(CAST(x'4976616eff' AS TEXT)))",
		"SELECT quote(namekey_keys(CAST(x'49760061' AS TEXT)))",
		"SELECT quote(namekey_key(printf('%.5000c', 'a')))",
		"SELECT quote(namekey_match('Ivan Petrov', CAST(x'ff' AS TEXT)))",
	};
	for (size_t i = 0; i < sizeof junk / sizeof *junk; i++)
		ck_assert_str_eq(text_of(junk[i], NULL, NULL), "NULL");
}
END_TEST

static nk_match library_compare(const char *a, const char *b)
{
	nk_match m;
	ck_assert_int_eq(nk_compare(&m, nkt_ctx(), a, strlen(a), b, strlen(b),
				    NULL), NK_OK);
	return m;
}

static const char *const pairs[][2] = {
	{ "Kim Jong-un", "김정은" },                       /* equal */
	{ "G. A. Zyuganov", "Gennady Zyuganov" },          /* compatible */
	{ "Kim Jong-il", "Kim Jong-un" },                  /* different */
	{ "Ivan Ivanovich Petrov", "Ivan Sergeyevich Petrov" },
};
#define NPAIRS (sizeof pairs / sizeof *pairs)

START_TEST(match_and_score_are_nk_compare)
{
	const char *a = pairs[_i][0], *b = pairs[_i][1];
	const nk_match m = library_compare(a, b);
	const char *want = m.kind >= NK_MATCH_COMPATIBLE ? "1" : "0";
	ck_assert_str_eq(text_of("SELECT namekey_match(?1, ?2)", a, b), want);
	ck_assert_double_eq(double_of("SELECT namekey_score(?1, ?2)", a, b),
			    m.score);
}
END_TEST

START_TEST(match_follows_compare_not_keys)
{
	const char *a = "Ivan Ivanovich Petrov", *b = "Ivan Sergeyevich Petrov";
	ck_assert_str_eq(text_of("SELECT namekey_key(?1) = namekey_key(?2)", a, b), "1");
	ck_assert_str_eq(text_of("SELECT namekey_match(?1, ?2)", a, b), "0");
	ck_assert_str_eq(text_of("SELECT namekey_match(?1, ?2)",
				 "G. A. Zyuganov", "Gennady Zyuganov"), "1");
}
END_TEST

static void fill_docs(void)
{
	exec("CREATE TABLE docs(id INTEGER PRIMARY KEY, author TEXT)");
	exec("CREATE INDEX docs_key ON docs(namekey_key(author))");
	exec("INSERT INTO docs(author) VALUES ('Gennady Zyuganov'), "
	     "('Зюганов Геннадий'), ('Kim Jong-un'), (NULL), ('!!!'), "
	     "(CAST(x'ff' AS TEXT)), ('Zjuganov, Gennadij')");
	exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	     "WHERE i < 500) INSERT INTO docs(author) SELECT 'Person ' || i FROM n");
	exec("ANALYZE");
}

static const char by_key[] =
	"SELECT group_concat(id) FROM (SELECT id FROM docs "
	"WHERE namekey_key(author) = namekey_key(?1) ORDER BY id)";

START_TEST(expression_index_is_used)
{
	fill_docs();
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db,
		"EXPLAIN QUERY PLAN SELECT id FROM docs "
		"WHERE namekey_key(author) = namekey_key('Zyuganov Gennady')",
		-1, &st, NULL), SQLITE_OK);
	bool uses_index = false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		uses_index |= strstr(detail, "USING INDEX docs_key") != NULL;
	}
	sqlite3_finalize(st);
	ck_assert(uses_index);
	ck_assert_str_eq(text_of(by_key, "Guennadi Ziouganov", NULL), "1,2,7");
}
END_TEST

/* Deterministic and innocuous: allowed in the schema of an untrusted
 * database, with the stored value equal to a fresh call. */
START_TEST(generated_column_with_untrusted_schema)
{
	exec("PRAGMA trusted_schema = OFF");
	exec("CREATE TABLE people(name TEXT, "
	     "k TEXT GENERATED ALWAYS AS (namekey_key(name)) STORED, "
	     "ks TEXT GENERATED ALWAYS AS (namekey_keys(name)) VIRTUAL, "
	     "CHECK (namekey_score(name, name) IN (0, 1)))");
	exec("CREATE INDEX people_k ON people(namekey_key(name))");
	exec("INSERT INTO people(name) VALUES ('Maria Sharapova'), "
	     "('Шарапова Мария'), ('!!!')");
	ck_assert_str_eq(text_of("SELECT count(*) FROM people "
				 "WHERE k IS namekey_key(name) AND ks IS namekey_keys(name)",
				 NULL, NULL), "3");
	ck_assert_str_eq(text_of("SELECT count(DISTINCT k) FROM people", NULL, NULL), "1");
}
END_TEST

/* Loading twice replaces the functions; the first context is released
 * (the sanitizer build's leak check would catch it otherwise). */
START_TEST(load_twice)
{
	char *err = NULL;
	ck_assert_int_eq(sqlite3_load_extension(db, getenv("NK_SQLITE_EXT"),
						NULL, &err), SQLITE_OK);
	ck_assert_str_eq(text_of("SELECT namekey_key('Gennady Zyuganov') = "
				 "namekey_key('Геннадий Зюганов')", NULL, NULL), "1");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("sqlite_ext");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, open_db, close_db);
	tcase_add_loop_test(tc, key_is_the_first_library_key, 0, NNAMES);
	tcase_add_loop_test(tc, keys_are_a_json_array_of_all_keys, 0, NNAMES);
	tcase_add_test(tc, several_readings_give_several_keys);
	tcase_add_test(tc, null_in_null_out);
	tcase_add_test(tc, names_without_a_key_are_null);
	tcase_add_loop_test(tc, match_and_score_are_nk_compare, 0, NPAIRS);
	tcase_add_test(tc, match_follows_compare_not_keys);
	tcase_add_test(tc, expression_index_is_used);
	tcase_add_test(tc, generated_column_with_untrusted_schema);
	tcase_add_test(tc, load_twice);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
