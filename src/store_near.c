/*
 * store_near.c - the near-key index: which key parts exist and how many
 * keys use each (key_parts), and the grams that find a part from any
 * part one edit away (key_grams); also the in-memory tally that imports,
 * reindexing and the check use to count parts without a statement per
 * alias.
 *
 * The index works on key parts ("ko:kim:sokil" has the parts "kim" and
 * "sokil"): a typo usually changes one part by one letter.  Each
 * distinct part is indexed once, under hashes of itself and of its
 * one-letter deletions, so two parts within one insertion, deletion,
 * substitution or swap of neighbours share a gram.  A part is counted
 * once per use in a key of an alias; when the count reaches 0 the part
 * and its grams go, so the index shrinks as aliases are removed.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define TALLY_MIN 1024
#define TALLY_TEXT_MIN 4096
#define GRAM_BITS NK_ST_GRAM_BITS
#define GRAM_MASK ((1u << GRAM_BITS) - 1)
#define GRAM_HALF (1 << (GRAM_BITS - 1))

uint64_t nk_st_hash(const char *p, size_t n, size_t skip)
{
	const uint64_t h = nk_fnv_skip(p, n, skip);
	return h ? h : 1;
}

sqlite3_int64 nk_st_gram(const char *p, size_t n, size_t skip)
{
	const uint64_t h = nk_st_hash(p, n, skip);
	const uint64_t folded = h ^ (h >> GRAM_BITS) ^ (h >> 2 * GRAM_BITS);
	return (sqlite3_int64)(folded & GRAM_MASK) - GRAM_HALF;
}

/* ---------------------------------------------------------------- */
/* Key lists and parts                                                */
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

bool nk_st_next_key(const char **list, const char **key, size_t *len)
{
	const char *k = *list;
	while (*k == ' ')
		k++;
	if (!*k)
		return false;
	*key = k;
	*len = strcspn(k, " ");
	*list = k + *len;
	return true;
}

/* ---------------------------------------------------------------- */
/* Tally                                                              */
/* ---------------------------------------------------------------- */

static size_t tally_probe(const nk_tally *t, uint64_t h, const char *p,
			  size_t n)
{
	size_t i = h & (t->cap - 1);
	while (t->slot[i].hash &&
	       (t->slot[i].hash != h || t->slot[i].len != n ||
		memcmp(t->text + t->slot[i].off, p, n) != 0))
		i = (i + 1) & (t->cap - 1);
	return i;
}

static bool tally_grow(nk_tally *t)
{
	const size_t cap = t->cap ? 2 * t->cap : TALLY_MIN;
	nk_tally_slot *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return false;
	for (size_t i = 0; i < t->cap; i++) {
		const nk_tally_slot *s = &t->slot[i];
		if (!s->hash)
			continue;
		size_t j = s->hash & (cap - 1);
		while (slot[j].hash)
			j = (j + 1) & (cap - 1);
		slot[j] = *s;
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
	return true;
}

static bool tally_text(nk_tally *t, const char *p, size_t n, size_t *off)
{
	if (t->tlen + n > t->tcap) {
		size_t cap = t->tcap ? 2 * t->tcap : TALLY_TEXT_MIN;
		while (cap < t->tlen + n)
			cap *= 2;
		char *text = realloc(t->text, cap);
		if (!text)
			return false;
		t->text = text;
		t->tcap = cap;
	}
	memcpy(t->text + t->tlen, p, n);
	*off = t->tlen;
	t->tlen += n;
	return true;
}

nk_tally_slot *nk_tally_find(const nk_tally *t, const char *p, size_t n)
{
	if (!t->cap)
		return NULL;
	nk_tally_slot *s = &t->slot[tally_probe(t, nk_st_hash(p, n, n), p, n)];
	return s->hash ? s : NULL;
}

/* Count n uses of part p; false when out of memory. */
static bool tally_add(nk_tally *t, const char *p, size_t n, long long count)
{
	if (2 * (t->n + 1) > t->cap && !tally_grow(t))
		return false;
	const uint64_t h = nk_st_hash(p, n, n);
	nk_tally_slot *s = &t->slot[tally_probe(t, h, p, n)];
	if (!s->hash) {
		if (!tally_text(t, p, n, &s->off))
			return false;
		s->hash = h;
		s->len = n;
		t->n++;
	}
	s->count += count;
	return true;
}

bool nk_tally_keys(nk_tally *t, const char *keys, size_t len)
{
	const char *end = keys + len, *k;
	size_t n;
	while (keys < end && nk_st_next_key(&keys, &k, &n)) {
		nk_part_iter it = nk_st_parts(k, n);
		const char *p;
		size_t pn;
		while (nk_st_next_part(&it, &p, &pn))
			if (!tally_add(t, p, pn, 1))
				return false;
	}
	return true;
}

void nk_tally_free(nk_tally *t)
{
	free(t->slot);
	free(t->text);
	*t = (nk_tally){ 0 };
}

/* ---------------------------------------------------------------- */
/* One part at a time                                                 */
/* ---------------------------------------------------------------- */

/* Run sql (?1 a gram, ?2 the part) for every deletion gram of p. */
static int grams_each(nk_store *st, const char *sql, long long part,
		      const char *p, size_t n)
{
	sqlite3_stmt *q = nk_st_sql(st, sql);
	if (!q)
		return NK_EDB;
	int rc = NK_OK;
	for (size_t skip = 0; skip <= n && rc == NK_OK; skip++) {
		sqlite3_bind_int64(q, 1, nk_st_gram(p, n, skip));
		sqlite3_bind_int64(q, 2, part);
		rc = nk_st_run(st, q);
	}
	return rc;
}

static int grams_write(nk_store *st, long long part, const char *p, size_t n)
{
	return grams_each(st, "INSERT OR IGNORE INTO key_grams(gram, part) "
			  "VALUES (?1, ?2)", part, p, n);
}

static int grams_delete(nk_store *st, long long part, const char *p,
			size_t n)
{
	return grams_each(st, "DELETE FROM key_grams WHERE gram = ?1 AND "
			  "part = ?2", part, p, n);
}

/* Add count uses of part p; *fresh: the part is new (has no grams).
 * Two plain statements rather than an upsert with RETURNING, which
 * builds a temporary table on every run. */
static int part_add(nk_store *st, const char *p, size_t n, long long count,
		    long long *id, bool *fresh)
{
	sqlite3_stmt *q = nk_st_sql(st, "UPDATE key_parts SET refs = refs + ?2 "
				    "WHERE part = ?1");
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, p, n);
	sqlite3_bind_int64(q, 2, count);
	int rc = nk_st_run(st, q);
	*fresh = rc == NK_OK && sqlite3_changes(st->db) == 0;
	if (!*fresh)
		return rc;
	q = nk_st_sql(st, "INSERT INTO key_parts(part, refs) VALUES (?1, ?2)");
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, p, n);
	sqlite3_bind_int64(q, 2, count);
	rc = nk_st_run(st, q);
	*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

