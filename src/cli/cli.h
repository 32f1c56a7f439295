/*
 * cli.h - what the namekey subcommands share: the command table entry,
 * exit codes, line input and JSON output.  The CLI is a thin layer over
 * the public API in namekey.h; nothing here knows about names.
 */
#ifndef NK_CLI_H
#define NK_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "namekey.h"

/* Exit codes, documented in namekey(1). */
enum nk_exit {
	NK_EXIT_OK = 0,      /* all input handled */
	NK_EXIT_INPUT = 1,   /* some input lines were bad; the rest done */
	NK_EXIT_USAGE = 2,   /* bad command line */
	NK_EXIT_FAILURE = 3  /* I/O, store or library failure */
};

typedef struct nk_cli_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage; /* full --help text */
} nk_cli_cmd;

extern const nk_cli_cmd nk_cmd_key;
/* comparison commands */
extern const nk_cli_cmd nk_cmd_compare;
extern const nk_cli_cmd nk_cmd_explain;
/* store commands */
extern const nk_cli_cmd nk_cmd_add;
extern const nk_cli_cmd nk_cmd_alias;
extern const nk_cli_cmd nk_cmd_unalias;
extern const nk_cli_cmd nk_cmd_merge;
extern const nk_cli_cmd nk_cmd_split;
extern const nk_cli_cmd nk_cmd_rename;
extern const nk_cli_cmd nk_cmd_show;
extern const nk_cli_cmd nk_cmd_list;
extern const nk_cli_cmd nk_cmd_history;
extern const nk_cli_cmd nk_cmd_undo;
extern const nk_cli_cmd nk_cmd_resolve;
extern const nk_cli_cmd nk_cmd_import;
extern const nk_cli_cmd nk_cmd_export;
extern const nk_cli_cmd nk_cmd_reindex;
extern const nk_cli_cmd nk_cmd_check;
/* batch commands */
extern const nk_cli_cmd nk_cmd_dedupe;
extern const nk_cli_cmd nk_cmd_annotate;
extern const nk_cli_cmd nk_cmd_lookup;

/* Program name for messages. */
#define NK_PROG "namekey"

/* One-line error on stderr: "namekey: <msg>". */
void nk_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Open the store at path (NULL: $NAMEKEY_DB, else the per-user default),
 * reporting a failure, and with warn_stale a stale key format, on stderr
 * in one line.  NK_EXIT_OK, or the exit status to end with.
 */
int nk_cli_open_store(nk_store **out, nk_ctx *ctx, const char *path,
		      bool create, bool warn_stale);

/*
 * Why nk_key() refused a name of len bytes with NK_ETOOLONG, as message
 * text in buf: the byte limit, or, for a name within it, too many parts
 * or letters to key.  Returns buf.
 */
#define NK_TOO_LONG_MSG 64
const char *nk_cli_too_long(char *buf, size_t size, size_t len);

/* The exit status a library error ends with: bad input (an unknown id,
 * a name that cannot be keyed, a malformed file) NK_EXIT_INPUT, anything
 * else NK_EXIT_FAILURE. */
int nk_cli_exit_of(int rc);

/* Parse a language name ("auto", "ru", "ko", "other"). */
bool nk_cli_parse_lang(const char *s, nk_lang *out);

/* Is arg "-h" or "--help"? */
bool nk_cli_is_help(const char *arg);

/* Write s (n bytes) as a JSON string literal, quotes included. */
void nk_cli_json_string(FILE *f, const char *s, size_t n);

/* A NUL-terminated string as a JSON string, or null for NULL. */
void nk_cli_json_cstr(FILE *f, const char *s);

/* A space-separated list (keys) as a JSON array of strings. */
void nk_cli_json_words(FILE *f, const char *words);

/* Calls fn for each line of f (newline stripped, CR too); stops early
 * when fn returns false.  Returns false on a read error. */
typedef bool (*nk_line_fn)(void *data, const char *line, size_t len,
			   unsigned long lineno);
bool nk_cli_each_line(FILE *f, nk_line_fn fn, void *data);

#endif /* NK_CLI_H */
