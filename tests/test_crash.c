/*
 * test_crash.c - the store survives SIGKILL (issue #8): `namekey import`
 * of tens of thousands of rows is killed at random points over its run,
 * and after every kill `namekey check` must pass and the import must be
 * all or nothing.  The seed is printed, and NK_CRASH_SEED replays it.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nk_test.h"

#define BASE_ROWS 90
/* Tens of thousands of rows; fewer under AddressSanitizer, where every
 * run (and `namekey check` after it) is several times slower. */
#if defined(__SANITIZE_ADDRESS__)
#define BIG_ROWS 10000ul
#define KILLS 20
#else
#define BIG_ROWS 40000ul
#define KILLS 30
#endif
/* Every other kill aims at the run's last part, where the commit writes
 * the WAL and checkpoints it: uniform delays would seldom hit it. */
#define TAIL_FROM 0.8
#define TAIL_TO 1.05
/* Attempts before giving up on KILLS kills: a delay past the end of the
 * run kills nothing, and that run counts as a completed import. */
#define ATTEMPTS_MAX (4 * KILLS)
#define PATH_MAX_ 300
#define NS_PER_S 1000000000L

static char dir[] = "/tmp/nkt_crash_XXXXXX";
static char db[PATH_MAX_], base_db[PATH_MAX_], big[PATH_MAX_];

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/store.db", dir);
	snprintf(base_db, sizeof base_db, "%s/base.db", dir);
	snprintf(big, sizeof big, "%s/big.tsv", dir);
}

static void teardown(void)
{
	char cmd[PATH_MAX_ + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/nkt_crash_XXXXXX");
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / NS_PER_S;
}

/* rows aliases of made-up names, three to a person, from name first. */
static void write_rows(const char *path, unsigned long first,
		       unsigned long rows)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("ref\tname\n", f);
	for (unsigned long i = first; i < first + rows; i++)
		fprintf(f, "r%lu\t%s\n", i / 3, nkt_made_up_name(i));
	ck_assert_int_eq(fclose(f), 0);
}

/* Replace a store's files (WAL and index too) by a copy of a closed
 * store, which has no WAL left. */
static void copy_store(const char *from, const char *to)
{
	char cmd[6 * PATH_MAX_]; /* five paths and the words around them */
	snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm' && "
		 "cp '%s' '%s'", to, to, to, from, to);
	ck_assert_int_eq(system(cmd), 0);
}

static int sum_aliases(void *data, const nk_identity *identity)
{
	*(long long *)data += identity->naliases;
	return 0;
}

/* The number of aliases in the store, through the API. */
static long long aliases(const char *path)
{
	nk_store *st;
	nk_store_options o = NK_STORE_OPTIONS_INIT;
	o.flags = NK_STORE_READONLY;
	ck_assert_msg(nk_store_open(&st, nkt_ctx(), path, &o) == NK_OK, "%s",
		      nk_store_errmsg(st));
	long long n = 0;
	ck_assert_int_eq(nk_store_list(st, sum_aliases, &n), NK_OK);
	nk_store_close(st);
	return n;
}

static void check_store(const char *path)
{
	char args[PATH_MAX_ + 16];
	snprintf(args, sizeof args, "check --db '%s'", path);
	const nkt_result *r = nkt_cli(NULL, args);
	ck_assert_msg(r->status == 0, "namekey check: exit %d: %s%s",
		      r->status, r->out, r->err);
}

/* Start `namekey import --db path big`, its output discarded. */
static pid_t start_import(const char *path)
{
	const char *bin = getenv("NK_BIN");
	const pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid > 0)
		return pid;
	const int null = open("/dev/null", O_WRONLY);
	if (null < 0 || dup2(null, STDOUT_FILENO) < 0 ||
	    dup2(null, STDERR_FILENO) < 0)
		_exit(127);
	execl(bin ? bin : "namekey", "namekey", "import", "--db", path, big,
	      (char *)NULL);
	_exit(127);
}

/* How long a whole import takes, on a copy of the base store. */
static double import_seconds(void)
{
	char copy[PATH_MAX_ + 8];
	snprintf(copy, sizeof copy, "%s/timing.db", dir);
	copy_store(base_db, copy);
	const double t0 = now_s();
	int status;
	const pid_t pid = start_import(copy);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	const double took = now_s() - t0;
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_int_eq(aliases(copy), BASE_ROWS + (long long)BIG_ROWS);
	return took;
}

static void sleep_s(double s)
{
	struct timespec t = { (time_t)s, (long)((s - (double)(time_t)s) *
						 NS_PER_S) };
	while (nanosleep(&t, &t) != 0)
		;
}

static unsigned long seed_of(void)
{
	const char *env = getenv("NK_CRASH_SEED");
	if (env && *env)
		return strtoul(env, NULL, 10);
	return (unsigned long)time(NULL) ^ (unsigned long)getpid();
}

/* A random delay over the whole run, or over its tail. */
static double kill_delay(double run, int attempt)
{
	const double u = rand() / ((double)RAND_MAX + 1);
	if (attempt % 2 == 0)
		return run * u;
	return run * (TAIL_FROM + (TAIL_TO - TAIL_FROM) * u);
}

/* Kill the import after delay seconds: true if the kill landed, false
 * if the import had finished (successfully) by then. */
static bool kill_import_after(double delay)
{
	const pid_t pid = start_import(db);
	sleep_s(delay);
	kill(pid, SIGKILL);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		return true;
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "import ended with status %d", status);
	return false;
}

START_TEST(import_is_all_or_nothing_under_sigkill)
{
	write_rows(big, 0, BASE_ROWS);
	char args[3 * PATH_MAX_];
	snprintf(args, sizeof args, "import --db '%s' '%s'", base_db, big);
	ck_assert_int_eq(nkt_cli(NULL, args)->status, 0);
	write_rows(big, BASE_ROWS, BIG_ROWS);

	const double run = import_seconds();
	const unsigned long seed = seed_of();
	printf("crash: seed %lu (NK_CRASH_SEED replays it), import %.2f s\n",
	       seed, run);
	srand((unsigned)seed);
	copy_store(base_db, db);
	int kills = 0, landed = 0, completed = 0;
	for (int attempt = 0; kills < KILLS; attempt++) {
		ck_assert_msg(attempt < ATTEMPTS_MAX, "only %d kills in %d "
			      "attempts", kills, attempt);
		const double delay = kill_delay(run, attempt);
		const bool killed = kill_import_after(delay);
		kills += killed;
		completed += !killed;
		check_store(db);
		const long long n = aliases(db);
		ck_assert_msg(n == BASE_ROWS || n == BASE_ROWS + (long long)BIG_ROWS,
			      "after a kill at %.3f s: %lld aliases, not %d or "
			      "%lu", delay, n, BASE_ROWS, BASE_ROWS + BIG_ROWS);
		ck_assert(killed || n > BASE_ROWS);
		landed += killed && n > BASE_ROWS;
		/* Back to the base store, so every kill tests a whole import;
		 * a store killed before its commit is kept as it is, so that
		 * the next run recovers its WAL. */
		if (n > BASE_ROWS)
			copy_store(base_db, db);
	}
	printf("crash: %d kills survived (%d after the commit), %d imports "
	       "completed before their kill\n", kills, landed, completed);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("crash");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, import_is_all_or_nothing_under_sigkill);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
