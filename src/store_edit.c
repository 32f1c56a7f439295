/*
 * store_edit.c - every change to identities and aliases (add, alias,
 * unalias, merge, split, rename) and the history entry each one writes;
 * store_undo.c reads that entry back.  Each change runs in one write
 * transaction: it happens whole or not at all.
 *
 * A history entry's detail holds exactly what its undo needs, taken
 * before the change: ids of what the change made, and copies of what it
 * removed.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "utf8.h"

/* Longest note or source accepted, in bytes. */
#define TEXT_MAX (64 * 1024)

/* What add, alias, unalias and rename record for undo. */
typedef struct hist_detail {
	long long alias;   /* alias made or removed; 0 none */
	long long updated; /* the identity's updated time before */
	const char *name;  /* removed alias or new display name */
	size_t name_len;
	const char *source;
	long long added;
	const char *old;   /* display name before a rename */
} hist_detail;

static void bind_id(sqlite3_stmt *q, int i, long long id)
{
	if (id)
		sqlite3_bind_int64(q, i, id);
	else
		sqlite3_bind_null(q, i);
}

static int check_text(nk_store *st, const char *what, const char *s)
{
	if (!s)
		return NK_OK;
	const size_t n = strlen(s);
	if (n > TEXT_MAX)
		return nk_st_error(st, NK_ETOOLONG, "%s longer than %d bytes",
				   what, TEXT_MAX);
	if (nk_utf8_check(s, n) < n)
		return nk_st_error(st, NK_EUTF8, "%s is not valid UTF-8", what);
	return NK_OK;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* json_patch drops the fields that are null. */
static int history_add(nk_store *st, long long *out, const char *op,
		       long long identity, const hist_detail *d)
{
	sqlite3_stmt *q = nk_st_sql(st, "INSERT INTO history(at, op, "
		"identity, detail) VALUES (?1, ?2, ?3, json_patch('{}', "
		"json_object('alias', ?4, 'updated', ?5, 'name', ?6, "
		"'source', ?7, 'added', ?8, 'old', ?9)))");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, nk_st_now());
	sqlite3_bind_text(q, 2, op, -1, SQLITE_STATIC);
	bind_id(q, 3, identity);
	bind_id(q, 4, d->alias);
	sqlite3_bind_int64(q, 5, d->updated);
	nk_st_bind_text(q, 6, d->name, d->name_len);
	nk_st_bind_str(q, 7, d->source);
	bind_id(q, 8, d->added);
	nk_st_bind_str(q, 9, d->old);
	const int rc = nk_st_run(st, q);
	if (rc == NK_OK && out)
		*out = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static int set_history_ids(nk_store *st, long long hid, long long identity,
			   long long other)
{
	sqlite3_stmt *q = nk_st_sql(st, "UPDATE history SET identity = ?2, "
				    "other = ?3 WHERE id = ?1");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, hid);
	bind_id(q, 2, identity);
	bind_id(q, 3, other);
	return nk_st_run(st, q);
}

static int touch(nk_store *st, long long id, long long when)
{
	sqlite3_stmt *q = nk_st_sql(st, "UPDATE identities SET updated = ?2 "
				    "WHERE id = ?1");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, when);
	return nk_st_run(st, q);
}

/* Fields of identity id used by the changes below. */
typedef struct ident_row {
	nk_lang lang;
	long long updated;
	char *display; /* malloc'd */
} ident_row;

static int ident_get(nk_store *st, long long id, ident_row *r)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT lang, updated, display FROM "
				    "identities WHERE id = ?1");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, id);
	const int rc = nk_st_row(st, q);
	if (rc == NK_ENOTFOUND)
		return nk_st_error(st, rc, "no identity %lld", id);
	if (rc != NK_OK)
		return rc;
	r->lang = NK_LANG_AUTO;
	nk_st_parse_lang((const char *)sqlite3_column_text(q, 0), &r->lang);
	r->updated = sqlite3_column_int64(q, 1);
	r->display = strdup((const char *)sqlite3_column_text(q, 2));
	sqlite3_reset(q);
	return r->display ? NK_OK : nk_st_error(st, NK_ENOMEM, "out of memory");
}