/* Remove one use of part p; the part goes with its last use. */
static int part_drop(nk_store *st, const char *p, size_t n)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT id, refs FROM key_parts "
				    "WHERE part = ?1");
	if (!q)
		return NK_EDB;
	nk_st_bind_text(q, 1, p, n);
	int rc = nk_st_row(st, q);
	if (rc == NK_ENOTFOUND)
		return NK_OK;
	if (rc != NK_OK)
		return rc;
	const long long id = sqlite3_column_int64(q, 0);
	const bool last = sqlite3_column_int64(q, 1) <= 1;
	sqlite3_reset(q);
	if (!last)
		return nk_st_run_with(st, "UPDATE key_parts SET "
				      "refs = refs - 1 WHERE id = ?1", id, 0);
	rc = grams_delete(st, id, p, n);
	return rc == NK_OK ? nk_st_run_with(st, "DELETE FROM key_parts "
					    "WHERE id = ?1", id, 0) : rc;
}

static int count_part(nk_store *st, const char *p, size_t n, int delta)
{
	if (delta < 0)
		return part_drop(st, p, n);
	long long id;
	bool fresh;
	const int rc = part_add(st, p, n, delta, &id, &fresh);
	return rc == NK_OK && fresh ? grams_write(st, id, p, n) : rc;
}

int nk_st_near_count(nk_store *st, const char *keys, size_t len, int delta)
{
	if (st->tally)
		return nk_tally_keys(st->tally, keys, len)
			? NK_OK : nk_st_error(st, NK_ENOMEM, "out of memory");
	const char *end = keys + len, *k;
	size_t n;
	int rc = NK_OK;
	while (rc == NK_OK && keys < end && nk_st_next_key(&keys, &k, &n)) {
		nk_part_iter it = nk_st_parts(k, n);
		const char *p;
		size_t pn;
		while (rc == NK_OK && nk_st_next_part(&it, &p, &pn))
			rc = count_part(st, p, pn, delta);
	}
	return rc;
}

/* ---------------------------------------------------------------- */
/* Many parts at once                                                 */
/* ---------------------------------------------------------------- */

typedef struct gram_row {
	sqlite3_int64 gram, part;
} gram_row;

/* A gram as an unsigned number in the same order. */
static uint32_t gram_key(sqlite3_int64 gram)
{
	return (uint32_t)gram ^ 0x80000000u;
}

typedef struct gram_buf {
	gram_row *row;
	size_t n, cap;
} gram_buf;

