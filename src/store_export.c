/*
 * store_export.c - export: every alias with its identity's fields, as
 * TSV (backslash escapes), CSV (RFC 4180) or JSONL, in the columns and
 * order store_io.c imports.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define WRITE_BUF (64 * 1024)

const char *const nk_st_column_names[NCOLUMNS] = {
	"ref", "name", "display", "lang", "note", "source", "added",
	"created", "updated"
};

typedef struct writer {
	nk_write_fn fn;
	void *data;
	char buf[WRITE_BUF];
	size_t len;
	bool failed;
} writer;

static void flush(writer *w)
{
	if (w->len && !w->failed)
		w->failed = w->fn(w->data, w->buf, w->len) != 0;
	w->len = 0;
}

static void emit(writer *w, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (w->len == sizeof w->buf)
			flush(w);
		w->buf[w->len++] = s[i];
	}
}

static void emit_c(writer *w, char c)
{
	emit(w, &c, 1);
}

static void emit_tsv(writer *w, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char c = s[i];
		if (c == '\t' || c == '\n' || c == '\r' || c == '\\') {
			emit_c(w, '\\');
			emit_c(w, c == '\t' ? 't' : c == '\n' ? 'n'
				  : c == '\r' ? 'r' : '\\');
		} else {
			emit_c(w, c);
		}
	}
}

static void emit_csv(writer *w, const char *s, size_t n)
{
	if (strcspn(s, ",\"\r\n") >= n) {
		emit(w, s, n);
		return;
	}
	emit_c(w, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			emit_c(w, '"');
		emit_c(w, s[i]);
	}
	emit_c(w, '"');
}

static void emit_row(writer *w, nk_format f, sqlite3_stmt *q, bool header)
{
	const char sep = f == NK_FORMAT_CSV ? ',' : '\t';
	for (int c = 0; c < NCOLUMNS; c++) {
		if (c)
			emit_c(w, sep);
		const char *s = header ? nk_st_column_names[c]
			: (const char *)sqlite3_column_text(q, c);
		const size_t n = header ? strlen(s)
			: (size_t)sqlite3_column_bytes(q, c);
		if (!s)
			continue;
		if (f == NK_FORMAT_CSV)
			emit_csv(w, s, n);
		else
			emit_tsv(w, s, n);
	}
	emit_c(w, '\n');
}

#define EXPORT_FROM \
	" FROM aliases a JOIN identities i ON i.id = a.identity " \
	"ORDER BY i.id, a.id"

static int export_rows(nk_store *st, writer *w, nk_format f)
{
	sqlite3_stmt *q = nk_st_sql(st, f == NK_FORMAT_JSONL
		? "SELECT json_object('ref', i.id, 'name', a.name, 'display', "
		  "i.display, 'lang', i.lang, 'note', i.note, 'source', "
		  "a.source, 'added', a.added, 'created', i.created, "
		  "'updated', i.updated)" EXPORT_FROM
		: "SELECT i.id, a.name, i.display, i.lang, i.note, a.source, "
		  "a.added, i.created, i.updated" EXPORT_FROM);
	if (!q)
		return NK_EDB;
	if (f != NK_FORMAT_JSONL)
		emit_row(w, f, q, true);
	int step;
	while (!w->failed && (step = sqlite3_step(q)) == SQLITE_ROW) {
		if (f == NK_FORMAT_JSONL) {
			emit(w, (const char *)sqlite3_column_text(q, 0),
			     (size_t)sqlite3_column_bytes(q, 0));
			emit_c(w, '\n');
		} else {
			emit_row(w, f, q, false);
		}
	}
	sqlite3_reset(q);
	flush(w);
	if (w->failed)
		return nk_st_error(st, NK_EIO, "export: write error");
	return step == SQLITE_DONE ? NK_OK : nk_st_sqlerr(st, step);
}

int nk_store_export(nk_store *st, nk_write_fn write, void *write_data,
		    nk_format format)
{
	if (!st)
		return NK_EINVAL;
	if (!write || format < NK_FORMAT_TSV || format > NK_FORMAT_JSONL)
		return nk_st_error(st, NK_EINVAL, "bad export format");
	writer *w = malloc(sizeof *w);
	if (!w)
		return nk_st_error(st, NK_ENOMEM, "out of memory");
	*w = (writer){ .fn = write, .data = write_data };
	const int rc = export_rows(st, w, format);
	free(w);
	return rc;
}