int nk_st_identity_insert(nk_store *st, long long *out, const nk_st_ident *n)
{
	sqlite3_stmt *q = nk_st_sql(st, "INSERT INTO identities(id, display, "
		"lang, note, created, updated, origin) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!q)
		return NK_EDB;
	bind_id(q, 1, n->id);
	nk_st_bind_text(q, 2, n->display, n->display_len);
	sqlite3_bind_text(q, 3, nk_lang_name(n->lang), -1, SQLITE_STATIC);
	nk_st_bind_text(q, 4, n->note, n->note_len);
	sqlite3_bind_int64(q, 5, n->created);
	sqlite3_bind_int64(q, 6, n->updated);
	sqlite3_bind_int64(q, 7, n->origin);
	const int rc = nk_st_run(st, q);
	if (rc == NK_OK && out)
		*out = sqlite3_last_insert_rowid(st->db);
	return rc;
}

/* Does identity already have an alias called name?  Stands in for a
 * unique index, which would have to hold the names' text. */
static int alias_taken(nk_store *st, const nk_st_alias *a)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT 1 FROM aliases WHERE "
		"name_hash = ?1 AND name = ?2 AND identity = ?3");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, nk_st_gram(a->name, a->len, a->len));
	nk_st_bind_text(q, 2, a->name, a->len);
	sqlite3_bind_int64(q, 3, a->identity);
	const int rc = nk_st_row(st, q);
	if (rc == NK_ENOTFOUND)
		return NK_OK;
	if (rc != NK_OK)
		return rc;
	sqlite3_reset(q);
	return nk_st_error(st, NK_EINVAL, "identity %lld already has the alias "
			   "'%.*s'", a->identity, (int)a->len, a->name);
}

static int alias_row(nk_store *st, const nk_st_alias *a, const char *keys)
{
	sqlite3_stmt *q = nk_st_sql(st, "INSERT INTO aliases(id, identity, "
		"name, name_hash, key, key_hash, source, added) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!q)
		return NK_EDB;
	const size_t first = nk_st_first_key(keys);
	bind_id(q, 1, a->id);
	sqlite3_bind_int64(q, 2, a->identity);
	nk_st_bind_text(q, 3, a->name, a->len);
	sqlite3_bind_int64(q, 4, nk_st_gram(a->name, a->len, a->len));
	nk_st_bind_text(q, 5, keys, first);
	sqlite3_bind_int64(q, 6, nk_st_gram(keys, first, first));
	nk_st_bind_text(q, 7, a->source, a->source_len);
	sqlite3_bind_int64(q, 8, a->added);
	return nk_st_run(st, q);
}

/* Keys first: a name that cannot be keyed leaves no row behind, even
 * inside an import that goes on after a bad row. */
int nk_st_alias_insert(nk_store *st, long long *out, const nk_st_alias *a,
		       nk_lang lang)
{
	char made[NK_KEY_MAX];
	const char *keys = a->keys ? a->keys : made;
	int rc = a->keys ? NK_OK
			 : nk_st_keys_make(st, made, a->name, a->len, lang);
	if (rc == NK_OK && !a->unique)
		rc = alias_taken(st, a);
	if (rc == NK_OK)
		rc = alias_row(st, a, keys);
	if (rc != NK_OK)
		return rc;
	const long long id = a->id ? a->id : sqlite3_last_insert_rowid(st->db);
	if (out)
		*out = id;
	return nk_st_keys_write(st, id, keys);
}

/* Id of alias name of identity into *alias (NK_ENOTFOUND if none). */
static int alias_find(nk_store *st, long long identity, const char *name,
		      long long *alias)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT id FROM aliases "
				    "WHERE name = ?1 AND identity = ?2");
	if (!q)
		return NK_EDB;
	nk_st_bind_str(q, 1, name);
	sqlite3_bind_int64(q, 2, identity);
	const int rc = nk_st_row(st, q);
	if (rc == NK_ENOTFOUND)
		return nk_st_error(st, rc, "identity %lld has no alias '%s'",
				   identity, name);
	if (rc == NK_OK) {
		*alias = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
	}
	return rc;
}

