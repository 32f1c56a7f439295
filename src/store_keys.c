/*
 * store_keys.c - the keys of aliases and what is looked up through them:
 * writing keys, the near-key index, reindexing, and resolving a name to
 * the identities it may denote.
 *
 * The near-key index works on key parts ("ko:kim:sokil" has the parts
 * "kim" and "sokil"): a typo usually changes one part by one letter.
 * Each distinct part is indexed once under hashes of itself and of its
 * one-letter deletions (key_grams), so two parts within one insertion,
 * deletion, substitution or swap of neighbours share a gram.  A lookup
 * probes the grams of each part of the name's keys, and then looks up
 * exactly the keys made by putting each near part in place of the
 * original: every step is an index probe, nothing is scanned.  Each
 * near key found is graded by nk_compare_keys(): compatible (a rule
 * explains the difference) or only near (a typo, or another name).
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull
#define HASHSET_MIN 1024

#define SCORE_EXACT 1.0
#define SCORE_KEY 0.9
#define SCORE_COMPATIBLE 0.8
#define SCORE_NEAR 0.7

uint64_t nk_st_gram(const char *p, size_t n, size_t skip)
{
	uint64_t h = FNV_OFFSET;
	for (size_t i = 0; i < n; i++) {
		if (i == skip)
			continue;
		h ^= (unsigned char)p[i];
		h *= FNV_PRIME;
	}
	return h ? h : 1;
}

/* ---------------------------------------------------------------- */
/* Hash set                                                           */
/* ---------------------------------------------------------------- */

static bool hashset_has(const nk_hashset *h, uint64_t v)
{
	if (!h->cap)
		return false;
	for (size_t i = v & (h->cap - 1); h->slot[i]; i = (i + 1) & (h->cap - 1))
		if (h->slot[i] == v)
			return true;
	return false;
}

static void hashset_put(nk_hashset *h, uint64_t v)
{
	size_t i = v & (h->cap - 1);
	while (h->slot[i] && h->slot[i] != v)
		i = (i + 1) & (h->cap - 1);
	h->n += !h->slot[i];
	h->slot[i] = v;
}

/* Best effort: a set that cannot grow only costs a redundant insert. */
static void hashset_add(nk_hashset *h, uint64_t v)
{
	if (2 * (h->n + 1) > h->cap) {
		nk_hashset bigger = { .cap = h->cap ? 2 * h->cap : HASHSET_MIN };
		bigger.slot = calloc(bigger.cap, sizeof *bigger.slot);
		if (!bigger.slot)
			return;
		for (size_t i = 0; i < h->cap; i++)
			if (h->slot[i])
				hashset_put(&bigger, h->slot[i]);
		free(h->slot);
		*h = bigger;
	}
	hashset_put(h, v);
}

void nk_hashset_clear(nk_hashset *h)
{
	if (h->cap)
		memset(h->slot, 0, h->cap * sizeof *h->slot);
	h->n = 0;
}

void nk_hashset_free(nk_hashset *h)
{
	free(h->slot);
	*h = (nk_hashset){ 0 };
}

/* ---------------------------------------------------------------- */
/* Writing keys                                                       */
/* ---------------------------------------------------------------- */

nk_part_iter nk_st_parts(const char *key, size_t len)
{
	const char *colon = memchr(key, ':', len);
	return (nk_part_iter){ colon ? colon + 1 : key, key + len };
}

bool nk_st_next_part(nk_part_iter *it, const char **part, size_t *n)
{
	if (it->p >= it->end)
		return false;
	const char *colon = memchr(it->p, ':', (size_t)(it->end - it->p));
	const char *stop = colon ? colon : it->end;
	*part = it->p;
	*n = (size_t)(stop - it->p);
	it->p = stop + 1;
	return true;
}

static int index_grams(nk_store *st, long long part, const char *p, size_t n)
{
	sqlite3_stmt *q = nk_st_sql(st, "INSERT OR IGNORE INTO "
				    "key_grams(gram, part) VALUES (?1, ?2)");
	if (!q)
		return NK_EDB;
	int rc = NK_OK;
	for (size_t skip = 0; skip <= n && rc == NK_OK; skip++) {
		sqlite3_bind_int64(q, 1, (sqlite3_int64)nk_st_gram(p, n, skip));
		sqlite3_bind_int64(q, 2, part);
		rc = nk_st_run(st, q);
	}
	return rc;
}

