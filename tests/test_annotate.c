/*
 * test_annotate.c - `namekey annotate` end to end
 * (src/cli/cmd_annotate.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "nk_test.h"

START_TEST(csv_with_header)
{
	const nkt_result *r = nkt_cli("id,name\n1,\"Kim, Su-gil\"\n",
				      "annotate --in csv --field name");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strncmp(r->out, "id,name,name_key,identity_id,identity_name,"
				  "match,score\n1,\"Kim, Su-gil\",ko:", 73) == 0);
	ck_assert(strstr(r->out, ",,,none,0.000\n") != NULL);
}
END_TEST

START_TEST(jsonl_members_added)
{
	const nkt_result *r = nkt_cli("{\"id\":1,\"name\":\"Ivanov\"}\n{}\n",
				      "annotate --in jsonl --on-error pass");
	ck_assert_int_eq(r->status, 1);
	ck_assert(strstr(r->out, "{\"id\":1,\"name\":\"Ivanov\",\"name_key\":"
				 "\"ru:ivanov\",\"identity_id\":null,") == r->out);
	ck_assert(strstr(r->out, "\n{}\n") != NULL); /* passed unannotated */
	ck_assert(strstr(r->err, "line 2: no member \"name\"") != NULL);
}
END_TEST

START_TEST(on_error_policies)
{
	const char *in = "Ivanov\n\xFF\nPetrov\n";
	const nkt_result *r = nkt_cli(in, "annotate");
	ck_assert_int_eq(r->status, 1);
	ck_assert(strstr(r->out, "Petrov") == NULL); /* fail stops */
	ck_assert(strstr(r->err, "line 2: invalid UTF-8") != NULL);
	r = nkt_cli(in, "annotate --on-error skip");
	ck_assert_int_eq(r->status, 1);
	ck_assert(strstr(r->out, "Petrov\tru:petrov") != NULL);
	ck_assert(strstr(r->out, "\xFF") == NULL);
	r = nkt_cli(in, "annotate --on-error pass --line-buffered");
	ck_assert(strstr(r->out, "\n\xFF\n") != NULL);
	ck_assert_int_eq(nkt_cli(in, "annotate --on-error maybe")->status, 2);
}
END_TEST

/* A stream is keyed in order on one thread: --threads would promise
 * what annotate does not do. */
START_TEST(threads_refused)
{
	const nkt_result *r = nkt_cli("Ivanov\n", "annotate --threads 2");
	ck_assert_int_eq(r->status, 2);
	ck_assert_str_eq(r->out, "");
	ck_assert_ptr_nonnull(strstr(r->err, "one thread"));
	ck_assert_int_eq(nkt_cli("Ivanov\n", "annotate --threads 1")->status, 0);
}
END_TEST

START_TEST(one_record_out_per_record_in)
{
	const nkt_result *r = nkt_cli("a\tKim Su-gil\tx\nb\tIvanov\ty\n",
				      "annotate --in tsv --column 2");
	ck_assert_int_eq(r->status, 0);
	int lines = 0;
	for (const char *p = r->out; *p; p++)
		lines += *p == '\n';
	ck_assert_int_eq(lines, 2);
	ck_assert(strncmp(r->out, "a\tKim Su-gil\tx\tko:", 18) == 0);
}
END_TEST

