/*
 * store_resolve.c - nk_store_resolve(): the identities a name may
 * denote, found through indexes only and ranked by evidence.
 *
 * One statement finds aliases written exactly so and aliases sharing a
 * key.  When that finds nothing (or the caller asks), the near-key index
 * (store_near.c) is asked which parts of the name's keys it knows: a
 * near key shares all parts but one, so only an unknown part (or, if
 * all are known, every part) can hold the typo.  The grams of those
 * parts are probed in one statement; each part found that is truly one
 * edit from a probed part makes a variant key, and one more statement
 * looks up all variants at once.  Each variant found is graded by
 * nk_compare_keys(): compatible (a rule explains the difference) or only
 * near (a typo, or another name).  Statements return alias ids; names
 * and display names are read once per candidate at the end, or only for
 * the best one when the caller wants no more.  Resolving a stream, the
 * store's filter (store_filter.c) spares the lookups of names and keys
 * it does not hold.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define SCORE_EXACT 1.0
#define SCORE_KEY 0.9
#define SCORE_COMPATIBLE 0.8
#define SCORE_NEAR 0.7
#define CANDS_MIN 16
/* Bytes of a gram in a JSON list: sign, 10 digits and a comma. */
#define GRAM_TEXT_MAX 12
/* Parts of all keys of one name that the near lookup considers. */
#define NAME_PARTS_MAX 64

enum lookup {
	LOOKUP_NAME,  /* exact aliases and aliases sharing the first key */
	LOOKUP_KEY,   /* aliases sharing a further key */
	LOOKUP_PARTS, /* which of a JSON list of parts are indexed */
	LOOKUP_GRAMS, /* key parts near any of a JSON list of grams */
	LOOKUP_KEYS,  /* aliases with one of a JSON list of keys */
	LOOKUP_ALIAS, /* an identity's display and an alias's name */
	LOOKUP_CHECKED, /* an alias of an identity with a key, checked */
	LOOKUP_EXACT,  /* exact aliases only */
	LOOKUP_LISTED, /* aliases with a key as a further reading */
	LOOKUP_HASHED, /* aliases whose key hashes alike, by identity */
	LOOKUP_ANY_KEYED /* whether any alias has a key */
};

/* LOOKUP_NAME, LOOKUP_KEY and LOOKUP_KEYS columns: identity, alias id,
 * and the evidence or (LOOKUP_KEYS) the key that matched; LOOKUP_NAME
 * also gives the display name of exact aliases, the common answer, so
 * that it needs no statement of its own.  One key per statement: an IN
 * list of bound values costs more than the statement.
 *
 * LOOKUP_NAME takes aliases whose key hashes like the name's first key
 * from the index alone, without reading their rows (a negative alias id
 * says so): most belong to an identity that has stronger evidence
 * anyway.  Those left are checked when their texts are read. */
const char *const nk_store_lookup_sql[] = {
	[LOOKUP_NAME] =
		"SELECT a.identity, a.id, 1, i.display FROM aliases a "
		"JOIN identities i ON i.id = a.identity "
		"WHERE a.name_hash = ?4 AND a.name = ?1 "
		"UNION ALL "
		"SELECT identity, -id, 2, NULL FROM aliases "
		"WHERE key_hash = ?3 "
		"UNION ALL "
		"SELECT a.identity, a.id, 2, NULL FROM alias_keys k "
		"JOIN aliases a ON a.id = k.alias WHERE k.key = ?2",
	[LOOKUP_KEY] =
		"SELECT identity, id, 2 FROM aliases "
		"WHERE key_hash = ?2 AND key = ?1 "
		"UNION ALL "
		"SELECT a.identity, a.id, 2 FROM alias_keys k "
		"JOIN aliases a ON a.id = k.alias WHERE k.key = ?1",
	[LOOKUP_PARTS] =
		"SELECT part FROM key_parts "
		"WHERE part IN (SELECT value FROM json_each(?1))",
	[LOOKUP_GRAMS] =
		"SELECT DISTINCT p.part FROM key_grams g "
		"JOIN key_parts p ON p.id = g.part "
		"WHERE g.gram IN (SELECT value FROM json_each(?1))",
	[LOOKUP_KEYS] =
		"SELECT identity, id, key FROM aliases "
		"WHERE key_hash IN (SELECT value FROM json_each(?2)) "
		"AND key IN (SELECT value FROM json_each(?1)) "
		"UNION ALL "
		"SELECT a.identity, a.id, k.key FROM alias_keys k "
		"JOIN aliases a ON a.id = k.alias "
		"WHERE k.key IN (SELECT value FROM json_each(?1))",
	[LOOKUP_ALIAS] =
		"SELECT i.display, a.name, a.key FROM aliases a "
		"JOIN identities i ON i.id = a.identity WHERE a.id = ?1",
	[LOOKUP_CHECKED] =
		"SELECT id FROM aliases "
		"WHERE key_hash = ?2 AND identity = ?3 AND key = ?1 LIMIT 1",
	/* The arms of LOOKUP_NAME apart, for the best candidate only. */
	[LOOKUP_EXACT] =
		"SELECT a.identity, a.id, 1, i.display FROM aliases a "
		"JOIN identities i ON i.id = a.identity "
		"WHERE a.name_hash = ?2 AND a.name = ?1",
	[LOOKUP_LISTED] =
		"SELECT a.identity, a.id, 2 FROM alias_keys k "
		"JOIN aliases a ON a.id = k.alias WHERE k.key = ?1",
	[LOOKUP_HASHED] =
		"SELECT identity, -id FROM aliases WHERE key_hash = ?1 "
		"ORDER BY identity, id",
	[LOOKUP_ANY_KEYED] =
		"SELECT 1 FROM aliases WHERE key_hash = ?2 AND key = ?1 LIMIT 1",
	NULL
};

