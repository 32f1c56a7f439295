/*
 * test_store.c - the alias store through its API (src/store*.c): schema
 * and migration, changes and undo, resolution, import and export,
 * integrity, errors, and concurrent writers.
 */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nk_test.h"
#include "store_int.h"

#define OUT_MAX (1u << 20)
#define NK_XSTR(x) #x
#define NK_STR(x) NK_XSTR(x)
#define NK_STR_FORMAT NK_STR(NK_KEY_FORMAT)
#define WRITERS 4
#define WRITES_EACH 25

static char dir[] = "/tmp/nkt_store_XXXXXX";
static char path[256];
static int serial;

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/nkt_store_XXXXXX");
}

/* A fresh path in the test's directory. */
static const char *new_path(void)
{
	snprintf(path, sizeof path, "%s/s%d/store.db", dir, ++serial);
	return path;
}

static nk_store *open_at(const char *p, unsigned flags)
{
	nk_store *st;
	nk_store_options o = NK_STORE_OPTIONS_INIT;
	o.flags = flags;
	const int rc = nk_store_open(&st, nkt_ctx(), p, &o);
	ck_assert_msg(rc == NK_OK, "open: %s", nk_store_errmsg(st));
	return st;
}

static nk_store *fresh(void)
{
	return open_at(new_path(), NK_STORE_CREATE);
}

static long long add(nk_store *st, const char *name, const char *alias)
{
	long long id;
	const char *aliases[] = { alias };
	const int rc = nk_store_add(&id, st, name, aliases, alias ? 1 : 0,
				    NULL);
	ck_assert_msg(rc == NK_OK, "add: %s", nk_store_errmsg(st));
	return id;
}

typedef struct sbuf {
	char *s;
	size_t len;
} sbuf;

static int to_sbuf(void *data, const char *buf, size_t len)
{
	sbuf *b = data;
	ck_assert_uint_lt(b->len + len, OUT_MAX);
	memcpy(b->s + b->len, buf, len);
	b->len += len;
	b->s[b->len] = '\0';
	return 0;
}

/* The store as TSV (static buffer per slot, so two can be compared). */
static const char *dump(nk_store *st, nk_format f, int slot)
{
	static char bufs[2][OUT_MAX];
	sbuf b = { bufs[slot], 0 };
	b.s[0] = '\0';
	ck_assert_int_eq(nk_store_export(st, to_sbuf, &b, f), NK_OK);
	return b.s;
}

static int import_text(nk_store *st, const char *text, size_t len,
		       nk_format f, unsigned flags, nk_import_report *rep)
{
	nkt_text_reader r = { text, 0, len };
	nk_import_options o = NK_IMPORT_OPTIONS_INIT;
	o.format = f;
	o.flags = flags;
	return nk_store_import(rep, st, nkt_read_text, &r, &o);
}

static const nk_resolution *resolve(nk_store *st, const char *name)
{
	static nk_resolution r;
	ck_assert_int_eq(nk_store_resolve(&r, st, name, strlen(name), NULL),
			 NK_OK);
	return &r;
}

