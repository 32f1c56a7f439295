/*
 * store_undo.c - nk_store_undo(): reverse the latest change that is not
 * undone yet, from what its history entry's detail recorded (see
 * store_edit.c), and mark the entry undone.  Undo only ever reverses the
 * latest live entry, so the store is then as the change left it and the
 * detail still applies.  Aliases removed here leave the near-key index
 * through nk_st_aliases_delete(), like every other removal.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* The entry being undone, with its detail parsed by SQLite. */
typedef struct undo_job {
	long long hid, identity, other;
	const char *op;
} undo_job;

static int restore_updated(nk_store *st, const undo_job *u, long long id)
{
	return nk_st_run_with(st, "UPDATE identities SET updated = (SELECT "
			"json_extract(detail, '$.updated') FROM history "
			"WHERE id = ?1) WHERE id = ?2", u->hid, id);
}

static int undo_add(nk_store *st, const undo_job *u)
{
	int rc = nk_st_aliases_delete(st, "SELECT id FROM aliases "
				      "WHERE identity = ?1", "DELETE FROM "
				      "aliases WHERE identity = ?1",
				      u->identity, 0);
	return rc == NK_OK ? nk_st_run_with(st, "DELETE FROM identities WHERE "
			"id = ?2 AND origin = ?1", u->hid,
			u->identity) : rc;
}

static int undo_alias(nk_store *st, const undo_job *u)
{
	const int rc = nk_st_aliases_delete(st, "SELECT id FROM aliases "
		"WHERE id = (SELECT json_extract(detail, '$.alias') FROM "
		"history WHERE id = ?1) AND identity = ?2", "DELETE FROM "
		"aliases WHERE id = (SELECT json_extract(detail, '$.alias') "
		"FROM history WHERE id = ?1) AND identity = ?2", u->hid,
		u->identity);
	return rc == NK_OK ? restore_updated(st, u, u->identity) : rc;
}

/* Put back the alias described by a JSON object, with its keys. */
static int reinsert_alias(nk_store *st, const char *json, long long identity)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT json_extract(?1, '$.alias'), "
		"json_extract(?1, '$.name'), json_extract(?1, '$.source'), "
		"json_extract(?1, '$.added'), json_extract(?1, '$.id')");
	if (!q)
		return NK_EDB;
	sqlite3_bind_text(q, 1, json, -1, SQLITE_TRANSIENT);
	nk_lang lang;
	int rc = nk_st_identity_lang(st, identity, &lang);
	if (rc == NK_OK)
		rc = nk_st_row(st, q);
	if (rc != NK_OK)
		return rc == NK_ENOTFOUND ? NK_ECORRUPT : rc;
	const long long id = sqlite3_column_type(q, 0) == SQLITE_NULL
		? sqlite3_column_int64(q, 4) : sqlite3_column_int64(q, 0);
	char *name = strdup((const char *)sqlite3_column_text(q, 1));
	const char *src = (const char *)sqlite3_column_text(q, 2);
	char *source = src ? strdup(src) : NULL;
	const nk_st_alias a = { .id = id, .identity = identity, .name = name,
				.len = name ? strlen(name) : 0,
				.source = source,
				.source_len = source ? strlen(source) : 0,
				.added = sqlite3_column_int64(q, 3) };
	sqlite3_reset(q);
	rc = name && (source || !src) ? nk_st_alias_insert(st, NULL, &a, lang)
				      : NK_ENOMEM;
	free(name);
	free(source);
	return rc;
}

static int undo_unalias(nk_store *st, const undo_job *u, const char *detail)
{
	const int rc = reinsert_alias(st, detail, u->identity);
	return rc == NK_OK ? restore_updated(st, u, u->identity) : rc;
}

static int undo_rename(nk_store *st, const undo_job *u)
{
	int rc = undo_alias(st, u);
	if (rc == NK_OK)
		rc = nk_st_run_with(st, "UPDATE identities SET display = "
				"(SELECT json_extract(detail, '$.old') FROM "
				"history WHERE id = ?1) WHERE id = ?2", u->hid,
				u->identity);
	return rc;
}

static int undo_dropped(nk_store *st, const undo_job *u)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT value FROM json_each((SELECT "
		"detail FROM history WHERE id = ?1), '$.dropped')");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, u->hid);
	/* Copy out first: reinsert_alias runs statements of its own. */
	char *all = NULL;
	size_t len = 0;
	int step;
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(q, 0);
		const size_t n = strlen(v) + 1;
		char *grown = realloc(all, len + n);
		if (!grown)
			break;
		all = grown;
		memcpy(all + len, v, n);
		len += n;
	}
	sqlite3_reset(q);
	int rc = step == SQLITE_DONE ? NK_OK
		: step == SQLITE_ROW ? NK_ENOMEM : nk_st_sqlerr(st, step);
	for (size_t at = 0; at < len && rc == NK_OK; at += strlen(all + at) + 1)
		rc = reinsert_alias(st, all + at, u->other);
	free(all);
	return rc;
}

