/*
 * store_io.c - import: reading records of TSV (backslash escapes), CSV
 * (RFC 4180) and JSONL (parsed by SQLite's JSON functions) into
 * identities and aliases in one transaction.  The columns are those
 * store_export.c writes, so an export imports into an empty store as
 * the same store.
 *
 * An import keys each name once, counts the key parts of its aliases in
 * memory and adds them to the near-key index once, at the end.  Into an
 * empty store it also drops the three indexes of aliases and builds
 * them again after the last row (same transaction, so still all or
 * nothing): one sorted build is much cheaper than an index insert per
 * alias.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store_int.h"
#include "utf8.h"

#define READ_BUF (64 * 1024)
#define FIELDS_MAX 16
/* A longer record is refused, not buffered: no name is that long. */
#define RECORD_MAX (4 * 1024 * 1024)
#define REFS_MIN 1024
#define INT_TEXT_MAX 24
/* Spreads identity ids over the bits of a name hash (golden ratio). */
#define PAIR_MIX 0x9e3779b97f4a7c15ull


/* ---------------------------------------------------------------- */
/* Records                                                            */
/* ---------------------------------------------------------------- */

typedef struct reader {
	nk_read_fn fn;
	void *data;
	char buf[READ_BUF];
	size_t pos, len;
	bool eof, failed;
	nk_format format;
	/* the current record: fields as (offset, length) into text */
	char *text;
	size_t tlen, tcap;
	size_t off[FIELDS_MAX], flen[FIELDS_MAX];
	bool present[FIELDS_MAX]; /* JSONL: the key was there */
	size_t nfields;
	bool too_long, too_many;
	const char *bad; /* why the record could not be read */
} reader;

static int next_byte(reader *r)
{
	if (r->pos == r->len) {
		if (r->eof || r->failed)
			return EOF;
		const long n = r->fn(r->data, r->buf, sizeof r->buf);
		if (n <= 0) {
			r->eof = n == 0;
			r->failed = n < 0;
			return EOF;
		}
		r->pos = 0;
		r->len = (size_t)n;
	}
	return (unsigned char)r->buf[r->pos++];
}

static int peek_byte(reader *r)
{
	const int c = next_byte(r);
	if (c != EOF)
		r->pos--;
	return c;
}

static void put(reader *r, char c)
{
	if (r->tlen + 1 >= RECORD_MAX) {
		r->too_long = true;
		return;
	}
	if (r->tlen + 1 >= r->tcap) {
		const size_t cap = r->tcap ? 2 * r->tcap : READ_BUF;
		char *t = realloc(r->text, cap);
		if (!t) {
			r->too_long = true;
			return;
		}
		r->text = t;
		r->tcap = cap;
	}
	r->text[r->tlen++] = c;
}

static void end_field(reader *r)
{
	if (r->nfields == FIELDS_MAX) {
		r->too_many = true;
		return;
	}
	size_t start = 0;
	if (r->nfields)
		start = r->off[r->nfields - 1] + r->flen[r->nfields - 1] + 1;
	r->off[r->nfields] = start;
	r->flen[r->nfields] = r->tlen - start;
	r->present[r->nfields] = true;
	r->nfields++;
	put(r, '\0');
}

static void start_record(reader *r)
{
	r->tlen = 0;
	r->nfields = 0;
	r->too_long = r->too_many = false;
	r->bad = NULL;
}

static char tsv_unescape(int c)
{
	switch (c) {
	case 't': return '\t';
	case 'n': return '\n';
	case 'r': return '\r';
	default: return (char)c;
	}
}

/* One line; false at the end of input. */
static bool read_tsv(reader *r, bool split)
{
	int c = next_byte(r);
	if (c == EOF)
		return false;
	for (; c != EOF && c != '\n'; c = next_byte(r)) {
		if (c == '\t' && split) {
			end_field(r);
		} else if (c == '\\' && split && peek_byte(r) != EOF &&
			   peek_byte(r) != '\n') {
			put(r, tsv_unescape(next_byte(r)));
		} else {
			put(r, (char)c);
		}
	}
	if (r->tlen && r->text[r->tlen - 1] == '\r' &&
	    (r->nfields == 0 || r->tlen > r->off[r->nfields - 1]))
		r->tlen--;
	end_field(r);
	return true;
}