static long long count(const char *p, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	ck_assert_int_eq(sqlite3_open(p, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	const long long n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return n;
}

static void exec_sql(const char *p, const char *sql)
{
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(p, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK,
		      "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

static void problem_count(void *data, const char *problem)
{
	(void)problem;
	++*(int *)data;
}

/* ---------------------------------------------------------------- */

START_TEST(new_store_is_empty_and_marked)
{
	nk_store *st = fresh();
	ck_assert(nk_store_status(st) & NK_STORE_CREATED);
	ck_assert_int_eq(nk_store_key_format(st), NK_KEY_FORMAT);
	nk_store_close(st);
	ck_assert_int_eq(count(path, "PRAGMA application_id"),
			 NK_STORE_APPLICATION_ID);
	ck_assert_int_eq(count(path, "PRAGMA user_version"),
			 (long long)nk_store_schema_version);
	ck_assert_int_eq(count(path, "SELECT count(*) FROM identities"), 0);
	ck_assert_int_eq(count(path, "SELECT count(*) FROM pragma_journal_mode "
			       "WHERE journal_mode = 'wal'"), 1);
	st = open_at(path, 0);
	ck_assert_uint_eq(nk_store_status(st), 0);
	nk_store_close(st);
}
END_TEST

/* The schema text of a store, sorted, for comparison. */
static char *schema_of(const char *p)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	ck_assert_int_eq(sqlite3_open(p, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT group_concat(sql, "
		"char(10)) FROM (SELECT sql FROM sqlite_master WHERE sql "
		"IS NOT NULL ORDER BY name)", -1, &q, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	char *s = strdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	sqlite3_close(db);
	return s;
}

START_TEST(v1_store_is_migrated)
{
	char v1[256];
	snprintf(v1, sizeof v1, "%s/v1.db", dir);
	exec_sql(v1, nk_store_migrations[1]);
	exec_sql(v1, "INSERT INTO meta VALUES ('key_format', 1);"
		 "INSERT INTO history(id, at, op, identity, detail) "
		 "VALUES (1, 0, 'add', 1, '{}');"
		 "INSERT INTO identities VALUES (1, 'Ivan Petrov', 'auto', "
		 "NULL, 0, 0, 1);"
		 "INSERT INTO aliases VALUES (1, 1, 'Ivan Petrov', NULL, 0);"
		 "PRAGMA user_version = 1;");
	char keys[NK_KEY_MAX];
	snprintf(keys, sizeof keys, "%s", nkt_key("Ivan Petrov"));
	char sql[NK_KEY_MAX + 100];
	snprintf(sql, sizeof sql, "INSERT INTO alias_keys VALUES ('%s', 1, 1)",
		 keys);
	exec_sql(v1, sql);

	nk_store *st = open_at(v1, 0);
	ck_assert(nk_store_status(st) & NK_STORE_MIGRATED);
	const nk_resolution *r = resolve(st, "Ivan Petrav");
	ck_assert_uint_eq(r->n, 1);
	ck_assert_int_ge(r->cand[0].evidence, NK_STORE_COMPATIBLE);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
	nk_store_close(st);
	ck_assert_int_eq(count(v1, "PRAGMA user_version"),
			 (long long)nk_store_schema_version);

	nk_store_close(fresh());
	char *a = schema_of(v1), *b = schema_of(path);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
}
END_TEST

/* The v2 rows of alias id: one alias_keys row per key. */
static void v2_alias(const char *p, int id, const char *name)
{
	char sql[NK_KEY_MAX * 4 + 200];
	snprintf(sql, sizeof sql, "INSERT INTO aliases VALUES (%d, 1, '%s', "
		 "'press', 7)", id, name);
	exec_sql(p, sql);
	char keys[NK_KEY_MAX];
	snprintf(keys, sizeof keys, "%s", nkt_key(name));
	for (char *k = strtok(keys, " "); k; k = strtok(NULL, " ")) {
		snprintf(sql, sizeof sql, "INSERT INTO alias_keys VALUES "
			 "('%s', %d, %d)", k, id, NK_KEY_FORMAT);
		exec_sql(p, sql);
	}
}

typedef struct alias_keys_seen {
	char keys[2][NK_KEY_MAX];
	int n;
} alias_keys_seen;

static int note_keys(void *data, const nk_alias *a)
{
	alias_keys_seen *seen = data;
	ck_assert_int_lt(seen->n, 2);
	ck_assert_int_eq(a->key_format, NK_KEY_FORMAT);
	snprintf(seen->keys[seen->n++], NK_KEY_MAX, "%s", a->keys);
	return 0;
}

/* Same keys, in any order (each of a is in b, and no more). */
static bool same_key_set(const char *a, const char *b)
{
	char x[NK_KEY_MAX + 2], y[NK_KEY_MAX];
	snprintf(x, sizeof x, " %s ", b);
	snprintf(y, sizeof y, "%s", a);
	if (strlen(a) != strlen(b))
		return false;
	for (char *k = strtok(y, " "); k; k = strtok(NULL, " ")) {
		char word[NK_KEY_MAX + 2];
		snprintf(word, sizeof word, " %s ", k);
		if (!strstr(x, word))
			return false;
	}
	return true;
}

START_TEST(v2_store_is_migrated)
{
	/* Two readings: one key on the row, one in alias_keys after v3. */
	static const char *const two = "Karo Chigrileenko";
	ck_assert_ptr_nonnull(strchr(nkt_key(two), ' '));
	char v2[256];
	snprintf(v2, sizeof v2, "%s/v2.db", dir);
	exec_sql(v2, nk_store_migrations[1]);
	exec_sql(v2, nk_store_migrations[2]);
	exec_sql(v2, "INSERT INTO meta VALUES ('key_format', " NK_STR_FORMAT ");"
		 "INSERT INTO history(id, at, op, identity, detail) "
		 "VALUES (1, 0, 'add', 1, '{}');"
		 "INSERT INTO identities VALUES (1, 'Karo Chigrileenko', "
		 "'auto', NULL, 0, 0, 1);"
		 "INSERT INTO key_parts VALUES (1, 'stale');"
		 "INSERT INTO key_grams VALUES (42, 1);"
		 "UPDATE sqlite_sequence SET seq = 5 "
		 "WHERE name = 'identities';"
		 "PRAGMA user_version = 2;");
	v2_alias(v2, 1, two);
	v2_alias(v2, 2, "Ivan Petrov");

	nk_store *st = open_at(v2, 0);
	ck_assert(nk_store_status(st) & NK_STORE_MIGRATED);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
	const nk_resolution *r = resolve(st, "Chigrileenko, Karo");
	ck_assert_uint_eq(r->n, 1);
	ck_assert_int_eq(r->cand[0].evidence, NK_STORE_KEY);
	r = resolve(st, "Ivan Petrav");
	ck_assert_uint_eq(r->n, 1);
	ck_assert_int_ge(r->cand[0].evidence, NK_STORE_COMPATIBLE);
	alias_keys_seen seen = { .n = 0 };
	ck_assert_int_eq(nk_store_show(st, 1, NULL, note_keys, &seen), NK_OK);
	ck_assert_int_eq(seen.n, 2);
	ck_assert(same_key_set(nkt_key(two), seen.keys[0]));
	/* Ids go on after the highest ever used, not the highest left. */
	ck_assert_int_eq(add(st, "Olga Sidorova", NULL), 6);
	nk_store_close(st);
	ck_assert_int_eq(count(v2, "SELECT count(*) FROM alias_keys"), 1);
	ck_assert_int_eq(count(v2, "SELECT count(*) FROM key_parts "
			       "WHERE part = 'stale'"), 0);
	ck_assert_int_eq(count(v2, "SELECT count(*) FROM aliases "
			       "WHERE source = 'press' AND added = 7"), 2);
	ck_assert_int_eq(count(v2, "SELECT count(*) FROM sqlite_sequence "
			       "WHERE name LIKE 'identities%'"), 1);

	nk_store_close(fresh());
	char *a = schema_of(v2), *b = schema_of(path);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
}
END_TEST

/* Rows of the near index whose part is text. */
static long long part_refs(const char *p, const char *part)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT coalesce(sum(refs), 0) FROM "
		 "key_parts WHERE part = '%s'", part);
	return count(p, sql);
}

START_TEST(near_index_shrinks)
{
	nk_store *st = fresh();
	const long long id = add(st, "Ivan Petrov", "Ivan Zyuganov");
	ck_assert_int_eq(nk_store_alias(st, id, "Gennady Zyuganov", NULL),
			 NK_OK);
	ck_assert_int_eq(part_refs(path, "zuganov"), 2);
	ck_assert_int_eq(nk_store_unalias(st, id, "Ivan Zyuganov"), NK_OK);
	ck_assert_int_eq(part_refs(path, "zuganov"), 1);
	ck_assert_int_eq(nk_store_unalias(st, id, "Gennady Zyuganov"), NK_OK);
	ck_assert_int_eq(part_refs(path, "zuganov"), 0);
	ck_assert_int_eq(count(path, "SELECT count(*) FROM key_grams g WHERE "
			       "NOT EXISTS (SELECT 1 FROM key_parts p "
			       "WHERE p.id = g.part)"), 0);
	ck_assert_uint_eq(resolve(st, "Gennady Zyuganow")->n, 0);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
	ck_assert_int_eq(nk_store_undo(NULL, st), NK_OK);
	ck_assert_int_eq(part_refs(path, "zuganov"), 1);
	ck_assert_uint_eq(resolve(st, "Gennady Zyuganow")->n, 1);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);

	const long long other = add(st, "Olga Zyuganova", NULL);
	ck_assert_int_eq(nk_store_merge(st, id, other), NK_OK);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
	const char *names[] = { "Olga Zyuganova" };
	ck_assert_int_eq(nk_store_split(NULL, st, id, names, 1), NK_OK);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
	while (nk_store_undo(NULL, st) == NK_OK)
		ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
	ck_assert_int_eq(count(path, "SELECT count(*) FROM key_parts"), 0);
	ck_assert_int_eq(count(path, "SELECT count(*) FROM key_grams"), 0);
	nk_store_close(st);
}
END_TEST

/* Aliases found by key hash alone are checked before they count: an
 * alias whose hash is like the name's key but whose key is not is no
 * evidence, unless another alias of its identity has the key. */
START_TEST(key_hash_alike_is_no_evidence)
{
	nk_store *st = fresh();
	const long long ivan = add(st, "Ivan Petrov", NULL);
	const long long olga = add(st, "Olga Sidorova", "Petrov, Ivan");
	const long long lena = add(st, "Elena Orlova", NULL);
	nk_store_close(st);
	char key[NK_KEY_MAX], sql[NK_KEY_MAX + 200];
	snprintf(key, sizeof key, "%s", nkt_key("Ivan Petrov"));
	const size_t n = strcspn(key, " ");
	/* Olga's own alias and Elena's now hash like Ivan Petrov's key. */
	snprintf(sql, sizeof sql, "UPDATE aliases SET key_hash = %lld WHERE "
		 "name IN ('Olga Sidorova', 'Elena Orlova')",
		 (long long)nk_st_gram(key, n, n));
	exec_sql(path, sql);
	st = open_at(path, 0);
	const nk_resolution *r = resolve(st, "Petrov Ivan");
	ck_assert_uint_eq(r->n, 2);
	ck_assert_int_eq(r->cand[0].identity, ivan);
	ck_assert_int_eq(r->cand[1].identity, olga);
	ck_assert_str_eq(r->cand[1].alias, "Petrov, Ivan");
	for (size_t i = 0; i < r->n; i++)
		ck_assert_int_ne(r->cand[i].identity, lena);
	nk_store_close(st);

	/* Nor does it keep near keys from being looked for. */
	snprintf(key, sizeof key, "%s", nkt_key("Ivan Petrav"));
	const size_t m = strcspn(key, " ");
	snprintf(sql, sizeof sql, "UPDATE aliases SET key_hash = %lld WHERE "
		 "name = 'Elena Orlova'", (long long)nk_st_gram(key, m, m));
	exec_sql(path, sql);
	st = open_at(path, 0);
	r = resolve(st, "Ivan Petrav");
	ck_assert_uint_ge(r->n, 1);
	ck_assert_int_eq(r->cand[0].identity, ivan);
	ck_assert_int_ge(r->cand[0].evidence, NK_STORE_COMPATIBLE);
	for (size_t i = 0; i < r->n; i++)
		ck_assert_int_ne(r->cand[i].identity, lena);
	nk_store_close(st);
}
END_TEST

START_TEST(resolve_ranks_evidence)
{
	nk_store *st = fresh();
	const long long rhee = add(st, "Syngman Rhee", "Yi Seung-man");
	const long long k1 = add(st, "Kim Su-gil", NULL);
	const long long k2 = add(st, "Kim Su-gil", NULL);

	const nk_resolution *r = resolve(st, "Syngman Rhee");
	ck_assert_uint_eq(r->n, 1);
	ck_assert(r->resolved);
	ck_assert_int_eq(r->cand[0].identity, rhee);
	ck_assert_int_eq(r->cand[0].evidence, NK_STORE_EXACT);
	ck_assert(r->cand[0].score == 1.0);
	ck_assert_str_eq(r->cand[0].display, "Syngman Rhee");

	r = resolve(st, "YI Seung Man");
	ck_assert_uint_eq(r->n, 1);
	ck_assert(r->resolved);
	ck_assert_int_eq(r->cand[0].evidence, NK_STORE_KEY);
	ck_assert_str_eq(r->cand[0].alias, "Yi Seung-man");

	r = resolve(st, "Kim Su-gil");
	ck_assert_uint_eq(r->n, 2);
	ck_assert(!r->resolved);
	ck_assert_int_eq(r->cand[0].identity, k1);
	ck_assert_int_eq(r->cand[1].identity, k2);

	r = resolve(st, "Syngmun Rhee");
	ck_assert_uint_eq(r->n, 1);
	ck_assert(!r->resolved);
	ck_assert_int_ge(r->cand[0].evidence, NK_STORE_COMPATIBLE);
	ck_assert(r->cand[0].score < 0.9);

	r = resolve(st, "Nobody Atall");
	ck_assert_uint_eq(r->n, 0);
	ck_assert(!r->resolved);
	nk_store_close(st);
}
END_TEST

/* What a resolve answered, kept past the next call on the store. */
typedef struct answer {
	size_t n;
	int resolved;
	nk_candidate best;
	char display[NK_NAME_MAX], alias[NK_NAME_MAX];
} answer;

static answer keep(const nk_resolution *r)
{
	answer a = { .n = r->n, .resolved = r->resolved };
	if (r->n) {
		a.best = r->cand[0];
		snprintf(a.display, sizeof a.display, "%s", r->cand[0].display);
		snprintf(a.alias, sizeof a.alias, "%s", r->cand[0].alias);
	}
	return a;
}

/* The name resolved with extra flags, keyed by the caller. */
static answer resolve_keyed(nk_store *st, const char *name, unsigned flags)
{
	nk_resolve_options o = NK_RESOLVE_OPTIONS_INIT;
	o.flags = flags;
	char keys[NK_KEY_MAX] = "";
	nk_key_options ko = NK_KEY_OPTIONS_INIT;
	const int k = nk_key(NULL, keys, sizeof keys, nkt_ctx(), name,
			     strlen(name), &ko);
	ck_assert(k == NK_OK || k == NK_EEMPTY);
	nk_resolution r;
	ck_assert_int_eq(nk_store_resolve_keyed(&r, st, name, strlen(name),
						keys, &o), NK_OK);
	ck_assert_str_eq(r.keys, keys);
	return keep(&r);
}

/* A stream's best candidate is the full answer's first. */
static void best_is_first(nk_store *st, const char *name, unsigned flags)
{
	nk_resolve_options o = NK_RESOLVE_OPTIONS_INIT;
	o.flags = flags;
	nk_resolution r;
	ck_assert_int_eq(nk_store_resolve(&r, st, name, strlen(name), &o),
			 NK_OK);
	const answer full = keep(&r);
	const answer best = resolve_keyed(st, name, flags |
		NK_RESOLVE_BEST_ONLY | NK_RESOLVE_STREAM);
	ck_assert_uint_eq(best.n, full.n ? 1 : 0);
	ck_assert_int_eq(best.resolved, full.resolved);
	if (!full.n)
		return;
	ck_assert_int_eq(best.best.identity, full.best.identity);
	ck_assert_int_eq(best.best.evidence, full.best.evidence);
	ck_assert(best.best.score == full.best.score);
	ck_assert_str_eq(best.display, full.display);
	ck_assert_str_eq(best.alias, full.alias);
}

START_TEST(stream_best_is_full_first)
{
	nk_store *st = fresh();
	add(st, "Syngman Rhee", "Yi Seung-man");
	add(st, "Kim Su-gil", NULL);
	add(st, "Kim Su-gil", "Su-gil Kim");
	add(st, "Ivan Petrov", "Petrov, Ivan");
	add(st, "Olga Sidorova", "Ivan Petrov");
	/* the key of 소운호 is the first of one alias, a further reading of
	 * the other: the answer names the alias that reads so */
	add(st, "Soh Unho", "So Unho");
	static const char *const names[] = {
		"Syngman Rhee", "YI Seung Man", "Kim Su-gil", "Kim Sugil",
		"Ivan Petrov", "Petrov Ivan", "Syngmun Rhee", "Nobody Atall",
		"???", "Olga Sidorova", "소운호", "Seo Unho",
	};
	static const unsigned flags[] = { 0, NK_RESOLVE_NO_NEAR,
					  NK_RESOLVE_ALWAYS_NEAR };
	for (size_t f = 0; f < NK_ARRAY_LEN(flags); f++)
		for (size_t i = 0; i < NK_ARRAY_LEN(names); i++)
			best_is_first(st, names[i], flags[f]);
	nk_resolution r;
	ck_assert_int_eq(nk_store_resolve_keyed(&r, st, "Ivan", 4, NULL, NULL),
			 NK_EINVAL);
	char long_keys[NK_KEY_MAX + 1];
	memset(long_keys, 'k', NK_KEY_MAX);
	long_keys[NK_KEY_MAX] = '\0';
	ck_assert_int_eq(nk_store_resolve_keyed(&r, st, "Ivan", 4, long_keys,
						NULL), NK_EINVAL);
	nk_store_close(st);
}
END_TEST

/* Many identities sharing keys, some of them as further readings: the
 * best is found from a few of them, and must be the full answer's. */
START_TEST(stream_best_among_many)
{
	static const char *const surnames[] = { "Kim", "Lee", "Park", "Choi",
						"Yi", "Rhee" };
	static const char *const given[] = { "Min-jun", "Minjun", "Su-gil",
					     "Sugil", "Ji-woo", "Seo-yeon",
					     "Eun-ji", "Un-ho" };
	enum { IDENTITIES = 120, ALIASES_EACH = 3, LCG_A = 1103515245,
	       LCG_C = 12345 };
	const size_t ns = NK_ARRAY_LEN(surnames), ng = NK_ARRAY_LEN(given);
	nk_store *st = fresh();
	unsigned seed = 1;
	ck_assert_int_eq(nk_store_begin(st), NK_OK);
	for (int i = 0; i < IDENTITIES; i++) {
		char names[ALIASES_EACH][64];
		const char *more[ALIASES_EACH - 1];
		for (int a = 0; a < ALIASES_EACH; a++) {
			seed = seed * LCG_A + LCG_C;
			const unsigned r = seed >> 16;
			snprintf(names[a], sizeof names[a], "%s %s",
				 surnames[r % ns], given[r / ns % ng]);
			if (a)
				more[a - 1] = names[a];
		}
		/* an identity has a name once: repeats are left out */
		const bool same = strcmp(names[1], names[2]) == 0;
		const size_t n = strcmp(names[0], names[1]) == 0 ||
				 strcmp(names[0], names[2]) == 0 ? 0
				 : same ? 1 : 2;
		ck_assert_int_eq(nk_store_add(NULL, st, names[0], more, n, NULL),
				 NK_OK);
	}
	ck_assert_int_eq(nk_store_commit(st), NK_OK);
	static const unsigned flags[] = { 0, NK_RESOLVE_NO_NEAR,
					  NK_RESOLVE_ALWAYS_NEAR };
	for (size_t f = 0; f < NK_ARRAY_LEN(flags); f++)
		for (size_t i = 0; i < ns; i++)
			for (size_t g = 0; g < ng; g++) {
				char name[64];
				snprintf(name, sizeof name, "%s %s", given[g],
					 surnames[i]);
				best_is_first(st, name, flags[f]);
				snprintf(name, sizeof name, "%s %s",
					 surnames[i], given[g]);
				best_is_first(st, name, flags[f]);
			}
	nk_store_close(st);
}
END_TEST

/* The best candidate by rank can be a key hash alike only. */
START_TEST(best_skips_key_hash_alike)
{
	nk_store *st = fresh();
	add(st, "Elena Orlova", NULL);
	const long long ivan = add(st, "Ivan Petrov", NULL);
	add(st, "Olga Sidorova", NULL);
	nk_store_close(st);
	char key[NK_KEY_MAX], sql[NK_KEY_MAX + 200];
	snprintf(key, sizeof key, "%s", nkt_key("Ivan Petrov"));
	size_t n = strcspn(key, " ");
	snprintf(sql, sizeof sql, "UPDATE aliases SET key_hash = %lld WHERE "
		 "name = 'Elena Orlova'", (long long)nk_st_gram(key, n, n));
	exec_sql(path, sql);
	/* and a key no alias has */
	snprintf(key, sizeof key, "%s", nkt_key("Pavel Sokolov"));
	n = strcspn(key, " ");
	snprintf(sql, sizeof sql, "UPDATE aliases SET key_hash = %lld WHERE "
		 "name = 'Olga Sidorova'", (long long)nk_st_gram(key, n, n));
	exec_sql(path, sql);
	st = open_at(path, 0);
	ck_assert_uint_eq(resolve_keyed(st, "Pavel Sokolov", NK_RESOLVE_NO_NEAR |
					NK_RESOLVE_BEST_ONLY).n, 0);
	best_is_first(st, "Pavel Sokolov", 0);
	const answer a = resolve_keyed(st, "Petrov Ivan", NK_RESOLVE_NO_NEAR |
				       NK_RESOLVE_BEST_ONLY | NK_RESOLVE_STREAM);
	ck_assert_uint_eq(a.n, 1);
	ck_assert(a.resolved);
	ck_assert_int_eq(a.best.identity, ivan);
	ck_assert_int_eq(a.best.evidence, NK_STORE_KEY);
	best_is_first(st, "Petrov Ivan", 0);
	nk_store_close(st);
}
END_TEST

/* Found by a stream resolve; the filter must not hide changes. */
static size_t streamed(nk_store *st, const char *name)
{
	return resolve_keyed(st, name, NK_RESOLVE_NO_NEAR |
			     NK_RESOLVE_STREAM).n;
}

START_TEST(stream_filter_follows_changes)
{
	nk_store *st = fresh();
	const long long choi = add(st, "Choi Ji-woo", "Lena Orlova");
	ck_assert_uint_eq(streamed(st, "Olga Sidorova"), 0);
	/* another connection */
	nk_store *other = open_at(path, 0);
	add(other, "Olga Sidorova", NULL);
	nk_store_close(other);
	ck_assert_uint_eq(streamed(st, "Olga Sidorova"), 1);
	/* this one */
	ck_assert_uint_eq(streamed(st, "Lee Min-ho"), 0);
	add(st, "Lee Min-ho", NULL);
	ck_assert_uint_eq(streamed(st, "Lee Min-ho"), 1);
	/* a filter made inside a batch that is rolled back */
	ck_assert_int_eq(nk_store_begin(st), NK_OK);
	ck_assert_int_eq(nk_store_unalias(st, choi, "Lena Orlova"), NK_OK);
	ck_assert_uint_eq(streamed(st, "Lena Orlova"), 0);
	ck_assert_int_eq(nk_store_rollback(st), NK_OK);
	ck_assert_uint_eq(streamed(st, "Lena Orlova"), 1);
	ck_assert_uint_eq(streamed(st, "Choi Ji-woo"), 1);
	nk_store_close(st);
}
END_TEST

/* Found by a stream resolve that holds its read transaction. */
static size_t held(nk_store *st, const char *name)
{
	return resolve_keyed(st, name, NK_RESOLVE_NO_NEAR | NK_RESOLVE_STREAM |
			     NK_RESOLVE_HOLD_READ).n;
}

/* Resolves that hold a snapshot see another connection's change within
 * NK_STORE_HOLD_RESOLVES of them, or at once after one without the
 * flag; the handle's own writes are never held up. */
START_TEST(held_reads_see_changes_in_turn)
{
	nk_store *st = fresh();
	add(st, "Choi Ji-woo", NULL);
	ck_assert_uint_eq(held(st, "Choi Ji-woo"), 1);
	ck_assert_uint_gt(st->held, 0);
	nk_store *other = open_at(path, 0);
	add(other, "Olga Sidorova", NULL);
	ck_assert_uint_eq(held(st, "Olga Sidorova"), 0); /* the old snapshot */
	size_t seen = 0;
	for (int i = 0; i < NK_STORE_HOLD_RESOLVES && !seen; i++)
		seen = held(st, "Olga Sidorova");
	ck_assert_uint_eq(seen, 1);
	add(other, "Lee Min-ho", NULL);
	ck_assert_uint_eq(streamed(st, "Lee Min-ho"), 1); /* without the flag */
	ck_assert_uint_eq(st->held, 0);
	ck_assert_uint_eq(held(st, "Lee Min-ho"), 1);
	add(st, "Pavel Sokolov", NULL); /* a write ends the held snapshot */
	ck_assert_uint_eq(st->held, 0);
	ck_assert_uint_eq(held(st, "Pavel Sokolov"), 1);
	add(other, "Kim Su-gil", NULL); /* a writer is not blocked by it */
	nk_store_close(other);
	ck_assert_uint_eq(held(st, "Ivan Petrov"), 0);
	nk_store_close(st); /* with the snapshot still held */
}
END_TEST

START_TEST(lookups_use_indexes)
{
	nk_store *st = fresh();
	add(st, "Ivan Petrov", NULL);
	for (size_t i = 0; nk_store_lookup_sql[i]; i++) {
		char sql[2048];
		snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s",
			 nk_store_lookup_sql[i]);
		sqlite3_stmt *q;
		ck_assert_int_eq(sqlite3_prepare_v2(st->db, sql, -1, &q, NULL),
				 SQLITE_OK);
		int searches = 0;
		while (sqlite3_step(q) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(q, 3);
			/* Walking the bound list of values is no table scan. */
			const bool list = strncmp(d, "SCAN json_each", 14) == 0;
			ck_assert_msg(strncmp(d, "SCAN", 4) != 0 || list,
				      "%s: %s", nk_store_lookup_sql[i], d);
			searches += strncmp(d, "SEARCH", 6) == 0;
		}
		sqlite3_finalize(q);
		ck_assert_int_gt(searches, 0);
	}
	nk_store_close(st);
}
END_TEST

/* Apply a change, then undo it: the store must be as before. */
static void undo_restores(nk_store *st, int (*change)(nk_store *st),
			  const char *op)
{
	const char *before = dump(st, NK_FORMAT_JSONL, 0);
	ck_assert_int_eq(change(st), NK_OK);
	ck_assert_str_ne(dump(st, NK_FORMAT_JSONL, 1), before);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
	nk_change c;
	ck_assert_int_eq(nk_store_undo(&c, st), NK_OK);
	ck_assert_str_eq(c.op, op);
	ck_assert_str_eq(dump(st, NK_FORMAT_JSONL, 1), before);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
}

static int ch_add(nk_store *st)
{
	const char *more[] = { "Pak Chong-hui" };
	return nk_store_add(NULL, st, "Park Chung-hee", more, 1, NULL);
}

static int ch_alias(nk_store *st)
{
	return nk_store_alias(st, 1, "Ivan Petroff", "press");
}

static int ch_unalias(nk_store *st)
{
	return nk_store_unalias(st, 1, "I. Petrov");
}

static int ch_merge(nk_store *st)
{
	return nk_store_merge(st, 1, 2);
}

static int ch_split(nk_store *st)
{
	const char *names[] = { "I. Petrov" };
	return nk_store_split(NULL, st, 1, names, 1);
}

static int ch_rename(nk_store *st)
{
	return nk_store_rename(st, 2, "Vanya Petrov");
}

static int ch_import(nk_store *st)
{
	static const char rows[] = "a\tOlga Sidorova\na\tO. Sidorova\n"
				   "b\tLee Min-ho\n";
	return import_text(st, rows, sizeof rows - 1, NK_FORMAT_TSV, 0, NULL);
}

START_TEST(every_change_undoes)
{
	nk_store *st = fresh();
	add(st, "Ivan Petrov", "I. Petrov");
	nk_add_options o = NK_ADD_OPTIONS_INIT;
	o.lang = NK_LANG_RU;
	o.note = "the other one";
	const char *more[] = { "Ivan Petrov", "Petrov, Ivan" };
	ck_assert_int_eq(nk_store_add(NULL, st, "Iwan Petrow", more, 2, &o),
			 NK_OK);
	undo_restores(st, ch_add, "add");
	undo_restores(st, ch_alias, "alias");
	undo_restores(st, ch_unalias, "unalias");
	undo_restores(st, ch_merge, "merge");
	undo_restores(st, ch_split, "split");
	undo_restores(st, ch_rename, "rename");
	undo_restores(st, ch_import, "import");
	/* The two adds, then nothing. */
	ck_assert_int_eq(nk_store_undo(NULL, st), NK_OK);
	ck_assert_int_eq(nk_store_undo(NULL, st), NK_OK);
	ck_assert_int_eq(nk_store_undo(NULL, st), NK_ENOTFOUND);
	ck_assert_str_eq(dump(st, NK_FORMAT_TSV, 0),
			 "ref\tname\tdisplay\tlang\tnote\tsource\tadded\t"
			 "created\tupdated\n");
	nk_store_close(st);
}
END_TEST

START_TEST(merge_keeps_shared_alias_once)
{
	nk_store *st = fresh();
	const long long a = add(st, "Kim Su-gil", "Gim Su-gil");
	const long long b = add(st, "Kim Su-gil", "Kim Sugil");
	ck_assert_int_eq(nk_store_merge(st, a, b), NK_OK);
	const nk_resolution *r = resolve(st, "Kim Su-gil");
	ck_assert_uint_eq(r->n, 1);
	ck_assert(r->resolved);
	ck_assert_int_eq(nk_store_show(st, b, NULL, NULL, NULL), NK_ENOTFOUND);
	ck_assert_int_eq(nk_store_merge(st, a, a), NK_EINVAL);
	nk_store_close(st);
}
END_TEST

START_TEST(failed_change_leaves_store_as_it_was)
{
	nk_store *st = fresh();
	add(st, "Ivan Petrov", NULL);
	const char *before = dump(st, NK_FORMAT_TSV, 0);
	const char *bad[] = { "Petrov", "???" };
	ck_assert_int_eq(nk_store_add(NULL, st, "Ivan Petrov", bad, 2, NULL),
			 NK_EEMPTY);
	ck_assert_int_eq(nk_store_alias(st, 1, "Ivan Petrov", NULL), NK_EINVAL);
	ck_assert_int_eq(nk_store_alias(st, 99, "Ivan Petrov", NULL),
			 NK_ENOTFOUND);
	ck_assert_int_eq(nk_store_unalias(st, 1, "Ivan Petrov"), NK_EINVAL);
	const char *all[] = { "Ivan Petrov" };
	ck_assert_int_eq(nk_store_split(NULL, st, 1, all, 1), NK_EINVAL);
	ck_assert_str_eq(dump(st, NK_FORMAT_TSV, 1), before);
	ck_assert(strstr(nk_store_errmsg(st), path) != NULL);
	nk_store_close(st);
}
END_TEST

START_TEST(awkward_names)
{
	nk_store *st = fresh();
	const char *odd = "O'Brien\"; DROP TABLE aliases; --";
	const long long id = add(st, odd, NULL);
	const nk_resolution *r = resolve(st, odd);
	ck_assert_uint_eq(r->n, 1);
	ck_assert_int_eq(r->cand[0].identity, id);
	ck_assert_str_eq(r->cand[0].alias, odd);

	char *big = malloc((1u << 20) + 1);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', 1u << 20);
	big[1u << 20] = '\0';
	ck_assert_int_eq(nk_store_add(NULL, st, big, NULL, 0, NULL),
			 NK_ETOOLONG);
	nk_resolution res;
	ck_assert_int_eq(nk_store_resolve(&res, st, big, 1u << 20, NULL),
			 NK_ETOOLONG);
	free(big);
	ck_assert_int_eq(nk_store_resolve(&res, st, "a\0b", 3, NULL), NK_EUTF8);
	ck_assert_int_eq(nk_store_add(NULL, st, "bad \xFF", NULL, 0, NULL),
			 NK_EUTF8);
	nk_store_close(st);
}
END_TEST

START_TEST(import_bad_row_fails_whole)
{
	nk_store *st = fresh();
	static const char rows[] = "ref\tname\n1\tIvan Petrov\n1\tI. Petrov\n"
				   "2\t???\n3\tOlga Sidorova\n";
	ck_assert_int_eq(import_text(st, rows, sizeof rows - 1, NK_FORMAT_TSV,
				     0, NULL), NK_EFORMAT);
	ck_assert(strstr(nk_store_errmsg(st), "row 4:") != NULL);
	ck_assert_uint_eq(resolve(st, "Ivan Petrov")->n, 0);

	nk_import_report rep;
	ck_assert_int_eq(import_text(st, rows, sizeof rows - 1, NK_FORMAT_TSV,
				     NK_IMPORT_SKIP_BAD, &rep), NK_OK);
	ck_assert_uint_eq(rep.rows, 4);
	ck_assert_uint_eq(rep.skipped, 1);
	ck_assert_uint_eq(rep.aliases, 3);
	ck_assert_uint_eq(rep.identities, 2);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);

	static const char nul[] = "{\"ref\":1,\"name\":\"a\\u0000b\"}\n";
	ck_assert_int_eq(import_text(st, nul, sizeof nul - 1, NK_FORMAT_JSONL,
				     0, NULL), NK_EFORMAT);
	ck_assert(strstr(nk_store_errmsg(st), "row 1:") != NULL);
	static const char csv[] = "ref,name\n1,\"Petrov, \"\"Ivan\n";
	ck_assert_int_eq(import_text(st, csv, sizeof csv - 1, NK_FORMAT_CSV,
				     0, NULL), NK_EFORMAT);
	ck_assert(strstr(nk_store_errmsg(st), "row 2: unterminated") != NULL);
	nk_store_close(st);
}
END_TEST

/* Into an empty store (indexes built after the rows) and into one with
 * aliases (indexes kept): a repeated alias is a bad row either way. */
START_TEST(import_refuses_repeated_alias)
{
	static const char rows[] = "a\tIvan Petrov\nb\tIvan Petrov\n"
				   "a\tI. Petrov\na\tIvan Petrov\n";
	for (int filled = 0; filled < 2; filled++) {
		nk_store *st = fresh();
		if (filled)
			add(st, "Olga Sidorova", NULL);
		ck_assert_int_eq(import_text(st, rows, sizeof rows - 1,
					     NK_FORMAT_TSV, 0, NULL), NK_EFORMAT);
		ck_assert(strstr(nk_store_errmsg(st), "row 4:") != NULL);
		ck_assert(strstr(nk_store_errmsg(st), "already has") != NULL);
		ck_assert_uint_eq(resolve(st, "Ivan Petrov")->n, 0);
		nk_import_report rep;
		ck_assert_int_eq(import_text(st, rows, sizeof rows - 1,
					     NK_FORMAT_TSV, NK_IMPORT_SKIP_BAD,
					     &rep), NK_OK);
		ck_assert_uint_eq(rep.skipped, 1);
		ck_assert_uint_eq(rep.aliases, 3);
		ck_assert_uint_eq(resolve(st, "Ivan Petrov")->n, 2);
		ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
		ck_assert_int_eq(nk_store_alias(st, 1 + filled, "I. Petrov",
						NULL), NK_EINVAL);
		nk_store_close(st);
	}
}
END_TEST

START_TEST(export_import_round_trips)
{
	static const nk_format formats[] = { NK_FORMAT_TSV, NK_FORMAT_CSV,
					     NK_FORMAT_JSONL };
	nk_store *st = fresh();
	nk_add_options o = NK_ADD_OPTIONS_INIT;
	o.lang = NK_LANG_KO;
	o.note = "line one\nline \"two\",\tend\\";
	o.source = "a, \"source\"";
	const char *more[] = { "Pak, Chong-hui", "Пак Чон Хи" };
	ck_assert_int_eq(nk_store_add(NULL, st, "Park Chung-hee", more, 2, &o),
			 NK_OK);
	add(st, "Ivan Petrov", "I. Petrov");
	for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
		const char *text = dump(st, formats[f], 0);
		nk_store *copy = fresh();
		ck_assert_int_eq(import_text(copy, text, strlen(text),
					     formats[f], 0, NULL), NK_OK);
		ck_assert_str_eq(dump(copy, formats[f], 1), text);
		ck_assert_int_eq(nk_store_check(copy, NULL, NULL), NK_OK);
		nk_store_close(copy);
	}
	nk_store_close(st);
}
END_TEST

