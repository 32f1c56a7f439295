/*
 * store_read.c - walking the store for callers: one identity with its
 * aliases (show), every identity (list), and the history.  Each walk
 * reads one consistent snapshot; rows reach the callback as structs
 * whose strings point into SQLite's row buffers.
 */
#include "store_int.h"

static const char *text(sqlite3_stmt *q, int col)
{
	return (const char *)sqlite3_column_text(q, col);
}

#define IDENTITY_COLUMNS \
	"SELECT id, display, lang, note, created, updated, (SELECT " \
	"count(*) FROM aliases a WHERE a.identity = i.id) FROM identities i "

static nk_identity identity_of(sqlite3_stmt *q)
{
	nk_identity r = {
		.id = sqlite3_column_int64(q, 0),
		.display = text(q, 1),
		.lang = NK_LANG_AUTO,
		.note = text(q, 3),
		.created = sqlite3_column_int64(q, 4),
		.updated = sqlite3_column_int64(q, 5),
		.naliases = sqlite3_column_int64(q, 6),
	};
	nk_st_parse_lang(text(q, 2), &r.lang);
	return r;
}

static nk_alias alias_of(sqlite3_stmt *q)
{
	const char *keys = text(q, 3);
	return (nk_alias){
		.id = sqlite3_column_int64(q, 0),
		.identity = sqlite3_column_int64(q, 1),
		.name = text(q, 2),
		.keys = keys ? keys : "",
		.source = text(q, 4),
		.added = sqlite3_column_int64(q, 5),
		.key_format = sqlite3_column_int(q, 6),
	};
}

static nk_change change_of(sqlite3_stmt *q)
{
	return (nk_change){
		.id = sqlite3_column_int64(q, 0),
		.at = sqlite3_column_int64(q, 1),
		.op = nk_st_op_name(text(q, 2)),
		.identity = sqlite3_column_int64(q, 3),
		.other = sqlite3_column_int64(q, 4),
		.detail = text(q, 5),
		.undone = sqlite3_column_int64(q, 6),
	};
}

/* The caller's callbacks; a walk uses the one its rows are for. */
typedef struct sink {
	nk_identity_fn identity_fn;
	nk_alias_fn alias_fn;
	nk_change_fn change_fn;
	void *data;
} sink;

typedef int (*row_fn)(sqlite3_stmt *q, const sink *to);

static int call_identity(sqlite3_stmt *q, const sink *to)
{
	const nk_identity r = identity_of(q);
	return to->identity_fn ? to->identity_fn(to->data, &r) : 0;
}

static int call_alias(sqlite3_stmt *q, const sink *to)
{
	const nk_alias r = alias_of(q);
	return to->alias_fn ? to->alias_fn(to->data, &r) : 0;
}

static int call_change(sqlite3_stmt *q, const sink *to)
{
	const nk_change r = change_of(q);
	return to->change_fn ? to->change_fn(to->data, &r) : 0;
}

/* Step q (?1 bound to id) and hand each row on; counts rows. */
static int walk(nk_store *st, const char *sql, long long id, row_fn call,
		const sink *to, long long *rows)
{
	sqlite3_stmt *q = nk_st_sql(st, sql);
	if (!q)
		return NK_EDB;
	if (sqlite3_bind_parameter_count(q) > 0)
		sqlite3_bind_int64(q, 1, id);
	int rc = NK_OK, step;
	*rows = 0;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		++*rows;
		rc = call(q, to);
	}
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	return rc;
}

static int show(nk_store *st, long long id, const sink *to)
{
	long long rows;
	int rc = walk(st, IDENTITY_COLUMNS "WHERE id = ?1", id, call_identity,
		      to, &rows);
	if (rc == NK_OK && rows == 0)
		return nk_st_error(st, NK_ENOTFOUND, "no identity %lld", id);
	if (rc != NK_OK)
		return rc;
	return walk(st, "SELECT id, identity, name, key || coalesce(' ' || "
		    "(SELECT group_concat(key, ' ') FROM alias_keys k "
		    "WHERE k.alias = a.id), ''), source, added, (SELECT "
		    "value FROM meta WHERE name = 'key_format') FROM aliases a "
		    "WHERE identity = ?1 ORDER BY id", id,
		    call_alias, to, &rows);
}

int nk_store_show(nk_store *st, long long id, nk_identity_fn identity_fn,
		  nk_alias_fn alias_fn, void *data)
{
	if (!st)
		return NK_EINVAL;
	const int rc = nk_st_read_begin(st);
	if (rc != NK_OK)
		return rc;
	const sink to = { .identity_fn = identity_fn, .alias_fn = alias_fn,
			  .data = data };
	return nk_st_read_end(st, show(st, id, &to));
}

int nk_store_list(nk_store *st, nk_identity_fn fn, void *data)
{
	if (!st)
		return NK_EINVAL;
	const sink to = { .identity_fn = fn, .data = data };
	long long rows;
	return walk(st, IDENTITY_COLUMNS "ORDER BY id", 0, call_identity, &to,
		    &rows);
}

#define CHANGE_COLUMNS \
	"SELECT id, at, op, identity, other, detail, undone FROM history "

int nk_store_history(nk_store *st, long long id, nk_change_fn fn, void *data)
{
	if (!st)
		return NK_EINVAL;
	const sink to = { .change_fn = fn, .data = data };
	long long rows;
	if (id == 0)
		return walk(st, CHANGE_COLUMNS "ORDER BY id", 0, call_change,
			    &to, &rows);
	return walk(st, CHANGE_COLUMNS "WHERE identity = ?1 OR other = ?1 "
		    "OR id = (SELECT origin FROM identities WHERE id = ?1) "
		    "ORDER BY id", id, call_change, &to, &rows);
}