static void csv_quoted(reader *r)
{
	for (;;) {
		const int c = next_byte(r);
		if (c == EOF) {
			r->bad = "unterminated quoted field";
			return;
		}
		if (c == '"' && peek_byte(r) != '"')
			return;
		if (c == '"')
			next_byte(r);
		put(r, (char)c);
	}
}

static bool read_csv(reader *r)
{
	int c = next_byte(r);
	if (c == EOF)
		return false;
	for (;;) {
		if (c == '"') {
			csv_quoted(r);
			c = next_byte(r);
			if (c != ',' && c != '\n' && c != '\r' && c != EOF &&
			    !r->bad)
				r->bad = "text after a closing quote";
		}
		while (c != ',' && c != '\n' && c != EOF) {
			if (c != '\r' || (peek_byte(r) != '\n' &&
					  peek_byte(r) != EOF))
				put(r, (char)c);
			c = next_byte(r);
		}
		end_field(r);
		if (c != ',')
			return true;
		c = next_byte(r);
	}
}

static bool read_record(reader *r)
{
	start_record(r);
	switch (r->format) {
	case NK_FORMAT_CSV:
		return read_csv(r);
	case NK_FORMAT_JSONL:
		return read_tsv(r, false);
	default:
		return read_tsv(r, true);
	}
}

static const char *field(const reader *r, size_t i, size_t *len)
{
	*len = i < r->nfields && r->present[i] ? r->flen[i] : 0;
	return i < r->nfields && r->present[i] ? r->text + r->off[i] : NULL;
}

/* Does the JSON text escape a NUL?  SQLite would cut the string there. */
static bool json_has_nul(const char *s, size_t n)
{
	static const char esc[] = "u0000";
	const size_t m = sizeof esc - 1;
	for (size_t i = 1; i + m <= n; i++) {
		if (s[i - 1] != '\\' || strncasecmp(s + i, esc, m) != 0)
			continue;
		size_t slashes = 0;
		while (slashes < i && s[i - 1 - slashes] == '\\')
			slashes++;
		if (slashes % 2)
			return true;
	}
	return false;
}

/* Spread a JSONL line over the fields, by column name. */
static int json_fields(nk_store *st, reader *r)
{
	sqlite3_stmt *q = nk_st_sql(st, "SELECT json_type(?1), "
		"json_extract(?1, '$.ref'), json_extract(?1, '$.name'), "
		"json_extract(?1, '$.display'), json_extract(?1, '$.lang'), "
		"json_extract(?1, '$.note'), json_extract(?1, '$.source'), "
		"json_extract(?1, '$.added'), json_extract(?1, '$.created'), "
		"json_extract(?1, '$.updated')");
	if (!q)
		return NK_EDB;
	if (json_has_nul(r->text, r->flen[0])) {
		r->bad = "a NUL character";
		return NK_OK;
	}
	sqlite3_bind_text(q, 1, r->text, (int)r->flen[0], SQLITE_TRANSIENT);
	const int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		r->bad = "not valid JSON";
		return NK_OK;
	}
	const char *type = (const char *)sqlite3_column_text(q, 0);
	if (!type || strcmp(type, "object") != 0) {
		sqlite3_reset(q);
		r->bad = "not a JSON object";
		return NK_OK;
	}
	start_record(r);
	for (int c = 0; c < NCOLUMNS; c++) {
		const bool has = sqlite3_column_type(q, c + 1) != SQLITE_NULL;
		const char *v = (const char *)sqlite3_column_text(q, c + 1);
		const int n = sqlite3_column_bytes(q, c + 1);
		for (int i = 0; has && v && i < n; i++)
			put(r, v[i]);
		end_field(r);
		r->present[c] = has;
	}
	sqlite3_reset(q);
	return NK_OK;
}

/* ---------------------------------------------------------------- */
/* Refs: the file's identity references -> new identity ids           */
/* ---------------------------------------------------------------- */

typedef struct ref_slot {
	char *ref; /* NULL: empty slot */
	long long id; /* 0: no identity made yet */
	nk_lang lang;
} ref_slot;

typedef struct ref_map {
	ref_slot *slot;
	size_t cap, n;
} ref_map;