START_TEST(stale_keys_need_reindex)
{
	nk_store *st = fresh();
	add(st, "Ivan Petrov", NULL);
	nk_store_close(st);
	exec_sql(path, "UPDATE meta SET value = 0 WHERE name = 'key_format';"
		 "UPDATE aliases SET key = 'xx:old'");
	st = open_at(path, 0);
	ck_assert(nk_store_status(st) & NK_STORE_STALE_KEYS);
	ck_assert_int_eq(nk_store_key_format(st), 0);
	ck_assert_int_eq(nk_store_alias(st, 1, "I. Petrov", NULL), NK_EFORMAT);
	ck_assert(strstr(nk_store_errmsg(st), "reindex") != NULL);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_ECORRUPT);
	ck_assert_int_eq(nk_store_reindex(st), NK_OK);
	ck_assert(!(nk_store_status(st) & NK_STORE_STALE_KEYS));
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
	ck_assert_int_eq(resolve(st, "Petrov Ivan")->n, 1);
	nk_store_close(st);
}
END_TEST

START_TEST(check_finds_damage)
{
	nk_store *st = fresh();
	add(st, "Ivan Petrov", "I. Petrov");
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
	nk_store_close(st);
	exec_sql(path, "UPDATE aliases SET key = '' WHERE id = 2;"
		 "UPDATE key_parts SET refs = refs + 1 WHERE id = 1;"
		 "UPDATE history SET undone = 1");
	st = open_at(path, 0);
	int problems = 0;
	ck_assert_int_eq(nk_store_check(st, problem_count, &problems),
			 NK_ECORRUPT);
	ck_assert_int_ge(problems, 4);
	nk_store_close(st);
}
END_TEST