static int index_part(nk_store *st, const char *p, size_t n)
{
	const uint64_t h = nk_st_gram(p, n, n);
	if (hashset_has(&st->parts, h))
		return NK_OK;
	sqlite3_stmt *q = nk_st_sql(st, "INSERT OR IGNORE INTO "
				    "key_parts(part) VALUES (?1)");
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, p, n);
	int rc = nk_st_run(st, q);
	if (rc == NK_OK && sqlite3_changes(st->db) == 1)
		rc = index_grams(st, sqlite3_last_insert_rowid(st->db), p, n);
	if (rc == NK_OK)
		hashset_add(&st->parts, h);
	return rc;
}

static int index_key_parts(nk_store *st, const char *key, size_t len)
{
	nk_part_iter it = nk_st_parts(key, len);
	const char *p;
	size_t n;
	int rc = NK_OK;
	while (rc == NK_OK && nk_st_next_part(&it, &p, &n))
		rc = index_part(st, p, n);
	return rc;
}

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

int nk_st_keys_write(nk_store *st, long long alias, const char *keys)
{
	sqlite3_stmt *q = nk_st_sql(st, "INSERT OR IGNORE INTO "
				    "alias_keys(key, alias, format) VALUES (?1, ?2, ?3)");
	if (!q)
		return NK_EDB;
	int rc = NK_OK;
	for (const char *k = keys; *k && rc == NK_OK;) {
		const size_t n = strcspn(k, " ");
		nk_st_bind_text(q, 1, k, n);
		sqlite3_bind_int64(q, 2, alias);
		sqlite3_bind_int(q, 3, NK_KEY_FORMAT);
		rc = nk_st_run(st, q);
		if (rc == NK_OK)
			rc = index_key_parts(st, k, n);
		k += n + (k[n] == ' ');
	}
	return rc;
}

int nk_st_keys_add(nk_store *st, long long alias, const char *name,
		   size_t len, nk_lang lang)
{
	char keys[NK_KEY_MAX];
	const int rc = nk_st_keys_make(st, keys, name, len, lang);
	return rc == NK_OK ? nk_st_keys_write(st, alias, keys) : rc;
}

int nk_st_rekey_identity(nk_store *st, long long id, nk_lang lang)
{
	sqlite3_stmt *del = nk_st_sql(st, "DELETE FROM alias_keys WHERE alias "
				      "IN (SELECT id FROM aliases WHERE identity = ?1)");
	if (!del)
		return NK_EDB;
	sqlite3_bind_int64(del, 1, id);
	int rc = nk_st_run(st, del);
	sqlite3_stmt *q = rc == NK_OK ? nk_st_sql(st,
		"SELECT id, name FROM aliases WHERE identity = ?1") : NULL;
	if (!q)
		return rc == NK_OK ? NK_EDB : rc;
	sqlite3_bind_int64(q, 1, id);
	int step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
		rc = nk_st_keys_add(st, sqlite3_column_int64(q, 0),
				    (const char *)sqlite3_column_text(q, 1),
				    (size_t)sqlite3_column_bytes(q, 1), lang);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	sqlite3_reset(q);
	return rc;
}

int nk_st_near_rebuild(nk_store *st)
{
	int rc = nk_st_exec(st, "DELETE FROM key_grams; DELETE FROM key_parts");
	nk_hashset_clear(&st->parts);
	sqlite3_stmt *q = rc == NK_OK ? nk_st_sql(st,
		"SELECT DISTINCT key FROM alias_keys") : NULL;
	if (!q)
		return rc == NK_OK ? NK_EDB : rc;
	int step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
		rc = index_key_parts(st, (const char *)sqlite3_column_text(q, 0),
				     (size_t)sqlite3_column_bytes(q, 0));
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	sqlite3_reset(q);
	return rc;
}