/* ---------------------------------------------------------------- */
/* Candidates                                                         */
/* ---------------------------------------------------------------- */

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

static bool cand_grow(nk_cand_buf *b)
{
	const size_t cap = b->cap ? 2 * b->cap : CANDS_MIN;
	nk_candidate *c = realloc(b->cand, cap * sizeof *c);
	if (c)
		b->cand = c;
	long long *a = c ? realloc(b->alias, cap * sizeof *a) : NULL;
	if (!a)
		return false;
	b->alias = a;
	b->cap = cap;
	return true;
}

/* Record evidence for an identity, keeping the strongest (and, of equal
 * ones, the first alias that gave it, checked ones first). */
static int cand_add(nk_cand_buf *b, long long id, long long alias,
		    nk_store_evidence e)
{
	size_t i = 0;
	while (i < b->n && b->cand[i].identity != id)
		i++;
	const bool better = i == b->n || e < b->cand[i].evidence ||
			    (e == b->cand[i].evidence && b->alias[i] < 0 &&
			     alias > 0);
	if (!better)
		return NK_OK;
	if (i == b->n && b->n == b->cap && !cand_grow(b))
		return NK_ENOMEM;
	if (i == b->n)
		b->n++;
	b->cand[i] = (nk_candidate){ .identity = id, .evidence = e,
				     .score = score_of(e) };
	b->alias[i] = alias;
	return NK_OK;
}

/* ---------------------------------------------------------------- */
/* Exact and same-key evidence                                        */
/* ---------------------------------------------------------------- */

/* Add each row of q (identity, alias, evidence) as a candidate. */
static int collect(nk_store *st, sqlite3_stmt *q)
{
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
		rc = cand_add(&st->cands, sqlite3_column_int64(q, 0),
			      sqlite3_column_int64(q, 1),
			      (nk_store_evidence)sqlite3_column_int(q, 2));
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	return rc;
}

/* An exact alias is named as the name looked up, and LOOKUP_NAME gave
 * its display: the candidate's texts are complete (alias id 0). */
static int exact_texts(nk_store *st, sqlite3_stmt *q, const char *name,
		       size_t len)
{
	nk_cand_buf *b = &st->cands;
	size_t i = 0;
	while (b->cand[i].identity != sqlite3_column_int64(q, 0))
		i++;
	const size_t at = text_add(b, name, len);
	const size_t display = at == SIZE_MAX ? SIZE_MAX
		: text_add(b, (const char *)sqlite3_column_text(q, 3),
			   (size_t)sqlite3_column_bytes(q, 3));
	b->cand[i].alias = (const char *)(uintptr_t)at;
	b->cand[i].display = (const char *)(uintptr_t)display;
	b->alias[i] = 0;
	return display == SIZE_MAX ? NK_ENOMEM : NK_OK;
}

/* Add each row of q (identity, alias, evidence, display of an exact
 * alias) as a candidate; exact ones get their texts. */
static int collect_texts(nk_store *st, sqlite3_stmt *q, const char *name,
			 size_t len)
{
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		const nk_store_evidence e = sqlite3_column_int(q, 2);
		rc = cand_add(&st->cands, sqlite3_column_int64(q, 0),
			      sqlite3_column_int64(q, 1), e);
		if (rc == NK_OK && e == NK_STORE_EXACT)
			rc = exact_texts(st, q, name, len);
	}
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	return rc;
}

