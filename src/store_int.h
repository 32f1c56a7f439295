/*
 * store_int.h - what the store modules share: the handle, the statement
 * cache, transactions, error messages and the keys of aliases.
 *
 * store.c owns opening, schema creation and migration, transactions and
 * errors; store_keys.c the keys of aliases, the near-key index and
 * resolve; store_check.c the invariants; store_edit.c every change and its undo; store_io.c import
 * and export.  store_schema.c is generated from db/ at build time.
 */
#ifndef NK_STORE_INT_H
#define NK_STORE_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "nk_internal.h"

/* PRAGMA application_id of every store: "NKEY". */
#define NK_STORE_APPLICATION_ID 0x4E4B4559

#define NK_STORE_ERRMSG_MAX 1024

/* Distinct SQL texts the handle keeps prepared; more is a bug. */
#define NK_STORE_STMT_CACHE 128

/* Generated from db/schema.sql and db/migrations/ (store_schema.c). */
extern const char nk_store_schema_sql[];
extern const char *const nk_store_migrations[];
extern const unsigned nk_store_schema_version;

/* The indexed lookups of resolve, for tests that check their plans. */
NK_HIDDEN extern const char *const nk_store_lookup_sql[];

typedef struct nk_stmt_slot {
	const char *sql; /* the literal's address is the cache key */
	sqlite3_stmt *stmt;
} nk_stmt_slot;

/* Set of 64-bit hashes (0 is never stored); open addressing. */
typedef struct nk_hashset {
	uint64_t *slot;
	size_t cap; /* a power of two, or 0 */
	size_t n;
} nk_hashset;

/* Candidates of one resolve, before they are handed out. */
typedef struct nk_cand_buf {
	nk_candidate *cand;
	size_t n, cap;
	char *text; /* display and alias strings, NUL-terminated */
	size_t tlen, tcap;
} nk_cand_buf;

struct nk_store {
	sqlite3 *db;
	nk_ctx *ctx;
	char *path;
	unsigned flags;      /* nk_store_flags */
	unsigned status;     /* nk_store_status_bits */
	unsigned busy_ms;
	int key_format;      /* meta.key_format */
	bool batch;          /* inside nk_store_begin() */
	nk_hashset parts;    /* key parts known to be in the near index */
	nk_cand_buf cands;
	char *change_detail; /* nk_store_undo()'s out->detail */
	nk_stmt_slot stmts[NK_STORE_STMT_CACHE];
	char errmsg[NK_STORE_ERRMSG_MAX];
};