START_TEST(bad_files_give_errors)
{
	nk_store *st;
	nk_store_options o = NK_STORE_OPTIONS_INIT;
	o.flags = 0;
	ck_assert_int_eq(nk_store_open(&st, nkt_ctx(), new_path(), &o),
			 NK_ENOTFOUND);
	ck_assert(strstr(nk_store_errmsg(st), "does not exist") != NULL);
	nk_store_close(st);

	char junk[256];
	snprintf(junk, sizeof junk, "%s/junk.db", dir);
	FILE *f = fopen(junk, "w");
	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < 1000; i++)
		fputs("this is not a database ", f);
	fclose(f);
	ck_assert_int_eq(nk_store_open(&st, nkt_ctx(), junk, NULL),
			 NK_ECORRUPT);
	nk_store_close(st);

	snprintf(junk, sizeof junk, "%s/other.db", dir);
	exec_sql(junk, "CREATE TABLE t(x)");
	ck_assert_int_eq(nk_store_open(&st, nkt_ctx(), junk, NULL),
			 NK_ECORRUPT);
	ck_assert(strstr(nk_store_errmsg(st), "not a namekey store") != NULL);
	nk_store_close(st);

	snprintf(junk, sizeof junk, "%s/newer.db", dir);
	exec_sql(junk, "PRAGMA application_id = 1313555801;"
		 "PRAGMA user_version = 99");
	ck_assert_int_eq(nk_store_open(&st, nkt_ctx(), junk, NULL),
			 NK_ECORRUPT);
	ck_assert(strstr(nk_store_errmsg(st), "newer") != NULL);
	nk_store_close(st);
}
END_TEST

