/*
 * namekey_sqlite.c - the SQLite loadable extension libnamekey_sqlite.so.
 *
 * SELECT load_extension('libnamekey_sqlite') (or the shell's .load)
 * registers, on that connection:
 *
 *   namekey_key(name)     the first (most likely) key, TEXT
 *   namekey_keys(name)    every key, as a JSON array of strings, TEXT
 *   namekey_match(a, b)   1 when nk_compare() finds the names EQUAL or
 *                         COMPATIBLE, else 0
 *   namekey_score(a, b)   nk_compare()'s score, REAL in [0, 1]
 *
 * All are SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, so they may be used in
 * expression indexes, generated columns and CHECK constraints, also with
 * PRAGMA trusted_schema=OFF.  NULL in gives NULL out.  A name that cannot
 * be keyed (nothing to key, invalid UTF-8, longer than NK_NAME_MAX) gives
 * NULL too, never an error: see nk_sql_no_key().  The functions of one
 * connection share one nk_ctx; each registration holds a reference, which
 * SQLite drops when the function is replaced or the connection closes.
 *
 * namekey_match() follows nk_compare(), not key equality: two names that
 * share a key but have different patronymics are 0.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <stdbool.h>
#include <string.h>

#include "namekey.h"
#include "nk_sql.h"

/*
 * Longest namekey_keys() result: every byte escaped (2 each), one more
 * byte for each space that becomes '","', and '["' '"]' around.
 */
#define JSON_MAX (2 * NK_KEY_MAX + NK_KEYS_MAX + 4)

enum { FN_FLAGS = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS };

/* SQLite derives this name from the file name libnamekey_sqlite.so. */
NK_EXPORT int sqlite3_namekeysqlite_init(sqlite3 *db, char **errmsg,
					 const sqlite3_api_routines *api);

static const nk_ctx *ctx_of(sqlite3_context *c)
{
	return sqlite3_user_data(c);
}

/* The result for a library error: NULL when the name has no key. */
static void result_error(sqlite3_context *c, int rc)
{
	if (nk_sql_no_key(rc)) {
		sqlite3_result_null(c);
		return;
	}
	if (rc == NK_ENOMEM) {
		sqlite3_result_error_nomem(c);
		return;
	}
	sqlite3_result_error(c, nk_strerror(rc), -1);
}

/*
 * The text of v into *s and *len.  False, with the result set, when v is
 * NULL (result NULL) or SQLite ran out of memory converting it.
 */
static bool text_arg(sqlite3_context *c, sqlite3_value *v, const char **s,
		     size_t *len)
{
	if (sqlite3_value_type(v) == SQLITE_NULL) {
		sqlite3_result_null(c);
		return false;
	}
	*s = (const char *)sqlite3_value_text(v);
	if (!*s) {
		sqlite3_result_error_nomem(c);
		return false;
	}
	*len = (size_t)sqlite3_value_bytes(v);
	return true;
}

/* Key v into keys; false with the result set when there is no key. */
static bool key_arg(sqlite3_context *c, sqlite3_value *v,
		    char keys[NK_KEY_MAX])
{
	const char *name;
	size_t len;

	if (!text_arg(c, v, &name, &len))
		return false;
	const int rc = nk_key(NULL, keys, NK_KEY_MAX, ctx_of(c), name, len,
			      NULL);
	if (rc != NK_OK) {
		result_error(c, rc);
		return false;
	}
	return true;
}

static void fn_key(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	char keys[NK_KEY_MAX];

	if (!key_arg(c, argv[0], keys))
		return;
	sqlite3_result_text(c, keys, (int)nk_sql_first_key_len(keys),
			    SQLITE_TRANSIENT);
}

/*
 * keys as a JSON array into out (JSON_MAX bytes); returns its length.
 * Keys are printable ASCII, so only '"' and '\\' could need escaping;
 * the key format promises neither, but a key is opaque to us.
 */
static size_t json_array(char *out, const char *keys)
{
	size_t n = 0;

	out[n++] = '[';
	out[n++] = '"';
	for (const char *p = keys; *p; p++) {
		if (*p == ' ') {
			memcpy(out + n, "\",\"", 3);
			n += 3;
			continue;
		}
		if (*p == '"' || *p == '\\')
			out[n++] = '\\';
		out[n++] = *p;
	}
	out[n++] = '"';
	out[n++] = ']';
	return n;
}

static void fn_keys(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	char keys[NK_KEY_MAX], json[JSON_MAX];

	if (!key_arg(c, argv[0], keys))
		return;
	sqlite3_result_text(c, json, (int)json_array(json, keys),
			    SQLITE_TRANSIENT);
}

/* nk_compare() of the two arguments; false with the result set. */
static bool compare_args(sqlite3_context *c, sqlite3_value **argv,
			 nk_match *m)
{
	const char *a, *b;
	size_t alen, blen;

	if (!text_arg(c, argv[0], &a, &alen) || !text_arg(c, argv[1], &b, &blen))
		return false;
	const int rc = nk_compare(m, ctx_of(c), a, alen, b, blen, NULL);
	if (rc != NK_OK) {
		result_error(c, rc);
		return false;
	}
	return true;
}

static void fn_match(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	nk_match m;

	if (compare_args(c, argv, &m))
		sqlite3_result_int(c, m.kind >= NK_MATCH_COMPATIBLE);
}

static void fn_score(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	nk_match m;

	if (compare_args(c, argv, &m))
		sqlite3_result_double(c, m.score);
}

static void drop_ctx(void *ctx)
{
	nk_ctx_unref(ctx);
}

typedef struct sql_fn {
	const char *name;
	int nargs;
	void (*fn)(sqlite3_context *, int, sqlite3_value **);
} sql_fn;

static const sql_fn sql_fns[] = {
	{ "namekey_key", 1, fn_key },
	{ "namekey_keys", 1, fn_keys },
	{ "namekey_match", 2, fn_match },
	{ "namekey_score", 2, fn_score },
};

/* Register every function, each holding its own reference to ctx. */
static int register_fns(sqlite3 *db, nk_ctx *ctx)
{
	for (size_t i = 0; i < sizeof sql_fns / sizeof *sql_fns; i++) {
		const sql_fn *f = &sql_fns[i];
		/* On failure SQLite itself calls drop_ctx on the reference. */
		const int rc = sqlite3_create_function_v2(db, f->name, f->nargs,
			FN_FLAGS, nk_ctx_ref(ctx), f->fn, NULL, NULL, drop_ctx);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

int sqlite3_namekeysqlite_init(sqlite3 *db, char **errmsg,
			       const sqlite3_api_routines *api)
{
	SQLITE_EXTENSION_INIT2(api);
	nk_ctx *ctx;
	const int rc = nk_ctx_new(&ctx, NULL);
	if (rc != NK_OK) {
		*errmsg = sqlite3_mprintf("namekey: %s", nk_strerror(rc));
		return SQLITE_ERROR;
	}
	const int reg = register_fns(db, ctx);
	nk_ctx_unref(ctx);
	return reg;
}