static size_t ref_find(const ref_map *m, const char *ref, size_t len)
{
	size_t i = nk_st_hash(ref, len, len) & (m->cap - 1);
	while (m->slot[i].ref && (strlen(m->slot[i].ref) != len ||
				  memcmp(m->slot[i].ref, ref, len) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static bool ref_grow(ref_map *m)
{
	ref_map b = { .cap = m->cap ? 2 * m->cap : REFS_MIN };
	b.slot = calloc(b.cap, sizeof *b.slot);
	if (!b.slot)
		return false;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slot[i].ref)
			b.slot[ref_find(&b, m->slot[i].ref,
					strlen(m->slot[i].ref))] = m->slot[i];
	b.n = m->n;
	free(m->slot);
	*m = b;
	return true;
}

/* The slot of ref, added (id 0) if new; NULL when out of memory. */
static ref_slot *ref_get(ref_map *m, const char *ref, size_t len)
{
	if (2 * (m->n + 1) > m->cap && !ref_grow(m))
		return NULL;
	ref_slot *s = &m->slot[ref_find(m, ref, len)];
	if (s->ref)
		return s;
	s->ref = malloc(len + 1);
	if (!s->ref)
		return NULL;
	memcpy(s->ref, ref, len);
	s->ref[len] = '\0';
	m->n++;
	return s;
}

static void ref_free(ref_map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slot[i].ref);
	free(m->slot);
}

/* ---------------------------------------------------------------- */
/* Name map: (identity, name) pairs -> alias ids                      */
/* ---------------------------------------------------------------- */

/* While aliases_name is dropped, this finds the aliases of a name and
 * identity: each alias whose pair hashes alike is read back and compared
 * (pairs that share a hash each keep their own slot). */
typedef struct name_slot {
	uint64_t hash; /* 0: empty */
	long long alias;
} name_slot;

typedef struct name_map {
	name_slot *slot;
	size_t cap, n;
} name_map;

static uint64_t pair_hash(long long identity, const char *name, size_t len)
{
	const uint64_t h = nk_st_hash(name, len, len) ^
			   ((uint64_t)identity * PAIR_MIX);
	return h ? h : 1;
}

/* The next slot at or after *at holding hash h: its alias, or 0 at the
 * end of h's run. */
static long long map_next(const name_map *m, uint64_t h, size_t *at)
{
	for (size_t i = *at; m->cap && m->slot[i].hash;
	     i = (i + 1) & (m->cap - 1))
		if (m->slot[i].hash == h) {
			*at = (i + 1) & (m->cap - 1);
			return m->slot[i].alias;
		}
	return 0;
}

static void map_place(name_map *m, name_slot s)
{
	size_t i = s.hash & (m->cap - 1);
	while (m->slot[i].hash)
		i = (i + 1) & (m->cap - 1);
	m->slot[i] = s;
	m->n++;
}

static bool map_put(name_map *m, uint64_t h, long long alias)
{
	if (2 * (m->n + 1) > m->cap) {
		name_map b = { .cap = m->cap ? 2 * m->cap : REFS_MIN };
		b.slot = calloc(b.cap, sizeof *b.slot);
		if (!b.slot)
			return false;
		for (size_t i = 0; i < m->cap; i++)
			if (m->slot[i].hash)
				map_place(&b, m->slot[i]);
		free(m->slot);
		*m = b;
	}
	map_place(m, (name_slot){ h, alias });
	return true;
}

/* ---------------------------------------------------------------- */
/* Import                                                             */
/* ---------------------------------------------------------------- */

typedef struct importer {
	nk_store *st;
	const nk_import_options *opts;
	reader *rd;
	ref_map refs;
	int col[NCOLUMNS]; /* field index of each column, -1: absent */
	long long hid, next_alias, first_alias, now;
	unsigned long row;
	nk_import_report rep;
	nk_tally parts;     /* key part uses, added to the index at the end */
	bool bulk;          /* into an empty store: see bulk_begin() */
	char *index_sql;    /* bulk: the dropped indexes, to build again */
	name_map names;     /* bulk: (identity, name) pairs imported */
} importer;

static void default_columns(importer *im)
{
	for (int c = 0; c < NCOLUMNS; c++)
		im->col[c] = c;
}

/* A header row names the columns; false if r's record is no header. */
static bool header(importer *im, const reader *r)
{
	size_t n;
	const char *f = field(r, 0, &n);
	if (!f || strcmp(f, nk_st_column_names[COL_REF]) != 0)
		return false;
	for (int c = 0; c < NCOLUMNS; c++)
		im->col[c] = -1;
	for (size_t i = 0; i < r->nfields; i++)
		for (int c = 0; c < NCOLUMNS; c++)
			if (strcmp(r->text + r->off[i],
				   nk_st_column_names[c]) == 0)
				im->col[c] = (int)i;
	return true;
}

static const char *col(const importer *im, enum nk_st_column c, size_t *len)
{
	if (im->col[c] < 0) {
		*len = 0;
		return NULL;
	}
	const char *f = field(im->rd, (size_t)im->col[c], len);
	return f && *len ? f : NULL;
}

/* Why a record cannot be a row, or NULL. */
static const char *record_problem(const importer *im)
{
	const reader *r = im->rd;
	if (r->bad)
		return r->bad;
	if (r->too_long)
		return "record too long";
	if (r->too_many)
		return "too many fields";
	size_t n;
	if (!col(im, COL_REF, &n))
		return "no ref";
	for (size_t i = 0; i < r->nfields; i++)
		if (nk_utf8_check(r->text + r->off[i], r->flen[i]) < r->flen[i])
			return "invalid UTF-8 or a NUL byte";
	return NULL;
}

static bool parse_time(const importer *im, enum nk_st_column c, long long *out)
{
	size_t n;
	const char *s = col(im, c, &n);
	if (!s) {
		*out = im->now;
		return true;
	}
	char *end;
	*out = strtoll(s, &end, 10);
	return end == s + n && n < INT_TEXT_MAX;
}

static int row_error(importer *im, const char *why)
{
	return nk_st_error(im->st, NK_EFORMAT, "%s", why);
}

/* The message of the last error without the "store PATH: " prefix. */
static const char *bare_error(const nk_store *st)
{
	const char *colon = strstr(st->errmsg, ": ");
	const size_t prefix = strlen("store ") + strlen(st->path);
	return colon && (size_t)(colon - st->errmsg) == prefix ? colon + 2
							       : st->errmsg;
}

static int new_identity(importer *im, ref_slot *ref, const char *name,
			size_t len, nk_lang lang)
{
	nk_st_ident n = { .display = name, .display_len = len, .lang = lang,
			  .origin = im->hid };
	const char *display = col(im, COL_DISPLAY, &n.display_len);
	if (display)
		n.display = display;
	else
		n.display_len = len;
	n.note = col(im, COL_NOTE, &n.note_len);
	if (!parse_time(im, COL_CREATED, &n.created) ||
	    !parse_time(im, COL_UPDATED, &n.updated))
		return row_error(im, "bad created or updated time");
	int rc = nk_st_check_name(im->st, n.display, n.display_len);
	if (rc == NK_OK)
		rc = nk_st_identity_insert(im->st, &ref->id, &n);
	if (rc == NK_OK)
		im->rep.identities++;
	ref->lang = lang;
	return rc;
}

/* Into an empty store, drop the indexes of aliases; bulk_end() builds
 * them again from sorted runs, which is much faster than a million
 * inserts into them and packs their pages full. */
static int bulk_begin(importer *im)
{
	sqlite3_stmt *q = nk_st_sql(im->st, "SELECT group_concat(sql, ';') "
		"FROM sqlite_master WHERE type = 'index' AND tbl_name = "
		"'aliases' AND sql IS NOT NULL AND NOT EXISTS (SELECT 1 "
		"FROM aliases)");
	if (!q)
		return NK_EDB;
	int rc = nk_st_row(im->st, q);
	if (rc != NK_OK)
		return rc;
	const char *sql = (const char *)sqlite3_column_text(q, 0);
	im->index_sql = sql ? strdup(sql) : NULL;
	sqlite3_reset(q);
	if (!sql)
		return NK_OK;
	if (!im->index_sql)
		return nk_st_error(im->st, NK_ENOMEM, "out of memory");
	im->bulk = true;
	return nk_st_exec(im->st, "DROP INDEX aliases_name; "
			  "DROP INDEX aliases_identity; DROP INDEX aliases_key");
}

static int bulk_end(importer *im)
{
	return im->bulk ? nk_st_exec(im->st, im->index_sql) : NK_OK;
}

/* Is the pair new?  What nk_st_alias_insert() checks through
 * aliases_name, while that is dropped. */
static int bulk_unique(importer *im, long long identity, const char *name,
		       size_t len)
{
	const uint64_t h = pair_hash(identity, name, len);
	size_t at = h & (im->names.cap - 1);
	long long alias;
	while ((alias = map_next(&im->names, h, &at)) != 0) {
		sqlite3_stmt *q = nk_st_sql(im->st, "SELECT 1 FROM aliases "
			"WHERE id = ?1 AND identity = ?2 AND name = ?3");
		if (!q)
			return NK_EDB;
		sqlite3_bind_int64(q, 1, alias);
		sqlite3_bind_int64(q, 2, identity);
		nk_st_bind_text(q, 3, name, len);
		const int rc = nk_st_row(im->st, q);
		if (rc == NK_OK) {
			sqlite3_reset(q);
			return nk_st_error(im->st, NK_EINVAL, "identity %lld "
					   "already has the alias '%.*s'",
					   identity, (int)len, name);
		}
		if (rc != NK_ENOTFOUND)
			return rc;
	}
	return NK_OK;
}

static int bulk_note(importer *im, long long identity, const char *name,
		     size_t len)
{
	return map_put(&im->names, pair_hash(identity, name, len),
		       im->next_alias)
		? NK_OK : nk_st_error(im->st, NK_ENOMEM, "out of memory");
}

static bool is_row_error(int rc)
{
	return rc == NK_EFORMAT || rc == NK_EUTF8 || rc == NK_ETOOLONG ||
	       rc == NK_EEMPTY || rc == NK_EINVAL;
}

static int import_row(importer *im)
{
	const char *why = record_problem(im);
	if (why)
		return row_error(im, why);
	nk_st_alias a = { .id = im->next_alias };
	size_t rlen, llen;
	const char *ref = col(im, COL_REF, &rlen);
	a.name = col(im, COL_NAME, &a.len);
	const char *lang_s = col(im, COL_LANG, &llen);
	nk_lang lang = NK_LANG_AUTO;
	if (!a.name)
		return row_error(im, "no name");
	if (lang_s && !nk_st_parse_lang(lang_s, &lang))
		return row_error(im, "unknown language");
	a.source = col(im, COL_SOURCE, &a.source_len);
	if (!parse_time(im, COL_ADDED, &a.added))
		return row_error(im, "bad added time");
	int rc = nk_st_check_name(im->st, a.name, a.len);
	ref_slot *slot = rc == NK_OK ? ref_get(&im->refs, ref, rlen) : NULL;
	if (rc == NK_OK && !slot)
		return nk_st_error(im->st, NK_ENOMEM, "out of memory");
	const bool fresh = rc == NK_OK && slot->id == 0;
	char keys[NK_KEY_MAX];
	/* Key before making the identity: a bad name costs no id. */
	if (rc == NK_OK)
		rc = nk_st_keys_make(im->st, keys, a.name, a.len,
				     fresh ? lang : slot->lang);
	if (fresh && rc == NK_OK)
		rc = new_identity(im, slot, a.name, a.len, lang);
	else if (rc == NK_OK && im->bulk)
		rc = bulk_unique(im, slot->id, a.name, a.len);
	if (rc != NK_OK)
		return rc;
	a.identity = slot->id;
	a.keys = keys;
	a.unique = im->bulk;
	rc = nk_st_alias_insert(im->st, NULL, &a, slot->lang);
	if (rc == NK_OK && im->bulk)
		rc = bulk_note(im, slot->id, a.name, a.len);
	if (rc == NK_OK) {
		im->next_alias++;
		im->rep.aliases++;
	}
	return rc;
}

static bool blank(const reader *r)
{
	return r->nfields == 1 && r->flen[0] == 0 && !r->bad;
}

/* One record: a header, a row, or a bad row to skip or fail on. */
static int import_record(importer *im)
{
	if (blank(im->rd))
		return NK_OK;
	if (im->opts->format == NK_FORMAT_JSONL) {
		const int rc = json_fields(im->st, im->rd);
		if (rc != NK_OK)
			return rc;
	} else if (im->row == 1 && header(im, im->rd)) {
		return NK_OK;
	}
	im->rep.rows++;
	const int rc = import_row(im);
	if (rc == NK_OK || !is_row_error(rc))
		return rc;
	char why[NK_STORE_ERRMSG_MAX];
	snprintf(why, sizeof why, "%s", bare_error(im->st));
	if (!(im->opts->flags & NK_IMPORT_SKIP_BAD))
		return nk_st_error(im->st, NK_EFORMAT, "row %lu: %s", im->row,
				   why);
	im->rep.skipped++;
	if (im->opts->skip)
		im->opts->skip(im->opts->skip_data, im->row, why);
	return NK_OK;
}

static int import_start(importer *im)
{
	sqlite3_stmt *q = nk_st_sql(im->st, "SELECT coalesce(max(id), 0) + 1 "
				    "FROM aliases");
	if (!q)
		return NK_EDB;
	int rc = nk_st_row(im->st, q);
	if (rc != NK_OK)
		return rc;
	im->first_alias = im->next_alias = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	q = nk_st_sql(im->st, "INSERT INTO history(at, op, detail) "
		      "VALUES (?1, 'import', '{}')");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, im->now);
	rc = nk_st_run(im->st, q);
	im->hid = sqlite3_last_insert_rowid(im->st->db);
	return rc;
}

