/*
 * records.h - streaming readers and writers of the record formats the
 * batch commands take: one name per line, TSV, CSV (RFC 4180: quoted
 * fields, embedded newlines, a leading BOM) and JSON Lines.
 */
#ifndef NK_RECORDS_H
#define NK_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum nk_rec_format {
	NK_REC_LINES = 0,
	NK_REC_TSV,
	NK_REC_CSV,
	NK_REC_JSONL
} nk_rec_format;

/* Deepest JSON nesting accepted in a JSONL record. */
#define NK_REC_JSON_DEPTH_MAX 64

enum nk_rec_status {
	NK_REC_OK = 1,        /* a record was read */
	NK_REC_EOF = 0,
	NK_REC_MALFORMED = -1, /* see reader.error; the next read goes on */
	NK_REC_IO = -2
};

typedef struct nk_rec_field {
	size_t off; /* into reader.value */
	size_t len;
} nk_rec_field;

typedef struct nk_rec_reader {
	FILE *f;
	nk_rec_format fmt;
	char *raw;            /* the record as read, without its newline */
	size_t raw_len, raw_cap;
	char *value;          /* decoded field bytes */
	size_t value_len, value_cap;
	nk_rec_field *fields; /* CSV and TSV fields of the record */
	size_t nfields, fields_cap;
	unsigned long line;      /* first line of the record */
	unsigned long next_line; /* line the next record starts on */
	bool started;            /* the BOM check is done */
	unsigned long long bytes; /* bytes read so far */
	char error[160];
} nk_rec_reader;

/* The field of a record the name is in: a column or a named field. */
typedef struct nk_rec_select {
	size_t column;     /* 1-based; 0 when by name */
	const char *name;  /* header or JSON key; NULL when by column */
} nk_rec_select;

void nk_rec_init(nk_rec_reader *r, FILE *f, nk_rec_format fmt);
void nk_rec_free(nk_rec_reader *r);

/* Read the next record: enum nk_rec_status. */
int nk_rec_read(nk_rec_reader *r);

/*
 * The selected field of the record just read.  For JSONL the name field
 * must be a string.  false (with r->error set) when it is missing.
 * *s points into the reader, valid until the next read.
 */
bool nk_rec_get(const nk_rec_reader *r, const nk_rec_select *sel,
		size_t header_column, const char **s, size_t *n,
		char *error, size_t error_cap);

/* Column (1-based) of header name in the record just read, or 0. */
size_t nk_rec_find_column(const nk_rec_reader *r, const char *name);

/* Format from a file name's extension; NK_REC_LINES when unknown. */
nk_rec_format nk_rec_format_of(const char *path);

/* Parse "lines", "tsv", "csv", "jsonl"; false when unknown. */
bool nk_rec_parse_format(const char *s, nk_rec_format *out);

/* Write s as one field of fmt (quoted and escaped as the format needs). */
void nk_rec_put_field(FILE *out, nk_rec_format fmt, const char *s, size_t n);

#endif /* NK_RECORDS_H */
