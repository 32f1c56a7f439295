/*
 * nk_test.h - helpers shared by the Check suites.
 */
#ifndef NK_TEST_H
#define NK_TEST_H

#include <check.h>
#include <stdbool.h>

#include "namekey.h"

/* A context for the whole test binary; created on first use. */
nk_ctx *nkt_ctx(void);

/* Key of name (auto language) into a static buffer; "" on error. */
const char *nkt_key(const char *name);

/* Key with a language hint and flags. */
const char *nkt_key_opts(const char *name, nk_lang lang, unsigned flags);

/* Do the two names share at least one key? */
bool nkt_share_key(const char *a, const char *b);

/* Path of a file in tests/data (static buffer). */
const char *nkt_data(const char *file);

/*
 * Check every variant group of a TSV file: lines "group<TAB>name";
 * '#' comments.  All names of a group must share a key and names of
 * different groups must not.  Returns the number of failures and prints
 * each one.
 */
int nkt_check_groups(const char *file);

/* Output of one run of the namekey binary (from $NK_BIN). */
#define NKT_OUT_MAX (1u << 16)
typedef struct nkt_result {
	int status; /* exit status, -1 when killed */
	char out[NKT_OUT_MAX];
	char err[NKT_OUT_MAX];
} nkt_result;

/*
 * Run "namekey ARGS" (ARGS as shell words) with input on standard input
 * (NULL: empty); the result lives until the next call.
 */
const nkt_result *nkt_cli(const char *input, const char *args);

/* Text handed to nk_store_import() from memory (nkt_read_text). */
typedef struct nkt_text_reader {
	const char *s;
	size_t pos, len;
} nkt_text_reader;

/* An nk_read_fn over an nkt_text_reader. */
long nkt_read_text(void *data, char *buf, size_t cap);

/* Template of nkt_db_path()'s paths; a buffer of its size holds one. */
#define NKT_DB_TEMPLATE "/tmp/nkt_db_XXXXXX"

/* A fresh path where no store exists yet, for a test to create one. */
void nkt_db_path(char path[sizeof NKT_DB_TEMPLATE]);

/*
 * A made-up name (two capitalised words of consonant-vowel syllables,
 * "Kalo Minesu"), different for every n: never a real person's, and
 * keyable.  Static buffer.
 */
const char *nkt_made_up_name(unsigned long n);

/* Run a suite; returns the process exit status. */
int nkt_run(Suite *s);

#endif /* NK_TEST_H */