static long long alias_count(nk_store *st, long long identity)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT count(*) FROM aliases "
				    "WHERE identity = ?1");
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, identity);
	const long long n = nk_st_row(st, q) == NK_OK
		? sqlite3_column_int64(q, 0) : -1;
	sqlite3_reset(q);
	return n;
}

/* ---------------------------------------------------------------- */
/* add                                                                */
/* ---------------------------------------------------------------- */

static bool seen_before(const char *const *names, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(names[j], names[i]) == 0)
			return true;
	return false;
}

static int add_aliases(nk_store *st, long long id, const char *display,
		       const char *const *aliases, size_t n,
		       const nk_add_options *o, long long now)
{
	const char *source = nonempty(o->source);
	nk_st_alias a = { .identity = id, .name = display,
			  .len = strlen(display), .source = source,
			  .source_len = source ? strlen(source) : 0,
			  .added = now };
	int rc = nk_st_alias_insert(st, NULL, &a, o->lang);
	for (size_t i = 0; i < n && rc == NK_OK; i++) {
		if (strcmp(aliases[i], display) == 0 || seen_before(aliases, i))
			continue;
		a.name = aliases[i];
		a.len = strlen(aliases[i]);
		rc = nk_st_alias_insert(st, NULL, &a, o->lang);
	}
	return rc;
}

static int add_checks(nk_store *st, const char *display,
		      const char *const *aliases, size_t n,
		      const nk_add_options *o)
{
	if (o->version != NK_ADD_OPTIONS_VERSION || o->lang < NK_LANG_AUTO ||
	    o->lang > NK_LANG_KO || (n && !aliases))
		return nk_st_error(st, NK_EINVAL, "bad options");
	int rc = nk_st_check_name(st, display, display ? strlen(display) : 0);
	for (size_t i = 0; i < n && rc == NK_OK; i++)
		rc = nk_st_check_name(st, aliases[i],
				      aliases[i] ? strlen(aliases[i]) : 0);
	if (rc == NK_OK)
		rc = check_text(st, "note", o->note);
	return rc == NK_OK ? check_text(st, "source", o->source) : rc;
}

static int do_add(nk_store *st, long long *out, const char *display,
		  const char *const *aliases, size_t n,
		  const nk_add_options *o)
{
	const long long now = nk_st_now();
	const hist_detail d = { .updated = now, .name = display,
				.name_len = strlen(display) };
	long long hid, id;
	int rc = history_add(st, &hid, "add", 0, &d);
	if (rc != NK_OK)
		return rc;
	const char *note = nonempty(o->note);
	const nk_st_ident ident = { .display = display,
				    .display_len = strlen(display),
				    .lang = o->lang, .note = note,
				    .note_len = note ? strlen(note) : 0,
				    .created = now, .updated = now,
				    .origin = hid };
	rc = nk_st_identity_insert(st, &id, &ident);
	if (rc == NK_OK)
		rc = add_aliases(st, id, display, aliases, n, o, now);
	if (rc == NK_OK)
		rc = set_history_ids(st, hid, id, 0);
	if (rc == NK_OK && out)
		*out = id;
	return rc;
}

int nk_store_add(long long *out_id, nk_store *st, const char *display,
		 const char *const *aliases, size_t naliases,
		 const nk_add_options *opts)
{
	static const nk_add_options defaults = NK_ADD_OPTIONS_INIT;
	if (!st)
		return NK_EINVAL;
	if (!opts)
		opts = &defaults;
	int rc = add_checks(st, display, aliases, naliases, opts);
	if (rc == NK_OK)
		rc = nk_st_write_begin(st);
	if (rc != NK_OK)
		return rc;
	return nk_st_write_end(st, do_add(st, out_id, display, aliases,
					  naliases, opts));
}

/* ---------------------------------------------------------------- */
/* alias, unalias, rename                                             */
/* ---------------------------------------------------------------- */

