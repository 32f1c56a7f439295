/*
 * store.c - the store handle: finding and opening the file, creating it
 * from the embedded schema, migrating older schemas, the statement
 * cache, transactions, and turning SQLite failures into one-line
 * messages.  What is stored and why is in db/schema.sql.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "store_int.h"
#include "utf8.h"

#define MS_PER_S 1000.0
#define NK_STORE_CACHE_KIB 65536
#define NK_STORE_MMAP_BYTES 1073741824
/* Helper threads SQLite may use to sort (CREATE INDEX after an import). */
#define NK_STORE_SORT_THREADS 4
/* Pages of new stores: a 1M-alias index is two levels deep, not three. */
#define NK_STORE_PAGE_BYTES 16384
#define NK_XSTR(x) #x
#define NK_STR(x) NK_XSTR(x)
#define DIR_MODE 0777

int nk_st_error(nk_store *st, int code, const char *fmt, ...)
{
	const int n = snprintf(st->errmsg, sizeof st->errmsg, "store %s: ",
			       st->path);
	if (n < 0 || (size_t)n >= sizeof st->errmsg)
		return code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->errmsg + n, sizeof st->errmsg - (size_t)n, fmt, ap);
	va_end(ap);
	return code;
}

static int code_of(int rc)
{
	switch (rc & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return NK_EBUSY;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return NK_EREADONLY;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return NK_ECORRUPT;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
		return NK_EIO;
	case SQLITE_NOMEM:
		return NK_ENOMEM;
	default:
		return NK_EDB;
	}
}

int nk_st_sqlerr(nk_store *st, int rc)
{
	const int code = code_of(rc);
	const char *what = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);

	if (code == NK_EBUSY)
		return nk_st_error(st, code, "database is locked (another "
				   "writer holds it; retried %g s)",
				   st->busy_ms / MS_PER_S);
	if (code == NK_EREADONLY)
		return nk_st_error(st, code, "read-only (%s)", what);
	return nk_st_error(st, code, "%s", what);
}

static size_t slot_of(const char *sql)
{
	const uintptr_t p = (uintptr_t)sql;
	return (size_t)((p >> 3) ^ (p >> 11)) % NK_STORE_STMT_CACHE;
}

sqlite3_stmt *nk_st_sql(nk_store *st, const char *sql)
{
	size_t i = slot_of(sql);
	for (size_t probes = 0; probes < NK_STORE_STMT_CACHE; probes++) {
		nk_stmt_slot *s = &st->stmts[i];
		if (s->sql == sql) {
			sqlite3_reset(s->stmt);
			sqlite3_clear_bindings(s->stmt);
			return s->stmt;
		}
		if (!s->sql) {
			const int rc = sqlite3_prepare_v3(st->db, sql, -1,
				SQLITE_PREPARE_PERSISTENT, &s->stmt, NULL);
			if (rc != SQLITE_OK) {
				nk_st_sqlerr(st, rc);
				return NULL;
			}
			s->sql = sql;
			return s->stmt;
		}
		i = (i + 1) % NK_STORE_STMT_CACHE;
	}
	nk_st_error(st, NK_EDB, "statement cache full");
	return NULL;
}

int nk_st_run(nk_store *st, sqlite3_stmt *q)
{
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		;
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? NK_OK : nk_st_sqlerr(st, rc);
}

int nk_st_row(nk_store *st, sqlite3_stmt *q)
{
	const int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		return NK_OK;
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? NK_ENOTFOUND : nk_st_sqlerr(st, rc);
}

int nk_st_exec(nk_store *st, const char *sql)
{
	const int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? NK_OK : nk_st_sqlerr(st, rc);
}