static int undo_merge(nk_store *st, const undo_job *u)
{
	int rc = nk_st_run_with(st, "INSERT INTO identities(id, display, lang, "
		"note, created, updated, origin) SELECT other, "
		"json_extract(detail, '$.display'), json_extract(detail, "
		"'$.lang'), json_extract(detail, '$.note'), json_extract("
		"detail, '$.created'), json_extract(detail, '$.from_updated'), "
		"json_extract(detail, '$.origin') FROM history WHERE id = ?1 "
		"AND other = ?2", u->hid, u->other);
	if (rc == NK_OK)
		rc = nk_st_run_with(st, "UPDATE aliases SET identity = ?2 "
				"WHERE id IN (SELECT value FROM json_each(("
				"SELECT detail FROM history WHERE id = ?1), "
				"'$.aliases'))", u->hid, u->other);
	nk_lang a, b;
	if (rc == NK_OK)
		rc = nk_st_identity_lang(st, u->identity, &a);
	if (rc == NK_OK)
		rc = nk_st_identity_lang(st, u->other, &b);
	if (rc == NK_OK && a != b)
		rc = nk_st_rekey_identity(st, u->other, b);
	if (rc == NK_OK)
		rc = undo_dropped(st, u);
	return rc == NK_OK ? restore_updated(st, u, u->identity) : rc;
}

static int undo_split(nk_store *st, const undo_job *u)
{
	int rc = nk_st_run_with(st, "UPDATE aliases SET identity = ?2 WHERE id "
			"IN (SELECT value FROM json_each((SELECT detail "
			"FROM history WHERE id = ?1), '$.aliases'))",
			u->hid, u->identity);
	if (rc == NK_OK)
		rc = nk_st_run_with(st, "DELETE FROM identities "
				"WHERE id = ?2 AND origin = ?1", u->hid,
				u->other);
	return rc == NK_OK ? restore_updated(st, u, u->identity) : rc;
}

static int undo_import(nk_store *st, const undo_job *u)
{
	int rc = nk_st_aliases_delete(st, "SELECT id FROM aliases WHERE id "
		"BETWEEN (SELECT json_extract(detail, '$.first_alias') FROM "
		"history WHERE id = ?1) AND (SELECT json_extract(detail, "
		"'$.last_alias') FROM history WHERE id = ?1)", "DELETE FROM "
		"aliases WHERE id BETWEEN (SELECT json_extract(detail, "
		"'$.first_alias') FROM history WHERE id = ?1) AND (SELECT "
		"json_extract(detail, '$.last_alias') FROM history "
		"WHERE id = ?1)", u->hid, 0);
	return rc == NK_OK ? nk_st_run_with(st, "DELETE FROM identities WHERE "
			"origin = ?1", u->hid, 0)
			: rc;
}

static int undo_one(nk_store *st, const undo_job *u, const char *detail)
{
	const char *op = u->op;
	if (strcmp(op, "add") == 0)
		return undo_add(st, u);
	if (strcmp(op, "alias") == 0)
		return undo_alias(st, u);
	if (strcmp(op, "unalias") == 0)
		return undo_unalias(st, u, detail);
	if (strcmp(op, "rename") == 0)
		return undo_rename(st, u);
	if (strcmp(op, "merge") == 0)
		return undo_merge(st, u);
	if (strcmp(op, "split") == 0)
		return undo_split(st, u);
	if (strcmp(op, "import") == 0)
		return undo_import(st, u);
	return nk_st_error(st, NK_ECORRUPT, "history entry %lld has an "
			   "unknown change '%s'", u->hid, op);
}

const char *nk_st_op_name(const char *op)
{
	static const char *const ops[] = { "add", "alias", "unalias", "merge",
					   "split", "rename", "import" };
	for (size_t i = 0; op && i < NK_ARRAY_LEN(ops); i++)
		if (strcmp(op, ops[i]) == 0)
			return ops[i];
	return "unknown";
}

static int do_undo(nk_store *st, nk_change *out)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT id, at, op, identity, other, "
		"detail FROM history WHERE undone IS NULL "
		"ORDER BY id DESC LIMIT 1");
	if (!q)
		return NK_EDB;
	int rc = nk_st_row(st, q);
	if (rc == NK_ENOTFOUND)
		return nk_st_error(st, rc, "nothing to undo");
	if (rc != NK_OK)
		return rc;
	const undo_job u = {
		.hid = sqlite3_column_int64(q, 0),
		.op = nk_st_op_name((const char *)sqlite3_column_text(q, 2)),
		.identity = sqlite3_column_int64(q, 3),
		.other = sqlite3_column_int64(q, 4),
	};
	const long long at = sqlite3_column_int64(q, 1);
	free(st->change_detail);
	st->change_detail = strdup((const char *)sqlite3_column_text(q, 5));
	sqlite3_reset(q);
	if (!st->change_detail)
		return nk_st_error(st, NK_ENOMEM, "out of memory");
	rc = undo_one(st, &u, st->change_detail);
	const long long now = nk_st_now();
	if (rc == NK_OK)
		rc = nk_st_run_with(st, "UPDATE history SET undone = ?2 "
				"WHERE id = ?1", u.hid, now);
	if (rc == NK_OK && out)
		*out = (nk_change){ .id = u.hid, .at = at, .op = u.op,
				    .identity = u.identity, .other = u.other,
				    .detail = st->change_detail, .undone = now };
	return rc;
}

int nk_store_undo(nk_change *out, nk_store *st)
{
	if (!st)
		return NK_EINVAL;
	const int rc = nk_st_write_begin(st);
	if (rc != NK_OK)
		return rc;
	return nk_st_write_end(st, do_undo(st, out));
}