static int do_alias(nk_store *st, long long id, const char *name,
		    const char *source)
{
	ident_row r;
	int rc = ident_get(st, id, &r);
	if (rc != NK_OK)
		return rc;
	free(r.display);
	const long long now = nk_st_now();
	const nk_st_alias a = { .identity = id, .name = name,
				.len = strlen(name), .source = source,
				.source_len = source ? strlen(source) : 0,
				.added = now };
	long long alias = 0;
	rc = nk_st_alias_insert(st, &alias, &a, r.lang);
	const hist_detail d = { .alias = alias, .updated = r.updated };
	if (rc == NK_OK)
		rc = history_add(st, NULL, "alias", id, &d);
	return rc == NK_OK ? touch(st, id, now) : rc;
}

int nk_store_alias(nk_store *st, long long id, const char *name,
		   const char *source)
{
	if (!st)
		return NK_EINVAL;
	source = nonempty(source);
	int rc = nk_st_check_name(st, name, name ? strlen(name) : 0);
	if (rc == NK_OK)
		rc = check_text(st, "source", source);
	if (rc == NK_OK)
		rc = nk_st_write_begin(st);
	if (rc != NK_OK)
		return rc;
	return nk_st_write_end(st, do_alias(st, id, name, source));
}

static int delete_alias(nk_store *st, long long alias)
{
	const int rc = nk_st_keys_drop(st, alias);
	return rc == NK_OK ? nk_st_run_with(st, "DELETE FROM aliases "
			"WHERE id = ?1", alias, 0) : rc;
}

static int do_unalias(nk_store *st, long long id, const char *name)
{
	ident_row r;
	long long alias;
	int rc = ident_get(st, id, &r);
	if (rc != NK_OK)
		return rc;
	free(r.display);
	rc = alias_find(st, id, name, &alias);
	if (rc != NK_OK)
		return rc;
	if (alias_count(st, id) < 2)
		return nk_st_error(st, NK_EINVAL, "'%s' is the last alias of "
				   "identity %lld", name, id);
	sqlite3_stmt *q = nk_st_sql(st, "INSERT INTO history(at, op, "
		"identity, detail) SELECT ?1, 'unalias', identity, "
		"json_object('alias', id, 'updated', ?3, 'name', name, "
		"'source', source, 'added', added) FROM aliases WHERE id = ?2");
	if (!q)
		return NK_EDB;
	const long long now = nk_st_now();
	sqlite3_bind_int64(q, 1, now);
	sqlite3_bind_int64(q, 2, alias);
	sqlite3_bind_int64(q, 3, r.updated);
	rc = nk_st_run(st, q);
	if (rc == NK_OK)
		rc = delete_alias(st, alias);
	return rc == NK_OK ? touch(st, id, now) : rc;
}

int nk_store_unalias(nk_store *st, long long id, const char *name)
{
	if (!st)
		return NK_EINVAL;
	int rc = nk_st_check_name(st, name, name ? strlen(name) : 0);
	if (rc == NK_OK)
		rc = nk_st_write_begin(st);
	if (rc != NK_OK)
		return rc;
	return nk_st_write_end(st, do_unalias(st, id, name));
}

static int set_display(nk_store *st, long long id, const char *display,
		       long long updated)
{
	sqlite3_stmt *q = nk_st_sql(st, "UPDATE identities SET display = ?2, "
				    "updated = ?3 WHERE id = ?1");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, id);
	nk_st_bind_str(q, 2, display);
	sqlite3_bind_int64(q, 3, updated);
	return nk_st_run(st, q);
}

static int do_rename(nk_store *st, long long id, const char *name)
{
	ident_row r;
	long long alias = 0;
	int rc = ident_get(st, id, &r);
	if (rc != NK_OK)
		return rc;
	const long long now = nk_st_now();
	rc = alias_find(st, id, name, &alias);
	if (rc == NK_ENOTFOUND) {
		const nk_st_alias a = { .identity = id, .name = name,
					.len = strlen(name), .added = now };
		rc = nk_st_alias_insert(st, &alias, &a, r.lang);
	} else {
		alias = 0;
	}
	const hist_detail d = { .alias = alias, .updated = r.updated,
				.name = name, .name_len = strlen(name),
				.old = r.display };
	if (rc == NK_OK)
		rc = history_add(st, NULL, "rename", id, &d);
	free(r.display);
	return rc == NK_OK ? set_display(st, id, name, now) : rc;
}