/* Exact and same-key evidence of the first key, in one statement. */
static int collect_first(nk_store *st, const char *name, size_t len,
			 const char *keys)
{
	const char *k = NULL;
	size_t n = 0;
	const bool key = nk_st_next_key(&keys, &k, &n);
	if (!nk_st_filter_name(st, name, len) &&
	    !(key && nk_st_filter_key(st, k, n)))
		return NK_OK;
	sqlite3_stmt *q = nk_st_sql(st, nk_store_lookup_sql[LOOKUP_NAME]);
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, name, len);
	sqlite3_bind_int64(q, 4, nk_st_gram(name, len, len));
	if (key) {
		nk_st_bind_text(q, 2, k, n);
		sqlite3_bind_int64(q, 3, nk_st_gram(k, n, n));
	}
	return collect_texts(st, q, name, len);
}

/* Same-key evidence of one key, checked: which (LOOKUP_KEY or
 * LOOKUP_LISTED) binds the key and, as ?2, its hash. */
static int collect_key(nk_store *st, enum lookup which, const char *k,
		       size_t n)
{
	if (!nk_st_filter_key(st, k, n))
		return NK_OK;
	sqlite3_stmt *q = nk_st_sql(st, nk_store_lookup_sql[which]);
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, k, n);
	if (sqlite3_bind_parameter_count(q) > 1)
		sqlite3_bind_int64(q, 2, nk_st_gram(k, n, n));
	return collect(st, q);
}

/* Same-key evidence of the further keys. */
static int collect_more(nk_store *st, const char *keys)
{
	const char *k;
	size_t n;
	int rc = NK_OK;
	/* The first key was collect_first()'s. */
	nk_st_next_key(&keys, &k, &n);
	while (rc == NK_OK && nk_st_next_key(&keys, &k, &n))
		rc = collect_key(st, LOOKUP_KEY, k, n);
	return rc;
}

/* ---------------------------------------------------------------- */
/* Near evidence                                                      */
/* ---------------------------------------------------------------- */

/* A growing JSON array of numbers or strings. */
typedef struct json_list {
	char *s;
	size_t len, cap;
	size_t n;
	bool failed;
} json_list;

static void json_put(json_list *j, const char *s, size_t n)
{
	if (j->failed)
		return;
	if (j->len + n + 2 > j->cap) {
		size_t cap = j->cap ? 2 * j->cap : NK_KEY_MAX;
		while (cap < j->len + n + 2)
			cap *= 2;
		char *grown = realloc(j->s, cap);
		if (!grown) {
			j->failed = true;
			return;
		}
		j->s = grown;
		j->cap = cap;
	}
	memcpy(j->s + j->len, s, n);
	j->len += n;
	j->s[j->len] = '\0';
}

static void json_next(json_list *j)
{
	json_put(j, j->n++ ? "," : "[", 1);
}

static void json_end(json_list *j)
{
	json_put(j, j->n ? "]" : "[]", j->n ? 1 : 2);
}

/* Keys are printable ASCII; quotes and backslashes are escaped anyway. */
static void json_string(json_list *j, const char *s, size_t n)
{
	json_next(j);
	json_put(j, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			json_put(j, "\\", 1);
		json_put(j, s + i, 1);
	}
	json_put(j, "\"", 1);
}

static void json_int(json_list *j, sqlite3_int64 v)
{
	char buf[GRAM_TEXT_MAX + 1];
	const int n = snprintf(buf, sizeof buf, "%lld", (long long)v);
	json_next(j);
	json_put(j, buf, (size_t)n);
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

/* A part of one of the name's keys. */
typedef struct name_part {
	const char *key, *p;
	size_t klen, n;
	bool known; /* key_parts has it */
	bool probe; /* look for parts near it */
} name_part;

typedef struct name_parts {
	name_part part[NAME_PARTS_MAX];
	size_t n;
} name_parts;

/* The parts of the name's keys; a key with more parts than fit is left
 * out of the near lookup (no name has that many). */
static void split_parts(name_parts *np, const char *keys)
{
	const char *k;
	size_t n;
	np->n = 0;
	while (nk_st_next_key(&keys, &k, &n)) {
		const size_t start = np->n;
		nk_part_iter it = nk_st_parts(k, n);
		const char *p;
		size_t pn;
		while (nk_st_next_part(&it, &p, &pn) && np->n < NAME_PARTS_MAX)
			np->part[np->n++] = (name_part){ .key = k, .klen = n,
							 .p = p, .n = pn };
		if (it.p < it.end)
			np->n = start;
	}
}

static void mark_known(name_parts *np, const char *p, size_t n)
{
	for (size_t i = 0; i < np->n; i++)
		if (np->part[i].n == n && memcmp(np->part[i].p, p, n) == 0)
			np->part[i].known = true;
}

/* Which of the parts key_parts has. */
static int find_known(nk_store *st, name_parts *np)
{
	json_list j = { 0 };
	for (size_t i = 0; i < np->n; i++)
		json_string(&j, np->part[i].p, np->part[i].n);
	json_end(&j);
	sqlite3_stmt *q = j.failed ? NULL
		: nk_st_sql(st, nk_store_lookup_sql[LOOKUP_PARTS]);
	if (!q) {
		free(j.s);
		return j.failed ? NK_ENOMEM : NK_EDB;
	}
	sqlite3_bind_text(q, 1, j.s, (int)j.len, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(q)) == SQLITE_ROW)
		mark_known(np, (const char *)sqlite3_column_text(q, 0),
			   (size_t)sqlite3_column_bytes(q, 0));
	sqlite3_reset(q);
	free(j.s);
	return step == SQLITE_DONE ? NK_OK : nk_st_sqlerr(st, step);
}