/* For cleanup after a failure: keeps the message of the failure. */
static void exec_quiet(nk_store *st, const char *sql)
{
	sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

/* Not copied: every caller steps the statement to its end while s
 * lives, and nk_st_sql() clears the bindings before the next use. */
void nk_st_bind_text(sqlite3_stmt *q, int i, const char *s, size_t len)
{
	if (s)
		sqlite3_bind_text(q, i, s, (int)len, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

void nk_st_bind_str(sqlite3_stmt *q, int i, const char *s)
{
	nk_st_bind_text(q, i, s, s ? strlen(s) : 0);
}

long long nk_st_now(void)
{
	return (long long)time(NULL);
}

bool nk_st_parse_lang(const char *s, nk_lang *out)
{
	static const nk_lang langs[] = { NK_LANG_AUTO, NK_LANG_OTHER,
					 NK_LANG_RU, NK_LANG_KO };
	for (size_t i = 0; i < NK_ARRAY_LEN(langs); i++)
		if (strcmp(s, nk_lang_name(langs[i])) == 0) {
			*out = langs[i];
			return true;
		}
	return false;
}

int nk_st_check_name(nk_store *st, const char *name, size_t len)
{
	if (!name)
		return nk_st_error(st, NK_EINVAL, "no name given");
	if (len > NK_NAME_MAX)
		return nk_st_error(st, NK_ETOOLONG, "name too long (%zu bytes, "
				   "at most %d)", len, NK_NAME_MAX);
	const size_t bad = nk_utf8_check(name, len);
	if (bad < len)
		return nk_st_error(st, NK_EUTF8, "name is not valid UTF-8 or "
				   "has a NUL byte (byte %zu)", bad + 1);
	return NK_OK;
}

int nk_st_identity_lang(nk_store *st, long long id, nk_lang *lang)
{
	sqlite3_stmt *q = nk_st_sql(st,
		"SELECT lang FROM identities WHERE id = ?1");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, id);
	const int rc = nk_st_row(st, q);
	if (rc == NK_ENOTFOUND)
		return nk_st_error(st, rc, "no identity %lld", id);
	if (rc != NK_OK)
		return rc;
	const char *s = (const char *)sqlite3_column_text(q, 0);
	if (!s || !nk_st_parse_lang(s, lang))
		*lang = NK_LANG_AUTO;
	sqlite3_reset(q);
	return NK_OK;
}

int nk_st_write_begin(nk_store *st)
{
	if (st->flags & NK_STORE_READONLY)
		return nk_st_error(st, NK_EREADONLY, "opened read-only");
	/* A held snapshot may be older than the store: writing from it
	 * would fail as busy. */
	nk_st_release(st);
	nk_st_filter_drop(st);
	if (st->batch)
		return nk_st_exec(st, "SAVEPOINT nk_op");
	return nk_st_exec(st, "BEGIN IMMEDIATE");
}

int nk_st_write_end(nk_store *st, int rc)
{
	if (st->batch) {
		if (rc != NK_OK)
			exec_quiet(st, "ROLLBACK TO nk_op");
		exec_quiet(st, "RELEASE nk_op");
		return rc;
	}
	if (rc == NK_OK)
		rc = nk_st_exec(st, "COMMIT");
	if (rc != NK_OK)
		exec_quiet(st, "ROLLBACK");
	return rc;
}

int nk_st_read_begin(nk_store *st)
{
	if (st->batch || !sqlite3_get_autocommit(st->db))
		return NK_OK;
	sqlite3_stmt *q = nk_st_sql(st, "BEGIN");
	return q ? nk_st_run(st, q) : NK_EDB;
}

int nk_st_read_end(nk_store *st, int rc)
{
	st->held = 0;
	if (st->batch || sqlite3_get_autocommit(st->db))
		return rc;
	sqlite3_stmt *q = nk_st_sql(st, "COMMIT");
	if (q)
		nk_st_run(st, q);
	return rc;
}

int nk_st_read_hold(nk_store *st)
{
	if (st->batch)
		return NK_OK;
	if (st->held == 0) {
		st->held = NK_STORE_HOLD_RESOLVES;
		return NK_OK;
	}
	return --st->held == 0 ? nk_st_read_end(st, NK_OK) : NK_OK;
}

void nk_st_release(nk_store *st)
{
	if (st->held)
		nk_st_read_end(st, NK_OK);
}

int nk_store_begin(nk_store *st)
{
	if (!st || st->batch)
		return st ? nk_st_error(st, NK_EINVAL, "transaction already "
					"open") : NK_EINVAL;
	const int rc = nk_st_write_begin(st);
	st->batch = rc == NK_OK;
	return rc;
}

static int end_batch(nk_store *st, const char *sql)
{
	if (!st || !st->batch)
		return st ? nk_st_error(st, NK_EINVAL, "no transaction open")
			  : NK_EINVAL;
	st->batch = false;
	/* Made inside the batch, the filter may hold what a rollback undid
	 * or lack what it brought back. */
	nk_st_filter_drop(st);
	const int rc = nk_st_exec(st, sql);
	if (rc != NK_OK)
		exec_quiet(st, "ROLLBACK");
	return rc;
}

int nk_store_commit(nk_store *st)
{
	return end_batch(st, "COMMIT");
}

int nk_store_rollback(nk_store *st)
{
	return end_batch(st, "ROLLBACK");
}

/* ---------------------------------------------------------------- */
/* Finding the file                                                   */
/* ---------------------------------------------------------------- */

static int put_path(char *buf, size_t size, const char *a, const char *b)
{
	const int n = snprintf(buf, size, "%s%s", a, b);
	return n >= 0 && (size_t)n < size ? NK_OK : NK_ERANGE;
}

int nk_store_default_path(char *buf, size_t bufsize)
{
	if (!buf || bufsize == 0)
		return NK_EINVAL;
	const char *env = getenv("NAMEKEY_DB");
	if (env && *env)
		return put_path(buf, bufsize, env, "");
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return put_path(buf, bufsize, xdg, "/namekey/namekey.db");
	const char *home = getenv("HOME");
	if (!home || !*home)
		return NK_ENOTFOUND;
	return put_path(buf, bufsize, home, "/.local/share/namekey/namekey.db");
}

/* mkdir -p of the directory part of path. */
static int make_parent_dirs(nk_store *st)
{
	char *dir = strdup(st->path);
	if (!dir)
		return NK_ENOMEM;
	int rc = NK_OK;
	for (char *p = dir + 1; *p && rc == NK_OK; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, DIR_MODE) != 0 && errno != EEXIST)
			rc = nk_st_error(st, NK_EIO, "cannot create directory "
					 "%s: %s", dir, strerror(errno));
		*p = '/';
	}
	free(dir);
	return rc;
}