int nk_store_rename(nk_store *st, long long id, const char *name)
{
	if (!st)
		return NK_EINVAL;
	int rc = nk_st_check_name(st, name, name ? strlen(name) : 0);
	if (rc == NK_OK)
		rc = nk_st_write_begin(st);
	if (rc != NK_OK)
		return rc;
	return nk_st_write_end(st, do_rename(st, id, name));
}

/* ---------------------------------------------------------------- */
/* merge, split                                                       */
/* ---------------------------------------------------------------- */

static int merge_record(nk_store *st, long long *hid, long long into,
			long long from, long long into_updated)
{
	sqlite3_stmt *q = nk_st_sql(st, "INSERT INTO history(at, op, "
		"identity, other, detail) SELECT ?1, 'merge', ?2, ?3, "
		"json_object('updated', ?4, 'display', display, 'lang', lang, "
		"'note', note, 'created', created, 'from_updated', updated, "
		"'origin', origin, 'aliases', (SELECT json_group_array(b.id) "
		"FROM aliases b WHERE b.identity = ?3 AND NOT EXISTS (SELECT 1 "
		"FROM aliases a WHERE a.identity = ?2 AND a.name = b.name)), "
		"'dropped', (SELECT json_group_array(json_object('id', b.id, "
		"'name', b.name, 'source', b.source, 'added', b.added)) FROM "
		"aliases b WHERE b.identity = ?3 AND EXISTS (SELECT 1 FROM "
		"aliases a WHERE a.identity = ?2 AND a.name = b.name))) "
		"FROM identities WHERE id = ?3");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, nk_st_now());
	sqlite3_bind_int64(q, 2, into);
	sqlite3_bind_int64(q, 3, from);
	sqlite3_bind_int64(q, 4, into_updated);
	const int rc = nk_st_run(st, q);
	*hid = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int nk_st_run_with(nk_store *st, const char *sql, long long a, long long b)
{
	sqlite3_stmt *q = nk_st_sql(st, sql);
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, a);
	if (sqlite3_bind_parameter_count(q) > 1)
		sqlite3_bind_int64(q, 2, b);
	return nk_st_run(st, q);
}

static int do_merge(nk_store *st, long long into, long long from)
{
	ident_row a, b;
	int rc = ident_get(st, into, &a);
	if (rc != NK_OK)
		return rc;
	free(a.display);
	rc = ident_get(st, from, &b);
	if (rc != NK_OK)
		return rc;
	free(b.display);
	long long hid;
	rc = merge_record(st, &hid, into, from, a.updated);
	if (rc == NK_OK)
		rc = nk_st_aliases_delete(st, "SELECT id FROM aliases "
			"WHERE id IN (SELECT json_extract(value, '$.id') FROM "
			"json_each((SELECT detail FROM history WHERE id = ?1), "
			"'$.dropped')) AND identity = ?2", "DELETE FROM "
			"aliases WHERE id IN (SELECT json_extract(value, "
			"'$.id') FROM json_each((SELECT detail FROM history "
			"WHERE id = ?1), '$.dropped')) AND identity = ?2", hid,
			from);
	if (rc == NK_OK)
		rc = nk_st_run_with(st, "UPDATE aliases SET identity = ?1 "
				"WHERE identity = ?2", into, from);
	if (rc == NK_OK)
		rc = nk_st_run_with(st, "DELETE FROM identities WHERE id = ?1",
				from, 0);
	if (rc == NK_OK)
		rc = touch(st, into, nk_st_now());
	if (rc == NK_OK && a.lang != b.lang)
		rc = nk_st_rekey_identity(st, into, a.lang);
	return rc;
}

