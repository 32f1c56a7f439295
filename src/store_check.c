/*
 * store_check.c - nk_store_check(): SQLite's own integrity and foreign
 * key checks, then the invariants the rest of the store relies on but
 * SQL constraints cannot state (keys equal to what the key function
 * makes now, a near-key index that lists exactly the parts of the stored
 * keys with their use counts, a history that explains every identity).
 * Reports problems; repairs nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

typedef struct checker {
	nk_store *st;
	nk_problem_fn fn;
	void *data;
	unsigned long problems;
} checker;

static void problem(checker *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(checker *c, const char *fmt, ...)
{
	char msg[NK_STORE_ERRMSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->problems++;
	if (c->fn)
		c->fn(c->data, msg);
}

/* Each row of a query is a problem; its first column says which. */
static int query_problems(checker *c, const char *what, const char *sql)
{
	sqlite3_stmt *q = nk_st_sql(c->st, sql);
	if (!q)
		return NK_EDB;
	int step;
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(q, 0);
		problem(c, "%s: %s", what, t ? t : "?");
	}
	sqlite3_reset(q);
	return step == SQLITE_DONE ? NK_OK : nk_st_sqlerr(c->st, step);
}

static int sql_checks(checker *c)
{
	static const struct {
		const char *what, *sql;
	} checks[] = {
		{ "integrity", "SELECT integrity_check FROM "
		  "pragma_integrity_check WHERE integrity_check <> 'ok'" },
		{ "orphan", "SELECT \"table\" || ' row ' || rowid || "
		  "' points to a missing ' || parent FROM "
		  "pragma_foreign_key_check" },
		{ "alias without keys", "SELECT id || ' ' || quote(name) FROM "
		  "aliases WHERE key = ''" },
		{ "duplicate alias", "SELECT 'identity ' || identity || ' has "
		  "the alias ' || quote(name) || ' ' || count(*) || ' times' "
		  "FROM aliases GROUP BY identity, name HAVING count(*) > 1" },
		{ "identity without aliases", "SELECT id FROM identities i "
		  "WHERE NOT EXISTS (SELECT 1 FROM aliases a "
		  "WHERE a.identity = i.id)" },
		{ "history", "SELECT 'identity ' || i.id || ' was not created "
		  "by a live change' FROM identities i LEFT JOIN history h "
		  "ON h.id = i.origin WHERE h.id IS NULL OR h.undone IS NOT "
		  "NULL OR h.op NOT IN ('add', 'split', 'import')" },
		{ "history", "SELECT 'identity ' || id || ' updated before "
		  "it was created' FROM identities WHERE updated < created" },
		{ "near index", "SELECT 'gram of missing part ' || part FROM "
		  "key_grams g WHERE NOT EXISTS (SELECT 1 FROM key_parts p "
		  "WHERE p.id = g.part)" },
		{ "near index", "SELECT 'part ' || quote(part) || ' has ' || "
		  "refs || ' uses' FROM key_parts WHERE refs < 1" },
	};
	int rc = NK_OK;
	for (size_t i = 0; i < NK_ARRAY_LEN(checks) && rc == NK_OK; i++)
		rc = query_problems(c, checks[i].what, checks[i].sql);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Split a space-separated key list in place and sort it. */
static size_t sorted_keys(char *keys, char **out)
{
	size_t n = 0;
	for (char *k = strtok(keys, " "); k && n < NK_KEYS_MAX;
	     k = strtok(NULL, " "))
		out[n++] = k;
	qsort(out, n, sizeof *out, cmp_str);
	return n;
}

static bool same_keys(char *made, char *stored)
{
	char *a[NK_KEYS_MAX], *b[NK_KEYS_MAX];
	const size_t na = sorted_keys(made, a), nb = sorted_keys(stored, b);
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

/* Each part is found under the gram of its whole text. */
static int check_grams(checker *c, long long id, const char *p, size_t n)
{
	sqlite3_stmt *q = nk_st_sql(c->st, "SELECT 1 FROM key_grams "
				    "WHERE gram = ?1 AND part = ?2");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, nk_st_gram(p, n, n));
	sqlite3_bind_int64(q, 2, id);
	const int rc = nk_st_row(c->st, q);
	if (rc == NK_ENOTFOUND)
		problem(c, "near index: part '%.*s' has no grams", (int)n, p);
	else if (rc == NK_OK)
		sqlite3_reset(q);
	return rc == NK_ENOTFOUND ? NK_OK : rc;
}

/* key_parts against the parts of the stored keys, tallied in t; each
 * part seen is struck from t, so what is left is not indexed. */
static int check_parts(checker *c, nk_tally *t)
{
	sqlite3_stmt *q = nk_st_sql(c->st, "SELECT id, part, refs "
				    "FROM key_parts");
	if (!q)
		return NK_EDB;
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(q, 1);
		const size_t n = (size_t)sqlite3_column_bytes(q, 1);
		const long long refs = sqlite3_column_int64(q, 2);
		nk_tally_slot *s = nk_tally_find(t, p, n);
		if (!s || s->count != refs)
			problem(c, "near index: part '%.*s' counts %lld uses, "
				"the keys have %lld", (int)n, p, refs,
				s ? s->count : 0);
		if (s)
			s->count = 0;
		rc = check_grams(c, sqlite3_column_int64(q, 0), p, n);
	}
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(c->st, step);
	for (size_t i = 0; rc == NK_OK && i < t->cap; i++)
		if (t->slot[i].hash && t->slot[i].count)
			problem(c, "near index: part '%.*s' is not indexed",
				(int)t->slot[i].len, t->text + t->slot[i].off);
	return rc;
}

