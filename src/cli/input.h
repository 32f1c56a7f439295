/*
 * input.h - the record stream of a batch command: its files in order (or
 * standard input), each read in its format, with the name field picked
 * out of every record and errors located by file and line.
 */
#ifndef NK_INPUT_H
#define NK_INPUT_H

#include "records.h"

enum nk_input_status {
	NK_IN_RECORD = 1, /* *name holds the record's name */
	NK_IN_END = 0,
	NK_IN_HEADER = 2, /* a header record (CSV/TSV with --field/--header) */
	NK_IN_BAD = -1,   /* malformed record: in->error; reading goes on */
	NK_IN_FATAL = -2  /* cannot open or read: in->error */
};

typedef struct nk_input_options {
	nk_rec_format format; /* used when forced */
	bool format_forced;   /* else by each file's extension */
	nk_rec_select select;
	bool header;          /* the first record of each file is a header */
} nk_input_options;

typedef struct nk_input {
	nk_input_options opt;
	char *const *paths;
	int npaths, next_path;
	const char *path;      /* current file, "-" for standard input */
	FILE *f;
	nk_rec_reader rr;
	bool want_header;
	size_t name_column;    /* from the header */
	unsigned long long records, bytes_done;
	char error[512];
} nk_input;

/* paths may be empty: standard input.  Does not open anything yet. */
void nk_input_init(nk_input *in, const nk_input_options *opt,
		   char *const *paths, int npaths);
void nk_input_close(nk_input *in);

/* Next record: enum nk_input_status. */
int nk_input_next(nk_input *in, const char **name, size_t *len);

/* "file:line" of the record just read, for messages. */
const char *nk_input_where(const nk_input *in, char *buf, size_t cap);

#endif /* NK_INPUT_H */