static int reindex_all(nk_store *st)
{
	int rc = nk_st_exec(st, "DELETE FROM alias_keys");
	if (rc == NK_OK)
		rc = nk_st_near_rebuild(st);
	st->key_format = NK_KEY_FORMAT;
	sqlite3_stmt *q = rc == NK_OK ? nk_st_sql(st,
		"SELECT a.id, a.name, i.lang FROM aliases a "
		"JOIN identities i ON i.id = a.identity") : NULL;
	if (!q)
		return rc == NK_OK ? NK_EDB : rc;
	int step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		nk_lang lang = NK_LANG_AUTO;
		nk_st_parse_lang((const char *)sqlite3_column_text(q, 2), &lang);
		rc = nk_st_keys_add(st, sqlite3_column_int64(q, 0),
				    (const char *)sqlite3_column_text(q, 1),
				    (size_t)sqlite3_column_bytes(q, 1), lang);
	}
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	sqlite3_reset(q);
	q = rc == NK_OK ? nk_st_sql(st, "INSERT OR REPLACE INTO meta(name, "
				    "value) VALUES ('key_format', ?1)") : NULL;
	if (!q)
		return rc == NK_OK ? NK_EDB : rc;
	sqlite3_bind_int(q, 1, NK_KEY_FORMAT);
	return nk_st_run(st, q);
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

/* ---------------------------------------------------------------- */
/* Resolve                                                            */
/* ---------------------------------------------------------------- */

enum lookup {
	LOOKUP_NAME,  /* exact aliases and aliases sharing one of 4 keys */
	LOOKUP_KEY,   /* aliases with one key */
	LOOKUP_GRAM
};

/* Columns: identity, evidence, alias, display. */
const char *const nk_store_lookup_sql[] = {
	[LOOKUP_NAME] =
		"SELECT a.identity, 1, a.name, i.display FROM aliases a "
		"JOIN identities i ON i.id = a.identity WHERE a.name = ?1 "
		"UNION ALL "
		"SELECT a.identity, 2, a.name, i.display FROM alias_keys k "
		"JOIN aliases a ON a.id = k.alias "
		"JOIN identities i ON i.id = a.identity "
		"WHERE k.key IN (?2, ?3, ?4, ?5)",
	[LOOKUP_KEY] =
		"SELECT a.identity, ?2, a.name, i.display FROM alias_keys k "
		"JOIN aliases a ON a.id = k.alias "
		"JOIN identities i ON i.id = a.identity WHERE k.key = ?1",
	[LOOKUP_GRAM] = "SELECT p.part FROM key_grams g "
			"JOIN key_parts p ON p.id = g.part WHERE g.gram = ?1",
	NULL
};

/* Append s to the text buffer; offset of the copy, or SIZE_MAX. */
static size_t text_add(nk_cand_buf *b, const char *s, size_t n)
{
	if (b->tlen + n + 1 > b->tcap) {
		size_t cap = b->tcap ? 2 * b->tcap : NK_NAME_MAX;
		while (cap < b->tlen + n + 1)
			cap *= 2;
		char *t = realloc(b->text, cap);
		if (!t)
			return SIZE_MAX;
		b->text = t;
		b->tcap = cap;
	}
	const size_t at = b->tlen;
	memcpy(b->text + at, s, n);
	b->text[at + n] = '\0';
	b->tlen += n + 1;
	return at;
}

static double score_of(nk_store_evidence e)
{
	switch (e) {
	case NK_STORE_EXACT: return SCORE_EXACT;
	case NK_STORE_KEY: return SCORE_KEY;
	case NK_STORE_COMPATIBLE: return SCORE_COMPATIBLE;
	default: return SCORE_NEAR;
	}
}

/* Record evidence for an identity, keeping the strongest.  While the
 * buffer fills, alias and display hold offsets into the text buffer. */
static int cand_add(nk_cand_buf *b, long long id, nk_store_evidence e,
		    sqlite3_stmt *q)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->cand[i].identity == id) {
			if (e >= b->cand[i].evidence)
				return NK_OK;
			b->n--;
			b->cand[i] = b->cand[b->n];
			break;
		}
	if (b->n == b->cap) {
		const size_t cap = b->cap ? 2 * b->cap : 16;
		nk_candidate *c = realloc(b->cand, cap * sizeof *c);
		if (!c)
			return NK_ENOMEM;
		b->cand = c;
		b->cap = cap;
	}
	const size_t alias = text_add(b, (const char *)sqlite3_column_text(q, 2),
				      (size_t)sqlite3_column_bytes(q, 2));
	const size_t display = alias == SIZE_MAX ? SIZE_MAX
		: text_add(b, (const char *)sqlite3_column_text(q, 3),
			   (size_t)sqlite3_column_bytes(q, 3));
	if (display == SIZE_MAX)
		return NK_ENOMEM;
	b->cand[b->n++] = (nk_candidate){
		.identity = id, .evidence = e, .score = score_of(e),
		.alias = (const char *)(uintptr_t)alias,
		.display = (const char *)(uintptr_t)display };
	return NK_OK;
}