/* "store PATH: <fmt>" into st->errmsg; returns code. */
NK_HIDDEN int nk_st_error(nk_store *st, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Explain a SQLite result code (with the db's message); returns the
 * NK_E* code it maps to. */
NK_HIDDEN int nk_st_sqlerr(nk_store *st, int rc);

/* The prepared statement for a SQL literal, reset and unbound; NULL on
 * failure (message set).  The caller resets it after use. */
NK_HIDDEN sqlite3_stmt *nk_st_sql(nk_store *st, const char *sql);

/* Step q until it is done, then reset it; NK_OK or the mapped error. */
NK_HIDDEN int nk_st_run(nk_store *st, sqlite3_stmt *q);

/* Run SQL without results (several statements allowed). */
NK_HIDDEN int nk_st_exec(nk_store *st, const char *sql);

/* Step a query expected to give at most one row: NK_OK with the row
 * ready to read, NK_ENOTFOUND (q reset), or an error (q reset). */
NK_HIDDEN int nk_st_row(nk_store *st, sqlite3_stmt *q);

/* A read transaction around several statements, so that they see one
 * snapshot and take the locks once (nothing to do inside a batch). */
NK_HIDDEN int nk_st_read_begin(nk_store *st);
NK_HIDDEN int nk_st_read_end(nk_store *st, int rc);

/* Open the write transaction of one API call (a savepoint in a batch). */
NK_HIDDEN int nk_st_write_begin(nk_store *st);

/* End it: commit when rc is NK_OK, else roll back; returns the outcome. */
NK_HIDDEN int nk_st_write_end(nk_store *st, int rc);

/* Bind helpers: text of len bytes (copied), NULL for a NULL s. */
NK_HIDDEN void nk_st_bind_text(sqlite3_stmt *q, int i, const char *s,
			       size_t len);
NK_HIDDEN void nk_st_bind_str(sqlite3_stmt *q, int i, const char *s);

/* Current time, Unix seconds. */
NK_HIDDEN long long nk_st_now(void);

/* Check a name for the store: NK_OK, or an error with message. */
NK_HIDDEN int nk_st_check_name(nk_store *st, const char *name, size_t len);

/* Language of identity id into *lang: NK_OK, NK_ENOTFOUND, error. */
NK_HIDDEN int nk_st_identity_lang(nk_store *st, long long id, nk_lang *lang);

/* Parse a language name; false if unknown. */
NK_HIDDEN bool nk_st_parse_lang(const char *s, nk_lang *out);

/* A new identity; id 0 lets SQLite choose. */
typedef struct nk_st_ident {
	long long id;
	const char *display;
	size_t display_len;
	nk_lang lang;
	const char *note; /* NULL: none */
	size_t note_len;
	long long created, updated, origin;
} nk_st_ident;

/* A new alias; id 0 lets SQLite choose. */
typedef struct nk_st_alias {
	long long id;
	long long identity;
	const char *name;
	size_t len;
	const char *source; /* NULL: none */
	size_t source_len;
	long long added;
} nk_st_alias;

/* store_edit.c: insert rows (the alias with its keys, made as lang). */
NK_HIDDEN int nk_st_identity_insert(nk_store *st, long long *out,
				    const nk_st_ident *n);
NK_HIDDEN int nk_st_alias_insert(nk_store *st, long long *out,
				 const nk_st_alias *a, nk_lang lang);

/* The static name of a history op ("unknown" if none). */
NK_HIDDEN const char *nk_st_op_name(const char *op);

/* store_keys.c: the keys of name (keyed as lang) into keys
 * (NK_KEY_MAX bytes), refused while the store's keys are stale. */
NK_HIDDEN int nk_st_keys_make(nk_store *st, char *keys, const char *name,
			      size_t len, nk_lang lang);

/* Store keys (as made above) for alias, with their near-index parts. */
NK_HIDDEN int nk_st_keys_write(nk_store *st, long long alias,
			       const char *keys);

/* Make the keys of alias id (name, keyed as lang) and put
 * them and their parts in the index. */
NK_HIDDEN int nk_st_keys_add(nk_store *st, long long alias, const char *name,
			     size_t len, nk_lang lang);

/* Re-key every alias of identity id as lang. */
NK_HIDDEN int nk_st_rekey_identity(nk_store *st, long long id, nk_lang lang);

/* Rebuild key_parts and key_grams from alias_keys. */
NK_HIDDEN int nk_st_near_rebuild(nk_store *st);

/* FNV-1a of p[0..n) without the byte at skip (skip == n: whole). */
NK_HIDDEN uint64_t nk_st_gram(const char *p, size_t n, size_t skip);

/* The parts of a key: after the language prefix, split at ':'. */
typedef struct nk_part_iter {
	const char *p, *end;
} nk_part_iter;

NK_HIDDEN nk_part_iter nk_st_parts(const char *key, size_t len);
NK_HIDDEN bool nk_st_next_part(nk_part_iter *it, const char **part,
			       size_t *n);

/* The keys of name keyed as lang into buf (NK_KEY_MAX bytes). */
NK_HIDDEN int nk_st_make_keys(nk_store *st, char *buf, const char *name,
			      size_t len, nk_lang lang);

NK_HIDDEN void nk_hashset_clear(nk_hashset *h);
NK_HIDDEN void nk_hashset_free(nk_hashset *h);

#endif /* NK_STORE_INT_H */