START_TEST(store_fields)
{
	char db[sizeof NKT_DB_TEMPLATE];
	char args[256];
	nkt_db_path(db);
	snprintf(args, sizeof args, "add --db %s 'Syngman Rhee' --alias 이승만", db);
	ck_assert_int_eq(nkt_cli(NULL, args)->status, 0);
	snprintf(args, sizeof args, "annotate --db %s", db);
	const nkt_result *r = nkt_cli("이승만\nSyngman Rhee\nIvanov\n", args);
	ck_assert_int_eq(r->status, 0);
	ck_assert_ptr_nonnull(strstr(r->out, "이승만\tko:"));
	ck_assert_ptr_nonnull(strstr(r->out, "\t1\tSyngman Rhee\texact\t1.000\n"));
	ck_assert_ptr_nonnull(strstr(r->out, "Ivanov\tru:ivanov\t\t\tnone\t0.000\n"));
	/* a typo is looked for only on request; repeated names are cached */
	snprintf(args, sizeof args, "add --db %s 'Konstantin Rozhdestvensky'", db);
	ck_assert_int_eq(nkt_cli(NULL, args)->status, 0);
	snprintf(args, sizeof args, "annotate --db %s", db);
	r = nkt_cli("Konstantin Rozhdestvinsky\n", args);
	ck_assert_ptr_nonnull(strstr(r->out, "\t\t\tnone\t0.000\n"));
	snprintf(args, sizeof args, "annotate --near --db %s", db);
	r = nkt_cli("Konstantin Rozhdestvinsky\nKonstantin Rozhdestvinsky\n", args);
	ck_assert_ptr_nonnull(strstr(r->out, "\t2\tKonstantin Rozhdestvensky\tnear\t0.700\n"));
	const char *second = strchr(r->out, '\n');
	ck_assert_ptr_nonnull(second);
	ck_assert_ptr_nonnull(strstr(second, "\t2\tKonstantin Rozhdestvensky\tnear\t"));
	snprintf(args, sizeof args, "annotate --db %s.missing", db);
	r = nkt_cli("Ivanov\n", args);
	ck_assert_int_ne(r->status, 0);
	ck_assert_ptr_nonnull(strstr(r->err, "namekey: "));
	remove(db);
}
END_TEST

/* Overwrite the pages of the alias-key table, its index and the index of
 * alias texts, so that the store opens but a lookup of a name fails. */
static void damage_lookups(const char *db)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long page_size = 0, pages[3];
	size_t n = 0;
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "PRAGMA page_size", -1, &st,
					    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	page_size = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT rootpage FROM "
			 "sqlite_master WHERE tbl_name = 'alias_keys' "
			 "OR name = 'aliases_name'", -1,
			 &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && n < sizeof pages / sizeof pages[0])
		pages[n++] = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	ck_assert_uint_eq(n, sizeof pages / sizeof pages[0]);
	FILE *f = fopen(db, "r+b");
	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(fseek(f, (pages[i] - 1) * page_size, SEEK_SET), 0);
		for (long k = 0; k < page_size; k++)
			fputc(0xA5, f);
	}
	fclose(f);
}

/* A record the store fails on is left out, written once as it came, or
 * stops the run: never written annotated as if the store had no match. */
START_TEST(store_error_policies)
{
	char db[sizeof NKT_DB_TEMPLATE];
	char args[256];
	nkt_db_path(db);
	snprintf(args, sizeof args, "add --db %s 'Syngman Rhee'", db);
	ck_assert_int_eq(nkt_cli(NULL, args)->status, 0);
	damage_lookups(db);
	const char *in = "Syngman Rhee\n";

	snprintf(args, sizeof args, "annotate --db %s --on-error skip", db);
	const nkt_result *r = nkt_cli(in, args);
	ck_assert_int_eq(r->status, 1);
	ck_assert_str_eq(r->out, "");
	ck_assert_ptr_nonnull(strstr(r->err, "line 1: store "));
	ck_assert_ptr_nonnull(strstr(r->err, "; skipped"));

	snprintf(args, sizeof args, "annotate --db %s --on-error pass", db);
	r = nkt_cli(in, args);
	ck_assert_int_eq(r->status, 1);
	ck_assert_str_eq(r->out, "Syngman Rhee\n");

	snprintf(args, sizeof args, "annotate --db %s", db);
	r = nkt_cli(in, args);
	ck_assert_int_eq(r->status, 1);
	ck_assert_str_eq(r->out, "");
	ck_assert_ptr_nonnull(strstr(r->err, "stopping"));
	remove(db);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("annotate");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, csv_with_header);
	tcase_add_test(tc, jsonl_members_added);
	tcase_add_test(tc, on_error_policies);
	tcase_add_test(tc, threads_refused);
	tcase_add_test(tc, one_record_out_per_record_in);
	tcase_add_test(tc, store_fields);
	tcase_add_test(tc, store_error_policies);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
