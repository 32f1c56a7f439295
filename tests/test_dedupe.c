/*
 * test_dedupe.c - `namekey dedupe` end to end (src/cli/cmd_dedupe.c,
 * src/cli/input.c, src/cli/batch.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nk_test.h"

/* Label (first field) of output line n (1-based). */
static unsigned long label(const char *out, int n)
{
	const char *p = out;
	for (int i = 1; i < n && p; i++) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	ck_assert_ptr_nonnull(p);
	return strtoul(p, NULL, 10);
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

START_TEST(clusters_in_input_order)
{
	const nkt_result *r = nkt_cli("Gennady Zyuganov\nKim Jong-un\n"
				      "Зюганов Геннадий\nKim Jong-il\n"
				      "김정은\n", "dedupe");
	ck_assert_int_eq(r->status, 0);
	ck_assert_int_eq(count_lines(r->out), 5);
	ck_assert_uint_eq(label(r->out, 1), 1);
	ck_assert_uint_eq(label(r->out, 3), 1);
	ck_assert_uint_eq(label(r->out, 2), 2);
	ck_assert_uint_eq(label(r->out, 5), 2);
	ck_assert_uint_eq(label(r->out, 4), 4); /* Jong-il stays apart */
	ck_assert(strstr(r->out, "1\tЗюганов Геннадий\n") != NULL);
}
END_TEST

START_TEST(bad_records_are_reported_and_left_out)
{
	const nkt_result *r = nkt_cli("Ivanov\n\xFF\n\nIvanov\n", "dedupe");
	ck_assert_int_eq(r->status, 1);
	ck_assert_int_eq(count_lines(r->out), 2);
	ck_assert(strstr(r->err, "line 2: invalid UTF-8") != NULL);
	ck_assert(strstr(r->err, "line 3: no name to key") != NULL);
	ck_assert_uint_eq(label(r->out, 2), 1);
}
END_TEST

START_TEST(csv_column_and_formats)
{
	const nkt_result *r = nkt_cli("id,who\n7,\"Kim, Su-gil\"\n8,\"KIM Su Gil\"\n",
				      "dedupe --in csv --field who --format jsonl");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out, "{\"cluster\":1,\"name\":\"Kim, Su-gil\"}\n"
				 "{\"cluster\":1,\"name\":\"KIM Su Gil\"}\n");
	r = nkt_cli("a\tKim Su-gil\nb\tKim Su Gil\n",
		    "dedupe --in tsv --column 2 --format csv");
	ck_assert_str_eq(r->out, "1,Kim Su-gil\n1,Kim Su Gil\n");
	r = nkt_cli("a,b\n", "dedupe --in csv --field nope");
	ck_assert_int_eq(r->status, 3);
	ck_assert(strstr(r->err, "no column named \"nope\"") != NULL);
}
END_TEST

START_TEST(clusters_and_stats)
{
	const char *in = "Boris Yeltsin\nБорис Ельцин\nBoris Yeltsin\nIvanova\n";
	const nkt_result *r = nkt_cli(in, "dedupe --clusters");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out, "1\t3\tBoris Yeltsin\tBoris Yeltsin | "
				 "Борис Ельцин\n4\t1\tIvanova\tIvanova\n");
	r = nkt_cli(in, "dedupe --stats --format jsonl");
	ck_assert(strstr(r->out, "\"records\":4,") != NULL);
	ck_assert(strstr(r->out, "\"clusters\":2,") != NULL);
	ck_assert(strstr(r->out, "\"largest\":3,") != NULL);
}
END_TEST

START_TEST(several_files_and_threads)
{
	char a[] = "/tmp/nkt_a_XXXXXX", b[] = "/tmp/nkt_b_XXXXXX";
	FILE *f = fdopen(mkstemp(a), "w");
	static const char cons[] = "bdfklmnprt"; /* none folds into another */
	for (int i = 0; i < 5000; i++) /* 100 given names: Nbob .. Ntot */
		fprintf(f, "N%co%c Ivanov\n", cons[i % 10], cons[i / 10 % 10]);
	fclose(f);
	f = fdopen(mkstemp(b), "w");
	fputs("Nkod Ivanov\n", f);
	fclose(f);
	char args[128];
	snprintf(args, sizeof args, "dedupe --threads 2 --stats %s %s", a, b);
	const nkt_result *r = nkt_cli(NULL, args);
	ck_assert_int_eq(r->status, 0);
	ck_assert(strstr(r->out, "records\t5001\n") != NULL);
	ck_assert(strstr(r->out, "clusters\t100\n") != NULL);
	snprintf(args, sizeof args, "dedupe %s /nonexistent/x", b);
	r = nkt_cli(NULL, args);
	ck_assert_int_eq(r->status, 3);
	ck_assert(strstr(r->err, "cannot open /nonexistent/x") != NULL);
	remove(a);
	remove(b);
}
END_TEST