static int import_finish(importer *im)
{
	sqlite3_stmt *q = nk_st_sql(im->st, "UPDATE history SET detail = "
		"json_object('file', ?2, 'rows', ?3, 'identities', ?4, "
		"'first_alias', ?5, 'last_alias', ?6) WHERE id = ?1");
	if (!q)
		return NK_EDB;
	sqlite3_bind_int64(q, 1, im->hid);
	nk_st_bind_str(q, 2, im->opts->label);
	sqlite3_bind_int64(q, 3, (sqlite3_int64)im->rep.rows);
	sqlite3_bind_int64(q, 4, (sqlite3_int64)im->rep.identities);
	sqlite3_bind_int64(q, 5, im->first_alias);
	sqlite3_bind_int64(q, 6, im->next_alias - 1);
	return nk_st_run(im->st, q);
}

static int import_rows(importer *im)
{
	int rc = bulk_begin(im);
	if (rc == NK_OK)
		rc = import_start(im);
	while (rc == NK_OK && read_record(im->rd)) {
		im->row++;
		rc = import_record(im);
	}
	if (rc == NK_OK && im->rd->failed)
		rc = nk_st_error(im->st, NK_EIO, "row %lu: read error",
				 im->row + 1);
	return rc;
}

static int import_all(importer *im)
{
	im->st->tally = &im->parts;
	int rc = import_rows(im);
	im->st->tally = NULL;
	if (rc == NK_OK)
		rc = nk_st_near_flush(im->st, &im->parts);
	if (rc == NK_OK)
		rc = bulk_end(im);
	return rc == NK_OK ? import_finish(im) : rc;
}