/* A stored key one edit away differs from a key of the name in one
 * part and shares the others, which must then be known parts: with one
 * unknown part only that part can be the typo, with two or more the
 * key has no near key at all. */
static void choose_probes(name_parts *np)
{
	for (size_t i = 0; i < np->n;) {
		size_t end = i, unknown = 0;
		while (end < np->n && np->part[end].key == np->part[i].key)
			unknown += !np->part[end++].known;
		for (; i < end; i++)
			np->part[i].probe = unknown == 0 || (unknown == 1 &&
						!np->part[i].known);
	}
}

/* The grams of the parts to probe. */
static void gram_list(json_list *j, const name_parts *np)
{
	for (size_t i = 0; i < np->n; i++) {
		const name_part *x = &np->part[i];
		for (size_t skip = 0; x->probe && skip <= x->n; skip++)
			/* Equal neighbours give equal deletions. */
			if (skip == 0 || skip == x->n ||
			    x->p[skip] != x->p[skip - 1])
				json_int(j, nk_st_gram(x->p, x->n, skip));
	}
	json_end(j);
}

/* The keys made by putting near part np in place of each probed part
 * that it is one edit from. */
static void add_variants(json_list *j, json_list *h,
			 const name_parts *parts, const char *np, size_t nn)
{
	for (size_t i = 0; i < parts->n; i++) {
		const name_part *x = &parts->part[i];
		if (!x->probe || (x->n == nn && memcmp(x->p, np, nn) == 0) ||
		    !within_one(x->p, x->n, np, nn) ||
		    x->klen - x->n + nn >= NK_KEY_MAX)
			continue;
		char buf[NK_KEY_MAX];
		const size_t at = (size_t)(x->p - x->key);
		memcpy(buf, x->key, at);
		memcpy(buf + at, np, nn);
		memcpy(buf + at + nn, x->p + x->n, x->klen - at - x->n);
		const size_t len = x->klen - x->n + nn;
		json_string(j, buf, len);
		json_int(h, nk_st_gram(buf, len, len));
	}
}

/* Variant keys of the name's keys, one near part at a time. */
static int variant_list(nk_store *st, json_list *grams, json_list *out,
			json_list *hashes, const name_parts *np)
{
	sqlite3_stmt *q = nk_st_sql(st, nk_store_lookup_sql[LOOKUP_GRAMS]);
	if (!q)
		return NK_EDB;
	sqlite3_bind_text(q, 1, grams->s, (int)grams->len, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(q)) == SQLITE_ROW)
		add_variants(out, hashes, np,
			     (const char *)sqlite3_column_text(q, 0),
			     (size_t)sqlite3_column_bytes(q, 0));
	sqlite3_reset(q);
	json_end(out);
	json_end(hashes);
	return step == SQLITE_DONE ? NK_OK : nk_st_sqlerr(st, step);
}

/* How a variant key found relates to the name's keys. */
static nk_store_evidence grade(nk_store *st, const char *keys,
			       const char *found, size_t n)
{
	const char *k;
	size_t kn;
	while (nk_st_next_key(&keys, &k, &kn)) {
		nk_match m;
		if (nk_compare_keys(&m, st->ctx, k, kn, found, n, NULL) ==
		    NK_OK && m.kind >= NK_MATCH_COMPATIBLE)
			return NK_STORE_COMPATIBLE;
	}
	return NK_STORE_NEAR;
}