/* ---------------------------------------------------------------- */
/* Schema                                                             */
/* ---------------------------------------------------------------- */

static int pragma_int(nk_store *st, const char *sql, long long *out)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &q, NULL);
	if (rc != SQLITE_OK)
		return nk_st_sqlerr(st, rc);
	rc = sqlite3_step(q);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? NK_OK
						     : nk_st_sqlerr(st, rc);
}

static int set_user_version(nk_store *st, unsigned v)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %u", v);
	return nk_st_exec(st, sql);
}

static int set_key_format(nk_store *st, int format)
{
	sqlite3_stmt *q = nk_st_sql(st, "INSERT OR REPLACE INTO "
				    "meta(name, value) VALUES ('key_format', ?1)");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int(q, 1, format);
	const int rc = nk_st_run(st, q);
	if (rc == NK_OK)
		st->key_format = format;
	return rc;
}

/* Runs after migration script v, in its transaction.  v2 made the near
 * index, but v3 changed its grams and where keys live: the index is
 * filled once, from the v3 tables, with the key hashes v3 added. */
static int after_migration(nk_store *st, unsigned v)
{
	enum { KEYS_ON_ROWS_VERSION = 3 };
	if (v != KEYS_ON_ROWS_VERSION)
		return NK_OK;
	const int rc = nk_st_hash_keys(st);
	return rc == NK_OK ? nk_st_near_rebuild(st) : rc;
}

