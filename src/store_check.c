/*
 * store_check.c - nk_store_check(): SQLite's own integrity and foreign
 * key checks, then the invariants the rest of the store relies on but
 * SQL constraints cannot state (keys equal to what the key function
 * makes now, a complete near-key index, a history that explains every
 * identity).  Reports problems; repairs nothing.
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
		  "aliases a WHERE NOT EXISTS (SELECT 1 FROM alias_keys k "
		  "WHERE k.alias = a.id)" },
		{ "identity without aliases", "SELECT id FROM identities i "
		  "WHERE NOT EXISTS (SELECT 1 FROM aliases a "
		  "WHERE a.identity = i.id)" },
		{ "key format", "SELECT DISTINCT 'keys made with format ' || "
		  "format FROM alias_keys WHERE format IS NOT (SELECT value "
		  "FROM meta WHERE name = 'key_format')" },
		{ "history", "SELECT 'identity ' || i.id || ' was not created "
		  "by a live change' FROM identities i LEFT JOIN history h "
		  "ON h.id = i.origin WHERE h.id IS NULL OR h.undone IS NOT "
		  "NULL OR h.op NOT IN ('add', 'split', 'import')" },
		{ "history", "SELECT 'identity ' || id || ' updated before "
		  "it was created' FROM identities WHERE updated < created" },
		{ "near index", "SELECT 'gram of missing part ' || part FROM "
		  "key_grams g WHERE NOT EXISTS (SELECT 1 FROM key_parts p "
		  "WHERE p.id = g.part)" },
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

static int check_part(checker *c, const char *p, size_t n)
{
	sqlite3_stmt *q = nk_st_sql(c->st, "SELECT 1 FROM key_parts p "
		"JOIN key_grams g ON g.part = p.id AND g.gram = ?2 "
		"WHERE p.part = ?1");
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, p, n);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)nk_st_gram(p, n, n));
	const int rc = nk_st_row(c->st, q);
	if (rc == NK_ENOTFOUND)
		problem(c, "near index: part '%.*s' is not indexed", (int)n, p);
	else if (rc == NK_OK)
		sqlite3_reset(q);
	return rc == NK_ENOTFOUND ? NK_OK : rc;
}

static int check_parts(checker *c, const char *keys)
{
	int rc = NK_OK;
	for (const char *k = keys; *k && rc == NK_OK;) {
		const size_t n = strcspn(k, " ");
		nk_part_iter it = nk_st_parts(k, n);
		const char *p;
		size_t pn;
		while (rc == NK_OK && nk_st_next_part(&it, &p, &pn))
			rc = check_part(c, p, pn);
		k += n + (k[n] == ' ');
	}
	return rc;
}

static int check_alias(checker *c, sqlite3_stmt *q)
{
	const long long id = sqlite3_column_int64(q, 0);
	const char *name = (const char *)sqlite3_column_text(q, 1);
	const size_t len = (size_t)sqlite3_column_bytes(q, 1);
	nk_lang lang = NK_LANG_AUTO;
	nk_st_parse_lang((const char *)sqlite3_column_text(q, 2), &lang);
	const char *stored = (const char *)sqlite3_column_text(q, 3);
	char made[NK_KEY_MAX], have[NK_KEY_MAX];

	if (nk_st_make_keys(c->st, made, name, len, lang) != NK_OK) {
		problem(c, "alias %lld: %s", id, nk_store_errmsg(c->st));
		return NK_OK;
	}
	snprintf(have, sizeof have, "%s", stored ? stored : "");
	const int rc = check_parts(c, made);
	if (!same_keys(made, have))
		problem(c, "alias %lld: stored keys differ from what the key "
			"function makes now; run 'namekey reindex'", id);
	return rc;
}

static int key_checks(checker *c)
{
	sqlite3_stmt *q = nk_st_sql(c->st, "SELECT a.id, a.name, i.lang, "
		"(SELECT group_concat(key, ' ') FROM alias_keys k "
		"WHERE k.alias = a.id) FROM aliases a "
		"JOIN identities i ON i.id = a.identity");
	if (!q)
		return NK_EDB;
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
		rc = check_alias(c, q);
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(c->st, step);
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
