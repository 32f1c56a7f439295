/*
 * test_store_cli.c - the store commands end to end (src/cli/cmd_store.c):
 * output, messages, exit codes, --db and $NAMEKEY_DB, and two namekey
 * processes writing one store at once.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "nk_test.h"

#define OUT_MAX (1u << 16)
#define CMD_MAX 4096

static char dir[] = "/tmp/nkt_scli_XXXXXX";
static char db[256];

typedef struct result {
	int status;
	char out[OUT_MAX];
	char err[OUT_MAX];
} result;

static result res;

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/sub/dir/store.db", dir);
	unsetenv("NAMEKEY_DB");
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/nkt_scli_XXXXXX");
}

static void slurp(const char *path, char *buf)
{
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	const size_t n = fread(buf, 1, OUT_MAX - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Run "namekey ARGS" (shell words) with --db unless ARGS starts '!'. */
static const result *run(const char *args)
{
	char cmd[CMD_MAX], out[300], err[300];
	const char *bin = getenv("NK_BIN");
	snprintf(out, sizeof out, "%s/out", dir);
	snprintf(err, sizeof err, "%s/err", dir);
	const bool nodb = args[0] == '!';
	snprintf(cmd, sizeof cmd, "'%s' %s %s%s%s >%s 2>%s </dev/null",
		 bin ? bin : "namekey", args + nodb, nodb ? "" : "--db '",
		 nodb ? "" : db, nodb ? "" : "'", out, err);
	const int st = system(cmd);
	res.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	slurp(out, res.out);
	slurp(err, res.err);
	return &res;
}

static int lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

START_TEST(add_resolve_show)
{
	const result *r = run("add 'Syngman Rhee' --alias 'Yi Seung-man' "
			      "--lang ko --note 'first president'");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out, "1\n");
	r = run("resolve 'YI Seung Man'");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strstr(r->out, "\t0.90\tkey\t1\tSyngman Rhee\tYi Seung-man\n"));
	r = run("resolve --json 'Syngman Rhee'");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strstr(r->out, "\"resolved\":true"));
	ck_assert(strstr(r->out, "\"evidence\":\"exact\""));
	r = run("resolve 'Nobody Here'");
	ck_assert_int_eq(r->status, 1);
	ck_assert_str_eq(r->out, "");
	r = run("show 1");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strstr(r->out, "display\tSyngman Rhee\nlang\tko\n"));
	ck_assert(strstr(r->out, "note\tfirst president\n"));
	ck_assert_int_eq(lines(strstr(r->out, "alias\t")), 2);
	r = run("show 1 --json");
	ck_assert(strstr(r->out, "\"names\":[{\"id\":1,\"name\":\"Syngman Rhee\""));
	r = run("show 7");
	ck_assert_int_eq(r->status, 1);
	ck_assert(strstr(r->err, "no identity 7"));
}
END_TEST

START_TEST(changes_history_undo)
{
	run("add 'Kim Su-gil'");
	run("add 'Kim Su-gil' --alias 'Gim Su-gil'");
	ck_assert_int_eq(run("alias 1 'Kim Sugil' --source press")->status, 0);
	ck_assert_int_eq(run("merge 1 2")->status, 0);
	const result *r = run("list");
	ck_assert_str_eq(r->out, "1\tKim Su-gil\t3\n");
	r = run("split 1 'Gim Su-gil'");
	ck_assert_str_eq(r->out, "3\n");
	ck_assert_int_eq(run("rename 3 'Gim Sugil'")->status, 0);
	ck_assert_int_eq(run("unalias 3 'Gim Su-gil'")->status, 0);
	r = run("unalias 3 'Gim Sugil'");
	ck_assert_int_eq(r->status, 1);
	ck_assert(strstr(r->err, "last alias"));
	r = run("history");
	ck_assert_int_eq(lines(r->out), 7);
	r = run("history 3 --json");
	ck_assert_int_eq(lines(r->out), 3);
	ck_assert(strstr(r->out, "\"op\":\"split\""));
	for (int i = 0; i < 7; i++)
		ck_assert_int_eq(run("undo")->status, 0);
	r = run("undo");
	ck_assert_int_eq(r->status, 1);
	ck_assert(strstr(r->err, "nothing to undo"));
	ck_assert_str_eq(run("list")->out, "");
	ck_assert_int_eq(run("check")->status, 0);
}
END_TEST