static int collect_variants(nk_store *st, const json_list *variants,
			    const json_list *hashes, const char *keys)
{
	sqlite3_stmt *q = nk_st_sql(st, nk_store_lookup_sql[LOOKUP_KEYS]);
	if (!q)
		return NK_EDB;
	sqlite3_bind_text(q, 1, variants->s, (int)variants->len,
			  SQLITE_STATIC);
	sqlite3_bind_text(q, 2, hashes->s, (int)hashes->len, SQLITE_STATIC);
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		const nk_store_evidence e = grade(st, keys,
			(const char *)sqlite3_column_text(q, 2),
			(size_t)sqlite3_column_bytes(q, 2));
		rc = cand_add(&st->cands, sqlite3_column_int64(q, 0),
			      sqlite3_column_int64(q, 1), e);
	}
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	return rc;
}

static int collect_near(nk_store *st, const char *keys)
{
	name_parts np;
	split_parts(&np, keys);
	int rc = find_known(st, &np);
	if (rc != NK_OK)
		return rc;
	choose_probes(&np);
	json_list grams = { 0 }, variants = { 0 }, hashes = { 0 };
	gram_list(&grams, &np);
	rc = grams.failed ? NK_ENOMEM : NK_OK;
	if (rc == NK_OK && grams.n)
		rc = variant_list(st, &grams, &variants, &hashes, &np);
	if (rc == NK_OK && (variants.failed || hashes.failed))
		rc = NK_ENOMEM;
	if (rc == NK_OK && variants.n)
		rc = collect_variants(st, &variants, &hashes, keys);
	free(grams.s);
	free(variants.s);
	free(hashes.s);
	return rc;
}

/* ---------------------------------------------------------------- */
/* The answer                                                         */
/* ---------------------------------------------------------------- */

/* An alias of identity whose first key is key, or 0: what an unchecked
 * key hash stands for when the alias it came with has another key. */
static int checked_alias(nk_store *st, long long identity, const char *key,
			 size_t n, long long *alias)
{
	sqlite3_stmt *q = nk_st_sql(st, nk_store_lookup_sql[LOOKUP_CHECKED]);
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, key, n);
	sqlite3_bind_int64(q, 2, nk_st_gram(key, n, n));
	sqlite3_bind_int64(q, 3, identity);
	const int rc = nk_st_row(st, q);
	*alias = rc == NK_OK ? sqlite3_column_int64(q, 0) : 0;
	if (rc == NK_OK)
		sqlite3_reset(q);
	return rc == NK_ENOTFOUND ? NK_OK : rc;
}

/* Read alias's row for candidate c; *wrong: the alias was unchecked
 * (negative id) and its first key is not first (the name's first). */
static int fill_one(nk_store *st, nk_candidate *c, long long alias,
		    const char *first, size_t n, bool *wrong)
{
	sqlite3_stmt *q = nk_st_sql(st, nk_store_lookup_sql[LOOKUP_ALIAS]);
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, alias < 0 ? -alias : alias);
	int rc = nk_st_row(st, q);
	if (rc == NK_ENOTFOUND)
		return nk_st_error(st, NK_ECORRUPT, "alias %lld vanished",
				   alias);
	if (rc != NK_OK)
		return rc;
	*wrong = alias < 0 && ((size_t)sqlite3_column_bytes(q, 2) != n ||
			       memcmp(sqlite3_column_text(q, 2), first, n) != 0);
	if (*wrong) {
		sqlite3_reset(q);
		return NK_OK;
	}
	nk_cand_buf *b = &st->cands;
	const size_t at = text_add(b, (const char *)sqlite3_column_text(q, 1),
				   (size_t)sqlite3_column_bytes(q, 1));
	const size_t display = at == SIZE_MAX ? SIZE_MAX
		: text_add(b, (const char *)sqlite3_column_text(q, 0),
			   (size_t)sqlite3_column_bytes(q, 0));
	sqlite3_reset(q);
	c->alias = (const char *)(uintptr_t)at;
	c->display = (const char *)(uintptr_t)display;
	return display == SIZE_MAX ? NK_ENOMEM : NK_OK;
}

static void cand_drop(nk_cand_buf *b, size_t i)
{
	b->n--;
	b->cand[i] = b->cand[b->n];
	b->alias[i] = b->alias[b->n];
}

/* Texts of candidate i, which has none yet unless its alias id is 0 (it
 * is 0 once it has).  A candidate whose unchecked alias has another key
 * only shared a hash: another alias of its identity may still have the
 * key; if none has, the candidate goes (*gone; the last takes its
 * place). */
