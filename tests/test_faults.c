/*
 * test_faults.c - the store under I/O failure (issue #8).  An import of
 * a few hundred rows and a merge run on the "nkfault" VFS (faultvfs.c)
 * once for every N, the Nth read, write, truncate or sync failing (once,
 * or from then on); afterwards the store, reopened normally, must pass
 * nk_store_check() and hold exactly the state before the operation or
 * exactly the state after it - the one the operation's result claims.
 */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "faultvfs.h"
#include "nk_test.h"
#include "store_int.h"

#define BASE_ROWS 60
#define IMPORT_ROWS 300
#define STATE_MAX (1u << 20)
#define TEXT_MAX (1u << 16)
#define LINE_MAX_ 256
/* Every time in the rows: long before any test run, so that a time at
 * or after the run's start can only be the store's own clock. */
#define FIXED_TIME 1000000000LL
/* The columns of an export that hold times: added, created, updated. */
#define TIME_COL_FIRST 6
#define TIME_COL_LAST 8
/* More operations than any of these runs makes: a loop that never
 * ends would be a bug in the test or the VFS. */
#define CALLS_MAX 100000
/* The merge: identity "p1" (Russian) takes "p2" (Korean), which has one
 * alias of the same name, so merge drops one alias and re-keys. */
#define MERGE_INTO 1
#define MERGE_FROM 2

#define HEADER "ref\tname\tdisplay\tlang\tnote\tsource\tadded\tcreated\t" \
	"updated\n"

static const char before_db[] = "before.db";
static const char work_db[] = "work.db";
/* Relative, because nk_store_open() stat()s and mkdir()s the path it is
 * given as a file path: a URI without '/' creates no directory. */
static const char work_uri[] = "file:work.db?vfs=" NKT_FAULT_VFS;

static char dir[] = "/tmp/nkt_faults_XXXXXX";
static time_t started;
static char import_text[TEXT_MAX];
static char state_before[STATE_MAX], state_after[STATE_MAX];
static char state_now[STATE_MAX];

typedef struct totals {
	unsigned long runs;     /* operations run with a fault armed */
	unsigned long injected; /* runs in which a fault was injected */
	unsigned long failures; /* failed calls, persistent ones included */
	unsigned long ok;       /* operations that succeeded all the same */
} totals;

static totals total;

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(chdir(dir), 0);
	started = time(NULL);
}