static int upgrade(nk_store *st, long long from)
{
	int rc = NK_OK;
	if (from == 0) {
		rc = nk_st_exec(st, nk_store_schema_sql);
		if (rc == NK_OK)
			rc = set_key_format(st, NK_KEY_FORMAT);
		st->status |= NK_STORE_CREATED;
	} else {
		for (unsigned v = (unsigned)from + 1;
		     v <= nk_store_schema_version && rc == NK_OK; v++) {
			rc = nk_st_exec(st, nk_store_migrations[v]);
			if (rc == NK_OK)
				rc = after_migration(st, v);
		}
		st->status |= NK_STORE_MIGRATED;
	}
	return rc == NK_OK ? set_user_version(st, nk_store_schema_version) : rc;
}

/* Create or migrate under the write lock, looking again once it is held:
 * another process may have done it meanwhile. */
static int bring_up_to_date(nk_store *st)
{
	if (st->flags & NK_STORE_READONLY)
		return nk_st_error(st, NK_EREADONLY, "needs creating or an "
				   "upgrade to schema v%u; open it writable",
				   nk_store_schema_version);
	int rc = nk_st_exec(st, "PRAGMA journal_mode = WAL");
	if (rc != NK_OK)
		return rc;
	rc = nk_st_write_begin(st);
	if (rc != NK_OK)
		return rc;
	long long version;
	rc = pragma_int(st, "PRAGMA user_version", &version);
	if (rc == NK_OK && version < nk_store_schema_version)
		rc = upgrade(st, version);
	return nk_st_write_end(st, rc);
}

static int read_key_format(nk_store *st)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT value FROM meta "
				    "WHERE name = 'key_format'");
	if (!q)
		return NK_ECORRUPT;
	const int rc = nk_st_row(st, q);
	if (rc == NK_ENOTFOUND)
		return nk_st_error(st, NK_ECORRUPT, "no key format recorded");
	if (rc != NK_OK)
		return rc;
	st->key_format = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	if (st->key_format != NK_KEY_FORMAT)
		st->status |= NK_STORE_STALE_KEYS;
	return NK_OK;
}

static int check_identity(nk_store *st)
{
	long long app, version, objects;
	int rc = pragma_int(st, "PRAGMA application_id", &app);
	if (rc == NK_OK)
		rc = pragma_int(st, "PRAGMA user_version", &version);
	if (rc == NK_OK)
		rc = pragma_int(st, "SELECT count(*) FROM sqlite_master",
				&objects);
	if (rc != NK_OK)
		return rc;
	const bool empty = app == 0 && version == 0 && objects == 0;
	if (!empty && app != NK_STORE_APPLICATION_ID)
		return nk_st_error(st, NK_ECORRUPT, "not a namekey store");
	if (version > nk_store_schema_version)
		return nk_st_error(st, NK_ECORRUPT, "schema v%lld is newer than "
				   "this namekey knows (v%u)", version,
				   nk_store_schema_version);
	if (version < nk_store_schema_version) {
		rc = bring_up_to_date(st);
		if (rc != NK_OK)
			return rc;
	}
	return read_key_format(st);
}

static int connect(nk_store *st, bool exists)
{
	if (!exists && !(st->flags & NK_STORE_CREATE))
		return nk_st_error(st, NK_ENOTFOUND, "does not exist");
	if (!exists && (st->flags & NK_STORE_READONLY))
		return nk_st_error(st, NK_ENOTFOUND, "does not exist");
	if (!exists) {
		const int rc = make_parent_dirs(st);
		if (rc != NK_OK)
			return rc;
	}
	const int mode = st->flags & NK_STORE_READONLY
		? SQLITE_OPEN_READONLY
		: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(st->path, &st->db, mode | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK)
		return nk_st_sqlerr(st, rc);
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, (int)st->busy_ms);
	/* Lookups read a large store through the page cache and mmap
	 * rather than a read() per page.  page_size only counts for a
	 * store not yet created. */
	rc = nk_st_exec(st, "PRAGMA foreign_keys = ON; "
			"PRAGMA synchronous = NORMAL; "
			"PRAGMA cache_size = -" NK_STR(NK_STORE_CACHE_KIB) "; "
			"PRAGMA mmap_size = " NK_STR(NK_STORE_MMAP_BYTES) "; "
			"PRAGMA threads = " NK_STR(NK_STORE_SORT_THREADS) "; "
			"PRAGMA page_size = " NK_STR(NK_STORE_PAGE_BYTES));
	return rc == NK_OK ? check_identity(st) : rc;
}