static bool grams_push(gram_buf *g, long long part, const char *p, size_t n)
{
	if (g->n + n + 1 > g->cap) {
		size_t cap = g->cap ? 2 * g->cap : TALLY_MIN;
		while (cap < g->n + n + 1)
			cap *= 2;
		gram_row *row = realloc(g->row, cap * sizeof *row);
		if (!row)
			return false;
		g->row = row;
		g->cap = cap;
	}
	for (size_t skip = 0; skip <= n; skip++)
		g->row[g->n++] = (gram_row){ nk_st_gram(p, n, skip), part };
	return true;
}

/* Sort by gram, keeping the order of rows with equal grams: they were
 * pushed in part id order, so the result is in (gram, part) order, as
 * key_grams keeps them.  LSD radix sort, a byte at a time. */
static bool grams_sort(gram_buf *g)
{
	enum { RADIX = 256, PASSES = 4, BYTE_BITS = 8 };
	gram_row *tmp = malloc((g->n ? g->n : 1) * sizeof *tmp);
	if (!tmp)
		return false;
	gram_row *from = g->row, *to = tmp;
	for (unsigned pass = 0; pass < PASSES; pass++) {
		size_t start[RADIX] = { 0 };
		const unsigned shift = pass * BYTE_BITS;
		for (size_t i = 0; i < g->n; i++)
			start[(gram_key(from[i].gram) >> shift) &
			      (RADIX - 1)]++;
		size_t at = 0;
		for (size_t b = 0; b < RADIX; b++) {
			const size_t n = start[b];
			start[b] = at;
			at += n;
		}
		for (size_t i = 0; i < g->n; i++)
			to[start[(gram_key(from[i].gram) >> shift) &
				 (RADIX - 1)]++] = from[i];
		gram_row *swap = from;
		from = to;
		to = swap;
	}
	/* An even number of passes ends in g->row again. */
	free(tmp);
	return true;
}

/* A statement of GRAMS_PER_INSERT rows: one step for many rows. */
#define GRAM_ROW "(?, ?)"
#define GRAM_ROWS4 GRAM_ROW ", " GRAM_ROW ", " GRAM_ROW ", " GRAM_ROW
#define GRAM_ROWS16 GRAM_ROWS4 ", " GRAM_ROWS4 ", " GRAM_ROWS4 ", " GRAM_ROWS4
#define GRAMS_PER_INSERT 64
static const char grams_insert_many[] = "INSERT OR IGNORE INTO "
	"key_grams(gram, part) VALUES " GRAM_ROWS16 ", " GRAM_ROWS16 ", "
	GRAM_ROWS16 ", " GRAM_ROWS16;

/* Insert rows [at, at + n) of g with q (2 parameters per row). */
static int grams_insert(nk_store *st, sqlite3_stmt *q, const gram_buf *g,
			size_t at, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int64(q, (int)(2 * i + 1), g->row[at + i].gram);
		sqlite3_bind_int64(q, (int)(2 * i + 2), g->row[at + i].part);
	}
	return nk_st_run(st, q);
}

/* Sorted, so that each insert appends to the b-tree. */
static int grams_flush(nk_store *st, gram_buf *g)
{
	if (!grams_sort(g))
		return nk_st_error(st, NK_ENOMEM, "out of memory");
	sqlite3_stmt *many = nk_st_sql(st, grams_insert_many);
	if (!many)
		return NK_EDB;
	size_t at = 0;
	int rc = NK_OK;
	for (; rc == NK_OK && g->n - at >= GRAMS_PER_INSERT;
	     at += GRAMS_PER_INSERT)
		rc = grams_insert(st, many, g, at, GRAMS_PER_INSERT);
	sqlite3_stmt *one = rc == NK_OK ? nk_st_sql(st, "INSERT OR IGNORE INTO "
		"key_grams(gram, part) VALUES (?1, ?2)") : NULL;
	if (!one)
		return rc == NK_OK ? NK_EDB : rc;
	for (; rc == NK_OK && at < g->n; at++)
		rc = grams_insert(st, one, g, at, 1);
	return rc;
}

/* A tallied part, pointing into the tally's text. */
typedef struct part_use {
	const char *p;
	size_t n;
	long long count;
} part_use;

static int use_cmp(const void *a, const void *b)
{
	const part_use *x = a, *y = b;
	const int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
	return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* The parts of t in key_parts' index order. */
static part_use *sorted_uses(const nk_tally *t)
{
	part_use *v = malloc((t->n ? t->n : 1) * sizeof *v);
	if (!v)
		return NULL;
	size_t n = 0;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i].hash)
			v[n++] = (part_use){ t->text + t->slot[i].off,
					     t->slot[i].len, t->slot[i].count };
	qsort(v, n, sizeof *v, use_cmp);
	return v;
}

