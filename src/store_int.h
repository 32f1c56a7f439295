/*
 * store_int.h - what the store modules share: the handle, the statement
 * cache, transactions, error messages and the keys of aliases.
 *
 * store.c owns opening, schema creation and migration, transactions and
 * errors; store_keys.c the keys of aliases and reindexing; store_near.c
 * the near-key index (key parts, their use counts and grams);
 * store_resolve.c resolving a name; store_filter.c the in-memory
 * filter that spares resolve the lookups of names the store does not
 * hold; store_check.c the invariants;
 * store_edit.c every change; store_undo.c undoing them; store_io.c
 * import and export.  store_schema.c is generated from db/ at build
 * time.
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

/* The columns of import and export, in export order. */
enum nk_st_column {
	COL_REF, COL_NAME, COL_DISPLAY, COL_LANG, COL_NOTE, COL_SOURCE,
	COL_ADDED, COL_CREATED, COL_UPDATED, NCOLUMNS
};

NK_HIDDEN extern const char *const nk_st_column_names[NCOLUMNS];

/* The indexed lookups of resolve, for tests that check their plans. */
NK_HIDDEN extern const char *const nk_store_lookup_sql[];

typedef struct nk_stmt_slot {
	const char *sql; /* the literal's address is the cache key */
	sqlite3_stmt *stmt;
} nk_stmt_slot;

/* Uses of key parts counted in memory, written to key_parts in one go
 * (import, reindex, rebuild), or compared with it (check).  Part text
 * lives in one buffer; slots hold offsets into it. */
typedef struct nk_tally_slot {
	uint64_t hash; /* 0: empty */
	size_t off, len;
	long long count;
} nk_tally_slot;

typedef struct nk_tally {
	nk_tally_slot *slot;
	size_t cap; /* a power of two, or 0 */
	size_t n;
	char *text;
	size_t tlen, tcap;
} nk_tally;

/* Candidates of one resolve, before they are handed out. */
typedef struct nk_cand_buf {
	nk_candidate *cand;
	long long *alias; /* per candidate: the alias that gave the evidence */
	size_t n, cap;
	char *text; /* display and alias strings, NUL-terminated */
	size_t tlen, tcap;
} nk_cand_buf;

/* The negative filter of resolve (store_filter.c): a bit per name hash
 * and per key hash that the store holds. */
typedef struct nk_filter {
	uint64_t *bits;    /* name hashes, then key hashes; NULL: never made */
	bool current;      /* the bits are the store's as of version */
	bool trusted;      /* current when this resolve began, which asks */
	long long version; /* PRAGMA data_version when they were made */
	bool waiting;      /* counting resolves down before making them */
	long long wait;    /* resolves left before they are made */
} nk_filter;

struct nk_store {
	sqlite3 *db;
	nk_ctx *ctx;
	char *path;
	unsigned flags;      /* nk_store_flags */
	unsigned status;     /* nk_store_status_bits */
	unsigned busy_ms;
	int key_format;      /* meta.key_format */
	bool batch;          /* inside nk_store_begin() */
	unsigned held;       /* resolves left in a held read transaction */
	nk_tally *tally;     /* set: part uses go here, not to key_parts */
	nk_cand_buf cands;
	nk_filter filter;
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
 * snapshot and take the locks once (nothing to do inside a batch).
 * Ending it also ends one that resolves hold. */
NK_HIDDEN int nk_st_read_begin(nk_store *st);
NK_HIDDEN int nk_st_read_end(nk_store *st, int rc);

/* Resolves with NK_RESOLVE_HOLD_READ share one read transaction for at
 * most this many of them: a stream reads a snapshot that old at worst. */
#define NK_STORE_HOLD_RESOLVES 64

/* Keep the read transaction just used open for the next resolves
 * (st->held counts them down), or end it when they have had their turn. */
NK_HIDDEN int nk_st_read_hold(nk_store *st);

/* End a read transaction that resolves hold, if there is one. */
NK_HIDDEN void nk_st_release(nk_store *st);

/* Open the write transaction of one API call (a savepoint in a batch). */
NK_HIDDEN int nk_st_write_begin(nk_store *st);

/* End it: commit when rc is NK_OK, else roll back; returns the outcome. */
NK_HIDDEN int nk_st_write_end(nk_store *st, int rc);

/* Bind helpers: text of len bytes (not copied: it must live until the
 * statement is reset), NULL for a NULL s. */
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
	const char *keys; /* its keys if made already, else NULL */
	bool unique;      /* the caller made sure identity has no alias
			     called name */
} nk_st_alias;

/* store_edit.c: insert rows (the alias with its keys, made as lang). */
NK_HIDDEN int nk_st_identity_insert(nk_store *st, long long *out,
				    const nk_st_ident *n);
NK_HIDDEN int nk_st_alias_insert(nk_store *st, long long *out,
				 const nk_st_alias *a, nk_lang lang);

/* Run sql with ?1 = a (and ?2 = b, when the SQL has it). */
NK_HIDDEN int nk_st_run_with(nk_store *st, const char *sql, long long a,
			     long long b);