static int check_alias(checker *c, sqlite3_stmt *q, nk_tally *t)
{
	const long long id = sqlite3_column_int64(q, 0);
	const char *name = (const char *)sqlite3_column_text(q, 1);
	const size_t len = (size_t)sqlite3_column_bytes(q, 1);
	nk_lang lang = NK_LANG_AUTO;
	nk_st_parse_lang((const char *)sqlite3_column_text(q, 2), &lang);
	const char *stored = (const char *)sqlite3_column_text(q, 3);
	const char *first = (const char *)sqlite3_column_text(q, 4);
	const size_t first_len = (size_t)sqlite3_column_bytes(q, 4);
	char made[NK_KEY_MAX], have[NK_KEY_MAX];

	if (sqlite3_column_int64(q, 5) != nk_st_gram(first, first_len,
						      first_len) ||
	    sqlite3_column_int64(q, 6) != nk_st_gram(name, len, len))
		problem(c, "alias %lld: a hash is not the hash of its text",
			id);
	if (nk_st_make_keys(c->st, made, name, len, lang) != NK_OK) {
		problem(c, "alias %lld: %s", id, nk_store_errmsg(c->st));
		return NK_OK;
	}
	snprintf(have, sizeof have, "%s", stored ? stored : "");
	if (!nk_tally_keys(t, have, strlen(have)))
		return nk_st_error(c->st, NK_ENOMEM, "out of memory");
	if (!same_keys(made, have))
		problem(c, "alias %lld: stored keys differ from what the key "
			"function makes now; run 'namekey reindex'", id);
	return NK_OK;
}

static int key_checks(checker *c)
{
	sqlite3_stmt *q = nk_st_sql(c->st, "SELECT a.id, a.name, i.lang, "
		"a.key || coalesce(' ' || (SELECT group_concat(key, ' ') "
		"FROM alias_keys k WHERE k.alias = a.id), ''), a.key, "
		"a.key_hash, a.name_hash FROM aliases a JOIN identities i "
		"ON i.id = a.identity");
	if (!q)
		return NK_EDB;
	nk_tally t = { 0 };
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
		rc = check_alias(c, q, &t);
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(c->st, step);
	if (rc == NK_OK)
		rc = check_parts(c, &t);
	nk_tally_free(&t);
	return rc;
}

int nk_store_check(nk_store *st, nk_problem_fn fn, void *data)
{
	if (!st)
		return NK_EINVAL;
	checker c = { st, fn, data, 0 };
	int rc = nk_st_read_begin(st);
	if (rc != NK_OK)
		return rc;
	if (st->key_format != NK_KEY_FORMAT)
		problem(&c, "key format: keys were made with format %d, this "
			"namekey makes %d; run 'namekey reindex'",
			st->key_format, NK_KEY_FORMAT);
	rc = sql_checks(&c);
	if (rc == NK_OK && st->key_format == NK_KEY_FORMAT)
		rc = key_checks(&c);
	rc = nk_st_read_end(st, rc);
	if (rc != NK_OK)
		return rc;
	return c.problems ? nk_st_error(st, NK_ECORRUPT, "%lu problem%s found",
					c.problems, c.problems == 1 ? "" : "s")
			  : NK_OK;
}