/* Parts rows of a statement of PARTS_PER_INSERT rows. */
#define PART_ROW "(?, ?, ?)"
#define PART_ROWS4 PART_ROW ", " PART_ROW ", " PART_ROW ", " PART_ROW
#define PART_ROWS16 PART_ROWS4 ", " PART_ROWS4 ", " PART_ROWS4 ", " PART_ROWS4
#define PARTS_PER_INSERT 32
static const char parts_insert_many[] = "INSERT INTO key_parts(id, part, "
	"refs) VALUES " PART_ROWS16 ", " PART_ROWS16;

/* Insert v[at, at + n) as parts at + 1 ... with q (3 parameters a row). */
static int parts_insert(nk_store *st, sqlite3_stmt *q, const part_use *v,
			size_t at, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int64(q, (int)(3 * i + 1),
				   (sqlite3_int64)(at + i + 1));
		nk_st_bind_text(q, (int)(3 * i + 2), v[at + i].p, v[at + i].n);
		sqlite3_bind_int64(q, (int)(3 * i + 3), v[at + i].count);
	}
	return nk_st_run(st, q);
}

/* Into an empty key_parts every part is new: ids 1, 2, ... in part
 * order, many rows a statement. */
static int parts_fill(nk_store *st, const part_use *v, size_t n, gram_buf *g)
{
	sqlite3_stmt *many = nk_st_sql(st, parts_insert_many);
	if (!many)
		return NK_EDB;
	size_t at = 0;
	int rc = NK_OK;
	for (; rc == NK_OK && n - at >= PARTS_PER_INSERT;
	     at += PARTS_PER_INSERT)
		rc = parts_insert(st, many, v, at, PARTS_PER_INSERT);
	sqlite3_stmt *one = rc == NK_OK ? nk_st_sql(st, "INSERT INTO "
		"key_parts(id, part, refs) VALUES (?1, ?2, ?3)") : NULL;
	if (!one)
		return rc == NK_OK ? NK_EDB : rc;
	for (; rc == NK_OK && at < n; at++)
		rc = parts_insert(st, one, v, at, 1);
	for (size_t i = 0; rc == NK_OK && i < n; i++)
		if (!grams_push(g, (long long)i + 1, v[i].p, v[i].n))
			rc = nk_st_error(st, NK_ENOMEM, "out of memory");
	return rc;
}

/* Into a key_parts that has rows: part by part. */
static int parts_merge(nk_store *st, const part_use *v, size_t n,
		       gram_buf *g)
{
	int rc = NK_OK;
	for (size_t i = 0; i < n && rc == NK_OK; i++) {
		long long id;
		bool fresh;
		rc = part_add(st, v[i].p, v[i].n, v[i].count, &id, &fresh);
		if (rc == NK_OK && fresh && !grams_push(g, id, v[i].p, v[i].n))
			rc = nk_st_error(st, NK_ENOMEM, "out of memory");
	}
	return rc;
}

int nk_st_near_flush(nk_store *st, const nk_tally *t)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT EXISTS (SELECT 1 FROM "
				    "key_parts)");
	int rc = q ? nk_st_row(st, q) : NK_EDB;
	if (rc != NK_OK)
		return rc == NK_ENOTFOUND ? NK_EDB : rc;
	const bool empty = sqlite3_column_int(q, 0) == 0;
	sqlite3_reset(q);
	part_use *v = sorted_uses(t);
	gram_buf g = { 0 };
	if (!v)
		return nk_st_error(st, NK_ENOMEM, "out of memory");
	rc = empty ? parts_fill(st, v, t->n, &g) : parts_merge(st, v, t->n, &g);
	free(v);
	if (rc == NK_OK)
		rc = grams_flush(st, &g);
	free(g.row);
	return rc;
}

static int tally_column(nk_store *st, nk_tally *t, const char *sql)
{
	sqlite3_stmt *q = nk_st_sql(st, sql);
	if (!q)
		return NK_EDB;
	int rc = NK_OK, step;
	while (rc == NK_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
		if (!nk_tally_keys(t, (const char *)sqlite3_column_text(q, 0),
				   (size_t)sqlite3_column_bytes(q, 0)))
			rc = nk_st_error(st, NK_ENOMEM, "out of memory");
	sqlite3_reset(q);
	if (rc == NK_OK && step != SQLITE_DONE)
		rc = nk_st_sqlerr(st, step);
	return rc;
}

int nk_st_near_rebuild(nk_store *st)
{
	nk_tally t = { 0 };
	int rc = nk_st_exec(st, "DELETE FROM key_grams; DELETE FROM key_parts");
	if (rc == NK_OK)
		rc = tally_column(st, &t, "SELECT key FROM aliases");
	if (rc == NK_OK)
		rc = tally_column(st, &t, "SELECT key FROM alias_keys");
	if (rc == NK_OK)
		rc = nk_st_near_flush(st, &t);
	nk_tally_free(&t);
	return rc;
}