static int fill_cand(nk_store *st, size_t i, const char *keys, size_t first,
		     bool *gone)
{
	nk_cand_buf *b = &st->cands;
	*gone = false;
	while (b->alias[i]) {
		bool wrong = false;
		int rc = fill_one(st, &b->cand[i], b->alias[i], keys, first,
				  &wrong);
		if (rc == NK_OK && wrong)
			rc = checked_alias(st, b->cand[i].identity, keys, first,
					   &b->alias[i]);
		if (rc != NK_OK)
			return rc;
		if (!wrong)
			b->alias[i] = 0;
		else if (!b->alias[i]) {
			cand_drop(b, i);
			*gone = true;
			return NK_OK;
		}
	}
	return NK_OK;
}

/* Texts of every candidate. */
static int fill_texts(nk_store *st, const char *keys)
{
	const size_t first = nk_st_first_key(keys);
	int rc = NK_OK;
	for (size_t i = 0; i < st->cands.n && rc == NK_OK;) {
		bool gone;
		rc = fill_cand(st, i, keys, first, &gone);
		i += !gone;
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

/* Move the first in rank of candidates from.. to from. */
static void rank_next(nk_cand_buf *b, size_t from)
{
	size_t best = from;
	for (size_t i = from + 1; i < b->n; i++)
		if (cand_cmp(&b->cand[i], &b->cand[best]) < 0)
			best = i;
	const nk_candidate c = b->cand[from];
	const long long a = b->alias[from];
	b->cand[from] = b->cand[best];
	b->alias[from] = b->alias[best];
	b->cand[best] = c;
	b->alias[best] = a;
}

/* The best candidate alone, with its texts: candidates are checked in
 * rank order until one holds, and then the next, if its evidence is as
 * strong, to tell whether the best stands alone. */
static int keep_best(nk_store *st, const char *keys, bool *alone)
{
	nk_cand_buf *b = &st->cands;
	const size_t first = nk_st_first_key(keys);
	size_t held = 0;
	int rc = NK_OK;
	while (rc == NK_OK && held < 2 && held < b->n) {
		rank_next(b, held);
		if (held == 1 && b->cand[1].evidence != b->cand[0].evidence)
			break;
		/* A checked second holds; its texts are not wanted. */
		bool gone = false;
		if (held == 0 || b->alias[held] < 0)
			rc = fill_cand(st, held, keys, first, &gone);
		held += !gone;
	}
	*alone = held < 2;
	b->n = held ? 1 : 0;
	return rc;
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
	const unsigned known = NK_RESOLVE_ALWAYS_NEAR | NK_RESOLVE_NO_NEAR |
			       NK_RESOLVE_BEST_ONLY | NK_RESOLVE_STREAM |
			       NK_RESOLVE_HOLD_READ;
	return o->version == NK_RESOLVE_OPTIONS_VERSION &&
	       o->lang >= NK_LANG_AUTO && o->lang <= NK_LANG_KO &&
	       (o->flags & ~known) == 0;
}

/* ---------------------------------------------------------------- */
/* The best candidate only                                            */
/* ---------------------------------------------------------------- */

/* Exact aliases: when there are any, they alone decide the best. */
static int best_exact(nk_store *st, const char *name, size_t len)
{
	if (!nk_st_filter_name(st, name, len))
		return NK_OK;
	sqlite3_stmt *q = nk_st_sql(st, nk_store_lookup_sql[LOOKUP_EXACT]);
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, name, len);
	sqlite3_bind_int64(q, 2, nk_st_gram(name, len, len));
	return collect_texts(st, q, name, len);
}

/* The two smallest identities held so far. */
typedef struct two_least {
	long long id[2];
} two_least;

static void two_add(two_least *t, long long id)
{
	if (id < t->id[0]) {
		t->id[1] = t->id[0];
		t->id[0] = id;
	} else if (id < t->id[1]) {
		t->id[1] = id;
	}
}

static bool cand_has(const nk_cand_buf *b, long long id)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->cand[i].identity == id)
			return true;
	return false;
}

/* Whether any alias has the key as its first: if none has, aliases that
 * hash alike never hold. */
static int any_keyed(nk_store *st, const char *key, size_t n, bool *any)
{
	sqlite3_stmt *q = nk_st_sql(st,
				    nk_store_lookup_sql[LOOKUP_ANY_KEYED]);
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, key, n);
	sqlite3_bind_int64(q, 2, nk_st_gram(key, n, n));
	const int rc = nk_st_row(st, q);
	*any = rc == NK_OK;
	if (rc == NK_OK)
		sqlite3_reset(q);
	return rc == NK_ENOTFOUND ? NK_OK : rc;
}

/* Aliases whose key hashes like the first key come by identity: only
 * those below the two least identities held can change the best or
 * whether it stands alone, and each is checked as it comes.  The first
 * that does not hold may be one of many of another key that only hashes
 * alike: then, unless some alias has the key, none will hold. */
