/*
 * records.c - record readers and writers for the batch commands.
 *
 * Owns the formats' grammar: where a record ends (a CSV quoted field may
 * hold newlines), how fields are split and unquoted, and a strict JSON
 * reader for JSONL that finds one top-level string member.  Malformed
 * input is reported with its line and never mistaken for data.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "records.h"

#define NK_REC_INITIAL_CAP 256
#define UTF8_BOM "\xEF\xBB\xBF"
#define UTF8_BOM_LEN 3

static bool grow(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return true;
	size_t c = *cap ? *cap : NK_REC_INITIAL_CAP;
	while (c < need)
		c *= 2;
	char *b = realloc(*buf, c);
	if (!b)
		return false;
	*buf = b;
	*cap = c;
	return true;
}

void nk_rec_init(nk_rec_reader *r, FILE *f, nk_rec_format fmt)
{
	*r = (nk_rec_reader){ .f = f, .fmt = fmt, .next_line = 1 };
}

void nk_rec_free(nk_rec_reader *r)
{
	free(r->raw);
	free(r->value);
	free(r->fields);
	*r = (nk_rec_reader){ 0 };
}

/* Append one physical line (without its newline) to raw; false at EOF. */
static int read_line(nk_rec_reader *r, bool *had_newline)
{
	int c;
	size_t start = r->raw_len;

	*had_newline = false;
	while ((c = getc_unlocked(r->f)) != EOF) {
		r->bytes++;
		if (c == '\n') {
			*had_newline = true;
			break;
		}
		if (!grow(&r->raw, &r->raw_cap, r->raw_len + 2))
			return NK_REC_IO;
		r->raw[r->raw_len++] = (char)c;
	}
	if (ferror(r->f))
		return NK_REC_IO;
	if (c == EOF && r->raw_len == start && !*had_newline)
		return NK_REC_EOF;
	if (r->raw_len > start && r->raw[r->raw_len - 1] == '\r')
		r->raw_len--;
	r->next_line++;
	return NK_REC_OK;
}

/*
 * Does raw end inside a quoted CSV field?  A quote opens a field only at
 * the field's start; a stray quote elsewhere is an error split_csv()
 * reports, not the start of a multi-line field.
 */
static bool csv_open_quote(const char *s, size_t n)
{
	bool quoted = false, field_start = true;
	for (size_t i = 0; i < n; i++) {
		if (quoted) {
			if (s[i] == '"' && i + 1 < n && s[i + 1] == '"')
				i++;
			else if (s[i] == '"')
				quoted = false;
			continue;
		}
		if (field_start && s[i] == '"')
			quoted = true;
		field_start = s[i] == ',';
	}
	return quoted;
}

static void strip_bom(nk_rec_reader *r)
{
	if (r->started)
		return;
	r->started = true;
	if (r->raw_len >= UTF8_BOM_LEN && memcmp(r->raw, UTF8_BOM, UTF8_BOM_LEN) == 0) {
		memmove(r->raw, r->raw + UTF8_BOM_LEN, r->raw_len - UTF8_BOM_LEN);
		r->raw_len -= UTF8_BOM_LEN;
	}
}

static bool add_field(nk_rec_reader *r, size_t off, size_t len)
{
	if (r->nfields == r->fields_cap) {
		const size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
		nk_rec_field *f = realloc(r->fields, cap * sizeof *f);
		if (!f)
			return false;
		r->fields = f;
		r->fields_cap = cap;
	}
	r->fields[r->nfields++] = (nk_rec_field){ off, len };
	return true;
}

static int split_tsv(nk_rec_reader *r)
{
	if (!grow(&r->value, &r->value_cap, r->raw_len + 1))
		return NK_REC_IO;
	memcpy(r->value, r->raw, r->raw_len);
	r->value_len = r->raw_len;
	size_t start = 0;
	for (size_t i = 0; i <= r->raw_len; i++) {
		if (i < r->raw_len && r->raw[i] != '\t')
			continue;
		if (!add_field(r, start, i - start))
			return NK_REC_IO;
		start = i + 1;
	}
	return NK_REC_OK;
}

static int malformed(nk_rec_reader *r, const char *what)
{
	snprintf(r->error, sizeof r->error, "%s", what);
	return NK_REC_MALFORMED;
}