START_TEST(read_only_store)
{
	nk_store *st = fresh();
	add(st, "Ivan Petrov", NULL);
	nk_store_close(st);
	st = open_at(path, NK_STORE_READONLY);
	ck_assert_int_eq(nk_store_alias(st, 1, "I. Petrov", NULL),
			 NK_EREADONLY);
	ck_assert_uint_eq(resolve(st, "Ivan Petrov")->n, 1);
	nk_store_close(st);
}
END_TEST

START_TEST(batch_commits_or_rolls_back)
{
	nk_store *st = fresh();
	ck_assert_int_eq(nk_store_begin(st), NK_OK);
	ck_assert_int_eq(nk_store_begin(st), NK_EINVAL);
	add(st, "Ivan Petrov", NULL);
	ck_assert_int_eq(nk_store_alias(st, 1, "???", NULL), NK_EEMPTY);
	add(st, "Olga Sidorova", NULL);
	ck_assert_int_eq(nk_store_rollback(st), NK_OK);
	ck_assert_uint_eq(resolve(st, "Ivan Petrov")->n, 0);
	ck_assert_int_eq(nk_store_begin(st), NK_OK);
	add(st, "Ivan Petrov", NULL);
	ck_assert_int_eq(nk_store_alias(st, 1, "???", NULL), NK_EEMPTY);
	add(st, "Olga Sidorova", NULL);
	ck_assert_int_eq(nk_store_commit(st), NK_OK);
	ck_assert_int_eq(nk_store_commit(st), NK_EINVAL);
	ck_assert_uint_eq(resolve(st, "Olga Sidorova")->n, 1);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
	nk_store_close(st);
}
END_TEST