START_TEST(store_identities_win_and_save_is_one_transaction)
{
	char db[sizeof NKT_DB_TEMPLATE];
	char args[256];
	nkt_db_path(db);
	/* the store knows two different Kim Su-gils and one Zyuganov */
	snprintf(args, sizeof args, "add --db %s 'Kim Su-gil' --alias 'KIM Su Gil'", db);
	ck_assert_int_eq(nkt_cli(NULL, args)->status, 0);
	snprintf(args, sizeof args, "add --db %s 'Kim Su-kil'", db);
	ck_assert_int_eq(nkt_cli(NULL, args)->status, 0);
	snprintf(args, sizeof args, "add --db %s 'Gennady Zyuganov'", db);
	ck_assert_int_eq(nkt_cli(NULL, args)->status, 0);

	snprintf(args, sizeof args, "dedupe --db %s", db);
	const nkt_result *r = nkt_cli("KIM Su Gil\nKim Su-kil\nZyuganov Gennady\n"
				      "Boris Yeltsin\nБорис Ельцин\n", args);
	ck_assert_int_eq(r->status, 0);
	/* exact aliases resolve to their identities and stay apart */
	ck_assert_str_eq(r->out, "@1\tKIM Su Gil\n@2\tKim Su-kil\n"
				 "@3\tZyuganov Gennady\n4\tBoris Yeltsin\n"
				 "4\tБорис Ельцин\n");

	snprintf(args, sizeof args, "dedupe --save --db %s", db);
	r = nkt_cli("Boris Yeltsin\nБорис Ельцин\nZyuganov Gennady\n", args);
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out, "@4\tBoris Yeltsin\n@4\tБорис Ельцин\n"
				 "@3\tZyuganov Gennady\n");
	snprintf(args, sizeof args, "show --db %s 4", db);
	r = nkt_cli(NULL, args);
	ck_assert_ptr_nonnull(strstr(r->out, "Борис Ельцин"));
	ck_assert_int_eq(nkt_cli(NULL, "dedupe --save")->status, 2);
	remove(db);
}
END_TEST

START_TEST(fuzzy_raises_recall_safely)
{
	const char *in = "Konstantin Rozhdestvensky\nKonstantin Rozhdestvinsky\n"
			 "K. Rozhdestvensky\nKim Jong-il\nKim Jong-un\n";
	const nkt_result *r = nkt_cli(in, "dedupe");
	ck_assert_str_eq(r->out, "1\tKonstantin Rozhdestvensky\n"
				 "2\tKonstantin Rozhdestvinsky\n3\tK. Rozhdestvensky\n"
				 "4\tKim Jong-il\n5\tKim Jong-un\n");
	r = nkt_cli(in, "dedupe --fuzzy");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out, "1\tKonstantin Rozhdestvensky\n"
				 "1\tKonstantin Rozhdestvinsky\n1\tK. Rozhdestvensky\n"
				 "4\tKim Jong-il\n5\tKim Jong-un\n");
	/* a threshold above near keeps the typo apart */
	r = nkt_cli(in, "dedupe --threshold 0.7");
	ck_assert(strstr(r->out, "2\tKonstantin Rozhdestvinsky\n") != NULL);
	ck_assert_int_eq(nkt_cli(in, "dedupe --threshold 7")->status, 2);
}
END_TEST

START_TEST(usage)
{
	ck_assert_int_eq(nkt_cli(NULL, "dedupe --help")->status, 0);
	ck_assert(strstr(nkt_cli(NULL, "dedupe --help")->out, "--clusters"));
	ck_assert_int_eq(nkt_cli(NULL, "dedupe --format xml")->status, 2);
	ck_assert_int_eq(nkt_cli(NULL, "dedupe --threads 0")->status, 2);
	ck_assert_int_eq(nkt_cli(NULL, "dedupe --bogus")->status, 2);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("dedupe");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, clusters_in_input_order);
	tcase_add_test(tc, bad_records_are_reported_and_left_out);
	tcase_add_test(tc, csv_column_and_formats);
	tcase_add_test(tc, clusters_and_stats);
	tcase_add_test(tc, several_files_and_threads);
	tcase_add_test(tc, store_identities_win_and_save_is_one_transaction);
	tcase_add_test(tc, fuzzy_raises_recall_safely);
	tcase_add_test(tc, usage);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