static void teardown(void)
{
	char cmd[300];
	ck_assert_int_eq(chdir("/"), 0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/nkt_faults_XXXXXX");
}

/* ---------------------------------------------------------------- */
/* Files and stores                                                   */
/* ---------------------------------------------------------------- */

static void remove_db(const char *db)
{
	char side[64];
	static const char *const suffixes[] = { "", "-wal", "-shm",
						"-journal" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(side, sizeof side, "%s%s", db, suffixes[i]);
		unlink(side);
	}
}

/* A copy of a closed store (its WAL checkpointed away by the close). */
static void copy_db(const char *from, const char *to)
{
	static char buf[1 << 16];
	remove_db(to);
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	ck_assert(in && out);
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
	ck_assert(!ferror(in));
	fclose(in);
	ck_assert_int_eq(fclose(out), 0);
}

static nk_store *open_store(const char *p, unsigned flags)
{
	nk_store *st;
	nk_store_options o = NK_STORE_OPTIONS_INIT;
	o.flags = flags;
	const int rc = nk_store_open(&st, nkt_ctx(), p, &o);
	ck_assert_msg(rc == NK_OK, "open %s: %s", p, nk_store_errmsg(st));
	return st;
}

static int import_tsv(nk_store *st, const char *text)
{
	nkt_text_reader r = { text, 0, strlen(text) };
	nk_import_options o = NK_IMPORT_OPTIONS_INIT;
	o.label = "faults.tsv";
	return nk_store_import(NULL, st, nkt_read_text, &r, &o);
}

/* Append rows of made-up names to buf (holding len bytes) with every
 * column given, times fixed, so that two imports of them export byte for
 * byte alike; returns the new length. */
static size_t rows(char *buf, size_t len, size_t cap, unsigned long first,
		   unsigned long n, const char *ref_prefix)
{
	static const char *const langs[] = { "ru", "ko", "other", "auto" };
	for (unsigned long i = first; i < first + n; i++) {
		const unsigned long ref = i / 3; /* three aliases a person */
		len += (size_t)snprintf(buf + len, cap - len,
			"%s%lu\t%s\t\t%s\tnote %lu\tfaults\t%lld\t%lld\t%lld\n",
			ref_prefix, ref, nkt_made_up_name(i),
			langs[ref % 4], ref, FIXED_TIME + (long long)i,
			FIXED_TIME, FIXED_TIME + 1);
		ck_assert_uint_lt(len, cap);
	}
	return len;
}

/* The store the operations start from: two people to merge, one alias
 * name in common, then more people. */
static void make_before(void)
{
	static char text[TEXT_MAX];
	const long long t = FIXED_TIME;
	const size_t len = (size_t)snprintf(text, sizeof text, HEADER
		"p1\tIvan Tarokov\t\tru\t\t\t%lld\t%lld\t%lld\n"
		"p1\tIvan Tarokoff\t\tru\t\t\t%lld\t%lld\t%lld\n"
		"p1\tKim Sumin\t\tru\t\t\t%lld\t%lld\t%lld\n"
		"p2\tKim Sumin\t\tko\t\t\t%lld\t%lld\t%lld\n"
		"p2\tGim Su-min\t\tko\t\t\t%lld\t%lld\t%lld\n",
		t, t, t, t, t, t, t, t, t, t, t, t, t, t, t);
	rows(text, len, sizeof text, 0, BASE_ROWS, "b");
	remove_db(before_db);
	nk_store *st = open_store(before_db, NK_STORE_CREATE);
	ck_assert_msg(import_tsv(st, text) == NK_OK, "%s", nk_store_errmsg(st));
	nk_store_close(st);
	const size_t hlen = (size_t)snprintf(import_text, sizeof import_text,
					     "%s", HEADER);
	rows(import_text, hlen, sizeof import_text, BASE_ROWS, IMPORT_ROWS,
	     "i");
}

/* ---------------------------------------------------------------- */
/* States                                                             */
/* ---------------------------------------------------------------- */

typedef struct sbuf {
	char *s;
	size_t len;
	int column;     /* of the text written so far */
	bool time_done; /* the current time column was written */
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
	ck_assert_uint_lt(b->len + n, STATE_MAX);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/*
 * Export sink that writes a time the store took from its clock (merge
 * stamps "updated") as "now": a rerun a second later is the same state.
 * Times are digits alone, so a time column is copied or replaced whole
 * when its first byte arrives.
 */
static int to_state(void *data, const char *buf, size_t len)
{
	sbuf *b = data;
	for (size_t i = 0; i < len; i++) {
		const char c = buf[i];
		const bool in_time = b->column >= TIME_COL_FIRST &&
				     b->column <= TIME_COL_LAST;
		if (c == '\t' || c == '\n') {
			b->column = c == '\t' ? b->column + 1 : 0;
			b->time_done = false;
			put(b, &c, 1);
			continue;
		}
		if (!in_time) {
			put(b, &c, 1);
			continue;
		}
		if (b->time_done)
			continue;
		const size_t n = strspn(buf + i, "0123456789");
		ck_assert_msg(i + n < len, "time split across writes");
		const long long t = strtoll(buf + i, NULL, 10);
		if (t >= (long long)started)
			put(b, "now", 3);
		else
			put(b, buf + i, n);
		b->time_done = true;
		i += n - 1;
	}
	return 0;
}

typedef struct history_sum {
	long long changes;
	char last[LINE_MAX_]; /* the latest change */
} history_sum;

static int sum_change(void *data, const nk_change *c)
{
	history_sum *h = data;
	h->changes++;
	snprintf(h->last, sizeof h->last, "%s %lld %lld %lld", c->op,
		 c->identity, c->other, c->undone);
	return 0;
}

/* What an operation may change, as text: the export, and the history. */
static void state_of(nk_store *st, char *out)
{
	sbuf b = { out, 0, 0, false };
	out[0] = '\0';
	ck_assert_int_eq(nk_store_export(st, to_state, &b, NK_FORMAT_TSV),
			 NK_OK);
	history_sum h = { 0, "" };
	ck_assert_int_eq(nk_store_history(st, 0, sum_change, &h), NK_OK);
	char line[2 * LINE_MAX_];
	const int n = snprintf(line, sizeof line, "history: %lld changes, "
			       "the last %s\n", h.changes, h.last);
	put(&b, line, (size_t)n);
}

static void note_problem(void *data, const char *problem)
{
	fprintf(stderr, "%s: %s\n", (const char *)data, problem);
}

/* Reopen work.db normally: it must check clean; its state into out. */
static void verify_store(char *out, const char *what)
{
	nk_store *st = open_store(work_db, 0);
	ck_assert_msg(nk_store_check(st, note_problem, (void *)what) == NK_OK,
		      "%s: nk_store_check: %s", what, nk_store_errmsg(st));
	state_of(st, out);
	nk_store_close(st);
}

/* ---------------------------------------------------------------- */
/* Runs                                                               */
/* ---------------------------------------------------------------- */

typedef int (*op_fn)(nk_store *st);

static int op_import(nk_store *st)
{
	return import_tsv(st, import_text);
}

static int op_merge(nk_store *st)
{
	return nk_store_merge(st, MERGE_INTO, MERGE_FROM);
}

/* Open work.db on the fault VFS; with checkpoint, the WAL is copied
 * into the database after every commit (as it is, in a real store,
 * after a commit that takes it past 1000 pages), so that its writes,
 * syncs and truncations are in the run too. */
static nk_store *open_faulty(bool checkpoint)
{
	/* CREATE: the URI is no file name, so the store thinks it new. */
	nk_store *st = open_store(work_uri, NK_STORE_CREATE);
	if (checkpoint)
		ck_assert_int_eq(sqlite3_wal_autocheckpoint(st->db, 1),
				 SQLITE_OK);
	return st;
}

/* The close checkpoints the WAL, unarmed, which is not under test: spare
 * its fsync()s, which take most of a run's time on a disk. */
static void skip_close_syncs(nk_store *st)
{
	ck_assert_int_eq(sqlite3_exec(st->db, "PRAGMA synchronous = OFF",
				      NULL, NULL, NULL), SQLITE_OK);
}

/* The states before and after a clean run of op. */
static void clean_run(op_fn op, bool checkpoint)
{
	copy_db(before_db, work_db);
	verify_store(state_before, "before");
	nk_store *st = open_faulty(checkpoint);
	ck_assert_msg(op(st) == NK_OK, "%s", nk_store_errmsg(st));
	nk_store_close(st);
	verify_store(state_after, "after");
	ck_assert_str_ne(state_before, state_after);
}

/* One run with the nth operation failing; false when op made fewer. */
static bool faulty_run(op_fn op, const char *name, unsigned long n,
		       bool persist, bool checkpoint)
{
	char what[LINE_MAX_];
	snprintf(what, sizeof what, "%s, %s fault at call %lu%s", name,
		 persist ? "persistent" : "one", n,
		 checkpoint ? ", checkpointing" : "");
	copy_db(before_db, work_db);
	nk_store *st = open_faulty(checkpoint);
	nkt_fault_arm(n, persist);
	const int rc = op(st);
	nkt_fault_disarm();
	skip_close_syncs(st);
	char msg[NK_STORE_ERRMSG_MAX];
	snprintf(msg, sizeof msg, "%s", nk_store_errmsg(st));
	nk_store_close(st);

	const unsigned long fired = nkt_fault_fired();
	total.runs++;
	total.injected += fired > 0;
	total.failures += fired;
	total.ok += fired > 0 && rc == NK_OK;
	ck_assert_msg(rc == NK_OK || rc == NK_EIO, "%s: returned %s: %s",
		      what, nk_strerror(rc), msg);
	verify_store(state_now, what);
	const bool was_before = strcmp(state_now, state_before) == 0;
	const bool was_after = strcmp(state_now, state_after) == 0;
	ck_assert_msg(was_before || was_after, "%s: the store is neither "
		      "before nor after; returned %s (%s)", what,
		      nk_strerror(rc), msg);
	ck_assert_msg(rc == NK_OK ? was_after : was_before, "%s: returned "
		      "%s (%s) but the store holds the state %s", what,
		      nk_strerror(rc), msg, was_after ? "after" : "before");
	return fired > 0;
}

static void every_fault(op_fn op, const char *name, bool checkpoint)
{
	clean_run(op, checkpoint);
	for (int persist = 0; persist < 2; persist++) {
		unsigned long n = 1;
		while (faulty_run(op, name, n, persist, checkpoint)) {
			n++;
			ck_assert_uint_lt(n, CALLS_MAX);
		}
		/* The first call counted must fail, or nothing was tested. */
		ck_assert_uint_gt(n, 1);
	}
}

static void report(const char *name)
{
	printf("%s: %lu runs, %lu with a fault injected (%lu failed calls), "
	       "%lu succeeded regardless\n", name, total.runs, total.injected,
	       total.failures, total.ok);
}

START_TEST(import_survives_every_fault)
{
	make_before();
	every_fault(op_import, "import", false);
	every_fault(op_import, "import", true);
	report("import");
}
END_TEST

START_TEST(merge_survives_every_fault)
{
	make_before();
	every_fault(op_merge, "merge", false);
	every_fault(op_merge, "merge", true);
	report("merge");
}
END_TEST

/* The harness itself: an armed fault must reach the store as NK_EIO. */
START_TEST(armed_fault_fails_the_operation)
{
	make_before();
	copy_db(before_db, work_db);
	nk_store *st = open_faulty(false);
	nkt_fault_arm(1, true);
	const int rc = op_merge(st);
	nkt_fault_disarm();
	ck_assert_int_eq(rc, NK_EIO);
	ck_assert_uint_gt(nkt_fault_fired(), 0);
	ck_assert_ptr_nonnull(strstr(nk_store_errmsg(st), "I/O"));
	nk_store_close(st);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("faults");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, armed_fault_fails_the_operation);
	tcase_add_test(tc, import_survives_every_fault);
	tcase_add_test(tc, merge_survives_every_fault);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	/* URIs must be on before SQLite starts, so before any store. */
	if (sqlite3_config(SQLITE_CONFIG_URI, 1) != SQLITE_OK ||
	    nkt_faultvfs_register() != SQLITE_OK) {
		fputs("test_faults: cannot set up the fault VFS\n", stderr);
		return EXIT_FAILURE;
	}
	return nkt_run(suite());
}