/* RFC 4180: unquote fields into value. */
static int split_csv(nk_rec_reader *r)
{
	const char *s = r->raw;
	const size_t n = r->raw_len;
	size_t i = 0;

	if (!grow(&r->value, &r->value_cap, n + 1))
		return NK_REC_IO;
	r->value_len = 0;
	for (;;) {
		const size_t off = r->value_len;
		if (i < n && s[i] == '"') {
			for (i++;; i++) {
				if (i >= n)
					return malformed(r, "unterminated quoted field");
				if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
					r->value[r->value_len++] = '"';
					i++;
				} else if (s[i] == '"') {
					i++;
					break;
				} else {
					r->value[r->value_len++] = s[i];
				}
			}
			if (i < n && s[i] != ',')
				return malformed(r, "text after a closing quote");
		} else {
			for (; i < n && s[i] != ','; i++) {
				if (s[i] == '"')
					return malformed(r, "quote inside an unquoted field");
				r->value[r->value_len++] = s[i];
			}
		}
		if (!add_field(r, off, r->value_len - off))
			return NK_REC_IO;
		if (i >= n)
			return NK_REC_OK;
		i++; /* the comma */
	}
}

/* ---- JSON ---------------------------------------------------------- */

typedef struct json {
	const char *s;
	size_t n, i;
	char *out;     /* decoded string bytes */
	size_t out_len;
	const char *error;
} json;

static void skip_ws(json *j)
{
	while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' ||
			       j->s[j->i] == '\r' || j->s[j->i] == '\n'))
		j->i++;
}

static bool fail(json *j, const char *what)
{
	if (!j->error)
		j->error = what;
	return false;
}