START_TEST(busy_store_times_out_cleanly)
{
	nk_store *a = fresh();
	ck_assert_int_eq(nk_store_begin(a), NK_OK);
	add(a, "Ivan Petrov", NULL);
	nk_store *b;
	nk_store_options o = NK_STORE_OPTIONS_INIT;
	o.busy_timeout_ms = 100;
	ck_assert_int_eq(nk_store_open(&b, nkt_ctx(), path, &o), NK_OK);
	ck_assert_int_eq(nk_store_add(NULL, b, "Olga Sidorova", NULL, 0, NULL),
			 NK_EBUSY);
	ck_assert(strstr(nk_store_errmsg(b), "database is locked") != NULL);
	ck_assert_int_eq(nk_store_commit(a), NK_OK);
	ck_assert_int_eq(nk_store_add(NULL, b, "Olga Sidorova", NULL, 0, NULL),
			 NK_OK);
	nk_store_close(b);
	nk_store_close(a);
}
END_TEST

static void writer(const char *p, int w)
{
	nk_ctx *ctx;
	nk_store *st;
	if (nk_ctx_new(&ctx, NULL) != NK_OK ||
	    nk_store_open(&st, ctx, p, NULL) != NK_OK)
		_exit(1);
	for (int i = 0; i < WRITES_EACH; i++) {
		char name[64];
		snprintf(name, sizeof name, "Writer%c Name%c%c", 'a' + w,
			 'a' + i % 26, 'a' + i / 26);
		if (nk_store_add(NULL, st, name, NULL, 0, NULL) != NK_OK) {
			fprintf(stderr, "%s\n", nk_store_errmsg(st));
			_exit(1);
		}
	}
	nk_store_close(st);
	nk_ctx_unref(ctx);
	_exit(0);
}

