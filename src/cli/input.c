/*
 * input.c - the record stream of a batch command (see input.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <string.h>

#include "input.h"

void nk_input_init(nk_input *in, const nk_input_options *opt,
		   char *const *paths, int npaths)
{
	*in = (nk_input){ .opt = *opt, .paths = paths, .npaths = npaths };
}

static void close_file(nk_input *in)
{
	if (in->f && in->f != stdin)
		fclose(in->f);
	in->f = NULL;
	nk_rec_free(&in->rr);
}

void nk_input_close(nk_input *in)
{
	close_file(in);
}

static bool wants_header(const nk_input *in, nk_rec_format fmt)
{
	const bool delimited = fmt == NK_REC_CSV || fmt == NK_REC_TSV;
	return delimited && (in->opt.header || in->opt.select.name);
}

/* Open the next file: NK_IN_RECORD, NK_IN_END or NK_IN_FATAL. */
static int open_next(nk_input *in)
{
	const int count = in->npaths == 0 ? 1 : in->npaths;
	if (in->next_path >= count)
		return NK_IN_END;
	in->path = in->npaths == 0 ? "-" : in->paths[in->next_path];
	in->next_path++;
	const bool is_stdin = strcmp(in->path, "-") == 0;
	in->f = is_stdin ? stdin : fopen(in->path, "rb");
	if (!in->f) {
		snprintf(in->error, sizeof in->error, "cannot open %s: %s",
			 in->path, strerror(errno));
		return NK_IN_FATAL;
	}
	const nk_rec_format fmt = in->opt.format_forced
					  ? in->opt.format
					  : nk_rec_format_of(is_stdin ? NULL : in->path);
	nk_rec_init(&in->rr, in->f, fmt);
	in->want_header = wants_header(in, fmt);
	in->name_column = 0;
	return NK_IN_RECORD;
}

const char *nk_input_where(const nk_input *in, char *buf, size_t cap)
{
	const bool is_stdin = !in->path || strcmp(in->path, "-") == 0;
	if (is_stdin)
		snprintf(buf, cap, "line %lu", in->rr.line);
	else
		snprintf(buf, cap, "%s:%lu", in->path, in->rr.line);
	return buf;
}

static int bad(nk_input *in, const char *what)
{
	char where[256];
	snprintf(in->error, sizeof in->error, "%.255s: %.200s",
		 nk_input_where(in, where, sizeof where), what);
	return NK_IN_BAD;
}

static int header(nk_input *in)
{
	in->want_header = false;
	if (!in->opt.select.name)
		return NK_IN_HEADER;
	in->name_column = nk_rec_find_column(&in->rr, in->opt.select.name);
	if (in->name_column == 0) {
		snprintf(in->error, sizeof in->error,
			 "%s: no column named \"%s\" in the header", in->path,
			 in->opt.select.name);
		return NK_IN_FATAL;
	}
	return NK_IN_HEADER;
}

int nk_input_next(nk_input *in, const char **name, size_t *len)
{
	for (;;) {
		if (!in->f) {
			const int rc = open_next(in);
			if (rc != NK_IN_RECORD)
				return rc;
		}
		const unsigned long long before = in->rr.bytes;
		const int rc = nk_rec_read(&in->rr);
		in->bytes_done += in->rr.bytes - before;
		if (rc == NK_REC_EOF) {
			close_file(in);
			continue;
		}
		if (rc == NK_REC_IO) {
			snprintf(in->error, sizeof in->error, "reading %s: %s",
				 in->path, strerror(errno));
			return NK_IN_FATAL;
		}
		if (rc == NK_REC_MALFORMED)
			return bad(in, in->rr.error);
		if (in->want_header)
			return header(in);
		char why[256];
		if (!nk_rec_get(&in->rr, &in->opt.select, in->name_column, name,
				len, why, sizeof why))
			return bad(in, why);
		in->records++;
		return NK_IN_RECORD;
	}
}
