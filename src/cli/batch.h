/*
 * batch.h - keying many names at once on several threads, for dedupe and
 * annotate.  A batch holds up to NK_BATCH_MAX names copied from the
 * input; nk_batch_key() keys them all, splitting the work over threads.
 * A zeroed nk_batch is an empty one; nk_batch_free() releases it.
 */
#ifndef NK_BATCH_H
#define NK_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "input.h"
#include "namekey.h"

#define NK_BATCH_MAX 16384
#define NK_THREADS_MAX 64

typedef struct nk_batch_item {
	size_t off, len;              /* the name in names */
	unsigned long long seq;       /* record number */
	char where[64];               /* file:line for messages */
	int rc;                       /* nk_key() result */
	nk_key_info info;
	char keys[NK_KEY_MAX];
} nk_batch_item;

typedef struct nk_batch {
	nk_batch_item *items; /* NK_BATCH_MAX of them, on the heap */
	size_t n;
	char *names;
	size_t names_len, names_cap;
} nk_batch;

/* Start empty; false when out of memory. */
bool nk_batch_add(nk_batch *b, const char *name, size_t len,
		  unsigned long long seq, const char *where);
void nk_batch_clear(nk_batch *b);
void nk_batch_free(nk_batch *b);

static inline bool nk_batch_full(const nk_batch *b)
{
	return b->n == NK_BATCH_MAX;
}

static inline const char *nk_batch_name(const nk_batch *b, size_t i)
{
	return b->names + b->items[i].off;
}

/* Key every item with threads threads (1 = this thread only). */
void nk_batch_key(nk_batch *b, const nk_ctx *ctx, const nk_key_options *o,
		  unsigned threads);

/* Options every batch command takes. */
typedef struct nk_batch_options {
	nk_input_options in;
	nk_key_options key;
	unsigned threads;
	bool store;       /* resolve names against the alias store */
	const char *db;   /* its path; NULL: the default store */
} nk_batch_options;

/* Help text of those options, for the commands' usage. */
#define NK_BATCH_OPTIONS_HELP \
	"Input:\n" \
	"  --in FORMAT     lines, tsv, csv or jsonl (default: by file\n" \
	"                  extension; lines for standard input)\n" \
	"  --column N      the name is in column N (1-based) of TSV/CSV\n" \
	"  --field NAME    the name is the column (header) or member NAME\n" \
	"                  (JSONL default: \"name\")\n" \
	"  --header        the first TSV/CSV record is a header\n" \
	"  --lang LANG     key every name as auto, ru, ko or other\n" \
	"  --fold-gender   one key for Ivanov and Ivanova\n" \
	"  --store         resolve names against the alias store first\n" \
	"  --db PATH       that store (implies --store; default\n" \
	"                  $NAMEKEY_DB, else ~/.local/share/namekey)\n"

void nk_batch_options_init(nk_batch_options *o);

/*
 * Parse argv[*i] if it is a batch option (advancing *i past its value):
 * 1 taken, 0 not a batch option, -1 bad value (reported on stderr).
 */
int nk_batch_parse_option(nk_batch_options *o, int argc, char **argv,
			  int *i);

/* Report a failed item on stderr, as "namekey: WHERE: message". */
void nk_batch_report(const nk_batch *b, size_t i);

#endif /* NK_BATCH_H */