START_TEST(concurrent_writers_lose_nothing)
{
	nk_store_close(fresh());
	pid_t pids[WRITERS];
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		ck_assert_int_ge(pids[w], 0);
		if (pids[w] == 0)
			writer(path, w);
	}
	for (int w = 0; w < WRITERS; w++) {
		int status;
		ck_assert_int_eq(waitpid(pids[w], &status, 0), pids[w]);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	ck_assert_int_eq(count(path, "SELECT count(*) FROM identities"),
			 WRITERS * WRITES_EACH);
	nk_store *st = open_at(path, 0);
	ck_assert_int_eq(nk_store_check(st, NULL, NULL), NK_OK);
	nk_store_close(st);
}
END_TEST

START_TEST(default_path_follows_environment)
{
	char buf[512];
	setenv("NAMEKEY_DB", "/x/y.db", 1);
	ck_assert_int_eq(nk_store_default_path(buf, sizeof buf), NK_OK);
	ck_assert_str_eq(buf, "/x/y.db");
	unsetenv("NAMEKEY_DB");
	setenv("XDG_DATA_HOME", "/data", 1);
	ck_assert_int_eq(nk_store_default_path(buf, sizeof buf), NK_OK);
	ck_assert_str_eq(buf, "/data/namekey/namekey.db");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/u", 1);
	ck_assert_int_eq(nk_store_default_path(buf, sizeof buf), NK_OK);
	ck_assert_str_eq(buf, "/home/u/.local/share/namekey/namekey.db");
	ck_assert_int_eq(nk_store_default_path(buf, 8), NK_ERANGE);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, new_store_is_empty_and_marked);
	tcase_add_test(tc, v1_store_is_migrated);
	tcase_add_test(tc, v2_store_is_migrated);
	tcase_add_test(tc, near_index_shrinks);
	tcase_add_test(tc, resolve_ranks_evidence);
	tcase_add_test(tc, key_hash_alike_is_no_evidence);
	tcase_add_test(tc, stream_best_is_full_first);
	tcase_add_test(tc, stream_best_among_many);
	tcase_add_test(tc, best_skips_key_hash_alike);
	tcase_add_test(tc, stream_filter_follows_changes);
	tcase_add_test(tc, held_reads_see_changes_in_turn);
	tcase_add_test(tc, lookups_use_indexes);
	tcase_add_test(tc, every_change_undoes);
	tcase_add_test(tc, merge_keeps_shared_alias_once);
	tcase_add_test(tc, failed_change_leaves_store_as_it_was);
	tcase_add_test(tc, awkward_names);
	tcase_add_test(tc, import_bad_row_fails_whole);
	tcase_add_test(tc, import_refuses_repeated_alias);
	tcase_add_test(tc, export_import_round_trips);
	tcase_add_test(tc, stale_keys_need_reindex);
	tcase_add_test(tc, check_finds_damage);
	tcase_add_test(tc, bad_files_give_errors);
	tcase_add_test(tc, read_only_store);
	tcase_add_test(tc, batch_commits_or_rolls_back);
	tcase_add_test(tc, busy_store_times_out_cleanly);
	tcase_add_test(tc, concurrent_writers_lose_nothing);
	tcase_add_test(tc, default_path_follows_environment);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