static bool options_ok(const nk_store_options *o)
{
	const unsigned known = NK_STORE_READONLY | NK_STORE_CREATE;
	return o->version == NK_STORE_OPTIONS_VERSION &&
	       (o->flags & ~known) == 0;
}

int nk_store_open(nk_store **out, nk_ctx *ctx, const char *path,
		  const nk_store_options *opts)
{
	static const nk_store_options defaults = NK_STORE_OPTIONS_INIT;
	char buf[NK_NAME_MAX];

	if (!out || !ctx)
		return NK_EINVAL;
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (!path) {
		const int rc = nk_store_default_path(buf, sizeof buf);
		if (rc != NK_OK)
			return rc;
		path = buf;
	}
	nk_store *st = calloc(1, sizeof *st);
	if (!st)
		return NK_ENOMEM;
	st->path = strdup(path);
	if (!st->path) {
		free(st);
		return NK_ENOMEM;
	}
	st->ctx = nk_ctx_ref(ctx);
	*out = st;
	if (!options_ok(opts) || !*path)
		return nk_st_error(st, NK_EINVAL, "bad options or empty path");
	st->flags = opts->flags;
	st->busy_ms = opts->busy_timeout_ms ? opts->busy_timeout_ms
					    : NK_STORE_BUSY_TIMEOUT_MS;
	struct stat sb;
	return connect(st, stat(path, &sb) == 0);
}

void nk_store_close(nk_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < NK_STORE_STMT_CACHE; i++)
		sqlite3_finalize(st->stmts[i].stmt);
	if (st->db && !sqlite3_get_autocommit(st->db))
		exec_quiet(st, "ROLLBACK");
	sqlite3_close(st->db);
	nk_ctx_unref(st->ctx);
	free(st->cands.cand);
	free(st->cands.alias);
	free(st->cands.text);
	free(st->filter.bits);
	free(st->change_detail);
	free(st->path);
	free(st);
}

const char *nk_store_errmsg(const nk_store *st)
{
	return st ? st->errmsg : "no store";
}

unsigned int nk_store_status(const nk_store *st)
{
	return st ? st->status : 0;
}

int nk_store_key_format(const nk_store *st)
{
	return st ? st->key_format : 0;
}

const char *nk_store_path(const nk_store *st)
{
	return st ? st->path : "";
}

nk_format nk_format_from_path(const char *path)
{
	static const struct {
		const char *ext;
		nk_format format;
	} exts[] = {
		{ ".tsv", NK_FORMAT_TSV }, { ".tab", NK_FORMAT_TSV },
		{ ".csv", NK_FORMAT_CSV }, { ".jsonl", NK_FORMAT_JSONL },
		{ ".ndjson", NK_FORMAT_JSONL }, { ".json", NK_FORMAT_JSONL },
	};
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot)
		return NK_FORMAT_AUTO;
	for (size_t i = 0; i < NK_ARRAY_LEN(exts); i++)
		if (strcmp(dot, exts[i].ext) == 0)
			return exts[i].format;
	return NK_FORMAT_AUTO;
}

const char *nk_store_evidence_name(nk_store_evidence e)
{
	switch (e) {
	case NK_STORE_EXACT: return "exact";
	case NK_STORE_KEY: return "key";
	case NK_STORE_COMPATIBLE: return "compatible";
	case NK_STORE_NEAR: return "near";
	default: return "?";
	}
}
