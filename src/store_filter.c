/*
 * store_filter.c - the negative filter of resolve: for a stream of names
 * (NK_RESOLVE_STREAM), one bit per name hash and per key hash that the
 * store holds, so that a name the store holds neither exactly nor by key
 * costs no index lookup.  Most names of an archive are such names.
 *
 * The bits are made from the indexes in one read transaction and
 * stamped with PRAGMA data_version, which changes when another
 * connection commits; this handle's own writes drop them.  Making them
 * reads every alias, so after a change they are made again only once
 * enough resolves have gone to the indexes to pay for it.  A filter that
 * cannot be made is not used: the indexes then answer, and report any
 * failure, as without it.  A version that cannot be read fails the
 * resolve, as its lookups would have failed.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define HASHES (UINT64_C(1) << NK_ST_GRAM_BITS)
#define WORD_BITS 64
/* The bits of names come first, then those of keys. */
#define KEYS_AT HASHES
#define WORDS (2 * HASHES / WORD_BITS)
/* Making the bits costs about as much as resolving, at the indexes, one
 * name for this many aliases in the store.  Waiting that many resolves
 * after a change bounds the cost of a store that keeps changing to twice
 * the cost without a filter. */
#define ALIASES_PER_RESOLVE 32

enum filter_sql {
	FILTER_VERSION, /* the data version of the store */
	FILTER_ALIASES, /* about how many aliases it holds */
	FILTER_NAMES,   /* every name hash */
	FILTER_KEYS,    /* every first-key hash */
	FILTER_MORE     /* every further key */
};

static const char *const filter_sql[] = {
	[FILTER_VERSION] = "PRAGMA data_version",
	[FILTER_ALIASES] = "SELECT coalesce(max(id), 0) FROM aliases",
	/* DISTINCT walks each index in order, within SQLite: many aliases
	 * share a name or a key, and a row handed out costs more than one
	 * skipped. */
	[FILTER_NAMES] = "SELECT DISTINCT name_hash FROM aliases",
	[FILTER_KEYS] = "SELECT DISTINCT key_hash FROM aliases",
	[FILTER_MORE] = "SELECT DISTINCT key FROM alias_keys",
};

static uint64_t bit_of(sqlite3_int64 hash)
{
	return (uint64_t)(hash + (sqlite3_int64)(HASHES / 2));
}

static void bit_set(uint64_t *bits, uint64_t i)
{
	bits[i / WORD_BITS] |= UINT64_C(1) << (i % WORD_BITS);
}

static bool bit_get(const uint64_t *bits, uint64_t i)
{
	return bits[i / WORD_BITS] >> (i % WORD_BITS) & 1;
}

/* The one integer a filter_sql query gives. */
static int query_int(nk_store *st, enum filter_sql which, long long *out)
{
	sqlite3_stmt *q = nk_st_sql(st, filter_sql[which]);
	if (!q)
		return NK_EDB;
	const int rc = nk_st_row(st, q);
	*out = rc == NK_OK ? sqlite3_column_int64(q, 0) : 0;
	if (rc == NK_OK)
		sqlite3_reset(q);
	return rc;
}

/* Set the bit of each hash that column 0 of a query holds (at offset),
 * or of each key it holds (text) when hash_text. */
static int set_bits(nk_store *st, enum filter_sql which, uint64_t offset,
		    bool hash_text)
{
	sqlite3_stmt *q = nk_st_sql(st, filter_sql[which]);
	if (!q)
		return NK_EDB;
	uint64_t *bits = st->filter.bits;
	int step;
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		sqlite3_int64 h = sqlite3_column_int64(q, 0);
		if (hash_text) {
			const size_t n = (size_t)sqlite3_column_bytes(q, 0);
			h = nk_st_gram((const char *)sqlite3_column_text(q, 0),
				       n, n);
		}
		bit_set(bits, offset + bit_of(h));
	}
	sqlite3_reset(q);
	return step == SQLITE_DONE ? NK_OK : nk_st_sqlerr(st, step);
}

static int make_bits(nk_store *st)
{
	nk_filter *f = &st->filter;
	int rc = query_int(st, FILTER_VERSION, &f->version);
	if (rc == NK_OK) {
		memset(f->bits, 0, WORDS * sizeof *f->bits);
		rc = set_bits(st, FILTER_NAMES, 0, false);
	}
	if (rc == NK_OK)
		rc = set_bits(st, FILTER_KEYS, KEYS_AT, false);
	if (rc == NK_OK)
		rc = set_bits(st, FILTER_MORE, KEYS_AT, true);
	return rc;
}

/* Make the bits in one snapshot. */
static void make(nk_store *st)
{
	nk_filter *f = &st->filter;
	if (!f->bits)
		f->bits = malloc(WORDS * sizeof *f->bits);
	if (!f->bits || nk_st_read_begin(st) != NK_OK)
		return;
	f->current = nk_st_read_end(st, make_bits(st)) == NK_OK;
}

int nk_st_filter_sync(nk_store *st)
{
	nk_filter *f = &st->filter;
	long long n = 0;
	int rc = f->current ? query_int(st, FILTER_VERSION, &n) : NK_OK;
	f->current = f->current && rc == NK_OK && n == f->version;
	f->trusted = f->current;
	if (rc != NK_OK || f->current)
		return rc;
	if (!f->waiting) {
		rc = query_int(st, FILTER_ALIASES, &n);
		if (rc != NK_OK)
			return rc;
		f->waiting = true;
		f->wait = n / ALIASES_PER_RESOLVE;
	}
	if (f->wait-- > 0)
		return NK_OK;
	f->waiting = false;
	make(st);
	f->trusted = f->current;
	return NK_OK;
}

void nk_st_filter_held(nk_store *st)
{
	nk_filter *f = &st->filter;
	f->trusted = f->current;
	if (f->waiting && f->wait > 0)
		f->wait--;
}

bool nk_st_filter_name(const nk_store *st, const char *name, size_t len)
{
	const nk_filter *f = &st->filter;
	return !f->trusted ||
	       bit_get(f->bits, bit_of(nk_st_gram(name, len, len)));
}

bool nk_st_filter_key(const nk_store *st, const char *key, size_t len)
{
	const nk_filter *f = &st->filter;
	return !f->trusted ||
	       bit_get(f->bits, KEYS_AT + bit_of(nk_st_gram(key, len, len)));
}

void nk_st_filter_drop(nk_store *st)
{
	st->filter.current = false;
	st->filter.trusted = false;
	st->filter.waiting = false;
}