START_TEST(import_export_round_trip)
{
	char file[300], cmd[CMD_MAX];
	snprintf(file, sizeof file, "%s/in.csv", dir);
	FILE *f = fopen(file, "w");
	ck_assert_ptr_nonnull(f);
	fputs("ref,name,note\np,Ivan Petrov,\"says \"\"hi\"\", twice\"\n"
	      "p,I. Petrov,\nq,???,\nr,Olga Sidorova,\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "import '%s'", file);
	const result *r = run(cmd);
	ck_assert_int_eq(r->status, 1);
	ck_assert(strstr(r->err, "row 4: name '\?\?\?' has nothing to key"));
	ck_assert_int_eq(run("!list --db /dev/null/x")->status, 1);
	snprintf(cmd, sizeof cmd, "import --skip-bad '%s'", file);
	r = run(cmd);
	ck_assert_int_eq(r->status, 1);
	ck_assert(strstr(r->err, "in.csv: row 4: name '\?\?\?' has nothing to "
			 "key; skipped"));
	ck_assert_str_eq(run("list")->out, "1\tIvan Petrov\t2\n2\tOlga Sidorova\t1\n");

	snprintf(file, sizeof file, "%s/out.jsonl", dir);
	snprintf(cmd, sizeof cmd, "export '%s'", file);
	ck_assert_int_eq(run(cmd)->status, 0);
	char first[OUT_MAX];
	snprintf(first, sizeof first, "%s", run("export --format csv")->out);
	ck_assert(strstr(first, "\"says \"\"hi\"\", twice\""));
	snprintf(db, sizeof db, "%s/copy.db", dir);
	snprintf(cmd, sizeof cmd, "import '%s'", file);
	ck_assert_int_eq(run(cmd)->status, 0);
	ck_assert_str_eq(run("export --format csv")->out, first);
}
END_TEST

START_TEST(store_errors_are_one_line)
{
	const result *r = run("list");
	ck_assert_int_eq(r->status, 1);
	ck_assert_int_eq(lines(r->err), 1);
	ck_assert(strstr(r->err, "does not exist"));

	char cmd[CMD_MAX];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/sub/dir' && head -c 8192 "
		 "/dev/urandom > '%s'", dir, db);
	ck_assert_int_eq(system(cmd), 0);
	r = run("add 'Ivan Petrov'");
	ck_assert_int_eq(r->status, 3);
	ck_assert_int_eq(lines(r->err), 1);
	ck_assert(strncmp(r->err, "namekey: store ", 15) == 0);

	r = run("bogus-not-a-command");
	ck_assert_int_eq(r->status, 2);
	r = run("merge 1 x");
	ck_assert_int_eq(r->status, 2);
	r = run("add");
	ck_assert_int_eq(r->status, 2);
	r = run("import --help");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strstr(r->out, "Usage: namekey import"));
}
END_TEST

START_TEST(environment_chooses_store)
{
	char cmd[CMD_MAX];
	snprintf(cmd, sizeof cmd, "!add 'Ivan Petrov'");
	setenv("NAMEKEY_DB", db, 1);
	ck_assert_int_eq(run(cmd)->status, 0);
	unsetenv("NAMEKEY_DB");
	ck_assert_str_eq(run("list")->out, "1\tIvan Petrov\t1\n");
}
END_TEST

START_TEST(stale_key_format_warns)
{
	run("add 'Ivan Petrov'");
	char cmd[CMD_MAX];
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"UPDATE meta SET value = 0 "
		 "WHERE name = 'key_format'\" 2>/dev/null || python3 -c \""
		 "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
		 "c.execute(\\\"UPDATE meta SET value = 0 WHERE name = "
		 "'key_format'\\\"); c.commit()\" '%s'", db, db);
	ck_assert_int_eq(system(cmd), 0);
	const result *r = run("list");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strstr(r->err, "warning: store"));
	ck_assert(strstr(r->err, "run 'namekey reindex'"));
	ck_assert_int_eq(run("reindex")->status, 0);
	ck_assert_str_eq(run("list")->err, "");
}
END_TEST

START_TEST(two_processes_write_at_once)
{
	const char *bin = getenv("NK_BIN");
	char cmd[CMD_MAX];
	run("add 'First Person'");
	snprintf(cmd, sizeof cmd,
		 "for p in a b; do (for i in 1 2 3 4 5 6 7 8 9 10; do "
		 "'%s' add --db '%s' \"Writer$p Person$i\" >/dev/null || "
		 "exit 1; done) & done; wait %%1 && wait %%2",
		 bin ? bin : "namekey", db);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(lines(run("list")->out), 21);
	ck_assert_int_eq(run("check")->status, 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("store_cli");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, add_resolve_show);
	tcase_add_test(tc, changes_history_undo);
	tcase_add_test(tc, import_export_round_trip);
	tcase_add_test(tc, store_errors_are_one_line);
	tcase_add_test(tc, environment_chooses_store);
	tcase_add_test(tc, stale_key_format_warns);
	tcase_add_test(tc, two_processes_write_at_once);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