/* The static name of a history op ("unknown" if none). */
NK_HIDDEN const char *nk_st_op_name(const char *op);

/* store_keys.c: the keys of name (keyed as lang) into keys
 * (NK_KEY_MAX bytes), refused while the store's keys are stale. */
NK_HIDDEN int nk_st_keys_make(nk_store *st, char *keys, const char *name,
			      size_t len, nk_lang lang);

/* The keys of name keyed as lang into buf (NK_KEY_MAX bytes). */
NK_HIDDEN int nk_st_make_keys(nk_store *st, char *buf, const char *name,
			      size_t len, nk_lang lang);

/* Length of the first key of a space-separated list. */
NK_HIDDEN size_t nk_st_first_key(const char *keys);

/* The further keys of alias (its first is on its row) into alias_keys,
 * and the parts of all its keys into the near index. */
NK_HIDDEN int nk_st_keys_write(nk_store *st, long long alias,
			       const char *keys);

/* Take the keys of alias out of the near index and alias_keys (before
 * the alias is deleted or re-keyed). */
NK_HIDDEN int nk_st_keys_drop(nk_store *st, long long alias);

/* Delete the aliases that select_sql lists (ids; ?1 = a, ?2 = b if the
 * SQL has it) by running delete_sql with the same parameters, taking
 * their keys out of the near index first. */
NK_HIDDEN int nk_st_aliases_delete(nk_store *st, const char *select_sql,
				   const char *delete_sql, long long a,
				   long long b);

/* Set the name and key hashes of every alias (migration). */
NK_HIDDEN int nk_st_hash_keys(nk_store *st);

/* Re-key every alias of identity id as lang. */
NK_HIDDEN int nk_st_rekey_identity(nk_store *st, long long id, nk_lang lang);

/* store_near.c: count (delta > 0) or uncount the parts of the keys in
 * the near index, adding and removing parts and grams as needed; into
 * st->tally instead while one is set. */
NK_HIDDEN int nk_st_near_count(nk_store *st, const char *keys, size_t len,
			       int delta);

/* Rebuild key_parts and key_grams from the keys of aliases. */
NK_HIDDEN int nk_st_near_rebuild(nk_store *st);

/* Add the tallied uses to key_parts, with grams for new parts. */
NK_HIDDEN int nk_st_near_flush(nk_store *st, const nk_tally *t);

/* Bits of the hashes of names, keys and grams (nk_st_gram()). */
#define NK_ST_GRAM_BITS 24

/* FNV-1a of p[0..n) without the byte at skip (skip == n: whole). */
NK_HIDDEN uint64_t nk_st_hash(const char *p, size_t n, size_t skip);

/* The hash stored in key_grams and aliases: the hash above folded to
 * 24 bits, signed, which SQLite stores in 3 bytes.  Lookups compare the
 * text too, so hashes that collide cost a row read, not a wrong answer. */
NK_HIDDEN sqlite3_int64 nk_st_gram(const char *p, size_t n, size_t skip);

/* The parts of a key: after the language prefix, split at ':'. */
typedef struct nk_part_iter {
	const char *p, *end;
} nk_part_iter;

NK_HIDDEN nk_part_iter nk_st_parts(const char *key, size_t len);
NK_HIDDEN bool nk_st_next_part(nk_part_iter *it, const char **part,
			       size_t *n);

/* Walk a space-separated key list: *key and *len get the next key. */
NK_HIDDEN bool nk_st_next_key(const char **list, const char **key,
			      size_t *len);

/* Tally: count the parts of every key in a space-separated list (len
 * bytes); false when out of memory.  Only additions are tallied: nothing
 * is removed from the index while st->tally is set. */
NK_HIDDEN bool nk_tally_keys(nk_tally *t, const char *keys, size_t len);
/* The slot of part p, or NULL. */
NK_HIDDEN nk_tally_slot *nk_tally_find(const nk_tally *t, const char *p,
				       size_t n);
NK_HIDDEN void nk_tally_free(nk_tally *t);

/* store_filter.c: bring the filter up to date before a resolve of a
 * stream (NK_RESOLVE_STREAM): checked against the store's data version,
 * made again when it is worth it; filter.trusted says whether this
 * resolve may use it.  NK_OK, or the error of reading the version. */
NK_HIDDEN int nk_st_filter_sync(nk_store *st);

/* A resolve of a stream inside a held read transaction, where the data
 * version cannot change: it counts towards making the filter, and the
 * filter is trusted as far as the sync before the transaction found. */
NK_HIDDEN void nk_st_filter_held(nk_store *st);

/* Whether the store may hold an alias named name, or an alias with the
 * key; true unless the filter is trusted (filter.trusted, set by the
 * resolve that synced it). */
NK_HIDDEN bool nk_st_filter_name(const nk_store *st, const char *name,
				 size_t len);
NK_HIDDEN bool nk_st_filter_key(const nk_store *st, const char *key,
				size_t len);

/* This handle is changing the store: the filter is out of date. */
NK_HIDDEN void nk_st_filter_drop(nk_store *st);

#endif /* NK_STORE_INT_H */
