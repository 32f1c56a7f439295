/*
 * store_keys.c - the keys of aliases: making them, storing them (the
 * first on the alias row, further readings in alias_keys), taking them
 * out again before an alias goes or is re-keyed, and reindexing.  Every
 * key written or removed here is counted in or out of the near-key index
 * (store_near.c), so the index always matches the stored keys.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

int nk_st_make_keys(nk_store *st, char *buf, const char *name, size_t len,
		     nk_lang lang)
{
	nk_key_options o = NK_KEY_OPTIONS_INIT;
	o.lang = lang;
	const int rc = nk_key(NULL, buf, NK_KEY_MAX, st->ctx, name, len, &o);
	if (rc == NK_EEMPTY)
		return nk_st_error(st, rc, "name '%.*s' has nothing to key",
				   (int)len, name);
	if (rc != NK_OK)
		return nk_st_error(st, rc, "cannot key '%.*s': %s", (int)len,
				   name, nk_strerror(rc));
	return NK_OK;
}

static int stale_check(nk_store *st)
{
	if (st->key_format == NK_KEY_FORMAT)
		return NK_OK;
	return nk_st_error(st, NK_EFORMAT, "keys were made with key format "
			   "%d, this namekey makes format %d; run 'namekey "
			   "reindex'", st->key_format, NK_KEY_FORMAT);
}

int nk_st_keys_make(nk_store *st, char *keys, const char *name, size_t len,
		    nk_lang lang)
{
	const int rc = stale_check(st);
	return rc == NK_OK ? nk_st_make_keys(st, keys, name, len, lang) : rc;
}

size_t nk_st_first_key(const char *keys)
{
	return strcspn(keys, " ");
}

int nk_st_keys_write(nk_store *st, long long alias, const char *keys)
{
	const size_t first = nk_st_first_key(keys);
	int rc = nk_st_near_count(st, keys, strlen(keys), 1);
	if (rc != NK_OK || !keys[first])
		return rc;
	sqlite3_stmt *q = nk_st_sql(st, "INSERT OR IGNORE INTO "
				    "alias_keys(key, alias) VALUES (?1, ?2)");
	if (!q)
		return NK_EDB;
	const char *list = keys + first, *k;
	size_t n;
	while (rc == NK_OK && nk_st_next_key(&list, &k, &n)) {
		nk_st_bind_text(q, 1, k, n);
		sqlite3_bind_int64(q, 2, alias);
		rc = nk_st_run(st, q);
	}
	return rc;
}

/* Uncount the keys one column of q's rows holds. */
static int uncount_rows(nk_store *st, sqlite3_stmt *q)
{
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
		rc = nk_st_near_count(st,
				      (const char *)sqlite3_column_text(q, 0),
				      (size_t)sqlite3_column_bytes(q, 0), -1);
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	return rc;
}

int nk_st_keys_drop(nk_store *st, long long alias)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT key FROM aliases WHERE id = ?1 "
				    "UNION ALL SELECT key FROM alias_keys "
				    "WHERE alias = ?1");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, alias);
	const int rc = uncount_rows(st, q);
	return rc == NK_OK ? nk_st_run_with(st, "DELETE FROM alias_keys "
					    "WHERE alias = ?1", alias, 0) : rc;
}

/* The ids select_sql lists, copied out so that the statements run on
 * them do not disturb the walk. */
static int select_ids(nk_store *st, const char *select_sql, long long a,
		      long long b, long long **ids, size_t *n)
{
	sqlite3_stmt *q = nk_st_sql(st, select_sql);
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, a);
	if (sqlite3_bind_parameter_count(q) > 1)
		sqlite3_bind_int64(q, 2, b);
	size_t cap = 0;
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			long long *grown = realloc(*ids, cap * sizeof *grown);
			if (!grown) {
				rc = nk_st_error(st, NK_ENOMEM,
						 "out of memory");
				break;
			}
			*ids = grown;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	return rc;
}

int nk_st_aliases_delete(nk_store *st, const char *select_sql,
			 const char *delete_sql, long long a, long long b)
{
	long long *ids = NULL;
	size_t n = 0;
	int rc = select_ids(st, select_sql, a, b, &ids, &n);
	for (size_t i = 0; i < n && rc == NK_OK; i++)
		rc = nk_st_keys_drop(st, ids[i]);
	free(ids);
	return rc == NK_OK ? nk_st_run_with(st, delete_sql, a, b) : rc;
}