static int hashed_below(nk_store *st, const char *keys, size_t first,
			two_least *t)
{
	nk_cand_buf *b = &st->cands;
	sqlite3_stmt *q = nk_st_sql(st, nk_store_lookup_sql[LOOKUP_HASHED]);
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, nk_st_gram(keys, first, first));
	long long last = 0;
	bool probed = false, any = true;
	int rc = NK_OK, step;
	while (rc == NK_OK && any && (step = sqlite3_step(q)) == SQLITE_ROW) {
		const long long id = sqlite3_column_int64(q, 0);
		if (id >= t->id[1])
			break;
		if (id == last || cand_has(b, id))
			continue;
		last = id;
		rc = cand_add(b, id, sqlite3_column_int64(q, 1), NK_STORE_KEY);
		bool gone = false;
		if (rc == NK_OK)
			rc = fill_cand(st, b->n - 1, keys, first, &gone);
		if (rc == NK_OK && !gone)
			two_add(t, id);
		if (rc == NK_OK && gone && !probed) {
			probed = true;
			rc = any_keyed(st, keys, first, &any);
		}
	}
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = nk_st_sqlerr(st, step);
	return rc;
}

/* Same-key evidence, as LOOKUP_NAME and LOOKUP_KEY find it, but only as
 * much of it as the best needs: every checked alias (few), then aliases
 * hashed alike until they can no longer come first or second. */
static int best_by_key(nk_store *st, const char *keys)
{
	const size_t first = nk_st_first_key(keys);
	const char *list = keys, *k;
	size_t n;
	int rc = NK_OK;
	for (bool one = true; rc == NK_OK && nk_st_next_key(&list, &k, &n);
	     one = false)
		rc = collect_key(st, one ? LOOKUP_LISTED : LOOKUP_KEY, k, n);
	if (rc != NK_OK || !nk_st_filter_key(st, keys, first))
		return rc;
	two_least t = { { LLONG_MAX, LLONG_MAX } };
	for (size_t i = 0; i < st->cands.n; i++)
		two_add(&t, st->cands.cand[i].identity);
	return hashed_below(st, keys, first, &t);
}

/* The best candidate, as lookup_all() would rank it first. */
static int lookup_best(nk_store *st, nk_resolution *out, const char *name,
		       size_t len, bool may_near, bool *alone)
{
	int rc = best_exact(st, name, len);
	if (rc == NK_OK && st->cands.n == 0 && out->keys[0])
		rc = best_by_key(st, out->keys);
	/* Near evidence is weaker: it only counts when there is no other. */
	if (rc == NK_OK && st->cands.n == 0 && may_near)
		rc = collect_near(st, out->keys);
	return rc == NK_OK ? keep_best(st, out->keys, alone) : rc;
}

/* The candidates, ranked, with their texts; *alone: no other candidate
 * has evidence as strong as the first. */
static int lookup_all(nk_store *st, nk_resolution *out, const char *name,
		      size_t len, const nk_resolve_options *o, bool *alone)
{
	nk_cand_buf *b = &st->cands;
	const bool may_near = !(o->flags & NK_RESOLVE_NO_NEAR) &&
			      out->keys[0];
	if (o->flags & NK_RESOLVE_BEST_ONLY)
		return lookup_best(st, out, name, len, may_near, alone);
	int rc = collect_first(st, name, len, out->keys);
	if (rc == NK_OK)
		rc = collect_more(st, out->keys);
	/* Unchecked aliases are checked before they can rule near keys out. */
	if (rc == NK_OK && may_near)
		rc = fill_texts(st, out->keys);
	if (rc == NK_OK && may_near &&
	    (b->n == 0 || (o->flags & NK_RESOLVE_ALWAYS_NEAR)))
		rc = collect_near(st, out->keys);
	if (rc != NK_OK)
		return rc;
	rc = fill_texts(st, out->keys);
	if (rc != NK_OK)
		return rc;
	if (b->n)
		qsort(b->cand, b->n, sizeof *b->cand, cand_cmp);
	*alone = b->n < 2 || b->cand[1].evidence > b->cand[0].evidence;
	return rc;
}

static void decide(nk_resolution *out, const nk_cand_buf *b, bool alone)
{
	out->cand = b->cand;
	out->n = b->n;
	out->resolved = b->n > 0 && b->cand[0].evidence <= NK_STORE_KEY &&
			alone;
}

/* Whether the indexes may hold anything for the name: without a near
 * lookup, a name the filter rules out needs no transaction at all. */