static int hex4(const char *s)
{
	int v = 0;
	for (int k = 0; k < 4; k++) {
		const char c = s[k];
		int d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static void put_utf8(json *j, uint32_t cp)
{
	char *o = j->out + j->out_len;
	if (cp < 0x80) {
		o[0] = (char)cp;
		j->out_len += 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		j->out_len += 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		j->out_len += 3;
	} else {
		o[0] = (char)(0xF0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		j->out_len += 4;
	}
}

static bool escape(json *j, bool keep)
{
	static const char from[] = "\"\\/bfnrt";
	static const char to[] = "\"\\/\b\f\n\r\t";
	const char c = j->s[j->i++];
	const char *p = strchr(from, c);

	if (c != 'u') {
		if (!p || !c)
			return fail(j, "bad escape in a JSON string");
		if (keep)
			j->out[j->out_len++] = to[p - from];
		return true;
	}
	if (j->n - j->i < 4 || hex4(j->s + j->i) < 0)
		return fail(j, "bad \\u escape in a JSON string");
	uint32_t cp = (uint32_t)hex4(j->s + j->i);
	j->i += 4;
	if (cp >= 0xD800 && cp < 0xDC00) {
		if (j->n - j->i < 6 || j->s[j->i] != '\\' || j->s[j->i + 1] != 'u')
			return fail(j, "lone surrogate in a JSON string");
		const int lo = hex4(j->s + j->i + 2);
		if (lo < 0xDC00 || lo >= 0xE000)
			return fail(j, "lone surrogate in a JSON string");
		cp = 0x10000 + ((cp - 0xD800) << 10) + (uint32_t)(lo - 0xDC00);
		j->i += 6;
	} else if (cp >= 0xDC00 && cp < 0xE000) {
		return fail(j, "lone surrogate in a JSON string");
	}
	if (keep)
		put_utf8(j, cp);
	return true;
}

/* A string at j->i; decoded into out when keep. */
static bool string(json *j, bool keep)
{
	if (j->i >= j->n || j->s[j->i] != '"')
		return fail(j, "expected a JSON string");
	j->i++;
	if (keep)
		j->out_len = 0;
	while (j->i < j->n) {
		const unsigned char c = (unsigned char)j->s[j->i++];
		if (c == '"')
			return true;
		if (c < 0x20)
			return fail(j, "control character in a JSON string");
		if (c == '\\') {
			if (!escape(j, keep))
				return false;
		} else if (keep) {
			j->out[j->out_len++] = (char)c;
		}
	}
	return fail(j, "unterminated JSON string");
}

static bool value(json *j, int depth);

static bool literal(json *j)
{
	static const char *const words[] = { "true", "false", "null" };
	for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
		const size_t m = strlen(words[k]);
		if (j->n - j->i >= m && memcmp(j->s + j->i, words[k], m) == 0) {
			j->i += m;
			return true;
		}
	}
	return fail(j, "bad JSON value");
}

static bool number(json *j)
{
	const size_t start = j->i;
	while (j->i < j->n && strchr("+-0123456789.eE", j->s[j->i]) && j->s[j->i])
		j->i++;
	return j->i > start || fail(j, "bad JSON value");
}

/* Members or elements up to the closing bracket. */
static bool container(json *j, int depth, char close, bool members)
{
	j->i++;
	skip_ws(j);
	if (j->i < j->n && j->s[j->i] == close) {
		j->i++;
		return true;
	}
	for (;;) {
		skip_ws(j);
		if (members) {
			if (!string(j, false))
				return false;
			skip_ws(j);
			if (j->i >= j->n || j->s[j->i++] != ':')
				return fail(j, "expected ':' in a JSON object");
		}
		if (!value(j, depth + 1))
			return false;
		skip_ws(j);
		if (j->i >= j->n)
			return fail(j, "unterminated JSON object or array");
		const char c = j->s[j->i++];
		if (c == close)
			return true;
		if (c != ',')
			return fail(j, "expected ',' in a JSON object or array");
	}
}

static bool value(json *j, int depth)
{
	if (depth > NK_REC_JSON_DEPTH_MAX)
		return fail(j, "JSON nested too deeply");
	skip_ws(j);
	if (j->i >= j->n)
		return fail(j, "missing JSON value");
	switch (j->s[j->i]) {
	case '{':
		return container(j, depth, '}', true);
	case '[':
		return container(j, depth, ']', false);
	case '"':
		return string(j, false);
	case 't':
	case 'f':
	case 'n':
		return literal(j);
	default:
		return number(j);
	}
}

/*
 * Validate the record as one JSON object and decode the string member
 * "name" into out; *found says whether it was there (and a string).
 */
static bool json_member(json *j, const char *name, bool *found,
			bool *not_string)
{
	size_t want = SIZE_MAX;

	*found = *not_string = false;
	skip_ws(j);
	if (j->i >= j->n || j->s[j->i] != '{')
		return fail(j, "record is not a JSON object");
	j->i++;
	skip_ws(j);
	if (j->i < j->n && j->s[j->i] == '}') {
		j->i++;
	} else {
		for (;;) {
			skip_ws(j);
			if (!string(j, true))
				return false;
			const bool match = j->out_len == strlen(name) &&
					   memcmp(j->out, name, j->out_len) == 0;
			skip_ws(j);
			if (j->i >= j->n || j->s[j->i++] != ':')
				return fail(j, "expected ':' in a JSON object");
			skip_ws(j);
			if (match && j->i < j->n && j->s[j->i] == '"') {
				want = j->i;
				*found = true;
			} else if (match) {
				*not_string = true;
			}
			if (!value(j, 1))
				return false;
			skip_ws(j);
			if (j->i >= j->n)
				return fail(j, "unterminated JSON object");
			const char c = j->s[j->i++];
			if (c == '}')
				break;
			if (c != ',')
				return fail(j, "expected ',' in a JSON object");
		}
	}
	skip_ws(j);
	if (j->i != j->n)
		return fail(j, "text after the JSON object");
	if (*found) {
		j->i = want;
		return string(j, true);
	}
	return true;
}

/* ---- reading -------------------------------------------------------- */

int nk_rec_read(nk_rec_reader *r)
{
	bool newline;

	r->raw_len = r->nfields = r->value_len = 0;
	r->error[0] = '\0';
	r->line = r->next_line;
	/* an empty record still points somewhere: callers copy from it */
	if (!grow(&r->raw, &r->raw_cap, 1))
		return NK_REC_IO;
	int rc = read_line(r, &newline);
	if (rc != NK_REC_OK)
		return rc;
	strip_bom(r);
	while (r->fmt == NK_REC_CSV && csv_open_quote(r->raw, r->raw_len)) {
		if (!grow(&r->raw, &r->raw_cap, r->raw_len + 1))
			return NK_REC_IO;
		r->raw[r->raw_len++] = '\n'; /* a newline inside quotes */
		rc = read_line(r, &newline);
		if (rc == NK_REC_EOF)
			return malformed(r, "unterminated quoted field at end of input");
		if (rc != NK_REC_OK)
			return rc;
	}
	if (r->fmt == NK_REC_CSV)
		return split_csv(r);
	if (r->fmt == NK_REC_TSV)
		return split_tsv(r);
	return NK_REC_OK;
}

size_t nk_rec_find_column(const nk_rec_reader *r, const char *name)
{
	const size_t m = strlen(name);
	for (size_t i = 0; i < r->nfields; i++)
		if (r->fields[i].len == m &&
		    memcmp(r->value + r->fields[i].off, name, m) == 0)
			return i + 1;
	return 0;
}

static bool get_json(const nk_rec_reader *r, const char *name,
		     const char **s, size_t *n, char *error, size_t cap)
{
	nk_rec_reader *w = (nk_rec_reader *)r; /* value is scratch space */
	bool found, not_string;

	if (!grow(&w->value, &w->value_cap, r->raw_len + 1))
		return false;
	json j = { .s = r->raw, .n = r->raw_len, .out = w->value };
	if (!json_member(&j, name, &found, &not_string)) {
		snprintf(error, cap, "%s", j.error);
		return false;
	}
	if (!found) {
		snprintf(error, cap, "%s \"%s\"",
			 not_string ? "not a string:" : "no member", name);
		return false;
	}
	*s = w->value;
	*n = j.out_len;
	return true;
}

bool nk_rec_get(const nk_rec_reader *r, const nk_rec_select *sel,
		size_t header_column, const char **s, size_t *n, char *error,
		size_t cap)
{
	if (r->fmt == NK_REC_LINES) {
		*s = r->raw;
		*n = r->raw_len;
		return true;
	}
	if (r->fmt == NK_REC_JSONL)
		return get_json(r, sel->name ? sel->name : "name", s, n, error,
				cap);
	const size_t col = sel->name ? header_column : sel->column;
	if (col == 0 || col > r->nfields) {
		snprintf(error, cap, "no column %zu (the record has %zu)", col,
			 r->nfields);
		return false;
	}
	*s = r->value + r->fields[col - 1].off;
	*n = r->fields[col - 1].len;
	return true;
}

nk_rec_format nk_rec_format_of(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	nk_rec_format f = NK_REC_LINES;
	if (dot)
		nk_rec_parse_format(dot + 1, &f);
	return f;
}

bool nk_rec_parse_format(const char *s, nk_rec_format *out)
{
	static const struct {
		const char *name;
		nk_rec_format fmt;
	} names[] = {
		{ "lines", NK_REC_LINES }, { "txt", NK_REC_LINES },
		{ "tsv", NK_REC_TSV },     { "csv", NK_REC_CSV },
		{ "jsonl", NK_REC_JSONL }, { "ndjson", NK_REC_JSONL },
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(s, names[i].name) == 0) {
			*out = names[i].fmt;
			return true;
		}
	return false;
}

/* ---- writing -------------------------------------------------------- */

static void put_csv(FILE *out, const char *s, size_t n)
{
	if (n == 0 || (!memchr(s, '"', n) && !memchr(s, ',', n) &&
		       !memchr(s, '\n', n) && !memchr(s, '\r', n))) {
		fwrite(s, 1, n, out);
		return;
	}
	putc('"', out);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			putc('"', out);
		putc(s[i], out);
	}
	putc('"', out);
}

/* TSV has no quoting: tabs and newlines inside a value become spaces.
 * Values rarely hold one, so the text between them goes out in runs. */
static void put_tsv(FILE *out, const char *s, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			continue;
		fwrite(s + from, 1, i - from, out);
		putc(' ', out);
		from = i + 1;
	}
	fwrite(s + from, 1, n - from, out);
}

void nk_rec_put_field(FILE *out, nk_rec_format fmt, const char *s, size_t n)
{
	switch (fmt) {
	case NK_REC_CSV:
		put_csv(out, s, n);
		break;
	case NK_REC_JSONL:
		nk_cli_json_string(out, s, n);
		break;
	default:
		put_tsv(out, s, n);
		break;
	}
}