static bool import_options_ok(const nk_import_options *o)
{
	return o->version == NK_IMPORT_OPTIONS_VERSION &&
	       o->format >= NK_FORMAT_TSV && o->format <= NK_FORMAT_JSONL &&
	       (o->flags & ~(unsigned)NK_IMPORT_SKIP_BAD) == 0;
}

int nk_store_import(nk_import_report *out, nk_store *st, nk_read_fn read,
		    void *read_data, const nk_import_options *opts)
{
	if (!st)
		return NK_EINVAL;
	if (!read || !opts || !import_options_ok(opts))
		return nk_st_error(st, NK_EINVAL, "bad import options");
	reader *rd = calloc(1, sizeof *rd);
	if (!rd)
		return nk_st_error(st, NK_ENOMEM, "out of memory");
	*rd = (reader){ .fn = read, .data = read_data, .format = opts->format };
	importer im = { .st = st, .opts = opts, .rd = rd, .now = nk_st_now() };
	default_columns(&im);
	int rc = nk_st_write_begin(st);
	if (rc == NK_OK)
		rc = nk_st_write_end(st, import_all(&im));
	if (out)
		*out = rc == NK_OK ? im.rep : (nk_import_report){ 0 };
	ref_free(&im.refs);
	nk_tally_free(&im.parts);
	free(im.names.slot);
	free(im.index_sql);
	free(rd->text);
	free(rd);
	return rc;
}