static bool worth_asking(const nk_store *st, const char *name, size_t len,
			 const char *keys, const nk_resolve_options *o)
{
	if (!(o->flags & NK_RESOLVE_NO_NEAR) && keys[0])
		return true;
	const char *k;
	size_t n;
	if (nk_st_filter_name(st, name, len))
		return true;
	while (nk_st_next_key(&keys, &k, &n))
		if (nk_st_filter_key(st, k, n))
			return true;
	return false;
}

/* Whether the filter may rule names out.  Inside a held read transaction
 * the snapshot, and so what the filter was checked against, is as it was
 * when the transaction began. */
static int sync_filter(nk_store *st, const nk_resolve_options *o)
{
	st->filter.trusted = false;
	if (!(o->flags & NK_RESOLVE_STREAM))
		return NK_OK;
	if (st->held) {
		nk_st_filter_held(st);
		return NK_OK;
	}
	return nk_st_filter_sync(st);
}

/* The lookups in a read transaction: their own, or one held open for the
 * resolves that follow (nk_st_read_begin() opens none while one is). */
static int lookup_read(nk_store *st, nk_resolution *out, const char *name,
		       size_t len, const nk_resolve_options *o, bool *alone)
{
	int rc = nk_st_read_begin(st);
	if (rc == NK_OK)
		rc = lookup_all(st, out, name, len, o, alone);
	if (rc == NK_OK && (o->flags & NK_RESOLVE_HOLD_READ))
		return nk_st_read_hold(st);
	return nk_st_read_end(st, rc);
}

/* Resolve name, whose keys are in out->keys. */
static int resolve_keys(nk_resolution *out, nk_store *st, const char *name,
			size_t len, const nk_resolve_options *o)
{
	nk_cand_buf *b = &st->cands;
	b->n = 0;
	b->tlen = 0;
	if (!(o->flags & NK_RESOLVE_HOLD_READ))
		nk_st_release(st);
	int rc = sync_filter(st, o);
	bool alone = true;
	if (rc == NK_OK && worth_asking(st, name, len, out->keys, o))
		rc = lookup_read(st, out, name, len, o, &alone);
	else if (rc == NK_OK && st->held)
		rc = nk_st_read_hold(st); /* a name ruled out takes its turn */
	if (rc != NK_OK) {
		b->n = 0;
		return rc == NK_ENOMEM ? nk_st_error(st, rc, "out of memory")
				       : rc;
	}
	fix_pointers(b);
	decide(out, b, alone);
	return NK_OK;
}

/* The checks every resolve starts with; *o gets the options to use. */
static int resolve_start(nk_resolution *out, nk_store *st, const char *name,
			 size_t len, const nk_resolve_options **o)
{
	static const nk_resolve_options defaults = NK_RESOLVE_OPTIONS_INIT;
	*out = (nk_resolution){ .cand = NULL };
	if (!*o)
		*o = &defaults;
	if (!resolve_options_ok(*o))
		return nk_st_error(st, NK_EINVAL, "bad resolve options");
	return nk_st_check_name(st, name, len);
}

static int key_name(nk_store *st, nk_resolution *out, const char *name,
		    size_t len, nk_lang lang)
{
	nk_key_options ko = NK_KEY_OPTIONS_INIT;
	ko.lang = lang;
	const int rc = nk_key(NULL, out->keys, sizeof out->keys, st->ctx, name,
			      len, &ko);
	if (rc == NK_EEMPTY)
		out->keys[0] = '\0';
	else if (rc != NK_OK)
		return nk_st_error(st, rc, "cannot key the name: %s",
				   nk_strerror(rc));
	return NK_OK;
}

int nk_store_resolve(nk_resolution *out, nk_store *st, const char *name,
		     size_t len, const nk_resolve_options *opts)
{
	if (!out || !st)
		return NK_EINVAL;
	int rc = resolve_start(out, st, name, len, &opts);
	if (rc == NK_OK)
		rc = key_name(st, out, name, len, opts->lang);
	return rc == NK_OK ? resolve_keys(out, st, name, len, opts) : rc;
}

int nk_store_resolve_keyed(nk_resolution *out, nk_store *st,
			   const char *name, size_t len, const char *keys,
			   const nk_resolve_options *opts)
{
	if (!out || !st)
		return NK_EINVAL;
	int rc = resolve_start(out, st, name, len, &opts);
	if (rc != NK_OK)
		return rc;
	const size_t n = keys ? strlen(keys) : sizeof out->keys;
	if (n >= sizeof out->keys)
		return nk_st_error(st, NK_EINVAL, "no keys, or keys too long");
	memcpy(out->keys, keys, n + 1);
	return resolve_keys(out, st, name, len, opts);
}
