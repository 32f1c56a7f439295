/*
 * namekey_pg.c - the PostgreSQL extension "namekey" (CREATE EXTENSION
 * namekey; SQL definitions in namekey--0.1.sql):
 *
 *   namekey_key(text) text        the first (most likely) key
 *   namekey_keys(text) text[]     every key, most likely first
 *   namekey_match(text, text) bool   nk_compare() says EQUAL or COMPATIBLE
 *   namekey_score(text, text) float8 nk_compare()'s score
 *   namekey_version() text        library version and key format
 *
 * The functions are IMMUTABLE STRICT PARALLEL SAFE: a key depends on the
 * name and the key format only.  A name that cannot be keyed (nothing to
 * key, not UTF-8, longer than NK_NAME_MAX) gives NULL, not an error (see
 * nk_sql_no_key()).  Names in a database whose encoding is not UTF8 are
 * converted to UTF-8 first.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "namekey.h"
#include "nk_sql.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(namekey_key);
PG_FUNCTION_INFO_V1(namekey_keys);
PG_FUNCTION_INFO_V1(namekey_match);
PG_FUNCTION_INFO_V1(namekey_score);
PG_FUNCTION_INFO_V1(namekey_version);

/*
 * The backend's context, made on first use and kept until the process
 * ends.  A static is safe here: a backend, and each parallel worker, is
 * a single-threaded process of its own, and an nk_ctx never changes once
 * made.  libnamekey allocates it with malloc, outside every memory
 * context, so no context reset can free it under a later call.
 */
static nk_ctx *backend_ctx;

static void fail(int rc) pg_attribute_noreturn();

static void fail(int rc)
{
	ereport(ERROR, (errcode(rc == NK_ENOMEM ? ERRCODE_OUT_OF_MEMORY
						: ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
			errmsg("namekey: %s", nk_strerror(rc))));
}

static const nk_ctx *ctx(void)
{
	if (backend_ctx)
		return backend_ctx;
	const int rc = nk_ctx_new(&backend_ctx, NULL);
	if (rc != NK_OK)
		fail(rc);
	return backend_ctx;
}

/* A text argument as UTF-8: the datum itself in a UTF8 database. */
typedef struct utf8_text {
	const char *s;
	size_t len;
} utf8_text;

static utf8_text utf8_arg(FunctionCallInfo fcinfo, int i)
{
	const text *t = PG_GETARG_TEXT_PP(i);
	const char *s = VARDATA_ANY(t);
	const int len = (int)VARSIZE_ANY_EXHDR(t);
	/* Returns s itself when no conversion is needed (UTF8, SQL_ASCII). */
	const char *u = pg_server_to_any(s, len, PG_UTF8);
	return (utf8_text){ u, u == s ? (size_t)len : strlen(u) };
}

/* Keys of argument i into keys; false when the name has no key. */
static bool key_arg(FunctionCallInfo fcinfo, int i, char keys[NK_KEY_MAX])
{
	const utf8_text name = utf8_arg(fcinfo, i);
	const int rc = nk_key(NULL, keys, NK_KEY_MAX, ctx(), name.s, name.len,
			      NULL);
	if (rc == NK_OK)
		return true;
	if (!nk_sql_no_key(rc))
		fail(rc);
	return false;
}

Datum namekey_key(PG_FUNCTION_ARGS)
{
	char keys[NK_KEY_MAX];

	if (!key_arg(fcinfo, 0, keys))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(keys,
		(int)nk_sql_first_key_len(keys)));
}

/* The space-separated keys as text datums; returns how many. */
static int key_datums(Datum elems[NK_KEYS_MAX], const char *keys)
{
	int n = 0;

	for (const char *p = keys;; p++) {
		const size_t len = nk_sql_first_key_len(p);
		elems[n++] = PointerGetDatum(cstring_to_text_with_len(p, (int)len));
		p += len;
		if (*p == '\0' || n == NK_KEYS_MAX)
			return n;
	}
}

Datum namekey_keys(PG_FUNCTION_ARGS)
{
	char keys[NK_KEY_MAX];
	Datum elems[NK_KEYS_MAX];

	if (!key_arg(fcinfo, 0, keys))
		PG_RETURN_NULL();
	const int n = key_datums(elems, keys);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, TEXTOID, -1, false,
					      TYPALIGN_INT));
}

/* nk_compare() of arguments 0 and 1; false when either has no key. */
static bool compare_args(FunctionCallInfo fcinfo, nk_match *m)
{
	const utf8_text a = utf8_arg(fcinfo, 0);
	const utf8_text b = utf8_arg(fcinfo, 1);
	const int rc = nk_compare(m, ctx(), a.s, a.len, b.s, b.len, NULL);
	if (rc == NK_OK)
		return true;
	if (!nk_sql_no_key(rc))
		fail(rc);
	return false;
}

Datum namekey_match(PG_FUNCTION_ARGS)
{
	nk_match m;

	if (!compare_args(fcinfo, &m))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(m.kind >= NK_MATCH_COMPATIBLE);
}

Datum namekey_score(PG_FUNCTION_ARGS)
{
	nk_match m;

	if (!compare_args(fcinfo, &m))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(m.score);
}

/* The same words as `namekey --version`. */
Datum namekey_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("namekey %s (key format %d)",
						  nk_version(), NK_KEY_FORMAT)));
}