/* Step a lookup and add each row's identity as a candidate. */
static int collect(nk_store *st, sqlite3_stmt *q)
{
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
		rc = cand_add(&st->cands, sqlite3_column_int64(q, 0),
			      (nk_store_evidence)sqlite3_column_int(q, 1), q);
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	return rc;
}

/* Exact and same-key evidence in one statement: the common case. */
static int collect_name(nk_store *st, const char *name, size_t len,
			const char *keys)
{
	sqlite3_stmt *q = nk_st_sql(st, nk_store_lookup_sql[LOOKUP_NAME]);
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, name, len);
	int param = 2;
	for (const char *k = keys; *k && param < 2 + NK_KEYS_MAX;) {
		const size_t n = strcspn(k, " ");
		nk_st_bind_text(q, param++, k, n);
		k += n + (k[n] == ' ');
	}
	return collect(st, q);
}

/* Restricted Damerau distance of a and b is at most one. */
static bool within_one(const char *a, size_t na, const char *b, size_t nb)
{
	if (na > nb)
		return within_one(b, nb, a, na);
	if (nb - na > 1)
		return false;
	size_t i = 0;
	while (i < na && a[i] == b[i])
		i++;
	if (na < nb)
		return memcmp(a + i, b + i + 1, na - i) == 0;
	if (i == na)
		return true;
	if (memcmp(a + i + 1, b + i + 1, na - i - 1) == 0)
		return true;
	return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
	       memcmp(a + i + 2, b + i + 2, na - i - 2) == 0;
}

/* Look up key with part [at, at+n) replaced by near. */
static int collect_variant(nk_store *st, const char *key, size_t len,
			   size_t at, size_t n, const char *near, size_t nn)
{
	char buf[NK_KEY_MAX];
	const size_t total = len - n + nn;
	if (total >= sizeof buf)
		return NK_OK;
	memcpy(buf, key, at);
	memcpy(buf + at, near, nn);
	memcpy(buf + at + nn, key + at + n, len - at - n);
	nk_match m;
	const bool compatible =
		nk_compare_keys(&m, st->ctx, key, len, buf, total, NULL) == NK_OK &&
		m.kind >= NK_MATCH_COMPATIBLE;
	sqlite3_stmt *q = nk_st_sql(st, nk_store_lookup_sql[LOOKUP_KEY]);
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, buf, total);
	sqlite3_bind_int(q, 2, compatible ? NK_STORE_COMPATIBLE : NK_STORE_NEAR);
	return collect(st, q);
}

static int near_part(nk_store *st, const char *key, size_t len,
		     const char *p, size_t n)
{
	sqlite3_stmt *q = nk_st_sql(st, nk_store_lookup_sql[LOOKUP_GRAM]);
	if (!q)
		return NK_EDB;
	int rc = NK_OK;
	for (size_t skip = 0; skip <= n && rc == NK_OK; skip++) {
		/* Equal neighbours give equal deletions: probe once. */
		if (skip > 0 && skip < n && p[skip] == p[skip - 1])
			continue;
		sqlite3_bind_int64(q, 1, (sqlite3_int64)nk_st_gram(p, n, skip));
		int step;
		while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
			const char *np = (const char *)sqlite3_column_text(q, 0);
			const size_t nn = (size_t)sqlite3_column_bytes(q, 0);
			if ((nn == n && memcmp(np, p, n) == 0) ||
			    !within_one(p, n, np, nn))
				continue;
			rc = collect_variant(st, key, len, (size_t)(p - key), n,
					     np, nn);
		}
		if (rc == NK_OK && step != SQLITE_DONE)
			rc = nk_st_sqlerr(st, step);
		sqlite3_reset(q);
	}
	return rc;
}

/* Near parts can repeat across grams; each variant is looked up once
 * per gram that finds it, and cand_add keeps one entry per identity. */