/* Give alias new keys: the first on its row, the rest in alias_keys. */
static int keys_replace(nk_store *st, long long alias, const char *keys)
{
	sqlite3_stmt *q = nk_st_sql(st, "UPDATE aliases SET key = ?2, "
				    "key_hash = ?3 WHERE id = ?1");
	if (!q)
		return NK_EDB;
	const size_t first = nk_st_first_key(keys);
	sqlite3_bind_int64(q, 1, alias);
	nk_st_bind_text(q, 2, keys, first);
	sqlite3_bind_int64(q, 3, nk_st_gram(keys, first, first));
	const int rc = nk_st_run(st, q);
	return rc == NK_OK ? nk_st_keys_write(st, alias, keys) : rc;
}

/* Re-key the aliases q lists (id, name, lang); each drops its old keys
 * first unless the near index is being rebuilt. */
static int rekey_rows(nk_store *st, sqlite3_stmt *q, bool drop)
{
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		const long long id = sqlite3_column_int64(q, 0);
		nk_lang lang = NK_LANG_AUTO;
		nk_st_parse_lang((const char *)sqlite3_column_text(q, 2),
				 &lang);
		char keys[NK_KEY_MAX];
		rc = nk_st_make_keys(st, keys,
				     (const char *)sqlite3_column_text(q, 1),
				     (size_t)sqlite3_column_bytes(q, 1), lang);
		if (rc == NK_OK && drop)
			rc = nk_st_keys_drop(st, id);
		if (rc == NK_OK)
			rc = keys_replace(st, id, keys);
	}
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	return rc;
}

int nk_st_rekey_identity(nk_store *st, long long id, nk_lang lang)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT id, name, ?2 FROM aliases "
				    "WHERE identity = ?1");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, nk_lang_name(lang), -1, SQLITE_STATIC);
	return rekey_rows(st, q, true);
}

int nk_st_hash_keys(nk_store *st)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT id, name, key FROM aliases");
	sqlite3_stmt *u = q ? nk_st_sql(st, "UPDATE aliases SET "
		"name_hash = ?2, key_hash = ?3 WHERE id = ?1") : NULL;
	if (!u)
		return NK_EDB;
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 1);
		const size_t len = (size_t)sqlite3_column_bytes(q, 1);
		const char *k = (const char *)sqlite3_column_text(q, 2);
		const size_t n = (size_t)sqlite3_column_bytes(q, 2);
		sqlite3_bind_int64(u, 1, sqlite3_column_int64(q, 0));
		sqlite3_bind_int64(u, 2, nk_st_gram(name, len, len));
		sqlite3_bind_int64(u, 3, nk_st_gram(k, n, n));
		rc = nk_st_run(st, u);
	}
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	return rc;
}

static int set_key_format(nk_store *st)
{
	sqlite3_stmt *q = nk_st_sql(st, "INSERT OR REPLACE INTO meta(name, "
				    "value) VALUES ('key_format', ?1)");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int(q, 1, NK_KEY_FORMAT);
	return nk_st_run(st, q);
}

/* Every key anew; part uses are tallied and written once at the end. */
static int reindex_all(nk_store *st)
{
	int rc = nk_st_exec(st, "DELETE FROM alias_keys; "
			    "DELETE FROM key_grams; DELETE FROM key_parts");
	st->key_format = NK_KEY_FORMAT;
	sqlite3_stmt *q = rc == NK_OK ? nk_st_sql(st,
		"SELECT a.id, a.name, i.lang FROM aliases a "
		"JOIN identities i ON i.id = a.identity") : NULL;
	if (!q)
		return rc == NK_OK ? NK_EDB : rc;
	nk_tally t = { 0 };
	st->tally = &t;
	rc = rekey_rows(st, q, false);
	st->tally = NULL;
	if (rc == NK_OK)
		rc = nk_st_near_flush(st, &t);
	nk_tally_free(&t);
	return rc == NK_OK ? set_key_format(st) : rc;
}

int nk_store_reindex(nk_store *st)
{
	if (!st)
		return NK_EINVAL;
	const int old = st->key_format;
	int rc = nk_st_write_begin(st);
	if (rc != NK_OK)
		return rc;
	rc = nk_st_write_end(st, reindex_all(st));
	if (rc == NK_OK)
		st->status &= ~(unsigned)NK_STORE_STALE_KEYS;
	else
		st->key_format = old;
	return rc;
}