int nk_store_merge(nk_store *st, long long into, long long from)
{
	if (!st)
		return NK_EINVAL;
	if (into == from)
		return nk_st_error(st, NK_EINVAL, "cannot merge identity %lld "
				   "into itself", into);
	const int rc = nk_st_write_begin(st);
	if (rc != NK_OK)
		return rc;
	return nk_st_write_end(st, do_merge(st, into, from));
}

/* JSON array of the ids of aliases names[0..n) of identity id. */
static int split_ids(nk_store *st, long long id, const char *const *names,
		     size_t n, char **json)
{
	const size_t cap = n * (sizeof "-9223372036854775808," - 1) + 3;
	char *s = malloc(cap);
	if (!s)
		return nk_st_error(st, NK_ENOMEM, "out of memory");
	size_t len = 0;
	s[len++] = '[';
	int rc = NK_OK;
	for (size_t i = 0; i < n && rc == NK_OK; i++) {
		long long alias;
		rc = nk_st_check_name(st, names[i],
				      names[i] ? strlen(names[i]) : 0);
		if (rc == NK_OK && !seen_before(names, i))
			rc = alias_find(st, id, names[i], &alias);
		if (rc == NK_OK && !seen_before(names, i))
			len += (size_t)snprintf(s + len, cap - len, "%s%lld",
						len > 1 ? "," : "", alias);
	}
	s[len++] = ']';
	s[len] = '\0';
	if (rc != NK_OK)
		free(s);
	else
		*json = s;
	return rc;
}

static int do_split(nk_store *st, long long *out, long long id,
		    const char *const *names, size_t n)
{
	ident_row r;
	char *ids = NULL;
	int rc = ident_get(st, id, &r);
	if (rc != NK_OK)
		return rc;
	free(r.display);
	rc = split_ids(st, id, names, n, &ids);
	if (rc != NK_OK)
		return rc;
	sqlite3_stmt *q = nk_st_sql(st, "INSERT INTO history(at, op, "
		"identity, detail) VALUES (?1, 'split', ?2, "
		"json_object('updated', ?3, 'aliases', json(?4)))");
	if (!q) {
		free(ids);
		return NK_EDB;
	}
	const long long now = nk_st_now();
	sqlite3_bind_int64(q, 1, now);
	sqlite3_bind_int64(q, 2, id);
	sqlite3_bind_int64(q, 3, r.updated);
	sqlite3_bind_text(q, 4, ids, -1, free);
	rc = nk_st_run(st, q);
	const long long hid = sqlite3_last_insert_rowid(st->db);
	const nk_st_ident ident = { .display = names[0],
				    .display_len = strlen(names[0]),
				    .lang = r.lang, .created = now,
				    .updated = now, .origin = hid };
	long long new_id = 0;
	if (rc == NK_OK)
		rc = nk_st_identity_insert(st, &new_id, &ident);
	if (rc == NK_OK)
		rc = set_history_ids(st, hid, id, new_id);
	if (rc == NK_OK)
		rc = nk_st_run_with(st, "UPDATE aliases SET identity = ?2 "
				"WHERE id IN (SELECT value FROM json_each(("
				"SELECT detail FROM history WHERE id = ?1), "
				"'$.aliases'))", hid, new_id);
	if (rc == NK_OK && alias_count(st, id) < 1)
		rc = nk_st_error(st, NK_EINVAL, "cannot move every alias of "
				 "identity %lld; at least one must stay", id);
	if (rc == NK_OK)
		rc = touch(st, id, now);
	if (rc == NK_OK && out)
		*out = new_id;
	return rc;
}

int nk_store_split(long long *out_id, nk_store *st, long long id,
		   const char *const *names, size_t n)
{
	if (!st)
		return NK_EINVAL;
	if (!names || n == 0)
		return nk_st_error(st, NK_EINVAL, "no aliases to split off");
	const int rc = nk_st_write_begin(st);
	if (rc != NK_OK)
		return rc;
	return nk_st_write_end(st, do_split(st, out_id, id, names, n));
}