static int collect_near(nk_store *st, const char *key, size_t len)
{
	nk_part_iter it = nk_st_parts(key, len);
	const char *p;
	size_t n;
	int rc = NK_OK;
	while (rc == NK_OK && nk_st_next_part(&it, &p, &n))
		rc = near_part(st, key, len, p, n);
	return rc;
}

static int each_near_key(nk_store *st, const char *keys)
{
	int rc = NK_OK;
	for (const char *k = keys; *k && rc == NK_OK;) {
		const size_t n = strcspn(k, " ");
		rc = collect_near(st, k, n);
		k += n + (k[n] == ' ');
	}
	return rc;
}

static int cand_cmp(const void *a, const void *b)
{
	const nk_candidate *x = a, *y = b;
	if (x->evidence != y->evidence)
		return x->evidence < y->evidence ? -1 : 1;
	return (x->identity > y->identity) - (x->identity < y->identity);
}

/* Turn text offsets into pointers once the text buffer stops moving. */
static void fix_pointers(nk_cand_buf *b)
{
	for (size_t i = 0; i < b->n; i++) {
		b->cand[i].alias = b->text + (uintptr_t)b->cand[i].alias;
		b->cand[i].display = b->text + (uintptr_t)b->cand[i].display;
	}
}

static bool resolve_options_ok(const nk_resolve_options *o)
{
	const unsigned known = NK_RESOLVE_ALWAYS_NEAR | NK_RESOLVE_NO_NEAR;
	return o->version == NK_RESOLVE_OPTIONS_VERSION &&
	       o->lang >= NK_LANG_AUTO && o->lang <= NK_LANG_KO &&
	       (o->flags & ~known) == 0;
}

static int lookup_all(nk_store *st, nk_resolution *out, const char *name,
		      size_t len, const nk_resolve_options *o)
{
	int rc = collect_name(st, name, len, out->keys);
	const bool near = !(o->flags & NK_RESOLVE_NO_NEAR) &&
			  (st->cands.n == 0 ||
			   (o->flags & NK_RESOLVE_ALWAYS_NEAR));
	if (rc != NK_OK || !near)
		return rc;
	rc = nk_st_read_begin(st);
	if (rc == NK_OK)
		rc = each_near_key(st, out->keys);
	return nk_st_read_end(st, rc);
}

static void decide(nk_resolution *out, const nk_cand_buf *b)
{
	out->cand = b->cand;
	out->n = b->n;
	const bool strong = b->n > 0 && b->cand[0].evidence <= NK_STORE_KEY;
	const bool alone = b->n == 1 ||
			   (b->n > 1 && b->cand[1].evidence > b->cand[0].evidence);
	out->resolved = strong && alone;
}

int nk_store_resolve(nk_resolution *out, nk_store *st, const char *name,
		     size_t len, const nk_resolve_options *opts)
{
	static const nk_resolve_options defaults = NK_RESOLVE_OPTIONS_INIT;
	if (!out || !st)
		return NK_EINVAL;
	*out = (nk_resolution){ .cand = NULL };
	if (!opts)
		opts = &defaults;
	if (!resolve_options_ok(opts))
		return nk_st_error(st, NK_EINVAL, "bad resolve options");
	int rc = nk_st_check_name(st, name, len);
	if (rc != NK_OK)
		return rc;
	nk_key_options ko = NK_KEY_OPTIONS_INIT;
	ko.lang = opts->lang;
	rc = nk_key(NULL, out->keys, sizeof out->keys, st->ctx, name, len, &ko);
	if (rc != NK_OK && rc != NK_EEMPTY)
		return nk_st_error(st, rc, "cannot key the name: %s",
				   nk_strerror(rc));
	if (rc != NK_OK)
		out->keys[0] = '\0';
	st->cands.n = 0;
	st->cands.tlen = 0;
	rc = lookup_all(st, out, name, len, opts);
	if (rc != NK_OK) {
		st->cands.n = 0;
		return rc == NK_ENOMEM ? nk_st_error(st, rc, "out of memory")
				       : rc;
	}
	if (st->cands.n)
		qsort(st->cands.cand, st->cands.n, sizeof *st->cands.cand,
		      cand_cmp);
	fix_pointers(&st->cands);
	decide(out, &st->cands);
	return NK_OK;
}
